"""Column mappings a person saved, kept on this machine and used again for files with the same header.

The store is one JSON file (``layouts.json``) in the same private data folder as the case store
(``$AUDIT_DATA_DIR`` or the platform's per-user data folder), written atomically with owner-only
permissions. Each entry has a name, the header signature it was saved for (the file's header cells,
normalised, or ``(no header) N columns`` for a file without one), the issuer when the file names it,
and the :class:`audit.readers.mapping.ColumnMapping`. Plain functions over a :class:`LayoutStore`:
:meth:`~LayoutStore.save`, :meth:`~LayoutStore.list`, :meth:`~LayoutStore.rename`,
:meth:`~LayoutStore.forget`, :meth:`~LayoutStore.find`.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from audit.readers.mapping import ColumnMapping, MappingError

FILE_NAME = "layouts.json"


@dataclass(frozen=True)
class SavedLayout:
    """One saved mapping."""

    name: str
    signature: str
    mapping: ColumnMapping
    issuer: str = ""
    saved: str = ""  # ISO date and time

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "signature": self.signature, "issuer": self.issuer, "saved": self.saved,
                "mapping": self.mapping.to_dict()}


def default_path() -> Path:
    """``layouts.json`` beside the case store."""
    from audit.cases.store_file import data_dir  # (not the case store itself: a scan does not need it)

    return data_dir() / FILE_NAME


class LayoutStore:
    """The saved mappings in one JSON file (created on the first save)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()

    def list(self) -> list[SavedLayout]:
        """Every saved mapping, by name; a damaged file is a :class:`MappingError` naming it."""
        if not self.path.exists():
            return []
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            out = [SavedLayout(str(e["name"]), str(e["signature"]), ColumnMapping.from_dict(e["mapping"]),
                               str(e.get("issuer", "")), str(e.get("saved", ""))) for e in raw.get("layouts", [])]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise MappingError(f"{self.path}: saved layouts cannot be read ({exc})") from None
        return sorted(out, key=lambda s: s.name.casefold())

    def find(self, signature: str, issuer: str = "") -> SavedLayout | None:
        """The mapping saved for this header signature (and issuer, when both name one), else None."""
        hits = [s for s in self.list() if s.signature == signature and (not s.issuer or not issuer or s.issuer == issuer)]
        return max(hits, key=lambda s: s.saved) if hits else None

    def save(self, name: str, mapping: ColumnMapping, signature: str, issuer: str = "") -> SavedLayout:
        """Save (or replace) the mapping ``name``; another name saved for the same signature stays."""
        name = name.strip()
        if not name:
            raise MappingError("a saved layout needs a name")
        entry = SavedLayout(name, signature, mapping, issuer, datetime.now().isoformat(timespec="seconds"))
        self._write([s for s in self.list() if s.name != name] + [entry])
        return entry

    def rename(self, old: str, new: str) -> SavedLayout:
        """Give a saved mapping another name."""
        new = new.strip()
        items = self.list()
        hit = next((s for s in items if s.name == old), None)
        if hit is None:
            raise MappingError(f"no saved layout named {old!r}")
        if not new or any(s.name == new for s in items):
            raise MappingError(f"cannot rename {old!r} to {new!r}: the name is empty or taken")
        renamed = SavedLayout(new, hit.signature, hit.mapping, hit.issuer, hit.saved)
        self._write([renamed if s.name == old else s for s in items])
        return renamed

    def forget(self, name: str) -> bool:
        """Delete the mapping ``name``; False when there was none."""
        items = self.list()
        keep = [s for s in items if s.name != name]
        if len(keep) == len(items):
            return False
        self._write(keep)
        return True

    def _write(self, items: list[SavedLayout]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = json.dumps({"layouts": [s.to_dict() for s in items]}, ensure_ascii=False, indent=1)
        fd, tmp = tempfile.mkstemp(prefix=".layouts-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(data)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
