"""A quote left open inside one field (``2026-05-02,"BROKEN SHOP,5.00``) makes a CSV parser read every
following line as part of that field, so rows merge silently. :func:`repair_stray_quotes` finds such a
quote, one whose field would swallow lines that are complete records of their own, and makes it text."""

from __future__ import annotations

import csv
import io
import re

_START = re.compile(r"^\s*\"?\s*[0-9]{1,4}[-/.年][0-9]{1,2}|^\s*\"?\s*[0-9]{8}\b")


def _open_quote(line: str, delimiter: str) -> int | None:
    """Position of the quote that opens a field this line leaves unclosed, else None."""
    in_quotes, start, field_start, i = False, None, True, 0
    while i < len(line):
        ch = line[i]
        if in_quotes:
            if ch == '"':
                if i + 1 < len(line) and line[i + 1] == '"':
                    i += 2
                    continue
                in_quotes = False
        elif ch == '"' and field_start:
            in_quotes, start = True, i
        field_start = ch == delimiter or (field_start and ch in " \t")
        i += 1
    return start if in_quotes else None


def _width(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader(io.StringIO(line), delimiter=delimiter)))
    except (csv.Error, StopIteration):
        return 0


def repair_stray_quotes(text: str, delimiter: str, width: int) -> tuple[str, list[int]]:
    """``text`` with each stray opening quote doubled and its field quoted up to the next delimiter, and
    the 1-based lines repaired. A quote is stray when its line ends inside it and the next line is a
    record of its own (``width`` fields, starting with a date)."""
    if '"' not in text:
        return text, []
    lines = text.split("\n")
    fixed: list[int] = []
    for no, line in enumerate(lines):
        pos = _open_quote(line, delimiter)
        if pos is None or no + 1 >= len(lines):
            continue
        nxt = lines[no + 1]
        if not (_START.match(nxt) and abs(_width(nxt, delimiter) - width) <= 1):
            continue  # a real quoted line break: the next line continues the field
        end = line.find(delimiter, pos + 1)
        end = len(line) if end < 0 else end
        field = line[pos:end]
        lines[no] = line[:pos] + '"' + field.replace('"', '""') + '"' + line[end:]
        fixed.append(no + 1)
    return "\n".join(lines), fixed
