"""A person's say on how to read a delimited statement: which column is which, and how it is printed.

A :class:`ColumnMapping` overrides the reader's own choices (:mod:`audit.readers.roles`): roles by
header name or 1-based position, the lines before the header, the date format, the decimal mark, the
currency and the sign convention. The command line builds one from ``--columns "date=Datum,amount=3"``
(:func:`parse_columns`) and the page from its column pickers; :mod:`audit.readers.saved` keeps them per
header signature. :func:`resolve_columns` turns one into column indexes for a file, with a clear
:class:`MappingError` for a name the header does not have or two roles on one column.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

# Roles a person can give a column (the picker's list); "ignore" leaves a column out.
PICKER_ROLES = ("date", "posting_date", "description", "amount", "debit", "credit", "currency", "card", "type",
                "balance", "notes", "ignore")
SIGNS = ("charges-positive", "charges-negative")


class MappingError(ValueError):
    """A column mapping that does not fit the file (or cannot be read): one sentence saying why."""


@dataclass(frozen=True)
class ColumnMapping:
    """How to read one delimited file (every field optional; what is left out the reader decides)."""

    columns: Mapping[str, str | int] = field(default_factory=dict)  # role -> header name or 1-based position
    decimal: str | None = None  # "." or ","
    date_format: str | None = None  # strptime ("%d/%m/%Y") or a pattern ("DD/MM/YYYY")
    currency: str | None = None  # ISO code for rows without a currency cell
    skip: int | None = None  # lines before the header row (before the first row when there is no header)
    sign: str | None = None  # "charges-positive" or "charges-negative": how a single amount column prints money out

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (JSON-ready) with only the fields that are set."""
        d = asdict(self)
        d["columns"] = dict(self.columns)
        return {k: v for k, v in d.items() if v not in (None, {}, "")}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ColumnMapping:
        """The inverse of :meth:`to_dict` (checked like a mapping typed by hand)."""
        cols = {str(k): (int(v) if isinstance(v, int) or (isinstance(v, str) and v.isdigit()) else str(v))
                for k, v in dict(d.get("columns") or {}).items()}
        return checked(ColumnMapping(cols, d.get("decimal"), d.get("date_format"), d.get("currency"),
                                     d.get("skip"), d.get("sign")))


def checked(m: ColumnMapping) -> ColumnMapping:
    """``m`` with its date format in strptime form and every field checked (:class:`MappingError`)."""
    for role in m.columns:
        if role not in PICKER_ROLES:
            raise MappingError(f"unknown column role {role!r} (roles: {', '.join(PICKER_ROLES)})")
    for role, ref in m.columns.items():
        if isinstance(ref, int) and ref < 1:
            raise MappingError(f"column positions start at 1 ({role}={ref})")
    if m.decimal not in (None, ".", ","):
        raise MappingError(f"decimal mark must be '.' or ',', not {m.decimal!r}")
    if m.sign not in (None, *SIGNS):
        raise MappingError(f"sign must be one of {', '.join(SIGNS)}, not {m.sign!r}")
    if m.skip is not None and (not isinstance(m.skip, int) or m.skip < 0):
        raise MappingError(f"--skip takes a number of lines (0 or more), not {m.skip!r}")
    currency = m.currency.strip().upper() if m.currency else None
    if currency is not None and not re.fullmatch(r"[A-Z]{3}", currency):
        raise MappingError(f"currency must be an ISO code such as EUR or JPY, not {m.currency!r}")
    fmt = strptime_format(m.date_format) if m.date_format else None
    need = set(m.columns) & {"date", "amount", "debit", "credit"}
    if m.columns and "date" not in need:
        raise MappingError("the columns name no date column (add date=HEADER or date=POSITION)")
    if m.columns and not need & {"amount", "debit", "credit"}:
        raise MappingError("the columns name no amount column (add amount=, or debit= and credit=)")
    return ColumnMapping(dict(m.columns), m.decimal, fmt, currency, m.skip, m.sign)


def parse_columns(text: str) -> dict[str, str | int]:
    """``"date=Datum,description=Payee,amount=3"`` -> ``{"date": "Datum", "description": "Payee", "amount": 3}``.

    Names may be quoted (``description="Name, first"``); a bare number is a 1-based position.
    """
    out: dict[str, str | int] = {}
    parts, cur, quoted = [], [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    if quoted:
        raise MappingError(f"--columns: a quote is not closed in {text!r}")
    for part in parts:
        if not part.strip():
            continue
        role, sep, ref = part.partition("=")
        role, ref = role.strip().lower(), ref.strip().strip('"').strip()
        if not sep or not role or not ref:
            raise MappingError(f"--columns: write ROLE=HEADER or ROLE=POSITION, not {part!r}")
        if role not in PICKER_ROLES:
            raise MappingError(f"--columns: unknown role {role!r} (roles: {', '.join(PICKER_ROLES)})")
        if role in out:
            raise MappingError(f"--columns: the role {role!r} is given twice")
        out[role] = int(ref) if ref.isdigit() else ref
    return out


_PATTERN_TOKENS = (("YYYY", "%Y"), ("MMMM", "%B"), ("MMM", "%b"), ("YY", "%y"), ("MM", "%m"), ("DD", "%d"),
                   ("M", "%m"), ("D", "%d"))


def strptime_format(text: str) -> str:
    """A date format as strptime writes it: ``%d/%m/%Y`` as is, ``DD/MM/YYYY`` or ``YYYY年M月D日`` translated."""
    fmt = text.strip()
    if "%" not in fmt:
        out, i = [], 0
        while i < len(fmt):
            for token, code in _PATTERN_TOKENS:
                if fmt.upper().startswith(token, i):
                    out.append(code)
                    i += len(token)
                    break
            else:
                out.append(fmt[i])
                i += 1
        fmt = "".join(out)
    if not any(code in fmt for code in ("%d", "%m", "%b", "%B")):
        raise MappingError(f"date format {text!r} has no day or month (write e.g. DD/MM/YYYY or %d/%m/%Y)")
    try:
        dt.date(2024, 12, 31).strftime(fmt)
    except ValueError as exc:
        raise MappingError(f"date format {text!r} cannot be used: {exc}") from None
    return fmt


def norm_header(cell: object) -> str:
    """A header cell as compared with a name typed by a person: NFKC, quotes and a leading ``#`` or ``*``
    removed, spaces collapsed, case folded."""
    text = unicodedata.normalize("NFKC", str(cell)).strip().strip('"').strip()
    text = re.sub(r"^[#*]+\s*", "", text)
    return re.sub(r"\s+", " ", text).casefold()


def header_has(cells: Sequence[str], names: Sequence[str]) -> int:
    """How many of ``names`` a candidate header row holds."""
    have = {norm_header(c) for c in cells}
    return sum(norm_header(n) in have for n in names)


def resolve_columns(m: ColumnMapping, header: Sequence[str] | None, width: int) -> dict[str, int]:
    """0-based column index per role for a file whose header is ``header`` (None: no header row) and whose
    rows have ``width`` cells; :class:`MappingError` names a missing column or a column given two roles."""
    roles: dict[str, int] = {}
    normed = [norm_header(h) for h in header] if header is not None else []
    for role, ref in m.columns.items():
        if role == "ignore":
            continue
        if isinstance(ref, int):
            if ref > width:
                raise MappingError(f"column {ref} ({role}) does not exist: the rows have {width} columns")
            idx = ref - 1
        else:
            if header is None:
                raise MappingError(f"column {ref!r} ({role}) named, but the file has no header row with that name")
            want = norm_header(ref)
            if want not in normed:
                shown = ", ".join(repr(h) for h in header if str(h).strip())[:300]
                raise MappingError(f"column {ref!r} ({role}) is not in the header (it has: {shown})")
            idx = normed.index(want)
        for other, taken in roles.items():
            if taken == idx:
                raise MappingError(f"{other} and {role} both name column {idx + 1}: one role per column")
        roles[role] = idx
    return roles


def mapping_from_reading(reading: Mapping[str, Any]) -> ColumnMapping:
    """The reader's own choices for a file (``ParseReport.reading``) as a mapping, to start a picker from."""
    cur = reading.get("currency")
    code = cur.get("code") if isinstance(cur, Mapping) else cur
    cols = {r: ref for r, ref in dict(reading.get("columns") or {}).items() if r in PICKER_ROLES}
    return ColumnMapping(cols, reading.get("decimal"), reading.get("date_format"),
                         code if isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code) else None,
                         reading.get("skip"), reading.get("sign"))
