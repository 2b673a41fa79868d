"""Registers every model the administrators maintain in Django's admin (found by autodiscover)."""

from borgerraadgiver.administration import deletion_log, organisation, users

__all__ = ["deletion_log", "organisation", "users"]
