"""The consumer view: one person's statements, their contracts, letters and case file."""

from __future__ import annotations

import streamlit as st

from views.cards import contract_issuers, currency_choice, same_card_choice
from views.casefile import CaseContext, as_of_input, open_store, sample_store, store_caption, sync_cases
from views.common import (
    UPLOAD_LIMIT_MB,
    UPLOAD_TYPES,
    Files,
    default_sample_set,
    drop_duplicates,
    keep_uploads,
    lang,
    md_line,
    page_style,
    read_paths,
    sample_name,
    sample_sets,
    scan_files,
    split_refused,
    tr,
    uploaded_files,
)
from views.details import (
    contract_fields,
    details_inputs,
    letter_contracts,
    move_shared_fields,
)
from views.picker import mapping_choice
from views.result import render_export, render_result

CLIENT = "self"  # the consumer's own case file (the same in every language)


def render() -> None:
    """One person's statements: upload or samples, then the to-do list, their contracts and letters."""
    page_style()
    with st.sidebar:
        st.subheader(tr("details_header"))
        st.caption(tr("details_caption"))
        details = details_inputs("me_")
        as_of = as_of_input("me_as_of")
    uploads = st.file_uploader(tr("upload_label"), type=UPLOAD_TYPES, accept_multiple_files=True, key="uploads",
                               help=tr("upload_help", limit=UPLOAD_LIMIT_MB), max_upload_size=UPLOAD_LIMIT_MB)
    sets = sample_sets()
    if sets:
        names = list(sets)
        c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
        kept = st.session_state.get("_sample_choice") or default_sample_set(sets)
        language = lang()
        # one widget per language (its option labels differ), started from the choice kept across switches
        choice = c1.selectbox(tr("sample_label"), names, index=names.index(kept) if kept in names else 0,
                              key="sample_choice" + ("" if language == "ja" else f"_{language}"),
                              format_func=lambda k: sample_name(k, sets[k], language))
        st.session_state["_sample_choice"] = choice
        if c2.button(tr("sample_load"), key="sample_load", type="primary"):
            st.session_state["sample_files"] = read_paths(sets[choice])
        if st.session_state.get("sample_files") and c3.button(tr("sample_clear"), key="sample_clear"):
            st.session_state["sample_files"] = []
    else:
        st.caption(tr("no_samples"))
    own, refused = split_refused(keep_uploads("uploads", uploaded_files(uploads)))
    for line in refused:
        st.error(md_line(line))
    own, copies = drop_duplicates(own)
    for line in copies:
        st.info(md_line(line))
    samples: Files = st.session_state.get("sample_files") or []
    if samples and own:  # an upload replaces the sample unless the user asks to add to it
        if not st.checkbox(tr("upload_add"), key="upload_add"):
            st.caption(tr("upload_replaces"))
            samples = []
    files = samples + own
    if not files:
        st.info(tr("no_files"))
    with st.spinner(tr("scanning")):
        result = scan_files(files, same_card_choice("me_", files), currency_choice("me_", files),
                            mapping_choice("me_", files))
    contracts = list(result.contracts or [])
    # The sample's cases live in a throwaway file for this session, never in the user's own case file.
    store = sample_store() if samples else open_store()
    with st.sidebar:
        store_caption(store, sample=bool(samples))
    if store is not None and own and not samples:
        for name, data in own:
            store.add_statement(CLIENT, name, data)
    bad = [c for c in contracts if c.suspicious]
    issuers = contract_issuers("me_", result.cards, bad)
    move_shared_fields("me_", "me_", letter_contracts(bad))
    ctx = CaseContext(store=store, client=CLIENT, cases=sync_cases(store, CLIENT, contracts), as_of=as_of,
                      issuers=issuers, several_cards=len(result.cards) > 1, sample=bool(samples))
    render_result(result, details, "me_", ctx, files)
    if result.reports:
        per = contract_fields("me_", bad, details, issuers)
        who = details.name or tr("single_client")
        render_export([(who, result)], [details], "me_export_", {(who, cid): d for cid, d in per.items()},
                      {(who, cid): case for cid, case in ctx.cases.items()})
    if store is not None:
        store.close()
