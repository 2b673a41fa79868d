"""On PostgreSQL each query's values go apart from its text, and a kept connection prepares a
query it has run five times (settings/base.py; bench/README.md, eleventh and twelfth passes).
PG_PREPARED_STATEMENTS=false binds the values into the text, as Django does by default."""

import json

import pytest
from django.db import OperationalError, connection

from borgerraadgiver.inquiries.models import Inquiry
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


def test_prepared_statements_are_on_by_default_and_off_when_asked():
    on = _database_options(PG_PREPARED_STATEMENTS="true")
    assert (on["server_side_binding"], on["prepare_threshold"]) == (True, 5)
    assert _database_options() == on
    off = _database_options(PG_PREPARED_STATEMENTS="false")
    assert "server_side_binding" not in off and "prepare_threshold" not in off


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


@pytest.mark.django_db
def test_with_them_on_a_look_up_of_70000_ids_is_one_value_not_70000():
    """PostgreSQL takes at most 65,535 values apart from a statement's text; `__in` with a list
    is one array (core/db.py, ArrayIn), so a look-up of more ids than that works."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's own limit on values")
    sql, params = (
        Inquiry.objects.filter(pk__in=range(1, 70_001)).values("pk").query.sql_with_params()
    )
    prepared = connection.copy()
    prepared.settings_dict["OPTIONS"].update(_database_options(PG_PREPARED_STATEMENTS="true"))
    try:
        with prepared.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS found", params)  # noqa: S608
            assert cursor.fetchone() == (0,)
            marks = ", ".join(["%s"] * 70_000)  # Django's own IN: one value an id
            with pytest.raises(OperationalError, match="65535"):
                cursor.execute(
                    f"SELECT COUNT(*) FROM inquiries_inquiry WHERE id IN ({marks})",  # noqa: S608
                    list(range(1, 70_001)),
                )
    finally:
        prepared.close()
