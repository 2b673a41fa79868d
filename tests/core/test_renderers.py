"""The form renderer writes select boxes, inputs and text areas in Python: exactly the HTML of
Django's templates."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from borgerraadgiver.advisor.forms import InquiryFilterForm
from borgerraadgiver.advisor.registration_forms import RegistrationForm
from borgerraadgiver.core.forms import MultipleFileField, MultipleFileInput
from borgerraadgiver.core.renderers import FormRenderer
from tests.factories import DepartmentFactory, HandlingTypeFactory, ReasonFactory

pytestmark = pytest.mark.django_db


class Awkward(forms.Form):
    grouped = forms.ChoiceField(
        choices=[
            ("", "—"),
            ("Børn & unge", [("1", 'Skole "A" <syd>'), ("2", "PPR")]),
            ("Voksne", [("3", "Jobcenter")]),
        ],
        widget=forms.Select(attrs={"class": "form-select", "data-x": True, "hidden": False}),
    )
    many = forms.MultipleChoiceField(choices=[(1, "Én"), (2, "To"), (3, "Tre")], required=False)
    yes_no = forms.NullBooleanField()
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'a "b" <c>'}))
    note = forms.CharField(widget=forms.Textarea)
    hidden = forms.CharField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    mail = forms.EmailField()
    number = forms.IntegerField()
    ticked = forms.BooleanField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput)
    upload = forms.FileField(required=False)  # Django's ClearableFileInput
    uploads = MultipleFileField(required=False, widget=MultipleFileInput(attrs={"accept": ".pdf"}))
    plain_file = forms.FileField(widget=forms.FileInput, required=False)


def written_here(form: forms.Form) -> list[forms.BoundField]:
    own = FormRenderer().djangos_own
    return [f for f in form if f.field.widget.template_name in own]


def assert_same_html(form: forms.Form) -> int:
    fast, django = FormRenderer(), DjangoTemplates()
    fields = written_here(form)
    for field in fields:
        attrs = {"class": "form-select", "aria-describedby": "x-hint"}
        ours = field.field.widget.render(field.html_name, field.value(), attrs, renderer=fast)
        theirs = field.field.widget.render(field.html_name, field.value(), attrs, renderer=django)
        assert ours == theirs
    return len(fields)


def test_select_boxes_are_written_as_django_writes_them():
    bound = Awkward(
        {
            "grouped": "1",
            "many": ["1", "3"],
            "yes_no": "true",
            "text": 'Jens "J" <Ø> & co ',
            "note": "<b>fed</b> & \nflere linjer\n",
            "hidden": "x'y",
            "day": "2024-03-04",
            "mail": "a@b.dk",
            "number": "12",
            "ticked": "on",
            "secret": "hemmelig",
        }
    )
    assert assert_same_html(bound) == 14
    assert assert_same_html(Awkward()) == 14


class StoredFile:
    """A file given before, as a model's FileField gives it: the clearable input's other case."""

    url = "/media/brev.pdf"

    def __str__(self) -> str:
        return "brev <1>.pdf"


def test_a_file_input_with_a_file_given_before_is_djangos_template():
    form = Awkward(initial={"upload": StoredFile()})
    field = form["upload"]
    written = field.as_widget()
    assert "brev &lt;1&gt;.pdf" in written and 'type="checkbox"' in written
    assert written == field.field.widget.render(
        field.html_name, field.value(), {"id": "id_upload"}, renderer=DjangoTemplates()
    )


def test_the_list_filters_and_the_registration_form_render_as_before():
    department = DepartmentFactory(name="Børn & Familie")
    reasons = [ReasonFactory(name="Manglende svar"), ReasonFactory(name="Afgørelse <ny>")]
    HandlingTypeFactory()
    filters = InquiryFilterForm(
        {"area": department.area_id, "reason": reasons[1].pk, "status": "open"}, years=[2024]
    )
    filters.is_valid()
    assert assert_same_html(filters) >= 6
    registration = RegistrationForm(
        {"department": f"d{department.pk}", "reasons": [r.pk for r in reasons]},
        today=datetime.date(2024, 3, 4),
    )
    registration.is_valid()
    assert assert_same_html(registration) >= 8


def test_the_python_html_is_used_unless_an_app_overrides_the_templates(monkeypatch):
    renderer = FormRenderer()
    assert "django/forms/widgets/select.html" in renderer.djangos_own
    assert "django/forms/widgets/text.html" in renderer.djangos_own
    monkeypatch.setattr(DjangoTemplates, "render", lambda *args, **kwargs: "from the template")
    widget = forms.Select(choices=[("1", "En")])
    assert widget.render("x", "1", renderer=renderer).startswith('<select name="x">')
    assert (
        forms.TextInput().render("y", "Jens", renderer=renderer)
        == '<input type="text" name="y" value="Jens">'
    )
    renderer.djangos_own = frozenset()
    assert widget.render("x", "1", renderer=renderer) == "from the template"
