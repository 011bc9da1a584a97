"""Guess which column plays which role when no :class:`LayoutSpec` matches a statement.

Two sources of evidence: header names (Japanese, English, German, French, Dutch, Spanish and Italian
vocabulary, :func:`header_roles`) and,
for files without a usable header, the column contents (:func:`content_roles`: a date-like column, an
amount-like column, the longest text column).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import pandas as pd

from audit.values import CURRENCY_CODES, infer_date_format_info, parse_amounts

# (role, regex fullmatched against the normalised header). Order matters: earlier = more specific.
HEADER_VOCAB: tuple[tuple[str, str], ...] = (
    # foreign amount / currency / rate first, so "local amount" never becomes the billing amount
    ("original_amount", r"現地通貨額|現地利用額|外貨金額|現地通貨金額|海外通貨利用金額|local ?amount|original ?amount|foreign ?amount|amount in original currency"
     r"|betrag in fremdwährung|fremdwährungsbetrag|originalbetrag|montant en devise|montant d'origine|bedrag in vreemde valuta|importe en divisa|importo in valuta"),
    ("original_currency", r"通貨略称|現地通貨|local ?currency|original ?currency|foreign ?currency"
     r"|fremdwährung|originalwährung|devise d'origine|vreemde valuta|divisa|valuta originale"),
    ("rate", r"換算レート|変換レート|為替レート|レート|(exchange |conversion |fx )?rate"
     r"|kurs|wechselkurs|umrechnungskurs|taux( de change)?|wisselkoers|koers|tipo de cambio|tasso( di cambio)?|cambio"),
    ("posting_date", r"posted ?date|post ?date|posting ?date|completed ?date|settlement ?date|処理日|データ処理日|計上日|確定日"
     r"|buchungsdatum|buchungstag|wertstellung|valuta ?datum|date de valeur|date de comptabilisation|boekdatum|rentedatum"
     r"|fecha valor|fecha contable|data valuta|data contabile"),
    ("date", r"利用日|ご利用日|ご利用年月日|利用年月日|ご利用日付|利用日/キャンセル日|利用日付|取引日|日付|transaction ?date|trans\.? ?date|txn ?date|purchase ?date|started ?date|date"
     r"|datum|belegdatum|umsatzdatum|transaktionsdatum|kaufdatum|date d'opération|date de l'opération|date d'achat"
     r"|transactiedatum|fecha|fecha (de )?operación|fecha de compra|data|data operazione|data (dell')?acquisto"),
    ("description", r"利用店名・商品名|ご利用店名及び商品名|ご利用店名・商品名|ご利用先など|ご利用先|ご利用場所|ご利用箇所|利用店名|ご利用店名|加盟店名|摘要|ご利用内容|内容|description|payee|merchant|merchant ?name|name|details|transaction ?description|narrative"
     r"|verwendungszweck|beschreibung|buchungstext|umsatzbeschreibung|händler|händlername|empfänger"
     r"|libellé|libellé de l'opération|libelle|commerçant|omschrijving|naam ?/ ?omschrijving|naam"
     r"|concepto|descripción|descripcion|comercio|descrizione|esercente|causale|dettagli"),
    ("debit", r"debit|debits|paid ?out|money ?out|withdrawals?|charges?|出金|引出"
     r"|soll|lastschrift|belastung|débit|cargo|cargos|addebiti|addebito|uscite"),
    ("credit", r"credit|credits|paid ?in|money ?in|deposits?|payments? ?(and|&) ?credits|入金"
     r"|haben|gutschrift|crédit|abono|abonos|accrediti|accredito|entrate"),
    ("amount", r"利用金額|ご利用金額|ご利用額|利用額|金額|amount|transaction ?amount|billing ?amount|amount ?\(.*\)"
     r"|betrag|umsatz|montant|bedrag|importe|importo"),
    ("currency", r"通貨|currency|billing ?currency|ccy|währung|devise|munt|moneda|valuta"),
    ("card", r"card|card ?no\.?|card ?number|account ?#|account ?number|カード番号|カード"
     r"|kartennummer|karte|numéro de carte|kaartnummer|número de tarjeta|numero carta"),
    ("cardholder", r"利用者|ご利用者|本人・家族区分|利用者区分|家族区分|card ?member|cardholder|card ?holder|member ?name"
     r"|karteninhaber|titulaire|kaarthouder|titular|titolare"),
    ("type", r"種別|取引種別|type|transaction ?type|種別\(.*\)"),
    ("status", r"status|state|取引状態|状態"),
    ("notes", r"備考|摘要欄|memo|extended ?details|notes?|reference"),
)
_VOCAB_RE = [(role, re.compile(pattern)) for role, pattern in HEADER_VOCAB]


def normalise_header(cell: object) -> str:
    """NFKC, lower case, whitespace collapsed, a trailing bracketed remark removed (``金額(￥)`` -> ``金額``)."""
    text = unicodedata.normalize("NFKC", str(cell) if cell is not None else "").strip().strip('"').lower()
    text = re.sub(r"\s+", " ", text)
    stripped = re.sub(r"\s*[(\[（【][^()\[\]（）【】]*[)\]）】]\s*$", "", text)
    return stripped or text


def header_currency(cell: object) -> str | None:
    """Currency named in a header remark, e.g. ``ご利用金額(￥)`` -> ``JPY``, ``Amount (GBP)`` -> ``GBP``."""
    text = unicodedata.normalize("NFKC", str(cell))
    m = re.search(r"[(\[（]\s*([A-Za-z]{3}|[¥$€£円])\s*[)\]）]", text)
    if not m:
        return None
    code = m.group(1).upper()
    symbols = {"¥": "JPY", "円": "JPY", "$": "USD", "€": "EUR", "£": "GBP"}
    return symbols.get(code, code if code in CURRENCY_CODES else None)


def role_of_header(cell: object) -> tuple[str, int] | None:
    """``(role, pattern rank)`` for one header cell, or None when no vocabulary entry fits."""
    name = normalise_header(cell)
    if not name:
        return None
    for rank, (role, rx) in enumerate(_VOCAB_RE):
        if rx.fullmatch(name):
            return role, rank
    return None


def header_roles(cells: Sequence[object]) -> dict[str, int]:
    """Map roles to 0-based column indexes from one header row (each column gets at most one role).

    When two columns claim one role the one whose name is more specific wins, then the leftmost;
    ``date`` prefers the use date, so a second date column becomes ``posting_date`` when that is free.
    """
    claims: dict[str, list[tuple[int, int]]] = {}
    for idx, cell in enumerate(cells):
        got = role_of_header(cell)
        if got:
            role, _rank = got
            claims.setdefault(role, []).append((_specificity(cell), idx))
    roles: dict[str, int] = {}
    for role, found in claims.items():
        found.sort(key=lambda t: (-t[0], t[1]))
        roles[role] = found[0][1]
        if role == "date" and len(found) > 1 and "posting_date" not in claims:
            roles["posting_date"] = found[1][1]
    if "date" not in roles and "posting_date" in roles:  # the only date printed is the posting date
        roles["date"] = roles.pop("posting_date")
    return roles


def _specificity(cell: object) -> int:
    """Longer, more precise header names beat bare ones ("Transaction Date" over "Date")."""
    name = normalise_header(cell)
    bonus = 10 if re.search(r"利用|transaction|trans\.|started|purchase", name) else 0
    if re.search(r"支払|請求|繰越|balance|残高", name):
        bonus -= 20
    return bonus + min(len(name), 9)


def looks_like_header(cells: Sequence[object]) -> bool:
    """True when a row has a date role and an amount (or debit/credit) role by name."""
    roles = header_roles(cells)
    return "date" in roles and bool({"amount", "debit", "credit"} & roles.keys())


# ------------------------------------------------------------------------------------ content inference


_DATE_HINT = r"\d\s*[/\-.年月]\s*\d|\d{8}|[A-Za-z]{3}"


def date_score(values: pd.Series) -> tuple[float, str | None]:
    """Share of non-empty cells that parse as dates with the best format, and that format."""
    s = values.dropna()
    s = s[s.astype("str").str.strip() != ""]
    if s.empty:
        return 0.0, None
    head = s.head(300).astype("str")
    if head.str.contains(_DATE_HINT).mean() < 0.5:  # cheap test first: no date shapes, no format search
        return 0.0, None
    guess = infer_date_format_info(head)
    if not guess.format or not guess.sample:
        return 0.0, None
    if "%Y" not in guess.format and "%y" not in guess.format:
        return 0.0, None
    return guess.parsed / guess.sample, guess.format


def amount_score(values: pd.Series) -> float:
    """Share of non-empty cells that parse as plausible amounts (not ids, not tiny counters)."""
    s = values.dropna().astype("str").str.strip()
    s = s[s != ""].head(300)
    if s.empty:
        return 0.0
    nums = parse_amounts(s)
    ok = nums.notna()
    if not bool(ok.any()):
        return 0.0
    digits = s[ok].str.replace(r"[^0-9]", "", regex=True).str.len()
    if bool((digits >= 12).mean() > 0.5):  # card numbers, reference numbers
        return 0.0
    if bool(s[ok].str.fullmatch(r"[0-9]{1,2}").all()):
        return 0.2 * float(ok.mean())  # instalment counts and similar small bare integers
    return float(ok.mean())


MAX_CONTENT_COLUMNS = 64


def content_roles(df: pd.DataFrame, skip: Sequence[int] = ()) -> tuple[dict[str, int], list[str]]:
    """Roles for a table without a usable header, from what the columns hold; plus notes on the choice."""
    roles: dict[str, int] = {}
    notes: list[str] = []
    cols = [c for c in range(min(df.shape[1], MAX_CONTENT_COLUMNS)) if c not in skip]
    if df.shape[1] > MAX_CONTENT_COLUMNS:  # bounded work on very wide files; statements keep these columns early
        notes.append(f"only the first {MAX_CONTENT_COLUMNS} of {df.shape[1]} columns examined for dates and amounts")
    dates: list[tuple[float, int, str]] = []
    for c in cols:
        score, fmt = date_score(df.iloc[:, c])
        if score >= 0.6 and fmt:
            dates.append((score, c, fmt))
    if dates:
        dates.sort(key=lambda t: (-t[0], t[1]))
        roles["date"] = dates[0][1]
        if len(dates) > 1:
            roles["posting_date"] = sorted(dates[1:], key=lambda t: t[1])[0][1]
    taken = set(roles.values())
    amounts = []
    for c in cols:
        if c in taken:
            continue
        score = amount_score(df.iloc[:, c])
        if score >= 0.6:
            amounts.append((score, c))
    if amounts:
        best = max(s for s, _ in amounts)
        roles["amount"] = next(c for s, c in amounts if s >= best - 0.1)
        taken.add(roles["amount"])
    texts = []
    for c in cols:
        if c in taken:
            continue
        s = df.iloc[:, c].dropna().astype("str").str.strip().head(300)
        s = s[s != ""]
        if s.empty:
            continue
        numeric = parse_amounts(s).notna().mean()
        if numeric > 0.5:
            continue
        texts.append((float(s.str.len().mean()) * float(len(s)), c))
    if texts:
        roles["description"] = max(texts)[1]
    if roles:
        notes.append("columns chosen from their contents: " + ", ".join(f"{r}=col {i + 1}" for r, i in sorted(roles.items(), key=lambda t: t[1])))
    return roles, notes
