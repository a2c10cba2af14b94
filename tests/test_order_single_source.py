"""The running order is written once, in ``agenda.order``; everything else derives from it."""

from __future__ import annotations

import ast
from pathlib import Path

from agenda import schema
from agenda.order import SECTION_KEYS, SLOT_KEYS, is_month

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*(ROOT / "agenda").rglob("*.py"), *(ROOT / "packs").rglob("*.py")])


def _spelled_lists(path: Path) -> list[int]:
    """Lines where a tuple, list, set or dict spells out three or more section keys."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if not isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict) or items is None:
            continue
        keys = {i.value for i in items if isinstance(i, ast.Constant) and i.value in SECTION_KEYS}
        if len(keys) >= 3:
            found.append(node.lineno)
    return found


def test_no_module_but_order_spells_out_the_sections():
    offenders = {
        str(p.relative_to(ROOT)): lines
        for p in SOURCES
        if p.name != "order.py" and (lines := _spelled_lists(p))
    }
    assert offenders == {}, (
        f"section keys spelled out again (derive them from SECTIONS): {offenders}"
    )


def test_the_scanner_sees_a_spelled_out_list(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('KEYS = ("customer", "employees", "finance")\n')
    assert _spelled_lists(sample) == [1]


def test_minutes_and_leads_take_every_slot_and_nothing_else():
    assert tuple(schema.SectionNumbers.model_fields) == SLOT_KEYS
    assert tuple(schema.SectionLeads.model_fields) == SLOT_KEYS
    assert tuple(schema.SECTION_MODELS) == SECTION_KEYS


def test_one_month_pattern():
    assert is_month("2026-11") and is_month("1999-01")
    for name in ("2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", "2026-11 "):
        assert not is_month(name), name


def test_every_section_has_one_builder_module_and_every_module_is_a_section():
    import pkgutil

    import agenda.sections
    from agenda.rollup import _GROUP_SECTIONS
    from agenda.sections import builder

    modules = {m.name for m in pkgutil.iter_modules(agenda.sections.__path__)}
    assert {m for m in modules if not m.startswith("_")} == set(SECTION_KEYS)
    for key in SECTION_KEYS:
        assert callable(builder(key))
    assert tuple(_GROUP_SECTIONS) == SECTION_KEYS  # the group pack covers every section, in order
