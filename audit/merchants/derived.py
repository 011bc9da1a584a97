"""Derived forms of shipped data kept on disk, so that a process does not parse the same sources again.

Every scan needs the place names, the name-frequency table, the Unicode look-alike table and the shipped
merchant lists in the form the matcher uses; building them from their sources costs more CPU than the rest
of a small scan. :func:`load` keeps that form in a file under a ``.derived`` folder beside the sources,
named by a SHA-256 of the sources' bytes, of the code that derives them and of the Python version: a source
or a deriving module that changes gives another name, so a stale file is never read (it is deleted when
the new one is written). The file holds plain values only (:mod:`marshal`: strings, numbers, tuples,
lists, dicts, sets), nothing that runs.

Nothing leaves the machine. A folder that cannot be written (a read-only install) or a file that cannot
be read back just means the sources are parsed as before; ``AUDIT_NO_DERIVED=1`` turns the files off.
"""

from __future__ import annotations

import hashlib
import importlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

FOLDER = ".derived"
ENV_OFF = "AUDIT_NO_DERIVED"
_SALT = f"{sys.version_info[0]}.{sys.version_info[1]}/marshal{marshal.version}/1".encode()
T = TypeVar("T")


def digest(parts: Iterable[bytes]) -> str:
    """SHA-256 (hex, 32 characters) of ``parts`` in order, each part's length included."""
    h = hashlib.sha256(_SALT)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:32]


def code_of(*modules: str) -> list[bytes]:
    """The source bytes of the named modules (what derives the data), for :func:`digest`."""
    out = []
    for name in modules:
        path = getattr(importlib.import_module(name), "__file__", None)
        try:
            out.append(Path(path).read_bytes() if path else name.encode())
        except OSError:
            out.append(name.encode())
    return out


def load(name: str, folder: Path, key: str, build: Callable[[], T],
         pack: Callable[[T], Any] = lambda v: v, unpack: Callable[[Any], T] = lambda v: v) -> T:
    """``build()``, or what an earlier process stored for the same ``name`` and ``key`` in ``folder/.derived``.

    ``pack`` turns the value into plain values for :mod:`marshal` and ``unpack`` turns them back; a value
    that cannot be stored is simply not stored."""
    if os.environ.get(ENV_OFF):
        return build()
    path = folder / FOLDER / f"{name}-{key}.bin"
    try:
        return unpack(marshal.loads(path.read_bytes()))  # loads, not load: load reads the file item by item
    except (OSError, EOFError, ValueError, TypeError, IndexError, KeyError):
        pass  # not stored yet, or unreadable: build it again
    value = build()
    try:
        data = marshal.dumps(pack(value))
    except (ValueError, TypeError):  # a value marshal cannot hold (e.g. a TOML date): keep it in memory only
        return value
    _store(path, name, data)
    return value


def _store(path: Path, name: str, data: bytes) -> None:
    """Write ``data`` atomically (a reader sees the old file or the whole new one) and remove stale files."""
    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)  # readable like the sources (mkstemp makes it private)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in path.parent.glob(f"{name}-*.bin"):
            if old != path and old.name.rpartition("-")[0] == name:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only folder: parse again next time
