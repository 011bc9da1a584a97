"""Streamlit page: upload card statements, review suspicious contracts, follow each case to its refund.

Start it from the project folder (so ``.streamlit/config.toml`` is read: no usage statistics,
local address only, 50 MB upload limit)::

    streamlit run app.py

This file is thin: language, the view selector and the shared sidebar. Each view is one module under
``views/`` (consumer, counsellor, and analyst when the merchants helper's module is present); the
logic they lay out lives in ``audit`` (the CLI uses the same functions). Imported as a module
(``import app``), nothing runs: the page is built by :func:`main`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from audit.ui_text import LANG_NAMES, LANGS, text  # noqa: E402
from views import consumer, counsellor  # noqa: E402
from views.common import (  # noqa: E402,F401  (names kept importable from app for tests and scripts)
    default_sample_set,
    demo_clients,
    lang,
    md,
    md_line,
    sample_sets,
    scan_files,
    slug,
    tr,
)
from views.result import timeline_frame  # noqa: E402,F401

try:  # the analyst view is written by the merchants helper; the page runs without it
    from views import analyst  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the merge
    analyst = None


def main() -> None:
    """Build the page."""
    st.set_page_config(page_title=text("page_title", lang()), page_icon="🔎", layout="wide")
    with st.sidebar:
        st.radio(text("lang_label"), LANGS, format_func=LANG_NAMES.get, key="lang", horizontal=True)
        modes = ("single", "counsellor") + (("analyst",) if analyst is not None else ())
        current = lang()
        kept = st.session_state.get("_keep_mode", "single")
        # one widget per language (its option labels differ), started from the mode kept across switches
        mode = st.radio(tr("mode_label"), modes, index=modes.index(kept) if kept in modes else 0,
                        key=f"mode_{current}", format_func=lambda m: text(f"mode_{m}", current))
        st.session_state["_keep_mode"] = mode
        # a view drawn afresh (another view or language before): its uploads come back from views.common.keep_uploads
        view = (mode, current)
        st.session_state["_view_fresh"] = st.session_state.get("_last_view") != view
        st.session_state["_last_view"] = view
        st.caption(tr("privacy"))
    st.title(tr("title"))
    st.markdown(tr("intro"))
    if st.get_option("browser.gatherUsageStats"):
        st.warning("Streamlit usage statistics are ON: start the page from the project folder "
                   "(streamlit run app.py) so .streamlit/config.toml turns them off.")
    if mode == "counsellor":
        counsellor.render()
    elif mode == "analyst" and analyst is not None:
        analyst.render(current)
    else:
        consumer.render()


if __name__ == "__main__":
    main()
