"""The card company a statement names in its own text: the lines above its table.

Japanese exports often open with a labelled line (``カード名称,セゾンカードインターナショナル``,
``ご利用カード,イオンカードセレクト``, ``対象カード,ビューカード``) or a cell naming the card
(``三井住友カード（ＮＬ）``, ``株式会社エポスカード``). What is found goes into
:attr:`audit.model.ParseReport.issuer`; the layout's own ``issuer`` is the fallback (see :mod:`audit.cards`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from audit.masking import mask_card

# Labels whose next cell names the card (compared after NFKC, case-insensitive).
_LABEL = re.compile(r"^(?:カード名称|カード名|カードの名称|ご利用カード|対象カード|カード種類|カードの種類|"
                    r"card name|card product|card type)\s*[:：]?$", re.IGNORECASE)
# A cell that is a label, not a name (card numbers, members' numbers, dates, totals).
_NOT_NAME = re.compile(r"番号|会員|期間|支払|請求|合計|様|利用日|利用者|number|total|date|balance", re.IGNORECASE)
# A card's name inside a longer cell: "株式会社エポスカード", "三井住友カード(NL)", "イオンカードセレクト".
_NAMED_CARD = re.compile(r"(?:株式会社)?[^\s,、。：:()（）]*カード[^\s,、。：:]*(?:株式会社)?")
_MAX_LINES = 30
_MAX_LEN = 40


def _cells(line: str) -> list[str]:
    text = unicodedata.normalize("NFKC", line)
    return [c.strip().strip('"').strip() for c in re.split(r"[,\t;]", text)]


def _clean(value: str) -> str:
    """A name fit for a letter's salutation: no card number, no stray separators, not too long."""
    value = mask_card(value) or ""
    value = re.sub(r"[*＊X]{2,}[\d\-*＊X ]*", "", value)  # a masked number printed beside the name
    value = " ".join(value.split()).strip(" -:：,")
    if not value or len(value) > _MAX_LEN or not re.search(r"[^\W\d_]", value):
        return ""
    return value


def issuer_from_lines(lines: Sequence[str]) -> str:
    """The card company (or card) the lines name, ``""`` when they name none.

    A labelled line wins; otherwise the first cell naming a card (``…カード…``) that is not a label.
    """
    rows = [_cells(line) for line in list(lines)[:_MAX_LINES]]
    for cells in rows:
        for i, cell in enumerate(cells):
            if _LABEL.match(cell):
                value = next((c for c in cells[i + 1:] if c), "")
                if _clean(value):
                    return _clean(value)
    for cells in rows:
        for cell in cells:
            if not cell or _LABEL.match(cell):
                continue
            for m in _NAMED_CARD.finditer(cell):
                name = m.group(0)
                if name in ("カード", "株式会社カード") or _NOT_NAME.search(name) or _LABEL.match(name):
                    continue
                if _clean(name):
                    return _clean(name)
    return ""
