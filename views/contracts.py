"""Suspicious contracts on the page: one card per contract with status, totals, reasons and its letters."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from audit import pipeline
from audit.ui_text import TEXT
from views.common import (
    cadence_name,
    eml_prefill,
    kept_text_input,
    lang,
    md,
    md_line,
    md_links,
    money,
    slug,
    status_name,
    tr,
)


def charges_frame(c: Any) -> pd.DataFrame:
    """The contract's charges and refunds as a display table."""
    from audit.masking import mask_card

    rows = []
    for ch in [*c.charges, *c.refunds]:
        orig = (money(ch.get("original_amount"), ch.get("original_currency"))
                if ch.get("original_amount") is not None else "")
        rows.append({tr("col_date"): ch.get("date") or "", tr("col_amount"): ch.get("amount"),
                     tr("col_currency"): ch.get("currency") or c.currency, tr("col_original"): orig,
                     tr("col_description"): mask_card(str(ch.get("description") or "")),
                     tr("col_source"): ch.get("source") or ""})
    return pd.DataFrame(rows)


def render_contracts(result: pipeline.ScanResult, bad: list[Any], details: Any, prefix: str) -> None:
    from audit.cases.letters import auto_reply_note

    if not result.reports:
        st.info(tr("no_statement"))
        return
    if not bad:
        st.success(tr("no_suspicious"))
        return
    st.markdown(tr("contracts_intro", n=len(bad)))
    running = sorted((c for c in bad if c.status == "active" and c.next_expected_date),
                     key=lambda c: str(c.next_expected_date))
    if running:
        first = running[0]
        st.warning(md_line(tr("still_charging", n=len(running), date=first.next_expected_date,
                            amount=money(first.next_expected_amount, first.currency), merchant=first.merchant)))
    with st.container(border=True, key=prefix + "first_steps"):
        st.markdown(f"**{tr('first_steps_header')}**")
        st.markdown(tr("first_steps"))
    with st.expander(tr("auto_reply_header")):
        st.markdown(md(auto_reply_note(lang())))
    for c in contract_order(bad):
        render_contract(c, details, prefix)


def contract_order(contracts: Sequence[Any]) -> list[Any]:
    """Contracts still charging first (soonest next charge first), then the rest by score."""
    return sorted(contracts, key=lambda c: (c.status != "active", str(c.next_expected_date or ""), -float(c.score)))


def reasons_ja(c: Any) -> list[str]:
    """Plain Japanese reasons built from the contract's data (the detectors word their reasons in English)."""
    out: list[str] = []
    kinds = list(dict.fromkeys(c.kinds))
    if "known_merchant" in kinds:
        out.append(tr("reason_known_merchant", name=c.merchant))
    for kind in kinds:
        if kind == "foreign_software_recurring":
            out.append(tr("reason_foreign_software_recurring", cadence=cadence_name(c.cadence) or "定期",
                          n=len(c.charges)))
        elif kind != "known_merchant" and f"reason_{kind}" in TEXT["ja"]:
            out.append(tr(f"reason_{kind}"))
    foreign = sorted({str(ch.get("original_currency")) for ch in c.charges
                      if ch.get("original_currency") and ch.get("original_currency") != c.currency})
    if foreign:
        out.append(tr("reason_foreign", currencies="・".join(foreign)))
    if c.status == "active" and c.next_expected_date:
        out.append(tr("reason_active", date=c.next_expected_date, amount=money(c.next_expected_amount, c.currency)))
    return out or [tr("reason_generic")]


def contract_details(c: Any, details: Any, key: str) -> Any:
    """Per-contract merchant address / order number / product (from a .eml or typed), over the shared details."""
    own: dict[str, str] = {}
    filled = any(st.session_state.get(f"_keep_{key}{f}") for f in ("merchant_email", "order_number", "product"))
    with st.expander(tr("contract_fields"), expanded=filled):
        eml_prefill(key + "eml", {"merchant_email": key + "merchant_email", "order_number": key + "order_number",
                                  "product": key + "product"})
        cols = st.columns(3)
        for col, f in zip(cols, ("merchant_email", "order_number", "product"), strict=True):
            with col:
                own[f] = kept_text_input(tr(f), key=key + f, placeholder=getattr(details, f) or "").strip()
    return dataclasses.replace(details, **{k: v for k, v in own.items() if v})


def render_contract(c: Any, details: Any, prefix: str) -> None:
    from audit.cases.export import is_prepaid_only

    key = f"{prefix}{c.id}_"
    with st.container(border=True, key=f"{key}box"):
        st.subheader(f"{c.id}: {md(c.merchant)}")
        bits = [tr("score", score=c.score), status_name(c.status)]
        if c.cadence:
            bits.append(tr("cadence_label", cadence=cadence_name(c.cadence)))
        bits.append(" / ".join(f"“{d}”" for d in c.descriptors[:3]))
        st.caption(md(" · ".join(bits)))
        m = st.columns(3)
        m[0].metric(tr("total_paid"), money(c.total_paid, c.currency),
                    help=tr("refunded", amount=money(c.refunded, c.currency)) if c.refunded else None)
        m[1].metric(tr("charge_count"), len(c.charges))
        if c.next_expected_date:
            m[2].metric(tr("next_charge"), c.next_expected_date, money(c.next_expected_amount, c.currency),
                        delta_color="off", delta_arrow="off")
        else:
            m[2].metric(tr("next_charge"), tr("none"))
        st.markdown(f"**{tr('reasons')}**")
        if lang() == "ja":
            st.markdown("\n".join(f"- {md(r)}" for r in reasons_ja(c)))
            if c.reasons:
                with st.expander(tr("reasons_detail")):
                    st.markdown("\n".join(f"- {md_links(r)}" for r in c.reasons))
        elif c.reasons:
            st.markdown("\n".join(f"- {md_links(r)}" for r in c.reasons))
        links = [f"[{md(u)}]({u})" for u in c.sources if re.match(r"https?://[^\s()<>]+$", u)]
        if links:
            st.caption(tr("sources") + " " + " · ".join(links))
        st.markdown(f"**{tr('charges')}**")
        st.dataframe(charges_frame(c), hide_index=True,
                     column_config={tr("col_amount"): st.column_config.NumberColumn(format="localized")})
        if is_prepaid_only(c):
            from audit.cases.advice import prepaid_advice

            st.warning(tr("prepaid_contract"))
            st.markdown(md(prepaid_advice(lang())))
            return
        d = contract_details(c, details, key)
        render_letters(c, d, key)


def render_letters(c: Any, d: Any, key: str) -> None:
    from audit.cases.letters import (
        auto_reply_note,
        cancellation_request,
        follow_up_request,
        issuer_dispute,
        letter_to_eml,
        letter_to_txt,
    )

    kinds: list[tuple[str, str, Callable[..., Any], str | None]] = [
        ("cancellation", "letter_cancel", cancellation_request, None),
        ("follow_up", "letter_follow", follow_up_request, "follow_note"),
        ("dispute", "letter_dispute", issuer_dispute, "dispute_note"),
    ]
    tabs = st.tabs([tr(label) for _, label, _, _ in kinds])
    for tab, (kind, _label, make, note) in zip(tabs, kinds, strict=True):
        with tab:
            letter = make(c, d)
            if note:
                st.caption(tr(note))
            en, ja = st.columns(2)
            with en:
                st.markdown(f"**{tr('letter_en')}**")
                st.code(letter_to_txt(letter, "en"), language=None, wrap_lines=True)
            with ja:
                st.markdown(f"**{tr('letter_ja')}**")
                st.code(letter_to_txt(letter, "ja"), language=None, wrap_lines=True)
            st.caption(tr("copy_hint"))
            name = f"{c.id}_{slug(c.merchant)}_{kind}"
            b = st.columns(2)
            b[0].download_button(tr("download_txt"), letter_to_txt(letter, "both").encode("utf-8"),
                                 file_name=name + ".txt", mime="text/plain", key=f"{key}{kind}_txt",
                                 on_click="ignore")
            b[1].download_button(tr("download_eml"), letter_to_eml(letter, d), file_name=name + ".eml",
                                 mime="message/rfc822", key=f"{key}{kind}_eml", on_click="ignore")
            if kind == "follow_up":
                st.info(auto_reply_note(lang()))



def render_reply(bad: list[Any], details: Any, prefix: str) -> None:
    """Paste a merchant reply: its category, the cues, what to do, and the follow-up text when it helps."""
    from audit.cases.letters import auto_reply_note, follow_up_request, letter_to_txt
    from audit.cases.replies import classify_reply

    st.subheader(tr("reply_header"))
    reply = st.text_area(tr("reply_label"), key=prefix + "reply", height=180, placeholder=tr("reply_placeholder"))
    if not (reply or "").strip():
        st.caption(auto_reply_note(lang()))
        return
    a = classify_reply(reply)
    verdict = tr("reply_result", category=tr(f"cat_{a.category}"), confidence=a.confidence)
    box = {"confirmation": st.success, "retention_offer": st.warning, "question": st.warning}.get(a.category, st.info)
    box(verdict)
    st.markdown(md(a.explanation_ja if lang() == "ja" else a.explanation_en))
    if a.matched:
        st.caption(tr("reply_matched", cues=", ".join(f"“{m}”" for m in a.matched)))
    if a.ticket:
        st.caption(tr("reply_ticket", ticket=a.ticket))
    st.markdown(f"**{tr('reply_next')}**")
    st.markdown(md(a.next_step_ja if lang() == "ja" else a.next_step_en))
    if a.category == "auto_reply":
        st.caption(auto_reply_note(lang()))
    if a.category in ("retention_offer", "question", "unknown") and bad:
        from audit.cases.export import is_prepaid_only

        letters = [c for c in bad if not is_prepaid_only(c)]
        if not letters:
            return
        pick = st.selectbox(tr("reply_contract"), [c.id for c in letters], key=prefix + "reply_contract",
                            format_func=lambda cid: next(f"{c.id}: {c.merchant}" for c in letters if c.id == cid))
        c = next(c for c in letters if c.id == pick)
        letter = follow_up_request(c, details)
        st.markdown(f"**{tr('reply_follow_up')}**")
        en, ja = st.columns(2)
        en.code(letter_to_txt(letter, "en"), language=None, wrap_lines=True)
        ja.code(letter_to_txt(letter, "ja"), language=None, wrap_lines=True)


