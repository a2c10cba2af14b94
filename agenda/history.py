"""Earlier months of the same workspace: what the customer signal was, for change and trend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import Field

from agenda import schema
from agenda.errors import DataError, Problem
from agenda.keywords import Keywords, theme_key
from agenda.nps import Nps, from_scores
from agenda.order import is_month
from agenda.responses import SurveyAnswers, read_responses
from agenda.sources import YamlFile, YamlProblems, iter_month_dirs, load_yaml
from agenda.validate import check_model, read_checked

#: How many months a trend covers, this one included.
MAX_MONTHS = 12


@dataclass(frozen=True)
class MonthSignal:
    """The customer signal of one earlier month."""

    period: str
    nps: Nps | None
    complaints: int | None
    themes: dict[str, int]
    reasons: dict[str, int]  #: complaints by reason
    actions: tuple[schema.Action, ...] | None = None  #: that month's actions.yaml, if any
    #: Whether this month's counted themes were counted in its comments by the same keywords.
    themes_counted: bool = False
    #: The names in ``themes`` counted from that month's survey comments (the others were
    #: typed by hand): a count made one way is never compared with a count made the other.
    counted: frozenset[str] = frozenset()
    #: Why this month's customer figures are left out of trends (said in the pack), or None.
    #: Names the file and line only: an unread file's text is not scrubbed, so never quote it.
    left_out: Unreadable | None = None


@dataclass(frozen=True)
class Unreadable:
    """An earlier month's file that could not be read: where, never what it says."""

    file: str  #: ``2026-10/customer.yaml``
    line: int | None = None
    what: str = ""  #: what of it is left out ("NPS"), when not all its customer figures


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive, as YYYY-MM: gaps stay visible."""
    year, month = (int(p) for p in first.split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def window_start(period: str, limit: int = MAX_MONTHS) -> str:
    """The oldest month a trend ending at ``period`` covers (``limit`` months, this one in)."""
    return months_before(period, limit - 1)


def months_before(period: str, count: int) -> str:
    """The month ``count`` months before ``period``."""
    year, month = (int(p) for p in period.split("-"))
    index = year * 12 + (month - 1) - count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def earlier_months(
    folder: Path, *, limit: int = MAX_MONTHS, counted: Sequence[tuple[str, Sequence[str]]] = ()
) -> tuple[list[MonthSignal], list[Problem]]:
    """Read up to ``limit`` month folders before ``folder``; return signals and warnings.

    ``counted`` are this month's themes counted from the survey's comments, with their
    keywords: an earlier month whose export has comments has them counted by the same
    keywords, so that the change compares like with like.

    A problem in an earlier month's customer figures leaves that month out of the trends, with a
    warning and a line in the pack that says so. A problem in an earlier ``actions.yaml`` is an
    error (DataError): skipping it would silently drop open actions from the log.
    """
    earlier = _window(folder, limit)
    signals: list[MonthSignal] = []
    warnings: list[Problem] = []
    errors: list[Problem] = []
    # open actions carry over however old they are: months before the trend window give their
    # actions only
    for month in _window(folder, None):
        if month in earlier:
            break
        actions = _earlier_actions(month, errors)
        if actions is not None:
            signals.append(MonthSignal(month.name, None, None, {}, {}, actions))
    for month in earlier:
        actions = _earlier_actions(month, errors)
        path = month / "customer.yaml"
        if not path.exists():
            if actions is not None:
                signals.append(MonthSignal(month.name, None, None, {}, {}, actions))
            continue
        file, customer, problems = read_checked(path, schema.Customer)
        if file is None or customer is None:
            warnings += [_left_out(month, p) for p in problems[:1]]
            unread = _left_out_reason(problems[0])
            signals.append(MonthSignal(month.name, None, None, {}, {}, actions, left_out=unread))
            continue
        assert isinstance(customer, schema.Customer)
        left: Unreadable | None = None
        answers = None
        try:
            nps, answers = _month_answers(month, customer, file, counted)
        except DataError as exc:
            warnings.append(_left_out(month, exc.problems[0], "NPS"))
            left = _left_out_reason(exc.problems[0], "NPS")
            nps = None
        complaints = customer.complaints.total if customer.complaints else None
        themes, counted_there = _themes(customer, answers, counted)
        reasons = dict(customer.complaints.reasons) if customer.complaints else {}
        counted_here = bool(counted) and answers is not None and answers.commented > 0
        signals.append(
            MonthSignal(
                month.name,
                nps,
                complaints,
                themes,
                reasons,
                actions,
                themes_counted=counted_here,
                counted=counted_there,
                left_out=left,
            )
        )
    if errors:
        raise DataError(errors)
    return signals, warnings


def _left_out(month: Path, problem: Problem, what: str = "customer figures") -> Problem:
    """The terminal's warning: the earlier file's own problem, located, and what it costs."""
    message = f"{problem.message} (earlier month {month.name}: its {what} are left out of trends)"
    return Problem(problem.path, message, problem.line, problem.column)


def _left_out_reason(problem: Problem, what: str = "") -> Unreadable:
    """Where the month left out of trends went wrong: file and line, never the text."""
    assert problem.path is not None
    return Unreadable(f"{problem.path.parent.name}/{problem.path.name}", problem.line, what)


class _Guests(schema.Strict):
    """Only the guest list of an earlier meeting.yaml: the rest of it is not this pack's."""

    guests: list[schema.Guest] = Field(default_factory=list)


def earlier_guests(folder: Path, *, limit: int = MAX_MONTHS) -> list[schema.Guest]:
    """Guests of earlier meetings in the trend window: still protected by Chatham House.

    An earlier meeting.yaml whose guests cannot be read is an error (DataError), not a
    warning: a guest who cannot be read cannot be protected.
    """
    guests: list[schema.Guest] = []
    errors: list[Problem] = []
    why = "an earlier meeting's guests must be readable to keep them out of this pack"
    for month in _window(folder, limit):
        path = month / "meeting.yaml"
        if not path.exists():
            continue
        try:
            file = load_yaml(path)
        except YamlProblems as exc:
            errors += [replace(p, message=f"{p.message} ({why})") for p in exc.problems]
            continue
        data = file.data if isinstance(file.data, dict) else {}
        found, problems = check_model(
            YamlFile(path, {"guests": data.get("guests") or []}, file.marks), _Guests
        )
        if found is None:
            errors += [replace(p, message=f"{p.message} ({why})") for p in problems]
            continue
        assert isinstance(found, _Guests)
        guests += found.guests
    if errors:
        raise DataError(errors)
    return guests


@dataclass(frozen=True)
class LastMeeting:
    """What the last meeting decided: the outcomes.yaml of the month folder before this one."""

    period: str  #: that month, YYYY-MM
    outcomes: schema.Outcomes
    file: YamlFile  #: to locate a decision's links in it


def last_outcomes(folder: Path) -> LastMeeting | None:
    """The last meeting's recorded outcomes: the outcomes.yaml of the latest month folder
    before ``folder`` (the month the action log reads last), or None when it has none.

    A broken outcomes.yaml there is an error (DataError), as an earlier actions.yaml is:
    skipping it would silently drop the decisions the meeting took. Older months' outcomes
    are not read (they tell of meetings before the last); each is checked in its own month.
    """
    months = _window(folder, None)
    if not months:
        return None
    path = months[-1] / "outcomes.yaml"
    if not path.exists():
        return None
    why = f"fix it: this pack lists the decisions taken at the {months[-1].name} meeting from it"
    file, outcomes, problems = read_checked(path, schema.Outcomes)
    if file is None or outcomes is None:
        raise DataError([replace(p, message=f"{p.message}; {why}") for p in problems])
    return LastMeeting(months[-1].name, outcomes, file)


def _window(folder: Path, limit: int | None) -> list[Path]:
    """Earlier month folders within ``limit`` months of ``folder`` (all when None), oldest
    first."""
    workspace = folder.resolve().parent
    this = folder.resolve().name
    dated = limit is not None and is_month(this)
    oldest = window_start(this, limit) if dated and limit is not None else ""
    if not workspace.is_dir():
        return []
    return [p for p in iter_month_dirs(workspace) if oldest <= p.name < this]


def _earlier_actions(month: Path, errors: list[Problem]) -> tuple[schema.Action, ...] | None:
    """An earlier month's actions, for carrying open ones over; a broken file is an error."""
    path = month / "actions.yaml"
    if not path.exists():
        return None
    why = f"fix it: its open actions carry over into later months (earlier month {month.name})"
    _, actions, problems = read_checked(path, schema.Actions)
    if actions is None:
        errors += [replace(p, message=f"{p.message}; {why}") for p in problems]
        return None
    return tuple(actions.actions)


def _month_answers(
    folder: Path,
    customer: schema.Customer,
    file: YamlFile,
    counted: Sequence[tuple[str, Sequence[str]]],
) -> tuple[Nps, SurveyAnswers | None]:
    """A month's NPS, and its export read with the keyword themes to count in its comments:
    ``counted`` (this month's) and its own themes given no mentions."""
    if customer.nps.counts is not None:
        c = customer.nps.counts
        return Nps(c.promoters, c.passives, c.detractors), None
    assert customer.nps.responses is not None
    names = {theme_key(name) for name, _ in counted}
    own = [
        (t.name, t.keywords)
        for t in customer.themes
        if t.mentions is None and t.keywords and theme_key(t.name) not in names
    ]
    themes = [*counted, *own]
    keywords = Keywords(themes) if themes else None
    answers = read_responses(folder, customer.nps.responses, file, keywords, folder.name)
    return from_scores(answers.scores), answers


def _themes(
    customer: schema.Customer,
    answers: SurveyAnswers | None,
    counted: Sequence[tuple[str, Sequence[str]]],
) -> tuple[dict[str, int], frozenset[str]]:
    """An earlier month's mentions by theme: as typed, or counted from its comments; this
    month's counted themes by their keywords wherever that month's export has comments. With
    them, the names of those counted from the comments (the rest were typed by hand)."""
    themes = {t.name: t.mentions for t in customer.themes if t.mentions is not None}
    if answers is None or not answers.commented:
        return themes, frozenset()
    found: set[str] = set()
    for t in customer.themes:
        if t.mentions is None and t.name in answers.mentions:
            themes[t.name] = answers.mentions[t.name]
            found.add(t.name)
    for name, _ in counted:
        for typed in [n for n in themes if theme_key(n) == theme_key(name)]:
            del themes[typed]  # the same keywords as this month, not another way of counting
            found.discard(typed)
        themes[name] = answers.mentions.get(name, 0)
        found.add(name)
    return themes, frozenset(found)
