"""Every raw DrawingML write the deck makes, built with lxml and qn(): the deck's XML module.

The writer speaks python-pptx's objects (paragraphs, cells, shapes, charts); these helpers
reach under them. Most are for speed: python-pptx's property layer costs about half a
millisecond per table cell, and a deck has hundreds, so runs and cells are written here as the
same XML python-pptx would write (a:r with a:rPr, a:tcPr). The rest say what python-pptx has
no API for (a shape's alternative text, removing a shape, a chart that belongs to no slide).
"""

from __future__ import annotations

from lxml import etree
from pptx.chart.chart import Chart as PptxChart
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.table import CT_TableCell
from pptx.oxml.text import CT_TextParagraph
from pptx.shapes.base import BaseShape
from pptx.table import _Cell
from pptx.text.text import TextFrame, _Paragraph

_R, _RPR, _T = qn("a:r"), qn("a:rPr"), qn("a:t")
_SOLID, _SRGB, _LATIN = qn("a:solidFill"), qn("a:srgbClr"), qn("a:latin")
_P, _PPR, _TCPR, _NOFILL = qn("a:p"), qn("a:pPr"), qn("a:tcPr"), qn("a:noFill")
_END = qn("a:endParaRPr")


def add_run(
    paragraph: _Paragraph,
    text: str,
    *,
    size_pt: float,
    colour: str,
    bold: bool = False,
    italic: bool = False,
    font: str | None = None,
) -> None:
    """Append a run to a python-pptx paragraph, in British English."""
    _add_run(
        paragraph._p, text, size_pt=size_pt, colour=colour, bold=bold, italic=italic, font=font
    )


def _add_run(
    p: CT_TextParagraph,
    text: str,
    *,
    size_pt: float,
    colour: str,
    bold: bool = False,
    italic: bool = False,
    font: str | None = None,
) -> None:
    """Append a run to the paragraph element ``p`` (before any end-of-paragraph properties)."""
    run = etree.Element(_R)
    rpr = etree.SubElement(run, _RPR, lang="en-GB", sz=str(round(size_pt * 100)))
    if bold:
        rpr.set("b", "1")
    if italic:
        rpr.set("i", "1")
    etree.SubElement(etree.SubElement(rpr, _SOLID), _SRGB, val=colour)
    if font:
        etree.SubElement(rpr, _LATIN, typeface=font)
    etree.SubElement(run, _T).text = text
    end = p.find(_END)
    if end is not None:
        end.addprevious(run)
    else:
        p.append(run)


def fill_cell(
    cell: _Cell,
    text: str,
    *,
    size_pt: float,
    colour: str,
    bold: bool,
    font: str | None,
    right: bool,
    fill: str | None,
    side_emu: int,
    end_emu: int,
) -> None:
    """Write a python-pptx table cell at once: margins, fill (``None`` for none) and its text,
    right-aligned when ``right``."""
    tc = cell._tc
    _cell_properties(tc, fill=fill, side_emu=side_emu, end_emu=end_emu)
    p = tc.get_or_add_txBody().find(_P)  # a new cell has its text body and one paragraph
    _add_run(p, text, size_pt=size_pt, colour=colour, bold=bold, font=font)
    if right:
        _align(p, "r")


def _align(p: CT_TextParagraph, value: str) -> None:
    """Set a paragraph element's alignment ('l', 'ctr', 'r')."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    ppr.set("algn", value)


def _cell_properties(tc: CT_TableCell, *, fill: str | None, side_emu: int, end_emu: int) -> None:
    """Set a table cell element's margins and its fill (``None`` for no fill)."""
    tcpr = tc.find(_TCPR)
    if tcpr is None:
        tcpr = etree.SubElement(tc, _TCPR)
    for key, value in (
        ("marL", side_emu),
        ("marR", side_emu),
        ("marT", end_emu),
        ("marB", end_emu),
    ):
        tcpr.set(key, str(int(value)))
    for child in list(tcpr):
        tcpr.remove(child)
    if fill is None:
        etree.SubElement(tcpr, _NOFILL)
    else:
        etree.SubElement(etree.SubElement(tcpr, _SOLID), _SRGB, val=fill)


def left_aligned(frame: TextFrame) -> None:
    """Left-align every paragraph of a python-pptx text frame: by its list style, with no
    paragraph saying otherwise."""
    tx_body = frame._txBody
    lst = tx_body.find(qn("a:lstStyle"))
    if lst is None:
        lst = etree.Element(qn("a:lstStyle"))
        tx_body.find(qn("a:bodyPr")).addnext(lst)
    lvl = lst.find(qn("a:lvl1pPr"))
    if lvl is None:
        lvl = etree.SubElement(lst, qn("a:lvl1pPr"))
    lvl.set("algn", "l")
    for ppr in tx_body.iter(_PPR):  # python-pptx centres an autoshape's first paragraph itself
        ppr.attrib.pop("algn", None)


def alt_text(shape: BaseShape, text: str) -> None:
    """Give a shape (picture, chart frame) the description a screen reader reads out."""
    shape._element._nvXxPr.cNvPr.set("descr", text)


def remove_shape(shape: BaseShape) -> None:
    """Take a shape off its slide."""
    shape._element.getparent().remove(shape._element)


def detached_chart(xml: bytes) -> PptxChart:
    """python-pptx's chart API on chart XML that belongs to no slide, to style it for Word."""
    return PptxChart(parse_xml(xml), None)


def chart_part_xml(chart: PptxChart) -> bytes:
    """A detached chart's XML, serialised as a chart part."""
    return etree.tostring(
        chart._chartSpace, xml_declaration=True, encoding="UTF-8", standalone=True
    )


def read_after(shape: BaseShape, other: BaseShape) -> None:
    """Put ``shape`` just after ``other`` in the slide's shape tree: its reading order for
    screen readers, and the order tools list shapes in."""
    other._element.addnext(shape._element)
