"""Two server processes at once: the limit and the reference numbers hold (PostgreSQL only: it
runs the submissions truly in parallel; SQLite writes one at a time anyway)."""

import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from borgerraadgiver.intake.models import Submission
from borgerraadgiver.intake.services import SubmissionData, submission_create

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a database that writes in parallel"
)


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_from_one_address_keep_the_limit_and_unique_numbers(
    places, now, settings
):
    settings.INTAKE_RATE_LIMIT = 5
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def send() -> None:
        try:
            barrier.wait()
            submission_create(
                data=SubmissionData(
                    complainant_kind="anonymous",
                    what_happened="Samtidig",
                    consents_to_contact=False,
                ),
                uploads=[],
                client_address="203.0.113.7",
                now=now,
                language="da",
            )
            outcomes.append("sent")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused"] * 3 + ["sent"] * 5
    references = list(Submission.objects.values_list("reference", flat=True))
    assert len(set(references)) == 5
    assert all(re.fullmatch(r"W-2024-[A-Z2-9]{6}", reference) for reference in references)
