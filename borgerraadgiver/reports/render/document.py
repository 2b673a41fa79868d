"""The annual report as a document: built once from the statistics and the report's words, one
chapter builder after the other (`chapters/`). Every renderer (HTML, PDF, DOCX) only formats
the tree (`model.py`).
"""

import dataclasses

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from borgerraadgiver.organisation.models import Area, Office
from borgerraadgiver.report_content.selectors import (
    approved_examples_for_document,
    report_texts_for_document,
)
from borgerraadgiver.reports.figures import ReportStatistics
from borgerraadgiver.reports.render.builder import (
    DocumentBuilder,
    Draw,
    ReportContent,
    ReportSources,
    format_date,
)
from borgerraadgiver.reports.render.chapters import chapters_for
from borgerraadgiver.reports.render.model import ReportDocument


def build_report_document(
    stats: ReportStatistics, *, content: ReportContent, office: Office, draw: Draw | None = None
) -> ReportDocument:
    """The document's tree. Called inside `translation.override(<office language>)`."""
    sources = ReportSources(stats=stats, content=content, office=office, draw=draw)
    builder = DocumentBuilder()
    for chapter in chapters_for(stats):
        chapter(builder, sources)
    label = stats.period.label
    title = _("Annual report %(period)s") % {"period": label}
    if not stats.is_whole:  # a report for one part of the municipality only
        title = f"{title}: {sources.scope_name}"
    edition = content.edition
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
        example_count=len(content.examples),
        edition_text=_("Edition %(number)d, %(date)s")
        % {"number": edition.number, "date": format_date(edition.published_on)}
        if edition is not None and edition.number > 1
        else "",
    )


def report_content(stats: ReportStatistics) -> ReportContent:
    """The live words of the report for `stats`: the texts written for exactly its period, and
    the approved examples of its period and scope."""
    return ReportContent(
        texts=report_texts_for_document(stats.period),
        examples=tuple(
            approved_examples_for_document(
                stats.period, area_id=stats.area_id, department_id=stats.department_id
            )
        ),
    )


def _with_area_ids(stats: ReportStatistics) -> ReportStatistics:
    """Figures frozen before areas were keyed by id (JSON version 1) find their areas' texts by
    the name the area had (one query, only for those)."""
    if all(area.area_id is not None for area in stats.by_area):
        return stats
    ids = {name: pk for pk, name in Area.objects.values_list("pk", "name")}
    return dataclasses.replace(
        stats,
        by_area=tuple(
            dataclasses.replace(area, area_id=area.area_id or ids.get(area.area))
            for area in stats.by_area
        ),
    )


def report_document(
    stats: ReportStatistics, *, content: ReportContent | None = None, draw: Draw | None = None
) -> ReportDocument:
    """The one selector behind every renderer: the statistics and the report's words (live, or
    a publication's frozen copy), in the office's language."""
    stats = _with_area_ids(stats)
    with translation.override(settings.LANGUAGE_CODE):
        return build_report_document(
            stats,
            content=content if content is not None else report_content(stats),
            office=Office.load(),
            draw=draw,
        )
