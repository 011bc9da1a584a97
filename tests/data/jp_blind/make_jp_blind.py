#!/usr/bin/env python3
"""Re-create the Japanese blind evaluation set (tests/data/jp_blind) byte for byte.

Standard library only, fixed seed.  Run:  python3 make_jp_blind.py
It rewrites cases/ and labels.csv next to this file (nothing else).

Written by a helper that never read the project's detector.  Every statement is
synthetic: people, card numbers and scam operators are fictional; real companies
appear only as the legitimate merchants they are.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import os
import random
import shutil
import unicodedata

SEED = 20260219
HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")

# ---------------------------------------------------------------------------
# text helpers: full-width <-> half-width
# ---------------------------------------------------------------------------


def _build_hw_map():
    m = {}
    for cp in range(0xFF61, 0xFFA0):
        h = chr(cp)
        f = unicodedata.normalize("NFKC", h)
        if len(f) == 1:
            m.setdefault(f, h)
    for cp in range(0xFF66, 0xFF9E):
        h = chr(cp)
        for mark in ("\uff9e", "\uff9f"):
            f = unicodedata.normalize("NFKC", h + mark)
            if len(f) == 1:
                m.setdefault(f, h + mark)
    m["\u3000"] = " "
    return m


HW_MAP = _build_hw_map()


def hw(s: str) -> str:
    """full-width katakana / latin -> half-width (as many card systems print)."""
    out = []
    for c in s:
        if c in HW_MAP:
            out.append(HW_MAP[c])
        elif 0xFF01 <= ord(c) <= 0xFF5E:
            out.append(chr(ord(c) - 0xFEE0))
        else:
            out.append(c)
    return "".join(out)


def fw(s: str) -> str:
    """ASCII -> full-width latin (as some issuers print)."""
    out = []
    for c in s:
        if c == " ":
            out.append("\u3000")
        elif 0x21 <= ord(c) <= 0x7E:
            out.append(chr(ord(c) + 0xFEE0))
        else:
            out.append(c)
    return "".join(out)


def fw_digits(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if ("0" <= c <= "9" or c == ".") else c for c in s)


# ---------------------------------------------------------------------------
# calendar helpers
# ---------------------------------------------------------------------------


def ym_add(y: int, m: int, k: int):
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def mkdate(y: int, m: int, d: int) -> dt.date:
    return dt.date(y, m, min(d, calendar.monthrange(y, m)[1]))


def add_months(d: dt.date, k: int, day: int | None = None) -> dt.date:
    y, m = ym_add(d.year, d.month, k)
    return mkdate(y, m, day if day is not None else d.day)


# closing / payment cycle of each layout: (closing day or 0 = month end, payment day)
CYCLE = {
    "rakuten": (0, 27),
    "paypay": (0, 27),
    "smbc": (15, 10),
    "goldpoint": (15, 10),
    "jcb": (15, 10),
    "view": (5, 4),
    "saison": (10, 4),
    "aeon": (10, 2),
    "epos": (27, 27),
}
LAYOUT_OF = {"goldpoint": "smbc"}


def period(issuer: str, py: int, pm: int):
    """usage period (start, end) and payment date of the statement paid in py/pm."""
    close, payday = CYCLE[issuer]
    ly, lm = ym_add(py, pm, -1)
    if close == 0:
        start = dt.date(ly, lm, 1)
        end = mkdate(ly, lm, 31)
    else:
        end = mkdate(ly, lm, close)
        sy, sm = ym_add(ly, lm, -1)
        start = mkdate(sy, sm, close) + dt.timedelta(days=1)
    return start, end, mkdate(py, pm, payday)


# ---------------------------------------------------------------------------
# foreign exchange (card rate = market + ~1.6% issuer fee), by month
# ---------------------------------------------------------------------------
USDJPY = {
    (2024, 9): 143.3,
    (2024, 10): 149.7,
    (2024, 11): 153.7,
    (2024, 12): 153.8,
    (2025, 1): 156.5,
    (2025, 2): 151.8,
    (2025, 3): 149.1,
    (2025, 4): 144.2,
    (2025, 5): 144.9,
    (2025, 6): 144.6,
    (2025, 7): 147.3,
    (2025, 8): 147.4,
    (2025, 9): 147.9,
    (2025, 10): 151.3,
    (2025, 11): 154.8,
    (2025, 12): 155.9,
    (2026, 1): 156.8,
    (2026, 2): 154.6,
}
CROSS = {"USD": 1.0, "EUR": 1.09, "SGD": 0.745, "HKD": 0.1282, "GBP": 1.29, "INR": 0.01165}


def card_rate(rng: random.Random, cur: str, d: dt.date) -> float:
    if cur == "JPY":
        return 1.0
    base = USDJPY.get((d.year, d.month), 150.0) * CROSS[cur]
    return round(base * 1.0163 * (1 + rng.uniform(-0.006, 0.006)), 3)


# ---------------------------------------------------------------------------
# people, places
# ---------------------------------------------------------------------------
SURNAMES = [
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("石川", "イシカワ"),
]
GIVEN_OLD = [
    ("一郎", "イチロウ"),
    ("和子", "カズコ"),
    ("弘", "ヒロシ"),
    ("幸子", "サチコ"),
    ("健一", "ケンイチ"),
    ("恵子", "ケイコ"),
    ("誠", "マコト"),
    ("洋子", "ヨウコ"),
    ("隆", "タカシ"),
    ("節子", "セツコ"),
    ("浩", "ヒロシ"),
    ("美智子", "ミチコ"),
    ("修", "オサム"),
    ("京子", "キョウコ"),
    ("勝", "マサル"),
    ("照子", "テルコ"),
    ("正男", "マサオ"),
    ("久美子", "クミコ"),
]
GIVEN_YOUNG = [
    ("大輔", "ダイスケ"),
    ("由美", "ユミ"),
    ("翔太", "ショウタ"),
    ("美咲", "ミサキ"),
    ("健太", "ケンタ"),
    ("彩", "アヤ"),
    ("拓也", "タクヤ"),
    ("愛", "アイ"),
    ("直樹", "ナオキ"),
    ("麻衣", "マイ"),
]

REGIONS = {
    "tokyo": {
        "areas": [
            ("練馬", "ネリマ", "NERIMA"),
            ("世田谷", "セタガヤ", "SETAGAYA"),
            ("三鷹", "ミタカ", "MITAKA"),
            ("町田", "マチダ", "MACHIDA"),
            ("府中", "フチュウ", "FUCHU"),
            ("板橋", "イタバシ", "ITABASHI"),
            ("杉並", "スギナミ", "SUGINAMI"),
            ("江戸川", "エドガワ", "EDOGAWA"),
        ],
        "power": "tepco",
        "gas": "tokyogas",
    },
    "saitama": {
        "areas": [
            ("川口", "カワグチ", "KAWAGUCHI"),
            ("所沢", "トコロザワ", "TOKOROZAWA"),
            ("浦和", "ウラワ", "URAWA"),
            ("越谷", "コシガヤ", "KOSHIGAYA"),
        ],
        "power": "tepco",
        "gas": "tokyogas",
    },
    "kanagawa": {
        "areas": [
            ("藤沢", "フジサワ", "FUJISAWA"),
            ("相模原", "サガミハラ", "SAGAMIHARA"),
            ("戸塚", "トツカ", "TOTSUKA"),
            ("川崎", "カワサキ", "KAWASAKI"),
        ],
        "power": "tepco",
        "gas": "tokyogas",
    },
    "osaka": {
        "areas": [
            ("豊中", "トヨナカ", "TOYONAKA"),
            ("吹田", "スイタ", "SUITA"),
            ("堺", "サカイ", "SAKAI"),
            ("枚方", "ヒラカタ", "HIRAKATA"),
        ],
        "power": "kepco",
        "gas": "osakagas",
    },
    "nagoya": {
        "areas": [
            ("千種", "チクサ", "CHIKUSA"),
            ("春日井", "カスガイ", "KASUGAI"),
            ("名東", "メイトウ", "MEITO"),
            ("一宮", "イチノミヤ", "ICHINOMIYA"),
        ],
        "power": "chubu",
        "gas": "tohogas",
    },
    "fukuoka": {
        "areas": [
            ("博多", "ハカタ", "HAKATA"),
            ("春日", "カスガ", "KASUGA"),
            ("早良", "サワラ", "SAWARA"),
            ("久留米", "クルメ", "KURUME"),
        ],
        "power": "kyuden",
        "gas": None,
    },
    "sapporo": {
        "areas": [
            ("北区", "キタク", "KITAKU"),
            ("手稲", "テイネ", "TEINE"),
            ("豊平", "トヨヒラ", "TOYOHIRA"),
            ("江別", "エベツ", "EBETSU"),
        ],
        "power": "hepco",
        "gas": None,
    },
}

# ---------------------------------------------------------------------------
# everyday merchants:  key, category, jp-print, kana-reading, latin, lo, hi, branch,
#                      weight(old), weight(young), brand_legit
# (kana readings use the large kana that half-width card systems print)
# ---------------------------------------------------------------------------
EVERYDAY = [
    ("seven", "konbini", "セブン－イレブン", "セブンイレブン", "7-ELEVEN", 120, 1600, True, 6, 9, 0),
    ("lawson", "konbini", "ローソン", "ローソン", "LAWSON", 120, 1500, True, 5, 7, 0),
    ("famima", "konbini", "ファミリーマート", "フアミリーマート", "FAMILYMART", 120, 1500, True, 5, 7, 0),
    ("ministop", "konbini", "ミニストップ", "ミニストツプ", "MINISTOP", 120, 900, True, 1, 1, 0),
    ("aeon", "super", "イオン", "イオン", "AEON", 600, 9000, True, 6, 4, 0),
    ("ito", "super", "イトーヨーカドー", "イトーヨーカドー", "ITO YOKADO", 600, 8000, True, 4, 2, 0),
    ("life", "super", "ライフ", "ライフ", "LIFE", 500, 7000, True, 4, 3, 0),
    ("summit", "super", "サミットストア", "サミツトストア", "SUMMIT", 500, 6500, True, 3, 2, 0),
    ("maruetsu", "super", "マルエツ", "マルエツ", "MARUETSU", 400, 6000, True, 3, 2, 0),
    ("seiyu", "super", "西友", "セイユウ", "SEIYU", 400, 7000, True, 3, 3, 0),
    ("okstore", "super", "オーケー", "オーケー", "OK STORE", 800, 9000, True, 3, 3, 0),
    ("yaoko", "super", "ヤオコー", "ヤオコー", "YAOKO", 600, 7000, True, 2, 1, 0),
    ("seijo", "super", "成城石井", "セイジヨウイシイ", "SEIJO ISHII", 700, 5000, True, 1, 2, 0),
    ("gyomu", "super", "業務スーパー", "ギヨウムスーパー", None, 800, 6000, True, 2, 2, 0),
    ("matsukiyo", "drug", "マツモトキヨシ", "マツモトキヨシ", "MATSUMOTOKIYOSHI", 300, 4500, True, 4, 4, 0),
    ("welcia", "drug", "ウエルシア", "ウエルシア", "WELCIA", 300, 4500, True, 4, 3, 0),
    ("sugi", "drug", "スギ薬局", "スギヤツキヨク", "SUGI PHARMACY", 300, 4000, True, 3, 2, 0),
    ("tsuruha", "drug", "ツルハドラッグ", "ツルハドラツグ", "TSURUHA", 300, 4000, True, 3, 2, 0),
    ("sundrug", "drug", "サンドラッグ", "サンドラツグ", "SUNDRUG", 300, 3500, True, 2, 3, 0),
    ("mcd", "dining", "マクドナルド", "マクドナルド", "MCDONALD'S", 300, 1600, True, 1, 4, 0),
    ("starbucks", "dining", "スターバックス", "スターバツクス", "STARBUCKS", 400, 1600, True, 1, 4, 0),
    ("sukiya", "dining", "すき家", "スキヤ", "SUKIYA", 400, 1300, True, 1, 3, 0),
    ("yoshinoya", "dining", "吉野家", "ヨシノヤ", "YOSHINOYA", 400, 1300, True, 1, 2, 0),
    ("gusto", "dining", "ガスト", "ガスト", "GUSTO", 800, 4000, True, 2, 2, 0),
    ("saizeriya", "dining", "サイゼリヤ", "サイゼリヤ", "SAIZERIYA", 600, 3500, True, 1, 2, 0),
    ("marugame", "dining", "丸亀製麺", "マルガメセイメン", "MARUGAME SEIMEN", 400, 1600, True, 2, 2, 0),
    ("sushiro", "dining", "スシロー", "スシロー", "SUSHIRO", 1200, 7000, True, 2, 2, 0),
    ("kura", "dining", "くら寿司", "クラズシ", "KURA SUSHI", 1200, 6500, True, 1, 2, 0),
    ("doutor", "dining", "ドトールコーヒー", "ドトールコーヒー", "DOUTOR", 300, 1200, True, 2, 2, 0),
    ("komeda", "dining", "コメダ珈琲店", "コメダコーヒーテン", "KOMEDA", 500, 2500, True, 2, 1, 0),
    ("ootoya", "dining", "大戸屋", "オオトヤ", "OOTOYA", 900, 3000, True, 2, 1, 0),
    ("ohsho", "dining", "餃子の王将", "ギヨウザノオウシヨウ", "GYOZA NO OHSHO", 700, 3500, True, 1, 2, 0),
    ("torikizoku", "dining", "鳥貴族", "トリキゾク", "TORIKIZOKU", 2000, 9000, True, 0, 2, 0),
    ("ubereats", "dining", "Ｕｂｅｒ　Ｅａｔｓ", "ウーバーイーツ", "UBER EATS", 1200, 4500, False, 0, 3, 0),
    (
        "suica",
        "transport",
        "モバイルＳｕｉｃａ",
        "モバイルスイカ",
        "MOBILE SUICA",
        1000,
        5000,
        False,
        2,
        5,
        0,
    ),
    (
        "jre",
        "transport",
        "ＪＲ東日本　えきねっと",
        "ジエイアールヒガシニホン",
        "JR EAST",
        1500,
        16000,
        False,
        1,
        2,
        0,
    ),
    ("taxi", "transport", "ＧＯ　タクシー", "ゴータクシー", "GO TAXI", 800, 5500, False, 2, 2, 0),
    ("etc", "transport", "ＥＴＣ　高速道路利用", "イーテイーシー", "ETC TOLL", 300, 4500, False, 2, 2, 0),
    ("eneos", "transport", "ＥＮＥＯＳ", "エネオス", "ENEOS", 2500, 8500, True, 3, 2, 0),
    ("times", "transport", "タイムズ", "タイムズ", "TIMES PARKING", 300, 2200, False, 1, 2, 0),
    ("amazon", "online", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "アマゾン", "AMAZON.CO.JP", 400, 12000, False, 4, 8, 1),
    ("rakuten_ichiba", "online", "楽天市場", "ラクテンイチバ", "RAKUTEN", 900, 11000, False, 2, 4, 0),
    (
        "yahoo",
        "online",
        "ＹＡＨＯＯ！ショッピング",
        "ヤフーシヨツピング",
        "YAHOO SHOPPING",
        900,
        9000,
        False,
        1,
        3,
        0,
    ),
    ("mercari", "online", "メルカリ", "メルカリ", "MERCARI", 300, 6000, False, 0, 3, 0),
    ("zozo", "online", "ＺＯＺＯＴＯＷＮ", "ゾゾタウン", "ZOZOTOWN", 2500, 15000, False, 0, 2, 0),
    ("japanet", "online", "ジャパネットたかた", "ジヤパネツトタカタ", None, 5000, 60000, False, 1, 0, 0),
    ("qvc", "online", "ＱＶＣジャパン", "キユーブイシージヤパン", "QVC JAPAN", 3000, 18000, False, 1, 0, 0),
    ("uniqlo", "retail", "ユニクロ", "ユニクロ", "UNIQLO", 1000, 9000, True, 2, 3, 0),
    ("gu", "retail", "ジーユー", "ジーユー", "GU", 800, 6000, True, 0, 2, 0),
    ("muji", "retail", "無印良品", "ムジルシリヨウヒン", "MUJI", 500, 7000, True, 1, 2, 0),
    ("nitori", "retail", "ニトリ", "ニトリ", "NITORI", 900, 22000, True, 1, 2, 0),
    ("daiso", "retail", "ダイソー", "ダイソー", "DAISO", 110, 2200, True, 2, 2, 0),
    ("cainz", "retail", "カインズ", "カインズ", "CAINZ", 600, 9000, True, 2, 1, 0),
    ("kohnan", "retail", "コーナン", "コーナン", "KOHNAN", 600, 8000, True, 1, 1, 0),
    ("tsutaya", "retail", "ＴＳＵＴＡＹＡ", "ツタヤ", "TSUTAYA", 500, 4000, True, 1, 1, 0),
    ("kinokuniya", "retail", "紀伊國屋書店", "キノクニヤシヨテン", "KINOKUNIYA", 700, 5000, True, 1, 1, 0),
    ("toho", "leisure", "ＴＯＨＯシネマズ", "トウホウシネマズ", "TOHO CINEMAS", 1300, 4500, True, 1, 1, 0),
    ("jalan", "leisure", "じゃらんｎｅｔ", "ジヤランネツト", "JALAN NET", 8000, 45000, False, 1, 1, 0),
    ("satofull", "leisure", "ふるさと納税　さとふる", "サトフル", "SATOFULL", 10000, 30000, False, 0, 1, 0),
    (
        "yodobashi",
        "pcshop",
        "ヨドバシカメラ",
        "ヨドバシカメラ",
        "YODOBASHI CAMERA",
        800,
        30000,
        True,
        1,
        1,
        1,
    ),
    ("biccamera", "pcshop", "ビックカメラ", "ビツクカメラ", "BIC CAMERA", 800, 28000, True, 1, 1, 1),
    ("yamada", "pcshop", "ヤマダデンキ", "ヤマダデンキ", "YAMADA DENKI", 800, 30000, True, 1, 1, 1),
    ("ksdenki", "pcshop", "ケーズデンキ", "ケーズデンキ", "K'S DENKI", 800, 30000, True, 1, 1, 1),
    ("dospara", "pcshop", "ドスパラ", "ドスパラ", "DOSPARA", 1500, 25000, False, 0, 1, 1),
    ("pckobo", "pcshop", "パソコン工房", "パソコンコウボウ", "PC KOUBOU", 1500, 25000, False, 0, 1, 1),
]
EVERY = {e[0]: e for e in EVERYDAY}

# recurring legit contracts: key, jp, kana, latin, prices, cycle(M/Y/B=bimonthly), brand_legit,
#                           foreign (iso3, currency) printed by issuers that show it
SUBS = {
    "netflix": ("ＮＥＴＦＬＩＸ．ＣＯＭ", None, "NETFLIX.COM", [890, 1590, 2290], "M", 0, None),
    "unext": ("Ｕ－ＮＥＸＴ", "ユーネクスト", "U-NEXT", [2189], "M", 0, None),
    "spotify": ("Ｓｐｏｔｉｆｙ", "スポテイフアイ", "SPOTIFY", [1080], "M", 0, None),
    "dazn": ("ＤＡＺＮ", "ダゾーン", "DAZN", [4200], "M", 0, None),
    "disney": ("ディズニープラス", "デイズニープラス", "DISNEY PLUS", [1140], "M", 0, None),
    "hulu": ("Ｈｕｌｕ", "フールー", "HULU", [1026], "M", 0, None),
    "abema": ("ＡＢＥＭＡ", "アベマ", "ABEMA", [1080], "M", 0, None),
    "nintendo": ("ニンテンドーＥショップ", "ニンテンドーイーシヨツプ", "NINTENDO ESHOP", [306], "M", 0, None),
    "adobe": (None, None, "ADOBE *CREATIVE CLOUD", [2728], "M", 0, ("IRL", "JPY")),
    "chatgpt": (None, None, "OPENAI *CHATGPT SUBSCR", [20.00], "M", 0, ("USA", "USD")),
    "icloud": (None, None, "APPLE COM BILL", [150, 450, 1500], "M", 1, None),
    "applemusic": (None, None, "APPLE COM BILL", [1080], "M", 1, None),
    "youtube": (None, None, "GOOGLE *YOUTUBEPREMI", [1280], "M", 1, ("GBR", "JPY")),
    "googleone": (None, None, "GOOGLE *GOOGLE ONE", [250, 380], "M", 1, None),
    "prime_m": ("アマゾンプライム会費", "アマゾンプライムカイヒ", "AMAZON PRIME", [600], "M", 1, None),
    "prime_y": ("アマゾンプライム会費", "アマゾンプライムカイヒ", "AMAZON PRIME", [5900], "Y", 1, None),
    "kindle": ("ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "アマゾン", "AMAZON.CO.JP", [980], "M", 1, None),
    "ms365_y": (None, None, "MICROSOFT*MICROSOFT 365 P", [21300, 14900], "Y", 1, None),
    "ms365_m": (None, None, "MICROSOFT*MICROSOFT 365 P", [2130, 1490], "M", 1, None),
    "onedrive": (None, None, "MICROSOFT*ONEDRIVE", [260], "M", 1, None),
    "xbox": (None, None, "MICROSOFT*XBOX", [1100, 1450], "M", 1, None),
    "vbuster_y": ("トレンドマイクロ", "トレンドマイクロ", "TREND MICRO", [5720], "Y", 1, None),
    "norton_y": ("ノートン　自動延長", "ノートン", "NORTON *AR", [6980, 8480], "Y", 1, None),
    "eset_y": ("ＥＳＥＴ　ストア", "イーセツト", "ESET STORE", [5500], "Y", 1, None),
    "mcafee_y": (None, None, "MCAFEE.COM", [8030], "Y", 1, None),
    "kaspersky_y": (None, None, "KASPERSKY", [4950], "Y", 1, None),
    "pcdepot_m": ("ＰＣ　ＤＥＰＯＴ", "ピーシーデポ", "PC DEPOT", [1650, 3300, 5500], "M", 1, None),
    "ntt_remote": (
        "ＮＴＴ東日本　リモートサポート",
        "エヌテイテイリモートサポート",
        None,
        [550],
        "M",
        1,
        None,
    ),
    "docomo": ("ＮＴＴドコモ　携帯料金", "エヌテイテイドコモ", "NTT DOCOMO", [(2200, 9800)], "M", 0, None),
    "au": ("ＫＤＤＩ　ａｕご利用料金", "ケイデイデイアイ", "KDDI AU", [(3000, 11500)], "M", 0, None),
    "softbank": ("ソフトバンク携帯電話料金", "ソフトバンク", "SOFTBANK", [(3000, 10500)], "M", 0, None),
    "rmobile": ("楽天モバイル通信料", "ラクテンモバイル", "RAKUTEN MOBILE", [(1078, 3278)], "M", 0, None),
    "ymobile": ("ワイモバイル", "ワイモバイル", "Y!MOBILE", [(2100, 4800)], "M", 0, None),
    "nttfin": ("ＮＴＴファイナンス", "エヌテイテイフアイナンス", "NTT FINANCE", [(4200, 7600)], "M", 0, None),
    "tepco": (
        "東京電力エナジーパートナー",
        "トウキヨウデンリヨク",
        "TEPCO",
        [("power", 4500, 17000)],
        "M",
        0,
        None,
    ),
    "kepco": ("関西電力", "カンサイデンリヨク", "KANSAI ELECTRIC", [("power", 4200, 16000)], "M", 0, None),
    "chubu": ("中部電力ミライズ", "チユウブデンリヨク", None, [("power", 4300, 16500)], "M", 0, None),
    "kyuden": ("九州電力", "キユウシユウデンリヨク", None, [("power", 4000, 15000)], "M", 0, None),
    "hepco": ("北海道電力", "ホツカイドウデンリヨク", None, [("power", 5000, 21000)], "M", 0, None),
    "tokyogas": ("東京ガス", "トウキヨウガス", "TOKYO GAS", [("gas", 2500, 9500)], "M", 0, None),
    "osakagas": ("大阪ガス", "オオサカガス", "OSAKA GAS", [("gas", 2500, 9000)], "M", 0, None),
    "tohogas": ("東邦ガス", "トウホウガス", None, [("gas", 2500, 9000)], "M", 0, None),
    "nhk": ("ＮＨＫ放送受信料", "エヌエイチケイ", "NHK", [2200], "B", 0, None),
    "nikkei": ("日本経済新聞社", "ニホンケイザイシンブンシヤ", "NIKKEI", [4277], "M", 0, None),
    "anytime": (
        "エニタイムフィットネス",
        "エニタイムフイツトネス",
        "ANYTIME FITNESS",
        [7678, 8228],
        "M",
        0,
        None,
    ),
    "curves": ("カーブス", "カーブス", "CURVES", [6270], "M", 0, None),
    "chocozap": ("ｃｈｏｃｏＺＡＰ", "チヨコザツプ", "CHOCOZAP", [3278], "M", 0, None),
    "aflac": ("アフラック", "アフラツク", "AFLAC", [2860, 3480, 4210, 5930], "M", 0, None),
    "yazuya": ("やずや", "ヤズヤ", None, [3240], "M", 0, None),
    "suntory": ("サントリーウエルネス", "サントリーウエルネス", None, [4320, 5400], "M", 0, None),
    "water": ("プレミアムウォーター", "プレミアムウオーター", None, [4298], "M", 0, None),
    "coopdeli": ("コープデリ", "コープデリ", None, [(7000, 26000)], "M", 0, None),
    "cardfee": ("カード年会費", "カードネンカイヒ", None, [1375], "Y", 0, None),
}
SUB_TAG = {
    "icloud": "iCloud+",
    "applemusic": "Apple Music",
    "youtube": "YouTube Premium",
    "googleone": "Google One",
    "prime_m": "Amazonプライム月額",
    "prime_y": "Amazonプライム年額",
    "kindle": "Kindle Unlimited",
    "ms365_y": "Microsoft 365 Personal 年額",
    "ms365_m": "Microsoft 365 Personal 月額",
    "onedrive": "OneDrive 追加容量",
    "xbox": "Xbox Game Pass",
    "vbuster_y": "ウイルスバスター 年間更新",
    "norton_y": "Norton 360 自動延長",
    "eset_y": "ESET 年間更新",
    "mcafee_y": "McAfee 年間更新",
    "kaspersky_y": "カスペルスキー 年間更新",
    "pcdepot_m": "PC DEPOT 月額サポート会員",
    "ntt_remote": "NTT東日本 リモートサポートサービス",
}

LEGIT_BRAND_SUBS = [
    "icloud",
    "applemusic",
    "youtube",
    "googleone",
    "prime_m",
    "prime_y",
    "kindle",
    "ms365_y",
    "ms365_m",
    "onedrive",
    "xbox",
    "vbuster_y",
    "norton_y",
    "eset_y",
    "mcafee_y",
    "kaspersky_y",
    "pcdepot_m",
    "ntt_remote",
]

# ---------------------------------------------------------------------------
# scam operators (all fictional).  kind: kana = fw katakana printed by style,
# lit = printed literally, lat = latin (fw-latin issuers print it full-width)
# price: JPY int, or (currency, amount); country: ISO3 or None
# ---------------------------------------------------------------------------
KANA_OPS = [
    ("kana", "マイクロソフトサポート", 7980, None, "M", "Microsoftを名乗る月額サポート"),
    ("kana", "マイクロソフトセキュリティセンター", 9800, None, "M", "Microsoftを名乗る月額セキュリティ"),
    ("kana", "ウィンドウズサポートチーム", 4980, None, "M", "Windowsを名乗る月額サポート"),
    ("kana", "ウィンドウズディフェンダーホゴ", 5980, None, "M", "Windows Defenderを名乗る月額保護"),
    ("kana", "マイクロソフトテクニカルサポート", 49800, None, "Y", "Microsoftを名乗る年額テクニカルサポート"),
    ("kana", "アップルサポートデスク", 6980, None, "M", "Appleを名乗る月額サポート"),
    ("kana", "ノートンセキュリティサポート", 8800, None, "M", "Nortonを名乗る月額サポート"),
    ("kana", "マカフィーホゴサービス", 3980, None, "M", "McAfeeを名乗る月額保護"),
    ("kana", "グーグルアカウントホゴ", 2980, None, "M", "Googleを名乗るアカウント保護月額"),
    ("kana", "ウィンドウズセキュリティサービス", 39800, None, "Y", "Windowsを名乗る年額セキュリティ"),
]
LATIN_OPS = [
    ("lit", "ＷＩＮＤＯＷＳ　ｾｷｭﾘﾃｨ", 7980, None, "M", "Windowsを名乗る月額(全角+半角カナ)"),
    ("lat", "MS SUPPORT CENTER JP", 9800, None, "M", "MSを名乗る月額サポート"),
    ("lat", "MICROSOFT HELP DESK", ("USD", 49.99), "USA", "M", "Microsoftを名乗るヘルプデスク月額(海外)"),
    ("lat", "WINDOWS DEFENDER PROTECT", ("USD", 199.99), "USA", "Y", "Windows Defenderを名乗る年額(海外)"),
    ("lit", "ＭＩＣＲＯＳＯＦＴ　リペアセンター", 4980, None, "M", "Microsoftを名乗る修理センター月額"),
    ("lat", "APPLE PC HELPDESK JP", 6600, None, "M", "Appleを名乗るヘルプデスク月額"),
    ("lat", "GOOGLE SECURE CENTER", ("USD", 39.99), "SGP", "M", "Googleを名乗るセキュリティ月額(海外)"),
    ("lat", "NORTON PROTECT PLUS JP", 8980, None, "M", "Nortonを名乗る保護月額"),
    ("lat", "MCAFEE TOTAL CARE JP", 5500, None, "M", "McAfeeを名乗るケア月額"),
    ("lat", "AMAZON TECH HELP 24", ("USD", 29.99), "IND", "M", "Amazonを名乗るテクニカルヘルプ月額(海外)"),
    ("lat", "MICR0SOFT TECH SUPP0RT", ("USD", 299.00), "IND", "Y", "Microsoftの綴りを0で崩した年額(海外)"),
    ("lat", "WIN-SECURE SUPPORT", 3980, None, "M", "Windows風の月額サポート"),
    ("lit", "ＭＳ　ｻﾎﾟｰﾄ　ＤＥＳＫ", 12800, None, "M", "MSを名乗る月額サポート(全角+半角)"),
]
NEUTRAL_OPS = [
    ("lat", "KORVANTA TECH SOLUTIONS", ("USD", 64.99), "IND", "M", "無関係名の海外リモート保守月額"),
    ("lat", "ZELRIX INFOSERV PVT LTD", ("USD", 39.00), "IND", "M", "無関係名の海外ITサポート月額"),
    ("lat", "ORBINEX REMOTE CARE", ("USD", 59.99), "USA", "M", "無関係名の遠隔ケア月額"),
    ("lat", "QUINTARA DIGITAL LTD", ("EUR", 49.90), "CYP", "M", "無関係名のデジタル保守月額(キプロス)"),
    ("lat", "HELIXORA IT HELP", ("SGD", 79.00), "SGP", "M", "無関係名のITヘルプ月額(シンガポール)"),
    ("lat", "NOVALYTE SECURE LTD", ("HKD", 388.00), "HKG", "M", "無関係名のセキュリティ月額(香港)"),
    ("lit", "PGX*ｱｽﾃﾗﾘﾓｰﾄｻﾎﾟｰﾄ 0570", 6980, None, "M", "決済代行経由の遠隔サポート月額(0570)"),
    ("lit", "NPAY*ﾈｸｽﾄﾗPCﾎｼｭ 050", 5480, None, "M", "決済代行経由のPC保守月額(050)"),
    ("kana", "システムケアセンターオルティス", 8800, None, "M", "無関係名のシステムケア月額"),
    ("lat", "TRAVEXA SYSCARE", ("USD", 79.99), "USA", "M", "無関係名のシステムケア月額(海外)"),
    ("kana", "クラウドセキュアベルティア", 4400, None, "M", "無関係名のクラウドセキュリティ月額"),
    (
        "lat",
        "VELQORA DIGITAL SERVICES",
        ("EUR", 29.90),
        "CYP",
        "M",
        "無関係名のデジタルサービス月額(キプロス)",
    ),
]
# one-off / multi-year plans: kind, text, price, country, plan length label, has_stream
LARGE_PLANS = [
    ("kana", "セキュリティサポート５ネンプラン", 69000, None, "5年", True),
    ("lat", "PC PROTECT 3YR PLAN", ("USD", 329.99), "USA", "3年", True),
    ("kana", "マイクロソフトエイキュウライセンス", 98000, None, "永久ライセンス", False),
    ("lat", "LIFETIME TECH SUPPORT", ("USD", 799.00), "IND", "生涯サポート", False),
    ("lat", "ANNUAL PC MAINTENANCE", 34800, None, "年額", True),
    ("kana", "ネンガクホシュリモートケア", 39800, None, "年額", True),
    ("lat", "DIGITAL CARE 10YR", ("USD", 1299.00), "SGP", "10年", True),
    ("lat", "WINDOWS SUPPORT 5YRS", 89800, None, "5年", True),
    ("lit", "ＰＣ保守３年契約　テクノリア", 56000, None, "3年", True),
    ("lat", "1YR SECURE PLAN ORBITEC", ("USD", 249.00), "USA", "1年", True),
    ("kana", "イッショウサポートピーシーアンシン", 198000, None, "一生(生涯)", False),
    ("kana", "ジュウネンホショウデジタルガード", 128000, None, "10年", True),
    ("lat", "5YEAR TOTAL SECURITY", 298000, None, "5年", True),
]
MONTHLY_UNKNOWN = [
    ("lat", "REMOTE HELP DESK 050", 4980, None, "M", "不明事業者の遠隔ヘルプ月額(050)"),
    ("kana", "オンラインピーシーサポートツキガク", 3980, None, "M", "不明事業者のPCサポート月額"),
    ("lat", "TECH ASSIST MONTHLY", ("USD", 39.99), "USA", "M", "不明事業者のテクニカル月額(海外)"),
    ("kana", "ネットセキュアマンスリー", 5500, None, "M", "不明事業者のセキュリティ月額"),
    ("kana", "エンカクサポートケアプラス", 6600, None, "M", "不明事業者の遠隔サポート月額"),
    ("lat", "SYSVANTA CARE SUB", ("SGD", 49.00), "SGP", "M", "不明事業者のケア月額(シンガポール)"),
    ("lat", "PC ASSIST CLUB 0570", 2980, None, "M", "不明事業者のPCアシスト月額(0570)"),
    ("lat", "DIGIFIX PLUS MEMBERSHIP", ("USD", 24.99), "USA", "M", "不明事業者のメンバーシップ月額(海外)"),
]
# first "virus removal" charge used before prepaid purchases
REMOVAL_OPS = [
    ("kana", "ウイルスジョキョサポート", 29800, None, "ウイルス除去費用"),
    ("lat", "MS REMOTE FIX JP", 39800, None, "遠隔修復費用"),
    ("kana", "マイクロソフトリモートシュウフク", 49800, None, "遠隔修復費用"),
    ("lat", "SECURE PC RESTORE", ("USD", 199.00), "USA", "復旧費用"),
    ("kana", "ピーシーアンゼンセンター", 35000, None, "ファイアウォール修復費用"),
    ("lat", "WINDOWS FIREWALL CARE", 59800, None, "ファイアウォール修復費用"),
    ("kana", "トロイノモクバジョキョセンター", 32800, None, "トロイの木馬除去費用"),
]

LAYOUTS = ["rakuten", "smbc", "jcb", "view", "paypay", "saison", "epos", "aeon"]

# how each issuer tends to print names: weights for (jp, hw, en, fwen)
STYLE_W = {
    "rakuten": (50, 25, 25, 0),
    "smbc": (10, 55, 35, 0),
    "goldpoint": (15, 45, 40, 0),
    "jcb": (60, 15, 0, 25),
    "view": (70, 10, 0, 20),
    "paypay": (45, 45, 10, 0),
    "saison": (50, 15, 35, 0),
    "epos": (70, 0, 0, 30),
    "aeon": (55, 35, 0, 10),
}
# kana-scam operators: probability of half-width
KANA_HW = {
    "rakuten": 0.6,
    "smbc": 1.0,
    "goldpoint": 1.0,
    "jcb": 0.5,
    "view": 0.3,
    "paypay": 0.8,
    "saison": 0.6,
    "epos": 0.2,
    "aeon": 0.7,
}
FWLATIN = {"jcb", "view", "epos"}


# ---------------------------------------------------------------------------
# transaction model
# ---------------------------------------------------------------------------
class Tx:
    __slots__ = (
        "amount",
        "brand",
        "country",
        "cur",
        "date",
        "desc",
        "local",
        "notes",
        "order",
        "post",
        "rate",
        "scam",
        "stream",
        "user",
    )

    def __init__(
        self,
        date,
        desc,
        amount,
        scam=0,
        stream=None,
        brand=0,
        notes="",
        cur=None,
        local=None,
        rate=None,
        country=None,
        post=None,
        user="本人",
    ):
        self.date = date
        self.post = post or date
        self.desc = desc
        self.amount = amount
        self.scam = scam
        self.stream = stream
        self.brand = brand
        self.notes = notes
        self.cur = cur
        self.local = local
        self.rate = rate
        self.country = country
        self.user = user
        self.order = 0


class Case:
    def __init__(self, idx, bucket, issuer, rng):
        self.idx = idx
        self.cid = f"jp-{idx:03d}"
        self.bucket = bucket
        self.issuer = issuer
        self.layout = LAYOUT_OF.get(issuer, issuer)
        self.rng = rng
        self.txs: list[Tx] = []
        self.style_cache = {}
        self.stream_n = 0
        self.story = ""

    # -- stream ids -------------------------------------------------------
    def new_stream(self):
        self.stream_n += 1
        return f"tmp{self.stream_n}"

    # -- printing ---------------------------------------------------------
    def style_for(self, key, has_kana, has_en, has_jp=True):
        if key in self.style_cache:
            return self.style_cache[key]
        w = list(STYLE_W[self.issuer])
        if not has_jp:
            w[0] = 0
        if not has_kana:
            w[1] = 0
        if not has_en:
            w[2] = 0
            w[3] = 0
        if sum(w) == 0:
            st = "jp"
        else:
            st = self.rng.choices(["jp", "hw", "en", "fwen"], weights=w)[0]
        self.style_cache[key] = st
        return st

    def print_name(self, key, jp, kana, en, area=None, branch=False):
        st = self.style_for(key, bool(kana), bool(en), bool(jp))
        if st == "jp":
            base = jp if jp else (fw(en) if self.issuer in FWLATIN else en)
            if branch and area:
                return f"{base}　{area[0]}店"
            return base
        if st == "hw":
            base = hw(kana)
            if branch and area:
                return f"{base} {hw(area[1])}"
            return base
        base = en
        if st == "fwen":
            s = f"{en} {area[2]}" if (branch and area) else en
            return fw(s)
        return f"{base} {area[2]}" if (branch and area) else base

    def op_name(self, kind, text):
        if kind == "lit":
            return text
        if kind == "kana":
            key = "op:" + text
            if key not in self.style_cache:
                self.style_cache[key] = self.rng.random() < KANA_HW[self.issuer]
            return hw(text) if self.style_cache[key] else text
        # latin
        return fw(text) if self.issuer in FWLATIN else text


# ---------------------------------------------------------------------------
# building blocks
# ---------------------------------------------------------------------------


def amount_between(rng, lo, hi, round_to=1):
    # log-uniform-ish: most purchases are small
    import math

    v = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    v = int(v)
    if round_to > 1:
        v = max(round_to, (v // round_to) * round_to)
    return v


def post_lag(rng, foreign=False):
    if foreign:
        return rng.choice([1, 2, 2, 3, 3, 4, 5])
    r = rng.random()
    if r < 0.86:
        return 0
    return rng.choice([1, 1, 2, 2, 3, 4, 6])


def add_tx(
    case: Case,
    date,
    desc,
    amount,
    *,
    scam=0,
    stream=None,
    brand=0,
    notes="",
    price=None,
    country=None,
    lag=None,
    user="本人",
):
    """price = JPY int or (currency, local amount).  country = ISO3 for foreign billing."""
    rng = case.rng
    cur = local = rate = None
    if country is not None:
        if isinstance(price, tuple):
            cur, local = price
            rate = card_rate(rng, cur, date)
            amount = round(local * rate)
        else:
            cur, local, rate = "JPY", float(amount), 1.0
    if lag is None:
        lag = post_lag(rng, country is not None)
    t = Tx(
        date,
        desc,
        amount,
        scam=scam,
        stream=stream,
        brand=brand,
        notes=notes,
        cur=cur,
        local=local,
        rate=rate,
        country=country,
        post=date + dt.timedelta(days=lag),
        user=user,
    )
    case.txs.append(t)
    return t


def everyday(case: Case, start: dt.date, end: dt.date, old: bool, lam: float, areas, cats_boost=None):
    rng = case.rng
    pool = []
    weights = []
    for e in EVERYDAY:
        w = e[8] if old else e[9]
        if cats_boost and e[1] in cats_boost:
            w *= cats_boost[e[1]]
        if w > 0:
            pool.append(e)
            weights.append(w)
    # each person uses a limited set of shops
    k = min(len(pool), rng.randint(14, 24))
    chosen = []
    cw = []
    idxs = list(range(len(pool)))
    for _ in range(k):
        j = rng.choices(idxs, weights=[weights[i] for i in idxs])[0]
        idxs.remove(j)
        chosen.append(pool[j])
        cw.append(weights[j] * rng.uniform(0.5, 1.8))
    shop_area = {e[0]: rng.choice(areas) for e in chosen}
    d = start
    while d <= end:
        n = poisson(rng, lam * (1.25 if d.weekday() >= 5 else 1.0))
        for _ in range(n):
            e = rng.choices(chosen, weights=cw)[0]
            key, cat, jp, kana, en, lo, hi, branch, _, _, brand = e
            area = shop_area[key] if rng.random() < 0.85 else rng.choice(areas)
            desc = case.print_name(key, jp, kana, en, area, branch)
            if key == "suica":
                amt = rng.choice([1000, 2000, 3000, 3000, 5000])
            elif key == "satofull":
                amt = rng.choice([10000, 12000, 15000, 20000, 30000])
            else:
                amt = amount_between(rng, lo, hi)
            user = "本人"
            if case.family and rng.random() < 0.12:
                user = "家族"
            add_tx(case, d, desc, amt, brand=brand, notes=f"everyday:{cat}", user=user)
        d += dt.timedelta(days=1)


def poisson(rng, lam):
    import math

    L = math.exp(-lam)
    k = 0
    p = 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


def sub_stream(case: Case, key, start, end, *, day=None, renew_month=None, price=None):
    """legit recurring contract; returns stream tmp id"""
    rng = case.rng
    jp, kana, en, prices, cycle, brand, foreign = SUBS[key]
    sid = case.new_stream()
    p = price if price is not None else rng.choice(prices)
    desc = case.print_name("sub:" + key, jp, kana, en)
    country = None
    if foreign:
        country = foreign[0]
        if foreign[1] == "USD" and not isinstance(p, tuple):
            p = ("USD", p)
    if day is None:
        day = rng.randint(1, 28)
    tag = SUB_TAG.get(key, key)
    dates = []
    if cycle == "M":
        d = mkdate(start.year, start.month, day)
        if d < start:
            d = add_months(d, 1, day)
        d = add_months(d, -1, day)
        while d <= end:
            dates.append(d)
            d = add_months(d, 1, day)
    elif cycle == "B":
        m0 = rng.choice([0, 1])
        d = add_months(mkdate(start.year, start.month, day), -1 - m0, day)
        while d <= end:
            dates.append(d)
            d = add_months(d, 2, day)
    else:  # yearly
        rm = renew_month if renew_month else rng.randint(1, 12)
        for y in (start.year - 1, start.year, start.year + 1):
            d = mkdate(y, rm, day)
            dates.append(d)
    for d in dates:
        if d > end:
            continue
        if isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], int):
            amt = rng.randint(p[0], p[1])
        elif isinstance(p, tuple) and len(p) == 3:
            # seasonal utility: winter/summer higher
            kind, lo, hi = p
            m = d.month
            season = {
                1: 1.0,
                2: 1.0,
                3: 0.8,
                4: 0.55,
                5: 0.4,
                6: 0.4,
                7: 0.6,
                8: 0.85,
                9: 0.7,
                10: 0.45,
                11: 0.5,
                12: 0.8,
            }[m]
            if kind == "gas":
                season = {
                    1: 1.0,
                    2: 1.0,
                    3: 0.85,
                    4: 0.65,
                    5: 0.45,
                    6: 0.35,
                    7: 0.3,
                    8: 0.25,
                    9: 0.3,
                    10: 0.4,
                    11: 0.6,
                    12: 0.85,
                }[m]
            amt = int(lo + (hi - lo) * season * rng.uniform(0.85, 1.1))
        else:
            amt = p if not isinstance(p, tuple) else 0
        lag = 0 if rng.random() < 0.8 else rng.choice([1, 2, 3])
        if cycle == "M" and key in (
            "tepco",
            "kepco",
            "chubu",
            "kyuden",
            "hepco",
            "tokyogas",
            "osakagas",
            "tohogas",
            "docomo",
            "au",
            "softbank",
            "nttfin",
        ):
            # bills post on slightly varying days
            d = d + dt.timedelta(days=rng.randint(-2, 2))
        add_tx(
            case,
            d,
            desc,
            amt,
            stream=sid,
            brand=brand,
            notes=("legit brand: " if brand else "subscription/bill: ") + tag,
            price=p if isinstance(p, tuple) and isinstance(p[0], str) else None,
            country=country,
            lag=lag,
        )
    return sid


# ---------------------------------------------------------------------------
# scam building blocks
# ---------------------------------------------------------------------------


def scam_monthly(case: Case, op, start: dt.date, end: dt.date, *, n_max=None, story="", first_fee=None):
    kind, text, price, country, cycle, label = op
    desc = case.op_name(kind, text)
    sid = case.new_stream()
    d = start
    k = 0
    out = []
    if first_fee:
        fee_amt, fee_label = first_fee
        out.append(
            add_tx(
                case,
                start,
                desc,
                fee_amt,
                scam=1,
                brand=0,
                notes=f"scam: {fee_label} (契約時の初期費用); {story}",
                price=None,
                country=country,
            )
        )
    step = 12 if cycle == "Y" else 1
    while d <= end and (n_max is None or k < n_max):
        k += 1
        t = add_tx(
            case,
            d,
            desc,
            price if not isinstance(price, tuple) else 0,
            scam=1,
            stream=sid,
            notes=f"scam: {label}{' 初回' if k == 1 else f' 更新{k - 1}回目'}; {story}",
            price=price if isinstance(price, tuple) else None,
            country=country,
        )
        out.append(t)
        d = add_months(start, step * k, start.day)
    return sid, out


def scam_once(case: Case, op_kind, text, price, country, date, *, stream=True, note=""):
    desc = case.op_name(op_kind, text)
    sid = case.new_stream() if stream else None
    return add_tx(
        case,
        date,
        desc,
        price if not isinstance(price, tuple) else 0,
        scam=1,
        stream=sid,
        notes=f"scam: {note}",
        price=price if isinstance(price, tuple) else None,
        country=country,
    )


STORIES = [
    "閲覧中にMicrosoftロゴの偽警告と警告音→表示番号に電話→遠隔操作ソフト導入→サポート契約をカード払い",
    "「トロイの木馬に感染」の偽警告→電話→片言の日本語の担当者が遠隔操作→セキュリティ契約を勧められカード番号を伝えた",
    "Windows Defenderを装う偽警告→サポート窓口に電話→ファイアウォールが破られたと言われ保護プランを契約",
    "偽警告画面の電話番号に連絡→遠隔操作で警告を消され信用→料金表を見せられ契約",
    "警告音と「今すぐ電話」の表示→電話→PCの修復とセキュリティ保護のサポート契約",
]


def pick_story(rng):
    return rng.choice(STORIES)


def prepaid_buys(case: Case, date, old, total_n, story, areas):
    """e-money / gift cards bought for the scammer, charged to the card"""
    rng = case.rng
    out = []
    modes = rng.sample(["konbini", "amazon", "bitcash", "webmoney", "apple"], k=rng.randint(1, 2))
    d = date
    for i in range(total_n):
        mode = rng.choice(modes)
        if i > 0 and rng.random() < 0.55:
            d = d + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2]))
        amt = rng.choice([10000, 20000, 30000, 30000, 50000, 50000])
        if mode == "konbini":
            e = EVERY[rng.choice(["seven", "lawson", "famima"])]
            area = rng.choice(areas)
            desc = case.print_name(e[0], e[2], e[3], e[4], area, True)
            note = "コンビニで電子マネー(プリペイドカード)をカード払いで購入しコード番号を伝えた"
            brand = 0
        elif mode == "amazon":
            e = EVERY["amazon"]
            desc = case.print_name("amazon", e[2], e[3], e[4])
            note = "指示でAmazonギフトカード(Eメールタイプ)を購入しコードを伝えた"
            brand = 1
        elif mode == "apple":
            desc = case.print_name(
                "applestore", "アップルオンラインストア", "アツプルオンラインストア", "APPLE ONLINE STORE"
            )
            note = "指示でApple Gift Cardをオンライン購入しコードを伝えた"
            brand = 1
        elif mode == "bitcash":
            desc = case.print_name("bitcash", "ビットキャッシュ", "ビツトキヤツシユ", "BITCASH")
            note = "指示でBitCashをオンライン購入しひらがなIDを伝えた"
            amt = rng.choice([10000, 20000, 30000])
            brand = 0
        else:
            desc = case.print_name("webmoney", "ＷｅｂＭｏｎｅｙ", "ウエブマネー", "WEBMONEY")
            note = "指示でWebMoneyをオンライン購入しプリペイド番号を伝えた"
            amt = rng.choice([10000, 20000, 30000])
            brand = 0
        extra = "「入力ミスで使えない、買い直して」と言われ再購入" if i > 0 else ""
        out.append(
            add_tx(
                case,
                d,
                desc,
                amt,
                scam=1,
                brand=brand,
                notes=f"scam prepaid: {note}{'; ' + extra if extra else ''}; {story}",
                lag=0,
            )
        )
    return out


# ---------------------------------------------------------------------------
# case construction
# ---------------------------------------------------------------------------
BUCKETS = [
    ("kana_impersonation", 7),
    ("latin_impersonation", 7),
    ("unrelated_name", 7),
    ("large_oneoff_plan", 7),
    ("monthly_unknown", 6),
    ("prepaid_after_scam", 7),
    ("several_contracts", 6),
    ("legit_brand_only", 9),
    ("mixed", 6),
    ("everyday_only", 5),
    ("refund_after_cancel", 5),
]


def build_case(idx, bucket, issuer):
    rng = random.Random(SEED * 1000 + idx)
    case = Case(idx, bucket, issuer, rng)
    scam_bucket = bucket not in ("legit_brand_only", "everyday_only")
    old = rng.random() < (0.78 if scam_bucket else 0.45)
    case.old = old
    case.family = rng.random() < 0.2
    sn = rng.choice(SURNAMES)
    gn = rng.choice(GIVEN_OLD if old else GIVEN_YOUNG)
    case.name = (sn[0] + "　" + gn[0], sn[1] + "　" + gn[1])
    region = rng.choice(list(REGIONS))
    reg = REGIONS[region]
    areas = rng.sample(reg["areas"], k=min(len(reg["areas"]), rng.randint(2, 3)))
    case.card_last4 = f"{rng.randint(0, 9999):04d}"

    # window
    if bucket in ("large_oneoff_plan", "prepaid_after_scam"):
        n = rng.choice([1, 2, 2, 3, 3, 4])
    elif bucket in ("legit_brand_only", "everyday_only"):
        n = rng.choice([1, 2, 3, 4, 5, 6])
    elif bucket == "refund_after_cancel":
        n = rng.choice([4, 5, 6])
    else:
        n = rng.choice([3, 4, 4, 5, 5, 6])
    end_ym = ym_add(2026, 2, -rng.randint(0, 9))
    pays = [ym_add(end_ym[0], end_ym[1], k - n + 1) for k in range(n)]
    case.pays = pays
    ustart = period(issuer, *pays[0])[0]
    uend = period(issuer, *pays[-1])[1]
    gstart = ustart - dt.timedelta(days=10)
    case.ustart, case.uend = ustart, uend

    # everyday life
    lam = rng.uniform(0.85, 1.7) if not old else rng.uniform(0.75, 1.3)
    boost = {"pcshop": 2.0} if bucket == "legit_brand_only" else None
    everyday(case, gstart, uend, old, lam, areas, boost)

    # bills & subscriptions
    bills = [reg["power"]]
    if reg["gas"] and rng.random() < 0.8:
        bills.append(reg["gas"])
    mob = rng.choice(["docomo", "au", "softbank", "ymobile"] + (["rmobile"] if issuer == "rakuten" else []))
    if rng.random() < 0.85:
        bills.append(mob)
    if rng.random() < 0.5:
        bills.append("nttfin")
    if old:
        extras = rng.sample(
            [
                "nhk",
                "nikkei",
                "curves",
                "aflac",
                "yazuya",
                "suntory",
                "water",
                "coopdeli",
                "netflix",
                "prime_m",
                "prime_y",
                "hulu",
                "unext",
            ],
            k=rng.randint(2, 5),
        )
    else:
        extras = rng.sample(
            [
                "netflix",
                "unext",
                "spotify",
                "dazn",
                "disney",
                "abema",
                "nintendo",
                "anytime",
                "chocozap",
                "prime_m",
                "prime_y",
                "adobe",
                "chatgpt",
                "nhk",
                "hulu",
                "kindle",
            ],
            k=rng.randint(3, 6),
        )
    if rng.random() < 0.25:
        extras.append("cardfee")
    for key in bills + extras:
        sub_stream(case, key, gstart, uend)

    story = pick_story(rng)
    # choose the "scam day" inside the usage window, leaving everyday before it when possible
    span = (uend - ustart).days

    def scam_day(min_frac=0.0, max_frac=0.85):
        lo = int(span * min_frac)
        hi = max(lo, int(span * max_frac))
        return ustart + dt.timedelta(days=rng.randint(lo, hi))

    brand_subs = []
    if bucket in ("legit_brand_only", "mixed"):
        ms = ["ms365_y", "ms365_m", "onedrive", "xbox"]
        sec = ["vbuster_y", "norton_y", "eset_y", "mcafee_y", "kaspersky_y", "pcdepot_m", "ntt_remote"]
        brand_subs = [rng.choice(ms)]
        if bucket == "legit_brand_only" or rng.random() < 0.5:
            brand_subs.append(rng.choice(sec))
        others = [b for b in LEGIT_BRAND_SUBS if b not in ms and b not in sec]
        brand_subs += rng.sample(others, k=rng.randint(1, 3))
    elif rng.random() < 0.35:
        brand_subs = rng.sample(["icloud", "googleone", "youtube", "prime_m", "kindle"], k=1)
    for key in brand_subs:
        # yearly renewals are placed inside the window for the brand buckets (so they are seen)
        rm = rday = None
        if SUBS[key][4] == "Y" and bucket in ("legit_brand_only", "mixed"):
            dd = ustart + dt.timedelta(days=rng.randint(0, max(0, (uend - ustart).days - 4)))
            rm, rday = dd.month, min(dd.day, 28)
        sub_stream(case, key, gstart, uend, renew_month=rm, day=rday)

    if bucket == "legit_brand_only":
        # one-off genuine brand / PC shop purchases and repairs
        extras = [
            (
                "pcshop_pc",
                "PCを買い替え(量販店)",
                lambda: EVERY[rng.choice(["yodobashi", "biccamera", "yamada", "ksdenki"])],
                69800,
                168000,
            ),
            ("repair", "PC修理(店頭)", None, 8800, 33000),
            ("sourcenext", "ZERO ウイルスセキュリティ購入(買い切り)", None, 4378, 4378),
            ("applestore", "Apple Store 購入", None, 3800, 39800),
            ("msstore", "Microsoft Store 購入", None, 1100, 15000),
            ("googleplay", "Google Play アプリ/課金", None, 120, 3000),
            ("amazon_gift", "Amazonギフトカード(孫への贈り物)", None, 3000, 10000),
        ]
        for key, label, fn, lo, hi in rng.sample(extras, k=rng.randint(2, 4)):
            d = scam_day(0.0, 0.95)
            if key == "pcshop_pc":
                e = fn()
                desc = case.print_name(e[0], e[2], e[3], e[4], rng.choice(areas), e[7])
                amt = rng.randrange(lo, hi, 100) - rng.choice([0, 20])
            elif key == "repair":
                desc = case.print_name(
                    "pcdepot_r", "ＰＣ　ＤＥＰＯＴ", "ピーシーデポ", "PC DEPOT", rng.choice(areas), True
                )
                amt = rng.choice([8800, 11000, 16500, 22000, 33000])
            elif key == "sourcenext":
                desc = case.print_name("sourcenext", "ソースネクスト", "ソースネクスト", "SOURCENEXT")
                amt = 4378
            elif key == "applestore":
                desc = case.print_name(
                    "applestore", "アップルオンラインストア", "アツプルオンラインストア", "APPLE ONLINE STORE"
                )
                amt = rng.choice([3800, 4800, 9800, 19800, 29800, 39800])
            elif key == "msstore":
                desc = "MICROSOFT*STORE" if case.issuer not in FWLATIN else fw("MICROSOFT*STORE")
                amt = rng.choice([1100, 2750, 6578, 14900])
            elif key == "googleplay":
                desc = case.print_name("googleplay", "グーグルプレイ", "グーグルプレイ", "GOOGLE PLAY JAPAN")
                amt = rng.choice([120, 250, 480, 980, 1500, 3000])
            else:
                e = EVERY["amazon"]
                desc = case.print_name("amazon", e[2], e[3], e[4])
                amt = rng.choice([3000, 5000, 10000])
            add_tx(case, d, desc, amt, brand=1, notes=f"legit brand: {label}")
        case.story = "正規ブランドの課金・PC関連の支払いのみ(詐欺なし)"

    elif bucket == "kana_impersonation":
        op = rng.choice(KANA_OPS)
        d0 = scam_day(0.0, 0.6 if op[4] == "M" else 0.9)
        n_max = None if rng.random() < 0.7 else rng.randint(2, 4)
        fee = (rng.choice([19800, 29800]), "初期設定費") if rng.random() < 0.25 else None
        scam_monthly(case, op, d0, uend, n_max=n_max, story=story, first_fee=fee)
        case.story = f"{op[5]} {op[2]}; {story}"

    elif bucket == "latin_impersonation":
        op = rng.choice(LATIN_OPS)
        d0 = scam_day(0.0, 0.6 if op[4] == "M" else 0.9)
        n_max = None if rng.random() < 0.75 else rng.randint(2, 4)
        scam_monthly(case, op, d0, uend, n_max=n_max, story=story)
        case.story = f"{op[5]}; {story}"

    elif bucket == "unrelated_name":
        op = rng.choice(NEUTRAL_OPS)
        d0 = scam_day(0.0, 0.6)
        fee = None
        if rng.random() < 0.3:
            fee = (rng.choice([14800, 24800, 34800]), "セットアップ費")
        scam_monthly(case, op, d0, uend, story=story, first_fee=fee)
        case.story = f"{op[5]}; {story}"

    elif bucket == "large_oneoff_plan":
        plan = rng.choice(LARGE_PLANS)
        kind, text, price, country, plen, has_stream = plan
        d0 = scam_day(0.2, 0.95)
        scam_once(
            case,
            kind,
            text,
            price,
            country,
            d0,
            stream=has_stream,
            note=f"{plen}のサポート/保守プランを一括払い; {story}",
        )
        if rng.random() < 0.3:
            # a second, smaller add-on sold in the same call
            addon = rng.choice(
                [
                    ("kana", "リモートサポートツイカオプション", 19800, None),
                    ("lat", "PREMIUM ADD-ON SECURITY", ("USD", 99.00), "USA"),
                ]
            )
            scam_once(
                case,
                addon[0],
                addon[1],
                addon[2],
                addon[3],
                d0 + dt.timedelta(days=rng.randint(0, 1)),
                stream=False,
                note=f"同じ電話で追加オプションを一括購入; {story}",
            )
        case.story = f"{plen}プラン {text}; {story}"

    elif bucket == "monthly_unknown":
        op = rng.choice(MONTHLY_UNKNOWN)
        d0 = scam_day(0.0, 0.5)
        scam_monthly(case, op, d0, uend, story=story)
        case.story = f"{op[5]}; {story}"

    elif bucket == "prepaid_after_scam":
        rem = rng.choice(REMOVAL_OPS)
        d0 = scam_day(0.1, 0.8)
        st = "偽警告→電話→遠隔操作→ウイルス除去費用をカード決済→さらに電子マネー購入を次々に指示された"
        if idx % 7 != 3:
            kind, text, price, country, label = rem
            scam_once(case, kind, text, price, country, d0, stream=False, note=f"{label}; {st}")
        else:
            st = "偽警告→電話→サポート料金を電子マネーで払うよう指示(カード決済の契約はなく、電子マネー購入だけが明細に出る)"
        prepaid_buys(
            case, d0 + dt.timedelta(days=rng.choice([0, 0, 1, 2])), old, rng.randint(2, 5), st, areas
        )
        case.story = st

    elif bucket == "several_contracts":
        pools = [KANA_OPS, LATIN_OPS, NEUTRAL_OPS, MONTHLY_UNKNOWN]
        k = rng.randint(2, 4)
        d0 = scam_day(0.05, 0.55)
        used = set()
        offs = sorted([0] + [rng.randint(0, 4) for _ in range(k - 1)])
        for j in range(k):
            pool = rng.choice(pools)
            op = rng.choice(pool)
            while op[1] in used:
                op = rng.choice(rng.choice(pools))
            used.add(op[1])
            dj = d0 + dt.timedelta(days=offs[j])
            scam_monthly(case, op, dj, uend, story=f"同時期に{k}件契約させられた{j + 1}件目; {story}")
        case.story = f"{k}件の別名義サポート契約を数日内に; {story}"

    elif bucket == "mixed":
        pools = [KANA_OPS, LATIN_OPS, NEUTRAL_OPS, MONTHLY_UNKNOWN]
        r = rng.random()
        if r < 0.75:
            op = rng.choice(rng.choice(pools))
            d0 = scam_day(0.0, 0.6)
            scam_monthly(case, op, d0, uend, story=story)
            case.story = f"{op[5]} + 正規ブランド課金あり; {story}"
        else:
            plan = rng.choice(LARGE_PLANS)
            kind, text, price, country, plen, has_stream = plan
            d0 = scam_day(0.2, 0.9)
            scam_once(
                case, kind, text, price, country, d0, stream=has_stream, note=f"{plen}プラン一括; {story}"
            )
            case.story = f"{plen}プラン + 正規ブランド課金あり; {story}"

    elif bucket == "refund_after_cancel":
        op = rng.choice(KANA_OPS[:4] + LATIN_OPS[:3] + NEUTRAL_OPS[:3])
        k = rng.randint(2, 3)
        # leave room for k monthly charges and the refund inside the window
        latest = uend - dt.timedelta(days=31 * (k - 1) + 25)
        d0 = ustart + dt.timedelta(days=rng.randint(0, max(0, (latest - ustart).days)))
        sid, txs = scam_monthly(case, op, d0, uend, n_max=k, story=story)
        # consumer centre / CCJ template -> cancellation and refund of the last charge(s)
        last = txs[-1]
        nref = 1 if rng.random() < 0.6 else min(2, len(txs))
        rd = last.date + dt.timedelta(days=rng.randint(12, 21))
        for t in txs[-nref:]:
            r = add_tx(
                case,
                rd,
                t.desc,
                -t.amount,
                scam=1,
                stream=sid,
                notes="scam refund: 英文で解約・返金を申し出(CCJひな型)→返金(取消)",
                price=(t.cur, -t.local) if (t.cur and t.cur != "JPY") else None,
                country=t.country,
                lag=rng.randint(0, 3),
            )
            if t.cur and t.cur != "JPY":
                # refunds are converted at the refund-day rate
                r.amount = -round(t.local * r.rate)
        case.story = f"{op[5]}を{k}回請求後、解約・返金; {story}"

    else:  # everyday_only
        case.story = "日常の支出と定期契約のみ(詐欺なし)"

    return case


# ---------------------------------------------------------------------------
# statement writers
# ---------------------------------------------------------------------------


def _rows_to_text(rows, quote_all):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def jp_date_epos(d):
    return f"{d.year}年{d.month}月{d.day}日"


def write_rakuten(case, py, pm, txs):
    _ny, nm = ym_add(py, pm, 1)
    rows = [
        [
            "利用日",
            "利用店名・商品名",
            "利用者",
            "支払方法",
            "利用金額",
            "支払手数料",
            "支払総額",
            f"{pm}月支払金額",
            f"{nm}月繰越残高",
            "新規サイン",
        ]
    ]
    lines = {}
    for t in txs:
        desc = t.desc + (f"利用国{t.country}" if t.country else "")
        t.desc = desc
        lines[id(t)] = len(rows) + 1
        rows.append(
            [
                t.date.strftime("%Y/%m/%d"),
                desc,
                t.user,
                "1回払い",
                str(t.amount),
                "0",
                str(t.amount),
                str(t.amount),
                "0",
                "*",
            ]
        )
        if t.country:
            loc = f"{abs(t.local):.3f}"
            if t.local < 0:
                loc = "-" + loc
            la = fw_digits(loc).replace("-", "－")
            pad = "\u3000" * max(1, 14 - len(la))
            rows.append(
                [
                    "",
                    f"現地利用額{pad}{la}変換レート\u3000{fw_digits(f'{t.rate:.3f}')}円",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
    return "\ufeff" + _rows_to_text(rows, True), "utf-8", lines


def write_smbc(case, py, pm, txs):
    cardname = "ゴールドポイントカードプラス" if case.issuer == "goldpoint" else case.cardname
    rows = [
        [
            case.name[0] + "　様",
            "4980-****-****-****" if case.issuer != "goldpoint" else "6331-****-****-****",
            cardname,
        ]
    ]
    lines = {}
    total = 0
    for t in txs:
        note = ""
        if t.country and t.cur:
            cd = t.date + dt.timedelta(days=1)
            note = f"{abs(t.local):.2f}\u3000{t.cur}\u3000{t.rate:.3f}\u3000{cd.month:02d} {cd.day:02d}"
            if t.local < 0:
                note = "-" + note
        lines[id(t)] = len(rows) + 1
        rows.append(
            [
                f"{t.date.year}/{t.date.month}/{t.date.day}",
                t.desc,
                str(t.amount),
                "1",
                "1",
                str(t.amount),
                note,
            ]
        )
        total += t.amount
    rows.append(["", "", "", "", "", str(total), ""])
    return _rows_to_text(rows, False), "cp932", lines


def yen(n):
    return f"{n:,}"


def sjis_safe(s):
    """VIEW files are Shift_JIS: keep only characters that encode (and decode back)
    identically under both shift_jis and cp932."""
    out = []
    for c in s:
        try:
            ok = c.encode("shift_jis").decode("cp932") == c
        except UnicodeError:
            ok = False
        if ok:
            out.append(c)
        elif c in "－～":
            out.append("‐")
        else:
            n = unicodedata.normalize("NFKC", c)
            out.append(n if n.isascii() else "・")
    return "".join(out)


def write_view(case, py, pm, txs):
    payd = period(case.issuer, py, pm)[2]
    total = sum(t.amount for t in txs)
    rows = [
        ["会員番号", f"****-****-****-{case.card_last4}"],
        ["対象カード", case.cardname],
        ["お支払日", f"{payd.year}年{payd.month:02d}月{payd.day:02d}日"],
        ["今回お支払金額", yen(total)],
        [],
        [
            "ご利用年月日",
            "ご利用箇所",
            "ご利用額",
            "払戻額",
            "ご請求額（うち手数料・利息）",
            "支払区分（回数）",
            "今回回数",
            "今回ご請求額・弁済金（うち手数料・利息）",
            "現地通貨額",
            "通貨略称",
            "換算レート",
        ],
        [f"****-****-****-{case.card_last4} {case.name[0]}"],
    ]
    lines = {}
    for t in txs:
        t.desc = sjis_safe(t.desc)
        loc, cur, rate = "", "   ", ""
        if t.country and t.cur:
            loc, cur, rate = f"{t.local:.2f}", t.cur, f"{t.rate:.3f}"
        lines[id(t)] = len(rows) + 1
        if t.amount < 0:
            rows.append(
                [
                    t.date.strftime("%Y/%m/%d"),
                    t.desc,
                    "",
                    yen(t.amount),
                    yen(t.amount),
                    "１回払",
                    "",
                    yen(t.amount),
                    loc,
                    cur,
                    rate,
                ]
            )
        else:
            rows.append(
                [
                    t.date.strftime("%Y/%m/%d"),
                    t.desc,
                    yen(t.amount),
                    "",
                    yen(t.amount),
                    "１回払",
                    "",
                    yen(t.amount),
                    loc,
                    cur,
                    rate,
                ]
            )
    return _rows_to_text(rows, False), "shift_jis", lines


def write_paypay(case, py, pm, txs):
    payd = period(case.issuer, py, pm)[2]
    rows = [
        [
            "利用日/キャンセル日",
            "利用店名・商品名",
            "利用者",
            "支払区分",
            "利用金額",
            "手数料",
            "支払総額",
            "当月支払金額",
            "翌月以降繰越金額",
            "調整額",
            "当月お支払日",
        ]
    ]
    lines = {}
    for t in txs:
        lines[id(t)] = len(rows) + 1
        rows.append(
            [
                f"{t.date.year}/{t.date.month}/{t.date.day}",
                t.desc,
                t.user,
                "1回",
                str(t.amount),
                "0",
                str(t.amount),
                str(t.amount),
                "0",
                "0",
                f"{payd.year}/{payd.month}/{payd.day}",
            ]
        )
    return _rows_to_text(rows, True), "utf-8", lines


def write_saison(case, py, pm, txs):
    payd = period(case.issuer, py, pm)[2]
    total = sum(t.amount for t in txs)
    rows = [
        ["カード名称", case.cardname],
        ["お支払日", payd.strftime("%Y/%m/%d")],
        ["今回ご請求額", f"{total:010d}"],
        [],
        [
            "利用日",
            "ご利用店名及び商品名",
            "本人・家族区分",
            "支払区分名称",
            "締前入金区分",
            "利用金額",
            "備考",
        ],
    ]
    lines = {}
    for t in txs:
        lines[id(t)] = len(rows) + 1
        rows.append([t.date.strftime("%Y/%m/%d"), t.desc, t.user, "1回", "", str(t.amount), ""])
    return _rows_to_text(rows, False), "cp932", lines


def write_epos(case, py, pm, txs):
    rows = [
        [f"月別ご利用明細　{case.name[0]}　様　株式会社エポスカード", "", "", "", "", "", "", ""],
        [
            "種別（ショッピング、キャッシング、その他）",
            "ご利用年月日",
            "ご利用場所",
            "ご利用内容",
            "ご利用金額（キャッシングでは元金になります）",
            "支払区分",
            "お支払開始月",
            "備考",
        ],
    ]
    lines = {}
    total = 0
    for t in txs:
        lines[id(t)] = len(rows) + 1
        rows.append(
            [
                "ショッピング",
                jp_date_epos(t.date),
                t.desc,
                "－",
                str(t.amount),
                "1回払い",
                f"{py}年{pm}月",
                "",
            ]
        )
        total += t.amount
    rows.append(["ショッピング合計", "", "", "", str(total), "", "", ""])
    rows.append(["キャッシング合計", "", "", "", "0", "", "", ""])
    rows.append(["その他合計", "", "", "", "0", "", "", ""])
    return _rows_to_text(rows, False), "cp932", lines


def write_jcb(case, py, pm, txs):
    payd = period(case.issuer, py, pm)[2]
    total = sum(t.amount for t in txs)
    abroad = sum(t.amount for t in txs if t.country)
    rows = [
        ["", "", "今回のお支払日", payd.strftime("%Y/%m/%d")],
        ["", "", "今回のお支払金額合計(￥)", yen(total)],
        ["", "", " うち国内ご利用金額合計(￥)", yen(total - abroad)],
        ["", "", " うち海外ご利用金額合計(￥)", yen(abroad)],
        ["【ご利用明細】"],
        [
            "ご利用者",
            "カテゴリ",
            "ご利用日",
            "ご利用先など",
            "ご利用金額(￥)",
            "支払区分",
            "今回回数",
            "訂正サイン",
            "お支払い金額(￥)",
            "国内／海外",
            "摘要",
            "備考",
        ],
    ]
    lines = {}
    holder = f"****-****-****-{case.card_last4}　{case.cardname}　{case.name[0]}　様"
    for t in txs:
        lines[id(t)] = len(rows) + 1
        cat = "≪ショッピング取組（海外）≫" if t.country else "≪ショッピング取組（国内）≫"
        rows.append(
            [
                holder,
                cat,
                " " + t.date.strftime("%Y/%m/%d"),
                t.desc,
                yen(t.amount),
                "１回",
                "",
                "取消" if t.amount < 0 else "",
                yen(t.amount),
                "海外" if t.country else "国内",
                "",
                "*",
            ]
        )
    return _rows_to_text(rows, True), "cp932", lines


def write_aeon(case, py, pm, txs):
    payd = period(case.issuer, py, pm)[2]
    total = sum(t.amount for t in txs)
    rows = [
        ["ご利用カード", case.cardname, "", "", "", "", "", "", ""],
        ["今回ご請求金額", str(total), "", "", "", "", "", "", ""],
        ["お支払い日", f"{payd.year}年{payd.month:2d}月{payd.day:2d}日", "", "", "", "", "", "", ""],
        ["ご利用明細", "", "", "", "", "", "", "", ""],
        ["ご利用日", "利用者区分", "ご利用先", "支払方法", "", "", "ご利用金額", "備考", ""],
    ]
    lines = {}
    for t in txs:
        lines[id(t)] = len(rows) + 1
        rows.append([t.date.strftime("%y%m%d"), t.user, t.desc, "１回", "", "", str(t.amount), "", ""])
    rows.append(["分割・ボーナス払い明細", "", "", "", "", "", "", "", ""])
    rows.append(
        [
            "ご利用日",
            "ご利用先",
            "支払回数",
            "ご利用金額",
            "実質年率",
            "お支払い総額",
            "今回ご請求金額",
            "内手数料",
            "今回回数",
        ]
    )
    return _rows_to_text(rows, False), "cp932", lines


ENCODING_NAME = {
    "rakuten": "UTF-8 with BOM",
    "paypay": "UTF-8",
    "smbc": "CP932",
    "view": "Shift_JIS",
    "saison": "CP932",
    "epos": "CP932",
    "jcb": "CP932",
    "aeon": "CP932",
}
WRITERS = {
    "rakuten": write_rakuten,
    "smbc": write_smbc,
    "view": write_view,
    "paypay": write_paypay,
    "saison": write_saison,
    "epos": write_epos,
    "jcb": write_jcb,
    "aeon": write_aeon,
}
CARDNAMES = {
    "rakuten": ["楽天カード"],
    "smbc": ["三井住友カード（ＮＬ）", "三井住友カード　ゴールド（ＮＬ）", "三井住友カード"],
    "view": ["「ビュー・スイカ｣カード", "ＪＲＥ　ＣＡＲＤ", "ビックカメラＳｕｉｃａカード"],
    "paypay": ["ＰａｙＰａｙカード"],
    "saison": [
        "セゾンカードインターナショナル",
        "セゾンパール・アメリカン・エキスプレス・カード",
        "セゾンカードデジタル",
    ],
    "epos": ["エポスカード"],
    "jcb": ["ＪＣＢカードＷ", "ＪＣＢ一般カード", "ＪＣＢゴールド"],
    "aeon": ["イオンカードセレクト", "イオンカード（ＷＡＯＮ一体型）", "イオンゴールドカード"],
}


def finalize(case: Case):
    """assign transactions to statements, write files, return label rows"""
    rng = case.rng
    case.cardname = rng.choice(CARDNAMES[case.layout])
    # stable order
    for i, t in enumerate(case.txs):
        t.order = i
    label_rows = []
    files = []
    stream_map = {}
    prefix = case.issuer
    for py, pm in case.pays:
        start, end, _ = period(case.issuer, py, pm)
        txs = [t for t in case.txs if start <= t.post <= end and t.amount != 0]
        txs.sort(key=lambda t: (t.date, t.order))
        # keep statements within 20-80 rows: trim random everyday rows if too dense
        if len(txs) > 80:
            every = [t for t in txs if t.notes.startswith("everyday") and not t.scam]
            drop = set(id(t) for t in rng.sample(every, len(txs) - 80))
            txs = [t for t in txs if id(t) not in drop]
        text, enc, lines = WRITERS[case.layout](case, py, pm, txs)
        fname = f"{prefix}_{py}{pm:02d}.csv"
        rel = f"{case.cid}/{fname}"
        path = os.path.join(CASES_DIR, case.cid, fname)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(text.encode(enc))
        files.append(rel)
        for t in txs:
            sid = ""
            if t.stream:
                if t.stream not in stream_map:
                    stream_map[t.stream] = f"{case.cid}:s{len(stream_map) + 1}"
                sid = stream_map[t.stream]
            label_rows.append(
                [
                    case.cid,
                    rel,
                    lines[id(t)],
                    t.date.isoformat(),
                    t.desc,
                    t.amount,
                    t.scam,
                    sid,
                    case.bucket,
                    t.brand,
                    t.notes,
                ]
            )
    return label_rows, files


def main():
    if os.path.isdir(CASES_DIR):
        shutil.rmtree(CASES_DIR)
    os.makedirs(CASES_DIR)
    order = []
    for b, n in BUCKETS:
        order += [b] * n
    all_rows = []
    case_rows = []
    li = 0
    for i, b in enumerate(order, start=1):
        issuer = LAYOUTS[(i - 1) % len(LAYOUTS)]
        if issuer == "smbc" and i in (18, 50):
            issuer = "goldpoint"
        case = build_case(i, b, issuer)
        rows, files = finalize(case)
        all_rows += rows
        case_rows.append(
            [
                case.cid,
                b,
                case.issuer,
                case.layout,
                ENCODING_NAME[case.layout],
                len(files),
                "60+" if case.old else "under 60",
                case.story,
            ]
        )
        li += 1
    with open(os.path.join(HERE, "labels.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            [
                "case",
                "file",
                "line",
                "date",
                "description",
                "amount",
                "scam",
                "stream_id",
                "bucket",
                "brand_legit",
                "notes",
            ]
        )
        w.writerows(all_rows)
    with open(os.path.join(HERE, "cases.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "bucket", "issuer", "layout", "encoding", "files", "age_group", "story"])
        w.writerows(case_rows)
    print(f"{li} cases, {len(all_rows)} labelled rows")


if __name__ == "__main__":
    main()
