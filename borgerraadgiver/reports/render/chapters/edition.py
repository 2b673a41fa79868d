"""A corrected edition opens with what was corrected, and when."""

from django.utils.translation import gettext as _

from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources, format_date
from borgerraadgiver.reports.render.model import Bullets, Paragraph


def build(b: DocumentBuilder, src: ReportSources) -> None:
    edition = src.content.edition
    if edition is None or edition.number < 2:
        return
    b.chapter_heading(_("About this edition"), number=False, page_break=False)
    values = {
        "number": edition.number,
        "date": format_date(edition.published_on),
        "previous": edition.number - 1,
        "previous_date": format_date(edition.previous_on) if edition.previous_on else "",
    }
    b.add(
        Paragraph(
            _(
                "This is edition %(number)d of the report, published on %(date)s. It corrects "
                "edition %(previous)d of %(previous_date)s; what changed:"
            )
            % values
        ),
        Bullets(edition.changes),
    )
    if edition.note:
        b.add(Paragraph(_("The citizens' advisor's note: %(note)s") % {"note": edition.note}))
