"""Chapter 2: the summary of the period's figures, the main themes and the recommendations."""

from django.utils.translation import gettext as _

from borgerraadgiver.core.wording import CASES
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
                    _("%(area)s: %(inquiries)s")
                    % {"inquiries": src.words(row.count), "area": row.name}
                    for row in distribution
                )
            ),
        )
    b.add(
        Paragraph(
            _(
                "In %(percent)s of the inquiries (%(count)s), the citizens' advisor answered "
                "the citizen alone, with advice and guidance."
            )
            % {
                "percent": src.percent(stats.advice_only_percent),
                "count": src.number(stats.advice_only),
            }
        ),
        Paragraph(
            _(
                "In %(count)s (%(percent)s of %(total)s), the administration was involved "
                "(dialogue cases: %(dialogue)s, forwarded complaints: %(forwarded)s)."
            )
            % {
                "count": src.words(stats.involved, CASES),
                "percent": src.percent(stats.involved_percent),
                "total": src.words(stats.total),
                "dialogue": src.number(stats.dialogue),
                "forwarded": src.number(stats.forwarded),
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
        return tuple(d for area in stats.by_area for d in area.departments if d.count != 0)
    return tuple(NamedCount(a.area, a.count, a.area_id) for a in stats.by_area if a.count != 0)


def _total_sentence(src: ReportSources) -> str:
    """The period's total, beside the previous period's unless nothing was registered then
    (a comparison with 0 in a year before the office kept its register says nothing)."""
    stats = src.stats
    values = {
        "period": src.label,
        "total": src.words(stats.total),
        "previous": src.number(stats.previous_total),
        "previous_period": stats.previous_period.label,
        "scope": src.name(src.scope_name),
    }
    if src.is_whole and stats.previous_total != 0:
        return (
            _(
                "In %(period)s, the citizens' advisor registered %(total)s, compared with "
                "%(previous)s in %(previous_period)s."
            )
            % values
        )
    if src.is_whole:
        return _("In %(period)s, the citizens' advisor registered %(total)s.") % values
    if stats.previous_total != 0:
        return (
            _(
                "In %(period)s, the citizens' advisor registered %(total)s about %(scope)s, "
                "compared with %(previous)s in %(previous_period)s."
            )
            % values
        )
    return _("In %(period)s, the citizens' advisor registered %(total)s about %(scope)s.") % values


def _counted(b: DocumentBuilder, src: ReportSources) -> None:
    """The counted actions and activities beside the main handling, those with a count."""
    stats = src.stats
    counted = [item for item in (*stats.actions, *stats.activities) if item.count != 0]
    if counted:
        b.add(
            Paragraph(_("Beside the main handling, the citizens' advisor counted:")),
            Bullets(tuple(f"{item.name}: {src.number(item.count)}" for item in counted)),
        )


def _texts(b: DocumentBuilder, src: ReportSources) -> None:
    themes = src.text(Section.MAIN_THEMES)
    if themes:
        b.section_heading(_("Main themes"))
        b.add(*themes)
    recommendations.build(b, src)
