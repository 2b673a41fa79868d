"""A token for each group of kept tables (issue 18): the organisation's lists and who manages
what (1), the users and their second-factor devices (2), the web form's submissions (3).

With one token, every login (its `last_login`), every code checked against a device and every
submission made each process read the organisation's lists again. Now a trigger writes its own
group's token (the trigger's argument; none is the first group), so what is kept of the other
groups stays (`organisation.kept`). A change of a user or a device first takes the first
token's row, as before the groups: the lists, who manages what and the accounts still queue in
one order. The submissions queue by their own row only, so that a citizen's message, stored
with its attachments in one transaction, never holds up a login (`organisation.kept.lists_lock`
says which row a transaction takes first). On SQLite the table and its triggers are made after
every `migrate` (`organisation.kept_sqlite.lists_version_ensure`).
"""

from django.db import migrations

TABLE = "organisation_listsversion"


def _function(body: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {TABLE}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
{body}
$$;
ALTER FUNCTION {TABLE}_changed() SET search_path FROM CURRENT;
"""


POSTGRES_CREATE = f"""
ALTER TABLE {TABLE} DROP CONSTRAINT {TABLE}_id_check;
ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_id_check CHECK (id BETWEEN 1 AND 3);
INSERT INTO {TABLE} (id, token)
    VALUES (2, gen_random_uuid()::text), (3, gen_random_uuid()::text)
    ON CONFLICT (id) DO NOTHING;
""" + _function(f"""
DECLARE
    kept_group integer := COALESCE(TG_ARGV[0]::integer, 1);
BEGIN
    IF kept_group = 2 THEN
        PERFORM 1 FROM {TABLE} WHERE id = 1 FOR UPDATE;
    END IF;
    INSERT INTO {TABLE} (id, token) VALUES (kept_group, gen_random_uuid()::text)
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END""")

POSTGRES_DROP = _function(f"""
BEGIN
    INSERT INTO {TABLE} (id, token) VALUES (1, gen_random_uuid()::text)
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END""") + f"""
DELETE FROM {TABLE} WHERE id <> 1;
ALTER TABLE {TABLE} DROP CONSTRAINT {TABLE}_id_check;
ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_id_check CHECK (id = 1);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("organisation", "0011_lists_version")]

    operations = [migrations.RunPython(create, drop)]
