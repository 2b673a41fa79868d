"""The demo's activities: the 2024 report's 4 presentations, and sparring and meetings."""

from django.db.models import Count

from borgerraadgiver.activities.models import Activity
from borgerraadgiver.demo.activities import activities_write
from borgerraadgiver.demo.organisation import DIALOGMOEDE, OPLAEG, SPARRING, organisation_load


def counts() -> dict[tuple[int, str], int]:
    rows = Activity.objects.values("activity_date__year", "kind__name").annotate(n=Count("id"))
    return {(row["activity_date__year"], row["kind__name"]): row["n"] for row in rows}


def test_the_demo_has_the_report_s_4_presentations_in_2024_and_loads_once(advisor):
    org = organisation_load()
    activities_write(org=org, advisor=advisor)
    found = counts()
    assert found[(2024, OPLAEG)] == 4
    assert found[(2024, SPARRING)] >= 1 and found[(2024, DIALOGMOEDE)] >= 1
    assert found[(2023, SPARRING)] >= 1 and found[(2023, DIALOGMOEDE)] >= 1
    # Loading again adds nothing.
    activities_write(org=organisation_load(), advisor=advisor)
    assert counts() == found
