"""Command-line interface: ``audit scan``, ``audit merchants ...``, ``audit eval``.

Errors reach stderr as one line each; exit status is 0 on success, 1 when some file could not be
read (the others are still audited) or a merchant list is broken, 2 on usage errors, 3 on an
internal error (one line; set ``AUDIT_DEBUG=1`` to see the traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

import pandas as pd

from audit import __version__
from audit.errors import MerchantListError, StatementError

# Modules that add their own sub-commands: each has ``register(subparsers)``.
_PLUGINS = ("audit.merchants.cli", "audit.evaluation", "audit.cases.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="audit", description="Audit card statements for recurring scam charges.")
    parser.add_argument("--version", action="version", version=f"audit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    scan = sub.add_parser("scan", help="read statements and list suspicious charges and subscriptions")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="CSV or PDF statement files")
    scan.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    scan.add_argument(
        "--list", dest="lists", action="append", default=[], metavar="FILE",
        help="extra (local) merchant list layered on the shipped ones; may repeat",
    )
    scan.add_argument("--all", action="store_true", help="print every transaction, not just the first 50")
    scan.set_defaults(func=cmd_scan)

    import importlib

    for mod in _PLUGINS:
        importlib.import_module(mod).register(sub)
    return parser


def cmd_scan(args: argparse.Namespace) -> int:
    from audit.pipeline import scan

    result = scan(args.paths, merchant_lists=args.lists)
    for err in result.errors:
        print(f"audit: error: {err}", file=sys.stderr)
    for report in result.reports:
        for problem in report.problems:
            print(f"audit: warning: {problem}", file=sys.stderr)
    if not result.reports:  # nothing was read: the one-line errors above say why
        return 1
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from audit.report_text import render_text

        sys.stdout.write(render_text(result, all_rows=args.all))
    return 1 if result.errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    pd.set_option("display.width", 200)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except (MerchantListError, StatementError) as exc:
        print(f"audit: error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug of ours: still one line, the details only on request
        if os.environ.get("AUDIT_DEBUG"):
            raise
        print(f"audit: internal error: {type(exc).__name__}: {exc} (set AUDIT_DEBUG=1 for details)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
