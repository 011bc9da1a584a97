#!/usr/bin/env python3
"""Self-check of the Japanese blind set: every file parses as its layout with the
csv module in its real encoding, every labelled line is the transaction row it claims
to be, and every transaction row is labelled.  Prints counts.  Standard library only."""

from __future__ import annotations

import collections
import csv
import io
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ENC = {
    "rakuten": "utf-8-sig",
    "paypay": "utf-8",
    "smbc": "cp932",
    "goldpoint": "cp932",
    "jcb": "cp932",
    "view": "shift_jis",
    "saison": "cp932",
    "epos": "cp932",
    "aeon": "cp932",
}
DATE_RE = re.compile(r"^\s?\d{4}/\d{1,2}/\d{1,2}$")


def tx_rows(issuer, rows):
    """yield (line_no, date, desc, amount) for transaction rows, per layout rules."""
    for i, r in enumerate(rows, start=1):
        if issuer == "rakuten":
            if i == 1:
                assert r[0] == "利用日" and len(r) == 10, r
                continue
            assert len(r) == 10, (i, r)
            if r[0] == "":
                assert r[1].startswith("現地利用額"), r
                continue
            yield i, r[0], r[1], int(r[4])
        elif issuer in ("smbc", "goldpoint"):
            assert len(r) in (3, 7), (i, r)
            if i == 1:
                assert r[0].endswith("様"), r
                continue
            if r[0] == "":
                assert r[5].lstrip("-").isdigit(), r
                continue
            assert DATE_RE.match(r[0]), r
            yield i, r[0], r[1], int(r[2])
        elif issuer == "jcb":
            if i <= 6:
                continue
            assert len(r) == 12, (i, r)
            yield i, r[2].strip(), r[3], int(r[4].replace(",", ""))
        elif issuer == "view":
            if i <= 7:
                continue
            assert len(r) == 11, (i, r)
            amt = r[2] or r[3]
            yield i, r[0], r[1], int(amt.replace(",", ""))
        elif issuer == "paypay":
            if i == 1:
                assert r[0] == "利用日/キャンセル日" and len(r) == 11
                continue
            yield i, r[0], r[1], int(r[4])
        elif issuer == "saison":
            if i <= 5:
                continue
            assert len(r) == 7, (i, r)
            yield i, r[0], r[1], int(r[5])
        elif issuer == "epos":
            if i <= 2:
                continue
            assert len(r) == 8, (i, r)
            if r[0] != "ショッピング":
                assert r[0].endswith("合計"), r
                continue
            yield i, r[1], r[2], int(r[4])
        elif issuer == "aeon":
            if i <= 5:
                continue
            assert len(r) == 9, (i, r)
            if not r[0].isdigit():
                continue
            yield i, r[0], r[2], int(r[6])


def norm_date(issuer, s):
    s = s.strip()
    if issuer == "aeon":
        return f"20{s[:2]}-{s[2:4]}-{s[4:6]}"
    if issuer == "epos":
        y, rest = s.split("年")
        m, rest = rest.split("月")
        return f"{int(y):04d}-{int(m):02d}-{int(rest.rstrip('日')):02d}"
    y, m, d = s.split("/")
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def main():
    labels = list(csv.DictReader(open(os.path.join(HERE, "labels.csv"), encoding="utf-8")))
    by_file = collections.defaultdict(dict)
    for row in labels:
        by_file[row["file"]][int(row["line"])] = row
    cases_dir = os.path.join(HERE, "cases")
    nfiles = 0
    per_file_rows = []
    totals = []
    layouts_cases = collections.defaultdict(set)
    for cid in sorted(os.listdir(cases_dir)):
        for fn in sorted(os.listdir(os.path.join(cases_dir, cid))):
            issuer = fn.split("_")[0]
            rel = f"{cid}/{fn}"
            raw = open(os.path.join(cases_dir, cid, fn), "rb").read()
            text = raw.decode(ENC[issuer])
            if issuer == "view":
                assert raw.decode("cp932") == text, rel
            if issuer == "rakuten":
                assert raw.startswith(b"\xef\xbb\xbf"), rel
            rows = list(csv.reader(io.StringIO(text, newline="")))
            seen = set()
            n = 0
            tot = 0
            for line, date, desc, amt in tx_rows(issuer, rows):
                lab = by_file[rel].get(line)
                assert lab is not None, (rel, line, desc)
                assert lab["description"] == desc, (rel, line, lab["description"], desc)
                assert int(lab["amount"]) == amt, (rel, line)
                assert lab["date"] == norm_date(issuer, date), (rel, line, lab["date"], date)
                seen.add(line)
                n += 1
                tot += amt
            assert seen == set(by_file[rel]), (rel, set(by_file[rel]) - seen)
            nfiles += 1
            per_file_rows.append(n)
            totals.append(tot)
            layouts_cases[{"goldpoint": "smbc"}.get(issuer, issuer)].add(cid)
    print(f"files {nfiles}, labelled rows {len(labels)}")
    print(
        f"rows per file min {min(per_file_rows)} median {statistics.median(per_file_rows)} max {max(per_file_rows)}"
    )
    print(
        f"statement total yen min {min(totals):,} median {int(statistics.median(totals)):,} max {max(totals):,}"
    )
    print("cases per layout:", {k: len(v) for k, v in sorted(layouts_cases.items())})
    bc = collections.Counter()
    for _cid, b in {(row["case"], row["bucket"]) for row in labels}:
        bc[b] += 1
    print("cases per bucket:", dict(sorted(bc.items())))
    print(
        "scam rows:",
        sum(row["scam"] == "1" for row in labels),
        "brand_legit rows:",
        sum(row["brand_legit"] == "1" for row in labels),
        "brand_legit & scam:",
        sum(row["brand_legit"] == "1" and row["scam"] == "1" for row in labels),
    )
    streams = {row["stream_id"] for row in labels if row["stream_id"]}
    scam_streams = {row["stream_id"] for row in labels if row["stream_id"] and row["scam"] == "1"}
    print("streams:", len(streams), "of which scam:", len(scam_streams))
    mixed = [s for s in scam_streams if any(row["stream_id"] == s and row["scam"] == "0" for row in labels)]
    assert not mixed, mixed
    scam_cases = {row["case"] for row in labels if row["scam"] == "1"}
    print("cases with scam rows:", len(scam_cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
