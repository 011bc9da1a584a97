#!/usr/bin/env python3
"""Generate the fictional konbini blind evaluation set (standard library only).

Run:  python3 make_konbini_blind.py   (writes transactions.csv and cases.csv next to this file)
Output is byte-for-byte deterministic (fixed seeds, no set/dict-order dependence on hashing).
All people, cards, amounts and the fake "support" companies are fictional.
"""
import csv
import datetime as dt
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- half-width kana
_HW = {}
for cp in range(0xFF66, 0xFF9E):
    h = chr(cp)
    _HW[unicodedata.normalize("NFKC", h)] = h
_HW["\u3099"] = "\uff9e"   # combining dakuten
_HW["\u309a"] = "\uff9f"   # combining handakuten
_HW["ー"] = "\uff70"


def hw(s):
    """Full-width katakana / ASCII -> half-width kana as card statements print it."""
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if ch in _HW:
            out.append(_HW[ch])
        else:
            out.append(unicodedata.normalize("NFKC", ch))
    return "".join(out)


def zen(s):
    """ASCII -> full-width (for descriptors like ＮｅｗＤａｙｓ)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)


# ---------------------------------------------------------------- places
# (kanji, katakana reading, romaji, region)
PLACES = [
    ("新宿西口", "シンジュクニシグチ", "SHINJUKU NISHIGUCHI", "tokyo"),
    ("新宿三丁目", "シンジュクサンチョウメ", "SHINJUKU 3CHOME", "tokyo"),
    ("渋谷宮益坂", "シブヤミヤマスザカ", "SHIBUYA MIYAMASUZAKA", "tokyo"),
    ("渋谷道玄坂", "シブヤドウゲンザカ", "SHIBUYA DOGENZAKA", "tokyo"),
    ("中野駅前", "ナカノエキマエ", "NAKANO EKIMAE", "tokyo"),
    ("高円寺北", "コウエンジキタ", "KOENJI KITA", "tokyo"),
    ("荻窪", "オギクボ", "OGIKUBO", "tokyo"),
    ("吉祥寺本町", "キチジョウジホンチョウ", "KICHIJOJI HONCHO", "tokyo"),
    ("三鷹南口", "ミタカミナミグチ", "MITAKA MINAMIGUCHI", "tokyo"),
    ("池袋東口", "イケブクロヒガシグチ", "IKEBUKURO HIGASHIGUCHI", "tokyo"),
    ("大塚", "オオツカ", "OTSUKA", "tokyo"),
    ("巣鴨", "スガモ", "SUGAMO", "tokyo"),
    ("赤羽", "アカバネ", "AKABANE", "tokyo"),
    ("王子", "オウジ", "OJI", "tokyo"),
    ("北千住", "キタセンジュ", "KITASENJU", "tokyo"),
    ("上野広小路", "ウエノヒロコウジ", "UENO HIROKOJI", "tokyo"),
    ("浅草雷門", "アサクサカミナリモン", "ASAKUSA KAMINARIMON", "tokyo"),
    ("錦糸町", "キンシチョウ", "KINSHICHO", "tokyo"),
    ("門前仲町", "モンゼンナカチョウ", "MONZEN NAKACHO", "tokyo"),
    ("豊洲", "トヨス", "TOYOSU", "tokyo"),
    ("有明", "アリアケ", "ARIAKE", "tokyo"),
    ("品川港南", "シナガワコウナン", "SHINAGAWA KONAN", "tokyo"),
    ("大井町", "オオイマチ", "OIMACHI", "tokyo"),
    ("蒲田", "カマタ", "KAMATA", "tokyo"),
    ("大森海岸", "オオモリカイガン", "OMORI KAIGAN", "tokyo"),
    ("五反田", "ゴタンダ", "GOTANDA", "tokyo"),
    ("目黒", "メグロ", "MEGURO", "tokyo"),
    ("三軒茶屋", "サンゲンジャヤ", "SANGENJAYA", "tokyo"),
    ("下北沢", "シモキタザワ", "SHIMOKITAZAWA", "tokyo"),
    ("二子玉川", "フタコタマガワ", "FUTAKOTAMAGAWA", "tokyo"),
    ("自由が丘", "ジユウガオカ", "JIYUGAOKA", "tokyo"),
    ("神田", "カンダ", "KANDA", "tokyo"),
    ("秋葉原", "アキハバラ", "AKIHABARA", "tokyo"),
    ("飯田橋", "イイダバシ", "IIDABASHI", "tokyo"),
    ("市ヶ谷", "イチガヤ", "ICHIGAYA", "tokyo"),
    ("四谷", "ヨツヤ", "YOTSUYA", "tokyo"),
    ("赤坂", "アカサカ", "AKASAKA", "tokyo"),
    ("六本木", "ロッポンギ", "ROPPONGI", "tokyo"),
    ("新橋", "シンバシ", "SHIMBASHI", "tokyo"),
    ("浜松町", "ハママツチョウ", "HAMAMATSUCHO", "tokyo"),
    ("田町", "タマチ", "TAMACHI", "tokyo"),
    ("日本橋", "ニホンバシ", "NIHONBASHI", "tokyo"),
    ("八重洲", "ヤエス", "YAESU", "tokyo"),
    ("練馬", "ネリマ", "NERIMA", "tokyo"),
    ("光が丘", "ヒカリガオカ", "HIKARIGAOKA", "tokyo"),
    ("立川", "タチカワ", "TACHIKAWA", "tokyo"),
    ("八王子", "ハチオウジ", "HACHIOJI", "tokyo"),
    ("町田", "マチダ", "MACHIDA", "tokyo"),
    ("府中", "フチュウ", "FUCHU", "tokyo"),
    ("調布", "チョウフ", "CHOFU", "tokyo"),
    ("川崎", "カワサキ", "KAWASAKI", "kanagawa"),
    ("武蔵小杉", "ムサシコスギ", "MUSASHIKOSUGI", "kanagawa"),
    ("横浜西口", "ヨコハマニシグチ", "YOKOHAMA NISHIGUCHI", "kanagawa"),
    ("関内", "カンナイ", "KANNAI", "kanagawa"),
    ("新横浜", "シンヨコハマ", "SHIN YOKOHAMA", "kanagawa"),
    ("戸塚", "トツカ", "TOTSUKA", "kanagawa"),
    ("相模原", "サガミハラ", "SAGAMIHARA", "kanagawa"),
    ("厚木", "アツギ", "ATSUGI", "kanagawa"),
    ("藤沢", "フジサワ", "FUJISAWA", "kanagawa"),
    ("大宮", "オオミヤ", "OMIYA", "saitama"),
    ("浦和", "ウラワ", "URAWA", "saitama"),
    ("川口", "カワグチ", "KAWAGUCHI", "saitama"),
    ("越谷", "コシガヤ", "KOSHIGAYA", "saitama"),
    ("所沢", "トコロザワ", "TOKOROZAWA", "saitama"),
    ("船橋", "フナバシ", "FUNABASHI", "chiba"),
    ("幕張", "マクハリ", "MAKUHARI", "chiba"),
    ("千葉中央", "チバチュウオウ", "CHIBA CHUO", "chiba"),
    ("柏", "カシワ", "KASHIWA", "chiba"),
    ("松戸", "マツド", "MATSUDO", "chiba"),
    ("市川", "イチカワ", "ICHIKAWA", "chiba"),
    ("梅田", "ウメダ", "UMEDA", "osaka"),
    ("梅田芝田", "ウメダシバタ", "UMEDA SHIBATA", "osaka"),
    ("天満", "テンマ", "TEMMA", "osaka"),
    ("天神橋六丁目", "テンジンバシロクチョウメ", "TENJINBASHI 6CHOME", "osaka"),
    ("中崎町", "ナカザキチョウ", "NAKAZAKICHO", "osaka"),
    ("福島", "フクシマ", "FUKUSHIMA", "osaka"),
    ("心斎橋", "シンサイバシ", "SHINSAIBASHI", "osaka"),
    ("難波", "ナンバ", "NAMBA", "osaka"),
    ("本町", "ホンマチ", "HOMMACHI", "osaka"),
    ("淀屋橋", "ヨドヤバシ", "YODOYABASHI", "osaka"),
    ("京橋", "キョウバシ", "KYOBASHI", "osaka"),
    ("天王寺", "テンノウジ", "TENNOJI", "osaka"),
    ("十三", "ジュウソウ", "JUSO", "osaka"),
    ("江坂", "エサカ", "ESAKA", "osaka"),
    ("札幌北口", "サッポロキタグチ", "SAPPORO KITAGUCHI", "sapporo"),
    ("北24条", "キタニジュウヨジョウ", "KITA 24JO", "sapporo"),
    ("すすきの", "ススキノ", "SUSUKINO", "sapporo"),
    ("大通西", "オオドオリニシ", "ODORI NISHI", "sapporo"),
    ("琴似", "コトニ", "KOTONI", "sapporo"),
    ("白石本通", "シロイシホンドオリ", "SHIROISHI HONDORI", "sapporo"),
    ("平岸", "ヒラギシ", "HIRAGISHI", "sapporo"),
    ("麻生", "アサブ", "ASABU", "sapporo"),
    ("新札幌", "シンサッポロ", "SHIN SAPPORO", "sapporo"),
    ("円山公園", "マルヤマコウエン", "MARUYAMA KOEN", "sapporo"),
    ("宇都宮駅東", "ウツノミヤエキヒガシ", "UTSUNOMIYA EKIHIGASHI", "tochigi"),
    ("小山", "オヤマ", "OYAMA", "tochigi"),
    ("宇都宮インター", "ウツノミヤインター", "UTSUNOMIYA INTER", "tochigi"),
    ("鹿沼", "カヌマ", "KANUMA", "tochigi"),
    ("栃木城内", "トチギジョウナイ", "TOCHIGI JONAI", "tochigi"),
    ("真岡", "モオカ", "MOKA", "tochigi"),
]

SUFFIXES = [
    ("", "", ""),
    ("駅前", "エキマエ", "EKIMAE"),
    ("北口", "キタグチ", "KITAGUCHI"),
    ("南口", "ミナミグチ", "MINAMIGUCHI"),
    ("一丁目", "イッチョウメ", "1CHOME"),
    ("二丁目", "ニチョウメ", "2CHOME"),
    ("東", "ヒガシ", "HIGASHI"),
    ("西", "ニシ", "NISHI"),
    ("中央", "チュウオウ", "CHUO"),
    ("通り", "ドオリ", "DORI"),
    ("ビル", "ビル", "BLDG"),
    ("大通り", "オオドオリ", "ODORI"),
]

CHAINS = ["seven", "family", "lawson", "ministop", "daily", "seico", "newdays"]


def descriptor(chain, style, kanji, kana, romaji, code):
    """A konbini line as a Japanese card statement prints it."""
    h = hw(kana)
    if chain == "seven":
        return {
            "kanji": "セブン－イレブン　%s店" % kanji,
            "hw": ("ｾﾌﾞﾝｲﾚﾌﾞﾝ %s" % h)[:22],
            "code": "SEVEN-ELEVEN %06d" % code,
            "romaji": "7-ELEVEN %s" % romaji,
        }[style]
    if chain == "family":
        return {
            "kanji": "ファミリーマート　%s店" % kanji,
            "hw": ("ﾌｧﾐﾘｰﾏｰﾄ %s" % h)[:22],
            "code": "FAMILYMART %05d" % code,
            "romaji": "FAMILYMART %s" % romaji,
        }[style]
    if chain == "lawson":
        return {
            "kanji": "ローソン %s店" % kanji,
            "hw": ("ﾛｰｿﾝ %s" % h)[:22],
            "code": "LAWSON %05d" % code,
            "romaji": "LAWSON %s" % romaji,
        }[style]
    if chain == "natural":
        return {
            "kanji": "ナチュラルローソン　%s店" % kanji,
            "hw": ("ﾅﾁｭﾗﾙﾛｰｿﾝ %s" % h)[:22],
            "code": "NATURAL LAWSON %05d" % code,
            "romaji": "NATURAL LAWSON %s" % romaji,
        }[style]
    if chain == "ministop":
        return {
            "kanji": "ミニストップ　%s店" % kanji,
            "hw": ("ﾐﾆｽﾄｯﾌﾟ %s" % h)[:22],
            "code": "MINISTOP %04d" % (code % 10000),
            "romaji": "MINISTOP %s" % romaji,
        }[style]
    if chain == "daily":
        return {
            "kanji": "デイリーヤマザキ　%s店" % kanji,
            "hw": ("ﾃﾞｲﾘｰﾔﾏｻﾞｷ %s" % h)[:22],
            "code": "DAILY YAMAZAKI %04d" % (code % 10000),
            "romaji": "DAILYYAMAZAKI %s" % romaji,
        }[style]
    if chain == "seico":
        return {
            "kanji": "セイコーマート　%s店" % kanji,
            "hw": ("ｾｲｺｰﾏｰﾄ %s" % h)[:22],
            "code": "SEICOMART %04d" % (code % 10000),
            "romaji": "SEICOMART %s" % romaji,
        }[style]
    if chain == "newdays":
        return {
            "kanji": "ＮｅｗＤａｙｓ　%s" % kanji,
            "hw": ("ﾆｭｰﾃﾞｲｽﾞ %s" % h)[:22],
            "code": "NEWDAYS %05d" % code,
            "romaji": "NEWDAYS %s" % romaji,
        }[style]
    raise ValueError(chain)


def make_branches(rng, n, regions, chain_weights, style_weights, with_suffix=True, home=None):
    """n distinct konbini branches; each prints one fixed descriptor on this card.
    home=(place prefixes, k): the first k branches lie in those neighbourhoods (the holder's usual shops)."""
    region_pool = [p for p in PLACES if p[3] in regions]
    chains = [c for c, _ in chain_weights]
    cw = [w for _, w in chain_weights]
    styles = [s for s, _ in style_weights]
    sw = [w for _, w in style_weights]
    out, seen = [], []
    tries = 0
    while len(out) < n and tries < n * 50:
        tries += 1
        pool = region_pool
        if home and len(out) < home[1]:
            pool = [p for p in PLACES if any(p[0].startswith(h) for h in home[0])]
        p = rng.choice(pool)
        sfx = rng.choice(SUFFIXES) if (with_suffix and rng.random() < 0.55) else SUFFIXES[0]
        chain = rng.choices(chains, cw)[0]
        if chain == "lawson" and rng.random() < 0.12:
            chain = "natural"
        key = (chain, p[0] + sfx[0])
        if key in seen:
            continue
        seen.append(key)
        style = rng.choices(styles, sw)[0]
        code = rng.randint(10000, 99999) if chain != "seven" else rng.randint(100000, 999999)
        d = descriptor(chain, style, p[0] + sfx[0], p[1] + sfx[1],
                       (p[2] + (" " + sfx[2] if sfx[2] else "")), code)
        out.append(d)
    return out


# ---------------------------------------------------------------- basket generators
SNACK = [108, 118, 128, 138, 140, 148, 150, 158, 160, 168, 178, 180, 198, 216, 238, 248, 268, 298]
MEAL = [298, 348, 398, 430, 450, 498, 540, 550, 580, 598, 620, 650, 698]
COFFEE = [120, 140, 180, 200, 250, 270]
MISC = [330, 440, 498, 550, 600, 680, 748, 880, 980, 1100, 1280, 1480]
SUPPLY = [198, 248, 258, 268, 298, 330, 398, 428, 498, 548, 598, 698, 880, 980, 1280]


def basket(rng, kind):
    if kind == "coffee":
        n = rng.choice([1, 1, 1, 2])
        return sum(rng.choice(COFFEE) for _ in range(n)) + (rng.choice(SNACK) if rng.random() < 0.3 else 0)
    if kind == "lunch":
        return rng.choice(MEAL) + sum(rng.choice(SNACK) for _ in range(rng.randint(0, 3)))
    if kind == "snack":
        return sum(rng.choice(SNACK) for _ in range(rng.randint(1, 4)))
    if kind == "evening":
        return sum(rng.choice(SNACK + MEAL) for _ in range(rng.randint(1, 6)))
    if kind == "misc":
        return rng.choice(MISC) + sum(rng.choice(SNACK) for _ in range(rng.randint(0, 2)))
    if kind == "supply":
        return sum(rng.choice(SUPPLY) for _ in range(rng.randint(1, 9)))
    if kind == "staff":
        r = rng.random()
        if r < 0.35:
            return basket(rng, "coffee")
        if r < 0.70:
            return basket(rng, "lunch")
        if r < 0.88:
            return basket(rng, "snack")
        if r < 0.97:
            return basket(rng, "misc")
        return sum(rng.choice(MEAL) for _ in range(rng.randint(3, 8)))  # team lunch run
    raise ValueError(kind)


def pick_konbini_kind(rng, hour):
    if hour < 10:
        return rng.choice(["coffee", "coffee", "snack", "lunch"])
    if hour < 14:
        return rng.choice(["lunch", "lunch", "coffee", "snack"])
    if hour < 18:
        return rng.choice(["coffee", "snack", "snack", "misc"])
    return rng.choice(["evening", "evening", "snack", "misc"])


# ---------------------------------------------------------------- rows
class Case:
    def __init__(self, name, card, start, end, seed, posting):
        self.name = name
        self.card = card
        self.start = start
        self.end = end
        self.rng = random.Random(seed)
        self.posting = posting   # fill posting_date?
        self.items = []          # (date, minute, seq, dict)
        self.seq = 0

    def days(self):
        d = self.start
        while d <= self.end:
            yield d
            d += dt.timedelta(days=1)

    def add(self, date, minute, desc, amount, scam=0, konbini=False, foreign=None, refund=False):
        self.seq += 1
        self.items.append((date, minute, self.seq, dict(
            desc=desc, amount=amount, scam=scam, konbini=konbini, foreign=foreign, refund=refund)))

    def rows(self):
        self.items.sort(key=lambda t: (t[0], t[1], t[2]))
        out = []
        prng = random.Random(self.rng.random())
        for i, (date, minute, _, it) in enumerate(self.items, 1):
            posting = ""
            if self.posting:
                lag = prng.randint(2, 5) if it["foreign"] else prng.randint(1, 3)
                posting = (date + dt.timedelta(days=lag)).isoformat()
            oa = oc = rate = ""
            if it["foreign"]:
                oc, oav, ratev = it["foreign"]
                oa = "%.2f" % oav
                rate = "%.3f" % ratev
            amt = it["amount"]
            out.append({
                "id": "%s:r%d" % (self.name, i),
                "source": "%s.csv" % self.name,
                "page": "",
                "row": str(i),
                "date": date.isoformat(),
                "posting_date": posting,
                "description": it["desc"],
                "amount": str(amt),
                "currency": "JPY",
                "original_amount": oa,
                "original_currency": oc,
                "rate": rate,
                "card": "****%s" % self.card,
                "cardholder": "",
                "kind": "refund" if amt < 0 else "charge",
                "client": "client-%s" % self.name,
                "case": self.name,
                "scam_burst": str(it["scam"]),
                "_konbini": it["konbini"],
            })
        return out


def mins(rng, lo_h, hi_h):
    return rng.randint(lo_h * 60, hi_h * 60 - 1)


def monthly(case, day_of_month, desc, lo, hi, step=1, fixed=None):
    """A recurring bill on a given day of each month in range."""
    rng = case.rng
    for d in case.days():
        if d.day == day_of_month:
            amt = fixed if fixed is not None else rng.randrange(lo, hi + 1, step)
            case.add(d, mins(rng, 0, 6), desc, amt)


def foreign_monthly(case, day_of_month, desc, cur, orig, rate_lo, rate_hi):
    rng = case.rng
    for d in case.days():
        if d.day == day_of_month:
            rate = round(rng.uniform(rate_lo, rate_hi), 3)
            case.add(d, mins(rng, 0, 6), desc, int(round(orig * rate)), foreign=(cur, orig, rate))


def occasional(case, per_week, pool, lo, hi, step=1, hours=(9, 21), weekend_boost=1.0):
    """Random non-konbini shopping. pool: list of descriptors (with weights)."""
    rng = case.rng
    descs = [p for p, _ in pool]
    w = [x for _, x in pool]
    for d in case.days():
        p = per_week / 7.0 * (weekend_boost if d.weekday() >= 5 else 1.0)
        n = 0
        while rng.random() < p and n < 4:
            n += 1
            p *= 0.35
            case.add(d, mins(rng, *hours), rng.choices(descs, w)[0], rng.randrange(lo, hi + 1, step))


def konbini_habit(case, branches, weights, per_day_fn, kind_fn=None):
    """Everyday konbini purchases. per_day_fn(date) -> count."""
    rng = case.rng
    total = 0
    for d in case.days():
        n = per_day_fn(d)
        for _ in range(n):
            minute = rng.randint(6 * 60, 23 * 60 + 30)
            kind = kind_fn(d, minute) if kind_fn else pick_konbini_kind(rng, minute // 60)
            b = rng.choices(branches, weights)[0]
            case.add(d, minute, b, basket(rng, kind), konbini=True)
            total += 1
    return total


def konbini_refunds(case, branches, count):
    rng = case.rng
    days = list(case.days())
    for _ in range(count):
        d = rng.choice(days)
        case.add(d, mins(rng, 8, 22), rng.choice(branches), -rng.choice(SNACK + MEAL), konbini=True)


# common non-konbini pools
TOKYO_SUPER = [("イトーヨーカドー　大井町店", 2), ("ｾｲﾕｳ ｵｷﾞｸﾎﾞ", 2), ("ライフ　中野駅前店", 3),
               ("ﾏﾙｴﾂ ｶﾏﾀ", 1), ("ＯＫストア　高円寺店", 2), ("ｲｵﾝ ｼﾅｶﾞﾜｼｰｻｲﾄﾞ", 1),
               ("成城石井　新宿西口店", 1)]
TOKYO_FOOD = [("ｽﾀｰﾊﾞｯｸｽ ｺｰﾋｰ ｼﾝｼﾞｭｸ", 3), ("マクドナルド　中野店", 2), ("すき家　高円寺北口店", 2),
              ("ﾄﾞﾄｰﾙｺｰﾋｰｼｮｯﾌﾟ ﾅｶﾉ", 2), ("松屋　荻窪店", 2), ("ｻｲｾﾞﾘﾔ ﾅｶﾉ", 1),
              ("ﾀﾘｰｽﾞｺｰﾋｰ ﾆｼｼﾝｼﾞｭｸ", 1), ("日高屋　新宿西口店", 1)]
ONLINE = [("AMAZON.CO.JP", 5), ("ｱﾏｿﾞﾝｼﾞｬﾊﾟﾝ", 1), ("楽天市場", 2), ("ﾖﾄﾞﾊﾞｼｶﾒﾗ ﾄﾞｯﾄｺﾑ", 1),
          ("ﾕﾆｸﾛ ｵﾝﾗｲﾝｽﾄｱ", 1), ("ZOZOTOWN", 1), ("メルカリ", 1)]
DRUG = [("マツモトキヨシ　中野北口店", 2), ("ｳｴﾙｼｱ ｽｷﾞﾅﾐｺｳｴﾝｼﾞ", 1), ("ｻﾝﾄﾞﾗｯｸﾞ ｵｷﾞｸﾎﾞ", 1)]
TRAIN = [("ﾓﾊﾞｲﾙｽｲｶ ﾁｬｰｼﾞ", 3), ("JR東日本　えきねっと", 1), ("ﾓﾊﾞｲﾙｽｲｶ", 1)]


def add_tokyo_life(case, rent_like=True, scale=1.0):
    monthly(case, 5, "東京電力エナジーパートナー", 4200, 11800)
    monthly(case, 7, "東京ガス", 2800, 7400)
    monthly(case, 12, "NTTドコモ　ご利用料金", 6200, 9800)
    monthly(case, 20, "NETFLIX.COM", 0, 0, fixed=1590)
    monthly(case, 25, "SPOTIFY", 0, 0, fixed=980)
    occasional(case, 2.0 * scale, TOKYO_SUPER, 1200, 7800, weekend_boost=1.6)
    occasional(case, 1.5 * scale, TOKYO_FOOD, 380, 2400)
    occasional(case, 1.0 * scale, ONLINE, 800, 14800)
    occasional(case, 0.5 * scale, DRUG, 500, 4200)
    occasional(case, 0.6 * scale, TRAIN, 1000, 5000, step=1000)


# ---------------------------------------------------------------- cases
STORIES = {}
SCAM = {}


def weights_for(branches, rng, top=4):
    """Home/work branches dominate; the rest are occasional."""
    w = []
    for i, _ in enumerate(branches):
        w.append(30.0 / (i + 1) if i < top else 1.0)
    return w


def scam_purchases(case, plan):
    """plan: list of (date, minute, descriptor, amount). All rows made for the scammer."""
    for d, m, desc, amt in plan:
        case.add(d, m, desc, amt, scam=1, konbini=True)


def kb01():
    c = Case("kb-01", "4821", dt.date(2026, 4, 1), dt.date(2026, 8, 31), 101, posting=False)
    rng = c.rng
    br = make_branches(rng, 14, ["tokyo"], [("seven", 5), ("family", 3), ("lawson", 3), ("newdays", 1)],
                       [("kanji", 6), ("hw", 3), ("romaji", 1)],
                       home=(["中野駅前", "新宿西口", "新宿三丁目", "高円寺北"], 5))
    w = weights_for(br, rng)
    konbini_habit(c, br, w, lambda d: rng.choice([2, 3, 3, 4, 4, 5]) if d.weekday() < 5 else rng.choice([1, 2, 2, 3]))
    konbini_refunds(c, br, 2)
    add_tokyo_life(c)
    foreign_monthly(c, 3, "OPENAI *CHATGPT SUBSCR", "USD", 20.00, 142.0, 151.0)
    STORIES[c.name] = ("Office worker in Nakano/Shinjuku, Tokyo; coffee, lunch and evening snacks at konbini near "
                       "home, station and office 2-5 times a day. No scam.")
    return c


def kb02():
    c = Case("kb-02", "7305", dt.date(2025, 11, 1), dt.date(2026, 2, 28), 202, posting=True)
    rng = c.rng
    br = make_branches(rng, 10, ["osaka"], [("lawson", 5), ("seven", 3), ("family", 3)],
                       [("kanji", 4), ("hw", 2), ("code", 3)],
                       home=(["天満", "天神橋六丁目", "中崎町", "梅田芝田"], 5))
    w = weights_for(br, rng, top=3)

    def per_day(d):
        if d.weekday() == 2:           # restaurant closed Wednesdays
            return rng.choice([0, 1, 1])
        if dt.date(2025, 12, 31) <= d <= dt.date(2026, 1, 3):
            return rng.choice([0, 1])
        return rng.choice([3, 4, 5, 5, 6, 7, 8])

    def kind(d, minute):
        return "supply" if rng.random() < 0.7 else pick_konbini_kind(rng, minute // 60)
    konbini_habit(c, br, w, per_day, kind)
    konbini_refunds(c, br, 3)
    monthly(c, 5, "関西電力", 18000, 36000)
    monthly(c, 8, "大阪ガス", 9000, 22000)
    monthly(c, 15, "ｿﾌﾄﾊﾞﾝｸ ﾂｳｼﾝﾘｮｳ", 7800, 9900)
    monthly(c, 27, "ＡＳＫＵＬ（アスクル）", 6000, 24000)
    occasional(c, 3.0, [("ｶﾞｰﾃﾞﾝ ﾃﾝﾏﾐﾅﾐﾃﾝ", 1), ("業務スーパー　天満店", 3), ("ライフ　天神橋店", 2),
                        ("ｺｰﾅﾝ ﾌﾟﾛ ｴｻｶ", 1), ("ﾀﾞｲｿｰ ﾃﾝｼﾞﾝﾊﾞｼ", 1), ("ｺｽﾄｺ ｱﾏｶﾞｻｷ", 1)], 2400, 38000)
    occasional(c, 0.8, ONLINE, 900, 19800)
    occasional(c, 0.4, [("ICOCA ﾁｬｰｼﾞ", 1), ("JR西日本　ｅ５４８９", 1)], 1000, 6000, step=1000)
    STORIES[c.name] = ("Owner of a small izakaya in Temma, Osaka; buys ice, eggs, milk, disposable goods and "
                       "staff snacks at nearby konbini 3-8 times a day (closed Wednesdays). No scam.")
    return c


def company_card(c, n_branches, regions, weekday_rng, sat_rng, sun_rng, fuel_per_day, home=None):
    rng = c.rng
    br = make_branches(rng, n_branches, regions,
                       [("seven", 45), ("family", 27), ("lawson", 21), ("ministop", 4), ("daily", 3)],
                       [("kanji", 5), ("hw", 3), ("code", 4), ("romaji", 1)], home=home)
    w = [rng.uniform(0.3, 3.0) for _ in br]

    def per_day(d):
        if d.weekday() < 5:
            return rng.randint(*weekday_rng)
        if d.weekday() == 5:
            return rng.randint(*sat_rng)
        return rng.randint(*sun_rng)
    konbini_habit(c, br, w, per_day, lambda d, m: "staff")
    konbini_refunds(c, br, max(3, len(list(c.days())) // 6))
    fuel = [("ENEOS　セルフ%s" % p[0], 1) for p in PLACES if p[3] in regions][:25] + \
           [("ｲﾃﾞﾐﾂ ｾﾙﾌ%s" % hw(p[1])[:8], 1) for p in PLACES if p[3] in regions][25:40]
    occasional(c, fuel_per_day * 7, fuel, 2500, 9800, hours=(6, 22))
    occasional(c, 10, [("タイムズ　駐車場", 4), ("ﾀｲﾑｽﾞ ﾁｭｳｼｬｼﾞｮｳ", 2), ("三井のリパーク", 2)], 200, 2400, step=100,
               hours=(7, 21))
    monthly(c, 1, "ＡＳＫＵＬ（アスクル）", 38000, 96000)
    monthly(c, 10, "ﾐｽﾐ ﾒｶﾆｶﾙ", 12000, 58000)
    monthly(c, 18, "AMAZON.CO.JP BUSINESS", 20000, 140000)
    monthly(c, 28, "モノタロウ", 9000, 64000)
    return br


def kb03():
    c = Case("kb-03", "9160", dt.date(2026, 1, 5), dt.date(2026, 4, 4), 303, posting=False)
    company_card(c, 320, ["tokyo", "kanagawa", "saitama", "chiba"], (420, 600), (250, 340), (200, 250), 35)
    # a couple of legitimate bulk buys: QUO cards as staff safety-award gifts, drinks for a site event
    c.add(dt.date(2026, 3, 27), 16 * 60 + 5, "セブン－イレブン　日本橋本町店", 10000, konbini=True)
    c.add(dt.date(2026, 2, 14), 7 * 60 + 40, "ﾌｧﾐﾘｰﾏｰﾄ ｱﾘｱｹ", 6840, konbini=True)
    STORIES[c.name] = ("Corporate purchasing card of a fictional Tokyo-area delivery/logistics firm, shared by "
                       "hundreds of drivers and site staff: 200-600 konbini purchases a day across ~300 branches "
                       "(drinks, lunches, sundries), plus fuel, parking and office supplies. One legitimate 10,000 "
                       "yen QUO card purchase (staff safety award) and a 6,840 yen drinks run for a site event. No scam.")
    return c


def kb04():
    c = Case("kb-04", "3377", dt.date(2026, 2, 1), dt.date(2026, 7, 31), 404, posting=True)
    rng = c.rng
    br = make_branches(rng, 12, ["tokyo"], [("seven", 4), ("family", 4), ("lawson", 3), ("daily", 1)],
                       [("kanji", 3), ("hw", 5), ("romaji", 1)],
                       home=(["高円寺北", "中野駅前", "荻窪"], 5))
    w = weights_for(br, rng)
    konbini_habit(c, br, w, lambda d: rng.choice([2, 2, 3, 3, 4, 5]) if d.weekday() < 5 else rng.choice([1, 2, 3]))
    konbini_refunds(c, br, 1)
    add_tokyo_life(c, scale=0.8)
    monthly(c, 22, "ｱｯﾌﾟﾙ ﾐｭｰｼﾞｯｸ", 0, 0, fixed=1080)
    # scam: evening 2026-05-19 fake virus pop-up; fictional "support" bills USD first, then gift cards
    d0 = dt.date(2026, 5, 19)
    rate = 146.218
    c.add(d0, 20 * 60 + 12, "ZORVEXA TECH HELPDESK", int(round(249.00 * rate)), scam=1, foreign=("USD", 249.00, rate))
    s1, s2, s3 = br[0], br[1], br[4]
    scam_purchases(c, [
        (d0, 21 * 60 + 3, s1, 20000),
        (d0, 21 * 60 + 9, s1, 30000),
        (d0, 21 * 60 + 31, s2, 50000),
        (d0 + dt.timedelta(days=1), 9 * 60 + 48, s3, 50000),
        (d0 + dt.timedelta(days=1), 10 * 60 + 20, s1, 30000),
    ])
    SCAM[c.name] = "2026-05-19..20: USD 249.00 'ZORVEXA TECH HELPDESK' (fictional) then 5 konbini gift-card buys, 180,000 yen"
    STORIES[c.name] = ("Freelance designer in Koenji, Tokyo, heavy konbini user (2-5 a day). On 2026-05-19 a fake "
                       "virus warning; the fictional 'ZORVEXA TECH HELPDESK' charges USD 249, then has her buy "
                       "Apple/Google Play cards at her usual konbini that night and next morning.")
    return c


def kb05():
    c = Case("kb-05", "5512", dt.date(2025, 9, 1), dt.date(2025, 12, 31), 505, posting=False)
    rng = c.rng
    br = make_branches(rng, 9, ["sapporo"], [("seico", 6), ("seven", 3), ("lawson", 2), ("family", 2)],
                       [("kanji", 5), ("hw", 4), ("romaji", 1)],
                       home=(["平岸", "白石本通"], 4))
    w = weights_for(br, rng, top=3)

    def per_day(d):
        if d.weekday() == 0:            # bakery cafe closed Mondays
            return rng.choice([0, 1, 2])
        return rng.choice([2, 3, 4, 4, 5, 6])

    def kind(d, minute):
        return "supply" if rng.random() < 0.55 else pick_konbini_kind(rng, minute // 60)
    konbini_habit(c, br, w, per_day, kind)
    monthly(c, 6, "北海道電力", 16000, 34000)
    monthly(c, 9, "北海道ガス", 8000, 26000)
    monthly(c, 14, "ａｕ　ご利用料金", 6800, 8800)
    monthly(c, 26, "ﾎﾟｽﾌｨｯｸｽ ｼｽﾃﾑﾘﾖｳ", 0, 0, fixed=3300)
    occasional(c, 2.5, [("ｲｵﾝ ｻｯﾎﾟﾛﾋﾗｵｶ", 1), ("コープさっぽろ　ルーシー店", 3), ("ｱｰｸｽ ﾋﾗｷﾞｼ", 1),
                        ("業務スーパー　白石店", 2), ("ﾀﾞｲｿｰ ｻｯﾎﾟﾛ", 1)], 1800, 26000)
    occasional(c, 0.6, ONLINE, 900, 16800)
    occasional(c, 0.3, [("ｽｲｶ ﾁｬｰｼﾞ", 1), ("ＪＲ北海道　えきねっと", 1)], 1000, 5000, step=1000)
    # scam without a support charge: told on the phone to buy e-money (WebMoney / Google Play)
    d0 = dt.date(2025, 11, 11)
    d1 = d0 + dt.timedelta(days=1)
    scam_purchases(c, [
        (d0, 15 * 60 + 40, br[0], 10000),
        (d0, 15 * 60 + 44, br[0], 10000),
        (d0, 16 * 60 + 10, br[2], 30000),
        (d0, 16 * 60 + 50, br[4], 20000),
        (d1, 10 * 60 + 5, br[1], 50000),
        (d1, 11 * 60 + 30, br[3], 30000),
    ])
    SCAM[c.name] = "2025-11-11..12: 6 konbini e-money buys, 150,000 yen, no support-company charge"
    STORIES[c.name] = ("Couple running a small bakery cafe in Hiragishi, Sapporo; buys milk, butter, ice, bags "
                       "at Seicomart and others 2-6 times a day. On 2025-11-11 the husband gets a fake Microsoft "
                       "warning on the shop PC and is talked into buying WebMoney/Google Play over two days. "
                       "No charge from the fake desk itself.")
    return c


def kb06():
    c = Case("kb-06", "2048", dt.date(2026, 6, 1), dt.date(2026, 8, 31), 606, posting=True)
    br = company_card(c, 190, ["tochigi", "saitama"], (260, 400), (200, 260), (200, 230), 20,
                      home=(["宇都宮駅東", "宇都宮インター"], 4))
    rng = c.rng
    # legitimate: QUO cards for customer thank-you gifts at Obon
    c.add(dt.date(2026, 8, 7), 14 * 60 + 20, br[3], 5000, konbini=True)
    # scam: employee at the Utsunomiya office sees a fake warning on the office PC; the "support" number
    # tells him the company licence must be renewed with e-money cards. No charge from the fake desk.
    d0 = dt.date(2026, 7, 14)
    # branches near the Utsunomiya office that already appear on the card every day
    a, b, cc = br[0], br[1], br[2]
    scam_purchases(c, [
        (d0, 10 * 60 + 42, a, 50000),
        (d0, 11 * 60 + 1, b, 50000),
        (d0, 11 * 60 + 25, cc, 50000),
        (d0, 13 * 60 + 58, a, 30000),
        (d0 + dt.timedelta(days=1), 9 * 60 + 15, b, 50000),
    ])
    SCAM[c.name] = "2026-07-14..15: 5 konbini e-money buys on the company card, 230,000 yen, no support charge"
    STORIES[c.name] = ("Company card of a fictional regional building-maintenance firm in Tochigi/Saitama used by "
                       "field staff: 200-400 konbini purchases a day. On 2026-07-14 an office employee is told by a "
                       "fake 'Microsoft support' phone line to buy e-money (Google Play / Apple) for the office PC's "
                       "'licence'; 4 purchases that day and 1 next morning at branches the staff use daily. "
                       "Also one legitimate 5,000 yen QUO card gift purchase at Obon.")
    return c


def kb07():
    c = Case("kb-07", "6689", dt.date(2025, 10, 1), dt.date(2026, 3, 31), 707, posting=True)
    rng = c.rng
    br = make_branches(rng, 5, ["saitama"], [("seven", 3), ("family", 2), ("lawson", 2), ("ministop", 1)],
                       [("kanji", 4), ("hw", 2), ("code", 1)],
                       home=(["浦和"], 3))
    w = weights_for(br, rng, top=2)
    konbini_habit(c, br, w, lambda d: 1 if rng.random() < 0.38 else 0)
    monthly(c, 4, "東京電力エナジーパートナー", 5200, 14800)
    monthly(c, 10, "ｻｲﾀﾏｹﾝ ｽｲﾄﾞｳ", 3000, 6000)
    monthly(c, 16, "NTTドコモ　ご利用料金", 3800, 5600)
    monthly(c, 21, "ＮＨＫ受信料", 0, 0, fixed=1100)
    occasional(c, 2.5, [("ﾔｵｺｰ ｵｵﾐﾔ", 3), ("ベルク　浦和店", 2), ("イオン　浦和美園店", 2), ("ｺﾓﾃﾞｨｲｲﾀﾞ", 1)],
               1100, 6800, weekend_boost=1.4)
    occasional(c, 0.6, [("ｽｷﾞﾔｯｷｮｸ ｳﾗﾜ", 1), ("ｳｴﾙｼｱ ｵｵﾐﾔ", 1)], 600, 3800)
    occasional(c, 0.4, [("AMAZON.CO.JP", 1)], 1200, 8800)
    occasional(c, 0.3, [("ＪＲ東日本　えきねっと", 1)], 2000, 14000, step=10)
    # scam: retired man; USD charge from the fictional desk, then gift cards at two konbini
    d0 = dt.date(2026, 1, 22)
    rate = 156.402
    c.add(d0, 13 * 60 + 30, "QUANTIX PC RESCUE LTD", int(round(399.00 * rate)), scam=1, foreign=("USD", 399.00, rate))
    scam_purchases(c, [
        (d0, 14 * 60 + 25, br[0], 30000),
        (d0, 14 * 60 + 31, br[0], 30000),
        (d0, 15 * 60 + 2, br[1], 20000),
        (d0 + dt.timedelta(days=1), 10 * 60 + 40, br[1], 50000),
    ])
    SCAM[c.name] = "2026-01-22..23: USD 399.00 'QUANTIX PC RESCUE LTD' (fictional) then 4 konbini gift-card buys, 130,000 yen"
    STORIES[c.name] = ("Retired man in Urawa, Saitama; a konbini purchase every few days. On 2026-01-22 a fake "
                       "virus alarm; the fictional 'QUANTIX PC RESCUE LTD' charges USD 399, then sends him to "
                       "buy Google Play cards at his two local konbini that afternoon and the next morning.")
    return c


def kb08():
    c = Case("kb-08", "1194", dt.date(2026, 3, 1), dt.date(2026, 5, 31), 808, posting=False)
    rng = c.rng
    br = make_branches(rng, 6, ["chiba"], [("seven", 2), ("family", 2), ("lawson", 2), ("ministop", 2)],
                       [("kanji", 2), ("hw", 3), ("romaji", 2)],
                       home=(["船橋", "幕張"], 4))
    w = weights_for(br, rng, top=3)
    konbini_habit(c, br, w, lambda d: rng.choice([0, 0, 0, 1, 1]) if d.weekday() < 5 else rng.choice([0, 1]))
    monthly(c, 3, "東京電力エナジーパートナー", 4800, 9800)
    monthly(c, 11, "ｿﾌﾄﾊﾞﾝｸ ﾂｳｼﾝﾘｮｳ", 4200, 6600)
    monthly(c, 20, "U-NEXT", 0, 0, fixed=2189)
    monthly(c, 27, "ﾁﾊﾞｹﾝ ｽｲﾄﾞｳｷｮｸ", 3300, 5200)
    occasional(c, 2.0, [("ｲｵﾝ ﾏｸﾊﾘｼﾝﾄｼﾝ", 3), ("ヨークマート　船橋店", 2), ("ｾｲﾕｳ ｲﾁｶﾜ", 1)], 900, 8800,
               weekend_boost=1.5)
    occasional(c, 1.2, ONLINE, 700, 12000)
    occasional(c, 0.5, [("ﾓﾊﾞｲﾙｽｲｶ ﾁｬｰｼﾞ", 1)], 1000, 3000, step=1000)
    # scam, no support charge; spread over two days at four different shops, some amounts not multiples of 10,000
    d0 = dt.date(2026, 4, 8)
    d1 = d0 + dt.timedelta(days=1)
    scam_purchases(c, [
        (d0, 18 * 60 + 5, br[0], 10000),
        (d0, 18 * 60 + 9, br[0], 15000),
        (d0, 18 * 60 + 40, br[1], 25000),
        (d0, 19 * 60 + 12, br[3], 50000),
        (d1, 8 * 60 + 50, br[2], 30000),
        (d1, 9 * 60 + 10, br[2], 20000),
        (d1, 11 * 60 + 45, br[4], 50000),
        (d1, 12 * 60 + 5, br[1], 50000),
    ])
    SCAM[c.name] = "2026-04-08..09: 8 konbini gift-card buys at 5 shops, 250,000 yen, no support charge"
    STORIES[c.name] = ("Part-time worker in Funabashi/Makuhari, Chiba; a few konbini purchases a week (about 4). On "
                       "2026-04-08 a fake warning on her laptop; the 'support' phone line has her buy Apple Gift "
                       "Cards and Amazon cards at five konbini over two days. No charge from the fake desk.")
    return c


def kb09():
    c = Case("kb-09", "8402", dt.date(2026, 3, 1), dt.date(2026, 7, 31), 909, posting=True)
    rng = c.rng
    br = make_branches(rng, 7, ["kanagawa"], [("seven", 3), ("family", 2), ("lawson", 3)],
                       [("kanji", 4), ("hw", 2), ("code", 2)],
                       home=(["戸塚"], 3))
    w = weights_for(br, rng, top=3)
    konbini_habit(c, br, w, lambda d: rng.choice([0, 1, 1, 1, 2]))
    monthly(c, 5, "東京電力エナジーパートナー", 6800, 15800)
    monthly(c, 8, "東京ガス", 3800, 8400)
    monthly(c, 13, "ａｕ　ご利用料金", 9800, 14800)
    monthly(c, 20, "DAZN", 0, 0, fixed=4200)
    occasional(c, 2.5, [("ｿｳﾃﾂﾛｰｾﾞﾝ ﾄﾂｶ", 2), ("イトーヨーカドー　武蔵小杉店", 2), ("ｵｰｹｰｽﾄｱ ｶﾜｻｷ", 1)],
               1500, 9800, weekend_boost=1.6)
    occasional(c, 1.0, ONLINE, 1000, 16000)
    occasional(c, 0.8, [("ﾓﾊﾞｲﾙｽｲｶ ﾁｬｰｼﾞ", 1)], 1000, 5000, step=1000)
    occasional(c, 0.5, [("ENEOS　セルフ戸塚", 1)], 3000, 7800)
    # legitimate large konbini payments (labelled 0): car tax, concert tickets, utility slip, osechi order
    c.add(dt.date(2026, 5, 9), 11 * 60 + 10, br[0], 36000, konbini=True)   # 自動車税 slip (car tax) at the counter
    c.add(dt.date(2026, 4, 18), 19 * 60 + 2, br[2], 19800, konbini=True)   # 2 concert tickets, Loppi pickup
    c.add(dt.date(2026, 6, 27), 18 * 60 + 30, br[2], 11600, konbini=True)  # baseball tickets pickup
    c.add(dt.date(2026, 6, 30), 12 * 60 + 5, br[1], 14732, konbini=True)   # water/sewer slip
    c.add(dt.date(2026, 7, 4), 12 * 60 + 40, br[1], -9800, konbini=True)   # cancelled-show ticket refunded
    STORIES[c.name] = ("Family in Totsuka, Yokohama; about one konbini purchase a day. Large legitimate konbini "
                       "payments: 36,000 yen car-tax slip at the counter (May), concert ticket pickup 19,800 "
                       "(April) and baseball tickets 11,600 (June), a 14,732 water/sewer slip, and a 9,800 ticket "
                       "refund. No scam.")
    return c


def kb10():
    c = Case("kb-10", "0573", dt.date(2025, 9, 1), dt.date(2025, 12, 31), 1010, posting=False)
    rng = c.rng
    br = make_branches(rng, 5, ["tokyo"], [("family", 3), ("seven", 2), ("lawson", 2), ("daily", 1)],
                       [("kanji", 1), ("hw", 4), ("romaji", 1)],
                       home=(["荻窪"], 3))
    w = weights_for(br, rng, top=2)
    konbini_habit(c, br, w, lambda d: 1 if rng.random() < 0.45 else 0)
    monthly(c, 6, "東京電力エナジーパートナー", 3600, 8200)
    monthly(c, 17, "楽天モバイル", 1078, 3278)
    monthly(c, 24, "AMAZON PRIME", 0, 0, fixed=600)
    occasional(c, 1.8, TOKYO_SUPER, 800, 5200, weekend_boost=1.5)
    occasional(c, 1.0, TOKYO_FOOD, 400, 1800)
    occasional(c, 0.8, ONLINE, 600, 9800)
    occasional(c, 0.5, TRAIN, 1000, 3000, step=1000)
    # legitimate large konbini payments: resident-tax installments (round after the first), pension, tickets, osechi
    c.add(dt.date(2025, 9, 30), 20 * 60 + 15, br[0], 21000, konbini=True)   # 住民税 3rd installment slip
    c.add(dt.date(2025, 10, 31), 19 * 60 + 40, br[0], 17510, konbini=True)  # 国民年金 slip
    c.add(dt.date(2025, 11, 2), 13 * 60, br[1], 24600, konbini=True)        # 2 live-concert tickets, Famiport pickup
    c.add(dt.date(2025, 11, 28), 21 * 60 + 5, br[0], 17510, konbini=True)   # 国民年金 slip
    c.add(dt.date(2025, 12, 1), 12 * 60 + 30, br[1], 21600, konbini=True)   # New Year osechi pre-order
    c.add(dt.date(2025, 12, 19), 9 * 60 + 5, br[0], 5400, konbini=True)     # Christmas cake pre-order
    STORIES[c.name] = ("Freelance translator in Ogikubo, Tokyo; a konbini purchase every other day. Pays tax and "
                       "pension slips at the konbini counter (21,000 resident-tax installment, two 17,510 pension "
                       "slips), picks up concert tickets (24,600) and pre-orders New Year osechi (21,600) and a "
                       "Christmas cake. No scam.")
    return c


COLS = ["id", "source", "page", "row", "date", "posting_date", "description", "amount", "currency",
        "original_amount", "original_currency", "rate", "card", "cardholder", "kind", "client", "case",
        "scam_burst"]


def main():
    cases = [kb01(), kb02(), kb03(), kb04(), kb05(), kb06(), kb07(), kb08(), kb09(), kb10()]
    all_rows = []
    summary = []
    for c in cases:
        rows = c.rows()
        ndays = (c.end - c.start).days + 1
        nk = sum(1 for r in rows if r["_konbini"])
        ns = sum(1 for r in rows if r["scam_burst"] == "1")
        summary.append({
            "case": c.name,
            "card": "****" + c.card,
            "start": c.start.isoformat(),
            "end": c.end.isoformat(),
            "story": STORIES[c.name],
            "scam_burst": "yes" if c.name in SCAM else "no",
            "scam_detail": SCAM.get(c.name, ""),
            "konbini_per_day_avg": "%.2f" % (nk / ndays),
            "rows": str(len(rows)),
            "konbini_rows": str(nk),
            "scam_rows": str(ns),
        })
        all_rows.extend(rows)
    with open(os.path.join(HERE, "transactions.csv"), "w", encoding="utf-8", newline="") as f:
        wr = csv.DictWriter(f, COLS, extrasaction="ignore", lineterminator="\n")
        wr.writeheader()
        wr.writerows(all_rows)
    with open(os.path.join(HERE, "cases.csv"), "w", encoding="utf-8", newline="") as f:
        wr = csv.DictWriter(f, list(summary[0].keys()), lineterminator="\n")
        wr.writeheader()
        wr.writerows(summary)


if __name__ == "__main__":
    main()
