from django.urls import path

from borgerraadgiver.report_content import views

app_name = "report_content"
urlpatterns = [
    path("", views.workspace, name="workspace_current"),
    path("<int:year>/", views.workspace, name="workspace"),
    path("<int:year>/texts/<slug:key>/", views.text_edit, name="text_edit"),
    path("examples/mark/<int:inquiry_pk>/", views.example_mark, name="example_mark"),
    path("examples/<int:pk>/", views.example_edit, name="example_edit"),
    path("examples/<int:pk>/dismiss/", views.example_dismiss, name="example_dismiss"),
    path("examples/<int:pk>/submit/", views.example_submit, name="example_submit"),
    path("examples/<int:pk>/approve/", views.example_approve, name="example_approve"),
    path("examples/<int:pk>/return/", views.example_return, name="example_return"),
    path("examples/<int:pk>/move/", views.example_move, name="example_move"),
    path("examples/<int:pk>/delete/", views.example_delete, name="example_delete"),
]
