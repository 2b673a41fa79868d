"""Each inquiry's search text on PostgreSQL: its case number, summary and person's name and
e-mail in capitals in one column with one trigram index, kept by triggers (migration 0014).

Django's model does not know the column, so no save writes it; `SearchText` names it in a
query, on whatever alias the query gives the inquiries' table.
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Expression, F, Q, TextField, Value
from django.db.models.functions import Upper
from django.db.models.lookups import Contains

from borgerraadgiver.inquiries.models import Inquiry

COLUMN = "search_text"


def available(vendor: str | None = None) -> bool:
    return (vendor or connection.vendor) == "postgresql"


class SearchText(Expression):
    """The search text of the query's own inquiry.

    Its key is the primary key as a source expression, so Django resolves it to the inquiries'
    table as the query names it (an alias in a subquery) and relabels it with the query; the
    column is then read from that table. Only an inquiry's own query has the column.
    """

    output_field = TextField()

    def __init__(self) -> None:
        super().__init__()
        self.key: Any = F("pk")

    def get_source_expressions(self) -> list[Any]:
        return [self.key]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.key,) = exprs

    def resolve_expression(self, *args: Any, **kwargs: Any) -> "SearchText":
        resolved = super().resolve_expression(*args, **kwargs)
        target = getattr(resolved.key, "target", None)
        if target is None or target.model is not Inquiry or not target.primary_key:
            raise ValueError("SearchText is a column of the inquiries' table: use it on Inquiry.")
        return resolved

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        key_sql, params = compiler.compile(self.key)
        table, _dot, _column = key_sql.rpartition(".")
        return f"{table}.{connection.ops.quote_name(COLUMN)}", params


def containing(term: str) -> Q:
    """Inquiries whose search text holds `term` in any case: the text is kept in capitals and
    the term is put in capitals by the same function (PostgreSQL's UPPER), so Æ, Ø, Å and every
    other letter fold as in a search of each column."""
    return Q(Contains(SearchText(), Upper(Value(term))))
