"""The letter proposed at each moment (`letters.proposals`): a pure rule over what the inquiry's
page has loaded, table-driven."""

import datetime
from types import SimpleNamespace

import pytest

from borgerraadgiver.inquiries.models import Channel, ComplainantKind, Inquiry
from borgerraadgiver.letters.models import LetterKind
from borgerraadgiver.letters.proposals import letter_proposals


class _Extensions(list):
    def all(self):
        return self


def _inquiry(**changes):
    values = {
        "person": SimpleNamespace(name="Jens"),
        "complainant_kind": ComplainantKind.CITIZEN,
        "channel": Channel.PHONE,
        "status": Inquiry.Status.OPEN,
        "referral_body_id": None,
    }
    values.update(changes)
    return SimpleNamespace(**values)


def _forwarding(pk, *, sent=True, extensions=()):
    return SimpleNamespace(
        pk=pk,
        sent_date=datetime.date(2026, 3, pk) if sent else None,
        extensions=_Extensions(
            SimpleNamespace(pk=e, new_deadline_date=datetime.date(2026, 5, e)) for e in extensions
        ),
    )


def _letter(kind, forwarding=None, extension=None):
    return SimpleNamespace(kind=kind, forwarding_id=forwarding, extension_id=extension)


R, N, L, F, C = (
    LetterKind.RECEIPT,
    LetterKind.FORWARDING_NOTICE,
    LetterKind.LATER_DEADLINE,
    LetterKind.REFERRAL,
    LetterKind.CLOSING,
)
CLOSED = {"status": Inquiry.Status.CLOSED}


@pytest.mark.parametrize(
    ("inquiry", "forwardings", "letters", "proposed"),
    [
        # after registering: the receipt
        ({}, [], [], [(R, None, None)]),
        ({}, [], [_letter(R)], []),
        # the web form gave its own receipt
        ({"channel": Channel.WEB_FORM}, [], [], []),
        # an anonymous inquiry: no one to write to
        ({"person": None, "complainant_kind": ComplainantKind.ANONYMOUS}, [], [], []),
        # a forwarding sent: its notice; a draft: nothing
        ({}, [_forwarding(1)], [_letter(R)], [(N, 1, None)]),
        ({}, [_forwarding(1, sent=False)], [_letter(R)], []),
        ({}, [_forwarding(1), _forwarding(2)], [_letter(R), _letter(N, 1)], [(N, 2, None)]),
        # a later date: its notice, once per later date
        (
            {},
            [_forwarding(1, extensions=[7, 8])],
            [_letter(R), _letter(N, 1), _letter(L, 1, 7)],
            [(L, 1, 8)],
        ),
        # closed: the closing letter; referred: the referral instead
        (CLOSED, [], [_letter(R)], [(C, None, None)]),
        (CLOSED, [], [_letter(R), _letter(C)], []),
        ({**CLOSED, "referral_body_id": 3}, [], [_letter(R)], [(F, None, None)]),
        ({**CLOSED, "referral_body_id": 3}, [], [_letter(R), _letter(F)], []),
        # a free letter proposes nothing and settles nothing
        (CLOSED, [], [_letter(LetterKind.FREE)], [(R, None, None), (C, None, None)]),
    ],
)
def test_the_letter_proposed_at_each_moment(inquiry, forwardings, letters, proposed):
    proposals = letter_proposals(
        inquiry=_inquiry(**inquiry),  # type: ignore[arg-type]
        forwardings=forwardings,  # type: ignore[arg-type]
        letters=letters,  # type: ignore[arg-type]
    )
    got = [(p.kind, p.forwarding.pk if p.forwarding else None, p.extension_id) for p in proposals]
    assert got == proposed
