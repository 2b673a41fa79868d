"""The accessibility statement the law requires: public, linked from every page, with whom to
tell and where to complain."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/accessibility/"


def test_anyone_reads_the_statement_with_the_offices_contact_details(settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "borgerraadgiver@hedensted.dk"
    settings.ACCESSIBILITY_CONTACT_PHONE = "79 75 50 00"
    response = Client().get(URL, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tilgængelighedserklæring" in page
    assert 'href="mailto:borgerraadgiver@hedensted.dk"' in page
    assert "79 75 50 00" in page
    assert "Digitaliseringsstyrelsen" in page
    assert "WCAG 2.1" in page


@pytest.mark.parametrize("path", ["/contact/", "/accounts/login/"])
def test_every_page_links_to_it_from_its_footer(path):
    page = Client().get(path).content.decode()
    footer = page[page.index("<footer") :]
    assert f'href="{URL}"' in footer
