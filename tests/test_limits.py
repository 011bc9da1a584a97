"""Reading limits: devices, pipes, sizes checked while reading, rows, columns, pages, characters,
compression bombs, time per page; every breach one line naming the file and the limit."""

from __future__ import annotations

import io
import os
import threading
import time
import zlib
from pathlib import Path

import pytest

from audit.cli import main
from audit.errors import StatementError
from audit.readers import read_statement
from audit.readers.limits import DEFAULT, Limits, in_force, read_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_statements"


def _one_line(fn, *args, **kw) -> str:
    with pytest.raises(StatementError) as err:
        fn(*args, **kw)
    text = str(err.value)
    assert "\n" not in text
    return text


def _pdf(lines: list[str], pages: int = 1) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for _ in range(pages):
        c.setFont("Helvetica", 9)
        y = 800
        for text in lines:
            c.drawString(40, y, text)
            y -= 12
        c.showPage()
    c.save()
    return buf.getvalue()


STATEMENT = ["Statement period: Dec 12, 2025 - Jan 11, 2026", "12/14 COFFEE SHOP 3.50", "12/15 BOOK STORE 12.00"]


# ------------------------------------------------------------------------------------------ files


def test_character_device_is_refused_by_name():
    text = _one_line(read_statement, "/dev/zero")
    assert text == "zero: is not a regular file (a character device): save the statement to a file first"


def test_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "statement.csv"
    os.mkfifo(fifo)
    done: list[str] = []
    worker = threading.Thread(target=lambda: done.append(_one_line(read_statement, fifo)), daemon=True)
    worker.start()
    worker.join(5)
    assert done and "named pipe" in done[0] and done[0].startswith("statement.csv:")


def test_size_is_checked_while_reading_not_from_stat():
    # /proc files report size 0 to stat but have content: only counting while reading catches them
    assert os.stat("/proc/self/maps").st_size == 0
    text = _one_line(read_file, Path("/proc/self/maps"), "maps", Limits(bytes=16))
    assert "limit on file size" in text and "--limit bytes=" in text
    assert read_file(Path("/proc/self/maps"), "maps", Limits(bytes=10_000_000))


def test_oversized_file_and_upload(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"date,description,amount\n" + b"2026-01-05,SHOP,1.00\n" * 100)
    text = _one_line(read_statement, path, limits=Limits(bytes=1000))
    assert text.startswith("big.csv: exceeds the limit on file size")
    assert "limit on file size" in _one_line(read_statement, data=path.read_bytes(), name="up.csv", limits=Limits(bytes=1000))


def test_rows_and_columns():
    rows = b"date,description,amount\n" + b"2026-01-05,SHOP,1.00\n" * 60
    assert "limit on lines (61 > 50)" in _one_line(read_statement, data=rows, name="r.csv", limits=Limits(rows=50))
    wide = (",".join(["1"] * 3000) + "\n").encode() * 3
    text = _one_line(read_statement, data=wide, name="wide.csv")
    assert text.startswith("wide.csv: row 1: exceeds the limit on columns in one line (3,000 > 2,000)")


# ------------------------------------------------------------------------------------------ PDFs


def test_pages_limit():
    data = _pdf(STATEMENT, pages=3)
    assert "limit on pages (3 > 2)" in _one_line(read_statement, data=data, name="p.pdf", limits=Limits(pages=2))
    df, _ = read_statement(data=data, name="p.pdf", limits=Limits(pages=3))
    assert len(df) == 6


def _million_page_pdf(n: int = 1_000_000) -> bytes:
    """A PDF whose page tree lists the same page object ``n`` times (about 6 bytes per page)."""
    kids = b" ".join([b"3 0 R"] * n)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [" % n + kids + b"] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_a_million_pages_pointing_at_one_object_is_refused_quickly():
    data = _million_page_pdf()
    assert len(data) > 5_000_000
    t0 = time.perf_counter()
    text = _one_line(read_statement, data=data, name="million.pdf")
    assert "limit on pages (1,000,000 > 5,000)" in text
    assert time.perf_counter() - t0 < 30


def _bomb(unpacked_mib: int) -> bytes:
    """A PDF with one content stream of zlib-packed zeros that unpacks to ``unpacked_mib`` MiB."""
    comp = zlib.compressobj(9)
    block = comp.compress(b"\0" * (1 << 20)) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(b"\0" * (1 << 20)) + comp.flush(zlib.Z_FULL_FLUSH)  # independent of history
    stream = block + again * (unpacked_mib - 2) + comp.compress(b"\0" * (1 << 20)) + comp.flush()
    assert zlib.decompressobj().decompress(stream, 100) == b"\0" * 100
    page = _pdf(STATEMENT)
    i = page.rfind(b"trailer")
    return page[:i] + b"9 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream\nendobj\n" + page[i:]


def test_compression_bomb_is_stopped_by_unpacked_size():
    data = _bomb(64)  # 64 MiB of zeros in about 64 KiB
    assert len(data) < 200_000
    text = _one_line(read_statement, data=data, name="bomb.pdf", limits=Limits(decompressed_bytes=16 << 20))
    assert "limit on unpacked PDF content" in text and "--limit decompressed_bytes=" in text
    df, _ = read_statement(data=data, name="bomb.pdf")  # under the default it is just an odd file
    assert len(df) == 2


def test_text_objects_per_page():
    data = _pdf([*STATEMENT, "x" * 200])
    text = _one_line(read_statement, data=data, name="dense.pdf", limits=Limits(text_objects=100))
    assert text.startswith("dense.pdf: page 1: exceeds the limit on characters on one page")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_seconds_per_page(engine):
    from audit.readers.pdf_reader import read_pdf_bytes

    data = _pdf(STATEMENT)
    text = _one_line(read_pdf_bytes, data, "slow.pdf", engine=engine, limits=Limits(seconds_per_page=1e-9))
    assert text.startswith("slow.pdf: page 1: exceeds the limit on seconds for one page")


def test_thirty_thousand_runs_on_one_page_read_in_linear_time():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(6000, 6000), invariant=1)
    c.setFont("Helvetica", 4)
    for k in range(30_000):  # 200 lines of 150 runs, each run its own text object
        c.drawString(5 + (k % 150) * 39, 5990 - (k // 150) * 29, f"R{k:05d}")
    c.showPage()
    c.save()
    from audit.readers.pdf.text import extract_lines

    t0 = time.perf_counter()
    _, pages = extract_lines(buf.getvalue(), "runs.pdf")
    seconds = time.perf_counter() - t0
    runs = [r for line in pages[0] for r in line.runs]
    assert len(pages[0]) == 200 and len(runs) == 30_000 and runs[0].text == "R00000"
    assert seconds < 20  # quadratic code (text asked per box) takes minutes here


# ------------------------------------------------------------------------------------------ overrides


def test_overrides_parse_and_reject():
    lim = DEFAULT.with_overrides(["pages=10", "seconds-per-page=2.5", "bytes=1e6"])
    assert (lim.pages, lim.seconds_per_page, lim.bytes) == (10, 2.5, 1_000_000)
    for bad in ("pages", "nope=3", "pages=abc", "pages=0"):
        with pytest.raises(ValueError) as err:
            DEFAULT.with_overrides([bad])
        assert "--limit" in str(err.value) and "\n" not in str(err.value)


def test_in_force_applies_to_read_statement():
    data = _pdf(STATEMENT, pages=2)
    with in_force(Limits(pages=1)):
        assert "limit on pages" in _one_line(read_statement, data=data, name="two.pdf")
    assert len(read_statement(data=data, name="two.pdf")[0]) == 4


def test_cli_limit_option(tmp_path, capsys):
    path = tmp_path / "s.pdf"
    path.write_bytes(_pdf(STATEMENT, pages=2))
    assert main(["scan", str(path), "--limit", "pages=1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("audit: error: s.pdf: exceeds the limit on pages (2 > 1)")
    assert main(["scan", str(path), "--limit", "bogus=1"]) == 2
    assert "bogus" in capsys.readouterr().err
