"""The office's first letter templates (Danish), each with its first version."""

from django.db import migrations
from django.utils import timezone

from borgerraadgiver.letters.default_templates import DEFAULT_TEMPLATES


def load(apps, schema_editor):
    template_model = apps.get_model("letters", "LetterTemplate")
    version_model = apps.get_model("letters", "LetterTemplateVersion")
    now = timezone.now()
    for kind, name, subject, body in DEFAULT_TEMPLATES:
        template, created = template_model.objects.get_or_create(
            kind=kind, name=name, defaults={"subject": subject, "body": body}
        )
        if created:
            version_model.objects.create(
                template=template, subject=subject, body=body, saved_at=now
            )


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
