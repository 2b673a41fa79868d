"""Chapter 3: the period's inquiries: Figures 1 and 2, the reasons of the inquiries the
citizens' advisor answered alone and of those where the administration was involved, and the
case examples of each."""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.core.wording import CASES, format_number
from borgerraadgiver.letters.models import LetterKind
from borgerraadgiver.organisation.models import HandlingType
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.report_content.text_blocks import text_blocks
from borgerraadgiver.reports.figures import NamedCount
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources, count_table
from borgerraadgiver.reports.render.model import Example, Figure, Paragraph, Table


def build(b: DocumentBuilder, src: ReportSources) -> None:
    stats, label = src.stats, src.label
    b.chapter_heading(_("Inquiries to the citizens' advisor in %(period)s") % {"period": label})
    b.add(
        Paragraph(
            _("The citizens' advisor registered %(total)s in %(period)s.")
            % {"total": src.words(stats.total), "period": label}
        ),
    )
    if src.is_whole:  # the advisor's comments are on the whole municipality's figures
        b.add(*src.text(Section.INQUIRIES))
    _where(b, src)
    _handling(b, src)
    _advice(b, src)
    _involved(b, src)
    _letters(b, src)


def _letters(b: DocumentBuilder, src: ReportSources) -> None:
    """One line on the letters sent to citizens, per kind, where any were sent. Letters are the
    office's own work, not a count of citizens, so their counts are never hidden."""
    sent = [(item.name, item.count) for item in src.stats.letters if item.count]
    if not sent:
        return
    total = sum(count for _kind, count in sent)
    kinds = "; ".join(
        f"{LetterKind(kind).label.lower()} {format_number(count)}" for kind, count in sent
    )
    b.add(
        Paragraph(
            ngettext(
                "In %(period)s the citizens' advisor sent %(count)s letter to citizens "
                "(%(kinds)s).",
                "In %(period)s the citizens' advisor sent %(count)s letters to citizens "
                "(%(kinds)s).",
                total,
            )
            % {"period": src.label, "count": format_number(total), "kinds": kinds}
        )
    )


def _where(b: DocumentBuilder, src: ReportSources) -> None:
    """Figure 1: the inquiries per area, or in a report for one area per department (none in
    a report for one department, or for an area without departments)."""
    stats, label = src.stats, src.label
    departments = tuple(d for area in stats.by_area for d in area.departments)
    if stats.department is not None or (stats.area is not None and not departments):
        return
    if stats.area is None:
        table = count_table(
            src,
            _("Inquiries per area, %(period)s") % {"period": label},
            _("Area"),
            (NamedCount(area.area, area.count) for area in stats.by_area),
        )
        caption = _("Figure 1: Inquiries per area, %(period)s") % {"period": label}
        alt = _("Bar chart of the inquiries per area; the numbers are in the table below.")
        kind = "areas"
    else:
        values = {"area": stats.area, "period": label}
        table = count_table(
            src,
            _("Inquiries per department, %(area)s, %(period)s") % values,
            _("Department"),
            departments,
        )
        caption = _("Figure 1: Inquiries per department, %(area)s, %(period)s") % values
        alt = _("Bar chart of the inquiries per department; the numbers are in the table below.")
        kind = "departments"
    b.add(
        Figure(
            b.figure_number(),
            caption,
            alt,
            Table(
                table.caption,
                table.headers,
                table.rows,
                total=(_("In all"), src.number(stats.total)),
            ),
            *src.chart(kind),
        ),
        Paragraph(
            _(
                "The number of registered inquiries is not the number of all contacts to the "
                "citizens' advisor; see appendix 1 on how inquiries are registered."
            )
        ),
    )


def _handling(b: DocumentBuilder, src: ReportSources) -> None:
    """Figure 2: the inquiries by their main handling, with shares."""
    stats, label = src.stats, src.label
    b.section_heading(
        _("The citizens' advisor's handling of %(total)s") % {"total": src.words(stats.total)}
    )
    number = b.figure_number()
    b.add(
        Figure(
            number,
            # Figure 2 but in a report for one department, which has no Figure 1.
            (
                _("Figure 2: Inquiries by handling, %(period)s")
                if number == 2
                else _("Figure %(number)d: Inquiries by handling, %(period)s")
            )
            % {"number": number, "period": label},
            _("Chart of the inquiries by handling with percentages; the numbers are below."),
            Table(
                _("Inquiries by handling, %(period)s") % {"period": label},
                (_("Handling"), _("Inquiries"), _("Share")),
                tuple(
                    (h.name, src.number(h.count), src.percent(h.percent)) for h in stats.by_handling
                ),
                total=(_("In all"), src.number(stats.total), src.percent(100)),
            ),
            *src.chart("handling"),
        )
    )


def _examples(b: DocumentBuilder, src: ReportSources, kinds: Iterable[str], heading: str) -> None:
    """The approved examples printed among those of `kinds`, in the advisor's order."""
    wanted = {str(kind) for kind in kinds}
    chosen = [e for e in src.examples if str(e.handling_kind) in wanted]
    if not chosen:
        return
    b.section_heading(heading, level=3)
    b.add(*(Example(e.title, e.area_name, tuple(text_blocks(e.text))) for e in chosen))


def _advice(b: DocumentBuilder, src: ReportSources) -> None:
    stats, label = src.stats, src.label
    b.section_heading(_("Answered by the citizens' advisor"))
    b.add(
        Paragraph(
            _(
                "%(percent)s of the inquiries, %(count)s of %(total)s, were closed with the "
                "citizens' advisor without the municipality being involved in the answer."
            )
            % {
                "percent": src.percent(stats.advice_only_percent),
                "count": src.number(stats.advice_only),
                "total": src.number(stats.total),
            }
        ),
    )
    if stats.reasons_advice_only:
        b.add(
            count_table(
                src,
                _("Reasons of the inquiries answered by the citizens' advisor, %(period)s")
                % {"period": label},
                _("Reason"),
                stats.reasons_advice_only,
                by_count=True,
            )
        )
    if src.is_whole:
        b.add(*src.text(Section.ADVICE))
    _examples(
        b, src, [HandlingType.Kind.ADVICE, HandlingType.Kind.OTHER], _("Case examples: advice")
    )


def _involved(b: DocumentBuilder, src: ReportSources) -> None:
    stats, label = src.stats, src.label
    b.section_heading(_("Answered by the administration"))
    b.add(
        Paragraph(
            _(
                "In %(count)s the citizens' advisor asked the administration to deal with the "
                "inquiry (dialogue cases: %(dialogue)s, forwarded complaints: %(forwarded)s)."
            )
            % {
                "count": src.words(stats.involved, CASES),
                "dialogue": src.number(stats.dialogue),
                "forwarded": src.number(stats.forwarded),
            }
        )
    )
    if stats.reasons_involved:
        b.add(
            count_table(
                src,
                _("Reasons of the inquiries where the administration was involved, %(period)s")
                % {"period": label},
                _("Reason"),
                stats.reasons_involved,
                by_count=True,
            )
        )
    if src.is_whole:
        b.add(*src.text(Section.INVOLVED))
    if stats.declined_forwarding != 0:
        b.add(
            Paragraph(
                ngettext(
                    "In %(count)s inquiry in %(period)s the citizen did not want the case taken "
                    "to the department.",
                    "In %(count)s inquiries in %(period)s the citizen did not want the case "
                    "taken to the department.",
                    src.plural(stats.declined_forwarding),
                )
                % {"period": label, "count": src.number(stats.declined_forwarding)}
            )
        )
    _examples(b, src, [HandlingType.Kind.DIALOGUE], _("Case examples: dialogue cases"))
    _examples(b, src, [HandlingType.Kind.FORWARDED], _("Case examples: forwarded complaints"))
    # Follow-up questions registered as a counted action are in the actions table; this sentence
    # counts those asked through the forwarding pages, and a zero would contradict that table.
    if stats.follow_up_questions_asked != 0:
        b.add(
            Paragraph(
                ngettext(
                    "In %(period)s the citizens' advisor asked a follow-up question to a "
                    "department's answer %(count)s time.",
                    "In %(period)s the citizens' advisor asked follow-up questions to a "
                    "department's answer %(count)s times.",
                    src.plural(stats.follow_up_questions_asked),
                )
                % {"period": label, "count": src.number(stats.follow_up_questions_asked)}
            )
        )
