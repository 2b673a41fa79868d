"""The organisation's lists as each process last read them, read again only when they change.

Every staff page draws some of the office's lists (the office in the header, the list page's
four filter boxes, the registration page's seven lists), and each was a query of about a
millisecond of the app's CPU on every page, for lists that change a few times a year (issue 18).

The database keeps a token beside the lists (`organisation_listsversion`): triggers write a new
random one in the same transaction as every insert, update or delete of a list's row
(migration organisation/0011 on PostgreSQL, `organisation.kept_sqlite` on SQLite). Other tables
read on every page are kept the same way, each group under its own token (`TOKEN_OF`): the
users and their devices (`accounts.kept`), the web form's submissions (the menu's count). A
process keeps the rows it read under the tokens it read before them, and a page reads the
tokens (one plain query, once a request) and uses the kept rows only while they are the same.
So a page never shows a list older than what its own transaction could read, whichever process
or import changed it, and a change rolled back leaves the token the kept rows were read under.

The rows are shared by every request of the process: read them, never change or save them.
Within one request the token is read once (`KeptListsMiddleware`), and again in every
transaction; a request that changes a list through `QuerySet.update()` outside a transaction and
then draws it calls `forget()` (a saved or deleted row does so itself, by signal). A change
written past the triggers shows within `KEEP_SECONDS`.
"""

import functools
import itertools
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any, TypeVar

from django.apps import apps
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.http import HttpRequest, HttpResponse

TABLE = "organisation_listsversion"
T = TypeVar("T")

# Who manages which department or area: the accounts' side of the organisation, asked on every
# staff page (is the user a manager?) and changed when a manager comes or goes. Their triggers
# are made by migration accounts/0008 on PostgreSQL.
MANAGERS = frozenset({"accounts_user_managed_departments", "accounts_user_managed_areas"})
# The users and the second-factor devices a session was verified with: every staff request loads
# both (accounts.kept). Their triggers are made by migration accounts/0009 on PostgreSQL.
ACCOUNTS = frozenset({"accounts_user", "otp_totp_totpdevice", "otp_static_staticdevice"})
# The web form's submissions: the menu counts those waiting on every advisor page
# (intake.selectors). Their trigger is made by migration intake/0004 on PostgreSQL.
INBOX = frozenset({"intake_submission"})

# Each group of tables has its own token (a row of the token's table): a change gives a new token
# to its own group only, so a login or a citizen's submission does not make every process read
# the organisation's lists again. A kept query is kept under the tokens of the groups it reads.
ORGANISATION_TOKEN, ACCOUNTS_TOKEN, INBOX_TOKEN = 1, 2, 3
# The organisation's lists (migration organisation/0011) and the office's closing days (/0013).
ORGANISATION = frozenset(
    {
        "organisation_office",
        "organisation_closingday",
        "organisation_area",
        "organisation_department",
        "organisation_reason",
        "organisation_handlingtype",
        "organisation_action",
        "organisation_activitykind",
        "organisation_referralbody",
        "organisation_referralsource",
    }
)
TOKEN_OF = {
    **dict.fromkeys(ORGANISATION | MANAGERS, ORGANISATION_TOKEN),
    **dict.fromkeys(ACCOUNTS, ACCOUNTS_TOKEN),
    **dict.fromkeys(INBOX, INBOX_TOKEN),
}
# The tables whose rows may be kept: each has the triggers. A query that reads any other table
# is refused, for nothing would tell the process that its rows changed.
LISTS = frozenset(TOKEN_OF)

# Kept rows older than this are read again even with the same token: a change written past the
# triggers (`session_replication_role = replica`, a trigger disabled by hand, logical
# replication's apply) shows within this time, not never.
KEEP_SECONDS = 300.0

Tokens = Mapping[int, str]

# By database, by key: when the rows were read, the groups the query reads, their tokens then,
# and the rows.
_Entry = tuple[float, tuple[int, ...], tuple[str | None, ...], tuple[Any, ...]]
_kept: dict[str, dict[str, _Entry]] = {}
# A new number whenever rows are read into `_kept` or dropped from it (`kept_number`).
_numbers = itertools.count(1)
_generation = 0
_table_present: dict[str, bool] = {}

# The tokens each database had when this request first asked, with the transaction they were
# read in; None outside a request.
_request_tokens: ContextVar[dict[str, tuple[object, Tokens | None, object]] | None] = ContextVar(
    "kept_lists_tokens", default=None
)


class _Transaction:
    """Marks the transaction (or savepoint) a token was read in: an on-commit callback that does
    nothing. Django drops it when the transaction commits or rolls back, or the savepoint it
    was made in rolls back, so a token read in one transaction is never taken for another's,
    even where both have the same depth (two `atomic()` blocks one after the other)."""

    def __call__(self) -> None:
        pass

    def open_on(self, connection: Any) -> bool:
        return any(entry[1] is self for entry in reversed(connection.run_on_commit))


def token(
    using: str = "default", *, group: int = ORGANISATION_TOKEN, fresh: bool = False
) -> str | None:
    """The token of a group of tables (`TOKEN_OF`) as this transaction sees it; None where the
    database has none (before organisation/0011, or on SQLite before a first `migrate`)."""
    present = tokens(using, fresh=fresh)
    return None if present is None else present.get(group)


def tokens(using: str = "default", *, fresh: bool = False) -> Tokens | None:
    """Every group's token, by group, as this transaction sees them (one query).

    Read once a request, and again in each transaction or savepoint the request enters: one that
    changed a list sees its own new token, so what it reads is kept under a token that exists
    for others only if it commits, and after a rollback the request reads the token it had.
    `fresh` reads them whatever this request read before."""
    connection = connections[using]
    where = (connection.in_atomic_block, tuple(connection.savepoint_ids))
    memo = _request_tokens.get()
    if not fresh and memo is not None and using in memo:
        read_where, value, transaction = memo[using]
        if read_where == where and (transaction is None or transaction.open_on(connection)):  # type: ignore[attr-defined]
            return value
    value = _read_tokens(using)
    if memo is not None:
        transaction = None
        if connection.in_atomic_block:
            transaction = _Transaction()
            connection.on_commit(transaction)
        memo[using] = (where, value, transaction)
    return value


def _read_tokens(using: str) -> Tokens | None:
    connection = connections[using]
    if not _table_present.get(using):
        # Once a process: a server started before `migrate` shows its pages, reading each time.
        with connection.cursor() as cursor:
            if TABLE not in connection.introspection.table_names(cursor):
                return None
        _table_present[using] = True
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, token FROM {TABLE}")  # noqa: S608 - a constant
        return MappingProxyType(dict(cursor.fetchall()))


def lists_lock(using: str = "default", *, group: int = ORGANISATION_TOKEN) -> None:
    """Take the token's row a change of `group`'s tables takes first (organisation/0012): the
    first token's for the lists, the managers, users and devices; the inbox's for submissions.
    A transaction that locks a kept row (`select_for_update`) and then changes a kept table calls
    this first, to queue behind the others rather than deadlock with one that took the token
    and waits for that row. SQLite writes one transaction at a time: nothing to take there."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return
    first = INBOX_TOKEN if group == INBOX_TOKEN else ORGANISATION_TOKEN
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {TABLE} WHERE id = %s FOR UPDATE", [first])  # noqa: S608


def kept_rows(key: str, queryset: QuerySet[Any]) -> tuple[Any, ...]:
    """The rows of `queryset`, as last read under the present tokens of the tables it reads.

    `key` names the query: the same key must always mean the same query (and a query that
    depends on a value has the value in its key). Read-only rows, shared by every request. A
    query that reads any table but the lists' is refused when it is read.
    """
    using = queryset.db
    present = tokens(using)
    kept = _kept.setdefault(using, {})
    now = time.monotonic()
    if present is not None and key in kept:
        read_at, groups, read_under, rows = kept[key]
        if now - read_at < KEEP_SECONDS and read_under == _of(present, groups):
            return rows
    groups = _groups_of(queryset)
    if present is None or None in _of(present, groups):
        return tuple(queryset.all())  # no token to keep them under
    if connections[using].in_atomic_block:
        # The tokens again, just before the rows: a change in this transaction that sent no
        # signal (`update()`, `bulk_create()`, SQL) gave it a token this request has not
        # read, and its rows must be kept under that one, which others see only if it
        # commits. (Outside a transaction such a change is committed, with its token.)
        present = tokens(using, fresh=True) or {}
    read_under = _of(present, groups)
    # Read after the tokens: the rows are at least as new as the tokens they are kept under.
    rows = tuple(queryset.all())
    if None not in read_under:
        if key not in kept and len(kept) >= KEPT_MAX:
            _make_room(kept, present)
        kept[key] = (now, groups, read_under, rows)
        _renumber()
    return rows


# Keys a process keeps rows of, at most: a key may name a value (a day), so keys come and go.
KEPT_MAX = 512


def _make_room(kept: dict[str, _Entry], present: Tokens) -> None:
    """Drop the stale, then the first kept: from a copy, passing over keys gone (threads)."""
    for key, (_read_at, groups, read_under, _rows) in list(kept.items()):
        if read_under != _of(present, groups):
            kept.pop(key, None)
    for key in list(kept)[: max(0, len(kept) - KEPT_MAX + 1)]:
        kept.pop(key, None)


def _of(present: Tokens, groups: tuple[int, ...]) -> tuple[str | None, ...]:
    return tuple(present.get(group) for group in groups)


_derived: dict[str, tuple[tuple[Any, ...], Any]] = {}


def kept_derived(key: str, queryset: QuerySet[Any], derive: Callable[[tuple[Any, ...]], T]) -> T:
    """What `derive` makes of `kept_rows(key, queryset)` (a mapping by id, say), made again only
    when the rows are read again; read-only, shared by every request as the rows are."""
    rows = kept_rows(key, queryset)
    memo = _derived.get(key)
    if memo is None or memo[0] is not rows:
        memo = _derived[key] = (rows, derive(rows))
    return memo[1]


def kept_names(model: type[Model], ids: Iterable[int]) -> Mapping[int, str]:
    """The names of a list's rows by id (areas, departments, reasons, handling types…) in the
    database's order of the names, kept as `kept_rows` keeps rows; read-only. Holds every id in
    `ids` that exists: rows read before this request read the token may name a list's row made
    since, and then the token and the list are read again (and the rows a change past the
    triggers made, from the database)."""
    wanted = set(ids)
    names = _kept_names(model)
    if wanted <= names.keys():
        return names
    forget()
    names = _kept_names(model)
    missing = wanted - names.keys()
    if not missing:
        return names
    found = model._default_manager.filter(pk__in=missing).values_list("id", "name")
    return {**names, **dict(found)}


def _kept_names(model: type[Model]) -> Mapping[int, str]:
    key = f"names.{model._meta.label_lower}"
    return kept_derived(key, _names_query(model), lambda rows: MappingProxyType(dict(rows)))


@functools.cache
def _names_query(model: type[Model]) -> QuerySet[Any]:
    """Built once a process (a query is cloned before it is read): building it was a tenth of a
    millisecond a list, on every page."""
    return model._default_manager.order_by("name").values_list("id", "name")


# Every table a compiled query names: its own, its joins (those `select_related` and `order_by`
# add too) and those of its subqueries (`__in` a query, `Exists`, `Subquery`).
_NAMED_TABLE = re.compile(r'(?:FROM|JOIN)\s+"([^"]+)"')


def _groups_of(queryset: QuerySet[Any]) -> tuple[int, ...]:
    """The token groups of the tables the query reads; ValueError unless every one is a list's:
    nothing would tell the process that another table's rows changed."""
    query = queryset.query.chain()  # compiled on a copy: a kept query may be built once
    if query.extra_tables or query.combinator or queryset._prefetch_related_lookups:  # type: ignore[attr-defined]
        raise ValueError("Not kept per process: extra tables, a union or a prefetch")
    sql, _params = query.get_compiler(queryset.db).as_sql()
    tables = set(_NAMED_TABLE.findall(sql))
    if not tables or not tables <= LISTS:
        raise ValueError(f"Not kept per process: {', '.join(sorted(tables - LISTS))}")
    return tuple(sorted({TOKEN_OF[table] for table in tables}))


def forget() -> None:
    """Read the token again at the next question (after a change of a list without a signal)."""
    memo = _request_tokens.get()
    if memo is not None:
        memo.clear()


def forget_every_row() -> None:
    """Drop every row this process keeps (the tests, between one test and the next)."""
    _kept.clear()
    _renumber()


def _renumber() -> None:
    global _generation  # one number for the process, as `_kept` is one dictionary
    _generation = next(_numbers)


def kept_number() -> int:
    """A number that changes whenever this process reads rows into what it keeps or drops them
    (`organisation.drawing`: a drawing made from kept rows is kept while it stays the same)."""
    return _generation


def kept_fresh_until(using: str = "default", *, since: float) -> float:
    """When the oldest rows this process keeps that were fresh at `since` (`time.monotonic()`)
    are read again: a thing made from kept rows at `since` is as fresh as these. Rows already
    older at `since` could not have been used without being read again."""
    read_at = [entry[0] for entry in list(_kept.get(using, {}).values())]
    fresh = [at for at in read_at if since - at < KEEP_SECONDS]
    return min(fresh, default=since) + KEEP_SECONDS


def _forget_on_change(sender: type[Model], **kwargs: Any) -> None:
    forget()


def _lock_before_delete(sender: type[Model], using: str = "default", **kwargs: Any) -> None:
    """Django's delete collector changes the rows that point at a kept row (set to null,
    deleted at once) before the kept table's statement takes the token: take it first, as
    `lists_lock` says, before any of them (the collector's transaction is open)."""
    lists_lock(using, group=TOKEN_OF[sender._meta.db_table])


def connect_signals() -> None:
    """A saved or deleted row of a list, or a manager added or removed, makes this request read
    the token again. Connected to the lists' models only: a receiver of every model's deletes
    would cost every bulk delete Django's fast path (one DELETE), reading each row first."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table in LISTS:
            label = model._meta.label_lower
            post_save.connect(_forget_on_change, sender=model, dispatch_uid=f"kept.saved.{label}")
            post_delete.connect(
                _forget_on_change, sender=model, dispatch_uid=f"kept.deleted.{label}"
            )
            pre_delete.connect(
                _lock_before_delete, sender=model, dispatch_uid=f"kept.deleting.{label}"
            )
            m2m_changed.connect(_forget_on_change, sender=model, dispatch_uid=f"kept.m2m.{label}")


@contextmanager
def tokens_read_once() -> Iterator[None]:
    """The tokens read at most once in the block (and again in each transaction it enters), as
    in a request; for work outside one (a command, a job) that reads many kept rows. Within a
    request, or such a block, nothing changes."""
    if _request_tokens.get() is not None:
        yield
        return
    reset = _request_tokens.set({})
    try:
        yield
    finally:
        _request_tokens.reset(reset)


class KeptListsMiddleware:
    """Reads the lists' token at most once a request."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reset = _request_tokens.set({})
        try:
            return self.get_response(request)
        finally:
            _request_tokens.reset(reset)
