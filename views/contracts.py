"""Suspicious contracts on the page: one card per contract with status, totals, reasons and its letters."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from audit import pipeline
from audit.cases.letters import quote_descriptor
from audit.cases.money import next_currency, refunded_by_currency
from audit.detection.gift_groups import group_name
from views.casefile import (
    CaseContext,
    contract_chart,
    history,
    money_totals,
    overdue_label,
    record_letter_button,
    status_control,
)
from views.common import (
    cadence_name,
    lang,
    masked,
    md,
    md_line,
    money,
    money_metric,
    slug,
    status_name,
    totals,
    tr,
)
from views.details import (
    CONTRACT_FIELDS,
    eml_prefill,
    eml_suggestions,
    kept_text_input,
    offer_suggestions,
    pending_suggestions,
)

REASONS_SHOWN = 3  # the detectors' first reasons; the others are one click away


def charges_frame(c: Any) -> pd.DataFrame:
    """The contract's charges and refunds as a display table."""
    from audit.masking import mask_card
    from views.result import currency_name

    rows = []
    for ch in [*c.charges, *c.refunds]:
        orig = (money(ch.get("original_amount"), ch.get("original_currency"))
                if ch.get("original_amount") is not None else "")
        rows.append({tr("col_date"): ch.get("date") or "", tr("col_amount"): ch.get("amount"),
                     tr("col_currency"): currency_name(ch.get("currency") or c.currency), tr("col_original"): orig,
                     tr("col_description"): mask_card(str(ch.get("description") or "")),
                     tr("col_source"): ch.get("source") or ""})
    return pd.DataFrame(rows)


def render_contracts(result: pipeline.ScanResult, bad: list[Any], details: Any, prefix: str,
                     ctx: CaseContext | None = None) -> None:
    from audit.cases.letters import auto_reply_note

    ctx = ctx or CaseContext(store=None, client="")
    if not result.reports:
        st.info(tr("no_statement"))
        return
    if not bad:
        st.success(tr("no_suspicious"))
        return
    # still charging and not yet asked to stop: once the request is recorded as sent, the to-do list takes over
    from audit.upcoming import still_charging

    unsent = ("to_write", None)
    running = [e for e in still_charging(bad, ctx.as_of) if (ctx.case(e.contract.id) or {}).get("status") in unsent]
    if running:
        first = running[0]
        st.warning(md_line(tr("still_charging", n=len(running), date=first.due.isoformat(),
                            amount=money(first.amount, next_currency(first.contract)),
                            merchant=group_name(first.contract.merchant, lang()))))
    from views.cards import help_line
    from views.result import result_countries

    left, right = st.columns(2)
    with left.expander(tr("first_steps_header")):
        st.markdown(tr("first_steps", help=md(help_line(result_countries(result)))))
    with right.expander(tr("auto_reply_header")):
        st.markdown(md(auto_reply_note(lang())))
    eml_note = st.empty()  # filled after the contracts: one of them may have taken the e-mail meanwhile
    unmatched = apply_pending_eml(bad, prefix)
    ctx.standings = standings(result, bad)
    for i, c in enumerate(contract_order(bad)):
        render_contract(c, details, prefix, ctx, open_=i == 0)
    if unmatched is not None:
        digest, merchant = unmatched
        taken = next((c for c in bad if st.session_state.get(f"{prefix}{c.id}_eml_digest") == digest), None)
        if taken is not None:
            eml_note.info(md_line(tr("eml_matched", contract=f"{taken.id}: {taken.merchant}")))
        else:
            eml_note.warning(md_line(tr("eml_no_match", merchant=merchant)))


def standings(result: pipeline.ScanResult, bad: list[Any]) -> dict[str, str]:
    """Each contract's merchant-list standing (``details["standing"]`` of its list finding), by contract id."""
    out: dict[str, str] = {}
    for c in bad:
        ids = set(c.transaction_ids)
        for f in result.findings or []:
            value = (getattr(f, "details", None) or {}).get("standing")
            if value and getattr(f, "entry_id", None) and ids.intersection(f.transaction_ids):
                out[c.id] = str(value)
                break
    return out


def apply_pending_eml(bad: list[Any], prefix: str) -> tuple[str, str] | None:
    """Fill the one contract an uploaded order e-mail belongs to (by merchant / order), never the others;
    returns (digest, merchant) of an e-mail no contract matched (the caller says so, unless the user loaded it
    into a contract by hand)."""
    from audit.cases.eml_match import match_contract

    pending = st.session_state.get(prefix + "eml_pending")
    if not pending:
        return None
    digest, info = pending
    done_key = prefix + "pending_eml_done"
    c = match_contract(info, bad)
    if c is None:
        return digest, info.merchant_name or info.merchant_email or "?"
    st.session_state[f"{prefix}{c.id}_eml_currency"] = info.currency()
    if st.session_state.get(done_key) != digest:  # offered to that contract; used once the user confirms
        offer_suggestions(f"{prefix}{c.id}_", digest, info.suggestions())
        st.session_state[done_key] = digest
    st.info(md_line(tr("eml_matched", contract=f"{c.id}: {c.merchant}")))
    return None


def contract_order(contracts: Sequence[Any]) -> list[Any]:
    """Contracts still charging first (soonest next charge first), then the rest by score."""
    return sorted(contracts, key=lambda c: (c.status != "active", str(c.next_expected_date or ""), -float(c.score)))


def reasons_ja(c: Any, as_of: date | None = None, standing: str | None = None) -> list[str]:
    """Plain Japanese reasons built from the contract's data (:func:`audit.cases.reasons.contract_reasons`)."""
    from audit.cases.reasons import contract_reasons

    return contract_reasons(c, "ja", as_of, standing)


def contract_details(c: Any, details: Any, key: str) -> Any:
    """This contract's merchant address / order number / product / request date (from a .eml or typed) with
    the user's own details; another contract's values never reach its letters."""
    own: dict[str, str] = {}
    filled = any(st.session_state.get(f"_keep_{key}{f}") for f in CONTRACT_FIELDS)
    with st.expander(tr("contract_fields"), expanded=filled or pending_suggestions(key)):
        eml_prefill(key + "eml", key)
        eml_suggestions(key)  # an order e-mail's fields, offered: used only when the user takes them
        cols = st.columns(2)
        for i, f in enumerate(CONTRACT_FIELDS):
            with cols[i % 2]:
                own[f] = kept_text_input(tr(f), key=key + f).strip()
    return dataclasses.replace(details, **own)


def contract_title(c: Any, case: dict[str, Any] | None, several_cards: bool = False) -> str:
    """The one line a folded contract shows: id, merchant, its card (when the client has several), money per
    currency, case status, cadence."""
    from audit.cases.statuses import label
    from views.cards import card_name

    bits = [f"{c.id}: {md(group_name(c.merchant, lang()))}"]
    if several_cards and c.cards:
        bits.append(md(", ".join(card_name(x) for x in c.cards)))
    bits.append(md(money_totals(c)))
    if case:
        bits.append(md(label(case.get("status") or "to_write", lang())))
    if c.cadence:
        bits.append(md(cadence_name(c.cadence)))
    return " · ".join(bits)


def descriptors_shown(c: Any, limit: int = 3) -> list[str]:
    """The contract's descriptors as quoted in letters, each once (two printings of one name are one)."""
    return list(dict.fromkeys(quote_descriptor(d) for d in c.descriptors))[:limit]


def render_contract(c: Any, details: Any, prefix: str, ctx: CaseContext | None = None, open_: bool = True) -> None:
    from audit.cases.export import is_prepaid_only

    ctx = ctx or CaseContext(store=None, client="")
    case = ctx.case(c.id)
    key = f"{prefix}{c.id}_"
    with st.expander(contract_title(c, case, ctx.several_cards), expanded=open_, key=f"{key}box"):
        bits = [tr("score", score=c.score), status_name(c.status)]
        if case and case.get("ref"):  # the short case id every `audit cases` command takes
            bits.insert(0, tr("case_ref", ref=case["ref"]))
        if c.cadence:
            bits.append(tr("cadence_label", cadence=cadence_name(c.cadence)))
        if len(c.cards) == 1 and ctx.several_cards:
            from views.cards import card_name

            bits.append(card_name(c.cards[0]))
        bits.append(" / ".join(f"“{d}”" for d in descriptors_shown(c)))
        st.caption(md(" · ".join(bits)))
        figures, status_col = st.columns([3, 1])
        with status_col:
            status_control(ctx.store, case, key, ctx.client)
        m = figures.columns(3)
        back = refunded_by_currency(c)
        money_metric(m[0], tr("total_paid"), money_totals(c),
                     help=tr("refunded", amount=totals(back)) if back else None)
        m[1].metric(tr("charge_count"), len(c.charges))
        late = overdue_label(c.next_expected_date, ctx.as_of)
        if c.next_expected_date and not late:
            m[2].metric(tr("next_charge"), c.next_expected_date, money(c.next_expected_amount, next_currency(c)),
                        delta_color="off", delta_arrow="off")
        elif late:  # the date passed: said in a caption that wraps (a metric's badge would cut it off)
            m[2].metric(tr("next_charge"), tr("check_statement"))
            m[2].caption(md_line(late))
        else:
            m[2].metric(tr("next_charge"), tr("none"))
        why, chart = st.columns([3, 2])  # side by side on a wide screen, one above the other on a narrow one
        with why:
            st.markdown(f"**{tr('reasons')}**")
            if lang() == "ja":  # rebuilt in Japanese; the detectors' own English sentences are on the English page
                st.markdown("\n".join(f"- {md(r)}" for r in reasons_ja(c, ctx.as_of, ctx.standings.get(c.id))))
            elif c.reasons:
                st.markdown("\n".join(f"- {md(masked(r))}" for r in c.reasons[:REASONS_SHOWN]))
                if len(c.reasons) > REASONS_SHOWN:
                    with st.expander(tr("reasons_more", n=len(c.reasons) - REASONS_SHOWN)):
                        st.markdown("\n".join(f"- {md(masked(r))}" for r in c.reasons[REASONS_SHOWN:]))
            links = [f"[{md(u)}]({u})" for u in c.sources if re.match(r"https?://[^\s()<>]+$", u)]
            if links:
                st.caption(tr("sources") + " " + " · ".join(links))
        with chart:
            contract_chart(c, ctx.as_of)
        with st.expander(tr("charges")):
            st.dataframe(charges_frame(c), hide_index=True,
                         column_config={tr("col_amount"): st.column_config.NumberColumn(format="localized")})
        if is_prepaid_only(c):
            from audit.cases.advice import prepaid_advice

            st.warning(tr("prepaid_contract"))
            st.markdown(md(prepaid_advice(lang())))
            return
        d = contract_details(c, details, key)
        if ctx.issuers.get(c.id):  # the dispute goes to this contract's own card company
            d = dataclasses.replace(d, card_issuer=ctx.issuers[c.id])
        if case and case.get("ticket"):
            d = dataclasses.replace(d, ticket=case["ticket"])
        if not d.request_date and ctx.store is not None and case:  # the day this merchant's request was recorded sent
            sent = sorted(x["sent_on"] for x in ctx.store.case(case["key"], ctx.client)["letters"]
                          if x["kind"] == "cancellation" and x.get("sent_on"))
            if sent:
                d = dataclasses.replace(d, request_date=sent[0])
        with st.expander(tr("letters_open")):
            letter_currency(c, prefix, key)
            render_letters(c, d, key, ctx)
        with st.expander(tr("reply_box")):
            render_reply_for(c, d, key, ctx)
        history(ctx.store, case, ctx.client)


def render_letters(c: Any, d: Any, key: str, ctx: CaseContext | None = None) -> None:
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
            problems = address_problems(d, kind)
            for problem in problems:
                st.error(md_line(problem))
            sent, other = (letter.send_lang, "en" if letter.send_lang == "ja" else "ja")
            if lang() == "ja" or sent == "ja":  # the Japanese translation only where a Japanese reader is
                cols = st.columns(2)
                for col, which in zip(cols, (sent, other), strict=True):
                    with col:
                        st.markdown(f"**{tr('letter_' + which + ('_send' if which == sent else '_ref'))}**")
                        st.code(letter_to_txt(letter, which), language=None, wrap_lines=True)
            else:
                st.markdown(f"**{tr('letter_en_send')}**")
                st.code(letter_to_txt(letter, "en"), language=None, wrap_lines=True)
            st.caption(tr("copy_hint"))
            name = f"{c.id}_{slug(c.merchant)}_{kind}"
            b = st.columns(2)
            b[0].download_button(tr("download_txt"), letter_to_txt(letter, "both").encode("utf-8"),
                                 file_name=name + ".txt", mime="text/plain", key=f"{key}{kind}_txt",
                                 on_click="ignore")
            b[1].download_button(tr("download_eml"), letter_to_eml(letter, d), file_name=name + ".eml",
                                 mime="message/rfc822", key=f"{key}{kind}_eml", on_click="ignore")
            if ctx is not None:
                record_letter_button(ctx.store, ctx.case(c.id), kind, letter_to_txt(letter, "both"), key,
                                     ctx.client, d)
            if kind == "follow_up":
                st.info(auto_reply_note(lang()))



def letter_currency(c: Any, prefix: str, key: str) -> None:
    """Beside the letters of a contract whose statement names no currency: a warning that its letters hold a
    currency placeholder, the card's currency to choose (per file, the same answer as everywhere on the page), and
    the currency an order e-mail of this contract states, offered with one click."""
    from audit.cases.letters import CURRENCY_PLACEHOLDER, currency_missing
    from audit.cases.money import is_unstated
    from views.cards import _currency_select, set_currency

    if not currency_missing(c):
        return
    files = sorted({str(r.get("source") or "") for r in [*c.charges, *c.refunds]
                    if is_unstated(str(r.get("currency") or c.currency or "unknown")) and r.get("source")})
    with st.container(border=True, key=key + "currency_box"):
        st.warning(tr("letter_currency_missing", placeholder=CURRENCY_PLACEHOLDER[lang()]))
        offered = str(st.session_state.get(key + "eml_currency") or "")
        if offered and files:
            st.button(tr("letter_currency_eml", code=offered), key=key + "currency_eml", type="primary",
                      on_click=set_currency, args=(prefix, files, offered))
        cols = st.columns(min(len(files), 3) or 1)
        for i, name in enumerate(files):
            _currency_select(prefix, name, f"letter-{c.id}", cols[i % len(cols)],
                             label=tr("letter_currency_file", name=name))


def address_problems(d: Any, kind: str) -> list[str]:
    """One line per typed address the letter cannot use (it is left out of the .eml)."""
    from audit.cases.letters import check_address

    out = []
    fields = [("email", d.email)] + ([] if kind == "dispute" else [("merchant_email", d.merchant_email)])
    for name, value in fields:
        try:
            check_address(value)
        except ValueError as exc:
            out.append(tr("address_bad", field=tr(name), why=str(exc)))
    return out


def render_reply_for(c: Any, d: Any, key: str, ctx: CaseContext) -> None:
    """The reply box of one contract: classify, keep it in the case file, and the follow-up with its ticket."""
    from audit.cases.letters import follow_up_request, letter_to_txt
    from audit.cases.replies import classify_reply

    reply = st.text_area(tr("reply_label"), key=key + "reply", height=140, placeholder=tr("reply_placeholder"))
    if not (reply or "").strip():
        return
    a = classify_reply(reply)
    verdict = tr("reply_result", category=tr(f"cat_{a.category}"), confidence=a.confidence)
    box = {"confirmation": st.success, "retention_offer": st.warning, "question": st.warning}.get(a.category, st.info)
    box(verdict)
    st.markdown(md(a.explanation_ja if lang() == "ja" else a.explanation_en))
    if a.ticket:
        st.caption(tr("reply_ticket", ticket=a.ticket))
    st.markdown(f"**{tr('reply_next')}**")
    st.markdown(md(a.next_step_ja if lang() == "ja" else a.next_step_en))
    case = ctx.case(c.id)
    if ctx.store is not None and case is not None and st.button(tr("reply_record"), key=key + "reply_record"):
        ctx.store.record_reply(case["key"], reply, client=ctx.client)
        st.rerun()
    if a.category in ("retention_offer", "question", "unknown", "auto_reply"):
        ticket = a.ticket or d.ticket
        letter = follow_up_request(c, dataclasses.replace(d, ticket=ticket or ""))
        st.markdown(f"**{tr('reply_follow_up')}**")
        st.code(letter_to_txt(letter, "en" if lang() == "en" else "both"), language=None, wrap_lines=True)
