"""The survey link's token: random, shown once, stored only as a hash.

>>> token = token_new()
>>> len(token) >= 43 and token_hash(token) == token_hash(token) != token
True
"""

import hashlib
import re
import secrets

# token_urlsafe(32): 256 random bits, in letters, digits, "-" and "_".
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def token_new() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the database keeps: without the link, the hash leads nowhere."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_looks_valid(token: str) -> bool:
    """A quick refusal of what cannot be a token, before the database is asked.

    >>> token_looks_valid("x" * 43), token_looks_valid("x" * 10), token_looks_valid("é" * 43)
    (True, False, False)
    """
    return bool(_TOKEN.fullmatch(token))
