from django.urls import path

from . import views

app_name = "submissions"

urlpatterns = [
    path("assignment/<int:assignment_pk>/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/statement/", views.edit_statement, name="statement"),
    path("<int:pk>/statement/autosave/", views.autosave_statement, name="autosave"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/return/", views.return_to_region, name="return"),
    path("<int:pk>/versions/", views.versions, name="versions"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path(
        "<int:pk>/conflicts/<int:conflict_pk>/resolve/",
        views.resolve_conflict,
        name="resolve_conflict",
    ),
    path("received/", views.received, name="received"),
    path("received.csv", views.received_csv, name="received_csv"),
    path("assignments/", views.assignment_list, name="assignments"),
    path("assignments/new/", views.assignment_edit, name="assignment_new"),
    path("assignments/<int:pk>/", views.assignment_edit, name="assignment_edit"),
]
