"""The register's number of inquiries, kept by PostgreSQL itself without a lock (issue 18).

The unfiltered inquiry list shows how many inquiries the register holds. PostgreSQL counts a
table by reading an index entry for every row, and the row itself wherever its page changed
since the last vacuum: 12–21 ms of the server's time at 100,000 inquiries, on every page of
the list. Here statement triggers write each statement's change to the register (+n for an
insert or a `COPY`, −n for a delete) as a row of its own in `inquiries_registercount`, in the
same transaction, and the reader sums the rows (`inquiries.register_count`): every snapshot sees
the number that matches its inquiries, and writers never wait for one another, because each
only adds a row. (A single row updated by every writer was tried first: its lock, held to the
commit, queued every registration behind every other and could deadlock an import against a
registration.) The reader folds the rows into one now and then.

`TRUNCATE` of the inquiries empties the table under an exclusive lock, which waits for a fold
in progress, so the fold's sum cannot outlive the truncate. SQLite counts a table from its
b-tree in microseconds and gets no such table. A restore (`pg_restore --clean`) loads the
table's rows with the inquiries and creates the triggers after both, so a restored database
keeps its number.
"""

from django.db import migrations

TABLE = "inquiries_registercount"

DROP = f"""
DROP TRIGGER IF EXISTS {TABLE}_insert ON inquiries_inquiry;
DROP TRIGGER IF EXISTS {TABLE}_delete ON inquiries_inquiry;
DROP TRIGGER IF EXISTS {TABLE}_truncate ON inquiries_inquiry;
DROP FUNCTION IF EXISTS {TABLE}_added();
DROP FUNCTION IF EXISTS {TABLE}_removed();
DROP FUNCTION IF EXISTS {TABLE}_emptied();
DROP TABLE IF EXISTS {TABLE};
"""

# Dropped first, so that the migration also runs over what a restore left: a backup from before
# it holds none of these, and `pg_restore --clean` drops only what the backup holds, so the
# table and its functions outlive the restore while the triggers go with the inquiries' table.
CREATE = f"""
LOCK TABLE inquiries_inquiry IN SHARE ROW EXCLUSIVE MODE;
{DROP}
CREATE TABLE {TABLE} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    change bigint NOT NULL
);
INSERT INTO {TABLE} (change) SELECT COUNT(*) FROM inquiries_inquiry;

CREATE FUNCTION {TABLE}_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (change) SELECT COUNT(*) FROM added HAVING COUNT(*) > 0;
    RETURN NULL;
END $$;
CREATE FUNCTION {TABLE}_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (change) SELECT -COUNT(*) FROM removed HAVING COUNT(*) > 0;
    RETURN NULL;
END $$;
CREATE FUNCTION {TABLE}_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE {TABLE} IN EXCLUSIVE MODE;
    DELETE FROM {TABLE};
    RETURN NULL;
END $$;

CREATE TRIGGER {TABLE}_insert AFTER INSERT ON inquiries_inquiry
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_added();
CREATE TRIGGER {TABLE}_delete AFTER DELETE ON inquiries_inquiry
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_removed();
CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON inquiries_inquiry
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_emptied();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("inquiries", "0012_person_phone_digits_trgm")]

    operations = [migrations.RunPython(create, drop)]
