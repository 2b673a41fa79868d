"""50 staff users for the load test: 40 advisors and 10 department managers.

Run by bench/load/run, which sets LOAD_USERS_FILE (written by fill.py) and LOAD_ACK_FILE.
Advisors list, filter, search (a person's name, a case number), open inquiries, register new
ones and forward some of those they registered; managers list their department's cases and
answer them. Each user logs in through the login page with password and TOTP code.
Every registration the server acknowledges (a redirect to the new inquiry) is appended to
LOAD_ACK_FILE at once, so that the check afterwards can find each of them.
"""

import datetime
import itertools
import json
import os
import random
import re
import threading
import uuid
from binascii import unhexlify
from pathlib import Path

from django_otp.oath import totp
from load_forms import answer_form, consent_form, forwarding_form, registration_form
from locust import HttpUser, between, task

DATA = json.loads(Path(os.environ["LOAD_USERS_FILE"]).read_text(encoding="utf-8"))
ACK_FILE = os.environ["LOAD_ACK_FILE"]
_ack_lock = threading.Lock()
_accounts = {
    role: itertools.cycle([u for u in DATA["users"] if u["role"] == role])
    for role in ("advisor", "manager")
}
_INQUIRY = re.compile(r"/inquiries/(\d+)/$")
_FORWARDING = re.compile(r"/forwardings/(\d+)/$")
_PORTAL_LINK = re.compile(r'href="/portal/(\d+)/"')


def _acknowledge(pk: int, token: str) -> None:
    with _ack_lock, open(ACK_FILE, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"pk": pk, "token": token}) + "\n")
        handle.flush()


class StaffUser(HttpUser):
    abstract = True
    wait_time = between(1, 5)  # reading and typing between pages
    role = ""

    def on_start(self) -> None:
        account = next(_accounts[self.role])
        self.client.get("/accounts/login/", name="login page")
        response = self.client.post(
            "/accounts/login/",
            {
                "username": account["username"],
                "password": DATA["password"],
                "csrfmiddlewaretoken": self.csrf(),
            },
            name="login",
        )
        if "/accounts/login/code/" in response.url and account["totp_key"]:
            code = totp(unhexlify(account["totp_key"]), step=30, t0=0, digits=6, drift=0)
            self.client.post(
                "/accounts/login/code/",
                {"token": f"{code:06d}", "csrfmiddlewaretoken": self.csrf()},
                name="login code",
            )

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")


class Advisor(StaffUser):
    fixed_count = 40
    role = "advisor"

    def on_start(self) -> None:
        super().on_start()
        self.mine: list[tuple[int, str]] = []  # (inquiry, department) to forward

    def any_inquiry(self) -> int:
        return random.randint(DATA["inquiry_id_min"], DATA["inquiry_id_max"])

    @task(5)
    def list_page(self) -> None:
        self.client.get("/inquiries/", name="list")

    @task(2)
    def list_filtered(self) -> None:
        self.client.get(
            "/inquiries/",
            params={"status": "open", "page": random.randint(1, 20)},
            name="list open, page n",
        )

    @task(2)
    def search_person(self) -> None:
        self.client.get(
            "/inquiries/", params={"q": random.choice(DATA["person_names"])}, name="search name"
        )

    @task(2)
    def search_case_number(self) -> None:
        self.client.get(
            "/inquiries/", params={"q": random.choice(DATA["case_numbers"])}, name="search case"
        )

    @task(6)
    def open_inquiry(self) -> None:
        self.client.get(f"/inquiries/{self.any_inquiry()}/", name="inquiry")

    @task(3)
    def register(self) -> None:
        token = uuid.uuid4().hex[:12]
        department = (
            f"d{random.choice(DATA['manager_departments'])}"
            if random.random() < 0.5
            else random.choice(DATA["placements"])
        )
        self.client.get("/inquiries/new/", name="register page")
        with self.client.post(
            "/inquiries/new/",
            registration_form(
                csrf=self.csrf(),
                token=token,
                department=department,
                reasons=random.sample(DATA["reasons"], 2),
                handling_type=random.choice(DATA["handling_types"]),
                today=datetime.date.today(),
            ),
            name="register",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            match = _INQUIRY.search(response.headers.get("Location", ""))
            if response.status_code != 302 or not match:
                response.failure(f"not registered: {response.status_code}")
                return
            pk = int(match.group(1))
            _acknowledge(pk, token)
            if int(department[1:]) in DATA["manager_departments"]:
                self.mine.append((pk, department[1:]))
        self.client.get(f"/inquiries/{pk}/", name="inquiry")

    @task(1)
    def forward(self) -> None:
        if not self.mine:
            return
        pk, department = self.mine.pop()
        with self.client.post(
            f"/inquiries/{pk}/consents/new/",
            consent_form(csrf=self.csrf(), today=datetime.date.today()),
            name="consent",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:  # without consent nothing may be forwarded
                response.failure(f"consent not recorded: {response.status_code}")
                return
        self.client.get(f"/inquiries/{pk}/forwardings/new/", name="forward page")
        with self.client.post(
            f"/inquiries/{pk}/forwardings/new/",
            forwarding_form(csrf=self.csrf(), department=department),
            name="forward",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or not _FORWARDING.search(
                response.headers.get("Location", "")
            ):
                response.failure(f"not forwarded: {response.status_code}")


class Manager(StaffUser):
    fixed_count = 10
    role = "manager"

    def on_start(self) -> None:
        super().on_start()
        self.answered: set[str] = set()

    @task(3)
    def list_cases(self) -> None:
        self.client.get("/portal/", name="portal list")

    @task(2)
    def answer(self) -> None:
        page = self.client.get("/portal/", name="portal list")
        waiting = [pk for pk in _PORTAL_LINK.findall(page.text or "") if pk not in self.answered]
        if not waiting:
            return
        pk = waiting[0]
        case = self.client.get(f"/portal/{pk}/", name="portal case")
        if 'name="answer_text"' not in (case.text or ""):  # answered already (an earlier run)
            self.answered.add(pk)
            return
        with self.client.post(
            f"/portal/{pk}/answer/",
            answer_form(csrf=self.csrf()),
            name="answer",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self.answered.add(pk)
            if response.status_code != 302:
                response.failure(f"not answered: {response.status_code}")
