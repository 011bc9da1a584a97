"""The month and weekday names shipped in audit/month_table.py are what babel's CLDR data gives."""

from audit.dates import (
    _weekday_names,
    month_name_date,
    month_names,
    month_names_from_cldr,
    weekday_names_from_cldr,
)


def test_shipped_tables_match_cldr():
    # after a babel upgrade: .venv/bin/python scripts/make_month_table.py
    assert month_names() == month_names_from_cldr()
    assert _weekday_names() == weekday_names_from_cldr()


def test_month_names_read_through_the_table():
    assert month_name_date("12 gen. 2024") == "2024-01-12"
    assert month_name_date("Montag, 3. März 2025") == "2025-03-03"
    assert month_name_date("SEVEN-ELEVEN 12") is None
