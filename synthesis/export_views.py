"""Downloads of an assignment's tagged homework, for facilitators; exports.py builds them."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from reglab.access import facilitator_required
from submissions.models import Assignment

from . import exports, frames
from .models import Role
from .report_docx import report_document

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _rows(request, assignment: Assignment) -> list[dict]:
    confirmed_only = request.GET.get("reviewed") == "confirmed"
    return exports.tag_rows(assignment, confirmed_only=confirmed_only)


@facilitator_required
def tags_csv(request, assignment_pk):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    content = exports.tags_csv(_rows(request, assignment)).encode("utf-8")
    return _download(content, "text/csv; charset=utf-8", f"reglab-tags-{assignment.pk}.csv")


@facilitator_required
def tags_xlsx(request, assignment_pk):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    content = exports.tags_xlsx(_rows(request, assignment), Role.objects.all())
    return _download(content, XLSX, f"reglab-tags-{assignment.pk}.xlsx")


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
    return _download(
        content, "text/csv; charset=utf-8", f"reglab-codebook-taguette-{assignment.pk}.csv"
    )


@facilitator_required
def project_qdpx(request, assignment_pk):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    content = exports.project_qdpx(assignment, user=request.user)
    return _download(content, "application/zip", f"reglab-project-{assignment.pk}.qdpx")


@facilitator_required
def report_docx(request, assignment_pk):
    """The printable report as a Word file: the same filters (?actor=, ?source=) and the
    same choice of names (?names=0: the version for the regions) as the HTML report."""
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    filters = frames.Filters.from_request(request)
    show_names = request.GET.get("names") != "0"
    content = report_document(assignment, filters, show_names=show_names)
    return _download(content, DOCX, f"reglab-report-{assignment.pk}.docx")
