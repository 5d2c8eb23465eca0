"""Exports too large for a request: built by the background worker, kept in the database.

A national export takes longer than gunicorn lets a request run (GUNICORN_TIMEOUT, 30 s),
whether it streams or not. Above settings.EXPORT_INLINE_ROWS the request asks for the file
(`request_file`) and answers a page that shows its progress; the worker (`build`, run by
synthesis/tasks.py's build_export) writes it to a temporary file as exports.py produces it
and stores it in ExportChunk rows of about a megabyte, which `chunks` reads back one at a
time. In the database, not on a disk, so that every gunicorn container sharing the
database can serve it.

A file is keyed by the data it holds: the export, the assignment, the synthesis's
generation (synthesis/cache.py, moved by every change of the data), the language and the
options. A second request for the same data gets the same file; once a newer one of the
same export is ready the older ones go, and every file goes after EXPORT_KEEP_HOURS, and
at once when an interviewee's personal data is erased (`delete_all`, synthesis/receivers.py).
"""

import hashlib
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from submissions.models import Assignment

from . import cache, exports
from .models import ExportChunk, ExportFile, Role

log = logging.getLogger(__name__)

CHUNK_BYTES = 1 << 20
PROGRESS_SECONDS = 1.0  # the progress is written at most this often


@dataclass(frozen=True)
class Kind:
    filename: str  # with {pk}, the assignment's
    content_type: str
    size: Callable  # (assignment, options) -> rows: what decides where it is built
    total: Callable  # (assignment, options) -> what progress() counts up to
    write: Callable  # (out, assignment, options, user, progress)
    names_user: bool = False  # the file names the facilitator who asked for it
    # What a row costs beside a row of CSV: openpyxl writes a row of XLSX about ten times
    # slower (bench/export_bench.py), so a tenth as many are written in a request.
    weight: int = 1


def _confirmed(options: dict) -> bool:
    return options.get("reviewed") == "confirmed"


def _tag_count(assignment, options):
    return exports.tag_count(assignment, confirmed_only=_confirmed(options))


def _write_csv(out, assignment, options, user, progress):
    rows = exports.iter_tag_rows(assignment, confirmed_only=_confirmed(options))
    for chunk in exports.tags_csv_chunks(rows, progress=progress):
        out.write(chunk)


def _write_xlsx(out, assignment, options, user, progress):
    rows = exports.iter_tag_rows(assignment, confirmed_only=_confirmed(options))
    exports.write_tags_xlsx(out, rows, Role.objects.all(), progress)


def _write_project(out, assignment, options, user, progress):
    exports.write_project_qdpx(out, assignment, user=user, progress=progress)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = {
    "tags_csv": Kind(
        "reglab-tags-{pk}.csv", "text/csv; charset=utf-8", _tag_count, _tag_count, _write_csv
    ),
    "tags_xlsx": Kind(
        "reglab-tags-{pk}.xlsx", XLSX, _tag_count, _tag_count, _write_xlsx, weight=10
    ),
    "project_qdpx": Kind(
        "reglab-project-{pk}.qdpx",
        "application/zip",
        lambda assignment, options: exports.project_size(assignment),
        lambda assignment, options: exports.project_text_count(assignment),
        _write_project,
        names_user=True,
    ),
}


def too_large(kind: str, assignment: Assignment, options: dict) -> bool:
    """Whether this export is built by the worker rather than in the request."""
    spec = KINDS[kind]
    return spec.size(assignment, options) * spec.weight > settings.EXPORT_INLINE_ROWS


def filename(file: ExportFile) -> str:
    return KINDS[file.kind].filename.format(pk=file.assignment_id)


def request_file(kind: str, assignment: Assignment, options: dict, user) -> ExportFile:
    """The stored file of this export of the data as it is now: ready, or queued for the
    worker (again, when it failed)."""
    spec = KINDS[kind]
    language = translation.get_language() or settings.LANGUAGE_CODE
    owner = user if spec.names_user else None
    generation = cache.generation()
    identity = (kind, assignment.pk, generation, language, sorted(options.items()))
    key = hashlib.sha256(repr((*identity, owner and owner.pk)).encode()).hexdigest()
    file, created = ExportFile.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "assignment": assignment,
            "user": owner,
            "options": options,
            "generation": generation,
            "language": language,
        },
    )
    if created:
        delete_old()
    elif file.state == ExportFile.State.FAILED:
        ExportFile.objects.filter(pk=file.pk).update(state=ExportFile.State.QUEUED, rows_done=0)
        file.state = ExportFile.State.QUEUED
    else:
        return file
    from .tasks import build_export

    build_export.enqueue(file.pk)
    file.refresh_from_db()
    return file


def build(file_id: int) -> bool:
    """Write the file and store it in chunks. False when it was deleted meanwhile (an
    erasure of personal data: nothing read before it is kept)."""
    file = ExportFile.objects.filter(pk=file_id).select_related("assignment", "user").first()
    if file is None or file.state == ExportFile.State.READY:
        return file is not None
    spec = KINDS[file.kind]
    total = spec.total(file.assignment, file.options)
    ExportFile.objects.filter(pk=file_id).update(
        state=ExportFile.State.BUILDING, started_at=timezone.now(), rows_total=total, rows_done=0
    )
    last = time.monotonic()

    def progress(done: int) -> None:
        nonlocal last
        if time.monotonic() - last >= PROGRESS_SECONDS:
            ExportFile.objects.filter(pk=file_id).update(rows_done=min(done, total))
            last = time.monotonic()

    try:
        with tempfile.TemporaryFile() as out, translation.override(file.language):
            spec.write(out, file.assignment, file.options, file.user, progress)
            size = out.tell()
            out.seek(0)
            number = 0
            while data := out.read(CHUNK_BYTES):
                ExportChunk.objects.create(file_id=file_id, number=number, data=data)
                number += 1
    except IntegrityError:  # the file was deleted while it was written
        ExportChunk.objects.filter(file_id=file_id).delete()
        return False
    except Exception:
        ExportFile.objects.filter(pk=file_id).update(state=ExportFile.State.FAILED)
        raise
    ready = ExportFile.objects.filter(pk=file_id, state=ExportFile.State.BUILDING).update(
        state=ExportFile.State.READY, size=size, rows_done=total, finished_at=timezone.now()
    )
    if not ready:
        ExportChunk.objects.filter(file_id=file_id).delete()
        return False
    # The same export of older data is never asked for again.
    _delete(
        ExportFile.objects.filter(
            kind=file.kind,
            assignment_id=file.assignment_id,
            user_id=file.user_id,
            language=file.language,
            generation__lt=file.generation,
        )
    )
    return True


def chunks(file: ExportFile) -> Iterator[bytes]:
    """The stored file, a chunk at a time (one query each): the memory does not grow with
    the file. Ends early when the file is deleted during the download."""
    numbers = list(ExportChunk.objects.filter(file=file).order_by("number").values_list("pk"))
    for (pk,) in numbers:
        data = ExportChunk.objects.filter(pk=pk).values_list("data", flat=True).first()
        if data is None:
            return
        yield bytes(data)


def _delete(files) -> None:
    # The chunks first, in one statement each: a cascade would read their data.
    ExportChunk.objects.filter(file__in=files.values("pk")).delete()
    files.delete()


def delete_old() -> None:
    cutoff = timezone.now() - timedelta(hours=settings.EXPORT_KEEP_HOURS)
    _delete(ExportFile.objects.filter(created_at__lt=cutoff))


def delete_all() -> None:
    """Personal data was erased: no stored export keeps it. Now, and again when the
    erasure commits (a file written in between read the data as it was)."""
    _delete(ExportFile.objects.all())
    transaction.on_commit(lambda: _delete(ExportFile.objects.all()))
