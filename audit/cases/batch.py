"""Letters for a counsellor's batch: one folder per suspicious contract, named after its merchant.

    audit letters STATEMENT... [--order-email FILE.eml ...] [--client NAME] --out DIR

Each folder holds the cancellation request, the follow-up and the card-issuer dispute, each as ``.txt``
(the version that is sent, then the translation) and ``.eml`` (a draft to open in a mail program). A
letter holds only its own contract's data: an order e-mail goes to the one contract it matches
(:func:`audit.cases.eml_match.match_contract`), and only the fields named by ``--use`` (by default the
order number and the merchant's address) are taken from it. The letters come from the same builders as
the page's (:func:`audit.cases.letters.all_letters`, :func:`letter_to_txt`, :func:`letter_to_eml`);
:func:`letter_files` gives one contract's files, :func:`contract_folders` a whole run's.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from audit.cases.letters import EMAIL_FIELDS, LetterDetails, all_letters, letter_to_eml, letter_to_txt
from audit.masking import clean_line

LETTER_KINDS = ("cancellation", "follow_up", "dispute")
DEFAULT_USE = ("order_number", "merchant_email")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def safe_name(text: str, limit: int = 48) -> str:
    """A folder or file name made from ``text`` on every system: letters and digits (any script) joined by
    ``-``, no dots or separators at either end, no reserved device name, at most ``limit`` characters."""
    t = unicodedata.normalize("NFKC", str(text or ""))
    t = re.sub(r"[^\w]+", "-", t, flags=re.UNICODE).replace("_", "-")
    t = re.sub(r"-{2,}", "-", t).strip("-.")[:limit].strip("-.")
    if not t or t.lower() in _RESERVED:
        t = f"merchant-{t}" if t else "merchant"
    return t


def letter_files(contract: Any, details: LetterDetails) -> dict[str, bytes]:
    """One contract's three letters as files: ``cancellation.txt``, ``cancellation.eml``, ... ``dispute.eml``."""
    out: dict[str, bytes] = {}
    for kind, letter in all_letters(contract, details).items():
        out[f"{kind}.txt"] = letter_to_txt(letter, "both").encode("utf-8")
        out[f"{kind}.eml"] = letter_to_eml(letter, details)
    return out


@dataclass
class ContractFolder:
    """One suspicious contract's letters, where they go and what came from an order e-mail."""

    folder: str  # relative path: "<merchant>" or "<client>/<merchant>"
    contract: Any
    details: LetterDetails
    from_email: dict[str, str] = field(default_factory=dict)  # field -> e-mail file it came from

    def files(self) -> dict[str, bytes]:
        return letter_files(self.contract, self.details)


def contract_folders(contracts: Sequence[Any], base: LetterDetails,
                     per_contract: Mapping[str, tuple[LetterDetails, dict[str, str]]] | None = None,
                     issuer_of: Mapping[str, str] | None = None) -> list[ContractFolder]:
    """A folder per suspicious contract (merchant name, made unique; nested by client when there are several),
    with ``base`` details over which a contract's own (from its order e-mail) and its card company are laid."""
    bad = [c for c in contracts if getattr(c, "suspicious", False)]
    several = len({getattr(c, "client", None) or "" for c in bad}) > 1
    used: set[str] = set()
    out = []
    for c in bad:
        name = safe_name(c.merchant)
        if several:
            name = f"{safe_name(getattr(c, 'client', None) or 'client')}/{name}"
        folder, n = name, 2
        while folder.casefold() in used:
            folder, n = f"{name}-{n}", n + 1
        used.add(folder.casefold())
        details, origin = (per_contract or {}).get(c.id, (base, {}))
        if not details.card_issuer and issuer_of and issuer_of.get(c.id):
            details = replace(details, card_issuer=issuer_of[c.id])
        out.append(ContractFolder(folder, c, details, origin))
    return out


def match_emails(emails: Iterable[tuple[str, Any]], contracts: Sequence[Any], base: LetterDetails,
                 use: Sequence[str] = DEFAULT_USE) -> tuple[dict[str, tuple[LetterDetails, dict[str, str]]], list[str]]:
    """Each order e-mail (name, parsed) laid over the one suspicious contract it matches, taking only the
    fields in ``use``; returns the per-contract details and one line per e-mail that matched none."""
    from audit.cases.eml_match import match_contract

    bad = [c for c in contracts if getattr(c, "suspicious", False)]
    out: dict[str, tuple[LetterDetails, dict[str, str]]] = {}
    problems = []
    for name, info in emails:
        c = match_contract(info, bad)
        if c is None:
            problems.append(f"{name}: matches no suspicious contract (or several equally): not used")
            continue
        details, origin = out.get(c.id, (base, {}))
        if origin:
            problems.append(f"{name}: {c.merchant} already has an order e-mail ({next(iter(origin.values()))}): "
                            "not used")
            continue
        found = info.suggestions()
        taken = {f: name for f in use if found.get(f)}
        out[c.id] = (details.with_confirmed(info, taken), taken)
    return out, problems


# --------------------------------------------------------------------------- command line


def register(subparsers: Any) -> None:
    """Add ``letters`` to the ``audit`` parser."""
    p = subparsers.add_parser("letters", help="write each suspicious contract's letters (.txt and .eml) to a folder")
    p.add_argument("paths", nargs="+", metavar="STATEMENT", help="statement files or folders")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write one sub-folder per contract into")
    p.add_argument("--order-email", dest="emails", action="append", default=[], metavar="FILE.eml",
                   help="an order-confirmation e-mail; it goes to the one contract it matches (may repeat)")
    p.add_argument("--use", default=",".join(DEFAULT_USE), metavar="FIELDS",
                   help=f"what to take from an order e-mail (of {', '.join(EMAIL_FIELDS)}; default: %(default)s)")
    p.add_argument("--client", metavar="NAME", help="whose statements they are (one person)")
    p.add_argument("--clients-from-folders", action="store_true", help="each file's client is its folder")
    p.add_argument("--name", default="", help="the sender's name, as it goes under each letter")
    p.add_argument("--email", default="", help="the address the sender signed up with")
    p.add_argument("--card-issuer", default="", help="card company (default: as each statement names it)")
    p.add_argument("--list", dest="lists", action="append", default=[], metavar="FILE", help="extra merchant list")
    p.set_defaults(func=cmd_letters)


def _err(line: str) -> None:
    print(clean_line(line), file=sys.stderr)


def _read_emails(paths: Sequence[str]) -> tuple[list[tuple[str, Any]], list[str]]:
    from audit.cases.eml import MAX_EML_BYTES, parse_order_email
    from audit.errors import StatementError
    from audit.files import read_regular

    out, problems = [], []
    for p in paths:
        try:
            info = parse_order_email(read_regular(p, p, MAX_EML_BYTES, what="e-mail"))
        except StatementError as exc:
            problems.append(str(exc))
            continue
        except ValueError as exc:
            problems.append(f"{p}: {exc}")
            continue
        out.append((p, info))
    return out, problems


def cmd_letters(args: argparse.Namespace) -> int:
    """``audit letters``: scan, match the order e-mails, write each contract's folder."""
    use = [u.strip() for u in args.use.split(",") if u.strip()]
    if set(use) - set(EMAIL_FIELDS):
        _err(f"audit: error: --use {args.use!r}: choose from {', '.join(EMAIL_FIELDS)}")
        return 2
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        _err(f"audit: error: --out {out}: is a file; letters are written to a folder")
        return 2
    from audit.cards import issuer_for
    from audit.pipeline import scan

    result = scan(args.paths, merchant_lists=args.lists, client=args.client,
                  clients_from_folders=args.clients_from_folders)
    errors = [str(e) for e in result.errors]
    emails, problems = _read_emails(args.emails)
    errors += problems
    base = LetterDetails(name=args.name, email=args.email, card_issuer=args.card_issuer)
    per_contract, unmatched = match_emails(emails, result.contracts, base, use)
    issuers = {c.id: issuer_for(c, getattr(result, "cards", []) or []) for c in result.contracts}
    folders = contract_folders(result.contracts, base, per_contract, issuers)
    inputs = [Path(p) for p in [*args.emails, *args.lists]] + [Path(f) for *_, f, _ in _files(args)]
    for line in errors:
        _err(f"audit: error: {line}")
    for line in unmatched:
        _err(f"audit: warning: {line}")
    planned = [(f, out / f.folder, f.files()) for f in folders]
    for _, target, files in planned:  # nothing is written when any letter would replace an input
        clash = [target / n for n in files if any(_same(target / n, i) for i in inputs)]
        if clash:
            _err(f"audit: error: --out {out}: would overwrite the input {clash[0]}; give another folder")
            return 2
    written = 0
    for f, target, files in planned:
        try:
            target.mkdir(parents=True, exist_ok=True)
            for n, data in files.items():
                (target / n).write_bytes(data)
        except OSError as exc:
            _err(f"audit: error: --out {target}: cannot write ({exc.strerror or exc})")
            return 1
        written += 1
        taken = f"; from {', '.join(sorted(set(f.from_email.values())))}: {', '.join(f.from_email)}" if f.from_email else ""
        print(clean_line(f"{target}: {f.contract.merchant} ({len(files)} files){taken}"))
    print(clean_line(f"audit: {written} contract folder(s) written to {out}"))
    return 1 if errors else 0


def _files(args: argparse.Namespace) -> list[tuple[str, None, Path, str | None]]:
    from audit.pipeline import statement_files

    return statement_files(args.paths, args.clients_from_folders, args.client)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def clients_zip(clients: Sequence[tuple[str, Any]], details: Sequence[LetterDetails],
                contract_details: Mapping[tuple[str, str], LetterDetails] | None = None) -> bytes:
    """Every suspicious contract's letters of several clients (``(name, ScanResult)``) as one ZIP: a folder per
    contract (per client and contract when there are several clients), each with its own details."""
    several = len(clients) > 1
    out: list[ContractFolder] = []
    for (name, result), base in zip(clients, details, strict=True):
        bad = [c for c in result.contracts or [] if c.suspicious]
        own = {c.id: ((contract_details or {}).get((name, c.id)) or base, {}) for c in bad}
        for f in contract_folders(bad, base, own):
            if several:
                f.folder = f"{safe_name(name or 'client')}/{f.folder}"
            out.append(f)
    return zip_folders(out)


def zip_folders(folders: Sequence[ContractFolder]) -> bytes:
    """All the folders' letters in one ZIP (``<folder>/<kind>.txt`` ...), for a page's download button."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for f in folders:
            for name, data in f.files().items():
                z.writestr(f"{f.folder}/{name}", data)
    return buf.getvalue()
