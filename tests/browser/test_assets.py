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


def test_the_facilitators_menu_fits_on_a_laptop_and_folds_on_a_small_screen(
    new_context, live_server, fiona
):
    from .conftest import login

    for width, folded in ((1280, False), (1024, True)):
        page = new_context().new_page()
        page.set_viewport_size({"width": width, "height": 800})
        login(page, live_server, fiona)
        log_out = page.get_by_role("button", name="Logga ut")
        if folded:  # the menu button opens the menu
            expect(log_out).to_be_hidden()
            page.locator(".navbar-toggler").click()
        expect(log_out).to_be_visible()
        expect(page.get_by_role("link", name="Historik")).to_be_visible()
        box = log_out.bounding_box()
        assert box["x"] + box["width"] <= width, f"'Logga ut' runs off a {width} px screen"
        assert box["height"] < 40, f"'Logga ut' breaks over two lines at {width} px"
