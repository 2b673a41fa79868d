"""Every access-log row names a typed event and keeps the user name beside the user id.

The append-only trigger compares every column but the user, so it is replaced by one that knows
the two new columns. Rows written before this migration get their event and user name here,
while the trigger is down, as the only change ever made to them: the event from the fixed
phrases the code wrote into `detail`, which then keeps only the data that followed the phrase.
"""

from django.conf import settings
from django.db import migrations, models

POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS audit_accesslog_no_update ON audit_accesslogentry;
--
DROP FUNCTION IF EXISTS audit_accesslog_refuse_update();
"""
POSTGRESQL_CREATE = """
CREATE OR REPLACE FUNCTION audit_accesslog_refuse_update() RETURNS trigger AS $$
BEGIN
  IF NEW.user_id IS NULL AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
     AND NEW.inquiry_id IS NOT DISTINCT FROM OLD.inquiry_id
     AND NEW.person_id IS NOT DISTINCT FROM OLD.person_id
     AND NEW.detail = OLD.detail AND NEW.event = OLD.event
     AND NEW.username = OLD.username THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'The access log cannot be changed.';
END;
$$ LANGUAGE plpgsql;
--
CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON audit_accesslogentry
FOR EACH ROW EXECUTE FUNCTION audit_accesslog_refuse_update();
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS audit_accesslog_no_update;"
SQLITE_CREATE = """
CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON audit_accesslogentry
WHEN NOT (NEW.user_id IS NULL AND NEW.id IS OLD.id AND NEW.at IS OLD.at
          AND NEW.action IS OLD.action AND NEW.inquiry_id IS OLD.inquiry_id
          AND NEW.person_id IS OLD.person_id AND NEW.detail IS OLD.detail
          AND NEW.event IS OLD.event AND NEW.username IS OLD.username)
BEGIN SELECT RAISE(ABORT, 'The access log cannot be changed.'); END;
"""
SQLITE_CREATE_BEFORE = """
CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON audit_accesslogentry
WHEN NOT (NEW.user_id IS NULL AND NEW.id IS OLD.id AND NEW.at IS OLD.at
          AND NEW.action IS OLD.action AND NEW.inquiry_id IS OLD.inquiry_id
          AND NEW.person_id IS OLD.person_id AND NEW.detail IS OLD.detail)
BEGIN SELECT RAISE(ABORT, 'The access log cannot be changed.'); END;
"""
POSTGRESQL_CREATE_BEFORE = POSTGRESQL_CREATE.replace(
    """     AND NEW.detail = OLD.detail AND NEW.event = OLD.event
     AND NEW.username = OLD.username THEN""",
    "     AND NEW.detail = OLD.detail THEN",
)

# (phrase the code wrote, event): a detail equal to the phrase, or starting with it and a
# separator, becomes the event; what followed the phrase stays as the detail.
PHRASES = [
    ("web-form inbox", "inbox_viewed"),
    ("web-form submission", "submission_viewed"),
    ("registration form from web-form submission", "registration_prefilled"),
    ("registered from web-form submission", "submission_registered"),
    ("contact added", "contact_added"),
    ("counted action added", "counted_action_added"),
    ("consent recorded", "consent_recorded"),
    ("consent withdrawn", "consent_withdrawn"),
    ("forwarding drafted", "forwarding_drafted"),
    ("forwarding sent", "forwarding_sent"),
    ("forwarding answered", "forwarding_answered"),
    ("forwarding deadline extended", "forwarding_extended"),
    ("follow-up question asked", "follow_up_asked"),
    ("forwarding closed", "forwarding_closed"),
    ("forwarding", "forwarding_viewed"),
    ("attachment", "answer_attachment_downloaded"),
    ("edit form", "inquiry_edit_form_viewed"),
    ("inquiry list", "inquiry_list_viewed"),
    ("api conflict", "api_inquiry_conflict"),
    ("api forwarding", "api_forwarding_viewed"),
    ("api forwardings", "api_forwardings_listed"),
    ("api", "api_inquiry_viewed"),
    ("report workspace", "report_workspace_viewed"),
    ("annual report", "report_document_downloaded"),
    ("report published", "report_published"),
    ("report withdrawn", "report_withdrawn"),
    ("CPR number shown", "cpr_shown"),
    ("access log of the person", "person_access_log_viewed"),
    ("access log search", "access_log_searched"),
    ("data-subject export", "person_exported"),
    ("retention: personal data removed", "retention_data_removed"),
    ("retention: person without any inquiry deleted", "retention_person_deleted"),
    ("retention: rejected web-form submissions deleted", "retention_submissions_deleted"),
    ("demo data replaced", "demo_replaced"),
    ("import replaced", "imported_inquiries_replaced"),
    ("import", "file_imported"),
    ("export", "inquiries_exported"),
    ("report", "statistics_exported"),
]
# The longest phrase first, so that 'forwarding sent' wins over 'forwarding'.
PHRASES.sort(key=lambda pair: -len(pair[0]))
BY_ACTION = {"clean_up": "access_log_cleaned"}


def _event_for(action, detail):
    if action in BY_ACTION:
        return BY_ACTION[action], detail
    for phrase, event in PHRASES:
        if detail == phrase:
            return event, ""
        for separator in (": ", " "):
            if detail.startswith(phrase + separator):
                return event, detail[len(phrase) + len(separator) :]
    if action == "search":
        return "inquiries_searched", detail
    return "", detail


def _run(schema_editor, sql_by_vendor):
    sql = sql_by_vendor.get(schema_editor.connection.vendor)
    for statement in (sql or "").split("\n--\n"):
        if statement.strip():
            schema_editor.execute(statement, params=None)


def drop_trigger(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP})


def create_trigger(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_CREATE, "sqlite": SQLITE_CREATE})


def create_trigger_before(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_CREATE_BEFORE, "sqlite": SQLITE_CREATE_BEFORE})


def name_events(apps, schema_editor):
    entry_model = apps.get_model("audit", "AccessLogEntry")
    user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    names = dict(user_model.objects.values_list("pk", "username"))
    # The model's QuerySet refuses update(); the historical model has Django's own.
    rows = entry_model.objects.filter(event="").only("pk", "action", "detail", "user_id")
    for entry in rows.iterator(chunk_size=2000):
        event, detail = _event_for(entry.action, entry.detail)
        entry_model.objects.filter(pk=entry.pk).update(
            event=event, detail=detail, username=names.get(entry.user_id, "")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_and_clean_up"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_trigger, create_trigger_before),
        migrations.AddField(
            model_name="accesslogentry",
            name="event",
            field=models.CharField(
                blank=True,
                choices=[
                    ("inquiry_list_viewed", "Viewed the list of inquiries"),
                    ("inquiries_searched", "Searched the inquiries"),
                    ("inquiry_viewed", "Opened the inquiry"),
                    ("inquiry_edit_form_viewed", "Opened the inquiry's edit form"),
                    ("inquiry_registered", "Registered the inquiry"),
                    ("inquiry_changed", "Changed the inquiry"),
                    ("contact_added", "Added a contact"),
                    ("counted_action_added", "Added a counted action"),
                    ("person_registered", "Registered the person"),
                    ("person_changed", "Changed the person's details"),
                    ("persons_looked_up", "Looked up a person when registering"),
                    ("inquiries_exported", "Exported the list of inquiries"),
                    ("consent_recorded", "Recorded the citizen's consent"),
                    ("consent_withdrawn", "Recorded that the consent was withdrawn"),
                    (
                        "consent_refused",
                        "Recorded that the citizen does not want the case forwarded",
                    ),
                    ("forwarding_kind_changed", "Changed the kind of the forwarding"),
                    ("forwarding_drafted", "Prepared a forwarding"),
                    ("forwarding_sent", "Sent the forwarding to the department"),
                    ("forwarding_viewed", "Opened the forwarding"),
                    ("forwarding_answered", "Answered the forwarding"),
                    ("forwarding_extended", "Set a later answer date"),
                    ("follow_up_asked", "Asked a follow-up question"),
                    ("forwarding_closed", "Closed the forwarding"),
                    ("answer_attachment_downloaded", "Downloaded a file attached to an answer"),
                    ("inbox_viewed", "Viewed the web-form inbox"),
                    ("submission_viewed", "Opened a web-form message"),
                    (
                        "submission_attachment_downloaded",
                        "Downloaded a file sent with a web-form message",
                    ),
                    ("submission_rejected", "Rejected a web-form message"),
                    ("submission_registered", "Registered a web-form message"),
                    (
                        "registration_prefilled",
                        "Opened the registration page filled in from a web-form message",
                    ),
                    ("api_inquiries_listed", "Read inquiries through the API"),
                    ("api_inquiry_viewed", "Read the inquiry through the API"),
                    (
                        "api_inquiry_conflict",
                        "Read the inquiry through the API after a conflicting change",
                    ),
                    ("api_forwardings_listed", "Read forwardings through the API"),
                    ("api_forwarding_viewed", "Read the forwarding through the API"),
                    ("report_workspace_viewed", "Opened the report workspace"),
                    ("case_example_viewed", "Opened a case example"),
                    ("case_example_marked", "Marked a case example candidate"),
                    ("case_example_changed", "Changed a case example"),
                    (
                        "case_example_finding_dismissed",
                        "Dismissed a personal-data finding in a case example",
                    ),
                    ("case_example_submitted", "Submitted a case example for approval"),
                    ("case_example_approved", "Approved a case example"),
                    ("case_example_returned", "Returned a case example"),
                    ("case_example_deleted", "Deleted a case example"),
                    ("report_document_downloaded", "Downloaded the annual report"),
                    ("published_report_downloaded", "Downloaded the published annual report"),
                    ("statistics_exported", "Downloaded statistics"),
                    ("report_published", "Published a report"),
                    ("report_withdrawn", "Withdrew a published report"),
                    ("activity_registered", "Registered an activity"),
                    ("activity_changed", "Changed an activity"),
                    ("activity_deleted", "Deleted an activity"),
                    ("file_imported", "Imported a file"),
                    ("imported_inquiries_replaced", "Replaced earlier imported inquiries"),
                    ("demo_replaced", "Replaced the demo data"),
                    ("cpr_shown", "Showed the CPR number"),
                    ("person_access_log_viewed", "Viewed the person's access log"),
                    ("person_exported", "Exported everything held about the person"),
                    ("access_log_searched", "Searched the access log"),
                    ("retention_data_removed", "Removed personal data at the end of retention"),
                    (
                        "retention_person_deleted",
                        "Deleted a person without any inquiry at the end of retention",
                    ),
                    (
                        "retention_submissions_deleted",
                        "Deleted rejected web-form messages at the end of retention",
                    ),
                    ("access_log_cleaned", "Cleaned up the access log"),
                ],
                max_length=40,
                verbose_name="event",
            ),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="username",
            field=models.CharField(blank=True, max_length=150, verbose_name="user name"),
        ),
        migrations.RunPython(name_events, migrations.RunPython.noop),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
