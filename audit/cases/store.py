"""The local case store: one SQLite file in the user's data folder, nothing sent anywhere.

It keeps clients, their cards (masked), the statements read (by content hash, never their content),
one case per contract (keyed by the contract's stable key), every status change, every letter sent
(text and date), every reply (classified, with its ticket number), the next follow-up due and the
amounts refunded per currency. The file is created with owner-only permissions; ``AUDIT_DATA_DIR``
moves it (tests use a temporary folder). The schema carries a version and is migrated on open.

Every case has a short id (``C-0007``) besides its long stable key; every command accepts either.
Several programs may use the file at once: every change runs in one ``BEGIN IMMEDIATE`` transaction
(read and write together, so no update is lost), writers wait up to ``timeout`` seconds for each
other, and new rows are upserts. A file that is not a case store (a symbolic link, a device, another
program's database, a damaged file, a newer schema) is refused with one line naming it
(:class:`CaseStoreError`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from audit.cases.money import paid_by_currency
from audit.cases.statuses import check_status, due_after, is_prepaid_only, status_from_reply
from audit.cases.store_file import (
    APP_DIR,
    CASE_REF,
    FILE_NAME,
    MIGRATIONS,
    CaseStoreError,
    data_dir,
    db_error,
    default_path,
    open_file,
    statements,
)
from audit.masking import mask_card

__all__ = ["APP_DIR", "FILE_NAME", "CaseNotFound", "CaseStore", "CaseStoreError", "contract_key", "data_dir",
           "default_path"]


def contract_key(c: Any, client: str = "") -> str:
    """The contract's stable key (``c.key`` when the contract has one), else one derived the same way:
    client + cards + list entry or merchant key + first charge date, so a re-scan finds the same case."""
    key = getattr(c, "key", None)
    if key:
        return str(key)
    cards = sorted({mask_card(str(ch.get("card")), context="card") or "" for ch in c.charges if ch.get("card")})
    basis = "\x1f".join([client, ",".join(cards), str(c.entry_id or c.merchant_key), str(c.first_date)])
    return "k" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:15]


def charge_prints(c: Any) -> dict[str, list[Any]]:
    """The contract's charges and refunds as ``date|amount|currency|n`` -> [amount, currency] (``n`` counts equal
    charges on one day): the same charge read from another file, or loaded again, gives the same print."""
    out: dict[str, list[Any]] = {}
    for ch in [*getattr(c, "charges", []), *getattr(c, "refunds", [])]:
        try:
            amount = round(float(ch.get("amount") or 0.0), 2)
        except (TypeError, ValueError):
            continue
        cur = str(ch.get("currency") or "")
        base = f"{str(ch.get('date') or '')[:10]}|{amount:.2f}|{cur}"
        n = 0
        while f"{base}|{n}" in out:
            n += 1
        out[f"{base}|{n}"] = [amount, cur]
    return out


def _charges_of(row: dict[str, Any] | None) -> dict[str, Any]:
    try:
        got = json.loads((row or {}).get("charges") or "{}")
    except ValueError:
        got = {}
    return got if isinstance(got, dict) else {}


def merged_charges(row: dict[str, Any] | None, prints: dict[str, list[Any]], paid: dict[str, float],
                   first: str) -> tuple[dict[str, Any], dict[str, float]]:
    """The charges a case holds after adding a contract's (``prints``), and its money per currency: every
    distinct charge once. A case kept before charges were stored (its money only) keeps the part of its money
    these charges do not explain (``before``): the next months add to it, a re-scan of its months does not."""
    if row is None:
        return {"prints": prints, "before": {}}, paid
    held = _charges_of(row)
    before: dict[str, float] = {str(k): float(v) for k, v in (held.get("before") or {}).items()}
    old = dict(held.get("prints") or {})
    if not old:  # a case from before charges were kept: its money as the statements then said
        money = {str(k): float(v) for k, v in json.loads(row.get("paid") or "{}").items()}
        if money and str(row.get("last_date") or "") >= first:  # overlapping months: part of it is in these charges
            mine = _sums(prints)
            before = {cur: round(max(v - mine.get(cur, 0.0), 0.0), 2) for cur, v in money.items()}
        else:
            before = money
    union = {**old, **prints}
    sums = _sums(union)
    total = {cur: round(sums.get(cur, 0.0) + before.get(cur, 0.0), 2) for cur in sorted(sums.keys() | before.keys())}
    return {"prints": union, "before": before}, total


def _sums(prints: dict[str, list[Any]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for amount, cur in prints.values():
        out[str(cur)] = out.get(str(cur), 0.0) + float(amount)
    return out


def _day_number(value: Any) -> int:
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return 0


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _iso(on: date | str | None) -> str:
    if on is None:
        return date.today().isoformat()
    return on.isoformat() if isinstance(on, date) else date.fromisoformat(str(on)[:10]).isoformat()


class CaseNotFound(KeyError):
    """No case (or client) answers to the key or name given, or a short key fits several cases."""


class CaseStore:
    """The case file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path | None = None, timeout: float = 15.0) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise CaseStoreError(self.path, f"its folder cannot be created ({exc.strerror or exc})") from None
        open_file(self.path)
        self._depth = 0
        try:  # autocommit mode: every change is in an explicit BEGIN IMMEDIATE transaction (:meth:`_tx`)
            self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise db_error(self.path, exc) from None
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as exc:
            self.db.close()
            raise db_error(self.path, exc) from None
        except CaseStoreError:
            self.db.close()
            raise

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``: the write lock is taken before anything is read, so a
        read-then-write cannot lose another program's update); nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.db
            finally:
                self._depth -= 1
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise db_error(self.path, exc) from None
        self._depth = 1
        try:
            yield self.db
        except BaseException:
            self._depth = 0
            self.db.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.db.execute("ROLLBACK")
            raise db_error(self.path, exc) from None

    # ------------------------------------------------------------------ schema

    @property
    def version(self) -> int:
        row = self.db.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        """Bring the file to the newest schema, in one transaction; refuse a newer schema or a foreign database."""
        with self._tx() as db:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "schema_version" not in tables:
                raise CaseStoreError(self.path, "is an SQLite database of another program, not a case store")
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied TEXT NOT NULL)")
            if self.version > len(MIGRATIONS):
                raise CaseStoreError(self.path, f"was written by a newer card-audit (case store schema {self.version}; "
                                                f"this version knows up to {len(MIGRATIONS)}): update card-audit")
            for number, script in enumerate(MIGRATIONS, start=1):
                if number > self.version:
                    for statement in statements(script):
                        db.execute(statement)
                    db.execute("INSERT INTO schema_version VALUES (?, ?)", (number, _now()))

    # ------------------------------------------------------------------ clients, cards, statements

    def client_id(self, name: str, create: bool = True) -> int | None:
        name = " ".join(str(name).split()) or "-"
        if create:
            with self._tx() as db:  # an upsert: two programs adding the same client both get its one id
                db.execute("INSERT INTO clients (name, created) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                           (name, _now()))
                return int(db.execute("SELECT id FROM clients WHERE name = ?", (name,)).fetchone()[0])
        row = self.db.execute("SELECT id FROM clients WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else None

    def clients(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM clients ORDER BY name")]

    def add_statement(self, client: str, name: str, data: bytes | None = None, *, sha256: str | None = None) -> bool:
        """Remember that a statement was read (its hash and file name only); False when already known.

        Give the file's bytes, or its ``sha256`` when it was hashed elsewhere (:func:`audit.files.file_digest`).
        """
        digest = sha256 or hashlib.sha256(data or b"").hexdigest()
        with self._tx() as db:
            cid = self.client_id(client)
            cur = db.execute("INSERT OR IGNORE INTO statements (client_id, sha256, name, added) VALUES (?, ?, ?, ?)",
                             (cid, digest, Path(name).name[:200], _now()))
        return cur.rowcount == 1

    def cards(self, client: str) -> list[str]:
        cid = self.client_id(client, create=False)
        return [r[0] for r in self.db.execute("SELECT label FROM cards WHERE client_id = ? ORDER BY label", (cid,))]

    # ------------------------------------------------------------------ cases

    def sync_contracts(self, client: str, contracts: Iterable[Any], today: date | None = None) -> list[str]:
        """One case per suspicious contract (new ones start as ``to_write``); returns their keys, in order.

        A known case keeps its status, letters and replies; its merchant, dates and totals are refreshed. A
        contract continues a case of the client for the same merchant and card (:meth:`_continued`): one that
        holds some of its charges, else one of an earlier or later period. So statements loaded again, the next
        months', overlapping ones, or the same months cut into other files never open a second case; the
        case's money is the sum of every distinct charge it has held (per currency).
        """
        bad = [c for c in contracts if getattr(c, "suspicious", False)]
        with self._tx() as db:
            cid = self.client_id(client)
            rows = [dict(r) for r in db.execute(
                "SELECT key, first_date, last_date, paid, charges FROM cases WHERE client_id = ?", (cid,))]
            wanted = [(contract_key(c, client), c, charge_prints(c)) for c in bad]
            chosen = self._continued(rows, wanted)
            keys: list[str] = []
            for (_own, c, prints), key in zip(wanted, chosen, strict=True):
                keys.append(key)
                row = next((r for r in rows if r["key"] == key), None)
                held, paid = merged_charges(row, prints, paid_by_currency(c), str(c.first_date))
                cards = sorted({mask_card(str(ch.get("card")), context="card") or "" for ch in c.charges if ch.get("card")})
                for card in cards:
                    db.execute("INSERT OR IGNORE INTO cards (client_id, label) VALUES (?, ?)", (cid, card))
                # a known case keeps its status, letters and replies; only what the statements say is refreshed
                db.execute("INSERT INTO cases (client_id, key, merchant, card, first_date, last_date, paid, status, "
                           "next_due, updated, charges, letterless) VALUES (?, ?, ?, ?, ?, ?, ?, 'to_write', ?, ?, ?, ?) "
                           "ON CONFLICT (client_id, key) DO UPDATE SET merchant = excluded.merchant, "
                           "card = excluded.card, first_date = min(cases.first_date, excluded.first_date), "
                           "last_date = max(cases.last_date, excluded.last_date), paid = excluded.paid, "
                           "charges = excluded.charges, letterless = excluded.letterless",
                           (cid, key, mask_card(c.merchant), ",".join(cards), c.first_date, c.last_date,
                            json.dumps(paid, sort_keys=True), _iso(today), _now(), json.dumps(held, sort_keys=True),
                            int(is_prepaid_only(c))))
                if row is None:
                    rows.append({"key": key, "first_date": c.first_date, "last_date": c.last_date,
                                 "paid": json.dumps(paid), "charges": json.dumps(held)})
                else:
                    row.update(first_date=min(str(row["first_date"]), str(c.first_date)),
                               last_date=max(str(row["last_date"]), str(c.last_date)), charges=json.dumps(held))
        return keys

    @staticmethod
    def _continued(rows: list[dict[str, Any]], wanted: list[tuple[str, Any, dict[str, list[Any]]]]) -> list[str]:
        """The case key for each contract (``wanted``: own key, contract, charge prints): its own key when a case
        has it; else a case of the client for the same merchant and card (the key without the first-charge date;
        a file-named card, printed by no statement, matches any card) that holds some of its charges (most shared
        first); else such a case of the nearest other period. Each case takes one contract of a sync."""
        taken: set[str] = set()
        out: list[str | None] = [None] * len(wanted)
        known = {r["key"] for r in rows}
        for i, (own, _c, _p) in enumerate(wanted):
            if own in known:
                out[i] = own
                taken.add(own)

        def same(key: str, other: str) -> bool:
            a, o = key.partition("#")[0].split("|"), other.partition("#")[0].split("|")
            if len(a) != 4 or len(o) != 4 or not a[2]:
                return False
            return (o[0] == a[0] and o[2] == a[2]
                    and (o[1] == a[1] or o[1].startswith("file:") or a[1].startswith("file:")))

        def held(r: dict[str, Any]) -> set[str]:
            return set(_charges_of(r).get("prints", {}))

        for i, (own, _c, prints) in enumerate(wanted):  # shared charges first: the surest sign
            if out[i] is not None:
                continue
            scored = [(len(held(r) & prints.keys()), r["key"]) for r in rows
                      if r["key"] not in taken and same(own, r["key"])]
            best = max((s for s in scored if s[0]), default=None)
            if best is not None:
                out[i] = best[1]
                taken.add(best[1])
        for i, (own, c, _p) in enumerate(wanted):  # then the next (or earlier) months of the same contract
            if out[i] is not None:
                continue
            first, last = _day_number(c.first_date), _day_number(c.last_date)
            near = sorted((r for r in rows if r["key"] not in taken and same(own, r["key"])),
                          key=lambda r, f=first, la=last: (max(f - _day_number(r["last_date"]),
                                                                _day_number(r["first_date"]) - la, 0), r["key"]))
            out[i] = near[0]["key"] if near else own
            taken.add(str(out[i]))
        return [str(k) for k in out]

    def _case_row(self, key: str, client: str | None = None) -> sqlite3.Row:
        """The case named by its short id (``C-0007``, ``c7``), its key, or the start of its key (taken
        literally: ``%`` and ``_`` are characters like any other); one case or :class:`CaseNotFound`."""
        key = str(key).strip()
        if not key:
            raise CaseNotFound("give a case id such as C-0007 (audit cases list shows them)")
        sql = ("SELECT cases.*, clients.name AS client FROM cases JOIN clients ON clients.id = cases.client_id "
               "WHERE {} ")
        args: list[Any] = []
        if client is not None:
            sql += " AND clients.name = ?"
            args.append(" ".join(client.split()))
        ref = CASE_REF.fullmatch(key)
        rows = []
        if ref:
            rows = self.db.execute(sql.format("cases.ref = ?"), [f"C-{int(ref.group(1)):04d}", *args]).fetchall()
        rows = rows or self.db.execute(sql.format("cases.key = ?"), [key, *args]).fetchall()
        rows = rows or self.db.execute(sql.format("substr(cases.key, 1, length(?)) = ?"), [key, key, *args]).fetchall()
        if not rows:
            raise CaseNotFound(f"no case {key!r}" + (f" for client {client!r}" if client else ""))
        if len(rows) > 1:
            raise CaseNotFound(f"case key {key!r} is ambiguous: give its id (C-...) or the client")
        return rows[0]

    def case(self, key: str, client: str | None = None) -> dict[str, Any]:
        """One case with its history, letters and replies (dicts, JSON-ready)."""
        row = self._case_row(key, client)
        out = self._case_dict(row)
        q = "SELECT * FROM {} WHERE case_id = ? ORDER BY id"
        out["events"] = [dict(r) for r in self.db.execute(q.format("events"), (row["id"],))]
        out["letters"] = [dict(r) for r in self.db.execute(q.format("letters"), (row["id"],))]
        out["replies"] = [dict(r) for r in self.db.execute(q.format("replies"), (row["id"],))]
        for part in ("events", "letters", "replies"):
            for r in out[part]:
                r.pop("case_id", None)
        return out

    @staticmethod
    def _case_dict(row: sqlite3.Row) -> dict[str, Any]:
        d = {k: row[k] for k in row.keys() if k not in ("id", "client_id")}
        d["paid"] = json.loads(d["paid"] or "{}")
        d["refunded"] = json.loads(d["refunded"] or "{}")
        return d

    def cases(self, client: str | None = None) -> list[dict[str, Any]]:
        """Every case (of one client, or all), without history; ordered by client and first charge."""
        sql = ("SELECT cases.*, clients.name AS client FROM cases JOIN clients ON clients.id = cases.client_id")
        args: tuple[Any, ...] = ()
        if client is not None:
            sql += " WHERE clients.name = ?"
            args = (" ".join(client.split()),)
        sql += " ORDER BY clients.name, cases.first_date, cases.merchant"
        return [self._case_dict(r) for r in self.db.execute(sql, args)]

    def set_status(self, key: str, status: str, on: date | str | None = None, note: str = "",
                   client: str | None = None, next_due: date | str | None = None) -> dict[str, Any]:
        """Move a case to ``status`` (recorded with its date and note); the next follow-up is re-dated."""
        check_status(status)
        with self._tx() as db:
            row = self._case_row(key, client)
            day = _iso(on)
            due = _iso(next_due) if next_due else due_after(status, date.fromisoformat(day))
            db.execute("INSERT INTO events (case_id, at, on_date, old, new, note) VALUES (?, ?, ?, ?, ?, ?)",
                       (row["id"], _now(), day, row["status"], status, note[:2000]))
            db.execute("UPDATE cases SET status = ?, next_due = ?, updated = ? WHERE id = ?",
                       (status, due.isoformat() if isinstance(due, date) else due, _now(), row["id"]))
            return self.case(row["key"], row["client"])

    def record_letter(self, key: str, kind: str, text: str, sent_on: date | str | None = None,
                      client: str | None = None) -> dict[str, Any]:
        """Keep a letter that was sent (masked text and date); a first request moves the case to ``sent``."""
        with self._tx() as db:
            row = self._case_row(key, client)
            day = _iso(sent_on)
            db.execute("INSERT INTO letters (case_id, kind, sent_on, text, created) VALUES (?, ?, ?, ?, ?)",
                       (row["id"], kind, day, mask_card(text, context="prose") or "", _now()))
            new = {"dispute": "disputed"}.get(kind, "sent" if row["status"] in ("to_write", "discount_offered",
                                                                                   "auto_reply", "sent") else row["status"])
            return self.set_status(row["key"], new, on=day, note=f"letter: {kind}", client=row["client"])

    def record_reply(self, key: str, text: str, received_on: date | str | None = None,
                     client: str | None = None) -> dict[str, Any]:
        """Keep a merchant's reply, classified; its ticket number is kept on the case for the follow-up."""
        from audit.cases.replies import classify_reply

        a = classify_reply(text)
        ticket = a.ticket or ""
        with self._tx() as db:
            row = self._case_row(key, client)
            day = _iso(received_on)
            db.execute("INSERT INTO replies (case_id, received_on, text, category, ticket, created) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (row["id"], day, mask_card(text, context="prose") or "", a.category, ticket, _now()))
            if ticket:
                db.execute("UPDATE cases SET ticket = ? WHERE id = ?", (ticket, row["id"]))
            new = status_from_reply(a.category, a.cancelled, a.refunded, row["status"])
            return self.set_status(row["key"], new, on=day, note=f"reply: {a.category}", client=row["client"])

    def record_refund(self, key: str, amount: float, currency: str, on: date | str | None = None,
                      client: str | None = None) -> dict[str, Any]:
        """Add a refund received (per currency, never added across currencies)."""
        cur = currency.strip().upper()[:8]
        with self._tx() as db:  # read and add in one transaction: a refund recorded meanwhile is never lost
            row = self._case_row(key, client)
            refunded = json.loads(row["refunded"] or "{}")
            refunded[cur] = round(float(refunded.get(cur, 0.0)) + float(amount), 2)
            db.execute("UPDATE cases SET refunded = ?, updated = ? WHERE id = ?",
                       (json.dumps(refunded, sort_keys=True), _now(), row["id"]))
            return self.case(row["key"], row["client"])

    def set_details(self, key: str, client: str | None = None, **fields: str) -> None:
        """This case's own merchant address, order number and product (from its .eml or typed)."""
        allowed = {k: str(v)[:500] for k, v in fields.items() if k in ("merchant_email", "order_number", "product")}
        if not allowed:
            return
        sets = ", ".join(f"{k} = ?" for k in allowed)
        with self._tx() as db:
            row = self._case_row(key, client)
            db.execute(f"UPDATE cases SET {sets}, updated = ? WHERE id = ?", (*allowed.values(), _now(), row["id"]))

    # ------------------------------------------------------------------ one client's data

    def export_client(self, client: str) -> dict[str, Any]:
        """Everything kept about one client, JSON-ready (a backup, or to hand over)."""
        cid = self.client_id(client, create=False)
        if cid is None:
            raise CaseNotFound(f"no client {client!r}")
        statements = [dict(r) for r in self.db.execute(
            "SELECT sha256, name, added FROM statements WHERE client_id = ? ORDER BY id", (cid,))]
        return {"client": " ".join(client.split()), "exported": _now(), "schema_version": self.version,
                "cards": self.cards(client), "statements": statements,
                "cases": [self.case(c["key"], client) for c in self.cases(client)]}

    def forget_client(self, client: str) -> bool:
        """Delete the client and everything of theirs (cards, statements, cases, letters, replies)."""
        cid = self.client_id(client, create=False)
        if cid is None:
            return False
        with self._tx() as db:
            db.execute("DELETE FROM clients WHERE id = ?", (cid,))
        try:
            self.db.execute("VACUUM")
        except sqlite3.OperationalError:  # another program has the file open: the next forget or open compacts it
            pass  # the deleted text must not stay in free pages of the file
        return True
