from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import migrations, models


class Migration(migrations.Migration):
    """Whether the published report hides small counts too; and a database default for both
    settings, so that a row written without them (an older migration's model state) gets them."""

    dependencies = [
        ("organisation", "0007_office_small_number_threshold"),
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
        migrations.AlterField(
            model_name="office",
            name="small_number_threshold",
            field=models.PositiveSmallIntegerField(
                db_default=3,
                default=3,
                help_text=(
                    "Statistics shown to anyone who is not an advisor hide a count of at least 1 "
                    "and below this number, so that a small group of citizens cannot be "
                    "recognised. 1 hides nothing."
                ),
                validators=[MinValueValidator(1), MaxValueValidator(20)],
                verbose_name="hide counts below",
            ),
        ),
    ]
