"""What the personal-data masker catches, and what it must leave alone."""

from __future__ import annotations

import pytest

from agenda.privacy import Masker


@pytest.mark.parametrize(
    "text",
    [
        "ring 07700 900461",
        "ring 07700900461",
        "ring +44 7700 900461",
        "ring +44 (0)20 7946 0000",
        "ring 0044 20 7946 0000",
        "ring (0113) 496 0000",
        "ring 020-7946-0000",
        "ring 0800 123 4567",
        "ring +33 1 23 45 67 89",
        "ring +1-202-555-0143",
        "ring +49 30 901820",
    ],
)
def test_phone_numbers_are_masked(text):
    assert Masker().text(text) == "ring [phone number removed]"


@pytest.mark.parametrize(
    "text",
    ["jo@example.com", "jo.bloggs+bills@mail.example.co.uk", "J_O-1@sub.domain.org"],
)
def test_email_addresses_are_masked(text):
    assert Masker().text(f"write to {text} today") == "write to [e-mail removed] today"


@pytest.mark.parametrize(
    "number", ["4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444", "378282246310005"]
)
def test_card_numbers_passing_luhn_are_masked(number):
    assert Masker().text(f"card {number} charged") == "card [card number removed] charged"


@pytest.mark.parametrize(
    "text",
    [
        "Paid £1,310 on 12/11/2026",
        "account 12345678, meter MX 4471",
        "ref 4111 1111 1111 1112",  # fails the Luhn check
        "We had 3,000 homes and 109 mentions in 2026",
        "Call abandonment 3.8% against 5%",
        "version 1.2.3",
    ],
)
def test_ordinary_numbers_are_left_alone(text):
    masker = Masker()
    assert masker.text(text) == text
    assert masker.count == 0


@pytest.mark.parametrize(
    "reference",
    [
        "URG-2026-11-000004417-LX",
        "https://portal.example/estado?episodio=URG-2026-11-000004417-LX&lang=pt-PT",
        "FAT/2026/LX/0000998877/B",
        "URG-2026-11-000004417",
    ],
)
def test_an_id_with_a_long_run_of_digits_is_not_taken_for_a_phone_number(reference):
    """References joined by hyphens or slashes are ids: masking them garbled what the
    customer quoted ("URG-2026-11-[phone number removed]-LX")."""
    masker = Masker()
    assert masker.text(f"O número {reference} não aparece.") == f"O número {reference} não aparece."
    assert masker.count == 0


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("ring 07700 900461/07700 900462 now", "ring {p}/{p} now"),
        ("07700 900461-07700 900462", "{p}-{p}"),
        ("ref-07700900461 and Tel/07700 900461", "ref-{p} and Tel/{p}"),
        ("https://x.example/?phone=07700900461", "https://x.example/?phone={p}"),
        ("Call 07700 900461/evenings", "Call {p}/evenings"),
        ("mobile: +44 7700 900461/work", "mobile: {p}/work"),
        ("07700900461/WhatsApp", "{p}/WhatsApp"),
    ],
)
def test_phone_numbers_beside_ids_and_each_other_are_still_masked(text, masked):
    masker = Masker()
    assert masker.text(text) == masked.format(p="[phone number removed]")


def test_numbers_written_without_their_prefix_as_portuguese_and_american_customers_do():
    for said in ("Liguem 912 345 678 amanhã", "call (202) 555-0143 today", "ring 612-345-678"):
        assert "[phone number removed]" in Masker().text(said), said
    for kept in ("109 mentions, up 27", "ref 2026-11-19", "pay 1 250 000 euros", "120 000 000"):
        assert Masker().text(kept) == kept, kept


#: Phone numbers as customers type them, in the countries the packs have met: one rule (9 to
#: 15 digits in groups, with an optional + or 00 country code), not a list of countries.
PHONES = [
    "202-555-0143",  # US
    "202.555.0143",
    "1-800-555-0199",
    "(202) 555-0143",
    "06 12 34 56 78",  # France
    "06-12345678",  # Netherlands
    "912345678",  # Portugal
    "21 123 4567",
    "+351 912 345 678",
    "(0)20 7946 0000",  # UK
    "+44 (0)20 7946 0000",
    "612 34 56 78",  # Spain, Catalonia
    "93 812 34 56",
    "612345678",
    "612-34-56-78",
    "93.812.34.56",
    "0034 612 345 678",
    "+34 612 34 56 78",
    "0171/1234567",  # Germany, Austria: area code, slash
    "030/12345678",
    "0664/1234567",
    "07700  900461",  # a double space
    "0113–496–0000",  # en dashes
    "0113—496—0000",  # em dashes
]
#: Runs of digits that are not phone numbers: dates, times, amounts, shares, years, ids,
#: scores.
NOT_PHONES = [
    "2026-11-05",
    "05.11.2026",
    "19/11/2026",
    "2026-11-05 14:30",
    "05.11.2026 10:00",
    "from 2026-11-05 to 2026-11-19",
    "2026-11-05/2026-11-19",
    "at 14:30",
    "€2,380,500.75",
    "2.380.500,75 €",
    "€ 123.456.789",
    "$1,234,567,890",
    "1 234 567",
    "1 234 567 890",
    "120 000 000",
    "pay 1 250 000 euros",
    "up 12.5% on 45%",
    "in 2024 2025 2026",
    "ref 30",
    "ref 4111 1111 1111 1112",
    "URG-2026-11-000004417",
    "orders 12345 and 67890",
    "NPS +42 (target 45), was -3",
    "NPS 32 35 41 38 40 over five months",
    "scores 9 10 10 9 8 7 10 9 9",
    "11/03/2026 09:00",
    "19/11/2026 at 09:00",
    "9/10",
    "3/5",
    "scores 9/10 8/10 7/10 10/10 9/10",
    "2026–11–05",
    "125 400 300 zł",  # amounts in currencies beyond €, £, $
    "312 450 120 PLN",
    "PLN 312 450 120",
    "123 456 789 Ft",
    "123 456 789 kr",
    "123 456 789 kr.",
    "123 456 789 руб",
    "123 456 789 ₽",
    "₩123 456 789",
    "123 456 789 Kč",
    "123 456 789 lei",
    "₺123 456 789",
    "R$ 123 456 789",
    "CHF 123 456 789",
    "Fr. 123 456 789",
    "123 456 789 SEK",
    "ORD-123456789",  # ids: letters joined to the number
    "INV-2026-0004417",
    "order 123456789",  # references: a word that says so
    "order no. 123456789",
    "ref 2026 1105 4417",
    "invoice 123456789",
    "ticket 123456789",
    "case 123456789",
    "reading 123456789 kWh",  # readings: a unit after
    "123456789 kW",
    "123 456 789 kg",
    "123456789 km",
    "123456789 m3",
    "123456789 units",
]


@pytest.mark.parametrize("number", PHONES)
def test_phone_numbers_however_written_are_masked_whole(number):
    masker = Masker()
    assert masker.text(f"Ring {number} after six.") == "Ring [phone number removed] after six."
    assert masker.count == 1


@pytest.mark.parametrize("text", NOT_PHONES)
def test_dates_times_amounts_years_ids_and_scores_are_not_phone_numbers(text):
    masker = Masker()
    assert masker.text(f"Noted: {text}.") == f"Noted: {text}."
    assert masker.count == 0


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Rufen Sie mich an: 0171/1234567", "Rufen Sie mich an: {p}"),
        ("my number 0612345678", "my number {p}"),
        ("no. 0612345678, evenings", "no. {p}, evenings"),
        ("Tel-612345678", "Tel-{p}"),
        ("SOS 612345678", "SOS {p}"),
        ("am 19/11/2026 0171/1234567", "am 19/11/2026 {p}"),
        ("07700 900461–07700 900462", "{p}–{p}"),
        ("paid 312 450 120 PLN, ring 0171/1234567", "paid 312 450 120 PLN, ring {p}"),
    ],
)
def test_phone_numbers_beside_words_that_make_ids_and_amounts_elsewhere_are_masked(text, masked):
    """ "number" and "no." are not reference words, a phone word glued by a hyphen is no id,
    and a code that is also a word ("SOS") is no currency: people write them before phones."""
    assert Masker().text(text) == masked.format(p="[phone number removed]")


@pytest.mark.parametrize(
    "iban",
    [
        "PT50 0002 0123 1234 5678 9015 4",
        "ES91 2100 0418 4502 0005 1332",
        "PT50000201231234567890154",
        "GB82 WEST 1234 5698 7654 32",
    ],
)
def test_an_iban_is_masked_whole_as_a_bank_account(iban):
    """It was mangled into "PT50 [phone number removed] 5678 9015 4"."""
    masker = Masker()
    assert masker.text(f"Refund to {iban} please") == "Refund to [bank account removed] please"
    assert masker.count == 1
