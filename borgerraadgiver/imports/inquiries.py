"""Import of earlier years' inquiries: historic statistical rows, no person.

Columns (DOMAIN.md and issue 6): `received_date`, `area`, `department` (empty only for an area
without departments), `reasons` (`;`-separated), `handling`, `actions` (`;`-separated, may be
empty), `channel`, `complainant`, `closed_date`, `forwarded_date`, `deadline_date`,
`answered_date` (the last four may be empty).

Each row becomes an `Inquiry` with a case number drawn from the year's sequence, its reasons,
its counted actions (dated the day received) and, with a `forwarded_date`, the citizen's
consent (recorded as a historic import) and a sent `Forwarding` with its deadline and answer, so
that the report's forwarding figures count it. Every row is checked before anything is written.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.imports.base import Importer, Plan, WriteContext
from borgerraadgiver.imports.checks import (
    FileRefused,
    Names,
    Problems,
    RowError,
    date_parse,
    split_names,
    text,
)
from borgerraadgiver.imports.inquiry_writes import Row, imported_delete, inquiries_write
from borgerraadgiver.imports.lookups import Lookups
from borgerraadgiver.imports.models import ImportedInquiry
from borgerraadgiver.imports.progress import Progress
from borgerraadgiver.imports.reading import Table
from borgerraadgiver.inquiries.models import (
    Channel,
    ComplainantKind,
    Inquiry,
)
from borgerraadgiver.organisation.models import (
    Area,
    Department,
    HandlingType,
)

COLUMNS = (
    "received_date",
    "area",
    "department",
    "reasons",
    "handling",
    "actions",
    "channel",
    "complainant",
    "closed_date",
    "forwarded_date",
    "deadline_date",
    "answered_date",
)

UNKNOWN_REASON = gettext_lazy("“%(name)s” is not a reason in the list.")
UNKNOWN_ACTION = gettext_lazy("“%(name)s” is not a counted action in the list.")


@dataclass
class InquiryPlan:
    rows: list[Row] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    replace_ids: list[int] = field(default_factory=list)


def _date_text(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


class InquiryImporter(Importer):
    kind = "inquiries"
    required = COLUMNS

    def __init__(self, *, today: datetime.date) -> None:
        self.today = today

    def validate(
        self, table: Table, problems: Problems, progress: Progress, *, replace: bool
    ) -> Plan:
        look = Lookups()
        plan = InquiryPlan()
        progress.phase(_("reading"), table.estimated_rows)
        count = 0
        for number, record in table.rows:
            count += 1
            progress.advance()
            row = self._row(look, problems, number, record)
            if row is not None:
                plan.rows.append(row)
        progress.phase(_("checking"), 1)
        plan.years = sorted({row.received.year for row in plan.rows})
        if not problems:
            plan.replace_ids = self._check_years(plan.years, replace=replace)
        progress.advance()
        forwardings = sum(1 for row in plan.rows if row.forwarded)
        return Plan(
            rows=count,
            counts={
                "inquiries": len(plan.rows),
                "forwardings": forwardings,
                "replaced": len(plan.replace_ids),
            },
            data=plan,
        )

    def _check_years(self, years: list[int], *, replace: bool) -> list[int]:
        """The imported inquiries to replace; refused if the years hold others, or held these
        and `replace` was not asked for."""
        errors: list[RowError] = []
        replace_ids: list[int] = []
        imported = ImportedInquiry.objects.values("inquiry_id")
        for year in years:
            in_year = Inquiry.objects.received_in(
                datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            )
            registered = in_year.exclude(pk__in=imported).count()
            if registered:
                errors.append(
                    RowError(
                        0,
                        "",
                        _(
                            "%(year)d already holds %(count)d inquiries registered in the "
                            "system. An import loads earlier years only, before registering "
                            "starts; it never adds to or replaces registrations."
                        )
                        % {"year": year, "count": registered},
                    )
                )
                continue
            ids = list(in_year.values_list("pk", flat=True))
            if ids and not replace:
                errors.append(
                    RowError(
                        0,
                        "",
                        _(
                            "%(year)d already holds %(count)d imported inquiries. Import again "
                            "with the option to replace the earlier import (--replace) to "
                            "replace them with this file."
                        )
                        % {"year": year, "count": len(ids)},
                    )
                )
            replace_ids += ids
        if errors:
            raise FileRefused(errors)
        return replace_ids

    def _row(self, look: Lookups, problems: Problems, number: int, record: dict) -> Row | None:
        before = len(problems.errors)
        received = date_parse(
            problems, number, "received_date", record["received_date"], required=True
        )
        if received and received > self.today:
            problems.add(number, "received_date", _("The date is in the future."))
            received = None
        area, department = self._place(look, problems, number, record, received)
        reason_ids = self._names(
            look.reasons,
            problems,
            number,
            "reasons",
            record["reasons"],
            UNKNOWN_REASON,
        )
        if not split_names(record["reasons"]):
            problems.add(number, "reasons", _("Give at least one reason."))
        handling = None
        handling_name = text(record["handling"])
        if not handling_name:
            problems.add(number, "handling", _("The handling is empty."))
        else:
            handling = look.handling.first(handling_name)
            if handling is None:
                problems.add(
                    number,
                    "handling",
                    _("“%(name)s” is not a handling type in the list.") % {"name": handling_name},
                )
        action_ids = self._names(
            look.actions,
            problems,
            number,
            "actions",
            record["actions"],
            UNKNOWN_ACTION,
        )
        channel = look.channels.get(text(record["channel"]).casefold())
        if channel is None:
            problems.add(
                number,
                "channel",
                _("“%(value)s” is not a channel. Write one of: %(choices)s.")
                % {"value": text(record["channel"]), "choices": ", ".join(Channel.values)},
            )
        complainant = look.complainants.get(text(record["complainant"]).casefold())
        if complainant is None:
            problems.add(
                number,
                "complainant",
                _("“%(value)s” is not a kind of complainant. Write one of: %(choices)s.")
                % {
                    "value": text(record["complainant"]),
                    "choices": ", ".join(ComplainantKind.values),
                },
            )
        closed = date_parse(problems, number, "closed_date", record["closed_date"], required=False)
        if closed and received and closed < received:
            problems.add(number, "closed_date", _("The inquiry is closed before it was received."))
        if closed and closed > self.today:
            problems.add(number, "closed_date", _("The date is in the future."))
        forwarded, deadline, answered, forwarding_kind = self._forwarding(
            look, problems, number, record, received, closed, department, handling
        )
        if len(problems.errors) > before:
            return None
        assert received and area and handling and channel and complainant
        return Row(
            received,
            area.pk,
            department.pk if department else None,
            reason_ids,
            handling.pk,
            action_ids,
            channel,
            complainant,
            closed,
            forwarded,
            deadline,
            answered,
            forwarding_kind,
        )

    def _place(
        self,
        look: Lookups,
        problems: Problems,
        number: int,
        record: dict,
        received: datetime.date | None,
    ) -> tuple[Area | None, Department | None]:
        area_name = text(record["area"])
        department_name = text(record["department"])
        if not area_name:
            problems.add(number, "area", _("The area is empty."))
            return None, None
        areas = look.areas.get(area_name)
        if not areas:
            problems.add(
                number,
                "area",
                _("“%(name)s” is not an area in the organisation.") % {"name": area_name},
            )
            return None, None
        if not department_name:
            area = next((a for a in areas if received is None or a.is_valid_on(received)), None)
            if area is None:
                problems.add(
                    number,
                    "area",
                    _("%(area)s did not exist on %(date)s.")
                    % {"area": areas[0].name, "date": _date_text(received)},
                )
                return None, None
            if received and any(d.is_valid_on(received) for d in look.by_area.get(area.pk, [])):
                problems.add(
                    number,
                    "department",
                    _("The department is empty, but %(area)s has departments.")
                    % {"area": area.name},
                )
                return None, None
            return area, None
        area_ids = {a.pk for a in areas}
        found = look.departments.get(department_name)
        if not found:
            problems.add(
                number,
                "department",
                _("“%(name)s” is not a department in the organisation.")
                % {"name": department_name},
            )
            return None, None
        in_area = [d for d in found if d.area_id in area_ids]
        if not in_area:
            problems.add(
                number,
                "department",
                _("%(department)s is not under %(area)s, but under %(other)s.")
                % {
                    "department": found[0].name,
                    "area": areas[0].name,
                    "other": found[0].area.name,
                },
            )
            return None, None
        if received is None:
            return in_area[0].area, in_area[0]
        valid = [d for d in in_area if d.is_valid_on(received)]
        if not valid:
            department = in_area[0]
            problems.add(
                number,
                "department",
                _("%(department)s did not exist on %(date)s (valid %(start)s to %(end)s).")
                % {
                    "department": department.name,
                    "date": _date_text(received),
                    "start": _date_text(department.valid_from) or "…",
                    "end": _date_text(department.valid_to) or "…",
                },
            )
            return None, None
        department = valid[0]
        if not department.area.is_valid_on(received):
            problems.add(
                number,
                "area",
                _("%(area)s did not exist on %(date)s.")
                % {"area": department.area.name, "date": _date_text(received)},
            )
            return None, None
        return department.area, department

    def _names(
        self,
        names: Names,
        problems: Problems,
        number: int,
        column: str,
        value: object,
        message: StrPromise,
    ) -> tuple[int, ...]:
        ids: list[int] = []
        for name in split_names(value):  # type: ignore[arg-type]
            item = names.first(name)
            if item is None:
                problems.add(
                    number,
                    column,
                    str(message) % {"name": name},
                )
            elif item.pk not in ids:
                ids.append(item.pk)
        return tuple(ids)

    def _forwarding(
        self,
        look: Lookups,
        problems: Problems,
        number: int,
        record: dict,
        received: datetime.date | None,
        closed: datetime.date | None,
        department: Department | None,
        handling: HandlingType | None,
    ) -> tuple[datetime.date | None, datetime.date | None, datetime.date | None, str]:
        forwarded = date_parse(
            problems, number, "forwarded_date", record["forwarded_date"], required=False
        )
        deadline = date_parse(
            problems, number, "deadline_date", record["deadline_date"], required=False
        )
        answered = date_parse(
            problems, number, "answered_date", record["answered_date"], required=False
        )
        kind = Forwarding.Kind.FORWARDED
        if forwarded is None:
            for column, value in (("deadline_date", deadline), ("answered_date", answered)):
                if value is not None:
                    problems.add(number, column, _("Only a forwarded inquiry has this date."))
            return None, None, None, kind
        if received and forwarded < received:
            problems.add(
                number, "forwarded_date", _("The inquiry is forwarded before it was received.")
            )
        if forwarded > self.today:
            problems.add(number, "forwarded_date", _("The date is in the future."))
        if handling is not None:
            if handling.kind == HandlingType.Kind.DIALOGUE:
                kind = Forwarding.Kind.DIALOGUE
            elif handling.kind != HandlingType.Kind.FORWARDED:
                problems.add(
                    number,
                    "forwarded_date",
                    _(
                        "Only a dialogue case or a forwarded complaint is forwarded; the handling "
                        "is %(handling)s."
                    )
                    % {"handling": handling.name},
                )
        if department is None and text(record["department"]) == "":
            problems.add(
                number, "forwarded_date", _("A forwarding goes to a department; give one.")
            )
        if deadline is None:
            deadline = look.deadline(forwarded)
        elif deadline < forwarded:
            problems.add(
                number, "deadline_date", _("The deadline is before the inquiry was forwarded.")
            )
        if answered is not None:
            if answered < forwarded:
                problems.add(
                    number,
                    "answered_date",
                    _("The answer is dated before the inquiry was forwarded."),
                )
            if answered > self.today:
                problems.add(number, "answered_date", _("The date is in the future."))
            if closed is not None and answered > closed:
                problems.add(
                    number, "answered_date", _("The answer is dated after the inquiry was closed.")
                )
        return forwarded, deadline, answered, kind

    def write(self, plan: Plan, context: WriteContext, progress: Progress) -> dict[str, int]:
        data: InquiryPlan = plan.data
        if data.replace_ids:
            imported_delete(data.replace_ids, data.years, context, progress)
        inquiries_write(data.rows, context, progress, today=self.today)
        return plan.counts
