"""Plans seen once: a first charge that shows its plan length starts a stream with its expected renewal.

A yearly or multi-year plan shows one charge in a statement window, so no rhythm can be seen. Its length can
still be read:

* from the descriptor: ``3年``, ``５ﾈﾝ``, ``ジュウネン``, ``1YR``, ``2 YEAR``, ``5YRS``, ``ANNUAL``, ``YEARLY``, ``年額``,
  ``ネンガク``, ``年間``, ``年会費``, ``24ヶ月``, ``12 MONTHS`` (a lifetime or "永久" plan is not renewed, so it
  starts no stream);
* from the merchant and the amount: a charge at a brand billing form that bills renewing plans (``renews`` in
  the brand table, :mod:`audit.detection.brands`), or at a security-software vendor, of at least the
  currency's yearly-plan amount (:attr:`audit.detection.thresholds.Limits.annual_plan`). Security suites are
  sold as licences of a year or more that renew by themselves (McAfee's automatic renewal,
  https://www.mcafee.com/japan/home/service/ar/; Norton's, https://www.nortonstore.jp/support/autorenewal/flow/;
  Trend Micro's yearly あんしん自動更新, https://helpcenter.trendmicro.com/ja-jp/article/TMKA-18909).

Such a charge, when no stream holds it, becomes a one-charge :class:`~audit.model.Subscription` whose cadence
is ``annual``, ``semi-annual``, ``quarterly`` or ``N-year`` and whose next charge is expected one plan length
later; the stream is ended when that date (plus a grace period) is before the client's last statement date.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

import numpy as np
import pandas as pd

from audit.columns import isin_text
from audit.detection import brands, lexicon
from audit.detection.thresholds import limits
from audit.model import Subscription

# Vendors whose products are renewing licences (the lexicon's brand names).
SECURITY_VENDORS = {"McAfee", "Norton", "Trend Micro", "ESET", "Kaspersky", "Avast", "Bitdefender", "Malwarebytes",
                    "Webroot", "Avira", "Sophos", "F-Secure"}
_KANJI_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_KANA_NUM = {"イチ": 1, "ニ": 2, "サン": 3, "ヨ": 4, "ゴ": 5, "ロク": 6, "ナナ": 7, "ハチ": 8, "キュウ": 9, "キユウ": 9,
             "ジュウ": 10, "ジユウ": 10, "ジッ": 10, "ジツ": 10}
_YEARS = re.compile(r"(?<![0-9A-Z])([1-9]|10) ?(?:YRS?|YEARS?|年|ネン)(?![A-Z0-9])")
_YEARS_WORD = re.compile("(" + "|".join(sorted(_KANA_NUM, key=len, reverse=True)) + "|[一二三四五六七八九十])(?:ネン|年)")
_MONTHS = re.compile(r"(?<![0-9A-Z])(3|6|12|24|36|48|60) ?(?:ヶ月|ケ月|カ月|か月|カゲツ|MONTHS?|MOS?)(?![A-Z0-9])")
_YEARLY = re.compile(r"ANNUAL|YEARLY|\b1 ?YR\b|年額|ネンガク|年間|ネンカン|年会費|ネンカイヒ|年払")
_LIFETIME = re.compile(r"LIFE ?TIME|PERMANENT|FOREVER|永久|永年|生涯|一生|エイキュウ|エイネン|ショウガイ")
_MAX_YEARS = 10


@lru_cache(maxsize=65536)
def plan_months(descriptor: str) -> int | None:
    """Months of the plan the descriptor names (12 for a yearly one), or None (none, or a lifetime plan)."""
    text = lexicon.fold(descriptor)
    if not text or _LIFETIME.search(text):
        return None
    m = _YEARS.search(text)
    if m:
        return 12 * int(m.group(1))
    m = _YEARS_WORD.search(text)
    if m:
        word = m.group(1)
        return 12 * (_KANA_NUM.get(word) or _KANJI_NUM[word])
    m = _MONTHS.search(text)
    if m:
        return int(m.group(1))
    if _YEARLY.search(text):
        return 12
    return None


@lru_cache(maxsize=65536)
def renewing_merchant(descriptor: str) -> bool:
    """True for a brand billing form that bills renewing plans, or a security-software vendor."""
    form = brands.billing_form(descriptor)
    if form is not None:
        return form.renews
    return (brands.impersonation(descriptor) is None
            and lexicon.legit_brand(lexicon.fold(descriptor)) in SECURITY_VENDORS)


def plan_months_many(texts: list[str]) -> np.ndarray:
    """:func:`plan_months` of each text (0 for None); only texts in which a length pattern may stand (one
    search of all the patterns together over all texts) are read one by one."""
    from audit.detection.bulk_search import candidates, texts_array
    from audit.detection.descriptor_features import _union

    out = np.zeros(len(texts), dtype=np.int64)
    if not texts:
        return out
    folded = [lexicon.fold(t) for t in texts]
    union = _union((_YEARS, _YEARS_WORD, _MONTHS, _YEARLY))
    maybe = candidates(union, folded, texts_array(folded)) if union is not None else np.arange(len(texts))
    for i in maybe.tolist():
        out[i] = plan_months(texts[i]) or 0
    return out


def renewing_many(texts: list[str]) -> np.ndarray:
    """:func:`renewing_merchant` of each text, the brand tables asked only where they may answer: a text in
    which no imitated brand's name or billing form may stand has no form and imitates nothing
    (:func:`audit.detection.descriptor_features._brand_gates`), so it renews only when the lexicon's brand
    is a security vendor - which needs a vendor's pattern in it (searched over all texts at once)."""
    from audit.detection.bulk_search import candidates, texts_array
    from audit.detection.descriptor_features import _brand_gates, _union

    out = np.zeros(len(texts), dtype=bool)
    if not texts:
        return out
    folded = [lexicon.fold(t) for t in texts]
    gate = _brand_gates(texts, folded)
    vendors = tuple(rx for name, rx in lexicon.LEGIT_BRANDS.items() if name in SECURITY_VENDORS)
    union = _union(vendors) if vendors else None
    maybe = np.zeros(len(texts), dtype=bool)
    if vendors:
        maybe[candidates(union, folded, texts_array(folded)) if union is not None else np.arange(len(texts))] = True
    for i in np.flatnonzero(gate | maybe).tolist():
        out[i] = renewing_merchant(texts[i]) if gate[i] else lexicon.legit_brand(folded[i]) in SECURITY_VENDORS
    return out


def cadence_of(months: int) -> str | None:
    """The stream cadence of a plan of ``months`` (None for monthly or odd lengths)."""
    if months % 12 == 0 and 12 <= months <= 12 * _MAX_YEARS:
        return "annual" if months == 12 else f"{months // 12}-year"
    return {3: "quarterly", 6: "semi-annual"}.get(months)


def _add_months(day: pd.Timestamp, months: int) -> pd.Timestamp:
    return day + pd.DateOffset(months=months)


def plan_streams(tx: pd.DataFrame, subs: list[Subscription], as_of: object = None) -> list[Subscription]:
    """One-charge streams for the plans seen once in ``tx`` that no stream of ``subs`` holds (see the module
    docstring); ``tx`` has the descriptor columns. A stream has ended when its renewal (and a grace period) is
    before ``as_of``, by default the client's own last date."""
    if tx.empty:
        return []
    held = {i for s in subs for i in s.transaction_ids}
    amount = tx["amount"].to_numpy(dtype=float, na_value=np.nan)
    charge = ((tx["kind"] == "charge").to_numpy(dtype=bool, na_value=False)) & (amount > 0)
    if not charge.any():
        return []
    # per distinct description and currency of the charges, then only the plan rows become a frame
    codes, uniq = pd.factorize(tx["description"].fillna("").astype(str))
    used = np.flatnonzero(np.bincount(codes[charge], minlength=len(uniq)))
    months_of = np.zeros(len(uniq), dtype=np.int64)
    renewing_of = np.zeros(len(uniq), dtype=bool)
    texts = np.asarray(uniq, dtype=object)
    months_of[used] = plan_months_many(texts[used].tolist())
    cur_codes, cur_uniq = pd.factorize(tx["currency"])
    cur_texts = np.array([*(str(u) for u in cur_uniq), ""], dtype=object)  # a missing currency is ""
    cur_codes = np.where(cur_codes < 0, len(cur_uniq), cur_codes)
    yearly = np.array([limits(c).annual_plan for c in cur_texts], dtype=float)[cur_codes]
    months = months_of[codes]
    # whether a merchant renews matters only for a description with a charge of a yearly plan's amount whose
    # text names no plan length: only those are looked up
    ask = np.flatnonzero(np.bincount(codes[charge & (months == 0) & (amount >= yearly)], minlength=len(uniq)))
    renewing_of[ask] = renewing_many(texts[ask].tolist())
    months = np.where((months == 0) & renewing_of[codes] & (amount >= yearly), 12, months)
    at = np.flatnonzero(charge & (months > 0))
    ch = tx.iloc[at]
    pick = ~isin_text(ch["id"].astype(str), held)
    if not pick.any():
        return []
    months = months[at]
    desc = pd.Series(np.asarray(uniq, dtype=object)[codes[at]], index=ch.index, dtype=object)
    cur = pd.Series(cur_texts[cur_codes[at]], index=ch.index, dtype=object)
    client = tx["client"].fillna("").astype(str) if "client" in tx.columns else pd.Series("", index=tx.index)
    last_of = tx["date"].groupby(client).max().to_dict()
    rows = ch.loc[pick].assign(_months=months[pick], _currency=cur[pick].to_numpy(), _client=client[ch.index[pick]],
                               _desc=desc[pick].to_numpy())
    card = rows["card"].fillna("").astype(str) if "card" in rows.columns else pd.Series("", index=rows.index)
    key = rows["merchant_key"] if "merchant_key" in rows.columns else rows["_desc"]
    key = key.fillna(rows["_desc"]).astype(str)
    # a brand's form is the merchant, whatever reference follows it (NORTON *NYJFRDGT, NORTON *AZX4H0KZ)
    form = rows["_desc"].map(lambda d: getattr(brands.billing_form(d), "text", None))
    key = ("form:" + form.astype(object).where(form.notna(), "")).where(form.notna(), key)
    rows = rows.assign(_card=card, _key=key).sort_values(["date", "id"])
    out: list[Subscription] = []
    for (_c, _k, _card, m), g in rows.groupby(["_client", "_key", "_card", "_months"], sort=True):
        for chain in _chains(g, int(m)):
            sub = _subscription(chain, int(m), as_of, last_of)
            if sub is not None:
                out.append(sub)
    return out


def _chains(g: pd.DataFrame, months: int) -> list[pd.DataFrame]:
    """Charges of one merchant and plan length cut where the gap is not about one plan length (a renewal
    the rhythm finder did not join: two charges of a yearly plan a year apart are one stream)."""
    period = 30.44 * months
    gaps = g["date"].diff().dt.days.to_numpy(float)
    new = ~((gaps >= 0.85 * period) & (gaps <= 1.15 * period))
    starts = [*np.flatnonzero(new).tolist(), len(g)]
    return [g.iloc[a:b] for a, b in pairwise(starts)]


def _subscription(chain: pd.DataFrame, months: int, as_of: object, last_of: dict) -> Subscription | None:
    cadence = cadence_of(months)
    if cadence is None:
        return None
    first, last = pd.Timestamp(chain["date"].iloc[0]), pd.Timestamp(chain["date"].iloc[-1])
    nxt = _add_months(last, months)
    end = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp(last_of.get(chain["_client"].iloc[0], last))
    active = end <= nxt + pd.Timedelta(days=3 + 0.2 * 30.4 * months)
    norm = chain["descriptor_norm"] if "descriptor_norm" in chain.columns else chain["_desc"]
    name = norm.iloc[-1] if isinstance(norm.iloc[-1], str) else chain["_desc"].iloc[-1]
    amounts = chain["amount"].to_numpy(float)
    return Subscription(
        merchant=str(name), merchant_key=str(chain["_key"].iloc[0]), transaction_ids=[str(i) for i in chain["id"]],
        cadence=cadence, charges=len(chain), total_paid=round(float(amounts.sum()), 2),
        currency=str(chain["_currency"].iloc[0]), first_date=first.date().isoformat(),
        last_date=last.date().isoformat(), last_amount=round(float(amounts[-1]), 2),
        average_amount=round(float(amounts.mean()), 2), status="active" if active else "ended",
        early=len(chain) == 2, next_expected_date=nxt.date().isoformat() if active else None,
        next_expected_amount=round(float(amounts[-1]), 2) if active else None,
    )
