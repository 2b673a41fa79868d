"""Chapters 4 onwards: one per area of the administration with inquiries in the period (in a
report for one area, that area; for one department, that department)."""

from dataclasses import replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.organisation.models import Area
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.figures import AreaStatistics
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources, count_table
from borgerraadgiver.reports.render.model import Bullets, Paragraph


def build(b: DocumentBuilder, src: ReportSources) -> None:
    for area in src.stats.by_area:
        if area.kind != Area.Kind.ADMINISTRATION or not area.count:
            continue
        _area_chapter(b, src, area)


def _area_chapter(b: DocumentBuilder, src: ReportSources, area: AreaStatistics) -> None:
    if src.stats.department is not None:  # its figures are the department's, not the area's
        area = replace(area, area=src.stats.department, departments=())
    b.chapter_heading(area.area)
    b.add(
        Paragraph(
            ngettext(
                "In %(period)s the citizens' advisor registered %(count)d inquiry about %(area)s.",
                "In %(period)s the citizens' advisor registered %(count)d inquiries about "
                "%(area)s.",
                area.count,
            )
            % {"period": src.label, "count": area.count, "area": area.area}
        )
    )
    if area.departments:
        b.add(
            count_table(
                _("Inquiries per department, %(area)s") % {"area": area.area},
                _("Department"),
                area.departments,
            )
        )
    _advice(b, area)
    _involved(b, area)
    counted = [item for item in area.actions if item.count]
    if counted:
        b.add(Bullets(tuple(f"{item.name}: {item.count}" for item in counted)))
    if area.area_id is not None and src.stats.department is None:
        b.add(*src.text(Section.AREA, area.area_id))


def _advice(b: DocumentBuilder, area: AreaStatistics) -> None:
    b.section_heading(_("Answered by the citizens' advisor"))
    b.add(
        Paragraph(
            ngettext(
                "%(count)d of the %(total)d inquiry about %(area)s was answered by the "
                "citizens' advisor without the department being involved.",
                "%(count)d of the %(total)d inquiries about %(area)s were answered by the "
                "citizens' advisor without the department being involved.",
                area.count,
            )
            % {"count": area.advice_only, "total": area.count, "area": area.area}
        )
    )
    if area.reasons_advice_only:
        b.add(
            count_table(
                _("Reasons, answered by the citizens' advisor, %(area)s") % {"area": area.area},
                _("Reason"),
                area.reasons_advice_only,
                by_count=True,
            )
        )


def _involved(b: DocumentBuilder, area: AreaStatistics) -> None:
    b.section_heading(_("Answered by %(area)s") % {"area": area.area})
    b.add(
        Paragraph(
            ngettext(
                "Once the citizens' advisor asked %(area)s to deal with an inquiry (dialogue "
                "cases: %(dialogue)d, forwarded complaints: %(forwarded)d).",
                "%(count)d times the citizens' advisor asked %(area)s to deal with an inquiry "
                "(dialogue cases: %(dialogue)d, forwarded complaints: %(forwarded)d).",
                area.involved,
            )
            % {
                "count": area.involved,
                "area": area.area,
                "dialogue": area.dialogue,
                "forwarded": area.forwarded,
            }
        )
    )
    if area.reasons_involved:
        b.add(
            count_table(
                _("Reasons, the administration involved, %(area)s") % {"area": area.area},
                _("Reason"),
                area.reasons_involved,
                by_count=True,
            )
        )
