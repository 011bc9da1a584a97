"""A bank's transaction-type phrase inside a description cell, told apart from the counterparty.

Some bank exports print one text per row that joins what the bank adds to whom the money went:
``POS PURCHASE (EFFEC 17082020) SOME SHOP CARD NO. 1234`` or a type padded to a fixed width,
``AIRTIME DEBIT          (  1,50 ) CARD NO. 1234 Phone Co: 0123456789``. A reader of the statement sees
the counterparty (``SOME SHOP``, ``Phone Co``). :func:`counterparties` finds the type phrase from the
evidence of the whole column, never from one file's strings:

* the phrase holds a transaction-type word of a small multilingual vocabulary (payment, purchase,
  debit, Lastschrift, virement, compra, bonifico, przelew ...) and ends on one (or on a connector
  such as *to*, *from*, *an*, *de*: ``PAYMENT TO``);
* and it is a field: the same leading phrase opens several different texts of the file, followed by
  varied text (a type shared by rows, not a merchant's name), or it is a padded fixed-width first
  field (made of type words only, or shared so).

The cell must also be a record the bank composed: padded fields, bracketed effective dates or fee
amounts (``(EFFEC 17082020)``, ``(  1,50 )``), a card number (``CARD NO. 1234``, ``Karte 1234``) or a
reference or phone number after a colon at the end; these go with the type phrase, and the rest must
open with a name (not an amount, a time or an id). A text a person would write (``Transfer to
Savings``, ``PAGO NOMINA``) is kept whole: there the type word is part of what it says. The cell as
printed stays available (the reader keeps it in ``description_printed``, :data:`audit.schema.PRINTED`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

# Words that say what kind of movement a row is (upper case, accents kept and also folded away).
TYPE_WORDS = frozenset("""
    PAYMENT PAYMENTS PURCHASE PURCHASES POS DEBIT CREDIT TRANSFER TRANSFERS REFUND FEE FEES CHARGE CHARGES
    WITHDRAWAL DEPOSIT CARD EFT ACH ATM REVERSAL INTEREST DIRECT STANDING ORDER SETTLEMENT BILL CHEQUE CHECK
    LASTSCHRIFT ÜBERWEISUNG UEBERWEISUNG GUTSCHRIFT KARTENZAHLUNG DAUERAUFTRAG ABBUCHUNG ENTGELT KARTE
    BARGELDAUSZAHLUNG ZAHLUNG
    PAIEMENT VIREMENT PRELEVEMENT PRÉLÈVEMENT CARTE ACHAT RETRAIT REMBOURSEMENT CB
    COMPRA PAGO TRANSFERENCIA RECIBO TARJETA CARGO ABONO RETIRADA DEVOLUCION DEVOLUCIÓN
    PAGAMENTO CARTAO CARTÃO DEBITO DÉBITO CREDITO CRÉDITO LEVANTAMENTO
    BONIFICO ADDEBITO ACCREDITO PRELIEVO CARTA
    BETALING OVERBOEKING INCASSO PINBETALING BETAALAUTOMAAT GELDAUTOMAAT
    KORTKJØP KORTKÖP OVERFØRING ÖVERFÖRING KORTTIOSTO TILISIIRTO
    PRZELEW PLATNOSC PŁATNOŚĆ KARTA WYPLATA WYPŁATA ZAKUP
""".split())
# Little words that join a type to its counterparty (PAYMENT TO, Überweisung an, virement de).
CONNECTORS = frozenset("TO FROM AT FOR VON AN NACH DE DU POUR PARA AL A À NAAR VAN TIL FRA TILL FRÅN DO OD".split())

_BRACKETED = re.compile(r"\(\s*(?:[^\W\d_]{2,8}\.?\s+)?\d[\d\s.,/:\-]*\)")  # (EFFEC 17082020), (  1,50 )
_CARD_NO = re.compile(
    r"(?i)\b(?:card|karte|carte|tarjeta|cart[aã]o|carta|kort|kaart|karta)\s*"
    r"(?:no|nr|num|number|nummer|numero|número|n°|#)?\.?\s*:?\s*[0-9*xX•]{4}(?:[\s\-]?[0-9*xX•]{4}){0,3}\b")
_COLON_NUMBER_TAIL = re.compile(r"\s*:\s*\+?\d[\d\s\-]{5,}\d\s*$")  # "Phone Co: 0123456789"
_PADDED_FIELD = re.compile(r"^(\S+(?: \S+)*?) {3,}\S")
_SPACE = re.compile(r"\s+")
MAX_PHRASE = 6  # words a type phrase may have before its type word
TYPE_PATTERN = "(?i)(?:^|[^\\w])(?:" + "|".join(sorted(TYPE_WORDS, key=len, reverse=True)) + ")(?:[^\\w]|$)"


def _fold(token: str) -> str:
    return unicodedata.normalize("NFKC", token).upper().strip(".,:;")


def _is_type(token: str) -> bool:
    t = _fold(token)
    if t in TYPE_WORDS:
        return True
    plain = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    return plain in TYPE_WORDS


def _is_joiner(token: str) -> bool:
    return _is_type(token) or _fold(token) in CONNECTORS


def strip_additions(text: str) -> str:
    """``text`` without bracketed dates / fee amounts, card numbers and a colon-number tail, blanks collapsed."""
    out = _BRACKETED.sub(" ", text)
    out = _CARD_NO.sub(" ", out)
    out = _COLON_NUMBER_TAIL.sub("", out)
    return _SPACE.sub(" ", out).strip(" :-,")


def _phrase_ok(tokens: Sequence[str], k: int) -> bool:
    """``tokens[:k]`` may be a type phrase: it holds a type word, ends on one or on a connector, holds no
    facilitator mark (``*``), and leaves a counterparty with letters."""
    head, rest = tokens[:k], tokens[k:]
    return (0 < k < len(tokens) and any(_is_type(t) for t in head) and _is_joiner(head[-1])
            and not any("*" in t for t in head) and any(any(c.isalpha() for c in t) for t in rest))


def _extend(tokens: Sequence[str], k: int) -> int:
    """The phrase ``tokens[:k]`` grown over the type words and connectors right after it (a counterparty
    of at least one token is always left)."""
    while k < len(tokens) - 1 and _is_joiner(tokens[k]):
        k += 1
    return k


def _shared_phrase(tokens: Sequence[str], prefixes: Counter, followers: dict[tuple[str, ...], set[str]]) -> int:
    """Length of the type phrase opening ``tokens`` when the shortest leading phrase holding a type word opens
    at least two different texts of the column, followed by different words there or after the type words and
    connectors that follow it (the phrase runs on over those); 0 when there is none."""
    for k in range(1, min(len(tokens), MAX_PHRASE + 1)):
        key = tuple(_fold(t) for t in tokens[:k])
        if prefixes[key] < 2:
            return 0
        if any(_is_type(t) for t in tokens[:k]):
            end = _extend(tokens, k)
            grown = tuple(_fold(t) for t in tokens[:end])
            varied = len(followers.get(key, ())) >= 2 or len(followers.get(grown, ())) >= 2
            return end if varied else 0
    return 0


def _name_like(token: str) -> bool:
    """A token that can open a counterparty's name: mostly letters (not an amount, a time or an id)."""
    letters = sum(c.isalpha() for c in token)
    return letters >= 2 and letters >= len(token) / 2


def _prefix_counts(tokens: Sequence[Sequence[str]]) -> tuple[Counter, dict[tuple[str, ...], set[str]]]:
    """How many different texts each leading phrase opens, and which words follow it there."""
    prefixes: Counter = Counter()
    followers: dict[tuple[str, ...], set[str]] = {}
    for folded in {tuple(_fold(t) for t in toks) for toks in tokens}:
        for k in range(1, min(len(folded), MAX_PHRASE + 1)):
            prefixes[folded[:k]] += 1
            followers.setdefault(folded[:k], set()).add(folded[k])
    return prefixes, followers


def counterparties(texts: Sequence[str | None]) -> tuple[list[str | None], list[str]]:
    """Per distinct description text: the counterparty when the text opens with a bank's type phrase and
    carries the bank's other additions (see the module docstring), else the text unchanged; and the type
    phrases found (for the parse report).

    A text such as ``Transfer to Savings`` or ``PAGO NOMINA`` stays whole: without padding, bracketed
    values or a card number it reads as a person wrote it, and the type word is part of what it says."""
    stripped = [strip_additions(t) if isinstance(t, str) else "" for t in texts]
    tokens = [s.split(" ") if s else [] for s in stripped]
    prefixes, followers = _prefix_counts(tokens)
    out: list[str | None] = []
    phrases: list[str] = []
    for text, clean, toks in zip(texts, stripped, tokens, strict=True):
        if not isinstance(text, str) or len(toks) < 2:
            out.append(text)
            continue
        padded = _PADDED_FIELD.match(text)
        field = strip_additions(padded.group(1)).split(" ") if padded else []
        k = _shared_phrase(toks, prefixes, followers)
        if padded and toks[: len(field)] == field and (k == len(field) or all(_is_joiner(t) for t in field)):
            k = len(field)  # the padded first field is the type (never a phrase ending inside it)
        elif padded or not _additions(text, clean):
            k = 0
        if not (k and _phrase_ok(toks, k) and _name_like(toks[k])):
            out.append(text)
            continue
        phrases.append(" ".join(toks[:k]))
        out.append(" ".join(toks[k:]))
    return out, sorted(set(phrases))


def _additions(text: str, clean: str) -> bool:
    """The bank added bracketed values, a card number or a number tail to ``text`` (its additions-free form
    ``clean`` is shorter than the text with blanks collapsed)."""
    return len(clean) < len(_SPACE.sub(" ", text).strip(" :-,"))
