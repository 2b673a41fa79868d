"""Issue 5, "Done when": on the demo data with the retention period shortened, the 2024
report's JSON is identical before and after apply_retention, and every personal field of the
affected inquiries is empty."""

import datetime
import json

import pytest

from borgerraadgiver.forwarding.models import AnswerAttachment
from borgerraadgiver.inquiries.models import Inquiry, InquiryChange, Person
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.privacy.models import DeletionLogEntry
from borgerraadgiver.privacy.retention_removal import (
    CATEGORIES,
    PERSONAL_CHANGED_FIELDS,
    PERSONAL_TEXT,
)
from borgerraadgiver.privacy.retention_services import retention_apply
from borgerraadgiver.reports.statistics import (
    ReportPeriod,
    report_statistics,
    statistics_as_json,
)
from tests.helpers import at

pytestmark = pytest.mark.django_db

REPORT_DAY = datetime.date(2025, 2, 1)
FAR_AHEAD = datetime.date(2031, 1, 1)
YEARS = {
    year: ReportPeriod(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    for year in (2023, 2024)
}


def report_json(year: int) -> str:
    stats = report_statistics(period=YEARS[year], today=REPORT_DAY)
    return json.dumps(statistics_as_json(stats), sort_keys=True, ensure_ascii=False)


def personal_values(inquiry_ids: list[int]) -> dict[str, list[object]]:
    """Every personal value left, per model and field, found by iterating the declared fields."""
    left: dict[str, list[object]] = {}
    for _category, model, path in CATEGORIES:
        for name in PERSONAL_TEXT[model]:
            values = [
                value
                for value in model._default_manager.filter(
                    **{f"{path}__in": inquiry_ids}
                ).values_list(name, flat=True)
                if value
            ]
            if values:
                left[f"{model.__name__}.{name}"] = values
    for name in ("old_value", "new_value"):
        values = [
            v
            for v in InquiryChange.objects.filter(
                inquiry_id__in=inquiry_ids, field__in=PERSONAL_CHANGED_FIELDS
            ).values_list(name, flat=True)
            if v
        ]
        if values:
            left[f"InquiryChange.{name}"] = values
    persons = list(
        Inquiry.objects.filter(pk__in=inquiry_ids, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    if persons:
        left["Inquiry.person"] = persons
    attachments = list(
        AnswerAttachment.objects.filter(forwarding__inquiry_id__in=inquiry_ids).values_list(
            "name", flat=True
        )
    )
    if attachments:
        left["AnswerAttachment"] = attachments
    return left


@pytest.mark.usefixtures("demo_register")
def test_the_reports_stay_identical_and_the_affected_inquiries_hold_no_personal_data():
    office = Office.load()
    office.retention_years = 1
    office.save()
    before = {year: report_json(year) for year in YEARS}
    closed = list(
        Inquiry.objects.filter(
            status="closed", closed_date__lte=datetime.date(2029, 12, 31)
        ).values_list("pk", flat=True)
    )
    assert len(closed) > 300  # nearly all of 2023 and 2024
    assert personal_values(closed)  # the demo has personal data to remove
    open_people = set(Inquiry.objects.filter(status="open").values_list("person_id", flat=True)) - {
        None
    }

    run = retention_apply(today=FAR_AHEAD, now=at(FAR_AHEAD))

    assert sorted(run.plan.due) == sorted(closed)
    assert {year: report_json(year) for year in YEARS} == before
    assert personal_values(closed) == {}
    assert DeletionLogEntry.objects.count() == len(closed)
    # People with an open inquiry are kept; everyone else is gone.
    assert set(Person.objects.values_list("pk", flat=True)) == open_people
