"""Reads about forwardings and the consents they rest on."""

from dataclasses import dataclass

from borgerraadgiver.accounts.models import User
from borgerraadgiver.forwarding.models import Consent, Forwarding
from borgerraadgiver.inquiries.models import Inquiry


@dataclass(frozen=True)
class InquiryForwardings:
    """An inquiry's consents and forwardings, newest first, as its page shows them."""

    consents: list[Consent]
    forwardings: list[Forwarding]

    @property
    def consent_in_force(self) -> Consent | None:
        return next((consent for consent in self.consents if consent.is_in_force), None)


def inquiry_forwardings(*, user: User, inquiry: Inquiry) -> InquiryForwardings:
    """The consents and forwardings of one inquiry the user may see; two queries."""
    return InquiryForwardings(
        consents=list(
            Consent.objects.visible_to(user).filter(inquiry=inquiry).order_by("-given_date", "-id")
        ),
        forwardings=list(
            Forwarding.objects.visible_to(user)
            .filter(inquiry=inquiry)
            .select_related("department")
            .order_by("-id")
        ),
    )


def forwarding_get(*, user: User, pk: int) -> Forwarding:
    """One forwarding with all its pages show; Forwarding.DoesNotExist if the user may not see it.

    The advisor's page, the department's portal and the API all read a forwarding through this,
    and then check their own role (`can_forward`, `manages`) on what it returns.
    """
    return (
        Forwarding.objects.visible_to(user)
        .select_related("inquiry__person", "department__area", "answered_by", "created_by")
        .prefetch_related("extensions", "follow_up_questions", "attachments")
        .get(pk=pk)
    )
