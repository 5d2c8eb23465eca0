"""Role tagger: finds the roles of the taxonomy in Swedish and English text, with evidence.

The engine is synthesis/tagger/engine.py (how it works is told there), its word lists are
in synthesis/tagger/words.py. Plain Python, no Django: the management command, the
re-tagging job and the tests all use it.

`make install` also compiles a copy of the engine with Cython (python -m
synthesis.tagger.build), which tags the same text the same way about 1.3 times as fast.
The compiled copy is used only when it was built from the engine.py beside it: after an
edit to engine.py, or where it could not be built (no C compiler), the pure Python engine
runs, and ENGINE says which one does. REGLAB_TAGGER_ENGINE=python chooses the pure one.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from types import ModuleType

from . import engine as python_engine

__all__ = [
    "ENGINE",
    "Evidence",
    "Lexicon",
    "SentenceTags",
    "compiled_engine",
    "default_lexicon",
    "python_engine",
    "tag_sentences",
    "tag_text",
]

logger = logging.getLogger(__name__)

ENGINE_SOURCE = Path(__file__).resolve().parent / "engine.py"


def source_digest() -> str:
    """What a compiled engine must have been built from: sha256 of engine.py."""
    return hashlib.sha256(ENGINE_SOURCE.read_bytes()).hexdigest()


def compiled_engine() -> ModuleType | None:
    """The compiled copy of engine.py, if it was built from the engine.py beside it."""
    try:
        from . import _engine_compiled as compiled  # type: ignore[attr-defined]
    except ImportError:
        return None
    if getattr(compiled, "SOURCE_DIGEST", None) != source_digest():
        logger.warning(
            "The compiled tagger engine was built from another engine.py: the pure Python "
            "engine runs (make install rebuilds it)."
        )
        return None
    return compiled


def _chosen() -> ModuleType:
    if os.environ.get("REGLAB_TAGGER_ENGINE", "").lower() == "python":
        return python_engine
    return compiled_engine() or python_engine


_engine = _chosen()
ENGINE = "compiled" if _engine is not python_engine else "python"

Evidence = _engine.Evidence
SentenceTags = _engine.SentenceTags
Lexicon = _engine.Lexicon
default_lexicon = _engine.default_lexicon
tag_sentences = _engine.tag_sentences
tag_text = _engine.tag_text
