"""The ``agenda`` command: build and validate a month's customer-first leadership pack.

Heavy libraries (python-docx, python-pptx, jinja2) are imported inside commands so that
``agenda --help`` answers at once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from agenda.errors import AgendaError, Problem, UsageProblem, did_you_mean
from packs.formats import FORMATS, default_formats

if TYPE_CHECKING:  # the pipeline is imported by the commands that run it, not at start-up
    from agenda.pipeline import Around

#: A command function, as click's decorators take and return it.
F = TypeVar("F", bound=Callable[..., Any])

MONTH_DIR = click.Path(path_type=Path, file_okay=True, dir_okay=True)
NPS_FRAMING = click.option(
    "--nps-framing",
    type=click.Choice(["neutral", "target"]),
    default=None,
    help="How NPS is framed: 'neutral' (number, sample and change, no good/bad: the default) "
    "or 'target' (on track / off track against nps.target). Overrides meeting.yaml.",
)
TEMPLATE = click.option(
    "--template",
    type=click.Path(path_type=Path),
    default=None,
    help="A theme folder (base.pptx, base.docx, optional theme.yaml) or a shipped theme name "
    "(default, harbour). Overrides the workspace's agenda.yaml.",
)
STRICT = click.option(
    "--strict",
    is_flag=True,
    help="Treat every warning as an error (exit 65): for pipelines that must not publish a "
    "pack with anything odd in it.",
)
REDACTION_REPORT = click.option(
    "--redaction-report",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write each Chatham House replacement (file, line, the words around it) to this file, "
    "to check before the pack is sent. It quotes the protected names: keep it out of the "
    "output folder (refused there).",
)
PDF = click.option(
    "--pdf",
    is_flag=True,
    help="Also write PDFs of the Word pack and the deck (needs LibreOffice installed).",
)


def _formats(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...]:
    """--format: names from the formats table, comma-separated; a usage error names them."""
    if value is None:
        return default_formats()
    names = tuple(dict.fromkeys(n.strip().lower() for n in value.split(",") if n.strip()))
    valid = list(FORMATS)
    for name in names:
        if name not in FORMATS:
            raise click.BadParameter(
                f"unknown format '{name}' ({did_you_mean(name, valid)}); the formats are "
                f"{', '.join(valid)}, comma-separated (e.g. --format {','.join(valid)})"
            )
    if not names:
        raise click.BadParameter(f"name at least one format: {', '.join(valid)}")
    return names


FORMAT = click.option(
    "--format",
    "formats",
    default=None,
    callback=_formats,
    metavar="LIST",
    help=f"The formats to write, comma-separated: {', '.join(FORMATS)} (default "
    f"{','.join(default_formats())}). html is one self-contained page of the pack.",
)
NOTES_PDF = click.option(
    "--notes-pdf",
    is_flag=True,
    help="Also write the facilitator's print, …-notes.pdf: each slide above its speaker notes, "
    "one page per slide (needs LibreOffice 7.4 or newer). Works with or without --pdf.",
)


QUIET = click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Print nothing on success: only errors, on stderr (warnings are not printed).",
)
JSON = click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the result as one JSON document on stdout, for CI pipelines: every problem "
    "with its file, line, column, severity and message (see the README). Exit codes are "
    "unchanged.",
)


def out_option(help_text: str) -> Callable[[F], F]:
    """The --out option, worded for its command."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(path_type=Path),
        default=Path("out"),
        show_default=True,
        help=help_text,
    )


def _fail(exc: AgendaError) -> NoReturn:
    for line in exc.lines():
        click.echo(line, err=True)
    sys.exit(exc.exit_code)


def _echo(quiet: bool) -> Callable[[str], None]:
    """``click.echo`` to stdout, or nothing under ``--quiet``."""
    return (lambda _line: None) if quiet else click.echo


def _print_json(document: dict[str, Any], exit_code: int) -> NoReturn:
    """The --json document on stdout, then the command's usual exit code."""
    import json

    click.echo(json.dumps({**document, "exit_code": exit_code}, indent=2, ensure_ascii=False))
    sys.exit(exit_code)


def _outside(report: Path | None, out_dir: Path) -> None:
    """The redaction report quotes protected names: it never lands beside the pack."""
    if report is not None and report.resolve().is_relative_to(out_dir.resolve()):
        raise UsageProblem(
            f"--redaction-report {report}: the report names the protected guests, so it may not "
            f"be written into the output folder {out_dir}; choose a file outside it"
        )


def _warn(warnings: Iterable[Problem], quiet: bool = False) -> None:
    """Print located warnings as ``path:line:col: warning: message`` (clickable in editors);
    none under ``--quiet``."""
    for warning in () if quiet else warnings:
        click.echo(warning.line_for("warning"), err=True)


def _show_version(ctx: click.Context) -> None:
    """Print the version (read from the package only when asked) and stop."""
    if not ctx.resilient_parsing:
        from agenda import __version__

        click.echo(f"agenda, version {__version__}")
        ctx.exit()


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: agenda build sample_data/northwind/2026-11 --out out/",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _show_version(ctx) if value else None,
    help="Show the version and exit.",
)
def cli() -> None:
    """Turn a month folder of YAML files into a customer-first leadership pack.

    Every pack runs in the same order (Customer, Employees, Operations, Marketing,
    Sales, Finance) and opens with customers' stories before any number. A month
    folder (e.g. 2026-11/) holds meeting.yaml and customer.yaml (both required) and
    optionally employees.yaml, operations.yaml, marketing.yaml, sales.yaml,
    finance.yaml, actions.yaml and a survey export (responses.csv). Earlier month
    folders beside it give the change since last month.
    """


@cli.command(short_help="Build the Word pack and the deck for MONTH_DIR.")
@click.argument("month_dir", type=MONTH_DIR)
@out_option("Folder to write the pack's files into (created if missing).")
@NPS_FRAMING
@TEMPLATE
@FORMAT
@PDF
@NOTES_PDF
@STRICT
@REDACTION_REPORT
@QUIET
def build(
    month_dir: Path,
    out_dir: Path,
    nps_framing: str | None,
    template: Path | None,
    formats: tuple[str, ...],
    pdf: bool,
    notes_pdf: bool,
    strict: bool,
    redaction_report: Path | None,
    quiet: bool,
) -> None:
    """Build the Word pack and the PowerPoint deck (or --format's) for MONTH_DIR.

    Checks every file first; on any problem nothing is written and each problem is
    listed as file:line:column. All the files land together, or none does.
    """
    from agenda.pipeline import build as run_build

    try:
        _outside(redaction_report, out_dir)
        built = run_build(
            month_dir,
            out_dir,
            nps_framing=nps_framing,
            template=template,
            formats=formats,
            pdf=pdf,
            notes_pdf=notes_pdf,
            strict=strict,
            redaction_report=redaction_report,
        )
    except AgendaError as exc:
        _fail(exc)
    _warn(built.pack.warnings, quiet)
    echo = _echo(quiet)
    echo(f"Built the {built.pack.cover.period_label} pack for {built.pack.cover.organisation}:")
    for path in built.paths:
        echo(f"  {path}")
    for notice in built.pack.notices:
        echo(notice)


@cli.command(short_help="Check MONTH_DIR and report every problem at once.")
@click.argument("month_dir", type=MONTH_DIR)
@NPS_FRAMING
@STRICT
@REDACTION_REPORT
@JSON
@QUIET
@click.option(
    "--todo",
    is_flag=True,
    help="Print only the values still TO FILL, grouped by file with a count per file and a "
    "total (to send each department its own list). Exit 0 when nothing is left to fill, "
    "1 when something is.",
)
def validate(
    month_dir: Path,
    nps_framing: str | None,
    strict: bool,
    redaction_report: Path | None,
    as_json: bool,
    quiet: bool,
    todo: bool,
) -> None:
    """Check every file in MONTH_DIR and report all problems at once; writes nothing.

    Exit code 0 when the month is ready to build, 1 when the only problems are values
    still TO FILL (each listed by file), 65 when the data has problems, 2 when MONTH_DIR
    is not a month folder.
    """
    from agenda.errors import record, shown_path
    from agenda.look import load_look
    from agenda.pipeline import prepare

    if todo:
        _todo(month_dir, as_json, quiet)
    document: dict[str, Any] = {"command": "validate", "month": shown_path(month_dir)}
    try:
        pack = prepare(
            month_dir, nps_framing=nps_framing, strict=strict, redaction_report=redaction_report
        )
        look = load_look(month_dir)
    except AgendaError as exc:
        if as_json:
            _print_json(
                {**document, "ok": False, "problems": exc.records(), "summary": None},
                exc.exit_code,
            )
        _fail(exc)
    filled = sum(1 for s in pack.sections if s.has_data)
    if as_json:
        summary = {
            "organisation": pack.cover.organisation,
            "period": month_dir.resolve().name,
            "period_label": pack.cover.period_label,
            "sections_with_data": filled,
            "sections": len(pack.sections),
            "theme": look.name,
        }
        warnings = [record(w, "warning") for w in pack.warnings]
        _print_json({**document, "ok": True, "problems": warnings, "summary": summary}, 0)
    _warn(pack.warnings, quiet)
    _echo(quiet)(
        f"{month_dir}: OK. {pack.cover.organisation}, {pack.cover.period_label}: "
        f"{filled} of {len(pack.sections)} sections {'has' if filled == 1 else 'have'} data; "
        f"theme '{look.name}'."
    )


def _todo(month_dir: Path, as_json: bool, quiet: bool) -> NoReturn:
    """validate --todo: the values still TO FILL, by file, on stdout; exit 0 when none."""
    from agenda.errors import TODO_EXIT, record, shown_path, todo_lines
    from agenda.validate import month_todos

    document: dict[str, Any] = {"command": "validate --todo", "month": shown_path(month_dir)}
    try:
        todos = month_todos(month_dir)
    except AgendaError as exc:
        if as_json:
            _print_json({**document, "ok": False, "problems": exc.records()}, exc.exit_code)
        _fail(exc)
    code = TODO_EXIT if todos else 0
    if as_json:
        _print_json(
            {**document, "ok": not todos, "problems": [record(t, "todo") for t in todos]}, code
        )
    if not todos:
        _echo(quiet)(f"{month_dir}: nothing left to fill.")
        sys.exit(0)
    for line in todo_lines(todos):
        click.echo(line)
    sys.exit(TODO_EXIT)


@cli.command(short_help="Start the next month's folder from the latest one.")
@click.argument("next_month_dir", type=click.Path(path_type=Path))
@QUIET
def init(next_month_dir: Path, quiet: bool) -> None:
    """Start NEXT_MONTH_DIR (e.g. 2026-12/) from the latest month beside it.

    Copies the meeting settings with the date moved to the same weekday of the month,
    carries each section's structure (SLAs, finance measures, themes, NPS source,
    programmes that go on...) with TO FILL where this month's values go, carries every
    open action over with what the last meeting's outcomes.yaml recorded, and leaves
    outcomes.yaml as a commented template. An existing file is never overwritten.
    Each file's first line points an editor at its JSON Schema, written (or brought up
    to date) in .schemas/ beside the month folders.
    """
    from agenda.errors import shown_path
    from agenda.scaffold import init_month

    try:
        done = init_month(next_month_dir)
    except AgendaError as exc:
        _fail(exc)
    echo = _echo(quiet)
    echo(
        f"Started {next_month_dir} from {done.source.name}: "
        f"{done.carried} open action(s) carried over."
    )
    taken = done.outcomes
    if taken.read:
        echo(
            f"From {done.source.name}/outcomes.yaml: {taken.new} new, {taken.changed} changed "
            f"and {taken.closed} closed action(s) carried into actions.yaml; its "
            f"{taken.decisions} decision(s) are listed by the next pack, not asked again."
        )
    for path in done.created:
        echo(f"  created {path}")
    for path in done.kept:
        echo(f"  kept    {path} (already there, not overwritten)")
    if done.schemas is not None:
        state = f"{len(done.schemas_written)} written" if done.schemas_written else "up to date"
        echo(f"  schemas {shown_path(done.schemas)}/ ({state}): editors check each file with them")
    for warning in () if quiet else done.warnings:  # "path:line:col: warning: message" lines
        click.echo(warning, err=True)
    echo(
        f"Next: {done.to_fill} value(s) are TO FILL; list them, file by file, with: "
        f"agenda validate --todo {next_month_dir}"
    )


@cli.command(short_help="Write the meeting invite (.ics) for MONTH_DIR.")
@click.argument("month_dir", type=MONTH_DIR)
@out_option("Folder to write the .ics into (created if missing).")
@STRICT
@QUIET
def invite(month_dir: Path, out_dir: Path, strict: bool, quiet: bool) -> None:
    """Write the meeting invite for MONTH_DIR: an iCalendar (.ics) file to send or import.

    Starts at the first slot and ends with the last, on the meeting's date, in its
    timezone (meeting.yaml `timezone:`, default Europe/London); the description gives the
    running order with each slot's lead and purpose. Attendees with an `email` are invited.
    No guest is named in it. Checks every file first; on any problem nothing is written.
    """
    from agenda.invite import prepare_invite
    from packs.ical import write_ics
    from packs.output import atomic_outputs

    try:
        made, pack = prepare_invite(month_dir, strict=strict)
        target = out_dir / made.file_name
        with atomic_outputs([target]) as (temporary,):
            write_ics(made, temporary)
    except AgendaError as exc:
        _fail(exc)
    _warn(pack.warnings, quiet)
    echo = _echo(quiet)
    echo(
        f"Wrote the invite for {pack.cover.organisation}, {pack.cover.date_label} "
        f"{made.start:%H:%M}–{made.end:%H:%M} ({made.timezone}), "
        f"{len(made.attendees)} attendee(s) invited:"
    )
    echo(f"  {target}")
    for notice in pack.notices:
        echo(notice)


@cli.command(short_help="Write a department's Word brief for MONTH_DIR.")
@click.argument("month_dir", type=MONTH_DIR)
@click.option(
    "--section",
    "sections",
    multiple=True,
    metavar="KEY",
    help="The department to brief: customer, employees, operations, marketing, sales or "
    "finance (repeat for several).",
)
@click.option("--all", "every", is_flag=True, help="Brief every section that has data.")
@out_option("Folder to write the briefs into (created if missing).")
@TEMPLATE
@NPS_FRAMING
@QUIET
def brief(
    month_dir: Path,
    sections: tuple[str, ...],
    every: bool,
    out_dir: Path,
    template: Path | None,
    nps_framing: str | None,
    quiet: bool,
) -> None:
    """Write a department's short Word brief for MONTH_DIR, before the meeting.

    It opens with the customer results tied to the department (what improved first),
    then its own figures, the questions the meeting will ask it, the decision it asks
    for and its actions: <organisation>-<YYYY-MM>-<section>-brief.docx.
    """
    from agenda.pipeline import briefs

    try:
        if every == bool(sections):
            raise UsageProblem(
                "name a department with --section KEY (e.g. --section operations), or give "
                "--all for every section with data; not both"
            )
        done = briefs(
            month_dir,
            out_dir,
            sections=None if every else sections,
            template=template,
            nps_framing=nps_framing,
        )
    except AgendaError as exc:
        _fail(exc)
    _report(
        done,
        f"Wrote {len(done.paths)} brief(s) for {done.pack.cover.period_label}:",
        [f"  no brief for {title}: no data this month" for title in done.skipped],
        quiet=quiet,
    )


@cli.command(short_help="Write the recap of MONTH_DIR's meeting, after it.")
@click.argument("month_dir", type=MONTH_DIR)
@out_option("Folder to write the recap into (created if missing).")
@TEMPLATE
@QUIET
def recap(month_dir: Path, out_dir: Path, template: Path | None, quiet: bool) -> None:
    """Write the recap of MONTH_DIR's meeting from its outcomes.yaml, after the meeting.

    Decisions taken, new and changed actions by owner with due dates, what each
    department takes away, overdue actions still open and the next meeting's date, as
    <organisation>-<YYYY-MM>-recap.docx and a Markdown e-mail body, ...-recap.md.
    """
    from agenda.pipeline import recap as write_recap

    try:
        done = write_recap(month_dir, out_dir, template=template)
    except AgendaError as exc:
        _fail(exc)
    _report(done, f"Wrote the recap of the {done.pack.cover.period_label} meeting:", quiet=quiet)


def _report(done: Around, heading: str, more: Iterable[str] = (), *, quiet: bool) -> None:
    """What a brief or recap wrote: its warnings, the files, then anything else to say."""
    _warn(done.pack.warnings, quiet)
    echo = _echo(quiet)
    echo(heading)
    for path in done.paths:
        echo(f"  {path}")
    for line in (*more, *done.notices):
        echo(line)


@cli.command("build-all", short_help="Build every pack in WORKSPACE, in parallel.")
@click.argument("workspace", type=click.Path(path_type=Path))
@out_option("Folder for the packs: one subfolder per unit, and group/ for the roll-ups.")
@click.option("--month", default=None, help="Build only this month (YYYY-MM) of every unit.")
@click.option(
    "--jobs", type=click.IntRange(min=1), default=None, help="Parallel builds (default: all cores)."
)
@click.option("--force", is_flag=True, help="Rebuild packs even when their inputs are unchanged.")
@click.option("--no-rollup", is_flag=True, help="Skip the group packs of a multi-unit workspace.")
@NPS_FRAMING
@TEMPLATE
@FORMAT
@PDF
@NOTES_PDF
@STRICT
@JSON
@QUIET
def build_all(
    workspace: Path,
    out_dir: Path,
    month: str | None,
    jobs: int | None,
    force: bool,
    no_rollup: bool,
    nps_framing: str | None,
    template: Path | None,
    formats: tuple[str, ...],
    pdf: bool,
    notes_pdf: bool,
    strict: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Build every pack in WORKSPACE: each month, or each unit's months, in parallel.

    WORKSPACE holds month folders (2026-11/...) or unit folders that hold them
    (north/2026-11/...). Packs whose inputs are unchanged since their last build are
    skipped; one failing unit never stops the others. A workspace of units also gets
    a group pack per month that puts the units side by side. Exits 1 if any pack failed.
    """
    import time

    from agenda.batch import Outcome, run_all
    from agenda.errors import shown_path

    def progress(outcomes: Iterator[Outcome], total: int) -> Iterator[Outcome]:
        if quiet or as_json:  # a CI log keeps the result, not the bar
            yield from outcomes
            return
        with click.progressbar(
            outcomes,
            length=total,
            label="Building packs",
            file=sys.stderr,
            item_show_func=lambda o: (
                f"{o.unit + '/' if o and o.unit else ''}{o.period}" if o else ""
            ),
        ) as bar:
            yield from bar

    started = time.perf_counter()
    document: dict[str, Any] = {
        "command": "build-all",
        "workspace": shown_path(workspace),
        "out": shown_path(out_dir),
    }
    try:
        outcomes = run_all(
            workspace,
            out_dir,
            month=month,
            workers=jobs,
            force=force,
            nps_framing=nps_framing,
            template=template,
            pdf=pdf,
            strict=strict,
            rollup=not no_rollup,
            progress=progress,
            formats=formats,
            notes_pdf=notes_pdf,
        )
    except AgendaError as exc:
        if as_json:
            _print_json(
                {**document, "ok": False, "counts": None, "results": [], "problems": exc.records()},
                exc.exit_code,
            )
        _fail(exc)
    counts = {r: sum(1 for o in outcomes if o.result == r) for r in ("built", "skipped", "failed")}
    code = 1 if counts["failed"] else 0
    if as_json:
        results = [
            {
                "unit": o.unit or None,
                "month": o.period,
                "result": o.result,
                "detail": o.detail,
                "files": list(o.files),
                "problems": list(o.problems),
            }
            for o in outcomes
        ]
        flat = [
            {**p, "unit": o.unit or None, "month": o.period} for o in outcomes for p in o.problems
        ]
        _print_json(
            {
                **document,
                "ok": not code,
                "counts": counts,
                "seconds": round(time.perf_counter() - started, 2),
                "results": results,
                "problems": flat,
            },
            code,
        )
    width = max([len(o.unit or "-") for o in outcomes] + [4])
    rows = [f"{(o.unit or '-'):<{width}}  {o.period}  {o.result:<7}  {o.detail}" for o in outcomes]
    if quiet:  # only what failed, as errors
        for o, row in zip(outcomes, rows, strict=True):
            if o.result == "failed":
                click.echo(row, err=True)
        sys.exit(code)
    click.echo(f"{'Unit':<{width}}  Month    Result   Detail")
    for row in rows:
        click.echo(row)
    click.echo(
        f"Built {counts['built']}, skipped {counts['skipped']} (up to date), failed "
        f"{counts['failed']} in {time.perf_counter() - started:.1f} s; packs are in {out_dir}"
    )
    sys.exit(code)


@cli.command(short_help="Preview MONTH_DIR's HTML pack in a browser, rebuilt as you edit.")
@click.argument("month_dir", type=MONTH_DIR)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to listen on (0: any free port, printed at start).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on. The default answers this computer only; another, such as "
    "0.0.0.0, lets anyone who can reach it read the pack.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
def serve(month_dir: Path, port: int, host: str, open_browser: bool) -> None:
    """Preview MONTH_DIR's HTML pack in a browser, rebuilt as you edit its files.

    Serves from memory (nothing is written), rebuilds when a file of the month, an
    earlier month or agenda.yaml changes, and the open page reloads itself. Problems
    are shown above the last good pack, located as validate prints them. Ctrl-C stops.
    """
    from agenda.serve import serve as run_serve

    try:
        run_serve(month_dir, host=host, port=port, open_browser=open_browser)
    except AgendaError as exc:
        _fail(exc)


@cli.command("templates", short_help="Write a theme's files into OUT_DIR for a designer.")
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--theme", default="default", show_default=True, help="Which shipped theme to write out."
)
@QUIET
def templates_command(out_dir: Path, theme: str, quiet: bool) -> None:
    """Write a theme's base.pptx, base.docx and theme.yaml into OUT_DIR for a designer.

    Edit them (keep the slide layout and style names listed in the README), then point
    the workspace at the folder with `theme: {template: OUT_DIR}` in agenda.yaml or
    build with --template OUT_DIR. Existing files are not overwritten.
    """
    from agenda.look import export_theme

    try:
        written, kept = export_theme(theme, out_dir)
    except AgendaError as exc:
        _fail(exc)
    echo = _echo(quiet)
    for path in written:
        echo(f"  wrote {path}")
    for path in kept:
        echo(f"  kept  {path} (already there, not overwritten)")


@cli.command("schema", short_help="Write a JSON Schema per data file, for editors.")
@click.argument("out_dir", type=click.Path(path_type=Path))
@QUIET
def schema_command(out_dir: Path, quiet: bool) -> None:
    """Write a JSON Schema for each data file into OUT_DIR: meeting.schema.json,
    customer.schema.json ... outcomes.schema.json, agenda.schema.json, theme.schema.json.

    Point an editor at them (agenda init does it for the files it writes, with a first
    line "# yaml-language-server: $schema=...") and it completes keys, shows what each
    means and flags a misspelt key while you type. They accept what the loader accepts,
    pasted figures and TO FILL included; agenda validate still checks what a schema
    cannot see. Files already up to date are left alone.
    """
    from agenda.json_schema import write_schemas

    try:
        if out_dir.exists() and not out_dir.is_dir():
            raise UsageProblem(f"{out_dir}: is a file; name a folder for the schemas")
        written, kept = write_schemas(out_dir)
    except AgendaError as exc:
        _fail(exc)
    echo = _echo(quiet)
    for path in written:
        echo(f"  wrote {path}")
    if kept:
        echo(f"  {len(kept)} schema(s) already up to date in {out_dir}")


def main() -> None:
    """Entry point for the ``agenda`` console script. A usage error click finds itself (an
    unknown option, ``--jobs 0``) is shown as click shows it, or, under ``--json``, as the same
    JSON document every other problem gives, so a pipeline reading stdout always gets JSON."""
    try:
        code = cli.main(standalone_mode=False)
    except click.ClickException as exc:
        if "--json" not in sys.argv[1:]:
            exc.show()
            sys.exit(exc.exit_code)
        command = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
        from agenda.errors import record

        problem = record(Problem(None, f"Usage error: {exc.format_message()}"), "error")
        _print_json({"command": command, "ok": False, "problems": [problem]}, exc.exit_code)
    except click.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
