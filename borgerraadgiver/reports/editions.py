"""A publication's frozen words, and what changed from one edition to the next.

The texts and examples are stored with the figures as plain JSON, so that a published edition
renders from its own copy (`content_from_json`) and a corrected edition can say what changed
(`edition_changes`: sentences in the office's language, frozen with the edition).
"""

import dataclasses
import datetime
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from borgerraadgiver.report_content.models import Section
from borgerraadgiver.report_content.selectors import ExampleCopy
from borgerraadgiver.reports.render.builder import Edition, ReportContent


def content_as_json(content: ReportContent) -> dict[str, Any]:
    return {
        "texts": [
            {"section": section, "area_id": area_id, "body": body}
            for (section, area_id), body in sorted(
                content.texts.items(), key=lambda item: (item[0][0], item[0][1] or 0)
            )
            if body
        ],
        "examples": [dataclasses.asdict(example) for example in content.examples],
    }


def content_from_json(data: dict[str, Any], *, edition: Edition | None = None) -> ReportContent:
    return ReportContent(
        texts={(t["section"], t["area_id"]): t["body"] for t in data.get("texts", [])},
        examples=tuple(ExampleCopy(**example) for example in data.get("examples", [])),
        edition=edition,
    )


def _text_label(section: str, area_id: int | None, area_names: dict[int, str]) -> str:
    if section == Section.AREA and area_id is not None:
        return _("the comments on %(area)s") % {"area": area_names.get(area_id, "?")}
    return _("the text “%(section)s”") % {"section": Section(section).label}


def _text_changes(
    old: dict[str, Any], new: dict[str, Any], area_names: dict[int, str]
) -> list[str]:
    def texts(data: dict[str, Any]) -> dict[tuple[str, int | None], str]:
        return {(t["section"], t["area_id"]): t["body"] for t in data.get("texts", [])}

    before, after = texts(old), texts(new)
    changes = []
    for key in sorted(set(before) | set(after), key=lambda key: (key[0], key[1] or 0)):
        label = _text_label(*key, area_names)
        if key not in before:
            changes.append(_("Added: %(text)s.") % {"text": label})
        elif key not in after:
            changes.append(_("Removed: %(text)s.") % {"text": label})
        elif before[key] != after[key]:
            changes.append(_("Changed: %(text)s.") % {"text": label})
    return changes


def _example_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    before = {e["pk"]: e for e in old.get("examples", [])}
    after = {e["pk"]: e for e in new.get("examples", [])}
    changes = []
    for pk in [*before, *(pk for pk in after if pk not in before)]:
        if pk not in after:
            changes.append(_("Case example removed: “%(title)s”.") % {"title": before[pk]["title"]})
        elif pk not in before:
            changes.append(_("Case example added: “%(title)s”.") % {"title": after[pk]["title"]})
        elif before[pk] != after[pk]:
            changes.append(_("Case example changed: “%(title)s”.") % {"title": after[pk]["title"]})
    return changes


def _figure_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    def comparable(data: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in data.items() if key != "computed_on"}

    if comparable(old) == comparable(new):
        return []
    if old.get("total") != new.get("total"):
        return [
            _("The figures are computed again: %(total)d inquiries (before: %(before)d).")
            % {"total": new["total"], "before": old["total"]}
        ]
    return [
        _("The figures are computed again; the number of inquiries is the same (%(total)d).")
        % {"total": new["total"]}
    ]


def edition_changes(
    *,
    old_figures: dict[str, Any],
    old_content: dict[str, Any] | None,
    new_figures: dict[str, Any],
    new_content: dict[str, Any],
) -> list[str]:
    """What changed from one edition to the next, as sentences in the office's language (empty:
    nothing changed). An edition published before its words were frozen compares with no
    texts."""
    area_names = {
        area["area_id"]: area["area"] for area in new_figures["by_area"] if area.get("area_id")
    }
    old_content = old_content or {}
    with translation.override(settings.LANGUAGE_CODE):  # the document's language
        return [
            *_text_changes(old_content, new_content, area_names),
            *_example_changes(old_content, new_content),
            *_figure_changes(old_figures, new_figures),
        ]


def edition_of(
    *,
    number: int,
    published_on: datetime.date,
    previous_on: datetime.date | None,
    changes: list[str],
    note: str,
) -> Edition | None:
    """The edition the document names (none for a first edition)."""
    if number < 2:
        return None
    return Edition(number, published_on, previous_on, tuple(changes), note)
