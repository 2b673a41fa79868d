"""The access log's index of the user alone is dropped (issue 18).

`accesslog_user_at_idx` (user, -at) leads with the user and serves every look-up by user, so
the index Django made for the foreign key only cost every write: a list page writes 50 rows.
Only the index is dropped: `AlterField` would rebuild the table on SQLite (losing the trigger
that refuses updates) and re-check the foreign key over the whole log on PostgreSQL.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEX = "audit_accesslogentry_user_id_df6d7662"


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0011_events_feedback"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="accesslogentry",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX "{INDEX}" ON "audit_accesslogentry" ("user_id")',
                ),
            ],
        ),
    ]
