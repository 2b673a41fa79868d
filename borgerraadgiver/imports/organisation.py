"""Import of the organisation: areas and their departments, with validity dates.

Columns `area`, `department`, `valid_from`, `valid_to` (dates may be empty) and optionally
`kind` (`administration`, `general` or `outside_competence`; the area's kind, default
administration). A row with an empty `department` declares an area without departments (such as
"outside competence"); its dates are the area's. A department is identified by its area, its
name (case-insensitively) and its `valid_from`: such a department already there gets the file's
`valid_to`; any other is added. So a renamed department is two rows: the old name with a
`valid_to`, the new name with a `valid_from` the day after.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils.translation import gettext as _

from borgerraadgiver.imports.base import Importer, Plan, WriteContext
from borgerraadgiver.imports.checks import Names, Problems, date_parse, fold, text
from borgerraadgiver.imports.progress import Progress
from borgerraadgiver.imports.reading import Cell, Table
from borgerraadgiver.organisation.models import Area, Department


@dataclass
class DepartmentRow:
    name: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    existing: Department | None = None


@dataclass
class AreaRow:
    name: str
    existing: Area | None
    first_row: int
    kind: str | None = None
    # Set by a row without a department: the area has none, and these are its dates.
    bare: bool = False
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    departments: list[DepartmentRow] = field(default_factory=list)


def _clean(value: object) -> str:
    return " ".join(text(value).split())  # type: ignore[arg-type]


class _OrganisationCheck:
    """Checks the organisation file row by row, collecting its areas and their departments."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.areas_in_db = Names(Area.objects.order_by("valid_from", "id"))
        self.departments_in_db = list(Department.objects.all())
        self.areas: dict[str, AreaRow] = {}
        self.department_rows: dict[tuple[str, str, datetime.date | None], int] = {}

    def row(self, number: int, record: dict[str, Cell]) -> None:
        area_name = _clean(record["area"])
        department_name = _clean(record["department"])
        valid_from, valid_to, kind = self._fields(number, record)
        if not area_name:
            self.problems.add(number, "area", _("The area is empty."))
            return
        if len(area_name) > 200 or len(department_name) > 200:
            self.problems.add(number, "", _("A name is longer than 200 characters."))
            return
        area = self._area(number, area_name, kind)
        if not department_name:
            self._bare_area(number, area, valid_from, valid_to)
        else:
            self._department(number, area, department_name, valid_from, valid_to)

    def _fields(
        self, number: int, record: dict[str, Cell]
    ) -> tuple[datetime.date | None, datetime.date | None, str | None]:
        problems = self.problems
        valid_from = date_parse(
            problems, number, "valid_from", record["valid_from"], required=False
        )
        valid_to = date_parse(problems, number, "valid_to", record["valid_to"], required=False)
        if valid_from and valid_to and valid_to < valid_from:
            problems.add(number, "valid_to", _("The end date is before the start date."))
        kind = text(record.get("kind", "")).lower() or None
        if kind is not None and kind not in Area.Kind.values:
            problems.add(
                number,
                "kind",
                _("“%(value)s” is not a kind of area. Write one of: %(kinds)s.")
                % {"value": kind, "kinds": ", ".join(Area.Kind.values)},
            )
            kind = None
        return valid_from, valid_to, kind

    def _area(self, number: int, name: str, kind: str | None) -> AreaRow:
        found = self.areas_in_db.get(name)
        area = self.areas.setdefault(
            fold(name), AreaRow(name=name, existing=found[-1] if found else None, first_row=number)
        )
        if kind is not None:
            if area.kind is not None and area.kind != kind:
                self.problems.add(
                    number,
                    "kind",
                    _("Row %(row)d gives %(area)s another kind.")
                    % {"row": area.first_row, "area": area.name},
                )
            area.kind = kind
        return area

    def _bare_area(
        self,
        number: int,
        area: AreaRow,
        valid_from: datetime.date | None,
        valid_to: datetime.date | None,
    ) -> None:
        """A row without a department declares an area without departments."""
        if area.bare:
            self.problems.add(
                number, "department", _("%(area)s is declared twice.") % {"area": area.name}
            )
        elif area.departments:
            self.problems.add(
                number,
                "department",
                _(
                    "An empty department declares an area without departments, but "
                    "%(area)s has departments in other rows."
                )
                % {"area": area.name},
            )
        area.bare = True
        area.valid_from, area.valid_to = valid_from, valid_to

    def _department(
        self,
        number: int,
        area: AreaRow,
        name: str,
        valid_from: datetime.date | None,
        valid_to: datetime.date | None,
    ) -> None:
        if area.bare:
            self.problems.add(
                number,
                "department",
                _("%(area)s is declared as an area without departments in an earlier row.")
                % {"area": area.name},
            )
            return
        key = (fold(area.name), fold(name), valid_from)
        if key in self.department_rows:
            self.problems.add(
                number,
                "department",
                _("%(department)s with the same start date is already in row %(row)d.")
                % {"department": name, "row": self.department_rows[key]},
            )
            return
        self.department_rows[key] = number
        existing = None
        if area.existing is not None:
            existing = next(
                (
                    d
                    for d in self.departments_in_db
                    if d.area_id == area.existing.pk
                    and fold(d.name) == fold(name)
                    and d.valid_from == valid_from
                ),
                None,
            )
        area.departments.append(DepartmentRow(name, valid_from, valid_to, existing))

    def plan(self, rows: int) -> Plan:
        plan_areas = list(self.areas.values())
        departments = [d for area in plan_areas for d in area.departments]
        return Plan(
            rows=rows,
            counts={
                "areas created": sum(1 for a in plan_areas if a.existing is None),
                "departments created": sum(1 for d in departments if d.existing is None),
                "departments updated": sum(1 for d in departments if d.existing is not None),
            },
            data=plan_areas,
        )


class OrganisationImporter(Importer):
    kind = "organisation"
    required = ("area", "department", "valid_from", "valid_to")
    optional = ("kind",)

    def validate(
        self, table: Table, problems: Problems, progress: Progress, *, replace: bool
    ) -> Plan:
        check = _OrganisationCheck(problems)
        progress.phase(_("checking"), table.estimated_rows)
        count = 0
        for number, record in table.rows:
            count += 1
            progress.advance()
            check.row(number, record)
        return check.plan(count)

    def write(self, plan: Plan, context: WriteContext, progress: Progress) -> dict[str, int]:
        areas: list[AreaRow] = plan.data
        progress.phase(_("writing"), len(areas))
        area_order = Area.objects.aggregate(last=Max("sort_order"))["last"] or 0
        for row in areas:
            progress.advance()
            area = row.existing
            if area is None:
                area_order += 10
                area = Area(name=row.name, sort_order=area_order)
            if row.kind is not None:
                area.kind = row.kind
            if row.bare:
                area.valid_from, area.valid_to = row.valid_from, row.valid_to
            area.full_clean()
            area.save()
            order = Department.objects.filter(area=area).aggregate(last=Max("sort_order"))["last"]
            order = order or 0
            for spec in row.departments:
                department = spec.existing
                if department is None:
                    order += 10
                    department = Department(
                        area=area, name=spec.name, valid_from=spec.valid_from, sort_order=order
                    )
                department.valid_to = spec.valid_to
                department.full_clean()
                department.save()
        return plan.counts
