"""Sort a merchant's answer to a cancellation request and say what to do next.

Categories, checked in this order (the first that has a cue wins):

``confirmation``     the contract is cancelled and/or a refund was made or promised;
``retention_offer``  a discount, free months or "keep your licence" instead of cancelling;
``question``         the merchant asks why, or asks for an order number or other details;
``auto_reply``       an automatic acknowledgement ("automatic response", "autoreply", a new ticket);
``unknown``          nothing recognised: read it yourself (a translator helps).

Cues are English and Japanese phrases, matched case-insensitively after NFKC folding. A cue in a
sentence that also holds a negation ("has not been cancelled", "返金できません") does not count.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_REPLY_CHARS = 100_000  # a pasted reply longer than this is cut (the cues are near the top)
CATEGORIES = ("auto_reply", "retention_offer", "question", "confirmation", "unknown")


@dataclass
class ReplyAssessment:
    """What a reply is, the phrases that show it, and the next step (English and Japanese)."""

    category: str
    confidence: float  # 0-1
    matched: list[str]
    explanation_en: str
    explanation_ja: str
    next_step_en: str
    next_step_ja: str
    ticket: str | None = None  # ticket / case number, when the reply gives one
    cancelled: bool = False  # the reply confirms the cancellation
    refunded: bool = False  # the reply confirms a refund (made or on its way)
    flags: list[str] = field(default_factory=list)  # other categories that also had cues


def _rx(*patterns: str) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


CANCEL_DONE = _rx(
    r"\b(has|have) been (successfully )?(cancell?ed|terminated|deactivated)",
    r"\b(is|was) (now )?(successfully )?(cancell?ed|terminated|deactivated)",
    r"\bwe (have|'ve) (successfully )?(cancell?ed|terminated|deactivated)",
    r"\bcancell?ation (has been|is|was) (successfully )?(processed|completed?|confirmed|done)",
    r"\bconfirm(ing)? (the|your) cancell?ation",
    r"\bsubscription (has )?ended",
    r"解約(手続き)?(が|は)?完了", r"解約(いた)?しました", r"解約させていただきました", r"キャンセル(が|は)?完了",
    r"キャンセル(いた)?しました", r"自動更新を停止(いた)?しました",
)
# Cancellation cues that are negative by nature ("no further charges"): not subject to the negation check.
NO_MORE_CHARGES = _rx(
    r"\bwill not be (charged|billed) (again|any ?more)", r"\bwon't be (charged|billed) (again|any ?more)",
    r"\bno (further|more|future) (charges|payments|billing)( will)?",
    r"今後(の)?(請求|課金|引き落とし)(は|が)?(一切)?(発生(いた)?しません|ございません|ありません|行われません)",
)
REFUND_DONE = _rx(
    r"\brefund (has been|was|is being) (issued|processed|initiated|approved|sent|made)",
    r"\b(we|i) (have|'ve) (issued|processed|initiated|approved|sent) (a|the|your|you a) (full )?refund",
    r"\b(we|i) (have|'ve) refunded",
    r"\b(has|have) been refunded",
    r"\b(you will|you'll) (receive|see|get) (a|the|your) (full )?refund",
    r"\brefund (of|for) .{0,40}(will|should) (appear|be credited|be returned|reach)",
    r"\bfull refund (has been|was|will be) (issued|processed|credited|made)",
    r"返金(手続き|処理)?(が|は|を)?(完了|実施|行いました|いたしました|しました|させていただきました)",
    r"返金(いた)?しました", r"返金されます", r"返金(を)?(承認|手配)",
)
RETENTION = _rx(
    r"\b\d{1,3} ?% ?(off|discount)", r"\bdiscount", r"\bfree (month|months|year|upgrade|of charge)",
    r"\b(\d+|one|two|three|six) (extra )?months? (free|at no (extra )?(cost|charge))",
    r"\bkeep (your|the) (licen[cs]e|subscription|protection|account)", r"\bspecial offer",
    r"\binstead of cancell?ing", r"\bexclusive (offer|deal)", r"\bhalf (the )?price", r"\breduced price",
    r"\bdowngrade", r"\bwe('d| would) (hate|be sorry) to see you go", r"\bcontinue (to enjoy|using|your protection)",
    r"割引", r"値引", r"\d+ ?%オフ", r"無料(期間|で|延長)", r"ヶ月無料", r"か月無料", r"継続(して|いただ)",
    r"特別(な)?(オファー|価格|プラン)", r"半額",
)
QUESTION = _rx(
    r"\bwhy (do|would) you (want|wish|like) to cancel", r"\breason for (your )?(cancell?ation|cancell?ing)",
    r"\bmay we ask (why|the reason)", r"\b(let us know|tell us) (why|the reason)",
    r"\b(please|kindly) (confirm|provide|send|share|tell us|let us know)( us)? (your|the)",
    r"\bcould you (please )?(confirm|provide|send|share|tell us)", r"\bwe (could not|couldn't|cannot|can't|were unable to) (find|locate)",
    r"\bwhat is (your|the) (order|licen[cs]e|account)", r"\bverify (your|the) (identity|account|order)",
    r"解約(の)?理由", r"理由を(お)?(教え|聞かせ|お知らせ)", r"注文番号を(お)?(教え|知らせ|確認)", r"ご確認(いただけ|ください)",
    r"お知らせ(いただけ|ください)", r"教えていただけ",
)
AUTO = _rx(
    r"\bautomatic (response|reply|message|email|e-mail)", r"\bauto[- ]?reply", r"\bautoreply", r"\bauto[- ]?response",
    r"\bautomated (response|reply|message|email|e-mail)", r"\bthis is an automated",
    r"\b(please )?do not reply (to|directly)", r"\bno[- ]?reply",
    r"\bwe (have )?received your (request|message|email|e-mail|inquiry|enquiry)",
    r"\b(thank you|thanks) for contacting", r"\bwithin (\d+|24|48|72) (business |working )?(hours|days)",
    r"\b(a|our) (support )?(agent|representative|team member) will (get back|respond|contact|reply)",
    r"自動返信", r"自動送信", r"自動応答", r"このメールは(システムより)?自動", r"受け付けました", r"受付いたしました",
    r"担当者(より|から)",
)
TICKET = re.compile(
    r"(?:\b(?:ticket|case|request|reference|incident) ?(?:number|no\.?|id|#)? ?(?:is|:|#)? ?#? ?"
    r"|(?:受付番号|チケット番号|お問い合わせ番号|問い合わせ番号|管理番号) ?(?:は)? ?[:：]? ?)"
    r"([A-Z0-9][A-Z0-9-]{3,40})",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(not|n't|never|unable|cannot|no longer able|only after|once you|if you|before we can|unless)\b"
    r"|ません|できず|ない(?:ため|ので|です|。|$)|できかね",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("’", "'")


def _find(sentences: list[str], patterns: list[re.Pattern[str]], *, skip_negated: bool) -> list[str]:
    found: list[str] = []
    for s in sentences:
        for p in patterns:
            m = p.search(s)
            if m and not (skip_negated and NEGATION.search(s)):
                cue = m.group(0).strip()
                if cue not in found:
                    found.append(cue)
    return found


def _ticket(text: str) -> str | None:
    for m in TICKET.finditer(" ".join(text.split())):
        value = m.group(1)
        if any(ch.isdigit() for ch in value):
            return value
    return None


def classify_reply(text: str) -> ReplyAssessment:
    """Category of a merchant reply (English or Japanese), the cues found and the next step."""
    body = _fold((text or "")[:MAX_REPLY_CHARS])
    sentences = [s.strip() for s in _SENTENCE.findall(body) if s.strip()]
    cancel = _find(sentences, CANCEL_DONE, skip_negated=True) + _find(sentences, NO_MORE_CHARGES, skip_negated=False)
    refund = _find(sentences, REFUND_DONE, skip_negated=True)
    offer = _find(sentences, RETENTION, skip_negated=False)
    ask = _find(sentences, QUESTION, skip_negated=False)
    auto = _find(sentences, AUTO, skip_negated=False)
    ticket = _ticket(body)
    if ticket:
        auto_cues = [*auto, f"ticket {ticket}"]
    else:
        auto_cues = auto

    hits = {"confirmation": cancel + refund, "retention_offer": offer, "question": ask, "auto_reply": auto_cues}
    category = next((c for c in ("confirmation", "retention_offer", "question", "auto_reply") if hits[c]), "unknown")
    others = [c for c, cues in hits.items() if cues and c != category]
    matched = hits.get(category, [])
    strength = len(matched)
    confidence = 0.0 if category == "unknown" else min(0.95, 0.55 + 0.15 * strength - 0.1 * len(others))
    if category == "auto_reply" and not auto:  # only a ticket number
        confidence = 0.4
    explanation_en, explanation_ja, step_en, step_ja = _advice(category, bool(cancel), bool(refund), ticket)
    if category != "auto_reply" and ticket:
        step_en += f" Keep the ticket number {ticket} and quote it in your reply."
        step_ja += f"チケット番号 {ticket} を控え、返信に書き添えてください。"
    return ReplyAssessment(
        category=category,
        confidence=round(max(confidence, 0.0), 2),
        matched=matched,
        explanation_en=explanation_en,
        explanation_ja=explanation_ja,
        next_step_en=step_en,
        next_step_ja=step_ja,
        ticket=ticket,
        cancelled=bool(cancel),
        refunded=bool(refund),
        flags=others,
    )


def _advice(category: str, cancelled: bool, refunded: bool, ticket: str | None) -> tuple[str, str, str, str]:
    if category == "confirmation":
        if cancelled and refunded:
            return (
                "The merchant confirms both the cancellation and a refund.",
                "事業者が解約と返金の両方を確認しています。",
                "Keep this email. Check your next card statements: the refund should appear as a credit and no "
                "new charge should come. If either goes wrong, contact your card issuer with this email.",
                "このメールは保管してください。次回以降のカード明細で、返金が入っていること、新しい請求がないことを"
                "確かめましょう。問題があれば、このメールを添えてカード会社に相談してください。",
            )
        if cancelled:
            return (
                "The merchant confirms the cancellation, but says nothing about a refund: the refund is still "
                "pending.",
                "解約は確認されていますが、返金については書かれていません。返金はまだ済んでいません。",
                "Reply asking for the full refund of every charge, with the amount and the date it will be "
                "paid, in writing. Keep this email as proof of the cancellation.",
                "すべての請求の全額返金を求め、金額と返金日を書面（メール）で示すよう返信してください。"
                "解約の証拠としてこのメールは保管しましょう。",
            )
        return (
            "The merchant confirms a refund, but not that the contract is cancelled.",
            "返金は確認されていますが、契約の解約については書かれていません。",
            "Reply asking them to confirm in writing that the contract and any automatic renewal are "
            "cancelled and that no further charges will be made. Check that the refund reaches your card.",
            "契約と自動更新が解約され、今後請求がないことを書面（メール）で確認するよう返信してください。"
            "返金がカードに入ったかも確かめましょう。",
        )
    if category == "retention_offer":
        return (
            "The merchant offers a discount or other deal instead of cancelling.",
            "事業者が解約の代わりに割引などの提案をしています。",
            "Do not accept. Send the follow-up request: decline the offer and repeat that you want the "
            "cancellation and a full refund. Keep writing until they confirm the cancellation.",
            "提案は受けないでください。フォローアップの文面（提案を断り、解約と全額返金を改めて求めるもの）を送りましょう。"
            "解約完了の連絡が来るまで、粘り強く申し出を続けてください。",
        )
    if category == "question":
        return (
            "The merchant asks a question (a reason for cancelling, or details to find your order).",
            "事業者が質問をしています（解約の理由、または注文を探すための情報など）。",
            "Answer briefly: give the order number or email address they ask for; as a reason, it is enough "
            "that you no longer want the product. Then restate that you want the cancellation and a full "
            "refund (the follow-up request does this).",
            "簡潔に答えましょう。求められた注文番号やメールアドレスを伝え、理由は「商品が不要になった」で十分です。"
            "そのうえで、解約と全額返金を改めて求めてください（フォローアップの文面が使えます）。",
        )
    if category == "auto_reply":
        keep_en = f" Keep the ticket number {ticket}." if ticket else " Keep any ticket or case number it gives."
        keep_ja = f"チケット番号 {ticket} を控えておきましょう。" if ticket else "チケット番号などがあれば控えておきましょう。"
        return (
            "This is an automatic acknowledgement: your message was received, nobody has answered yet.",
            "受付を知らせる自動返信です。まだ担当者からの回答ではありません。",
            "Wait for the real answer." + keep_en + " If nothing comes within about a week, send the request again.",
            "担当者からの返事を待ってください。" + keep_ja + "1週間ほど何も来なければ、もう一度申し出を送りましょう。",
        )
    return (
        "No known pattern was recognised in this reply.",
        "この返信からは、既知のパターンが見つかりませんでした。",
        "Read it carefully (a free online translator helps). Until the merchant confirms the cancellation "
        "and the refund, keep repeating your request.",
        "内容をよく読んでください（無料の翻訳サービスが役立ちます）。解約と返金の確認が届くまで、申し出を続けましょう。",
    )
