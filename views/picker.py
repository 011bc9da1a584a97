"""The column picker on the page: when the reader refused a delimited file, or read it with low confidence,
the user says which column is which and sees the transactions that gives; the choice can be saved for every
later file with the same header (the user's data folder, used on the command line too).

The logic is :mod:`audit.picker` (first rows, the reader's choice, the mapping, the preview) over the readers'
:class:`audit.readers.mapping.ColumnMapping` and :class:`audit.readers.saved.LayoutStore`; this module lays it out.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from audit import picker
from audit.readers.mapping import ColumnMapping, MappingError
from audit.ui_picker import evidence_text, mapping_error_text
from views.common import Files, lang, md_line, slug, tr

SIGNS = ("charges-positive", "charges-negative")


def _tag(prefix: str, name: str) -> str:
    return f"{prefix}pick_{slug(name)}_{hashlib.sha1(name.encode('utf-8')).hexdigest()[:6]}_"


def _store(prefix: str) -> str:
    return f"_mappings_{prefix}"


def mapping_choice(prefix: str, files: Files) -> dict[str, ColumnMapping]:
    """The column mappings the user applied to these files (file name -> mapping), read before the scan."""
    given = st.session_state.get(_store(prefix)) or {}
    out = {}
    for name, _data in files:
        d = given.get(name)
        if d:
            try:
                out[name] = ColumnMapping.from_dict(d)
            except MappingError:
                continue
    return out


def _apply(prefix: str, name: str, mapping: dict[str, Any] | None) -> None:
    given = dict(st.session_state.get(_store(prefix)) or {})
    if mapping is None:
        given.pop(name, None)
    else:
        given[name] = mapping
    st.session_state[_store(prefix)] = given


@st.cache_data(max_entries=64, show_spinner=False)
def _head(data: bytes, name: str) -> picker.FileHead | None:
    try:
        return picker.file_head(data, name)
    except Exception:  # not text we can show: no picker for it
        return None


def _asked(prefix: str) -> set[str]:
    """The files whose picker the user opened by hand (a file the reader read, maybe confidently wrong)."""
    return set(st.session_state.get(f"_pick_asked_{prefix}") or ())


def ask_picker(prefix: str, name: str, show: bool = True) -> None:
    """Open (or close) the column picker of a file that was read (a button's callback)."""
    asked = _asked(prefix)
    asked = asked | {name} if show else asked - {name}
    st.session_state[f"_pick_asked_{prefix}"] = sorted(asked)


def picker_above(prefix: str, name: str, data: bytes, report: Any, refused: bool) -> bool:
    """True when the picker of this file is drawn above the figures: refused, read unsure, or mapped by the user
    (a picker the user opened in the files tab stays there)."""
    mapped = set(st.session_state.get(_store(prefix)) or {})
    wanted = refused or picker.unsure(report) or (name in mapped and name not in _asked(prefix))
    return bool(wanted) and picker.can_map(name, data)


def render_choose_buttons(prefix: str, files: Files, result: Any) -> None:
    """In the files tab: for every delimited file that was read, "choose the columns myself" (the reader may be
    sure and still wrong), opening the same picker right there; a file whose picker is above says so."""
    reports = {r.source: r for r in result.reports}
    shown = [(name, data, reports[name]) for name, data in files
             if name in reports and picker.can_map(name, data)]
    if not shown:
        return
    st.markdown(f"**{tr('picker_choose_header')}**")
    asked = _asked(prefix)
    for name, data, report in shown:
        key = _tag(prefix, name)
        if name in asked and not picker.unsure(report):
            with st.container(border=True, key=key + "asked_box"):
                c1, c2 = st.columns([3, 1], vertical_alignment="center")
                c1.markdown(md_line(tr("picker_asked", name=name)))
                c2.button(tr("picker_choose_close"), key=key + "close", on_click=ask_picker, args=(prefix, name, False))
                head = _head(data, name)
                if head is not None and head.rows:
                    render_picker(prefix, name, data, head, report)
            continue
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.markdown(md_line(name))
        if picker_above(prefix, name, data, report, refused=False):
            c1.caption(tr("picker_choose_open"))
        else:
            c2.button(tr("picker_choose"), key=key + "ask", on_click=ask_picker, args=(prefix, name))


def render_pickers(prefix: str, files: Files, result: Any) -> None:
    """Above the figures: each delimited file the reader refused or read unsure (or that the user mapped or
    asked to choose the columns of), with a line saying so and the picker."""
    # refused by the reader (not a stage that broke after reading: views.common.scan_files names those)
    refused = {str(getattr(e, "source", "")): e for e in result.errors
               if not str(getattr(e, "message", "")).startswith(("could not be read (", "the check failed"))}
    reports = {r.source: r for r in result.reports}
    mapped = set(st.session_state.get(_store(prefix)) or {})
    for name, data in files:
        report = reports.get(name)
        is_refused, is_unsure = name in refused, picker.unsure(report)
        if not picker_above(prefix, name, data, report, is_refused):
            continue
        head = _head(data, name)
        if head is None or not head.rows:
            continue
        if is_unsure:
            st.warning(md_line(tr("picker_unsure", name=name, pct=f"{float(report.confidence):.0%}")))
        elif is_refused:
            st.info(md_line(tr("picker_refused", name=name)))
        title = tr("picker_open_applied" if name in mapped and not is_refused else "picker_open", name=name)
        with st.expander(md_line(title), expanded=is_refused or (is_unsure and name not in mapped),
                         key=_tag(prefix, name) + "box"):
            render_picker(prefix, name, data, head, None if is_refused else report)


def _format_row(head: picker.FileHead, i: int) -> str:
    cells = " ; ".join(c for c in head.rows[i] if c)[:70]
    return tr("picker_row_label", line=head.lines[i], cells=cells)


def render_picker(prefix: str, name: str, data: bytes, head: picker.FileHead, report: Any) -> None:
    """One file's picker: its first rows as they are, the header row, a role per column (the reader's choice,
    how sure it was and why), date format, decimal mark, signs, currency; the transactions that gives, live;
    apply to this file, or save for every file with the same header."""
    from views.cards import _currency_select, currency_choice

    key = _tag(prefix, name)
    start = picker.start_from(report, head)
    first = key + "init"
    if first not in st.session_state:  # the reader's choice, once: the user's edits are kept afterwards
        st.session_state[first] = True
        for i, role in enumerate(start.roles):
            st.session_state[f"{key}role{i}"] = role
        st.session_state[key + "header"] = start.header
        st.session_state[key + "row"] = start.row
        st.session_state[key + "datefmt"] = start.date_format
        st.session_state[key + "decimal"] = start.decimal or "."
        st.session_state[key + "sign"] = start.sign if start.sign in SIGNS else SIGNS[0]
    st.caption(tr("picker_rows"))
    shown = pd.DataFrame(head.rows, columns=[tr("picker_column", n=i + 1) for i in range(head.width)],
                         index=[str(x) for x in head.lines])
    st.dataframe(shown, height=min(36 + 35 * len(head.rows), 330))
    c1, c2 = st.columns([1, 3])
    has_header = c1.checkbox(tr("picker_header"), key=key + "header")
    rows = list(range(len(head.rows)))
    labels = {i: _format_row(head, i) for i in rows}
    row = c2.selectbox(tr("picker_header_row"), rows, key=key + "row", format_func=labels.__getitem__)
    st.markdown(f"**{tr('picker_roles')}**")
    offered = [*picker.ROLES, *(r for r in dict.fromkeys(start.roles) if r not in picker.ROLES)]
    names = {r: tr(f"role_{r}") for r in offered}
    header_cells = head.rows[row] if has_header else [""] * head.width
    roles: list[str] = []
    per_line = 4 if head.width > 4 else head.width
    for base in range(0, head.width, per_line):
        cols = st.columns(per_line)
        for j, col in enumerate(cols):
            i = base + j
            if i >= head.width:
                break
            label = tr("picker_column", n=i + 1) + (f"：{header_cells[i]}" if lang() == "ja" and header_cells[i]
                                                     else f": {header_cells[i]}" if header_cells[i] else "")
            why = [evidence_text(e, lang()) for e in start.evidence[i]] if i < len(start.evidence) else []
            roles.append(col.selectbox(md_line(label), offered, key=f"{key}role{i}", format_func=names.__getitem__,
                                       help=md_line(" / ".join(why)) if why else None))
            conf = start.confidence[i] if i < len(start.confidence) else None
            if conf is not None and report is not None:
                col.caption(tr("picker_reader", role=names.get(start.roles[i], start.roles[i]), pct=f"{conf:.0%}"))
    d1, d2, d3, d4 = st.columns(4)
    date_format = d1.text_input(tr("picker_date_format"), key=key + "datefmt", help=tr("picker_date_format_help"),
                                placeholder="YYYY-MM-DD")
    dec_names = {".": tr("picker_decimal_dot"), ",": tr("picker_decimal_comma")}
    decimal = d2.radio(tr("picker_decimal"), [".", ","], key=key + "decimal", format_func=dec_names.__getitem__)
    sign_names = {"charges-positive": tr("picker_sign_positive"), "charges-negative": tr("picker_sign_negative")}
    sign = d3.selectbox(tr("picker_sign"), SIGNS, key=key + "sign", format_func=sign_names.__getitem__)
    with d4:  # the same answer as the question above the figures: asked once per file
        _currency_select(prefix, name, "picker", st, label=tr("picker_currency"))
    currency = currency_choice(prefix, [(name, b"")]).get(name, "")
    try:
        mapping = picker.build_mapping(roles, head, header=has_header, row=row, date_format=date_format.strip(),
                                       decimal=decimal, sign=sign, currency=currency)
    except MappingError as exc:
        st.error(md_line(f"{name}: " + mapping_error_text(str(exc), lang())))
        return
    got = picker.preview(data, name, mapping)
    if got.frame is None:
        st.error(md_line(f"{name}: " + tr("picker_preview_none", why=mapping_error_text(got.error, lang()))))
        return
    st.caption(tr("picker_preview", shown=len(got.frame), n=got.rows))
    st.dataframe(_preview_table(got.frame), hide_index=True)
    b1, b2 = st.columns([1, 2])
    applied = name in (st.session_state.get(_store(prefix)) or {})
    if b1.button(tr("picker_apply"), key=key + "apply", type="primary"):
        _apply(prefix, name, mapping.to_dict())
        st.rerun()
    if applied and b1.button(tr("picker_clear"), key=key + "clear"):
        _apply(prefix, name, None)
        st.rerun()
    default = (getattr(got.report, "issuer", "") or name.rsplit(".", 1)[0])[:60]
    if key + "savename" not in st.session_state:
        st.session_state[key + "savename"] = default
    label = b2.text_input(tr("picker_save_name"), key=key + "savename")
    if b2.button(tr("picker_save"), key=key + "save"):
        save(prefix, name, label, picker.with_currency(mapping, currency), got.report)


def save(prefix: str, name: str, label: str, mapping: ColumnMapping, report: Any) -> None:
    """Keep the mapping under the file's header signature (and issuer) in the user's data folder; it is read
    for every later file with that header, on the page and on the command line."""
    from audit.readers.saved import LayoutStore

    try:
        saved = LayoutStore().save(label, mapping, str(getattr(report, "signature", "") or ""),
                                   str(getattr(report, "issuer", "") or ""))
    except (MappingError, OSError) as exc:
        st.error(md_line(tr("picker_save_failed", why=mapping_error_text(str(exc), lang()))))
        return
    _apply(prefix, name, None)  # the saved layout reads it now, like every file with its header
    st.session_state["_layout_saved"] = saved.name
    st.rerun()


def _preview_table(frame: pd.DataFrame) -> pd.DataFrame:
    from views.result import currency_name

    out = pd.DataFrame({tr("col_date"): frame.get("date", pd.Series(dtype=object)).fillna("").astype(str),
                        tr("col_description"): frame.get("description", pd.Series(dtype=object)).fillna("").astype(str),
                        tr("col_amount"): frame.get("amount", pd.Series(dtype=float)).astype("float64")})
    if "currency" in frame.columns:
        out[tr("col_currency")] = [currency_name(str(c)) for c in frame["currency"].fillna("")]
    return out


# --------------------------------------------------------------------------- saved layouts


def render_saved(prefix: str) -> None:
    """The saved column layouts: what each reads, rename, delete."""
    from audit.readers.saved import LayoutStore

    done = st.session_state.pop("_layout_saved", None)
    if done:
        st.success(md_line(tr("picker_saved", name=done)))
    store = LayoutStore()
    try:
        items = store.list()
    except MappingError as exc:
        st.warning(md_line(tr("layouts_error", why=exc)))
        return
    with st.expander(tr("layouts_header", n=len(items)), key=prefix + "layouts"):
        st.caption(md_line(tr("layouts_caption", path=store.path)))
        if not items:
            st.caption(tr("layouts_none"))
        for i, s in enumerate(items):
            cols = ", ".join(f"{tr('role_' + r)}={v}" for r, v in s.mapping.columns.items())
            st.markdown(md_line(tr("layouts_line", name=s.name, signature=s.signature.replace("|", ", "),
                                   columns=cols, saved=s.saved)))
            c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
            new = c1.text_input(tr("layouts_rename"), key=f"{prefix}layout_new_{i}", placeholder=s.name)
            if c2.button(tr("layouts_rename_button"), key=f"{prefix}layout_rename_{i}", disabled=not new.strip()):
                _change(lambda s=s, new=new: store.rename(s.name, new))
            if c3.button(tr("layouts_delete"), key=f"{prefix}layout_delete_{i}"):
                _change(lambda s=s: store.forget(s.name))


def _change(action: Any) -> None:
    try:
        action()
    except (MappingError, OSError) as exc:
        st.error(md_line(mapping_error_text(str(exc), lang())))
        return
    st.rerun()


def reading_note(report: Any) -> str:
    """How a file was read when the user had a say: a saved layout (named) or the columns given."""
    source = str((getattr(report, "reading", None) or {}).get("source") or "")
    if source.startswith("saved layout "):
        return tr("reading_saved", name=source[len("saved layout "):])
    if source == "column mapping":
        return tr("reading_given")
    return ""

