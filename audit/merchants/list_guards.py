"""Guards a merchant-list file passes before the TOML parser sees it: its size, its number of entries and how deep
its values nest (a crafted local list costs one line, never the process)."""

from __future__ import annotations

from pathlib import Path

from audit.errors import MerchantListError

MAX_BYTES = 4 * 1024 * 1024  # a list file larger than this is refused before parsing
MAX_ENTRIES = 5000  # [[entry]] tables per file
MAX_DEPTH = 8  # nesting of arrays / inline tables


def read_capped(p: Path) -> bytes:
    """The file's bytes, refused past MAX_BYTES while reading (devices and pipes report no size)."""
    try:
        if p.exists() and not p.is_file():
            raise MerchantListError(f"{p}: merchant list is not a regular file")
        with p.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise MerchantListError(f"{p}: cannot read merchant list: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise MerchantListError(f"{p}: merchant list is larger than {MAX_BYTES // (1024 * 1024)} MiB; split it")
    return raw


def check_shape(p: Path, text: str) -> None:
    """Refuse too many entries or too deep nesting before the TOML parser sees the text."""
    depth = top = entries = 0
    i, n = 0, len(text)
    quote = ""
    at_line_start = True
    while i < n:
        c = text[i]
        if quote:
            if c == "\\" and quote in ('"', '"""'):
                i += 2
                continue
            if text.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
            i += 1
            continue
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            quote = text[i : i + 3] if text.startswith(c * 3, i) else c
            i += len(quote)
            continue
        if c == "\n":
            at_line_start = True
            i += 1
            continue
        if at_line_start and c not in " \t":
            at_line_start = False
            if depth == 0 and text.startswith("[[", i):
                entries += 1
                if entries > MAX_ENTRIES:
                    raise MerchantListError(f"{p}: more than {MAX_ENTRIES} entries in one merchant list; split it")
                j = text.find("]]", i)
                i = n if j < 0 else j + 2
                continue
            if depth == 0 and c == "[":  # a [table] header, not a value
                j = text.find("]", i)
                i = n if j < 0 else j + 1
                continue
        if c in "[{":
            depth += 1
            top = max(top, depth)
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, i) + 1
                raise MerchantListError(f"{p}: line {line}: values nested more than {MAX_DEPTH} deep")
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
