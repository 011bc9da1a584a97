"""Names for the groups of gift-card and prepaid purchases the burst findings make (one "contract" holds
purchases at several shops): a name for the group as a merchant, in English and Japanese, and the phrase a
reason uses. A group's merchant is its English name; :func:`group_name` gives it in the page's language
(the case file and exports keep one text, shown in either)."""

from __future__ import annotations

# key -> (English name, Japanese name, English phrase "purchases ...", Japanese phrase "...での購入")
GROUPS: dict[str, tuple[str, str, str, str]] = {
    "prepaid": ("Gift and prepaid card purchases", "ギフトカード・電子マネーの購入",
                "of gift or prepaid cards", "ギフトカード・電子マネー"),
    "konbini_gift": ("Gift cards and convenience-store purchases", "ギフトカードとコンビニでの購入",
                     "of gift cards and at convenience stores", "ギフトカードとコンビニ"),
    "konbini": ("Convenience-store purchases", "コンビニでの購入", "at convenience stores", "コンビニ"),
    "shop_gift": ("Gift cards and purchases at gift-card sellers", "ギフトカードと、その販売店での購入",
                  "of gift cards and at shops that sell them", "ギフトカードとその販売店"),
    "shop": ("Purchases at gift-card sellers", "ギフトカード販売店での購入", "at shops that sell gift cards",
             "ギフトカード販売店"),
}
_BY_NAME = {names[0]: key for key, names in GROUPS.items()}


def group_key(gift: bool, konbini: bool, shop: bool) -> str:
    """The group of a run of purchases: gift or prepaid cards, convenience stores, shops that sell them."""
    if gift and not konbini and not shop:
        return "prepaid"
    if konbini:
        return "konbini_gift" if gift else "konbini"
    return "shop_gift" if gift else "shop"


def group_name(name: str, lang: str) -> str:
    """A contract's merchant in ``lang``: a group's name in that language, any other name as it is."""
    key = _BY_NAME.get(str(name))
    if key is None:
        return name
    return GROUPS[key][1] if lang == "ja" else GROUPS[key][0]
