"""PDF statement layouts as small declarative specs, interpreted by :mod:`audit.readers.pdf_reader`.

A PDF page arrives as visual lines (text runs grouped by height, sorted left to right). A
:class:`PdfLayout` says how to recognise the statement, which lines are transactions (a ``line`` regex
on the line's text, or ``columns`` x-bounds that cut the line into cells), where the statement period
and printed total are, and which lines are page furniture or summary boxes. Statements no spec matches
go through :data:`GENERIC`, which takes any line that starts with one or two dates and ends with an
amount as a transaction.

The named layouts describe the fictional issuers of ``sample_statements/*.pdf``
(``scripts/make_sample_pdfs.py``); their shapes follow common Japanese, US and UK statements, but no real
issuer's layout is claimed. Regexes run on the line text as printed (``\\d`` also matches full-width
digits; :mod:`audit.values` normalises amounts and dates).
"""

from __future__ import annotations

from dataclasses import dataclass, field

_MON = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    # Portuguese and Spanish abbreviations that differ from the English ones (fev, abr, mai, ago, set, out, dez,
    # ene, dic); audit.readers.pdf.dates maps them to English before parsing.
    r"|Fev|Abr|Mai|Ago|Set|Out|Dez|Ene|Dic)\b\.?"
)
_DE = r"(?:de\s)?"  # "14 de mar. 2026", "14 de março de 2026"
# Year-less dates, as printed in transaction lines.
DATE_MD = r"\d{1,2}[/／]\d{1,2}"
DATE_JP_MD = r"\d{1,2}\s?月\s?\d{1,2}\s?日"
DATE_D_MON = r"\d{1,2}\s" + _DE + _MON
DATE_MON_D = _MON + r"\s\d{1,2}"
# Dates with a year.
DATE_YMD = r"\d{4}[/／.\-]\d{1,2}[/／.\-]\d{1,2}(?!\d)|\d{2}[/／]\d{1,2}[/／]\d{1,2}(?!\d)"  # not the start of 01/31/2024
DATE_MDY = r"\d{1,2}[/／.\-]\d{1,2}[/／.\-]\d{4}"
DATE_JP_YMD = r"\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日"
DATE_D_MON_Y = r"\d{1,2}\s" + _DE + _MON + r",?\s" + _DE + r"\d{4}"
DATE_MON_D_Y = _MON + r"\s\d{1,2},?\s\d{4}"
FULL_DATE = "(?:" + "|".join((DATE_JP_YMD, DATE_YMD, DATE_MDY, DATE_D_MON_Y, DATE_MON_D_Y)) + ")"
# The same with a month name in any language ("12 décembre 2025", "1. Januar 2020"): used where the match is
# then checked by the date parser (periods, statement dates), which knows the month names.
_LOOSE = r"[^\W\d_]{3,12}\.?"
FULL_DATE_ANY = ("(?:" + FULL_DATE + r"|\d{1,2}\.?\s(?:de\s)?" + _LOOSE + r",?\s(?:de\s)?\d{4}"
                 + r"|" + _LOOSE + r"\s\d{1,2},?\s\d{4})")
ANY_DATE = "(?:" + "|".join(
    (DATE_JP_YMD, DATE_YMD, DATE_MDY, DATE_D_MON_Y, DATE_MON_D_Y, DATE_JP_MD, DATE_D_MON, DATE_MON_D, DATE_MD)
) + ")"
# An amount as printed: sign or ▲, currency symbol, grouped digits, decimals, trailing CR/DR/円/minus.
AMOUNT = (
    # decimal comma, as in Brazil and most of Europe: "-82,10", "1.234,56" (two decimals, so "1,234" stays a
    # thousands separator)
    r"(?:[-−–+▲△(]\s?)?(?:R\$|[$¥￥£€])?\s?\d{1,3}(?:[.．]\d{3})*[,，]\d{2}(?!\d)"
    r"|(?:[-−–+▲△(]\s?)?[$¥￥£€]?\s?\d{1,3}(?:[,，]\d{3})*(?:[.．]\d{1,2})?"
    r"|(?:[-−–+▲△(]\s?)?[$¥￥£€]?\s?\d+(?:[.．]\d{1,2})?"
)
AMOUNT_TAIL = r"(?:\s?(?:CR|DR|円|-|\)))?"
# Something that looks like money (used to decide whether an unmatched dated line is a problem).
MONEYISH = r"\d[,，]\d{3}\b|\d[.．]\d{2}\b|[$¥￥£€]\s?\d|\d\s?円|\d\s?(?:CR|DR)\b"

# Statement period: "ご利用期間 2025年12月16日〜2026年1月15日", "Statement period: Dec 12, 2025 - Jan 11, 2026",
# "Statement period 12 December 2025 to 11 January 2026", "Kontoauszug ... vom 01.01.2020 bis 02.02.2020",
# "Période du 01/03/2026 au 31/03/2026", "Periodo dal 01/03/2026 al 31/03/2026".
PERIOD = (
    r"(?i)(?:(?:ご利用期間|利用期間|対象期間|statement period|billing period|billing cycle|statement covers"
    r"|opening\s?/\s?closing date|open(?:ing)? date|period|abrechnungszeitraum|abrechnungsperiode|auszugszeitraum"
    r"|zeitraum|période|periode|periodo|período)\s*[:：]?\s*(?:du|dal|del|de|van|vom|from)?"
    r"|\b(?:vom|from|du|dal|del|van)\b)"
    r"\s*(?P<start>" + FULL_DATE_ANY + r")\s*(?:[-–〜~～]|to|から|through|bis|au|al|a|tot|até|t/m)\s*"
    r"(?:(?:close|closing|end)\s+date\s*[:：]?\s*)?(?P<end>" + FULL_DATE_ANY + r")"
)
# A date with a year printed somewhere on the statement (used for years when no period is printed).
ANCHOR_DATE = (
    r"(?i)(?:statement date|closing date|statement closing date|締切日|締め日|お支払日|payment due date|due date"
    r"|rechnungsdatum|auszugsdatum|abrechnungsdatum|date de l'arrêté|date du relevé|fecha de corte|fecha de cierre"
    r"|data di chiusura|data do fechamento|datum afschrift)"
    r"\s*[:：]?\s*(?P<date>" + FULL_DATE_ANY + r")"
)

# Foreign-currency second lines: "USD 29.99 RATE 152.340", "EUR 39.95 @ 1.08420",
# "現地通貨額 29.99 USD 換算レート 152.340".
FOREIGN_LINES: tuple[str, ...] = (
    r"^(?:foreign (?:currency|amount)\s*[:：]?\s*)?(?P<currency>[A-Z]{3})\s+(?P<amount>\d[\d,.]*)\s*"
    r"(?:RATE|Rate|rate|@|X|x|×|at|EXCHANGE RATE|Exchange rate)\s*[:：]?\s*(?P<rate>\d[\d,.]*)\b.*$",
    r"^(?:現地通貨額|現地利用額|外貨額|現地通貨)\s*[:：]?\s*(?P<amount>\d[\d,.．，]*)\s*(?P<currency>[A-Z]{3})\s*"
    r"(?:換算レート|変換レート|レート)\s*[:：]?\s*(?P<rate>\d[\d.．]*).*$",
)

# Page furniture every statement repeats: page counters and column-header lines.
COMMON_SKIP: tuple[str, ...] = (
    r"(?i)^page\s*\d+\s*(?:of|/)\s*\d+$",
    r"(?i)^\d+\s*/\s*\d+\s*(?:ページ|頁|page)?$",
    r"^[(（]?\s*\d+\s*/\s*\d+\s*[)）]?\s*ページ$",
    r"(?i)^(?:trans(?:action)?\.?\s*date|date)\b.*\b(?:amount|description)\b",
    r"^ご利用日.*ご利用(?:店名|先|場所|金額)",
    r"^(?:利用日|ご利用年月日).*(?:利用店名|利用先|利用金額)",
)

# Summary boxes: not transactions, reported as excluded with the reason given.
COMMON_SUMMARY: tuple[tuple[str, str], ...] = (
    (r"(?i)^(?:previous|opening|last statement)\s+balance\b", "balance"),
    (r"(?i)^(?:new|closing|statement)\s+balance\b", "balance"),
    (r"(?i)^(?:total\s+)?payments?(?:,| and)?\s*(?:other\s+)?credits?\b(?!.*thank)", "summary"),
    (r"(?i)^(?:total\s+)?payments?\s+(?:received|total)\b", "summary"),
    (r"(?i)^(?:purchases|cash advances?|balance transfers?|fees charged|interest charged|other charges)\b"
     r"(?!.*\d{1,2}/\d{1,2}).*\d$", "summary"),
    (r"(?i)^(?:minimum|min\.?)\s+(?:payment|amount)\s*(?:due)?\b", "summary"),
    (r"(?i)^(?:credit limit|available credit|credit available|cash (?:advance )?limit)\b", "summary"),
    (r"(?i)^total\b", "total"),
    (r"^(?:前回|前月)(?:ご)?請求(?:額|金額)", "balance"),
    (r"^(?:今回|前回)?(?:ご)?入金(?:額|金額)", "summary"),
    (r"^(?:今回の?)?(?:ご)?請求(?:金)?額", "total"),
    (r"^(?:今回)?(?:お)?支払(?:い)?(?:金)?額", "total"),
    (r"^(?:今回|当月)(?:ご)?利用(?:金)?額", "summary"),
    (r"^(?:ご)?利用(?:金)?額合計|^(?:ショッピング|キャッシング)(?:ご利用)?合計|^合計", "total"),
    (r"^(?:ご)?利用可能(?:額|枠)|^(?:ご)?利用(?:限度|枠)", "summary"),
    (r"^(?:次回|翌月以降)(?:お支払|繰越)", "balance"),
)

# Descriptions that mark a negative line as a payment rather than a refund; positive fee lines.
PAYMENT_WORDS = (r"(?i)payment|thank you|autopay|direct debit|pagamento|\bpago\b|zahlung|paiement|règlement|betaling"
                 r"|お支払|ご入金|入金|口座振替")
FEE_WORDS = r"(?i)\bfee\b|interest charge|finance charge|年会費|手数料|利息"


@dataclass(frozen=True)
class PdfLayout:
    """How one issuer's PDF statement is laid out."""

    name: str  # short id shown in parse reports, e.g. "minato"
    title: str
    currency: str | None  # billing currency; None = guess from the text
    detect: str = ""  # regex searched in the text of page 1; empty = never detected (generic)
    # A transaction line: regex with groups date, description, amount and optionally posting_date,
    # cardholder. Used when ``columns`` is empty.
    line: str | None = None
    # Alternative to ``line``: role -> (x0, x1) in points from the page's left edge. A text run belongs
    # to the column holding its left edge. Roles: date, posting_date, cardholder, description, amount.
    columns: dict[str, tuple[float, float]] = field(default_factory=dict)
    # How transaction dates print: "md" (12/14), "dm" (14/12), "jp_md" (12月14日), "d_mon" (14 Dec),
    # "mon_d" (Dec 14) or "auto" (decided from the data; numeric dates read month first when ambiguous).
    date_style: str = "auto"
    charges_negative: bool = False  # True when charges print negative and credits positive
    period: str = PERIOD  # regex with groups start and end (dates with years)
    total: str | None = None  # regex with groups label and amount: the printed total to reconcile
    total_of: str = "all"  # what the printed total adds up: "all", "charges" (> 0) or "no_payments"
    foreign: tuple[str, ...] = FOREIGN_LINES
    skip: tuple[str, ...] = ()  # extra page furniture (issuer name, statement title...)
    summary: tuple[tuple[str, str], ...] = ()  # extra (regex, reason) summary lines
    card: str | None = None  # regex with group card (a masked card number printed in the header)
    issuer: str = ""  # the card company as its customers write to it (a dispute letter is addressed to it)
    country: str = ""  # ISO country of the issuer, e.g. "JP"
    notes: str = ""


_AMT = r"(?P<amount>" + AMOUNT + r")" + r"(?P<amount_tail>" + AMOUNT_TAIL + r")"

MINATO = PdfLayout(
    name="minato",
    title="Minato Card (みなとカード, fictional) ご利用代金明細書 PDF",
    issuer="みなとカード",
    country="JP",
    currency="JPY",
    detect=r"みなとカード.*ご利用代金明細",
    columns={
        "date": (30.0, 92.0),
        "cardholder": (92.0, 130.0),
        "description": (130.0, 350.0),
        "amount": (350.0, 430.0),
        "plan": (430.0, 480.0),
        "billed": (480.0, 580.0),
    },
    date_style="jp_md",
    total=r"^(?P<label>ご請求金額)\s*(?P<amount>[\d,，]+)\s*円$",
    total_of="all",
    skip=(r"^みなとカード\s*ご利用代金明細書$", r"^(?:お客様番号|カード番号|カード名称)"),
    card=r"カード番号\s*(?P<card>[\d*＊]{4}-[\d*＊]{4}-[\d*＊]{4}-[\d*＊]{4})",
    notes=(
        "Fictional issuer written by scripts/make_sample_pdfs.py in the shape of Japanese card statements: "
        "summary box (前回ご請求額, ご入金額, 今回ご利用額, ご請求金額, お支払日) on page 1, columns ご利用日 "
        "(M月D日, no year), ご利用者, ご利用店名, ご利用金額, 支払区分, 今回ご請求額; wrapped merchant names; "
        "foreign use followed by '現地通貨額 29.99 USD 換算レート 152.340'; refunds printed with a minus."
    ),
)

HARBOR = PdfLayout(
    name="harbor",
    title="Harbor Bank Rewards Visa (fictional, US) PDF",
    issuer="Harbor Bank",
    country="US",
    currency="USD",
    detect=r"(?i)harbor bank rewards",
    line=(
        r"^(?P<date>" + DATE_MD + r")\s+(?P<posting_date>" + DATE_MD + r")\s+(?P<description>.+?)\s+" + _AMT + r"$"
    ),
    date_style="md",
    total=r"(?i)^(?P<label>total purchases for this period)\s*(?P<amount>\$?[\d,]+\.\d{2})$",
    total_of="charges",
    skip=(r"(?i)^harbor bank rewards visa", r"(?i)^account (?:number|ending)", r"(?i)^(?:payments and other credits|purchases)$"),
    card=r"(?i)account (?:number|ending(?: in)?)\s*[:：]?\s*(?P<card>[\d*X ]{4,19}\d{4})",
    notes=(
        "Fictional issuer in the shape of US card statements: account summary box, 'Statement period: "
        "Dec 12, 2025 - Jan 11, 2026', sections PAYMENTS AND OTHER CREDITS / PURCHASES, lines "
        "'MM/DD MM/DD description amount' (payments negative), wrapped descriptions, foreign second line "
        "'EUR 39.95 RATE 1.08420', 'Total purchases for this period', 'Page x of y' footers."
    ),
)

THISTLE = PdfLayout(
    name="thistle",
    title="Thistle Card (fictional, UK) PDF",
    issuer="Thistle Card",
    country="GB",
    currency="GBP",
    detect=r"(?i)thistle card",
    line=(
        r"^(?P<date>" + DATE_D_MON + r")\s+(?P<posting_date>" + DATE_D_MON + r")\s+(?P<description>.+?)\s+"
        + _AMT + r"$"
    ),
    date_style="d_mon",
    total=r"(?i)^(?P<label>total new transactions)\s*(?P<amount>£?[\d,]+\.\d{2})$",
    total_of="no_payments",
    skip=(r"(?i)^thistle card\b", r"(?i)^card number", r"(?i)^your transactions$"),
    card=r"(?i)card number\s*[:：]?\s*(?P<card>[\d* ]{4,19}\d{4})",
    notes=(
        "Fictional issuer in the shape of UK card statements: 'Statement period 12 December 2025 to 11 "
        "January 2026', lines 'DD Mon DD Mon description amount' with credits as '500.00 CR', foreign second "
        "line 'USD 29.99 @ 0.79300', 'Total new transactions' printed at the end."
    ),
)

GENERIC = PdfLayout(
    name="generic",
    title="Any PDF statement (a line starting with one or two dates and ending with an amount)",
    currency=None,
    date_style="auto",
    notes="Statements no layout describes, read by audit.readers.pdf.generic; no printed total is reconciled.",
)

PDF_LAYOUTS: tuple[PdfLayout, ...] = (MINATO, HARBOR, THISTLE)
