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
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator, MutableMapping
from types import TracebackType
from typing import IO

from biennien.link.chronicle import PackedLinkInput


class SpilledInputs(MutableMapping[str, PackedLinkInput]):
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
        self.add_pickled(doc, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def __getitem__(self, doc: str) -> PackedLinkInput:
        start, size = self._where[doc]
        assert self._file is not None
        self._file.seek(start)
        blob = self._file.read(size)
        if len(blob) != size:
            raise OSError(f"the temporary file of link inputs lost the input of {doc}")
        value = pickle.loads(blob)
        if not isinstance(value, PackedLinkInput):
            raise TypeError(f"the link input kept for {doc} is a {type(value).__name__}")
        return value

    def __delitem__(self, doc: str) -> None:
        del self._where[doc]

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def clear(self) -> None:
        """Forget every input and give the file's space back."""
        self._where.clear()
        self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._end = 0

    def __enter__(self) -> SpilledInputs:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._where.clear()
        self.close()
