"""Word lists the scam-pattern signals look for in descriptors (English, romaji and Japanese).

Every pattern is matched against :func:`fold` of the descriptor (NFKC, upper case), so half-width
katakana, full-width letters and case differences do not matter.
"""

from __future__ import annotations

import re
import unicodedata

_DASH = "[-‐‑‒–—―ー－ｰ・ ]?"


def fold(text: str | None) -> str:
    """Descriptor folded for matching: NFKC (full/half width unified), upper case, and a space wherever
    Latin letters or digits meet kana or kanji (``ＰＣサポート`` -> ``PC サポート``), so a word is found the same
    way whether it was printed in full-width, half-width or next to Japanese."""
    if not isinstance(text, str):
        return ""
    return _SCRIPT_EDGE.sub(" ", unicodedata.normalize("NFKC", text).upper())


_SCRIPT_EDGE = re.compile(r"(?<=[A-Z0-9])(?=[\u3040-\u30ff\u3400-\u9fff])|(?<=[\u3040-\u30ff\u3400-\u9fff])(?=[A-Z0-9])")
# A help-centre web address printed by a legit service (``UBER *TRIP HELP.UBER.COM``) is no support word.
_HELP_HOST = re.compile(r"\b(?:HELP|SUPPORT|CARE)\.(?=[A-Z0-9-]+\.)")


def sign_text(folded: str) -> str:
    """The folded descriptor as the sign words are looked for in: help-centre host names dropped."""
    return _HELP_HOST.sub("", folded)


def _rx(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for w in words))


# Software, security and remote-support words: what fake-warning operators sell. Stems such as SHIELD,
# GUARD and a trailing FIX/SAFE also match inside coined names (KUMOSHIELD, NEXAFIX).
SOFTWARE_WORDS = _rx([
    r"SECUR", r"ANTI ?VIRUS", r"\bVIRUS", r"MALWARE", r"SPYWARE", r"PROTECT", r"SHIELD", r"GUARD", r"DEFEND",
    r"FIREWALL", r"SAFE\b", r"SAFETY", r"CLEAN(ER|UP)?\b", r"OPTIMI[ZS]", r"BOOSTER", r"PC ?BOOST", r"SPEED ?UP", r"\bFIX",
    r"FIX\b", r"(?:CLEAN|SECURE|PROTECT|SAFE|SPY|MAL|SCARE|FIX|SPEED|SYS|TECH|NET|WEB|SOFT)WARE\b",
    r"SYS ?(?:CARE|FIX|CLEAN|OPT|TOOL|UTIL|BOOST|SHIELD|GUARD)",
    r"REPAIR", r"\bPC\b", r"COMPUTER", r"SYSTEM ?CARE", r"DRIVER", r"REGISTRY", r"\bTECH", r"SUPPORT", r"HELP ?DESK",
    r"\bHELP\b", r"\bCARE\b", r"SOFTWARE", r"\bSOFT\b", r"\bVPN\b", r"REMOTE", r"\bIT SERVICE",
    "サポート", "セキュリティ", "セキュリティー", "ウイルス", "ウィルス", "ウイルス対策", "パソコン", "修復", "遠隔",
    "保護", "駆除", "ソフトウェア", "ソフトウエア", "テクニカル", "ヘルプデスク", "技術支援", "最適化", "リペア",
    "オプティマイ", "クリーナー", "高速化",
    # katakana forms of the romaji stems above (SECUR-, TECHNO/TECH, GUARD, PROTECT, REMOTE)
    "セキュリ", "テクノ", "テック", "ガード", "プロテクト", "リモート",
    # and of secure, PC, protection (保護), maintenance (保守) and remote (遠隔) as card systems print them
    # in katakana (ｾｷｭｱ, ﾋﾟｰｼｰ, ﾎｺﾞ, ﾎｼｭ / ﾎｼﾕ, ｴﾝｶｸ), and 保守 itself
    "セキュア", "セキユア", "ピーシー", "ホゴ", "ホシュ", "ホシユ", "保守", "エンカク",
])

# Virus removal sold as a service (ウイルス除去, ｳｲﾙｽｸｼﾞｮ, VIRUS REMOVAL); removal alone is also pest control.
VIRUS_REMOVAL = r"(?:ウイルス|ウィルス|VIRUS) ?(?:ジョキョ|除去|駆除|クジョ|REMOV)"

# Three kinds of sign in a name; an unknown name built from two of them ("PC SHIELD", "SECURE TECH HELP")
# is what fake-warning operators call themselves, in any currency.
SECURITY_SIGN = _rx([r"SECUR", r"ANTI ?VIRUS", r"VIRUS", r"MALWARE", r"SPYWARE", r"SHIELD", r"GUARD", r"DEFEND",
                     r"FIREWALL", r"PROTECT", "セキュリ", "ウイルス", "ウィルス", "ガード", "シールド", "プロテク", "保護", "駆除",
                     "セキュア", "セキユア", "ホゴ", "アンゼン"])
COMPUTER_SIGN = _rx([r"\bPC", r"COMPUTER", r"\bTECH", r"SOFTWARE", r"\bSOFT\b", r"SYSTEM", r"DRIVER", r"REGISTRY",
                     r"OPTIMI[ZS]", r"BOOSTER", r"PC ?BOOST", r"CLEAN(ER|UP)?\b", r"\bSYS ?[A-Z]*", r"[A-Z]WARE\b",
                     "オプティマイ", "高速化", "システム", r"SPEED ?UP", r"REPAIR", r"\bFIX", r"FIX\b", r"\bIT\b",
                     r"\bVPN\b", r"WINDOWS", r"\bMAC ?(CARE|FIX|CLEAN)", "パソコン", "ピーシー", "ソフトウ?エア", "テクノ",
                     "テック", "テクニカル", "修復", "最適化", "リペア", "クリーナー"])
SUPPORT_SIGN = _rx([r"SUPPORT", r"SUPP\b", r"HELP", r"(?<!FRONT )\bDESK\b", r"\bCARE\b", r"(?:TECH|SYS|PC|MAC|NET|WEB)CARE",
                    r"ASSIST", r"\bREMOTE", r"HOTLINE", "ケア",
                    "サポート", "ヘルプ", "遠隔", "リモート", "技術支援", "デスク", "保守", "ホシュ", "ホシユ", "エンカク",
                    VIRUS_REMOVAL])


# Scareware products: a large one-off charge for one of these is what fake warnings sell, whatever else the
# name says.
SCAREWARE_SIGN = _rx([r"OPTIMI[ZS]", r"CLEANER", r"CLEANUP", r"CLEANWARE", r"[A-Z]{3}CLEAN\b", r"BOOSTER", r"SPEED ?UP", r"REGISTRY",
                      r"DRIVER ?(UPDAT|FIX|BOOST)", r"PC ?FIX", r"FIX ?PC", r"REPAIR ?TOOL", r"ANTI ?MALWARE",
                      "オプティマイ", "クリーナー", "最適化", "高速化", "リペア"])
# Home alarm monitoring: a security subscription, but no computer one.
# Security that is not about computers: burglar alarms and home monitoring, identity-theft and credit
# monitoring, phone and device insurance.
HOME_SECURITY = _rx([r"ALARM", r"HOME ?SECURITY", r"MONITORING", r"BRINKS", r"VIVINT", r"FRONTPOINT", r"\bCOVE\b",
                     r"\bARLO\b", r"SECOM", r"セコム", r"ALSOK", r"アルソック", r"ホームセキュリティ", r"IDENTITY",
                     r"CREDIT ?(MONITOR|REPORT|SCORE)", r"EXPERIAN", r"EQUIFAX", r"TRANSUNION", r"(MOBILE|DEVICE|PHONE) ?PROTECT",
                     r"INSURANCE", r"ASSURANCE", r"WARRANTY", "保険"])


# A company name made of IT-service words and a company suffix, with no product in it ("VELQORA DIGITAL
# SERVICES", "QUINTARA DIGITAL LTD", "ZELRIX INFOSERV PVT LTD"): what an overseas "support" operator bills as.
IT_WORD = re.compile(r"^(?:DIGITAL|INFO\w*|TECH\w*|SYS\w*|SOFT\w*|NET|NETWORKS?|WEB|CYBER|COMPUTERS?|IT|DATA|ONLINE)$")
COMPANY_WORD = re.compile(r"^(?:LTD|LIMITED|PVT|PRIVATE|LLC|LLP|INC|CORP|CORPORATION|CO|GMBH|SRL|SARL|PTE|PTY|BV|SA"
                          r"|SERVICES?|SVCS?|SOLUTIONS?|GLOBAL|INTERNATIONAL|INTL|GROUP|HOLDINGS?)$")


def it_company_like(text: str) -> bool:
    """True for a folded descriptor that is a company name of one coined word, IT-service words and a company
    word, and nothing else (no product, no brand)."""
    words = re.findall(r"[A-Z0-9]+", text)
    if not words or re.search(r"[\u3040-\u30ff\u3400-\u9fff]", text):
        return False
    it = [w for w in words if IT_WORD.match(w)]
    company = [w for w in words if COMPANY_WORD.match(w)]
    other = [w for w in words if not IT_WORD.match(w) and not COMPANY_WORD.match(w)]
    return bool(it and company and len(other) <= 1)


def security_sign(text: str) -> bool:
    """True when the sign text holds a security word (SECURE, SHIELD, GUARD, ANTIVIRUS ...)."""
    return bool(SECURITY_SIGN.search(text))


def scareware_like(text: str) -> bool:
    """True for optimiser, cleaner, booster, registry and driver-updater names (sign text)."""
    return bool(SCAREWARE_SIGN.search(text))


def home_security_like(text: str) -> bool:
    """True for alarm, identity-monitoring and device-insurance services (folded descriptor)."""
    return bool(HOME_SECURITY.search(text))


def support_sign(text: str) -> bool:
    """True when the sign text holds a support word (SUPPORT, a truncated SUPP, HELP, DESK, CARE ...)."""
    return bool(SUPPORT_SIGN.search(text))


def sign_kinds(text: str) -> int:
    """How many of the three kinds of sign (security, computer, support) the sign text shows."""
    return sum(bool(rx.search(text)) for rx in (SECURITY_SIGN, COMPUTER_SIGN, SUPPORT_SIGN))


# Words that say "remote support contract" rather than a software product.
SUPPORT_WORDS = _rx([
    r"SUPPORT", r"HELP ?DESK", r"(?<!FRONT )\bDESK\b", r"\bTECH", r"\bHELP\b", r"REPAIR", r"\bFIX", r"\bCARE\b",
    "サポート", "ヘルプデスク", "ヘルプ", "修復", "遠隔", "テクニカル", "技術支援", "保守", "ホシュ", "ホシユ", "エンカク",
    VIRUS_REMOVAL,
])

# Multi-year and lifetime plan words (fake-support price lists offer 3, 5, 10 years or "lifetime").
PLAN_WORDS = _rx([
    r"LIFE ?TIME", r"\b\d{1,2} ?(YR|YRS|YEAR|YEARS)\b", r"MULTI ?YEAR", r"PREMIUM PLAN", r"\bPLAN\b",
    "永久", "永年", "生涯", "一生", r"\d{1,2}年", "年間", "プラン", "ライセンス", "LICENSE", "LICENCE",
    # the same words spelt in katakana, as half-width card descriptors print them (ｴｲｷｭｳ, 5ﾈﾝ, ﾈﾝｶﾝ)
    "エイキュウ", "エイネン", r"\d{1,2} ?ネン", "ネンカン",
    # a plan length in words (十年 read ジュウネン, 五年 ゴネン); a yearly price (年額) alone is any annual bill
    r"(?:イチ|ニ|サン|ヨ|ゴ|ロク|ナナ|ハチ|キュウ|キユウ|ジュウ|ジユウ|ジッ|ジツ)ネン",
])

# Payment agents and software resellers. Legit vendors use them too: a weight, never a verdict.
RESELLERS: dict[str, re.Pattern[str]] = {
    "FastSpring": re.compile(r"\bFS ?\*|FSPRG|FASTSPRING"),
    "2Checkout": re.compile(r"2CHECKOUT|2CO\.COM|\b2CO ?\*|\bVERIFONE"),
    "Paddle": re.compile(r"PADDLE"),
    "cleverbridge": re.compile(r"CLEVERBRIDGE|\bCLV ?\*|\bCBR ?\*"),
    "Digital River": re.compile(r"DIGITAL ?RIVER|\bDR ?\*|\bDRI ?\*"),
    "SafeCart": re.compile(r"SAFECART"),
    "RevenueWire": re.compile(r"REVENUEWIRE"),
    "Nexway": re.compile(r"NEXWAY"),
    "asknet": re.compile(r"ASKNET"),
    "PayPal": re.compile(r"PAYPAL|\bPP ?\*"),
    "KOMOJU": re.compile(r"\bKMJ ?\*|KOMOJU"),
    "Stripe": re.compile(r"\bSTRIPE"),
    "Square": re.compile(r"\bSQ ?\*"),
    "SumUp": re.compile(r"\bSUMUP ?\*"),
    "Zettle": re.compile(r"\bZETTLE|\bIZ ?\*"),
}
# Card readers for shops and tradespeople: a charge through them was paid in person, not over the phone.
IN_PERSON = {"Square", "SumUp", "Zettle"}

# Prepaid value: gift cards, prepaid e-money and virtual prepaid cards (asked for by support scammers).
PREPAID_WORDS = _rx([
    r"GIFT ?CARD", r"GIFTCARD", r"GIFT ?CERT", r"GOOGLE ?PLAY ?(GIFT|CARD|ギフト|カード)", r"APPLE ?GIFT",
    r"ITUNES ?(CARD|GIFT|カード|ギフト)", r"APP ?STORE ?(&|AND)? ?ITUNES", r"AMAZON ?(GIFT|ギフト)",
    r"WEB ?MONEY", r"ウェブマネー", r"BIT ?CASH", "ビットキャッシュ", r"V ?プリカ", r"VPRECA", r"V-PRECA",
    r"PREPAID", "プリペイド", "ギフトカード", "ギフト券", "電子マネー", r"\bPOSA\b", r"STEAM ?(WALLET|CARD)",
    "ニンテンドープリペイド", r"NINTENDO ?PREPAID",
    # gift codes spelt in katakana on Japanese statements, and the codes sold at tills (POSA)
    "アマゾン ?ギフト", "アップル ?ギフト", "アイチューンズ", "グーグル ?プレイ", "ギフトコード", r"GIFT ?CODE", r"E ?GIFT",
    r"ONE ?4 ?ALL", r"VANILLA ?(VISA|GIFT|MASTERCARD)", r"PAYSAFE ?CARD", r"NETSPEND", r"GREEN ?DOT",
    r"RAZER ?GOLD", r"\bNANACO ?ギフト", "ネットライドキャッシュ", "Gマネー", r"STEAM ?(GIFT|プリペイド)",
])

# Japanese convenience stores, in katakana/kanji and romaji.
KONBINI_WORDS = _rx([
    f"セブン{_DASH}イレブン", r"SEVEN ?- ?ELEVEN", r"7 ?- ?ELEVEN", r"SEVEN ?ELEVEN", r"7-11",
    f"ファミリー{_DASH}マート", "ファミマ", r"FAMILY ?MART", r"FAMIMA",
    "ローソン", r"LAWSON", "ミニストップ", r"MINI ?STOP", f"デイリー{_DASH}ヤマザキ", r"DAILY ?YAMAZAKI",
    "セイコーマート", r"SEICOMART", r"SEICO ?MART", f"ニュー{_DASH}デイズ", r"NEWDAYS", r"NEW ?DAYS",
    "ポプラ", r"\bPOPLAR\b", "コンビニ",
])

# Tickets sold at convenience stores and ticket outlets: the descriptor names what was bought, and it is no
# prepaid value.
TICKET_WORDS = _rx([r"TICKET", "チケット", "ぴあ", "イープラス", r"\bE\+", "コンサート", r"CONCERT", "公演", "ライブ"])

# Japanese electronics and PC retailers: a large "PC software" purchase there is a shop sale, not a
# support plan sold over the phone.
RETAILER_WORDS = _rx([
    f"ビック{_DASH}カメラ", r"BIC ?CAMERA", "ヨドバシ", r"YODOBASHI", f"ヤマダ{_DASH}(?:デンキ|電機)", r"YAMADA ?DENKI",
    "エディオン", r"\bEDION\b", "ケーズデンキ", r"K'?S ?DENKI", "ジョーシン", "上新電機", r"\bJOSHIN\b",
    "コジマ", r"\bKOJIMA\b", "ソフマップ", r"SOFMAP", "ノジマ", r"\bNOJIMA\b", "ベスト電器", "ドスパラ", r"DOSPARA",
    "ツクモ", r"TSUKUMO", "パソコン工房", r"BEST ?BUY", r"\bCURRYS\b",
])

# Phone numbers printed in descriptors. 0570 is the Japanese "navi-dial" prefix (a shared paid number);
# statements often show the prefix alone ("... 0570"). Separated forms only, so reference IDs of ten
# plain digits do not count, except toll-free numbers (0120/0800, 1-8xx).
NAVI_DIAL = re.compile(r"(?<!\d)0570(?:[- ]?\d{2,3}[- ]?\d{3})?(?!\d)")
PHONE = re.compile("|".join([
    NAVI_DIAL.pattern,
    r"(?<!\d)0(?:120|800)[- ]?\d{2,3}[- ]?\d{3,4}(?!\d)",  # Japanese toll-free
    r"(?<![\d-])0\d{1,4}-\d{1,4}-\d{3,4}(?!\d)",  # Japanese landline / mobile / 050 with dashes
    r"\+\d{1,3}[- ]?\(?\d{1,4}\)?[- ]?\d{2,4}[- ]?\d{3,4}(?!\d)",  # international (+1, +44, +81 ...)
    r"(?<!\d)(?:1[- ]?)?\(?8(?:00|33|44|55|66|77|88)\)?[- ]?\d{3}[- ]?\d{4}(?!\d)",  # North American toll-free
    r"(?<![\d-])\(?\d{3}\)?[- .]\d{3}[-.]\d{4}(?!\d)",  # 888-555-0199, (212) 555-0199
]))

# Legit brands and their usual billing descriptors (used alongside the merchant lists' allowlist).
LEGIT_BRANDS: dict[str, re.Pattern[str]] = {
    "Microsoft": re.compile(r"MSBILL\.INFO|BILL\.MS\.NET|MICROSOFT ?\*|MICROSOFT ?(365|OFFICE|XBOX|STORE|ONEDRIVE)|マイクロソフト"),
    "Apple": re.compile(r"APPLE\.COM/BILL|ITUNES\.COM/BILL|APPLE\.COM/JP|APPLE ?COM ?BILL|アップル"),
    "Google": re.compile(r"GOOGLE ?\*|GOOGLE ?(ONE|STORAGE|YOUTUBE|WORKSPACE|CLOUD)|YOUTUBE ?(PREMIUM|MUSIC)"),
    "Netflix": re.compile(r"NETFLIX"),
    "McAfee": re.compile(r"MCAFEE|マカフィー"),
    "Norton": re.compile(r"NORTON|ノートン|GEN DIGITAL"),
    "Trend Micro": re.compile(r"TREND ?MICRO|トレンドマイクロ|ウイルスバスター"),
    "ESET": re.compile(r"\bESET\b|キヤノンITS"),
    "Kaspersky": re.compile(r"KASPERSKY|カスペルスキー"),
    "Avast": re.compile(r"\bAVAST\b|\bAVG\b"),
    "Adobe": re.compile(r"ADOBE"),
    "Amazon": re.compile(r"AMAZON ?PRIME|AMZN ?PRIME|AMAZON\.CO\.JP|AMAZON WEB SERVICES|\bAWS\b"),
    "Spotify": re.compile(r"SPOTIFY"),
    "Dropbox": re.compile(r"DROPBOX"),
    "Disney+": re.compile(r"DISNEY ?(PLUS|\+)"),
    "Bitdefender": re.compile(r"BITDEFENDER"),
    "Malwarebytes": re.compile(r"MALWAREBYTES"),
    "Webroot": re.compile(r"WEBROOT"),
    "Avira": re.compile(r"\bAVIRA\b"),
    "Sophos": re.compile(r"\bSOPHOS\b"),
    "F-Secure": re.compile(r"F-?SECURE"),
    "NordVPN": re.compile(r"NORD ?(VPN|SEC|PASS)"),
    "ExpressVPN": re.compile(r"EXPRESS ?VPN"),
    "Proton": re.compile(r"PROTON ?(AG|VPN|MAIL)"),
    "Surfshark": re.compile(r"SURFSHARK"),
    "1Password": re.compile(r"1PASSWORD|AGILEBITS"),
    "LastPass": re.compile(r"LASTPASS"),
    "Dashlane": re.compile(r"DASHLANE"),
    "Bitwarden": re.compile(r"BITWARDEN"),
    "Backblaze": re.compile(r"BACKBLAZE"),
    "Carbonite": re.compile(r"CARBONITE"),
    "TeamViewer": re.compile(r"TEAMVIEWER"),
    "AnyDesk": re.compile(r"ANYDESK"),
    "LogMeIn/GoTo": re.compile(r"LOGMEIN|GOTOMYPC|GOTO\.COM|GOTO TECHNOLOGIES"),
    "ADT": re.compile(r"\bADT\b"),
    "SimpliSafe": re.compile(r"SIMPLISAFE"),
    "Ring": re.compile(r"\bRING\b.*(PROTECT|PLAN)|RING\.COM"),
    "Asurion": re.compile(r"ASURION"),
    "Geek Squad": re.compile(r"GEEK ?SQUAD"),
    "AppleCare": re.compile(r"APPLE ?CARE"),
    "ソースネクスト": re.compile(r"SOURCENEXT|ソースネクスト"),
    "PC DEPOT": re.compile(r"PC ?DEPOT|PC ?デポ|ピーシーデポ"),
    "Team Knowhow (Currys)": re.compile(r"TEAM ?KNOW ?HOW|KNOWHOW ?CARE"),
    "Boost Mobile": re.compile(r"BOOST ?MOBILE"),
}

# Words a fake "support" operator adds around a brand name; with them a brand match does not count.
IMPERSONATION_WORDS = re.compile(r"TECH ?SUPPORT|HELP ?DESK|HELPLINE|PC ?REPAIR|CUSTOMER ?CARE|技術サポート|サポートセンター")


def software_like(text: str) -> bool:
    """True when the folded descriptor names software, security or computer support."""
    return bool(SOFTWARE_WORDS.search(text))


def support_like(text: str) -> bool:
    """True when the folded descriptor reads like a support contract."""
    return bool(SUPPORT_WORDS.search(text))


def plan_like(text: str) -> bool:
    """True when the folded descriptor mentions a multi-year or lifetime plan."""
    return bool(PLAN_WORDS.search(text))


def reseller_of(text: str) -> str | None:
    """Name of the payment agent / software reseller in the folded descriptor, if any."""
    for name, rx in RESELLERS.items():
        if rx.search(text):
            return name
    return None


def prepaid_like(text: str) -> bool:
    """True for gift-card and prepaid e-money descriptors."""
    return bool(PREPAID_WORDS.search(text))


def konbini_like(text: str) -> bool:
    """True for Japanese convenience-store descriptors."""
    return bool(KONBINI_WORDS.search(text))


def ticket_like(text: str) -> bool:
    """True for ticket purchases (concerts, events, travel) at convenience stores and ticket outlets."""
    return bool(TICKET_WORDS.search(text))


def retailer_like(text: str) -> bool:
    """True for Japanese electronics and PC retailers (and a few abroad)."""
    return bool(RETAILER_WORDS.search(text))


def phone_in(text: str) -> str | None:
    """The phone number (or bare 0570 navi-dial prefix) printed in the folded descriptor, if any."""
    m = PHONE.search(text)
    return m.group(0).strip() if m else None


def navi_dial(text: str) -> bool:
    """True when the folded descriptor carries a Japanese 0570 navi-dial number or prefix."""
    return bool(NAVI_DIAL.search(text))


def romaji_only(text: str) -> bool:
    """True when the folded descriptor's letters are all Latin (no kana or kanji) and it has a word."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isascii() for c in letters)


def legit_brand(text: str) -> str | None:
    """Legit brand whose usual descriptor this is, unless support-scam words surround it."""
    if IMPERSONATION_WORDS.search(text):
        return None
    for name, rx in LEGIT_BRANDS.items():
        if rx.search(text):
            return name
    return None


# Everyday spending: supermarkets, restaurants and cafés, fuel, pharmacies and drugstores, rides and food
# delivery. Purchases there vary from visit to visit; only a fixed-price plan (a membership) is a
# subscription at such a merchant.
EVERYDAY_WORDS = _rx([
    r"SUPERMARKET", r"SUPER ?MARKT", r"SUPERMERCADO", r"GROCER", r"\bFOODS?\b", r"\bMARKET\b", r"\bDELI\b(?! ?WEEKLY)",
    r"WALMART", r"WAL-MART", r"KROGER", r"SAFEWAY", r"PUBLIX", r"WHOLE ?FOODS", r"TRADER JOE", r"\bALDI\b",
    r"\bLIDL\b", r"TESCO(?! ?CLUBCARD ?PLUS)", r"SAINSBURY", r"\bASDA\b", r"MORRISONS", r"WAITROSE", r"DUNNES",
    r"SUPERVALU", r"\bCENTRA\b", r"\bSPAR\b", r"CO-?OP FOOD", r"\bTARGET\b", r"COSTCO (?:WHSE|GAS)",
    r"RESTAURANT", r"RESTAURANTE", r"\bCAFE\b", r"\bCAFÉ\b", r"COFFEE", r"STARBUCKS", r"MCDONALD", r"\bPIZZA",
    r"BURGER", r"\bDINER\b", r"\bGRILL\b", r"\bKITCHEN\b", r"\bBISTRO\b", r"\bPUB\b", r"\bTAVERN\b", r"SUSHI",
    r"NANDO", r"GREGGS", r"PRET A MANGER", r"CHIPOTLE", r"SUBWAY", r"DUNKIN", r"KFC", r"WENDY'?S", r"TACO BELL",
    r"\bSHELL\b", r"\bBP\b", r"\bESSO\b", r"EXXON", r"MOBIL\b", r"CHEVRON", r"TEXACO", r"\bFUEL\b", r"PETROL",
    r"GAS ?STATION", r"SUNOCO", r"CIRCLE ?K", r"\bAPPLEGREEN\b",
    r"PHARMACY", r"CHEMIST", r"DRUG ?STORE", r"\bCVS\b", r"WALGREENS", r"\bBOOTS\b", r"SUPERDRUG",
    r"UBER ?\*? ?TRIP", r"UBER ?\*? ?EATS", r"\bLYFT\b", r"DOORDASH(?! ?DASHPASS)", r"DELIVEROO", r"JUST ?EAT",
    r"GRUBHUB", r"\bTAXI\b", r"\bCAB\b",
    "スーパー", "イオン", "ｲｵﾝ", "イトーヨーカドー", "西友", "ライフ", "マルエツ", "サミット", "ヤオコー", "業務スーパー",
    "レストラン", "食堂", "居酒屋", "カフェ", "珈琲", "喫茶", "すき家", "吉野家", "松屋", "マクドナルド", "スターバックス",
    "ドトール", "ガスト", "サイゼリヤ", "ラーメン", "寿司", "焼肉", "ENEOS", "エネオス", "出光", "コスモ石油", "ガソリン",
    "薬局", "ドラッグ", "マツモトキヨシ", "ウエルシア", "ツルハ", "スギ薬局", "タクシー", "出前館",
])


def everyday_like(text: str) -> bool:
    """True for supermarkets, restaurants, fuel, pharmacies, rides and food delivery (folded descriptor)."""
    return bool(EVERYDAY_WORDS.search(text)) or konbini_like(text)
