"""Declarative statement layouts: one small :class:`LayoutSpec` per issuer export.

A spec says how to recognise a layout and which column plays which role; the generic CSV engine
(:mod:`audit.readers.csv_reader`) does the rest. Layouts nobody wrote a spec for go through header
inference (:mod:`audit.readers.infer`), which produces the same kind of column-role mapping.

Column roles (keys of ``LayoutSpec.columns``):

``date`` (use date), ``posting_date``, ``description``, ``amount`` (one signed column),
``debit`` / ``credit`` (two unsigned columns: debit = charged to the card), ``currency``,
``original_amount``, ``original_currency``, ``rate``, ``card``, ``cardholder``,
``type`` (issuer's transaction type, mapped to a schema ``kind`` via ``kind_map``),
``status`` (rows whose status matches ``exclude_status`` are excluded and reported),
``notes`` (free text; ``foreign_notes`` may pull the foreign amount / currency / rate out of it).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExcludeRule:
    """Rows whose ``role`` cell matches ``pattern`` (regex, searched after NFKC) are excluded as ``reason``."""

    role: str
    pattern: str
    reason: str  # "total", "subtotal", "balance", "declined", "payment-summary", ...


@dataclass(frozen=True)
class LayoutSpec:
    """How one issuer's statement export is laid out."""

    name: str  # short id, e.g. "rakuten"; shown in parse reports
    title: str  # human name, e.g. "Rakuten Card (楽天カード) CSV"
    country: str  # ISO country of the issuer, e.g. "JP"
    currency: str  # default billing currency, e.g. "JPY"
    # Header names (after NFKC + strip) that must all appear in one row for this layout to match.
    detect: tuple[str, ...] = ()
    # Regex that the first non-empty line must match instead (headerless layouts such as Vpass).
    detect_first_line: str | None = None
    # role -> accepted header names; a name starting with "re:" is a regex (e.g. "re:^\\d+月支払金額$").
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Headerless layouts: role -> 0-based column index.
    positions: dict[str, int] = field(default_factory=dict)
    encoding: str | None = None  # hint only; detection still runs
    date_formats: tuple[str, ...] = ()  # strptime formats tried in order; empty = infer from the data
    dayfirst: bool | None = None  # for ambiguous numeric dates; None = decide from the data
    charges_negative: bool = False  # True when the issuer prints charges as negative numbers
    kind_map: dict[str, str] = field(default_factory=dict)  # regex on the type cell -> schema kind
    exclude: tuple[ExcludeRule, ...] = ()
    exclude_status: str | None = None  # regex on the status cell, e.g. "(?i)declined|reverted|failed"
    foreign_second_line: bool = False  # foreign amount / rate printed on the row after the charge
    foreign_notes: str | None = None  # regex with groups amount, currency, rate (optional) on ``notes``
    notes: str = ""  # where the layout comes from, quirks worth knowing
    # Regex on a row's text that starts a section of cancellations / refunds (e.g. Rakuten's
    # "■ご利用キャンセルなど"): positive amounts after it are refunds and are made negative.
    refund_section: str | None = None
    decimal: str | None = None  # "." or "," when the issuer's decimal mark is known; None = from the data
    issuer: str = ""  # the card company as its customers write to it (a dispute letter is addressed to it)
