"""Which card each statement is for, and which company issued it.

Many exports print no card number. Rows without one must not all count as one card: a US card's and a UK
card's statements would then share streams and contracts, and their dollars and pounds would be added up.
So a file that prints no card number gets a card label of its own, ``file:<file name>``, unless the
evidence says it continues another such file of the same client:

* the same issuer layout (a named layout, or the same header names for an unnamed one),
* the same billing currency, and
* contiguous periods: it starts at most :data:`OVERLAP_DAYS` before the other ends and at most
  :data:`GAP_DAYS` after, and it is the only file it could continue (two cards of one issuer over the
  same months stay apart).

A chain of such files shares the label of its first file. The user's choice overrides the evidence
(``same_card``: file name -> the file whose card it is on, itself to stand alone); the page and the CLI pass
it to :func:`audit.pipeline.read_many`. :func:`describe_cards` then lists each client's cards with their
files, billing currency, the card company (named in the file, else by its layout) and the country.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

FILE_PREFIX = "file:"
OVERLAP_DAYS = 7  # a late-posted charge can date from before the previous statement closed
GAP_DAYS = 45  # a month's statement may hold no charge in its first weeks
COUNTRY_OF_CURRENCY = {"JPY": "JP", "USD": "US", "GBP": "GB"}


@dataclass
class FileCard:
    """One statement file as the card labelling sees it."""

    client: str
    name: str  # the file name as in the row ids (a content tag included when a name came twice)
    layout: str  # layout name, or "generic:<header names>" for an unnamed one
    currency: str
    start: dt.date | None
    end: dt.date | None
    printed: tuple[str, ...] = ()  # card numbers (masked) the file prints
    unnumbered: bool = True  # some rows carry no card number


@dataclass
class Card:
    """One card of one client, as the page and the reports show it."""

    label: str  # the value in the ``card`` column: "****1234" or "file:<name>"
    client: str
    files: list[str] = field(default_factory=list)
    currency: str = ""  # billing currency ("" when the rows hold several)
    layout: str = ""
    issuer: str = ""  # the card company named by the file, else by its layout ("" when unknown)
    country: str = ""  # "JP", "US", "GB"... from the layout, else from the billing currency

    @property
    def numbered(self) -> bool:
        return is_card_number(self.label)


def is_card_number(label: Any) -> bool:
    """True for a printed (masked) card number, False for a file label or nothing."""
    return isinstance(label, str) and bool(label) and not label.startswith(FILE_PREFIX)


def file_label(name: str) -> str:
    return FILE_PREFIX + name


def label_file(label: str) -> str:
    """The file name a ``file:`` label stands for (``""`` for a card number)."""
    return label[len(FILE_PREFIX):] if label.startswith(FILE_PREFIX) else ""


# --------------------------------------------------------------------------- labelling


def _period(df: pd.DataFrame, report: Any) -> tuple[dt.date | None, dt.date | None]:
    """The statement period printed on the file, else its rows' first and last dates."""
    start = end = None
    try:
        if report is not None and report.period_start and report.period_end:
            start, end = dt.date.fromisoformat(report.period_start), dt.date.fromisoformat(report.period_end)
    except ValueError:
        start = end = None
    if start is None and "date" in df.columns and len(df):
        dates = pd.to_datetime(df["date"], errors="coerce").dropna()
        if len(dates):
            start, end = dates.min().date(), dates.max().date()
    return start, end


def file_card(client: str, name: str, df: pd.DataFrame, report: Any) -> FileCard:
    """What the labelling needs to know about one read file."""
    layout = str(getattr(report, "layout", "") or "")
    if layout == "generic":
        sig = str(getattr(report, "signature", "") or "")
        layout = f"generic:{sig}" if sig else f"generic:?{name}"  # no header: no evidence of a common layout
    card = df["card"] if "card" in df.columns else pd.Series([None] * len(df), dtype=object)
    printed = tuple(sorted({str(v) for v in card.dropna().astype(str).unique() if v}))  # distinct values only
    cur = df["currency"].dropna().astype(str) if "currency" in df.columns else pd.Series([], dtype=object)
    currencies = sorted(set(cur.unique()))
    start, end = _period(df, report)
    return FileCard(client=client, name=name, layout=layout, currency=",".join(currencies), start=start, end=end,
                    printed=printed, unnumbered=bool(card.isna().any()) or not len(card))


def _continues(prev: FileCard, nxt: FileCard) -> bool:
    if prev.end is None or nxt.start is None or nxt.end is None:
        return False
    return (prev.end - dt.timedelta(days=OVERLAP_DAYS) <= nxt.start <= prev.end + dt.timedelta(days=GAP_DAYS)
            and nxt.end > prev.end)


def group_files(files: Sequence[FileCard], same_card: Mapping[str, str] | None = None) -> dict[tuple[str, str], str]:
    """The card label of every file with rows that print no card number, by (client, file name).

    ``same_card`` (file name -> file name) is the user's choice and wins over the evidence.
    """
    loose = [f for f in files if f.unnumbered]
    buckets: dict[tuple[str, str, str], list[FileCard]] = {}
    for f in loose:
        buckets.setdefault((f.client, f.layout, f.currency), []).append(f)
    label: dict[tuple[str, str], str] = {}
    for bucket in buckets.values():
        chains: list[list[FileCard]] = []
        for f in sorted(bucket, key=lambda f: (f.start or dt.date.min, f.end or dt.date.min, f.name)):
            fits = [c for c in chains if _continues(c[-1], f)]
            if len(fits) == 1:
                fits[0].append(f)
            else:
                chains.append([f])
        for chain in chains:
            for f in chain:
                label[f.client, f.name] = file_label(chain[0].name)
    if same_card:
        by_name = {(f.client, f.name): f for f in files}
        base = {k: v for k, v in label.items()}
        for f in loose:
            target = same_card.get(f.name)
            if target is None:
                continue
            if target == f.name:
                label[f.client, f.name] = file_label(f.name)
                continue
            other = by_name.get((f.client, target))
            if other is None:
                continue
            if other.unnumbered:
                label[f.client, f.name] = base.get((f.client, target), file_label(target))
            elif len(other.printed) == 1:  # onto a card whose number the other file prints
                label[f.client, f.name] = other.printed[0]
    return label


def apply_labels(df: pd.DataFrame, label: str | None) -> pd.DataFrame:
    """``df`` with ``label`` in the ``card`` column of the rows that have no card number."""
    if not label or df.empty or "card" not in df.columns:
        return df
    missing = df["card"].isna()
    if not missing.any():
        return df
    if missing.all():  # no row prints a number: one column of the label (no masked write per row)
        if str(df["card"].dtype) == "str":
            from audit.textcols import const_str

            return df.assign(card=const_str(label, len(df), df.index))
        return df.assign(card=pd.Series(label, index=df.index, dtype=df["card"].dtype))
    return df.assign(card=df["card"].where(~missing, label))


# --------------------------------------------------------------------------- the cards of a scan


def _layout_spec(name: str) -> Any:
    from audit.readers.layouts import LAYOUTS
    from audit.readers.paypal import PAYPAL_LAYOUTS
    from audit.readers.pdf_layouts import PDF_LAYOUTS

    return next((s for s in (*LAYOUTS, *PAYPAL_LAYOUTS, *PDF_LAYOUTS) if s.name == name), None)


def describe_cards(tx: pd.DataFrame, reports: Sequence[Any] = ()) -> list[Card]:
    """Every (client, card) of the table with its files, billing currency, card company and country."""
    if tx.empty or "card" not in tx.columns:
        return []
    client = tx["client"].fillna("").astype(str) if "client" in tx.columns else pd.Series("", index=tx.index)
    codes, texts = [], []
    for col in (client, tx["card"].fillna("").astype(str), tx["source"].fillna("").astype(str),
                tx["currency"].fillna("").astype(str)):
        c, u = pd.factorize(col)  # a number per row, a text per distinct value: no text per row
        codes.append(c.astype(np.int64))
        texts.append(np.asarray(u, dtype=object))
    width = [np.int64(len(t) + 1) for t in texts]
    pair = codes[0] * width[1] + codes[1]  # (client, card)
    pairs = np.unique(pair)
    files_of = _distinct_by(pair, codes[2], width[2])
    cur_of = _distinct_by(pair, codes[3], width[3])
    report_of = {}
    for r in reports:
        report_of.setdefault(r.source, r)
    out: list[Card] = []
    keyed = sorted((str(texts[0][p // width[1]]), str(texts[1][p % width[1]]), int(p)) for p in pairs.tolist())
    for who, label, p in keyed:  # in (client, card) order, as a sorted groupby gives
        files = sorted({str(texts[2][c]) for c in files_of.get(p, ())})
        currencies = {str(texts[3][c]) for c in cur_of.get(p, ())} - {"", "unknown"}
        currency = next(iter(currencies)) if len(currencies) == 1 else ""
        mine = [report_of[f] for f in files if f in report_of]
        layouts = sorted({r.layout for r in mine})
        spec = _layout_spec(layouts[0]) if len(layouts) == 1 else None
        issuer = next((r.issuer for r in mine if getattr(r, "issuer", "")), "") or (spec.issuer if spec else "")
        country = (getattr(spec, "country", "") if spec else "") or COUNTRY_OF_CURRENCY.get(currency, "")
        out.append(Card(label=str(label), client=str(who), files=files, currency=currency,
                        layout=", ".join(layouts), issuer=issuer, country=country))
    return out


def unstated_files(tx: pd.DataFrame) -> list[str]:
    """The statement files (``source``) with rows whose billing currency the file does not state: the ones
    to ask the user about (``audit scan --file-currency FILE=CODE``; the page asks once per file)."""
    if tx.empty or "currency" not in tx.columns or "source" not in tx.columns:
        return []
    cur = tx["currency"].astype("str").str.lower()
    unstated = (cur.isna() | (cur == "unknown")).fillna(True).to_numpy(bool)  # a PDF leaves it empty
    return sorted({str(s) for s in tx.loc[unstated, "source"].dropna().unique()})


def currency_hints(reports: Sequence[Any]) -> dict[str, str]:
    """Per statement file that does not state its currency: what the file suggests (``"amounts in dollars;
    which dollar is not stated"``), to show beside the question."""
    return {r.source: r.currency_hint for r in reports if getattr(r, "currency_hint", "")}


def _distinct_by(group: np.ndarray, codes: np.ndarray, width: np.int64) -> dict[int, list[int]]:
    """Per group number: the distinct codes its rows have (one pass over the rows, then over the pairs)."""
    out: dict[int, list[int]] = {}
    for p in np.unique(group * width + codes).tolist():
        out.setdefault(int(p // int(width)), []).append(int(p % int(width)))
    return out


def card_of(contract: Any) -> str:
    """The card a contract's charges are on (its first card when a contract spans several)."""
    cards = list(getattr(contract, "cards", None) or [])
    return cards[0] if cards else ""


def issuer_for(contract: Any, cards: Sequence[Card], edits: Mapping[str, str] | None = None) -> str:
    """The card company of the contract's card: the user's edit, else what the file or its layout names."""
    label = card_of(contract)
    if edits and (edits.get(label) or "").strip():
        return str(edits[label]).strip()
    return next((c.issuer for c in cards if c.label == label), "")
