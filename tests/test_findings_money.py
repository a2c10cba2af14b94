"""Money, percentages and counts in findings are exactly right or plainly rounded, never
wrong-looking (hostile QA): compact money has at most three significant figures, rounds half
up and moves to the next tier (k, m, bn) when rounding reaches 1,000; an actual that differs
from its budget never reads equal to it; a gap between two percentages is in points; counts
of one read in the singular."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_month

from agenda.formatting import difference, money, points
from agenda.model import Note, Pack, Table
from agenda.pipeline import prepare

MEETING = """\
organisation: Northwind Energy
period: 2026-11
date: 2026-11-19
start: "09:00"
chair: Ann Rees
"""

CUSTOMER = """\
nps:
  counts: {promoters: 50, passives: 30, detractors: 20}
narratives:
  - title: Three weeks for a refund
    customer: Mrs Jones
    story: She waited three weeks and called four times.
    channel: Phone
"""


def pack(tmp_path: Path, **files: str) -> Pack:
    named = {f"{key}.yaml": text for key, text in files.items()}
    folder = write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, **named}
    )
    return prepare(folder)


def table(found: Pack, section: str, title: str) -> Table:
    blocks = next(s for s in found.sections if s.key == section).blocks
    block = next(b for b in blocks if getattr(b, "title", None) == title)
    assert isinstance(block, Table)
    return block


def finance(*metrics: str, currency: str = "GBP") -> str:
    return f"currency: {currency}\nmetrics:\n" + "".join(metrics)


def metric(name: str, actual: float, budget: float, unit: str = "", higher: str = "") -> str:
    text = f"  - name: {name}\n    actual: {actual}\n    budget: {budget}\n"
    if unit:
        text += f'    unit: "{unit}"\n'
    if higher:
        text += f"    higher_is_better: {higher}\n"
    return text


def finance_finding(tmp_path: Path, yaml: str) -> str:
    return table(pack(tmp_path, finance=yaml), "finance", "Results against budget").finding


# --- compact money: three significant figures, half up, k · m · bn ---------------------------


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        (9_500, "GBP", "£9,500"),  # below £10k: exact
        (90.2, "GBP", "£90.20"),  # pence kept
        (10_000, "GBP", "£10k"),
        (12_500, "GBP", "£12.5k"),  # three figures, not £12k
        (12_550, "GBP", "£12.6k"),  # half up, not to even
        (186_000, "GBP", "£186k"),
        (999_499, "GBP", "£999k"),
        (999_500, "GBP", "£1m"),  # rounding reaches 1,000k: the next tier
        (999_950, "GBP", "£1m"),
        (6_380_000, "GBP", "£6.38m"),
        (21_300_000, "GBP", "£21.3m"),
        (-330_000, "GBP", "−£330k"),
        (999_999_999, "EUR", "€1bn"),
        (1_234_567_890, "USD", "$1.23bn"),
        (2_500_000_000, "JPY", "2.5bn JPY"),
        (21_300_000_000_000, "GBP", "£21,300bn"),  # the last tier: whole billions
        (9_500, "JPY", "9,500 JPY"),  # no decimals in yen
        (1_250_000, None, "1.25m"),
    ],
)
def test_compact_money(value, currency, expected):
    assert money(value, currency) == expected


def test_an_actual_never_reads_equal_to_a_different_budget():
    assert money(999_950, "GBP", beside=1_000_000) == "£999.95k"
    assert money(21_300_040, "GBP", beside=21_300_000) == "£21.30004m"
    assert money(21_300_000, "GBP", beside=21_500_000) == "£21.3m"  # already apart
    assert money(1_000_000, "GBP", beside=1_000_000) == "£1m"  # equal: nothing to tell apart


def test_a_difference_is_exact():
    assert difference(90.20, 84.00) == 6.2
    assert difference(14.7, 13.5) == 1.2
    assert difference(84.00, 84) == 0


def test_points_are_singular_only_for_one():
    assert [points(v) for v in (1, 1.0, 1.5, 0.5, 2, 0)] == [
        "1 pt",
        "1 pt",
        "1.5 pts",
        "0.5 pts",
        "2 pts",
        "0 pts",
    ]


# --- the Finance finding and its Variance column ---------------------------------------------


def test_the_finding_tells_a_near_miss_from_the_budget(tmp_path):
    yaml = finance(metric("Revenue", 999_950, 1_000_000, higher="true"))
    assert finance_finding(tmp_path, yaml).startswith("Revenue £999.95k, £50 under budget")


def test_the_finding_rounds_money_to_three_figures(tmp_path):
    yaml = finance(metric("Revenue", 12_500, 25_000))
    assert finance_finding(tmp_path, yaml) == "Revenue £12.5k, £12.5k under budget"


@pytest.mark.parametrize(
    ("unit", "currency", "actual", "budget", "expected"),
    [
        ("£bn", "GBP", 21.3, 21.5, "Revenue £21.3bn, £200m under budget"),
        ("GBPm", "GBP", 21_300, 21_500, "Revenue £21.3bn, £200m under budget"),
        ("£k", "GBP", 21_300, 21_500, "Revenue £21.3m, £200k under budget"),
        ("JPYm", "JPY", 2_500, 2_400, "Revenue 2.5bn JPY, 100m JPY over budget"),
        ("£", "GBP", 90.20, 84.00, "Revenue £90.20, £6.20 over budget"),
    ],
)
def test_money_in_scaled_units(tmp_path, unit, currency, actual, budget, expected):
    yaml = finance(metric("Revenue", actual, budget, unit), currency=currency)
    assert finance_finding(tmp_path, yaml) == expected


@pytest.mark.parametrize(
    ("actual", "budget", "finding", "variance"),
    [
        (13.5, 14.5, "Gross margin 13.5%, 1 point under budget", "−1 pt"),
        (13.5, 15, "Gross margin 13.5%, 1.5 points under budget", "−1.5 pts"),
        (14.7, 13.5, "Gross margin 14.7%, 1.2 points over budget", "+1.2 pts"),
    ],
)
def test_a_gap_between_percentages_is_in_points(tmp_path, actual, budget, finding, variance):
    yaml = finance(metric("Gross margin", actual, budget, "%"))
    found = table(pack(tmp_path, finance=yaml), "finance", "Results against budget")
    assert found.finding == finding
    assert found.rows[0][3] == variance


def test_the_variance_column_keeps_pence(tmp_path):
    yaml = finance(metric("Cost to serve", 90.20, 84.00, "£"))
    found = table(pack(tmp_path, finance=yaml), "finance", "Results against budget")
    assert found.rows[0][3] == "+£6.20"


# --- pipeline ---------------------------------------------------------------------------------


def test_pipeline_in_billions(tmp_path):
    sales = "currency: JPY\npipeline:\n  value: 2500000000\n  previous: 2487500000\n"
    blocks = next(s for s in pack(tmp_path, sales=sales).sections if s.key == "sales").blocks
    assert blocks[0].finding == "Pipeline 2.5bn JPY, up 12.5m JPY since October"


# --- counts of one ------------------------------------------------------------------------------


def test_one_judged_measure_reads_in_the_singular(tmp_path):
    yaml = finance(metric("Revenue", 3_000_000, 2_300_000, higher="false"))
    assert finance_finding(tmp_path, yaml) == "Revenue £3m, £700k over budget; 1 measure, off track"


def test_one_service_level_reads_in_the_singular(tmp_path):
    sla = "slas: [{name: Calls answered, target: 80, actual: 90, unit: '%'}]\n"
    operations = next(s for s in pack(tmp_path, operations=sla).sections if s.key == "operations")
    summary = next(b for b in operations.blocks if isinstance(b, Note))
    assert summary.text == "The one service level is on track."
    assert table(pack(tmp_path, operations=sla), "operations", "Service levels").finding == (
        "1 service level, on track"
    )


def test_one_of_many_service_levels_is_on_track(tmp_path):
    slas = "slas:\n" + "".join(
        f"  - {{name: Level {n}, target: 80, actual: {actual}, unit: '%'}}\n"
        for n, actual in enumerate((90, 50, 50), 1)
    )
    operations = next(s for s in pack(tmp_path, operations=slas).sections if s.key == "operations")
    summary = next(b for b in operations.blocks if isinstance(b, Note))
    assert summary.text == "1 of 3 service levels is on track, 2 off track."


def test_the_group_pack_counts_one_in_the_singular():
    from agenda.text import say

    counts = {"on_track": 0, "at_risk": 0, "off_track": 1, "total": 1, "count": 1}
    assert say("group.service_levels_finding", **counts) == (
        "1 service level across 1 unit, off track"
    )
    assert say("group.apart_finding", **counts) == "1 measure, off track"
    many = {"on_track": 3, "at_risk": 0, "off_track": 0, "total": 3, "count": 2}
    assert say("group.service_levels_finding", **many) == (
        "3 of 3 service levels on track across 2 units"
    )


def test_a_pipeline_change_in_pence_is_exact(tmp_path):
    sales = "currency: GBP\npipeline:\n  value: 6380000.30\n  previous: 6380000.20\n"
    blocks = next(s for s in pack(tmp_path, sales=sales).sections if s.key == "sales").blocks
    assert blocks[0].finding == "Pipeline £6.38m, up £0.10 since October"


def test_a_measure_whose_name_says_hours_is_never_shown_as_money(tmp_path):
    """No unit is money in the file's currency, unless the name says otherwise: "Volunteer
    hours" reads 3,100 in the table and the finding, never £3,100 (the group pack already
    never added such a figure up as money)."""
    yaml = finance(metric("Volunteer hours", 3100, 3000, higher="true"), metric("Revenue", 5, 4))
    found = table(pack(tmp_path, finance=yaml), "finance", "Results against budget")
    hours = next(r for r in found.rows if r[0] == "Volunteer hours")
    assert hours[1:4] == ("3,100", "3,000", "+100")
    assert found.finding.startswith("Volunteer hours 3,100, 100 over budget")
    assert "£" not in found.finding
    revenue = next(r for r in found.rows if r[0] == "Revenue")
    assert revenue[1].startswith("£")  # money stays money


def test_a_cost_of_people_is_still_money(tmp_path):
    """A cost of people is money ("Staff costs": £4,120,000); "Headcount" is a count."""
    yaml = finance(metric("Staff costs", 4120000, 4000000), metric("Headcount", 310, 300))
    found = table(pack(tmp_path, finance=yaml), "finance", "Results against budget")
    rows = {r[0]: r for r in found.rows}
    assert rows["Staff costs"][1] == "£4,120,000"
    assert rows["Headcount"][1] == "310"
