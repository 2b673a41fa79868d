"""A period with no inquiries: one short chapter that says so, and nothing else of the
inquiries (no charts of zeros, no shares of nothing)."""

from django.utils.translation import gettext as _

from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources, format_date
from borgerraadgiver.reports.render.model import Paragraph


def build(b: DocumentBuilder, src: ReportSources) -> None:
    period = src.stats.period
    values = {
        "period": src.label,
        "start": format_date(period.start),
        "end": format_date(period.end),
        "scope": src.scope_name,
    }
    b.chapter_heading(_("No inquiries in %(period)s") % values, page_break=False)
    if src.is_whole:
        sentence = _(
            "No inquiries to the citizens' advisor were registered in %(period)s (%(start)s to "
            "%(end)s)."
        )
    else:
        sentence = _(
            "No inquiries about %(scope)s were registered in %(period)s (%(start)s to %(end)s)."
        )
    b.add(Paragraph(sentence % values))
