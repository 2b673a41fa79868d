from django.urls import path

from borgerraadgiver.letters import views

app_name = "letters"
urlpatterns = [
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_edit, name="template_new"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("inquiry/<int:inquiry_pk>/new/", views.letter_new, name="letter_new"),
    path("<int:pk>/letter.pdf", views.letter_pdf, name="letter_pdf"),
    path("<int:pk>/retry/", views.letter_retry, name="letter_retry"),
]
