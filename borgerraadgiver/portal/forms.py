from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.forms import AttachmentsField, DateInput


class AnswerForm(forms.Form):
    answer_text = forms.CharField(
        label=_("Answer to the citizen"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "The department's written answer. The citizens' advisor receives it as a copy."
        ),
    )
    attachments = AttachmentsField(label=_("Attachments"), required=False)


class ExtensionForm(forms.Form):
    prefix = "extension"

    new_deadline_date = forms.DateField(label=_("New date for the answer"), widget=DateInput())
    reason = forms.CharField(
        label=_("Why the department needs more time"), widget=forms.Textarea(attrs={"rows": 3})
    )
    citizen_informed = forms.BooleanField(
        label=_("The citizen has been told about the new date"), required=False
    )
