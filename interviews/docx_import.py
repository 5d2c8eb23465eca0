"""A homework written in Word, read into the portal's parts.

Many regions write in Word, with the portal's template or without it. The file is checked
(a .docx, not a renamed PDF, an old .doc, an .odt, a file with macros, a damaged zip or a
zip bomb), read in reading order into blocks (headings, paragraphs, list items, table rows),
and the blocks are split into the role statement and the interviews by their headings, in
Swedish or English. Nothing is saved here: the preview shows what went where by block
index, lets the user move a block to another part, and `texts` gives the parts' texts.

The uploaded file itself is never stored; only the text a user saves from the preview is.
"""

import io
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date

import docx
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from reglab.regions import REGIONS
from reglab.text import normalise

from .models import Interview

MAX_BYTES = 20 * 1024 * 1024
# The zip's declared sizes, checked before anything is unpacked. A long homework with
# photos unpacks to a few megabytes; 100 MB is far beyond any.
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_MEMBERS = 2_000
# Deflate shrinks nothing more than about 1032:1. Word's XML, even a template of empty
# table rows, stays far from that; a large part near it is one byte repeated: a bomb.
MAX_RATIO = 500
RATIO_FLOOR = 10 * 1024 * 1024

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
WORD_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# The template's own vocabulary, which docx_template writes and split_homework reads.
TEMPLATE_HEADINGS = {
    "sv": {"statement": "Rollbeskrivning", "interview": "Intervju", "answers": "Svar"},
    "en": {"statement": "Role statement", "interview": "Interview", "answers": "Answers"},
}
TEMPLATE_LABELS = {
    "organisation": {"sv": "Organisation", "en": "Organisation"},
    "actor_type": {"sv": "Aktörstyp", "en": "Actor type"},
    "interview_date": {"sv": "Datum", "en": "Date"},
    "interviewee_function": {"sv": "Funktion hos den intervjuade", "en": "Interviewee's function"},
}
# The template's instructions and hints are written in this paragraph style; before the
# first heading they are left out of the homework instead of waiting to be placed.
HINT_STYLE = "REGLAB hint"

# Other words for the same headings and labels, as regions write them (casefolded).
STATEMENT_HEADINGS = {
    "sv": ["rollbeskrivning", "regionens roll", "vår roll", "vår rollbeskrivning"],
    "en": ["role statement", "role description", "our role", "the region's role", "region's role"],
}
INTERVIEW_GROUP_HEADINGS = {
    "sv": ["intervjuer", "intervjuerna", "aktörsintervjuer", "intervjuer med aktörer"],
    "en": ["interviews", "stakeholder interviews", "the interviews"],
}
ANSWERS_HEADINGS = {
    "sv": ["svar", "svaren", "intervjusvar", "frågor och svar", "anteckningar"],
    "en": ["answers", "responses", "questions and answers", "notes", "interview notes"],
}
LABELS = {
    "organisation": {
        "sv": ["organisation", "organisationens namn", "aktör", "intervjuad organisation"],
        "en": ["organisation", "organization", "actor", "interviewed organisation"],
    },
    "actor_type": {
        "sv": ["aktörstyp", "typ av aktör", "aktörskategori", "organisationstyp"],
        "en": ["actor type", "type of actor", "organisation type", "organization type"],
    },
    "interview_date": {
        "sv": ["datum", "intervjudatum", "datum för intervjun"],
        "en": ["date", "interview date", "date of interview", "date of the interview"],
    },
    "interviewee_function": {
        "sv": [
            "funktion",
            "funktion hos den intervjuade",
            "den intervjuades funktion",
            "roll",
            "befattning",
            "titel",
            "yrkesroll",
        ],
        "en": [
            "function",
            "interviewee's function",
            "interviewee function",
            "role",
            "position",
            "title",
            "job title",
        ],
    },
}
REGION_LABEL = "Region"  # the template's line, the same in both languages
REGION_LABELS = ["region", "län"]

# Free text of an actor type (or an organisation's name), in the order tried: the more
# specific first ("Umeå stadsbibliotek" is a library before it is the municipality's).
# Swedish words are found inside compounds ("Kulturföreningen"), English ones as words.
ACTOR_TYPE_PATTERNS = [
    (Interview.ActorType.ARBETSFORMEDLINGEN, [r"arbetsförmedling", r"\bemployment service"]),
    (Interview.ActorType.LANSSTYRELSE, [r"länsstyrelse", r"\bcounty administrative board"]),
    (Interview.ActorType.BIBLIOTEK, [r"bibliotek", r"\blibrar(?:y|ies)\b"]),
    (
        Interview.ActorType.UNIVERSITET,
        [r"universitet", r"högskol", r"lärosäte", r"\buniversit(?:y|ies)\b", r"\bcolleges?\b"],
    ),
    (
        Interview.ActorType.CIVILSAMHALLE,
        [
            r"idéburen",
            r"idéburna",
            r"civilsamhäll",
            r"förening",
            r"ideell",
            r"studieförbund",
            r"trossamfund",
            r"\bcivil society\b",
            r"\bnon ?profit",
            r"\bngos?\b",
            r"\bvoluntary\b",
            r"\bassociations?\b",
        ],
    ),
    (
        Interview.ActorType.NARINGSLIV,
        [r"näringsliv", r"företag", r"\bbusiness", r"\bcompan(?:y|ies)\b", r"\bprivate sector"],
    ),
    (
        Interview.ActorType.KOMMUN,
        [r"kommun", r"\bstad\b", r"\bmunicipal", r"\bcity of\b", r"\bcity council\b"],
    ),
    (Interview.ActorType.ANNAN, [r"\bannan\b", r"\bannat\b", r"\bövrig", r"\bother\b"]),
]

# A month by the first three letters of its name, in Swedish or English.
MONTH_NAMES = "jan feb mar apr maj/may jun jul aug sep okt/oct nov dec"
MONTHS = {name: n for n, names in enumerate(MONTH_NAMES.split(), 1) for name in names.split("/")}

# Block kinds.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST = "list"
TABLE_ROW = "table-row"

# A short line in bold is a heading to many writers; a longer one is emphasis.
MAX_BOLD_HEADING = 80
MAX_METADATA_VALUE = 200  # the Interview fields' max_length


class DocxError(ValueError):
    """The file cannot be imported; the message tells the user what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Block:
    """One piece of the document in reading order.

    `level` is a heading's level: 0 for the title, 1–9 for Heading 1–9, None for a short
    line in bold. `cells` holds a table row's cells; `style` the paragraph style's name.
    """

    index: int
    kind: str
    text: str
    level: int | None = None
    cells: tuple[str, ...] = ()
    style: str = ""


@dataclass
class ImportedInterview:
    """An interview found in the document; fields not found are None, for the preview
    to ask. Consent and quotes are never read from a file."""

    heading_block: int | None
    organisation: str | None = None
    actor_type: str | None = None
    interview_date: date | None = None
    interviewee_function: str | None = None
    answer_blocks: list[int] = field(default_factory=list)
    metadata_blocks: list[int] = field(default_factory=list)
    # The file's own words for the actor type and the date, shown when they were not read.
    actor_type_text: str = ""
    date_text: str = ""
    # Never read from the file: the preview asks for it, and keeps the answer here.
    consent: str | None = None


@dataclass
class ImportedHomework:
    """What went where. `ignored` holds the template's instructions, the title and the
    structural headings ("Svar"), left out but shown; `unplaced` the text that belongs to
    no part until the user moves it."""

    statement_blocks: list[int]
    interviews: list[ImportedInterview]
    unplaced: list[int]
    warnings: list[str]
    blocks: list[Block]
    ignored: list[int] = field(default_factory=list)
    statement_heading: int | None = None
    language: str | None = None

    def to_dict(self) -> dict:
        """Plain JSON-able data, for carrying the preview from one request to the next."""
        data = asdict(self)
        for interview in data["interviews"]:
            when = interview["interview_date"]
            interview["interview_date"] = when.isoformat() if when else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "ImportedHomework":
        blocks = [Block(**{**b, "cells": tuple(b["cells"])}) for b in data["blocks"]]
        interviews = []
        for item in data["interviews"]:
            when = item["interview_date"]
            interviews.append(
                ImportedInterview(
                    **{**item, "interview_date": date.fromisoformat(when) if when else None}
                )
            )
        return cls(**{**data, "blocks": blocks, "interviews": interviews})


# --- Checking the file -------------------------------------------------------------------


def check_upload(name: str, data: bytes) -> None:
    """Raise DocxError unless the file is a readable .docx with some text in it."""
    _read_checked(name, data)


def import_homework(name: str, data: bytes, language_hint: str | None = None) -> ImportedHomework:
    """Check, read and split a file in one go (the file is parsed once)."""
    return split_homework(_read_checked(name, data), language_hint)


def _read_checked(name: str, data: bytes) -> list[Block]:
    blocks = read_docx(data, name=name)
    if not blocks:
        raise DocxError(_empty_message())
    return blocks


def _check_package(name: str, data: bytes) -> None:
    """Everything that can be told from the bytes and the zip's directory, before any
    part is unpacked."""
    if len(data) > MAX_BYTES:
        raise DocxError(
            _(
                "The file is %(size)s; at most %(max)s can be imported. Make its pictures "
                "smaller (in Word: Compress Pictures) or remove them, and upload it again."
            )
            % {"size": filesizeformat(len(data)), "max": filesizeformat(MAX_BYTES)}
        )
    if not data.strip(b"\0 \t\r\n"):
        raise DocxError(_empty_message())
    if data.startswith(b"%PDF"):
        raise DocxError(
            _(
                "This is a PDF file, not a Word document. Upload the Word file (.docx) it "
                "was made from, or open it in Word and save it as a Word document (.docx)."
            )
        )
    if data.startswith(OLE_MAGIC):
        raise DocxError(_ole_message(name, data))
    if not data.startswith(b"PK"):
        raise DocxError(_not_docx_message())
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_sizes(members)
            names = {member.filename for member in members}
            if "mimetype" in names:
                if archive.read("mimetype").strip() == ODT_MIMETYPE:
                    raise DocxError(
                        _(
                            "This is an OpenDocument text (.odt). In LibreOffice or Word, "
                            "choose Save As, pick the file type Word document (.docx) and "
                            "upload that file."
                        )
                    )
                raise DocxError(_not_docx_message())
            if "[Content_Types].xml" not in names:
                raise DocxError(_damaged_message())
            content_types = archive.read("[Content_Types].xml")
    except DocxError:
        raise
    # A damaged directory shows as any of these (a name that is not UTF-8, a negative seek).
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError):
        raise DocxError(_damaged_message()) from None
    except RuntimeError:  # a zip encrypted with a password
        raise DocxError(_password_message()) from None
    if b"macroEnabled" in content_types or any(n.endswith("vbaProject.bin") for n in names):
        raise DocxError(
            _(
                "This Word document contains macros (.docm), which the portal does not "
                "accept. In Word, choose Save As and the file type Word document (.docx), "
                "which leaves the macros out, and upload that file."
            )
        )
    if WORD_MAIN not in content_types:
        raise DocxError(_not_docx_message())
    if "word/document.xml" not in names:
        raise DocxError(_damaged_message())


def unpacks_too_far(members: list[zipfile.ZipInfo], *, max_members: int, max_total: int) -> bool:
    """Is this zip a bomb? It is told by its directory: Python's zipfile never unpacks more
    than a member's declared size, so the declared sizes bound everything read afterwards.
    Too many members, too much in all, or a large member that shrank absurdly."""
    total = sum(member.file_size for member in members)
    absurd = any(
        member.file_size > RATIO_FLOOR
        and member.file_size > MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    return len(members) > max_members or total > max_total or absurd


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    if unpacks_too_far(members, max_members=MAX_MEMBERS, max_total=MAX_UNCOMPRESSED):
        raise DocxError(
            _(
                "The file unpacks to far more than a Word document holds (at most %(max)s), "
                "so it was not read. Open it in Word, save it again as a Word document "
                "(.docx) and upload that file."
            )
            % {"max": filesizeformat(MAX_UNCOMPRESSED)}
        )


def _ole_message(name: str, data: bytes) -> str:
    """Old .doc files and password-protected .docx files are both OLE compound files;
    an encrypted .docx keeps its package in a stream named EncryptedPackage."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return _password_message()
    if name.lower().endswith(".doc"):
        return _(
            "This is an old Word document (.doc). Open it in Word or LibreOffice, choose "
            "Save As, pick the file type Word document (.docx) and upload that file."
        )
    return _(
        "This is an old Word document (.doc) or a password-protected file. Open it in "
        "Word, save it as a Word document (.docx) without a password and upload that file."
    )


def _empty_message() -> str:
    return _(
        "The document has no text. Check that this is the right file and that it was saved "
        "after writing, then upload it again."
    )


def _password_message() -> str:
    return _(
        "This file is protected by a password, so it cannot be read. Open it in Word, "
        "remove the password (File › Info › Protect Document › Encrypt with Password), save "
        "it as a Word document (.docx) and upload it again."
    )


def _damaged_message() -> str:
    return _(
        "The file is damaged and cannot be read. Open it in Word, which offers to repair "
        "it, save it again as a Word document (.docx) and upload it again."
    )


def _not_docx_message() -> str:
    return _(
        "This is not a Word document (.docx). Open it in Word or LibreOffice, save it as a "
        "Word document (.docx) and upload that file."
    )


# --- Reading the document ----------------------------------------------------------------


def read_docx(data: bytes, *, name: str = "") -> list[Block]:
    """The document's body in reading order; raises DocxError for a file it cannot read."""
    _check_package(name, data)
    try:
        reader = _Reader(docx.Document(io.BytesIO(data)))
    except RuntimeError:  # a part encrypted with a password
        raise DocxError(_password_message()) from None
    except Exception:
        # A damaged package fails inside python-docx in many ways (a bad checksum, broken
        # XML, a relationship or a part that is missing: KeyError, TypeError, …).
        raise DocxError(_damaged_message()) from None
    return reader.read()


W_P, W_TBL, W_TR, W_TC, W_R = (qn(tag) for tag in ("w:p", "w:tbl", "w:tr", "w:tc", "w:r"))
W_BR, W_TXBX = qn("w:br"), qn("w:txbxContent")
# Wrappers around blocks, rows or cells: content controls and custom XML.
WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Containers whose runs are not the text: deleted (tracked changes), moved away, the
# paragraph's own properties, and drawings (a text box is read as blocks of its own).
NOT_TEXT = {
    qn("w:del"),
    qn("w:moveFrom"),
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:drawing"),
    qn("w:pict"),
    qn("w:object"),
    MC + "AlternateContent",
    W_P,
    W_TBL,
}
# A run's pieces of text; w:delText and w:instrText (a field's code) are not among them.
RUN_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
# A table of contents repeats the headings; it is not the region's text.
CONTENTS_STYLE = re.compile(r"^(?:toc|contents|innehåll|index)\b", re.IGNORECASE)


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


def _on(element, tag: str) -> bool | None:
    """A Word on/off property: <w:b/> is on, <w:b w:val="0"/> off, absent None."""
    child = element.find(qn(tag)) if element is not None else None
    if child is None:
        return None
    return child.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


def _children(element, tag: str):
    """Children with the tag, also inside content controls."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in WRAPPERS:
            yield from _children(child, tag)


@dataclass
class _Style:
    name: str
    based_on: str | None
    level: int | None  # as a heading
    numpr: object  # the style's w:numPr: its paragraphs are list items
    bold: bool | None


class _Reader:
    """Walks the body's XML rather than python-docx's objects: paragraph.text leaves out
    the inserted runs of tracked changes (w:ins), and a table's merged cells repeat."""

    def __init__(self, document):
        root = document.styles.element
        self.styles = {
            element.get(qn("w:styleId")): _style(element) for element in root.iter(qn("w:style"))
        }
        self.default_style = next(
            (
                element.get(qn("w:styleId"))
                for element in root.iter(qn("w:style"))
                if element.get(qn("w:type")) == "paragraph"
                and _on_attribute(element.get(qn("w:default")))
            ),
            None,
        )
        self.formats = _numbering_formats(document)
        self.counters: dict[str | None, list[int]] = {}
        self.body = document.element.body
        if self.body is None:
            raise ValueError("The document has no body.")
        self.blocks: list[Block] = []

    def read(self) -> list[Block]:
        self._container(self.body)
        return self.blocks

    def _chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def _style_bold(self, style_id: str | None) -> bool | None:
        return next((s.bold for s in self._chain(style_id) if s.bold is not None), None)

    def _container(self, element, in_table: bool = False) -> None:
        for child in element:
            if child.tag == W_P:
                self._paragraph(child, in_table)
            elif child.tag == W_TBL:
                self._table(child)
            elif child.tag in WRAPPERS:
                self._container(child, in_table)

    def _paragraph(self, p, in_table: bool) -> None:
        ppr = p.find(qn("w:pPr"))
        style_id = _val(ppr, "w:pStyle") or self.default_style
        chain = list(self._chain(style_id))
        style = chain[0].name if chain else ""
        runs = list(_runs(p))
        text = _clean("".join(_run_text(run) for run in runs))
        # A label cell's hint in the template is the template's, not the region's text.
        skip = CONTENTS_STYLE.match(style) or (in_table and style == HINT_STYLE)
        if text and not skip:
            self._add(*self._kind(ppr, chain, style_id, runs, text), style=style)
        for box in _text_boxes(p):
            self._container(box)

    def _kind(self, ppr, chain, style_id, runs, text) -> tuple[str, str, int | None]:
        """(kind, text, level): a heading by style or outline level, a list item by its
        numbering, a short line all in bold as a heading with no level."""
        outline = _val(ppr, "w:outlineLvl")
        level = _outline_level(outline) if outline is not None else None
        if level is None:
            level = next((s.level for s in chain if s.level is not None), None)
        if level is not None:
            return HEADING, text, level
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is None:
            numpr = next((s.numpr for s in chain if s.numpr is not None), None)
        if numpr is not None and _val(numpr, "w:numId") != "0":
            return LIST, self._list_prefix(numpr) + text, None
        if self._bold_line(runs, style_id, text):
            return HEADING, text, None
        return PARAGRAPH, text, None

    def _list_prefix(self, numpr) -> str:
        """A list item's prefix: "– " for a bullet, "2. " for the second item of a numbered
        list, indented by the item's level."""
        num_id, ilvl = _val(numpr, "w:numId"), _val(numpr, "w:ilvl") or "0"
        depth = min(int(ilvl), 8) if ilvl.isdecimal() else 0
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[depth] += 1
        counts[depth + 1 :] = [0] * (8 - depth)
        indent = "  " * depth
        if self.formats.get((num_id, ilvl), "bullet") in ("bullet", "none"):
            return indent + "– "
        return f"{indent}{counts[depth]}. "

    def _bold_line(self, runs, style_id, text: str) -> bool:
        if len(text) > MAX_BOLD_HEADING or "\n" in text or text.endswith((".", ",", ";")):
            return False
        if not any(c.isalpha() for c in text):
            return False
        paragraph_bold = self._style_bold(style_id)
        for run in runs:
            if not _run_text(run).strip():
                continue
            rpr = run.find(qn("w:rPr"))
            bold = _on(rpr, "w:b")
            if bold is None:
                bold = self._style_bold(_val(rpr, "w:rStyle"))
            if not (paragraph_bold if bold is None else bold):
                return False
        return True

    def _table(self, tbl) -> None:
        for tr in _children(tbl, W_TR):
            trpr = tr.find(qn("w:trPr"))
            if trpr is not None and trpr.find(qn("w:del")) is not None:
                continue  # a row deleted with tracked changes
            cells = tuple(self._cell_text(tc) for tc in _children(tr, W_TC))
            if any(cells):
                self._add(TABLE_ROW, _row_text(cells), None, cells=cells)

    def _cell_text(self, tc) -> str:
        """A cell's paragraphs and nested tables, as lines of one text."""
        body, self.blocks = self.blocks, []
        try:
            self._container(tc, in_table=True)
            return "\n".join(block.text for block in self.blocks)
        finally:
            self.blocks = body

    def _add(self, kind: str, text: str, level: int | None, **fields) -> None:
        self.blocks.append(
            Block(index=len(self.blocks), kind=kind, text=text, level=level, **fields)
        )


def _on_attribute(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


def _style(element) -> _Style:
    name = _val(element, "w:name") or ""
    ppr = element.find(qn("w:pPr"))
    outline = _val(ppr, "w:outlineLvl")
    return _Style(
        name=name,
        based_on=_val(element, "w:basedOn"),
        level=_style_level(name) if outline is None else _outline_level(outline),
        numpr=ppr.find(qn("w:numPr")) if ppr is not None else None,
        bold=_on(element.find(qn("w:rPr")), "w:b"),
    )


def _numbering_formats(document) -> dict[tuple[str, str], str]:
    """(numId, ilvl) → the level's numFmt ("bullet", "decimal", …)."""
    try:
        root = document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        return {}
    abstract = {
        element.get(qn("w:abstractNumId")): {
            lvl.get(qn("w:ilvl")): _val(lvl, "w:numFmt") or "decimal"
            for lvl in element.iter(qn("w:lvl"))
        }
        for element in root.iter(qn("w:abstractNum"))
    }
    return {
        (num.get(qn("w:numId")), ilvl): fmt
        for num in root.iter(qn("w:num"))
        for ilvl, fmt in abstract.get(_val(num, "w:abstractNumId"), {}).items()
    }


def _runs(element):
    """The runs that are the text, in order: inserted runs (w:ins) count, deleted ones
    (w:del) do not; comment marks carry no text and fall out by themselves."""
    for child in element:
        if child.tag == W_R:
            yield child
        elif child.tag not in NOT_TEXT:
            yield from _runs(child)


def _run_text(run) -> str:
    out = []
    for child in run:
        if child.tag in RUN_TEXT:
            out.append(RUN_TEXT[child.tag] or child.text or "")
        elif child.tag == W_BR and child.get(qn("w:type")) in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def _text_boxes(p):
    """A paragraph's own text boxes (Word writes each twice, for newer and for older
    readers; the older one is skipped)."""
    for box in p.iter(W_TXBX):
        ancestors = list(box.iterancestors())
        if any(a.tag == MC + "Fallback" for a in ancestors):
            continue
        if next(a for a in ancestors if a.tag in (W_TXBX, W_P)) is p:
            yield box


def _clean(text: str) -> str:
    text = normalise(text).replace("\u00ad", "").replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def _style_level(name: str) -> int | None:
    """Heading 1–9 and Title by the name Word writes (in English, whatever the language
    of Word), or a Swedish one ("Rubrik 1"; "Rubrik" is the title)."""
    name = name.strip().lower()
    if name in ("title", "rubrik", "titel"):
        return 0
    match = re.fullmatch(r"(?:heading|rubrik)\s*([1-9])", name)
    return int(match[1]) if match else None


def _outline_level(value: str) -> int | None:
    return int(value) + 1 if value.isdecimal() and int(value) < 9 else None


def _row_text(cells: tuple[str, ...]) -> str:
    """A 2-column row reads as "Label: value"; a wider one as its cells between bars."""
    if len(cells) == 2 and cells[0]:
        label = cells[0].rstrip(":").rstrip()
        return f"{label}: {cells[1]}" if cells[1] else f"{label}:"
    return " | ".join(cell for cell in cells if cell)


# --- Splitting into the homework's parts -------------------------------------------------

STATEMENT, INTERVIEW, GROUP, ANSWERS = "statement", "interview", "group", "answers"
MAX_PLAIN_HEADING = 60


def _norm(text: str) -> str:
    """A heading or label for comparison: casefolded, one kind of dash and apostrophe, no
    numbering ("1.", "Del 2:") in front and no colon at the end."""
    text = text.casefold().replace("’", "'").replace("‐", "-").strip()
    text = re.sub(r"^(?:(?:del|part|avsnitt|section)\s+\d+\s*[:.–—-]?\s*|\d+[.)]\s*)", "", text)
    return re.sub(r"\s+", " ", text).strip(" :.")


INTERVIEW_RE = re.compile(
    r"^(?:stakeholder\s+|actor\s+)?\w*?(intervju|interview)"
    r"(?:\s*(?:nr\.?|no\.?|#)?\s*(?P<number>\d+))?"
    r"(?:\s*(?:av|of)\s*\d+)?"
    r"(?P<rest>(?:\s*[:–—,(-]|\s+(?:med|with)\b).*)?$",
    re.IGNORECASE,
)


def _heading_role(text: str) -> tuple[str, str] | None:
    """(role, language) of a heading's text, or None for a heading of the region's own."""
    norm = _norm(text)
    match = INTERVIEW_RE.match(norm)
    if match:
        return INTERVIEW, "sv" if match[1] == "intervju" else "en"
    for role, vocabulary in (
        (GROUP, INTERVIEW_GROUP_HEADINGS),
        (ANSWERS, ANSWERS_HEADINGS),
    ):
        for language, words in vocabulary.items():
            if norm in words:
                return role, language
    for language, words in STATEMENT_HEADINGS.items():
        if any(norm == w or norm.startswith(w + " ") for w in words):
            return STATEMENT, language
        if words[0] in norm:  # "Rollbeskrivning", "Role statement" anywhere
            return STATEMENT, language
    return None


def _organisation_in_heading(text: str) -> str | None:
    """The organisation a heading names: "Intervju med Arbetsförmedlingen", "Interview 2 –
    Municipality of Umeå"."""
    match = re.search(
        r"(?:intervju|interview)\w*(?:\s*(?:nr\.?|no\.?|#)?\s*\d+)?(?:\s*(?:av|of)\s*\d+)?"
        r"\s*(?:[:–—,-]|\b(?:med|with)\b)\s*(?:(?:med|with)\s+)?(?P<name>.+)$",
        text,
        re.IGNORECASE,
    )
    return match["name"].strip() if match and match["name"].strip() else None


def _label(text: str) -> tuple[str, str | None] | None:
    """(field, language) of a metadata label, e.g. "Datum (ÅÅÅÅ-MM-DD)" → interview_date;
    the language is None for a label both languages use ("Organisation")."""
    norm = _norm(re.sub(r"\(.*?\)", "", text.split("\n")[0]))
    for name, vocabulary in LABELS.items():
        languages = [language for language, words in vocabulary.items() if norm in words]
        if languages:
            return name, languages[0] if len(languages) == 1 else None
    return None


def _metadata(block: Block) -> tuple[dict[str, str], list[str]] | None:
    """The fields of a "Label: value" block (a line, lines, or a 2-column row) and the
    languages of its labels; None unless every line is one."""
    if block.kind == HEADING and block.level is not None:
        return None
    if block.kind == TABLE_ROW:
        if len(block.cells) != 2:
            return None
        pairs = [(block.cells[0], block.cells[1])]
    else:
        pairs = []
        for line in block.text.split("\n"):
            if ":" not in line:
                return None
            label, value = line.split(":", 1)
            pairs.append((label, value))
    fields, languages = {}, []
    for label, value in pairs:
        found = _label(label)
        value = value.strip()
        if found is None or len(value) > MAX_METADATA_VALUE:
            return None
        fields.setdefault(found[0], "" if value in ("-", "–", "—") else value)
        languages.append(found[1])
    return fields, languages


def _is_region_line(block: Block) -> bool:
    if block.kind == TABLE_ROW:
        label = block.cells[0] if len(block.cells) == 2 else ""
    else:
        label = block.text.split(":", 1)[0] if ":" in block.text else ""
    return _norm(label) in REGION_LABELS


def actor_type_from_text(text: str) -> str | None:
    """An Interview.ActorType value for free text ("Kommun", "Umeå universitet",
    "County administrative board"); None when it is not clear."""
    norm = re.sub(r"[\s/_-]+", " ", unicodedata.normalize("NFC", text).casefold()).strip()
    if norm in Interview.ActorType.values:
        return norm
    for value, patterns in ACTOR_TYPE_PATTERNS:
        if any(re.search(pattern, norm) for pattern in patterns):
            return value.value
    return None


# Dates written with numbers are day first, as in Sweden and Britain.
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
NUMERIC_DATE = re.compile(r"\b(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.\s-]\s*(\d{4})\b")
DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?::e|:a|st|nd|rd|th)?\.?\s+([a-zåäö]{3,})\.?,?\s+(\d{4})\b"
)
MONTH_DAY_YEAR = re.compile(r"\b([a-zåäö]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def parse_date(text: str) -> date | None:
    """A date as regions write it: 2026-03-03, 3 mars 2026, den 3:e mars 2026, 3/3 2026,
    3.3.2026, March 3, 2026; None when it cannot be read."""
    text = text.casefold().strip()
    if match := ISO_DATE.search(text):
        numbers = int(match[1]), int(match[2]), int(match[3])
    elif match := NUMERIC_DATE.search(text):
        numbers = int(match[3]), int(match[2]), int(match[1])
    elif match := DAY_MONTH_YEAR.search(text):
        numbers = int(match[3]), MONTHS.get(match[2][:3], 0), int(match[1])
    elif match := MONTH_DAY_YEAR.search(text):
        numbers = int(match[3]), MONTHS.get(match[1][:3], 0), int(match[2])
    else:
        return None
    try:
        return date(*numbers)
    except ValueError:
        return None


@dataclass
class _Section:
    role: str | None  # STATEMENT, INTERVIEW, or None for text outside the parts
    heading: int | None
    level: int | None
    blocks: list[int] = field(default_factory=list)


def split_homework(blocks: list[Block], language_hint: str | None = None) -> ImportedHomework:
    """The role statement and the interviews, found by the template's headings (and
    their usual variants) in Swedish or English. Consent and quotes are never guessed."""
    roles = [_block_role(block) for block in blocks]
    languages = Counter(role[1] for role in roles if role)
    imported = ImportedHomework([], [], [], [], list(blocks))
    if not any(role and role[0] in (STATEMENT, INTERVIEW) for role in roles):
        imported.statement_blocks = [b.index for b in blocks]
        imported.warnings.append(
            _(
                "None of the template's headings (role statement, interviews) was found, "
                "so all the text is placed in the role statement. Move the interviews' "
                "paragraphs in the preview, or write the file in the portal's Word template."
            )
        )
        imported.language = _language(languages, language_hint)
        return imported

    for section in _sections(blocks, roles, imported):
        if section.role == STATEMENT:
            imported.statement_heading = section.heading
            imported.statement_blocks.extend(section.blocks)
        elif section.role == INTERVIEW:
            interview, found = _interview(section, blocks, roles, imported)
            imported.interviews.append(interview)
            languages.update(found)
        else:
            imported.unplaced.extend(section.blocks)

    imported.ignored.sort()
    imported.language = _language(languages, language_hint)
    _add_warnings(imported, language_hint)
    return imported


def _block_role(block: Block) -> tuple[str, str] | None:
    """A recognised heading: a heading by style or bold, or a short line on its own (but
    never the template's own instructions)."""
    if block.style == HINT_STYLE:
        return None
    if block.kind == HEADING:
        if block.level is None and _metadata(block) is not None:
            return None  # a bold "Organisation: …" line
        return _heading_role(block.text)
    if block.kind == PARAGRAPH and len(block.text) <= MAX_PLAIN_HEADING:
        if "\n" not in block.text and not block.text.endswith((".", "?", "!")):
            return _heading_role(block.text)
    return None


def _sections(blocks, roles, imported: ImportedHomework) -> list[_Section]:
    """The document cut at its recognised headings; the title, the template's hints and
    the structural headings go to `ignored`."""
    sections = [_Section(role=None, heading=None, level=None)]
    seen_statement = seen_interview = False
    for block, role in zip(blocks, roles, strict=True):
        current = sections[-1]
        kind = role[0] if role else None
        styled = block.kind == HEADING and block.level is not None
        if kind == STATEMENT and not seen_statement and (styled or not seen_interview):
            seen_statement = True
            sections.append(_Section(STATEMENT, block.index, block.level))
        elif kind == INTERVIEW:
            seen_interview = True
            sections.append(_Section(INTERVIEW, block.index, block.level))
        elif kind == GROUP:
            imported.ignored.append(block.index)
            sections.append(_Section(None, block.index, block.level))
        elif kind == ANSWERS and current.role == INTERVIEW:
            current.blocks.append(block.index)  # read in _interview
        elif len(sections) == 1 and _before_parts(block):
            imported.ignored.append(block.index)
        elif (
            styled
            and current.level is not None
            and block.level <= current.level
            and current.role is not None
        ):
            # A heading of the region's own at the part's level ends the part.
            sections.append(_Section(None, None, block.level, [block.index]))
        else:
            current.blocks.append(block.index)
    return sections


def _before_parts(block: Block) -> bool:
    """The title, the template's instructions and a "Region:" line, before any part."""
    return (
        block.style == HINT_STYLE
        or (block.kind == HEADING and block.level == 0)
        or _is_region_line(block)
    )


def _interview(section: _Section, blocks, roles, imported) -> tuple[ImportedInterview, list]:
    """The interview's metadata ("Label: value" lines or table rows, before its answers)
    and its answers."""
    interview = ImportedInterview(heading_block=section.heading)
    has_answers_heading = any(roles[i] and roles[i][0] == ANSWERS for i in section.blocks)
    metadata_open = True
    fields: dict[str, str] = {}
    languages: list[str] = []
    for index in section.blocks:
        block = blocks[index]
        if roles[index] and roles[index][0] == ANSWERS:
            imported.ignored.append(index)
            languages.append(roles[index][1])
            metadata_open = False
            continue
        if metadata_open:
            found = _metadata(block)
            if found is not None and not set(found[0]) & set(fields):
                fields.update(found[0])
                languages.extend(found[1])
                interview.metadata_blocks.append(index)
                continue
            if block.kind != HEADING and not has_answers_heading:
                metadata_open = False
        interview.answer_blocks.append(index)
    _fill(interview, fields, blocks[section.heading].text)
    return interview, languages


def _fill(interview: ImportedInterview, fields: dict[str, str], heading: str) -> None:
    interview.organisation = fields.get("organisation") or _organisation_in_heading(heading)
    interview.interviewee_function = fields.get("interviewee_function") or None
    interview.actor_type_text = fields.get("actor_type", "")
    interview.date_text = fields.get("interview_date", "")
    source = interview.actor_type_text or interview.organisation or ""
    interview.actor_type = actor_type_from_text(source)
    interview.interview_date = parse_date(interview.date_text) if interview.date_text else None


def _language(languages: Counter, hint: str | None) -> str | None:
    """The language of the headings and labels; the hint when they do not tell."""
    sv, en = languages["sv"], languages["en"]
    if sv == en:
        return hint[:2] if hint else None
    return "sv" if sv > en else "en"


def _add_warnings(imported: ImportedHomework, language_hint: str | None) -> None:
    warnings = imported.warnings
    if imported.statement_heading is None:
        warnings.append(
            _(
                "No role statement heading was found, so the role statement is empty. Move "
                "its paragraphs to it in the preview."
            )
        )
    if imported.unplaced:
        count = len(imported.unplaced)
        warnings.append(
            ngettext(
                "%(count)d paragraph is outside the role statement and the interviews; move "
                "it to a part, or it is left out.",
                "%(count)d paragraphs are outside the role statement and the interviews; "
                "move them to a part, or they are left out.",
                count,
            )
            % {"count": count}
        )
    for number, interview in enumerate(imported.interviews, 1):
        if interview.actor_type_text and interview.actor_type is None:
            warnings.append(
                _(
                    "Interview %(number)d: the actor type “%(text)s” is not one of the "
                    "portal's; choose one in the preview."
                )
                % {"number": number, "text": interview.actor_type_text}
            )
        if interview.date_text and interview.interview_date is None:
            warnings.append(
                _("Interview %(number)d: the date “%(text)s” could not be read; enter it.")
                % {"number": number, "text": interview.date_text}
            )
    if language_hint and imported.language and imported.language != language_hint[:2]:
        if imported.language == "en":
            warnings.append(_("The document is written in English; its text is kept as written."))
        else:
            warnings.append(_("The document is written in Swedish; its text is kept as written."))


# --- After the preview -------------------------------------------------------------------


def move_block(imported: ImportedHomework, index: int, to: str | int) -> None:
    """Move a block to "statement", "unplaced", or the interview at position `to`
    (from 0), keeping each part in the document's order."""
    parts = [imported.statement_blocks, imported.unplaced, imported.ignored]
    for interview in imported.interviews:
        parts += [interview.answer_blocks, interview.metadata_blocks]
    for part in parts:
        if index in part:
            part.remove(index)
    if to == "statement":
        target = imported.statement_blocks
    elif to == "unplaced":
        target = imported.unplaced
    else:
        target = imported.interviews[int(to)].answer_blocks
    target.append(index)
    target.sort()


def add_interview(imported: ImportedHomework) -> int:
    """An empty interview for blocks to be moved to; its position."""
    imported.interviews.append(ImportedInterview(heading_block=None))
    return len(imported.interviews) - 1


def texts(imported: ImportedHomework) -> tuple[str, list[str]]:
    """The role statement's text and each interview's answers, as they would be saved."""
    return (
        _join(imported.blocks, imported.statement_blocks),
        [_join(imported.blocks, i.answer_blocks) for i in imported.interviews],
    )


def _join(blocks: list[Block], indexes: list[int]) -> str:
    """Blocks with a blank line between paragraphs; a list's items and a table's rows stay
    on consecutive lines."""
    out = []
    previous = None
    for index in indexes:
        block = blocks[index]
        if previous is not None:
            together = (
                block.kind == previous.kind in (LIST, TABLE_ROW) and index == previous.index + 1
            )
            out.append("\n" if together else "\n\n")
        out.append(block.text)
        previous = block
    return "".join(out)


# --- Which region wrote it ---------------------------------------------------------------

REGION_WORDS = {
    "jamtland-harjedalen": ["jamtland harjedalen", "jamtland", "harjedalen"],
    "jonkoping": ["jonkoping"],
    "kalmar": ["kalmar"],
    "sormland": ["sormland", "sodermanland"],
    "vgr": ["vgr", "vastra gotalandsregionen", "vastra gotaland", "vgregion"],
    "orebro": ["orebro"],
}


def _fold(text: str) -> str:
    """Lower case ASCII words: "Region Västerbotten" and "region_vasterbotten" alike."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


def _region_patterns() -> list[tuple[str, re.Pattern]]:
    patterns = []
    for slug, name in REGIONS:
        words = REGION_WORDS.get(slug, [_fold(name).strip()])
        alternatives = "|".join(re.escape(w).replace(r"\ ", " ?") for w in words)
        pattern = re.compile(rf"(?<=[ ])(region ?)?(?:{alternatives})s?(?=[ ])")
        patterns.append((name, pattern))
    return patterns


REGION_PATTERNS = _region_patterns()


def find_region(name: str, text: str) -> str | None:
    """The region (its name as in reglab.regions) a homework file is from: named in the
    file name, or else the one its text names most, above all as "Region X" and near the
    top. None when it is not clear; the bulk import's preview asks then."""
    in_name = [region for region, pattern in REGION_PATTERNS if pattern.search(_fold(name))]
    if len(in_name) == 1:
        return in_name[0]
    folded = _fold(text)
    scores = Counter()
    for region, pattern in REGION_PATTERNS:
        if in_name and region not in in_name:
            continue
        for match in pattern.finditer(folded):
            scores[region] += 1 + (2 if match[1] else 0) + (2 if match.start() < 300 else 0)
    ranked = scores.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
