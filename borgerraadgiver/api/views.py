"""The REST API. Each view checks the same predicates as the pages, reads through the same
selectors, writes through the same services, and logs every read of personal data."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from borgerraadgiver.accounts.models import User
from borgerraadgiver.api import serializers as api
from borgerraadgiver.api.permissions import CanReadStatistics, CanSeeForwardings, IsAdvisor
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.forwarding import services as forwarding_services
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.permissions import can_forward, manages
from borgerraadgiver.forwarding.selectors import forwarding_get
from borgerraadgiver.inquiries import selectors, services
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.services import Placement
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.reports.statistics import (
    report_period_between,
    report_period_for_year,
    report_statistics,
    statistics_as_json,
)

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
FORWARDING_PAGE_SIZE = 50

# The answers every operation may give besides its own, so that a program can rely on them.
DENIED = {
    401: OpenApiResponse(
        api.DetailSerializer, description=gettext_lazy("No token, or a wrong one.")
    ),
    403: OpenApiResponse(
        api.DetailSerializer, description=gettext_lazy("The user's role has no access.")
    ),
}
INVALID = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description=gettext_lazy("What was wrong, as a list of messages under each field's name."),
    )
}
NOT_FOUND = {
    404: OpenApiResponse(
        api.DetailSerializer,
        description=gettext_lazy("No such object, or one the user may not see."),
    )
}


def _user(request: Request) -> User:
    user = request.user
    assert isinstance(user, User)  # the permission classes let no one else through
    return user


def _validation_error(
    error: DjangoValidationError, *, rename: dict[str, str]
) -> exceptions.ValidationError:
    """A domain error as a 400 naming the API's field, so a program can show it where it belongs."""
    if not hasattr(error, "error_dict"):
        return exceptions.ValidationError({"non_field_errors": error.messages})
    detail: dict[str, list[str]] = {}
    for field, errors in error.message_dict.items():
        detail.setdefault(rename.get(field, field), []).extend(errors)
    return exceptions.ValidationError(detail)


def _page_numbers(page: Page) -> dict[str, Any]:
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": page.next_page_number() if page.has_next() else None,
        "previous": page.previous_page_number() if page.has_previous() else None,
    }


def _describe(filters: dict[str, Any]) -> str:
    """The filters of a search, as the access log records them."""
    return " ".join(f"{key}={value}" for key, value in sorted(filters.items()) if key != "page")


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
        user = _user(request)
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
            detail=_describe(data),
        )
        body = {**_page_numbers(page), "results": page.object_list}
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
        data = incoming.validated_data
        person = data.get("person")
        try:
            registration = services.registration_submit(
                registered_by=_user(request),
                now=timezone.now(),
                received_date=data["received_date"],
                channel=data["channel"],
                complainant_kind=data["complainant_kind"],
                person_data=services.PersonData(**person) if person else None,
                known_person=data.get("person_id"),
                repeat_of=data.get("repeat_of"),
                placements=data["placements"],
                reasons=data["reasons"],
                handling_type=data.get("handling_type"),
                summary=data["summary"],
                referral_body=data.get("referral_body"),
                actions=data["actions"],
            )
        except DjangoValidationError as error:
            raise _validation_error(error, rename=FIELD_NAMES) from None
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
            return selectors.inquiry_get(user=_user(request), pk=pk)
        except Inquiry.DoesNotExist:
            raise Http404 from None

    @extend_schema(
        operation_id="inquiries_retrieve",
        responses={200: api.InquiryDetailSerializer, **DENIED, **NOT_FOUND},
        description=gettext_lazy("One inquiry, as its page shows it. Logged as a read."),
    )
    def get(self, request: Request, pk: int) -> Response:
        inquiry = self._inquiry(request, pk)
        user = _user(request)
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
        user = _user(request)
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
            services.inquiry_update(
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
                advisor=data.get("advisor", inquiry.advisor),
                person_cpr=data.get("person_cpr", ""),
                expected_version=data["version"],
            )
        except services.StaleInquiry as stale:
            return self._conflict(user, stale, now=now)
        except DjangoValidationError as error:
            raise _validation_error(
                error,
                rename={**FIELD_NAMES, "department": "placement", "person_cpr": "person_cpr"},
            ) from None
        fresh = Inquiry.objects.select_related("area", "department", "handling_type", "person").get(
            pk=inquiry.pk
        )
        return Response(api.InquirySerializer(fresh).data)

    def _conflict(self, user: User, stale: services.StaleInquiry, *, now: Any) -> Response:
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
        user = _user(request)
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
            detail=_describe(data),
        )
        body = {**_page_numbers(page), "results": rows}
        return Response(api.ForwardingPageSerializer(body).data)


def _forwarding(request: Request, pk: int) -> Forwarding:
    user = _user(request)
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
        _log_forwarding_read(_user(request), forwarding)
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
        user = _user(request)
        try:
            forwarding_services.forwarding_answer(
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
            raise _validation_error(error, rename={}) from None
        return Response(api.ForwardingDetailSerializer(_forwarding(request, pk)).data)


class StatisticsView(APIView):
    """The report's figures for a period: aggregates only, never a person."""

    permission_classes = [IsAuthenticated, CanReadStatistics]

    @extend_schema(
        operation_id="statistics_retrieve",
        parameters=[api.StatisticsQuerySerializer],
        responses={200: OpenApiTypes.OBJECT, **INVALID, **DENIED},
        description=gettext_lazy(
            "The annual report's JSON for the office's report year starting in `year`, or for "
            "the period from `from` to `to` (both included); optionally for one area or "
            "department. The same JSON as the statistics page's download."
        ),
    )
    def get(self, request: Request) -> Response:
        query = api.StatisticsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        if data.get("year") is not None:
            period = report_period_for_year(data["year"], office=Office.load())
        else:
            period = report_period_between(data["from"], data["to"])
        figures = report_statistics(
            period=period,
            area=data.get("area"),
            department=data.get("department"),
            today=timezone.localdate(),
        )
        return Response(statistics_as_json(figures))


class NotFoundView(APIView):
    """Any other address under /api/: a JSON 404 (after authentication), not the HTML page."""

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise Http404

    post = put = patch = delete = get
