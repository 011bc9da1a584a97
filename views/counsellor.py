"""The counsellor view: several clients, their cards, progress and totals, and one client in detail."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from audit import pipeline
from views.common import (
    MAX_CLIENTS,
    UPLOAD_LIMIT_MB,
    UPLOAD_TYPES,
    Files,
    _set_field,
    demo_clients,
    details_inputs,
    kept_text_input,
    masked,
    md_line,
    read_paths,
    sample_sets,
    scan_files,
    totals_by_currency,
    tr,
    uploaded_files,
)
from views.result import render_export, render_result


def render() -> None:
    """Several clients at once: a block per client, a summary table, exports and one client in detail."""
    st.subheader(tr("counsellor_header"))
    demo = demo_clients(sample_sets())
    if demo and st.button(tr("demo_load", n=len(demo)), key="demo_load", type="primary"):
        st.session_state["n_clients"] = max(len(demo), int(st.session_state.get("n_clients", 2)))
        for i, (label, paths) in enumerate(demo):
            _set_field(f"client{i}_label", label)
            st.session_state[f"client{i}_samples"] = read_paths(paths)
    if "n_clients" not in st.session_state:
        st.session_state["n_clients"] = 2
    n = int(st.number_input(tr("client_count"), min_value=1, max_value=MAX_CLIENTS, step=1, key="n_clients"))
    clients: list[tuple[str, pipeline.ScanResult]] = []
    all_details: list[Any] = []
    for i in range(n):
        p = f"client{i}_"
        if not st.session_state.get(p + "label") and not st.session_state.get("_keep_" + p + "label"):
            _set_field(p + "label", tr("client_default", n=i + 1))
        with st.container(border=True, key=p + "box"):
            c1, c2 = st.columns([1, 2])
            with c1:
                label = kept_text_input(tr("client_label"), key=p + "label").strip() or tr("client_default", n=i + 1)
            uploads = c2.file_uploader(tr("client_files", client=md_line(label)), type=UPLOAD_TYPES,
                                       accept_multiple_files=True, key=p + "files", max_upload_size=UPLOAD_LIMIT_MB)
            samples: Files = st.session_state.get(p + "samples") or []
            if samples:
                c1.caption(md_line(tr("sample_loaded", n=len(samples), names=", ".join(nm for nm, _ in samples))))
                if c1.button(tr("sample_clear"), key=p + "clear"):
                    st.session_state[p + "samples"] = []
                    samples = []
            with st.expander(tr("client_details", client=md_line(label))):
                details = details_inputs(p)
            files = samples + uploaded_files(uploads)
            if not files:
                st.caption(tr("client_empty", client=md_line(label)))
                continue
            with st.spinner(tr("scanning")):
                result = scan_files(files)
            for err in result.errors:
                st.error(md_line(masked(err)))
        clients.append((label, result))
        all_details.append(details)
    if not clients:
        st.info(tr("no_files"))
        return
    st.subheader(tr("summary_header"))
    rows = []
    for label, result in clients:
        cs = list(result.contracts or [])
        bad = [c for c in cs if c.suspicious]
        nexts = sorted(c.next_expected_date for c in bad if c.next_expected_date and c.status == "active")
        rows.append({tr("col_client"): label, tr("col_files"): len(result.reports),
                     tr("col_rows"): len(result.transactions), tr("col_errors"): len(result.errors),
                     tr("col_suspicious"): len(bad), tr("col_suspicious_total"): totals_by_currency(bad),
                     tr("metric_next"): nexts[0] if nexts else "", tr("col_legit"): len(cs) - len(bad)})
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    render_export(clients, all_details, "counsellor_export_")
    st.divider()
    labels = [f"{i + 1}. {label}" for i, (label, _) in enumerate(clients)]
    pick = st.selectbox(tr("client_view"), range(len(clients)), format_func=lambda i: labels[i], key="client_pick")
    label, result = clients[pick]
    render_result(result, all_details[pick], f"view{pick}_")


