"""``audit merchants validate``: schema, missing sources, duplicate and near-duplicate entries.

No network access: URLs are checked for form only; reviewers open them (see merchant_lists/README.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from audit.merchants.evidence import tokens
from audit.merchants.lists import Entry, Problem, read_list

NEAR_DUPLICATE = 92.0  # alias similarity (rapidfuzz ratio, 0-100) between two entries that gets reported


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
            layered[e.id] = e
    problems.extend(_duplicates(list(layered.values())))
    return problems


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
