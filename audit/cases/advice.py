"""Advice shown next to the audit: prepaid-code payments, where to get help, how the scam works.

Facts come from two public Japanese documents: the cross-border consumer centre's (CCJ, run by the
National Consumer Affairs Center of Japan) advice on fake-warning security software, and the Consumer
Affairs Agency's warning of 19 February 2021 about an operator using the Microsoft logo. The wording
here is our own. Every function takes ``lang`` = ``"en"`` or ``"ja"``.
"""

from __future__ import annotations

IPA_ANSHIN_URL = "https://www.ipa.go.jp/security/anshin/index.html"


def _pick(lang: str, en: str, ja: str) -> str:
    if lang == "en":
        return en
    if lang == "ja":
        return ja
    raise ValueError(f"unknown language {lang!r}: use 'en' or 'ja'")


def prepaid_advice(lang: str) -> str:
    """What to do after reading gift-card / prepaid e-money codes out to the caller."""
    return _pick(
        lang,
        "If you paid by prepaid e-money or gift card and told someone the codes: act before they do. "
        "If the value has not been used yet, register (charge) each code to your own account straight away, "
        "so the money stays yours. If the value is already gone, getting it back is very hard, but still "
        "report to the card's issuer that you gave the codes away in a support scam, so they can stop the "
        "codes being misused. Keep the cards, the receipts from the shop, and a note of every code you "
        "read out. A caller who says the code \"did not work\" and asks you to buy more is following a "
        "known script: the first codes usually worked. Never agree to pay by reading out codes.",
        "プリペイド型電子マネー（ギフトカードなど）で支払い、その番号を相手に伝えてしまった場合は、相手より先に動きましょう。"
        "まだ残高が使われていなければ、すぐに自分のアカウントにその番号を登録（チャージ）して、残高を確保してください。"
        "すでに使われて残高がない場合、取り戻すことはとても難しいのですが、サポート詐欺で番号を伝えてしまったことを"
        "電子マネーの発行会社に通報し、これ以上悪用されないようにしてください。"
        "カード本体、店のレシート、伝えた番号の控えは捨てずに保管しましょう。"
        "「入力を間違えたので使えなくなった、もう一度買ってきて」と言われるのはよくある手口で、実際には最初の番号から"
        "使われていることがほとんどです。番号を伝えて支払う方法には応じないでください。",
    )


# Help contacts outside Japan. Each names the public page its phone number and address were checked
# against (2026-12-01); the wording is our own.
_ABROAD: dict[str, list[dict[str, str]]] = {
    "US": [
        {"name_en": "Federal Trade Commission: ReportFraud", "name_ja": "米連邦取引委員会（FTC）の詐欺通報窓口",
         "phone": "", "url": "https://reportfraud.ftc.gov/",
         "when_en": "Report a tech-support or fake-security-software scam; the reports help build cases.",
         "when_ja": "サポート詐欺・偽セキュリティソフトの被害を通報できます（通報は摘発に役立てられます）。",
         "source": "https://scamaware.org/hub/remediation/report-it"},
        {"name_en": "FBI Internet Crime Complaint Center (IC3)", "name_ja": "FBI インターネット犯罪苦情センター（IC3）",
         "phone": "", "url": "https://www.ic3.gov/",
         "when_en": "File a complaint about an online or tech-support scam, with the company's names, numbers "
                    "and payments.",
         "when_ja": "ネット上の詐欺・サポート詐欺について、相手の名前・電話番号・支払いの記録を添えて届け出られます。",
         "source": "https://www.it-authority.com/reporting-scams-to-the-fbi/"},
    ],
    "GB": [
        {"name_en": "Action Fraud (England, Wales and Northern Ireland)", "name_ja": "Action Fraud（英国の詐欺通報窓口）",
         "phone": "0300 123 2040", "url": "https://www.actionfraud.police.uk/",
         "when_en": "Report the fraud and get a crime reference number (your bank may ask for it). In Scotland, "
                    "report to Police Scotland.",
         "when_ja": "詐欺を届け出て、犯罪参照番号を受け取れます（銀行に求められることがあります）。スコットランドでは警察へ。",
         "source": "https://www.humberside.police.uk/action-fraud"},
        {"name_en": "Citizens Advice consumer helpline", "name_ja": "Citizens Advice 消費者相談窓口",
         "phone": "0808 223 1133", "url": "https://www.citizensadvice.org.uk/consumer/",
         "when_en": "Advice on what to do next about the contract and getting your money back.",
         "when_ja": "契約や返金について、次に何をすればよいか相談できます。",
         "source": "https://www.birmingham.gov.uk/info/20108/trading_standards/343/scams_and_hoaxes"},
    ],
}
COUNTRY_OF_CURRENCY = {"JPY": "JP", "USD": "US", "GBP": "GB"}


def card_countries(currencies: list[str] | set[str]) -> list[str]:
    """Countries whose help to show, from the statement's billing currencies (all three when none is known)."""
    found = sorted({COUNTRY_OF_CURRENCY[c] for c in currencies if c in COUNTRY_OF_CURRENCY},
                   key=["JP", "US", "GB"].index)
    return found or ["JP", "US", "GB"]


def first_help(lang: str, country: str) -> str:
    """Where to turn first in ``country``, in one phrase: the first contact's name with its phone or web address."""
    h = help_contacts(lang, country)[0]
    reach = h["phone"] or h["url"].split("//")[-1].rstrip("/")
    if lang == "ja":
        return f"{h['name']}（{reach}）" if reach else h["name"]
    return f"{h['name']} ({reach})" if reach else h["name"]


def help_contacts(lang: str, country: str = "JP") -> list[dict[str, str]]:
    """Where to turn in ``country`` (``"JP"``, ``"US"`` or ``"GB"``), each as ``{"name", "phone", "url", "when"}``
    (empty string when none; entries outside Japan also carry ``"source"``, the page they were checked against).

    For Japan the last two entries are tips rather than contacts (``phone`` and ``url`` empty).
    """
    en = lang == "en"
    _pick(lang, "", "")  # validates lang
    if country != "JP":
        if country not in _ABROAD:
            raise ValueError(f"unknown country {country!r}: use 'JP', 'US' or 'GB'")
        return [{"name": h["name_en" if en else "name_ja"], "phone": h["phone"], "url": h["url"],
                 "when": h["when_en" if en else "when_ja"], "source": h["source"]} for h in _ABROAD[country]]
    return [
        {
            "name": "Consumer Hotline" if en else "消費者ホットライン",
            "phone": "188",
            "url": "",
            "when": "Connects you to your nearest consumer affairs centre, for advice on the contract and refund."
            if en else "最寄りの消費生活センターなどにつないでもらえます。契約や返金の相談に。",
        },
        {
            "name": "Police consultation line" if en else "警察相談専用電話",
            "phone": "#9110",
            "url": "",
            "when": "To talk to the police about the fraud (non-emergency)."
            if en else "詐欺の被害について警察に相談したいとき（緊急でない相談）。",
        },
        {
            "name": "IPA Information Security Safety Consultation Desk (情報セキュリティ安心相談窓口)"
            if en else "情報セキュリティ安心相談窓口（独立行政法人情報処理推進機構・IPA）",
            "phone": "",
            "url": IPA_ANSHIN_URL,
            "when": "If you are still worried about your computer's security after closing the fake warning."
            if en else "偽の警告を閉じた後も、パソコンのセキュリティに不安が残るとき。",
        },
        {
            "name": "Cross-border Consumer Center Japan (CCJ), National Consumer Affairs Center of Japan"
            if en else "国民生活センター 越境消費者センター（CCJ）",
            "phone": "",
            "url": "",
            "when": "If you cannot settle it yourself with an overseas merchant: use the consultation form on "
            "the CCJ website." if en else
            "海外の事業者との解約・返金が自分では解決できないとき。CCJのウェブサイトの相談受付フォームから相談できます。",
        },
        {
            "name": "Microsoft does not ask you to call" if en else "マイクロソフトが電話を求めることはありません",
            "phone": "",
            "url": "",
            "when": "The real Microsoft (and Microsoft Japan) never puts up a sudden warning telling you to "
            "phone a number. Do not call a number shown in such a warning." if en else
            "本物のマイクロソフト（日本マイクロソフトを含む）が、突然パソコンに警告を出して電話をかけるよう求めることは"
            "ありません。警告に表示された番号には電話しないでください。",
        },
        {
            "name": "Closing a fake warning" if en else "偽警告の閉じ方",
            "phone": "",
            "url": "",
            "when": "Press Ctrl + Alt + Del together, open Task Manager, select the web browser and choose "
            "\"End task\". If the warning still will not close, the Consumer Affairs Agency's notice refers "
            "you to Microsoft's customer service, 0120-54-2244." if en else
            "「Ctrl」「Alt」「Del」キーを同時に押して「タスクマネージャー」を開き、ブラウザーを選んで「タスクの終了」を"
            "押します。それでも閉じない場合、消費者庁の注意喚起ではマイクロソフトのカスタマーサービス"
            "（0120-54-2244）への問い合わせが案内されています。",
        },
    ]


def scam_pattern_summary(lang: str) -> str:
    """How the fake-warning scams work, in a few sentences."""
    return _pick(
        lang,
        "How it usually goes: while you browse, a window suddenly claims your computer is infected, often "
        "with a Microsoft logo, a loud alarm and a phone number. The person who answers has you install "
        "remote-control software, silences the alarm to win your trust, then says you need a support "
        "contract (plans of 3, 5 or 10 years or for life; one reported price was 69,000 yen for five "
        "years). Payment is demanded at once, often as prepaid e-money codes bought at a convenience store, "
        "with claims that codes failed so you must buy more. No repair or protection work is ever done. "
        "The Consumer Affairs Agency could not identify the operator, which has nothing to do with "
        "Microsoft Japan. A related pattern sells \"security software\" by card after a pop-up: it is often a "
        "subscription charged again and again, sometimes several contracts at once, and a refund may only "
        "be possible within a set period, so ask each merchant to cancel early. Stopping the card or "
        "changing its number alone may not stop the bills.",
        "よくある流れ：ウェブサイトを見ていると、突然「ウイルスに感染した」という画面が出て、マイクロソフトのロゴや"
        "大きな警告音、電話番号が表示されます。電話をかけると、相手は遠隔操作ソフトを入れさせ、警告音を止めて信用させた後、"
        "サポート契約が必要だと迫ります（3年・5年・10年・一生などのコースがあり、5年で6万9千円と言われた例もあります）。"
        "支払いはその場で求められ、コンビニで電子マネーを買わせて番号を伝えさせ、「エラーだった」と言って何度も買い直させます。"
        "修復やセキュリティ対策の作業は実際には行われません。消費者庁の調査でも事業者は特定できておらず、"
        "日本マイクロソフトとは一切関係がありません。"
        "似た手口として、ポップアップをきっかけに「セキュリティソフト」をカードで買わせるものがあります。継続契約で"
        "定期的に請求が続くことが多く、知らないうちに複数の契約になっていることもあります。返金できる期間が決まっている"
        "場合があるので、契約ごとに早めに事業者へ解約を申し出てください。カードを止めたり番号を変えたりするだけでは、"
        "請求が止まらないことがあります。",
    )
