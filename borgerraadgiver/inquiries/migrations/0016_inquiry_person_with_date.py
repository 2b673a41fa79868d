"""A person's inquiries are indexed with their dates, in place of the index of the person alone
(issue 18).

SQLite's search of a name sorts the inquiries of the people found by date: with the date beside
the person in the index it reads no inquiry's row for it (a common surname's 2,381 inquiries:
5.9 → 2.9 ms; bench/README.md, fifteenth pass). Led by the person, the index serves every look-up
by person as the foreign key's own index did, which is dropped here.

Django would drop the foreign key's index by rebuilding the whole table on SQLite (and with it
the search's and the register count's triggers); the index is dropped by its name instead, the
same on both databases (Django names a foreign key's index from the table and column alone).
"""

import django.db.models.deletion
from django.db import migrations, models

FOREIGN_KEY_INDEX = "inquiries_inquiry_person_id_af1b32ee"


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0015_trigram_pending_lists"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="inquiry",
            index=models.Index(fields=["person", "received_date"], name="inquiry_person_idx"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="inquiry",
                    name="person",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="inquiries",
                        to="inquiries.person",
                        verbose_name="person",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{FOREIGN_KEY_INDEX}"',
                    f'CREATE INDEX "{FOREIGN_KEY_INDEX}" ON "inquiries_inquiry" ("person_id")',
                ),
            ],
        ),
    ]
