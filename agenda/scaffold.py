"""Scaffold next month's folder from the latest one: settings copied, the structure of each
section carried with ``TO FILL`` where this month's values go (see ``agenda.carry``), open
actions carried, and what the last meeting decided (its ``outcomes.yaml``) folded into the log.

The latest month is loaded the way the pipeline loads it (validated, protected guests replaced,
personal data masked), so nothing init writes names a protected guest; a month that does not
load is refused with its located problems, and nothing is written. Nothing existing is ever
overwritten: a file already in the new folder is kept and reported.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from agenda import carry, json_schema, schema
from agenda.actions import latest_by_id
from agenda.errors import AgendaError, DataError, Problem, UsageProblem, shown_path
from agenda.formatting import default_title, month_label, plural
from agenda.history import MonthSignal, month_range, months_before
from agenda.names import fold
from agenda.order import SECTION_KEYS, is_month
from agenda.resources import templates
from agenda.sources import iter_month_dirs
from agenda.validate import MonthData, month_todos

if TYPE_CHECKING:
    from agenda.pipeline import Loaded

#: The month names a title may hold, by language, in the grammatical forms a title uses
#: (nominative; genitive "19 listopada"; locative "w listopadzie"), spelt as the language
#: writes them; a title is matched without case or accents ("pazdziernik", "MARÇ" match).
#: Romance, Slavic and Nordic languages write months in lower case ("Reunió de direcció de
#: novembre"), so a month word counts in any case, except those in ``_ALSO_A_WORD``.
MONTH_NAMES: dict[str, str] = {
    "English": "January, February, March, April, May, June, July, August, September, "
    "October, November, December",
    "English, abbreviated": "Jan, Feb, Mar, Apr, Jun, Jul, Aug, Sept, Sep, Oct, Nov, Dec",
    "Catalan": "gener, febrer, març, abril, maig, juny, juliol, agost, setembre, octubre, "
    "novembre, desembre",
    "Spanish": "enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, "
    "setiembre, octubre, noviembre, diciembre",
    "Portuguese": "janeiro, fevereiro, março, abril, maio, junho, julho, agosto, setembro, "
    "outubro, novembro, dezembro",
    "French": "janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, "
    "novembre, décembre",
    "Italian": "gennaio, febbraio, marzo, aprile, maggio, giugno, luglio, agosto, settembre, "
    "ottobre, novembre, dicembre",
    "German": "Januar, Jänner, Februar, Feber, März, Maerz, April, Mai, Juni, Juli, August, "
    "September, Oktober, November, Dezember",
    "Dutch": "januari, februari, maart, april, mei, juni, juli, augustus, september, "
    "oktober, november, december",
    "Danish, Norwegian, Swedish": "januar, januari, februar, februari, marts, mars, april, "
    "maj, mai, juni, juli, august, augusti, september, oktober, november, december, desember",
    "Polish": "styczeń, luty, marzec, kwiecień, maj, czerwiec, lipiec, sierpień, wrzesień, "
    "październik, listopad, grudzień, "  # nominative
    "stycznia, lutego, marca, kwietnia, maja, czerwca, lipca, sierpnia, września, "
    "października, listopada, grudnia, "  # genitive: "19 listopada"
    "styczniu, lutym, marcu, kwietniu, maju, czerwcu, lipcu, sierpniu, wrześniu, "
    "październiku, listopadzie, grudniu",  # locative: "w listopadzie"
    "Czech": "leden, únor, březen, duben, květen, červen, červenec, srpen, září, říjen, "
    "listopad, prosinec, "  # nominative
    "ledna, února, března, dubna, května, června, července, srpna, října, listopadu, "
    "prosince, "  # genitive: "19. listopadu"
    "lednu, únoru, březnu, dubnu, květnu, červnu, červenci, srpnu, říjnu, prosinci",  # locative
    "Irish": "Eanáir, Feabhra, Márta, Aibreán, Bealtaine, Meitheamh, Iúil, Lúnasa, "
    "Meán Fómhair, Deireadh Fómhair, Samhain, Nollaig",
}


def _folded(text: str) -> str:
    """``text`` in lower case without accents, one character for one, so that a match in it
    is the same span of ``text`` ("Listopadzie" → "listopadzie", "Październik" → "pazdziernik")."""
    return "".join(
        "l" if ch in "łŁ" else (unicodedata.normalize("NFD", ch)[:1] or ch).lower() for ch in text
    )


_MONTH_FORMS = frozenset(
    _folded(word.strip()) for words in MONTH_NAMES.values() for word in words.split(",")
)
#: Month words written in capitals only, or that are abbreviations ("Mar" is also the sea,
#: "samhain" the feast): they count only capitalised or followed by a year, as English writes
#: "Nov 2026".
_CAPITALISED_ONLY = frozenset(
    _folded(w.strip())
    for language in ("English, abbreviated", "Irish")
    for w in MONTH_NAMES[language].split(",")
)
#: Month words that are also ordinary words: "may", "march", "august", "mars" (English), "mayo"
#: (English), "mai" (Catalan "never"), "marca" and "marco" (Spanish, Portuguese, Italian
#: "brand", "frame"), "maja" (a name), "leden" (Dutch "members"). They count when capitalised,
#: followed by a year, after a day ("19 marca") or as a title's last word after a dash or
#: colon ("Porada vedení – leden"); the first group also after a preposition that dates
#: ("de mai", "in march"), where "de marca" may be a brand. Spelt with its accent ("março") a
#: word is only the month.
_ALSO_A_WORD = frozenset({"may", "march", "august", "mars", "mayo", "mai"})
_ALSO_A_NOUN = frozenset({"marca", "marco", "maja", "leden"})
_MONTH_WORD = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(_MONTH_FORMS, key=len, reverse=True)) + r")"
    r"\b(\.?\s*(?:de\s+|del\s+|of\s+)?\d{4}\b)?"
)
_DATING_WORD_BEFORE = re.compile(r"(?:\b(?:de|del|di|of|in|i|im|en|em|w|v|ve)\s+|\bd['’]\s*)$")
_DAY_BEFORE = re.compile(r"\b\d{1,2}\.?\s+$")
_LAST_AFTER_A_DASH = re.compile(r"[-–—:|·,]\s*$")
#: A month in figures: 2026-11, 2026/11, 11/2026, 11-2026, 11.2026 (and inside full dates).
_MONTH_FIGURES = re.compile(r"\b\d{4}[-/](0?[1-9]|1[0-2])\b|\b(0?[1-9]|1[0-2])[-/.]\d{4}\b")


@dataclass(frozen=True)
class FromOutcomes:
    """What ``init`` took from the last meeting's ``outcomes.yaml`` into the action log."""

    new: int = 0  #: actions the log did not hold
    changed: int = 0  #: actions the log held, recorded differently in the room
    closed: int = 0  #: actions closed in the room, carried as done once
    decisions: int = 0  #: decisions taken: listed by the next pack, never asked again
    read: bool = False  #: whether the month had an outcomes.yaml


@dataclass(frozen=True)
class Scaffolded:
    """What ``init`` did, and what it warns about (``path:line:col: warning: message`` lines)."""

    source: Path
    created: tuple[Path, ...]
    kept: tuple[Path, ...]
    carried: int  #: open and blocked actions carried
    warnings: tuple[str, ...] = ()
    outcomes: FromOutcomes = FromOutcomes()
    to_fill: int = 0  #: values left ``TO FILL`` in the new folder's files
    #: the JSON Schemas' folder beside the month folders, and the schemas written there now
    #: (none when they were up to date)
    schemas: Path | None = None
    schemas_written: tuple[Path, ...] = ()


class NotReady(DataError):
    """The month init starts from does not load: it carries its figures, so it must."""

    def __init__(self, problems: list[Problem], source: Path, target: Path):
        super().__init__(problems)
        self.head = (
            f"{shown_path(source)}: agenda init {shown_path(target)} carries this month's "
            "structure, figures and outcomes, so it must check clean first (nothing was "
            "written):"
        )

    def lines(self) -> list[str]:
        return [self.head, *super().lines()]


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
    if not is_month(target.name):
        raise UsageProblem(f"{target}: name the new folder as a month, YYYY-MM (e.g. 2026-12)")
    if target.exists() and not target.is_dir():
        raise UsageProblem(f"{target}: is a file, not a month folder")
    workspace = target.parent
    earlier = [p for p in iter_month_dirs(workspace)] if workspace.is_dir() else []
    earlier = [p for p in earlier if p.name < target.name and (p / "meeting.yaml").exists()]
    if not earlier:
        first = target  # as typed
        raise UsageProblem(
            f"{target}: no earlier month folder with a meeting.yaml in {workspace} to start "
            f"from: init starts a month from the one before it. Start the first month by hand: "
            f"create {first}/ with a meeting.yaml and a customer.yaml (README, 'The data: one "
            "folder per month', has a small but complete month), or copy a month of the "
            f"sample (sample_data/northwind/2026-11) into {first}/ and edit it; check it with "
            f"'agenda validate {first}', and 'agenda init' starts each month after it"
        )
    source = earlier[-1]
    loaded = _load(source, target)
    month = loaded.month
    meeting_file = month.sources["meeting"]  # read once, with the rest of the month
    meeting = month.meeting  # guests' names already replaced in its free text
    year, month_number = (int(p) for p in target.name.split("-"))
    skipped = _skipped(target, source)
    warnings = [skipped.line_for("warning")] if skipped else []
    title_warning = None
    named = month_named(meeting.title) if meeting.title else None
    if named:  # a title naming a month would be wrong next month: leave it to the user
        title_warning = meeting_file.problem(
            ("title",),
            f"title '{meeting.title}' names a month ({named}), so it was not copied to "
            f"{target.name}/meeting.yaml; that pack will be called "
            f"'{default_title(target.name)}' unless you give it a title of its own",
        )
        meeting = meeting.model_copy(update={"title": None})

    # the date the recap announced, when the room set it; else the same weekday of the month
    date = same_weekday(meeting.date, year, month_number)
    agreed = month.outcomes.next_meeting if month.outcomes is not None else None
    if agreed is not None and f"{agreed:%Y-%m}" == target.name:
        date = agreed
    elif agreed is not None:
        warnings.append(
            f"{shown_path(source / 'outcomes.yaml')}: warning: next_meeting "
            f"{agreed.isoformat()} is not in {target.name}, so {target.name}/meeting.yaml "
            f"takes {date.isoformat()}; check the date"
        )
    files: dict[str, str] = {
        "meeting.yaml": _meeting_text(meeting, target.name, date, named is not None),
    }
    log, from_outcomes = _action_log(loaded.history, month)
    files["actions.yaml"] = _actions_text(log, month, from_outcomes, target.name)
    files["customer.yaml"] = carry.customer(month, target.name)
    for stem in SECTION_KEYS[1:]:
        written = carry.WRITERS[stem](month, target.name)
        files[f"{stem}.yaml"] = written if written is not None else _template(stem)
    files["outcomes.yaml"] = _template("outcomes")  # written after the meeting
    files = {name: schema_line(Path(name).stem) + text for name, text in files.items()}

    schemas = workspace / json_schema.FOLDER
    schemas_written, _ = json_schema.write_schemas(schemas)
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
    if title_warning is not None and target / "meeting.yaml" in created:
        warnings.append(title_warning.line_for("warning"))
    try:
        to_fill = len(month_todos(target))
    except AgendaError:  # a kept file the user is editing: validate says what is wrong
        to_fill = 0
    return Scaffolded(
        source,
        tuple(created),
        tuple(kept),
        sum(1 for a in log if a.status != "done"),
        tuple(warnings),
        from_outcomes,
        to_fill,
        schemas,
        tuple(schemas_written),
    )


def schema_line(stem: str) -> str:
    """The first line of each file init writes: the editor's pointer to the file's JSON Schema
    (yaml-language-server's modeline, a path relative to the file), so keys are completed and
    typos flagged while the month is filled in."""
    return (
        f"# yaml-language-server: $schema=../{json_schema.FOLDER}/{json_schema.file_name(stem)}\n"
    )


def _load(source: Path, target: Path) -> Loaded:
    """The month init starts from, as the pipeline loads it, or NotReady with its problems."""
    from agenda.pipeline import load  # the whole loader: only init needs it here

    try:
        return load(source, mask=False)  # guests replaced; contact details kept as typed
    except DataError as exc:
        raise NotReady(exc.problems, source, target) from None


def _template(stem: str) -> str:
    return (templates() / "scaffold" / f"{stem}.yaml").read_text("utf-8")


def month_named(title: str) -> str | None:
    """The first month a title names, as written ("November 2026", "de novembre", "Nov",
    "2026-11"), or None.

    A month word in ``MONTH_NAMES`` counts in any case ("Reunió de direcció de novembre",
    "Posiedzenie zarządu – listopad"), except abbreviations and Irish names, which count when
    capitalised or followed by a year, and the few that are also ordinary words ("what we may
    do", "marching orders", "Reunión de marca"), which need a capital, a year, a day before or
    a place that dates them (see ``_ALSO_A_WORD``). A capitalised "May we..." counts: the title
    is then left for the user to write, with a warning. Figures count as a year and a month
    ("2026-11", "11/2026").
    """
    folded = _folded(title)
    for found in _MONTH_WORD.finditer(folded):
        word, year = found.group(1), found.group(2)
        capitalised = title[found.start()].isupper()
        before = folded[: found.start()]
        as_typed = title[found.start() : found.end(1)].lower()  # "março" is no "marco"
        if word in _CAPITALISED_ONLY or as_typed in _ALSO_A_WORD or as_typed in _ALSO_A_NOUN:
            counts = bool(capitalised or year)
            if word not in _CAPITALISED_ONLY:
                counts = counts or bool(
                    _DAY_BEFORE.search(before)
                    or (as_typed in _ALSO_A_WORD and _DATING_WORD_BEFORE.search(before))
                    or (
                        _LAST_AFTER_A_DASH.search(before)
                        and not folded[found.end() :].strip(" .!?")
                    )
                )
        else:
            counts = True
        if counts:
            return title[found.start() : found.end()]
    figures = _MONTH_FIGURES.search(title)
    return figures.group(0) if figures else None


def _skipped(target: Path, source: Path) -> Problem | None:
    """A warning when ``target`` does not follow ``source``: which months it skips, and why."""
    months = month_range(source.name, months_before(target.name, 1))[1:]
    if not months:
        return None
    count = plural(len(months), "month")
    if len(months) > 6:
        listing = f"{months[0]} to {months[-1]}"
    else:
        listing = ", ".join(months[:-1]) + (" and " if len(months) > 1 else "") + months[-1]
    unready = [m for m in months if (target.parent / m).is_dir()]
    why = ""
    if unready:
        have = "has" if len(unready) == 1 else "have"
        why = f" ({', '.join(unready)} {have} a folder but no meeting.yaml)"
    first = shown_path(target.parent / months[0])
    return Problem(
        target,
        f"starts from {source.name} and skips {count}, {listing}{why}; if "
        f"{'it' if len(months) == 1 else 'any of them'} had a meeting, start it first: "
        f"agenda init {first}",
    )


def _meeting_text(
    meeting: schema.Meeting, period: str, date: dt.date, title_dropped: bool = False
) -> str:
    data = meeting.model_dump(exclude_none=True, exclude_defaults=True)
    data["period"] = period
    data["date"] = date
    data.pop("guests", None)
    for key in ("minutes", "leads", "purposes"):
        if not data.get(key):
            data.pop(key, None)
    ordered: dict[str, Any] = {k: data[k] for k in ("organisation", "period", "date") if k in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    body = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)
    title = ""
    if title_dropped:
        title = (
            "# The title was not copied: it named a month. Add this month's, e.g.\n"
            f"# title: {default_title(period)}   (the title when none is given)\n"
        )
    return (
        f"# meeting.yaml for {month_label(period)}, copied from {meeting.period}: check the date,\n"
        "# the attendees and the slots. Guests are not copied: add this month's, e.g.\n"
        "# guests:\n#   - {name: ..., organisation: ..., role: ..., chatham_house: true}\n"
        + title
        + body
    )


#: An action's optional fields that a record in outcomes.yaml keeps from the log when it does
#: not restate them: the room changed the owner or the date, not what the action is about.
_KEPT = ("theme", "source")


def _action_log(
    history: Sequence[MonthSignal], month: MonthData
) -> tuple[list[schema.Action], FromOutcomes]:
    """The actions next month's file carries: each one's latest record across earlier months
    and this one, then the last meeting's outcomes.yaml over them (the room's word wins).

    Open and blocked actions are carried. A done one is carried only when the room closed it
    (the log held it open): once, as done, so next month's pack lists it under "closed since
    last meeting"; the month after, init leaves it out like every done action.
    """
    latest = latest_by_id(history)
    for action in month.actions.actions if month.actions else ():
        latest[action.id] = (action, month.meeting.period)
    before = {key: action.status for key, (action, _) in latest.items()}
    outcomes = month.outcomes
    new = changed = closed = 0
    closed_ids = set()
    for action in outcomes.actions if outcomes else ():
        earlier = latest.get(action.id)
        if earlier is not None:  # what the room did not restate is kept from the log
            kept = {k: getattr(earlier[0], k) for k in _KEPT if getattr(action, k) is None}
            action = action.model_copy(update=kept)
        if action.status == "done" and before.get(action.id) != "done":
            closed += 1
            closed_ids.add(action.id)
        elif earlier is None:
            new += 1
        elif earlier[0] != action:
            changed += 1
        latest[action.id] = (action, month.meeting.period)
    log = [a for a, _ in latest.values() if a.status != "done" or a.id in closed_ids]
    return log, FromOutcomes(
        new,
        changed,
        closed,
        len(outcomes.decisions) if outcomes else 0,
        month.outcomes is not None,  # read as the loader found it (.yaml or .yml)
    )


def _actions_text(
    actions: Sequence[schema.Action], month: MonthData, taken: FromOutcomes, target: str
) -> str:
    source = month.meeting.period
    still = sum(1 for a in actions if a.status != "done")
    said = [
        f"actions.yaml for {month_label(target)}: {still} open action(s) carried from "
        f"{source} and before."
    ]
    if taken.read:
        said.append(
            f"From {source}/outcomes.yaml (what the meeting decided): {taken.new} new, "
            f"{taken.changed} changed and {taken.closed} closed action(s), the room's record "
            "over the log's. A closed one is carried once, as done, so this month's pack lists "
            'it under "closed since last meeting"; next month\'s init leaves it out. '
            f"The {plural(taken.decisions, 'decision')} taken there "
            f"{'is' if taken.decisions == 1 else 'are'} not asked again: this month's pack "
            f"lists {'it' if taken.decisions == 1 else 'them'}, with "
            f"{'its' if taken.decisions == 1 else 'their'} result, from {source}/outcomes.yaml."
        )
    else:
        said.append(
            f"{source} has no outcomes.yaml, so nothing decided at that meeting is carried. To "
            f"carry it, write {source}/outcomes.yaml, delete this file and run agenda init "
            "again (it only writes files that are missing)."
        )
    taken_titles = {fold(d.title) for d in (month.outcomes.decisions if month.outcomes else ())}
    asked = [
        d.title
        for d in (month.actions.decisions if month.actions else ())
        if fold(d.title) not in taken_titles
    ]
    if asked and taken.read:
        said.append(
            f"Asked at the {source} meeting and not recorded there as taken (add again under "
            "decisions: any still open): " + "; ".join(asked) + "."
        )
    said.append("Update each status (open | done | blocked); add new ones; mark decisions needed.")
    header = "".join(f"# {line}\n" for paragraph in said for line in textwrap.wrap(paragraph, 96))
    data = {"actions": [a.model_dump(exclude_none=True) for a in actions]}
    body = (
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        if actions
        else ("actions: []\n")
    )
    footer = (
        "# decisions:\n"
        "#   - title: What the meeting must decide\n"
        "#     section: operations\n"
        "#     owner: ...\n"
        "#     context: ...\n"
        "#     options: [A first option, A second option]   # or {name, cost, risk} each\n"
        "#     recommendation: A first option, because ...\n"
        "#     cost: £180k over December–March               # free text, never computed\n"
        "#     risk: ...\n"
        "#     decide_by: 2026-12-17\n"
    )
    return header + body + footer
