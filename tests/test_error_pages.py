"""The error pages help instead of stopping people (issue 12): 403, 404, 429 and 500 in
the portal's layout, in the user's language, with a way back; a coordinator who opens
the deck link a facilitator shared is told where the deck is shown."""

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path, reverse

from reglab import urls as portal_urls

from .conftest import PASSWORD, login


def boom(request):
    raise RuntimeError("something broke")


# The portal's URLs with one view that fails, for the 500 page (see `failing_portal`).
urlpatterns = [*portal_urls.urlpatterns, path("boom/", boom)]
handler403 = getattr(portal_urls, "handler403", "django.views.defaults.permission_denied")
handler404 = getattr(portal_urls, "handler404", "django.views.defaults.page_not_found")
handler500 = getattr(portal_urls, "handler500", "django.views.defaults.server_error")


@pytest.fixture
def failing_portal(settings):
    settings.ROOT_URLCONF = __name__


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def has_the_portal_layout(page: str, language: str) -> bool:
    return (
        f'<html lang="{language}">' in page
        and 'class="navbar-brand' in page
        and f'href="{reverse("home")}"' in page
    )


@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_unknown_address_gets_the_portals_404_page(client, alice, language):
    login(in_language(client, language), alice)
    response = client.get("/no-such-page/", headers={"Referer": "http://testserver/"})
    assert response.status_code == 404
    page = response.content.decode()
    assert has_the_portal_layout(page, language)
    assert 'href="http://testserver/" data-testid="back"' in page
    if language == "en":
        assert "Page not found" in page


def test_another_regions_homework_gets_the_404_page_without_its_data(client, charlie, submission):
    submission.statement = "Hallands hemliga utkast"
    submission.save()
    in_language(login(client, charlie), "en")
    response = client.get(reverse("submissions:detail", args=[submission.pk]))
    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page and "Hallands hemliga utkast" not in page


def test_the_back_link_leads_only_to_the_portals_own_pages(client, alice):
    login(in_language(client, "en"), alice)
    response = client.get("/no-such-page/", headers={"Referer": "https://evil.example/"})
    page = response.content.decode()
    assert "evil.example" not in page
    assert 'data-testid="home"' in page


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_coordinator_opening_the_deck_link_is_told_the_facilitator_shows_it(
    client, alice, assignment, language
):
    login(in_language(client, language), alice)
    response = client.get(reverse("workshop:deck", args=[assignment.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert has_the_portal_layout(page, language)
    assert 'data-testid="deck-explained"' in page
    assert 'data-testid="home"' in page
    if language == "en":
        assert "shown by REGLAB's facilitator at the workshop" in page
        assert "The network's synthesis" in page


def test_a_coordinator_on_a_facilitators_page_gets_the_403_page_without_the_deck_sentence(
    client, alice
):
    login(in_language(client, "en"), alice)
    response = client.get(reverse("synthesis:queue"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "No access to this page" in page and has_the_portal_layout(page, "en")
    assert 'data-testid="deck-explained"' not in page


def test_a_facilitator_who_tries_to_change_a_regions_homework_gets_the_403_page(
    client, fiona, submission
):
    login(in_language(client, "en"), fiona)
    response = client.get(reverse("submissions:statement", args=[submission.pk]))
    assert response.status_code == 403
    assert "No access to this page" in response.content.decode()


def test_a_form_sent_without_its_csrf_token_gets_the_portals_403_page(alice):
    client = in_language(Client(enforce_csrf_checks=True), "en")
    client.force_login(alice)
    response = client.post(reverse("set_language"), {"language": "sv"})
    assert response.status_code == 403
    page = response.content.decode()
    assert has_the_portal_layout(page, "en")
    assert "The form could not be sent" in page and 'data-testid="home"' in page


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_login_lock_out_gets_the_portals_429_page(client, alice, language):
    in_language(client, language)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    page = response.content.decode()
    assert has_the_portal_layout(page, language)
    assert f'href="{reverse("login")}" data-testid="back"' in page
    if language == "en":
        assert "locked for 15 minutes" in page


def test_the_lock_out_page_names_the_configured_lock_out_time(client, alice, settings):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    in_language(client, "en")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert "locked for 30 minutes" in response.content.decode()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_error_on_our_side_gets_the_portals_500_page(failing_portal, db, language):
    client = in_language(Client(raise_request_exception=False), language)
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert has_the_portal_layout(page, language)
    assert 'data-testid="home"' in page
    if language == "en":
        assert "Something went wrong" in page


def test_the_500_page_renders_without_a_request_or_the_database(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        page = render_to_string("500.html")
    assert 'class="navbar-brand' in page and 'data-testid="home"' in page
