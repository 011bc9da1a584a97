"""Command-line interface: ``audit scan``, ``audit merchants ...``, ``audit eval``.

Errors reach stderr as one line each; exit status is 0 on success, 1 when some file could not be
read (the others are still audited) or a merchant list is broken, 2 on usage errors, 3 on an
internal error (one line; set ``AUDIT_DEBUG=1`` to see the traceback).

Start-up stays fast: nothing heavy (pandas, the readers, the plugins' modules) is imported until a
command needs it, so ``audit --version`` and ``audit --help`` answer at once. Every line written
to the terminal passes :func:`audit.masking.clean_line` (no escape sequences, no fake line breaks).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from audit import __version__
from audit.errors import MerchantListError, StatementError
from audit.masking import clean_line

# Modules that add their own sub-commands: each has ``register(subparsers)``; imported only when used.
_PLUGINS = {
    "merchants": ("audit.merchants.cli", "check merchant lists and see why a descriptor matches"),
    "eval": ("audit.evaluation", "precision/recall of recurring detection on the labelled set"),
    "cases": ("audit.cases.cli", "follow each contract to its refund: statuses, letters, replies (local case store)"),
    "layouts": ("audit.readers.layouts_cli", "column mappings saved for later files with the same header"),
    "letters": ("audit.cases.batch", "write each suspicious contract's letters (.txt and .eml), a folder per merchant"),
}


def _command(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv`` (first word that is not an option)."""
    return next((a for a in argv if not a.startswith("-")), None)


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors as one line (the command's ``--help`` shows the usage)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{clean_line(self.prog)}: error: {clean_line(message)} (see {clean_line(self.prog)} --help)\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The ``audit`` parser; a plugin's real options are loaded only when ``argv`` names it (or ``argv`` is None)."""
    parser = _Parser(prog="audit", description="Audit card statements for recurring scam charges.")
    parser.add_argument("--version", action="version", version=f"audit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    scan = sub.add_parser("scan", help="read statements and list suspicious charges and subscriptions")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="CSV or PDF statement files, or folders of them")
    scan.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    scan.add_argument(
        "--list", dest="lists", action="append", default=[], metavar="FILE",
        help="extra (local) merchant list layered on the shipped ones; may repeat",
    )
    scan.add_argument("--all", action="store_true", help="print every transaction, not just the first 50")
    scan.add_argument("--format", choices=("text", "json", "parquet", "csv"), default=None,
                      help="output format (parquet and csv need --out; json/text go to stdout without --out)")
    scan.add_argument("--out", metavar="PATH", help="write the result here (a file for json/text, a folder "
                      "for parquet/csv) instead of printing it")
    scan.add_argument("--client", metavar="NAME", help="client the statements belong to (one person or account)")
    scan.add_argument("--clients-from-folders", action="store_true",
                      help="each file's client is the folder it lies in (client_x/jan.csv -> client_x)")
    scan.add_argument("--engine", choices=("local", "dask"), default="local",
                      help="local: this process; dask: a Dask cluster over folder trees or Parquet data sets")
    scan.add_argument("--scheduler", metavar="ADDRESS",
                      help="Dask scheduler address (default: a local cluster on this machine)")
    scan.add_argument("--workers", type=int, default=None, metavar="N", help="local Dask cluster: worker processes")
    scan.add_argument(
        "--limit", dest="limits", action="append", default=[], metavar="NAME=VALUE",
        help="change a reading limit, e.g. pages=10000 (names: bytes, rows, columns, pages, text_objects, "
        "decompressed_bytes, seconds_per_page); may repeat",
    )
    scan.add_argument(
        "--same-card", dest="same_card", action="append", default=[], metavar="FILE=OTHER",
        help="statements printing no card number: FILE is on the same card as OTHER (FILE=FILE: a card of its "
        "own); by default files are one card only when layout, currency and periods say so; may repeat",
    )
    scan.add_argument(
        "--file-currency", dest="file_currency", action="append", default=[], metavar="FILE=CODE",
        help="the billing currency of a statement that does not state one (e.g. us_card.csv=USD); what a file "
        "states is never changed; may repeat",
    )
    wanted = _command(argv) if argv is not None else None
    if argv is None or wanted == "scan":  # the readers' package imports pandas: not for --version or another command
        from audit.readers.layouts_cli import add_mapping_options

        add_mapping_options(scan)
    scan.set_defaults(func=cmd_scan)

    import importlib

    for name, (mod, help_text) in _PLUGINS.items():
        if argv is None or wanted == name:
            importlib.import_module(mod).register(sub)
        else:  # listed in --help without importing the module
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


def _err(line: str) -> None:
    print(clean_line(line), file=sys.stderr)


def _per_client_note(args: argparse.Namespace) -> None:
    """A folder holding one folder per client (and no statements of its own) is audited per client, said once."""
    if args.client or args.clients_from_folders:
        return
    from audit.files import per_client_folders

    for p in args.paths:
        clients = per_client_folders(p)
        if len(clients) > 1:
            args.clients_from_folders = True
            _err(f"audit: note: {p} holds one folder per client ({', '.join(clients[:3])}"
                 f"{', ...' if len(clients) > 3 else ''}): each folder is audited as its own client "
                 "(--client NAME audits them as one)")
            return


def _scan_dask(args: argparse.Namespace) -> int:
    """``scan --engine dask``: one line per file problem, the summary line on stdout."""
    import importlib.util

    if not all(importlib.util.find_spec(m) for m in ("dask", "distributed", "pyarrow")):
        _err("audit: error: --engine dask needs the 'scale' extra: pip install -e '.[scale]' "
             "(or pip install 'dask[dataframe]' distributed pyarrow)")
        return 2
    if not args.out:
        _err("audit: error: --engine dask needs --out FOLDER (findings and contracts are written as Parquet)")
        return 2
    from audit.scale.dask_engine import run_dask

    summary = run_dask(args.paths, args.out, merchant_lists=args.lists, scheduler=args.scheduler,
                       clients_from_folders=args.clients_from_folders, client=args.client, workers=args.workers)
    for err in summary.errors:
        _err(f"audit: error: {err}")
    for warning in summary.warnings:
        _err(f"audit: warning: {warning}")
    print(clean_line(summary.line()))
    return 1 if summary.errors else 0


def cmd_scan(args: argparse.Namespace) -> int:
    fmt = args.format or ("json" if args.json else "text")
    if fmt in ("parquet", "csv") and not args.out:
        _err(f"audit: error: --format {fmt} needs --out FOLDER")
        return 2
    _per_client_note(args)
    if args.out:
        from audit.outpaths import out_problem

        problem = out_problem(args.out, fmt, args.paths, args.lists, folder=args.engine == "dask")
        if problem:
            _err(f"audit: error: --out {problem}")
            return 2
    from audit.readers.limits import DEFAULT, in_force

    try:
        limits = DEFAULT.with_overrides(getattr(args, "limits", []))
    except ValueError as exc:
        _err(f"audit: error: {exc}")
        return 2
    if args.engine == "dask":
        with in_force(limits):
            return _scan_dask(args)

    from audit.pipeline import scan

    same_card = {}
    for pair in getattr(args, "same_card", []):
        name, sep, other = pair.partition("=")
        if not (sep and name.strip() and other.strip()):
            _err(f"audit: error: --same-card {pair!r}: write FILE=OTHER (file names, e.g. feb.csv=jan.csv)")
            return 2
        same_card[os.path.basename(name.strip())] = os.path.basename(other.strip())
    from audit.pipeline import currency_code

    currency = {}
    for pair in getattr(args, "file_currency", []):
        name, sep, code = pair.partition("=")
        try:
            if not (sep and name.strip()):
                raise ValueError("write FILE=CODE (a file name and an ISO code, e.g. us_card.csv=USD)")
            currency[os.path.basename(name.strip())] = currency_code(code)
        except ValueError as exc:
            _err(f"audit: error: --file-currency {pair!r}: {exc}")
            return 2
    from audit.readers import options
    from audit.readers.layouts_cli import mapping_from_args
    from audit.readers.mapping import MappingError
    from audit.readers.saved import LayoutStore

    try:
        mapping = mapping_from_args(args)
    except MappingError as exc:
        _err(f"audit: error: {exc}")
        return 2
    try:
        saved = tuple(LayoutStore().list())
    except MappingError as exc:  # a damaged store: read as if nothing was saved, and say so
        _err(f"audit: warning: {exc}")
        saved = ()
    with in_force(limits), options.in_force(options.ReadingOptions(mapping=mapping, saved=saved)):
        result = scan(args.paths, merchant_lists=args.lists, client=args.client,
                      clients_from_folders=args.clients_from_folders, same_card=same_card or None,
                      currency=currency or None)
    for err in result.errors:
        _err(f"audit: error: {err}")
    from audit.merchants import list_problems  # every entry a --list drops, named

    for problem in list_problems(args.lists):
        _err(f"audit: warning: {problem}")
    for report in result.reports:
        for problem in report.problems:
            from audit.masking import mask_card

            _err(f"audit: warning: {mask_card(str(problem))}")
    if not result.reports:  # nothing was read: the one-line errors above say why
        return 1
    try:
        _write(result, fmt, args)
    except OSError as exc:
        _err(f"audit: error: --out {args.out}: cannot write ({exc.strerror or exc})")
        return 1
    return 1 if result.errors else 0


def _write(result: object, fmt: str, args: argparse.Namespace) -> None:
    """The scan result in ``fmt``, to ``--out`` or stdout."""
    if fmt in ("parquet", "csv"):
        from audit.scale.output import write_tables

        for path in write_tables(result, args.out, fmt):  # type: ignore[arg-type]
            print(clean_line(f"wrote {path}"))
    elif fmt == "json":
        from audit.scale.output import write_json

        if args.out:
            with open(args.out, "w", encoding="utf-8") as fh:
                write_json(result, fh)  # type: ignore[arg-type]
        else:
            write_json(result, sys.stdout)  # type: ignore[arg-type]
    else:
        from audit.report_text import render_text

        text = render_text(result, all_rows=args.all)  # type: ignore[arg-type]
        if args.out:
            with open(args.out, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            sys.stdout.write(text)


def main(argv: Sequence[str] | None = None) -> int:
    from audit.runtime import quiet_blas_threads

    quiet_blas_threads()  # before numpy is imported: see audit.runtime
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command in _PLUGINS:  # their tables print pandas frames
        import pandas as pd

        pd.set_option("display.width", 200)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except (MerchantListError, StatementError) as exc:
        _err(f"audit: error: {exc}")
        return 1
    except MemoryError:
        _err("audit: error: out of memory (try fewer files at once, or --engine dask)")
        return 3
    except Exception as exc:  # a bug of ours: still one line, the details only on request
        if os.environ.get("AUDIT_DEBUG"):
            raise
        _err(f"audit: internal error: {type(exc).__name__}: {exc} (set AUDIT_DEBUG=1 for details)")
        return 3


def run() -> int:
    """The console entry point: :func:`main`, then what is left frozen for a quick exit (audit.runtime)."""
    from audit.runtime import frozen_for_exit

    status = main()
    frozen_for_exit()
    return status


if __name__ == "__main__":
    raise SystemExit(run())
