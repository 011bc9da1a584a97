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

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from audit.errors import StatementError
from audit.masking import mask_card
from audit.model import ExcludedRow, ParseReport, RowProblem
from audit.readers import (
    csv_amounts,
    csv_assemble,
    csv_cells,
    csv_columns,
    csv_dates,
    csv_plan,
    csv_ragged,
    csv_resolve,
    csv_rules,
    csv_table,
    options,
)
from audit.readers.encoding import decode
from audit.readers.issuer import issuer_from_lines
from audit.readers.mapping import ColumnMapping
from audit.readers.profile import NEUTRAL_WORDS
from audit.readers.spec import LayoutSpec
from audit.textcols import map_unique, shared_encodings
from audit.values import (
    YEARLESS_FORMATS,
    infer_date_format_info,
    normalise_column,
    parse_dates,
    re_contains,
)


def read_csv_bytes(
    data: bytes, name: str, *, layout: LayoutSpec | None = None, mapping: ColumnMapping | None = None,
    newlines: int | None = None,
) -> tuple[pd.DataFrame, ParseReport]:
    """Read one CSV statement; ``layout`` forces a spec instead of detection, ``mapping`` says which column
    is which (and how dates, decimals, currency and signs are printed) instead of the reader's inference.
    ``newlines``: the count of line feeds in ``data`` when the caller has it already."""
    try:
        with shared_encodings():  # each column's distinct values found once for the whole read
            return _read(data, name, layout, mapping or options.current().mapping, newlines)
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


def _read(data: bytes, name: str, forced: LayoutSpec | None, mapping: ColumnMapping | None,
          newlines: int | None = None) -> tuple[pd.DataFrame, ParseReport]:
    fast = _utf8_head(data)
    if fast is not None:  # UTF-8: plan from the first lines, let Arrow read and check the rest
        head_text, encoding, bom = fast
        plan, delimiter, records = _plan_text(head_text, forced, name, mapping)
        body = None
        if all(r.text.count("\n") == 0 for r in records if r.line < plan.first_line):
            body = csv_table.arrow_body_from_bytes(data, bom, delimiter, plan.first_line, plan.ncols, newlines=newlines)
        if body is not None:
            return _finish(body, plan, name, encoding, delimiter)
    text, encoding = decode(data, name, hint=forced.encoding if forced else None)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise StatementError(name, "file is empty")
    plan, delimiter, records = _plan_text(text, forced, name, mapping)
    body = csv_table.read_body(text, delimiter, plan.first_line, plan.ncols, name)
    return _finish(body, plan, name, encoding, delimiter)


def _plan_text(
    text: str, forced: LayoutSpec | None, name: str, mapping: ColumnMapping | None
) -> tuple[csv_plan.Plan, str, list[csv_table.HeadRecord]]:
    head = csv_table.split_head(text)
    delimiter = csv_table.sniff_delimiter(head)
    records = csv_table.head_records(head, delimiter)
    if mapping is not None and mapping.columns:
        return csv_plan.plan_mapping(records, mapping, name, "column mapping"), delimiter, records
    specs = [forced] if forced else (load_layouts() if options.named_layouts() else [])
    plan = csv_plan.plan_layout(records, specs, forced is not None, name)
    plan.source = f"layout {plan.layout.name}" if plan.layout else "inferred"
    saved = options.current().saved
    if plan.layout is None and mapping is None and saved:
        sig = csv_plan.signature(plan)
        hits = sorted((s for s in saved if s.signature == sig), key=lambda s: s.saved)
        for hit in reversed(hits):  # the latest saved first; one whose columns do not fit this file is passed over
            try:
                tried = csv_plan.plan_mapping(records, hit.mapping, name, f"saved layout {hit.name}")
                why = csv_plan.mapping_misfit(tried, records)
            except StatementError as exc:
                why = str(exc).split(": ", 1)[-1]
            if why is None:
                plan = tried
                break
            # the saved mapping does not fit this file: read as usual, and say so
            plan.notes.append(f"saved layout {hit.name!r} did not fit: {why}; columns chosen by the reader")
    if mapping is not None and plan.mapping is None:
        plan.mapping = mapping  # date format, decimal mark, currency or sign given without the columns
    return plan, delimiter, records


def _finish(
    body: csv_table.CellTable, plan: csv_plan.Plan, name: str, encoding: str, sniff: str
) -> tuple[pd.DataFrame, ParseReport]:
    report = ParseReport(source=name, kind="csv", layout=plan.layout.name if plan.layout else "generic", encoding=encoding)
    report.warnings.extend(plan.notes)
    if plan.layout is None and (plan.mapping is None or not plan.mapping.columns):
        body = csv_ragged.realign(body, sniff)
    report.problems.extend(body.problems)
    report.warnings.extend(body.warnings)
    if plan.mapping is not None and plan.mapping.columns:
        plan.choices = csv_resolve.choices_given(plan, body.cells.shape[1])
        report.confidence = 1.0
    elif plan.layout is None:
        plan, body, decision = csv_resolve.resolve(plan, body)
        report.warnings.extend(decision.notes)
        report.confidence = decision.overall()
    else:
        csv_resolve.direction_beside_spec(plan, body)
        plan.choices = csv_resolve.choices_for_spec(plan, body.cells.shape[1])
        report.confidence = 1.0
    report.columns = plan.choices
    csv_plan.require_roles(plan.roles, name)
    report.issuer = issuer_from_lines(plan.preamble)
    if plan.layout is None:
        report.signature = csv_plan.signature(plan)
    report.reading.update(_reading(plan, sniff))
    df = _parse(body, plan, name, report, sniff)
    return df, report


def _reading(plan: csv_plan.Plan, delimiter: str) -> dict[str, object]:
    """How the file was read, in the words of a column mapping (for the page's picker and ``--json``)."""
    header = plan.header
    cols: dict[str, object] = {}
    for role, idx in sorted(plan.roles.items(), key=lambda t: t[1]):
        name = header[idx].strip() if header is not None and idx < len(header) else ""
        cols[role] = name if name and [h.strip() for h in header or []].count(name) == 1 else idx + 1
    lines_above = plan.first_line - 1 - (1 if header is not None else 0)
    return {"source": plan.source or "inferred", "delimiter": delimiter, "columns": cols,
            "header": header is not None, "skip": max(lines_above, 0)}


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

    cols = csv_cells.Cols(cells, roles)
    date_raw = cols.get("date")
    assert date_raw is not None
    desc_raw = csv_columns.description_column(cells, plan, cols.get)
    second_text = cols.get("description2")
    if desc_raw is not None and second_text is not None:  # two text columns, no header to choose: both
        joined = (desc_raw.fillna("") + " " + second_text.fillna("")).str.strip()
        desc_raw = joined.where(joined != "")
    # 2. repeated header rows
    if plan.header is not None:
        date_name = plan.header[roles["date"]].strip() if roles["date"] < len(plan.header) else None
        if date_name:
            exclude((date_raw == date_name).fillna(False).to_numpy(), "header")
    # 3. dates
    given = plan.mapping
    formats = tuple(spec.date_formats) if spec and spec.date_formats else ()
    if given is not None and given.date_format:
        formats = (given.date_format,)
    dayfirst = spec.dayfirst if spec else None
    if not formats:
        undecided = date_raw if bool((state == 0).all()) else date_raw[state == 0]
        guess = infer_date_format_info(undecided, dayfirst=dayfirst)
        if guess.format:
            formats = (guess.format,)
        if guess.note and guess.format:
            report.warnings.append(f"dates ({guess.format}): {guess.note}")
    if formats and formats[0] in YEARLESS_FORMATS:
        dates, why = csv_dates.place_yearless(date_raw, formats, dayfirst, plan)
        report.warnings.append(why)
    else:
        dates = parse_dates(date_raw, formats=formats, dayfirst=dayfirst)
    report.reading["date_format"] = formats[0] if formats else None
    if given is not None and given.date_format and not bool(dates.notna().any()) and bool(date_raw.notna().any()):
        first = str(date_raw.dropna().iloc[0])[:30]
        raise StatementError(name, f"the date format {given.date_format} reads no date in the date column "
                                   f"(first cell {first!r})")
    posting = None
    post_raw = cols.get("posting_date")
    if post_raw is not None:
        if formats and formats[0] in YEARLESS_FORMATS:
            posting, _ = csv_dates.place_yearless(post_raw, formats, dayfirst, plan)
        else:
            posting = parse_dates(post_raw, dayfirst=dayfirst if dayfirst is not None else csv_dates.dayfirst_of(formats))
        # a row without a use date (a repayment) is dated by its posting date
        blank = (date_raw.isna() | (date_raw == "")).to_numpy() & posting.notna().to_numpy()
        if blank.any() and not blank.all():
            dates = dates.where(~blank, posting)
            report.warnings.append(f"{int(blank.sum())} row(s) without a use date: dated by the posting date")
    # foreign second lines (Rakuten): merged into the charge above, not transactions themselves
    foreign = csv_rules.ForeignColumns.empty(n)
    if desc_raw is not None and (spec is None or spec.foreign_second_line):
        csv_rules.merge_second_lines(desc_raw, dates, state, foreign)
    # a line holding only more text for the description, under a transaction: part of that transaction
    if desc_raw is not None and "description" in roles:
        pairs = csv_rules.continuation_lines(cells, roles, dates.isna().to_numpy(), state)
        if pairs:
            desc_raw = csv_rules.join_continuations(desc_raw, pairs)
            for pos, _ in pairs:
                state[pos] = 4
            report.warnings.append(f"{len(pairs)} line(s) continuing the description of the transaction above: joined to it")
    # 4. amounts
    decimal = spec.decimal if spec else (given.decimal if given is not None else None)
    desc = csv_cells.Desc(desc_raw, n)
    if spec is None and (phrases := desc.split_types()):
        shown = ", ".join(repr(p) for p in phrases[:4]) + (" ..." if len(phrases) > 4 else "")
        report.warnings.append(f"descriptions open with the bank's transaction type ({shown}): the counterparty after "
                               "it is the description (the cell as printed is kept as description_printed)")
    amount, amount_cell = csv_amounts.amounts(cols, spec, decimal, report, desc, plan.header,
                                              given.sign if given is not None else None)
    # 6. layout exclusions, status, totals
    texts = {role: cols.get(role) for role in roles}
    if spec is not None:
        for rule in spec.exclude:
            targets = [c for r, c in texts.items() if c is not None and (rule.role in (r, "any"))]
            hit = np.zeros(n, dtype=bool)
            for c in targets:
                hit |= normalise_column(c).str.contains(rule.pattern, regex=True, na=False).to_numpy()
            exclude(hit, rule.reason, amount)
    if spec is None and "reference" in roles and "row_id" in roles and "description" in roles:
        # a row that names another row's code and no counterparty of its own: that row's funding or
        # currency-conversion leg, not a payment of its own
        ids = cells.iloc[:, roles["row_id"]].astype("str").str.strip()
        ref = cells.iloc[:, roles["reference"]].astype("str").str.strip()
        who = cells.iloc[:, roles["description"]].astype("str").str.strip()
        leg = (ref.isin(set(ids.dropna())) & (ref != ids) & (who.isna() | (who == ""))).fillna(False).to_numpy()
        exclude(leg, "bookkeeping leg of another row (its funding or currency conversion)", amount)
    types = texts.get("type")
    if spec is None and types is not None:
        conversion = re_contains(normalise_column(types), csv_rules.CONVERSION_WORDS).to_numpy()
        exclude(conversion, "currency conversion between the holder's own balances", amount)
    neutral_refund = np.zeros(n, dtype=bool)
    direction_idx = roles.get("direction")
    if direction_idx is not None and spec is None:  # 收/支 "/" or 不计收支: the file's own neutral rows
        raw_dir = cells.iloc[:, direction_idx].astype("str").str.strip()
        neutral = raw_dir.str.fullmatch(NEUTRAL_WORDS, na=False).to_numpy()
        if neutral.any() and not neutral.all():
            # a neutral row that is a refund is money back, unless it undoes a payment that never completed
            kind_text = [c for c in (texts.get("type"), desc_raw) if c is not None]
            for c in kind_text:
                neutral_refund |= neutral & re_contains(normalise_column(c), csv_rules.REFUND_WORDS).to_numpy()
            exclude(neutral & ~neutral_refund, "neither money in nor out (a move between the holder's own accounts)", amount)
    status = texts.get("status")
    status_hit = np.zeros(n, dtype=bool)
    if status is not None:
        pattern = (spec.exclude_status if spec and spec.exclude_status else csv_rules.DEFAULT_STATUS_EXCLUDE)
        status_hit = status.str.contains(pattern, regex=True, na=False).to_numpy() & (state == 0)
        if status_hit.any():  # each row reported by what its status says ("reverted" is not "declined")
            reasons = np.full(n, "", dtype=object)
            reasons[status_hit] = [csv_rules.status_reason(t) for t in status[status_hit].tolist()]
            exclude(status_hit, reasons, amount)
    if neutral_refund.any():
        undone = csv_rules.refunds_of(neutral_refund & (state == 0), status_hit, amount, desc_raw)
        exclude(undone, "refund of a payment that did not complete", amount)
        keep_refund = neutral_refund & (state == 0)
        amount = amount.where(~pd.Series(keep_refund, index=amount.index), -amount.abs())
    # a period-closing line with nothing to pay (ABSCHLUSS 0,00): no money moved, not a transaction
    zero = (amount == 0).to_numpy()
    if zero.any():
        closing = np.zeros(n, dtype=bool)
        for c in (texts.get("type"), desc_raw):
            if c is not None:
                closing |= re_contains(normalise_column(c), csv_rules.CLOSING_WORDS).to_numpy()
        exclude(zero & closing, "period closing line (nothing to pay)", amount)
        # any other 0.00 row (a notification, a fee waived, a fee charged on another statement): reported
        left = zero & (state == 0)
        if left.any():
            exclude(left, "amount 0.00: no money moved", amount)
            report.warnings.append(f"{int(left.sum())} row(s) with amount 0.00 move no money: listed as excluded, "
                                   "not read as charges")
    if spec is None:
        _exclude_unbooked(cells, roles, amount, state, exclude, report)
    undated = dates.isna().to_numpy()
    if desc_raw is not None:
        label = desc.flag(r"合計|小計|請求|繰越|残高|余额|(?i:total|balance|saldo|solde|kontostand)")
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
    date_cell: dict[int, object] = {}
    amount_cell_v: dict[int, object] = {}
    if len(todo):  # (a take over an Arrow column in many chunks joins them first: not for nothing)
        date_cell = dict(zip(todo.tolist(), date_raw.iloc[todo].fillna("").tolist(), strict=True))
        amount_cell_v = dict(zip(todo.tolist(), amount_cell.iloc[todo].fillna("").tolist(), strict=True))
    for pos in todo:
        dc, ac = str(date_cell[pos]), str(amount_cell_v[pos])
        dc, ac = dc[:40] + ("…" if len(dc) > 40 else ""), ac[:40] + ("…" if len(ac) > 40 else "")
        if has_date[pos]:
            msg = f"unreadable amount {ac!r}" if ac else "date but no amount"
            if ac and len(re.sub(r"[^0-9]", "", str(amount_cell_v[pos]))) > 13:
                msg = f"amount {ac!r} is too large for a statement row"
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
        given = plan.source if plan.source.startswith(("saved layout", "column mapping")) else ""
        via = f" (read with the {given}: check that it fits this file)" if given else ""
        raise StatementError(name, f"no transactions found{detail} (looked for date and amount columns){via}")
    table = csv_assemble.assemble(cells, lines, keep, plan, spec, name, dates, posting, amount, foreign, texts, refund_zone, report, desc)
    report.rows = len(table)
    report.period_start = table["date"].min().date().isoformat()
    report.period_end = table["date"].max().date().isoformat()
    _say_what_is_missing(table, report, desc.blank_rows(table["description"]))
    return table


_PLACEHOLDER = r"\s*[-–—]?\s*"  # an empty cell, or one holding only a dash


def _exclude_unbooked(cells: pd.DataFrame, roles: dict[str, int], amount: pd.Series, state: np.ndarray,
                      exclude, report: ParseReport) -> None:
    """Rows the bank has not booked yet (a reserved amount, ``SKYDDAT BELOPP``): a dated row with an amount
    but no posting date and no balance, in a file whose other rows all carry both. Reported, not read."""
    if "posting_date" not in roles or "balance" not in roles:
        return

    def blank(role: str) -> np.ndarray:
        col = cells.iloc[:, roles[role]].astype("str").where(cells.iloc[:, roles[role]].notna(), "")
        return col.str.fullmatch(_PLACEHOLDER).fillna(True).to_numpy(dtype=bool)
    live = (state == 0) & amount.notna().to_numpy()
    none = blank("posting_date") & blank("balance") & live
    both = ~blank("posting_date") & ~blank("balance") & live
    if not none.any() or int(both.sum()) < 2 or bool((live & ~none & ~both).any()):
        return
    exclude(none, "not booked yet (no posting date and no balance, unlike the other rows): a reserved amount", amount)
    report.warnings.append(f"{int(none.sum())} row(s) without a posting date and a balance, unlike every other row: "
                           "amounts reserved but not booked yet, listed as excluded, not read as charges")


def _say_what_is_missing(table: pd.DataFrame, report: ParseReport, empty: np.ndarray | None = None) -> None:
    """A file read with every description empty, or with its columns chosen unsurely, says so: its
    merchant matches and subscriptions depend on those columns. ``empty``: which descriptions are empty, when
    known already."""
    if empty is None:
        empty = map_unique(table["description"].astype("str"), lambda v: v.fillna("").str.strip() == "").to_numpy(dtype=bool)
    if len(empty) and bool(empty.all()):
        report.warnings.append("every description is empty: no merchant can be matched in this file; say which "
                               "column holds the merchant (--columns description=HEADER, or the column picker)")
    elif len(empty) and float(empty.mean()) > 0.5:
        report.warnings.append(f"{int(empty.sum())} of {len(empty)} rows have no description")
    if report.confidence is not None and report.confidence < 0.6:
        unsure = [f"{c.role} (column {c.column}, {c.confidence:.2f})" for c in report.columns
                  if c.role in ("date", "amount", "debit", "credit", "description") and c.confidence < 0.6]
        report.warnings.append("columns chosen with low confidence: " + (", ".join(unsure) or "see the column list")
                               + "; check them, or say which column is which (--columns, or the column picker)")


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
