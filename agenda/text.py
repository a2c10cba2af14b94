"""Every sentence a reader of the pack sees comes from ``templates/``, through this module.

``say("customer.nps_note", score=...)`` renders the macro ``nps_note`` of
``templates/words/customer.j2``: the wording lives in one place, in the reader's language,
where it can be read, reviewed and translated without reading Python. Templates only phrase
values the composer already computed and formatted; a misspelt variable or a missing value
fails loudly (StrictUndefined) instead of shipping an empty sentence, and the sandbox keeps a
template from reaching attributes or the filesystem it has no business with.
"""

from __future__ import annotations

import contextlib
from functools import cache
from typing import Any

from jinja2 import FileSystemBytecodeCache, FunctionLoader, StrictUndefined, TemplateError
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment

from agenda.errors import RenderError
from agenda.formatting import plural
from agenda.order import TOP_THEMES
from agenda.resources import templates


def _source(name: str) -> str | None:
    path = templates() / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


class _Compiled(FileSystemBytecodeCache):
    """Templates compiled once per machine, not once per run (a build compiles ten, a fifth of
    a second): jinja's own cache in its private temporary folder, keyed by each template's
    source. A cache that cannot be read or written is passed over, never an error."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled() -> _Compiled | None:
    try:
        return _Compiled(pattern="customer-first-packs-%s.cache")
    except (OSError, RuntimeError):  # no private temporary folder to be had
        return None


@cache
def _env() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FunctionLoader(_source),
        bytecode_cache=_compiled(),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plural"] = plural
    env.filters["in_words"] = in_words
    env.filters["and_list"] = and_list
    env.globals["top_themes"] = TOP_THEMES  # "the top two themes" says agenda.order's number
    return env


def say(key: str, **values: Any) -> str:
    """One piece of wording, ``area.name``: the macro ``name`` of ``words/area.j2``, on one tidy
    line: the template's lines joined, the values' own spacing kept."""
    return " ".join(line.strip() for line in _macro(key, values).splitlines() if line.strip())


def say_lines(key: str, **values: Any) -> tuple[str, ...]:
    """Wording that is a list (questions, points): one item per non-blank line of the macro."""
    text = _macro(key, values)
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _macro(key: str, values: dict[str, Any]) -> str:
    area, _, name = key.partition(".")
    template = f"words/{area}.j2"
    try:
        macro = getattr(_env().get_template(template).module, name, None)
        if macro is None:
            raise RenderError(f"template {template}: no wording named '{name}'")
        return str(macro(**values))
    except TemplateError as exc:
        raise RenderError(f"template {template}, {name}: {exc.message or exc}") from None
    except TypeError as exc:  # a value the macro does not take
        raise RenderError(f"template {template}, {name}: {exc}") from None


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def and_list(items: Any) -> str:
    """Items as prose lists them: "A", "A and B", "A, B and C"."""
    items = [str(i) for i in items]
    return " and ".join(items) if len(items) < 3 else f"{', '.join(items[:-1])} and {items[-1]}"


def in_words(count: int) -> str:
    """A small count in words, as prose writes it ("two"); from 11 on, in figures."""
    return _WORDS[count] if 0 <= count < len(_WORDS) else f"{count:,}"
