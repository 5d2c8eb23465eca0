import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from reglab import demo_data
from submissions.models import Submission

from .conftest import login


def test_the_demo_data_checks_itself():
    assert demo_data.check() == []


def test_load_demo_gives_the_seed_decks_12_submitted_regions(db, client):
    call_command("load_demo", stdout=io.StringIO())
    submitted = set(
        Submission.objects.filter(state="submitted").values_list("region__name", flat=True)
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
    skane = Submission.objects.get(region__slug="skane")
    halland = get_user_model().objects.get(username="halland")
    assert (
        login(client, halland).get(reverse("submissions:detail", args=[skane.pk])).status_code
        == 404
    )


def test_loading_the_demo_twice_gives_the_same_demo(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert Submission.objects.count() == len(demo_data.SUBMISSIONS)
