"""Imports of the lists the administrator maintains: reasons, handling types, counted actions.

A name already in the list (compared case-insensitively) is updated, not duplicated: its
description (if the file gives one) and, for a handling type, its kind. A new name is added
after the existing entries, in the file's order.
"""

from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Max
from django.utils.translation import gettext as _

from borgerraadgiver.imports.base import Importer, Plan, WriteContext
from borgerraadgiver.imports.checks import Names, Problems, fold, text
from borgerraadgiver.imports.progress import Progress
from borgerraadgiver.imports.reading import Table
from borgerraadgiver.organisation.models import Action, HandlingType, ListEntry, Reason


@dataclass
class ListRow:
    name: str
    description: str | None  # None: keep the existing description
    kind: str | None = None
    existing: ListEntry | None = None


HANDLING_KINDS = {value: value for value in HandlingType.Kind.values}


class ListImporter(Importer):
    model: type[ListEntry]
    required: ClassVar[tuple[str, ...]] = ("name",)
    optional: ClassVar[tuple[str, ...]] = ("description",)

    def row_extra(self, problems: Problems, number: int, record: dict, row: ListRow) -> None:
        pass

    def validate(
        self, table: Table, problems: Problems, progress: Progress, *, replace: bool
    ) -> Plan:
        existing = Names(self.model.objects.all())
        seen: dict[str, int] = {}
        rows: list[ListRow] = []
        progress.phase(_("checking"), table.estimated_rows)
        count = 0
        for number, record in table.rows:
            count += 1
            progress.advance()
            name = " ".join(text(record.get("name", "")).split())
            if not name:
                problems.add(number, "name", _("The name is empty."))
                continue
            if len(name) > 200:
                problems.add(number, "name", _("The name is longer than 200 characters."))
                continue
            if fold(name) in seen:
                problems.add(
                    number,
                    "name",
                    _("“%(name)s” is already in row %(row)d.")
                    % {"name": name, "row": seen[fold(name)]},
                )
                continue
            seen[fold(name)] = number
            description = text(record["description"]) if "description" in record else ""
            row = ListRow(name=name, description=description or None, existing=existing.first(name))
            self.row_extra(problems, number, record, row)
            rows.append(row)
        created = sum(1 for row in rows if row.existing is None)
        return Plan(
            rows=count, counts={"created": created, "updated": len(rows) - created}, data=rows
        )

    def write(self, plan: Plan, context: WriteContext, progress: Progress) -> dict[str, int]:
        rows: list[ListRow] = plan.data
        progress.phase(_("writing"), len(rows))
        order = self.model.objects.aggregate(last=Max("sort_order"))["last"] or 0
        for row in rows:
            progress.advance()
            entry = row.existing
            if entry is None:
                order += 10
                entry = self.model(name=row.name, sort_order=order)
            if row.description is not None:
                entry.description = row.description
            if row.kind is not None:
                entry.kind = row.kind  # type: ignore[attr-defined]
            entry.full_clean()
            entry.save()
        return plan.counts


class ReasonImporter(ListImporter):
    kind = "reasons"
    model = Reason


class ActionImporter(ListImporter):
    kind = "actions"
    model = Action


class HandlingImporter(ListImporter):
    kind = "handling"
    model = HandlingType
    required = ("name", "kind")

    def row_extra(self, problems: Problems, number: int, record: dict, row: ListRow) -> None:
        kind = text(record.get("kind", "")).lower()
        if kind not in HANDLING_KINDS:
            problems.add(
                number,
                "kind",
                _("“%(value)s” is not a kind of handling. Write one of: %(kinds)s.")
                % {"value": kind, "kinds": ", ".join(HandlingType.Kind.values)},
            )
            return
        row.kind = kind
