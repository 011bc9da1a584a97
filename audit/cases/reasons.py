"""A contract's reasons in the reader's language, for the page and the exports.

The detectors word their reasons in English (:attr:`audit.contracts.Contract.reasons`). In Japanese the
reasons are built again from the contract's data: the kinds of finding, the cadence, the foreign
currencies (each charge judged against its own card's billing currency) and the next expected charge. A
merchant-list hit is worded by the entry's standing: a judgment, an order, a settlement without admission
and an allegation in a complaint are different things, and none of them is called a scam.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from audit.cases.money import format_money, next_currency
from audit.masking import mask_card
from audit.ui_text import TEXT, text


def cadence_words(cadence: str | None, lang: str) -> str:
    """``"monthly"`` in ``lang`` (an unknown cadence as it is)."""
    key = f"cadence_{cadence}"
    return text(key, lang) if cadence and key in TEXT["en"] else (cadence or "")


def foreign_currencies(c: Any) -> list[str]:
    """Currencies the charges were made in that differ from the billing currency of their own card."""
    return sorted({str(ch.get("original_currency")) for ch in c.charges
                   if ch.get("original_currency")
                   and ch.get("original_currency") != (ch.get("currency") or c.currency)})


def contract_reasons(c: Any, lang: str, as_of: date | None = None, standing: str | None = None) -> list[str]:
    """Why the contract is suspicious, as sentences in ``lang`` (``"ja"``: rebuilt; ``"en"``: the detectors'
    own reasons, card numbers masked)."""
    if lang != "ja":
        return [mask_card(r) or "" for r in c.reasons] or [text("reason_generic", lang)]
    out: list[str] = []
    kinds = list(dict.fromkeys(c.kinds))
    if "known_merchant" in kinds:
        wording = f"reason_known_merchant_{standing}" if standing else "reason_known_merchant"
        out.append(text(wording if wording in TEXT["ja"] else "reason_known_merchant", lang, name=c.merchant))
    for kind in kinds:
        if kind == "brand_impersonation":  # names the brand, says it does not bill so, cites the notice
            from audit.detection.impersonation import contract_reason_ja

            out.append(contract_reason_ja(list(c.descriptors)) or text("reason_generic", lang))
        elif kind in (getattr(c, "reasons_ja", None) or {}):  # the finding's own facts (prepaid_burst)
            out.extend(c.reasons_ja[kind])
        elif kind == "foreign_software_recurring":
            out.append(text("reason_foreign_software_recurring", lang,
                            cadence=cadence_words(c.cadence, lang) or "定期", n=len(c.charges)))
        elif kind != "known_merchant" and f"reason_{kind}" in TEXT["ja"]:
            out.append(text(f"reason_{kind}", lang))
    foreign = foreign_currencies(c)
    if foreign:
        out.append(text("reason_foreign", lang, currencies="・".join(foreign)))
    if c.status == "active" and c.next_expected_date:
        late = as_of is not None and str(c.next_expected_date) < as_of.isoformat()
        out.append(text("reason_overdue" if late else "reason_active", lang, date=c.next_expected_date,
                        amount=format_money(c.next_expected_amount, next_currency(c), lang)))
    return out or [text("reason_generic", lang)]

