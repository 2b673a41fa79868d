"""Digital Post through SF1601 (KOMBIT's Serviceplatformen), with `python-serviceplatformen`,
the package Aarhus Kommune maintains: the MeMo message is built with its model and sent with its
`digital_post.send_message`.

The message: the letter's PDF as the main document (language da), the case number as the case
reference (`ContentData/CaseID`), the office as sender by the municipality's CVR number, the
citizen as recipient by CPR number (or a company by CVR number). Sending needs the
municipality's OCES3 certificate (one PEM file with key and certificate) and its CVR number:
`SF1601_CERTIFICATE` and `SF1601_CVR`; `SF1601_TEST` sends to KOMBIT's test environment. Without
them the channel is unavailable, and `check --deploy` says what is missing (`checks.py`).
"""

import base64
import datetime
import uuid
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _
from python_serviceplatformen.models import xml_util
from python_serviceplatformen.models.message import (
    CaseID,
    ContentData,
    CPRdata,
    CVRdata,
    File,
    MainDocument,
    Message,
    MessageBody,
    MessageHeader,
    Recipient,
    Sender,
)

from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.letters.channels import Delivery, LetterNotSent, is_anonymous
from borgerraadgiver.letters.models import Letter
from borgerraadgiver.organisation.models import Office

CASE_SYSTEM = "Borgerrådgiver"


def sf1601_missing_settings() -> list[str]:
    """The settings Digital Post needs and does not have; a certificate path must be a file."""
    missing = []
    certificate = settings.SF1601_CERTIFICATE
    if not certificate or not Path(certificate).is_file():
        missing.append("SF1601_CERTIFICATE")
    cvr = settings.SF1601_CVR
    if not (cvr.isdigit() and len(cvr) == 8):
        missing.append("SF1601_CVR")
    return missing


def memo_message(
    *,
    letter: Letter,
    office: Office,
    sender_cvr: str,
    recipient_id: str,
    created_at: datetime.datetime,
    message_uuid: str | None = None,
) -> Message:
    """The letter as a MeMo message: a CPR number (ten digits) or a CVR number (eight) as
    recipient, the letter's PDF as main document, the case number as reference."""
    name = letter.recipient_name
    is_cpr = len(recipient_id) == 10
    content = ContentData(
        CPR_data=CPRdata(cprNumber=recipient_id, name=name) if is_cpr else None,
        CVR_data=None if is_cpr else CVRdata(cvrNumber=recipient_id, companyName=name),
        caseID=CaseID(caseID=letter.inquiry.case_number, caseSystem=CASE_SYSTEM),
    )
    return Message(
        messageHeader=MessageHeader(
            messageType="DIGITALPOST",
            messageUUID=message_uuid or str(uuid.uuid4()),
            label=letter.subject,
            mandatory=False,
            legalNotification=False,
            sender=Sender(senderID=sender_cvr, idType="CVR", label=office.name),
            recipient=Recipient(
                recipientID=recipient_id, idType="CPR" if is_cpr else "CVR", label=name
            ),
            contentData=content,
        ),
        messageBody=MessageBody(
            # MeMo writes times as UTC ("…Z"); the library formats what it is given.
            createdDateTime=created_at.astimezone(datetime.UTC).replace(tzinfo=None),
            mainDocument=MainDocument(
                label=letter.subject,
                files=(
                    File(
                        encodingFormat="application/pdf",
                        filename=letter.file_name,
                        language="da",
                        content=base64.b64encode(bytes(letter.pdf)).decode("ascii"),
                    ),
                ),
            ),
        ),
    )


def memo_xml(message: Message) -> bytes:
    """The MeMo message as XML, as the library sends it inside its request."""
    return ElementTree.tostring(xml_util.dataclass_to_xml(message), encoding="utf-8")


class SF1601Adapter:
    """Digital Post to a citizen with a CPR number, through SF1601."""

    def unavailable_reason(self, inquiry: Inquiry) -> str | None:
        person = inquiry.person
        if person is None or is_anonymous(inquiry):
            return _("The inquiry is anonymous: Digital Post needs a CPR number to write to.")
        if not person.cpr:
            return _(
                "No CPR number is recorded for %(name)s: Digital Post finds its recipient by CPR "
                "number."
            ) % {"name": person.name}
        if sf1601_missing_settings():
            return _(
                "Digital Post is not set up on this server (the municipality's OCES3 "
                "certificate and CVR number, docs/letters.md)."
            )
        return None

    def send(self, letter: Letter, *, office: Office, now: datetime.datetime) -> Delivery:
        # The HTTP client, the certificate handling and SAML load only when a letter is sent.
        from python_serviceplatformen import digital_post  # noqa: PLC0415 - see above
        from python_serviceplatformen.authentication import KombitAccess  # noqa: PLC0415

        person = letter.inquiry.person
        if person is None or not person.cpr:
            raise LetterNotSent(_("The citizen's CPR number is no longer held."))
        if missing := sf1601_missing_settings():
            raise LetterNotSent(
                _("Digital Post is not set up: %(names)s.") % {"names": ", ".join(missing)}
            )
        message = memo_message(
            letter=letter,
            office=office,
            sender_cvr=settings.SF1601_CVR,
            recipient_id=person.cpr,
            created_at=now,
        )
        access = KombitAccess(
            cvr=settings.SF1601_CVR,
            cert_path=settings.SF1601_CERTIFICATE,
            test=settings.SF1601_TEST,
        )
        try:
            transaction_id = digital_post.send_message("Digital Post", message, access)
        except Exception as error:  # requests' HTTP and network errors, token errors (ValueError)
            raise LetterNotSent(
                _("Serviceplatformen refused the letter: %(error)s") % {"error": error}
            ) from error
        return Delivery(reference=transaction_id)
