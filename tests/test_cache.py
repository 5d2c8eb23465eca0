"""The synthesis cache (synthesis/cache.py): every dashboard and the deck are built once per
generation of the data, and whoever changes the data, in whichever way, is seen on the next
request; a draft's autosave is not a change anyone sees, so it keeps the cached pages."""

import io
import threading
import time
import uuid
from datetime import date

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from interviews.models import Interview, Quote
from interviews.services import save_interview
from reglab.models import Region
from submissions.models import Submission
from submissions.services import return_submission, submit_submission
from synthesis import cache as synthesis_cache
from synthesis import dashboards
from synthesis.models import Role, Tag
from synthesis.services import retag_corpus
from workshop import selectors

from . import test_workshop
from .conftest import login
from .test_workshop import deck_url, hand_in, html_of, version_of

# The demo round and its facilitator, loaded for each test here: most of this module's
# tests need no demo, and must not see one.
facilitator = test_workshop.facilitator


@pytest.fixture
def demo(db):
    return test_workshop.load_demo()


generation = synthesis_cache.generation


@pytest.fixture
def handed_in(complete_submission, alice):
    """Halland's homework, tagged and handed in, as read back from the database."""
    retag_corpus()
    submit_submission(submission=complete_submission, user=alice)
    return Submission.objects.get(pk=complete_submission.pk)


def count_calls(monkeypatch, owner, name) -> list:
    """Replace owner.name by itself, counting its calls (one item per call)."""
    calls, original = [], getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def overview_url(assignment) -> str:
    return reverse("synthesis:overview", args=[assignment.pk])


def heatmap_url(assignment) -> str:
    return reverse("synthesis:heatmap", args=[assignment.pk])


def get_html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html_of(response)


# What moves the generation -----------------------------------------------------------------------


def test_a_draft_autosave_leaves_the_cached_pages_alone(client, alice, submission):
    login(client, alice)
    before = generation()
    url = reverse("submissions:autosave", args=[submission.pk])
    for revision, text in enumerate(("Region Halland samordnar.", "Region Halland stöttar.")):
        response = client.post(url, {"statement": text, "revision": revision})
        assert response.json()["ok"]
    assert generation() == before


def test_a_draft_autosave_of_the_own_roles_leaves_the_cached_pages_alone(
    client, alice, submission
):
    login(client, alice)
    roles = list(Role.objects.active().values_list("pk", flat=True)[:2])
    before = generation()
    response = client.post(
        reverse("submissions:autosave", args=[submission.pk]),
        {"statement": "", "revision": 0, "roles_sent": "1", "self_roles": roles},
    )
    assert response.json()["ok"]
    assert set(submission.self_roles.values_list("pk", flat=True)) == set(roles)
    assert generation() == before


def test_saving_a_draft_interview_leaves_the_cached_pages_alone(alice, submission):
    data = {
        "organisation": "Växjö kommun",
        "actor_type": Interview.ActorType.KOMMUN,
        "interview_date": date(2026, 10, 1),
        "interviewee_function": "Integrationsstrateg",
        "consent": Interview.Consent.ANONYMOUS,
        "answers": "Regionen samordnar.",
    }
    before = generation()
    saved = save_interview(submission=submission, user=alice, data=data, quotes=["Samordnar."])
    save_interview(
        submission=submission,
        user=alice,
        data=data | {"answers": "Regionen samordnar och stöttar."},
        quotes=["Samordnar.", "Stöttar."],
        interview=saved.interview,
        base_revision=saved.interview.revision,
    )
    assert Quote.objects.filter(interview=saved.interview).count() == 2
    assert generation() == before


def edit_statement(submission):
    submission.statement += " Vi har också ett nytt uppdrag."
    submission.save()


def edit_answers(submission):
    interview = Interview.objects.filter(submission=submission).first()
    interview.answers = "Regionen finansierar projekt."
    interview.save()


def edit_quote(submission):
    quote = Quote.objects.filter(interview__submission=submission).first()
    quote.text = "Regionen finansierar projekt."
    quote.save()


def review_a_tag(submission):
    tag = Tag.objects.filter(submission=submission).first()
    tag.review = Tag.Review.REJECTED
    tag.save()


def claim_a_role(submission):
    submission.self_roles.add(Role.objects.active().first())


def delete_an_interview(submission):
    Interview.objects.filter(submission=submission).first().delete()


@pytest.mark.parametrize(
    "edit",
    [edit_statement, edit_answers, edit_quote, review_a_tag, claim_a_role, delete_an_interview],
)
def test_an_edit_of_handed_in_homework_as_in_the_admin_moves_the_generation(handed_in, edit):
    before = generation()
    edit(handed_in)
    assert generation() != before


def rename_a_region(assignment):
    region = Region.objects.get(slug="halland")
    region.name = "Havsbandet"
    region.save()


def rename_a_role(assignment):
    role = Role.objects.first()
    role.name_sv = "Fyrvaktare"
    role.save()


def retitle_the_assignment(assignment):
    assignment.title_sv = "Hemläxa: ny titel"
    assignment.save()


@pytest.mark.parametrize("edit", [rename_a_region, rename_a_role, retitle_the_assignment])
def test_an_edit_of_what_every_round_shows_moves_the_generation(assignment, edit):
    before = generation()
    edit(assignment)
    assert generation() != before


def test_returning_handed_in_homework_moves_the_generation(handed_in, fiona):
    before = generation()
    return_submission(submission=handed_in, user=fiona, comment="Fler citat, tack.")
    assert generation() != before


# In-process: the next request shows it -----------------------------------------------------------


def test_a_region_renamed_with_a_plain_save_shows_on_the_next_deck_and_heat_map(
    client, fiona, handed_in
):
    assignment = handed_in.assignment
    login(client, fiona)
    pages = (deck_url(assignment, names=1), heatmap_url(assignment))
    for url in pages:
        html = get_html(client, url)
        assert "Halland" in html and "Havsbandet" not in html
    rename_a_region(assignment)  # no service: as in the admin or a shell
    for url in pages:
        assert "Havsbandet" in get_html(client, url), url


# Waiting for a result another request computes ---------------------------------------------------


def current_key(name, assignment, *parts) -> str:
    """The key cached() keeps this generation's result under (the lock is f"{key}:lock")."""
    return f"{synthesis_cache._key(name, assignment, parts)}:{generation()}"


def started_elsewhere(key, seconds_ago=0.0) -> str:
    """Another request (or the worker) takes the lock of `key`, as _once() does: its token is
    an id and the time it started."""
    token = f"{uuid.uuid4().hex}:{time.time() - seconds_ago}"
    assert cache.add(f"{key}:lock", token, synthesis_cache.LOCK_SECONDS)
    return token


def test_a_request_waits_for_the_result_another_request_is_computing(assignment):
    key = current_key("overview", assignment)
    started_elsewhere(key)
    their_result = threading.Timer(0.2, cache.set, [key, "their result"])
    their_result.start()
    computed = []

    result = synthesis_cache.cached("overview", assignment, lambda: computed.append(1) or "ours")

    their_result.join()
    assert result == "their result"
    assert computed == []


def test_a_request_computes_the_result_itself_when_the_other_takes_too_long(
    assignment, monkeypatch
):
    monkeypatch.setattr(synthesis_cache, "WAIT_SECONDS", 0.3)
    assert synthesis_cache.cached("overview", assignment, lambda: "old data") == "old data"
    rename_a_region(assignment)  # a new generation, whose result the other is computing
    key = current_key("overview", assignment)
    theirs = started_elsewhere(key)

    started = time.monotonic()
    result = synthesis_cache.cached("overview", assignment, lambda: "new data")

    assert result == "new data"
    assert 0.3 <= time.monotonic() - started < 2
    assert cache.get(f"{key}:lock") == theirs  # its lock, not ours to release


# The deck while its new slides are built elsewhere -----------------------------------------------


def building_elsewhere(keys, *names, seconds_ago=0.0) -> dict[str, str]:
    """Another request or the worker has started computing these results of the current
    generation (their keys as the earlier requests looked them up): their locks, tokens."""
    locks = {}
    for name in names:
        (base,) = keys[name]
        key = f"{base}:{generation()}"
        locks[f"{key}:lock"] = started_elsewhere(key, seconds_ago)
    return locks


def test_while_new_slides_are_built_elsewhere_the_deck_is_told_nothing_new_yet_at_once(
    client, fiona, assignment, halland, kept_under, monkeypatch
):
    """The poll answers the new version at once (it never builds slides); the deck then asks
    for the slides saying which it has, and is told 204 (nothing new yet) while the worker
    builds them, not sent the same slides again; once they are built, it gets them."""
    monkeypatch.setattr(synthesis_cache, "WAIT_SECONDS", 2)
    login(client, fiona)
    before = version_of(client, assignment)
    assert f'data-version="{before}"' in get_html(client, deck_url(assignment, partial=1))
    hand_in(assignment, halland, fiona)
    # The worker (workshop/tasks.py) builds the new slides.
    locks = building_elsewhere(kept_under, "deck")

    started = time.monotonic()
    after = version_of(client, assignment)
    assert after != before
    fetched = client.get(deck_url(assignment, partial=1, have=before))
    assert fetched.status_code == 204
    assert fetched.content == b""
    assert time.monotonic() - started < 1  # not a wait for the new slides

    cache.delete_many(list(locks))  # the worker is done (or gave up)
    assert version_of(client, assignment) == after
    page = get_html(client, deck_url(assignment, partial=1, have=before))
    assert f'data-version="{after}"' in page
    assert "Halland" in page


def test_a_poll_while_a_deck_page_builds_the_slides_answers_the_new_version(
    client, fiona, assignment, halland, kept_under, monkeypatch
):
    """The poll's version is the data's, never the slides': were it the previous slides'
    version, the projected decks would never fetch the new ones."""
    monkeypatch.setattr(synthesis_cache, "WAIT_SECONDS", 0.3)
    login(client, fiona)
    before = version_of(client, assignment)
    get_html(client, deck_url(assignment, partial=1))
    hand_in(assignment, halland, fiona)
    locks = building_elsewhere(kept_under, "deck")  # the facilitator opens the deck

    during = version_of(client, assignment)
    cache.delete_many(list(locks))

    assert during != before
    assert version_of(client, assignment) == during


def test_new_slides_stuck_elsewhere_do_not_keep_the_deck_on_the_previous_slides(
    client, fiona, assignment, halland, kept_under, monkeypatch
):
    monkeypatch.setattr(synthesis_cache, "WAIT_SECONDS", 0.3)
    login(client, fiona)
    previous = get_html(client, deck_url(assignment, partial=1))
    assert "0 av 21 regioner har lämnat in" in previous
    hand_in(assignment, halland, fiona)
    # Past PREVIOUS_SECONDS, still locked (LOCK_SECONDS is 60): stuck, or very slow.
    locks = building_elsewhere(kept_under, "deck", seconds_ago=30)

    slides = get_html(client, deck_url(assignment, partial=1))

    assert "1 av 21 regioner har lämnat in" in slides
    assert "Halland" in slides
    assert {lock: cache.get(lock) for lock in locks} == locks  # theirs, left alone


def test_the_deck_is_never_built_from_the_previous_data(
    client, fiona, assignment, halland, kept_under, monkeypatch
):
    """While another request reads the new data (the frames), the deck waits for it, then
    reads it itself: its slides never show the data as it was before."""
    monkeypatch.setattr(synthesis_cache, "WAIT_SECONDS", 0.3)
    login(client, fiona)
    assert "0 av 21" in get_html(client, deck_url(assignment, partial=1))
    hand_in(assignment, halland, fiona)
    building_elsewhere(kept_under, "frames")

    slides = get_html(client, deck_url(assignment, partial=1))

    assert "1 av 21 regioner har lämnat in" in slides


def test_a_deck_that_fetched_its_slides_while_homework_arrived_fetches_the_new_ones(
    client, fiona, assignment, halland, monkeypatch
):
    login(client, fiona)
    build_deck, arrived = selectors.deck, []

    def homework_arrives_during_the_build(assignment, *, show_names):
        slides = build_deck(assignment, show_names=show_names)
        if not arrived:
            arrived.append(hand_in(assignment, halland, fiona))
        return slides

    monkeypatch.setattr(selectors, "deck", homework_arrives_during_the_build)
    fetched = get_html(client, deck_url(assignment, partial=1))
    assert "0 av 21 regioner har lämnat in" in fetched  # read before the hand-in

    # The deck's next poll must tell it to fetch again, or it shows the old slides on.
    assert f'data-version="{version_of(client, assignment)}"' not in fetched


# The background worker after a hand-in -----------------------------------------------------------


@pytest.fixture
def finished_tasks():
    finished = []

    def record(sender, task_result, **kwargs):
        finished.append((task_result.task.name, task_result.status))

    task_finished.connect(record, weak=False, dispatch_uid="test-cache-finished")
    yield finished
    task_finished.disconnect(dispatch_uid="test-cache-finished")


def not_by_the_viewer(*args, **kwargs):
    raise AssertionError("built in the viewer's request")


def test_a_hand_in_has_the_worker_build_the_deck_and_the_dashboards_once_committed(
    client,
    facilitator,
    demo,
    settings,
    monkeypatch,
    finished_tasks,
    django_capture_on_commit_callbacks,
):
    settings.PREPARE_AFTER_HAND_IN = True
    # Changing TASKS sends setting_changed, on which django_tasks drops the backends it made
    # (django_tasks/signals.py, clear_tasks_handlers); `prepare` keeps only the name of its
    # backend ("default") and looks it up at each enqueue, so it now runs here, at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        hand_in(demo, Region.objects.get(slug="kronoberg"), facilitator)
        assert finished_tasks == []  # not before the hand-in has committed
    assert finished_tasks == [("prepare", TaskResultStatus.SUCCESSFUL)]

    monkeypatch.setattr(selectors, "deck", not_by_the_viewer)
    monkeypatch.setattr(dashboards, "overview", not_by_the_viewer)
    login(client, facilitator)
    assert "13 av 21 regioner har lämnat in" in get_html(client, deck_url(demo))
    assert "13 regioner har lämnat in" in get_html(client, overview_url(demo))


def test_without_a_worker_the_next_viewer_builds_the_pages(
    client, facilitator, demo, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PREPARE_AFTER_HAND_IN = True  # the database backend, and no db_worker running
    with django_capture_on_commit_callbacks(execute=True):
        hand_in(demo, Region.objects.get(slug="kronoberg"), facilitator)
    queued = DBTaskResult.objects.filter(task_path="workshop.tasks.prepare")
    assert list(queued.values_list("status", flat=True)) == [TaskResultStatus.READY]

    builds = count_calls(monkeypatch, dashboards, "overview")
    login(client, facilitator)
    assert "13 regioner har lämnat in" in get_html(client, overview_url(demo))
    assert len(builds) == 1


# Deploys and restores ----------------------------------------------------------------------------


def test_the_release_is_part_of_every_cache_key(settings):
    assert settings.CACHES["default"]["KEY_PREFIX"] == f"reglab:{settings.RELEASE}"


def test_a_page_cached_by_one_release_is_built_again_by_the_next(
    client, fiona, handed_in, settings, monkeypatch
):
    builds = count_calls(monkeypatch, dashboards, "overview")
    login(client, fiona)
    url = overview_url(handed_in.assignment)
    shared = settings.CACHES["default"]  # both releases use the same cache (one locmem)

    settings.CACHES = {"default": shared | {"KEY_PREFIX": "reglab:v1"}}
    get_html(client, url)
    get_html(client, url)
    assert len(builds) == 1
    settings.CACHES = {"default": shared | {"KEY_PREFIX": "reglab:v2"}}
    get_html(client, url)
    assert len(builds) == 2
    settings.CACHES = {"default": shared | {"KEY_PREFIX": "reglab:v1"}}
    get_html(client, url)  # the first release's page is still there, for the first release
    assert len(builds) == 2


@pytest.mark.filterwarnings("ignore:No fixture data found")
def test_a_restore_has_every_page_built_afresh(client, fiona, handed_in, monkeypatch, tmp_path):
    builds = count_calls(monkeypatch, dashboards, "overview")
    login(client, fiona)
    url = overview_url(handed_in.assignment)
    get_html(client, url)
    get_html(client, url)
    assert len(builds) == 1
    # An empty dump loads no object, so no model signal moves the generation: as with
    # pg_restore, only the restore itself can tell that the cached pages are stale.
    dump = tmp_path / "backup.json"
    dump.write_text("[]")
    call_command("restore", str(dump), stdout=io.StringIO())
    get_html(client, url)
    assert len(builds) == 2
