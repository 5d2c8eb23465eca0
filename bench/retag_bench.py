"""Re-tagging a corpus of about a million sentences on PostgreSQL.

    python bench/retag_bench.py [--keep]    (BENCH_RETAG_DB, BENCH_RETAG_SENTENCES)

A fresh PostgreSQL database (`reglab_retag_bench`) gets generated homework of 1,000
regions × 20 interviews, untagged (`generate_data --no-tags`), with long enough texts for
about BENCH_RETAG_SENTENCES sentences. Then `retag_corpus()` runs as the background task
runs it (settings.RETAG_PROCESSES worker processes), twice:

(a) a full re-tag of a corpus with no tags: every tag is new;
(b) a re-tag after a realistic taxonomy change: one cue added to one role. Most tags stay
    as they are: only those that changed are deleted and inserted.

For each it prints where the time went (reading texts and tags, tagging in the workers,
comparing with the tags there, writing) and checks that (b) left the same tags as a full
re-tag would (with BENCH_RETAG_CHECK=1: a third re-tag, from no tags, to compare with).
Target: under 60 s for each. With --keep the database is kept (and reused by
the next run with --keep), to measure again without generating the corpus again.
Nothing is asserted: the figures depend on the machine.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
import time

import harness
import psycopg

DATABASE = os.environ.get("BENCH_RETAG_DB", "reglab_retag_bench")
SENTENCES = int(os.environ.get("BENCH_RETAG_SENTENCES", "1000000"))
REGIONS, INTERVIEWS = 1000, 20
TARGET_S = 60.0
LIMIT_S = float(os.environ.get("BENCH_RETAG_LIMIT", "600"))
SENTENCE_END = re.compile(r"[.!?…]+(?:\s|$)")
# The taxonomy change of (b): a facilitator adds a cue to one role.
CHANGED_ROLE, NEW_CUE = "natverksledare", "möte"


def count_sentences() -> tuple[int, int]:
    """Sentences (split after . ! ? …) and texts in the corpus that retag_corpus reads."""
    from synthesis.services import all_units

    sentences = texts = 0
    for unit in all_units():
        texts += 1
        stripped = unit.text.strip()
        if stripped:
            ends = len(SENTENCE_END.findall(stripped))
            sentences += ends + (0 if SENTENCE_END.search(stripped[-1] + " ") else 1)
    return sentences, texts


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(harness.ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reglab.settings")
    import django

    django.setup()


def _tag_set() -> list[tuple]:
    """Every automatic tag as a comparable tuple (not its id or time)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT role_id, submission_id, field, interview_id, quote_id, start, "end",'
            " match, evidence::text, score, expectation, review FROM synthesis_tag"
            " WHERE source = 'auto' ORDER BY 2, 3, 4, 5, 6, 1, 7, 8, 9"
        )
        return cursor.fetchall()


def time_retags() -> dict:
    """In a child process: (a) the full re-tag, (b) the re-tag after one new cue, and a
    check that (b) gives the tags a full re-tag gives."""
    from django.conf import settings
    from django.db import connection, transaction

    from synthesis import services
    from synthesis.models import Role, Tag

    out: dict = {"processes": settings.RETAG_PROCESSES}
    role = Role.objects.get(slug=CHANGED_ROLE)
    if NEW_CUE in role.cues:  # left by a run that was stopped
        role.cues = [c for c in role.cues if c != NEW_CUE]
        role.save(update_fields=["cues"])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM synthesis_tag")
        # As autovacuum would have done by then: the deleted rows are not read again.
        cursor.execute("VACUUM ANALYZE synthesis_tag")
    out["tags before (a)"] = 0

    def run(label: str) -> None:
        stats: dict = {}
        started = time.perf_counter()
        if "stats" in inspect.signature(services.retag_corpus).parameters:
            services.retag_corpus(settings.RETAG_PROCESSES, stats=stats)
        else:  # an older retag_corpus(), to compare with
            services.retag_corpus(settings.RETAG_PROCESSES)
        stats["total"] = time.perf_counter() - started
        stats["commit"] = stats["total"] - stats.get("body", stats["total"])
        out[label] = stats
        print(f"PHASE {label}: {json.dumps(stats)}", flush=True)

    run("a")
    ids_before = dict(Tag.objects.filter(source="auto").values_list("pk", "role_id").order_by())
    with connection.cursor() as cursor:  # a taxonomy change comes later: vacuumed by then
        cursor.execute("VACUUM ANALYZE synthesis_tag")
    role.cues = [*role.cues, NEW_CUE]
    role.save(update_fields=["cues"])
    try:
        run("b")
    except BaseException:
        role.cues = role.cues[:-1]
        role.save(update_fields=["cues"])
        raise
    ids_after = set(Tag.objects.filter(source="auto").values_list("pk", flat=True))
    out["tags kept with their id"] = len(ids_after & ids_before.keys())
    out["tags after (b)"] = len(ids_after)
    if os.environ.get("BENCH_RETAG_CHECK", "0") != "1":
        role.cues = role.cues[:-1]
        role.save(update_fields=["cues"])
        return out
    after_b = _tag_set()
    # The reference: the same taxonomy, re-tagged from no tags (rolled back after).
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM synthesis_tag")
        started = time.perf_counter()
        services.retag_corpus(settings.RETAG_PROCESSES)
        out["full re-tag with the new cue, s"] = time.perf_counter() - started
        out["(b) equals a full re-tag"] = _tag_set() == after_b
        transaction.set_rollback(True)
    role.cues = role.cues[:-1]
    role.save(update_fields=["cues"])
    return out


def report(result: dict, sentences: int, texts: int) -> None:
    print()
    print(f"Re-tag on PostgreSQL (target under {TARGET_S:.0f} s each):")
    rows = [
        ["sentences in the corpus", f"{sentences:,}"],
        ["texts (statements, answers, quotes)", f"{texts:,}"],
        ["worker processes tagging (RETAG_PROCESSES)", f"{result['processes']}"],
    ]
    print(harness.table(["", "value"], rows))
    print()
    phases = [
        ("reading texts (main process)", "read_texts"),
        ("reading existing tags (main process)", "read_tags"),
        ("tagging (CPU of all workers)", "tag"),
        ("comparing with existing tags (workers)", "diff"),
        ("waiting for workers (main process)", "wait"),
        ("writing: DELETE (main process)", "delete"),
        ("writing: COPY (main process)", "copy"),
        ("tags inserted", "inserted"),
        ("tags deleted", "deleted"),
        ("tags left as they were", "unchanged"),
        ("commit (after the last write)", "commit"),
        ("retag_corpus() in all, s", "total"),
    ]
    rows = []
    for label, key in phases:
        a, b = result["a"].get(key, 0), result["b"].get(key, 0)
        fmt = "{:,}" if isinstance(a, int) and isinstance(b, int) else "{:.1f}"
        rows.append([label, fmt.format(a), fmt.format(b)])
    rows.append(
        [
            "sentences/s",
            f"{sentences / result['a']['total']:,.0f}",
            f"{sentences / result['b']['total']:,.0f}",
        ]
    )
    print(harness.table(["seconds (or count)", "(a) no tags", f"(b) + cue {NEW_CUE!r}"], rows))
    print()
    print(
        f"tags after (b): {result['tags after (b)']:,}, of them kept with their id: "
        f"{result['tags kept with their id']:,}"
    )
    if "(b) equals a full re-tag" in result:
        print(
            f"(b) equals a full re-tag with the new cue: {result['(b) equals a full re-tag']}"
            f" (that full re-tag: {result['full re-tag with the new cue, s']:.1f} s)"
        )
    for label in ("a", "b"):
        verdict = "met" if result[label]["total"] < TARGET_S else "MISSED"
        print(f"re-tag ({label}) target {verdict}: {result[label]['total']:.1f} s")


def _exists(name: str) -> bool:
    with psycopg.connect(harness.PG_ADMIN_URL, connect_timeout=10) as conn:
        return bool(
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchall()
        )


def prepare(env: dict[str, str]) -> None:
    harness.manage(env, "migrate", "--noinput", "-v0")
    harness.manage(env, "createcachetable")
    quotes = REGIONS * INTERVIEWS  # one sentence each
    per_text = max(1, -(-(SENTENCES - quotes) // (REGIONS * (INTERVIEWS + 1))))
    harness.generate(env, REGIONS, INTERVIEWS, "--sentences-per-text", str(per_text), "--no-tags")


def main() -> int:
    harness.install_signal_handlers()
    keep = "--keep" in sys.argv[1:]
    url = harness._db_url(DATABASE)
    reuse = keep and _exists(DATABASE)
    if not reuse:
        harness.drop_database(DATABASE)
        harness._admin(
            harness.sql.SQL("CREATE DATABASE {}").format(harness.sql.Identifier(DATABASE))
        )
        harness.log(f"created database {DATABASE}")
    try:
        env = harness.production_env(url)
        if not reuse:
            prepare(env)
        setup_django(env)
        sentences, texts = count_sentences()
        harness.log(f"re-tagging {sentences:,} sentences in {texts:,} texts")
        from django.db import connections

        connections.close_all()
        # In a child process, stopped after BENCH_RETAG_LIMIT seconds (its transaction is
        # then rolled back); its phases are shown as they end.
        child = subprocess.Popen(
            [harness.PYTHON, __file__, "--child"], env=env, stdout=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + LIMIT_S
        lines = []
        try:
            for line in child.stdout:
                lines.append(line)
                if line.startswith("PHASE"):
                    harness.log(line.strip())
                if time.monotonic() > deadline:
                    raise TimeoutError(f"stopped after {LIMIT_S:.0f} s (BENCH_RETAG_LIMIT)")
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
        if child.returncode:
            raise RuntimeError("the re-tag failed")
        report(json.loads(lines[-1]), sentences, texts)
    finally:
        if not keep:
            harness.drop_database(DATABASE)
            harness.log(f"dropped database {DATABASE}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        setup_django({})
        print(json.dumps(time_retags()))
        sys.exit(0)
    sys.exit(main())
