"""A rendered report's pages as a reader sees them, read with poppler's pdftotext: the text of each
page's body (without the running header and footer) and how far down it reaches. Shared by the
WeasyPrint PDF's tests and the LibreOffice conversion of the Word report."""

import re
import subprocess
from pathlib import Path

# Fewer lines than this on a page before a new chapter is a page left nearly empty.
MIN_LINES = 3
# Within a chapter, a page whose text ends above this share of the body pushed too much onward.
MIN_FILLED = 1 / 3
# The body of an A4 page between the running header and the footer (2.2 cm margins), in points.
BODY = {"x": 0, "y": 62, "W": 596, "H": 718}


def _pdftotext(*arguments: str) -> str:
    command = ["pdftotext", *arguments, "-"]
    # poppler from the PATH (CI installs it), on a file the test wrote
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


def page_count(pdf_path: Path) -> int:
    return _pdftotext(str(pdf_path)).count("\f")


def page_lines(pdf_path: Path, page: int) -> list[str]:
    """The lines of text on a page between the running header and the footer."""
    crop = [part for key, value in BODY.items() for part in (f"-{key}", str(value))]
    text = _pdftotext("-layout", "-f", str(page), "-l", str(page), *crop, str(pdf_path))
    return [line.strip() for line in text.splitlines() if line.strip()]


def filled(pdf_path: Path, page: int) -> float:
    """How far down the body (between header and footer) the page's text reaches, 0 to 1."""
    text = _pdftotext("-bbox", "-f", str(page), "-l", str(page), str(pdf_path))
    top, bottom = BODY["y"], BODY["y"] + BODY["H"]
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', text)
    lows = [float(low) for high, low in words if float(high) > top and float(low) < bottom]
    return (max(lows, default=top) - top) / BODY["H"]


def nearly_empty_pages(pdf_path: Path, chapters: tuple[str, ...]) -> list[str]:
    """What is wrong with the pages after the title and contents pages: a page that holds fewer
    than `MIN_LINES` lines while the next page starts a chapter, or a page within a chapter whose
    text ends above `MIN_FILLED` of its height. Also fails when the chapters are not found."""
    pages = [page_lines(pdf_path, number) for number in range(1, page_count(pdf_path) + 1)]

    def starts_chapter(lines: list[str]) -> bool:
        first = re.sub(r"\s+", " ", lines[0]) if lines else ""
        return any(first.startswith(chapter[:40]) for chapter in chapters)

    found = sum(starts_chapter(lines) for lines in pages)
    problems = [] if found == len(chapters) else [f"{found} of {len(chapters)} chapters found"]
    for index, lines in enumerate(pages[2:], start=2):
        next_starts = index + 1 == len(pages) or starts_chapter(pages[index + 1])
        if next_starts and not starts_chapter(lines) and len(lines) < MIN_LINES:
            problems.append(f"page {index + 1} holds only {lines} before the next chapter")
        elif not next_starts and filled(pdf_path, index + 1) < MIN_FILLED:
            problems.append(f"page {index + 1} is nearly empty and its chapter goes on: {lines}")
    return problems
