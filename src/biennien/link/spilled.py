"""A build's link inputs, kept in a temporary file until the link reads them.

A build's workers hash each new document for the link stage (``prepare_link``,
packed: about 8 kB pickled per article), and the link at the end of the build
uses them all.  Held in memory, they made the build process grow with the
corpus while it streamed the input (about 66 MB at 10,000 articles, 330 MB at
``build.MAX_PREPARED``); appended to an anonymous temporary file as they
arrive, the build process keeps only an offset per document until the link.
The workers send each input pickled already, so it is written as it comes,
without being unpickled here first; the link unpickles each one once, as it
did on arrival before.  The file lives in the system's temporary directory
(``TMPDIR``) and is gone when closed or when the process ends.

The link reads the inputs through two views (``paragraphs`` for the reprints,
``features`` for the stories) that copy their part out of each pickled input
as it is read: an unpickled input's arrays are views of one byte string, so
holding the paragraphs of every document for the reprint index (or the story
features while the stories are placed) would hold every whole input.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterator, MutableMapping
from types import TracebackType
from typing import IO, TYPE_CHECKING, TypeVar

from biennien.link.duplicates import PackedParagraphs
from biennien.link.stories import Features

if TYPE_CHECKING:  # the link stage imports this module
    from biennien.link.chronicle import PackedLinkInput

T = TypeVar("T")


class SpilledInputs(MutableMapping[str, "PackedLinkInput"]):
    """Document id -> its packed link input, read back from the file on each access (in order of arrival
    when iterated, which is the order of the file)."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._where: dict[str, tuple[int, int]] = {}
        self._end = 0

    def add_pickled(self, doc: str, blob: bytes) -> None:
        """Keep ``blob`` (``pickle.dumps`` of a ``PackedLinkInput``) as ``doc``'s input."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="biennien-link-")
        self._file.seek(self._end)
        self._file.write(blob)
        self._where[doc] = (self._end, len(blob))
        self._end += len(blob)

    def __setitem__(self, doc: str, value: PackedLinkInput) -> None:
        # (a document set again is appended again: its old bytes stay in the file until it is closed)
        self.add_pickled(doc, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def __getitem__(self, doc: str) -> PackedLinkInput:
        start, size = self._where[doc]
        assert self._file is not None  # an offset is kept only while its file is open
        self._file.seek(start)
        blob = self._file.read(size)
        if len(blob) != size:
            raise OSError(f"the temporary file of link inputs lost the input of {doc}")
        value: PackedLinkInput = pickle.loads(blob)
        return value

    def __delitem__(self, doc: str) -> None:
        del self._where[doc]

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __contains__(self, doc: object) -> bool:
        return doc in self._where

    def __len__(self) -> int:
        return len(self._where)

    def paragraphs(self) -> MutableMapping[str, PackedParagraphs]:
        """The reprint index's part of each input, copied out as it is read."""
        return _Part(self, _own_paragraphs)

    def features(self) -> MutableMapping[str, Features]:
        """The stories' part of each input, copied out as it is read; clearing it clears this (the stories
        are the link's last use of the inputs)."""
        return _Part(self, _own_features, on_clear=self.clear)

    def clear(self) -> None:
        """Forget every input and give the file's space back."""
        self.close()

    def close(self) -> None:
        """Close the file (the system deletes it); the inputs it held are forgotten with it, so no
        offset is left pointing into a closed file.  It may be used again after."""
        self._where.clear()
        if self._file is not None:
            self._file.close()
            self._file = None
        self._end = 0

    def __enter__(self) -> SpilledInputs:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _own_paragraphs(value: PackedLinkInput) -> PackedParagraphs:
    p = value.paragraphs
    sigs = None if p.signatures is None else p.signatures.copy()
    return PackedParagraphs(p.spans.copy(), p.words.copy(), p.sizes.copy(), p.shingles.copy(), sigs)


def _own_features(value: PackedLinkInput) -> Features:
    feats, weights, actors = value.features
    return feats.copy(), weights.copy(), actors.copy()


class _Part(MutableMapping[str, T]):
    """One part of every spilled input, read on access.  The link consumes it: ``clear`` (or deleting a
    document) hides inputs from this view only, and calls ``on_clear``."""

    def __init__(
        self,
        spilled: SpilledInputs,
        pick: Callable[[PackedLinkInput], T],
        on_clear: Callable[[], None] | None = None,
    ) -> None:
        self._spilled = spilled
        self._pick = pick
        self._on_clear = on_clear
        self._gone: set[str] = set()
        self._cleared = False

    def __getitem__(self, doc: str) -> T:
        if self._cleared or doc in self._gone:
            raise KeyError(doc)
        return self._pick(self._spilled[doc])

    def __contains__(self, doc: object) -> bool:
        return not self._cleared and doc not in self._gone and doc in self._spilled

    def __setitem__(self, doc: str, value: T) -> None:
        raise TypeError("the spilled link inputs are read-only")

    def __delitem__(self, doc: str) -> None:
        if doc not in self:
            raise KeyError(doc)
        self._gone.add(doc)

    def __iter__(self) -> Iterator[str]:
        if self._cleared:
            return iter(())
        return (doc for doc in self._spilled if doc not in self._gone)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def clear(self) -> None:
        self._cleared = True
        if self._on_clear is not None:
            self._on_clear()
