"""Write ``audit/month_table.py``: the month and weekday names the date reader knows, from babel's CLDR data.

The reader loads the written table instead of babel's locale data on every run (about 0.1 s CPU per
process). Run again after a babel upgrade; ``tests/test_dates_tables.py`` fails while the copy differs.

Run: ``.venv/bin/python scripts/make_month_table.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def render() -> str:
    """The module text for the current babel data."""
    from audit.dates import month_names_from_cldr, weekday_names_from_cldr

    months = month_names_from_cldr()
    days = weekday_names_from_cldr()
    lines = ['"""Month and weekday names (folded) from babel\'s CLDR data; written by scripts/make_month_table.py."""',
             "", "MONTHS: dict[str, int] = {"]
    lines += [f"    {k!r}: {v}," for k, v in sorted(months.items())]
    lines += ["}", "", "WEEKDAYS: frozenset[str] = frozenset({"]
    lines += [f"    {k!r}," for k in sorted(days)]
    lines += ["})", ""]
    return "\n".join(lines)


def main() -> int:
    path = ROOT / "audit" / "month_table.py"
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
