"""Exports that do not grow with the network (issue 16): tags.csv streams, tags.xlsx and
project.qdpx are written to a temporary file, and above EXPORT_INLINE_ROWS the background
worker builds them, stored in the database, behind a page that shows the progress.

The streamed content must equal what the in-memory builders made before (kept unchanged in
tests/export_reference.py), on the demo's data."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from interviews.models import Interview
from interviews.services import erase_personal_data
from reglab.models import Region
from submissions.models import Assignment, Submission
from synthesis import export_files
from synthesis.models import ExportChunk, ExportFile, Role, Tag
from synthesis.tasks import build_export

from . import export_reference as reference
from .conftest import login
from .test_workshop import load_demo

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        demo = load_demo()
        # Two regions at one position: the order must still be the same everywhere.
        Region.objects.filter(slug__in=["skane", "halland"]).update(position=3)
        yield demo.pk
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once, db):
    return Assignment.objects.get(pk=_demo_once)


@pytest.fixture
def facilitator(demo):
    return get_user_model().objects.get(username="facilitator")


def body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def get(client, name, demo, **params):
    return client.get(reverse(f"exports:{name}", args=[demo.pk]), params)


def cell_values(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def project_files(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    # The only difference two exports of the same data may have: when they were made.
    files["project.qde"] = re.sub(rb'creationDateTime="[^"]*"', b"", files["project.qde"])
    return files


# The streamed exports equal the in-memory ones


@pytest.mark.parametrize("params", [{}, {"reviewed": "confirmed"}])
def test_the_streamed_csv_is_byte_for_byte_the_in_memory_csv(client, demo, facilitator, params):
    response = get(login(client, facilitator), "tags_csv", demo, **params)
    assert response.streaming
    rows = reference.tag_rows(demo, confirmed_only=bool(params))
    assert len(rows) > (30 if params else 300)
    assert body(response) == reference.tags_csv(rows).encode("utf-8")


def test_the_xlsx_holds_the_cell_values_of_the_in_memory_one(client, demo, facilitator):
    response = get(login(client, facilitator), "tags_xlsx", demo)
    assert response.streaming and response["Content-Disposition"] == (
        f'attachment; filename="reglab-tags-{demo.pk}.xlsx"'
    )
    expected = reference.tags_xlsx(reference.tag_rows(demo), Role.objects.all())
    assert cell_values(body(response)) == cell_values(expected)
    sheet = load_workbook(io.BytesIO(body(get(client, "tags_xlsx", demo))))["Taggar"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_the_project_holds_the_files_of_the_in_memory_one(client, demo, facilitator):
    response = get(login(client, facilitator), "project_qdpx", demo)
    assert response.streaming and response["Content-Type"] == "application/zip"
    expected = project_files(reference.project_qdpx(demo, user=facilitator))
    assert len(expected) > 50
    assert project_files(body(response)) == expected


def test_a_difference_would_be_seen(client, demo, facilitator):
    """The comparison above can fail: one changed tag changes the export."""
    login(client, facilitator)
    before = body(get(client, "tags_csv", demo))
    Tag.objects.filter(pk=Tag.objects.filter(submission__assignment=demo).first().pk).update(
        review=Tag.Review.REJECTED
    )
    assert body(get(client, "tags_csv", demo)) != before


# Above EXPORT_INLINE_ROWS the worker builds the file


@pytest.fixture
def small_limit(settings):
    settings.EXPORT_INLINE_ROWS = 10
    return settings


@pytest.mark.parametrize("name", ["tags_csv", "tags_xlsx", "project_qdpx"])
def test_a_large_export_is_built_by_the_worker_and_downloaded_the_same(
    client, demo, facilitator, small_limit, name
):
    login(client, facilitator)
    small_limit.EXPORT_INLINE_ROWS = 10**9
    inline = body(get(client, name, demo))
    small_limit.EXPORT_INLINE_ROWS = 10

    response = get(client, name, demo)
    file = ExportFile.objects.get()
    page = reverse("exports:prepared", args=[demo.pk, file.pk])
    assert response.status_code == 302 and response["Location"] == page
    # No worker has run: the page says the export waits for it, and it can be refreshed.
    html = client.get(page).content.decode()
    assert "Queued" in html or "I kö" in html
    assert "export_progress.js" in html and f'href="{page}"' in html
    status = client.get(reverse("exports:prepared_status", args=[demo.pk, file.pk])).json()
    assert status["state"] == "queued" and status["download"] is None
    download = reverse("exports:prepared_download", args=[demo.pk, file.pk])
    assert client.get(download)["Location"] == page

    assert build_export.call(file.pk) is True
    status = client.get(reverse("exports:prepared_status", args=[demo.pk, file.pk])).json()
    assert status["state"] == "ready" and status["percent"] == 100
    assert status["download"] == download
    assert download in client.get(page).content.decode()
    response = client.get(download)
    assert (
        response["Content-Disposition"] == f'attachment; filename="{export_files.filename(file)}"'
    )
    content = body(response)
    assert int(response["Content-Length"]) == len(content)
    if name == "tags_csv":
        assert content == inline
    elif name == "tags_xlsx":
        assert cell_values(content) == cell_values(inline)
    else:
        assert project_files(content) == project_files(inline)

    # The same data asked for again: the same file, not another one.
    assert get(client, name, demo)["Location"] == page
    assert ExportFile.objects.count() == 1


def test_a_file_is_stored_in_chunks_and_read_back_whole(
    client, demo, facilitator, small_limit, settings, monkeypatch
):
    monkeypatch.setattr(export_files, "CHUNK_BYTES", 1000)
    settings.TASKS = IMMEDIATE
    login(client, facilitator)
    response = get(client, "tags_csv", demo, reviewed="confirmed")
    file = ExportFile.objects.get()
    assert file.state == ExportFile.State.READY and file.options == {"reviewed": "confirmed"}
    assert ExportChunk.objects.filter(file=file).count() == -(-file.size // 1000) > 2
    assert response["Location"] == reverse("exports:prepared", args=[demo.pk, file.pk])
    content = body(client.get(reverse("exports:prepared_download", args=[demo.pk, file.pk])))
    rows = reference.tag_rows(demo, confirmed_only=True)
    assert content == reference.tags_csv(rows).encode("utf-8")


def test_new_data_makes_a_new_file_and_the_older_one_goes(
    client, demo, facilitator, small_limit, settings
):
    settings.TASKS = IMMEDIATE
    login(client, facilitator)
    get(client, "tags_csv", demo)
    first = ExportFile.objects.get()
    Tag.objects.filter(submission__assignment=demo).first().save()  # the data changes
    get(client, "tags_csv", demo)
    second = ExportFile.objects.get()
    assert second.pk != first.pk and second.generation > first.generation
    assert not ExportChunk.objects.filter(file_id=first.pk).exists()
    old = reverse("exports:prepared_download", args=[demo.pk, first.pk])
    assert client.get(old).status_code == 404


def test_files_older_than_the_keep_hours_are_deleted(client, demo, facilitator, small_limit):
    login(client, facilitator)
    get(client, "tags_csv", demo)
    hours = small_limit.EXPORT_KEEP_HOURS
    ExportFile.objects.update(created_at=timezone.now() - timedelta(hours=hours, minutes=1))
    get(client, "tags_xlsx", demo)
    assert list(ExportFile.objects.values_list("kind", flat=True)) == ["tags_xlsx"]


def test_an_erasure_of_personal_data_deletes_every_stored_export(
    client, demo, facilitator, small_limit, settings
):
    settings.TASKS = IMMEDIATE
    login(client, facilitator)
    get(client, "tags_csv", demo)
    get(client, "project_qdpx", demo)
    files = list(ExportFile.objects.all())
    assert len(files) == 2 and ExportChunk.objects.exists()
    interview = Interview.objects.filter(
        submission__assignment=demo, submission__state=Submission.State.SUBMITTED
    ).first()
    erase_personal_data(interview=interview, user=facilitator)
    assert not ExportFile.objects.exists() and not ExportChunk.objects.exists()
    for file in files:
        for view in ("prepared", "prepared_status", "prepared_download"):
            url = reverse(f"exports:{view}", args=[demo.pk, file.pk])
            assert client.get(url).status_code == 404
    # Asked for again: built again, from the data as it is now.
    response = get(client, "project_qdpx", demo)
    assert ExportFile.objects.get().state == ExportFile.State.READY
    assert response.status_code == 302


def test_a_file_deleted_while_the_worker_writes_it_is_not_kept(
    demo, facilitator, small_limit, monkeypatch
):
    file = export_files.request_file("tags_csv", demo, {}, facilitator)
    write = export_files.KINDS["tags_csv"].write

    def erased_meanwhile(out, *args):
        write(out, *args)
        export_files.delete_all()

    monkeypatch.setitem(
        export_files.KINDS,
        "tags_csv",
        export_files.KINDS["tags_csv"].__class__(
            **{**export_files.KINDS["tags_csv"].__dict__, "write": erased_meanwhile}
        ),
    )
    assert export_files.build(file.pk) is False
    assert not ExportFile.objects.exists() and not ExportChunk.objects.exists()


# Who may see a prepared export


@pytest.fixture
def prepared(demo, facilitator, small_limit):
    file = export_files.request_file("tags_xlsx", demo, {}, facilitator)
    build_export.call(file.pk)
    return file


@pytest.mark.parametrize("view", ["prepared", "prepared_status", "prepared_download"])
def test_a_coordinator_gets_403_and_an_anonymous_user_the_login(client, demo, prepared, view):
    url = reverse(f"exports:{view}", args=[demo.pk, prepared.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))
    coordinator = get_user_model().objects.get(username="skane")
    assert login(client, coordinator).get(url).status_code == 403


@pytest.mark.parametrize("view", ["prepared", "prepared_status", "prepared_download"])
def test_another_assignment_or_an_unknown_file_is_404(client, demo, facilitator, prepared, view):
    login(client, facilitator)
    other = Assignment.objects.exclude(pk=demo.pk).first()
    assert other is not None
    assert client.get(reverse(f"exports:{view}", args=[other.pk, prepared.pk])).status_code == 404
    assert client.get(reverse(f"exports:{view}", args=[demo.pk, 999999])).status_code == 404
    assert client.get(reverse(f"exports:{view}", args=[demo.pk, prepared.pk])).status_code == 200


@pytest.mark.parametrize("value", ["%00", "x" * 5000, "%ff%fe"])
def test_a_bad_option_is_ignored_not_an_error(client, demo, facilitator, small_limit, value):
    login(client, facilitator)
    response = client.get(reverse("exports:tags_csv", args=[demo.pk]) + f"?reviewed={value}")
    assert response.status_code == 302
    assert ExportFile.objects.get().options == {}
