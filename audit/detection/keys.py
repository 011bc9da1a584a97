"""Charges of the table as a stream-finding input: amount key, unit and the group key per charge."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

DESCRIPTOR_COLUMNS = ("descriptor_norm", "merchant_key", "facilitator")


def _with_descriptor_columns(tx: pd.DataFrame) -> pd.DataFrame:
    if all(c in tx.columns for c in DESCRIPTOR_COLUMNS):
        return tx
    from audit.descriptors import add_descriptor_columns

    return add_descriptor_columns(tx)


_CHARGE_COLUMNS = ("id", "source", "date", "description", "amount", "currency", "original_amount", "original_currency",
                   "card", "client", "kind", "descriptor_norm", "merchant_key", "facilitator")


def charge_frame(tx: pd.DataFrame) -> pd.DataFrame:
    """Charges only, with ``amount_key`` (foreign amount when printed) and ``unit`` (its currency)."""
    cols = [c for c in tx.columns if c in _CHARGE_COLUMNS]
    ch = tx.loc[(tx["kind"] == "charge") & (tx["amount"] > 0) & tx["date"].notna(), cols]
    foreign = ch["original_amount"].notna() & (ch["original_amount"] > 0) & ch["original_currency"].notna()
    ch["amount_key"] = ch["original_amount"].where(foreign, ch["amount"]).astype("float64")
    ch["unit"] = ch["original_currency"].where(foreign, ch["currency"]).fillna("?").astype("str")
    key = ch["merchant_key"] if "merchant_key" in ch.columns else ch["description"]
    ch["merchant_key_out"] = key.fillna(ch["description"]).fillna("?").astype("str")
    ch["group_key"] = stream_keys(ch["merchant_key_out"], ch["client"] if "client" in ch.columns else None)
    ch["owner"] = owner_keys(ch)
    return ch


def owner_keys(tx: pd.DataFrame) -> pd.Series:
    """Whose card a row is on: client and card joined ("" for a missing one), so that two people's or two
    cards' identical subscriptions stay two streams. Tables without these columns have one owner."""
    out = pd.Series("", index=tx.index, dtype="object")
    for col in ("client", "card"):
        if col in tx.columns:
            out = out + "\x1f" + tx[col].astype("str").fillna("").astype(object)
    return out.astype("str")


_MIXED_ID = re.compile(r"^(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{4,}$")  # 1JCR, Y34YCG, 490N1PS
_CODE = re.compile(r"^(?:[A-Z]{4,}|\d{2,}|[A-Z0-9]{4,})$")  # IHIEBSK, 151: an ID only when it keeps changing
_WEB_WORD = re.compile(r"(?:^| )COM(?= |$)")  # "APPLE COM BILL": a web address printed with spaces


_COUNTRY_TAIL = re.compile(r"(?<=\S) (?:UK|GB|US|USA|IE|JP|CA|AU|DE|FR|NL|LU)$")  # AUDIBLE UK, NETFLIX US
_ID = r"(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{6,}"
_INNER_ID = re.compile(rf"(?<=[ *]){_ID}(?= )|(?<=\*){_ID}$")  # before another word, or stuck to a star


def _drop_inner_ids(key: str) -> str:
    """``key`` without rotating references after its first word (see :func:`stream_keys`)."""
    if not any(c.isdigit() for c in key):
        return key
    out = re.sub(r" {2,}", " ", _INNER_ID.sub("", key)).strip(" *")
    return out if any(c.isalpha() for c in out) else key


def stream_keys(keys: pd.Series, by: pd.Series | None = None) -> pd.Series:
    """Merchant keys with a trailing reference-like token dropped, so descriptor variants group.

    ``merchant_key`` already drops long reference numbers; card networks also print shorter ones
    (``AMAZON PRIME*Y34YCG``, ``KINDLE SVCS*IHIEBSK``, ``GOOGLE *YouTube 1JCR g.co/helppay#``,
    ``APPLE COM BILL 151``). The last word is dropped when it mixes letters and digits (4+
    characters), or when it is a code (4+ letters, 2+ digits) that changes from charge to charge: at
    least two different ones, nearly one per charge with that start (80 %). A word that repeats
    (``NETFLIX BASIC``, ``SUBSCRIPTION SERVICE 12``) names a product and stays. A standalone ``COM``
    (a web address printed with spaces) is dropped too, and so is a letters-and-digits reference of 6+
    characters anywhere after the first word (``MUSICBOX PX7Q2LMA9 STOCKHOLM``, ``CLOUDVAULT*E0300ABCDE``).

    ``by`` (a client column): whether a code "changes from charge to charge" is decided per client, as if
    each client's rows were given alone.
    """
    kc, ku = pd.factorize(keys)
    base = [_base_key(str(k)) for k in ku]
    if by is None:
        bc = np.zeros(len(kc), dtype=np.int64)
    else:
        bc, _ = pd.factorize(by.fillna(""), use_na_sentinel=False)
    width = np.int64(len(ku) + 1)
    pair = bc.astype(np.int64) * width + kc
    pairs, counts = np.unique(pair[kc >= 0], return_counts=True)
    members: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for p, n in zip(pairs.tolist(), counts.tolist(), strict=True):
        b, k = divmod(p, int(width))
        code_head = base[k][1]
        if code_head is not None:
            members.setdefault((b, code_head), []).append((k, n))
    final = np.array([_COUNTRY_TAIL.sub("", v) or v for v, _ in base] + [""], dtype=object)
    out = final[np.where(kc >= 0, kc, len(ku))]
    head_of: dict[int, str] = {}  # pair -> the head its changing code is dropped to
    for (b, code_head), group in members.items():
        total = sum(n for _, n in group)
        if len(group) >= 2 and len(group) >= 0.8 * total:
            for k, _ in group:
                head_of[b * int(width) + k] = _COUNTRY_TAIL.sub("", code_head) or code_head
    if head_of:
        hit = np.isin(pair, np.fromiter(head_of, dtype=np.int64))
        out[hit] = [head_of[p] for p in pair[hit].tolist()]
    return pd.Series(out, index=keys.index, dtype="str")


def _base_key(key: str) -> tuple[str, str | None]:
    """One key with its reference-like parts dropped, and the head before its last word when that word is a
    code that may change from charge to charge (else None)."""
    k = _WEB_WORD.sub("", key).strip() or key
    k = _COUNTRY_TAIL.sub("", _drop_inner_ids(k)) or k
    out = k
    head, _, tail = k.rpartition(" ")
    if not head or not any(c.isalpha() for c in head):
        return out, None
    if _MIXED_ID.match(tail):
        out = head
    return out, (head if _CODE.match(tail) else None)


