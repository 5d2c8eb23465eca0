"""The compiled tagger engine tags every text exactly as the pure Python engine does.

`make install` compiles synthesis/tagger/engine.py with Cython (synthesis.tagger.build);
synthesis.tagger uses the compiled copy only when it was built from the engine.py beside
it. Plain functions, no database.
"""

from __future__ import annotations

import importlib
import logging

import pytest

import synthesis.tagger as tagger
from demo.demo_data import SUBMISSIONS
from synthesis.devset_report import (
    BLIND,
    DEVSET,
    PARAPHRASE,
    PARAPHRASE_CHECK,
    PARAPHRASE_DEV,
    load_devset,
    load_paraphrases,
)
from synthesis.taxonomy_default import DEFAULT_ROLES

compiled = tagger.compiled_engine()
needs_compiled = pytest.mark.skipif(
    compiled is None, reason="the compiled engine is not built here (make install builds it)"
)


def _texts() -> list[str]:
    texts = [item.text for item in load_devset(DEVSET) + load_devset(BLIND)]
    for path in (PARAPHRASE_DEV, PARAPHRASE_CHECK, PARAPHRASE):
        texts.extend(item.text for item in load_paraphrases(path))
    for submission in SUBMISSIONS:
        texts.append(submission.get("statement", ""))
        texts.extend(i.get("answers", "") for i in submission.get("interviews", ()))
    # NFD input, line breaks, English, punctuation at the edges
    texts.append("Regionen samordnar\u0308 insatserna.\nVi saknar en mötesplats!")
    texts.append("Kunde inte regionen finansiera handledarutbildningen?")
    return texts


def _plain(sentences) -> list[tuple]:
    """SentenceTags as plain tuples: the two engines' named tuples are different classes."""
    return [
        (s.start, s.end, s.roles, tuple(map(tuple, s.evidence)), s.scores, s.expected)
        for s in sentences
    ]


@needs_compiled
def test_the_installed_tagger_runs_the_compiled_engine():
    assert tagger.ENGINE == "compiled"
    assert tagger.tag_sentences is compiled.tag_sentences


@needs_compiled
def test_both_engines_tag_every_development_text_and_the_demo_alike():
    cues = {role["slug"]: role["cues"] for role in DEFAULT_ROLES}
    pure = tagger.python_engine.Lexicon.compile(cues)
    fast = compiled.Lexicon.compile(cues)
    texts = _texts()
    assert len(texts) > 2000
    tagged = 0
    for text in texts:
        expected = _plain(tagger.python_engine.tag_sentences(text, pure))
        assert _plain(compiled.tag_sentences(text, fast)) == expected, text
        tagged += bool(expected)
    assert tagged > 1500


def test_a_compiled_engine_built_from_another_source_is_not_used(monkeypatch, caplog):
    monkeypatch.setattr(tagger, "source_digest", lambda: "an engine.py edited since the build")
    with caplog.at_level(logging.WARNING, logger="synthesis.tagger"):
        assert tagger.compiled_engine() is None
    if compiled is not None:
        assert "built from another engine.py" in caplog.text


def test_the_pure_engine_can_be_chosen(monkeypatch):
    monkeypatch.setenv("REGLAB_TAGGER_ENGINE", "python")
    try:
        reloaded = importlib.reload(tagger)
        assert reloaded.ENGINE == "python"
        assert reloaded.tag_sentences is tagger.python_engine.tag_sentences
    finally:
        monkeypatch.delenv("REGLAB_TAGGER_ENGINE")
        importlib.reload(tagger)
