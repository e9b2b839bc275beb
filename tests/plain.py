"""The plain Python form of a module that the install may have compiled (``setup.py``, mypyc).

A few tests replace a module's own functions or tables (``monkeypatch.setattr``) to watch how the
module uses them.  A compiled module calls its functions directly, not through its namespace, so
those tests read the module's ``.py`` source instead: ``plain(module)`` is the module itself where it
is not compiled, and otherwise a separate copy of it executed from its source.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from biennien.purepython import is_compiled

_COPIES: dict[str, ModuleType] = {}


def plain(module: ModuleType) -> ModuleType:
    if not is_compiled(module):
        return module
    name = module.__name__
    if name not in _COPIES:
        source = module.__file__.rsplit("/", 1)[0] + "/" + name.rpartition(".")[2] + ".py"  # type: ignore[union-attr]
        spec = importlib.util.spec_from_file_location(f"{name}__plain", source)
        assert spec is not None and spec.loader is not None
        copy = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = copy  # dataclasses look their module up while the classes are made
        spec.loader.exec_module(copy)
        _COPIES[name] = copy
    return _COPIES[name]
