"""Facilitators in a real browser: reviewing tags with the keyboard, tagging by hand,
and drilling down from a heat-map cell to the evidence behind it."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from submissions.models import Assignment, Submission
from synthesis.models import Tag
from synthesis.services import retag_corpus

from .conftest import BROWSER, choose_language, login

pytestmark = BROWSER


def handed_in(submission):
    Submission.objects.filter(pk=submission.pk).update(
        state="submitted", submitted_at=timezone.now()
    )


def test_a_facilitator_confirms_and_rejects_tags_with_the_keyboard(
    page, live_server, fiona, complete_submission
):
    retag_corpus()
    first, second = Tag.objects.filter(source="auto").order_by("field", "interview_id", "start")[
        :2
    ]
    choose_language(page, live_server, "sv")
    login(page, live_server, fiona)
    page.goto(f"{live_server.url}/synthesis/review/")
    item = page.locator(f".review-item[data-tag-id='{first.pk}']")
    item.focus()
    page.keyboard.press("c")
    expect(item.locator("[data-tag-state]")).to_have_text("Bekräftad")
    page.locator(f".review-item[data-tag-id='{second.pk}']").focus()
    page.keyboard.press("x")
    expect(page.locator(f".review-item[data-tag-id='{second.pk}'] [data-tag-state]")).to_have_text(
        "Avvisad"
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.review, second.review) == ("confirmed", "rejected")
    assert first.reviewed_by == fiona


def test_a_facilitator_tags_selected_words_by_hand(page, live_server, fiona, complete_submission):
    login(page, live_server, fiona)
    page.goto(f"{live_server.url}/synthesis/homework/{complete_submission.pk}/")
    block = page.locator(".tag-text[data-field=statement]")
    words = "integrationsarbetet"
    # Select the words inside the statement as a person would with the mouse.
    block.evaluate(
        """(el, words) => {
            const text = el.textContent;
            const start = text.indexOf(words);
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            let node, offset = 0, range = document.createRange(), begun = false;
            while ((node = walker.nextNode())) {
                const len = node.textContent.length;
                if (!begun && start < offset + len) {
                    range.setStart(node, start - offset);
                    begun = true;
                }
                if (begun && start + words.length <= offset + len) {
                    range.setEnd(node, start + words.length - offset); break;
                }
                offset += len;
            }
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        words,
    )
    bar = page.locator("[data-add-tag-form]")
    expect(bar).to_be_visible()
    expect(bar.locator("[data-selected-text]")).to_have_text(words)
    bar.locator("select[name=role]").select_option("visionar")
    bar.locator("[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    tag = Tag.objects.get(source="facilitator")
    assert tag.match == words and tag.role.slug == "visionar"
    assert complete_submission.statement[tag.start : tag.end] == words


def test_a_heat_map_cell_drills_down_to_its_quotes(page, live_server, fiona, complete_submission):
    handed_in(complete_submission)
    retag_corpus()
    login(page, live_server, fiona)
    page.goto(f"{live_server.url}/synthesis/a/{complete_submission.assignment_id}/heatmap/")
    plot = page.locator("[data-testid=heatmap] .nsewdrag").first
    expect(plot).to_be_visible()
    box = plot.bounding_box()
    # One region (a single row); the first column is the first role, Samordnare.
    columns = 17
    page.mouse.click(box["x"] + box["width"] / columns / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(re.compile(r"/heatmap/halland/samordnare/"))
    expect(page.get_by_test_id("cell-title")).to_contain_text("Halland")
    expect(page.locator("figure.evidence mark.ev").first).to_be_visible()


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(e.violatedDirective + " " + e.sample);
});
"""


def test_every_chart_draws_under_the_strict_content_security_policy(
    context, live_server, fiona, complete_submission
):
    handed_in(complete_submission)
    retag_corpus()
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    login(page, live_server, fiona)
    pk = complete_submission.assignment_id
    for path in [
        f"/synthesis/a/{pk}/",
        f"/synthesis/a/{pk}/actors/",
        f"/synthesis/a/{pk}/heatmap/",
        f"/synthesis/a/{pk}/regions/halland/",
        f"/synthesis/a/{pk}/report/",
        f"/workshop/{pk}/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator(".main-svg").first).to_be_attached()
        page.mouse.move(600, 500)
        assert page.evaluate("window.__cspViolations") == [], path


def test_the_printable_report_prints_to_a_clean_pdf(page, live_server, fiona, complete_submission):
    """The browser's print to PDF gives a document with every section's text."""
    import io

    from pypdf import PdfReader

    from .conftest import SCREENSHOTS

    handed_in(complete_submission)
    retag_corpus()
    login(page, live_server, fiona)
    page.goto(f"{live_server.url}/synthesis/a/{complete_submission.assignment_id}/report/")
    expect(page.locator(".main-svg").first).to_be_attached()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "report.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    # Print fonts join "fi" into one glyph; undo it so the words compare.
    text = "\n".join(p.extract_text() for p in reader.pages).replace("\ufb01", "fi")
    assert len(reader.pages) >= 3  # sections start on new pages
    assert "Halland" in text
    assert "Inkomna beskrivningar" in text and "Regionprofiler" in text
    assert "Tillbaka till sammanställningen" not in text  # screen-only links are hidden


def test_a_facilitator_compares_the_demo_round_with_the_pilot_round(page, live_server):
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from demo import demo_data, demo_earlier

    call_command("load_demo", stdout=io.StringIO())
    current = Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"])
    facilitator = get_user_model().objects.get(username="facilitator")
    login(page, live_server, facilitator, "demo")
    page.goto(f"{live_server.url}/synthesis/a/{current.pk}/")
    page.get_by_role("link", name="Jämför omgångar").click()
    expect(page.get_by_label("Jämför den här omgången med")).to_have_value(
        str(Assignment.objects.get(title_sv=demo_earlier.ASSIGNMENT["title_sv"]).pk)
    )
    # Both charts are drawn, and every pilot region has its row of changes.
    for figure in ("fig-claim-change", "fig-seen-change"):
        expect(page.locator(f"[data-figure='{figure}'] .main-svg").first).to_be_visible()
    rows = page.get_by_test_id("region-changes").locator("tbody tr")
    expect(rows).to_have_count(len(demo_earlier.SUBMISSIONS))
    # A filter keeps the chosen round.
    page.get_by_label("Kommun").check()
    expect(page).to_have_url(re.compile(r"actor=kommun"))
    expect(page).to_have_url(re.compile(r"with=\d+"))
    expect(page.get_by_label("Jämför den här omgången med")).to_have_value(
        str(Assignment.objects.get(title_sv=demo_earlier.ASSIGNMENT["title_sv"]).pk)
    )
