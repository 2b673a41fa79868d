"""The database settings that let many users write at once without losing or refusing work."""

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own settings")
def test_every_sqlite_connection_waits_for_a_lock_instead_of_failing():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"  # writers queue at BEGIN, not mid-way
    assert "journal_mode=WAL" in options["init_command"]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000  # ms, set on each new connection by Django


def test_a_kept_connection_is_checked_before_use():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
