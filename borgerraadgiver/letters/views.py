"""The letter pages: the office's templates, writing and sending a letter on an inquiry, its
PDF, and sending a failed letter again. Each view makes one call into the domain."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.forms import form_apply_errors
from borgerraadgiver.core.once import form_submit_once
from borgerraadgiver.forwarding.models import Extension, Forwarding
from borgerraadgiver.inquiries import selectors as inquiry_selectors
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.letters import selectors, services
from borgerraadgiver.letters.channels import ChannelOption, channel_options
from borgerraadgiver.letters.fields import FIELDS
from borgerraadgiver.letters.forms import LetterForm, LetterTemplateForm
from borgerraadgiver.letters.models import Letter, LetterKind, LetterTemplate
from borgerraadgiver.letters.permissions import can_write_letters


def _require_writer(request: AuthedRequest) -> None:
    if not can_write_letters(request.user):
        raise PermissionDenied


def template_list(request: AuthedRequest) -> HttpResponse:
    _require_writer(request)
    order = list(LetterKind.values)  # the kinds in the order a case meets them
    templates = sorted(
        LetterTemplate.objects.select_related("updated_by"),
        key=lambda template: (order.index(template.kind), template.name, template.pk),
    )
    return render(request, "letters/template_list.html", {"templates": templates, "fields": FIELDS})


@require_http_methods(["GET", "POST"])
def template_edit(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    _require_writer(request)
    template = None
    if pk is not None:
        template = LetterTemplate.objects.filter(pk=pk).first()
        if template is None:
            raise Http404
    if request.method == "POST":
        form = LetterTemplateForm(request.POST)
        if form.is_valid():
            try:
                services.letter_template_save(
                    user=request.user, template=template, now=timezone.now(), **form.cleaned_data
                )
            except ValidationError as error:
                form_apply_errors(form, error)
            else:
                messages.success(request, _("The letter template is saved."))
                return redirect("letters:template_list")
    else:
        initial = LetterTemplateForm.initial_for(template) if template else {}
        form = LetterTemplateForm(initial=initial or {"kind": request.GET.get("kind")})
    versions = list(template.versions.select_related("saved_by")[:20]) if template else []
    return render(
        request,
        "letters/template_edit.html",
        {"form": form, "template": template, "versions": versions, "fields": FIELDS},
        status=400 if form.errors else 200,
    )


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class _Target:
    """What the letter page is about: the inquiry, the kind, the forwarding and later date, the
    channels with whether each reaches the citizen, and the templates of the kind."""

    inquiry: Inquiry
    kind: str
    forwarding: Forwarding | None
    extension: Extension | None
    options: list[ChannelOption]
    templates: list[LetterTemplate]

    @property
    def available(self) -> list[tuple[str, str]]:
        return [(option.channel, option.label) for option in self.options if option.available]


def _target(request: AuthedRequest, inquiry_pk: int) -> _Target:
    if not can_write_letters(request.user):
        raise Http404
    try:
        inquiry = inquiry_selectors.inquiry_get(user=request.user, pk=inquiry_pk)
    except Inquiry.DoesNotExist:
        raise Http404 from None
    source = request.POST if request.method == "POST" else request.GET
    asked = source.get("kind", "")
    kind = asked if asked in LetterKind.values else str(LetterKind.FREE)
    forwarding, extension = selectors.letter_subject_of(
        user=request.user,
        inquiry=inquiry,
        kind=kind,
        forwarding_id=_int(source.get("forwarding")),
        extension_id=_int(source.get("extension")),
    )
    return _Target(
        inquiry=inquiry,
        kind=kind,
        forwarding=forwarding,
        extension=extension,
        options=channel_options(inquiry),
        templates=selectors.templates_of_kind(kind),
    )


def _draft_form(request: AuthedRequest, target: _Target, *, today: datetime.date) -> LetterForm:
    """The form with the chosen template's text, its fields filled in for the inquiry."""
    chosen = next(
        (t for t in target.templates if str(t.pk) == request.GET.get("template")),
        target.templates[0] if target.templates else None,
    )
    draft = selectors.letter_draft(
        inquiry=target.inquiry,
        kind=target.kind,
        template=chosen,
        forwarding=target.forwarding,
        extension=target.extension,
        advisor_name=request.user.get_full_name() or request.user.get_username(),
        today=today,
    )
    return LetterForm(
        initial={
            "kind": target.kind,
            "template": chosen,
            "forwarding": target.forwarding.pk if target.forwarding else None,
            "extension": target.extension.pk if target.extension else None,
            "subject": draft.subject,
            "body": draft.body,
        },
        channels=target.available,
    )


@require_http_methods(["GET", "POST"])
def letter_new(request: AuthedRequest, inquiry_pk: int) -> HttpResponseBase:
    """Write a letter on an inquiry: the proposed template's text with its fields filled in,
    edited by the advisor, sent by a channel that reaches the citizen. Anyone else gets 404, as
    on the inquiry's own page. Every showing is logged."""
    target = _target(request, inquiry_pk)
    now = timezone.now()
    page = reverse("advisor:inquiry_detail", args=[target.inquiry.pk])
    if request.method != "POST":
        form = _draft_form(request, target, today=timezone.localdate(now))
    else:
        form = LetterForm(request.POST, channels=target.available)
        done = form_submit_once(
            request,
            form,
            lambda: services.letter_create(
                user=request.user,
                inquiry=target.inquiry,
                kind=target.kind,
                template=form.cleaned_data["template"],
                forwarding=target.forwarding,
                extension=target.extension,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                channel=form.cleaned_data["channel"],
                now=now,
            ),
            result_url=page,
        )
        if isinstance(done, HttpResponseBase):
            return done
        if done:
            messages.success(request, _("The letter is made and is being sent."))
            return redirect(page)
    access_log_write(
        user=request.user,
        event=AccessEvent.LETTER_FORM_VIEWED,
        now=now,
        inquiry_id=target.inquiry.pk,
        person_id=target.inquiry.person_id,
    )
    context = {"target": target, "form": form, "fields": FIELDS}
    return render(
        request,
        "letters/letter_new.html",
        {**context, "inquiry": target.inquiry, "kind_label": LetterKind(target.kind).label},
        status=400 if form.errors else 200,
    )


def _letter(request: AuthedRequest, pk: int, *, with_pdf: bool = False) -> Letter:
    if not can_write_letters(request.user):
        raise Http404
    try:
        return selectors.letter_get(user=request.user, pk=pk, with_pdf=with_pdf)
    except Letter.DoesNotExist:
        raise Http404 from None


def letter_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The letter's PDF, as sent; logged as a read."""
    letter = _letter(request, pk, with_pdf=True)
    data = services.letter_pdf_open(user=request.user, letter=letter, now=timezone.now())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.file_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["POST"])
def letter_retry(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    try:
        services.letter_retry(user=request.user, letter=letter, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The letter is being sent again."))
    if request.POST.get("next") == "home":
        return redirect("advisor:home")
    return redirect("advisor:inquiry_detail", pk=letter.inquiry_id)
