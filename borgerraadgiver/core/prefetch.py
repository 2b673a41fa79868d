"""Reading an object's related lists only where it has rows.

Django's `prefetch_related` asks the database once per list, whether the list is empty or not.
A page that shows many lists of one object, most of them empty on most objects (an inquiry's
actions, changes, documents and notes), asks instead in the object's own query whether each
list has any row (`exists_flags`, one `EXISTS` each), reads only those that do, and gives the
others an empty list that answers without a query (`prefetch_present`). A list another module
reads its own way is asked for the same way, and that reader skips its query when the flag says
there is nothing (`may_have`).
"""

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import (
    BooleanField,
    CharField,
    Expression,
    F,
    ManyToManyField,
    Model,
    Prefetch,
    prefetch_related_objects,
)


def flag_name(relation: str) -> str:
    return f"has_{relation}"


def may_have(instance: Model, relation: str) -> bool:
    """Whether the instance may have rows in the related list: False only when it was read
    with its `exists_flags` flag and has none, so a reader may skip the query; True when the
    flag was not asked for."""
    return bool(getattr(instance, flag_name(relation), True))


def exists_flags(model: type[Model], relations: Iterable[str]) -> dict[str, "HasRows"]:
    """For `annotate`: `has_<relation>` for each reverse foreign key or many-to-many relation
    of `model` (its own or another model's), true when a related row exists."""
    return {flag_name(relation): _has_rows(model, relation) for relation in relations}


@functools.cache
def _has_rows(model: type[Model], relation: str) -> "HasRows":
    field: Any = model._meta.get_field(relation)
    # A many-to-many list is asked through its link table: a link row names an existing row.
    if isinstance(field, ManyToManyField):  # the model's own field
        table = field.remote_field.through._meta.db_table  # type: ignore[union-attr]
        column = field.m2m_column_name()
        key = field.m2m_target_field_name()
    elif field.many_to_many:  # another model's field, seen from this one
        table = field.through._meta.db_table
        column = field.field.m2m_reverse_name()
        key = field.field.m2m_reverse_target_field_name()
    else:
        table = field.related_model._meta.db_table
        column = field.field.column
        key = field.field.target_field.name
    return HasRows(table, column, F(key))


class HasRows(Expression):
    """`EXISTS (SELECT 1 FROM table WHERE table.column = <key>)`, written directly.

    The same as Django's `Exists(related.objects.filter(field=OuterRef("pk")))` for a related
    list (its base manager filters nothing), without a query to build and compile for each:
    the inquiry's ten flags cost its page 2.3 ms that way. The key (the row's own field the
    related rows point at) is an expression of the query, so Django resolves and relabels it
    as it does any column: it names the right row in a subquery, or through `OuterRef`."""

    output_field = BooleanField()

    def __init__(self, table: str, column: str, key: Expression | F) -> None:
        super().__init__()
        self.table, self.column, self.key = table, column, key

    def get_source_expressions(self) -> list[Any]:
        return [self.key]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.key,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        quote = connection.ops.quote_name
        key, params = compiler.compile(self.key)
        # The related table gets an alias of its own, in case it is the row's own table.
        table, column, related = quote(self.table), quote(self.column), quote("has_rows")
        sql = f"EXISTS (SELECT 1 FROM {table} {related} WHERE {related}.{column} = {key})"  # noqa: S608 - names from the models' meta, no input
        return sql, params


def related_ids(model: type[Model], relation: str) -> "RelatedIds":
    """For `annotate`: the ids of the rows a many-to-many field of `model` links a row to, as
    text ("4,17"; None for none), for `ids_of`. Cheaper than a prefetch where the linked rows
    are kept per process (`organisation.kept_instances`): no second query, no join."""
    field: Any = model._meta.get_field(relation)
    if not isinstance(field, ManyToManyField):
        raise TypeError(f"{model.__name__}.{relation} is not a many-to-many field of its own")
    through = field.remote_field.through._meta  # type: ignore[union-attr]
    return RelatedIds(
        through.db_table,
        field.m2m_column_name(),
        field.m2m_reverse_name(),
        F(field.m2m_target_field_name()),
    )


def ids_of(value: str | None) -> list[int]:
    """The ids `related_ids` gave, as numbers."""
    return [int(part) for part in value.split(",")] if value else []


class RelatedIds(Expression):
    """`(SELECT <the ids joined by commas> FROM table WHERE table.column = <key>)`, written
    directly as `HasRows` is."""

    output_field = CharField()

    def __init__(self, table: str, column: str, target: str, key: Expression | F) -> None:
        super().__init__()
        self.table, self.column, self.target, self.key = table, column, target, key

    def get_source_expressions(self) -> list[Any]:
        return [self.key]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.key,) = exprs

    def as_sql(
        self, compiler: Any, connection: Any, joined: str = "string_agg({}::text, ',')"
    ) -> tuple[str, Any]:
        quote = connection.ops.quote_name
        key, params = compiler.compile(self.key)
        table, column, linked = quote(self.table), quote(self.column), quote("linked")
        ids = joined.format(f"{linked}.{quote(self.target)}")
        sql = f"(SELECT {ids} FROM {table} {linked} WHERE {linked}.{column} = {key})"  # noqa: S608 - names from the models' meta, no input
        return sql, params

    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        return self.as_sql(compiler, connection, joined="group_concat({}, ',')")


def list_set(instance: Model, relation: str, rows: Sequence[Model]) -> None:
    """The related list as if prefetched with these rows: `all()` gives them without a query,
    and a new query on the list (`filter`, `order_by`) asks the database."""
    manager: Any = getattr(instance, relation)
    listed = manager.get_queryset()
    listed._result_cache = list(rows)
    listed._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[manager.prefetch_cache_name] = (
        listed
    )


def prefetch_present(instances: Model | Sequence[Model], lookups: Sequence[Prefetch]) -> None:
    """Read each list for the instances whose `has_<relation>` flag (from `exists_flags`) is
    true, in one query per list, none when no instance has rows; the others' lists become
    empty as Django's prefetch leaves them: `all()`, `count()` and `exists()` answer without a
    query, and a new query on the list (`filter`, `order_by`) asks the database, so it sees
    rows written since."""
    many = [instances] if isinstance(instances, Model) else list(instances)
    for lookup in lookups:
        flag = flag_name(lookup.prefetch_to)
        present = [instance for instance in many if getattr(instance, flag)]
        if present:
            prefetch_related_objects(present, lookup)
        for instance in many:
            if not getattr(instance, flag):
                _empty_list_set(instance, lookup)


def _empty_list_set(instance: Model, lookup: Prefetch) -> None:
    """The list as Django's prefetch leaves it when it finds no row: the Prefetch's own query
    (its filters, such as `visible_to`, and its order) for whatever is asked of it later."""
    manager: Any = getattr(instance, lookup.prefetch_to)
    empty = (
        manager._apply_rel_filters(lookup.queryset)
        if lookup.queryset is not None
        else manager.get_queryset()
    )
    empty._result_cache = []
    empty._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[lookup.prefetch_to] = empty
