"""Lay a Memo (a department's brief, the recap) out as a short Word document.

The Word pack's writer does the work: the same reference document and styles, the same look,
footer, tables, figure cards, theme-card parts and decision papers. A memo only has a smaller
head than the pack's cover, and its parts follow one another without page breaks.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Cm, Pt

from agenda.model import Memo, MemoPart, ThemeGroup
from packs.docx_writer import WordWriter
from packs.properties import fill_properties
from packs.theme import Look


def write_memo_docx(memo: Memo, path: Path, look: Look) -> None:
    """Write ``memo`` to ``path`` as a Word document in the given look."""
    MemoWriter(look).write_memo(memo, path)


class MemoWriter(WordWriter):
    """One memo in one look."""

    def write_memo(self, memo: Memo, path: Path) -> None:
        doc = self._open(memo.labels)
        fill_properties(
            doc.core_properties,
            title=f"{memo.title} — {memo.subtitle}",
            organisation=memo.organisation,
            subject=memo.labels.subject.format(kind=memo.kind, period=memo.period_label),
            keywords=memo.labels.keywords,
            day=memo.date,
        )
        self._footer(memo.organisation, memo.period_label)
        self._head(memo)
        for part in memo.parts:
            self._part(part)
        doc.save(str(path))

    def _head(self, memo: Memo) -> None:
        """The title, the organisation and meeting, the opening lines and the confidentiality
        line: a few lines at the top of the first page, where the pack has its cover."""
        self._top(memo.organisation, Pt(0), Cm(1.2), Pt(12))
        self._para(memo.title, "Title")
        self._para(memo.subtitle, "Subtitle")
        for line in memo.opening:
            self._para(line)
        self._para(memo.confidentiality, "Callout")

    def _part(self, part: MemoPart) -> None:
        heading = self._heading(part.heading, 1)
        heading.paragraph_format.page_break_before = False  # a memo runs on: one to three pages
        heading.paragraph_format.space_before = Pt(16)
        heading.paragraph_format.keep_with_next = True
        if part.lead:
            self._finding(part.lead)
        for item in part.items:
            if isinstance(item, ThemeGroup):
                self._heading(item.heading, 2).paragraph_format.keep_with_next = True
                for theme in item.themes:
                    self._card_part(theme)
            else:
                self._block(item)
