"""The chapter on the inquiries about the citizens' advisor function itself, and the closing
words."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.organisation.models import Area
from borgerraadgiver.organisation.small_numbers import plus
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources
from borgerraadgiver.reports.render.model import Paragraph


def build(b: DocumentBuilder, src: ReportSources) -> None:
    general = [a for a in src.stats.by_area if a.kind == Area.Kind.GENERAL]
    if not src.is_whole and not general:  # a report for one area of the administration
        return
    b.chapter_heading(_("Inquiries about the citizens' advisor"))
    general_count = plus(*(a.count for a in general))
    b.add(
        Paragraph(
            ngettext(
                "In %(period)s, %(count)s inquiry concerned the citizens' advisor function or "
                "the municipality in general rather than one area.",
                "In %(period)s, %(count)s inquiries concerned the citizens' advisor function or "
                "the municipality in general rather than one area.",
                src.plural(general_count),
            )
            % {"period": src.label, "count": src.number(general_count)}
        ),
        *src.text(Section.ADVISOR_FUNCTION),
    )
    if src.is_whole:  # the closing words are on the whole report
        b.add(*src.text(Section.CLOSING))
