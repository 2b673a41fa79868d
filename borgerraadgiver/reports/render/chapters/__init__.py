"""The report's chapters, one builder each, in the order they are printed.

Each module's `build(builder, sources)` adds its chapter to the document (or nothing, where it
has nothing to say for the report's scope); `chapters_for` gives the order. A chapter reads the
figures and texts from `ReportSources` and counts nothing.
"""

from collections.abc import Callable

from borgerraadgiver.reports.figures import ReportStatistics
from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources
from borgerraadgiver.reports.render.chapters import (
    advisor_function,
    areas,
    edition,
    empty,
    forwarding,
    inquiries,
    introduction,
    learning,
    method,
    recommendations,
    summary,
)

Chapter = Callable[[DocumentBuilder, ReportSources], None]

CHAPTERS: tuple[Chapter, ...] = (
    edition.build,
    introduction.build,
    summary.build,
    inquiries.build,
    areas.build,
    forwarding.build,
    advisor_function.build,
    learning.build,
    method.build,
)
# A period without inquiries: say so, and show only what there is (recommendations made or
# open then, forwardings sent then).
EMPTY: tuple[Chapter, ...] = (edition.build, empty.build, recommendations.build, forwarding.build)


def chapters_for(stats: ReportStatistics) -> tuple[Chapter, ...]:
    return CHAPTERS if stats.total else EMPTY
