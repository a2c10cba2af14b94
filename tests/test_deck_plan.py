"""Deck planning, without PowerPoint: tables split to fit, notes everywhere, order kept."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from conftest import SAMPLE_MONTH, slides

from agenda.model import Table
from agenda.pipeline import prepare
from packs.deck_plan import (
    BODY_BOTTOM,
    BODY_TOP,
    chunk_table,
    plan_deck,
    row_height,
    table_column_widths,
    table_size,
)


def _table(rows: int, text: str = "short") -> Table:
    return Table(
        "Long list",
        ("Name", "What was said", "Score"),
        tuple((f"Row {n}", text, str(n % 11)) for n in range(rows)),
    )


def test_every_chunk_fits_the_slide_height():
    wordy = "A customer explains at length what went wrong with their bill and why. " * 3
    for table in (_table(40), _table(25, wordy)):
        pt = table_size(table)
        widths = table_column_widths(table, pt)
        chunks = chunk_table(table, pt=pt)
        assert sum(len(c) for c in chunks) == len(table.rows)
        for chunk in chunks:
            height = row_height(table.columns, widths, pt) + sum(
                row_height(r, widths, pt) for r in chunk
            )
            assert height <= BODY_BOTTOM - BODY_TOP


def test_rows_are_spread_evenly_rather_than_leaving_a_stub():
    chunks = chunk_table(_table(12), pt=14)
    assert [len(c) for c in chunks] == [6, 6]


def test_column_widths_fill_the_slide_and_keep_short_columns_unwrapped():
    table = _table(5, "a much longer sentence of feedback " * 4)
    widths = table_column_widths(table, 14)
    assert abs(sum(widths) - 12.333) < 0.01
    assert widths[2] < widths[1]  # the score column stays narrow, prose gets the room


def test_planned_sample_deck_matches_the_written_deck(built_sample):
    plans = plan_deck(prepare(SAMPLE_MONTH))
    views = slides(built_sample.pptx)
    assert [p.title if p.kind != "divider" else None for p in plans] == [
        v.title if v.layout != "Section Header" else None for v in views
    ]
    assert all(p.notes.strip() for p in plans)


def test_long_tables_are_continued_with_part_numbers_and_lose_no_row():
    pack = prepare(SAMPLE_MONTH)
    operations = next(s for s in pack.sections if s.key == "operations")
    table = next(
        b for b in operations.blocks if isinstance(b, Table) and b.title == "Service levels"
    )
    longer = replace(table, rows=table.rows * 3)  # 36 SLAs: more than one slide can hold
    blocks = tuple(longer if b is table else b for b in operations.blocks)
    sections = tuple(replace(s, blocks=blocks) if s is operations else s for s in pack.sections)
    plans = plan_deck(replace(pack, sections=sections))
    service = [p for p in plans if p.title.startswith("Operations — Service levels (")]
    total = len(service)
    assert total > 1
    assert [p.title for p in service] == [
        f"Operations — Service levels ({n} of {total})"
        if n == 1
        else f"Operations — Service levels (cont., {n} of {total})"
        for n in range(1, total + 1)
    ]
    rows = [row for p in service for row in p.content.table.rows]
    assert rows == list(longer.rows)  # every SLA once, in order, across the parts


def test_help_does_not_import_the_heavy_libraries():
    code = (
        "import sys; from agenda.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('docx', 'pptx', 'jinja2', 'pydantic') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "HEAVY="
