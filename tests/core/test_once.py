"""A create form sent twice (a double click, back and resend) creates once."""

import datetime
import io
import re
import threading
import time
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.core.models import SubmittedForm
from borgerraadgiver.core.once import AlreadySubmitted, submit_once
from borgerraadgiver.inquiries.models import Inquiry
from tests.factories import (
    AdvisorFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    ReasonFactory,
)

REGISTER = reverse("advisor:inquiry_register")


@pytest.fixture
def anonymous_call(db):
    department = DepartmentFactory()
    return {
        "complainant_kind": "anonymous",
        "received_date": timezone.localdate().isoformat(),
        "channel": "phone",
        "department": f"d{department.pk}",
        "reasons": [ReasonFactory().pk],
        "handling_type": HandlingTypeFactory().pk,
        "summary": "Anonym henvendelse om ventetid",
    }


def form_token(client) -> str:
    page = client.get(REGISTER).content.decode()
    return re.search(r'name="once" value="([a-p]{32})"', page).group(1)


@pytest.mark.django_db
def test_an_anonymous_inquiry_sent_twice_is_registered_once(advisor_client, anonymous_call):
    data = {**anonymous_call, "once": form_token(advisor_client)}

    first = advisor_client.post(REGISTER, data)
    second = advisor_client.post(REGISTER, data, follow=True)

    inquiry = Inquiry.objects.get()
    assert first["Location"] == reverse("advisor:inquiry_detail", args=[inquiry.pk])
    assert second.redirect_chain[0][0] == first["Location"]
    assert "sendt to gange" in second.content.decode()


@pytest.mark.django_db
def test_each_showing_of_the_empty_form_has_its_own_token(advisor_client, anonymous_call):
    assert form_token(advisor_client) != form_token(advisor_client)
    advisor_client.post(REGISTER, {**anonymous_call, "once": form_token(advisor_client)})
    advisor_client.post(REGISTER, {**anonymous_call, "once": form_token(advisor_client)})
    assert Inquiry.objects.count() == 2  # two calls, registered on purpose


@pytest.mark.django_db
def test_a_refused_form_can_be_corrected_and_sent_with_the_same_token(
    advisor_client, anonymous_call
):
    data = {**anonymous_call, "once": form_token(advisor_client)}
    refused = advisor_client.post(REGISTER, {**data, "reasons": []})
    assert refused.status_code in (200, 400)
    assert not Inquiry.objects.exists()

    advisor_client.post(REGISTER, data)

    assert Inquiry.objects.count() == 1


@pytest.mark.django_db
def test_another_users_token_does_not_lead_to_the_first_users_result(now):
    first, second = AdvisorFactory(), AdvisorFactory()
    token = uuid.uuid4()
    submit_once(token=token, user=first, now=now, create=lambda: "/inquiries/1/")
    with pytest.raises(AlreadySubmitted) as sent:
        submit_once(token=token, user=second, now=now, create=lambda: "/inquiries/2/")
    assert sent.value.url == ""


@pytest.mark.django_db
def test_the_scheduler_deletes_the_tokens_used_over_a_day_ago():
    advisor = AdvisorFactory()
    now = timezone.now()
    for minutes_ago, url in [(24 * 60 + 1, "/a/"), (24 * 60 - 1, "/b/"), (0, "/c/")]:
        submit_once(
            token=uuid.uuid4(),
            user=advisor,
            now=now - datetime.timedelta(minutes=minutes_ago),
            create=lambda url=url: url,
        )
    out = io.StringIO()

    call_command("scheduler", "--once", stdout=out)

    assert sorted(SubmittedForm.objects.values_list("result_url", flat=True)) == ["/b/", "/c/"]
    assert "forms sent: 1 one-time tokens over a day old deleted" in out.getvalue()


@pytest.mark.django_db
def test_a_form_sent_claims_its_token_in_one_statement_and_deletes_nothing(now):
    advisor = AdvisorFactory()
    old = uuid.uuid4()
    submit_once(token=old, user=advisor, now=now - datetime.timedelta(days=3), create=lambda: "/a/")

    with CaptureQueriesContext(connection) as queries:
        submit_once(token=uuid.uuid4(), user=advisor, now=now, create=lambda: "/b/")

    # Within the test's transaction, the form's own is a savepoint: no second one for the claim.
    statements = [query["sql"].split()[0].upper() for query in queries]
    assert statements == ["SAVEPOINT", "INSERT", "UPDATE", "RELEASE"]
    assert SubmittedForm.objects.filter(token=old).exists()  # the scheduler's work


@pytest.mark.django_db
def test_a_create_refused_gives_the_token_back_for_the_corrected_form(now):
    advisor = AdvisorFactory()
    token = uuid.uuid4()

    def refused() -> str:
        raise ValidationError("Vælg mindst én årsag.")

    with pytest.raises(ValidationError):
        submit_once(token=token, user=advisor, now=now, create=refused)
    assert not SubmittedForm.objects.filter(token=token).exists()

    assert submit_once(token=token, user=advisor, now=now, create=lambda: "/a/") == "/a/"
    with pytest.raises(AlreadySubmitted):
        submit_once(token=token, user=advisor, now=now, create=lambda: "/b/")


def _second_post_while_the_first_holds(*, first_commits: bool) -> tuple[list[str], float]:
    """The first post claims the token and holds its transaction half a second; the second,
    sent meanwhile, must wait for it. The first's outcome and the second's, and how long the
    second waited. (By who, not by when each thread noted it: once the first commits, the
    second may note its answer before the first has noted its own.)"""
    advisor = AdvisorFactory()
    token = uuid.uuid4()
    claimed, outcomes = threading.Event(), ["", ""]

    def first() -> None:
        def create() -> str:
            claimed.set()
            time.sleep(0.5)
            if not first_commits:
                raise ValidationError("Afvist")
            return "/a/"

        try:
            outcomes[0] = submit_once(token=token, user=advisor, now=timezone.now(), create=create)
        except ValidationError:
            outcomes[0] = "refused"
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    claimed.wait(5)
    started = time.monotonic()
    try:
        outcomes[1] = submit_once(
            token=token, user=advisor, now=timezone.now(), create=lambda: "/b/"
        )
    except AlreadySubmitted as sent:
        outcomes[1] = f"again {sent.url}"
    waited = time.monotonic() - started
    thread.join()
    return outcomes, waited


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("first_commits", "outcomes"), [(True, ["/a/", "again /a/"]), (False, ["refused", "/b/"])]
)
def test_a_second_post_waits_for_the_first_to_end(first_commits, outcomes):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time anyway")
    seen, waited = _second_post_while_the_first_holds(first_commits=first_commits)
    assert seen == outcomes
    assert waited > 0.3


@pytest.mark.django_db(transaction=True)
def test_two_posts_at_the_same_moment_create_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time anyway")
    advisor = AdvisorFactory()
    token = uuid.uuid4()
    created, outcomes = [], []
    started = threading.Barrier(2)

    def post() -> None:
        started.wait()
        try:
            url = submit_once(
                token=token,
                user=advisor,
                now=timezone.now(),
                create=lambda: created.append(1) or "/inquiries/7/",
            )
            outcomes.append(url)
        except AlreadySubmitted as sent:
            outcomes.append(f"again {sent.url}")
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert created == [1]
    assert sorted(outcomes) == ["/inquiries/7/", "again /inquiries/7/"]


def page_tokens(client, inquiry) -> dict[str, str]:
    """The one-time token of each form on the inquiry's page, by the form's action."""
    page = client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk])).content.decode()
    return dict(
        re.findall(
            r'<form method="post" action="([^"]+)"[^>]*>'
            r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">'
            r'<input type="hidden" name="once" value="([a-p]{32})">',
            page,
        )
    )


@pytest.mark.django_db
def test_a_contact_or_a_note_sent_twice_from_the_inquirys_page_is_added_once(advisor_client):
    inquiry = InquiryFactory()
    tokens = page_tokens(advisor_client, inquiry)
    contact_url = reverse("advisor:contact_add", args=[inquiry.pk])
    note_url = reverse("advisor:note_add", args=[inquiry.pk])
    assert {contact_url, note_url} <= set(tokens)
    contact = {"contact_date": timezone.localdate().isoformat(), "kind": "phone", "note": "Ringede"}

    for _ in range(2):
        advisor_client.post(contact_url, {**contact, "once": tokens[contact_url]})
        advisor_client.post(note_url, {"note-text": "Husk at ringe", "once": tokens[note_url]})

    assert inquiry.contacts.filter(note="Ringede").count() == 1
    assert inquiry.notes.count() == 1
    # The next showing of the page has new tokens: a second contact on purpose is added.
    again = page_tokens(advisor_client, inquiry)[contact_url]
    advisor_client.post(contact_url, {**contact, "once": again})
    assert inquiry.contacts.filter(note="Ringede").count() == 2
