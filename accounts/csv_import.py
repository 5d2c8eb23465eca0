"""Many invitations from one file: read the rows of a CSV file (or pasted from a
spreadsheet), check each, and carry the checked rows from the preview to the confirmation.

The file is what a facilitator's spreadsheet saves: columns region, e-mail, name and an
optional language; a header row or none; semicolons (Swedish Excel), commas or tabs;
UTF-8 with or without a BOM, UTF-16 ("Unicode text") or Windows-1252 (older Excel).
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from reglab.models import Region
from reglab.text import nfc

from .invitations import MAX_EMAIL, MAX_NAME, existing_accounts, normalise_email

MAX_BYTES = 1024 * 1024
MAX_ROWS = 500
# Tried in this order; on a tie the first wins (a name may hold a comma, rarely a semicolon).
DELIMITERS = [";", "\t", ","]
# The preview's rows come back signed; after this long they are read again from the file.
PAYLOAD_SALT = "accounts.csv_import.rows"
PAYLOAD_MAX_AGE = 60 * 60

HEADERS = {
    "region": {"region", "regioner", "län", "lan", "region/län"},
    "email": {
        "e-post",
        "epost",
        "e-postadress",
        "epostadress",
        "e-mail",
        "email",
        "mail",
        "e-mail address",
        "email address",
    },
    "name": {"namn", "name", "för- och efternamn", "full name", "samordnare", "coordinator"},
    "first_name": {"förnamn", "first name", "firstname", "given name"},
    "last_name": {"efternamn", "last name", "lastname", "surname", "family name"},
    "language": {"språk", "language", "lang"},
}
POSITIONS = ["region", "email", "name", "language"]
LANGUAGES = {
    "sv": {"sv", "svenska", "swedish", "sv-se", "se"},
    "en": {"en", "english", "engelska", "en-gb", "en-us"},
}
# Other names the regions go by.
REGION_ALIASES = {"sodermanland": "sormland", "jamtland": "jamtland-harjedalen"}


class FileProblem(Exception):
    """The file as a whole cannot be imported; the message says why."""


@dataclass
class Row:
    """One person of the file, as typed, and what the check found."""

    number: int  # the row in the spreadsheet, header and blank rows counted
    region_text: str
    email_text: str
    name: str
    language_text: str = ""
    extra: bool = False  # cells beyond the known columns
    region: Region | None = None
    email: str = ""
    language: str = ""
    errors: list[str] = field(default_factory=list)
    returning: bool = False  # a removed coordinator, brought back

    @property
    def ok(self) -> bool:
        return not self.errors

    def raw(self) -> list:
        return [self.number, self.region_text, self.email_text, self.name, self.language_text]


def read_upload(upload) -> str:
    if upload.size > MAX_BYTES:
        raise FileProblem(
            _("The file is %(size)s; at most %(max)s can be imported at once.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_BYTES)}
        )
    return decode(upload.read())


def decode(data: bytes) -> str:
    """The file's text, whichever of the usual spreadsheet encodings it is in."""
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        raise FileProblem(
            _(
                "This is an Excel workbook, not a CSV file. In Excel, choose Save as and "
                "the file type “CSV UTF-8”, then upload that file."
            )
        )
    try:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("cp1252")  # Excel's "CSV (semicolon separated)"
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        raise FileProblem(_("The file is not a text file; save the list as CSV and try again."))
    return text


def parse(text: str) -> list[Row]:
    """The rows of a CSV text, without its header and blank rows."""
    text = nfc(text.lstrip("\ufeff"))
    if not text.strip():
        raise FileProblem(_("There are no rows to import."))
    try:
        records = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    except csv.Error:  # e.g. a quote left open, which swallows the rest of the file
        raise FileProblem(
            _("The file could not be read as CSV; check its quotation marks.")
        ) from None
    records = [(n, [cell.strip() for cell in cells]) for n, cells in enumerate(records, 1)]
    records = [(n, cells) for n, cells in records if any(cells)]
    if not records:
        raise FileProblem(_("There are no rows to import."))
    columns = _header(records[0][1])
    if columns:
        records = records[1:]
    if not records:
        raise FileProblem(_("The file has a header row but no rows to import."))
    if len(records) > MAX_ROWS:
        raise FileProblem(
            _(
                "The file has %(count)s rows; at most %(max)s people can be invited at once. "
                "Split the list into smaller files."
            )
            % {"count": len(records), "max": MAX_ROWS}
        )
    return [_row(number, cells, columns) for number, cells in records]


def _delimiter(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()][:50]

    def rows_that_fit(delimiter: str) -> int:
        return sum(3 <= len(cells) <= 6 for cells in csv.reader(lines, delimiter=delimiter))

    return max(DELIMITERS, key=rows_that_fit)


def _header(cells: list[str]) -> dict[str, int] | None:
    """The column of each field, if these cells are a header row."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = " ".join(cell.casefold().rstrip(":*").split())
        for name, words in HEADERS.items():
            if key in words:
                columns.setdefault(name, index)
    if len(columns) < 2:
        return None
    has_name = "name" in columns or "first_name" in columns or "last_name" in columns
    missing = [
        label
        for label, present in [
            (_("region"), "region" in columns),
            (_("e-mail"), "email" in columns),
            (_("name"), has_name),
        ]
        if not present
    ]
    if missing:
        raise FileProblem(
            _("The header row has no column for %(columns)s.")
            % {"columns": get_text_list(missing, _("and"))}
        )
    return columns


def _row(number: int, cells: list[str], columns: dict[str, int] | None) -> Row:
    def cell(name: str) -> str:
        if columns is None:
            index = POSITIONS.index(name) if name in POSITIONS else None
        else:
            index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    name = cell("name") or " ".join(filter(None, [cell("first_name"), cell("last_name")]))
    return Row(
        number=number,
        region_text=cell("region"),
        email_text=cell("email"),
        name=" ".join(name.split()),
        language_text=cell("language"),
        extra=columns is None and any(cells[len(POSITIONS) :]),
    )


def region_key(text: str) -> str:
    """A region's name or slug as people write it: any case, with or without accents,
    "Region …", "… län" or "…sregionen" ("Västra Götalandsregionen" → "vastra gotaland")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.replace("-", " ").replace("_", " ").split())
    text = re.sub(r"^region ", "", text)
    text = re.sub(r"s?regionen$", "", text).strip()
    text = re.sub(r"s? lan$", "", text)
    return REGION_ALIASES.get(text, text)


def _regions() -> dict[str, Region]:
    found = {}
    for region in Region.objects.all():
        found.setdefault(region_key(region.slug), region)
        found.setdefault(region_key(region.name), region)
    return found


def _language(text: str) -> str | None:
    text = text.strip().casefold()
    if not text:
        return settings.LANGUAGE_CODE
    return next((code for code, words in LANGUAGES.items() if text in words), None)


def check(rows: list[Row]) -> list[Row]:
    """Check every row against the regions, the accounts and the other rows; nothing is
    written."""
    regions = _regions()
    for row in rows:
        row.errors = []
        if not row.region_text:
            row.errors.append(_("Region missing."))
        else:
            row.region = regions.get(region_key(row.region_text))
            if row.region is None:
                row.errors.append(
                    _("No region called '%(region)s'.") % {"region": row.region_text}
                )
        row.email = normalise_email(row.email_text)
        if not row.email:
            row.errors.append(_("E-mail address missing."))
        elif len(row.email) > MAX_EMAIL:
            row.errors.append(
                _("The e-mail address is longer than %(max)s characters.") % {"max": MAX_EMAIL}
            )
        else:
            try:
                validate_email(row.email)
            except ValidationError:
                row.errors.append(
                    _("'%(email)s' is not a valid e-mail address.") % {"email": row.email_text}
                )
                row.email = ""
        if not row.name:
            row.errors.append(_("Name missing."))
        elif len(row.name) > MAX_NAME:
            row.errors.append(_("The name is longer than %(max)s characters.") % {"max": MAX_NAME})
        row.language = _language(row.language_text) or ""
        if not row.language:
            row.errors.append(
                _("Unknown language '%(language)s': write sv or en.")
                % {"language": row.language_text}
            )
        if row.extra:
            row.errors.append(
                _("The row has more columns than region, e-mail, name and language.")
            )
    _check_duplicates(rows)
    _check_accounts(rows)
    return rows


def _check_duplicates(rows: list[Row]) -> None:
    by_email: dict[str, list[Row]] = {}
    for row in rows:
        if row.email:
            by_email.setdefault(row.email, []).append(row)
    for same in by_email.values():
        if len(same) > 1:
            numbers = get_text_list([str(row.number) for row in same], _("and"))
            for row in same:
                row.errors.append(
                    _("The same e-mail address is on rows %(rows)s.") % {"rows": numbers}
                )


def _check_accounts(rows: list[Row]) -> None:
    refused, removed = existing_accounts(row.email for row in rows if row.email)
    for row in rows:
        if row.email in refused:
            row.errors.append(refused[row.email])
        row.returning = row.email in removed


def sign(rows: list[Row]) -> str:
    """The rows for the confirmation, as the preview showed them; `bad` lets the
    confirmation notice that a check now gives another answer."""
    payload = {"rows": [row.raw() for row in rows], "bad": [r.number for r in rows if not r.ok]}
    return signing.dumps(payload, salt=PAYLOAD_SALT, compress=True)


def unsign(payload: str) -> tuple[list[Row], list[int]]:
    """The rows of `sign` and the numbers of the rows the preview found bad; FileProblem
    when the payload is stale or was changed."""
    try:
        data = signing.loads(payload, salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE)
        rows = [
            Row(number=int(n), region_text=r, email_text=e, name=name, language_text=lang)
            for n, r, e, name, lang in data["rows"]
        ]
        bad = [int(n) for n in data["bad"]]
    except signing.SignatureExpired:
        raise FileProblem(
            _("The preview is more than an hour old. Upload the file again to check it anew.")
        ) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise FileProblem(
            _("The rows from the preview came back changed. Upload the file again.")
        ) from None
    return rows, bad
