"""Homework from Word: the template to write in, the upload, the preview where the user
places the text and answers what a file cannot tell (consent above all), and the save.
A facilitator also imports a round's files from one .zip.

The uploaded bytes live only in memory, for the request that reads them: never in a
temporary file, the session or the database. Between requests the session keeps the
parsed preview (ImportedHomework.to_dict), so a reload shows it as it was left.
"""

import functools
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from reglab.access import facilitator_required
from reglab.models import Region, is_facilitator, region_of
from submissions.models import Assignment
from submissions.services import WorkflowError

from .docx_import import MAX_BYTES, DocxError, ImportedHomework, add_interview
from .docx_template import template_docx
from .import_forms import (
    FacilitatorUploadForm,
    InterviewPreviewForm,
    RoundPreview,
    RoundZipForm,
    UploadForm,
    UploadQuery,
)
from .import_services import (
    MAX_ZIP_BYTES,
    STATEMENT,
    UNPLACED,
    RoundFile,
    apply_moves,
    drop_interview,
    homework_of,
    parts_of,
    problems_before_saving,
    read_round_zip,
    refusal,
    save_import,
    save_round,
)
from .models import MAX_INTERVIEWS

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMPLATE_NAMES = {"sv": "reglab-hemlaxa-mall.docx", "en": "reglab-homework-template.docx"}
ROUND_SESSION_KEY = "docx-import-round"
# An upload's body: the file, and room for the form's other fields.
FORM_ROOM = 64 * 1024
PLAIN_INTERVIEW_HEADING = re.compile(r"(?:intervju|interview)\s*\d*", re.IGNORECASE)


class MemoryUploadHandler(MemoryFileUploadHandler):
    """Django's in-memory handler for a file of any size: a larger one would otherwise go
    to a temporary file, a copy of the upload on disk. The body's size is bounded before
    it is read (reglab.middleware.PostGuardMiddleware)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = True


def uploads_in_memory(limit: int):
    """The view's uploads stay in memory. Upload handlers must be set before the body is
    read, which the CSRF check does: so the check is made inside, after them (Django's
    documented way). `upload_limit` tells PostGuardMiddleware the largest body the view
    takes (a file, where other forms take text)."""

    def decorator(view):
        protected = csrf_protect(view)

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            request.upload_handlers = [MemoryUploadHandler(request)]
            return protected(request, *args, **kwargs)

        wrapper.upload_limit = limit
        return csrf_exempt(wrapper)

    return decorator


@login_required
def template_download(request, assignment_pk):
    """The Word template for the round, in the user's language."""
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    language = "en" if get_language().startswith("en") else "sv"
    response = HttpResponse(template_docx(language, assignment), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_NAMES[language]}"'
    return response


# --- One file -----------------------------------------------------------------------------


def _session_key(assignment: Assignment, region: Region) -> str:
    return f"docx-import:{assignment.pk}:{region.slug}"


def _keep(request, assignment, region, state: dict, imported) -> None:
    """The preview between requests: the file's name, the parsed file as the user left
    it, and a revision that tells a form from another tab."""
    request.session[_session_key(assignment, region)] = state | {"imported": imported.to_dict()}


def _closed_for(region, assignment) -> str | None:
    """Why a coordinator cannot import into this round's homework, if they cannot."""
    submission = homework_of(region, assignment)
    if submission is None and not assignment.is_open():
        return _("This round is closed: no new homework can be started for it.")
    return refusal(submission)


@require_http_methods(["GET", "POST"])
@login_required
@uploads_in_memory(MAX_BYTES + FORM_ROOM)
def upload(request, assignment_pk):
    """A coordinator uploads a file for their region's homework; a facilitator chooses
    the region and the round."""
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    region = region_of(request.user)
    facilitator = is_facilitator(request.user)
    if region is None and not facilitator:
        raise Http404
    form_class = FacilitatorUploadForm if facilitator else UploadForm
    closed = None if facilitator else _closed_for(region, assignment)
    if request.method == "POST" and closed is None:
        form = form_class(request.POST, request.FILES, language=get_language())
        if form.is_valid():
            region = form.cleaned_data.get("region", region)
            assignment = form.cleaned_data.get("assignment", assignment)
            if problem := refusal(homework_of(region, assignment)):
                form.add_error(None, problem)
            else:
                state = {"name": form.cleaned_data["file"].name, "revision": 0}
                _keep(request, assignment, region, state, form.imported)
                return redirect("interviews:import_preview", assignment.pk, region.slug)
    else:
        chosen = Region.objects.filter(slug=UploadQuery.read(request.GET)["region"]).first()
        initial = {"assignment": assignment, "region": chosen}
        form = form_class(language=get_language(), initial=initial)
    context = {"form": form, "assignment": assignment, "region": region, "closed": closed}
    return render(request, "interviews/import_upload.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def preview(request, assignment_pk, region_slug):
    """The file's text beside what went where, kept in the session until saved."""
    region = _region_for_user(request, region_slug)
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    state = request.session.get(_session_key(assignment, region))
    if state is None:
        messages.info(request, _("There is no Word file waiting to be saved here: upload it."))
        return redirect("interviews:import_upload", assignment.pk)
    imported = ImportedHomework.from_dict(state["imported"])
    if request.method == "POST":
        return _change_preview(request, assignment, region, state, imported)
    forms = [
        InterviewPreviewForm(interview=interview, prefix=_prefix(position))
        for position, interview in enumerate(imported.interviews)
    ]
    return _render_preview(request, assignment, region, state, imported, forms)


def _change_preview(request, assignment, region, state, imported):
    """Take the moves and the interviews' fields, then do what the button says; only
    "save" writes homework. A form from before the last change (another tab) is refused."""
    key = _session_key(assignment, region)
    if request.POST.get("revision") != str(state["revision"]):
        messages.warning(
            request,
            _(
                "The preview was changed in another tab or window meanwhile; here it is "
                "as it is now. Make your change again."
            ),
        )
        return redirect("interviews:import_preview", assignment.pk, region.slug)
    action = request.POST.get("action", "update")
    if action == "cancel":
        del request.session[key]
        messages.info(request, _("The import is cancelled; nothing was saved."))
        return redirect("home")
    forms = _take_edits(request, imported)
    typed_wrong = any(form.errors for form in forms)
    if action == "save" and not typed_wrong:
        if saved := _save(request, assignment, region, imported, forms):
            del request.session[key]
            return saved
    elif not typed_wrong:
        _change_parts(imported, action)
    state = state | {"revision": state["revision"] + 1}
    _keep(request, assignment, region, state, imported)
    if action == "save" or typed_wrong:
        return _render_preview(request, assignment, region, state, imported, forms)
    return redirect("interviews:import_preview", assignment.pk, region.slug)


def _change_parts(imported, action: str) -> None:
    if action == "add" and len(imported.interviews) < MAX_INTERVIEWS:
        add_interview(imported)
    position = _number(action, "drop-")
    if position is not None and position < len(imported.interviews):
        drop_interview(imported, position)


def _region_for_user(request, slug: str) -> Region:
    """The region whose homework the user imports into: a coordinator's own (another
    region's is a 404, as everywhere), any for a facilitator."""
    own = region_of(request.user)
    if own is not None:
        if own.slug != slug:
            raise Http404
        return own
    if is_facilitator(request.user):
        return get_object_or_404(Region, slug=slug)
    raise Http404


def _prefix(position: int) -> str:
    return f"interview-{position}"


def _number(name: str, prefix: str) -> int | None:
    """The number after `prefix` in a button's value or a field's name; None for anything
    else (digits int() cannot read included)."""
    number = name.removeprefix(prefix)
    if name.startswith(prefix) and number.isascii() and number.isdecimal() and len(number) < 7:
        return int(number)
    return None


def _take_edits(request, imported) -> list[InterviewPreviewForm]:
    """The posted fields of each interview and the chosen part of each block."""
    forms = []
    for position, interview in enumerate(imported.interviews):
        form = InterviewPreviewForm(request.POST, interview=interview, prefix=_prefix(position))
        for name, value in form.values().items():
            setattr(interview, name, value)
        forms.append(form)
    chosen = {}
    for name, value in request.POST.items():
        if (index := _number(name, "block-")) is not None:
            chosen[index] = value
    apply_moves(imported, chosen)
    return forms


def _save(request, assignment, region, imported, forms):
    """Save, or put on the forms what is still missing (None then)."""
    problems = problems_before_saving(imported)
    if not problems:
        try:
            saved = save_import(
                region=region,
                assignment=assignment,
                user=request.user,
                imported=imported,
                earlier_round=is_facilitator(request.user),
            )
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            _tell_saved(request, saved)
            return redirect("submissions:detail", saved.submission.pk)
    for problem in problems:
        if problem.interview is not None:
            forms[problem.interview].add_error(problem.field, problem.message)
        else:
            messages.error(request, problem.message)
    return None


def _tell_saved(request, saved) -> None:
    messages.success(
        request,
        _(
            "The Word file is imported into the draft. Check it, and submit the homework "
            "when it is complete."
        ),
    )
    if saved.conflict is not None:
        messages.warning(
            request,
            _(
                "The draft already had a role statement. The imported one is saved; the "
                "earlier one is kept as a copy on this page: merge what you need from it, "
                "then mark it as merged."
            ),
        )
    if saved.already_there:
        messages.info(
            request,
            ngettext(
                "%(count)d interview was already in the draft and was not added again.",
                "%(count)d interviews were already in the draft and were not added again.",
                saved.already_there,
            )
            % {"count": saved.already_there},
        )


def _part_options(imported) -> list[tuple[str, str]]:
    """The choices of each paragraph's select: the parts, by name."""
    options = [(STATEMENT, _("Role statement"))]
    for position, interview in enumerate(imported.interviews):
        label = _("Interview %(number)d") % {"number": position + 1}
        if interview.organisation:
            label = f"{label}: {interview.organisation}"
        options.append((str(position), label))
    return options + [(UNPLACED, _("Left out (not saved)"))]


def _part_headings(imported) -> dict[int, str]:
    """What each part's own heading in the file is, for the paragraphs that stay put."""
    headings = {imported.statement_heading: _("The role statement's heading")}
    for position, interview in enumerate(imported.interviews):
        headings[interview.heading_block] = _("The heading of interview %(number)d") % {
            "number": position + 1
        }
    return headings


def _render_preview(request, assignment, region, state, imported, forms):
    parts = parts_of(imported)
    ignored = set(imported.ignored)
    headings = _part_headings(imported)
    blocks = [
        {
            "block": block,
            "part": parts[block.index],
            "heading_of": headings.get(block.index) if parts[block.index] is None else None,
            "ignored": block.index in ignored,
        }
        for block in imported.blocks
    ]
    by_index = {row["block"].index: row for row in blocks}
    interviews = [
        {
            "position": position,
            "number": position + 1,
            "form": form,
            "heading": _heading_words(imported, i.heading_block),
            "answers": [by_index[n] for n in i.answer_blocks],
            "details": [by_index[n] for n in i.metadata_blocks],
        }
        for (position, i), form in zip(enumerate(imported.interviews), forms, strict=True)
    ]
    context = {
        "assignment": assignment,
        "region": region,
        "name": state["name"],
        "revision": state["revision"],
        "warnings": imported.warnings,
        "blocks": blocks,
        "options": _part_options(imported),
        "statement": [by_index[n] for n in imported.statement_blocks],
        "interviews": interviews,
        "left_out": [row for row in blocks if row["part"] == UNPLACED],
        "submission": homework_of(region, assignment),
        "error_summary": _error_summary(forms),
        "script_strings": {
            "moved": _(
                "Paragraph %(number)s now goes to: %(part)s. Save, or update the preview, "
                "to keep it."
            ),
        },
    }
    return render(request, "interviews/import_preview.html", context)


def _heading_words(imported, index: int | None) -> str:
    """An interview's heading in the file, when it says more than "Intervju 2"."""
    if index is None:
        return ""
    text = imported.blocks[index].text
    return "" if PLAIN_INTERVIEW_HEADING.fullmatch(text.strip()) else text


def _error_summary(forms) -> list[dict]:
    """Every field's error at the top of the page, each linked to its field."""
    return [
        {
            "id": form[name].id_for_label if name in form.fields else f"part-{position}-title",
            "message": message,
        }
        for position, form in enumerate(forms)
        for name, errors in form.errors.items()
        for message in errors
    ]


# --- A round's zip ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@facilitator_required
@uploads_in_memory(MAX_ZIP_BYTES + FORM_ROOM)
def round_upload(request):
    """A facilitator's .zip of one round's files, one per region."""
    form = RoundZipForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            files, notes = read_round_zip(upload.read(), get_language())
        except DocxError as error:
            form.add_error("file", error.message)
        else:
            request.session[ROUND_SESSION_KEY] = {
                "name": upload.name,
                "files": [round_file.to_dict() for round_file in files],
                "notes": notes,
            }
            return redirect("interviews:import_round_preview")
    return render(request, "interviews/import_round.html", {"form": form})


@require_http_methods(["GET", "POST"])
@facilitator_required
def round_preview(request):
    """Each file's region (confirmed), interviews and consent, and the round they are
    handed in to; saving hands them all in, or none."""
    state = request.session.get(ROUND_SESSION_KEY)
    if state is None:
        messages.info(request, _("There is no zip file waiting to be saved here: upload it."))
        return redirect("interviews:import_round")
    if request.POST.get("action") == "cancel":
        del request.session[ROUND_SESSION_KEY]
        messages.info(request, _("The import is cancelled; nothing was saved."))
        return redirect("submissions:assignments")
    files = [RoundFile.from_dict(data) for data in state["files"]]
    preview = RoundPreview(files, request.POST if request.method == "POST" else None)
    if request.method == "POST" and preview.is_valid():
        rows = preview.rows()
        try:
            assignment = save_round(
                user=request.user,
                rows=rows,
                assignment=preview.round_form.assignment,
                new_round=preview.round_form.new_round,
            )
        except WorkflowError as error:
            preview.round_form.add_error(None, str(error))
        else:
            del request.session[ROUND_SESSION_KEY]
            messages.success(
                request,
                ngettext(
                    "%(count)d region's homework is handed in to “%(round)s”.",
                    "%(count)d regions' homework is handed in to “%(round)s”.",
                    len(rows),
                )
                % {"count": len(rows), "round": assignment.title},
            )
            return redirect(_compare_url(assignment))
    context = {"preview": preview, "name": state["name"], "notes": state["notes"]}
    return render(request, "interviews/import_round_preview.html", context)


def _compare_url(assignment: Assignment) -> str:
    """Jämför omgångar: the newest other round compared with the one just imported."""
    current = Assignment.objects.exclude(pk=assignment.pk).first()
    if current is None:
        return reverse("submissions:received") + f"?assignment={assignment.pk}"
    return reverse("synthesis:compare", args=[current.pk]) + f"?with={assignment.pk}"
