"""Views of a store as files: the JSON export contract, JSON Lines and CSV."""

from biennien.export.contract import FORMAT_VERSION, chronicle_dict

__all__ = ["FORMAT_VERSION", "chronicle_dict"]
