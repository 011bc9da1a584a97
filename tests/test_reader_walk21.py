"""Reader classes met on walk 21 (a newcomer's Polish bank export), each on files written here (an
invented bank, invented rows) and checked for invariance: the same rows whatever the column order, the
header words or the encoding."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from audit.picker import unsure
from audit.readers import read_statement

MERCHANTS = [
    ("03.08.2026", "Card payment", "GROCER ONE 1234 TOWN", "112,45", ""),
    ("05.08.2026", "Card payment", "STREAMFLIX.EXAMPLE", "43,00", ""),
    ("06.08.2026", "Incoming transfer", "PENSION OFFICE", "", "3 200,00"),
    ("10.08.2026", "Card payment", "HELPDESK CENTER 18005550123", "1 249,00", ""),
    ("11.08.2026", "Card payment", "KIOSK Z1234 TOWN", "800,00", ""),
    ("12.08.2026", "Card payment", "PHONE CO MONTHLY", "65,00", ""),
    ("20.08.2026", "Card payment", "DISCOUNTER TOWN", "76,30", ""),
    ("05.09.2026", "Card payment", "STREAMFLIX.EXAMPLE", "43,00", ""),
    ("10.09.2026", "Card payment", "HELPDESK CENTER 18005550123", "1 249,00", ""),
    ("15.09.2026", "Card payment", "PCFIX TECHSERV LTD", "3 499,00", ""),
]


def bank_export(type_header: str = "Description", party_header: str = "Partner", order: tuple[int, ...] = (0, 1, 2, 3, 4)) -> str:
    header = ["Date", type_header, party_header, "Debit", "Credit"]
    lines = ["Bank Example - account history", "Currency:;PLN", "", ";".join(header[i] for i in order)]
    for row in MERCHANTS:
        lines.append(";".join(row[i] for i in order))
    return "\n".join(lines) + "\n"


def read(text: str, encoding: str = "utf-8"):
    return read_statement(data=text.encode(encoding), name="bank.csv")


def _rows(df: pd.DataFrame) -> list[tuple]:
    return [(str(d.date()), desc, round(float(a), 2)) for d, desc, a in zip(df["date"], df["description"], df["amount"], strict=True)]


EXPECTED = [(pd.Timestamp(d.replace(".", "-")[6:] + d[2:6].replace(".", "-") + d[:2]).date().isoformat(), party,
             -float(c.replace(" ", "").replace(",", ".")) if c else float(a.replace(" ", "").replace(",", ".")))
            for d, _t, party, a, c in MERCHANTS]


@pytest.mark.parametrize("type_header", ["Description", "Opis operacji", "Transaction details", "Libellé"])
@pytest.mark.parametrize("party_header", ["Partner", "Kontrahent", "Xq", "Gegenseite"])
def test_a_type_column_named_description_gives_way_to_the_column_of_names(type_header: str, party_header: str) -> None:
    """The header names a column the description, but it holds two movement words on every row; the
    column beside it holds varied names: that one is the description, whatever its header says."""
    df, report = read(bank_export(type_header, party_header))
    assert _rows(df) == EXPECTED
    roles = {c.role: c for c in report.columns}
    assert roles["description"].column == 3 and roles["type"].column == 2
    assert roles["description"].evidence  # the page lists why


@pytest.mark.parametrize("order", list(itertools.permutations(range(5)))[::17])
def test_the_choice_does_not_depend_on_the_column_order(order: tuple[int, ...]) -> None:
    df, _report = read(bank_export("Opis operacji", "Kontrahent", order))
    assert _rows(df) == EXPECTED


def test_a_column_of_repeated_merchants_stays_the_description_beside_a_category() -> None:
    """A short subscription-only file: the named description repeats (the same shops every month) and the
    column beside it is a category with fewer values: nothing to overrule, nothing to ask."""
    rows = [(f"0{d}.0{m}.2026", shop, cat, amt) for m in (1, 2, 3) for d, shop, cat, amt in
            [(1, "STREAMFLIX", "Entertainment", "9,99"), (2, "PHONE CO", "Bills", "20,00"), (3, "GROCER ONE", "Food", "31,20")]]
    text = "Date;Description;Category;Amount\n" + "\n".join(";".join(r) for r in rows) + "\n"
    df, report = read(text)
    assert df["description"].tolist()[:3] == ["STREAMFLIX", "PHONE CO", "GROCER ONE"]
    assert not unsure(report)


def test_two_text_columns_that_compete_make_the_page_ask() -> None:
    """The named description repeats its texts (five on twelve rows: not a handful of type words) while an
    unnamed column beside it differs on every row: the header's choice is kept, and the page asks."""
    words = ["GROCER ONE", "PHONE CO", "STREAMFLIX", "KIOSK", "DISCOUNTER"]
    rows = [(f"{d:02d}.03.2026", words[d % 5], f"REF SHOP {d} TOWN", f"{d},50") for d in range(1, 13)]
    text = "Date;Description;Xq;Amount\n" + "\n".join(";".join(r) for r in rows) + "\n"
    _df, report = read(text)
    by_role = {c.role: c for c in report.columns}
    assert by_role["description"].column == 2
    assert by_role["description"].confidence < 0.7 and unsure(report)
    assert any("varied text too" in e for c in report.columns for e in c.evidence)


# ---------------------------------------------------------------------------------------------- mappings

POLISH = [
    ("03.08.2026", "Płatność kartą", "GROCER ONE KRAKÓW", "112,45", "", "8 337,55"),
    ("05.08.2026", "Płatność kartą", "STREAMFLIX.EXAMPLE", "43,00", "", "8 294,55"),
    ("06.08.2026", "Przelew przychodzący", "PENSION OFFICE", "", "3 200,00", "11 494,55"),
    ("10.08.2026", "Płatność kartą", "HELPDESK CENTER 18005550123", "1 249,00", "", "10 245,55"),
    ("11.08.2026", "Płatność kartą", "KIOSK Z1234 KRAKÓW", "800,00", "", "9 445,55"),
]
POLISH_HEADER = ["Data operacji", "Data księgowania", "Opis operacji", "Kontrahent", "Obciążenia", "Uznania", "Saldo po operacji"]
ROLES = ["date", "posting_date", "type", "description", "debit", "credit", "balance"]


def polish_export(perm: tuple[int, ...] = tuple(range(7)), header: bool = True, party: str = "Kontrahent") -> str:
    lines = ["Bank Example S.A.", "Waluta:;PLN", ""]
    if header:
        names = [party if h == "Kontrahent" else h for h in POLISH_HEADER]
        lines.append(";".join(names[i] for i in perm))
    for d, t, party, debit, credit, bal in POLISH:
        row = [d, d, t, party, debit, credit, bal]
        lines.append(";".join(row[i] for i in perm))
    return "\n".join(lines) + "\n"


def _read_with(text: str, mapping, encoding: str = "utf-8") -> tuple[pd.DataFrame, object]:
    return read_statement(data=text.encode(encoding), name="pl.csv", mapping=mapping)


def _table(df: pd.DataFrame) -> list[tuple]:
    return [(str(r.date.date()), r.description, round(float(r.amount), 2), r.kind) for r in df.itertuples()]


def _by_position(perm: tuple[int, ...], roles: list[str] = ROLES):
    from audit.readers.mapping import ColumnMapping, checked

    where = {orig: pos for pos, orig in enumerate(perm)}  # original column -> position in the permuted file
    return checked(ColumnMapping({role: where[i] + 1 for i, role in enumerate(roles)}, decimal=","))


@pytest.mark.parametrize("perm", [tuple(range(7)), (3, 0, 6, 2, 5, 1, 4), (6, 5, 4, 3, 2, 1, 0), (1, 0, 3, 2, 5, 4, 6)])
@pytest.mark.parametrize("header", [True, False])
@pytest.mark.parametrize("party", ["Kontrahent", "Payee"])
def test_every_role_of_a_mapping_is_honoured_whatever_the_column_order(perm: tuple[int, ...], header: bool, party: str) -> None:
    """Metamorphic: permute the columns, give the permuted positions: the same transactions."""
    want, _ = _read_with(polish_export(party=party), _by_position(tuple(range(7))))
    assert [r[1] for r in _table(want)] == [p[2] for p in POLISH]
    df, _report = _read_with(polish_export(perm, header, party), _by_position(perm))
    assert _table(df) == _table(want)
    # the other way round: the type column named the description is honoured too (a person's say stands,
    # even against a header word such as Payee that the reader would prefer)
    swapped = ROLES.copy()
    swapped[2], swapped[3] = "description", "type"
    df2, _ = _read_with(polish_export(perm, header, party), _by_position(perm, swapped))
    assert df2["description"].tolist() == [p[1] for p in POLISH]


@pytest.mark.parametrize("columns", ["date=1,posting_date=2,type=3,description=4,debit=5,credit=6,balance=7",
                                     "date=Data operacji,description=Kontrahent,debit=Obciążenia,credit=Uznania",
                                     "date=1,description=Kontrahent,debit=5,credit=6"])
@pytest.mark.parametrize("encoding", ["utf-8", "cp1250"])
def test_a_saved_layout_gives_the_description_it_names(columns: str, encoding: str, tmp_path) -> None:
    """Walk 21: a layout saved with description=4 (or =Kontrahent) was reported as used while the
    description still came from the type column."""
    from audit.readers import options
    from audit.readers.mapping import ColumnMapping, checked, parse_columns
    from audit.readers.saved import LayoutStore

    text = polish_export()
    m = checked(ColumnMapping(parse_columns(columns), decimal=","))
    _df, rep = _read_with(text, m, encoding)
    store = LayoutStore(tmp_path / "layouts.json")
    store.save("bank_example", m, rep.signature)
    with options.in_force(options.ReadingOptions(saved=tuple(store.list()))):
        df, rep2 = read_statement(data=text.replace("KIOSK", "BAKERY").encode(encoding), name="later.csv")
    assert rep2.reading["source"] == "saved layout bank_example"
    assert df["description"].tolist() == [p[2] for p in POLISH[:4]] + ["BAKERY Z1234 KRAKÓW"]


# ---------------------------------------------------------------------------------------------- encodings

CENTRAL = {
    "pl": ("Data;Opis;Kontrahent;Kwota\n", [("03.08.2026", "Płatność kartą", "ŻABKA ŁÓDŹ", "-12,50"),
                                           ("04.08.2026", "Przelew przychodzący", "Spółdzielnia Mieszkaniowa Świt", "250,00"),
                                           ("05.08.2026", "Płatność kartą", "Księgarnia Źródło", "-33,10")]),
    "cs": ("Datum;Typ;Protistrana;Částka\n", [("03.08.2026", "Platba kartou", "Česká spořitelna", "-112,45"),
                                              ("06.08.2026", "Příchozí úhrada", "Důchod ČSSZ", "3200,00"),
                                              ("07.08.2026", "Platba kartou", "Řeznictví U Tří lvů", "-80,00")]),
    "hu": ("Dátum;Típus;Partner;Összeg\n", [("03.08.2026", "Kártyás vásárlás", "Tesco Győr", "-11245"),
                                            ("06.08.2026", "Bejövő átutalás", "Nyugdíjfolyósító Igazgatóság", "320000"),
                                            ("08.08.2026", "Kártyás vásárlás", "Fűtőház Kft", "-4500")]),
}
WESTERN = {
    "fr": ("Date;Libellé;Montant\n", [("03/08/2026", "Crème brûlée à emporter", "-12,50"), ("04/08/2026", "Café Noël", "-3,20")]),
    "es": ("Fecha;Concepto;Importe\n", [("03/08/2026", "Compra Muñoz Peña", "-12,50"), ("04/08/2026", "¿Devolución? Ibáñez", "3,20")]),
    "no": ("Dato;Tekst;Beløp\n", [("03.08.2026", "Kjøp Rema Tromsø", "-12,50"), ("04.08.2026", "Overføring Ærlig Åsane", "100,00")]),
    "pt": ("Data;Histórico;Valor\n", [("03/08/2026", "Pagamento luz São João", "-120,50"), ("04/08/2026", "Transferência Conceição", "300,00")]),
    "uk": ("Date;Description;Amount\n", [("03/08/2026", "TESCO STORES", "£12.50"), ("04/08/2026", "CAFÉ NERO", "£3.20")]),
}


def _text(spec: tuple[str, list[tuple[str, ...]]]) -> str:
    header, rows = spec
    return header + "".join(";".join(r) + "\n" for r in rows)


def _read_enc(text: str, encoding: str) -> tuple[pd.DataFrame, object]:
    return read_statement(data=text.encode(encoding), name="enc.csv")


@pytest.mark.parametrize("lang", sorted(CENTRAL))
@pytest.mark.parametrize("encoding", ["cp1250", "iso8859_2"])
def test_central_european_code_pages_read_as_their_utf8_version(lang: str, encoding: str) -> None:
    """Invariance: the same Polish, Czech or Hungarian statement in Windows-1250 or ISO-8859-2 reads exactly
    as its UTF-8 version (walk 21: cp1250 read as Latin-1 gave ``P³atnoœæ kart¹`` and no warning)."""
    text = _text(CENTRAL[lang])
    want, _ = _read_enc(text, "utf-8")
    got, report = _read_enc(text, encoding)
    assert report.encoding in ("cp1250", "iso8859_2")
    assert got["description"].tolist() == want["description"].tolist()
    assert got["amount"].tolist() == want["amount"].tolist()


@pytest.mark.parametrize("lang", sorted(WESTERN))
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_code_pages_still_read_as_windows_1252(lang: str, encoding: str) -> None:
    text = _text(WESTERN[lang])
    want, _ = _read_enc(text, "utf-8")
    got, report = _read_enc(text, encoding)
    assert report.encoding == "cp1252"
    assert got["description"].tolist() == want["description"].tolist()


def test_japanese_cp932_still_reads_as_cp932() -> None:
    text = "ご利用日,ご利用店名,ご利用金額\n2026/08/03,ｾﾌﾞﾝｲﾚﾌﾞﾝ ｼﾌﾞﾔ,1280\n2026/08/15,マイクロソフトサポートセンター,29800\n"
    got, report = _read_enc(text, "cp932")
    assert report.encoding == "cp932"
    assert got["description"].tolist() == ["ｾﾌﾞﾝｲﾚﾌﾞﾝ ｼﾌﾞﾔ", "マイクロソフトサポートセンター"]


# ---------------------------------------------------------------------------------- saved headerless layouts

OTHER_BANK = (
    '2026-10-01,"-12.50",EUR,"GROCER BERLIN",K,DE12,Card payment\n'
    '2026-10-03,"-39.99",EUR,"PC HELPDESK LTD",K,DE12,Card payment\n'
    '2026-11-03,"-39.99",EUR,"PC HELPDESK LTD",K,DE12,Card payment\n'
    '2026-11-05,"1500.00",EUR,"SALARY",G,DE12,Credit transfer\n'
)


@pytest.mark.parametrize("date_format", ["DD.MM.YYYY", None])
def test_a_layout_saved_for_a_headerless_file_applies_only_where_the_contents_fit(tmp_path, date_format) -> None:
    """Walk 21: a layout saved for one bank's file without a header (signature ``(no header) 7 columns``)
    took over another bank's 7-column file, which then failed with "no transactions found". It applies
    only where its date and amount columns hold dates and amounts; elsewhere the reader chooses, and says
    the saved layout did not fit."""
    from audit.readers import options
    from audit.readers.mapping import ColumnMapping, checked, parse_columns
    from audit.readers.saved import LayoutStore

    mine = polish_export(header=False)
    m = checked(ColumnMapping(parse_columns(",".join(f"{r}={i + 1}" for i, r in enumerate(ROLES))), decimal=",",
                              date_format=date_format, currency="PLN"))
    _df, rep = _read_with(mine, m)
    assert rep.signature == "(no header) 7 columns"
    store = LayoutStore(tmp_path / "layouts.json")
    store.save("Bank Example simple", m, rep.signature)
    with options.in_force(options.ReadingOptions(saved=tuple(store.list()))):
        same_bank, rep_same = read_statement(data=mine.encode("cp1250"), name="next.csv")
        other, rep_other = read_statement(data=OTHER_BANK.encode("utf-8"), name="other.csv")
    assert rep_same.reading["source"] == "saved layout Bank Example simple"
    assert same_bank["description"].tolist() == [p[2] for p in POLISH]
    assert rep_other.reading["source"] != "saved layout Bank Example simple"
    assert any("saved layout 'Bank Example simple' did not fit" in w for w in rep_other.warnings)
    assert other["amount"].tolist() == [12.5, 39.99, 39.99, -1500.0]
    assert "PC HELPDESK LTD" in " ".join(other["description"])


# ------------------------------------------------------------------------------------- kinds and card labels

def test_money_in_on_an_account_export_is_not_a_refund() -> None:
    """Walk 21: a pension paid into a bank account (credit column, running balance) was labelled a refund.
    Money in on an account is a payment, unless it says refund or comes back from a merchant the file
    shows charging."""
    rows = [("03.08.2026", "Card payment", "STREAMFLIX.EXAMPLE", "43,00", "", "957,00"),
            ("06.08.2026", "Incoming transfer", "PENSION OFFICE", "", "3 200,00", "4 157,00"),
            ("07.08.2026", "Card payment", "SHOP ONE", "100,00", "", "4 057,00"),
            ("09.08.2026", "Card payment", "SHOP ONE", "", "100,00", "4 157,00"),
            ("10.08.2026", "Incoming transfer", "ZWROT REFUND TICKET", "", "20,00", "4 177,00"),
            ("11.08.2026", "Card payment", "GROCER", "12,00", "", "4 165,00")]
    text = "Date;Type;Partner;Debit;Credit;Balance\n" + "".join(";".join(r) + "\n" for r in rows)
    df, _ = read(text)
    assert df["kind"].tolist() == ["charge", "payment", "charge", "refund", "refund", "charge"]


def test_a_card_statement_credit_stays_a_refund() -> None:
    text = ("Transaction Date;Description;Amount\n01/08/2026;SHOP ONE;20.00\n02/08/2026;GROCER;31.50\n"
            "03/08/2026;SHOP TWO;-20.00\n04/08/2026;STREAMFLIX;9.99\n05/08/2026;PAYMENT THANK YOU;-100.00\n")
    df, _ = read(text)
    assert df["kind"].tolist() == ["charge", "charge", "refund", "charge", "payment"]


@pytest.mark.parametrize("line", ["Rachunek:;PL61 1090 1014 0000 0712 1981 2874", "Konto;61 1090 1014 0000 0712 1981 2874",
                                  "IBAN;DE89 3704 0044 0532 0130 00", "Account;GB29 NWBK 6016 1331 9268 19"])
def test_an_account_number_in_the_preamble_is_not_a_card(line: str) -> None:
    """Walk 21: four digits from the middle of an IBAN became the card ``****0712``."""
    text = f"Bank Example\n{line}\n\nDate;Description;Amount\n03.08.2026;SHOP ONE;-20,00\n04.08.2026;STREAMFLIX;-9,99\n"
    df, _ = read(text)
    assert df["card"].isna().all() or not df["card"].fillna("").str.contains("0712|0130|9268|1331").any()


def test_a_card_number_in_the_preamble_is_still_the_card() -> None:
    text = "Card statement\nCard number;4980-12**-****-3456\n\nDate;Description;Amount\n03.08.2026;SHOP ONE;-20,00\n"
    df, _ = read(text)
    assert df["card"].tolist() == ["****3456"]


def test_no_transactions_under_a_mapping_says_so_in_both_languages() -> None:
    """Walk 21: "no transactions found" did not say that a saved layout had been used."""
    from audit.errors import StatementError
    from audit.readers.mapping import ColumnMapping, checked
    from audit.ui_text import error_text

    m = checked(ColumnMapping({"date": 4, "description": 1, "amount": 2}))
    with pytest.raises(StatementError) as got:
        read_statement(data=OTHER_BANK.encode("utf-8"), name="other.csv", mapping=m)
    assert "read with the column mapping" in str(got.value)
    assert "指定した列で読みましたが" in error_text(got.value, "ja")
    err = StatementError("x.csv", "no transactions found (looked for date and amount columns) "
                                  "(read with the saved layout Bank A: check that it fits this file)")
    assert "保存した列の指定「Bank A」で読みましたが" in error_text(err, "ja")


def test_the_new_evidence_and_misfit_reasons_read_in_japanese() -> None:
    from audit.ui_messages import note_text
    from audit.ui_picker import evidence_text

    _df, report = read(bank_export("Opis operacji", "Kontrahent"))
    texts = [evidence_text(e, "ja") for c in report.columns for e in c.evidence]
    assert any("取引の種類の列" in t for t in texts) and any("内容（店名）" in t for t in texts)
    note = ("saved layout 'Bank A' did not fit: column 1 (date) does not hold dates in the saved format %d.%m.%Y "
            "('2026-10-01'); columns chosen by the reader")
    assert note_text(note, "ja") == ("保存した列の指定「Bank A」はこのファイルに合わないため使わず、列は自動で判断しました："
                                     "1 列目が保存した形式 %d.%m.%Y の日付になっていません（「2026-10-01」）")
