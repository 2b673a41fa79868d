"""A progress bar on the terminal for long imports: phase, bar, rows done, updated in place."""

import sys
import time
from typing import IO, Protocol


class Progress(Protocol):
    def phase(self, name: str, total: int) -> None: ...

    def advance(self, count: int = 1) -> None: ...

    def done(self) -> None: ...


class NoProgress:
    """For the web and the tests: reports nothing."""

    def phase(self, name: str, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


class ProgressBar:
    """Writes `reading   [#########.........]  45%  45,000/100,000` to a terminal.

    The line is rewritten in place (carriage return) at most ten times a second, so that the bar
    costs nothing measurable on 100,000 rows. When the stream is not a terminal only each
    phase's end is written, one line each, so a log file stays readable.
    """

    WIDTH = 30

    def __init__(self, stream: IO[str] | None = None, *, interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.interval = interval
        self.name = ""
        self.total = 0
        self.count = 0
        self.started = 0.0
        self.shown = 0.0

    def phase(self, name: str, total: int) -> None:
        if self.name:
            self._finish_line()
        self.name, self.total, self.count = name, max(total, 0), 0
        self.started = self.shown = time.monotonic()
        self._draw()

    def advance(self, count: int = 1) -> None:
        self.count += count
        now = time.monotonic()
        if now - self.shown >= self.interval:
            self.shown = now
            self._draw()

    def done(self) -> None:
        if self.name:
            self._finish_line()
            self.name = ""

    def _finish_line(self) -> None:
        self.total = max(self.total, self.count)
        self._draw(final=True)

    def _line(self) -> str:
        total = max(self.total, self.count)
        share = self.count / total if total else 1.0
        filled = int(self.WIDTH * share)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        elapsed = time.monotonic() - self.started
        return f"{self.name:<10} [{bar}] {share:4.0%}  {self.count:,}/{total:,}  {elapsed:5.1f} s"

    def _draw(self, *, final: bool = False) -> None:
        if self.tty:
            self.stream.write("\r" + self._line() + ("\n" if final else ""))
            self.stream.flush()
        elif final:
            self.stream.write(self._line() + "\n")
            self.stream.flush()
