"""The advisor's forms. They check input; the rules themselves live in the services."""

import datetime
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import ACTIVE_ADVISOR
from borgerraadgiver.core.forms import DateInput, MinutesField
from borgerraadgiver.inquiries.cpr import cpr_normalise
from borgerraadgiver.inquiries.models import Channel, ComplainantKind, Inquiry
from borgerraadgiver.inquiries.selectors import SORT_KEYS
from borgerraadgiver.inquiries.services.inputs import Placement
from borgerraadgiver.organisation.drawing import DrawnFilterForm, DrawnOnceForm
from borgerraadgiver.organisation.forms import (
    KeptModelChoiceField,
    KeptModelMultipleChoiceField,
    area_filter_field,
    department_filter_field,
    kept_by_pk,
    label_with_end,
)
from borgerraadgiver.organisation.kept import kept_rows
from borgerraadgiver.organisation.models import (
    Action,
    Area,
    Department,
    HandlingType,
    Reason,
    ReferralBody,
    ReferralSource,
)


class SharedChoices(BaseChoiceIterator):
    """Choices in Django's form already, shared by the forms of a process: as a choice iterator,
    a field takes them as they are rather than rebuilding them for each form (issue 18).
    Tuples all the way down, so that no form can change what the others offer."""

    def __init__(self, choices: tuple[tuple[str, Any], ...]) -> None:
        self.choices = choices

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)


@dataclass(frozen=True)
class Placements:
    grouped: SharedChoices  # one <select>: departments grouped by area
    flat: SharedChoices  # check boxes: 'Area · Department', without the empty choice


# By the year the choices start and the language, with the kept rows they were made from.
_placements: dict[
    tuple[datetime.date, str], tuple[tuple[Any, ...], tuple[Any, ...], Placements]
] = {}


def placements(*, since: datetime.date) -> Placements:
    """Departments grouped by area, for one <select>; areas without departments stand alone.

    Values are 'd<id>' for a department and 'a<id>' for an area without departments. A department
    that closed after `since` is still offered, marked with its end date, for late registrations.
    Made again only when the office's lists are read again (`organisation.kept`); read-only.
    """
    open_then = Q(valid_to__isnull=True) | Q(valid_to__gte=since)
    areas = kept_rows(f"placement-areas:{since}", Area.objects.filter(open_then))
    departments = kept_rows(
        f"placement-departments:{since}",
        Department.objects.filter(open_then).order_by("sort_order", "name"),
    )
    key = (since, translation.get_language())
    memo = _placements.get(key)
    if memo is None or memo[0] is not areas or memo[1] is not departments:
        grouped = _grouped(areas, departments)
        made = Placements(grouped=SharedChoices(grouped), flat=SharedChoices(_flat(grouped[1:])))
        memo = _placements[key] = (areas, departments, made)
    return memo[2]


def _grouped(
    areas: Iterable[Area], departments: Iterable[Department]
) -> tuple[tuple[str, Any], ...]:
    by_area: dict[int, list[Department]] = {}
    for department in departments:
        by_area.setdefault(department.area_id, []).append(department)
    choices: list[tuple[str, Any]] = [("", str(_("Choose…")))]
    for area in areas:
        if area.pk in by_area:
            choices.append(
                (
                    area.name,
                    tuple(
                        (f"d{d.pk}", label_with_end(d.name, d.valid_to)) for d in by_area[area.pk]
                    ),
                )
            )
        else:
            choices.append((f"a{area.pk}", label_with_end(area.name, area.valid_to)))
    return tuple(choices)


def _flat(choices: Iterable[tuple[str, Any]]) -> tuple[tuple[str, str], ...]:
    """Grouped choices as one list of 'Area · Department' labels, for checkboxes."""
    flat: list[tuple[str, str]] = []
    for value, label in choices:
        if isinstance(label, tuple):
            flat.extend((inner, f"{value} · {inner_label}") for inner, inner_label in label)
        else:
            flat.append((value, str(label)))
    return tuple(flat)


def parse_placement(value: str) -> Placement:
    """The area and department a placement's value ('d<id>' or 'a<id>') names, from the lists
    this process keeps (`organisation.kept`): read-only rows, as every request shares them."""
    kind, raw_id = value[:1], value[1:]
    if kind not in ("d", "a") or not raw_id.isdigit():
        raise forms.ValidationError(_("Choose a department from the list."))
    if kind == "d":
        queryset = Department.objects.select_related("area")
        department = kept_by_pk("placement.departments", queryset).get(str(int(raw_id)))
        if department is None:
            raise forms.ValidationError(_("That department no longer exists."))
        return Placement(area=department.area, department=department)
    area = kept_by_pk("placement.areas", Area.objects.all()).get(str(int(raw_id)))
    if area is None:
        raise forms.ValidationError(_("That area no longer exists."))
    return Placement(area=area)


class ReasonsField(KeptModelMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Reason.objects.active(),
            kept_as="ReasonsField",
            label=_("Reasons"),
            help_text=_("Why the citizen came. Choose one or more."),
            error_messages={"required": _("Choose at least one reason.")},
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


class TypedFieldsMixin:
    fields: dict[str, forms.Field]

    def choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def model_field(self, name: str) -> forms.ModelChoiceField:
        return cast(forms.ModelChoiceField, self.fields[name])


class InquiryFieldsForm(TypedFieldsMixin, forms.Form):
    """The fields registration and editing share."""

    received_date = forms.DateField(label=_("Received"), widget=DateInput())
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", _("Choose…")), *Channel.choices])
    reasons = ReasonsField()
    handling_type = KeptModelChoiceField(
        queryset=HandlingType.objects.active(),
        kept_as="InquiryFieldsForm.handling_type",
        label=_("Handling"),
        empty_label=_("Choose…"),
        help_text=_(
            "The main way the inquiry was handled; it decides where it counts in the report."
        ),
        error_messages={"required": _("Choose how the inquiry was handled.")},
    )
    referral_body = KeptModelChoiceField(
        queryset=ReferralBody.objects.active(),
        kept_as="InquiryFieldsForm.referral_body",
        label=_("Referred to"),
        required=False,
        empty_label=_("Not referred"),
        help_text=_("Only for an inquiry outside the advisor's competence."),
    )
    referred_by = KeptModelChoiceField(
        queryset=ReferralSource.objects.active(),
        kept_as="InquiryFieldsForm.referred_by",
        label=_("Referred by"),
        required=False,
        empty_label=_("Not known"),
        help_text=_("Who sent the citizen to the advisor, if known."),
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class InquiryEditForm(InquiryFieldsForm):
    complainant_kind = forms.ChoiceField(
        label=_("The complainant is"), choices=ComplainantKind.choices
    )
    department = forms.ChoiceField(label=_("Department"))
    status = forms.ChoiceField(label=_("Status"), choices=Inquiry.Status.choices)
    closed_date = forms.DateField(
        label=_("Date closed"),
        required=False,
        widget=DateInput(),
        help_text=_("Needed when the status is closed."),
    )
    advisor = forms.ModelChoiceField(
        queryset=User.objects.filter(ACTIVE_ADVISOR),
        label=_("Advisor"),
        required=False,
        empty_label=_("No one"),
    )
    # The version the form was made from: a save over someone else's newer save is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    person_cpr = forms.CharField(
        label=_("The person's CPR number"),
        required=False,
        max_length=20,
        help_text=_("Only if needed for the case. Ten digits, e.g. 010190-1234; shown masked."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    field_order = [
        "received_date",
        "channel",
        "complainant_kind",
        "department",
        "reasons",
        "handling_type",
        "referral_body",
        "referred_by",
        "summary",
        "status",
        "closed_date",
        "advisor",
        "person_cpr",
    ]

    def __init__(self, *args: Any, inquiry: Inquiry, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        if inquiry.person is None:
            del self.fields["person_cpr"]
        elif inquiry.person.cpr:
            # Never the number itself in the page: typing a new one replaces it.
            self.fields["person_cpr"].help_text = _(
                "Registered: %(cpr)s. Type the number to correct it; leave empty to keep it."
            ) % {"cpr": inquiry.person.cpr_masked}
        self.choice_field("department").choices = placements(
            since=min(inquiry.received_date, today).replace(month=1, day=1)
        ).grouped
        self.model_field("reasons").queryset = Reason.objects.filter(
            Q(is_active=True) | Q(inquiries=inquiry)
        ).distinct()
        self.model_field("handling_type").queryset = HandlingType.objects.filter(
            Q(is_active=True) | Q(pk=inquiry.handling_type_id)
        )
        # The inquiry's present values stay choosable even when retired or gone from the office.
        self.model_field("referral_body").queryset = ReferralBody.objects.filter(
            Q(is_active=True) | Q(pk=inquiry.referral_body_id)
        )
        self.model_field("referred_by").queryset = ReferralSource.objects.filter(
            Q(is_active=True) | Q(pk=inquiry.referred_by_id)
        )
        self.model_field("advisor").queryset = User.objects.filter(
            ACTIVE_ADVISOR | Q(pk=inquiry.advisor_id)
        )

    @staticmethod
    def initial_for(inquiry: Inquiry) -> dict[str, Any]:
        return {
            "received_date": inquiry.received_date,
            "channel": inquiry.channel,
            "complainant_kind": inquiry.complainant_kind,
            "department": f"d{inquiry.department_id}"
            if inquiry.department_id
            else f"a{inquiry.area_id}",
            "reasons": list(inquiry.reasons.all()),
            "handling_type": inquiry.handling_type_id,
            "referral_body": inquiry.referral_body_id,
            "referred_by": inquiry.referred_by_id,
            "summary": inquiry.summary,
            "status": inquiry.status,
            "closed_date": inquiry.closed_date,
            "advisor": inquiry.advisor_id,
            "version": inquiry.version,
        }

    def clean_department(self) -> Placement:
        return parse_placement(self.cleaned_data["department"])

    def clean_person_cpr(self) -> str:
        try:
            return cpr_normalise(self.cleaned_data["person_cpr"], today=self.today)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None


class ContactForm(DrawnOnceForm):
    contact_date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind"), choices=Channel.choices, initial=Channel.PHONE)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes = MinutesField()


class CloseForm(DrawnOnceForm):
    closed_date = forms.DateField(label=_("Date closed"), widget=DateInput())


class ActionForm(DrawnOnceForm):
    prefix = "action"  # shares the inquiry's page with the contact form
    action = KeptModelChoiceField(
        queryset=Action.objects.active(),
        kept_as="ActionForm.action",
        label=_("Counted action"),
        empty_label=_("Choose…"),
    )
    action_date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
    minutes = MinutesField()


class InquiryFilterForm(TypedFieldsMixin, DrawnFilterForm):
    searched = ("q",)

    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Summary, case number, name, phone or e-mail"),
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    # Each list's columns only (`only`): the list page draws these four boxes on every request,
    # and the rows' other columns (dates of change, validity) are not shown.
    area = area_filter_field("InquiryFilterForm.area")
    department = department_filter_field("InquiryFilterForm.department")
    reason = KeptModelChoiceField(
        queryset=Reason.objects.only("pk", "name"),
        kept_as="InquiryFilterForm.reason",
        label=_("Reason"),
        required=False,
        empty_label=_("All"),
    )
    handling = KeptModelChoiceField(
        queryset=HandlingType.objects.only("pk", "name"),
        kept_as="InquiryFilterForm.handling",
        label=_("Handling"),
        required=False,
        empty_label=_("All"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Inquiry.Status.choices]
    )
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in SORT_KEYS], widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, years: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = tuple(years)
        self.choice_field("year").choices = [
            ("", _("All")),
            *((year, str(year)) for year in self.years),
        ]

    def drawn_from(self) -> tuple[Hashable, ...]:
        return (self.years,)
