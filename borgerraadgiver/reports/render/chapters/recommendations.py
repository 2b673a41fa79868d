"""The summary's recommendations (opfordringer) from the register, and the status of earlier
ones: what became of the recommendations made before the period that were open at its start."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.recommendations.models import Status
from borgerraadgiver.recommendations.report import RecommendationLine
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources, format_date
from borgerraadgiver.reports.render.model import Bullets, Paragraph, Table


def status_label(code: str) -> str:
    try:
        return str(Status(code).label)
    except ValueError:  # a status from a newer version of a frozen report
        return code


def _made_item(line: RecommendationLine) -> str:
    return _("%(text)s (to %(addressed_to)s; response by %(deadline)s)") % {
        "text": line.text.rstrip("."),
        "addressed_to": ", ".join(line.addressed_to),
        "deadline": format_date(line.response_deadline),
    }


def _response_cell(line: RecommendationLine) -> str:
    parts = [line.response]
    if line.planned_action:
        parts.append(_("What will be done: %(action)s") % {"action": line.planned_action})
    if line.closing_reason:
        parts.append(_("On closing: %(reason)s") % {"reason": line.closing_reason})
    return " ".join(part for part in parts if part) or "–"


def build(b: DocumentBuilder, src: ReportSources) -> None:
    """The section 'Recommendations' (the advisor's words, then the register's recommendations)
    and the section 'Status on earlier recommendations'; each left out when it has nothing."""
    if not src.is_whole:  # the recommendations are about the municipality, as the texts are
        return
    figures = src.stats.recommendations
    words = src.text(Section.RECOMMENDATIONS)
    if words or figures.made:
        b.section_heading(_("Recommendations"))
        b.add(*words)
        if figures.made:
            b.add(Bullets(tuple(_made_item(line) for line in figures.made)))
    if not figures.earlier:
        return
    b.section_heading(_("Status on earlier recommendations"))
    b.add(
        Paragraph(
            ngettext(
                "Of the %(count)d recommendation from earlier years that was open at the start "
                "of %(period)s, %(carried_out)d was carried out (%(percent)d %%).",
                "Of the %(count)d recommendations from earlier years that were open at the start "
                "of %(period)s, %(carried_out)d were carried out (%(percent)d %%).",
                len(figures.earlier),
            )
            % {
                "count": len(figures.earlier),
                "period": src.label,
                "carried_out": figures.earlier_carried_out,
                "percent": figures.earlier_carried_out_percent,
            }
        ),
        Table(
            caption=_("Status on earlier recommendations"),
            headers=(
                _("Recommendation"),
                _("Made in"),
                _("Addressed to"),
                _("Response"),
                _("Status"),
            ),
            rows=tuple(
                (
                    line.text,
                    line.made_in,
                    ", ".join(line.addressed_to),
                    _response_cell(line),
                    _("%(status)s, %(date)s")
                    % {"status": status_label(line.status), "date": format_date(line.status_date)},
                )
                for line in figures.earlier
            ),
        ),
    )
