"""Who may write, approve and read the report's texts and case examples."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import can_read_statistics, is_active_advisor
from borgerraadgiver.report_content.models import CaseExample


def can_write_report(user: User | AnonymousUser) -> bool:
    """The advisors write the texts and the case examples, and see the candidates."""
    return is_active_advisor(user)


def can_approve_example(user: User | AnonymousUser, example: CaseExample) -> bool:
    """A second advisor: never one who marked or wrote the example."""
    return (
        can_write_report(user)
        and example.status == CaseExample.Status.AWAITING_APPROVAL
        and user.pk not in example.author_ids
    )


def can_download_report(user: User | AnonymousUser) -> bool:
    """Advisors and report readers download the document; it holds approved examples only."""
    return can_read_statistics(user)
