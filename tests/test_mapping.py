"""Column mappings (issue 23): a person says which column is which; saved per header and used again.

Every file is written in the test; merchants are fictional.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from audit.cli import main
from audit.errors import StatementError
from audit.readers import options, read_statement
from audit.readers.mapping import (
    ColumnMapping,
    MappingError,
    checked,
    mapping_from_reading,
    parse_columns,
    strptime_format,
)
from audit.readers.saved import LayoutStore

# A bank export whose header words the reader does not know, with a preamble and an id column.
ODD = (
    "Kontoauszug Musterbank\n"
    "Konto;0001234567\n"
    "\n"
    "#Tag;Nr;Empfaenger Text;Wert;Stand\n"
    "03.05.2026;100231;FICTIONAL HELPDESK;-49,90;1.250,10\n"
    "04.05.2026;100232;CORNER SHOP;-5,20;1.244,90\n"
    "05.05.2026;100233;SALARY FICTIONAL LTD;2.000,00;3.244,90\n"
)


def read(text: str, mapping: ColumnMapping | None = None, name: str = "odd.csv"):
    return read_statement(data=text.encode("utf-8"), name=name, mapping=mapping)


def test_parse_columns_names_positions_and_quotes() -> None:
    assert parse_columns('date=Tag,description="Empfaenger, Text",amount=4') == {
        "date": "Tag", "description": "Empfaenger, Text", "amount": 4}
    for bad in ("date", "when=Tag", "date=Tag,date=2"):
        with pytest.raises(MappingError):
            parse_columns(bad)


def test_date_format_patterns() -> None:
    assert strptime_format("DD/MM/YYYY") == "%d/%m/%Y"
    assert strptime_format("YYYY年M月D日") == "%Y年%m月%d日"
    assert strptime_format("%d.%m.%y") == "%d.%m.%y"
    with pytest.raises(MappingError):
        strptime_format("YYYY")


def test_mapping_overrides_inference_by_header_name() -> None:
    m = checked(ColumnMapping(parse_columns("date=Tag,description=Empfaenger Text,amount=Wert"), decimal=","))
    df, rep = read(ODD, m)
    assert df["amount"].tolist() == [49.9, 5.2, -2000.0]
    assert df["description"].tolist()[0] == "FICTIONAL HELPDESK"
    assert rep.confidence == 1.0 and rep.reading["source"] == "column mapping"
    roles = {c.column: c.role for c in rep.columns}
    assert roles[1] == "date" and roles[3] == "description" and roles[4] == "amount" and roles[2] == "ignore"


def test_mapping_by_position_with_skip_and_sign() -> None:
    m = checked(ColumnMapping({"date": 1, "description": 3, "amount": 4}, skip=3, sign="charges-positive"))
    df, rep = read(ODD, m)
    # charges printed positive: the minus rows are money in for this person's reading
    assert df["amount"].tolist() == [-49.9, -5.2, 2000.0]
    assert rep.reading["header"] is True  # the row under the skipped lines holds words: the header


def test_mapping_errors_are_one_line_naming_the_file() -> None:
    cases = {
        "date=Datum,amount=Wert": "column 'Datum' (date) is not in the header",
        "date=Tag,amount=Tag": "both name column 1",
        "date=9,amount=4": "column 9 (date) does not exist",
    }
    for cols, msg in cases.items():
        with pytest.raises(StatementError, match=re.escape(msg)) as err:
            read(ODD, checked(ColumnMapping(parse_columns(cols))))
        assert str(err.value).startswith("odd.csv: ") and "\n" not in str(err.value)
    with pytest.raises(StatementError, match="date format %Y/%m/%d reads no date"):
        read(ODD, checked(ColumnMapping(parse_columns("date=Tag,amount=Wert"), date_format="YYYY/MM/DD")))
    with pytest.raises(MappingError, match="no amount column"):
        checked(ColumnMapping({"date": 1}))


def test_reader_choices_carry_confidence_and_evidence() -> None:
    df, rep = read(ODD)
    assert len(df) == 3
    roles = {c.role: c for c in rep.columns}
    assert roles["date"].column == 1 and roles["amount"].column == 4 and roles["description"].column == 3
    assert roles["balance"].column == 5 and any("balance" in e for e in roles["balance"].evidence)
    assert all(0 <= c.confidence <= 1 for c in rep.columns)
    assert 0 < rep.confidence <= 1
    back = mapping_from_reading(rep.reading)  # the reader's choice, as a page's picker starts from it
    assert back.columns["date"] in ("Tag", "#Tag", 1)
    again, _ = read(ODD, checked(ColumnMapping(dict(back.columns), decimal=back.decimal, skip=back.skip)))
    assert again["amount"].tolist() == df["amount"].tolist()


def test_store_save_find_rename_forget(tmp_path: Path) -> None:
    store = LayoutStore(tmp_path / "layouts.json")
    m = checked(ColumnMapping(parse_columns("date=Tag,amount=Wert"), decimal=","))
    store.save("musterbank", m, "sig-a")
    assert store.find("sig-a").mapping == m and store.find("other") is None
    assert (tmp_path / "layouts.json").stat().st_mode & 0o777 == 0o600
    store.rename("musterbank", "giro")
    assert [s.name for s in store.list()] == ["giro"]
    assert store.forget("giro") and not store.forget("giro")
    (tmp_path / "layouts.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(MappingError, match=r"layouts\.json"):
        store.list()


def test_saved_mapping_is_used_for_a_later_file_with_the_same_header(tmp_path: Path) -> None:
    store = LayoutStore(tmp_path / "layouts.json")
    m = checked(ColumnMapping(parse_columns("date=Tag,description=Empfaenger Text,amount=Wert"), sign="charges-positive"))
    _, rep = read(ODD, m)
    store.save("musterbank", m, rep.signature)
    later = ODD.replace("CORNER SHOP", "FICTIONAL BAKERY")
    with options.in_force(options.ReadingOptions(saved=tuple(store.list()))):
        df, rep2 = read(later, name="june.csv")
    assert rep2.reading["source"] == "saved layout musterbank"
    assert df["amount"].tolist() == [-49.9, -5.2, 2000.0]
    df, rep3 = read(later, name="june.csv")  # without the saved mappings in force: the reader's own choice
    assert rep3.reading["source"] == "inferred"


def test_cli_columns_and_layouts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AUDIT_DATA_DIR", str(tmp_path / "data"))
    f = tmp_path / "odd.csv"
    f.write_text(ODD, encoding="utf-8")
    assert main(["scan", str(f), "--json", "--columns", "date=Tag,description=Empfaenger Text,amount=Wert",
                 "--sign", "charges-positive", "--currency", "eur"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [t["amount"] for t in out["transactions"]] == [-49.9, -5.2, 2000.0]
    assert {t["currency"] for t in out["transactions"]} == {"EUR"}
    assert out["files"][0]["confidence"] == 1.0 and out["files"][0]["columns"][0]["role"] == "date"
    assert main(["scan", str(f), "--columns", "date=Nope,amount=Wert"]) == 1
    assert "column 'Nope' (date) is not in the header" in capsys.readouterr().err
    assert main(["scan", str(f), "--columns", "when=Tag"]) == 2
    assert main(["layouts", "save", "mb", str(f), "--columns", "date=Tag,description=Empfaenger Text,amount=Wert",
                 "--sign", "charges-positive"]) == 0
    capsys.readouterr()
    assert main(["layouts", "list"]) == 0
    assert "mb" in capsys.readouterr().out
    g = tmp_path / "june.csv"
    g.write_text(ODD.replace("CORNER SHOP", "FICTIONAL BAKERY"), encoding="utf-8")
    assert main(["scan", str(g), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["files"][0]["reading"]["source"] == "saved layout mb"
    assert [t["amount"] for t in out["transactions"]] == [-49.9, -5.2, 2000.0]
    assert main(["layouts", "forget", "mb"]) == 0 and main(["layouts", "forget", "mb"]) == 2


def test_a_file_without_descriptions_or_with_unsure_columns_says_so() -> None:
    df, rep = read("Date,Amount,Memo\n2026-05-01,10.00,\n2026-05-02,5.00,\n")
    assert len(df) == 2 and any(w.startswith("every description is empty") for w in rep.warnings)
    # no header at all, two text columns: both read, the choice reported as unsure
    text = "2026-05-01,FICTIONAL SHOP,Shop memo 1,10.00\n2026-05-02,OTHER SHOP,Another memo,5.00\n2026-05-03,THIRD,More,1.00\n"
    df, rep = read(text)
    assert rep.confidence is not None and rep.confidence < 0.7
    assert {c.role for c in rep.columns} >= {"date", "amount", "description"}
