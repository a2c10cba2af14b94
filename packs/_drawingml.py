"""The few raw DrawingML writes the deck makes for speed, built with lxml and qn().

python-pptx's property layer costs about half a millisecond per table cell; a deck has hundreds.
These helpers write the same XML python-pptx would (a:r with a:rPr, a:tcPr) directly.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

_R, _RPR, _T = qn("a:r"), qn("a:rPr"), qn("a:t")
_SOLID, _SRGB, _LATIN = qn("a:solidFill"), qn("a:srgbClr"), qn("a:latin")
_PPR, _TCPR, _NOFILL = qn("a:pPr"), qn("a:tcPr"), qn("a:noFill")
_END = qn("a:endParaRPr")


def add_run(
    p, text: str, *, size_pt: float, colour: str, bold=False, italic=False, font: str | None = None
):
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
    return run


def align(p, value: str) -> None:
    """Set a paragraph's alignment ('l', 'ctr', 'r')."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    ppr.set("algn", value)


def cell_properties(tc, *, fill: str | None, side_emu: int, end_emu: int) -> None:
    """Set a table cell's margins and its fill (``None`` for no fill)."""
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


def left_aligned(tx_body) -> None:
    """Left-align every paragraph of a text body: by its list style, with no paragraph saying
    otherwise."""
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
