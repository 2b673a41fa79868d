"""The login sessions: Django's database store, reading a session by one plain query.

Every logged-in request reads its session before anything else. Django's store asks through the
ORM (`Session.objects.get(...)`), which builds and compiles the same query again on every
request: a tenth of the instructions of the plainest staff page (bench/README.md, fourteenth
pass). Here the query is written once and finds the same row: the session of this key that has
not expired. Saving, expiry, clearing and the asynchronous paths are Django's
(`SESSION_ENGINE = "borgerraadgiver.accounts.sessions"`).
"""

import functools
from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        data = self._session_data_from_db()
        return self.decode(data) if data is not None else {}

    def _session_data_from_db(self) -> str | None:
        """The session's data, or None (then with no key, as Django's store does) when there is
        no such session or it has expired."""
        key = self.session_key
        if key is not None:
            using = router.db_for_read(self.model)
            connection = connections[using]
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            with connection.cursor() as cursor:
                cursor.execute(_statement(using), [key, now])
                row = cursor.fetchone()
            if row is not None:
                return str(row[0])
        self._session_key = None
        return None


@functools.cache
def _statement(using: str) -> str:
    model = SessionStore.get_model_class()
    quote = connections[using].ops.quote_name
    table = quote(model._meta.db_table)
    # The columns of Django's `Session` (`AbstractBaseSession`), named as its fields are.
    key, data, expiry = (quote(name) for name in ("session_key", "session_data", "expire_date"))
    return f"SELECT {data} FROM {table} WHERE {key} = %s AND {expiry} > %s"  # noqa: S608 - names
