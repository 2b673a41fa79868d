"""The demo's advisor and administrator log in with the published authenticator key."""

import base64

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from borgerraadgiver.demo.users import ADVISOR, DEMO_TOTP_SECRET, demo_users_load

pytestmark = pytest.mark.django_db


def test_the_demo_advisor_logs_in_with_the_code_printed_by_demo_code(client, capsys):
    demo_users_load()
    device = TOTPDevice.objects.get(user__username=ADVISOR.username, confirmed=True)
    assert device.bin_key == base64.b32decode(DEMO_TOTP_SECRET)
    call_command("demo_code")
    code = capsys.readouterr().out.strip()
    assert code == str(totp(device.bin_key)).zfill(6)
    client.post(
        reverse("accounts:login"), {"username": ADVISOR.username, "password": ADVISOR.password}
    )
    response = client.post(reverse("accounts:otp_verify"), {"token": code})
    assert response.status_code == 302
    assert client.get(reverse("advisor:inquiry_list")).status_code == 200


def test_loading_the_demo_users_again_keeps_one_app_each():
    demo_users_load()
    demo_users_load()
    assert TOTPDevice.objects.filter(user__username=ADVISOR.username).count() == 1
