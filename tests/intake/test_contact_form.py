"""The public web form: each rule, the kept input, the limits against misuse, the receipt."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from borgerraadgiver.intake.models import Submission, SubmissionAttachment, SubmissionThrottle
from borgerraadgiver.organisation import kept
from borgerraadgiver.organisation.models import Office
from tests.intake.conftest import PDF, PNG, form_data, pdf

URL = "/contact/"


@pytest.fixture
def public() -> Client:
    return Client()


def test_the_form_is_public_and_lists_todays_organisation(public, places):
    response = public.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Læring", "Børn og Familie", "Skole", "Jobcenter", "Kommunaldirektørens område"):
        assert name in html
    # Closed departments and the advisor's own categories are not the citizen's choice.
    assert "Gammel afdeling" not in html
    assert "Udenfor kompetence" not in html
    assert "Borgerrådgiverfunktionen" not in html
    assert 'value="unknown"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.django_db(transaction=True)  # as served: outside a transaction
def test_the_form_page_runs_a_fixed_number_of_queries(public, places, django_assert_num_queries):
    # A first page reads the lists' token, the areas, the departments and the office (header
    # and data-protection notice); the process keeps them (organisation.kept), so the next
    # reads the token only, until a list changes. (Inside a transaction a first read of a list
    # reads the token again before it: kept.kept_rows.)
    Office.load()  # made by migration, gone if an earlier test emptied the tables
    public.get(URL)  # once a process: whether the token's table exists
    kept.forget_every_row()
    with django_assert_num_queries(4):
        assert public.get(URL).status_code == 200
    with django_assert_num_queries(1):
        assert public.get(URL).status_code == 200


def test_the_form_is_in_danish_by_default_and_english_on_request(public, places):
    assert 'lang="da"' in public.get(URL).content.decode()
    response = public.post(reverse("accounts:set_language"), {"language": "en", "next": URL})
    assert response.status_code == 302
    assert 'lang="en"' in public.get(URL).content.decode()


def test_the_page_says_what_happens_with_the_data_before_sending(public, places, settings):
    settings.DPO_CONTACT = "DPO, dpo@kommune.example"
    html = public.get(URL).content.decode()
    assert "DPO, dpo@kommune.example" in html
    assert "Datatilsynet" in html
    assert "5" in html  # the office's retention, in years
    assert html.index("privacy-heading") < html.index("send-button")


def test_a_citizen_sends_the_form_and_gets_a_receipt_with_a_reference(public, places):
    response = public.post(URL, form_data(places, attachments=[pdf()]))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert re.fullmatch(r"W-\d{4}-[A-Z2-9]{6}", submission.reference)
    assert submission.status == Submission.Status.NEW
    assert submission.department == places.family
    assert submission.area == places.learning
    assert submission.consents_to_contact is True
    attachment = submission.attachments.get()
    assert attachment.name == "brev.pdf"
    assert attachment.content_type == "application/pdf"
    # Stored under a neutral name, not the citizen's.
    assert "brev" not in attachment.file.name
    receipt = public.get(response["Location"])
    assert receipt.status_code == 200
    html = receipt.content.decode()
    assert submission.reference in html
    # Only the reference and what happens next: never the content.
    assert "ventet fire måneder" not in html
    assert "Karen" not in html


def test_reference_numbers_do_not_tell_how_many_messages_came_before(public, places, settings):
    settings.INTAKE_RATE_LIMIT = 20
    for _ in range(12):
        public.post(URL, form_data(places))
    references = Submission.objects.order_by("submitted_at", "pk").values_list(
        "reference", flat=True
    )
    codes = [reference.split("-")[-1] for reference in references]
    assert len(set(codes)) == 12
    # Not a counter: the codes do not come in the order the messages came (1 in 479 million).
    assert codes != sorted(codes)


def test_a_receipt_url_that_was_not_issued_is_not_found(public, places):
    assert public.get("/contact/receipt/W-2026-0001/").status_code == 404


def test_the_receipt_e_mail_holds_the_reference_but_not_the_content(
    public, places, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        public.post(URL, form_data(places))
    submission = Submission.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["karen@example.com"]
    assert submission.reference in message.subject
    assert submission.reference in message.body
    assert "ventet" not in message.body and "Et svar" not in message.body


def test_no_e_mail_without_an_address(public, places, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        public.post(URL, form_data(places, email=""))
    assert Submission.objects.count() == 1
    assert mail.outbox == []


def test_an_anonymous_message_stores_no_name_or_contact_details(public, places):
    # Without JavaScript the fields stay on the page; what was typed in them is dropped.
    response = public.post(URL, form_data(places, complainant_kind="anonymous", email="not valid"))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert (submission.name, submission.phone, submission.email) == ("", "", "")
    assert submission.is_anonymous


def test_i_dont_know_leaves_the_place_to_the_advisor(public, places):
    public.post(URL, form_data(places, place="unknown"))
    submission = Submission.objects.get()
    assert submission.area is None and submission.department is None


def test_an_area_without_departments_can_be_chosen(public, places):
    public.post(URL, form_data(places, place=f"a{places.director.pk}"))
    assert Submission.objects.get().area == places.director


def _refused(response, *fields: str) -> str:
    assert response.status_code == 400
    assert Submission.objects.count() == 0
    html = response.content.decode()
    assert 'id="error-summary"' in html
    for field in fields:
        # Named at the top, linking to the field, and marked at the field itself.
        assert f'href="#id_{field}-group"' in html
        assert f'id="id_{field}-error"' in html
    return html


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"complainant_kind": ""}, "complainant_kind"),
        ({"name": ""}, "name"),
        ({"phone": "", "email": ""}, "phone"),
        ({"email": "karen@"}, "email"),
        ({"place": ""}, "place"),
        ({"place": "d999999"}, "place"),
        ({"what_happened": "   "}, "what_happened"),
        ({"consents_to_contact": ""}, "consents_to_contact"),
    ],
)
def test_each_rule_is_explained_at_the_top_and_at_the_field(public, places, overrides, field):
    _refused(public.post(URL, form_data(places, **overrides)), field)


def test_a_closed_department_cannot_be_chosen(public, places):
    _refused(public.post(URL, form_data(places, place=f"d{places.closed.pk}")), "place")


def test_a_refused_form_keeps_everything_typed(public, places):
    data = form_data(places, email="karen@", what_they_want="At de svarer mig")
    html = _refused(public.post(URL, data), "email")
    assert 'value="Karen Prøvesen"' in html
    assert 'value="12 34 56 78"' in html
    assert 'value="karen@"' in html
    assert "Jeg har ventet fire måneder på svar på min ansøgning." in html
    assert "At de svarer mig" in html
    assert re.search(rf'value="d{places.family.pk}"[^>]*checked', html)
    assert re.search(r'value="citizen"[^>]*checked', html)
    assert re.search(r'value="yes"[^>]*checked', html)


def test_texts_have_a_maximum_length(public, places, settings):
    settings.INTAKE_TEXT_MAX_CHARS = 50
    _refused(public.post(URL, form_data(places, what_happened="x" * 51)), "what_happened")


def test_the_honeypot_refuses_and_keeps_the_input(public, places):
    html = _refused(public.post(URL, form_data(places, website="http://spam.example")))
    assert "Website" in html or "Websted" in html
    assert 'value="Karen Prøvesen"' in html


def test_the_honeypot_is_hidden_from_people_and_screen_readers(public, places):
    html = public.get(URL).content.decode()
    match = re.search(r'<div class="form-honeypot"([^>]*)>(.*?)</div>', html, re.S)
    assert match
    assert "hidden" in match.group(1) and 'aria-hidden="true"' in match.group(1)
    assert 'tabindex="-1"' in match.group(2) and 'autocomplete="off"' in match.group(2)


def test_an_attachment_whose_content_is_not_its_type_is_refused(public, places):
    fake = pdf("brev.pdf", b"MZ\x90\x00 this is a program")
    html = _refused(public.post(URL, form_data(places, attachments=[fake])), "attachments")
    assert "brev.pdf" in html
    # Browsers never send files back: the page says to choose them again.
    assert "choose them again" in html or "vælg dem igen" in html.lower()
    assert SubmissionAttachment.objects.count() == 0


def test_an_attachment_of_a_type_not_on_the_list_is_refused(public, places):
    page = pdf("side.html", b"<html></html>")
    _refused(public.post(URL, form_data(places, attachments=[page])), "attachments")


def test_an_attachment_over_the_size_limit_is_refused(public, places, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    big = pdf("stor.pdf", PDF + b"0" * 100)
    html = _refused(public.post(URL, form_data(places, attachments=[big])), "attachments")
    assert "stor.pdf" in html


def test_more_attachments_than_allowed_are_refused(public, places, settings):
    settings.ATTACHMENT_MAX_COUNT = 2
    files = [pdf(f"brev{i}.pdf") for i in range(3)]
    _refused(public.post(URL, form_data(places, attachments=files)), "attachments")


def test_several_attachments_of_allowed_types_are_stored(public, places):
    files = [pdf("brev.pdf"), pdf("foto.png", PNG)]
    assert public.post(URL, form_data(places, attachments=files)).status_code == 302
    assert sorted(SubmissionAttachment.objects.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]


def test_the_rate_limit_refuses_after_the_limit_per_address(places, settings):
    settings.INTAKE_RATE_LIMIT = 2
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert client.post(URL, form_data(places)).status_code == 302
    assert client.post(URL, form_data(places)).status_code == 302
    response = client.post(URL, form_data(places, what_they_want="Tredje gang"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Tredje gang" in html  # kept
    assert Submission.objects.count() == 2
    # Another address is not held back.
    other = Client(REMOTE_ADDR="192.0.2.11")
    assert other.post(URL, form_data(places)).status_code == 302


def test_the_rate_limit_window_passes(places, settings, now):
    settings.INTAKE_RATE_LIMIT = 1
    client = Client(REMOTE_ADDR="192.0.2.20")
    assert client.post(URL, form_data(places)).status_code == 302
    assert client.post(URL, form_data(places)).status_code == 400
    SubmissionThrottle.objects.update(window_started_at=now)  # long ago
    assert client.post(URL, form_data(places)).status_code == 302


def test_the_rate_limit_stores_a_hash_not_the_address(places):
    Client(REMOTE_ADDR="192.0.2.30").post(URL, form_data(places))
    throttle = SubmissionThrottle.objects.get()
    assert "192.0.2.30" not in throttle.client_hash
    assert len(throttle.client_hash) == 64


def test_the_client_address_header_behind_a_proxy(places, settings):
    settings.INTAKE_RATE_LIMIT = 1
    settings.INTAKE_CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    assert proxy.post(URL, form_data(places), HTTP_X_REAL_IP="198.51.100.1").status_code == 302
    assert proxy.post(URL, form_data(places), HTTP_X_REAL_IP="198.51.100.2").status_code == 302
    assert proxy.post(URL, form_data(places), HTTP_X_REAL_IP="198.51.100.1").status_code == 400


def test_csrf_stays_on(places):
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, form_data(places)).status_code == 403
    assert Submission.objects.count() == 0


def test_past_the_days_quota_for_files_the_form_takes_the_message_without_them(
    public, places, settings, advisor_client
):
    settings.INTAKE_DAILY_ATTACHMENT_MB = 1
    big = pdf("stor.pdf", b"%PDF-1.4\n" + b"0" * (900 * 1024))
    assert public.post(URL, form_data(places, attachments=[big])).status_code == 302

    refused = public.post(
        URL,
        form_data(
            places,
            what_happened="Anden besked",
            attachments=[pdf("stor2.pdf", big.file.getvalue())],
        ),
    )

    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Anden besked" in html  # what the citizen wrote is kept
    assert Submission.objects.count() == 1
    assert public.post(URL, form_data(places, what_happened="Anden besked")).status_code == 302
    inbox = advisor_client.get("/inbox/")
    assert inbox.context["daily_files"].nearly_reached
