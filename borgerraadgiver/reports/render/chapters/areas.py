"""Chapters 4 onwards: one per area of the administration with inquiries in the period (in a
report for one area, that area; for one department, that department)."""

from dataclasses import replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.core.wording import CASES
from borgerraadgiver.organisation.models import Area
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.figures import AreaStatistics
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources, count_table
from borgerraadgiver.reports.render.model import Bullets, Paragraph


def build(b: DocumentBuilder, src: ReportSources) -> None:
    for area in src.stats.by_area:
        if area.kind != Area.Kind.ADMINISTRATION or area.count == 0:
            continue
        _area_chapter(b, src, area)


def _area_chapter(b: DocumentBuilder, src: ReportSources, area: AreaStatistics) -> None:
    if src.stats.department is not None:  # its figures are the department's, not the area's
        area = replace(area, area=src.stats.department, departments=())
    b.chapter_heading(area.area)
    b.add(
        Paragraph(
            _("In %(period)s the citizens' advisor registered %(inquiries)s about %(area)s.")
            % {"period": src.label, "inquiries": src.words(area.count), "area": src.name(area.area)}
        )
    )
    if area.departments:
        b.add(
            count_table(
                src,
                _("Inquiries per department, %(area)s") % {"area": area.area},
                _("Department"),
                area.departments,
            )
        )
    _advice(b, src, area)
    _involved(b, src, area)
    counted = [item for item in area.actions if item.count != 0]
    if counted:
        b.add(Bullets(tuple(f"{item.name}: {src.number(item.count)}" for item in counted)))
    if area.area_id is not None and src.stats.department is None:
        b.add(*src.text(Section.AREA, area.area_id))


def _advice(b: DocumentBuilder, src: ReportSources, area: AreaStatistics) -> None:
    b.section_heading(_("Answered by the citizens' advisor"))
    b.add(
        Paragraph(
            ngettext(
                "%(count)s of the %(total)s inquiry about %(area)s was answered by the "
                "citizens' advisor without the department being involved.",
                "%(count)s of the %(total)s inquiries about %(area)s were answered by the "
                "citizens' advisor without the department being involved.",
                src.plural(area.count),
            )
            % {
                "count": src.number(area.advice_only),
                "total": src.number(area.count),
                "area": src.name(area.area),
            }
        )
    )
    if area.reasons_advice_only:
        b.add(
            count_table(
                src,
                _("Reasons, answered by the citizens' advisor, %(area)s") % {"area": area.area},
                _("Reason"),
                area.reasons_advice_only,
                by_count=True,
            )
        )


def _involved(b: DocumentBuilder, src: ReportSources, area: AreaStatistics) -> None:
    b.section_heading(_("Answered by %(area)s") % {"area": area.area})
    b.add(
        Paragraph(
            _(
                "In %(count)s the citizens' advisor asked %(area)s to deal with the inquiry "
                "(dialogue cases: %(dialogue)s, forwarded complaints: %(forwarded)s)."
            )
            % {
                "count": src.words(area.involved, CASES),
                "area": src.name(area.area),
                "dialogue": src.number(area.dialogue),
                "forwarded": src.number(area.forwarded),
            }
        )
    )
    if area.reasons_involved:
        b.add(
            count_table(
                src,
                _("Reasons, the administration involved, %(area)s") % {"area": area.area},
                _("Reason"),
                area.reasons_involved,
                by_count=True,
            )
        )
