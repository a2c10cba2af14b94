"""Read a month folder's YAML safely, keeping a line:column mark for every key and value.

PyYAML's composer gives us a node tree with marks; we build plain Python values from it
ourselves so that duplicate keys, non-standard tags and alias expansion are under our control,
and so that every later error (pydantic's included) can point at the exact place in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from agenda.errors import Problem
from agenda.order import is_month

#: Largest YAML file we read; monthly data is a few kilobytes, so this only stops accidents.
MAX_YAML_BYTES = 2 * 1024 * 1024
#: Deepest nesting accepted; the contract nests four levels at most.
MAX_DEPTH = 40
#: Most values one file may expand to (stops alias "billion laughs" expansions).
MAX_VALUES = 200_000

#: One message for deep nesting, whichever layer (libyaml, Python, our builder) notices first.
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep (the data contract nests a few levels)"

Loc = tuple[str | int, ...]


def format_loc(loc: Loc) -> str:
    """A location as a key path: ``slas[1].target``, ``complaints.reasons['Billing error']``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out


#: Characters refused in text: control characters (tab, line feed and carriage return are fine)
#: and the code points XML cannot carry, which a YAML escape such as "\uFFFE" could smuggle in.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when available: 10x


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader with YAML 1.2's plain scalars: no base-60 numbers (``start: 10:30`` stays
    a time) and only true/false as booleans (``segment: NO`` is Norway, ``yes`` is text)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT, _BOOL)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    _INT,
    re.compile(
        r"""^(?:[-+]?[0-9][0-9_]*
            |[-+]?0o[0-7_]+
            |[-+]?0x[0-9a-fA-F_]+)$""",
        re.X,
    ),
    list("-+0123456789"),
)


def _yaml12_int(text: str) -> int:
    """YAML 1.2's integers: ``010`` is ten (YAML 1.1 and PyYAML read it as octal 8)."""
    digits = text.replace("_", "")
    if re.match(r"[-+]?0x", digits):
        return int(digits, 16)
    if re.match(r"[-+]?0o", digits):
        return int(digits, 8)
    return int(digits, 10)


_Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
            |\.[0-9_]+(?:[eE][-+]?[0-9]+)?
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)


@dataclass
class Marks:
    """Where each key and value of a loaded file sits, by its path of keys and indexes."""

    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    #: mappings written on one line in braces (``{name: Jordi, role: Conductor}``), where a
    #: comma in an unquoted value ends it and starts a key
    flow: set[Loc] = field(default_factory=set)

    def locate(self, loc: Loc, *, prefer_key: bool = False) -> tuple[int, int] | None:
        """Return (line, column), 1-based, of ``loc`` or of its nearest enclosing value."""
        if prefer_key and loc in self.keys:
            return self.keys[loc]
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            if prefix in self.values:
                return self.values[prefix]
            if prefix in self.keys:
                return self.keys[prefix]
        return None


@dataclass
class YamlFile:
    """A parsed YAML file: its plain data and the marks to locate errors in it."""

    path: Path
    data: Any
    marks: Marks

    def problem(self, loc: Loc, message: str, *, prefer_key: bool = False) -> Problem:
        """Build a Problem located at ``loc`` in this file."""
        pos = self.marks.locate(loc, prefer_key=prefer_key)
        line, col = pos if pos else (None, None)
        return Problem(self.path, message, line, col)


class YamlProblems(Exception):
    """Raised with every problem found while reading one YAML file."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


def _where(loc: Loc) -> str:
    """``slas[1].target`` from a location (kept here so the reader needs nothing else)."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _tag_message(node: Node, expected: str) -> str:
    tag = _tag(node)
    if "python/" in tag:
        return f"'{tag}': Python tags are not allowed (data files hold data, never code)"
    return f"unsupported tag '{tag}': {expected}"


def _tag(node: Node) -> str:
    """Show a tag as the user typed it: ``!!python/object`` rather than its full URI."""
    return str(node.tag).replace("tag:yaml.org,2002:", "!!")


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turn a composed node tree into plain values, recording marks and refusing the unsafe."""

    def __init__(self, path: Path, loader: _Loader):
        self.path = path
        self.loader = loader
        self.marks = Marks()
        self.problems: list[Problem] = []
        self.count = 0

    def fail(self, node: Node, message: str) -> None:
        line, col = _mark(node)
        self.problems.append(Problem(self.path, message, line, col))

    def build(self, node: Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            self.fail(node, f"file expands to more than {MAX_VALUES:,} values (alias bomb?)")
            raise _Stop
        if depth > MAX_DEPTH:
            self.fail(node, _TOO_DEEP)
            raise _Stop
        self.marks.values.setdefault(loc, _mark(node))
        if isinstance(node, ScalarNode):
            return self.scalar(node, loc)
        if isinstance(node, SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.fail(node, _tag_message(node, "plain lists only"))
                return None
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self.mapping(node, loc, depth)
        self.fail(node, "unsupported YAML node")  # pragma: no cover - composer yields only these
        return None

    def scalar(self, node: ScalarNode, loc: Loc) -> Any:
        if node.tag not in _PLAIN_TAGS:
            self.fail(node, _tag_message(node, "plain text, numbers and dates only"))
            return None
        try:
            if node.tag == _INT:
                value: Any = _yaml12_int(node.value)
            else:
                value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            where = f"{_where(loc)}: " if loc else ""
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.fail(
                    node,
                    f"{where}expected a real date like 2026-11-19, got {node.value!r} ({exc})",
                )
            else:
                self.fail(node, f"{where}cannot read {node.value!r}: {exc}")
            return None
        if isinstance(value, str):
            bad = CONTROL.search(value)
            if bad:
                self.fail(
                    node,
                    f"text contains the control character U+{ord(bad.group(0)):04X}; "
                    "remove it (only tabs and line breaks are allowed)",
                )
                return None
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            self.fail(node, f"{node.value!r} is not a usable number")
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _Typed.of(value, node.value)
        return value

    def mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            self.fail(node, _tag_message(node, "plain mappings only"))
            return {}
        out: dict[str, Any] = {}
        seen: dict[str, int] = {}
        if node.flow_style:
            self.marks.flow.add(loc)
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, "merge keys '<<' are not supported: write the keys out")
                continue
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, "keys must be plain names, not lists or mappings")
                continue
            key = str(key_node.value)
            if key in seen:
                self.fail(
                    key_node,
                    f"duplicate key '{key}' (first given on line {seen[key]}); "
                    "each key may appear once",
                )
                continue
            seen[key] = _mark(key_node)[0]
            # named, not ``keys[(*loc, key)]``: mypy takes that for 3.11's ``keys[*loc, key]``
            here = (*loc, key)
            self.marks.keys[here] = _mark(key_node)
            out[key] = self.build(value_node, here, depth + 1)
        return out


class _TypedInt(int):
    """A whole number that remembers how it was typed (``id: 007``)."""

    typed: str


class _TypedFloat(float):
    """A number that remembers how it was typed: ``id: 1.10`` is the id "1.10", not 1.1."""

    typed: str


class _Typed:
    @staticmethod
    def of(value: int | float, typed: str) -> int | float:
        number = _TypedInt(value) if isinstance(value, int) else _TypedFloat(value)
        number.typed = typed
        return number


class _Stop(Exception):
    """Abandon building a file once a resource limit is hit."""


def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def read_text(path: Path, *, limit: int = MAX_YAML_BYTES) -> str:
    """Read a user file as UTF-8 (a BOM is allowed), refusing oversized or non-UTF-8 files."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlProblems([Problem(path, f"cannot read file: {exc.strerror}")]) from None
    if size > limit:
        raise YamlProblems([Problem(path, f"file is {size:,} bytes; the limit is {limit:,} bytes")])
    if path.is_dir():
        raise YamlProblems([Problem(path, "is a folder, not a file")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlProblems([Problem(path, f"cannot read file: {exc.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_of_offset(raw, exc.start)
        raise YamlProblems(
            [Problem(path, "file is not UTF-8 text; save it as UTF-8", line, col)]
        ) from None


def load_yaml(path: Path) -> YamlFile:
    """Load one YAML file into plain values with marks; raise YamlProblems on any problem."""
    return parse_yaml(read_text(path), path)


def _tab_at(text: str, mark: yaml.Mark | None) -> bool:
    """Whether the character libyaml stopped at is a tab (it says "cannot start any token")."""
    if mark is None:
        return False
    lines = text.split("\n")
    if mark.line >= len(lines):
        return False
    return lines[mark.line][mark.column : mark.column + 1] == "\t"


def parse_yaml(text: str, path: Path) -> YamlFile:
    """Parse YAML ``text`` (named ``path`` in problems) the project's one way: YAML 1.2
    scalars, no tags or aliases beyond the limits, marks kept for located errors."""
    loader = None
    try:
        loader = _Loader(text)  # the reader checks every character here already
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = exc.problem or "not valid YAML"
        if "nesting" in what or "depth" in what:  # libyaml 0.2.6+ stops deep nesting itself
            raise YamlProblems([Problem(path, _TOO_DEEP, line, col)]) from None
        if _tab_at(text, mark) or "tab character" in what:  # libyaml's words do not say "tab"
            what = (
                "a tab character here; YAML is indented with spaces, never tabs: replace the "
                "tab with spaces (as many as the lines around it use)"
            )
        elif any(w in what for w in ("block end", "mapping values are not allowed", "expected <")):
            what += " (check the indentation of this line and the one above it)"
        raise YamlProblems([Problem(path, f"YAML syntax: {what}", line, col)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        msg = f"character {exc.character!r} is not allowed in YAML text"
        raise YamlProblems([Problem(path, msg, line, col)]) from None
    except yaml.YAMLError as exc:
        raise YamlProblems([Problem(path, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise YamlProblems([Problem(path, _TOO_DEEP)]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        return YamlFile(path, {}, Marks())
    builder = _Builder(path, loader)
    try:
        data = builder.build(root, (), 0)
    except _Stop:
        data = None
    except RecursionError:
        builder.fail(root, _TOO_DEEP)
        data = None
    if builder.problems:
        raise YamlProblems(builder.problems)
    return YamlFile(path, data, builder.marks)


def iter_month_dirs(workspace: Path) -> Iterator[Path]:
    """Yield the workspace's month folders (named YYYY-MM), oldest first."""
    months = [p for p in workspace.iterdir() if p.is_dir() and is_month(p.name)]
    yield from sorted(months, key=lambda p: p.name)
