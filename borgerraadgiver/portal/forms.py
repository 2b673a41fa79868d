from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.forms import AttachmentsField, DateInput
from borgerraadgiver.forwarding.selectors import PORTAL_STATUSES


class PortalFilterForm(forms.Form):
    """Which of the manager's cases the list shows: all (the default) or those of one status."""

    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("All")), *((status.value, status.label) for status in PORTAL_STATUSES)],
    )


class AnswerForm(forms.Form):
    answer_text = forms.CharField(
        label=_("The department's answer to the citizen"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Write the answer the department gives the citizen. The citizens' advisor gets a copy."
        ),
    )
    attachments = AttachmentsField(label=_("Attachments"), required=False)
    confirmed = forms.BooleanField(
        label=_(
            "I have read the answer through: it is the department's answer to the citizen, and "
            "the citizens' advisor gets a copy"
        ),
        error_messages={
            "required": _("Confirm that the answer is ready to be sent, by ticking the box.")
        },
    )


class WithdrawAnswerForm(forms.Form):
    prefix = "withdraw"

    reason = forms.CharField(
        label=_("Why the answer is withdrawn"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The citizens' advisor sees the reason with the withdrawn answer."),
    )
    confirmed = forms.BooleanField(
        label=_("Withdraw the answer. It stays visible to the citizens' advisor, marked withdrawn"),
        error_messages={"required": _("Confirm the withdrawal, by ticking the box.")},
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
