"""The readers' notes (warnings, unreadable rows, excluded rows) and the case history in the reader's language.

The readers write their notes in English, one line each (``audit/readers``); the Japanese page says the
same in Japanese. Each pattern below stands for a kind of note (numbers, names and columns are carried
over); a note no pattern knows keeps its English detail in brackets after a Japanese lead, so nothing
is ever lost or shown half-translated.
"""

from __future__ import annotations

import re
from typing import Any

from audit.masking import mask_card

# (pattern searched in the English note, Japanese text; {1}, {2} ... are the pattern's groups)
_NOTES_JA: list[tuple[str, str]] = [
    # the hint beside the question for a file that does not state its currency (audit/readers/currency.py)
    (r"^amounts in dollars; which dollar \(US, Canadian, Australian \.\.\.\) is not stated$",
     "金額は「$」（ドル）ですが、どの国のドル（米ドル・カナダドル・豪ドルなど）かは書かれていません"),
    # the billing currency and why (audit/readers/currency.py, pdf_reader.py): "billing currency JPY: <why>"
    (r"billing currency ([A-Z]{3}): not stated in the file; a Japanese issuer's export",
     "請求通貨 {1}：明細に通貨の記載はありませんが、見出しが日本の発行会社の書式のため円としました"),
    (r"billing currency ([A-Z]{3}): named in the header '(.*)'", "請求通貨 {1}：見出し「{2}」に書かれています"),
    (r"billing currency ([A-Z]{3}): named above the table", "請求通貨 {1}：表の上（明細の冒頭）に書かれています"),
    (r"billing currency ([A-Z]{3}): the file names its card company '(.*)', which bills in",
     "請求通貨 {1}：明細に書かれたカード会社「{2}」の請求通貨です"),
    (r"billing currency ([A-Z]{3}): the file prints the marks of (.*), which bills in",
     "請求通貨 {1}：{2} の書き出しの形（見出し・冒頭の行）をしているため、その請求通貨です"),
    (r"billing currency ([A-Z]{3}): from the signs or codes beside the amounts",
     "請求通貨 {1}：金額の横の通貨記号・通貨コードから判断しました"),
    (r"billing currency not printed on the statement", "明細に請求通貨が印字されていないため、通貨は空欄です"),
    (r"billing currency ([A-Z]{3}): (.*)", "請求通貨 {1}（{2}）"),
    (r"billing currency not stated in the file: ([A-Z]{3}) as given",
     "請求通貨がファイルに書かれていないため、指定された {1} として読みました"),
    (r"billing currency not stated in the file: shown as 'unknown'",
     "請求通貨がファイルに書かれていません（金額は「通貨の記載なし」として表示）"),
    (r"billing currency not printed on page (\d+)", "{1} ページに請求通貨が書かれていないため、通貨は空欄です"),
    (r"charges are printed with a minus and payments without",
     "利用額がマイナス、入金がプラスで印字されているため、符号を逆にして読みました"),
    (r"layout not recognised and no known header names",
     "登録済みの形式でなく見出しも分からないため、中身から列を選びました"),
    (r"layout not recognised: read as a generic statement; columns chosen by header name: (.*)",
     "登録済みの形式ではないため、一般的な明細として読みました。見出しから選んだ列：{1}"),
    (r"layout not recognised", "登録済みの形式ではないため、一般的な明細として読みました"),
    (r"columns chosen from their contents: (.*)", "中身から選んだ列：{1}"),
    (r"columns chosen with low confidence: (.*?); check them",
     "自信の低い列の選び方です：{1}。確かめて、違っていれば「列を自分で選ぶ」で指定してください"),
    (r"header row found above the first dated row: (.*)", "最初の日付の行より上に見出しの行がありました：{1}"),
    (r"(\d+) row\(s\) had more fields than the others \(first at line (\d+)\): a delimiter inside a text field",
     "{1} 行はほかの行より項目が多かったため（最初は {2} 行目）、文字の中の区切り記号とみなして1つの項目に戻しました"),
    (r"read as (\S+): the order giving the most compact period",
     "日付の並び（年・月・日）が何通りにも読めるため、期間が最も短くなる {1} として読みました"),
    (r"read as (\S+): the order giving no date years ahead",
     "日付の並び（年・月・日）が何通りにも読めるため、何年も先の日付にならない {1} として読みました"),
    (r"dates \(\S+\): dates have no year$", "日付に年が書かれていません"),
    (r"the first row holds words above the data: read as the header", "最初の行はデータの上の言葉のため、見出しとして読みました"),
    (r"no column of text found for the description", "内容（店名）の列が見つかりませんでした"),
    (r"every description is empty", "どの行も内容（店名）が空のため、事業者を照合できません。店名の列を「列を自分で選ぶ」で指定してください"),
    (r"(\d+) of (\d+) rows have no description", "{2} 行のうち {1} 行は内容（店名）が空です"),
    (r"(\d+) row\(s\) without a use date: dated by the posting date", "{1} 行は利用日がないため、計上日を日付にしました"),
    (r"(\d+) row\(s\) without an amount in the amount column: amount read from column (\d+)",
     "{1} 行は金額の列が空のため、{2} 列目から金額を読みました"),
    (r"(\d+) line\(s\) continuing the description of the transaction above",
     "{1} 行は上の取引の内容の続きのため、その取引につなげました"),
    (r"(\d+) control characters? removed from the text \(first on line (\d+)\)",
     "文字ではない制御文字を {1} 個取り除きました（最初は {2} 行目）"),
    (r"row (\d+): a quote opens a field and never closes",
     "{1} 行目：引用符が閉じられていないため、続きは文字として読み、下の行はそれぞれの行として読みました"),
    (r"the direction column contradicts layout (\S+)'s sign convention",
     "入出金の区分の列が形式 {1} の符号の決まりと合わないため、区分の列に従いました"),
    (r"columns as given \(saved layout (.*?)\): (.*)", "保存した指定「{1}」の列で読みました：{2}"),
    (r"columns as given \(column mapping\): (.*)", "指定した列で読みました：{1}"),
    (r"layout (\S+): columns (.*) not found by the spec", "形式 {1}：列 {2} が見つからず、見出しから推測しました"),
    (r"(\d[\d,]*) row\(s\) marked as money in by their direction or type column",
     "{1} 行は入出金の区分から入金と判断し、マイナスにしました"),
    (r"running balance: positive amounts are money in", "残高の列がある口座の明細のため、プラスの金額を入金と判断して符号を逆にしました"),
    (r"rows typed as money out are negative", "出金の行がマイナスで書かれているため、符号を逆にしました"),
    (r"running balance rises by the positive amounts", "残高がプラスの金額で増えているため、符号を逆にしました"),
    (r"charges appear as negative numbers", "利用額がマイナスで書かれたファイルと判断し、符号を逆にしました"),
    (r"last number on each line is a running balance", "各行の最後の数字は残高とみなし、その前の数字を金額として読みました"),
    (r"dates fit both day/month orders; read month first", "日付が「日/月」「月/日」のどちらにも読めるため、月を先として読みました"),
    (r"dates have no year: placed in the period up to (\S+)",
     "日付に年がないため、ファイルに書かれた {1} までの期間に当てはめました"),
    (r"dates have no year and the file prints no period",
     "日付に年がなく期間も書かれていないため、今日までの12か月に当てはめました"),
    (r"no statement period printed; years of dates taken from (\S+)",
     "明細の期間が書かれていないため、日付の年は {1} から補いました"),
    (r"same content as (.+): its rows are not counted twice", "{1} と同じ内容のため、二重には数えません"),
    (r"(\d+) NUL bytes? removed", "文字ではない NUL を {1} 個取り除きました（壊れた書き出しの跡）"),
    (r"(\d+) statements in one file", "1 つのファイルに {1} 回分の明細があります。各行はそれぞれの期間で日付を読みました"),
    (r"only the first (\d+) of (\d+) columns", "{2} 列のうち最初の {1} 列だけで日付と金額を探しました"),
    (r"parsed transactions add up to ([-\d,.]+) but the statement's '(.*)' is ([-\d,.]+)",
     "読み取った取引の合計 {1} が、明細に印字された「{2}」{3} と合いません。読めていない行があるかもしれません"),
    (r"no text on page (\d+)", "{1} ページに文字がありません（画像だけのページ？）"),
    # rows that could not be read
    (r"date (\S+) is outside (\S+)\s*(?:-|to)\s*(\S+?):? row not counted",
     "日付 {1} が {2}〜{3} の範囲外のため、この行は数えていません"),
    (r"date (\S+) is outside (\S+) to (\S+)", "日付 {1} が {2}〜{3} の範囲外です"),
    (r"row left out of the audit", "この行は点検から外しました（日付の印字・読み取りの誤り？）"),
    (r"unreadable date '(.*?)' and amount '(.*?)'", "日付「{1}」と金額「{2}」が読めません"),
    (r"unreadable date '(.*?)'", "日付「{1}」が読めません"),
    (r"unreadable amount '(.*?)'", "金額「{1}」が読めません"),
    (r"amount '(.*?)' is too large for a statement row", "金額「{1}」が明細の1行としては大きすぎます"),
    (r"date but no amount", "日付はありますが金額がありません"),
    (r"amount but no date", "金額はありますが日付がありません"),
    (r"record without a readable date or amount", "日付か金額の読めない記録です"),
    (r"date does not parse|date unreadable", "日付が読めません"),
    (r"amount does not parse|amount unreadable", "金額が読めません"),
    (r"transaction without a date or an amount", "日付か金額のない取引です"),
    (r"row has (\d+) fields, the header has (\d+); extra fields ignored",
     "この行は {1} 項目あり、見出し（{2} 項目）より多い分は無視しました"),
    (r"row has (\d+) fields, the header has (\d+)", "この行は {1} 項目で、見出し（{2} 項目）と合いません"),
    (r"file ends inside a quoted field", "ファイルが引用符の途中で終わっています（途中で切れている？）。この行は読めません"),
    (r"unreadable CSV record", "CSV の行として読めません"),
    (r"foreign-amount line with no transaction before it", "前に取引のない外貨額の行です"),
    (r"foreign-amount line does not parse", "外貨額の行が読めません"),
    (r"dated line with an amount that is not a transaction", "日付と金額はありますが、この形式の取引の行ではありません"),
    (r"transaction not readable", "取引として読めません"),
]

# Why a row was not counted (ExcludedRow.reason).
_EXCLUDED_JA = {
    "total": "合計", "subtotal": "小計", "balance": "残高", "declined": "承認されなかった取引", "reverted": "取り消された取引",
    "header": "見出し", "summary": "集計欄", "section heading": "区分の見出し", "not a transaction": "取引ではない行",
    "payment-summary": "支払いの集計", "PayPal funding or transfer": "PayPal の入金・振替", "pending": "未確定の取引",
}


def note_text(message: Any, lang: str) -> str:
    """A reader's note (warning or unreadable-row message) in ``lang``, card numbers masked."""
    english = " ".join((mask_card(str(message)) or "").split())
    if lang != "ja":
        return english
    saved = re.search(r"saved layout '(.*?)' (?:not used|did not fit): (.*?)(?:; columns chosen by the reader)?$", english)
    if saved:  # a saved column mapping that does not fit this file: why, in the readers' mapping words
        from audit.ui_picker import mapping_error_text

        return (f"保存した列の指定「{saved.group(1)}」はこのファイルに合わないため使わず、列は自動で判断しました："
                f"{mapping_error_text(saved.group(2), lang)}")
    return translate(english, _NOTES_JA, "読み込み時の注意（{}）")


# Column roles as the readers name them in their notes (``date='Datum'``), in Japanese.
ROLES_JA = {
    "date": "日付", "posting_date": "計上日", "description": "内容", "amount": "金額", "debit": "支払額",
    "credit": "入金額", "currency": "通貨", "card": "カード", "type": "区分", "balance": "残高", "notes": "備考",
    "original_amount": "現地通貨額", "original_currency": "現地通貨", "ignore": "使わない",
    "cardholder": "利用者", "direction": "入出金の区分", "rate": "換算レート", "reference": "参照番号",
    "second_amount": "2つ目の金額",
}


def _roles_ja(text: str) -> str:
    """``date='Date', amount='Amount'`` -> ``日付＝「Date」、金額＝「Amount」`` (the header names stay as printed);
    a bare role word (``description``) -> its Japanese name."""
    if text.strip() in ROLES_JA:
        return ROLES_JA[text.strip()]
    found = re.findall(r"(\w+)='((?:[^'\\]|\\.)*)'", text)
    if found:
        return "、".join(f"{ROLES_JA.get(role, role)}＝「{name}」" for role, name in found)
    by_position = re.findall(r"(\w+)=col (\d+)", text)  # columns chosen from their contents: date=col 1
    if by_position:
        return "、".join(f"{ROLES_JA.get(role, role)}＝{col} 列目" for role, col in by_position)
    unsure = re.findall(r"(\w+) \(column (\d+), ([\d.]+)\)", text)  # low confidence: date (column 1, 0.55)
    if unsure:
        return "、".join(f"{ROLES_JA.get(role, role)}（{col} 列目、確からしさ {float(c):.0%}）" for role, col, c in unsure)
    return text


def _fill(template: str, groups: tuple[str | None, ...]) -> str:
    """``template`` with ``{1}``, ``{2}`` ... replaced by the pattern's groups (column roles in Japanese)."""
    return re.sub(r"\{(\d)\}", lambda g: _roles_ja(groups[int(g.group(1)) - 1] or ""), template)


def translate(english: str, table: list[tuple[str, str]], fallback: str) -> str:
    """The first Japanese template of ``table`` whose pattern matches ``english``, filled with its groups;
    ``fallback.format(english)`` when none does."""
    for pattern, ja in table:
        m = re.search(pattern, english, re.IGNORECASE)
        if m:
            return _fill(ja, m.groups())
    return fallback.format(english)


def problem_text(problem: Any, lang: str) -> str:
    """An unreadable row: where it is, what is wrong, and the row as printed (masked)."""
    where = []
    page, row = getattr(problem, "page", None), getattr(problem, "row", None)
    if page is not None:
        where.append(f"{page} ページ" if lang == "ja" else f"page {page}")
    if row is not None:
        where.append(f"{row} 行目" if lang == "ja" else f"row {row}")
    raw = " ".join((mask_card(str(getattr(problem, "raw", "") or "")) or "").split())[:80]
    head = " ".join(where)
    body = note_text(getattr(problem, "message", problem), lang)
    return (f"{head}: " if head else "") + body + (f" [{raw}]" if raw else "")


def excluded_reason(reason: str, lang: str) -> str:
    """Why a row was not counted, in ``lang``."""
    if lang != "ja":
        return reason
    return _EXCLUDED_JA.get(reason, f"除外（{reason}）")


def history_note(note: str, lang: str) -> str:
    """A case-history note in ``lang``: ``"letter: cancellation"``, ``"reply: retention_offer"``, ``"page"``."""
    from audit.ui_text import text

    note = " ".join(str(note or "").split())
    kind, _, value = note.partition(": ")
    if kind == "letter" and value:
        return text("history_letter", lang, what=text(f"letter_kind_{value}", lang)
                    if f"letter_kind_{value}" in _ui_keys() else value)
    if kind == "reply" and value:
        return text("history_reply", lang, what=text(f"cat_{value}", lang) if f"cat_{value}" in _ui_keys() else value)
    if note == "page":
        return text("history_page", lang)
    return note


def _ui_keys() -> set[str]:
    from audit.ui_text import EN, JA

    return set(JA) | set(EN)
