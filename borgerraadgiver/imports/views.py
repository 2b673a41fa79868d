"""The administrator's spreadsheet imports: upload and check; then confirm to import.

Both steps run on the task queue (`background.py`): the upload starts the check and the page
follows the job (`imports:job`) with a progress bar until the result is there: every row error,
or the rows ready to import and the button to confirm. Confirming starts the import, followed
the same way. The check is a dry run of the same `import_run` the commands use.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.accounts.permissions import is_administrator
from borgerraadgiver.imports import background
from borgerraadgiver.imports.forms import ConfirmForm, ImportForm
from borgerraadgiver.imports.models import ImportBatch
from borgerraadgiver.imports.services import ImportResult
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.selectors import job_get, job_state

ERRORS_SHOWN = 200
KINDS = (Job.Kind.IMPORT_CHECK, Job.Kind.IMPORT)


def _require_administrator(request: AuthedRequest) -> None:
    if not is_administrator(request.user):
        raise PermissionDenied


def _render_result(request: AuthedRequest, job: Job, result: ImportResult) -> HttpResponse:
    can_confirm = job.kind == Job.Kind.IMPORT_CHECK and not result.errors
    return render(
        request,
        "imports/import_check.html",
        {
            "job": job,
            "result": result,
            "errors": result.errors[:ERRORS_SHOWN],
            "more_errors": max(len(result.errors) - ERRORS_SHOWN, 0),
            "kind_label": ImportBatch.Kind(result.kind).label,
            "confirm": ConfirmForm(initial={"job": job.pk}) if can_confirm else None,
        },
    )


@require_http_methods(["GET", "POST"])
def import_start(request: AuthedRequest) -> HttpResponse:
    _require_administrator(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = background.import_check_start(
            user=request.user,
            kind=data["kind"],
            file=data["file"],
            replace=data["replace"],
            language=translation.get_language(),
            now=timezone.now(),
        )
        return redirect("imports:job", pk=job.pk)
    return render(
        request,
        "imports/import_start.html",
        {"form": form, "batches": ImportBatch.objects.select_related("imported_by")[:10]},
    )


@require_http_methods(["GET"])
def import_job(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The check or the import: its progress while it runs, then its result."""
    _require_administrator(request)
    job = job_get(user=request.user, pk=pk, kinds=KINDS)
    if job.next_job_id is not None:
        return redirect("imports:job", pk=job.next_job_id)
    if not job.is_finished:
        checking = job.kind == Job.Kind.IMPORT_CHECK
        return render(
            request,
            "jobs/progress.html",
            {
                "state": job_state(job, now=timezone.now()),
                "heading": _("Checking the file") if checking else _("Importing the file"),
                "back_url": reverse("imports:import_start"),
                "back_label": _("Back to imports"),
            },
        )
    if job.status == Job.Status.FAILED:
        return render(request, "imports/import_failed.html", {"job": job})
    result = ImportResult.from_json(job.result)
    if result.imported:
        return render(
            request,
            "imports/import_done.html",
            {"job": job, "result": result, "kind_label": ImportBatch.Kind(result.kind).label},
        )
    return _render_result(request, job, result)


@require_POST
def import_confirm(request: AuthedRequest) -> HttpResponse:
    _require_administrator(request)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The checked file is no longer there. Upload it again."))
        return redirect("imports:import_start")
    check = job_get(user=request.user, pk=form.cleaned_data["job"], kinds=(Job.Kind.IMPORT_CHECK,))
    if "cancel" in request.POST:
        background.import_cancel(user=request.user, check=check)
        if check.next_job_id is not None:
            return redirect("imports:job", pk=check.next_job_id)
        messages.info(request, _("Nothing is imported."))
        return redirect("imports:import_start")
    try:
        job = background.import_confirm(
            user=request.user,
            check=check,
            language=translation.get_language(),
            now=timezone.now(),
        )
    except ValidationError as error:
        check.refresh_from_db()
        if check.next_job_id is not None:
            # Confirmed already (a double click, another tab): show that import.
            return redirect("imports:job", pk=check.next_job_id)
        messages.error(request, " ".join(error.messages))
        return redirect("imports:import_start")
    return redirect("imports:job", pk=job.pk)
