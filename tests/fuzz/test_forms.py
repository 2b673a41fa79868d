# ruff: noqa: E501 (the table of forms reads best one row a line)
"""Fuzzing the forms: whatever is posted, the answer is never a server error (5xx).

Each test reads the form's fields from the page that shows it (tests/fuzz/forms.py) and posts
hypothesis-generated data: any unicode, null bytes, 100,000-character strings, odd dates and
numbers, repeated fields, missing fields, and valid choices now and then. The test client
re-raises a view's exception, so a crash fails the test with its traceback; a 5xx answer fails
the assertion. `FUZZ_EXAMPLES` sets the posts per form: 40 by default, to keep the suite fast;
`FUZZ_EXAMPLES=100` for a deeper run. The posts are the same on every run (hypothesis seeds
from the test, `derandomize`, as the API's schemathesis test does), so a failure seen once comes
back, on any machine, until the test or the pinned hypothesis changes.
"""

import datetime
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings

from borgerraadgiver.forwarding.answers import forwarding_answer
from tests.factories import (
    ActionFactory,
    AreaFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    ReasonFactory,
)
from tests.fuzz.forms import form_fields, post_data
from tests.helpers import at
from tests.login import verified_client

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
# How many posts each form received, for the report (printed with -s).
RUNS: dict[str, int] = {}


def fuzz(
    client: Client, page: str, target: str, prefix: str | tuple[str, ...] = "", name: str = ""
) -> None:
    """Posts generated data to `target`, with the fields the form on `page` has."""
    page_response = client.get(page)
    assert page_response.status_code == 200, page
    fields = form_fields(page_response.content.decode(), prefix)
    assert fields, f"no fields with prefix {prefix!r} on {page}"
    key = name or target

    @FUZZ
    @given(data=post_data(fields))
    def post(data: dict) -> None:
        RUNS[key] = RUNS.get(key, 0) + 1
        response = client.post(target, data)
        assert response.status_code < 500, (target, data)

    post()
    print(f"{key}: {RUNS[key]} posts")


@pytest.fixture
def organisation(db):
    area = AreaFactory()
    DepartmentFactory(area=area)
    DepartmentFactory(area=area)
    for name in ("Manglende svar", "Afgørelse"):
        ReasonFactory(name=name)
    HandlingTypeFactory()
    ActionFactory()


@pytest.fixture
def forwardings(make_sent):
    sent = make_sent(datetime.date(2024, 3, 6))
    answered = make_sent(datetime.date(2024, 3, 6), department=sent.department)
    manager = sent.department.managers.get()
    forwarding_answer(
        forwarding=answered,
        answered_by=manager,
        now=at(datetime.date(2024, 3, 20)),
        answer_text="Svar",
        attachments=[SimpleUploadedFile("svar.pdf", b"%PDF-1.4")],
    )
    return sent, answered, manager


def test_the_login_form(db):
    login = reverse("accounts:login")
    fuzz(Client(), login, login, name="login")


def test_the_second_factor_code_form(advisor):
    client = Client()
    client.force_login(advisor)
    verified_client(advisor)  # gives the advisor an app; this client has only the password
    code = reverse("accounts:otp_verify")
    fuzz(client, code, code, name="two-factor code")


def test_the_registration_form(advisor_client, organisation):
    register = reverse("advisor:inquiry_register")
    fuzz(advisor_client, register, register, name="registration")


def test_the_inquiry_edit_form(advisor_client, forwardings):
    edit = reverse("advisor:inquiry_edit", args=[forwardings[0].inquiry_id])
    fuzz(advisor_client, edit, edit, name="inquiry edit")


@pytest.mark.parametrize(
    ("name", "prefix", "target"),
    [
        ("consent", "consent-", lambda s, a: reverse("advisor:consent_add", args=[s.inquiry_id])),
        ("contact", ("contact_date", "kind", "note"), lambda s, a: reverse("advisor:contact_add", args=[s.inquiry_id])),
        ("counted action", "action-", lambda s, a: reverse("advisor:action_add", args=[s.inquiry_id])),
        ("close inquiry", ("closed_date",), lambda s, a: reverse("advisor:inquiry_close", args=[s.inquiry_id])),
    ],
)  # fmt: skip
def test_the_forms_on_the_inquiry_page(advisor_client, forwardings, name, prefix, target):
    sent, answered, _manager = forwardings
    page = reverse("advisor:inquiry_detail", args=[sent.inquiry_id])
    fuzz(advisor_client, page, target(sent, answered), prefix, name=name)


def test_the_new_forwarding_form(advisor_client, forwardings):
    page = reverse("advisor:forwarding_new", args=[forwardings[0].inquiry_id])
    fuzz(advisor_client, page, page, name="new forwarding")


@pytest.mark.parametrize(
    ("name", "prefix", "target"),
    [
        ("follow-up question", "follow_up-", "advisor:forwarding_follow_up"),
        ("close forwarding", "close-", "advisor:forwarding_close"),
    ],
)
def test_the_forms_on_the_forwarding_page(advisor_client, forwardings, name, prefix, target):
    answered = forwardings[1]
    page = reverse("advisor:forwarding_detail", args=[answered.pk])
    fuzz(advisor_client, page, reverse(target, args=[answered.pk]), prefix, name=name)


@pytest.mark.parametrize(
    ("name", "prefix", "target"),
    [
        ("portal answer", "answer", "portal:forwarding_answer"),
        ("portal later date", "extension-", "portal:forwarding_extend"),
    ],
)
def test_the_department_managers_forms(forwardings, name, prefix, target):
    sent, _answered, manager = forwardings
    client = verified_client(manager)
    page = reverse("portal:forwarding_detail", args=[sent.pk])
    fuzz(client, page, reverse(target, args=[sent.pk]), prefix, name=name)


def test_the_public_web_form(db, organisation):
    try:
        contact = reverse("intake:contact")
    except NoReverseMatch:
        pytest.skip("no public web form")
    fuzz(Client(), contact, contact, name="public web form")


def test_an_id_past_64_bits_is_refused_not_a_server_error(advisor_client, organisation):
    """Found by the fuzzing: SQLite raised OverflowError on such an id among the reasons."""
    response = advisor_client.post(
        reverse("advisor:inquiry_register"), {"reasons": ["99999999999999999999999999"]}
    )
    assert response.status_code == 200
    assert "reasons" in response.context["form"].errors
