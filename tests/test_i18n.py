"""The translations: committed .po and compiled .mo must not drift apart, and
every page must answer in Swedish by default and in English on request."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from .conftest import login

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_compiled_catalogue_matches_the_po_file(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural)) for e in mo}
    translated = {
        (e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural)) for e in po.translated_entries()
    }
    stale = {key for key in translated if compiled.get(key) != translated[key]}
    assert not stale, f"run `manage.py compilemessages`: {sorted(k[1] for k in stale)[:5]}"


def test_every_swedish_string_is_translated():
    po = polib.pofile(str(LOCALE / "sv" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
    assert not missing, f"translate these in locale/sv: {missing[:10]}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext is not installed")
def test_the_catalogue_has_every_string_of_the_code(tmp_path):
    """makemessages would add nothing: no string in the code is missing from the .po file."""
    shutil.copytree(
        settings.BASE_DIR,
        tmp_path / "p",
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "staticfiles", "node_modules", "test-artifacts", "*.sqlite3"
        ),
    )
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "sv",
            "--no-location",
            "--ignore=tests",
            "--ignore=.venv",
        ],
        cwd=tmp_path / "p",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    fresh = {e.msgid for e in polib.pofile(str(tmp_path / "p/locale/sv/LC_MESSAGES/django.po"))}
    committed = {
        e.msgid for e in polib.pofile(str(LOCALE / "sv/LC_MESSAGES/django.po")) if not e.obsolete
    }
    assert not fresh - committed, f"run makemessages: {sorted(fresh - committed)[:10]}"


def test_pages_are_swedish_by_default(client, alice, submission):
    page = login(client, alice).get(reverse("submissions:detail", args=[submission.pk]))
    body = page.content.decode()
    assert 'lang="sv"' in body
    assert "Rollbeskrivning" in body


def test_the_language_switch_turns_the_portal_english(client, alice, submission):
    login(client, alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("submissions:detail", args=[submission.pk])).content.decode()
    assert 'lang="en"' in body
    assert "Role statement" in body
    assert "Rollbeskrivning" not in body


def test_a_browser_asking_for_english_still_gets_swedish_first(client, alice):
    login(client, alice)
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="sv"' in body
