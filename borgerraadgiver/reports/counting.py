"""How the report's figures are counted: the rules every figure follows, a figure's definition
as its field's metadata (`counted`), and the one rounding of a share (`percent_of`)."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# The rules every figure follows; printed above the table of the figures.
COUNTING_RULES = (
    "An inquiry belongs to the period of its date received (`received_date`); so do its "
    "reasons and its counted actions, whatever the action's own date.",
    "Names are the display names the administrator entered, with the name an area or "
    "department has in the register (a department renamed in 2024 reports 2023 under its old "
    "name). Lists are in the administrator's order (`sort_order`, then name), not by count.",
    "Aggregates only: no person, summary or case number is read. The statistics do not start "
    "from `Inquiry.objects.visible_to(user)` on purpose: report readers may see the aggregates "
    "of every inquiry but no inquiry.",
    "An area or department filter narrows every figure to the inquiries registered there; the "
    "forwarding figures to the forwardings sent to a department there.",
)


def counted(how: str, *, key: str | None = None) -> dict[str, Any]:
    """A figure's definition, as its field's metadata: how it is counted, and its JSON key
    when that is not the field's name."""
    return {"counted": how, "key": key}


def percent_of(count: int, total: int) -> int:
    """A whole percentage rounded half up, as the report prints it; 0 of nothing is 0."""
    if not total:
        return 0
    return int((Decimal(count) * 100 / Decimal(total)).quantize(Decimal(1), ROUND_HALF_UP))
