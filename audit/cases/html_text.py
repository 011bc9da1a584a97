"""Visible text of an HTML mail body, in one linear pass (no HTML parser that hostile input can stall).

A merchant (the scammer, here) writes the order-confirmation mail, so the text extraction must stay
linear in the input: tags are found with :meth:`str.find`, never with a backtracking pattern, and an
unterminated comment or tag ends the scan instead of being retried at every later ``<``.
"""

from __future__ import annotations

import html
import re

_BLOCK = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
                    "header", "footer", "ul", "ol", "hr", "title", "blockquote", "pre"})
_CELL = frozenset({"td", "th"})
_SKIP = frozenset({"script", "style", "head"})
_TAG_NAME = re.compile(r"\s*(/?)\s*([A-Za-z][A-Za-z0-9]{0,15})")
_MAILTO = re.compile(r"""href\s{0,5}=\s{0,5}["']?\s{0,5}mailto:([^"'\s>?]{1,254})""", re.IGNORECASE)
_SPACES = re.compile(r"[^\S\t\n]+")


def html_to_text(source: str, max_chars: int = 400_000) -> str:
    """Tags stripped, entities decoded, one block per line, table cells split by tabs (``max_chars`` read)."""
    s = source[:max_chars]
    parts: list[str] = []
    skip = 0
    i, n = 0, len(s)
    while i < n:
        j = s.find("<", i)
        if j < 0:
            j = n
        if not skip and j > i:
            parts.append(html.unescape(s[i:j]))
        if j >= n:
            break
        if s.startswith("<!--", j):
            k = s.find("-->", j + 4)
            if k < 0:
                break
            i = k + 3
            continue
        k = s.find(">", j + 1)
        if k < 0:
            break
        tag = s[j + 1:k]
        i = k + 1
        m = _TAG_NAME.match(tag)
        if not m:
            continue
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name in _SKIP:
            skip = max(0, skip - 1) if closing else skip + 1
        elif name in _BLOCK:
            parts.append("\n")
        elif name in _CELL and not closing:
            parts.append("\t")
        elif name == "a" and not closing and not skip:
            mail = _MAILTO.search(tag)
            if mail:
                parts.append(" " + html.unescape(mail.group(1)) + " ")
    out = []
    for line in "".join(parts).splitlines():
        cells = [_SPACES.sub(" ", c).strip() for c in line.split("\t")]
        cells = [c for c in cells if c]
        if cells:
            out.append("\t".join(cells))
    return "\n".join(out)
