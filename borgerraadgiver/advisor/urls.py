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
]
