"""Issue 13: many coordinators invited from one file. The preview creates and sends
nothing; the confirmation invites all good rows in one transaction, and with rows in error
only once the facilitator has ticked that they saw them."""

import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import csv_import
from accounts.models import Invitation, Preferences
from reglab.models import OutgoingMail, Region

from .conftest import login

User = get_user_model()
MAILS = pytest.mark.django_db(transaction=True)
URL = reverse("accounts:import")

GOOD = (
    "\ufeffRegion;E-post;Namn;Språk\r\n"
    "Region Skåne;erik.berg@skane.se;Erik Berg;en\r\n"
    "halland;Anna.Andersson@RegionHalland.se;Anna Andersson;\r\n"
    "Västra Götalandsregionen;vera@vgregion.se;Vera Lind;sv\r\n"
)
BAD = (
    "region;e-mail;name\n"
    "Halland;ok@halland.se;Olle Karlsson\n"  # 2: good
    "Halland;twice@example.se;Tva Gang\n"  # 3: the same address as row 5
    "Skåne;not-an-address;Nils Nilsson\n"  # 4
    "Dalarna;twice@example.se;Tva Gang\n"  # 5
    "Atlantis;lost@example.se;Lisa Lost\n"  # 6
    "Gotland;alice@example.org;Alice Again\n"  # 7: alice is Halland's coordinator
    "Kalmar;noname@example.se;\n"  # 8
    "Uppsala;good@uppsala.se;Greta Good\n"  # 9: good
)


def upload(data: bytes, name="coordinators.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def preview(client, fiona, data: bytes | None = None, *, rows: str = ""):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    login(client, fiona)
    form = {"rows": rows}
    if data is not None:
        form["file"] = upload(data)
    return client.post(URL, form)


def payload_of(response) -> str:
    return response.context["confirm"]["payload"].value()


def page(response) -> str:
    return " ".join(response.content.decode().split())


def row_text(response, number: int) -> str:
    content = response.content.decode()
    start = content.index(f'data-row="{number}"')
    return " ".join(content[start : content.index("</tr>", start)].split())


@MAILS
def test_a_good_file_is_previewed_then_everyone_is_invited(client, fiona, smtp):
    shown = preview(client, fiona, GOOD.encode("utf-8"))  # with a BOM, semicolons, CRLF
    assert shown.status_code == 200
    text = page(shown)
    assert "3 rows can be invited · 0 rows have errors" in text
    assert text.count("Will be invited") == 3
    assert "Send 3 invitations" in text and "seen_errors" not in text
    assert "Västra Götalandsregionen" in row_text(shown, 4)
    assert not Invitation.objects.exists() and not OutgoingMail.objects.exists()

    sent = client.post(URL, {"payload": payload_of(shown)}, follow=True)
    assert "3 invitations sent." in page(sent)
    mails = smtp.wait_for(3)
    assert sorted(m["To"] for m in mails) == [
        "anna.andersson@regionhalland.se",
        "erik.berg@skane.se",
        "vera@vgregion.se",
    ]
    erik = User.objects.get(email="erik.berg@skane.se")
    assert erik.membership.region.slug == "skane" and Preferences.of(erik).language == "en"
    anna = User.objects.get(username="anna.andersson@regionhalland.se")
    assert anna.membership.region.slug == "halland" and Preferences.of(anna).language == "sv"
    assert User.objects.get(email="vera@vgregion.se").membership.region.slug == "vgr"
    assert Invitation.objects.filter(invited_by=fiona).count() == 3


@MAILS
def test_a_file_with_bad_rows_shows_each_error_and_creates_nothing(client, fiona, alice, smtp):
    shown = preview(client, fiona, BAD.encode())
    text = page(shown)
    assert "2 rows can be invited · 6 rows have errors" in text
    assert "Will be invited" in row_text(shown, 2) and "Will be invited" in row_text(shown, 9)
    assert "The same e-mail address is on rows 3 and 5." in row_text(shown, 3)
    assert "The same e-mail address is on rows 3 and 5." in row_text(shown, 5)
    assert "&#x27;not-an-address&#x27; is not a valid e-mail address." in row_text(shown, 4)
    assert "No region called &#x27;Atlantis&#x27;." in row_text(shown, 6)
    assert "alice@example.org is already a coordinator of Halland." in row_text(shown, 7)
    assert "Name missing." in row_text(shown, 8)
    assert "Invite the 2 correct rows" in text
    assert "I have seen that 6 rows have errors; they will not be invited." in text
    assert User.objects.count() == 2  # fiona and alice
    assert not Invitation.objects.exists() and not OutgoingMail.objects.exists()
    assert smtp.messages == []


@MAILS
def test_confirming_rows_with_errors_without_the_checkbox_sends_nothing(
    client, fiona, alice, smtp
):
    shown = preview(client, fiona, BAD.encode())
    refused = client.post(URL, {"payload": payload_of(shown)})
    assert refused.status_code == 200
    text = page(refused)
    assert "Tick the box to confirm that the rows with errors will not be invited." in text
    # The error is on the box, and the box says what ticking it means.
    assert 'aria-describedby="id_seen_errors_error"' in text
    assert 'id="id_seen_errors_error"' in text
    assert "I have seen that 6 rows have errors; they will not be invited." in text
    assert not Invitation.objects.exists() and not OutgoingMail.objects.exists()
    assert smtp.messages == []


@MAILS
def test_with_the_checkbox_only_the_good_rows_are_invited(client, fiona, alice, smtp):
    shown = preview(client, fiona, BAD.encode())
    sent = client.post(URL, {"payload": payload_of(shown), "seen_errors": "on"}, follow=True)
    assert "2 invitations sent." in page(sent)
    mails = smtp.wait_for(2)
    assert sorted(m["To"] for m in mails) == ["good@uppsala.se", "ok@halland.se"]
    assert set(Invitation.objects.values_list("user__email", flat=True)) == {
        "good@uppsala.se",
        "ok@halland.se",
    }
    assert not User.objects.filter(email="twice@example.se").exists()
    assert User.objects.get(pk=alice.pk).membership.region.slug == "halland"
    assert OutgoingMail.objects.count() == 2


@MAILS
def test_sending_the_same_preview_twice_invites_once(client, fiona, smtp):
    shown = preview(client, fiona, GOOD.encode())
    client.post(URL, {"payload": payload_of(shown)})
    again = client.post(URL, {"payload": payload_of(shown)})
    assert "Something changed since the preview." in page(again)
    assert "erik.berg@skane.se is already a coordinator of Skåne." in row_text(again, 2)
    assert Invitation.objects.count() == 3 and OutgoingMail.objects.count() == 3
    smtp.wait_for(3)


@pytest.mark.django_db
def test_a_windows_1252_file_keeps_its_swedish_letters(client, fiona):
    data = (
        "Jönköpings län;asa@rjl.se;Åsa Öberg-Ängström\r\nÖrebro;orjan@orebro.se;Örjan Åkesson\r\n"
    ).encode("cp1252")
    shown = preview(client, fiona, data)
    assert "2 rows can be invited" in page(shown)
    assert "Åsa Öberg-Ängström" in row_text(shown, 1)
    assert "Jönköpings län" in row_text(shown, 1) and "Örebro län" in row_text(shown, 2)
    client.post(URL, {"payload": payload_of(shown)})
    asa = User.objects.get(email="asa@rjl.se")
    assert (asa.first_name, asa.last_name) == ("Åsa", "Öberg-Ängström")


@pytest.mark.django_db
def test_rows_pasted_from_a_spreadsheet_with_tabs_are_read(client, fiona):
    shown = preview(client, fiona, rows="Skåne\tp1@skane.se\tPer Ek\nKalmar\tp2@kalmar.se\tPia Ek")
    assert "2 rows can be invited · 0 rows have errors" in page(shown)


@pytest.mark.django_db
def test_a_tampered_payload_is_refused(client, fiona):
    shown = preview(client, fiona, GOOD.encode())
    payload = payload_of(shown)
    tampered = payload[:-3] + ("abc" if payload[-3:] != "abc" else "xyz")
    refused = client.post(URL, {"payload": tampered}, follow=True)
    assert "The rows from the preview came back changed. Upload the file again." in page(refused)
    assert not Invitation.objects.exists()
    forged = signing.dumps({"rows": [[2, "Skåne", "eve@example.org", "Eve", "sv"]], "bad": []})
    refused = client.post(URL, {"payload": forged}, follow=True)  # signed without the salt
    assert "came back changed" in page(refused)
    assert not User.objects.filter(email="eve@example.org").exists()


@pytest.mark.django_db
def test_a_preview_older_than_an_hour_is_refused(client, fiona, monkeypatch):
    shown = preview(client, fiona, GOOD.encode())
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now + csv_import.PAYLOAD_MAX_AGE + 60)
    refused = client.post(URL, {"payload": payload_of(shown)}, follow=True)
    assert "The preview is more than an hour old." in page(refused)
    assert not Invitation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "The file is empty."),
        (b"\r\n;;\r\n", "There are no rows to import."),
        (b"Region;E-post;Namn\r\n", "The file has a header row but no rows to import."),
        (
            "".join(f"Halland;a{n}@x.se;A B\n" for n in range(501)).encode(),
            "The file has 501 rows; at most 500 people can be invited at once.",
        ),
        (b"x" * (csv_import.MAX_BYTES + 1), "at most 1.0 MB can be imported at once."),
        (b"PK\x03\x04\x14\x00rest of a workbook", "This is an Excel workbook, not a CSV file."),
        (b"Region;Telefon;Namn\nHalland;123;A B\n", "The header row has no column for e-mail."),
    ],
    ids=["empty", "blank", "header-only", "too-many-rows", "too-large", "xlsx", "no-email"],
)
def test_a_file_that_cannot_be_imported_says_why(client, fiona, data, message):
    response = preview(client, fiona, data)
    assert response.status_code == 200
    assert message in page(response)
    assert "is-invalid" in response.content.decode()  # on the file field
    assert "confirm" not in response.context


@pytest.mark.django_db
def test_a_file_and_pasted_rows_at_once_are_refused(client, fiona):
    response = preview(client, fiona, GOOD.encode(), rows="Skåne;p@skane.se;Per Ek")
    assert "Upload a file or paste rows, not both." in page(response)


@pytest.mark.django_db
def test_nothing_at_all_asks_for_a_file(client, fiona):
    response = preview(client, fiona)
    assert "Choose a file, or paste the rows in the box below." in page(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "written, slug",
    [
        ("Region Skåne", "skane"),
        ("skane", "skane"),
        ("SKÅNE", "skane"),
        ("Västra Götalandsregionen", "vgr"),
        ("Region Västra Götaland", "vgr"),
        ("vgr", "vgr"),
        ("Jönköpings län", "jonkoping"),
        ("Region Jönköping", "jonkoping"),
        ("Region Örebro län", "orebro"),
        ("jamtland-harjedalen", "jamtland-harjedalen"),
        ("Region Jämtland Härjedalen", "jamtland-harjedalen"),
        ("Södermanland", "sormland"),
    ],
)
def test_regions_are_found_however_they_are_written(written, slug):
    [row] = csv_import.check([csv_import.Row(1, written, "a@b.se", "A B")])
    assert row.region == Region.objects.get(slug=slug) and row.ok


@pytest.mark.django_db
def test_a_header_may_name_the_columns_in_another_order(client, fiona):
    rows = "Förnamn;Efternamn;E-post;Län\nPer;Ek;per@skane.se;Skåne\n"
    shown = preview(client, fiona, rows.encode())
    assert "Will be invited" in row_text(shown, 2) and "Per Ek" in row_text(shown, 2)
