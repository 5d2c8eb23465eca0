"""Every CSV and XLSX file the portal produces neutralises text that a spreadsheet would run
as a formula (reglab/spreadsheets.py): here a region's name, which a facilitator sets in the
admin, in received.csv and in the tags' CSV and XLSX."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reglab.spreadsheets import neutralise
from synthesis.services import retag_corpus

from .conftest import login
from .test_exports import content, hand_in

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "@SUM(1)", "-1+2"]
ROOT = Path(__file__).resolve().parent.parent
APPS = ["reglab", "submissions", "interviews", "synthesis", "workshop", "demo"]


@pytest.fixture(params=FORMULAS)
def formula_region(request, complete_submission):
    """Halland renamed in the admin to a formula, with its homework handed in."""
    region = complete_submission.region
    region.name = request.param
    region.save()
    hand_in(complete_submission)
    retag_corpus()
    return region


def csv_dicts(response) -> list[dict]:
    assert response.status_code == 200
    text = content(response).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_received_csv_neutralises_a_region_name_that_is_a_formula(client, fiona, formula_region):
    rows = csv_dicts(login(client, fiona).get(reverse("submissions:received_csv")))
    names = {row["region"] for row in rows}
    assert "'" + formula_region.name in names
    assert formula_region.name not in names
    # Numbers stay numbers.
    halland = next(row for row in rows if row["region"] == "'" + formula_region.name)
    assert halland["interviews"] == "3"


def test_the_tags_csv_neutralises_a_region_name_that_is_a_formula(
    client, fiona, formula_region, complete_submission
):
    url = reverse("exports:tags_csv", args=[complete_submission.assignment_id])
    rows = csv_dicts(login(client, fiona).get(url))
    assert rows and {row["region"] for row in rows} == {"'" + formula_region.name}


def test_the_tags_xlsx_holds_a_region_name_that_is_a_formula_as_text(
    client, fiona, formula_region, complete_submission
):
    url = reverse("exports:tags_xlsx", args=[complete_submission.assignment_id])
    response = login(client, fiona).get(url)
    sheet = load_workbook(io.BytesIO(content(response)))["Taggar"]
    header = [cell.value for cell in sheet[1]]
    regions = [row[header.index("region")] for row in sheet.iter_rows(min_row=2)]
    assert regions
    assert all(c.data_type == "s" and c.value == "'" + formula_region.name for c in regions)
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    # Numbers stay numbers: the tag's span.
    starts = [row[header.index("start")] for row in sheet.iter_rows(min_row=2)]
    assert any(c.data_type == "n" and isinstance(c.value, int) for c in starts)


@pytest.mark.parametrize("value", [3, -2, 3.5, None])
def test_numbers_are_not_neutralised(value):
    assert neutralise(value) == value


def test_no_module_writes_csv_but_the_one_that_neutralises():
    writers = []
    for app in APPS:
        for path in (ROOT / app).glob("**/*.py"):
            if path != ROOT / "reglab" / "spreadsheets.py" and re.search(
                r"^import csv|csv\.(writer|DictWriter)|\.to_csv\(|\.to_excel\(",
                path.read_text(),
                re.M,
            ):
                writers.append(str(path))
    assert not writers, f"write CSV through reglab/spreadsheets.py: {writers}"
