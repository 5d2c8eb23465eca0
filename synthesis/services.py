"""Tagging homework texts with roles, and keeping the tags when texts or the taxonomy change."""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from time import perf_counter, process_time

from django.db import connection, transaction
from django.db.models import Q

from interviews.models import Interview, Quote
from submissions.models import Submission

from . import cache, tagger
from .models import Role, Tag

_lexicons: dict[tuple, tagger.Lexicon] = {}


@dataclass(frozen=True)
class Taxonomy:
    """The active roles' lexicon, compiled once per taxonomy version, and their ids."""

    lexicon: tagger.Lexicon
    role_ids: dict[str, int]


def current_taxonomy() -> Taxonomy:
    rows = list(Role.objects.active().order_by("pk").values_list("pk", "slug", "cues"))
    key = tuple((slug, tuple(cues)) for _pk, slug, cues in rows)
    lexicon = _lexicons.get(key)
    if lexicon is None:
        _lexicons.clear()
        lexicon = tagger.Lexicon.compile({slug: cues for _pk, slug, cues in rows})
        _lexicons[key] = lexicon
    return Taxonomy(lexicon, {slug: pk for pk, slug, _cues in rows})


@dataclass(frozen=True)
class TextUnit:
    """One taggable text: a statement, an interview's answers or a quote."""

    submission_id: int
    field: str
    text: str
    interview_id: int | None = None
    quote_id: int | None = None

    @property
    def key(self) -> tuple:
        return (self.submission_id, self.field, self.interview_id, self.quote_id)


def auto_tags(unit: TextUnit, taxonomy: Taxonomy) -> list[Tag]:
    """One automatic tag per sentence and role, its evidence the matched words."""
    from django.utils import timezone

    rows = auto_tag_rows(unit, taxonomy, timezone.now())
    return [Tag(**dict(zip(TAG_COLUMNS, row, strict=True))) for row in rows]


def _units_filter(units: list[TextUnit]) -> Q:
    """The tags of these texts: one condition per field of a text, its quotes in one IN
    list, so that an interview's hundred quotes do not make a query of a hundred ORs."""
    quote_ids: dict[tuple, list] = {}
    for unit in units:
        field = (unit.submission_id, unit.field, unit.interview_id)
        quote_ids.setdefault(field, []).append(unit.quote_id)
    where = Q()
    for (submission_id, field, interview_id), ids in quote_ids.items():
        quoted = [pk for pk in ids if pk is not None]
        which = Q(quote_id__in=quoted) if quoted else Q(pk__in=[])
        if None in ids:
            which |= Q(quote_id=None)
        where |= Q(submission_id=submission_id, field=field, interview_id=interview_id) & which
    return where


def _relocate(tag: Tag, text: str) -> bool:
    """Move a kept tag to where its words now stand in a changed text."""
    if tag.start is None or text[tag.start : tag.end] == tag.match:
        return False
    found = text.find(tag.match) if tag.match else -1
    if found < 0:
        return False
    shift = found - tag.start
    tag.start, tag.end = found, found + len(tag.match)
    tag.evidence = [[s + shift, e + shift, words] for s, e, words in tag.evidence]
    return True


@transaction.atomic
def tag_units(units: Iterable[TextUnit], taxonomy: Taxonomy | None = None) -> int:
    """Re-tag these texts: automatic tags nobody reviewed are replaced; the rest stay."""
    taxonomy = taxonomy or current_taxonomy()
    units = list(units)
    if not units:
        return 0
    existing = list(Tag.objects.filter(_units_filter(units)))
    kept = [t for t in existing if t.is_kept_on_retag]
    replaceable = [t for t in existing if not t.is_kept_on_retag]
    texts = {unit.key: unit.text for unit in units}
    moved = [
        t
        for t in kept
        if _relocate(t, texts[(t.submission_id, t.field, t.interview_id, t.quote_id)])
    ]
    if moved:
        Tag.objects.bulk_update(moved, ["start", "end", "evidence"])
    reviewed = {
        (t.submission_id, t.field, t.interview_id, t.quote_id, t.role_id, t.start)
        for t in kept
        if t.source == Tag.Source.AUTO
    }
    new = [
        tag
        for unit in units
        for tag in auto_tags(unit, taxonomy)
        if (tag.submission_id, tag.field, tag.interview_id, tag.quote_id, tag.role_id, tag.start)
        not in reviewed
    ]
    # An autosave usually adds a sentence: the tags the other sentences get again, exactly
    # as they were, stay (no delete, no history row, same id); only the rest is replaced.
    wanted = {_same_tag(t) for t in new}
    unchanged, stale = set(), []
    for tag in replaceable:
        key = _same_tag(tag)
        if key in wanted and key not in unchanged:
            unchanged.add(key)
        else:  # no longer given, or a duplicate of one that stays
            stale.append(tag.pk)
    if stale:
        Tag.objects.filter(pk__in=stale).delete()
    fresh = [t for t in new if _same_tag(t) not in unchanged]
    Tag.objects.bulk_create(fresh, batch_size=2000)
    return len(fresh)


def _same_tag(tag: Tag) -> tuple:
    evidence = tuple(tuple(e) for e in tag.evidence or ())
    return (
        tag.submission_id,
        tag.field,
        tag.interview_id,
        tag.quote_id,
        tag.role_id,
        tag.start,
        tag.end,
        tag.match,
        evidence,
        round(tag.score, 6),
        tag.expectation,
    )


def interview_units(interview: Interview) -> list[TextUnit]:
    units = [TextUnit(interview.submission_id, Tag.Field.ANSWERS, interview.answers, interview.pk)]
    units.extend(
        TextUnit(interview.submission_id, Tag.Field.QUOTE, quote.text, interview.pk, quote.pk)
        for quote in interview.quotes.all()
    )
    return units


def tag_statement(submission: Submission) -> None:
    tag_units([TextUnit(submission.pk, Tag.Field.STATEMENT, submission.statement)])


def tag_interview(interview: Interview) -> None:
    tag_units(interview_units(interview))


def all_units(batch_size: int = 2000, *, quotes: bool = True) -> Iterator[TextUnit]:
    """Every text of the corpus, read in batches with a constant number of queries each
    (without the quotes, which repeat sentences of the answers, when `quotes` is False).
    In the order of their ids, statements, then answers, then quotes: retag_corpus()
    reads their tags beside them in that order."""
    for pk, statement in (
        Submission.objects.order_by("pk").values_list("pk", "statement").iterator(batch_size)
    ):
        yield TextUnit(pk, Tag.Field.STATEMENT, statement)
    interviews = Interview.objects.order_by("pk").values_list("pk", "submission_id", "answers")
    for pk, submission_id, answers in interviews.iterator(batch_size):
        yield TextUnit(submission_id, Tag.Field.ANSWERS, answers, pk)
    if not quotes:
        return
    quotes = Quote.objects.order_by("pk").values_list(
        "pk", "interview__submission_id", "interview_id", "text"
    )
    for pk, submission_id, interview_id, text in quotes.iterator(batch_size):
        yield TextUnit(submission_id, Tag.Field.QUOTE, text, interview_id, pk)


# The columns an automatic tag fills, in the order auto_tag_rows() yields them.
TAG_COLUMNS = (
    "role_id",
    "submission_id",
    "interview_id",
    "quote_id",
    "field",
    "start",
    "end",
    "match",
    "evidence",
    "score",
    "expectation",
    "source",
    "review",
    "created_at",
)


def auto_tag_rows(unit: TextUnit, taxonomy: Taxonomy, now) -> Iterator[tuple]:
    """auto_tags() as plain tuples: a re-tag of a million sentences builds no model objects."""
    role_ids = taxonomy.role_ids
    for sentence in tagger.tag_sentences(unit.text, taxonomy.lexicon):
        for role in sentence.roles:
            role_id = role_ids.get(role)
            if role_id is None:
                continue
            yield (
                role_id,
                unit.submission_id,
                unit.interview_id,
                unit.quote_id,
                unit.field,
                sentence.start,
                sentence.end,
                unit.text[sentence.start : sentence.end],
                [[e.start, e.end, e.match] for e in sentence.evidence if e.role == role],
                sentence.scores.get(role, 1.0),
                # Someone wants, needs, misses or expects the role ("Det vi saknar är ...").
                role in sentence.expected,
                Tag.Source.AUTO.value,
                Tag.Review.UNREVIEWED.value,
                now,
            )


def _insert_tag_rows(rows: list[tuple] | bytes) -> None:
    """Insert tag rows (or rows already in COPY's text format, from a re-tag worker): COPY
    on PostgreSQL (several times faster than INSERT), else bulk_create."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        text = rows if isinstance(rows, bytes) else _copy_text(rows)
        columns = ", ".join(f'"{c}"' for c in TAG_COLUMNS)
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {Tag._meta.db_table} ({columns}) FROM STDIN") as copy:
                copy.write(text)
        return
    Tag.objects.bulk_create(Tag(**dict(zip(TAG_COLUMNS, row, strict=True))) for row in rows)


RETAG_CHUNK = 100  # texts per piece of work for a worker process
_DELETE_BATCH = 10_000  # ids of stale tags per DELETE


def _chunks(units: Iterator, size: int) -> Iterator[list]:
    chunk = []
    for unit in units:
        chunk.append(unit)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# The unreviewed automatic tags, in the order all_units() reads the texts (statements by
# submission, answers by interview, quotes by quote), so that a re-tag reads them beside
# their texts in one pass instead of holding a million tags in memory. A row is (rank of
# the field, id of the text in its table, tag id, submission_id, field, interview_id,
# quote_id, then what _new_tag_key() compares). The words and the evidence come as one md5
# digest (see _words_digest): far fewer bytes to read, sort and pass on.
_EXISTING_TAGS_SQL = f"""
SELECT CASE field WHEN 'statement' THEN 0 WHEN 'answers' THEN 1 WHEN 'quote' THEN 2 ELSE 3 END,
       COALESCE(CASE field WHEN 'statement' THEN submission_id
                           WHEN 'answers' THEN interview_id ELSE quote_id END, 0),
       id, submission_id, field, interview_id, quote_id,
       role_id, start, "end", score, expectation, {{words}}
FROM {Tag._meta.db_table} WHERE source = %s AND review = %s
ORDER BY 1, 2, id
"""
# jsonb's text is written the way _JSON writes the evidence lists (", " between items, no
# ASCII escapes). SQLite has no md5(): there the digest is made here (_existing_tags).
_PG_WORDS = "md5(match || chr(31) || evidence::text)"
_SQLITE_WORDS = "match, evidence"


def _words_digest(match: str, evidence_json: str) -> str:
    return hashlib.md5(f"{match}\x1f{evidence_json}".encode()).hexdigest()


_FIELD_RANK = {Tag.Field.STATEMENT: 0, Tag.Field.ANSWERS: 1, Tag.Field.QUOTE: 2}


def _text_position(unit: TextUnit) -> tuple[int, int]:
    rank = _FIELD_RANK[unit.field]
    return rank, (unit.submission_id, unit.interview_id, unit.quote_id)[rank]


def _existing_tags(stats: dict) -> Iterator[tuple]:
    """The unreviewed automatic tags in text order (_EXISTING_TAGS_SQL), read in batches
    from a server-side cursor on PostgreSQL."""
    params = [Tag.Source.AUTO.value, Tag.Review.UNREVIEWED.value]
    if connection.vendor != "postgresql":
        # Read them all before this connection writes to the table (SQLite: small corpora).
        with connection.cursor() as cursor:
            cursor.execute(_EXISTING_TAGS_SQL.format(words=_SQLITE_WORDS), params)
            rows = cursor.fetchall()
        for *row, match, evidence in rows:
            yield (*row, _words_digest(match, _JSON(json.loads(evidence))))
        return
    with connection.cursor() as cursor:
        # Sort a million short rows in memory, not in temporary files (this transaction only).
        cursor.execute("SET LOCAL work_mem = '256MB'")
    with connection.chunked_cursor() as cursor:
        cursor.execute(_EXISTING_TAGS_SQL.format(words=_PG_WORDS), params)
        while True:
            started = perf_counter()
            rows = cursor.fetchmany(5000)
            stats["read_tags"] += perf_counter() - started
            if not rows:
                return
            yield from rows


def _texts_with_tags(
    units: Iterator[TextUnit], tags: Iterator[tuple], orphans: list[int], stats: dict
) -> Iterator[tuple[TextUnit, list[tuple]]]:
    """Each text with its existing unreviewed automatic tags: (tag id, *compared fields).
    Tags of no text read here (none, unless the data is odd) go to orphans, to be deleted
    as every tag the re-tag does not give again."""
    tag = next(tags, None)
    units = iter(units)
    while True:
        started = perf_counter()
        unit = next(units, None)
        stats["read_texts"] += perf_counter() - started
        if unit is None:
            break
        position = _text_position(unit)
        mine = []
        while tag is not None and (tag[0], tag[1]) <= position:
            if (tag[0], tag[1]) == position and tag[3:7] == unit.key:
                mine.append(tag[2:3] + tag[7:])
            else:
                orphans.append(tag[2])
            tag = next(tags, None)
        yield unit, mine
    while tag is not None:
        orphans.append(tag[2])
        tag = next(tags, None)


def _new_tag_key(row: tuple) -> tuple:
    """What makes a new tag row (auto_tag_rows) the same as an existing tag of its text
    (as _EXISTING_TAGS_SQL reads it): role, span, score, expectation, words and evidence.
    A difference in how the JSON is written would only cost a needless delete and insert,
    never a wrong tag."""
    words = _words_digest(row[7], _JSON(row[8]))
    return (row[0], row[5], row[6], round(row[9], 6), row[10], words)


def _retag_rows(
    work: list[tuple[TextUnit, list[tuple]]], taxonomy: Taxonomy, now, kept: set
) -> tuple[list[tuple], list[int], int, float, float]:
    """The automatic tag rows of some texts (less those a facilitator already reviewed),
    compared with the tags they have: (rows to insert, ids of tags to delete, tags left
    as they are, CPU seconds tagging, CPU seconds comparing)."""
    insert: list[tuple] = []
    delete: list[int] = []
    unchanged = 0
    tagging = comparing = 0.0
    for unit, existing in work:
        started = process_time()
        rows = [
            row
            for row in auto_tag_rows(unit, taxonomy, now)
            if not (kept and (row[1], row[4], row[2], row[3], row[0], row[5]) in kept)
        ]
        compared = process_time()
        tagging += compared - started
        if not existing:  # a first tagging, or a text with no tags before: nothing to compare
            insert.extend(rows)
            continue
        # Most of a taxonomy change leaves a text's tags as they were: those rows stay (the
        # same id, no write), only the tags that changed are deleted and inserted.
        there: dict[tuple, list[int]] = {}
        for tag_id, role_id, start, end, score, expectation, words in existing:
            key = (role_id, start, end, round(score, 6), expectation, words)
            there.setdefault(key, []).append(tag_id)
        for row in rows:
            ids = there.get(_new_tag_key(row))
            if ids:
                ids.pop()
                unchanged += 1
            else:
                insert.append(row)
        for ids in there.values():
            delete.extend(ids)  # no longer given, or a duplicate of one that stays
        comparing += process_time() - compared
    return insert, delete, unchanged, tagging, comparing


# The job of the worker processes of a parallel re-tag: set before they are forked, so that
# each has the compiled lexicon without pickling it.
_RETAG_JOB: tuple | None = None


def _retag_chunk(work: list[tuple[TextUnit, list[tuple]]]) -> tuple:
    """In a worker: _retag_rows() of a chunk, the rows already in COPY's text format on
    PostgreSQL, so that the main process only passes them on."""
    insert, *rest = _retag_rows(work, *_RETAG_JOB)
    if connection.vendor == "postgresql":
        return len(insert), _copy_text(insert), *rest
    return len(insert), insert, *rest


_JSON = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(…, ensure_ascii=False)
# builds a new encoder on every call: a tenth of a re-tag's time went there


def _copy_escape(text: str) -> str:
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t")
        return text.replace("\n", "\\n").replace("\r", "\\r")
    return text  # nearly every sentence: no copy, no per-character table lookup


def _copy_value(value, _str=str, _list=list) -> str:
    kind = type(value)
    if kind is _str:
        return _copy_escape(value)
    if value is None:
        return "\\N"
    if kind is _list:  # evidence: jsonb
        return _copy_escape(_JSON(value))
    if isinstance(value, _str):  # a str subclass, e.g. a TextChoices member
        return _copy_escape(_str(value))
    if isinstance(value, datetime):
        return value.isoformat()
    return _str(value)


def _copy_text(rows: list[tuple]) -> bytes:
    """Tag rows in the text format of PostgreSQL's COPY (TAG_COLUMNS' order)."""
    return "".join(["\t".join(map(_copy_value, row)) + "\n" for row in rows]).encode()


def _write_tags(written: tuple[int, list[tuple] | bytes]) -> int:
    count, rows = written
    _insert_tag_rows(rows)
    return count


def _delete_tags(ids: list[int]) -> None:
    """Delete tags by id with one statement per batch; unreviewed automatic tags are derived
    data, deleted with no history row for each (Django's delete() would load every tag to
    write its history)."""
    table = Tag._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {table} WHERE id = ANY(%s)", [ids])
            return
        for i in range(0, len(ids), 500):
            batch = ids[i : i + 500]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"DELETE FROM {table} WHERE id IN ({marks})", batch)


@transaction.atomic
def retag_corpus(processes: int = 1, *, stats: dict | None = None) -> int:
    """Re-tag every text after a taxonomy change; reviewed and manual tags stay. Returns
    the number of unreviewed automatic tags the corpus has now.

    Each text's new automatic tags are compared with those it has: the tags that stay the
    same keep their row (and id), only those that changed are deleted and inserted, so a
    change of one cue writes little. With processes > 1 (the background task:
    settings.RETAG_PROCESSES), forked worker processes tag and compare while this one reads
    the next texts and writes; a request re-tags a small corpus in its own thread
    (processes=1). `stats`, if given, gets where the time went (seconds) and the counts.
    """
    global _RETAG_JOB
    from django.utils import timezone

    stats = {} if stats is None else stats
    for key in ("read_texts", "read_tags", "tag", "diff", "wait", "delete", "copy"):
        stats[key] = 0.0
    counts = {"inserted": 0, "deleted": 0, "unchanged": 0}
    began = perf_counter()
    taxonomy = current_taxonomy()
    kept = set(
        Tag.objects.filter(source=Tag.Source.AUTO)
        .exclude(review=Tag.Review.UNREVIEWED)
        .order_by()
        .values_list("submission_id", "field", "interview_id", "quote_id", "role_id", "start")
    )
    job = (taxonomy, timezone.now(), kept)
    orphans: list[int] = []
    stale: list[int] = []
    work = _chunks(
        _texts_with_tags(all_units(), _existing_tags(stats), orphans, stats), RETAG_CHUNK
    )

    def write(result: tuple) -> None:
        inserted, rows, delete, unchanged, tagging, comparing = result
        stats["tag"] += tagging
        stats["diff"] += comparing
        counts["unchanged"] += unchanged
        stale.extend(delete)
        if len(stale) >= _DELETE_BATCH:
            flush()
        started = perf_counter()
        counts["inserted"] += _write_tags((inserted, rows))
        stats["copy"] += perf_counter() - started

    def flush() -> None:
        if stale:
            started = perf_counter()
            _delete_tags(stale)
            stats["delete"] += perf_counter() - started
            counts["deleted"] += len(stale)
            stale.clear()

    if processes <= 1:
        for chunk in work:
            insert, *rest = _retag_rows(chunk, *job)
            write((len(insert), insert, *rest))
    else:
        import multiprocessing
        from collections import deque

        _RETAG_JOB = job
        try:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                pending = deque()

                def collect() -> None:
                    started = perf_counter()
                    result = pending.popleft().get()
                    stats["wait"] += perf_counter() - started
                    write(result)

                for chunk in work:  # read here, in this transaction
                    pending.append(pool.apply_async(_retag_chunk, (chunk,)))
                    while len(pending) > 2 * processes:
                        collect()
                while pending:
                    collect()
        finally:
            _RETAG_JOB = None
    stale.extend(orphans)
    flush()
    stats.update(counts, body=perf_counter() - began)
    cache.changed()  # raw SQL and COPY send no model signals
    return counts["inserted"] + counts["unchanged"]


def review_tag(*, tag: Tag, user, decision: str) -> Tag:
    """A facilitator confirms or rejects a tag, or takes the decision back ('reset')."""
    from django.utils import timezone

    reviews = {
        "confirm": Tag.Review.CONFIRMED,
        "reject": Tag.Review.REJECTED,
        "reset": Tag.Review.UNREVIEWED,
    }
    tag.review = reviews[decision]
    tag.reviewed_by = None if decision == "reset" else user
    tag.reviewed_at = None if decision == "reset" else timezone.now()
    tag._history_user = user
    tag.save(update_fields=["review", "reviewed_by", "reviewed_at"])
    return tag


class TagSpanError(ValueError):
    pass


def add_manual_tag(
    *,
    submission: Submission,
    user,
    role: Role,
    field: str,
    start: int,
    end: int,
    interview_id: int | None = None,
    quote_id: int | None = None,
) -> Tag:
    """A facilitator tags a span by hand; such a tag is confirmed from the start."""
    from django.utils import timezone

    if field == Tag.Field.STATEMENT:
        text, interview_id, quote_id = submission.statement, None, None
    elif field == Tag.Field.ANSWERS:
        interview = submission.interviews.filter(pk=interview_id).first()
        if interview is None:
            raise TagSpanError("no such interview")
        text, quote_id = interview.answers, None
    else:
        quote = Quote.objects.filter(pk=quote_id, interview__submission=submission).first()
        if quote is None:
            raise TagSpanError("no such quote")
        text, interview_id = quote.text, quote.interview_id
    if not 0 <= start < end <= len(text) or not text[start:end].strip():
        raise TagSpanError("the span is outside the text")
    return Tag.objects.create(
        role=role,
        submission=submission,
        interview_id=interview_id,
        quote_id=quote_id,
        field=field,
        start=start,
        end=end,
        match=text[start:end],
        evidence=[[start, end, text[start:end]]],
        source=Tag.Source.FACILITATOR,
        review=Tag.Review.CONFIRMED,
        reviewed_by=user,
        reviewed_at=timezone.now(),
    )


def record_change(*, user, description: str):
    from .models import TaxonomyChange

    return TaxonomyChange.objects.create(changed_by=user, description=description[:300])


@transaction.atomic
def merge_roles(*, source: Role, target: Role, user):
    """Move every tag and cue of `source` to `target`, then retire `source`."""
    for tag in Tag.objects.filter(role=source):
        duplicate = Tag.objects.filter(
            role=target,
            submission_id=tag.submission_id,
            field=tag.field,
            interview_id=tag.interview_id,
            quote_id=tag.quote_id,
            start=tag.start,
            source=tag.source,
        ).first()
        if duplicate is None:
            tag.role = target
            tag.save(update_fields=["role"])
        elif tag.is_kept_on_retag and not duplicate.is_kept_on_retag:
            duplicate.delete()
            tag.role = target
            tag.save(update_fields=["role"])
        else:
            tag.delete()
    target.cues = list(dict.fromkeys([*target.cues, *source.cues]))
    target.save(update_fields=["cues"])
    # The submissions that picked the source role now pick the target.
    for submission in Submission.objects.filter(self_roles=source):
        submission.self_roles.add(target)
        submission.self_roles.remove(source)
    source.is_active = False
    source.save(update_fields=["is_active"])
    return record_change(user=user, description=f"merge {source.slug} → {target.slug}")


def retire_role(*, role: Role, user):
    role.is_active = False
    role.save(update_fields=["is_active"])
    return record_change(user=user, description=f"retire {role.slug}")


def recent_changes(limit: int = 10):
    from .models import TaxonomyChange

    return TaxonomyChange.objects.select_related("changed_by")[:limit]
