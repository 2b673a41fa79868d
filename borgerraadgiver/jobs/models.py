"""A job: one piece of long work a user asked for, run by the task queue's worker.

The task queue (django-tasks) runs the work; the job is what the user's page reads: whose it
is, what it is, whether it waits, runs, is done or failed, and its result. Only its owner may
see it (`selectors.job_get`). While it runs, its progress is in a small file beside it
(`progress.py`), because the work's own transaction hides its writes from the page until the
end.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Kind(models.TextChoices):
        IMPORT_CHECK = "import_check", _("Checking a file to import")
        IMPORT = "import", _("Importing a file")
        REPORT_DOCUMENT = "report_document", _("Making a report document")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # Random, so that the job's address reveals nothing and cannot be guessed.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The language of the page that asked: the work's messages are written in it.
    language = models.CharField(_("language"), max_length=10)
    parameters = models.JSONField(_("parameters"), default=dict)
    result = models.JSONField(_("result"), default=dict, blank=True)
    failure = models.TextField(_("why it failed"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    # The job started from this one's result (an import confirmed after its check): set once.
    next_job = models.OneToOneField(
        "self",
        verbose_name=_("continued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="previous_job",
    )
    created_at = models.DateTimeField(_("asked for"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        default_permissions = ()
        indexes = [models.Index(fields=["created_at"], name="job_created_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=models.F("created_at")),
                name="job_finished_after_created",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["done", "failed"], finished_at__isnull=False)
                | Q(status__in=["waiting", "running"], finished_at__isnull=True),
                name="job_finished_when_done_or_failed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
