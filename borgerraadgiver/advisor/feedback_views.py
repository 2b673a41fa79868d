"""The advisor's side of the citizen's verdict: ask for it, and answer a request to be contacted
again. One domain call per view."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.feedback import services
from borgerraadgiver.feedback.models import ContactRequest
from borgerraadgiver.feedback.permissions import can_ask_for_feedback
from borgerraadgiver.inquiries import selectors
from borgerraadgiver.inquiries.models import Inquiry


@require_http_methods(["POST"])
def feedback_invite(request: AuthedRequest, pk: int) -> HttpResponse:
    """E-mail the survey link, or show it once to be put in a letter (it is never shown again:
    only its hash is kept)."""
    if not can_ask_for_feedback(request.user):
        raise Http404
    try:
        inquiry = selectors.inquiry_get(user=request.user, pk=pk)
    except Inquiry.DoesNotExist:
        raise Http404 from None
    by_email = request.POST.get("how") == "email"
    try:
        url = services.invite(inquiry, by=request.user, now=timezone.now(), email=by_email)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("advisor:inquiry_detail", pk=inquiry.pk)
    if by_email:
        messages.success(request, _("The survey link is e-mailed to the citizen."))
        return redirect("advisor:inquiry_detail", pk=inquiry.pk)
    return render(request, "advisor/feedback_link.html", {"inquiry": inquiry, "url": url})


@require_http_methods(["POST"])
def contact_request_done(request: AuthedRequest, pk: int) -> HttpResponse:
    if not can_ask_for_feedback(request.user):
        raise Http404
    contact_request = ContactRequest.objects.select_related("inquiry").filter(pk=pk).first()
    if contact_request is None:
        raise Http404
    services.contact_request_done(request=contact_request, by=request.user, now=timezone.now())
    messages.success(request, _("The request to be contacted again is marked as done."))
    return redirect("advisor:home")
