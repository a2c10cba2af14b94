"""Validate a month folder: every file against its model, every problem collected, then one abort.

Pydantic's errors are translated into located, plain-English problems with did-you-mean hints,
e.g. ``operations.yaml:9:5: slas[1]: unknown key 'targt' (did you mean 'target'?)``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from agenda import placeholders, schema
from agenda.errors import DataError, Problem, ToFill, UsageProblem, did_you_mean
from agenda.keywords import CountedTheme, Keywords, normal, ranked, theme_key
from agenda.names import fold
from agenda.order import (
    SECTION_KEYS,
    SECTIONS,
    SLOT_KEYS,
    THEME_QUOTES,
    TOP_THEMES,
    is_month,
    slot_minutes,
)
from agenda.responses import Comment, SurveyAnswers, read_responses, responses_problem
from agenda.sources import Loc, YamlFile, YamlProblems, format_loc, load_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass
class MonthData:
    """A month folder's validated inputs; absent optional files are ``None``."""

    folder: Path
    meeting: schema.Meeting
    customer: schema.Customer
    sections: dict[str, BaseModel | None]
    actions: schema.Actions | None
    answers: SurveyAnswers | None = None  #: the parsed ``responses.csv``, when NPS comes from one
    files: list[Path] = field(default_factory=list)  #: every file read, for the appendix
    warnings: list[Problem] = field(default_factory=list)  #: odd but not wrong, located
    sources: dict[str, YamlFile] = field(default_factory=dict)  #: loaded files by stem
    #: customer.yaml's themes with their mentions: typed, or counted from the survey's comments
    themes: list[CountedTheme] = field(default_factory=list)
    #: verbatims picked from the survey's comments for the top themes, each with its line in
    #: the export (None when the fast pass read it), after the typed ones
    picked: list[tuple[schema.SurveyVerbatim, int | None]] = field(default_factory=list)
    #: what this month's meeting decided (outcomes.yaml, written after it): checked here,
    #: shown by the next month's pack
    outcomes: schema.Outcomes | None = None
    #: files whose name names a protected guest: the appendix lists them without it
    withheld: frozenset[Path] = frozenset()

    def problem(self, stem: str, loc: Loc, message: str) -> Problem:
        """A problem located at ``loc`` of the month's ``stem``.yaml (the file alone if unread)."""
        file = self.sources.get(stem)
        if file is None:
            return Problem(self.folder / f"{stem}.yaml", message)
        return file.problem(loc, message)


def _model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Find the model class that holds the mapping at ``loc`` (to list its allowed keys)."""
    return next(
        (
            t
            for t in placeholders.types_at(root, loc)
            if isinstance(t, type) and issubclass(t, BaseModel)
        ),
        None,
    )


class _Named(Protocol):
    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=_Named)


def find_theme(name: str | None, themes: Iterable[N]) -> N | None:
    """This month's customer theme called ``name``, ignoring case; None when there is none."""
    if not name:
        return None
    wanted = theme_key(name)
    return next((t for t in themes if theme_key(t.name) == wanted), None)


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


_EXPECTED = {
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "string_type": "expected text",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "date_parsing": "expected a date like 2026-11-19",
    "date_type": "expected a date like 2026-11-19",
    "date_from_datetime_parsing": "expected a date like 2026-11-19",
    "date_from_datetime_inexact": "expected a date like 2026-11-19 (no time of day)",
    "list_type": "expected a list (one '- ' item per line)",
    "dict_type": "expected a mapping of 'key: value' lines",
    "model_type": "expected a mapping of 'key: value' lines",
    "model_attributes_type": "expected a mapping of 'key: value' lines",
    "string_too_short": "must not be empty",
}


def _message(err: ErrorDetails, root: type[BaseModel]) -> tuple[Loc, str, bool]:
    """Turn one pydantic error into (location, message, points-at-key)."""
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = _model_at(root, loc[:-1])
        hint = did_you_mean(key, list(parent.model_fields)) if parent else ""
        where = format_loc(loc[:-1])
        prefix = f"{where}: " if where else ""
        return loc, f"{prefix}unknown key '{key}'" + (f" ({hint})" if hint else ""), True
    where = format_loc(loc)
    prefix = f"{where}: " if where else ""
    if kind == "missing":
        parent_where = format_loc(loc[:-1])
        parent_prefix = f"{parent_where}: " if parent_where else ""
        return loc[:-1], f"{parent_prefix}missing required key '{loc[-1]}'", False
    if kind == "literal_error":
        options = [a.strip("'") for a in re.findall(r"'[^']*'", err["msg"])]
        return (
            loc,
            f"{prefix}{_shown(value)} is not allowed ({did_you_mean(str(value), options)})",
            False,
        )
    if kind == "too_short" and isinstance(value, list):
        need = err.get("ctx", {}).get("min_length", 1)
        return loc, f"{prefix}needs at least {need} item{'s' if need != 1 else ''}", False
    if kind == "string_pattern_mismatch":
        field_name = str(loc[-1]) if loc else ""
        fmt = {
            "period": "a month as YYYY-MM, e.g. 2026-11",
            "start": "a time as HH:MM, e.g. 09:30",
            "end": "a time as HH:MM, e.g. 12:00",
        }
        expected = fmt.get(field_name, f"text matching {err['ctx']['pattern']}")
        return loc, f"{prefix}expected {expected}, got {_shown(value)}", False
    if kind == "string_type" and loc and loc[-1] in ("start", "end", "period"):
        if loc[-1] == "period":
            hint = 'a month as YYYY-MM: write it as "2026-11"'
        else:
            hint = 'a time as HH:MM: put it in quotes, e.g. "09:30"'
        return loc, f"{prefix}expected {hint}, got {_shown(value)}", False
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        typed = getattr(value, "typed", None) or str(value)
        return loc, f'{prefix}expected text, got {typed} (put it in quotes: "{typed}")', False
    if kind == "string_type" and isinstance(value, bool):
        word = "true" if value else "false"
        return (
            loc,
            (f"{prefix}expected text, got {word} (put the text in quotes)"),
            False,
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        ctx = err.get("ctx", {})
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        return loc, f"{prefix}must be {words} {bound}, got {_shown(value)}", False
    if kind == "finite_number":
        return loc, f"{prefix}expected an ordinary number, got {_shown(value)}", False
    if kind in _EXPECTED:
        return loc, f"{prefix}{_EXPECTED[kind]}, got {_shown(value)}", False
    if kind == "value_error":
        return loc, f"{prefix}{err['msg'].removeprefix('Value error, ')}", False
    return loc, f"{prefix}{err['msg'][0].lower()}{err['msg'][1:]}, got {_shown(value)}", False


def _split_by_a_comma(file: YamlFile, loc: Loc) -> str:
    """A hint for an unknown key with no value inside braces: ``{role: Conductor, línia 412}``
    reads ``línia 412`` as a key, because a comma ends an unquoted value there."""
    node: Any = file.data
    where: Loc = ()
    for part in loc[:-1]:  # the model's path, less the names pydantic gives a union's branches
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_dict or in_list):
            continue
        node = node[part]
        where = (*where, part)
    key = loc[-1]
    if where not in file.marks.flow or not isinstance(node, dict) or node.get(key) is not None:
        return ""
    keys = list(node)
    before = keys[keys.index(key) - 1] if key in keys and keys.index(key) > 0 else None
    value = node.get(before) if before is not None else None
    if isinstance(value, str):
        quoted = f"{value}, {key}".replace("'", "''")
        return f"; a comma inside a value ends it: put the value in quotes ('{quoted}')"
    return "; a comma inside a value ends it: put the value in quotes"


def check_model(file: YamlFile, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a loaded file against its model; return the model or the located problems."""
    data = file.data
    if not isinstance(data, dict):
        return None, [file.problem((), "expected a mapping of 'key: value' lines at the top level")]
    # values still TO FILL, found before the model reads any: never zero, never text
    found = placeholders.scan(file, model)
    currency = model.model_fields.get("currency")
    context = {"currency": data.get("currency", currency.default if currency else None)}
    problems: list[Problem] = []
    try:
        result = model.model_validate(data, context=context)
    except ValidationError as exc:
        result = None
        for err in exc.errors():
            if found.covers(tuple(err["loc"])):
                continue  # the placeholder is reported as such, below
            loc, msg, at_key = _message(err, model)
            if err["type"] == "extra_forbidden":
                msg += _split_by_a_comma(file, loc)
            problems.append(file.problem(loc, msg, prefer_key=at_key))
    if found:
        return None, [*problems, *found.spoilt, *found.todos]
    return result, problems


def read_checked(path: Path, model: type[M]) -> tuple[YamlFile | None, M | None, list[Problem]]:
    """Read one YAML file and check it against ``model``, the one way every module does.

    Returns the file (None when it cannot be read), the checked model (None when anything is
    wrong) and the located problems; the caller decides whether they are errors or warnings.
    """
    try:
        file = load_yaml(path)
    except YamlProblems as exc:
        return None, None, list(exc.problems)
    result, problems = check_model(file, model)
    return file, result, problems


def read_or_refuse(path: Path, model: type[M]) -> tuple[M, YamlFile]:
    """The checked model in ``path`` and its file, or a DataError naming every problem."""
    file, result, problems = read_checked(path, model)
    if file is None or result is None:
        raise DataError(problems or [Problem(path, "cannot be read")])
    return result, file


#: Every file a month folder may hold, by stem (``schema.MONTH_FILES``, the one registry).
KNOWN_FILES = tuple(schema.MONTH_FILES)


def check_month_folder(folder: Path) -> None:
    """Refuse a path that is not a month folder, before anything is read."""
    if not folder.exists():
        raise UsageProblem(f"{folder}: no such folder (expected a month folder like 2026-11/)")
    if not folder.is_dir():
        raise UsageProblem(f"{folder}: is a file, not a month folder (expected e.g. 2026-11/)")
    name = folder.resolve().name
    if not is_month(name):
        months = sorted(p.name for p in folder.iterdir() if p.is_dir() and is_month(p.name))
        if months and not (folder / "meeting.yaml").exists():
            raise UsageProblem(
                f"{folder}: this is a workspace of {len(months)} month folder(s); "
                f"pass one of them, e.g. {folder / months[-1]}"
            )
        raise UsageProblem(
            f"{folder}: a month folder is named YYYY-MM (e.g. 2026-11), matching the period in "
            f"meeting.yaml; this one is named '{name}'"
        )


def _stray_files(folder: Path) -> list[Problem]:
    """Warn about files the tool would silently ignore: misspelt or doubled section files."""
    found: list[Problem] = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        stem = path.stem
        if stem in KNOWN_FILES:
            if path.suffix == ".yml" and (folder / f"{stem}.yaml").exists():
                found.append(Problem(path, f"ignored because {stem}.yaml is also there"))
            continue
        close = difflib.get_close_matches(stem.lower(), KNOWN_FILES, n=1, cutoff=0.6)
        if close:
            found.append(Problem(path, f"not read (did you mean '{close[0]}.yaml'?)"))
        else:
            found.append(Problem(path, "not one of the files the tool reads; it is ignored"))
    return found


def month_todos(folder: Path) -> list[ToFill]:
    """Every value still ``TO FILL`` in a month folder's files, file by file, without checking
    anything else (``agenda validate --todo``). A file that cannot be read, or a spoilt
    placeholder, is a DataError: what it still needs cannot be told."""
    check_month_folder(folder)
    models: dict[str, type[BaseModel]] = dict(schema.MONTH_FILES)
    todos: list[ToFill] = []
    errors: list[Problem] = []
    for stem in KNOWN_FILES:
        path = folder / f"{stem}.yaml"
        if not path.exists() and (folder / f"{stem}.yml").exists():
            path = folder / f"{stem}.yml"
        if not path.exists():
            continue
        try:
            file = load_yaml(path)
        except YamlProblems as exc:
            errors += exc.problems
            continue
        found = placeholders.scan(file, models[stem])
        todos += found.todos
        errors += found.spoilt
    if errors:
        raise DataError([*errors, *todos])
    return sorted(todos, key=Problem.sort_key)


def load_month(folder: Path) -> MonthData:
    """Read and validate every file of a month folder, reporting all problems at once."""
    check_month_folder(folder)
    folder = folder.resolve()
    problems: list[Problem] = []
    files: list[Path] = []
    loaded: dict[str, YamlFile] = {}

    def read(stem: str, model: type[BaseModel], *, required: bool) -> Any:
        path = folder / f"{stem}.yaml"
        if not path.exists():
            alt = folder / f"{stem}.yml"
            if alt.exists():
                path = alt
            elif required:
                why = (
                    "a pack without the customer's voice is refused: add customer.yaml with "
                    "at least one narrative"
                    if stem == "customer"
                    else "every month needs meeting.yaml (organisation, period, date)"
                )
                problems.append(Problem(path, f"required file is missing; {why}"))
                return None
            else:
                return None
        files.append(path)
        file, result, found = read_checked(path, model)
        problems.extend(found)
        if file is not None:
            loaded[stem] = file
        return result

    meeting = read("meeting", schema.Meeting, required=True)
    customer = read("customer", schema.Customer, required=True)
    sections: dict[str, BaseModel | None] = {"customer": customer}
    for key in SECTION_KEYS[1:]:
        sections[key] = read(key, schema.SECTION_MODELS[key], required=False)
    actions = read("actions", schema.Actions, required=False)
    outcomes = read("outcomes", schema.Outcomes, required=False)
    if outcomes is not None:  # read by the next month's pack, not listed among this one's
        files.remove(next(p for p in files if p.stem == "outcomes"))

    operations = sections.get("operations")
    if isinstance(operations, schema.Operations):
        problems += _sla_percentages(loaded["operations"], operations)

    if meeting is not None:
        meeting_file = loaded["meeting"]
        if is_month(folder.name) and meeting.period != folder.name:
            problems.append(
                meeting_file.problem(
                    ("period",),
                    f"period is {meeting.period} but the folder is {folder.name}; they must match",
                )
            )
        problems.extend(_agenda_problems(meeting_file, meeting))
        upcoming = outcomes.next_meeting if outcomes is not None else None
        if upcoming is not None and upcoming <= meeting.date:
            problems.append(
                loaded["outcomes"].problem(
                    ("next_meeting",),
                    f"next_meeting is {upcoming}, not after this meeting ({meeting.date}); "
                    "give the date of the next meeting",
                )
            )

    answers = None
    if customer is not None and customer.nps.responses is not None:
        try:
            answers = read_responses(
                folder,
                customer.nps.responses,
                loaded["customer"],
                keywords_of(customer),
                folder.name if is_month(folder.name) else None,
            )
            files.append(answers.path)
            if answers.outside and not answers.scores and not answers.blank:
                span = answers.outside_span
                problems.append(
                    loaded["customer"].problem(
                        ("nps", "responses"),
                        f"every answer in {answers.path.name} is dated outside "
                        f"{folder.name} ({span}): is it another month's export? Export "
                        "this month's answers",
                    )
                )
            problems += survey_group_problems(answers, customer.nps.responses, loaded["customer"])
        except DataError as exc:
            problems.extend(exc.problems)
    themes: list[CountedTheme] = []
    if customer is not None and (answers is not None or customer.nps.responses is None):
        themes, missing = count_themes(customer, answers, loaded["customer"])
        problems.extend(missing)

    for stem, log in (("actions", actions), ("outcomes", outcomes)):
        problems += _reused_ids(loaded[stem], log.actions) if log is not None else []
    if actions is not None:
        problems += _same_options(loaded["actions"], actions)

    if customer is not None:
        seen: dict[str, int] = {}
        for n, theme in enumerate(customer.themes):
            key = theme_key(theme.name)
            if key in seen:
                problems.append(
                    loaded["customer"].problem(
                        ("themes", n, "name"),
                        f"themes[{n}].name: '{theme.name}' is the same theme as "
                        f"themes[{seen[key]}]; give each theme once, with all its mentions",
                    )
                )
            seen.setdefault(key, n)

    if customer is not None and actions is not None:
        problems += _unknown_action_themes(loaded["actions"], actions, customer)
    if meeting is not None:
        problems += _purpose_problems(loaded["meeting"], meeting, actions)

    if customer is not None and customer.complaints is not None:
        c = customer.complaints
        reasons: dict[str, str] = {}
        for reason in c.reasons:
            first = reasons.setdefault(theme_key(reason), reason)
            if first != reason:
                problems.append(
                    loaded["customer"].problem(
                        ("complaints", "reasons", reason),
                        f"complaints.reasons: '{reason}' is the same reason as '{first}' "
                        "(reasons are matched without case, accents or extra spaces, as "
                        "themes are); give each reason once, with all its complaints",
                    )
                )
        categorised = sum(c.reasons.values())
        if categorised > c.total:
            problems.append(
                loaded["customer"].problem(
                    ("complaints", "reasons"),
                    f"complaints.reasons add up to {categorised:,}, more than complaints.total "
                    f"{c.total:,}; correct the total or the reasons",
                )
            )

    if problems:
        raise DataError(problems)
    warnings = [
        *_date_warnings(loaded["meeting"], meeting),
        *_stray_files(folder),
        *_meaning_warnings(loaded, customer, sections),
        *(_decide_by_warnings(loaded["actions"], actions, meeting.date) if actions else []),
        *_verbatim_date_warnings(loaded["customer"], customer, meeting.date),
    ]
    picked = pick_verbatims(customer, themes, answers)
    return MonthData(
        folder,
        meeting,
        customer,
        sections,
        actions,
        answers,
        files,
        warnings,
        loaded,
        themes,
        picked,
        outcomes,
    )


def _sla_percentages(file: YamlFile, operations: schema.Operations) -> list[Problem]:
    """An SLA in % measures a share of cases that met the level: 0 to 100, never "928% On
    track". Refused at the figure, saying both readings of a slip (a missing decimal point, or
    a count typed for a share). Finance measures in % may pass 100 or go below 0 (growth,
    spend against budget, a margin), so they are left as typed."""
    found = []
    for n, sla in enumerate(operations.slas):
        if sla.unit != "%":
            continue
        for key in ("target", "actual"):
            value = getattr(sla, key)
            if not 0 <= value <= 100:
                found.append(
                    file.problem(
                        ("slas", n, key),
                        f"slas[{n}].{key}: {value:g}% is not a percentage of cases (0–100); "
                        "a service level in % is the share that met it: check the figure "
                        "(a decimal point missing?); a ratio that may pass 100 takes a unit "
                        "that says so, such as '% of forecast'",
                    )
                )
    return found


def _unknown_action_themes(
    file: YamlFile, actions: schema.Actions, customer: schema.Customer
) -> list[Problem]:
    """An action or decision whose ``theme`` names no customer theme this month is refused at
    its place: it would be missing from the theme card the room reads to see what is being
    done about the theme, with nothing to say so."""
    names = [t.name for t in customer.themes]
    found = []
    items: list[tuple[str, int, str | None]] = [
        *(("actions", n, a.theme) for n, a in enumerate(actions.actions)),
        *(("decisions", n, d.theme) for n, d in enumerate(actions.decisions)),
    ]
    for key, n, name in items:
        if not name or find_theme(name, customer.themes) is not None:
            continue
        hint = did_you_mean(name, names) if names else "customer.yaml lists no themes this month"
        found.append(
            file.problem(
                (key, n, "theme"),
                f"{key}[{n}].theme: no customer theme '{name}' this month ({hint}); name one "
                "of customer.yaml's themes, or leave theme out",
            )
        )
    return found


def _same_options(file: YamlFile, actions: schema.Actions) -> list[Problem]:
    """An option given twice in one decision (in any case or accents): the paper would list
    it twice, and a recommendation naming it could name either."""
    problems = []
    for n, decision in enumerate(actions.decisions):
        seen: dict[str, int] = {}
        for k, option in enumerate(decision.options):
            first = seen.setdefault(theme_key(option.name), k)
            if first != k:
                problems.append(
                    file.problem(
                        ("decisions", n, "options", k, "name"),
                        f"decisions[{n}].options[{k}].name: '{option.name}' is the same option "
                        f"as options[{first}]; give each option once",
                    )
                )
    return problems


def _reused_ids(file: YamlFile, actions: Sequence[schema.Action]) -> list[Problem]:
    """An id given to two actions of one file: each action needs its own."""
    problems = []
    first: dict[str, int] = {}
    for n, action in enumerate(actions):
        if action.id in first:
            problems.append(
                file.problem(
                    ("actions", n, "id"),
                    f"actions[{n}].id: '{action.id}' is already used by "
                    f"actions[{first[action.id]}]; each action needs its own id",
                )
            )
        first.setdefault(action.id, n)
    return problems


def _decide_by_warnings(file: YamlFile, actions: schema.Actions, meeting: dt.date) -> list[Problem]:
    """A decision due before the meeting that is asked to take it: the pack shows the date
    as passed."""
    return [
        file.problem(
            ("decisions", n, "decide_by"),
            f"decisions[{n}].decide_by: {d.decide_by.isoformat()} is before the meeting "
            f"({meeting.isoformat()}); the pack shows it as passed: set a new date if the "
            "decision was moved",
        )
        for n, d in enumerate(actions.decisions)
        if d.decide_by is not None and d.decide_by < meeting
    ]


#: A quote dated longer than this before the meeting is probably not this month's (or a typo
#: in its year): about three months.
OLD_QUOTE = dt.timedelta(days=92)


def _verbatim_date_warnings(
    file: YamlFile, customer: schema.Customer, meeting: dt.date
) -> list[Problem]:
    """A typed verbatim dated after the meeting, or more than about three months before it
    (``2025-11-05`` in a 2026-11 pack): the pack would quote it as this month's."""
    problems = []
    for n, verbatim in enumerate(customer.verbatims):
        said = verbatim.date
        if said is None:
            continue
        if said > meeting:
            why = f"is after the meeting ({meeting.isoformat()})"
        elif meeting - said > OLD_QUOTE:
            why = (
                f"is {(meeting - said).days} days before the meeting ({meeting.isoformat()}); "
                "a quote is expected from the last three months"
            )
        else:
            continue
        problems.append(
            file.problem(
                ("verbatims", n, "date"),
                f"verbatims[{n}].date: {said.isoformat()} {why}, and the pack quotes it among "
                "this month's: check the date (its year?), or leave the quote out",
            )
        )
    return problems


def keywords_of(customer: schema.Customer, also: Sequence[schema.Theme] = ()) -> Keywords | None:
    """The keyword themes of ``customer`` (and ``also``'s, by other names), compiled; None
    when no theme lists keywords."""
    named = {theme_key(t.name): (t.name, t.keywords) for t in customer.themes if t.keywords}
    for theme in also:
        if theme.keywords:
            named.setdefault(theme_key(theme.name), (theme.name, theme.keywords))
    return Keywords(list(named.values())) if named else None


def count_themes(
    customer: schema.Customer, answers: SurveyAnswers | None, file: YamlFile
) -> tuple[list[CountedTheme], list[Problem]]:
    """Each theme's mentions: as typed, else counted from the survey's comments by its
    keywords. A theme with neither is refused at its place, saying what is missing."""
    themes: list[CountedTheme] = []
    problems: list[Problem] = []
    for n, theme in enumerate(customer.themes):
        words = tuple(theme.keywords)
        if theme.mentions is not None:
            themes.append(CountedTheme(theme.name, theme.mentions, theme.previous, words))
            continue
        counted = answers.mentions.get(theme.name) if answers is not None else None
        if counted is not None and answers is not None and answers.commented:
            themes.append(CountedTheme(theme.name, counted, theme.previous, words, True))
            continue
        problems.append(
            file.problem(
                ("themes", n),
                f"themes[{n}] ({theme.name}): no mentions; {_why_not_counted(theme, answers)}",
            )
        )
    return themes, problems


def _why_not_counted(theme: schema.Theme, answers: SurveyAnswers | None) -> str:
    """What a theme without ``mentions`` lacks to be counted from the survey's comments."""
    if not theme.keywords:
        return (
            "give mentions, or keywords (words customers use for it) to count it from the "
            "survey export's comments"
        )
    if answers is None:
        return (
            "its keywords are counted in the survey export's comments, but nps gives counts, "
            "not a survey export (nps.responses): give mentions"
        )
    if not answers.has_comments:
        return (
            f"its keywords are counted in the survey export's comments, but {answers.path.name} "
            "has no comment column (name it under nps.responses.columns.comment): or give "
            "mentions"
        )
    return f"{answers.path.name} has no comments to count its keywords in: give mentions"


#: A grouping column is an identity column when it has more than this many distinct values
#: and they are more than half as many as the answers that give one ...
IDENTITY_VALUES = 50
#: ... or when at least this many answers give a value and no two give the same one.
IDENTITY_ALL_DISTINCT = 10
#: Most values of such a column masked to find personal data in them (6 µs each).
SCANNED_VALUES = 10_000
#: Headers survey tools give the columns that say who answered (Microsoft Forms, Google
#: Forms, SurveyMonkey, Qualtrics), as lower-case words.
IDENTITY_HEADERS = frozenset(
    {
        *("name", "full name", "first name", "last name", "respondent name"),
        *("email", "e mail", "email address", "e mail address", "recipientemail"),
        *("recipient email", "recipientfirstname", "recipientlastname"),
        *("id", "respondent", "respondent id", "response id", "responseid"),
        *("ip address", "ipaddress"),
    }
)


#: A word that, anywhere in a header, says the column holds a way to reach who answered.
CONTACT_WORDS = frozenset(
    {"email", "mail", "phone", "telephone", "mobile", "respondent", "surname", "forename"}
)
#: Words that, beside "name", make it a person's name ("Customer name", "Your name"); "Store
#: name", "Plan name" and "Branch name" are groups.
PERSON_WORDS = frozenset(
    {"your", "customer", "client", "full", "first", "last", "contact", "surname", "respondent"}
)


def _identity_header(header: str) -> bool:
    """Whether a header says the column holds who answered: the exact headers survey tools
    give, a contact word anywhere ("Contact e-mail", "Mobile number"), or "name" first ("Name
    (optional)") or beside a word that makes it a person's ("Customer name")."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(header)).split()
    return (
        " ".join(words) in IDENTITY_HEADERS
        or not CONTACT_WORDS.isdisjoint(words)
        or (bool(words) and words[0] == "name")
        or ("name" in words and not PERSON_WORDS.isdisjoint(words))
    )


def survey_group_problems(
    answers: SurveyAnswers, spec: str | schema.ResponsesExport, source: YamlFile
) -> list[Problem]:
    """A segment or channel column that holds people rather than groups, refused at its key:
    its values show in "NPS by segment and channel", beside picked quotes and in the deck,
    where nothing masks or scrubs a person out of a group's name. A column holds people when
    a value is personal data the masking would remove (an e-mail address, a phone number), its
    header is one survey tools give who answered (Name, Email, Respondent ID...), or its values
    are one per answer: more than 50 distinct values, more than half as many as the answers
    that give one, or 10 answers or more with no two alike. A grouping repeats (a plan, a
    region); an identity does not."""
    from agenda.privacy import Masker

    problems = []
    for kind, groups in (("segment", answers.by_segment), ("channel", answers.by_channel)):
        if not groups:
            continue
        mapped = spec.columns.model_dump().get(kind) if not isinstance(spec, str) else None
        header = mapped or kind
        given = sum(sum(tally.values()) for tally in groups.values())
        one_each = (len(groups) > IDENTITY_VALUES and 2 * len(groups) > given) or (
            given >= IDENTITY_ALL_DISTINCT and len(groups) == given
        )
        # every value is masked to find personal data, unless so many say who answered anyway
        personal = (
            sum(
                sum(tally.values())
                for value, tally in groups.items()
                if Masker().text(value) != value
            )
            if not (one_each and len(groups) > SCANNED_VALUES)
            else 0
        )
        if personal:
            why = (
                f"holds personal data (an e-mail address or phone number in {personal:,} "
                f"answer{'s' if personal != 1 else ''})"
            )
        elif _identity_header(header):
            why = "holds who answered, not a group of answers"
        elif one_each:
            why = (
                f"has a value of its own for nearly every answer ({len(groups):,} distinct "
                f"values in {given:,} answers), so it says who answered, not which group"
            )
        else:
            continue
        problems.append(
            responses_problem(
                spec,
                source,
                ("columns", kind),
                f"the {kind} column '{header}' {why}; the pack would show its values in 'NPS "
                f"by segment and channel', beside quotes and in the deck: map {kind} to a "
                "column that groups answers (a plan, a region, a channel), or leave it out",
            )
        )
    return problems


def pick_verbatims(
    customer: schema.Customer, themes: list[CountedTheme], answers: SurveyAnswers | None
) -> list[tuple[schema.SurveyVerbatim, int | None]]:
    """For each top theme with fewer than THEME_QUOTES typed verbatims, the survey's most
    recent comments that use its keywords make up the rest: at least one from a promoter or
    passive (7 or more) among the theme's quotes where the survey has one; never a comment
    already quoted (typed, picked for the other theme, or the same words, in any case and
    spacing, from another respondent)."""
    if answers is None or not answers.said:
        return []
    from agenda.text import say  # the channel of an export that names none

    channel = say("customer.survey_channel")
    quoted = {normal(v.text) for v in customer.verbatims}
    picked: list[tuple[schema.SurveyVerbatim, int | None]] = []
    for theme in ranked(themes)[:TOP_THEMES]:
        typed = [v for v in customer.verbatims if v.tagged(theme.name)]
        wanted = THEME_QUOTES - len(typed)
        # the same words from two respondents are quoted once: the most recent is kept
        pool = list(
            {
                normal(c.text): c
                for c in reversed(answers.said.get(theme.name, []))
                if normal(c.text) not in quoted
            }.values()
        )[::-1]
        if wanted <= 0 or not pool:
            continue
        chosen = pool[:wanted]
        if not any(
            s is not None and s >= 7
            for s in [*(v.score for v in typed), *(c.score for c in chosen)]
        ):
            kind = next((c for c in pool if c.score >= 7), None)
            if kind is not None:
                chosen = sorted([*chosen[: wanted - 1], kind], key=pool.index)
        for comment in chosen:
            quoted.add(normal(comment.text))
            picked.append((_verbatim(comment, theme.name, channel), comment.line))
    return picked


def _verbatim(comment: Comment, theme: str, channel: str) -> schema.SurveyVerbatim:
    return schema.SurveyVerbatim(
        text=comment.text,
        score=comment.score,
        channel=comment.channel or channel,
        segment=comment.segment,
        date=comment.date,
        theme=theme,
    )


#: A meeting this long after its period ends is probably dated (or filed) wrongly.
LATE_AFTER_PERIOD = dt.timedelta(days=62)


def _date_warnings(file: YamlFile, meeting: schema.Meeting) -> list[Problem]:
    """A meeting reviews a month that has started; more than two months later looks wrong."""
    year, month = (int(p) for p in meeting.period.split("-"))
    first = dt.date(year, month, 1)
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    if meeting.date < first:
        return [
            file.problem(
                ("date",),
                f"date {meeting.date.isoformat()} is before the period it reviews starts "
                f"({meeting.period}); check the date and the period",
            )
        ]
    if meeting.date > last + LATE_AFTER_PERIOD:
        return [
            file.problem(
                ("date",),
                f"date {meeting.date.isoformat()} is more than two months after the period "
                f"it reviews ({meeting.period}) ends; check the date and the period",
            )
        ]
    return []


def _meaning_warnings(
    loaded: dict[str, YamlFile], customer: schema.Customer, sections: dict[str, Any]
) -> list[Problem]:
    """Data that reads fine but would mislead: a link to a customer theme that does not exist
    this month (it links to nothing), or a finance measure with a budget but no direction."""
    found: list[Problem] = []
    names = [t.name for t in customer.themes]

    def unknown_theme(stem: str, loc: Loc, what: str, name: str) -> None:
        if find_theme(name, customer.themes) is not None:
            return
        hint = did_you_mean(name, names) if names else "customer.yaml lists no themes this month"
        found.append(
            loaded[stem].problem(
                loc,
                f"{format_loc(loc)}: no customer theme '{name}' this month, so this {what} is "
                f"not linked to one ({hint})",
            )
        )

    tagged: list[tuple[str, int, schema.Tagged]] = [
        *(("narratives", n, item) for n, item in enumerate(customer.narratives)),
        *(("verbatims", n, item) for n, item in enumerate(customer.verbatims)),
    ]
    for key, n, item in tagged:
        what = "story" if key == "narratives" else "verbatim"
        if item.theme:
            unknown_theme("customer", (key, n, "theme"), what, item.theme)
        for m, name in enumerate(item.themes):
            unknown_theme("customer", (key, n, "themes", m), what, name)
    employees = sections.get("employees")
    if isinstance(employees, schema.Employees):
        for n, challenge in enumerate(employees.challenges):
            if challenge.theme:
                unknown_theme("employees", ("challenges", n, "theme"), "challenge", challenge.theme)
        for n, voice in enumerate(employees.frontline):
            if voice.theme:
                unknown_theme("employees", ("frontline", n, "theme"), "voice", voice.theme)
    operations = sections.get("operations")
    if isinstance(operations, schema.Operations):
        for n, sla in enumerate(operations.slas):
            if sla.theme:
                unknown_theme("operations", ("slas", n, "theme"), "service level", sla.theme)
    finance = sections.get("finance")
    if isinstance(finance, schema.Finance):
        for n, metric in enumerate(finance.metrics):
            if metric.higher_is_better is None and metric.budget is not None:
                found.append(
                    loaded["finance"].problem(
                        ("metrics", n),
                        f"metrics[{n}] ({metric.name}): say whether higher is better "
                        "(higher_is_better: true or false) to get an on-track status; it is "
                        "shown without one",
                    )
                )
    return found


def _purpose_problems(
    file: YamlFile, meeting: schema.Meeting, actions: schema.Actions | None
) -> list[Problem]:
    """Purposes the pack could not honour: the customer slot for noting (its stories are told
    to be discussed), or a slot for noting that actions.yaml asks the meeting to decide in
    (the consent block would take it without discussion while the brief asks for a decision)."""
    found = []
    decisions = actions.decisions if actions is not None else []
    for key in SLOT_KEYS:
        if getattr(meeting.purposes, key) != "noting":
            continue
        pending = [d.title for d in decisions if d.section == key]
        if key == "customer":
            found.append(
                file.problem(
                    ("purposes", key),
                    "purposes.customer: the customer slot is never for noting (its stories are "
                    "told to be discussed); set it to discussion or decision, or leave it out",
                )
            )
        elif pending:
            listed = ", ".join(f"'{t}'" for t in pending)
            found.append(
                file.problem(
                    ("purposes", key),
                    f"purposes.{key} is 'noting', but actions.yaml asks the meeting to decide "
                    f"{listed} in it; set it to 'decision', or move the decision to another "
                    "section",
                )
            )
    return found


def _agenda_problems(file: YamlFile, meeting: schema.Meeting) -> list[Problem]:
    """The customer slot comes first and is never the shortest on the agenda."""
    minutes = {s.key: slot_minutes(meeting.minutes, s) for s in SECTIONS}
    others = {k: v for k, v in minutes.items() if k != "customer"}
    shortest_key = min(others, key=lambda k: others[k])
    if minutes["customer"] < others[shortest_key]:
        return [
            file.problem(
                ("minutes", "customer"),
                f"minutes.customer: the customer slot ({minutes['customer']} min) must not be the "
                f"shortest on the agenda ({shortest_key} has {others[shortest_key]} min)",
            )
        ]
    return []
