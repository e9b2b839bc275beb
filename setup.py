"""Build hook: compile the per-document analysers to C extensions with mypyc, when it can.

Everything about the package is in ``pyproject.toml``; this file only adds the
extension modules.  mypyc (part of mypy) compiles type-annotated Python modules
as they are: the ``.py`` files stay the source of truth and the behaviour is the
same (``tests/test_compiled.py`` compares the compiled and the plain modules on
real and odd text).  The analysers are the build's hot path: compiled, a worker
spends about 17% less CPU per article (``docs/performance.md``, session 8).

The compiled modules are optional.  ``BIENNIEN_PURE=1`` installs the plain
Python package; so does a machine without a C compiler (each extension is
``optional``: a failed compile leaves the ``.py`` module in use).  In an
editable install the extensions sit beside their sources in ``src/``, and
Python imports an extension before a ``.py`` of the same name: after editing
one of the modules below, reinstall (``./dev`` does when a listed source is
newer than its extension).
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# the modules ``analyse`` runs for every document, and the Vietnamese tables they call into; listed in
# ``src/biennien/compiled.txt`` (one path per line, relative to ``src``), which ``./dev`` reads too
HERE = Path(__file__).resolve().parent
LISTED = HERE / "src" / "biennien" / "compiled.txt"


def compiled_sources() -> list[str]:
    lines = LISTED.read_text(encoding="utf-8").splitlines()
    return [f"src/{line.strip()}" for line in lines if line.strip() and not line.startswith("#")]


def remove_extensions() -> None:
    """Remove the extensions an earlier install left in ``src/`` (an editable install builds them there):
    an extension of a module that is no longer compiled, or of a plain install, would shadow its source."""
    src = HERE / "src"
    for built in (src / "biennien").rglob("*.so"):
        if built.with_name(built.name.split(".")[0] + ".py").exists():
            built.unlink()
    for shared in src.glob("*__mypyc.*.so"):
        shared.unlink()


def extensions() -> list:
    remove_extensions()
    if os.environ.get("BIENNIEN_PURE", "") not in ("", "0"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:  # built without its build requirements (no isolation): the plain package
        return []
    modules = mypycify(compiled_sources(), opt_level="3", verbose=False)
    for ext in modules:
        ext.optional = True  # no compiler, or a compile error: keep the .py module
    return modules


class BuildExt(build_ext):
    """Builds mypyc's shared library of the group first, and a module's own small extension only when
    that library was built: the small one does nothing but load the library, so alone it would break
    the import of its module (say a newer compiler turns a warning into an error under mypyc's
    ``-Werror``) where leaving it out keeps the ``.py`` module."""

    def build_extensions(self) -> None:
        self.extensions.sort(key=lambda ext: not ext.name.endswith("__mypyc"))
        super().build_extensions()

    def build_extension(self, ext) -> None:  # type: ignore[no-untyped-def]
        if not ext.name.endswith("__mypyc"):
            shared = [e for e in self.extensions if e.name.endswith("__mypyc")]
            if not all(os.path.exists(self.get_ext_fullpath(e.name)) for e in shared):
                print(f"not building {ext.name}: the compiled library it loads failed to build")
                return
        super().build_extension(ext)


setup(ext_modules=extensions(), cmdclass={"build_ext": BuildExt})
