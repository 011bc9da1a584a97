"""Benchmark the PDF text step on one dense page: ``--runs`` separate text objects (default 30,000).

Generates the page with reportlab (200 lines of 150 short runs, each its own text object), then
measures in this process: the reader's text step (``extract_lines``: characters, runs, lines, one
sort and sweep) and, as the bare baseline, pypdfium2's ``get_text_range`` of the same page (text
only, no positions). Both numbers come from the same run; the reader must stay linear in the runs
(the earlier per-box text queries took 88 s for 10,000 runs on the development machine).

Run: ``.venv/bin/python bench/bench_pdf_runs.py`` (``--runs 3000`` for a quick try).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def dense_page(runs: int) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(6000, 6000), invariant=1)
    c.setFont("Helvetica", 4)
    for k in range(runs):
        c.drawString(5 + (k % 150) * 39, 5990 - (k // 150) * 29, f"R{k:05d}")
    c.showPage()
    c.save()
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30_000)
    args = ap.parse_args(argv)
    import pypdfium2 as pdfium

    from audit.readers.pdf.text import extract_lines

    data = dense_page(args.runs)
    t0 = time.perf_counter()
    doc = pdfium.PdfDocument(data)
    page = doc[0]
    chars = len(page.get_textpage().get_text_range())
    base = time.perf_counter() - t0
    doc.close()
    t0 = time.perf_counter()
    _, pages = extract_lines(data, "dense.pdf")
    ours = time.perf_counter() - t0
    found = sum(len(line.runs) for line in pages[0])
    print(f"page with {args.runs:,} runs ({len(data) / 1e6:.1f} MB, {chars:,} characters)")
    print(f"reader text step : {ours:8.2f} s  ({found:,} runs in {len(pages[0])} lines)")
    print(f"bare get_text_range: {base:6.2f} s  (text only, no positions)")
    print(f"ratio: {ours / base:.1f}x the bare time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
