"""Regenerate templates/base.pptx and templates/base.docx from python-pptx/python-docx defaults.

The shipped base files are the default look of a pack; a company replaces them with its own.
Run from the repository root:  python scripts/make_base_templates.py
"""

from __future__ import annotations

import re
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
INK = "1F2A33"  # body text
ACCENT = "0F5E6B"  # deep teal: headings, titles
ACCENT_2 = "C8793B"  # warm accent for emphasis
MUTED = "5B6770"
WIDE = Emu(12192000)  # 13.333 in: 16:9


def make_pptx(path: Path) -> None:
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
    theme = master.part.part_related_by(RT.THEME)
    blob = theme.blob.decode("utf-8")
    blob = re.sub(r"(<a:dk2>\s*<a:srgbClr val=\")[0-9A-F]{6}", rf"\g<1>{ACCENT}", blob)
    blob = re.sub(r"(<a:accent1>\s*<a:srgbClr val=\")[0-9A-F]{6}", rf"\g<1>{ACCENT}", blob)
    blob = re.sub(r"(<a:accent2>\s*<a:srgbClr val=\")[0-9A-F]{6}", rf"\g<1>{ACCENT_2}", blob)
    blob = re.sub(r"(<a:accent3>\s*<a:srgbClr val=\")[0-9A-F]{6}", r"\g<1>7A9E7E", blob)
    blob = re.sub(
        r'(<a:dk1>\s*<a:sysClr val="windowText" lastClr=")[0-9A-F]{6}', rf"\g<1>{INK}", blob
    )
    theme._blob = blob.encode("utf-8")
    # Titles take the accent colour (theme text 2).
    for fill in rpr.findall(pqn("a:solidFill")):
        rpr.remove(fill)
    solid = rpr.makeelement(pqn("a:solidFill"), {})
    solid.append(solid.makeelement(pqn("a:schemeClr"), {"val": "tx2"}))
    rpr.insert(0, solid)
    prs.core_properties.author = "customer-first packs"
    prs.core_properties.title = "Leadership pack"
    prs.save(str(path))


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


def make_docx(path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = RGBColor.from_string(INK)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before in (
        ("Heading 1", 20, 0),
        ("Heading 2", 13.5, 14),
        ("Heading 3", 11.5, 10),
    ):
        style = styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor.from_string(ACCENT)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.page_break_before = True
    title = styles["Title"]
    title.font.name = "Calibri"
    title.font.size = Pt(30)
    title.font.color.rgb = RGBColor.from_string(ACCENT)
    subtitle = styles["Subtitle"]
    subtitle.font.name = "Calibri"
    subtitle.font.size = Pt(15)
    subtitle.font.color.rgb = RGBColor.from_string(MUTED)
    quote = styles["Quote"]
    quote.font.size = Pt(11)
    quote.font.italic = True
    quote.font.color.rgb = RGBColor.from_string(INK)
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
    attribution.font.color.rgb = RGBColor.from_string(MUTED)
    attribution.paragraph_format.left_indent = Cm(0.6)
    attribution.paragraph_format.space_after = Pt(10)

    callout = styles.add_style("Callout", WD_STYLE_TYPE.PARAGRAPH)
    callout.base_style = normal
    callout.font.size = Pt(10.5)
    callout.paragraph_format.left_indent = Cm(0.3)
    callout.paragraph_format.space_before = Pt(6)
    callout.paragraph_format.space_after = Pt(8)
    _shade(callout, "FBF1E6")
    _left_border(callout, ACCENT_2)

    question = styles.add_style("Question", WD_STYLE_TYPE.PARAGRAPH)
    question.base_style = styles["List Bullet"]
    question.font.color.rgb = RGBColor.from_string(ACCENT)

    caption = styles["Caption"]
    caption.font.size = Pt(9)
    caption.font.italic = True
    caption.font.bold = False
    caption.font.color.rgb = RGBColor.from_string(MUTED)

    small = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(9)
    small.paragraph_format.space_after = Pt(0)
    small.paragraph_format.line_spacing = 1.0

    doc.core_properties.author = "customer-first packs"
    doc.core_properties.title = "Leadership pack"
    doc.save(str(path))


if __name__ == "__main__":
    make_pptx(OUT / "base.pptx")
    make_docx(OUT / "base.docx")
    print("wrote", OUT / "base.pptx", OUT / "base.docx")
