"""The report's figures, drawn from `ReportStatistics` with matplotlib.

Figure 1: inquiries per area (in a report for one area: per department). Figure 2: inquiries
per handling type, with percentages. The forwarding figure: the cases sent to each department,
divided by whether the answer came within the deadline. All are horizontal bars (the Danish
names are long), in colours from the Okabe–Ito palette (safe for colour-blind readers), with
the number printed at each bar or part of a bar. Every chart comes with its numbers
as a `ChartTable`, which the page and the documents show beside or under it, so the figure is
never the only way to read the numbers.

No pyplot: each drawing is its own `Figure` with its own canvas, and settings are applied in an
`rc_context`, so nothing leaks between drawings or threads.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from borgerraadgiver.core.wording import format_count, format_percent
from borgerraadgiver.reports.figures import ReportStatistics
from borgerraadgiver.reports.render.builder import recipient_name

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILLION = "#D55E00"
GREY = "#BBBBBB"
TEXT = "#1a1a1a"


@dataclass(frozen=True)
class ChartRow:
    name: str
    count: int | None  # None: hidden by the small-number rule ("under 3", no bar)
    percent: int | None = None
    hidden_below: int = 1

    @property
    def value_label(self) -> str:
        count = format_count(self.count, hidden_below=self.hidden_below)
        if self.percent is None:
            return count
        return f"{count} ({format_percent(self.percent)})"

    @property
    def length(self) -> int:
        return max(self.count or 0, 0)


@dataclass(frozen=True)
class ChartTable:
    """A figure's numbers: what the chart shows, as a table and as a text alternative."""

    number: int
    title: str
    name_heading: str
    rows: tuple[ChartRow, ...]
    colour: str
    show_percent: bool

    @property
    def caption(self) -> str:
        return _("Figure %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    @property
    def alt(self) -> str:
        """A text alternative for the image: the title and every bar with its value."""
        bars = "; ".join(f"{row.name}: {row.value_label}" for row in self.rows)
        return f"{self.caption}. {bars}."


def areas_chart(stats: ReportStatistics) -> ChartTable:
    """Figure 1: the number of inquiries per area (areas with inquiries, in sort order)."""
    return ChartTable(
        number=1,
        title=_("Inquiries per area, %(period)s") % {"period": stats.period.label},
        name_heading=_("Area"),
        rows=tuple(
            ChartRow(area.area, area.count, hidden_below=stats.hidden_below)
            for area in stats.by_area
            if area.count != 0
        ),
        colour=BLUE,
        show_percent=False,
    )


def departments_chart(stats: ReportStatistics) -> ChartTable:
    """Figure 1 of a report for one area: its inquiries per department (those with any)."""
    return ChartTable(
        number=1,
        title=_("Inquiries per department, %(area)s, %(period)s")
        % {"area": stats.area, "period": stats.period.label},
        name_heading=_("Department"),
        rows=tuple(
            ChartRow(d.name, d.count, hidden_below=stats.hidden_below)
            for area in stats.by_area
            for d in area.departments
            if d.count != 0
        ),
        colour=BLUE,
        show_percent=False,
    )


def handling_chart(stats: ReportStatistics) -> ChartTable:
    """Figure 2: the number of inquiries per handling type, with its share of the total."""
    return ChartTable(
        number=2,
        title=_("Inquiries per handling type, %(period)s") % {"period": stats.period.label},
        name_heading=_("Handling"),
        rows=tuple(
            ChartRow(h.name, h.count, h.percent, hidden_below=stats.hidden_below)
            for h in stats.by_handling
            if h.count != 0
        ),
        colour=ORANGE,
        show_percent=True,
    )


@dataclass(frozen=True)
class StackedRow:
    name: str
    values: tuple[int | None, ...]  # one per series; None: hidden by the small-number rule
    hidden_below: int = 1


@dataclass(frozen=True)
class StackedChart:
    """Bars divided into parts (series), e.g. answered in time, late, still open."""

    title: str
    series: tuple[tuple[str, str], ...]  # (label, colour)
    rows: tuple[StackedRow, ...]

    @property
    def alt(self) -> str:
        """A text alternative: the title, and every bar with each of its parts."""
        labels = [label for label, _colour in self.series]
        bars = "; ".join(
            f"{row.name}: "
            + ", ".join(
                f"{label} {format_count(n, hidden_below=row.hidden_below)}"
                for label, n in zip(labels, row.values, strict=True)
            )
            for row in self.rows
        )
        return f"{self.title}. {bars}."


def forwarding_chart(stats: ReportStatistics) -> StackedChart:
    """The cases sent to each department, divided by where they stand against the deadline."""
    return StackedChart(
        title=_("Answers within the deadline per department, %(period)s")
        % {"period": stats.period.label},
        series=(
            (_("Answered in time"), BLUE),
            (_("Answered late"), ORANGE),
            (_("Unanswered, deadline passed"), VERMILLION),
            (_("Unanswered, not yet due"), GREY),
        ),
        rows=tuple(
            StackedRow(
                recipient_name(row),
                (
                    row.figures.answered_on_time,
                    row.figures.answered_late,
                    row.figures.unanswered_overdue,
                    row.figures.unanswered_not_yet_due,
                ),
                stats.hidden_below,
            )
            for row in stats.forwarding.by_department
        ),
    )


def chart_for(kind: str, stats: ReportStatistics) -> ChartTable | StackedChart:
    """The chart of `kind`: "areas", "departments", "handling" or "forwarding"."""
    charts: dict[str, Callable[[ReportStatistics], ChartTable | StackedChart]] = {
        "areas": areas_chart,
        "departments": departments_chart,
        "handling": handling_chart,
        "forwarding": forwarding_chart,
    }
    return charts[kind](stats)


def _wrap(name: str, width: int = 28) -> str:
    """Break a long name over lines at spaces, so the bars keep their room."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def _new_figure(height: float) -> "Figure":
    """A drawing of its own, with its own canvas. matplotlib loads when the first chart is
    drawn, not when the app starts (it takes most of a second)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415 - see above
    from matplotlib.figure import Figure  # noqa: PLC0415 - see above

    figure = Figure(figsize=(8, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _draw(chart: ChartTable) -> "Figure":
    rows = chart.rows
    figure = _new_figure(max(1.6, 0.55 * len(rows) + 0.9))
    axes = figure.add_subplot()
    positions = list(range(len(rows)))
    counts = [row.length for row in rows]
    bars = axes.barh(positions, counts, color=chart.colour, height=0.65)
    axes.set_yticks(positions, [_wrap(row.name) for row in rows])
    axes.invert_yaxis()  # the first row at the top, as in the table
    axes.bar_label(bars, labels=[row.value_label for row in rows], padding=4, color=TEXT)
    axes.set_xlim(0, max(counts, default=1) * 1.22 or 1)
    axes.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    axes.tick_params(axis="y", length=0, colors=TEXT)
    return figure


def _draw_stacked(chart: StackedChart) -> "Figure":
    rows = chart.rows
    figure = _new_figure(max(2.2, 0.55 * len(rows) + 1.5))
    axes = figure.add_subplot()
    positions = list(range(len(rows)))
    left = [0] * len(rows)
    for index, (label, colour) in enumerate(chart.series):
        values = [max(row.values[index] or 0, 0) for row in rows]
        bars = axes.barh(positions, values, left=left, color=colour, height=0.65, label=label)
        # The number inside each part that has any; dark text on the light colours.
        text = "white" if colour in (BLUE, VERMILLION) else TEXT
        axes.bar_label(
            bars,
            labels=[format_count(v) if v else "" for v in values],
            label_type="center",
            color=text,
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, [_wrap(row.name) for row in rows])
    axes.invert_yaxis()
    axes.set_xlim(0, max(left, default=1) * 1.05 or 1)
    axes.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    axes.tick_params(axis="y", length=0, colors=TEXT)
    figure.legend(loc="outside lower center", ncols=2, frameon=False)
    return figure


def _render(chart: ChartTable | StackedChart, fmt: str, dpi: int = 100) -> bytes:
    import matplotlib  # noqa: PLC0415 - loads when a chart is drawn (see _new_figure)

    with matplotlib.rc_context(
        {
            "font.family": "DejaVu Sans",
            "font.size": 11,
            "svg.fonttype": "none",
            "svg.hashsalt": "br",
        }
    ):
        figure = _draw_stacked(chart) if isinstance(chart, StackedChart) else _draw(chart)
        buffer = io.BytesIO()
        # No date in the SVG: the same figures give the same bytes.
        metadata = {"Date": None} if fmt == "svg" else {}
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def chart_svg(chart: ChartTable | StackedChart) -> bytes:
    """The chart as SVG (text kept as text, so it is sharp and searchable)."""
    return _render(chart, "svg")


def chart_png(chart: ChartTable | StackedChart, *, dpi: int = 200) -> bytes:
    """The chart as PNG, for documents that do not take SVG (DOCX)."""
    return _render(chart, "png", dpi=dpi)


def report_charts(stats: ReportStatistics, *, dpi: int = 200) -> dict[int, tuple[bytes, bytes]]:
    """Figures 1 and 2 as {number: (SVG, PNG)}; their tables: `areas_chart`, `handling_chart`."""
    return {
        chart.number: (chart_svg(chart), chart_png(chart, dpi=dpi))
        for chart in (areas_chart(stats), handling_chart(stats))
    }
