"""The administrator's spreadsheet imports: choose, upload and check; then confirm to import.

The check is a dry run of the same `import_run` the commands use. The file waits between the
two steps in `uploads.py`'s folder, found by a token kept in the user's session.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.accounts.permissions import is_administrator
from borgerraadgiver.imports import services, uploads
from borgerraadgiver.imports.forms import ConfirmForm, ImportForm
from borgerraadgiver.imports.models import ImportBatch

SESSION_KEY = "imports_pending"
ERRORS_SHOWN = 200


def _require_administrator(request: AuthedRequest) -> None:
    if not is_administrator(request.user):
        raise PermissionDenied


def _pending(request: AuthedRequest) -> dict[str, dict[str, object]]:
    return dict(request.session.get(SESSION_KEY, {}))


def _render_result(
    request: AuthedRequest, result: services.ImportResult, token: str | None
) -> HttpResponse:
    return render(
        request,
        "imports/import_check.html",
        {
            "result": result,
            "errors": result.errors[:ERRORS_SHOWN],
            "more_errors": max(len(result.errors) - ERRORS_SHOWN, 0),
            "kind_label": ImportBatch.Kind(result.kind).label,
            "confirm": ConfirmForm(initial={"token": token}) if token else None,
        },
    )


@require_http_methods(["GET", "POST"])
def import_start(request: AuthedRequest) -> HttpResponse:
    _require_administrator(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token = uploads.upload_store(user=request.user, file=data["file"])
        path = uploads.upload_path(user=request.user, token=token)
        assert path is not None
        with path.open("rb") as file:
            result = services.import_run(
                kind=data["kind"],
                file=file,
                file_name=data["file"].name,
                user=request.user,
                now=timezone.now(),
                dry_run=True,
                replace=data["replace"],
            )
        if result.errors:
            uploads.upload_discard(user=request.user, token=token)
            return _render_result(request, result, None)
        pending = _pending(request)
        pending[token] = {
            "kind": data["kind"],
            "name": data["file"].name,
            "replace": data["replace"],
        }
        request.session[SESSION_KEY] = pending
        return _render_result(request, result, token)
    return render(
        request,
        "imports/import_start.html",
        {"form": form, "batches": ImportBatch.objects.select_related("imported_by")[:10]},
    )


@require_POST
def import_confirm(request: AuthedRequest) -> HttpResponse:
    _require_administrator(request)
    form = ConfirmForm(request.POST)
    token = form.data.get("token", "")
    pending = _pending(request)
    details = pending.pop(str(token), None)
    path = uploads.upload_path(user=request.user, token=str(token))
    if details is None or path is None:
        messages.error(request, _("The checked file is no longer there. Upload it again."))
        return redirect("imports:import_start")
    request.session[SESSION_KEY] = pending
    if "cancel" in request.POST:
        uploads.upload_discard(user=request.user, token=str(token))
        messages.info(request, _("Nothing is imported."))
        return redirect("imports:import_start")
    with path.open("rb") as file:
        result = services.import_run(
            kind=str(details["kind"]),
            file=file,
            file_name=str(details["name"]),
            user=request.user,
            now=timezone.now(),
            dry_run=False,
            replace=bool(details["replace"]),
        )
    uploads.upload_discard(user=request.user, token=str(token))
    if result.errors:
        # Something changed since the check (a list entry was removed, another import ran).
        return _render_result(request, result, None)
    messages.success(
        request,
        ngettext(
            "%(rows)d row imported from %(file)s.",
            "%(rows)d rows imported from %(file)s.",
            result.rows,
        )
        % {"rows": result.rows, "file": result.file_name},
    )
    return redirect("imports:import_start")
