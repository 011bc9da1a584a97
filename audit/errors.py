"""Errors that reach the user as one line naming the file (and row or page)."""

from __future__ import annotations

from audit.masking import clean_line


class StatementError(Exception):
    """A statement file that cannot be read at all.

    ``str(err)`` is a single printable line: ``<file>[:row N | :page N]: <why>`` (control and escape
    characters in the file name or message are removed, so a crafted name cannot fake a second line).
    """

    def __init__(self, source: str, message: str, *, row: int | None = None, page: int | None = None):
        self.source = source
        self.message = " ".join(clean_line(message).split())  # always one line
        self.row = row
        self.page = page
        super().__init__(str(self))

    def __str__(self) -> str:
        where = clean_line(self.source)
        if self.page is not None:
            where += f": page {self.page}"
        if self.row is not None:
            where += f": row {self.row}"
        return f"{where}: {self.message}"


class MerchantListError(Exception):
    """A merchant list that fails to load (bad syntax or schema); one line naming file and entry."""
