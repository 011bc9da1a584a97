"""Counsellor export: many clients' audits as CSV, Excel or one printable HTML page.

Input everywhere is ``clients``: a list of ``(client name, ScanResult)``. Letters use optional
:class:`audit.cases.letters.LetterDetails` per client, given as a dict by client name or a list in client order.

Every text cell is made safe for spreadsheets: a value starting with ``=``, ``+``, ``-``, ``@`` (or their
full-width forms ``＝＋－＠``, which spreadsheets in Japanese locales may read as formulas too), tab or
carriage return gets a leading apostrophe so Excel or LibreOffice never runs it as a formula (a
descriptor is text chosen by the merchant). Numbers stay numbers. Every free text has card-number-like
digit runs masked, and money is shown per currency (never added across currencies).
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pandas as pd

from audit.cases.letters import Letter, LetterDetails, all_letters, format_money
from audit.cases.money import (
    contracts_total,
    format_totals,
    next_currency,
    paid_by_currency,
    refunded_by_currency,
)
from audit.cases.statuses import is_prepaid_only
from audit.detection.gift_groups import group_name
from audit.masking import FORMULA_START, mask_card

if TYPE_CHECKING:
    from audit.contracts import Contract
    from audit.pipeline import ScanResult

Clients = Sequence[tuple[str, "ScanResult"]]
# What the case file records for each contract (``CaseStore.cases`` dicts), by (client name, contract id).
Cases = Mapping[tuple[str, str], Mapping[str, Any]] | None
DetailsArg = Mapping[str, LetterDetails] | Sequence[LetterDetails | None] | None
# Per-contract details (merchant address, order number, product from a .eml), by (client name, contract id).
ContractDetails = Mapping[tuple[str, str], LetterDetails] | None

LETTER_TITLES = {
    "cancellation": ("Cancellation request", "解約・返金の申し出"),
    "follow_up": ("Follow-up (after an offer or a question)", "再度の申し出（割引の提案や質問への返信）"),
    "dispute": ("Dispute letter to the card issuer", "カード会社への異議申立て"),
}

CONTRACT_COLUMNS = [
    "client", "contract", "merchant", "suspicious", "status", "cadence", "charges", "first_date", "last_date",
    "currency", "total_paid", "refunded", "paid_by_currency", "refunded_by_currency", "next_expected_date",
    "next_expected_amount", "score", "reasons", "known_as", "check", "descriptors", "case", "case_status", "ticket",
    "next_due",
]
TRANSACTION_COLUMNS = [
    "client", "id", "source", "date", "description", "amount", "currency", "original_amount",
    "original_currency", "card", "kind", "contract", "suspicious",
]
# Column headers and sheet names of the exports in Japanese (``lang="ja"``); English is the column name itself.
HEADERS_JA = {
    "client": "相談者", "contract": "契約", "merchant": "事業者", "suspicious": "不審", "status": "状態",
    "cadence": "周期", "charges": "請求回数", "first_date": "初回", "last_date": "最終", "currency": "通貨",
    "total_paid": "支払合計", "refunded": "返金額", "paid_by_currency": "通貨ごとの支払合計",
    "refunded_by_currency": "通貨ごとの返金額", "next_expected_date": "次回の予想日",
    "next_expected_amount": "次回の予想額", "score": "疑わしさ", "reasons": "疑わしい理由", "descriptors": "明細の表記",
    "id": "取引ID", "source": "ファイル", "date": "日付", "description": "明細の表記", "amount": "金額",
    "original_amount": "現地通貨額", "original_currency": "現地通貨", "card": "カード", "kind": "種類",
    "letter": "文面", "subject_en": "件名（英語）", "body_en": "本文（英語）", "subject_ja": "件名（日本語）",
    "body_ja": "本文（日本語）", "case": "案件番号", "case_status": "案件の状態", "ticket": "受付番号",
    "next_due": "次の期限", "known_as": "正規の請求と分かる根拠", "check": "確認してほしい理由",
}
YES_NO = {"en": ("yes", "no"), "ja": ("はい", "いいえ")}
SHEETS = {"Contracts": "契約一覧", "Transactions": "全取引", "Letters": "申し出文"}


def safe_cell(value: Any) -> Any:
    """``value`` (card numbers masked) unless it is text a spreadsheet would run as a formula; then with a ``'``."""
    if isinstance(value, str):
        value = mask_card(value) or ""
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` with every text cell passed through :func:`safe_cell` (numeric columns untouched)."""
    out = df.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])):
            out[col] = out[col].map(safe_cell).astype(object)
    out.columns = [safe_cell(str(c)) for c in out.columns]
    return out


def _details_for(details: DetailsArg, index: int, name: str) -> LetterDetails:
    if details is None:
        return LetterDetails()
    if isinstance(details, Mapping):
        return details.get(name) or LetterDetails()
    if index < len(details):
        return details[index] or LetterDetails()
    return LetterDetails()


def _contracts(result: ScanResult) -> list[Contract]:
    return list(result.contracts or [])


# --------------------------------------------------------------------------- frames


def _words(key: str, value: str, lang: str) -> str:
    """A status, cadence or kind code as a word of ``lang`` (the code itself in English)."""
    from audit.ui_text import TEXT, text

    if lang == "en" or not value or f"{key}_{value}" not in TEXT["ja"]:
        return value
    return text(f"{key}_{value}", lang)


def _currency_words(code: str, lang: str) -> str:
    """A currency column's value: the code, or words for one the statement does not state."""
    from audit.cases.money import currency_label, is_unstated

    return currency_label(code, lang) if code and is_unstated(code) else code


def _case_columns(case: Mapping[str, Any] | None, lang: str) -> dict[str, str]:
    """What the case file records for a contract: its short id, status (in ``lang``), ticket and next due date."""
    from audit.cases.statuses import label

    if not case:
        return {"case": "", "case_status": "", "ticket": "", "next_due": ""}
    return {"case": str(case.get("ref") or ""), "case_status": label(str(case.get("status") or "to_write"), lang),
            "ticket": str(case.get("ticket") or ""), "next_due": str(case.get("next_due") or "")}


def contracts_frame(clients: Clients, lang: str = "en", cases: Cases = None) -> pd.DataFrame:
    """One row per contract (suspicious first, then legit subscriptions) for every client; ``lang="ja"`` gives
    the reasons, statuses and cadences in Japanese (the column names stay codes: see :data:`HEADERS_JA`).
    ``cases`` adds what the case file records (case id, status, ticket number, next due date)."""
    from audit.cases.reasons import contract_reasons
    from audit.detection.legitimacy import check_text

    rows: list[dict[str, Any]] = []
    for name, result in clients:
        for c in _contracts(result):
            paid, back = paid_by_currency(c), refunded_by_currency(c)
            single = len(paid) <= 1 and set(back) <= set(paid)
            case = (cases or {}).get((name, c.id)) if c.suspicious else None
            rows.append({
                "client": name,
                "contract": c.id,
                "merchant": group_name(c.merchant, lang),
                "suspicious": bool(c.suspicious),
                "status": _words("status", c.status, lang),
                "cadence": _words("cadence", c.cadence or "", lang),
                "charges": len(c.charges),
                "first_date": c.first_date,
                "last_date": c.last_date,
                "currency": _currency_words(next(iter(paid), c.currency), lang) if single else "",
                "total_paid": float(next(iter(paid.values()), c.total_paid)) if single else float("nan"),
                "refunded": float(sum(back.values())) if single else float("nan"),
                "paid_by_currency": format_totals(paid, lang=lang),
                "refunded_by_currency": format_totals(back, empty="", lang=lang),
                "next_expected_date": c.next_expected_date or "",
                "next_expected_amount": (float(c.next_expected_amount)
                                         if c.next_expected_amount is not None else float("nan")),
                "score": float(c.score),
                "reasons": "; ".join(contract_reasons(c, lang)) if c.suspicious else
                           ("; ".join(c.reasons) if lang == "en" else ""),
                "known_as": "" if c.suspicious else getattr(c, "known_as", "") or "",
                "check": "" if c.suspicious or getattr(c, "known_as", "") else check_text(c, lang),
                "descriptors": "; ".join(c.descriptors),
                **_case_columns(case, lang),
            })
    df = pd.DataFrame(rows, columns=CONTRACT_COLUMNS)
    for col in ("total_paid", "refunded", "next_expected_amount", "score"):
        df[col] = df[col].astype("float64")
    df["charges"] = df["charges"].astype("int64")
    df["suspicious"] = df["suspicious"].astype(bool)
    return _yes_no(df, lang)


def _yes_no(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ``suspicious`` column as words in Japanese (はい / いいえ, never True / False); English keeps booleans."""
    if lang == "en" or "suspicious" not in df.columns:
        return df
    yes, no = YES_NO.get(lang, YES_NO["en"])
    return df.assign(suspicious=[yes if v else no for v in df["suspicious"].astype(bool)])


def transactions_frame(clients: Clients, lang: str = "en") -> pd.DataFrame:
    """Every transaction of every client, with the contract (if any) it belongs to; cards masked (``lang="ja"``:
    kinds in Japanese)."""
    frames: list[pd.DataFrame] = []
    for name, result in clients:
        tx = result.transactions
        contract_of: dict[str, str] = {}
        flagged: dict[str, bool] = {}
        for c in _contracts(result):
            for tid in c.transaction_ids:
                contract_of.setdefault(tid, c.id)
                flagged.setdefault(tid, bool(c.suspicious))
        part = pd.DataFrame({col: tx[col] if col in tx.columns else pd.Series([None] * len(tx), dtype=object)
                             for col in TRANSACTION_COLUMNS[1:-2]})
        part.insert(0, "client", name)
        ids = part["id"].astype(str)
        part["contract"] = [contract_of.get(i, "") for i in ids]
        part["suspicious"] = [flagged.get(i, False) for i in ids]
        frames.append(part)
    if not frames:
        return pd.DataFrame(columns=TRANSACTION_COLUMNS)
    df = pd.concat(frames, ignore_index=True)
    df["date"] = pd.to_datetime(df["date"], errors="coerce").dt.strftime("%Y-%m-%d")
    for col in ("card", "description"):
        df[col] = df[col].map(lambda v: mask_card(v) if isinstance(v, str) else v)
    for col in ("amount", "original_amount"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    if lang != "en":
        df["kind"] = [_words("kind", k, lang) if isinstance(k, str) else k for k in df["kind"]]
        df["currency"] = [_currency_words(c, lang) if isinstance(c, str) else c for c in df["currency"]]
    return _yes_no(df[TRANSACTION_COLUMNS], lang)


def headed(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``df`` with its column names in ``lang`` (codes in English)."""
    return df if lang == "en" else df.rename(columns=lambda c: HEADERS_JA.get(c, c))


def letters_frame(clients: Clients, details: DetailsArg = None,
                  contract_details: ContractDetails = None) -> pd.DataFrame:
    """The three letters for every suspicious contract (not prepaid-card bursts), one row per letter.

    ``contract_details`` gives one contract's own details (from its .eml); no other contract sees them.
    """
    rows: list[dict[str, Any]] = []
    for i, (name, result) in enumerate(clients):
        d = _details_for(details, i, name)
        for c in _contracts(result):
            if not c.suspicious or is_prepaid_only(c):
                continue
            own = (contract_details or {}).get((name, c.id)) or d
            for kind, letter in all_letters(c, own).items():
                rows.append({"client": name, "contract": c.id, "merchant": c.merchant, "letter": kind,
                             "subject_en": letter.subject_en, "body_en": letter.body_en,
                             "subject_ja": letter.subject_ja, "body_ja": letter.body_ja})
    return pd.DataFrame(rows, columns=["client", "contract", "merchant", "letter", "subject_en", "body_en",
                                       "subject_ja", "body_ja"])


# --------------------------------------------------------------------------- CSV / Excel


def export_csv(clients: Clients, table: str = "contracts", lang: str = "en", cases: Cases = None) -> bytes:
    """``table`` ("contracts" or "transactions") as CSV in UTF-8 with a BOM (Excel in Japan reads it); headers,
    reasons and words in ``lang``; ``cases``: what the case file records for each contract."""
    if table == "contracts":
        df = contracts_frame(clients, lang, cases)
    elif table == "transactions":
        df = transactions_frame(clients, lang)
    else:
        raise ValueError(f"unknown table {table!r}: use 'contracts' or 'transactions'")
    return neutralise(headed(df, lang)).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _excel_value(v: Any, illegal: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "item") and not isinstance(v, str):
        v = v.item()
    if isinstance(v, str):
        return safe_cell(illegal.sub("", v))
    return v


def export_excel(clients: Clients, details: DetailsArg = None, contract_details: ContractDetails = None,
                 lang: str = "en", cases: Cases = None) -> bytes:
    """An .xlsx workbook with sheets Contracts, Transactions and Letters (streamed: write-only mode); sheet names,
    headers, reasons and words in ``lang``; ``cases``: what the case file records for each contract."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    sheets = {
        "Contracts": headed(contracts_frame(clients, lang, cases), lang),
        "Transactions": headed(transactions_frame(clients, lang), lang),
        "Letters": letters_frame(clients, details, contract_details),
    }
    if lang != "en":
        sheets["Letters"]["letter"] = [_words("letter_kind", k, lang) for k in sheets["Letters"]["letter"]]
        sheets["Letters"] = headed(sheets["Letters"], lang)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for title, df in sheets.items():
        ws = wb.create_sheet(SHEETS[title] if lang == "ja" else title)
        for i, col in enumerate(df.columns, start=1):
            longest = max([len(str(col))] + [min(len(str(v)), 60) for v in df[col].head(200)])
            ws.column_dimensions[get_column_letter(i)].width = min(max(10, longest + 2), 62)
        ws.freeze_panes = "A2"
        header = []
        for col in df.columns:
            cell = WriteOnlyCell(ws, value=_excel_value(str(col), ILLEGAL_CHARACTERS_RE))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for rec in df.itertuples(index=False):
            values = [_excel_value(v, ILLEGAL_CHARACTERS_RE) for v in rec]
            if title == "Letters":
                cells = []
                for v in values:
                    cell = WriteOnlyCell(ws, value=v)
                    cell.alignment = wrap
                    cells.append(cell)
                ws.append(cells)
            else:
                ws.append(values)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:"Hiragino Sans","Yu Gothic","Meiryo","Noto Sans CJK JP",sans-serif;margin:2em;color:#111;
line-height:1.45}
h1{font-size:1.5em}h2{border-bottom:2px solid #333;margin-top:2em}h3{margin-bottom:.3em}
table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #999;padding:.2em .5em;
vertical-align:top;text-align:left}td.num{text-align:right;white-space:nowrap}
.contract{border:1px solid #bbb;padding:.5em 1em;margin:1em 0;break-inside:avoid-page}
.letters{display:flex;gap:1em}.letters>div{flex:1;min-width:0}
pre{white-space:pre-wrap;word-break:break-word;font-family:inherit;background:#f6f6f6;padding:.6em;margin:.2em 0}
.muted{color:#555}.flag{color:#a00;font-weight:bold}
@media print{body{margin:0}.client{break-before:page}.client:first-of-type{break-before:auto}
.letter{break-inside:avoid-page}pre{background:none;border:1px solid #ccc}}
"""


def _e(v: Any) -> str:
    """Escaped text with card numbers masked (descriptors and reasons are free text)."""
    return html.escape(mask_card("" if v is None else str(v)) or "", quote=True)


def _money(v: float | None, cur: str | None, lang: str = "en") -> str:
    return _e(format_money(v, cur, lang)) if v is not None else ""


def _letter_html(kind: str, letter: Letter) -> str:
    en_title, ja_title = LETTER_TITLES.get(kind, (kind, kind))
    return (
        f'<div class="letter"><h4>{_e(en_title)} / {_e(ja_title)}</h4><div class="letters">'
        f'<div lang="en"><p><b>Subject:</b> {_e(letter.subject_en)}</p><pre>{_e(letter.body_en)}</pre></div>'
        f'<div lang="ja"><p><b>件名：</b>{_e(letter.subject_ja)}</p><pre>{_e(letter.body_ja)}</pre></div>'
        "</div></div>"
    )


_HTML_WORDS = {
    "en": {"score": "score {n}", "line": "{when}{status}; {n} charge(s) {first} – {last}; total paid <b>{paid}</b>",
           "refunded": ", refunded {amount}", "next": "next expected {date} {amount}",
           "case": "Case {ref}: {status}", "ticket": "ticket {ticket}", "due": "next step due {date}",
           "summary": "<b>{n}</b> suspicious contract(s); paid in total {paid}",
           "legit": "Other subscriptions", "files": "Files", "rows": "{n} rows",
           "problems": "{n} problem(s)", "not_read": "Not read"},
    "ja": {"score": "疑わしさ {n}", "line": "{when}{status}・請求 {n} 回（{first} 〜 {last}）・支払合計 <b>{paid}</b>",
           "refunded": "・返金 {amount}", "next": "次回の予想 {date} {amount}",
           "case": "案件 {ref}：{status}", "ticket": "受付番号 {ticket}", "due": "次の期限 {date}",
           "summary": "不審な契約 <b>{n}</b> 件・支払合計 {paid}", "legit": "その他の定期支払い",
           "files": "ファイル", "rows": "{n} 行", "problems": "読めない行 {n}", "not_read": "読み込めなかったファイル"},
}


def _w(lang: str, key: str, **values: Any) -> str:
    return _HTML_WORDS.get(lang, _HTML_WORDS["en"])[key].format(**values)


def _contract_html(c: Contract, d: LetterDetails, lang: str = "en", case: Mapping[str, Any] | None = None) -> str:
    from audit.cases.reasons import contract_reasons
    from audit.cases.statuses import label

    parts = [f'<div class="contract"><h3>{_e(c.id)}: {_e(group_name(c.merchant, lang))} '
             f'<span class="muted">({_e(_w(lang, "score", n=f"{c.score:.0f}"))})</span></h3>']
    sep = "・" if lang == "ja" else ", "
    when = _e(_words("cadence", c.cadence, lang)) + sep if c.cadence else ""
    back = refunded_by_currency(c)
    parts.append("<p>" + _w(lang, "line", when=when, status=_e(_words("status", c.status, lang)), n=len(c.charges),
                            first=_e(c.first_date), last=_e(c.last_date),
                            paid=_e(format_totals(paid_by_currency(c), lang=lang)))
                 + (_w(lang, "refunded", amount=_e(format_totals(back, lang=lang))) if back else "")
                 + (f'{"・" if lang == "ja" else "; "}<span class="flag">'
                    + _w(lang, "next", date=_e(c.next_expected_date),
                         amount=_e(format_money(c.next_expected_amount, next_currency(c), lang))
                         if c.next_expected_amount is not None else "") + "</span>"
                    if c.next_expected_date else "")
                 + "</p>")
    if case:
        bits = [_w(lang, "case", ref=_e(case.get("ref") or ""), status=_e(label(str(case.get("status")), lang)))]
        if case.get("ticket"):
            bits.append(_w(lang, "ticket", ticket=_e(case["ticket"])))
        if case.get("next_due"):
            bits.append(_w(lang, "due", date=_e(case["next_due"])))
        parts.append(f'<p class="case">{sep.join(bits)}</p>')
    reasons = contract_reasons(c, lang) if c.suspicious else (c.reasons if lang == "en" else [])
    if reasons:
        parts.append("<ul>" + "".join(f"<li>{_e(r)}</li>" for r in reasons) + "</ul>")
    rows = "".join(
        f"<tr><td>{_e(x.get('date'))}</td><td>{_e(mask_card(str(x.get('description') or '')))}</td>"
        f'<td class="num">{_money(x.get("amount"), x.get("currency") or c.currency, lang)}</td>'
        f'<td class="num">{_money(x.get("original_amount"), x.get("original_currency"))}</td>'
        f"<td>{_e(x.get('source'))}</td></tr>"
        for x in [*c.charges, *c.refunds]
    )
    parts.append("<table><tr><th>Date 日付</th><th>Descriptor 明細の表記</th><th>Amount 金額</th>"
                 f"<th>Foreign amount 現地通貨額</th><th>File</th></tr>{rows}</table>")
    if c.suspicious and is_prepaid_only(c):
        from audit.cases.advice import prepaid_advice

        parts.append(f'<div class="letter"><h4>Prepaid cards / 電子マネー</h4><p>{_e(prepaid_advice("ja"))}</p>'
                     f'<p class="muted">{_e(prepaid_advice("en"))}</p></div>')
    elif c.suspicious:
        parts.extend(_letter_html(kind, letter) for kind, letter in all_letters(c, d).items())
    parts.append("</div>")
    return "".join(parts)


def export_html(clients: Clients, details: DetailsArg = None, contract_details: ContractDetails = None,
                lang: str = "en", cases: Cases = None) -> str:
    """One self-contained printable page: every client, every contract with its charges and letters; the
    summaries, statuses and reasons in ``lang`` (the letters in both languages), and what the case file records
    (``cases``: case id, status, ticket number, next due date)."""
    from audit.cases.advice import help_contacts
    from audit.cases.letters import auto_reply_note

    out = [f'<!DOCTYPE html><html lang="{"ja" if lang == "ja" else "en"}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>Card statement audit / カード明細の点検結果</title>",
           f"<style>{_CSS}</style></head><body>",
           "<h1>Card statement audit / カード明細の点検結果</h1>",
           f'<p class="muted">Prepared {_e(date.today().isoformat())}. Check every letter before sending. '
           "送る前に必ず内容を確認してください。</p>"]
    for i, (name, result) in enumerate(clients):
        d = _details_for(details, i, name)
        contracts = _contracts(result)
        bad = [c for c in contracts if c.suspicious]
        legit = [c for c in contracts if not c.suspicious]
        out.append(f'<section class="client"><h2>{_e(name)}</h2>')
        files = [f"{_e(r.source)} (" + _w(lang, "rows", n=r.rows)
                 + (", " + _w(lang, "problems", n=len(r.problems)) if r.problems else "") + ")"
                 for r in result.reports]
        if files:
            out.append(f"<p>{_w(lang, 'files')}: {', '.join(files)}</p>")
        for err in result.errors:
            out.append(f'<p class="flag">{_w(lang, "not_read")}: {_e(err)}</p>')
        summary = _e(format_totals(contracts_total(bad), lang=lang))
        out.append(f"<p>{_w(lang, 'summary', n=len(bad), paid=summary)}</p>")
        out.extend(_contract_html(c, (contract_details or {}).get((name, c.id)) or d, lang,
                                  (cases or {}).get((name, c.id))) for c in bad)
        if legit:
            from audit.detection.legitimacy import check_text

            heads = [HEADERS_JA.get(h, h) if lang == "ja" else h.replace("_", " ").capitalize()
                     for h in ("merchant", "cadence", "status", "charges", "total_paid", "next_expected_date")]
            heads.append("確認" if lang == "ja" else "Known service, or why to check it")
            out.append(f"<h3>{_w(lang, 'legit')}</h3><table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in heads)
                       + "</tr>")
            out.extend(
                f"<tr><td>{_e(c.merchant)}</td><td>{_e(_words('cadence', c.cadence or '', lang))}</td>"
                f"<td>{_e(_words('status', c.status, lang))}</td>"
                f'<td class="num">{len(c.charges)}</td>'
                f'<td class="num">{_e(format_totals(paid_by_currency(c), lang=lang))}</td>'
                f"<td>{_e(c.next_expected_date or '')}</td>"
                f"<td>{_e(getattr(c, 'known_as', '') or check_text(c, lang))}</td></tr>"
                for c in legit
            )
            out.append("</table>")
        out.append("</section>")
    out.append('<section class="help"><h2>Replies and help / 返信への対応と相談先</h2>')
    out.append(f"<p>{_e(auto_reply_note('en'))}</p><p>{_e(auto_reply_note('ja'))}</p><ul>")
    for en, ja in zip(help_contacts("en"), help_contacts("ja"), strict=True):
        contact = " ".join(x for x in (en["phone"], en["url"]) if x)
        out.append(f"<li><b>{_e(ja['name'])}</b> {_e(contact)}<br>{_e(ja['when'])}<br>"
                   f'<span class="muted">{_e(en["name"])}: {_e(en["when"])}</span></li>')
    out.append(f'</ul><p class="muted">Generated {_e(datetime.now().strftime("%Y-%m-%d %H:%M"))}</p>'
               "</section></body></html>")
    return "\n".join(out)
