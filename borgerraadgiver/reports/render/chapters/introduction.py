"""Chapter 1: the introduction, and how the citizens' advisor works."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources
from borgerraadgiver.reports.render.model import Bullets, Paragraph


def build(b: DocumentBuilder, src: ReportSources) -> None:
    b.chapter_heading(_("Introduction"))
    if not src.is_whole:
        b.add(
            Paragraph(
                _(
                    "This edition of the report covers only the inquiries about %(scope)s. "
                    "The report for the whole municipality has the citizens' advisor's texts "
                    "and recommendations on all the inquiries."
                )
                % {"scope": src.scope_name}
            )
        )
    intro = src.text(Section.INTRODUCTION)
    if intro:
        b.section_heading(_("Introduction"))
        b.add(*intro)
    b.section_heading(_("How the citizens' advisor works"))
    weeks = src.office.answer_weeks
    b.add(
        Paragraph(
            _("The citizens' advisor handles inquiries in three ways:"),
        ),
        Bullets(
            (
                _(
                    "Advice: the citizen gets advice and guidance, and the inquiry is closed "
                    "by the citizens' advisor without involving the administration."
                ),
                _(
                    "Dialogue cases: an acute or limited problem that the citizens' advisor "
                    "solves by contacting the department's management directly."
                ),
                _(
                    "Forwarded complaints: the complaint is sent to the department's "
                    "management, which answers the citizen in writing with a copy to the "
                    "citizens' advisor."
                ),
            )
        ),
        Paragraph(
            ngettext(
                "Nothing is forwarded without the citizen's consent. The administration answers "
                "within %(weeks)d week; if it cannot, it tells the citizen and the citizens' "
                "advisor when to expect the answer.",
                "Nothing is forwarded without the citizen's consent. The administration answers "
                "within %(weeks)d weeks; if it cannot, it tells the citizen and the citizens' "
                "advisor when to expect the answer.",
                weeks,
            )
            % {"weeks": weeks}
        ),
        *src.text(Section.ABOUT_OFFICE),
    )
