"""A JSON Schema per data file, generated from the models in ``agenda.schema``
(``agenda schema OUT_DIR``), so an editor completes keys and flags typos while you type.

The schemas accept what the loader accepts, no less: pydantic writes each model's schema in
validation mode, with the input its before-validators widen (pasted figures such as "97.5%",
an attendee or an option given as plain text, ``responses: export.csv``) declared where they
are (``json_schema_input_type`` in ``agenda.schema``); this module adds what pydantic's lax
reading accepts beyond its own schema (true/false also as yes/no/on/off/1/0), the placeholder
``TO FILL`` wherever a value goes (the loader reports it as "to fill", never as wrong), and
refuses a spoilt one ("TO FILL 84"). What a schema cannot see (a quoted figure's bounds, the
file's currency, cross-file links) ``agenda validate`` still checks: see the README.

Draft-07, the draft editors' YAML support (yaml-language-server) implements in full.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from agenda import figures, placeholders, schema
from agenda.errors import PLACEHOLDER

DRAFT = "http://json-schema.org/draft-07/schema#"
#: Where ``agenda init`` writes the schemas, beside the month folders: a name editors and
#: file listings leave out of sight.
FOLDER = ".schemas"

#: Every data file with its model: a month folder's files, then the workspace's settings
#: (``agenda.yaml``) and a theme folder's look (``theme.yaml``). Read from ``agenda.schema``'s
#: registries, so a file added there gets its schema.
FILES: dict[str, type[BaseModel]] = {**schema.MONTH_FILES, **schema.SETTINGS_FILES}

#: Words pydantic reads as a boolean, in any case (its lax mode; YAML itself reads only
#: true and false).
_BOOL_WORDS = ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0")
#: pydantic's names for numeric bounds, as JSON Schema spells them. Left beside a union of a
#: number and its pasted text, they apply to the number (JSON Schema bounds skip strings).
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}
#: Keywords that describe a value without constraining it, kept outside the TO FILL union.
_ANNOTATIONS = ("title", "description", "default", "examples")
_TO_FILL = {"$ref": "#/$defs/ToFill"}
_NOT_SPOILT = {"$ref": "#/$defs/SpoiltPlaceholder"}
_EXACT = rf"^\s*{PLACEHOLDER}\s*$"
DEFS = {
    "ToFill": {
        "type": "string",
        "pattern": _EXACT,
        "description": f"{PLACEHOLDER}: a value still to type. agenda validate --todo lists it, "
        "and the month is not built until it is typed.",
    },
    "SpoiltPlaceholder": {
        "type": "string",
        "allOf": [
            {"not": {"pattern": _EXACT}},
            {"anyOf": [{"pattern": PLACEHOLDER}, {"pattern": placeholders.SPOILT_PATTERN}]},
        ],
    },
}


#: The pasted figures a number field also takes as text, by kind: each a definition of its own
#: (the patterns are long), with the message an editor shows when text does not match.
FIGURES = {
    "FigureText": (
        figures.text_pattern(),
        'a number, typed or pasted: 97.5, "1,250", "2,400,000.50", "12 000" (no decimal '
        'comma, no dots between thousands; "2.480" reads two ways)',
    ),
    "PercentText": (
        figures.text_pattern(percent=True),
        'a number, typed or pasted, or a percentage: 97.5, "1,250", "97.5%" (the unit is then %)',
    ),
    "ScoreText": (
        figures.text_pattern(thousands=False),
        'a score, typed or pasted: 42, "4.125" (never in thousands: no commas)',
    ),
    "WholeText": (
        figures.text_pattern(whole=True),
        'a whole number, typed or pasted: 281, "1,250", "12 000"',
    ),
    "MoneyText": (
        figures.text_pattern(money=True),
        'money, typed or pasted: 2400000, "2,400,000", "€2,400,000" or "EUR 2,400" in the '
        "file's currency",
    ),
    "MoneyOrPercentText": (
        figures.text_pattern(money=True, percent=True),
        'money in the file\'s currency ("£1,250", "EUR 2,400") or a percentage ("4.5%")',
    ),
}
_FIGURE_REFS = {pattern: name for name, (pattern, _) in FIGURES.items()}


def _case_free(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


class _Generator(GenerateJsonSchema):
    """pydantic's generator, with what its lax reading accepts beyond its own schema."""

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        words = "|".join(_case_free(w) for w in _BOOL_WORDS)
        return {
            "anyOf": [
                {"type": "boolean"},
                {"enum": [0, 1]},
                {"type": "string", "pattern": f"^(?:{words})$"},
            ]
        }

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        out = super().str_schema(schema)
        if not (schema.get("strip_whitespace") or self._config.str_strip_whitespace):
            return out
        pattern = out.get("pattern")
        if pattern and pattern.startswith("^") and pattern.endswith("$"):
            # the loader strips the text before it is matched
            out["pattern"] = rf"^\s*(?:{pattern[1:-1]})\s*$"
        elif not pattern and out.get("minLength", 0) >= 1:
            out["pattern"] = r"\S"  # text that is not only spaces
            out.pop("minLength")
        return out


def _accepts_placeholder(node: dict[str, Any]) -> bool:
    """Whether ``node`` takes any text, so TO FILL already passes (the spoilt check aside)."""
    if node.get("type") == "string":
        return not ({"enum", "const", "format"} & node.keys()) and node.get("pattern") in (
            None,
            r"\S",
        )
    return any(_accepts_placeholder(member) for member in node.get("anyOf", ()))


def _structural(node: dict[str, Any]) -> bool:
    """A list, a mapping or a model, or null: no place for one value."""
    ref = node.get("$ref", "")
    if ref:
        return ref.rsplit("/", 1)[-1] not in FIGURES
    return node.get("type") in ("array", "object", "null")


def _with_placeholder(node: dict[str, Any]) -> dict[str, Any]:
    """A place for one value that also takes ``TO FILL``, its description kept outside the
    union. A list or a mapping is left as it is, so an editor still says what is wrong inside
    it rather than that nothing matched (the loader takes TO FILL there too: validate --todo
    lists it)."""
    members = node["anyOf"] if set(node) - set(_ANNOTATIONS) == {"anyOf"} else [node]
    if _accepts_placeholder(node) or all(_structural(m) for m in members):
        return node
    outside = {key: node.pop(key) for key in _ANNOTATIONS if key in node}
    return {"anyOf": [*members, _TO_FILL], **outside}


def _tidy(node: Any) -> Any:
    """Walk a generated schema: bounds in JSON Schema's words, spoilt placeholders refused in
    text, TO FILL taken in every value position, and ``$ref`` alone (draft-07 ignores what
    stands beside it)."""
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _tidy(value) for key, value in node.items()}
    if node.get("type") == "string" and node.get("pattern") in _FIGURE_REFS:
        return {"$ref": f"#/$defs/{_FIGURE_REFS[node['pattern']]}"}
    for ours, theirs in _BOUNDS.items():
        if ours in node:
            node[theirs] = node.pop(ours)
    if _accepts_placeholder(node) and node.get("type") == "string":
        node["not"] = _NOT_SPOILT  # free text: "TO FILL 84" is neither a value nor to fill
    if "$ref" in node and set(node) - {"$ref", *_ANNOTATIONS}:
        ref = node.pop("$ref")
        node["allOf"] = [{"$ref": ref}, *node.get("allOf", [])]
    if isinstance(node.get("properties"), dict):
        for value in node["properties"].values():
            value.pop("title", None)  # pydantic's, made from the key: the key says it
        node["properties"] = {k: _with_placeholder(v) for k, v in node["properties"].items()}
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            node[key] = _with_placeholder(node[key])
    return node


def json_schema(stem: str) -> dict[str, Any]:
    """The JSON Schema of ``<stem>.yaml`` (one of ``FILES``)."""
    from agenda import __version__

    model = FILES[stem]
    generated = model.model_json_schema(mode="validation", schema_generator=_Generator)
    defs = generated.pop("$defs", {})
    body = _tidy(generated)
    if not body.get("required") and body.get("type") == "object":
        body["type"] = ["object", "null"]  # an empty or all-comment file, as init leaves one
    doc = body.pop("description", "")
    models = {name: _tidy(d) for name, d in sorted(defs.items())}
    used = json.dumps([body, models])
    figure_defs = {
        name: {"type": "string", "pattern": pattern, "patternErrorMessage": f"expected {said}"}
        for name, (pattern, said) in FIGURES.items()
        if f'"#/$defs/{name}"' in used
    }
    return {
        "$schema": DRAFT,
        "$comment": f"Written by agenda schema (customer-first packs {__version__}) from the "
        "data contract; regenerate rather than edit.",
        "title": f"{stem}.yaml",
        "description": doc,
        **{k: v for k, v in body.items() if k != "title"},
        "$defs": {**models, **figure_defs, **DEFS},
    }


def file_name(stem: str) -> str:
    """``meeting.schema.json``."""
    return f"{stem}.schema.json"


def rendered() -> Iterator[tuple[str, str]]:
    """Each schema's file name and text, in the registry's order."""
    for stem in FILES:
        text = json.dumps(json_schema(stem), indent=2, ensure_ascii=False) + "\n"
        yield file_name(stem), text


def write_schemas(out_dir: Path) -> tuple[list[Path], list[Path]]:
    """Write every schema into ``out_dir``: all land together, or none does. Returns the files
    written and those already up to date (left untouched)."""
    from packs.output import atomic_outputs

    wanted = dict(rendered())
    changed = {
        name: text
        for name, text in wanted.items()
        if not (out_dir / name).is_file() or (out_dir / name).read_text("utf-8") != text
    }
    targets = [out_dir / name for name in changed]
    with atomic_outputs(targets) as temporaries:
        for temporary, text in zip(temporaries, changed.values(), strict=True):
            temporary.write_text(text, encoding="utf-8")
    kept = [out_dir / name for name in wanted if name not in changed]
    return targets, kept
