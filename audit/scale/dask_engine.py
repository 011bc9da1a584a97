"""``audit scan --engine dask``: many clients' statements on a Dask cluster.

Input is a folder tree of statements (one folder per client with ``--clients-from-folders``, or
``--client NAME``) or a Parquet data set with the transaction schema and a ``client`` column.

1. Read: statement files are read on the workers, a batch of whole clients per task; a Parquet
   data set is shuffled by ``client`` so every client's rows sit in one partition.
2. Match once: the distinct descriptors of all partitions are gathered and matched against the
   merchant lists once, on the driver; the small hit table is broadcast to every worker.
3. Analyse: each partition runs :func:`audit.pipeline.analyse` (all of its clients in one pass, every
   stage keyed by client and card: the same code as a single-process run) and writes its findings and
   contracts as Parquet: ``OUT/findings/part-NNNNN.parquet`` and ``OUT/contracts/part-NNNNN.parquet``.
   A client's rows are never split over two parts. Contract ids restart per part; the stable
   identifier is ``key``.

``scheduler``: ``None`` starts a local cluster of worker processes; ``"threads"`` runs in this
process on threads (tests, small runs); anything else is a scheduler address (``tcp://host:8786``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

CLIENTS_PER_TASK = 50  # statement folders read and analysed per task


@dataclass
class DaskSummary:
    """What a Dask run did (the CLI prints :meth:`line`)."""

    out: Path
    clients: int = 0
    rows: int = 0
    findings: int = 0
    contracts: int = 0
    parts: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"audit: {self.rows} rows of {self.clients} clients in {self.parts} parts: {self.findings} findings, "
                f"{self.contracts} contracts written to {self.out} ({self.seconds:.1f} s)")


# A local cluster listens on the loopback interface only and serves no dashboard (its small HTTP
# server for health checks binds to 127.0.0.1 on a free port).
_LOCAL_ONLY: dict[str, Any] = {"dashboard_address": "127.0.0.1:0", "scheduler_kwargs": {"dashboard": False}}
_QUIET = 40  # logging.ERROR: LocalCluster(silence_logs=...) for its scheduler and workers


def quiet_logs() -> None:
    """Keep Dask's own INFO and WARNING log lines (and its warnings) off the terminal, here and in the worker
    processes it starts; errors that matter reach the user as the run's own one-line messages."""
    import logging
    import os
    import warnings

    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")  # read by worker processes at start
    os.environ.setdefault("DASK_DISTRIBUTED__LOGGING__DISTRIBUTED", "error")
    for name in ("distributed", "dask", "bokeh", "tornado"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"(dask|distributed)(\.|$)")


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None):
    """A ``distributed.Client``: local processes, in-process threads (``"threads"``) or a remote scheduler."""
    import os

    quiet_logs()
    from distributed import Client, LocalCluster

    if scheduler == "threads":
        cluster = LocalCluster(processes=False, n_workers=1, threads_per_worker=workers or 2, silence_logs=_QUIET,
                               **_LOCAL_ONLY)
    elif scheduler is None:
        n = workers or max(1, os.cpu_count() or 1)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, host="127.0.0.1", silence_logs=_QUIET,
                               **_LOCAL_ONLY)
    else:
        cluster = None
    client = Client(cluster if cluster is not None else scheduler)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- task functions (module level so workers can import them) ---------------------------------

def read_batch(items: list[tuple[str, None, str, str | None]], limits: Any = None
               ) -> tuple[pd.DataFrame, dict[str, Any], list[str]]:
    """Read one batch of clients' statement files: (table, printed periods, error lines), under ``limits``
    (the driver's reading limits; the defaults when None)."""
    from audit.readers.limits import DEFAULT, in_force

    with in_force(limits or DEFAULT):
        return _read_batch(items)


def _read_batch(items: list[tuple[str, None, str, str | None]]) -> tuple[pd.DataFrame, dict[str, Any], list[str]]:
    from audit.pipeline import printed_periods, read_many

    groups: dict[str | None, list[tuple[str, None, str, str | None]]] = {}
    for it in items:
        groups.setdefault(it[3], []).append(it)
    frames, printed, errors = [], {}, []
    for _, group in sorted(groups.items(), key=lambda kv: kv[0] or ""):
        tx, reports, errs = read_many(group)  # per client, as a single-process run of that client would
        frames.append(tx)
        printed.update(printed_periods(reports))
        errors += [str(e) for e in errs]
    tx = pd.concat(frames, ignore_index=True) if frames else None
    if tx is None:
        from audit import schema

        tx = schema.empty_frame()
    return tx, printed, errors


def distinct_descriptors(part: tuple[pd.DataFrame, dict[str, Any], list[str]] | pd.DataFrame) -> list[str]:
    tx = part[0] if isinstance(part, tuple) else part
    return [str(d) for d in pd.unique(tx["description"].dropna())]


def analyse_part(part: tuple[pd.DataFrame, dict[str, Any], list[str]] | pd.DataFrame, hits: Any, out: str,
                 number: int) -> tuple[int, int, int, int]:
    """Analyse one partition (all of each of its clients) and write its tables; returns counts."""
    from audit import schema
    from audit.pipeline import analyse
    from audit.scale.tables import client_map, contracts_frame, findings_frame

    tx, printed = (part[0], part[1]) if isinstance(part, tuple) else (part, {})
    tx = schema.conform(tx)
    if tx["id"].duplicated().any():  # ids repeated across input files: unique within the run all the same
        dup = tx.groupby("id").cumcount()
        tx["id"] = tx["id"].where(dup == 0, tx["id"] + "~" + dup.astype("str"))
    result = analyse(tx, hits=hits, printed=printed)
    findings = findings_frame(result.findings, client_map(result.transactions))
    contracts = contracts_frame(result.contracts)
    import pyarrow as pa
    import pyarrow.parquet as pq

    from audit.scale.tables import CONTRACT_COLUMNS, FINDING_COLUMNS, arrow_schema

    for name, df, columns in (("findings", findings, FINDING_COLUMNS), ("contracts", contracts, CONTRACT_COLUMNS)):
        path = Path(out) / name
        path.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(df, schema=arrow_schema(columns), preserve_index=False)
        pq.write_table(table, path / f"part-{number:05d}.parquet")
    clients = int(tx["client"].nunique(dropna=False)) if len(tx) else 0
    return len(tx), clients, len(findings), len(result.contracts)


# --- driver -------------------------------------------------------------------------------------

def _is_parquet(paths: Sequence[str | Path]) -> bool:
    p = Path(paths[0])
    return len(paths) == 1 and (p.suffix == ".parquet" or (p.is_dir() and any(p.rglob("*.parquet"))))


def run_dask(paths: Sequence[str | Path], out: str | Path, merchant_lists: Sequence[str | Path] = (), *,
             scheduler: str | None = None, clients_from_folders: bool = False, client: str | None = None,
             workers: int | None = None, clients_per_task: int = CLIENTS_PER_TASK,
             partitions: int | None = None) -> DaskSummary:
    """Audit ``paths`` on Dask and write findings and contracts as Parquet under ``out``."""
    from audit.pipeline import HitTable, merchant_db, statement_files

    start = time.perf_counter()
    out = Path(out)
    summary = DaskSummary(out=out)
    db = merchant_db(merchant_lists)  # fails here, once, when a list is broken
    checked = None
    if _is_parquet(paths):  # every file checked from its footer before the cluster starts
        from audit.readers.limits import active
        from audit.scale.parquet_input import check_parquet

        checked = check_parquet(paths[0], active().rows, client)  # one line per problem, per file
        summary.errors += checked.errors
        summary.warnings += checked.warnings
        if not checked.files:
            summary.seconds = time.perf_counter() - start
            return summary
    with dask_client(scheduler, workers) as dc:
        if checked is not None:
            import dask.dataframe as dd
            from dask import delayed

            from audit import schema
            from audit.scale.parquet_input import load_file

            ddf = dd.from_delayed([delayed(load_file)(f, client) for f in checked.files], meta=schema.empty_frame(),
                                  verify_meta=False)
            ddf = ddf.shuffle("client", npartitions=partitions or len(checked.files))
            parts = dc.compute(ddf.to_delayed())
        else:
            items = [(n, None, str(p), c) for n, _, p, c in statement_files(paths, clients_from_folders, client)]
            by_client: dict[str, list[Any]] = {}
            for it in items:
                by_client.setdefault(it[3] or "", []).append(it)
            names = sorted(by_client)
            batches = [[it for name in names[i:i + clients_per_task] for it in by_client[name]]
                       for i in range(0, len(names), clients_per_task)]
            from audit.readers.limits import active

            parts = dc.map(read_batch, batches, [active()] * len(batches), pure=False)
        descriptors = dc.gather(dc.map(distinct_descriptors, parts))
        hits = HitTable.build((d for ds in descriptors for d in ds), db)  # match each descriptor once
        hits_future = dc.scatter(hits, broadcast=True)
        counts = dc.gather(dc.map(analyse_part, parts, [hits_future] * len(parts), [str(out)] * len(parts),
                                  list(range(len(parts))), pure=False))
        if not _is_parquet(paths):
            errors = dc.gather(dc.map(lambda p: p[2], parts))
            summary.errors += sorted(e for errs in errors for e in errs)
    summary.parts = len(counts)
    summary.rows = sum(c[0] for c in counts)
    summary.clients = sum(c[1] for c in counts)
    summary.findings = sum(c[2] for c in counts)
    summary.contracts = sum(c[3] for c in counts)
    summary.seconds = time.perf_counter() - start
    return summary
