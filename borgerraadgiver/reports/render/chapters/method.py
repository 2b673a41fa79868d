"""Appendix 1: the method, the registration rules, and where the printed report differs from
the registrations."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.core.wording import format_number, hidden_text, withheld_text
from borgerraadgiver.organisation.small_numbers import SmallNumbers
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.published_differences import published_differences
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources, format_date
from borgerraadgiver.reports.render.model import Bullets, Paragraph, Table


def build(b: DocumentBuilder, src: ReportSources) -> None:
    b.chapter_heading(_("Appendix 1: Method"), number=False)
    b.add(*src.text(Section.METHOD))
    _registration_rules(b)
    _counting_rules(b, src)
    _small_numbers(b, src)
    _published_differences(b, src)


def _small_numbers(b: DocumentBuilder, src: ReportSources) -> None:
    """How small counts were handled: hidden (and the cells that would give them away), or
    every count exact."""
    b.section_heading(_("Small numbers"))
    threshold = src.stats.hidden_below
    if threshold > 1:
        text = _(
            "So that no citizen can be recognised, a count from 1 to %(last)s is shown as "
            '"%(hidden)s". Where a hidden count could be worked out from a total and the '
            'other counts beside it, one more count is hidden as well, shown as "%(withheld)s" '
            "(it is %(threshold)s or more), so that a total never gives a hidden count away; a "
            "share or a sum of a hidden count is not shown either. No inquiries is shown as 0."
        ) % {
            "last": format_number(threshold - 1),
            "hidden": hidden_text(threshold),
            "withheld": withheld_text(),
            "threshold": format_number(threshold),
        }
    else:
        text = _(
            "Every count is shown exactly, also counts of 1 and 2, as the office has chosen "
            "for this report. The figures are aggregates and name no one."
        )
    b.add(Paragraph(text))


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
    every = published_differences(period.start.year)
    # The printed report's year lists are the whole municipality's, for a calendar year.
    calendar_year = period.whole_months == 12 and period.start.month == 1
    if not (every and calendar_year and src.is_whole):
        return
    # With small counts hidden, a difference of small counts (and its explanation, which
    # names them) is left out and only counted.
    rule = SmallNumbers(src.stats.hidden_below)
    differences = [d for d in every if not (rule.hides(d.published) or rule.hides(d.computed))]
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
            tuple(
                (d.name, src.number(d.published), src.number(d.computed), d.explanation)
                for d in differences
            ),
        ),
    )
    left_out = len(every) - len(differences)
    if left_out:
        b.add(
            Paragraph(
                ngettext(
                    "One more difference concerns counts under %(threshold)s and is not shown.",
                    "%(count)s more differences concern counts under %(threshold)s and are not "
                    "shown.",
                    left_out,
                )
                % {"count": src.number(left_out), "threshold": src.number(rule.threshold)}
            )
        )
