"""`make backup` writes a dump that restores into an empty database with every text."""

import os
import sqlite3
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from interviews.models import Interview, Quote
from submissions.models import Submission
from synthesis.models import Tag
from synthesis.services import retag_corpus

from .conftest import add_interview

TABLES = {
    "submissions_submission": Submission,
    "interviews_interview": Interview,
    "interviews_quote": Quote,
    "synthesis_tag": Tag,
}


def manage(*args, database_url):
    env = os.environ | {"DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def homework(complete_submission):
    complete_submission.statement = "Vår roll: att samordna och öppna dörrar ✓ \u200f"
    complete_submission.save()
    add_interview(
        complete_submission, 9, answers="Åsa på Länsstyrelsen säger: ”regionen stöttar”."
    )
    retag_corpus()
    return complete_submission


def expected():
    return {table: model.objects.count() for table, model in TABLES.items()}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path")
def test_a_sqlite_backup_restores_into_an_empty_database(homework, tmp_path):
    dump = tmp_path / "backup.json"
    call_command("backup", output=str(dump), stdout=open(os.devnull, "w"))
    target = tmp_path / "restored.sqlite3"
    manage("restore", str(dump), database_url=f"sqlite:///{target}")
    restored = sqlite3.connect(target)
    for table, count in expected().items():
        assert restored.execute(f"select count(*) from {table}").fetchone()[0] == count, table
    statement = restored.execute(
        "select statement from submissions_submission where id = ?", [homework.pk]
    ).fetchone()[0]
    assert statement == homework.statement
    answers = {row[0] for row in restored.execute("select answers from interviews_interview")}
    assert set(Interview.objects.values_list("answers", flat=True)) == answers


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL path")
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_into_an_empty_database(homework, tmp_path):
    import psycopg

    dump = tmp_path / "backup.dump"
    call_command("backup", output=str(dump), stdout=open(os.devnull, "w"))
    db = settings.DATABASES["default"]
    name = f"reglab_restore_{uuid.uuid4().hex[:8]}"
    base = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'create database "{name}"')
    try:
        manage("restore", str(dump), database_url=f"{base}/{name}")
        with psycopg.connect(f"{base}/{name}") as restored:
            for table, count in expected().items():
                got = restored.execute(f"select count(*) from {table}").fetchone()[0]
                assert got == count, table
            statement = restored.execute(
                "select statement from submissions_submission where id = %s", [homework.pk]
            ).fetchone()[0]
            assert statement == homework.statement
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'drop database if exists "{name}" with (force)')
