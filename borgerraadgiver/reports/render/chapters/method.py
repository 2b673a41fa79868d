"""Appendix 1: the method, the registration rules, and where the printed report differs from
the registrations."""

from django.utils.translation import gettext as _

from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.published_differences import published_differences
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources, format_date
from borgerraadgiver.reports.render.model import Bullets, Paragraph, Table


def build(b: DocumentBuilder, src: ReportSources) -> None:
    b.chapter_heading(_("Appendix 1: Method"), number=False)
    b.add(*src.text(Section.METHOD))
    _registration_rules(b)
    _counting_rules(b, src)
    _published_differences(b, src)


def _registration_rules(b: DocumentBuilder) -> None:
    b.section_heading(_("Registration of inquiries"))
    b.add(
        Bullets(
            (
                _(
                    "An inquiry concerns one department. One contact about several "
                    "departments is registered once per department, and the registrations "
                    "stay linked."
                ),
                _(
                    "The same person contacting again about the same subject in the same case "
                    "is a new contact on the existing inquiry, not a new inquiry."
                ),
                _("The same person with a new subject about the same department: a new inquiry."),
                _("A person who contacted the advisor earlier about another case: a new inquiry."),
                _("Several meetings or calls to clear up one inquiry: still one inquiry."),
                _(
                    "Presentations, sparring with staff and similar work are registered as "
                    "activities, to show how the advisor's time is spent; they are not "
                    "inquiries about a department."
                ),
            )
        ),
        Paragraph(
            _(
                "The number of inquiries is therefore not the number of all contacts, and says "
                "nothing of the time spent on each."
            )
        ),
    )


def _counting_rules(b: DocumentBuilder, src: ReportSources) -> None:
    b.section_heading(_("How the figures are counted"))
    b.add(
        Bullets(
            (
                _("An inquiry belongs to the period of the date it was received."),
                _(
                    "Every inquiry has one main handling. Answered by the citizens' advisor "
                    "means handled with advice only; the administration was involved in "
                    "dialogue cases and forwarded complaints."
                ),
                _("An inquiry with several reasons counts once under each reason."),
                _(
                    "Meetings attended, help with complaints and applications, and follow-up "
                    "questions are counted beside the main handling."
                ),
                _(
                    "Every figure is computed from the registrations on %(date)s; none is "
                    "typed by hand."
                )
                % {"date": format_date(src.stats.computed_on)},
            )
        ),
    )


def _published_differences(b: DocumentBuilder, src: ReportSources) -> None:
    period, label = src.stats.period, src.label
    differences = published_differences(period.start.year)
    # The printed report's year lists are the whole municipality's, for a calendar year.
    calendar_year = period.whole_months == 12 and period.start.month == 1
    if not (differences and calendar_year and src.is_whole):
        return
    b.section_heading(_("Where the printed report differs from the registrations"))
    b.add(
        Paragraph(
            _(
                "The report printed by hand for %(period)s has figures that differ from the "
                "sum of their parts. This report prints the figures the registrations give; "
                "the differences are:"
            )
            % {"period": label}
        ),
        Table(
            _("Printed and computed figures, %(period)s") % {"period": label},
            (_("Reason"), _("Printed"), _("Computed"), _("Explanation")),
            tuple((d.name, d.published, d.computed, d.explanation) for d in differences),
        ),
    )
