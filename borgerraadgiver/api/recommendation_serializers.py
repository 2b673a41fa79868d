"""What the API shows of recommendations: organisational data; the inquiries it rests on are
shown to advisors only."""

from typing import Any

from rest_framework import serializers

from borgerraadgiver.api.serializers import MAX_ID, NamedSerializer, PageSerializer
from borgerraadgiver.recommendations.models import Recommendation, RecommendationEvent, Status


class RecommendationEventSerializer(serializers.ModelSerializer):
    """One step of the history; `by` is the department, area or the advisor, never a person."""

    by = serializers.CharField(source="by_name", read_only=True)

    class Meta:
        model = RecommendationEvent
        fields = ["kind", "status", "event_date", "by", "text", "planned_action", "planned_by_date"]
        read_only_fields = fields


class RecommendationSerializer(serializers.ModelSerializer):
    areas = NamedSerializer(many=True, read_only=True)
    departments = NamedSerializer(many=True, read_only=True)
    reasons: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "text",
            "period_start_date",
            "period_end_date",
            "sent_date",
            "response_deadline_date",
            "status",
            "status_date",
            "closed_date",
            "areas",
            "departments",
            "reasons",
        ]
        read_only_fields = fields


class RecommendationDetailSerializer(RecommendationSerializer):
    events = RecommendationEventSerializer(many=True, read_only=True)

    class Meta(RecommendationSerializer.Meta):
        fields = [*RecommendationSerializer.Meta.fields, "events"]
        read_only_fields = fields


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    case_number = serializers.CharField()
    received_date = serializers.DateField()


class AdvisorRecommendationDetailSerializer(RecommendationDetailSerializer):
    """For an advisor: the inquiries it rests on too (the showing is logged)."""

    inquiries = EvidenceSerializer(many=True, read_only=True, source="evidence")

    class Meta(RecommendationDetailSerializer.Meta):
        fields = [*RecommendationDetailSerializer.Meta.fields, "inquiries"]
        read_only_fields = fields


class RecommendationFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(required=False, allow_blank=True, choices=Status.choices)
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class RecommendationPageSerializer(PageSerializer):
    results = RecommendationSerializer(many=True)
