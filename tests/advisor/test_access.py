"""Who reaches which page. Only the login page is open; inquiries are for advisors only."""

import pytest
from django.urls import NoReverseMatch, reverse

from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry():
    return InquiryFactory()


def pages(inquiry):
    return {
        "list": reverse("advisor:inquiry_list"),
        "register": reverse("advisor:inquiry_register"),
        "detail": reverse("advisor:inquiry_detail", args=[inquiry.pk]),
        "edit": reverse("advisor:inquiry_edit", args=[inquiry.pk]),
    }


@pytest.mark.parametrize("page", ["list", "register", "detail", "edit"])
def test_anonymous_visitor_is_sent_to_the_login_page(client, inquiry, page):
    url = pages(inquiry)[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("page", "status"), [("list", 403), ("register", 403), ("detail", 404), ("edit", 404)]
)
@pytest.mark.parametrize("role", ["plain_client", "administrator_client"])
def test_staff_who_are_not_advisors_see_no_inquiry(request, inquiry, role, page, status):
    client = request.getfixturevalue(role)
    response = client.get(pages(inquiry)[page])
    assert response.status_code == status
    assert inquiry.case_number not in response.content.decode()


@pytest.mark.parametrize("page", ["list", "register", "detail", "edit"])
def test_advisor_reaches_every_page(advisor_client, inquiry, page):
    assert advisor_client.get(pages(inquiry)[page]).status_code == 200


def test_non_advisor_cannot_post_a_contact(plain_client, inquiry):
    url = reverse("advisor:contact_add", args=[inquiry.pk])
    response = plain_client.post(url, {"contact_date": "2024-03-02", "kind": "phone"})
    assert response.status_code == 404
    assert inquiry.contacts.count() == 0


@pytest.mark.parametrize("name", ["contact_add", "action_add", "inquiry_close", "inquiry_reopen"])
@pytest.mark.parametrize("role", ["plain_client", "administrator_client"])
def test_non_advisors_cannot_change_an_inquiry(request, inquiry, role, name):
    client = request.getfixturevalue(role)
    response = client.post(reverse(f"advisor:{name}", args=[inquiry.pk]), {})
    assert response.status_code == 404
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.contacts.count(), inquiry.actions.count()) == ("open", 0, 0)


@pytest.mark.parametrize("name", ["contact_add", "action_add", "inquiry_close", "inquiry_reopen"])
def test_anonymous_visitor_cannot_change_an_inquiry(client, inquiry, name):
    response = client.post(reverse(f"advisor:{name}", args=[inquiry.pk]), {})
    assert response.status_code == 302
    assert inquiry.contacts.count() == 0


def test_login_page_is_open(client):
    assert client.get(reverse("accounts:login")).status_code == 200


def test_administrator_maintains_the_organisation_in_admin(administrator_client, advisor_client):
    assert (
        administrator_client.get(reverse("admin:organisation_area_changelist")).status_code == 200
    )
    assert administrator_client.get(reverse("admin:organisation_reason_add")).status_code == 200
    # An advisor without the administrator role has no admin access at all.
    assert advisor_client.get(reverse("admin:organisation_area_changelist")).status_code == 302


def test_inquiries_are_not_in_the_admin(administrator_client):
    response = administrator_client.get(reverse("admin:index"))
    assert response.status_code == 200
    with pytest.raises(NoReverseMatch):
        reverse("admin:inquiries_inquiry_changelist")


def test_each_role_lands_on_its_own_start_page(advisor_client, administrator_client, plain_client):
    front = advisor_client.get(reverse("advisor:home"))
    assert front.status_code == 200
    assert front.context["needed"] is not None
    assert administrator_client.get(reverse("advisor:home"))["Location"] == reverse("admin:index")
    response = plain_client.get(reverse("advisor:home"))
    assert response.status_code == 403
    assert "Log af" in response.content.decode()


def test_a_missing_page_is_a_designed_danish_page(advisor_client):
    response = advisor_client.get("/inquiries/999999/")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.content.decode()


def test_an_administrator_cannot_make_anyone_superuser_nor_give_themselves_roles(
    administrator_client, administrator, advisor
):
    page = administrator_client.get(reverse("admin:accounts_user_change", args=[advisor.pk]))
    assert 'name="is_superuser"' not in page.content.decode()
    own = administrator_client.get(reverse("admin:accounts_user_change", args=[administrator.pk]))
    assert 'name="is_advisor"' not in own.content.decode()


def test_reading_the_edit_form_is_logged(advisor_client, advisor, inquiry):
    from borgerraadgiver.audit.models import AccessLogEntry

    advisor_client.get(reverse("advisor:inquiry_edit", args=[inquiry.pk]))
    assert AccessLogEntry.objects.filter(
        action="view", inquiry_id=inquiry.pk, user=advisor
    ).exists()
