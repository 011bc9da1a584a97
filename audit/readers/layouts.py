"""Issuer CSV layouts as small declarative specs, interpreted by :mod:`audit.readers.csv_reader`.

Each spec's ``notes`` says which public material its facts come from and what is still uncertain.
Header names are compared after NFKC, so full-width brackets in Japanese headers match either way.
Detection sets are chosen so that no spec matches another spec's sample (``tests/test_layouts.py``).
"""

from __future__ import annotations

from audit.readers.spec import ExcludeRule, LayoutSpec

# --------------------------------------------------------------------------------------------- Japan

RAKUTEN = LayoutSpec(
    name="rakuten",
    title="Rakuten Card (楽天カード) e-NAVI CSV",
    issuer="楽天カード",
    country="JP",
    currency="JPY",
    detect=("利用日", "利用店名・商品名", "利用者", "支払方法", "利用金額"),
    columns={
        "date": ("利用日",),
        "description": ("利用店名・商品名",),
        "cardholder": ("利用者",),
        "amount": ("利用金額",),
    },
    encoding="utf-8-sig",
    date_formats=("%Y/%m/%d",),
    foreign_second_line=True,
    refund_section=r"ご利用キャンセル",
    notes=(
        "Header row from REFERENCES.md and several public importers' test data: UTF-8 with BOM, every field "
        "quoted, month names inside two column names ('6月支払金額', '7月繰越残高'); newer exports call "
        "the fee column '手数料/利息' instead of '支払手数料' and some add '当月請求額' (neither is used "
        "here). Foreign use: the name ends in '利用国USA' and the next, undated row reads "
        "'現地利用額 ５．０００変換レート １６１．０００円' in full-width digits with no currency code. "
        "Cancellations follow a '■ご利用キャンセルなど' row; one public importer says their amounts are "
        "printed positive, another shows a negative one (uncertain: the engine only flips positives)."
    ),
)

VPASS = LayoutSpec(
    name="vpass",
    title="SMBC Vpass family (三井住友カード, GOLD POINT CARD+) CSV",
    issuer="三井住友カード",
    country="JP",
    currency="JPY",
    detect_first_line=r"^[^,]*様\s*,[0-9*]{4}-[0-9*]{4}-[0-9*]{4}-[0-9*]{3,4},",
    positions={"date": 0, "description": 1, "amount": 2, "notes": 6},
    encoding="cp932",
    date_formats=("%Y/%m/%d",),
    foreign_notes=r"(?P<amount>[0-9][0-9,]*(?:\.[0-9]+)?)\s+(?P<currency>[A-Z]{3})\s+(?P<rate>[0-9]+(?:\.[0-9]+)?)",
    notes=(
        "From REFERENCES.md and the GOLD POINT CARD+ test CSVs of yukihiko-shinoda/zaim-csv-converter (MIT): "
        "cp932, no header; line 1 '<name> 様,1234-5678-9012-3***,<card name>'; rows "
        "date (YYYY/M/D, not zero-padded), merchant, amount, instalments, this-time count (full-width "
        "digits), payment amount, notes. Foreign notes look like '0.60　USD　110.712　07 03' "
        "(amount, currency, rate, month day). Returns carry a negative amount and '返品' in the notes. "
        "The last line holds only the statement total in the sixth field (',,,,,14924,'); REFERENCES.md "
        "writes it ',,,,,TOTAL,'. Several cards in one file repeat the name line (not covered here)."
    ),
)

VIEW = LayoutSpec(
    name="view",
    title="VIEW Card (ビューカード) VIEW's NET CSV",
    issuer="ビューカード",
    country="JP",
    currency="JPY",
    detect=("ご利用年月日", "ご利用箇所", "ご利用額", "払戻額"),
    columns={
        "date": ("ご利用年月日",),
        "description": ("ご利用箇所",),
        "amount": ("ご利用額",),
        "credit": ("払戻額",),
        "original_amount": ("現地通貨額",),
        "original_currency": ("通貨略称",),
        "rate": ("換算レート",),
    },
    encoding="cp932",
    date_formats=("%Y/%m/%d",),
    notes=(
        "Header from REFERENCES.md and view_card202005.csv in yukihiko-shinoda/zaim-csv-converter: "
        "Shift_JIS, five preamble lines (会員番号 with a masked card, 対象カード, お支払日, "
        "今回お支払金額, blank), then the header and a '****-****-****-1234 <name>' line before the rows. "
        "Amounts use thousands commas inside quotes; the currency field is blank-padded ('   ') for "
        "domestic rows. Refunds in the 払戻額 column are an assumption from the column name "
        "(no public sample shows one)."
    ),
)

SAISON = LayoutSpec(
    name="saison",
    title="Saison Card (セゾンカード) Netアンサー CSV",
    issuer="セゾンカード",
    country="JP",
    currency="JPY",
    detect=("利用日", "ご利用店名及び商品名", "本人・家族区分", "支払区分名称"),
    columns={
        "date": ("利用日",),
        "description": ("ご利用店名及び商品名",),
        "cardholder": ("本人・家族区分",),
        "amount": ("利用金額",),
        "notes": ("備考",),
    },
    encoding="cp932",
    date_formats=("%Y/%m/%d",),
    exclude=(ExcludeRule("description", r"^\s*ご利用者名\s*:", "section heading"),),
    notes=(
        "Header from REFERENCES.md; file structure from a public requirements document describing a real "
        "Netアンサー export: cp932, three metadata lines (カード名称, お支払日, 今回ご請求額 as a "
        "zero-padded number), a blank line, the header, then per-cardholder sections opened by "
        "',ご利用者名:<name> 様,...' and closed by ',【小計】,,,,N,' and ',【合計】,,,,N,'. "
        "How foreign amounts are shown (probably in 備考) is not known: the sample prints yen only."
    ),
)

EPOS = LayoutSpec(
    name="epos",
    title="EPOS Card (エポスカード) 月別ご利用明細 CSV",
    issuer="エポスカード",
    country="JP",
    currency="JPY",
    detect=("種別(ショッピング、キャッシング、その他)", "ご利用年月日", "ご利用場所"),
    columns={
        "type": ("種別(ショッピング、キャッシング、その他)",),
        "date": ("ご利用年月日",),
        "description": ("ご利用場所",),
        "amount": ("re:^ご利用金額",),
        "notes": ("備考",),
    },
    encoding="cp932",
    date_formats=("%Y年%m月%d日",),
    notes=(
        "Header from REFERENCES.md and public EPOS importers' tests: Shift_JIS, a title line "
        "'月別ご利用明細 <name> 様 ご利用期間:... 株式会社エポスカード,,,,,,,', dates like "
        "'2026年1月10日', ご利用内容 '－', and a 'ショッピング合計,,,,N,,,' line in the type column. "
        "An older 7-column export (ご利用金額, お支払金額 columns, 'お支払合計額' line) also exists. "
        "How a refund is printed is not documented: the sample uses a negative amount with type "
        "ショッピング and '返品' in ご利用内容 (an assumption)."
    ),
)

JCB = LayoutSpec(
    name="jcb",
    title="JCB (MyJCB) ご利用明細 CSV",
    issuer="JCB",
    country="JP",
    currency="JPY",
    detect=("ご利用者", "カテゴリ", "ご利用日", "ご利用先など"),
    columns={
        "cardholder": ("ご利用者",),
        "type": ("カテゴリ",),
        "date": ("ご利用日",),
        "description": ("ご利用先など",),
        "amount": ("re:^ご利用金額",),
        "notes": ("摘要",),
    },
    encoding="cp932",
    date_formats=("%Y/%m/%d",),
    notes=(
        "Header listed unattributed in REFERENCES.md and confirmed by several public JCB importers' test "
        "data: cp932, all fields quoted, preamble lines '\"\",\"\",\"今回のお支払日\",\"2026/07/10\"', "
        "'今回のお支払金額合計(￥)', domestic/overseas subtotals and '\"【ご利用明細】\"'; ご利用者 holds "
        "the masked card and holder name, カテゴリ '≪ショッピング取組（国内）≫', dates have a leading "
        "space, amounts use thousands commas. How 摘要 shows a foreign amount, and how refunds are "
        "printed, are not known: the sample prints overseas rows in yen only and refunds as negative."
    ),
)

AEON = LayoutSpec(
    name="aeon",
    title="AEON Card (イオンカード) ご利用明細 CSV",
    issuer="イオンカード",
    country="JP",
    currency="JPY",
    detect=("ご利用日", "利用者区分", "ご利用先", "支払方法"),
    columns={
        "date": ("ご利用日",),
        "cardholder": ("利用者区分",),
        "description": ("ご利用先",),
        "amount": ("ご利用金額",),
        "notes": ("備考",),
    },
    encoding="cp932",
    date_formats=("%y%m%d",),
    notes=(
        "Header listed unattributed in REFERENCES.md (two unnamed columns between 支払方法 and "
        "ご利用金額) and confirmed by public importers' tests: Shift_JIS, preamble ご利用カード, "
        "今回ご請求金額, お支払い日 ('2025年 1月 6日'), 'ご利用明細'; dates are YYMMDD ('241130'); 備考 "
        "in full-width text; a second section '分割・ボーナス払い明細' with its own header follows. "
        "Undated negative '会員値引' lines exist in real files (not in the sample: they would be "
        "reported as problems). Foreign-amount format unknown: the sample prints yen only."
    ),
)

PAYPAY = LayoutSpec(
    name="paypay",
    title="PayPay Card CSV",
    issuer="PayPayカード",
    country="JP",
    currency="JPY",
    detect=("利用日/キャンセル日", "利用店名・商品名", "支払区分"),
    columns={
        "date": ("利用日/キャンセル日",),
        "description": ("利用店名・商品名",),
        "cardholder": ("利用者",),
        "amount": ("利用金額",),
    },
    encoding="utf-8",
    date_formats=("%Y/%m/%d",),
    notes=(
        "Header from REFERENCES.md and pay_pay_card_202208.csv in yukihiko-shinoda/zaim-csv-converter: "
        "UTF-8 without BOM, every field quoted, dates not zero-padded ('2022/7/29'), 利用者 '本人*', "
        "支払区分 '1回', last column the payment date. Cancellations use the cancel date; printing them "
        "as negative amounts is an assumption. Foreign-amount format unknown: the sample prints yen only."
    ),
)

# ------------------------------------------------------------------------------------------ United States

CHASE = LayoutSpec(
    name="chase",
    title="Chase credit card activity CSV",
    issuer="Chase",
    country="US",
    currency="USD",
    detect=("Transaction Date", "Post Date", "Description", "Category", "Type", "Amount", "Memo"),
    columns={
        "date": ("Transaction Date",),
        "posting_date": ("Post Date",),
        "description": ("Description",),
        "type": ("Type",),
        "amount": ("Amount",),
        "notes": ("Memo",),
    },
    encoding="utf-8",
    date_formats=("%m/%d/%Y",),
    charges_negative=True,
    kind_map={r"(?i)^sale$": "charge", r"(?i)^return$": "refund", r"(?i)^payment$": "payment", r"(?i)^fee$": "fee"},
    notes=(
        "Header from REFERENCES.md and public importers (beancount/hledger users): MM/DD/YYYY, purchases "
        "negative, payments and returns positive, Type one of Sale / Return / Payment / Fee / Adjustment. "
        "Foreign purchases are shown in USD only."
    ),
)

AMEX = LayoutSpec(
    name="amex",
    title="American Express (US) activity CSV",
    issuer="American Express",
    country="US",
    currency="USD",
    detect=("Date", "Description", "Card Member", "Account #", "Amount"),
    columns={
        "date": ("Date",),
        "description": ("Description",),
        "cardholder": ("Card Member",),
        "card": ("Account #",),
        "amount": ("Amount",),
        "notes": ("Extended Details",),
    },
    encoding="utf-8",
    date_formats=("%m/%d/%Y",),
    notes=(
        "Header from REFERENCES.md and public importers: MM/DD/YYYY, charges positive, credits negative, "
        "'Account #' holds the last digits ('-41006'); the long export adds Extended Details (may span "
        "several lines inside quotes), Appears On Your Statement As, Address, City/State, Zip Code, "
        "Country, Reference, Category. The wording of foreign-spend details is not confirmed, so no "
        "foreign amount is read."
    ),
)

CAPITAL_ONE = LayoutSpec(
    name="capital_one",
    title="Capital One credit card CSV",
    issuer="Capital One",
    country="US",
    currency="USD",
    detect=("Transaction Date", "Posted Date", "Card No.", "Description", "Debit", "Credit"),
    columns={
        "date": ("Transaction Date",),
        "posting_date": ("Posted Date",),
        "card": ("Card No.",),
        "description": ("Description",),
        "debit": ("Debit",),
        "credit": ("Credit",),
    },
    encoding="utf-8",
    date_formats=("%Y-%m-%d",),
    notes=(
        "Header from REFERENCES.md and public importers (e.g. mendelmaleh/pfin, beancount-capitalone): "
        "ISO dates, 'Card No.' the last four digits, unsigned Debit (charges) and Credit (payments, "
        "refunds) columns."
    ),
)

CITI = LayoutSpec(
    name="citi",
    title="Citi credit card CSV",
    issuer="Citi",
    country="US",
    currency="USD",
    detect=("Status", "Date", "Description", "Debit", "Credit"),
    columns={
        "status": ("Status",),
        "date": ("Date",),
        "description": ("Description",),
        "debit": ("Debit",),
        "credit": ("Credit",),
        "cardholder": ("Member Name",),
    },
    encoding="utf-8",
    date_formats=("%m/%d/%Y",),
    # "Pending" rows are charges already made on the card: counted (the generic reader leaves pending
    # bank rows out), only declined and reversed ones are excluded
    exclude_status=r"(?i)declined|reverted|failed|rejected|cancell?ed|void",
    notes=(
        "Header unattributed in REFERENCES.md; public importers show 'Status,Date,Description,Debit,"
        "Credit,Member Name' with Status 'Cleared', MM/DD/YYYY, and credits printed negative in the "
        "Credit column (the engine takes absolute values, so either sign reads the same). Pending rows "
        "are counted as charges."
    ),
)

DISCOVER = LayoutSpec(
    name="discover",
    title="Discover card CSV",
    issuer="Discover",
    country="US",
    currency="USD",
    detect=("Trans. Date", "Post Date", "Description", "Amount", "Category"),
    columns={
        "date": ("Trans. Date",),
        "posting_date": ("Post Date",),
        "description": ("Description",),
        "amount": ("Amount",),
    },
    encoding="utf-8",
    date_formats=("%m/%d/%Y",),
    notes=(
        "Header from REFERENCES.md: MM/DD/YYYY, purchases positive, payments and credits negative with "
        "Category 'Payments and Credits' (category wording from public importers; not verified)."
    ),
)

BANK_OF_AMERICA = LayoutSpec(
    name="bank_of_america",
    title="Bank of America credit card CSV",
    issuer="Bank of America",
    country="US",
    currency="USD",
    detect=("Posted Date", "Reference Number", "Payee", "Address", "Amount"),
    columns={
        "date": ("Posted Date",),
        "description": ("Payee",),
        "amount": ("Amount",),
    },
    encoding="utf-8",
    date_formats=("%m/%d/%Y",),
    charges_negative=True,
    notes=(
        "Header unattributed in REFERENCES.md: MM/DD/YYYY posted dates only (no use date: the posted "
        "date is read as the date), purchases negative, payments positive, a long Reference Number. "
        "Not checked against a public sample."
    ),
)

# --------------------------------------------------------------------------------------- United Kingdom / EU

BARCLAYCARD = LayoutSpec(
    name="barclaycard",
    title="Barclaycard (UK) transactions CSV",
    issuer="Barclaycard",
    country="GB",
    currency="GBP",
    detect_first_line=r"^\d{1,2} [A-Z][a-z]{2} \d{2},",
    positions={"date": 0, "description": 1, "cardholder": 2, "card": 3, "credit": 5, "debit": 6},
    encoding="utf-8",
    date_formats=("%d %b %y",),
    dayfirst=True,
    notes=(
        "From the public Firefly III import configuration gb/barclaycard/default.json: no header, seven "
        "columns, dates 'd M y' ('14 May 26'), column 1 description, column 5 category, column 6 money in "
        "(credit), column 7 money out (debit). Columns 3 and 4 are ignored there and their content is "
        "not documented: the sample puts the cardholder and a masked card in them (an assumption)."
    ),
)

MONZO = LayoutSpec(
    name="monzo",
    title="Monzo transactions CSV",
    issuer="Monzo",
    country="GB",
    currency="GBP",
    detect=("Transaction ID", "Date", "Time", "Type", "Name", "Emoji", "Category", "Amount"),
    columns={
        "date": ("Date",),
        "type": ("Type",),
        "description": ("Description",),
        "amount": ("Amount",),
        "currency": ("Currency",),
        "original_amount": ("Local amount",),
        "original_currency": ("Local currency",),
        "notes": ("Notes and #tags",),
    },
    encoding="utf-8",
    date_formats=("%d/%m/%Y",),
    dayfirst=True,
    charges_negative=True,
    notes=(
        "Header from REFERENCES.md and many public importers' fixtures: DD/MM/YYYY plus a Time column, "
        "spending negative, Local amount / Local currency for foreign spending (also negative), Type "
        "'Card payment', 'Faster payment', 'Pot transfer', 'Direct Debit'. Description holds the raw card "
        "descriptor ('NETFLIX.COM ...'), Name the cleaned merchant name; the descriptor is read."
    ),
)

REVOLUT = LayoutSpec(
    name="revolut",
    title="Revolut account statement CSV",
    issuer="Revolut",
    country="GB",
    currency="EUR",
    detect=("Type", "Product", "Started Date", "Completed Date", "Description", "Amount", "Fee", "Currency", "State"),
    columns={
        "type": ("Type",),
        "date": ("Started Date",),
        "posting_date": ("Completed Date",),
        "description": ("Description",),
        "amount": ("Amount",),
        "currency": ("Currency",),
        "status": ("State",),
    },
    encoding="utf-8",
    date_formats=("%Y-%m-%d %H:%M:%S",),
    charges_negative=True,
    exclude_status=r"(?i)^\s*(?:declined|reverted|failed)\s*$",
    notes=(
        "Header from REFERENCES.md and public importers' fixtures: 'YYYY-MM-DD HH:MM:SS' Started / "
        "Completed dates (Completed empty for pending, declined and reverted rows), spending negative, "
        "State COMPLETED / PENDING / DECLINED / REVERTED (declined and reverted are excluded), Type "
        "'CARD_PAYMENT', 'CARD_REFUND', 'TOPUP', 'TRANSFER' (older exports: 'Card Payment', 'Topup'). "
        "The issuer country is GB for UK accounts; EU accounts come from Revolut Bank UAB (LT). The "
        "billing currency is the Currency column; the default here is EUR."
    ),
)

LAYOUTS: list[LayoutSpec] = [
    RAKUTEN,
    VPASS,
    VIEW,
    SAISON,
    EPOS,
    JCB,
    AEON,
    PAYPAY,
    CHASE,
    AMEX,
    CAPITAL_ONE,
    CITI,
    DISCOVER,
    BANK_OF_AMERICA,
    BARCLAYCARD,
    MONZO,
    REVOLUT,
]
