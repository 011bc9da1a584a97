"""The case store's file: where it lives, its schema migrations, and the checks made before SQLite opens it.

Split from :mod:`audit.cases.store` (the store's queries). A store file must be a regular file of its own:
a symbolic link, a folder, a device or a pipe is refused by name, and so is another program's database or
a schema newer than this version knows (:class:`CaseStoreError`, one line).
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
import sys
from pathlib import Path

APP_DIR = "card-audit"
FILE_NAME = "cases.sqlite3"

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE clients (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created TEXT NOT NULL);
    CREATE TABLE cards (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        label TEXT NOT NULL, UNIQUE (client_id, label));
    CREATE TABLE statements (id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        sha256 TEXT NOT NULL, name TEXT NOT NULL, added TEXT NOT NULL, UNIQUE (client_id, sha256));
    CREATE TABLE cases (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        key TEXT NOT NULL, merchant TEXT NOT NULL, card TEXT NOT NULL DEFAULT '', first_date TEXT NOT NULL DEFAULT '',
        last_date TEXT NOT NULL DEFAULT '', paid TEXT NOT NULL DEFAULT '{}', refunded TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'to_write', next_due TEXT, ticket TEXT NOT NULL DEFAULT '',
        merchant_email TEXT NOT NULL DEFAULT '', order_number TEXT NOT NULL DEFAULT '',
        product TEXT NOT NULL DEFAULT '', updated TEXT NOT NULL, UNIQUE (client_id, key));
    CREATE TABLE events (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        at TEXT NOT NULL, on_date TEXT NOT NULL, old TEXT, new TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');
    CREATE TABLE letters (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, sent_on TEXT NOT NULL, text TEXT NOT NULL, created TEXT NOT NULL);
    CREATE TABLE replies (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        received_on TEXT NOT NULL, text TEXT NOT NULL, category TEXT NOT NULL, ticket TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL);
    """,
    # 2: short readable case ids (C-0001, ...), numbered by a counter that never goes back
    """
    ALTER TABLE cases ADD COLUMN ref TEXT;
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO counters VALUES ('case', (SELECT coalesce(max(id), 0) FROM cases));
    UPDATE cases SET ref = printf('C-%04d', id);
    CREATE UNIQUE INDEX cases_ref ON cases(ref);
    CREATE TRIGGER cases_ref_new AFTER INSERT ON cases WHEN NEW.ref IS NULL BEGIN
        UPDATE counters SET value = value + 1 WHERE name = 'case';
        UPDATE cases SET ref = printf('C-%04d', (SELECT value FROM counters WHERE name = 'case')) WHERE id = NEW.id;
    END
    """,
    # 3: the charges (date, amount, currency) each case holds, so statements loaded again, overlapping or in
    # any order add each charge once; and whether the case has a merchant to write to (a gift-card group has none)
    """
    ALTER TABLE cases ADD COLUMN charges TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE cases ADD COLUMN letterless INTEGER NOT NULL DEFAULT 0;
    """,
]
CASE_REF = re.compile(r"[Cc]-?0*(\d{1,9})")


def data_dir() -> Path:
    """``$AUDIT_DATA_DIR``, else the platform's per-user data folder (``~/.local/share/card-audit`` on Linux)."""
    env = os.environ.get("AUDIT_DATA_DIR")
    if env:
        return Path(env).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming") / APP_DIR
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_DIR
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / APP_DIR


def default_path() -> Path:
    return data_dir() / FILE_NAME


def statements(script: str) -> list[str]:
    """The statements of a migration script (a trigger's body keeps its own semicolons)."""
    out: list[str] = []
    for part in script.split(";"):
        if out and out[-1].lstrip().upper().startswith("CREATE TRIGGER") and "END" not in out[-1].split()[-1:]:
            out[-1] += ";" + part
        elif part.strip():
            out.append(part)
    return [s for s in out if s.strip()]


class CaseStoreError(Exception):
    """The case store file cannot be used (one line naming the file and why)."""

    def __init__(self, path: str | Path, why: str) -> None:
        super().__init__(f"case store {path}: {why}")


def open_file(path: Path) -> None:
    """Create the store file owner-only, or check that the existing one is a regular file of its own.

    A symbolic link is refused (its target's permissions would be changed, a dangling link would create a
    file wherever it points), and so is anything that is not a regular file; the check is made on the
    opened file (``O_NOFOLLOW``, ``O_NONBLOCK``: a named pipe is never waited on).
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        if path.is_symlink():
            raise CaseStoreError(path, "is a symbolic link; give the file it points to with --store")
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            fd = os.open(path, flags)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise CaseStoreError(path, "is not a regular file (a folder, device, pipe or socket)")
            if stat.S_IMODE(st.st_mode) & 0o077 and st.st_uid == os.getuid():
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    except CaseStoreError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise CaseStoreError(path, "is a symbolic link; give the file it points to with --store") from None
        raise CaseStoreError(path, f"cannot be opened ({exc.strerror or exc})") from None


def db_error(path: Path, exc: sqlite3.Error) -> CaseStoreError:
    """One line for an SQLite error: busy, damaged, not a database, read-only..."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return CaseStoreError(path, "is busy (another program is writing to it); try again in a moment")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return CaseStoreError(path, f"is damaged or not a case store ({text}); restore it from a backup or "
                                    "move it away to start a new one")
    return CaseStoreError(path, text)
