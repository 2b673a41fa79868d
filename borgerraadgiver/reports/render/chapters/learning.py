"""The chapter on what the office learns beyond the counts: the citizens' own verdict (the
survey after a closed inquiry, small numbers hidden), where citizens come from, and the time
spent. Absent where there is nothing to say: an office without survey answers, referral sources
or registered time gets no chapter."""

from django.utils.translation import gettext as _

from borgerraadgiver.core.wording import format_count, format_number
from borgerraadgiver.feedback.figures import FeedbackFigures
from borgerraadgiver.feedback.models import QUESTIONS
from borgerraadgiver.organisation.models import HandlingType
from borgerraadgiver.reports.learning_figures import MinutesFigures
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources, count_table
from borgerraadgiver.reports.render.model import Paragraph, Table


def _shown(count: int | None, threshold: int) -> str:
    """A survey count as printed: '12', or 'under 3' where the small-number rule hides it."""
    return format_count(count, hidden_below=threshold)


def _kind(kind: str) -> str:
    return str(HandlingType.Kind(kind).label)


def _feedback(b: DocumentBuilder, figures: FeedbackFigures, label: str) -> None:
    b.section_heading(_("The citizens' verdict"))
    b.add(
        Paragraph(
            _(
                "After a closed inquiry the citizen may be asked three short questions. The "
                "answers are kept without the citizen's name or case. Answers in %(period)s: "
                "%(answers)s. Counts from 1 to below %(threshold)s are shown as “under "
                "%(threshold)s”, so that no citizen's answer can be recognised."
            )
            % {
                "period": label,
                "answers": _shown(figures.answers, figures.threshold),
                "threshold": figures.threshold,
            }
        )
    )
    questions = dict(QUESTIONS)
    rows: list[tuple[str, ...]] = []
    for kind in figures.by_kind:
        rows.append(
            (_kind(kind.kind), _("Answers"), _shown(kind.answers, figures.threshold), "", "")
        )
        for q in kind.questions:
            counts = dict(q.counts)
            rows.append(
                (
                    "",
                    str(questions[q.question]),
                    *(_shown(counts.get(v), figures.threshold) for v in ("yes", "partly", "no")),
                )
            )
    b.add(
        Table(
            caption=_("The citizens' verdict per handling kind, %(period)s") % {"period": label},
            headers=(_("Handling kind"), _("Question"), _("Yes"), _("Partly"), _("No")),
            rows=tuple(rows),
        )
    )


def _minutes(b: DocumentBuilder, figures: MinutesFigures, label: str) -> None:
    b.section_heading(_("Time spent"))
    b.add(
        Paragraph(
            _(
                "The number of inquiries says nothing of the time they take. In %(period)s, "
                "%(total)s minutes were registered, %(activities)s of them on activities."
            )
            % {
                "period": label,
                "total": format_number(figures.total),
                "activities": format_number(figures.activities),
            }
        ),
        Table(
            caption=_("Minutes per area, %(period)s") % {"period": label},
            headers=(_("Area"), _("Minutes")),
            rows=tuple((row.name, format_number(row.count or 0)) for row in figures.by_area),
        ),
        Table(
            caption=_("Minutes per handling kind, %(period)s") % {"period": label},
            headers=(_("Handling kind"), _("Minutes")),
            rows=tuple(
                (_kind(row.name), format_number(row.count or 0)) for row in figures.by_handling_kind
            ),
        ),
    )


def build(b: DocumentBuilder, src: ReportSources) -> None:
    stats = src.stats
    referred = [row for row in stats.referred_by if row.count]
    if stats.feedback is None and stats.minutes is None and not referred:
        return
    b.chapter_heading(_("What the office learns"))
    if stats.feedback is not None:
        _feedback(b, stats.feedback, src.label)
    if referred:
        b.section_heading(_("Where citizens come from"))
        b.add(
            count_table(
                src,
                _("Inquiries per who referred the citizen, %(period)s") % {"period": src.label},
                _("Referred by"),
                referred,
            )
        )
    if stats.minutes is not None:
        _minutes(b, stats.minutes, src.label)
