"""Which subscriptions nobody flagged are known services, and which ones to check.

A brand's name alone never makes a subscription legitimate (fake support takes the names of Microsoft, Apple
and the others, :mod:`audit.detection.brands`). A contract that no finding flagged is

* **known** (``Contract.known_as``) when one of its descriptors is a brand's own billing form (``MSBILL.INFO``,
  ``APPLE COM BILL``), a brand or service the lexicon knows (:data:`audit.detection.lexicon.LEGIT_BRANDS`), or an
  ordinary kind of service people pay every month or year (:data:`ORDINARY`: utilities, phone and internet,
  broadcasting fees, newspapers, insurance, card fees, streaming and games, gyms, home deliveries);
* otherwise to **check** (``Contract.check``): ``"brand:<name>"`` when it names an imitated brand but is none of
  the brand's forms, ``"unknown"`` when no rule knows the merchant. Such contracts are never presented as
  legitimate; the page and the report list them apart, with the reason (:func:`check_text`).
"""

from __future__ import annotations

import re
from typing import Any

from audit.detection import brands, lexicon

# Ordinary services, by kind (word classes, not merchants; matched on the folded descriptor).
ORDINARY: dict[str, re.Pattern[str]] = {
    "utility": re.compile(r"電力|でんりょく|デンリ[ョヨ]ク|DENRYOKU|ELECTRIC|\bPOWER\b|ENERGY|ENERGIE|ガス(?!ト)|\bGAS\b(?! ?STATION)"
                          r"|水道|スイドウ|WATER ?(BILL|UTIL|DEPT|WORKS)|UTILIT|TEPCO|KEPCO|EDISON|\bCON ?ED\b"),
    "phone and internet": re.compile(r"\bNTT\b|エヌテイテイ|ドコモ|DOCOMO|\bKDDI\b|\bAU\b|ソフトバンク|SOFTBANK|ワイモバイル"
                                     r"|Y!? ?MOBILE|楽天モバイル|RAKUTEN ?MOBILE|\bUQ\b|BIGLOBE|\bOCN\b|NURO|携帯|ケイタイ"
                                     r"|電話料金|通信料|ツウシン|プロバイダ|VERIZON|AT ?& ?T|T-?MOBILE|VODAFONE|\bBT\b"
                                     r"|COMCAST|XFINITY|SPECTRUM|\bEE\b|\bO2\b|VIRGIN MEDIA|SKY DIGITAL"),
    "broadcasting fee": re.compile(r"\bNHK\b|エヌエイチケイ|受信料|TV LICEN[CS]E"),
    "newspaper": re.compile(r"新聞|シンブン|日経|ニツケイ|ニッケイ|NIKKEI|NYTIMES|NY TIMES|\bWSJ\b|GUARDIAN"),
    "insurance": re.compile(r"保険|ホケン|アフラック|AFLAC|INSURANCE|ASSURANCE"),
    "card fee": re.compile(r"年会費|ネンカイヒ|ANNUAL FEE|CARD FEE"),
    "streaming and games": re.compile(r"NETFLIX|HULU|U-?NEXT|\bDAZN\b|ABEMA|DISNEY|SPOTIFY|YOUTUBE|AUDIBLE|KINDLE"
                                      r"|NINTENDO|ニンテンドー|PLAYSTATION|\bPSN\b|STEAM|APPLE ?MUSIC|PRIME ?VIDEO"),
    "gym": re.compile(r"FITNESS|\bGYM\b|ジム|スポーツクラブ|エニタイム|ANYTIME|カーブス|CURVES|CHOCOZAP|チ[ョヨ]コザ[ッツ]プ"),
    "home delivery": re.compile(r"コープ|生協|CO-?OP ?DELI|ウォーターサーバー|ウオーターサーバー|WATER ?SERVER|OISIX"
                                r"|ヤズヤ|やずや|サントリーウエルネス"),
}


def known_as(descriptor: str) -> str:
    """What makes ``descriptor`` a known service ("" when nothing does)."""
    if not isinstance(descriptor, str) or not descriptor.strip():
        return ""
    form = brands.billing_form(descriptor)
    if form is not None:
        return f"{form.brand} ({form.text}{'…' if form.prefix else ''})"
    if brands.named_brand(descriptor) is not None:
        return ""  # the brand's name without its billing form proves nothing
    folded = lexicon.fold(descriptor)
    brand = lexicon.legit_brand(folded)
    if brand:
        return brand
    for kind, rx in ORDINARY.items():
        if rx.search(folded):
            return kind
    return ""


def classify(contracts: list[Any]) -> None:
    """Set ``known_as`` or ``check`` on every contract no finding flagged (in place)."""
    for c in contracts:
        if c.suspicious:
            c.known_as, c.check = "", ""
            continue
        basis = next((k for k in (known_as(d) for d in c.descriptors) if k), "")
        c.known_as = basis
        if basis:
            c.check = ""
            continue
        named = next((b for b in (brands.named_brand(d) for d in c.descriptors) if b is not None), None)
        c.check = f"brand:{named.name}" if named is not None else "unknown"


def check_text(c: Any, lang: str = "en") -> str:
    """Why a contract is on the "check this" list, in ``lang``."""
    from audit.ui_text import text

    code = getattr(c, "check", "") or "unknown"
    if code.startswith("brand:"):
        name = code.split(":", 1)[1]
        b = next((b for b in brands.brands() if b.name == name), None)
        shown = b.name_ja if (b is not None and lang == "ja") else name
        forms = ", ".join(f.text + ("…" if f.prefix else "") for f in (b.forms[:3] if b else ()))
        return text("check_brand", lang, brand=shown, forms=forms)
    return text("check_unknown", lang)
