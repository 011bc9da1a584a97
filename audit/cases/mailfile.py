"""Letters as files: plain text, and an ``.eml`` draft the user opens in their own mail program.

Addresses typed by the user go through :func:`check_address` (the standard library's header parser):
exactly one address, no defects, no line breaks, so nothing typed into a field can add a header or a
second recipient. Nothing here touches the network.
"""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.cases.letters import Letter, LetterDetails

MAX_ADDRESS_CHARS = 320


def check_address(value: str | None) -> str:
    """``value`` as one valid address (``"Name <a@b.example>"`` or ``"a@b.example"``); ``""`` when empty.

    Raises ``ValueError`` (one line) for anything else: two addresses, extra words such as
    ``"a@x.example Bcc: b@y.example"``, line breaks, a missing domain.
    """
    text = (value or "").strip()
    if not text:
        return ""
    if len(text) > MAX_ADDRESS_CHARS or any(ch in text for ch in "\r\n\x00") or not text.isprintable():
        raise ValueError("not one e-mail address (too long or with control characters)")
    try:
        header = default_policy.header_factory("To", text)
    except Exception as exc:  # the parser raises several types on hostile input
        raise ValueError(f"not an e-mail address ({type(exc).__name__})") from None
    addresses = list(getattr(header, "addresses", ()))
    if len(addresses) != 1 or header.defects:
        raise ValueError("give exactly one e-mail address, nothing else")
    addr: Address = addresses[0]
    if not addr.username or "." not in addr.domain or addr.domain.startswith(".") or addr.domain.endswith("."):
        raise ValueError("an e-mail address needs a name, an @ and a domain such as example.com")
    return str(addr)


def _safe_address(value: str | None) -> str:
    try:
        return check_address(value)
    except ValueError:
        return ""


def letter_to_txt(letter: Letter, lang: str = "both") -> str:
    """Plain text of the letter: ``"en"``, ``"ja"`` or ``"both"`` (the version that is sent first)."""
    en = f"Subject: {letter.subject_en}\n\n{letter.body_en}"
    ja = f"件名：{letter.subject_ja}\n\n{letter.body_ja}"
    if lang == "en":
        return en
    if lang == "ja":
        return ja
    if lang == "both":
        if letter.send_lang == "ja":
            return f"{ja}\n{'-' * 20} English translation (英訳) {'-' * 20}\n\n{en}"
        return f"{en}\n{'-' * 20} 日本語訳 (Japanese translation) {'-' * 20}\n\n{ja}"
    raise ValueError(f"unknown language {lang!r}: use 'en', 'ja' or 'both'")


def letter_to_eml(letter: Letter, details: LetterDetails, to_addr: str = "") -> bytes:
    """The letter as an ``.eml`` draft (UTF-8; the version that is sent, then the translation).

    ``to_addr`` defaults to the merchant address from ``details`` (not for a dispute letter, which goes
    to the card issuer). An address that :func:`check_address` refuses is left out (the page says why).
    No Message-ID or Date is added, so building the file needs no host name lookup.
    """
    msg = EmailMessage(policy=default_policy)
    ja_first = letter.send_lang == "ja"
    msg["Subject"] = " ".join((letter.subject_ja if ja_first else letter.subject_en).split())
    to = _safe_address(to_addr or ("" if letter.kind == "dispute" else details.merchant_email))
    if to:
        msg["To"] = to
    sender = _safe_address(details.email)
    if sender:
        msg["From"] = sender
    if ja_first:
        body = f"{letter.body_ja}\n{'-' * 20} English translation (英訳, for reference) {'-' * 20}\n\n{letter.body_en}"
    else:
        body = (f"{letter.body_en}\n{'-' * 20} 日本語訳 (Japanese translation, for the sender's reference) "
                f"{'-' * 20}\n\n{letter.body_ja}")
    msg.set_content(body, charset="utf-8")
    msg["X-Unsent"] = "1"  # Outlook and others open the file as a draft to edit and send
    return msg.as_bytes()
