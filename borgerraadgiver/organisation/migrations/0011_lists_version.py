"""A token that changes whenever the organisation's lists change (issue 18).

Every staff page draws some of the office's lists: the office's name in the header, the
departments, areas, reasons and handling types in the list's filter boxes, seven lists on the
registration page. They change a few times a year, yet each was read again on every page: a
query of about a millisecond of the app's CPU each. Each process now keeps what it read
(`organisation.kept`) beside this token, and reads the lists again only when the token differs.

Triggers on each list's table write a new random token on every insert, update and delete, in
the same transaction, so a process sees the new token exactly when it can see the change, and a
change rolled back leaves the old token. A token is random rather than a counter so that a
restored database never shows a token a process kept for other contents. On PostgreSQL the
trigger runs before each statement: it takes the token's row lock before the statement locks
any row of a list, so two transactions that change lists queue rather than deadlock. A
`TRUNCATE` of a list also writes a token.

On SQLite the table and its triggers are made after every `migrate` instead
(`organisation.kept_sqlite.lists_version_ensure`), as the text indexes are: SQLite drops a table's
triggers when a migration rebuilds the table.
"""

from django.db import migrations

TABLE = "organisation_listsversion"

# Every table `organisation.kept` may keep rows of; it refuses a query that reads any other.
LISTS = (
    "organisation_office",
    "organisation_area",
    "organisation_department",
    "organisation_reason",
    "organisation_handlingtype",
    "organisation_action",
    "organisation_activitykind",
    "organisation_referralbody",
    "organisation_referralsource",
)

POSTGRES_CREATE = f"""
DROP TABLE IF EXISTS {TABLE};
CREATE TABLE {TABLE} (id integer PRIMARY KEY CHECK (id = 1), token text NOT NULL);
INSERT INTO {TABLE} (id, token) VALUES (1, gen_random_uuid()::text);
CREATE OR REPLACE FUNCTION {TABLE}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (id, token) VALUES (1, gen_random_uuid()::text)
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END $$;
ALTER FUNCTION {TABLE}_changed() SET search_path FROM CURRENT;
""" + "".join(
    f"""
CREATE TRIGGER {TABLE}_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_changed();
"""
    for table in LISTS
)

POSTGRES_DROP = "".join(
    f"DROP TRIGGER IF EXISTS {TABLE}_changed ON {table};\n" for table in LISTS
) + (f"DROP FUNCTION IF EXISTS {TABLE}_changed();\nDROP TABLE IF EXISTS {TABLE};\n")

def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("organisation", "0010_referral_sources")]

    operations = [migrations.RunPython(create, drop)]
