"""Rows of a kept table as instances of a request's own, without a query or a join (issue 18).

A page that shows an inquiry shows its area, department, handling type, reasons and advisor:
rows of tables every process keeps (`organisation.kept`). Joining them into the inquiry's query
cost the inquiry page 15 % of its instructions, in building and compiling the query and in
making their instances. Here they are made from the kept rows instead, as Django makes them
from a query's row (`Model.from_db`), so that what a request does with its instance (a form
that sets a field, a cache on it) is its own and never reaches another request.

A row made since the process last read its table (a reason added in another process, after
this request read its tokens) is read again with the list, and one written past the triggers
from the database, as `kept.kept_names` does.
"""

import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from borgerraadgiver.organisation.kept import forget, kept_derived

M = TypeVar("M", bound=Model)
R = TypeVar("R", bound=Model)
Rows = Mapping[Any, tuple[int, tuple[Any, ...]]]  # each row by its key, with its place
Reading = tuple[QuerySet[Any], tuple[str, ...]]  # the query and the columns it reads


def kept_instance(model: type[M], pk: Any, *, columns: tuple[str, ...] = ()) -> M | None:
    """The row with this primary key as an instance of its own, or None if there is none.

    `columns`: only these columns are kept (and the key); the instance reads any other from the
    database if asked, as a deferred field."""
    if pk is None:
        return None
    found = kept_instances(model, (pk,), columns=columns)
    return found[0] if found else None


def kept_instance_get(model: type[M], pk: Any) -> M:
    """As `kept_instance`, for a key that names a row (a foreign key that cannot be empty):
    `model.DoesNotExist` if it names none, as `QuerySet.get` raises."""
    found = kept_instance(model, pk)
    if found is None:
        raise model.DoesNotExist(f"{model._meta.object_name} {pk} does not exist")  # type: ignore[attr-defined]
    return found


class KeptByPk(dict[Any, M]):
    """Instances made from the kept rows as they are asked for, each once: for the many rows of
    a page that name a few of a list's rows (a forwarding's area and department). The kept rows
    are looked up once (their tokens read once, even outside a request: a streamed download)."""

    def __init__(self, model: type[M]) -> None:
        super().__init__()
        self.model = model
        self.rows: Rows | None = None

    def __missing__(self, pk: Any) -> M:
        if self.rows is None:
            self.rows = _by_pk(self.model, ())
        if pk in self.rows:
            query, names = _every_row(self.model, ())
            instance = self.model.from_db(query.db, names, self.rows[pk][1])
        else:  # made since: read again, as `kept_instances` does
            instance = kept_instance_get(self.model, pk)
        self[pk] = instance
        return instance


def kept_attaching(rows: Iterable[R], *fields: str) -> Iterator[R]:
    """Each row, its foreign keys `fields` (to kept tables) set to instances made from the kept
    rows, each row named once (`KeptByPk`): in place of `select_related`, without the join and
    the columns it reads. Lazily, for rows read in chunks (a streamed download)."""
    named: dict[str, tuple[str, KeptByPk[Any]]] = {}
    for row in rows:
        if not named:
            for name in fields:
                field: Any = row._meta.get_field(name)
                named[name] = (field.attname, KeptByPk(field.related_model))
        for name, (attname, instances) in named.items():
            key = getattr(row, attname)
            setattr(row, name, None if key is None else instances[key])
        yield row


def kept_attach(rows: Iterable[Model], *fields: str) -> None:
    """`kept_attaching`, at once."""
    for _row in kept_attaching(rows, *fields):
        pass


def kept_instances(model: type[M], pks: Iterable[Any], *, columns: tuple[str, ...] = ()) -> list[M]:
    """The rows with these primary keys as instances of their own, in the table's kept order
    (by name where the table has names: the order the inquiry's page has always shown its reasons
    in, not the lists' own `sort_order`); a key of no row is left out."""
    wanted = set(pks)
    rows = _by_pk(model, columns)
    if not wanted <= rows.keys():
        forget()  # the tokens again: the table may have changed since this request read them
        rows = _by_pk(model, columns)
    query, names = _every_row(model, columns)
    found = sorted((rows[pk] for pk in wanted if pk in rows), key=lambda kept: kept[0])
    instances = [model.from_db(query.db, names, row) for _position, row in found]
    if missing := wanted - rows.keys():
        # Written past the triggers (SQL, a restore): the database's rows, after the kept ones.
        instances.extend(model._default_manager.filter(pk__in=missing).order_by("pk"))
    return instances


def _by_pk(model: type[Model], columns: tuple[str, ...]) -> Rows:
    """Each kept row by its key, with its place in the table's order."""
    query, names = _every_row(model, columns)
    at = names.index(model._meta.pk.attname)
    key = f"instances.{model._meta.label_lower}:{','.join(columns)}"
    return kept_derived(
        key, query, lambda rows: {row[at]: (place, row) for place, row in enumerate(rows)}
    )


@functools.cache
def _every_row(model: type[Model], columns: tuple[str, ...]) -> Reading:
    """Every row's columns in the order `from_db` takes them; built once a process (a query is
    cloned before it is read)."""
    names = tuple(
        field.attname
        for field in model._meta.concrete_fields
        if not columns or field.attname in columns or field.primary_key
    )
    fields = {field.name for field in model._meta.concrete_fields}
    order = ("name", "pk") if "name" in fields else ("pk",)
    return model._default_manager.order_by(*order).values_list(*names), names
