"""Registers every model the administrators maintain in Django's admin (found by autodiscover)."""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from borgerraadgiver.administration import deletion_log, organisation, users

__all__ = ["deletion_log", "organisation", "users"]

# The task queue's rows hold each task's arguments and the traceback of a failed one, which can
# name a person: they stay out of the admin, whose users see no inquiries. The queue's state is
# on /health/ and in `check --deploy` (docs/deployment.md).
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
