"""Meeting intelligence: each customer-first rule fires when it should and only then, and the
words reach the Word section, the slide and the speaker notes."""

from __future__ import annotations

import datetime as dt

import yaml
from conftest import MEETING_LED as MEETING  # leads named: warnings are counted
from conftest import (
    section_items,
    slides,
    write_month,
)

from agenda.rules import RULES, describe

TARGETED = """\
nps:
  counts: {{promoters: {p}, passives: 30, detractors: {d}}}
  target: 20
narratives:
  - {{title: Three weeks for a refund, customer: Mrs Jones, story: She waited and called four times., channel: Phone}}
verbatims:
  - {{text: The bill was wrong again., score: 2, channel: Email, theme: Billing accuracy}}
themes:
  - {{name: Billing accuracy, mentions: {billing}, previous: 40}}
  - {{name: Waiting times, mentions: 30, previous: 30}}
"""

GREEN = """\
slas:
  - {name: Calls answered in 60s, target: 80, actual: 85, unit: "%"}
  - {name: Bills on time, target: 98, actual: 99, unit: "%", theme: Billing accuracy}
"""

ONE_RED = GREEN.replace("actual: 85", "actual: 60")


def _build(tmp_path, run_cli, files: dict[str, str], name="2026-11"):
    month = write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING.replace("2026-11", name), **files}, name=name
    )
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 0, result.output
    stem = f"acme-water-{name}-leadership-pack"
    return result, out / f"{stem}.docx", out / f"{stem}.pptx"


def _section_text(docx, title: str) -> str:
    return "\n".join(i.text for i in section_items(docx, title))


def _deck_text(pptx, section: str) -> tuple[str, str]:
    views = [v for v in slides(pptx) if (v.kicker or v.title.lstrip("0123456789. ")) == section]
    return "\n".join(" ".join(v.texts) for v in views), "\n".join(v.notes for v in views)


GREEN_WORDS = "Every service level is green, yet"
MEASURE_QUESTION = "Are we measuring what customers actually experience?"


def test_green_slas_with_nps_below_target_is_called_out_everywhere(tmp_path, run_cli):
    customer = TARGETED.format(p=40, d=30, billing=40)  # NPS +10, target +20
    _, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": customer, "operations.yaml": GREEN})
    text = _section_text(docx, "Operations")
    assert GREEN_WORDS in text and "NPS is +10 against a target of +20" in text
    assert MEASURE_QUESTION in text
    slide_text, notes = _deck_text(pptx, "Operations")
    assert GREEN_WORDS in slide_text
    assert MEASURE_QUESTION in notes


def test_green_slas_with_healthy_customers_stay_quiet(tmp_path, run_cli):
    customer = TARGETED.format(p=60, d=10, billing=40)  # NPS +50, flat themes, no history
    _, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": customer, "operations.yaml": GREEN})
    assert GREEN_WORDS not in _section_text(docx, "Operations")
    assert MEASURE_QUESTION not in _deck_text(pptx, "Operations")[1]


def test_a_red_sla_is_not_the_green_sla_paradox(tmp_path, run_cli):
    customer = TARGETED.format(p=40, d=30, billing=40)
    _, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": customer, "operations.yaml": ONE_RED})
    assert GREEN_WORDS not in _section_text(docx, "Operations")


def test_growing_top_theme_with_no_sla_watching_it_is_named(tmp_path, run_cli):
    customer = TARGETED.format(p=60, d=10, billing=55)  # Billing accuracy 40 → 55
    unwatched = GREEN.replace(", theme: Billing accuracy", "")
    _, docx, pptx = _build(
        tmp_path, run_cli, {"customer.yaml": customer, "operations.yaml": unwatched}
    )
    words = "“Billing accuracy” grew from 40 to 55 mentions, and no service level measures it."
    assert words in _section_text(docx, "Operations")
    assert words in _deck_text(pptx, "Operations")[0]
    # the same growth with an SLA watching it: the theme is not named as unwatched, but the
    # SLA is shown beside what customers said about it
    _, docx, _ = _build(
        tmp_path / "b", run_cli, {"customer.yaml": customer, "operations.yaml": GREEN}
    )
    text = _section_text(docx, "Operations")
    assert "no service level measures it" not in text
    assert "Service levels beside what customers say" in text
    assert "“The bill was wrong again.”" in text


def test_marketing_and_sales_without_customer_thinking_become_questions(tmp_path, run_cli):
    marketing = """\
    programmes:
      - {name: Winter Ready, audience: Households, expected_reaction: Relief}
      - {name: Tariff launch, audience: Fixed-tariff households}
    """
    sales = """\
    targets:
      - {account: Calder Homes, feedback_to_use: Landlords hate estimated bills}
      - {account: Kirklees Leisure}
    """
    customer = TARGETED.format(p=60, d=10, billing=40)
    _, docx, pptx = _build(
        tmp_path,
        run_cli,
        {"customer.yaml": customer, "marketing.yaml": marketing, "sales.yaml": sales},
    )
    marketing_text = _section_text(docx, "Marketing")
    assert (
        "Tariff launch (Fixed-tariff households): how will they feel and react?" in marketing_text
    )
    assert "Winter Ready (Households): how will" not in marketing_text
    assert "Tariff launch (Fixed-tariff households)" in _deck_text(pptx, "Marketing")[1]
    sales_text = _section_text(docx, "Sales")
    assert "Kirklees Leisure: what have similar customers told us" in sales_text
    assert "Calder Homes: what have" not in sales_text
    assert "Kirklees Leisure" in _deck_text(pptx, "Sales")[1]


def test_employee_challenges_that_match_customer_themes_are_linked(tmp_path, run_cli):
    employees = """\
    challenges:
      - {text: Workarounds for the estimation rule, theme: Billing accuracy}
      - Waiting times for IT tickets are long
      - The canteen closes early
    """
    customer = TARGETED.format(p=60, d=10, billing=40)
    _, docx, pptx = _build(
        tmp_path, run_cli, {"customer.yaml": customer, "employees.yaml": employees}
    )
    text = _section_text(docx, "Employees")
    assert (
        "Our people say “Workarounds for the estimation rule”; customers raise “Billing accuracy”"
        in text
    )
    assert "customers raise “Waiting times”" in text  # matched by the theme's name in the text
    assert "canteen" not in " ".join(q for q in text.splitlines() if "customers raise" in q)
    assert "customers raise “Billing accuracy”" in _deck_text(pptx, "Employees")[1]


def _actions(*items: str, decisions: str = "") -> str:
    return "actions:\n" + "".join(f"  - {i}\n" for i in items) + decisions


def test_open_actions_carry_over_and_closed_ones_are_listed_once(tmp_path, run_cli):
    customer = TARGETED.format(p=60, d=10, billing=40)
    a1 = "{id: A-1, title: Fix bills, owner: Ann, due: 2026-09-30, section: operations, status: %s}"
    a2 = "{id: A-2, title: Call Mrs Jones, owner: Bob, due: 2026-12-01, section: customer, status: open}"
    a3 = "{id: A-3, title: Cost of failure, owner: Cy, due: 2026-10-30, section: finance, status: open}"
    for period, actions in (
        ("2026-09", _actions(a1 % "open", a2)),
        ("2026-10", _actions(a1 % "done", a3)),  # A-2 not listed: carried from September
    ):
        write_month(
            tmp_path / "ws",
            {
                "meeting.yaml": MEETING.replace("2026-11", period),
                "customer.yaml": customer,
                "actions.yaml": actions,
            },
            name=period,
        )
    _, october, _ = _build(tmp_path, run_cli, {"customer.yaml": customer}, name="2026-10")
    text = _section_text(october, "Actions")
    assert "Closed since last meeting" in text and "Fix bills" in text

    decisions = "decisions:\n  - {title: Fund a billing team, section: finance, owner: Cy}\n"
    a4 = "{id: A-4, title: New idea, owner: Di, due: 2026-12-15, section: marketing, status: open}"
    _, docx, pptx = _build(
        tmp_path,
        run_cli,
        {"customer.yaml": customer, "actions.yaml": _actions(a4, decisions=decisions)},
    )
    items = section_items(docx, "Actions")
    tables = [i.text for i in items if i.kind == "table"]
    open_table = tables[0]
    assert (
        open_table.index("Call Mrs Jones")
        < open_table.index("New idea")
        < open_table.index("Cost of failure")
    )
    assert "September 2026" in open_table and "October 2026" in open_table  # last update
    assert "Overdue by 20 days".lower() in open_table  # A-3 due 30 Oct, meeting 19 Nov
    assert "Fix bills" not in "\n".join(tables)  # closed in October: listed once, then gone
    assert "Decisions needed" in [i.text for i in items] and "Fund a billing team" in tables[-1]
    deck = [v for v in slides(pptx) if v.kicker == "Actions"]
    assert [v.title for v in deck] == ["Open actions"]  # the small tables share its slide
    # the decision has its own slide in its section (issue 17): the log does not repeat it
    assert "Decisions needed" not in deck[0].texts
    (paper,) = [v for v in slides(pptx) if v.title == "Decide: Fund a billing team"]
    assert paper.kicker == "Finance"


def test_timing_warnings_when_slots_overrun_or_squeeze_the_customer(tmp_path, run_cli):
    meeting = (
        MEETING
        + 'end: "10:00"\nminutes: {customer: 15, employees: 15, operations: 15, marketing: 15, sales: 15, finance: 15}\n'
    )
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": meeting, "customer.yaml": TARGETED.format(p=60, d=10, billing=40)},
    )
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0  # a warning, not an error
    assert (
        "meeting.yaml:7:6: warning: the slots add up to 90 minutes and run to 10:30, past the meeting's end at 10:00"
        in result.stderr
    )
    assert (
        "meeting.yaml:8:21: warning: the customer slot has 15 of 90 minutes: it is squeezed"
        in result.stderr
    )
    agenda = _section_text(tmp_path / "out" / "acme-water-2026-11-leadership-pack.docx", "Agenda")
    assert "Timing: the customer slot has 15 of 90 minutes" in agenda
    notes = slides(tmp_path / "out" / "acme-water-2026-11-leadership-pack.pptx")[1].notes
    assert "Timing: the slots add up to 90 minutes" in notes


def test_a_well_planned_agenda_gives_no_timing_warning(tmp_path, run_cli):
    month = write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING + 'end: "12:00"\n',
            "customer.yaml": TARGETED.format(p=60, d=10, billing=40),
        },
    )
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "warning:" not in result.stderr  # no timing (or any other) warning


def test_frontline_colleague_invited_into_the_customer_slot(tmp_path, run_cli):
    customer = (
        TARGETED.format(p=60, d=10, billing=40)
        + "frontline_invite: {name: Leah Morris, role: Adviser, topic: bounced calls}\n"
    )
    _, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": customer})
    assert "Leah Morris, Adviser, on bounced calls" in _section_text(docx, "Customer")
    assert (
        "Leah Morris, what do you hear from customers that our numbers miss?"
        in _deck_text(pptx, "Customer")[1]
    )


def test_every_rule_is_documented_in_one_sentence():
    assert len(RULES) >= 5
    for name, description in describe():
        assert description.endswith(".") and "\n" not in description, name
        assert description.count(". ") == 0, name


def test_sample_shows_every_rule(built_sample):
    from conftest import SAMPLE_MONTH

    from agenda.history import earlier_months
    from agenda.pipeline import prepare
    from agenda.rules import run_rules
    from agenda.signal import CustomerSignal
    from agenda.validate import load_month

    month = load_month(SAMPLE_MONTH)
    # earlier months recounted by this month's keywords, as the pipeline reads them
    counted = [(t.name, t.keywords) for t in month.themes if t.counted]
    history, _ = earlier_months(SAMPLE_MONTH, counted=counted)
    fired = {i.rule for i in run_rules(month, CustomerSignal(month, history))}
    assert fired == {fn.__name__ for fn in RULES}
    appendix = prepare(SAMPLE_MONTH).appendix
    assert any(
        "applies this month" in item for b in appendix if hasattr(b, "items") for item in b.items
    )


# --- agenda init ---------------------------------------------------------------------------


def test_init_scaffolds_next_month_from_the_latest(tmp_path, run_cli):
    meeting = (
        MEETING
        + "title: Leadership meeting — November 2026\nguests:\n  - {name: Janet Pryce, organisation: Pennine Vale}\n"
    )
    actions = _actions(
        "{id: A-1, title: Fix bills, owner: Ann, due: 2026-11-30, section: operations, status: open}",
        "{id: A-2, title: Done thing, owner: Bob, due: 2026-11-01, section: customer, status: done}",
    )
    write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": meeting,
            "customer.yaml": TARGETED.format(p=60, d=10, billing=40),
            "actions.yaml": actions,
        },
    )
    result = run_cli("init", tmp_path / "ws" / "2026-12")
    assert result.exit_code == 0, result.output
    new = tmp_path / "ws" / "2026-12"
    assert sorted(p.name for p in new.iterdir()) == sorted(
        [
            "meeting.yaml",
            "actions.yaml",
            "customer.yaml",
            "employees.yaml",
            "operations.yaml",
            "marketing.yaml",
            "sales.yaml",
            "finance.yaml",
            "outcomes.yaml",  # written after the meeting: left as a commented template
        ]
    )
    assert yaml.safe_load((new / "outcomes.yaml").read_text()) is None  # comments only
    assert "decisions:" in (new / "outcomes.yaml").read_text()
    settings = yaml.safe_load((new / "meeting.yaml").read_text())
    assert settings["period"] == "2026-12"
    assert settings["date"] == dt.date(2026, 12, 17)  # 19 Nov is the 3rd Thursday → 17 Dec
    assert "title" not in settings  # "… November 2026" is not copied; the default names December
    assert "guests" not in settings and "Janet Pryce" not in (new / "meeting.yaml").read_text()
    carried = yaml.safe_load((new / "actions.yaml").read_text())["actions"]
    assert [a["id"] for a in carried] == ["A-1"]
    assert "1 open action(s) carried over" in result.stdout
    # the scaffold validates to a list of what is still TO FILL: this month's story first
    check = run_cli("validate", new)
    assert check.exit_code == 1 and "error:" not in check.stderr
    assert "customer.yaml:" in check.stderr and "to fill: narratives[0].story" in check.stderr


def test_init_never_overwrites(tmp_path, run_cli):
    write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING, "customer.yaml": TARGETED.format(p=60, d=10, billing=40)},
    )
    new = tmp_path / "ws" / "2026-12"
    new.mkdir()
    (new / "customer.yaml").write_text("# my work in progress\n")
    result = run_cli("init", new)
    assert result.exit_code == 0
    assert (new / "customer.yaml").read_text() == "# my work in progress\n"
    assert (
        "kept" in result.stdout
        and "customer.yaml (already there, not overwritten)" in result.stdout
    )


def test_init_needs_an_earlier_month_and_a_month_name(tmp_path, run_cli):
    (tmp_path / "ws").mkdir()
    result = run_cli("init", tmp_path / "ws" / "2026-12")
    assert result.exit_code == 2 and "no earlier month folder" in result.stderr
    result = run_cli("init", tmp_path / "ws" / "december")
    assert result.exit_code == 2 and "YYYY-MM" in result.stderr
