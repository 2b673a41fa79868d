"""The citizen's form and the advisor's forms in the inbox. They check input; rules are services."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.forms import AttachmentsField
from borgerraadgiver.inquiries.models import ComplainantKind
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.intake.selectors import UNKNOWN_PLACE, PlaceGroup, place_choices
from borgerraadgiver.intake.services import SubmissionData
from borgerraadgiver.organisation.models import Area, Department

KIND_CHOICES = [
    (ComplainantKind.CITIZEN, _("A citizen, writing about my own case")),
    (
        ComplainantKind.REPRESENTATIVE,
        _("A relative or representative, writing on behalf of someone"),
    ),
    (ComplainantKind.COMPANY, _("A company")),
    (ComplainantKind.ANONYMOUS, _("Anonymous")),
]

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ContactForm(forms.Form):
    """What the citizen fills in. Anonymous hides nothing on the server: it ignores the contact."""

    complainant_kind = forms.ChoiceField(
        label=_("Who are you?"),
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "Anonymous: the advisor reads your message but cannot answer you or ask you "
            "anything, and cannot act on your own case. Name and contact details are then not "
            "sent."
        ),
        error_messages={"required": _("Choose who you are.")},
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=200,
        help_text=_("A company: the company's name and yours."),
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("You get a receipt at this address, without the content of your message."),
        error_messages={"invalid": _("Write the e-mail address as name@example.dk.")},
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    place = forms.ChoiceField(
        label=_("Which part of the municipality is it about?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a part of the municipality, or “I don't know”.")},
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Write in your own words. Dates and case numbers help the advisor."),
        error_messages={"required": _("Write what happened.")},
    )
    what_they_want = forms.CharField(
        label=_("What would you like to happen?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = AttachmentsField(label=_("Attachments"), required=False)
    consents_to_contact = forms.ChoiceField(
        label=_("May the advisor contact the department about your case?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_(
            "Yes: the advisor may tell the department's management about your case and ask "
            "them to act or answer you. No: the advisor gives you advice without contacting the "
            "municipality. You can change your mind later."
        ),
        error_messages={"required": _("Answer yes or no.")},
    )
    # The honeypot: hidden from people and screen readers, but a field a bot fills in.
    website = forms.CharField(label=_("Website"), required=False)

    def __init__(self, *args: Any, groups: list[PlaceGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = groups
        place = self.fields["place"]
        assert isinstance(place, forms.ChoiceField)
        place.choices = place_choices(groups)
        self._areas = {group.area.pk: group.area for group in groups}
        self._departments = {d.pk: d for group in groups for d in group.departments}
        limit = settings.INTAKE_TEXT_MAX_CHARS
        for name in ("what_happened", "what_they_want"):
            field = self.fields[name]
            assert isinstance(field, forms.CharField)
            field.widget.attrs["maxlength"] = str(limit)
            field.validators.append(_MaxLength(limit))

    def place_layout(self) -> list[dict[str, Any]]:
        """The place radios grouped under their areas, for the page; "I don't know" last.

        An area without departments is a radio of its own, not a group.
        """
        radios = {radio.data["value"]: radio for radio in self["place"]}
        layout: list[dict[str, Any]] = []
        for group in self.groups:
            if group.departments:
                layout.append(
                    {
                        "legend": group.area.name,
                        "radios": [radios[f"d{d.pk}"] for d in group.departments],
                    }
                )
            else:
                layout.append({"legend": "", "radios": [radios[f"a{group.area.pk}"]]})
        layout.append({"legend": "", "radios": [radios[UNKNOWN_PLACE]]})
        return layout

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None
        if data.get("website"):
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "The message was not sent, because a field meant to stay empty was "
                        "filled in (“Website”). Empty it and send again, or call the advisor."
                    ),
                    code="honeypot",
                ),
            )
        if data.get("complainant_kind") == ComplainantKind.ANONYMOUS:
            # The page hides these for anonymous senders; without JavaScript they may still
            # hold text, which is dropped rather than stored against the sender's wish.
            for name in ("name", "phone", "email", "address"):
                data[name] = ""
                self.errors.pop(name, None)
        return data

    def submission_data(self) -> SubmissionData:
        data = self.cleaned_data
        place = data["place"]
        area: Area | None = None
        department: Department | None = None
        if place.startswith("d"):
            department = self._departments[int(place[1:])]
            area = department.area
        elif place.startswith("a"):
            area = self._areas[int(place[1:])]
        return SubmissionData(
            complainant_kind=data["complainant_kind"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            area=area,
            department=department,
            what_happened=data["what_happened"],
            what_they_want=data["what_they_want"],
            consents_to_contact=data["consents_to_contact"] == "yes",
        )

    @property
    def place_is_unknown(self) -> bool:
        return self.cleaned_data.get("place") == UNKNOWN_PLACE


class _MaxLength:
    """A length check whose message says what to do, in place of Django's count of characters."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: str) -> None:
        if len(value) > self.limit:
            raise forms.ValidationError(
                _("Write at most %(limit)d characters; attach a file for more.")
                % {"limit": self.limit},
                code="max_length",
            )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it rejected?"),
        max_length=300,
        help_text=_("E.g. spam, or a duplicate of another submission."),
        error_messages={"required": _("Write why the submission is rejected.")},
    )
    spam = forms.BooleanField(
        label=_("It is spam: delete its files now"),
        required=False,
    )


class BulkRejectForm(RejectForm):
    """The inbox's form: the same reason for every submission ticked in the list."""

    submissions = forms.TypedMultipleChoiceField(
        label=_("Submissions"),
        coerce=int,
        error_messages={"required": _("Tick the submissions to reject in the list.")},
    )

    def __init__(self, *args: Any, pks: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["submissions"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, pk) for pk in pks]


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[*Submission.Status.choices, ("all", _("All"))],
    )
