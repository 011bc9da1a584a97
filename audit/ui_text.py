"""Every text the Streamlit page shows, in Japanese (the default) and English.

:func:`text` looks a key up for one language and fills ``{placeholders}``; a key missing in English
falls back to Japanese, and an unknown key is shown as itself so a typo never crashes the page.
"""

from __future__ import annotations

DEFAULT_LANG = "ja"
LANGS = ("ja", "en")
LANG_NAMES = {"ja": "日本語", "en": "English"}

JA: dict[str, str] = {
    "page_title": "カード明細の点検",
    "title": "カード明細の点検 ― 偽警告・サポート詐欺の継続請求を探す",
    "intro": "カード明細（CSV・PDF）を読み込むと、偽のセキュリティ警告などがきっかけの不審な継続請求を契約ごとにまとめ、"
    "事業者への解約・全額返金の申し出文（英語と日本語訳）と、カード会社への異議申立て文を作ります。",
    "privacy": "明細はこのパソコンのメモリの中だけで処理します。外部への通信や利用統計の送信はしません。"
    "明細そのものは保存しません。保存するのは、ダウンロードしたファイルと、このパソコン内の案件の記録（契約ごとの状態・"
    "送った文面・返信。場所はサイドバーに表示）だけです。カード番号は下4桁のみ表示します。",
    "lang_label": "言語 / Language",
    "mode_label": "使い方",
    "mode_single": "自分の明細を点検",
    "mode_counsellor": "相談員（複数の相談者）",
    "upload_label": "カード明細（CSV・PDF、複数可）",
    "upload_help": "1ファイル {limit} MB まで。ファイルはディスクに保存されません。",
    "sample_label": "同梱のサンプル明細",
    "sample_load": "サンプルを読み込む",
    "sample_clear": "サンプルを外す",
    "sample_loaded": "サンプル {n} ファイルを読み込み中：{names}",
    "no_samples": "サンプル明細が見つかりません（sample_statements/）。",
    "no_files": "明細をアップロードするか、「サンプルを読み込む」を押してください。",
    "scanning": "明細を点検しています…",
    "scan_failed": "{name}: 読み込めませんでした（{why}）",
    "analysis_failed": "点検の途中でエラーが起きました（{why}）",
    "files_summary": "{files} ファイル・{rows} 件の取引を読み込みました。",
    "error_count": "{n} ファイルは読み込めませんでした。",
    "metric_suspicious": "不審な契約",
    "metric_paid": "不審な請求の合計",
    "metric_next": "次に予想される請求",
    "metric_legit": "正規と思われる定期支払い",
    "none": "—",
    # details
    "details_header": "あなたの情報（申し出文に入ります）",
    "details_caption": "あなた自身の情報です。すべての申し出文に入ります。事業者ごとの情報（連絡先・注文番号・商品名）は各契約の欄に入れてください。このページを閉じると消えます。",
    "name": "お名前（ローマ字）",
    "email": "契約時に登録したメールアドレス",
    "order_number": "注文番号（分かれば）",
    "card_issuer": "カード会社名",
    "merchant_email": "事業者の連絡先メールアドレス",
    "product": "商品名（分かれば）",
    "request_date": "解約を申し出た日（異議申立て用）",
    "name_ja": "お名前（日本語）",
    "name_ja_help": "日本語の申し出文（日本のカード会社への異議申立てなど）の署名に使います。空欄ならローマ字のお名前を使います。",
    "address": "住所（カード会社への文書だけに入ります）",
    "address_help": "住所と電話番号はカード会社への異議申立て文だけに入り、事業者への文には入りません。",
    "phone": "電話番号（カード会社への文書だけに入ります）",
    "shared_moved": "「あなたの情報」に入っていた事業者の情報（{fields}）を、この契約の欄に移しました：{contract}",
    "shared_ask": "「あなたの情報」に事業者の情報（{fields}）が入っています。事業者ごとの情報なので、どの契約のものか選んでください。選ぶまで、どの申し出文にも入れません。",
    "shared_pick": "この情報の契約",
    "shared_give": "この契約に入れる",
    "shared_drop": "どの契約にも入れずに消す",
    "upload_duplicate": "{name} は同じファイルが {n} 回入っています（重複）。1 回分だけ読みます。アップロード欄の重複分は × で外せます。",
    "letter_currency_missing": "この契約の明細には請求通貨が書かれていません。申し出文の金額の前に {placeholder} が入っています。このまま送らず、カードの請求通貨を選んでください（選ぶと申し出文と金額が書き直されます）。",
    "letter_currency_eml": "注文確認メールに書かれた通貨 {code} を使う",
    "letter_currency_file": "{name} のカードの請求通貨",
    "eml_label": "注文確認メール（.eml）から読み込む",
    "eml_help": "メールソフトで注文確認・決済完了のメールを .eml 形式で保存して、ここに入れてください。",
    "eml_found": "{name} から読み取りました：{found}",
    "eml_nothing": "{name} から連絡先や注文番号は見つかりませんでした。",
    "eml_error": "{name}: {why}",
    "eml_field_merchant": "事業者",
    "eml_field_email": "連絡先",
    "eml_field_order": "注文番号",
    "eml_field_date": "購入日",
    "eml_field_product": "商品",
    "eml_field_amount": "金額",
    # tabs
    "tab_contracts": "不審な請求と申し出文",
    "tab_files": "読み込み結果",
    "tab_transactions": "タイムラインと全取引",
    "tab_legit": "その他の定期支払い",
    "tab_help": "相談先・電子マネー",
    # files tab
    "files_header": "ファイルごとの読み込み結果",
    "col_file": "ファイル",
    "col_type": "種類",
    "col_layout": "形式",
    "col_period": "期間",
    "col_rows": "取引数",
    "col_warnings": "警告",
    "col_problems": "読めない行",
    "col_excluded": "除外した行",
    "col_reconciliation": "合計の照合",
    "recon_ok": "一致（{total}）",
    "recon_bad": "不一致：明細の合計 {printed}、読み取り {parsed}（差 {diff}）",
    "recon_none": "合計行なし",
    "file_details": "{name} の詳細",
    "problems_header": "読み取れなかった行（取引のように見えますが、数に入っていません）",
    "warnings_header": "警告",
    "excluded_header": "除外した行（合計・残高など）",
    # contracts tab
    "no_statement": "まだ明細が読み込まれていません。",
    "no_suspicious": "不審な請求は見つかりませんでした。念のため「全取引」も確認してください。",
    "contracts_intro": "不審な契約が {n} 件見つかりました。契約ごとに解約の申し出が必要です。",
    "auto_reply_header": "自動返信について",
    "score": "疑わしさ {score:.0f}/100",
    "status_active": "継続中",
    "status_ended": "終了",
    "status_one-off": "単発",
    "cadence_label": "周期：{cadence}",
    "reasons": "疑わしい理由",
    "sources": "この事業者についての公開情報：",
    "charges": "請求の一覧",
    "col_date": "日付",
    "col_amount": "金額",
    "col_currency": "通貨",
    "col_original": "現地通貨額",
    "col_description": "明細の表記",
    "col_source": "ファイル",
    "col_contract": "契約",
    "col_kind": "種類",
    "col_card": "カード",
    "col_merchant": "事業者",
    "col_cadence": "周期",
    "col_status": "状態",
    "col_charges": "回数",
    "col_total": "支払合計",
    "col_last": "最終請求日",
    "col_next_date": "次回予想日",
    "col_next_amount": "次回予想額",
    "total_paid": "支払合計",
    "refunded": "返金済み {amount}",
    "charge_count": "請求回数",
    "next_charge": "次回の予想請求",
    "contract_fields": "この契約の事業者についての情報（この契約の申し出文だけに入ります）",
    "letter_cancel": "① 解約・全額返金の申し出",
    "letter_follow": "② 再度の申し出（割引の提案・理由の質問への返信）",
    "letter_dispute": "③ カード会社への異議申立て",
    "letter_en": "英語（送る文面）",
    "letter_ja": "日本語訳（確認用）",
    "copy_hint": "右上のアイコンでコピーできます。送る前に［ ］の部分が残っていないか確認してください。",
    "download_txt": ".txt をダウンロード",
    "download_eml": ".eml（下書き）をダウンロード",
    "follow_note": "事業者が割引を提案してきたり、解約の理由を尋ねてきたりしたら、この文面で再度申し出てください。"
    "解約完了の連絡が来るまで繰り返すことが大切です。",
    "dispute_note": "事業者が応じない・返事がない場合は、この文面をカード会社に送ってください。"
    "カードを止めたり番号を変えたりするだけでは請求が止まらないことがあります。",
    "prepaid_contract": "電子マネー・ギフトカードの購入と思われる請求です。事業者へ解約を申し出る相手がいないため、"
    "次の対応をしてください。",
    # transactions tab
    "timeline_header": "請求のタイムライン",
    "timeline_other": "その他の取引",
    "timeline_legit": "正規と思われる定期支払い",
    "timeline_only_suspicious": "不審な請求だけを表示",
    "transactions_header": "全取引",
    "filter_text": "明細の表記で絞り込み",
    "filter_files": "ファイル",
    "filter_kinds": "種類",
    "filter_suspicious": "不審な契約の取引だけ",
    "filter_dates": "期間",
    "rows_shown": "{shown} / {total} 件を表示",
    # legit tab
    "legit_intro": "次の定期支払いは正規のサービスと思われます。覚えのないものがないか確認してください。",
    "no_legit": "正規と思われる定期支払いは見つかりませんでした。",
    # reply tab
    "reply_header": "事業者からの返信を貼り付けてください",
    "reply_label": "返信メールの本文",
    "reply_placeholder": "Thank you for contacting us. ...",
    "reply_contract": "どの契約への返信ですか",
    "reply_result": "判定：{category}（確からしさ {confidence:.0%}）",
    "reply_matched": "手がかりになった表現：{cues}",
    "reply_next": "次にすること",
    "reply_ticket": "チケット番号：{ticket}",
    "reply_follow_up": "送る文面（再度の申し出）",
    "cat_auto_reply": "自動返信",
    "cat_retention_offer": "引き止めの提案（割引など）",
    "cat_question": "質問",
    "cat_confirmation": "解約・返金の確認",
    "cat_unknown": "判定できません",
    # help tab
    "help_pattern": "よくある手口",
    "help_prepaid": "電子マネー・ギフトカードで支払ってしまったら",
    "help_contacts": "相談先",
    # export
    "export_header": "書き出し",
    "export_caption": "Excel と印刷用 HTML には、すべての契約・請求・申し出文が入ります。ダウンロードしたファイルには個人情報が含まれます。取り扱いに注意してください。"
    "表計算ソフトで開いても数式として実行されないよう処理済みです。",
    "export_csv_contracts": "契約一覧 CSV",
    "export_csv_transactions": "全取引 CSV",
    "export_excel": "Excel",
    "export_html": "印刷用 HTML",
    "export_failed": "書き出しに失敗しました（{why}）",
    # counsellor
    "counsellor_header": "相談者ごとの明細",
    "client_count": "相談者の人数",
    "client_label": "相談者の呼び名",
    "client_default": "相談者{n}",
    "client_files": "{client} の明細（CSV・PDF、複数可）",
    "client_details": "{client} の情報（申し出文に入ります）",
    "demo_load": "サンプル（{n}人分）を読み込む",
    "summary_header": "相談者ごとのまとめ",
    "col_client": "相談者",
    "col_files": "ファイル数",
    "col_errors": "読めないファイル",
    "col_suspicious": "不審な契約",
    "col_suspicious_total": "不審な請求の合計",
    "col_legit": "正規の定期支払い",
    "client_view": "詳しく見る相談者",
    "client_empty": "{client}：明細がまだありません。",
    "single_client": "本人",
    # first steps (contracts tab)
    "first_steps_header": "まずすること",
    "first_steps": "1. 「あなたの情報」欄（相談員の画面では相談者ごとの情報欄）に、お名前と契約時に登録したメールアドレスを"
    "入力してください。注文確認メール・決済完了メール"
    "（迷惑メールフォルダも確認）を .eml で保存して読み込むと、事業者の連絡先と注文番号も入ります。\n"
    "2. 下の契約ごとに「① 解約・全額返金の申し出」の英語の文面を、事業者の連絡先へメールで送ります。"
    "日本語訳は内容を確かめるためのものです。契約が複数あれば、それぞれに送ってください。\n"
    "3. 自動返信が来たら、そのまま待ちます。割引の提案や解約理由の質問が来たら「② 再度の申し出」を送ります。"
    "解約完了の連絡が来るまで繰り返してください。届いた返信は、その契約の「この契約への返信を貼り付ける」に貼ると、"
    "意味と次にすることが分かります。\n"
    "4. 返事がない・応じてもらえないときは「③ カード会社への異議申立て」をカード会社に送ります。"
    "カードを止めたり番号を変えたりするだけでは、請求が止まらないことがあります。\n"
    "5. 困ったときは{help}へ。電子マネーの番号を伝えてしまった場合は「相談先・電子マネー」タブを見てください。",
    "still_charging": "請求が続く契約 {n} 件：次回 {date}ごろ {amount}（{merchant}）。先に解約を申し出てください。",
    "reasons_detail": "判定の詳しい根拠（英語）",
    "reason_known_merchant": "明細の表記が、公的機関や報道で名前の挙がった事業者「{name}」と一致しました（出典は下のリンク）。",
    "reason_foreign_software_recurring": "セキュリティ・PC修理などのソフトとみられる{cadence}の請求が {n} 回続いています。"
    "偽の警告から結ばされる継続契約によくある形です。",
    "reason_large_support_plan": "PCサポートやセキュリティソフトとしては高額な一回の請求です。偽サポートの電話で"
    "「数年・永久サポート」として売られることがあります。",
    "reason_prepaid_burst": "短い間に電子マネー・ギフトカードが購入されています。偽サポートが番号を読み上げさせ、"
    "「失敗した」と言って何度も買わせる手口によくある形です。",
    "reason_contract_cluster": "同じ頃にソフトやサポートの契約がいくつも始まっています。偽警告の電話番号にかけると、"
    "一度に複数の契約を結ばされることがあります。",
    "reason_refund_link": "この事業者から返金を受けた請求があります。返金に応じる事業者なので、残りの請求も返金を求めましょう。",
    "reason_foreign": "外貨（{currencies}）建ての請求で、販売者は海外にいるとみられます。",
    "reason_active": "まだ続いています。次回は {date} ごろ、約 {amount} の請求が見込まれます。",
    "reason_generic": "この請求は不審な請求のパターンに当てはまりました。",
    "cadence_weekly": "毎週",
    "cadence_biweekly": "2週間ごと",
    "cadence_semi-monthly": "月2回",
    "cadence_monthly": "毎月",
    "cadence_quarterly": "3か月ごと",
    "cadence_semi-annual": "半年ごと",
    "cadence_annual": "毎年",
    "kind_charge": "利用",
    "kind_refund": "返金",
    "kind_payment": "入金",
    "kind_fee": "手数料",
    "kind_cash": "キャッシング",
    "kind_other": "その他",
    "choose": "選んでください",
    "col_original_currency": "現地通貨",
    "timeline_caption": "点1つが1回の請求です。点が大きいほど金額が大きく、横に並んだ点は同じ契約の請求です。",
    "timeline_row": "契約・区分",
}

EN: dict[str, str] = {
    "page_title": "Card statement audit",
    "title": "Card statement audit: find recurring charges from fake-warning and support scams",
    "intro": "Load your card statements (CSV or PDF). The page groups suspicious recurring charges by contract "
    "and drafts, for each one, a request to the merchant to cancel and refund in full (English, with a "
    "Japanese translation) and a dispute letter to your card issuer.",
    "privacy": "Statements are processed in this computer's memory only. Nothing is sent anywhere and no usage "
    "statistics are collected. Statements are never saved; only your downloads and the case file on this computer "
    "(status per contract, letters sent, replies; its path is in the sidebar) are written. Card numbers show the "
    "last four digits only.",
    "lang_label": "言語 / Language",
    "mode_label": "Mode",
    "mode_single": "Check my own statements",
    "mode_counsellor": "Counsellor (several clients)",
    "upload_label": "Card statements (CSV or PDF, several allowed)",
    "upload_help": "Up to {limit} MB per file. Files are never saved to disk.",
    "sample_label": "Bundled sample statements",
    "sample_load": "Load the samples",
    "sample_clear": "Remove the samples",
    "sample_loaded": "Using {n} sample file(s): {names}",
    "no_samples": "No sample statements found (sample_statements/).",
    "no_files": "Upload a statement, or press \"Load the samples\".",
    "scanning": "Checking the statements…",
    "scan_failed": "{name}: could not be read ({why})",
    "analysis_failed": "The check stopped with an error ({why})",
    "files_summary": "Read {files} file(s) with {rows} transactions.",
    "error_count": "{n} file(s) could not be read.",
    "metric_suspicious": "Suspicious contracts",
    "metric_paid": "Paid on suspicious charges",
    "metric_next": "Next expected charge",
    "metric_legit": "Legit-looking subscriptions",
    "none": "—",
    "details_header": "Your details (used in the letters)",
    "details_caption": "About you: every letter uses them. What belongs to one merchant (its address, your order number, the product) goes in that contract's box. They are gone when you close the page.",
    "name": "Your name",
    "email": "Email address you signed up with",
    "order_number": "Order number (if known)",
    "card_issuer": "Card issuer",
    "merchant_email": "Merchant's contact email",
    "product": "Product name (if known)",
    "request_date": "Date you asked to cancel (for the dispute)",
    "name_ja": "Your name in Japanese script",
    "name_ja_help": "Signs the Japanese letters (a dispute to a Japanese card company). Left empty, your name above is used.",
    "address": "Your address (only in letters to your card company)",
    "address_help": "Your address and phone go only into the dispute letter to your card company, never to a merchant.",
    "phone": "Your phone (only in letters to your card company)",
    "shared_moved": "The merchant details typed among your own details ({fields}) were moved to this contract: {contract}",
    "shared_ask": "Your own details hold a merchant's details ({fields}). They belong to one merchant: choose its contract. Until then no letter uses them.",
    "shared_pick": "Contract these details belong to",
    "shared_give": "Put them in this contract",
    "shared_drop": "Drop them",
    "upload_duplicate": "{name} was added {n} times (a duplicate): it is read once. Remove the copy from the upload box with its ×.",
    "letter_currency_missing": "This contract's statement does not state its currency: the letters show {placeholder} before each amount. Do not send them like this; choose the card's billing currency (the letters and figures are redrawn in it).",
    "letter_currency_eml": "Use {code}, the currency in the order e-mail",
    "letter_currency_file": "Billing currency of the card in {name}",
    "eml_label": "Read an order-confirmation email (.eml)",
    "eml_help": "Save the order or payment confirmation email as an .eml file in your mail program and drop it here.",
    "eml_found": "Read from {name}: {found}",
    "eml_nothing": "No contact address or order number found in {name}.",
    "eml_error": "{name}: {why}",
    "eml_field_merchant": "merchant",
    "eml_field_email": "contact",
    "eml_field_order": "order number",
    "eml_field_date": "purchase date",
    "eml_field_product": "product",
    "eml_field_amount": "amount",
    "tab_contracts": "Suspicious charges and letters",
    "tab_files": "Files read",
    "tab_transactions": "Timeline and all transactions",
    "tab_legit": "Other subscriptions",
    "tab_help": "Help and prepaid cards",
    "files_header": "What was read from each file",
    "col_file": "File",
    "col_type": "Type",
    "col_layout": "Layout",
    "col_period": "Period",
    "col_rows": "Rows",
    "col_warnings": "Warnings",
    "col_problems": "Unreadable rows",
    "col_excluded": "Excluded rows",
    "col_reconciliation": "Total check",
    "recon_ok": "matches ({total})",
    "recon_bad": "mismatch: statement total {printed}, parsed {parsed} (difference {diff})",
    "recon_none": "no printed total",
    "file_details": "Details for {name}",
    "problems_header": "Rows that look like transactions but could not be read (not counted)",
    "warnings_header": "Warnings",
    "excluded_header": "Excluded rows (totals, balances, ...)",
    "no_statement": "No statement loaded yet.",
    "no_suspicious": "No suspicious charges found. Look through all transactions as well, to be sure.",
    "contracts_intro": "Found {n} suspicious contract(s). Each contract needs its own cancellation request.",
    "auto_reply_header": "About automatic replies",
    "score": "suspicion {score:.0f}/100",
    "status_active": "active",
    "status_ended": "ended",
    "status_one-off": "one-off",
    "cadence_label": "cadence: {cadence}",
    "reasons": "Why it looks suspicious",
    "sources": "Public sources on this merchant:",
    "charges": "Charges",
    "col_date": "Date",
    "col_amount": "Amount",
    "col_currency": "Currency",
    "col_original": "Foreign amount",
    "col_description": "Descriptor",
    "col_source": "File",
    "col_contract": "Contract",
    "col_kind": "Kind",
    "col_card": "Card",
    "col_merchant": "Merchant",
    "col_cadence": "Cadence",
    "col_status": "Status",
    "col_charges": "Charges",
    "col_total": "Total paid",
    "col_last": "Last charge",
    "col_next_date": "Next expected",
    "col_next_amount": "Next amount",
    "total_paid": "Total paid",
    "refunded": "refunded {amount}",
    "charge_count": "Charges",
    "next_charge": "Next expected charge",
    "contract_fields": "This merchant's details (used only in this contract's letters)",
    "letter_cancel": "1. Cancellation and full refund",
    "letter_follow": "2. Follow-up (after a discount offer or a question)",
    "letter_dispute": "3. Dispute letter to the card issuer",
    "letter_en": "English (to send)",
    "letter_ja": "Japanese translation (for you)",
    "copy_hint": "Use the icon at the top right to copy. Check that no [ ] placeholders are left before sending.",
    "download_txt": "Download .txt",
    "download_eml": "Download .eml (draft)",
    "follow_note": "If the merchant offers a discount or asks why you want to cancel, send this follow-up. "
    "Keep repeating the request until they confirm the cancellation.",
    "dispute_note": "If the merchant does not cancel or does not answer, send this to your card issuer. "
    "Stopping the card or changing its number alone may not stop the charges.",
    "prepaid_contract": "These look like purchases of prepaid e-money or gift cards. There is no merchant to "
    "ask for a cancellation, so do this instead:",
    "timeline_header": "Timeline of charges",
    "timeline_other": "other transactions",
    "timeline_legit": "legit-looking subscriptions",
    "timeline_only_suspicious": "Show suspicious charges only",
    "transactions_header": "All transactions",
    "filter_text": "Filter by descriptor",
    "filter_files": "Files",
    "filter_kinds": "Kinds",
    "filter_suspicious": "Only charges of suspicious contracts",
    "filter_dates": "Dates",
    "rows_shown": "Showing {shown} of {total}",
    "legit_intro": "These subscriptions look like legitimate services. Check that you recognise every one.",
    "no_legit": "No legit-looking subscriptions found.",
    "reply_header": "Paste the merchant's reply",
    "reply_label": "Text of the reply",
    "reply_placeholder": "Thank you for contacting us. ...",
    "reply_contract": "Which contract is it about?",
    "reply_result": "Verdict: {category} (confidence {confidence:.0%})",
    "reply_matched": "Phrases that gave it away: {cues}",
    "reply_next": "What to do next",
    "reply_ticket": "Ticket number: {ticket}",
    "reply_follow_up": "Text to send (follow-up)",
    "cat_auto_reply": "automatic reply",
    "cat_retention_offer": "retention offer (discount etc.)",
    "cat_question": "question",
    "cat_confirmation": "cancellation/refund confirmed",
    "cat_unknown": "not recognised",
    "help_pattern": "How the scam usually works",
    "help_prepaid": "If you paid with prepaid e-money or gift cards",
    "help_contacts": "Where to get help",
    "export_header": "Export",
    "export_caption": "The Excel file and the printable HTML hold every contract, charge and letter. Downloaded files contain personal data: handle them with care. Cells are made safe so a "
    "spreadsheet never runs them as formulas.",
    "export_csv_contracts": "Contracts CSV",
    "export_csv_transactions": "All transactions CSV",
    "export_excel": "Excel",
    "export_html": "Printable HTML",
    "export_failed": "Export failed ({why})",
    "counsellor_header": "Statements by client",
    "client_count": "Number of clients",
    "client_label": "Client label",
    "client_default": "Client {n}",
    "client_files": "Statements of {client} (CSV or PDF, several allowed)",
    "client_details": "Details of {client} (used in the letters)",
    "demo_load": "Load the samples ({n} clients)",
    "summary_header": "Summary by client",
    "col_client": "Client",
    "col_files": "Files",
    "col_errors": "Unreadable files",
    "col_suspicious": "Suspicious contracts",
    "col_suspicious_total": "Paid on suspicious charges",
    "col_legit": "Legit subscriptions",
    "client_view": "Client to look at",
    "client_empty": "{client}: no statements yet.",
    "single_client": "me",
    "first_steps_header": "What to do first",
    "first_steps": "1. Type your name and the email address you signed up with under \"Your details\" (in the counsellor "
    "view: each client's details). If you have the order "
    "or payment confirmation email (look in the spam folder too), save it as .eml and load it: the merchant's "
    "address and the order number are filled in for you.\n"
    "2. For each contract below, email the English text of \"1. Cancellation and full refund\" to the merchant. "
    "The Japanese translation is there so you can check what it says. Several contracts need one email each.\n"
    "3. An automatic reply only means they received it: wait. If they offer a discount or ask why, send "
    "\"2. Follow-up\", and keep going until they confirm the cancellation. Paste a reply into that contract's "
    "\"Paste the merchant's reply to this contract\" box to see what it means and what to do next.\n"
    "4. No answer, or a refusal: send \"3. Dispute letter\" to your card issuer. Stopping the card or changing "
    "its number alone may not stop the charges.\n"
    "5. Need help? Contact {help}. If you read out prepaid card codes, see the \"Help and prepaid cards\" tab.",
    "still_charging": "{n} contract(s) still charging: next around {date}, {amount} ({merchant}). Cancel these first.",
    "reasons_detail": "Details behind the verdict",
    "cadence_weekly": "weekly",
    "cadence_biweekly": "every two weeks",
    "cadence_semi-monthly": "twice a month",
    "cadence_monthly": "monthly",
    "cadence_quarterly": "quarterly",
    "cadence_semi-annual": "every six months",
    "cadence_annual": "yearly",
    "kind_charge": "charge",
    "kind_refund": "refund",
    "kind_payment": "money in",
    "kind_fee": "fee",
    "kind_cash": "cash advance",
    "kind_other": "other",
    "choose": "Choose",
    "col_original_currency": "Foreign currency",
    "timeline_caption": "Each dot is one charge; bigger dots are larger amounts. Dots on one line belong to one contract.",
    "timeline_row": "Contract / group",
}


# The case file, the to-do list, charts and per-country help (added with the case store).
JA.update({
    "mode_analyst": "分析（加盟店リスト）",
    "store_path": "案件の記録（このパソコン内のファイル、外部へは送りません）：{path}",
    "store_failed": "案件の記録ファイルを開けませんでした（{why}）。点検はできますが、状態は保存されません。",
    "as_of": "基準日（この日より前の予定は「期限切れ」と表示）",
    "next_header": "次にすること（{date} 時点）",
    "next_none": "今のところ、することはありません。",
    "overdue_since": "期限切れ（{date}）",
    "due_on": "{date} まで",
    "col_due": "期限",
    "col_step": "すること",
    "case_status": "この契約の状態",
    "case_next_due": "次の対応の期限：{date}",
    "case_closed": "完了",
    "letter_sent_on": "送信済み：{dates}",
    "letter_mark_sent": "この文面を送った（記録する）",
    "case_history": "この契約の経過",
    "chart_charge": "請求",
    "chart_refund": "返金",
    "chart_next": "次回の予想",
    "chart_overdue": "予想日を過ぎた分",
    "chart_paid": "支払い",
    "col_cards": "カード",
    "col_progress": "進み具合",
    "progress": "{done}/{n} 件 返金済み",
    "col_refunded": "返金額",
    "col_overdue": "期限切れ",
    "col_next_step": "次の期限",
    "expected_overdue": "予想日 {date} 超過",
    "check_statement": "明細を確認",
    "reason_overdue": "{date} ごろに約 {amount} の請求が予想されていました。その後の明細で請求がないか確認してください。",
    "reason_known_merchant_judgment": "明細の表記が、裁判所の判決で名前が挙がった事業者「{name}」と一致しました（出典は下のリンク）。",
    "reason_known_merchant_order": "明細の表記が、当局や裁判所の命令で名前が挙がった事業者「{name}」と一致しました（出典は下のリンク）。",
    "reason_known_merchant_settled-without-admission": "明細の表記が、当局と和解した事業者「{name}」と一致しました。"
    "この事業者は違法行為を認めていません（出典は下のリンク）。",
    "reason_known_merchant_alleged-in-complaint": "明細の表記が、当局の訴状で名前が挙がった事業者「{name}」と一致しました。"
    "訴状の主張であり、確定した判断ではありません（出典は下のリンク）。",
    "eml_label": "注文確認メール（.eml）― 合う契約に読み込みます",
    "eml_no_match": "注文確認メール（{merchant}）がどの契約のものか判断できませんでした。該当する契約の「この契約だけの情報」欄で読み込んでください。",
    "eml_matched": "注文確認メールを {contract} に読み込みました（ほかの契約の文面には入りません）。",
    "letters_open": "申し出文を開く（解約・再度の申し出・異議申立て）",
    "reply_box": "この契約への返信を貼り付ける",
    "reply_record": "この返信を記録する",
    "address_bad": "{field}：{why}（この欄は .eml に入れていません）",
    "letter_en_send": "英語（送る文面）",
    "letter_en_ref": "英訳（確認用）",
    "letter_ja_send": "日本語（送る文面）",
    "letter_ja_ref": "日本語訳（確認用）",
    "upload_add": "サンプルに追加する（チェックしなければ、アップロードした明細だけを点検します）",
    "upload_replaces": "アップロードした明細だけを点検しています（サンプルは外しました）。",
    "xlsx_refused": "{name}: Excel ファイル（.xlsx/.xls）は読めません。カード会社のサイトから CSV か PDF で保存し直してください。",
    "file_error": "{name}: 読み込めませんでした（{why}）",
    "help_country_JP": "日本のカード",
    "help_country_US": "米国のカード",
    "help_country_GB": "英国のカード",
    "help_source": "確認した公開ページ",
    "overall": "全体",
    "client_chart": "{client} の支払いと返金（月ごと）",
    "client_file": "{client} の案件の記録",
    "client_file_download": "この相談者の記録をダウンロード（JSON）",
    "forget_confirm": "{client} について記録したものをすべて消すことに同意します",
    "forget_client": "この相談者の記録を消す",
    "forgotten": "{client} について記録したものをすべて消しました。",
})
EN.update({
    "mode_analyst": "Analyst (merchant lists)",
    "store_path": "Case file (a file on this computer, never sent anywhere): {path}",
    "store_failed": "The case file could not be opened ({why}). The audit works, but statuses are not kept.",
    "as_of": "As of (dates before this read as overdue)",
    "next_header": "What to do next (as of {date})",
    "next_none": "Nothing to do for now.",
    "overdue_since": "overdue since {date}",
    "due_on": "by {date}",
    "col_due": "When",
    "col_step": "Next step",
    "case_status": "Status of this case",
    "case_next_due": "next step due {date}",
    "case_closed": "closed",
    "letter_sent_on": "Sent: {dates}",
    "letter_mark_sent": "I sent this letter (record it)",
    "case_history": "History of this case",
    "chart_charge": "charge",
    "chart_refund": "refund",
    "chart_next": "next expected",
    "chart_overdue": "expected, date passed",
    "chart_paid": "paid",
    "col_cards": "Cards",
    "col_progress": "Progress",
    "progress": "{done}/{n} refunded",
    "col_refunded": "Refunded",
    "col_overdue": "Overdue",
    "col_next_step": "Next deadline",
    "expected_overdue": "expected {date}",
    "check_statement": "date passed",
    "reason_overdue": "A charge of about {amount} was expected around {date}; check the later statements for it.",
    "eml_label": "Order confirmation (.eml): loaded into the contract it belongs to",
    "eml_no_match": "Could not tell which contract the order confirmation ({merchant}) belongs to. Load it in that "
    "contract's own section.",
    "eml_matched": "Order confirmation loaded into {contract} (it does not reach any other contract's letters).",
    "letters_open": "Open the letters (cancellation, follow-up, dispute)",
    "reply_box": "Paste the merchant's reply to this contract",
    "reply_record": "Keep this reply in the case file",
    "address_bad": "{field}: {why} (left out of the .eml)",
    "letter_en_send": "English (the letter to send)",
    "letter_en_ref": "English translation (for reference)",
    "letter_ja_send": "Japanese (the letter to send)",
    "letter_ja_ref": "Japanese translation (for reference)",
    "upload_add": "Add to the sample (unticked: only your uploaded statements are audited)",
    "upload_replaces": "Only your uploaded statements are audited (the sample was set aside).",
    "xlsx_refused": "{name}: Excel files (.xlsx/.xls) cannot be read. Download the statement from your card "
    "company's site as CSV or PDF instead.",
    "file_error": "{name}: could not be read ({why})",
    "help_country_JP": "Cards from Japan",
    "help_country_US": "Cards from the United States",
    "help_country_GB": "Cards from the United Kingdom",
    "help_source": "checked against",
    "overall": "All clients",
    "client_chart": "{client}: paid and refunded by month",
    "client_file": "Case file of {client}",
    "client_file_download": "Download this client's case file (JSON)",
    "forget_confirm": "Yes, delete everything kept about {client}",
    "forget_client": "Forget this client",
    "forgotten": "Everything kept about {client} was deleted.",
})

from audit.ui_labels import EN_LABELS, JA_LABELS  # noqa: E402  (cards, samples, history: kept apart)
from audit.ui_picker import EN_PICKER, JA_PICKER  # noqa: E402  (the column picker and saved layouts)

JA.update(JA_LABELS)
EN.update(EN_LABELS)
JA.update(JA_PICKER)
EN.update(EN_PICKER)

TEXT: dict[str, dict[str, str]] = {"ja": JA, "en": EN}


def text(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text for ``key`` in ``lang`` (Japanese when missing), with ``{placeholders}`` filled."""
    template = TEXT.get(lang, JA).get(key) or JA.get(key) or key
    return template.format(**values) if values else template


# Reader errors arrive in English (one line, from audit.errors.StatementError); the Japanese page says
# the same in Japanese, keeping the technical detail in brackets.
_ERRORS_JA: list[tuple[str, str]] = [
    (r"file not found", "ファイルが見つかりません"),
    (r"is a directory", "フォルダーです。明細のファイルを選んでください"),
    (r"file is empty", "ファイルが空です"),
    (r"file is too large", "ファイルが大きすぎます"),
    (r"has no pages", "PDF にページがありません"),
    (r"uses an encryption", "パスワードで保護された PDF です。パスワードを外してから読み込んでください"),
    (r"is named \.pdf but is not a PDF", "拡張子は .pdf ですが PDF ではありません（壊れているか名前が変わっています）。明細をもう一度ダウンロードしてください"),
    (r"is truncated", "PDF が途中で切れています。明細をもう一度ダウンロードしてください"),
    (r"is not a readable PDF|cannot be read \(damaged PDF", "PDF が壊れていて読めません"),
    (r"no transactions found", "取引が見つかりませんでした（日付と金額の列を探しました）。カード明細ではないか、読めない形式です"),
    (r"not a CSV or PDF statement", "CSV でも PDF でもありません"),
    (r"not a text statement|cannot decode", "文字コードを読み取れません"),
    (r"cannot read", "読み込めませんでした"),
    (r"image-only|scanned", "画像だけの（スキャンした）PDF です。文字の入った PDF か CSV を使ってください"),
]


_NONE_WHY_JA = [
    (r"the file has no lines", "ファイルに行がありません"),
    (r"the file has no data lines", "見出しのほかに行がありません"),
    (r"no date column and no amount column", "日付の列も金額の列も見つかりません"),
    (r"no date column", "日付の列が見つかりません"),
    (r"no amount column", "金額の列が見つかりません"),
    (r"a QIF file without records", "QIF ファイルに記録がありません"),
    (r"no QIF record with a date and an amount", "日付と金額のある QIF の記録がありません"),
    (r"not a card statement, or a layout this tool cannot read", "カード明細ではないか、このツールが読めない形式です"),
]


def _no_transactions_ja(message: str, lang: str) -> str:
    """A reader's "no transactions found ..." error whole in Japanese ("" for another message or language)."""
    import re

    given = re.search(r" \(read with the (?:saved layout (.*)|column mapping): check that it fits this file\)$", message)
    if given:  # read with the user's columns or a saved layout, and nothing came out: say so (main's wording)
        message = message[:given.start()]
    m = re.match(r"no transactions found(.*?)(?: \(looked for date and amount columns\))?$", message)
    if lang != "ja" or not m:
        return ""
    rest = m.group(1).lstrip(";: ").strip()
    blank = re.match(r"\(no text on page ([\d, ]+)\):?\s*", rest)  # a PDF's pages without text
    rest = rest[blank.end():] if blank else rest
    parts = ["取引が見つかりませんでした（日付と金額の列を探しました）"]
    if blank:
        parts.append(f"{blank.group(1)} ページに文字がありません（画像だけのページ？）")
    rows = re.match(r"(\d+) (?:row|transaction)\(s\) could not be read(?:, first: row (\d+): (.*))?$", rest)
    if rows:
        from audit.ui_messages import note_text

        n, row, why = rows.groups()
        parts.append(f"{n} 行が読めません" + (f"（最初は {row} 行目：{note_text(why, lang)}）" if row else ""))
    elif rest:
        found = next((ja for pattern, ja in _NONE_WHY_JA if re.search(pattern, rest)), None)
        if found is None:
            return ""  # a reason no pattern knows: the general rule keeps its English detail
        parts.append(found)
    if given:
        what = f"保存した列の指定「{given.group(1)}」" if given.group(1) else "指定した列"
        parts[0] = f"{what}で読みましたが、取引が見つかりませんでした"
        parts.append("この指定がこのファイルに合っているか確かめてください")
    elif not rest or rows or "no date column" in rest or "no amount column" in rest:
        parts.append("カード明細ではないか、読めない形式です")
    return "。".join(parts)


def error_text(err: object, lang: str) -> str:
    """A reader error as one line in ``lang``: the file (and page/row) first, then why."""
    import re

    source = str(getattr(err, "source", "") or "")
    message = str(getattr(err, "message", "") or err)
    if lang != "ja" or not source:
        return " ".join(str(err).split())
    where = source
    if getattr(err, "page", None) is not None:
        where += f"（{err.page} ページ）"  # type: ignore[attr-defined]
    if getattr(err, "row", None) is not None:
        where += f"（{err.row} 行目）"  # type: ignore[attr-defined]
    none = _no_transactions_ja(message, lang)
    if none:  # said whole in Japanese: why, and the first unreadable row's reason (audit.ui_messages.note_text)
        return " ".join(f"{where}: {none}".split())
    for pattern, ja in _ERRORS_JA:
        if re.search(pattern, message, re.IGNORECASE):
            return " ".join(f"{where}: {ja}（{message}）".split())
    return " ".join(f"{where}: 読み込めませんでした（{message}）".split())

# Plans seen once may last several years (audit.detection.plans: "2-year" ... "10-year").
for _n in range(2, 11):
    TEXT["ja"][f"cadence_{_n}-year"] = f"{_n}年ごと"
    TEXT["en"][f"cadence_{_n}-year"] = f"every {_n} years"

# Subscriptions nobody flagged that are no known service (audit.detection.legitimacy): listed apart, never as legit.
TEXT["ja"].update({
    "check_header": "確認してほしい定期支払い",
    "check_intro": "次の定期支払いは、このツールが知っている正規の請求の形やサービスに当てはまりません。"
                   "ご自分で申し込んだものか、カード会社の明細や契約の控えと照らし合わせてください。",
    "no_check": "確認が必要な定期支払いはありません。",
    "col_check_reason": "確認してほしい理由",
    "check_brand": "「{brand}」の名前がありますが、{brand}の本物の請求の形（{forms} など）ではありません。"
                   "名前だけでは正規とはいえないので、{brand}のアカウントの請求履歴と照らし合わせてください。",
    "check_unknown": "このツールが知らない事業者です。申し込んだ覚えがあるか確認してください。",
})
TEXT["en"].update({
    "check_header": "Subscriptions to check",
    "check_intro": "These repeating charges match no billing form or service this tool knows. Check that you "
                   "signed up for each one, against your records or the card company.",
    "no_check": "No subscription needs checking.",
    "col_check_reason": "Why to check it",
    "check_brand": "It names {brand} but is none of {brand}'s own billing forms ({forms} ...). A name alone does "
                   "not make it genuine: compare it with the billing history of your {brand} account.",
    "check_unknown": "A merchant this tool does not know: check that you signed up for it.",
})
