"""The analyst's workbench page: unknown merchants with scam patterns across clients, and draft entries.

``render(lang)`` draws it; the app's view selector calls it. Statements are uploaded (the file name's
part before the first "_" or "-" is taken as the client, e.g. ``clientA_2026-05.csv``) or taken from
the bundled demo folders (one folder per client). Nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from audit.masking import mask_card
from audit.merchants.workbench import candidates, candidates_from_scans, draft_toml

DEMO = Path(__file__).resolve().parents[1] / "sample_statements" / "demo"

TEXT = {
    "title": {"ja": "アナリスト用: 未登録の加盟店候補", "en": "Analyst's workbench: unlisted merchant candidates"},
    "intro": {
        "ja": "複数の相談者の明細から、リストにないが詐欺のパターンを示す加盟店をまとめます。"
              "下書きの出典欄を公的な資料で埋めてから `audit merchants validate` で確認してください。",
        "en": "Gathers, across clients' statements, merchants that no list knows but that show scam patterns. "
              "Fill the draft's source fields from a public document, then check it with `audit merchants validate`.",
    },
    "upload": {"ja": "明細ファイル（ファイル名の先頭が相談者名）", "en": "Statements (file name starts with the client)"},
    "sample": {"ja": "サンプル明細で試す", "en": "Try the sample statements"},
    "none": {"ja": "パターンを示す未登録の加盟店はありません。", "en": "No unlisted merchant shows a scam pattern."},
    "download": {"ja": "下書き（TOML）をダウンロード", "en": "Download the draft entries (TOML)"},
    "errors": {"ja": "読めなかったファイル", "en": "Files that could not be read"},
}
COLUMNS = {
    "name": {"ja": "正規化名", "en": "normalised name"}, "clients": {"ja": "相談者数", "en": "clients"},
    "charges": {"ja": "請求数", "en": "charges"}, "paid": {"ja": "支払額", "en": "paid"},
    "variants": {"ja": "表記", "en": "descriptor variants"}, "signals": {"ja": "シグナル", "en": "signals"},
    "first": {"ja": "初回", "en": "first"}, "last": {"ja": "最終", "en": "last"},
}


def _t(key: str, lang: str) -> str:
    return TEXT[key].get(lang, TEXT[key]["en"])


def _client_of(name: str) -> str:
    stem = Path(name).stem
    for sep in ("_", "-"):
        if sep in stem:
            return stem.split(sep, 1)[0]
    return stem


def _from_uploads(files: list[tuple[str, bytes]]) -> tuple[list, list]:
    from audit.pipeline import analyse, read_many

    by_client: dict[str, list[tuple[str, bytes]]] = {}
    for name, data in files:
        by_client.setdefault(_client_of(name), []).append((name, data))
    scans, errors = [], []
    for client, items in sorted(by_client.items()):
        tx, reports, errs = read_many((n, d, None) for n, d in items)
        errors.extend(errs)
        result = analyse(tx, (), reports)
        scans.append((client, result.transactions, result.findings))
    return candidates_from_scans(scans), errors


def _signals(codes: str, lang: str) -> str:
    """Signal codes (``foreign_software_recurring, prepaid_burst``) as words of ``lang``."""
    from audit.ui_text import TEXT, text

    return ", ".join(text(f"signal_{c}", lang) if f"signal_{c}" in TEXT["en"] else c
                     for c in (x.strip() for x in codes.split(",")) if c)


def _variants(text: str) -> str:
    """Descriptor variants without what the issuer prints after the merchant (``利用国USA``), each once."""
    from audit.cases.letters import quote_descriptor

    return "; ".join(dict.fromkeys(quote_descriptor(v) for v in text.split("; ") if v))


def render(lang: str) -> None:
    """Draw the workbench in ``lang`` ("ja" or "en")."""
    from audit.ui_text import error_text
    from views.common import md_line, page_style

    page_style()
    st.header(_t("title", lang))
    st.caption(_t("intro", lang))
    uploads = st.file_uploader(_t("upload", lang), accept_multiple_files=True, key="analyst_upload",
                               type=["csv", "pdf", "tsv", "txt"])
    if st.button(_t("sample", lang), key="analyst_sample"):
        st.session_state["analyst_use_sample"] = True
    if uploads:
        cands, errors = _from_uploads([(u.name, u.getvalue()) for u in uploads])
    elif st.session_state.get("analyst_use_sample"):
        cands, errors = candidates(sorted(p for p in DEMO.iterdir() if p.is_dir()))
    else:
        return
    if errors:  # file names and messages are shown as text, never as Markdown or HTML
        st.warning(md_line(_t("errors", lang) + ": " + "; ".join(error_text(e, lang) for e in errors)))
    if not cands:
        st.info(_t("none", lang))
        return
    rows = [{k: (mask_card(v) if isinstance(v, str) else v) for k, v in c.row(lang).items() if k in COLUMNS}
            for c in cands]
    for row in rows:
        row["signals"] = _signals(str(row["signals"]), lang)
        row["variants"] = _variants(str(row["variants"]))
    table = pd.DataFrame(rows, columns=list(COLUMNS)).rename(columns={k: v[lang if lang in v else "en"]
                                                                       for k, v in COLUMNS.items()})
    st.dataframe(table, hide_index=True, key="analyst_table")
    st.download_button(_t("download", lang), draft_toml(cands, dt.date.today().isoformat()).encode("utf-8"),
                       file_name="draft_entries.toml", mime="application/toml", key="analyst_download")
