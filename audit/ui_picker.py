"""Page texts of the column picker and the saved layouts (Japanese and English), and the readers' mapping
errors and column evidence in the page's language.

Merged into :data:`audit.ui_text.TEXT`; :func:`mapping_error_text` and :func:`evidence_text` turn the readers'
English sentences (:mod:`audit.readers.mapping`, :mod:`audit.readers.roles`) into the page's language, the names
and numbers they quote carried over.
"""

from __future__ import annotations

from audit.ui_messages import translate

JA_PICKER: dict[str, str] = {
    "picker_refused": "{name} は読み込めませんでした。下で、どの列が日付・金額・内容かを指定すると読めます。",
    "picker_unsure": "{name} は列の判断に自信がないまま読みました（確からしさ {pct}）。金額や日付が違っていたら、"
    "列を指定し直してください。",
    "picker_open": "列を指定して読む：{name}",
    "picker_choose_header": "列の読み取りを自分で直す",
    "picker_choose": "列を自分で選ぶ",
    "picker_choose_open": "この明細の列の指定は、ページ上部（数字の上）にあります。",
    "picker_choose_close": "閉じる",
    "picker_asked": "{name} の列を自分で選べます。下で、どの列が日付・金額・内容（店名）かを確かめて直してください。",
    "picker_open_applied": "列の指定（この指定で読んでいます）：{name}",
    "picker_rows": "ファイルの最初の行（そのまま）",
    "picker_header": "見出しの行がある",
    "picker_header_row": "見出しの行（なければ最初の取引の行）",
    "picker_row_label": "{line} 行目：{cells}",
    "picker_roles": "各列の役割",
    "picker_column": "列 {n}",
    "picker_reader": "読み取り：{role}（{pct}）",
    "picker_date_format": "日付の形式",
    "picker_date_format_help": "例：YYYY/MM/DD、DD.MM.YYYY、YYYY年M月D日、%d.%m.%Y %H:%M",
    "picker_decimal": "小数点",
    "picker_decimal_dot": "ピリオド（49.99）",
    "picker_decimal_comma": "カンマ（49,99）",
    "picker_sign": "符号",
    "picker_sign_positive": "利用額がプラス（支払いはマイナス）",
    "picker_sign_negative": "利用額がマイナス（支払いはプラス）",
    "picker_currency": "請求通貨（ファイルに書かれていなければ）",
    "picker_preview": "この指定で読んだ取引（最初の {shown} 件／全 {n} 件）",
    "picker_preview_none": "この指定では読めません：{why}",
    "picker_apply": "この指定で読む",
    "picker_clear": "指定を外す（自動の読み取りに戻す）",
    "picker_save_name": "保存名（同じ見出しのファイルは次から自動でこの指定で読みます）",
    "picker_save": "保存して、この形式のファイルを次から自動で読む",
    "picker_saved": "「{name}」として保存しました。同じ見出しのファイルは、次からこの指定で読みます（コマンドラインでも）。",
    "picker_save_failed": "保存できませんでした：{why}",
    "role_date": "日付", "role_amount": "金額", "role_debit": "支払額（出金）", "role_credit": "入金額",
    "role_description": "内容（利用先）", "role_currency": "通貨", "role_card": "カード番号", "role_ignore": "使わない",
    "role_posting_date": "計上日", "role_type": "区分", "role_balance": "残高", "role_notes": "備考",
    "layouts_header": "保存した列の指定（{n} 件）",
    "layouts_caption": "同じ見出しのファイルは、保存した指定で自動的に読みます。保存先：{path}",
    "layouts_none": "保存した列の指定はまだありません。",
    "layouts_line": "{name}：見出し「{signature}」・{columns}（{saved}）",
    "layouts_rename": "新しい名前",
    "layouts_rename_button": "名前を変える",
    "layouts_delete": "削除",
    "layouts_error": "保存した列の指定を読めません：{why}",
    "reading_saved": "保存した指定「{name}」で読みました",
    "reading_given": "指定した列で読みました",
    "col_confidence": "列の確からしさ",
}

EN_PICKER: dict[str, str] = {
    "picker_refused": "{name} could not be read. Say below which columns hold the date, the amount and the "
    "description, and it will be.",
    "picker_unsure": "{name} was read with low confidence in its columns ({pct}). If amounts or dates look wrong, "
    "say which column is which.",
    "picker_open": "Say which column is which: {name}",
    "picker_choose_header": "Correct how a file's columns were read",
    "picker_choose": "Choose the columns myself",
    "picker_choose_open": "Its column picker is at the top of the page, above the figures.",
    "picker_choose_close": "Close",
    "picker_asked": "Choose the columns of {name} yourself: check below which column holds the date, the amount and the merchant, and correct them.",
    "picker_open_applied": "Columns as you gave them (read this way): {name}",
    "picker_rows": "The file's first rows, as they are",
    "picker_header": "The file has a header row",
    "picker_header_row": "Header row (or the first transaction row, without one)",
    "picker_row_label": "line {line}: {cells}",
    "picker_roles": "What each column holds",
    "picker_column": "column {n}",
    "picker_reader": "reader: {role} ({pct})",
    "picker_date_format": "Date format",
    "picker_date_format_help": "e.g. DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD, %d.%m.%Y %H:%M",
    "picker_decimal": "Decimal mark",
    "picker_decimal_dot": "point (49.99)",
    "picker_decimal_comma": "comma (49,99)",
    "picker_sign": "Signs",
    "picker_sign_positive": "charges positive (payments negative)",
    "picker_sign_negative": "charges negative (payments positive)",
    "picker_currency": "Billing currency (when the file does not state it)",
    "picker_preview": "Transactions read this way (first {shown} of {n})",
    "picker_preview_none": "Nothing can be read this way: {why}",
    "picker_apply": "Read it this way",
    "picker_clear": "Take my columns off (read it automatically)",
    "picker_save_name": "Name to save it under (files with the same header are read this way from now on)",
    "picker_save": "Save, and read files of this layout this way from now on",
    "picker_saved": "Saved as '{name}'. Files with the same header are read this way from now on (on the command "
    "line too).",
    "picker_save_failed": "Could not save: {why}",
    "role_date": "date", "role_amount": "amount", "role_debit": "debit (money out)", "role_credit": "credit (money in)",
    "role_description": "description", "role_currency": "currency", "role_card": "card number", "role_ignore": "ignore",
    "role_posting_date": "posting date", "role_type": "type", "role_balance": "balance", "role_notes": "notes",
    "layouts_header": "Saved column layouts ({n})",
    "layouts_caption": "Files with the same header are read with the saved layout automatically. Kept in: {path}",
    "layouts_none": "No saved column layouts yet.",
    "layouts_line": "{name}: header '{signature}' · {columns} ({saved})",
    "layouts_rename": "New name",
    "layouts_rename_button": "Rename",
    "layouts_delete": "Delete",
    "layouts_error": "The saved column layouts cannot be read: {why}",
    "reading_saved": "read with the saved layout '{name}'",
    "reading_given": "read with the columns you gave",
    "col_confidence": "column confidence",
}



# (pattern in the readers' English error, Japanese; {1}, {2}... are the groups, role names translated)
_ERRORS_JA: list[tuple[str, str]] = [
    (r"column '(.+?)' \((\w+)\) is not in the header \(it has: (.*)\)",
     "列「{1}」（{2}）は見出しにありません（見出しの列：{3}）"),
    (r"column (\d+) \((\w+)\) does not exist: the rows have (\d+) columns", "列 {1}（{2}）はありません（行は {3} 列です）"),
    (r"(\w+) and (\w+) both name column (\d+): one role per column",
     "「{1}」と「{2}」が同じ列 {3} を指しています。1 つの列に役割は 1 つだけです"),
    (r"the role (\w+) is given to columns (\d+) and (\d+): one column per role",
     "「{1}」が列 {2} と列 {3} の両方に指定されています。1 つの役割は 1 つの列だけです"),
    (r"the date format (.+?) reads no date in the date column \(first cell '(.*)'\)",
     "日付の形式 {1} では、日付の列を 1 行も読めません（最初のセル「{2}」）。形式を直してください"),
    (r"date format '(.*)' has no day or month", "日付の形式「{1}」に日や月がありません（例：DD/MM/YYYY、%d.%m.%Y）"),
    (r"date format '(.*)' cannot be used", "日付の形式「{1}」は使えません"),
    (r"the columns name no date column", "日付の列を選んでください"),
    (r"the columns name no amount column", "金額の列（「金額」、または「支払額」と「入金額」）を選んでください"),
    (r"currency must be an ISO code", "通貨は USD・EUR・JPY のような3文字のコードで指定してください"),
    (r"no lines after the (\d+) skipped ones", "見出しより後に行がありません"),
    (r"named, but the file has no header row", "見出しの行がないため、列は番号で指定してください"),
    (r"no transactions found", "取引が見つかりません（日付と金額の列を指定してください）"),
    # a saved layout whose columns do not fit a file's rows (audit.readers.csv_plan.mapping_misfit)
    (r"column (\d+) \(date\) does not hold dates in the saved format (\S+) \('(.*)'\)",
     "{1} 列目が保存した形式 {2} の日付になっていません（「{3}」）"),
    (r"column (\d+) \(date\) does not hold dates \('(.*)'\)", "{1} 列目が日付になっていません（「{2}」）"),
    (r"column (\d+) \(date\) is empty", "{1} 列目（日付）が空です"),
    (r"no amount where it says on the dated rows \((.*)\)", "日付のある行で、指定した列に金額がありません（{1}）"),
]


def mapping_error_text(message: str, lang: str) -> str:
    """A reader's one-line complaint about a column mapping, in ``lang`` (the file name prefix dropped)."""
    text = " ".join(str(message).split())
    if lang != "ja":
        return text
    return translate(text, _ERRORS_JA, "読み込めませんでした（{}）")


_EVIDENCE_JA: list[tuple[str, str]] = [
    (r"the header '(.*)' names the description, but it holds (\d+) repeated text\(s\) on (\d+) rows: a type column",
     "見出し「{1}」は内容を表しますが、{3} 行に {2} 種類の言葉しかないため、取引の種類の列とみなしました"),
    (r"varied text \((\d+) different values, (\d+) characters on average\): the description, rather than column (\d+)"
     r" named so by its header", "さまざまな文字（{1} 種類、平均 {2} 文字）：見出しが内容と呼ぶ {3} 列目ではなく、こちらを内容（店名）としました"),
    (r"varied text too \((\d+) different values\): it may hold the merchant rather than column (\d+)",
     "こちらの文字もさまざまです（{1} 種類）：{2} 列目ではなく、こちらに店名があるかもしれません"),
    (r"the header '(.*)' names an identifier", "見出し「{1}」が番号を表す"),
    (r"the header '(.*)' names money out", "見出し「{1}」が支払額を表す"),
    (r"the header '(.*)' names money in", "見出し「{1}」が入金額を表す"),
    (r"the header '(.*)' names money", "見出し「{1}」が金額を表す"),
    (r"the header '(.*)' names the (.+)", "見出し「{1}」が{2}を表す"),
    (r"the header '(.*)' names a balance", "見出し「{1}」が残高を表す"),
    (r"(\d+%) of the cells read as dates", "セルの {1} が日付として読める"),
    (r"(\d+%) of the numbers have two decimals", "数字の {1} に小数点以下 2 桁がある"),
    (r"numbers with leading zeros", "先頭が 0 の数字"),
    (r"numbers counting up by one down the rows", "行ごとに 1 ずつ増える数字"),
    (r"(\d+)-digit whole numbers", "{1} 桁の整数"),
    (r"always (\d+) digits", "いつも {1} 桁"),
    (r"a few four-digit codes", "少数の 4 桁の番号（カード末尾や分類番号）"),
    (r"the same number on every row", "どの行も同じ数字（口座番号）"),
    (r"whole numbers beside amounts with cents", "小数のある金額の横にある整数"),
    (r"currency signs beside the numbers", "数字の横に通貨記号"),
    (r"thousands separators", "桁区切りがある"),
    (r"signed numbers", "符号付きの数字"),
    (r"the most varied text", "いちばん多様な文字列"),
    (r"few repeated words", "少数の語の繰り返し（区分の列）"),
    (r"currency codes or names", "通貨コード・通貨名"),
    (r"direction words", "入出金を表す語"),
    (r"a running balance", "行ごとの金額で増減する残高"),
    (r"the earlier of two dates is the use date", "2 つの日付のうち早いほうが利用日"),
    (r"a second date column", "2 つ目の日付の列（計上日）"),
    (r"the first of several date columns", "複数の日付の列の最初"),
    (r"money out: never filled on the same row", "支払額（入金額と同じ行に入らない）"),
    (r"money in: never filled on the same row", "入金額（支払額と同じ行に入らない）"),
    (r"the only numeric column left", "残った唯一の数字の列"),
    (r"named the (\w+) by its header", "見出しから{1}と判断（中身はあまり合わない）"),
]


def evidence_text(evidence: str, lang: str) -> str:
    """One piece of the reader's evidence for a column's role, in ``lang``."""
    text = " ".join(str(evidence).split())
    if lang != "ja":
        return text
    return translate(text, _EVIDENCE_JA, "根拠（{}）")
