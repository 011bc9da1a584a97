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
     r"|betrag in fremdwährung|fremdwährungsbetrag|originalbetrag|montant en devise|montant d'origine|bedrag in vreemde valuta|importe en divisa|importo in valuta|交易地金额|原币金额|сума в валюті операції|oorspr bedrag"),
    ("original_currency", r"通貨略称|現地通貨|local ?currency|original ?currency|foreign ?currency"
     r"|fremdwährung|originalwährung|devise d'origine|vreemde valuta|divisa|valuta originale|oorspr munt"),
    ("rate", r"換算レート|変換レート|為替レート|レート|(exchange |conversion |fx )?rate"
     r"|kurs|wechselkurs|umrechnungskurs|taux( de change)?|wisselkoers|koers|tipo de cambio|tasso( di cambio)?|cambio|курс|汇率"),
    ("posting_date", r"posted ?date|post ?date|posting ?date|value ?date|completed ?date|settlement ?date|処理日|データ処理日|計上日|確定日"
     r"|wertstellung|valuta ?datum|date de valeur|rentedatum"
     r"|fecha valor|fecha contable|data valuta|data contabile|记账日|记账日期|银行记账日|入账日期|data do balancete|valutadato"
     r"|data( de)? valor|入帳日|入帳日期|入帳起息日|入账起息日|起息日"),
    # a bank's booking day is the date its statement lists a row by (its value date is the posting date)
    ("date", r"buchungstag|buchungsdatum|boekdatum|date de comptabilisation|bokført dato|bogført|bokföringsdag"),
    ("date", r"利用日|ご利用日|ご利用年月日|利用年月日|取引年月日|お取引日|取扱日付|取扱日|ご利用日付|利用日/キャンセル日|利用日付|取引日|日付|transaction ?date|booking ?date|trans\.? ?date|txn ?date|purchase ?date|started ?date|date"
     r"|datum|belegdatum|umsatzdatum|transaktionsdatum|kaufdatum|date d'opération|date de l'opération|date d'achat"
     r"|transactiedatum|fecha|fecha (de )?operación|fecha de compra|data|data operazione|data (dell')?acquisto|年月日|入出金日|お取り引き日|お取引日|交易时间|交易日期|交易日|日期|дата|дата і час|дата і час операції|дата операції|дата транзакції|data do lançamento|data lançamento|data mov\.?|data (do |de )?movimento|消費日|消費日期|dato|transaksjonsdato|bokföringsdag|transaktionsdag|data operacji|data księgowania|kirjauspäivä|tapahtumapäivä|maksupäivä"),
    # who was paid (or who paid): preferred over generic description columns (see description_candidates)
    ("description", r"利用店名・商品名|ご利用店名及び商品名|ご利用店名・商品名|ご利用先など|ご利用先|ご利用場所|ご利用箇所|利用店名|ご利用店名|加盟店名"
     r"|利用店舗|利用場所|利用先|摘要内容|取引先|相手先|名前|氏名|振込依頼人名?|入場駅/事業者名|事業者名"
     r"|payee|payee ?name|merchant|merchant ?name|store ?name|name|partner ?name|counter ?party( name)?|beneficiary|recipient"
     r"|auftraggeber/empfänger|auftraggeber ?/ ?empfänger|empfänger|zahlungsempfänger|auftraggeber|begünstigter|name zahlungsbeteiligter"
     r"|bénéficiaire|commerçant|tegenrekeninghouder|naam tegenpartij|naam|comercio|beneficiario|esercente|beneficiario|begünstigter/zahlungspflichtiger|naam ?/ ?omschrijving|nom|交易对方|对方|商户名称|收/付款方|入出金先内容|mottaker|betalingsmottaker|estabelecimento"
     r"|ordinante ?/ ?beneficiario|saaja ?/ ?maksaja|maksaja ?/ ?saaja|saaja|maksaja|mottagare|betalningsmottagare"),
    ("notes", r"additional ?description|extended ?details|vwz ?[0-9]+|メモ|備考|memo|notes?|reason"),
    # direction columns, the sign of an unsigned amount: Af/Bij (NL), D/C, CR/DR, Soll/Haben, Credit/Debit
    ("direction", r"af ?/? ?bij|d ?/ ?c|c ?/ ?d|cr ?/ ?dr|dr ?/ ?cr|credit ?/ ?debit|debit ?/ ?credit|soll ?/ ?haben|s ?/ ?h"
     r"|(credit ?)?debit ?(/ ?credit ?)?indicator|sens|sentido|入払区分|入出金区分|收/支|收支|收/付"),
    ("type", r"buchungstext|posting ?text|利用区分|取引区分|明細区分|mutatiesoort|交易类型|交易分类"),
    ("description", r"摘要|ご利用内容|内容|取引内容|お取引内容|入出金内容|お取引内容|description|description ?[0-9]|desc|details|transaction ?description|narrative"
     r"|verwendungszweck|beschreibung|umsatzbeschreibung|händler|händlername"
     r"|libellé|libellé de l'opération|libelle|omschrijving|remarque|mededelingen"
     r"|concepto|descripción|descripcion|descrizione|causale|dettagli|お取り扱い内容|お取扱い内容|取扱内容|詳細|交易描述|交易摘要|商品说明|деталі|деталі операції|опис|описание|призначення платежу|histórico|historico|descrição|descricao|beskrivelse|beskrivning|tekst|opis operacji"),
    # never an amount: running balances, ids, account and bank numbers
    ("balance", r".*残高|残額|.*balance|kontostand|saldo|solde|guthaben|balans|saldo contable|現在.*高|余额|залишок.*|остаток|saldo na trn|saldo po operacji|disponibelt"),
    ("id", r"(transaction|reference|ref\.?|order|receipt) ?(id|no\.?|number|#)|fitid|n° de transaction|transaktionscode|取引id|注文番号|番号"
     r"|#|id|check ?number|checknumber|.*iban|bic|swift|account|konto(nummer)?|bank|bank ?code|sort ?code|blz|number"
     r"|rekening|tegenrekening|code|compte|numéro de compte|cuenta|mcc|入出金明細id|交易单号|商户单号|交易订单号|商家订单号|对方账号|订单号|número do documento|numero do documento|documento|dependência origem|dependencia origem|til konto|fra konto|volgnr|n° de transaction|numéro de la transaction de référence|glaeubiger id|gläubiger id|mandatsreferenz|kundenreferenz.*|sammlerreferenz"),
    ("debit", r"debit|debits|debit ?amount|paid ?out|money ?out|withdrawals?|withdrawal ?amount|charges?|出金|出金金額|出金額|引出|引出金額|お引出金額|支払い金額"
     r"|soll|lastschrift|belastung|débit|cargo|cargos|addebiti|addebito|uscite|お引出し|お引出し金額|お引き出し|お引き出し額|払出金額|出金金額|引落金額|支出|支出金额|借方|сума списання|списання|ut|uttak|wydatki"),
    ("credit", r"credit|credits|credit ?amount|paid ?in|money ?in|deposits?|deposit ?amount|payments? ?(and|&) ?credits|入金|入金金額|入金額|預入金額|預かり金額|お預り金額|お預かり金額"
     r"|haben|gutschrift|crédit|abono|abonos|accrediti|accredito|entrate|お預入れ|お預入れ金額|お預け入れ|お預け入れ額|受入金額|存入|收入金额|贷方|сума зарахування|зарахування|inn|innskudd|wpływy"),
    ("amount", r"利用金額|ご利用金額|ご利用額|利用額|金額|入出金|入出金額|取引金額|amount|transaction ?amount|billing ?amount|amount ?\(.*\)"
     r"|betrag|umsatz|montant|bedrag|importe|importo|金额|交易金额|人民币金额|记账金额|сума|сума в валюті картки|сумма|valor|beløp|beløb|belopp|kwota|brut|gross|määrä|määrä euroa|summa"),
    ("currency", r"通貨|通貨コード|monn\.?|monnaie|currency|billing ?currency|ccy|währung|devise|munt|moneda|valuta|币种|货币|交易币种|记账币种|валюта|moeda|waluta"),
    ("card", r"card|card ?no\.?|card ?number|account ?#|account ?number|カード番号|カード"
     r"|kartennummer|karte|numéro de carte|kaartnummer|número de tarjeta|numero carta|卡号后四位|卡号末四位|卡号|номер картки"),
    ("cardholder", r"利用者|ご利用者|本人・家族区分|利用者区分|家族区分|card ?member|cardholder|card ?holder|member ?name"
     r"|karteninhaber|titulaire|kaarthouder|titular|titolare"),
    ("type", r"種別|取引種別|type|transaction ?type|種別\(.*\)"),
    ("status", r"status|state|取引状態|状態|交易状态|当前状态|状态|статус|info"),
    ("notes", r"摘要欄|reference"),
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _top_level_alternatives(pattern: str) -> list[str]:
    """The ``|``-separated alternatives of a pattern outside any group."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


_VOCAB_RE = [(role, re.compile(pattern.translate(_UMLAUTS))) for role, pattern in HEADER_VOCAB]
# Plain words of the vocabulary (no regex syntax), for names a few characters off (a shortened
# 利用店名・商品名, a Latin "C" in a Cyrillic word): compared by similarity when no pattern fits.
_VOCAB_WORDS = [
    (rank, role, word.translate(_UMLAUTS))
    for rank, (role, pattern) in enumerate(HEADER_VOCAB)
    for word in _top_level_alternatives(pattern)
    if len(word) >= 4 and not re.search(r"[()\[\]?*+\\^$.]", word)
]
NEAR = 85  # rapidfuzz ratio from which a header name counts as a vocabulary word


def normalise_header(cell: object) -> str:
    """NFKC, lower case, whitespace collapsed, umlauts spelt out (``ä`` -> ``ae``, as exports without
    them write), a leading ``#`` and a trailing bracketed remark removed (``金額(￥)`` -> ``金額``)."""
    text = unicodedata.normalize("NFKC", str(cell) if cell is not None else "").strip().strip('"').lower()
    text = re.sub(r"\s+", " ", text).translate(_UMLAUTS)
    text = re.sub(r"^[#*]+\s*(?=\S)", "", text)
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
    numbered = re.sub(r"[ _-]*[0-9]+$", "", name)  # "Omschrijving-1", "詳細２", "VWZ 3"
    for candidate in dict.fromkeys((name, numbered)):
        for rank, (role, rx) in enumerate(_VOCAB_RE):
            if candidate and rx.fullmatch(candidate):
                return role, rank
    return near_role(name)


def near_role(name: str) -> tuple[str, int] | None:
    """``(role, rank)`` of the vocabulary word most like ``name`` (a normalised header) when they are at
    least :data:`NEAR` alike; None otherwise."""
    if len(name) < 4 or len(name) > 60:
        return None
    from rapidfuzz import fuzz

    best: tuple[float, int, str] | None = None
    for rank, role, word in _VOCAB_WORDS:
        if len(name) > len(word):  # a word cut short or misspelt, not a longer name (收/付款方式 is not 收/付款方)
            continue
        score = fuzz.ratio(name, word)
        if score >= NEAR and (best is None or score > best[0]):
            best = (score, rank, role)
    return (best[2], best[1]) if best else None


def header_roles(cells: Sequence[object]) -> dict[str, int]:
    """Map roles to 0-based column indexes from one header row (each column gets at most one role).

    When two columns claim one role the one whose name is more specific wins, then the leftmost;
    ``date`` prefers the use date, so a second date column becomes ``posting_date`` when that is free.
    """
    claims: dict[str, list[tuple[int, int]]] = {}
    for idx, cell in enumerate(cells):
        got = role_of_header(cell)
        if got:
            role, rank = got
            # descriptions: the counterparty vocabulary (earlier in HEADER_VOCAB) first, then leftmost
            key = -rank if role == "description" else _specificity(cell)
            claims.setdefault(role, []).append((key, idx))
    roles: dict[str, int] = {}
    for role, found in claims.items():
        found.sort(key=lambda t: (-t[0], t[1]))
        roles[role] = found[0][1]
        if role == "date" and len(found) > 1 and "posting_date" not in claims:
            roles["posting_date"] = found[1][1]
    if "date" not in roles and "posting_date" in roles:  # the only date printed is the posting date
        roles["date"] = roles.pop("posting_date")
    return roles


def description_candidates(cells: Sequence[object]) -> list[int]:
    """Columns that may hold the description, best first: counterparty names (payee, 名前, Partner Name,
    Auftraggeber/Empfänger ...) before generic ones (Description, 摘要 ...), then left to right."""
    found = []
    for idx, cell in enumerate(cells):
        got = role_of_header(cell)
        if got and got[0] == "description":
            found.append((got[1], idx))
    # equally good names: by the name, not the position (a reordered export reads the same)
    return [idx for _rank, _name, idx in sorted((rank, normalise_header(cells[idx]), idx) for rank, idx in found)]


def header_base(cell: object) -> str:
    """A header without a trailing number or detail word: ``Description 2`` -> ``description``."""
    return re.sub(r"\s*[0-9]+$", "", normalise_header(cell))


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


_DATE_HINT = r"\d\s*[/\-.年月 ]\s*\d|\d{8}|[A-Za-z]{3}"


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


_INDICATOR = r"(?i)debit|credit|dr|cr|d|c|soll|haben|s|h|af|bij|入金|出金|支払|預入|引出"


def _indicator_column(df: pd.DataFrame, cols: Sequence[int]) -> int | None:
    """A column holding nothing but a direction word per row (debit / credit, D / C, 入金 / 出金): the sign
    of an unsigned amount column in a file without a header."""
    for c in cols:
        s = df.iloc[:, c].dropna().astype("str").str.strip().head(300)
        s = s[s != ""]
        if len(s) and bool(s.str.fullmatch(_INDICATOR).all()) and s.str.lower().nunique() >= 2:
            return c
    return None


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
    indicator = _indicator_column(df, [c for c in cols if c not in roles.values()])
    if indicator is not None:
        roles["type"] = indicator
    if roles:
        notes.append("columns chosen from their contents: " + ", ".join(f"{r}=col {i + 1}" for r, i in sorted(roles.items(), key=lambda t: t[1])))
    return roles, notes
