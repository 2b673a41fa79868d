"""The users and their second-factor devices are kept per process beside the organisation's lists
(issue 18): every staff request loads its user and the device its session was verified with.

The triggers write a new token whenever a user or a device changes, so a process reads them again
exactly then (`accounts.kept`): a user deactivated, a password changed or a device removed counts
from the next request. On SQLite the triggers are made after every `migrate`
(`organisation.kept_sqlite.lists_version_ensure`). As migration organisation/0011's, they run before the
statement, so a transaction takes the token's row before any user's or device's row.
"""

from django.db import migrations

TABLE = "organisation_listsversion"
ACCOUNTS = ("accounts_user", "otp_totp_totpdevice", "otp_static_staticdevice")

POSTGRES_CREATE = "".join(
    f"""
CREATE TRIGGER {TABLE}_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_changed();
"""
    for table in ACCOUNTS
)
POSTGRES_DROP = "".join(f"DROP TRIGGER IF EXISTS {TABLE}_changed ON {table};\n" for table in ACCOUNTS)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_managers_kept"),
        ("organisation", "0011_lists_version"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(create, drop)]
