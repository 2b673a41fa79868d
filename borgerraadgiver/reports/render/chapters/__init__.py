"""The report's chapters, one builder each, in the order they are printed.

Each module's `build(builder, sources)` adds its chapter to the document; `CHAPTERS` is the
order. A chapter reads the figures and texts from `ReportSources` and counts nothing.
"""

from collections.abc import Callable

from borgerraadgiver.reports.render.builder import DocumentBuilder, ReportSources
from borgerraadgiver.reports.render.chapters import (
    advisor_function,
    areas,
    inquiries,
    introduction,
    method,
    summary,
)

Chapter = Callable[[DocumentBuilder, ReportSources], None]

CHAPTERS: tuple[Chapter, ...] = (
    introduction.build,
    summary.build,
    inquiries.build,
    areas.build,
    advisor_function.build,
    method.build,
)
