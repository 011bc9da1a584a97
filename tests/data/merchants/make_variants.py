"""Regenerate ``listed_variants.csv``: statement forms of every alias in the shipped scam list.

Each alias is printed the ways card networks and issuers print merchant names: plain, behind a payment
facilitator's prefix (PayPal, PP*, FastSpring, 2Checkout), with a phone number or a city and country in
the city field (padded name field, as networks print it), cut at 22 (Mastercard) and 25 (Visa)
characters, in full-width letters and lower case. Phone numbers are 555 numbers; cities are a fixed
rotation. Hand-written katakana renderings live in ``listed_katakana.csv`` (not generated).

    python tests/data/merchants/make_variants.py
"""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

HERE = Path(__file__).parent
LIST = HERE.parents[2] / "merchant_lists" / "known_scams.toml"
OUT = HERE / "listed_variants.csv"
CITIES = [("NICOSIA", "CY"), ("MIAMI", "FL"), ("LONDON", "GB"), ("NEW YORK", "NY"), ("DELHI", "IND")]


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


def forms(alias: str, i: int) -> list[tuple[str, str]]:
    name = alias.upper()
    city, country = CITIES[i % len(CITIES)]
    out = [
        ("plain", name),
        ("paypal", f"PAYPAL *{name}"[:22].rstrip()),
        ("pp", f"PP*{name}"[:22].rstrip()),
        ("fastspring", f"FS *{name} 8443"),
        ("2checkout", f"2CO.COM*{name}"[:25].rstrip()),
        ("phone", f"{name[:22].rstrip()} 888-555-01{i % 100:02d}"),
        ("city-country", f"{name[:22].ljust(22)}  {city:<13}{country}"),
        ("full-width", _full_width(name)),
        ("lower-case", alias.lower()),
    ]
    if len(name) > 22:
        out.append(("cut-22", name[:22].rstrip()))
    if len(name) > 25:
        out.append(("cut-25", name[:25].rstrip()))
    return out


def main() -> int:
    doc = tomllib.loads(LIST.read_text(encoding="utf-8"))
    rows: dict[str, tuple[str, str, str]] = {}
    i = 0
    for e in doc["entry"]:
        names = list(e.get("aliases", [])) + [a for a in e.get("weak_aliases", []) if "." not in a]
        for alias in names:
            variants = forms(alias, i) if alias in e.get("aliases", []) else [("plain", alias.upper())]
            for variant, text in variants:
                rows.setdefault(text, (text, e["id"], variant))
            i += 1
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["descriptor", "expected", "variant"])
        w.writerows(rows.values())
    print(f"{len(rows)} variants written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
