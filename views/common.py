"""Shared pieces of the page: language, safe Markdown, money, samples, scanning, the details form.

Everything here is Streamlit glue; the logic lives in ``audit`` (the CLI uses the same functions).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from audit import pipeline, schema
from audit.errors import StatementError
from audit.ui_text import DEFAULT_LANG, LANGS, TEXT, text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "sample_statements"
SAMPLE_SUFFIXES = (".csv", ".pdf")
UPLOAD_TYPES = ["csv", "pdf", "tsv", "txt", "xlsx", "xls"]  # Excel accepted only to refuse it clearly
UPLOAD_LIMIT_MB = 50
MAX_CLIENTS = 12
Files = list[tuple[str, bytes]]



# --------------------------------------------------------------------------- small helpers


def lang() -> str:
    """The language picked in the sidebar (Japanese until the user switches)."""
    value = st.session_state.get("lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **values: Any) -> str:
    """UI text for ``key`` in the current language."""
    return text(key, lang(), **values)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


_AUTOLINK = re.compile(r"(:(?=//)|(?<=:)//|@|(?i:www)(?=\\?\.))")


def no_autolink(text: str) -> str:
    """Break what Markdown would turn into a link by itself (``https://``, ``www.``, ``a@b``): escaped, not removed."""
    def repl(m: re.Match[str]) -> str:
        found = m.group(0)
        return found + "\u200b" if found.isalpha() else "".join("\\" + ch for ch in found)

    return _AUTOLINK.sub(repl, text)


def md(value: Any) -> str:
    """``value`` as literal Markdown text, card numbers masked (descriptors are chosen by merchants: never let
    them format or become links)."""
    from audit.masking import mask_card

    return no_autolink(_MD_SPECIAL.sub(r"\\\1", " ".join((mask_card(str(value)) or "").split())))


_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>|~$#])")


def md_line(value: Any, keep: Sequence[str] = ()) -> str:
    """Lighter :func:`md` for one-line messages (errors, file names): dots and brackets stay readable; ``keep``:
    order or ticket numbers that are never masked as card numbers."""
    from audit.masking import mask_card

    masked_text = mask_card(str(value), context="prose", keep=keep) if keep else mask_card(str(value))
    out = no_autolink(_MD_INLINE.sub(r"\\\1", " ".join((masked_text or "").split())))
    return re.sub(r"^(\d+)\.", r"\1\\.", re.sub(r"^([-+])", r"\\\1", out))


def slug(value: str) -> str:
    """ASCII file-name part (``"FS *RESTORO 8443"`` -> ``"FS-RESTORO-8443"``)."""
    return re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-")[:32] or "merchant"


def money(amount: float | None, currency: str | None) -> str:
    from audit.cases.money import format_money

    if amount is None or pd.isna(amount):
        return tr("none")
    return format_money(float(amount), currency, lang())


def totals(parts: dict[str, float], empty: str | None = None) -> str:
    """Per-currency totals in the page's language (``"JPY 7,615 + USD 499.00"``)."""
    from audit.cases.money import format_totals

    return format_totals(parts, empty=tr("none") if empty is None else empty, lang=lang())


def number(value: float) -> str:
    """``324,782`` for whole amounts, ``49.99`` otherwise."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def cadence_name(cadence: str | None) -> str:
    """``"monthly"`` as words of the current language (unknown cadences as they are)."""
    return tr(f"cadence_{cadence}") if cadence and f"cadence_{cadence}" in TEXT["en"] else (cadence or "")


def status_name(status: str) -> str:
    return tr(f"status_{status}") if status in ("active", "ended", "one-off") else status


def masked(value: Any) -> str:
    """``value`` as text with card numbers masked (raw statement lines can hold them)."""
    from audit.masking import mask_card

    return mask_card(str(value)) or ""


_URL = re.compile(r"https?://[^\s()<>\[\]]+[^\s()<>\[\].,;:'\"]")


def md_links(value: Any) -> str:
    """Literal Markdown for ``value`` in which http(s) addresses become links named by their host."""
    out, pos = [], 0
    text_value = " ".join(str(value).split())
    for m in _URL.finditer(text_value):
        host = re.sub(r"^www\.", "", m.group(0).split("/")[2])
        out += [md(text_value[pos:m.start()]), f"[{md(host)}]({m.group(0)})"]
        pos = m.end()
    return "".join([*out, md(text_value[pos:])])


def totals_by_currency(contracts: Sequence[Any]) -> str:
    """``"JPY 29,400 + USD 49.99"``: the contracts' net paid, per currency (never added across currencies)."""
    from audit.cases.money import contracts_total

    return " + ".join(money(v, k) for k, v in sorted(contracts_total(contracts).items())) or tr("none")


# --------------------------------------------------------------------------- samples and scanning


def sample_name(key: str, files: Sequence[Path], language: str | None = None) -> str:
    """A sample set as a person reads it: ``sample_statements/demo/client_a`` -> "Demo client: client_a (6 files)"."""
    lg = language or lang()
    parts = key.split("/")
    if len(parts) == 1:
        return text("sample_set_formats", lg, n=len(files))
    return text("sample_set_demo", lg, name="/".join(parts[2:]) if len(parts) > 2 else parts[-1], n=len(files))


def sample_sets(root: Path = SAMPLES_DIR) -> dict[str, list[Path]]:
    """Bundled sample statements, by folder (``sample_statements``, ``sample_statements/demo``, ...).

    Found at run time, so adding or renaming a sample never breaks the page.
    """
    if not root.is_dir():
        return {}
    folders = [root, *sorted(p for p in root.rglob("*") if p.is_dir())]
    out: dict[str, list[Path]] = {}
    for folder in folders:
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SAMPLE_SUFFIXES)
        if files:
            out[folder.relative_to(root.parent).as_posix()] = files
    return out


def default_sample_set(sets: dict[str, list[Path]]) -> str | None:
    """The set the one-click button loads: the first demo folder if there is one, else the first set."""
    demo = [k for k in sets if "demo" in k.split("/")]
    return (demo or list(sets) or [None])[0]


def demo_clients(sets: dict[str, list[Path]]) -> list[tuple[str, list[Path]]]:
    """Sample clients for the counsellor view: every demo folder is one client (the top set when alone)."""
    demo = [(k, v) for k, v in sets.items() if "demo" in k.split("/")]
    if len(demo) < 2:
        demo += [(k, v) for k, v in sets.items() if (k, v) not in demo][: 2 - len(demo)]
    return [(k.split("/")[-1], v) for k, v in demo]


def read_paths(paths: Sequence[Path]) -> Files:
    return [(p.name, p.read_bytes()) for p in paths]


ErrorTuple = tuple[str, str, int | None, int | None]


SameCard = tuple[tuple[str, str], ...]


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def _scan_cached(files: tuple[tuple[str, bytes], ...], same_card: SameCard = (), currency: SameCard = (),
                 mappings: SameCard = (), saved: tuple[str, ...] = ()) -> tuple[pipeline.ScanResult, list[ErrorTuple]]:
    """The pipeline run, cached in memory on the uploaded bytes, the card choice, the currencies and column
    mappings the user gave and the saved mappings (as JSON text; errors as plain tuples)."""
    import json

    from audit.readers import options as reading
    from audit.readers.mapping import ColumnMapping
    from audit.readers.saved import SavedLayout

    options: dict[str, Any] = {k: dict(v) for k, v in (("same_card", same_card), ("currency", currency)) if v}
    if mappings:
        options["mappings"] = {name: ColumnMapping.from_dict(json.loads(m)) for name, m in mappings}
    layouts = []
    for text_ in saved:
        d = json.loads(text_)
        layouts.append(SavedLayout(d["name"], d["signature"], ColumnMapping.from_dict(d["mapping"]), d.get("issuer", ""),
                                   d.get("saved", "")))
    with reading.in_force(reading.ReadingOptions(saved=tuple(layouts))):
        result = pipeline.scan_uploads(list(files), **options)
    errors = [
        (str(getattr(e, "source", "") or "?"), str(getattr(e, "message", e)), getattr(e, "row", None),
         getattr(e, "page", None))
        for e in result.errors
    ]
    return dataclasses.replace(result, errors=[]), errors


def _restore(result: pipeline.ScanResult, errors: list[ErrorTuple]) -> pipeline.ScanResult:
    result.errors = [StatementError(src, msg, row=row, page=page) for src, msg, row, page in errors]
    return result


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:200]


def scan_files(files: Files, same_card: dict[str, str] | None = None, currency: dict[str, str] | None = None,
               mappings: dict[str, Any] | None = None) -> pipeline.ScanResult:
    """Audit the files together (``same_card``: the user's card choice, ``currency``: the currency the user
    gave for files that state none, ``mappings``: the columns the user gave per file; see
    :func:`audit.pipeline.read_many`), with the saved column mappings in force; a file that breaks a stage is
    named in the errors, the rest still run."""
    import json

    if not files:
        return pipeline.ScanResult(transactions=schema.empty_frame())
    choice: SameCard = tuple(sorted((same_card or {}).items()))
    given: SameCard = tuple(sorted((currency or {}).items()))
    mapped: SameCard = tuple(sorted((k, json.dumps(m.to_dict(), sort_keys=True, ensure_ascii=False))
                                    for k, m in (mappings or {}).items()))
    saved = tuple(json.dumps(s.to_dict(), sort_keys=True, ensure_ascii=False) for s in saved_layouts())
    try:
        return _restore(*_scan_cached(tuple(files), choice, given, mapped, saved))
    except Exception as exc:  # the readers should raise StatementError; anything else must not kill the page
        first = exc
    good: Files = []
    bad: list[StatementError] = []
    for name, data in files:
        try:
            _scan_cached(((name, data),))
            good.append((name, data))
        except Exception as exc:
            bad.append(StatementError(name, f"could not be read ({_one_line(exc)})"))
    result = pipeline.ScanResult(transactions=schema.empty_frame())
    if good and len(good) < len(files):
        try:
            result = _restore(*_scan_cached(tuple(good), choice, given, mapped, saved))
            good = []
        except Exception as exc:
            first = exc
    if good:  # each of these reads fine alone, but the check failed on them together
        bad.append(StatementError(", ".join(n for n, _ in good), f"the check failed ({_one_line(first)})"))
    result.errors = bad + result.errors
    return result


def keep_uploads(key: str, files: Files) -> Files:
    """The files of an uploader, kept across a switch of view or language (Streamlit empties an uploader that was
    not drawn in the previous run): files just uploaded are kept under ``key``; an empty uploader in a view drawn
    afresh gives back the kept files, with a line saying so and a button to take them off."""
    store = "_kept_" + key
    if files:
        st.session_state[store] = files
        st.session_state.pop(store + "_back", None)
        return files
    kept: Files = st.session_state.get(store) or []
    if kept and (st.session_state.get("_view_fresh") or st.session_state.get(store + "_back")):
        st.session_state[store + "_back"] = True
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        c1.caption(md_line(tr("uploads_kept", n=len(kept), names=", ".join(n for n, _ in kept))))
        if not c2.button(tr("uploads_kept_clear"), key=store + "_clear"):
            return kept
    forget_uploads(key)
    return []


def forget_uploads(key: str) -> None:
    """Drop what :func:`keep_uploads` kept under ``key``."""
    for k in ("_kept_" + key, "_kept_" + key + "_back"):
        st.session_state.pop(k, None)


def saved_layouts() -> list[Any]:
    """The column mappings saved in the user's data folder (:class:`audit.readers.saved.LayoutStore`); a store
    that cannot be read is one line on the page and counts as empty."""
    from audit.readers.mapping import MappingError
    from audit.readers.saved import LayoutStore

    try:
        return LayoutStore().list()
    except (MappingError, OSError) as exc:
        st.warning(md_line(tr("layouts_error", why=exc)))
        return []


def uploaded_files(uploads: Any) -> Files:
    """(file name without folders, bytes) for Streamlit's UploadedFile objects."""
    if uploads is None:
        return []
    if not isinstance(uploads, list):
        uploads = [uploads]
    return [(Path(u.name).name, u.getvalue()) for u in uploads]


def drop_duplicates(files: Files) -> tuple[Files, list[str]]:
    """The files with an exact copy (same name, same bytes) put in twice left out, and one line in the page's
    language for each (the uploader lists the copy and counts it; the page reads it once)."""
    seen: dict[tuple[str, str], int] = {}
    keep: Files = []
    for name, data in files:
        k = (name, hashlib.sha256(data).hexdigest())
        seen[k] = seen.get(k, 0) + 1
        if seen[k] == 1:
            keep.append((name, data))
    lines = [tr("upload_duplicate", name=name, n=n) for (name, _), n in seen.items() if n > 1]
    return keep, lines


def split_refused(files: Files) -> tuple[Files, list[str]]:
    """Files the readers take, and one localised line for each refused one (Excel workbooks)."""
    keep, refused = [], []
    for name, data in files:
        if name.lower().endswith((".xlsx", ".xls", ".xlsm")):
            refused.append(tr("xlsx_refused", name=name))
        else:
            keep.append((name, data))
    return keep, refused


def page_style() -> None:
    """The page's few style settings, as one style-only ``st.html`` (a documented use: it goes to the event
    container and takes no space; the texts are fixed words from :mod:`audit.ui_text`, no user data).

    Streamlit's file uploader writes "Upload" and "200MB per file" in English whatever the page's language and
    has no option for these texts: they are hidden and the same is shown in the page's language. The space
    above the title is smaller, so the headline figures and the first contract fit two screens; on a narrow page
    columns wrap (a container query on the page's width) rather than cut figures and charts off.
    """
    button, limit = tr("uploader_button"), tr("uploader_limit", limit=UPLOAD_LIMIT_MB)
    label = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    hint = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    css = (f'{label}{{font-size:0}}{label}::after{{content:"{button}";font-size:0.875rem}}'
           f'{hint}{{font-size:0}}{hint}::after{{content:"{limit}";font-size:0.8rem}}'
           # less empty space above the title: the headline figures and the first contract fit two screens
           '[data-testid="stMainBlockContainer"]{padding-top:2rem;container-type:inline-size}'
           # a narrow page (a 900-px window with the sidebar open): columns wrap instead of cutting figures off
           '@container (max-width: 760px){[data-testid="stHorizontalBlock"]{flex-wrap:wrap}'
           '[data-testid="stColumn"]{flex:1 1 13rem;min-width:min(100%,13rem)}}'
           # the to-do's step (its second column) is read whole: never squeezed to a word a line
           '[class*="_todo"] table :is(td,th):nth-child(2){min-width:12rem}'
           # the date and the contract (or client) stay on one line: a row is one line high when it can be
           '[class*="_todo"] table :is(td,th):is(:nth-child(1),:nth-child(3),:last-child) *{white-space:nowrap}'
           '[class*="_todo"] table :is(td,th) *{font-size:0.875rem}')
    st.html(f"<style>{css}</style>")


METRIC_CHARS = 13  # longer figures do not fit a quarter of a 1280-px page in a metric's big type


def money_metric(col: Any, label: str, value: str, help: str | None = None) -> None:
    """A money figure: ``st.metric`` for a short one; plain bold text for several currencies or a long one (an
    amount whose currency is not stated says so in words), which a metric would cut off."""
    from audit.report_text import display_width

    if " + " in value or display_width(value) > METRIC_CHARS:
        col.markdown(f"{md(label)}  \n**{md(value)}**", help=help)
    else:
        col.metric(label, value, help=help)
