"""Write ``pairs.csv``: labelled descriptors the match model is fitted on (never the blind sets).

Positives are statement forms of the shipped list's aliases, made by classes of form: plain, city and
state or country (cities drawn from the matcher's gazetteer), corporate suffix then a city, a padded
25 + 13 character layout, facilitator prefixes (spaced and glued, PayPal ids cut at 20), phone numbers,
web addresses, 22/25-character cuts, product and billing words, bank wrappers (generic templates in
several languages), lower and mixed case, spacing changed, one word shortened, a Cyrillic or Greek
look-alike letter (from the Unicode confusables data), and katakana renderings by the ``e2k`` model with,
in 6 of 10, one change a listener might make (a vowel, a long mark, a small ッ, ヴ/ブ), full and half
width.

Negatives are the held-out legitimate names of ``legit_nsi.csv`` (name-suggestion-index brands the
word-frequency table leaves out) in the same forms, and look-alikes built from each alias's rarest word:
that word with an everyday business noun, inside a longer word, with one letter changed, a glued alias
spelt as a spaced phrase, a generic alias word with other words; and katakana renderings of common
English words, alone or with a Japanese shop word.

Deterministic (seeded); needs the ``data`` extra (e2k). Run:
``.venv/bin/python tests/data/merchants/make_pairs.py``.
"""

from __future__ import annotations

import csv
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from audit.merchants.lists import read_list, shipped_paths  # noqa: E402
from audit.merchants.reference import places  # noqa: E402
from audit.merchants.statement_words import CORPORATE  # noqa: E402

OUT = HERE / "pairs.csv"
SEED = 18
BUSINESS = ("HAIR SALON", "CAFE", "DENTAL CARE", "AUTO REPAIR", "PIZZA", "PET GROOMING", "YOGA STUDIO", "LAW OFFICE",
            "BAKERY", "CAR WASH", "REALTY", "FITNESS", "FLORIST", "PLUMBING", "DRY CLEANERS", "BOOKS", "WINE BAR",
            "NAIL SPA", "DELI", "TAXI", "HOTEL", "MOTORS", "LANDSCAPING", "ROOFING", "PHOTOGRAPHY", "TUTORING",
            "BARBER SHOP", "CHIROPRACTIC", "VETERINARY", "BREWING CO", "KITCHEN", "TATTOO", "DANCE ACADEMY")
GLUE_ON = ("WIDE", "WORKS", "LAND", "VILLE", "TON", "ERS", "ING", "ITY", "ISM")
GLUE_BEFORE = ("THE", "MY", "NEO", "EURO", "SUN", "BLUE")
PREFIXES = ("PAYPAL *", "PP*", "FS *", "FSPRG*", "2CO.COM*", "2CHECKOUT.COM*", "SAFECART*", "DRI*", "CLEVERBRIDGE*",
            "PADDLE.NET* ", "NEXWAY*", "SQ *")
PRODUCT = ("LICENSE", "1YR", "SUBSCRIPTION", "RENEWAL", "PREMIUM", "ANNUAL", "ANNUAL PLAN", "LIFETIME", "PRO 2YR",
           "ACTIVATION KEY", "MONTHLY", "SUPPORT PLAN", "UPGRADE")
WRAPPERS = ("CB {A} {dd}/{mm}", "CB {A} {dd}/{mm} {amt} {cur}", "PURCHASE AUTHORIZED ON {mm}/{dd} {A} {st}",
            "CHECKCARD {mm}{dd} {A} {phone} {st}", "KARTENZAHLUNG {A} {city}", "{A} ON {dd} {MON} BCC",
            "POS {A} {city}", "COMPRA TARJ. {A} {city}", "PAGAMENTO POS {A} {city}", "{A} 利用国{cc3}",
            "{A} 海外利用", "VISA {A} {city} {cc} {amt} {cur} KURS {rate}", "DBT CRD {mm}{dd} {A} {st}",
            "CARD PAYMENT TO {A},{amt} {cur}, RATE {rate}/GBP ON {dd}-{mm}-2024", "BEA NR:{ref} {dd}.{mm}.24 {A},PAS{n3}",
            "PAIEMENT PAR CARTE {dd}/{mm} {A}", "TRANSAKCJA KARTA {A} {city} {amt} {cur}", "ACHAT CB {A} {dd}.{mm}.24")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
JP_SHOP = ("店", "歯科", "工房", "美容室", "整骨院", "カフェ", "クリニック", "商店")  # another business (not 株式会社)


class Gen:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        p = places()
        cities = sorted(" ".join(n) for n, k in p.names.items() if k == "city" and len(n) <= 2)
        self.cities = [c for c in cities if len(c) <= 13]
        self.codes = sorted(c for c in p.codes if len(c) == 2)
        self.codes3 = sorted(c for c in p.codes if len(c) == 3)
        self.currencies = sorted(p.currencies)
        from audit.merchants.text import _confusable_map

        back: dict[str, list[str]] = {}
        for ch, ascii_ch in _confusable_map().items():
            if ch.isupper() and unicodedata.name(ch).split(" ", 1)[0] in ("CYRILLIC", "GREEK"):
                back.setdefault(ascii_ch, []).append(ch)
        self.homoglyphs = {k: sorted(v) for k, v in back.items()}
        self._e2k = None

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def fill(self, template: str, a: str) -> str:
        r = self.rng
        return template.format(
            A=a, dd=f"{r.randint(1, 28):02d}", mm=f"{r.randint(1, 12):02d}", amt=f"{r.randint(5, 300)},{r.randint(0, 99):02d}",
            cur=self.pick(self.currencies), st=self.pick(("FL", "NY", "CA", "TX", "WA", "NJ", "IL")), city=self.pick(self.cities),
            cc=self.pick(self.codes), cc3=self.pick(self.codes3), MON=self.pick(MONTHS), rate=f"{r.uniform(0.5, 1.9):.4f}",
            phone=f"{r.randint(800, 899)}-{r.randint(200, 999)}-{r.randint(1000, 9999)}",
            ref="".join(self.pick("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(6)), n3=f"{r.randint(100, 999)}")

    def kana(self, text: str) -> str:
        if self._e2k is None:
            import e2k

            self._e2k = e2k.C2K()
        out = []
        for w in re.findall(r"[A-Za-z]+|\d+", text):
            if (w.isupper() and len(w) <= 3) or not re.search(r"[aeiouyAEIOUY]", w):
                from audit.merchants.kana import _LETTERS

                out.append("".join(_LETTERS[c] for c in w.upper() if c in _LETTERS))
            elif w.isdigit():
                out.append(w)
            else:
                out.append(self._e2k(w.lower()))
        return "".join(out)

    def by_ear(self, k: str) -> str:
        """One change a listener might make (a vowel heard differently, a long mark or a small ッ added or
        dropped, ヴ written ブ), in 6 renderings of 10; the rest kept as the model wrote them."""
        r = self.rng
        if r.random() < 0.4 or len(k) < 3:
            return k
        swaps = {"イ": "エ", "エ": "イ", "ウ": "オ", "オ": "ウ", "ヴ": "ブ", "ブ": "ヴ", "ス": "ズ", "ド": "ト", "ア": "ァ"}
        kind = r.randrange(4)
        i = r.randrange(1, len(k))
        if kind == 0 and any(c in swaps for c in k):
            j = self.pick([n for n, c in enumerate(k) if c in swaps])
            return k[:j] + swaps[k[j]] + k[j + 1:]
        if kind == 1:
            return k.replace("ー", "", 1) if "ー" in k else k[:i] + "ー" + k[i:]
        if kind == 2:
            return k.replace("ッ", "", 1) if "ッ" in k else k[:i] + "ッ" + k[i:]
        return k

    def forms(self, a: str) -> list[tuple[str, str]]:
        """(descriptor, form) statement forms of the alias ``a``."""
        r, up = self.rng, " ".join(unicodedata.normalize("NFKC", a).upper().split())
        glued = re.sub(r"[^A-Z0-9]", "", up)
        out: list[tuple[str, str]] = [(up, "plain"), (f"{up} {self.pick(self.cities)} {self.pick(self.codes)}", "city_country"),
               (f"{up} {self.pick(self.cities)} {self.pick(('FL', 'NY', 'CA', 'TX', 'NJ'))}", "city_state"),
               (up[:25].ljust(25) + self.pick(self.cities)[:13].ljust(13) + self.pick(self.codes), "padded"),
               (self.pick(PREFIXES) + up, "facilitator"),
               (("PAYPAL *" + glued + self.pick(self.codes))[:20], "facilitator_glued"),
               (f"{up} {r.randint(800, 899)}-{r.randint(200, 999)}-{r.randint(1000, 9999)} {self.pick(self.codes)}", "phone"),
               (f"WWW.{glued}.COM", "web"), (f"{up} {self.pick(PRODUCT)}", "product_words"),
               (self.fill(self.pick(WRAPPERS), up), "bank_wrapper"), (up.lower(), "lowercase"),
               (a.title() if a.isupper() else a, "mixed_case")]
        for width in (22, 25):
            text = (self.pick(("", "", "PAYPAL *", "FS *")) + up + " " + self.pick((*PRODUCT, "LIMITED", "INCORPORATED")))
            if len(text) > width:
                out.append((text[:width].rstrip(), "truncated"))
        if not any(c in CORPORATE for c in up.split()):
            out.append((f"{up} {self.pick(('LLC', 'INC', 'LTD', 'PVT LTD'))} {self.pick(self.cities)}", "company_suffix_city"))
        words = up.split()
        if len(words) >= 2:
            out.append(("".join(words), "spacing"))
        if len(words) >= 3:
            i = r.randrange(1, len(words))
            if len(words[i]) > 5:
                out.append((" ".join([*words[:i], words[i][: r.randint(3, 5)], *words[i + 1:]]), "abbrev"))
        letters = [i for i, c in enumerate(up) if c in self.homoglyphs]
        if letters:
            i = self.pick(letters)
            out.append((up[:i] + self.pick(self.homoglyphs[up[i]]) + up[i + 1:], "homoglyph"))
        k = self.kana(a)
        if k:
            k = self.by_ear(k)
            out.append((k, "katakana"))
            import jaconv

            out.append((jaconv.z2h(k, kana=True, ascii=False, digit=False), "katakana_halfwidth"))
        return out

    def lookalikes(self, alias: str, rare: str, words: list[str]) -> list[tuple[str, str]]:
        r = self.rng
        out = [(f"{rare} {self.pick(BUSINESS)}", "word_plus_business"), (f"{self.pick(BUSINESS)} {rare}", "business_plus_word"),
               (f"{rare}{self.pick(GLUE_ON)} {self.pick(BUSINESS)}", "inside_longer_word"),
               (f"{self.pick(GLUE_BEFORE)}{rare} {self.pick(BUSINESS)}", "inside_longer_word")]
        if len(rare) >= 6:
            i = r.randrange(1, len(rare) - 1)
            out.append((rare[:i] + self.pick("AEIOURSTLN".replace(rare[i], "")) + rare[i + 1:] + " " + self.pick(BUSINESS),
                        "one_letter"))
        from audit.merchants.reference import name_freq

        books = name_freq().u
        for i in range(3, len(rare) - 2):  # a glued name spelt as two ordinary words
            a, b = rare[:i], rare[i:]
            if books.get(a, 0) > 1e-4 and books.get(b, 0) > 1e-4:
                out.append((f"{a} {b} {self.pick(BUSINESS)}", "spaced_phrase"))
                break
        others = [w for w in words if w != rare]
        if others:
            out.append((" ".join([*others, self.pick(BUSINESS)]), "generic_words"))
        k = self.kana(rare.title())
        if k:
            out.append((k + self.pick(JP_SHOP), "katakana_shop"))
        return out


def main() -> int:
    g = Gen()
    rows: list[tuple[str, str, str, str]] = []
    from audit.merchants.reference import name_freq
    from audit.merchants.text import latin_tokens

    freq = name_freq()
    for path in shipped_paths():
        for e in read_list(path).entries:
            if e.kind != "scam":
                continue
            for a in e.aliases:
                rows += [(d, e.id, "alias_form", f) for d, f in g.forms(a)]
                words = [w for w in latin_tokens(a) if w not in CORPORATE]
                if words:
                    rare = max(words, key=lambda w: (freq.bits(w), w))
                    rows += [(d, "", "lookalike", f) for d, f in g.lookalikes(a, rare, words)]
            for a in e.weak_aliases:
                up = " ".join(a.upper().split())
                rows += [(up, e.id, "alias_form", "weak_plain"), (f"{up} {g.pick(g.cities)}", e.id, "alias_form", "weak_city"),
                         (g.pick(PREFIXES) + up, e.id, "alias_form", "weak_facilitator")]
    with (HERE / "legit_nsi.csv").open(encoding="utf-8", newline="") as fh:
        names = [r["name"] for r in csv.DictReader(fh)]
    for n in names:
        for d, f in g.rng.sample(g.forms(n), 3):
            rows.append((d, "", "legit_name_form", f))
    from audit.merchants.reference import name_freq as _nf

    common = sorted((t for t, u in _nf().u.items() if t.isalpha() and t.isascii() and len(t) >= 4 and u > 3e-4))
    for w in g.rng.sample(common, min(1500, len(common))):
        k = g.kana(w.title())
        if k:
            rows.append((k + (g.pick(JP_SHOP) if g.rng.random() < 0.5 else ""), "", "common_word_kana", "katakana"))
    seen: set[str] = set()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["descriptor", "expected", "group", "form"])
        for d, exp, group, form in rows:
            if d and d not in seen:
                seen.add(d)
                w.writerow([d, exp, group, form])
    print(f"{len(seen)} pairs -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
