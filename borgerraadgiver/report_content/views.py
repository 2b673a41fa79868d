"""The annual report's workspace under /report/: texts, case examples, the document itself.

Advisors write; report readers may only download the document of a published report, which
holds approved examples and no person. Each view validates a form and makes one domain call.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.core.forms import form_apply_errors
from borgerraadgiver.inquiries import selectors as inquiry_selectors
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Area, Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.report_content import selectors, services
from borgerraadgiver.report_content.forms import (
    CaseExampleForm,
    DismissForm,
    MoveForm,
    ReportTextForm,
)
from borgerraadgiver.report_content.models import CaseExample, Section
from borgerraadgiver.report_content.permissions import (
    can_approve_example,
    can_write_report,
)

# The document's formats, offered on the workspace (the download itself is reports' view).
FORMATS = ("html", "docx", "pdf")


def _require_writer(request: AuthedRequest) -> None:
    if not can_write_report(request.user):
        raise PermissionDenied


def workspace(request: AuthedRequest, year: int | None = None) -> HttpResponse:
    _require_writer(request)
    office = Office.load()
    if year is None:
        period = selectors.report_period_to_open(office=office, today=timezone.localdate())
        return redirect("report_content:workspace", year=period.start.year)
    period = report_period_for_year(year, office=office)
    space = selectors.report_workspace(
        user=request.user,
        period=period,
        areas=selectors.report_areas(year_start=period.start, year_end=period.end),
    )
    linked = [e for e in (*space.candidates, *space.awaiting) if e.inquiry_id is not None]
    if linked:  # the candidates name their inquiries: a read of each
        access_log_write_many(
            user=request.user,
            event=AccessEvent.REPORT_WORKSPACE_VIEWED,
            now=timezone.now(),
            inquiries=[(e.inquiry_id, e.inquiry.person_id) for e in linked],  # type: ignore[union-attr]
        )
    return render(
        request,
        "report_content/workspace.html",
        {
            "space": space,
            "period": period,
            "formats": list(FORMATS),
            "year": year,
            "previous": report_period_for_year(year - 1, office=office),
            "next": report_period_for_year(year + 1, office=office),
        },
    )


def _text_target(key: str) -> tuple[str, Area | None]:
    if key.startswith("area-") and key[5:].isdigit():
        area = Area.objects.filter(pk=int(key[5:])).first()
        if area is None:
            raise Http404
        return Section.AREA, area
    if key not in Section.values or key == Section.AREA:
        raise Http404
    return key, None


@require_http_methods(["GET", "POST"])
def text_edit(request: AuthedRequest, year: int, key: str) -> HttpResponse:
    _require_writer(request)
    section, area = _text_target(key)
    period = report_period_for_year(year, office=Office.load())
    text = selectors.report_text_get(period=period, section=section, area=area)
    if request.method == "POST":
        form = ReportTextForm(request.POST)
        if form.is_valid():
            try:
                services.report_text_save(
                    user=request.user,
                    period=period,
                    section=section,
                    area=area,
                    body=form.cleaned_data["body"],
                    now=timezone.now(),
                )
            except ValidationError as error:
                form_apply_errors(form, error)
            else:
                messages.success(request, _("The text is saved."))
                return redirect("report_content:workspace", year=year)
    else:
        form = ReportTextForm(initial={"body": text.body if text else ""})
    label = area.name if area else Section(section).label
    return render(
        request,
        "report_content/text_edit.html",
        {
            "form": form,
            "year": year,
            "period": period,
            "label": label,
            "is_area": area is not None,
            "text": text,
            "versions": list(text.versions.select_related("saved_by")[:20]) if text else [],
        },
    )


@require_http_methods(["POST"])
def example_mark(request: AuthedRequest, inquiry_pk: int) -> HttpResponse:
    _require_writer(request)
    try:
        inquiry = inquiry_selectors.inquiry_get(user=request.user, pk=inquiry_pk)
    except Inquiry.DoesNotExist:
        raise Http404 from None
    example = services.case_example_mark(inquiry=inquiry, user=request.user, now=timezone.now())
    messages.success(
        request,
        _("The inquiry is a case example candidate. Write the example without personal data."),
    )
    return redirect("report_content:example_edit", pk=example.pk)


def _get_example(request: AuthedRequest, pk: int) -> CaseExample:
    _require_writer(request)
    try:
        return selectors.case_example_get(user=request.user, pk=pk)
    except CaseExample.DoesNotExist:
        raise Http404 from None


def _render_example(
    request: AuthedRequest,
    example: CaseExample,
    *,
    form: CaseExampleForm | None = None,
    dismiss_form: DismissForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The example's page; every showing of one linked to an inquiry is logged as a read."""
    if example.inquiry_id is not None:
        access_log_write(
            user=request.user,
            event=AccessEvent.CASE_EXAMPLE_VIEWED,
            now=timezone.now(),
            inquiry_id=example.inquiry_id,
            person_id=example.inquiry.person_id if example.inquiry else None,
        )
    if form is None:
        form = CaseExampleForm(
            initial={
                "title": example.title,
                "text": example.text,
                "year": example.year,
                "area": example.area_id,
                "handling_kind": example.handling_kind,
            }
        )
    return render(
        request,
        "report_content/example_edit.html",
        {
            "example": example,
            "form": form,
            "dismiss_form": dismiss_form,
            "check": selectors.case_example_check(example),
            "dismissals": list(example.dismissals.all()),
            "can_approve": can_approve_example(request.user, example),
            "is_author": request.user.pk in example.author_ids,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def example_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    example = _get_example(request, pk)
    if request.method != "POST":
        return _render_example(request, example)
    form = CaseExampleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        # The period is changed only when the year is: an example keeps the period it was
        # written for, also after the office changes the month its report year starts.
        period = (
            example.period
            if data["year"] == example.year
            else report_period_for_year(data["year"], office=Office.load())
        )
        try:
            services.case_example_update(
                example=example,
                user=request.user,
                now=timezone.now(),
                title=data["title"],
                text=data["text"],
                period=period,
                area=data["area"],
                handling_kind=data["handling_kind"],
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        else:
            messages.success(request, _("The example is saved."))
            return redirect("report_content:example_edit", pk=example.pk)
    return _render_example(request, example, form=form, status=400)


@require_http_methods(["POST"])
def example_dismiss(request: AuthedRequest, pk: int) -> HttpResponse:
    example = _get_example(request, pk)
    form = DismissForm(request.POST)
    if form.is_valid():
        try:
            services.case_example_dismiss(
                example=example, user=request.user, now=timezone.now(), **form.cleaned_data
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        else:
            messages.success(request, _("The finding is marked as not personal data."))
            return redirect("report_content:example_edit", pk=example.pk)
    return _render_example(request, example, dismiss_form=form, status=400)


def _example_action(
    request: AuthedRequest,
    pk: int,
    call: Callable[[CaseExample], object],
    success: str,
    *,
    to_workspace: bool = False,
) -> HttpResponse:
    example = _get_example(request, pk)
    year = example.year
    try:
        call(example)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("report_content:example_edit", pk=pk)
    messages.success(request, success)
    if to_workspace:
        return redirect("report_content:workspace", year=year)
    return redirect("report_content:example_edit", pk=pk)


@require_http_methods(["POST"])
def example_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    return _example_action(
        request,
        pk,
        lambda e: services.case_example_submit(example=e, user=request.user, now=timezone.now()),
        _("The example awaits another advisor's approval."),
    )


@require_http_methods(["POST"])
def example_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    return _example_action(
        request,
        pk,
        lambda e: services.case_example_approve(example=e, user=request.user, now=timezone.now()),
        _("The example is approved for the report."),
    )


@require_http_methods(["POST"])
def example_return(request: AuthedRequest, pk: int) -> HttpResponse:
    return _example_action(
        request,
        pk,
        lambda e: services.case_example_return(example=e, user=request.user, now=timezone.now()),
        _("The example is back with its writer and out of the report until approved again."),
    )


@require_http_methods(["POST"])
def example_move(request: AuthedRequest, pk: int) -> HttpResponse:
    form = MoveForm(request.POST)
    if not form.is_valid():
        raise Http404
    return _example_action(
        request,
        pk,
        lambda e: services.case_example_move(
            example=e, user=request.user, up=form.cleaned_data["direction"] == "up"
        ),
        _("The order of the examples is changed."),
        to_workspace=True,
    )


@require_http_methods(["POST"])
def example_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    return _example_action(
        request,
        pk,
        lambda e: services.case_example_delete(example=e, user=request.user, now=timezone.now()),
        _("The case example is deleted. The inquiry is unchanged."),
        to_workspace=True,
    )
