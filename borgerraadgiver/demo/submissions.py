"""A few web-form messages waiting in the advisor's inbox, so that it is not empty after `make run`.

Every name, phone number and story is invented. They are stored through the web form's own
service, so they get reference numbers and the form's rules hold; no receipts are e-mailed.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from borgerraadgiver.demo.organisation import (
    BOERN_OG_FAMILIE,
    JOBCENTER,
    VEJ_PARK_EJENDOMME,
    Organisation,
)
from borgerraadgiver.inquiries.models import ComplainantKind
from borgerraadgiver.intake.models import (
    Submission,
    SubmissionAttachment,
    SubmissionThrottle,
)
from borgerraadgiver.intake.services import SubmissionData, submission_create

NOTE = (
    "Referat af møde med sagsbehandler (opdigtet eksempel til demo).\n"
    "Aftalt: Afgørelse sendes inden for 4 uger. Det er nu 10 uger siden.\n"
)


def _messages(org: Organisation) -> list[tuple[SubmissionData, list[SimpleUploadedFile]]]:
    """Three messages as citizens write them: named, on someone's behalf, and anonymous."""
    return [
        (
            SubmissionData(
                complainant_kind=ComplainantKind.CITIZEN,
                name="Demo Demosen",
                phone="11 22 33 44",
                email="demo.demosen@example.invalid",
                department=org.departments[BOERN_OG_FAMILIE],
                what_happened=(
                    "Jeg søgte om aflastning til min søn for tre måneder siden og har ikke "
                    "hørt noget siden. Min sagsbehandler svarer ikke på mails."
                ),
                what_they_want="At få en afgørelse, eller at vide hvornår den kommer.",
                consents_to_contact=True,
            ),
            [SimpleUploadedFile("referat.txt", NOTE.encode(), content_type="text/plain")],
        ),
        (
            SubmissionData(
                complainant_kind=ComplainantKind.REPRESENTATIVE,
                name="Eksempel Eksempelsen (på vegne af sin far)",
                phone="55 66 77 88",
                department=org.departments[JOBCENTER],
                what_happened=(
                    "Min far blev indkaldt til et møde uden at få at vide, hvad det handlede om, "
                    "og fik ikke mulighed for at have en bisidder med."
                ),
                what_they_want="At blive inddraget ordentligt fremover.",
                consents_to_contact=False,
            ),
            [],
        ),
        (
            SubmissionData(
                complainant_kind=ComplainantKind.ANONYMOUS,
                area=org.departments[VEJ_PARK_EJENDOMME].area,
                department=org.departments[VEJ_PARK_EJENDOMME],
                what_happened=(
                    "Jeg har i et halvt år klaget over et væltet vejskilt ved skolen uden at "
                    "få svar. (Opdigtet demo-henvendelse.)"
                ),
                consents_to_contact=True,
            ),
            [],
        ),
    ]


def submissions_write(*, org: Organisation, now: datetime.datetime) -> list[Submission]:
    """Replace the inbox with three waiting demo messages, sent in the hours before `now`."""
    for attachment in SubmissionAttachment.objects.all():
        attachment.file.delete(save=False)  # the rows go with their submissions, not the files
    Submission.objects.all().delete()
    SubmissionThrottle.objects.all().delete()
    created = []
    for hours_ago, (data, files) in zip((26, 5, 1), _messages(org), strict=True):
        created.append(
            submission_create(
                data=data,
                uploads=files,
                client_address="demo",
                now=now - datetime.timedelta(hours=hours_ago),
                language="da",
                send_receipt=False,
            )
        )
    SubmissionThrottle.objects.all().delete()
    return created
