"""The chapter on the administration's answers: per department, the cases the citizens' advisor
sent, whether the answer came within the deadline, later dates asked for, the median time to
answer, and how the department judged the criticism (a chart and its table, then the
outcomes as counts and shares)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.statistics import ForwardingFigures
from borgerraadgiver.organisation.small_numbers import known, plus
from borgerraadgiver.reports.counting import percent_of
from borgerraadgiver.reports.render.builder import (
    DocumentBuilder,
    ReportSources,
    format_date,
    format_number,
    recipient_name,
)
from borgerraadgiver.reports.render.model import Figure, Paragraph, Table

# The outcomes in the order the table prints them: the judgement of the criticism first.
OUTCOMES = (
    Forwarding.Outcome.UPHELD,
    Forwarding.Outcome.PARTLY_UPHELD,
    Forwarding.Outcome.NOT_UPHELD,
    Forwarding.Outcome.APOLOGY,
    Forwarding.Outcome.ANSWERED,
)


def build(b: DocumentBuilder, src: ReportSources) -> None:
    overall = src.stats.forwarding.overall
    if overall.sent == 0:
        return
    b.chapter_heading(_("The administration's answers"))
    weeks = src.office.answer_weeks
    b.add(
        Paragraph(
            ngettext(
                "When the citizens' advisor sends a dialogue case or a complaint to a "
                "department, the department's management answers within %(weeks)d week. The "
                "deadline is counted in working days: a deadline on a weekend or a public "
                "holiday moves to the next working day. If the department asks for a later "
                "date, that date is the deadline.",
                "When the citizens' advisor sends a dialogue case or a complaint to a "
                "department, the department's management answers within %(weeks)d weeks. The "
                "deadline is counted in working days: a deadline on a weekend or a public "
                "holiday moves to the next working day. If the department asks for a later "
                "date, that date is the deadline.",
                weeks,
            )
            % {"weeks": weeks}
        ),
        Paragraph(_summary(src, overall)),
    )
    _deadlines(b, src)
    _outcomes(b, src)


def _summary(src: ReportSources, overall: ForwardingFigures) -> str:
    values = {
        "period": src.label,
        "sent": src.number(overall.sent),
        "on_time": src.number(overall.answered_on_time),
        "percent": src.percent(_percent(overall.answered_on_time, overall.sent)),
    }
    sentence = ngettext(
        "In %(period)s the citizens' advisor sent %(sent)s case to the administration; "
        "%(on_time)s (%(percent)s) was answered within the deadline.",
        "In %(period)s the citizens' advisor sent %(sent)s cases to the administration; "
        "%(on_time)s (%(percent)s) were answered within the deadline.",
        src.plural(overall.sent),
    )
    text = sentence % values
    if overall.median_working_days_to_answer is not None:
        text += " " + _(
            "Half of the answers came within %(days)s working days (the median time to answer)."
        ) % {"days": format_number(overall.median_working_days_to_answer)}
    return text


def _percent(count: int | None, of: int | None) -> int | None:
    """A share, hidden where either count is."""
    return (
        percent_of(count, of)
        if count is not None and of is not None and known(count) and known(of)
        else None
    )


def _deadline_row(src: ReportSources, name: str, f: ForwardingFigures) -> tuple[str | int, ...]:
    median = f.median_working_days_to_answer
    return (
        name,
        src.number(f.sent),
        src.number(f.answered_on_time),
        src.number(f.answered_late),
        src.number(f.unanswered_overdue),
        src.number(f.unanswered_not_yet_due),
        src.number(f.extensions),
        format_number(median) if median is not None else "–",
    )


def _deadlines(b: DocumentBuilder, src: ReportSources) -> None:
    forwarding, label = src.stats.forwarding, src.label
    number = b.figure_number()
    table = Table(
        _("Cases sent to the departments and the answer deadline, %(period)s") % {"period": label},
        (
            _("Department"),
            _("Sent"),
            _("Answered in time"),
            _("Answered late"),
            _("Unanswered, deadline passed"),
            _("Unanswered, not yet due"),
            _("Later dates asked for"),
            _("Median working days to answer"),
        ),
        tuple(_deadline_row(src, recipient_name(d), d.figures) for d in forwarding.by_department),
        total=_deadline_row(src, _("In all"), forwarding.overall),
    )
    b.add(
        Figure(
            number,
            _("Figure %(number)d: Answers within the deadline per department, %(period)s")
            % {"number": number, "period": label},
            _(
                "Bar chart of the cases sent to each department, divided by whether the answer "
                "came within the deadline; the numbers are in the table below."
            ),
            table,
            *src.chart("forwarding"),
        ),
        Paragraph(
            _(
                "The median time to answer counts the working days from the day the case was "
                "sent to the day the department answered: half of the answers came faster, "
                "half slower."
            )
        ),
    )
    waiting = forwarding.overall.unanswered_not_yet_due
    if waiting != 0:
        b.add(
            Paragraph(
                ngettext(
                    "On %(date)s, when the figures were computed, %(count)s case was not yet "
                    "answered and its deadline had not passed.",
                    "On %(date)s, when the figures were computed, %(count)s cases were not yet "
                    "answered and their deadline had not passed.",
                    src.plural(waiting),
                )
                % {"date": format_date(src.stats.computed_on), "count": src.number(waiting)}
            )
        )


def _share(src: ReportSources, count: int | None, of: int | None) -> str:
    """'2 (40 %)'; a hidden count (or one of a hidden whole) without its share."""
    percent = _percent(count, of)
    if count == 0 or percent is None:
        return src.number(count)
    return f"{src.number(count)} ({src.percent(percent)})"


def _outcome_row(src: ReportSources, name: str, f: ForwardingFigures) -> tuple[str | int, ...]:
    closed = plus(*f.outcomes.values())
    return (
        name,
        src.number(closed),
        *(_share(src, f.outcomes.get(code, 0), closed) for code in OUTCOMES),
    )


def _outcomes(b: DocumentBuilder, src: ReportSources) -> None:
    forwarding, label = src.stats.forwarding, src.label
    if not any(forwarding.overall.outcomes.values()) and None not in (
        forwarding.overall.outcomes.values()
    ):
        return
    b.add(
        Paragraph(
            _(
                "When the citizens' advisor closes a case, the department's answer is recorded: "
                "whether the department found the criticism justified, in part or not, or "
                "apologised. The shares are of the department's closed cases."
            )
        ),
        Table(
            _("How the departments judged the criticism in the closed cases, %(period)s")
            % {"period": label},
            (
                _("Department"),
                _("Closed"),
                _("Upheld"),
                _("Partly upheld"),
                _("Not upheld"),
                _("Apology"),
                _("Other answer"),
            ),
            tuple(
                _outcome_row(src, recipient_name(d), d.figures)
                for d in forwarding.by_department
                if d.figures.outcomes
            ),
            total=_outcome_row(src, _("In all"), forwarding.overall),
        ),
    )
