"""Fill a database for the load test, and check it afterwards. Run by bench/load/run.

    fill.py fill  --inquiries N --users-file users.json   (DATABASE_URL points at an empty db)
    fill.py check --acknowledged acknowledged.jsonl

`fill` migrates, makes the synthetic register of bench/bench_data.py (N inquiries over five
years), 40 advisors with a confirmed TOTP authenticator each (the load users log in with
password and a code computed from the secret, as a person with an app would), 10 department
managers, and 100 forwardings sent to the managers' departments; it writes what the load users
need to users.json. `check` finds every registration the server acknowledged and runs the
database's integrity check.
"""

import argparse
import datetime
import json
import os
import random
import secrets
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BENCH_DIR.parent
sys.path[:0] = [str(PROJECT_DIR), str(BENCH_DIR)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borgerraadgiver.config.settings.production")

ADVISORS = 40
MANAGERS = 10
FORWARDINGS = 100
PASSWORD = "belastning-" + "x" * 8  # only for the throwaway load-test database


def fill(args: argparse.Namespace) -> None:
    import django

    django.setup()
    import bench_data
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from borgerraadgiver.accounts.models import User
    from borgerraadgiver.forwarding.consents import consent_record
    from borgerraadgiver.forwarding.models import ConsentMethod, Forwarding
    from borgerraadgiver.forwarding.services import forwarding_draft, forwarding_send
    from borgerraadgiver.inquiries.models import Inquiry, Person

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    today = datetime.date.today()
    org = bench_data.create_organisation(rng)
    plan = bench_data.plan_inquiries(rng, org, args.inquiries, today)
    inserter = bench_data.Inserter(rng, org)
    inserter.insert(plan, bench_data.Progress("inquiries", len(plan)))
    inserter.finish(plan)

    users = []
    for number in range(1, ADVISORS + 1):
        user = User.objects.create_user(
            username=f"load-advisor-{number:02d}",
            password=PASSWORD,
            first_name="Belastning",
            last_name=f"Rådgiver {number}",
            is_advisor=True,
        )
        key = secrets.token_hex(20)
        TOTPDevice.objects.create(user=user, name="load test", key=key, confirmed=True)
        users.append({"username": user.username, "role": "advisor", "totp_key": key})
    departments = sorted(
        (d for ds in org.departments.values() for d in ds),
        key=lambda d: -Inquiry.objects.filter(department=d).count(),
    )[:MANAGERS]
    for number, department in enumerate(departments, 1):
        user = User.objects.create_user(
            username=f"load-manager-{number:02d}",
            password=PASSWORD,
            first_name="Belastning",
            last_name=f"Leder {number}",
            email=f"leder{number}@example.dk",
        )
        user.managed_departments.add(department)
        users.append({"username": user.username, "role": "manager", "totp_key": None})

    # Forwardings waiting for an answer, so that managers have work from the start.
    now = timezone.now()
    advisor = User.objects.get(username="load-advisor-01")
    open_inquiries = Inquiry.objects.filter(
        department__in=departments, status=Inquiry.Status.OPEN, person__isnull=False
    ).order_by("-received_date")[:FORWARDINGS]
    for inquiry in open_inquiries:
        consent_record(
            inquiry=inquiry,
            recorded_by=advisor,
            now=now,
            given_by=inquiry.person.name,
            given_date=today,
            method=ConsentMethod.values[0],
        )
        forwarding = forwarding_draft(
            inquiry=inquiry,
            created_by=advisor,
            now=now,
            kind=Forwarding.Kind.FORWARDED,
            department=inquiry.department,
            text="Borgeren venter på svar fra forvaltningen.",
        )
        forwarding_send(forwarding=forwarding, sent_by=advisor, now=now)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    bounds = Inquiry.objects.order_by("pk").values_list("pk", flat=True)
    sample = rng.sample(range(len(plan)), 200)
    data = {
        "password": PASSWORD,
        "users": users,
        "inquiry_id_min": bounds.first(),
        "inquiry_id_max": bounds.last(),
        "case_numbers": [plan[i].case_number for i in sample],
        "person_names": list(Person.objects.order_by("?").values_list("name", flat=True)[:200]),
        "person_ids": list(Person.objects.order_by("?").values_list("pk", flat=True)[:200]),
        "placements": [f"d{d.pk}" for ds in org.departments.values() for d in ds],
        "manager_departments": [d.pk for d in departments],
        "reasons": [r.pk for r in org.reasons],
        "handling_types": [h.pk for h in org.handling_types if h.kind != "other"],
    }
    Path(args.users_file).write_text(json.dumps(data, ensure_ascii=False))
    print(
        f"Filled in {time.perf_counter() - started:.0f} s: {Inquiry.objects.count():,} "
        f"inquiries, {ADVISORS} advisors, {MANAGERS} managers, "
        f"{open_inquiries.count()} forwardings waiting",
        flush=True,
    )


def check(args: argparse.Namespace) -> int:
    """Every acknowledged registration in the database, and the database whole."""
    import django

    django.setup()
    from django.db import connection

    from borgerraadgiver.inquiries.models import Inquiry

    acknowledged = [
        json.loads(line)
        for line in Path(args.acknowledged).read_text().splitlines()
        if line.strip()
    ]
    found = dict(
        Inquiry.objects.filter(pk__in=[a["pk"] for a in acknowledged]).values_list("pk", "summary")
    )
    missing = [a for a in acknowledged if a["token"] not in found.get(a["pk"], "")]
    print(
        f"Acknowledged registrations: {len(acknowledged)}, in the database: "
        f"{len(acknowledged) - len(missing)}, missing: {len(missing)}"
    )
    for entry in missing[:10]:
        print(f"  missing: {entry}")
    unlogged = registrations_unlogged([a["pk"] for a in acknowledged if a not in missing])
    ok = integrity(connection)
    return 0 if ok and not missing and not unlogged else 1


def registrations_unlogged(pks: list[int]) -> list[int]:
    """The registered inquiries without their first contact or without the access-log rows the
    registration writes (the inquiry registered, and a new person registered)."""
    from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
    from borgerraadgiver.inquiries.models import Contact, Inquiry

    unlogged = set()
    for start in range(0, len(pks), 500):
        chunk = pks[start : start + 500]
        people = dict(Inquiry.objects.filter(pk__in=chunk).values_list("pk", "person_id"))
        logged = set(
            AccessLogEntry.objects.filter(
                event=AccessEvent.INQUIRY_REGISTERED, inquiry_id__in=chunk
            ).values_list("inquiry_id", flat=True)
        )
        people_logged = set(
            AccessLogEntry.objects.filter(
                event=AccessEvent.PERSON_REGISTERED, person_id__in=people.values()
            ).values_list("person_id", flat=True)
        )
        contacted = set(
            Contact.objects.filter(inquiry_id__in=chunk).values_list("inquiry_id", flat=True)
        )
        unlogged |= {
            pk
            for pk in chunk
            if pk not in logged
            or pk not in contacted
            or (people.get(pk) is not None and people[pk] not in people_logged)
        }
    print(
        f"Of those, without their first contact or their access-log rows (inquiry and person "
        f"registered): {len(unlogged)}"
    )
    return sorted(unlogged)


def integrity(connection) -> bool:  # type: ignore[no-untyped-def]
    """SQLite: PRAGMA integrity_check. PostgreSQL: amcheck on every B-tree index if it can be
    installed, and consistency queries either way."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA integrity_check")
            result = [row[0] for row in cursor.fetchall()]
            print(f"PRAGMA integrity_check: {', '.join(result[:5])}")
            ok = result == ["ok"]
        else:
            ok = True
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
                cursor.execute(
                    "SELECT count(*) FROM (SELECT bt_index_check(c.oid) FROM pg_index i "
                    "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE a.amname = 'btree' AND n.nspname = 'public') checked"
                )
                print(f"amcheck bt_index_check: {cursor.fetchone()[0]} B-tree indexes, no error")
            except Exception as error:  # no amcheck: not fatal
                print(f"amcheck not available ({type(error).__name__}); consistency queries only")
                ok = True
        # The register's own rules: a contact per inquiry (its first), a case number each,
        # case number sequences at or past the numbers used.
        # (An imported inquiry is a statistical row without contacts.)
        cursor.execute(
            "SELECT count(*) FROM inquiries_inquiry i WHERE NOT EXISTS "
            "(SELECT 1 FROM inquiries_contact c WHERE c.inquiry_id = i.id) AND NOT EXISTS "
            "(SELECT 1 FROM imports_importedinquiry m WHERE m.inquiry_id = i.id)"
        )
        without_contact = cursor.fetchone()[0]
        # An import is whole: each batch holds as many inquiries as it says it imported.
        cursor.execute(
            "SELECT count(*) FROM imports_importbatch b WHERE b.kind = 'inquiries' AND b.rows <> "
            "(SELECT count(*) FROM imports_importedinquiry m WHERE m.batch_id = b.id)"
        )
        partial_batches = cursor.fetchone()[0]
        print(f"Import batches not whole: {partial_batches}")
        cursor.execute(
            "SELECT count(*) FROM forwarding_forwarding f WHERE NOT EXISTS "
            "(SELECT 1 FROM inquiries_inquiry i WHERE i.id = f.inquiry_id)"
        )
        orphans = cursor.fetchone()[0]
        print(
            f"Inquiries without a contact: {without_contact}; forwardings without an "
            f"inquiry: {orphans}"
        )
        return ok and without_contact == 0 and orphans == 0 and partial_batches == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("fill")
    p.add_argument("--inquiries", type=int, default=100_000)
    p.add_argument("--users-file", required=True)
    p.add_argument("--seed", type=int, default=2024)
    c = sub.add_parser("check")
    c.add_argument("--acknowledged", required=True)
    args = parser.parse_args()
    if args.command == "fill":
        fill(args)
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
