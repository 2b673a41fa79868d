"""`{% dkfds_field %}` (`core/fields.py`, issue 18) writes what `includes/field.html` writes, for
every kind of field the app's forms use: required and optional, with a hint, with errors, each
widget, `hide_optional` and `columns`, and text that must be escaped."""

import re

import pytest
from django import forms
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe

from borgerraadgiver.core.fields import field_html
from borgerraadgiver.core.forms import DateInput

CHOICES = [("a", "Første <valg>"), ("b", "Andet & sidste"), (3, "Tre")]


class EveryKind(forms.Form):
    text = forms.CharField(label="Navn <fuldt>", help_text="Som på sygesikringskortet & andet")
    optional_text = forms.CharField(label="Telefon", required=False)
    area = forms.CharField(label="Resumé", required=False, widget=forms.Textarea)
    when = forms.DateField(label="Dato", widget=DateInput())
    number = forms.IntegerField(label="Minutter", required=False, min_value=0)
    email = forms.EmailField(label="E-mail", required=False)
    select = forms.ChoiceField(label="Vælg", choices=CHOICES, required=False)
    multiple_select = forms.MultipleChoiceField(label="Flere", choices=CHOICES, required=False)
    boxes = forms.MultipleChoiceField(
        label="Årsager", choices=CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    required_boxes = forms.MultipleChoiceField(
        label="Mindst én", choices=CHOICES, widget=forms.CheckboxSelectMultiple, help_text="Hjælp"
    )
    radio = forms.ChoiceField(
        label="Kanal", choices=CHOICES, widget=forms.RadioSelect, required=False
    )
    agree = forms.BooleanField(label="Samtykke <givet>", required=False, help_text="Skriftligt")
    must_agree = forms.BooleanField(label="Skal krydses af")
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    safe_hint = forms.CharField(
        label="Fil", required=False, help_text=mark_safe("<strong>Højst</strong> 10 MB")
    )
    styled = forms.CharField(
        label="Med klasse", required=False, widget=forms.TextInput(attrs={"class": "input-width-s"})
    )


BOUND = {
    "text": "",
    "number": "minus <en>",
    "when": "ikke en dato",
    "email": "ikke@",
    "select": "b",
    "multiple_select": ["a", "3"],
    "boxes": ["b", "x"],
    "radio": "a",
    "agree": "on",
    "hidden": 'skjult "værdi"',
}

INCLUDE = engines["django"].from_string(
    '{% include "includes/field.html" with field=field hide_optional=hide_optional '
    "columns=columns %}"
)


def _collapsed(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").strip()


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("bound", [False, True], ids=["empty form", "with errors"])
@pytest.mark.parametrize("hide_optional", [False, True])
@pytest.mark.parametrize("columns", [False, True])
def test_every_field_is_written_as_the_template_writes_it(language, bound, hide_optional, columns):
    with translation.override(language):
        form = EveryKind(BOUND if bound else None)
        if bound:
            assert not form.is_valid()
        for field in form:
            context = {"field": field, "hide_optional": hide_optional, "columns": columns}
            expected = _collapsed(INCLUDE.render(context))
            written = _collapsed(field_html(field, hide_optional=hide_optional, columns=columns))
            assert written == expected, field.name
    if bound:
        assert "form-error-message" in written or field.name == "styled"


def test_the_tag_takes_the_includes_arguments():
    form = EveryKind()
    page = engines["django"].from_string(
        "{% load dkfds %}{% dkfds_field form.optional_text hide_optional=True %}"
        "{% dkfds_field form.boxes columns=True %}"
    )
    html = page.render({"form": form})
    assert "(valgfrit)" not in html and "(optional)" not in html
    assert 'class="checkbox-columns"' in html
