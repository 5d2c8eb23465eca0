"""The deck on the screens of real workshop rooms, from a 1024×768 projector to a 4K
screen: on every slide every role and every region row is labelled, nothing sticks out
of its box, and no text is smaller than 28px at 1080p (2.59 % of the screen's height).

Every slide at 1280×720 and 1920×1080 is saved as
test-artifacts/deck-screens/<width>x<height>-slide-NN.png for a person to look at.
"""

import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from demo import demo_data
from interviews.models import Interview
from reglab.models import Region
from submissions.models import Assignment, Submission
from synthesis import frames
from workshop import selectors

from .conftest import BROWSER, TIMEOUT_MS, choose_language, login

pytestmark = BROWSER

SCREENS = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080), (3840, 2160)]
SCREENSHOTS = {(1280, 720), (1920, 1080)}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "deck-screens"
MIN_TYPE = 28 / 1080  # of the screen's height
MAX_REGION_ROWS = 8  # a heat map with more rows goes on over several slides

# What the current slide shows: its chart's figure JSON and the tick labels Plotly drew
# (visible ones only), text smaller than the limit, and whatever sticks out of its box.
INSPECT = """(minimum) => {
    const slide = document.querySelector('.slide.is-current');
    const stage = document.querySelector('[data-stage]').getBoundingClientRect();
    const box = slide.getBoundingClientRect();
    const inside = (r, outer) => r.left >= outer.left - 1 && r.right <= outer.right + 1
        && r.top >= outer.top - 1 && r.bottom <= outer.bottom + 1;
    const shown = (el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        for (let node = el; node && node.nodeType === 1; node = node.parentNode) {
            const style = getComputedStyle(node);
            if (style.display === 'none' || style.visibility === 'hidden'
                || parseFloat(style.opacity) === 0) return false;
        }
        return true;
    };
    const name = (el) => (el.textContent || '').trim().slice(0, 60);
    const chart = slide.querySelector('[data-deck-figure], [data-figure]');
    const source = chart && document.getElementById(
        chart.dataset.deckFigure || chart.dataset.figure);
    // Tick labels as read: top down, left to right (not in the DOM's order).
    const ticks = (selector) => chart ? [...chart.querySelectorAll(selector)]
        .filter(shown).map(t => [t.getBoundingClientRect(), t.textContent])
        .sort((a, b) => (a[0].top - b[0].top) || (a[0].left - b[0].left))
        .map(pair => pair[1]) : [];
    const small = [], outside = [], overflowing = [];
    const texts = [...slide.querySelectorAll('*'), document.querySelector('.deck-counter')];
    for (const el of texts) {
        if (el.closest('.visually-hidden')) continue;
        const own = [...el.childNodes].filter(
            n => n.nodeType === 3 && n.textContent.trim());
        const svgText = el instanceof SVGTextElement;
        if (!own.length && !svgText) continue;
        if (!shown(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < minimum) small.push(`${name(el)} (${size.toFixed(1)}px)`);
        const rects = svgText ? [el.getBoundingClientRect()] : own.map(n => {
            const range = document.createRange();
            range.selectNodeContents(n);
            return range.getBoundingClientRect();
        });
        const limit = svgText ? chart.getBoundingClientRect() : box;
        if (!rects.every(r => inside(r, limit) && inside(r, stage))) outside.push(name(el));
    }
    for (const el of [slide, ...slide.querySelectorAll('*')]) {
        if (el.closest('.js-plotly-plot, .visually-hidden') || el instanceof SVGElement) continue;
        if (el.clientWidth === 0) continue;  // inline
        // Wider than its box; taller only for the slide (a line-height of 1 lets the
        // glyphs of a heading reach a pixel past its line, which hides nothing).
        const taller = el === slide && el.scrollHeight > el.clientHeight + 1;
        if (el.scrollWidth > el.clientWidth + 1 || taller) {
            overflowing.push(`${el.tagName}.${el.className}: ${name(el)}`);
        }
    }
    return {
        title: (slide.querySelector('h1, h2') || slide).textContent.trim(),
        kind: slide.dataset.kind,
        figure: source ? source.textContent : null,
        x: ticks('.xtick text'), y: ticks('.ytick text'),
        angular: ticks('.angularaxistick text'),
        small, outside, overflowing,
    };
}"""


def squeezed(label: str) -> str:
    """A label as Plotly's SVG text holds it: no HTML, no line breaks, no spaces."""
    return re.sub(r"\s+", "", unescape(re.sub(r"<br\s*/?>", "", label)))


def categories(figure: dict) -> dict[str, list[str]]:
    """The categories on each axis of a figure: every one must be labelled."""
    found = {"x": [], "y": []}
    for trace in figure["data"]:
        if trace["type"] == "heatmap":
            axes = ("x", "y")
        elif trace.get("orientation") == "h" or trace["type"] == "scatter":
            axes = ("y",)
        else:
            axes = ()
        for axis in axes:
            for value in trace.get(axis) or []:
                if isinstance(value, str) and squeezed(value) not in found[axis]:
                    found[axis].append(squeezed(value))
    return found


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"])


@pytest.fixture
def open_deck(browser, live_server, demo):
    contexts = []
    facilitator = get_user_model().objects.get(username="facilitator")

    def open_at(width: int, height: int, query: str = ""):
        context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": height})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        choose_language(page, live_server, "sv")
        login(page, live_server, facilitator, password="demo")
        page.goto(f"{live_server.url}/workshop/{demo.pk}/{query}")
        return page, errors

    yield open_at
    for context in contexts:
        context.close()


def walk(page, width: int, height: int):
    """Every slide, with what INSPECT found on it."""
    total = page.locator(".slide").count()
    for number in range(1, total + 1):
        expect(page.locator(".deck-counter")).to_have_text(re.compile(rf"{number}\s*/\s*{total}"))
        current = page.locator(".slide.is-current")
        if current.get_attribute("data-kind") == "chart":
            expect(current.locator(".main-svg").first).to_be_attached()
        found = page.evaluate(INSPECT, MIN_TYPE * height)
        if (width, height) in SCREENSHOTS:
            page.screenshot(path=ARTIFACTS / f"{width}x{height}-slide-{number:02d}.png")
        yield number, found
        page.keyboard.press("ArrowRight")


def expected_labels(demo) -> dict:
    """What the deck must name, from the database: every role, every region (anonymised),
    every actor type with its number of interviews."""
    with translation.override("sv"):
        data = frames.load(demo)
        actor_names = dict(Interview.ActorType.choices)
        counts = data.interviews.groupby("actor_type").size()
        return {
            "roles": {squeezed(name) for name in data.role_names.values()},
            "regions": {
                squeezed(label)
                for label in selectors.region_labels(data, show_names=False).values()
            },
            "actors": {
                squeezed(f"{actor_names[actor]} ({count})") for actor, count in counts.items()
            },
        }


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_every_slide_is_labelled_and_legible_on_this_screen(open_deck, demo, width, height):
    if (width, height) in SCREENSHOTS:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for old in ARTIFACTS.glob(f"{width}x{height}-slide-*.png"):
            old.unlink()
    page, errors = open_deck(width, height)
    expected = expected_labels(demo)
    problems = []
    named = {"x": set(), "y": set()}
    for number, found in walk(page, width, height):
        where = f"slide {number} ({found['title']})"
        problems += [f"{where}: text under {MIN_TYPE * height:.1f}px: {t}" for t in found["small"]]
        problems += [f"{where}: outside its box: {t}" for t in found["outside"]]
        problems += [f"{where}: overflows: {t}" for t in found["overflowing"]]
        if not found["figure"]:
            continue
        for axis, wanted in categories(json.loads(found["figure"])).items():
            shown = [squeezed(t) for t in found[axis]]
            named[axis].update(shown)
            missing = [label for label in wanted if label not in shown]
            if missing:
                problems.append(
                    f"{where}: {len(wanted) - len(missing)} of {len(wanted)} {axis} labels"
                    f" shown; missing {missing}"
                )
        if found["kind"] == "chart" and "Regioner × roller" in found["title"]:
            if len(found["y"]) > MAX_REGION_ROWS:
                problems.append(f"{where}: {len(found['y'])} rows on one slide")
    # Across the deck: every role, every region and every actor type has been named.
    all_named = named["x"] | named["y"]
    for what in ("roles", "regions", "actors"):
        if not expected[what] <= all_named:
            problems.append(f"never labelled ({what}): {sorted(expected[what] - all_named)}")
    assert not problems, "\n".join(problems)
    assert not errors, errors


def test_with_names_on_the_region_rows_are_in_swedish_alphabetical_order(open_deck, demo):
    page, errors = open_deck(1024, 768, "?names=1")
    rows = []
    for _number, found in walk(page, 1024, 768):
        if "Regioner × roller" in found["title"]:
            assert len(found["y"]) <= MAX_REGION_ROWS
            rows += found["y"]
    handed_in = demo.submissions.filter(state=Submission.State.SUBMITTED).values("region")
    # Region.position is the Swedish alphabetical order (å, ä, ö after z).
    alphabetical = Region.objects.filter(pk__in=handed_in).order_by("position")
    assert rows == [region.name for region in alphabetical]
    assert not errors, errors


def test_the_radar_legend_leaves_every_role_name_readable(page, live_server, demo):
    facilitator = get_user_model().objects.get(username="facilitator")
    login(page, live_server, facilitator, "demo")
    page.goto(f"{live_server.url}/synthesis/a/{demo.pk}/regions/halland/")
    radar = page.locator("[data-figure='fig-radar']")
    expect(radar.locator(".angularaxistick text").first).to_be_attached()
    boxes = radar.evaluate(
        """(chart) => ({
            legend: chart.querySelector('.legend').getBoundingClientRect().toJSON(),
            labels: [...chart.querySelectorAll('.angularaxistick text')].map(
                t => [t.textContent, t.getBoundingClientRect().toJSON()]),
        })"""
    )
    legend = boxes["legend"]

    def covers(box):
        return not (
            box["right"] <= legend["left"]
            or box["left"] >= legend["right"]
            or box["bottom"] <= legend["top"]
            or box["top"] >= legend["bottom"]
        )

    assert len(boxes["labels"]) == len(frames.load(demo).role_names)
    assert [text for text, box in boxes["labels"] if covers(box)] == []
