"""The registration page's form: one contact, its person, where it belongs, why, and how.

It checks input and turns it into the one `RegistrationInput` the registration rules take
(`inquiries.services.registration.registration_submit`); the rules themselves live there.
"""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.advisor.forms import InquiryFieldsForm, parse_placement, placements
from borgerraadgiver.core.once import OnceField
from borgerraadgiver.inquiries.cpr import cpr_normalise
from borgerraadgiver.inquiries.look_up import PersonMatches
from borgerraadgiver.inquiries.models import Channel, ComplainantKind, Inquiry, Person
from borgerraadgiver.inquiries.services.inputs import PersonData, Placement, RegistrationInput
from borgerraadgiver.organisation.drawing import DrawnOnceForm
from borgerraadgiver.organisation.forms import KeptModelMultipleChoiceField
from borgerraadgiver.organisation.models import Action

# Fields that hold several values: the page posts each ticked box as one more value.
MULTIPLE = ("reasons", "other_departments", "actions")


class RegistrationForm(InquiryFieldsForm, DrawnOnceForm):
    """A first contact: the person, where it belongs (one or more departments), why, and how."""

    # Drawn outside the kept blocks: the token, new each showing; the hidden fields and the
    # choice between the person's inquiries, which carry what was typed.
    drawn_apart = ("once", "matches_shown", "submission", "registration")

    once = OnceField()
    complainant_kind = forms.ChoiceField(
        label=_("The complainant is"),
        choices=ComplainantKind.choices,
        initial=ComplainantKind.CITIZEN,
    )
    person_name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("Of the citizen, company or representative. Empty when anonymous."),
    )
    person_phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    person_email = forms.EmailField(label=_("E-mail"), required=False)
    person_letters_by_email = forms.BooleanField(
        label=_("Agreed to letters by e-mail"),
        required=False,
        help_text=_("The office's letters may then go to the e-mail address."),
    )
    person_address = forms.CharField(label=_("Address"), required=False, max_length=300)
    person_cpr = forms.CharField(
        label=_("CPR number"),
        required=False,
        max_length=20,
        help_text=_("Only if needed for the case. Ten digits, e.g. 010190-1234; shown masked."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    department = forms.ChoiceField(
        label=_("Department"),
        help_text=_("The department the inquiry concerns."),
        error_messages={"required": _("Choose the department the inquiry concerns.")},
    )
    other_departments = forms.MultipleChoiceField(
        label=_("Also concerns"),
        required=False,
        help_text=_(
            "Other departments the same contact is about. Each gets its own inquiry, linked to "
            "this one."
        ),
        widget=forms.CheckboxSelectMultiple,
    )
    actions = KeptModelMultipleChoiceField(
        queryset=Action.objects.active(),
        kept_as="RegistrationForm.actions",
        label=_("Counted actions"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Set once the advisor has been shown the person's open inquiries and has chosen.
    registration = forms.ChoiceField(
        label=_("Register as"), required=False, widget=forms.RadioSelect
    )
    matches_shown = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # The web-form submission being registered (intake), carried through every step of the page.
    submission = forms.IntegerField(required=False, widget=forms.HiddenInput)

    field_order = [
        "complainant_kind",
        "person_name",
        "person_phone",
        "person_email",
        "person_letters_by_email",
        "person_address",
        "person_cpr",
        "received_date",
        "channel",
        "department",
        "other_departments",
        "reasons",
        "handling_type",
        "actions",
        "referral_body",
        "referred_by",
        "summary",
    ]

    def __init__(
        self,
        *args: Any,
        today: datetime.date,
        matches: PersonMatches | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.matches = matches.people if matches else []
        self.today = today
        offered = placements(since=today.replace(year=today.year - 1, month=1, day=1))
        self.choice_field("department").choices = offered.grouped
        self.choice_field("other_departments").choices = offered.flat
        self.choice_field("registration").choices = self.registration_choices()
        if str(self.data.get("registration", "")).startswith("inquiry-"):
            # A repeat contact goes on the chosen inquiry, which already has these (rule 2).
            for name in ("department", "reasons", "handling_type"):
                self.fields[name].required = False
        # Once the person's open inquiries are on the page, the advisor must choose (rules 2-4).
        self.fields["registration"].required = bool(self.matches)
        self.fields["registration"].error_messages["required"] = _(
            "Choose whether this is a new inquiry or a contact on one of the open inquiries."
        )
        self.fields["received_date"].initial = today
        self.fields["channel"].initial = Channel.PHONE

    def drawing_key(self) -> tuple[Any, ...] | None:
        """The empty form's, for drawing its fields once a process for the day
        (`organisation.drawing`); None for a form with data, prefilled or with matches."""
        key = super().drawing_key()
        if key is None or self.initial or self.matches:
            return None
        return (*key, self.today)  # the departments offered depend on the day

    def registration_choices(self) -> list[tuple[str, str]]:
        choices = [("new", str(_("New person, new inquiry")))]
        for person, inquiries in self.matches:
            who = ", ".join(
                part for part in (person.name, person.phone, person.email, person.address) if part
            )
            choices.append(
                (
                    f"person-{person.pk}",
                    str(_("%(person)s: new inquiry (a new subject or another case)"))
                    % {"person": who},
                )
            )
            for inquiry in inquiries:
                choices.append(
                    (
                        f"inquiry-{inquiry.pk}",
                        str(
                            _(
                                "%(name)s: new contact on %(case)s (%(place)s, received %(date)s): "
                                "the same subject"
                            )
                        )
                        % {
                            "name": person.name,
                            "case": inquiry.case_number,
                            "place": inquiry.place,
                            "date": formats.date_format(inquiry.received_date, "SHORT_DATE_FORMAT"),
                        },
                    )
                )
        return choices

    def clean_person_cpr(self) -> str:
        try:
            return cpr_normalise(self.cleaned_data["person_cpr"], today=self.today)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None

    def clean_department(self) -> Placement | None:
        value = self.cleaned_data["department"]
        return parse_placement(value) if value else None

    def clean_other_departments(self) -> list[Placement]:
        return [parse_placement(value) for value in self.cleaned_data["other_departments"]]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind = data.get("complainant_kind")
        has_person_data = any(
            data.get(name)
            for name in (
                "person_phone",
                "person_email",
                "person_letters_by_email",
                "person_address",
                "person_cpr",
            )
        )
        if kind == ComplainantKind.ANONYMOUS and (data.get("person_name") or has_person_data):
            self.add_error(
                "person_name",
                _("An anonymous inquiry stores no person. Remove the name and contact details."),
            )
        if kind and kind != ComplainantKind.ANONYMOUS and not data.get("person_name"):
            registration = data.get("registration") or ""
            if not registration.startswith(("person-", "inquiry-")):
                self.add_error(
                    "person_name",
                    _("Give the name of the person, or mark the inquiry as anonymous."),
                )
        return data

    def _chosen(self, prefix: str) -> int | None:
        value = self.cleaned_data.get("registration") or ""
        return int(value.removeprefix(prefix)) if value.startswith(prefix) else None

    @property
    def chosen_inquiry(self) -> Inquiry | None:
        """The open inquiry a repeat contact goes on (rule 2): one of the matches shown, as the
        choice is valid only among them."""
        pk = self._chosen("inquiry-")
        if pk is None:
            return None
        return next(i for _person, found in self.matches for i in found if i.pk == pk)

    @property
    def chosen_person(self) -> Person | None:
        """The known person a new inquiry is for (rules 3 and 4): one of the matches shown."""
        pk = self._chosen("person-")
        if pk is None:
            return None
        return next(person for person, _found in self.matches if person.pk == pk)

    def registration_input(self) -> RegistrationInput:
        """What the advisor registers, as the registration rules take it; of a valid form."""
        data = self.cleaned_data
        typed = PersonData(
            name=data["person_name"],
            phone=data["person_phone"],
            email=data["person_email"],
            address=data["person_address"],
            cpr=data["person_cpr"],
            letters_by_email=data["person_letters_by_email"],
        )
        return RegistrationInput(
            received_date=data["received_date"],
            channel=data["channel"],
            complainant_kind=data["complainant_kind"],
            placements=tuple(p for p in (data["department"], *data["other_departments"]) if p),
            reasons=tuple(data["reasons"]),
            handling_type=data["handling_type"],
            summary=data["summary"],
            person_data=None if typed.is_empty else typed,
            known_person=self.chosen_person,
            repeat_of=self.chosen_inquiry,
            referral_body=data["referral_body"],
            referred_by=data["referred_by"],
            actions=tuple(data["actions"]),
        )

    @staticmethod
    def typed_initial(posted: QueryDict) -> dict[str, object]:
        """What the advisor typed, as the initial values of an unbound form that shows the
        person's matches: nothing is lost, and nothing is marked as an error before the advisor
        has tried to register."""
        initial: dict[str, object] = {
            name: posted.getlist(name) if name in MULTIPLE else posted.get(name)
            for name in posted
            if name not in ("csrfmiddlewaretoken", "find_person")
        }
        initial["matches_shown"] = True
        return initial
