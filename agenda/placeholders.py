"""Values still ``TO FILL``: found once, in every loaded file, before its model is checked.

``agenda init`` writes the placeholder ``TO FILL`` wherever a value must be typed each month
(an SLA's actual, this month's stories, the survey export's file name). Every YAML file is
scanned for it right after it is parsed, with the marks the reader keeps, so each one is
reported where it is ("to fill", with file:line:col and its key path) and the model never
reads it: not as zero, not as text, not as anything. A file holding one is never built.

A value that looks like a spoilt placeholder ("TO FILL 84", "to fill", "<TO_FILL>") is an
error at its place: it is neither the placeholder nor a value the tool can trust.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from agenda.errors import PLACEHOLDER, Problem, ToFill
from agenda.sources import Loc, YamlFile, format_loc

#: The placeholder's words typed another way, alone in a value: "to fill", "TO_FILL",
#: "<TO FILL>", "ToFill!". (A sentence that merely has "to fill" in it is not one.)
_SPOILT = re.compile(r"^[\W_]*to[\s_-]*fill[\W_]*$", re.IGNORECASE)
#: The same as an ECMA-262 pattern (JSON Schema has no flags), for ``agenda schema``.
SPOILT_PATTERN = r"^[\W_]*[Tt][Oo][\s_-]*[Ff][Ii][Ll][Ll][\W_]*$"
#: Keys whose value names the item they sit in, to help find it ("slas[0] (Refunds paid…)"):
#: names of measures, themes, accounts, teams and ids, never free text such as a story's
#: title (the list is sent round departments; a title may name a protected guest).
_LABELS = ("name", "account", "team", "id")


def kind(value: str) -> str | None:
    """``"placeholder"`` for exactly ``TO FILL`` (spaces around it allowed), ``"spoilt"`` for
    a value that mixes it with something else or misspells it, else None."""
    text = value.strip()
    if text == PLACEHOLDER:
        return "placeholder"
    if PLACEHOLDER in value or _SPOILT.match(text):
        return "spoilt"
    return None


@dataclass
class Found:
    """What a file still holds to fill, and the spoilt placeholders in it."""

    todos: list[ToFill] = field(default_factory=list)
    spoilt: list[Problem] = field(default_factory=list)
    locs: list[Loc] = field(default_factory=list)  #: every place either was found

    def __bool__(self) -> bool:
        return bool(self.todos or self.spoilt)

    def covers(self, loc: Loc) -> bool:
        """Whether ``loc`` is at or inside a place found: the model's own complaint there
        ("expected a number, got 'TO FILL'") is dropped, the placeholder says it better."""
        return any(loc[: len(place)] == place for place in self.locs)


def scan(file: YamlFile, model: type[BaseModel] | None = None) -> Found:
    """Every ``TO FILL`` in ``file`` (keys and values), located, with what to type there
    (from ``model``, the file's schema), and every spoilt one as an error."""
    found = Found()

    def check(text: str, loc: Loc, *, is_key: bool = False) -> None:
        what = kind(text)
        if what is None:
            return
        found.locs.append(loc)
        where = format_loc(loc)
        if what == "spoilt":
            found.spoilt.append(
                file.problem(
                    loc,
                    f"{where}: {text.strip()!r} looks like the placeholder {PLACEHOLDER} typed "
                    f"another way, or left beside a value; type the value alone, or leave "
                    f"exactly {PLACEHOLDER} until it is known",
                    prefer_key=is_key,
                )
            )
            return
        base = file.problem(loc, f"{where} is still {PLACEHOLDER}", prefer_key=is_key)
        found.todos.append(
            ToFill(
                base.path,
                f"{where} is still {PLACEHOLDER}",
                base.line,
                base.column,
                key=where,
                label=_label(file.data, loc),
                expected="a name" if is_key else _expected(model, loc, file.data),
            )
        )

    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, str):
            check(value, loc)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    check(key, (*loc, key), is_key=True)
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for n, item in enumerate(value):
                walk(item, (*loc, n))

    walk(file.data, ())
    return found


def _at(data: Any, loc: Loc) -> Any:
    for part in loc:
        inside = isinstance(data, dict) and part in data
        inside |= isinstance(data, list) and isinstance(part, int) and part < len(data)
        if not inside:
            return None
        data = data[part]
    return data


def _label(data: Any, loc: Loc) -> str:
    """The name of the list item ``loc`` sits in (an SLA's, a metric's), when it has one."""
    for end in range(len(loc) - 1, -1, -1):
        if not isinstance(loc[end], int):
            continue
        item = _at(data, loc[: end + 1])
        if not isinstance(item, dict):
            return ""
        for key in _LABELS:
            value = item.get(key)
            if isinstance(value, str) and kind(value) is None and (*loc[: end + 1], key) != loc:
                return value.strip()
        return ""
    return ""


def members(annotation: Any) -> list[Any]:
    """Optional/Union/Annotated flattened into their member types, ``None`` left out."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return members(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in get_args(annotation) for m in members(arg)]
    return [] if annotation is type(None) else [annotation]


def types_at(model: type[BaseModel] | None, loc: Loc) -> list[Any]:
    """The types the schema allows at ``loc``, or [] when it cannot tell."""
    current: list[Any] = [model] if model is not None else []
    for part in loc:
        nxt: list[Any] = []
        for cand in current:
            if isinstance(part, str) and isinstance(cand, type) and issubclass(cand, BaseModel):
                info = cand.model_fields.get(part)
                nxt += members(info.annotation) if info else []
            elif get_origin(cand) is list and isinstance(part, int):
                nxt += members(get_args(cand)[0])
            elif get_origin(cand) is dict and isinstance(part, str):
                nxt += members(get_args(cand)[1])
        current = nxt
    return current


def _expected(model: type[BaseModel] | None, loc: Loc, data: Any) -> str:
    """What to type at ``loc``: "a number in %", "a whole number", "text", "a date"."""
    if loc and loc[-1] == "file":
        return "the survey export's file name, in this folder"
    types_ = types_at(model, loc)
    unit = _at(data, (*loc[:-1], "unit")) if loc else None
    if any(t is bool for t in types_):
        return "true or false"
    if any(t is int for t in types_):
        return "a whole number"
    if any(t is float for t in types_):
        return f"a number in {unit}" if isinstance(unit, str) and unit.strip() else "a number"
    if any(t is dt.date for t in types_):
        return "a date like 2026-12-17"
    if any(get_origin(t) is list for t in types_):
        return "a list"
    if any(isinstance(t, type) and issubclass(t, BaseModel) for t in types_):
        return "its keys (see the data contract)"
    if any(t is str for t in types_):
        return "text"
    return ""
