"""Operations and the queue: /health/ and `check --deploy` say when tasks wait for a worker that
does not come; the scheduler deletes old jobs and tasks."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from borgerraadgiver.imports.tasks import import_check_task
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.operations import checks
from borgerraadgiver.operations import health as health_module
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings, monkeypatch):
    settings.TASKS = DATABASE_BACKEND
    settings.JOBS_STALLED_MINUTES = 10
    monkeypatch.setattr(health_module, "_migrated", [True])


def queued(minutes_ago: int) -> DBTaskResult:
    result = import_check_task.enqueue("00000000-0000-0000-0000-000000000000")
    enqueued = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=enqueued)
    return DBTaskResult.objects.get(pk=result.id)


def test_health_says_ok_while_tasks_are_taken_in_time(database_queue, client):
    queued(minutes_ago=2)
    body = client.get("/health/").json()
    assert (body["status"], body["tasks"]) == ("ok", "ok")


def test_health_says_stalled_when_a_task_waited_too_long_but_still_serves(database_queue, client):
    queued(minutes_ago=11)
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["tasks"] == "stalled"


def test_check_deploy_warns_about_a_queue_without_a_worker(database_queue):
    assert checks.task_queue() == []
    queued(minutes_ago=30)
    [warning] = checks.task_queue()
    assert warning.id == "borgerraadgiver.W003"
    assert "1 task(s) have waited more than 10 minutes" in warning.msg


def test_check_deploy_warns_when_tasks_run_inside_the_request(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    [warning] = checks.task_queue()
    assert warning.id == "borgerraadgiver.W002"


def test_the_scheduler_deletes_jobs_and_tasks_finished_long_ago(database_queue, settings):
    settings.JOBS_KEEP_HOURS = 24
    long_ago = timezone.now() - datetime.timedelta(hours=25)
    owner = AdministratorFactory()
    old = Job.objects.create(
        owner=owner,
        kind=Job.Kind.IMPORT,
        status=Job.Status.DONE,
        language="da",
        created_at=long_ago,
        finished_at=long_ago,
    )
    recent = Job.objects.create(
        owner=owner, kind=Job.Kind.IMPORT, language="da", created_at=timezone.now()
    )
    task = queued(minutes_ago=0)
    DBTaskResult.objects.filter(pk=task.pk).update(status="SUCCESSFUL", finished_at=long_ago)
    call_command("scheduler", "--once")
    assert list(Job.objects.all()) == [recent]
    assert not Job.objects.filter(pk=old.pk).exists()
    assert not DBTaskResult.objects.exists()
