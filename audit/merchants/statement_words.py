"""Words that banks and card networks print around a merchant's name, not part of any name.

A bank statement line often wraps the card network's descriptor: ``CB RESTORO 04/11 24,99 GBP``
(France), ``Kartenzahlung ...`` (Germany), ``BEA NR:... ,PAS245`` (the Netherlands), ``PURCHASE
AUTHORIZED ON 10/27 ... CARD 4821`` (US), ``... ON 12 MAR BCC`` (UK), ``...利用国USA`` (Japan). The
parser (:mod:`audit.merchants.parse`) takes such words as wrapper only at the start or the end of a
descriptor, next to dates, amounts, masked card numbers and references, never in the middle of a name.

The vocabulary is by language, written from how statements in each country label a card payment,
a purchase, a debit or a foreign-currency conversion; add a language's words here, never one
merchant's text.
"""

from __future__ import annotations

WRAPPER_WORDS = frozenset("""
PURCHASE PURCHASES AUTHORIZED AUTHORISED AUTH ON TO CARD CARDS DEBIT CREDIT CHECKCARD CHECK POS PAYMENT PMT
RECURRING TRANSACTION TRX TXN TRN VISA MASTERCARD MC AMEX DBT CRD PUR PURCH CONTACTLESS
INTL INTERNATIONAL FOREIGN FX EXCHANGE RATE VRATE MRATE FEE FEES CHG CHARGE COMM COMMISSION CONV CONVERSION
MARKUP STERLING BCC CD DDR SO DD VALUE DATE
CB CARTE FACTURE DU PAIEMENT PAR PRLV ACHAT CARTEBANCAIRE
KARTENZAHLUNG KARTE KARTENZAHL LASTSCHRIFT GIROCARD KURS UMSATZ ZAHLUNG EC
BEA GEA BETAALAUTOMAAT BETAALPAS PAS BETALING NR
COMPRA TARJ TARJETA PAGO CON
PAGAMENTO CARTA ACQUISTO
TRANSAKCJA KARTA PLATNOSC KARTY ZAKUP
KORTKOP KORTBETALNING KORTTRANSAKTION DANKORT VARER BETALT KORTMAKSU OSTO
CARTAO
""".split())

# Japanese statement words (compared after NFKC): country of use, overseas use, local currency
JP_WRAPPER_WORDS = ("利用国", "海外利用", "海外", "現地利用額", "現地通貨", "換算レート", "利用", "ご利用", "返品", "取消")

# Japanese and other corporate markers, read as a corporate suffix
JP_CORPORATE = ("株式会社", "有限会社", "合同会社", "(株)", "(有)", "(同)", "カブシキガイシャ", "ユウゲンガイシャ")

# Words that label the reference number after them (REIMAGE PLUS INV 2019-448213)
REF_LABELS = frozenset("""
INV INVOICE ORD ORDER REF REFERENCE NO NR NUM NUMBER ID TRX TXN AUTH CONF CONFIRMATION ACCT CUST CUSTOMER
RECHNUNG BESTELLUNG FACTURE COMMANDE FACTURA PEDIDO FATTURA ORDINE
""".split())

MONTHS = frozenset("""
JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC
JANV FEVR FEV MARS AVR MAI JUIN JUIL AOUT SEPT OCT NOV DEC
JANUAR FEBRUAR MAERZ MARZ MRZ APRIL JUNI JULI OKT DEZ
ENE ABR AGO DIC GEN MAG GIU LUG SET OTT
""".split())

CORPORATE = frozenset("""
LLC INC LTD LIMITED PVT PRIVATE CORP CORPORATION CO GMBH LLP PLC SARL BV AG DBA COMPANY INCORPORATED
SAS SRL PTY PTE OY NV KK LTDA LP
""".split())

# The same legal form written short or in full (Inc. = Incorporated): one suffix for matching
LEGAL_FORM_SPELLINGS = (("INC", "INCORPORATED"), ("CORP", "CORPORATION"), ("LTD", "LIMITED"), ("PVT", "PRIVATE"),
                        ("CO", "COMPANY"))


def legal_form_spellings(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` (corporate suffixes) with the other spellings of the same legal forms added."""
    out = list(words)
    for group in LEGAL_FORM_SPELLINGS:
        if any(w in group for w in words):
            out.extend(g for g in group if g not in out)
    return tuple(out)
