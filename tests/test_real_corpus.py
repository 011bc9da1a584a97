"""The real-statement corpus (tests/data/real) and each inference rule it taught the reader.

Every rule has a test on a real file or on a minimal case cut from one (the source file is named in the
test). Cases are written out here so a rule can be read next to its evidence.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from audit.errors import StatementError
from audit.readers import read_statement, real_eval

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
PERMISSIVE = {"MIT", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0", "CC0-1.0"}


def read(tmp_path: Path, text: str | bytes, name: str = "t.csv") -> tuple[pd.DataFrame, object]:
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return read_statement(p)


# ------------------------------------------------------------------------------------------ the corpus


@pytest.mark.parametrize(("folder", "least"), [("csv", 40), ("holdout", 5)])
def test_manifest_lists_every_file_with_source_and_expectation(folder: str, least: int) -> None:
    manifest = REAL / folder / "manifest.toml"
    entries = tomllib.loads(manifest.read_text(encoding="utf-8"))["file"]
    listed = {e["path"] for e in entries}
    present = {p.name for p in (REAL / folder).iterdir() if not p.name.endswith((".expected.csv", ".toml"))}
    assert listed == present
    assert len(entries) >= least
    for e in entries:
        assert {"path", "repo", "repo_path", "commit", "licence", "what"} <= e.keys(), e["path"]
        assert e["licence"] in PERMISSIVE, e["path"]
        assert len(e["commit"]) == 40, e["path"]
        exp = pd.read_csv(REAL / folder / (e["path"] + ".expected.csv"), dtype="str", keep_default_na=False)
        assert list(exp.columns) == ["date", "description", "amount", "currency"], e["path"]
        assert len(exp) >= 1


def test_real_files_are_read_right() -> None:
    """Issue 24's target: at least 98 % of the real files fully right (137 of 139 on 2026-12-07)."""
    results = real_eval.evaluate(REAL)
    full = sum(r.fully_right for r in results)
    assert full / len(results) >= 0.98, real_eval.format_results(results, verbose=True)


def test_the_evaluation_can_fail(tmp_path: Path) -> None:
    """A reader that flips signs or drops rows is caught: the score is not a constant."""

    def flipped(p: Path) -> pd.DataFrame:
        df = read_statement(p)[0]
        df["amount"] = -df["amount"]
        return df

    def short(p: Path) -> pd.DataFrame:
        return read_statement(p)[0].iloc[:-1]

    for reader in (flipped, short):
        results = real_eval.evaluate(REAL, reader=reader)
        assert sum(r.fully_right for r in results) / len(results) < 0.2


def test_description_comparison_rules() -> None:
    assert real_eval.description_right("ＧＰマ－ケテイング", "口座振替３ ＧＰマ－ケテイング")
    assert real_eval.description_right("Drillisch Online AG", "drillisch  online ag")
    assert not real_eval.description_right("Drillisch Online AG", "SEPA-Basislastschrift")
    assert not real_eval.description_right("X", "X " + "y" * 60)  # the whole row is not a description


def test_eval_cli_prints_every_file_and_a_total(capsys: pytest.CaptureFixture[str]) -> None:
    from audit.cli import main

    assert main(["eval", "--real"]) == 0
    out = capsys.readouterr().out
    assert "csv/zaim_mufg201810.csv" in out and "fully right" in out
    assert out.strip().splitlines()[-1].startswith("files ")


# ---------------------------------------------------------------------------------- description choice


def test_counterparty_column_beats_booking_text(tmp_path: Path) -> None:
    # cut from csv2ofx's gls.csv (GLS Bank): Buchungstext is the booking type, not who was paid
    df, _ = read(tmp_path, "Buchungstag;Auftraggeber/Empfänger;Buchungstext;VWZ1;Betrag;Kontostand;Währung\n"
                           "10.10.2017;Drillisch Online AG;SEPA-Basislastschrift;987 SIMply;-98,76;1.234,56;EUR\n")
    assert df.loc[0, "description"] == "Drillisch Online AG"
    assert df.loc[0, "amount"] == pytest.approx(98.76) and df.loc[0, "currency"] == "EUR"


def test_constant_column_passed_over_and_numbered_companion_joined(tmp_path: Path) -> None:
    # cut from csv2ofx's ubs-ch-fr_trimmed.csv: "Description" names the account on every row
    text = (
        "Monn.;Description;Date de valeur;Description 1;Description 2;N° de transaction;Débit;Crédit;Solde\n"
        "CHF;Compte personnel UBS;31.03.2019;Solde prix prestations;;A01234BC01234567;10.00;;11'373.94\n"
        "CHF;Compte personnel UBS;28.02.2019;Virement postal;ASSOCIATION FOO-BAR;3456789ZT1234567;;240.00;11'613.94\n"
        "CHF;Compte personnel UBS;27.04.2019;Ordre e-banking;REMB-CASH;9979360TI2115087;200.00;;11'413.94\n"
    )
    df, _ = read(tmp_path, text)
    assert df["description"].tolist() == ["Solde prix prestations", "Virement postal ASSOCIATION FOO-BAR", "Ordre e-banking REMB-CASH"]
    assert df["amount"].tolist() == [10.0, -240.0, 200.0]
    assert set(df["currency"]) == {"CHF"}


def test_empty_counterparty_falls_back_to_the_memo(tmp_path: Path) -> None:
    # cut from zaim-csv-converter's pasmo201811.csv: shop purchases have no station, the memo says 物販
    text = ("利用年月日,定期,鉄道会社名,入場駅/事業者名,定期,鉄道会社名,出場駅/降車場所,利用額(円),残額(円),メモ\n"
            "2018/11/14,,,,,,,480,3005,物販\n2018/11/13,,メトロ,六本木一丁目,,メトロ,後楽園,195,3601,\n")
    df, _ = read(tmp_path, text)
    assert df["description"].tolist() == ["物販", "六本木一丁目"]
    assert df["amount"].tolist() == [480.0, 195.0]


def test_type_and_detail_columns_joined_bank_passbook(tmp_path: Path) -> None:
    # cut from zaim-csv-converter's mufg201810.csv (MUFG): 摘要 is the kind, 摘要内容 the counterparty
    text = ("日付,摘要,摘要内容,支払い金額,預かり金額,差引残高,メモ,未資金化区分,入払区分\n"
            "2018/10/1,カ－ド,,,\"10,000\",\"3,000,000\",,,入金\n"
            "2018/10/29,口座振替３,ＧＰマ－ケテイング,\"59,260\",,\"3,000,000\",,,振替支払い\n")
    df, _ = read(tmp_path, text.encode("cp932"))
    assert df["description"].tolist() == ["カ－ド", "口座振替３ ＧＰマ－ケテイング"]
    assert df["amount"].tolist() == [-10000.0, 59260.0]  # 預かり = money in, 支払い = money out


# --------------------------------------------------------------------------- never an id or a balance


def test_balance_is_never_the_amount(tmp_path: Path) -> None:
    # cut from beancount-multitool's shinsei_bank test.csv: 出金金額 / 入金金額 / 残高
    df, _ = read(tmp_path, '\ufeff"取引日","摘要","出金金額","入金金額","残高"\n'
                           '"2023/06/22","振込手数料","","110","711"\n"2023/06/22","振込手数料","110","","601"\n')
    assert df["amount"].tolist() == [-110.0, 110.0]


def test_transaction_id_is_never_the_amount(tmp_path: Path) -> None:
    # cut from csv2ofx's payoneer.csv: Transaction ID sits left of Credit Amount / Debit Amount
    text = ("Transaction Date,Transaction Time,Time Zone,Transaction ID,Description,Credit Amount,Debit Amount,Currency,"
            "Status,Running Balance,Additional Description,Store Name\n"
            "05/03/2021,12:31:46,UTC,123,Transaction description,,100,USD,Completed,200,Payoneer additional description,\n"
            "05/03/2021,12:08:31,UTC,1234,Transaction description,120,,USD,Completed,300,Payoneer additional description,\n")
    df, _ = read(tmp_path, text)
    assert df["amount"].tolist() == [100.0, -120.0]
    assert set(df["description"]) == {"Transaction description"}


def test_iban_column_is_not_the_description(tmp_path: Path) -> None:
    # cut from csv2ofx's n26-fr.csv
    text = ('"Booking Date","Value Date","Partner Name","Partner Iban",Type,"Payment Reference","Amount (EUR)"\n'
            '2020-03-07,,"Compte courant",DE27100110000000000000,"Credit Transfer",,328.00\n'
            '2020-03-08,,"Boulangerie",DE27100110000000000001,"Debit Transfer",,-4.20\n')
    df, _ = read(tmp_path, text)
    assert df["description"].tolist() == ["Compte courant", "Boulangerie"]
    assert df["amount"].tolist() == [-328.0, 4.2]


# --------------------------------------------------------------------------------------------- signs


def test_running_balance_decides_the_sign(tmp_path: Path) -> None:
    # beancount-multitool's rakuten_bank test.csv: 入出金 positive = deposit; the balance confirms it
    df, report = read(tmp_path, "取引日,入出金(円),取引後残高(円),入出金内容\n20230407,3146,5113,あいうえお\n"
                                "20230427,-3086,2027,ラクテンカ－ト゛サ－ヒ゛ス\n")
    assert df["date"].dt.strftime("%Y-%m-%d").tolist() == ["2023-04-07", "2023-04-27"]  # YYYYMMDD
    assert df["amount"].tolist() == [-3146.0, 3086.0]
    assert any("running balance" in w for w in report.warnings)


def test_spent_column_with_balance_keeps_its_sign(tmp_path: Path) -> None:
    # zaim-csv-converter's suica202003.csv: 利用額 positive = spent, the auto top-up is negative
    df, _ = read(tmp_path, "利用年月日,入場駅/事業者名,利用額(円),残額(円),メモ\n2020/03/22,,79,1975,物販\n"
                           "2020/03/21,板橋,-3000,3000,ｵｰﾄﾁｬｰｼﾞ\n")
    assert df["amount"].tolist() == [79.0, -3000.0]


def test_bank_export_with_balance_reads_positive_as_money_in(tmp_path: Path) -> None:
    # cut from csv2ofx's ingesp.csv (ING Spain): rows out of order, so the balance cannot chain
    text = ("date,class,subcategory,desc,notes,image,amount,balance\n"
            "23/12/2022,Nómina,Nómina o Pensión,Nomina recibida G PLCE SL.,,No,1394.11,682.33\n"
            "14/05/2022,Ocio,Cafeterías,Pago en SPORTS BAR,,No,-17.60,1852.43\n")
    df, _ = read(tmp_path, text)
    assert df["amount"].tolist() == [-1394.11, 17.6]
    assert df["description"].tolist() == ["Nomina recibida G PLCE SL.", "Pago en SPORTS BAR"]
    assert set(df["currency"]) == {"unknown"}  # nothing in the file names the currency


def test_card_export_with_balance_keeps_charges_positive(tmp_path: Path) -> None:
    # a card's running balance owed rises with charges: the bank reading must not flip it
    df, _ = read(tmp_path, "Date,Description,Amount,Balance\n2024-01-02,COFFEE SHOP,5.00,105.00\n"
                           "2024-01-03,BOOK STORE,20.00,125.00\n2024-01-10,PAYMENT - THANK YOU,-100.00,25.00\n")
    assert df["amount"].tolist() == [5.0, 20.0, -100.0]


def test_debit_credit_indicator_column(tmp_path: Path) -> None:
    # csv2ofx's mint.csv: unsigned amounts, "debit" / "credit" in Transaction Type
    text = ("Date,Description,Original Description,Amount,Transaction Type,Category\n"
            '6/12/15,Transfer from Checking,Account Transfer,"1,000.00",debit,Checking\n'
            '6/13/15,Transfer to Savings,Account Transfer,"2,000.00",credit,Savings\n')
    df, _ = read(tmp_path, text)
    assert df["amount"].tolist() == [1000.0, -2000.0]


def test_headerless_file_with_a_direction_column(tmp_path: Path) -> None:
    # csv2ofx's mint_headerless.csv: no header, "debit" / "credit" in the fifth column
    text = ('6/12/15,Transfer from Checking,Account Transfer,"1,000.00",debit,Checking,Savings\n'
            '6/13/15,Transfer to Savings,Account Transfer,"2,000.00",credit,Savings,Checking\n'
            '6/14/15,Transfer from Savings,Account Transfer,"2,500.00",debit,Savings,Checking\n')
    df, _ = read(tmp_path, text)
    assert df["amount"].tolist() == [1000.0, -2000.0, 2500.0]


def test_af_bij_direction_column(tmp_path: Path) -> None:
    # header of ING Netherlands' CSV export (not in the corpus): unsigned Bedrag, Af = out, Bij = in
    text = ('"Datum","Naam / Omschrijving","Rekening","Tegenrekening","Code","Af Bij","Bedrag (EUR)","Mutatiesoort","Mededelingen"\n'
            '"20240105","Albert Heijn 1234","NL01INGB0001234567","","BA","Af","12,34","Betaalautomaat","Pasvolgnr:001"\n'
            '"20240110","Werkgever BV","NL01INGB0001234567","NL02ABNA0123456789","GT","Bij","2500,00","Overschrijving","Salaris"\n')
    df, _ = read(tmp_path, text)
    assert df["description"].tolist() == ["Albert Heijn 1234", "Werkgever BV"]
    assert df["amount"].tolist() == [12.34, -2500.0]
    assert set(df["currency"]) == {"EUR"}


def test_emoney_top_ups_and_cancellations_are_money_in(tmp_path: Path) -> None:
    # zaim-csv-converter's waon201811.csv / waon201808.csv: amounts with 円, kind in 利用区分
    text = ("取引年月日,利用店舗,利用金額（税込）,利用区分,チャージ区分\n2018/11/11,板橋前野町,\"5,000円\",オートチャージ,銀行口座\n"
            "2018/11/23,カルディコーヒーファーム成増店,\"2,098円\",支払取消,-\n2018/11/24,板橋前野町,\"1,489円\",支払,-\n")
    df, _ = read(tmp_path, text)
    assert df["amount"].tolist() == [-5000.0, -2098.0, 1489.0]
    assert set(df["currency"]) == {"JPY"}


# ------------------------------------------------------------------------------------------ currency


def test_no_currency_in_the_file_is_unknown_not_usd(tmp_path: Path) -> None:
    # csv2ofx's pcmastercard.csv (a Canadian card): nothing says which dollar
    df, report = read(tmp_path, '"Merchant Name","Card Used For Transaction","Date","Time","Amount"\n'
                                '"Mobil","**** 1234","01/10/2019","06:50 PM","36.33"\n')
    assert set(df["currency"]) == {"unknown"}
    assert any("unknown" in w for w in report.warnings)


def test_currency_symbol_in_debit_credit_columns(tmp_path: Path) -> None:
    # csv2ofx's schwab-checking.csv
    text = ('"Date","Status","Type","CheckNumber","Description","Withdrawal","Deposit","RunningBalance"\n'
            '"08/17/2022","Posted","DEPOSIT","","Deposit Mobile Banking","","$20.00","$878.47"\n'
            '"08/14/2022","Posted","ATM","","BMO HARRIS BANK","$103.00","","$858.47"\n')
    df, report = read(tmp_path, text)
    assert df["amount"].tolist() == [-20.0, 103.0]
    # a bare "$" names no one dollar (issue 24; the blind labellers' rule): unknown, with the hint to choose
    assert set(df["currency"]) == {"unknown"}
    assert report.currency_hint == "amounts in dollars; which dollar (US, Canadian, Australian ...) is not stated"


# --------------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("cells", "want"),
    [
        (["R05.04.01", "R05.04.15"], ["2023-04-01", "2023-04-15"]),
        (["H30.01.15", "H30.12.31"], ["2018-01-15", "2018-12-31"]),
        (["令和5年4月1日", "令和5年4月2日"], ["2023-04-01", "2023-04-02"]),
        (["20230407", "20230427"], ["2023-04-07", "2023-04-27"]),
        (["23/04/01", "23/04/15"], ["2023-04-01", "2023-04-15"]),  # YY/MM/DD, not 2001 and 2015
    ],
)
def test_japanese_dates(tmp_path: Path, cells: list[str], want: list[str]) -> None:
    rows = "".join(f"{c},テスト店{i},{1000 + i}\n" for i, c in enumerate(cells))
    df, _ = read(tmp_path, "利用日,利用店名,利用金額\n" + rows)
    assert df["date"].dt.strftime("%Y-%m-%d").tolist() == want


def test_yearless_dates_placed_in_the_printed_period(tmp_path: Path) -> None:
    # Mobile Suica / JA Bank exports print 10/28 or 4月30日 without a year
    df, report = read(tmp_path, "2026年01月分\n取引日,内容,金額\n12/28,テスト店,1000\n01/05,テスト店2,500\n")
    assert df["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-12-28", "2026-01-05"]
    assert any("no year" in w for w in report.warnings)


# ------------------------------------------------------------------------------------ PayPal and OFX


def test_paypal_funding_rows_excluded_and_reported() -> None:
    df, report = read_statement(REAL / "csv" / "zaim_pay_pal201810.csv")
    assert df["description"].unique().tolist() == ["(株)オライリー・ジャパン"]
    assert df["amount"].tolist() == [2246.0, 1642.0, 3197.0]
    assert sum(e.reason == "PayPal funding or transfer" for e in report.excluded) == 3


def test_paypal_english_and_german() -> None:
    en, _ = read_statement(REAL / "csv" / "bpp_paypal_english.csv")
    assert "Bank Deposit to PP Account" not in set(en["description"])
    assert en.loc[en["description"] == "Jane Smith", "amount"].item() == 75.0
    de, rep = read_statement(REAL / "csv" / "bpp_paypal_german.csv")
    assert de["amount"].tolist() == [-25.0, 50.0, -15.75] and set(de["currency"]) == {"EUR"}
    assert len(rep.excluded) == 2  # the two currency-conversion rows


def test_ofx_sgml_and_xml() -> None:
    df, report = read_statement(REAL / "csv" / "ofxparse_bank_medium.ofx")
    assert report.kind == "ofx" and df["amount"].tolist() == [6.6, 316.67, 22.0]
    assert set(df["currency"]) == {"CAD"}
    df, _ = read_statement(REAL / "csv" / "ofxparse_suncorp.ofx")  # OFX 2, CDATA payee
    assert df.loc[0, "description"] == "EFTPOS WDL HANDYWAY ALDI STORE"


def test_ofx_with_empty_required_tags() -> None:
    df, _ = read_statement(REAL / "csv" / "ofxparse_ofx-v102-empty-tags.ofx")
    assert df.loc[0, "description"] == "CBA:Transfer"
    assert df.loc[0, "amount"] == -12.34 and df.loc[0, "currency"] == "AUD"


def test_broken_ofx_is_one_line_about_ofx(tmp_path: Path) -> None:
    p = tmp_path / "bank.qfx"
    p.write_bytes(b"OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><SIGNONMSGSRSV1>")
    with pytest.raises(StatementError) as err:
        read_statement(p)
    msg = str(err.value)
    assert "\n" not in msg and "bank.qfx" in msg and "OFX" in msg and "date column" not in msg
