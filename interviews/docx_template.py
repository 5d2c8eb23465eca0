"""The Word template for a region that writes its homework offline.

Its headings and table labels are the importer's own vocabulary (docx_import), so a
filled-in template imports with every paragraph in its part. The instructions are in the
hint style, which the importer leaves out.
"""

import io

import docx
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .docx_import import HINT_STYLE, REGION_LABEL, TEMPLATE_HEADINGS, TEMPLATE_LABELS
from .models import Interview

DEFAULT_INTERVIEWS = 3
# Dark enough for WCAG AA contrast on white, light enough to read as a hint.
HINT_COLOUR = RGBColor(0x59, 0x59, 0x59)
WORD_LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


def template_docx(language: str, assignment=None) -> bytes:
    """The template as .docx bytes, in "sv" or "en"; an assignment adds its title,
    deadline, instructions and number of interviews."""
    language = "en" if language.startswith("en") else "sv"
    with translation.override(language):
        document = docx.Document()
        _set_up_styles(document, language)
        headings = TEMPLATE_HEADINGS[language]
        title = assignment.title if assignment else _("Homework: the region's role")
        document.core_properties.title = title
        document.core_properties.language = WORD_LANGUAGES[language]
        document.add_heading(title, level=0)
        for text in _instructions(language, assignment):
            document.add_paragraph(text, style=HINT_STYLE)

        # For the bulk import of a round's files: docx_import.find_region reads it.
        document.add_paragraph(f"{REGION_LABEL}: ")
        document.add_heading(headings["statement"], level=1)
        document.add_paragraph()
        for number in range(1, _interview_count(assignment) + 1):
            document.add_heading(f"{headings['interview']} {number}", level=1)
            _metadata_table(document, language)
            document.add_heading(headings["answers"], level=2)
            document.add_paragraph()
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _interview_count(assignment) -> int:
    return max(assignment.min_interviews, 1) if assignment else DEFAULT_INTERVIEWS


def _set_up_styles(document, language: str) -> None:
    """The hint style, and the document's proofing language."""
    hint = document.styles.add_style(HINT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    hint.base_style = document.styles["Normal"]
    hint.font.italic = True
    hint.font.size = Pt(10)
    hint.font.color.rgb = HINT_COLOUR
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), WORD_LANGUAGES[language])
    rpr.append(lang)


def _instructions(language: str, assignment) -> list[str]:
    headings = TEMPLATE_HEADINGS[language]
    count = _interview_count(assignment)
    texts = []
    if assignment:
        deadline = formats.date_format(timezone.localtime(assignment.deadline), "DATE_FORMAT")
        texts.append(_("Deadline: %(date)s") % {"date": deadline})
        texts += [part.strip() for part in assignment.instructions.split("\n\n") if part.strip()]
    texts += [
        ngettext(
            "Write your region's role statement under the heading “%(statement)s” and at "
            "least %(count)d interview under the heading “%(interview)s 1”. Keep the "
            "headings as they are: the portal reads the file by them.",
            "Write your region's role statement under the heading “%(statement)s” and at "
            "least %(count)d interviews under the headings “%(interview)s 1”, "
            "“%(interview)s 2” and so on. Keep the headings as they are: the portal reads "
            "the file by them.",
            count,
        )
        % {
            "statement": headings["statement"],
            "interview": headings["interview"],
            "count": count,
        },
        _(
            "For each interview, fill in the table and write the answers under "
            "“%(answers)s”. For a further interview, copy a whole interview section and "
            "number its heading."
        )
        % {"answers": headings["answers"]},
        _(
            "Consent to quoting and the quotes are chosen in the portal when you import the "
            "file, not here."
        ),
        _(
            "Save the file as a Word document (.docx) and import it on your homework's page "
            "in the portal. The file itself is not kept, only the text you save."
        ),
    ]
    return texts


def _metadata_table(document, language: str) -> None:
    """Organisation, actor type (with the portal's actor types as a hint), date and
    function, as label and value cells."""
    table = document.add_table(rows=0, cols=2)
    table.style = document.styles["Table Grid"]
    for name, labels in TEMPLATE_LABELS.items():
        cells = table.add_row().cells
        label = cells[0].paragraphs[0]
        text = labels[language]
        if name == "interview_date":
            text += f" ({_('YYYY-MM-DD')})"
        label.add_run(text).bold = True
        if name == "actor_type":
            cells[0].add_paragraph(_actor_type_hint(), style=HINT_STYLE)


def _actor_type_hint() -> str:
    return _("One of: %(types)s.") % {
        "types": ", ".join(str(label) for label in Interview.ActorType.labels)
    }
