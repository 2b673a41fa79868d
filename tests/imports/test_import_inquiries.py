"""Importing earlier years' inquiries: a valid file imports exactly; any bad row imports nothing."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.forwarding.models import Consent, Forwarding, ReminderSent
from borgerraadgiver.forwarding.statistics import forwarding_statistics
from borgerraadgiver.imports.models import ImportBatch, ImportedInquiry
from borgerraadgiver.imports.progress import ProgressBar
from borgerraadgiver.imports.services import import_run
from borgerraadgiver.inquiries.models import CaseNumberSequence, Inquiry, InquiryAction
from borgerraadgiver.inquiries.selectors import InquiryFilters, inquiry_list
from tests.factories import InquiryFactory
from tests.imports.conftest import HEADER, csv_file, row, xlsx_file

D = datetime.date

VALID_ROWS = [
    row(
        received_date="2023-05-02",
        department="Familieafdelingen",
        reasons="Manglende svar; Afgørelse",
        closed_date="2023-05-20",
    ),
    row(
        received_date="2024-02-01",
        department="Børn og Familie",
        handling="Oversendelsessag",
        actions="Hjulpet med klage;Deltaget i møde",
        channel="email",
        complainant="representative",
        closed_date="2024-03-15",
        forwarded_date="2024-02-05",
        deadline_date="2024-02-26",
        answered_date="2024-02-20",
    ),
    row(
        received_date="2024-01-10",
        area="Beskæftigelse",
        department="Jobcenter",
        handling="Dialogsag",
        complainant="anonymous",
        forwarded_date="2024-01-11",
    ),
    row(
        received_date="2024-04-02",
        area="Udenfor kompetence",
        department="",
        reasons="Spørgsmål til sagsbehandlingen",
        channel="letter",
        complainant="company",
        closed_date="2024-04-02",
    ),
]


def run(file, *, now, name="inquiries.csv", dry_run=False, replace=False, user=None):
    return import_run(
        kind="inquiries",
        file=file,
        file_name=name,
        user=user,
        now=now,
        dry_run=dry_run,
        replace=replace,
    )


def register_counts() -> tuple[int, ...]:
    return (
        Inquiry.objects.count(),
        Inquiry.reasons.through.objects.count(),
        InquiryAction.objects.count(),
        Forwarding.objects.count(),
        Consent.objects.count(),
        ImportBatch.objects.count(),
        AccessLogEntry.objects.count(),
    )


def assert_imported_exactly(org) -> None:
    inquiries = {i.received_date: i for i in Inquiry.objects.all()}
    assert len(inquiries) == 4
    first = inquiries[D(2023, 5, 2)]
    assert first.department == org["departments"]["Familieafdelingen"]
    assert first.area == org["areas"]["Læring"]
    assert sorted(first.reasons.values_list("name", flat=True)) == ["Afgørelse", "Manglende svar"]
    assert (first.status, first.closed_date, first.person) == ("closed", D(2023, 5, 20), None)
    assert first.case_number == "BR-2023-0001"

    forwarded = inquiries[D(2024, 2, 1)]
    assert forwarded.handling_type.name == "Oversendelsessag"
    assert (forwarded.channel, forwarded.complainant_kind) == ("email", "representative")
    assert sorted(forwarded.actions.values_list("action__name", flat=True)) == [
        "Deltaget i møde",
        "Hjulpet med klage",
    ]
    assert set(forwarded.actions.values_list("action_date", flat=True)) == {D(2024, 2, 1)}
    forwarding = forwarded.forwardings.get()
    assert (forwarding.kind, forwarding.status, forwarding.outcome) == (
        "forwarded",
        "closed",
        "answered",
    )
    assert (forwarding.sent_date, forwarding.deadline_date, forwarding.answered_date) == (
        D(2024, 2, 5),
        D(2024, 2, 26),
        D(2024, 2, 20),
    )
    assert forwarding.department == org["departments"]["Børn og Familie"]
    consent = forwarded.consents.get()
    assert consent.given_date == D(2024, 2, 5)
    with translation.override(settings.LANGUAGE_CODE):  # in the office's language
        assert consent.given_by == gettext("Historic import")

    dialogue = inquiries[D(2024, 1, 10)]
    assert dialogue.status == "open"
    forwarding = dialogue.forwardings.get()
    assert (forwarding.kind, forwarding.status) == ("dialogue", "sent")
    # No deadline in the file: three weeks on the Danish calendar.
    assert forwarding.deadline_date == D(2024, 2, 1)
    # Its deadline passed before the import: no reminder e-mail goes out for it.
    assert ReminderSent.objects.filter(forwarding=forwarding).count() == 2

    outside = inquiries[D(2024, 4, 2)]
    assert (outside.area.name, outside.department, outside.complainant_kind) == (
        "Udenfor kompetence",
        None,
        "company",
    )
    # Numbered in the order received within each year.
    assert [i.case_number for i in Inquiry.objects.order_by("received_date")] == [
        "BR-2023-0001",
        "BR-2024-0001",
        "BR-2024-0002",
        "BR-2024-0003",
    ]
    assert CaseNumberSequence.objects.get(year=2024).last == 3
    assert ImportedInquiry.objects.count() == 4


def test_a_valid_csv_file_imports_exactly(org, now):
    result = run(csv_file(VALID_ROWS), now=now)
    assert result.errors == []
    assert result.imported
    assert result.counts == {"inquiries": 4, "forwardings": 2, "replaced": 0}
    assert_imported_exactly(org)


def test_each_imported_inquiry_is_found_by_its_case_number(org, now, advisor):
    """PostgreSQL's COPY fills the search text as an insert does (inquiries/0014); SQLite's
    full-text index is kept by its own triggers."""
    assert run(csv_file(VALID_ROWS), now=now).errors == []
    imported = list(Inquiry.objects.all())
    assert len(imported) == len(VALID_ROWS)
    for inquiry in imported:
        found = inquiry_list(user=advisor, filters=InquiryFilters(search=inquiry.case_number))
        assert list(found) == [inquiry]


def test_a_valid_xlsx_file_with_date_cells_imports_exactly(org, now):
    cells = [
        [
            D.fromisoformat(value) if value and HEADER[i].endswith("_date") else value
            for i, value in enumerate(r)
        ]
        for r in VALID_ROWS
    ]
    cells[0][0] = "2023-05-02"  # dates typed as text work too
    result = run(xlsx_file(cells), now=now, name="inquiries.xlsx")
    assert result.errors == []
    assert_imported_exactly(org)


def test_names_and_columns_match_regardless_of_case_and_excel_s_byte_order_mark(org, now):
    header = [f" {column.upper()} " for column in HEADER]
    rows = [
        row(
            area="LÆRING",
            department="børn og familie",
            reasons="MANGLENDE SVAR",
            handling="råd og VEJLEDNING",
            channel="Phone",
        )
    ]
    result = run(csv_file(rows, header=header, bom=True), now=now)
    assert result.errors == []
    assert Inquiry.objects.get().department == org["departments"]["Børn og Familie"]


def test_the_forwarding_figures_count_imported_forwardings(org, now):
    run(csv_file(VALID_ROWS), now=now)
    figures = forwarding_statistics(start=D(2024, 1, 1), end=D(2024, 12, 31), today=D(2024, 6, 14))
    assert (figures.overall.sent, figures.overall.dialogue, figures.overall.forwarded) == (2, 1, 1)
    assert figures.overall.answered_on_time == 1
    assert figures.overall.unanswered_overdue == 1


BAD_ROWS = [
    ({"area": "Lering"}, "area", "is not an area"),
    ({"department": "Skolen"}, "department", "is not a department"),
    ({"department": "Jobcenter"}, "department", "is not under Læring"),
    ({"department": "Familieafdelingen"}, "department", "did not exist on 2024-03-01"),
    ({"department": ""}, "department", "has departments"),
    ({"received_date": "01-03-2024"}, "received_date", "is not a date"),
    ({"received_date": ""}, "received_date", "A date is required"),
    ({"received_date": "2030-01-01"}, "received_date", "in the future"),
    ({"reasons": ""}, "reasons", "at least one reason"),
    ({"reasons": "Manglende svar;Ukendt"}, "reasons", "“Ukendt” is not a reason"),
    ({"handling": ""}, "handling", "is empty"),
    ({"handling": "Telefonsamtale"}, "handling", "is not a handling type"),
    ({"actions": "Kaffe"}, "actions", "“Kaffe” is not a counted action"),
    ({"channel": "fax"}, "channel", "is not a channel"),
    ({"complainant": "borgeren"}, "complainant", "is not a kind of complainant"),
    ({"closed_date": "2024-02-01"}, "closed_date", "closed before it was received"),
    ({"closed_date": "2024-02-30"}, "closed_date", "is not a date"),
    ({"answered_date": "2024-03-05"}, "answered_date", "Only a forwarded inquiry"),
    ({"forwarded_date": "2024-03-05"}, "forwarded_date", "Only a dialogue case"),
    (
        {"handling": "Dialogsag", "forwarded_date": "2024-02-20"},
        "forwarded_date",
        "forwarded before it was received",
    ),
]


@pytest.mark.parametrize(("change", "column", "reason"), BAD_ROWS)
def test_each_kind_of_bad_row_is_reported_with_row_and_column_and_nothing_is_imported(
    org, now, change, column, reason
):
    rows = [row(), row(**change), row()]
    before = register_counts()
    result = run(csv_file(rows), now=now)
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert reason in result.errors[0].message
    assert not result.imported
    assert register_counts() == before


def test_every_error_is_collected_not_only_the_first(org, now):
    rows = [row(area="X"), row(), row(channel="fax", complainant="?"), row(closed_date="nej")]
    result = run(csv_file(rows), now=now)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "area"),
        (4, "channel"),
        (4, "complainant"),
        (5, "closed_date"),
    ]
    assert Inquiry.objects.count() == 0


def test_a_missing_or_unknown_column_is_reported_in_row_1(org, now):
    header = [c for c in HEADER if c != "channel"] + ["note"]
    rows = [[v for c, v in zip(HEADER, row(), strict=True) if c != "channel"] + ["x"]]
    result = run(csv_file(rows, header=header), now=now)
    assert {(e.row, e.column) for e in result.errors} == {(1, "channel"), (1, "note")}
    assert Inquiry.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused_with_a_reason(org, now):
    data = ",".join(HEADER).encode() + b"\r\n" + ",".join(row(area="L\xe6ring")).encode("latin-1")
    result = run(io.BytesIO(data), now=now)
    assert len(result.errors) == 1
    assert "UTF-8" in result.errors[0].message


def test_the_dry_run_checks_and_counts_but_changes_nothing(org, now):
    before = register_counts()
    result = run(csv_file(VALID_ROWS), now=now, dry_run=True)
    assert (result.errors, result.rows, result.imported) == ([], 4, False)
    assert result.counts["inquiries"] == 4
    assert register_counts() == before
    assert not CaseNumberSequence.objects.exists()


def test_a_second_import_of_the_same_year_is_refused_unless_replacing(org, now, administrator):
    run(csv_file(VALID_ROWS), now=now)
    result = run(csv_file(VALID_ROWS[:1]), now=now)
    assert "2023 already holds 1 imported inquiries" in result.errors[0].message
    assert Inquiry.objects.count() == 4

    result = run(csv_file(VALID_ROWS[1:]), now=now, replace=True, user=administrator)
    assert result.errors == []
    assert result.counts["replaced"] == 3
    # 2023 untouched, 2024 replaced and numbered from 1 again.
    assert Inquiry.objects.count() == 4
    assert Forwarding.objects.count() == 2
    assert sorted(Inquiry.objects.values_list("case_number", flat=True)) == [
        "BR-2023-0001",
        "BR-2024-0001",
        "BR-2024-0002",
        "BR-2024-0003",
    ]
    assert AccessLogEntry.objects.filter(action="delete", user=administrator).exists()


def test_a_year_with_registrations_made_in_the_system_is_refused(org, now):
    InquiryFactory(received_date=D(2024, 1, 5))
    result = run(csv_file(VALID_ROWS), now=now)
    assert "2024 already holds 1 inquiries registered in the system" in result.errors[0].message
    assert Inquiry.objects.count() == 1


def test_case_numbers_skip_a_number_already_taken(org, now):
    InquiryFactory(case_number="BR-2022-0002", received_date=D(2021, 12, 30))
    rows = [row(received_date=f"2022-01-0{day}") for day in (3, 4, 5)]
    result = run(csv_file(rows), now=now)
    assert result.errors == []
    assert sorted(
        Inquiry.objects.filter(received_date__year=2022).values_list("case_number", flat=True)
    ) == ["BR-2022-0001", "BR-2022-0003", "BR-2022-0004"]


def test_an_import_writes_an_access_log_row_and_a_batch(org, now, administrator):
    result = run(csv_file(VALID_ROWS), now=now, user=administrator)
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.rows, batch.imported_by, batch.file_name) == (
        "inquiries",
        4,
        administrator,
        "inquiries.csv",
    )
    entry = AccessLogEntry.objects.get(action="create")
    assert entry.user == administrator
    assert f"#{result.batch_id}" in entry.detail
    assert Inquiry.objects.filter(created_by=administrator).count() == 4


def test_the_command_reports_errors_with_row_and_column_and_imports_nothing(org, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_file([row(), row(department="Skolen")]).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 error"):
        call_command("import_inquiries", str(path), "--no-progress", stderr=err)
    assert "Row 3, column department:" in err.getvalue()
    assert Inquiry.objects.count() == 0


def test_the_command_dry_run_and_import(org, tmp_path):
    path = tmp_path / "good.csv"
    path.write_bytes(csv_file(VALID_ROWS).getvalue())
    out = io.StringIO()
    call_command("import_inquiries", str(path), "--dry-run", "--no-progress", stdout=out)
    assert "4 rows checked" in out.getvalue()
    assert Inquiry.objects.count() == 0
    call_command("import_inquiries", str(path), "--no-progress", stdout=out)
    assert Inquiry.objects.count() == 4


def test_the_progress_bar_shows_each_phase(org, now):
    stream = io.StringIO()
    import_run(
        kind="inquiries",
        file=csv_file(VALID_ROWS),
        file_name="x.csv",
        user=None,
        now=now,
        dry_run=False,
        progress=ProgressBar(stream),
    )
    lines = stream.getvalue().splitlines()
    assert [line.split()[0] for line in lines] == [
        "reading",
        "checking",
        "numbering",
        "writing",
    ]
    assert "100%" in lines[-1] and "4/4" in lines[-1]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_bar_is_rewritten_in_place():
    stream = Terminal()
    bar = ProgressBar(stream, interval=0)
    bar.phase("reading", 4)
    bar.advance(2)
    bar.advance(2)
    bar.done()
    output = stream.getvalue()
    assert output.count("\r") == 4  # the start, two updates, the end
    assert output.endswith("\n")
    assert " 50%  2/4" in output and "100%  4/4" in output
