"""What the person's page shows: the person, every inquiry of theirs (open and closed) with its
forwardings, consents, declines and web-form messages, the corrections of their details and the
records merged into theirs. A fixed number of queries however much the person has.

Here, above the register, the forwardings and the web form, because the page gathers all three.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write_many
from borgerraadgiver.core.prefetch import exists_flags, may_have, prefetch_present
from borgerraadgiver.forwarding.models import Consent, ConsentRefusal, Forwarding
from borgerraadgiver.inquiries.models import Inquiry, Person, PersonChange, PersonMerge
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.organisation.kept_instances import kept_attach
from borgerraadgiver.privacy.permissions import can_see_person_data


@dataclass(frozen=True)
class PersonPage:
    person: Person
    inquiries: list[Inquiry]  # each with forwardings, consents, consent_refusals, submissions
    changes: list[PersonChange]
    merges: list[PersonMerge]

    @property
    def open_count(self) -> int:
        return sum(1 for inquiry in self.inquiries if inquiry.status == Inquiry.Status.OPEN)


def person_inquiries_in_full(*, user: User, person: Person) -> list[Inquiry]:
    """The person's inquiries, newest first, each with all the page shows of it.

    Whether each inquiry has forwardings, consents, declines and web-form messages is asked in
    the inquiries' own query, and each list is read only when one of them has rows: most people
    have none of most (issue 18)."""
    panels = [
        Prefetch(
            "forwardings",
            queryset=Forwarding.objects.visible_to(user).order_by("-id"),
        ),
        Prefetch("consents", queryset=Consent.objects.visible_to(user)),
        Prefetch("consent_refusals", queryset=ConsentRefusal.objects.visible_to(user)),
        Prefetch(
            "submissions",
            queryset=Submission.objects.visible_to(user).order_by("-submitted_at", "-id"),
        ),
    ]
    inquiries = list(
        Inquiry.objects.visible_to(user)
        .filter(person=person)
        .annotate(**exists_flags(Inquiry, (panel.prefetch_to for panel in panels)))
        .order_by("-received_date", "-pk")
    )
    prefetch_present(inquiries, panels)
    # The place each row shows, from the kept rows: joined, the inquiries' and their
    # forwardings' areas, departments and handling types were a tenth of the page's instructions,
    # though the rows show only this (issue 18). Anything else read of them is a query.
    kept_attach(inquiries, "area", "department")
    return inquiries


def person_page(*, user: User, pk: int) -> PersonPage:
    """Everything the person's page shows; Person.DoesNotExist if the user may not see them."""
    # Whether the person was ever corrected or had records merged in, asked in the person's own
    # query: most never were, and each list read would be a query (issue 18).
    person = (
        Person.objects.visible_to(user)
        .annotate(**exists_flags(Person, ("changes", "merges")))
        .get(pk=pk)
    )
    return PersonPage(
        person=person,
        inquiries=person_inquiries_in_full(user=user, person=person),
        changes=(
            list(person.changes.select_related("changed_by")) if may_have(person, "changes") else []
        ),
        merges=(
            list(person.merges.select_related("merged_by")) if may_have(person, "merges") else []
        ),
    )


def person_shown_log(
    *, user: User, event: AccessEvent, now: datetime.datetime, shown: list[PersonPage]
) -> None:
    """Log the showing of people's pages as a read: per person, and per inquiry shown."""
    if not can_see_person_data(user):
        raise PermissionDenied
    access_log_write_many(
        user=user,
        event=event,
        now=now,
        inquiries=[
            row
            for page in shown
            for row in [
                (None, page.person.pk),
                *((inquiry.pk, page.person.pk) for inquiry in page.inquiries),
            ]
        ],
    )
