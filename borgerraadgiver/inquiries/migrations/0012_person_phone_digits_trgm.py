"""A trigram index on a person's phone number without separators, on PostgreSQL only.

The registration page looks for people with the number typed, compared on its digits
(`search.phone_digits_expression`): without an index on exactly that expression PostgreSQL
read every person on every registration. The expression below must stay the one that function
compiles to (`tests/inquiries/test_person_look_up_plan.py` checks that the plan uses it).
"""

from django.db import migrations

NAME = "person_phone_digits_trgm"
EXPRESSION = (
    "replace(replace(replace(replace(replace(replace(\"phone\"::text, ' ', ''), '-', ''), "
    "'.', ''), '(', ''), ')', ''), '+', '')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON inquiries_person "
        f"USING gin (({EXPRESSION}) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("inquiries", "0011_referred_by_and_minutes")]

    operations = [migrations.RunPython(create, drop)]
