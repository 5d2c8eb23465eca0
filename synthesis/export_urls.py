"""Data exports of one assignment; included at /synthesis/exports/ by reglab/urls.py."""

from django.urls import path

from . import export_views

app_name = "exports"

urlpatterns = [
    path("<int:assignment_pk>/tags.csv", export_views.tags_csv, name="tags_csv"),
    path("<int:assignment_pk>/tags.xlsx", export_views.tags_xlsx, name="tags_xlsx"),
    path("<int:assignment_pk>/codebook.qdc", export_views.codebook_qdc, name="codebook_qdc"),
    path(
        "<int:assignment_pk>/codebook-taguette.csv",
        export_views.codebook_taguette,
        name="codebook_taguette",
    ),
    path("<int:assignment_pk>/project.qdpx", export_views.project_qdpx, name="project_qdpx"),
    path("<int:assignment_pk>/report.docx", export_views.report_docx, name="report_docx"),
    # An export too large for a request, built by the worker (export_files.py).
    path("<int:assignment_pk>/prepared/<int:pk>/", export_views.prepared, name="prepared"),
    path(
        "<int:assignment_pk>/prepared/<int:pk>/status.json",
        export_views.prepared_status,
        name="prepared_status",
    ),
    path(
        "<int:assignment_pk>/prepared/<int:pk>/download",
        export_views.prepared_download,
        name="prepared_download",
    ),
]
