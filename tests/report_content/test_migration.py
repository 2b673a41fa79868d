"""The migration to texts per report period keeps every text and example, in the office's
report year that starts in its old year."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("report_content", "0001_texts_and_case_examples")]
AFTER = [("report_content", "0002_texts_per_report_period")]


@pytest.mark.django_db(transaction=True)
def test_existing_texts_and_examples_keep_their_words_in_the_offices_report_year():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("organisation", "Office").objects.update_or_create(
        pk=1, defaults={"report_period_start_month": 4}
    )
    old.get_model("report_content", "ReportText").objects.create(
        year=2024, section="introduction", body="Velkommen."
    )
    old.get_model("report_content", "CaseExample").objects.create(
        year=2023, title="Et eksempel", text="Tekst."
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    text = new.get_model("report_content", "ReportText").objects.get()
    assert (text.period_start, text.period_end, text.body) == (
        datetime.date(2024, 4, 1),
        datetime.date(2025, 3, 31),
        "Velkommen.",
    )
    example = new.get_model("report_content", "CaseExample").objects.get()
    assert (example.period_start, example.period_end, example.title) == (
        datetime.date(2023, 4, 1),
        datetime.date(2024, 3, 31),
        "Et eksempel",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest for the next test
