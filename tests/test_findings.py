"""Findings: each block that carries a figure states what it shows this month in one short
sentence, composed from the figures (neutral, statuses only where a target is set), and the
Word pack gives it as the first sentence under the block's topic heading."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from conftest import SAMPLE_MONTH, docx_items, write_month

from agenda.model import Block, Chart, Figures, Pack, Table
from agenda.pipeline import prepare

MEETING = """\
organisation: Clínica Ñandú
period: {period}
date: {date}
start: "09:00"
chair: Inés Álvarez
"""

STORY = """\
narratives:
  - title: Tres semanas para un reembolso
    customer: Sra. Núñez
    story: Esperó tres semanas y llamó cuatro veces.
    channel: Teléfono
"""


def customer(promoters: int, passives: int, detractors: int, extra: str = "") -> str:
    return (
        f"nps:\n  counts: {{promoters: {promoters}, passives: {passives}, "
        f"detractors: {detractors}}}\n{STORY}{extra}"
    )


def month(
    root: Path,
    now: str,
    before: str | None = None,
    files: dict[str, str] | None = None,
    meeting: str = MEETING,
) -> Path:
    """Write November (``now``: customer.yaml) and, if given, October (``before``)."""
    ws = root / "ws"
    if before is not None:
        october = meeting.format(period="2026-10", date="2026-10-15")
        write_month(ws, {"meeting.yaml": october, "customer.yaml": before}, name="2026-10")
    november = meeting.format(period="2026-11", date="2026-11-19")
    return write_month(ws, {"meeting.yaml": november, "customer.yaml": now, **(files or {})})


def block(pack: Pack, section: str, title: str) -> Block:
    found = next(s for s in pack.sections if s.key == section)
    return next(b for b in found.blocks if getattr(b, "title", None) == title)


def finding(pack: Pack, section: str, title: str) -> str:
    found = block(pack, section, title)
    assert isinstance(found, Figures | Table | Chart)
    return found.finding


SCORES = "How customers score us"


# --- NPS: the change beside its margin of error ---------------------------------------------


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [
        ((400, 300, 300), (500, 300, 200), "NPS +30, up 20 since October: more than the margin"),
        ((500, 300, 200), (400, 300, 300), "NPS +10, down 20 since October: more than the margin"),
        ((50, 30, 20), (45, 30, 25), "NPS +20, down 10 since October: within the margin"),
        ((45, 30, 25), (50, 30, 20), "NPS +30, up 10 since October: within the margin"),
        ((50, 30, 20), (50, 30, 20), "NPS +30, unchanged since October"),
    ],
)
def test_nps_finding_states_the_change_beside_its_margin(tmp_path, before, now, expected):
    folder = month(tmp_path, customer(*now), customer(*before))
    said = finding(prepare(folder), "customer", SCORES)
    assert said == expected + (" of error" if "margin" in expected else "")


def test_nps_finding_without_an_earlier_month_says_the_sample_and_no_change(tmp_path):
    pack = prepare(month(tmp_path, customer(300, 120, 0)))
    assert finding(pack, "customer", SCORES) == "NPS +71 from 420 answers"
    shares = finding(pack, "customer", "Promoters, passives and detractors")
    assert shares == "71% promoters, 29% passives and 0% detractors"
    titles = [getattr(b, "title", "") for b in pack.sections[0].blocks]
    assert not any(t.startswith("NPS over the last") for t in titles)  # one month: no trend


def test_nps_finding_with_no_answers(tmp_path):
    pack = prepare(month(tmp_path, customer(0, 0, 0), customer(50, 30, 20)))
    assert finding(pack, "customer", SCORES) == "NPS: no answers this month"


def test_nps_finding_names_the_target_only_under_target_framing(tmp_path):
    target = customer(45, 30, 25).replace("nps:\n", "nps:\n  target: 40\n")
    folder = month(tmp_path, target, customer(50, 30, 20))
    neutral = finding(prepare(folder), "customer", SCORES)
    assert neutral == "NPS +20, down 10 since October: within the margin of error"
    framed = finding(prepare(folder, nps_framing="target"), "customer", SCORES)
    assert (
        framed == "NPS +20 against a +40 target, down 10 since October: within the margin of error"
    )


def test_trend_and_share_findings(tmp_path):
    pack = prepare(month(tmp_path, customer(20, 20, 60), customer(10, 20, 70)))
    assert finding(pack, "customer", "NPS over the last 2 months") == (
        "NPS rose from −60 to −40 over two months"
    )
    assert finding(pack, "customer", "Promoters, passives and detractors") == (
        "20% promoters and 60% detractors, from 10% and 70% in October"
    )


# --- themes and complaints ------------------------------------------------------------------

THEMES_NOW = """\
themes:
  - name: Délai de remboursement
    mentions: 41
  - name: Accueil téléphonique
    mentions: 12
complaints:
  total: 300
  reasons:
    Remboursements: 170
    Facturación: 90
"""
THEMES_BEFORE = """\
themes:
  - name: Délai de remboursement
    mentions: 30
  - name: Accueil téléphonique
    mentions: 14
complaints:
  total: 250
  reasons:
    Remboursements: 150
    Facturación: 100
"""


def test_themes_and_complaints_findings_name_the_leader_and_its_change(tmp_path):
    folder = month(
        tmp_path,
        customer(50, 30, 20, THEMES_NOW),
        customer(50, 30, 20, THEMES_BEFORE),
    )
    pack = prepare(folder)
    assert finding(pack, "customer", "Top improvement themes") == (
        "Délai de remboursement is the top theme: 41 mentions, up 11 since October"
    )
    assert finding(pack, "customer", "Complaints by reason") == (
        "Remboursements is the top complaint reason: 170, up 20 since October"
    )
    assert finding(pack, "customer", "Complaints by reason, with change") == (
        "300 complaints, up 50 since October"
    )


def test_themes_and_complaints_without_an_earlier_month_say_no_change(tmp_path):
    pack = prepare(month(tmp_path, customer(50, 30, 20, THEMES_NOW)))
    assert finding(pack, "customer", "Top improvement themes") == (
        "Délai de remboursement is the top theme: 41 mentions"
    )
    assert finding(pack, "customer", "Complaints by reason") == (
        "Remboursements is the top complaint reason: 170"
    )
    assert finding(pack, "customer", "Complaints by reason, with change") == "300 complaints"


def test_a_tie_names_every_leader(tmp_path):
    tied = THEMES_NOW.replace("mentions: 12", "mentions: 41")
    pack = prepare(month(tmp_path, customer(50, 30, 20, tied)))
    assert finding(pack, "customer", "Top improvement themes") == (
        "Accueil téléphonique and Délai de remboursement are the top themes: 41 mentions each"
    )


# --- operations: the green-SLA rule's point, or the statuses --------------------------------

GREEN = """\
slas:
  - name: Appels décrochés en 60 s
    target: 80
    actual: 84
    unit: "%"
  - name: Remboursements sous 10 jours
    target: 95
    actual: 97
    unit: "%"
"""


def test_every_sla_green_while_complaints_rose(tmp_path):
    now = customer(50, 30, 20, "complaints:\n  total: 330\n  previous: 300\n")
    pack = prepare(month(tmp_path, now, files={"operations.yaml": GREEN}))
    assert finding(pack, "operations", "Service levels") == (
        "Every service level is green while complaints rose 10%"
    )


def test_slas_without_a_worsening_signal_are_counted(tmp_path):
    now = customer(50, 30, 20, "complaints:\n  total: 280\n  previous: 300\n")
    pack = prepare(month(tmp_path, now, files={"operations.yaml": GREEN}))
    assert finding(pack, "operations", "Service levels") == "2 of 2 service levels on track"
    off = GREEN.replace("actual: 97", "actual: 80")
    pack = prepare(month(tmp_path, now, files={"operations.yaml": off}))
    assert finding(pack, "operations", "Service levels") == "1 of 2 service levels off track"


# --- finance in EUR, employees, sales -------------------------------------------------------

FINANCE = """\
currency: EUR
metrics:
  - name: Chiffre d'affaires
    actual: 2300
    budget: 2400
    unit: €k
    higher_is_better: true
  - name: Marge brute
    actual: 18
    budget: 20
    unit: "%"
    higher_is_better: true
  - name: Coût par séjour
    actual: 12.5
    budget: 11
    unit: €
"""


def test_finance_finding_states_the_first_measure_and_the_statuses(tmp_path):
    pack = prepare(month(tmp_path, customer(50, 30, 20), files={"finance.yaml": FINANCE}))
    assert finding(pack, "finance", "Results against budget") == (
        "Chiffre d'affaires €2.3m, €100k under budget; 1 of 2 measures off track, 1 at risk"
    )
    plain = (
        "currency: EUR\nmetrics:\n  - name: Frais généraux\n    actual: 2400000\n"
        "    budget: 2300000\n"
    )
    pack = prepare(month(tmp_path, customer(50, 30, 20), files={"finance.yaml": plain}))
    assert finding(pack, "finance", "Results against budget") == (
        "Frais généraux €2.4m, €100k over budget"  # no direction stated: no status
    )


def test_employee_and_sales_findings(tmp_path):
    files = {
        "employees.yaml": "engagement:\n  score: 64\n  previous: 66.5\nenps: -4\n",
        "sales.yaml": (
            "currency: EUR\npipeline:\n  value: 1250000\n  previous: 1100000\ntargets:\n"
            "  - account: Hôtel Müller\n    feedback_to_use: Une seule facture\n"
            "  - account: Café Ñu\n"
        ),
    }
    pack = prepare(month(tmp_path, customer(50, 30, 20), files=files))
    assert finding(pack, "employees", "How our people feel") == (
        "Engagement 64, down 2.5 since October; employee NPS −4"
    )
    assert finding(pack, "sales", "Pipeline") == "Pipeline €1.25m, up €150k since October"
    assert finding(pack, "sales", "Target customers") == (
        "2 target accounts, 1 without customer feedback to take in"
    )


def test_every_sample_finding_is_short(tmp_path):
    from conftest import SAMPLE_MONTH

    pack = prepare(SAMPLE_MONTH)
    said = [
        b.finding
        for s in pack.sections
        for b in s.blocks
        if isinstance(b, Figures | Table | Chart) and b.finding
    ]
    assert len(said) >= 15
    assert all(len(f) <= 90 and "\n" not in f for f in said), said


# --- the Word pack: the finding right under its heading -------------------------------------


def test_word_pack_gives_each_finding_right_under_its_heading(tmp_path, run_cli):
    folder = month(
        tmp_path,
        customer(45, 30, 25, THEMES_NOW),
        customer(50, 30, 20, THEMES_BEFORE),
        files={"finance.yaml": FINANCE},
    )
    pack = prepare(folder)
    out = tmp_path / "out"
    assert run_cli("build", folder, "--out", out).exit_code == 0
    items = docx_items(next(out.glob("*.docx")))
    expected = {
        b.title: b.finding
        for s in pack.sections
        for b in s.blocks
        if isinstance(b, Figures | Table | Chart) and b.finding
    }
    assert len(expected) >= 6
    for title, said in expected.items():
        at = next(n for n, i in enumerate(items) if i.style == "Heading 2" and i.text == title)
        assert (items[at + 1].style, items[at + 1].text) == ("Normal", said)
    # headings keep their topic names
    assert any(i.style == "Heading 2" and i.text == SCORES for i in items)
    below = items[items.index(next(i for i in items if i.text == SCORES)) + 1]
    assert below.text == "NPS +20, down 10 since October: within the margin of error"


def test_group_pack_findings(tmp_path, run_cli):
    group = Path(__file__).parent / "golden" / "group"
    out = tmp_path / "out"
    assert run_cli("build-all", group, "--out", out).exit_code == 0
    items = docx_items(next((out / "group").glob("*.docx")))
    under = {a.text: b.text for a, b in pairwise(items) if a.style == "Heading 2"}
    assert under["Group NPS"] == "Group NPS +36 from 238 answers across 2 units"
    assert under["Top themes across units"] == (
        "Late shuttles is the top theme across units: 21 mentions"
    )
    assert under["Group totals"] == "1 of 2 group totals at risk"


# --- what a reader can check on the same page (hostile QA, round 1) ---------------------------


def _nps_blocks(pack: Pack) -> tuple[Figures, Chart]:
    customer_blocks = next(s for s in pack.sections if s.key == "customer").blocks
    figures = next(b for b in customer_blocks if isinstance(b, Figures))
    trend = next(b for b in customer_blocks if isinstance(b, Chart) and b.kind == "trend")
    return figures, trend


def test_a_change_is_the_difference_of_the_two_scores_the_pack_shows(tmp_path):
    # October +4.6 shows as +5, November +4.4 as +4: "down 1", never "unchanged" or "+4 to +4"
    pack = prepare(month(tmp_path, customer(200, 122, 178), customer(200, 123, 177)))
    figures, trend = _nps_blocks(pack)
    assert figures.finding == "NPS +4, down 1 since October: within the margin of error"
    assert trend.finding == "NPS fell from +5 to +4 over two months"
    assert "−1 since October (within the margin of error) ·" in figures.items[0].detail


def test_the_green_sla_caution_names_the_month_it_compares_with(tmp_path):
    ws = tmp_path / "ws"
    september = MEETING.format(period="2026-09", date="2026-09-17")
    write_month(
        ws, {"meeting.yaml": september, "customer.yaml": customer(300, 100, 100)}, "2026-09"
    )
    sla = "slas: [{name: Calls answered, target: 80, actual: 90, unit: '%'}]\n"
    november = month(tmp_path, customer(150, 150, 200), files={"operations.yaml": sla})
    text = " ".join(
        b.text for s in prepare(november).sections for b in s.blocks if hasattr(b, "text")
    )
    assert "NPS fell 50 points since September" in text  # October has no data
    assert "since last month" not in text


def test_a_rise_never_reads_as_zero_percent(tmp_path):
    sla = "slas: [{name: Calls answered, target: 80, actual: 90, unit: '%'}]\n"
    complaints = "complaints: {total: 1001, previous: 1000}\n"
    pack = prepare(
        month(tmp_path, customer(60, 20, 20, complaints), files={"operations.yaml": sla})
    )
    table = block(pack, "operations", "Service levels")
    assert isinstance(table, Table)
    assert "rose 0%" not in table.finding
    assert table.finding == "Every service level is green while complaints rose 0.1%"


def test_every_figure_card_names_the_month_it_compares_with_as_its_finding_does():
    """The sample's cards (NPS, satisfaction, effort, complaints, engagement, pipeline) say
    "since October", as the findings above them do, never "since last month" beside them."""
    pack = prepare(SAMPLE_MONTH)
    cards = [
        (b.finding, f)
        for s in pack.sections
        for b in s.blocks
        if isinstance(b, Figures)
        for f in b.items
        if "since" in f.detail
    ]
    assert {f.label for _, f in cards} == {
        "Net Promoter Score",
        "Customer satisfaction",
        "Customer effort",
        "Complaints",
        "Engagement",
        "Pipeline value",
    }
    for finding, figure in cards:
        assert "since October" in figure.detail and "last month" not in figure.detail
        assert "since October" in finding


def test_a_change_of_one_point_is_singular_and_a_small_margin_never_reads_zero(tmp_path):
    """ "NPS fell 1 point", "That is −1 point since October"; a margin of 0.5 shows as ±0.5,
    not ±0 (whole points round half up)."""
    from agenda.sections.customer import margin_shown
    from agenda.text import say

    assert say("customer.worse_nps_fell_short", points="1") == "NPS fell 1 point"
    assert say("customer.worse_nps_fell_short", points="2") == "NPS fell 2 points"
    headline = say(
        "customer.nps_headline",
        n=5,
        promoters=40,
        passives=40,
        detractors=20,
        score="+20",
        change="−1",
        previous_label="October 2026",
        previous_score="+21",
    )
    assert "That is −1 point since October 2026 (+21)." in headline
    assert [margin_shown(m) for m in (0.5, 0.04, 1.5, 2.5, 7.7)] == ["0.5", "0.1", "2", "3", "8"]


def test_the_range_of_segment_scores_says_when_small_groups_are_left_out(tmp_path):
    """A group of fewer than 30 answers is left out of the "runs from … to …" finding, which
    says so: it never reads as contradicting the table's own small-sample row."""
    from agenda.nps import LOW_N

    rows = ["date,score,segment,channel"]
    rows += [f"2026-11-0{1 + n % 9},{9 if n % 2 else 3},Household,Phone" for n in range(60)]
    rows += [f"2026-11-10,{10 if n < 50 else 0},Business,Email" for n in range(60)]
    rows += ["2026-11-11,10,Landlord,Web"] * 5
    month = write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": "organisation: Acme Water\nperiod: 2026-11\ndate: 2026-11-19\n",
            "customer.yaml": (
                "nps:\n  responses: responses.csv\nnarratives:\n"
                "  - {title: A story, customer: Mrs Jones, story: It happened., channel: Phone}\n"
            ),
            "responses.csv": "\n".join(rows) + "\n",
        },
    )
    pack = prepare(month)
    (table,) = [
        b
        for s in pack.sections
        for b in s.blocks
        if isinstance(b, Table) and b.columns[:2] == ("Group", "Name")
    ]
    assert any(r[1] == "Landlord (small sample)" and r[3] == "+100" for r in table.rows)
    assert table.finding.startswith("NPS runs from ")
    assert table.finding.endswith(f"among groups with {LOW_N} answers or more")


def test_segments_show_their_margins_and_only_real_differences_are_marked():
    """Each segment and channel has its margin of error; only a group whose difference from
    all answers is beyond the margin of the difference is marked (the sample's housing
    associations, −34 against +4); a wide gap in a small group is not."""
    pack = prepare(SAMPLE_MONTH)
    (table,) = [
        b
        for s in pack.sections
        for b in s.blocks
        if isinstance(b, Table) and b.columns[:2] == ("Group", "Name")
    ]
    assert table.columns[4:] == ("Margin", "Against all")
    rows = {r[1]: r for r in table.rows}
    assert rows["Housing association"][3:] == ("−34", "±20", "Lower than all")
    assert rows["Web chat"][3:] == ("+19", "±20", "–")  # 15 above all, within ±22
    assert [r[1] for r in table.rows if r[5] != "–"] == ["Housing association"]
    assert all(r[4].startswith("±") for r in table.rows)
    nps = next(b for b in pack.sections[0].blocks if isinstance(b, Figures)).items[0]
    assert "−8 since October (within the margin of error)" in nps.detail
