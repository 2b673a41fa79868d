from django.urls import path

from borgerraadgiver.advisor import (
    case_file_views,
    feedback_views,
    forwarding_views,
    list_views,
    overview_views,
    person_views,
    registration_views,
    role_views,
    views,
)

app_name = "advisor"
urlpatterns = [
    path("", views.home, name="home"),
    path("inquiries/", list_views.inquiry_list, name="inquiry_list"),
    path("inquiries/new/", registration_views.inquiry_register, name="inquiry_register"),
    path("inquiries/export/<str:fmt>/", list_views.inquiry_export, name="inquiry_export"),
    path("inquiries/<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:pk>/edit/", views.inquiry_edit, name="inquiry_edit"),
    path("inquiries/<int:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path("inquiries/<int:pk>/actions/new/", views.action_add, name="action_add"),
    path("inquiries/<int:pk>/close/", views.inquiry_close, name="inquiry_close"),
    path("inquiries/<int:pk>/reopen/", views.inquiry_reopen, name="inquiry_reopen"),
    path("inquiries/<int:pk>/print/", case_file_views.inquiry_print, name="inquiry_print"),
    path("inquiries/<int:pk>/documents/new/", case_file_views.document_add, name="document_add"),
    path(
        "inquiries/<int:pk>/documents/<int:document_pk>/remove/",
        case_file_views.document_remove,
        name="document_remove",
    ),
    path(
        "inquiries/<int:pk>/documents/files/<int:file_pk>/",
        case_file_views.document_download,
        name="document_download",
    ),
    path("inquiries/<int:pk>/notes/new/", case_file_views.note_add, name="note_add"),
    path("inquiries/<int:pk>/follow-up/", case_file_views.follow_up_set, name="follow_up_set"),
    path("inquiries/<int:pk>/consents/new/", forwarding_views.consent_add, name="consent_add"),
    path(
        "inquiries/<int:pk>/consents/<int:consent_pk>/withdraw/",
        forwarding_views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "inquiries/<int:pk>/consents/declined/",
        forwarding_views.consent_refusal_add,
        name="consent_refusal_add",
    ),
    path(
        "inquiries/<int:pk>/forwardings/new/",
        forwarding_views.forwarding_new,
        name="forwarding_new",
    ),
    path("inquiries/<int:pk>/feedback/", feedback_views.feedback_invite, name="feedback_invite"),
    path(
        "contact-requests/<int:pk>/done/",
        feedback_views.contact_request_done,
        name="contact_request_done",
    ),
    path("persons/<int:pk>/", person_views.person_detail, name="person_detail"),
    path("persons/<int:pk>/edit/", person_views.person_edit, name="person_edit"),
    path("persons/<int:pk>/merge/", person_views.person_merge, name="person_merge"),
    path("forwardings/", overview_views.forwarding_overview, name="forwarding_overview"),
    path(
        "forwardings/export/<str:fmt>/",
        overview_views.forwarding_overview_export,
        name="forwarding_overview_export",
    ),
    path("forwardings/<int:pk>/", forwarding_views.forwarding_detail, name="forwarding_detail"),
    path("forwardings/<int:pk>/send/", forwarding_views.forwarding_send, name="forwarding_send"),
    path(
        "forwardings/<int:pk>/attachments/<int:attachment_pk>/",
        forwarding_views.attachment_download,
        name="attachment_download",
    ),
    path(
        "forwardings/<int:pk>/follow-up/",
        forwarding_views.forwarding_follow_up,
        name="forwarding_follow_up",
    ),
    path("forwardings/<int:pk>/close/", forwarding_views.forwarding_close, name="forwarding_close"),
    path("forwardings/<int:pk>/kind/", forwarding_views.forwarding_kind, name="forwarding_kind"),
    path("roles/", role_views.role_grant_list, name="role_grant_list"),
    path("roles/<int:pk>/decide/", role_views.role_grant_decide, name="role_grant_decide"),
]
