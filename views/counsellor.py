"""The counsellor view: several clients, their cards, progress and totals, and one client in detail."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from audit import pipeline
from audit.cases.store import CaseStore
from audit.ui_text import LANGS, error_text, text
from views.cards import card_name, contract_issuers, currency_choice, same_card_choice
from views.casefile import (
    CaseContext,
    as_of_input,
    client_chart,
    client_row,
    open_store,
    render_next_actions,
    sample_store,
    store_caption,
    sync_cases,
)
from views.common import (
    MAX_CLIENTS,
    UPLOAD_LIMIT_MB,
    UPLOAD_TYPES,
    Files,
    demo_clients,
    drop_duplicates,
    forget_uploads,
    keep_uploads,
    lang,
    md_line,
    page_style,
    read_paths,
    sample_sets,
    scan_files,
    slug,
    split_refused,
    tr,
    uploaded_files,
)
from views.details import (
    CONTRACT_FIELDS,
    DETAIL_FIELDS,
    _set_field,
    contract_fields,
    details_inputs,
    kept_text_input,
    letter_contracts,
    move_shared_fields,
)
from views.picker import mapping_choice
from views.result import render_export, render_result


def _uploader_key(p: str) -> str:
    """The client's uploader key; a new one after "forget" (Streamlit cannot empty an uploader otherwise)."""
    gen = int(st.session_state.get(p + "gen", 0))
    return p + "files" + (f"_{gen}" if gen else "")


def render() -> None:
    """Several clients at once: a block per client, a summary table, exports and one client in detail."""
    page_style()
    st.subheader(tr("counsellor_header"))
    forgot = st.session_state.pop("_forgot", None)
    if forgot:
        st.success(md_line(forgot))
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
    from_samples: dict[str, bool] = {}
    slots: list[int] = []  # the block number of each client in ``clients``
    files_of: dict[str, Files] = {}  # each client's statements (the column picker needs their bytes)
    for i in range(n):
        p = f"client{i}_"
        typed = str(st.session_state.get(p + "label") or st.session_state.get("_keep_" + p + "label") or "")
        # an empty label, or the default label of another language (never one the user typed): this language's
        if not typed or typed in {text("client_default", lg, n=i + 1) for lg in LANGS if lg != lang()}:
            _set_field(p + "label", tr("client_default", n=i + 1))
        with st.container(border=True, key=p + "box"):
            c1, c2 = st.columns([1, 2])
            with c1:
                label = kept_text_input(tr("client_label"), key=p + "label").strip() or tr("client_default", n=i + 1)
            uploads = c2.file_uploader(tr("client_files", client=md_line(label)), type=UPLOAD_TYPES,
                                       accept_multiple_files=True, key=_uploader_key(p),
                                       max_upload_size=UPLOAD_LIMIT_MB)
            samples: Files = st.session_state.get(p + "samples") or []
            if samples:
                c1.caption(md_line(tr("sample_loaded", n=len(samples), names=", ".join(nm for nm, _ in samples))))
                if c1.button(tr("sample_clear"), key=p + "clear"):
                    st.session_state[p + "samples"] = []
                    samples = []
            with st.expander(tr("client_details", client=md_line(label))):
                details = details_inputs(p)
            own, refused = split_refused(keep_uploads(p + "files", uploaded_files(uploads)))
            for line in refused:
                st.error(md_line(line))
            own, copies = drop_duplicates(own)
            for line in copies:
                st.info(md_line(line))
            files = samples + own
            files_of[label] = files
            if not files:
                st.caption(tr("client_empty", client=md_line(label)))
                continue
            with st.spinner(tr("scanning")):
                result = scan_files(files, same_card_choice(f"view{i}_", files),
                                    currency_choice(f"view{i}_", files), mapping_choice(f"view{i}_", files))
            for err in result.errors:
                st.error(md_line(error_text(err, lang())))
            move_shared_fields(p, f"view{i}_", letter_contracts(result.contracts or []))
        clients.append((label, result))
        all_details.append(details)
        from_samples[label] = bool(samples)
        slots.append(i)
    if not clients:
        st.info(tr("no_files"))
        from audit.cases.store import FILE_NAME, data_dir

        with st.sidebar:  # where the case file is (it is created with the first client's cases)
            st.caption(md_line(tr("store_path", path=data_dir() / FILE_NAME)))
        return
    own_store = open_store() if not all(from_samples.values()) else None
    demo_store = sample_store() if any(from_samples.values()) else None
    stores = {label: demo_store if from_samples[label] else own_store for label, _ in clients}
    with st.sidebar:
        as_of = as_of_input("counsellor_as_of")
        store_caption(own_store)
        if demo_store is not None:
            store_caption(demo_store, sample=True)
    keys = {label: case_client(label, i) for (label, _), i in zip(clients, slots, strict=True)}
    cases = {label: sync_cases(stores[label], keys[label], list(result.contracts or [])) for label, result in clients}
    issuers: dict[str, dict[str, str]] = {}
    per_contract = {}
    for (label, result), i, details in zip(clients, slots, all_details, strict=True):
        bad = [c for c in result.contracts or [] if c.suspicious]
        issuers[label] = contract_issuers(f"view{i}_", result.cards, bad)
        for cid, d in contract_fields(f"view{i}_", bad, details, issuers[label]).items():
            per_contract[(label, cid)] = d
    st.subheader(tr("summary_header"))
    render_summary(clients, cases, as_of)
    all_cases = [case for d in cases.values() for case in d.values()]
    if all_cases:
        with st.container(border=True, key="counsellor_next_box"):
            render_next_actions(all_cases, as_of, "counsellor_next")
    render_export(clients, all_details, "counsellor_export_", per_contract,
                  {(label, cid): case for label, found in cases.items() for cid, case in found.items()})
    st.divider()
    labels = [f"{k + 1}. {label}" for k, (label, _) in enumerate(clients)]
    pick = st.selectbox(tr("client_view"), range(len(clients)), format_func=lambda k: labels[k], key="client_pick")
    label, result = clients[pick]
    slot = slots[pick]
    st.markdown(f"**{md_line(tr('client_chart', client=label))}**")
    client_chart([c for c in result.contracts or [] if c.suspicious])
    pending = st.session_state.get(f"client{slot}_eml_pending")
    st.session_state[f"view{slot}_eml_pending"] = pending
    ctx = CaseContext(store=stores[label], client=keys[label], cases=cases[label], as_of=as_of, issuers=issuers[label],
                      several_cards=len(result.cards) > 1, sample=from_samples[label])
    render_result(result, all_details[pick], f"view{slot}_", ctx, files_of.get(label))
    if stores[label] is not None:
        client_file_tools(stores[label], keys[label], slot, [n for n, _ in (st.session_state.get(f"client{slot}_samples")
                                                                        or [])] + [r.source for r in result.reports])
    for store in {id(s): s for s in stores.values() if s is not None}.values():
        store.close()


def case_client(label: str, i: int) -> str:
    """The name a client's cases are kept under: the label typed, or for the default label ("相談者3" /
    "Client 3") one name in every language, so a switch of language never starts the client afresh."""
    defaults = {text("client_default", lg, n=i + 1) for lg in LANGS}
    return text("client_default", "ja", n=i + 1) if label in defaults else label


def shown_label(client: str, i: int) -> str:
    """A client's name as the page shows it (the default name in the page's language)."""
    return tr("client_default", n=i + 1) if client == case_client(client, i) and client in {
        text("client_default", lg, n=i + 1) for lg in LANGS} else client


def render_summary(clients: list[tuple[str, pipeline.ScanResult]], cases: dict[str, dict[str, dict[str, Any]]],
                   as_of: Any) -> None:
    """One row per client (cards, progress, money per currency, deadlines) and one for everyone."""
    rows = []
    for label, result in clients:
        cs = list(result.contracts or [])
        cards = [card_name(c.label) for c in result.cards]
        row = client_row(label, cs, cases[label], cards, as_of)
        row.update({tr("col_files"): len(result.reports), tr("col_rows"): len(result.transactions),
                    tr("col_errors"): len(result.errors),
                    tr("col_legit"): sum(1 for c in cs if not c.suspicious and getattr(c, "known_as", ""))})
        rows.append(row)
    everyone = [c for _, result in clients for c in result.contracts or []]
    total = client_row(tr("overall"), everyone, {f"{k}:{cid}": v for k, d in cases.items() for cid, v in d.items()},
                       [], as_of, clients=True)
    total.update({tr("col_files"): sum(len(r.reports) for _, r in clients),
                  tr("col_rows"): sum(len(r.transactions) for _, r in clients),
                  tr("col_errors"): sum(len(r.errors) for _, r in clients),
                  tr("col_legit"): sum(1 for c in everyone if not c.suspicious and getattr(c, "known_as", "")),
                  tr("col_cards"): ""})
    done = sum(1 for label, result in clients for c in result.contracts or []
               if c.suspicious and cases[label].get(c.id, {}).get("status") == "refunded")
    total[tr("col_progress")] = tr("progress", done=done, n=sum(1 for c in everyone if c.suspicious))
    wide = st.column_config.TextColumn(width="large")  # money per currency is never cut off
    medium = st.column_config.TextColumn(width="medium")
    st.dataframe(pd.DataFrame([*rows, total]), hide_index=True,
                 column_config={tr("col_suspicious_total"): wide, tr("col_refunded"): wide, tr("col_cards"): medium})


def forget(store: CaseStore, label: str, slot: int, files: list[str]) -> str:
    """Delete everything kept about the client and unload their statements and details from this session;
    returns the sentence saying what was removed (the next click finds nothing to re-create them from)."""
    p = f"client{slot}_"
    store.forget_client(label)
    st.session_state[p + "samples"] = []
    st.session_state[p + "gen"] = int(st.session_state.get(p + "gen", 0)) + 1  # a fresh, empty uploader
    for f in ("label", *DETAIL_FIELDS, *CONTRACT_FIELDS):
        for key in (p + f, "_keep_" + p + f):
            st.session_state.pop(key, None)
    for key in [k for k in st.session_state if str(k).startswith((f"view{slot}_", f"_keep_view{slot}_"))]:
        st.session_state.pop(key, None)
    st.session_state.pop(p + "eml_pending", None)
    forget_uploads(p + "files")  # nothing kept to bring the statements back
    forget_uploads(p + "eml")
    names = sorted(set(files))
    return tr("forgotten", client=shown_label(label, slot), n=len(names), files=", ".join(names) or tr("none"))


def client_file_tools(store: CaseStore, label: str, slot: int, files: list[str]) -> None:
    """One client's case file: download it (JSON), or forget the client (their records and statements)."""
    import json

    with st.expander(tr("client_file", client=md_line(shown_label(label, slot)))):
        try:
            data = store.export_client(label)
        except KeyError:
            return
        st.download_button(tr("client_file_download"), json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"),
                           file_name=f"case-file-{slug(label)}.json", mime="application/json",
                           key=f"client{slot}_file_json", on_click="ignore")
        sure = st.checkbox(tr("forget_confirm", client=md_line(shown_label(label, slot))), key=f"client{slot}_forget_sure")
        if st.button(tr("forget_client"), key=f"client{slot}_forget", disabled=not sure):
            st.session_state["_forgot"] = forget(store, label, slot, files)
            st.session_state.pop(f"client{slot}_forget_sure", None)
            st.rerun()
