"""Text engines for the PDF reader: each page as visual lines of positioned text runs.

Three engines give the same shape (a list of :class:`Run` per page, grouped into :class:`Line` by
:func:`group_lines`, one sort and one sweep per page):

* ``pdfium`` (default): pypdfium2, char by char. One pass over the page's characters with their loose
  boxes (a glyph of a font this machine lacks still gets a box); a run ends at a line break or at a
  horizontal gap wider than the glyph height (a column gap). Word spaces come from the gaps, measured
  against the run's usual letter gap, so letter-spaced text ("N E T F L I X" drawn with extra character
  spacing) reads as words and glyphs placed one by one join up. Linear in the characters on the page.
* ``pdfplumber``: pdfminer's words (slower; a second opinion for files pdfium reads badly).
* ``pdftotext``: poppler's word boxes (``pdftotext -bbox``), used when the program is installed.

Before any engine runs, :func:`preflight` applies the :class:`~audit.readers.limits.Limits` that do
not need a page: truncated files, compressed streams that unpack past the limit, too many pages.
"""

from __future__ import annotations

import html
import io
import itertools
import logging
import math
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from audit.errors import StatementError
from audit.readers import limits as lim

ENGINES = ("pdfium", "pdfplumber", "pdftotext")
PASSWORD_MESSAGE = "is password-protected: remove the password and try again"
NO_TEXT_MESSAGE = "has no text layer (scanned image?): export a CSV or a text PDF"


@dataclass
class Run:
    """A piece of text printed in one go, with its box (points; y measured down from the page top)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass
class Line:
    """One visual line of a page: its runs left to right and their text joined by single spaces."""

    page: int
    no: int  # 1-based line number on the page, top to bottom
    runs: list[Run]
    text: str = ""
    top: float = 0.0
    bottom: float = 0.0

    @property
    def x0(self) -> float:
        return self.runs[0].x0


Pages = tuple[int, Iterator[list[Run] | None]]


def group_lines(runs: list[Run], page: int) -> list[Line]:
    """Group runs whose vertical middles are close into lines, top to bottom, each sorted by x."""
    runs = [r for r in runs if r.text]
    runs.sort(key=lambda r: ((r.top + r.bottom) / 2, r.x0))
    groups: list[list[Run]] = []
    mid = 0.0
    for r in runs:
        r_mid = (r.top + r.bottom) / 2
        tol = max(1.5, 0.4 * (r.bottom - r.top))
        if groups and abs(r_mid - mid) <= tol:
            groups[-1].append(r)
        else:
            groups.append([r])
            mid = r_mid
    lines = []
    for no, g in enumerate(groups, start=1):
        g.sort(key=lambda r: r.x0)
        text = " ".join(" ".join(r.text for r in g).split())
        lines.append(Line(page, no, g, text, min(r.top for r in g), max(r.bottom for r in g)))
    return lines


# ------------------------------------------------------------------------------------------ checks


def check_file(data: bytes, name: str, limits: lim.Limits) -> None:
    """The checks that need no PDF library (plain Python, bounded): a truncated file, a compression bomb."""
    if b"%%EOF" not in data[-4096:]:
        raise StatementError(name, "is truncated (the PDF ends early): download the statement again")
    lim.check_pdf_streams(data, name, limits)


def preflight(data: bytes, name: str, limits: lim.Limits, *, checked: bool = False) -> int:
    """Checks before any engine reads a page (``checked``: :func:`check_file` already ran); returns the
    page count (pdfium's)."""
    if not checked:
        check_file(data, name, limits)
    count = page_count(data, name)
    if count > limits.pages:
        raise lim.over(name, "pages", count, limits.pages)
    return count


def page_count(data: bytes, name: str) -> int:
    doc = _pdfium_open(data, name)
    try:
        return len(doc)
    finally:
        doc.close()


def _pdfium_open(data: bytes, name: str) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise StatementError(name, PASSWORD_MESSAGE) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise StatementError(name, "uses an encryption this tool cannot open: remove the password and try again") from None
        raise StatementError(name, f"is not a readable PDF (damaged file: {exc})") from None


# ------------------------------------------------------------------------------------------ pdfium


def pdfium_pages(data: bytes, name: str, limits: lim.Limits) -> Pages:
    """Page count and a generator of each page's runs (None for a page without any text)."""
    import pypdfium2 as pdfium

    doc = _pdfium_open(data, name)

    def pages() -> Iterator[list[Run] | None]:
        clock = lim.PageClock(name, limits)
        try:
            for i in range(len(doc)):
                clock.restart(i + 1)
                try:
                    page = doc[i]
                    height = page.get_height()
                    tp = page.get_textpage()
                    n = tp.count_chars()
                    if n > limits.text_objects:
                        raise lim.over(name, "text_objects", n, limits.text_objects, page=i + 1)
                    runs = char_runs(tp, height) if n > 0 else None
                    tp.close()
                    page.close()
                except pdfium.PdfiumError as exc:
                    raise StatementError(name, f"cannot be read (damaged PDF object: {exc})", page=i + 1) from None
                clock.check(i + 1)
                yield runs
        finally:
            doc.close()

    return len(doc), pages()


def char_runs(tp: Any, height: float) -> list[Run]:
    """The page's runs, built in one pass over its characters (see the module docstring)."""
    import ctypes

    import pypdfium2.raw as raw

    raw_tp = tp.raw
    n = raw.FPDFText_CountChars(raw_tp)
    text = tp.get_text_range(0, n) if n else ""
    if len(text) != n:  # characters outside the BMP: read them one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(raw_tp, i)) for i in range(n))
    runs: list[Run] = []
    glyphs: list[tuple[str, float, float, bool]] = []  # char, left, right, a real space before it
    box = [0.0, 0.0, 0.0, 0.0]  # left, right, top, bottom of the current run
    rect = raw.FS_RECTF()
    space = False

    def flush() -> None:
        if glyphs:
            runs.append(Run(box[0], box[1], box[2], box[3], _words(glyphs, box[3] - box[2])))
            glyphs.clear()

    get_box, is_generated = raw.FPDFText_GetLooseCharBox, raw.FPDFText_IsGenerated
    ref = ctypes.byref(rect)
    aside = _turned(raw, raw_tp, text)
    for i, ch in enumerate(text):
        if ch in "\r\n":
            flush()
            space = False
            continue
        if ch.isspace() or ch == "\x00":
            space = space or (bool(glyphs) and not is_generated(raw_tp, i))
            continue
        if i in aside:
            continue
        if not get_box(raw_tp, i, ref):
            continue
        left, right, top, bottom = rect.left, rect.right, height - rect.top, height - rect.bottom
        size = bottom - top
        if glyphs and (left - box[1] > max(size, 1.0) or abs((top + bottom) - (box[2] + box[3])) / 2 > size / 2):
            flush()
            space = False
        if not glyphs:
            box[:] = [left, right, top, bottom]
        else:
            box[:] = [min(box[0], left), max(box[1], right), min(box[2], top), max(box[3], bottom)]
        glyphs.append((ch, left, right, space))
        space = False
    flush()
    return runs


def _turned(raw: Any, raw_tp: Any, text: str) -> set[int]:
    """Characters printed at another angle than most of the page's (a diagonal "specimen" watermark, a
    print code running up the margin): they belong to no line of the statement's text."""
    from collections import Counter

    get_angle = getattr(raw, "FPDFText_GetCharAngle", None)
    if get_angle is None or not text:
        return set()
    angles = [get_angle(raw_tp, i) for i in range(len(text))]  # radians, -1 when unknown
    known = [a for a in angles if a >= 0]
    if not known or max(known) - min(known) < 0.035:  # one angle on the whole page (nearly always)
        return set()
    main = Counter(round(a, 2) for a in known).most_common(1)[0][0]
    full = 2 * math.pi
    return {i for i, a in enumerate(angles) if a >= 0 and min(abs(a - main), full - abs(a - main)) > 0.035}


def _words(glyphs: list[tuple[str, float, float, bool]], size: float) -> str:
    """The run's text: a space where the PDF has one, or where the gap is wider than the usual letter gap."""
    gaps = sorted(g[1] - p[2] for p, g in itertools.pairwise(glyphs) if not g[3])
    usual = max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0
    if usual > 0.6 * size:  # every gap is a word gap: single letters, not letter spacing
        usual = 0.0
    cut = usual + 0.15 * max(size, 1.0)
    out = [glyphs[0][0]]
    for prev, g in itertools.pairwise(glyphs):
        if g[3] or g[1] - prev[2] > cut:
            out.append(" ")
        out.append(g[0])
    return "".join(out)


# ------------------------------------------------------------------------------------------ pdfplumber


def pdfplumber_pages(data: bytes, name: str, limits: lim.Limits) -> Pages:
    """Like :func:`pdfium_pages`, with pdfplumber's words (keep_blank_chars) as the runs."""
    import pdfplumber

    # pdfminer logs warnings about damaged objects to stderr; the reader reports in one line instead
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        count = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many unrelated types for damaged or encrypted files
        raise pdfminer_error(name, exc) from None

    def pages() -> Iterator[list[Run] | None]:
        clock = lim.PageClock(name, limits)
        try:
            for i, page in enumerate(pdf.pages):
                clock.restart(i + 1)
                try:
                    chars = page.chars
                    if len(chars) > limits.text_objects:
                        raise lim.over(name, "text_objects", len(chars), limits.text_objects, page=i + 1)
                    if not chars:
                        yield None
                        continue
                    words = page.extract_words(keep_blank_chars=True, x_tolerance=3, y_tolerance=3)
                except StatementError:
                    raise
                except Exception as exc:
                    raise StatementError(name, f"cannot be read (damaged PDF object: {type(exc).__name__})", page=i + 1) from None
                clock.check(i + 1)
                yield [Run(w["x0"], w["x1"], w["top"], w["bottom"], " ".join(w["text"].split())) for w in words]
                page.close()
        finally:
            pdf.close()

    return count, pages()


def pdfminer_error(name: str, exc: Exception) -> StatementError:
    text = f"{type(exc).__name__} {exc!r} {exc.__cause__!r} {exc.__context__!r}"
    if re.search(r"(?i)password|encrypt", text):
        return StatementError(name, PASSWORD_MESSAGE)
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    return StatementError(name, f"is not a readable PDF (damaged file: {type(inner).__name__})")


# ------------------------------------------------------------------------------------------ pdftotext


def have_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


_PAGE = re.compile(rb"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", re.S)
_WORD = re.compile(rb"<word xMin=\"([\d.\-]+)\" yMin=\"([\d.\-]+)\" xMax=\"([\d.\-]+)\" yMax=\"([\d.\-]+)\">(.*?)</word>", re.S)


def pdftotext_pages(data: bytes, name: str, limits: lim.Limits) -> Pages:
    """Runs from poppler's ``pdftotext -bbox`` word boxes: neighbouring words on a line join into a run."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise StatementError(name, "cannot use the pdftotext engine: poppler-utils is not installed")
    count = page_count(data, name)
    lim.progress(0, limits.seconds_per_page * max(1, count) + 1)  # one program run for all pages
    try:
        out = subprocess.run(
            [exe, "-q", "-bbox", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
            timeout=limits.seconds_per_page * max(1, count), check=False,
        ).stdout
    except subprocess.TimeoutExpired:
        raise lim.over(name, "seconds_per_page", limits.seconds_per_page * max(1, count) + 1, limits.seconds_per_page) from None

    def pages() -> Iterator[list[Run] | None]:
        for m in _PAGE.finditer(out):
            runs: list[Run] = []
            for w in _WORD.finditer(m[3]):
                x0, top, x1, bottom = (float(v) for v in w.groups()[:4])
                text = html.unescape(w[5].decode("utf-8", "replace")).strip()
                if not text:
                    continue
                last = runs[-1] if runs else None
                height = bottom - top
                if last and abs(last.top - top) < 0.3 * height and 0 <= x0 - last.x1 <= max(height, 1.0):
                    last.text += " " + text
                    last.x1, last.bottom = x1, max(last.bottom, bottom)
                else:
                    runs.append(Run(x0, x1, top, bottom, text))
            yield runs or None

    return count, pages()


OPENERS: dict[str, Callable[[bytes, str, lim.Limits], Pages]] = {
    "pdfium": pdfium_pages, "pdfplumber": pdfplumber_pages, "pdftotext": pdftotext_pages,
}


RunPages = list[list[Run] | None]


def extract_runs(
    data: bytes, name: str, *, engine: str = "pdfium", limits: lim.Limits | None = None, checked: bool = False
) -> tuple[int, RunPages]:
    """The page count and each page's runs (None: no text on it). This is the part that runs a PDF library
    (the isolated reader runs it in a child process); ``checked``: :func:`check_file` already ran."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    limits = limits or lim.DEFAULT
    preflight(data, name, limits, checked=checked)
    count, pages = OPENERS[engine](data, name, limits)
    return count, list(pages)


def to_lines(name: str, count: int, pages: RunPages) -> list[list[Line]]:
    """Each page's runs grouped into lines; raises :class:`StatementError` when no page has text."""
    if count == 0:
        raise StatementError(name, "has no pages")
    if all(runs is None for runs in pages):
        raise StatementError(name, NO_TEXT_MESSAGE)
    return [[] if runs is None else group_lines(runs, i) for i, runs in enumerate(pages, start=1)]


def extract_lines(data: bytes, name: str, *, engine: str = "pdfium", limits: lim.Limits | None = None) -> tuple[int, list[list[Line]]]:
    """The statement's pages as visual lines, read in this process; raises :class:`StatementError` for
    unreadable files."""
    count, pages = extract_runs(data, name, engine=engine, limits=limits)
    return count, to_lines(name, count, pages)
