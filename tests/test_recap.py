"""The recap after the meeting (issue 14): ``agenda recap MONTH`` from the month's outcomes.yaml.

The Word document and the Markdown e-mail body are read back: decisions, new and changed
actions grouped by owner with due dates, the per-section cascade, overdue actions still open
once the outcomes are applied, and the next meeting. Markdown is parsed as a mail client would
(CommonMark, markdown-it-py) to prove data text never turns into markup. A protected guest is
never named; bad input writes nothing.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE, docx_items, headings, section_items
from markdown_it import MarkdownIt

from agenda.cli import cli

STEM = "northwind-utilities-2026-11-recap"
GUEST_WORDS = ("Janet", "Pryce", "Pennine")

OUTCOMES = """\
decisions:
  - title: Add a "bill right first time" measure to the operations SLAs from January
    section: operations
    owner: Gareth Lloyd
    actions: [A-111]
  - title: "2. Fund the *billing* team_now [for all](https://x.example) <b>regions</b>"
    section: finance
    owner: Rachel Adeyemi
    actions: [A-112]
actions:
  - id: A-111
    title: Baseline the bill right first time measure from December's bills
    owner: Gareth Lloyd
    due: 2026-12-15
    status: open
    section: operations
  - id: A-112
    title: "# Recruit six billing specialists | 2 teams"
    owner: Rachel Adeyemi
    due: 2026-12-04
    status: open
    section: finance
  - id: A-106
    title: Change the billing system's estimation rule so a non-communicating smart meter triggers a read request, not an estimate
    owner: Mark Bennett
    due: 2026-12-18
    status: blocked
    section: operations
  - id: A-109
    title: Brief the sales team on the void-property billing feedback before the Calder Homes presentation
    owner: Daniel Whitaker
    due: 2026-11-12
    status: open
    section: sales
notes:
  customer: "- Janet Pryce asked who owns refund speed; Priya Shah takes it. Call 07700 900461."
  finance: Approved the £180k team; review spend in January.
"""


def _run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def month(tmp_path: Path) -> Path:
    """A private copy of the sample workspace; its November month, without outcomes yet."""
    root = tmp_path / "northwind"
    shutil.copytree(SAMPLE, root)
    return root / "2026-11"


@pytest.fixture(scope="module")
def recap(tmp_path_factory) -> tuple[Path, Path, str]:
    root = tmp_path_factory.mktemp("recap") / "northwind"
    shutil.copytree(SAMPLE, root)
    (root / "2026-11" / "outcomes.yaml").write_text(OUTCOMES, "utf-8")
    out = root.parent / "out"
    result = _run("recap", root / "2026-11", "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"{STEM}.docx", f"{STEM}.md"]
    return out / f"{STEM}.docx", out / f"{STEM}.md", result.output


def test_the_recap_is_in_its_order(recap):
    docx, _, _ = recap
    assert headings(docx) == [
        "Decisions taken",
        "New and changed actions, by owner",
        "What each department takes away",
        "Overdue actions still open",
        "Next meeting",
    ]
    assert any(i.style == "Title" and i.text == "Meeting recap" for i in docx_items(docx))


def test_it_lists_the_decisions_taken(recap):
    texts = [i.text for i in section_items(recap[0], "Decisions taken")]
    assert texts[0] == "The meeting took 2 decisions."
    assert texts[1] == (
        'Add a "bill right first time" measure to the operations SLAs from January '
        "(Operations; owner Gareth Lloyd; carried out by A-111)"
    )


def test_actions_are_grouped_by_owner_with_due_dates_new_or_changed(recap):
    items = section_items(recap[0], "New and changed actions, by owner")
    assert items[0].text == "2 new actions, 2 changed actions."
    owners = [i.text for i in items if i.style == "Heading 2"]
    assert owners == ["Daniel Whitaker", "Gareth Lloyd", "Mark Bennett", "Rachel Adeyemi"]
    texts = [i.text for i in items]
    mark = texts.index("Mark Bennett")
    assert texts[mark + 1] == (
        "A-106 Change the billing system's estimation rule so a non-communicating smart meter "
        "triggers a read request, not an estimate · due 18 Dec 2026 · Operations · "
        "due moved from 27 Nov 2026"
    )
    gareth = texts.index("Gareth Lloyd")
    assert texts[gareth + 1].startswith("A-111 Baseline the bill right first time measure")
    assert texts[gareth + 1].endswith("· due 15 Dec 2026 · Operations · new")


def test_each_department_takes_away_its_decisions_actions_and_notes(recap):
    items = section_items(recap[0], "What each department takes away")
    texts = [i.text for i in items]
    sections = [i.text for i in items if i.style == "Heading 2"]
    assert sections == ["Customer", "Operations", "Sales", "Finance"]
    finance = texts[texts.index("Finance") + 1 :]
    assert finance[0] == "Noted: Approved the £180k team; review spend in January."
    assert finance[1].startswith("Decided: 2. Fund the *billing* team_now")
    assert finance[2].startswith("A-112 # Recruit six billing specialists | 2 teams (Rachel")
    assert texts[-1] == "Nothing recorded for Employees and Marketing."


def test_overdue_actions_still_open_after_the_meetings_changes(recap):
    texts = [i.text for i in section_items(recap[0], "Overdue actions still open")]
    assert texts[0] == "2 actions are overdue and still open after this meeting."
    assert texts[1].startswith("A-103 Add a")  # left as it was: still 6 days overdue
    assert texts[1].endswith("· Gareth Lloyd · due 13 Nov 2026 · Overdue by 6 days")
    assert texts[2].startswith("A-109 Brief the sales team")  # changed, due before the meeting
    assert texts[2].endswith("· due 12 Nov 2026 · Overdue by 7 days")
    assert not any(t.startswith("A-106") for t in texts)  # moved to December


def test_the_next_meeting_is_the_same_weekday_to_be_confirmed(recap):
    texts = [i.text for i in section_items(recap[0], "Next meeting")]
    assert texts == [
        "The next meeting is expected on Thursday 17 December 2026, the same weekday of the "
        "month as this one; the date is to be confirmed."
    ]
    assert "Next meeting: 17 Dec 2026 is assumed" in recap[2]


def test_the_next_meeting_set_in_outcomes_is_said(month, tmp_path):
    (month / "outcomes.yaml").write_text(OUTCOMES + "next_meeting: 2026-12-10\n", "utf-8")
    result = _run("recap", month, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    md = (tmp_path / "out" / f"{STEM}.md").read_text("utf-8")
    assert "The next meeting is on Thursday 10 December 2026." in md
    assert "is assumed" not in result.output


def test_a_protected_guest_is_never_named_and_personal_data_stays_masked(recap):
    docx, md, _ = recap
    with zipfile.ZipFile(docx) as z:
        xml = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    for text in (xml, md.read_text("utf-8")):
        assert not [w for w in GUEST_WORDS if w in text]
        assert "07700" not in text
        assert "phone number removed" in text
        assert "a customer guest asked who owns refund speed" in text


def test_markdown_shows_data_text_as_typed_never_as_markup(recap):
    source = recap[1].read_text("utf-8")
    tokens = MarkdownIt("commonmark").parse(source)
    inline = [t for t in tokens if t.type == "inline"]
    texts = ["".join(c.content for c in t.children or () if c.type == "text") for t in inline]
    # the data's markup characters arrive as text: no emphasis, link, HTML or heading from them
    assert any(
        t.startswith("2. Fund the *billing* team_now [for all](https://x.example) <b>regions</b>")
        for t in texts
    )
    assert any("A-112 # Recruit six billing specialists | 2 teams" in t for t in texts)
    assert any(t.startswith("Noted: - a customer guest asked") for t in texts)
    children = {c.type for t in inline for c in t.children or ()}
    assert not children & {"link_open", "html_inline"}

    def marked(kind: str) -> list[str]:
        return [
            "".join(c.content for c in t.children or () if c.type == "text")
            for t in inline
            if any(c.type == kind for c in t.children or ())
        ]

    # the only emphasis is the confidentiality line, the only bold the parts' leads
    assert [e[:13] for e in marked("em_open")] == ["Confidential:"]
    assert marked("strong_open") == [
        "The meeting took 2 decisions.",
        "2 new actions, 2 changed actions.",
        "2 actions are overdue and still open after this meeting.",
    ]
    assert not [t for t in tokens if t.type == "ordered_list_open"]
    heads = [tokens[n + 1].content for n, t in enumerate(tokens) if t.type == "heading_open"]
    assert heads[:3] == ["Meeting recap", "Decisions taken", "New and changed actions, by owner"]
    assert not [h for h in heads if "Recruit" in h or "Fund" in h]


def test_no_outcomes_yaml_is_refused_at_its_place(month, tmp_path):
    out = tmp_path / "out"
    result = _run("recap", month, "--out", out)
    assert result.exit_code == 65
    assert "2026-11/outcomes.yaml: error: no outcomes.yaml in this month" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_an_outcomes_yaml_that_records_nothing_is_refused(month, tmp_path):
    (month / "outcomes.yaml").write_text("# what the meeting decided\n", "utf-8")
    result = _run("recap", month, "--out", tmp_path / "out")
    assert result.exit_code == 65
    assert "outcomes.yaml: error: records nothing yet" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        ("decisons: []\n", "outcomes.yaml:1:1", "did you mean 'decisions'"),
        (
            "actions:\n  - {id: A-1, title: T, owner: O, due: 2026-13-01, status: open,"
            " section: sales}\n",
            "outcomes.yaml:2:",
            "due",
        ),
        ("next_meeting: 2026-11-02\n", "outcomes.yaml:1:", "not after this meeting"),
        ("decisions:\n  - {title: T, section: legal}\n", "outcomes.yaml:2:", "section"),
    ],
)
def test_a_broken_outcomes_yaml_is_refused_at_its_line(month, tmp_path, text, where, said):
    (month / "outcomes.yaml").write_text(text, "utf-8")
    out = tmp_path / "out"
    result = _run("recap", month, "--out", out)
    assert result.exit_code == 65, result.output
    assert where in result.output and said in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_an_owner_naming_a_protected_guest_is_refused(month, tmp_path):
    (month / "outcomes.yaml").write_text(
        "actions:\n  - {id: A-1, title: T, owner: Janet Pryce, due: 2026-12-01, status: open,"
        " section: sales}\n",
        "utf-8",
    )
    result = _run("recap", month, "--out", tmp_path / "out")
    assert result.exit_code == 65
    assert "outcomes.yaml:2:" in result.output
    assert not (tmp_path / "out").exists()
