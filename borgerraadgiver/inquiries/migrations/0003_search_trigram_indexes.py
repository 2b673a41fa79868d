"""Trigram indexes for the inquiry search on PostgreSQL; nothing on SQLite.

The search is a case-insensitive 'contains' (`UPPER(col::text) LIKE UPPER('%term%')`), which no
B-tree index serves. A trigram GIN index on exactly that expression does. pg_trgm is a trusted
extension: the database's owner may create it.
"""

from django.db import migrations

INDEXES = [
    ("inquiry_case_number_trgm", "inquiries_inquiry", 'UPPER("case_number"::text)'),
    ("inquiry_summary_trgm", "inquiries_inquiry", 'UPPER("summary"::text)'),
    ("person_name_trgm", "inquiries_person", 'UPPER("name"::text)'),
    ("person_email_trgm", "inquiries_person", 'UPPER("email"::text)'),
    ("person_phone_trgm", "inquiries_person", '"phone"'),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, expression in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("inquiries", "0002_status_area_index")]

    operations = [migrations.RunPython(create, drop)]
