"""Restore a dump written by `manage.py backup` into an empty database.

    python manage.py restore FILE

PostgreSQL (.dump): pg_restore into the configured database, which must be empty.
SQLite (.json): migrate, then loaddata.
"""

import subprocess
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import pg_args, pg_env


class Command(BaseCommand):
    help = "Restore a dump written by `manage.py backup` into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"no such file: {path}")
        if path.suffix == ".dump":
            if connection.vendor != "postgresql":
                raise CommandError("a .dump file restores into PostgreSQL only")
            name = settings.DATABASES["default"]["NAME"]
            command = ["pg_restore", "--no-owner", "--exit-on-error", *pg_args(), "-d", name]
            result = subprocess.run(
                [*command, str(path)], env=pg_env(), capture_output=True, text=True
            )
            if result.returncode:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        else:
            call_command("migrate", verbosity=0, interactive=False)
            call_command("loaddata", str(path), verbosity=0)
        # Nothing cached was computed from the restored data (pg_restore sends no model
        # signals to invalidate it): every process computes its pages afresh.
        cache.clear()
        self.stdout.write(f"restored {path}")
