"""Fixtures for the real-browser tests: Debian's Chromium driven by Playwright's sync API.

Run with ``pytest tests/browser``. The tests use pytest-django's ``live_server``, which
serves static files straight from STATICFILES_DIRS (its StaticFilesHandler serves them
even with DEBUG off), so no collectstatic is needed.

Every browser test runs in a transaction-flushing test database; tests/conftest.py
puts the regions and the default taxonomy back before each such test.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import PASSWORD

# Playwright's sync API runs an asyncio event loop in this thread; Django refuses ORM
# calls from a thread with a running loop unless told that this is fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# Every browser test module sets ``pytestmark = BROWSER``.
BROWSER_DB = pytest.mark.django_db(transaction=True)
BROWSER = [pytest.mark.browser, BROWSER_DB]

# Playwright's assertions wait up to this long (ms) for the page to get there.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER"):  # CI installs Chromium and must not skip
            pytest.fail(f"REQUIRE_BROWSER is set but {CHROMIUM} is missing")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}; apt-get install chromium")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _screenshot_name(request, index: int) -> str:
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    return f"{name}.png" if index == 0 else f"{name}-{index + 1}.png"


@pytest.fixture
def new_context(browser, request):
    """Open a fresh browser context (its own cookies and localStorage), like another person.

    At the end of the test every context's last open page is saved as a screenshot in
    test-artifacts/screenshots/<test name>[-n].png.
    """
    contexts = []
    problems = []

    def watch(page):
        page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
        page.on(
            "response",
            lambda r: (
                problems.append(f"{r.status} for {r.url}")
                if "/static/" in r.url and r.status >= 400
                else None
            ),
        )

    def make():
        context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", watch)
        contexts.append(context)
        return context

    yield make

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for index, context in enumerate(contexts):
        pages = [p for p in context.pages if not p.is_closed()]
        if pages:
            try:
                pages[-1].screenshot(path=SCREENSHOTS / _screenshot_name(request, index))
            except Exception as error:  # a screenshot must not hide the test's own result
                print(f"no screenshot for context {index}: {error}")
        context.close()
    # Every page's scripts ran without an uncaught error and every asset was served.
    assert not problems, "\n".join(problems)


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


def login(page, live_server, user, password: str = PASSWORD):
    """Log in through the real login form and wait for the page it leads to."""
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))
    return page


def choose_language(page, live_server, language: str):
    """Choose the portal's language as its switch does, with the language cookie (the
    middleware ignores the browser's Accept-Language)."""
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    return page
