"""Tag text from stdin with the taxonomy in the database.

One statement per input line; one JSON object per output line, in the same order:
{"roles": ["samordnare", ...],
 "evidence": [{"role": ..., "start": 8, "end": 16, "match": ..., "expected": true}],
 "expected": ["samordnare"]}
A line where someone wants, needs, misses or expects a role ("Det vi saknar är att regionen
samordnar") lists those roles under "expected"; each piece of evidence says whether it is
such an expectation.
"""

import json
import sys

from django.core.management.base import BaseCommand

from synthesis import tagger
from synthesis.services import current_taxonomy


class Command(BaseCommand):
    help = "Tag UTF-8 text from stdin, one statement per line; print one JSON object per line."
    stealth_options = ("stdin",)

    def handle(self, *args, **options):
        lexicon = current_taxonomy().lexicon
        stdin = options.get("stdin") or open(
            sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False
        )
        out = self.stdout
        for raw in stdin:
            # Offsets refer to the line as given (NFD input stays NFD); the tagger
            # normalises internally.
            line = raw.rstrip("\r\n")
            roles, evidence = tagger.tag_text(line, lexicon)
            record = {
                "roles": roles,
                "evidence": [
                    {
                        "role": e.role,
                        "start": e.start,
                        "end": e.end,
                        "match": e.match,
                        "expected": e.expected,
                    }
                    for e in evidence
                ],
            }
            expected = list(dict.fromkeys(e.role for e in evidence if e.expected))
            if expected:
                record["expected"] = expected
            out.write(json.dumps(record, ensure_ascii=False))
