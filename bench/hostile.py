"""Hostile-input suite: craft each hostile case in a temp folder, run it in a subprocess with a time
and memory limit, and print one table row per case (case, verdict, exit, seconds, peak MiB, message).

Every case states what a good run looks like (``expect``): the time limit, no traceback and no
"internal error", at most one error line per bad file, and a case-specific check of the output
(money not added across currencies, card numbers masked, no escape characters on the terminal, a
warning or error that names the problem...). Verdicts: ``ok``, ``FAIL`` (with why) or ``TIMEOUT``.
Some cases exercise parts other helpers own (e-mail parser, PDF and CSV readers, merchant lists);
they pass only once those parts are fixed.

Each child runs with ``RLIMIT_AS`` (``--mem-mb``, default 3072) so a bomb cannot take the machine.
Peak MiB is the child's ``ru_maxrss`` (from ``os.wait4``).

Run: ``.venv/bin/python bench/hostile.py [--only NAME ...] [--big]`` (``--big`` adds the 1M-row and
10M-row cases, minutes each on a small machine).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PY = sys.executable
AUDIT = [PY, "-m", "audit"]


@dataclass
class Case:
    name: str
    build: Callable[[Path], list[str]]  # writes files into the folder, returns the command line
    limit: float = 60.0  # seconds
    check: Callable[[int, str, str], str | None] | None = None  # (exit, stdout, stderr) -> problem or None
    exits: tuple[int, ...] = (0, 1)
    big: bool = False


def csv(rows: list[tuple], header: str = "Date,Description,Amount") -> bytes:
    return (header + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)).encode()


# --- case builders --------------------------------------------------------------------------------

def mixed_currency(d: Path) -> list[str]:
    h = "Date,Description,Amount,Currency"
    # a merchant of the shipped known-scam list, so both charges are flagged and land in one contract
    (d / "usd.csv").write_bytes(csv([("2026-01-05", "FS *RESTORO 8443", "499.00", "USD")], h))
    (d / "jpy.csv").write_bytes(csv([("2026-02-05", "FS *RESTORO 8443", "7615", "JPY")], h))
    return [*AUDIT, "scan", str(d / "usd.csv"), str(d / "jpy.csv")]


def mixed_currency_reversed(d: Path) -> list[str]:
    cmd = mixed_currency(d)
    return [*cmd[:-2], cmd[-1], cmd[-2]]


def no_sum(code: int, out: str, err: str) -> str | None:
    """Never one figure for two currencies. Files that print no card number and bill in different
    currencies are different cards (issue 20), so two contracts are as right as one with a total per
    currency; what must hold is that every total names one currency and both amounts are shown."""
    if "8,114" in out or "8114" in out:
        return "USD and JPY added into one total"
    totals = [ln for ln in out.splitlines() if "total paid" in ln]
    shown = " ".join(totals)
    if not ("7,615" in shown and "499" in shown and "JPY" in shown and "USD" in shown):
        return "a total per currency is missing"
    return None


def eml_spaces(size: int) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        body = "Order number: 12345\nAmount:" + " " * size + "x\nTotal:" + " " * size + "\n"
        msg = f"From: shop@example.invalid\nTo: me@example.invalid\nSubject: Your order\n\n{body}"
        (d / "order.eml").write_text(msg)
        code = ("import sys; from audit.cases.eml import parse_order_email; "
                "parse_order_email(open(sys.argv[1], 'rb').read()); print('parsed')")
        return [PY, "-c", code, str(d / "order.eml")]
    return build


def card_in_descriptor(d: Path) -> list[str]:
    rows = [(f"2026-0{m}-05", "FICTIONAL PAYMENT 4111 1111 1111 1234", "1200") for m in range(1, 7)]
    (d / "card.csv").write_bytes(csv(rows))
    return [*AUDIT, "scan", str(d / "card.csv"), "--json"]


def card_in_text(d: Path) -> list[str]:
    return card_in_descriptor(d)[:-1]


def masked(code: int, out: str, err: str) -> str | None:
    return "card number printed in full" if re.search(r"4111[ -]?1111[ -]?1111[ -]?1234", out + err) else None


def year_9999(d: Path) -> list[str]:
    (d / "far.csv").write_bytes(csv([("2026-01-05", "CORNER GROCER", "1200"), ("9999-12-31", "CORNER BAKERY", "800")]))
    (d / "ok.csv").write_bytes(csv([("2026-01-06", "CORNER CAFE", "500")]))
    return [*AUDIT, "scan", str(d / "far.csv"), str(d / "ok.csv")]


def kept_other_file(code: int, out: str, err: str) -> str | None:
    return None if "CORNER CAFE" in out else "the other file's rows were lost"


def newline_name(d: Path) -> list[str]:
    p = d / "bad\naudit: error: fake.csv"
    p.write_bytes(b"\x00\x01binary")
    return [*AUDIT, "scan", str(p)]


def one_line(code: int, out: str, err: str) -> str | None:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    return None if len(lines) == 1 else f"{len(lines)} stderr lines for one bad file"


def ansi_descriptor(d: Path) -> list[str]:
    rows = [(f"2026-01-{i:02d}", "CORNER GROCER HIGH STREET", "1200") for i in range(1, 29)]
    rows.append(("2026-01-29", "EVIL\x1b[2J\x1b[HSHOP", "100"))
    (d / "ansi.csv").write_bytes(csv(rows))
    return [*AUDIT, "scan", str(d / "ansi.csv")]


def no_escape(code: int, out: str, err: str) -> str | None:
    return "escape sequence reached the terminal" if "\x1b" in out + err else None


def mixed_encoding(d: Path) -> list[str]:
    text = csv([("2026-01-05", "カフェ", "500")]) + "2026-01-06,Café Crème,700\n".encode("cp1252")
    (d / "enc.csv").write_bytes(text)
    return [*AUDIT, "scan", str(d / "enc.csv")]


def warned(code: int, out: str, err: str) -> str | None:
    return None if re.search(r"encoding|decod|charset", out + err, re.I) else "no warning about the encoding"


def nul_bytes(d: Path) -> list[str]:
    rows = [(f"2026-01-{i:02d}", "CORNER GROCER HIGH STREET", "1200") for i in range(1, 29)]
    data = csv(rows) + b"2026-01-29,NUL\x00SHOP,100\n"
    (d / "nul.csv").write_bytes(data)
    return [*AUDIT, "scan", str(d / "nul.csv"), "--json"]


def no_nul(code: int, out: str, err: str) -> str | None:
    return "NUL byte kept in a descriptor" if "\\u0000" in out or "\x00" in out else None


LIST_HEAD = '[list]\nname = "local"\nkind = "scam"\ndescription = "fictional local list"\n\n'


def entry(i: int, alias: str) -> str:
    return (f'[[entry]]\nid = "local-{i}"\nname = "Local {i}"\naliases = ["{alias}"]\ncategory = "tech-support scam"\ncountries = ["JP"]\n'
            f'source_urls = ["https://example.org/notice/{i}"]\nsource_date = "2026-01-01"\nnamed_by = "regulator"\n'
            f'authority = "a fictional regulator"\ndate_added = "2026-01-01"\n\n')


def short_alias(d: Path) -> list[str]:
    (d / "local.toml").write_text(LIST_HEAD + entry(1, "a"))
    return [*AUDIT, "merchants", "validate", "--list", str(d / "local.toml")]


def refused(code: int, out: str, err: str) -> str | None:
    return None if code != 0 else "validate accepted it"


def dropped_entries(d: Path) -> list[str]:
    (d / "local.toml").write_text(LIST_HEAD + entry(1, "FICTIONAL ONE") + entry(1, "FICTIONAL DUP")
                                  + '[[entry]]\nid = "broken"\n\n')
    (d / "s.csv").write_bytes(csv([("2026-01-05", "CORNER GROCER", "1200")]))
    return [*AUDIT, "scan", str(d / "s.csv"), "--list", str(d / "local.toml")]


def reports_drops(code: int, out: str, err: str) -> str | None:
    return None if re.search(r"drop|duplicate|skipp|ignor", err, re.I) else "entries dropped silently"


def wide_csv(d: Path) -> list[str]:
    line = ",".join(str(i) for i in range(10_000))
    (d / "wide.csv").write_text("\n".join([line] * 20) + "\n")
    return [*AUDIT, "scan", str(d / "wide.csv")]


def pdf_many_runs(d: Path) -> list[str]:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(d / "runs.pdf"))
    c.setFont("Helvetica", 2)
    for i in range(30_000):
        c.drawString(10 + (i % 150) * 3.8, 20 + (i // 150) * 3.8, "x")
    c.save()
    return [*AUDIT, "scan", str(d / "runs.pdf")]


def _pdf(objs: list[bytes]) -> bytes:
    """A PDF file of the numbered objects ``objs`` (1 is the catalogue), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_million_pages(d: Path) -> list[str]:
    n = 1_000_000
    kids = " ".join(["3 0 R"] * n)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]
    (d / "pages.pdf").write_bytes(_pdf(objs))
    return [*AUDIT, "scan", str(d / "pages.pdf")]


def pdf_bomb(d: Path) -> list[str]:
    comp = zlib.compressobj(9)
    chunk = b"0" * (1 << 24)
    parts = [comp.compress(chunk) for _ in range(256)]  # 4 GiB of zeros
    stream = b"".join(parts) + comp.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream"]
    (d / "bomb.pdf").write_bytes(_pdf(objs))
    return [*AUDIT, "scan", str(d / "bomb.pdf")]


def recursive_forms_pdf(levels: int = 24, fanout: int = 4) -> bytes:
    """A one-page PDF (a few KB) whose form objects draw each other: form i draws form i+1 ``fanout``
    times, ``levels`` deep, every form naming every other in its resources (``fanout ** levels`` draws)."""
    first = 5
    res = " ".join(f"/F{i} {first + i} 0 R" for i in range(levels))
    page = b"q /F0 Do Q"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << {res} >> >> "
            f"/Contents 4 0 R >>".encode(),
            f"<< /Length {len(page)} >>\nstream\n".encode() + page + b"\nendstream"]
    for i in range(levels):
        body = (f"q 0.5 0 0 0.5 0 0 cm /F{i + 1} Do Q " * fanout).encode() if i + 1 < levels else b"0 0 10 10 re f"
        objs.append(f"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << {res} >> >> "
                    f"/Length {len(body)} >>\nstream\n".encode() + body + b"\nendstream")
    return _pdf(objs)


def slow_page_pdf(ops: int = 10_000_000) -> bytes:
    """A one-page statement whose letters are placed one by one far apart (so the first text engine's
    reading is single letters and the reader tries its second engines), followed by ``ops`` no-op path
    operators (``0 0 m``, never painted): 70 KB compressed for ten million."""
    lines = ["Statement period: Jan 1, 2026 - Jan 31, 2026", "01/05 NETFLIX.COM 15.99", "01/06 SPOTIFY AB 9.99"]
    text = [f"BT /F1 10 Tf {50 + i * 14} {700 - n * 20} Td ({ch}) Tj ET"
            for n, line in enumerate(lines) for i, ch in enumerate(line) if ch != " "]
    stream = zlib.compress(("\n".join(text) + "\n").encode() + b"0 0 m\n" * ops, 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents 4 0 R >>",
            f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return _pdf(objs)


OK_CSV = b"Date,Description,Amount\n2026-01-06,CORNER CAFE,500\n"


def pdf_recursive_forms(d: Path) -> list[str]:
    (d / "forms.pdf").write_bytes(recursive_forms_pdf())
    (d / "ok.csv").write_bytes(OK_CSV)
    return [*AUDIT, "scan", str(d / "forms.pdf"), str(d / "ok.csv")]


def pdf_slow_page(limit: float | None) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        (d / "slow.pdf").write_bytes(slow_page_pdf())
        (d / "ok.csv").write_bytes(OK_CSV)
        extra = ["--limit", f"seconds_per_page={limit:g}"] if limit else []
        return [*AUDIT, "scan", str(d / "slow.pdf"), str(d / "ok.csv"), *extra]
    return build


def pdf_line_and_other_file(pdf: str) -> Callable[[int, str, str], str | None]:
    """One error line naming the PDF and its page, and the CSV beside it still read."""
    def check(code: int, out: str, err: str) -> str | None:
        lines = [ln for ln in err.splitlines() if ln.strip()]
        if len(lines) != 1 or f"{pdf}: page " not in lines[0]:
            return f"expected one stderr line naming {pdf} and its page, got {len(lines)}"
        return None if "CORNER CAFE" in out else "the other file's rows were lost"
    return check


def dev_zero(d: Path) -> list[str]:
    return [*AUDIT, "scan", "/dev/zero"]


def names_file(word: str) -> Callable[[int, str, str], str | None]:
    def check(code: int, out: str, err: str) -> str | None:
        return None if word in err else f"the error line does not name {word}"
    return check


def named_pipe(d: Path) -> list[str]:
    os.mkfifo(d / "pipe.csv")
    return [*AUDIT, "scan", str(d / "pipe.csv")]


def many_findings(rows: int) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        import numpy as np

        rng = np.random.default_rng(0)
        days = np.sort(rng.integers(0, 700, rows))
        shops = np.array(["SEVEN-ELEVEN GIFT CARD", "LAWSON PREPAID CARD", "FAMILYMART ITUNES CARD"])[days % 3]
        dates = (np.datetime64("2024-01-01") + days.astype("timedelta64[D]")).astype(str)
        lines = [f"{dt},{s} {i % 997},{5000 + i % 7}" for i, (dt, s) in enumerate(zip(dates, shops, strict=True))]
        (d / "bursts.csv").write_text("Date,Description,Amount\n" + "\n".join(lines) + "\n")
        return [*AUDIT, "scan", str(d / "bursts.csv"), "--json", "--out", str(d / "out.json")]
    return build


def compact_rows(rows: int) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        with open(d / "compact.csv", "w") as fh:
            fh.write("Date,Description,Amount\n")
            block = "".join(f"2025-01-{1 + i % 28:02d},S{i % 50},{1 + i % 9}\n" for i in range(100_000))
            for _ in range(rows // 100_000):
                fh.write(block)
        return [*AUDIT, "scan", str(d / "compact.csv"), "--format", "parquet", "--out", str(d / "out")]
    return build


def big_list(d: Path) -> list[str]:
    (d / "big.toml").write_text(LIST_HEAD + "".join(entry(i, f"FICTIONAL MERCHANT {i}") for i in range(20_000)))
    (d / "s.csv").write_bytes(csv([("2026-01-05", "CORNER GROCER", "1200")]))
    return [*AUDIT, "scan", str(d / "s.csv"), "--list", str(d / "big.toml")]


def nested_list(d: Path) -> list[str]:
    (d / "deep.toml").write_text(LIST_HEAD + "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    (d / "s.csv").write_bytes(csv([("2026-01-05", "CORNER GROCER", "1200")]))
    return [*AUDIT, "scan", str(d / "s.csv"), "--list", str(d / "deep.toml")]


CASES = [
    Case("currency: USD + JPY files", mixed_currency, 60, no_sum),
    Case("currency: same, other order", mixed_currency_reversed, 60, no_sum),
    Case("eml: 2 KB run of spaces", eml_spaces(2_000), 10),
    Case("eml: 200 KB run of spaces", eml_spaces(200_000), 10),
    Case("card number in descriptor (json)", card_in_descriptor, 60, masked),
    Case("card number in descriptor (text)", card_in_text, 60, masked),
    Case("date in year 9999", year_9999, 60, kept_other_file),
    Case("file name with a line break", newline_name, 30, one_line, exits=(1,)),
    Case("ANSI escapes in a descriptor", ansi_descriptor, 60, no_escape),
    Case("mixed encodings in one file", mixed_encoding, 60, warned),
    Case("NUL byte in a descriptor", nul_bytes, 60, no_nul),
    Case("one-letter alias in a local list", short_alias, 30, refused, exits=(1,)),
    Case("bad and duplicate --list entries", dropped_entries, 60, reports_drops),
    Case("headerless CSV, 10,000 columns", wide_csv, 60),
    Case("PDF page with 30,000 text runs", pdf_many_runs, 120),
    Case("PDF with 1,000,000 page refs", pdf_million_pages, 120),
    Case("PDF compression bomb (4 GiB of zeros)", pdf_bomb, 120),
    Case("PDF forms drawing each other, 24 deep", pdf_recursive_forms, 120, pdf_line_and_other_file("forms.pdf"), exits=(1,)),
    Case("PDF slow page (letters + 10M no-op ops)", pdf_slow_page(None), 120, pdf_line_and_other_file("slow.pdf"), exits=(1,)),
    Case("same, --limit seconds_per_page=5", pdf_slow_page(5), 60, pdf_line_and_other_file("slow.pdf"), exits=(1,)),
    Case("/dev/zero", dev_zero, 30, names_file("zero"), exits=(1,)),
    Case("named pipe", named_pipe, 30, names_file("pipe.csv"), exits=(1,)),
    Case("100k prepaid purchases (many findings)", many_findings(100_000), 120),
    Case("200k prepaid purchases", many_findings(200_000), 240),
    Case("merchant list of 20,000 entries", big_list, 120),
    Case("merchant list nested 100,000 deep", nested_list, 60, exits=(1,)),
    Case("1M prepaid purchases", many_findings(1_000_000), 600, big=True),
    Case("10M compact rows", compact_rows(10_000_000), 900, big=True),
]


def _round_two() -> list[Case]:
    """Issue 21's cases of the case store, --out, descriptor length, Parquet input (bench/hostile_cases.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from hostile_cases import CASES as MORE

    return [Case(**c) for c in MORE]


CASES += _round_two()


def run(case: Case, mem_mb: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        try:
            argv = case.build(Path(tmp))
        except Exception as exc:  # the case could not be built here (a missing tool, ...)
            return {"verdict": "SKIP", "exit": "", "seconds": 0.0, "peak": 0.0, "message": f"not built: {exc}"}

        def limits() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (mem_mb * 2**20, mem_mb * 2**20))
            os.setsid()

        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limits,
                                cwd=tmp, env={**os.environ, "PYTHONWARNINGS": "ignore"})
        out_chunks: list[bytes] = []
        err_chunks: list[bytes] = []
        readers = [threading.Thread(target=lambda s=s, b=b: b.append(s.read()), daemon=True)
                   for s, b in ((proc.stdout, out_chunks), (proc.stderr, err_chunks))]
        for t in readers:
            t.start()
        timed_out = False
        timer = threading.Timer(case.limit, lambda: os.killpg(proc.pid, signal.SIGKILL))
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        seconds = time.perf_counter() - start
        if seconds >= case.limit:
            timed_out = True
        for t in readers:
            t.join(5)
        out = b"".join(out_chunks).decode(errors="replace")
        err = b"".join(err_chunks).decode(errors="replace")
        code = os.waitstatus_to_exitcode(status)
    first = next((ln for ln in err.splitlines() if ln.strip()), "") or next(
        (ln for ln in out.splitlines() if ln.strip()), "")
    problem = None
    if timed_out:
        verdict = "TIMEOUT"
    else:
        if "Traceback" in err:
            problem = "traceback"
        elif "internal error" in err:
            problem = "internal error"
        elif code not in case.exits:
            problem = f"exit {code}"
        elif case.check is not None:
            problem = case.check(code, out, err)
        verdict = "ok" if problem is None else "FAIL"
    message = (problem + " | " if problem else "") + first
    return {"verdict": verdict, "exit": code, "seconds": seconds, "peak": usage.ru_maxrss / 1024,
            "message": message}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", default=None, help="substrings of case names to run")
    ap.add_argument("--big", action="store_true", help="also the 1M- and 10M-row cases")
    ap.add_argument("--mem-mb", type=int, default=3072)
    args = ap.parse_args(argv)
    cases = [c for c in CASES if (args.big or not c.big)
             and (not args.only or any(o.lower() in c.name.lower() for o in args.only))]
    print(f"| {'case':<40} | verdict | exit | seconds (limit) | peak MiB | message |")
    print(f"|{'-' * 42}|---------|------|-----------------|----------|---------|")
    failed = 0
    for case in cases:
        r = run(case, args.mem_mb)
        failed += r["verdict"] not in ("ok", "SKIP")
        msg = textwrap.shorten(r["message"].replace("|", "/"), 90)
        print(f"| {case.name:<40} | {r['verdict']:<7} | {r['exit']!s:>4} | {r['seconds']:>7.1f} ({case.limit:>4.0f})  "
              f"| {r['peak']:>8.0f} | {msg} |", flush=True)
    print(f"{len(cases) - failed} of {len(cases)} cases within their limits")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
