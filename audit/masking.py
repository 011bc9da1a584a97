"""Make text safe to show: card numbers masked, control and escape characters removed.

* :func:`mask_card` - card-number-like digit runs replaced by ``****1234`` (any text).
* :func:`mask_series` - the same over a pandas column, once per distinct value.
* :func:`clean_line` - one printable line for a terminal or an error message: ANSI escape
  sequences and control characters (line breaks included) become a space or vanish, so a file name
  or descriptor can neither clear the screen nor print a fake second line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# 12-19 digits, optionally grouped by spaces or dashes; issuers often print some groups as '*' already.
_CARD_RE = re.compile(r"(?<![\d*])(?:[\d*xX]{4}[ -]?){2,3}[\d*xX]{1,4}(?:[ -]?[\d*xX]{1,3})?(?![\d*])")
# Quick test for "may hold a card number": at least 12 digits or mask characters in a row, groups allowed.
_MAYBE_RE = re.compile(r"[\d*xX]{4}[ -]?[\d*xX]{4}")
# ANSI / VT escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte escapes.
_ANSI_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
# C0 and C1 control characters (tab and line breaks included: they become spaces), DEL, and
# Unicode line/paragraph separators and bidi overrides that can reorder a terminal line.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")


def mask_card(text: str | None) -> str | None:
    """Return ``text`` with every card-number-like run replaced by ``****1234`` (last four kept).

    Runs with fewer than 12 digit/mask characters are left alone, so dates and amounts survive.
    """
    if text is None:
        return None

    def repl(m: re.Match[str]) -> str:
        raw = m.group(0)
        chars = [c for c in raw if c not in " -"]
        if len(chars) < 12 or not any(c.isdigit() for c in chars):
            return raw
        digits = "".join(chars)
        last4 = digits[-4:]
        return "****" + (last4 if last4.isdigit() else "")

    text = str(text)
    if not _MAYBE_RE.search(text):
        return text
    return _CARD_RE.sub(repl, text)


def mask_series(values: pd.Series) -> pd.Series:
    """:func:`mask_card` over a column of text, computed once per distinct value (missing stays missing).

    Only values that may hold a card number are looked at, so a large table costs one vectorised scan.
    """
    import numpy as np
    import pandas as pd

    if len(values) == 0:
        return values
    maybe = values.str.contains(_MAYBE_RE.pattern, regex=True, na=False)
    if not bool(maybe.any()):
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
