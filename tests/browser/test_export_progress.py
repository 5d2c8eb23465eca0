"""The page of an export the background worker prepares (issue 16): it shows the export
queued, follows the worker's progress without a reload, and starts the download when the
file is ready."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from synthesis.models import ExportFile
from synthesis.services import retag_corpus
from synthesis.tasks import build_export

from .conftest import BROWSER, login

pytestmark = BROWSER


@pytest.fixture
def handed_in(complete_submission, settings):
    settings.EXPORT_INLINE_ROWS = 0  # every export goes to the worker
    complete_submission.state = "submitted"
    complete_submission.submitted_at = timezone.now()
    complete_submission.save()
    retag_corpus()
    return complete_submission


def test_the_page_follows_the_worker_and_starts_the_download(page, live_server, fiona, handed_in):
    login(page, live_server, fiona)
    page.goto(live_server.url + reverse("exports:tags_xlsx", args=[handed_in.assignment_id]))
    expect(page.locator("[data-queued]")).to_be_visible()
    expect(page.locator("[data-ready]")).to_be_hidden()
    file = ExportFile.objects.get()
    with page.expect_download() as download:
        build_export.call(file.pk)  # what the worker does
    assert download.value.suggested_filename == f"reglab-tags-{handed_in.assignment_id}.xlsx"
    expect(page.locator("[data-ready] a")).to_be_visible()
    expect(page.locator("[data-queued]")).to_be_hidden()
    expect(page.locator("[data-percent]")).to_have_attribute("value", "100")
