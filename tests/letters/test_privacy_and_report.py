"""Letters are personal data and figures: in the data-subject export, deleted by retention with
the inquiry's other personal data, and counted per kind in the report."""

import datetime

import pytest

from borgerraadgiver.letters.models import Letter, LetterChannel, LetterKind
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.privacy.models import DeletionLogEntry
from borgerraadgiver.privacy.retention_services import retention_apply
from borgerraadgiver.privacy.services import person_export
from borgerraadgiver.reports.contract import statistics_as_json, statistics_from_json
from borgerraadgiver.reports.statistics import report_statistics
from tests.helpers import at

pytestmark = pytest.mark.django_db

YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def _letter(inquiry, kind, *, sent_date=None, status=Letter.Status.SENT) -> Letter:
    made = at(sent_date or datetime.date(2024, 3, 1))
    return Letter.objects.create(
        inquiry=inquiry,
        kind=kind,
        subject=f"Brev: {kind}",
        body="Kære Jens Prøvesen",
        channel=LetterChannel.EMAIL,
        recipient_name="Jens Prøvesen",
        recipient_address="jens@example.com",
        pdf=b"%PDF-1.7",
        status=status,
        sent_at=made if status == Letter.Status.SENT else None,
        sent_date=sent_date if status == Letter.Status.SENT else None,
        created_at=made,
    )


def test_the_data_subject_export_lists_the_letters(inquiry, advisor, now):
    _letter(inquiry, LetterKind.RECEIPT, sent_date=datetime.date(2024, 3, 1))

    data = person_export(person=inquiry.person, exported_by=advisor, now=now, file_format="json")

    [record] = data["inquiries"]
    [letter] = record["letters"]
    assert letter["subject"] == "Brev: receipt"
    assert letter["text"] == "Kære Jens Prøvesen"
    assert letter["address"] == "jens@example.com"
    assert letter["sent_at"].startswith("2024-03-01")


def test_retention_deletes_the_letters_with_the_personal_data(inquiry):
    inquiry.received_date = datetime.date(2018, 1, 10)
    inquiry.status, inquiry.closed_date = "closed", datetime.date(2018, 6, 1)
    inquiry.save()
    _letter(inquiry, LetterKind.CLOSING, sent_date=datetime.date(2018, 6, 1))
    years = Office.load().retention_years

    retention_apply(
        today=datetime.date(2018 + years, 6, 2), now=at(datetime.date(2018 + years, 6, 2))
    )

    assert not Letter.objects.filter(inquiry=inquiry).exists()
    entry = DeletionLogEntry.objects.get(inquiry_id=inquiry.pk)
    assert entry.counts["letters"] == 1


def test_the_report_counts_the_letters_sent_in_the_period_per_kind(inquiry):
    _letter(inquiry, LetterKind.RECEIPT, sent_date=datetime.date(2024, 3, 1))
    _letter(inquiry, LetterKind.RECEIPT, sent_date=datetime.date(2024, 11, 30))
    _letter(inquiry, LetterKind.CLOSING, sent_date=datetime.date(2024, 12, 31))
    _letter(inquiry, LetterKind.CLOSING, sent_date=datetime.date(2025, 1, 1))  # next year
    _letter(inquiry, LetterKind.FREE, status=Letter.Status.FAILED)  # never reached the citizen

    stats = report_statistics(period=YEAR, today=datetime.date(2025, 1, 15))

    expected = dict.fromkeys(LetterKind.values, 0) | {"receipt": 2, "closing": 1}
    assert {item.name: item.count for item in stats.letters} == expected
    data = statistics_as_json(stats)
    assert data["letters"] == expected
    assert {i.name: i.count for i in statistics_from_json(data).letters} == expected
