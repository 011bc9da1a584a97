"""``audit merchants validate``: schema, missing sources, duplicate and near-duplicate entries.

No network access: URLs are checked for form only; reviewers open them (see merchant_lists/README.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from rapidfuzz import fuzz, process

from audit.merchants.evidence import tokens
from audit.merchants.lists import Entry, Problem, read_list

NEAR_DUPLICATE = 92.0  # alias similarity (rapidfuzz ratio, 0-100) between two entries that gets reported
# Government hosts: a .gov/.mil top-level name, a government label under a country code (gov.uk, gouv.fr,
# go.jp, gob.mx, gc.ca ...), or one of the few official domains outside those patterns.
_GOV_TLDS = ("gov", "mil")
_GOV_LABELS = frozenset({"gov", "gouv", "govt", "go", "gob", "gc", "gv"})
_OFFICIAL_DOMAINS = ("canada.ca", "europa.eu", "judiciary.uk", "nationaltradingstandards.uk",
                     "tradingstandardsecrime.org.uk")  # the UK National Trading Standards eCrime Team


def official_host(url: str) -> bool:
    """True when the address is on a government or court site (the authority's own page)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    labels = host.split(".")
    if len(labels) < 2:
        return False
    if labels[-1] in _GOV_TLDS or (len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _GOV_LABELS):
        return True
    return any(host == d or host.endswith("." + d) for d in _OFFICIAL_DOMAINS)


@dataclass(frozen=True)
class SourceRow:
    """What one entry's first source is (``audit merchants validate --sources``)."""

    entry_id: str
    kind: str  # the entry's first_source, or "unstated"
    host: str
    source_date: str
    authority: str
    list_file: str


def source_rows(paths: Sequence[str | Path]) -> list[SourceRow]:
    """One row per scam-list entry of the given lists (later files replace earlier entries with the same
    id); context lists cite the brands' own pages and are left out."""
    layered: dict[str, Entry] = {}
    for p in paths:
        for e in read_list(p).entries:
            if e.kind == "scam":
                layered[e.id] = e
    return [SourceRow(e.id, e.first_source or "unstated", (urlsplit(e.source_urls[0]).hostname or "")
                      if e.source_urls else "", e.source_date, e.authority, e.source_file)
            for e in layered.values()]


def _source_order(e: Entry, file: str) -> list[Problem]:
    """The first source's stated kind must fit its address, and a record (the authority's page or a copy of
    a filing, order or release) must come before press reports."""
    if not e.source_urls or not e.first_source:
        return []
    first, rest = e.source_urls[0], e.source_urls[1:]
    host = urlsplit(first).hostname or first
    if e.first_source == "primary" and not official_host(first):
        return [Problem(file, f"first_source is 'primary' but {host} is not a government or court site; "
                              "a copy of a record elsewhere is 'record-copy'", e.id)]
    if e.first_source != "primary" and official_host(first):
        return [Problem(file, f"the first source is on an official site ({host}): first_source = 'primary'", e.id)]
    later = [u for u in rest if official_host(u)]
    if e.first_source == "press" and later:  # a copy of a record may precede the authority's own page
        return [Problem(file, f"the primary record {later[0]} comes after a press source: put it first", e.id)]
    return []


def validate(paths: Sequence[str | Path]) -> list[Problem]:
    """All problems in the given list files, read in order (a later file may replace an entry of an
    earlier one on purpose: that is layering, not a duplicate). Unreadable files raise
    :class:`audit.errors.MerchantListError`."""
    problems: list[Problem] = []
    layered: dict[str, Entry] = {}
    for p in paths:
        lf = read_list(p)
        problems.extend(lf.problems)
        if not lf.entries and not lf.problems:
            problems.append(Problem(str(lf.path), "list has no entries"))
        seen: dict[str, Entry] = {}
        for e in lf.entries:
            if e.id in seen:
                problems.append(Problem(str(lf.path), "duplicate id in the same file", e.id))
            seen[e.id] = e
            if not e.source_urls:
                problems.append(Problem(str(lf.path), "no source URL", e.id))
            if len(set(e.source_urls)) != len(e.source_urls):
                problems.append(Problem(str(lf.path), "the same source URL is listed twice", e.id))
            problems.extend(_source_order(e, str(lf.path)))
            layered[e.id] = e
    problems.extend(_duplicates(list(layered.values())))
    problems.extend(_billed_through(list(layered.values())))
    return problems


def _billed_through(entries: list[Entry]) -> list[Problem]:
    """``billed_through`` names reseller entries of a context list (checked when a context list was read)."""
    resellers = {e.id for e in entries if e.kind == "context" and e.role == "reseller"}
    if not any(e.kind == "context" for e in entries):
        return []
    return [Problem(e.source_file, f"billed_through names {r!r}, which is no reseller of the context lists", e.id)
            for e in entries if e.kind == "scam" for r in e.billed_through if r not in resellers]


def _duplicates(entries: list[Entry]) -> list[Problem]:
    """Aliases shared by two entries (exact) or nearly equal (near-duplicate) within the same kind."""
    out: list[Problem] = []
    for kind in ("scam", "context"):
        forms: list[tuple[str, Entry, str]] = []
        for e in entries:
            if e.kind != kind:
                continue
            for a in dict.fromkeys(e.all_aliases):
                compact = "".join(tokens(a))
                if compact:
                    forms.append((compact, e, a))
        owner: dict[str, tuple[Entry, str]] = {}
        for compact, e, a in forms:
            prev = owner.get(compact)
            if prev is not None and prev[0].id != e.id:
                out.append(Problem(e.source_file, f"alias {a!r} is also an alias of entry {prev[0].id!r} "
                                                  f"({prev[0].source_file})", e.id))
            else:
                owner.setdefault(compact, (e, a))
        names = list(owner)
        if len(names) < 2:
            continue
        # uint8 scores: a local list of 5,000 entries stays in tens of MB
        matrix = process.cdist(names, names, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE, dtype=np.uint8)
        reported: set[tuple[str, str]] = set()
        for i, j in combinations(range(len(names)), 2):
            if matrix[i, j] < NEAR_DUPLICATE:
                continue
            (e1, a1), (e2, a2) = owner[names[i]], owner[names[j]]
            pair = tuple(sorted((e1.id, e2.id)))
            if e1.id == e2.id or pair in reported or e2.id in e1.related or e1.id in e2.related:
                continue
            reported.add(pair)  # type: ignore[arg-type]
            out.append(Problem(e2.source_file, f"near-duplicate of entry {e1.id!r}: {a2!r} ~ {a1!r} "
                                               f"(similarity {matrix[i, j]:.0f}); merge them or list each "
                                               "other under 'related'", e2.id))
    return out
