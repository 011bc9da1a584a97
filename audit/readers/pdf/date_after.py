"""Statements that print the date after the description: *text date [date] amount*.

Account statements of some banks put the description first ("Beschreibung  Verbuchungsdatum  Betrag",
"Description  Date  Amount"). Such a line is read only once a header has named the columns in that order,
word by word (a header printed as one text run still counts): a date printed inside a sentence of a summary
box ("Verfügbar per 23.10.2025 CHF 9'459.85", "payable by 12/11/2025 50.00") is not a transaction.
"""

from __future__ import annotations

import re

from audit.readers.pdf import generic as gn
from audit.readers.pdf.text import Line

# A compound header word that names a date (Verbuchungsdatum, Buchungsdatum, Valutadatum, Transaction-date).
_DATE_WORD = re.compile(r"(?i)^[^\W\d_]*(?:datum|date|fecha|data)$")
_MONEY_ROLES = frozenset(gn.MONEY_ROLES)


def _word_role(words: list[str], i: int) -> tuple[str, int] | None:
    """The header role named at ``words[i]`` (two words first: "Posting Date") and how many words it took."""
    for n in (2, 1):
        if i + n > len(words):
            continue
        cell = " ".join(words[i:i + n])
        got = gn.header_role(cell)
        if got is not None:
            return got[0], n
        if n == 1 and _DATE_WORD.match(cell):
            return "date", 1
    return None


def date_after_header(ln: Line) -> bool:
    """Whether ``ln`` is a header naming a description column, then a date column, then an amount column,
    left to right, with most of its words named (not a sentence that happens to hold such words)."""
    text = ln.text
    if gn.MONEY.search(text) or not re.search(r"[^\W\d_]", text):
        return False
    words = text.split()
    if not 3 <= len(words) <= 12:
        return False
    roles: list[str] = []
    named = i = 0
    while i < len(words):
        got = _word_role(words, i)
        if got is None:
            i += 1
            continue
        roles.append(got[0])
        named += got[1]
        i += got[1]
    if named * 5 < len(words) * 3:
        return False
    first = {role: roles.index(role) for role in reversed(roles)}
    money = min((first[r] for r in first if r in _MONEY_ROLES), default=None)
    date = min((first[r] for r in ("date", "posting_date") if r in first), default=None)
    desc = first.get("description")
    return desc is not None and date is not None and money is not None and desc < date < money


_FULL_DATE = re.compile(r"\d{4}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}\b|[^\W\d_]{3}")


def _date_ending_at(text: str, end: int) -> tuple[int, str] | None:
    """A date printed right before ``text[end:]``, starting at a word: where it starts and its text. Only dates
    with a year or a month name (``12.05.2025``, ``12 May``): a bare ``12/05`` after a word is as often a
    reference or a fraction."""
    for i in range(end):
        if (i and text[i - 1] != " ") or not text[i].isalnum():
            continue
        got = gn.date_at(text, i)
        if got is not None and got[0] == end and _FULL_DATE.search(got[1]):
            return i, got[1]
    return None


def parse_date_after(ln: Line) -> gn.LineParse | None:
    """The line as *text date [date] amount...* (a booking and a value date: the first is the date), or None."""
    text, xs, runs = gn.positioned_runs(ln)
    amounts, desc_end = gn.trailing_amounts(text, xs, 0, runs)
    if not amounts:
        return None
    second = _date_ending_at(text, len(text[:desc_end].rstrip()))
    if second is None:
        return None
    first = _date_ending_at(text, len(text[:second[0]].rstrip()))
    date, posting, cut = (first[1], second[1], first[0]) if first else (second[1], None, second[0])
    desc = text[:cut].strip()
    if not re.search(r"[^\W\d_]", desc):
        return None
    return gn.LineParse(date, posting, desc, ln.x0, amounts)


def why_not(ln: Line) -> str | None:
    """Why a line with a date and money in it was not read as *text date amount* (None when it holds no such
    pair): reported, never dropped silently."""
    text = ln.text
    if not gn.MONEY.search(text):
        return None
    for i in range(len(text)):
        if (i == 0 or text[i - 1] == " ") and text[i].isdigit() and (got := gn.date_at(text, i)) and _FULL_DATE.search(got[1]):
            return "holds a date and an amount, but not as description, date, amount (the order the header names)"
    return None
