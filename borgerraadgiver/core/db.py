"""Database lookups that behave the same on SQLite and PostgreSQL."""

from typing import Any

from django.db.models import CharField, Lookup, TextField
from django.db.models.lookups import IContains


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


def register_lookups() -> None:
    CharField.register_lookup(UnicodeIContains)
    TextField.register_lookup(UnicodeIContains)
