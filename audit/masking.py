"""Mask card numbers so they never reach output or logs in full."""

from __future__ import annotations

import re

# 12-19 digits, optionally grouped by spaces or dashes; issuers often print some groups as '*' already.
_CARD_RE = re.compile(r"(?<![\d*])(?:[\d*xX]{4}[ -]?){2,3}[\d*xX]{1,4}(?:[ -]?[\d*xX]{1,3})?(?![\d*])")


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

    return _CARD_RE.sub(repl, str(text))
