"""How each figure is counted: one definition per field, and docs/reports.md generated from them."""

import dataclasses
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from borgerraadgiver.reports.definitions import (
    BEGIN,
    END,
    FIGURE_TYPES,
    definitions_markdown,
    figure_definitions,
    with_definitions,
)

DOCUMENT = Path(settings.PROJECT_DIR) / "docs" / "reports.md"


def test_every_field_of_every_figure_has_a_definition():
    defined = {d.field for d in figure_definitions()}
    for cls, _prefix in FIGURE_TYPES:
        for item in dataclasses.fields(cls):
            assert f"{cls.__name__}.{item.name}" in defined


def test_the_document_holds_the_generated_table_as_it_is_now():
    document = DOCUMENT.read_text(encoding="utf-8")
    assert definitions_markdown() in document, (
        "docs/reports.md is stale: run `borgerraadgiver report_definitions --write`."
    )
    assert with_definitions(document) == document


def test_a_changed_definition_makes_the_check_fail(tmp_path):
    stale = tmp_path / "reports.md"
    stale.write_text(f"# Reports\n\n{BEGIN}\n| old | table |\n{END}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="out of date"):
        call_command("report_definitions", "--check", "--document", str(stale))
    call_command("report_definitions", "--write", "--document", str(stale), stdout=io.StringIO())
    assert "| `total` | `ReportStatistics.total` |" in stale.read_text(encoding="utf-8")
    call_command("report_definitions", "--check", "--document", str(stale), stdout=io.StringIO())
