"""How many rows a list of inquiries has, without counting the whole register row by row.

On PostgreSQL the database keeps the register's number of inquiries itself (migration
inquiries/0013): every statement that inserts or deletes inquiries adds a row of +n or −n to
`inquiries_registercount` in the same transaction, and the number is their sum. Its
`COUNT(*)` would read every row's index entry instead: 12–21 ms of the server's time per page of
the unfiltered list at 100,000 inquiries. Writers only add rows, so none waits for another; the
reader folds the rows into one once there are more than `FOLD_AFTER`. A list with any condition
is still counted by the database, as is every list on SQLite, which counts a whole table from
its b-tree in microseconds.
"""

from typing import Any

from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import QuerySet
from django.utils.functional import cached_property

from borgerraadgiver.inquiries.models import Inquiry

TABLE = "inquiries_registercount"

# Summing a few hundred rows costs the reader nothing worth folding for; every registration
# adds one, an import one per batch.
FOLD_AFTER = 200

# Replaces the rows no other transaction is folding by one row of their sum. Rows another
# fold has locked are skipped, not waited for, and rows not yet committed are not seen, so
# nothing is counted twice or lost, and no writer ever waits for a fold.
FOLD = f"""
WITH taken AS (
    SELECT id FROM {TABLE} FOR UPDATE SKIP LOCKED
), gone AS (
    DELETE FROM {TABLE} WHERE id IN (SELECT id FROM taken) RETURNING change
)
INSERT INTO {TABLE} (change) SELECT SUM(change) FROM gone HAVING COUNT(*) > 0
"""  # noqa: S608 - a constant


# The kept number and a count of the register, in one statement and so in one snapshot.
KEPT_AND_COUNTED = f"""
SELECT (SELECT COALESCE(SUM(change), 0) FROM {TABLE}), (SELECT COUNT(*) FROM inquiries_inquiry)
"""  # noqa: S608 - a constant


def register_total(using: str = "default") -> int | None:
    """The number of inquiries in the register as PostgreSQL keeps it, as this transaction
    sees the register; None on SQLite."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT SUM(change), COUNT(*) FROM {TABLE}")  # noqa: S608 - a constant
        total, rows = cursor.fetchone()
        if rows > FOLD_AFTER:
            cursor.execute(FOLD)
    return int(total or 0)


def register_count_repair(using: str = "default") -> int | None:
    """Compare the kept number with a count of the register and set it right if they differ;
    the difference found (0 when right), or None on SQLite. The scheduler's hourly job.

    Only a write made past the triggers can make them differ (a database administrator's
    `DISABLE TRIGGER`, `session_replication_role = replica`, a data-only restore with triggers
    disabled); a number too low would leave the list's last inquiries out of its pages. The
    two are read in one statement, so in one snapshot, without a lock; only a difference locks
    the inquiries against writes for the count (inquiries first, then the number's table, the
    order every writer and `TRUNCATE` keep).
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(KEPT_AND_COUNTED)
        kept, counted = cursor.fetchone()
        if kept == counted:
            return 0
        with transaction.atomic(using=using):
            cursor.execute("LOCK TABLE inquiries_inquiry IN SHARE ROW EXCLUSIVE MODE")
            cursor.execute(f"LOCK TABLE {TABLE} IN EXCLUSIVE MODE")
            cursor.execute(KEPT_AND_COUNTED)
            kept, counted = cursor.fetchone()
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 - a constant
            cursor.execute(f"INSERT INTO {TABLE} (change) VALUES (%s)", [counted])  # noqa: S608
    return int(counted - kept)


def is_whole_register(queryset: QuerySet[Any]) -> bool:
    """Whether the query is every inquiry, once each: no condition, no limit, no DISTINCT, no
    grouping, no other table, and no column but the inquiry's own (a related list's column
    would repeat an inquiry once per related row).

    Asked of the query itself rather than of the filters a page offers, so that a filter added
    later can never be counted as the whole register. An empty list (`none()`) has a condition.
    """
    query = queryset.query
    return (
        queryset.model is Inquiry
        and not query.where
        and not query.distinct
        and not query.combinator
        and query.group_by is None
        and not query.extra_tables
        and all("__" not in column for column in query.values_select)
        and query.low_mark == 0
        and query.high_mark is None
    )


def count_of(queryset: QuerySet[Any]) -> int:
    """The number of rows of a list of inquiries: the register's number when it is the whole
    register and the database keeps that number, else the database's count."""
    if is_whole_register(queryset):
        total = register_total(queryset.db)
        if total is not None:
            return total
    return queryset.count()


class InquiryPaginator(Paginator):
    """Django's paginator, counting a list of inquiries by `count_of`."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return count_of(self.object_list)
        return len(self.object_list)
