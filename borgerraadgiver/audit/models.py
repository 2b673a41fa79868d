"""The access log: every read, search and change of personal data, by whom and when.

Rows hold ids, not foreign keys, so that the log outlives what it speaks of and can never be
cascaded away with it. The application never changes a row: `save()` refuses an update, the
QuerySet refuses `update()` and `delete()`, and the database refuses an UPDATE (a trigger,
migration 0002) except the user column being emptied when a user is deleted. Old rows are deleted
only by `services.access_log_clean`, which records that it ran.
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an access-log row outside the clean-up."""


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AccessLogIsAppendOnly("The access log cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AccessLogIsAppendOnly("The access log is cleaned up only by access_log_clean.")

    def purge(self) -> int:
        """Delete these rows. For `services.access_log_clean` only."""
        deleted, _by_model = models.QuerySet.delete(self)
        return deleted

    def for_person(
        self,
        *,
        person_id: int,
        inquiry_ids: list[int],
        merged_ids: Any = None,
        submission_references: Sequence[str] = (),
    ) -> "AccessLogQuerySet":
        """Every use of one person's data: rows naming the person, a record merged into theirs
        (`merged_ids`, ids or a subquery of them: the log's rows are never rewritten), one of
        their inquiries, or, by its reference, a web-form message of theirs read before it was
        registered (such a row could not yet name a person or an inquiry)."""
        condition = models.Q(person_id=person_id) | models.Q(inquiry_id__in=inquiry_ids)
        if merged_ids is not None:
            condition |= models.Q(person_id__in=merged_ids)
        for reference in submission_references:
            condition |= models.Q(event__in=SUBMISSION_EVENTS, detail__contains=reference)
        return self.filter(condition)


class AccessEvent(models.TextChoices):
    """What happened, typed: every row names one. The row's `detail` holds only the data that
    goes with it (search terms, filters, a reference, the fields changed), never a sentence,
    so the log reads in the reader's language."""

    # The register
    INQUIRY_LIST_VIEWED = "inquiry_list_viewed", _("Viewed the list of inquiries")
    INQUIRIES_SEARCHED = "inquiries_searched", _("Searched the inquiries")
    INQUIRY_VIEWED = "inquiry_viewed", _("Opened the inquiry")
    INQUIRY_EDIT_FORM_VIEWED = "inquiry_edit_form_viewed", _("Opened the inquiry's edit form")
    INQUIRY_EDIT_CONFLICT_SHOWN = (
        "inquiry_edit_conflict_shown",
        _("Was shown a colleague's changes to the inquiry on saving"),
    )
    INQUIRY_PRINTED = "inquiry_printed", _("Opened the inquiry's print view")
    INQUIRY_REGISTERED = "inquiry_registered", _("Registered the inquiry")
    INQUIRY_CHANGED = "inquiry_changed", _("Changed the inquiry")
    CONTACT_ADDED = "contact_added", _("Added a contact")
    COUNTED_ACTION_ADDED = "counted_action_added", _("Added a counted action")
    NOTE_ADDED = "note_added", _("Added an internal note")
    DOCUMENT_ADDED = "document_added", _("Added a document")
    DOCUMENT_DOWNLOADED = "document_downloaded", _("Downloaded a document's file")
    DOCUMENT_REMOVED = "document_removed", _("Removed a document")
    PERSON_REGISTERED = "person_registered", _("Registered the person")
    PERSON_CHANGED = "person_changed", _("Changed the person's details")
    PERSONS_LOOKED_UP = "persons_looked_up", _("Looked up a person when registering")
    CPR_LOOKED_UP = "cpr_looked_up", _("Searched by CPR number")
    PERSON_VIEWED = "person_viewed", _("Opened the person's page")
    PERSON_EDIT_FORM_VIEWED = "person_edit_form_viewed", _("Opened the form to correct the person")
    PERSONS_MERGED = "persons_merged", _("Merged two records of the person")
    INQUIRIES_EXPORTED = "inquiries_exported", _("Exported the list of inquiries")
    # Forwarding
    CONSENT_RECORDED = "consent_recorded", _("Recorded the citizen's consent")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Recorded that the consent was withdrawn")
    CONSENT_REFUSED = (
        "consent_refused",
        _("Recorded that the citizen does not want the case forwarded"),
    )
    FORWARDING_KIND_CHANGED = "forwarding_kind_changed", _("Changed the kind of the forwarding")
    FORWARDING_FORM_VIEWED = (
        "forwarding_form_viewed",
        _("Opened the form to send the inquiry to a department"),
    )
    FORWARDING_DRAFTED = "forwarding_drafted", _("Prepared a forwarding")
    FORWARDING_SENT = "forwarding_sent", _("Sent the forwarding to the department")
    FORWARDING_VIEWED = "forwarding_viewed", _("Opened the forwarding")
    FORWARDING_ANSWERED = "forwarding_answered", _("Answered the forwarding")
    FORWARDING_IDENTITY_VIEWED = (
        "forwarding_identity_viewed",
        _("Opened the forwarding with the citizen's name and CPR number shared"),
    )
    FORWARDING_ANSWER_WITHDRAWN = (
        "forwarding_answer_withdrawn",
        _("Withdrew the department's answer"),
    )
    FORWARDING_EXTENDED = "forwarding_extended", _("Set a later answer date")
    FOLLOW_UP_ASKED = "follow_up_asked", _("Asked a follow-up question")
    FORWARDING_CLOSED = "forwarding_closed", _("Closed the forwarding")
    ANSWER_ATTACHMENT_DOWNLOADED = (
        "answer_attachment_downloaded",
        _("Downloaded a file attached to an answer"),
    )
    # Letters to the citizen
    LETTER_FORM_VIEWED = "letter_form_viewed", _("Opened the form to write a letter")
    LETTER_CREATED = "letter_created", _("Made a letter to the citizen")
    LETTER_SENT = "letter_sent", _("Sent a letter to the citizen")
    LETTER_DOWNLOADED = "letter_downloaded", _("Downloaded a letter")
    LETTER_RETRIED = "letter_retried", _("Sent a failed letter again")
    # The citizen's verdict (feedback)
    FEEDBACK_INVITED = "feedback_invited", _("Asked the citizen for their verdict on the inquiry")
    CONTACT_REQUEST_DONE = (
        "contact_request_done",
        _("Marked the citizen's request to be contacted again as done"),
    )
    # The web form
    INBOX_VIEWED = "inbox_viewed", _("Viewed the web-form inbox")
    SUBMISSION_VIEWED = "submission_viewed", _("Opened a web-form message")
    SUBMISSION_ATTACHMENT_DOWNLOADED = (
        "submission_attachment_downloaded",
        _("Downloaded a file sent with a web-form message"),
    )
    SUBMISSION_REJECTED = "submission_rejected", _("Rejected a web-form message")
    SUBMISSION_REGISTERED = "submission_registered", _("Registered a web-form message")
    REGISTRATION_PREFILLED = (
        "registration_prefilled",
        _("Opened the registration page filled in from a web-form message"),
    )
    # The API
    API_INQUIRIES_LISTED = "api_inquiries_listed", _("Read inquiries through the API")
    API_INQUIRY_VIEWED = "api_inquiry_viewed", _("Read the inquiry through the API")
    API_INQUIRY_CONFLICT = (
        "api_inquiry_conflict",
        _("Read the inquiry through the API after a conflicting change"),
    )
    API_FORWARDINGS_LISTED = "api_forwardings_listed", _("Read forwardings through the API")
    API_FORWARDING_VIEWED = "api_forwarding_viewed", _("Read the forwarding through the API")
    # The annual report
    REPORT_WORKSPACE_VIEWED = "report_workspace_viewed", _("Opened the report workspace")
    CASE_EXAMPLE_VIEWED = "case_example_viewed", _("Opened a case example")
    CASE_EXAMPLE_MARKED = "case_example_marked", _("Marked a case example candidate")
    CASE_EXAMPLE_CHANGED = "case_example_changed", _("Changed a case example")
    CASE_EXAMPLE_FINDING_DISMISSED = (
        "case_example_finding_dismissed",
        _("Dismissed a personal-data finding in a case example"),
    )
    CASE_EXAMPLE_SUBMITTED = "case_example_submitted", _("Submitted a case example for approval")
    CASE_EXAMPLE_APPROVED = "case_example_approved", _("Approved a case example")
    CASE_EXAMPLE_RETURNED = "case_example_returned", _("Returned a case example")
    CASE_EXAMPLE_DELETED = "case_example_deleted", _("Deleted a case example")
    REPORT_DOCUMENT_DOWNLOADED = "report_document_downloaded", _("Downloaded the annual report")
    PUBLISHED_REPORT_DOWNLOADED = (
        "published_report_downloaded",
        _("Downloaded the published annual report"),
    )
    STATISTICS_EXPORTED = "statistics_exported", _("Downloaded statistics")
    REPORT_PUBLISHED = "report_published", _("Published a report")
    REPORT_WITHDRAWN = "report_withdrawn", _("Withdrew a published report")
    # Recommendations (their links to inquiries are read on the advisor's page: a list view)
    RECOMMENDATION_MADE = "recommendation_made", _("Made a recommendation")
    RECOMMENDATION_ANSWERED = "recommendation_answered", _("Answered a recommendation")
    RECOMMENDATION_FOLLOWED_UP = (
        "recommendation_followed_up",
        _("Recorded a follow-up on a recommendation"),
    )
    RECOMMENDATION_CLOSED = "recommendation_closed", _("Closed a recommendation")
    # Activities, imports, the demo
    ACTIVITY_REGISTERED = "activity_registered", _("Registered an activity")
    ACTIVITY_CHANGED = "activity_changed", _("Changed an activity")
    ACTIVITY_DELETED = "activity_deleted", _("Deleted an activity")
    FILE_IMPORTED = "file_imported", _("Imported a file")
    IMPORTED_INQUIRIES_REPLACED = (
        "imported_inquiries_replaced",
        _("Replaced earlier imported inquiries"),
    )
    DEMO_REPLACED = "demo_replaced", _("Replaced the demo data")
    # Personal data
    CPR_SHOWN = "cpr_shown", _("Showed the CPR number")
    PERSON_ACCESS_LOG_VIEWED = "person_access_log_viewed", _("Viewed the person's access log")
    PERSON_EXPORTED = "person_exported", _("Exported everything held about the person")
    ACCESS_LOG_SEARCHED = "access_log_searched", _("Searched the access log")
    RETENTION_DATA_REMOVED = (
        "retention_data_removed",
        _("Removed personal data at the end of retention"),
    )
    RETENTION_PERSON_DELETED = (
        "retention_person_deleted",
        _("Deleted a person without any inquiry at the end of retention"),
    )
    RETENTION_SUBMISSIONS_DELETED = (
        "retention_submissions_deleted",
        _("Deleted rejected web-form messages at the end of retention"),
    )
    ACCESS_LOG_CLEANED = "access_log_cleaned", _("Cleaned up the access log")
    # Who may open personal data: the detail is the user name of whom the role concerns
    ADVISOR_ROLE_REQUESTED = (
        "advisor_role_requested",
        _("Asked for a user to be made an advisor (awaits another advisor's approval)"),
    )
    ADVISOR_ROLE_APPROVED = "advisor_role_approved", _("Approved that a user becomes an advisor")
    ADVISOR_ROLE_REFUSED = "advisor_role_refused", _("Refused that a user becomes an advisor")
    ADVISOR_ROLE_GRANTED_BY_OPERATOR = (
        "advisor_role_granted_by_operator",
        _("Made a user an advisor with the server operator's command"),
    )
    ADVISOR_ROLE_REMOVED = "advisor_role_removed", _("Removed a user's advisor role")


# The reads of a web-form message before it is registered: their detail holds its reference
# (the inbox's page: the references it listed).
SUBMISSION_EVENTS = (
    AccessEvent.INBOX_VIEWED,
    AccessEvent.SUBMISSION_VIEWED,
    AccessEvent.SUBMISSION_ATTACHMENT_DOWNLOADED,
    AccessEvent.SUBMISSION_REJECTED,
    AccessEvent.REGISTRATION_PREFILLED,
)


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        SEARCH = "search", _("Searched")
        CREATE = "create", _("Created")
        CHANGE = "change", _("Changed")
        EXPORT = "export", _("Exported")
        DELETE = "delete", _("Deleted")
        CLEAN_UP = "clean_up", _("Log cleaned up")

    at = models.DateTimeField(_("time"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        # A look-up by user uses `accesslog_user_at_idx` (user, -at), which leads with the user:
        # an index of the user alone would only cost every write (50 rows a list page).
        db_index=False,
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    inquiry_id = models.BigIntegerField(_("inquiry"), null=True, db_index=True)
    person_id = models.BigIntegerField(_("person"), null=True, db_index=True)
    event = models.CharField(_("event"), max_length=40, choices=AccessEvent.choices, blank=True)
    # Kept beside the id: deleting a user empties `user` but never who it was.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    detail = models.TextField(_("detail"), blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["user", "-at"], name="accesslog_user_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AccessLogIsAppendOnly("The access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AccessLogIsAppendOnly("The access log is cleaned up only by access_log_clean.")

    @property
    def description(self) -> str:
        """What happened, in the reader's language, with its data: 'Searched the inquiries: Åse'."""
        label = self.get_event_display() if self.event else self.get_action_display()
        return f"{label}: {self.detail}" if self.detail else str(label)
