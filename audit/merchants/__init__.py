"""Known-scam merchant lists (every entry names its public source) and matching that explains itself.

Public API::

    load_merchant_db(extra=()) -> MerchantDB          shipped lists + local lists layered on top
    match_transactions(tx, db) -> list[Finding]      kind="known_merchant" findings
    explain(descriptor, db) -> Explanation           which entry matches and why (also near misses)
    allowlist_match(descriptor, db=None) -> str|None legit brand (Microsoft, Apple...) of a descriptor
    validate(paths) -> list[Problem]                 schema, sources, duplicates, near-duplicates
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from audit.merchants.lists import Entry, Problem, shipped_paths
from audit.merchants.matching import (
    THRESHOLD,
    Match,
    MerchantDB,
    build_db,
    load_merchant_db,
    standing_phrase,
)
from audit.merchants.validate import validate
from audit.model import Finding

__all__ = [
    "THRESHOLD",
    "Entry",
    "Explanation",
    "Match",
    "MerchantDB",
    "Problem",
    "allowlist_match",
    "build_db",
    "cached_merchant_db",
    "explain",
    "list_problems",
    "load_merchant_db",
    "match_transactions",
    "shipped_paths",
    "validate",
]


def list_problems(paths: Sequence[str | Path]) -> list[Problem]:
    """Every entry or alias that the local list files ``paths`` drop, and why (what ``scan --list``
    prints as warnings); an unreadable file gives one problem naming it."""
    from audit.errors import MerchantListError
    from audit.merchants.lists import read_list

    out: list[Problem] = []
    for p in paths:
        try:
            out.extend(read_list(p).problems)
        except MerchantListError as exc:
            out.append(Problem(str(p), str(exc)))
    return out


@lru_cache(maxsize=1)
def _default_db() -> MerchantDB:
    return cached_merchant_db()


_DB_CACHE: dict[tuple[tuple[str, int, int], ...], MerchantDB] = {}


def _stamp(path: str | Path) -> tuple[str, int, int]:
    try:
        st = os.stat(path)
        return (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        return (str(path), -1, -1)


def cached_merchant_db(extra: Sequence[str | Path] = ()) -> MerchantDB:
    """:func:`load_merchant_db`, built once per set of list files in this process (a list changed on disk
    is noticed by its mtime and size); the scan's database and the brand allowlist share it."""
    key = tuple(_stamp(p) for p in [*shipped_paths(), *extra])
    db = _DB_CACHE.get(key)
    if db is None:
        db = load_merchant_db(extra=list(extra))
        if len(_DB_CACHE) > 8:
            _DB_CACHE.clear()
        _DB_CACHE[key] = db
    return db


def allowlist_match(descriptor: str, db: MerchantDB | None = None, *, include_resellers: bool = False) -> str | None:
    """Name of the legit brand (context list, role "brand") this descriptor belongs to, e.g. "Microsoft"
    for ``MICROSOFT*XBOX`` or ``MSBILL.INFO``; None when support-scam words surround the brand.

    Resellers (FastSpring, SafeCart...) are returned only with ``include_resellers=True``: they bill
    for legitimate and scam sellers alike, so they must not make a charge look legit.
    """
    db = db if db is not None else _default_db()
    brand = db.brand(descriptor)
    if brand is not None:
        return brand.name
    if include_resellers:
        for e in db.context_hits(descriptor):
            if e.role == "reseller":
                return e.name
    return None


@dataclass
class Explanation:
    """What the matcher sees in one descriptor: its parts, the best aliases laid over it, the probability."""

    descriptor: str
    normalized: str
    merchant_key: str
    facilitator: str | None
    match: Match | None
    candidates: list[Match] = field(default_factory=list)  # best entries, including near misses
    context: list[Entry] = field(default_factory=list)  # legit brands / resellers recognised
    threshold: float = THRESHOLD
    parts: list[tuple[str, str]] = field(default_factory=list)  # (part, text) as parsed

    def lines(self) -> list[str]:
        """The explanation as plain sentences for a terminal."""
        out = [f"descriptor:  {self.descriptor}"]
        out += [f"  {label + ':':<20} {text}" for label, text in self.parts] or ["  (nothing to read)"]
        out.append(f"key:         {self.merchant_key or '(empty)'}")
        for e in self.context:
            what = "legit brand" if e.role == "brand" else "payment reseller"
            out.append(f"context:     {e.name} ({what}; never flags on its own)")
        if self.match is not None:
            m = self.match
            out.append(f"MATCH:       {m.entry.name} [{m.entry.id}] probability {m.score / 100:.3f} "
                       f"(threshold {self.threshold / 100:.3f})")
            out.append("  " + m.reason())
            out.extend("  " + s for s in m.supporting())
            out.append("  sources: " + " ; ".join(m.entry.source_urls))
        else:
            out.append(f"no match at or above the threshold (probability {self.threshold / 100:.3f})")
        for c in self.candidates[:3]:
            out.extend(_weights(c))
        return out


def _weights(m: Match) -> list[str]:
    """How one alias was laid over the descriptor: words, bits, features and the probability."""
    from audit.merchants.model import model

    al = m.alignment
    out = [f"  alias '{m.alias}' [{m.entry.id}]: probability {m.score / 100:.3f} ({m.method})"]
    if al is None:
        return out
    for word, text, level, bits in al.agreed:
        out.append(f"    agrees   {word:<16} as {text!r} ({level}): {bits:.1f} bits")
    for word, bits in al.missing:
        out.append(f"    missing  {word:<16} {bits:.1f} bits")
    for word, kind in al.extra:
        out.append(f"    extra    {word:<16} ({'product/billing word' if kind == 'product' else 'other name word'})")
    if al.weak_reason:
        out.append(f"    weak alias (generic name): counts {al.weak_reason}; its words count as one name")
    feats = al.feats or al.features()
    contrib = model().contributions(feats)
    out.append("    log-odds: " + f"{model().intercept:+.2f} (prior) " + " ".join(
        f"{c:+.2f} ({k} {v:g})" for k, v, c in contrib))
    return out


def weights(m: Match) -> dict:
    """How one alias was laid over a descriptor, as data: agreeing, missing and extra words with their bits,
    the features with their contributions to the log-odds, and the probability."""
    from audit.merchants.model import model

    al = m.alignment
    out: dict = {"alias": m.alias, "entry_id": m.entry.id, "probability": round(m.score / 100, 4), "method": m.method}
    if al is None:
        return out
    feats = al.feats or al.features()
    if al.weak_reason:
        out["weak_alias"] = al.weak_reason
    out.update(
        agrees=[{"word": w, "as": t, "level": lvl, "bits": round(b, 2)} for w, t, lvl, b in al.agreed],
        missing=[{"word": w, "bits": round(b, 2)} for w, b in al.missing],
        extra=[{"word": w, "kind": k} for w, k in al.extra],
        log_odds={"prior": model().intercept, **{k: round(c, 3) for k, _v, c in model().contributions(feats)}},
    )
    return out


def explain(descriptor: str, db: MerchantDB | None = None) -> Explanation:
    """Which entry matches ``descriptor`` and why, with the nearest other entries and context hits."""
    from audit.descriptors import merchant_key
    from audit.merchants.parse import parse

    db = db if db is not None else _default_db()
    parts = parse(descriptor)
    return Explanation(
        descriptor=descriptor, normalized=parts.name, merchant_key=merchant_key(descriptor),
        facilitator=parts.facilitator, match=db.match(parts), candidates=db.candidates(parts, limit=4),
        context=db.context_hits(descriptor), threshold=db.threshold, parts=parts.summary(),
    )


_SKIP_KINDS = ("payment",)


def match_transactions(tx: pd.DataFrame, db: MerchantDB) -> list[Finding]:
    """One ``known_merchant`` finding per (client, list entry, merchant key) in ``tx``; card payments are
    ignored, charges and refunds count. Work is done once per distinct descriptor."""
    if tx is None or len(tx) == 0 or "description" not in tx.columns:
        return []
    if "merchant_key" not in tx.columns:
        from audit.descriptors import add_descriptor_columns

        tx = add_descriptor_columns(tx)
    from audit.textcols import factorize_text

    codes, uniques = factorize_text(tx["description"])  # (found once with the descriptor columns)
    matches = db.match_many(uniques)
    if not matches:
        return []
    hit_code = {i: matches[u] for i, u in enumerate(uniques) if u in matches}
    mask = np.isin(codes, np.fromiter(hit_code, dtype=codes.dtype, count=len(hit_code)))
    rows = tx.loc[mask].assign(_code=codes[mask])
    if "kind" in rows.columns:
        rows = rows.loc[~rows["kind"].isin(_SKIP_KINDS)]
    if rows.empty:
        return []
    rows = rows.assign(_entry=[hit_code[c].entry.id for c in rows["_code"]])
    sort_cols = [c for c in ("date", "id") if c in rows.columns]
    if sort_cols:
        rows = rows.sort_values(sort_cols, kind="stable")
    # one finding per client too: two people paying one listed merchant are two cases
    rows = rows.assign(_client=rows["client"].fillna("").astype(str) if "client" in rows.columns else "")
    findings: list[Finding] = []
    for (_client, _entry_id, key), part in rows.groupby(["_client", "_entry", "merchant_key"], sort=False,
                                                        dropna=False):
        part_matches = [hit_code[c] for c in dict.fromkeys(part["_code"])]
        best = max(part_matches, key=lambda m: m.score)
        e = best.entry
        reasons = [best.reason()]
        for m in part_matches:  # other spellings only when they matched differently
            if m is not best and (m.alias, m.method) != (best.alias, best.method):
                reasons.append(m.reason())
        reasons.extend(best.supporting())
        facilitators = sorted({m.facilitator for m in part_matches if m.facilitator})
        findings.append(
            Finding(
                kind="known_merchant",
                merchant=e.name,
                score=float(best.score),
                reasons=reasons,
                transaction_ids=[str(i) for i in part["id"].tolist()] if "id" in part.columns else [],
                merchant_key=None if pd.isna(key) else str(key),
                entry_id=e.id,
                matched_alias=best.alias,
                details={
                    "category": e.category,
                    "standing": e.standing,
                    "standing_text": standing_phrase(e),
                    "source_urls": list(e.source_urls),
                    "source_date": e.source_date,
                    "named_by": e.named_by,
                    "authority": e.authority,
                    "countries": list(e.countries),
                    "facilitator": facilitators[0] if facilitators else None,
                    "facilitators": facilitators,
                    "match_method": best.method,
                    "descriptors": sorted({m.descriptor for m in part_matches}),
                    "resellers": sorted({r.name for m in part_matches for r in m.resellers}),
                    "list": e.list_name,
                    "notes": e.notes,
                },
            )
        )
    findings.sort(key=lambda f: (-f.score, f.merchant, f.merchant_key or ""))
    return findings
