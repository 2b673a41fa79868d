"""The trigram indexes keep a short list of new entries, on PostgreSQL only (issue 18).

A GIN index puts what is inserted into a pending list and merges it into the index later, when
autovacuum vacuums or analyses the table or when the list passes `gin_pending_list_limit` (4 MB
by default); every search reads the whole list, row by row, until then. Autovacuum analyses a
table after a tenth of its rows have changed, which in an office's register of many years takes
months, so the list grows towards 4 MB: 422 pages on the people's name index after 5,465
registrations, which every registration's look-up of the person typed read, 4–7.5 ms of the
server's time for one name, against 0.4–0.8 ms once the list was merged (bench/README.md,
twelfth pass). At 256 kB (32 pages) a search reads at most a few tenths of a millisecond of it;
an insert costs a little more, as the list is merged more often (30,000 inquiries' search texts
inserted at once: 2.6 s with 4 MB, 4.2 s with 256 kB, 17 s writing each entry straight into the
index).

Every GIN index of the app is a trigram index on these two tables; one added later takes the
same setting (`tests/inquiries/test_search_text.py` checks every GIN index there is).
"""

from django.db import migrations

INDEXES = (
    "person_name_trgm",
    "person_email_trgm",
    "person_phone_trgm",
    "person_phone_digits_trgm",
    "inquiry_search_text_trgm",
)
PENDING_LIST_KB = 256


def _present(schema_editor) -> list[str]:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'gin' AND c.relname = ANY(%s) AND pg_table_is_visible(c.oid)",
            [list(INDEXES)],
        )
        return sorted(row[0] for row in cursor.fetchall())


def shorten(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in _present(schema_editor):
        schema_editor.execute(
            f"ALTER INDEX {name} SET (gin_pending_list_limit = {PENDING_LIST_KB})"
        )
        # What is pending now is merged at once rather than at the next insert.
        schema_editor.execute(f"SELECT gin_clean_pending_list('{name}'::regclass)")


def lengthen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in _present(schema_editor):
        schema_editor.execute(f"ALTER INDEX {name} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("inquiries", "0014_inquiry_search_text")]

    operations = [migrations.RunPython(shorten, lengthen)]
