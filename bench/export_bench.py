"""Time and peak memory of the exports that grow with the network (issue 16).

    python bench/export_bench.py

A fresh PostgreSQL database (`reglab_export_bench`, BENCH_DB), filled by `generate_data`
with BENCH_EXPORT_REGIONS regions (40) × BENCH_EXPORT_INTERVIEWS interviews (10), then
topped up to 10 × as many regions. At each size, for tags.csv, tags.xlsx and
project.qdpx, each in a fresh process (so that one export's memory is not another's):

- inline: the whole response produced by the view (Django's test client, DEBUG=0, the
  streamed content read to its end) with EXPORT_INLINE_ROWS out of the way: rows, bytes,
  seconds and the process's RSS growth (ru_maxrss after minus before); then again under
  tracemalloc for the peak of Python's allocations (slower, so not timed);
- task: the background worker's path (export_files.build(): written to a temporary file,
  stored in 1 MB chunks) and the download of the stored file: seconds and RSS growth;
- before (BENCH_EXPORT_BEFORE=1): the in-memory builders of before issue 16
  (tests/export_reference.py), for comparison.

The target: an export's peak at 10 × the rows under 1.5 × its peak at 1 ×, and no inline
export near gunicorn's 30 s (EXPORT_INLINE_ROWS in reglab/settings.py). Nothing here is
asserted: the figures depend on the machine; the load average is printed beside them.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import harness

DATABASE = os.environ.get("BENCH_DB", "reglab_export_bench")
REGIONS = int(os.environ.get("BENCH_EXPORT_REGIONS", "40"))
INTERVIEWS = int(os.environ.get("BENCH_EXPORT_INTERVIEWS", "10"))
SCALE = int(os.environ.get("BENCH_EXPORT_SCALE", "10"))
BEFORE = os.environ.get("BENCH_EXPORT_BEFORE", "1") == "1"
KINDS = ["tags_csv", "tags_xlsx", "project_qdpx"]
TARGET_RATIO = 1.5


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(kind: str, mode: str, assignment_pk: int) -> dict:
    """In a fresh process: one export produced whole, in `mode` (inline, traced, task,
    before). Django is set up by the caller's environment (DATABASE_URL…)."""
    import tracemalloc

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reglab.settings")
    sys.path.insert(0, str(harness.ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from reglab.models import Membership
    from submissions.models import Assignment
    from synthesis import export_files, exports

    settings.EXPORT_INLINE_ROWS = 10**12  # this measures the builders, not the choice
    user, created = get_user_model().objects.get_or_create(username="bench-facilitator")
    if created:
        Membership.objects.create(user=user, kind=Membership.Kind.FACILITATOR)
    assignment = Assignment.objects.get(pk=assignment_pk)
    client = Client()
    client.force_login(user)
    # Warm: every module imported, the connection open, before the baseline.
    client.get(reverse("exports:codebook_qdc", args=[assignment_pk]))
    if kind == "project_qdpx":
        rows = exports.project_size(assignment)
    else:
        rows = exports.tag_count(assignment)
    url = reverse(f"exports:{kind}", args=[assignment_pk])
    baseline = _maxrss_mib()
    if mode == "traced":
        tracemalloc.start()
    started = time.perf_counter()
    size = 0
    if mode in ("inline", "traced"):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        for chunk in response.streaming_content:
            size += len(chunk)
        response.close()
    elif mode == "task":
        file = export_files.request_file(kind, assignment, {}, user)
        export_files.build(file.pk)
        built = time.perf_counter() - started
        file.refresh_from_db()
        assert file.state == file.State.READY, file.state
        response = client.get(reverse("exports:prepared_download", args=[assignment_pk, file.pk]))
        for chunk in response.streaming_content:
            size += len(chunk)
        response.close()
    else:  # before: the in-memory builders of before issue 16
        from django.utils import translation

        from synthesis.models import Role
        from tests import export_reference as reference

        with translation.override("sv"):
            if kind == "tags_csv":
                size = len(reference.tags_csv(reference.tag_rows(assignment)).encode())
            elif kind == "tags_xlsx":
                size = len(reference.tags_xlsx(reference.tag_rows(assignment), Role.objects.all()))
            else:
                size = len(reference.project_qdpx(assignment, user=user))
    seconds = time.perf_counter() - started
    result = {
        "kind": kind,
        "mode": mode,
        "rows": rows,
        "bytes": size,
        "seconds": seconds,
        "rss_mib": _maxrss_mib() - baseline,
    }
    if mode == "traced":
        result["traced_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    if mode == "task":
        result["build_seconds"] = built
        from synthesis.models import ExportFile

        ExportFile.objects.filter(pk=file.pk).delete()
    return result


def run_one(env: dict, kind: str, mode: str, assignment_pk: int) -> dict:
    out = subprocess.run(
        [harness.PYTHON, __file__, "--measure", kind, mode, str(assignment_pk)],
        cwd=harness.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if out.returncode:
        sys.stderr.write(out.stdout + out.stderr)
        raise RuntimeError(f"{kind} {mode} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_size(env: dict, assignment_pk: int, label: str) -> dict:
    results = {}
    modes = ["inline", "traced", "task"] + (["before"] if BEFORE else [])
    for kind in KINDS:
        for mode in modes:
            result = run_one(env, kind, mode, assignment_pk)
            results[(kind, mode)] = result
            extra = (
                f", traced peak {result['traced_mib']:.1f} MiB" if "traced_mib" in result else ""
            )
            harness.log(
                f"{label} {kind:12} {mode:6}: {result['rows']:>9,} rows {result['bytes']:>12,} B "
                f"{result['seconds']:6.2f} s, RSS +{result['rss_mib']:.1f} MiB{extra}"
            )
    return results


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> int:
    harness.install_signal_handlers()
    began = time.perf_counter()
    sizes = {}
    with harness.database(DATABASE) as url:
        env = harness.production_env(url, ALLOWED_HOSTS="127.0.0.1,testserver")
        harness.manage(env, "migrate", "--noinput", "-v0")
        harness.manage(env, "createcachetable")
        for label, regions in (("1×", REGIONS), (f"{SCALE}×", REGIONS * (SCALE - 1))):
            harness.generate(env, regions, INTERVIEWS)
            (pk,) = harness.query(
                url, "SELECT id FROM submissions_assignment WHERE title_sv = 'Generated load'"
            )[0]
            harness.log(f"load before {label}: {uptime()}")
            sizes[label] = measure_size(env, pk, label)
            harness.log(f"load after {label}: {uptime()}")
    small, large = sizes.values()
    rows = []
    for (kind, mode), one in small.items():
        ten = large[(kind, mode)]
        memory = "traced_mib" if mode == "traced" else "rss_mib"
        ratio = ten[memory] / one[memory] if one[memory] > 0.5 else float("nan")
        rows.append(
            [
                kind,
                mode,
                f"{one['rows']:,} / {ten['rows']:,}",
                f"{one['bytes'] / 2**20:.1f} / {ten['bytes'] / 2**20:.1f}",
                f"{one['seconds']:.2f} / {ten['seconds']:.2f}",
                f"{one[memory]:.1f} / {ten[memory]:.1f}"
                + (" (traced)" if mode == "traced" else " (RSS)"),
                f"{ratio:.2f}"
                + ("" if mode == "before" else (" ok" if ratio < TARGET_RATIO else " MISSED")),
            ]
        )
    headers = ["export", "mode", "rows 1× / 10×", "MiB", "seconds", "peak MiB", "peak ratio"]
    print(harness.table(headers, rows, right={2, 3, 4, 5, 6}))
    print(f"target: peak(10×) / peak(1×) < {TARGET_RATIO} (inline, traced and task); {uptime()}")
    harness.log(f"export bench done in {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
        sys.exit(0)
    sys.exit(main())
