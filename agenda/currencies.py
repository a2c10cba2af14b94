"""ISO 4217: the codes of current currencies, so a misspelt ``currency`` ("ERU", "EURO") is
refused where it is typed instead of printed beside every finance figure.

Kept here as a small table (the project adds no dependency for it). It holds the active codes
of the standard's list one, funds codes included; "XTS" (for testing) and "XXX" (no currency)
are left out, since neither is money a pack reports. Update it when ISO adds a code.
"""

from __future__ import annotations

from agenda.errors import closest

ISO_4217 = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN
    BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP
    ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK
    JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK
    MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN
    PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB
    TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG
    XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG ZWL
    """.split()  # noqa: SIM905 (a table to read, not a list to scroll)
)

#: The codes most packs are written in, tried first for a suggestion: "ERU" is a slip for EUR
#: far more often than for Eritrea's ERN.
COMMON = ("GBP", "EUR", "USD", "CHF", "JPY", "CNY", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN")


def currency_code(value: str) -> str:
    """``value`` as an ISO 4217 code in capitals; ValueError saying what to type otherwise."""
    code = value.strip().upper()
    if code in ISO_4217:
        return code
    raise ValueError(
        f"'{value}' is not an ISO 4217 currency code (three letters, such as GBP, EUR or USD)"
        + (f"; did you mean '{hint}'?" if (hint := suggestion(code)) else "")
    )


def suggestion(code: str) -> str | None:
    """The code ``code`` was most likely meant to be: its letters in another order ("ERU"), its
    first three letters ("EURO"), else the closest, common codes first."""
    letters = sorted(code)
    for pool in (COMMON, sorted(ISO_4217)):
        found = next((c for c in pool if sorted(c) == letters), None)
        if found:
            return found
    if code[:3] in ISO_4217:
        return code[:3]
    return closest(code, list(COMMON)) or closest(code, sorted(ISO_4217))
