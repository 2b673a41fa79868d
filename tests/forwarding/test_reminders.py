"""Reminders go out a set number of working days before the deadline and when it is missed,
each once, however often the job runs."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from borgerraadgiver.forwarding.models import ReminderSent
from borgerraadgiver.forwarding.reminders import reminders_send
from tests.helpers import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds")]

SENT = datetime.date(2024, 3, 6)  # Wed; answer by Wed 27 March; two working days before: Mon 25


def test_no_reminder_before_the_reminder_day(make_sent, advisor):
    make_sent(SENT)
    run = reminders_send(now=at(datetime.date(2024, 3, 22)))
    assert run.count == 0
    assert mail.outbox == []


def test_the_reminder_goes_to_the_departments_managers_two_working_days_before(make_sent, advisor):
    forwarding = make_sent(SENT)
    run = reminders_send(now=at(datetime.date(2024, 3, 25)))
    assert run.before == [forwarding]
    to_managers = [m for m in mail.outbox if forwarding.inquiry.case_number in m.subject]
    assert [m.to for m in to_managers] == [[f"leder{forwarding.department_id}@example.com"]]
    assert "27. marts 2024" in to_managers[0].body


def test_running_the_job_twice_sends_each_reminder_once(make_sent, advisor):
    advisor.email = "raadgiver@example.com"
    advisor.save()
    make_sent(SENT)
    make_sent(SENT)
    reminders_send(now=at(datetime.date(2024, 3, 25)))
    sent_first = len(mail.outbox)
    reminders_send(now=at(datetime.date(2024, 3, 25), hour=11))
    reminders_send(now=at(datetime.date(2024, 3, 26)))
    assert sent_first == 3  # two to the managers, one summary to the advisor
    assert len(mail.outbox) == 3
    assert ReminderSent.objects.count() == 2


def test_a_missed_deadline_is_reminded_once_the_day_after(make_sent, advisor):
    forwarding = make_sent(SENT)
    reminders_send(now=at(datetime.date(2024, 3, 25)))
    mail.outbox.clear()
    assert reminders_send(now=at(datetime.date(2024, 3, 27))).count == 0  # the deadline itself
    run = reminders_send(now=at(datetime.date(2024, 3, 28)))
    assert run.missed == [forwarding]
    reminders_send(now=at(datetime.date(2024, 4, 2)))
    assert ReminderSent.objects.filter(kind="missed").count() == 1


def test_an_extension_brings_a_new_reminder_for_the_new_deadline(make_sent, advisor):
    from borgerraadgiver.forwarding.services import forwarding_extend

    forwarding = make_sent(SENT)
    reminders_send(now=at(datetime.date(2024, 3, 25)))
    manager = forwarding.department.managers.get()
    forwarding_extend(
        forwarding=forwarding,
        requested_by=manager,
        now=at(datetime.date(2024, 3, 25)),
        new_deadline_date=datetime.date(2024, 4, 10),
        reason="Afventer oplysninger",
        citizen_informed=True,
    )
    run = reminders_send(now=at(datetime.date(2024, 4, 8)))
    assert run.before == [forwarding]
    assert ReminderSent.objects.filter(kind="before").count() == 2


def test_an_answered_forwarding_gets_no_reminder(make_sent, advisor):
    from borgerraadgiver.forwarding.services import forwarding_answer

    forwarding = make_sent(SENT)
    forwarding_answer(
        forwarding=forwarding,
        answered_by=forwarding.department.managers.get(),
        now=at(datetime.date(2024, 3, 20)),
        answer_text="Svar",
    )
    assert reminders_send(now=at(datetime.date(2024, 3, 28))).count == 0


def test_the_command_runs_the_job(make_sent, advisor, capsys):
    make_sent(datetime.date(2020, 1, 6))  # long overdue
    call_command("send_reminders")
    call_command("send_reminders")
    assert ReminderSent.objects.count() == 1
    assert "1" in capsys.readouterr().out


def test_the_managers_are_told_when_a_case_is_sent(make_sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        forwarding = make_sent(SENT)
    (message,) = mail.outbox
    assert message.to == [f"leder{forwarding.department_id}@example.com"]
    assert forwarding.inquiry.case_number in message.subject
    assert "27. marts 2024" in message.body
    assert f"/portal/{forwarding.pk}/" in message.body


def test_the_scheduler_runs_the_jobs_once_on_request(make_sent, capsys):
    make_sent(datetime.date(2020, 1, 6))
    call_command("scheduler", "--once")
    assert ReminderSent.objects.count() == 1
    assert "reminders: 0 before the deadline, 1 about a missed deadline" in capsys.readouterr().out


def test_the_advisors_are_told_of_a_later_answer_date(
    make_sent, advisor, django_capture_on_commit_callbacks
):
    from borgerraadgiver.forwarding.services import forwarding_extend

    advisor.email = "raadgiver@example.com"
    advisor.save()
    forwarding = make_sent(SENT)
    with django_capture_on_commit_callbacks(execute=True):
        forwarding_extend(
            forwarding=forwarding,
            requested_by=forwarding.department.managers.get(),
            now=at(datetime.date(2024, 3, 20)),
            new_deadline_date=datetime.date(2024, 4, 10),
            reason="Afventer lægeerklæring",
            citizen_informed=True,
        )
    (message,) = mail.outbox
    assert message.to == ["raadgiver@example.com"]
    assert "10. april 2024" in message.body
    assert "Afventer lægeerklæring" in message.body
