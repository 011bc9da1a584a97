"""Streamlit page: upload card statements, review suspicious contracts, get the letters.

Start it from the project folder (so ``.streamlit/config.toml`` is read: no usage statistics,
local address only, 50 MB upload limit)::

    streamlit run app.py

The page is thin: it calls :func:`audit.pipeline.scan_uploads` (like the CLI) and the letter,
advice, reply, e-mail and export modules, and only lays their results out. Uploads stay in memory
(the scan is cached in memory on the uploaded bytes); nothing is written to disk unless the user
presses a download button. Imported as a module (``import app``), nothing runs: the page is built
by :func:`main`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from audit import pipeline, schema
from audit.errors import StatementError
from audit.ui_text import DEFAULT_LANG, LANG_NAMES, LANGS, TEXT, text

ROOT = Path(__file__).resolve().parent
SAMPLES_DIR = ROOT / "sample_statements"
SAMPLE_SUFFIXES = (".csv", ".pdf")
UPLOAD_TYPES = ["csv", "pdf", "tsv", "txt"]
UPLOAD_LIMIT_MB = 50
MAX_CLIENTS = 12
DETAIL_FIELDS = ("name", "email", "order_number", "card_issuer", "merchant_email", "product", "request_date")
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


def md(value: Any) -> str:
    """``value`` as literal Markdown text (descriptors are chosen by merchants: never let them format)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>|~$#])")


def md_line(value: Any) -> str:
    """Lighter :func:`md` for one-line messages (errors, file names): dots and brackets stay readable."""
    out = _MD_INLINE.sub(r"\\\1", " ".join(str(value).split()))
    return re.sub(r"^(\d+)\.", r"\1\\.", re.sub(r"^([-+])", r"\\\1", out))


def slug(value: str) -> str:
    """ASCII file-name part (``"FS *RESTORO 8443"`` -> ``"FS-RESTORO-8443"``)."""
    return re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-")[:32] or "merchant"


def money(amount: float | None, currency: str | None) -> str:
    from audit.cases.letters import format_money

    if amount is None or pd.isna(amount):
        return tr("none")
    return format_money(float(amount), currency)


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
    """``"JPY 29,400 + USD 49.99"`` for the contracts' total_paid, per currency."""
    sums: dict[str, float] = {}
    for c in contracts:
        sums[c.currency] = sums.get(c.currency, 0.0) + float(c.total_paid)
    return " + ".join(money(v, k) for k, v in sums.items()) or tr("none")


# --------------------------------------------------------------------------- samples and scanning


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


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def _scan_cached(files: tuple[tuple[str, bytes], ...]) -> tuple[pipeline.ScanResult, list[ErrorTuple]]:
    """The pipeline run, cached in memory on the uploaded bytes (errors kept as plain tuples)."""
    result = pipeline.scan_uploads(list(files))
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


def scan_files(files: Files) -> pipeline.ScanResult:
    """Audit the files together; a file that breaks a stage is named in the errors, the rest still run."""
    if not files:
        return pipeline.ScanResult(transactions=schema.empty_frame())
    try:
        return _restore(*_scan_cached(tuple(files)))
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
            result = _restore(*_scan_cached(tuple(good)))
            good = []
        except Exception as exc:
            first = exc
    if good:  # each of these reads fine alone, but the check failed on them together
        bad.append(StatementError(", ".join(n for n, _ in good), f"the check failed ({_one_line(first)})"))
    result.errors = bad + result.errors
    return result


def uploaded_files(uploads: Any) -> Files:
    """(file name without folders, bytes) for Streamlit's UploadedFile objects."""
    if uploads is None:
        return []
    if not isinstance(uploads, list):
        uploads = [uploads]
    return [(Path(u.name).name, u.getvalue()) for u in uploads]


# --------------------------------------------------------------------------- details (name, email, order)


def _remember(key: str) -> None:
    """Keep a text field's value outside the widget, so switching language or mode never loses it."""
    st.session_state["_keep_" + key] = st.session_state.get(key, "")


def kept_text_input(label: str, key: str, **kwargs: Any) -> str:
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get("_keep_" + key, "")
    value = st.text_input(label, key=key, on_change=_remember, args=(key,), **kwargs)
    st.session_state["_keep_" + key] = value
    return value


def _set_field(key: str, value: str) -> None:
    st.session_state[key] = value
    st.session_state["_keep_" + key] = value


def eml_prefill(key: str, targets: dict[str, str]) -> None:
    """Upload an order-confirmation .eml and copy what it holds into the fields named by ``targets``.

    ``targets`` maps :class:`audit.cases.eml.OrderEmail` attributes to widget keys. Must run before those
    widgets are drawn. A field is filled once per new file, so the user can still edit it afterwards;
    ``customer_email`` only fills an empty field.
    """
    from audit.cases.eml import parse_order_email

    up = st.file_uploader(tr("eml_label"), type=["eml"], key=key, help=tr("eml_help"),
                          max_upload_size=UPLOAD_LIMIT_MB)
    if up is None:
        return
    data = up.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    try:
        info = parse_order_email(data)
    except ValueError as exc:
        st.error(md_line(tr("eml_error", name=up.name, why=exc)))
        return
    if st.session_state.get(key + "_digest") != digest:
        for attr, wkey in targets.items():
            value = getattr(info, attr, None)
            if not value:
                continue
            if attr == "customer_email" and st.session_state.get(wkey):
                continue
            _set_field(wkey, str(value))
        st.session_state[key + "_digest"] = digest
    labels = [("merchant_name", "eml_field_merchant"), ("merchant_email", "eml_field_email"),
              ("order_number", "eml_field_order"), ("purchase_date", "eml_field_date"),
              ("product", "eml_field_product"), ("amount", "eml_field_amount")]
    found = [f"{tr(label)}: {getattr(info, attr)}" for attr, label in labels if getattr(info, attr, None)]
    if found:
        st.success(md_line(tr("eml_found", name=up.name, found=" / ".join(found))))
    else:
        st.warning(md_line(tr("eml_nothing", name=up.name)))


def details_inputs(prefix: str) -> Any:
    """The letter details form (with .eml pre-fill); returns :class:`audit.cases.letters.LetterDetails`."""
    from audit.cases.letters import LetterDetails

    eml_prefill(prefix + "eml", {"merchant_email": prefix + "merchant_email", "order_number": prefix + "order_number",
                                 "product": prefix + "product", "customer_email": prefix + "email"})
    values = {f: kept_text_input(tr(f), key=prefix + f) for f in DETAIL_FIELDS}
    return LetterDetails(**{k: v.strip() for k, v in values.items()})


# --------------------------------------------------------------------------- one client's result


def render_result(result: pipeline.ScanResult, details: Any, prefix: str) -> None:
    """Errors, headline figures and the tabs for one client's scan."""
    for err in result.errors:
        st.error(md_line(masked(err)))
    contracts = list(result.contracts or [])
    bad = [c for c in contracts if c.suspicious]
    legit = [c for c in contracts if not c.suspicious]
    if result.reports:
        st.caption(tr("files_summary", files=len(result.reports), rows=len(result.transactions)))
    cols = st.columns(4)
    cols[0].metric(tr("metric_suspicious"), len(bad))
    cols[1].metric(tr("metric_paid"), totals_by_currency(bad))
    upcoming = sorted((c.next_expected_date, c) for c in bad if c.next_expected_date and c.status == "active")
    nxt = upcoming[0][1] if upcoming else None
    if nxt:
        cols[2].metric(tr("metric_next"), nxt.next_expected_date, money(nxt.next_expected_amount, nxt.currency),
                       delta_color="off", delta_arrow="off", help=md(nxt.merchant))
    else:
        cols[2].metric(tr("metric_next"), tr("none"))
    cols[3].metric(tr("metric_legit"), len(legit))

    tabs = st.tabs([tr("tab_contracts"), tr("tab_files"), tr("tab_transactions"), tr("tab_legit"),
                    tr("tab_reply"), tr("tab_help")])
    with tabs[0]:
        render_contracts(result, bad, details, prefix)
    with tabs[1]:
        render_files(result, prefix)
    with tabs[2]:
        render_timeline(result, prefix)
        render_transactions(result, prefix)
    with tabs[3]:
        render_legit(legit)
    with tabs[4]:
        render_reply(bad, details, prefix)
    with tabs[5]:
        render_help()


def render_files(result: pipeline.ScanResult, prefix: str) -> None:
    st.subheader(tr("files_header"))
    for err in result.errors:
        st.error(md_line(masked(err)))
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
        rows.append({tr("col_file"): r.source, tr("col_type"): str(r.kind).upper(), tr("col_layout"): r.layout,
                     tr("col_period"): period, tr("col_rows"): r.rows, tr("col_warnings"): len(r.warnings),
                     tr("col_problems"): len(r.problems), tr("col_excluded"): len(r.excluded),
                     tr("col_reconciliation"): recon})
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    for r in result.reports:
        if not (r.warnings or r.problems or r.excluded):
            continue
        with st.expander(tr("file_details", name=r.source)):
            if r.problems:
                st.markdown(f"**{tr('problems_header')}**")
                st.code("\n".join(masked(p) for p in r.problems), language=None, wrap_lines=True)
            if r.warnings:
                st.markdown(f"**{tr('warnings_header')}**")
                st.code("\n".join(masked(w) for w in r.warnings), language=None, wrap_lines=True)
            if r.excluded:
                st.markdown(f"**{tr('excluded_header')}**")
                st.code("\n".join(masked(f"{x.reason}: {x.raw}")[:160] for x in r.excluded), language=None)


def charges_frame(c: Any) -> pd.DataFrame:
    """The contract's charges and refunds as a display table."""
    from audit.masking import mask_card

    rows = []
    for ch in [*c.charges, *c.refunds]:
        orig = (money(ch.get("original_amount"), ch.get("original_currency"))
                if ch.get("original_amount") is not None else "")
        rows.append({tr("col_date"): ch.get("date") or "", tr("col_amount"): ch.get("amount"),
                     tr("col_currency"): ch.get("currency") or c.currency, tr("col_original"): orig,
                     tr("col_description"): mask_card(str(ch.get("description") or "")),
                     tr("col_source"): ch.get("source") or ""})
    return pd.DataFrame(rows)


def render_contracts(result: pipeline.ScanResult, bad: list[Any], details: Any, prefix: str) -> None:
    from audit.cases.letters import auto_reply_note

    if not result.reports:
        st.info(tr("no_statement"))
        return
    if not bad:
        st.success(tr("no_suspicious"))
        return
    st.markdown(tr("contracts_intro", n=len(bad)))
    running = sorted((c for c in bad if c.status == "active" and c.next_expected_date),
                     key=lambda c: str(c.next_expected_date))
    if running:
        first = running[0]
        st.warning(md_line(tr("still_charging", n=len(running), date=first.next_expected_date,
                            amount=money(first.next_expected_amount, first.currency), merchant=first.merchant)))
    with st.container(border=True, key=prefix + "first_steps"):
        st.markdown(f"**{tr('first_steps_header')}**")
        st.markdown(tr("first_steps"))
    with st.expander(tr("auto_reply_header")):
        st.markdown(md(auto_reply_note(lang())))
    for c in contract_order(bad):
        render_contract(c, details, prefix)


def contract_order(contracts: Sequence[Any]) -> list[Any]:
    """Contracts still charging first (soonest next charge first), then the rest by score."""
    return sorted(contracts, key=lambda c: (c.status != "active", str(c.next_expected_date or ""), -float(c.score)))


def reasons_ja(c: Any) -> list[str]:
    """Plain Japanese reasons built from the contract's data (the detectors word their reasons in English)."""
    out: list[str] = []
    kinds = list(dict.fromkeys(c.kinds))
    if "known_merchant" in kinds:
        out.append(tr("reason_known_merchant", name=c.merchant))
    for kind in kinds:
        if kind == "foreign_software_recurring":
            out.append(tr("reason_foreign_software_recurring", cadence=cadence_name(c.cadence) or "定期",
                          n=len(c.charges)))
        elif kind != "known_merchant" and f"reason_{kind}" in TEXT["ja"]:
            out.append(tr(f"reason_{kind}"))
    foreign = sorted({str(ch.get("original_currency")) for ch in c.charges
                      if ch.get("original_currency") and ch.get("original_currency") != c.currency})
    if foreign:
        out.append(tr("reason_foreign", currencies="・".join(foreign)))
    if c.status == "active" and c.next_expected_date:
        out.append(tr("reason_active", date=c.next_expected_date, amount=money(c.next_expected_amount, c.currency)))
    return out or [tr("reason_generic")]


def contract_details(c: Any, details: Any, key: str) -> Any:
    """Per-contract merchant address / order number / product (from a .eml or typed), over the shared details."""
    own: dict[str, str] = {}
    filled = any(st.session_state.get(f"_keep_{key}{f}") for f in ("merchant_email", "order_number", "product"))
    with st.expander(tr("contract_fields"), expanded=filled):
        eml_prefill(key + "eml", {"merchant_email": key + "merchant_email", "order_number": key + "order_number",
                                  "product": key + "product"})
        cols = st.columns(3)
        for col, f in zip(cols, ("merchant_email", "order_number", "product"), strict=True):
            with col:
                own[f] = kept_text_input(tr(f), key=key + f, placeholder=getattr(details, f) or "").strip()
    return dataclasses.replace(details, **{k: v for k, v in own.items() if v})


def render_contract(c: Any, details: Any, prefix: str) -> None:
    from audit.cases.export import is_prepaid_only

    key = f"{prefix}{c.id}_"
    with st.container(border=True, key=f"{key}box"):
        st.subheader(f"{c.id}: {md(c.merchant)}")
        bits = [tr("score", score=c.score), status_name(c.status)]
        if c.cadence:
            bits.append(tr("cadence_label", cadence=cadence_name(c.cadence)))
        bits.append(" / ".join(f"“{d}”" for d in c.descriptors[:3]))
        st.caption(md(" · ".join(bits)))
        m = st.columns(3)
        m[0].metric(tr("total_paid"), money(c.total_paid, c.currency),
                    help=tr("refunded", amount=money(c.refunded, c.currency)) if c.refunded else None)
        m[1].metric(tr("charge_count"), len(c.charges))
        if c.next_expected_date:
            m[2].metric(tr("next_charge"), c.next_expected_date, money(c.next_expected_amount, c.currency),
                        delta_color="off", delta_arrow="off")
        else:
            m[2].metric(tr("next_charge"), tr("none"))
        st.markdown(f"**{tr('reasons')}**")
        if lang() == "ja":
            st.markdown("\n".join(f"- {md(r)}" for r in reasons_ja(c)))
            if c.reasons:
                with st.expander(tr("reasons_detail")):
                    st.markdown("\n".join(f"- {md_links(r)}" for r in c.reasons))
        elif c.reasons:
            st.markdown("\n".join(f"- {md_links(r)}" for r in c.reasons))
        links = [f"[{md(u)}]({u})" for u in c.sources if re.match(r"https?://[^\s()<>]+$", u)]
        if links:
            st.caption(tr("sources") + " " + " · ".join(links))
        st.markdown(f"**{tr('charges')}**")
        st.dataframe(charges_frame(c), hide_index=True,
                     column_config={tr("col_amount"): st.column_config.NumberColumn(format="localized")})
        if is_prepaid_only(c):
            from audit.cases.advice import prepaid_advice

            st.warning(tr("prepaid_contract"))
            st.markdown(md(prepaid_advice(lang())))
            return
        d = contract_details(c, details, key)
        render_letters(c, d, key)


def render_letters(c: Any, d: Any, key: str) -> None:
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
            en, ja = st.columns(2)
            with en:
                st.markdown(f"**{tr('letter_en')}**")
                st.code(letter_to_txt(letter, "en"), language=None, wrap_lines=True)
            with ja:
                st.markdown(f"**{tr('letter_ja')}**")
                st.code(letter_to_txt(letter, "ja"), language=None, wrap_lines=True)
            st.caption(tr("copy_hint"))
            name = f"{c.id}_{slug(c.merchant)}_{kind}"
            b = st.columns(2)
            b[0].download_button(tr("download_txt"), letter_to_txt(letter, "both").encode("utf-8"),
                                 file_name=name + ".txt", mime="text/plain", key=f"{key}{kind}_txt",
                                 on_click="ignore")
            b[1].download_button(tr("download_eml"), letter_to_eml(letter, d), file_name=name + ".eml",
                                 mime="message/rfc822", key=f"{key}{kind}_eml", on_click="ignore")
            if kind == "follow_up":
                st.info(auto_reply_note(lang()))


def timeline_frame(result: pipeline.ScanResult) -> pd.DataFrame:
    """Charges with the group they are drawn in: a suspicious contract, a legit subscription, or other."""
    tx = result.transactions
    group: dict[str, str] = {}
    for c in result.contracts or []:
        label = f"{c.id} {c.merchant}" if c.suspicious else tr("timeline_legit")
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
    rest = [g for g in (tr("timeline_legit"), tr("timeline_other")) if g in set(df["group"])]
    domain = [*bad, *rest]
    palette = ["#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#1f77b4"]
    colours = [palette[i % len(palette)] for i in range(len(bad))]
    colours += [{tr("timeline_legit"): "#2ca02c"}.get(g, "#9e9e9e") for g in rest]
    df = df.assign(shown=[money(a, c) for a, c in zip(df["amount"], df["currency"], strict=True)])
    chart = (
        alt.Chart(df)
        .mark_circle(opacity=0.8, stroke="#333333", strokeWidth=0.5)
        .encode(
            x=alt.X("date:T", title=tr("col_date"), axis=alt.Axis(format="%Y-%m-%d", labelAngle=-30, grid=True)),
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
    names_of = {c.id: f"{c.id}: {c.merchant}" for c in result.contracts or []}
    c1, c2, c3 = st.columns([2, 2, 1])
    needle = c1.text_input(tr("filter_text"), key=prefix + "f_text")
    files = c2.multiselect(tr("filter_files"), sorted(df["source"].dropna().unique()), key=prefix + "f_files",
                           placeholder=tr("choose"))
    only = c3.checkbox(tr("filter_suspicious"), key=prefix + "f_susp")
    c4, c5 = st.columns([2, 2])
    kinds = c4.multiselect(tr("filter_kinds"), sorted(df["kind"].dropna().unique()), key=prefix + "f_kinds",
                           format_func=lambda k: tr(f"kind_{k}"), placeholder=tr("choose"))
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


def transactions_table(df: pd.DataFrame, names_of: dict[str, str]) -> pd.DataFrame:
    """The transactions as shown: labelled columns, words for kinds, blanks (never None/NaN) for missing values."""
    def text_col(col: str) -> list[str]:
        return ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in df[col]]

    return pd.DataFrame({
        tr("col_date"): text_col("date"),
        tr("col_description"): text_col("description"),
        tr("col_amount"): df["amount"].astype("float64").to_numpy(),
        tr("col_currency"): text_col("currency"),
        tr("col_original"): ["" if pd.isna(a) else money(a, c)
                             for a, c in zip(df["original_amount"], df["original_currency"], strict=True)],
        tr("col_card"): text_col("card"),
        tr("col_kind"): [tr(f"kind_{k}") if k else "" for k in text_col("kind")],
        tr("col_source"): text_col("source"),
        tr("col_contract"): [names_of.get(c, c) for c in text_col("contract")],
    })


def render_legit(legit: list[Any]) -> None:
    if not legit:
        st.info(tr("no_legit"))
        return
    st.markdown(tr("legit_intro"))
    rows = [{tr("col_merchant"): c.merchant, tr("col_cadence"): cadence_name(c.cadence),
             tr("col_status"): status_name(c.status),
             tr("col_charges"): len(c.charges), tr("col_total"): money(c.total_paid, c.currency),
             tr("col_last"): c.last_date, tr("col_next_date"): c.next_expected_date or "",
             tr("col_next_amount"): money(c.next_expected_amount, c.currency) if c.next_expected_date else ""}
            for c in legit]
    st.dataframe(pd.DataFrame(rows), hide_index=True)


def render_reply(bad: list[Any], details: Any, prefix: str) -> None:
    """Paste a merchant reply: its category, the cues, what to do, and the follow-up text when it helps."""
    from audit.cases.letters import auto_reply_note, follow_up_request, letter_to_txt
    from audit.cases.replies import classify_reply

    st.subheader(tr("reply_header"))
    reply = st.text_area(tr("reply_label"), key=prefix + "reply", height=180, placeholder=tr("reply_placeholder"))
    if not (reply or "").strip():
        st.caption(auto_reply_note(lang()))
        return
    a = classify_reply(reply)
    verdict = tr("reply_result", category=tr(f"cat_{a.category}"), confidence=a.confidence)
    box = {"confirmation": st.success, "retention_offer": st.warning, "question": st.warning}.get(a.category, st.info)
    box(verdict)
    st.markdown(md(a.explanation_ja if lang() == "ja" else a.explanation_en))
    if a.matched:
        st.caption(tr("reply_matched", cues=", ".join(f"“{m}”" for m in a.matched)))
    if a.ticket:
        st.caption(tr("reply_ticket", ticket=a.ticket))
    st.markdown(f"**{tr('reply_next')}**")
    st.markdown(md(a.next_step_ja if lang() == "ja" else a.next_step_en))
    if a.category == "auto_reply":
        st.caption(auto_reply_note(lang()))
    if a.category in ("retention_offer", "question", "unknown") and bad:
        from audit.cases.export import is_prepaid_only

        letters = [c for c in bad if not is_prepaid_only(c)]
        if not letters:
            return
        pick = st.selectbox(tr("reply_contract"), [c.id for c in letters], key=prefix + "reply_contract",
                            format_func=lambda cid: next(f"{c.id}: {c.merchant}" for c in letters if c.id == cid))
        c = next(c for c in letters if c.id == pick)
        letter = follow_up_request(c, details)
        st.markdown(f"**{tr('reply_follow_up')}**")
        en, ja = st.columns(2)
        en.code(letter_to_txt(letter, "en"), language=None, wrap_lines=True)
        ja.code(letter_to_txt(letter, "ja"), language=None, wrap_lines=True)


def render_help() -> None:
    from audit.cases.advice import help_contacts, prepaid_advice, scam_pattern_summary

    st.subheader(tr("help_contacts"))
    lines = []
    for h in help_contacts(lang()):
        contact = [md(h["phone"])] if h.get("phone") else []
        if h.get("url"):  # a fixed address from audit.advice, shown as a link with the address as its text
            contact.append(f"[{md(h['url'])}]({h['url']})")
        lines.append(f"- **{md(h['name'])}** " + " ".join(contact) + f"  \n  {md(h['when'])}")
    st.markdown("\n".join(lines))
    st.subheader(tr("help_prepaid"))
    st.markdown(md(prepaid_advice(lang())))
    st.subheader(tr("help_pattern"))
    st.markdown(md(scam_pattern_summary(lang())))


# --------------------------------------------------------------------------- export


def render_export(clients: list[tuple[str, pipeline.ScanResult]], details: list[Any], key: str) -> None:
    """Download buttons for CSV, Excel and printable HTML; files are built only when clicked."""
    from audit.cases import export

    st.subheader(tr("export_header"))
    st.caption(tr("export_caption"))
    items: list[tuple[str, Callable[[], bytes], str, str]] = [
        ("export_csv_contracts", lambda: export.export_csv(clients, "contracts"), "contracts.csv", "text/csv"),
        ("export_csv_transactions", lambda: export.export_csv(clients, "transactions"), "transactions.csv",
         "text/csv"),
        ("export_excel", lambda: export.export_excel(clients, details), "audit.xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("export_html", lambda: export.export_html(clients, details).encode("utf-8"), "audit.html", "text/html"),
    ]
    cols = st.columns(len(items))
    for col, (label, make, name, mime) in zip(cols, items, strict=True):
        col.download_button(tr(label), make, file_name=name, mime=mime, key=f"{key}{name}", on_click="ignore")


# --------------------------------------------------------------------------- the two views


def single_view() -> None:
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


def counsellor_view() -> None:
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


def main() -> None:
    """Build the page."""
    st.set_page_config(page_title=text("page_title", lang()), page_icon="🔎", layout="wide")
    with st.sidebar:
        st.radio(text("lang_label"), LANGS, format_func=LANG_NAMES.get, key="lang", horizontal=True)
        modes = ("single", "counsellor")
        current = lang()
        kept = st.session_state.get("_keep_mode", "single")
        # one widget per language (its option labels differ), started from the mode kept across switches
        mode = st.radio(tr("mode_label"), modes, index=modes.index(kept) if kept in modes else 0,
                        key=f"mode_{current}", format_func=lambda m: text(f"mode_{m}", current))
        st.session_state["_keep_mode"] = mode
    st.title(tr("title"))
    st.markdown(tr("intro"))
    st.caption(tr("privacy"))
    if st.get_option("browser.gatherUsageStats"):
        st.warning("Streamlit usage statistics are ON: start the page from the project folder "
                   "(streamlit run app.py) so .streamlit/config.toml turns them off.")
    if mode == "counsellor":
        counsellor_view()
    else:
        single_view()


if __name__ == "__main__":
    main()
