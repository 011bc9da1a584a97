"""The consumer view: one person's statements, their contracts, letters and case file."""

from __future__ import annotations

import streamlit as st

from views.common import (
    UPLOAD_LIMIT_MB,
    UPLOAD_TYPES,
    Files,
    default_sample_set,
    details_inputs,
    md_line,
    read_paths,
    sample_sets,
    scan_files,
    tr,
    uploaded_files,
)
from views.result import render_export, render_result


def render() -> None:
    """One person's statements: upload or samples, then their contracts and letters."""
    with st.sidebar:
        st.subheader(tr("details_header"))
        st.caption(tr("details_caption"))
        details = details_inputs("me_")
    uploads = st.file_uploader(tr("upload_label"), type=UPLOAD_TYPES, accept_multiple_files=True, key="uploads",
                               help=tr("upload_help", limit=UPLOAD_LIMIT_MB), max_upload_size=UPLOAD_LIMIT_MB)
    sets = sample_sets()
    if sets:
        names = list(sets)
        c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
        default = default_sample_set(sets)
        choice = c1.selectbox(tr("sample_label"), names, index=names.index(default) if default in names else 0,
                              key="sample_choice")
        if c2.button(tr("sample_load"), key="sample_load", type="primary"):
            st.session_state["sample_files"] = read_paths(sets[choice])
        if st.session_state.get("sample_files") and c3.button(tr("sample_clear"), key="sample_clear"):
            st.session_state["sample_files"] = []
    else:
        st.caption(tr("no_samples"))
    samples: Files = st.session_state.get("sample_files") or []
    if samples:
        st.caption(md_line(tr("sample_loaded", n=len(samples), names=", ".join(n for n, _ in samples))))
    files = samples + uploaded_files(uploads)
    if not files:
        st.info(tr("no_files"))
    with st.spinner(tr("scanning")):
        result = scan_files(files)
    render_result(result, details, "me_")
    if result.reports:
        render_export([(details.name or tr("single_client"), result)], [details], "me_export_")


