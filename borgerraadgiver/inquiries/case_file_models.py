"""What the advisor keeps on an inquiry beside its contacts: documents and internal notes.

A document is a letter from the municipality, a decision or meeting notes: a title, an optional
description and one or more files, stored by the one attachment module (`core.attachments`:
content check, size limit, neutral file names). A note is free text for the office itself: it
is not a contact, and no statistic counts it. Both are personal data: the data-subject export
holds them and retention deletes them whole, files and all.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.attachments import Attachment


class InquiryDocument(models.Model):
    """A document on an inquiry: its title and description; its files are `InquiryDocumentFile`."""

    inquiry = models.ForeignKey(
        "inquiries.Inquiry",
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"))

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.title


class InquiryDocumentFile(Attachment):
    """One file of a document on an inquiry."""

    document = models.ForeignKey(
        InquiryDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="files",
    )

    class Meta(Attachment.Meta):
        verbose_name = _("document file")
        verbose_name_plural = _("document files")

    def storage_folder(self) -> str:
        return f"documents/{self.document_id}"


class InquiryNote(models.Model):
    """An internal note on an inquiry: not a contact, counted nowhere."""

    inquiry = models.ForeignKey(
        "inquiries.Inquiry",
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    text = models.TextField(_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written"))

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return f"{self.inquiry_id} {self.written_at:%Y-%m-%d %H:%M}"
