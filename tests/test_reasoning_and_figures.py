"""Reasoning says only what the data says, and figures add up (issue 11, points 8 and 10).

Each test builds a small month as a user would and reads what a reader sees: the questions for
the room in the Word pack and the speaker notes, the links between sections, the complaints
table and chart, the finance statuses, and the located warnings and errors on the terminal.
"""

from __future__ import annotations

import re

from conftest import MEETING_LED as MEETING  # leads named: warnings are counted
from conftest import (
    SAMPLE_MONTH,
    section_items,
    slides,
    write_month,
)
from docx import Document
from pptx import Presentation

CUSTOMER = """\
nps:
  counts: {{promoters: {p}, passives: 30, detractors: {d}}}
  target: 20
narratives:
  - {{title: Three weeks for a refund, customer: Mrs Jones, story: She waited and called four times., channel: Phone}}
verbatims:
  - {{text: The bill was wrong again., score: 2, channel: Email, theme: Billing accuracy}}
themes:
  - {{name: Billing accuracy, mentions: 40, previous: 40}}
  - {{name: Waiting times, mentions: 30, previous: 30}}
  - {{name: Staffing levels, mentions: 12, previous: 12}}
{extra}"""

UNHAPPY = CUSTOMER.format(p=40, d=30, extra="")  # NPS +10 against a target of +20
HAPPY = CUSTOMER.format(p=60, d=10, extra="")  # NPS +50, flat themes, no history

GREEN = """\
slas:
  - {name: Calls answered in 60s, target: 80, actual: 85, unit: "%"}
  - {name: Bills on time, target: 98, actual: 99, unit: "%", theme: Billing accuracy}
"""
ONE_RED = GREEN.replace("actual: 85", "actual: 60")

GREEN_QUESTION = "If every service level is green, why are customers telling us otherwise?"


def _build(tmp_path, run_cli, files: dict[str, str], name: str = "2026-11", code: int = 0):
    month = write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING.replace("2026-11", name), **files}, name=name
    )
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == code, result.output
    stem = f"acme-water-{name}-leadership-pack"
    return result, out / f"{stem}.docx", out / f"{stem}.pptx"


def _month(tmp_path, name: str, customer: str) -> None:
    """An earlier month folder of the same workspace."""
    write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING.replace("2026-11", name), "customer.yaml": customer},
        name=name,
    )


def _section_text(docx, title: str) -> str:
    return "\n".join(i.text for i in section_items(docx, title))


def _deck(pptx, section: str) -> tuple[str, str]:
    """(slide text, speaker notes) of a section's slides."""
    views = [v for v in slides(pptx) if (v.kicker or v.title.lstrip("0123456789. ")) == section]
    return "\n".join(" ".join(v.texts) for v in views), "\n".join(v.notes for v in views)


def _word_table(docx, first_header: str) -> list[list[str]]:
    """The rows (header first) of the Word table whose first header cell is ``first_header``."""
    for table in Document(str(docx)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][0] == first_header:
            return rows
    raise AssertionError(f"no table headed {first_header!r}")


def _chart(pptx, title: str):
    """The chart on the slide whose title starts with ``title`` (titles state a finding)."""
    for slide in Presentation(str(pptx)).slides:
        if slide.shapes.title is not None and slide.shapes.title.text.startswith(title):
            for shape in slide.shapes:
                if shape.has_chart:
                    return shape.chart
    raise AssertionError(f"no chart on a slide titled {title!r}…")


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": warning: " in line]


# --- 8. the green-SLA question is asked only when every SLA is green ------------------------------


def test_the_green_sla_question_is_not_asked_when_an_sla_is_off_track(tmp_path, run_cli):
    _, docx, pptx = _build(
        tmp_path, run_cli, {"customer.yaml": UNHAPPY, "operations.yaml": ONE_RED}
    )
    text = _section_text(docx, "Operations")
    assert "1 off track" in text  # the SLA really is red
    assert "every service level is green" not in text.lower()
    slide_text, notes = _deck(pptx, "Operations")
    assert "every service level is green" not in (slide_text + notes).lower()


def test_the_green_sla_question_is_asked_when_every_sla_is_green(tmp_path, run_cli):
    _, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": UNHAPPY, "operations.yaml": GREEN})
    assert GREEN_QUESTION in _section_text(docx, "Operations")
    assert GREEN_QUESTION in _deck(pptx, "Operations")[1]


def test_no_green_sla_question_without_service_levels(tmp_path, run_cli):
    # no operations.yaml at all, then one that lists improvements but no SLAs
    _, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": UNHAPPY})
    assert GREEN_QUESTION not in _section_text(docx, "Operations")
    assert GREEN_QUESTION not in _deck(pptx, "Operations")[1]
    no_slas = "improvements:\n  - New phone menu\n"
    _, docx, pptx = _build(
        tmp_path / "b", run_cli, {"customer.yaml": UNHAPPY, "operations.yaml": no_slas}
    )
    assert GREEN_QUESTION not in _section_text(docx, "Operations")
    assert GREEN_QUESTION not in _deck(pptx, "Operations")[1]


def test_the_appendix_rule_list_describes_the_green_sla_question(tmp_path, run_cli):
    _, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": UNHAPPY, "operations.yaml": GREEN})
    appendix = _section_text(docx, "Appendix: sources and method")
    rule = next(line for line in appendix.splitlines() if "every SLA is on target" in line)
    assert "why customers tell us otherwise" in rule and "(applies this month)" in rule


# --- 8. an employee challenge links only to a theme that exists ----------------------------------

STAFFING = """\
challenges:
  - {text: Not enough people on the late shift, theme: Staffing}
  - {text: Workarounds for the estimation rule, theme: billing ACCURACY}
  - Waiting times for IT tickets are long
  - The canteen closes early
"""


def test_a_challenge_naming_no_theme_is_not_linked_and_is_warned(tmp_path, run_cli):
    result, docx, pptx = _build(
        tmp_path, run_cli, {"customer.yaml": HAPPY, "employees.yaml": STAFFING}
    )
    text = _section_text(docx, "Employees")
    slide_text, notes = _deck(pptx, "Employees")
    for shown in (text, slide_text, notes):
        assert "Staffing" not in shown and "late shift (customers raise" not in shown
    [warning] = [w for w in _warnings(result.stderr) if "employees.yaml" in w]
    assert re.match(r"ws/2026-11/employees\.yaml:2:\d+: warning: ", warning), warning
    assert "'Staffing'" in warning and "did you mean 'Staffing levels'?" in warning


def test_a_challenge_theme_matches_whatever_its_case(tmp_path, run_cli):
    result, docx, _ = _build(
        tmp_path, run_cli, {"customer.yaml": HAPPY, "employees.yaml": STAFFING}
    )
    text = _section_text(docx, "Employees")
    assert (
        "Workarounds for the estimation rule (customers raise this too: Billing accuracy)" in text
    )
    assert (
        "Our people say “Workarounds for the estimation rule”; customers raise “Billing accuracy”"
        in text
    )
    assert not [w for w in _warnings(result.stderr) if "ACCURACY" in w]


def test_a_challenge_links_to_its_theme_ignoring_accents_and_punctuation(tmp_path, run_cli):
    """Themes are matched as their keywords are: by ``theme:`` without case or accents, and by
    the theme's name in the challenge's text as words, whatever the punctuation between them."""
    challenges = (
        "challenges:\n"
        "  - {text: Estimates keep coming back, theme: Bílling ÁCCURACY}\n"
        "  - Our waiting-times targets are unclear\n"
    )
    result, docx, _ = _build(
        tmp_path, run_cli, {"customer.yaml": HAPPY, "employees.yaml": challenges}
    )
    text = _section_text(docx, "Employees")
    assert "Estimates keep coming back (customers raise this too: Billing accuracy)" in text
    assert "Our waiting-times targets are unclear (customers raise this too: Waiting times)" in (
        text
    )
    assert not [w for w in _warnings(result.stderr) if "employees.yaml" in w]


def test_linked_challenges_are_marked_the_same_in_the_list_and_the_questions(tmp_path, run_cli):
    _, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": HAPPY, "employees.yaml": STAFFING})
    items = section_items(docx, "Employees")
    listed = [i.text for i in items if i.style == "List Bullet"]
    marked = {t.split(" (customers raise this too: ")[0] for t in listed if "raise this too" in t}
    asked = {
        m.group(1)
        for i in items
        for m in [re.search(r"Our people say “(.+?)”; customers raise", i.text)]
        if m
    }
    assert (
        marked
        == asked
        == {
            "Workarounds for the estimation rule",
            "Waiting times for IT tickets are long",  # by the theme's name in its text
        }
    )
    assert "Waiting times for IT tickets are long (customers raise this too: Waiting times)" in (
        listed
    )
    notes = _deck(pptx, "Employees")[1]
    assert "customers raise “Waiting times”" in notes and "canteen" not in notes


def test_an_sla_theme_naming_no_theme_is_not_linked_and_is_warned(tmp_path, run_cli):
    slas = """\
slas:
  - {name: Calls answered in 60s, target: 80, actual: 85, unit: "%", theme: Waiting time}
"""
    result, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": HAPPY, "operations.yaml": slas})
    text = _section_text(docx, "Operations")
    assert "Waiting time" not in text
    assert "Service levels beside what customers say" not in text
    [warning] = [w for w in _warnings(result.stderr) if "operations.yaml" in w]
    assert re.match(r"ws/2026-11/operations\.yaml:2:\d+: warning: ", warning), warning
    assert "'Waiting time'" in warning and "did you mean 'Waiting times'?" in warning


def test_an_sla_theme_matches_whatever_its_case(tmp_path, run_cli):
    slas = """\
slas:
  - {name: Calls answered in 60s, target: 80, actual: 85, unit: "%", theme: waiting TIMES}
"""
    result, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": HAPPY, "operations.yaml": slas})
    assert "Service levels beside what customers say" in _section_text(docx, "Operations")
    assert _warnings(result.stderr) == []


# --- 10. complaint shares over the total, with Uncategorised ------------------------------------


def _complaints(total: int, reasons: dict[str, int], previous: int | None = None) -> str:
    listed = ", ".join(f"{k}: {v}" for k, v in reasons.items())
    before = f", previous: {previous}" if previous is not None else ""
    return CUSTOMER.format(
        p=60, d=10, extra=f"complaints: {{total: {total}{before}, reasons: {{{listed}}}}}\n"
    )


def test_complaint_shares_are_over_the_total_with_uncategorised_shown(tmp_path, run_cli):
    customer = _complaints(455, {"Billing error": 200, "Delay": 130})
    _, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": customer})
    rows = _word_table(docx, "Reason")
    assert rows[1:] == [
        ["Billing error", "200", "44%", "–"],
        ["Delay", "130", "29%", "–"],
        ["Uncategorised", "125", "27%", "–"],
    ]
    text = _section_text(docx, "Customer")
    assert "455 complaints this month" in text
    chart = _chart(pptx, "Billing error is the top complaint reason: ")
    assert tuple(chart.plots[0].categories) == ("Billing error", "Delay", "Uncategorised")
    assert chart.plots[0].series[0].values == (200.0, 130.0, 125.0)


def test_reasons_adding_up_to_more_than_the_total_are_refused(tmp_path, run_cli):
    customer = _complaints(455, {"Billing error": 300, "Delay": 180})
    result, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": customer}, code=65)
    assert re.search(
        r"ws/2026-11/customer\.yaml:\d+:\d+: error: complaints\.reasons add up to 480, more "
        r"than complaints\.total 455",
        result.stderr,
    ), result.stderr
    assert not docx.exists() and not pptx.exists()


def test_a_reason_gone_this_month_shows_as_zero_with_its_change(tmp_path, run_cli):
    _month(tmp_path, "2026-10", _complaints(100, {"Billing error": 60, "Delay": 28, "Meter": 12}))
    customer = _complaints(90, {"Billing error": 62, "Delay": 28})
    _, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": customer})
    rows = _word_table(docx, "Reason")
    assert rows[0] == ["Reason", "Complaints", "Share", "Change"]
    assert rows[1:] == [
        ["Billing error", "62", "69%", "+2"],
        ["Delay", "28", "31%", "0"],
        ["Meter", "0", "0%", "−12"],
    ]
    assert "90 complaints this month, 100 last month." in _section_text(docx, "Customer")
    chart = _chart(pptx, "Billing error is the top complaint reason: ")
    assert tuple(chart.plots[0].categories) == ("Billing error", "Delay", "Meter")
    now, then = chart.plots[0].series
    assert now.values == (62.0, 28.0, 0.0)
    assert then.name == "October 2026" and then.values == (60.0, 28.0, 12.0)


def test_reasons_are_compared_with_the_month_the_caption_names(tmp_path, run_cli):
    # the month with data before November is September: no October folder
    _month(tmp_path, "2026-09", _complaints(100, {"Billing error": 60, "Delay": 40}))
    customer = _complaints(90, {"Billing error": 62, "Delay": 28})
    _, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": customer})
    rows = _word_table(docx, "Reason")
    assert rows[0] == ["Reason", "Complaints", "Share", "Change since September 2026"]
    assert rows[1:] == [["Billing error", "62", "69%", "+2"], ["Delay", "28", "31%", "−12"]]
    text = _section_text(docx, "Customer")
    assert "90 complaints this month, 100 in September 2026." in text
    assert "100 last month" not in text
    assert "−10 since September" in text  # the headline figure says so too, as findings do


def test_a_stated_previous_total_is_never_compared_with_another_months_reasons(tmp_path, run_cli):
    # customer.yaml says last month (October) had 95; the reasons on file are September's
    _month(tmp_path, "2026-09", _complaints(100, {"Billing error": 60, "Delay": 40}))
    customer = _complaints(90, {"Billing error": 62, "Delay": 28}, previous=95)
    _, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": customer})
    rows = _word_table(docx, "Reason")
    assert rows[0][-1] == "Change"
    assert [r[-1] for r in rows[1:]] == ["–", "–"]
    assert "90 complaints this month, 95 last month." in _section_text(docx, "Customer")


def test_uncategorised_complaints_are_compared_too(tmp_path, run_cli):
    _month(tmp_path, "2026-10", _complaints(100, {"Billing error": 70}))
    customer = _complaints(90, {"Billing error": 60, "Delay": 20})
    _, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": customer})
    rows = _word_table(docx, "Reason")
    assert rows[1:] == [
        ["Billing error", "60", "67%", "−10"],
        ["Delay", "20", "22%", "new"],  # not a reason in October: new, as a theme would be
        ["Uncategorised", "10", "11%", "−20"],
    ]


# --- 10. a finance metric with no direction gets no status ---------------------------------------

FINANCE = """\
currency: GBP
metrics:
  - {name: Revenue, actual: 21300, budget: 21000, unit: £k, higher_is_better: true}
  - {name: Operating cost, actual: 4200, budget: 4000, unit: £k}
  - {name: Agency spend, actual: 50, budget: 40, unit: £k, higher_is_better: false}
  - {name: Headcount, actual: 120}
"""


def test_a_finance_metric_with_no_direction_gets_no_status_and_a_warning(tmp_path, run_cli):
    result, docx, pptx = _build(
        tmp_path, run_cli, {"customer.yaml": HAPPY, "finance.yaml": FINANCE}
    )
    rows = {r[0]: r for r in _word_table(docx, "Measure")}
    assert rows["Measure"][-1] == "Status"
    assert rows["Revenue"][-1] == "On track"
    assert rows["Operating cost"][-1] == "–"  # an overspend is never "On track" by default
    assert rows["Agency spend"][-1] == "Off track"
    assert rows["Headcount"][-1] == "–"
    slide_text, _ = _deck(pptx, "Finance")
    assert slide_text.count("On track") == 1
    warnings = [w for w in _warnings(result.stderr) if "finance.yaml" in w]
    assert len(warnings) == 1  # Headcount has no budget, so no status to get
    assert re.match(r"ws/2026-11/finance\.yaml:4:\d+: warning: ", warnings[0]), warnings[0]
    assert (
        "say whether higher is better (higher_is_better: true or false) to get an on-track status"
        in warnings[0]
    )
    strict = run_cli("validate", "ws/2026-11", "--strict")
    assert strict.exit_code == 65 and "say whether higher is better" in strict.stderr


def test_the_sample_builds_without_warnings(run_cli):
    result = run_cli("validate", SAMPLE_MONTH)
    assert result.exit_code == 0, result.output
    assert _warnings(result.stderr) == []


def test_a_group_total_is_one_row_and_judged_only_when_every_unit_gives_its_direction(
    tmp_path, run_cli
):
    ws = tmp_path / "group"
    for unit, direction in (("north", ", higher_is_better: true"), ("south", "")):
        write_month(
            ws / unit,
            {
                "meeting.yaml": MEETING.replace("Acme Water", f"Acme {unit.title()}"),
                "customer.yaml": HAPPY,
                "finance.yaml": "metrics:\n"
                f'  - {{name: Revenue, actual: 90, budget: 100, unit: "£k"{direction}}}\n'
                '  - {name: Cost, actual: 60, budget: 50, unit: "£k", higher_is_better: false}\n',
            },
        )
    (ws / "agenda.yaml").write_text("group: Acme Group\n")
    out = tmp_path / "out"
    result = run_cli("build-all", ws, "--out", out)
    assert result.exit_code == 0, result.output
    rows = _word_table(out / "group" / "acme-group-2026-11-group-pack.docx", "Measure")
    assert rows[1:] == [
        ["Revenue", "2", "£180k", "£200k", "–"],  # one row, not one per stated direction
        ["Cost", "2", "£120k", "£100k", "Off track"],
    ]
