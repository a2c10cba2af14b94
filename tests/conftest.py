"""Shared fixtures: the sample workspace, small month folders, and readers for built files."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from pptx import Presentation

from agenda.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "northwind"
SAMPLE_MONTH = SAMPLE / "2026-11"

MEETING = """\
organisation: Acme Water
period: 2026-11
date: 2026-11-19
start: "09:00"
chair: Jo Chair
"""

#: MEETING with every slot's lead named: for tests that count warnings (a slot with no named
#: lead is a warning of its own).
MEETING_LED = MEETING + (
    "leads: {customer: Ann Lee, employees: Ben Ode, operations: Cy Park, marketing: Di Ross,"
    " sales: Ed Vale, finance: Flo Wu, actions: Jo Chair}\n"
)

CUSTOMER = """\
nps:
  counts: {promoters: 50, passives: 30, detractors: 20}
narratives:
  - title: Three weeks for a refund
    customer: Mrs Jones
    story: She waited three weeks for a refund and called four times.
    channel: Phone
    segment: Household
verbatims:
  - text: Quick and friendly.
    score: 10
    channel: Email
"""


def write_month(root: Path, files: dict[str, str], name: str = "2026-11") -> Path:
    """Create a month folder under ``root`` holding ``files`` (dedented)."""
    month = root / name
    month.mkdir(parents=True, exist_ok=True)
    for file_name, text in files.items():
        (month / file_name).write_text(textwrap.dedent(text), encoding="utf-8")
    return month


@pytest.fixture(autouse=True)
def _run_in_tmp(tmp_path, monkeypatch):
    """Run each test from its own folder, as a user runs the tool from their workspace: problems
    then show paths relative to it (``ws/2026-11/customer.yaml:3:5: error: ...``)."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def minimal_month(tmp_path: Path) -> Path:
    """A month folder with only the two required files."""
    return write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER})


@pytest.fixture
def run_cli():
    """Invoke the CLI in-process and return the result (stdout and stderr kept apart)."""

    def run(*args: str):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return run


@dataclass
class Built:
    docx: Path
    pptx: Path


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory) -> Path:
    """A private copy of the sample workspace, so tests may alter it freely."""
    target = tmp_path_factory.mktemp("sample") / "northwind"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory) -> Built:
    """The sample November pack, built once through the CLI."""
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["build", str(SAMPLE_MONTH), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return Built(
        out / "northwind-utilities-2026-11-leadership-pack.docx",
        out / "northwind-utilities-2026-11-leadership-pack.pptx",
    )


# --- readers: what a person sees in the files --------------------------------------------


@dataclass
class Item:
    """One body element of a Word document, in reading order."""

    kind: str  # "p" or "table"
    style: str
    text: str
    header_repeats: bool = False


def docx_items(path: Path) -> list[Item]:
    """Paragraphs and tables of a .docx in document order."""
    doc = Document(str(path))
    styles = {s.style_id: s.name for s in doc.styles}
    items = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            style_el = child.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            style = styles.get(style_el.get(qn("w:val")), "") if style_el is not None else "Normal"
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            items.append(Item("p", style, text))
        elif child.tag == qn("w:tbl"):
            first_row = child.find(qn("w:tr"))
            header = (
                first_row is not None
                and first_row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
            )
            text = " | ".join(
                "".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in child.iter(qn("w:tc"))
            )
            items.append(Item("table", "", text, header))
    return items


def headings(path: Path, level: int = 1) -> list[str]:
    """Texts of the document's headings at ``level``."""
    return [i.text for i in docx_items(path) if i.style == f"Heading {level}"]


def section_items(path: Path, title: str) -> list[Item]:
    """Everything between the Heading 1 ``title`` and the next Heading 1."""
    items = docx_items(path)
    start = next(n for n, i in enumerate(items) if i.style == "Heading 1" and i.text == title)
    end = next(
        (n for n in range(start + 1, len(items)) if items[n].style == "Heading 1"), len(items)
    )
    return items[start + 1 : end]


@dataclass
class SlideView:
    title: str
    texts: list[str]
    notes: str
    has_table: bool
    has_chart: bool
    has_picture: bool
    layout: str
    empty_placeholders: int
    kicker: str = ""  #: the section named small above the title ("Customer"), if any


def slides(path: Path) -> list[SlideView]:
    """What each slide shows: its title, text, notes and kinds of content."""
    prs = Presentation(str(path))
    views = []
    for slide in prs.slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        for shape in slide.shapes:
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        empty = sum(
            1 for ph in slide.placeholders if ph.has_text_frame and not ph.text_frame.text.strip()
        )
        kicker = next((s.text_frame.text for s in slide.shapes if s.name == "Section"), "")
        views.append(
            SlideView(
                title,
                texts,
                notes,
                any(s.has_table for s in slide.shapes),
                any(s.has_chart for s in slide.shapes),
                any(s.shape_type == 13 for s in slide.shapes),
                slide.slide_layout.name,
                empty,
                kicker,
            )
        )
    return views
