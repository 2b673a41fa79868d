"""The staff pages' main menu, written in Python (issue 18).

`base.html` drew it with 17 `{% url %}` tags and about 40 `{% if %}`s on every staff page, a
tenth of a simple page's time. Here the addresses are reversed once per process (`core.urls`)
and each item is one string; the HTML is the one the template wrote
(`tests/advisor/test_main_menu.py` compares, for every role and page).
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.core.urls import address_pattern
from borgerraadgiver.intake.selectors import inbox_waiting

register = template.Library()


def _address(name: str) -> str:
    """The address of URL `name`, reversed once a process (`core.urls`); empty where there is
    none, as `{% url … as name %}` gives."""
    pattern = address_pattern(name, 0, None)
    return "" if pattern is None else pattern.format()


def _item(name: str, label: str, path: str, *, within: bool = False) -> str:
    """One menu item; the current page's item is marked (`within`: any page under it). The
    label is the app's own translated text, as `{% translate %}` writes it (not escaped)."""
    address = _address(name)
    current = address in path if within else path == address
    mark = ' class="active current"' if current else ""
    aria = ' aria-current="page"' if current else ""
    return (
        f'<li{mark}><a href="{escape(address)}" class="nav-link"{aria}>'
        f"<span>{label}</span></a></li>"
    )


def _advisor_items(user: User, path: str) -> list[str]:
    waiting = inbox_waiting(user=user)
    inbox = _("Inbox (%(count)s)") % {"count": waiting} if waiting else _("Inbox")
    return [
        _item("advisor:home", _("Front page"), path),
        _item("advisor:inquiry_list", _("Inquiries"), path),
        _item("advisor:inquiry_register", _("Register inquiry"), path),
        _item("advisor:forwarding_overview", _("Forwardings"), path),
        _item("intake:inbox", inbox, path),
    ]


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> SafeString:
    """The `<li>` items of the menu for the user and the page of `context`."""
    user, path = context["user"], context["request"].path
    administrator = user.is_administrator or user.is_superuser
    items = _advisor_items(user, path) if user.is_advisor else []
    if context.get("is_manager"):
        items.append(_item("portal:forwarding_list", _("Cases from the citizens' advisor"), path))
        items.append(_item("portal:recommendation_list", _("Recommendations"), path, within=True))
    if administrator:
        admin = escape(_address("admin:index"))
        items.append(
            f'<li><a href="{admin}" class="nav-link"><span>{_("Administration")}</span></a></li>'
        )
        items.append(_item("privacy:access_log_search", _("Access log"), path))
    if user.is_advisor:
        items.append(_item("activities:activity_list", _("Activities"), path))
        items.append(
            _item("recommendations:recommendation_list", _("Recommendations"), path, within=True)
        )
    if context.get("can_read_statistics"):
        items.append(_item("reports:statistics", _("Statistics"), path))
    if user.is_advisor:
        items.append(
            _item("report_content:workspace_current", _("Annual report"), path, within=True)
        )
        items.append(_item("letters:template_list", _("Letter templates"), path, within=True))
    if administrator:
        items.append(_item("imports:import_start", _("Imports"), path))
    # The addresses are escaped; the labels are the app's own translations, as the template
    # wrote them.
    return mark_safe("\n".join(items))  # noqa: S308
