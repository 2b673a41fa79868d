"""The menu counts the web form's submissions waiting on every advisor page (issue 18): a trigger
writes the third token (migration organisation/0012) with every change of a submission, so each
process keeps the count until a submission comes, is registered or is rejected
(`intake.selectors.inbox_count`). On SQLite the trigger is made after every `migrate`
(`organisation.kept_sqlite.lists_version_ensure`)."""

from django.db import migrations

TABLE = "organisation_listsversion"

POSTGRES_CREATE = f"""
CREATE TRIGGER {TABLE}_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON intake_submission
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_changed('3');
"""
POSTGRES_DROP = f"DROP TRIGGER IF EXISTS {TABLE}_changed ON intake_submission;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_references_without_a_counter"),
        ("organisation", "0012_a_token_for_each_group"),
    ]

    operations = [migrations.RunPython(create, drop)]
