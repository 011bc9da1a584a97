"""Draft letters for one contract: cancellation request, follow-up, and card-issuer dispute.

Each letter is English (what gets sent: overseas merchants answer in English) with a Japanese
translation beside it, so the sender knows what they are signing. Fields the user has not filled in
show as bracketed placeholders (``[YOUR NAME]`` / ``［お名前］``). Nothing here touches the network:
:func:`letter_to_eml` only builds a file the user can open in their own mail program.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from audit.cards import is_card_number
from audit.cases.fields import clean_text, product_name, reference
from audit.cases.money import (
    charged_by_currency,
    format_money,
    is_unstated,
    paid_by_currency,
    refunded_by_currency,
)
from audit.contracts import Contract
from audit.masking import mask_card

if TYPE_CHECKING:
    from audit.cases.eml import OrderEmail


@dataclass
class LetterDetails:
    """What the user tells us about themselves and the purchase (every field may stay empty)."""

    name: str = ""
    email: str = ""  # the address used when signing up / buying
    order_number: str = ""  # this and the next four belong to one contract (one merchant), never to all
    merchant_email: str = ""
    product: str = ""
    card_issuer: str = ""
    request_date: str = ""  # when the cancellation request was sent (for the dispute letter)
    ticket: str = ""  # the merchant's ticket / case number from its reply (quoted in the follow-up)
    name_ja: str = ""  # the name in Japanese script (山田 花子): signs the Japanese letters; else ``name``
    address: str = ""  # the user's postal address and phone: only in the letter to their own card company
    phone: str = ""

    def cleaned(self) -> LetterDetails:
        """Every field as one clean line (control, format and bidi characters stripped, lengths bounded); the
        product cut to a product name; addresses kept only when they are one valid address. Letters use this."""
        from audit.cases.mailfile import MAX_ADDRESS_CHARS

        return LetterDetails(
            name=clean_text(self.name, 100), email=clean_text(self.email, MAX_ADDRESS_CHARS),
            order_number=reference(self.order_number), merchant_email=_address_or_empty(self.merchant_email),
            product=product_name(self.product), card_issuer=clean_text(self.card_issuer, 80),
            request_date=clean_text(self.request_date, 40), ticket=reference(self.ticket),
            name_ja=clean_text(self.name_ja, 100), address=clean_text(self.address, 200),
            phone=clean_text(self.phone, 40))

    def with_confirmed(self, info: OrderEmail, confirmed: Iterable[str]) -> LetterDetails:
        """These details plus the fields of an order e-mail that the user confirmed (names from
        :data:`EMAIL_FIELDS`); nothing the user did not confirm reaches a letter."""
        take = set(confirmed)
        unknown = take - set(EMAIL_FIELDS)
        if unknown:
            raise ValueError(f"not a field an order e-mail gives: {', '.join(sorted(unknown))}")
        found = info.suggestions()
        return replace(self, **{f: found[f] for f in EMAIL_FIELDS if f in take and found.get(f)})


EMAIL_FIELDS = ("merchant_email", "order_number", "product")  # what an order e-mail may suggest for a letter


def _address_or_empty(value: str) -> str:
    from audit.cases.mailfile import check_address

    try:
        return check_address(clean_text(value, 400))
    except ValueError:
        return ""


@dataclass
class Letter:
    """One letter in English and its Japanese translation."""

    subject_en: str
    body_en: str
    subject_ja: str
    body_ja: str
    kind: str = ""  # "cancellation", "follow_up" or "dispute"
    send_lang: str = "en"  # the language of the version that is sent ("ja" for a Japanese card company)


# --------------------------------------------------------------------------- formatting helpers

# Text that some statements print after the descriptor, from other columns: user, instalments, country.
_TAIL_FIELDS = re.compile(r"[ \u3000]+(?:本人|家族|ご本人|1回|１回|一括|[0-9０-９]{1,2}回(?:払い?)?|リボ|分割|利用国|現地通貨)|[ \u3000]*利用国[A-Za-zＡ-Ｚ]{2,3}[ \u3000]*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def quote_descriptor(text: Any, limit: int = 60) -> str:
    """A descriptor fit to quote in a letter: card numbers masked, other columns' text cut off, one line."""
    t = _CONTROL.sub(" ", str(text or ""))[:400]
    t = " ".join(t.split())
    m = _TAIL_FIELDS.search(t)
    if m and m.start() > 0:
        t = t[:m.start()].rstrip()
    t = mask_card(t) or ""
    return t if len(t) <= limit else t[: limit - 1].rstrip() + "…"


def _field(value: str, en: str, ja: str) -> tuple[str, str]:
    value = (value or "").strip()
    return (value, value) if value else (f"[{en}]", f"［{ja}］")


def _names(d: LetterDetails) -> tuple[str, str]:
    """The name that signs the English letter and the one that signs the Japanese one (the name in Japanese
    script when given, else the same name)."""
    name_en, name_ja = _field(d.name, "YOUR NAME", "お名前")
    return name_en, d.name_ja.strip() or name_ja


def _contact_lines(d: LetterDetails, ja: bool) -> list[str]:
    """The user's address and phone under the signature (only the card company gets them)."""
    out = []
    if d.address:
        out.append(f"住所：{d.address}" if ja else f"Address: {d.address}")
    if d.phone:
        out.append(f"電話：{d.phone}" if ja else f"Phone: {d.phone}")
    return out


CURRENCY_PLACEHOLDER = {"en": "[CURRENCY]", "ja": "［通貨］"}


def _money(amount: float | None, currency: str | None, lang: str) -> str:
    """An amount as a letter states it: an unknown currency is a placeholder the user must fill (a letter never
    goes out saying "currency not stated")."""
    if amount is not None and (is_unstated(currency) or not str(currency or "").strip()):
        return f"{CURRENCY_PLACEHOLDER[lang]} {amount:,.2f}"
    return format_money(amount, currency, lang)


def _totals(parts: dict[str, float], lang: str) -> str:
    """Per-currency totals for a letter (amounts in different currencies never added)."""
    return " + ".join(_money(v, k, lang) for k, v in sorted(parts.items())) or "0"


def currency_missing(contract: Contract) -> bool:
    """True when a charge or refund of the contract has no stated currency (its letters hold a placeholder)."""
    return any(is_unstated(str(r.get("currency") or contract.currency or "unknown"))
               for r in [*contract.charges, *contract.refunds])


def _charge_lines(c: Contract, ja: bool) -> list[str]:
    lang = "ja" if ja else "en"
    lines = []
    for ch in c.charges:
        money = _money(ch.get("amount"), ch.get("currency") or c.currency, lang)
        if ch.get("original_amount") is not None and ch.get("original_currency"):
            orig = _money(ch["original_amount"], ch["original_currency"], lang)
            money += f"（{orig}）" if ja else f" ({orig})"
        desc = quote_descriptor(ch.get("description") or c.merchant)
        lines.append(f"- {ch.get('date') or '?'}  {money}  \"{desc}\"")
    for r in c.refunds:
        money = _money(-(r.get("amount") or 0.0), r.get("currency") or c.currency, lang)
        word = "返金済み" if ja else "refunded"
        lines.append(f"- {r.get('date') or '?'}  {money} {word}  \"{quote_descriptor(r.get('description') or c.merchant)}\"")
    return lines


def _total_line(c: Contract, ja: bool) -> str:
    """Totals per currency: amounts in different currencies are never added together."""
    lang = "ja" if ja else "en"
    total = _totals(charged_by_currency(c), lang)
    refunded = refunded_by_currency(c)
    net = _totals(paid_by_currency(c), lang)
    if ja:
        line = f"請求合計：{total}（{len(c.charges)}件）"
        if refunded:
            line += f"、うち返金済み {_totals(refunded, lang)}、差引 {net}"
        return line
    line = f"Total charged: {total} ({len(c.charges)} charge{'s' if len(c.charges) != 1 else ''})"
    if refunded:
        line += f"; already refunded {_totals(refunded, lang)}; net {net}"
    return line


def _descriptor(c: Contract) -> str:
    return quote_descriptor(c.descriptors[0] if c.descriptors else c.merchant)


def _product(c: Contract, d: LetterDetails) -> tuple[str, str]:
    if d.product:  # a name, quoted as such in the Japanese text (never a merchant's sentence)
        return d.product, f"「{d.product}」"
    desc = _descriptor(c)
    return (f"the product billed to my card as \"{desc}\"", f"カード明細に「{desc}」と記載された商品")


def _ids_block(d: LetterDetails, ja: bool) -> list[str]:
    email_en, email_ja = _field(d.email, "EMAIL ADDRESS USED TO SIGN UP", "登録したメールアドレス")
    order = d.order_number
    if ja:
        lines = ["貴社の記録で私を探すための情報：", f"- 登録したメールアドレス：{email_ja}"]
        lines.append(f"- 注文番号：{order}" if order else "- 注文番号：不明（上記のメールアドレスで検索してください）")
        return lines
    lines = ["Details to find me in your records:", f"- Email address I signed up with: {email_en}"]
    lines.append(f"- Order number: {order}" if order else "- Order number: unknown (please search by the email address above)")
    return lines


# --------------------------------------------------------------------------- letters


def cancellation_request(contract: Contract, details: LetterDetails) -> Letter:
    """First request to the merchant: cancel now, refund everything, tell me the next step."""
    d = details.cleaned()
    name_en, name_ja = _names(d)
    email_en, email_ja = _field(d.email, "EMAIL ADDRESS USED TO SIGN UP", "登録したメールアドレス")
    prod_en, prod_ja = _product(contract, d)
    order = d.order_number
    ref = f" (order {order})" if order else ""
    ref_ja = f"（注文番号 {order}）" if order else ""

    en = [
        "Dear Customer Support,",
        "",
        f"My name is {name_en}, and I am a customer who bought {prod_en} from you.",
        "I no longer wish to use it. Please cancel my licence and any subscription or automatic renewal "
        "attached to it, and refund the full amount I have paid.",
    ]
    ja = [
        "カスタマーサポート御中",
        "",
        f"私は{name_ja}と申します。貴社から{prod_ja}を購入した者です。",
        "この商品の利用をやめたいと考えています。ライセンスと、それに付随する定期契約・自動更新をすべて解約し、"
        "これまでに支払った金額の全額を返金してください。",
    ]
    if not order:
        en.append(f"I do not know my order number or licence key, but the email address I gave when buying "
                  f"was {email_en}; please use it to locate my purchase.")
        ja.append(f"注文番号もライセンスキーも分かりませんが、購入時に入力したメールアドレスは{email_ja}です。"
                  "このアドレスで私の購入記録を探してください。")
    en += ["", "These charges appear on my card statement:", *_charge_lines(contract, False),
           _total_line(contract, False), ""]
    ja += ["", "カード明細に記載されている請求は次のとおりです：", *_charge_lines(contract, True),
           _total_line(contract, True), ""]
    if order:
        en += [*_ids_block(d, False), ""]
        ja += [*_ids_block(d, True), ""]
    en += ["If anything else is needed from me to complete the cancellation and the refund, please tell me "
           "what the next step is.", "", "I look forward to your prompt reply. Thank you.", "",
           "Kind regards,", name_en]
    ja += ["解約と返金を完了させるために私の側で必要な手続きがあれば、次に何をすればよいか教えてください。", "",
           "早めのご返信をお待ちしています。よろしくお願いいたします。", "", name_ja]
    return _masked(d, Letter(
        subject_en=f"Request to cancel and fully refund my purchase{ref}",
        body_en="\n".join(en) + "\n",
        subject_ja=f"購入した商品の解約と全額返金のお願い{ref_ja}",
        body_ja="\n".join(ja) + "\n",
        kind="cancellation",
    ))


def follow_up_request(contract: Contract, details: LetterDetails) -> Letter:
    """Reply to a discount offer or a "why do you want to cancel?" message: decline and repeat."""
    d = details.cleaned()
    name_en, name_ja = _names(d)
    prod_en, prod_ja = _product(contract, d)
    order = d.order_number
    ref = f" (order {order})" if order else ""
    ref_ja = f"（注文番号 {order}）" if order else ""
    ticket = " ".join(d.ticket.split())[:60]
    if ticket:
        ref += f" [ticket {ticket}]"
        ref_ja += f"［チケット番号 {ticket}］"
    ticket_en = [f"- Your ticket / case number: {ticket}"] if ticket else []
    ticket_ja = [f"- 貴社のチケット番号：{ticket}"] if ticket else []
    en = [
        "Dear Customer Support,",
        "",
        "Thank you for your reply. I do not accept any discount, free period or other offer, and I do not "
        "want to keep the product or the licence.",
        f"I am repeating my request: please cancel {prod_en}, together with any subscription or automatic "
        "renewal, and refund the full amount I have paid.",
        "I do not need to give any reason beyond the fact that I no longer want this product.",
        "",
        "The charges concerned:",
        *_charge_lines(contract, False),
        _total_line(contract, False),
        "",
        *_ids_block(d, False),
        *ticket_en,
        "",
        "Please confirm in writing, by email, that the contract is cancelled, that no further charges will "
        "be made to my card, and the amount and date of the refund.",
        "",
        "Kind regards,",
        name_en,
    ]
    ja = [
        "カスタマーサポート御中",
        "",
        "ご返信ありがとうございます。割引や無料期間などの提案はお受けしません。商品もライセンスも使い続けるつもりはありません。",
        f"改めてお願いします。{prod_ja}を、定期契約・自動更新も含めて解約し、支払った金額の全額を返金してください。",
        "この商品が不要になったということ以外に、解約の理由を説明する必要はないと考えています。",
        "",
        "対象となる請求：",
        *_charge_lines(contract, True),
        _total_line(contract, True),
        "",
        *_ids_block(d, True),
        *ticket_ja,
        "",
        "契約が解約されたこと、今後カードへの請求が一切ないこと、返金の金額と時期を、メールで書面にて確認させてください。",
        "",
        name_ja,
    ]
    return _masked(d, Letter(
        subject_en=f"Re: cancellation and full refund{ref} - I decline the offer",
        body_en="\n".join(en) + "\n",
        subject_ja=f"Re: 解約と全額返金{ref_ja} ― 提案はお断りします",
        body_ja="\n".join(ja) + "\n",
        kind="follow_up",
    ))


def issuer_dispute(contract: Contract, details: LetterDetails) -> Letter:
    """Letter to the card issuer: the charges, what was done with the merchant, chargeback request."""
    d = details.cleaned()
    name_en, name_ja = _names(d)
    issuer_en, issuer_ja = _field(d.card_issuer, "CARD ISSUER", "カード会社名")
    when_en, when_ja = _field(d.request_date, "DATE OF YOUR REQUEST", "解約を申し出た日")
    merchant_mail = d.merchant_email
    cards = sorted({str(ch["card"]) for ch in contract.charges if is_card_number(ch.get("card"))})  # no file labels
    card_en = f"my card {', '.join(cards)}" if cards else "my card [CARD: LAST FOUR DIGITS ONLY]"
    card_ja = f"カード（{', '.join(cards)}）" if cards else "カード［下4桁のみ記入］"
    desc = _descriptor(contract)
    via_en = f" at {merchant_mail}" if merchant_mail else ""
    via_ja = f"（{merchant_mail}）" if merchant_mail else ""
    en = [
        f"Dear {issuer_en} customer service,",
        "",
        f"I am writing about charges on {card_en} from the merchant shown as \"{desc}\". I believe they come "
        "from a contract I entered after a fake security warning appeared on my computer, and I wish to "
        "dispute them.",
        "",
        "Charges:",
        *_charge_lines(contract, False),
        _total_line(contract, False),
        "",
        f"On {when_en} I contacted the merchant{via_en}, asked them to cancel the contract and to refund "
        "every charge in full. [DESCRIBE THEIR ANSWER, OR WRITE THAT THEY HAVE NOT ANSWERED OR NOT REFUNDED.]",
        "",
        "Please:",
        "1. investigate these charges and start a chargeback (dispute) for them;",
        "2. stop any further charges from this merchant to my account;",
        "3. tell me which documents you need from me.",
        "",
        "I understand that suspending my card or having it reissued with a new number may not, on its own, "
        "stop this merchant from billing me, so I ask you to block the merchant's charges as well.",
        "",
        "Kind regards,",
        name_en,
        *_contact_lines(d, False),
    ]
    ja = [
        f"{issuer_ja} カスタマーサービス御中",
        "",
        f"{card_ja}に、「{desc}」という加盟店からの請求があります。偽のセキュリティ警告によって結ばされた契約による"
        "請求だと考えており、異議を申し立てたくご連絡しました。",
        "",
        "請求の内容：",
        *_charge_lines(contract, True),
        _total_line(contract, True),
        "",
        f"{when_ja}に加盟店{via_ja}へ連絡し、契約の解約とすべての請求の全額返金を求めました。"
        "［加盟店の回答、または返信がない・返金されていないことを記入］",
        "",
        "お願いしたいこと：",
        "1. これらの請求を調査し、チャージバック（支払いの取消し手続き）を進めてください。",
        "2. この加盟店から私の口座への今後の請求を止めてください。",
        "3. 私から提出が必要な書類があれば教えてください。",
        "",
        "カードの利用停止や番号変更（再発行）だけでは、この加盟店からの請求が止まらないことがあると理解しています。"
        "そのため、加盟店からの請求自体を止める対応もお願いします。",
        "",
        name_ja,
        *_contact_lines(d, True),
    ]
    return _masked(d, Letter(
        subject_en=f"Dispute of charges from \"{desc}\" - request for chargeback",
        body_en="\n".join(en) + "\n",
        subject_ja=f"「{desc}」からの請求への異議申立て（チャージバックのお願い）",
        body_ja="\n".join(ja) + "\n",
        kind="dispute",
        send_lang=issuer_language(contract, details),
    ))


def auto_reply_note(lang: str) -> str:
    """What an automatic acknowledgement looks like and what to do with it (``"en"`` or ``"ja"``)."""
    if lang == "ja":
        return (
            "解約を申し出た直後に英語のメールが届くことがあります。本文に「automatic response」「automatic reply」"
            "「autoreply」などの言葉があれば、それは申し出を受け付けたことを知らせる自動返信です。"
            "チケット番号（ticket number / case number）が書かれていれば控えておき、担当者からの返事を待ちましょう。"
            "割引の提案や解約理由の質問が来たら、もう一度解約と全額返金を求める返信を送ってください。"
            "英語の返信は無料の翻訳サービスなどで内容を確かめられます。"
        )
    if lang == "en":
        return (
            "Right after you send the request, an English email may arrive containing words such as "
            "\"automatic response\", \"automatic reply\" or \"autoreply\". That only confirms your message was "
            "received. If it gives a ticket or case number, keep it, and wait for a person to answer. "
            "If the merchant then offers a discount or asks why you want to cancel, reply again asking for "
            "cancellation and a full refund. A free online translator can help you read replies in English."
        )
    raise ValueError(f"unknown language {lang!r}: use 'en' or 'ja'")


def _masked(d: LetterDetails, letter: Letter) -> Letter:
    """Card numbers masked in every text of the letter (user fields included), never the order or ticket
    number the user or the merchant gave (:func:`audit.masking.mask_card`, prose rule)."""
    keep = (d.order_number, d.ticket)

    def m(text: str) -> str:
        return mask_card(text, context="prose", keep=keep) or ""

    return replace(letter, subject_en=m(letter.subject_en), body_en=m(letter.body_en),
                   subject_ja=m(letter.subject_ja), body_ja=m(letter.body_ja))


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def issuer_language(contract: Contract, details: LetterDetails) -> str:
    """``"ja"`` when the card company is Japanese (billed in yen, or its name typed in Japanese), else ``"en"``."""
    if _CJK.search(details.card_issuer or ""):
        return "ja"
    currencies = {str(ch.get("currency") or contract.currency or "").upper() for ch in contract.charges}
    return "ja" if currencies == {"JPY"} else "en"


def all_letters(contract: Contract, details: LetterDetails) -> dict[str, Letter]:
    """The three letters for one contract, by kind: cancellation, follow_up, dispute."""
    return {
        "cancellation": cancellation_request(contract, details),
        "follow_up": follow_up_request(contract, details),
        "dispute": issuer_dispute(contract, details),
    }


def letter_dict(letter: Letter) -> dict[str, Any]:
    """A JSON-ready dict of the letter."""
    return {"subject_en": letter.subject_en, "body_en": letter.body_en,
            "subject_ja": letter.subject_ja, "body_ja": letter.body_ja}


# The file builders live in audit.cases.mailfile; kept importable from here.
from audit.cases.mailfile import check_address, letter_to_eml, letter_to_txt  # noqa: E402

__all__ = [
    "CURRENCY_PLACEHOLDER",
    "Letter",
    "LetterDetails",
    "all_letters",
    "auto_reply_note",
    "cancellation_request",
    "check_address",
    "currency_missing",
    "follow_up_request",
    "format_money",
    "issuer_dispute",
    "issuer_language",
    "letter_dict",
    "letter_to_eml",
    "letter_to_txt",
    "quote_descriptor",
]
