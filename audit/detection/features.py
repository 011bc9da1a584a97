"""Per-charge and per-stream features every scam signal reads (lexicon flags, currency, streams)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from audit.detection import lexicon
from audit.model import Finding, Subscription

PER_YEAR = {"weekly": 52.0, "biweekly": 26.0, "semi-monthly": 24.0, "monthly": 12.0, "bimonthly": 6.0, "quarterly": 4.0,
            "semi-annual": 2.0, "annual": 1.0}


SYMBOLS = {"JPY": "¥", "USD": "US$", "EUR": "€", "GBP": "£", "AUD": "A$", "CAD": "C$"}
SOFTWARE_RESELLERS = {"FastSpring", "2Checkout", "Paddle", "cleverbridge", "Digital River", "SafeCart",
                      "RevenueWire", "Nexway", "asknet"}
OVERSEAS_AGENTS = {"FastSpring", "2Checkout", "Paddle", "cleverbridge", "Digital River", "SafeCart",
                   "RevenueWire", "Nexway", "asknet", "KOMOJU"}


def money(amount: float, currency: str | None) -> str:
    """Amount as people write it: ¥4,400 / US$29.99 / 12.00 CHF."""
    cur = currency if isinstance(currency, str) else ""
    if cur == "JPY":
        return f"¥{amount:,.0f}"
    if cur in SYMBOLS:
        return f"{SYMBOLS[cur]}{amount:,.2f}"
    return f"{amount:,.2f} {cur}".strip()


def _allowlist() -> Callable[[str], str | None]:
    """The merchant lists' allowlist when helper modules are present, else a no-op."""
    try:
        from audit.merchants import allowlist_match
    except (ImportError, AttributeError):
        return lambda _text: None

    def check(text: str) -> str | None:
        try:
            return allowlist_match(text)
        except Exception:  # a broken list must not stop the audit; the lexicon still applies
            return None

    return check


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
    all_folds: pd.DataFrame = field(default_factory=pd.DataFrame)  # folded descriptor and row of every charge
    full: pd.DataFrame = field(default_factory=pd.DataFrame)


def _descriptor_features(desc: pd.Series) -> tuple[np.ndarray, pd.DataFrame]:
    """Row codes into the distinct descriptors, and lexicon features per distinct descriptor."""
    allow = _allowlist()
    codes, uniq = pd.factorize(desc.fillna("").astype("str"))
    folded = [lexicon.fold(d) for d in uniq]
    feats = pd.DataFrame({
        "fold": pd.Series(folded, dtype=object),
        "legit": pd.Series([allow(d) or lexicon.legit_brand(f) for d, f in zip(uniq, folded, strict=True)],
                           dtype=object),
        "software": [lexicon.software_like(f) for f in folded],
        "support": [lexicon.support_like(f) for f in folded],
        "plan": [lexicon.plan_like(f) for f in folded],
        "reseller": pd.Series([lexicon.reseller_of(f) for f in folded], dtype=object),
        "prepaid": [lexicon.prepaid_like(f) for f in folded],
        "konbini": [lexicon.konbini_like(f) for f in folded],
        "abroad": ["海外" in f for f in folded],
        "retail": [lexicon.retailer_like(f) for f in folded],
        "phone": pd.Series([lexicon.phone_in(f) for f in folded], dtype=object),
        "navi": [lexicon.navi_dial(f) for f in folded],
        "romaji": [lexicon.romaji_only(f) for f in folded],
    })
    return codes, feats


_USED = ("id", "date", "description", "amount", "currency", "original_amount", "original_currency", "kind",
         "merchant_key", "descriptor_norm")


def _prepare(tx: pd.DataFrame, subs: list[Subscription], known: list[Finding]) -> _Context:
    """Features for the rows some signal can use (a big table shrinks to a few of its rows)."""
    from audit.detection.recurring import _with_descriptor_columns

    tx = _with_descriptor_columns(tx)
    codes, feats = _descriptor_features(tx["description"])
    f = {c: feats[c].to_numpy()[codes] for c in ("software", "support", "plan", "prepaid", "konbini")}
    reseller = feats["reseller"].to_numpy()[codes]
    if "facilitator" in tx.columns:  # the normaliser's facilitator when the lexicon knows none
        fac = tx["facilitator"].astype(object).to_numpy()
        fill = pd.isna(reseller) & ~pd.isna(fac) & (fac != "nan")
        reseller = np.where(fill, fac, reseller)
    known_ids = {i for f_ in known for i in f_.transaction_ids}
    stream_of = {i: n for n, s_ in enumerate(subs) for i in s_.transaction_ids}
    is_charge = ((tx["kind"] == "charge") & (tx["amount"] > 0)).to_numpy()
    is_refund = ((tx["kind"] == "refund") | ((tx["amount"] < 0) & (tx["kind"] != "payment"))).fillna(False).to_numpy()
    ids = tx["id"]
    relevant = (f["software"] | f["support"] | f["plan"] | f["prepaid"] | f["konbini"] | ~pd.isna(reseller)
                | is_refund
                | ids.isin(list(stream_of)).to_numpy() | ids.isin(list(known_ids)).to_numpy())
    home = tx.loc[is_charge, "currency"].mode()
    home = str(home.iloc[0]) if len(home) else "JPY"
    keep = [c for c in _USED if c in tx.columns]
    slim = tx.loc[relevant, keep].copy()
    for c in slim.columns:  # plain object columns: row picks below are much faster than on Arrow strings
        if pd.api.types.is_string_dtype(slim[c]):
            slim[c] = slim[c].astype(object).where(slim[c].notna(), None)
    rc = codes[relevant]
    for c in ("software", "support", "plan", "prepaid", "konbini"):
        slim[c] = f[c][relevant]
    slim["fold"] = feats["fold"].to_numpy()[rc]
    slim["legit"] = feats["legit"].to_numpy()[rc]
    slim["reseller"] = reseller[relevant]
    for c in ("retail", "phone", "navi", "romaji"):
        slim[c] = feats[c].to_numpy()[rc]
    cur = slim["currency"].fillna(home)
    orig_cur = slim["original_currency"]
    slim["foreign"] = ((orig_cur.notna() & (orig_cur != slim["currency"])) | (cur != home)).to_numpy(bool) | (
        feats["abroad"].to_numpy()[rc])
    slim["overseas_agent"] = slim["reseller"].isin(list(OVERSEAS_AGENTS))
    name = slim["descriptor_norm"] if "descriptor_norm" in slim.columns else slim["description"]
    slim["name"] = name.where(name.notna(), slim["description"])
    slim = slim.set_index("id", drop=False)
    ctx = _Context(slim, subs, known, home=home)
    ctx.data_start = tx["date"].min()
    ctx.all_folds = pd.DataFrame({"fold": feats["fold"].to_numpy()[codes[is_charge]], "row": np.flatnonzero(is_charge)})
    ctx.full = tx
    ctx.known_ids = known_ids
    ctx.stream_of = stream_of
    ctx.per_stream = _stream_features(slim, subs, known_ids)
    return ctx


def _stream_features(slim: pd.DataFrame, subs: list[Subscription], known_ids: set[str]) -> pd.DataFrame:
    """One row per stream (by position in ``subs``): what its charges have in common."""
    pairs = [(n, i) for n, s in enumerate(subs) for i in s.transaction_ids if i in slim.index]
    if not pairs:
        return pd.DataFrame()
    m = pd.DataFrame(pairs, columns=["sub", "id"])
    f = slim.loc[m["id"], ["legit", "foreign", "software", "support", "overseas_agent", "reseller"]]
    f = f.reset_index(drop=True).assign(sub=m["sub"].to_numpy(), known=m["id"].isin(known_ids).to_numpy())
    f["soft_agent"] = f["reseller"].isin(list(SOFTWARE_RESELLERS))
    for c in ("foreign", "software", "support", "overseas_agent"):
        f[c] = f[c].fillna(False).astype(bool)
    g = f.groupby("sub")
    return pd.DataFrame({
        "legit": g["legit"].count() > 0,
        "known_share": g["known"].mean(),
        "foreign": g["foreign"].mean(),
        "software": g["software"].any(),
        "support": g["support"].any(),
        "overseas_agent": g["overseas_agent"].any(),
        "soft_agent": g["soft_agent"].any(),
    })



def _key(r: pd.Series) -> str | None:
    v = r.get("merchant_key")
    return str(v) if isinstance(v, str) else None


def _days(s: pd.Series) -> np.ndarray:
    return s.to_numpy().astype("datetime64[D]").astype(np.int64)

