"""Reading only the related lists that have rows (`core.prefetch`, issue 18): the inquiry's page
gets the same lists as with Django's prefetch, and an empty list costs no query."""

import datetime

import pytest
from django.db.models import Exists, OuterRef, Prefetch, Subquery, prefetch_related_objects

from borgerraadgiver.core.prefetch import (
    exists_flags,
    ids_of,
    list_set,
    may_have,
    prefetch_present,
    related_ids,
)
from borgerraadgiver.inquiries.models import Contact, Inquiry, InquiryAction, Person
from borgerraadgiver.inquiries.selectors import inquiry_get
from tests.factories import (
    ActionFactory,
    ContactFactory,
    InquiryFactory,
    PersonFactory,
    submission_sent,
)

pytestmark = pytest.mark.django_db

LISTS = ("contacts", "actions", "changes", "documents", "notes")


def _read(inquiry: Inquiry) -> dict[str, list[int]]:
    return {name: sorted(row.pk for row in getattr(inquiry, name).all()) for name in LISTS}


def test_the_lists_equal_djangos_prefetch_and_empty_ones_cost_no_query(
    advisor, django_assert_num_queries
):
    inquiry = InquiryFactory()
    ContactFactory.create_batch(3, inquiry=inquiry)
    inquiry.actions.create(action=ActionFactory(), action_date=datetime.date(2024, 3, 5))
    InquiryFactory()  # another inquiry's rows must not show

    inquiry_get(user=advisor, pk=inquiry.pk)  # the process keeps the organisation's rows
    # the inquiry with its flags and its reasons' ids, the two lists that have rows, and the
    # kept rows' tokens (once, though it is no request)
    with django_assert_num_queries(4):
        got = inquiry_get(user=advisor, pk=inquiry.pk)
    with django_assert_num_queries(0):
        seen = _read(got)
        assert got.notes.count() == 0 and not got.documents.exists()
    expected = Inquiry.objects.prefetch_related(*LISTS).get(pk=inquiry.pk)
    assert seen == _read(expected)
    assert len(seen["contacts"]) == 3 and len(seen["actions"]) == 1


def test_a_flag_names_each_list_and_an_empty_list_is_still_a_list_of_its_kind(
    django_assert_num_queries,
):
    inquiry = InquiryFactory()
    flags = exists_flags(Inquiry, ["contacts", "notes"])
    assert set(flags) == {"has_contacts", "has_notes"}
    got = Inquiry.objects.annotate(**flags).get(pk=inquiry.pk)
    assert (got.has_contacts, got.has_notes) == (False, False)
    lookups = [Prefetch("contacts"), Prefetch("notes")]
    with django_assert_num_queries(0):
        prefetch_present(got, lookups)
        assert list(got.contacts.all()) == [] and got.contacts.all().model.__name__ == "Contact"


def test_a_list_read_empty_is_asked_again_by_a_new_query_as_after_djangos_prefetch(advisor):
    inquiry = InquiryFactory()
    got = inquiry_get(user=advisor, pk=inquiry.pk)
    action = InquiryAction.objects.create(
        inquiry=inquiry, action=ActionFactory(), action_date=datetime.date(2024, 3, 5)
    )
    # What was read stays as read; a new query on the list sees the row written since (a
    # service that checks the lists after locking the inquiry relies on it).
    assert list(got.actions.all()) == []
    assert got.actions.order_by("action_date").first() == action
    assert got.actions.filter(pk=action.pk).exists()


def test_a_list_not_asked_about_may_have_rows_and_one_asked_about_says_so():
    inquiry = InquiryFactory()
    plain = Inquiry.objects.get(pk=inquiry.pk)
    asked = Inquiry.objects.annotate(**exists_flags(Inquiry, ["letters", "contacts"])).get(
        pk=inquiry.pk
    )
    ContactFactory(inquiry=inquiry)
    assert may_have(plain, "letters")  # never asked: the reader must ask the database
    assert not may_have(asked, "letters")
    assert not may_have(asked, "contacts")  # as read; a later row is the next read's
    assert may_have(
        Inquiry.objects.annotate(**exists_flags(Inquiry, ["contacts"])).get(pk=inquiry.pk),
        "contacts",
    )


def test_a_many_to_many_list_is_asked_about_through_its_link_table(now):
    inquiry = InquiryFactory()
    submission = submission_sent(now=now, department=inquiry.department)
    flags = exists_flags(Inquiry, ["submissions"])
    assert not may_have(Inquiry.objects.annotate(**flags).get(pk=inquiry.pk), "submissions")
    submission.inquiries.add(inquiry)
    assert may_have(Inquiry.objects.annotate(**flags).get(pk=inquiry.pk), "submissions")


def test_each_flag_says_what_djangos_exists_says_in_a_query_and_in_a_subquery(advisor, now):
    """`HasRows` writes its EXISTS directly; it must answer as Django's `Exists` of the related
    rows, for a reverse foreign key and a many-to-many list, also where the query is a
    subquery of another (its table then has another alias)."""
    with_rows, without = InquiryFactory(), InquiryFactory()
    ContactFactory(inquiry=with_rows)
    with_rows.actions.create(action=ActionFactory(), action_date=datetime.date(2024, 3, 5))
    relations = ["contacts", "actions", "notes", "submissions"]
    djangos = {
        f"has_{name}": Exists(
            Inquiry._meta.get_field(name).related_model.objects.filter(
                **{Inquiry._meta.get_field(name).field.name: OuterRef("pk")}
            )
        )
        for name in relations
    }
    names = list(djangos)
    ours = Inquiry.objects.annotate(**exists_flags(Inquiry, relations)).order_by("pk")
    theirs = Inquiry.objects.annotate(**djangos).order_by("pk")
    assert list(ours.values_list(*names)) == list(theirs.values_list(*names))
    assert ours.values_list(*names).first() == (True, True, False, False)
    for name in names:
        inner = ours.filter(**{name: True}).values("pk")
        assert set(Inquiry.objects.filter(pk__in=inner)) == set(theirs.filter(**{name: True}))
    assert set(Inquiry.objects.filter(pk__in=ours.filter(has_contacts=False).values("pk"))) == {
        without
    }


def test_a_flag_names_the_row_of_its_own_query_from_another_models_subquery():
    """From a subquery of people (`OuterRef` on an inquiry's flag, and the inquiries' query
    inside a query of people), the flag is the inquiry's, whatever the people's ids are."""
    for _ in range(3):
        PersonFactory()  # the people's ids and the inquiries' ids do not coincide
    person = PersonFactory()
    with_contact, without = InquiryFactory(person=person), InquiryFactory(person=person)
    ContactFactory(inquiry=with_contact)
    flags = exists_flags(Inquiry, ["contacts"])
    inquiries = Inquiry.objects.annotate(**flags).filter(pk__in=[with_contact.pk, without.pk])
    seen = inquiries.annotate(
        theirs=Subquery(
            Person.objects.filter(pk=OuterRef("person_id"))
            .annotate(flag=OuterRef("has_contacts"))
            .values("flag")[:1]
        )
    )
    assert {row.pk: row.theirs for row in seen} == {with_contact.pk: True, without.pk: False}
    found = Person.objects.filter(inquiries__in=inquiries.filter(has_contacts=True))
    assert list(found) == [person]
    assert not Person.objects.filter(
        inquiries__in=Inquiry.objects.annotate(**flags).filter(has_contacts=True, pk=without.pk)
    ).exists()


def test_an_empty_list_asked_again_keeps_the_prefetchs_own_filter_as_djangos_does():
    """A list left empty answers a later `filter()` with the Prefetch's own query (its
    `visible_to`, its order), as the list Django's prefetch leaves does."""
    inquiry = InquiryFactory()
    lookup = Prefetch("contacts", queryset=Contact.objects.filter(note="shown"))
    ours = Inquiry.objects.annotate(**exists_flags(Inquiry, ["contacts"])).get(pk=inquiry.pk)
    prefetch_present(ours, [lookup])
    djangos = Inquiry.objects.get(pk=inquiry.pk)
    prefetch_related_objects([djangos], lookup)
    ContactFactory(inquiry=inquiry, note="hidden")
    shown = ContactFactory(inquiry=inquiry, note="shown")
    assert list(ours.contacts.all()) == list(djangos.contacts.all()) == []
    assert list(ours.contacts.filter()) == list(djangos.contacts.filter()) == [shown]


def test_the_linked_ids_in_the_rows_own_query_and_a_list_set_from_them(django_assert_num_queries):
    """`related_ids` names the rows a many-to-many links in the row's own query (the inquiry's
    reasons, whose rows the process keeps); `list_set` gives the list without a query, and a new
    query on it asks the database, as after Django's prefetch."""
    with_reasons = InquiryFactory()
    reasons = list(with_reasons.reasons.all())
    without = InquiryFactory()
    without.reasons.clear()
    ids = related_ids(Inquiry, "reasons")
    read = {row.pk: ids_of(row.reason_ids) for row in Inquiry.objects.annotate(reason_ids=ids)}
    assert sorted(read[with_reasons.pk]) == sorted(reason.pk for reason in reasons)
    assert len(reasons) >= 1 and read[without.pk] == []

    list_set(without, "reasons", reasons[:1])
    with django_assert_num_queries(0):
        assert list(without.reasons.all()) == reasons[:1]
    assert list(without.reasons.filter()) == []  # the database's: it links none
    with pytest.raises(TypeError, match="not a many-to-many field"):
        related_ids(Inquiry, "contacts")
