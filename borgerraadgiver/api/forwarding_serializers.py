"""What the API shows and accepts of forwardings."""

from typing import Any

from rest_framework import serializers

from borgerraadgiver.api.serializers import MAX_ID, NamedSerializer, PageSerializer
from borgerraadgiver.forwarding.models import Extension, FollowUpQuestion, Forwarding


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


class ForwardingPageSerializer(PageSerializer):
    results = ForwardingSerializer(many=True)


class ForwardingAnswerSerializer(serializers.Serializer):
    answer_text = serializers.CharField(max_length=100_000)
