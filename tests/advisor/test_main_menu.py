"""The main menu written in Python (`advisor/templatetags/main_menu.py`, issue 18) is the menu
the template wrote, for every role and on every page it marks as the current one."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from borgerraadgiver.accounts.permissions import is_manager
from borgerraadgiver.intake import selectors as intake_selectors
from borgerraadgiver.reports.permissions import can_read_statistics
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

# base.html's menu items before issue 18, word for word.
TEMPLATE_MENU = """{% load i18n %}
            {% url 'advisor:inquiry_list' as list_url %}{% url 'advisor:inquiry_register' as register_url %}{% url 'advisor:home' as home_url %}
            {% if user.is_advisor %}
            <li{% if request.path == home_url %} class="active current"{% endif %}><a href="{{ home_url }}" class="nav-link"{% if request.path == home_url %} aria-current="page"{% endif %}><span>{% translate "Front page" %}</span></a></li>
            <li{% if request.path == list_url %} class="active current"{% endif %}><a href="{{ list_url }}" class="nav-link"{% if request.path == list_url %} aria-current="page"{% endif %}><span>{% translate "Inquiries" %}</span></a></li>
            <li{% if request.path == register_url %} class="active current"{% endif %}><a href="{{ register_url }}" class="nav-link"{% if request.path == register_url %} aria-current="page"{% endif %}><span>{% translate "Register inquiry" %}</span></a></li>
            {% url 'advisor:forwarding_overview' as owed_url %}<li{% if request.path == owed_url %} class="active current"{% endif %}><a href="{{ owed_url }}" class="nav-link"{% if request.path == owed_url %} aria-current="page"{% endif %}><span>{% translate "Forwardings" %}</span></a></li>
            {% load intake %}{% inbox_waiting as waiting %}{% url 'intake:inbox' as inbox_url %}<li{% if request.path == inbox_url %} class="active current"{% endif %}><a href="{{ inbox_url }}" class="nav-link"{% if request.path == inbox_url %} aria-current="page"{% endif %}><span>{% if waiting %}{% blocktranslate with count=waiting %}Inbox ({{ count }}){% endblocktranslate %}{% else %}{% translate "Inbox" %}{% endif %}</span></a></li>
            {% endif %}
            {% if is_manager %}{% url 'portal:forwarding_list' as portal_url %}
            <li{% if request.path == portal_url %} class="active current"{% endif %}><a href="{{ portal_url }}" class="nav-link"{% if request.path == portal_url %} aria-current="page"{% endif %}><span>{% translate "Cases from the citizens' advisor" %}</span></a></li>
            {% url 'portal:recommendation_list' as portal_recommendations_url %}<li{% if portal_recommendations_url in request.path %} class="active current"{% endif %}><a href="{{ portal_recommendations_url }}" class="nav-link"{% if portal_recommendations_url in request.path %} aria-current="page"{% endif %}><span>{% translate "Recommendations" %}</span></a></li>
            {% endif %}
            {% if user.is_administrator or user.is_superuser %}
            <li><a href="{% url 'admin:index' %}" class="nav-link"><span>{% translate "Administration" %}</span></a></li>
            {% endif %}
            {% if user.is_administrator or user.is_superuser %}{% url 'privacy:access_log_search' as access_log_url %}<li{% if request.path == access_log_url %} class="active current"{% endif %}><a href="{{ access_log_url }}" class="nav-link"{% if request.path == access_log_url %} aria-current="page"{% endif %}><span>{% translate "Access log" %}</span></a></li>{% endif %}
            {% if user.is_advisor %}{% url 'activities:activity_list' as activities_url %}<li{% if request.path == activities_url %} class="active current"{% endif %}><a href="{{ activities_url }}" class="nav-link"{% if request.path == activities_url %} aria-current="page"{% endif %}><span>{% translate "Activities" %}</span></a></li>{% endif %}
            {% if user.is_advisor %}{% url 'recommendations:recommendation_list' as recommendations_url %}<li{% if recommendations_url in request.path %} class="active current"{% endif %}><a href="{{ recommendations_url }}" class="nav-link"{% if recommendations_url in request.path %} aria-current="page"{% endif %}><span>{% translate "Recommendations" %}</span></a></li>{% endif %}
            {% if can_read_statistics %}{% url 'reports:statistics' as statistics_url %}<li{% if request.path == statistics_url %} class="active current"{% endif %}><a href="{{ statistics_url }}" class="nav-link"{% if request.path == statistics_url %} aria-current="page"{% endif %}><span>{% translate "Statistics" %}</span></a></li>{% endif %}
            {% if user.is_advisor %}{% url 'report_content:workspace_current' as report_url %}<li{% if report_url in request.path %} class="active current"{% endif %}><a href="{{ report_url }}" class="nav-link"{% if report_url in request.path %} aria-current="page"{% endif %}><span>{% translate "Annual report" %}</span></a></li>{% endif %}
            {% if user.is_advisor %}{% url 'letters:template_list' as letters_url %}<li{% if letters_url in request.path %} class="active current"{% endif %}><a href="{{ letters_url }}" class="nav-link"{% if letters_url in request.path %} aria-current="page"{% endif %}><span>{% translate "Letter templates" %}</span></a></li>{% endif %}
            {% if user.is_administrator or user.is_superuser %}{% url 'imports:import_start' as imports_url %}<li{% if request.path == imports_url %} class="active current"{% endif %}><a href="{{ imports_url }}" class="nav-link"{% if request.path == imports_url %} aria-current="page"{% endif %}><span>{% translate "Imports" %}</span></a></li>{% endif %}
"""  # noqa: E501

PATHS = [
    "/",
    "/inquiries/",
    "/inquiries/new/",
    "/forwardings/",
    "/inbox/",
    "/portal/",
    "/portal/recommendations/7/",
    "/privacy/access-log/",
    "/activities/",
    "/recommendations/3/edit/",
    "/statistics/",
    "/report/2024/",
    "/letters/templates/1/",
    "/imports/",
    "/somewhere/else/",
]


def _users():
    manager = UserFactory(username="leder")
    manager.managed_departments.add(DepartmentFactory())
    both = UserFactory(username="begge", is_advisor=True)
    both.managed_departments.add(DepartmentFactory())
    return [
        UserFactory(username="raadgiver", is_advisor=True),
        manager,
        both,
        UserFactory(username="laeser", is_report_reader=True),
        UserFactory(username="admin", is_administrator=True),
        UserFactory(username="super", is_superuser=True),
        UserFactory(username="ingen"),
    ]


def _tight(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("waiting", [0, 3])
@pytest.mark.parametrize("language", ["da", "en"])
def test_the_menu_is_the_templates_menu_for_every_role_and_page(monkeypatch, waiting, language):
    monkeypatch.setattr(intake_selectors, "inbox_count", lambda user: waiting)
    old_menu = engines["django"].from_string(TEMPLATE_MENU)
    new_menu = engines["django"].from_string("{% load main_menu %}{% main_menu %}")
    compared = 0
    with translation.override(language):
        for user in _users():
            for path in PATHS:
                context = {
                    "user": user,
                    "request": RequestFactory().get(path),
                    "is_manager": is_manager(user),
                    "can_read_statistics": can_read_statistics(user),
                }
                old, new = old_menu.render(context), new_menu.render(context)
                assert _tight(new) == _tight(old), (user.username, path)
                compared += bool(new.strip())
                assert ("(3)" in new) == bool(waiting and user.is_advisor)
    assert compared == 6 * len(PATHS)  # everyone but the user without a role has a menu


def test_no_user_no_items():
    menu = engines["django"].from_string("{% load main_menu %}{% main_menu %}")
    user = UserFactory(username="ingen")
    assert menu.render({"user": user, "request": RequestFactory().get("/")}) == ""
    assert AnonymousUser().is_authenticated is False
