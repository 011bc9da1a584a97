"""Per-charge and per-stream features every scam signal reads (lexicon flags, currency, streams)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from audit.columns import isin_text, shared_objects
from audit.detection import lexicon
from audit.detection.descriptor_features import descriptor_features
from audit.detection.keys import _filled_codes
from audit.ids import id_rows
from audit.model import Finding, Subscription
from audit.textcols import factorize_text

PER_YEAR = {"weekly": 52.0, "biweekly": 26.0, "semi-monthly": 24.0, "monthly": 12.0, "bimonthly": 6.0, "quarterly": 4.0,
            "semi-annual": 2.0, "annual": 1.0}
PER_YEAR.update({f"{n}-year": 1.0 / n for n in range(2, 11)})  # plans seen once (audit.detection.plans)


SYMBOLS = {"JPY": "¥", "USD": "US$", "EUR": "€", "GBP": "£", "AUD": "A$", "CAD": "C$"}
SOFTWARE_RESELLERS = {"FastSpring", "2Checkout", "Paddle", "cleverbridge", "Digital River", "SafeCart",
                      "RevenueWire", "Nexway", "asknet"}
OVERSEAS_AGENTS = {"FastSpring", "2Checkout", "Paddle", "cleverbridge", "Digital River", "SafeCart",
                   "RevenueWire", "Nexway", "asknet", "KOMOJU"}
RESELLER_HOMES = {"USD", "EUR", "GBP", "CAD", "AUD"}  # currencies the software resellers bill in at home


def money(amount: float, currency: str | None) -> str:
    """Amount as people write it: ¥4,400 / US$29.99 / 12.00 CHF."""
    cur = currency if isinstance(currency, str) else ""
    if cur == "JPY":
        return f"¥{amount:,.0f}"
    if cur in SYMBOLS:
        return f"{SYMBOLS[cur]}{amount:,.2f}"
    if cur == "unknown":  # the statement names no currency: say so rather than print the placeholder
        return f"{amount:,.2f} (currency not stated)"
    return f"{amount:,.2f} {cur}".strip()


def money_totals(amounts: Iterable[float], currencies: Iterable[str | None]) -> str:
    """Sums per billing currency, as people write them: ``US$149.95 + £118.40`` (never one sum of two currencies)."""
    sums: dict[str, float] = {}
    for a, c in zip(amounts, currencies, strict=True):
        key = c if isinstance(c, str) else ""
        sums[key] = sums.get(key, 0.0) + float(a)
    return " + ".join(money(v, k) for k, v in sorted(sums.items()))


def stream_values(ps: pd.DataFrame, names: tuple[str, ...]) -> dict[str, dict]:
    """Columns of the per-stream features as dicts (stream number -> value): a lookup per stream without
    pandas' scalar access (a column the frame lacks is an empty dict)."""
    return {c: (ps[c].to_dict() if c in ps.columns else {}) for c in names}


@dataclass
class _Context:
    """Per-transaction features every signal uses."""

    tx: pd.DataFrame
    subs: list[Subscription]
    known: list[Finding]
    home: str = "JPY"
    known_ids: set[str] = field(default_factory=set)
    stream_of: dict[str, int] = field(default_factory=dict)
    per_stream: pd.DataFrame = field(default_factory=pd.DataFrame)
    data_start: pd.Timestamp | None = None
    full: pd.DataFrame = field(default_factory=pd.DataFrame)
    owner_start: dict[str, pd.Timestamp] = field(default_factory=dict)  # first date on each owner's statements
    owner_end: dict[str, pd.Timestamp] = field(default_factory=dict)  # last date on each owner's statements
    lead_index: dict | None = None  # per owner: charges that may lead a prepaid burst (built on first use)
    burst_candidates: pd.DataFrame | None = None  # bursts._candidates (built on first use; two signals read it)
    # every row of ``full``: its owner (a number into owner_texts), its descriptor (a number into feats) and the
    # home currency its owner (else its client, else the table) bills in
    owner_code: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    owner_texts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    desc_code: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    feats: pd.DataFrame = field(default_factory=pd.DataFrame)
    home_code: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # into home_texts
    home_texts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    memo: dict = field(default_factory=dict)  # what several signals compute from ``full`` (see full_codes)


def full_codes(ctx: _Context, col: str) -> tuple[np.ndarray, Any]:
    """``pd.factorize`` of a column of the whole table, computed once per context."""
    key = ("codes", col)
    if key not in ctx.memo:
        ctx.memo[key] = pd.factorize(ctx.full[col])
    return ctx.memo[key]


def full_kind_charge(ctx: _Context) -> np.ndarray:
    """Per row of the whole table: its kind is ``charge`` (computed once per context)."""
    if "kind_charge" not in ctx.memo:
        ctx.memo["kind_charge"] = (ctx.full["kind"] == "charge").to_numpy(dtype=bool, na_value=False)
    return ctx.memo["kind_charge"]


def full_charges(ctx: _Context) -> pd.Series:
    """Per row of the whole table: a charge of a positive amount (computed once per context)."""
    if "charges" not in ctx.memo:
        ctx.memo["charges"] = pd.Series(full_kind_charge(ctx) & (ctx.full["amount"] > 0).to_numpy(dtype=bool),
                                        index=ctx.full.index)
    return ctx.memo["charges"]


_USED = ("id", "date", "description", "amount", "currency", "original_amount", "original_currency", "kind",
         "merchant_key", "descriptor_norm")


def _prepare(tx: pd.DataFrame, subs: list[Subscription], known: list[Finding]) -> _Context:
    """Features for the rows some signal can use (a big table shrinks to a few of its rows).

    Prepaid bursts read their candidates from the whole table (:attr:`_Context.full` with the per-row codes),
    so convenience-store and gift-card-shop purchases do not enter ``ctx.tx`` for that alone.
    """
    from audit.detection.recurring import _with_descriptor_columns

    tx = _with_descriptor_columns(tx)
    memo: dict = {}
    desc_codes = _description_codes(tx["description"])
    codes, feats = descriptor_features(tx["description"], codes=desc_codes)
    col = {c: feats[c].to_numpy() for c in feats.columns}  # per distinct descriptor: a row reads col[c][codes]
    reseller_d = col["reseller"]
    fill = fc = fu = None
    if "facilitator" in tx.columns:  # the normaliser's facilitator when the lexicon knows none
        fc, fu = factorize_text(tx["facilitator"])  # (known from the description's codes: audit.descriptors)
        fu = np.append(np.asarray(fu, dtype=object), None)  # code -1 (missing) -> None
        usable = np.array([not pd.isna(v) and v != "nan" for v in fu], dtype=bool)
        fill = usable[fc] & pd.isna(reseller_d)[codes]
    # a descriptor with a sign (software, support, plan, prepaid, a reseller, an imitated brand, two kinds of
    # sign: it may lead a burst) makes its rows relevant; so does a facilitator standing in for the reseller
    signed = (col["software"] | col["support"] | col["plan"] | col["prepaid"] | ~pd.isna(reseller_d)
              | ~pd.isna(col["imitates"]) | col["security"] | col["scareware"] | (col["signs"] >= 2))
    known_ids = {i for f_ in known for i in f_.transaction_ids}
    stream_of = {i: n for n, s_ in enumerate(subs) for i in s_.transaction_ids}
    kind_charge = tx["kind"] == "charge"
    is_charge = (kind_charge & (tx["amount"] > 0)).to_numpy()
    is_refund = ((tx["kind"] == "refund") | ((tx["amount"] < 0) & (tx["kind"] != "payment"))).fillna(False).to_numpy()
    ids = tx["id"]
    relevant = np.asarray(signed[codes] | is_refund, dtype=bool)
    relevant[id_rows(ids, stream_of.keys() | known_ids)] = True
    if fill is not None:
        relevant |= fill
    owner_code, owner_texts, parts = _owner_table(tx)
    cur_codes = pd.factorize(tx["currency"])  # the signals' codes of the column (full_codes), made once
    home_of = _home_currencies(tx["currency"], owner_code, owner_texts, is_charge, codes=cur_codes)
    home = home_of.mode()
    home = str(home.iloc[0]) if len(home) else "JPY"
    # the client's usual currency stands in where an owner (or a row) has none, client by client
    if "client" in tx.columns:
        cc, cu = parts["client"]
    else:
        cc, cu = np.zeros(len(tx), dtype=np.int64), np.array([""], dtype=object)
    first_row = _first_rows(owner_code, len(owner_texts))
    client_home = _client_homes(home_of, pd.Series(owner_texts), pd.Series(cu[cc[first_row]]))
    # homes as numbers into one table of texts: no text per row
    owner_home = pd.Series(owner_texts).map(home_of).astype(object).to_numpy()
    homes = pd.unique(pd.Series([*owner_home[~pd.isna(owner_home)], *client_home.values(), home], dtype=object))
    at = {h: i for i, h in enumerate(homes)}
    client_idx = np.array([at[client_home.get(c, home)] for c in cu], dtype=np.int64)
    owner_idx = np.array([-1 if pd.isna(h) else at[h] for h in owner_home], dtype=np.int64)
    row_client_home = client_idx[cc]
    row_home = np.where(owner_idx[owner_code] >= 0, owner_idx[owner_code], row_client_home)
    keep = [c for c in _USED if c in tx.columns]
    slim = tx.loc[relevant, keep]
    slim["owner"] = owner_texts[owner_code[relevant]]
    slim["client_home"] = homes[row_client_home[relevant]]
    slim["home"] = homes[row_home[relevant]]
    coded = {"description": desc_codes}  # columns whose codes (pd.factorize of the whole column) are at hand
    if "merchant_key" in tx.columns and isinstance(tx["merchant_key"].dtype, pd.StringDtype):
        coded["merchant_key"] = _memo_codes(memo, tx, "merchant_key")  # (several signals read them)
    for c in slim.columns:  # plain object columns: row picks below are much faster than on Arrow strings
        if isinstance(slim[c].dtype, pd.StringDtype):  # (dtype=object: pandas would turn texts back into str)
            if c in coded and coded[c] is not None:  # shared_objects of the rows, from the whole column's codes
                c_codes, c_uniq = coded[c]
                table = np.append(np.asarray(c_uniq, dtype=object), None)  # code -1 (missing) -> None
                slim[c] = pd.Series(table[c_codes[relevant]], index=slim.index, dtype=object)
            else:
                slim[c] = pd.Series(shared_objects(slim[c]), index=slim.index, dtype=object)
    rc = codes[relevant]
    for c in ("software", "support", "plan", "prepaid"):
        slim[c] = col[c][rc]
    for c in ("konbini", "gift_shop"):
        slim[c] = feats[c].to_numpy()[rc]
    slim["signs"] = feats["signs"].to_numpy()[rc]
    slim["fold"] = feats["fold"].to_numpy()[rc]
    slim["legit"] = feats["legit"].to_numpy()[rc]
    slim["imitates"] = feats["imitates"].to_numpy()[rc]
    slim["reseller"] = (reseller_d[rc] if fill is None
                        else np.where(fill[relevant], fu[fc[relevant]], reseller_d[rc]))
    for c in ("retail", "phone", "navi", "romaji", "security", "scareware"):
        slim[c] = feats[c].to_numpy()[rc]
    # a file that names no currency ("unknown") is not evidence of a foreign charge
    cur = slim["currency"].where(slim["currency"] != "unknown").fillna(slim["home"])
    orig_cur = slim["original_currency"]
    slim["foreign"] = ((orig_cur.notna() & (orig_cur != slim["currency"])) | (cur != slim["home"])).to_numpy(bool) | (
        feats["abroad"].to_numpy()[rc])
    # Software resellers are abroad for a card billed in yen or won; for dollar, euro and pound cards they bill at home.
    slim["overseas_agent"] = slim["reseller"].isin(list(OVERSEAS_AGENTS)) & ~slim["home"].isin(list(RESELLER_HOMES))
    slim["in_person"] = slim["reseller"].isin(list(lexicon.IN_PERSON))
    slim["retail"] = slim["retail"] | slim["in_person"]
    name = slim["descriptor_norm"] if "descriptor_norm" in slim.columns else slim["description"]
    slim["name"] = name.where(name.notna(), slim["description"])
    slim = slim.set_index("id", drop=False)
    ctx = _Context(slim, subs, known, home=home)
    ctx.data_start = tx["date"].min()
    span = tx["date"].groupby(owner_code).agg(["min", "max"])
    ctx.owner_start = dict(zip(owner_texts[span.index.to_numpy()], span["min"], strict=True))
    ctx.owner_end = dict(zip(owner_texts[span.index.to_numpy()], span["max"], strict=True))
    ctx.full = tx
    ctx.owner_code, ctx.owner_texts, ctx.desc_code, ctx.feats = owner_code, owner_texts, codes, feats
    ctx.home_code, ctx.home_texts = row_home, np.asarray(homes, dtype=object)
    ctx.known_ids = known_ids
    ctx.memo.update(memo)
    ctx.memo[("codes", "currency")] = cur_codes
    ctx.memo["kind_charge"] = kind_charge.to_numpy(dtype=bool, na_value=False)  # full_kind_charge
    ctx.stream_of = stream_of
    ctx.per_stream = _stream_features(slim, subs, known_ids, ctx.memo)
    return ctx


def _description_codes(desc: pd.Series) -> tuple[np.ndarray, Any] | None:
    """``pd.factorize(desc)`` of an Arrow text column, shared with the stages before (descriptor columns, merchant
    matching: :func:`audit.textcols.factorize_text`); None for another column."""
    if not (isinstance(desc.dtype, pd.StringDtype) and hasattr(desc.array, "__arrow_array__")):
        return None
    return factorize_text(desc)


def _memo_codes(memo: dict, tx: pd.DataFrame, col: str) -> tuple[np.ndarray, Any]:
    """``pd.factorize`` of a column of the whole table, kept in ``memo`` as :func:`full_codes` keeps it."""
    key = ("codes", col)
    if key not in memo:
        memo[key] = factorize_text(tx[col])  # pd.factorize (known from the description's codes: audit.descriptors)
    return memo[key]


def _owner_table(tx: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """:func:`audit.detection.keys.owner_table` of ``tx`` and the codes it is made of (``_filled_codes`` of the
    client and card columns, by name): each column factorized once."""
    parts = {c: _filled_codes(tx[c]) for c in ("client", "card") if c in tx.columns}
    if not parts:
        return np.zeros(len(tx), dtype=np.int64), np.array([""], dtype=object), parts
    combo = np.zeros(len(tx), dtype=np.int64)
    for c, u in parts.values():
        combo = combo * np.int64(len(u) + 1) + c
    e, first = pd.factorize(combo)
    texts = np.full(len(first), "", dtype=object)
    rest = first.astype(np.int64)
    cols = []
    for _c, u in reversed(parts.values()):
        cols.append(np.asarray(u, dtype=object)[rest % np.int64(len(u) + 1)])
        rest = rest // np.int64(len(u) + 1)
    for col in reversed(cols):
        texts = texts + "\x1f" + col
    codes, uniq = pd.factorize(texts)
    return codes[e].astype(np.int64), np.asarray(uniq, dtype=object), parts


def _first_rows(codes: np.ndarray, n: int) -> np.ndarray:
    """Each code's first row, codes ``0..n-1`` in order (``np.unique(codes, return_index=True)[1]`` without a sort).

    Codes numbered in order of first appearance (a factorize) start where a code exceeds every code before it;
    other numberings are found by hashing."""
    if len(codes) and codes.min() >= 0:
        before = np.maximum.accumulate(np.concatenate([[-1], codes[:-1]]))
        first = np.flatnonzero(codes > before)
        if len(first) == n and np.array_equal(codes[first], np.arange(n)):
            return first
    first = np.flatnonzero(~pd.Series(codes).duplicated().to_numpy())
    return first[np.argsort(codes[first], kind="stable")]


def _stream_features(slim: pd.DataFrame, subs: list[Subscription], known_ids: set[str],
                     memo: dict | None = None) -> pd.DataFrame:
    """One row per stream (by position in ``subs``): what its charges have in common. ``memo``: where the
    positions in ``slim`` of every stream's ids (``stream_pos``, -1 for an id not there) are kept."""
    cols = ["legit", "foreign", "software", "support", "overseas_agent", "reseller", "signs", "security", "scareware"]
    if slim.index.is_unique:  # by position (one row each, as .loc gives), all streams' ids in one look-up
        every = [i for s in subs for i in s.transaction_ids]
        pos = slim.index.get_indexer(every)
        if memo is not None:
            memo["stream_pos"] = pos
        found = pos >= 0
        if not found.any():
            return pd.DataFrame()
        ids = list(itertools.compress(every, found.tolist()))
        sub = np.repeat(np.arange(len(subs)), [len(s.transaction_ids) for s in subs])[found]
        f = slim.iloc[pos[found], slim.columns.get_indexer(cols)]
    else:  # by label
        present = set(slim.index)
        ids = [i for s in subs for i in s.transaction_ids if i in present]
        if not ids:
            return pd.DataFrame()
        sub = np.repeat(np.arange(len(subs)), [sum(1 for i in s.transaction_ids if i in present) for s in subs])
        f = slim.loc[ids, cols]
    f = f.reset_index(drop=True).assign(sub=sub, known=isin_text(ids, known_ids) if known_ids else False)
    f["soft_agent"] = f["reseller"].isin(list(SOFTWARE_RESELLERS))
    for c in ("foreign", "software", "support", "overseas_agent", "security", "scareware"):
        f[c] = f[c].fillna(False).astype(bool)
    g = f.groupby("sub")
    return pd.DataFrame({
        "legit": g["legit"].count() > 0,
        "known_share": g["known"].mean(),
        "foreign": g["foreign"].mean(),
        "software": g["software"].any(),
        "support": g["support"].any(),
        "security": g["security"].any(),
        "scareware": g["scareware"].any(),
        "overseas_agent": g["overseas_agent"].any(),
        "soft_agent": g["soft_agent"].any(),
        "signs": g["signs"].max(),
    })


def _client_homes(home_of: pd.Series, owner: pd.Series, client: pd.Series) -> dict[str, str]:
    """Per client: the home currency most of its owners (cards) have (ties: the first in sort order)."""
    if home_of.empty:
        return {}
    pairs = pd.DataFrame({"owner": owner.to_numpy(), "client": client.to_numpy()}).drop_duplicates("owner")
    pairs = pairs.assign(home=pairs["owner"].map(home_of)).dropna(subset=["home"])
    counts = pairs.groupby(["client", "home"], sort=True).size().reset_index(name="n")
    best = counts.sort_values(["client", "n"], ascending=[True, False], kind="stable").drop_duplicates("client")
    return dict(zip(best["client"], best["home"].astype(str), strict=True))


def _home_currencies(currency: pd.Series | np.ndarray, owner_code: np.ndarray, owner_texts: np.ndarray,
                     is_charge: np.ndarray, codes: tuple[np.ndarray, Any] | None = None) -> pd.Series:
    """Per owner (client and card; ``owner_code`` numbers ``owner_texts``): the currency most of its charges
    are billed in (``currency``: per row, the column itself: no text per row; ties: the first in sort order;
    ``codes``: ``pd.factorize(currency)`` when the caller has it)."""
    cur_c, cur_u = pd.factorize(currency) if codes is None else codes
    cur_u = np.asarray(cur_u, dtype=object)
    unknown = np.append(cur_u == "unknown", True)  # code -1 (missing) is never counted either
    counted = is_charge & ~unknown[cur_c]  # a file that names no currency says nothing of home
    if not counted.any():
        return pd.Series(dtype="object")
    width = np.int64(len(cur_u) + 1)
    pair = owner_code[counted] * width + cur_c[counted]
    if len(owner_texts) * width <= 4 * len(pair) + 1024:  # np.unique(pair, return_counts=True) without a sort
        n = np.bincount(pair, minlength=len(owner_texts) * width)
        pairs = np.flatnonzero(n)
        n = n[pairs]
    else:
        pairs, n = np.unique(pair, return_counts=True)
    counts = pd.DataFrame({"owner": owner_texts[pairs // width], "currency": cur_u[pairs % width], "n": n})
    counts = counts.sort_values(["owner", "currency"], kind="stable")
    best = counts.sort_values(["owner", "n"], ascending=[True, False], kind="stable").drop_duplicates("owner")
    return pd.Series(best["currency"].astype(str).to_numpy(), index=best["owner"].to_numpy())


def _key(r: pd.Series | dict) -> str | None:
    v = r.get("merchant_key")
    return str(v) if isinstance(v, str) else None


def _days(s: pd.Series) -> np.ndarray:
    return s.to_numpy().astype("datetime64[D]").astype(np.int64)

