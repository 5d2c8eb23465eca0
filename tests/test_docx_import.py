"""Issue 15: a homework written in Word is read into the role statement and the interviews,
and a file that is not a readable .docx gets a message that says what to do.

The files are made here: with python-docx, by filling in the portal's own template, and by
LibreOffice Writer (`soffice --headless --convert-to docx`, one call for the module)."""

import copy
import io
import json
import shutil
import struct
import subprocess
import unicodedata
import uuid
import zipfile
from datetime import UTC, date, datetime

import docx
import pytest
from django.utils import translation
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from interviews import docx_import
from interviews.docx_import import (
    MAX_BYTES,
    OLE_MAGIC,
    TEMPLATE_HEADINGS,
    DocxError,
    actor_type_from_text,
    add_interview,
    check_upload,
    find_region,
    import_homework,
    move_block,
    parse_date,
    read_docx,
    split_homework,
    texts,
)
from interviews.docx_template import template_docx
from interviews.models import Interview
from reglab.regions import REGIONS
from submissions.models import Assignment

W = Interview.ActorType


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bold_line(document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def metadata_table(document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value


# --- The template, filled in and imported ------------------------------------------------


def fill_template(
    data: bytes,
    language: str,
    statement: list[str],
    interviews: list,
    region: str = "Västerbotten",
) -> bytes:
    """Write into the template as a region would: the region's line, under the statement's
    heading, into each interview's table and under its answers heading."""
    words = TEMPLATE_HEADINGS[language]
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    next(p for p in paragraphs if p.text.startswith("Region:")).add_run(region)
    blanks = [
        paragraphs[n + 1]
        for n, p in enumerate(paragraphs)
        if p.text in (words["statement"], words["answers"])
    ]
    for blank, lines in zip(blanks, [statement] + [i["answers"] for i in interviews], strict=True):
        blank.text = lines[0]
        for line in reversed(lines[1:]):
            new = copy.deepcopy(blank._p)
            blank._p.addnext(new)
            Paragraph(new, blank._parent).text = line
    for table, interview in zip(document.tables, interviews, strict=True):
        for row, value in zip(table.rows, interview["metadata"], strict=True):
            row.cells[1].text = value
    return save(document)


SV_INTERVIEWS = [
    {
        "metadata": ["Arbetsförmedlingen Umeå", "Arbetsförmedlingen", "2026-03-03", "Chef"],
        "answers": ["Fråga 1: Vad gör regionen?", "Regionen samordnar insatser."],
    },
    {
        "metadata": ["Umeå kommun", "Kommun", "10 mars 2026", "Strateg"],
        "answers": ["Kommunen vill se en röst i nationella frågor."],
    },
    {
        "metadata": ["Länsstyrelsen Västerbotten", "Länsstyrelse", "12/3 2026", "Handläggare"],
        "answers": ["De ser regionen som en dörröppnare.", "Och som en förebild."],
    },
]


def test_the_filled_in_swedish_template_lands_in_the_right_parts():
    data = fill_template(
        template_docx("sv"),
        "sv",
        ["Vi vill samordna integrationsarbetet.", "Vi vill också lära av andra."],
        SV_INTERVIEWS,
    )
    imported = import_homework("hemläxa.docx", data, language_hint="sv")

    statement, answers = texts(imported)
    assert statement == "Vi vill samordna integrationsarbetet.\n\nVi vill också lära av andra."
    assert answers == [
        "Fråga 1: Vad gör regionen?\n\nRegionen samordnar insatser.",
        "Kommunen vill se en röst i nationella frågor.",
        "De ser regionen som en dörröppnare.\n\nOch som en förebild.",
    ]
    found = [
        (i.organisation, i.actor_type, i.interview_date, i.interviewee_function)
        for i in imported.interviews
    ]
    assert found == [
        ("Arbetsförmedlingen Umeå", W.ARBETSFORMEDLINGEN, date(2026, 3, 3), "Chef"),
        ("Umeå kommun", W.KOMMUN, date(2026, 3, 10), "Strateg"),
        ("Länsstyrelsen Västerbotten", W.LANSSTYRELSE, date(2026, 3, 12), "Handläggare"),
    ]
    # The title, the instructions, the region line and the "Svar" headings are left out
    # without a word; nothing waits to be placed.
    assert imported.unplaced == [] and imported.warnings == []
    assert imported.language == "sv"
    assert all(i.consent is None for i in imported.interviews)
    assert find_region("hemläxa.docx", "\n".join(b.text for b in imported.blocks)) == (
        "Västerbotten"
    )


def test_the_filled_in_english_template_lands_in_the_right_parts():
    interviews = [
        {
            "metadata": [
                "Umeå University",
                "University or university college",
                "3 March 2026",
                "",
            ],
            "answers": ["They want a convener."],
        },
        {
            "metadata": ["Umeå City Library", "Library", "2026-03-04", "Librarian"],
            "answers": ["Spread knowledge."],
        },
        {
            "metadata": ["Red Cross", "Civil-society organisation", "March 5, 2026", "Chair"],
            "answers": ["Open doors for us."],
        },
    ]
    data = fill_template(template_docx("en"), "en", ["We coordinate."], interviews)
    imported = import_homework("homework.docx", data, language_hint="en")

    assert texts(imported) == (
        "We coordinate.",
        ["They want a convener.", "Spread knowledge.", "Open doors for us."],
    )
    assert [(i.actor_type, i.interview_date) for i in imported.interviews] == [
        (W.UNIVERSITET, date(2026, 3, 3)),
        (W.BIBLIOTEK, date(2026, 3, 4)),
        (W.CIVILSAMHALLE, date(2026, 3, 5)),
    ]
    assert imported.interviews[0].interviewee_function is None
    assert imported.language == "en" and imported.warnings == []


def test_the_template_uses_words_built_in_heading_styles_and_lists_the_actor_types():
    document = docx.Document(io.BytesIO(template_docx("en")))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name != "Normal"]
    assert ("Heading 1", "Role statement") in headings
    assert [text for style, text in headings if style == "Heading 1"] == [
        "Role statement",
        "Interview 1",
        "Interview 2",
        "Interview 3",
    ]
    assert headings.count(("Heading 2", "Answers")) == 3
    labels = [row.cells[0].text for row in document.tables[0].rows]
    assert labels[0] == "Organisation" and labels[3] == "Interviewee's function"
    for label in Interview.ActorType.labels:
        assert str(label) in labels[1]
    every_text = " ".join(p.text for p in document.paragraphs)
    assert "Consent to quoting and the quotes are chosen in the portal" in every_text


def test_an_assignments_template_has_its_interviews_and_instructions_and_still_imports():
    assignment = Assignment(
        title_sv="Hemläxa 2027",
        title_en="Homework 2027",
        instructions_sv="Beskriv er roll.\n\nIntervjua fyra aktörer.",
        deadline=datetime(2027, 3, 1, 12, tzinfo=UTC),
        min_interviews=4,
    )
    data = template_docx("sv", assignment)
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "Hemläxa 2027"
    assert "Intervjua fyra aktörer." in [p.text for p in document.paragraphs]
    imported = import_homework("mall.docx", data)
    assert len(imported.interviews) == 4
    assert imported.unplaced == [] and imported.statement_blocks == []


def test_every_actor_type_label_reads_back_as_its_type_in_both_languages():
    for language in ("sv", "en"):
        with translation.override(language):
            for value, label in Interview.ActorType.choices:
                assert actor_type_from_text(str(label)) == value, (language, label)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kommun", W.KOMMUN),
        ("Göteborgs Stad", W.KOMMUN),
        ("Umeå stadsbibliotek", W.BIBLIOTEK),
        ("Högskolan Dalarna", W.UNIVERSITET),
        ("Idéburen organisation", W.CIVILSAMHALLE),
        ("Civilsamhälle", W.CIVILSAMHALLE),
        ("Företag", W.NARINGSLIV),
        ("Public Employment Service", W.ARBETSFORMEDLINGEN),
        ("Region Västerbotten", None),
        ("Stadsmissionen", None),
        ("", None),
    ],
)
def test_free_text_actor_types_are_mapped_or_left_for_the_preview(text, expected):
    assert actor_type_from_text(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-03-03", date(2026, 3, 3)),
        ("3 mars 2026", date(2026, 3, 3)),
        ("den 3:e mars 2026", date(2026, 3, 3)),
        ("3/3 2026", date(2026, 3, 3)),
        ("03.03.2026", date(2026, 3, 3)),
        ("12 oktober 2026", date(2026, 10, 12)),
        ("March 3, 2026", date(2026, 3, 3)),
        ("3rd March 2026", date(2026, 3, 3)),
        ("2026-02-30", None),
        ("förra veckan", None),
    ],
)
def test_dates_are_read_in_swedish_and_iso_forms(text, expected):
    assert parse_date(text) == expected


# --- Files made with python-docx ---------------------------------------------------------


def test_heading_styles_bold_lines_tables_and_lists_land_in_the_right_parts():
    document = docx.Document()
    document.add_heading("Hemläxa Region Halland", level=0)
    document.add_paragraph("Inledande rad utan rubrik.")
    document.add_heading("Vår roll", level=1)
    document.add_paragraph("Vi är en samordnare.")
    document.add_paragraph("Nätverk", style="List Bullet")
    document.add_paragraph("Kunskap", style="List Bullet")
    bold_line(document, "Intervju med Arbetsförmedlingen")
    document.add_paragraph("Datum: 3 mars 2026")
    document.add_paragraph("Roll: Sektionschef")
    document.add_paragraph("De vill att regionen samordnar.")
    document.add_heading("Interview 2 – Municipality of Halmstad", level=2)
    metadata_table(document, [("Aktörstyp", "Kommun"), ("Datum", "2026-03-04")])
    document.add_paragraph("Steg ett", style="List Number")
    document.add_paragraph("Steg två", style="List Number")
    data = save(document)

    imported = import_homework("halland.docx", data)
    statement, answers = texts(imported)
    assert statement == "Vi är en samordnare.\n\n– Nätverk\n– Kunskap"
    assert answers == ["De vill att regionen samordnar.", "1. Steg ett\n2. Steg två"]
    first, second = imported.interviews
    assert (first.organisation, first.actor_type) == ("Arbetsförmedlingen", W.ARBETSFORMEDLINGEN)
    assert (first.interview_date, first.interviewee_function) == (date(2026, 3, 3), "Sektionschef")
    assert (second.organisation, second.actor_type) == ("Municipality of Halmstad", W.KOMMUN)
    assert second.interview_date == date(2026, 3, 4)
    assert [imported.blocks[i].text for i in imported.unplaced] == ["Inledande rad utan rubrik."]
    assert imported.blocks[imported.ignored[0]].text == "Hemläxa Region Halland"
    assert "1 paragraph is outside the role statement and the interviews" in imported.warnings[0]


def test_swedish_style_names_and_outline_levels_make_headings():
    document = docx.Document()
    rubrik = document.styles.add_style("Rubrik 1", 1)
    rubrik.font.size = Pt(16)
    outline = document.styles.add_style("Egen rubrik", 1)
    outline.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    document.add_paragraph("Rollbeskrivning", style="Rubrik 1")
    document.add_paragraph("Text.")
    document.add_paragraph("Intervju 1", style="Egen rubrik")
    document.add_paragraph("Svar.")
    blocks = read_docx(save(document))
    assert [(b.kind, b.level) for b in blocks] == [
        ("heading", 1),
        ("paragraph", None),
        ("heading", 1),
        ("paragraph", None),
    ]
    assert texts(split_homework(blocks)) == ("Text.", ["Svar."])


def test_a_long_bold_line_or_a_bold_sentence_is_not_a_heading():
    document = docx.Document()
    bold_line(document, "Intervju 1")
    bold_line(
        document,
        "En rad i fetstil som är alldeles för lång för att vara en rubrik, hur man än ser på den",
    )
    bold_line(document, "En kort mening i fetstil.")
    blocks = read_docx(save(document))
    assert [b.kind for b in blocks] == ["heading", "paragraph", "paragraph"]


def test_decomposed_swedish_characters_come_out_composed():
    document = docx.Document()
    document.add_heading(unicodedata.normalize("NFD", "Rollbeskrivning för Västerås"), level=1)
    document.add_paragraph(unicodedata.normalize("NFD", "Vi samordnar i Örebro och Skåne."))
    imported = import_homework("x.docx", save(document))
    statement = texts(imported)[0]
    assert statement == "Vi samordnar i Örebro och Skåne."
    assert unicodedata.is_normalized("NFC", statement)
    assert imported.blocks[0].text == "Rollbeskrivning för Västerås"


def test_a_comment_is_not_text_and_tracked_changes_count_as_accepted():
    document = docx.Document()
    document.add_heading("Rollbeskrivning", level=1)
    paragraph = document.add_paragraph("Vi vill ")
    # A tracked insertion and a tracked deletion, as Word writes them.
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="Anna" w:date="2026-03-01T10:00:00Z">'
            "<w:r><w:t xml:space='preserve'>gärna </w:t></w:r></w:ins>"
        )
    )
    paragraph.add_run("samordna")
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="Anna" w:date="2026-03-01T10:00:00Z">'
            "<w:r><w:delText> och styra</w:delText></w:r></w:del>"
        )
    )
    commented = paragraph.add_run(" insatserna.")
    document.add_comment(commented, text="KOMMENTAR: stämmer detta?", author="Bo")
    # A table row deleted with tracked changes is gone too.
    metadata_table(document, [("Kvar", "ja"), ("Borta", "ja")])
    row = document.tables[0].rows[1]._tr
    row.get_or_add_trPr().append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="3" w:author="Anna" w:date="2026-03-01T10:00:00Z"/>'
        )
    )

    imported = import_homework("x.docx", save(document))
    assert texts(imported)[0] == "Vi vill gärna samordna insatserna.\n\nKvar: ja"
    assert "KOMMENTAR" not in " ".join(b.text for b in imported.blocks)


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
VML = "urn:schemas-microsoft-com:vml"


def test_a_text_box_is_read_once_after_its_paragraph():
    document = docx.Document()
    document.add_heading("Rollbeskrivning", level=1)
    anchor = document.add_paragraph("Före rutan.")
    box = "<w:txbxContent><w:p><w:r><w:t>I rutan.</w:t></w:r></w:p></w:txbxContent>"
    anchor._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')} xmlns:mc='{MC}' xmlns:v='{VML}'><mc:AlternateContent>"
            f"<mc:Choice Requires='wps'><w:drawing>{box}</w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
            "</mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    document.add_paragraph("Efter rutan.")
    assert texts(import_homework("x.docx", save(document)))[0] == (
        "Före rutan.\n\nI rutan.\n\nEfter rutan."
    )


def test_an_english_document_imports_with_english_headings():
    document = docx.Document()
    document.add_heading("Role statement", level=1)
    document.add_paragraph("We want to be a knowledge broker.")
    document.add_heading("Interview 1 – Västerbotten County Administrative Board", level=1)
    document.add_paragraph("Date: 3 March 2026")
    document.add_paragraph("Position: Analyst")
    document.add_heading("Answers", level=2)
    document.add_paragraph("They see the region as a voice.")
    document.add_heading("Interview 2 with Umeå Municipality", level=1)
    document.add_paragraph("Organization: Umeå Municipality\nActor type: Municipality")
    document.add_paragraph("More coordination, please.")

    imported = import_homework("homework.docx", save(document), language_hint="sv")
    assert texts(imported) == (
        "We want to be a knowledge broker.",
        ["They see the region as a voice.", "More coordination, please."],
    )
    first, second = imported.interviews
    assert first.actor_type == W.LANSSTYRELSE and first.interviewee_function == "Analyst"
    assert (second.organisation, second.actor_type) == ("Umeå Municipality", W.KOMMUN)
    assert imported.language == "en"
    assert imported.warnings == [
        "The document is written in English; its text is kept as written."
    ]


def test_unreadable_metadata_is_left_for_the_preview_with_a_warning():
    document = docx.Document()
    document.add_heading("Rollbeskrivning", level=1)
    document.add_paragraph("Text.")
    document.add_heading("Intervju 1", level=1)
    metadata_table(document, [("Aktörstyp", "Region"), ("Datum", "i förrgår")])
    document.add_paragraph("Svar.")
    imported = import_homework("x.docx", save(document))
    interview = imported.interviews[0]
    assert (interview.actor_type, interview.interview_date, interview.consent) == (
        None,
        None,
        None,
    )
    assert (interview.actor_type_text, interview.date_text) == ("Region", "i förrgår")
    assert imported.warnings == [
        "Interview 1: the actor type “Region” is not one of the portal's; choose one in the "
        "preview.",
        "Interview 1: the date “i förrgår” could not be read; enter it.",
    ]


def test_a_document_without_the_templates_headings_goes_to_the_statement_with_a_warning():
    document = docx.Document()
    document.add_heading("Vår syn", level=1)
    document.add_paragraph("Första stycket.")
    document.add_paragraph("Andra stycket.")
    imported = import_homework("x.docx", save(document))
    assert texts(imported) == ("Vår syn\n\nFörsta stycket.\n\nAndra stycket.", [])
    assert "None of the template's headings" in imported.warnings[0]


def test_the_preview_moves_a_paragraph_and_carries_the_import_as_json():
    document = docx.Document()
    document.add_heading("Rollbeskrivning", level=1)
    document.add_paragraph("Vi samordnar.")
    document.add_paragraph("Kommunen sa att vi samordnar.")
    document.add_heading("Intervju 1", level=1)
    document.add_paragraph("Datum: 2026-03-03")
    document.add_paragraph("Bra samarbete.")
    imported = import_homework("x.docx", save(document))
    assert texts(imported) == (
        "Vi samordnar.\n\nKommunen sa att vi samordnar.",
        ["Bra samarbete."],
    )

    carried = docx_import.ImportedHomework.from_dict(json.loads(json.dumps(imported.to_dict())))
    assert carried == imported
    move_block(carried, 2, 0)
    assert texts(carried) == ("Vi samordnar.", ["Kommunen sa att vi samordnar.\n\nBra samarbete."])
    position = add_interview(carried)
    move_block(carried, 5, position)
    assert texts(carried)[1] == ["Kommunen sa att vi samordnar.", "Bra samarbete."]
    move_block(carried, 1, "unplaced")
    assert texts(carried)[0] == "" and carried.unplaced == [1]


# --- Files written by LibreOffice Writer -------------------------------------------------

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer",
)

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Title" style:family="paragraph">
   <style:text-properties fo:font-size="24pt"/></style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1"
   style:family="paragraph" style:default-outline-level="1">
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2"
   style:family="paragraph" style:default-outline-level="2">
   <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="B" style:family="text">
   <style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="PB" style:family="paragraph">
   <style:text-properties fo:font-weight="bold"/></style:style>
  <text:list-style style:name="Bullets">
   <text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>
  <text:list-style style:name="Numbers">
   <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
  </text:list-style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:tracked-changes text:track-changes="false">
   <text:changed-region text:id="ins"><text:insertion><office:change-info>
    <dc:creator>Anna</dc:creator><dc:date>2026-03-01T10:00:00</dc:date>
   </office:change-info></text:insertion></text:changed-region>
   <text:changed-region text:id="del"><text:deletion><office:change-info>
    <dc:creator>Anna</dc:creator><dc:date>2026-03-01T10:00:00</dc:date>
   </office:change-info><text:p>BORTTAGET</text:p></text:deletion></text:changed-region>
  </text:tracked-changes>
  BODY
 </office:text></office:body>
</office:document>
"""


def h(level: int, text: str) -> str:
    style = f'text:style-name="Heading_20_{level}" text:outline-level="{level}"'
    return f"<text:h {style}>{text}</text:h>"


def p(text: str, style: str = "") -> str:
    return (
        f'<text:p text:style-name="{style}">{text}</text:p>'
        if style
        else f"<text:p>{text}</text:p>"
    )


def bold(text: str) -> str:
    return p(f'<text:span text:style-name="B">{text}</text:span>')


def items(style: str, *texts: str) -> str:
    inner = "".join(f"<text:list-item>{p(t)}</text:list-item>" for t in texts)
    return f'<text:list text:style-name="{style}">{inner}</text:list>'


def table(*rows: tuple[str, str]) -> str:
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string">{p(c)}</table:table-cell>' for c in row
        )
        + "</table:table-row>"
        for row in rows
    )
    return (
        f'<table:table table:name="T{uuid.uuid4().hex[:6]}">'
        f'<table:table-column table:number-columns-repeated="2"/>{cells}</table:table>'
    )


INSERTED = '<text:change-start text:change-id="ins"/>gärna <text:change-end text:change-id="ins"/>'
DELETED = '<text:change text:change-id="del"/>'
COMMENT = (
    "<office:annotation><dc:creator>Bo</dc:creator><dc:date>2026-03-01T10:00:00</dc:date>"
    "<text:p>KOMMENTAR: källa?</text:p></office:annotation>"
)

# Styled headings, "Label: value" lines, a table, lists, a comment and tracked changes.
STYLED = [
    p("Hemläxa – Region Västerbotten", "Title"),
    h(1, "Rollbeskrivning"),
    p(f"Region Västerbotten vill {INSERTED}samordna{DELETED} integrationsarbetet i länet."),
    p(f"Vi ser oss som kunskapsförmedlare{COMMENT} och nätverksledare."),
    items("Bullets", "Samordna aktörerna", "Sprida goda exempel"),
    h(1, "Intervju 1 – Arbetsförmedlingen Umeå"),
    p("Aktörstyp: Arbetsförmedlingen"),
    p("Datum: 3 mars 2026"),
    p("Funktion: Enhetschef"),
    p("Fråga 1: Hur ser ni på regionens roll?"),
    p("Regionen är en viktig samordnare för oss."),
    h(1, "Intervju 2"),
    table(
        ("Organisation", "Umeå kommun"),
        ("Aktörstyp", "Kommun"),
        ("Datum", "2026-03-10"),
        ("Funktion hos den intervjuade", "Integrationsstrateg"),
    ),
    h(2, "Svar"),
    p("De vill att regionen driver nätverket."),
    items("Numbers", "Mötesplatser", "Öppna dörrar"),
    h(1, "Intervju 3 med Länsstyrelsen Västerbotten"),
    p("Datum: 12/3 2026"),
    p("Länsstyrelsen ser regionen som en röst i nationella frågor."),
]

# Headings as plain bold lines, metadata in tables, decomposed å ä ö, a tracked deletion.
NFD = "Östersunds kommun".replace("Ö", "O\u0308")
BOLD = [
    p("Hemläxa från Region Jämtland Härjedalen"),
    bold("Vår roll"),
    p("Vi vill vara en dörröppnare i Jämtland och Härjedalen."),
    bold(f"Intervju med {NFD}"),
    table(("Aktörstyp", "Kommun"), ("Datum", "5 mars 2026"), ("Roll", "Samordnare")),
    p("Kommunen önskar mer samordning."),
    bold("Intervju 2: Mittuniversitetet"),
    p("Aktörstyp: Universitet"),
    p("Datum: 2026-03-07"),
    p(f"Forskarna vill att regionen {INSERTED}prövar{DELETED} nya metoder."),
    bold("Intervju 3 – Föreningen Vän i Jämtland"),
    p("Aktörstyp: Idéburen organisation"),
    items("Bullets", "Mer stöd", "Fler mötesplatser"),
]

ENGLISH_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Homework</title></head><body>
<h1>Role statement</h1><p>We want to coordinate — and learn from Skåne.</p>
<ul><li>Convene networks</li><li>Spread knowledge</li></ul>
<h2>Interview 1 – Municipality of Umeå</h2>
<table border="1"><tr><td>Actor type</td><td>Municipality</td></tr>
<tr><td>Date</td><td>March 3, 2026</td></tr><tr><td>Position</td><td>Planner</td></tr></table>
<p><b>Answers</b></p><p>They see us as a <i>convener</i>.</p>
<h2>Interview 2 – Västerbotten County Administrative Board</h2>
<p>Date: 2026-03-05</p><p>They want a voice towards the state.</p>
</body></html>
"""


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory) -> dict[str, bytes]:
    """The module's LibreOffice files, converted to .docx in one soffice call."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = {
        "styled.fodt": FODT.replace("BODY", "\n".join(STYLED)),
        "bold.fodt": FODT.replace("BODY", "\n".join(BOLD)),
        "english.html": ENGLISH_HTML,
    }
    for name, text in sources.items():
        (folder / name).write_text(text, encoding="utf-8")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            *(str(folder / name) for name in sources),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return {
        name.split(".")[0]: (folder / "out" / (name.split(".")[0] + ".docx")).read_bytes()
        for name in sources
    }


@needs_soffice
def test_a_libreoffice_file_with_styles_comments_and_tracked_changes(libreoffice):
    imported = import_homework("vasterbotten.docx", libreoffice["styled"])
    statement, answers = texts(imported)
    assert statement == (
        "Region Västerbotten vill gärna samordna integrationsarbetet i länet.\n\n"
        "Vi ser oss som kunskapsförmedlare och nätverksledare.\n\n"
        "– Samordna aktörerna\n– Sprida goda exempel"
    )
    assert answers == [
        "Fråga 1: Hur ser ni på regionens roll?\n\nRegionen är en viktig samordnare för oss.",
        "De vill att regionen driver nätverket.\n\n1. Mötesplatser\n2. Öppna dörrar",
        "Länsstyrelsen ser regionen som en röst i nationella frågor.",
    ]
    found = [
        (i.organisation, i.actor_type, i.interview_date, i.interviewee_function)
        for i in imported.interviews
    ]
    assert found == [
        ("Arbetsförmedlingen Umeå", W.ARBETSFORMEDLINGEN, date(2026, 3, 3), "Enhetschef"),
        ("Umeå kommun", W.KOMMUN, date(2026, 3, 10), "Integrationsstrateg"),
        ("Länsstyrelsen Västerbotten", W.LANSSTYRELSE, date(2026, 3, 12), None),
    ]
    all_text = " ".join(b.text for b in imported.blocks)
    assert "KOMMENTAR" not in all_text and "BORTTAGET" not in all_text
    assert imported.unplaced == [] and imported.warnings == []


@needs_soffice
def test_a_libreoffice_file_with_bold_lines_as_headings_and_tables(libreoffice):
    imported = import_homework("hemlaxa.docx", libreoffice["bold"])
    statement, answers = texts(imported)
    assert statement == "Vi vill vara en dörröppnare i Jämtland och Härjedalen."
    assert answers == [
        "Kommunen önskar mer samordning.",
        "Forskarna vill att regionen gärna prövar nya metoder.",
        "– Mer stöd\n– Fler mötesplatser",
    ]
    found = [(i.organisation, i.actor_type, i.interview_date) for i in imported.interviews]
    assert found == [
        ("Östersunds kommun", W.KOMMUN, date(2026, 3, 5)),
        ("Mittuniversitetet", W.UNIVERSITET, date(2026, 3, 7)),
        ("Föreningen Vän i Jämtland", W.CIVILSAMHALLE, None),
    ]
    assert unicodedata.is_normalized("NFC", found[0][0])
    assert imported.interviews[0].interviewee_function == "Samordnare"
    # The first line is outside the parts: the preview offers to move it.
    assert [imported.blocks[i].text for i in imported.unplaced] == [
        "Hemläxa från Region Jämtland Härjedalen"
    ]
    text = "\n".join(b.text for b in imported.blocks)
    assert find_region("hemlaxa.docx", text) == "Jämtland Härjedalen"


@needs_soffice
def test_a_libreoffice_file_from_english_html(libreoffice):
    imported = import_homework("homework.docx", libreoffice["english"], language_hint="en")
    assert texts(imported) == (
        "We want to coordinate — and learn from Skåne.\n\n– Convene networks\n– Spread knowledge",
        ["They see us as a convener.", "They want a voice towards the state."],
    )
    found = [
        (i.organisation, i.actor_type, i.interview_date, i.interviewee_function)
        for i in imported.interviews
    ]
    assert found == [
        ("Municipality of Umeå", W.KOMMUN, date(2026, 3, 3), "Planner"),
        ("Västerbotten County Administrative Board", W.LANSSTYRELSE, date(2026, 3, 5), None),
    ]
    assert imported.language == "en" and imported.warnings == []


# --- Bad files ---------------------------------------------------------------------------


def a_docx(text: str = "Hej") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    return save(document)


def rezip(data: bytes, *, drop=(), replace=None, add=None, stored=False) -> bytes:
    """The package with members left out, replaced or added."""
    out = io.BytesIO()
    compression = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", compression) as zf:
        for item in source.infolist():
            if item.filename in drop:
                continue
            content = source.read(item.filename)
            if replace and item.filename in replace:
                content = replace[item.filename](content)
            zf.writestr(item.filename, content)
        for name, content in (add or {}).items():
            zf.writestr(name, content)
    return out.getvalue()


def compound_file(*streams: str) -> bytes:
    """A minimal OLE compound file, the container of an old .doc and of a .docx saved with
    a password, holding empty streams with these names."""
    end, free, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<9I", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    fat = struct.pack("<128I", 0xFFFFFFFD, end, *([free] * 126))
    entries = [("Root Entry", 5, 1 if streams else no_stream)]
    entries += [(name, 2, no_stream) for name in streams]
    directory = bytearray(512)
    for n, (name, kind, child) in enumerate(entries):
        encoded = (name + "\0").encode("utf-16-le")
        offset = n * 128
        directory[offset : offset + len(encoded)] = encoded
        right = n + 1 if 0 < n < len(entries) - 1 else no_stream
        struct.pack_into(
            "<HBBIII", directory, offset + 64, len(encoded), kind, 1, no_stream, right, child
        )
        struct.pack_into("<IQ", directory, offset + 116, end, 0)
    return bytes(header) + fat + bytes(directory)


def message(name: str, data: bytes) -> str:
    with pytest.raises(DocxError) as raised:
        check_upload(name, data)
    assert isinstance(raised.value, ValueError)
    return str(raised.value)


def test_a_good_file_passes_the_check():
    check_upload("hemläxa.docx", a_docx())


def test_a_file_over_20_mb_is_refused_before_it_is_opened():
    text = message("stor.docx", b"PK\x03\x04" + bytes(MAX_BYTES))
    assert "at most 20.0\xa0MB can be imported" in text and "Compress Pictures" in text


def test_a_renamed_pdf_is_told_to_be_the_word_file():
    text = message("hemläxa.docx", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    assert text.startswith("This is a PDF file, not a Word document.")
    assert "save it as a Word document (.docx)" in text


def test_an_old_doc_file_is_told_to_be_saved_as_docx():
    text = message("hemläxa.doc", compound_file("WordDocument", "1Table"))
    assert text.startswith("This is an old Word document (.doc).")
    assert "Word document (.docx)" in text


def test_a_password_protected_docx_is_told_to_be_saved_without_a_password():
    data = compound_file("EncryptionInfo", "EncryptedPackage")
    text = message("hemläxa.docx", data)
    assert text.startswith("This file is protected by a password")
    assert "remove the password" in text


def test_an_unknown_compound_file_gets_both_ways_out():
    text = message("hemläxa.docx", compound_file("WordDocument"))
    assert "old Word document (.doc) or a password-protected file" in text
    assert "without a password" in text


def test_an_odt_is_told_to_be_saved_as_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    text = message("hemläxa.odt", out.getvalue())
    assert text.startswith("This is an OpenDocument text (.odt).")
    assert "Word document (.docx)" in text


def test_a_macro_enabled_docm_is_refused():
    macro = "application/vnd.ms-word.document.macroEnabled.main+xml"
    plain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    data = rezip(
        a_docx(),
        replace={"[Content_Types].xml": lambda c: c.replace(plain.encode(), macro.encode())},
        add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros"},
    )
    text = message("hemläxa.docm", data)
    assert text.startswith("This Word document contains macros (.docm)")
    assert "leaves the macros out" in text
    # The macros' part alone is enough.
    assert "macros" in message("x.docx", rezip(a_docx(), add={"word/vbaProject.bin": b"x"}))


def test_a_truncated_zip_is_damaged():
    data = a_docx()
    text = message("hemläxa.docx", data[: len(data) // 2])
    assert text.startswith("The file is damaged and cannot be read.")
    assert "which offers to repair it" in text


def test_a_zip_with_a_bad_checksum_is_damaged():
    data = rezip(a_docx("Hemläxa med text"), stored=True)
    broken = data.replace("Hemläxa".encode(), "Hemlöxa".encode(), 1)
    assert broken != data
    assert message("x.docx", broken).startswith("The file is damaged")


def test_a_zip_without_the_document_part_is_damaged():
    data = rezip(a_docx(), drop={"word/document.xml"})
    assert message("x.docx", data).startswith("The file is damaged")


def test_another_office_file_is_not_a_word_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
    text = message("hemläxa.xlsx", out.getvalue())
    assert text.startswith("This is not a Word document (.docx).")


def test_a_zip_bomb_of_101_mb_of_zeros_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(101):
                member.write(chunk)
    assert len(out.getvalue()) < MAX_BYTES
    text = message("bomb.docx", out.getvalue())
    assert text.startswith("The file unpacks to far more than a Word document holds")


def test_a_zip_bomb_is_refused_by_one_parts_ratio():
    data = rezip(a_docx(), add={"word/media/image1.bmp": bytes(20 * 1024 * 1024)})
    assert "unpacks to far more" in message("bomb.docx", data)


def test_a_zip_bomb_is_refused_by_its_declared_sizes_before_anything_is_unpacked():
    """The directory claims 200 MB; unpacking would have found a bad checksum instead."""
    data = a_docx()
    entry = data.rindex(b"PK\x01\x02")
    forged = data[: entry + 24] + struct.pack("<I", 200 * 1024 * 1024) + data[entry + 28 :]
    assert "unpacks to far more" in message("bomb.docx", forged)


def test_an_empty_document_is_told_it_has_no_text():
    document = docx.Document()
    document.add_paragraph("   ")
    document.add_table(rows=2, cols=2)
    text = message("tom.docx", save(document))
    assert text.startswith("The document has no text.")
    assert message("tom.docx", b"").startswith("The document has no text.")


# --- The region of a file, for the bulk import -------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("vasterbotten_hemlaxa.docx", "Västerbotten"),
        ("Region Västerbotten.docx", "Västerbotten"),
        ("Va\u0308sternorrland.docx", "Västernorrland"),
        ("VGR.docx", "Västra Götalandsregionen"),
        ("Region Skåne hemläxa.docx", "Skåne"),
        ("RegionSkane.docx", "Skåne"),
        ("skane.docx", "Skåne"),
        ("Orebro.docx", "Örebro län"),
        ("Jönköpings län.docx", "Jönköpings län"),
        ("sodermanland-2026.docx", "Sörmland"),
        ("Gotland.docx", "Gotland"),
        ("vastra_gotaland.docx", "Västra Götalandsregionen"),
    ],
)
def test_the_region_is_found_in_the_file_name(name, expected):
    assert find_region(name, "") == expected


def test_the_region_is_found_in_the_text_when_the_name_does_not_tell():
    text = (
        "Hemläxa från Region Västerbotten\n\n"
        + "Vi har arbetat länge med integration. " * 10
        + "Vi har också lärt av Region Västernorrland och av Skåne."
    )
    assert find_region("hemläxa.docx", text) == "Västerbotten"
    assert find_region("hemläxa.docx", "Halland och Skåne samarbetar.") is None
    assert find_region("hemläxa.docx", "") is None
    assert {find_region(f"{name}.docx", "") for _, name in REGIONS} == {n for _, n in REGIONS}
