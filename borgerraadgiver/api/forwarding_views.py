"""The API's forwardings: an advisor sees all, a department manager those sent to their own
departments, and answers them. Every read is logged."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from borgerraadgiver.accounts.models import User
from borgerraadgiver.api import forwarding_serializers as api
from borgerraadgiver.api.common import (
    DENIED,
    INVALID,
    NOT_FOUND,
    describe,
    page_numbers,
    request_user,
    validation_error,
)
from borgerraadgiver.api.permissions import CanSeeForwardings
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.forwarding import answers
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.permissions import can_forward, manages
from borgerraadgiver.forwarding.selectors import forwarding_get

FORWARDING_PAGE_SIZE = 50


def _forwardings(user: User) -> QuerySet[Forwarding]:
    """The forwardings the user may see: all for an advisor, a manager's departments' sent ones."""
    return Forwarding.objects.visible_to(user).select_related("inquiry", "area", "department")


class ForwardingListView(APIView):
    permission_classes = [IsAuthenticated, CanSeeForwardings]

    @extend_schema(
        operation_id="forwardings_list",
        parameters=[api.ForwardingFilterSerializer],
        responses={200: api.ForwardingPageSerializer, **INVALID, **DENIED},
        description=gettext_lazy(
            "Forwardings: an advisor sees all; a department manager those sent to their own "
            "departments. Newest first, 50 to a page."
        ),
    )
    def get(self, request: Request) -> Response:
        query = api.ForwardingFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        user = request_user(request)
        forwardings = _forwardings(user).order_by("-sent_date", "-id")
        if data.get("status"):
            forwardings = forwardings.filter(status=data["status"])
        if data.get("department"):
            forwardings = forwardings.filter(department_id=data["department"])
        page = Paginator(forwardings, FORWARDING_PAGE_SIZE).get_page(data.get("page"))
        rows = list(page.object_list)
        access_log_write_many(
            user=user,
            event=AccessEvent.API_FORWARDINGS_LISTED,
            now=timezone.now(),
            inquiries=[(forwarding.inquiry_id, None) for forwarding in rows] or [(None, None)],
            detail=describe(data),
        )
        body = {**page_numbers(page), "results": rows}
        return Response(api.ForwardingPageSerializer(body).data)


def _forwarding(request: Request, pk: int) -> Forwarding:
    user = request_user(request)
    try:
        forwarding = forwarding_get(user=user, pk=pk)
    except Forwarding.DoesNotExist:
        raise Http404 from None
    # A manager sees only what was sent to their departments; anything else does not exist.
    if not (can_forward(user, forwarding.inquiry) or manages(user, forwarding)):
        raise Http404
    return forwarding


def _log_forwarding_read(user: User, forwarding: Forwarding) -> None:
    access_log_write(
        user=user,
        event=AccessEvent.API_FORWARDING_VIEWED,
        now=timezone.now(),
        inquiry_id=forwarding.inquiry_id,
        detail=str(forwarding.pk),
    )


class ForwardingDetailView(APIView):
    permission_classes = [IsAuthenticated, CanSeeForwardings]

    @extend_schema(
        operation_id="forwardings_retrieve",
        responses={200: api.ForwardingDetailSerializer, **DENIED, **NOT_FOUND},
        description=gettext_lazy(
            "One forwarding with the text sent and the answer. Logged as a read."
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        forwarding = _forwarding(request, pk)
        _log_forwarding_read(request_user(request), forwarding)
        return Response(api.ForwardingDetailSerializer(forwarding).data)


class ForwardingAnswerView(APIView):
    permission_classes = [IsAuthenticated, CanSeeForwardings]

    @extend_schema(
        operation_id="forwardings_answer",
        request=api.ForwardingAnswerSerializer,
        responses={200: api.ForwardingDetailSerializer, **INVALID, **DENIED, **NOT_FOUND},
        description=gettext_lazy(
            "The department's answer to the citizen, by a manager of the department, while the "
            "forwarding awaits an answer. Attachments are added on the portal's page."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        forwarding = _forwarding(request, pk)
        incoming = api.ForwardingAnswerSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        user = request_user(request)
        try:
            answers.forwarding_answer(
                forwarding=forwarding,
                answered_by=user,
                now=timezone.now(),
                answer_text=incoming.validated_data["answer_text"],
            )
        except DjangoPermissionDenied:
            raise exceptions.PermissionDenied(
                _("Only a manager of the department answers, and only while an answer is awaited.")
            ) from None
        except DjangoValidationError as error:
            if error.code == "not_awaiting_answer":
                # As documented since the first version: answering what is not awaited is a 403.
                raise exceptions.PermissionDenied(
                    _(
                        "Only a manager of the department answers, and only while an answer is "
                        "awaited."
                    )
                ) from None
            raise validation_error(error, rename={}) from None
        return Response(api.ForwardingDetailSerializer(_forwarding(request, pk)).data)
