"""Every raw WordprocessingML write the Word pack makes, built with qn()/OxmlElement: its XML
module.

The writer speaks python-docx's objects (paragraphs, runs, tables, cells); these helpers reach
under them, for what python-docx has no API for (repeated header rows, table alt text, page
numbers, charts, a picture's description, the document's language) or where its property
layer is too slow (styles set by id, whole table rows written at once).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shape import InlineShape
from docx.styles.style import CharacterStyle
from docx.styles.styles import Styles
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph


def set_style(paragraph: Paragraph, style_id: str) -> None:
    """Give a paragraph a style by its id: python-docx looks a style up by name by scanning
    every style, which dominated the build time."""
    paragraph._p.get_or_add_pPr().style = style_id


def document_language(styles: Styles, tag: str) -> None:
    """Set the language of the document's default run properties (e.g. ``en-GB``), when the
    reference document has them."""
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)


def style_font(style: CharacterStyle, name: str) -> None:
    """Set a style's font so Word really uses it: python-docx writes ``w:ascii``/``w:hAnsi``
    but leaves a theme font reference (``w:asciiTheme``…), which wins over them, in place."""
    style.font.name = name
    fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
    if fonts is not None:
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)


def picture_alt_text(picture: InlineShape, text: str) -> None:
    """Give an inline picture (what ``run.add_picture`` returns) its screen-reader text."""
    picture._inline.docPr.set("descr", text)


def repeat_header(row: _Row) -> None:
    """Mark a table row as a header row, repeated at the top of each page."""
    _switch_on(row._tr.get_or_add_trPr(), "w:tblHeader")


def keep_row_together(row: _Row) -> None:
    """Stop a row from splitting across pages."""
    _switch_on(row._tr.get_or_add_trPr(), "w:cantSplit")


def _switch_on(tr_pr: BaseOxmlElement, tag: str) -> None:
    """Append a row property that is on when present (``<w:cantSplit w:val="true"/>``)."""
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def shade_cell(cell: _Cell, fill: str) -> None:
    """Give a table cell a solid background colour (hex RGB)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def fixed_layout(table: DocxTable) -> None:
    """Use the column widths we set rather than letting the reader's app re-flow them."""
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


def table_alt_text(table: DocxTable, title: str, description: str) -> None:
    """Give a table a title and description for screen readers."""
    tbl_pr = table._tbl.tblPr
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), title[:255])
    desc = OxmlElement("w:tblDescription")
    desc.set(qn("w:val"), description[:255])
    tbl_pr.append(caption)
    tbl_pr.append(desc)


def add_page_number(paragraph: Paragraph) -> None:
    """Append a PAGE field to a footer paragraph."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, sep, text, end):
        run._r.append(element)


def _element(tag: str, **attrs: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key) if ":" in key else key, value)
    return element


def embed_chart(
    paragraph: Paragraph,
    chart_xml: bytes,
    workbook: bytes,
    *,
    size: tuple[int, int],
    name: str,
    description: str,
) -> None:
    """Place a native chart (DrawingML chart part plus its workbook) inline in ``paragraph``.

    python-docx has no chart API; the parts and the inline drawing below are what Word itself
    writes for an inserted chart, so the chart stays editable ("Edit data" opens the workbook).
    """
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    document_part = paragraph.part
    package = document_part.package
    number = sum(1 for p in package.iter_parts() if p.partname.startswith("/word/charts/")) + 1
    space = etree.fromstring(chart_xml)
    external = etree.SubElement(space, qn("c:externalData"))
    external.set(qn("r:id"), "rId1")
    etree.SubElement(external, qn("c:autoUpdate")).set("val", "0")
    chart_part = Part(
        PackURI(f"/word/charts/chart{number}.xml"),
        CT.DML_CHART,
        etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True),
        package,
    )
    sheet = Part(
        PackURI(f"/word/embeddings/Microsoft_Excel_Sheet{number}.xlsx"),
        CT.SML_SHEET,
        workbook,
        package,
    )
    assert chart_part.relate_to(sheet, RT.PACKAGE) == "rId1"
    rid = document_part.relate_to(chart_part, RT.CHART)

    cx, cy = (str(v) for v in size)
    inline = _element("wp:inline", distT="0", distB="0", distL="0", distR="0")
    inline.append(_element("wp:extent", cx=cx, cy=cy))
    inline.append(_element("wp:effectExtent", l="0", t="0", r="0", b="0"))
    inline.append(_element("wp:docPr", id=str(900 + number), name=name[:250], descr=description))
    inline.append(_element("wp:cNvGraphicFramePr"))
    graphic = _element("a:graphic")
    data = _element("a:graphicData", uri="http://schemas.openxmlformats.org/drawingml/2006/chart")
    data.append(_element("c:chart", **{"r:id": rid}))
    graphic.append(data)
    inline.append(graphic)
    drawing = _element("w:drawing")
    drawing.append(inline)
    paragraph.add_run()._r.append(drawing)


def add_table_row(
    table: DocxTable,
    cells: list[tuple[str, int, str | None, str | None, bool, bool]],
    *,
    style_id: str,
    header: bool = False,
) -> None:
    """Add a row at once, kept on one page: each cell is (text, width EMU, fill, colour, bold,
    right); ``header`` repeats it at the top of each page.

    python-docx builds a row element by element through its property layer, which costs most
    of the Word pack's time in a table-heavy pack; this writes the same XML directly.
    """
    from lxml import etree

    tr = OxmlElement("w:tr")
    tr_pr = etree.SubElement(tr, qn("w:trPr"))
    _switch_on(tr_pr, "w:cantSplit")
    if header:
        _switch_on(tr_pr, "w:tblHeader")
    for text, width, fill, colour, bold, right in cells:
        tc = etree.SubElement(tr, qn("w:tc"))
        tc_pr = etree.SubElement(tc, qn("w:tcPr"))
        tc_w = etree.SubElement(tc_pr, qn("w:tcW"))
        tc_w.set(qn("w:w"), str(int(width // 635)))  # EMU → twentieths of a point
        tc_w.set(qn("w:type"), "dxa")
        if fill:
            shd = etree.SubElement(tc_pr, qn("w:shd"))
            shd.set(qn("w:val"), "clear")
            shd.set(qn("w:color"), "auto")
            shd.set(qn("w:fill"), fill)
        p = etree.SubElement(tc, qn("w:p"))
        p_pr = etree.SubElement(p, qn("w:pPr"))
        etree.SubElement(p_pr, qn("w:pStyle")).set(qn("w:val"), style_id)
        if right:
            etree.SubElement(p_pr, qn("w:jc")).set(qn("w:val"), "right")
        r = etree.SubElement(p, qn("w:r"))
        if bold or colour:
            r_pr = etree.SubElement(r, qn("w:rPr"))
            if bold:
                etree.SubElement(r_pr, qn("w:b"))
            if colour:
                etree.SubElement(r_pr, qn("w:color")).set(qn("w:val"), colour)
        t = etree.SubElement(r, qn("w:t"))
        t.text = text
        if text != text.strip():
            t.set(qn("xml:space"), "preserve")
    table._tbl.append(tr)
