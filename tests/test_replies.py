"""classify_reply on realistic (made-up) merchant replies, English and Japanese, incl. mixed cases."""

from __future__ import annotations

import pytest

from audit.cases.replies import CATEGORIES, classify_reply

AUTO_EN = """Subject: [Ticket #458213] We received your request

This is an automatic response to let you know that we have received your message.
Your ticket number is 458213. A support agent will get back to you within 48 hours.
Please do not reply to this email."""

AUTO_JA = """このメールはシステムより自動送信されています。
お問い合わせを受け付けました。受付番号：QX-20931
担当者より2営業日以内にご連絡いたします。"""

OFFER_EN = """Hi,

We're sorry to hear you want to leave! As a valued customer we can give you 50% off your next
renewal, or 3 months free if you keep your license active. This special offer is only valid for 7 days.
Just reply YES to accept.

Best regards,
Customer Care"""

OFFER_JA = """いつもご利用ありがとうございます。
解約のご希望を承りましたが、今なら次回更新が50%オフになる特別オファーをご用意しております。
ぜひ継続してご利用ください。"""

QUESTION_EN = """Dear customer,

Thank you for contacting us. Before we proceed, may we ask why you would like to cancel?
Also, could you please confirm your order number so that we can locate your account?

Regards,
Support Team"""

QUESTION_JA = """お問い合わせありがとうございます。
恐れ入りますが、解約理由をお聞かせください。また、注文番号をお知らせいただけますでしょうか。"""

BOTH_EN = """Hello,

Your subscription has been cancelled and we have issued a full refund of USD 199.99.
You will not be charged again. The refund should appear on your statement within 5-10 business days.

Case number: CS-88231"""

CANCEL_ONLY_EN = """Hello,

As requested, your license has been successfully cancelled and auto-renewal is turned off.
Thank you for being our customer."""

REFUND_ONLY_JA = """お客様
ご注文 ORD-5512 について、全額の返金手続きを完了いたしました。カード会社の処理により反映まで数日かかる場合がございます。"""

CANCEL_JA = """お世話になっております。
ご契約の解約手続きが完了しました。今後の請求は一切発生いたしません。
返金につきましては、別途担当部署よりご連絡いたします。"""

NOT_CANCELLED = """Hello,
Unfortunately your subscription has not been cancelled because we could not find your order.
Could you please provide your order number?"""

UNKNOWN = """Hello, our office will be closed for the holiday season. Happy holidays!"""


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (AUTO_EN, "auto_reply"), (AUTO_JA, "auto_reply"), (OFFER_EN, "retention_offer"),
        (OFFER_JA, "retention_offer"), (QUESTION_EN, "question"), (QUESTION_JA, "question"),
        (BOTH_EN, "confirmation"), (CANCEL_ONLY_EN, "confirmation"), (REFUND_ONLY_JA, "confirmation"),
        (CANCEL_JA, "confirmation"), (NOT_CANCELLED, "question"), (UNKNOWN, "unknown"), ("", "unknown"),
    ],
)
def test_categories(text: str, category: str) -> None:
    result = classify_reply(text)
    assert result.category == category
    assert result.category in CATEGORIES
    assert 0.0 <= result.confidence <= 1.0
    assert result.explanation_en and result.explanation_ja and result.next_step_en and result.next_step_ja
    assert (result.matched == []) == (category == "unknown")


def test_auto_reply_with_ticket_number() -> None:
    r = classify_reply(AUTO_EN)
    assert r.ticket == "458213"
    assert "automatic response" in [m.lower() for m in r.matched]
    assert "ticket 458213" in r.matched
    assert "458213" in r.next_step_en and "Wait" in r.next_step_en
    assert "458213" in r.next_step_ja
    assert classify_reply(AUTO_JA).ticket == "QX-20931"


def test_ticket_alone_is_a_weak_auto_reply() -> None:
    r = classify_reply("Ticket ID: 99812 has been created.")
    assert r.category == "auto_reply" and r.confidence < 0.5


def test_retention_offer_points_to_follow_up() -> None:
    r = classify_reply(OFFER_EN)
    assert any("50%" in m for m in r.matched) and any("keep your license" in m.lower() for m in r.matched)
    assert "follow-up" in r.next_step_en
    assert "フォローアップ" in r.next_step_ja


def test_question_answer_and_restate() -> None:
    r = classify_reply(QUESTION_EN)
    assert "order number" in r.next_step_en and "restate" in r.next_step_en
    assert "auto_reply" in r.flags  # "Thank you for contacting us" is also there


def test_confirmation_both() -> None:
    r = classify_reply(BOTH_EN)
    assert r.cancelled and r.refunded
    assert "both" in r.explanation_en
    assert r.ticket == "CS-88231"


def test_cancellation_without_refund_says_refund_pending() -> None:
    for text in (CANCEL_ONLY_EN, CANCEL_JA):
        r = classify_reply(text)
        assert r.cancelled and not r.refunded
        assert "pending" in r.explanation_en
        assert "返金はまだ" in r.explanation_ja
        assert "full refund" in r.next_step_en


def test_refund_without_cancellation_asks_for_cancellation() -> None:
    r = classify_reply(REFUND_ONLY_JA)
    assert r.refunded and not r.cancelled
    assert "cancelled" in r.next_step_en


def test_negated_cancellation_is_not_a_confirmation() -> None:
    r = classify_reply(NOT_CANCELLED)
    assert not r.cancelled
    assert r.category == "question"
