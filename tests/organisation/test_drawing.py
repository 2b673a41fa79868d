"""HTML drawn once a process for the office's lists (organisation.drawing, issue 18): the
registration page's empty form, drawn again whenever anything it is drawn from changes."""

import datetime
import re
import time

import pytest
from django.db import connection
from django.template import TemplateSyntaxError, engines
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from borgerraadgiver.advisor.forms import ContactForm
from borgerraadgiver.advisor.registration_forms import RegistrationForm
from borgerraadgiver.forwarding.consents import consent_record
from borgerraadgiver.organisation import drawing, kept
from borgerraadgiver.organisation.models import Reason
from borgerraadgiver.organisation.templatetags import drawn_once
from tests.factories import (
    ActionFactory,
    AdvisorFactory,
    AreaFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    PersonFactory,
    ReasonFactory,
    ReferralBodyFactory,
)
from tests.helpers import at
from tests.login import verified_login

pytestmark = pytest.mark.django_db

URL = reverse("advisor:inquiry_register")
# The tokens of a form, new for every showing: compared without their values.
TOKENS = re.compile(r'(name="(?:csrfmiddlewaretoken|once)" value=")[^"]*"')


@pytest.fixture(autouse=True)
def _nothing_drawn():
    drawing._drawn.clear()


@pytest.fixture(autouse=True)
def _as_in_a_request():
    """The tokens read once, as `KeptListsMiddleware` has every request read them: a drawing
    asks the database nothing then, and is kept."""
    reset = kept._request_tokens.set({})
    yield
    kept._request_tokens.reset(reset)


@pytest.fixture
def lists(db):
    """Every list the registration form draws, with a department closed last year."""
    area = AreaFactory(name="Børn og Unge")
    DepartmentFactory(name="Skole", area=area)
    DepartmentFactory(name="PPR", area=area, valid_to=datetime.date(2024, 3, 31))
    ReasonFactory(name="Sagsbehandlingstid")
    HandlingTypeFactory(name="Vejledning")
    ActionFactory(name="Partshøring")
    ReferralBodyFactory(name="Ankestyrelsen")


def _form_of(page: str) -> str:
    start = page.index('<form method="post" novalidate')
    form = page[start : page.index("</form>", start)]
    return TOKENS.sub(r'\1…"', form)


def _drawn_each_time(monkeypatch) -> None:
    monkeypatch.setattr(drawn_once, "kept_drawing", lambda key, draw: mark_safe(draw()))  # noqa: S308


def _page(client, url: str = URL, **headers: str) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def _on(monkeypatch, day: datetime.date) -> None:
    monkeypatch.setattr(timezone, "now", lambda: at(day))


def test_the_empty_form_kept_is_the_form_drawn_each_time(advisor_client, lists, monkeypatch):
    _on(monkeypatch, datetime.date(2025, 2, 3))
    kept_pages = [_page(advisor_client) for _ in range(3)]
    assert len(drawing._drawn) == 2  # who made contact, and the inquiry
    _drawn_each_time(monkeypatch)
    drawn = _form_of(_page(advisor_client))
    assert [_form_of(page) for page in kept_pages] == [drawn] * 3
    for shown in ("Skole", "PPR (til og med 31.03.2024)", "Sagsbehandlingstid", "Partshøring"):
        assert shown in drawn
    # Every showing has its own tokens, outside what is kept.
    tokens = [re.findall(r'name="once" value="([^"]+)"', page)[0] for page in kept_pages]
    assert len(set(tokens)) == 3


def test_a_second_showing_draws_no_field(advisor_client, lists, monkeypatch):
    _page(advisor_client)
    _page(advisor_client)  # kept now: the first read the lists into the process
    drawn = []
    monkeypatch.setattr(drawn_once.DrawnOnceNode, "render", _counting(drawn))
    _page(advisor_client)
    assert drawn == ["kept", "kept"]


def _counting(drawn: list[str]):
    real = drawn_once.DrawnOnceNode.render

    def render(node, context):
        before = dict(drawing._drawn)
        html = real(node, context)
        drawn.append("kept" if drawing._drawn == before else "drawn")
        return html

    return render


def test_a_list_changed_by_the_app_shows_at_once(advisor_client, lists):
    _page(advisor_client)
    _page(advisor_client)
    DepartmentFactory(name="Jobcenter", area=AreaFactory(name="Arbejdsmarked"))
    assert "Jobcenter" in _page(advisor_client)


def test_a_list_changed_by_another_process_shows_at_once(advisor_client, lists):
    _page(advisor_client)
    _page(advisor_client)
    reason = Reason.objects.get(name="Sagsbehandlingstid")
    with connection.cursor() as cursor:  # no signal, no model: the trigger gives a new token
        cursor.execute(
            "UPDATE organisation_reason SET name = %s WHERE id = %s", ["Ventetid", reason.pk]
        )
    page = _page(advisor_client)
    assert "Ventetid" in page
    assert "Sagsbehandlingstid" not in page


def test_a_change_past_the_triggers_shows_once_the_lists_are_old(
    advisor_client, lists, monkeypatch
):
    _page(advisor_client)
    _page(advisor_client)
    reason = Reason.objects.get(name="Sagsbehandlingstid")
    before = kept.token()
    with connection.cursor() as cursor:  # as with the triggers off: the token stays
        cursor.execute(
            "UPDATE organisation_reason SET name = %s WHERE id = %s", ["Ventetid", reason.pk]
        )
        cursor.execute(f"UPDATE {kept.TABLE} SET token = %s WHERE id = 1", [before])  # noqa: S608
    assert "Ventetid" not in _page(advisor_client)
    later = time.monotonic() + kept.KEEP_SECONDS
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert "Ventetid" in _page(advisor_client)


def test_each_language_has_its_own_drawing(advisor_client, lists):
    assert "Hvem henvendte sig" in _page(advisor_client)
    english = _page(advisor_client, HTTP_ACCEPT_LANGUAGE="en")
    assert "Who made contact" in english
    assert "Hvem henvendte sig" not in english
    assert "Hvem henvendte sig" in _page(advisor_client)


def test_each_day_has_its_own_drawing(advisor_client, lists, monkeypatch):
    _on(monkeypatch, datetime.date(2025, 2, 3))
    _page(advisor_client)
    assert 'value="2025-02-03"' in _page(advisor_client)
    _on(monkeypatch, datetime.date(2025, 2, 4))
    assert 'value="2025-02-04"' in _page(advisor_client)
    # A department closed on 31 March 2024 is offered until the end of 2025, and no longer.
    assert "PPR (til og med 31.03.2024)" in _page(advisor_client)
    _on(monkeypatch, datetime.date(2026, 1, 2))
    assert "PPR" not in _page(advisor_client)


def test_a_form_with_data_is_drawn_each_time(advisor_client, lists):
    today = datetime.date(2025, 2, 3)
    assert RegistrationForm(today=today).drawing_key() is not None
    assert RegistrationForm({"person_name": "A"}, today=today).drawing_key() is None
    assert RegistrationForm(initial={"person_name": "A"}, today=today).drawing_key() is None
    _page(advisor_client)
    _page(advisor_client)  # the empty form kept
    kept_forms = dict(drawing._drawn)
    for _ in range(2):
        refused = advisor_client.post(URL, {"person_name": "Anna Berg", "summary": "Om skolen"})
        assert refused.status_code == 200
        assert "Anna Berg" in refused.content.decode()
    assert drawing._drawn == kept_forms


def test_what_one_advisor_typed_is_never_shown_to_another(
    advisor_client, other_advisor_client, lists
):
    """A form sent back with an error, and the page of the person's open inquiries, carry what
    the advisor typed: drawn each time, never kept for the next advisor."""
    PersonFactory(name="Anna Berg", phone="12345678")
    typed = {"person_name": "Anna Berg", "person_cpr": "2405871234", "summary": "Om skolen"}
    other = {"person_name": "Bo Hansen", "summary": "Om vejen"}
    for extra in ({}, {"find_person": "1"}):
        for _ in range(2):
            assert advisor_client.post(URL, {**typed, **extra}).status_code == 200
        page = other_advisor_client.post(URL, {**other, **extra}).content.decode()
        assert "Bo Hansen" in page
        assert "Anna Berg" not in page
        assert "2405871234" not in page and "240587" not in page
        assert "Om skolen" not in page


def test_each_advisor_s_kept_page_has_a_form_token_of_their_own(advisor, lists):
    """The CSRF token stays outside the kept blocks: a page another advisor's showing kept is
    sent back by this one with its own valid token."""
    clients = [verified_login(Client(enforce_csrf_checks=True), advisor)]
    clients.append(verified_login(Client(enforce_csrf_checks=True), AdvisorFactory()))
    for client in clients * 2:
        page = _page(client)
        token = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', page[page.index('id="register-form"') :]
        ).group(1)
        refused = client.post(URL, {"csrfmiddlewaretoken": token, "person_name": "Anna"})
        assert refused.status_code == 200  # the form's errors, not CSRF's 403
    assert len(drawing._drawn) == 2


def test_rows_read_while_drawing_are_kept_the_next_time(lists):
    drawn = []

    def draw() -> str:
        drawn.append(1)
        return ", ".join(reason.name for reason in kept.kept_rows("test.r", Reason.objects.all()))

    assert drawing.kept_drawing(("reasons",), draw) == "Sagsbehandlingstid"
    assert not drawing._drawn  # the rows were read while drawing: it may hold older ones
    drawing.kept_drawing(("reasons",), draw)
    assert drawing.kept_drawing(("reasons",), draw) == "Sagsbehandlingstid"
    assert len(drawn) == 2
    kept.forget_every_row()  # the tests' rollback brings back the token: the rows dropped
    drawing.kept_drawing(("reasons",), draw)
    assert len(drawn) == 3


def _reason_names() -> str:
    return ", ".join(reason.name for reason in kept.kept_rows("test.r", Reason.objects.all()))


def _kept_twice() -> None:
    """Drawn and kept (the second time: the first read the rows)."""
    for _ in range(2):
        drawing.kept_drawing(("reasons",), _reason_names)
    assert drawing._drawn


def test_a_drawing_follows_a_change_of_the_lists_by_another_process(lists):
    _kept_twice()
    with connection.cursor() as cursor:  # no signal, no model: the trigger gives a new token
        cursor.execute("UPDATE organisation_reason SET name = %s", ["Ventetid"])
    kept.forget()  # the next request's token, as another process's change is seen
    assert drawing.kept_drawing(("reasons",), _reason_names) == "Ventetid"


def test_a_drawing_lives_no_longer_than_the_rows_it_was_drawn_from(lists, monkeypatch):
    _kept_twice()
    before = kept.token()
    with connection.cursor() as cursor:  # as with the triggers off: the token stays
        cursor.execute("UPDATE organisation_reason SET name = %s", ["Ventetid"])
        cursor.execute(f"UPDATE {kept.TABLE} SET token = %s WHERE id = 1", [before])  # noqa: S608
    kept.forget()
    assert drawing.kept_drawing(("reasons",), _reason_names) == "Sagsbehandlingstid"
    later = time.monotonic() + kept.KEEP_SECONDS
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert drawing.kept_drawing(("reasons",), _reason_names) == "Ventetid"


def test_rows_kept_long_ago_and_not_used_leave_the_drawings_kept(lists, monkeypatch):
    """An entry read more than KEEP_SECONDS ago that nobody asks for again (yesterday's places
    of the web form, say) does not make every drawing expire at once."""
    kept.kept_rows("test.old", Reason.objects.all())
    later = time.monotonic() + kept.KEEP_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    drawn = []
    for _ in range(3):
        drawing.kept_drawing(("areas",), lambda: drawn.append(1) or "")
    assert len(drawn) == 1


def test_a_drawing_that_asks_the_database_is_drawn_every_time(lists):
    """What is not a kept list would go stale unseen: not kept."""
    drawn = []

    def draw() -> str:
        drawn.append(1)
        return ", ".join(Reason.objects.values_list("name", flat=True))

    for _ in range(3):
        assert drawing.kept_drawing(("plain",), draw) == "Sagsbehandlingstid"
    assert len(drawn) == 3
    assert not drawing._drawn


def test_a_key_that_is_not_a_tuple_is_drawn_every_time(lists):
    drawn = []
    for key in ("", "", None, None):
        drawing.kept_drawing(key, lambda: drawn.append(1) or "")
    assert len(drawn) == 4


def test_a_changed_setting_forgets_the_drawings(lists):
    for _ in range(2):
        drawing.kept_drawing(("x",), lambda: "x")
    assert drawing._drawn
    with override_settings(ATTACHMENT_MAX_COUNT=2):
        assert not drawing._drawn


def test_without_a_token_it_is_drawn_every_time(monkeypatch, lists):
    monkeypatch.setattr(kept, "TABLE", "organisation_no_such_table")
    monkeypatch.setattr(kept, "_table_present", {})
    drawn = []
    for _ in range(2):
        drawing.kept_drawing(("x",), lambda: drawn.append(1) or "x")
    assert len(drawn) == 2


def test_changed_languages_forget_the_drawings(lists):
    drawing.kept_drawing(("x",), lambda: "x")
    drawing.kept_drawing(("x",), lambda: "x")
    assert drawing._drawn
    with override_settings(LANGUAGES=[("da", "Dansk")]):
        assert not drawing._drawn


def test_a_process_keeps_at_most_drawn_max(monkeypatch, lists):
    monkeypatch.setattr(drawing, "DRAWN_MAX", 3)
    drawing.kept_drawing(("warm",), lambda: "")  # nothing read while the others are drawn
    for key in range(5):
        drawing.kept_drawing((key,), lambda: "")
        assert len(drawing._drawn) <= 3


def test_the_tag_takes_one_key():
    with pytest.raises(TemplateSyntaxError, match="one argument"):
        engines["django"].from_string("{% load drawn_once %}{% drawn_once %}{% enddrawn_once %}")
    with pytest.raises(TemplateSyntaxError):
        engines["django"].from_string("{% load drawn_once %}{% drawn_once a %}")


def test_two_blocks_with_one_key_each_draw_their_own(lists):
    page = engines["django"].from_string(
        "{% load drawn_once %}{% drawn_once key %}A{% enddrawn_once %}"
        "{% drawn_once key %}B{% enddrawn_once %}"
    )
    for _ in range(2):
        assert page.render({"key": (1,)}) == "AB"
    assert len(drawing._drawn) == 2


def _main_of(page: str) -> str:
    return TOKENS.sub(r'\1…"', page[page.index("<main") : page.index("</main>")])


def _inquiry_of(name: str, advisor):
    inquiry = InquiryFactory(person=PersonFactory(name=name))
    consent_record(  # a consent in force: its page has the form to withdraw it
        inquiry=inquiry,
        recorded_by=advisor,
        now=at(datetime.date(2025, 2, 3)),
        given_by=name,
        given_date=datetime.date(2025, 2, 3),
        method="phone",
    )
    return inquiry


def test_the_inquiry_page_forms_kept_are_the_forms_drawn_each_time(
    advisor_client, advisor, lists, monkeypatch
):
    _on(monkeypatch, datetime.date(2025, 2, 3))
    url = reverse("advisor:inquiry_detail", args=[_inquiry_of("Mette Prøvesen", advisor).pk])
    kept_pages = [_main_of(_page(advisor_client, url=url)) for _ in range(3)]
    # Every empty form of the page: contact, action, closing, note, document, consent, refusal,
    # withdrawal; drawn from what the first page read.
    assert len(drawing._drawn) == 8
    _drawn_each_time(monkeypatch)
    drawn = _main_of(_page(advisor_client, url=url))
    assert kept_pages == [drawn] * 3
    assert 'value="Mette Prøvesen"' in drawn  # who gave the consent, as the form proposes
    assert 'value="2025-02-03"' in drawn


def test_each_person_s_name_is_proposed_beside_the_kept_fields(advisor_client, advisor, lists):
    first, second = (_inquiry_of(name, advisor) for name in ("Mette Prøvesen", "Ole Olsen"))
    for inquiry in (first, second, first, second):
        page = _page(advisor_client, url=reverse("advisor:inquiry_detail", args=[inquiry.pk]))
        for given_by in ("consent-given_by", "refusal-given_by"):
            field = re.search(rf'<input[^>]*name="{given_by}"[^>]*>', page).group(0)
            assert f'value="{inquiry.person.name}"' in field
    assert len(drawing._drawn) == 8  # one drawing of each form for both people


def test_a_form_s_value_that_cannot_be_a_key_is_drawn_each_time(lists):
    form = ContactForm(initial={"note": ["a list"]})
    drawn = []
    for _ in range(2):
        drawing.kept_drawing(form.drawing_key(), lambda: drawn.append(1) or "")
    assert len(drawn) == 2
    assert ContactForm({"note": "x"}).drawing_key() is None
