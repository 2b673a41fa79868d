"""The advisor's forms for consent and forwarding."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.forms import DateInput
from borgerraadgiver.forwarding.models import ConsentMethod, Forwarding
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Department


class ConsentForm(forms.Form):
    prefix = "consent"

    given_by = forms.CharField(
        label=_("Given by"),
        max_length=200,
        help_text=_("The citizen, or who gave it on their behalf."),
    )
    given_date = forms.DateField(label=_("Date"), widget=DateInput())
    method = forms.ChoiceField(label=_("How"), choices=ConsentMethod.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class WithdrawConsentForm(forms.Form):
    prefix = "withdraw"

    withdrawn_date = forms.DateField(label=_("Withdrawn on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class DepartmentWithAreaField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Department) -> str:
        return f"{obj.area.name} · {obj.name}"


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
    department = DepartmentWithAreaField(
        queryset=Department.objects.none(),
        label=_("To the management of"),
        empty_label=_("Choose…"),
    )
    text = forms.CharField(
        label=_("Text to the department"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "All the department sees of the inquiry. Include only what of the citizen's story "
            "and personal data the department needs to answer."
        ),
    )

    def __init__(self, *args: Any, inquiry: Inquiry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Department.objects.filter(managers__is_active=True)
            .distinct()
            .select_related("area")
            .order_by("area__sort_order", "sort_order", "name")
        )


class FollowUpForm(forms.Form):
    prefix = "follow_up"

    text = forms.CharField(label=_("Follow-up question"), widget=forms.Textarea(attrs={"rows": 4}))


class CloseForwardingForm(forms.Form):
    prefix = "close"

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Forwarding.Outcome.choices, widget=forms.RadioSelect
    )
