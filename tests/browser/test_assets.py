"""The live server serves the CSS and JavaScript (no CDN; the workshop laptop is offline)."""

from playwright.sync_api import expect

from .conftest import BROWSER

pytestmark = BROWSER

ASSETS = [
    "/static/vendor/bootstrap/bootstrap.min.css",
    "/static/css/portal.css",
    "/static/vendor/bootstrap/bootstrap.bundle.min.js",
    "/static/js/portal.js",
]


def test_css_and_javascript_are_served_by_the_app(page, live_server):
    statuses = {}
    page.on("response", lambda response: statuses.setdefault(response.url, response.status))
    page.goto(f"{live_server.url}/login/")
    page.wait_for_load_state("load")

    for path in ASSETS:
        assert statuses.get(f"{live_server.url}{path}") == 200, path
    assert all(url.startswith(live_server.url) for url in statuses), statuses
    # Bootstrap's stylesheet applied (the navbar is coloured) and its script ran.
    navbar = page.locator("nav.navbar")
    expect(navbar).to_be_visible()
    assert navbar.evaluate("el => getComputedStyle(el).display") == "flex"
    assert page.evaluate("typeof window.bootstrap") == "object"
