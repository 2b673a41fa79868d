"""Who may write, approve and read the report's texts and case examples."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.report_content.models import CaseExample


def can_write_report(user: User | AnonymousUser) -> bool:
    """The advisors write the texts and the case examples, and see the candidates."""
    return bool(user.is_authenticated and user.is_active and user.is_advisor)


def can_approve_example(user: User | AnonymousUser, example: CaseExample) -> bool:
    """A second advisor: never one who marked or wrote the example."""
    return (
        can_write_report(user)
        and example.status == CaseExample.Status.AWAITING_APPROVAL
        and user.pk not in example.author_ids
    )


def can_download_report(user: User | AnonymousUser) -> bool:
    """Advisors and report readers download the document; it holds approved examples only."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_advisor or user.is_report_reader)
    )
