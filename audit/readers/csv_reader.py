"""Read a CSV card statement (any issuer) into the transaction table.

Steps: decode (:mod:`audit.readers.encoding`; UTF-8 goes straight to Arrow), find delimiter, preamble
and header (:mod:`audit.readers.csv_table`), pick a :class:`LayoutSpec` from
``audit.readers.layouts.LAYOUTS`` or infer the column roles (:mod:`audit.readers.csv_plan`,
:mod:`audit.readers.infer`), then parse whole columns at once (:mod:`audit.values`) and apply the row
rules (:mod:`audit.readers.csv_rules`).
Totals, balances, repeated headers and declined rows are excluded and listed in the report; a row that
looks like a transaction but cannot be parsed becomes a :class:`RowProblem`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from audit import schema
from audit.errors import StatementError
from audit.masking import mask_card
from audit.model import ExcludedRow, ParseReport, RowProblem
from audit.readers import csv_columns, csv_plan, csv_rules, csv_table, infer
from audit.readers.encoding import decode
from audit.readers.issuer import issuer_from_lines
from audit.readers.spec import LayoutSpec
from audit.values import (
    SYMBOL_CURRENCY,
    YEARLESS_FORMATS,
    const_str,
    has_edge_space,
    infer_date_format_info,
    normalise_column,
    parse_amounts,
    parse_dates,
    re_contains,
    re_replace,
)

_CARD_IN_TEXT = re.compile(r"[0-9*xX]{4}[- ]?[0-9*xX]{4}[- ]?[0-9*xX]{4}[- ]?[0-9*xX]{2,4}")




def read_csv_bytes(data: bytes, name: str, *, layout: LayoutSpec | None = None) -> tuple[pd.DataFrame, ParseReport]:
    """Read one CSV statement; ``layout`` forces a spec instead of detection."""
    try:
        return _read(data, name, layout)
    except StatementError:
        raise
    except MemoryError:
        raise StatementError(name, "file is too large to read in the available memory") from None
    except Exception as exc:
        # A bug or a file shape nobody foresaw: still one line naming the file, never a traceback.
        raise StatementError(name, f"cannot read this CSV ({type(exc).__name__}: {exc})") from None


def load_layouts() -> list[LayoutSpec]:
    """The issuer specs, or none when the layouts module is missing or broken."""
    try:
        from audit.readers.layouts import LAYOUTS
        from audit.readers.paypal import PAYPAL_LAYOUTS
    except Exception:  # a broken layouts module must not stop generic reading
        return []
    return [*LAYOUTS, *PAYPAL_LAYOUTS]


def _utf8_head(data: bytes) -> tuple[str, str, int] | None:
    """``(first lines as text, encoding, BOM length)`` when the file looks like plain UTF-8, else None."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None
    chunk = data[bom : bom + (1 << 18)]
    if len(data) - bom > len(chunk):
        cut = chunk.rfind(b"\n")
        if cut < 0:
            return None
        chunk = chunk[: cut + 1]
    try:
        head = chunk.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\r" in head.replace("\r\n", ""):  # old Mac line ends: leave them to the exact path
        return None
    return head.replace("\r\n", "\n"), ("utf-8-sig" if bom else "utf-8"), bom


def _read(data: bytes, name: str, forced: LayoutSpec | None) -> tuple[pd.DataFrame, ParseReport]:
    fast = _utf8_head(data)
    if fast is not None:  # UTF-8: plan from the first lines, let Arrow read and check the rest
        head_text, encoding, bom = fast
        plan, delimiter, records = _plan_text(head_text, forced, name)
        body = None
        if all(r.text.count("\n") == 0 for r in records if r.line < plan.first_line):
            body = csv_table.arrow_body_from_bytes(data, bom, delimiter, plan.first_line, plan.ncols)
        if body is not None:
            return _finish(body, plan, name, encoding, delimiter)
    text, encoding = decode(data, name, hint=forced.encoding if forced else None)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise StatementError(name, "file is empty")
    plan, delimiter, records = _plan_text(text, forced, name)
    body = csv_table.read_body(text, delimiter, plan.first_line, plan.ncols, name)
    return _finish(body, plan, name, encoding, delimiter)


def _plan_text(text: str, forced: LayoutSpec | None, name: str) -> tuple[csv_plan.Plan, str, list[csv_table.HeadRecord]]:
    head = csv_table.split_head(text)
    delimiter = csv_table.sniff_delimiter(head)
    records = csv_table.head_records(head, delimiter)
    return csv_plan.plan_layout(records, [forced] if forced else load_layouts(), forced is not None, name), delimiter, records


def _finish(
    body: csv_table.CellTable, plan: csv_plan.Plan, name: str, encoding: str, sniff: str
) -> tuple[pd.DataFrame, ParseReport]:
    report = ParseReport(source=name, kind="csv", layout=plan.layout.name if plan.layout else "generic", encoding=encoding)
    report.warnings.extend(plan.notes)
    report.problems.extend(body.problems)
    if plan.header is None and plan.layout is None and not plan.roles:
        plan = csv_plan.plan_from_content(plan, body, name)
        report.warnings.extend(plan.notes[len(report.warnings) :])
        if plan.header is not None:  # the first row was an unnamed header: not data
            body = csv_table.CellTable(body.cells.iloc[1:].reset_index(drop=True), body.lines[1:], body.problems)
    csv_plan.require_roles(plan.roles, name)
    report.issuer = issuer_from_lines(plan.preamble)
    if plan.layout is None and plan.header:
        report.signature = "|".join(csv_plan.norm_cell(h) for h in plan.header)
    df = _parse(body, plan, name, report, sniff)
    return df, report


# ----------------------------------------------------------------------------------------------- planning


















def _col(cells: pd.DataFrame, roles: dict[str, int], role: str) -> pd.Series | None:
    idx = roles.get(role)
    if idx is None or idx >= cells.shape[1]:
        return None
    col = cells.iloc[:, idx].astype("str")
    if has_edge_space(col):  # strip only when some cell needs it
        col = col.str.strip()
    return col


class _Cols:
    """Stripped text column per role, computed on first use."""

    def __init__(self, cells: pd.DataFrame, roles: dict[str, int]):
        self.cells, self.roles = cells, roles
        self._cache: dict[str, pd.Series | None] = {}

    def get(self, role: str) -> pd.Series | None:
        if role not in self._cache:
            self._cache[role] = _col(self.cells, self.roles, role)
        return self._cache[role]


class _Desc:
    """The description column, worked on once per distinct text (statements repeat merchants)."""

    def __init__(self, raw: pd.Series | None, n: int):
        if raw is None:
            raw = const_str("", n)
        codes, uniques = pd.factorize(raw, use_na_sentinel=False)
        self.codes = codes
        uniq = pd.Series(uniques, dtype="str")
        # as printed, runs of spaces kept (padded fields); only line breaks and tabs become spaces
        self.clean = re_replace(uniq, "[\t\r\n]", " ").str.strip()
        self.norm = normalise_column(self.clean).fillna("")

    def flag(self, pattern: str) -> np.ndarray:
        return re_contains(self.norm, pattern).to_numpy(dtype=bool)[self.codes]

    def printed(self, idx: np.ndarray) -> pd.Series:
        arr = pc.take(self.clean.array.__arrow_array__(), pa.array(self.codes[idx]))
        return pd.Series(arr, dtype="str")


def _parse(body: csv_table.CellTable, plan: csv_plan.Plan, name: str, report: ParseReport, delimiter: str) -> pd.DataFrame:
    spec = plan.layout
    cells = body.cells
    lines = body.lines
    roles = plan.roles
    # 1. blank rows go; everything else is a transaction, a reported problem or a listed exclusion
    nonblank = np.zeros(len(cells), dtype=bool)
    for col in cells.columns:
        arr = cells[col].array.__arrow_array__()
        blank = pc.or_kleene(pc.is_null(arr), pc.utf8_is_space(arr))
        nonblank |= ~np.asarray(blank.to_numpy(zero_copy_only=False), dtype=bool)
    if not nonblank.all():
        cells = cells.loc[nonblank].reset_index(drop=True)
        lines = lines[nonblank]
    n = len(cells)
    state = np.zeros(n, dtype=np.int8)  # 0 undecided, 1 transaction, 2 excluded, 3 problem, 4 consumed
    excluded: list[ExcludedRow] = []
    problems: list[RowProblem] = []

    def raw(pos: int) -> str:
        vals = [v for v in cells.iloc[pos].tolist() if isinstance(v, str)]
        return (mask_card(delimiter.join(vals)) or "")[:200]

    width = len(plan.header) if plan.header is not None else None
    if width is not None and cells.shape[1] > width:
        extra = np.zeros(n, dtype=bool)
        for col in cells.columns[width:]:
            extra |= re_contains(cells[col], r"[^ \t]").to_numpy(dtype=bool)
        for pos in np.flatnonzero(extra):
            got = int(cells.iloc[pos].notna().to_numpy().nonzero()[0].max()) + 1
            problems.append(
                RowProblem(name, f"row has {got} fields, the header has {width}; extra fields ignored", raw=raw(pos), row=int(lines[pos]))
            )

    def exclude(mask: np.ndarray, reason: str | np.ndarray, amounts: pd.Series | None = None) -> None:
        """Exclude the undecided rows of ``mask`` as ``reason`` (one text, or one per row)."""
        for pos in np.flatnonzero(mask & (state == 0)):
            amt = None
            if amounts is not None and pd.notna(amounts.iloc[pos]):
                amt = float(amounts.iloc[pos])
            else:
                amt = csv_rules.any_amount(cells.iloc[pos])
            why = reason if isinstance(reason, str) else str(reason[pos])
            excluded.append(ExcludedRow(name, why, raw(pos), row=int(lines[pos]), amount=amt))
            state[pos] = 2

    cols = _Cols(cells, roles)
    date_raw = cols.get("date")
    assert date_raw is not None
    desc_raw = csv_columns.description_column(cells, plan, cols.get)
    # 2. repeated header rows
    if plan.header is not None:
        date_name = plan.header[roles["date"]].strip() if roles["date"] < len(plan.header) else None
        if date_name:
            exclude((date_raw == date_name).fillna(False).to_numpy(), "header")
    # 3. dates
    formats = tuple(spec.date_formats) if spec and spec.date_formats else ()
    dayfirst = spec.dayfirst if spec else None
    if not formats:
        guess = infer_date_format_info(date_raw[state == 0], dayfirst=dayfirst)
        if guess.format:
            formats = (guess.format,)
        if guess.note and guess.format:
            report.warnings.append(f"dates ({guess.format}): {guess.note}")
    if formats and formats[0] in YEARLESS_FORMATS:
        dates, why = _place_yearless(date_raw, formats, dayfirst, plan)
        report.warnings.append(why)
    else:
        dates = parse_dates(date_raw, formats=formats, dayfirst=dayfirst)
    posting = None
    post_raw = cols.get("posting_date")
    if post_raw is not None:
        posting = parse_dates(post_raw, dayfirst=dayfirst if dayfirst is not None else _dayfirst_of(formats))
    # 4. amounts
    decimal = spec.decimal if spec else None
    desc = _Desc(desc_raw, n)
    amount, amount_cell = _amounts(cols, spec, decimal, report, desc, plan.header)
    # 5. foreign second lines (Rakuten): merged into the charge above, not transactions themselves
    foreign = csv_rules.ForeignColumns.empty(n)
    if desc_raw is not None and (spec is None or spec.foreign_second_line):
        csv_rules.merge_second_lines(desc_raw, dates, state, foreign)
    # 6. layout exclusions, status, totals
    texts = {role: cols.get(role) for role in roles}
    if spec is not None:
        for rule in spec.exclude:
            targets = [c for r, c in texts.items() if c is not None and (rule.role in (r, "any"))]
            hit = np.zeros(n, dtype=bool)
            for c in targets:
                hit |= normalise_column(c).str.contains(rule.pattern, regex=True, na=False).to_numpy()
            exclude(hit, rule.reason, amount)
    status = texts.get("status")
    if status is not None:
        pattern = (spec.exclude_status if spec and spec.exclude_status else csv_rules.DEFAULT_STATUS_EXCLUDE)
        hit = status.str.contains(pattern, regex=True, na=False).to_numpy()
        if hit.any():  # each row reported by what its status says ("reverted" is not "declined")
            reasons = np.full(n, "", dtype=object)
            reasons[hit] = [csv_rules.status_reason(t) for t in status[hit].tolist()]
            exclude(hit, reasons, amount)
    undated = dates.isna().to_numpy()
    if desc_raw is not None:
        label = desc.flag(r"合計|小計|請求|繰越|残高|(?i:total|balance)")
        if label.any():
            label &= desc.flag(csv_rules.TOTAL_LABEL)
        _exclude_totals(label, desc_raw, exclude, amount)
    pos_undated = np.flatnonzero(undated & (state == 0))
    if len(pos_undated):
        row_text = pd.Series([raw(p) for p in pos_undated], dtype="str")
        hits = re_contains(normalise_column(row_text), csv_rules.TOTAL_WORDS).to_numpy()
        for p, t in zip(pos_undated[hits], row_text[hits], strict=True):
            excluded.append(ExcludedRow(name, csv_rules.total_reason(t), t, row=int(lines[p]), amount=_pick(amount, p) or csv_rules.any_amount(cells.iloc[p])))
            state[p] = 2
    _exclude_trailing_total(cells, undated, state, lambda p: excluded.append(
        ExcludedRow(name, "total", raw(p), row=int(lines[p]), amount=csv_rules.any_amount(cells.iloc[p]))))
    # 7. refund section (e.g. "■ご利用キャンセルなど"): positive amounts after it are refunds
    refund_zone = np.zeros(n, dtype=bool)
    if spec is not None and spec.refund_section:
        # the heading is a line of its own, without a date: only undated rows are searched
        pos = _first_row_matching(cells, spec.refund_section, np.flatnonzero(undated))
        if pos is not None:
            refund_zone[pos + 1 :] = True
            if state[pos] == 0:
                state[pos] = 2
                excluded.append(ExcludedRow(name, "section heading", raw(pos), row=int(lines[pos])))
            amount = amount.where(~(pd.Series(refund_zone) & (amount > 0)), -amount)
    # 8. transactions and problems
    has_date = ~undated
    has_amount = amount.notna().to_numpy()
    ok = (state == 0) & has_date & has_amount
    state[ok] = 1
    todo = np.flatnonzero(state == 0)
    date_cell = dict(zip(todo.tolist(), date_raw.iloc[todo].fillna("").tolist(), strict=True))
    amount_cell_v = dict(zip(todo.tolist(), amount_cell.iloc[todo].fillna("").tolist(), strict=True))
    for pos in todo:
        dc, ac = str(date_cell[pos]), str(amount_cell_v[pos])
        if has_date[pos]:
            msg = f"unreadable amount {ac!r}" if ac else "date but no amount"
        elif has_amount[pos]:
            msg = f"unreadable date {dc!r}" if dc else "amount but no date"
        elif re.search(r"[0-9]", dc) and re.search(r"[0-9]", ac):
            msg = f"unreadable date {dc!r} and amount {ac!r}"
        else:
            excluded.append(ExcludedRow(name, "not a transaction", raw(pos), row=int(lines[pos])))
            state[pos] = 2
            continue
        problems.append(RowProblem(name, msg, raw=raw(pos), row=int(lines[pos])))
        state[pos] = 3
    keep = state == 1
    report.problems.extend(problems)
    report.excluded.extend(excluded)
    if not keep.any():
        first = problems[0] if problems else None
        detail = f"; {len(problems)} row(s) could not be read, first: row {first.row}: {first.message}" if first else ""
        raise StatementError(name, f"no transactions found{detail} (looked for date and amount columns)")
    table = _assemble(cells, lines, keep, plan, spec, name, dates, posting, amount, foreign, texts, refund_zone, report, desc)
    report.rows = len(table)
    report.period_start = table["date"].min().date().isoformat()
    report.period_end = table["date"].max().date().isoformat()
    return table


_PERIOD = re.compile(r"((?:19|20)[0-9]{2})\s*(?:年|[/.\-])\s*([0-9]{1,2})(?![0-9])")


def _place_yearless(
    date_raw: pd.Series, formats: Sequence[str], dayfirst: bool | None, plan: csv_plan.Plan
) -> tuple[pd.Series, str]:
    """Dates printed without a year (``10/28``, ``4月30日``), placed in the statement period: the latest
    year-month printed above the table, else the twelve months up to today. Months after the period's
    month belong to the year before (December rows on a January statement)."""
    found = [m for line in plan.preamble for m in _PERIOD.finditer(unicodedata.normalize("NFKC", line))]
    found = [m for m in found if 1 <= int(m.group(2)) <= 12]
    if found:
        year, month = max((int(m.group(1)), int(m.group(2))) for m in found)
        why = f"dates have no year: placed in the period up to {year}-{month:02d} printed in the file"
    else:
        today = pd.Timestamp.today()
        year, month = today.year, today.month
        why = "dates have no year and the file prints no period: placed in the twelve months up to today"
    dates = parse_dates(date_raw, formats=formats, dayfirst=dayfirst, year=year)
    late = (dates.dt.month > month).fillna(False)
    if not found:
        late = (dates > pd.Timestamp.today().normalize()).fillna(False)
    if bool(late.any()):
        dates = dates.where(~late, dates - pd.DateOffset(years=1))
    return dates, why


def _exclude_totals(label: np.ndarray, desc: pd.Series, exclude, amount: pd.Series) -> None:
    if not label.any():
        return
    reasons = pd.Series("", index=desc.index, dtype="object")
    reasons[label] = desc[label].map(lambda t: csv_rules.total_reason(t) if isinstance(t, str) else "total")
    for reason in ("subtotal", "balance", "total"):
        exclude(label & (reasons == reason).to_numpy(), reason, amount)




def _exclude_trailing_total(cells: pd.DataFrame, undated: np.ndarray, state: np.ndarray, report_total) -> None:
    """A line after the last dated row holding nothing but one number is the statement total (Vpass ends
    with ``,,,,,14924,``): excluded and reported as a total, not read as a transaction or a problem.

    Only the last few lines are looked at, walking up from the end until a dated row.
    """
    for p in range(len(cells) - 1, max(len(cells) - 8, 0) - 1, -1):
        if not undated[p]:
            return
        if state[p] != 0:
            continue
        vals = [v.strip() for v in cells.iloc[p].tolist() if isinstance(v, str) and v.strip()]
        if len(vals) == 1 and csv_rules.looks_like_number(vals[0]):
            report_total(p)
            state[p] = 2


def _pick(values: pd.Series, pos: int) -> float | None:
    v = values.iloc[pos]
    return None if pd.isna(v) else float(v)




def _first_row_matching(cells: pd.DataFrame, pattern: str, rows: np.ndarray) -> int | None:
    """The first of ``rows`` (positions) with a cell matching ``pattern``, else None."""
    if not len(rows):
        return None
    sub = cells.iloc[rows]
    hit = np.zeros(len(rows), dtype=bool)
    for col in sub.columns:
        hit |= re_contains(sub[col], pattern).to_numpy(dtype=bool)
    return int(rows[int(np.argmax(hit))]) if hit.any() else None


def _dayfirst_of(formats: Sequence[str]) -> bool | None:
    if not formats:
        return None
    return formats[0].startswith("%d")


def _amounts(
    cols: _Cols,
    spec: LayoutSpec | None,
    decimal: str | None,
    report: ParseReport,
    desc: _Desc,
    header: list[str] | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Signed billing amounts (positive = charged) and the raw cell each came from."""
    cells = cols.cells
    n = len(cells)
    amount_raw = cols.get("amount")
    amount = pd.Series(np.nan, index=cells.index, dtype="float64")
    cell = const_str(None, n, cells.index)
    if amount_raw is not None:
        amount = parse_amounts(amount_raw, decimal=decimal)
        cell = amount_raw
        if spec is not None:
            negative_charges = spec.charges_negative
        else:
            negative_charges, why = None, ""
            if not desc.flag(_CARD_PAYMENT).any():  # a card's balance owed rises with charges: not a bank's
                negative_charges, why = csv_columns.money_in_positive(amount, cols.get, cols.roles, header, decimal)
            if negative_charges is None:
                negative_charges = csv_columns.charges_negative_by_type(amount, cols.get)
                why = "rows typed as money out are negative in this file"
            if negative_charges is None:
                negative_charges = _charges_look_negative(amount, cols, desc)
                why = "charges appear as negative numbers in this file (judged from the data)"
            if negative_charges:
                report.warnings.append(f"{why}: signs flipped")
        if negative_charges:
            amount = -amount
        if spec is None:
            amount, note = csv_columns.apply_direction(amount, cols.get)
            if note:
                report.warnings.append(note)
    debit_raw, credit_raw = cols.get("debit"), cols.get("credit")
    if debit_raw is not None or credit_raw is not None:
        debit = parse_amounts(debit_raw, decimal=decimal).abs() if debit_raw is not None else None
        credit = parse_amounts(credit_raw, decimal=decimal).abs() if credit_raw is not None else None
        if debit is not None and credit is not None:
            both = debit.fillna(0) - credit.fillna(0)
            split = both.where(debit.notna() | credit.notna())
            split_cell = debit_raw.where(debit_raw.notna() & (debit_raw != ""), credit_raw)
        elif debit is not None:
            split, split_cell = debit, debit_raw
        else:
            split, split_cell = -credit, credit_raw  # type: ignore[operator]
        fill = amount.isna()
        amount = amount.where(~fill, split)
        cell = cell.where(~fill | cell.notna() & (cell != ""), split_cell)
    return amount, cell


# Paying off a card ("PAYMENT - THANK YOU", "AUTOPAY"): the file is a card's, whose balance owed
# rises with charges, so a running balance says nothing about a bank's sign convention.
_CARD_PAYMENT = r"(?i)payment.{0,20}(thank|received)|thank you|autopay|ご入金ありがとう"

# Descriptions of money coming back to the card: payments, refunds, credits (EN, DE, FR, NL, ES, IT, JA).
_CREDIT_WORDS = (
    r"(?i)payment.{0,20}(thank|received)|thank you|autopay|\brefund|gutschrift|erstattung|remboursement"
    r"|terugbetaling|reembolso|rimborso|返金|ご入金|入金"
)


def _charges_look_negative(amount: pd.Series, cols: _Cols, desc: _Desc) -> bool:
    """Decide a generic file's sign convention: rows typed as purchases, then payments, then the majority."""
    known = amount.notna() & (amount != 0)
    types = cols.get("type")
    if types is not None:
        t = normalise_column(types)
        charge_pattern = next(p for p, k in csv_rules.DEFAULT_KIND_MAP.items() if k == "charge")
        sales = known & t.str.contains(charge_pattern, regex=True, na=False)
        if bool(sales.any()):
            return bool((amount[sales] < 0).mean() > 0.5)
    if "description" in cols.roles:
        pays = known & desc.flag(_CREDIT_WORDS)
        if bool(pays.any()):
            return bool((amount[pays] > 0).mean() > 0.5)
    nz = amount[known]
    return bool(len(nz)) and bool((nz < 0).mean() > 0.5)


def _billing_currency(
    plan: csv_plan.Plan, spec: LayoutSpec | None, amount_raw: Sequence[pd.Series | None], report: ParseReport, desc_sample: Sequence[str] = ()
) -> str:
    if spec is not None:
        return spec.currency
    header = plan.header or []
    for role in csv_plan.AMOUNT_ROLES:
        idx = plan.roles.get(role)
        if idx is not None and idx < len(header):
            code = infer.header_currency(header[idx])
            if code:
                return code
    money = [c for c in amount_raw if c is not None]
    if money:
        sample = "".join(v for c in money for v in c.dropna().head(200).tolist())
        sample = unicodedata.normalize("NFKC", sample)
        for sym, code in SYMBOL_CURRENCY.items():
            if sym in sample:
                return code
        m = re.search(r"\b(JPY|USD|EUR|GBP|AUD|CAD|CHF)\b", sample)
        if m:
            return m.group(1)
    texts = [*header, *plan.preamble, *desc_sample]
    japanese = any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", h) for h in texts if isinstance(h, str))
    if japanese:  # Japanese is written by Japanese issuers, who bill in yen
        report.warnings.append("billing currency not stated in the file; JPY (a Japanese-language statement)")
        return "JPY"
    report.warnings.append("billing currency not stated in the file: shown as 'unknown'")
    return "unknown"


def _assemble(
    cells: pd.DataFrame,
    lines: np.ndarray,
    keep: np.ndarray,
    plan: csv_plan.Plan,
    spec: LayoutSpec | None,
    name: str,
    dates: pd.Series,
    posting: pd.Series | None,
    amount: pd.Series,
    foreign: csv_rules.ForeignColumns,
    texts: dict[str, pd.Series | None],
    refund_zone: np.ndarray,
    report: ParseReport,
    desc: _Desc,
) -> pd.DataFrame:
    idx = np.flatnonzero(keep)

    every = len(idx) == len(cells)

    def take(s: pd.Series | None) -> pd.Series | None:
        if s is None:
            return None
        return s.reset_index(drop=True) if every else s.iloc[idx].reset_index(drop=True)

    rows = pd.Series(lines[idx], dtype="int64")
    out = pd.DataFrame({"row": rows.astype("Int64")})
    out["id"] = csv_table.numbered_ids(f"{name}:r", lines[idx])
    out["source"] = const_str(name, len(idx))
    out["date"] = take(dates)
    out["posting_date"] = take(posting) if posting is not None else pd.NaT
    out["description"] = desc.printed(idx)
    out["amount"] = take(amount)
    currency_col = take(texts.get("currency"))
    billing = _billing_currency(plan, spec, [texts.get(r) for r in csv_plan.AMOUNT_ROLES], report, desc.clean.head(200).dropna().tolist())
    if currency_col is not None:
        out["currency"] = normalise_column(currency_col).str.upper().where(currency_col.notna() & (currency_col != ""), billing)
    else:
        out["currency"] = billing
    # foreign amounts: explicit columns, notes regex, second lines
    o_amount = pd.Series(foreign.original_amount[idx], dtype="float64")
    o_curr = pd.Series(pa.array(foreign.original_currency[idx], type=pa.large_string()), dtype="str")
    o_rate = pd.Series(foreign.rate[idx], dtype="float64")
    oa_raw = take(texts.get("original_amount"))
    if oa_raw is not None:
        o_amount = o_amount.fillna(parse_amounts(oa_raw).abs())
    oc_raw = take(texts.get("original_currency"))
    if oc_raw is not None:
        o_curr = o_curr.fillna(normalise_column(oc_raw).str.upper())
    rate_raw = take(texts.get("rate"))
    if rate_raw is not None:
        o_rate = o_rate.fillna(parse_amounts(rate_raw).abs())
    notes = take(texts.get("notes"))
    if spec is not None and spec.foreign_notes and notes is not None:
        got = normalise_column(notes).str.extract(spec.foreign_notes)
        if "amount" in got:
            o_amount = o_amount.fillna(parse_amounts(got["amount"]).abs())
        if "currency" in got:
            o_curr = o_curr.fillna(got["currency"].str.upper())
        if "rate" in got:
            o_rate = o_rate.fillna(parse_amounts(got["rate"]).abs())
    domestic = o_curr.notna() & (o_curr == out["currency"])
    o_amount = o_amount.where(~domestic)
    o_curr = o_curr.where(~domestic & o_amount.notna())
    sign = np.sign(out["amount"]).replace(0, 1)
    out["original_amount"] = o_amount * sign
    out["original_currency"] = o_curr
    out["rate"] = o_rate
    card = take(texts.get("card"))
    if card is None:
        card_text = next((m.group(0) for line in plan.preamble for m in [_CARD_IN_TEXT.search(line)] if m), None)
        out["card"] = const_str(mask_card(card_text) if card_text else None, len(idx))
    else:
        out["card"] = card
    holder = take(texts.get("cardholder"))
    out["cardholder"] = holder if holder is not None else const_str(None, len(idx))
    out["kind"] = csv_rules.kinds(
        out["amount"].to_numpy(), take(texts.get("type")), spec, refund_zone[idx], lambda pattern: desc.flag(pattern)[idx]
    )
    return schema.conform(out)


