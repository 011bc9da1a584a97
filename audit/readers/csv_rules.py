"""Row rules of the CSV engine: total / balance lines, transaction kinds, foreign-amount lines.

Pure functions and vocabularies (Japanese and English); :mod:`audit.readers.csv_reader` applies them
to whole columns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from audit import schema
from audit.readers.spec import LayoutSpec
from audit.values import choose_str, map_unique, normalise_column, parse_amount, re_contains

# Words that mark a total / balance line (searched in rows without a usable date).
TOTAL_WORDS = (
    r"合計|小計|ご請求額|ご請求金額|請求金額|お支払金額|お支払い金額|繰越|残高|前回|"
    r"(?i:\btotals?\b|sub-?total|balance|previous statement|payments? and credits|amount due|minimum payment)"
)
# A dated row is a total only when its description is nothing but such a label.
TOTAL_LABEL = (
    r"^[■□【\[\s]*(?:.{0,12}(?:合計|小計)|(?:前回|今回)?(?:ご)?請求(?:金)?額.{0,12}|.{0,8}繰越.{0,12}|.{0,8}残高|"
    r"(?i:(?:grand |sub-?)?total(?: amount| due| charges)?|(?:previous|new|opening|closing|outstanding) balance|"
    r"balance(?: forward| brought forward)?|saldo(?: anterior| inicial| final| atual| do dia| precedente| iniziale)?"
    r"|solde(?: précédent| initial| final| reporté)?|(?:alter |neuer )?kontostand|anfangssaldo|endsaldo"
    r"|beginsaldo|eindsaldo|余额|上期余额|本期余额))[】\]\s]*$"
)
DEFAULT_STATUS_EXCLUDE = (
    r"(?i)declined|reverted|failed|rejected|cancell?ed|void|pending|vorgemerkt|en attente|in behandeling"
    r"|交易关闭|交易失败|已关闭|已取消|未確定"
)
# A row typed as a conversion between two currencies of the holder's own balance (a wallet's bookkeeping).
CONVERSION_WORDS = (
    r"(?i)currency conversion|währungsumrechnung|conversion de devise|conversi[oó]n de divisas?|conversione di valuta"
    r"|valutaomrekening|両替|货币兑换|货币转换"
)
# A statement's period-closing line (kept only when money moved).
CLOSING_WORDS = r"(?i)^(?:abschluss|rechnungsabschluss|kontoabschluss|closing|cl[oô]ture|afsluiting|決算|结算)\b"
# Rows that are refunds, whatever the direction column says (a wallet's "neutral" refund).
REFUND_WORDS = r"(?i)refund|退款|返金|払戻|erstattung|remboursement|reembolso|rimborso|terugbetaling"
# Status wording -> the reason an excluded row is reported with (first match wins).
STATUS_REASONS: dict[str, str] = {
    r"(?i)revert|reversed": "reverted",
    r"(?i)declin|reject|refused": "declined",
    r"(?i)fail": "failed",
    r"(?i)cancel|取消": "cancelled",
    r"(?i)void": "void",
    r"(?i)pending|vorgemerkt|en attente|in behandeling|未確定": "pending (not booked yet)",
    r"关闭": "closed (not completed)",
    r"失败": "failed",
}
# Issuer transaction types -> schema kinds (first match wins).
DEFAULT_KIND_MAP: dict[str, str] = {
    r"(?i)card[ _]?payment|purchase|sale|spend|ショッピング|買物|お買物": "charge",
    r"(?i)refund|return|reversal|chargeback|返品|取消|キャンセル|返金": "refund",
    r"(?i)\bfees?\b|interest|手数料|年会費|利息": "fee",
    r"(?i)cash|atm|キャッシング": "cash",
    r"(?i)payment|autopay|top[ _-]?up|返済|入金": "payment",
}
PAYMENT_WORDS = r"(?i)payment|thank you|autopay|返済|入金|お支払"
_REFUND_TYPE = next(k for k, v in DEFAULT_KIND_MAP.items() if v == "refund")  # refund, return, reversal ...
FEE_WORDS = r"年会費|遅延損害金|(?i:\b(?:annual|late|membership|foreign transaction|returned payment) fee\b|interest charge|finance charge)"
CASH_WORDS = r"キャッシング|(?i:cash advance)"
# Country code printed after 利用国 (Rakuten) -> currency of the foreign amount on the next line.
COUNTRY_CURRENCY = {
    "USA": "USD", "GBR": "GBP", "CAN": "CAD", "AUS": "AUD", "NZL": "NZD", "SGP": "SGD", "HKG": "HKD",
    "KOR": "KRW", "CHN": "CNY", "TWN": "TWD", "THA": "THB", "CHE": "CHF", "SWE": "SEK", "NOR": "NOK",
    "DNK": "DKK", "IND": "INR", "PHL": "PHP", "MYS": "MYR", "IDN": "IDR", "VNM": "VND",
    **{c: "EUR" for c in "DEU FRA ITA ESP NLD IRL BEL AUT PRT FIN LUX GRC EST LVA LTU SVK SVN MLT CYP HRV".split()},
}
FOREIGN_LINE = re.compile(
    r"現地利用額\s*(?P<amount>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<currency>[A-Z]{3})?\s*変換レート\s*(?P<rate>[0-9][0-9,]*(?:\.[0-9]+)?)"
)


def total_reason(text: str) -> str:
    """``subtotal``, ``balance`` or ``total`` for a line already known to be a summary line."""
    t = unicodedata.normalize("NFKC", text)
    if re.search(r"小計|(?i:sub-?total)", t):
        return "subtotal"
    if re.search(r"繰越|残高|前回|(?i:balance|previous statement)", t):
        return "balance"
    if re.search(r"(?i)saldo|solde|kontostand|余额", t):
        return "balance"
    return "total"


def refunds_of(refunds: np.ndarray, gone: np.ndarray, amount: pd.Series, desc: pd.Series | None) -> np.ndarray:
    """Of the ``refunds`` rows, those that undo a ``gone`` row (excluded for its status: closed, failed)
    with the same amount and description: such a refund moves no money either."""
    out = np.zeros(len(refunds), dtype=bool)
    if desc is None or not gone.any():
        return out
    a = amount.abs().to_numpy()
    d = desc.fillna("").to_numpy()
    for i in np.flatnonzero(refunds):
        if any(abs(a[i] - a[j]) < 0.005 and d[i] == d[j] for j in np.flatnonzero(gone)):
            out[i] = True
    return out


def status_reason(text: str) -> str:
    """Reason for a row excluded by its status cell: ``reverted`` (a charge taken back before it posted),
    ``declined``, ``failed``, ``cancelled``, ``void``; otherwise the status as printed, in lower case."""
    t = unicodedata.normalize("NFKC", text).strip()
    for pattern, reason in STATUS_REASONS.items():
        if re.search(pattern, t):
            return reason
    return t.lower() or "excluded status"


_NUMBER = re.compile(r"[-+(]?[¥￥$£€]?\s*[0-9][0-9,]*(?:\.[0-9]+)?\)?(?:円)?")


def looks_like_number(text: str) -> bool:
    """Whether a cell holds one amount and nothing else (``14924``, ``"12,345"``, ``-3.50``, ``¥1,000``)."""
    return bool(_NUMBER.fullmatch(unicodedata.normalize("NFKC", text).strip()))


def any_amount(row: pd.Series) -> float | None:
    """The last cell of a row that reads as an amount (for totals printed outside the amount column)."""
    for v in reversed(row.tolist()):
        if isinstance(v, str) and re.search(r"[0-9]", v):
            try:
                return parse_amount(v)
            except ValueError:
                continue
    return None


@dataclass
class ForeignColumns:
    """Foreign amount, currency and rate per body row, filled from second lines before assembly."""
    n: int
    original_amount: np.ndarray | None = None  # None until a row is given a value: then all three are arrays
    original_currency: np.ndarray | None = None
    rate: np.ndarray | None = None

    @classmethod
    def empty(cls, n: int) -> ForeignColumns:
        return cls(n)  # (most files have no second lines: no per-row arrays until one is found)

    @property
    def filled(self) -> bool:
        """Some row was given a foreign amount, currency or rate (else every row is missing in all three)."""
        return self.original_amount is not None

    def set(self, row: int, amount: float, rate: float, currency: str | None) -> None:
        if self.original_amount is None:
            self.original_amount, self.rate = np.full(self.n, np.nan), np.full(self.n, np.nan)
            self.original_currency = np.full(self.n, None, dtype=object)
        self.original_amount[row], self.rate[row] = amount, rate
        self.original_currency[row] = currency


def merge_second_lines(desc: pd.Series, dates: pd.Series, state: np.ndarray, foreign: ForeignColumns) -> None:
    """Fold Rakuten's undated ``現地利用額 … 変換レート …`` lines into the charge printed above them."""
    undated = np.flatnonzero(dates.isna().to_numpy())
    if not len(undated):
        return
    texts = desc.iloc[undated]
    hits = texts.str.contains("現地利用額", regex=False, na=False)
    dated = np.flatnonzero(dates.notna().to_numpy())
    for pos in undated[hits.to_numpy()]:
        m = FOREIGN_LINE.search(unicodedata.normalize("NFKC", str(desc.iloc[pos])))
        k = np.searchsorted(dated, pos) - 1
        if not m or k < 0:
            continue
        charge = dated[k]
        code = m.group("currency")
        if not code:
            cm = re.search(r"利用国\s*([A-Z]{3})\s*$", unicodedata.normalize("NFKC", str(desc.iloc[charge])))
            code = COUNTRY_CURRENCY.get(cm.group(1)) if cm else None
        foreign.set(charge, float(m.group("amount").replace(",", "")), float(m.group("rate").replace(",", "")), code)
        state[pos] = 4


def kinds(
    amount: np.ndarray,
    types: pd.Series | None,
    spec: LayoutSpec | None,
    refund_zone: np.ndarray,
    has: Callable[[str], np.ndarray],
    *,
    account: bool = False,
    reversal: np.ndarray | None = None,
) -> pd.Series:
    """Schema kind per row: the issuer's type column first, then sign and wording.

    ``amount`` is already signed the schema's way (positive = charged, whatever the issuer prints), so a
    row typed as a purchase but carrying a negative amount is a refund (Monzo, EPOS and JCB print
    returns that way).

    ``has(pattern)`` says which rows' descriptions contain ``pattern``. On an ``account`` export (a bank
    or e-money account with a running balance) money in is a payment (salary, pension, a transfer)
    unless it says it is a refund or comes from a merchant the file shows charging (``reversal``); on a
    card statement money in that is not a payment to the card is a merchant's refund.
    """
    n = len(amount)
    labels = list(schema.KINDS)
    code = np.full(n, -1, dtype=np.int16)
    if types is not None:
        t = map_unique(types, normalise_column)
        mapping = dict(spec.kind_map) if spec and spec.kind_map else {}
        mapping.update({k: v for k, v in DEFAULT_KIND_MAP.items() if k not in mapping})
        for pattern, value in mapping.items():
            hit = map_unique(t, lambda v, p=pattern: v.str.contains(p, regex=True, na=False)).to_numpy(dtype=bool)
            code = np.where((code < 0) & hit, labels.index(value), code)

    neg = amount < 0
    # A type naming a purchase does not outweigh the sign: amounts are already in the schema's
    # convention (positive = charged), so a "purchase" row carrying a negative amount is money back.
    code = np.where((code == labels.index("charge")) & neg, labels.index("refund"), code)
    payment_words = has(PAYMENT_WORDS)
    if types is not None:
        payment_words |= map_unique(t, lambda v: re_contains(v, PAYMENT_WORDS)).to_numpy(dtype=bool)
    if account:
        back = has(REFUND_WORDS) | has(_REFUND_TYPE)
        if types is not None:
            back |= map_unique(t, lambda v: re_contains(v, REFUND_WORDS)).to_numpy(dtype=bool)
        if reversal is not None:
            back |= reversal
        payment_words |= ~back
    code = np.where((code < 0) & neg, np.where(payment_words, labels.index("payment"), labels.index("refund")), code)
    code = np.where((code < 0) & has(FEE_WORDS), labels.index("fee"), code)
    code = np.where((code < 0) & has(CASH_WORDS), labels.index("cash"), code)
    code = np.where((code < 0) & refund_zone, labels.index("refund"), code)
    code = np.where(code < 0, labels.index("charge"), code)
    return choose_str(code, labels)


_HEADING = re.compile(r"[■□【●◆◇※★▼▲#*=\-]|" + TOTAL_WORDS)


def continuation_lines(cells: pd.DataFrame, roles: dict[str, int], undated: np.ndarray, state: np.ndarray) -> list[tuple[int, int]]:
    """``(line, transaction)`` positions of undated lines that only carry text in the description column
    (no date, no amount, no number anywhere), each directly under a dated transaction or another such line."""
    desc = roles["description"]
    money = [roles[r] for r in ("amount", "debit", "credit", "date") if r in roles]
    out: list[tuple[int, int]] = []
    owner = -1
    above = -2  # the undated line looked at last
    for pos in np.flatnonzero(undated).tolist():  # only undated lines can continue a row
        if pos - 1 != above:  # the line above is dated (or there is none): it owns what follows
            owner = pos - 1
        above = pos
        row = cells.iloc[pos]
        text = row.iloc[desc] if desc < len(row) else None
        if owner < 0 or state[pos] != 0 or not isinstance(text, str) or not text.strip() or _HEADING.match(text.strip()):
            owner = -1  # a heading (■ご利用キャンセルなど, 【...】) starts a section, it does not continue a row
            continue
        others = [row.iloc[i] for i in range(len(row)) if i != desc and isinstance(row.iloc[i], str) and row.iloc[i].strip()]
        if any(isinstance(row.iloc[i], str) and row.iloc[i].strip() for i in money if i < len(row)) or any(
                re.search(r"[0-9]", v) for v in others):
            owner = -1  # a number elsewhere on the line: a total or a note of its own, not more description
            continue
        out.append((pos, owner))
    return out


def join_continuations(desc: pd.Series, pairs: list[tuple[int, int]]) -> pd.Series:
    """The description column with each continuation line's text added to its transaction's."""
    values = desc.tolist()
    for pos, owner in pairs:
        extra = str(values[pos]).strip()
        values[owner] = f"{values[owner] or ''} {extra}".strip()
    return pd.Series(values, index=desc.index, dtype="str")
