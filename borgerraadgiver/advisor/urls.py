from django.urls import path

from borgerraadgiver.advisor import views

app_name = "advisor"
urlpatterns = [
    path("", views.home, name="home"),
    path("inquiries/", views.inquiry_list, name="inquiry_list"),
    path("inquiries/new/", views.inquiry_register, name="inquiry_register"),
    path("inquiries/<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:pk>/edit/", views.inquiry_edit, name="inquiry_edit"),
    path("inquiries/<int:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path("inquiries/<int:pk>/actions/new/", views.action_add, name="action_add"),
    path("inquiries/<int:pk>/close/", views.inquiry_close, name="inquiry_close"),
    path("inquiries/<int:pk>/reopen/", views.inquiry_reopen, name="inquiry_reopen"),
]
