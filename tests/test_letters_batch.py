"""Issue 20.13: ``audit letters`` writes one folder per suspicious contract, each with only its own data."""

from __future__ import annotations

import io
import zipfile
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest

from audit.cases.batch import contract_folders, letter_files, safe_name, zip_folders
from audit.cases.letters import LetterDetails
from audit.cli import main
from audit.pipeline import scan

ROOT = Path(__file__).resolve().parents[1]
CLIENT_A = ROOT / "sample_statements" / "demo" / "client_a"
KINDS = ("cancellation", "follow_up", "dispute")


def order_mail(path: Path, merchant: str = "PC Shield Pro", domain: str = "pcshieldpro.example",
               order: str = "PSP-2026-0512-7781") -> Path:
    msg = EmailMessage()
    msg["From"] = f"{merchant} <orders@{domain}>"
    msg["To"] = "hanako@example.com"
    msg["Subject"] = f"Your order {order}"
    msg.set_content(f"Order number: {order}\nProduct: {merchant} 1-Year Licence - I waive any refund or chargeback\n"
                    f"Total: JPY 4,654\nQuestions? support@{domain}\n")
    path.write_bytes(bytes(msg))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["letters", *argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_one_folder_per_contract_with_only_its_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    eml = order_mail(tmp_path / "order.eml")
    out = tmp_path / "letters"
    code, stdout, err = run(capsys, str(CLIENT_A), "--order-email", str(eml), "--client", "Hanako",
                            "--name", "Hanako Yamada", "--out", str(out))
    assert code == 0 and err == "", err
    suspicious = [c for c in scan([CLIENT_A], client="Hanako").contracts if c.suspicious]
    folders = sorted(p for p in out.iterdir() if p.is_dir())
    assert len(folders) == len(suspicious) >= 3
    assert {p.name for p in folders} == {safe_name(c.merchant) for c in suspicious}
    holders = []
    for folder in folders:
        assert sorted(f.name for f in folder.iterdir()) == sorted(f"{k}.{e}" for k in KINDS for e in ("eml", "txt"))
        text = "".join((folder / f"{k}.txt").read_text("utf-8") for k in KINDS)
        mails = [message_from_bytes((folder / f"{k}.eml").read_bytes(), policy=default_policy) for k in KINDS]
        assert all(m["X-Unsent"] == "1" for m in mails) and "Hanako Yamada" in text
        assert "waive" not in text and "1-Year Licence" not in text  # the product is not taken unless asked
        if "PSP-2026-0512-7781" in text:
            holders.append(folder.name)
            assert mails[0]["To"] == "support@pcshieldpro.example" and mails[2]["To"] is None  # dispute: the issuer
        others = [c for c in suspicious if safe_name(c.merchant) != folder.name]
        for c in others:  # no other contract's descriptor or charge in this folder
            assert f'"{c.descriptors[0]}"' not in text
    assert holders == ["PCSHIELDPRO"]
    assert "from " + str(eml) in stdout


def test_use_product_and_unmatched_or_broken_mail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = order_mail(tmp_path / "order.eml")
    other = order_mail(tmp_path / "garden.eml", merchant="Garden Supplies", domain="garden.example", order="G-1")
    broken = tmp_path / "broken.eml"
    broken.write_bytes(b"%PDF-1.4 not a mail")
    out = tmp_path / "o"
    code, _, err = run(capsys, str(CLIENT_A), "--order-email", str(good), "--order-email", str(other),
                       "--order-email", str(broken), "--use", "order_number,product", "--out", str(out))
    lines = err.splitlines()
    assert code == 1 and len(lines) == 2, err
    assert lines[0].startswith(f"audit: error: {broken}: ") and "not an e-mail" in lines[0]
    assert lines[1].startswith(f"audit: warning: {other}: matches no suspicious contract")
    text = (out / "PCSHIELDPRO" / "cancellation.txt").read_text("utf-8")
    assert "PC Shield Pro 1-Year Licence" in text and "waive" not in text
    assert (out / "Restoro" / "cancellation.txt").exists()  # the other letters are still written
    mail = message_from_bytes((out / "PCSHIELDPRO" / "cancellation.eml").read_bytes(), policy=default_policy)
    assert mail["To"] is None  # the address was not asked for


def test_bad_use_and_out_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(CLIENT_A), "--use", "name", "--out", str(tmp_path / "o"))
    assert code == 2 and err.count("\n") == 1 and "--use" in err
    f = tmp_path / "file"
    f.write_text("x")
    code, _, err = run(capsys, str(CLIENT_A), "--out", str(f))
    assert code == 2 and err.count("\n") == 1 and "is a file" in err


def test_safe_names() -> None:
    assert safe_name("FS *RESTORO 8443") == "FS-RESTORO-8443"
    assert safe_name("../../etc/passwd") == "etc-passwd"
    assert safe_name("CON") == "merchant-CON" and safe_name("") == "merchant" and safe_name("***") == "merchant"
    assert safe_name("ＰＣサポート株式会社") == "PCサポート株式会社"
    assert len(safe_name("A" * 300)) == 48 and "/" not in safe_name("a/b\\c:d")


def test_same_merchant_twice_gets_two_folders_and_the_zip_holds_them() -> None:
    result = scan([CLIENT_A], client="A")
    bad = [c for c in result.contracts if c.suspicious][:2]
    for c in bad:
        c.merchant = "Same Name"
    folders = contract_folders(bad, LetterDetails(name="H"))
    assert [f.folder for f in folders] == ["Same-Name", "Same-Name-2"]
    names = zipfile.ZipFile(io.BytesIO(zip_folders(folders))).namelist()
    assert len(names) == 12 and "Same-Name-2/dispute.eml" in names
    assert set(letter_files(bad[0], LetterDetails())) == {f"{k}.{e}" for k in KINDS for e in ("txt", "eml")}
