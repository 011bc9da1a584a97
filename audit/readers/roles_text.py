"""Evidence about text columns and the description among them (:mod:`audit.readers.roles`): varied names
before a handful of repeated type words."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from audit.readers.profile import ColumnProfile
from audit.readers.role_decision import Decision


def _noise(p: ColumnProfile) -> float:
    """Share of characters that are neither letters nor spaces in a text column."""
    if p.texts is None or not len(p.texts):
        return 1.0
    text = "".join(p.texts.head(200).tolist())
    return sum(not (c.isalpha() or c.isspace()) for c in text) / max(1, len(text))


def _few_words(p: ColumnProfile) -> bool:
    """A column of a handful of texts repeated down the rows (a type or status, not a merchant)."""
    return p.filled >= 6 and p.distinct <= max(2, int(0.34 * p.filled))


def _record(p: ColumnProfile) -> bool:
    """A column whose cells are mostly records of several fields (``a|b|c``) or postal addresses."""
    return p.record_share >= 0.5


def _text_score(p: ColumnProfile) -> float:
    """How much a column reads as a description: varied, long, filled text."""
    return p.unique_share * math.log1p(p.mean_length) * p.fill


def _texty(p: ColumnProfile) -> bool:
    """A column of words (not dates, amounts, ids, currency codes or direction words)."""
    return (bool(p.filled) and p.letter_share >= 0.5 and p.num_share < 0.5 and p.date_share < 0.5
            and p.id_share < 0.5 and p.currency_share < 0.5 and p.direction_share < 0.8
            and not (p.filled >= 3 and p.distinct == 1))


def _rival_text(named: ColumnProfile, profiles: Sequence[ColumnProfile], used: set[int]) -> ColumnProfile | None:
    """The most varied text column other than ``named`` whose header names no other role (or a memo)."""
    rivals = [p for p in profiles if p.index != named.index and p.index not in used and _texty(p)
              and p.vocab in (None, "notes", "description") and not _few_words(p) and p.unique_share >= 0.5]
    return max(rivals, key=lambda p: (_text_score(p), -p.index)) if rivals else None


def _named_is_type(dec: Decision, p: ColumnProfile, profiles: Sequence[ColumnProfile], named: dict[str, int],
                   used: set[int], note) -> bool:
    """The header names ``p`` the description, but it holds a handful of repeated words (a type column:
    card payment, incoming transfer) while another column holds varied names: that one is the description
    and ``p`` the type. True when so decided."""
    if not (_few_words(p) or (p.kind_share >= 0.8 and p.filled >= 2 and p.unique_share < 0.5)):
        return False
    rival = _rival_text(p, profiles, used)
    if rival is None or rival.distinct < 2 * p.distinct:
        return False
    dec.roles["description"] = rival.index
    # a handful of words against names differing on most rows is clear; a closer call is asked about
    clear = (p.distinct <= 3 or p.unique_share <= 0.1) and rival.unique_share >= 0.5
    dec.confidence["description"] = 0.8 if clear else 0.6
    note(rival.index, f"varied text ({rival.distinct} different values, {rival.mean_length:.0f} characters on average): "
                      f"the description, rather than column {p.index + 1} named so by its header")
    if "type" not in dec.roles and "type" not in named:
        dec.roles["type"] = p.index
        dec.confidence["type"] = 0.8
    note(p.index, f"the header {p.header!r} names the description, but it holds {p.distinct} repeated "
                  f"text(s) on {p.filled} rows: a type column")
    return True


def _description(dec: Decision, profiles: Sequence[ColumnProfile], named: dict[str, int], used: set[int], note) -> None:
    """The description: the header's choice when it holds text (unless its contents are a type column
    beside a column of varied names), else the most varied text column."""
    by = {p.index: p for p in profiles}
    idx = named.get("description")
    if (idx is not None and idx in by and idx not in used and by[idx].id_share < 0.5
            and (by[idx].letter_share >= 0.2 or by[idx].filled == 0)):  # a "payer" column of IBANs names nobody
        if _named_is_type(dec, by[idx], profiles, named, used, note):
            return
        dec.roles["description"] = idx
        dec.confidence["description"] = 0.95
        note(idx, f"the header {by[idx].header!r} names the description")
        rival = _rival_text(by[idx], profiles, used)
        if (rival is not None and rival.vocab is None and by[idx].unique_share < 0.5
                and rival.distinct >= 2 * by[idx].distinct):
            # the named column repeats its texts, an unnamed one beside it varies far more: either may
            # name the merchant
            dec.confidence["description"] = 0.65
            note(rival.index, f"varied text too ({rival.distinct} different values): it may hold the merchant "
                              f"rather than column {idx + 1}")
        return
    scored = []
    for p in profiles:
        if p.index in used or not p.filled or p.letter_share < 0.5 or p.num_share >= 0.5 or p.date_share >= 0.5:
            continue
        if p.id_share >= 0.5 or p.currency_share >= 0.5 or p.direction_share >= 0.8:
            continue
        if p.filled >= 3 and p.distinct == 1:
            continue
        few = _few_words(p)
        score = _text_score(p)
        if _record(p):  # an address or a detail record: where or what for, not who
            score -= 1.0
        if p.vocab == "description":
            score += 1.0
        elif p.vocab in ("notes", "type", "status"):
            score -= 0.5
        scored.append((score - (0.5 if few else 0.0), few, p))
    if not scored:
        dec.notes.append("no column of text found for the description")
        return
    scored.sort(key=lambda t: (-t[0], t[2].index))
    best_score, _few, best = scored[0]
    dec.roles["description"] = best.index
    margin = best_score - scored[1][0] if len(scored) > 1 else best_score
    dec.confidence["description"] = 0.85 if margin >= 0.5 else 0.6
    note(best.index, f"the most varied text ({best.distinct} different values, {best.mean_length:.0f} characters on average)")
    passed = [p for _s, _f, p in scored[1:] if _record(p) and _text_score(p) > _text_score(best)]
    for p in passed:
        note(p.index, f"{p.record_share:.0%} of the cells are records of several fields or addresses "
                      "(separators, postal codes, house numbers): a detail column, not the counterparty")
    if passed:  # the longer text passed over on its structure alone: asked about
        dec.confidence["description"] = min(dec.confidence["description"], 0.55)
    headerless = not any(q.vocab for q in profiles)
    if headerless and _name_beside_memo(dec, best, scored, note):
        return
    for score, few, p in scored[1:]:
        if few and "type" not in dec.roles and "type" not in named:
            dec.roles["type"] = p.index
            dec.confidence["type"] = 0.7
            note(p.index, f"few repeated words ({p.distinct} values): a type column")
            break
        if (headerless and not few and not _record(p) and "description2" not in dec.roles and score >= 0.6 * best_score
                and p.unique_share >= 0.5 and p.fill >= 0.5):
            # no header to say which of two varied text columns names the merchant: both are read
            # the cleaner text first (fewer digits and signs: a payee before a bank's memo), whatever the order
            a, b = sorted((best, p), key=lambda q: (_noise(q), q.header, q.index))
            dec.roles["description"], dec.roles["description2"] = a.index, b.index
            dec.confidence["description"] = min(dec.confidence["description"], 0.6)
            note(p.index, f"varied text too, with no header to tell it from column {best.index + 1}: joined to it")


def _inside_share(name: ColumnProfile, memo: ColumnProfile) -> float:
    """Of the rows where ``name`` holds a text of three or more characters, the share whose ``memo`` cell on the
    same row contains that text as whole words (case aside)."""
    if name.texts is None or memo.texts is None:
        return 0.0
    a = name.texts[name.texts.str.len() >= 3].str.casefold()
    b = memo.texts.reindex(a.index).fillna("").str.casefold()
    if len(a) < 2:
        return 0.0
    hits = sum(bool(re.search(r"(?<!\w)" + re.escape(x) + r"(?!\w)", y)) for x, y in zip(a, b, strict=True))
    return hits / len(a)


def _name_beside_memo(dec: Decision, best: ColumnProfile, scored: list, note) -> bool:
    """With no header: a text column whose texts recur, as whole words, inside the most varied column's texts
    on the same rows, where that column adds references and amounts (more digits and signs), is the
    counterparty's name and the description; the other is a memo about the payment (read where the name is
    empty). A type or an account name repeated in a plain sentence (``Transfer from Savings``) is not taken.
    True when so decided."""
    for _s, _f, p in scored[1:]:
        if _record(p) or p.fill < 0.5 or p.kind_share >= 0.5 or _noise(best) < _noise(p) + 0.1:
            continue
        share = _inside_share(p, best)
        if share < 0.6:
            continue
        dec.roles["description"] = p.index
        dec.confidence["description"] = 0.6
        note(p.index, f"its texts recur inside column {best.index + 1}'s on {share:.0%} of the rows, which add "
                      "references and amounts: the counterparty's name, that column a memo about the payment")
        if "notes" not in dec.roles:
            dec.roles["notes"] = best.index
            dec.confidence["notes"] = 0.6
        return True
    return False
