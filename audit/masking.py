"""Make text safe to show: card numbers masked, control and escape characters removed.

* :func:`mask_card` - card numbers replaced by ``****1234`` (last four kept), read in one of three contexts:
  ``"card"`` (a card-number column: any 12-19 digit run), ``"statement"`` (descriptors, reasons, logs:
  13-19 digits with a card issuer's prefix, in a length that network issues; a run glued to letters, as
  in a bank reference ``RP5550...`` or an IBAN ``AT65...``, only when it passes the Luhn check) and ``"prose"`` (letters, replies, notes: the same, passing
  the Luhn check, and never a number labelled as an order, ticket or reference number, nor one of
  ``keep``). Runs that an issuer already masked in part (``4980-12**-****-1234``, laid out as a card
  number) are masked in all three.
* :func:`mask_series` - the statement rule over a pandas column, once per distinct value.
* :func:`clean_line` - one printable line for a terminal or an error message: ANSI escape
  sequences and control characters (line breaks included) become a space or vanish, so a file name
  or descriptor can neither clear the screen nor print a fake second line.

An order or reference number such as ``2026051277810042`` or ``PSP-2026-0512-7781`` is not a card
number (no issuer prefix, or fewer than 13 digits), so it reaches a letter as the user typed it.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd

Context = Literal["card", "statement", "prose"]

# A chain of digit groups (digits or mask characters) joined by single spaces or dashes.
# An ``x`` counts as a mask character only where no other letter touches it (``XXXX-1234``, never ``BOX``).
_UNIT = r"(?:[\d*•]|(?<![A-WYZa-wyz])[xX](?![A-WYZa-wyz]))"
_GROUP_RE = re.compile(_UNIT + "+")
_CHAIN_RE = re.compile(r"(?<![\d*•])" + _UNIT + "+(?:[ -]" + _UNIT + "+)*")
_MASK_CHARS = frozenset("*•xX")
# Quick test for "may hold a card number": eight digits or mask characters with at most one gap.
_MAYBE_RE = re.compile(r"[\d*xX]{4}[ -]?[\d*xX]{4}")
# A label that says the number after it is an order, ticket or reference number (not a card number).
_REF_LABEL_RE = re.compile(
    r"(?:order|ticket|case|reference|ref|invoice|confirmation|booking|transaction|tracking|receipt|request"
    r"|注文|受注|受付|問い?合わせ|問合せ|チケット|予約|伝票|請求書|ケース|オーダー)"
    r"[ \t]{0,2}(?:number|no\.?|num\.?|id|#|番号|ＩＤ|ＮＯ)?[ \t]{0,2}[:：#＃]?[ \t]{0,2}$",
    re.IGNORECASE)
# First characters that make a spreadsheet read a cell as a formula: ASCII, full-width and the other
# Unicode minus, plus, equals and at signs (U+2212, U+FE62, U+FE63, U+FE66), and tab / carriage return.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", "\u2212", "\ufe62", "\ufe63", "\ufe66")
# ANSI / VT escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte escapes.
_ANSI_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
# C0 and C1 control characters (tab and line breaks included: they become spaces), DEL, and
# Unicode line/paragraph separators and bidi overrides that can reorder a terminal line.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")


def luhn_valid(digits: str) -> bool:
    """The Luhn check (ISO/IEC 7812-1) that every payment card number passes."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def issuer_prefix(digits: str) -> bool:
    """True when ``digits`` start like a payment card: Visa 4; Mastercard 51-55 and 2221-2720; Mir 2200-2204;
    Amex 34/37; Diners 300-305, 36, 38, 39; JCB 3528-3589; Maestro, Discover, UnionPay and RuPay 50-69, 81-82;
    Troy 9792 (the networks' published issuer identification ranges)."""
    if len(digits) < 4 or not digits[:4].isdigit():
        return False
    p2, p3, p4 = int(digits[:2]), int(digits[:3]), int(digits[:4])
    return (digits[0] == "4" or 2221 <= p4 <= 2720 or 2200 <= p4 <= 2204 or p2 in (34, 36, 37, 38, 39, 81, 82)
            or 300 <= p3 <= 305 or 3528 <= p4 <= 3589 or 50 <= p2 <= 69 or p4 == 9792)


def network_length(digits: str) -> bool:
    """Whether the number of digits is one the network of the prefix issues: Visa 13, 16 or 19; Amex 15;
    Mastercard 16; the others 14-19 (Maestro 12-19)."""
    n = len(digits)
    if digits[0] == "4":
        return n in (13, 16, 19)
    if digits[:2] in ("34", "37"):
        return n == 15
    if 51 <= int(digits[:2]) <= 55 or 2221 <= int(digits[:4]) <= 2720:
        return n == 16
    return 12 <= n <= 19


def is_card_number(digits: str, *, luhn: bool = True) -> bool:
    """13-19 digits with an issuer prefix, in a length that network issues (and, unless ``luhn=False``,
    passing the Luhn check)."""
    return (13 <= len(digits) <= 19 and digits.isdigit() and issuer_prefix(digits) and network_length(digits)
            and (not luhn or luhn_valid(digits)))


def _masked_form(chars: str) -> str:
    last4 = chars[-4:]
    return "****" + (last4 if last4.isdigit() else "")


def _card_span(chars: str, context: Context) -> bool:
    """Whether the joined characters of a chain span are a card number in ``context``."""
    if not 12 <= len(chars) <= 19 or not any(c.isdigit() for c in chars):
        return False
    hidden = sum(c in _MASK_CHARS for c in chars)
    if hidden:  # already masked in part by the issuer (at least four digits hidden)
        return hidden >= 4
    if context == "card":
        return True
    return is_card_number(chars, luhn=context == "prose")


def _card_layout(lengths: list[int]) -> bool:
    """Group lengths a card number is printed in (one run, 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4): a part of a
    longer chain of numbers (``123-4567890-1234567``) counts only when it is laid out like a card number."""
    return (len(lengths) == 1 or lengths in ([4, 6, 5], [4, 6, 4])
            or (all(n == 4 for n in lengths[:-1]) and 1 <= lengths[-1] <= 4))


def mask_card(text: str | None, *, context: Context = "statement", keep: Iterable[str] = ()) -> str | None:
    """Return ``text`` with every card number replaced by ``****1234`` (last four kept).

    ``context`` says how sure a digit run must look to be a card number (see the module docstring);
    ``keep`` lists numbers the user or the merchant gave as order, ticket or reference numbers, never masked.
    """
    if text is None:
        return None
    text = str(text)
    if not _MAYBE_RE.search(text):
        return text
    kept = {re.sub(r"\D", "", k) for k in keep if k}
    kept.discard("")
    out: list[str] = []
    pos = 0
    for chain in _CHAIN_RE.finditer(text):
        groups = list(_GROUP_RE.finditer(chain.group(0)))
        if sum(len(g.group(0)) for g in groups) < 12:
            continue
        base = chain.start()
        i = 0
        while i < len(groups):
            found = None
            length = 0
            for j in range(i, len(groups)):  # the longest span of whole groups starting at group i
                length += len(groups[j].group(0))
                if length > 19:
                    break
                chars = "".join(g.group(0) for g in groups[i:j + 1])
                # a whole chain may be grouped oddly, unless part of it is masked: an issuer masks a card
                # number laid out as one (4980-12**-****-1234), not "09:45 XXXXXXXX" text masked by hand
                whole = i == 0 and j == len(groups) - 1 and not any(c in _MASK_CHARS for c in chars)
                if (whole or _card_layout([len(g.group(0)) for g in groups[i:j + 1]])) and _card_span(chars, context):
                    start, end = base + groups[i].start(), base + groups[j].end()
                    glued = (start and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha())
                    if context != "card" and glued and not (chars.isdigit() and luhn_valid(chars)):
                        continue  # glued to letters: a reference or an IBAN (RP5550..., AT65...), not a card
                    found = (j, chars)
            if found is None:
                i += 1
                continue
            j, chars = found
            start, end = base + groups[i].start(), base + groups[j].end()
            if context == "prose" and chars.isdigit() and (
                    chars in kept or any(chars in k for k in kept)
                    or _REF_LABEL_RE.search(text[max(0, start - 40):start])):
                i = j + 1
                continue
            out.append(text[pos:start])
            out.append(_masked_form(chars))
            pos = end
            i = j + 1
    if pos == 0:
        return text
    out.append(text[pos:])
    return "".join(out)


def _maybe_card(values: pd.Series) -> pd.Series | None:
    """Which values may hold a card number (:data:`_MAYBE_RE`, as ``str.contains`` finds it); None when none
    may. An Arrow text column is searched once per distinct text."""
    import numpy as np
    import pandas as pd

    if isinstance(values.dtype, pd.StringDtype) and hasattr(values.array, "__arrow_array__"):
        from audit.textcols import encode_once

        enc = encode_once(values)  # (a reader's shared encodings: later questions about the column reuse it)
        search = _MAYBE_RE.search
        hit = np.array([search(v) is not None for v in enc.dictionary.to_pylist()], dtype=bool)
        if not hit.any():
            return None
        codes = enc.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        return pd.Series(np.append(hit, False)[codes], index=values.index)
    return values.str.contains(_MAYBE_RE.pattern, regex=True, na=False)


# Arrow text data :func:`mask_series` found nothing to mask in (a table is conformed more than once); weak
# references, so nothing is kept alive here and an id is trusted only while its data lives.
_UNCHANGED: weakref.WeakValueDictionary = weakref.WeakValueDictionary()


def picked_unchanged(source: pd.Series, picked: pd.Series) -> None:
    """Record that ``picked`` (values taken from ``source``, e.g. a column of distinct texts) has nothing to mask
    when :func:`mask_series` finds nothing in ``source``: it works value by value, so what holds for every value
    of ``source`` holds for any pick of them, and ``picked`` is then not searched again."""
    data = picked.array.__arrow_array__() if hasattr(picked.array, "__arrow_array__") else None
    if data is not None and len(picked) and mask_series(source) is source:
        _UNCHANGED[id(data)] = data


def mask_series(values: pd.Series) -> pd.Series:
    """:func:`mask_card` over a column of text, computed once per distinct value (missing stays missing).

    Only values that may hold a card number are looked at, so a large table costs one vectorised scan.
    """
    import numpy as np
    import pandas as pd

    if len(values) == 0:
        return values
    data = values.array.__arrow_array__() if hasattr(values.array, "__arrow_array__") else None
    if data is not None and _UNCHANGED.get(id(data)) is data:  # this very (immutable) data was looked at before
        return values
    maybe = _maybe_card(values)
    if maybe is None or not bool(maybe.any()):
        if data is not None:
            _UNCHANGED[id(data)] = data
        return values
    sub = values[maybe]
    codes, uniques = pd.factorize(sub, use_na_sentinel=True)
    masked = np.array([mask_card(v) for v in uniques], dtype=object)
    out = values.copy()
    out[maybe] = pd.Series(masked[codes], index=sub.index, dtype=values.dtype)
    return out


def clean_line(text: Any) -> str:
    """``text`` as one printable line: escape sequences dropped, control characters as single spaces."""
    s = _ANSI_RE.sub("", str(text))
    return _CONTROL_RE.sub(" ", s)


def safe_text(text: Any) -> str:
    """Text for output: card numbers masked and :func:`clean_line` applied."""
    return clean_line(mask_card(str(text)) or "")
