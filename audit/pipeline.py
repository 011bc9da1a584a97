"""Run the whole audit: read -> normalise -> match -> recurring -> signals -> contracts.

The CLI and the Streamlit page both call :func:`scan` (files on disk) or :func:`scan_uploads`
(bytes already in memory) and show the :class:`ScanResult`.

Guarantees kept here:

* one file's failure never loses the others' results: any exception while reading a file (a
  ``MemoryError`` included) becomes one :class:`StatementError` line naming that file;
* the result does not depend on the order the files are given in: files are put in a canonical
  order (name, then content digest) before their rows are combined;
* ids are stable per file and row: a file name given twice with different content gets a short
  content digest in its ids (``a.csv~1f2e3d4c:r5``), not a counter that follows the order;
* rows dated outside :data:`SANE_YEARS` are reported as row problems, never a crash;
* the merchant database is compiled once per process (cached by the list files' paths and mtimes);
* several clients in one table are audited together by :func:`analyse_client`, every stage keyed by
  client and card; the Dask engine (:mod:`audit.scale`) and Spark's ``applyInPandas`` run the same function
  on a partition of whole clients.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from audit import schema
from audit.errors import StatementError
from audit.files import STATEMENT_SUFFIXES, file_digest, missing_why
from audit.ids import has_duplicates, numbered_apart
from audit.model import Finding, ParseReport, RowProblem, Subscription
from audit.readers import read_statement
from audit.runtime import cycle_collection_paused

SANE_YEARS = (1970, 2100)  # transaction dates outside these years are row problems, not transactions


@dataclass
class ScanResult:
    """Everything one audit run produced."""

    transactions: pd.DataFrame
    reports: list[ParseReport] = field(default_factory=list)
    errors: list[StatementError] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)
    contracts: list[Any] = field(default_factory=list)  # audit.contracts.Contract
    cards: list[Any] = field(default_factory=list)  # audit.cards.Card: each client's cards, issuer and country

    def to_json(self) -> dict[str, Any]:
        """The ``audit scan --json`` document as Python objects (large runs: :func:`audit.scale.output.write_json`)."""
        from audit.scale.output import transaction_records

        return {
            "transactions": transaction_records(self.transactions),
            "findings": [json_value(dataclasses.asdict(f)) for f in self.findings],
            "subscriptions": [json_value(dataclasses.asdict(s)) for s in self.subscriptions],
            "contracts": [json_value(dataclasses.asdict(c)) for c in self.contracts],
            "files": [json_value(dataclasses.asdict(r)) for r in self.reports],
            "errors": [str(e) for e in self.errors],
        }


def json_value(v: Any) -> Any:
    """``v`` with missing values as None, timestamps as ISO text and numpy scalars as Python ones."""
    if isinstance(v, dict):
        return {k: json_value(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [json_value(x) for x in v]
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:  # NaN
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if v == v.normalize() else v.isoformat()
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalar
        return json_value(v.item())
    return v


_json_value = json_value  # older name


def _digest(data: bytes | None, path: str | Path | None) -> str | None:
    """SHA-256 of a statement's bytes (None when the file cannot be read again)."""
    if data is not None:
        return hashlib.sha256(data).hexdigest()
    if path is None:
        return None
    try:  # the shared file check: a device or pipe is never read
        return file_digest(path)
    except (StatementError, TypeError):
        return None


def _read_one(name: str, data: bytes | None, path: str | Path | None,
              mapping: Any = None) -> tuple[pd.DataFrame, ParseReport]:
    """:func:`read_statement` (``mapping``: the user's column mapping for this file), with every failure turned
    into one line naming the file."""
    if data is None and path is not None:
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise StatementError(name, missing_why(name)) from None
        except OSError:
            mode = None  # the reader says why not in its own words
        if mode is not None and stat.S_ISDIR(mode):
            raise StatementError(name, f"folder holds no statement files ({', '.join(STATEMENT_SUFFIXES)})")
        if mode is not None and not stat.S_ISREG(mode):
            raise StatementError(name, "is not a regular file (a device, pipe or socket): save the statement "
                                       "as a file and scan that")
    try:
        if mapping is not None:
            return read_statement(path=path, data=data, name=name, mapping=mapping)
        return read_statement(path=path, data=data, name=name)
    except StatementError:
        raise
    except MemoryError:
        raise StatementError(name, "ran out of memory while reading it (the file is too large or damaged)") from None
    except RecursionError:
        raise StatementError(name, "is nested too deeply to read (damaged or crafted file)") from None
    except Exception as exc:  # a reader bug must not lose the other files' results
        if os.environ.get("AUDIT_DEBUG"):
            raise
        raise StatementError(name, f"could not be read ({type(exc).__name__}: {exc})") from None


def _sane_dates(df: pd.DataFrame, report: ParseReport) -> pd.DataFrame:
    """Rows dated outside :data:`SANE_YEARS` moved to the report's problems (kept, never silently dropped)."""
    if df.empty or "date" not in df.columns:
        return df
    years = df["date"].dt.year
    bad = (years < SANE_YEARS[0]) | (years > SANE_YEARS[1])
    bad = bad.fillna(False).astype(bool)
    if not bad.any():
        return df
    for rec in df.loc[bad, ["source", "row", "page", "date", "description", "amount"]].to_dict(orient="records"):
        row = None if pd.isna(rec["row"]) else int(rec["row"])
        page = None if pd.isna(rec["page"]) else int(rec["page"])
        report.problems.append(RowProblem(
            source=str(rec["source"]), row=row, page=page,
            message=f"date {pd.Timestamp(rec['date']).date()} is outside {SANE_YEARS[0]}-{SANE_YEARS[1]}: row not counted",
            raw=f"{rec['description']} {rec['amount']}"))
    report.rows = max(0, report.rows - int(bad.sum()))
    return df.loc[~bad.to_numpy()]


Item = tuple[str, bytes | None, str | Path | None] | tuple[str, bytes | None, str | Path | None, str | None]
NOT_STATED = "billing currency not stated in the file"


def currency_code(text: str) -> str:
    """A currency a person gave (``"usd"`` -> ``"USD"``); ValueError for anything but a three-letter ISO code."""
    import re

    code = str(text or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"currency must be an ISO code such as USD, EUR or JPY, not {text!r}")
    return code


def given_currency(df: pd.DataFrame, report: ParseReport, code: str) -> pd.DataFrame:
    """The rows of a file whose currency the file does not state (``unknown`` or empty) in ``code``, the
    currency the user gave for that file; what the file states is never overridden. The report says so."""
    if df.empty or "currency" not in df.columns:
        return df
    cur = df["currency"]
    missing = cur.isna() | (cur.astype("str").str.lower() == "unknown")
    if not missing.any():
        return df
    report.warnings = [w for w in report.warnings if not str(w).startswith(NOT_STATED)]
    report.warnings.append(f"{NOT_STATED}: {code} as given")
    report.currency_hint = ""  # answered (``reading`` keeps what the file suggested)
    return df.assign(currency=cur.astype(object).where(~missing, code))


def read_many(
    items: Iterable[Item], same_card: Mapping[str, str] | None = None, currency: Mapping[str, str] | None = None,
    mappings: Mapping[str, Any] | None = None,
) -> tuple[pd.DataFrame, list[ParseReport], list[StatementError]]:
    """Read several statements; a file that fails is reported in the errors and skipped.

    Each item is ``(name, data, path)`` or ``(name, data, path, client)``; a client's rows get ids
    ``<client>/<file>:r<row>``. The result is the same whatever the order of ``items``.

    Rows that print no card number get a card label (:mod:`audit.cards`): files are one card only with
    evidence (same layout, billing currency, contiguous periods) or when ``same_card`` (file name -> the
    file whose card it is on) says so. ``currency`` (file name -> ISO code) is the billing currency the user
    gave for a file that does not state one (:func:`given_currency`); ``mappings`` (file name ->
    :class:`audit.readers.mapping.ColumnMapping`) says how to read a delimited file, over the reader's choice
    and the mappings in force (:mod:`audit.readers.options`).
    """
    from audit.cards import apply_labels, file_card, group_files
    from audit.reconcile import reconcile_total_row

    given = {k: currency_code(v) for k, v in (currency or {}).items() if str(v or "").strip()}
    read: list[tuple[str, str, pd.DataFrame, ParseReport, str]] = []  # (name, digest, frame, report, client)
    errors: list[StatementError] = []
    for item in items:
        name, data, path = item[0], item[1], item[2]
        client = item[3] if len(item) > 3 else None
        try:
            df, report = _read_one(name, data, path, (mappings or {}).get(name))
        except StatementError as exc:
            errors.append(exc)
            continue
        digest = _digest(data, path) or ""
        try:
            df = _sane_dates(df, report)
        except (AttributeError, TypeError):  # no datetime column to check: the table is kept as read
            pass
        reconcile_total_row(df, report)  # a delimited file's total row against the rows read
        if name in given:
            df = given_currency(df, report, given[name])
        if client is not None:  # ids unique across clients: "<client>/<file>:r<row>"
            tail = df["id"].astype("str").str.slice(len(name))  # ":r5", ":p1l3"
            name = f"{client}/{name}"
            df = df.assign(client=client, id=name + tail)
        read.append((name, digest, df, report, client or ""))
    read.sort(key=lambda r: (r[0], r[1], r[3].source))
    errors.sort(key=str)
    names: dict[str, set[str]] = {}
    for name, digest, *_ in read:
        names.setdefault(name, set()).add(digest)
    kept: list[tuple[str, pd.DataFrame, ParseReport, str]] = []  # (file name as in the ids, frame, report, client)
    reports: list[ParseReport] = []
    seen: dict[tuple[str, str], str] = {}  # (client, content digest) -> first file name with that content
    for name, digest, df, report, client in read:
        if digest and (client, digest) in seen:  # the same statement given twice for one client: count it once
            report.warnings.append(f"same content as {seen[client, digest]}: its rows are not counted twice")
            report.rows = 0
            reports.append(report)
            continue
        if digest:
            seen[client, digest] = name
        own = name
        if len(names[name]) > 1 and "id" in df.columns:  # one name, several contents: ids by content
            own = f"{name}~{digest[:8]}"
            df = df.assign(id=own + df["id"].astype("str").str.slice(len(name)))
        kept.append((own[len(client) + 1:] if client else own, df, report, client))
        reports.append(report)
    labels = group_files([file_card(client, own, df, report) for own, df, report, client in kept], same_card)
    frames = [apply_labels(df, labels.get((client, own))) for own, df, _report, client in kept]
    tx = pd.concat(frames, ignore_index=True) if frames else schema.empty_frame()
    tx = schema.conform(tx)
    if not numbered_apart(tx, [len(f) for f in frames]) and has_duplicates(tx["id"]):
        # still unique whatever a reader did: suffix by row order in its file
        dup = tx.groupby("id").cumcount()
        tx["id"] = tx["id"].where(dup == 0, tx["id"] + "~" + dup.astype("str"))
    return tx, reports, errors


# ---------------------------------------------------------------------------------------------
# merchant database, compiled once per process

def merchant_db(extra: Sequence[str | Path] = ()) -> Any:
    """The merchant database for the shipped lists plus ``extra``, built once per set of list files
    (:func:`audit.merchants.cached_merchant_db`); a crafted local list that cannot be read costs one line."""
    from audit.merchants import cached_merchant_db

    try:
        return cached_merchant_db(extra)
    except (RecursionError, MemoryError) as exc:  # a crafted local list: one line, never a traceback
        from audit.errors import MerchantListError

        what = "nested too deeply" if isinstance(exc, RecursionError) else "too large"
        names = ", ".join(Path(p).name for p in extra) or "shipped lists"
        raise MerchantListError(f"{names}: merchant list is {what} to read") from None


class HitTable:
    """Merchant-list matches computed once for the distinct descriptors of a whole run.

    Answers ``match_many`` from the table, so the same small table can be broadcast to every
    worker and client (:func:`audit.merchants.match_transactions` only needs that method).
    """

    def __init__(self, hits: Mapping[str, Any], db: Any = None) -> None:
        self.hits = dict(hits)
        self.db = db

    @classmethod
    def build(cls, descriptors: Iterable[str], db: Any) -> HitTable:
        if isinstance(descriptors, pd.Series):  # a column: no Python object per row
            distinct = descriptors.dropna().unique()
        else:
            distinct = pd.unique(pd.Series(list(descriptors), dtype="str").dropna())
        return cls(db.match_many(distinct), db)

    def match_many(self, descriptors: Iterable[str]) -> dict[str, Any]:
        return {d: self.hits[d] for d in descriptors if isinstance(d, str) and d in self.hits}

    def __getattr__(self, name: str) -> Any:  # anything else the matcher asks goes to the real database
        db = self.__dict__.get("db")
        if db is None:
            raise AttributeError(name)
        return getattr(db, name)


def printed_periods(reports: Sequence[ParseReport]) -> dict[str, tuple[dt.date, dt.date]]:
    """Statement periods printed on the files, by source name."""
    out = {}
    for r in reports:
        if r.period_start and r.period_end:
            try:
                out[r.source] = (dt.date.fromisoformat(r.period_start), dt.date.fromisoformat(r.period_end))
            except ValueError:
                continue
    return out


def analyse_client(
    tx: pd.DataFrame, hits: Any, printed: Mapping[str, tuple[dt.date, dt.date]] | None = None
) -> tuple[list[Finding], list[Subscription], list[Any]]:
    """Matching, recurring detection, signals and contracts for the rows of one or more clients (every stage
    is keyed by client and card; :func:`analyse` puts a several-client result in client order).

    ``tx`` already has the descriptor columns; ``hits`` is a :class:`HitTable` (or a merchant database).
    """
    from audit.contracts import build_contracts
    from audit.detection.legitimacy import classify
    from audit.detection.recurring import find_subscriptions
    from audit.detection.signals import find_signals
    from audit.merchants import match_transactions

    known = match_transactions(tx, hits)
    subs = find_subscriptions(tx, printed_periods=dict(printed or {}))
    pattern = find_signals(tx, subs, known)  # also marks the streams any finding touches
    findings = known + pattern
    contracts = build_contracts(tx, findings, subs)
    classify(contracts)  # a subscription nobody flagged is a known service, or one to check
    return findings, subs, contracts


def analyse(
    tx: pd.DataFrame, merchant_lists: Sequence[str | Path] = (), reports: Sequence[ParseReport] = (),
    hits: Any = None, printed: Mapping[str, tuple[dt.date, dt.date]] | None = None,
) -> ScanResult:
    """Run every stage after reading on a transaction table (``reports``: the files' parse reports,
    whose printed statement periods tell the subscription finder which stretches no file covers).

    A table holding several clients is audited in one pass in which every stage is keyed by client and card
    (rows without a client form one group), so no stream, burst or contract mixes two people, and each
    client gets what auditing that client alone would give (tests/test_scale_integrity.py compares the two).
    """
    from audit.descriptors import add_descriptor_columns

    tx = add_descriptor_columns(tx)
    if hits is None:
        hits = HitTable.build(tx["description"], merchant_db(merchant_lists))
    printed = {**printed_periods(reports), **(printed or {})}
    findings, subs, contracts = analyse_client(tx, hits, printed)
    client = tx.get("client")
    if client is not None and client.nunique(dropna=False) > 1:
        findings, subs = by_client(tx, findings, subs)
        renumber(contracts)
    return ScanResult(transactions=tx, findings=findings, subscriptions=subs, contracts=contracts)


def by_client(tx: pd.DataFrame, findings: list[Finding], subs: list[Subscription]) -> tuple[list[Finding], list[Subscription]]:
    """Findings and streams of a several-client table in client order (the order within a client kept), as
    auditing one client after the other would list them."""
    from audit.columns import isin_text

    wanted = {f.transaction_ids[0] for f in findings if f.transaction_ids}
    wanted |= {s.transaction_ids[0] for s in subs if s.transaction_ids}
    rows = tx.loc[isin_text(tx["id"], wanted), ["id", "client"]]
    client_of = dict(zip(rows["id"].astype(str), rows["client"].fillna("").astype(str), strict=True))

    def rank(ids: list[str]) -> str:
        return client_of.get(ids[0], "") if ids else ""

    return (sorted(findings, key=lambda f: rank(f.transaction_ids)), sorted(subs, key=lambda s: rank(s.transaction_ids)))


def renumber(contracts: list[Any]) -> None:
    """Contracts of several clients in one order (suspicious by score, then legit) with ids c1, c2, ..."""
    contracts.sort(key=lambda c: (not c.suspicious, -c.score if c.suspicious else 0.0, c.client or "",
                                  c.merchant.casefold() if not c.suspicious else "", c.key))
    for i, c in enumerate(contracts, start=1):
        c.id = f"c{i}"


def statement_files(paths: Sequence[str | Path], clients_from_folders: bool = False,
                    client: str | None = None) -> list[tuple[str, None, Path, str | None]]:
    """Scan items for ``paths``: files as given, folders walked for statement files (sorted).

    ``client`` names the client of every file; with ``clients_from_folders`` a file's client is the
    folder it lies in (``client_x/jan.csv`` -> ``client_x``).
    """
    items: list[tuple[str, None, Path, str | None]] = []
    for p in map(Path, paths):
        files = [p]
        if p.is_dir():  # a folder without statements stays as one item: reading it says so
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in STATEMENT_SUFFIXES) or [p]
        for f in files:
            who = client
            if clients_from_folders and who is None:
                who = f.parent.name if f.parent.name and f.parent != Path(".") else f.parent.resolve().name
            # a path that does not exist is named as typed (its error must say which path was meant)
            items.append((f.name if f is not p or (os.path.lexists(p) and not p.is_dir()) else str(p), None, f, who))
    return items


def scan(paths: Sequence[str | Path], merchant_lists: Sequence[str | Path] = (), *, client: str | None = None,
         clients_from_folders: bool = False, same_card: Mapping[str, str] | None = None,
         currency: Mapping[str, str] | None = None) -> ScanResult:
    """Read statement files (or folders of them) from disk and audit them together (``same_card``,
    ``currency``: see :func:`read_many`)."""
    with cycle_collection_paused():
        tx, reports, errors = read_many(statement_files(paths, clients_from_folders, client), same_card, currency)
        return _finish(analyse(tx, merchant_lists, reports), reports, errors)


def scan_uploads(files: Sequence[tuple[str, bytes]], merchant_lists: Sequence[str | Path] = (), *,
                 same_card: Mapping[str, str] | None = None, currency: Mapping[str, str] | None = None,
                 mappings: Mapping[str, Any] | None = None) -> ScanResult:
    """Audit statements given as (file name, bytes) pairs, e.g. Streamlit uploads (``same_card``,
    ``currency``, ``mappings``: see :func:`read_many`)."""
    with cycle_collection_paused():
        tx, reports, errors = read_many(((name, data, None) for name, data in files), same_card, currency, mappings)
        return _finish(analyse(tx, merchant_lists, reports), reports, errors)


def _finish(result: ScanResult, reports: list[ParseReport], errors: list[StatementError]) -> ScanResult:
    from audit.cards import describe_cards

    result.reports, result.errors = reports, errors
    result.cards = describe_cards(result.transactions, reports)
    return result
