"""Pull the facts a cancellation request needs out of an order-confirmation email (``.eml``).

The CCJ advice says the merchant's contact address is usually in the order or payment confirmation
mail (sometimes filed as spam). :func:`parse_order_email` reads such a mail with the standard
``email`` package: sender, Reply-To, support addresses in the body, order number, date, product and
amount, from plain-text or HTML bodies, with English or Japanese labels.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser


@dataclass
class OrderEmail:
    """What was found in the mail; ``None`` for anything not found."""

    merchant_name: str | None = None
    merchant_email: str | None = None  # best address to write to (support address, else Reply-To, else From)
    reply_to: str | None = None
    order_number: str | None = None
    purchase_date: str | None = None  # ISO date when it could be read, else as printed
    product: str | None = None
    amount: str | None = None  # as printed, e.g. "USD 49.99" or "¥9,800"
    customer_email: str | None = None


# --------------------------------------------------------------------------- HTML to text

_BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
          "header", "footer", "ul", "ol", "hr", "title"}
_CELL = {"td", "th"}


class _TextExtractor(HTMLParser):
    """Visible text of an HTML body: blocks on their own lines, table cells split by tabs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag in _CELL:
            self.parts.append("\t")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            if href.lower().startswith("mailto:"):
                self.parts.append(" " + href[7:].split("?")[0] + " ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Tags stripped, entities decoded, one block per line."""
    p = _TextExtractor()
    p.feed(html)
    p.close()
    out = []
    for line in "".join(p.parts).splitlines():
        cells = [re.sub(r"\s+", " ", c).strip() for c in line.split("\t")]
        cells = [c for c in cells if c]
        if cells:
            out.append("\t".join(cells))
    return "\n".join(out)


# --------------------------------------------------------------------------- labels

# Between label and value: a colon (maybe after "#" or "No."), a tab (table cell), two spaces, a "#",
# nothing after a Japanese label, or the end of the line (value on the next line).
_SEP = (r"(?:\s*(?:[#＃]|No\.)?\s*[:：]\s*|\s*\t\s*|\s{2,}|\s*[#＃]\s*|(?<=[^\x00-\x7f])\s*|\s*$)")
_ORDER_LABELS = (r"order\s*(?:number|no\.?|id|#|reference|ref\.?)|order(?=\s*[:：#])|reference(?:\s*(?:number|no\.?))?"
                 r"|invoice\s*(?:number|no\.?|#)|transaction\s*id|ご?注文番号|受注番号|オーダー番号|注文ID|注文ＩＤ")
_DATE_LABELS = (r"order\s*date|purchase\s*date|date\s*of\s*(?:order|purchase)|ご?注文日(?:時)?|ご?購入日(?:時)?"
                r"|決済日(?:時)?|date")
_PRODUCT_LABELS = (r"product\s*name|product|item\s*name|item|description|plan|ご?購入商品|商品名|製品名|商品|製品|プラン名?")
_AMOUNT_LABELS = (r"order\s*total|grand\s*total|total\s*(?:amount|charged|paid|price)?|amount\s*(?:charged|paid)?"
                  r"|ご?請求金額|お?支払(?:い)?金額|お?支払(?:い)?合計|合計金額|合計|総額|金額")

_SUPPORT_LOCAL = re.compile(r"^(support|help|helpdesk|care|customercare|customer[._-]?(service|support|care)|service"
                            r"|contact|billing|refunds?|cancel|cs|info)\b", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_NOREPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon", re.IGNORECASE)


def _labelled(lines: list[str], labels: str, value_rx: str = r".+") -> str | None:
    """Value after the first label (same line, or the next non-empty line when the label ends it)."""
    rx = re.compile(rf"(?:^|[\s\t|])(?:{labels})(?![A-Za-z]){_SEP}(?P<v>{value_rx})?\s*$", re.IGNORECASE)
    for i, line in enumerate(lines):
        m = rx.search(line)
        if not m:
            continue
        value = (m.group("v") or "").strip(" \t|:：")
        if not value and i + 1 < len(lines):
            nxt = lines[i + 1].strip(" \t|")
            if re.fullmatch(value_rx, nxt):
                value = nxt
        if value:
            return value
    return None


def _order_number(lines: list[str], subject: str) -> str | None:
    code = r"[#＃]?\s*[A-Za-z0-9][A-Za-z0-9-_/]{2,40}"
    for source in (lines, [subject]):
        value = _labelled(source, _ORDER_LABELS, code + r".*")
        if value:
            m = re.match(code, value)
            if m and any(ch.isdigit() for ch in m.group(0)):
                return m.group(0).lstrip("#＃ ").strip()
    return None


def _iso_date(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    m = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", t)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    try:
        from datetime import datetime

        for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%b. %d, %Y"):
            try:
                return datetime.strptime(t.strip().split(" at ")[0].strip(), fmt).date().isoformat()
            except ValueError:
                continue
    except ImportError:  # pragma: no cover
        pass
    return text.strip()


def _amount(lines: list[str]) -> str | None:
    money = (r"(?:[A-Z]{3}\s*|[$€£¥￥]\s*)?[\d,，]+(?:\.\d{1,2})?\s*(?:[A-Z]{3}|円|ドル)?(?:\s*\(.*\))?")
    value = _labelled(lines, _AMOUNT_LABELS, money + r"(?:\s.*)?")
    m = re.match(money, value or "")
    if m and re.search(r"\d", m.group(0)):
        return m.group(0).strip()
    return None


# --------------------------------------------------------------------------- message


def _body_text(msg: EmailMessage) -> str:
    plain = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    texts: list[str] = []
    for part, is_html in ((plain, False), (html, True)):
        if part is None:
            continue
        try:
            content = part.get_content()
        except (LookupError, UnicodeError, ValueError):
            payload = part.get_payload(decode=True) or b""
            content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else str(payload)
        if not isinstance(content, str):
            continue
        texts.append(html_to_text(content) if is_html or "<html" in content[:500].lower() else content)
        if texts[-1].strip():
            break
    return texts[-1] if texts else ""


def _addresses(msg: EmailMessage, header: str) -> list[tuple[str, str]]:
    values = msg.get_all(header) or []
    try:
        out = []
        for v in values:
            for a in getattr(v, "addresses", ()):
                if isinstance(a, Address) and a.addr_spec and "@" in a.addr_spec:
                    out.append((a.display_name or "", a.addr_spec))
        if out:
            return out
    except (TypeError, ValueError, AttributeError):
        pass
    return [(n, a) for n, a in getaddresses([str(v) for v in values]) if "@" in a]


def parse_order_email(data: bytes) -> OrderEmail:
    """Read an ``.eml`` file's bytes; raise ``ValueError`` (one line) when it is not an email."""
    if not isinstance(data, bytes | bytearray):
        raise ValueError("order email: expected the bytes of an .eml file")
    if not data.strip():
        raise ValueError("order email: the file is empty")
    if data[:5] == b"%PDF-" or b"\x00" in data[:4096]:
        raise ValueError("order email: this is not an e-mail message (.eml); save the mail as .eml and try again")
    try:
        msg = BytesParser(policy=default_policy).parsebytes(bytes(data))
    except Exception as exc:  # the parser is lenient; anything raised here means unreadable input
        raise ValueError(f"order email: cannot read the message ({type(exc).__name__})") from None
    if not isinstance(msg, EmailMessage) or not any(msg.get(h) for h in ("From", "To", "Subject", "Date")):
        raise ValueError("order email: no From, To, Subject or Date header found; this is not an e-mail message")

    try:
        body = _body_text(msg)
    except (KeyError, LookupError, ValueError):
        body = ""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    subject = " ".join(str(msg.get("Subject", "")).split())

    sender = _addresses(msg, "From")
    reply = _addresses(msg, "Reply-To")
    to = _addresses(msg, "To")
    body_mails = [m.rstrip(".") for m in _EMAIL.findall(body)]
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
            purchase_date = parsedate_to_datetime(str(msg["Date"])).date().isoformat()
        except (TypeError, ValueError, IndexError):
            purchase_date = None
    product = _labelled(lines, _PRODUCT_LABELS)
    if product:
        product = product.split("\t")[0].strip() or product.strip()
    return OrderEmail(
        merchant_name=name or None,
        merchant_email=merchant_email,
        reply_to=reply_to,
        order_number=_order_number(lines, subject),
        purchase_date=purchase_date,
        product=product,
        amount=_amount(lines),
        customer_email=customer,
    )
