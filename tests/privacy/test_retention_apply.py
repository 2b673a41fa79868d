"""apply_retention: removes every personal field of due inquiries, keeps the statistical
skeleton, writes the archive delivery first, logs each removal without the removed data."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import models

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.forwarding.models import AnswerAttachment, Forwarding
from borgerraadgiver.inquiries import search_text
from borgerraadgiver.inquiries.models import (
    Inquiry,
    InquiryChange,
    InquiryDocument,
    InquiryDocumentFile,
    InquiryNote,
    Person,
)
from borgerraadgiver.intake.models import Submission, SubmissionAttachment
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.privacy import retention_removal
from borgerraadgiver.privacy.models import DeletionLogEntry
from borgerraadgiver.privacy.retention_removal import PERSON_FIELDS, PERSONAL_TEXT
from borgerraadgiver.privacy.retention_services import retention_apply
from tests.helpers import at
from tests.privacy.helpers import SECRET, full_inquiry

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 6, 14)
NOW = at(TODAY)

# Text columns that are not personal: choices are caught by their choices; these are named.
NOT_PERSONAL = {
    (Inquiry, "case_number"),
    (InquiryChange, "field"),
    (Submission, "reference"),  # the receipt's number, like a case number
    (Submission, "language"),
}
# Models under an inquiry or forwarding that retention handles apart (attachments: deleted with
# their files; the advisor's documents and internal notes: deleted whole; the change record: the
# summary's values emptied), hold no personal text (reminders sent), or are kept on purpose: a
# case example is the office's anonymised story, written and approved for the annual report,
# which must print the same afterwards.
HANDLED_WHOLE = {
    "AnswerAttachment",
    "ReminderSent",
    "InquiryChange",
    "CaseExample",
    "InquiryDocument",
    "InquiryNote",
    # Organisational, no personal text: its link to a deleted inquiry goes with the inquiry
    # (the many-to-many row), the recommendation stays (tests/recommendations/test_services.py).
    "Recommendation",
    "Letter",  # deleted whole with its PDF (letters)
    "SurveyInvitation",  # deleted whole with the case file; the answers never point back
    "ContactRequest",
}


def text_fields(model: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and (model, field.name) not in NOT_PERSONAL
    ]


def personal_models() -> list[type[models.Model]]:
    return list(PERSONAL_TEXT)


@pytest.mark.parametrize("model", personal_models(), ids=lambda m: m.__name__)
def test_every_free_text_column_is_either_removed_or_declared_not_personal(model):
    # A new text field on one of these models fails here until it is put in PERSONAL_TEXT.
    assert sorted(text_fields(model)) == sorted(PERSONAL_TEXT[model])


def test_every_person_column_is_removed():
    assert sorted(text_fields(Person)) == sorted(PERSON_FIELDS)


def _models_under(model: type[models.Model]) -> set[type[models.Model]]:
    return {
        rel.related_model
        for rel in model._meta.related_objects
        if rel.one_to_many or rel.one_to_one or rel.many_to_many
    }


def test_every_category_covers_a_model_with_personal_text():
    assert {model for _category, model, _path in retention_removal.CATEGORIES} == set(PERSONAL_TEXT)


def test_every_model_that_hangs_off_an_inquiry_or_forwarding_is_known():
    # A new model under an inquiry (e.g. a web-form submission) must be added to retention.
    under = _models_under(Inquiry) | _models_under(Forwarding)
    unknown = {
        m.__name__ for m in under if m not in PERSONAL_TEXT and m.__name__ not in HANDLED_WHOLE
    }
    assert unknown == set()


def _retention(years: int) -> None:
    office = Office.load()
    office.retention_years = years
    office.save()


def _all_personal_values(inquiry_pk: int) -> list[str]:
    """Every personal text still held for the inquiry, found by iterating the models' fields."""
    values: list[str] = []
    for _category, model, path in retention_removal.CATEGORIES:
        names = PERSONAL_TEXT[model]
        for row in model._default_manager.filter(**{path: inquiry_pk}).values_list(*names):
            values.extend(value for value in row if value)
    for old, new in InquiryChange.objects.filter(
        inquiry_id=inquiry_pk, field__in=retention_removal.PERSONAL_CHANGED_FIELDS
    ).values_list("old_value", "new_value"):
        values.extend(value for value in (old, new) if value)
    values.extend(
        AnswerAttachment.objects.filter(forwarding__inquiry_id=inquiry_pk).values_list(
            "name", flat=True
        )
    )
    values.extend(
        SubmissionAttachment.objects.filter(submission__inquiries=inquiry_pk).values_list(
            "name", flat=True
        )
    )
    values.extend(InquiryNote.objects.filter(inquiry=inquiry_pk).values_list("text", flat=True))
    for title, description in InquiryDocument.objects.filter(inquiry=inquiry_pk).values_list(
        "title", "description"
    ):
        values.extend((title, description))
    values.extend(
        InquiryDocumentFile.objects.filter(document__inquiry=inquiry_pk).values_list(
            "name", flat=True
        )
    )
    if search_text.available():
        # PostgreSQL's copy for the search (inquiries/0014): nothing beyond the case number.
        text, case_number = (
            Inquiry.objects.filter(pk=inquiry_pk)
            .annotate(text=search_text.SearchText())
            .values_list("text", "case_number")
            .get()
        )
        values.extend(word for word in text.split() if word != case_number.upper())
    return values


def test_due_inquiry_loses_every_personal_field_and_keeps_its_skeleton(
    django_capture_on_commit_callbacks,
):
    _retention(5)
    inquiry = full_inquiry(closed=datetime.date(2019, 6, 14))
    person_pk = inquiry.person_id
    attachment = AnswerAttachment.objects.get()
    storage, name = attachment.file.storage, attachment.file.name
    sent_name = SubmissionAttachment.objects.get().file.name
    document_name = InquiryDocumentFile.objects.get().file.name
    skeleton = (
        Inquiry.objects.filter(pk=inquiry.pk)
        .values(
            "received_date",
            "area",
            "department",
            "handling_type",
            "status",
            "closed_date",
            "channel",
            "complainant_kind",
            "case_number",
        )
        .get()
    )
    dates = ("sent_date", "deadline_date", "answered_date", "status")
    forwarding_dates = list(Forwarding.objects.values_list(*dates))
    assert _all_personal_values(inquiry.pk)

    with django_capture_on_commit_callbacks(execute=True):
        run = retention_apply(today=TODAY, now=NOW)

    assert run.removed == 1 and run.persons_deleted == 1
    assert _all_personal_values(inquiry.pk) == []
    inquiry.refresh_from_db()
    assert inquiry.person_id is None and inquiry.personal_data_removed_at == NOW
    assert not Person.objects.filter(pk=person_pk).exists()
    assert not storage.exists(name) and not storage.exists(sent_name)
    assert not storage.exists(document_name)
    assert not InquiryDocument.objects.exists() and not InquiryNote.objects.exists()
    assert Submission.objects.get().reference.startswith("W-")  # the receipt number stays
    assert Inquiry.objects.filter(pk=inquiry.pk).values(*skeleton).get() == skeleton
    assert inquiry.reasons.count() == 1 and inquiry.actions.count() == 1
    assert inquiry.contacts.count() == 1 and inquiry.consents.count() == 1
    assert list(Forwarding.objects.values_list(*dates)) == forwarding_dates
    # A change of a field that is not personal keeps its record.
    assert InquiryChange.objects.filter(field="channel", old_value="Telefon").exists()


def test_deletion_log_says_what_when_and_why_never_the_data():
    _retention(5)
    inquiry = full_inquiry(closed=datetime.date(2019, 6, 14))
    retention_apply(today=TODAY, now=NOW)

    entry = DeletionLogEntry.objects.get()
    assert entry.inquiry_id == inquiry.pk and entry.case_number == inquiry.case_number
    assert entry.removed_at == NOW
    assert entry.closed_date == datetime.date(2019, 6, 14)
    assert entry.retention_years == 5 and entry.due_date == datetime.date(2024, 6, 14)
    assert "5 years" in entry.rule
    assert entry.person_deleted
    assert entry.counts == {
        "summary": 1,
        "contact notes": 1,
        "counted action notes": 1,
        "consent details": 1,
        "forwarding texts and answers": 1,
        "extension reasons": 1,
        "follow-up questions and answers": 1,
        "change record of the summary and CPR number": 1,
        "change record of removed documents": 1,
        "internal notes": 1,
        "documents": 1,
        "attachments": 1,
        "web-form submissions": 1,
        "web-form attachments": 1,
        "link to the person": 1,
        "person: name, contact details and CPR number": 1,
    }
    assert entry.categories == sorted(entry.counts)
    everything = json.dumps(
        list(DeletionLogEntry.objects.values()), default=str, ensure_ascii=False
    )
    assert SECRET not in everything and "0101901234" not in everything
    log = AccessLogEntry.objects.get(action="delete")
    assert (log.inquiry_id, log.user_id, log.at) == (inquiry.pk, None, NOW)
    assert SECRET not in log.detail


def test_not_yet_due_and_open_inquiries_are_untouched_and_the_person_kept_for_them():
    _retention(5)
    due = full_inquiry(closed=datetime.date(2019, 6, 14))
    person = due.person
    young = full_inquiry(closed=datetime.date(2019, 6, 15), person=person)
    open_one = full_inquiry(closed=None, person=person)

    run = retention_apply(today=TODAY, now=NOW)

    assert run.plan.due == [due.pk]
    assert _all_personal_values(due.pk) == []
    for kept in (young, open_one):
        assert any(SECRET in value for value in _all_personal_values(kept.pk))
        kept.refresh_from_db()
        assert kept.person_id == person.pk
    person.refresh_from_db()
    assert person.name.startswith(SECRET) and person.cpr == "0101901234"
    assert not DeletionLogEntry.objects.get().person_deleted


def test_a_second_run_finds_nothing_more_to_do():
    _retention(5)
    full_inquiry(closed=datetime.date(2019, 6, 14))
    retention_apply(today=TODAY, now=NOW)
    again = retention_apply(today=TODAY, now=NOW)
    assert (again.plan.due, again.removed) == ([], 0)
    assert DeletionLogEntry.objects.count() == 1


def test_batches_each_commit_on_their_own(monkeypatch):
    _retention(5)
    for _ in range(3):
        full_inquiry(closed=datetime.date(2019, 6, 14))
    done: list[int] = []
    run = retention_apply(today=TODAY, now=NOW, batch_size=2, progress=done.append)
    assert done == [2, 3] and run.removed == 3


def test_dry_run_changes_nothing_and_lists_the_case_numbers():
    _retention(5)
    inquiry = full_inquiry(closed=datetime.date(2019, 6, 14))
    full_inquiry(closed=None)
    before = _all_personal_values(inquiry.pk)
    logged = AccessLogEntry.objects.count()
    out = io.StringIO()

    call_command("apply_retention", "--dry-run", "--today", "2024-06-14", stdout=out)

    assert "1 inquiries due" in out.getvalue() and "1 persons would be deleted" in out.getvalue()
    assert inquiry.case_number in out.getvalue()
    assert _all_personal_values(inquiry.pk) == before
    assert DeletionLogEntry.objects.count() == 0
    assert AccessLogEntry.objects.count() == logged
    inquiry.refresh_from_db()
    assert inquiry.personal_data_removed_at is None


def test_archive_delivery_holds_the_data_and_is_written_before_removal(tmp_path):
    _retention(5)
    inquiry = full_inquiry(closed=datetime.date(2019, 6, 14))
    anonymous = full_inquiry(closed=datetime.date(2019, 1, 1))
    Inquiry.objects.filter(pk=anonymous.pk).update(person=None, complainant_kind="anonymous")
    out = io.StringIO()

    call_command(
        "apply_retention", "--archive-to", str(tmp_path), "--today", "2099-01-01", stdout=out
    )

    (package,) = tmp_path.iterdir()
    assert package.name.startswith("retention-")
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == 1
    assert manifest["rule"]["retention_years"] == 5
    assert [entry["case_number"] for entry in manifest["inquiries"]] == [
        anonymous.case_number,
        inquiry.case_number,
    ]
    entry = manifest["inquiries"][1]
    record = json.loads((package / entry["file"]).read_text(encoding="utf-8"))
    assert record["person"]["name"] == f"{SECRET} Hansen"
    assert record["person"]["cpr"] == "010190-1234"
    assert record["summary"].startswith(SECRET)
    assert record["contacts"][0]["note"].startswith(SECRET)
    assert record["forwardings"][0]["answer_text"].startswith(SECRET)
    assert record["forwardings"][0]["extensions"][0]["reason"].startswith(SECRET)
    assert record["forwardings"][0]["follow_up_questions"][0]["answer_text"].startswith(SECRET)
    assert record["consents"][0]["given_by"].startswith(SECRET)
    assert record["web_form_submissions"][0]["what_happened"].startswith(SECRET)
    assert record["notes"][0]["text"].startswith(SECRET)
    assert record["documents"][0]["title"].startswith(SECRET)
    answer_file, web_form_file, document_file = entry["attachments"]
    assert (package / answer_file["file"]).read_bytes() == b"%PDF-1.4\n"
    assert web_form_file["file"].endswith(f"{SECRET}-brev.pdf")
    assert (package / web_form_file["file"]).read_bytes() == b"%PDF-1.4\n"
    assert "/document-" in document_file["file"]
    assert (package / document_file["file"]).read_bytes() == b"%PDF-1.4\n"
    assert "manifest.json" in (package / "README.txt").read_text(encoding="utf-8")
    assert json.loads((package / manifest["inquiries"][0]["file"]).read_text())["person"] is None
    # ... and only then was the data removed, the package named in the deletion log.
    assert _all_personal_values(inquiry.pk) == []
    assert set(DeletionLogEntry.objects.values_list("archive_package", flat=True)) == {package.name}
    assert "Archive delivery written to" in out.getvalue()


def test_nothing_is_removed_when_the_archive_cannot_be_written(tmp_path, monkeypatch):
    _retention(5)
    inquiry = full_inquiry(closed=datetime.date(2019, 6, 14))

    def broken(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_text", broken)
    with pytest.raises(OSError):
        retention_apply(today=TODAY, now=NOW, archive_to=tmp_path)
    monkeypatch.undo()

    assert any(SECRET in value for value in _all_personal_values(inquiry.pk))
    assert list(tmp_path.iterdir()) == []  # no half-written package left behind
    assert DeletionLogEntry.objects.count() == 0


def test_today_in_the_past_is_refused_except_for_a_dry_run():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("apply_retention", "--today", "2000-01-01", stdout=io.StringIO())
    call_command("apply_retention", "--dry-run", "--today", "2000-01-01", stdout=io.StringIO())


def test_rejected_web_form_submissions_are_deleted_after_the_period(
    django_capture_on_commit_callbacks,
):
    _retention(5)

    def rejected(reference: str, handled: datetime.date) -> Submission:
        return Submission.objects.create(
            reference=reference,
            submitted_at=at(handled),
            complainant_kind="citizen",
            name="Spam Spamsen",
            what_happened="køb billige ure",
            consents_to_contact=False,
            status=Submission.Status.REJECTED,
            rejection_reason="Spam",
            handled_at=at(handled),
        )

    rejected("W-OLD", datetime.date(2019, 6, 14))
    rejected("W-NEW", datetime.date(2019, 6, 15))
    dry = retention_apply(today=TODAY, now=NOW, dry_run=True)
    assert dry.rejected_submissions == ["W-OLD"]
    assert Submission.objects.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        retention_apply(today=TODAY, now=NOW)

    assert list(Submission.objects.values_list("reference", flat=True)) == ["W-NEW"]
    log = AccessLogEntry.objects.get(action="delete")
    assert "W-OLD" in log.detail and "Spamsen" not in log.detail


def test_the_inquiry_page_says_its_personal_data_was_removed(advisor_client):
    _retention(5)
    inquiry = full_inquiry(closed=datetime.date(2019, 6, 14))
    retention_apply(today=TODAY, now=NOW)
    page = advisor_client.get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert 'id="personal-data-removed"' in page
    assert SECRET not in page


def test_a_person_without_any_inquiry_is_deleted():
    from tests.factories import PersonFactory

    orphan = PersonFactory(name="Forældreløs")
    kept = full_inquiry(closed=None).person
    dry = retention_apply(today=TODAY, now=NOW, dry_run=True)
    assert dry.orphans == [orphan.pk] and Person.objects.filter(pk=orphan.pk).exists()

    retention_apply(today=TODAY, now=NOW)

    assert list(Person.objects.values_list("pk", flat=True)) == [kept.pk]
    log = AccessLogEntry.objects.get(action="delete", person_id=orphan.pk)
    assert "Forældreløs" not in log.detail
