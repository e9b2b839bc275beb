"""Per-document analysis: a pure function from ``Document`` to ``DocAnalysis``."""

from biennien.analyse.pipeline import analyse

__all__ = ["analyse"]
