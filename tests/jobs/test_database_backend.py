"""The web import on the real queue: the database backend stores the task, a worker runs it.

The rest of the suite runs tasks with the immediate backend, inside the request. Here the upload
only queues the check; the page shows it waiting; one worker run (django-tasks-db's own Worker,
in this process, as `borgerraadgiver db_worker --batch` runs it) checks the file; the page then
shows the result, and the confirmed import goes the same way.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from borgerraadgiver.jobs.models import Job
from borgerraadgiver.organisation.models import Reason

DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_BACKEND


def run_worker_once() -> None:
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_the_upload_waits_for_the_worker_and_the_page_shows_its_result(
    database_queue, administrator_client
):
    names = ["Manglende svar", "Sagsbehandlingstid", "Personalets optræden"]
    data = ("name\n" + "\n".join(names) + "\n").encode()
    response = administrator_client.post(
        reverse("imports:import_start"),
        {"kind": "reasons", "file": SimpleUploadedFile("aarsager.csv", data, "text/csv")},
    )
    job = Job.objects.get()
    assert response.url == reverse("imports:job", args=[job.pk])
    assert job.status == Job.Status.WAITING
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.status) == (
        "borgerraadgiver.imports.tasks.import_check_task",
        "READY",
    )
    assert str(job.task_id) == str(task.id)

    waiting = administrator_client.get(response.url)
    assert waiting.templates[0].name == "jobs/progress.html"
    assert b"<progress" in waiting.content
    status = administrator_client.get(reverse("jobs:status", args=[job.pk])).json()
    assert (status["status"], status["finished"]) == ("waiting", False)

    run_worker_once()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    checked = administrator_client.get(response.url)
    assert checked.context["result"].rows == len(names)
    assert checked.context["confirm"] is not None
    assert not Reason.objects.exists()

    imported = administrator_client.post(reverse("imports:import_confirm"), {"job": str(job.pk)})
    import_job = Job.objects.get(kind=Job.Kind.IMPORT)
    assert imported.url == reverse("imports:job", args=[import_job.pk])
    assert import_job.status == Job.Status.WAITING
    assert not Reason.objects.exists()

    run_worker_once()

    page = administrator_client.get(imported.url)
    assert page.templates[0].name == "imports/import_done.html"
    assert (page.context["result"].imported, page.context["result"].rows) == (True, len(names))
    assert sorted(Reason.objects.values_list("name", flat=True)) == sorted(names)
