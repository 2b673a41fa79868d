from django.http import HttpRequest

from borgerraadgiver.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request past the login middleware: every page but the login page gets one."""

    user: User
