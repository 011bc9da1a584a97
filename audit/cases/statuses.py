"""The life of one case: its statuses, when to act next, and what a merchant's reply moves it to.

The advice this project follows is a process over weeks: write to every merchant, keep writing through
auto-replies and discount offers, ask the card company for a dispute when the merchant refuses or goes
quiet, and check the statements until the refund arrives. Each status says what the next step is and
after how many days it is due; :func:`next_actions` turns the cases into a dated to-do list read
against an "as of" date, so a date already past reads as overdue, never as upcoming.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

STATUSES = ("to_write", "sent", "auto_reply", "discount_offered", "refused", "cancelled", "refunded", "disputed")
CLOSED = ("refunded",)

LABELS: dict[str, tuple[str, str]] = {
    "to_write": ("to write", "未送信"),
    "sent": ("request sent", "申し出済み"),
    "auto_reply": ("auto-reply received", "自動返信あり"),
    "discount_offered": ("discount offered", "割引の提案あり"),
    "refused": ("refused", "拒否された"),
    "cancelled": ("cancelled, refund pending", "解約済み・返金待ち"),
    "refunded": ("refunded", "返金済み"),
    "disputed": ("disputed with the card company", "カード会社に異議申立て中"),
}

# (days until the next step is due, next step in English, in Japanese); None: nothing more to do.
NEXT_STEP: dict[str, tuple[int, str, str] | None] = {
    "to_write": (0, "send the cancellation and refund request", "解約・返金の申し出を送る"),
    "sent": (7, "no answer yet: send the request again", "返事がなければもう一度申し出を送る"),
    "auto_reply": (7, "no person has answered: write again, quoting the ticket number",
                   "担当者から返事がなければ、チケット番号を添えて再度連絡する"),
    "discount_offered": (0, "decline the offer: send the follow-up letter", "提案を断るフォローアップを送る"),
    "refused": (0, "ask the card company for a dispute (chargeback)", "カード会社に異議申立て（チャージバック）を依頼する"),
    "cancelled": (30, "check the statement for the refund; ask again if it has not come",
                  "明細で返金を確認し、なければ再度求める"),
    "disputed": (30, "ask the card company how the dispute stands", "カード会社に異議申立ての進み具合を確認する"),
    "refunded": None,
}

# A case with no merchant to write to (gift cards or prepaid value bought at shops): what to do instead.
LETTERLESS_STEP = ("no merchant to write to: register unused codes to your own account, report used ones to the "
                   "card's issuer (see the contract)",
                   "申し出る相手はいません。未使用の番号は自分のアカウントに登録し、使われた番号は発行会社に通報する"
                   "（契約の欄を参照）")


def is_prepaid_only(c: Any) -> bool:
    """A contract flagged only as a prepaid/gift-card burst: no merchant to write to, prepaid advice instead."""
    kinds = list(getattr(c, "kinds", None) or [])
    return bool(kinds) and all(k == "prepaid_burst" for k in kinds)


# Many card networks accept a dispute only for a limited time after the charge (often about 120 days;
# each card company sets its own rules). Shown as a rough guide with that caveat, never as a fact.
DISPUTE_WINDOW_DAYS = 120


def label(status: str, lang: str) -> str:
    """The status in words (``lang`` ``"en"`` or ``"ja"``)."""
    en, ja = LABELS.get(status, (status, status))
    return ja if lang == "ja" else en


def check_status(status: str) -> str:
    """``status`` if it is one of :data:`STATUSES`; else ``ValueError`` naming the allowed ones."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    return status


def due_after(status: str, on: date) -> date | None:
    """When the next step falls due for a case that reached ``status`` on ``on`` (None: closed)."""
    step = NEXT_STEP.get(status)
    return None if step is None else on + timedelta(days=step[0])


def status_from_reply(category: str, cancelled: bool, refunded: bool, current: str) -> str:
    """The status a classified merchant reply moves a case to (``current`` when nothing changes)."""
    if category == "confirmation":
        if refunded:
            return "refunded" if cancelled or current in ("cancelled", "refunded") else "cancelled"
        return "cancelled" if cancelled else current
    if category == "retention_offer":
        return "discount_offered"
    if category == "auto_reply":
        return "auto_reply"
    if category == "question":
        return "sent" if current == "to_write" else current
    return current


@dataclass
class Action:
    """One dated step of the to-do list."""

    due: date
    overdue: bool
    client: str
    key: str
    merchant: str
    status: str
    step_en: str
    step_ja: str
    kind: str = "follow_up"  # "follow_up", "dispute" (ask the card company now) or "dispute_deadline"
    card: str = ""  # the card(s) of the case, as the store keeps them
    ref: str = ""  # the case's short id (C-0007)

    def step(self, lang: str) -> str:
        return self.step_ja if lang == "ja" else self.step_en


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def next_actions(cases: list[dict[str, Any]], as_of: date) -> list[Action]:
    """Follow-ups due and dispute deadlines across ``cases`` (dicts as :class:`CaseStore` lists them).

    Every open case gives its next step (due date from the store, or from its status; a refused case's step
    is the dispute with the card company, kind ``"dispute"``); a case not yet disputed or refunded also gives
    the rough dispute deadline after its last charge, which stays on the list once passed (overdue: the
    card company may still help). Sorted by date; ``overdue`` when the date is before ``as_of``.
    """
    out: list[Action] = []
    for c in cases:
        status = str(c.get("status") or "to_write")
        who = (str(c.get("client") or ""), str(c.get("key")), str(c.get("merchant")), status)
        card = str(c.get("card") or "")
        ref = str(c.get("ref") or "")
        step = NEXT_STEP.get(status)
        letterless = bool(c.get("letterless"))
        if letterless and status == "to_write":  # no request to send: the gift-card advice instead
            step = (0, *LETTERLESS_STEP)
        if step is not None:
            due = _day(c.get("next_due")) or as_of
            out.append(Action(due, due < as_of, *who, step[1], step[2],
                              kind="dispute" if status == "refused" else "follow_up", card=card, ref=ref))
        last = _day(c.get("last_date"))
        if last and status not in ("disputed", "refunded"):
            deadline = last + timedelta(days=DISPUTE_WINDOW_DAYS)
            late = deadline < as_of
            if late:
                en = (f"rough dispute deadline passed (about {DISPUTE_WINDOW_DAYS} days after the last charge): "
                      "ask your card company anyway")
                ja = f"異議申立ての目安（最終請求から約{DISPUTE_WINDOW_DAYS}日）を過ぎました。それでもカード会社に相談を"
            else:
                en = (f"dispute deadline (rough guide: about {DISPUTE_WINDOW_DAYS} days after the last charge; "
                      "ask your card company)")
                ja = f"異議申立ての目安の期限（最終請求から約{DISPUTE_WINDOW_DAYS}日。カード会社に確認を）"
            out.append(Action(deadline, late, *who, en, ja, kind="dispute_deadline", card=card, ref=ref))
    out.sort(key=lambda a: (a.due, a.client, a.merchant, a.kind))
    return out
