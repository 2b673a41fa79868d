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

from django.db.models import Exists, Model, OuterRef, Prefetch, prefetch_related_objects


def flag_name(relation: str) -> str:
    return f"has_{relation}"


def may_have(instance: Model, relation: str) -> bool:
    """Whether the instance may have rows in the related list: False only when it was read
    with its `exists_flags` flag and has none, so a reader may skip the query; True when the
    flag was not asked for."""
    return bool(getattr(instance, flag_name(relation), True))


def exists_flags(model: type[Model], relations: Iterable[str]) -> dict[str, Exists]:
    """For `annotate`: `has_<relation>` for each reverse foreign key of `model`, true when a
    related row exists. Built once per process: `annotate` resolves a copy of each."""
    return dict(_exists_flags(model, tuple(relations)))


@functools.cache
def _exists_flags(model: type[Model], relations: tuple[str, ...]) -> dict[str, Exists]:
    flags = {}
    for relation in relations:
        field = model._meta.get_field(relation)
        related: Any = field.related_model
        rows = related._base_manager.filter(**{field.field.name: OuterRef("pk")})  # type: ignore[union-attr]
        flags[flag_name(relation)] = Exists(rows)
    return flags


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
                _empty_list_set(instance, lookup.prefetch_to)


def _empty_list_set(instance: Model, relation: str) -> None:
    empty = getattr(instance, relation).all()
    empty._result_cache = []
    empty._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = empty
