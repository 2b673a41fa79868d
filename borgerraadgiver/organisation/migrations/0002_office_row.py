from django.db import migrations


def create_office(apps, schema_editor):
    # The one settings row exists from the start, so that reading it never writes.
    apps.get_model("organisation", "Office").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [migrations.RunPython(create_office, migrations.RunPython.noop)]
