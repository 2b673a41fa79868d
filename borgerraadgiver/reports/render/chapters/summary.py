"""Chapter 2: the summary of the period's figures, the main themes and the recommendations."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources
from borgerraadgiver.reports.render.model import Bullets, Paragraph


def build(b: DocumentBuilder, src: ReportSources) -> None:
    stats, label = src.stats, src.label
    b.chapter_heading(_("Summary"))
    b.add(
        Paragraph(
            _(
                "In %(period)s, %(total)d inquiries to the citizens' advisor were registered, "
                "compared with %(previous)d in %(previous_period)s."
            )
            % {
                "period": label,
                "total": stats.total,
                "previous": stats.previous_total,
                "previous_period": stats.previous_period.label,
            }
        ),
        Paragraph(_("The inquiries were distributed as follows:")),
        Bullets(
            tuple(
                ngettext(
                    "%(count)d inquiry about %(area)s",
                    "%(count)d inquiries about %(area)s",
                    area.count,
                )
                % {"count": area.count, "area": area.area}
                for area in sorted(stats.by_area, key=lambda a: -a.count)
                if area.count
            )
        ),
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
    themes = src.text(Section.MAIN_THEMES)
    if themes:
        b.section_heading(_("Main themes"))
        b.add(*themes)
    recommendations = src.text(Section.RECOMMENDATIONS)
    if recommendations:
        b.section_heading(_("Recommendations"))
        b.add(*recommendations)


def _counted(b: DocumentBuilder, src: ReportSources) -> None:
    """The counted actions and activities beside the main handling, those with a count."""
    stats = src.stats
    counted = [item for item in (*stats.actions, *stats.activities) if item.count]
    if counted:
        b.add(
            Paragraph(_("Beside the main handling, the citizens' advisor counted:")),
            Bullets(tuple(f"{item.name}: {item.count}" for item in counted)),
        )
