"""Who manages which department or area is kept per process beside the organisation's lists
(issue 18): every staff page asks whether the user is a manager (the menu, the portal, the API),
and the answer changes only when a manager comes or goes.

The triggers of migration organisation/0011 write a new token whenever a list changes; these
write it when a manager's departments or areas change, so a process reads the assignments again
exactly then (`organisation.kept`, `accounts.permissions.is_manager`). On SQLite the triggers are
made after every `migrate` (`organisation.kept_sqlite.lists_version_ensure`).
"""

from django.db import migrations

TABLE = "organisation_listsversion"
MANAGERS = ("accounts_user_managed_departments", "accounts_user_managed_areas")

POSTGRES_CREATE = "".join(
    f"""
CREATE TRIGGER {TABLE}_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_changed();
"""
    for table in MANAGERS
)
POSTGRES_DROP = "".join(f"DROP TRIGGER IF EXISTS {TABLE}_changed ON {table};\n" for table in MANAGERS)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_login_lockout_proxy"),
        ("organisation", "0011_lists_version"),
    ]

    operations = [migrations.RunPython(create, drop)]
