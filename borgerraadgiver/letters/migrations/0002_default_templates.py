"""The office's first letter templates (Danish), each with its first version."""

from django.db import migrations

from borgerraadgiver.letters.default_templates import default_templates_load


def load(apps, schema_editor):
    default_templates_load(
        apps.get_model("letters", "LetterTemplate"), apps.get_model("letters", "LetterTemplateVersion")
    )


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
