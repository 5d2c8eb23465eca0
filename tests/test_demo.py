import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from demo import demo_data, demo_earlier
from submissions.models import Assignment, Submission
from synthesis.models import Role, Tag

from .conftest import login


def test_the_demo_data_checks_itself():
    assert demo_data.check() == []


def test_load_demo_gives_the_seed_decks_12_submitted_regions(db, client):
    call_command("load_demo", stdout=io.StringIO())
    submitted = set(
        Submission.objects.filter(
            state="submitted", assignment__title_sv=demo_data.ASSIGNMENT["title_sv"]
        ).values_list("region__name", flat=True)
    )
    assert len(submitted) == 12
    assert {
        "Örebro län",
        "Blekinge",
        "Östergötland",
        "Västra Götalandsregionen",
        "Halland",
    } <= submitted


def test_the_demo_logins_work_and_the_facilitator_sees_all_regions(db, client):
    call_command("load_demo", stdout=io.StringIO())
    assert client.login(
        request=RequestFactory().post("/login/"), username="halland", password="demo"
    )
    assert client.login(
        request=RequestFactory().post("/login/"), username="facilitator", password="demo"
    )
    rows = client.get("/").context["rows"]
    assert len(rows) == 21
    assert sum(r.state == "submitted" for r in rows) == 12


def test_a_demo_region_gets_404_for_another_regions_homework(db, client):
    call_command("load_demo", stdout=io.StringIO())
    skane = Submission.objects.filter(region__slug="skane").first()
    halland = get_user_model().objects.get(username="halland")
    assert (
        login(client, halland).get(reverse("submissions:detail", args=[skane.pk])).status_code
        == 404
    )


def test_loading_the_demo_twice_gives_the_same_demo(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert Submission.objects.count() == len(demo_data.SUBMISSIONS) + len(demo_earlier.SUBMISSIONS)


def test_the_demo_has_an_earlier_round_to_compare_with(db, client):
    call_command("load_demo", stdout=io.StringIO())
    facilitator = get_user_model().objects.get(username="facilitator")
    current = Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"])
    page = login(client, facilitator).get(reverse("synthesis:compare", args=[current.pk]))
    assert page.context["before"].title_sv == demo_earlier.ASSIGNMENT["title_sv"]
    assert page.context["before_summary"]["region_count"] == 8
    regions = {r["region"] for r in page.context["region_changes"]}
    assert regions == {item["region"] for item in demo_earlier.SUBMISSIONS}
    assert page.context["before_summary"]["interview_count"] == 24
    # The pilot's regions called themselves financiers more than the seed round's do.
    finansiar = next(row for row in page.context["change"] if row["role"] == "finansiar")
    assert finansiar["claim_change"] < 0


def test_loading_the_demo_again_resets_what_was_changed_while_trying_it(db, client, settings):
    # Issue 12: after a reset a coordinator still saw the network's synthesis.
    call_command("load_demo", stdout=io.StringIO())
    current = Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"])
    current.published_at = timezone.now()
    current.show_region_names = True
    current.save()
    samordnare = Role.objects.get(slug="samordnare")
    samordnare.name_sv, samordnare.is_active = "Ändrad roll", False
    samordnare.save()
    Role.objects.create(slug="ny-roll", name_sv="Ny roll", name_en="New role", cues=["regionen"])
    get_user_model().objects.filter(username="halland").update(is_active=False)
    for _ in range(settings.AXES_FAILURE_LIMIT):  # a lock-out of a demo login
        client.post(reverse("login"), {"username": "orebro", "password": "wrong"})

    call_command("load_demo", stdout=io.StringIO())

    current.refresh_from_db()
    assert (current.published_at, current.show_region_names) == (None, False)
    samordnare.refresh_from_db()
    assert (samordnare.name_sv, samordnare.is_active) == ("Samordnare / Koordinerande", True)
    assert not Role.objects.get(slug="ny-roll").is_active
    assert not Tag.objects.filter(role__slug="ny-roll").exists()
    for username in ("halland", "orebro"):
        response = client.post(reverse("login"), {"username": username, "password": "demo"})
        assert response.status_code == 302, username
        page = client.get("/").content.decode()
        assert reverse("synthesis:mine", args=[current.pk]) not in page
        client.post(reverse("logout"))
