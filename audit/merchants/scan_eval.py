"""Merchant matching measured through the scan path: descriptors written into statement files, read back.

``audit eval --merchants`` feeds descriptors to the matcher the way a user's statement does: each
descriptor becomes one charge in statement files of several layouts, the files go through
:func:`audit.pipeline.scan_uploads` (the reader, the descriptor columns, the matching and the rest of the
scan), and a descriptor's answer is the ``known_merchant`` finding that names its charge.

Layouts (every descriptor goes into each layout whose text encoding can carry it):

* ``jp-cp932``: a Japanese issuer's CSV (SMBC Vpass family): CP932, no header, a card-holder line;
* ``us-csv``: a US card CSV (Chase): UTF-8 with a header, charges negative;
* ``uk-padded``: a UK card CSV (Barclaycard): no header, the descriptor padded to a fixed 40-character
  field as fixed-width exports print it;
* ``pdf``: the fictional sample issuers of ``scripts/make_sample_pdfs.py`` (Harbor Bank for text in
  Windows-1252, みなとカード for the rest), long descriptors wrapped onto a second line; skipped when
  reportlab (a test dependency) or the script is not installed.

Each charge gets its own amount, so a finding is traced back to its descriptor by the amount read, not
by the reader's row ids. A descriptor that a layout cannot carry is counted as skipped; one that was
written but not read back is counted as unread (a miss for recall; not a tested legitimate row).
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PDF_SCRIPT = ROOT / "scripts" / "make_sample_pdfs.py"
UK_FIELD = 40  # padded descriptor width of the UK layout


@dataclass(frozen=True)
class Charge:
    """One descriptor written as one charge: ``cents`` is its unique amount (yen for Japanese layouts)."""

    index: int
    descriptor: str
    date: dt.date
    cents: int


Writer = Callable[[list[Charge]], list[tuple[str, bytes, int]]]  # (file name, bytes, amount units per cent)


@dataclass(frozen=True)
class Layout:
    name: str
    what: str
    carries: Callable[[str], bool]
    write: Writer


def _encodes(encoding: str) -> Callable[[str], bool]:
    def ok(text: str) -> bool:
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            return False
        return "\n" not in text and "\r" not in text

    return ok


def _csv_bytes(rows: Sequence[Sequence[str]], encoding: str, newline: str = "\r\n") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerows(rows)
    return buf.getvalue().encode(encoding)


def _write_vpass(charges: list[Charge]) -> list[tuple[str, bytes, int]]:
    rows: list[list[str]] = [["ヤマダ　ハナコ　様", "4980-****-****-1234", "三井住友カード（ＮＬ）"]]
    for c in charges:
        day = f"{c.date.year}/{c.date.month}/{c.date.day}"
        rows.append([day, c.descriptor, str(c.cents), "１", "１", str(c.cents), ""])
    rows.append(["", "", "", "", "", str(sum(c.cents for c in charges)), ""])
    return [("vpass_eval.csv", _csv_bytes(rows, "cp932"), 1)]


def _write_chase(charges: list[Charge]) -> list[tuple[str, bytes, int]]:
    rows = [["Transaction Date", "Post Date", "Description", "Category", "Type", "Amount", "Memo"]]
    for c in charges:
        day = c.date.strftime("%m/%d/%Y")
        rows.append([day, day, c.descriptor, "Shopping", "Sale", f"-{c.cents / 100:.2f}", ""])
    return [("chase_eval.csv", _csv_bytes(rows, "utf-8", "\n"), 100)]


def _write_barclaycard(charges: list[Charge]) -> list[tuple[str, bytes, int]]:
    rows = [[c.date.strftime("%d %b %y"), c.descriptor.ljust(UK_FIELD), "MS J DOE", "************1234", "Shopping",
             "", f"{c.cents / 100:.2f}"] for c in charges]
    return [("barclaycard_eval.csv", _csv_bytes(rows, "utf-8", "\n"), 100)]


_PDF_MODULE: list[ModuleType | None] = []


def _pdf_module() -> ModuleType | None:
    """``scripts/make_sample_pdfs.py`` (needs reportlab), or None when it cannot be used here."""
    if not _PDF_MODULE:
        mod = None
        if PDF_SCRIPT.is_file() and importlib.util.find_spec("reportlab") is not None:
            spec = importlib.util.spec_from_file_location("_audit_sample_pdfs", PDF_SCRIPT)
            if spec is not None and spec.loader is not None:
                mod = importlib.util.module_from_spec(spec)
                sys.modules[spec.name] = mod  # its dataclasses look their module up there
                spec.loader.exec_module(mod)
        _PDF_MODULE.append(mod)
    return _PDF_MODULE[0]


def _wrap(text: str, font: str, width: float) -> tuple[str, ...]:
    """``text`` in lines no wider than ``width`` points at 9 pt, broken at spaces where possible."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    rest = text
    while rest and stringWidth(rest, font, 9) > width:
        cut = len(rest)
        while cut > 1 and stringWidth(rest[:cut], font, 9) > width:
            cut -= 1
        space = rest.rfind(" ", 0, cut + 1)
        if space > 0:
            cut = space
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        lines.append(rest)
    return tuple(lines) or (text,)


def _latin1ish(text: str) -> bool:
    return _encodes("cp1252")(text)


def _write_pdf(charges: list[Charge]) -> list[tuple[str, bytes, int]]:
    mod = _pdf_module()
    if mod is None:
        return []
    out = []
    us = [c for c in charges if _latin1ish(c.descriptor)]
    jp = [c for c in charges if not _latin1ish(c.descriptor)]
    if us:
        txns = [mod.Txn(c.date, _wrap(c.descriptor, "Helvetica", 330), c.cents / 100) for c in us]
        out.append(("harbor_eval.pdf", mod.render_harbor(txns)[0], 100))
    if jp:
        mod._register_jp_font()
        txns = [mod.Txn(c.date, _wrap(c.descriptor, mod.JP_FONT, 225), float(c.cents), holder="本人") for c in jp]
        out.append(("minato_eval.pdf", mod.render_minato(txns)[0], 1))
    return out


def _pdf_carries(text: str) -> bool:
    return _latin1ish(text) or _encodes("cp932")(text)


LAYOUTS: tuple[Layout, ...] = (
    Layout("jp-cp932", "Japanese issuer CSV (Vpass family), CP932", _encodes("cp932"), _write_vpass),
    Layout("us-csv", "US card CSV (Chase), UTF-8", _encodes("utf-8"), _write_chase),
    Layout("uk-padded", f"UK card CSV (Barclaycard), descriptor padded to {UK_FIELD} characters",
           _encodes("utf-8"), _write_barclaycard),
    Layout("pdf", "PDF statements (Harbor Bank US / みなとカード JP sample generators)", _pdf_carries, _write_pdf),
)


def pdf_available() -> bool:
    return _pdf_module() is not None


@dataclass
class LayoutRun:
    """What one layout gave for each descriptor index: the entry id matched ('' = no finding)."""

    layout: str
    answers: dict[int, str] = field(default_factory=dict)  # index -> entry id ('' when read, not matched)
    read_as: dict[int, str] = field(default_factory=dict)  # index -> description as the reader gave it
    skipped: list[int] = field(default_factory=list)  # the layout cannot carry the descriptor
    unread: list[int] = field(default_factory=list)  # written, never read back
    errors: list[str] = field(default_factory=list)


def _period(layout: Layout) -> tuple[dt.date, dt.date]:
    if layout.name == "pdf" and (mod := _pdf_module()) is not None:  # inside both sample periods
        return max(mod.US_PERIOD[0], mod.JP_PERIOD[0]), min(mod.US_PERIOD[1], mod.JP_PERIOD[1])
    return dt.date(2026, 1, 1), dt.date(2026, 1, 28)


def _charges(descriptors: Sequence[str], layout: Layout) -> tuple[list[Charge], list[int]]:
    start, end = _period(layout)
    days = max(1, (end - start).days)
    charges, skipped = [], []
    for i, d in enumerate(descriptors):
        if not layout.carries(d):
            skipped.append(i)
            continue
        charges.append(Charge(i, d, start + dt.timedelta(days=i % days), 1000 + i))
    charges.sort(key=lambda c: (c.date, c.index))
    return charges, skipped


def run_layout(descriptors: Sequence[str], layout: Layout, lists: Sequence[str | Path] = ()) -> LayoutRun:
    """Write ``descriptors`` into ``layout``'s statement files, scan them, and read each descriptor's answer."""
    from audit.pipeline import scan_uploads

    run = LayoutRun(layout.name)
    charges, run.skipped = _charges(descriptors, layout)
    files = layout.write(charges) if charges else []
    if not files:
        run.skipped = list(range(len(descriptors)))
        return run
    unit = {name: per_cent for name, _data, per_cent in files}
    result = scan_uploads([(name, data) for name, data, _unit in files], lists)
    run.errors = [str(e) for e in result.errors]
    tx = result.transactions
    by_cents = {c.cents: c.index for c in charges}
    index_of_id: dict[str, int] = {}
    for rid, src, amount, desc in zip(tx["id"].astype(str), tx["source"].astype(str), tx["amount"],
                                      tx["description"], strict=True):
        try:
            cents = round(abs(float(amount)) * unit.get(src, 100))
        except (TypeError, ValueError):
            continue
        i = by_cents.get(cents)
        if i is None or i in run.answers:
            continue
        index_of_id[rid] = i
        run.answers[i] = ""
        run.read_as[i] = str(desc)
    best: dict[int, tuple[float, str]] = {}
    for f in result.findings:
        if f.kind != "known_merchant":
            continue
        for tid in f.transaction_ids:
            i = index_of_id.get(tid)
            if i is not None and f.score > best.get(i, (-1.0, ""))[0]:
                best[i] = (f.score, f.entry_id or "")
    for i, (_score, entry) in best.items():
        run.answers[i] = entry
    run.unread = sorted(c.index for c in charges if c.index not in run.answers)
    return run


def run_layouts(descriptors: Sequence[str], lists: Sequence[str | Path] = (),
                layouts: Sequence[Layout] = LAYOUTS) -> list[LayoutRun]:
    """:func:`run_layout` for every layout (the PDF layout left out when it cannot be written here)."""
    runs = []
    for layout in layouts:
        if layout.name == "pdf" and not pdf_available():
            continue
        runs.append(run_layout(descriptors, layout, lists))
    return runs


def layout_names(runs: Sequence[LayoutRun]) -> list[str]:
    return [r.layout for r in runs]


def answers_by_index(runs: Sequence[LayoutRun], n: int) -> list[dict[str, Any]]:
    """Per descriptor index: {layout: entry id | None (skipped) | "?" (unread)}."""
    out: list[dict[str, Any]] = [{} for _ in range(n)]
    for r in runs:
        for i in r.skipped:
            out[i][r.layout] = None
        for i in r.unread:
            out[i][r.layout] = "?"
        for i, e in r.answers.items():
            out[i][r.layout] = e
    return out
