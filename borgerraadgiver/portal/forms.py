from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.advisor.forms import DateInput


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class AnswerForm(forms.Form):
    answer_text = forms.CharField(
        label=_("Answer to the citizen"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "The department's written answer. The citizens' advisor receives it as a copy."
        ),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, Word, OpenDocument, JPEG, PNG or text files, at most 10 MB each."),
    )


class ExtensionForm(forms.Form):
    prefix = "extension"

    new_deadline_date = forms.DateField(label=_("New date for the answer"), widget=DateInput())
    reason = forms.CharField(
        label=_("Why the department needs more time"), widget=forms.Textarea(attrs={"rows": 3})
    )
    citizen_informed = forms.BooleanField(
        label=_("The citizen has been told about the new date"), required=False
    )
