"""Charges of the table as a stream-finding input: amount key, unit and the group key per charge."""

from __future__ import annotations

import re

import pandas as pd

DESCRIPTOR_COLUMNS = ("descriptor_norm", "merchant_key", "facilitator")


def _with_descriptor_columns(tx: pd.DataFrame) -> pd.DataFrame:
    if all(c in tx.columns for c in DESCRIPTOR_COLUMNS):
        return tx
    from audit.descriptors import add_descriptor_columns

    return add_descriptor_columns(tx)


def charge_frame(tx: pd.DataFrame) -> pd.DataFrame:
    """Charges only, with ``amount_key`` (foreign amount when printed) and ``unit`` (its currency)."""
    ch = tx.loc[(tx["kind"] == "charge") & (tx["amount"] > 0) & tx["date"].notna()].copy()
    foreign = ch["original_amount"].notna() & (ch["original_amount"] > 0) & ch["original_currency"].notna()
    ch["amount_key"] = ch["original_amount"].where(foreign, ch["amount"]).astype("float64")
    ch["unit"] = ch["original_currency"].where(foreign, ch["currency"]).fillna("?").astype("str")
    key = ch["merchant_key"] if "merchant_key" in ch.columns else ch["description"]
    ch["merchant_key_out"] = key.fillna(ch["description"]).fillna("?").astype("str")
    ch["group_key"] = stream_keys(ch["merchant_key_out"])
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


def stream_keys(keys: pd.Series) -> pd.Series:
    """Merchant keys with a trailing reference-like token dropped, so descriptor variants group.

    ``merchant_key`` already drops long reference numbers; card networks also print shorter ones
    (``AMAZON PRIME*Y34YCG``, ``KINDLE SVCS*IHIEBSK``, ``GOOGLE *YouTube 1JCR g.co/helppay#``,
    ``APPLE COM BILL 151``). The last word is dropped when it mixes letters and digits (4+
    characters), or when it is a code (4+ letters, 2+ digits) that changes from charge to charge: at
    least two different ones, nearly one per charge with that start (80 %). A word that repeats
    (``NETFLIX BASIC``, ``SUBSCRIPTION SERVICE 12``) names a product and stays. A standalone ``COM``
    (a web address printed with spaces) is dropped too, and so is a letters-and-digits reference of 6+
    characters anywhere after the first word (``MUSICBOX PX7Q2LMA9 STOCKHOLM``, ``CLOUDVAULT*E0300ABCDE``).
    """
    counts = keys.value_counts()
    out: dict[str, str] = {}
    codes: dict[str, list[tuple[str, int]]] = {}
    for key, n in counts.items():
        k = _WEB_WORD.sub("", str(key)).strip() or str(key)
        k = _COUNTRY_TAIL.sub("", _drop_inner_ids(k)) or k
        out[str(key)] = k
        head, _, tail = k.rpartition(" ")
        if not head or not any(c.isalpha() for c in head):
            continue
        if _MIXED_ID.match(tail):
            out[str(key)] = head
        if _CODE.match(tail):
            codes.setdefault(head, []).append((str(key), int(n)))
    for head, members in codes.items():
        total = sum(n for _, n in members)
        if len(members) >= 2 and len(members) >= 0.8 * total:
            for key, _ in members:
                out[key] = head
    return keys.map({k: _COUNTRY_TAIL.sub("", v) or v for k, v in out.items()}).astype("str")


