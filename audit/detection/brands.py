"""The brands fake-support scams imitate, their real billing forms, and descriptors that imitate them.

The table is the brand entries of the shipped context list (``merchant_lists/context.toml``): each brand's
``imitated_as`` names and its ``[[entry.form]]`` billing forms, every form with its public source. Japan's
Consumer Affairs Agency found that the operator behind fake warnings with the Microsoft logo could not be
identified and has nothing to do with the real Microsoft Japan (notice of 2021-02-19; again 2023-09-28, other
names too): what reaches a victim's card is anything from the brand's name with support words to an
unrelated company. So a brand's own billing forms are the ones to allow, and

* :func:`billing_form` - the brand form a descriptor is (``MICROSOFT*XBOX``, ``APPLE COM BILL``), if any;
* :func:`named_brand` - the imitated brand a descriptor names at all (``ﾏｲｸﾛｿﾌﾄ``, ``ＷＩＮＤＯＷＳ``,
  ``MICR0SOFT``): a name alone never makes a charge legitimate;
* :func:`impersonation` - a descriptor made of nothing but a brand's name and support, security, repair,
  remote or plan words (``ﾏｲｸﾛｿﾌﾄｻﾎﾟｰﾄ``, ``MS SUPPORT CENTER JP``) that is none of its forms: the
  ``brand_impersonation`` finding of :mod:`audit.detection.impersonation`.

Text is compared after NFKC (half-width and full-width forms are one), upper case, small kana made large
(card systems print ``ｱﾂﾌﾟﾙ`` for アップル) and, inside Latin words that mix letters and digits, digits
read as the letters they imitate (``MICR0SOFT``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from audit.detection import lexicon

# The agency notices the finding cites (the seed documents of the project, in the page's language).
NOTICE_URLS = (
    "https://www.city.omura.nagasaki.jp/soudan/kurashi/shohi/koho/microsoftnologo.html",
    "https://www.caa.go.jp/notice/assets/consume_policy_cms103_230928_02.pdf",
)
NOTICE_EN = ("Japan's Consumer Affairs Agency warned on 2021-02-19 of an operator that shows fake virus warnings "
             "with the Microsoft logo, has people call a number, takes over the computer remotely and charges "
             "large sums as \"security support\" fees; the operator could not be identified and the real "
             "Microsoft Japan has nothing to do with it (the agency repeated the warning on 2023-09-28: other "
             "names are used too).")
# The notices are about the Microsoft logo: cited for Microsoft only. Other brands get a sentence that names
# no agency (their own billing forms, with sources, are cited beside it).
NOTICE_BRAND = "microsoft"
NEUTRAL_EN = ("Fake virus warnings and support pages borrow well-known companies' names to look official; a "
              "charge that uses such a name but none of the company's own billing forms is worth checking with "
              "the company and your card company.")
NEUTRAL_JA = ("偽の警告画面やサポート窓口は、信用させるために有名企業の名前を使うことがあります。"
              "その企業の本物の請求表記ではない請求は、その企業とカード会社に確認してください。")
NOTICE_JA = ("消費者庁は2021年2月19日、「Microsoft」のロゴを表示した偽の警告で電話をかけさせ、遠隔操作のうえ"
             "「セキュリティ対策のサポート料」などとして多額の支払いをさせる事業者について注意を呼びかけました。"
             "事業者は特定されておらず、実在する日本マイクロソフトとは無関係です（2023年9月28日にも、"
             "ほかの名称を使う例を含めて注意喚起）。")

_SMALL = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_LEET = str.maketrans("0134578", "OIEASTB")
_LATIN = re.compile(r"[A-Z0-9]+")
_KANA_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff々ー]+")

# Words that sell "support" in a brand's name: support, security, protection, help desk, repair, remote,
# maintenance, virus removal, and the plan words of the price lists (3-, 5-, 10-year, lifetime, licence).
SUPPORT_LATIN = re.compile(
    r"^(?:SUPP(?:ORT)?S?|SECUR\w*|PROTECT\w*|DEFEND\w*|GUARD\w*|SHIELD\w*|ANTI ?VIRUS|VIRUS\w*|MALWARE|FIREWALL"
    r"|HELP\w*|HELPDESK|DESK|TECH\w*|REPAIR\w*|FIX\w*|REMOTE|CENT(?:ER|RE)S?|ASSIST\w*|HOTLINE|SAFE\w*|CLEAN\w*"
    r"|RECOVER\w*|RESTORE)$")
PLAN_LATIN = re.compile(r"^(?:LICEN[CS]E|LIFETIME|WARRANTY|\d{1,2}(?:YRS?|YEARS?))$")
SUPPORT_KANA = [
    "サポート", "セキュリ", "セキュア", "ホゴ", "保護", "ホシュ", "保守", "エンカク", "遠隔", "リモート", "ヘルプ",
    "デスク", "センター", "リペア", "シュウリ", "修理", "シュウフク", "修復", "テクニカル", "ウイルス", "ジョキョ",
    "除去", "駆除", "クジョ", "ファイアウォール", "ファイヤーウォール", "ディフェンダー", "プロテクト", "ガード",
    "シールド", "窓口", "マドグチ", "技術", "ギジュツ", "安全", "アンゼン", "ケア",
]
PLAN_KANA = ["ライセンス", "エイキュウ", "永久", "ホショウ", "保証"]
# Words that may stand beside the brand and its support words without making the name a different business.
FILLER_LATIN = re.compile(
    r"^(?:JP|JPN|JAPAN|US|USA|UK|OF|THE|AND|BY|FOR|TEAM|SERVICES?|SVCS?|PLUS|PRO|PREMIUM|ACCOUNT|CARE|OFFICIAL"
    r"|MONTHLY|ANNUAL|YEARLY|PLAN|SUB|SUBSCRIPTION|CLUB|CO|LTD|INC|LLC|KK|ONLINE|NET|TOTAL|CLOUD|PC|IT|DIGITAL"
    r"|DEVICE|COMPUTER|SYSTEM|WEB|SMART|GLOBAL|\d+)$")
FILLER_KANA = ["ジャパン", "チーム", "サービス", "プラス", "プロ", "プレミアム", "アカウント", "オフィシャル", "公式",
               "コウシキ", "マンスリー", "ツキガク", "月額", "ネンガク", "年額", "ネンカン", "年間", "プラン", "クラブ",
               "オンライン", "ネット", "トータル", "クラウド", "パソコン", "ピーシー", "システム", "デバイス",
               "カスタマー", "コール", "ソウダン", "相談", "ネン", "年", "ジュウ", "ゴ", "サン", "イチ", "ニ", "ノ"]


def kana_fold(text: str) -> str:
    """Folded text (:func:`audit.detection.lexicon.fold`) with small kana made large: ``ｳｨﾝﾄﾞｳｽﾞ`` and
    ``ウインドウズ`` compare equal, as do ``ｱｯﾌﾟﾙ`` and the ``ｱﾂﾌﾟﾙ`` old card systems print."""
    return lexicon.fold(text).translate(_SMALL)


def _latin_words(text: str) -> list[str]:
    """Latin words of folded text; in a word mixing letters and digits the digits read as letters."""
    out = []
    for w in _LATIN.findall(text):
        if re.search(r"[A-Z]", w) and re.search(r"\d", w) and not re.fullmatch(r"\d{1,2}(?:YRS?|YEARS?)", w):
            w = w.translate(_LEET)
        out.append(w)
    return out


@dataclass(frozen=True)
class Form:
    """One of a brand's own billing forms, as the table gives it (folded), with its source."""

    brand: str
    text: str
    prefix: bool
    renews: bool
    source_url: str
    authority: str


@dataclass(frozen=True)
class Brand:
    """An imitated brand: its display names, the names scam descriptors use, and its billing forms."""

    id: str
    name: str
    name_ja: str
    latin: tuple[str, ...]  # long Latin names (MICROSOFT, WINDOWS)
    short: tuple[str, ...]  # short Latin names that count only with nothing but support words (MS)
    kana: tuple[str, ...]  # katakana names, small kana made large
    forms: tuple[Form, ...]


@dataclass(frozen=True)
class Impersonation:
    """A descriptor that imitates ``brand``: the support words it adds (as printed, folded)."""

    brand: Brand
    words: tuple[str, ...]
    named: str = ""  # the brand's name as the descriptor prints it (folded): WINDOWS, マイクロソフト, MS

    @property
    def product_name(self) -> bool:
        """The descriptor names the brand by another of its names (Windows for Microsoft), not the company's."""
        name = kana_fold(self.named).translate(_LEET)
        if not name or name in self.brand.short:  # MS: the company's own short name
            return False
        company = self.brand.name.split()[0] if self.brand.name.split() else self.brand.name  # Norton (Gen Digital)
        return name not in (kana_fold(self.brand.name), kana_fold(company), kana_fold(self.brand.name_ja))

    def forms_text(self, limit: int = 3) -> str:
        """The brand's own forms as a reader sees them: ``MSBILL.INFO, MICROSOFT*…, MSFT*…``."""
        forms = sorted(self.brand.forms, key=lambda f: (f.renews, not f.prefix))[:limit]
        return ", ".join(f.text + ("…" if f.prefix else "") for f in forms)


def _stamps() -> tuple[tuple[str, int, int], ...]:
    """(path, mtime, size) of each shipped list file: the table is read again only when one changes."""
    from audit.merchants.lists import shipped_paths

    out = []
    for p in shipped_paths():
        try:
            st = p.stat()
        except OSError:
            continue
        out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


@lru_cache(maxsize=4)
def _load(stamps: tuple[tuple[str, int, int], ...]) -> tuple[Brand, ...]:
    from audit.merchants.lists import entry_tables, read_list

    brands: list[Brand] = []
    for path, _mtime, _size in stamps:
        try:
            listing = read_list(path)
            tables = entry_tables(path)  # the same reading: the file is parsed once per process
        except Exception:  # a broken list is reported by the merchant-list checks; the table skips it
            continue
        if listing.kind != "context":
            continue
        valid = {e.id for e in listing.entries if e.role == "brand"}
        for item in tables:
            if item.get("id") not in valid:
                continue
            names = [str(n) for n in item.get("imitated_as", [])]
            if not names:  # a brand no scam descriptor is known to imitate: its forms stay with the allowlist
                continue
            forms = []
            for f in item.get("form", []):
                text = _star(kana_fold(str(f["form"]))).strip()
                forms.append(Form(item["name"], text, text.endswith("*"), bool(f.get("renews", False)),
                                  str(f["source_url"]), str(f["authority"])))
            latin = tuple(kana_fold(n) for n in names if not n.startswith("~") and re.fullmatch(r"[A-Za-z]+", n))
            short = tuple(kana_fold(n[1:]) for n in names if n.startswith("~"))
            kana = tuple(kana_fold(n) for n in names if not re.fullmatch(r"~?[A-Za-z]+", n))
            ja = next((n for n in names if not re.fullmatch(r"~?[A-Za-z]+", n)), item["name"])
            brands.append(Brand(item["id"], item["name"], ja, latin, short, kana, tuple(forms)))
    return tuple(brands)


_MEMO: dict[str, object] = {"at": -1.0, "stamps": ()}


def _current() -> tuple[tuple[str, int, int], ...]:
    """The list files' stamps, checked for changes at most once a second."""
    import time

    now = time.monotonic()
    if now - float(_MEMO["at"]) > 1.0:  # type: ignore[arg-type]
        _MEMO["stamps"], _MEMO["at"] = _stamps(), now
    return _MEMO["stamps"]  # type: ignore[return-value]


def brands() -> tuple[Brand, ...]:
    """The brand table of the shipped context lists (files checked for changes at most once a second)."""
    return _load(_current())


@dataclass(frozen=True)
class _Index:
    """Quick tests on the whole table: a descriptor no name or form of which appears is done at once."""

    names: re.Pattern[str]  # Latin names (digits read as letters) and short names, on the folded text
    kana: re.Pattern[str] | None  # katakana names on the compacted text
    forms: re.Pattern[str] | None  # every form's compacted text, on the compacted text


@lru_cache(maxsize=4)
def _index(stamps: tuple[tuple[str, int, int], ...]) -> _Index:
    table = _load(stamps)
    latin = sorted({n for b in table for n in b.latin}, key=len, reverse=True)
    short = sorted({n for b in table for n in b.short})
    kana = sorted({k for b in table for k in b.kana}, key=len, reverse=True)
    forms = sorted({_compact(f.text) for b in table for f in b.forms}, key=len, reverse=True)
    alt = [rf"(?<![A-Z]){re.escape(n)}" for n in latin] + [rf"(?<![A-Z0-9]){re.escape(n)}(?![A-Z0-9])" for n in short]
    return _Index(re.compile("|".join(alt) or r"(?!)"), re.compile("|".join(map(re.escape, kana))) if kana else None,
                  re.compile("|".join(map(re.escape, forms))) if forms else None)


def _mentions(text: str) -> bool:
    """True when a brand's name may be in the folded text (a superset test: the full one follows)."""
    idx = _index(_current())
    return bool(idx.names.search(text.translate(_LEET)) or (idx.kana is not None and idx.kana.search(_compact(text))))


def _compact(text: str) -> str:
    return re.sub(r"[\s・･.\-_/]+", "", text)


def _star(text: str) -> str:
    return re.sub(r"\s*\*\s*", "*", text)


def _sells_support(rest: str) -> bool:
    """True when text beside a form holds words that sell support (a help desk, a repair, remote help)."""
    words = [w for w in _latin_words(rest) if SUPPORT_LATIN.match(w)]
    kana = any(w.translate(_SMALL) in rest for w in SUPPORT_KANA)
    return bool(words or kana)


def _forms_longest_first() -> tuple[Form, ...]:
    """Every brand's forms, the longest first (``MICROSOFT*MICROSOFT 36`` before ``MSBILL.INFO``)."""
    return _sorted_forms(brands())


@lru_cache(maxsize=4)
def _sorted_forms(table: tuple[Brand, ...]) -> tuple[Form, ...]:
    return tuple(sorted((f for b in table for f in b.forms), key=lambda f: -len(f.text)))


def billing_form(descriptor: str) -> Form | None:
    """The brand billing form ``descriptor`` is, if any (see :func:`_billing_form`; cached per descriptor)."""
    return _billing_form(descriptor, _current()) if isinstance(descriptor, str) else None


@lru_cache(maxsize=200_000)
def _billing_form(descriptor: str, stamps: tuple[tuple[str, int, int], ...]) -> Form | None:
    """The brand billing form ``descriptor`` is, if any.

    A form ending in ``*`` is a prefix that includes the star (the app or product follows it, security words
    included: ``GOOGLE*AVAST MOBILE SECURITY``); any other form may stand anywhere. Help-desk words after a
    prefix form, or support words beside any other form, make the descriptor no form.
    """
    text = _star(kana_fold(descriptor))
    compact = _compact(text)
    idx = _index(stamps)
    if idx.forms is None or not idx.forms.search(compact):
        return None
    for f in _forms_longest_first():
        if f.prefix:
            if text.startswith(f.text) and not lexicon.IMPERSONATION_WORDS.search(text[len(f.text):]):
                return f
            continue
        if f.text in text:
            rest = text.replace(f.text, " ")
        elif _compact(f.text) in compact:
            rest = compact.replace(_compact(f.text), " ")
        else:
            continue
        if not _sells_support(rest):
            return f
    return None


def _brand_in_words(b: Brand, words: list[str]) -> tuple[int, str] | None:
    """Index and leftover of the first Latin word that is (or starts with) one of the brand's names."""
    for i, w in enumerate(words):
        for n in b.latin:
            if w.startswith(n):
                return i, w[len(n):]
        if w in b.short:
            return i, ""
    return None


def named_brand(descriptor: str) -> Brand | None:
    """The imitated brand ``descriptor`` names (a long Latin name starting a word, or its katakana name)."""
    return _named_brand(descriptor, _current()) if isinstance(descriptor, str) else None


@lru_cache(maxsize=200_000)
def _named_brand(descriptor: str, stamps: tuple[tuple[str, int, int], ...]) -> Brand | None:
    text = kana_fold(descriptor)
    if not _mentions(text):
        return None
    words = _latin_words(text)
    kana = _compact(" ".join(_KANA_RUN.findall(text)))
    for b in brands():
        if any(w.startswith(n) for w in words for n in b.latin) or any(k in kana for k in b.kana):
            return b
    return None


_STEMS = ("SUPPORT", "SECURITY", "PROTECTION", "HELPDESK", "REPAIR", "REMOTE", "TECHSUPPORT", "FIREWALL", "ANTIVIRUS")


def _cut_support(word: str) -> bool:
    """A last word cut off by the name field's length that begins a support word (``MICROSOFTSU``)."""
    return len(word) >= 2 and any(s.startswith(word) for s in _STEMS)


_KANA_WORDS = tuple((w, w.translate(_SMALL)) for w in sorted(SUPPORT_KANA + PLAN_KANA, key=len, reverse=True))
_KANA_FILLERS = tuple(w.translate(_SMALL) for w in sorted(FILLER_KANA, key=len, reverse=True))


def _strip_kana(run: str, names: tuple[str, ...]) -> tuple[str, list[str], str]:
    """A katakana/kanji run with the brand's names, support words and fillers taken out: (rest, support
    words found, the brand's name found or "")."""
    found: list[str] = []
    brand = ""
    for n in sorted(names, key=len, reverse=True):
        if n in run:
            brand = brand or n
            run = run.replace(n, " ")
    for w, w2 in _KANA_WORDS:
        if w2 in run:
            found.append(w)
            run = run.replace(w2, " ")
    for w2 in _KANA_FILLERS:
        run = run.replace(w2, " ")
    return run.replace(" ", ""), found, brand


def _as_printed(descriptor: str, name: str) -> str:
    """``name`` (folded) as the descriptor prints it, widths made one (``ｱｯﾌﾟﾙ`` -> ``アップル``, ``MICR0SOFT``);
    the folded name when it cannot be found (the folds are one character for one)."""
    base = lexicon.fold(descriptor)
    large = base.translate(_SMALL)
    for text in (large, large.translate(_LEET)):
        at = text.find(name)
        if at >= 0 and len(text) == len(base):
            return base[at:at + len(name)]
    return name


def impersonation(descriptor: str) -> Impersonation | None:
    """``descriptor`` names an imitated brand with support words and nothing else, and is none of its forms."""
    if not isinstance(descriptor, str) or not descriptor.strip():
        return None
    return _impersonation(descriptor, _current())


@lru_cache(maxsize=200_000)
def _impersonation(descriptor: str, stamps: tuple[tuple[str, int, int], ...]) -> Impersonation | None:
    text = kana_fold(descriptor)
    if not _mentions(text) or billing_form(descriptor) is not None:
        return None
    if "*" in text:  # a payment agent's prefix ("PAYPAL *MICROSOFTSUP"): the seller's part is what counts
        head, _, tail = text.partition("*")
        if lexicon.reseller_of(head + "*") or len(head.strip()) <= 8:
            text = tail
    text = lexicon.PHONE.sub(" ", text)
    text = re.sub(r"(?<=[A-Z0-9])利用国[A-Z]{3}$|利用国[A-Z]{3}$", " ", text)  # Rakuten's country after the name
    for b in brands():
        words = _latin_words(text)
        support: list[str] = []
        named = ""
        leftovers: list[str] = []
        for n, w in enumerate(words):
            hit = _brand_in_words(b, [w])
            if hit is not None:
                named = named or w[: len(w) - len(hit[1])]
                w = hit[1]
                if not w:
                    continue
            if SUPPORT_LATIN.match(w) or PLAN_LATIN.match(w) or (n == len(words) - 1 and _cut_support(w)):
                support.append(w)
            elif not FILLER_LATIN.match(w) and len(w) > 1:
                leftovers.append(w)
        if words and any(w in b.short for w in words) and not any(_brand_in_words(b, [w]) and w not in b.short
                                                                  for w in words):
            # a short name (MS) only when every other word is a support word or a filler
            if leftovers or not support:
                continue
        rest = ""
        for run in _KANA_RUN.findall(text):
            r, found, kana_name = _strip_kana(run, b.kana)
            named = named or kana_name
            support += found
            rest += r
        if named and support and not leftovers and len(rest) <= 2:
            return Impersonation(b, tuple(dict.fromkeys(support)), _as_printed(descriptor, named))
    return None
