"""E-mails about recommendations, sent in the office's language once the change is stored."""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import ACTIVE_ADVISOR
from borgerraadgiver.recommendations.models import Recommendation


def addressee_emails(recommendation: Recommendation) -> list[str]:
    """The active managers of the addressed departments and areas (and of the departments in an
    addressed area)."""
    departments = recommendation.departments.all()
    areas = recommendation.areas.all()
    managers = User.objects.filter(is_active=True).filter(
        Q(managed_departments__in=departments)
        | Q(managed_areas__in=areas)
        | Q(managed_departments__area__in=areas)
    )
    return sorted({user.email for user in managers if user.email})


def advisor_emails() -> list[str]:
    return [user.email for user in User.objects.filter(ACTIVE_ADVISOR) if user.email]


def _values(recommendation: Recommendation, base_url: str, url_name: str) -> dict[str, str]:
    return {
        "text": recommendation.text,
        "deadline": formats.date_format(recommendation.response_deadline_date, "DATE_FORMAT"),
        "url": base_url + reverse(url_name, args=[recommendation.pk]),
    }


def managers_notify_made(recommendation: Recommendation, base_url: str) -> None:
    """Tell the addressed managers that a recommendation awaits their response."""
    recipients = addressee_emails(recommendation)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = _values(recommendation, base_url, "portal:recommendation_detail")
        send_mail(
            _("A recommendation from the citizens' advisor"),
            _(
                "The citizens' advisor recommends:\n\n%(text)s\n\nPlease respond by %(deadline)s: "
                "what the administration will do, and by when, here: %(url)s"
            )
            % values,
            None,
            recipients,
        )


def advisors_notify_response(recommendation: Recommendation, by_name: str, base_url: str) -> None:
    """Tell the advisors that the administration has responded."""
    recipients = advisor_emails()
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = _values(recommendation, base_url, "recommendations:recommendation_detail")
        values["by"] = by_name
        send_mail(
            _("%(by)s has responded to a recommendation") % values,
            _("%(by)s has responded to the recommendation:\n\n%(text)s\n\n%(url)s") % values,
            None,
            recipients,
        )
