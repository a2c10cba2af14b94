"""Regenerate templates/base.pptx and templates/base.docx from python-pptx/python-docx defaults.

The shipped base files are the default look of a pack; a company replaces them with its own.
Run from the repository root:  python scripts/make_base_templates.py
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn as pqn
from pptx.util import Emu

OUT = Path(__file__).resolve().parent.parent / "templates"
WIDE = Emu(12192000)  # 13.333 in: 16:9


@dataclass(frozen=True)
class Theme:
    """What differs between shipped themes."""

    folder: Path
    ink: str = "1F2A33"  # body text
    accent: str = "0F5E6B"  # deep teal: headings, titles
    accent_2: str = "C8793B"  # warm accent
    muted: str = "5B6770"
    heading_font: str = "Calibri"
    body_font: str = "Calibri"
    dark_openers: bool = False  # title and section slides on an accent background


DEFAULT = Theme(OUT)
HARBOUR = Theme(
    OUT / "themes" / "harbour",
    ink="1D2433",
    accent="1B3A5C",
    accent_2="A0522D",
    muted="566070",
    heading_font="Georgia",
    body_font="Calibri",
    dark_openers=True,
)


def make_pptx(path: Path, theme: Theme) -> None:
    ink, accent, accent_2 = theme.ink, theme.accent, theme.accent_2
    prs = Presentation()
    scale = WIDE / prs.slide_width
    prs.slide_width = WIDE
    for shapes in [prs.slide_master.shapes] + [layout.shapes for layout in prs.slide_layouts]:
        for shape in shapes:
            if shape.left is not None:
                shape.left = Emu(round(shape.left * scale))
                shape.width = Emu(round(shape.width * scale))
    master = prs.slide_master
    xml = master._element
    title_style = xml.find(pqn("p:txStyles")).find(pqn("p:titleStyle"))
    lvl1 = title_style.find(pqn("a:lvl1pPr"))
    lvl1.set("algn", "l")
    rpr = lvl1.find(pqn("a:defRPr"))
    rpr.set("sz", "3000")
    rpr.set("b", "1")
    body_style = xml.find(pqn("p:txStyles")).find(pqn("p:bodyStyle"))
    sizes = (2200, 2000, 1800, 1600, 1600, 1600, 1600, 1600, 1600)
    for level, size in zip(range(1, 10), sizes, strict=True):
        node = body_style.find(pqn(f"a:lvl{level}pPr"))
        if node is not None:
            node.find(pqn("a:defRPr")).set("sz", str(size))
    # Title placeholders: top-aligned band, not a huge centred block.
    margin = Emu(457200)
    inner = Emu(WIDE - 2 * margin)
    for layout in prs.slide_layouts:
        if layout.name in ("Title and Content", "Title Only"):
            for ph in layout.placeholders:
                idx = ph.placeholder_format.idx
                if idx == 0:
                    ph.left, ph.top, ph.width, ph.height = margin, Emu(250000), inner, Emu(850000)
                elif idx == 1:
                    ph.left, ph.top = margin, Emu(1143000)
                    ph.width, ph.height = inner, Emu(6858000 - 1143000 - 411480)
        if layout.name == "Section Header":
            for ph in layout.placeholders:
                idx = ph.placeholder_format.idx
                if idx == 0:
                    ph.left, ph.top, ph.width, ph.height = (
                        Emu(731520),
                        Emu(2286000),
                        Emu(WIDE - 2 * 731520),
                        Emu(1000000),
                    )
                    for layout_rpr in ph._element.iter(pqn("a:defRPr")):
                        layout_rpr.attrib.pop("cap", None)
                        layout_rpr.set("sz", "4400")
                elif idx == 1:
                    ph.left, ph.top, ph.width, ph.height = (
                        Emu(731520),
                        Emu(3300000),
                        Emu(WIDE - 2 * 731520),
                        Emu(1000000),
                    )
    theme_part = master.part.part_related_by(RT.THEME)
    blob = theme_part.blob.decode("utf-8")
    blob = re.sub(r"(<a:dk2>\s*<a:srgbClr val=\")[0-9A-F]{6}", rf"\g<1>{accent}", blob)
    blob = re.sub(r"(<a:accent1>\s*<a:srgbClr val=\")[0-9A-F]{6}", rf"\g<1>{accent}", blob)
    blob = re.sub(r"(<a:accent2>\s*<a:srgbClr val=\")[0-9A-F]{6}", rf"\g<1>{accent_2}", blob)
    blob = re.sub(r"(<a:accent3>\s*<a:srgbClr val=\")[0-9A-F]{6}", r"\g<1>7A9E7E", blob)
    blob = re.sub(
        r'(<a:dk1>\s*<a:sysClr val="windowText" lastClr=")[0-9A-F]{6}', rf"\g<1>{ink}", blob
    )
    blob = re.sub(
        r'(<a:majorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{theme.heading_font}", blob
    )
    blob = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{theme.body_font}", blob)
    theme_part._blob = blob.encode("utf-8")
    # Titles take the accent colour (theme text 2).
    for fill in rpr.findall(pqn("a:solidFill")):
        rpr.remove(fill)
    solid = rpr.makeelement(pqn("a:solidFill"), {})
    solid.append(solid.makeelement(pqn("a:schemeClr"), {"val": "tx2"}))
    rpr.insert(0, solid)
    if theme.dark_openers:
        for layout in prs.slide_layouts:
            if layout.name in ("Title Slide", "Section Header"):
                _dark_background(layout, accent)
    _english_uk(prs)
    prs.core_properties.author = "customer-first packs"
    prs.core_properties.title = "Leadership pack"
    prs.save(str(path))


def _dark_background(layout, colour: str) -> None:
    """Give a layout a solid accent background and white text in its placeholders."""
    from pptx.dml.color import RGBColor

    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor.from_string(colour)
    for ph in layout.placeholders:
        if ph.placeholder_format.idx not in (0, 1):
            continue
        body = ph._element.find(pqn("p:txBody"))
        lst = body.find(pqn("a:lstStyle"))
        lvl = lst.find(pqn("a:lvl1pPr"))
        if lvl is None:
            lvl = lst.makeelement(pqn("a:lvl1pPr"), {})
            lst.append(lvl)
        rpr = lvl.find(pqn("a:defRPr"))
        if rpr is None:
            rpr = lvl.makeelement(pqn("a:defRPr"), {})
            lvl.append(rpr)
        for fill in rpr.findall(pqn("a:solidFill")):
            rpr.remove(fill)
        solid = rpr.makeelement(pqn("a:solidFill"), {})
        solid.append(solid.makeelement(pqn("a:srgbClr"), {"val": "FFFFFF"}))
        rpr.insert(0, solid)


def _english_uk(prs) -> None:
    """British English as the language of every text default."""
    elements = [prs.part._element, prs.slide_master._element]
    elements += [layout._element for layout in prs.slide_layouts]
    for element in elements:
        for node in element.iter():
            if node.get("lang") == "en-US":
                node.set("lang", "en-GB")


def _shade(style, fill: str) -> None:
    ppr = style.element.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    ppr.append(shd)


def _left_border(style, colour: str) -> None:
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("w:val", "single"), ("w:sz", "24"), ("w:space", "8"), ("w:color", colour)):
        left.set(qn(key), value)
    borders.append(left)
    ppr.append(borders)


def make_docx(path: Path, theme: Theme) -> None:
    ink, accent, accent_2, muted = theme.ink, theme.accent, theme.accent_2, theme.muted
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = theme.body_font
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = RGBColor.from_string(ink)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before in (
        ("Heading 1", 20, 0),
        ("Heading 2", 13.5, 14),
        ("Heading 3", 11.5, 10),
    ):
        style = styles[name]
        style.font.name = theme.heading_font
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor.from_string(accent)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.page_break_before = True
    title = styles["Title"]
    title.font.name = theme.heading_font
    title.font.size = Pt(30)
    title.font.color.rgb = RGBColor.from_string(accent)
    subtitle = styles["Subtitle"]
    subtitle.font.name = theme.heading_font
    subtitle.font.size = Pt(15)
    subtitle.font.color.rgb = RGBColor.from_string(muted)
    quote = styles["Quote"]
    quote.font.size = Pt(11)
    quote.font.italic = True
    quote.font.color.rgb = RGBColor.from_string(ink)
    quote.paragraph_format.left_indent = Cm(0.6)
    quote.paragraph_format.space_after = Pt(2)
    _left_border(quote, "A9C4C9")

    story = styles.add_style("Story", WD_STYLE_TYPE.PARAGRAPH)
    story.base_style = normal
    story.font.size = Pt(11.5)
    story.paragraph_format.space_after = Pt(4)
    story.paragraph_format.line_spacing = 1.25

    attribution = styles.add_style("Attribution", WD_STYLE_TYPE.PARAGRAPH)
    attribution.base_style = normal
    attribution.font.size = Pt(9)
    attribution.font.color.rgb = RGBColor.from_string(muted)
    attribution.paragraph_format.left_indent = Cm(0.6)
    attribution.paragraph_format.space_after = Pt(10)

    callout = styles.add_style("Callout", WD_STYLE_TYPE.PARAGRAPH)
    callout.base_style = normal
    callout.font.size = Pt(10.5)
    callout.paragraph_format.left_indent = Cm(0.3)
    callout.paragraph_format.space_before = Pt(6)
    callout.paragraph_format.space_after = Pt(8)
    _shade(callout, "FBF1E6")
    _left_border(callout, accent_2)

    question = styles.add_style("Question", WD_STYLE_TYPE.PARAGRAPH)
    question.base_style = styles["List Bullet"]
    question.font.color.rgb = RGBColor.from_string(accent)

    caption = styles["Caption"]
    caption.font.size = Pt(9)
    caption.font.italic = True
    caption.font.bold = False
    caption.font.color.rgb = RGBColor.from_string(muted)

    small = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(9)
    small.paragraph_format.space_after = Pt(0)
    small.paragraph_format.line_spacing = 1.0

    _docx_language(doc, "en-GB")
    doc.core_properties.author = "customer-first packs"
    doc.core_properties.title = "Leadership pack"
    doc.core_properties.language = "en-GB"
    doc.save(str(path))


def _docx_language(doc, tag: str) -> None:
    """Set the document's default language (spelling, screen readers)."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)


def make_theme(theme: Theme) -> None:
    theme.folder.mkdir(parents=True, exist_ok=True)
    make_pptx(theme.folder / "base.pptx", theme)
    make_docx(theme.folder / "base.docx", theme)
    print("wrote", theme.folder / "base.pptx", theme.folder / "base.docx")


if __name__ == "__main__":
    make_theme(DEFAULT)
    make_theme(HARBOUR)
