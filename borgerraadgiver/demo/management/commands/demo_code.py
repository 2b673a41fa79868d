"""Prints the code the demo users' authenticator app shows now (the key is published)."""

import base64
import time
from typing import Any

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from borgerraadgiver.demo.users import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = (
        "Print the two-factor code for the demo users raadgiver and admin (their published key). "
        "Real users' keys are never printed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        key = base64.b32decode(DEMO_TOTP_SECRET)
        now = int(time.time())
        self.stdout.write(str(totp(key, t0=0, step=30, digits=6)).zfill(6))
        self.stderr.write(f"valid for another {30 - now % 30} seconds")
