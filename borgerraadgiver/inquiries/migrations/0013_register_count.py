"""The register's number of inquiries, kept by PostgreSQL itself (issue 18).

The unfiltered inquiry list shows how many inquiries the register holds. PostgreSQL counts a
table by reading an index entry for every row, and the row itself wherever its page changed
since the last vacuum: 12–21 ms of the server's time at 100,000 inquiries, on every page of
the list. Here three statement triggers keep the number in a one-row table, in the same
transaction as each insert, delete and truncate of inquiries, so every snapshot sees the number
that matches its rows (`inquiries.register_count`). SQLite counts a table from its b-tree in
microseconds and gets no such table.

The table is locked while it is first counted, so no inquiry is registered between the count and
the triggers. A restore (`pg_restore --clean`) creates triggers after it has loaded the rows and
the table's own row with them, so a restored database keeps its number too.
"""

from django.db import migrations

TABLE = "inquiries_registercount"

CREATE = f"""
LOCK TABLE inquiries_inquiry IN SHARE ROW EXCLUSIVE MODE;
CREATE TABLE {TABLE} (
    id smallint PRIMARY KEY CHECK (id = 1),
    total bigint NOT NULL
);
INSERT INTO {TABLE} (id, total) SELECT 1, COUNT(*) FROM inquiries_inquiry;

CREATE FUNCTION {TABLE}_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {TABLE} SET total = total + (SELECT COUNT(*) FROM added) WHERE id = 1;
    RETURN NULL;
END $$;
CREATE FUNCTION {TABLE}_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {TABLE} SET total = total - (SELECT COUNT(*) FROM removed) WHERE id = 1;
    RETURN NULL;
END $$;
CREATE FUNCTION {TABLE}_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {TABLE} SET total = 0 WHERE id = 1;
    RETURN NULL;
END $$;

CREATE TRIGGER {TABLE}_insert AFTER INSERT ON inquiries_inquiry
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_added();
CREATE TRIGGER {TABLE}_delete AFTER DELETE ON inquiries_inquiry
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_removed();
CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON inquiries_inquiry
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_emptied();
"""

DROP = f"""
DROP TRIGGER IF EXISTS {TABLE}_insert ON inquiries_inquiry;
DROP TRIGGER IF EXISTS {TABLE}_delete ON inquiries_inquiry;
DROP TRIGGER IF EXISTS {TABLE}_truncate ON inquiries_inquiry;
DROP FUNCTION IF EXISTS {TABLE}_added();
DROP FUNCTION IF EXISTS {TABLE}_removed();
DROP FUNCTION IF EXISTS {TABLE}_emptied();
DROP TABLE IF EXISTS {TABLE};
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
