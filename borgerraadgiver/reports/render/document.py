"""The annual report as a document: built once from the statistics, the advisor's texts and the
approved case examples, one chapter builder after the other (`chapters/`). Every renderer
(HTML, PDF, DOCX) only formats the tree (`model.py`).
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from borgerraadgiver.organisation.models import Area, Office
from borgerraadgiver.report_content.selectors import (
    approved_examples_for_document,
    report_texts_for_document,
)
from borgerraadgiver.reports.figures import ReportStatistics
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources, format_date
from borgerraadgiver.reports.render.chapters import CHAPTERS
from borgerraadgiver.reports.render.model import ReportDocument


def build_report_document(
    stats: ReportStatistics,
    *,
    texts: Mapping[tuple[str, int | None], str],
    area_ids: Mapping[str, int],
    examples: Sequence[Any],  # CaseExample rows (their own copies: title, text, area_name, …)
    office: Office,
    charts: Mapping[int, tuple[bytes, bytes]] | None = None,
) -> ReportDocument:
    """The document's tree. Called inside `translation.override(<office language>)`."""
    sources = ReportSources(
        stats=stats,
        texts=texts,
        area_ids=area_ids,
        examples=examples,
        office=office,
        charts=charts or {},
    )
    builder = DocumentBuilder()
    for chapter in CHAPTERS:
        chapter(builder, sources)
    label = stats.period.label
    title = _("Annual report %(period)s") % {"period": label}
    if stats.department or stats.area:  # a report for one part of the municipality only
        title = f"{title}: {stats.department or stats.area}"
    return ReportDocument(
        title=title,
        office=office.name,
        municipality=office.municipality,
        period_label=label,
        period_text=_("%(start)s to %(end)s")
        % {"start": format_date(stats.period.start), "end": format_date(stats.period.end)},
        language=translation.get_language() or settings.LANGUAGE_CODE,
        stats=stats,
        nodes=tuple(builder.nodes),
        headings=tuple(builder.headings),
        example_count=len(examples),
    )


def report_document(
    stats: ReportStatistics, *, charts: Mapping[int, tuple[bytes, bytes]] | None = None
) -> ReportDocument:
    """The one selector behind every renderer: statistics + the texts and approved examples
    written for exactly its report period + the method appendix."""
    office = Office.load()
    area_ids = {name: pk for pk, name in Area.objects.values_list("pk", "name")}
    with translation.override(settings.LANGUAGE_CODE):
        return build_report_document(
            stats,
            texts=report_texts_for_document(stats.period),
            area_ids=area_ids,
            examples=approved_examples_for_document(stats.period),
            office=office,
            charts=charts,
        )
