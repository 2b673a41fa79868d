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

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borgerraadgiver.imports.base import Importer, Plan, WriteContext
from borgerraadgiver.imports.checks import (
    FileRefused,
    Problems,
    RowError,
    date_parse,
    split_names,
)
from borgerraadgiver.imports.inquiry_checks import (
    closed_check,
    forwarding_check,
    handling_check,
    kinds_check,
    names_check,
    place_check,
    referral_check,
    referred_by_check,
)
from borgerraadgiver.imports.inquiry_writes import Row, imported_delete, inquiries_write
from borgerraadgiver.imports.lookups import Lookups
from borgerraadgiver.imports.models import ImportedInquiry
from borgerraadgiver.imports.progress import Progress
from borgerraadgiver.imports.reading import Table
from borgerraadgiver.inquiries.models import Inquiry

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


class InquiryImporter(Importer):
    kind = "inquiries"
    required = COLUMNS
    optional = ("referred_to", "referred_by")

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
        area, department = place_check(look, problems, number, record, received)
        reason_ids = names_check(
            look.reasons, problems, number, "reasons", record["reasons"], UNKNOWN_REASON
        )
        if not split_names(record["reasons"]):
            problems.add(number, "reasons", _("Give at least one reason."))
        handling = handling_check(look, problems, number, record)
        action_ids = names_check(
            look.actions, problems, number, "actions", record["actions"], UNKNOWN_ACTION
        )
        channel, complainant = kinds_check(look, problems, number, record)
        closed = closed_check(problems, number, record, received=received, today=self.today)
        referral = referral_check(look, problems, number, record, area)
        referred_by = referred_by_check(look, problems, number, record)
        forwarded, deadline, answered, forwarding_kind = forwarding_check(
            look,
            problems,
            number,
            record,
            received=received,
            closed=closed,
            department=department,
            handling=handling,
            today=self.today,
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
            referral.pk if referral else None,
            referred_by.pk if referred_by else None,
        )

    def write(self, plan: Plan, context: WriteContext, progress: Progress) -> dict[str, int]:
        data: InquiryPlan = plan.data
        if data.replace_ids:
            imported_delete(data.replace_ids, data.years, context, progress)
        inquiries_write(data.rows, context, progress, today=self.today)
        return plan.counts
