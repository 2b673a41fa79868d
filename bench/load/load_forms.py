"""What the benchmarks' users post: the forms of registering, consent, forwarding and answering
(bench/load/locustfile.py; the registration also bench/concurrency_locust.py).

Apart from locustfile.py (which imports locust, and with it gevent's patching) so that
`tests/test_load_forms.py` can post each of them to the app and fail when a form has changed
and the load test would have its posts refused: the answer's confirmation box was added to the
portal's form and the load test's 240 answers a run were refused (400) until it was found.
"""

import datetime


def registration_form(
    *,
    csrf: str,
    token: str,
    department: str,
    reasons: list[int],
    handling_type: int,
    today: datetime.date,
    once: str = "",
) -> dict[str, object]:
    """A new person's inquiry by phone; `department` is a placement ('d12', or 'a3' for an area);
    `once`, the form page's one-time token, where the user read the page first."""
    return {
        "csrfmiddlewaretoken": csrf,
        "once": once,
        "complainant_kind": "citizen",
        "person_name": f"Belastning Borger {token}",
        "received_date": today.isoformat(),
        "channel": "phone",
        "department": department,
        "reasons": reasons,
        "handling_type": handling_type,
        "summary": f"Belastningstest {token}: borgeren venter på svar.",
        "matches_shown": "True",
        "registration": "new",
    }


def consent_form(*, csrf: str, today: datetime.date) -> dict[str, object]:
    """The citizen's consent to forwarding, given by phone today."""
    return {
        "csrfmiddlewaretoken": csrf,
        "consent-given_by": "Borgeren",
        "consent-given_date": today.isoformat(),
        "consent-method": "phone",
    }


def forwarding_form(*, csrf: str, department: str) -> dict[str, object]:
    """The inquiry forwarded to department `department` (its id) and sent at once."""
    return {
        "csrfmiddlewaretoken": csrf,
        "kind": "forwarded",
        "department": department,
        "text": "Borgeren har ikke fået svar. Vil I svare borgeren skriftligt?",
        "send": "1",
    }


def answer_form(*, csrf: str) -> dict[str, object]:
    """The manager's answer to the citizen, with the check that it is ready to be sent."""
    return {
        "csrfmiddlewaretoken": csrf,
        "answer_text": "Forvaltningen har nu behandlet sagen og svaret borgeren.",
        "confirmed": "on",
    }
