"""One regular expression searched in many texts at once, with exactly the answers of ``rx.search`` per text.

Python's ``re`` tries a large alternation (a lexicon's word list) at every position of every text; over a few
thousand distinct descriptors and some fifty word lists that is most of the signals stage. Arrow's RE2 does the
same search as one vectorised call. RE2 has no look-around and reads ``\\b`` and ``\\d`` in ASCII, so it is used
as a filter only: :func:`re2_superset` writes a pattern that matches wherever the Python one does (look-arounds
and word boundaries dropped, digit classes widened to every Unicode number), and the texts it passes are searched
again with the Python pattern. A pattern that cannot be written so (back-references, ``\\w``/``\\s`` classes,
inline flags) is searched text by text, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

try:  # Python 3.11+: the parser lives in re._parser
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]


class _Unsupported(Exception):
    """A construct with no RE2 superset here."""


def _char(code: int) -> str:
    return f"\\x{{{code:x}}}"


def _class(items: list[tuple[Any, Any]]) -> str:
    """A character class; a category only where a superset is simple (digits -> every Unicode number)."""
    negate = any(op is _c.NEGATE for op, _ in items)
    parts = []
    for op, av in items:
        if op is _c.NEGATE:
            continue
        if op is _c.LITERAL:
            parts.append(_char(av))
        elif op is _c.RANGE:
            parts.append(_char(av[0]) + "-" + _char(av[1]))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT and not negate:
            parts.append(r"\p{N}")
        else:
            raise _Unsupported(str(op))
    if not parts:
        raise _Unsupported("empty class")
    return ("[^" if negate else "[") + "".join(parts) + "]"


def _emit(tree: Any) -> str:
    out = []
    for op, av in tree:
        if op is _c.LITERAL:
            out.append(_char(av))
        elif op is _c.NOT_LITERAL:
            out.append("[^" + _char(av) + "]")
        elif op is _c.ANY:
            out.append(".")
        elif op is _c.IN:
            out.append(_class(av))
        elif op is _c.BRANCH:
            out.append("(?:" + "|".join(_emit(b) for b in av[1]) + ")")
        elif op is _c.SUBPATTERN:
            _group, add, remove, sub = av
            if add or remove:
                raise _Unsupported("inline flags")
            out.append("(?:" + _emit(sub) + ")")
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
            lo, _hi, sub = av  # x{2,4} is within x+, x{0,4} within x*: fewer automaton states for RE2
            out.append("(?:" + _emit(sub) + ")" + ("+" if lo else "*"))
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            out.append("(?:" + _emit(av) + ")")
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # a zero-width condition dropped: the pattern matches more, never less
        else:
            raise _Unsupported(str(op))
    return "".join(out)


@lru_cache(maxsize=512)
def re2_superset(pattern: str, flags: int) -> str | None:
    """An RE2 pattern matching every text the Python pattern (``str`` pattern, ``flags``) finds a match in
    (and maybe more); None when there is none this module can write."""
    unsupported = re.IGNORECASE | re.ASCII | re.LOCALE | re.DOTALL | re.MULTILINE
    try:
        tree = _p.parse(pattern, flags)
        if (flags | tree.state.flags) & unsupported:  # flags given, or set inside the pattern ("(?i)...")
            return None
        return _emit(tree)
    except (_Unsupported, re.error, RecursionError, AttributeError):
        return None


def texts_array(texts: Sequence[str]) -> Any:
    """``texts`` as an Arrow array, to pass to :func:`search_many` for several patterns (None when a text cannot
    be written as UTF-8: then every text is searched one by one)."""
    import pyarrow as pa

    try:
        return pa.array(list(texts), type=pa.string())
    except (pa.ArrowException, UnicodeError, TypeError):
        return None


def candidates(rx: re.Pattern[str], texts: Sequence[str], arrow: Any = None) -> np.ndarray:
    """Positions of the texts in which ``rx`` may match (a superset of those where it does)."""
    pat = re2_superset(rx.pattern, rx.flags & ~re.UNICODE) if isinstance(rx.pattern, str) else None
    arr = arrow if arrow is not None or pat is None else texts_array(texts)
    if pat is None or arr is None or len(arr) != len(texts):
        return np.arange(len(texts))
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        hit = pc.match_substring_regex(arr, pat).to_numpy(zero_copy_only=False)
    except pa.ArrowException:  # a pattern RE2 refuses: every text is a candidate
        return np.arange(len(texts))
    return np.flatnonzero(hit)


def search_many(rx: re.Pattern[str], texts: Sequence[str], arrow: Any = None) -> np.ndarray:
    """``[bool(rx.search(t)) for t in texts]`` as a boolean array (``arrow``: :func:`texts_array` of ``texts``)."""
    out = np.zeros(len(texts), dtype=bool)
    for i in candidates(rx, texts, arrow).tolist():
        out[i] = rx.search(texts[i]) is not None
    return out


def first_match_many(rx: re.Pattern[str], texts: Sequence[str], arrow: Any = None) -> list[str | None]:
    """``rx.search(t).group(0)`` per text (None where it does not match)."""
    out: list[str | None] = [None] * len(texts)
    for i in candidates(rx, texts, arrow).tolist():
        m = rx.search(texts[i])
        if m is not None:
            out[i] = m.group(0)
    return out
