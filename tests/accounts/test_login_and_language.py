import pytest
from django.urls import reverse

from tests.factories import PASSWORD
from tests.login import code_now, totp_device_for

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
LIST = reverse("advisor:inquiry_list")


def test_login_with_password_and_code_lands_on_the_front_page(client, advisor):
    device = totp_device_for(advisor)
    response = client.post(LOGIN, {"username": advisor.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1] == (reverse("accounts:otp_verify") + "?next=%2F", 302)
    response = client.post(response.redirect_chain[-1][0], {"token": code_now(device)}, follow=True)
    assert response.redirect_chain[-1] == (reverse("advisor:home"), 302)
    assert "needed" in response.context
    assert response.status_code == 200


def test_a_wrong_password_keeps_the_user_name_and_says_so(client, advisor):
    response = client.post(LOGIN, {"username": advisor.username, "password": "wrong"})
    assert response.status_code == 200
    content = response.content.decode()
    assert f'value="{advisor.username}"' in content
    assert 'role="alert"' in content


def test_logout_needs_a_post_and_ends_the_session(advisor_client):
    assert advisor_client.get(LIST).status_code == 200
    advisor_client.post(reverse("accounts:logout"))
    assert advisor_client.get(LIST).status_code == 302


def test_pages_are_danish_by_default(client):
    content = client.get(LOGIN).content.decode()
    assert '<html lang="da">' in content
    assert "Log ind" in content


def test_the_browser_language_is_followed_when_the_user_chose_none(client):
    content = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in content
    assert "Log in" in content


def test_a_users_chosen_language_wins_over_the_browser(advisor_client, advisor):
    response = advisor_client.post(
        reverse("accounts:set_language"), {"language": "en", "next": LIST}
    )
    assert response["Location"] == LIST
    advisor.refresh_from_db()
    assert advisor.language == "en"
    content = advisor_client.get(LIST, HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert '<html lang="en">' in content
    assert "Register inquiry" in content


def test_choosing_follow_the_browser_clears_the_saved_language(advisor_client, advisor):
    advisor.language = "en"
    advisor.save()
    advisor_client.post(reverse("accounts:set_language"), {"language": "", "next": LIST})
    advisor.refresh_from_db()
    assert advisor.language == ""


def test_language_switch_never_redirects_off_site(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
