"""SubmissionAttachment becomes a core.attachments.Attachment: it gains uploaded_at and uploaded_by.

Existing rows and their files stay as they are; each existing attachment is dated when its
submission was sent (the moment it was uploaded), and has no uploader (a citizen is no user).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def date_existing_attachments(apps, schema_editor):
    attachment = apps.get_model("intake", "SubmissionAttachment")
    submission = apps.get_model("intake", "Submission")
    attachment.objects.filter(uploaded_at__isnull=True).update(
        uploaded_at=Subquery(
            submission.objects.filter(pk=OuterRef("submission_id")).values("submitted_at")[:1]
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0001_submissions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="submissionattachment",
            options={
                "ordering": ["uploaded_at", "id"],
                "verbose_name": "attachment",
                "verbose_name_plural": "attachments",
            },
        ),
        migrations.AddField(
            model_name="submissionattachment",
            name="uploaded_at",
            field=models.DateTimeField(null=True, verbose_name="uploaded"),
        ),
        migrations.AddField(
            model_name="submissionattachment",
            name="uploaded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="uploaded by",
            ),
        ),
        migrations.RunPython(date_existing_attachments, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="submissionattachment",
            name="uploaded_at",
            field=models.DateTimeField(verbose_name="uploaded"),
        ),
    ]
