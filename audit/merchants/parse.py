"""A descriptor split into its parts before matching.

``PAYPAL *RESTOROCY 4029357733 CY`` is a facilitator prefix (PayPal), a merchant name (RESTOROCY),
a phone number and a country. The parts a statement line may hold, in the order they are told apart:

* bank wrapper words, dates, times, amounts, masked card numbers and references that a bank prints
  before or after the card network's text (:mod:`audit.merchants.statement_words`);
* the payment facilitator's prefix (:data:`audit.descriptors.FACILITATORS`);
* after the name: phone numbers, web addresses, reference numbers, currency codes, and the city /
  state / country from a gazetteer (:mod:`audit.merchants.reference`, GeoNames cities of 15,000 people
  or more), also a state code glued to a city cut at the field width (``NORTH CHICAGOIL``);
* a run of two or more spaces ends the name field (what follows is the city field);
* the merchant name: Latin words (corporate suffixes marked) and kana runs (with their romaji key).

Nothing is dropped: every token keeps its kind, so matching can still use a "location" word that
belongs to a name (``ISOURCE USA``). Work is linear in the descriptor's length (at most
:data:`MAX_CHARS` characters are read) and cached per distinct descriptor.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from audit.descriptors import FACILITATORS
from audit.merchants.kana import KANA_RUN, kana_key
from audit.merchants.reference import places
from audit.merchants.statement_words import (
    CORPORATE,
    JP_CORPORATE,
    JP_WRAPPER_WORDS,
    MONTHS,
    REF_LABELS,
    WRAPPER_WORDS,
)
from audit.merchants.text import fold_latin

MAX_CHARS = 200  # a descriptor is read up to this length (a statement line is far shorter)
FIELD_CUT = (18, 25)  # a name field this long may have been cut by the network (22 Mastercard, 25 Visa)

_LEX = re.compile(
    r"""(?P<web>(?:HTTPS?://)?(?:WWW\.)?[A-Z0-9][A-Z0-9\-]*(?:\.[A-Z0-9\-]+)*\.[A-Z]{2,6}(?![A-Z0-9])(?:/[^\s*]*)?)
      | (?P<phone>(?:\+\d{1,3}(?:[ \-.]?\(?\d{1,4}\)?){2,5}|1[\-. ]\d{3}[\-. ]\d{3}[\-. ]\d{4}
                   |\(?\d{3}\)?[ \-.]?\d{3}[\-.]\d{4}|0\d{1,4}[ \-]\d{2,4}[ \-]\d{3,4})(?![\d]))
      | (?P<date>(?:(?:0?[1-9]|[12]\d|3[01])[./\-](?:0?[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])[./\-](?:[12]\d|3[01])
                   |\d{4}[./\-](?:0?[1-9]|1[0-2]))(?:[./\-]\d{2,4})?(?:/\d{1,2}[.:]\d{2})?(?![\d]))
      | (?P<time>\d{1,2}:\d{2}(?::\d{2})?)
      | (?P<amount>\d{1,3}(?:[.,]\d{3})*[.,]\d{2,4}(?![\d]))
      | (?P<masked>(?:[0-9A-Z]{0,6}[*\u2022]{2,12}|X{2,12})\d{3,4}(?![\d]))
      | (?P<refx>(?=[A-Z0-9\#\-]*\d[A-Z0-9\#\-]*\d)(?:[A-Z]{1,5}\#)?[A-Z0-9]{1,8}(?:-[A-Z0-9]{1,12})+)
      | (?P<kana>""" + KANA_RUN.pattern + r""")
      | (?P<jpcorp>\((?:株|有|同)\))
      | (?P<cjk>[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]+)
      | (?P<word>[A-Z0-9]+(?:&[A-Z0-9]+)*)
      | (?P<space>\s+)
      | (?P<sep>.)""",
    re.X,
)
_MASKED = re.compile(r"^X{1,4}\d{3,4}$")
_REF = re.compile(r"^(?:\d{4,}|(?=(?:[A-Z]*\d){3})(?=\d*[A-Z])[A-Z0-9]{5,})$")


def _is_ref(text: str) -> bool:
    """A reference or id: four digits or more, or at least as many digits as letters (8XK2P1, R55229173);
    a name with a number in it (PCCARE247, NETCOM3) is not one."""
    digits = sum(c.isdigit() for c in text)
    return bool(_REF.match(text)) and (digits >= 4 or digits >= len(text) - digits)
_WEB_LABELS = re.compile(r"^(?:HTTPS?://)?(?:WWW\.)?")
_WEB_WORDS = frozenset({"WWW", "COM", "NET", "ORG", "INFO", "BIZ", "HTTP", "HTTPS"})


@dataclass(frozen=True)
class Tok:
    text: str  # as folded (upper case); for kana its NFKC text
    kind: str  # name, corp, kana, location, phone, web, ref, date, time, amount, currency, wrapper, facilitator
    start: int
    end: int
    field: int  # name/city field number (a run of 2+ spaces or a '*' separator starts a new one)
    key: str = ""  # kana: romaji key; web: the site's name and top label glued (RESTOROCOM for WWW.RESTORO.COM)


@dataclass(frozen=True)
class Parts:
    """What :func:`parse` found in one descriptor."""

    raw: str
    folded: str
    tokens: tuple[Tok, ...]
    facilitator: str | None
    name_start: int  # index of the first token of the name (in tokens)
    name_end: int  # one past the last name token
    cut: bool  # the name field may have been cut off at the network's field width

    def of_kind(self, *kinds: str) -> list[Tok]:
        return [t for t in self.tokens if t.kind in kinds]

    @property
    def name(self) -> str:
        return " ".join(t.text for t in self.tokens[self.name_start:self.name_end] if t.kind in ("name", "corp", "kana"))

    @property
    def words(self) -> tuple[Tok, ...]:
        """Tokens from the name on (name, corporate suffix, kana, and what follows it), separators left out."""
        return tuple(t for t in self.tokens[self.name_start:] if t.kind not in ("sep",))

    def summary(self) -> list[tuple[str, str]]:
        """(part, text) pairs for an explanation, in the order printed."""
        out: list[tuple[str, str]] = []
        labels = {"name": "name", "corp": "name", "kana": "name", "location": "city/state/country", "phone": "phone",
                  "web": "web address", "ref": "reference", "date": "date/amount", "time": "date/amount",
                  "amount": "date/amount", "currency": "date/amount", "wrapper": "bank wrapper",
                  "facilitator": "facilitator"}
        for t in self.tokens:
            label = labels.get(t.kind)
            if label is None:
                continue
            if out and out[-1][0] == label:
                out[-1] = (label, out[-1][1] + " " + t.text)
            else:
                out.append((label, t.text))
        return out


def _lex(folded: str) -> list[Tok]:
    toks: list[Tok] = []
    field = 0
    for m in _LEX.finditer(folded):
        kind = m.lastgroup or "sep"
        text = m.group()
        if kind == "space":
            if len(text) >= 2 and toks:
                field += 1
            continue
        if kind == "sep":
            if text == "*" and toks:
                field += 1
            toks.append(Tok(text, "sep", m.start(), m.end(), field))
            continue
        if kind == "phone" and sum(c.isdigit() for c in text) < 9:
            kind = "date" if re.fullmatch(r"[\d./\-]+", text) else "ref"
        key = ""
        if kind == "kana":
            key = kana_key(text)
        elif kind == "web":  # the site's name and top-level label glued: SUPPORT.COM -> SUPPORTCOM
            labels = _WEB_LABELS.sub("", text).split("/", 1)[0].split(".")
            key = ("".join(w for w in labels[:-1] if w not in _WEB_WORDS) or labels[0]) + labels[-1]
        elif kind == "jpcorp":
            kind = "corp"
        elif kind == "cjk":
            kind = "corp" if text in JP_CORPORATE else "name"
        elif kind == "word":
            kind = _word_kind(text, toks)
        elif kind in ("refx", "masked"):
            kind = "ref"
        toks.append(Tok(text, kind, m.start(), m.end(), field, key))
    return toks


def _word_kind(text: str, before: list[Tok]) -> str:
    if text in CORPORATE:
        return "corp"
    if before and before[-1].text == "#" and text.isdigit():
        return "ref"
    if _MASKED.match(text) or _is_ref(text):
        return "ref"
    return "name"


def _wrapper_like(t: Tok, after: Tok | None = None) -> bool:
    if t.kind in ("date", "time", "amount", "ref", "sep", "phone"):
        return True
    if t.kind == "name":
        return (t.text in WRAPPER_WORDS or t.text in MONTHS or t.text.isdigit()
                or any(t.text.startswith(w) for w in JP_WRAPPER_WORDS)
                or (t.text in REF_LABELS and after is not None and after.kind in ("ref", "sep")))
    return False


def _retag(toks: list[Tok], i: int, kind: str) -> None:
    t = toks[i]
    toks[i] = Tok(t.text, kind, t.start, t.end, t.field, t.key)


def _is_name(t: Tok) -> bool:
    return t.kind in ("name", "corp", "kana", "web")


def _strip_head(toks: list[Tok], folded: str) -> tuple[int, str | None]:
    """Leading bank wrapper tokens and the facilitator prefix; returns (first name index, facilitator)."""
    i = 0
    while i < len(toks) and _wrapper_like(toks[i], toks[i + 1] if i + 1 < len(toks) else None):
        if toks[i].text.isdigit() and i == 0 and len(toks[i].text) < 4:
            break  # a short number opening the text belongs to the name (7-ELEVEN), not to a wrapper
        i += 1
    if not any(_is_name(t) for t in toks[i:]):
        i = 0  # nothing but wrapper words: keep them as the name
    for j in range(i):
        if toks[j].kind != "sep":
            _retag(toks, j, "wrapper")
    fac = None
    if i < len(toks):
        for name, rx in FACILITATORS:
            at = toks[i].start
            m = rx.match(folded[at:])
            if m and at + m.end() < len(folded.rstrip()):
                m_end = at + m.end()
                fac = name
                while i < len(toks) and toks[i].start < m_end:
                    if toks[i].kind != "sep":
                        _retag(toks, i, "facilitator")
                    i += 1
                break
    while i < len(toks) and toks[i].kind == "sep":
        i += 1
    return i, fac


def _strip_tail(toks: list[Tok], first: int) -> int:
    """Mark what follows the name (phone, web, references, dates, amounts, places); returns name end."""
    p = places()
    j = len(toks)
    while j > first + 1:
        t = toks[j - 1]
        if t.kind in ("sep", "phone", "ref", "date", "time", "amount"):
            j -= 1
            continue
        if t.kind == "web" and any(_is_name(x) and x.kind != "web" for x in toks[first:j - 1]):
            j -= 1
            continue
        if t.kind == "name" and t.text in p.currencies and _next_to_amount(toks, j - 1):  # 24,99 GBP
            _retag(toks, j - 1, "currency")
            j -= 1
            continue
        if t.kind == "name" and ((t.text in WRAPPER_WORDS and _tail_company(toks, first, j - 1))
                                 or t.text in MONTHS or t.text.isdigit()
                                 or (len(t.text) == 1 and j < len(toks) and toks[j].kind == "sep")
                                 or any(t.text.startswith(w) for w in JP_WRAPPER_WORDS)
                                 or (t.text in REF_LABELS and j < len(toks)
                                     and toks[j].kind in ("ref", "date", "sep", "phone"))):
            _retag(toks, j - 1, "wrapper")
            j -= 1
            continue
        if t.kind == "corp" and p.code(t.text) and j == len(toks) and p.name_at_end(
                [x.text for x in toks[first:j - 1] if x.kind in ("name", "corp")]):
            _retag(toks, j - 1, "name")  # DENVER CO: a state code after a city, not "company"
            t = toks[j - 1]
        if t.kind == "name" and t.text.isascii():
            words = [x.text for x in toks[first:j] if x.kind in ("name", "corp")]
            k = p.name_at_end(words) if words else 0
            if p.code(t.text):
                k = max(k, 1)
            elif k == 0 and len(t.text) > 6 and p.code(t.text[-2:]) and t.field != toks[first].field:
                k = 1 if p.name_at_end([*words[:-1], t.text[:-2]]) else 0  # CHICAGOIL: state glued to a city
            if k and sum(1 for x in toks[first:j] if _is_name(x)) > k:
                for _ in range(k):
                    while toks[j - 1].kind == "sep":
                        j -= 1
                    _retag(toks, j - 1, "location")
                    j -= 1
                continue
        break
    return j


def _tail_company(toks: list[Tok], first: int, i: int) -> bool:
    """A bank word at the end of a descriptor is wrapper only in a bank's company (something the bank
    prints after it or before it: a date, an amount, a reference, another bank word) or when the name
    field is shorter than the network's width. A short one (four letters at most, and no country or state
    code, which the field may end with: ON, SO) alone at the end of a field of that width is the cut-off
    start of a name word (``NEXWAY*GLOBAL DIGITAL CON`` for CONCIERGE); a cut seldom leaves a longer bank
    word (PURCHASE) by chance."""
    if any(t.kind != "sep" for t in toks[i + 1:]):
        return True
    k = i - 1
    while k >= first and toks[k].kind == "sep":
        k -= 1
    if k < first:
        return True
    prev = toks[k]
    if prev.kind in ("date", "time", "amount", "ref", "phone", "wrapper") or (
            prev.kind == "name" and (prev.text in WRAPPER_WORDS or prev.text in MONTHS or prev.text.isdigit())):
        return True
    start = next((t.start for t in toks[:first] if t.kind == "facilitator"), toks[first].start)
    return (len(toks[i].text) > 4 or places().code(toks[i].text)
            or not FIELD_CUT[0] <= toks[i].end - start <= FIELD_CUT[1])


def _next_to_amount(toks: list[Tok], i: int) -> bool:
    """A currency code beside an amount (separators such as '/' or ',' between them allowed)."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(toks) and toks[j].kind == "sep":
            j += step
        if 0 <= j < len(toks) and toks[j].kind == "amount":
            return True
    return False


def _city_field(toks: list[Tok], first: int, end: int) -> int:
    """A run of 2+ spaces inside the name ends the name field: what follows is the city field."""
    fields = [t.field for t in toks[first:end] if _is_name(t)]
    if len(set(fields)) < 2:
        return end
    name_field = fields[0]
    for i in range(first, end):
        if _is_name(toks[i]) and toks[i].field != name_field and toks[i].kind == "name":
            if any(_is_name(t) and t.kind != "web" for t in toks[first:i]):
                for k in range(i, end):
                    if toks[k].kind == "name" and toks[k].text.isascii():
                        _retag(toks, k, "location")
                return i
    return end


def _place_before_name(toks: list[Tok], first: int, end: int) -> None:
    """A place printed before the name after a bank wrapper (PAIEMENT CB 1203 LIMASSOL RESTORO)."""
    if first == 0 or toks[first - 1].kind != "wrapper":
        return
    words = [i for i in range(first, end) if toks[i].kind == "name" and toks[i].text.isascii()]
    p = places()
    for k in range(min(p.max_words, len(words) - 1), 0, -1):
        idx = words[:k]
        if idx == list(range(first, first + k)) and p.is_name(tuple(toks[i].text for i in idx)):
            for i in idx:
                _retag(toks, i, "location")
            return


def _after_corporate(toks: list[Tok], first: int, end: int) -> None:
    """A corporate suffix ends the name: Latin words after it are the city field (PAIRSYS INC ALBANY)."""
    corp = [i for i in range(first, end) if toks[i].kind == "corp"]
    if not corp or not any(toks[i].kind in ("name", "kana") for i in range(first, corp[0])):
        return
    for i in range(corp[-1] + 1, end):
        if toks[i].kind == "name" and toks[i].text.isascii() and toks[i].text not in CORPORATE:
            _retag(toks, i, "location")


@lru_cache(maxsize=200_000)
def parse(descriptor: str) -> Parts:
    """Split one descriptor into its parts (see the module docstring)."""
    raw = descriptor if isinstance(descriptor, str) else ""
    folded = fold_latin(raw[:MAX_CHARS])
    folded = unicodedata.normalize("NFKC", folded)
    toks = _lex(folded)
    first, fac = _strip_head(toks, folded)
    end = _strip_tail(toks, first) if first < len(toks) else first
    end = _city_field(toks, first, end)
    _place_before_name(toks, first, end)
    _after_corporate(toks, first, end)
    names = [t for t in toks[first:end] if _is_name(t) or t.kind in ("ref", "location")]
    cut = False
    if names:
        last = names[-1]
        start = toks[first].start if fac is None else next((t.start for t in toks if t.kind == "facilitator"), 0)
        if fac is None and all(t.kind == "sep" or t.text.isdigit() or t.kind == "ref" for t in toks[:first]):
            start = toks[0].start  # a number opening the name field (9138242 CANADA CORPORA) is part of it
        field_len = last.end - start
        follows = [t for t in toks if t.start >= last.end and t.kind != "sep"]
        boundary = not follows or follows[0].field != last.field or follows[0].kind in ("location", "phone", "web", "ref")
        cut = FIELD_CUT[0] <= field_len <= FIELD_CUT[1] and boundary and last.kind in ("name", "corp", "ref")
    return Parts(raw, folded, tuple(toks), fac, first, end, cut)
