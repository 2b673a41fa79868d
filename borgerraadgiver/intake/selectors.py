"""Reads for the web form and the advisor's inbox."""

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.intake.permissions import can_handle_submissions
from borgerraadgiver.organisation.kept import kept_rows
from borgerraadgiver.organisation.models import Area, Department

UNKNOWN_PLACE = "unknown"
INBOX_PAGE_SIZE = 50


@dataclass(frozen=True)
class PlaceGroup:
    """One area with the departments a citizen may choose under it (none: choose the area)."""

    area: Area
    departments: list[Department]


def place_groups(*, today: datetime.date) -> list[PlaceGroup]:
    """The parts of the municipality as they are today, for the citizen to choose from.

    Only the administration's areas: "outside competence" and "the advisor function" are the
    advisor's judgements, not a citizen's choice. Kept by the process (`organisation.kept`):
    read again when the lists change, two queries whatever the size of the office.
    """
    open_areas = Area.objects.valid_on(today).filter(kind=Area.Kind.ADMINISTRATION)
    areas = kept_rows(f"contact-areas:{today}", open_areas)
    departments = kept_rows(
        f"contact-departments:{today}",
        Department.objects.valid_on(today)
        .filter(area__in=open_areas)
        .order_by("sort_order", "name"),
    )
    by_area: dict[int, list[Department]] = {area.pk: [] for area in areas}
    for department in departments:
        by_area[department.area_id].append(department)
    return [PlaceGroup(area=area, departments=by_area[area.pk]) for area in areas]


def place_choices(groups: list[PlaceGroup]) -> list[tuple[str, str]]:
    """Radio values: 'd<id>' a department, 'a<id>' an area without departments, or unknown."""
    choices: list[tuple[str, str]] = []
    for group in groups:
        if group.departments:
            # The page shows each department under its area's name.
            choices.extend((f"d{d.pk}", d.name) for d in group.departments)
        else:
            choices.append((f"a{group.area.pk}", group.area.name))
    choices.append((UNKNOWN_PLACE, _("I don't know")))
    return choices


def submission_list(*, user: User, status: str, number: str | None) -> Page:
    """One page of the inbox: the submissions with `status` (all when empty), newest first."""
    submissions = Submission.objects.visible_to(user).select_related("area", "department__area")
    if status:
        submissions = submissions.filter(status=status)
    submissions = submissions.order_by("-submitted_at", "-id")
    return Paginator(submissions, INBOX_PAGE_SIZE).get_page(number)


def inbox_count(*, user: User) -> int:
    """Submissions waiting to be registered. The menu shows it on every advisor page: the count
    is kept per process until a submission comes, is registered or is rejected, whichever
    process wrote it (`organisation.kept`; migration intake/0004)."""
    if not can_handle_submissions(user):
        return 0  # `Submission.objects.visible_to` shows them no submission
    return sum(count for (count,) in kept_rows("intake.waiting", _waiting_counted()))


@functools.cache
def _waiting_counted() -> QuerySet[Submission, tuple[int]]:
    """The count of what every advisor sees waiting (`visible_to`: all of it), as rows for
    `kept_rows`; built once a process, as building it cost more than reading it kept."""
    waiting = Submission.objects.waiting().order_by()
    return waiting.values("status").annotate(count=Count("pk")).values_list("count")


def inbox_waiting(*, user: User) -> int | None:
    """The count the menu shows by the inbox; None for a user who does not handle the inbox."""
    if not can_handle_submissions(user):
        return None
    return inbox_count(user=user)


def submission_registration_initial(submission: Submission) -> dict[str, object]:
    """The registration page's fields as the submission fills them; the advisor checks the rest."""
    # Stored on the inquiry: written in the office's language, so it reads the same to everyone.
    with translation.override(settings.LANGUAGE_CODE):
        parts = [_("Web form %(reference)s.") % {"reference": submission.reference}]
        parts.append(_("What happened: %(text)s") % {"text": submission.what_happened})
        if submission.what_they_want:
            parts.append(_("What they want: %(text)s") % {"text": submission.what_they_want})
    if submission.department_id is not None:
        place = f"d{submission.department_id}"
    elif submission.area_id is not None:
        place = f"a{submission.area_id}"
    else:
        place = ""
    return {
        "submission": submission.pk,
        "complainant_kind": submission.complainant_kind,
        "person_name": submission.name,
        "person_phone": submission.phone,
        "person_email": submission.email,
        "person_address": submission.address,
        "received_date": timezone.localdate(submission.submitted_at),
        "channel": "web_form",
        "department": place,
        "summary": "\n\n".join(parts),
    }


def submission_get(*, user: User, pk: int) -> Submission:
    """One submission the user may see; DoesNotExist otherwise."""
    return Submission.objects.visible_to(user).get(pk=pk)


def submissions_of_inquiry(*, user: User, inquiry_id: int) -> list[dict[str, object]]:
    """The web-form submissions an inquiry was registered from, with their files: one query.

    [{"pk", "reference", "attachments": [{"pk", "name", "size"}, …]}, …]
    """
    rows = (
        Submission.objects.visible_to(user)
        .filter(inquiries=inquiry_id)
        .values("pk", "reference", "attachments__pk", "attachments__name", "attachments__size")
        .order_by("pk", "attachments__pk")
    )
    found: dict[int, dict[str, object]] = {}
    for row in rows:
        entry = found.setdefault(
            row["pk"], {"pk": row["pk"], "reference": row["reference"], "attachments": []}
        )
        if row["attachments__pk"] is not None:
            entry["attachments"].append(  # type: ignore[attr-defined]
                {
                    "pk": row["attachments__pk"],
                    "name": row["attachments__name"],
                    "size": row["attachments__size"],
                }
            )
    return list(found.values())
