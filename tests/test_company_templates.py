"""Ready for a real company: its own templates and theme, slides that never overflow,
accessible output, PDFs, and document properties."""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil
import zipfile

import pytest
from conftest import CUSTOMER, MEETING, SAMPLE, docx_items, slides, write_month
from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from agenda.resources import templates
from packs.theme import Palette


def _workspace(tmp_path, config: str | None = None, **extra: str):
    month = write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, **extra}
    )
    if config is not None:
        (tmp_path / "ws" / "agenda.yaml").write_text(config)
    return month


def _built(tmp_path, run_cli, month, *args):
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out, *args)
    return (
        result,
        out / "acme-water-2026-11-leadership-pack.docx",
        out / "acme-water-2026-11-leadership-pack.pptx",
    )


def _brand(tmp_path, *, drop_layout: str | None = None, drop_style: str | None = None):
    brand = tmp_path / "brand"
    brand.mkdir()
    prs = Presentation(str(templates() / "base.pptx"))
    if drop_layout:
        layout = next(lay for lay in prs.slide_layouts if lay.name == drop_layout)
        layout._element.cSld.set("name", "Company Divider")
    prs.save(str(brand / "base.pptx"))
    doc = Document(str(templates() / "base.docx"))
    if drop_style:
        style = doc.styles[drop_style]
        style._element.getparent().remove(style._element)
    doc.save(str(brand / "base.docx"))
    return brand


def test_a_template_missing_a_layout_is_refused_naming_what_is_there(tmp_path, run_cli):
    brand = _brand(tmp_path, drop_layout="Section Header")
    month = _workspace(tmp_path, "theme:\n  template: ../brand\n")
    result, docx, _ = _built(tmp_path, run_cli, month)
    assert result.exit_code == 66
    line = result.stderr.strip()
    assert line.startswith(
        "Template error: base.pptx of theme 'brand' lacks slide layout(s) 'Section Header'"
    )
    assert "it has: 'Title Slide', 'Title and Content', 'Company Divider'" in line
    assert not docx.parent.exists()
    assert brand.exists()


def test_a_reference_document_missing_a_style_is_refused(tmp_path, run_cli):
    _brand(tmp_path, drop_style="Quote")
    month = _workspace(tmp_path)
    result, _, _ = _built(tmp_path, run_cli, month, "--template", tmp_path / "brand")
    assert result.exit_code == 66
    assert "base.docx of theme 'brand' lacks style(s) 'Quote'; it has: 'Normal'" in result.stderr


def test_validate_also_checks_the_theme(tmp_path, run_cli):
    month = _workspace(tmp_path, "theme:\n  template: nowhere\n")
    result = run_cli("validate", month)
    assert result.exit_code == 66
    assert (
        "theme 'nowhere' is neither a shipped theme (default, harbour) nor a folder"
        in result.stderr
    )


def test_the_harbour_theme_drives_layouts_fonts_and_colours(tmp_path, run_cli):
    month = _workspace(tmp_path, "theme:\n  template: harbour\n")
    result, docx, pptx = _built(tmp_path, run_cli, month)
    assert result.exit_code == 0, result.output
    prs = Presentation(str(pptx))
    title_layout = prs.slides[0].slide_layout
    assert str(title_layout.background.fill.fore_color.rgb) == "1B3A5C"
    table = next(s for s in prs.slides[1].shapes if s.has_table).table
    assert str(table.cell(0, 0).fill.fore_color.rgb) == "1B3A5C"
    doc = Document(str(docx))
    assert doc.styles["Heading 1"].font.name == "Georgia"


def test_workspace_colours_fonts_and_logo_reach_both_files(tmp_path, run_cli):
    month = _workspace(
        tmp_path,
        "theme:\n  colours: {accent: '#7A1F2B'}\n  fonts: {heading: Georgia}\n  logo: brand/logo.png\n",
    )
    (tmp_path / "ws" / "brand").mkdir()
    Image.new("RGB", (300, 100), (122, 31, 43)).save(tmp_path / "ws" / "brand" / "logo.png")
    result, docx, pptx = _built(tmp_path, run_cli, month)
    assert result.exit_code == 0, result.output
    prs = Presentation(str(pptx))
    logo = next(s for s in prs.slides[0].shapes if s.shape_type == 13)
    assert logo._element.nvPicPr.cNvPr.get("descr") == "Acme Water logo"
    table = next(s for s in prs.slides[1].shapes if s.has_table).table
    assert str(table.cell(0, 0).fill.fore_color.rgb) == "7A1F2B"
    with zipfile.ZipFile(docx) as z:
        document = z.read("word/document.xml").decode()
    assert 'descr="Acme Water logo"' in document
    assert 'w:fill="7A1F2B"' in document
    assert Document(str(docx)).styles["Heading 1"].font.name == "Georgia"


def _title_runs(pptx):
    """Each slide's layout name, whether its background is dark, and its title's runs."""
    from packs.pptx_writer import _dark

    prs = Presentation(str(pptx))
    for slide in prs.slides:
        runs = [r for p in slide.shapes.title.text_frame.paragraphs for r in p.runs]
        yield slide.slide_layout.name, _dark(slide), runs


def test_the_brand_reaches_every_slide_title_and_the_word_headings(tmp_path, run_cli):
    month = _workspace(
        tmp_path, "theme:\n  colours: {accent: '#7A1F2B'}\n  fonts: {heading: Georgia}\n"
    )
    result, docx, pptx = _built(tmp_path, run_cli, month)
    assert result.exit_code == 0, result.output
    layouts = set()
    for layout, dark, runs in _title_runs(pptx):
        layouts.add(layout)
        assert runs, layout
        for run in runs:  # the title slide, dividers and every content slide alike
            assert run.font.name == "Georgia", (layout, run.text)
            assert str(run.font.color.rgb) == ("FFFFFF" if dark else "7A1F2B"), (layout, run.text)
    assert {"Title Slide", "Section Header", "Title Only"} <= layouts
    styles = Document(str(docx)).styles
    for name in ("Title", "Heading 1", "Heading 2"):
        assert str(styles[name].font.color.rgb) == "7A1F2B", name
        fonts = styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:ascii")) == "Georgia", name
        assert fonts.get(qn("w:asciiTheme")) is None, name  # a theme font would win over it


def test_without_brand_colours_the_template_keeps_its_own_title_colours(tmp_path, run_cli):
    result, docx, pptx = _built(tmp_path, run_cli, _workspace(tmp_path))
    assert result.exit_code == 0, result.output
    for layout, _, runs in _title_runs(pptx):
        assert all(run.font.color.type is None for run in runs), layout
    assert Document(str(docx)).styles["Heading 1"].font.color.rgb == RGBColor(0x0F, 0x5E, 0x6B)


@pytest.mark.parametrize("logo", ["../outside.png", "/etc/passwd", "missing.png"])
def test_a_logo_must_be_an_image_inside_the_workspace(tmp_path, run_cli, logo):
    month = _workspace(tmp_path, f"theme:\n  logo: {logo}\n")
    result, _, _ = _built(tmp_path, run_cli, month)
    assert result.exit_code == 65
    assert result.stderr.startswith("ws/agenda.yaml:2:9: error: theme.logo:")


def test_templates_command_writes_editable_defaults_and_they_build(tmp_path, run_cli):
    target = tmp_path / "designer"
    result = run_cli("templates", target)
    assert result.exit_code == 0
    assert sorted(p.name for p in target.iterdir()) == ["base.docx", "base.pptx", "theme.yaml"]
    (target / "theme.yaml").write_text("colours: {accent: '224466'}\n")
    again = run_cli("templates", target)
    assert (
        "kept" in again.output
        and (target / "theme.yaml").read_text() == "colours: {accent: '224466'}\n"
    )
    month = _workspace(tmp_path)
    built, _, pptx = _built(tmp_path, run_cli, month, "--template", target)
    assert built.exit_code == 0, built.output
    table = next(s for s in Presentation(str(pptx)).slides[1].shapes if s.has_table).table
    assert str(table.cell(0, 0).fill.fore_color.rgb) == "224466"


# --- nothing runs off a slide -----------------------------------------------------------------

LONG_NAME = "Northumberland and Tyne Valley Community Housing Partnership " * 3  # ~190 chars
STORY = " ".join(
    f"Sentence {n} of a very long account in which the customer explains, again, what went wrong."
    for n in range(1, 201)
)  # ~3,000 words


def _extreme_month(tmp_path):
    slas = "slas:\n" + "".join(
        f"  - {{name: '{LONG_NAME[: 40 + n]} {n}', target: 90, actual: {80 + n % 15}, unit: '%'}}\n"
        for n in range(40)
    )
    customer = f"""\
nps:
  counts: {{promoters: 50, passives: 30, detractors: 20}}
narratives:
  - title: "{LONG_NAME.strip()}"
    customer: "{LONG_NAME.strip()}"
    story: "{STORY}"
    channel: Phone
verbatims:
  - {{text: "{STORY[:2500]}", score: 2, channel: Email}}
  - {{text: Short and sweet., score: 10, channel: Phone}}
"""
    actions = "actions:\n" + "".join(
        f"  - {{id: A-{n}, title: '{LONG_NAME}', owner: '{LONG_NAME[:200]}', due: 2026-12-01, status: open, section: operations}}\n"
        for n in range(12)
    )
    return _workspace(
        tmp_path, **{"customer.yaml": customer, "operations.yaml": slas, "actions.yaml": actions}
    )


def test_extreme_inputs_stay_inside_every_slide(tmp_path, run_cli):
    month = _extreme_month(tmp_path)
    result, docx, pptx = _built(tmp_path, run_cli, month)
    assert result.exit_code == 0, result.output
    prs = Presentation(str(pptx))
    width, height = prs.slide_width, prs.slide_height
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= width, (number, shape.name)
            assert shape.top + shape.height <= height, (
                number,
                shape.name,
                Emu(shape.top + shape.height).inches,
            )
    views = slides(pptx)
    titles = [v.title for v in views]
    story_slides = [t for t in titles if t.startswith("Northumberland")]
    assert len(story_slides) >= 10
    assert story_slides[1].endswith(f"(cont., 2 of {len(story_slides)})")
    sla_slides = [
        v.title for v in views if v.kicker == "Operations" and v.has_table and "Target" in v.texts
    ]
    assert len(sla_slides) >= 3 and sla_slides[-1].endswith(f"of {len(sla_slides)})")
    # nothing lost: every sentence of the story reaches the deck, every SLA a table row
    views = slides(pptx)
    deck_text = " ".join(" ".join(v.texts) for v in views)
    assert all(f"Sentence {n} of" in deck_text for n in (1, 77, 200))
    assert sum(1 for v in views for t in v.texts if re.search(r"Northumberland.* \d+$", t)) == 40
    # Word keeps the whole story and repeats table headers
    word = " ".join(i.text for i in docx_items(docx))
    assert STORY in word


# --- accessibility ------------------------------------------------------------------------------


def _contrast(a: str, b: str) -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_default_theme_text_colours_meet_wcag_aa():
    p = Palette()
    pairs = [
        (p.ink, "FFFFFF"),
        (p.ink, p.panel),
        (p.muted, "FFFFFF"),
        (p.muted, p.panel),
        (p.accent, "FFFFFF"),
        (p.accent, p.panel),
        (p.on_accent, p.accent),
        (p.warm, "FFFFFF"),
        (p.on_track, "FFFFFF"),
        (p.on_track, p.panel),
        (p.at_risk, "FFFFFF"),
        (p.at_risk, p.panel),
        (p.off_track, "FFFFFF"),
        (p.off_track, p.panel),
    ]
    for text, background in pairs:
        assert _contrast(text, background) >= 4.5, (text, background, _contrast(text, background))


@pytest.mark.parametrize("theme", ["default", "harbour"])
def test_deck_is_accessible(tmp_path, run_cli, theme):
    out = tmp_path / "out"
    result = run_cli("build", SAMPLE / "2026-11", "--out", out, "--template", theme)
    assert result.exit_code == 0
    pptx = out / "northwind-utilities-2026-11-leadership-pack.pptx"
    prs = Presentation(str(pptx))
    titles = [s.shapes.title.text for s in prs.slides]
    assert all(titles) and len(titles) == len(set(titles)), "every slide has a unique title"
    for slide in prs.slides:
        shapes = list(slide.shapes)
        assert shapes[0] == slide.shapes.title, "the title is read first"
        content = [s for s in shapes[1:] if s.name != "Logo"]
        positions = [(round(s.top / 91440, 1), s.left) for s in content]
        assert positions == sorted(positions), f"reading order on {slide.shapes.title.text}"
        for shape in shapes:
            if shape.has_chart or shape.shape_type == 13:
                descr = shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
                assert descr and len(descr) > 20, shape.name
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    for run in para.runs:
                        assert run._r.rPr is not None and run._r.rPr.get("lang") == "en-GB"
    assert prs.core_properties.language == "en-GB"


def test_word_pack_is_accessible(built_sample):
    doc = Document(str(built_sample.docx))
    levels = [int(p.style.name[-1]) for p in doc.paragraphs if p.style.name.startswith("Heading ")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "no skipped level"
    lang = doc.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "en-GB"
    assert doc.core_properties.language == "en-GB"
    for table in doc.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption is not None and caption.get(qn("w:val"))
    statuses = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "Off track" in statuses  # status is a word, not a colour alone


def test_document_properties_in_both_files(built_sample):
    for props in (
        Document(str(built_sample.docx)).core_properties,
        Presentation(str(built_sample.pptx)).core_properties,
    ):
        assert props.title == "Leadership meeting — November 2026 — Northwind Utilities"
        assert props.subject.startswith("Leadership") and "November 2026" in props.subject
        assert props.author == "Northwind Utilities"
        assert props.keywords == "leadership pack; customer first"


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_without_libreoffice_names_the_package_and_writes_nothing(
    tmp_path, run_cli, monkeypatch
):
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    month = _workspace(tmp_path)
    result, docx, _ = _built(tmp_path, run_cli, month, "--pdf")
    assert result.exit_code == 73
    assert "libreoffice-writer-nogui" in result.stderr
    assert not docx.parent.exists() or not list(docx.parent.iterdir())


needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed here (CI installs it and runs this test)",
)


@needs_office
def test_pdf_of_both_files_for_real(tmp_path, run_cli, built_sample):
    from pypdf import PdfReader

    out = tmp_path / "out"
    result = run_cli("build", SAMPLE / "2026-11", "--out", out, "--pdf")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "northwind-utilities-2026-11-leadership-pack-docx.pdf",
        "northwind-utilities-2026-11-leadership-pack-pptx.pdf",
        "northwind-utilities-2026-11-leadership-pack.docx",
        "northwind-utilities-2026-11-leadership-pack.pptx",
    ]
    deck = PdfReader(io.BytesIO((out / names[1]).read_bytes()))
    assert len(deck.pages) == len(Presentation(str(built_sample.pptx)).slides)
    assert "Customer" in deck.pages[2].extract_text()
    word = PdfReader(io.BytesIO((out / names[0]).read_bytes()))
    assert len(word.pages) >= 8
    assert "Agenda" in "".join(page.extract_text() for page in word.pages[:3])


def test_validate_checks_a_company_template_but_not_shipped_ones(tmp_path, run_cli):
    _brand(tmp_path, drop_layout="Title Only")
    month = _workspace(tmp_path, "theme:\n  template: ../brand\n")
    result = run_cli("validate", month)
    assert result.exit_code == 66 and "lacks slide layout(s) 'Title Only'" in result.stderr
    (tmp_path / "ws" / "agenda.yaml").write_text("theme:\n  template: harbour\n")
    assert run_cli("validate", month).exit_code == 0
