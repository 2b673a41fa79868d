"""The walk of every page: each named URL with arguments from the access-log walk's world (and
those of the pages it leaves out), fetched with the test client as the first role that may open
it. The browser's reflow test and the Danish-text test both go through it, so a new page is
checked without anyone listing it."""

import datetime
import re
import uuid
from dataclasses import dataclass, field

from django.core import signing
from django.db.models import F
from django.test import Client
from django.urls import reverse

from borgerraadgiver.activities.models import Activity, ActivityKind
from borgerraadgiver.feedback.models import ContactRequest
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.intake.views import RECEIPT_SALT
from borgerraadgiver.letters.default_templates import default_templates_load
from borgerraadgiver.letters.models import LetterTemplate, LetterTemplateVersion
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.report_content.services import case_example_mark
from tests.audit.test_access_log_discovered import World, arguments, named_urls
from tests.factories import AdministratorFactory, UserFactory
from tests.login import verified_client

YEAR = 2024

# Opened without logging in: the citizen's pages and the login.
PUBLIC = {"intake:contact", "intake:accessibility", "intake:receipt", "accounts:login"}
# Not pages for a person at all (data for programs, or a redirect), with the reason.
NOT_PAGES = {
    "api": "JSON for programs; its browsable description is Swagger UI's own page",
    "operations": "the health check",
    "accounts:logout": "a POST",
    "accounts:set_language": "a POST",
    "admin:logout": "a POST",
    "admin:view_on_site": "a redirect",
    "admin:autocomplete": "JSON",
    "admin:jsi18n": "JavaScript",
    "advisor:role_grant_decide": "a POST",
    "reports:withdraw": "a POST",
    "report_content:example_mark": "a POST",
    "reports:chart": "an SVG image on the statistics page",
    "report_document:edition": "a download (DOCX, PDF, HTML)",
}
# The admin's index, its lists and two of its forms; the rest of its forms are Django's own.
ADMIN_PAGES = ("admin:index", "admin:organisation_department_change", "admin:accounts_user_change")


@dataclass
class Walk:
    users: dict[str, object]  # role: the user logged in as (None: nobody, the public)
    # role: [(name, url, the page's HTML as the test client got it)]
    pages: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def _letter_template() -> LetterTemplate:
    """One of the office's letter templates (a transactional test before may have flushed the
    data migration's defaults: loaded again then)."""
    if not LetterTemplate.objects.exists():
        default_templates_load(LetterTemplate, LetterTemplateVersion)
    return LetterTemplate.objects.order_by("pk").first()


def extra_arguments(name: str, route: str, w: World, extras: dict[str, int]) -> dict | None:
    """The access-log walk's arguments, and those of the pages it leaves out (no person on them)."""
    known = arguments(name, route, w)
    if known is not None:
        return known
    values: dict[str, object] = {}
    for argument in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if argument == "object_id" and name == "admin:organisation_department_change":
            values[argument] = w.inquiry.department_id
        elif argument == "object_id" and name == "admin:accounts_user_change":
            values[argument] = w.advisor.pk
        elif argument == "fmt":
            values[argument] = "html" if name == "report_document:document" else "csv"
        elif argument == "year":
            values[argument] = YEAR
        elif argument == "key":
            values[argument] = Section.ABOUT_OFFICE.value
        elif argument == "token":
            values[argument] = signing.dumps({"r": "BR-W-0001", "e": False}, salt=RECEIPT_SALT)
        elif argument == "pk" and route.startswith("report/examples/"):
            values[argument] = extras["example"]
        elif argument == "pk" and route.startswith("activities/"):
            values[argument] = extras["activity"]
        elif argument == "pk" and route.startswith("letters/templates/"):
            values[argument] = _letter_template().pk
        elif argument == "pk" and route.startswith("contact-requests/"):  # a button's POST only
            values[argument] = ContactRequest.objects.get_or_create(
                inquiry=w.inquiry, defaults={"requested_date": datetime.date(YEAR, 6, 1)}
            )[0].pk
        elif argument == "pk" and "<uuid:pk>" in route:
            # A background job's pages are its owner's only (tests/jobs, with axe at 320 px):
            # anyone else, as here, gets 404.
            values[argument] = uuid.uuid4()
        else:
            return None
    return values


def html_page(client: Client, url: str) -> str | None:
    """The page's HTML, or None when it is not one for this client (refused, a download...)."""
    response = client.get(url)
    if (
        response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and "attachment" not in response.get("Content-Disposition", "")  # a download
    ):
        return response.content.decode()
    return None


def page_walk(world: World, now: datetime.datetime) -> Walk:
    """Every named URL that is an HTML page, with the first role that may open it and its
    response's text (one test-client request each)."""
    # The access-log world writes its forwarding straight to the table; the statistics need the
    # deadline first set, as forwarding_send writes it.
    Forwarding.objects.filter(pk=world.forwarding.pk).update(
        original_deadline_date=F("deadline_date")
    )
    administrator = AdministratorFactory(username="administrator")
    reader = UserFactory(username="reader", is_report_reader=True)
    kind = ActivityKind.objects.create(name="Oplæg", sort_order=1)
    activity = Activity.objects.create(
        activity_date=datetime.date(YEAR, 3, 4),
        kind=kind,
        audience="Sagsbehandlere i Børn og Familie",
        created_by=world.advisor,
    )
    example = case_example_mark(inquiry=world.inquiry, user=world.advisor, now=now)
    extras = {"activity": activity.pk, "example": example.pk}
    users = {
        "advisor": world.advisor,
        "manager": world.manager,
        "administrator": administrator,
        "reader": reader,
        "public": None,
    }
    clients = {role: verified_client(user) if user else Client() for role, user in users.items()}
    result = Walk(users=users, pages={role: [] for role in users})
    for name, route in named_urls():
        if name in NOT_PAGES or name.split(":")[0] in NOT_PAGES:
            continue
        if name.startswith("admin:") and name not in ADMIN_PAGES and "changelist" not in name:
            continue
        kwargs = extra_arguments(name, route, world, extras)
        if kwargs is None:
            result.skipped.append(name)
            continue
        url = reverse(name, kwargs=kwargs)
        if name == "report_document:document":
            url += "?preview=1"  # the HTML report as the browser shows it, not as a download
        order = ["public"] if name in PUBLIC else ["advisor", "manager", "administrator", "reader"]
        for role in order:
            if (html := html_page(clients[role], url)) is not None:
                result.pages[role].append((name, url, html))
                break
    return result
