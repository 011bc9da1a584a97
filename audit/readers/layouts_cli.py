"""``audit layouts save|list|rename|forget``: column mappings kept for later files with the same header,
and the ``--columns`` family of options that ``audit scan`` shares with ``layouts save``."""

from __future__ import annotations

import argparse
import json
import sys

from audit.masking import clean_line
from audit.readers.mapping import ColumnMapping, MappingError, checked, parse_columns


def add_mapping_options(p: argparse.ArgumentParser) -> None:
    """``--columns``, ``--decimal``, ``--date-format``, ``--currency``, ``--skip``, ``--sign``."""
    p.add_argument("--columns", metavar="ROLES",
                   help='which column is which, by header name or 1-based position: "date=Datum,description=Payee,'
                        'amount=3" (roles: date, posting_date, description, amount, debit, credit, currency, card, '
                        'type, balance, notes, ignore)')
    p.add_argument("--decimal", choices=(".", ","), help="the decimal mark of the amounts")
    p.add_argument("--date-format", metavar="FORMAT", help="e.g. DD/MM/YYYY, YYYY年M月D日 or %%d.%%m.%%y")
    p.add_argument("--currency", metavar="CODE", help="ISO currency of rows that name none, e.g. EUR")
    p.add_argument("--skip", type=int, metavar="N", help="lines above the header row (or the first row)")
    p.add_argument("--sign", choices=("charges-positive", "charges-negative"),
                   help="how a single amount column prints money out")


def mapping_from_args(args: argparse.Namespace) -> ColumnMapping | None:
    """The mapping the options give (None when none is used); :class:`MappingError` when one is wrong."""
    values = [getattr(args, k, None) for k in ("columns", "decimal", "date_format", "currency", "skip", "sign")]
    if all(v is None for v in values):
        return None
    cols = parse_columns(args.columns) if args.columns else {}
    return checked(ColumnMapping(cols, args.decimal, args.date_format, args.currency, args.skip, args.sign))


def register(subparsers) -> None:  # argparse's _SubParsersAction
    """Add ``layouts`` and its sub-commands to the ``audit`` parser."""
    p = subparsers.add_parser("layouts", help="column mappings saved for later files with the same header")
    sub = p.add_subparsers(dest="layouts_command", required=True)
    s = sub.add_parser("save", help="save how FILE is read, for every later file with the same header")
    s.add_argument("name", metavar="NAME")
    s.add_argument("file", metavar="FILE", help="a statement of this layout (read now, to check the mapping)")
    add_mapping_options(s)
    s.set_defaults(func=cmd_save)
    ls = sub.add_parser("list", help="the saved mappings")
    ls.add_argument("--json", action="store_true", help="print JSON instead of text")
    ls.set_defaults(func=cmd_list)
    r = sub.add_parser("rename", help="give a saved mapping another name")
    r.add_argument("old", metavar="NAME")
    r.add_argument("new", metavar="NEW")
    r.set_defaults(func=cmd_rename)
    sh = sub.add_parser("show", help="FILE's first rows as they are and the role the reader gives each column "
                                     "(how sure, and why): what to write in --columns")
    sh.add_argument("file", metavar="FILE")
    sh.set_defaults(func=cmd_show)
    f = sub.add_parser("forget", help="delete a saved mapping")
    f.add_argument("name", metavar="NAME")
    f.set_defaults(func=cmd_forget)


def _err(line: str) -> int:
    print(clean_line(f"audit: error: {line}"), file=sys.stderr)
    return 2


def cmd_save(args: argparse.Namespace) -> int:
    from audit.errors import StatementError
    from audit.readers import read_statement
    from audit.readers.saved import LayoutStore

    try:
        mapping = mapping_from_args(args)
    except MappingError as exc:
        return _err(str(exc))
    if mapping is None or not mapping.columns:
        return _err("layouts save needs --columns (which column is which)")
    try:
        df, report = read_statement(args.file, mapping=mapping)
    except StatementError as exc:
        return _err(str(exc))
    if report.kind != "csv":
        return _err(f"{report.source}: only delimited (CSV, TSV) files take a column mapping")
    try:
        saved = LayoutStore().save(args.name, mapping, report.signature, report.issuer)
    except (MappingError, OSError) as exc:
        return _err(str(exc))
    print(clean_line(f"saved {saved.name!r}: {len(df)} transactions read from {report.source}; used for every "
                     f"file whose header is {saved.signature!r}"))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """The file's first rows and the reader's choice per column (:mod:`audit.picker`, as the page shows them)."""
    from pathlib import Path

    from audit import picker
    from audit.errors import StatementError
    from audit.files import read_regular
    from audit.readers import read_statement

    path = Path(args.file)
    try:
        data = read_regular(path)
        if not picker.can_map(path.name, data):
            return _err(f"{path.name}: only delimited (CSV, TSV) files take a column mapping")
        head = picker.file_head(data, path.name)
    except StatementError as exc:
        return _err(str(exc))
    try:
        _df, report = read_statement(data=data, name=path.name)
    except StatementError as exc:
        report = None
        print(clean_line(f"the reader refuses it: {exc}"))
    for line in picker.describe(head, picker.start_from(report, head)):
        print(clean_line(line))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from audit.readers.saved import LayoutStore

    try:
        items = LayoutStore().list()
    except MappingError as exc:
        return _err(str(exc))
    if args.json:
        json.dump([s.to_dict() for s in items], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not items:
        print("no saved layouts (save one with: audit layouts save NAME FILE --columns ...)")
    for s in items:
        cols = ", ".join(f"{r}={v}" for r, v in s.mapping.columns.items())
        extra = ", ".join(f"{k}={v}" for k, v in s.mapping.to_dict().items() if k != "columns")
        print(clean_line(f"{s.name}  [{s.saved}]  header: {s.signature}"))
        print(clean_line(f"    {cols}" + (f"; {extra}" if extra else "")))
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    from audit.readers.saved import LayoutStore

    try:
        LayoutStore().rename(args.old, args.new)
    except (MappingError, OSError) as exc:
        return _err(str(exc))
    print(clean_line(f"renamed {args.old!r} to {args.new!r}"))
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    from audit.readers.saved import LayoutStore

    try:
        gone = LayoutStore().forget(args.name)
    except (MappingError, OSError) as exc:
        return _err(str(exc))
    if not gone:
        return _err(f"no saved layout named {args.name!r}")
    print(clean_line(f"forgot {args.name!r}"))
    return 0
