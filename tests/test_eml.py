"""parse_order_email on order confirmations built in the test (fictional merchants)."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from audit.cases.eml import OrderEmail, html_to_text, parse_order_email


def mail(body: str, *, html: str | None = None, subject: str = "Order confirmation",
         sender: str = "FakeGuard Store <noreply@fakeguard.example>", reply_to: str | None = None,
         to: str = "Hanako <hanako@example.com>", date: str = "Tue, 04 Mar 2025 10:00:00 +0900") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = date
    if reply_to:
        msg["Reply-To"] = reply_to
    if body:
        msg.set_content(body)
        if html:
            msg.add_alternative(html, subtype="html")
    else:
        msg.set_content(html or "", subtype="html")
    return msg.as_bytes()


PLAIN_EN = """Thank you for your order!

Order number: FG-2025-00481
Order date: March 3, 2025
Product: FakeGuard Total Protection (5-year licence)
Total: USD 199.99 (incl. tax)

Questions? Write to support@fakeguard.example. Please do not reply to this message.
"""


def test_plain_english() -> None:
    r = parse_order_email(mail(PLAIN_EN))
    assert isinstance(r, OrderEmail)
    assert r.order_number == "FG-2025-00481"
    assert r.purchase_date == "2025-03-03"
    assert r.product == "FakeGuard Total Protection (5-year licence)"
    assert r.amount == "USD 199.99 (incl. tax)"
    assert r.merchant_email == "support@fakeguard.example"  # body support address beats noreply From
    assert r.merchant_name == "FakeGuard Store"
    assert r.customer_email == "hanako@example.com"
    assert r.reply_to is None


def test_html_only_japanese_labels_table() -> None:
    html = """<html><head><style>td {color: red}</style></head><body>
    <h1>ご注文確認</h1>
    <table><tr><td>ご注文番号</td><td>JP&#45;778899</td></tr>
    <tr><td>ご注文日</td><td>2025年2月10日</td></tr>
    <tr><td>商品名</td><td>PCクリーナー プレミアム &amp; サポート</td></tr>
    <tr><td>お支払い金額</td><td>￥9,800</td></tr></table>
    <p>お問い合わせ: <a href="mailto:help@pc-cleaner.example">こちら</a></p>
    <script>var x = "Order number: WRONG1";</script>
    </body></html>"""
    r = parse_order_email(mail("", html=html, sender="billing@pc-cleaner.example", subject="ご注文ありがとうございます"))
    assert r.order_number == "JP-778899"
    assert r.purchase_date == "2025-02-10"
    assert r.product == "PCクリーナー プレミアム & サポート"
    assert r.amount == "￥9,800"
    assert r.merchant_email == "help@pc-cleaner.example"
    assert r.merchant_name == "pc-cleaner"


def test_reply_to_and_order_hash_and_header_date() -> None:
    body = "Hi Hanako,\nYour Order #A77102 is confirmed.\nItem: SpeedFix Pro\nAmount charged  EUR 39.90\n"
    r = parse_order_email(mail(body, sender="SpeedFix <orders@speedfix.example>",
                               reply_to="SpeedFix Care <care@speedfix.example>"))
    assert r.order_number == "A77102"
    assert r.reply_to == "care@speedfix.example"
    assert r.merchant_email == "care@speedfix.example"
    assert r.product == "SpeedFix Pro"
    assert r.amount == "EUR 39.90"
    assert r.purchase_date == "2025-03-04"  # no date in the body: the Date header


def test_order_number_from_subject_and_label_on_next_line() -> None:
    r = parse_order_email(mail("Order ID\nXK-99120\n", subject="Receipt"))
    assert r.order_number == "XK-99120"
    r2 = parse_order_email(mail("Thanks for buying.", subject="Your order reference: 55-1200"))
    assert r2.order_number == "55-1200"


def test_multipart_prefers_plain_and_no_order_number() -> None:
    r = parse_order_email(mail("Thank you for your purchase.\nFor your reference, keep this mail.",
                               html="<p>Order number: 999999</p>"))
    assert r.order_number is None
    assert r.merchant_email is None  # only a noreply sender
    assert r.product is None and r.amount is None


def test_html_to_text() -> None:
    text = html_to_text("<div>A&amp;B</div><table><tr><td>x</td><td> y </td></tr></table><style>p{}</style>")
    assert text.splitlines() == ["A&B", "x\ty"]


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", b"%PDF-1.7 binary", b"\x00\x01\x02\x03 not text", b"just some words\nwithout headers\n", "text"],
)
def test_bad_input(data) -> None:
    with pytest.raises(ValueError) as info:
        parse_order_email(data)
    assert "\n" not in str(info.value) and str(info.value).startswith("order email:")
