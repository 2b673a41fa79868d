import datetime

import pytest

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from tests.api.conftest import token_client
from tests.recommendations.conftest import world  # noqa: F401 - the shared world fixture

pytestmark = pytest.mark.django_db


def test_the_advisor_reads_a_recommendation_with_its_inquiries_logged(world):  # noqa: F811
    data = (
        token_client(world.advisor).get(f"/api/recommendations/{world.recommendation.pk}/").json()
    )
    assert [i["case_number"] for i in data["inquiries"]] == [i.case_number for i in world.inquiries]
    assert data["events"][0]["by"] and data["departments"][0]["name"] == "Børn og Familie"
    assert (
        AccessLogEntry.objects.filter(
            event=AccessEvent.INQUIRY_LIST_VIEWED,
            detail=f"recommendation {world.recommendation.pk}",
        ).count()
        == 2
    )


def test_the_manager_reads_it_without_inquiries_and_another_manager_gets_404(world):  # noqa: F811
    url = f"/api/recommendations/{world.recommendation.pk}/"
    data = token_client(world.manager_a).get(url).json()
    assert "inquiries" not in data
    assert data["response_deadline_date"] == datetime.date(2025, 5, 1).isoformat()
    assert token_client(world.manager_b).get(url).status_code == 404
    assert token_client(world.manager_b).get("/api/recommendations/").json()["results"] == []
    listed = token_client(world.manager_a).get("/api/recommendations/").json()["results"]
    assert [r["id"] for r in listed] == [world.recommendation.pk]
