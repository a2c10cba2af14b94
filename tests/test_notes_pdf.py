"""`agenda build --notes-pdf`: the facilitator's print, each slide above its speaker notes.

The real conversion runs where LibreOffice is installed (CI installs it); the refusals run
everywhere, with LibreOffice hidden or made to look too old.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pytest
from conftest import SAMPLE_MONTH
from pptx import Presentation

import packs.pdf

STEM = "northwind-utilities-2026-11-leadership-pack"

needs_office = pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftotext") is None)
    and not os.environ.get("CI"),
    reason="LibreOffice or pdftotext (poppler-utils) is not installed here (CI runs this test)",
)


def test_without_libreoffice_the_build_names_the_package_and_writes_nothing(
    tmp_path, run_cli, monkeypatch
):
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "out"
    result = run_cli("build", SAMPLE_MONTH, "--out", out, "--notes-pdf")
    assert result.exit_code == 73
    assert "libreoffice-writer-nogui" in result.stderr and "--notes-pdf" in result.stderr
    assert not out.exists()


def test_a_libreoffice_too_old_for_notes_pages_is_refused_before_any_work(
    tmp_path, run_cli, monkeypatch
):
    monkeypatch.setattr(packs.pdf, "find_office", lambda: "soffice")
    monkeypatch.setattr(packs.pdf, "office_version", lambda office: (7, 3))
    out = tmp_path / "out"
    result = run_cli("build", SAMPLE_MONTH, "--out", out, "--notes-pdf")
    assert result.exit_code == 73
    assert "needs LibreOffice 7.4 or newer (this is 7.3)" in result.stderr
    assert not out.exists()


def test_the_version_is_read_from_what_libreoffice_says(monkeypatch):
    said = "LibreOffice 7.4.7.2 40(Build:2)\n"
    monkeypatch.setattr(
        packs.pdf.subprocess,
        "run",
        lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=said, stderr=""),
    )
    packs.pdf.office_version.cache_clear()
    try:
        assert packs.pdf.office_version("/x/soffice") == (7, 4)
        packs.pdf.check_notes("/x/soffice")  # new enough: no error
    finally:
        packs.pdf.office_version.cache_clear()


def test_the_filter_asks_for_notes_pages_alone():
    """The JSON form of the filter options (LibreOffice 7.4+), one argument, no spaces."""
    kind, _, options = packs.pdf.NOTES_FILTER.partition(":impress_pdf_Export:")
    assert kind == "pdf" and " " not in options
    assert '"ExportNotesPages":{"type":"boolean","value":"true"}' in options
    assert '"ExportOnlyNotesPages":{"type":"boolean","value":"true"}' in options


@needs_office
def test_notes_pages_for_real_every_slide_with_all_its_notes(tmp_path, run_cli):
    from pypdf import PdfReader

    out = tmp_path / "out"
    result = run_cli("build", SAMPLE_MONTH, "--out", out, "--notes-pdf")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        f"{STEM}-notes.pdf",
        f"{STEM}.docx",
        f"{STEM}.pptx",
    ]
    deck = Presentation(str(out / f"{STEM}.pptx"))
    notes_pdf = out / f"{STEM}-notes.pdf"
    reader = PdfReader(io.BytesIO(notes_pdf.read_bytes()))
    assert len(reader.pages) == len(deck.slides)
    box = reader.pages[0].mediabox
    assert box.height > box.width  # a notes page is portrait; the slides are landscape
    text = subprocess.run(
        ["pdftotext", str(notes_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")

    def squeezed(words: str) -> str:
        return re.sub(r"\s+", "", words)

    for number, slide in enumerate(deck.slides, 1):
        page = squeezed(pages[number - 1])
        # the slide itself, drawn above its notes
        assert squeezed(slide.shapes.title.text)[:30] in page, number
        # every paragraph of its notes, the last one too: none runs off the foot of the page
        notes = slide.notes_slide.notes_text_frame.text.splitlines()
        paragraphs = [p for p in notes if p.strip()]
        assert paragraphs, number
        missing = [p for p in paragraphs if squeezed(p) not in page]
        assert not missing, (number, missing)


@needs_office
def test_notes_pdf_and_pdf_together(tmp_path, run_cli):
    out = tmp_path / "out"
    result = run_cli("build", SAMPLE_MONTH, "--out", out, "--pdf", "--notes-pdf")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        f"{STEM}-docx.pdf",
        f"{STEM}-notes.pdf",
        f"{STEM}-pptx.pdf",
        f"{STEM}.docx",
        f"{STEM}.pptx",
    ]
    # the deck's own PDF is still the slides alone, landscape
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO((out / f"{STEM}-pptx.pdf").read_bytes())).pages[0].mediabox
    assert box.width > box.height
