"""What the API shows and accepts of inquiries; a registration is one `RegistrationInput`."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import ACTIVE_ADVISOR
from borgerraadgiver.api.serializers import MAX_ID, NamedSerializer, PageSerializer
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
from borgerraadgiver.inquiries.services.inputs import PersonData, Placement, RegistrationInput
from borgerraadgiver.organisation.models import (
    Action,
    Area,
    Department,
    HandlingType,
    Reason,
    ReferralBody,
    ReferralSource,
)


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
    referred_by: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
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
            "referred_by",
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


class InquiryPageSerializer(PageSerializer):
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
    # Every entry: the registration rule (`referred_by_problems`) refuses a retired one.
    referred_by = serializers.PrimaryKeyRelatedField(
        queryset=ReferralSource.objects.all(), required=False, allow_null=True
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

    def validate(self, attrs: dict[str, Any]) -> RegistrationInput:
        if attrs.get("person_id") is not None and attrs.get("repeat_of") is not None:
            raise serializers.ValidationError(
                {"person_id": _("Give either the person or the inquiry repeated, not both.")}
            )
        person = attrs.get("person")
        return RegistrationInput(
            received_date=attrs["received_date"],
            channel=attrs["channel"],
            complainant_kind=attrs["complainant_kind"],
            placements=tuple(attrs["placements"]),
            reasons=tuple(attrs["reasons"]),
            handling_type=attrs.get("handling_type"),
            summary=attrs["summary"],
            person_data=PersonData(**person) if person else None,
            known_person=attrs.get("person_id"),
            repeat_of=attrs.get("repeat_of"),
            referral_body=attrs.get("referral_body"),
            referred_by=attrs.get("referred_by"),
            actions=tuple(attrs["actions"]),
        )


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
    referred_by = serializers.PrimaryKeyRelatedField(
        queryset=ReferralSource.objects.all(), required=False, allow_null=True
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
