"""What the API shows and accepts. Serializers only shape data: the rules live in the services."""

import datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import ACTIVE_ADVISOR
from borgerraadgiver.forwarding.models import Extension, FollowUpQuestion, Forwarding
from borgerraadgiver.inquiries.models import (
    Channel,
    ComplainantKind,
    Contact,
    Inquiry,
    InquiryAction,
    InquiryChange,
    Person,
)
from borgerraadgiver.inquiries.selectors import SORT_KEYS
from borgerraadgiver.inquiries.services import Placement
from borgerraadgiver.organisation.models import (
    Action,
    Area,
    Department,
    HandlingType,
    Reason,
    ReferralBody,
)

# Largest values the database and the date arithmetic accept, so that no input overflows.
MAX_ID = 2**63 - 1
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2999, 12, 31)


class DetailSerializer(serializers.Serializer):
    """An error: what went wrong, in words."""

    detail = serializers.CharField()


class NamedSerializer(serializers.Serializer):
    """A list entry (area, department, reason, …) as its id and its name."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class PersonSerializer(serializers.ModelSerializer):
    # Never the whole number: it is shown only by the page's logged "show" action.
    cpr_masked = serializers.CharField(read_only=True, help_text=_("DDMMYY-****, or empty."))

    class Meta:
        model = Person
        fields = ["id", "name", "phone", "email", "address", "cpr_masked"]
        read_only_fields = fields


class InquirySerializer(serializers.ModelSerializer):
    """An inquiry as the list page shows it, with the version a change must be based on."""

    person = PersonSerializer(read_only=True, allow_null=True)
    area = NamedSerializer(read_only=True)
    department = NamedSerializer(read_only=True, allow_null=True)
    handling_type = NamedSerializer(read_only=True)
    reasons = NamedSerializer(many=True, read_only=True)
    referral_body: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    advisor: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = Inquiry
        fields = [
            "id",
            "case_number",
            "received_date",
            "channel",
            "complainant_kind",
            "person",
            "area",
            "department",
            "reasons",
            "handling_type",
            "referral_body",
            "summary",
            "status",
            "closed_date",
            "advisor",
            "registration_group",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "contact_date", "kind", "note"]
        read_only_fields = fields


class InquiryActionSerializer(serializers.ModelSerializer):
    action = NamedSerializer(read_only=True)

    class Meta:
        model = InquiryAction
        fields = ["id", "action", "action_date", "note"]
        read_only_fields = fields


class InquiryChangeSerializer(serializers.ModelSerializer):
    changed_by: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = InquiryChange
        fields = ["changed_at", "changed_by", "field", "old_value", "new_value"]
        read_only_fields = fields


class InquiryDetailSerializer(InquirySerializer):
    """The inquiry's page: also its contacts, counted actions, change record and linked ones."""

    contacts = ContactSerializer(many=True, read_only=True)
    actions = InquiryActionSerializer(many=True, read_only=True)
    changes = InquiryChangeSerializer(many=True, read_only=True)
    forwardings: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    linked = serializers.SerializerMethodField()

    class Meta(InquirySerializer.Meta):
        fields = [
            *InquirySerializer.Meta.fields,
            "contacts",
            "actions",
            "changes",
            "forwardings",
            "linked",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_linked(self, inquiry: Inquiry) -> list[int]:
        """The inquiries registered from the same contact (one per department)."""
        return list(self.context.get("linked", []))


class InquiryPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.IntegerField(allow_null=True, help_text=_("The next page's number."))
    previous = serializers.IntegerField(allow_null=True)
    results = InquirySerializer(many=True)


class InquiryFilterSerializer(serializers.Serializer):
    """The list page's filters, as query parameters."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2999)
    area = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    department = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    reason = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    handling_type = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    # Empty means any, as on the list page's form.
    status = serializers.ChoiceField(
        required=False, allow_blank=True, choices=Inquiry.Status.choices
    )
    sort = serializers.ChoiceField(
        required=False, allow_blank=True, choices=[(key, key) for key in SORT_KEYS]
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class PlacementSerializer(serializers.Serializer):
    """Where an inquiry belongs: a department, or an area that has no departments."""

    area = serializers.PrimaryKeyRelatedField(
        queryset=Area.objects.all(), required=False, allow_null=True
    )
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.select_related("area"), required=False, allow_null=True
    )

    def validate(self, attrs: dict[str, Any]) -> Placement:
        area, department = attrs.get("area"), attrs.get("department")
        if department is not None:
            # A department under another area than the one given is refused by the service.
            return Placement(area=area or department.area, department=department)
        if area is None:
            raise serializers.ValidationError(_("Give a department, or an area without any."))
        return Placement(area=area)


class PersonDataSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    cpr = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Optional; checked and stored as ten digits, shown masked."),
    )


class _UserScopedMixin:
    """Related fields whose choices depend on what the calling user may see."""

    context: dict[str, Any]

    @property
    def user(self) -> User:
        return self.context["request"].user


class InquiryCreateSerializer(_UserScopedMixin, serializers.Serializer):
    """A registration, as on the registration page; the registration rules decide the rest.

    `repeat_of` (the same person about the same subject) adds a contact to that inquiry;
    `person_id` registers a new inquiry for a person already registered; otherwise `person`
    describes a new person, or none for an anonymous inquiry. Several placements give one
    linked inquiry per department.
    """

    received_date = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    complainant_kind = serializers.ChoiceField(choices=ComplainantKind.choices)
    person = PersonDataSerializer(required=False, allow_null=True)
    person_id = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.none(), required=False, allow_null=True
    )
    repeat_of = serializers.PrimaryKeyRelatedField(
        queryset=Inquiry.objects.none(), required=False, allow_null=True
    )
    placements = PlacementSerializer(many=True, allow_empty=False, max_length=50)  # type: ignore[call-arg]
    reasons = serializers.PrimaryKeyRelatedField(
        queryset=Reason.objects.filter(is_active=True), many=True, allow_empty=False
    )
    handling_type = serializers.PrimaryKeyRelatedField(
        queryset=HandlingType.objects.filter(is_active=True), required=False, allow_null=True
    )
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    referral_body = serializers.PrimaryKeyRelatedField(
        queryset=ReferralBody.objects.filter(is_active=True), required=False, allow_null=True
    )
    actions = serializers.PrimaryKeyRelatedField(
        queryset=Action.objects.filter(is_active=True), many=True, required=False, default=list
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "request" in self.context:
            fields = self.fields
            fields["person_id"].queryset = Person.objects.visible_to(self.user)  # type: ignore[attr-defined]
            fields["repeat_of"].queryset = Inquiry.objects.visible_to(self.user)  # type: ignore[attr-defined]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("person_id") is not None and attrs.get("repeat_of") is not None:
            raise serializers.ValidationError(
                {"person_id": _("Give either the person or the inquiry repeated, not both.")}
            )
        return attrs


class RegistrationResultSerializer(serializers.Serializer):
    repeat_contact = serializers.BooleanField(
        help_text=_("A contact on an existing inquiry, not a new inquiry.")
    )
    inquiries = InquirySerializer(many=True)


class InquiryUpdateSerializer(_UserScopedMixin, serializers.Serializer):
    """A change to an inquiry. Fields left out keep their value; `version` is the version the
    change is based on, and a change over a newer save is refused with 409."""

    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    received_date = serializers.DateField(required=False)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    complainant_kind = serializers.ChoiceField(choices=ComplainantKind.choices, required=False)
    placement = PlacementSerializer(required=False)
    reasons = serializers.PrimaryKeyRelatedField(
        queryset=Reason.objects.none(), many=True, allow_empty=False, required=False
    )
    handling_type = serializers.PrimaryKeyRelatedField(
        queryset=HandlingType.objects.none(), required=False
    )
    summary = serializers.CharField(required=False, allow_blank=True)
    person_cpr = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text=_("Replaces the person's CPR number; left out or empty keeps it."),
    )
    status = serializers.ChoiceField(choices=Inquiry.Status.choices, required=False)
    closed_date = serializers.DateField(required=False, allow_null=True)
    referral_body = serializers.PrimaryKeyRelatedField(
        queryset=ReferralBody.objects.none(), required=False, allow_null=True
    )
    advisor = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(), required=False, allow_null=True
    )

    def __init__(self, *args: Any, inquiry: Inquiry | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if inquiry is None:
            return
        # The inquiry's present values stay choosable even when retired, as on the edit page.
        fields: Any = self.fields
        fields["reasons"].child_relation.queryset = Reason.objects.filter(
            Q(is_active=True) | Q(inquiries=inquiry)
        ).distinct()
        fields["handling_type"].queryset = HandlingType.objects.filter(
            Q(is_active=True) | Q(pk=inquiry.handling_type_id)
        )
        fields["referral_body"].queryset = ReferralBody.objects.filter(
            Q(is_active=True) | Q(pk=inquiry.referral_body_id)
        )
        fields["advisor"].queryset = User.objects.filter(ACTIVE_ADVISOR | Q(pk=inquiry.advisor_id))


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current = InquirySerializer(help_text=_("The inquiry as saved now."))
    changes = InquiryChangeSerializer(
        many=True, help_text=_("The changes saved since the version the change was based on.")
    )


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Extension
        fields = ["previous_deadline_date", "new_deadline_date", "reason", "citizen_informed"]
        read_only_fields = fields


class FollowUpQuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpQuestion
        fields = ["text", "asked_date", "deadline_date", "answer_text", "answered_date"]
        read_only_fields = fields


class ForwardingSerializer(serializers.ModelSerializer):
    """A forwarding as the list shows it: no text, no answer."""

    inquiry: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    case_number = serializers.CharField(source="inquiry.case_number", read_only=True)
    area = NamedSerializer(read_only=True)
    # Empty when it went to the management of an area without departments.
    department = NamedSerializer(read_only=True, allow_null=True)
    # Empty until the forwarding is closed.
    outcome = serializers.ChoiceField(
        choices=Forwarding.Outcome.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Forwarding
        fields = [
            "id",
            "inquiry",
            "case_number",
            "area",
            "department",
            "kind",
            "status",
            "sent_date",
            "deadline_date",
            "original_deadline_date",
            "answered_date",
            "closed_date",
            "outcome",
        ]
        read_only_fields = fields


class ForwardingDetailSerializer(ForwardingSerializer):
    """The forwarding's page: the text the department got, its answer, later dates, questions."""

    extensions = ExtensionSerializer(many=True, read_only=True)
    follow_up_questions = FollowUpQuestionSerializer(many=True, read_only=True)

    class Meta(ForwardingSerializer.Meta):
        fields = [
            *ForwardingSerializer.Meta.fields,
            "text",
            "answer_text",
            "extensions",
            "follow_up_questions",
        ]
        read_only_fields = fields


class ForwardingFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        required=False, allow_blank=True, choices=Forwarding.Status.choices
    )
    department = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class ForwardingPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.IntegerField(allow_null=True, help_text=_("The next page's number."))
    previous = serializers.IntegerField(allow_null=True)
    results = ForwardingSerializer(many=True)


class ForwardingAnswerSerializer(serializers.Serializer):
    answer_text = serializers.CharField(max_length=100_000)


class StatisticsQuerySerializer(serializers.Serializer):
    """A calendar year, or a period from one date to another (both included)."""

    year = serializers.IntegerField(required=False, min_value=1900, max_value=2999)
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all(), required=False)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.select_related("area"), required=False
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        # `from` is a Python keyword, so these two cannot be declared as attributes.
        fields = super().get_fields()
        fields["from"] = serializers.DateField(required=False)
        fields["to"] = serializers.DateField(required=False)
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        year, start, end = attrs.get("year"), attrs.get("from"), attrs.get("to")
        if year is not None and (start or end):
            raise serializers.ValidationError({"year": _("Give a year or a period, not both.")})
        if year is None and not (start and end):
            raise serializers.ValidationError(
                {"year": _("Give a year, or both the first and the last day of a period.")}
            )
        for name, day in (("from", start), ("to", end)):
            if day is not None and not FIRST_DAY <= day <= LAST_DAY:
                raise serializers.ValidationError({name: _("Give a date between 1900 and 2999.")})
        if start and end and end < start:
            raise serializers.ValidationError({"to": _("The period ends before it starts.")})
        return attrs
