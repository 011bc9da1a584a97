"""The billing currency of a delimited statement, only from what the file itself says.

Evidence, strongest first: a currency column (per row), a remark in a money column's header
(``Withdrawals (SGD)``, ``金額(円)``, ``人民币金额``), signs or codes beside the amounts (``£``, ``€``,
``1.234,56 EUR``, ``US$``), a currency named above the table (``Account ... (UAH)``, ``28.50元``), and the
issuer: a card company the file names (``カード名称,ビューカード``) whose exports a named layout reads and which
bills in one currency (:func:`issuer_currency`). A named issuer's layout
(:class:`audit.readers.spec.LayoutSpec`) states its issuer's currency before any of these.

The language of the descriptions is never evidence: a Japanese shop name on a dollar statement stays
dollars. The issuer's own headings are: a file whose column names (or preamble, or issuer-written cells) are
Japanese banking words is a domestic Japanese issuer's export, which bills in yen (a foreign-currency account
states its currency, and that statement wins). This follows the independent labels: the Japanese set
(``tests/data/real/blind_jp``, 8 such files) reads them as yen; one later labeller wrote ``unknown`` for
two (``holdout2``'s SMBC files), and the reader keeps the majority's rule.

``¥`` is yen beside Japanese words and yuan beside Chinese ones, and says nothing alone; a bare ``$`` says
"a dollar" but not which (USD, CAD, AUD, NZD, SGD, HKD ... all print it). Without evidence the currency is
``unknown``, the report says it is not stated, and a *hint* says what the file suggests ("amounts in
dollars; which dollar (US, Canadian, Australian ...) is not stated") for the user to choose from; it never
enters the data, totals or letters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd

from audit.readers.profile import CURRENCY_WORDS
from audit.values import CURRENCY_CODES

# Signs that name one currency; "$" and "¥" are shared (USD/CAD/AUD..., JPY/CNY) and need more.
_SIGNS = {"£": "GBP", "€": "EUR", "₩": "KRW", "₹": "INR", "₴": "UAH", "円": "JPY", "元": "CNY", "₽": "RUB",
          "₺": "TRY", "₪": "ILS", "฿": "THB", "₫": "VND", "₱": "PHP", "zł": "PLN", "R$": "BRL", "US$": "USD",
          "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD",
          "CHF": "CHF", "Fr.": "CHF"}
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Japanese as an issuer writes it: kana, kanji forms only Japanese uses (円 払 込 様 残 売 変 済 続), and
# banking words of Japanese (取引, 残高, 振込, 口座, 明細, 利用, 引落, 入金, 出金).
_JAPANESE = re.compile(r"[\u3040-\u30ff円払込様残売変済続]|取引|振込|口座|明細|利用|引落|入金|出金")


def code_of(text: str) -> str | None:
    """The ISO code a currency cell or word names (``USD``, ``米ドル``, ``人民币``, ``€``), else None."""
    t = unicodedata.normalize("NFKC", str(text)).strip()
    if not t:
        return None
    if t.upper() in CURRENCY_CODES and re.fullmatch(r"[A-Za-z]{3}", t):
        return t.upper()
    return CURRENCY_WORDS.get(t.lower()) or _SIGNS.get(t) or None


def normalise_currency_column(values: pd.Series) -> pd.Series:
    """A currency column's cells as ISO codes where they name a currency (``米ドル`` -> ``USD``); other
    text upper-cased as printed, empty cells missing."""
    uniq = {v: (code_of(v) or unicodedata.normalize("NFKC", v).strip().upper()) for v in values.dropna().unique()}
    out = values.map(lambda v: uniq.get(v) if isinstance(v, str) else None)
    return out.where(out.notna() & (out != "")).astype("str")


def header_code(cell: str) -> str | None:
    """The currency a header cell names (``Amount (GBP)``, ``金額(円)``, ``人民币金额``), else None."""
    return _from_header(cell)


def _from_header(cell: str) -> str | None:
    text = unicodedata.normalize("NFKC", str(cell))
    m = re.search(r"[(\[（]\s*([A-Za-z]{3}|[^\s()\[\]（）]{1,3})\s*[)\]）]", text)
    if m and (code := code_of(m.group(1))):
        return code
    for word, code in CURRENCY_WORDS.items():
        if code and len(word) >= 2 and word in text.lower():  # 人民币金额, 米ドル建て
            return code
    for pattern, code in _NAMES.items():  # "Betrag in Euro", "Määrä EUROA" (Finnish partitive)
        if re.search(pattern, text):
            return code
    return None


# Currency names as whole words of a header (the ISO codes are looked for separately).
_NAMES = {r"(?i)\beur(?:o|os|oa|on)\b": "EUR"}


# The hints for a file that states no currency (English; the page translates them, audit/ui_messages.py).
JAPANESE_ISSUER = ("not stated in the file; a Japanese issuer's export (its own headings are Japanese banking words), "
                   "which bills in yen")
HINT_DOLLAR = "amounts in dollars; which dollar (US, Canadian, Australian ...) is not stated"


class Billing(NamedTuple):
    """A file's billing currency: ``code`` (ISO, or ``unknown``) and ``why``; for an unknown one, a
    ``hint`` (a sentence, "" when the file suggests nothing) for the user to choose from."""

    code: str
    why: str
    hint: str = ""


def _from_cells(sample: str, japanese: bool, chinese: bool) -> str | None:
    for sign, code in sorted(_SIGNS.items(), key=lambda t: -len(t[0])):
        if len(sign) > 1 and sign.isalpha() and sign.isupper():
            continue  # ISO codes are looked for below as whole words
        if sign in sample:
            return code
    m = re.findall(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])", sample)
    codes = {c for c in m if c in CURRENCY_CODES}
    if len(codes) == 1:
        return codes.pop()
    if "¥" in sample or "￥" in sample:
        if japanese:
            return "JPY"
        if chinese:
            return "CNY"
    return None


def _from_preamble(lines: Sequence[str]) -> str | None:
    codes: set[str] = set()
    for line in lines:
        text = unicodedata.normalize("NFKC", line)
        codes |= {c for c in re.findall(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])", text) if c in CURRENCY_CODES}
        for sign in ("円", "元", "£", "€", "₴"):
            if re.search(r"[0-9]\s*" + re.escape(sign) + "|" + re.escape(sign) + r"\s*[0-9]|^\s*" + re.escape(sign) + r"\s*,?$|,\s*" + re.escape(sign) + r"\s*(,|$)", text):
                codes.add(_SIGNS[sign])
    return codes.pop() if len(codes) == 1 else None


def issuer_currency(issuer: str) -> str | None:
    """The billing currency of the card company ``issuer`` (as the file names it, :attr:`ParseReport.issuer`)
    when a named layout's issuer is part of that name and all such layouts bill in one currency, else None."""
    name = unicodedata.normalize("NFKC", issuer or "").casefold()
    if not name:
        return None
    from audit.readers.layouts import LAYOUTS

    found = set()
    for spec in LAYOUTS:
        own = unicodedata.normalize("NFKC", spec.issuer or "").casefold()
        if len(own) >= 3 and spec.currency and re.search(r"(?<![a-z])" + re.escape(own) + r"(?![a-z])", name):
            found.add(spec.currency)
    return found.pop() if len(found) == 1 else None


def billing_currency(header: Sequence[str], money_columns: Sequence[int], money_cells: Sequence[pd.Series],
                     preamble: Sequence[str], issuer_text: Sequence[str] = (), issuer: str = "") -> Billing:
    """The billing currency from the evidence in the module docstring, in its order, or ``unknown`` with a
    hint. ``issuer_text``: cells the issuer wrote (types, holders, payment plans: not the descriptions), whose
    script tells ``¥`` as yen or yuan as the header's does (it never names a currency by itself);
    ``issuer``: the card company the file names (:attr:`ParseReport.issuer`)."""
    for idx in money_columns:
        if idx < len(header) and (code := _from_header(header[idx])):
            return Billing(code, f"named in the header {header[idx]!r}")
    words = " ".join([*header, *preamble, *issuer_text])
    japanese = bool(_JAPANESE.search(unicodedata.normalize("NFKC", words)))
    chinese = bool(_HAN.search(words)) and not japanese
    for idx in money_columns:  # "ご利用金額(￥)": the shared sign, told by the script around it as in the cells
        cell = unicodedata.normalize("NFKC", header[idx]) if idx < len(header) else ""
        if (japanese or chinese) and re.search(r"[(\[（]\s*¥\s*[)\]）]", cell):
            return Billing("JPY" if japanese else "CNY", f"named in the header {header[idx]!r}")
    sample = unicodedata.normalize("NFKC", "".join(
        v for c in money_cells for v in c.dropna().head(300).tolist() if isinstance(v, str)))
    if sample and (code := _from_cells(sample, japanese, chinese)):
        return Billing(code, "from the signs or codes beside the amounts")
    if code := _from_preamble(preamble):
        return Billing(code, "named above the table")
    if code := issuer_currency(issuer):
        return Billing(code, f"the file names its card company {issuer!r}, which bills in {code}")
    if marked := _layout_marks(header, preamble):
        return Billing(marked[0], f"the file prints the marks of {marked[1]}, which bills in {marked[0]}")
    why = "not stated in the file: shown as 'unknown'"
    if "$" in sample:
        return Billing("unknown", why, HINT_DOLLAR)
    if japanese:  # the issuer's own banking headings: a domestic Japanese issuer's export, billed in yen
        return Billing("JPY", JAPANESE_ISSUER)
    return Billing("unknown", why)


def _layout_marks(header: Sequence[str] | None, preamble: Sequence[str]) -> tuple[str, str] | None:
    """``(currency, layout title)`` of the named issuer layouts whose marks the file prints - all of a layout's
    header names in the header (in any order, among other columns), or its first-line pattern on a line above
    the table - when they bill in one currency; None otherwise, and when the named layouts are switched off.
    A copy of an issuer's export with a column added or moved is still that issuer's export, though the layout
    no longer reads its columns."""
    from audit.readers import options
    from audit.readers.csv_plan import norm_cell
    from audit.readers.csv_reader import load_layouts

    if not options.named_layouts():
        return None
    cells = {norm_cell(c).lower() for c in header or []}
    found: dict[str, str] = {}
    for spec in load_layouts():
        if not spec.currency:
            continue
        if spec.detect and {norm_cell(d).lower() for d in spec.detect} <= cells:
            found.setdefault(spec.currency, spec.title)
        elif spec.detect_first_line and any(  # the line as printed, and without quotes round its cells
                re.search(spec.detect_first_line, text) for line in list(preamble)[:30]
                for text in {unicodedata.normalize("NFKC", line), unicodedata.normalize("NFKC", line).replace('"', "")}):
            found.setdefault(spec.currency, spec.title)
    return next(iter(found.items())) if len(found) == 1 else None
