"""The printable report as a Word file: what a facilitator downloads holds the HTML report's
sections, headings and figures, its chart as a picture, and honours consent and the choice of
names; it opens in python-docx and LibreOffice turns it into a PDF."""

import io
import shutil
import subprocess
from datetime import timedelta
from html.parser import HTMLParser
from itertools import combinations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document
from pypdf import PdfReader

from interviews.models import Quote
from reglab.models import Region
from submissions.models import Assignment, Submission
from synthesis import frames
from synthesis.report_docx import comparison_figure
from synthesis.services import retag_corpus

from .conftest import add_interview, login

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOT_QUOTED = "Det här citatet om regionens finansiering får aldrig synas."
ANONYMOUS_QUOTE = "Regionen stöttar oss och öppnar dörrar i nätverket."
ANONYMOUS_ORGANISATION = "Anonyma kommunen i norr"
SILENT_ORGANISATION = "Tysta länsstyrelsen"
NAMED_QUOTE = "Biblioteket ser att regionen samordnar arbetet väl."
SECRET_FUNCTION = "Hemlig funktionsbeteckning"


def hand_in(submission):
    submission.state = Submission.State.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.save()


def interview_with_quote(submission, n, quote, **fields):
    interview = add_interview(submission, n, interviewee_function=SECRET_FUNCTION, **fields)
    Quote.objects.create(interview=interview, text=quote, position=1)
    return interview


@pytest.fixture
def network(assignment, complete_submission, other_submission):
    """Halland and Skåne have handed in; one interview each that may be quoted by name,
    anonymously, and not at all. A round a year before, so the report shows the change."""
    halland, skane = complete_submission, other_submission
    interview_with_quote(
        halland,
        4,
        ANONYMOUS_QUOTE,
        organisation=ANONYMOUS_ORGANISATION,
        consent="anonymous",
        answers=ANONYMOUS_QUOTE,
    )
    interview_with_quote(
        skane,
        5,
        NAMED_QUOTE,
        organisation="Malmö stad",
        actor_type="bibliotek",
        consent="named",
        answers=NAMED_QUOTE,
    )
    interview_with_quote(
        skane,
        6,
        NOT_QUOTED,
        organisation=SILENT_ORGANISATION,
        actor_type="lansstyrelse",
        consent="no_quote",
        answers="Regionen finansierar projekt.",
    )
    hand_in(halland)
    hand_in(skane)
    earlier = Assignment.objects.create(
        title_sv="Hemläxa 2025",
        title_en="Homework 2025",
        deadline=assignment.deadline - timedelta(days=365),
    )
    before = Submission.objects.create(
        assignment=earlier,
        region=Region.objects.get(slug="halland"),
        statement="Regionen finansierar projekt i länet.",
    )
    add_interview(before, 1)
    hand_in(before)
    retag_corpus()
    return assignment


class ReportPage(HTMLParser):
    """The HTML report's headings (h1–h3) and tables, as text."""

    def __init__(self, html: str):
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.tables: list[list[list[str]]] = []
        self._heading = self._cell = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3"):
            self._heading = (tag, [])
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append((tag, text(self._heading[1])))
            self._heading = None
        elif tag in ("td", "th"):
            self.tables[-1][-1].append(text(self._cell))
            self._cell = None

    def handle_data(self, data):
        for part in (self._heading and self._heading[1], self._cell):
            if part is not None:
                part.append(data)


def text(parts) -> str:
    """Words as a reader sees them: runs of spaces (and no-break spaces) as one."""
    return " ".join("".join(parts).split())


LEVELS = {"Title": "h1", "Heading 1": "h2", "Heading 2": "h3"}


def word_headings(document) -> list[tuple[str, str]]:
    return [
        (LEVELS[p.style.name], text(p.text)) for p in document.paragraphs if p.style.name in LEVELS
    ]


def word_tables(document) -> list[list[list[str]]]:
    return [[[text(c.text) for c in row.cells] for row in t.rows] for t in document.tables]


def everything(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def report_pair(client, assignment, **params):
    """The HTML report and the Word file, asked for with the same parameters."""
    html = client.get(reverse("synthesis:report", args=[assignment.pk]), params)
    word = client.get(reverse("exports:report_docx", args=[assignment.pk]), params)
    assert html.status_code == word.status_code == 200
    return ReportPage(html.content.decode()), Document(io.BytesIO(word.content))


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("names", ["1", "0"])
def test_the_word_file_has_the_html_reports_headings_and_tables(
    client, fiona, network, language, names
):
    login(client, fiona)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page, document = report_pair(client, network, names=names)
    assert word_headings(document) == page.headings
    assert word_tables(document) == page.tables
    # received, self-view and others' view, actor types, the change since the round before
    assert len(page.tables) == 4


def test_the_word_file_follows_the_reports_filters(client, fiona, network):
    login(client, fiona)
    page, document = report_pair(client, network, actor="kommun", source="confirmed")
    assert word_tables(document) == page.tables
    actors = word_tables(document)[2]
    assert [row[0] for row in actors[1:]] == ["Kommun"]


def test_a_later_hand_in_is_in_the_next_download(client, fiona, network):
    login(client, fiona)
    url = reverse("exports:report_docx", args=[network.pk])
    assert len(word_tables(Document(io.BytesIO(client.get(url).content)))[0]) == 3
    late = Submission.objects.create(
        assignment=network, region=Region.objects.get(slug="gotland"), statement="Vi samordnar."
    )
    hand_in(late)
    received = word_tables(Document(io.BytesIO(client.get(url).content)))[0]
    assert [row[0] for row in received[1:]] == ["Gotland", "Halland", "Skåne"]


def test_the_tables_hold_the_figures(client, fiona, network):
    login(client, fiona)
    _page, document = report_pair(client, network)
    received, comparison, actors, change = word_tables(document)
    assert received[0] == ["Region", "Inlämnad", "Intervjuer"]
    assert [(row[0], row[2]) for row in received[1:]] == [("Halland", "4"), ("Skåne", "2")]
    by_role = {row[0]: row[1:] for row in comparison[1:]}
    assert len(by_role) == len(frames.load(network).roles)
    # Both regions write that they coordinate (samordna), and so do all six interviews.
    assert by_role["Samordnare / Koordinerande"] == ["2 (100 %)", "6 (100 %)"]
    assert ["Länsstyrelse", "1"] == actors[2][:2]
    # A year ago Halland claimed Finansiär, the one region of that round.
    finansiar = next(row for row in change if row[0] == "Finansiär")
    assert finansiar[1:4] == ["100 %", "0 %", "−100 p.e."]


def test_the_chart_is_a_picture_with_a_description(client, fiona, network):
    login(client, fiona)
    _page, document = report_pair(client, network)
    assert len(document.inline_shapes) == 1
    picture = document.inline_shapes[0]
    assert picture._inline.docPr.get("descr")
    images = [r.target_part for r in document.part.rels.values() if r.reltype.endswith("/image")]
    assert [image.content_type for image in images] == ["image/png"]
    assert images[0].blob.startswith(b"\x89PNG")
    assert picture.width > picture.height / 3  # a chart, not a sliver


def labels_overlap(figure) -> list:
    """Pairs of the chart's role names, or of its bars' percentages, that run into each
    other."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    names = [t for t in axes.get_yticklabels() if t.get_text()]
    shares = [t for t in axes.texts if t.get_text()]
    overlapping = []
    for texts in (names, shares):
        boxes = [t.get_window_extent(renderer) for t in texts]
        overlapping += [(a, b) for a, b in combinations(boxes, 2) if a.overlaps(b)]
    return overlapping


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_chart_names_the_roles_in_the_language_and_no_labels_overlap(network, language):
    with translation.override(language):
        comparison = frames.role_comparison(frames.load(network)).to_dict("records")
        figure = comparison_figure(comparison)
    assert not labels_overlap(figure)
    axes = figure.axes[0]
    labels = [label for label in axes.get_yticklabels() if label.get_text()]
    shown = {label.get_text().replace("\n", " ") for label in labels}
    assert shown == {row["name"] for row in comparison}
    assert ("Coordinator" in shown) == (language == "en")
    assert min(label.get_fontsize() for label in labels) >= 10
    renderer = figure.canvas.get_renderer()
    legend = figure.legends[0].get_window_extent(renderer)
    assert not legend.overlaps(axes.get_window_extent(renderer))


def test_a_long_taxonomy_still_has_no_overlapping_labels():
    comparison = [
        {"name": f"Roll nummer {n} med ett långt namn", "claim_share": 1.0, "seen_share": 0.5}
        for n in range(30)
    ]
    assert not labels_overlap(comparison_figure(comparison))


def test_quotes_honour_consent(client, fiona, network):
    login(client, fiona)
    word = everything(report_pair(client, network)[1])
    assert NOT_QUOTED not in word
    assert SILENT_ORGANISATION not in word
    assert ANONYMOUS_QUOTE in word
    assert ANONYMOUS_ORGANISATION not in word
    assert SECRET_FUNCTION not in word
    assert NAMED_QUOTE in word
    assert "Malmö stad, Skåne" in word  # named: the organisation and its region


def test_the_version_for_the_regions_names_no_region_and_no_source(client, fiona, network):
    login(client, fiona)
    page, document = report_pair(client, network, names="0")
    word = everything(document)
    assert NAMED_QUOTE in word and "Malmö stad" not in word
    profiles = [h for level, h in word_headings(document) if level == "h3"]
    assert [h.split(" ")[0] for h in profiles[:2]] == ["Region", "Region"]
    assert not [h for h in profiles if "Halland" in h or "Skåne" in h]


def test_the_file_is_in_the_viewers_language(client, fiona, network):
    login(client, fiona)
    url = reverse("exports:report_docx", args=[network.pk])
    swedish = Document(io.BytesIO(client.get(url).content))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = Document(io.BytesIO(client.get(url).content))
    assert swedish.core_properties.language == "sv-SE"
    assert english.core_properties.language == "en-GB"
    assert swedish.paragraphs[1].text == "Hemläxa: regionens roll"
    assert english.paragraphs[1].text == "Homework: the region's role"
    assert "Inkomna beskrivningar" in [h for _l, h in word_headings(swedish)]
    assert "Submissions received" in [h for _l, h in word_headings(english)]


def test_the_dashboard_and_the_report_link_to_the_word_file(client, fiona, network):
    login(client, fiona)
    url = reverse("exports:report_docx", args=[network.pk])
    overview = client.get(reverse("synthesis:overview", args=[network.pk])).content.decode()
    assert f'href="{url}"' in overview
    report = client.get(reverse("synthesis:report", args=[network.pk]), {"names": "0"})
    assert f'href="{url}?names=0"' in report.content.decode()


def test_only_a_facilitator_downloads_it(client, alice, charlie, fiona, network):
    url = reverse("exports:report_docx", args=[network.pk])
    assert client.get(url).url.startswith("/login/")
    for coordinator in (alice, charlie):
        assert login(client, coordinator).get(url).status_code == 403
    response = login(client, fiona).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert f'filename="reglab-report-{network.pk}.docx"' in response["Content-Disposition"]
    assert client.get(reverse("exports:report_docx", args=[network.pk + 99])).status_code == 404


def test_a_round_nobody_handed_in_yet_gives_a_file_that_says_so(client, fiona, assignment):
    response = login(client, fiona).get(reverse("exports:report_docx", args=[assignment.pk]))
    document = Document(io.BytesIO(response.content))
    word = everything(document)
    assert "0 regioner har lämnat in" in word
    assert "Inga roller än." in word and "Inga citat matchar." in word


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_turns_it_into_a_pdf(client, fiona, network, tmp_path):
    response = login(client, fiona).get(reverse("exports:report_docx", args=[network.pk]))
    source = tmp_path / "report.docx"
    source.write_bytes(response.content)
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    pdf = PdfReader(tmp_path / "report.pdf")
    assert len(pdf.pages) >= 3  # cover and tables, profiles, quotes: each from a new page
    assert "Hemläxa: regionens roll" in pdf.pages[0].extract_text()
