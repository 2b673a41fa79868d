"""A job's status as JSON, for the script that moves a progress bar without reloading the page
(static/js/job-progress.js). Without JavaScript the page has a button to look again."""

import uuid

from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.selectors import job_get, job_state


@never_cache
@require_GET
def job_status(request: AuthedRequest, pk: uuid.UUID) -> JsonResponse:
    """The owner's job: status, phase and counts; nothing of its result (404 for anyone else).
    Not an access to personal data: a phase name and two numbers."""
    job = job_get(user=request.user, pk=pk, kinds=tuple(Job.Kind.values))
    state = job_state(job, now=timezone.now())
    progress = state.progress
    return JsonResponse(
        {
            "status": job.status,
            "finished": job.is_finished,
            "phase": progress.phase if progress else "",
            "done": progress.done if progress else 0,
            "total": progress.total if progress else 0,
            "percent": progress.percent if progress else 0,
            "stalled": state.stalled,
            "waiting_long": state.waiting_long,
        }
    )
