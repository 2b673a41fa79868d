"""The office's closing days are kept per process with the organisation's lists (issue 18).

Every forwarding deadline and the forwarding overview's every page read the closing days
(`ClosingDay.objects.as_set()`), and the table changes once or twice a year. A trigger on it
now writes the organisation's token (migration 0011's function, group 1), so each process keeps
the days until they change (`organisation.kept`). On SQLite the trigger is made after every
`migrate` (`organisation.kept_sqlite.lists_version_ensure`).
"""

from django.db import migrations

TABLE = "organisation_listsversion"

POSTGRES_CREATE = f"""
CREATE TRIGGER {TABLE}_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON organisation_closingday FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_changed();
"""
POSTGRES_DROP = f"DROP TRIGGER IF EXISTS {TABLE}_changed ON organisation_closingday;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("organisation", "0012_a_token_for_each_group")]

    operations = [migrations.RunPython(create, drop)]
