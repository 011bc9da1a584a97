"""Reading a statement line of any layout: words with their positions, a date (or two) at the start,
the text, and the amounts at the end, each amount with its x position; amount columns from a header line.

A transaction line of almost every statement is *date [date] text amount [amount ...]*. Dates are
found by shape (``23.05.2025``, ``19.01.``, ``12/14``, ``12月14日``, ``2025-12-14``) or with a month name in
any of the languages :func:`audit.dates.month_names` knows (``14 de mar. 2026``, ``29 déc.``, ``12 gen. 2024``),
and checked by :func:`audit.dates.parse_date`. Amounts are matched at the end of the line: signs before
or after (``- 580,06``, ``12.50-``, ``12.50 CR``, ``(12.50)``), a currency sign or code before or after,
glued or not (``-12,50 €``, ``1.234,56€``, ``EUR-12.50``, ``+6,60EUR``), grouping by comma, dot or apostrophe
(``1'427.25``), a currency symbol or ISO code. The rightmost number is always an amount candidate; the
ones before it only when they look like money (decimals, grouping, a sign or a currency), so a store
number stays in the text.

A header line (``Datum  Beschreibung  Soll  Haben``, ``Date  Description  Debit  Credit  Balance``) names
the amount columns; the header vocabulary is the CSV reader's (:func:`audit.readers.infer.role_of_header`,
several languages), with a currency code in the cell (``Belastung CHF``, ``Amount (EUR)``) taken as the
billing currency. Each amount on a line then belongs to the column it sits under: a debit column is
money out, a credit column money in, a balance column is never the amount.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from audit.readers.pdf.text import Line
from audit.values import CURRENCY_CODES

# ------------------------------------------------------------------------------------------ positions


@dataclass(frozen=True)
class Cell:
    """A piece of a line's text and where it is printed (points from the page's left edge)."""

    text: str
    x0: float
    x1: float


def positioned(ln: Line) -> tuple[str, list[float]]:
    """The line's text (as :attr:`Line.text`) and the x of each character's middle.

    Characters of a run share its width evenly; the space between two runs sits at the gap.
    """
    text, xs, _ = positioned_runs(ln)
    return text, xs


def positioned_runs(ln: Line) -> tuple[str, list[float], list[int]]:
    """:func:`positioned` and, per character, the index of its run (-1 for the space between runs)."""
    parts: list[str] = []
    xs: list[float] = []
    runs: list[int] = []
    for k, r in enumerate(ln.runs):
        text = " ".join(r.text.split())
        if not text:
            continue
        if parts:
            parts.append(" ")
            xs.append((xs[-1] + r.x0) / 2)
            runs.append(-1)
        step = (r.x1 - r.x0) / max(1, len(text))
        xs.extend(r.x0 + step * (i + 0.5) for i in range(len(text)))
        runs.extend([k] * len(text))
        parts.append(text)
    return "".join(parts), xs, runs


def _cell(text: str, xs: list[float], start: int, end: int) -> Cell:
    half = (xs[min(end, len(xs)) - 1] - xs[start]) / max(1, end - start - 1) / 2 if end - start > 1 else 2.0
    return Cell(text[start:end], xs[start] - half, xs[end - 1] + half)


# ------------------------------------------------------------------------------------------ dates

_NUMERIC_DATE = re.compile(
    r"(?:\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日"
    r"|\d{4}[/／.\-]\d{1,2}[/／.\-]\d{1,2}"
    r"|\d{1,2}[/／.\-]\d{1,2}[/／.\-](?:\d{4}|\d{2})"
    r"|\d{1,2}\s?月\s?\d{1,2}\s?日"
    r"|\d{1,2}[/／]\d{1,2}"
    r"|\d{1,2}\.\d{1,2}\.)"  # 19.01. (day.month. without a year, as German statements print it)
    r"(?=\s|$)"
)
_WORD = r"[^\W\d_]{3,12}\.?"
_WORD_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2})\.?\s(?:de\s)?(?P<m1>" + _WORD + r")(?:,?\s(?:de\s)?(?P<y1>\d{4}|\d{2}))?"
    r"|(?P<m2>" + _WORD + r")\s(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,?\s(?P<y2>\d{4}))?"
    r"|(?P<d3>\d{1,2})-(?P<m3>[^\W\d_]{3,9})(?:-(?P<y3>\d{4}|\d{2}))?)"
    r"(?=\s|$|,)"
)


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKC", word).casefold().strip().rstrip(".")
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def is_month(word: str) -> bool:
    from audit.dates import month_names

    return _fold(word) in month_names()


@lru_cache(maxsize=8192)
def valid_date(text: str) -> bool:
    """Whether ``text`` reads as a date (a year-less one given any year)."""
    from audit.dates import parse_date

    try:
        parse_date(text.rstrip("."), dayfirst=True, year=2000)  # 2000: 29 February exists
    except ValueError:
        return False
    return True


def date_at(text: str, pos: int) -> tuple[int, str] | None:
    """The date printed at ``text[pos:]`` and where it ends, or None."""
    m = _NUMERIC_DATE.match(text, pos)
    if m and valid_date(m[0]):
        return m.end(), m[0]
    m = _WORD_DATE.match(text, pos)
    if not m:
        return None
    month = m["m1"] or m["m2"] or m["m3"]
    if not is_month(month):
        return None
    end = m.end()
    if m["y1"] and len(m["y1"]) == 2:  # "14 Dec 15 Dec": the 15 is the next date's day, not a year
        nxt = re.match(r"\s(" + _WORD + r")", text[end:])
        if nxt and is_month(nxt[1]):
            end = m.start("y1") - 1
    found = text[pos:end].rstrip(",")
    return (pos + len(found), found) if valid_date(found) else None


# ------------------------------------------------------------------------------------------ amounts

_NUMBER = r"(?:\d{1,3}(?:[,，.'’]\d{3})+|\d+)(?:[.,，．]\d{1,2})?"
_AMOUNT = re.compile(
    r"(?:^|(?<=\s))(?P<amount>(?:[-−–+▲△]\s?)?\(?\s?(?:(?P<pre>[A-Z]{3})\s?[-−–+]?\s?)?(?:(?:R\$|[$¥￥£€])\s?[-−–]?)?\s?"
    + _NUMBER + r"\)?(?:\s?[€£$¥￥])?(?:\s?(?:CR|DR|Cr|Dr|円|-|(?P<post>[A-Z]{3})))?)$"
)
_MONEY_LOOK = re.compile(r"\d[.,，．]\d{1,2}\)?(?:\D*)$|[$¥￥£€]|\d[,，.'’]\d{3}|^[-−–+▲△(]|CR$|DR$|円$")


def _amount_end(text: str, end: int) -> re.Match[str] | None:
    """The amount that ends at ``end``; an ISO code before or after it only when it is a currency."""
    m = _AMOUNT.search(text, 0, end)
    if m is None:
        return None
    for part in ("pre", "post"):
        code = m[part]
        if code and code not in CURRENCY_CODES:  # "... Zürich CHE 7.20": a country, not a currency
            start = m.end(part) if part == "pre" else m.start("amount")
            stop = m.start(part) if part == "post" else end
            inner = _AMOUNT.search(text[:stop].rstrip(), start)
            return inner
    piece = m["amount"].strip()
    if len(piece) > 2 and piece[0] in _SIGNS and piece[-1] in _SIGNS:  # "12,50 € 1.234,56 €": the first € is not this one's
        return _AMOUNT.search(text, m.start("amount") + m["amount"].index(piece[0]) + 1, end)
    return m


_SIGNS = "$¥￥£€"


_SPACE_GROUPS = re.compile(r"(?:[-−–+]\s?)?\d{1,3}(?: \d{3})*$")


def trailing_amounts(text: str, xs: list[float], start: int, runs: list[int] | None = None) -> tuple[list[Cell], int]:
    """The amounts at the end of ``text[start:]``, left to right (the last one always, the ones before it
    only when they look like money), and where the first of them starts in ``text``.

    ``runs`` (the run of each character) lets a number grouped by spaces (``1 234,56``) be one amount when
    it is a run of its own; without it the groups before the last are never joined to it."""
    cells: list[Cell] = []
    end = first = len(text)
    while len(cells) < 4:
        m = _amount_end(text, end)
        if m is None or m.start("amount") <= start:
            break
        piece = m["amount"].strip()
        if cells and not _MONEY_LOOK.search(piece):
            break
        a = m.start("amount") + (len(m["amount"]) - len(m["amount"].lstrip()))
        a = _space_grouped(text, a, a + len(piece), runs) if runs is not None else a
        piece = text[a:m.end("amount")].strip()
        cells.insert(0, _cell(text, xs, a, a + len(piece)))
        end = first = a
        while end > 0 and text[end - 1] == " ":
            end -= 1
    return cells, first


def _space_grouped(text: str, a: int, b: int, runs: list[int]) -> int:
    """Where an amount that starts at ``a`` really starts when it is grouped by spaces (``1 234,56``): only
    when the groups and the amount make up one whole run, so ``STORE 12 234,56`` stays store 12."""
    if not re.match(r"\d{3}(?:[.,]\d{1,2})?", text[a:b]) or a < 2 or text[a - 1] != " ":
        return a
    g = _SPACE_GROUPS.search(text, 0, a - 1)
    if g is None:
        return a
    run = runs[a]
    whole_run = all(runs[i] == run for i in range(g.start(), b)) and (g.start() == 0 or runs[g.start() - 1] != run) \
        and (b == len(runs) or runs[b] != run)
    return g.start() if whole_run else a


# ------------------------------------------------------------------------------------------ a line


@dataclass
class LineParse:
    """A line read as a transaction: its dates, text and trailing amounts (left to right)."""

    date: str
    posting: str | None
    description: str
    desc_x0: float
    amounts: list[Cell] = field(default_factory=list)


def parse_line(ln: Line) -> LineParse | None:
    """The line as *date [date] text amount...*, or None when it does not start with a date and end with an
    amount."""
    text, xs, runs = positioned_runs(ln)
    first = date_at(text, 0)
    if first is None:
        return None
    pos = first[0]
    while pos < len(text) and text[pos] == " ":
        pos += 1
    second = date_at(text, pos)
    posting = None
    if second is not None:
        posting = second[1]
        pos = second[0]
        while pos < len(text) and text[pos] == " ":
            pos += 1
    amounts, desc_end = trailing_amounts(text, xs, pos, runs)
    if not amounts:
        return None
    desc = text[pos:desc_end].strip()
    if not desc:
        if posting is None:
            return None
        desc, posting = posting, None  # "12/14 12/15 12.00": no text; keep the line, it is reported
    return LineParse(first[1], posting, desc, xs[pos] if pos < len(xs) else ln.x0, amounts)


# ------------------------------------------------------------------------------------------ columns


@dataclass(frozen=True)
class Column:
    """A column named by a header cell: ``role`` is amount, debit, credit or balance, or payee (a text
    column naming the counterparty: payee, beneficiary, merchant, Empfänger ...)."""

    role: str
    x0: float
    x1: float


MONEY_ROLES = ("amount", "debit", "credit", "balance")
_HEADER_ROLES = (*MONEY_ROLES, "date", "posting_date", "description", "type", "original_amount")
_CODE_IN_CELL = re.compile(r"(?:^|[\s(\[（])([A-Z]{3})[)\]）]?$|^([A-Z]{3})\s")


def _latin_unaccented(text: str) -> str:
    """``text`` with the accents of Latin letters dropped (``Crédit`` -> ``Credit``); other scripts kept."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and out and out[-1].isascii():
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def header_role(cell: str) -> tuple[str, bool] | None:
    """The header role of a cell and whether it names the counterparty (the vocabulary's first, most
    specific description entries)."""
    from audit.readers.infer import HEADER_VOCAB, role_of_header

    got = role_of_header(cell) or role_of_header(_latin_unaccented(cell))
    if got is None:
        return None
    first_description = next(i for i, (role, _) in enumerate(HEADER_VOCAB) if role == "description")
    return got[0], got[0] == "description" and got[1] == first_description


def header_columns(ln: Line) -> tuple[list[Column], str | None] | None:
    """The amount and counterparty columns a header line names, and a currency code printed in its cells;
    None when the line is not a header (fewer than two cells named by the header vocabulary, or neither an
    amount nor a counterparty column among them)."""
    from audit.readers.infer import header_currency

    if len(ln.runs) < 2 or MONEY.search(ln.text):  # a header has several cells and no money in them
        return None
    named = 0
    columns: list[Column] = []
    currency = None
    for r in ln.runs:
        cell = " ".join(r.text.split())
        m = _CODE_IN_CELL.search(cell)
        code = (m[1] or m[2]) if m else None
        if code in CURRENCY_CODES:
            cell = _CODE_IN_CELL.sub("", cell).strip() or cell
            currency = currency or code
        else:
            currency = currency or header_currency(cell)
        got = header_role(cell)
        if got is None or got[0] not in _HEADER_ROLES:
            continue
        named += 1
        if got[0] in MONEY_ROLES:
            columns.append(Column(got[0], r.x0, r.x1))
        elif got[1]:
            columns.append(Column("payee", r.x0, r.x1))
    if named < 2 or not columns:
        return None
    return columns, currency


def column_of(cell: Cell, columns: list[Column]) -> Column | None:
    """The column ``cell`` is printed under: the one it overlaps most, else the one whose right edge is
    nearest (within 30 points; amounts are set flush right under their heading)."""
    columns = [c for c in columns if c.role in MONEY_ROLES]
    if not columns:
        return None
    best, overlap = None, 0.0
    for c in columns:
        o = min(cell.x1, c.x1 + 4) - max(cell.x0, c.x0 - 4)
        if o > overlap:
            best, overlap = c, o
    if best is not None:
        return best
    near = min(columns, key=lambda c: abs(c.x1 - cell.x1))
    return near if abs(near.x1 - cell.x1) <= 30 else None


# ------------------------------------------------------------------------------------------ references

# A line holding only a payment reference (a SEPA end-to-end or mandate reference, a creditor id, a bank
# reference): an identifier, not the counterparty, kept out of the description.
REFERENCE_LINE = re.compile(
    r"(?i)^(?:referenz|mandat(?:sreferenz)?|mandate(?:\s?(?:id|ref\.?))?|gl(?:ä|ae)ubiger-?id|creditor\s?id"
    r"|end-to-end-ref\.?|eref|mref|cred|kref|kundenreferenz|ref\.?|reference|réf\.?|référence|riferimento|rif\.?)"
    r"\s*[:.]?\s*[+]?[\w/\-]*\d[\w/\-]*$"
)

# A dated line that carries a balance, not a transaction ("01.01.2020 Alter Kontostand 2.853,82").
BALANCE_LINE = re.compile(
    r"(?i)^(?:(?:previous|opening|closing|new|statement|ending|beginning|old)\s+balance|balance\s+(?:brought|carried)"
    r"\s+forward|(?:alter|neuer)\s+kontostand|kontostand|saldovortrag|saldo(?:\s+(?:anterior|inicial|final|precedente))?"
    r"|(?:ancien|nouveau)\s+solde|solde|前回残高|前月繰越|繰越残高|残高)\b"
)
_ANY_NUMERIC_DATE = re.compile(r"\d{1,4}[/／.\-]\d{1,2}[/／.\-]\d{1,4}")
MONEY = re.compile(r"\d[,，.'’]\d{3}\b|\d[.,，．]\d{2}\b|[$¥￥£€]\s?\d|\d\s?円|\d\s?(?:CR|DR)\b")


def why_not(ln: Line, columns: list[Column] | None) -> str | None:
    """Why a line that starts with a date and holds an amount was not read as a transaction (None when the
    line does not look like one)."""
    text, xs, runs = positioned_runs(ln)
    first = date_at(text, 0)
    if first is None or not MONEY.search(_ANY_NUMERIC_DATE.sub(" ", text[first[0]:])):
        return None
    amounts, start = trailing_amounts(text, xs, first[0], runs)
    if not amounts:
        return "starts with a date and holds an amount, but the line does not end with the amount"
    if not text[first[0]:start].strip():
        return "a date and an amount with no text between them"
    return "starts with a date and ends with an amount, but could not be read as a transaction"
