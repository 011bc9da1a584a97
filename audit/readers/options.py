"""Reading options in force for a run: a column mapping for every file, the saved mappings, and
whether the named issuer layouts are used.

Like :mod:`audit.readers.limits`, a caller wraps the work in :func:`in_force`; :func:`audit.readers.read_statement`
and the CSV and PDF readers look at :func:`current`. Nothing is read from the user's store unless a caller
(the command line, the page) puts the saved mappings here, so tests and evaluations are never changed by
what someone saved on this machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.readers.mapping import ColumnMapping
    from audit.readers.saved import SavedLayout


@dataclass(frozen=True)
class ReadingOptions:
    """How delimited statements are read in this run."""

    mapping: ColumnMapping | None = None  # applies to every delimited file (``--columns`` ...)
    saved: tuple[SavedLayout, ...] = ()  # saved mappings, used for files with the same header signature
    named_layouts: bool = True  # False: the issuers' layout specs are switched off (``eval --generic-only``)


DEFAULT = ReadingOptions()
_ACTIVE: ContextVar[ReadingOptions] = ContextVar("audit_reading_options", default=DEFAULT)


def current() -> ReadingOptions:
    """The options in force (:data:`DEFAULT` unless a caller used :func:`in_force`)."""
    return _ACTIVE.get()


def named_layouts() -> bool:
    """Whether the issuers' named layouts (CSV and PDF specs) may be used."""
    return _ACTIVE.get().named_layouts


@contextmanager
def in_force(options: ReadingOptions) -> Iterator[ReadingOptions]:
    """Make ``options`` the ones the readers apply inside this block."""
    token = _ACTIVE.set(options)
    try:
        yield options
    finally:
        _ACTIVE.reset(token)
