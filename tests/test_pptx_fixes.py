"""The python-pptx workarounds in packs/_pptx_fixes.py: still needed, and harmless.

Work is counted in Python function calls and lines run (``sys.settrace``), not seconds, so the
tests are exact and never flaky on a busy machine; lines count a loop's every turn, so a search
that walks the names already used shows as work even when it calls no function.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

import packs.pptx_writer
from agenda.pipeline import prepare
from agenda.resources import templates
from packs._pptx_fixes import linear_part_names
from packs.theme import Look

NOTES = "/ppt/notesSlides/notesSlide%d.xml"


def _work_to_name_a_part(slides: int, *, workaround: bool) -> tuple[int, int]:
    """Python calls and lines run to name one new part in a deck of ``slides`` slides with
    notes (each a part of its own), and how many parts the deck has."""
    prs = Presentation()
    if workaround:
        linear_part_names(prs)
    layout = prs.slide_layouts[5]
    for _ in range(slides):
        _ = prs.slides.add_slide(layout).notes_slide  # made on first use, named by next_partname
    package = prs.part.package
    work = 0

    def count(frame, event, arg):
        nonlocal work
        if event in ("call", "line"):
            work += 1
        return count  # trace the lines of every function called, too

    before = sys.gettrace()  # a coverage tool's tracer, say: put back afterwards
    sys.settrace(count)
    try:
        package.next_partname(NOTES)
    finally:
        sys.settrace(before)
    return work, sum(1 for _ in package.iter_parts())


def _growth(*, workaround: bool) -> tuple[int, int]:
    """Extra work to name a part in a big deck over a small one, and the extra parts."""
    small, small_parts = _work_to_name_a_part(10, workaround=workaround)
    big, big_parts = _work_to_name_a_part(60, workaround=workaround)
    return big - small, big_parts - small_parts


def test_python_pptx_still_names_parts_by_walking_the_package() -> None:
    """Upstream #644 is still there: naming a part visits every part, so the work grows with
    the deck. When this fails, python-pptx has fixed it and the workaround can go."""
    grown, added = _growth(workaround=False)
    assert grown >= added, (
        "python-pptx fixed #644: remove the workaround in packs/_pptx_fixes.py "
        "(linear_part_names, called from packs/pptx_writer.py) and this test "
        f"(naming a part with {added} more parts in the deck took {grown} more calls and lines)"
    )


def test_the_workaround_names_parts_in_constant_work() -> None:
    """Not a search from 1 each time: the counter carries on from the last name it gave."""
    grown, added = _growth(workaround=True)
    assert added >= 100
    assert grown == 0


def test_the_workaround_gives_the_names_python_pptx_gives() -> None:
    """Same parts, same names, for slides with notes, charts and their workbooks."""

    def part_names(workaround: bool) -> list[str]:
        prs = Presentation()
        if workaround:
            linear_part_names(prs)
        for n in range(4):
            slide = prs.slides.add_slide(prs.slide_layouts[5])
            slide.notes_slide.notes_text_frame.text = f"notes {n}"
            if n % 2:
                data = CategoryChartData()
                data.categories = ["a", "b"]
                data.add_series("s", (1, 2))
                shape = slide.shapes.add_chart(
                    XL_CHART_TYPE.BAR_CLUSTERED, 0, 0, Inches(4), Inches(3), data
                )
                _ = shape.chart
        return sorted(str(part.partname) for part in prs.part.package.iter_parts())

    names = part_names(workaround=True)
    assert names == part_names(workaround=False)
    assert "/ppt/charts/chart2.xml" in names and "/ppt/notesSlides/notesSlide4.xml" in names


GOLDEN_MONTH = Path(__file__).parent / "golden" / "workspace"


def test_the_deck_writer_names_its_parts_through_the_workaround(tmp_path, monkeypatch) -> None:
    """Building a deck applies the workaround to the presentation it saves, before adding any
    part: python-pptx's own search (``OpcPackage.next_partname``) never runs."""
    from pptx.opc.package import OpcPackage
    from pptx.presentation import Presentation as Deck

    fixed: list[Deck] = []
    searched: list[str] = []
    saved: list[Deck] = []

    def spy(prs: Deck) -> None:
        fixed.append(prs)
        linear_part_names(prs)

    walk = OpcPackage.next_partname

    def walking(self: OpcPackage, template: str):
        searched.append(template)
        return walk(self, template)

    save = Deck.save

    def saving(self: Deck, file) -> None:
        saved.append(self)
        save(self, file)

    monkeypatch.setattr(packs.pptx_writer, "linear_part_names", spy)
    monkeypatch.setattr(OpcPackage, "next_partname", walking)
    monkeypatch.setattr(Deck, "save", saving)
    shutil.copytree(GOLDEN_MONTH, tmp_path / "ws")
    look = Look("default", templates() / "base.pptx", templates() / "base.docx")
    packs.pptx_writer.write_pptx(prepare(tmp_path / "ws" / "2026-11"), tmp_path / "deck.pptx", look)

    assert len(saved) == 1
    assert len(fixed) == 1 and fixed[0] is saved[0], "the deck written is not the one fixed"
    assert searched == [], f"parts named by python-pptx's search: {searched}"
    names = [str(part.partname) for part in saved[0].part.package.iter_parts()]
    assert any(n.startswith("/ppt/notesSlides/") for n in names)  # parts were named, by the fix
    assert any(n.startswith("/ppt/charts/") for n in names)
