"""The floor: the least python-docx and python-pptx work that writes a pack of the same size.

Nothing is loaded, checked or composed: fixed text of a monthly pack's size goes straight
through the two libraries, so its time is what writing alone costs. `bench/run.py` compares
`agenda build` with it (the tool can come near this time, not far below it).

    python bench/floor.py OUT_DIR [--units N]

writes OUT_DIR/floor.docx (a title, the agenda table, then per unit and section a heading,
three paragraphs, a table of six measures and five quotes) and OUT_DIR/floor.pptx (a title
slide and the agenda, then per unit and section a text slide, a table slide and a line chart
slide, 2 + 18 slides per unit, each with speaker notes).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

SECTIONS = ("Customer", "Employees", "Operations", "Marketing", "Sales", "Finance")
TEXT = (
    "Customers told us this month that refunds still take too long, while praise for the "
    "people who answer the phone keeps growing. "
)
MEASURES = ("Measure", "Target", "Actual", "Status")


def measure_rows() -> list[tuple[str, str, str, str]]:
    return [(f"Measure {n}", "90%", f"{88 + n}%", "On track") for n in range(1, 7)]


def write_docx(path: Path, units: int) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Leadership pack", 0)
    document.add_paragraph("Northwind Utilities, November 2026. Confidential.")
    agenda = document.add_table(rows=1, cols=4)
    agenda.style = "Table Grid"
    for cell, text in zip(agenda.rows[0].cells, ("#", "Section", "Time", "Lead"), strict=True):
        cell.text = text
    for n, section in enumerate(SECTIONS, 1):
        row = (str(n), section, f"09:{n * 10:02d}", "Lead")
        for cell, text in zip(agenda.add_row().cells, row, strict=True):
            cell.text = text
    for unit in range(1, units + 1):
        for section in SECTIONS:
            document.add_heading(f"{section}, unit {unit}", 1)
            for _ in range(3):
                document.add_paragraph(TEXT * 3)
            table = document.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, MEASURES, strict=True):
                cell.text = text
            for row in measure_rows():
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
            for n in range(5):
                document.add_paragraph(f"“{TEXT.strip()}” (survey, segment {n})", "Intense Quote")
    document.save(str(path))


def write_pptx(path: Path, units: int) -> None:
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    deck = Presentation()
    title_layout, content_layout, title_only = (deck.slide_layouts[i] for i in (0, 1, 5))

    def slide(layout: Any, title: str, notes: str) -> Any:
        made = deck.slides.add_slide(layout)
        made.shapes.title.text = title
        made.notes_slide.notes_text_frame.text = notes
        return made

    first = slide(title_layout, "Leadership meeting", "Open with the customer.")
    first.placeholders[1].text = "Northwind Utilities, November 2026"
    agenda = slide(content_layout, "Agenda", "The running order and its times.")
    agenda.placeholders[1].text = "\n".join(SECTIONS)
    for unit in range(1, units + 1):
        for section in SECTIONS:
            text = slide(content_layout, f"{section}, unit {unit}", "What surprised you?")
            text.placeholders[1].text = TEXT
            shown = slide(title_only, f"{section} measures", "Which of these do customers feel?")
            table = shown.shapes.add_table(
                7, 4, Inches(0.5), Inches(1.5), Inches(9), Inches(3)
            ).table
            for column, heading in enumerate(MEASURES):
                table.cell(0, column).text = heading
            for row, values in enumerate(measure_rows(), 1):
                for column, value in enumerate(values):
                    table.cell(row, column).text = value
            trend = slide(title_only, f"{section} trend", "Six months of the trend.")
            data = CategoryChartData()
            data.categories = ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
            data.add_series("NPS", (12, 15, 14, 18, 22, 19))
            trend.shapes.add_chart(
                XL_CHART_TYPE.LINE_MARKERS, Inches(0.5), Inches(1.5), Inches(9), Inches(5), data
            )
    deck.save(str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write floor.docx and floor.pptx into")
    parser.add_argument("--units", type=int, default=1, help="units of content (18 slides each)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    write_docx(args.out / "floor.docx", args.units)
    write_pptx(args.out / "floor.pptx", args.units)


if __name__ == "__main__":
    main()
