import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from demo import demo_data, demo_earlier
from submissions.models import Assignment, Submission

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
