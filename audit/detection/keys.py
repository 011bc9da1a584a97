"""Charges of the table as a stream-finding input: amount key, unit and the group key per charge."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    if by is None:
        bc = np.zeros(len(kc), dtype=np.int64)
    else:
        bc, _ = pd.factorize(by.fillna(""), use_na_sentinel=False)
    index, table = stream_key_table(kc, np.asarray(ku, dtype=object), bc)
    return pd.Series(table[index], index=keys.index, dtype="str")


def stream_key_table(kc: np.ndarray, ku: np.ndarray, bc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`stream_keys` on codes: ``kc`` indexes the distinct keys ``ku`` (-1: missing), ``bc`` numbers the
    rows' clients. Returns, per row, an index into a table of stream keys (one text per distinct outcome
    at most a few times over), and that table: no text is built per row."""
    base = [_base_key(str(k)) for k in ku]
    width = np.int64(len(ku) + 1)
    pair = bc.astype(np.int64) * width + kc
    pairs, counts = _unique_counts(pair[kc >= 0], int(width) * (int(bc.max()) + 1 if len(bc) else 1))
    members: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for p, n in zip(pairs.tolist(), counts.tolist(), strict=True):
        b, k = divmod(p, int(width))
        code_head = base[k][1]
        if code_head is not None:
            members.setdefault((b, code_head), []).append((k, n))
    final = [_COUNTRY_TAIL.sub("", v) or v for v, _ in base] + [""]
    index = np.where(kc >= 0, kc, len(ku)).astype(np.int64)
    head_of: dict[int, int] = {}  # pair -> position in the table of the head its changing code is dropped to
    heads: dict[str, int] = {}
    for (b, code_head), group in members.items():
        total = sum(n for _, n in group)
        if len(group) >= 2 and len(group) >= 0.8 * total:
            head = _COUNTRY_TAIL.sub("", code_head) or code_head
            at = heads.setdefault(head, len(final) + len(heads))
            for k, _ in group:
                head_of[b * int(width) + k] = at
    if head_of:
        hit = np.isin(pair, np.fromiter(head_of, dtype=np.int64))
        index[hit] = [head_of[p] for p in pair[hit].tolist()]
    return index, np.array(final + list(heads), dtype=object)


def _unique_codes(codes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_inverse=True)`` for codes in ``0 .. size - 1``, by counting instead of sorting."""
    present = np.zeros(size, dtype=bool)
    present[codes] = True
    return np.flatnonzero(present), (np.cumsum(present) - 1)[codes].astype(np.int64)


def _unique_counts(values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_counts=True)`` for values in ``0 .. size - 1``: counted when ``size`` is not much
    more than the values, else sorted."""
    if size > 4 * len(values) + 1024:
        return np.unique(values, return_counts=True)
    counts = np.bincount(values, minlength=size)
    at = np.flatnonzero(counts)
    return at, counts[at]


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


@dataclass
class ChargeArrays:
    """The charges of a table (what :func:`charge_frame` selects) as plain arrays, by row position in ``tx``.

    Texts stay codes: ``unit`` and ``group`` number the units and the (card holder, stream key) groups in
    the order they first appear among the charges, as factorizing the joined texts would; ``key_of`` gives
    the merchant key (``merchant_key``, else the description, else ``?``) of a charge on demand.
    """

    pos: np.ndarray  # row positions in tx
    days: np.ndarray  # day numbers (float)
    amount_key: np.ndarray
    unit: np.ndarray
    unit_names: np.ndarray
    group: np.ndarray
    group_key: np.ndarray  # per group: index into group_key_names
    group_key_names: np.ndarray  # the stream keys' texts
    key_index: np.ndarray  # per charge: index into key_table
    key_table: np.ndarray


def _codes(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes, uniq = pd.factorize(col)
    return codes.astype(np.int64), np.asarray(uniq, dtype=object)


def _filled_codes(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A number per row and the texts by number for ``col.astype("str").fillna("")`` (a missing value and
    an empty text get one number), without building the filled column."""
    if not isinstance(col.dtype, pd.StringDtype):
        return _codes(col.astype("str").fillna(""))
    return missing_as_empty(*_codes(col))


def missing_as_empty(codes: np.ndarray, uniq: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Factorized texts with the missing code (-1) turned into the number of the text "" (added if absent)."""
    if (codes >= 0).all():
        return codes, uniq
    empty = np.flatnonzero(uniq == "")
    if len(empty):
        return np.where(codes >= 0, codes, int(empty[0])), uniq
    return np.where(codes >= 0, codes, len(uniq)), np.append(uniq, "")


def _first_seen(index: np.ndarray, table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(table[index])`` without a text per row (``table``: texts, ``index``: rows into it)."""
    e, first = pd.factorize(index)
    codes, uniq = pd.factorize(table[first])
    return codes[e].astype(np.int64), np.asarray(uniq, dtype=object)


def charge_arrays(tx: pd.DataFrame, clients: np.ndarray, owners: np.ndarray | None = None) -> ChargeArrays:
    """:func:`charge_frame` as arrays (``clients``: a client number per row of ``tx``, a missing client one
    number; ``owners``: :func:`owner_codes` of ``tx`` when already made); equal to it value for value, but no
    column of the table is copied."""
    amount = tx["amount"].to_numpy(dtype=float, na_value=np.nan)
    is_charge = (tx["kind"] == "charge").to_numpy(dtype=bool, na_value=False) & (amount > 0) & tx["date"].notna().to_numpy()
    pos = np.flatnonzero(is_charge)
    orig = tx["original_amount"].to_numpy(dtype=float, na_value=np.nan)[pos]
    printed = ~np.isnan(orig) & (orig > 0)
    if printed.any():
        oc_c, oc_u = _codes(tx["original_currency"])
        oc_c = oc_c[pos]
    else:  # no foreign amount: the foreign currencies' codes are never read
        oc_c, oc_u = np.full(len(pos), -1, dtype=np.int64), np.zeros(0, dtype=object)
    cur_c, cur_u = _codes(tx["currency"])
    cur_c = cur_c[pos]
    foreign = printed & (oc_c >= 0)
    amount_key = np.where(foreign, orig, amount[pos]).astype("float64")
    unit_table = np.array([*oc_u, *cur_u, "?"], dtype=object)
    unit_idx = np.where(foreign, oc_c, np.where(cur_c >= 0, len(oc_u) + cur_c, len(oc_u) + len(cur_u)))
    unit, unit_names = _first_seen(unit_idx, unit_table)
    # merchant key per charge: merchant_key, else the description, else "?"
    key_col = tx["merchant_key"] if "merchant_key" in tx.columns else tx["description"]
    kc, ku = _codes(key_col)
    kc = kc[pos]
    if (kc < 0).any():
        miss = np.flatnonzero(kc < 0)
        extra = tx["description"].iloc[pos[miss]].fillna("?").astype("str").to_numpy(dtype=object)
        known = pd.Index(ku)
        new = pd.unique(pd.Series([e for e in extra if known.get_indexer([e])[0] < 0], dtype=object))
        ku = np.array([*ku, *new], dtype=object)
        kc[miss] = pd.Index(ku).get_indexer(extra)
    # compact the key codes to the charges' own keys (stream_keys factorizes the charges' keys)
    used, kc = _unique_codes(kc, len(ku))
    ku = ku[used]
    bc = clients[pos] if "client" in tx.columns else np.zeros(len(pos), dtype=np.int64)
    gidx, gtable = stream_key_table(kc, ku, bc)
    gk, gk_names = _first_seen(gidx, gtable)
    owner = (owner_codes(tx) if owners is None else owners)[pos]
    pairs, _ = pd.factorize(owner * np.int64(len(gk_names) + 1) + gk)
    group_key = np.zeros(int(pairs.max()) + 1 if len(pairs) else 0, dtype=np.int64)
    group_key[pairs] = gk
    days = tx["date"].to_numpy()[pos].astype("datetime64[D]").astype(np.int64).astype(float)
    return ChargeArrays(pos=pos, days=days, amount_key=amount_key, unit=unit, unit_names=unit_names,
                        group=pairs.astype(np.int64), group_key=group_key, group_key_names=gk_names, key_index=kc, key_table=ku)


def owner_codes(tx: pd.DataFrame) -> np.ndarray:
    """:func:`owner_keys` as numbers (one per distinct owner text), without a text per row."""
    return owner_table(tx)[0]


def owner_table(tx: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """:func:`owner_keys` as a number per row and the owner texts by number (numbered in order of first
    appearance); a text is built per distinct (client, card) pair, not per row."""
    parts = [_filled_codes(tx[c]) for c in ("client", "card") if c in tx.columns]
    if not parts:
        return np.zeros(len(tx), dtype=np.int64), np.array([""], dtype=object)
    combo = np.zeros(len(tx), dtype=np.int64)
    for c, u in parts:
        combo = combo * np.int64(len(u) + 1) + c
    e, first = pd.factorize(combo)
    texts = np.full(len(first), "", dtype=object)
    rest = first.astype(np.int64)
    cols = []
    for _c, u in reversed(parts):
        cols.append(np.asarray(u, dtype=object)[rest % np.int64(len(u) + 1)])
        rest = rest // np.int64(len(u) + 1)
    for col in reversed(cols):
        texts = texts + "\x1f" + col
    codes, uniq = pd.factorize(texts)
    return codes[e].astype(np.int64), np.asarray(uniq, dtype=object)
