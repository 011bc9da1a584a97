"""Page texts for cards, samples, the case history, the to-do list and the analyst's view (Japanese and English).

Merged into :data:`audit.ui_text.TEXT` (kept apart so that module stays a manageable size).
"""

from __future__ import annotations

JA_LABELS: dict[str, str] = {
    "title": "カード明細の点検",
    "intro": "偽のセキュリティ警告などがきっかけの不審な継続請求を、カード明細（CSV・PDF）から契約ごとに探し、"
    "事業者への解約・全額返金の申し出文（英語と日本語訳）とカード会社への異議申立て文を作ります。",
    "privacy": "明細はこのパソコンの中だけで処理し、外部には送りません。カード番号は下4桁だけ表示します。"
    "保存するのは、このパソコン内の案件の記録（場所はこの欄の下のほうに表示）とダウンロードしたファイルだけです。",
    "sample_set_formats": "各カード会社の形式の見本（{n} ファイル）",
    "sample_set_demo": "デモの相談者：{name}（{n} ファイル）",
    "sample_loaded": "サンプル {n} ファイルの点検結果です（ファイルは「読み込み結果」タブ）。",
    "uploader_button": "ファイルを選ぶ",
    "uploader_limit": "1ファイル {limit} MB まで",
    "reasons_more": "ほかの理由（{n} 件）",
    "store_sample": "サンプルの案件は、この画面だけの一時ファイルに記録します（あなたの案件の記録には入りません）。",
    "cards_summary": "カード {n} 枚：{cards}",
    "files_summary_sample": "サンプル {files} ファイル・{rows} 件の取引を点検しました。",
    "metric_next_late": "{n} 件",
    "metric_next_late_delta": "予想日を過ぎています",
    "todo_more": "全 {n} 件（表の中をスクロールすると {shown} 件目より後も見られます）",
    "col_month": "月",
    "currency_unknown": "記載なし",
    "reply_received": "返信（{category}）",
    "history_letter": "送付：{what}",
    "history_reply": "返信を記録",
    "history_page": "画面で変更",
    "letter_kind_cancellation": "解約・返金の申し出",
    "letter_kind_follow_up": "再度の申し出",
    "letter_kind_dispute": "カード会社への異議申立て",
    "card_unnamed": "カード（番号の記載なし）",
    "card_of_file": "{name} のカード",
    "cards_header": "カード（{n} 枚）",
    "cards_caption": "カード番号の書かれていない明細は、形式・請求通貨が同じで期間が続いているときだけ同じカードとみなします。"
    "カード会社は、そのカードの異議申立て文の宛先になります。",
    "card_more_files": " ほか {n} 件",
    "card_files": "明細：{files}",
    "card_country_unknown": "国は不明",
    "card_issuer_label": "カード会社（異議申立て文の宛先）",
    "card_issuer_placeholder": "例：楽天カード",
    "cards_join_header": "明細とカードの対応を変える",
    "cards_join_caption": "番号の書かれていない明細ごとに、どのカードのものかを選べます。選ぶと点検し直します。",
    "card_choice_auto": "自動（形式・通貨・期間から判断）",
    "card_choice_own": "このファイルだけのカード",
    "card_choice_same": "「{name}」と同じカード",
    "forgotten": "{client} について記録したものをすべて消し、明細 {n} ファイル（{files}）と入力した情報をこの画面から外しました。",
    "signal_known_merchant": "名前の挙がった事業者",
    "signal_foreign_software_recurring": "ソフト・サポートの定期請求",
    "signal_contract_cluster": "同時期に始まった複数の契約",
    "signal_large_support_plan": "高額なサポート契約",
    "signal_prepaid_burst": "電子マネーの連続購入",
    "signal_refund_link": "返金のあった請求",
}

EN_LABELS: dict[str, str] = {
    "title": "Card statement audit",
    "intro": "Finds suspicious recurring charges that follow fake security warnings, grouped by contract, in your card "
    "statements (CSV or PDF), and drafts a cancellation and full-refund request for each merchant and a dispute "
    "letter for your card company.",
    "privacy": "Statements are processed on this computer only and never sent anywhere; card numbers show their last "
    "four digits only. What is kept: the case file on this computer (its place is shown further down this sidebar) "
    "and the files you download.",
    "sample_set_formats": "One sample per card company's format ({n} files)",
    "sample_set_demo": "Demo client: {name} ({n} files)",
    "sample_loaded": "Results for {n} sample file(s) (see the \"Files read\" tab).",
    "uploader_button": "Choose files",
    "uploader_limit": "up to {limit} MB per file",
    "reasons_more": "{n} more reason(s)",
    "store_sample": "The sample's cases are kept in a temporary file for this page only (never in your own case file).",
    "cards_summary": "{n} card(s): {cards}",
    "files_summary_sample": "Audited {files} sample file(s) with {rows} transactions.",
    "metric_next_late": "{n} past due",
    "metric_next_late_delta": "expected date passed",
    "todo_more": "{n} steps in all (scroll inside the table to see those after the first {shown})",
    "col_month": "Month",
    "currency_unknown": "not stated",
    "reply_received": "reply ({category})",
    "history_letter": "sent: {what}",
    "history_reply": "reply kept",
    "history_page": "changed on the page",
    "letter_kind_cancellation": "cancellation and refund request",
    "letter_kind_follow_up": "follow-up",
    "letter_kind_dispute": "dispute letter to the card company",
    "card_unnamed": "card (no number printed)",
    "card_of_file": "card of {name}",
    "cards_header": "Cards ({n})",
    "cards_caption": "Statements that print no card number count as one card only when their layout and billing currency "
    "are the same and their periods follow each other. The card company is where that card's dispute letter goes.",
    "card_more_files": " and {n} more",
    "card_files": "statements: {files}",
    "card_country_unknown": "country unknown",
    "card_issuer_label": "Card company (the dispute letter goes to it)",
    "card_issuer_placeholder": "e.g. Chase",
    "cards_join_header": "Change which statement is on which card",
    "cards_join_caption": "For each statement that prints no card number, choose the card it is on. The audit runs "
    "again with your choice.",
    "card_choice_auto": "automatic (layout, currency and periods)",
    "card_choice_own": "a card of its own",
    "card_choice_same": "same card as {name}",
    "forgotten": "Everything kept about {client} was deleted, and their {n} statement file(s) ({files}) and details "
    "were taken off this page.",
    "signal_known_merchant": "named merchant",
    "signal_foreign_software_recurring": "recurring software or support charge",
    "signal_contract_cluster": "several contracts starting together",
    "signal_large_support_plan": "large support plan",
    "signal_prepaid_burst": "burst of prepaid or gift cards",
    "signal_refund_link": "charge with a refund",
}
