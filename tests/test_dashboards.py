from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import Interview, Quote
from reglab.models import Region
from submissions.models import Assignment, Submission
from synthesis import frames
from synthesis.models import Role, Tag

from .conftest import login


def tag(submission, role, field, interview=None, quote=None, **extra):
    return Tag.objects.create(
        role=Role.objects.get(slug=role),
        submission=submission,
        field=field,
        interview=interview,
        quote=quote,
        start=0,
        end=5,
        match="texts",
        evidence=[[0, 5, "texts"]],
        **extra,
    )


def submitted(assignment, region, statement="Vi samordnar."):
    return Submission.objects.create(
        assignment=assignment,
        region=region,
        state="submitted",
        submitted_at=timezone.now(),
        statement=statement,
    )


def interview(submission, actor_type="kommun", consent="anonymous", organisation="Kommun"):
    return Interview.objects.create(
        submission=submission,
        organisation=organisation,
        actor_type=actor_type,
        interview_date=date(2026, 10, 1),
        interviewee_function="Hemlig funktion",
        consent=consent,
        answers="Svar.",
    )


@pytest.fixture
def network(assignment, halland, skane):
    """Halland claims samordnare, seen by 1 of 2 interviews; Skåne claims nothing but is
    seen as finansiar (a blind spot)."""
    h = submitted(assignment, halland)
    s = submitted(assignment, skane)
    tag(h, "samordnare", "statement")
    h1, h2 = interview(h, "kommun"), interview(h, "lansstyrelse")
    tag(h, "samordnare", "answers", h1)
    s1 = interview(s, "kommun", consent="named", organisation="Malmö stad")
    tag(s, "finansiar", "answers", s1)
    tag(s, "visionar", "answers", s1, review="rejected")
    return {"halland": h, "skane": s, "interviews": [h1, h2, s1]}


def test_the_comparison_counts_regions_claiming_and_interviews_seeing(network, assignment):
    comparison = frames.role_comparison(frames.load(assignment)).set_index("role")
    assert comparison.loc["samordnare", "regions_claiming"] == 1
    assert comparison.loc["samordnare", "claim_share"] == 0.5
    assert comparison.loc["samordnare", "interviews_seeing"] == 1
    assert comparison.loc["samordnare", "seen_share"] == pytest.approx(1 / 3)
    assert comparison.loc["finansiar", "gap"] == pytest.approx(1 / 3)
    assert comparison.loc["visionar", "interviews_seeing"] == 0  # rejected tags do not count
    assert comparison.index[0] == "finansiar"  # sorted by gap


def test_the_four_cells_of_a_region(network, assignment):
    matrix = frames.region_matrix(frames.load(assignment)).set_index(["region", "role"])
    assert matrix.loc[("halland", "samordnare"), "cell"] == "claimed_and_seen"
    assert matrix.loc[("skane", "finansiar"), "cell"] == "seen_not_claimed"
    assert matrix.loc[("skane", "samordnare"), "cell"] == "neither"
    assert matrix.loc[("halland", "samordnare"), "seen_share"] == 0.5


def test_confirmed_only_leaves_out_unreviewed_automatic_tags(network, assignment):
    data = frames.load(assignment, frames.Filters(confirmed_only=True))
    assert frames.role_comparison(data).set_index("role").loc["samordnare"].interviews_seeing == 0


def test_the_actor_type_filter_applies_to_interviews(network, assignment):
    data = frames.load(assignment, frames.Filters(actor_types=("lansstyrelse",)))
    assert len(data.interviews) == 1
    assert frames.role_comparison(data).interviews_seeing.sum() == 0


def test_actor_expectations_are_shares_of_that_actor_types_interviews(network, assignment):
    table = frames.actor_expectations(frames.load(assignment)).set_index(["actor_type", "role"])
    assert table.loc[("kommun", "samordnare"), "share"] == 0.5
    assert table.loc[("lansstyrelse", "samordnare"), "share"] == 0


def test_drafts_do_not_count(network, assignment, db):
    draft = Submission.objects.create(
        assignment=assignment, region=Region.objects.get(slug="gotland")
    )
    tag(draft, "innovator", "statement")
    data = frames.load(assignment)
    assert "gotland" not in set(data.regions.region)
    assert "innovator" not in set(data.claimed.role)
    assert frames.role_comparison(data).set_index("role").loc["innovator"].regions_claiming == 0


@pytest.mark.parametrize("name", ["overview", "actors", "heatmap", "quotes", "report"])
def test_a_facilitator_opens_every_dashboard(client, fiona, network, assignment, name):
    response = login(client, fiona).get(reverse(f"synthesis:{name}", args=[assignment.pk]))
    assert response.status_code == 200
    assert b"Hemlig funktion" not in response.content


def test_the_region_profile_shows_the_blind_spot(client, fiona, network, assignment):
    url = reverse("synthesis:region", args=[assignment.pk, "skane"])
    response = login(client, fiona).get(url)
    cells = response.context["cells"]
    assert cells["seen_not_claimed"] == ["Finansiär"]


def test_a_heat_map_cell_drills_down_to_its_evidence(client, fiona, network, assignment):
    url = reverse("synthesis:cell", args=[assignment.pk, "halland", "samordnare"])
    response = login(client, fiona).get(url)
    sources = [e.source for e in response.context["evidence"]]
    assert len(sources) == 2
    assert any("Kommun" in s for s in sources)


def test_the_heat_map_carries_a_drilldown_url_for_every_cell(client, fiona, network, assignment):
    response = login(client, fiona).get(
        reverse("synthesis:heatmap", args=[assignment.pk]) + "?source=confirmed"
    )
    meta = response.context["heatmap_chart"]["layout"]["meta"]
    assert meta["cell_url"] == (
        f"/synthesis/a/{assignment.pk}/heatmap/REGION/ROLE/?source=confirmed"
    )
    # One slug per row and column of the chart, in the chart's order.
    assert meta["regions"] == ["halland", "skane"]
    assert meta["roles"] == list(Role.objects.active().values_list("slug", flat=True))
    cell = meta["cell_url"].replace("REGION", "skane").replace("ROLE", meta["roles"][0])
    assert client.get(cell).status_code == 200


def test_the_quote_wall_honours_consent(client, fiona, network, assignment):
    anonymous, _other, named = network["interviews"]
    Quote.objects.create(interview=anonymous, text="Anonymt citat")
    Quote.objects.create(interview=named, text="Namngivet citat")
    secret = interview(network["halland"], consent="no_quote")
    Quote.objects.create(interview=secret, text="Hemligt citat")
    response = login(client, fiona).get(reverse("synthesis:quotes", args=[assignment.pk]))
    quotes = {q.text: q for q in response.context["quotes"]}
    assert "Hemligt citat" not in quotes
    assert quotes["Anonymt citat"].organisation == "" and quotes["Anonymt citat"].region == ""
    assert quotes["Namngivet citat"].organisation == "Malmö stad"
    assert quotes["Namngivet citat"].region == "Skåne"


def test_coordinators_see_the_synthesis_only_once_published(client, alice, network, assignment):
    url = reverse("synthesis:mine", args=[assignment.pk])
    assert login(client, alice).get(url).status_code == 404
    assignment.published_at = timezone.now()
    assignment.save()
    response = client.get(url)
    assert response.status_code == 200
    labels = response.context["scores_chart"]["data"][0]["y"]
    assert "Halland" in labels and "Skåne" not in labels


def test_a_facilitator_can_show_region_names_to_the_regions(
    client, fiona, alice, network, assignment
):
    login(client, fiona).post(
        reverse("synthesis:publish", args=[assignment.pk]),
        {"action": "publish", "show_region_names": "1"},
    )
    assignment.refresh_from_db()
    assert assignment.published_at and assignment.show_region_names
    response = login(client, alice).get(reverse("synthesis:mine", args=[assignment.pk]))
    assert "Skåne" in response.context["scores_chart"]["data"][0]["y"]


def test_chart_labels_are_escaped(client, fiona, network, assignment):
    role = Role.objects.get(slug="samordnare")
    role.name_sv = "<img src=x onerror=alert(1)>"
    role.save()
    response = login(client, fiona).get(reverse("synthesis:overview", args=[assignment.pk]))
    assert b"<img src=x onerror" not in response.content


def generate(assignment, n_regions: int, interviews_per_region: int = 3):
    """Bulk-generated homework: every region claims one role, each interview sees two."""
    roles = list(Role.objects.active())
    first = Region.objects.count()
    regions = Region.objects.bulk_create(
        Region(slug=f"gen-{i}", name=f"Region {i}", position=100 + i)
        for i in range(first, first + n_regions)
    )
    subs = Submission.objects.bulk_create(
        Submission(
            assignment=assignment,
            region=r,
            state="submitted",
            submitted_at=timezone.now(),
            statement="Vi samordnar.",
        )
        for r in regions
    )
    interviews = Interview.objects.bulk_create(
        Interview(
            submission=s,
            organisation="Org",
            actor_type="kommun",
            consent="named",
            interview_date=date(2026, 10, 1),
            answers="Svar.",
        )
        for s in subs
        for _ in range(interviews_per_region)
    )
    Quote.objects.bulk_create(Quote(interview=i, text="Svar.") for i in interviews)
    tags = [
        Tag(
            role=roles[n % len(roles)],
            submission=s,
            field="statement",
            start=0,
            end=3,
            match="Vi ",
            evidence=[[0, 2, "Vi"]],
        )
        for n, s in enumerate(subs)
    ]
    tags += [
        Tag(
            role=roles[(n + k) % len(roles)],
            submission_id=i.submission_id,
            interview=i,
            field="answers",
            start=0,
            end=4,
            match="Svar",
            evidence=[[0, 4, "Svar"]],
        )
        for n, i in enumerate(interviews)
        for k in (0, 1)
    ]
    Tag.objects.bulk_create(tags)


@pytest.mark.parametrize("name", ["overview", "actors", "heatmap", "quotes", "report"])
def test_dashboard_queries_do_not_grow_with_the_data(
    client, fiona, assignment, name, django_assert_max_num_queries
):
    login(client, fiona)
    url = reverse(f"synthesis:{name}", args=[assignment.pk])
    generate(assignment, 3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    generate(assignment, 300)
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200


def test_the_quote_wall_shows_sixty_quotes_a_page(client, fiona, network, assignment):
    anonymous = network["interviews"][0]
    Quote.objects.bulk_create(Quote(interview=anonymous, text=f"Citat {n}") for n in range(130))
    url = reverse("synthesis:quotes", args=[assignment.pk])
    first = login(client, fiona).get(url)
    assert len(first.context["quotes"]) == 60 and first.context["total"] == 130
    last = client.get(url + "?page=3")
    assert len(last.context["quotes"]) == 10
    assert client.get(url + "?page=banan").status_code == 200


@pytest.fixture
def earlier_round(assignment, halland, skane):
    """A round a year before: Halland claimed finansiar and was seen in it by its one
    interview; Skåne handed in with no roles at all."""
    from datetime import timedelta

    earlier = Assignment.objects.create(
        title_sv="Hemläxa 2025",
        title_en="Homework 2025",
        deadline=assignment.deadline - timedelta(days=365),
    )
    h = submitted(earlier, halland)
    tag(h, "finansiar", "statement")
    tag(h, "finansiar", "answers", interview(h))
    submitted(earlier, skane)
    return earlier


def test_a_round_is_compared_with_an_earlier_one_in_shares(network, assignment, earlier_round):
    change = frames.round_change(frames.load(assignment), frames.load(earlier_round))
    rows = change.set_index("role")
    # Samordnare: 0 of 2 regions claimed it then, 1 of 2 now; 0 of 1 interviews saw it
    # then, 1 of 3 now. Finansiär: claimed by 1 of 2 then, by none now.
    assert rows.loc["samordnare", "claim_share_before"] == 0
    assert rows.loc["samordnare", "claim_change"] == 0.5
    assert rows.loc["samordnare", "seen_change"] == pytest.approx(1 / 3)
    assert rows.loc["finansiar", "claim_change"] == -0.5
    assert rows.loc["finansiar", "seen_change"] == pytest.approx(1 / 3 - 1)
    assert change.role.iloc[0] == "finansiar"  # the largest change first
    assert rows.loc["visionar", "largest"] == 0


def test_each_region_that_handed_in_both_rounds_shows_what_changed(
    network, assignment, earlier_round
):
    changes = {
        r["region"]: r
        for r in frames.region_changes(frames.load(assignment), frames.load(earlier_round))
    }
    assert changes["halland"]["claims_added"] == ["Samordnare / Koordinerande"]
    assert changes["halland"]["claims_dropped"] == ["Finansiär"]
    assert changes["halland"]["seen_dropped"] == ["Finansiär"]
    assert changes["halland"]["score_before"] == 1.0  # finansiar claimed and seen
    assert changes["skane"]["seen_added"] == ["Finansiär"]
    assert changes["skane"]["claims_added"] == []


def test_the_comparison_tab_picks_the_round_before_and_lists_the_changes(
    client, fiona, network, assignment, earlier_round
):
    url = reverse("synthesis:compare", args=[assignment.pk])
    page = login(client, fiona).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hemläxa 2025" in html
    assert page.context["before"] == earlier_round
    assert 'data-region="halland"' in html and "Finansiär" in html
    assert "Hemlig funktion" not in html
    # From the earlier round, the later one is the one to compare with.
    back = client.get(reverse("synthesis:compare", args=[earlier_round.pk]))
    assert back.context["before"] == assignment


def test_a_late_hand_in_to_the_earlier_round_renews_the_comparison(
    client, fiona, network, assignment, earlier_round
):
    url = reverse("synthesis:compare", args=[assignment.pk]) + f"?with={earlier_round.pk}"
    login(client, fiona)
    assert client.get(url).context["before_summary"]["region_count"] == 2
    submitted(earlier_round, Region.objects.get(slug="gotland"))  # nothing in this round
    assert client.get(url).context["before_summary"]["region_count"] == 3


def test_with_one_round_the_comparison_tab_says_there_is_nothing_to_compare(
    client, fiona, network, assignment
):
    page = login(client, fiona).get(reverse("synthesis:compare", args=[assignment.pk]))
    assert page.status_code == 200
    assert "Det finns bara den här omgången än så länge." in page.content.decode()
    assert "fig-claim-change" not in page.content.decode()


def test_a_coordinator_sees_how_their_own_region_changed_since_the_round_before(
    client, alice, network, assignment, earlier_round
):
    assignment.published_at = timezone.now()
    assignment.save()
    page = login(client, alice).get(reverse("synthesis:mine", args=[assignment.pk]))
    html = page.content.decode()
    section = html[html.index('data-testid="own-change"') :]
    assert "Sedan ”Hemläxa 2025”" in section
    assert "Samordnare / Koordinerande" in section  # claimed now, not then
    assert "text-decoration-line-through" in section and "Finansiär" in section
    # Agreement then → now: finansiar claimed and seen then, samordnare now.
    assert "100 % → 100 %" in section
    # Only Halland's own change: nothing of Skåne's round-to-round change is shown.
    assert 'data-region="skane"' not in html


def test_the_printable_report_shows_the_change_since_the_round_before(
    client, fiona, network, assignment, earlier_round
):
    page = login(client, fiona).get(reverse("synthesis:report", args=[assignment.pk]))
    html = page.content.decode()
    section = html[html.index('data-testid="report-change"') :]
    assert "Sedan ”Hemläxa 2025”" in section
    # Finansiär: claimed by 1 of 2 regions then (50 %), by none now: −50 points.
    row = section[section.index("<td>Finansiär</td>") :].split("</tr>")[0]
    assert "50 %" in row and "−50" in row


def test_choosing_another_round_stays_on_the_same_tab(
    client, fiona, network, assignment, earlier_round
):
    login(client, fiona)
    for tab in ("heatmap", "compare"):
        html = client.get(reverse(f"synthesis:{tab}", args=[assignment.pk])).content.decode()
        assert f'value="{reverse(f"synthesis:{tab}", args=[earlier_round.pk])}"' in html
    html = client.get(reverse("synthesis:region", args=[assignment.pk, "halland"])).content
    assert f'value="{reverse("synthesis:overview", args=[earlier_round.pk])}"' in html.decode()
