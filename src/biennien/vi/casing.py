"""``lower``: CPython's own ``str.lower``, for the modules that may be compiled with mypyc.

mypyc compiles ``text.lower()`` on a ``str`` to its own routine, which lowers
each character alone: a capital sigma that ends a word becomes "σ" where
CPython gives the final form "ς" ("ΟΔΥΣΣΕΥΣ" -> "οδυσσευσ" instead of
"οδυσσευς").  Where a lowered string reaches the output (entity keys through
``normalise.fold``, the text the taggers read), the compiled modules call this
one instead; it is never compiled, so the call is CPython's method on every
install.  ``tests/test_compiled.py`` holds the two forms to the same output.
"""

from __future__ import annotations

from collections.abc import Callable

lower: Callable[[str], str] = str.lower
