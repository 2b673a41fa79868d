"""Writes for the report's texts and case examples. One service is one transaction, re-checks
the caller's permission, and logs every use of an inquiry in the access log."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.organisation.models import Area, Office
from borgerraadgiver.organisation.periods import ReportPeriod, report_period_containing
from borgerraadgiver.report_content import personal_data
from borgerraadgiver.report_content.models import (
    CaseExample,
    Dismissal,
    ReportText,
    ReportTextVersion,
    Section,
)
from borgerraadgiver.report_content.permissions import can_approve_example, can_write_report
from borgerraadgiver.report_content.selectors import case_example_check


def _require_writer(user: User) -> None:
    if not can_write_report(user):
        raise PermissionDenied


def _log(
    example: CaseExample,
    *,
    user: User,
    event: AccessEvent,
    now: datetime.datetime,
    detail: str = "",
) -> None:
    """An example that still points at its inquiry touches personal data: log it."""
    if example.inquiry_id is None:
        return
    access_log_write(
        user=user,
        event=event,
        now=now,
        inquiry_id=example.inquiry_id,
        person_id=example.inquiry.person_id if example.inquiry else None,
        detail=detail,
    )


@transaction.atomic
def report_text_save(
    *,
    user: User,
    period: ReportPeriod,
    section: str,
    area: Area | None,
    body: str,
    now: datetime.datetime,
) -> ReportText:
    """Save one section of the report for `period`. A changed text keeps its earlier version.

    A text of a published report may still be changed: the publication keeps its own copy, and
    the change is a draft for a corrected edition (`reports.services.report_publish_correction`).
    """
    _require_writer(user)
    if (section == Section.AREA) != (area is not None):
        raise ValidationError(_("A comment on an area needs its area, and only it."))
    body = body.replace("\r\n", "\n").strip()
    text = (
        ReportText.objects.select_for_update(of=("self",))
        .for_period(period)
        .filter(section=section, area=area)
        .order_by("pk")
    )
    existing = text.first()
    if existing is not None and existing.body == body:
        return existing
    record = existing or ReportText(
        period_start=period.start, period_end=period.end, section=section, area=area
    )
    record.body = body
    record.updated_by = user
    record.full_clean()
    record.save()
    ReportTextVersion.objects.create(text=record, body=body, saved_by=user, saved_at=now)
    return record


@transaction.atomic
def case_example_mark(*, inquiry: Inquiry, user: User, now: datetime.datetime) -> CaseExample:
    """Mark an inquiry as a candidate for a case example.

    The example copies the inquiry's report period (the office's report year it was received
    in), area and handling; an inquiry already marked and not yet approved gives back that
    candidate rather than a second one.
    """
    _require_writer(user)
    if not can_handle_inquiries(user):
        raise PermissionDenied
    existing = (
        CaseExample.objects.filter(inquiry=inquiry)
        .exclude(status=CaseExample.Status.APPROVED)
        .first()
    )
    if existing is not None:
        return existing
    period = report_period_containing(inquiry.received_date, office=Office.load())
    last = CaseExample.objects.for_period(period).aggregate(last=Max("position"))["last"]
    example = CaseExample(
        inquiry=inquiry,
        period_start=period.start,
        period_end=period.end,
        area=inquiry.area,
        area_name=inquiry.area.name,
        handling_kind=inquiry.handling_type.kind,
        position=(last or 0) + 1,
        created_by=user,
    )
    example.full_clean()
    example.save()
    _log(example, user=user, event=AccessEvent.CASE_EXAMPLE_MARKED, now=now)
    return example


@transaction.atomic
def case_example_update(
    *,
    example: CaseExample,
    user: User,
    now: datetime.datetime,
    title: str,
    text: str,
    period: ReportPeriod,
    area: Area | None,
    handling_kind: str,
) -> CaseExample:
    """Save the advisor's writing. Any change sends the example back to be approved again."""
    _require_writer(user)
    text = text.replace("\r\n", "\n").strip()
    values = {
        "title": title.strip(),
        "text": text,
        "period_start": period.start,
        "period_end": period.end,
        "area": area,
        "area_name": area.name if area else "",
        "handling_kind": handling_kind,
    }
    changed = [name for name, value in values.items() if getattr(example, name) != value]
    if not changed:
        return example
    for name, value in values.items():
        setattr(example, name, value)
    example.written_by = user
    if example.status != CaseExample.Status.CANDIDATE:
        example.status = CaseExample.Status.CANDIDATE
        example.submitted_at = example.approved_at = None
        example.approved_by = None
    example.full_clean()
    example.save()
    _log(
        example,
        user=user,
        event=AccessEvent.CASE_EXAMPLE_CHANGED,
        now=now,
        detail=", ".join(changed),
    )
    return example


@transaction.atomic
def case_example_dismiss(
    *,
    example: CaseExample,
    user: User,
    now: datetime.datetime,
    kind: str,
    value: str,
    reason: str,
) -> Dismissal:
    """Record that a flagged finding is not personal data. Only an open finding, with a reason."""
    _require_writer(user)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this is not personal data.")})
    key = (kind, personal_data.normalise(value))
    if key not in {finding.key for finding in case_example_check(example).open}:
        raise ValidationError(_("That finding is no longer in the text."))
    dismissal = Dismissal.objects.create(
        example=example,
        kind=kind,
        value=key[1],
        reason=reason.strip(),
        dismissed_by=user,
        dismissed_at=now,
    )
    _log(
        example,
        user=user,
        event=AccessEvent.CASE_EXAMPLE_FINDING_DISMISSED,
        now=now,
        detail=f"{kind}: {reason.strip()}",
    )
    return dismissal


@transaction.atomic
def case_example_submit(*, example: CaseExample, user: User, now: datetime.datetime) -> CaseExample:
    """Ask a second advisor to approve. Refused while the text has findings not dealt with."""
    _require_writer(user)
    if example.status != CaseExample.Status.CANDIDATE:
        raise ValidationError(_("Only an example being written can be submitted for approval."))
    if not example.title.strip() or not example.text.strip():
        raise ValidationError(_("Write a title and a text before submitting the example."))
    check = case_example_check(example)
    if not check.is_clean:
        raise ValidationError(
            _(
                "The text may still contain personal data (%(count)d findings). Rewrite it, or "
                "mark each finding that is not personal data with a reason."
            )
            % {"count": len(check.open)}
        )
    example.status = CaseExample.Status.AWAITING_APPROVAL
    example.submitted_at = now
    example.save(update_fields=["status", "submitted_at", "updated_at"])
    _log(example, user=user, event=AccessEvent.CASE_EXAMPLE_SUBMITTED, now=now)
    return example


@transaction.atomic
def case_example_approve(
    *, example: CaseExample, user: User, now: datetime.datetime
) -> CaseExample:
    """A second advisor approves the example for the report; never one who marked or wrote it."""
    _require_writer(user)
    if example.status != CaseExample.Status.AWAITING_APPROVAL:
        raise ValidationError(_("Only an example awaiting approval can be approved."))
    if not can_approve_example(user, example):
        raise ValidationError(
            _("Another advisor must approve the example: you marked or wrote it.")
        )
    if not case_example_check(example).is_clean:  # the inquiry's people may have changed
        raise ValidationError(_("The text may contain personal data. It goes back to its writer."))
    example.status = CaseExample.Status.APPROVED
    example.approved_by = user
    example.approved_at = now
    example.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    _log(example, user=user, event=AccessEvent.CASE_EXAMPLE_APPROVED, now=now)
    return example


@transaction.atomic
def case_example_return(*, example: CaseExample, user: User, now: datetime.datetime) -> CaseExample:
    """Send an example awaiting approval, or an approved one, back to be written again."""
    _require_writer(user)
    if example.status == CaseExample.Status.CANDIDATE:
        return example
    example.status = CaseExample.Status.CANDIDATE
    example.submitted_at = example.approved_at = None
    example.approved_by = None
    example.save()
    _log(example, user=user, event=AccessEvent.CASE_EXAMPLE_RETURNED, now=now)
    return example


@transaction.atomic
def case_example_move(*, example: CaseExample, user: User, up: bool) -> None:
    """Move the example one place up or down among its period's examples in the report."""
    _require_writer(user)
    siblings = list(
        CaseExample.objects.select_for_update()
        .for_period(example.period)
        .filter(status=example.status)
        .in_report_order()
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == example.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


@transaction.atomic
def case_example_delete(*, example: CaseExample, user: User, now: datetime.datetime) -> None:
    """Drop a candidate or an approved example from the report; the inquiry is untouched."""
    _require_writer(user)
    _log(example, user=user, event=AccessEvent.CASE_EXAMPLE_DELETED, now=now)
    example.delete()
