"""One client's scan on the page: headline figures, files read, timeline, transactions, help, export."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from audit import pipeline
from audit.cases.money import next_currency
from audit.detection.gift_groups import group_name
from audit.ui_messages import excluded_reason, note_text, problem_text
from audit.ui_text import error_text
from views.cards import (
    ask_currency,
    card_countries,
    card_name,
    currency_choice,
    given_currencies,
    render_cards,
)
from views.casefile import CaseContext, money_totals, render_next_actions
from views.common import (
    Files,
    cadence_name,
    lang,
    masked,
    md,
    md_line,
    money,
    money_metric,
    number,
    status_name,
    totals,
    tr,
)
from views.contracts import render_contracts
from views.picker import reading_note


def render_result(result: pipeline.ScanResult, details: Any, prefix: str, ctx: CaseContext | None = None,
                  files: Files | None = None) -> None:
    """Errors, the column picker for files refused or read unsure (``files``: the statements' bytes), headline
    figures, the to-do list and the tabs for one client's scan."""
    from audit.cases.money import contracts_total
    from views.cards import card_name
    from views.picker import render_pickers

    ctx = ctx or CaseContext(store=None, client="")
    for err in result.errors:
        st.error(md_line(error_text(err, lang())))
    if files:
        render_pickers(prefix, files, result)
    from audit.cards import currency_hints, unstated_files

    ask_currency(prefix, unstated_files(result.transactions), currency_hints(result.reports))
    contracts = list(result.contracts or [])
    bad = [c for c in contracts if c.suspicious]
    # only known services are legit-looking; the others are listed to check (audit.detection.legitimacy)
    legit = [c for c in contracts if not c.suspicious and getattr(c, "known_as", "")]
    check = [c for c in contracts if not c.suspicious and not getattr(c, "known_as", "")]
    if result.reports:
        cards = ", ".join(card_name(c.label) for c in result.cards) or tr("none")
        st.caption(md_line(tr("files_summary_sample" if ctx.sample else "files_summary", files=len(result.reports),
                              rows=len(result.transactions))
                           + " " + tr("cards_summary", n=len(result.cards), cards=cards)))
    cols = st.columns(4)
    cols[0].metric(tr("metric_suspicious"), len(bad))
    money_metric(cols[1], tr("metric_paid"), totals(contracts_total(bad)))
    from audit.upcoming import expected_all

    # every running contract, rolled on to its next charge after the "as of" day (audit.upcoming); passed
    # expected dates are counted beside it, never hidden by it
    running = expected_all(bad, ctx.as_of)
    late = sum(1 for e in running if e.past_due)
    nxt = next((e for e in running if not e.stale and e.due >= ctx.as_of), None)
    if nxt is not None:
        amount = money(nxt.amount, next_currency(nxt.contract))
        delta = tr("metric_next_and_late", amount=amount, n=late) if late else amount
        about = md(group_name(nxt.contract.merchant, lang()))
        if late:
            about += "  \n" + tr("metric_next_late", n=late) + " " + tr("metric_next_late_delta")
        cols[2].metric(tr("metric_next"), nxt.due.isoformat(), delta, delta_color="off", delta_arrow="off",
                       help=about)
    elif late:  # expected dates already past: say how many to check, never "none"
        cols[2].metric(tr("metric_next"), tr("metric_next_late", n=late), tr("metric_next_late_delta"),
                       delta_color="off", delta_arrow="off")
    else:
        cols[2].metric(tr("metric_next"), tr("none"))
    cols[3].metric(tr("metric_legit"), len(legit))
    if ctx.cases:
        with st.container(border=True, key=prefix + "next_box"):
            keys = {case["key"]: " · ".join(x for x in (cid, case.get("ref")) if x) for cid, case in ctx.cases.items()}
            render_next_actions(list(ctx.cases.values()), ctx.as_of, prefix + "next_table", show_client=False,
                                contract_of=keys)

    tabs = st.tabs([tr("tab_contracts"), tr("tab_files"), tr("tab_transactions"), tr("tab_legit"), tr("tab_help")])
    with tabs[0]:
        render_contracts(result, bad, details, prefix, ctx)
    with tabs[1]:
        render_files(result, prefix, files)
    with tabs[2]:
        render_timeline(result, prefix)
        render_transactions(result, prefix)
    with tabs[3]:
        render_legit(legit, check)
    with tabs[4]:
        render_help(result)


def render_files(result: pipeline.ScanResult, prefix: str, files: Files | None = None) -> None:
    st.subheader(tr("files_header"))
    for err in result.errors:
        st.error(md_line(error_text(err, lang())))
    if not result.reports:
        st.info(tr("no_statement"))
        return
    rows = []
    for r in result.reports:
        rec = r.reconciliation
        if rec is None:
            recon = tr("recon_none")
        elif rec.ok:
            recon = tr("recon_ok", total=number(rec.printed_total))
        else:
            recon = tr("recon_bad", printed=number(rec.printed_total), parsed=number(rec.parsed_total),
                       diff=number(rec.difference))
        period = " – ".join(x for x in (r.period_start, r.period_end) if x) or tr("none")
        layout = " · ".join(x for x in (r.layout, reading_note(r)) if x)  # a saved layout or the user's columns
        rows.append({tr("col_file"): r.source, tr("col_type"): str(r.kind).upper(), tr("col_layout"): layout,
                     tr("col_period"): period, tr("col_rows"): r.rows, tr("col_warnings"): len(r.warnings),
                     tr("col_problems"): len(r.problems), tr("col_excluded"): len(r.excluded),
                     tr("col_reconciliation"): recon,
                     # how sure the reader was of its own column choice (a layout or the user's columns: sure)
                     tr("col_confidence"): f"{float(r.confidence):.0%}" if r.confidence is not None else ""})
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    for r in result.reports:
        if not (r.warnings or r.problems or r.excluded):
            continue
        # a file name is chosen by whoever made the file: never Markdown (an image tag would fetch an address)
        with st.expander(md_line(tr("file_details", name=r.source))):
            if r.problems:
                st.markdown(f"**{tr('problems_header')}**")
                st.code("\n".join(problem_text(p, lang()) for p in r.problems), language=None, wrap_lines=True)
            if r.warnings:
                st.markdown(f"**{tr('warnings_header')}**")
                st.code("\n".join(note_text(w, lang()) for w in r.warnings), language=None, wrap_lines=True)
            if r.excluded:
                st.markdown(f"**{tr('excluded_header')}**")
                st.code("\n".join(masked(f"{excluded_reason(x.reason, lang())}: {x.raw}")[:160] for x in r.excluded),
                        language=None)
    if files:  # the reader may be sure and still wrong: the picker on any file it read
        from views.picker import render_choose_buttons

        render_choose_buttons(prefix, files, result)
    render_cards(prefix, result.cards, result.reports)
    given_currencies(prefix, currency_choice(prefix, [(r.source, b"") for r in result.reports]))
    from views.picker import render_saved

    render_saved(prefix)



def timeline_frame(result: pipeline.ScanResult) -> pd.DataFrame:
    """Charges with the group they are drawn in: a suspicious contract, a legit subscription, or other."""
    tx = result.transactions
    group: dict[str, str] = {}
    for c in result.contracts or []:
        label = (f"{c.id} {group_name(c.merchant, lang())}" if c.suspicious
                 else tr("timeline_legit") if getattr(c, "known_as", "") else tr("check_header"))
        for tid in c.transaction_ids:
            group.setdefault(tid, label)
    if tx.empty:
        return pd.DataFrame(columns=["date", "amount", "currency", "description", "group", "suspicious"])
    ids = tx["id"].astype(str)
    out = pd.DataFrame({
        "date": pd.to_datetime(tx["date"]),
        "amount": tx["amount"].astype("float64"),
        "currency": tx["currency"].astype(object),
        "description": tx["description"].astype(object),
        "group": [group.get(i, tr("timeline_other")) for i in ids],
    })
    suspicious_labels = {f"{c.id} {c.merchant}" for c in result.contracts or [] if c.suspicious}
    out["suspicious"] = out["group"].isin(suspicious_labels)
    return out[(out["amount"] > 0) & out["date"].notna()].reset_index(drop=True)


def render_timeline(result: pipeline.ScanResult, prefix: str) -> None:
    """One line per suspicious contract (and one for legit subscriptions / other charges), a dot per charge."""
    st.subheader(tr("timeline_header"))
    df = timeline_frame(result)
    if df.empty:
        st.info(tr("no_statement"))
        return
    if st.checkbox(tr("timeline_only_suspicious"), value=bool(df["suspicious"].any()), key=prefix + "tl_only"):
        df = df[df["suspicious"]]
    bad = sorted(df.loc[df["suspicious"], "group"].unique(), key=lambda g: int(re.sub(r"\D", "", g.split()[0]) or 0))
    rest = [g for g in (tr("timeline_legit"), tr("check_header"), tr("timeline_other")) if g in set(df["group"])]
    domain = [*bad, *rest]
    palette = ["#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#1f77b4"]
    colours = [palette[i % len(palette)] for i in range(len(bad))]
    colours += [{tr("timeline_legit"): "#2ca02c", tr("check_header"): "#ff7f0e"}.get(g, "#9e9e9e") for g in rest]
    df = df.assign(shown=[money(a, c) for a, c in zip(df["amount"], df["currency"], strict=True)])
    chart = (
        alt.Chart(df)
        .mark_circle(opacity=0.8, stroke="#333333", strokeWidth=0.5)
        .encode(
            # room on both sides: the first bubble clear of the row labels, the last one not cut off
            x=alt.X("date:T", title=tr("col_date"), scale=alt.Scale(padding=28),
                    axis=alt.Axis(format="%Y-%m-%d", labelAngle=-30, grid=True)),
            y=alt.Y("group:N", title=None, sort=domain, axis=alt.Axis(labelLimit=320)),
            size=alt.Size("amount:Q", legend=None, scale=alt.Scale(range=[40, 600])),
            color=alt.Color("group:N", scale=alt.Scale(domain=domain, range=colours), legend=None),
            tooltip=[alt.Tooltip("date:T", title=tr("col_date"), format="%Y-%m-%d"),
                     alt.Tooltip("shown:N", title=tr("col_amount")),
                     alt.Tooltip("description:N", title=tr("col_description")),
                     alt.Tooltip("group:N", title=tr("col_contract"))],
        )
        .properties(height=max(140, 48 * len(domain) + 60))
    )
    st.altair_chart(chart)
    st.caption(tr("timeline_caption"))


def render_transactions(result: pipeline.ScanResult, prefix: str) -> None:
    from audit.cases.export import transactions_frame

    st.subheader(tr("transactions_header"))
    df = transactions_frame([("", result)]).drop(columns=["client"])
    if df.empty:
        st.info(tr("no_statement"))
        return
    names_of = {c.id: f"{c.id}: {group_name(c.merchant, lang())}" for c in result.contracts or []}
    c1, c2, c3 = st.columns([2, 2, 1])
    needle = c1.text_input(tr("filter_text"), key=prefix + "f_text")
    files = c2.multiselect(tr("filter_files"), sorted(df["source"].dropna().unique()), key=prefix + "f_files",
                           placeholder=tr("choose"))
    only = c3.checkbox(tr("filter_suspicious"), key=prefix + "f_susp")
    c4, c5 = st.columns([2, 2])
    kind_names = {k: tr(f"kind_{k}") for k in df["kind"].dropna().unique()}
    kinds = c4.multiselect(tr("filter_kinds"), sorted(kind_names), key=prefix + "f_kinds",
                           format_func=kind_names.__getitem__, placeholder=tr("choose"))
    dates = pd.to_datetime(df["date"], errors="coerce")
    span = c5.date_input(tr("filter_dates"), value=(dates.min().date(), dates.max().date()),
                         key=prefix + "f_dates", format="YYYY-MM-DD") if dates.notna().any() else ()
    keep = pd.Series(True, index=df.index)
    if needle.strip():
        keep &= df["description"].fillna("").str.contains(needle.strip(), case=False, regex=False)
    if files:
        keep &= df["source"].isin(files)
    if kinds:
        keep &= df["kind"].isin(kinds)
    if only:
        keep &= df["suspicious"].astype(bool)
    if isinstance(span, tuple | list) and len(span) == 2:
        keep &= dates.between(pd.Timestamp(span[0]), pd.Timestamp(span[1])) | dates.isna()
    shown = df[keep]
    st.caption(tr("rows_shown", shown=len(shown), total=len(df)))
    st.dataframe(transactions_table(shown, names_of), hide_index=True,
                 column_config={tr("col_amount"): st.column_config.NumberColumn(format="localized")})


def currency_name(code: str) -> str:
    """A billing currency code, or the page's words for one the statement does not state."""
    return tr("currency_unknown") if code == "unknown" else code


def transactions_table(df: pd.DataFrame, names_of: dict[str, str]) -> pd.DataFrame:
    """The transactions as shown: labelled columns, words for kinds, blanks (never None/NaN) for missing values."""
    def text_col(col: str) -> list[str]:
        return ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in df[col]]

    return pd.DataFrame({
        tr("col_date"): text_col("date"),
        tr("col_description"): text_col("description"),
        tr("col_amount"): df["amount"].astype("float64").to_numpy(),
        tr("col_currency"): [currency_name(c) for c in text_col("currency")],
        tr("col_original"): ["" if pd.isna(a) else money(a, c)
                             for a, c in zip(df["original_amount"], df["original_currency"], strict=True)],
        tr("col_card"): [card_name(c) if c else "" for c in text_col("card")],
        tr("col_kind"): [tr(f"kind_{k}") if k else "" for k in text_col("kind")],
        tr("col_source"): text_col("source"),
        tr("col_contract"): [names_of.get(c, c) for c in text_col("contract")],
    })


def render_legit(legit: list[Any], check: list[Any] | None = None) -> None:
    """Known services (legit-looking), then the subscriptions to check with the reason (never called legit)."""
    from audit.detection.legitimacy import check_text

    def rows(contracts: list[Any], reason: bool) -> pd.DataFrame:
        return pd.DataFrame([{
            tr("col_merchant"): c.merchant, **({tr("col_check_reason"): check_text(c, lang())} if reason else {}),
            tr("col_cadence"): cadence_name(c.cadence), tr("col_status"): status_name(c.status),
            tr("col_charges"): len(c.charges), tr("col_total"): money_totals(c),
            tr("col_last"): c.last_date, tr("col_next_date"): c.next_expected_date or "",
            tr("col_next_amount"): money(c.next_expected_amount, next_currency(c)) if c.next_expected_date else ""}
            for c in contracts])

    st.subheader(tr("metric_legit"))
    if legit:
        st.markdown(tr("legit_intro"))
        st.dataframe(rows(legit, False), hide_index=True)
    else:
        st.info(tr("no_legit"))
    st.subheader(tr("check_header"))
    if check:
        st.markdown(tr("check_intro"))
        st.dataframe(rows(check, True), hide_index=True)
    else:
        st.info(tr("no_check"))


def render_help(result: pipeline.ScanResult | None = None) -> None:
    """Help contacts for the country of each card (from its statement's layout or billing currency), prepaid
    advice, the scheme."""
    from audit.cases.advice import help_contacts, prepaid_advice, scam_pattern_summary

    st.subheader(tr("help_contacts"))
    for country in result_countries(result):
        st.markdown(f"**{tr('help_country_' + country)}**")
        lines = []
        for h in help_contacts(lang(), country):
            contact = [md(h["phone"])] if h.get("phone") else []
            if h.get("url"):  # a fixed address from audit.cases.advice, shown as a link with the address as its text
                contact.append(f"[{md(h['url'])}]({h['url']})")
            line = f"- **{md(h['name'])}** " + " ".join(contact) + f"  \n  {md(h['when'])}"
            if h.get("source"):
                line += f"  \n  {md(tr('help_source'))}: {md(h['source'])}"
            lines.append(line)
        st.markdown("\n".join(lines))
    st.subheader(tr("help_prepaid"))
    st.markdown(md(prepaid_advice(lang())))
    st.subheader(tr("help_pattern"))
    st.markdown(md(scam_pattern_summary(lang())))


def result_countries(result: pipeline.ScanResult | None) -> list[str]:
    """The countries of the scan's cards (all three when nothing is known)."""
    tx = result.transactions if result is not None else None
    currencies = set(tx["currency"].dropna().astype(str)) if tx is not None and "currency" in tx else set()
    return card_countries(list(getattr(result, "cards", None) or []), currencies)


# --------------------------------------------------------------------------- export


def render_export(clients: list[tuple[str, pipeline.ScanResult]], details: list[Any], key: str,
                  contract_details: dict[tuple[str, str], Any] | None = None,
                  cases: dict[tuple[str, str], Any] | None = None) -> None:
    """Download buttons for CSV, Excel and printable HTML; files are built only when clicked.

    ``contract_details`` holds each contract's own details (its .eml), so no other contract's letters get them;
    ``cases`` what the case file records (status, ticket number, next due date), by (client, contract id).
    """
    from audit.cases import export
    from audit.cases.batch import clients_zip

    st.subheader(tr("export_header"))
    st.caption(tr("export_caption"))
    language = lang()
    items: list[tuple[str, Callable[[], bytes], str, str]] = [
        ("export_csv_contracts", lambda: export.export_csv(clients, "contracts", lang=language, cases=cases),
         "contracts.csv", "text/csv"),
        ("export_csv_transactions", lambda: export.export_csv(clients, "transactions", lang=language),
         "transactions.csv", "text/csv"),
        ("export_excel", lambda: export.export_excel(clients, details, contract_details, lang=language, cases=cases),
         "audit.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("export_html", lambda: export.export_html(clients, details, contract_details, lang=language,
                                                   cases=cases).encode("utf-8"), "audit.html", "text/html"),
        ("export_letters_zip", lambda: clients_zip(clients, details, contract_details), "letters.zip",
         "application/zip"),
    ]
    cols = st.columns(len(items))
    for col, (label, make, name, mime) in zip(cols, items, strict=True):
        col.download_button(tr(label), make, file_name=name, mime=mime, key=f"{key}{name}", on_click="ignore")


