"""Scaffold next month's folder from the latest one: settings copied, open actions carried.

Nothing existing is ever overwritten: a file already in the new folder is kept and reported.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from agenda import schema
from agenda.actions import latest_by_id
from agenda.errors import DataError, Problem, UsageProblem
from agenda.formatting import month_label
from agenda.history import earlier_months
from agenda.resources import templates
from agenda.sources import YamlProblems, iter_month_dirs, load_yaml
from agenda.validate import check_model

SECTION_FILES = ("customer", "employees", "operations", "marketing", "sales", "finance")


@dataclass(frozen=True)
class Scaffolded:
    """What ``init`` did."""

    source: Path
    created: tuple[Path, ...]
    kept: tuple[Path, ...]
    carried: int


def same_weekday(day: dt.date, year: int, month: int) -> dt.date:
    """The same weekday and week of the month (e.g. the third Thursday) in another month."""
    nth = (day.day - 1) // 7
    days = [
        d
        for d in calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == day.weekday()
    ]
    return days[min(nth, len(days) - 1)]


def init_month(target: Path) -> Scaffolded:
    """Create ``target`` (a YYYY-MM folder) from the latest earlier month beside it."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", target.name):
        raise UsageProblem(f"{target}: name the new folder as a month, YYYY-MM (e.g. 2026-12)")
    if target.exists() and not target.is_dir():
        raise UsageProblem(f"{target}: is a file, not a month folder")
    workspace = target.parent
    earlier = [p for p in iter_month_dirs(workspace)] if workspace.is_dir() else []
    earlier = [p for p in earlier if p.name < target.name and (p / "meeting.yaml").exists()]
    if not earlier:
        raise UsageProblem(
            f"{target}: no earlier month folder with a meeting.yaml in {workspace} to start from"
        )
    source = earlier[-1]
    meeting = _meeting(source / "meeting.yaml")
    year, month = (int(p) for p in target.name.split("-"))

    files: dict[str, str] = {
        "meeting.yaml": _meeting_text(
            meeting, target.name, same_weekday(meeting.date, year, month)
        ),
    }
    history, _ = earlier_months(target)
    open_actions = _open_actions(history)
    files["actions.yaml"] = _actions_text(open_actions, source.name)
    for stem in SECTION_FILES:
        files[f"{stem}.yaml"] = (templates() / "scaffold" / f"{stem}.yaml").read_text("utf-8")

    target.mkdir(parents=True, exist_ok=True)
    created, kept = [], []
    for name, text in files.items():
        path = target / name
        try:
            with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
                handle.write(text)
            created.append(path)
        except FileExistsError:
            kept.append(path)
    return Scaffolded(source, tuple(created), tuple(kept), len(open_actions))


def _meeting(path: Path) -> schema.Meeting:
    try:
        file = load_yaml(path)
    except YamlProblems as exc:
        raise DataError(exc.problems) from None
    meeting, problems = check_model(file, schema.Meeting)
    if meeting is None:
        raise DataError(problems or [Problem(path, "cannot read meeting settings")])
    assert isinstance(meeting, schema.Meeting)
    return meeting


def _meeting_text(meeting: schema.Meeting, period: str, date: dt.date) -> str:
    data = meeting.model_dump(exclude_none=True, exclude_defaults=True)
    data["period"] = period
    data["date"] = date
    data.pop("guests", None)
    if "title" in data:
        data["title"] = data["title"].replace(month_label(meeting.period), month_label(period))
    for key in ("minutes", "leads"):
        if not data.get(key):
            data.pop(key, None)
    ordered = {k: data[k] for k in ("organisation", "period", "date") if k in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    body = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)
    return (
        f"# meeting.yaml for {month_label(period)}, copied from {meeting.period}: check the date,\n"
        "# the attendees and the slots. Guests are not copied: add this month's, e.g.\n"
        "# guests:\n#   - {name: ..., organisation: ..., role: ..., chatham_house: true}\n" + body
    )


def _open_actions(history) -> list[schema.Action]:
    return [a for a, _ in latest_by_id(history).values() if a.status != "done"]


def _actions_text(actions: list[schema.Action], source: str) -> str:
    header = (
        f"# actions.yaml: {len(actions)} open action(s) carried from {source} and before.\n"
        "# Update each status (open | done | blocked); add new ones below; mark decisions needed.\n"
    )
    data = {"actions": [a.model_dump(exclude_none=True) for a in actions]}
    body = (
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        if actions
        else ("actions: []\n")
    )
    footer = (
        "# decisions:\n"
        "#   - {title: What the meeting must decide, section: operations, owner: ..., "
        "context: ...}\n"
    )
    return header + body + footer
