"""Writes for activities: the advisor's work that is not an inquiry (registration rule 6).

Activities hold no personal data, but every change is still written to the access log, so that
the log shows who registered, changed or deleted what.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.activities.models import Activity
from borgerraadgiver.activities.permissions import can_manage_activities
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.minutes import minutes_check
from borgerraadgiver.organisation.models import ActivityKind, Department


def _log(user: User, event: AccessEvent, activity: Activity, now: datetime.datetime) -> None:
    access_log_write(
        user=user,
        event=event,
        now=now,
        detail=f"{activity.pk}: {activity.activity_date:%Y-%m-%d} {activity.kind.name}",
    )


def _check(
    *,
    activity_date: datetime.date,
    kind: ActivityKind,
    department: Department | None,
    audience: str,
    previous_kind_id: int | None = None,
) -> None:
    errors: dict[str, list[str]] = {}
    if not kind.is_active and kind.pk != previous_kind_id:
        errors.setdefault("kind", []).append(_("This kind is no longer in use. Choose another."))
    if department is None and not audience.strip():
        errors.setdefault("audience", []).append(
            _("Give the department, or who took part when it was not one department.")
        )
    if department is not None and not department.is_valid_on(activity_date):
        errors.setdefault("department", []).append(
            _("%(department)s did not exist on %(date)s.")
            % {
                "department": department,
                "date": formats.date_format(activity_date, "SHORT_DATE_FORMAT"),
            }
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_create(
    *,
    created_by: User,
    now: datetime.datetime,
    activity_date: datetime.date,
    kind: ActivityKind,
    department: Department | None = None,
    audience: str = "",
    note: str = "",
    minutes: int | None = None,
) -> Activity:
    """Register an activity: a kind in use, and a department valid on the date or an audience.

    Writes one access-log row. Raises ValidationError keyed by the field at fault.
    """
    if not can_manage_activities(created_by):
        raise PermissionDenied
    _check(activity_date=activity_date, kind=kind, department=department, audience=audience)
    minutes_check(minutes)
    activity = Activity(
        activity_date=activity_date,
        kind=kind,
        department=department,
        audience=audience.strip(),
        note=note.strip(),
        minutes=minutes,
        created_by=created_by,
    )
    activity.full_clean()
    activity.save()
    _log(created_by, AccessEvent.ACTIVITY_REGISTERED, activity, now)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    changed_by: User,
    now: datetime.datetime,
    activity_date: datetime.date,
    kind: ActivityKind,
    department: Department | None = None,
    audience: str = "",
    note: str = "",
    minutes: int | None = None,
) -> Activity:
    """Change an activity under the same rules as registering; a retired kind may stay."""
    if not can_manage_activities(changed_by):
        raise PermissionDenied
    _check(
        activity_date=activity_date,
        kind=kind,
        department=department,
        audience=audience,
        previous_kind_id=activity.kind_id,
    )
    minutes_check(minutes)
    activity.activity_date = activity_date
    activity.kind = kind
    activity.department = department
    activity.audience = audience.strip()
    activity.note = note.strip()
    activity.minutes = minutes
    activity.full_clean()
    activity.save()
    _log(changed_by, AccessEvent.ACTIVITY_CHANGED, activity, now)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, deleted_by: User, now: datetime.datetime) -> None:
    """Delete an activity; the access log keeps what it was."""
    if not can_manage_activities(deleted_by):
        raise PermissionDenied
    _log(deleted_by, AccessEvent.ACTIVITY_DELETED, activity, now)
    activity.delete()
