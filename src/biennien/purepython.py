"""Run the plain Python modules even where compiled ones are installed (``BIENNIEN_PURE=1``).

An install may carry C extensions of the analysers, compiled from the same
``.py`` files by mypyc (``setup.py``); Python imports an extension before a
``.py`` of the same name.  With ``BIENNIEN_PURE`` set (to anything but ``0``),
``biennien/__init__.py`` puts ``PurePythonFinder`` first on ``sys.meta_path``
so every ``biennien`` module is imported from its ``.py`` source: a developer's
edit takes effect without a rebuild, and the tests compare the two forms
(``tests/test_compiled.py``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ExtensionFileLoader, ModuleSpec, PathFinder
from types import ModuleType

ENV = "BIENNIEN_PURE"


def wanted() -> bool:
    """Whether the environment asks for the plain modules."""
    return os.environ.get(ENV, "") not in ("", "0")


class PurePythonFinder(MetaPathFinder):
    """Finds a ``biennien`` module's ``.py`` source where the usual finder would load an extension."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if not fullname.startswith("biennien."):
            return None
        spec = PathFinder.find_spec(fullname, path)
        if spec is None or not isinstance(spec.loader, ExtensionFileLoader) or spec.origin is None:
            return None
        source = os.path.join(os.path.dirname(spec.origin), fullname.rpartition(".")[2] + ".py")
        if not os.path.exists(source):
            return None
        return importlib.util.spec_from_file_location(fullname, source)


def install() -> None:
    """Put the finder first (once)."""
    if not any(isinstance(f, PurePythonFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, PurePythonFinder())


def is_compiled(module: ModuleType) -> bool:
    """Whether ``module`` was loaded from a compiled extension."""
    return isinstance(getattr(module, "__loader__", None), ExtensionFileLoader) or str(
        getattr(module, "__file__", "")
    ).endswith((".so", ".pyd"))
