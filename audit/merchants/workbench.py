"""The analyst's workbench: unknown merchants that show scam patterns, draft list entries, list diffs.

``candidates`` reads statements of many clients (a folder per client), runs the same pipeline as a scan
(:func:`audit.pipeline.analyse`), keeps the charges that pattern signals flag but no list entry
matches, and groups their descriptors under one normalised name (``TECHFIX SUPPORT`` and
``TECHFIXDESK`` share ``TECHFIX``). ``draft_toml`` writes one ``[[entry]]`` per group with the name,
aliases and descriptor forms filled in and the source fields left empty for the analyst: ``audit
merchants validate`` refuses the draft until they are filled. ``diff`` compares two list versions and
which findings each gives on a set of statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from audit.cases.money import is_unstated, unstated_bucket
from audit.masking import mask_card
from audit.merchants.evidence import alias_problem, distinctive, full_tokens, tokens
from audit.merchants.lists import Entry, read_list, shipped_paths

STATEMENT_SUFFIXES = (".csv", ".pdf", ".txt", ".tsv")
MIN_MERGE_PREFIX = 6


@dataclass
class Candidate:
    """Charges of one unknown merchant (all its descriptor variants) across clients."""

    name: str
    clients: set[str] = field(default_factory=set)
    charges: int = 0
    paid_by_currency: dict[str, float] = field(default_factory=dict)
    descriptors: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    facilitators: set[str] = field(default_factory=set)
    signals: set[str] = field(default_factory=set)
    first: str = ""
    last: str = ""

    def row(self, lang: str = "en") -> dict[str, object]:
        from audit.cases.money import format_totals

        return {
            "name": self.name, "clients": len(self.clients), "charges": self.charges,
            "paid": format_totals(self.paid_by_currency, empty="", lang=lang),  # yen without decimals
            "variants": "; ".join(sorted(self.descriptors)), "facilitators": ", ".join(sorted(self.facilitators)),
            "signals": ", ".join(sorted(self.signals)), "first": self.first, "last": self.last,
            "client_names": ", ".join(sorted(self.clients)),
        }


def statement_sets(paths: Iterable[str | Path]) -> list[tuple[str, list[Path]]]:
    """(client, statement files): a folder is one client (its files, sorted); a file belongs to the
    client named by its folder."""
    by_client: dict[str, list[Path]] = {}
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in STATEMENT_SUFFIXES)
            by_client.setdefault(p.name, []).extend(files)
        else:
            by_client.setdefault(p.parent.name or ".", []).append(p)
    return sorted(by_client.items())


def _group_key(key: str) -> str:
    words = tokens(key)
    dist = distinctive(words)
    return "".join(dist or words)


def flagged_rows(tx: pd.DataFrame, findings: Sequence) -> pd.DataFrame:
    """Charges that pattern signals flag and no list entry matches, with the signals that flag them."""
    known = {t for f in findings if f.kind == "known_merchant" for t in f.transaction_ids}
    kinds: dict[str, set[str]] = {}
    for f in findings:
        if f.kind == "known_merchant":
            continue
        for t in f.transaction_ids:
            if t not in known:
                kinds.setdefault(t, set()).add(f.kind)
    rows = tx.loc[tx["id"].isin(list(kinds))].copy()
    rows["signals"] = [sorted(kinds[t]) for t in rows["id"]]
    return rows


def candidates_from_scans(scans: Iterable[tuple[str, pd.DataFrame, Sequence]]) -> list[Candidate]:
    """Group flagged charges of (client, transactions, findings) scans by normalised name."""
    groups: dict[str, Candidate] = {}
    for client, tx, findings in scans:
        rows = flagged_rows(tx, findings)
        for r in rows.itertuples(index=False):
            key = str(getattr(r, "merchant_key", "") or "")
            gk = _group_key(key)
            if not gk:
                continue
            c = groups.setdefault(gk, Candidate(name=gk))
            c.clients.add(client)
            amount = float(r.amount) if pd.notna(r.amount) else 0.0
            if amount > 0:
                c.charges += 1
                cur = str(r.currency) if isinstance(r.currency, str) else ""
                if is_unstated(cur):  # no currency on the statement: per client and card, never added up
                    card = getattr(r, "card", None)
                    cur = unstated_bucket(str(card) if isinstance(card, str) else "", client)
                c.paid_by_currency[cur] = c.paid_by_currency.get(cur, 0.0) + amount
            c.descriptors.add(str(r.description))
            c.keys.add(key)
            fac = getattr(r, "facilitator", None)
            if isinstance(fac, str) and fac:
                c.facilitators.add(fac)
            c.signals.update(r.signals)
            d = pd.Timestamp(r.date).date().isoformat() if pd.notna(r.date) else ""
            if d:
                c.first = min(c.first or d, d)
                c.last = max(c.last or d, d)
    return _merge_prefixes(groups)


def _merge_prefixes(groups: dict[str, Candidate]) -> list[Candidate]:
    """TECHFIX and TECHFIXDESK are one merchant: merge a group into another whose name it starts."""
    names = sorted(groups, key=len)
    for i, short in enumerate(names):
        if len(short) < MIN_MERGE_PREFIX or short not in groups:
            continue
        for long in names[i + 1:]:
            if long in groups and long.startswith(short):
                a, b = groups[short], groups.pop(long)
                a.clients |= b.clients
                a.charges += b.charges
                for k, v in b.paid_by_currency.items():
                    a.paid_by_currency[k] = a.paid_by_currency.get(k, 0.0) + v
                a.descriptors |= b.descriptors
                a.keys |= b.keys
                a.facilitators |= b.facilitators
                a.signals |= b.signals
                a.first = min(x for x in (a.first, b.first) if x) if a.first or b.first else ""
                a.last = max(a.last, b.last)
    out = list(groups.values())
    out.sort(key=lambda c: (-len(c.clients), -c.charges, c.name))
    return out


def candidates(paths: Iterable[str | Path], merchant_lists: Sequence[str | Path] = ()) -> tuple[list[Candidate], list]:
    """Candidates across the clients in ``paths`` and the statement errors met on the way."""
    from audit.pipeline import analyse, read_many

    scans, errors = [], []
    for client, files in statement_sets(paths):
        tx, reports, errs = read_many((f.name, None, f) for f in files)
        errors.extend(errs)
        result = analyse(tx, merchant_lists, reports)
        scans.append((client, result.transactions, result.findings))
    return candidates_from_scans(scans), errors


def _slug(name: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", name.lower())).strip("-") or "candidate"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def clean_descriptors(descriptors: Iterable[str]) -> list[str]:
    """The statement forms of a draft entry as the merchant's name (:func:`audit.descriptors.normalize_descriptor`):
    without the facilitator's prefix and what the issuer prints after it (``FS *PCSHIELDPRO利用国USA`` ->
    ``PCSHIELDPRO``), card numbers masked."""
    from audit.descriptors import normalize_descriptor

    return sorted({mask_card(normalize_descriptor(d)) or "" for d in descriptors} - {""})


def draft_toml(cands: Sequence[Candidate], today: str) -> str:
    """A list file with one draft entry per candidate. Name, aliases, descriptor forms, category and
    notes are filled; countries, sources, named_by, authority and standing are left empty for the
    analyst, so ``audit merchants validate`` refuses the draft until a public source is given."""
    out = ["# Draft entries from `audit merchants candidates`. Fill every empty field from a public",
           "# source (see merchant_lists/README.md) and delete the entries no source names.", "",
           "[list]", 'name = "local-draft"', 'kind = "scam"', ""]
    for c in cands:
        forms = sorted({" ".join(full_tokens(k)) for k in c.keys if k} | {c.name})
        aliases = [a for a in forms if alias_problem(tokens(a), full_tokens(a), a, weak=False) is None]
        weak = [a for a in forms if a not in aliases and alias_problem(tokens(a), full_tokens(a), a, weak=True) is None]
        name = max(forms, key=len).title()
        out += [
            "[[entry]]", f"id = {_q(_slug(c.name))}", f"name = {_q(name)}",
            f"aliases = [{', '.join(_q(a) for a in aliases)}]",
            f"weak_aliases = [{', '.join(_q(a) for a in weak)}]",
            f"descriptors = [{', '.join(_q(d) for d in clean_descriptors(c.descriptors))}]",
            'category = "tech-support scam"  # or "fake security software"',
            "countries = []  # ISO codes the source gives",
            "source_urls = []  # the regulator's or court's own page first",
            'source_date = ""', 'named_by = ""  # regulator / court / press', 'authority = ""',
            'standing = ""  # judgment / order / settled-without-admission / alleged-in-complaint',
            f"date_added = {_q(today)}",
            f"notes = {_q(f'Seen at {len(c.clients)} client(s), {c.charges} charge(s), {c.first} to {c.last}; signals: ' + ', '.join(sorted(c.signals)) + '. Facilitators: ' + (', '.join(sorted(c.facilitators)) or 'none') + '.')}",
            "",
        ]
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------ diff

@dataclass
class ListDiff:
    added: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    changed: list[tuple[Entry, Entry, list[str]]] = field(default_factory=list)  # old, new, fields
    findings_added: list[tuple[str, str, int]] = field(default_factory=list)  # entry id, merchant key, charges
    findings_removed: list[tuple[str, str, int]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"+ {e.id}: {e.name}" for e in self.added] + [f"- {e.id}: {e.name}" for e in self.removed]
        out += [f"~ {new.id}: {', '.join(fields)} changed" for _old, new, fields in self.changed]
        if not out:
            out.append("no entry added, removed or changed")
        for sign, items in (("+", self.findings_added), ("-", self.findings_removed)):
            for eid, key, n in items:
                out.append(f"{sign} finding {eid} on {key!r} ({n} charge(s))")
        return out


_FIELDS = ("name", "aliases", "weak_aliases", "descriptors", "category", "countries", "source_urls", "source_date",
           "named_by", "authority", "standing", "notes", "related")


def _entries(paths: Sequence[str | Path]) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for p in paths:
        for e in read_list(p).entries:
            out[e.id] = e
    return out


def diff(old: Sequence[str | Path], new: Sequence[str | Path], tx: pd.DataFrame | None = None) -> ListDiff:
    """Entries added, removed and changed from list files ``old`` to ``new``; with transactions, the
    known-merchant findings that the new lists add or remove (shipped context lists used by both)."""
    a, b = _entries(old), _entries(new)
    res = ListDiff(added=[b[k] for k in sorted(b.keys() - a.keys())], removed=[a[k] for k in sorted(a.keys() - b.keys())])
    for k in sorted(a.keys() & b.keys()):
        fields = [f for f in _FIELDS if getattr(a[k], f) != getattr(b[k], f)]
        if fields:
            res.changed.append((a[k], b[k], fields))
    if tx is not None and len(tx):
        from audit.merchants import match_transactions
        from audit.merchants.matching import build_db

        context = [p for p in shipped_paths() if read_list(p).kind == "context"]

        def found(paths: Sequence[str | Path]) -> dict[tuple[str, str], int]:
            fs = match_transactions(tx, build_db([*context, *paths]))
            return {(f.entry_id or "", f.merchant_key or ""): len(f.transaction_ids) for f in fs}

        fa, fb = found(old), found(new)
        res.findings_added = [(*k, fb[k]) for k in sorted(fb.keys() - fa.keys())]
        res.findings_removed = [(*k, fa[k]) for k in sorted(fa.keys() - fb.keys())]
    return res
