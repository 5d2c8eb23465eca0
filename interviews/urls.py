from django.urls import path

from . import import_views, views

app_name = "interviews"

urlpatterns = [
    path("new/<int:submission_pk>/", views.create, name="create"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/autosave/", views.autosave, name="autosave"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/erase/", views.erase, name="erase"),
    # Homework from Word (issue 15).
    path(
        "word/template/<int:assignment_pk>/",
        import_views.template_download,
        name="import_template",
    ),
    path("word/<int:assignment_pk>/", import_views.upload, name="import_upload"),
    path(
        "word/<int:assignment_pk>/<slug:region_slug>/",
        import_views.preview,
        name="import_preview",
    ),
    path("word/round/", import_views.round_upload, name="import_round"),
    path("word/round/preview/", import_views.round_preview, name="import_round_preview"),
]
