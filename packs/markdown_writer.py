"""Lay a Memo out as Markdown: the recap's e-mail body, readable as plain text and as Markdown.

Every piece of text comes from the data, so every piece is escaped: a character Markdown reads
as markup (``*``, ``_``, ``[``, ``#`` at a line's start, ``|`` ...) is written with a backslash,
and CommonMark shows it as typed. Line breaks inside a text become spaces, so a typed line never
starts a heading or a list.
"""

from __future__ import annotations

import re
from pathlib import Path

from agenda.errors import RenderError
from agenda.model import Bullets, CardPart, Memo, MemoItem, Note, Table, ThemeGroup

#: ASCII punctuation Markdown may read as markup anywhere in a line (CommonMark lets any ASCII
#: punctuation be escaped with a backslash, and shows the character itself).
_INLINE = re.compile(r"([\\`*_\[\]{}<>|~#&!])")
#: What Markdown reads as markup at the start of a text: a list marker or setext underline
#: (``-``, ``+``, ``=``), or a number followed by ``.`` or ``)`` (a numbered list). A text starts
#: a paragraph or a list item's content, where a nested list could begin.
_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def escape(text: str) -> str:
    """``text`` as Markdown that shows exactly it: markup characters escaped, on one line."""
    flat = _INLINE.sub(r"\\\1", " ".join(text.split()))
    return _START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", flat)


def write_markdown(memo: Memo, path: Path) -> None:
    """Write ``memo`` to ``path`` as UTF-8 Markdown."""
    path.write_text(markdown(memo), encoding="utf-8")


def markdown(memo: Memo) -> str:
    """The memo as Markdown text."""
    out = [f"# {escape(memo.title)}", "", escape(memo.subtitle), ""]
    out += [line for text in memo.opening for line in (escape(text), "")]
    out += [f"*{escape(memo.confidentiality)}*", ""]
    for part in memo.parts:
        out += [f"## {escape(part.heading)}", ""]
        if part.lead:
            out += [f"**{escape(part.lead)}**", ""]
        for item in part.items:
            out += _item(item)
    return "\n".join(out).rstrip("\n") + "\n"


def _item(item: MemoItem) -> list[str]:
    match item:
        case Note():
            return [escape(item.text), ""]
        case Bullets():
            head = [f"### {escape(item.title)}", ""] if item.title else []
            return [*head, *(f"- {escape(text)}" for text in item.items), ""]
        case ThemeGroup():
            lines = [f"### {escape(item.heading)}", ""]
            for theme in item.themes:
                lines += _theme(theme)
            return lines
        case Table():
            lines = [f"### {escape(item.title)}", ""] if item.title else []
            lines += [f"- {' · '.join(escape(cell) for cell in row)}" for row in item.rows]
            return [*lines, ""]
        case _:
            raise RenderError(f"the Markdown writer cannot place a {type(item).__name__} block")


def _theme(part: CardPart) -> list[str]:
    lines = [f"- **{escape(part.heading)}**"]
    for line in part.lines:
        lines.append(
            f"  - {escape(line.text)}" + (f" · {escape(line.status)}" if line.status else "")
        )
    for quote in part.quotes:
        lines.append(f"  - “{escape(quote.text)}” ({escape(quote.attribution)})")
    return [*lines, ""]
