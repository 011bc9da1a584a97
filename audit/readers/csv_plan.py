"""Decide how to read a CSV statement from its first lines: layout spec or generic roles, header, body start."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from audit.dates import normalise_date_column
from audit.errors import StatementError
from audit.model import ColumnChoice
from audit.readers import csv_table, infer
from audit.readers.mapping import ColumnMapping, MappingError, header_has, resolve_columns
from audit.readers.spec import LayoutSpec
from audit.values import parse_amounts, parse_dates

AMOUNT_ROLES = ("amount", "debit", "credit")


@dataclass
class Plan:
    """What the reader decided about one file before parsing the body."""

    layout: LayoutSpec | None
    roles: dict[str, int]
    header: list[str] | None
    first_line: int  # physical line of the first body row
    ncols: int
    preamble: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    choices: list[ColumnChoice] = field(default_factory=list)  # each column's role, confidence and evidence
    twin: int | None = None  # a second amount column, read where the amount cell is empty
    mapping: ColumnMapping | None = None  # a person's say on how to read the file (overrides inference)
    source: str = ""  # where the roles came from: "inferred", "layout NAME", "column mapping", "saved layout NAME"


def norm_cell(cell: object) -> str:
    """A header cell as compared with spec names: NFKC, quotes and outer spaces removed."""
    return unicodedata.normalize("NFKC", str(cell)).strip().strip('"').strip()


def spec_roles(spec: LayoutSpec, header: Sequence[str]) -> dict[str, int]:
    """Column index per role from the spec's header names (``re:`` names are searched as regexes)."""
    roles: dict[str, int] = {}
    normed = [norm_cell(h) for h in header]
    for role, names in spec.columns.items():
        for want in names:
            if want.startswith("re:"):
                rx = re.compile(want[3:])
                idx = next((i for i, h in enumerate(normed) if rx.search(h)), None)
            else:
                w = norm_cell(want).lower()
                idx = next((i for i, h in enumerate(normed) if h.lower() == w), None)
            if idx is not None and idx not in roles.values():
                roles[role] = idx
                break
    return roles


def detect(spec: LayoutSpec, records: list[csv_table.HeadRecord]) -> int | None:
    """Index in ``records`` of the spec's header row (or of the first line for headerless specs), else None."""
    if spec.detect:
        want = {norm_cell(d).lower() for d in spec.detect}
        for i, rec in enumerate(records[:60]):
            if want <= {norm_cell(c).lower() for c in rec.cells}:
                return i
        return None
    if spec.detect_first_line:
        first = next((i for i, r in enumerate(records) if not r.blank), None)
        if first is None:
            return None
        line = records[first].text
        if re.search(spec.detect_first_line, line) or re.search(spec.detect_first_line, unicodedata.normalize("NFKC", line)):
            return first
    return None


def _reads_as_data(spec: LayoutSpec, rec: csv_table.HeadRecord) -> bool:
    """Whether a headerless layout's detected first line is itself a transaction row (a date in the date
    position, a number in an amount position)."""
    cells = rec.cells

    def cell(role: str) -> str:
        idx = spec.positions.get(role)
        return cells[idx].strip() if idx is not None and idx < len(cells) else ""

    date = cell("date")
    if not date or pd.isna(parse_dates(pd.Series([date], dtype="str"), formats=spec.date_formats, dayfirst=spec.dayfirst).iloc[0]):
        return False
    return any(re.search(r"[0-9]", cell(role)) for role in AMOUNT_ROLES)


def _width(records: list[csv_table.HeadRecord], start: int) -> int:
    widths = [len(r.cells) for r in records[start:] if not r.blank]
    return max(widths) if widths else 1


def plan_layout(records: list[csv_table.HeadRecord], specs: Sequence[LayoutSpec], forced: bool, name: str) -> Plan:
    """Find the layout (or generic roles), the header and where the body starts."""
    if not records:
        raise StatementError(name, "no transactions found: the file has no lines (looked for date and amount columns)")
    for spec in specs:
        at = detect(spec, records)
        if at is None and not forced:
            continue
        if spec.detect and at is not None:
            header = [c.strip() for c in records[at].cells]
            roles = spec_roles(spec, header)
            notes = []
            missing = [r for r in ("date",) if r not in roles] + ([] if set(AMOUNT_ROLES) & roles.keys() else ["amount"])
            if missing:
                extra = infer.header_roles(header)
                for role in missing:
                    for got in ((role,) if role != "amount" else AMOUNT_ROLES):  # or a debit/credit pair
                        if got in extra and extra[got] not in roles.values():
                            roles[got] = extra[got]
                notes.append(f"layout {spec.name}: columns {missing} not found by the spec; guessed from header names")
            preamble = [r.text for r in records[:at]]
            return Plan(spec, roles, header, records[at].line + records[at].text.count("\n") + 1,
                        max(len(header), _width(records, at + 1)), preamble, notes)
        if spec.positions and (at is not None or forced):
            # The detected first line is the body's first row when it already reads as data (Barclaycard
            # prints no header at all); otherwise it is a title line above the data (Vpass's name line).
            if at is None:
                start = 0
            else:
                start = at if _reads_as_data(spec, records[at]) else at + 1
            if not forced and not _positions_hold(spec, records[start:]):
                continue  # the first line fits, the rows do not (columns moved): read it as a generic file
            preamble = [r.text for r in records[:start]]
            first_line = records[start].line if start < len(records) else records[-1].line + 1
            return Plan(spec, dict(spec.positions), None, first_line, _width(records, start), preamble, [])
    return plan_generic(records, name)


def _positions_hold(spec: LayoutSpec, records: list[csv_table.HeadRecord]) -> bool:
    """Whether the dated-looking rows of a headerless layout have a date where it says and an amount
    position that holds digits in most rows and is empty in few (an unreadable amount is a row problem;
    words or many empty cells there mean the columns moved)."""
    rows = [r for r in records[:200] if not r.blank and _data_like(r)]
    if not rows:
        return True
    dated = digits = empty = 0
    for rec in rows:
        cells = rec.cells
        amount = " ".join(cells[i].strip() for r, i in spec.positions.items() if r in AMOUNT_ROLES and i < len(cells))
        date = spec.positions.get("date")
        if date is not None and date < len(cells):
            got = parse_dates(pd.Series([cells[date].strip()], dtype="str"), formats=spec.date_formats, dayfirst=spec.dayfirst)
            dated += bool(got.notna().iloc[0])
        digits += bool(re.search(r"[0-9]", amount))
        empty += not amount.strip()
    n = len(rows)
    return dated >= 0.8 * n and digits >= 0.5 * n and empty <= 0.2 * n


def plan_generic(records: list[csv_table.HeadRecord], name: str) -> Plan:
    """No spec matched: the first row whose names give date and amount roles, else a content-based plan."""
    best: tuple[int, int] | None = None  # (score, index)
    for i, rec in enumerate(records[:60]):
        if infer.looks_like_header(rec.cells):
            score = len(infer.header_roles(rec.cells))
            if best is None or score > best[0]:
                best = (score, i)
                break
    if best is not None:
        at = best[1]
        rec = records[at]
        header = [c.strip() for c in rec.cells]
        roles = infer.header_roles(header)
        chosen = ", ".join(f"{role}={header[i]!r}" for role, i in sorted(roles.items(), key=lambda t: t[1]))
        notes = [f"layout not recognised: read as a generic statement; columns chosen by header name: {chosen}"]
        return Plan(None, roles, header, rec.line + rec.text.count("\n") + 1,
                    max(len(header), _width(records, at + 1)), [r.text for r in records[:at]], notes)
    # No header with known names: the table starts at its first dated row, under a row of words if any.
    widths = [len(r.cells) for r in records if not r.blank]
    if not widths:
        raise StatementError(name, "no transactions found: the file has no data lines (looked for date and amount columns)")
    notes = ["layout not recognised and no known header names: columns chosen from their contents"]
    found = find_table(records)
    if found is not None:
        start, head = found
        if head is not None:
            rec = records[head]
            header = [c.strip() for c in rec.cells]
            notes.append("header row found above the first dated row: " + ", ".join(repr(h) for h in header if h)[:200])
            first = rec.line + rec.text.count("\n") + 1  # every row under the header is read (pending ones too)
            return Plan(None, infer.header_roles(header), header, first, max(len(header), _width(records, head + 1)),
                        [r.text for r in records[:head]], notes)
        return Plan(None, {}, None, records[start].line, _width(records, start), [r.text for r in records[:start]], notes)
    # the table's width: the commonest of at least three cells (a date, a text, an amount), the wider on a tie
    # (lines of one or two cells above or below it are a preamble or a footer)
    table_widths = [w for w in widths if w >= 3] or widths
    common = max(set(table_widths), key=lambda w: (table_widths.count(w), w))
    start = next(i for i, r in enumerate(records) if not r.blank and len(r.cells) == common)
    return Plan(None, {}, None, records[start].line, max(common, _width(records, start)), [r.text for r in records[:start]], notes)


_DATE_SHAPE = re.compile(r"(?:^|\D)(?:[0-9]{1,4}[-/.年][0-9]{1,2}(?:[-/.月][0-9]{1,4})?|[0-9]{8}|[0-9]{4} [0-9]{1,2} [0-9]{1,2})(?:\D|$)"
                         r"|[0-9]{1,2}[ -.][A-Za-z]{3}")


def _data_like(rec: csv_table.HeadRecord) -> bool:
    """A record with a date-shaped cell and another cell holding a number."""
    cells = [c.strip() for c in rec.cells if c.strip()]
    if len(cells) < 2:
        return False
    dated = [i for i, c in enumerate(cells) if len(c) <= 40 and _DATE_SHAPE.search(unicodedata.normalize("NFKC", c))]
    return bool(dated) and any(re.search(r"[0-9]", c) for i, c in enumerate(cells) if i not in dated[:1])


def _words_row(rec: csv_table.HeadRecord) -> bool:
    """A record of names: two or more cells, none date-shaped, most with letters."""
    cells = [unicodedata.normalize("NFKC", c).strip() for c in rec.cells if c.strip()]
    if len(cells) < 2 or any(_DATE_SHAPE.search(c) for c in cells):
        return False
    return sum(bool(re.search(r"[^\W\d_]", c)) for c in cells) >= 0.6 * len(cells)


def find_table(records: list[csv_table.HeadRecord]) -> tuple[int, int | None] | None:
    """``(index of the first data record, index of its header record or None)``: the first record with a
    date and a number that the next non-blank record resembles, and the row of words right above it."""
    for i, rec in enumerate(records[:120]):
        if rec.blank or not _data_like(rec):
            continue
        nxt = next((r for r in records[i + 1 :] if not r.blank), None)
        if nxt is not None and not (_data_like(nxt) or abs(len(nxt.cells) - len(rec.cells)) <= 1):
            continue
        # the header: the row of words above it, past rows of the table's width that are not dated (pending)
        head = None
        for k in range(i - 1, max(i - 30, -1), -1):
            above = records[k]
            if above.blank or abs(len(above.cells) - len(rec.cells)) > 1:
                break
            if _words_row(above):
                head = k
                break
        return i, head
    return None


def plan_from_content(plan: Plan, body: csv_table.CellTable, name: str) -> Plan:
    """Roles from what the first body rows hold (files without usable header names)."""
    cells = body.cells
    sample = cells.head(500)
    roles, notes = infer.content_roles(sample)
    plan.roles = roles
    plan.notes = [*plan.notes, *notes]
    # A first row of plain words above the data is an unnamed header: remember it so it is not reported.
    if roles and len(cells):
        first = cells.iloc[0]
        date_col = roles.get("date")
        if date_col is not None and isinstance(first[date_col], str):
            looks = parse_dates(pd.Series([first[date_col]], dtype="str")).notna().iloc[0]
            if not looks and not re.search(r"[0-9]", str(first[date_col])):
                plan.header = [str(c) if isinstance(c, str) else "" for c in first]
    return plan


def require_roles(roles: dict[str, int], name: str) -> None:
    """Refuse a file without a date column or an amount column: it is not a statement."""
    missing = []
    if "date" not in roles:
        missing.append("no date column")
    if not set(AMOUNT_ROLES) & roles.keys():
        missing.append("no amount column")
    if missing:
        raise StatementError(name, f"no transactions found: {' and '.join(missing)} (looked for date and amount columns)")


# ------------------------------------------------------------------------------------------------ parsing


def signature(plan: Plan) -> str:
    """The header signature saved mappings are keyed by: the header cells, normalised, or the column count
    of a file without a header row."""
    if plan.header:
        return "|".join(norm_cell(h).casefold() for h in plan.header)
    return f"(no header) {plan.ncols} columns"


def plan_mapping(records: list[csv_table.HeadRecord], mapping: ColumnMapping, name: str, source: str) -> Plan:
    """The plan a column mapping gives: the header row found by the names it uses (below ``skip`` lines of
    preamble), the roles where it puts them. A mapping that does not fit is one line naming the file."""
    skip = mapping.skip or 0
    rest = [r for r in records if r.line > skip and not r.blank]
    if not rest:
        raise StatementError(name, f"no lines after the {skip} skipped ones")
    names = [ref for ref in mapping.columns.values() if isinstance(ref, str)]
    try:
        if names:
            scored = [(header_has(r.cells, names), -k, r) for k, r in enumerate(rest[:60])]
            best = max(scored, key=lambda t: (t[0], t[1]))[2]
            header = [c.strip() for c in best.cells]
            roles = resolve_columns(mapping, header, max(len(header), _width(records, records.index(best) + 1)))
            at = records.index(best)
            first = best.line + best.text.count("\n") + 1
        elif mapping.skip is not None:
            at = records.index(rest[0])
            header = None
            first = rest[0].line
            roles = resolve_columns(mapping, None, _width(records, at))
            if _is_header_row(rest[0], roles):
                header = [c.strip() for c in rest[0].cells]
                first = rest[0].line + rest[0].text.count("\n") + 1
        else:  # positions only: the table is where the reader finds it
            found = plan_generic(records, name)
            header, first = found.header, found.first_line
            at = next((k for k, r in enumerate(records) if r.line >= first), len(records)) - (1 if header else 0)
            roles = resolve_columns(mapping, header, found.ncols)
    except MappingError as exc:
        raise StatementError(name, str(exc)) from None
    ncols = max(len(header) if header else 0, _width(records, max(at, 0)), max(roles.values(), default=0) + 1)
    shown = ", ".join(f"{r}={mapping.columns[r]!r}" for r in roles)
    return Plan(None, roles, header, first, ncols, [r.text for r in records[: max(at, 0)]],
                [f"columns as given ({source}): {shown}"], mapping=mapping, source=source)


def mapping_misfit(plan: Plan, records: list[csv_table.HeadRecord]) -> str | None:
    """Why the rows under a mapping's plan do not fit it (None when they do): its date column must read as
    dates (in its date format, when it names one) on most rows, and its amount (or debit/credit) columns
    must hold a number on most dated rows. A layout saved for one bank's file without a header says
    nothing about another bank's file of the same width; the contents do."""
    m = plan.mapping
    rows = [r for r in records if r.line >= plan.first_line and not r.blank][:60]
    if m is None or not rows:
        return None

    def cells(role: str) -> pd.Series | None:
        idx = plan.roles.get(role)
        if idx is None:
            return None
        return pd.Series([r.cells[idx].strip() if idx < len(r.cells) else "" for r in rows], dtype="str")

    date_idx = plan.roles.get("date")
    dates = cells("date")
    if dates is None or date_idx is None:
        return None
    shown = f"column {date_idx + 1} (date)"
    filled = dates[dates != ""]
    if filled.empty:
        return f"{shown} is empty"
    parsed = parse_dates(filled, formats=[m.date_format] if m.date_format else [])
    if m.date_format and "%b" not in m.date_format and "%B" not in m.date_format:  # the saved format only
        strict = pd.to_datetime(normalise_date_column(filled), format=m.date_format, errors="coerce")
        parsed = parsed.where(strict.notna().to_numpy())
    if float(parsed.notna().mean()) < 0.6:
        bad = filled[parsed.isna()].iloc[0]
        how = f" in the saved format {m.date_format}" if m.date_format else ""
        return f"{shown} does not hold dates{how} ({bad!r})"
    dated = dates.index.isin(filled[parsed.notna()].index)
    money = [(r, c) for r in AMOUNT_ROLES if (c := cells(r)) is not None]
    if not money:
        return None
    some = np.zeros(len(rows), dtype=bool)
    for _role, col in money:
        some |= parse_amounts(col, decimal=m.decimal).notna().to_numpy()
    if float(some[dated].mean()) < 0.8:
        k = int(np.flatnonzero(dated & ~some)[0])
        got = ", ".join(f"{r} {c.iloc[k]!r}" for r, c in money)
        return f"no amount where it says on the dated rows ({got})"
    return None


def _is_header_row(rec: csv_table.HeadRecord, roles: dict[str, int]) -> bool:
    """A first row whose date cell holds words without digits is a header, not data."""
    idx = roles.get("date")
    cell = rec.cells[idx].strip() if idx is not None and idx < len(rec.cells) else ""
    return bool(cell) and not re.search(r"[0-9]", cell)
