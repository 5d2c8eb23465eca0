"""My settings (Mina inställningar): each user chooses the language of their mails and which
mails they get; a coordinator the region's mails, a facilitator the hand-ins."""

import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Preferences

from .conftest import login

pytestmark = pytest.mark.django_db

URL = "/settings/"
COORDINATOR = {"language": "sv", "mail_returned": "on", "mail_published": "on"}


def is_checked(page: str, element_id: str) -> bool:
    found = re.search(rf'<input[^>]*\bid="{element_id}"[^>]*>', page)
    assert found, f"no input {element_id}"
    return bool(re.search(r"\schecked\b", found.group(0)))


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_settings_page_is_where_the_mails_link_to():
    assert reverse("accounts:settings") == URL


def test_a_new_user_sees_the_defaults_every_mail_on_in_swedish(client, alice):
    page = english(login(client, alice)).get(URL).content.decode()

    assert '<h1 class="h2">My settings</h1>' in page
    assert is_checked(page, "id_language_0") and 'value="sv"  id="id_language_0"' in page
    assert not is_checked(page, "id_language_1")
    for name in ["mail_returned", "mail_published", "mail_reminders"]:
        assert is_checked(page, f"id_{name}")
    assert not Preferences.objects.exists()  # looking saves nothing


def test_a_coordinator_sees_the_regions_mails_and_not_the_hand_ins(client, alice):
    page = english(login(client, alice)).get(URL).content.decode()
    assert "When our homework is returned" in page
    assert "When the synthesis is published" in page
    assert "Reminders before the deadline" in page
    assert "mail_hand_ins" not in page


def test_a_facilitator_sees_the_hand_ins_and_not_the_regions_mails(client, fiona):
    page = english(login(client, fiona)).get(URL).content.decode()
    assert "When a region hands in" in page
    assert "One mail for each hand-in" in page
    assert "One mail a day with the day&#x27;s hand-ins" in page
    assert 'name="mail_hand_ins"' in page
    for name in ["mail_returned", "mail_published", "mail_reminders"]:
        assert f'name="{name}"' not in page


def test_the_page_shows_where_the_mails_go(client, alice):
    page = english(login(client, alice)).get(URL).content.decode()
    assert "The portal sends your mails to <strong>alice@example.org</strong>." in page


def test_an_account_without_an_address_is_told_so(client, alice):
    alice.email = ""
    alice.save()
    page = english(login(client, alice)).get(URL).content.decode()
    assert "Your account has no e-mail address" in page


def test_a_coordinator_turns_off_reminders_and_chooses_english(client, alice):
    response = english(login(client, alice)).post(URL, {**COORDINATOR, "language": "en"})

    assert response.status_code == 302 and response["Location"] == URL
    saved = Preferences.objects.get(user=alice)
    assert saved.language == "en"
    assert (saved.mail_returned, saved.mail_published, saved.mail_reminders) == (
        True,
        True,
        False,
    )
    assert "Your settings are saved." in client.get(URL).content.decode()


@pytest.mark.parametrize("name", ["mail_returned", "mail_published", "mail_reminders"])
def test_each_coordinator_mail_can_be_turned_off_alone(client, alice, name):
    data = {"language": "sv", **dict.fromkeys(["mail_returned", "mail_published"], "on")}
    data["mail_reminders"] = "on"
    del data[name]
    login(client, alice).post(URL, data)
    saved = Preferences.objects.get(user=alice)
    off = [
        n for n in ["mail_returned", "mail_published", "mail_reminders"] if not getattr(saved, n)
    ]
    assert off == [name]


@pytest.mark.parametrize("choice", ["each", "digest", "none"])
def test_a_facilitator_chooses_how_to_hear_of_hand_ins(client, fiona, choice):
    login(client, fiona).post(URL, {"language": "sv", "mail_hand_ins": choice})
    assert Preferences.objects.get(user=fiona).mail_hand_ins == choice
    page = client.get(URL).content.decode()
    position = ["each", "digest", "none"].index(choice)
    assert is_checked(page, f"id_mail_hand_ins_{position}")
    assert sum(is_checked(page, f"id_mail_hand_ins_{n}") for n in range(3)) == 1


def test_saving_again_changes_the_one_row(client, alice):
    login(client, alice).post(URL, COORDINATOR)
    client.post(URL, {**COORDINATOR, "mail_reminders": "on"})
    assert Preferences.objects.filter(user=alice).count() == 1
    assert Preferences.objects.get(user=alice).mail_reminders is True


def test_a_facilitators_save_keeps_choices_it_does_not_show(client, fiona):
    Preferences.objects.create(user=fiona, mail_returned=False)
    login(client, fiona).post(URL, {"language": "en", "mail_hand_ins": "digest"})
    saved = Preferences.objects.get(user=fiona)
    assert (saved.language, saved.mail_hand_ins, saved.mail_returned) == ("en", "digest", False)


def test_a_coordinator_cannot_set_the_hand_ins_by_posting_them(client, alice):
    login(client, alice).post(URL, {**COORDINATOR, "mail_hand_ins": "none"})
    assert Preferences.objects.get(user=alice).mail_hand_ins == "each"


@pytest.mark.parametrize(
    "data, field",
    [
        ({"language": "de", "mail_hand_ins": "each"}, "language"),
        ({"language": "sv", "mail_hand_ins": "weekly"}, "mail_hand_ins"),
        ({"language": "sv\x00", "mail_hand_ins": "each"}, "language"),
        ({"mail_hand_ins": "each"}, "language"),
        ({"language": "sv"}, "mail_hand_ins"),
    ],
)
def test_bad_values_get_a_message_on_the_field_not_an_error(client, fiona, data, field):
    response = english(login(client, fiona)).post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="error_1_id_{field}"' in page  # the message, tied to its field
    assert response.context["form"].errors.keys() == {field}
    assert not Preferences.objects.exclude(mail_hand_ins="each").exists()
    assert "Your settings are saved." not in page


def test_a_user_without_a_membership_chooses_the_language_only(client):
    stranger = get_user_model().objects.create_user("stina", "stina@example.org", "x")
    page = login(client, stranger).get(URL).content.decode()
    assert 'name="language"' in page
    assert "mail_" not in page
    client.post(URL, {"language": "en"})
    assert Preferences.objects.get(user=stranger).language == "en"


def test_an_anonymous_visitor_is_sent_to_log_in_and_back(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={quote(URL)}"


def test_the_page_links_to_changing_the_password(client, alice):
    page = login(client, alice).get(URL).content.decode()
    assert f'href="{reverse("accounts:password_reset")}" data-testid="change-password"' in page
