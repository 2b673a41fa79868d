"""Reads of the access log: one person's accesses, and the administrator's search."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessLogEntry, AccessLogQuerySet
from borgerraadgiver.inquiries.models import Inquiry, Person, PersonMerge
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.privacy.permissions import can_search_access_log, can_see_person_data


def person_get(*, user: User, pk: int) -> Person:
    """A person the user may see; Person.DoesNotExist otherwise (the view answers 404)."""
    return Person.objects.visible_to(user).get(pk=pk)


def person_inquiries(*, user: User, person: Person) -> list[Inquiry]:
    return list(
        Inquiry.objects.visible_to(user)
        .filter(person=person)
        .select_related("area", "department")
        .order_by("-received_date", "-pk")
    )


def person_access_log(*, user: User, person: Person, inquiry_ids: list[int]) -> AccessLogQuerySet:
    """Every access to the person's data: rows naming them, a record merged into theirs, or any
    of their inquiries, newest first. Rows of inquiries whose person link retention removed
    still name the inquiry."""
    if not can_see_person_data(user):
        raise PermissionDenied
    references = list(
        Submission.objects.filter(inquiries__in=inquiry_ids)
        .values_list("reference", flat=True)
        .distinct()
    )
    return AccessLogEntry.objects.for_person(
        person_id=person.pk,
        inquiry_ids=inquiry_ids,
        merged_ids=merged_person_ids(person),
        submission_references=references,
    ).select_related("user")


def merged_person_ids(person: Person) -> QuerySet[PersonMerge, Any]:
    """The ids of the records merged into the person's (a subquery): the log's rows about them
    are theirs."""
    return person.merges.values("merged_person_id")


LOG_PAGE_SIZE = 50


@dataclass(frozen=True)
class PersonLog:
    person: Person
    inquiries: list[Inquiry]
    page: Page
    case_numbers: dict[int, str]


def person_log_page(*, user: User, pk: int, number: str | int | None) -> PersonLog:
    """One person, their inquiries and a page of the accesses to their data.

    Person.DoesNotExist if the user may not see the person.
    """
    person = person_get(user=user, pk=pk)
    inquiries = person_inquiries(user=user, person=person)
    ids = [inquiry.pk for inquiry in inquiries]
    page = Paginator(
        person_access_log(user=user, person=person, inquiry_ids=ids), LOG_PAGE_SIZE
    ).get_page(number)
    numbers = {inquiry.pk: inquiry.case_number for inquiry in inquiries}
    return PersonLog(
        person=person,
        inquiries=inquiries,
        page=with_case_numbers(page, numbers),
        case_numbers=numbers,
    )


@dataclass(frozen=True)
class LogFilters:
    user_id: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    action: str = ""


def access_log_search(
    *,
    user: User,
    filters: LogFilters,
    start_at: datetime.datetime | None = None,
    end_before: datetime.datetime | None = None,
) -> AccessLogQuerySet:
    """The administrator's search of the log by user, period and action, newest first.

    `start_at`/`end_before` are the period's bounds as moments in the office's time zone.
    """
    if not can_search_access_log(user):
        raise PermissionDenied
    entries = AccessLogEntry.objects.select_related("user")
    condition = Q()
    if filters.user_id:
        condition &= Q(user_id=filters.user_id)
    if start_at is not None:
        condition &= Q(at__gte=start_at)
    if end_before is not None:
        condition &= Q(at__lt=end_before)
    if filters.action:
        condition &= Q(action=filters.action)
    return entries.filter(condition)


def with_case_numbers(page: Page, numbers: dict[int, str] | None = None) -> Page:
    """The page's entries as a list, each with `case_number` (journal numbers are not personal
    data: administrators see them too). Looked up in one query unless `numbers` is given."""
    entries = list(page.object_list)
    if numbers is None:
        ids = {entry.inquiry_id for entry in entries if entry.inquiry_id}
        numbers = dict(Inquiry.objects.filter(pk__in=ids).values_list("pk", "case_number"))
    for entry in entries:
        entry.case_number = numbers.get(entry.inquiry_id or 0, "")
    page.object_list = entries
    return page


def paginate(entries: AccessLogQuerySet, number: str | int | None) -> Page:
    return with_case_numbers(Paginator(entries, LOG_PAGE_SIZE).get_page(number))
