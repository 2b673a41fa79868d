"""PG_PREPARED_STATEMENTS=true: PostgreSQL gets each query's values apart from its text, and a
kept connection prepares a query it has run five times (settings/base.py; bench/README.md,
eleventh pass). Off by default, as Django leaves it."""

import json

import pytest
from django.db import connection

from tests.helpers import project_python


def _database_options(**environment: str) -> dict:
    """The PostgreSQL options the settings give, read in a fresh Python with `environment`."""
    result = project_python(
        [
            "-c",
            "import json, django; from django.conf import settings; django.setup(); "
            "print(json.dumps(settings.DATABASES['default']['OPTIONS']))",
        ],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "borgerraadgiver.config.settings.local",
            "DATABASE_URL": "postgres://borgerraadgiver@127.0.0.1:5432/borgerraadgiver",
            "LOG_LEVEL": "WARNING",
            **environment,
        },
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_prepared_statements_are_off_by_default_and_on_when_asked():
    off = _database_options(PG_PREPARED_STATEMENTS="false")
    assert "server_side_binding" not in off and "prepare_threshold" not in off
    assert _database_options() == off
    on = _database_options(PG_PREPARED_STATEMENTS="true")
    assert (on["server_side_binding"], on["prepare_threshold"]) == (True, 5)


@pytest.mark.django_db
def test_with_them_on_a_query_run_five_times_is_prepared_with_its_value_apart():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's own prepared statements")
    prepared = connection.copy()  # a connection of its own, with the options PG_… gives
    prepared.settings_dict["OPTIONS"].update(_database_options(PG_PREPARED_STATEMENTS="true"))
    try:
        with prepared.cursor() as cursor:
            for pk in range(6):
                cursor.execute("SELECT COUNT(*) FROM inquiries_inquiry WHERE id = %s", [pk])
                assert cursor.fetchone() == (0,)
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            statements = [row[0] for row in cursor.fetchall()]
    finally:
        prepared.close()
    assert statements == ["SELECT COUNT(*) FROM inquiries_inquiry WHERE id = $1"]
