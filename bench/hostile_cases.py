"""Hostile cases of issue 21 (round two) for ``bench/hostile.py``: the case store and its commands, ``--out``,
descriptor length, Dask Parquet input and the small ones. Each builder writes its files (and, where the
check needs to look at files afterwards, a small driver script) into the case's folder and returns the
command line; :data:`CASES` is appended to the suite's list.
"""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

PY = __import__("sys").executable
AUDIT = [PY, "-m", "audit"]
ROOT = Path(__file__).resolve().parents[1]


def _csv(rows: list[tuple], header: str = "Date,Description,Amount") -> bytes:
    return (header + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)).encode()


def _statement(d: Path, name: str = "stmt.csv") -> Path:
    rows = [(f"2026-{m:02d}-05", "FS *RESTORO 8443", "4980") for m in range(1, 7)]
    (d / name).write_bytes(_csv(rows))
    return d / name


def script(d: Path, body: str) -> list[str]:
    """A driver script in the case folder (its last line printed is what the check reads)."""
    (d / "driver.py").write_text("import os, subprocess, sys, time, sqlite3, hashlib\nfrom pathlib import Path\n"
                                 f"AUDIT = {AUDIT!r}\nD = Path(sys.argv[1])\n" + textwrap.dedent(body))
    return [PY, str(d / "driver.py"), str(d)]


_STORE_WITH_CASE = """
from audit.cases.store import CaseStore
from audit.contracts import Contract
def contract(key="PCSHIELD"):
    ch = [{"id": key + "1", "date": "2026-01-05", "amount": 4980.0, "currency": "JPY", "description": "FS *" + key}]
    return Contract(id="c1", merchant=key, merchant_key=key, descriptors=["FS *" + key], transaction_ids=[key + "1"],
                    charges=ch, total_paid=4980.0, refunded=0.0, currency="JPY", first_date="2026-01-05",
                    last_date="2026-01-05", suspicious=True, score=90.0, reasons=[])
STORE = D / "cases.sqlite3"
with CaseStore(STORE) as s:
    s.sync_contracts("A", [contract()])
"""


def last_line_is(expected: str) -> Callable[[int, str, str], str | None]:
    def check(code: int, out: str, err: str) -> str | None:
        lines = [ln for ln in out.splitlines() if ln.strip()]
        return None if lines and lines[-1] == expected else f"expected {expected!r}, got {lines[-1:]!r}"
    return check


def one_line_naming(word: str) -> Callable[[int, str, str], str | None]:
    def check(code: int, out: str, err: str) -> str | None:
        lines = [ln for ln in err.splitlines() if ln.strip()]
        if len(lines) != 1:
            return f"{len(lines)} stderr lines"
        return None if word in lines[0] else f"the line does not say {word!r}"
    return check


# --- cases commands on non-regular files ----------------------------------------------------------

def cases_sync_dev_zero(d: Path) -> list[str]:
    return [*AUDIT, "cases", "--store", str(d / "cases.sqlite3"), "sync", "/dev/zero", "--client", "A"]


def cases_sync_pipe(d: Path) -> list[str]:
    os.mkfifo(d / "pipe.csv")
    return [*AUDIT, "cases", "--store", str(d / "cases.sqlite3"), "sync", str(d / "pipe.csv"), "--client", "A"]


def record_reply_dev_zero(d: Path) -> list[str]:
    return script(d, _STORE_WITH_CASE + """
p = subprocess.run([*AUDIT, "cases", "--store", str(STORE), "record-reply", "C-0001", "--file", "/dev/zero"],
                   capture_output=True, text=True, timeout=60)
sys.stderr.write(p.stderr)
sys.exit(p.returncode)
""")


def record_letter_pipe(d: Path) -> list[str]:
    return script(d, _STORE_WITH_CASE + """
os.mkfifo(D / "letter.txt")
p = subprocess.run([*AUDIT, "cases", "--store", str(STORE), "record-letter", "C-0001", "--file", str(D / "letter.txt")],
                   capture_output=True, text=True, timeout=60)
sys.stderr.write(p.stderr)
sys.exit(p.returncode)
""")


# --- lost updates ---------------------------------------------------------------------------------

def concurrent_refunds(d: Path) -> list[str]:
    return script(d, _STORE_WITH_CASE + """
holder = sqlite3.connect(STORE, isolation_level=None)
holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock while the five start
procs = [subprocess.Popen([*AUDIT, "cases", "--store", str(STORE), "record-refund", "C-0001", str(a), "JPY"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for a in (100, 200, 300, 400, 500)]
time.sleep(2)
holder.execute("COMMIT")
codes = [p.wait(120) for p in procs]
with CaseStore(STORE) as s:
    print(f"exits {codes}; refunded {s.case('C-0001')['refunded']}")
""")


def concurrent_syncs(d: Path) -> list[str]:
    demo = ROOT / "sample_statements" / "demo" / "client_a"
    return script(d, f"""
files = sorted(str(p) for p in Path({str(demo)!r}).glob("*.csv"))
store = D / "cases.sqlite3"
procs = [subprocess.Popen([*AUDIT, "cases", "--store", str(store), "sync", *files, "--client", "A"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
outs = [p.communicate(timeout=300) for p in procs]
for _, e in outs:
    sys.stderr.write(e)
db = sqlite3.connect(store)
n = db.execute("SELECT count(*) FROM cases").fetchone()[0]
k = db.execute("SELECT count(DISTINCT key) FROM cases").fetchone()[0]
print(f"exits {{[p.returncode for p in procs]}}; cases {{n}} distinct {{k}}")
""")


def refunds_kept(code: int, out: str, err: str) -> str | None:
    return None if out.strip().endswith("exits [0, 0, 0, 0, 0]; refunded {'JPY': 1500.0}") else "a refund was lost"


def syncs_ok(code: int, out: str, err: str) -> str | None:
    m = re.search(r"exits \[0, 0\]; cases (\d+) distinct (\d+)", out)
    return None if m and m.group(1) == m.group(2) != "0" else "a sync failed or a case was doubled"


# --- --out ----------------------------------------------------------------------------------------

def out_over_input(argv_tail: list[str], names: list[str]) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        for n in names:
            _statement(d, n)
        tail = [str(d / a) if a in names or a == "." else a for a in argv_tail]
        return script(d, f"""
before = {{n: hashlib.sha256((D / n).read_bytes()).hexdigest() for n in {names!r}}}
p = subprocess.run([*AUDIT, "scan", *{tail!r}], capture_output=True, text=True, timeout=120)
sys.stderr.write(p.stderr)
after = {{n: hashlib.sha256((D / n).read_bytes()).hexdigest() for n in {names!r}}}
print("inputs unchanged" if before == after else "INPUT OVERWRITTEN")
sys.exit(p.returncode)
""")
    return build


def out_bad(argv_tail: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        _statement(d)
        return [*AUDIT, "scan", str(d / "stmt.csv"), *argv_tail(d)]
    return build


# --- descriptor length ----------------------------------------------------------------------------

def long_descriptors(count: int, chars: int) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        with open(d / "long.csv", "w") as fh:
            fh.write("Date,Description,Amount\n")
            for i in range(count):
                words = " ".join(f"WORD{j % 97}" for j in range(chars // 7))[:chars]
                fh.write(f"2025-{1 + i % 12:02d}-{1 + i % 28:02d},FS *PCSHIELD {words},{4000 + i % 9}\n")
        return [*AUDIT, "scan", str(d / "long.csv")]
    return build


def capped(code: int, out: str, err: str) -> str | None:
    return None if "longer than 256 characters cut to 256" in out + err else "no warning about the cut descriptors"


# --- Dask Parquet input ---------------------------------------------------------------------------

def parquet_declares_100m_rows(d: Path) -> list[str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 1_000_000
    table = pa.table({"client": pa.array(["A"] * n).dictionary_encode(), "date": pa.array([0] * n, pa.date32()),
                      "description": pa.array(["X"] * n).dictionary_encode(), "amount": pa.array([1.0] * n)})
    (d / "data").mkdir()
    with pq.ParquetWriter(d / "data" / "big.parquet", table.schema, compression="zstd") as w:
        for _ in range(100):
            w.write_table(table)
    return [*AUDIT, "scan", str(d / "data"), "--engine", "dask", "--scheduler", "threads", "--out", str(d / "out")]


def parquet_mixed(d: Path) -> list[str]:
    import pandas as pd

    def frame(client: str) -> Any:
        return pd.DataFrame({"id": [f"{client}{i}" for i in range(24)], "client": client,
                             "date": pd.date_range("2025-01-05", periods=24, freq="30D"),
                             "description": "FS *RESTORO 8443", "amount": 4980.0, "currency": "JPY"})

    data = d / "data"
    data.mkdir()
    frame("A").to_parquet(data / "a_good.parquet")
    frame("B").assign(amount=lambda f: f["amount"].astype(str)).to_parquet(data / "b_text_amount.parquet")
    frame("C").assign(amount=lambda f: f["amount"].astype("int64"), extra=1).to_parquet(data / "c_other_schema.parquet")
    frame("D").assign(id="same").to_parquet(data / "d_duplicate_ids.parquet")
    frame("E").drop(columns=["id"]).to_parquet(data / "e_no_id.parquet")
    return [*AUDIT, "scan", str(data), "--engine", "dask", "--workers", "2", "--out", str(d / "out")]


def parquet_lines(code: int, out: str, err: str) -> str | None:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if any(not ln.startswith(("audit: error: ", "audit: warning: ")) for ln in lines):
        return "a line that is not the run's own (library log?)"
    if len(lines) != 3 or "b_text_amount" not in lines[0]:
        return f"{len(lines)} lines, expected 3 (text amount; duplicate ids; no id)"
    return None if "of 4 clients" in out else "the good files were not all read"


def dask_without_scale(d: Path) -> list[str]:
    _statement(d)
    code = ("import sys; sys.modules['distributed'] = None; from audit.cli import main; "
            f"sys.exit(main(['scan', {str(d / 'stmt.csv')!r}, '--engine', 'dask', '--out', {str(d / 'o')!r}]))")
    return [PY, "-c", code]


# --- case store files -----------------------------------------------------------------------------

def store_symlink(d: Path) -> list[str]:
    (d / "target.txt").write_text("someone else's file\n")
    os.chmod(d / "target.txt", 0o644)
    (d / "cases.sqlite3").symlink_to(d / "target.txt")
    return script(d, """
p = subprocess.run([*AUDIT, "cases", "--store", str(D / "cases.sqlite3"), "list"], capture_output=True, text=True)
sys.stderr.write(p.stderr)
print(oct(os.stat(D / "target.txt").st_mode & 0o777))
sys.exit(p.returncode)
""")


def store_dangling(d: Path) -> list[str]:
    (d / "cases.sqlite3").symlink_to(d / "elsewhere" / "made.sqlite3")
    return script(d, """
p = subprocess.run([*AUDIT, "cases", "--store", str(D / "cases.sqlite3"), "list"], capture_output=True, text=True)
sys.stderr.write(p.stderr)
print("nothing created" if not (D / "elsewhere").exists() else "FILE CREATED AT THE TARGET")
sys.exit(p.returncode)
""")


def store_not_db(d: Path) -> list[str]:
    (d / "cases.sqlite3").write_text("not a database\n" * 100)
    return [*AUDIT, "cases", "--store", str(d / "cases.sqlite3"), "list"]


def store_damaged(d: Path) -> list[str]:
    return script(d, _STORE_WITH_CASE + """
data = bytearray(STORE.read_bytes())
data[100:] = b"\\x13" * (len(data) - 100)
STORE.write_bytes(bytes(data))
p = subprocess.run([*AUDIT, "cases", "--store", str(STORE), "list"], capture_output=True, text=True)
sys.stderr.write(p.stderr)
sys.exit(p.returncode)
""")


def store_newer(d: Path) -> list[str]:
    return script(d, _STORE_WITH_CASE + """
db = sqlite3.connect(STORE)
db.execute("INSERT INTO schema_version VALUES (99, 'later')")
db.commit()
p = subprocess.run([*AUDIT, "cases", "--store", str(STORE), "list"], capture_output=True, text=True)
sys.stderr.write(p.stderr)
sys.exit(p.returncode)
""")


# --- small ones -----------------------------------------------------------------------------------

def set_status_9999(d: Path) -> list[str]:
    return script(d, _STORE_WITH_CASE + """
p = subprocess.run([*AUDIT, "cases", "--store", str(STORE), "set-status", "C-0001", "sent", "--date", "9999-12-31"],
                   capture_output=True, text=True)
sys.stderr.write(p.stderr)
sys.exit(p.returncode)
""")


def limit_nan(d: Path) -> list[str]:
    _statement(d)
    return [*AUDIT, "scan", str(d / "stmt.csv"), "--limit", "seconds_per_page=nan"]


def like_key(d: Path) -> list[str]:
    return script(d, _STORE_WITH_CASE + """
codes = [subprocess.run([*AUDIT, "cases", "--store", str(STORE), "show", k], capture_output=True, text=True).returncode
         for k in ("%", "_", "", "||%")]
print(f"exits {codes}")
""")


def csv_minus_signs(d: Path) -> list[str]:
    rows = [(f"2026-0{m}-05", "\u2212cmd|' /C calc'!A0 PCSHIELD", "4980") for m in range(1, 7)]
    rows += [(f"2026-0{m}-06", "\ufe63HYPERLINK(1) SUPPORT", "3000") for m in range(1, 7)]
    (d / "s.csv").write_bytes(_csv(rows))
    return script(d, """
p = subprocess.run([*AUDIT, "scan", str(D / "s.csv"), "--format", "csv", "--out", str(D / "out")],
                   capture_output=True, text=True)
cells = [c for f in (D / "out").glob("*.csv") for line in f.read_text().splitlines() for c in line.split(",")]
bad = [c for c in cells if c.strip('"')[:1] in ("\\u2212", "\\ufe63", "=", "+", "-", "@")]
print(f"{len(bad)} formula-like cells")
sys.exit(p.returncode)
""")


CASES: list[dict[str, Any]] = [
    dict(name="cases sync /dev/zero", build=cases_sync_dev_zero, limit=60, check=one_line_naming("zero"), exits=(1,)),
    dict(name="cases sync of a named pipe", build=cases_sync_pipe, limit=60, check=one_line_naming("pipe.csv"),
         exits=(1,)),
    dict(name="record-reply --file /dev/zero", build=record_reply_dev_zero, limit=60,
         check=one_line_naming("/dev/zero"), exits=(1,)),
    dict(name="record-letter --file on a named pipe", build=record_letter_pipe, limit=60,
         check=one_line_naming("letter.txt"), exits=(1,)),
    dict(name="5 record-refund while the store is locked", build=concurrent_refunds, limit=180, check=refunds_kept,
         exits=(0,)),
    dict(name="two cases sync at once", build=concurrent_syncs, limit=300, check=syncs_ok, exits=(0,)),
    dict(name="--format csv --out . over transactions.csv",
         build=out_over_input(["transactions.csv", "--format", "csv", "--out", "."], ["transactions.csv"]),
         limit=60, check=last_line_is("inputs unchanged"), exits=(2,)),
    dict(name="--out stmt.csv over its own input", build=out_over_input(["stmt.csv", "--out", "stmt.csv"], ["stmt.csv"]),
         limit=60, check=last_line_is("inputs unchanged"), exits=(2,)),
    dict(name="--out a file where a folder is needed",
         build=out_bad(lambda d: ["--format", "parquet", "--out", str(d / "stmt.csv")]), limit=60,
         check=one_line_naming("is a file"), exits=(2,)),
    dict(name="--out in a missing folder", build=out_bad(lambda d: ["--out", str(d / "no" / "x.txt")]), limit=60,
         check=one_line_naming("does not exist"), exits=(2,)),
    dict(name="six 130,000-character descriptors", build=long_descriptors(6, 130_000), limit=60, check=capped),
    dict(name="7.6 KB descriptors, 38 MB file", build=long_descriptors(5_000, 7_600), limit=120, check=capped),
    dict(name="Parquet declaring 100M rows (dask)", build=parquet_declares_100m_rows, limit=180,
         check=one_line_naming("exceeds the limit on rows"), exits=(1,)),
    dict(name="Parquet: text amounts, 2 schemas, dup/no ids", build=parquet_mixed, limit=240, check=parquet_lines,
         exits=(1,)),
    dict(name="--engine dask without the scale extra", build=dask_without_scale, limit=60,
         check=one_line_naming("pip install"), exits=(2,)),
    dict(name="store: symbolic link", build=store_symlink, limit=60, check=last_line_is("0o644"), exits=(1,)),
    dict(name="store: dangling link", build=store_dangling, limit=60, check=last_line_is("nothing created"),
         exits=(1,)),
    dict(name="store: not a database", build=store_not_db, limit=60, check=one_line_naming("cases.sqlite3"),
         exits=(1,)),
    dict(name="store: damaged", build=store_damaged, limit=60, check=one_line_naming("damaged"), exits=(1,)),
    dict(name="store: newer schema", build=store_newer, limit=60, check=one_line_naming("newer card-audit"),
         exits=(1,)),
    dict(name="set-status --date 9999-12-31", build=set_status_9999, limit=60,
         check=one_line_naming("between 1970-01-01 and 2100-12-31"), exits=(2,)),
    dict(name="--limit seconds_per_page=nan", build=limit_nan, limit=60, check=one_line_naming("finite"),
         exits=(2,)),
    dict(name="case keys %, _, empty", build=like_key, limit=60, check=last_line_is("exits [1, 1, 1, 1]"), exits=(0,)),
    dict(name="--format csv: U+2212 / U+FE63 cells", build=csv_minus_signs, limit=60,
         check=last_line_is("0 formula-like cells"), exits=(0,)),
]
