"""Benchmark the PDF statement reader against bare text extraction on the same file.

Generates (into ``bench/data/``, git-ignored) a みなとカード statement of about ``--pages`` pages
(default 200; about 33 transactions a page, Japanese CID font, foreign second lines and wrapped
names) with ``scripts/make_sample_pdfs.py``, then measures in ONE run, each in a fresh subprocess:

* ``reader``: ``read_pdf_bytes`` with the default pypdfium2 engine (the whole parse: lines, layout,
  dates, amounts, reconciliation, the conformed table);
* ``reader isolated``: the same, with the text read in a child process (``isolate=True``, what
  ``audit scan`` does; :mod:`audit.readers.pdf.sandbox`);
* ``reader[pdfplumber]``: the same reader on pdfplumber's words (skip with ``--no-slow``);
* ``baseline pypdfium2``: bare ``get_text_range()`` of every page;
* ``baseline pdfplumber``: bare ``extract_text()`` of every page.

Imports happen before the timer; reading the file's bytes is inside it. Each child reports wall
seconds and its peak RSS (``getrusage(RUSAGE_SELF).ru_maxrss``, so the interpreter and libraries are
included). The parent prints pages/s and MiB for each, and the reader's ratio to each baseline.
Target: reader >= 30 pages/s on 200 pages.

``--isolation`` instead measures what the child process costs per file: the three sample
statements (1-3 pages) read 20 times each in-process, in a forked child (one-threaded process) and through the
helper process (a thread running), milliseconds per file.

Run: ``.venv/bin/python bench/bench_pdf.py`` (``--pages 20`` for a quick try; ``--isolation``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
MODES = ("reader", "reader isolated", "reader[pdfplumber]", "baseline pypdfium2", "baseline pdfplumber")


def make_statement(pages: int) -> Path:
    """Write (once) and return a generated statement of about ``pages`` pages."""
    path = DATA / f"statement_{pages}p.pdf"
    if not path.exists():
        spec = importlib.util.spec_from_file_location("make_sample_pdfs", ROOT / "scripts" / "make_sample_pdfs.py")
        assert spec and spec.loader
        gen = importlib.util.module_from_spec(spec)
        sys.modules["make_sample_pdfs"] = gen  # dataclasses look their module up there
        spec.loader.exec_module(gen)
        DATA.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gen.long_statement(pages))
    return path


def _child(mode: str, path: str) -> None:
    """One measurement in this fresh process; prints a JSON line."""
    if mode.startswith("reader"):
        from audit.readers.pdf_reader import read_pdf_bytes
    elif mode == "baseline pypdfium2":
        import pypdfium2 as pdfium
    else:
        import pdfplumber
    t0 = time.perf_counter()
    data = Path(path).read_bytes()
    extra: dict[str, object] = {}
    if mode.startswith("reader"):
        engine = "pdfplumber" if "pdfplumber" in mode else "pdfium"
        df, report = read_pdf_bytes(data, Path(path).name, engine=engine, isolate="isolated" in mode)
        pages = report.pages or 0
        rec = report.reconciliation
        extra = {"rows": len(df), "problems": len(report.problems), "reconciled": bool(rec and rec.ok)}
    elif mode == "baseline pypdfium2":
        doc = pdfium.PdfDocument(data)
        pages = len(doc)
        chars = 0
        for i in range(pages):
            page = doc[i]
            tp = page.get_textpage()
            chars += len(tp.get_text_range())
            tp.close()
            page.close()
        doc.close()
        extra = {"chars": chars}
    else:
        import io

        chars = 0
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            for page in pdf.pages:
                chars += len(page.extract_text() or "")
                page.close()
        extra = {"chars": chars}
    seconds = time.perf_counter() - t0
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"mode": mode, "seconds": seconds, "pages": pages, "rss_mib": rss_kib / 1024, **extra}))


def isolation(repeat: int = 20) -> None:
    """Milliseconds per file: in-process, forked child, helper process (see the module docstring)."""
    import threading

    from audit.readers.pdf_reader import read_pdf_bytes

    files = [(p.name, p.read_bytes()) for p in sorted((ROOT / "sample_statements").glob("*.pdf"))]

    def per_file(isolate: bool) -> float:
        for name, data in files:  # warm: imports, the helper process
            read_pdf_bytes(data, name, isolate=isolate)
        t0 = time.perf_counter()
        for _ in range(repeat):
            for name, data in files:
                read_pdf_bytes(data, name, isolate=isolate)
        return (time.perf_counter() - t0) / (repeat * len(files)) * 1000

    inside, forked = per_file(False), per_file(True)
    stop = threading.Event()
    threading.Thread(target=stop.wait, daemon=True).start()
    helper = per_file(True)
    stop.set()
    print(f"{len(files)} sample statements (1-3 pages) x {repeat}: in-process {inside:.1f} ms/file, forked child {forked:.1f} "
          f"ms/file (+{forked - inside:.1f}), helper process {helper:.1f} ms/file (+{helper - inside:.1f})")


def measure(mode: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    if out.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200, help="statement length (default 200)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per mode; the fastest is shown (default 1)")
    ap.add_argument("--no-slow", action="store_true", help="skip the reader on the pdfplumber engine")
    ap.add_argument("--isolation", action="store_true", help="only the per-file cost of the child process")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    if args.isolation:
        isolation()
        return 0
    path = make_statement(args.pages)
    print(f"file: {path.relative_to(ROOT)} ({path.stat().st_size / 1e6:.1f} MB)")
    results = {}
    for mode in MODES:
        if args.no_slow and mode == "reader[pdfplumber]":
            continue
        runs = [measure(mode, path) for _ in range(max(1, args.repeat))]
        results[mode] = min(runs, key=lambda r: r["seconds"])
    print(f"{'mode':<22}{'pages':>7}{'seconds':>10}{'pages/s':>10}{'peak RSS MiB':>14}  notes")
    for mode, r in results.items():
        notes = {k: v for k, v in r.items() if k not in ("mode", "seconds", "pages", "rss_mib")}
        print(f"{mode:<22}{r['pages']:>7}{r['seconds']:>10.2f}{r['pages'] / r['seconds']:>10.1f}{r['rss_mib']:>14.0f}  {notes}")
    reader = results["reader"]
    for base in ("baseline pypdfium2", "baseline pdfplumber"):
        print(f"reader / {base}: {reader['seconds'] / results[base]['seconds']:.2f}x the time")
    ok = reader["pages"] / reader["seconds"] >= 30
    print(f"target >= 30 pages/s for the reader: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
