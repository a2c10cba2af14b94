"""Department briefs (issue 14): ``agenda brief MONTH --section KEY`` and ``--all``.

Each brief is read back as a reader sees it: its headings in order, its customer results before
its own figures, what improved before what did not, its service levels with their status, its
decision paper, the questions the meeting will ask it, and its actions. A Chatham House guest
written into the data is never named in it; bad input writes nothing.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE, docx_items, headings, section_items
from docx import Document

from agenda.cli import cli

STEM = "northwind-utilities-2026-11"
GUEST_WORDS = ("Janet", "Pryce", "Pennine")


def _run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _with_guest_named(month: Path) -> None:
    """The sample month with its protected guest (Janet Pryce, Pennine Vale Housing) written
    into text an Operations brief shows: a verbatim on an Operations theme, an improvement."""
    customer = month / "customer.yaml"
    text = customer.read_text("utf-8")
    text = text.replace(
        "verbatims:\n",
        "verbatims:\n"
        '  - text: "Janet Pryce of Pennine Vale Housing said the engineer was excellent."\n'
        "    score: 10\n"
        "    channel: Field visit\n"
        "    segment: Housing association\n"
        "    theme: Smart meter installs\n",
        1,
    )
    customer.write_text(text, "utf-8")
    operations = month / "operations.yaml"
    operations.write_text(
        operations.read_text("utf-8")
        + "  - Janet Pryce asked us to visit the void properties first\n",
        "utf-8",
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("briefs") / "northwind"
    shutil.copytree(SAMPLE, root)
    _with_guest_named(root / "2026-11")
    # the workspace's look, as build reads it: the brief must wear it too
    (root / "agenda.yaml").write_text(
        'theme: {template: harbour, colours: {accent: "1B3A5C"}}\n', "utf-8"
    )
    return root


@pytest.fixture(scope="module")
def operations(workspace: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = _run("brief", workspace / "2026-11", "--section", "operations", "--out", out)
    assert result.exit_code == 0, result.output
    path = out / f"{STEM}-operations-brief.docx"
    assert [p.name for p in out.iterdir()] == [path.name]
    return path


def _all_text(path: Path) -> str:
    """Every XML part of a .docx, properties and footer included."""
    with zipfile.ZipFile(path) as z:
        return " ".join(
            z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
        )


def test_the_operations_brief_opens_with_customer_results_before_its_figures(operations):
    assert headings(operations) == [
        "What customers say",
        "Operations this month",
        "What the meeting will ask you",
        "The decision you ask the meeting for",
        "Your actions",
    ]
    items = docx_items(operations)
    assert items[0].text == "" or items[0].style != "Heading 1"
    assert any(i.style == "Title" and i.text == "Operations brief" for i in items)
    first_table = next(n for n, i in enumerate(items) if i.kind == "table")
    results = next(n for n, i in enumerate(items) if i.text == "What customers say")
    assert results < first_table


def test_what_improved_is_listed_first_with_the_slas_that_measure_it(operations):
    said = section_items(operations, "What customers say")
    texts = [i.text for i in said]
    assert texts[0].startswith("6 customer themes are tied to the work of Operations")
    assert "NPS +4, down 8 since October: within the margin of error" in texts
    improved = texts.index("What improved")
    still = texts.index("What customers still ask us to improve")
    assert improved < still
    fell = texts[improved:still]
    rose = texts[still:]
    assert any(t.startswith("Smart meter installs: 28 mentions, down 5") for t in fell)
    assert any(t.startswith("Getting through on the phone: 15 mentions, down 3") for t in fell)
    assert any(t.startswith("Billing accuracy: 109 mentions, up 27") for t in rose)
    # each theme with the service levels linked to it, and their computed status
    assert "Smart meter appointments kept: 94.2% against 92% · On track" in fell
    assert "Complaints closed within 8 weeks: 96.5% against 95% · On track" in rose
    # praise first: the improved theme's quote is the engineer's praise
    smart = fell.index(next(t for t in fell if t.startswith("Smart meter installs")))
    assert "engineer" in fell[smart + 2]


def test_its_own_figures_are_the_packs_service_levels_with_status(operations):
    figures = section_items(operations, "Operations this month")
    tables = [i.text for i in figures if i.kind == "table"]
    assert tables[0].startswith("Service level | Target | Actual | Better | Status")
    for name in ("Calls answered within 60 seconds", "App and website availability"):
        assert name in tables[0]
    assert tables[0].count("On track") == 12
    texts = [i.text for i in figures]
    assert "Every service level is green while complaints rose 19%" in texts
    assert "Improvements under way" in texts


def test_the_questions_the_meeting_will_ask_and_the_decision_paper(operations):
    asked = [i.text for i in section_items(operations, "What the meeting will ask you")]
    assert asked[0] == "Do our service levels measure “Billing accuracy” the way customers feel it?"
    assert "Slot 3: 10:30–10:50 (20 min), led by Gareth Lloyd, for decision." in asked
    assert "If every service level is green, why are customers telling us otherwise?" in asked
    paper = [i.text for i in section_items(operations, "The decision you ask the meeting for")]
    assert paper[0] == (
        'Decide: Add a "bill right first time" measure to the operations SLAs from January'
    )
    assert "Gareth Lloyd asks the meeting to decide by Thursday 17 December 2026." in paper


def test_its_actions_are_its_own_with_overdue_flagged(operations):
    actions = section_items(operations, "Your actions")
    assert actions[0].text == "1 open, 1 blocked, 1 overdue; 0 closed since the last meeting."
    table = next(i.text for i in actions if i.kind == "table")
    assert "A-103" in table and "Open · overdue by 6 days" in table
    assert "A-106" in table and "Blocked" in table
    assert "A-108" not in table  # the Customer section's


def test_a_chatham_house_guest_is_never_named_in_a_brief(operations, workspace, tmp_path):
    text = _all_text(operations)
    assert not [w for w in GUEST_WORDS if w in text]
    assert "A customer guest asked us to visit the void properties first" in text
    result = _run("brief", workspace / "2026-11", "--all", "--out", tmp_path / "all")
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "all").iterdir():
        assert not [w for w in GUEST_WORDS if w in _all_text(path)], path.name


def test_all_writes_one_brief_per_section_with_data_and_reports_the_rest(workspace, tmp_path):
    month = tmp_path / "ws" / "2026-11"
    shutil.copytree(workspace / "2026-11", month)
    (month / "marketing.yaml").unlink()
    result = _run("brief", month, "--all", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(
        f"{STEM}-{key}-brief.docx"
        for key in ("customer", "employees", "operations", "sales", "finance")
    )
    assert "no brief for Marketing: no data this month" in result.output


def test_a_brief_with_no_tied_theme_shows_customers_top_themes(workspace, tmp_path):
    result = _run("brief", workspace / "2026-11", "--section", "marketing", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    said = [
        i.text
        for i in section_items(tmp_path / f"{STEM}-marketing-brief.docx", "What customers say")
    ]
    assert said[0].startswith("No customer theme is tied to the work of Marketing this month")
    assert any(t.startswith("Billing accuracy: 109 mentions") for t in said)
    assert any(t.startswith("Time to resolve complaints: 77 mentions") for t in said)


def test_a_brief_has_the_workspaces_look_and_properties(operations):
    doc = Document(str(operations))
    accent = doc.styles["Heading 1"].font.color.rgb
    assert str(accent) == "1B3A5C"  # the workspace's agenda.yaml's accent
    assert doc.core_properties.author == "Northwind Utilities"
    assert doc.core_properties.subject == "Leadership brief, November 2026"
    footer = doc.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Confidential · Northwind Utilities · November 2026")


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("--section", "opperations"), 2, "did you mean 'operations'?"),
        ((), 2, "name a department with --section KEY"),
        (("--section", "sales", "--all"), 2, "not both"),
    ],
)
def test_a_bad_request_is_refused_and_writes_nothing(workspace, tmp_path, args, code, said):
    out = tmp_path / "out"
    result = _run("brief", workspace / "2026-11", *args, "--out", out)
    assert result.exit_code == code
    assert said in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_section_without_data_is_refused_at_its_file(workspace, tmp_path):
    month = tmp_path / "ws" / "2026-11"
    shutil.copytree(workspace / "2026-11", month)
    (month / "marketing.yaml").unlink()
    out = tmp_path / "out"
    result = _run("brief", month, "--section", "operations", "--section", "marketing", "--out", out)
    assert result.exit_code == 65
    assert "2026-11/marketing.yaml: error: no marketing data this month" in result.output
    assert not out.exists()  # not even the operations brief


def test_a_section_without_data_but_with_a_decision_or_actions_still_gets_its_brief(
    workspace, tmp_path
):
    month = tmp_path / "ws" / "2026-11"
    shutil.copytree(workspace / "2026-11", month)
    (month / "finance.yaml").unlink()  # Finance still has its decision paper and A-110
    out = tmp_path / "out"
    result = _run("brief", month, "--section", "finance", "--out", out)
    assert result.exit_code == 0, result.output
    (written,) = out.glob("*-finance-brief.docx")
    text = "\n".join(p.text for p in Document(str(written)).paragraphs)
    assert "Fund a dedicated billing-correction team" in text


def test_broken_data_is_refused_at_its_place_and_writes_nothing(workspace, tmp_path):
    month = tmp_path / "ws" / "2026-11"
    shutil.copytree(workspace / "2026-11", month)
    (month / "operations.yaml").write_text("slas:\n  - name: Calls\n    target: high\n", "utf-8")
    out = tmp_path / "out"
    result = _run("brief", month, "--section", "operations", "--out", out)
    assert result.exit_code == 65
    assert "2026-11/operations.yaml:3:" in result.output
    assert not out.exists()


def test_every_sample_brief_and_the_recap_fit_their_pages(workspace, tmp_path):
    """One to three pages a brief, one to two the recap, as LibreOffice lays them out."""
    from pypdf import PdfReader

    from agenda.errors import RenderError
    from packs.pdf import find_office, to_pdf

    try:
        find_office()
    except RenderError:
        pytest.skip("LibreOffice is not installed")
    month = tmp_path / "ws" / "2026-11"
    shutil.copytree(workspace / "2026-11", month)
    (month / "outcomes.yaml").write_text(
        "decisions:\n  - {title: Fund the team, section: finance, owner: Rachel Adeyemi}\n"
        "actions:\n  - {id: A-120, title: Recruit the team, owner: Rachel Adeyemi,"
        " due: 2026-12-04, status: open, section: finance}\n"
        "notes: {customer: The room named an owner for refund speed.}\n",
        "utf-8",
    )
    out = tmp_path / "out"
    assert _run("brief", month, "--all", "--out", out).exit_code == 0
    assert _run("recap", month, "--out", out).exit_code == 0
    pages = {}
    for path in sorted(out.glob("*.docx")):
        pdf = tmp_path / f"{path.stem}.pdf"
        to_pdf(path, pdf)
        pages[path.stem.removeprefix(f"{STEM}-")] = len(PdfReader(pdf).pages)
    assert len(pages) == 7
    assert {k: n for k, n in pages.items() if not 1 <= n <= (2 if k == "recap" else 3)} == {}
