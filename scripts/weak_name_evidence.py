"""The evidence behind the weak-name rule (merchant_lists/README.md, "generic names, one rule").

Reads the legitimate-name corpus the word weights come from (the name-suggestion-index's ``nsi.json``,
see ``scripts/build_merchant_data.py``) and prints:

1. for every weak alias of the shipped lists and for a few everyday business phrases: the bits of its
   words (the shipped word weights), how many legitimate names hold the words in a row, and whether
   the phrase is a frequent English word pair (symspellpy's Google Books bigram counts, ``data`` extra);
2. random runs of two and three generic words (each in at least 1 legitimate name in 1,000), drawn with
   a fixed seed: how often a legitimate name holds such a run, by its bits under independence.

Run::

    .venv/bin/python scripts/weak_name_evidence.py package/dist/json/nsi.json
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.merchants.align import prepare  # noqa: E402
from audit.merchants.evidence import GENERIC_SHARE  # noqa: E402
from audit.merchants.lists import read_list, shipped_paths  # noqa: E402
from audit.merchants.reference import name_freq  # noqa: E402
from audit.merchants.statement_words import CORPORATE  # noqa: E402
from audit.merchants.text import latin_tokens  # noqa: E402

EVERYDAY = ("Tech Support", "Help Desk", "PC Repair", "Computer Repair", "Online Assist", "Secure Computer",
            "Innovative Marketing", "PC Cleaner")
_WEB = {"WWW", "COM", "NET", "ORG", "INFO", "BIZ", "HTTP", "HTTPS"}


def _names(nsi_json: Path) -> list[tuple[str, ...]]:
    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts" / "build_merchant_data.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)  # type: ignore[union-attr]
    return [tuple(w for w in latin_tokens(n) if w not in CORPORATE and w not in _WEB) for n in build._nsi_names(nsi_json)]


def _bigrams() -> set[str]:
    from importlib.resources import files

    text = (files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt").read_text(encoding="utf-8")
    return {" ".join(line.split()[:2]).upper() for line in text.splitlines() if line}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("nsi_json", type=Path)
    p.add_argument("--draws", type=int, default=400_000)
    args = p.parse_args(argv)
    names = _names(args.nsi_json)
    runs: Counter[tuple[str, ...]] = Counter()
    for words in names:
        runs.update({words[i:i + k] for k in (2, 3) for i in range(len(words) - k + 1)})
    freq = name_freq()
    bigrams = _bigrams()
    print(f"legitimate names: {len(names)}")
    print(f"{'name':<34} {'words':>5} {'bits':>6} {'names holding it':>17} {'English pair':>13}")
    phrases = [(a, True) for path in shipped_paths() for e in read_list(path).entries if e.kind == "scam"
               for a in e.weak_aliases]
    for text, _weak in [*phrases, *((t, False) for t in EVERYDAY)]:
        a = prepare(0, text, weak=True)
        if a is None or len(a.tokens) < 2:
            continue
        pairs = [" ".join(a.tokens[i:i + 2]) for i in range(len(a.tokens) - 1)]
        print(f"{text:<34} {len(a.tokens):>5} {sum(a.bits):>6.1f} {runs[a.tokens]:>17} "
              f"{'yes' if any(x in bigrams for x in pairs) else 'no':>13}")
    generic = sorted(w for w, u in freq.u.items() if u >= GENERIC_SHARE and w.isalpha() and len(w) >= 2)
    print(f"\nrandom runs of generic words ({len(generic)} words, {args.draws} draws each, seed 1)")
    rng = random.Random(1)
    for k in (2, 3):
        table: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for _ in range(args.draws):
            run = tuple(rng.choice(generic) for _ in range(k))
            b = int(sum(freq.bits(w) for w in run) // 2 * 2)
            table[b][0] += 1
            table[b][1] += runs[run] > 0
        for b in sorted(table):
            n, held = table[b]
            print(f"  {k} words, {b:2d}-{b + 2} bits: {n:7d} drawn, {held:5d} held by a legitimate name "
                  f"(1 in {n // held if held else '-'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
