"""The advisor's inbox: who may see it, the read is logged, rejecting, attachments."""

import pytest
from django.test import Client

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.intake.models import Submission
from tests.helpers import queries_for
from tests.intake.conftest import PNG, pdf

INBOX = "/inbox/"


def test_the_advisor_sees_waiting_submissions(advisor_client, make_submission):
    waiting = make_submission(name="Karen Prøvesen")
    anonymous = make_submission(complainant_kind="anonymous", name="", phone="", email="")
    response = advisor_client.get(INBOX)
    assert response.status_code == 200
    html = response.content.decode()
    assert waiting.reference in html and anonymous.reference in html
    assert "Karen Prøvesen" in html


def test_the_menu_counts_waiting_submissions_for_the_advisor(advisor_client, make_submission):
    make_submission()
    make_submission()
    html = advisor_client.get("/inquiries/").content.decode()
    assert 'href="/inbox/"' in html
    assert "(2)" in html


def test_the_inbox_runs_a_fixed_number_of_queries(
    advisor_client, make_submission, django_assert_max_num_queries
):
    make_submission()
    few = queries_for(advisor_client, INBOX)
    for _ in range(8):
        make_submission()
    assert queries_for(advisor_client, INBOX) == few
    # Session, the lists' token (the office, who manages a department, the user and its TOTP
    # device and the menu's count of web-form submissions waiting are kept: organisation.kept),
    # the page's count and rows, the access-log row for the names shown, and the day's files (the
    # quota).
    assert few == 6


def test_a_page_of_the_inbox_is_logged_with_the_references_shown(advisor_client, make_submission):
    submission = make_submission()
    advisor_client.get(INBOX)
    entry = AccessLogEntry.objects.get(event=AccessEvent.INBOX_VIEWED)
    assert submission.reference in entry.detail


@pytest.mark.parametrize("client_fixture", ["plain_client", "manager_client", "reader_client"])
def test_no_one_else_reaches_the_inbox(request, client_fixture, make_submission):
    submission = make_submission()
    client = request.getfixturevalue(client_fixture)
    assert client.get(INBOX).status_code == 403
    assert client.get(f"{INBOX}{submission.pk}/").status_code == 403
    assert client.post(f"{INBOX}{submission.pk}/reject/", {"reason": "spam"}).status_code == 403
    attachment_url = f"{INBOX}{submission.pk}/attachments/1/"
    assert client.get(attachment_url).status_code == 403
    assert Submission.objects.get().status == Submission.Status.NEW


def test_the_administrator_does_not_reach_the_inbox(administrator_client, make_submission):
    submission = make_submission()
    assert administrator_client.get(INBOX).status_code == 403
    assert administrator_client.get(f"{INBOX}{submission.pk}/").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(make_submission):
    submission = make_submission()
    for url in (INBOX, f"{INBOX}{submission.pk}/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_opening_a_submission_is_logged_as_a_read(advisor_client, advisor, make_submission):
    submission = make_submission()
    response = advisor_client.get(f"{INBOX}{submission.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ventet fire måneder" in html
    assert f"/inquiries/new/?submission={submission.pk}" in html
    entry = AccessLogEntry.objects.get(user=advisor, action=AccessLogEntry.Action.VIEW)
    assert submission.reference in entry.detail


def test_a_submission_page_runs_a_fixed_number_of_queries(
    advisor_client, make_submission, django_assert_num_queries
):
    submission = make_submission(attachments=[pdf(), pdf("foto.png", PNG)])
    advisor_client.get(f"{INBOX}{submission.pk}/")  # the office's lists kept (organisation.kept)
    # Session, submission, attachments, inquiries, log row, the lists' token (the office, who
    # manages a department, the user and its TOTP device and the menu's count of web-form
    # submissions waiting are kept).
    with django_assert_num_queries(6):
        assert advisor_client.get(f"{INBOX}{submission.pk}/").status_code == 200


def test_an_unknown_submission_is_not_found(advisor_client, db):
    assert advisor_client.get(f"{INBOX}99999/").status_code == 404


def test_the_advisor_rejects_spam_with_a_reason(advisor_client, advisor, make_submission):
    submission = make_submission()
    response = advisor_client.post(f"{INBOX}{submission.pk}/reject/", {"reason": "Spam"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REJECTED
    assert submission.rejection_reason == "Spam"
    assert submission.handled_by == advisor
    advisor_client.get(INBOX)  # shows the message that names it
    # It leaves the waiting list but can still be found.
    assert submission.reference not in advisor_client.get(INBOX).content.decode()
    assert submission.reference in advisor_client.get(INBOX + "?status=rejected").content.decode()


def test_rejecting_needs_a_reason(advisor_client, make_submission):
    submission = make_submission()
    response = advisor_client.post(f"{INBOX}{submission.pk}/reject/", {"reason": ""})
    assert response.status_code == 400
    assert 'id="id_reason-error"' in response.content.decode()
    assert Submission.objects.get().status == Submission.Status.NEW


def test_a_handled_submission_cannot_be_rejected(advisor_client, make_submission):
    submission = make_submission()
    advisor_client.post(f"{INBOX}{submission.pk}/reject/", {"reason": "Spam"})
    response = advisor_client.post(f"{INBOX}{submission.pk}/reject/", {"reason": "Igen"})
    assert response.status_code == 400
    assert Submission.objects.get().rejection_reason == "Spam"


def test_the_advisor_downloads_an_attachment_safely(advisor_client, advisor, make_submission):
    submission = make_submission(attachments=[pdf("klage.pdf")])
    attachment = submission.attachments.get()
    response = advisor_client.get(f"{INBOX}{submission.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "klage.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(
        user=advisor,
        event=AccessEvent.SUBMISSION_ATTACHMENT_DOWNLOADED,
        detail__endswith=f", {attachment.pk}",
    ).exists()


def test_an_attachment_is_reached_only_through_its_own_submission(advisor_client, make_submission):
    one = make_submission(attachments=[pdf()])
    other = make_submission()
    attachment = one.attachments.get()
    url = f"{INBOX}{other.pk}/attachments/{attachment.pk}/"
    assert advisor_client.get(url).status_code == 404


def test_spam_loses_its_files_at_once_and_keeps_the_message(
    advisor_client, make_submission, django_capture_on_commit_callbacks
):
    submission = make_submission(attachments=[pdf("stor.pdf")])
    stored = submission.attachments.get().file
    assert stored.storage.exists(stored.name)

    with django_capture_on_commit_callbacks(execute=True):
        response = advisor_client.post(
            f"{INBOX}{submission.pk}/reject/", {"reason": "Reklame", "spam": "on"}
        )

    assert response.status_code == 302
    assert not stored.storage.exists(stored.name)
    assert not submission.attachments.exists()
    submission.refresh_from_db()
    assert (submission.status, submission.rejection_reason) == ("rejected", "Reklame")


def test_a_duplicate_rejected_without_the_spam_tick_keeps_its_files(
    advisor_client, make_submission
):
    submission = make_submission(attachments=[pdf()])
    advisor_client.post(f"{INBOX}{submission.pk}/reject/", {"reason": "Dublet"})
    assert submission.attachments.count() == 1


def test_the_advisor_rejects_several_submissions_at_once(advisor_client, make_submission):
    first, second, kept = make_submission(), make_submission(), make_submission()

    response = advisor_client.post(
        f"{INBOX}reject/",
        {"submissions": [first.pk, second.pk], "reason": "Spam", "spam": "on"},
    )

    assert response.status_code == 302
    statuses = dict(Submission.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "rejected", second.pk: "rejected", kept.pk: "new"}
    assert AccessLogEntry.objects.filter(event=AccessEvent.SUBMISSION_REJECTED).count() == 2


def test_rejecting_several_is_all_or_nothing_and_keeps_the_ticks(advisor_client, make_submission):
    waiting, handled = make_submission(), make_submission()
    advisor_client.post(f"{INBOX}{handled.pk}/reject/", {"reason": "Dublet"})

    response = advisor_client.post(
        f"{INBOX}reject/", {"submissions": [waiting.pk, handled.pk], "reason": "Spam"}
    )

    assert response.status_code == 400
    assert Submission.objects.get(pk=waiting.pk).status == "new"
    assert handled.reference in response.content.decode()


def test_rejecting_several_needs_a_tick_and_a_reason(advisor_client, make_submission):
    make_submission()
    response = advisor_client.post(f"{INBOX}reject/", {"reason": ""})
    assert response.status_code == 400
    errors = response.context["reject_form"].errors
    assert set(errors) == {"submissions", "reason"}
