"""The headline's next expected charge and the count of contracts still charging (walk 21, finding 8): a
five-year plan's renewal must not hide monthly charges due next month, nor count them out."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from audit import pipeline
from audit.upcoming import expected, still_charging


def contract(cid: str, cadence: str | None, nxt: str | None, amount: float = 100.0, status: str = "active"):
    return SimpleNamespace(id=cid, cadence=cadence, next_expected_date=nxt, next_expected_amount=amount,
                           status=status, merchant=cid)


def test_a_passed_monthly_date_rolls_on_and_is_past_due_and_the_far_renewal_comes_after() -> None:
    plan = contract("plan", "5-year", "2031-08-15", 98000)
    monthly = contract("support", "monthly", "2026-11-15", 29800)
    ended = contract("old", "monthly", None, status="ended")
    got = still_charging([plan, monthly, ended], date(2026, 12, 6))
    assert [e.contract.id for e in got] == ["support", "plan"]
    assert got[0].due == date(2026, 12, 15) and got[0].past_due == [date(2026, 11, 15)]
    assert got[1].due == date(2031, 8, 15) and got[1].past_due == []


def test_rhythms_roll_by_their_own_period() -> None:
    on = date(2027, 3, 1)
    assert expected(contract("w", "weekly", "2027-02-01"), on).due == date(2027, 3, 1)
    assert expected(contract("q", "quarterly", "2026-10-31"), on).due == date(2027, 4, 30)
    assert expected(contract("a", "annual", "2027-02-28"), on).due == date(2028, 2, 28)
    assert expected(contract("m", "monthly", "2027-03-01"), on).past_due == []
    lone = expected(contract("x", None, "2027-01-10"), on)  # no rhythm: the one date is past due, nothing later
    assert lone.due == date(2027, 1, 10) and lone.past_due == [date(2027, 1, 10)]
    assert still_charging([lone.contract, contract("m", "monthly", "2027-03-05")], on)[0].contract.id == "m"


def test_a_japanese_statement_with_a_plan_and_monthly_support_charges() -> None:
    lines = ["利用日,利用店名・商品名,利用金額", "2026/08/15,PC ANSHIN HOSHU 5ﾈﾝﾌﾟﾗﾝ,98000"]
    for m in (8, 9, 10):
        lines += [f"2026/{m:02d}/15,ﾏｲｸﾛｿﾌﾄｻﾎﾟｰﾄｾﾝﾀｰ,29800", f"2026/{m:02d}/20,ライフ 桜丘店,{3000 + m}"]
    result = pipeline.scan_uploads([("sakura.csv", ("\n".join(lines) + "\n").encode("utf-8"))])
    bad = [c for c in result.contracts if c.suspicious]
    got = still_charging(bad, date(2026, 12, 6))
    assert len(got) == 2, [(c.merchant, c.status, c.next_expected_date) for c in bad]
    assert got[0].due == date(2026, 12, 15) and got[0].past_due == [date(2026, 11, 15)]
    assert got[1].due.year == 2031


def test_a_statement_read_months_later_counts_its_contracts_as_past_due_not_as_still_charging() -> None:
    from audit.upcoming import expected_all

    old = contract("support", "monthly", "2026-06-10")
    on = date(2026, 12, 6)
    [e] = expected_all([old], on)
    assert e.stale and len(e.past_due) == 6 and e.due == date(2026, 12, 10)
    assert still_charging([old], on) == []
