"""The web form's daily quota for files: an anonymous visitor cannot fill the server's disk.

Each message may carry `ATTACHMENT_MAX_COUNT` files of `ATTACHMENT_MAX_BYTES` each; the quota
caps the files of all messages sent on one day together (`INTAKE_DAILY_ATTACHMENT_MB`). Past it
the form still takes messages, without files, and says so; the advisor's inbox says the limit
was reached, so that the office can ask the citizens concerned to send their files another way.
"""

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from borgerraadgiver.core.attachments import CheckedFile
from borgerraadgiver.intake.models import SubmissionAttachment

logger = logging.getLogger("borgerraadgiver.intake")

MB = 1024 * 1024


@dataclass(frozen=True)
class DailyFiles:
    """The files the web form has taken today, against the day's quota."""

    used: int
    quota: int

    @property
    def reached(self) -> bool:
        return self.used >= self.quota

    @property
    def nearly_reached(self) -> bool:
        return self.used >= self.quota * 0.8

    @property
    def used_mb(self) -> int:
        return round(self.used / MB)

    @property
    def quota_mb(self) -> int:
        return round(self.quota / MB)


def daily_files(*, day: datetime.date) -> DailyFiles:
    """The bytes of the files sent with the web form's messages on `day` (the office's day)."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    used = SubmissionAttachment.objects.filter(
        submission__submitted_at__gte=start,
        submission__submitted_at__lt=start + datetime.timedelta(days=1),
    ).aggregate(total=Sum("size"))["total"]
    return DailyFiles(used=used or 0, quota=settings.INTAKE_DAILY_ATTACHMENT_MB * MB)


def daily_files_check(files: Sequence[CheckedFile], *, day: datetime.date) -> None:
    """Refuse the files (ValidationError on `attachments`) when they would pass the day's quota."""
    if not files:
        return
    today = daily_files(day=day)
    size = sum(item.upload.size or 0 for item in files)
    if today.used + size <= today.quota:
        return
    logger.warning(
        "The web form's daily quota for files (%d MB) is reached: files refused", today.quota_mb
    )
    raise ValidationError(
        {
            "attachments": _(
                "The web form cannot take more files today. Send your message without the "
                "files: the advisor will tell you how to send them."
            )
        },
        code="daily_quota",
    )
