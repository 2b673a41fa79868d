"""The organisation's lists kept per process (issue 18): read again exactly when they changed,
whoever changed them, and never a change that was rolled back."""

import datetime
import time

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.db.models.deletion import Collector
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_manager
from borgerraadgiver.advisor.forms import InquiryEditForm, InquiryFilterForm
from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation import kept, kept_sqlite
from borgerraadgiver.organisation.kept import KeptListsMiddleware
from borgerraadgiver.organisation.models import Area, ClosingDay, Department, Office, Reason
from tests.factories import (
    AreaFactory,
    DepartmentFactory,
    InquiryFactory,
    ReasonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST_MODELS = [
    model
    for model in apps.get_app_config("organisation").get_models()
    if model._meta.db_table in kept.LISTS
]
# Who manages what: the users' many-to-many tables (tests/accounts/test_roles.py changes them).
MANAGER_MODELS = [
    model
    for model in apps.get_models(include_auto_created=True)
    if model._meta.db_table in kept.MANAGERS
]
# The users and their second-factor devices (accounts.kept; tests/accounts/test_kept_users.py).
ACCOUNT_MODELS = [model for model in apps.get_models() if model._meta.db_table in kept.ACCOUNTS]
# The web form's submissions, counted in the menu (tests/intake/test_inbox_count.py).
INBOX_MODELS = [model for model in apps.get_models() if model._meta.db_table in kept.INBOX]


def _reasons() -> list[str]:
    return [reason.name for reason in kept.kept_rows("test.reasons", Reason.objects.all())]


def _rename_behind_the_apps_back(reason: Reason, name: str) -> None:
    """As another process or a database administrator would: no signal, no model."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE organisation_reason SET name = %s WHERE id = %s", [name, reason.pk])


def test_every_list_is_covered():
    every = LIST_MODELS + MANAGER_MODELS + ACCOUNT_MODELS + INBOX_MODELS
    assert len(every) == len(kept.LISTS)
    assert len(MANAGER_MODELS) == len(kept.MANAGERS) == 2
    assert len(ACCOUNT_MODELS) == len(kept.ACCOUNTS) == 3
    assert len(INBOX_MODELS) == len(kept.INBOX) == 1
    # Each group has its own token, and every kept table one of them.
    assert set(kept.TOKEN_OF.values()) == {1, 2, 3}
    for model in LIST_MODELS + MANAGER_MODELS:
        assert kept.TOKEN_OF[model._meta.db_table] == kept.ORGANISATION_TOKEN


def _a_row(model):
    if model is Office:
        return Office.objects.create(pk=2)
    if model is Area:
        return AreaFactory()
    if model is Department:
        return DepartmentFactory()
    if model is ClosingDay:
        return ClosingDay.objects.create(day=datetime.date(2031, 12, 24), name="Juleaftensdag")
    return model.objects.create(name=f"Prøve {model.__name__}")


@pytest.mark.parametrize("model", LIST_MODELS, ids=lambda model: model.__name__)
def test_every_insert_update_and_delete_of_a_list_gives_a_new_token(model):
    tokens = [kept.token()]
    row = _a_row(model)
    tokens.append(kept.token())
    model.objects.filter(pk=row.pk).update(updated_at=timezone.now())  # one statement, no signal
    tokens.append(kept.token())
    if model is Department or model is Area:
        Department.objects.all().delete()
    model.objects.filter(pk=row.pk).delete()
    tokens.append(kept.token())
    assert None not in tokens
    assert len(set(tokens)) == len(tokens)


def test_an_insert_gives_a_new_token():
    before = kept.token()
    ReasonFactory(name="Ny grund")
    assert kept.token() != before


def test_kept_rows_are_read_once_until_a_list_changes():
    reason = ReasonFactory(name="Aktindsigt")
    assert _reasons() == ["Aktindsigt"]
    with CaptureQueriesContext(connection) as queries:
        assert _reasons() == ["Aktindsigt"]
    assert len(queries) == 1  # the token only
    _rename_behind_the_apps_back(reason, "Aktindsigt og partshøring")
    assert _reasons() == ["Aktindsigt og partshøring"]


def test_a_change_rolled_back_is_not_kept():
    reason = ReasonFactory(name="Sagsbehandlingstid")
    assert _reasons() == ["Sagsbehandlingstid"]
    with pytest.raises(RuntimeError), transaction.atomic():
        _rename_behind_the_apps_back(reason, "Aldrig gemt")
        assert _reasons() == ["Aldrig gemt"]  # the transaction sees its own change
        raise RuntimeError
    assert _reasons() == ["Sagsbehandlingstid"]


def test_without_a_token_the_rows_are_read_every_time():
    ReasonFactory(name="Vejledning")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {kept.TABLE}")  # noqa: S608 - a constant
    assert kept.token() is None
    with CaptureQueriesContext(connection) as queries:
        assert _reasons() == ["Vejledning"]
    assert len(queries) == 2  # the token, then the rows
    ReasonFactory(name="Ny")  # the trigger writes the token again
    assert kept.token() is not None


def test_a_query_that_reads_another_table_is_refused():
    used = Inquiry.objects.values("reasons")
    for query in (
        Inquiry.objects.all(),
        Reason.objects.filter(inquiries__isnull=False),
        Reason.objects.filter(pk__in=used),
        Reason.objects.filter(Exists(Inquiry.objects.filter(reasons=OuterRef("pk")))),
        Reason.objects.order_by("inquiries__received_date"),
        Reason.objects.extra(tables=["inquiries_inquiry"]),
    ):
        with pytest.raises(ValueError, match="Not kept"):
            kept.kept_rows("test.other", query)
    assert kept.kept_rows("test.departments", Department.objects.select_related()) == ()


def test_a_page_shows_a_list_changed_by_another_process(advisor_client):
    reason = ReasonFactory(name="Åben dør")
    url = reverse("advisor:inquiry_list")
    assert "Åben dør" in advisor_client.get(url).content.decode()
    _rename_behind_the_apps_back(reason, "Borgerrettet dialog")
    page = advisor_client.get(url).content.decode()
    assert "Borgerrettet dialog" in page
    assert "Åben dør" not in page


def test_someone_logging_in_leaves_the_lists_kept(advisor_client):
    """A login writes the user's `last_login`: the users' token changes, and the lists stay kept
    (before the groups, every process read them again after every login)."""
    ReasonFactory()
    url = reverse("advisor:inquiry_list")
    advisor_client.get(url)  # the lists read
    colleague = UserFactory(username="kollega")
    colleague.set_password("et-langt-kodeord-2024")
    colleague.save()
    lists = kept.token()
    assert Client().login(username="kollega", password="et-langt-kodeord-2024")
    assert kept.token() == lists
    with CaptureQueriesContext(connection) as queries:
        assert advisor_client.get(url).status_code == 200
    assert not [q for q in queries if '"organisation_' in q["sql"]]


def test_a_page_reads_the_token_once(advisor_client):
    DepartmentFactory()
    ReasonFactory()
    url = reverse("advisor:inquiry_register")
    advisor_client.get(url)  # the lists read
    with CaptureQueriesContext(connection) as queries:
        assert advisor_client.get(url).status_code == 200
    token_reads = [q for q in queries if kept.TABLE in q["sql"]]
    assert len(token_reads) == 1
    assert not [q for q in queries if "organisation_reason" in q["sql"]]


def test_a_form_that_gives_a_field_its_own_query_reads_that_query():
    inquiry = InquiryFactory()
    retired = ReasonFactory(name="Udgået", is_active=False)
    inquiry.reasons.add(retired)
    form = InquiryEditForm(inquiry=inquiry, today=inquiry.received_date)
    field = form.fields["reasons"]
    assert getattr(field, "kept_as", None) is None
    assert "Udgået" in [label for _value, label in field.choices]
    # The declared field and each form's copy keep their name.
    form_copy = InquiryFilterForm(years=[2024]).fields["reason"]
    assert form_copy.kept_as == "InquiryFilterForm.reason"  # type: ignore[attr-defined]
    assert InquiryFilterForm.base_fields["reason"].kept_as == "InquiryFilterForm.reason"  # type: ignore[attr-defined]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's triggers are made here")
def test_sqlite_triggers_dropped_by_a_rebuilt_table_are_made_again():
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER organisation_reason_update_lists_version")
    before = kept.token()
    assert kept_sqlite.lists_version_ensure() is True
    assert kept.token() != before
    assert kept_sqlite.lists_version_ensure() is False
    reason = ReasonFactory()
    changed = kept.token()
    _rename_behind_the_apps_back(reason, "Igen")
    assert kept.token() != changed


def test_an_insert_or_ignore_gives_a_new_token():
    before = kept.token()
    Reason.objects.bulk_create([Reason(name="Ny grund")], ignore_conflicts=True)
    assert kept.token() != before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's triggers are made here")
def test_sqlite_triggers_of_an_earlier_version_are_made_again():
    """The first version's triggers inserted the token OR REPLACE, which an INSERT OR IGNORE
    that fired them turned into an ignored insert: the token stayed."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER organisation_reason_insert_lists_version")
        cursor.execute(
            "CREATE TRIGGER organisation_reason_insert_lists_version AFTER INSERT ON "
            "organisation_reason BEGIN INSERT OR REPLACE INTO organisation_listsversion "
            "(id, token) VALUES (1, lower(hex(randomblob(16)))); END"
        )
    before = kept.token()
    Reason.objects.bulk_create([Reason(name="Ignoreret")], ignore_conflicts=True)
    assert kept.token() == before  # the defect
    assert kept_sqlite.lists_version_ensure() is True
    made = kept.token()
    Reason.objects.bulk_create([Reason(name="Set")], ignore_conflicts=True)
    assert kept.token() != made
    assert kept_sqlite.lists_version_ensure() is False


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's table is made after migrate")
def test_sqlite_one_token_of_an_earlier_version_becomes_one_a_group():
    """Before the groups, SQLite's table held one token (`CHECK (id = 1)`) for every table."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {kept.TABLE}")
        cursor.execute(
            f"CREATE TABLE {kept.TABLE} "
            "(id integer PRIMARY KEY CHECK (id = 1), token text NOT NULL)"
        )
        cursor.execute(f"INSERT INTO {kept.TABLE} (id, token) VALUES (1, 'gammel')")  # noqa: S608
    kept_sqlite.lists_version_ensure()
    groups = (kept.ORGANISATION_TOKEN, kept.ACCOUNTS_TOKEN, kept.INBOX_TOKEN)
    made = {group: kept.token(group=group) for group in groups}
    assert None not in made.values() and "gammel" not in made.values()
    UserFactory()
    assert kept.token(group=kept.ACCOUNTS_TOKEN) != made[kept.ACCOUNTS_TOKEN]
    assert kept.token() == made[kept.ORGANISATION_TOKEN]


def _names(key: str) -> list[str]:
    return [reason.name for reason in kept.kept_rows(key, Reason.objects.order_by("name"))]


def test_a_change_rolled_back_within_a_request_is_never_kept():
    reason = ReasonFactory(name="Rigtig")

    def view(request):
        assert _names("a") == ["Rigtig"]  # the request's token read
        with pytest.raises(RuntimeError), transaction.atomic():
            Reason.objects.filter(pk=reason.pk).update(name="Aldrig gemt")  # no signal
            assert _names("b") == ["Aldrig gemt"]  # the transaction sees its own change
            raise RuntimeError
        assert _names("b") == ["Rigtig"]
        return HttpResponse()

    KeptListsMiddleware(view)(RequestFactory().get("/"))
    assert _names("b") == ["Rigtig"]


def test_deletes_of_other_tables_keep_djangos_fast_path():
    collector = Collector(using="default")
    assert collector.can_fast_delete(AccessLogEntry.objects.all())
    assert not collector.can_fast_delete(Reason.objects.all())  # a list's delete forgets


def test_without_the_table_the_rows_are_read_every_time(monkeypatch):
    ReasonFactory(name="Før migreringen")
    monkeypatch.setattr(kept, "TABLE", "organisation_no_such_table")
    monkeypatch.setattr(kept, "_table_present", {})
    assert kept.token() is None
    assert _names("a") == ["Før migreringen"]


def test_a_change_past_the_triggers_shows_once_the_rows_are_old(monkeypatch):
    reason = ReasonFactory(name="Gammel")
    assert _names("a") == ["Gammel"]
    before = kept.token()
    _rename_behind_the_apps_back(reason, "Ny")
    with connection.cursor() as cursor:  # as with the triggers off: the token stays
        cursor.execute(f"UPDATE {kept.TABLE} SET token = %s", [before])  # noqa: S608
    assert _names("a") == ["Gammel"]
    later = time.monotonic() + kept.KEEP_SECONDS
    monkeypatch.setattr(kept.time, "monotonic", lambda: later)
    assert _names("a") == ["Ny"]


def test_kept_names_are_read_once_and_again_for_a_row_made_since_the_token():
    old = ReasonFactory(name="Gammel")

    def view(request):
        assert kept.kept_names(Reason, [old.pk]) == {old.pk: "Gammel"}
        with CaptureQueriesContext(connection) as queries:
            assert kept.kept_names(Reason, [old.pk])[old.pk] == "Gammel"
        assert len(queries) == 0
        # Made by another process after this request read the token: an inquiry read now may
        # name it.
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO organisation_reason (name, description, is_active, sort_order, "
                "created_at, updated_at) VALUES ('Ny', '', %s, 0, %s, %s)",
                [True, timezone.now(), timezone.now()],
            )
        new = Reason.objects.get(name="Ny")
        assert kept.kept_names(Reason, [old.pk, new.pk]) == {old.pk: "Gammel", new.pk: "Ny"}
        return HttpResponse()

    KeptListsMiddleware(view)(RequestFactory().get("/"))


def test_kept_names_of_a_row_made_past_the_triggers_are_read_from_the_database(monkeypatch):
    reason = ReasonFactory(name="Først")
    assert kept.kept_names(Reason, [reason.pk]) == {reason.pk: "Først"}
    unchanged = lambda using="default", fresh=False: "uændret"  # noqa: E731 - the triggers off
    monkeypatch.setattr(kept, "token", unchanged)
    kept.kept_names(Reason, [reason.pk])  # kept under the unchanged token
    new = ReasonFactory(name="Forbi")
    assert kept.kept_names(Reason, [reason.pk, new.pk]) == {reason.pk: "Først", new.pk: "Forbi"}


# Found by a review: Django's test transaction gives every block a savepoint of its own, so
# these run as a server does, each `atomic()` block its own transaction.
@pytest.mark.django_db(transaction=True)
def test_a_manager_added_in_a_rolled_back_transaction_is_no_manager_in_the_next_one():
    department, user = DepartmentFactory(), UserFactory()

    def view(request):
        assert is_manager(user) is False
        with pytest.raises(RuntimeError), transaction.atomic():
            user.managed_departments.add(department)
            assert is_manager(user) is True
            raise RuntimeError
        with transaction.atomic():  # the same depth as the block rolled back
            assert is_manager(user) is False
        return HttpResponse()

    KeptListsMiddleware(view)(RequestFactory().get("/"))


@pytest.mark.django_db(transaction=True)
def test_a_manager_written_without_a_signal_and_rolled_back_is_not_kept_for_the_process():
    department, user = DepartmentFactory(), UserFactory()
    through = User.managed_departments.through
    Office.load()

    def view(request):
        with pytest.raises(RuntimeError), transaction.atomic():
            Office.shown()  # the token read in the transaction, before the write
            through.objects.bulk_create([through(user=user, department=department)])
            assert is_manager(user) is True  # the transaction sees its own write
            raise RuntimeError
        return HttpResponse()

    KeptListsMiddleware(view)(RequestFactory().get("/"))
    assert is_manager(user) is False


@pytest.mark.django_db(transaction=True)
def test_a_rename_without_a_signal_rolled_back_is_not_kept_for_the_list_page():
    area = AreaFactory(name="Rigtig")

    def view(request):
        with pytest.raises(RuntimeError), transaction.atomic():
            kept.token()
            Area.objects.filter(pk=area.pk).update(name="Aldrig gemt")
            assert kept.kept_names(Area, [area.pk])[area.pk] == "Aldrig gemt"
            raise RuntimeError
        return HttpResponse()

    KeptListsMiddleware(view)(RequestFactory().get("/"))
    assert kept.kept_names(Area, [area.pk])[area.pk] == "Rigtig"


@pytest.mark.parametrize("model", MANAGER_MODELS, ids=lambda model: model._meta.db_table)
def test_every_change_of_who_manages_what_gives_a_new_token(model):
    place = DepartmentFactory() if "department" in model._meta.db_table else AreaFactory()
    other = DepartmentFactory() if "department" in model._meta.db_table else AreaFactory()
    field = "department" if "department" in model._meta.db_table else "area"
    tokens = [kept.token()]
    row = model.objects.create(user=UserFactory(), **{field: place})
    tokens.append(kept.token())
    model.objects.filter(pk=row.pk).update(**{field: other})  # one statement, no signal
    tokens.append(kept.token())
    model.objects.filter(pk=row.pk).delete()
    tokens.append(kept.token())
    assert None not in tokens
    assert len(set(tokens)) == len(tokens)


def test_a_process_keeps_at_most_kept_max_keys_the_stale_first(monkeypatch):
    """Keys may name a value (a day: the web form's places), so they come and go; a process
    keeps at most `KEPT_MAX`, dropping those kept under an old token first."""
    monkeypatch.setattr(kept, "KEPT_MAX", 5)
    ReasonFactory(name="Aktindsigt")
    for day in range(3):
        kept.kept_rows(f"test.day.{day}", Reason.objects.all())
    ReasonFactory(name="Ny")  # the three above are now stale
    for day in range(3, 9):
        kept.kept_rows(f"test.day.{day}", Reason.objects.all())
    keys = list(kept._kept["default"])
    assert len(keys) <= 5
    assert not any(key in keys for key in ("test.day.0", "test.day.1", "test.day.2"))
    assert "test.day.8" in keys
    with CaptureQueriesContext(connection) as queries:
        kept.kept_rows("test.day.8", Reason.objects.all())
    assert [q for q in queries if "organisation_reason" in q["sql"]] == []


def test_making_room_passes_over_a_key_another_thread_dropped(monkeypatch):
    """Two threads of one worker may make room at once: a key the other dropped is no error."""
    monkeypatch.setattr(kept, "KEPT_MAX", 2)
    entries = kept._kept.setdefault("default", {})
    entries.clear()
    for day in range(3):
        kept.kept_rows(f"test.day.{day}", Reason.objects.all())
    snapshot = dict(entries)
    real_list = list

    def list_then_drop(items):
        copied = real_list(items)
        entries.clear()  # the other thread, between the copy and the deletes
        return copied

    monkeypatch.setattr(kept, "list", list_then_drop, raising=False)
    entries.update(snapshot)
    kept._make_room(entries, kept.tokens())
    assert len(entries) < 2
