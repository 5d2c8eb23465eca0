"""Homework from Word files, saved through the homework's own workflows.

The reading is docx_import's; here the preview's edits are applied to what it read, and
what the user confirmed is saved as any typed homework is (submissions.services and
interviews.services: the same revisions, history, conflict copies and signals, so the
texts are tagged). The uploaded bytes are never stored: only the texts the user saves.

Two ways in: one file into a region's draft (a coordinator, or a facilitator for any
region), and a facilitator's .zip of a round's files, one per region, handed in to an
earlier round that *Jämför omgångar* can compare with.
"""

import io
import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reglab.models import Region
from reglab.regions import REGIONS
from reglab.text import nfc
from submissions.models import MAX_TEXT, Assignment, ConflictCopy, Submission
from submissions.services import (
    WorkflowError,
    save_statement,
    start_submission,
    submit_submission,
)

from .docx_import import (
    MAX_BYTES,
    DocxError,
    ImportedHomework,
    find_region,
    import_homework,
    move_block,
    texts,
    unpacks_too_far,
)
from .models import MAX_INTERVIEWS
from .services import save_interview

# A block's part in the preview's selects: the statement, an interview by its position
# ("0", "1", …), or left out.
STATEMENT = "statement"
UNPLACED = "unplaced"

# A round's zip: about one file per region (21), with room for a few more.
MAX_ZIP_BYTES = 50 * 1024 * 1024  # held in memory while it is read
MAX_ZIP_MEMBERS = 200
MAX_ROUND_FILES = 30
# Declared sizes, checked before anything is unpacked: every file at its largest.
MAX_ZIP_UNCOMPRESSED = MAX_ROUND_FILES * MAX_BYTES
# The preview asks four things of each interview: kept under Django's field limit.
MAX_ROUND_INTERVIEWS = 120

REGION_SLUGS = {name: slug for slug, name in REGIONS}


# --- One file: the preview's edits --------------------------------------------------------


def parts_of(imported: ImportedHomework) -> dict[int, str | None]:
    """Each block's part as the preview's select names it; None for a part's own heading,
    which is not moved (it names the part). The template's instructions are left out."""
    parts: dict[int, str | None] = {block.index: UNPLACED for block in imported.blocks}
    parts.update({index: STATEMENT for index in imported.statement_blocks})
    for position, interview in enumerate(imported.interviews):
        for index in interview.answer_blocks + interview.metadata_blocks:
            parts[index] = str(position)
        if interview.heading_block is not None:
            parts[interview.heading_block] = None
    if imported.statement_heading is not None:
        parts[imported.statement_heading] = None
    return parts


def part_choices(imported: ImportedHomework) -> list[str]:
    return [STATEMENT] + [str(n) for n in range(len(imported.interviews))] + [UNPLACED]


def apply_moves(imported: ImportedHomework, chosen: dict[int, str]) -> None:
    """Move each block whose chosen part differs from its part; unknown blocks and parts
    (a stale form) are ignored."""
    parts = parts_of(imported)
    valid = set(part_choices(imported))
    for index, to in chosen.items():
        if parts.get(index) is None or to not in valid or to == parts[index]:
            continue
        move_block(imported, index, to if to in (STATEMENT, UNPLACED) else int(to))


def drop_interview(imported: ImportedHomework, position: int) -> None:
    """Take an interview out of the import; its text stays in the preview, left out, so
    that it can still be moved to another part."""
    interview = imported.interviews[position]
    for index in interview.answer_blocks + interview.metadata_blocks:
        move_block(imported, index, UNPLACED)
    if interview.heading_block is not None:
        imported.ignored.append(interview.heading_block)
        imported.ignored.sort()
    del imported.interviews[position]


@dataclass
class Problem:
    """Why the import cannot be saved yet; `interview` (its position) and `field` say
    where the preview shows it."""

    message: str
    interview: int | None = None
    field: str | None = None


def problems_before_saving(imported: ImportedHomework) -> list[Problem]:
    """What the user must still do: the interviews' required fields, consent above all
    (never guessed), and texts within the homework's limits."""
    statement, answers = texts(imported)
    problems = []
    if not statement.strip() and not imported.interviews:
        problems.append(
            Problem(
                _(
                    "There is nothing to save: move the text to the role statement or to "
                    "an interview."
                )
            )
        )
    if len(statement) > MAX_TEXT:
        problems.append(Problem(_too_long(_("The role statement"), len(statement))))
    if len(imported.interviews) > MAX_INTERVIEWS:
        problems.append(
            Problem(
                _("A homework may have at most %(limit)d interviews; remove some.")
                % {"limit": MAX_INTERVIEWS}
            )
        )
    for position, interview in enumerate(imported.interviews):
        problems += _interview_problems(position, interview, answers[position])
    return problems


def _interview_problems(position: int, interview, answers: str) -> list[Problem]:
    number = {"number": position + 1}
    required = [
        ("organisation", _("Write the organisation of interview %(number)d.")),
        ("actor_type", _("Choose the actor type of interview %(number)d.")),
        ("interview_date", _("Enter the date of interview %(number)d.")),
        ("consent", _("Choose the interviewee's consent to quoting for interview %(number)d.")),
    ]
    problems = [
        Problem(message % number, position, name)
        for name, message in required
        if not getattr(interview, name)
    ]
    if not answers.strip():
        problems.append(
            Problem(
                _(
                    "Interview %(number)d has no answers: move its paragraphs to it, or "
                    "remove the interview."
                )
                % number,
                position,
            )
        )
    elif len(answers) > MAX_TEXT:
        what = _("The answers of interview %(number)d") % number
        problems.append(Problem(_too_long(what, len(answers)), position))
    return problems


def _too_long(what: str, length: int) -> str:
    return _("%(what)s is %(length)d characters long; at most %(limit)d can be saved.") % {
        "what": what,
        "length": length,
        "limit": MAX_TEXT,
    }


# --- One file: saving ---------------------------------------------------------------------


@dataclass
class ImportSaved:
    submission: Submission
    conflict: ConflictCopy | None  # the draft's earlier statement, kept
    added: int  # interviews
    already_there: int  # interviews the draft had with the same organisation and answers


def refusal(submission: Submission | None) -> str | None:
    """Why nothing can be imported into the region's homework, if it cannot."""
    if submission is not None and not submission.is_editable:
        return _(
            "The homework is handed in, so nothing is imported into it: a handed-in "
            "homework is never changed. If it needs changes, REGLAB can return it to the "
            "region; then import the file again."
        )
    return None


def homework_of(region: Region, assignment: Assignment) -> Submission | None:
    return Submission.objects.filter(region=region, assignment=assignment).first()


@transaction.atomic
def save_import(
    *,
    region: Region,
    assignment: Assignment,
    user,
    imported: ImportedHomework,
    earlier_round: bool = False,
) -> ImportSaved:
    """Save the import into the region's draft (made if need be; `earlier_round`: also
    in a round that is over, as a facilitator bringing in an earlier round's file may).

    A statement the draft has is not overwritten silently: it is kept as a conflict
    copy, as when two people save at once, for the region to merge. The draft's
    interviews stay; the file's are added, except those the draft already has.
    """
    problems = problems_before_saving(imported)
    if problems:
        raise WorkflowError(problems[0].message)
    submission = _draft(region, assignment, earlier_round)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if message := refusal(locked):
        raise WorkflowError(message)
    statement, answers = (nfc(text) for text in texts(imported))
    conflict = None
    if statement.strip() and statement != locked.statement:
        if locked.statement.strip():
            conflict = ConflictCopy.objects.create(
                submission=locked,
                field="statement",
                text=locked.statement,
                created_by=locked.statement_saved_by or user,
                cause=ConflictCopy.Cause.IMPORT,
            )
        # Read under the lock: this revision is the current one, so the save goes in.
        save_statement(
            submission=locked,
            user=user,
            statement=statement,
            base_revision=locked.statement_revision,
        )
    existing = set(locked.interviews.values_list("organisation", "answers"))
    added = already_there = 0
    for interview, text in zip(imported.interviews, answers, strict=True):
        data = _interview_data(interview, text)
        if (data["organisation"], data["answers"]) in existing:
            already_there += 1
            continue
        save_interview(submission=locked, user=user, data=data, quotes=[])
        added += 1
    return ImportSaved(locked, conflict, added, already_there)


def _draft(region: Region, assignment: Assignment, earlier_round: bool) -> Submission:
    submission = homework_of(region, assignment)
    if submission is not None:
        return submission
    if earlier_round and not assignment.is_open():
        submission, _created = Submission.objects.get_or_create(
            region=region, assignment=assignment
        )
        return submission
    return start_submission(region=region, assignment=assignment)


def _interview_data(interview, answers: str) -> dict:
    return {
        "organisation": nfc(interview.organisation or ""),
        "actor_type": interview.actor_type,
        "interview_date": interview.interview_date,
        "interviewee_function": nfc(interview.interviewee_function or ""),
        "consent": interview.consent,
        "answers": nfc(answers),
    }


# --- A round's zip ------------------------------------------------------------------------


@dataclass
class RoundFile:
    """One file of a round's zip, as read: the region it names, its texts, or why it
    cannot be imported (`problem`). Interviews are dicts of the Interview's fields, with
    the file's own words for a type or date that was not read; consent is never read."""

    name: str
    region: str | None = None  # a region's slug
    problem: str = ""
    statement: str = ""
    interviews: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "RoundFile":
        return cls(**data)


def read_round_zip(data: bytes, language: str | None = None) -> tuple[list[RoundFile], list[str]]:
    """The round's Word files and notes on what was left out. The zip is checked as
    docx_import checks a .docx: by its directory's declared sizes before anything is
    unpacked. Raises DocxError for a zip that cannot be read at all."""
    if len(data) > MAX_ZIP_BYTES:
        raise DocxError(
            _("The zip file is %(size)s; at most %(max)s can be imported at once.")
            % {"size": filesizeformat(len(data)), "max": filesizeformat(MAX_ZIP_BYTES)}
        )
    if not data.startswith(b"PK"):
        raise DocxError(
            _(
                "This is not a zip file. Put the round's Word files (.docx) in a zip file "
                "(in Windows: Send to › Compressed (zipped) folder) and upload that."
            )
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            _check_zip_sizes(members)
            return _read_members(archive, members, language)
    except DocxError:
        raise
    except RuntimeError:  # a zip encrypted with a password
        raise DocxError(
            _("The zip file is protected by a password. Make it again without a password.")
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError):
        raise DocxError(_("The zip file is damaged and cannot be read. Make it again.")) from None


def _check_zip_sizes(members: list[zipfile.ZipInfo]) -> None:
    if unpacks_too_far(members, max_members=MAX_ZIP_MEMBERS, max_total=MAX_ZIP_UNCOMPRESSED):
        raise DocxError(
            _(
                "The zip file unpacks to far more than a round's Word files (at most "
                "%(max)s in %(count)d files), so it was not read."
            )
            % {"max": filesizeformat(MAX_ZIP_UNCOMPRESSED), "count": MAX_ZIP_MEMBERS}
        )


def _read_members(archive, members, language) -> tuple[list[RoundFile], list[str]]:
    files, notes = [], []
    for member in members:
        name = member.filename.rsplit("/", 1)[-1]
        if member.filename.startswith("__MACOSX/") or name.startswith(("._", "~$", ".")):
            notes.append(_("%(name)s: left out, a hidden or temporary file.") % {"name": name})
        elif not name.lower().endswith(".docx"):
            notes.append(_("%(name)s: left out, not a Word document (.docx).") % {"name": name})
        else:
            files.append((name, member))
    if not files:
        raise DocxError(_("The zip file has no Word documents (.docx) in it."))
    if len(files) > MAX_ROUND_FILES:
        raise DocxError(
            _(
                "The zip file has %(count)d Word documents; at most %(max)d can be "
                "imported at once (one per region)."
            )
            % {"count": len(files), "max": MAX_ROUND_FILES}
        )
    round_files = [_round_file(archive, name, member, language) for name, member in files]
    if sum(len(f.interviews) for f in round_files) > MAX_ROUND_INTERVIEWS:
        raise DocxError(
            _(
                "The files have more than %(max)d interviews together; import them in two "
                "zip files."
            )
            % {"max": MAX_ROUND_INTERVIEWS}
        )
    return round_files, notes


def _round_file(archive, name: str, member: zipfile.ZipInfo, language) -> RoundFile:
    if member.file_size > MAX_BYTES:  # by its declared size, without unpacking it
        problem = _("The file is %(size)s; at most %(max)s can be imported.") % {
            "size": filesizeformat(member.file_size),
            "max": filesizeformat(MAX_BYTES),
        }
        return RoundFile(name=name, problem=problem)
    try:
        imported = import_homework(name, archive.read(member), language)
    except DocxError as error:
        return RoundFile(name=name, problem=error.message)
    statement, answers = texts(imported)
    found = find_region(name, "\n".join(block.text for block in imported.blocks))
    return RoundFile(
        name=name,
        region=REGION_SLUGS.get(found),
        statement=statement,
        interviews=[
            {
                "organisation": interview.organisation or "",
                "actor_type": interview.actor_type or "",
                "interview_date": (
                    interview.interview_date.isoformat() if interview.interview_date else ""
                ),
                "interviewee_function": interview.interviewee_function or "",
                "answers": text,
                "actor_type_text": interview.actor_type_text,
                "date_text": interview.date_text,
            }
            for interview, text in zip(imported.interviews, answers, strict=True)
        ],
        warnings=imported.warnings,
    )


@dataclass
class NewRound:
    title: str
    day: date
    min_interviews: int


@transaction.atomic
def save_round(
    *,
    user,
    rows: list[tuple[Region, RoundFile]],
    assignment: Assignment | None = None,
    new_round: NewRound | None = None,
) -> Assignment:
    """Hand in each region's file in the round (an existing one, or `new_round`), as the
    region would: its draft saved, then submitted, so that history, versions and tags
    are as for any hand-in. All or nothing. A region that already has homework in the
    round is refused: a round's homework is never overwritten by a file."""
    if assignment is None:
        assignment = _create_round(new_round)
    # Handed in by the round's deadline, as the files were, unless that is still ahead.
    handed_in_at = min(timezone.now(), assignment.deadline)
    for region, round_file in rows:
        if homework_of(region, assignment) is not None:
            raise WorkflowError(
                _("%(region)s already has homework in this round; it is not overwritten.")
                % {"region": region.name}
            )
        submission = Submission.objects.create(region=region, assignment=assignment)
        save_statement(
            submission=submission,
            user=user,
            statement=nfc(round_file.statement),
            base_revision=0,
        )
        for interview in round_file.interviews:
            data = {
                "organisation": nfc(interview["organisation"]),
                "actor_type": interview["actor_type"],
                "interview_date": date.fromisoformat(interview["interview_date"]),
                "interviewee_function": nfc(interview["interviewee_function"]),
                "consent": interview["consent"],
                "answers": nfc(interview["answers"]),
            }
            save_interview(submission=submission, user=user, data=data, quotes=[])
        submit_submission(submission=submission, user=user, now=handed_in_at, notify=False)
    return assignment


def _create_round(new_round: NewRound) -> Assignment:
    deadline = timezone.make_aware(datetime.combine(new_round.day, time(23, 59)))
    instructions = {}
    for language in ("sv", "en"):
        with translation.override(language):
            instructions[language] = _("This round's homework was imported from Word files.")
    return Assignment.objects.create(
        title_sv=new_round.title,
        instructions_sv=instructions["sv"],
        instructions_en=instructions["en"],
        deadline=deadline,
        min_interviews=new_round.min_interviews,
    )
