"""The person's page: their details and every inquiry, correcting the details, and merging two
records of the same person. Advisors only; every showing is logged as a read of the person."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.advisor.person_forms import MergeFindForm, MergeForm, PersonCorrectForm
from borgerraadgiver.advisor.person_rows import person_inquiry_rows_html
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.core.forms import form_apply_errors
from borgerraadgiver.inquiries.models import Person
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.inquiries.search import search_logged_as, search_term
from borgerraadgiver.inquiries.selectors import person_search
from borgerraadgiver.inquiries.services import people
from borgerraadgiver.privacy.person_page import PersonPage, person_page, person_shown_log


def _page(request: AuthedRequest, pk: int) -> PersonPage:
    if not can_handle_inquiries(request.user):
        raise Http404  # as for an inquiry: whether the person exists is not revealed
    try:
        return person_page(user=request.user, pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


@require_GET
@never_cache
def person_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    page = _page(request, pk)
    person_shown_log(
        user=request.user, event=AccessEvent.PERSON_VIEWED, now=timezone.now(), shown=[page]
    )
    return render(
        request,
        "advisor/person_detail.html",
        {"page": page, "tab": "person", "rows_html": person_inquiry_rows_html(page.inquiries)},
    )


@require_http_methods(["GET", "POST"])
@never_cache
def person_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Correct the person's details; a save over a colleague's newer one answers 409."""
    page = _page(request, pk)
    person = page.person
    if request.method != "POST":
        access_log_write(
            user=request.user,
            event=AccessEvent.PERSON_EDIT_FORM_VIEWED,
            now=timezone.now(),
            person_id=person.pk,
        )
        form = PersonCorrectForm(initial=PersonCorrectForm.initial_for(person))
        return render(request, "advisor/person_edit.html", {"form": form, "person": person})
    form = PersonCorrectForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            changes = people.person_correct(
                person=person,
                changed_by=request.user,
                now=timezone.now(),
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                address=data["address"],
                cpr=data["cpr"],
                cpr_remove=data["cpr_remove"],
                letters_by_email=data["letters_by_email"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        except people.StalePerson as stale:
            return _render_stale(request, stale)
        else:
            if changes:
                messages.success(request, _("The corrections are saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("advisor:person_detail", pk=person.pk)
    return render(request, "advisor/person_edit.html", {"form": form, "person": person}, status=400)


def _render_stale(request: HttpRequest, stale: people.StalePerson) -> HttpResponse:
    """Someone corrected the person after this user opened the form: nothing typed is lost.

    The form comes back as typed, now based on the saved version, with the other corrections
    listed above it: saving again overwrites them knowingly.
    """
    data = request.POST.copy()
    data["version"] = str(stale.current_version)
    form = PersonCorrectForm(data)
    form.is_valid()
    return render(
        request,
        "advisor/person_edit.html",
        {"form": form, "person": stale.person, "stale": stale},
        status=409,
    )


@require_http_methods(["GET", "POST"])
@never_cache
def person_merge(request: AuthedRequest, pk: int) -> HttpResponse:
    """Merge another record of the same person into this one, or this one into the other.

    Without another record chosen: a search for it. With one: both side by side, to choose
    which is kept. Refused, with the reason, when their CPR numbers differ.
    """
    page = _page(request, pk)
    other_id = request.POST.get("other") if request.method == "POST" else request.GET.get("other")
    if not other_id:
        # A merge sent without the other record (a tampered form) gets the search, refused.
        return _merge_find(request, page, status=400 if request.method == "POST" else 200)
    form = MergeForm(request.POST or None, initial={"other": other_id, "keep": "this"})
    other = _page(request, int(other_id)) if other_id.isdigit() else None
    if other is None or other.person.pk == page.person.pk:
        raise Http404
    if request.method == "POST" and form.is_valid():
        keep_this = form.cleaned_data["keep"] == "this"
        kept, merged = (page, other) if keep_this else (other, page)
        try:
            people.person_merge(
                kept=kept.person, merged=merged.person, merged_by=request.user, now=timezone.now()
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        else:
            messages.success(request, _("The two records are merged into one."))
            return redirect("advisor:person_detail", pk=kept.person.pk)
    person_shown_log(
        user=request.user, event=AccessEvent.PERSON_VIEWED, now=timezone.now(), shown=[page, other]
    )
    return render(
        request,
        "advisor/person_merge.html",
        {"page": page, "other": other, "form": form},
        status=400 if form.is_bound else 200,
    )


def _merge_find(request: AuthedRequest, page: PersonPage, *, status: int) -> HttpResponse:
    """The search for the other record; the people listed are logged as a search."""
    find = MergeFindForm(request.GET or None)
    found = None
    person_shown_log(
        user=request.user, event=AccessEvent.PERSON_VIEWED, now=timezone.now(), shown=[page]
    )
    if find.is_valid():
        text = find.cleaned_data["q"]
        found = [
            person
            for person in person_search(user=request.user, text=text).people
            if person.pk != page.person.pk
        ]
        event, detail = search_logged_as(search_term(text))
        access_log_write_many(
            user=request.user,
            event=event,
            now=timezone.now(),
            inquiries=[(None, person.pk) for person in found] or [(None, None)],
            detail=detail,
        )
    return render(
        request,
        "advisor/person_merge.html",
        {"page": page, "find": find, "found": found},
        status=status,
    )
