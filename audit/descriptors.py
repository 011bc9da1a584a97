"""Card-statement descriptors turned into comparable text.

A descriptor is the merchant text the card network prints, e.g. ``PAYPAL *RESTORO 4029357733 CY``:
the name field (22 characters at Mastercard, 25 at Visa, often cut off) may start with a payment
facilitator's prefix and is followed by a "city" field that online merchants fill with a phone
number or web address, then a country code. This module

* :func:`split_facilitator` - tells the facilitator prefix (PayPal, FastSpring, 2Checkout...) apart,
* :func:`normalize_descriptor` - NFKC (full-width to half-width), upper case, whitespace collapsed,
  facilitator prefix removed, trailing phone numbers / web addresses / country codes / reference
  numbers removed (Japanese text stays as NFKC gives it),
* :func:`merchant_key` - a grouping key that also drops changing IDs, so two charges of one
  subscription share it,
* :func:`add_descriptor_columns` - all three as columns, computed once per distinct description.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd

# Facilitator prefixes, tried in order on the NFKC + upper-cased text. Each pattern consumes the
# prefix and its separator ("*", or a space where the facilitator prints none).
_STAR = r"\s*\*\s*"
FACILITATORS: list[tuple[str, re.Pattern[str]]] = [
    ("PayPal", re.compile(rf"^(?:PAYPAL|PP){_STAR}")),
    ("2Checkout", re.compile(rf"^(?:2CHECKOUT\.COM|2CHECKOUT|2CO\.COM|2CO|AVANGATE|VERIFONE){_STAR}")),
    ("FastSpring", re.compile(rf"^(?:FSPRG\.COM|FSPRG|FASTSPRING|FS){_STAR}|^(?:FSPRG\.COM|FSPRG)\s+")),
    ("Digital River", re.compile(rf"^(?:DRI|DR|DIGITAL RIVER|DIGITALRIVER){_STAR}")),
    ("Paddle", re.compile(rf"^(?:PADDLE\.NET|PADDLE\.COM|PADDLE){_STAR}|^PADDLE\.NET\s+")),
    ("Square", re.compile(rf"^(?:SQ|SQU){_STAR}")),
    ("KOMOJU", re.compile(rf"^(?:KMJ|KOMOJU){_STAR}")),
    ("Google", re.compile(rf"^GOOGLE{_STAR}")),
    ("cleverbridge", re.compile(rf"^(?:CLEVERBRIDGE\.COM|CLEVERBRIDGE|CLV|CBR){_STAR}|^CLEVERBRIDGE\s+")),
    ("SafeCart", re.compile(rf"^(?:SAFECART\.COM|SAFECART){_STAR}|^SAFECART(?:\.COM)?\s+")),
    ("RevenueWire", re.compile(rf"^REVENUEWIRE{_STAR}")),
    ("Nexway", re.compile(rf"^(?:NEXWAY|NXW){_STAR}")),
    ("asknet", re.compile(rf"^ASKNET{_STAR}")),
    ("Stripe", re.compile(rf"^STRIPE{_STAR}")),
    ("Shopify", re.compile(rf"^SP{_STAR}")),
    ("Toast", re.compile(rf"^TST{_STAR}")),
]

# ISO 3166 alpha-2/alpha-3 codes and US/Canadian region codes seen at the end of descriptors.
# Two-letter codes that are also common English words are left out on purpose.
_COUNTRY = {
    "US", "USA", "GB", "GBR", "UK", "IE", "IRL", "NL", "NLD", "CY", "CYP", "JP", "JPN", "CA", "CAN", "IN", "IND",
    "AU", "AUS", "NZ", "NZL", "DE", "DEU", "FR", "FRA", "ES", "ESP", "SE", "SWE", "CH", "CHE", "LU", "LUX",
    "SG", "SGP", "HK", "HKG", "MT", "MLT", "EE", "EST", "LT", "LTU", "LV", "LVA", "PL", "POL", "RO", "ROU",
    "BG", "BGR", "IL", "ISR", "CN", "CHN", "KR", "KOR", "TW", "TWN", "PH", "PHL", "AE", "ARE", "BR", "BRA",
    "MX", "MEX", "DK", "DNK", "FI", "FIN", "NO", "NOR", "AT", "AUT", "BE", "BEL", "PT", "PRT", "IT", "ITA",
    "GR", "GRC", "CZ", "CZE", "HU", "HUN", "SK", "SVK", "SI", "SVN", "HR", "HRV", "RS", "SRB", "UA", "UKR",
    "VG", "VGB", "KY", "CYM", "BZ", "BLZ", "PA", "PAN", "ZA", "ZAF",
    # US states / Canadian provinces (the issuer prints them where a country code would be)
    "AL", "AK", "AZ", "AR", "CO", "CT", "FL", "GA", "ID", "IA", "KS", "LA", "MD", "MA", "MI",
    "MN", "MS", "MO", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "RI", "SC", "SD",
    "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "ON", "QC", "BC", "AB",
}
# ... except these, which end too many real names to be dropped ("ELITE IT", "PLUG IN", "CALL ME").
_COUNTRY -= {"IN", "IT", "ME", "OR", "OK", "HI", "ON", "AT", "BE", "NO", "CO", "ID", "MS", "MA", "PA"}
COUNTRY_WORDS = frozenset(_COUNTRY)  # the country/region words :func:`normalize_descriptor` strips at the end

_PHONE_TAIL = re.compile(
    r"""[\s,]*(?<![A-Z\d])(?:           # never digits glued to a name (NETCOM3 888-555-0117)
        \+?\(?\d[\d\s().\-]{7,}\d          # long digit runs with separators: +1 (888) 555-0199, 0570-000-000
      | \d{3}[\-.]\d{4}                    # short local form 555-0199
    )\s*$""",
    re.X,
)
# Every US state and Canadian province code: after a phone number a two-letter word is where the merchant is
# ("PCSAFE HELPDESK 888-555-0142 ON"), even the codes that end real names elsewhere ("PLUG IN", "CALL ME").
_REGIONS = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR AB BC MB NB NL NS NT NU ON PE QC SK YT".split())
_PHONE_REGION_TAIL = re.compile(
    r"""(?<![A-Z\d])(?:\+?\(?\d[\d\s().\-]{7,}\d|\d{3}[\-.]\d{4})\s+(?P<region>[A-Z]{2})\s*$""", re.X)
_URL_TOKEN = re.compile(
    r"^(?:HTTPS?://|HTTPS?|WWW\.)\S*$|^[\w\-]+(?:\.[\w\-]+)*\.(?:COM|NET|ORG|INFO|IO|CO|BIZ|US|UK|JP|DE|EU|IE|NL|APP|HELP|SUPPORT|TECH)(?:/\S*)?$"
)
_REF_TOKEN = re.compile(r"^(?:#\d+|NO\.?\d+|REF\S*\d\S*|\d{4,}|(?=(?:\D*\d){3})(?=\S*[A-Z])[A-Z0-9]{6,})$")
_SPACE = re.compile(r"\s+")
# A descriptor is read up to this many characters once folded (whitespace runs made one space), so its cost is
# bounded whatever a file holds: a card network prints about 40 (name 22-25, city 13, country 3), and the
# merchant matcher reads at most as many (audit.merchants.parse.MAX_CHARS).
MAX_CHARS = 200
# Rakuten Card appends the country of use to foreign lines: "NETFLIX.COM 利用国NLD".
_COUNTRY_OF_USE = re.compile(r"\s*(?:利用国|利用国名)\s*:?\s*[A-Z]{2,3}\s*$")
_ID_TAIL = re.compile(r"(?<=[A-Z]{3})\d{3,}$")  # PCSHIELD8842 -> PCSHIELD
_NONWORD = re.compile(r"[^\w&]+")
_WEB_PARTS = re.compile(r"\b(?:HTTPS?://)?WWW\.|\.(?:COM|NET|ORG|INFO|BIZ)\b")


def _fold(text: object) -> str:
    """NFKC, upper case, NFKC again, whitespace collapsed; non-strings become ''.

    Upper-casing can leave a text that is no longer NFKC (``ῢ`` becomes a capital and two combining marks),
    so it is normalised once more: folding a folded text then changes nothing."""
    if not isinstance(text, str):
        return ""
    upper = unicodedata.normalize("NFKC", text).upper()
    if not upper.isascii():
        upper = unicodedata.normalize("NFKC", upper)
    return _SPACE.sub(" ", upper).strip()


def _split_folded(folded: str) -> tuple[str | None, str]:
    for name, rx in FACILITATORS:
        m = rx.match(folded)
        if m:
            rest = folded[m.end():].strip(" *")
            return name, rest or folded[: m.end()].strip(" *")
    return None, folded


def split_facilitator(text: str) -> tuple[str | None, str]:
    """``(facilitator, rest)``: the payment facilitator named by the prefix (``"PayPal"``,
    ``"FastSpring"``, ``"2Checkout"``...) or None, and the rest (NFKC, upper case, whitespace collapsed).

    >>> split_facilitator("FS *PCSHIELD 8842")
    ('FastSpring', 'PCSHIELD 8842')
    """
    return _split_folded(_fold(text))


def _strip_tail(rest: str) -> str:
    """Drop trailing phone numbers, web addresses, country codes and reference numbers."""
    while True:
        before = rest
        rest = _COUNTRY_OF_USE.sub("", rest) or rest
        end = rest.rstrip()
        # the phone-then-region search only where it can succeed: a region code as the last word (the search
        # itself tries every start and costs the square of the length)
        m = _PHONE_REGION_TAIL.search(rest) if end[-2:] in _REGIONS and end[-3:-2].isspace() else None
        if m and m.start() > 0 and m.group("region") in _REGIONS:  # phone then region: both where, not who
            rest = rest[: m.end("region") - 2].rstrip()
        m = _PHONE_TAIL.search(rest)
        if m and m.start() > 0:
            rest = rest[: m.start()].rstrip(" ,-*")
        tokens = rest.split(" ")
        if len(tokens) > 1:
            last = tokens[-1].strip(",")
            if last in _COUNTRY or _URL_TOKEN.match(last) or _REF_TOKEN.match(last):
                rest = " ".join(tokens[:-1]).rstrip(" ,-*")
        # a reference glued on with "*" (AMZN MKTP US*2K4L93RT2)
        head, star, tail = rest.rpartition("*")
        if star and head.strip() and _REF_TOKEN.match(tail.strip()):
            rest = head.rstrip(" *")
        if rest == before:
            return rest


@lru_cache(maxsize=200_000)
def _normalize_cached(text: str) -> tuple[str, str, str | None]:
    folded = _fold(text)[:MAX_CHARS].rstrip()
    fac, rest = _split_folded(folded)
    norm = _strip_tail(rest) or rest
    return norm, _key_of(norm), fac


def _key_of(norm: str) -> str:
    tokens = []
    bare = _WEB_PARTS.sub(" ", norm)  # RESTORO.COM and WWW.RESTORO.COM group with RESTORO
    for tok in _NONWORD.sub(" ", bare).split():
        tok = _ID_TAIL.sub("", tok)
        if tok and not _REF_TOKEN.match(tok):
            tokens.append(tok)
    return " ".join(tokens) or _NONWORD.sub(" ", norm).strip() or norm


def normalize_descriptor(text: str) -> str:
    """Descriptor reduced to the merchant's name as printed (see the module docstring).

    >>> normalize_descriptor("ＰＡＹＰＡＬ ＊ＲＥＳＴＯＲＯ 4029357733 CY")
    'RESTORO'
    """
    if not isinstance(text, str):
        return ""
    return _normalize_cached(text)[0]


def merchant_key(text: str) -> str:
    """Grouping key: :func:`normalize_descriptor`, punctuation turned into spaces and changing IDs
    (long digit runs, mixed letter-digit references, digits glued to a name) removed.

    >>> merchant_key("FS *PCSHIELD 8842") == merchant_key("FS *PCSHIELD 9911") == "PCSHIELD"
    True
    """
    if not isinstance(text, str):
        return ""
    return _normalize_cached(text)[1]


def add_descriptor_columns(tx: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``tx`` with str columns ``descriptor_norm``, ``merchant_key`` and ``facilitator``
    (missing when there is none), each computed once per distinct ``description``."""
    out = tx.copy(deep=False)  # copy-on-write: the new columns never reach the caller's table
    if "description" not in out.columns or len(out) == 0:
        for col in ("descriptor_norm", "merchant_key", "facilitator"):
            out[col] = pd.Series(index=out.index, dtype="str")
        return out
    from audit.textcols import factorize_text, remember_factorized, taken_factorization

    codes, uniques = factorize_text(out["description"])  # (matching asks the same of the same column)
    parts = [_normalize_cached(u) if isinstance(u, str) else ("", "", None) for u in uniques]
    norms = pd.array([p[0] for p in parts] + [""], dtype="str")
    keys = pd.array([p[1] for p in parts] + [""], dtype="str")
    facs = pd.array([p[2] for p in parts] + [None], dtype="str")
    # code -1 (missing description) picks the appended last element
    take = codes.copy()
    take[take < 0] = len(parts)
    for col, table in (("descriptor_norm", norms), ("merchant_key", keys), ("facilitator", facs)):
        out[col] = pd.Series(table.take(take), index=out.index, dtype="str")
        if col != "descriptor_norm":  # the signals factorize these: known from the description's codes
            remember_factorized(out[col], *taken_factorization(codes, pd.Series(table, dtype="str"), take))
    return out
