"""Chapter 2: the summary of the period's figures, the main themes and the recommendations."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.figures import NamedCount
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources
from borgerraadgiver.reports.render.chapters import recommendations
from borgerraadgiver.reports.render.model import Bullets, Paragraph


def build(b: DocumentBuilder, src: ReportSources) -> None:
    stats = src.stats
    b.chapter_heading(_("Summary"))
    b.add(Paragraph(_total_sentence(src)))
    distribution = distribution_rows(src)
    if len(distribution) > 1:
        b.add(
            Paragraph(_("The inquiries were distributed as follows:")),
            Bullets(
                tuple(
                    ngettext(
                        "%(count)d inquiry about %(area)s",
                        "%(count)d inquiries about %(area)s",
                        row.count,
                    )
                    % {"count": row.count, "area": row.name}
                    for row in distribution
                )
            ),
        )
    b.add(
        Paragraph(
            _(
                "In %(percent)d %% of the inquiries (%(count)d), the citizens' advisor answered "
                "the citizen alone, with advice and guidance."
            )
            % {"percent": stats.advice_only_percent, "count": stats.advice_only}
        ),
        Paragraph(
            _(
                "In %(count)d cases (%(percent)d %% of the %(total)d inquiries), the "
                "administration was involved: %(dialogue)d dialogue cases and %(forwarded)d "
                "forwarded complaints."
            )
            % {
                "count": stats.involved,
                "percent": stats.involved_percent,
                "total": stats.total,
                "dialogue": stats.dialogue,
                "forwarded": stats.forwarded,
            }
        ),
    )
    _counted(b, src)
    if src.is_whole:  # the advisor's themes and recommendations are about the municipality
        _texts(b, src)


def distribution_rows(src: ReportSources) -> tuple[NamedCount, ...]:
    """Where the inquiries were, in the administrator's order, as Figure 1 shows them: per area,
    or in a report for one area per department; those with inquiries only."""
    stats = src.stats
    if stats.department is not None:
        return ()
    if stats.area is not None:
        return tuple(d for area in stats.by_area for d in area.departments if d.count)
    return tuple(NamedCount(a.area, a.count, a.area_id) for a in stats.by_area if a.count)


def _total_sentence(src: ReportSources) -> str:
    """The period's total, beside the previous period's unless nothing was registered then
    (a comparison with 0 in a year before the office kept its register says nothing)."""
    stats = src.stats
    values = {
        "period": src.label,
        "total": stats.total,
        "previous": stats.previous_total,
        "previous_period": stats.previous_period.label,
        "scope": src.scope_name,
    }
    if src.is_whole and stats.previous_total:
        return (
            _(
                "In %(period)s, %(total)d inquiries to the citizens' advisor were registered, "
                "compared with %(previous)d in %(previous_period)s."
            )
            % values
        )
    if src.is_whole:
        return (
            ngettext(
                "In %(period)s, %(total)d inquiry to the citizens' advisor was registered.",
                "In %(period)s, %(total)d inquiries to the citizens' advisor were registered.",
                stats.total,
            )
            % values
        )
    if stats.previous_total:
        return (
            ngettext(
                "In %(period)s, %(total)d inquiry about %(scope)s was registered, compared "
                "with %(previous)d in %(previous_period)s.",
                "In %(period)s, %(total)d inquiries about %(scope)s were registered, compared "
                "with %(previous)d in %(previous_period)s.",
                stats.total,
            )
            % values
        )
    return (
        ngettext(
            "In %(period)s, %(total)d inquiry about %(scope)s was registered.",
            "In %(period)s, %(total)d inquiries about %(scope)s were registered.",
            stats.total,
        )
        % values
    )


def _counted(b: DocumentBuilder, src: ReportSources) -> None:
    """The counted actions and activities beside the main handling, those with a count."""
    stats = src.stats
    counted = [item for item in (*stats.actions, *stats.activities) if item.count]
    if counted:
        b.add(
            Paragraph(_("Beside the main handling, the citizens' advisor counted:")),
            Bullets(tuple(f"{item.name}: {item.count}" for item in counted)),
        )


def _texts(b: DocumentBuilder, src: ReportSources) -> None:
    themes = src.text(Section.MAIN_THEMES)
    if themes:
        b.section_heading(_("Main themes"))
        b.add(*themes)
    recommendations.build(b, src)
