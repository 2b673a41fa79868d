"""The menu's count of web-form submissions waiting (issue 18): kept per process under the
inbox's own token, and counted again at the next request after any change of a submission,
whoever wrote it."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from borgerraadgiver.intake.models import Submission
from borgerraadgiver.intake.services import submission_reject, submissions_reject
from borgerraadgiver.organisation import kept
from tests.factories import UserFactory
from tests.intake.conftest import form_data
from tests.intake.test_registering import _registration

LIST = "/inquiries/"


def _menu_count(client) -> str:
    html = client.get(LIST).content.decode()
    start = html.index('href="/inbox/"')
    return html[start : html.index("</a>", start)]


def test_the_count_is_asked_once_until_a_submission_changes(advisor_client, make_submission):
    make_submission()
    advisor_client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        assert "(1)" in _menu_count(advisor_client)
    assert not [q for q in queries if '"intake_submission"' in q["sql"]]
    make_submission()
    assert "(2)" in _menu_count(advisor_client)


def test_a_submission_handled_by_another_process_counts_at_the_next_request(
    advisor_client, make_submission
):
    first, _second = make_submission(), make_submission()
    assert "(2)" in _menu_count(advisor_client)
    with connection.cursor() as cursor:  # as another process would: no signal, no model
        cursor.execute(
            "UPDATE intake_submission SET status = %s, rejection_reason = %s WHERE id = %s",
            [Submission.Status.REJECTED, "Spam", first.pk],
        )
    assert "(1)" in _menu_count(advisor_client)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM intake_submission")
    assert "(" not in _menu_count(advisor_client)


def test_a_citizens_message_counts_at_the_advisors_next_page(advisor_client, client, places):
    assert "(" not in _menu_count(advisor_client)
    response = client.post("/contact/", form_data(places))
    assert response.status_code == 302
    assert "(1)" in _menu_count(advisor_client)


def test_a_submission_changes_the_inbox_token_only(make_submission):
    lists, accounts = kept.token(), kept.token(group=kept.ACCOUNTS_TOKEN)
    inbox = kept.token(group=kept.INBOX_TOKEN)
    submission = make_submission()
    after_insert = kept.token(group=kept.INBOX_TOKEN)
    Submission.objects.filter(pk=submission.pk).update(
        status=Submission.Status.REJECTED, rejection_reason="Spam"
    )
    after_update = kept.token(group=kept.INBOX_TOKEN)
    assert None not in (inbox, after_insert, after_update)
    assert len({inbox, after_insert, after_update}) == 3
    assert kept.token() == lists
    assert kept.token(group=kept.ACCOUNTS_TOKEN) == accounts


@pytest.mark.parametrize("client_fixture", ["manager_client", "reader_client"])
def test_no_one_else_is_shown_a_count(request, client_fixture, make_submission):
    make_submission()
    html = request.getfixturevalue(client_fixture).get("/").content.decode()
    assert 'href="/inbox/"' not in html


def _row_is_locked(other, row: int) -> bool:
    import psycopg

    try:
        other.execute(f"SELECT 1 FROM {kept.TABLE} WHERE id = %s FOR UPDATE NOWAIT", [row])  # noqa: S608
    except psycopg.errors.LockNotAvailable:
        return True
    finally:
        other.rollback()
    return False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL's")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", ["submission", "user"])
def test_each_change_takes_the_tokens_row_its_group_queues_by(change, make_submission):
    """A user's change takes the first token's row before its own, as the lists' changes do
    (organisation/0012), so they queue in one order; a submission takes the inbox's own only,
    so that a citizen's message, stored with its attachments in one transaction, never holds up
    a login or a change of a list."""
    import psycopg

    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"], port=settings["PORT"]
    )
    try:
        with transaction.atomic():  # the change alone: the places above are committed
            make_submission() if change == "submission" else UserFactory()
            first, inbox = _row_is_locked(other, 1), _row_is_locked(other, 3)
        assert (first, inbox) == ((False, True) if change == "submission" else (True, False))
        assert not _row_is_locked(other, 1) and not _row_is_locked(other, 3)
    finally:
        other.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL's")
@pytest.mark.parametrize("handling", ["reject", "reject several", "register"])
def test_handling_a_submission_takes_the_inbox_token_before_the_submission(
    handling, make_submission, advisor, advisor_client
):
    """Rejecting or registering locks the submission's row and then changes it, which takes the
    inbox's token: the token comes first, or a bulk rejection of [A, B] beside a rejection of
    B deadlocks (each holding what the other waits for)."""
    first, second = make_submission(), make_submission()
    now = timezone.now()
    posted = _registration(second)
    with CaptureQueriesContext(connection) as queries:
        if handling == "reject":
            submission_reject(submission=second, rejected_by=advisor, now=now, reason="Spam")
        elif handling == "reject several":
            submissions_reject(
                pks=[first.pk, second.pk], rejected_by=advisor, now=now, reason="Dublet"
            )
        else:
            assert advisor_client.post("/inquiries/new/", posted).status_code == 302
    locks = [query["sql"] for query in queries if "FOR UPDATE" in query["sql"]]
    assert kept.TABLE in locks[0]
    assert any('"intake_submission"' in sql for sql in locks[1:])
