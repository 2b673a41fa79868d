"""Create forms that act once: a hidden one-time token, claimed in the same transaction as the
create it guards.

The page puts a new token in the form (`OnceField`). The view wraps its one create call in
`submit_once`: the first post claims the token and makes the thing; a second post of the same
form, even one that arrives while the first is still running, waits for the first to commit and
is then told where the first one's result is (`AlreadySubmitted`). A refused create (a
ValidationError) rolls the claim back with it, so the corrected form can be sent again.
"""

import datetime
import re
import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db import connections, router, transaction
from django.db.models.constants import OnConflict
from django.db.models.sql.subqueries import InsertQuery
from django.forms.widgets import HiddenInput
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from borgerraadgiver.core.forms import form_submit
from borgerraadgiver.core.models import SubmittedForm

ONCE_FIELD = "once"
KEEP = datetime.timedelta(days=1)
# A token is a random UUID written in the letters a to p instead of hex digits: a page's text
# then holds no stray run of digits that a reader (or a test looking for a CPR or phone number
# that must not be shown) could mistake for data.
_TO_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")
_FROM_LETTERS = str.maketrans("abcdefghijklmnop", "0123456789abcdef")
_TOKEN = re.compile(r"[a-p]{32}")


def token_new() -> str:
    """A new one-time token for a form, as the page writes it.

    >>> bool(_TOKEN.fullmatch(token_new()))
    True
    """
    return uuid.uuid4().hex.translate(_TO_LETTERS)


def token_parse(text: object) -> uuid.UUID | None:
    """The token's UUID; None when `text` is not a token."""
    value = str(text or "")
    return uuid.UUID(value.translate(_FROM_LETTERS)) if _TOKEN.fullmatch(value) else None


class OnceField(forms.CharField):
    """The form's one-time token: hidden, new each time the empty form is shown; cleaned to
    its UUID, or None."""

    widget = HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", token_new)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> uuid.UUID | None:  # type: ignore[override]
        return token_parse(value)


class AlreadySubmitted(Exception):
    """The form was sent before; `url` is where its result is (empty if it is not known)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def submit_once(
    *, token: uuid.UUID | None, user: Any, now: datetime.datetime, create: Callable[[], str]
) -> str:
    """Run `create`, which returns the URL of what it made, once per token; returns that URL.

    Without a token (a program posting the form) `create` simply runs.
    """
    if token is None:
        return create()
    with transaction.atomic():
        if not _claim(token, user=user, now=now):
            earlier = SubmittedForm.objects.filter(token=token, user=user).first()
            raise AlreadySubmitted(earlier.result_url if earlier else "")
        url = create()
        SubmittedForm.objects.filter(token=token).update(result_url=url)
    return url


def _claim(token: uuid.UUID, *, user: Any, now: datetime.datetime) -> bool:
    """Write the token's row unless it is there: True when this call wrote it.

    One `INSERT … ON CONFLICT DO NOTHING` (SQLite: `INSERT OR IGNORE`), Django's own statement
    for `bulk_create(ignore_conflicts=True)`, which alone does not say whether it wrote; an
    insert that may fail needs a savepoint around it instead, two statements more (issue 18).
    On PostgreSQL a second post of the same token waits here for the first one's commit.
    """
    query = InsertQuery(SubmittedForm, on_conflict=OnConflict.IGNORE)
    query.insert_values(
        SubmittedForm._meta.local_concrete_fields,
        [SubmittedForm(token=token, user=user, submitted_at=now)],
    )
    using = router.db_for_write(SubmittedForm)
    [(sql, params)] = query.get_compiler(using=using).as_sql()
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1


def form_tokens_prune(*, now: datetime.datetime) -> int:
    """Delete the tokens used more than a day ago; how many. A scheduled job (the scheduler
    command), not a step of every form sent: a form sent again after a day is made again."""
    deleted, _per_model = SubmittedForm.objects.filter(submitted_at__lt=now - KEEP).delete()
    return deleted


def already_submitted(
    request: HttpRequest, sent: AlreadySubmitted, *, fallback: str
) -> HttpResponse:
    """The answer to a form sent twice: to what the first sending made, saying so."""
    messages.info(
        request,
        _(
            "The form was sent twice (a double click?). It was saved once; here is what the "
            "first sending made."
        ),
    )
    return redirect(sent.url or fallback)


def token_posted(data: Any) -> uuid.UUID | None:
    """The form's one-time token from posted data; None when absent or not a token."""
    return token_parse(data.get(ONCE_FIELD))


def form_submit_once(
    request: HttpRequest, form: forms.Form, call: Callable[[], object], *, result_url: str
) -> bool | HttpResponse:
    """`core.forms.form_submit` for a form that creates something, acting once per showing of
    the form: True when the call was made now; False with the errors on the form; or, when the
    same form was sent before, the answer that says so (a redirect to `result_url`)."""

    def create() -> str:
        call()
        return result_url

    try:
        return form_submit(
            form,
            lambda: submit_once(
                token=token_posted(request.POST),
                user=request.user,
                now=timezone.now(),
                create=create,
            ),
        )
    except AlreadySubmitted as sent:
        return already_submitted(request, sent, fallback=result_url)
