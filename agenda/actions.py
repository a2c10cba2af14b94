"""The action log: open actions carry over month to month, and the latest word on each wins.

Actions are matched by ``id`` across the workspace's month folders. An action's latest record
(this month's file, else the most recent earlier one) decides its status. Open and blocked
actions stay on the log until a file marks them done; a done action is listed once, at the first
meeting after it closed, as "closed since last meeting". A workspace's first month has no last
meeting: its done actions are listed as done, never as closed since one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from agenda import schema
from agenda.decisions import taken
from agenda.errors import Problem
from agenda.formatting import month_label, short_date
from agenda.history import LastMeeting, MonthSignal
from agenda.model import ActionRow, Block, DecisionRow, DecisionTakenRow, Table
from agenda.order import SECTIONS
from agenda.text import say
from agenda.validate import MonthData, find_theme

_ORDER = {spec.key: i for i, spec in enumerate(SECTIONS)}
_TITLES = {spec.key: spec.title for spec in SECTIONS}


@dataclass(frozen=True)
class Standing:
    """Where a set of open actions stands, worked out once for every place that says it: the
    log's line, the summary's "since the last meeting", a department's brief and the actions
    slot's question."""

    open: int  #: open and not blocked
    blocked: tuple[ActionRow, ...]
    overdue: tuple[ActionRow, ...]  #: past their due date, the longest overdue first
    closed: int  #: closed since the last meeting


def standing(rows: Sequence[ActionRow], closed: Sequence[ActionRow] = ()) -> Standing:
    """Where ``rows`` (open and blocked actions) stand, beside the ``closed`` ones."""
    blocked = tuple(r for r in rows if r.status == "blocked")
    overdue = tuple(sorted((r for r in rows if r.flag), key=lambda r: r.due))
    return Standing(len(rows) - len(blocked), blocked, overdue, len(closed))


@dataclass(frozen=True)
class Carried:
    """The month's action log before it is given a slot."""

    open: tuple[ActionRow, ...]
    closed: tuple[ActionRow, ...]
    decisions: tuple[DecisionRow, ...]
    warnings: tuple[Problem, ...] = ()  #: ids reused for a different action, links not found
    #: the decisions the last meeting took, with their result, and that meeting's month
    taken: tuple[DecisionTakenRow, ...] = ()
    taken_at: str = ""
    #: no earlier month: the done actions closed before this meeting, not since a last one
    first: bool = False

    @property
    def empty(self) -> bool:
        """True when there is nothing to review."""
        return not (self.open or self.closed or self.decisions or self.taken)

    @property
    def summary(self) -> str:
        """One line for the top of the log."""
        now = standing(self.open, self.closed)
        return say(
            "actions.summary",
            open=now.open,
            blocked=len(now.blocked),
            closed=now.closed,
            overdue=len(now.overdue),
            decisions=len(self.decisions),
            first=self.first,
        )


def action_tables(carried: Carried) -> tuple[Block, ...]:
    """The log as tables: open actions by section, the decisions the last meeting took with
    their result, what closed, and the decisions needed (the Word pack's list of every ask:
    the deck gives each its own slide in its section, so it leaves this table out)."""
    blocks: list[Block] = []
    if carried.open:
        rows = tuple(
            (
                r.section,
                r.id,
                r.title + (f" (from: {r.source})" if r.source else ""),
                r.owner,
                short_date(r.due),
                status_word(r),
                r.carried_from or "This month",
            )
            for r in carried.open
        )
        blocks.append(
            Table(
                "Open actions",
                ("Section", "ID", "Action", "Owner", "Due", "Status", "Last update"),
                rows,
                caption=say("actions.open_caption"),
            )
        )
    if carried.taken:
        blocks.append(
            Table(
                say("actions.taken_title", period=carried.taken_at),
                ("Section", "Decision", "Owner", "Result"),
                tuple((r.section, r.title, r.owner or "–", r.result) for r in carried.taken),
                caption=say("actions.taken_caption", period=carried.taken_at),
            )
        )
    if carried.closed:
        blocks.append(
            Table(
                say("actions.closed_title", first=carried.first),
                ("Section", "ID", "Action", "Owner"),
                tuple((r.section, r.id, r.title, r.owner) for r in carried.closed),
            )
        )
    if carried.decisions:
        blocks.append(
            Table(
                "Decisions needed",
                ("Section", "Decision", "Owner", "Decide by"),
                tuple(
                    (d.section, d.title, d.owner or "–", d.decide_by or "–")
                    for d in carried.decisions
                ),
                deck=False,
            )
        )
    return tuple(blocks)


def status_word(row: ActionRow) -> str:
    """An action's status as the log shows it: "Open", "Blocked · overdue by 6 days"."""
    return row.status.capitalize() + (f" · {row.flag.lower()}" if row.flag else "")


def latest_by_id(history: Sequence[MonthSignal]) -> dict[str, tuple[schema.Action, str]]:
    """Each action's latest record (and the month it came from) across earlier months."""
    latest: dict[str, tuple[schema.Action, str]] = {}
    for signal in history:
        for action in signal.actions or ():
            latest[action.id] = (action, signal.period)
    return latest


def carry_actions(
    month: MonthData, history: Sequence[MonthSignal], last: LastMeeting | None = None
) -> Carried:
    """Merge earlier months' actions with this month's, latest record first; with the last
    meeting's outcomes, what became of each decision it took."""
    latest = latest_by_id(history)
    before = {key: action.status for key, (action, _) in latest.items()}  # as of last meeting
    this = month.meeting.period
    warnings = []
    for n, action in enumerate(month.actions.actions if month.actions else ()):
        earlier = latest.get(action.id)
        if earlier is not None and earlier[0].section != action.section:
            old, period = earlier
            warnings.append(
                month.problem(
                    "actions",
                    ("actions", n, "id"),
                    f"actions[{n}].id: '{action.id}' was '{old.title}' in {old.section} "
                    f"({month_label(period)}); this record replaces it with '{action.title}' in "
                    f"{action.section}. If it is another action, give it its own id",
                )
            )
        if earlier is None or earlier[0] != action:  # a record copied unchanged (as init
            latest[action.id] = (action, this)  # carries them) is no update this month

    today = month.meeting.date
    open_rows, closed_rows = [], []
    ordered = sorted(
        latest.values(), key=lambda item: (_ORDER[item[0].section], item[0].due, item[0].id)
    )
    for action, period in ordered:
        carried = month_label(period) if period != this else ""
        if carried and action.theme and find_theme(action.theme, month.themes) is None:
            warnings.append(  # it would drop off its theme's card without a word
                Problem(
                    month.folder.parent / period / "actions.yaml",
                    f"action {action.id} (its latest record, from {carried}) is about the theme "
                    f"'{action.theme}', which names no customer theme this month, so no theme "
                    f"card shows it; correct its theme, or restate the action in "
                    f"{this}/actions.yaml with this month's theme name",
                )
            )
        if action.status == "done":
            if before.get(action.id) != "done":
                closed_rows.append(_row(action, "", carried))
            continue
        flag = ""
        if action.due < today:
            flag = say("actions.overdue_by", days=(today - action.due).days)
        open_rows.append(_row(action, flag, carried))
    decisions = tuple(
        DecisionRow(
            d.title,
            _TITLES[d.section],
            d.owner or "",
            d.theme or "",
            short_date(d.decide_by) if d.decide_by else "",
            d.decide_by is not None and d.decide_by < today,
        )
        for d in sorted(
            month.actions.decisions if month.actions else (), key=lambda d: _ORDER[d.section]
        )
    )
    rows, unlinked = taken(last, {k: a for k, (a, _) in latest.items()}, today, this)
    return Carried(
        tuple(open_rows),
        tuple(closed_rows),
        decisions,
        (*warnings, *unlinked),
        rows,
        month_label(last.period) if last is not None and rows else "",
        first=not history,
    )


def _row(action: schema.Action, flag: str, carried: str) -> ActionRow:
    return ActionRow(
        action.id,
        action.title,
        action.owner,
        action.due,
        action.status,
        _TITLES[action.section],
        flag,
        action.source or "",
        carried,
        action.theme or "",
    )
