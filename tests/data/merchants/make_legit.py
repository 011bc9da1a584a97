"""Regenerate ``legit_nsi.csv``: legitimate business names from the OpenStreetMap name-suggestion-index.

The name-suggestion-index (NSI, BSD-3-Clause, https://github.com/osmlab/name-suggestion-index) lists
the brand names of real shops, restaurants, banks, hotels, gyms, salons... as mapped in OpenStreetMap.
Usage (the package comes from the npm registry; nothing is fetched at test time)::

    npm pack name-suggestion-index && tar xzf name-suggestion-index-*.tgz
    python tests/data/merchants/make_legit.py package/dist/json/nsi.json

Each kept brand becomes one descriptor as a card network prints a name field: NFKC, upper case, cut at
25 characters; a fixed share (chosen by a hash of the name, so reruns give the same file) is printed as a
Square/Toast/Shopify small-merchant form or with a store number, as such merchants appear on statements.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).with_name("legit_nsi.csv")
# categories whose brands do not take card payments from a consumer (or are places, not merchants)
SKIP = ("amenity/atm", "advertising/", "amenity/bicycle_rental", "amenity/charging_station", "man_made/",
        "amenity/parcel_locker", "amenity/vending_machine", "amenity/recycling", "office/government",
        "amenity/social_facility", "amenity/payment_terminal", "amenity/post_box", "amenity/bench")
TARGET = 3000
JP_TARGET = 400


def _digest(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16)


def _latin(name: str) -> bool:
    bare = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return len(bare) >= len(unicodedata.normalize("NFKD", name)) - 4 and any(c.isalpha() for c in bare)


def _form(name: str) -> str:
    text = " ".join(unicodedata.normalize("NFKC", name).upper().split())[:25].rstrip()
    h = _digest(name) % 20
    if h == 0:
        return f"SQ *{text}"[:25].rstrip()
    if h == 1:
        return f"TST* {text}"[:25].rstrip()
    if h in (2, 3):
        return f"{text[:19].rstrip()} #{_digest(text) % 9000 + 100}"
    return text


def main(nsi_json: str) -> int:
    nsi = json.loads(Path(nsi_json).read_text(encoding="utf-8"))["nsi"]
    seen: dict[str, tuple[str, str, bool]] = {}
    for key, value in sorted(nsi.items()):
        if not key.startswith("brands/"):
            continue
        category = key.split("/", 1)[1]
        if category.startswith(SKIP):
            continue
        for item in value["items"]:
            name = item.get("tags", {}).get("name") or item.get("displayName") or ""
            name = name.strip()
            if len(name) < 3 or len(name) > 60:
                continue
            jp = "jp" in item.get("locationSet", {}).get("include", [])
            if not (jp or _latin(name)):
                continue  # card networks print Latin letters (Japanese issuers also kana/kanji)
            seen.setdefault(name.casefold(), (name, category, jp))
    names = sorted(seen.values(), key=lambda t: _digest(t[0]))
    jp_names = [t for t in names if t[2]][:JP_TARGET]
    other = [t for t in names if not t[2]][: TARGET - len(jp_names)]
    rows = sorted(jp_names + other, key=lambda t: t[0])
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["descriptor", "name", "category"])
        done = set()
        for name, category, _jp in rows:
            form = _form(name)
            if form not in done:
                done.add(form)
                w.writerow([form, name, category])
    print(f"{len(done)} descriptors written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
