from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0006_action_kind"),
    ]

    operations = [
        migrations.AddField(
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
