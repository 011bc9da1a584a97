#!/usr/bin/env python3
"""Build legit_blind.csv: legitimate card-statement descriptors that must NOT match a listed merchant.

Written by a helper that never read the project's matcher. Standard library only, deterministic
(every choice comes from a SHA-256 of a fixed key, never from a random generator or the clock).

Inputs (exact bytes, see LEGIT_SOURCES.md for repository, commit and licence):
  constituents.csv      datasets/s-and-p-500-companies  data/constituents.csv        (ODC-PDDL-1.0)
  simple-icons.json     simple-icons/simple-icons       data/simple-icons.json       (CC0-1.0)
  EdinetcodeDlInfo.csv  prnszz/edinet2dataset           data/EdinetcodeDlInfo.csv    (FSA EDINET code
                        list, PDL1.0 = CC BY 4.0 compatible; repository Apache-2.0), Shift-JIS
  known_scams.toml      merchant_lists/known_scams.toml of this project, only to refuse rows that
                        contain a listed name or alias as a whole word sequence.

Usage:
  python make_legit_blind.py --src DIR --scams merchant_lists/known_scams.toml --out legit_blind.csv

What it does:
  1. Real names: S&P 500 companies, a hand-picked list of consumer-facing brands/apps from
     simple-icons (picked by title, listed below in SI_PICKS), and Japanese companies from the EDINET
     code list (domestic filers; funds/trusts dropped). Each name is turned into one or two
     statement forms (Visa/Mastercard 22-25 character name field + city + state/country, phone or
     web address in the city field, facilitator prefixes, store numbers; for Japanese names the
     kanji/kana name, half-width kana with the Zengin company marks ｶ) / (ｶ, full-width Latin,
     shop names with a branch, and romaji for use abroad).
  2. A short list of kana renderings of foreign brands as Japanese issuers print them (names from
     the two sources above, renderings written by the helper).
  3. Constructed hard negatives (real=0), written by the helper after reading the listed names.
  4. Checks: no duplicate descriptor (after NFKC, upper case, collapsed spaces); no descriptor or
     name may contain a listed name/alias as a whole token sequence (real rows that do are
     dropped and reported; a constructed row that does is an error).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

INPUT_SHA256 = {
    "constituents.csv": "e5325068834c252d333c40c9ac02e3fadf14834c2edb62a024b6206c7a0d17d0",
    "simple-icons.json": "031297247af6d062241858c7a8ce4f64a322d911916203474709983f8e7876bc",
    "EdinetcodeDlInfo.csv": "8bc893e8607ec59c3ee003bcca57afd053838e9b2342a3bf2ce64944345279ad",
}


# --------------------------------------------------------------------------- deterministic choice


def h(*parts: object) -> int:
    """Stable integer from the parts (SHA-256)."""
    return int(hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:15], 16)


def pick(seq, *key):
    return seq[h(*key) % len(seq)]


def chance(pct: int, *key) -> bool:
    return h("chance", *key) % 100 < pct


# --------------------------------------------------------------------------- places

US_CITIES = [
    ("NEW YORK", "NY"),
    ("SAN FRANCISCO", "CA"),
    ("SEATTLE", "WA"),
    ("AUSTIN", "TX"),
    ("CHICAGO", "IL"),
    ("LOS ANGELES", "CA"),
    ("BOSTON", "MA"),
    ("DENVER", "CO"),
    ("MIAMI", "FL"),
    ("ATLANTA", "GA"),
    ("PHOENIX", "AZ"),
    ("PORTLAND", "OR"),
    ("COLUMBUS", "OH"),
    ("NASHVILLE", "TN"),
    ("SAN JOSE", "CA"),
    ("DALLAS", "TX"),
    ("HOUSTON", "TX"),
    ("MINNEAPOLIS", "MN"),
    ("RALEIGH", "NC"),
    ("SALT LAKE CTY", "UT"),
    ("PITTSBURGH", "PA"),
    ("TAMPA", "FL"),
    ("SAN DIEGO", "CA"),
    ("OMAHA", "NE"),
    ("DETROIT", "MI"),
    ("CHARLOTTE", "NC"),
    ("ST LOUIS", "MO"),
    ("BALTIMORE", "MD"),
    ("LAS VEGAS", "NV"),
    ("SACRAMENTO", "CA"),
]
CITIES = {
    "GB": [
        "LONDON",
        "MANCHESTER",
        "BIRMINGHAM",
        "LEEDS",
        "GLASGOW",
        "BRISTOL",
        "EDINBURGH",
        "CARDIFF",
        "LIVERPOOL",
        "READING",
    ],
    "DE": [
        "BERLIN",
        "MUENCHEN",
        "HAMBURG",
        "KOELN",
        "FRANKFURT",
        "STUTTGART",
        "DUESSELDORF",
        "LEIPZIG",
        "BONN",
        "NUERNBERG",
    ],
    "FR": ["PARIS", "LYON", "MARSEILLE", "TOULOUSE", "BORDEAUX", "LILLE", "NANTES"],
    "NL": ["AMSTERDAM", "UTRECHT", "ROTTERDAM", "DEN HAAG"],
    "IE": ["DUBLIN", "CORK"],
    "ES": ["MADRID", "BARCELONA", "VALENCIA"],
    "IT": ["MILANO", "ROMA", "TORINO"],
    "SE": ["STOCKHOLM", "GOTEBORG"],
    "CH": ["ZURICH", "GENEVE", "BASEL"],
    "AT": ["WIEN", "GRAZ"],
    "PL": ["WARSZAWA", "KRAKOW"],
    "AU": ["SYDNEY", "MELBOURNE", "BRISBANE"],
    "JP": ["TOKYO", "OSAKA", "YOKOHAMA"],
    "IN": ["MUMBAI", "BENGALURU", "NEW DELHI"],
    "SG": ["SINGAPORE"],
    "NZ": ["AUCKLAND"],
    "DK": ["KOBENHAVN"],
    "NO": ["OSLO"],
    "FI": ["HELSINKI"],
    "BE": ["BRUXELLES"],
    "PT": ["LISBOA"],
    "CZ": ["PRAHA"],
    "RO": ["BUCURESTI"],
    "HU": ["BUDAPEST"],
    "LT": ["VILNIUS"],
    "IL": ["TEL AVIV"],
    "AE": ["DUBAI"],
    "QA": ["DOHA"],
    "TR": ["ISTANBUL"],
    "SA": ["JEDDAH"],
    "ET": ["ADDIS ABABA"],
    "CN": ["SHANGHAI", "SHENZHEN"],
    "HK": ["HONG KONG"],
    "TW": ["TAIPEI"],
    "KR": ["SEOUL"],
    "MY": ["KUALA LUMPUR"],
    "ID": ["JAKARTA"],
    "MX": ["MEXICO CITY"],
    "BR": ["SAO PAULO"],
    "AR": ["BUENOS AIRES"],
    "CO": ["BOGOTA"],
    "PA": ["PANAMA CITY"],
    "RS": ["BEOGRAD"],
    "UA": ["KYIV"],
    "KY": ["GEORGE TOWN"],
    "LU": ["LUXEMBOURG"],
}
CA_CITIES = [("TORONTO", "ON"), ("VANCOUVER", "BC"), ("MONTREAL", "QC"), ("OTTAWA", "ON"), ("CALGARY", "AB")]
ISO3 = {
    "GB": "GBR",
    "DE": "DEU",
    "FR": "FRA",
    "NL": "NLD",
    "IE": "IRL",
    "ES": "ESP",
    "IT": "ITA",
    "SE": "SWE",
    "CH": "CHE",
    "AT": "AUT",
    "PL": "POL",
    "AU": "AUS",
    "JP": "JPN",
    "IN": "IND",
    "SG": "SGP",
    "CZ": "CZE",
    "LU": "LUX",
    "DK": "DNK",
    "NO": "NOR",
    "BE": "BEL",
}
LEGAL = {
    "US": ["INC", "LLC", "CORP", "CO"],
    "GB": ["LTD", "PLC", "LIMITED"],
    "DE": ["GMBH", "AG"],
    "FR": ["SAS", "SA", "SARL"],
    "NL": ["BV"],
    "IE": ["LTD"],
    "ES": ["SL", "SA"],
    "IT": ["SRL", "SPA"],
    "SE": ["AB"],
    "CH": ["AG", "SA"],
    "AT": ["GMBH"],
    "AU": ["PTY LTD"],
    "CA": ["INC", "LTD"],
    "JP": ["KK", "CO LTD"],
}
US_STATES = {
    "Alabama": "AL",
    "Alaska": "AK",
    "Arizona": "AZ",
    "Arkansas": "AR",
    "California": "CA",
    "Colorado": "CO",
    "Connecticut": "CT",
    "Delaware": "DE",
    "Florida": "FL",
    "Georgia": "GA",
    "Hawaii": "HI",
    "Idaho": "ID",
    "Illinois": "IL",
    "Indiana": "IN",
    "Iowa": "IA",
    "Kansas": "KS",
    "Kentucky": "KY",
    "Louisiana": "LA",
    "Maine": "ME",
    "Maryland": "MD",
    "Massachusetts": "MA",
    "Michigan": "MI",
    "Minnesota": "MN",
    "Mississippi": "MS",
    "Missouri": "MO",
    "Montana": "MT",
    "Nebraska": "NE",
    "Nevada": "NV",
    "New Hampshire": "NH",
    "New Jersey": "NJ",
    "New Mexico": "NM",
    "New York": "NY",
    "North Carolina": "NC",
    "North Dakota": "ND",
    "Ohio": "OH",
    "Oklahoma": "OK",
    "Oregon": "OR",
    "Pennsylvania": "PA",
    "Rhode Island": "RI",
    "South Carolina": "SC",
    "South Dakota": "SD",
    "Tennessee": "TN",
    "Texas": "TX",
    "Utah": "UT",
    "Vermont": "VT",
    "Virginia": "VA",
    "Washington": "WA",
    "West Virginia": "WV",
    "Wisconsin": "WI",
    "Wyoming": "WY",
    "District of Columbia": "DC",
    "Washington, D.C.": "DC",
}
FOREIGN_HQ = {
    "Ireland": "IE",
    "United Kingdom": "GB",
    "England": "GB",
    "Switzerland": "CH",
    "Netherlands": "NL",
    "Bermuda": "BM",
    "Canada": "CA",
    "Germany": "DE",
    "Jersey": "JE",
    "Luxembourg": "LU",
    "France": "FR",
    "Israel": "IL",
}


def place(cc: str, key: str) -> tuple[str, str]:
    """(city, region) for a country; region is a US state, a CA province or a country code."""
    if cc == "US":
        return pick(US_CITIES, "city", key)
    if cc == "CA":
        return pick(CA_CITIES, "city", key)
    city = pick(CITIES.get(cc, [cc]), "city", key)
    region = ISO3[cc] if cc in ISO3 and chance(30, "iso3", key) else cc
    return city, region


def phone(key: str) -> str:
    d = h("phone", key)
    return f"8{pick(['00', '33', '44', '55', '66', '77', '88'], 'tf', key)}-{d % 800 + 200}-{d // 800 % 9000 + 1000}"


# --------------------------------------------------------------------------- Latin statement forms

GERMAN_CC = {"DE", "AT", "CH"}


def ascii_upper(s: str, cc: str = "US") -> str:
    """Upper-case ASCII rendering as card networks print it (accents dropped, umlauts spelled out)."""
    if cc in GERMAN_CC:
        for a, b in (
            ("ä", "ae"),
            ("ö", "oe"),
            ("ü", "ue"),
            ("Ä", "AE"),
            ("Ö", "OE"),
            ("Ü", "UE"),
            ("ß", "ss"),
        ):
            s = s.replace(a, b)
    s = s.replace("’", "'").replace("–", "-").replace("—", "-").replace("°", "")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", s.upper()).strip()


LEGAL_TAIL = re.compile(
    r"(,?\s+(inc\.?|incorporated|corporation|corp\.?|company|co\.|plc|ltd\.?|limited|llc|n\.v\.|"
    r"s\.a\.|ag|se|group|holdings)\s*)+$",
    re.I,
)


def short_name(name: str) -> str:
    s = re.sub(r"\s*\((the|class [abc])\)", "", name, flags=re.I)
    s = re.sub(r"^(\w+) \((\w+)\)$", r"\2 \1", s)
    s = re.sub(r"^(the)\s+", "", s, flags=re.I)
    s2 = LEGAL_TAIL.sub("", s).strip(" ,&")
    return s2 or s


def cut(s: str, key: str, lo: int = 22, hi: int = 25) -> str:
    n = lo + h("cut", key) % (hi - lo + 1)
    return s[:n].rstrip(" -*&,.")


def glued(s: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", s)


def fixed_width(name: str, city: str, region: str) -> str:
    return f"{name[:25].ljust(25)}{city[:13].ljust(13)}{region}"


def latin_form(
    name: str,
    kind: str,
    cc: str,
    key: str,
    flags: str = "",
    hq: tuple[str, str] | None = None,
    style: str | None = None,
) -> str:
    """One card-statement descriptor for a Western name."""
    n = ascii_upper(short_name(name), cc)
    if not n:
        n = ascii_upper(name, cc)
    city, region = hq if hq else place(cc, key)
    city = city[:13].rstrip()
    g = glued(n)
    tld = {
        "GB": ".CO.UK",
        "DE": ".DE",
        "FR": ".FR",
        "NL": ".NL",
        "JP": ".JP",
        "AU": ".COM.AU",
        "ES": ".ES",
        "IT": ".IT",
        "PL": ".PL",
        "IN": ".IN",
    }.get(cc, ".COM")
    dom = g + tld
    styles: list[str]
    if style:
        styles = [style]
    elif kind == "chain":
        styles = ["store_hash", "store_num", "fixed_store", "plain", "plain_store"]
    elif kind == "app":
        styles = ["web", "web_city", "phone", "plan", "plain"]
        if "s" in flags:
            styles += ["paddle", "fs", "2co", "dri", "cbr", "paypal"]
        if "m" in flags:
            styles += ["google", "google", "paypal"]
        if "p" in flags:
            styles += ["paypal", "paypal"]
    elif kind == "product":
        styles = ["plain", "star_product", "web", "fixed"]
    else:
        styles = ["plain", "plain", "fixed", "legal", "web_city", "phone"]
    if len(g) > 16:
        styles = [x for x in styles if x not in ("web", "web_city")] or ["plain"]
    s = pick(styles, "style", key)
    store = h("store", key) % 9000 + 10
    if s == "store_hash":
        return f"{cut(n, key, 16, 21)} #{store:04d} {city} {region}"
    if s == "store_num":
        return f"{cut(n, key, 16, 20)} {store:05d} {city} {region}"
    if s == "fixed_store":
        return fixed_width(f"{cut(n, key, 15, 19)} {store}", city, region)
    if s == "plain_store":
        return f"{cut(n, key)} {pick(['STORE', 'STR', 'SHOP', 'LOC'], 'st', key)} {store % 900 + 1} {region}"
    if s == "plain":
        return f"{cut(n, key)} {city} {region}"
    if s == "fixed":
        return fixed_width(n, city, region)
    if s == "legal":
        return f"{cut(n, key, 18, 21)} {pick(LEGAL.get(cc, ['LTD']), 'legal', key)} {city} {region}"
    if s == "web":
        return f"{dom} {region}"
    if s == "web_city":
        return f"{cut(n, key)} {dom} {region}"
    if s == "phone":
        if cc not in ("US", "CA"):
            return f"{cut(n, key)} {city} {region}"
        return f"{cut(n, key)} {phone(key)} {region}"
    if s == "plan":
        word = pick(
            ["SUBSCRIPTION", "MEMBERSHIP", "MONTHLY", "ANNUAL", "PREMIUM", "PLUS", "PRO"], "plan", key
        )
        return f"{cut(n, key, 12, 16)} *{word} {region}"
    if s == "star_product":
        return f"{cut(n, key, 12, 16)}*{pick(['ORDER', 'STORE', 'ONLINE', 'SHOP'], 'sp', key)} {region}"
    if s == "paypal":
        return f"PAYPAL *{g[:15]} 4029357733 {pick(['CA', 'GB', 'DE', 'LU'], 'pp', key)}"
    if s == "google":
        return f"GOOGLE *{cut(n, key, 12, 16)} G.CO/HELPPAY#"
    if s == "paddle":
        return f"PADDLE.NET* {cut(n, key, 14, 18)}"
    if s == "fs":
        return f"FS *{cut(g, key, 10, 16)}{'.COM' if chance(50, 'fscom', key) else ''}"
    if s == "2co":
        return f"2CO.COM*{cut(g, key, 10, 14)} 877-294-0273"
    if s == "dri":
        return f"DRI*{cut(n, key, 12, 18)}"
    if s == "cbr":
        return f"CLEVERBRIDGE*{cut(g, key, 8, 12)}"
    raise AssertionError(s)


# --------------------------------------------------------------------------- Japanese forms

_HW = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー・、。「」",
        "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ･､｡｢｣",
        strict=True,
    )
)
_HW.update(
    {
        "\u3099": "ﾞ",
        "\u309a": "ﾟ",
        "\u3000": " ",
        "ヰ": "ｲ",
        "ヱ": "ｴ",
        "ヮ": "ﾜ",
        "ヵ": "ｶ",
        "ヶ": "ｹ",
        "－": "-",
        "‐": "-",
        "＆": "&",
        "（": "(",
        "）": ")",
        "．": ".",
        "／": "/",
    }
)
_ZENGIN_LARGE = str.maketrans("ｧｨｩｪｫｯｬｭｮ", "ｱｲｳｴｵﾂﾔﾕﾖ")


def hira_to_kata(s: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in s)


def halfwidth(s: str, zengin: bool = True) -> str:
    """Full-width katakana reading -> half-width kana as card/bank statements print it."""
    out = []
    for c in unicodedata.normalize("NFD", hira_to_kata(s)):
        if c in _HW:
            out.append(_HW[c])
        elif "\uff01" <= c <= "\uff5e":
            out.append(chr(ord(c) - 0xFEE0))
        else:
            out.append(c)
    r = "".join(out)
    if zengin:
        r = r.translate(_ZENGIN_LARGE).replace("･", " ")
    return re.sub(r" +", " ", r).strip()


def fullwidth(s: str) -> str:
    return "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


KABU = ("カブシキガイシャ", "カブシキカイシャ")
JP_CITY_ROMAJI = [
    ("東京都", "TOKYO"),
    ("大阪", "OSAKA"),
    ("名古屋", "NAGOYA"),
    ("横浜", "YOKOHAMA"),
    ("京都", "KYOTO"),
    ("神戸", "KOBE"),
    ("札幌", "SAPPORO"),
    ("福岡", "FUKUOKA"),
    ("広島", "HIROSHIMA"),
    ("仙台", "SENDAI"),
    ("川崎", "KAWASAKI"),
    ("さいたま", "SAITAMA"),
    ("千葉", "CHIBA"),
    ("静岡", "SHIZUOKA"),
    ("浜松", "HAMAMATSU"),
    ("新潟", "NIIGATA"),
    ("金沢", "KANAZAWA"),
    ("岡山", "OKAYAMA"),
    ("熊本", "KUMAMOTO"),
    ("那覇", "NAHA"),
    ("前橋", "MAEBASHI"),
    ("高松", "TAKAMATSU"),
    ("松山", "MATSUYAMA"),
    ("富山", "TOYAMA"),
    ("長野", "NAGANO"),
    ("岐阜", "GIFU"),
    ("宇都宮", "UTSUNOMIYA"),
    ("豊田", "TOYOTA CITY"),
    ("鹿児島", "KAGOSHIMA"),
    ("北九州", "KITAKYUSHU"),
]
# Store (branch) names with their kana readings, used for "<chain> <place>店" forms.
JP_STORES = [
    ("新宿", "シンジュク"),
    ("渋谷", "シブヤ"),
    ("池袋", "イケブクロ"),
    ("梅田", "ウメダ"),
    ("難波", "ナンバ"),
    ("栄", "サカエ"),
    ("天神", "テンジン"),
    ("札幌駅前", "サッポロエキマエ"),
    ("仙台駅前", "センダイエキマエ"),
    ("横浜西口", "ヨコハマニシグチ"),
    ("京都四条", "キョウトシジョウ"),
    ("三宮", "サンノミヤ"),
    ("広島紙屋町", "ヒロシマカミヤチョウ"),
    ("那覇", "ナハ"),
    ("川崎", "カワサキ"),
    ("大宮", "オオミヤ"),
    ("千葉", "チバ"),
    ("船橋", "フナバシ"),
    ("柏", "カシワ"),
    ("町田", "マチダ"),
    ("立川", "タチカワ"),
    ("吉祥寺", "キチジョウジ"),
    ("浜松", "ハママツ"),
    ("静岡", "シズオカ"),
    ("金沢", "カナザワ"),
    ("新潟", "ニイガタ"),
    ("岡山", "オカヤマ"),
    ("熊本", "クマモト"),
    ("鹿児島", "カゴシマ"),
    ("上野", "ウエノ"),
    ("秋葉原", "アキハバラ"),
    ("有楽町", "ユウラクチョウ"),
    ("品川", "シナガワ"),
    ("錦糸町", "キンシチョウ"),
    ("津田沼", "ツダヌマ"),
    ("藤沢", "フジサワ"),
    ("高松", "タカマツ"),
    ("松山", "マツヤマ"),
    ("宇都宮", "ウツノミヤ"),
    ("富山", "トヤマ"),
]


def jp_core(name: str) -> str:
    s = name.replace("\u3000", "").replace(" ", "")
    return s.replace("株式会社", "")


def jp_brand(name: str) -> str:
    s = jp_core(name)
    for t in ("ホールディングス", "グループ", "コーポレーション", "本社"):
        if s.endswith(t) and len(s) > len(t) + 1:
            s = s[: -len(t)]
    return s.rstrip("・")


def reading_core(yomi: str) -> str:
    s = yomi.replace("\u3000", "").replace(" ", "")
    for k in KABU:
        if s.startswith(k):
            s = s[len(k) :]
        if s.endswith(k):
            s = s[: -len(k)]
    return s


def reading_brand(yomi: str) -> str:
    s = reading_core(yomi)
    for t in ("ホールディングス", "グループ", "コーポレーション", "ホンシャ"):
        if s.endswith(t) and len(s) > len(t) + 1:
            s = s[: -len(t)]
    return s


EN_TAIL = re.compile(
    r"[\s,.]*(co\.?,?\s*ltd\.?|company,?\s*limited|corporation|corp\.?|inc\.?|incorporated|"
    r"limited|ltd\.?|k\.k\.|holdings|group|co\.)\s*$",
    re.I,
)


def en_core(en: str) -> str:
    s = en.strip()
    for _ in range(3):
        s2 = EN_TAIL.sub("", s).strip(" ,.")
        if s2 == s or not s2:
            break
        s = s2
    return re.sub(r"\s+", " ", s.upper())


def jp_city(address: str) -> str | None:
    for k, v in JP_CITY_ROMAJI:
        if address.startswith(k) or address[:6].find(k) >= 0:
            return v
    return None


def jp_forms(rec: dict, chain: bool, key: str, n_forms: int) -> list[tuple[str, str]]:
    """Up to n_forms (descriptor, kind) pairs for one EDINET company."""
    name = rec["提出者名"].replace("\u3000", "").replace(" ", "")
    yomi = rec["提出者名（ヨミ）"]
    en = rec["提出者名（英字）"]
    core, brand = jp_core(name), jp_brand(name)
    rcore, rbrand = reading_core(yomi), reading_brand(yomi)
    pre = name.startswith("株式会社")
    post = name.endswith("株式会社")
    kind = "chain" if chain else "company"
    cands: list[tuple[str, str]] = []
    store, store_yomi = pick(JP_STORES, "store", key)
    if chain:
        cands += [
            (f"{brand}\u3000{store}店", "chain"),
            (f"{brand} {store}店", "chain"),
            (halfwidth(f"{rbrand} {store_yomi}テン")[:26], "chain"),
        ]
    cands.append((name, kind))
    cands.append((core, kind))
    if rcore and (pre or post):
        hw = halfwidth(rcore)
        cands.append(((f"ｶ){hw}" if pre else f"{hw}(ｶ")[:28], kind))
        if pre:
            cands.append((f"ｶﾌﾞｼｷｶﾞｲｼﾔ {hw}"[:30], kind))
    if rcore:
        cands.append((halfwidth(rbrand)[:24], kind))
        cands.append((hira_to_kata(rbrand), kind))
    if en and re.search(r"[A-Za-z]", en):
        e = en_core(en)
        if e:
            cands.append((fullwidth(e[:20].rstrip()), kind))
            city = jp_city(rec["所在地"])
            cands.append(
                (f"{cut(e, key, 18, 24)} {city + ' ' if city else ''}{pick(['JP', 'JPN'], 'jpn', key)}", kind)
            )
    seen: list[tuple[str, str]] = []
    order = sorted(range(len(cands)), key=lambda i: h("jpform", key, i))
    if chain:
        order = [0 if h("c0", key) % 2 else 1] + [i for i in order if i not in (0, 1)]
    for i in order:
        d = cands[i][0].strip()
        if d and d not in [x for x, _ in seen]:
            seen.append((d, cands[i][1]))
        if len(seen) >= n_forms:
            break
    return seen


# --------------------------------------------------------------------------- simple-icons picks
# Title (exactly as in simple-icons.json) | kind | country used for the city field | flags
# flags: s = software sold through merchants of record (Paddle, FastSpring, 2Checkout, Digital River,
# cleverbridge), m = mobile app (Google Play form), p = often paid through PayPal.
SI_PICKS = """
1Password|app|CA|s
Avast|app|CZ|s
Avira|app|DE|s
Bitdefender|app|RO|s
Kaspersky|app|GB|s
Malwarebytes|app|US|s
McAfee|app|US|s
Norton|app|US|s
Trend Micro|app|US|s
Symantec|company|US|
Dashlane|app|US|s
LastPass|app|US|s
Keeper|app|US|s
Bitwarden|app|US|p
NordVPN|app|NL|sm
Surfshark|app|NL|sm
ExpressVPN|app|GB|sm
Proton VPN|app|CH|m
Proton Mail|app|CH|m
Private Internet Access|app|US|s
CCleaner|app|GB|s
MacPaw|app|UA|s
Setapp|app|UA|s
Wondershare|app|CN|s
Wondershare Filmora|product|CN|s
TeamViewer|app|DE|s
AnyDesk|app|DE|s
LogMeIn|app|US|s
GoToMeeting|app|US|s
Zoom|app|US|m
Webex|app|US|
Dropbox|app|US|p
Box|app|US|
Backblaze|app|US|
Evernote|app|US|m
Notion|app|US|
Todoist|app|US|m
Trello|app|US|
Asana|app|US|
Grammarly|app|US|s
Duolingo|app|US|m
Headspace|app|US|m
Audible|app|US|
Spotify|app|SE|mp
Deezer|app|FR|m
TIDAL|app|US|m
Netflix|app|US|
HBO Max|app|US|m
Paramount+|app|US|m
Crunchyroll|app|US|m
DAZN|app|GB|m
MUBI|app|GB|m
Patreon|app|US|p
Substack|app|US|
Medium|app|US|
Twitch|app|US|m
Discord|app|US|m
Tinder|app|US|m
okcupid|app|US|m
Badoo|app|GB|m
Strava|app|US|m
Peloton|app|US|
Fitbit|product|US|
Uber Eats|app|US|m
Lyft|app|US|m
Deliveroo|app|GB|m
Just Eat|app|GB|m
Glovo|app|ES|m
foodpanda|app|SG|m
Grab|app|SG|m
Gojek|app|ID|m
Swiggy|app|IN|m
Zomato|app|IN|m
Instacart|app|US|m
HelloFresh|app|DE|
Booking.com|company|NL|
Hotels.com|company|US|
Trip.com|company|SG|
Tripadvisor|company|US|
trivago|company|DE|
Klook|company|HK|
Ritz Carlton|chain|US|
OYO|chain|IN|
Aeroméxico|company|MX|
Air Canada|company|CA|
Air China|company|CN|
Air France|company|FR|
Air India|company|IN|
Air Serbia|company|RS|
Air Transat|company|CA|
AirAsia|company|MY|
Akasa Air|company|IN|
American Airlines|company|US|
avianca|company|CO|
British Airways|company|GB|
China Eastern Airlines|company|CN|
China Southern Airlines|company|CN|
Copa Airlines|company|PA|
easyJet|company|GB|
Emirates|company|AE|
Ethiopian Airlines|company|ET|
Etihad Airways|company|AE|
Iberia|company|ES|
IndiGo|company|IN|
JetBlue|company|US|
KLM|company|NL|
Lion Air|company|ID|
LOT Polish Airlines|company|PL|
Lufthansa|company|DE|
Norwegian|company|NO|
Pegasus Airlines|company|TR|
Qantas|company|AU|
Qatar Airways|company|QA|
Ryanair|company|IE|
Saudia|company|SA|
Silver Airways|company|US|
Singapore Airlines|company|SG|
TAROM|company|RO|
Turkish Airlines|company|TR|
Virgin Atlantic|company|GB|
Wizz Air|company|HU|
Deutsche Bahn|company|DE|
SNCF|company|FR|
National Rail|company|GB|
Transport for London|company|GB|
ÖBB|company|AT|
Nederlandse Spoorwegen|company|NL|
MTA|company|US|
BVG|company|DE|
nextbike|app|DE|m
Tesco|chain|GB|
ASDA|chain|GB|
Morrisons|chain|GB|
Boots|chain|GB|
Argos|chain|GB|
Co-op|chain|GB|
Iceland|chain|GB|
Pets at Home|chain|GB|
Lidl|chain|DE|
Aldi Nord|chain|DE|
Aldi Süd|chain|DE|
REWE|chain|DE|
EDEKA|chain|DE|
Kaufland|chain|DE|
Rossmann|chain|DE|
dm|chain|DE|
Müller|chain|DE|
MediaMarkt|chain|DE|
Saturn|chain|DE|
Otto|company|DE|
Zalando|company|DE|
Netto|chain|DE|
Penny|chain|DE|
Galaxus|company|CH|
voelkner|company|DE|
Kleinanzeigen|app|DE|
DATEV|company|DE|
Sparkasse|company|DE|
Commerzbank|company|DE|
Deutsche Bank|company|DE|
Deutsche Post|company|DE|
DHL|company|DE|
Deutsche Telekom|company|DE|
1&1|company|DE|
GMX|app|DE|
WEB.DE|app|DE|
N26|company|DE|
Barmenia|company|DE|
PAYBACK|company|DE|
Hetzner|company|DE|s
netcup|company|DE|
Ionos|company|DE|
Carrefour|chain|FR|
Auchan|chain|FR|
E.Leclerc|chain|FR|
Intermarche|chain|FR|
Monoprix|chain|FR|
Franprix|chain|FR|
Fnac|chain|FR|
Darty|chain|FR|
boulanger|chain|FR|
Castorama|chain|FR|
Leroy Merlin|chain|FR|
Picard Surgelés|chain|FR|
Leader Price|chain|FR|
Magasins U|chain|FR|
Grand Frais|chain|FR|
Cultura|chain|FR|
Orange|company|FR|
Veepee|company|FR|
Vinted|app|LT|m
Albert Heijn|chain|NL|
Picnic|app|NL|m
Ziggo|company|NL|
bunq|company|NL|
Odido|company|NL|
Żabka|chain|PL|
Allegro|company|PL|
Continente|chain|PT|
CaixaBank|company|ES|
Movistar|company|ES|
IKEA|chain|SE|
H&M|chain|SE|
Zara|chain|ES|
Klarna|company|SE|
Volvo|company|SE|
Fineco|company|IT|
De'Longhi|company|IT|
Vodafone|company|GB|
O2|company|GB|
Sky|company|GB|
BT|company|GB|
Virgin Media|company|GB|
ITVx|app|GB|m
Monzo|company|GB|
Starling Bank|company|GB|
Revolut|company|GB|
Wise|company|GB|
Barclays|company|GB|
HSBC|company|GB|
AIB|company|IE|
Tide|company|GB|
Sam's Club|chain|US|
Macy's|chain|US|
Burger King|chain|US|
KFC|chain|US|
Taco Bell|chain|US|
Hungry Jack's|chain|AU|
Newegg|company|US|
Etsy|company|US|
Wish|app|US|m
Groupon|company|US|
StockX|company|US|
StubHub|company|US|
Ticketmaster|company|US|
SeatGeek|app|US|m
Fandango|company|US|
Chess.com|app|US|m
Roblox|app|US|m
Steam|app|US|
Epic Games|app|US|
PlayStation|product|US|
EA|company|US|
Activision|company|US|
Ubisoft|company|FR|
Battle.net|app|US|
Riot Games|company|US|
GOG.com|app|PL|
Humble Bundle|app|US|p
Itch.io|app|US|p
Valve|company|US|
Rockstar Games|company|US|
GitHub|app|US|
GitLab|app|US|
DigitalOcean|app|US|
Vultr|app|US|
OVH|company|FR|
Scaleway|company|FR|
Hostinger|company|LT|
Namecheap|company|US|
Squarespace|app|US|
Wix|app|IL|
Webflow|app|US|
WordPress|app|US|
Shopify|app|CA|
BigCommerce|app|US|
MailChimp|app|US|
Zapier|app|US|
Figma|app|US|
Sketch|app|NL|s
JetBrains|app|CZ|s
Atlassian|app|AU|
Zendesk|app|US|
HubSpot|app|US|
Intercom|app|US|
Calendly|app|US|
Typeform|app|ES|
SurveyMonkey|app|US|
Miro|app|NL|
Loom|app|US|
Vercel|app|US|
Netlify|app|US|
Cloudflare|app|US|
Anthropic|company|US|
Claude|product|US|
Perplexity|app|US|m
ElevenLabs|app|US|
DeepL|app|DE|s
Mistral AI|company|FR|
QuickBooks|product|US|
Xero|app|NZ|
MYOB|company|AU|
Sage|company|GB|
Gusto|app|US|
Expensify|app|US|
HelpDesk|app|US|s
LiveChat|app|PL|s
Help Scout|app|US|
Udemy|app|US|m
Coursera|app|US|m
Skillshare|app|US|
Codecademy|app|US|
DataCamp|app|US|
Pluralsight|app|US|
edX|app|US|
Quizlet|app|US|m
Rakuten Kobo|app|CA|
Pandora|app|US|m
SoundCloud|app|DE|m
Bandcamp|app|US|
Mixcloud|app|GB|
Napster|app|US|
Tubi|app|US|
Roku|product|US|
Fubo|app|US|
STARZ|app|US|m
Showtime|app|US|
Viaplay|app|SE|
Foxtel|company|AU|
Venmo|app|US|
Cash App|app|US|
Zelle|app|US|
Western Union|company|US|
MoneyGram|company|US|
Payoneer|company|US|
Afterpay|company|AU|
Spectrum|company|US|
Jio|company|IN|
Airtel|company|IN|
Telenor|company|NO|
Telefónica|company|ES|
Lenovo|company|CN|
ASUS|company|TW|
Acer|company|TW|
MSI|company|TW|
Razer|company|US|
Corsair|company|US|
Samsung|company|KR|
LG|company|KR|
Xiaomi|company|CN|
OnePlus|company|CN|
OPPO|company|CN|
Huawei|company|CN|
Bose|company|US|
Sonos|company|US|
JBL|product|US|
Beats|product|US|
Philips Hue|product|NL|
DJI|company|CN|
Ring|product|US|
Arlo|product|US|
Wyze|product|US|
iRobot|company|US|
Kodak|company|US|
Leica|company|DE|
Bosch|company|DE|
Siemens|company|DE|
Husqvarna|company|SE|
Synology|company|TW|
QNAP|company|TW|
NETGEAR|company|US|
TP-Link|company|CN|
Linksys|company|US|
Ubiquiti|company|US|
Raspberry Pi|company|GB|
Adafruit|company|US|
SparkFun|company|US|
Digi-Key Electronics|company|US|
Elgato|product|DE|
Fairphone|company|NL|
Framework|company|US|
System76|company|US|
iFixit|company|US|
Acura|company|US|
Audi|company|DE|
BMW|company|DE|
Bentley|company|GB|
Cadillac|company|US|
Chevrolet|company|US|
Chrysler|company|US|
Citroën|company|FR|
Dacia|company|FR|
Fiat|company|IT|
Hyundai|company|KR|
INFINITI|company|US|
Jeep|company|US|
Kia|company|KR|
Lamborghini|company|IT|
Opel|company|DE|
Peugeot|company|FR|
Porsche|company|DE|
Renault|company|FR|
SEAT|company|ES|
ŠKODA|company|CZ|
Vauxhall|company|GB|
Volkswagen|company|DE|
Polestar|company|SE|
MG|company|GB|
Maserati|company|IT|
Ferrari|company|IT|
Adidas|chain|DE|
Puma|chain|DE|
Reebok|chain|US|
New Balance|chain|US|
Under Armour|chain|US|
The North Face|chain|US|
Helly Hansen|chain|NO|
Burton|chain|US|
Dior|chain|FR|
Hermes|chain|FR|
Express.com|company|US|
Red Bull|company|AT|
Carlsberg Group|company|DK|
Jameson|product|IE|
AliExpress|company|CN|
Alibaba.com|company|CN|
Taobao|company|CN|
Shopee|company|SG|
Mercado Pago|company|AR|
Fiverr|app|IL|
Upwork|app|US|
Freelancer|app|AU|
Thumbtack|app|US|
HomeAdvisor|app|US|
Houzz|app|US|
Yelp|app|US|
Nextdoor|app|US|
Indeed|app|US|
Glassdoor|app|US|
Meetup|app|US|
Kickstarter|app|US|
GoFundMe|app|US|
JustGiving|app|GB|
Ko-fi|app|GB|p
Buy Me A Coffee|app|US|
Gumroad|app|US|p
Redbubble|company|AU|
Society6|company|US|
Zazzle|company|US|
CafePress|company|US|
Threadless|company|US|
Spreadshirt|company|DE|
Custom Ink|company|US|
Depositphotos|app|US|
Dreamstime|app|US|
Alamy|app|GB|
Pond5|app|US|
Envato|app|AU|s
Freepik|app|ES|s
Vimeo|app|US|
Wistia|app|US|
Dailymotion|app|FR|
Issuu|app|US|
WeTransfer|app|NL|
MEGA|app|NZ|s
Tresorit|app|CH|
Veeam|company|US|
Datto|company|US|
USPS|company|US|
DPD|company|GB|
Chase|company|US|
Discover|company|US|
Diners Club|company|US|
Nubank|company|BR|
PicPay|company|BR|
PhonePe|app|IN|m
Paytm|app|IN|m
Razorpay|company|IN|
HDFC Bank|company|IN|
ICICI Bank|company|IN|
Axis Bank|company|IN|
Fortnite|product|US|
Anki|app|US|
Overleaf|app|GB|
Pixlr|app|US|
Prezi|app|US|
Codewars|app|US|
LeetCode|app|US|
Kagi|app|US|
Mullvad|app|SE|
Tuta|app|DE|
Plex|app|US|m
Emby|app|US|
Garmin|company|US|
"""


# Cities for brands that only operate in one place.
SI_CITY = {
    "Transport for London": ("LONDON", "GB"),
    "MTA": ("NEW YORK", "NY"),
    "BVG": ("BERLIN", "DE"),
    "ÖBB": ("WIEN", "AT"),
    "Nederlandse Spoorwegen": ("UTRECHT", "NL"),
    "KLM": ("AMSTERDAM", "NL"),
    "National Rail": ("LONDON", "GB"),
    "Ritz Carlton": ("NEW YORK", "NY"),
}
# Statement forms of a few large consumer brands, written as they are commonly printed.
SI_OVERRIDE = {
    "Steam": "STEAMGAMES.COM 4259522985 WA",
    "Spotify": "SPOTIFY P1A2B3C4D5 STOCKHOLM SE",
    "Audible": "AUDIBLE*2K3AB45C6 AMZN.COM/BILL NJ",
    "Uber Eats": "UBER *EATS HELP.UBER.COM CA",
    "Lyft": "LYFT *RIDE TUE 8AM SAN FRANCISCO CA",
    "PlayStation": "PLAYSTATION NETWORK SAN MATEO CA",
    "Patreon": "PATREON* MEMBERSHIP INTERNET CA",
    "Discord": "DISCORD* NITROMONTHLY DISCORD.COM CA",
    "Zoom": "ZOOM.US SAN JOSE CA",
    "Dropbox": "DROPBOX*K7Q2ZP9XW1 DROPBOX.COM CA",
    "Twitch": "TWITCH INTERACTIVE SAN FRANCISCO CA",
    "Tinder": "TINDER DALLAS TX",
    "Lidl": "LIDL SAGT DANKE BERLIN DE",
    "Tesco": "TESCO STORES 2412 LONDON GB",
    "Deutsche Bahn": "DB VERTRIEB GMBH FRANKFURT DE",
    "Transport for London": "TFL TRAVEL CHARGE TFL.GOV.UK/CP GB",
    "Wise": "WISE PAYMENTS LIMITED LONDON GB",
    "Revolut": "REVOLUT**1234* DUBLIN IE",
    "Booking.com": "BOOKING.COM AMSTERDAM NL",
    "Etsy": "ETSY.COM - SHOPNAME BROOKLYN NY",
    "Humble Bundle": "HUMBLEBUNDLE.COM SAN FRANCISCO CA",
    "Epic Games": "EPIC GAMES STORE CARY NC",
    "Ryanair": "RYANAIR 8001234 DUBLIN IE",
    "easyJet": "EASYJET 000EJU1234 LUTON GB",
    "IKEA": "IKEA WEMBLEY LONDON GB",
    "Aldi Süd": "ALDI SUED SAGT DANKE MUELHEIM DE",
}


def parse_si_picks() -> list[tuple[str, str, str, str]]:
    out = []
    for line in SI_PICKS.strip().splitlines():
        t, kind, cc, flags = line.split("|")
        out.append((t, kind, cc, flags))
    return out


# Kana / full-width renderings of foreign brands as Japanese issuers print them (rendering by the
# helper; the names come from the sources named in the second column).
FOREIGN_JP = """
ＡＭＡＺＯＮ．ＣＯ．ＪＰ|Amazon|sp500|company
ＡＭＡＺＯＮプライム会費|Amazon|sp500|app
ｱﾏｿﾞﾝ ﾏｰｹﾂﾄﾌﾟﾚｲｽ|Amazon|sp500|company
ＡＰＰＬＥ　ＣＯＭ　ＢＩＬＬ|Apple Inc.|sp500|app
ネットフリックス|Netflix|sp500|app
ＮＥＴＦＬＩＸ．ＣＯＭ|Netflix|sp500|app
スターバックス　コーヒー　渋谷店|Starbucks|sp500|chain
ｽﾀｰﾊﾞﾂｸｽ ｺｰﾋｰ ｼﾝｼﾞﾕｸ|Starbucks|sp500|chain
マクドナルド　新宿東口店|McDonald's|sp500|chain
ｺｽﾄｺﾎｰﾙｾｰﾙ ﾏｸﾊﾘ|Costco|sp500|chain
コストコホールセール　幕張倉庫店|Costco|sp500|chain
ＵＢＥＲ　＊ＥＡＴＳ|Uber Eats|simpleicons|app
ウーバーイーツ|Uber Eats|simpleicons|app
ＡＩＲＢＮＢ　＊ＨＭ|Airbnb|sp500|company
エアビーアンドビー|Airbnb|sp500|company
ＢＯＯＫＩＮＧ．ＣＯＭ　ホテル|Booking.com|simpleicons|company
エクスペディア|Expedia Group|sp500|company
アドビ　システムズ|Adobe Inc.|sp500|app
ＡＤＯＢＥ　ＣＲＥＡＴＩＶＥ　ＣＬＯＵＤ|Adobe Inc.|sp500|product
ＤＲＯＰＢＯＸ|Dropbox|simpleicons|app
ＺＯＯＭ．ＵＳ|Zoom|simpleicons|app
ナイキ　原宿|Nike, Inc.|sp500|chain
アディダス　ブランドコア新宿|Adidas|simpleicons|chain
Ｈ＆Ｍ　銀座店|H&M|simpleicons|chain
ＺＡＲＡ　渋谷公園通り|Zara|simpleicons|chain
イケア　港北|IKEA|simpleicons|chain
ｲｹｱ ｼﾞﾔﾊﾟﾝ ﾀﾁｶﾜ|IKEA|simpleicons|chain
ディズニープラス|Walt Disney Company (The)|sp500|app
ＰＬＡＹＳＴＡＴＩＯＮ　ＮＥＴＷＯＲＫ|PlayStation|simpleicons|app
ＳＴＥＡＭ　ＰＵＲＣＨＡＳＥ|Steam|simpleicons|app
カスペルスキー|Kaspersky|simpleicons|app
アバスト　ソフトウェア|Avast|simpleicons|app
ノートン　ストア|Norton|simpleicons|app
マカフィー|McAfee|simpleicons|app
ビットディフェンダー|Bitdefender|simpleicons|app
マルウェアバイト|Malwarebytes|simpleicons|app
ＭＩＣＲＯＳＯＦＴ　＊ＭＩＣＲＯＳＯＦＴ　３６５|Microsoft|sp500|product
マイクロソフト　ストア|Microsoft|sp500|app
ＧＯＯＧＬＥ　＊ＹＯＵＴＵＢＥ　ＰＲＥＭＩＵＭ|Alphabet Inc. (Class A)|sp500|app
グーグル　ワン|Alphabet Inc. (Class A)|sp500|app
スポティファイ|Spotify|simpleicons|app
ＳＰＯＴＩＦＹ　ＪＡＰＡＮ|Spotify|simpleicons|app
テスラ　ジャパン|Tesla, Inc.|sp500|company
ビー・エム・ダブリュー　東京|BMW|simpleicons|company
フォルクスワーゲン　世田谷|Volkswagen|simpleicons|company
アウディ　ジャパン|Audi|simpleicons|company
ポルシェセンター青山|Porsche|simpleicons|company
ボルボ・カー　目黒|Volvo|simpleicons|company
プジョー　練馬|Peugeot|simpleicons|company
ジープ　世田谷|Jeep|simpleicons|company
ヒルトン東京|Hilton Worldwide|sp500|chain
ﾋﾙﾄﾝ ｵｵｻｶ|Hilton Worldwide|sp500|chain
マリオット　アソシア|Marriott International|sp500|chain
ザ・リッツ・カールトン東京|Ritz Carlton|simpleicons|chain
ホテルズドットコム|Hotels.com|simpleicons|company
トリップドットコム|Trip.com|simpleicons|company
アンダーアーマー　ららぽーと|Under Armour|simpleicons|chain
ニューバランス　原宿|New Balance|simpleicons|chain
プーマストア　御殿場|Puma|simpleicons|chain
ザ・ノース・フェイス　丸の内|The North Face|simpleicons|chain
ユニクロ　銀座店|Uniqlo|simpleicons|chain
ﾕﾆｸﾛ ｲｵﾝﾓｰﾙ ﾏｸﾊﾘ|Uniqlo|simpleicons|chain
食べログ|Tabelog|simpleicons|app
アメブロ|Ameba|simpleicons|app
ＬＩＮＥ　ＳＴＯＲＥ|LINE|simpleicons|app
ライン　ミュージック|LINE|simpleicons|app
ＤＵＯＬＩＮＧＯ|Duolingo|simpleicons|app
オーディブル|Audible|simpleicons|app
エバーノート|Evernote|simpleicons|app
ケンタッキーフライドチキン　梅田|KFC|simpleicons|chain
ﾊﾞｰｶﾞｰｷﾝｸﾞ ｱｷﾊﾊﾞﾗ|Burger King|simpleicons|chain
タコベル　渋谷|Taco Bell|simpleicons|chain
ドミノ・ピザ　中野店|Domino's|sp500|chain
ウォルト・ディズニー・ジャパン|Walt Disney Company (The)|sp500|company
ＰＡＹＰＡＬ　＊ＣＯＵＲＳＥＲＡ|Coursera|simpleicons|app
ＧＯＯＧＬＥ　＊ＤＵＯＬＩＮＧＯ|Duolingo|simpleicons|app
ｸﾞｰｸﾞﾙ ﾌﾟﾚｲ ｽﾄｱ|Alphabet Inc. (Class A)|sp500|app
"""

# EDINET companies always included (matched as a substring of the registered name, first hit by
# EDINET code). Chosen for short kana names, IT/PC/security, hotels, railways, carmakers,
# confectioners, stationery makers, drugstores, electronics retailers and everyday payees.
JP_MUST = """
プラス株式会社|company
株式会社東横イン|chain
アパホールディングス|chain
株式会社ローソン|chain
株式会社ファミリーマート|chain
セブン‐イレブン・ジャパン|chain
トヨタ自動車|company
本田技研工業|company
日産自動車株式会社|company
マツダ株式会社|company
スズキ株式会社|company
三菱自動車工業|company
ダイハツ工業|company
ヤマハ発動機|company
いすゞ自動車|company
森永製菓|company
明治ホールディングス|company
江崎グリコ|company
カルビー|company
亀田製菓|company
株式会社ブルボン|company
株式会社不二家|company
株式会社湖池屋|company
井村屋グループ|company
寿スピリッツ|company
株式会社ヤクルト本社|company
株式会社中村屋|company
モロゾフ|company
コクヨ株式会社|company
パイロットコーポレーション|company
三菱鉛筆|company
株式会社キングジム|company
シヤチハタ|company
セーラー万年筆|company
株式会社リヒトラブ|company
ライオン株式会社|company
花王株式会社|company
株式会社資生堂|company
株式会社帝国ホテル|chain
藤田観光|chain
株式会社ロイヤルホテル|chain
株式会社共立メンテナンス|chain
東日本旅客鉄道|company
西日本旅客鉄道|company
東海旅客鉄道|company
九州旅客鉄道|company
小田急電鉄|company
京王電鉄|company
東急株式会社|company
阪急阪神ホールディングス|company
株式会社ビックカメラ|chain
上新電機|chain
株式会社ケーズホールディングス|chain
株式会社ノジマ|chain
株式会社エディオン|chain
株式会社ヤマダホールディングス|chain
株式会社ツルハホールディングス|chain
ウエルシアホールディングス|chain
株式会社サンドラッグ|chain
株式会社コスモス薬品|chain
スギホールディングス|chain
マツキヨココカラ|chain
株式会社カワチ薬品|chain
株式会社クリエイトＳＤ|chain
エービーシー・マート|chain
株式会社ニトリホールディングス|chain
良品計画|chain
ファーストリテイリング|chain
株式会社しまむら|chain
株式会社セリア|chain
株式会社キャンドゥ|chain
株式会社ワッツ|chain
楽天グループ|company
株式会社メルカリ|app
株式会社ＺＯＺＯ|company
ＬＩＮＥヤフー|app
ＧＭＯインターネット株式会社|company
さくらインターネット|company
オリエンタルランド|company
任天堂|company
ソニーグループ|company
パナソニック|company
キヤノン株式会社|company
日本マクドナルドホールディングス|chain
すかいらーく|chain
ゼンショーホールディングス|chain
株式会社サイゼリヤ|chain
コメダホールディングス|chain
株式会社トリドールホールディングス|chain
吉野家ホールディングス|chain
松屋フーズ|chain
くら寿司|chain
ＦＯＯＤ＆ＬＩＦＥ|chain
ドトール・日レスホールディングス|chain
日本航空|company
ＡＮＡホールディングス|company
東京電力ホールディングス|company
関西電力|company
東京瓦斯|company
日本電信電話|company
ＫＤＤＩ|company
ソフトバンク株式会社|company
ＥＮＥＯＳホールディングス|company
出光興産|company
セコム株式会社|company
綜合警備保障|company
株式会社ダスキン|company
ヤマトホールディングス|company
ＳＧホールディングス|company
トレンドマイクロ|app
ソースネクスト|app
ピーシーデポコーポレーション|chain
ＦＦＲＩセキュリティ|company
株式会社ラック|company
デジタルアーツ|app
サイバーセキュリティクラウド|company
イー・ガーディアン|company
株式会社アイ・オー・データ機器|company
エレコム株式会社|company
株式会社バッファロー|company
キヤノンマーケティングジャパン|company
株式会社ジャストシステム|app
サイボウズ|app
株式会社マネーフォワード|app
フリー株式会社|app
株式会社オービック|company
株式会社ゲオホールディングス|chain
ブックオフグループ|chain
株式会社ハードオフコーポレーション|chain
パン・パシフィック・インターナショナル|chain
株式会社イオン|chain
イオン株式会社|chain
セブン＆アイ・ホールディングス|chain
株式会社ライフコーポレーション|chain
株式会社コメリ|chain
株式会社ワークマン|chain
株式会社アシックス|company
ミズノ|company
株式会社ワコール|company
株式会社三越伊勢丹|chain
髙島屋|chain
フロントリテイリング|chain
エイチ・アイ・エス|company
株式会社クレディセゾン|company
株式会社ＮＴＴドコモ|company
株式会社ベネッセホールディングス|company
株式会社学研ホールディングス|company
株式会社スクウェア・エニックス|company
株式会社カプコン|company
株式会社バンダイナムコ|company
コナミグループ|company
セガサミーホールディングス|company
株式会社サンリオ|company
株式会社タカラトミー|company
"""


# --------------------------------------------------------------------------- constructed rows
# descriptor | name | kind. Written by the helper after reading the listed names and aliases.
# Groups: (A) small businesses sharing one word with a listed name, (B) spaced generic phrases
# where a listed name is glued, (C) one-letter variants of generic words, (D) longer words /
# word joins that contain a listed alias inside them, (E) legitimate IT-support, repair and
# security businesses with generic names, (F) Japanese names whose sounds resemble a listed name
# and Japanese small IT shops, (G) ordinary generic statement phrases.
CONSTRUCTED = """
# (A) shares one word
VAST LAWN CARE LLC AUSTIN TX|Vast Lawn Care|small_business_lookalike
SQ *VAST COFFEE ROASTERS|Vast Coffee Roasters|small_business_lookalike
VAST OCEAN SEAFOOD MKT SAN DIEGO CA|Vast Ocean Seafood Market|small_business_lookalike
BOOST NUTRITION BAR DENVER CO|Boost Nutrition Bar|small_business_lookalike
TST* BOOST JUICE CAFE|Boost Juice Cafe|small_business_lookalike
BOOST FITNESS STUDIO LONDON GB|Boost Fitness Studio|small_business_lookalike
BOOST AUTO ELECTRIC TAMPA FL|Boost Auto Electric|small_business_lookalike
HEALTH BOOST SMOOTHIES MIAMI FL|Health Boost Smoothies|small_business_lookalike
HEALTH BOOST IV LOUNGE SCOTTSDALE AZ|Health Boost IV Lounge|small_business_lookalike
OMG NAILS & SPA #2 HOUSTON TX|OMG Nails & Spa|small_business_lookalike
TST* OMG BURGERS|OMG Burgers|small_business_lookalike
OMG BACKYARD BBQ RALEIGH NC|OMG Backyard BBQ|small_business_lookalike
OMG TACOS & MORE PHOENIX AZ|OMG Tacos & More|small_business_lookalike
NETCOM SYSTEMS GMBH BERLIN DE|Netcom Systems GmbH|small_business_lookalike
INBOUND CALL CENTER SVCS OMAHA NE|Inbound Call Center Services|small_business_lookalike
INBOUND MARKETING AGENCY BOSTON MA|Inbound Marketing Agency|small_business_lookalike
CALL EXPERTS PLUMBING DALLAS TX|Call Experts Plumbing|small_business_lookalike
VITAL WEAR SCRUBS ATLANTA GA|Vital Wear Scrubs|small_business_lookalike
VITAL CARE PHARMACY #12 COLUMBUS OH|Vital Care Pharmacy|small_business_lookalike
SUPER PET SUPPLY #14 CHARLOTTE NC|Super Pet Supply|small_business_lookalike
SUPER CAR WASH DALLAS TX|Super Car Wash|small_business_lookalike
SUPER PHO NOODLE HOUSE SEATTLE WA|Super Pho Noodle House|small_business_lookalike
GLOBAL ACCESS REALTY GROUP MIAMI FL|Global Access Realty Group|small_business_lookalike
GLOBAL ACCESS CHARTER SCHOOL NEWARK NJ|Global Access Charter School|small_business_lookalike
GLOBAL ACCESS TECHNICAL INSTITUTE|Global Access Technical Institute|small_business_lookalike
OPEN SOURCE BREWING CO CHICAGO IL|Open Source Brewing Co|small_business_lookalike
SOURCE NUTRITION LLC DENVER CO|Source Nutrition|small_business_lookalike
PUNDIT PUB & GRILL BALTIMORE MD|Pundit Pub & Grill|small_business_lookalike
HELIOS SOLAR INSTALLATIONS SAN JOSE CA|Helios Solar Installations|small_business_lookalike
HELIOS DENTAL CARE ATHENS GR|Helios Dental Care|small_business_lookalike
HELIOS DIGITAL IMAGING LOS ANGELES CA|Helios Digital Imaging|small_business_lookalike
HELIOS YOGA STUDIO PORTLAND OR|Helios Yoga Studio|small_business_lookalike
DIGITAL MEDIA ACADEMY SAN JOSE CA|Digital Media Academy|small_business_lookalike
SPANNING HORIZONS TRAVEL TAMPA FL|Spanning Horizons Travel|small_business_lookalike
ELITE NAILS SPA #3 ORLANDO FL|Elite Nails Spa|small_business_lookalike
ELITE AUTO DETAILING PHOENIX AZ|Elite Auto Detailing|small_business_lookalike
ELITE PARTNERS REAL ESTATE DALLAS TX|Elite Partners Real Estate|small_business_lookalike
ELITE DENTAL PARTNERS NEW YORK NY|Elite Dental Partners|small_business_lookalike
ELITE BARBER LOUNGE ATLANTA GA|Elite Barber Lounge|small_business_lookalike
ALL PRO PLUMBING & DRAIN OMAHA NE|All Pro Plumbing & Drain|small_business_lookalike
PRO PLUMBING REPAIR LLC AUSTIN TX|Pro Plumbing Repair|small_business_lookalike
PRO PHONE REPAIR #2 SAN DIEGO CA|Pro Phone Repair|small_business_lookalike
PC REPAIR PROS OF OHIO COLUMBUS OH|PC Repair Pros of Ohio|small_business_lookalike
I FIX PHONES & TABLETS HOUSTON TX|I Fix Phones & Tablets|small_business_lookalike
WEBTECH SOLUTIONS LTD LEEDS GB|WebTech Solutions Ltd|small_business_lookalike
WORLD WIDE TECH TRAINING DALLAS TX|World Wide Tech Training|small_business_lookalike
WORLD FOOD MARKET #421 SACRAMENTO CA|World Food Market|small_business_lookalike
DATA RECOVERY LABS TORONTO ON|Data Recovery Labs|small_business_lookalike
QUICK LUBE #221 TAMPA FL|Quick Lube|small_business_lookalike
QUICK STOP MARKET DETROIT MI|Quick Stop Market|small_business_lookalike
DOORWAYS CHURCH PORTLAND OR|Doorways Church|small_business_lookalike
CRAZY BEE HONEY FARM GAINESVILLE FL|Crazy Bee Honey Farm|small_business_lookalike
BEE MAN PEST CONTROL ORLANDO FL|Bee Man Pest Control|small_business_lookalike
PALM BEACH NAILS & SPA WEST PALM BCH FL|Palm Beach Nails & Spa|small_business_lookalike
PALM BEACH GARDENS DENTAL FL|Palm Beach Gardens Dental|small_business_lookalike
SQ *PALM BEACH BAGEL CO|Palm Beach Bagel Co|small_business_lookalike
ESCUE PLUMBING CO NASHVILLE TN|Escue Plumbing Co|small_business_lookalike
ENERGY FITNESS CLUB PITTSBURGH PA|Energy Fitness Club|small_business_lookalike
GREEN ENERGY SOLAR SVCS DENVER CO|Green Energy Solar Services|small_business_lookalike
EXPRESS TECH REPAIR #4 CHICAGO IL|Express Tech Repair|small_business_lookalike
EXPRESS LUBE & OIL #1187 ATLANTA GA|Express Lube & Oil|small_business_lookalike
TECH CREW STAGING LLC LAS VEGAS NV|Tech Crew Staging|small_business_lookalike
UNIVERSAL NETWORK CABLING SAN JOSE CA|Universal Network Cabling|small_business_lookalike
UNIVERSAL MUSIC STORE CHICAGO IL|Universal Music Store|small_business_lookalike
BIG DOG PET GROOMING AUSTIN TX|Big Dog Pet Grooming|small_business_lookalike
BIG DOG BREWING CO LAS VEGAS NV|Big Dog Brewing Co|small_business_lookalike
HELP DESK SOLUTIONS INC TAMPA FL|Help Desk Solutions Inc|small_business_lookalike
SECURE LINK STORAGE #7 PHOENIX AZ|Secure Link Storage|small_business_lookalike
SECURE STORAGE #14 CHARLOTTE NC|Secure Storage|small_business_lookalike
SECURE SHRED SERVICES RALEIGH NC|Secure Shred Services|small_business_lookalike
CARE 24/7 HOME HEALTH MIAMI FL|Care 24/7 Home Health|small_business_lookalike
SRI INFOTECH SERVICES EDISON NJ|Sri Infotech Services|small_business_lookalike
ZEAL FITNESS STUDIO BRISBANE AU|Zeal Fitness Studio|small_business_lookalike
ZEAL ROOFING & GUTTERS DENVER CO|Zeal Roofing & Gutters|small_business_lookalike
LAKSHMI SWEETS & SNACKS EDISON NJ|Lakshmi Sweets & Snacks|small_business_lookalike
SRI LAKSHMI GROCERY FREMONT CA|Sri Lakshmi Grocery|small_business_lookalike
LAKSHMI JEWELERS IRVING TX|Lakshmi Jewelers|small_business_lookalike
SQ *LAKSHMI DOSA CORNER|Lakshmi Dosa Corner|small_business_lookalike
MAESTRO PIZZA MADRID ES|Maestro Pizza|small_business_lookalike
MAESTRO MUSIC LESSONS SEATTLE WA|Maestro Music Lessons|small_business_lookalike
VIRTUAL PC TUTORING SAN DIEGO CA|Virtual PC Tutoring|small_business_lookalike
VIRTUAL REALITY ARCADE DALLAS TX|Virtual Reality Arcade|small_business_lookalike
MEGA CAR WASH #3 HOUSTON TX|Mega Car Wash|small_business_lookalike
CYBERTECH ACADEMY BENGALURU IN|Cybertech Academy|small_business_lookalike
NEW WORLD SUSHI SAN FRANCISCO CA|New World Sushi|small_business_lookalike
NEW WORLD TRAVEL SERVICES NEW YORK NY|New World Travel Services|small_business_lookalike
NEW WORLD COFFEE LONDON GB|New World Coffee|small_business_lookalike
SHINE CAR WASH MESA AZ|Shine Car Wash|small_business_lookalike
SHINE DENTAL STUDIO SYDNEY AU|Shine Dental Studio|small_business_lookalike
SHINE HAIR SALON LONDON GB|Shine Hair Salon|small_business_lookalike
FUTURE WEB DESIGNS LLC TAMPA FL|Future Web Designs|small_business_lookalike
NEXT GEN AUTO GLASS PHOENIX AZ|Next Gen Auto Glass|small_business_lookalike
NEXTGEN PHYSICAL THERAPY BOSTON MA|NextGen Physical Therapy|small_business_lookalike
NEXTGEN BARBERSHOP TORONTO ON|NextGen Barbershop|small_business_lookalike
INNOVATIVE PHYSICAL THERAPY MIAMI FL|Innovative Physical Therapy|small_business_lookalike
INNOVATIVE DENTAL CARE CHICAGO IL|Innovative Dental Care|small_business_lookalike
THE FIXER UPPER HOMES WACO TX|The Fixer Upper Homes|small_business_lookalike
SAFE HAVEN PET RESCUE ANNAPOLIS MD|Safe Haven Pet Rescue|small_business_lookalike
SAFE STEP BATH REMODEL 800-555-0188 GA|Safe Step Bath Remodel|small_business_lookalike
DRIVE TIME AUTO SCHOOL COLUMBUS OH|Drive Time Auto School|small_business_lookalike
XP FITNESS GYM DALLAS TX|XP Fitness Gym|small_business_lookalike
PADLOCK SELF STORAGE NOTTINGHAM GB|Padlock Self Storage|small_business_lookalike
POPUP SHOP CAMDEN LONDON GB|Popup Shop Camden|small_business_lookalike
COUNTY REGISTRY OF DEEDS SALEM MA|County Registry of Deeds|small_business_lookalike
OLIVE BRANCH CAFE NASHVILLE TN|Olive Branch Cafe|small_business_lookalike
BRANCH & VINE FLORIST PORTLAND OR|Branch & Vine Florist|small_business_lookalike
ACTIVE KIDS SWIM SCHOOL LEEDS GB|Active Kids Swim School|small_business_lookalike
ROCKET CAR WASH #12 MESA AZ|Rocket Car Wash|small_business_lookalike
SPEEDY LAUNDROMAT CHICAGO IL|Speedy Laundromat|small_business_lookalike
STRIKER BOWLING LANES AKRON OH|Striker Bowling Lanes|small_business_lookalike
CLEAN SWEEP CHIMNEY SVC BOISE ID|Clean Sweep Chimney Service|small_business_lookalike
RINSE & REPEAT LAUNDRY AUSTIN TX|Rinse & Repeat Laundry|small_business_lookalike
DOC'S AUTO REPAIR TULSA OK|Doc's Auto Repair|small_business_lookalike
HAPPY YOGI STUDIO BOULDER CO|Happy Yogi Studio|small_business_lookalike
YOGI TEA HOUSE BERKELEY CA|Yogi Tea House|small_business_lookalike
LIVE CONNECT EVENTS LLC ORLANDO FL|Live Connect Events|small_business_lookalike
CONNECT CREDIT UNION TULSA OK|Connect Credit Union|small_business_lookalike
TOTAL PROTECTION PEST CONTROL DALLAS TX|Total Protection Pest Control|small_business_lookalike
TOTAL PROTECTION ROOFING TAMPA FL|Total Protection Roofing|small_business_lookalike
PC HEALTH CLINIC MADISON WI|PC Health Clinic|small_business_lookalike
MEGABYTE COMPUTERS KNOXVILLE TN|Megabyte Computers|small_business_lookalike
SOLUTIONS CHIROPRACTIC OMAHA NE|Solutions Chiropractic|small_business_lookalike
FINALLY HOME REALTY CHARLOTTE NC|Finally Home Realty|small_business_lookalike
FAST LANE CAR WASH FRESNO CA|Fast Lane Car Wash|small_business_lookalike
WEBSTORE PRINTING CO BRISTOL GB|Webstore Printing Co|small_business_lookalike
PARTNERS IN PEDIATRICS DENVER CO|Partners in Pediatrics|small_business_lookalike
ASSIST HOME CARE AGENCY BOSTON MA|Assist Home Care Agency|small_business_lookalike
NETWORK SOLUTIONS GROUP LTD MANCHESTER GB|Network Solutions Group Ltd|small_business_lookalike
VIRTUAL ASSISTANT HUB LLC NEW YORK NY|Virtual Assistant Hub|small_business_lookalike
DIGITAL MEDIA PRINTING ATLANTA GA|Digital Media Printing|small_business_lookalike
SOFTWARE UNIVERSITY SOFIA BG|Software University|small_business_lookalike
ANTIVIRUS LAB TESTING GMBH MAGDEBURG DE|Antivirus Lab Testing GmbH|small_business_lookalike
SECURE COMPUTING SOLUTIONS READING GB|Secure Computing Solutions|small_business_lookalike
PC CLEANERS DRY CLEANING PHILADELPHIA PA|PC Cleaners Dry Cleaning|small_business_lookalike
TECH HELP CAFE LIBRARY DEN PORTLAND OR|Tech Help Cafe|small_business_lookalike
SP * SHINE SKINCARE|Shine Skincare|small_business_lookalike
SP * ELITE KETTLEBELLS|Elite Kettlebells|small_business_lookalike
SP * HELIOS CANDLE CO|Helios Candle Co|small_business_lookalike
SP * BOOST SOCKS|Boost Socks|small_business_lookalike
SP * VAST OUTDOOR GEAR|Vast Outdoor Gear|small_business_lookalike
SP * NEXT GEN SUPPLEMENTS|Next Gen Supplements|small_business_lookalike
SP * BIG DOG TREATS|Big Dog Treats|small_business_lookalike
SP * CRAZY BEE CANDLES|Crazy Bee Candles|small_business_lookalike
SQ *SOURCE COFFEE BAR|Source Coffee Bar|small_business_lookalike
SQ *ZEAL TEA HOUSE|Zeal Tea House|small_business_lookalike
SQ *OMG CUPCAKES|OMG Cupcakes|small_business_lookalike
SQ *THE PC REPAIR GUY|The PC Repair Guy|small_business_lookalike
SQ *I FIX IT HANDYMAN|I Fix It Handyman|small_business_lookalike
TST* NEW WORLD NOODLES|New World Noodles|small_business_lookalike
TST* ELITE STEAKHOUSE|Elite Steakhouse|small_business_lookalike
TST* SUPER TAQUERIA|Super Taqueria|small_business_lookalike
KMJ*VITAL YOGA STUDIO|Vital Yoga Studio|small_business_lookalike
KMJ*ACTIVE KIDS CAMP|Active Kids Camp|small_business_lookalike
PAYPAL *ELITETUTORS 4029357733 CA|Elite Tutors|small_business_lookalike
PAYPAL *SHINEDETAIL 4029357733 CA|Shine Detail|small_business_lookalike
# (B) spaced generic phrase where a listed name is glued
SYSTEM DOCTOR HEATING & AIR TULSA OK|System Doctor Heating & Air|generic_phrase
THE SYSTEM DOCTOR IT SERVICES LEEDS GB|The System Doctor IT Services|generic_phrase
ADVANCED CLEANERS LTD LEEDS GB|Advanced Cleaners Ltd|generic_phrase
ADVANCED CLEANERS DRY CLEANING CHICAGO IL|Advanced Cleaners Dry Cleaning|generic_phrase
ACTIVE SPEED PHYSIO LONDON GB|Active Speed Physio|generic_phrase
ACTIVE DEFENSE KRAV MAGA SAN DIEGO CA|Active Defense Krav Maga|generic_phrase
DRIVE CLEAN AUTO SPA DENVER CO|Drive Clean Auto Spa|generic_phrase
DRIVE-THRU CLEANERS AUSTIN TX|Drive-Thru Cleaners|generic_phrase
MEGA BITES DINER ALBANY NY|Mega Bites Diner|generic_phrase
TECHNO LIVE FESTIVAL BERLIN DE|Techno Live Festival|generic_phrase
DATA DECK CONSULTING TORONTO ON|Data Deck Consulting|generic_phrase
CLICK 4 PRINT LTD BIRMINGHAM GB|Click 4 Print Ltd|generic_phrase
CLICK4TAXI LONDON GB|Click4Taxi|generic_phrase
SOURCE USA SUPPLY HOUSTON TX|Source USA Supply|generic_phrase
PET CARE 247 VETS MANCHESTER GB|Pet Care 247 Vets|generic_phrase
TECH SUPPORT SERVICES LLC CLEVELAND OH|Tech Support Services LLC|generic_phrase
SOFTWARE SUPPORT SERVICES INC|Software Support Services Inc|generic_phrase
SCAN AND SWEEP CHIMNEY CO BOISE ID|Scan and Sweep Chimney Co|generic_phrase
SPEED SCAN MRI CENTER PHOENIX AZ|Speed Scan MRI Center|generic_phrase
ERROR FREE BOOKKEEPING LLC AUSTIN TX|Error Free Bookkeeping|generic_phrase
WIN WIN REAL ESTATE SAN DIEGO CA|Win Win Real Estate|generic_phrase
ROCKET RAM TRUCK PARTS DALLAS TX|Rocket Ram Truck Parts|generic_phrase
REGISTRY OF MOTOR VEHICLES BOSTON MA|Registry of Motor Vehicles|generic_phrase
HELP DESK AT THE LIBRARY PRINTING|Help Desk Library Printing|generic_phrase
ONLINE ASSIGNMENT HELP TUTORS|Online Assignment Help Tutors|generic_phrase
VIRTUAL PC LAB UNIVERSITY FEE|Virtual PC Lab University Fee|generic_phrase
# (C) one-letter variants of generic words
FAST TECH SUPPORT LLC SPOKANE WA|Fast Tech Support|small_business_lookalike
I FIX AC LLC PHOENIX AZ|I Fix AC|small_business_lookalike
PRO RC REPAIR HOBBIES TAMPA FL|Pro RC Repair Hobbies|small_business_lookalike
SUPER PC SUPPLY KANSAS CITY MO|Super PC Supply|small_business_lookalike
ELITE PT PARTNERS SAN ANTONIO TX|Elite PT Partners|small_business_lookalike
SPINE SOLUTIONS CHIROPRACTIC CARY NC|Spine Solutions Chiropractic|small_business_lookalike
TRUTH SOLUTIONS COUNSELING DAYTON OH|Truth Solutions Counseling|small_business_lookalike
RANCH SOFTWARE INC BILLINGS MT|Ranch Software Inc|small_business_lookalike
NEW WORD SERVICES TRANSLATION NY|New Word Services|small_business_lookalike
BIG DOC SOLUTIONS SCANNING CO|Big Doc Solutions|small_business_lookalike
TEAL IT SOLUTIONS LTD BRISTOL GB|Teal IT Solutions Ltd|small_business_lookalike
REPAIR ALL APPLIANCES ORLANDO FL|Repair All Appliances|small_business_lookalike
CONNEXIONS HAIR SALON LEEDS GB|Connexions Hair Salon|small_business_lookalike
CONNEXIONS LOYALTY TRAVEL|Connexions Loyalty Travel|small_business_lookalike
INNOVATION DENTAL GROUP DENVER CO|Innovation Dental Group|small_business_lookalike
INNOVATION CREDIT UNION|Innovation Credit Union|small_business_lookalike
RESTORE WELLNESS SPA AUSTIN TX|Restore Wellness Spa|small_business_lookalike
RISTORO DA MARIO ROMA IT|Ristoro da Mario|small_business_lookalike
PECAN LODGE BBQ DALLAS TX|Pecan Lodge BBQ|small_business_lookalike
PECAN STREET CAFE AUSTIN TX|Pecan Street Cafe|small_business_lookalike
SKYWAYS AIR TOURS HONOLULU HI|Skyways Air Tours|small_business_lookalike
AIRWAYS MEDICAL SUPPLY TAMPA FL|Airways Medical Supply|small_business_lookalike
NETCOMM WIRELESS SUPPORT|Netcomm Wireless|small_business_lookalike
VAST TECHNOLOGIES GROUP ATLANTA GA|Vast Technologies Group|small_business_lookalike
HELP DESK NATIONWIDE IT RECRUITERS|Help Desk Nationwide IT Recruiters|small_business_lookalike
ONLINE ASSET MANAGEMENT PORTAL FEE|Online Asset Management|small_business_lookalike
GLOBAL SMILE DENTAL CLINIC|Global Smile Dental Clinic|small_business_lookalike
THE FUTURE WEB CONFERENCE LISBOA PT|The Future Web Conference|small_business_lookalike
MEGABYTES SOLUTIONS IT SUPPORT|Megabytes Solutions|small_business_lookalike
ZEAL PT SOLUTIONS PHYSIO|Zeal PT Solutions|small_business_lookalike
# (D) longer words / joins containing a listed alias
WEBTECH WORLDWIDE SHIPPING MIAMI FL|WebTech Worldwide Shipping|small_business_lookalike
CAIRO WAYS TRAVEL LONDON GB|Cairo Ways Travel|small_business_lookalike
THE DOORWAYS CAFE BRIGHTON GB|The Doorways Cafe|small_business_lookalike
BLUE DOORWAYS INTERIORS DENVER CO|Blue Doorways Interiors|small_business_lookalike
LE RESTO ROYAL PARIS FR|Le Resto Royal|small_business_lookalike
RESTO ROMANO TORONTO ON|Resto Romano|small_business_lookalike
FIRE IMAGE PHOTOGRAPHY BOISE ID|Fire Image Photography|small_business_lookalike
CORE IMAGE MEDICAL IMAGING FL|Core Image Medical|small_business_lookalike
PURE IMAGE MED SPA SCOTTSDALE AZ|Pure Image Med Spa|small_business_lookalike
FUTURE IMAGE SALON LONDON GB|Future Image Salon|small_business_lookalike
AUTO REPAIR SYSTEMS INC DETROIT MI|Auto Repair Systems Inc|small_business_lookalike
MEGABYTE HOSTING LLC DALLAS TX|Megabyte Hosting|small_business_lookalike
OVERDRIVE CLEANERS LOS ANGELES CA|Overdrive Cleaners|small_business_lookalike
ECOSYSTEM DOCTOR LAWN CARE RALEIGH NC|Ecosystem Doctor Lawn Care|small_business_lookalike
INTERACTIVE SPEED READING CLASS|Interactive Speed Reading|small_business_lookalike
PROACTIVE SPEED TRAINING FRISCO TX|Proactive Speed Training|small_business_lookalike
PROACTIVE PRIVACY LAW PLLC SEATTLE WA|Proactive Privacy Law|small_business_lookalike
PROACTIVE DEFENDERS LAW GROUP MIAMI FL|Proactive Defenders Law Group|small_business_lookalike
INNOVAZIONE ITALIA SRL MILANO IT|Innovazione Italia Srl|small_business_lookalike
PLANETCOM 3D PRINTING AUSTIN TX|Planetcom 3D Printing|small_business_lookalike
HELIOS DIGITAL MEDICAL BILLING|Helios Digital Medical Billing|small_business_lookalike
SOURCE PUNDITRY PODCAST NETWORK|Source Punditry Podcast|small_business_lookalike
SPANNING SOURCEWAY BRIDGE CLUB|Spanning Sourceway Bridge Club|small_business_lookalike
HELPDESK GLOBALISTICS LTD|Helpdesk Globalistics Ltd|small_business_lookalike
OMG BACKUPSTAGE THEATRE|OMG Backupstage Theatre|small_business_lookalike
REIMAGED FURNITURE STUDIO|Reimaged Furniture Studio|small_business_lookalike
ERRORSAFEGUARD ACCOUNTING|Errorsafeguard Accounting|small_business_lookalike
# (E) legitimate IT support / repair / security with generic names
BAYSIDE COMPUTER REPAIR TAMPA FL|Bayside Computer Repair|small_business_lookalike
METRO PC SERVICES LLC ATLANTA GA|Metro PC Services|small_business_lookalike
ABC TECH SUPPORT LLC COLUMBUS OH|ABC Tech Support|small_business_lookalike
NEIGHBORHOOD COMPUTER HELP OAKLAND CA|Neighborhood Computer Help|small_business_lookalike
CITY IT SOLUTIONS LTD LONDON GB|City IT Solutions Ltd|small_business_lookalike
SMART PC CLINIC BIRMINGHAM GB|Smart PC Clinic|small_business_lookalike
PC DOCTOR OF LANCASTER PA|PC Doctor of Lancaster|small_business_lookalike
COMPUTER GUYS ON CALL MESA AZ|Computer Guys on Call|small_business_lookalike
HOMETOWN COMPUTER REPAIR FARGO ND|Hometown Computer Repair|small_business_lookalike
LAPTOP REPAIR CENTRE LONDON GB|Laptop Repair Centre|small_business_lookalike
PC REPAIRS MANCHESTER LTD GB|PC Repairs Manchester Ltd|small_business_lookalike
SQ *CELL PHONE REPAIR CENTER|Cell Phone Repair Center|small_business_lookalike
IPHONE REPAIR & MORE #3 DALLAS TX|iPhone Repair & More|small_business_lookalike
MAC REPAIR SHOP SAN FRANCISCO CA|Mac Repair Shop|small_business_lookalike
MANAGED IT PARTNERS LLC RALEIGH NC|Managed IT Partners|small_business_lookalike
HELPDESK HEROES IT SUPPORT|Helpdesk Heroes IT Support|small_business_lookalike
PC-NOTDIENST MUELLER KOELN DE|PC-Notdienst Mueller|small_business_lookalike
COMPUTER-SERVICE SCHMIDT BONN DE|Computer-Service Schmidt|small_business_lookalike
IT-SERVICE WAGNER GMBH MUENCHEN DE|IT-Service Wagner GmbH|small_business_lookalike
EDV-BERATUNG KRAUSE HAMBURG DE|EDV-Beratung Krause|small_business_lookalike
DEPANNAGE INFORMATIQUE DUPONT LYON FR|Depannage Informatique Dupont|small_business_lookalike
INFORMATIQUE SERVICES LYON FR|Informatique Services Lyon|small_business_lookalike
SOS ORDI PARIS 11 FR|SOS Ordi Paris 11|small_business_lookalike
REPARATION ORDINATEUR NANTES FR|Reparation Ordinateur Nantes|small_business_lookalike
COMPUTERHULP DE VRIES UTRECHT NL|Computerhulp De Vries|small_business_lookalike
PC SOS COMPUTER REPAIR BOISE ID|PC SOS Computer Repair|small_business_lookalike
DATA RECOVERY SPECIALISTS NEW YORK NY|Data Recovery Specialists|small_business_lookalike
CYBER SECURITY PARTNERS LLC MCLEAN VA|Cyber Security Partners|small_business_lookalike
SECUREIT MANAGED SERVICES TAMPA FL|SecureIT Managed Services|small_business_lookalike
NETWORK SECURITY SOLUTIONS INC TX|Network Security Solutions Inc|small_business_lookalike
SAFE HOME SECURITY SYSTEMS HARTFORD CT|Safe Home Security Systems|small_business_lookalike
ALARM MONITORING SVC 800-555-0142 OH|Alarm Monitoring Service|small_business_lookalike
HOME SECURITY PROS INSTALL DALLAS TX|Home Security Pros|small_business_lookalike
GEEKS AT HOME REPAIR LLC|Geeks at Home Repair|small_business_lookalike
THE COMPUTER SHOP OF MAPLEWOOD NJ|The Computer Shop of Maplewood|small_business_lookalike
LOCAL TECH HELP LLC BEND OR|Local Tech Help|small_business_lookalike
SENIOR TECH HELPERS LLC SARASOTA FL|Senior Tech Helpers|small_business_lookalike
SQ *TECH TUTOR FOR SENIORS|Tech Tutor for Seniors|small_business_lookalike
REMOTE IT SUPPORT SUBSCRIPTION|Remote IT Support Subscription|small_business_lookalike
IT SUPPORT MONTHLY RETAINER|IT Support Monthly Retainer|small_business_lookalike
NERD HERD COMPUTER SERVICES|Nerd Herd Computer Services|small_business_lookalike
SCREEN FIX EXPRESS #2 MESA AZ|Screen Fix Express|small_business_lookalike
PHONE DOCTOR REPAIR SHOP BRONX NY|Phone Doctor Repair Shop|small_business_lookalike
VIRUS REMOVAL & TUNE-UP SHOP|Virus Removal & Tune-Up Shop|small_business_lookalike
PC TUNE UP & CLEAN COMPUTER SHOP|PC Tune Up & Clean Computer Shop|small_business_lookalike
COMPUTER CLINIC OF SPRINGFIELD MO|Computer Clinic of Springfield|small_business_lookalike
DIGITAL FIX IT SHOP PORTLAND ME|Digital Fix It Shop|small_business_lookalike
NETWORK CABLING PROS LLC RENO NV|Network Cabling Pros|small_business_lookalike
PRINTER REPAIR SERVICES OAKLAND CA|Printer Repair Services|small_business_lookalike
WEB HOSTING CANADA INC MONTREAL QC|Web Hosting Canada Inc|small_business_lookalike
SMALL BUSINESS IT CONSULTING LLC|Small Business IT Consulting|small_business_lookalike
TECHNICAL SUPPORT DEPT UNIVERSITY|Technical Support Dept University|small_business_lookalike
COMPUTER SUPPORT SERVICES LTD DUBLIN IE|Computer Support Services Ltd|small_business_lookalike
TECHSUPPORT4U MALTA MT|TechSupport4U|small_business_lookalike
PC HELP CENTRE SYDNEY AU|PC Help Centre|small_business_lookalike
LAPTOP DOCTOR AUCKLAND NZ|Laptop Doctor|small_business_lookalike
IT HELP ZURICH GMBH CH|IT Help Zurich GmbH|small_business_lookalike
COMPUTER REPAIR WORLD MESA AZ|Computer Repair World|small_business_lookalike
GLOBAL IT SOLUTIONS PVT BENGALURU IN|Global IT Solutions Pvt|small_business_lookalike
INFOTECH COMPUTER REPAIR MUMBAI IN|Infotech Computer Repair|small_business_lookalike
PC CARE CENTRE HYDERABAD IN|PC Care Centre|small_business_lookalike
SUPPORT 24X7 IT SERVICES PUNE IN|Support 24x7 IT Services|small_business_lookalike
TECH SOLUTIONS PROVIDER LLC NJ|Tech Solutions Provider|small_business_lookalike
# (F) Japanese: sound-alikes and small IT / PC shops
レストラン　ロッソ|レストラン ロッソ|small_business_lookalike
リストランテ　ヒロ|リストランテ ヒロ|small_business_lookalike
ﾚｽﾄﾗﾝ ﾛｰｽﾞ|レストラン ローズ|small_business_lookalike
リメイク工房　さくら|リメイク工房 さくら|small_business_lookalike
リフォームのイマージュ|リフォームのイマージュ|small_business_lookalike
エアウェイズ旅行社|エアウェイズ旅行社|small_business_lookalike
コネクション美容室|コネクション美容室|small_business_lookalike
ｺﾈｸｼﾖﾝ ｼﾞﾔﾊﾟﾝ|コネクションジャパン|small_business_lookalike
イノベーション歯科|イノベーション歯科|small_business_lookalike
ヨガ教室　あおぞら|ヨガ教室 あおぞら|small_business_lookalike
ペアリング工房|ペアリング工房|small_business_lookalike
テクノライン電設|テクノライン電設|small_business_lookalike
アセンド整体院|アセンド整体院|small_business_lookalike
ネットコム通信サービス|ネットコム通信サービス|small_business_lookalike
ブースト整骨院|ブースト整骨院|small_business_lookalike
ﾌﾞｰｽﾄ ｼﾞﾑ ｼﾌﾞﾔ|ブーストジム渋谷|small_business_lookalike
ヘリオス歯科クリニック|ヘリオス歯科クリニック|small_business_lookalike
エリート個別指導塾|エリート個別指導塾|small_business_lookalike
シャイン美容室|シャイン美容室|small_business_lookalike
ライブハウス　コネクト|ライブハウス コネクト|small_business_lookalike
ドライクリーニング　ハクヨウ|ドライクリーニング ハクヨウ|small_business_lookalike
ﾄﾞﾗｲﾌﾞｲﾝ ｸﾘｰﾆﾝｸﾞ|ドライブインクリーニング|small_business_lookalike
システム工房　ひかり|システム工房 ひかり|small_business_lookalike
ソース焼きそば　まるや|ソース焼きそば まるや|small_business_lookalike
ｽｰﾊﾟｰ ﾏﾙﾔﾏ|スーパーマルヤマ|small_business_lookalike
グローバルアクセス英会話|グローバルアクセス英会話|small_business_lookalike
ビッグドッグ　ドッグラン|ビッグドッグ ドッグラン|small_business_lookalike
ニューワールド　中華料理|ニューワールド 中華料理|small_business_lookalike
パソコン修理センター　新宿店|パソコン修理センター 新宿店|small_business_lookalike
ﾊﾟｿｺﾝｻﾎﾟｰﾄ ｱｵｿﾞﾗ|パソコンサポートあおぞら|small_business_lookalike
スマホ修理工房　池袋店|スマホ修理工房 池袋店|small_business_lookalike
データ復旧ラボ　秋葉原|データ復旧ラボ 秋葉原|small_business_lookalike
ＰＣサポート　さくら|PCサポート さくら|small_business_lookalike
パソコン教室　わかば|パソコン教室 わかば|small_business_lookalike
出張パソコンサービス　みどり|出張パソコンサービス みどり|small_business_lookalike
ＩＴサポート山田事務所|ITサポート山田事務所|small_business_lookalike
ﾈﾂﾄﾜｰｸｺｳｼﾞ ﾄｳﾜ|ネットワーク工事 東和|small_business_lookalike
ﾊﾟｿｺﾝﾄﾞﾂｸ ﾖｺﾊﾏ|パソコンドック横浜|small_business_lookalike
パソコンお助け隊　町田|パソコンお助け隊 町田|small_business_lookalike
ｽﾏﾎｼﾕｳﾘ ｸｲﾂｸ ｳﾒﾀﾞ|スマホ修理クイック梅田|small_business_lookalike
セキュリティ診断サービス　ミナト|セキュリティ診断サービス ミナト|small_business_lookalike
ホームページ制作　オフィス青|ホームページ制作 オフィス青|small_business_lookalike
ウイルス対策相談室　市民センター|ウイルス対策相談室 市民センター|small_business_lookalike
ＰＣリペア　エース|PCリペア エース|small_business_lookalike
ﾃｸﾉｻﾎﾟｰﾄ ｶﾅｻﾞﾜ|テクノサポート金沢|small_business_lookalike
オンラインアシスト英会話|オンラインアシスト英会話|small_business_lookalike
エリートＩＴスクール|エリートITスクール|small_business_lookalike
ﾊﾟｿｺﾝｼﾕｳﾘｾﾝﾀｰ ﾅﾝﾊﾞ|パソコン修理センター難波|small_business_lookalike
ﾍﾙﾌﾟﾃﾞｽｸｻｰﾋﾞｽ ﾐﾗｲ(ｶ|ヘルプデスクサービス ミライ|small_business_lookalike
# (G) ordinary statement phrases
ANNUAL MEMBERSHIP FEE|Annual membership fee|generic_phrase
FOREIGN TRANSACTION FEE|Foreign transaction fee|generic_phrase
LATE PAYMENT FEE|Late payment fee|generic_phrase
INTEREST CHARGE ON PURCHASES|Interest charge on purchases|generic_phrase
ONLINE PAYMENT - THANK YOU|Online payment|generic_phrase
AUTOPAY PAYMENT RECEIVED|Autopay payment|generic_phrase
CASH ADVANCE FEE|Cash advance fee|generic_phrase
MONTHLY SERVICE FEE|Monthly service fee|generic_phrase
OVERDRAFT PROTECTION TRANSFER|Overdraft protection transfer|generic_phrase
BALANCE TRANSFER FEE|Balance transfer fee|generic_phrase
PURCHASE RETURN CREDIT|Purchase return credit|generic_phrase
STATEMENT CREDIT - CASHBACK|Statement credit|generic_phrase
ATM WITHDRAWAL FEE|ATM withdrawal fee|generic_phrase
KONTOFUEHRUNGSENTGELT|Kontoführungsentgelt|generic_phrase
AUSLANDSEINSATZENTGELT|Auslandseinsatzentgelt|generic_phrase
FRAIS DE TENUE DE COMPTE|Frais de tenue de compte|generic_phrase
COMMISSION PAIEMENT CARTE HORS ZONE EURO|Commission paiement carte|generic_phrase
NON-STERLING TRANSACTION FEE|Non-sterling transaction fee|generic_phrase
DIRECT DEBIT - COUNCIL TAX|Council tax direct debit|generic_phrase
TV LICENCE MBP|TV licence|generic_phrase
年会費|年会費|generic_phrase
ショッピング分割手数料|ショッピング分割手数料|generic_phrase
リボ払い手数料|リボ払い手数料|generic_phrase
カード再発行手数料|カード再発行手数料|generic_phrase
海外事務手数料|海外事務手数料|generic_phrase
ｶｲｶﾞｲｼﾞﾑﾃｽｳﾘﾖｳ|海外事務手数料|generic_phrase
ﾈﾝｶｲﾋ|年会費|generic_phrase
ＥＴＣカード年会費|ETCカード年会費|generic_phrase
SOFTWARE LICENSE RENEWAL INVOICE|Software license renewal|generic_phrase
SUPPORT PLAN RENEWAL - ANNUAL|Support plan renewal|generic_phrase
"""


# --------------------------------------------------------------------------- S&P 500

SP_CHAIN = {
    "Restaurants",
    "Hotels, Resorts & Cruise Lines",
    "Consumer Staples Merchandise Retail",
    "Home Improvement Retail",
    "Apparel Retail",
    "Automotive Retail",
    "Broadline Retail",
    "Computer & Electronics Retail",
    "Food Retail",
    "Homefurnishing Retail",
    "Other Specialty Retail",
    "Casinos & Gaming",
    "Health Care Services",
}
SP_APP = {
    "Application Software",
    "Systems Software",
    "Interactive Media & Services",
    "Interactive Home Entertainment",
    "Internet Services & Infrastructure",
}
SP_UTILITY = {"Electric Utilities", "Multi-Utilities", "Gas Utilities", "Water Utilities"}
SP_INSURANCE = {
    "Property & Casualty Insurance",
    "Life & Health Insurance",
    "Multi-line Insurance",
    "Managed Health Care",
}
# Well-known billing descriptors, as the card networks show them (public statement forms).
SP_OVERRIDE = {
    "Apple Inc.": ("APPLE.COM/BILL 866-712-7753 CA", "app"),
    "Amazon": ("AMZN MKTP US*2K7XY1AB3 AMZN.COM/BILL WA", "company"),
    "Microsoft": ("MICROSOFT*MICROSOFT 365 P MSBILL.INFO WA", "product"),
    "Alphabet Inc. (Class A)": ("GOOGLE *GOOGLE ONE G.CO/HELPPAY#", "app"),
    "Alphabet Inc. (Class C)": ("GOOGLE *YOUTUBEPREMIUM G.CO/HELPPAY#", "app"),
    "Netflix": ("NETFLIX.COM LOS GATOS CA", "app"),
    "Walmart": ("WAL-MART #2145 BENTONVILLE AR", "chain"),
    "Costco": ("COSTCO WHSE #0423 ISSAQUAH WA", "chain"),
    "Home Depot (The)": ("THE HOME DEPOT #6512 ATLANTA GA", "chain"),
    "McDonald's": ("MCDONALD'S F12345 CHICAGO IL", "chain"),
    "Starbucks": ("STARBUCKS STORE 10234 SEATTLE WA", "chain"),
    "Uber": ("UBER *TRIP HELP.UBER.COM CA", "app"),
    "Meta Platforms": ("FACEBK *ADS 650-543-4800 CA", "company"),
    "Booking Holdings": ("PRICELINE.COM 800-774-2354 CT", "company"),
    "Block, Inc.": ("BLOCK INC SQUARE SUBSCRIPTION CA", "company"),
    "DoorDash": ("DOORDASH*DASHPASS 855-973-1040 CA", "app"),
    "Airbnb": ("AIRBNB * HMABCD1234 SAN FRANCISCO CA", "company"),
    "eBay Inc.": ("EBAY O*12-34567-89012 SAN JOSE CA", "company"),
    "PayPal": ("PAYPAL *INSTANT TRANSFER 4029357733 CA", "company"),
    "Expedia Group": ("EXPEDIA 72634829344 BELLEVUE WA", "company"),
    "Target Corporation": ("TARGET 00012345 MINNEAPOLIS MN", "chain"),
    "CVS Health": ("CVS/PHARMACY #02734 WOONSOCKET RI", "chain"),
    "Walt Disney Company (The)": ("DISNEY PLUS 888-905-7888 CA", "app"),
    "Adobe Inc.": ("ADOBE *CREATIVE CLOUD 800-833-6687 CA", "product"),
    "Domino's": ("DOMINO'S 6275 ANN ARBOR MI", "chain"),
    "Chipotle Mexican Grill": ("CHIPOTLE 1234 NEWPORT BEACH CA", "chain"),
    "Lowe's": ("LOWE'S #1123 MOORESVILLE NC", "chain"),
    "Best Buy": ("BEST BUY 00012146 RICHFIELD MN", "chain"),
    "T-Mobile US": ("T-MOBILE AUTO PAY BELLEVUE WA", "company"),
    "Verizon": ("VZWRLSS*APOCC VISE 800-922-0204 FL", "company"),
    "AT&T": ("ATT*BILL PAYMENT 800-288-2020 TX", "company"),
    "Comcast": ("COMCAST CABLE COMM 800-266-2278 PA", "company"),
    "Gen Digital": ("NORTONLIFELOCK 844-488-4540 AZ", "app"),
}


def sp_rows(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            name = r["Security"]
            key = "sp:" + r["Symbol"]
            sub = r["GICS Sub-Industry"]
            loc = re.sub(r"\[\d+\]", "", r["Headquarters Location"].split(";")[0])
            loc = loc.replace("Washington, D.C.", "Washington, District of Columbia")
            parts = [p.strip() for p in loc.split(",")]
            hq = None
            cc = "US"
            if len(parts) >= 2 and parts[-1] in US_STATES:
                hq = (ascii_upper(parts[0]).replace("NEW YORK CITY", "NEW YORK"), US_STATES[parts[-1]])
            elif parts and parts[-1] in FOREIGN_HQ:
                cc = FOREIGN_HQ[parts[-1]]
                hq = (ascii_upper(parts[0]), cc)
            if name in SP_OVERRIDE:
                d, kind = SP_OVERRIDE[name]
            else:
                kind = "chain" if sub in SP_CHAIN else "app" if sub in SP_APP else "company"
                style = None
                n = ascii_upper(short_name(name))
                if sub in SP_UTILITY and chance(60, "util", key):
                    d = f"{cut(n, key, 16, 20)} {pick(['BILL PAY', 'ONLINE PMT', 'WEB PYMT', 'PAYMENT'], 'u', key)} {hq[1] if hq else 'US'}"
                elif sub in SP_INSURANCE and chance(60, "ins", key):
                    d = f"{cut(n, key, 14, 18)} {pick(['INS PREM', 'PREMIUM', 'INSURANCE', 'POLICY PMT'], 'i', key)} {phone(key)} {hq[1] if hq else 'US'}"
                else:
                    use_hq = hq if (hq and (kind != "chain" or chance(40, "hq", key))) else None
                    d = latin_form(
                        name, kind, cc, key, flags="p" if kind == "app" else "", hq=use_hq, style=style
                    )
            rows.append({"descriptor": d, "name": name, "kind": kind, "real": 1, "source": "sp500"})
    return rows


def si_rows(path: Path, sp_names: set[str]) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    titles = {x["title"] for x in data}
    rows = []
    missing = []
    for title, kind, cc, flags in parse_si_picks():
        if title not in titles:
            missing.append(title)
            continue
        if glued(ascii_upper(short_name(title))) in sp_names:
            continue
        key = "si:" + title
        d = SI_OVERRIDE.get(title) or latin_form(title, kind, cc, key, flags=flags, hq=SI_CITY.get(title))
        rows.append({"descriptor": d, "name": title, "kind": kind, "real": 1, "source": "simpleicons"})
    if missing:
        sys.exit(f"simple-icons.json: picked titles not found: {missing}")
    return rows


# --------------------------------------------------------------------------- EDINET

FUND_RE = re.compile(
    "投資法人|投資信託|アセットマネジメント|投信|信託|特定目的|合同会社|有限責任|組合|ファンド|"
    "インベストメント|キャピタル|リート|証券化|清算"
)
KATA_RE = re.compile("^[\u30a0-\u30ff]+$")
CONSUMER = {
    "小売業",
    "食料品",
    "陸運業",
    "空運業",
    "電気・ガス業",
    "その他製品",
    "輸送用機器",
    "銀行業",
    "保険業",
    "医薬品",
    "化学",
    "サービス業",
    "電気機器",
}
IT_WORDS = re.compile(
    "ソフト|システム|ネット|データ|パソコン|コンピュータ|ＩＴ|デジタル|セキュリティ|サイバー|"
    "クラウド|テクノロジー|情報|ＡＩ|アプリ|ウェブ|モバイル"
)


def load_edinet(path: Path) -> list[dict]:
    text = path.read_bytes().decode("cp932")
    lines = text.splitlines()
    recs = list(csv.DictReader(lines[1:]))
    out = []
    for r in recs:
        if not r["提出者種別"].startswith("内国法人"):
            continue
        if FUND_RE.search(r["提出者名"]) or not r["提出者名（ヨミ）"].strip():
            continue
        out.append(r)
    out.sort(key=lambda r: r["ＥＤＩＮＥＴコード"])
    return out


def edinet_rows(recs: list[dict], n_short: int, n_cons: int, n_it: int) -> list[dict]:
    used: set[str] = set()
    rows: list[dict] = []

    def add(rec: dict, chain: bool, n_forms: int, kind_override: str | None = None) -> None:
        code = rec["ＥＤＩＮＥＴコード"]
        used.add(code)
        name = rec["提出者名"].replace("\u3000", "").replace(" ", "")
        for d, kind in jp_forms(rec, chain, "ed:" + code, n_forms):
            rows.append(
                {
                    "descriptor": d,
                    "name": name,
                    "kind": kind_override if kind_override and kind != "chain" else kind,
                    "real": 1,
                    "source": "edinet",
                }
            )

    for line in JP_MUST.strip().splitlines():
        sub, kind = line.split("|")
        cands = [
            r
            for r in recs
            if sub in r["提出者名"].replace("\u3000", "").replace(" ", "")
            and r["ＥＤＩＮＥＴコード"] not in used
        ]
        if not cands:
            print(f"note: EDINET has no domestic filer matching {sub!r}", file=sys.stderr)
            continue
        cands.sort(
            key=lambda r: (
                r["提出者名"].replace("\u3000", "").replace(" ", "") != sub,
                r["上場区分"] != "上場",
                r["ＥＤＩＮＥＴコード"],
            )
        )
        add(cands[0], kind == "chain", 2, None if kind == "chain" else kind)

    short = [
        r
        for r in recs
        if r["ＥＤＩＮＥＴコード"] not in used
        and KATA_RE.match(jp_brand(r["提出者名"]))
        and 2 <= len(jp_brand(r["提出者名"])) <= 5
    ]
    short.sort(key=lambda r: h("short", r["ＥＤＩＮＥＴコード"]))
    for r in short[:n_short]:
        add(r, r["提出者業種"] == "小売業", 2 if chance(25, "2f", r["ＥＤＩＮＥＴコード"]) else 1)

    cons = [
        r
        for r in recs
        if r["ＥＤＩＮＥＴコード"] not in used and r["上場区分"] == "上場" and r["提出者業種"] in CONSUMER
    ]
    cons.sort(key=lambda r: h("cons", r["ＥＤＩＮＥＴコード"]))
    for r in cons[:n_cons]:
        add(r, r["提出者業種"] == "小売業", 2 if chance(20, "2f", r["ＥＤＩＮＥＴコード"]) else 1)

    it = [
        r
        for r in recs
        if r["ＥＤＩＮＥＴコード"] not in used
        and (r["提出者業種"] == "情報・通信業" or IT_WORDS.search(r["提出者名"]))
    ]
    it.sort(key=lambda r: h("it", r["ＥＤＩＮＥＴコード"]))
    for r in it[:n_it]:
        add(r, False, 1)

    # Japanese payment-app forms for a few retailers: "楽天 <shop>" and Rakuten Pay in half-width.
    retail = [r for r in recs if r["提出者業種"] == "小売業" and r["上場区分"] == "上場"]
    retail.sort(key=lambda r: h("rakuten", r["ＥＤＩＮＥＴコード"]))
    for i, r in enumerate(retail[:24]):
        name = r["提出者名"].replace("\u3000", "").replace(" ", "")
        if i < 14:
            d = f"楽天\u3000{jp_brand(name)}" if i % 2 else f"楽天 {jp_brand(name)}公式"
        else:
            d = f"ﾗｸﾃﾝﾍﾟｲ {halfwidth(reading_brand(r['提出者名（ヨミ）']))[:18]}"
        rows.append({"descriptor": d, "name": name, "kind": "chain", "real": 1, "source": "edinet"})
    return rows


# Further statement forms of a few source names (marketplace and regional billing forms).
EXTRA_FORMS = """
AMZN Mktp DE*2X3Y45ZQ1 amazon.de LU|Amazon|sp500|company
AMZN MKTP UK*RT5YU8QW1 AMAZON.CO.UK GB|Amazon|sp500|company
AMAZON.COM*H12JK3LM4 AMZN.COM/BILL WA|Amazon|sp500|company
AMZN DIGITAL*7Y2KP93X1 888-802-3080 WA|Amazon|sp500|app
PRIME VIDEO*4L2AB7CD9 888-802-3080 WA|Amazon|sp500|app
"""


def foreign_jp_rows() -> list[dict]:
    rows = []
    for line in (FOREIGN_JP.strip() + "\n" + EXTRA_FORMS.strip()).splitlines():
        d, name, src, kind = line.split("|")
        rows.append({"descriptor": d, "name": name, "kind": kind, "real": 1, "source": src})
    return rows


def constructed_rows() -> list[dict]:
    rows = []
    for line in CONSTRUCTED.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        d, name, kind = line.split("|")
        rows.append({"descriptor": d, "name": name, "kind": kind, "real": 0, "source": "constructed"})
    return rows


# --------------------------------------------------------------------------- checks and output


def script_of(s: str) -> str:
    hw = any("\uff61" <= c <= "\uff9f" for c in s)
    kanji = any("\u4e00" <= c <= "\u9fff" or c in "々〆" for c in s)
    kana = any("\u3040" <= c <= "\u30ff" for c in s)
    fw_latin = any("\uff21" <= c <= "\uff3a" or "\uff41" <= c <= "\uff5a" for c in s)
    latin = any(c.isascii() and c.isalpha() for c in s)
    if hw:
        return "mixed" if (latin or kanji or kana or fw_latin) else "halfwidth_kana"
    if kanji:
        return "mixed" if (latin or fw_latin) else "kanji"
    if kana:
        return "mixed" if (latin or fw_latin) else "katakana"
    return "latin"


def tokens(s: str) -> list[str]:
    return [
        t
        for t in re.split(r"[^0-9a-z\u3040-\u30ff\u4e00-\u9fff]+", unicodedata.normalize("NFKC", s).lower())
        if t
    ]


def alias_token_lists(scams_path: Path) -> list[tuple[str, list[str]]]:
    data = tomllib.loads(scams_path.read_text(encoding="utf-8"))
    out = []
    for e in data["entry"]:
        names = [e["name"], *e.get("aliases", []), *e.get("weak_aliases", [])]
        expanded = []
        for n in names:
            for part in re.split(r"\s*/\s*", n):
                m = re.match(r"^(.*?)\s*\((.*)\)\s*$", part)
                if m:
                    expanded.append(m.group(1))
                    if " " in m.group(2) or any(c.isupper() for c in m.group(2)):
                        expanded.append(m.group(2))
                else:
                    expanded.append(part)
        for n in expanded:
            t = tokens(n)
            if t:
                out.append((e["id"], t))
    return out


def contains_seq(hay: list[str], needle: list[str]) -> bool:
    k = len(needle)
    return any(hay[i : i + k] == needle for i in range(len(hay) - k + 1))


def norm_key(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s).upper()).strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, required=True, help="folder with the three source files")
    ap.add_argument("--scams", type=Path, required=True, help="merchant_lists/known_scams.toml")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--short", type=int, default=260)
    ap.add_argument("--consumer", type=int, default=170)
    ap.add_argument("--it", type=int, default=120)
    a = ap.parse_args()
    for fname, digest in INPUT_SHA256.items():
        p = a.src / fname
        if not p.exists():
            sys.exit(f"{p}: missing source file")
        got = hashlib.sha256(p.read_bytes()).hexdigest()
        if got != digest:
            sys.exit(f"{p}: sha256 {got} differs from the recorded {digest}")

    sp = sp_rows(a.src / "constituents.csv")
    sp_names = {glued(ascii_upper(short_name(r["name"]))) for r in sp}
    rows = sp + si_rows(a.src / "simple-icons.json", sp_names)
    rows += edinet_rows(load_edinet(a.src / "EdinetcodeDlInfo.csv"), a.short, a.consumer, a.it)
    rows += foreign_jp_rows()
    rows += constructed_rows()

    aliases = alias_token_lists(a.scams)
    seen: set[str] = set()
    out = []
    dropped = []
    for r in rows:
        r["descriptor"] = r["descriptor"].strip()
        hit = None
        for field in ("descriptor", "name"):
            tk = tokens(r[field])
            for mid, al in aliases:
                if contains_seq(tk, al):
                    hit = (mid, " ".join(al), field)
                    break
            if hit:
                break
        if hit:
            if r["real"] == 0:
                sys.exit(f"constructed row contains listed alias {hit}: {r['descriptor']}")
            dropped.append((r["descriptor"], hit))
            continue
        k = norm_key(r["descriptor"])
        if k in seen:
            dropped.append((r["descriptor"], "duplicate"))
            continue
        seen.add(k)
        r["script"] = script_of(r["descriptor"])
        out.append(r)

    with a.out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(
            f, fieldnames=["descriptor", "name", "script", "kind", "real", "source"], lineterminator="\n"
        )
        w.writeheader()
        for r in out:
            w.writerow({k: r[k] for k in w.fieldnames})
    galiases = sorted({"".join(t) for _, t in aliases if len("".join(t)) >= 6})
    for r in out:
        g = "".join(tokens(r["descriptor"]))
        inside = [x for x in galiases if x in g]
        if inside:
            print(f"inside (kept): {r['descriptor']!r} <- {inside} [{r['source']}]", file=sys.stderr)
    for d, why in dropped:
        print(f"dropped: {d!r} ({why})", file=sys.stderr)
    print(f"wrote {len(out)} rows to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
