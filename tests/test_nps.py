"""NPS from counts and from a survey export, checked against hand-computed figures."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from conftest import CUSTOMER, MEETING, write_month

from agenda.errors import DataError
from agenda.nps import Nps, from_scores, signed
from agenda.validate import load_month


def test_counts_give_promoters_minus_detractors():
    result = Nps(promoters=50, passives=30, detractors=20)
    assert result.n == 100
    assert result.score == pytest.approx(30.0)


def test_margin_of_error_from_indicator_variance():
    # p = 0.5, d = 0.2: variance = 0.7 - 0.3² = 0.61; MOE = 196 * sqrt(0.61 / 100) = 15.31
    assert Nps(50, 30, 20).margin == pytest.approx(196 * math.sqrt(0.61 / 100))
    assert Nps(50, 30, 20).margin == pytest.approx(15.31, abs=0.01)


def test_all_promoters_is_plus_100_with_no_spread():
    result = Nps(12, 0, 0)
    assert result.score == 100.0
    assert result.margin == 0.0
    assert result.low_n


def test_no_answers_has_no_score():
    assert Nps(0, 0, 0).score is None
    assert Nps(0, 0, 0).margin is None


def test_scores_are_classified_9_10_promoters_7_8_passives_0_6_detractors():
    result = from_scores(Counter({10: 2, 9: 1, 8: 4, 7: 1, 6: 3, 0: 1}))
    assert (result.promoters, result.passives, result.detractors) == (3, 5, 4)
    assert result.score == pytest.approx(100 * (3 - 4) / 12)


def test_signed_uses_a_real_minus_and_no_sign_for_zero():
    assert (signed(4), signed(-8.4), signed(0.2), signed(1.25, 1)) == ("+4", "−8", "0", "+1.2")


def _month_with_csv(tmp_path, csv_bytes: bytes):
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: responses.csv"
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    (month / "responses.csv").write_bytes(csv_bytes)
    return month


def test_csv_with_bom_semicolons_crlf_and_blank_scores(tmp_path):
    rows = [
        "date;score;segment;channel;comment",
        "2026-11-01;10;Household;Phone;Great",
        "2026-11-02;9;Household;Email;",
        "2026-11-03;;Household;Email;gave up",
        "2026-11-04;3;Business;Phone;Slow, and rude",
        ";;;;",
        "",
    ]
    month = _month_with_csv(tmp_path, ("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    answers = load_month(month).answers
    assert answers is not None
    assert answers.blank == 1
    result = from_scores(answers.scores)
    assert (result.promoters, result.passives, result.detractors) == (2, 0, 1)
    assert result.score == pytest.approx(100 / 3)
    assert sorted(answers.by_segment) == ["Business", "Household"]


def test_csv_bad_score_is_located_by_line(tmp_path):
    csv = "date,score\n2026-11-01,9\n2026-11-02,eleven\n2026-11-03,11\n"
    month = _month_with_csv(tmp_path, csv.encode())
    with pytest.raises(DataError) as caught:
        load_month(month)
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        "ws/2026-11/responses.csv:3: score 'eleven' is not a whole number 0–10",
        "ws/2026-11/responses.csv:4: score '11' is not a whole number 0–10",
    ]


def test_csv_missing_score_column_says_what_it_found(tmp_path):
    month = _month_with_csv(tmp_path, b"when,rating\n2026-11-01,9\n")
    with pytest.raises(DataError) as caught:
        load_month(month)
    assert "header row lacks column(s) date, score" in str(caught.value)
    assert "found: when, rating" in str(caught.value)


@pytest.mark.parametrize("name", ["../responses.csv", "/etc/passwd", "nothere.csv"])
def test_responses_must_be_a_file_inside_the_month(tmp_path, name):
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", f"responses: {name}"
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    (tmp_path / "ws" / "responses.csv").write_text("date,score\n2026-11-01,9\n")
    with pytest.raises(DataError) as caught:
        load_month(month)
    assert str(caught.value).startswith("ws/2026-11/customer.yaml:2:14: nps.responses:")


def test_quoted_comment_spanning_lines_is_read_exactly(tmp_path):
    from agenda.keywords import Keywords
    from agenda.responses import read_responses
    from agenda.sources import load_yaml

    csv = 'date,score,comment\n2026-11-01,9,"first line\nsecond line"\n2026-11-02,3,short\n'
    month = _month_with_csv(tmp_path, csv.encode())
    assert sum(load_month(month).answers.scores.values()) == 2
    # comments are read only to count keyword themes and quote the most recent: both whole
    said = Keywords([("Any", ["line", "short"])])
    answers = read_responses(month, "responses.csv", load_yaml(month / "customer.yaml"), said)
    assert [c.text for c in answers.said["Any"]] == ["short", "first line\nsecond line"]
