"""The case file on the page: status per contract, letters and replies kept, and what to do next.

The store is :class:`audit.cases.store.CaseStore` (one SQLite file in the user's data folder; its path
is shown in the sidebar). When it cannot be opened the page still works, without memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from audit.cases.money import paid_by_currency
from audit.cases.statuses import STATUSES, label, next_actions
from audit.cases.store import CaseStore
from audit.detection.gift_groups import group_name
from views.common import lang, md, md_line, money, totals, tr


@dataclass
class CaseContext:
    """What a contract card needs from the case file: the store, whose cases, and the "as of" date."""

    store: CaseStore | None
    client: str
    cases: dict[str, dict[str, Any]] = field(default_factory=dict)  # by contract id
    as_of: date = field(default_factory=date.today)
    standings: dict[str, str] = field(default_factory=dict)  # merchant-list standing by contract id
    issuers: dict[str, str] = field(default_factory=dict)  # the card company of each contract's card, by id
    several_cards: bool = False  # the client's statements are on more than one card
    sample: bool = False  # the statements are the bundled samples

    def case(self, contract_id: str) -> dict[str, Any] | None:
        return self.cases.get(contract_id)


def open_store() -> CaseStore | None:
    """The case store, or ``None`` (with a one-line warning) when its file cannot be opened."""
    try:
        return CaseStore()
    except Exception as exc:  # a read-only home, a locked file: the page still works without memory
        st.warning(md_line(tr("store_failed", why=" ".join(str(exc).split())[:160])))
        return None


def sample_store() -> CaseStore | None:
    """A case file for the samples of this session only (a private temporary folder), so trying the sample
    never writes cases into the user's own case file."""
    import tempfile
    from pathlib import Path

    folder = st.session_state.get("_sample_store_dir")
    if not folder or not Path(folder).is_dir():
        folder = tempfile.mkdtemp(prefix="card-audit-sample-")  # owner-only (0700)
        st.session_state["_sample_store_dir"] = folder
    try:
        return CaseStore(Path(folder) / "sample-cases.sqlite3")
    except Exception as exc:  # the page still works without memory
        st.warning(md_line(tr("store_failed", why=" ".join(str(exc).split())[:160])))
        return None


def store_caption(store: CaseStore | None, sample: bool = False) -> None:
    if store is not None:
        st.caption(tr("store_sample") if sample else md_line(tr("store_path", path=store.path)))


def as_of_input(key: str) -> date:
    """The "as of" date every due date and expected charge is read against (today unless changed)."""
    value = st.date_input(tr("as_of"), value=date.today(), key=key, format="YYYY-MM-DD")
    return value if isinstance(value, date) else date.today()


def sync_cases(store: CaseStore | None, client: str, contracts: list[Any]) -> dict[str, dict[str, Any]]:
    """Open (or find) a case for every suspicious contract; returns the cases by contract id."""
    if store is None:
        return {}
    bad = [c for c in contracts if c.suspicious]
    if not bad:  # nothing to keep: no client is created in the case file
        return {}
    keys = store.sync_contracts(client, bad)  # a contract continuing an earlier case gets that case's key
    by_key = {c["key"]: c for c in store.cases(client)}
    return {c.id: by_key[k] for c, k in zip(bad, keys, strict=True) if k in by_key}


TODO_ROWS_SHOWN = 3  # the to-do rows shown at once (the page stays short); the others one click away


def render_next_actions(cases: list[dict[str, Any]], as_of: date, key: str, show_client: bool = True,
                        contract_of: dict[str, str] | None = None) -> None:
    """The dated to-do list across contracts: overdue first, then what is due soon; a card column when the
    cases are on several cards (two identical rows would otherwise be two cards' contracts)."""
    from views.cards import card_name

    st.markdown(f"**{tr('next_header', date=as_of.isoformat())}**")
    actions = next_actions(cases, as_of)
    if not actions:
        st.caption(tr("next_none"))
        return
    several_cards = len({a.card for a in actions}) > 1
    rows = []
    for a in actions[:200]:
        when = tr("overdue_since", date=a.due.isoformat()) if a.overdue else tr("due_on", date=a.due.isoformat())
        # what to do right after when: the step is what a reader needs, the rest says which contract
        row = {tr("col_due"): when, tr("col_step"): a.step(lang())}
        if show_client:
            row[tr("col_client")] = a.client
        if contract_of:
            row[tr("col_contract")] = contract_of.get(a.key, "")
        row[tr("col_merchant")] = group_name(a.merchant, lang())
        if several_cards:
            row[tr("col_card")] = ", ".join(card_name(x) for x in a.card.split(",") if x) or tr("none")
        row[tr("col_status")] = label(a.status, lang())
        rows.append(row)
    # a static table: every step is read whole (a long one wraps), at any width; the rest one click away
    frame = pd.DataFrame(rows)
    with st.container(key=key + "_todo"):  # the step column keeps a readable width (views.common.page_style)
        st.table(frame.head(TODO_ROWS_SHOWN).style.hide(axis="index"))
        if len(rows) > TODO_ROWS_SHOWN:
            with st.expander(tr("todo_more", n=len(rows), rest=len(rows) - TODO_ROWS_SHOWN)):
                st.table(frame.iloc[TODO_ROWS_SHOWN:].style.hide(axis="index"))


def status_control(store: CaseStore | None, case: dict[str, Any] | None, key: str, client: str) -> None:
    """Status picker for one case; a change is stored with today's date."""
    if store is None or case is None:
        return
    current = case["status"]
    names = {s: label(s, lang()) for s in STATUSES}
    pick = st.selectbox(tr("case_status"), STATUSES, index=STATUSES.index(current) if current in STATUSES else 0,
                        format_func=names.__getitem__,
                        # the language in the key: a widget keeps its option labels across reruns
                        key=f"{key}status_{current}" + ("" if lang() == "ja" else f"_{lang()}"))
    if pick != current:
        store.set_status(case["key"], pick, client=client, note="page")
        st.rerun()
    due = case.get("next_due")
    bits = [tr("case_next_due", date=due) if due else tr("case_closed")]
    if case.get("ticket"):
        bits.append(tr("reply_ticket", ticket=case["ticket"]))
    st.caption(md(" · ".join(bits)))


def record_letter_button(store: CaseStore | None, case: dict[str, Any] | None, kind: str, text: str, key: str,
                         client: str, details: Any = None) -> None:
    """"Mark as sent": the letter kept in the case file, with the merchant address, order number and product it
    quoted (``details``), so the case file holds what was sent."""
    if store is None or case is None:
        return
    sent = [x for x in store.case(case["key"], client)["letters"] if x["kind"] == kind]
    if sent:
        st.caption(tr("letter_sent_on", dates=", ".join(x["sent_on"] for x in sent)))
    if st.button(tr("letter_mark_sent"), key=f"{key}{kind}_sent"):
        quoted = {f: str(getattr(details, f, "") or "").strip() for f in ("merchant_email", "order_number", "product")}
        if any(quoted.values()):
            store.set_details(case["key"], client=client, **{k: v for k, v in quoted.items() if v})
        store.record_letter(case["key"], kind, text, client=client)
        st.rerun()


def history(store: CaseStore | None, case: dict[str, Any] | None, client: str) -> None:
    if store is None or case is None:
        return
    full = store.case(case["key"], client)
    if not (full["events"] or full["replies"]):
        return
    with st.expander(tr("case_history")):
        from audit.ui_messages import history_note

        lines = [f"- {e['on_date']}: {md(label(e['new'], lang()))} {md(history_note(e['note'], lang()))}"
                 for e in full["events"]]
        lines += [f"- {r['received_on']}: {md(tr('reply_received', category=tr('cat_' + r['category'])))}"
                  + (f" {md(tr('reply_ticket', ticket=r['ticket']))}" if r.get("ticket") else "")
                  for r in full["replies"]]
        st.markdown("\n".join(lines))


CHART_HEIGHT = 190  # px for one currency's chart: a readable plot with the legend just above it


def month_ticks(dates: pd.Series, most: int = 8) -> tuple[list[str], list[str]]:
    """A date axis's domain (half a month beyond the first and last date, so a single bar has room and a label)
    and its ticks: the first of each month inside it, every second or third month when there are many."""
    lo, hi = dates.min() - pd.Timedelta(days=16), dates.max() + pd.Timedelta(days=16)
    months = pd.date_range(lo.to_period("M").to_timestamp(), hi, freq="MS")
    months = months[(months >= lo) & (months <= hi)]
    step = max(1, -(-len(months) // most))
    return [lo.isoformat(), hi.isoformat()], [m.isoformat() for m in months[::step]]


# One colour per series whatever the page's language (the labels differ, the colours never swap): what was
# charged dark, what is only expected lighter, refunds green. Keys are the series' text keys, in legend order.
SERIES_COLOURS = {"chart_charge": "#1f4e89", "chart_paid": "#1f4e89", "chart_refund": "#3a9a5b",
                  "chart_next": "#9ecae1", "chart_overdue": "#f4b183"}


def series_scale(keys: Any) -> alt.Scale:
    """The colour scale of the series present (``keys``: text keys of :data:`SERIES_COLOURS`): fixed colours,
    the labels in the page's language."""
    present = [k for k in SERIES_COLOURS if k in set(keys)]
    return alt.Scale(domain=[tr(k) for k in present], range=[SERIES_COLOURS[k] for k in present])


def _bar_chart(df: pd.DataFrame, x: Any, tooltip: list[Any], x_offset: str | None = None) -> None:
    """One bar chart per currency (amounts in two currencies never share an axis), legend close above; every
    series keeps its colour in every language (``df["series"]``: its text key)."""
    from audit.cases.money import currency_label

    for currency, part in df.groupby("currency", sort=True):
        enc: dict[str, Any] = {
            "x": x,
            "y": alt.Y("amount:Q", title=currency_label(str(currency), lang()),
                       axis=alt.Axis(tickCount=4, labelOverlap=True, format="~s")),
            "color": alt.Color("what:N", title=None, scale=series_scale(part["series"]),
                               legend=alt.Legend(orient="top", direction="horizontal", labelLimit=200, offset=4,
                                                 padding=0, symbolType="square")),
            "tooltip": tooltip,
        }
        if x_offset:
            enc["xOffset"] = x_offset
        chart = alt.Chart(part).mark_bar(size=9 if not x_offset else alt.Undefined).encode(**enc)
        st.altair_chart(chart.properties(height=CHART_HEIGHT - 60), height=CHART_HEIGHT)


def contract_chart(c: Any, as_of: date) -> None:
    """Charges, refunds and the next expected charge of one contract, as bars on a date axis (per currency)."""
    rows = [{"date": ch.get("date"), "amount": float(ch.get("amount") or 0.0), "series": "chart_charge",
             "currency": ch.get("currency") or c.currency} for ch in c.charges]
    rows += [{"date": r.get("date"), "amount": -float(r.get("amount") or 0.0), "series": "chart_refund",
              "currency": r.get("currency") or c.currency} for r in c.refunds]
    if c.next_expected_date and c.next_expected_amount is not None:
        late = str(c.next_expected_date) < as_of.isoformat()
        rows.append({"date": c.next_expected_date, "amount": float(c.next_expected_amount),
                     "series": "chart_overdue" if late else "chart_next",
                     "currency": c.currency or (c.charges[-1].get("currency") if c.charges else "")})
    df = pd.DataFrame(rows)
    df["what"] = [tr(k) for k in df["series"]]
    df["date"] = pd.to_datetime(df["date"], errors="coerce")
    df = df.dropna(subset=["date"])
    if df.empty:
        return
    df["shown"] = [money(a, cur) for a, cur in zip(df["amount"], df["currency"], strict=True)]
    domain, ticks = month_ticks(df["date"])  # a label under one bar too, and one per month shown
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=domain),
              axis=alt.Axis(format="%Y-%m", values=ticks, labelOverlap=True, labelAngle=0))
    _bar_chart(df, x, [alt.Tooltip("date:T", title=tr("col_date"), format="%Y-%m-%d"),
                       alt.Tooltip("shown:N", title=tr("col_amount")), alt.Tooltip("what:N", title=tr("col_kind"))])


def client_chart(contracts: list[Any]) -> None:
    """One client's paid and refunded amounts by month, per currency."""
    from audit.cards import card_of
    from audit.cases.money import is_unstated, unstated_bucket

    def bucket(c: Any, cur: str) -> str:  # a currency the statement does not state: one chart per card
        return unstated_bucket(card_of(c)) if is_unstated(cur) else cur

    rows = []
    for c in contracts:
        for ch in c.charges:
            rows.append({"month": str(ch.get("date") or "")[:7], "currency": bucket(c, ch.get("currency") or c.currency),
                         "series": "chart_paid", "amount": float(ch.get("amount") or 0.0)})
        for r in c.refunds:
            rows.append({"month": str(r.get("date") or "")[:7], "currency": bucket(c, r.get("currency") or c.currency),
                         "series": "chart_refund", "amount": -float(r.get("amount") or 0.0)})
    df = pd.DataFrame(rows)
    if df.empty:
        return
    df = df[df["month"].str.len() == 7].groupby(["month", "currency", "series"], as_index=False)["amount"].sum()
    df["what"] = [tr(k) for k in df["series"]]
    df["shown"] = [money(a, cur) for a, cur in zip(df["amount"], df["currency"], strict=True)]
    x = alt.X("month:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True))
    _bar_chart(df, x, [alt.Tooltip("month:O", title=tr("col_month")), alt.Tooltip("shown:N", title=tr("col_amount")),
                       alt.Tooltip("what:N", title=tr("col_kind"))], x_offset="what:N")


def client_row(name: str, contracts: list[Any], cases: dict[str, dict[str, Any]], cards: list[str],
               as_of: date, clients: bool = False) -> dict[str, Any]:
    """One line of the counsellor's table: cards, progress, totals per currency, next deadline (``clients``:
    the overall row, where an amount whose statement names no currency is kept per client and card)."""
    from audit.cases.money import contracts_total, refunds_total

    bad = [c for c in contracts if c.suspicious]
    done = sum(1 for c in bad if cases.get(c.id, {}).get("status") == "refunded")
    acts = next_actions(list(cases.values()), as_of)
    overdue = sum(1 for a in acts if a.overdue)
    paid = totals(contracts_total(bad, clients=clients))
    back = refunds_total(bad, clients=clients)
    # what needs doing first (overdue steps, the next deadline), then money, then which cards
    return {tr("col_client"): name, tr("col_suspicious"): len(bad),
            tr("col_progress"): tr("progress", done=done, n=len(bad)), tr("col_overdue"): overdue,
            tr("col_next_step"): acts[0].due.isoformat() if acts else "",
            tr("col_suspicious_total"): paid, tr("col_refunded"): totals(back),
            tr("col_cards"): ", ".join(cards) or tr("none")}


def overdue_label(expected: str | None, as_of: date) -> str | None:
    """``None`` when the expected date is still ahead; else the words for a date already past."""
    if expected and str(expected) < as_of.isoformat():
        return tr("expected_overdue", date=expected)
    return None


def money_totals(c: Any) -> str:
    return totals(paid_by_currency(c), empty=money(0.0, c.currency))
