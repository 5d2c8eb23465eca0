"""Compile the tagger's engine with Cython: python -m synthesis.tagger.build

Cython compiles engine.py as it is (plain Python; annotations are not used as C types, so
the compiled engine behaves exactly as the Python one, which tests/test_tagger_engines.py
checks on every development set). It may infer C types for local variables, which only
ever hold small integers there. The copy it compiles carries SOURCE_DIGEST, the sha256
of the engine.py it came from, so that synthesis.tagger never runs a compiled engine
older than the source beside it.

Run by `make install`. Where there is no C compiler or no Cython, it says so and exits 0:
the pure Python engine then runs, only slower.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent.parent
MODULE = "synthesis.tagger._engine_compiled"


def build() -> bool:
    from synthesis.tagger import source_digest

    try:
        from Cython.Build import cythonize
        from setuptools import Distribution, Extension
    except ImportError as error:
        print(f"tagger engine not compiled ({error}): the pure Python engine runs")
        return False
    digest = source_digest()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "_engine_compiled.py"
        text = (PACKAGE / "engine.py").read_text(encoding="utf-8")
        source.write_text(f"{text}\n\nSOURCE_DIGEST = {digest!r}\n", encoding="utf-8")
        extension = Extension(MODULE, [str(source)])
        try:
            modules = cythonize(
                [extension],
                compiler_directives={
                    "language_level": 3,
                    "annotation_typing": False,
                    # C types for locals where that cannot change a result (lengths,
                    # positions, bit flags, all far below 2**63), and plain C functions
                    # instead of introspectable ones: together about 7% faster.
                    "infer_types": True,
                    "binding": False,
                },
                build_dir=tmp,
                quiet=True,
            )
            distribution = Distribution(
                {
                    "name": "reglab-tagger-engine",
                    "ext_modules": modules,
                    "script_args": ["-q", "build_ext", "--build-temp", tmp, "--build-lib", tmp],
                }
            )
            distribution.parse_command_line()
            distribution.run_commands()
        except (Exception, SystemExit) as error:  # no compiler, no headers: not fatal
            print(f"tagger engine not compiled ({error}): the pure Python engine runs")
            return False
        for old in PACKAGE.glob("_engine_compiled.*.so"):
            old.unlink()
        (built,) = Path(tmp).rglob("_engine_compiled.*.so")
        shutil.copy2(built, PACKAGE / built.name)
    print(f"tagger engine compiled: synthesis/tagger/{built.name}")
    return True


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    build()
