"""Where ``audit scan --out`` may write: never over an input, and a folder or a file as the format needs.

:func:`out_problem` is checked before anything is read, so a bad ``--out`` costs one line and no work:
a statement or merchant list that the output would replace (``scan stmt.csv --out stmt.csv``,
``scan transactions.csv --format csv --out .``), a folder where a file is written or the reverse, a
missing parent folder for a file, or (for the Dask engine, which writes ``OUT/findings/`` and
``OUT/contracts/``) an output folder inside an input folder or holding one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path


def _inputs(paths: Sequence[str | Path], lists: Sequence[str | Path]) -> list[Path]:
    from audit.pipeline import statement_files

    files = [Path(f) for _, _, f, _ in statement_files(paths)] + [Path(p) for p in lists]
    return [f for f in files if f.exists()]


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _inside(child: Path, parent: Path) -> bool:
    try:
        return child.resolve().is_relative_to(parent.resolve())
    except OSError:
        return False


def out_problem(out: str | Path, fmt: str, paths: Sequence[str | Path], lists: Sequence[str | Path] = (),
                *, folder: bool = False) -> str | None:
    """Why ``out`` cannot take a ``fmt`` result of a scan of ``paths`` (one line, starting with the path), or None.

    ``folder``: the output is a folder of part files (the Dask engine) whatever ``fmt`` says.
    """
    from audit.scale.output import TABLES

    target = Path(out)
    inputs = _inputs(paths, lists)
    if folder or fmt in ("parquet", "csv"):
        if target.exists() and not target.is_dir():
            return f"{out}: is a file; --format {fmt} writes a folder of tables there"
        if folder:
            for f in inputs:
                if _inside(f, target):
                    return f"{out}: holds the input {f}; give an output folder outside the inputs"
            for p in map(Path, paths):
                if p.is_dir() and (_inside(target, p) or _inside(p, target)):
                    return f"{out}: overlaps the input folder {p}; give an output folder outside it"
            return None
        for name in TABLES:
            written = target / f"{name}.{fmt}"
            for f in inputs:
                if _same(written, f):
                    return f"{out}: would overwrite the input {f} with {written.name}; give another folder"
        return None
    if target.is_dir():
        return f"{out}: is a folder; --format {fmt} writes one file (give a file name)"
    if not target.parent.is_dir():
        return f"{out}: the folder {target.parent} does not exist"
    for f in inputs:
        if _same(target, f):
            return f"{out}: is an input of this scan; it would be overwritten (give another file name)"
    return None
