"""The python-pptx workarounds in packs/_pptx_fixes.py: still needed, and harmless.

Work is counted in Python function calls (``sys.setprofile``), not seconds, so the tests are
exact and never flaky on a busy machine.
"""

from __future__ import annotations

import sys

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from packs._pptx_fixes import linear_part_names

NOTES = "/ppt/notesSlides/notesSlide%d.xml"


def _work_to_name_a_part(slides: int, *, workaround: bool) -> tuple[int, int]:
    """Python calls made to name one new part in a deck of ``slides`` slides with notes (each
    a part of its own), and how many parts the deck has."""
    prs = Presentation()
    if workaround:
        linear_part_names(prs)
    layout = prs.slide_layouts[5]
    for _ in range(slides):
        _ = prs.slides.add_slide(layout).notes_slide  # made on first use, named by next_partname
    package = prs.part.package
    calls = 0

    def count(frame, event, arg) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        package.next_partname(NOTES)
    finally:
        sys.setprofile(None)
    return calls, sum(1 for _ in package.iter_parts())


def _growth(*, workaround: bool) -> tuple[int, int]:
    """Extra calls to name a part in a big deck over a small one, and the extra parts."""
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
        f"(naming a part with {added} more parts in the deck took {grown} more calls)"
    )


def test_the_workaround_names_parts_in_constant_work() -> None:
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
