"""biennien: a sourced chronicle from Vietnamese news articles.

The public API is small: ``ingest`` turns files into ``Document`` objects,
``analyse`` reads one document, ``link`` merges across documents, ``store``
keeps the chronicle in SQLite, and ``export`` writes it out.
"""

__version__ = "0.1.0"

from biennien import purepython as _purepython

if _purepython.wanted():  # BIENNIEN_PURE=1: the .py modules, not the compiled ones (see purepython.py)
    _purepython.install()
