"""Pull the facts a cancellation request needs out of an order-confirmation email (``.eml``).

The CCJ advice says the merchant's contact address is usually in the order or payment confirmation
mail (sometimes filed as spam). :func:`parse_order_email` reads such a mail with the standard
``email`` package: sender, Reply-To, support addresses in the body, order number, date, product and
amount, from plain-text or HTML bodies, with English or Japanese labels.

The mail is written by the merchant, so every step is bounded: the file size, the number of MIME
parts, the characters of body text and of each line looked at, and each header's length; labels are
found by a pattern over short lines and the separator after them is read by plain string code, so no
pattern can backtrack badly (a 200 KB hostile mail parses in milliseconds). Results are cached per
upload (:func:`parse_order_email` keeps the last few by content).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import Message
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

from audit.cases.fields import clean_text, product_name, reference
from audit.cases.html_text import html_to_text

__all__ = ["MAX_EML_BYTES", "OrderEmail", "html_to_text", "parse_order_email"]

MAX_EML_BYTES = 10 * 1024 * 1024  # a confirmation mail with a logo is well under 1 MB
MAX_PARTS = 60  # MIME parts walked (real confirmations have fewer than ten)
MAX_NESTED = 40  # "multipart/" declarations accepted in one file
MAX_BODY_CHARS = 200_000  # body text looked at
MAX_LINES = 4_000
MAX_LINE_CHARS = 600  # a label line longer than this is not a label line
MAX_HEADER_CHARS = 2_000


@dataclass
class OrderEmail:
    """What was found in the mail; ``None`` for anything not found.

    Every value is merchant-written and unconfirmed: one clean line each (control, format and bidi
    characters stripped), the product cut to a product name. A letter takes a value only once the user has
    confirmed it (:meth:`audit.cases.letters.LetterDetails.with_confirmed`, or the user typing it into a field).
    """

    merchant_name: str | None = None
    merchant_email: str | None = None  # best address to write to (support address, else Reply-To, else From)
    reply_to: str | None = None
    order_number: str | None = None
    purchase_date: str | None = None  # ISO date when it could be read, else as printed
    product: str | None = None
    amount: str | None = None  # as printed, e.g. "USD 49.99" or "¥9,800"
    customer_email: str | None = None

    def currency(self) -> str:
        """The currency the mail's amount states (``"USD 299.99"`` -> ``"USD"``, ``"9,800円"`` -> ``"JPY"``), or
        ``""`` when it names none or only a sign several currencies share (``$``, ``¥``)."""
        return amount_currency(self.amount or "")

    def suggestions(self) -> dict[str, str]:
        """What this mail suggests for a letter, by :class:`audit.cases.letters.LetterDetails` field name
        (``merchant_email``, ``order_number``, ``product``): cleaned, unconfirmed until the user accepts them."""
        from audit.cases.mailfile import check_address

        out = {"order_number": reference(self.order_number or ""), "product": product_name(self.product or "")}
        try:
            out["merchant_email"] = check_address(self.merchant_email or "")
        except ValueError:
            out["merchant_email"] = ""
        return {k: v for k, v in out.items() if v}


_CURRENCY_SIGNS = {"円": "JPY", "US$": "USD", "US＄": "USD", "€": "EUR", "£": "GBP", "C$": "CAD", "A$": "AUD",
                   "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "zł": "PLN", "₩": "KRW", "₹": "INR"}
_ISO_IN_AMOUNT = re.compile(r"(?<![A-Za-z])([A-Z]{3})\s?(?=\d)|(?<=\d)\s?([A-Z]{3})(?![A-Za-z])")


def amount_currency(amount: str) -> str:
    """The one currency an amount as printed states (an ISO code beside the number or an unambiguous sign),
    else ``""`` (``$`` and ``¥`` alone are several countries' signs)."""
    text = str(amount or "")
    codes = {m.group(1) or m.group(2) for m in _ISO_IN_AMOUNT.finditer(text)}
    for sign, code in sorted(_CURRENCY_SIGNS.items(), key=lambda kv: -len(kv[0])):  # US$ before S$
        if sign in text:
            codes.add(code)
            text = text.replace(sign, " ")
    return codes.pop() if len(codes) == 1 else ""


# --------------------------------------------------------------------------- labels

_ORDER_LABELS = (r"order\s{0,2}(?:number|no\.?|id|#|reference|ref\.?)|order(?=\s{0,2}[:：#])|reference(?:\s{0,2}(?:number|no\.?))?"
                 r"|invoice\s{0,2}(?:number|no\.?|#)|transaction\s{0,2}id|ご?注文番号|受注番号|オーダー番号|注文ID|注文ＩＤ")
_DATE_LABELS = (r"order\s{0,2}date|purchase\s{0,2}date|date\s{0,2}of\s{0,2}(?:order|purchase)|ご?注文日(?:時)?|ご?購入日(?:時)?"
                r"|決済日(?:時)?|date")
_PRODUCT_LABELS = (r"product\s{0,2}name|product|item\s{0,2}name|item|description|plan|ご?購入商品|商品名|製品名|商品|製品|プラン名?")
_AMOUNT_LABELS = (r"order\s{0,2}total|grand\s{0,2}total|total\s{0,2}(?:amount|charged|paid|price)?|amount\s{0,2}(?:charged|paid)?"
                  r"|ご?請求金額|お?支払(?:い)?金額|お?支払(?:い)?合計|合計金額|合計|総額|金額")

_SUPPORT_LOCAL = re.compile(r"(support|help|helpdesk|care|customercare|customer[._-]?(service|support|care)|service"
                            r"|contact|billing|refunds?|cancel|cs|info)\b", re.IGNORECASE)
_LOCAL_TAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}$")
_DOMAIN_HEAD = re.compile(r"[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,6}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])")
_NOREPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon", re.IGNORECASE)
_WIDE_SPACE = re.compile(r"[ \u3000\xa0]{2,}")
_MONEY = re.compile(r"(?:[A-Z]{3} {0,2}|[$€£¥￥] {0,2})?[\d,，]{1,20}(?:\.\d{1,2})? {0,2}(?:[A-Z]{3}|円|ドル)?"
                    r"(?: {0,2}\([^()]{0,80}\))?")
_MONEY_VALUE = re.compile(_MONEY.pattern + r"(?:\s|$)")
_CODE = re.compile(r"[#＃]? ?([A-Za-z0-9][A-Za-z0-9\-_/]{2,40})")


@lru_cache(maxsize=16)
def _label_rx(labels: str) -> re.Pattern[str]:
    return re.compile(rf"(?:^|(?<=[\s|]))(?:{labels})(?![A-Za-z])", re.IGNORECASE)


def _after_label(line: str, end: int, label_last: str) -> str | None:
    """The value after a label ending at ``end``, or ``None`` when no separator follows it.

    Separators: a colon (maybe after ``#`` or ``No.``), a tab, two spaces, a ``#``, nothing after a
    Japanese label, or the end of the line (value on the next line: returned as ``""``).
    """
    rest = line[end:]
    if not rest.strip():
        return ""
    if rest.startswith(("  ", "\t", " \t")):
        return rest.strip(" \t|:：")
    body = rest.lstrip(" ")
    if body[:1] in ("#", "＃"):
        body = body[1:].lstrip(" ")
        if body[:1] not in (":", "："):
            return body.strip(" \t|")
    elif body[:3].lower() == "no.":
        body = body[3:].lstrip(" ")
    if body[:1] in (":", "："):
        return body[1:].strip(" \t|:：")
    if not label_last.isascii():
        return rest.strip(" \t|:：")
    return None


def _labelled(lines: list[str], labels: str, value_rx: re.Pattern[str] | None = None) -> str | None:
    """Value after the first label (same line, or the next non-empty line when the label ends it)."""
    rx = _label_rx(labels)
    for i, line in enumerate(lines):
        for m in rx.finditer(line):
            value = _after_label(line, m.end(), m.group(0)[-1])
            if value is None:
                continue
            if not value and i + 1 < len(lines):
                value = lines[i + 1].strip(" \t|")
            if value and (value_rx is None or value_rx.match(value)):
                return value
            if value:
                continue
    return None


def _order_number(lines: list[str], subject: str) -> str | None:
    for source in (lines, [subject[:MAX_LINE_CHARS]]):
        value = _labelled(source, _ORDER_LABELS, _CODE)
        if value:
            m = _CODE.match(value)
            if m and any(ch.isdigit() for ch in m.group(1)):
                return m.group(1)
    return None


def _iso_date(text: str) -> str:
    t = unicodedata.normalize("NFKC", text[:200])
    m = re.search(r"(\d{4}) ?[-/.年] ?(\d{1,2}) ?[-/.月] ?(\d{1,2})", t)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    from datetime import datetime

    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%b. %d, %Y"):
        try:
            return datetime.strptime(t.strip().split(" at ")[0].strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return text.strip()


def _amount(lines: list[str]) -> str | None:
    value = _labelled(lines, _AMOUNT_LABELS, _MONEY_VALUE)
    m = _MONEY.match(value or "")
    if m and re.search(r"\d", m.group(0)):
        return m.group(0).strip()
    return None


def find_addresses(text: str, limit: int = 50) -> list[str]:
    """E-mail addresses in ``text``, found around each ``@`` with bounded patterns (linear time)."""
    out: list[str] = []
    pos = text.find("@")
    while pos >= 0 and len(out) < limit:
        local = _LOCAL_TAIL.search(text[max(0, pos - 64):pos])
        domain = _DOMAIN_HEAD.match(text, pos + 1, pos + 1 + 300)
        if local and domain:
            addr = f"{local.group(0).lstrip('.')}@{domain.group(0)}".rstrip(".")
            if addr.split("@")[0] and addr not in out:
                out.append(addr)
        pos = text.find("@", pos + 1)
    return out


# --------------------------------------------------------------------------- message


def _decode_part(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    payload = payload[: MAX_BODY_CHARS * 4]
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except (LookupError, ValueError, TypeError):
        return payload.decode("utf-8", errors="replace")


def _body_text(msg: Message) -> str:
    """The first non-empty plain-text part, else the first HTML part as text (attachments skipped)."""
    plain: list[str] = []
    html_parts: list[str] = []
    for n, part in enumerate(msg.walk()):
        if n >= MAX_PARTS:
            break
        if part.is_multipart() or "attachment" in str(part.get("Content-Disposition", ""))[:200].lower():
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and not plain:
            text = _decode_part(part)
            if text.strip():
                plain.append(text)
        elif ctype == "text/html" and not html_parts:
            html_parts.append(_decode_part(part))
    if plain:
        text = plain[0][:MAX_BODY_CHARS]
        return html_to_text(text) if "<html" in text[:500].lower() else text
    return html_to_text(html_parts[0][: MAX_BODY_CHARS * 2]) if html_parts else ""


def _header(msg: Message, name: str) -> str:
    """One header as text: at most ``MAX_HEADER_CHARS``, RFC 2047 words decoded, on one line."""
    raw = msg.get(name)
    if raw is None:
        return ""
    value = str(raw)[:MAX_HEADER_CHARS]
    try:
        value = str(make_header(decode_header(value)))
    except (LookupError, ValueError, UnicodeError, TypeError, AssertionError):
        pass
    return " ".join(value.split())


def _addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    value = _header(msg, name)
    if not value:
        return []
    try:
        pairs = getaddresses([value])
    except (RecursionError, ValueError, TypeError, IndexError):
        pairs = []
    out = [(n, a) for n, a in pairs if "@" in a and find_addresses(a, 1)]
    return out or [("", a) for a in find_addresses(value, 5)]


def _lines(body: str) -> list[str]:
    lines: list[str] = []
    for line in body[:MAX_BODY_CHARS].splitlines():
        line = _WIDE_SPACE.sub("  ", line.strip())
        if line and len(line) <= MAX_LINE_CHARS:
            lines.append(line)
            if len(lines) >= MAX_LINES:
                break
    return lines


def parse_order_email(data: bytes) -> OrderEmail:
    """Read an ``.eml`` file's bytes; raise ``ValueError`` (one line) when it is not an email.

    Cached by content: the page can call it on every rerun.
    """
    if not isinstance(data, bytes | bytearray):
        raise ValueError("order email: expected the bytes of an .eml file")
    return dataclasses.replace(_parse_cached(bytes(data)))


@lru_cache(maxsize=8)
def _parse_cached(data: bytes) -> OrderEmail:
    if len(data) > MAX_EML_BYTES:
        raise ValueError(f"order email: the file is larger than {MAX_EML_BYTES // (1024 * 1024)} MB; "
                         "an order confirmation is much smaller")
    if not data.strip():
        raise ValueError("order email: the file is empty")
    if data[:5] == b"%PDF-" or b"\x00" in data[:4096]:
        raise ValueError("order email: this is not an e-mail message (.eml); save the mail as .eml and try again")
    if data.lower().count(b"multipart/") > MAX_NESTED:
        raise ValueError(f"order email: more than {MAX_NESTED} nested message parts; this is not an order "
                         "confirmation")
    try:
        msg = message_from_bytes(data, policy=compat32)
    except Exception as exc:  # the parser is lenient; anything raised here means unreadable input
        raise ValueError(f"order email: cannot read the message ({type(exc).__name__})") from None
    if not any(msg.get(h) for h in ("From", "To", "Subject", "Date")):
        raise ValueError("order email: no From, To, Subject or Date header found; this is not an e-mail message")

    try:
        body = _body_text(msg)
    except (KeyError, LookupError, ValueError, RecursionError, AssertionError, TypeError):
        body = ""
    lines = _lines(body)
    subject = _header(msg, "Subject")

    sender = _addresses(msg, "From")
    reply = _addresses(msg, "Reply-To")
    to = _addresses(msg, "To")
    body_mails = find_addresses(body[:MAX_BODY_CHARS])
    customer = to[0][1] if to else None
    support = next((m for m in body_mails if _SUPPORT_LOCAL.match(m.split("@")[0])
                    and not _NOREPLY.search(m) and m != customer), None)
    reply_to = reply[0][1] if reply else None
    from_addr = sender[0][1] if sender else None
    merchant_email = support or reply_to or (from_addr if from_addr and not _NOREPLY.search(from_addr) else None)
    if merchant_email is None:
        merchant_email = next((m for m in body_mails if not _NOREPLY.search(m) and m != customer), None)
    name = (sender[0][0] if sender and sender[0][0] else "") or (reply[0][0] if reply and reply[0][0] else "")
    if not name and from_addr:
        name = from_addr.split("@")[1].rsplit(".", 1)[0]

    date = _labelled(lines, _DATE_LABELS)
    purchase_date = _iso_date(date) if date else None
    if purchase_date is None and msg.get("Date"):
        try:
            purchase_date = parsedate_to_datetime(_header(msg, "Date")).date().isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            purchase_date = None
    product = _labelled(lines, _PRODUCT_LABELS)
    if product:
        product = product.split("\t")[0].strip() or product.strip()

    def one_line(value: str | None, limit: int = 200) -> str | None:
        return clean_text(value, limit) or None if value else None

    return OrderEmail(
        merchant_name=one_line(name),
        merchant_email=one_line(merchant_email, 320),
        reply_to=one_line(reply_to, 320),
        order_number=one_line(_order_number(lines, subject), 60),
        purchase_date=one_line(purchase_date, 40),
        product=product_name(product) or None if product else None,
        amount=one_line(_amount(lines), 80),
        customer_email=one_line(customer, 320),
    )
