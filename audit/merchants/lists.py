"""Merchant-list files: reading, the entry model and schema checks.

A list is one TOML file (format described in ``merchant_lists/README.md``): a ``[list]`` table
(``name``, ``kind`` = ``"scam"`` or ``"context"``) and one ``[[entry]]`` table per merchant. Shipped
lists live in ``merchant_lists/`` at the repository root; local lists given by the analyst are
layered on top (an entry with the same ``id`` replaces the shipped one).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from audit.errors import MerchantListError
from audit.merchants.evidence import alias_problem, full_tokens, tokens
from audit.merchants.list_guards import MAX_BYTES as MAX_BYTES  # limits kept importable from here
from audit.merchants.list_guards import MAX_DEPTH as MAX_DEPTH
from audit.merchants.list_guards import MAX_ENTRIES as MAX_ENTRIES
from audit.merchants.list_guards import check_shape, read_capped

LIST_KINDS = ("scam", "context")
NAMED_BY = ("regulator", "court", "press", "company")  # company: the firm's own page (context lists)
ROLES = ("brand", "reseller")  # context entries only
# What the first source establishes about a scam-list entry, strongest first (see merchant_lists/README.md).
STANDINGS = ("judgment", "order", "settled-without-admission", "alleged-in-complaint")
# What the first source address is: the authority's own page (regulator, prosecutor, court), a copy of
# such a record on another site (a filed order or complaint, a reposted release), or a press report.
SOURCE_KINDS = ("primary", "record-copy", "press")
REQUIRED = ("id", "name", "category", "countries", "source_urls", "source_date", "named_by",
            "authority", "date_added")
OPTIONAL = ("aliases", "weak_aliases", "kana_aliases", "descriptors", "role", "notes", "related", "standing",
            "first_source", "imitated_as", "form", "billed_through")
# A brand's billing form ([[entry.form]], read by audit/detection/brands.py): the statement text and its source.
FORM_REQUIRED = ("form", "source_url", "source_date", "named_by", "authority")
FORM_OPTIONAL = ("renews", "notes")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc\u30fb ]+")
ENV_DIR = "AUDIT_MERCHANT_LISTS_DIR"


@dataclass(frozen=True)
class Entry:
    """One merchant named by a public source (scam list) or a legit brand / reseller (context list)."""

    id: str
    name: str
    kind: str  # "scam" or "context"
    aliases: tuple[str, ...]
    category: str
    countries: tuple[str, ...]
    source_urls: tuple[str, ...]
    source_date: str
    named_by: str  # regulator / court / press
    authority: str  # e.g. "US Federal Trade Commission"
    date_added: str
    weak_aliases: tuple[str, ...] = ()  # generic names: exact descriptor match only, never fuzzy
    kana_aliases: tuple[str, ...] = ()  # katakana forms the source or the merchant's Japanese pages print
    descriptors: tuple[str, ...] = ()  # descriptor forms; a trailing "*" means "starts with"
    role: str | None = None  # context entries: "brand" or "reseller"
    standing: str = ""  # scam entries: one of STANDINGS
    first_source: str = ""  # one of SOURCE_KINDS, or "" when the list does not say
    notes: str = ""
    related: tuple[str, ...] = ()
    billed_through: tuple[str, ...] = ()  # scam entries: resellers (context ids) a public record says billed it
    list_name: str = ""
    source_file: str = ""

    @property
    def all_aliases(self) -> tuple[str, ...]:
        return self.aliases + self.weak_aliases + self.kana_aliases


_ENTRY_FIELDS = dataclasses.fields(Entry)


@dataclass
class Problem:
    """A validation finding about one list file (and entry)."""

    file: str
    message: str
    entry_id: str | None = None

    def __str__(self) -> str:
        return f"{self.file}" + (f": entry {self.entry_id!r}" if self.entry_id else "") + f": {self.message}"


@dataclass
class ListFile:
    """A parsed list file: its header, its entries and the schema problems found while reading."""

    path: Path
    name: str
    kind: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def shipped_dir() -> Path:
    """The folder of shipped lists: ``$AUDIT_MERCHANT_LISTS_DIR``, else ``merchant_lists/`` at the
    repository root, else a ``lists/`` folder shipped inside this package (wheel installs)."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    repo = here.parents[2] / "merchant_lists"
    if repo.is_dir():
        return repo
    return here.parent / "lists"


def shipped_paths() -> list[Path]:
    """Shipped list files, sorted by name (README and other non-TOML files ignored)."""
    folder = shipped_dir()
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def _str_list(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    return None


# Lists already read in this process, by the name given and a digest of the bytes read: the scan's database, the
# brand table and the allowlist read the same files, and the same bytes under the same name give the same result.
_READ: dict[tuple[str, bytes], tuple[ListFile, list[Any]]] = {}
_READ_KEEP = 8  # files remembered at most


def read_list(path: str | Path) -> ListFile:
    """Parse one list file. Unreadable or non-TOML files raise :class:`MerchantListError` (one line);
    schema problems in single entries are collected in ``problems`` and those entries skipped."""
    listing, _tables = _read_list(Path(path))
    return dataclasses.replace(listing, entries=list(listing.entries), problems=list(listing.problems))


def entry_tables(path: str | Path) -> list[dict[str, Any]]:
    """The ``[[entry]]`` tables of a list file as TOML gives them (what :func:`read_list` validates), for readers
    of fields the entry model does not keep (the brand table's ``imitated_as`` and ``form``). Do not change them."""
    return [t for t in _read_list(Path(path))[1] if isinstance(t, dict)]


def _read_list(p: Path) -> tuple[ListFile, list[Any]]:
    raw = read_capped(p)
    key = (str(p), hashlib.sha256(raw).digest())
    if key not in _READ:
        if len(_READ) >= _READ_KEEP:
            _READ.clear()
        _READ[key] = _shipped_reading(p, raw) if p.parent == shipped_dir() else _parse_list(p, raw)
    return _READ[key]


def _shipped_reading(p: Path, raw: bytes) -> tuple[ListFile, list[Any]]:
    """:func:`_parse_list` of a shipped list, kept on disk beside the lists (:mod:`audit.merchants.derived`) under
    a digest of its bytes, its name, the code that reads it and the word tables its alias checks use."""
    from audit.merchants import derived

    tables = files("audit.merchants") / "data"
    key = derived.digest([raw, str(p).encode(), (tables / "name_freq.tsv.gz").read_bytes(),
                          (tables / "name_seq.tsv.gz").read_bytes(),
                          *derived.code_of(__name__, "audit.merchants.list_guards", "audit.merchants.evidence",
                                            "audit.merchants.reference")])
    return derived.load(f"list.{p.stem}", p.parent, key, lambda: _parse_list(p, raw), _pack, _unpack)


def _pack(reading: tuple[ListFile, list[Any]]) -> tuple[Any, ...]:
    listing, tables = reading
    return (str(listing.path), listing.name, listing.kind,
            [tuple(getattr(e, f.name) for f in _ENTRY_FIELDS) for e in listing.entries],
            [(pr.file, pr.message, pr.entry_id) for pr in listing.problems], tables)


def _unpack(packed: tuple[Any, ...]) -> tuple[ListFile, list[Any]]:
    path, name, kind, entries, problems, tables = packed
    return (ListFile(Path(path), name, kind, [Entry(*e) for e in entries], [Problem(*pr) for pr in problems]),
            tables)


def _parse_list(p: Path, raw: bytes) -> tuple[ListFile, list[Any]]:
    try:
        text = raw.decode("utf-8")
        check_shape(p, text)
        doc = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise MerchantListError(f"{p}: merchant list is not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise MerchantListError(f"{p}: not a valid TOML merchant list: {exc}") from None
    header = doc.get("list")
    if not isinstance(header, dict):
        raise MerchantListError(f"{p}: missing [list] table (name and kind)")
    kind = header.get("kind")
    if kind not in LIST_KINDS:
        raise MerchantListError(f"{p}: [list] kind must be one of {', '.join(LIST_KINDS)}, got {kind!r}")
    name = str(header.get("name") or p.stem)
    raw_entries = doc.get("entry", [])
    if not isinstance(raw_entries, list):
        raise MerchantListError(f"{p}: 'entry' must be an array of tables ([[entry]])")
    out = ListFile(path=p, name=name, kind=kind)
    seen: set[str] = set()
    for i, item in enumerate(raw_entries, start=1):
        entry, problems = _entry_from(item, kind=kind, list_name=name, file=p, position=i)
        if entry is not None and entry.id in seen:  # the first entry with an id wins; say so
            problems.append(Problem(str(p), f"duplicate id {entry.id!r} (entry #{i})", entry.id))
            entry = None
        if entry is None and problems:  # one line per dropped entry, naming every reason
            label = problems[0].entry_id
            problems = [Problem(str(p), "; ".join(pr.message for pr in problems) + " (entry dropped)", label)]
        out.problems.extend(problems)
        if entry is not None:
            seen.add(entry.id)
            out.entries.append(entry)
    return out, raw_entries


def _entry_from(
    item: Any, *, kind: str, list_name: str, file: Path, position: int
) -> tuple[Entry | None, list[Problem]]:
    problems: list[Problem] = []
    fname = str(file)
    if not isinstance(item, dict):
        return None, [Problem(fname, f"entry #{position} is not a table")]
    eid = item.get("id")
    label = eid if isinstance(eid, str) else f"#{position}"

    def bad(msg: str) -> None:
        problems.append(Problem(fname, msg, label))

    for key in REQUIRED:
        if key not in item or item[key] in ("", [], None):
            bad(f"missing {key}")
    for key in item:
        if key not in REQUIRED and key not in OPTIONAL:
            bad(f"unknown field {key!r}")
    if problems:
        return None, problems
    if not isinstance(eid, str) or not _ID.match(eid):
        bad("id must be lower-case letters, digits and '-'")
    lists = {}
    for key in ("aliases", "countries", "source_urls", "weak_aliases", "kana_aliases", "descriptors", "related",
                "billed_through"):
        val = _str_list(item.get(key, []))
        if val is None:
            bad(f"{key} must be a string or a list of strings")
            val = ()
        lists[key] = val
    for key in ("name", "category", "source_date", "named_by", "authority", "date_added"):
        if not isinstance(item[key], str):
            bad(f"{key} must be a string (dates are written in quotes: \"2024-03-14\")")
    if problems:
        return None, problems
    for url in lists["source_urls"]:
        if not _URL.match(url):
            bad(f"source URL is not an http(s) address: {url!r}")
    for key in ("source_date", "date_added"):
        if not _DATE.match(item[key]):
            bad(f"{key} must be YYYY, YYYY-MM or YYYY-MM-DD, got {item[key]!r}")
    if item["named_by"] not in NAMED_BY:
        bad(f"named_by must be one of {', '.join(NAMED_BY)}, got {item['named_by']!r}")
    role = item.get("role")
    if kind == "context" and role not in ROLES:
        bad(f"context entries need role = one of {', '.join(ROLES)}")
    if kind == "scam" and role is not None:
        bad("role is only used in context lists")
    for c in lists["countries"]:
        if not re.fullmatch(r"[A-Z]{2}", c):
            bad(f"country must be an ISO 3166 two-letter code, got {c!r}")
    standing = item.get("standing")
    if kind == "scam" and standing not in STANDINGS:
        bad(f"standing must be one of {', '.join(STANDINGS)}, got {standing!r}" if standing else "missing standing")
    if kind == "context" and standing is not None:
        bad("standing is only used in scam lists")
    first_source = item.get("first_source", "")
    if first_source not in ("", *SOURCE_KINDS):
        bad(f"first_source must be one of {', '.join(SOURCE_KINDS)}, got {first_source!r}")
    if kind == "scam":
        for key, weak in (("aliases", False), ("weak_aliases", True)):
            kept = []
            for a in lists[key]:
                why = alias_problem(tokens(a), full_tokens(a), a, weak)
                if why:
                    bad(f"{why}; the alias is dropped")
                else:
                    kept.append(a)
            lists[key] = tuple(kept)
    if lists["billed_through"] and kind != "scam":
        bad("billed_through is only used in scam lists")
    if lists["kana_aliases"] and kind != "scam":
        bad("kana_aliases are only used in scam lists")
    bad_kana = [a for a in lists["kana_aliases"] if not _KANA.fullmatch(unicodedata.normalize("NFKC", a))]
    if bad_kana:
        bad(f"kana_aliases must be written in katakana or hiragana (spaces and ・ allowed), got {bad_kana[0]!r}; "
            "the alias is dropped")
        lists["kana_aliases"] = tuple(a for a in lists["kana_aliases"] if a not in bad_kana)
    if not lists["aliases"] and not lists["weak_aliases"] and not lists["descriptors"] and not lists["kana_aliases"]:
        bad("needs at least one usable alias, weak alias or descriptor form")
    notes = item.get("notes", "")
    if not isinstance(notes, str):
        bad("notes must be a string")
    for why in _brand_table_problems(item, kind, role):
        bad(why)
    if any("the alias is dropped" not in pr.message for pr in problems):
        return None, problems
    entry = Entry(
        id=eid, name=item["name"].strip(), kind=kind, aliases=lists["aliases"], category=item["category"].strip(),
        countries=lists["countries"], source_urls=lists["source_urls"], source_date=item["source_date"],
        named_by=item["named_by"], authority=item["authority"].strip(), date_added=item["date_added"],
        weak_aliases=lists["weak_aliases"], kana_aliases=lists["kana_aliases"], descriptors=lists["descriptors"],
        role=role, notes=notes.strip(),
        related=lists["related"], billed_through=lists["billed_through"], list_name=list_name, source_file=fname,
        standing=standing if isinstance(standing, str) else "", first_source=first_source,
    )
    return entry, problems


def _brand_table_problems(item: dict[str, Any], kind: str, role: Any) -> list[str]:
    """Problems with a brand's ``imitated_as`` names and ``[[entry.form]]`` billing forms (each needs its source)."""
    out: list[str] = []
    if ("imitated_as" in item or "form" in item) and not (kind == "context" and role == "brand"):
        out.append("imitated_as and form belong to context entries with role = \"brand\"")
    if "imitated_as" in item and _str_list(item["imitated_as"]) is None:
        out.append("imitated_as must be a string or a list of strings")
    forms = item.get("form", [])
    if not isinstance(forms, list) or not all(isinstance(f, dict) for f in forms):
        return [*out, "form must be an array of tables ([[entry.form]])"]
    for n, f in enumerate(forms, start=1):
        missing = [k for k in FORM_REQUIRED if not isinstance(f.get(k), str) or not f[k].strip()]
        unknown = [k for k in f if k not in FORM_REQUIRED and k not in FORM_OPTIONAL]
        if missing:
            out.append(f"form #{n} lacks {', '.join(missing)}")
        if unknown:
            out.append(f"form #{n} has unknown field(s) {', '.join(map(repr, unknown))}")
        if isinstance(f.get("source_url"), str) and not _URL.match(f["source_url"]):
            out.append(f"form #{n}: source URL is not an http(s) address: {f['source_url']!r}")
        if isinstance(f.get("source_date"), str) and not _DATE.match(f["source_date"]):
            out.append(f"form #{n}: source_date must be YYYY, YYYY-MM or YYYY-MM-DD")
        if f.get("named_by") not in (None, *NAMED_BY):
            out.append(f"form #{n}: named_by must be one of {', '.join(NAMED_BY)}")
        if "renews" in f and not isinstance(f["renews"], bool):
            out.append(f"form #{n}: renews must be true or false")
    return out


def read_lists(paths: Sequence[str | Path]) -> list[ListFile]:
    """Read several list files in order (later files layer on earlier ones)."""
    return [read_list(p) for p in paths]
