"""Downloads of an assignment's tagged homework, for facilitators; exports.py builds them.

The exports that grow with the network (tags.csv, tags.xlsx, project.qdpx) stream from a
query read in batches or from a temporary file, so that their memory stays flat. Above
settings.EXPORT_INLINE_ROWS they would still take longer than gunicorn lets a request run:
then the background worker builds them (export_files.py) and the facilitator is sent to a
page that shows the progress and links to the download when it is ready.
"""

import tempfile
from urllib.parse import urlencode

from django.http import FileResponse, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from reglab.access import facilitator_required
from submissions.models import Assignment

from . import export_files, exports, frames
from .models import ExportFile, Role
from .report_docx import report_document

XLSX = export_files.XLSX
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV = "text/csv; charset=utf-8"


def _attachment(filename: str) -> dict:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return HttpResponse(content, content_type=content_type, headers=_attachment(filename))


def _options(request) -> dict:
    """The export's options, as its stored file is keyed: only values it knows."""
    return {"reviewed": "confirmed"} if request.GET.get("reviewed") == "confirmed" else {}


def _from_file(write, content_type: str, filename: str) -> FileResponse:
    """Written to a temporary file, then sent from it block by block."""
    out = tempfile.TemporaryFile()
    write(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=content_type)


def _prepared_or(request, kind: str, assignment_pk: int, inline):
    """inline(assignment, options) when the export is small; otherwise the page where the
    worker's file will be (and is already, when the same data was asked for before)."""
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    options = _options(request)
    if not export_files.too_large(kind, assignment, options):
        return inline(assignment, options)
    file = export_files.request_file(kind, assignment, options, request.user)
    return redirect("exports:prepared", assignment_pk=assignment.pk, pk=file.pk)


@facilitator_required
def tags_csv(request, assignment_pk):
    def inline(assignment, options):
        rows = exports.iter_tag_rows(assignment, confirmed_only=bool(options))
        return StreamingHttpResponse(
            exports.tags_csv_chunks(rows),
            content_type=CSV,
            headers=_attachment(f"reglab-tags-{assignment.pk}.csv"),
        )

    return _prepared_or(request, "tags_csv", assignment_pk, inline)


@facilitator_required
def tags_xlsx(request, assignment_pk):
    def inline(assignment, options):
        rows = exports.iter_tag_rows(assignment, confirmed_only=bool(options))
        return _from_file(
            lambda out: exports.write_tags_xlsx(out, rows, Role.objects.all()),
            XLSX,
            f"reglab-tags-{assignment.pk}.xlsx",
        )

    return _prepared_or(request, "tags_xlsx", assignment_pk, inline)


@facilitator_required
def project_qdpx(request, assignment_pk):
    def inline(assignment, options):
        return _from_file(
            lambda out: exports.write_project_qdpx(out, assignment, user=request.user),
            "application/zip",
            f"reglab-project-{assignment.pk}.qdpx",
        )

    return _prepared_or(request, "project_qdpx", assignment_pk, inline)


def _file(assignment_pk: int, pk: int) -> ExportFile:
    return get_object_or_404(ExportFile, pk=pk, assignment_id=assignment_pk)


def _status(file: ExportFile) -> dict:
    ready = file.state == ExportFile.State.READY
    download = reverse("exports:prepared_download", args=[file.assignment_id, file.pk])
    return {
        "state": file.state,
        "label": file.get_state_display(),
        "percent": file.percent,
        "done": file.rows_done,
        "total": file.rows_total,
        "download": download if ready else None,
    }


@facilitator_required
def prepared(request, assignment_pk, pk):
    """The page of an export the worker builds: its progress, then its download."""
    file = _file(assignment_pk, pk)
    again = reverse(f"exports:{file.kind}", args=[file.assignment_id])
    if file.options:
        again += "?" + urlencode(file.options)
    return render(
        request,
        "synthesis/export_prepared.html",
        {
            "file": file,
            "filename": export_files.filename(file),
            "status": _status(file),
            "again": again,
            "status_url": reverse("exports:prepared_status", args=[file.assignment_id, file.pk]),
        },
    )


@facilitator_required
def prepared_status(request, assignment_pk, pk):
    """What the progress page polls (static/js/export_progress.js): one row read."""
    return JsonResponse(_status(_file(assignment_pk, pk)))


@facilitator_required
def prepared_download(request, assignment_pk, pk):
    file = _file(assignment_pk, pk)
    if file.state != ExportFile.State.READY:
        return redirect("exports:prepared", assignment_pk=assignment_pk, pk=pk)
    response = StreamingHttpResponse(
        export_files.chunks(file),
        content_type=export_files.KINDS[file.kind].content_type,
        headers=_attachment(export_files.filename(file)),
    )
    response["Content-Length"] = str(file.size)
    return response


@facilitator_required
def codebook_qdc(request, assignment_pk):
    # The codebook is the taxonomy, the same for every assignment; the URL names one so
    # that all of an assignment's downloads sit side by side.
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    content = exports.codebook_qdc(Role.objects.all())
    return _download(content, "application/xml", f"reglab-codebook-{assignment.pk}.qdc")


@facilitator_required
def codebook_taguette(request, assignment_pk):
    # Taguette imports a codebook from CSV only; the taxonomy in the viewer's language.
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    content = exports.codebook_taguette_csv(Role.objects.all()).encode("utf-8")
    return _download(content, CSV, f"reglab-codebook-taguette-{assignment.pk}.csv")


@facilitator_required
def report_docx(request, assignment_pk):
    """The printable report as a Word file: the same filters (?actor=, ?source=) and the
    same choice of names (?names=0: the version for the regions) as the HTML report."""
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    filters = frames.Filters.from_request(request)
    show_names = request.GET.get("names") != "0"
    content = report_document(assignment, filters, show_names=show_names)
    return _download(content, DOCX, f"reglab-report-{assignment.pk}.docx")
