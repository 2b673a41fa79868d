"""What the API shows and accepts. Serializers only shape data: the rules live in the services.

Shared here: the error body, list entries by id and name, the limits every input keeps, and the
statistics query. The inquiries' serializers are in `inquiry_serializers.py`, the forwardings' in
`forwarding_serializers.py`.
"""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from borgerraadgiver.organisation.models import Area, Department

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


class PageSerializer(serializers.Serializer):
    """A page of a list: its numbers; each list adds its `results`."""

    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.IntegerField(allow_null=True, help_text=_("The next page's number."))
    previous = serializers.IntegerField(allow_null=True)
