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
