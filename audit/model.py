"""Plain data objects passed between the pipeline stages (besides the transaction table).

All of them turn into JSON-ready dicts with :func:`dataclasses.asdict` (dates as ISO strings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RowProblem:
    """A line that looks like a transaction but could not be parsed (kept, reported, never dropped)."""

    source: str
    message: str
    raw: str = ""
    row: int | None = None
    page: int | None = None

    def __str__(self) -> str:
        where = self.source + (f": page {self.page}" if self.page is not None else "")
        where += f": row {self.row}" if self.row is not None else ""
        return f"{where}: {self.message}" + (f" [{self.raw[:80]}]" if self.raw else "")


@dataclass
class ExcludedRow:
    """A row deliberately not counted as a transaction (total, subtotal, balance, declined...)."""

    source: str
    reason: str  # e.g. "total", "subtotal", "balance", "declined", "reverted", "header", "summary"
    raw: str = ""
    row: int | None = None
    page: int | None = None
    amount: float | None = None


@dataclass
class Reconciliation:
    """Check of the parsed rows against a total printed on the statement."""

    printed_total: float
    parsed_total: float
    ok: bool
    label: str = ""  # what the printed total was called, e.g. "ご請求金額合計"

    @property
    def difference(self) -> float:
        return round(self.parsed_total - self.printed_total, 2)


@dataclass
class ColumnChoice:
    """The role the reader gave one column of a delimited file, how sure it is (0-1) and why."""

    column: int  # 1-based position
    header: str  # the header cell as printed ("" when the file has no header row)
    role: str  # "date", "amount", "debit", "credit", "description", ... or "ignore"
    confidence: float
    evidence: list[str] = field(default_factory=list)


@dataclass
class ParseReport:
    """What a reader found in one file, shown per file by the CLI and the page."""

    source: str
    kind: str  # "csv" or "pdf"
    layout: str  # spec name (e.g. "rakuten") or "generic"
    rows: int = 0
    period_start: str | None = None  # ISO date
    period_end: str | None = None
    encoding: str | None = None
    pages: int | None = None
    problems: list[RowProblem] = field(default_factory=list)
    excluded: list[ExcludedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reconciliation: Reconciliation | None = None
    issuer: str = ""  # the card company the file names in its own text (e.g. a "カード名称" line), "" if none
    signature: str = ""  # an unnamed (generic) layout's header names: files alike in it may be one card
    columns: list[ColumnChoice] = field(default_factory=list)  # delimited files: each column's role and why
    confidence: float | None = None  # the least sure of the date, amount and description choices (0-1)
    # how the file was read, as a column mapping would say it (audit.readers.mapping.ColumnMapping.to_dict):
    # roles by header name or position, header line, date format, decimal mark, sign convention, source
    reading: dict[str, Any] = field(default_factory=dict)
    # a file that does not state its billing currency: what it suggests ("amounts in dollars; which dollar is
    # not stated"), shown beside the question; never the data's currency
    currency_hint: str = ""


@dataclass
class Finding:
    """One reason to look at some charges, with the reasons in words a person understands.

    ``kind`` is one of: ``known_merchant`` (merchant-list hit), ``brand_impersonation``, ``foreign_software_recurring``,
    ``contract_cluster``, ``large_support_plan``, ``prepaid_burst``, ``refund_link``.
    """

    kind: str
    merchant: str  # display name: list entry name, or the normalised descriptor
    score: float  # 0-100, higher = more suspicious / more certain
    reasons: list[str]
    transaction_ids: list[str] = field(default_factory=list)
    merchant_key: str | None = None  # normalised descriptor used for grouping
    entry_id: str | None = None  # merchant-list entry id for known_merchant
    matched_alias: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Subscription:
    """A stream of charges that repeat at one merchant with a regular cadence."""

    merchant: str  # display name
    merchant_key: str  # normalised descriptor key the stream was grouped on
    transaction_ids: list[str]
    cadence: str  # weekly, biweekly, semi-monthly, monthly, quarterly, semi-annual, annual
    charges: int
    total_paid: float
    currency: str
    first_date: str  # ISO date
    last_date: str
    last_amount: float
    average_amount: float
    status: str  # "active" or "ended"
    early: bool  # True when detected from only two charges
    next_expected_date: str | None = None
    next_expected_amount: float | None = None
    price_changes: list[dict[str, Any]] = field(default_factory=list)
    suspicious: bool = False
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
