"""API tokens expire and end with the password they were made under.

Tokens made before this keep working until 90 days after they were made, and until the
user's password changes: each gets the fingerprint Django's sessions use for the password
the user has now (`AbstractBaseUser.get_session_auth_hash`, written out here because a
migration's models have no methods).
"""

import datetime

from django.db import migrations, models
from django.utils.crypto import salted_hmac

SESSION_HASH_SALT = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"


def fill_existing(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    for token in ApiToken.objects.select_related("user"):
        token.expires_at = token.created_at + datetime.timedelta(days=90)
        token.auth_hash = salted_hmac(
            SESSION_HASH_SALT, token.user.password, algorithm="sha256"
        ).hexdigest()
        token.save(update_fields=["expires_at", "auth_hash"])


class Migration(migrations.Migration):
    dependencies = [("api", "0001_api_tokens")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="auth_hash",
            field=models.CharField(
                default="", max_length=128, verbose_name="password fingerprint"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires"),
        ),
    ]
