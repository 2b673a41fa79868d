"""The advisor's forms for consent and forwarding."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.forms import DateInput
from borgerraadgiver.forwarding.models import ConsentMethod, Forwarding
from borgerraadgiver.forwarding.selectors import recipients_with_managers
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.drawing import DrawnOnceForm


class ConsentForm(DrawnOnceForm):
    prefix = "consent"
    drawn_apart = ("given_by",)  # the person's name

    given_by = forms.CharField(
        label=_("Given by"),
        max_length=200,
        help_text=_("The citizen, or who gave it on their behalf."),
    )
    given_date = forms.DateField(label=_("Date"), widget=DateInput())
    method = forms.ChoiceField(label=_("How"), choices=ConsentMethod.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class WithdrawConsentForm(DrawnOnceForm):
    prefix = "withdraw"

    withdrawn_date = forms.DateField(label=_("Withdrawn on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ForwardingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Forwarding.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A dialogue case asks the department to help find a solution; a forwarded complaint "
            "asks for a written answer to the citizen, with a copy to the citizens' advisor."
        ),
    )
    # A department's management (value: its id), or the management of an area that has no
    # departments (value: "area-<id>"), such as the municipal director's area.
    department = forms.ChoiceField(label=_("To the management of"))
    text = forms.CharField(
        label=_("Text to the department"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "All the department sees of the inquiry. Include only what of the citizen's story "
            "and personal data the department needs to answer."
        ),
    )

    share_identity = forms.BooleanField(
        label=_("Share the citizen's name and CPR number with the department"),
        required=False,
        help_text=_(
            "Only if the department needs them to find its own case. The department then sees "
            "the name, and the CPR number if one is registered, as they are today."
        ),
    )

    def __init__(self, *args: Any, inquiry: Inquiry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if inquiry.person_id is None:  # anonymous: nothing to share
            del self.fields["share_identity"]
        self.recipients = recipients_with_managers(today=timezone.localdate())
        field = self.fields["department"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose…")), *self.recipients.choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value = data.pop("department", None)
        if value:
            data["department"], data["area"] = self.recipients.parse(value)
        return data


class SendForm(forms.Form):
    """Sending a draft: whether to share who the citizen is (see `ForwardingForm`)."""

    share_identity = ForwardingForm.base_fields["share_identity"]


class FollowUpForm(forms.Form):
    prefix = "follow_up"

    text = forms.CharField(label=_("Follow-up question"), widget=forms.Textarea(attrs={"rows": 4}))


class CloseForwardingForm(forms.Form):
    prefix = "close"

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Forwarding.Outcome.choices, widget=forms.RadioSelect
    )


class RefusalForm(DrawnOnceForm):
    prefix = "refusal"
    drawn_apart = ("given_by",)  # the person's name

    given_by = forms.CharField(
        label=_("Said by"),
        max_length=200,
        help_text=_("The citizen, or who spoke on their behalf."),
    )
    refused_date = forms.DateField(label=_("Date"), widget=DateInput())
    method = forms.ChoiceField(label=_("How"), choices=ConsentMethod.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class KindForm(forms.Form):
    prefix = "kind"

    kind = forms.ChoiceField(
        label=_("Kind"), choices=Forwarding.Kind.choices, widget=forms.RadioSelect
    )
