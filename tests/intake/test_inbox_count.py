"""The menu's count of web-form submissions waiting (issue 18): kept per process under the
inbox's own token, and counted again at the next request after any change of a submission,
whoever wrote it."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from borgerraadgiver.intake.models import Submission
from borgerraadgiver.organisation import kept
from tests.factories import UserFactory
from tests.intake.conftest import form_data

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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL's")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", ["submission", "user"])
def test_a_change_of_another_group_takes_the_first_tokens_row(change, make_submission):
    """Whichever token a change writes, its trigger takes the first token's row before it, so
    that changes of kept tables queue in one order (organisation/0012) and a transaction that
    took that row first (`lists_lock`) never deadlocks with one of them."""
    import psycopg

    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"], port=settings["PORT"]
    )
    try:
        with transaction.atomic():  # the change alone: the places above are committed
            make_submission() if change == "submission" else UserFactory()
            with pytest.raises(psycopg.errors.LockNotAvailable):
                other.execute(f"SELECT 1 FROM {kept.TABLE} WHERE id = 1 FOR UPDATE NOWAIT")  # noqa: S608
        other.rollback()
        other.execute(f"SELECT 1 FROM {kept.TABLE} WHERE id = 1 FOR UPDATE NOWAIT")  # noqa: S608
    finally:
        other.close()
