"""Who may see what of personal data and of the logs about it.

The principle (issue 5): an administrator sees personal data only if also an advisor. So the
log search is for administrators, but shows a non-advisor only who did what, when, to which
inquiry or person id and case number; search terms (which can be names) are shown to advisors
only. A person's own access log, the CPR 'show' action and the data-subject export are for
advisors.
"""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_active_advisor, is_administrator


def can_see_person_data(user: User | AnonymousUser) -> bool:
    return is_active_advisor(user)


def can_search_access_log(user: User | AnonymousUser) -> bool:
    return is_administrator(user)
