"""PayPal activity exports ("Activity download" CSV) in English, German and Japanese.

One row per payment names the real merchant in ``Name``; ``Gross`` is negative for money sent.
PayPal also writes its own bookkeeping rows beside a payment: the card or bank funding that paid for
it (``General Card Deposit``, ``Bank Deposit to PP Account``, ``クレジットカードによる一般の入金``),
currency conversions, holds and withdrawals. Those are not purchases: they are excluded and listed in
the parse report ("PayPal funding or transfer"), so a payment is never counted twice.
"""

from __future__ import annotations

from audit.readers.spec import ExcludeRule, LayoutSpec

# PayPal's own movements of money (funding, conversion, holds, withdrawals), in the three languages.
FUNDING_TYPES = (
    r"(?i)deposit|currency conversion|withdrawal|transfer to bank|\bhold\b|authori[sz]ation"
    r"|währungsumrechnung|bankgutschrift|einzahlung|abbuchung|einbehaltung|autorisierung|umbuchung"
    r"|入金|両替|引き出し|引出|保留|承認"
)
_EXCLUDE = (ExcludeRule("type", FUNDING_TYPES, "PayPal funding or transfer"),)
_NOTES = (
    "PayPal activity download; header as in the public importers' fixtures (beancount-paypal's English "
    "and German test files, zaim-csv-converter's Japanese one). Gross negative for money out; funding, "
    "conversion and hold rows excluded and reported."
)

PAYPAL_EN = LayoutSpec(
    name="paypal",
    title="PayPal activity download (English)",
    issuer="PayPal",
    country="",
    currency="unknown",
    detect=("Name", "Type", "Status", "Currency", "Gross", "Fee", "Net"),
    columns={
        "date": ("Date",),
        "description": ("Name",),
        "type": ("Type",),
        "status": ("Status",),
        "currency": ("Currency",),
        "amount": ("Gross",),
        "notes": ("Item Title", "Subject"),
    },
    charges_negative=True,
    exclude=_EXCLUDE,
    notes=_NOTES,
)

PAYPAL_DE = LayoutSpec(
    name="paypal-de",
    title="PayPal Aktivitäten-Download (Deutsch)",
    issuer="PayPal",
    country="DE",
    currency="EUR",
    detect=("Name", "Typ", "Status", "Währung", "Brutto", "Gebühr", "Netto"),
    columns={
        "date": ("Datum",),
        "description": ("Name",),
        "type": ("Typ",),
        "status": ("Status",),
        "currency": ("Währung",),
        "amount": ("Brutto",),
        "notes": ("Artikelbezeichnung", "Betreff"),
    },
    dayfirst=True,
    charges_negative=True,
    exclude=_EXCLUDE,
    notes=_NOTES,
)

PAYPAL_JA = LayoutSpec(
    name="paypal-ja",
    title="PayPal 取引履歴ダウンロード (日本語)",
    issuer="PayPal",
    country="JP",
    currency="JPY",
    detect=("名前", "タイプ", "ステータス", "通貨", "合計", "手数料", "正味"),
    columns={
        "date": ("日付",),
        "description": ("名前",),
        "type": ("タイプ",),
        "status": ("ステータス",),
        "currency": ("通貨",),
        "amount": ("合計",),
        "notes": ("商品タイトル", "件名"),
    },
    charges_negative=True,
    exclude=_EXCLUDE,
    notes=_NOTES,
)

# Checked against the real PayPal files in tests/data/real (not a fictional sample, unlike LAYOUTS).
PAYPAL_LAYOUTS = [PAYPAL_EN, PAYPAL_DE, PAYPAL_JA]
