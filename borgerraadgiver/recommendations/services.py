"""Writes for recommendations. Each service is one transaction, checks its rules, records the
step in the recommendation's history (`RecommendationEvent`) and writes its access-log row.

The rules:
- a recommendation is addressed to at least one department or area, and made in a report period;
- its response deadline is on or after the day it is sent;
- the addressed management responds (accepted, partly accepted, declined, or answered without a
  position yet) while it is not closed; the response names the department or area, never a person;
- the advisor records follow-up and closes it as carried out or not, always with the reasons.

A change locks the recommendation's row and re-reads it, so a double click acts once.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Area, Department, Reason
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.recommendations.models import (
    CLOSED_STATUSES,
    RESPONSE_STATUSES,
    Recommendation,
    RecommendationEvent,
    Status,
)
from borgerraadgiver.recommendations.notify import advisors_notify_response, managers_notify_made
from borgerraadgiver.recommendations.permissions import can_manage_recommendations, is_addressee

# Error messages a test checks.
NO_ADDRESSEE = gettext_lazy("Address the recommendation to at least one department or area.")
DEADLINE_BEFORE_SENT = gettext_lazy("The response deadline is before the day it is sent.")
CLOSED_ALREADY = gettext_lazy(
    "The recommendation is closed: it cannot be answered or changed any more."
)


def _advisor_name() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("The citizens' advisor")


def _lock(recommendation: Recommendation) -> Recommendation:
    saved = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    for field in Recommendation._meta.concrete_fields:
        setattr(recommendation, field.attname, getattr(saved, field.attname))
    return recommendation


def _log(
    user: User, recommendation: Recommendation, now: datetime.datetime, event: AccessEvent
) -> None:
    access_log_write(user=user, event=event, now=now, detail=str(recommendation.pk))


def _check_new(
    *,
    text: str,
    addressed: bool,
    sent_date: datetime.date,
    response_deadline_date: datetime.date,
) -> None:
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = [_("Write the recommendation.")]
    if not addressed:
        errors["departments"] = [str(NO_ADDRESSEE)]
    if response_deadline_date < sent_date:
        errors["response_deadline_date"] = [str(DEADLINE_BEFORE_SENT)]
    if errors:
        raise ValidationError(errors)


def _record_sent(
    recommendation: Recommendation,
    *,
    created_by: User,
    now: datetime.datetime,
    inquiries: list[Inquiry],
) -> None:
    """The history's first step, and the access log: a row per inquiry it rests on."""
    RecommendationEvent.objects.create(
        recommendation=recommendation,
        kind=RecommendationEvent.Kind.SENT,
        status=Status.SENT,
        event_date=recommendation.sent_date,
        at=now,
        by_name=_advisor_name(),
        created_by=created_by,
    )
    if inquiries:
        access_log_write_many(
            user=created_by,
            event=AccessEvent.RECOMMENDATION_MADE,
            now=now,
            inquiries=[(i.pk, i.person_id) for i in inquiries],
            detail=str(recommendation.pk),
        )
    else:
        _log(created_by, recommendation, now, AccessEvent.RECOMMENDATION_MADE)


@transaction.atomic
def recommendation_create(
    *,
    created_by: User,
    now: datetime.datetime,
    text: str,
    period: ReportPeriod,
    sent_date: datetime.date,
    response_deadline_date: datetime.date,
    departments: Iterable[Department] = (),
    areas: Iterable[Area] = (),
    inquiries: Iterable[Inquiry] = (),
    reasons: Iterable[Reason] = (),
) -> Recommendation:
    """Make and send a recommendation to the addressed managements (e-mailed once stored).

    Writes the history's first step (sent) and one access-log row per inquiry it rests on (the
    inquiry's log shows it was cited), or one row when it rests on none.
    """
    if not can_manage_recommendations(created_by):
        raise PermissionDenied
    departments, areas = list(departments), list(areas)
    inquiries, reasons = list(inquiries), list(reasons)
    _check_new(
        text=text,
        addressed=bool(departments or areas),
        sent_date=sent_date,
        response_deadline_date=response_deadline_date,
    )
    recommendation = Recommendation(
        text=text.strip(),
        period_start_date=period.start,
        period_end_date=period.end,
        sent_date=sent_date,
        response_deadline_date=response_deadline_date,
        status=Status.SENT,
        status_date=sent_date,
        created_by=created_by,
    )
    recommendation.full_clean()
    recommendation.save()
    recommendation.departments.set(departments)
    recommendation.areas.set(areas)
    recommendation.inquiries.set(inquiries)
    recommendation.reasons.set(reasons)
    _record_sent(recommendation, created_by=created_by, now=now, inquiries=inquiries)
    transaction.on_commit(lambda: managers_notify_made(recommendation, settings.SITE_URL))
    return recommendation


def responder_name(user: User, recommendation: Recommendation) -> str:
    """The addressed departments and areas the user answers for: 'Børn og Familie, Skole'."""
    managed_departments = set(user.managed_departments.values_list("pk", flat=True))
    managed_areas = set(user.managed_areas.values_list("pk", flat=True))
    names = [
        d.name
        for d in recommendation.departments.all()
        if d.pk in managed_departments or d.area_id in managed_areas
    ]
    names += [a.name for a in recommendation.areas.all() if a.pk in managed_areas]
    names += [
        d.name
        for d in Department.objects.filter(
            pk__in=managed_departments, area__in=recommendation.areas.all()
        )
        if d.name not in names
    ]
    return ", ".join(dict.fromkeys(names))


@transaction.atomic
def recommendation_respond(
    *,
    recommendation: Recommendation,
    responded_by: User,
    now: datetime.datetime,
    status: str,
    text: str,
    planned_action: str = "",
    planned_by_date: datetime.date | None = None,
) -> RecommendationEvent:
    """The addressed management's response: its position, what will be done and by when.

    The recommendation takes the response's status; the advisors are e-mailed once stored.
    """
    if not is_addressee(responded_by, recommendation):
        raise PermissionDenied
    _lock(recommendation)
    if recommendation.is_closed:
        raise ValidationError(str(CLOSED_ALREADY))
    today = timezone.localdate(now)
    errors: dict[str, list[str]] = {}
    if status not in RESPONSE_STATUSES:
        errors["status"] = [_("Choose the administration's position.")]
    if not text.strip():
        errors["text"] = [_("Write the administration's response.")]
    if status in (Status.ACCEPTED, Status.PARTLY_ACCEPTED) and not planned_action.strip():
        errors["planned_action"] = [_("Say what will be done.")]
    if planned_by_date is not None and planned_by_date < today:
        errors["planned_by_date"] = [_("The date is in the past.")]
    if errors:
        raise ValidationError(errors)
    by_name = responder_name(responded_by, recommendation)
    event = RecommendationEvent.objects.create(
        recommendation=recommendation,
        kind=RecommendationEvent.Kind.RESPONSE,
        status=status,
        event_date=today,
        at=now,
        by_name=by_name,
        text=text.strip(),
        planned_action=planned_action.strip(),
        planned_by_date=planned_by_date,
        created_by=responded_by,
    )
    recommendation.status = status
    recommendation.status_date = today
    recommendation.save(update_fields=["status", "status_date", "updated_at"])
    _log(responded_by, recommendation, now, AccessEvent.RECOMMENDATION_ANSWERED)
    transaction.on_commit(
        lambda: advisors_notify_response(recommendation, by_name, settings.SITE_URL)
    )
    return event


@transaction.atomic
def recommendation_follow_up(
    *, recommendation: Recommendation, recorded_by: User, now: datetime.datetime, text: str
) -> RecommendationEvent:
    """The advisor's note on how the recommendation is being followed; the status stays."""
    if not can_manage_recommendations(recorded_by):
        raise PermissionDenied
    _lock(recommendation)
    if recommendation.is_closed:
        raise ValidationError(str(CLOSED_ALREADY))
    if not text.strip():
        raise ValidationError({"text": [_("Write what was followed up.")]})
    event = RecommendationEvent.objects.create(
        recommendation=recommendation,
        kind=RecommendationEvent.Kind.FOLLOW_UP,
        status=recommendation.status,
        event_date=timezone.localdate(now),
        at=now,
        by_name=_advisor_name(),
        text=text.strip(),
        created_by=recorded_by,
    )
    _log(recorded_by, recommendation, now, AccessEvent.RECOMMENDATION_FOLLOWED_UP)
    return event


@transaction.atomic
def recommendation_close(
    *,
    recommendation: Recommendation,
    closed_by: User,
    now: datetime.datetime,
    status: str,
    closed_date: datetime.date,
    reason: str,
) -> RecommendationEvent:
    """Close a recommendation as carried out or not, with the reasons, on a day from its
    sending to today."""
    if not can_manage_recommendations(closed_by):
        raise PermissionDenied
    _lock(recommendation)
    if recommendation.is_closed:
        raise ValidationError(str(CLOSED_ALREADY))
    errors: dict[str, list[str]] = {}
    if status not in CLOSED_STATUSES:
        errors["status"] = [_("Choose whether it was carried out.")]
    if not reason.strip():
        errors["reason"] = [_("Give the reasons: what was done, or why not.")]
    if closed_date < recommendation.sent_date:
        errors["closed_date"] = [_("The date is before the recommendation was sent.")]
    elif closed_date > timezone.localdate(now):
        errors["closed_date"] = [_("The date is in the future.")]
    if errors:
        raise ValidationError(errors)
    event = RecommendationEvent.objects.create(
        recommendation=recommendation,
        kind=RecommendationEvent.Kind.CLOSED,
        status=status,
        event_date=closed_date,
        at=now,
        by_name=_advisor_name(),
        text=reason.strip(),
        created_by=closed_by,
    )
    recommendation.status = status
    recommendation.status_date = closed_date
    recommendation.closed_date = closed_date
    recommendation.save(update_fields=["status", "status_date", "closed_date", "updated_at"])
    _log(closed_by, recommendation, now, AccessEvent.RECOMMENDATION_CLOSED)
    return event
