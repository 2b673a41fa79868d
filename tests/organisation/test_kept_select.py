"""The select boxes of kept choices are drawn once a process for each value, attributes and
language (organisation.forms.Select), exactly as Django's own select box draws them."""

import pytest
from django import forms
from django.utils import translation

from borgerraadgiver.advisor.forms import InquiryFilterForm
from borgerraadgiver.core.fields import field_html
from borgerraadgiver.organisation.models import Area
from tests.factories import AreaFactory, DepartmentFactory, HandlingTypeFactory, ReasonFactory

pytestmark = pytest.mark.django_db

KEPT_BOXES = ["area", "department", "reason", "handling"]


def _form(data: dict) -> InquiryFilterForm:
    return InquiryFilterForm(data, years=[2024, 2025])


@pytest.fixture
def lists():
    area = AreaFactory(name="Børn og Familie")
    DepartmentFactory(area=area, name="Familieafdelingen")
    ReasonFactory(name="Sagsbehandlingstid")
    HandlingTypeFactory(name="Vejledning")
    return area


def _as_django_draws_it(bound: forms.BoundField) -> str:
    plain = forms.Select(attrs=bound.field.widget.attrs)
    plain.choices = bound.field.choices
    return str(bound.as_widget(widget=plain))


@pytest.mark.parametrize("language", ["da", "en"])
def test_each_box_is_drawn_as_djangos_select_draws_it(lists, language):
    with translation.override(language):
        for data in [{}, {"area": str(lists.pk)}, {"area": "999999", "reason": "x"}]:
            for name in KEPT_BOXES:
                first = str(_form(data)[name])
                again = str(_form(data)[name])
                assert first == again == _as_django_draws_it(_form(data)[name])


def test_a_box_drawn_before_is_not_built_again(lists, monkeypatch):
    str(_form({})["area"])
    built = []
    original = forms.Select.optgroups

    def counted(self, *args, **kwargs):
        built.append(args[0])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(forms.Select, "optgroups", counted)
    str(_form({})["area"])
    assert built == []
    selected = str(_form({"area": str(lists.pk)})["area"])  # another value
    assert built == ["area"]
    assert f'<option value="{lists.pk}" selected>Børn og Familie</option>' in selected


def test_a_list_changed_is_drawn_with_its_change(lists):
    assert "Børn og Familie" in str(_form({})["area"])
    Area.objects.filter(pk=lists.pk).update(name="Børn, Unge og Familie")  # no signal
    drawn = str(_form({})["area"])
    assert "Børn, Unge og Familie" in drawn
    assert "Børn og Familie<" not in drawn


def test_each_language_gets_its_own_box(lists):
    with translation.override("da"):
        danish = str(_form({})["area"])
    with translation.override("en"):
        english = str(_form({})["area"])
    assert ">Alle</option>" in danish
    assert ">All</option>" in english


def test_each_box_has_the_design_systems_select_class(lists):
    form = _form({})
    for name in KEPT_BOXES:
        assert form[name].widget_type == "select"
        assert f'<select name="{name}" class="form-select"' in field_html(form[name])
