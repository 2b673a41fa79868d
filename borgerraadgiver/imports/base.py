"""The shape every import has: columns, a validation that plans every write, then the writes."""

import datetime
from dataclasses import dataclass, field
from typing import Any, ClassVar

from borgerraadgiver.accounts.models import User
from borgerraadgiver.imports.checks import Problems
from borgerraadgiver.imports.progress import Progress
from borgerraadgiver.imports.reading import Table


@dataclass
class Plan:
    """What validation found: the rows read and everything to write, ready for `write`."""

    rows: int = 0
    # What will be or was done, by a short key: {"created": 3, "updated": 1}.
    counts: dict[str, int] = field(default_factory=dict)
    data: Any = None


@dataclass(frozen=True)
class WriteContext:
    user: User | None
    now: datetime.datetime
    file_name: str
    batch_id: int
    replace: bool = False


class Importer:
    kind: ClassVar[str]
    required: ClassVar[tuple[str, ...]]
    optional: ClassVar[tuple[str, ...]] = ()

    def validate(
        self, table: Table, problems: Problems, progress: Progress, *, replace: bool
    ) -> Plan:
        raise NotImplementedError

    def write(self, plan: Plan, context: WriteContext, progress: Progress) -> dict[str, int]:
        raise NotImplementedError
