"""The lists' filters drawn once a process for each choice of filters (organisation.drawing,
issue 18): the inquiry list's and the forwarding overview's. A search's words are never kept."""

import datetime

import pytest
from django.urls import reverse

from borgerraadgiver.advisor.forms import InquiryFilterForm
from borgerraadgiver.organisation import drawing
from tests.factories import AreaFactory, InquiryFactory, PersonFactory
from tests.organisation.test_drawing import (  # noqa: F401 - the module's autouse fixtures
    _as_in_a_request,
    _drawn_each_time,
    _nothing_drawn,
    _page,
    lists,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lists")]

LIST = reverse("advisor:inquiry_list")
OVERVIEW = reverse("advisor:forwarding_overview")


def _filters_of(page: str) -> str:
    start = page.index('<form method="get"')
    return page[start : page.index("</form>", start) + len("</form>")]


def _selected(filters: str) -> list[str]:
    """The options chosen, but for the filters' "All"."""
    chosen = [part.split(">", 1)[1].split("<", 1)[0] for part in filters.split(" selected")[1:]]
    return [name for name in chosen if name != "Alle"]


@pytest.mark.parametrize(
    "url", [LIST, f"{LIST}?status=open&sort=case", OVERVIEW, f"{OVERVIEW}?state=no_answer"]
)
def test_the_filters_kept_are_the_filters_drawn_each_time(advisor_client, monkeypatch, url):
    InquiryFactory(received_date=datetime.date(2024, 5, 6))
    kept_pages = [_filters_of(_page(advisor_client, url)) for _ in range(3)]
    assert len(drawing._drawn) == 1
    _drawn_each_time(monkeypatch)
    assert kept_pages == [_filters_of(_page(advisor_client, url))] * 3
    assert "Børn og Unge" in kept_pages[0]


def test_each_choice_of_filters_has_its_own_drawing(advisor_client):
    area = AreaFactory(name="Social og Sundhed")
    for _ in range(2):
        assert _selected(_filters_of(_page(advisor_client, f"{LIST}?area={area.pk}"))) == [
            "Social og Sundhed"
        ]
        assert _selected(_filters_of(_page(advisor_client, LIST))) == []
        assert _selected(_filters_of(_page(advisor_client, f"{LIST}?status=closed"))) == [
            "Afsluttet"
        ]
    assert len(drawing._drawn) == 3
    # The page's number is no filter: the first page's drawing serves the second's.
    _page(advisor_client, f"{LIST}?area={area.pk}&page=1")
    assert len(drawing._drawn) == 3


def test_a_search_s_words_are_never_kept(advisor_client, other_advisor_client):
    InquiryFactory(person=PersonFactory(name="Mette Prøvesen"))
    for _ in range(2):
        searched = _page(advisor_client, f"{LIST}?q=Prøvesen&status=open")
        assert 'value="Prøvesen"' in _filters_of(searched)
    assert drawing._drawn == {}
    # Another advisor's list with the same filters but the words is kept, without them.
    for _ in range(2):
        assert "Prøvesen" not in _filters_of(_page(other_advisor_client, f"{LIST}?status=open"))
    assert len(drawing._drawn) == 1
    assert all("Prøvesen" not in html for *_, html in drawing._drawn.values())


def test_a_filter_with_an_error_is_drawn_each_time(advisor_client):
    for _ in range(2):
        page = _page(advisor_client, f"{LIST}?area=999999&status=open")
        _page(advisor_client, f"{OVERVIEW}?deadline=tomorrow&state=no_answer")
    assert drawing._drawn == {}
    assert _selected(_filters_of(page)) == ["Åben"]  # the other filter still applies


def test_a_new_year_is_offered_at_once(advisor_client):
    first = InquiryFactory(received_date=datetime.date(2024, 5, 6))
    _page(advisor_client, LIST)  # the lists read into the process: drawn from them, then kept
    assert '<option value="2023"' not in _filters_of(_page(advisor_client, LIST))
    assert len(drawing._drawn) == 1
    # Registered in the same department: the office's lists are as they were.
    InquiryFactory(
        received_date=datetime.date(2023, 11, 2),
        department=first.department,
        handling_type=first.handling_type,
    )
    for _ in range(2):
        assert '<option value="2023"' in _filters_of(_page(advisor_client, LIST))
    assert len(drawing._drawn) == 2  # one drawing for each span of years


def test_the_key_names_the_years_and_every_value():
    empty = InquiryFilterForm(None, years=[2024])
    assert empty.drawing_key() == InquiryFilterForm(None, years=[2024]).drawing_key()
    assert empty.drawing_key() != InquiryFilterForm(None, years=[2023, 2024]).drawing_key()
    assert empty.drawing_key() != InquiryFilterForm({"sort": "case"}, years=[2024]).drawing_key()
    assert InquiryFilterForm({"q": " x "}, years=[2024]).drawing_key() is None
    assert InquiryFilterForm(initial={"q": "Mette"}, years=[2024]).drawing_key() is None
    assert InquiryFilterForm({"year": "1999"}, years=[2024]).drawing_key() is None


def test_the_drawing_used_longest_ago_makes_room(monkeypatch):
    monkeypatch.setattr(drawing, "DRAWN_MAX", 3)
    drawing.kept_drawing(("warm",), lambda: "")  # the lists read: the others are kept
    for key in "abc":
        drawing.kept_drawing((key,), lambda key=key: key)
    drawing.kept_drawing(("a",), lambda: "a")  # used again
    drawing.kept_drawing(("d",), lambda: "d")
    assert [key for ((key,), _language) in drawing._drawn] == ["c", "a", "d"]


class _Racing(dict):
    """The kept drawings, where another thread drops `race` just before this one does."""

    race = None

    def pop(self, key, *default):
        if key == self.race:
            super().pop(key, None)
        return super().pop(key, *default)

    def __delitem__(self, key):
        if key == self.race:
            super().pop(key, None)
        super().__delitem__(key)


def test_making_room_passes_over_a_drawing_another_thread_dropped(monkeypatch):
    monkeypatch.setattr(drawing, "DRAWN_MAX", 2)
    monkeypatch.setattr(drawing, "_drawn", _Racing())
    for key in ("warm", "a", "b"):
        drawing.kept_drawing((key,), lambda: "")
    drawing._drawn.race = next(iter(drawing._drawn))  # "a", the one to make room
    drawing.kept_drawing(("c",), lambda: "")
    assert [key for ((key,), _language) in drawing._drawn] == ["b", "c"]
