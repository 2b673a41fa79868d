"""Done when (issue 13): register a phone inquiry, send the receipt by e-mail (the test mail
outbox holds it with its PDF), forward and send the forwarding notice, close with the closing
letter; each letter is on the timeline and in the data-subject export."""

import json

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.letters.models import Letter
from tests.browser.conftest import AxeAudit, follow, screenshot
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _send_proposed(page: Page, proposal: str, audit: AxeAudit) -> None:
    """Open the proposed letter, keep its text, send it by e-mail."""
    follow(page.locator("a.proposal-link", has_text=proposal))
    expect(page.locator("#id_body")).to_contain_text("Kære Karen Brevsen")
    audit.check(page, f"letter-{proposal}")
    page.locator("input[name=channel][value=email]").check()
    follow(page.get_by_role("button", name="Dan og send brevet"))
    expect(page.locator(".alert-success")).to_contain_text("Brevet er dannet")


def test_receipt_forwarding_notice_and_closing_letter(advisor_page: Page, org):
    manager = UserFactory(username="leder-bof")
    manager.managed_departments.add(org.family)
    page = advisor_page
    audit = AxeAudit()

    # A phone inquiry from a citizen who agrees to letters by e-mail.
    page.goto("/inquiries/new/")
    page.locator("#id_person_name").fill("Karen Brevsen")
    page.locator("#id_person_email").fill("karen@example.com")
    page.locator("#id_person_letters_by_email").check()
    page.locator("#id_person_address").fill("Skolegade 3, 8722 Hedensted")
    page.locator("#id_department").select_option(f"d{org.family.pk}")
    page.locator(f"input[name=reasons][value='{org.no_answer.pk}']").check()
    page.locator("#id_handling_type").select_option(str(org.advice.pk))
    page.locator("#id_summary").fill("Har ikke fået svar på sin ansøgning.")
    follow(page.locator("main form button.button-primary[type=submit]"))
    inquiry = Inquiry.objects.get()
    assert inquiry.channel == "phone" and inquiry.person.letters_by_email

    # The receipt is proposed; sent by e-mail, it reaches the outbox with its PDF.
    expect(page.locator("#letters")).to_contain_text("Foreslåede breve")
    _send_proposed(page, "kvittering", audit)
    audit.check(page, "inquiry-with-letter")
    [receipt_mail] = mail.outbox
    assert receipt_mail.to == ["karen@example.com"]
    [(name, content, content_type)] = receipt_mail.attachments
    assert content_type == "application/pdf" and content.startswith(b"%PDF-")
    assert name == Letter.objects.get().file_name

    # Consent, the forwarding, and the forwarding notice.
    page.locator("summary", has_text="samtykke").first.click()
    page.locator("#id_consent-given_by").fill("Karen Brevsen")
    follow(page.get_by_role("button", name="Registrér samtykke"))
    follow(page.get_by_role("link", name="Send til en afdeling"))
    page.locator("input[name=kind][value=forwarded]").check()
    page.locator("#id_text").fill("Borgeren har ventet på svar i tre måneder.")
    follow(page.locator("button[name=send]"))
    page.goto(f"/inquiries/{inquiry.pk}/")
    _send_proposed(page, "besked om oversendelse", audit)
    forwarding_notice = mail.outbox[1].attachments[0][1]
    assert forwarding_notice.startswith(b"%PDF-")
    notice = Letter.objects.get(kind="forwarding_notice")
    assert str(inquiry.forwardings.get().deadline_date.year) in notice.body

    # Closed: the closing letter is proposed and sent.
    follow(page.get_by_role("button", name="Afslut henvendelse"))
    _send_proposed(page, "afslutningsbrev", audit)
    assert len(mail.outbox) == 3
    screenshot(page, "letters-on-the-inquiry")

    # Each letter is on the timeline, sent, and in the data-subject export.
    expect(page.locator("ol.timeline .timeline-letter")).to_have_count(3)
    assert list(Letter.objects.values_list("status", flat=True)) == ["sent"] * 3
    response = page.request.get(f"/privacy/persons/{inquiry.person_id}/export.json")
    exported = json.loads(response.body())
    [held] = exported["inquiries"]
    assert [letter["subject"] for letter in held["letters"]] == [
        "Kvittering for din henvendelse",
        "Din sag er sendt til forvaltningen",
        "Vi har afsluttet din henvendelse",
    ]
    audit.assert_clean()
