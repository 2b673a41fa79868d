"""Which letter the app proposes now: the rule of each kind's moment, over what the inquiry's
page has loaded (no query of its own).

- a receipt after registering, unless the web form already gave one;
- a forwarding notice for each forwarding sent;
- a later deadline notice for each later date the department set;
- a referral when the inquiry is closed as referred to another body;
- a closing letter when the inquiry is closed (and not referred).
Each is proposed until a letter of its kind (for that forwarding or later date) is made. An
anonymous inquiry gets no proposal: there is no one to write to.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import Channel, Inquiry
from borgerraadgiver.letters.channels import is_anonymous
from borgerraadgiver.letters.models import Letter, LetterKind


@dataclass(frozen=True)
class Proposal:
    kind: str
    forwarding: Forwarding | None = None
    extension_id: int | None = None
    new_deadline_date: object = None

    @property
    def label(self) -> str:
        return str(LetterKind(self.kind).label)

    @property
    def query(self) -> str:
        """The new-letter page's query string for this proposal."""
        parts = [f"kind={self.kind}"]
        if self.forwarding is not None:
            parts.append(f"forwarding={self.forwarding.pk}")
        if self.extension_id is not None:
            parts.append(f"extension={self.extension_id}")
        return "&".join(parts)


def letter_proposals(
    *, inquiry: Inquiry, forwardings: Iterable[Forwarding], letters: Iterable[Letter]
) -> list[Proposal]:
    """The letters the moment calls for and not yet made, in the order they arose."""
    if is_anonymous(inquiry):
        return []
    made = {(letter.kind, letter.forwarding_id, letter.extension_id) for letter in letters}
    kinds = {kind for kind, _forwarding, _extension in made}
    proposals = []
    if LetterKind.RECEIPT not in kinds and inquiry.channel != Channel.WEB_FORM:
        proposals.append(Proposal(LetterKind.RECEIPT))
    for forwarding in sorted(forwardings, key=lambda f: (f.sent_date is None, f.sent_date, f.pk)):
        if forwarding.sent_date is None:
            continue
        if (LetterKind.FORWARDING_NOTICE, forwarding.pk, None) not in made:
            proposals.append(Proposal(LetterKind.FORWARDING_NOTICE, forwarding=forwarding))
        for extension in forwarding.extensions.all():
            if (LetterKind.LATER_DEADLINE, forwarding.pk, extension.pk) not in made:
                proposals.append(
                    Proposal(
                        LetterKind.LATER_DEADLINE,
                        forwarding=forwarding,
                        extension_id=extension.pk,
                        new_deadline_date=extension.new_deadline_date,
                    )
                )
    if inquiry.status == Inquiry.Status.CLOSED:
        if inquiry.referral_body_id is not None:
            if LetterKind.REFERRAL not in kinds:
                proposals.append(Proposal(LetterKind.REFERRAL))
        elif LetterKind.CLOSING not in kinds:
            proposals.append(Proposal(LetterKind.CLOSING))
    return proposals
