#!/usr/bin/env python3
"""Generate the blind konbini hold-out set (12 fictional cards).

Standard library only, fixed seeds: running it rewrites transactions.csv and
cases.csv byte for byte.  Every row is labelled by how it was made here:
scam_burst = 1 only for rows this script creates as a purchase made on the
scammer's instructions (gift card / e-money for the scammer) or as a charge of
the fictional fake support company; everything else is 0.
"""
import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
D = dt.date


def fw(s):
    """ASCII -> full-width (as many Japanese statements print it)."""
    out = []
    for ch in s:
        o = ord(ch)
        if ch == " ":
            out.append("\u3000")
        elif 0x21 <= o <= 0x7E:
            out.append(chr(o + 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


# invented branch names: (kanji, half-width kana, romaji)
AREAS = [
    ("渋谷道玄坂", "ｼﾌﾞﾔﾄﾞｳｹﾞﾝｻﾞｶ", "SHIBUYA DOGENZAKA"),
    ("新宿御苑前", "ｼﾝｼﾞｭｸｷﾞｮｴﾝﾏｴ", "SHINJUKU GYOENMAE"),
    ("池袋要町", "ｲｹﾌﾞｸﾛｶﾅﾒﾁｮｳ", "IKEBUKURO KANAMECHO"),
    ("練馬桜台", "ﾈﾘﾏｻｸﾗﾀﾞｲ", "NERIMA SAKURADAI"),
    ("世田谷船橋", "ｾﾀｶﾞﾔﾌﾅﾊﾞｼ", "SETAGAYA FUNABASHI"),
    ("川崎宮前平", "ｶﾜｻｷﾐﾔﾏｴﾀﾞｲﾗ", "KAWASAKI MIYAMAEDAIRA"),
    ("横浜青葉台", "ﾖｺﾊﾏｱｵﾊﾞﾀﾞｲ", "YOKOHAMA AOBADAI"),
    ("浦和仲町", "ｳﾗﾜﾅｶﾁｮｳ", "URAWA NAKACHO"),
    ("松戸常盤平", "ﾏﾂﾄﾞﾄｷﾜﾀﾞｲﾗ", "MATSUDO TOKIWADAIRA"),
    ("八王子北野", "ﾊﾁｵｳｼﾞｷﾀﾉ", "HACHIOJI KITANO"),
    ("梅田茶屋町", "ｳﾒﾀﾞﾁｬﾔﾏﾁ", "UMEDA CHAYAMACHI"),
    ("堺三国ヶ丘", "ｻｶｲﾐｸﾆｶﾞｵｶ", "SAKAI MIKUNIGAOKA"),
    ("栄四丁目", "ｻｶｴﾖﾝﾁｮｳﾒ", "SAKAE 4CHOME"),
    ("天神今泉", "ﾃﾝｼﾞﾝｲﾏｲｽﾞﾐ", "TENJIN IMAIZUMI"),
    ("仙台一番町", "ｾﾝﾀﾞｲｲﾁﾊﾞﾝﾁｮｳ", "SENDAI ICHIBANCHO"),
    ("広島紙屋町", "ﾋﾛｼﾏｶﾐﾔﾁｮｳ", "HIROSHIMA KAMIYACHO"),
    ("四条烏丸", "ｼｼﾞｮｳｶﾗｽﾏ", "SHIJO KARASUMA"),
    ("三宮中町", "ｻﾝﾉﾐﾔﾅｶﾏﾁ", "SANNOMIYA NAKAMACHI"),
    ("町田中町", "ﾏﾁﾀﾞﾅｶﾏﾁ", "MACHIDA NAKAMACHI"),
    ("立川錦町", "ﾀﾁｶﾜﾆｼｷﾁｮｳ", "TACHIKAWA NISHIKICHO"),
    ("船橋本町", "ﾌﾅﾊﾞｼﾎﾝﾁｮｳ", "FUNABASHI HONCHO"),
    ("大宮桜木町", "ｵｵﾐﾔｻｸﾗｷﾞﾁｮｳ", "OMIYA SAKURAGICHO"),
    ("蒲田本町", "ｶﾏﾀﾎﾝﾁｮｳ", "KAMATA HONCHO"),
    ("北千住", "ｷﾀｾﾝｼﾞｭ", "KITASENJU"),
    ("錦糸町", "ｷﾝｼﾁｮｳ", "KINSHICHO"),
    ("府中寿町", "ﾌﾁｭｳｺﾄﾌﾞｷﾁｮｳ", "FUCHU KOTOBUKICHO"),
    ("相模原淵野辺", "ｻｶﾞﾐﾊﾗﾌﾁﾉﾍﾞ", "SAGAMIHARA FUCHINOBE"),
    ("藤沢鵠沼", "ﾌｼﾞｻﾜｸｹﾞﾇﾏ", "FUJISAWA KUGENUMA"),
    ("柏豊四季", "ｶｼﾜﾄﾖﾌｼｷ", "KASHIWA TOYOSHIKI"),
    ("所沢東町", "ﾄｺﾛｻﾞﾜｱｽﾞﾏﾁｮｳ", "TOKOROZAWA AZUMACHO"),
    ("江坂", "ｴｻｶ", "ESAKA"),
    ("岐阜長住町", "ｷﾞﾌﾅｶﾞｽﾐﾁｮｳ", "GIFU NAGASUMICHO"),
    ("静岡呉服町", "ｼｽﾞｵｶｺﾞﾌｸﾁｮｳ", "SHIZUOKA GOFUKUCHO"),
    ("宇都宮今泉", "ｳﾂﾉﾐﾔｲﾏｲｽﾞﾐ", "UTSUNOMIYA IMAIZUMI"),
    ("高崎連雀町", "ﾀｶｻｷﾚﾝｼﾞｬｸﾏﾁ", "TAKASAKI RENJAKUMACHI"),
    ("岡山表町", "ｵｶﾔﾏｵﾓﾃﾁｮｳ", "OKAYAMA OMOTECHO"),
]
SAPPORO = [
    ("札幌北十二条", "ｻｯﾎﾟﾛｷﾀ12ｼﾞｮｳ", "SAPPORO KITA12JO"),
    ("札幌平岸", "ｻｯﾎﾟﾛﾋﾗｷﾞｼ", "SAPPORO HIRAGISHI"),
    ("旭川末広", "ｱｻﾋｶﾜｽｴﾋﾛ", "ASAHIKAWA SUEHIRO"),
    ("小樽稲穂", "ｵﾀﾙｲﾅﾎ", "OTARU INAHO"),
    ("江別大麻", "ｴﾍﾞﾂｵｵｱｻ", "EBETSU OASA"),
]
SUFFIX = [
    ("", "", ""),
    ("駅前", "ｴｷﾏｴ", "EKIMAE"),
    ("南口", "ﾐﾅﾐｸﾞﾁ", "MINAMIGUCHI"),
    ("北口", "ｷﾀｸﾞﾁ", "KITAGUCHI"),
    ("一丁目", "1ﾁｮｳﾒ", "1CHOME"),
    ("中央", "ﾁｭｳｵｳ", "CHUO"),
    ("東", "ﾋｶﾞｼ", "HIGASHI"),
    ("西", "ﾆｼ", "NISHI"),
]

CHAINS = {
    "seven": ["セブン－イレブン　{k}店", "ｾﾌﾞﾝｲﾚﾌﾞﾝ {h}", "SEVEN-ELEVEN {r}",
              "ｾﾌﾞﾝ-ｲﾚﾌﾞﾝ {n}", "7-ELEVEN {n}", "セブンイレブン　{k}"],
    "family": ["ファミリーマート　{k}店", "ﾌｧﾐﾘｰﾏｰﾄ {h}", "FAMILYMART {r}",
               "ﾌｧﾐﾘｰﾏｰﾄ {n}", "FamilyMart {n}"],
    "lawson": ["ローソン　{k}店", "ﾛｰｿﾝ {h}", "LAWSON {r}", "LAWSON {n}", "ＬＡＷＳＯＮ　{nf}"],
    "ministop": ["ミニストップ　{k}店", "ﾐﾆｽﾄｯﾌﾟ {h}", "MINISTOP {r}"],
    "daily": ["デイリーヤマザキ　{k}店", "ﾃﾞｲﾘｰﾔﾏｻﾞｷ {h}", "DAILY YAMAZAKI {r}"],
    "seico": ["セイコーマート　{k}店", "ｾｲｺｰﾏｰﾄ {h}", "SEICOMART {r}"],
    "newdays": ["ＮｅｗＤａｙｓ　{k}", "ﾆｭｰﾃﾞｲｽﾞ {h}", "NEWDAYS {r}"],
    "natural": ["ナチュラルローソン　{k}店", "ﾅﾁｭﾗﾙﾛｰｿﾝ {h}"],
    "store100": ["ローソンストア１００　{k}店", "ﾛｰｿﾝｽﾄｱ100 {h}"],
}
CHAIN_W = {"seven": 34, "family": 26, "lawson": 24, "ministop": 5, "daily": 4,
           "newdays": 3, "natural": 2, "store100": 2}

OTHER = {
    "super": ["イオン　{k}店", "ｲｵﾝﾘﾃｰﾙ {h}", "イトーヨーカドー　{k}店", "ﾗｲﾌ {h}",
              "西友　{k}店", "マルエツ　{k}店", "サミットストア　{k}店", "オーケー　{k}店",
              "ｺｰﾌﾟﾐﾗｲ {h}", "AEON {r}"],
    "super_hk": ["コープさっぽろ　{k}店", "ｱｰｸｽ {h}", "イオン　{k}店", "ﾗﾙｽﾞﾏｰﾄ {h}"],
    "drug": ["マツモトキヨシ　{k}店", "ﾏﾂﾓﾄｷﾖｼ {h}", "ウエルシア　{k}店", "ﾂﾙﾊﾄﾞﾗｯｸﾞ {h}",
             "スギ薬局　{k}店", "SUNDRUG {r}", "ココカラファイン　{k}店"],
    "elec": ["ヨドバシカメラ　マルチメディア{k}", "ﾋﾞｯｸｶﾒﾗ {h}", "ヤマダデンキ　{k}店",
             "ケーズデンキ　{k}店", "EDION {r}"],
    "food": ["ｽｷﾔ {h}", "マクドナルド　{k}店", "ｽﾀｰﾊﾞｯｸｽ {h}", "ドトールコーヒー　{k}店",
             "サイゼリヤ　{k}店", "吉野家　{k}店", "ＣｏＣｏ壱番屋　{k}店", "ｶﾞｽﾄ {h}"],
    "fuel": ["ENEOS {r} SS", "出光　{k}ＳＳ", "ｺｽﾓｾｷﾕ {h}"],
}
ONLINE = ["AMAZON.CO.JP", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "楽天市場", "ﾗｸﾃﾝｲﾁﾊﾞ", "Yahoo!ショッピング",
          "ZOZOTOWN", "ユニクロオンラインストア", "メルカリ", "ﾖﾄﾞﾊﾞｼﾄﾞｯﾄｺﾑ", "ＬＯＨＡＣＯ"]
TRAIN = ["モバイルＳｕｉｃａ", "ﾓﾊﾞｲﾙｽｲｶ", "JR東日本　えきねっと", "ＪＲ東海　ＥＸサービス",
         "ＰＡＳＭＯオートチャージ", "ｿﾆｰﾌｨﾅﾝｼｬﾙ ｽｲｶ"]
UTIL = {
    "power": ["東京電力エナジーパートナー", "ﾄｳｷｮｳﾃﾞﾝﾘｮｸEP", "関西電力", "北海道電力"],
    "gas": ["東京ガス", "ﾄｳｷｮｳｶﾞｽ", "大阪ガス", "北海道ガス"],
    "mobile": ["ＮＴＴドコモ　ご利用料金", "ソフトバンクＭ", "ａｕ（ＫＤＤＩ）", "楽天モバイル", "ＵＱ　ｍｏｂｉｌｅ"],
    "net": ["ＮＴＴ東日本　フレッツ", "ＮＵＲＯ光", "ｿﾌﾄﾊﾞﾝｸ ﾋｶﾘ"],
}
SUBS = [("NETFLIX.COM", 1590), ("SPOTIFY JAPAN", 1080), ("APPLE.COM/BILL", 400),
        ("GOOGLE *YouTubePremium", 1280), ("Amazonプライム会費", 600), ("Ｕ－ＮＥＸＴ", 2189),
        ("ＤＡＺＮ", 4200), ("ﾆﾂｹｲﾃﾞﾝｼﾊﾞﾝ", 4277), ("Microsoft 365", 1490)]


def days(start, end):
    d = start
    while d <= end:
        yield d
        d += dt.timedelta(days=1)


class Card:
    def __init__(self, case, seed, start, end, post_lag=None):
        self.case = case
        self.rng = random.Random(seed)
        self.start, self.end = start, end
        self.ev = []
        self.post_lag = post_lag  # None -> posting_date empty; (lo, hi) days
        self.used_branch = set()

    # ---- shops -------------------------------------------------------
    def branch(self, pool=AREAS):
        rng = self.rng
        for _ in range(200):
            a = rng.choice(pool)
            s = rng.choice(SUFFIX)
            b = (a[0] + s[0], a[1] + s[1], (a[2] + " " + s[2]).strip())
            if b not in self.used_branch:
                self.used_branch.add(b)
                return b
        return b

    def shop(self, chain=None, pool=AREAS, style=None):
        rng = self.rng
        if chain is None:
            ch = list(CHAIN_W)
            chain = rng.choices(ch, [CHAIN_W[c] for c in ch])[0]
        k, h, r = self.branch(pool)
        fmts = CHAINS[chain]
        f = fmts[style % len(fmts)] if style is not None else rng.choice(fmts)
        n = str(rng.randint(10000, 399999) if chain == "seven" else rng.randint(1000, 99999))
        return {"desc": f.format(k=k, h=h, r=r, n=n, nf=fw(n)), "kb": True, "chain": chain}

    def other(self, kind, pool=AREAS):
        k, h, r = self.branch(pool)
        return {"desc": self.rng.choice(OTHER[kind]).format(k=k, h=h, r=r), "kb": False}

    # ---- events ------------------------------------------------------
    def add(self, date, desc, amt, kb=False, scam=0, t=None, kind="charge", foreign=None):
        if t is None:
            t = self.rng.uniform(6, 23.9)
        self.ev.append(dict(date=date, t=t, desc=desc, amt=amt, kb=kb, scam=scam,
                            kind=kind, foreign=foreign))

    def buy(self, date, shop, amt, scam=0, t=None):
        self.add(date, shop["desc"], amt, kb=shop.get("kb", False), scam=scam, t=t)

    # ---- amounts -----------------------------------------------------
    def kb_small(self):
        rng = self.rng
        x = rng.random()
        if x < 0.62:
            return rng.randint(108, 980)
        if x < 0.93:
            return rng.randint(981, 2400)
        return rng.randint(2401, 4600)

    def logn(self, lo, hi, mu_frac=0.3):
        rng = self.rng
        for _ in range(50):
            v = int(rng.lognormvariate(0, 0.7) * (lo + (hi - lo) * mu_frac))
            if lo <= v <= hi:
                return v
        return rng.randint(lo, hi)

    # ---- background --------------------------------------------------
    def background(self, p):
        """p: dict of per-day rates and monthly bills."""
        rng = self.rng
        pool = p.get("pool", AREAS)
        kshops = [self.shop(pool=pool, chain=c) for c in p.get("kchains", [None, None, None])]
        kweights = p.get("kweights", [5, 3, 2][:len(kshops)])
        extra_k = [self.shop(pool=pool) for _ in range(p.get("extra_k", 6))]
        sup = [self.other("super" if pool is AREAS else "super_hk", pool) for _ in range(2)]
        drug = [self.other("drug", pool)]
        food = [self.other("food", pool) for _ in range(3)]
        online = rng.sample(ONLINE, 3)
        train = rng.choice(TRAIN if pool is AREAS else ["ＪＲ北海道　えきねっと", "ＪＲ北海道"])
        power = rng.choice(UTIL["power"][:2] if pool is AREAS else UTIL["power"][3:])
        gas = rng.choice(UTIL["gas"][:2] if pool is AREAS else UTIL["gas"][3:])
        mobile = rng.choice(UTIL["mobile"])
        net = rng.choice(UTIL["net"])
        subs = rng.sample(SUBS, p.get("subs", 2))
        fuel = self.other("fuel", pool)
        online_buys = []
        for d in days(self.start, self.end):
            # konbini everyday
            n = 0
            lam = p.get("kb", 0.3)
            while rng.random() < lam / (1 + lam) and n < 12:
                n += 1
            for _ in range(n):
                if rng.random() < 0.85:
                    s = rng.choices(kshops, kweights)[0]
                else:
                    s = rng.choice(extra_k)
                self.buy(d, s, self.kb_small())
            if rng.random() < p.get("super", 0.25):
                self.buy(d, rng.choice(sup), self.logn(600, 14000))
            if rng.random() < p.get("drug", 0.05):
                self.buy(d, drug[0], self.logn(300, 6000))
            if rng.random() < p.get("food", 0.1):
                self.buy(d, rng.choice(food), rng.randint(390, 3600))
            if rng.random() < p.get("online", 0.08):
                desc = rng.choice(online)
                amt = self.logn(500, 30000, 0.15)
                self.add(d, desc, amt)
                online_buys.append((d, desc, amt))
            if rng.random() < p.get("train", 0.08):
                if "ＥＸ" in train or "えきねっと" in train or "北海道" in train:
                    self.add(d, train, rng.choice([14720, 13870, 11410, 7650, 4510]))
                else:
                    self.add(d, train, rng.choice([1000, 1000, 2000, 3000, 5000]))
            if rng.random() < p.get("fuel", 0.0):
                self.buy(d, fuel, rng.randint(2400, 7800))
            if d.day == p.get("bill_day", 10):
                m = d.month
                season = 1.0 + 0.35 * (m in (1, 2, 7, 8, 12))
                if p.get("power_card", True):
                    self.add(d, power, int(rng.randint(5200, 9800) * season))
                    self.add(d, gas, int(rng.randint(2600, 6200) * (1.6 if m in (1, 2, 12) else 1.0)))
                self.add(d, mobile, rng.randint(2980, 9800))
                self.add(d, net, rng.choice([4180, 5720, 5200, 6160]))
            if d.day == p.get("sub_day", 18):
                for name, price in subs:
                    self.add(d, name, price if name != "APPLE.COM/BILL" else rng.choice([130, 400, 1300, 400]))
        # a couple of refunds of earlier online purchases
        for d, desc, amt in rng.sample(online_buys, min(len(online_buys), p.get("refunds", 1))):
            rd = d + dt.timedelta(days=rng.randint(3, 12))
            if rd <= self.end:
                self.add(rd, desc, -amt, kind="refund")
        return kshops, extra_k

    # ---- output ------------------------------------------------------
    def rows(self, cardno):
        ev = sorted(self.ev, key=lambda e: (e["date"], e["t"]))
        out = []
        for i, e in enumerate(ev, 1):
            post = ""
            if self.post_lag:
                post = (e["date"] + dt.timedelta(days=self.rng.randint(*self.post_lag))).isoformat()
            fo = e["foreign"] or ("", "", "")
            out.append([f"{self.case}:r{i}", f"{self.case}.csv", "", i, e["date"].isoformat(), post,
                        e["desc"], e["amt"], "JPY", fo[0], fo[1], fo[2], f"****{cardno}", "",
                        e["kind"], f"client-{self.case}", self.case, e["scam"]])
        return out


def company_day(c, d, shops, weights, misc, lo, hi):
    rng = c.rng
    n = rng.randint(lo, hi)
    for _ in range(n):
        s = rng.choices(shops, weights)[0]
        x = rng.random()
        if x < 0.7:
            a = rng.randint(110, 1200)
        elif x < 0.95:
            a = rng.randint(1201, 3800)
        else:
            a = rng.randint(3801, 12800)
        c.buy(d, s, a, t=rng.uniform(6.5, 22))
    for _ in range(rng.randint(3, 12)):
        m = rng.choice(misc)
        if isinstance(m, dict):
            c.buy(d, m, rng.randint(2200, 8900))
        else:
            c.add(d, m, rng.randint(480, 48000) if m in ("ＡＳＫＵＬ", "モノタロウ") else rng.randint(730, 6400))


def company_card(c, start, end):
    rng = c.rng
    shops = [c.shop() for _ in range(170)]
    weights = [1.0 / (i + 3) ** 0.8 for i in range(len(shops))]
    misc = ["ＡＳＫＵＬ", "モノタロウ", "日本交通タクシー", "ｴｽﾋﾟｰ ﾀｸｼｰ", "JR東日本　えきねっと",
            c.other("fuel"), c.other("fuel"), c.other("fuel")]
    for d in days(start, end):
        if d.weekday() < 5:
            company_day(c, d, shops, weights, misc, 250, 500)
        else:
            company_day(c, d, shops, weights, misc, 150, 260)
    return shops


def gift_day(c, d, shops, k_lo, k_hi, values):
    """legitimate purchase of several round prepaid cards (QUO card etc.) by staff."""
    rng = c.rng
    s = rng.choice(shops)
    v = rng.choice(values)
    t = rng.uniform(9, 18)
    for j in range(rng.randint(k_lo, k_hi)):
        c.buy(d, s, v, t=t + j * 0.01)


def main():
    cases = []
    allrows = []

    def finish(c, cardno, story, scam):
        rows = c.rows(cardno)
        allrows.extend(rows)
        nk = sum(1 for e in c.ev if e["kb"] and e["kind"] == "charge")
        nd = (c.end - c.start).days + 1
        cases.append([c.case, story, "yes" if scam else "no", f"{nk / nd:.2f}",
                      c.start.isoformat(), c.end.isoformat(), len(rows),
                      sum(1 for e in c.ev if e["scam"])])

    # kh-01 heavy carton smoker, no scam
    c = Card("kh-01", 101, D(2026, 6, 1), D(2026, 9, 30), post_lag=(1, 3))
    ks, ex = c.background(dict(kb=0.9, super=0.2, online=0.05, subs=1))
    cartons = [5800, 6000, 6000, 5200, 6500, 5800]
    brand = c.rng.choice(cartons[:3])
    for d in days(c.start, c.end):
        if c.rng.random() < 0.55:
            s = c.rng.choices(ks + ex, [6, 3, 2] + [0.4] * len(ex))[0]
            n = 2 if c.rng.random() < 0.15 else 1
            amt = brand * n
            if c.rng.random() < 0.25:
                amt += c.rng.randint(120, 900)      # carton plus coffee / snack
            if c.rng.random() < 0.1:
                amt = c.rng.choice(cartons) * n      # another brand for a friend
            c.buy(d, s, amt)
    finish(c, "3521", "Heavy smoker buying cigarette cartons (5,200-6,500 yen, sometimes two) at konbini "
           "several times a week plus daily small konbini purchases. No scam.", False)

    # kh-02 company card, hundreds of konbini purchases a day, legit QUO/gift card days
    c = Card("kh-02", 102, D(2026, 8, 1), D(2026, 9, 30))
    shops = company_card(c, c.start, c.end)
    for d in [D(2026, 8, 7), D(2026, 8, 21), D(2026, 9, 4), D(2026, 9, 11), D(2026, 9, 25)]:
        gift_day(c, d, shops[:30], 3, 10, [1000, 3000, 3000, 5000, 10000])
    gift_day(c, D(2026, 9, 25), shops[:30], 4, 6, [10000])
    finish(c, "7710", "Company card shared by field/sales staff nationwide: 150-500 konbini purchases a day. "
           "On six occasions staff bought several round-value QUO/gift cards (1,000-10,000 yen each) "
           "as customer gifts and staff awards. No scam.", False)

    # kh-03 household paying many counter slips at konbini
    c = Card("kh-03", 103, D(2026, 4, 1), D(2026, 7, 31), post_lag=(2, 5))
    ks, ex = c.background(dict(kb=0.45, super=0.35, power_card=False, subs=2, refunds=2))
    pay = ks[0]
    r = c.rng
    for m in (4, 5, 6, 7):
        d = D(2026, m, r.randint(20, 27))
        c.buy(d, pay, int(r.randint(7200, 11800) * (1.3 if m == 7 else 1.0)))   # electricity slip
        c.buy(d, pay, r.randint(3100, 6900))                                        # gas slip
        c.buy(d, pay, 17800)                                                        # national health insurance
        if m in (4, 6):
            c.buy(d, pay, r.randint(6400, 9300))                                    # water (bimonthly)
        for _ in range(r.randint(1, 3)):
            c.buy(d + dt.timedelta(days=r.randint(0, 3)), r.choice([pay, ks[1]]),
                  r.choice([2980, 3490, 4378, 5980, 7700, 12800, 15980, 19800]))    # mail-order slips
    c.buy(D(2026, 5, 25), pay, 36000)          # automobile tax
    c.buy(D(2026, 5, 25), pay, 10800)          # kei car tax
    c.buy(D(2026, 5, 26), ks[1], 32400)        # fixed asset tax, 1st instalment
    c.buy(D(2026, 6, 29), pay, 24500)          # resident tax, 1st instalment
    c.buy(D(2026, 7, 28), ks[1], 32400)        # fixed asset tax, 2nd instalment
    c.buy(D(2026, 7, 29), pay, 2450)           # NHK slip
    finish(c, "0483", "Household paying many counter slips at konbini (electricity, gas, water, health insurance, "
           "automobile/fixed-asset/resident tax, mail-order COD slips), several on the same day. No scam.", False)

    # kh-04 10,000-yen gift card for a family member's birthday every few months
    c = Card("kh-04", 104, D(2026, 3, 1), D(2026, 8, 31))
    ks, ex = c.background(dict(kb=0.25, super=0.3, online=0.1, subs=3))
    c.buy(D(2026, 3, 14), ks[0], 10000)
    c.buy(D(2026, 6, 2), ks[1], 10000)
    c.buy(D(2026, 8, 22), ks[0], 10000)
    finish(c, "6029", "Light konbini user who buys one 10,000-yen gift card at a konbini for a family member's "
           "birthday every few months (three in six months). No scam.", False)

    # kh-05 scam: round sums at konbini over 3 days, several shops (elderly, light card)
    c = Card("kh-05", 105, D(2026, 8, 1), D(2026, 10, 31), post_lag=(1, 2))
    ks, ex = c.background(dict(kb=0.15, super=0.45, drug=0.1, online=0.02, train=0.02, subs=0))
    s1, s2, s3, s4 = ks[0], c.shop("family"), c.shop("lawson"), c.shop("seven")
    for d, s, a, t in [(D(2026, 10, 14), s1, 3000, 14.2), (D(2026, 10, 14), s1, 10000, 14.9),
                       (D(2026, 10, 14), s2, 20000, 15.6), (D(2026, 10, 14), s2, 20000, 15.65),
                       (D(2026, 10, 15), s3, 30000, 10.1), (D(2026, 10, 15), s4, 50000, 11.4),
                       (D(2026, 10, 16), s1, 50000, 9.8), (D(2026, 10, 16), s3, 30000, 10.6)]:
        c.buy(d, s, a, scam=1, t=t)
    finish(c, "9174", "Elderly light user. Fake virus warning; over 3 days bought gift cards at four konbini in "
           "round sums 3,000-50,000 yen (8 purchases, 213,000 yen) told each time the code did not work.", True)

    # kh-06 scam with variable-value cards (amounts not all round)
    c = Card("kh-06", 106, D(2026, 6, 1), D(2026, 9, 30))
    ks, ex = c.background(dict(kb=0.5, super=0.3, online=0.1, food=0.2, subs=3))
    s2, s3 = c.shop("lawson"), c.shop("ministop")
    for d, s, a, t in [(D(2026, 9, 8), ks[0], 1500, 19.1), (D(2026, 9, 8), ks[0], 12340, 19.6),
                       (D(2026, 9, 8), ks[1], 25000, 20.4), (D(2026, 9, 9), s2, 37650, 12.3),
                       (D(2026, 9, 9), s3, 18420, 13.0), (D(2026, 9, 9), s2, 49800, 17.8)]:
        c.buy(d, s, a, scam=1, t=t)
    finish(c, "2258", "Medium user. Support scam: bought variable-value e-money/gift cards for amounts dictated "
           "by the caller (1,500; 12,340; 25,000; 37,650; 18,420; 49,800 yen) over 2 days at four konbini.", True)

    # kh-07 scam at electronics shop and drugstore
    c = Card("kh-07", 107, D(2026, 5, 1), D(2026, 8, 31), post_lag=(1, 4))
    ks, ex = c.background(dict(kb=0.3, super=0.3, drug=0.15, online=0.08, subs=2))
    elec = c.other("elec")
    drug2 = {"desc": "ウエルシア　" + c.branch()[0] + "店", "kb": False}
    drug3 = {"desc": "ﾏﾂﾓﾄｷﾖｼ " + c.branch()[1], "kb": False}
    c.buy(D(2026, 5, 23), elec, 39800)      # legit: new microwave
    c.buy(D(2026, 6, 14), elec, 3278)       # legit: cables
    for d, s, a, t in [(D(2026, 7, 30), elec, 30000, 13.5), (D(2026, 7, 30), elec, 50000, 13.7),
                       (D(2026, 7, 30), drug2, 20000, 16.2), (D(2026, 7, 31), drug3, 30000, 11.0),
                       (D(2026, 7, 31), drug2, 20000, 14.4)]:
        c.buy(d, s, a, scam=1, t=t)
    finish(c, "4406", "Support scam where the victim was sent to an electronics shop and then to drugstores to buy "
           "gift cards (30,000-50,000 yen, 5 purchases over 2 days); no konbini involved.", True)

    # kh-08 scam on a heavy habitual konbini card (night-shift worker)
    c = Card("kh-08", 108, D(2026, 7, 1), D(2026, 9, 30))
    ks, ex = c.background(dict(kb=4.5, super=0.1, food=0.15, online=0.06, subs=2, extra_k=10,
                               kweights=[6, 5, 3]))
    s2 = c.shop("family")
    for d, s, a, t in [(D(2026, 8, 19), ks[0], 10000, 10.5), (D(2026, 8, 19), ks[0], 10000, 10.55),
                       (D(2026, 8, 19), ks[1], 20000, 11.3), (D(2026, 8, 20), s2, 30000, 9.9),
                       (D(2026, 8, 20), ks[2], 20000, 10.8)]:
        c.buy(d, s, a, scam=1, t=t)
    finish(c, "8832", "Night-shift worker with several konbini purchases every day (meals, drinks, daily goods"
           "). Support scam over 2 days: 5 gift-card purchases 10,000-30,000 yen at three of his usual "
           "konbini and one other.", True)

    # kh-09 scam on a company card with hundreds of konbini purchases a day
    c = Card("kh-09", 109, D(2026, 9, 1), D(2026, 10, 31))
    shops = company_card(c, c.start, c.end)
    gift_day(c, D(2026, 9, 18), shops[:30], 5, 8, [3000, 5000])   # legit staff awards
    v1, v2 = c.shop("family"), c.shop("lawson")
    for d, s, a, t in [(D(2026, 10, 6), v1, 50000, 15.1), (D(2026, 10, 6), v1, 50000, 15.15),
                       (D(2026, 10, 6), v1, 30000, 16.4), (D(2026, 10, 7), v2, 50000, 9.3),
                       (D(2026, 10, 7), shops[5], 20000, 10.2)]:
        c.buy(d, s, a, scam=1, t=t)
    finish(c, "5067", "Company card with 150-500 konbini purchases a day (one legit day of QUO-card awards). "
           "An employee at a branch office got a fake virus warning and bought gift cards with the company "
           "card: 5 purchases 20,000-50,000 yen over 2 days.", True)

    # kh-10 foreign fake support charge, then two gift cards
    c = Card("kh-10", 110, D(2026, 7, 1), D(2026, 9, 30), post_lag=(2, 6))
    ks, ex = c.background(dict(kb=0.35, super=0.3, online=0.1, subs=2))
    for d, rate in ((D(2026, 7, 12), 147.21), (D(2026, 8, 12), 148.05), (D(2026, 9, 12), 146.62)):
        c.add(d, "MIDJOURNEY INC.", round(10.00 * rate), foreign=("10.00", "USD", f"{rate:.2f}"))    # legit
    c.add(D(2026, 8, 27), "ZEPHYRA TECH HELPDESK LLC", round(299.99 * 149.37), scam=1, t=15.2,
          foreign=("299.99", "USD", "149.37"))
    c.buy(D(2026, 8, 28), c.shop("seven"), 30000, scam=1, t=11.0)
    c.buy(D(2026, 8, 28), c.shop("family"), 20000, scam=1, t=12.1)
    finish(c, "1390", "Medium user. Paid the fictional fake support company ZEPHYRA TECH HELPDESK LLC USD 299.99 "
           "by card, then next day bought two gift cards (30,000 and 20,000 yen) at two konbini.", True)

    # kh-11 light card, occasional large konbini payments (Hokkaido, Seicomart)
    c = Card("kh-11", 111, D(2026, 4, 1), D(2026, 8, 31))
    ks, ex = c.background(dict(kb=0.2, super=0.25, online=0.06, subs=1, pool=SAPPORO,
                               kchains=["seico", "seico", "lawson"]))
    c.buy(D(2026, 4, 22), ks[0], 13650)     # concert ticket payment
    c.buy(D(2026, 6, 5), ks[2], 48200)      # travel package payment slip
    c.buy(D(2026, 7, 17), ks[1], 22000)     # festival pass, round
    c.buy(D(2026, 8, 3), ks[0], 8940)       # mail-order slip
    finish(c, "7745", "Light user in Hokkaido (mostly Seicomart) with occasional large konbini payments: a concert "
           "ticket 13,650, a travel package 48,200, a festival pass 22,000 yen. No scam.", False)

    # kh-12 medium card, occasional large konbini payments, legit foreign travel
    c = Card("kh-12", 112, D(2026, 5, 1), D(2026, 8, 31), post_lag=(1, 3))
    ks, ex = c.background(dict(kb=0.7, super=0.3, food=0.2, online=0.1, train=0.15, subs=3, refunds=2))
    c.buy(D(2026, 5, 19), ks[1], 29800)      # mail-order furniture slip
    c.buy(D(2026, 6, 10), ks[0], 24360)      # annual insurance premium slip
    c.buy(D(2026, 6, 30), ks[0], 5000)       # game prepaid card for himself
    c.buy(D(2026, 7, 2), ks[2], 16500)       # concert tickets
    c.add(D(2026, 7, 21), "BOOKING.COM HOTEL", round(412.00 * 163.55), foreign=("412.00", "EUR", "163.55"))
    c.add(D(2026, 8, 9), "SNCF CONNECT PARIS", round(86.40 * 164.02), foreign=("86.40", "EUR", "164.02"))
    c.add(D(2026, 8, 10), "MONOPRIX PARIS 11", round(37.25 * 164.02), foreign=("37.25", "EUR", "164.02"))
    finish(c, "3308", "Medium user with occasional large konbini payments (furniture mail-order slip 29,800, "
           "insurance premium 24,360, concert tickets 16,500, a 5,000-yen game prepaid card for himself) and "
           "legit euro charges on a trip. No scam.", False)

    hdr = ["id", "source", "page", "row", "date", "posting_date", "description", "amount", "currency",
           "original_amount", "original_currency", "rate", "card", "cardholder", "kind", "client", "case",
           "scam_burst"]
    with open(os.path.join(HERE, "transactions.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(hdr)
        w.writerows(allrows)
    with open(os.path.join(HERE, "cases.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "story", "scam", "konbini_per_day", "start", "end", "rows", "scam_rows"])
        w.writerows(cases)


if __name__ == "__main__":
    main()
