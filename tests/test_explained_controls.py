"""Controls that explain themselves (issue 12): each role box on the statement form shows
what the role means, and the change between rounds says its unit, percentage points."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from demo import demo_data
from submissions.models import Assignment
from synthesis.models import Role

from .conftest import login


def test_each_role_box_shows_what_the_role_means(client, alice, submission):
    html = login(client, alice).get(reverse("submissions:statement", args=[submission.pk]))
    html = html.content.decode()
    roles = list(Role.objects.active())
    assert roles
    for role in roles:
        box = re.search(rf'<input[^>]*name="self_roles" value="{role.pk}"[^>]*>', html).group(0)
        described_by = re.search(r'aria-describedby="([^"]+)"', box).group(1)
        # The element that describes the box holds the role's (Swedish) definition.
        definition = re.search(rf'id="{described_by}">([^<]*)<', html).group(1)
        assert definition.strip() == role.definition_sv


def test_the_definitions_follow_the_language(client, alice, submission):
    client.cookies["django_language"] = "en"
    html = login(client, alice).get(reverse("submissions:statement", args=[submission.pk]))
    role = Role.objects.get(slug="samordnare")
    assert role.definition_en in html.content.decode()
    assert role.definition_sv not in html.content.decode()


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"])


@pytest.mark.parametrize("view", ["synthesis:compare", "synthesis:report"])
def test_the_change_between_rounds_is_in_percentage_points(client, demo, view):
    client.cookies["django_language"] = "en"
    login(client, get_user_model().objects.get(username="facilitator"))
    html = client.get(reverse(view, args=[demo.pk])).content.decode()
    table = html[html.index("Regions claiming, then") :].split("</table>")[0]
    assert table.count("change (percentage points)") == 2
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", table)
    # The then and now cells are shares ("50 %"); the change cells are signed numbers.
    changes = [c for c in cells if re.fullmatch(r"(0|[+−]\d+)(&nbsp;\S+)?", c)]
    assert len(changes) >= 2, "no change cells found"
    for cell in changes:
        assert cell.endswith("&nbsp;pp"), cell


def test_the_gap_between_self_view_and_others_view_is_in_percentage_points(client, demo):
    client.cookies["django_language"] = "en"
    login(client, get_user_model().objects.get(username="facilitator"))
    html = client.get(reverse("synthesis:overview", args=[demo.pk])).content.decode()
    table = html[html.index('data-testid="comparison-table"') :].split("</table>")[0]
    assert "Gap (percentage points)" in table
    rows = re.findall(r"<tr data-role=.*?</tr>", table)
    assert rows
    for row in rows:
        gap = re.findall(r"<td[^>]*>([^<]*)</td>", row)[-1]
        assert re.fullmatch(r"−?-?\d+&nbsp;pp", gap), gap
