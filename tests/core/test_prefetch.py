"""Reading only the related lists that have rows (`core.prefetch`, issue 18): the inquiry's page
gets the same lists as with Django's prefetch, and an empty list costs no query."""

import datetime

import pytest
from django.db.models import Exists, OuterRef, Prefetch

from borgerraadgiver.core.prefetch import exists_flags, may_have, prefetch_present
from borgerraadgiver.inquiries.models import Inquiry, InquiryAction
from borgerraadgiver.inquiries.selectors import inquiry_get
from borgerraadgiver.intake.services import SubmissionData, submission_create
from tests.factories import ActionFactory, ContactFactory, InquiryFactory

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

    # the inquiry with its flags, its reasons, and the two lists that have rows
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
    submission = submission_create(
        data=SubmissionData(
            complainant_kind="citizen",
            name="Karen Prøvesen",
            phone="12 34 56 78",
            what_happened="Jeg har ventet længe.",
            consents_to_contact=True,
            department=inquiry.department,
        ),
        uploads=[],
        client_address="10.0.0.9",
        now=now,
        language="da",
    )
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
