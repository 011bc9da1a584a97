"""Shops where victims are sent to buy gift cards, per country, as they appear on card statements.

A purchase there is ordinary shopping. It counts towards a gift-card burst only as a round sum (gift cards
are sold in whole values such as 25, 50, 100 or 500) and only with other such purchases within two days
(:mod:`audit.detection.bursts`). Japanese convenience stores are in :mod:`audit.detection.lexicon`.

Where the names come from (public reports, checked on the dates given):

* United States - the Federal Trade Commission's data on gift-card payment scams says that scammers send
  people to Walmart, Target, CVS and Walgreens: reported in "FTC launches new tools to fight gift card
  scams", WTOP, 2020-12-22, https://wtop.com/consumer-news/2020/12/ftc-launches-new-tools-to-fight-gift-card-scams/
  and in "FTC Warns: Gift Cards Are For Gifts, Not Payments", 2021-02-03,
  https://paymentprocessinglaw.com/2021/02/03/ftc-warns-gift-cards-are-for-gifts-not-payments
  Best Buy itself warns that fraudsters ask for Best Buy gift cards and puts signs on its gift-card racks
  ("Best Buy Warns of Gift Card Scam", https://corporate.bestbuy.com/best-buy-warns-gift-card-scam/).
* Any country - police name Amazon cards among those asked for (West Mercia Police fraud update,
  2024-06-18, https://www.neighbourhoodmatters.co.uk/Alerts/A/174137/WEEKLY-FRAUD-UPDATE-FROM-WEST-MERCIA-POLICE---ECONOMIC-CRIME-UNIT---18062024);
  bought on Amazon's own site they show as an Amazon charge. Apple warns in Japanese that scammers ask for Apple
  Gift Cards and App Store & iTunes cards (https://support.apple.com/ja-jp/120933,
  https://support.apple.com/ja-jp/itunes-gift-card-scams), sold by Apple's own store; Apple, Google Play and
  Amazon cards are named together in consumer advice on gift-card payment scams
  (https://sagi-higai-consult.jp/payment-type-info/https-sagi-higai-consult-jp-payment-type-info-gift-card).
* United Kingdom - Action Fraud works with Argos, which limits iTunes vouchers to 200 pounds a sale
  (https://www.thescarboroughnews.co.uk/news/crime/north-yorkshire-police-warning-over-multi-million-pound-itunes-gift-card-fraud-264435);
  UK Finance's Take Five campaign put warnings in the gift-card aisles of Tesco stores
  (https://www.ccrmagazine.com/every-little-helps-in-the-fight-against-criminals-uk-finances-take-five-to-stop-fraud-campaign-promoted-in-tesco-stores/);
  Avon and Somerset Police and Sainsbury's staff stopped Steam-card purchases asked for by scammers, one
  at Argos (https://www.somersetcountygazette.co.uk/news/19463357.somerset-sainsburys-staff-helping-tackle-gift-card-fraud/).
  Boots is added as the largest UK pharmacy chain selling the same gift-card racks (our choice, no report).
* Ireland - the Garda warned of iTunes-voucher scams in which a victim tried to buy 1,000 euro of cards
  at a Dublin supermarket (https://thelpportal.com/content/editorial/articles/retail-environment/irish-police-warning-over-itunes-scam).
  The report names no chain; the chains listed are Ireland's main supermarket groups (our choice).
* Japan - prefectural police describe fake virus warnings followed by e-money bought at convenience
  stores (Kanagawa Prefectural Police, https://www.police.pref.kanagawa.jp/ps/sagamiharakita/entry_15.html),
  and the Nanao City bulletin of November 2023 ("七尾鹿島地域安全ニュース", on mykoho.jp:
  https://mykoho.jp/article/石川県七尾市/%e3%81%aa%e3%81%aa%e3%81%8a%e3%81%94%e3%81%93%e3%82%8d-%e5%ba%83%e5%a0%b1%e3%81%aa%e3%81%aa%e3%81%8a-%e4%bb%a4%e5%92%8c5%e5%b9%b4%ef%bc%882023%ef%bc%8911%e6%9c%88%e5%8f%b7/%e4%b8%83%e5%b0%be%e9%b9%bf%e5%b3%b6%e5%9c%b0%e5%9f%9f%e5%ae%89%e5%85%a8%e3%83%8b%e3%83%a5%e3%83%bc%e3%82%b9-8)
  names convenience stores and drugstores as where such cards are sold. Drugstores are listed here;
  convenience stores are in the lexicon. The chains named are the large drugstore chains (our choice).
"""

from __future__ import annotations

import re

GIFT_RETAILERS: dict[str, list[str]] = {
    "US": [r"WAL-?MART", r"WM SUPERCENTER", r"\bTARGET\b", r"\bCVS\b", r"WALGREENS", r"BEST ?BUY"],
    "GB": [r"\bARGOS\b", r"\bTESCO\b", r"SAINSBURY", r"\bBOOTS\b"],
    "IE": [r"\bTESCO\b", r"DUNNES", r"SUPERVALU", r"\bCENTRA\b", r"\bSPAR\b"],
    "JP": ["ドラッグストア", "マツモトキヨシ", "ウエルシア", "ツルハ", "スギ薬局", "サンドラッグ"],
    "any": [r"AMAZON ?(\.|CO\b|COM\b|MKTP|MARKETPLACE|\*)", r"\bAMZN\b", "アマゾン",
            r"APPLE ?(ONLINE ?)?STORE", "ア[ッツ]プル ?(オンライン ?)?ストア", r"GOOGLE ?\*? ?PLAY", "グーグル ?プレイ"],
}

_ANY = re.compile("|".join(f"(?:{p})" for ps in GIFT_RETAILERS.values() for p in ps))


def gift_retailer(folded: str) -> bool:
    """True when the folded descriptor names a shop of :data:`GIFT_RETAILERS` (any country: a traveller's
    card is billed abroad, and the name tells the shop whatever the currency)."""
    return bool(_ANY.search(folded))
