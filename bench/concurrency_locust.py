"""The one page that bench/concurrency.py measures in a run, for locust (headless).

Environment (set by concurrency.py): BENCH_SCENARIO (the page), BENCH_DATA (fill.py's
users.json), BENCH_SESSIONS (a JSON list of logged-in advisors' cookies, one per client),
BENCH_ACK (where acknowledged registrations are appended). Each client sends its requests one
after the other without pause, with its own session cookie.
"""

import datetime
import itertools
import json
import os
import random
import re
import sys
import threading
import uuid
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, constant, task

sys.path.insert(0, str(Path(__file__).resolve().parent / "load"))
from load_forms import registration_form  # bench/load/load_forms.py

SCENARIO = os.environ["BENCH_SCENARIO"]
DATA = json.loads(Path(os.environ["BENCH_DATA"]).read_text(encoding="utf-8"))
SESSIONS = json.loads(Path(os.environ["BENCH_SESSIONS"]).read_text(encoding="utf-8"))
ACK_FILE = os.environ.get("BENCH_ACK", "")
COMMON_WORD = "Jensen"
_sessions = itertools.cycle(SESSIONS)
_ack_lock = threading.Lock()
_INQUIRY = re.compile(r"/inquiries/(\d+)/$")
_ONCE = re.compile(r'name="once" value="([a-p]{32})"')


def _acknowledge(pk: int, token: str) -> None:
    with _ack_lock, open(ACK_FILE, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"pk": pk, "token": token}) + "\n")


# One request a connection, as nginx talks to gunicorn (deploy/nginx.conf: HTTP/1.0, no upstream
# keep-alive), so that gunicorn's workers share the requests as they do in production. A kept-alive
# connection stays with the worker that accepted it: 10 of them fell 7/3 or 10/0 on 2 workers,
# leaving a core idle, and the same page's rate swung twofold from one round to the next.
CONNECTION = {"Connection": "close"}


class Client(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        session = next(_sessions)
        self.csrf = session["csrftoken"]
        self.headers = {
            **CONNECTION,
            "Cookie": f"sessionid={session['sessionid']}; csrftoken={session['csrftoken']}",
            "Referer": self.host + "/",
        }
        self.run = getattr(self, f"page_{SCENARIO.replace('-', '_')}")

    @task
    def page(self) -> None:
        self.run()

    def get(self, url: str, name: str, *, anonymous: bool = False) -> None:
        headers = CONNECTION if anonymous else self.headers
        with self.client.get(url, headers=headers, name=name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")

    def page_bare(self) -> None:
        self.get("/", "bare", anonymous=True)

    def page_health(self) -> None:  # asked by a load balancer or monitoring: no session
        self.get("/health/", "health", anonymous=True)

    def page_list(self) -> None:
        self.get("/inquiries/", "list")

    def page_inquiry(self) -> None:
        pk = random.randint(DATA["inquiry_id_min"], DATA["inquiry_id_max"])
        self.get(f"/inquiries/{pk}/", "inquiry")

    def page_person(self) -> None:
        self.get(f"/persons/{random.choice(DATA['person_ids'])}/", "person")

    def page_forwardings(self) -> None:
        self.get("/forwardings/", "forwardings")

    def page_search_common(self) -> None:
        self.get(f"/inquiries/?q={COMMON_WORD}", "search-common")

    def page_search_rare(self) -> None:
        name = random.choice(DATA["person_names"]).replace(" ", "+")
        self.get(f"/inquiries/?q={name}", "search-rare")

    def page_plain(self) -> None:
        self.get("/accounts/two-factor/", "plain")

    def page_register(self) -> None:
        page = self.client.get("/inquiries/new/", headers=self.headers, name="register page")
        once = _ONCE.search(page.text or "")
        token = uuid.uuid4().hex[:12]
        form = registration_form(
            csrf=self.csrf,
            token=token,
            department=random.choice(DATA["placements"]),
            reasons=random.sample(DATA["reasons"], 2),
            handling_type=random.choice(DATA["handling_types"]),
            today=datetime.date.today(),
            once=once.group(1) if once else "",
        )
        with self.client.post(
            "/inquiries/new/",
            data=urlencode(form, doseq=True),
            headers={**self.headers, "Content-Type": "application/x-www-form-urlencoded"},
            name="register",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            match = _INQUIRY.search(response.headers.get("Location", "") or "")
            if response.status_code != 302 or not match or not once:
                response.failure(f"not registered: {response.status_code}")
                return
            _acknowledge(int(match.group(1)), token)
