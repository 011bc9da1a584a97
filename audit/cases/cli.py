"""``audit cases ...``: the case store from the command line (the same store the page uses).

    audit cases sync STATEMENT... --client NAME     scan statements, open a case per suspicious contract
    audit cases list [--client NAME] [--as-of DATE] every case, and what is due next
    audit cases show CASE                           one case with its history, letters and replies
    audit cases set-status CASE STATUS [--date D] [--note TEXT]
    audit cases record-letter CASE --kind cancellation|follow_up|dispute (--file F | --text T) [--date D]
    audit cases record-reply CASE (--file F | --text T) [--date D]
    audit cases record-refund CASE AMOUNT CURRENCY   a refund received (kept per currency)
    audit cases export CLIENT                       everything about one client as JSON
    audit cases forget CLIENT --yes                 delete the client and everything of theirs

CASE is the case's short id as ``list`` prints it (``C-0007``; ``c7`` works too), its full key, or the
start of its key. ``--store FILE`` picks another file. Files named on the command line (statements,
``--file``) go through the one shared file check (:mod:`audit.files`): a device or pipe is refused by
name and never read; a store that cannot be used is one line naming it.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from audit.cases.money import format_totals
from audit.cases.statuses import STATUSES, label, next_actions
from audit.cases.store import CaseNotFound, CaseStore, CaseStoreError
from audit.errors import StatementError
from audit.masking import mask_card

LETTER_KINDS = ("cancellation", "follow_up", "dispute")
DATES = (date(1970, 1, 1), date(2100, 12, 31))  # a case's dates: anything else is a typing error
MAX_TEXT_BYTES = 1024 * 1024  # a letter or reply read with --file


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
    if not DATES[0] <= day <= DATES[1]:
        raise argparse.ArgumentTypeError(f"{text}: give a date between {DATES[0]} and {DATES[1]}")
    return day


def register(subparsers) -> None:  # argparse's _SubParsersAction
    """Add ``cases`` and its sub-commands to the ``audit`` parser."""
    p = subparsers.add_parser("cases", help="the local case file: status, letters and replies per contract")
    p.add_argument("--store", metavar="FILE", help="case store file (default: in the user's data folder)")
    sub = p.add_subparsers(dest="cases_command", required=True)

    s = sub.add_parser("sync", help="scan statements and open a case per suspicious contract")
    s.add_argument("paths", nargs="+", metavar="STATEMENT")
    s.add_argument("--client", required=True)
    s.set_defaults(func=_reported(cmd_sync))

    ls = sub.add_parser("list", help="every case and what is due next")
    ls.add_argument("--client")
    ls.add_argument("--as-of", type=_day, default=None, help="date to read due dates against (default: today)")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_reported(cmd_list))

    sh = sub.add_parser("show", help="one case with its history, letters and replies")
    sh.add_argument("key", metavar="CASE")
    sh.add_argument("--client")
    sh.set_defaults(func=_reported(cmd_show))

    st = sub.add_parser("set-status", help="move a case to a status")
    st.add_argument("key", metavar="CASE")
    st.add_argument("status", choices=STATUSES)
    st.add_argument("--date", type=_day, default=None)
    st.add_argument("--note", default="")
    st.add_argument("--client")
    st.set_defaults(func=_reported(cmd_set_status))

    for name, helptext, func in (("record-letter", "keep a letter that was sent", cmd_record_letter),
                                 ("record-reply", "keep a merchant's reply (classified)", cmd_record_reply)):
        r = sub.add_parser(name, help=helptext)
        r.add_argument("key", metavar="CASE")
        if name == "record-letter":
            r.add_argument("--kind", choices=LETTER_KINDS, default="cancellation")
        src = r.add_mutually_exclusive_group(required=True)
        src.add_argument("--file", type=Path)
        src.add_argument("--text")
        r.add_argument("--date", type=_day, default=None)
        r.add_argument("--client")
        r.set_defaults(func=_reported(func))

    rf = sub.add_parser("record-refund", help="a refund received (kept per currency)")
    rf.add_argument("key", metavar="CASE")
    rf.add_argument("amount", type=float)
    rf.add_argument("currency")
    rf.add_argument("--client")
    rf.set_defaults(func=_reported(cmd_record_refund))

    e = sub.add_parser("export", help="everything about one client as JSON")
    e.add_argument("client")
    e.set_defaults(func=_reported(cmd_export))

    f = sub.add_parser("forget", help="delete a client and everything of theirs")
    f.add_argument("client")
    f.add_argument("--yes", action="store_true", help="really delete")
    f.set_defaults(func=_reported(cmd_forget))


def _store(args: argparse.Namespace) -> CaseStore:
    return CaseStore(args.store) if args.store else CaseStore()


def _text(args: argparse.Namespace) -> str:
    """``--text``, or the ``--file`` through the shared file check (regular files of at most 1 MiB)."""
    if args.file is None:
        return str(args.text)
    from audit.files import read_regular

    data = read_regular(args.file, str(args.file), MAX_TEXT_BYTES, what="letter or reply")
    return data.decode("utf-8", errors="replace")


def _reported(cmd: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """``cmd``, with an unknown or ambiguous case key or client name as one error line."""

    @functools.wraps(cmd)
    def run(args: argparse.Namespace) -> int:
        try:
            return cmd(args)
        except CaseNotFound as exc:
            return _err(exc.args[0])
        except (CaseStoreError, StatementError) as exc:
            return _err(str(exc))

    return run


def _err(msg: str) -> int:
    from audit.masking import clean_line

    print(f"audit: error: {' '.join(clean_line(msg).split())}", file=sys.stderr)
    return 1


def cmd_sync(args: argparse.Namespace) -> int:
    from audit.files import file_digest
    from audit.pipeline import scan, statement_files
    from audit.readers.limits import active

    result = scan(args.paths)
    errors = [str(e) for e in result.errors]
    for err in errors:
        _err(err)
    digests = []
    for name, _, path, _ in statement_files(args.paths):
        try:  # by hash only; a file the scan refused (a device, a pipe, too large) is never read here
            digests.append((name, file_digest(path, name, active().bytes)))
        except StatementError:
            continue
    with _store(args) as store:
        for name, digest in digests:
            store.add_statement(args.client, name, sha256=digest)
        keys = store.sync_contracts(args.client, result.contracts or [])
        refs = [c["ref"] for c in store.cases(args.client) if c["key"] in set(keys)]
        print(f"{len(keys)} case(s) for {args.client} in {store.path}" + (f": {', '.join(refs)}" if refs else ""))
    return 1 if errors else 0


def cmd_list(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    with _store(args) as store:
        cases = store.cases(args.client)
    if args.json:
        json.dump({"as_of": as_of.isoformat(), "cases": cases}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not cases:
        print("no cases" + (f" for {args.client}" if args.client else ""))
        return 0
    for c in cases:
        paid = format_totals(c["paid"], empty="-")
        print(f"{c['ref']:<7} {c['client']:<16.16} {mask_card(c['merchant']):<28.28} {label(c['status'], 'en'):<30} "
              f"paid {paid}")
    print(f"\nnext steps as of {as_of.isoformat()}:")
    for a in next_actions(cases, as_of):
        when = "OVERDUE since" if a.overdue else "due"
        print(f"  {when} {a.due.isoformat()}  {a.ref or a.key[:10]}  {a.client}: {mask_card(a.merchant)} - {a.step_en}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _store(args) as store:
        case = store.case(args.key, args.client)
    json.dump(case, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def cmd_set_status(args: argparse.Namespace) -> int:
    with _store(args) as store:
        case = store.set_status(args.key, args.status, on=args.date, note=args.note, client=args.client)
    print(f"{case['ref']}: {label(case['status'], 'en')}; next step due {case['next_due'] or '-'}")
    return 0


def cmd_record_letter(args: argparse.Namespace) -> int:
    text = _text(args)
    with _store(args) as store:
        case = store.record_letter(args.key, args.kind, text, sent_on=args.date, client=args.client)
    print(f"{case['ref']}: {args.kind} letter kept; {label(case['status'], 'en')}; "
          f"next step due {case['next_due'] or '-'}")
    return 0


def cmd_record_reply(args: argparse.Namespace) -> int:
    text = _text(args)
    with _store(args) as store:
        case = store.record_reply(args.key, text, received_on=args.date, client=args.client)
    reply = case["replies"][-1]
    ticket = f"; ticket {reply['ticket']}" if reply["ticket"] else ""
    print(f"{case['ref']}: reply is {reply['category']}{ticket}; {label(case['status'], 'en')}; "
          f"next step due {case['next_due'] or '-'}")
    return 0


def cmd_record_refund(args: argparse.Namespace) -> int:
    if not (args.amount > 0 and args.amount < 1e12) or not args.currency.strip().isalpha():
        return _err("give a positive amount and a currency code such as JPY or USD")
    with _store(args) as store:
        case = store.record_refund(args.key, args.amount, args.currency, client=args.client)
    print(f"{case['ref']}: refunded {format_totals(case['refunded'])}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with _store(args) as store:
        data = store.export_client(args.client)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    if not args.yes:
        return _err(f"this deletes everything about {args.client}: add --yes to confirm")
    with _store(args) as store:
        if not store.forget_client(args.client):
            return _err(f"no client {args.client!r}")
    print(f"forgot {args.client}")
    return 0
