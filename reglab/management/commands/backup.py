"""Write a restorable dump of the database: pg_dump on PostgreSQL, dumpdata on SQLite.

    python manage.py backup [--output FILE]

Restore with `python manage.py restore FILE` into an empty database.
"""

import os
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

# Rows Django rebuilds by itself, and sessions, are not worth restoring; nor the exports the
# worker stored (synthesis/export_files.py): megabytes of a few hours, rebuilt when asked.
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "synthesis.exportfile",
    "synthesis.exportchunk",
]
EXPORT_TABLES = ["synthesis_exportfile", "synthesis_exportchunk"]


def pg_env() -> dict:
    db = settings.DATABASES["default"]
    env = os.environ.copy()
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def pg_args() -> list[str]:
    db = settings.DATABASES["default"]
    args = []
    if db.get("HOST"):
        args += ["-h", db["HOST"]]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return args


class Command(BaseCommand):
    help = "Write a restorable dump of the database (pg_dump or dumpdata)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the file to write; default backups/<date>.*")

    def handle(self, *args, **options):
        postgres = connection.vendor == "postgresql"
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        default = Path(settings.BASE_DIR) / "backups" / f"reglab-{stamp}"
        output = Path(options["output"] or default.with_suffix(".dump" if postgres else ".json"))
        output.parent.mkdir(parents=True, exist_ok=True)
        if postgres:
            name = settings.DATABASES["default"]["NAME"]
            skip = [f"--exclude-table-data={table}" for table in EXPORT_TABLES]
            command = [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                *skip,
                *pg_args(),
                "-f",
                output,
                name,
            ]
            result = subprocess.run(command, env=pg_env(), capture_output=True, text=True)
            if result.returncode:
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        else:
            call_command(
                "dumpdata",
                exclude=EXCLUDE,
                natural_foreign=True,
                indent=None,
                output=str(output),
                verbosity=0,
            )
        self.stdout.write(str(output))
