"""Every CSV and XLSX file the portal produces is written through here.

A cell is text someone typed: a region's name set in the admin, a statement, an
organisation. Text that a spreadsheet would run as a formula (it begins with = + - @, a
tab or a carriage return) gets a leading single quote, as OWASP advises against CSV
injection; numbers, dates and times stay what they are, so Excel still sorts and sums them.
"""

import csv
import io
from collections.abc import Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading ' ; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: list[str], rows: Iterable[Iterable]) -> str:
    """The rows as CSV text (None as an empty cell), starting with a BOM so that Excel
    reads å, ä, ö as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else neutralise(value) for value in row])
    return "\ufeff" + out.getvalue()


def xlsx_value(value):
    if isinstance(value, str):
        # openpyxl refuses control characters that XML cannot carry.
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def append_row(sheet: Worksheet, row: Iterable) -> None:
    """One row of an openpyxl sheet, which would store a string beginning with = as a formula."""
    sheet.append([xlsx_value(value) for value in row])
