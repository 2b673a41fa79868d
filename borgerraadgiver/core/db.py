"""Database lookups that behave the same on SQLite and PostgreSQL."""

import datetime
import decimal
import uuid
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Field, ForeignObject, Lookup, TextField
from django.db.models.expressions import ColPairs
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import IContains, In
from django.db.models.sql.query import Query


def _glob_class(character: str) -> str:
    """One character of a GLOB pattern that matches it in either case, taken literally."""
    if character in "*?[":
        return f"[{character}]"
    if character == "]":
        return "[]]"
    lower, upper = character.lower(), character.upper()
    if lower != upper and len(lower) == 1 and len(upper) == 1:
        return f"[{lower}{upper}]"
    return character


class UnicodeIContains(Lookup):
    """Case-insensitive 'contains' that folds Æ, Ø, Å and every other letter: `name__ucontains`.

    SQLite's LIKE folds only ASCII letters, so `icontains` there misses "Ørsted" for "ørsted".
    On SQLite an ASCII term is plain `icontains`; otherwise a LIKE with `_` for each non-ASCII
    letter narrows the rows fast, and a GLOB with a two-case class per letter checks the few left.
    Both run in SQLite's own code. Elsewhere it is `icontains` (PostgreSQL folds all of Unicode).
    """

    lookup_name = "ucontains"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        return IContains(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_sqlite(self, compiler: Any, connection: Any) -> Any:
        term = str(self.rhs)
        if term.isascii():
            return self.as_sql(compiler, connection)
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        like = "".join(
            "_" if not character.isascii() else _like_literal(character) for character in term
        )
        glob = "".join(_glob_class(character) for character in term)
        return (
            f"({lhs_sql} LIKE %s ESCAPE '\\' AND {lhs_sql} GLOB %s)",
            [*lhs_params, f"%{like}%", *lhs_params, f"*{glob}*"],
        )


def _like_literal(character: str) -> str:
    return f"\\{character}" if character in "%_\\" else character


# What PostgreSQL takes as one array of a type, by the kind of the values; psycopg names the
# array's type from them (int8[] for Django's wrapper of a bigint column's values, date[], …;
# text is left for PostgreSQL to read as the column's type). A bool is an int and is left out;
# a datetime is a date and comes first. A choice (`Inquiry.Status.OPEN`) is a str.
_ARRAY_KINDS = (
    int,
    str,
    decimal.Decimal,
    uuid.UUID,
    datetime.datetime,
    datetime.date,
    datetime.time,
)


def _array_kind(value: object) -> type | None:
    if isinstance(value, bool):
        return None
    return next((kind for kind in _ARRAY_KINDS if isinstance(value, kind)), None)


class ArrayIn(In):
    """`__in` with a list of values: on PostgreSQL `column = ANY(%s)`, the list as one array.

    PostgreSQL takes at most 65,535 values apart from a statement's text (server-side binding,
    settings' PG_PREPARED_STATEMENTS), and Django 5.2 writes one per item of an `IN` list: a
    delete of many rows, whose related rows Django finds by one `IN` of all their ids, or a
    long list of ids would fail. As one array it is one value however long the list, and one
    statement text for every length, so that a prepared statement serves them all (PostgreSQL
    itself turns `IN (…)` into `= ANY(ARRAY[…])`). A list with an expression, a bool or values
    of two kinds, and every other database, keep Django's `IN`.
    """

    def as_postgresql(self, compiler: Any, connection: Any) -> Any:
        if isinstance(self.lhs, ColPairs) or not self.rhs_is_direct_value():
            return self.as_sql(compiler, connection)  # a composite key, a subquery: Django's
        placeholder, values = self.process_rhs(compiler, connection)
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        kind = _array_kind(values[0])
        if (
            kind is not None
            and all(_array_kind(value) is kind for value in values)
            and placeholder == f"({', '.join(['%s'] * len(values))})"
        ):
            return f"{lhs_sql} = ANY(%s)", (*lhs_params, list(values))
        # Django's IN, as In.as_sql writes it from the same two parts.
        return f"{lhs_sql} {self.get_rhs_op(connection, placeholder)}", (*lhs_params, *values)


class RelatedArrayIn(ArrayIn, RelatedIn):
    """`__in` on a foreign key (objects as well as ids), as one array on PostgreSQL."""


class AmongFound(ArrayIn):
    """`pk__among=subquery`: `IN`, with the subquery run first on PostgreSQL.

    For a search's few thousand ids sorted by another column, PostgreSQL's planner hashes the
    subquery and reads the whole table's index beside it (24–25 ms in psql for a common surname
    at 100,000 inquiries, more where pages changed since the last vacuum); `= ANY(ARRAY(…))`
    runs the subquery once and fetches its rows by primary key (15–16 ms). The same for the
    inquiries of the people a search finds: as `IN`, the planner may hash the people and read
    the whole register beside them. SQLite already looks each id up: plain `IN`.
    """

    lookup_name = "among"

    def as_postgresql(self, compiler: Any, connection: Any) -> Any:
        if not isinstance(self.rhs, Query):  # a list of values or an expression: as `__in`
            return super().as_postgresql(compiler, connection)
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} = ANY(ARRAY{rhs_sql})", [*lhs_params, *rhs_params]


class RelatedAmongFound(AmongFound, RelatedArrayIn):
    """`among` on a foreign key, as `__in` is there: objects as well as ids, and a queryset
    of the related model selecting the key the foreign key points at."""


def register_lookups() -> None:
    CharField.register_lookup(UnicodeIContains)
    TextField.register_lookup(UnicodeIContains)
    Field.register_lookup(ArrayIn)
    Field.register_lookup(AmongFound)
    # A foreign key takes only the related lookups that ForeignObject itself registers.
    ForeignObject.register_lookup(RelatedArrayIn)
    ForeignObject.register_lookup(RelatedAmongFound)


def plain_rows(queryset: Any) -> list[Any]:
    """The rows of a `values_list()` query as the database gives them (tuples), read in one
    fetch. The ORM reads a hundred rows a fetch and makes each one through its iterators: for a
    search's 3,000 ids, a twentieth of the page (issue 18). No field's converters are applied:
    for ids and other numbers and text."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # a condition no row can meet (`none()`, `__in` an empty list)
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def first_column(queryset: Any) -> list[Any]:
    """The first column of every row of `queryset` (`values_list("pk", flat=True)`, say), read
    as `plain_rows` reads them."""
    return [row[0] for row in plain_rows(queryset)]
