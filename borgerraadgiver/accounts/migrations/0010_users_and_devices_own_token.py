"""The users' and the devices' triggers write their own token, the second (migration
organisation/0012): a login, a code checked or a password changed no longer makes each process
read the organisation's lists again, only the users and the devices."""

from django.db import migrations

TABLE = "organisation_listsversion"
ACCOUNTS = ("accounts_user", "otp_totp_totpdevice", "otp_static_staticdevice")


def _triggers(argument: str) -> str:
    return "".join(
        f"""
DROP TRIGGER IF EXISTS {TABLE}_changed ON {table};
CREATE TRIGGER {TABLE}_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_changed({argument});
"""
        for table in ACCOUNTS
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_triggers("'2'"))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_triggers(""))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0009_users_and_devices_kept"),
        ("organisation", "0012_a_token_for_each_group"),
    ]

    operations = [migrations.RunPython(create, drop)]
