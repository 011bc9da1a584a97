"""Benchmark merchant matching against a naive all-pairs rapidfuzz ``process.cdist`` in the same run.

Data (all fictional, generated here): a list of ``--entries`` scam entries (default 1,000) with one to
three aliases each; ``--descriptors`` distinct descriptors (default 50,000), of which ``--planted``
(default 5 %) are statement forms of list aliases (facilitator prefixes, phone and reference numbers,
corporate suffixes, glued words, full width, extra words, 22-character truncation, small spelling
changes) and the rest everyday merchants, some sharing words with the list; ``--transactions`` rows
(default 1,000,000) drawn from those descriptors.

Timed:
* ``ours``: ``add_descriptor_columns`` + ``match_transactions`` on the whole table (end to end), and
  ``MerchantDB.match_many`` on the distinct descriptors alone;
* ``naive``: ``rapidfuzz.process.cdist`` of every distinct normalised descriptor against every alias
  (``--naive-scorer``, default WRatio, which like ours finds names inside longer descriptors), best
  alias per descriptor at a score cutoff of 88. ``--naive-sample`` runs it on a random subset and
  scales the time up (printed as such); default: all pairs.
* cost per distinct descriptor by length (20 to 10,000 characters; random words, an alias word repeated, a
  4-digit word repeated), through the descriptor columns, the hit table and the findings: linear up to the
  caps of ``audit.merchants.parse.MAX_CHARS`` and ``audit.descriptors.MAX_CHARS`` characters, flat after
  them (``--lengths-only`` runs only this part).

Recall = planted descriptors whose best entry is the planted one; false positives = everyday
descriptors that match anything. Run: ``.venv/bin/python bench/bench_match.py`` (``--scale 0.1`` for a
quick try).
"""

from __future__ import annotations

import argparse
import os
import time
import unicodedata

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from audit.descriptors import add_descriptor_columns, normalize_descriptor
from audit.merchants import THRESHOLD, MerchantDB, match_transactions
from audit.merchants.lists import Entry

NAIVE_CUTOFF = 88.0  # the naive baseline's rapidfuzz score cutoff (0-100)

SYLLABLES = ["zor", "vex", "kal", "mir", "tus", "bre", "qua", "lin", "dro", "fen", "gas", "hol", "jor", "pex",
             "ruv", "sil", "tam", "ulo", "wex", "yan", "zim", "cor", "dax", "eth", "fiz", "gly", "hux", "ivo"]
PRODUCT_WORDS = ["PC", "GUARD", "SHIELD", "CLEAN", "BOOST", "TECH", "HELP", "SUPPORT", "CARE", "FIX", "SECURE",
                 "DEFENDER", "OPTIMIZER", "SYSTEMS", "SOLUTIONS", "SOFT", "PRO", "NET", "ONLINE", "DESK"]
SHOP_SYLLABLES = ["ba", "ko", "ne", "ri", "sa", "mo", "ta", "ku", "pi", "lo", "me", "da", "shi", "na", "to",
                  "ya", "bu", "ze", "go", "hi"]
EVERYDAY = ["MART", "CAFE", "STORE", "MARKET", "PHARMACY", "BAKERY", "HOTEL", "TAXI", "GAS", "BOOKS", "FOODS",
            "RESTAURANT", "SUPER", "SHOP", "CINEMA", "PARKING", "TRAVEL", "FITNESS", "SALON", "OUTLET", "TECH",
            "SUPPORT", "PC", "NET", "SOFT", "CARE", "HELP", "CLEAN", "PRO", "ONLINE"]
CITIES = ["TOKYO", "OSAKA", "SEATTLE", "LONDON", "DUBLIN", "AUSTIN", "NAGOYA", "BOSTON", "PARIS", "BERLIN"]
PREFIXES = ["PAYPAL *", "PP*", "FS *", "FSPRG ", "2CO.COM*", "2CHECKOUT.COM*", "DRI*", "PADDLE.NET* ", "SQ *",
            "CLEVERBRIDGE*", "SAFECART*", "KMJ*"]
SUFFIXES = [" LLC", " INC", " LTD", " PVT LTD", ""]


def fake_word(rng: np.random.Generator, n: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES, size=n)).upper()


def make_entries(n: int, rng: np.random.Generator) -> list[Entry]:
    """Fictional list entries: a made-up word plus product words, and one or two other aliases."""
    entries, seen = [], set()
    while len(entries) < n:
        core = fake_word(rng, int(rng.integers(2, 4)))
        if core in seen:
            continue
        seen.add(core)
        words = list(rng.choice(PRODUCT_WORDS, size=int(rng.integers(0, 3)), replace=False))
        main = " ".join([core, *words])
        aliases = [main]
        if rng.random() < 0.6:
            aliases.append(f"{core} {rng.choice(PRODUCT_WORDS)} {rng.choice(['SERVICES', 'GROUP', 'LABS'])}")
        if rng.random() < 0.3:
            aliases.append(fake_word(rng, 3) + " " + rng.choice(PRODUCT_WORDS))
        entries.append(Entry(
            id=f"bench-{len(entries)}", name=main.title(), kind="scam", aliases=tuple(dict.fromkeys(aliases)),
            category="fictional", countries=("US",), source_urls=("https://example.invalid/bench",),
            source_date="2026", named_by="press", authority="the benchmark generator", date_added="2026-11-22",
        ))
    return entries


def _typo(text: str, rng: np.random.Generator) -> str:
    """One changed, dropped or doubled letter inside a long word (not the first three letters)."""
    i = int(rng.integers(3, len(text)))
    if not text[i].isalpha():
        return text
    op = rng.integers(0, 3)
    if op == 0:
        return text[:i] + text[i] + text[i:]
    if op == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + chr(ord("A") + int(rng.integers(0, 26))) + text[i + 1 :]


def planted_form(alias: str, rng: np.random.Generator) -> str:
    """A statement form of ``alias`` as card networks print them."""
    text = alias.upper()
    r = rng.random()
    if r < 0.15:
        text = text.replace(" ", "")  # glued
    elif r < 0.25:
        text = text + rng.choice(SUFFIXES)
    elif r < 0.35:
        text = text + " " + rng.choice(["SUPPORT", "RENEWAL", "SUBSCRIPTION"])
    elif r < 0.45 and len(text) > 12:
        text = _typo(text, rng)
    if rng.random() < 0.5:
        text = rng.choice(PREFIXES) + text
    if len(text) > 22 and rng.random() < 0.5:
        text = text[:22]  # cut at the Mastercard name-field width
    else:
        tail = rng.choice([f" {rng.integers(800, 900)}-555-{rng.integers(1000, 9999)}", f" {rng.integers(1000, 999999)}",
                           " CY", " US", f" WWW.{alias.split()[0]}.COM", ""])
        text = text + tail
    if rng.random() < 0.1:
        text = unicodedata.normalize("NFKC", text).translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    return text


def everyday(rng: np.random.Generator, i: int) -> str:
    words = " ".join(rng.choice(EVERYDAY, size=int(rng.integers(1, 3))))
    name = "".join(rng.choice(SHOP_SYLLABLES, size=int(rng.integers(2, 4)))).upper() if rng.random() < 0.7 else ""
    return f"{rng.choice(['', 'SQ *', 'PAYPAL *'])}{name} {words} {rng.choice(CITIES)} {i:05d}".strip()


def make_data(n_entries: int, n_desc: int, n_tx: int, planted_share: float, seed: int):
    rng = np.random.default_rng(seed)
    entries = make_entries(n_entries, rng)
    n_planted = int(n_desc * planted_share)
    descs: dict[str, str] = {}
    while len(descs) < n_planted:
        e = entries[int(rng.integers(0, len(entries)))]
        d = planted_form(e.aliases[int(rng.integers(0, len(e.aliases)))], rng)
        descs.setdefault(d, e.id)
    i = 0
    while len(descs) < n_desc:
        descs.setdefault(everyday(rng, i), "")
        i += 1
    uniq = np.array(list(descs), dtype=object)
    rng.shuffle(uniq)  # popular and rare descriptors are planted alike
    pick = rng.zipf(1.3, size=n_tx) % len(uniq)
    tx = pd.DataFrame({
        "id": [f"b:{k}" for k in range(n_tx)],
        "description": pd.array(uniq[pick], dtype="str"),
        "kind": "charge",
        "date": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, size=n_tx), unit="D"),
    })
    return entries, descs, tx


def naive(norms: list[str], entries: list[Entry], scorer_name: str, threshold: float, sample: int | None,
          rng: np.random.Generator) -> tuple[dict[str, str], float, int]:
    """Best entry per normalised descriptor by all-pairs cdist; returns matches, seconds, pairs."""
    choices, owner = [], []
    for e in entries:
        for a in e.aliases:
            choices.append(a.upper())
            owner.append(e.id)
    scorer = getattr(fuzz, scorer_name)
    queries = norms if sample is None else list(rng.choice(np.array(norms, dtype=object), size=sample, replace=False))
    out: dict[str, str] = {}
    t0 = time.perf_counter()
    for start in range(0, len(queries), 2000):
        chunk = queries[start : start + 2000]
        m = process.cdist(chunk, choices, scorer=scorer, processor=None, dtype=np.uint8, workers=-1)
        best = m.argmax(axis=1)
        scores = m[np.arange(len(chunk)), best]
        for q, b, s in zip(chunk, best, scores, strict=True):
            if s >= threshold:
                out[q] = owner[int(b)]
    return out, time.perf_counter() - t0, len(queries) * len(choices)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--transactions", type=int, default=1_000_000)
    ap.add_argument("--descriptors", type=int, default=50_000)
    ap.add_argument("--entries", type=int, default=1_000)
    ap.add_argument("--planted", type=float, default=0.05)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply transactions and descriptors")
    ap.add_argument("--naive-scorer", default="WRatio")
    ap.add_argument("--naive-sample", type=int, default=None, help="descriptors for the naive run (default all)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--lengths-only", action="store_true", help="only the cost by descriptor length")
    args = ap.parse_args()
    if args.lengths_only:
        rng = np.random.default_rng(args.seed)
        lengths(make_entries(args.entries, rng), rng)
        return
    n_tx, n_desc = int(args.transactions * args.scale), int(args.descriptors * args.scale)

    t0 = time.perf_counter()
    entries, truth, tx = make_data(args.entries, n_desc, n_tx, args.planted, args.seed)
    db = MerchantDB(entries)
    print(f"data: {len(tx):,} transactions, {len(truth):,} distinct descriptors "
          f"({sum(bool(v) for v in truth.values()):,} planted), {len(entries):,} entries / {len(db.aliases):,} aliases "
          f"(generated in {time.perf_counter() - t0:.1f}s); cores available: {os.cpu_count()}")

    t0 = time.perf_counter()
    txd = add_descriptor_columns(tx)
    t_norm = time.perf_counter() - t0
    t0 = time.perf_counter()
    findings = match_transactions(txd, db)
    t_match = time.perf_counter() - t0
    print(f"ours, end to end on {len(tx):,} rows: add_descriptor_columns {t_norm:.2f}s + match_transactions "
          f"{t_match:.2f}s = {t_norm + t_match:.2f}s ({len(findings):,} findings)")

    uniq = list(truth)
    db2 = MerchantDB(entries)  # fresh (no warm state), distinct descriptors only
    t0 = time.perf_counter()
    ours = db2.match_many(uniq)
    t_ours = time.perf_counter() - t0

    norms = sorted({normalize_descriptor(d) for d in uniq})
    rng = np.random.default_rng(args.seed + 1)
    nv, t_naive, pairs = naive(norms, entries, args.naive_scorer, NAIVE_CUTOFF, args.naive_sample, rng)
    scale_up = 1.0 if args.naive_sample is None else len(norms) / args.naive_sample
    t_naive_full = t_naive * scale_up

    def quality(pred_of) -> tuple[float, int, int]:
        planted = [d for d, e in truth.items() if e]
        hit = sum(pred_of(d) == truth[d] for d in planted)
        fps = sum(1 for d, e in truth.items() if not e and pred_of(d) is not None)
        return hit / len(planted), hit, fps

    r_ours, h_ours, fp_ours = quality(lambda d: ours[d].entry.id if d in ours else None)
    if args.naive_sample is None:
        r_nv, h_nv, fp_nv = quality(lambda d: nv.get(normalize_descriptor(d)))
        nv_quality = f"recall {r_nv:.3f} ({h_nv:,} planted found), false positives {fp_nv:,}"
    else:
        nv_quality = "(recall not measured on a sample)"
    print(f"ours  match_many on {len(uniq):,} distinct descriptors: {t_ours:.2f}s; recall {r_ours:.3f} "
          f"({h_ours:,} planted found), false positives {fp_ours:,}; match probability threshold {THRESHOLD / 100:.3f}")
    print(f"naive process.cdist({args.naive_scorer}) over {pairs:,} pairs ({len(norms):,} normalised descriptors"
          f"{'' if args.naive_sample is None else f', sample of {args.naive_sample:,} scaled x{scale_up:.1f}'} x "
          f"{sum(len(e.aliases) for e in entries):,} aliases): {t_naive:.2f}s measured"
          f"{'' if args.naive_sample is None else f', {t_naive_full:.1f}s for all'}; {nv_quality}")
    print(f"speed-up (naive all pairs / ours on distinct descriptors): {t_naive_full / t_ours:.1f}x")
    lengths(entries, rng)


def lengths(entries: list[Entry], rng: np.random.Generator, n: int = 400) -> None:
    """Cost per distinct descriptor by its length (20 to 10,000 characters), for descriptors of random words, of one
    alias word repeated and of one digit word repeated (the tail stripper's worst case): the descriptor columns, the
    hit table and the findings of a table whose descriptors are all distinct. Linear up to the cap of
    ``audit.merchants.parse.MAX_CHARS`` / ``audit.descriptors.MAX_CHARS`` characters, flat after it."""
    from audit.descriptors import MAX_CHARS as NORM_CHARS
    from audit.descriptors import _normalize_cached
    from audit.merchants.parse import MAX_CHARS, parse
    from audit.merchants.text import fold_latin
    from audit.pipeline import HitTable

    words = [fake_word(rng, 2) for _ in range(500)] + EVERYDAY
    alias_words = sorted({w for e in entries for a in e.aliases for w in a.split() if len(w) >= 4})
    kinds = {
        "random words": lambda i: str(rng.choice(words)) + " ",
        "an alias word repeated": lambda i: alias_words[i % len(alias_words)] + " ",
        "a 4-digit word repeated": lambda i: "2008 ",
    }
    print(f"cost per distinct descriptor by length (descriptor columns + hit table + findings; "
          f"the matcher reads at most {MAX_CHARS} characters, the descriptor columns {NORM_CHARS}):")
    for kind, word in kinds.items():
        per_len = {}
        for length in (20, 40, 80, 160, 200, 1000, 10_000):
            descs = []
            for i in range(n):
                text, w = "", word(i)
                while len(text) < length:
                    text += w if kind != "random words" else word(i)
                descs.append(f"{i} " + text[:length - len(str(i)) - 1])  # every descriptor distinct
            tx = pd.DataFrame({"id": [f"r{i}" for i in range(n)], "date": pd.Timestamp("2025-01-01"),
                               "description": descs, "amount": -10.0})
            db = MerchantDB(entries)
            parse.cache_clear()
            fold_latin.cache_clear()
            _normalize_cached.cache_clear()
            t0 = time.process_time()
            txd = add_descriptor_columns(tx)
            match_transactions(txd, HitTable.build(txd["description"], db))
            per_len[length] = (time.process_time() - t0) / n * 1e6
        print(f"  {kind:<24} " + "  ".join(f"{k:>6}: {v:6.0f} us" for k, v in per_len.items())
              + f"   (10,000 / 200 characters: {per_len[10_000] / per_len[200]:.1f}x)")


if __name__ == "__main__":
    main()
