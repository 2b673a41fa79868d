"""The API's inquiries: list, register, read, change. The same selectors, predicates and
services as the pages; every read of personal data is logged."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from borgerraadgiver.accounts.models import User
from borgerraadgiver.api import inquiry_serializers as api
from borgerraadgiver.api.common import (
    DENIED,
    INVALID,
    NOT_FOUND,
    describe,
    page_numbers,
    request_user,
    validation_error,
)
from borgerraadgiver.api.permissions import IsAdvisor
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.inquiries import selectors
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.services import editing
from borgerraadgiver.inquiries.services.inputs import Placement
from borgerraadgiver.inquiries.services.registration import registration_submit

# The services name errors by the registration and edit pages' fields; the API's names differ.
FIELD_NAMES = {
    "person_name": "person",
    "person_cpr": "person",
    "department": "placements",
    "other_departments": "placements",
    "contact_date": "received_date",
    "kind": "channel",
    "inquiry": "repeat_of",
    "__all__": "non_field_errors",
}


class InquiryListView(APIView):
    permission_classes = [IsAuthenticated, IsAdvisor]

    @extend_schema(
        operation_id="inquiries_list",
        parameters=[api.InquiryFilterSerializer],
        responses={200: api.InquiryPageSerializer, **INVALID, **DENIED},
        description=gettext_lazy(
            "The inquiries, filtered like the list page, 50 to a page. Logged as a search."
        ),
    )
    def get(self, request: Request) -> Response:
        query = api.InquiryFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        filters = selectors.InquiryFilters(
            search=data.get("q", ""),
            year=data.get("year"),
            area_id=data.get("area"),
            department_id=data.get("department"),
            reason_id=data.get("reason"),
            handling_type_id=data.get("handling_type"),
            status=data.get("status", ""),
            sort=data.get("sort") or selectors.DEFAULT_SORT,
        )
        user = request_user(request)
        page = selectors.inquiry_page(
            user=user,
            filters=filters,
            number=data.get("page"),
            size=settings.INQUIRY_LIST_PAGE_SIZE,
        )
        # Unlike the page, which logs searches only, every list through the API is logged: a
        # program can page through the whole register.
        access_log_write_many(
            user=user,
            event=AccessEvent.API_INQUIRIES_LISTED,
            now=timezone.now(),
            inquiries=[(inquiry.pk, inquiry.person_id) for inquiry in page.object_list]
            or [(None, None)],
            detail=describe(data),
        )
        body = {**page_numbers(page), "results": page.object_list}
        return Response(api.InquiryPageSerializer(body).data)

    @extend_schema(
        operation_id="inquiries_create",
        request=api.InquiryCreateSerializer,
        responses={201: api.RegistrationResultSerializer, **INVALID, **DENIED},
        description=gettext_lazy(
            "Register a contact by the registration rules: one inquiry per department, linked; "
            "or, with repeat_of, a contact on an existing inquiry."
        ),
    )
    def post(self, request: Request) -> Response:
        incoming = api.InquiryCreateSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        try:
            registration = registration_submit(
                data=incoming.validated_data,
                registered_by=request_user(request),
                now=timezone.now(),
            )
        except DjangoValidationError as error:
            raise validation_error(error, rename=FIELD_NAMES) from None
        result = {
            "repeat_contact": registration.repeat_contact,
            "inquiries": Inquiry.objects.filter(pk__in=[i.pk for i in registration.inquiries])
            .select_related("area", "department", "handling_type", "person")
            .prefetch_related("reasons")
            .order_by("pk"),
        }
        return Response(api.RegistrationResultSerializer(result).data, status=201)


class InquiryDetailView(APIView):
    permission_classes = [IsAuthenticated, IsAdvisor]

    def _inquiry(self, request: Request, pk: int) -> Inquiry:
        try:
            return selectors.inquiry_get(user=request_user(request), pk=pk)
        except Inquiry.DoesNotExist:
            raise Http404 from None

    @extend_schema(
        operation_id="inquiries_retrieve",
        responses={200: api.InquiryDetailSerializer, **DENIED, **NOT_FOUND},
        description=gettext_lazy("One inquiry, as its page shows it. Logged as a read."),
    )
    def get(self, request: Request, pk: int) -> Response:
        inquiry = self._inquiry(request, pk)
        user = request_user(request)
        access_log_write(
            user=user,
            event=AccessEvent.API_INQUIRY_VIEWED,
            now=timezone.now(),
            inquiry_id=inquiry.pk,
            person_id=inquiry.person_id,
        )
        linked = selectors.inquiry_linked(user=user, inquiry=inquiry).values_list("pk", flat=True)
        serializer = api.InquiryDetailSerializer(inquiry, context={"linked": linked})
        return Response(serializer.data)

    @extend_schema(
        operation_id="inquiries_partial_update",
        request=api.InquiryUpdateSerializer,
        responses={
            200: api.InquirySerializer,
            **INVALID,
            **DENIED,
            **NOT_FOUND,
            409: OpenApiResponse(
                api.ConflictSerializer,
                description=gettext_lazy("Someone else saved the inquiry since the version given."),
            ),
        },
        description=gettext_lazy(
            "Change an inquiry, by the same rules as the edit page. Give the version read; "
            "fields left out keep their value."
        ),
    )
    def patch(self, request: Request, pk: int) -> Response:
        inquiry = self._inquiry(request, pk)
        user = request_user(request)
        incoming = api.InquiryUpdateSerializer(
            data=request.data, inquiry=inquiry, context={"request": request}
        )
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        now = timezone.now()
        placement = data.get("placement") or Placement(
            area=inquiry.area, department=inquiry.department
        )
        try:
            editing.inquiry_update(
                inquiry=inquiry,
                changed_by=user,
                now=now,
                received_date=data.get("received_date", inquiry.received_date),
                channel=data.get("channel", inquiry.channel),
                complainant_kind=data.get("complainant_kind", inquiry.complainant_kind),
                placement=placement,
                reasons=data.get("reasons", list(inquiry.reasons.all())),
                handling_type=data.get("handling_type", inquiry.handling_type),
                summary=data.get("summary", inquiry.summary),
                status=data.get("status", inquiry.status),
                closed_date=data.get("closed_date", inquiry.closed_date),
                referral_body=data.get("referral_body", inquiry.referral_body),
                referred_by=data.get("referred_by", inquiry.referred_by),
                advisor=data.get("advisor", inquiry.advisor),
                person_cpr=data.get("person_cpr", ""),
                expected_version=data["version"],
            )
        except editing.StaleInquiry as stale:
            return self._conflict(user, stale, now=now)
        except DjangoValidationError as error:
            raise validation_error(
                error,
                rename={**FIELD_NAMES, "department": "placement", "person_cpr": "person_cpr"},
            ) from None
        fresh = Inquiry.objects.select_related("area", "department", "handling_type", "person").get(
            pk=inquiry.pk
        )
        return Response(api.InquirySerializer(fresh).data)

    def _conflict(self, user: User, stale: editing.StaleInquiry, *, now: Any) -> Response:
        """409 with the inquiry as saved now, which the caller reads: logged as a read."""
        access_log_write(
            user=user,
            event=AccessEvent.API_INQUIRY_CONFLICT,
            now=now,
            inquiry_id=stale.inquiry.pk,
            person_id=stale.inquiry.person_id,
        )
        body = {
            "detail": _(
                "Someone else saved the inquiry after version %(expected)d was read. It is now "
                "at version %(current)d: read it again and decide what to change."
            )
            % {"expected": stale.expected_version, "current": stale.current_version},
            "current": stale.inquiry,
            "changes": stale.changes,
        }
        return Response(api.ConflictSerializer(body).data, status=status.HTTP_409_CONFLICT)
