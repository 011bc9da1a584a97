"""Plain-text report for ``audit scan`` (without ``--json``).

Sections: files read (layout, period, rows, excluded rows, problems, reconciliation), suspicious
contracts with reasons and charges, legit subscriptions, and a transactions table. Column widths
count East Asian wide characters as two cells, so Japanese descriptors line up in a terminal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from audit.cases.letters import format_money
from audit.masking import clean_line, mask_card

if TYPE_CHECKING:
    from audit.contracts import Contract
    from audit.pipeline import ScanResult

DEFAULT_ROWS = 50
MAX_CELL = 40  # display cells a descriptor may take in a table


def display_width(text: str) -> int:
    """Terminal cells ``text`` takes: wide/full-width characters 2, combining marks 0, others 1."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def truncate(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, with an ellipsis when cut."""
    if display_width(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out += ch
        used += w
    return out + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` cells (right-aligned when ``right``)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool] = (),
          indent: str = "  ") -> list[str]:
    """Aligned text table (header, rule, rows)."""
    right = list(right) + [False] * (len(headers) - len(right))
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    lines = [indent + "  ".join(pad(h, widths[i], right[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append(indent + "  ".join("-" * w for w in widths))
    for row in rows:
        lines.append(indent + "  ".join(pad(c, widths[i], right[i]) for i, c in enumerate(row)).rstrip())
    return lines


def _text(v: Any) -> str:
    if v is None or v is pd.NA or v is pd.NaT:
        return ""
    if isinstance(v, float) and v != v:
        return ""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    return " ".join(str(v).split())


def _files(result: ScanResult) -> list[str]:
    lines = ["Files", "====="]
    if not result.reports and not result.errors:
        lines.append("  (no files)")
    for r in result.reports:
        period = f"{r.period_start or '?'} .. {r.period_end or '?'}" if (r.period_start or r.period_end) else "?"
        head = f"  {r.source}: {r.kind}, layout {r.layout}, period {period}, {r.rows} rows"
        head += f", {len(r.excluded)} excluded, {len(r.problems)} problem(s)"
        if r.pages is not None:
            head += f", {r.pages} page(s)"
        lines.append(mask_card(head) or head)
        rec = r.reconciliation
        if rec is not None:
            label = f" ({rec.label})" if rec.label else ""
            if rec.ok:
                lines.append(f"    reconciliation OK: printed total{label} {rec.printed_total:,.2f} = parsed")
            else:
                lines.append(f"    reconciliation MISMATCH: printed total{label} {rec.printed_total:,.2f}, "
                             f"parsed {rec.parsed_total:,.2f} (difference {rec.difference:+,.2f})")
        if r.excluded:
            reasons: dict[str, int] = {}
            for x in r.excluded:
                reasons[x.reason] = reasons.get(x.reason, 0) + 1
            lines.append("    excluded: " + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())))
        for p in r.problems:
            lines.append("    problem: " + (mask_card(str(p)) or ""))
        for w in r.warnings:
            lines.append("    warning: " + (mask_card(w) or ""))
        if r.currency_hint:  # the file does not state its currency: what it suggests, and how to give it
            lines.append(f"    currency hint: {r.currency_hint} (give it: --file-currency {r.source}=CODE)")
    for err in result.errors:
        lines.append(f"  NOT READ: {err}")
    return lines


def _contract_lines(c: Contract) -> list[str]:
    rhythm = f"{c.cadence}, {c.status}" if c.cadence else c.status
    who = f"  client {c.client}" if getattr(c, "client", None) else ""
    lines = [f"  [{c.id}] {mask_card(c.merchant)}  (score {c.score:.0f}; {rhythm}){who}"]
    if c.descriptors:
        lines.append("      on statement as: " + (mask_card("; ".join(c.descriptors)) or ""))
    for reason in c.reasons:
        lines.append(f"      - {mask_card(reason)}")
    rows = []
    for ch in [*c.charges, *c.refunds]:
        foreign = ""
        if ch.get("original_amount") is not None and ch.get("original_currency"):
            foreign = format_money(ch["original_amount"], ch["original_currency"])
        rows.append([_text(ch.get("date")), format_money(ch.get("amount"), ch.get("currency") or c.currency),
                     foreign, truncate(mask_card(_text(ch.get("description"))) or "", MAX_CELL)])
    lines += table(["date", "amount", "foreign", "descriptor"], rows, right=[False, True, True], indent="      ")
    paid, back = money_by_currency(c)
    total = "      total paid " + " + ".join(format_money(v, k) for k, v in paid.items())
    if any(back.values()):
        total += " (after " + " + ".join(format_money(v, k) for k, v in back.items() if v) + " refunded)"
    lines.append(total)
    if c.next_expected_date:
        cur = c.currency or (c.charges[-1].get("currency") if c.charges else "") or ""
        amount = format_money(c.next_expected_amount, cur) if c.next_expected_amount is not None else ""
        lines.append(f"      next charge expected {c.next_expected_date} {amount}".rstrip())
    if c.sources:
        lines.append("      list source: " + " ".join(c.sources))
    return lines


def money_by_currency(c: Contract) -> tuple[dict[str, float], dict[str, float]]:
    """A contract's net paid and refunded amounts per billing currency (never added across currencies)."""
    paid = getattr(c, "paid_by_currency", None) or {c.currency: c.total_paid}
    back = getattr(c, "refunded_by_currency", None) or {c.currency: c.refunded}
    return dict(paid), dict(back)


def _money_text(amounts: dict[str, float]) -> str:
    return " + ".join(format_money(v, k) for k, v in sorted(amounts.items()))


def _transactions(tx: pd.DataFrame, all_rows: bool) -> list[str]:
    n = len(tx)
    shown = tx if all_rows else tx.head(DEFAULT_ROWS)
    title = "Transactions" if all_rows or n <= DEFAULT_ROWS else (
        f"Transactions (first {DEFAULT_ROWS} of {n}; --all shows every row)")
    lines = [title, "=" * display_width(title)]
    if n == 0:
        return [*lines, "  (none)"]
    rows = []
    for rec in shown.to_dict(orient="records"):
        foreign = ""
        if _text(rec.get("original_currency")) and _text(rec.get("original_amount")):
            foreign = format_money(float(rec["original_amount"]), str(rec["original_currency"]))
        rows.append([
            _text(rec.get("date")),
            truncate(mask_card(_text(rec.get("description"))) or "", MAX_CELL),
            format_money(rec.get("amount"), _text(rec.get("currency"))) if _text(rec.get("amount")) else "",
            foreign,
            _text(rec.get("kind")),
            mask_card(_text(rec.get("card")), context="card") or "",
            _text(rec.get("source")),
        ])
    return lines + table(["date", "description", "amount", "foreign", "kind", "card", "file"], rows,
                         right=[False, False, True, True])


def _check_words(c: Any) -> str:
    """Why a subscription is to check, shortly (the page gives the whole sentence)."""
    code = getattr(c, "check", "") or "unknown"
    return f"names {code.split(':', 1)[1]}, none of its billing forms" if code.startswith("brand:") else "unknown merchant"


def render_text(result: ScanResult, all_rows: bool = False) -> str:
    """The whole report as text (ends with a newline)."""
    contracts = list(result.contracts or [])
    bad = [c for c in contracts if c.suspicious]
    legit = [c for c in contracts if not c.suspicious and getattr(c, "known_as", "")]
    check = [c for c in contracts if not c.suspicious and not getattr(c, "known_as", "")]
    lines = _files(result)
    lines.append("")
    title = f"Suspicious contracts ({len(bad)})"
    lines += [title, "=" * len(title)]
    if not bad:
        lines.append("  none found")
    for c in bad:
        lines += _contract_lines(c)
        lines.append("")
    if bad:
        from audit.cases.money import add_totals, by_card

        several = len({c.client or "" for c in bad}) > 1
        # an unstated currency is summed per card (and client): two cards' "unknown" may be two currencies
        totals = add_totals(by_card(c, money_by_currency(c)[0], clients=several) for c in bad)
        lines.append("  paid to suspicious merchants: " + ", ".join(
            format_money(v, k) for k, v in sorted(totals.items())))
    lines.append("")
    for title, group, last_col in ((f"Known services ({len(legit)})", legit, "known as"),
                                   (f"Subscriptions to check ({len(check)})", check, "why check it")):
        lines += [title, "=" * len(title)]
        if group:
            rows = [[truncate(c.merchant, MAX_CELL), c.cadence or "", c.status, str(len(c.charges)),
                     _money_text(money_by_currency(c)[0]), c.last_date,
                     (f"{c.next_expected_date} {format_money(c.next_expected_amount, c.currency)}"
                      if c.next_expected_date and c.next_expected_amount is not None else (c.next_expected_date or "")),
                     truncate(c.known_as, MAX_CELL) if group is legit else _check_words(c)]
                    for c in group]
            lines += table(["merchant", "cadence", "status", "charges", "total", "last", "next expected", last_col],
                           rows, right=[False, False, False, True, True])
        else:
            lines.append("  none found")
        lines.append("")
    lines += _transactions(result.transactions, all_rows)
    # one logical line each: nothing a file name or descriptor holds can clear the screen or add a line
    return "\n".join(clean_line(line) for line in lines) + "\n"
