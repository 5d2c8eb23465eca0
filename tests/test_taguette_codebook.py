"""The taxonomy as a Taguette codebook: Taguette imports a codebook from a CSV file with the
columns `tag` and `description`, so a facilitator can code the homework there with REGLAB's
roles."""

import csv
import io

import pytest
from django.conf import settings
from django.urls import reverse

from synthesis import exports
from synthesis.models import Role

from .conftest import login


def download(client, user, assignment):
    return login(client, user).get(reverse("exports:codebook_taguette", args=[assignment.pk]))


def rows_of(response) -> list[list[str]]:
    raw = response.content
    # A BOM, so that Taguette (which guesses the encoding) reads it as UTF-8 for certain.
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_header_is_tag_and_description(client, fiona, assignment):
    response = download(client, fiona, assignment)
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines()[0] == "tag,description"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    expected = f'filename="reglab-codebook-taguette-{assignment.pk}.csv"'
    assert expected in response["Content-Disposition"]


def test_one_row_per_active_role_with_swedish_characters_intact(client, fiona, assignment):
    Role.objects.filter(slug="finansiar").update(is_active=False)
    rows = rows_of(download(client, fiona, assignment))[1:]
    active = Role.objects.active()
    assert [tag for tag, _description in rows] == [role.name_sv for role in active]
    assert "Finansiär" not in [tag for tag, _description in rows]
    assert ["Påverkande / Lobbyist", Role.objects.get(slug="paverkare").definition_sv] in rows
    assert ["Dörröppnare", Role.objects.get(slug="dorroppnare").definition_sv] in rows


def test_in_english_the_tags_are_the_english_names(client, fiona, assignment):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = rows_of(download(client, fiona, assignment))
    assert rows[0] == ["tag", "description"]
    samordnare = Role.objects.get(slug="samordnare")
    assert ["Coordinator", samordnare.definition_en] in rows


def test_commas_quotes_and_line_breaks_in_a_definition_are_quoted(client, fiona, assignment):
    Role.objects.create(
        slug="tolk",
        name_sv="Tolk, översättare",
        name_en="Interpreter",
        definition_sv='Säger "ja", men menar nej;\növersätter åt andra.',
        position=99,
    )
    response = download(client, fiona, assignment)
    text = response.content.decode("utf-8-sig")
    assert '"Tolk, översättare","Säger ""ja"", men menar nej;\növersätter åt andra."' in text
    assert ["Tolk, översättare", 'Säger "ja", men menar nej;\növersätter åt andra.'] in rows_of(
        response
    )


def test_two_roles_with_one_name_get_two_tags(db):
    """A tag names one code in a Taguette project: two roles are never merged into one."""
    Role.objects.create(slug="samordnare-2", name_sv="Samordnare / Koordinerande", position=99)
    text = exports.codebook_taguette_csv(Role.objects.all())
    tags = [row[0] for row in csv.reader(io.StringIO(text[1:]))][1:]
    assert len(tags) == len(set(tags)) == Role.objects.active().count()
    assert "Samordnare / Koordinerande (samordnare-2)" in tags


def test_the_dashboards_export_menu_links_to_it(client, fiona, assignment):
    login(client, fiona)
    page = client.get(reverse("synthesis:overview", args=[assignment.pk])).content.decode()
    assert f'href="{reverse("exports:codebook_taguette", args=[assignment.pk])}"' in page


@pytest.mark.parametrize(("who", "status"), [("alice", 403), ("charlie", 403), ("fiona", 200)])
def test_only_a_facilitator_downloads_it(client, request, assignment, who, status):
    user = request.getfixturevalue(who)
    assert download(client, user, assignment).status_code == status


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(client, assignment):
    response = client.get(reverse("exports:codebook_taguette", args=[assignment.pk]))
    assert response.status_code == 302 and response.url.startswith("/login/")
