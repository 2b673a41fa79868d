from django.db import migrations, models


class Migration(migrations.Migration):
    """Whether the published report hides small counts too (with a database default, so that a row
    written without it, by an older migration's model state, gets it)."""

    dependencies = [
        ("organisation", "0008_letterhead_and_referral_addresses"),
    ]

    operations = [
        migrations.AddField(
            model_name="office",
            name="published_report_hides_small_numbers",
            field=models.BooleanField(
                db_default=True,
                default=True,
                help_text=(
                    'On: the published report (HTML, Word, PDF) shows a count below the threshold '
                    'as "under 3", as report readers see the statistics. Off: it prints every '
                    "count exactly. The method appendix says which."
                ),
                verbose_name="hide small counts in the published report",
            ),
        ),
    ]
