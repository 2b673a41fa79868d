"""The advisors' second-person approval of a role that opens personal data (docs/security.md)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.accounts.models import RoleGrant
from borgerraadgiver.accounts.permissions import is_active_advisor
from borgerraadgiver.privacy.role_grants import advisor_role_decide, role_grants_open


class RoleGrantDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("decision"),
        choices=[("approve", gettext_lazy("Approve")), ("refuse", gettext_lazy("Refuse"))],
    )


def role_grant_list(request: AuthedRequest) -> HttpResponse:
    """The open requests for the advisor role, with approve and refuse for those this advisor
    may decide."""
    grants = role_grants_open(user=request.user)
    return render(request, "advisor/role_grants.html", {"grants": grants})


@require_http_methods(["POST"])
def role_grant_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    """Approve or refuse one request; the service refuses the one who asked and the user."""
    if not is_active_advisor(request.user):
        raise PermissionDenied
    try:
        grant = RoleGrant.objects.select_related("user").get(pk=pk)
    except RoleGrant.DoesNotExist:
        raise Http404 from None
    form = RoleGrantDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or refuse."))
        return redirect("advisor:role_grant_list")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        advisor_role_decide(
            grant=grant, decided_by=request.user, approve=approve, now=timezone.now()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("advisor:role_grant_list")
    if approve:
        messages.success(request, _("%(user)s is now an advisor.") % {"user": grant.user})
    else:
        messages.success(request, _("%(user)s was not made an advisor.") % {"user": grant.user})
    return redirect("advisor:role_grant_list")
