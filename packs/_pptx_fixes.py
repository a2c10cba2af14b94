"""Workarounds for known python-pptx bugs, each in one place with the upstream issue it tracks.

python-pptx issue #644, "Poor performance when creating a big presentation"
(https://github.com/scanny/python-pptx/issues/644, open as of python-pptx 1.0.2):
``OpcPackage.next_partname`` finds the name for a new part (a notes slide, a chart, its
workbook) by walking every relationship of every part in the package (``iter_parts``), so each
new part costs time in proportion to the deck so far and a deck's build time grows with the
square of its size. ``linear_part_names`` replaces that search, for one package, by a counter
per name pattern. ``tests/test_pptx_fixes.py`` reproduces the upstream bug without the
workaround and fails, saying so, on the day python-pptx no longer has it.
"""

from __future__ import annotations

from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation


def linear_part_names(prs: Presentation) -> None:
    """Give new parts of ``prs`` their names in constant time: the lowest free number for each
    pattern, counting up, which is what python-pptx gives while a pattern's numbers have no
    gaps (as in a deck built on a base template); any free name would be valid."""
    package = prs.part.package
    used = {str(part.partname) for part in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        n = counters.get(template, 1)
        while template % n in used:
            n += 1
        counters[template] = n + 1
        used.add(template % n)
        return PackURI(template % n)

    # Shadow the method on this one package (an instance attribute wins over the class's
    # method); through vars() because the checker rightly refuses assigning to a method.
    vars(package)["next_partname"] = next_partname
