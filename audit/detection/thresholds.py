"""Every amount threshold that differs by currency, in one table.

A figure is in the currency the card was billed in. Yen and won amounts are about 130 and 1,200 times a
dollar amount; the default row serves dollars, pounds, euros and other currencies whose unit is worth
roughly one dollar.

``option_yearly``: internet providers and phone companies sell remote PC support as a monthly option of a few
hundred yen (UCOM光 リモートサポート 500 yen a month, http://www.ucom.ne.jp/rs/; a cable operator's 330 yen a
session, http://www.jctv.ne.jp/internet/remote.html); fake support plans cost several thousand yen a month.

``annual_plan``: security suites and Microsoft 365 cost a few dollars or a few hundred yen a month and tens of
dollars or several thousand yen a year, so a single charge of at least this at a service that renews is the
yearly price.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Thresholds in one billing currency."""

    large: float  # one charge this large for support or a multi-year plan is what fake support sells
    burst_total: float  # prepaid purchases adding up to this within two days make a burst
    burst_item: float  # smallest purchase that counts towards a burst
    gift_round: float  # gift-card and prepaid values are whole multiples of this
    reseller_yearly: float  # a stream whose only software sign is its reseller must cost this much a year
    option_yearly: float  # a home support plan cheaper than this a year is an internet provider's option
    annual_plan: float  # one charge this large at a renewing service is a yearly plan (plans.py)


LIMITS: dict[str, Limits] = {
    "JPY": Limits(large=20000.0, burst_total=20000.0, burst_item=3000.0, gift_round=500.0, reseller_yearly=25000.0,
                  option_yearly=13200.0, annual_plan=3500.0),
    "KRW": Limits(large=180000.0, burst_total=180000.0, burst_item=27000.0, gift_round=5000.0,
                  reseller_yearly=225000.0, option_yearly=120000.0, annual_plan=35000.0),
}
DEFAULT = Limits(large=150.0, burst_total=150.0, burst_item=25.0, gift_round=5.0, reseller_yearly=185.0,
                 option_yearly=100.0, annual_plan=30.0)


def limits(currency: object) -> Limits:
    """The thresholds for ``currency`` (an ISO code; anything else gets the dollar-like default)."""
    return LIMITS.get(currency, DEFAULT) if isinstance(currency, str) else DEFAULT
