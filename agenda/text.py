"""Phrase pack values through jinja2 templates: sandboxed, strict, and logic-free by design.

Templates only phrase values the composer already computed; a misspelt variable fails loudly
(StrictUndefined) instead of shipping an empty sentence, and the sandbox keeps a template from
reaching attributes or the filesystem it has no business with.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import FunctionLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from agenda.errors import RenderError
from agenda.resources import templates


def _source(name: str) -> str | None:
    path = templates() / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


@cache
def _env() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FunctionLoader(_source),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def phrase(name: str, **values: Any) -> str:
    """Render template ``name`` to one tidy line of text (whitespace collapsed)."""
    return re.sub(r"\s+", " ", render(name, **values)).strip()


def render(name: str, **values: Any) -> str:
    """Render template ``name`` keeping its line breaks (for speaker notes)."""
    try:
        text = _env().get_template(name).render(**values)
    except TemplateError as exc:
        raise RenderError(f"template {name}: {exc.message or exc}") from None
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(lines)


def speaker_notes(slot_line: str, purpose: str, points: list[str], questions) -> str:
    """The speaker notes every slide carries: when, why, what to say, what to ask."""
    return render(
        "speaker_notes.j2",
        slot_line=slot_line,
        purpose=purpose,
        points=list(points),
        questions=list(questions),
    )
