"""Build a whole workspace at once: every month, or every unit's months, in parallel processes.

A workspace is either one organisation (``<workspace>/<YYYY-MM>/``) or a group of units
(``<workspace>/<unit>/<YYYY-MM>/``). Each pack is built in its own process, so one failing unit
never stops the others; packs whose inputs have not changed since their last build are skipped
(a content fingerprint per pack is kept in the output folder). A multi-unit workspace also gets a
group roll-up per month.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agenda import __version__
from agenda.errors import AgendaError, DataError, Problem, UsageProblem, record
from agenda.formatting import plural
from agenda.history import window_start
from agenda.order import is_month
from agenda.text import say

if TYPE_CHECKING:
    from agenda.schema import WorkspaceSettings

MANIFEST = ".agenda-built.json"


@dataclass(frozen=True)
class Job:
    """One pack to build."""

    unit: str  #: the unit's folder name, or "" for a one-organisation workspace
    month_dir: Path
    out_dir: Path

    @property
    def key(self) -> str:
        return f"{self.unit}/{self.month_dir.name}" if self.unit else self.month_dir.name


@dataclass(frozen=True)
class Outcome:
    """What happened to one pack."""

    unit: str
    period: str
    result: str  #: "built", "skipped" or "failed"
    detail: str
    seconds: float = 0.0
    files: tuple[str, ...] = ()
    fingerprint: str = ""
    #: Why a pack failed, short and safe to print in the group pack: the kind of problem and
    #: the first problem's file ("data error in customer.yaml"), never its message, which may
    #: quote the data (a protected guest's name).
    reason: str = ""
    #: The located problems (a failure's errors, a build's warnings) as ``--json`` gives them
    #: (``agenda.errors.record``): for a CI pipeline, never for the group pack.
    problems: tuple[dict[str, Any], ...] = ()


def _failed(
    job: Job, exc: BaseException, detail: str, started: float, problems: tuple[dict[str, Any], ...]
) -> Outcome:
    """The outcome of a pack that could not be built: its first problem, how long it took to
    fail, the reason in short and every problem as a record (for --json)."""
    took = time.perf_counter() - started
    reason = _reason(exc, job.month_dir)
    return Outcome(
        job.unit, job.month_dir.name, "failed", detail, took, reason=reason, problems=problems
    )


def _reason(exc: BaseException, month_dir: Path) -> str:
    """A failure's short reason: "data error in customer.yaml", "template error", ..."""
    if isinstance(exc, DataError):
        path = exc.problems[0].path if exc.problems else None
        if path is None:
            return say("group.reason_data_error", file="")
        name = path.name
        if path.parent.name != month_dir.name and is_month(path.parent.name):
            name = f"{path.parent.name}/{name}"  # an earlier month's file
        return say("group.reason_data_error", file=name)
    if isinstance(exc, AgendaError):
        return exc.category.lower()
    return say("group.reason_internal_error")


def _months(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and is_month(p.name))


def find_jobs(workspace: Path, out_root: Path, month: str | None = None) -> list[Job]:
    """Every pack a workspace holds (or only the given month's), oldest first, by unit."""
    if not workspace.is_dir():
        raise UsageProblem(f"{workspace}: no such workspace folder")
    own = _months(workspace)
    if own:
        units = [("", own, out_root)]
    else:
        units = [
            (p.name, _months(p), out_root / p.name)
            for p in sorted(workspace.iterdir())
            if p.is_dir() and _months(p)
        ]
    if not units:
        raise UsageProblem(
            f"{workspace}: holds no month folders (YYYY-MM/) nor unit folders containing them"
        )
    jobs = [
        Job(unit, month_dir, out)
        for unit, months, out in units
        for month_dir in months
        if month is None or month_dir.name == month
    ]
    if not jobs:
        raise UsageProblem(f"{workspace}: no unit has a {month} folder")
    return jobs


def fingerprint(job: Job, options: tuple[str, ...], template: Path | None = None) -> str:
    """A hash of everything the pack depends on: this month, the months it reads, settings,
    and the look (templates and logo)."""
    from agenda.look import load_look

    digest = hashlib.sha256(f"{__version__}|{'|'.join(options)}".encode())
    try:
        look = load_look(job.month_dir, template, check=False)
        for part in (look.pptx, look.docx, look.logo):
            if part is not None:
                digest.update(part.read_bytes())
    except AgendaError:
        digest.update(b"no usable look")  # the build itself will report it
    unit_dir = job.month_dir.parent
    oldest = window_start(job.month_dir.name)
    inputs = [p for p in _months(unit_dir) if oldest <= p.name <= job.month_dir.name]
    files = [f for month in inputs for f in sorted(month.iterdir()) if f.is_file()]
    # open actions carry over from any earlier month, so every earlier actions.yaml counts
    older = [p for p in _months(unit_dir) if p.name < oldest]
    files += [month / "actions.yaml" for month in older if (month / "actions.yaml").is_file()]
    for config in (unit_dir / "agenda.yaml", unit_dir.parent / "agenda.yaml"):
        if config.is_file():
            files.append(config)
    for path in files:
        digest.update(str(path.relative_to(unit_dir.parent)).encode())
        with path.open("rb") as handle:
            for chunk in iter(partial(handle.read, 1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_manifest(folder: Path, entries: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{MANIFEST}.tmp"
    tmp.write_text(json.dumps(entries, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def _build_one(job: Job, options: dict[str, Any], print_: str) -> Outcome:
    """Build one pack in a worker process; every error becomes an outcome, never a crash."""
    from agenda.pipeline import build

    started = time.perf_counter()
    try:
        built = build(job.month_dir, job.out_dir, **options)
    except AgendaError as exc:
        first = exc.lines()
        detail = first[0] + (f" (+{len(first) - 1} more)" if len(first) > 1 else "")
        return _failed(job, exc, detail, started, tuple(exc.records()))
    except Exception as exc:  # a bug must not stop the other units
        detail = f"internal error: {type(exc).__name__}: {exc}"
        return _failed(job, exc, detail, started, (record(Problem(None, detail), "error"),))
    names = tuple(p.name for p in built.paths)
    warned = len(built.pack.warnings)
    detail = f"{len(names)} files"
    if warned:  # build-all prints no warnings itself: say how many, and where to read them
        detail += f", {plural(warned, 'warning')} (agenda validate {job.month_dir} lists them)"
    return Outcome(
        job.unit,
        job.month_dir.name,
        "built",
        detail,
        time.perf_counter() - started,
        names,
        print_,
        problems=tuple(record(w, "warning") for w in built.pack.warnings),
    )


def run_all(
    workspace: Path,
    out_root: Path,
    *,
    month: str | None = None,
    workers: int | None = None,
    force: bool = False,
    nps_framing: str | None = None,
    template: Path | None = None,
    pdf: bool = False,
    strict: bool = False,
    rollup: bool = True,
    progress: Callable[[Iterator[Outcome], int], Iterator[Outcome]] | None = None,
    formats: Sequence[str] | None = None,
    notes_pdf: bool = False,
) -> list[Outcome]:
    """Build every pack of the workspace; return one outcome per pack (and per group pack).

    ``formats``, ``pdf`` and ``notes_pdf`` are as for one ``agenda build``, for every pack."""
    from packs.formats import chosen

    chosen(formats, pdf=pdf, notes_pdf=notes_pdf)  # a wrong choice stops before any work
    jobs = find_jobs(workspace, out_root, month)
    options = {
        "nps_framing": nps_framing,
        "template": template,
        "pdf": pdf,
        "strict": strict,
        "formats": formats,
        "notes_pdf": notes_pdf,
    }
    option_key = (
        str(nps_framing),
        str(template),
        str(pdf),
        str(strict),
        ",".join(formats or ()),
        str(notes_pdf),
    )
    outcomes: list[Outcome] = []
    todo: list[tuple[Job, str]] = []
    for job in jobs:
        print_ = fingerprint(job, option_key, template)
        entry = _read_manifest(job.out_dir).get(job.key, {})
        have = all((job.out_dir / name).exists() for name in entry.get("files", []))
        if not force and entry.get("fingerprint") == print_ and entry.get("files") and have:
            outcomes.append(
                Outcome(
                    job.unit,
                    job.month_dir.name,
                    "skipped",
                    "up to date",
                    files=tuple(entry["files"]),
                    fingerprint=print_,
                )
            )
        else:
            todo.append((job, print_))

    done: list[Outcome] = []
    if todo:
        count = workers or os.cpu_count() or 1
        with ProcessPoolExecutor(max_workers=min(count, len(todo))) as pool:
            futures = [pool.submit(_build_one, job, options, print_) for job, print_ in todo]
            finished = (f.result() for f in as_completed(futures))
            for outcome in progress(finished, len(futures)) if progress else finished:
                done.append(outcome)
    by_key = {(o.unit, o.period): o for o in done}
    for job, _ in todo:
        outcome = by_key[(job.unit, job.month_dir.name)]
        outcomes.append(outcome)
        manifest = _read_manifest(job.out_dir)
        if outcome.result == "built":
            manifest[job.key] = {"fingerprint": outcome.fingerprint, "files": list(outcome.files)}
        else:
            manifest.pop(job.key, None)
        _write_manifest(job.out_dir, manifest)

    if rollup and any(job.unit for job in jobs):
        written = {"formats": formats, "pdf": pdf, "notes_pdf": notes_pdf}
        outcomes += _rollups(workspace, out_root, jobs, outcomes, force, template, written)
    order = {"": 0}
    return sorted(
        outcomes, key=lambda o: (o.unit == "group", order.get(o.unit, 1), o.unit, o.period)
    )


def _rollups(
    workspace: Path,
    out_root: Path,
    jobs: list[Job],
    outcomes: list[Outcome],
    force: bool,
    template: Path | None,
    written: dict[str, Any],
) -> list[Outcome]:
    """One group pack per month, from the units whose pack for that month built or is current.

    A unit whose pack failed, or whose month cannot be read for the group, is left out and
    named in the group pack itself with a short reason that quotes none of its data.
    """
    from agenda.look import load_look
    from agenda.pipeline import load
    from agenda.rollup import LeftOut, Unit, compose_group
    from packs import write_all

    ok = {(o.unit, o.period): o for o in outcomes if o.result in ("built", "skipped")}
    failed = {(o.unit, o.period): o for o in outcomes if o.result == "failed"}
    out_dir = out_root / "group"
    manifest = _read_manifest(out_dir)
    results = []
    for period in sorted({job.month_dir.name for job in jobs}):
        members = [job for job in jobs if job.month_dir.name == period and (job.unit, period) in ok]
        if not members:
            continue
        left_out = [
            LeftOut(job.unit, failed[(job.unit, period)].reason or say("group.reason_failed"))
            for job in jobs
            if job.month_dir.name == period and (job.unit, period) in failed
        ]
        print_ = hashlib.sha256(
            "|".join(
                [
                    repr(sorted(written.items())),
                    *sorted(ok[(j.unit, period)].fingerprint for j in members),
                    *sorted(f"left out {u.name}: {u.reason}" for u in left_out),
                ]
            ).encode()
        ).hexdigest()
        entry = manifest.get(period, {})
        if (
            not force
            and entry.get("fingerprint") == print_
            and all((out_dir / n).exists() for n in entry.get("files", []))
        ):
            results.append(
                Outcome("group", period, "skipped", "up to date", files=tuple(entry["files"]))
            )
            continue
        started = time.perf_counter()
        units = []
        for job in members:
            try:
                units.append(Unit(job.unit, load(job.month_dir)))
            except Exception as exc:  # one unreadable unit is left out, not the whole group
                left_out.append(LeftOut(job.unit, _reason(exc, job.month_dir)))
        try:
            if not units:
                raise UsageProblem(
                    "no unit could be read for the group pack: "
                    + "; ".join(f"{u.name} ({u.reason})" for u in left_out)
                )
            settings = _group_settings(workspace)
            group = _group_name(workspace, settings)
            pack = compose_group(group, period, units, left_out=left_out, settings=settings)
            look = load_look(members[0].month_dir, template, check=False)
            paths = write_all(pack, out_dir, look, **written)
        except AgendaError as exc:
            detail, records = exc.lines()[0], exc.records()
        except Exception as exc:  # a bug in one roll-up must not stop the rest of the run
            detail = f"internal error: {type(exc).__name__}: {exc}"
            records = [record(Problem(None, detail), "error")]
        else:
            detail = ""
        if detail:
            took = time.perf_counter() - started
            results.append(
                Outcome("group", period, "failed", detail, took, problems=tuple(records))
            )
            manifest.pop(period, None)
            continue
        names = tuple(p.name for p in paths)
        detail = plural(len(units), "unit") + (
            f" ({len(left_out)} left out: failed)" if left_out else ""
        )
        theirs = {id(w) for u in units for w in u.loaded.warnings}  # each unit reports its own
        own = [w for w in pack.warnings if id(w) not in theirs]
        if own:
            detail += f", {plural(len(own), 'warning')}: " + "; ".join(w.message for w in own)
        results.append(
            Outcome(
                "group",
                period,
                "built",
                detail,
                time.perf_counter() - started,
                names,
                problems=tuple(record(w, "warning") for w in own),
            )
        )
        manifest[period] = {"fingerprint": print_, "files": list(names)}
    if results:
        _write_manifest(out_dir, manifest)
    return results


def _group_settings(workspace: Path) -> WorkspaceSettings:
    """The group's own agenda.yaml (beside the unit folders), or defaults when it has none or
    it is broken (the unit builds report a broken agenda.yaml themselves)."""
    from agenda import schema
    from agenda.look import CONFIG, settings_in

    try:
        settings, _ = settings_in(workspace / CONFIG)
    except AgendaError:
        return schema.WorkspaceSettings()
    return settings


def _group_name(workspace: Path, settings: WorkspaceSettings) -> str:
    """The group's name from agenda.yaml's ``group``, else from the workspace folder."""
    if settings.group:
        return settings.group
    return workspace.resolve().name.replace("-", " ").replace("_", " ").title()
