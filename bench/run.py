"""The benchmark: how fast the tool is, against the floor, and how it grows. Not a test.

    python bench/run.py [--runs 5] [--quick]

Every figure is the median of several whole-process runs (fresh interpreter each time), with
each run's own peak memory (max RSS). Prints the machine, the ratio of `agenda build` to the
floor script on content of the same size, `--help` and `validate` times, `agenda build` of the
sample month whose survey export has 1,000,000 rows (CSV) or 100,000 rows (xlsx), run in turn
with the plain sample build so that both see the same machine, deck-size scaling (content x1,
x10, x50: is time linear in slides?), `build-all` over 1, 10 and 50 units, and the reading
step alone over survey exports of 10k, 100k and 1M rows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "northwind"
FLOOR = ROOT / "bench" / "floor.py"  #: the project's own floor script

WRAP = textwrap.dedent(
    """
    import resource, runpy, sys
    kind, target, *args = sys.argv[1:]
    sys.argv = [target, *args]
    code = 0
    try:
        if kind == "module":
            runpy.run_module(target, run_name="__main__", alter_sys=True)
        else:
            runpy.run_path(target, run_name="__main__")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    sys.stdout.flush()
    sys.stderr.write(f"\\nBENCH-MAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
    sys.stderr.write(f"BENCH-CHILD {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n")
    sys.exit(code)
    """
)


def run(kind: str, target: str, *args: str, runs: int) -> tuple[float, float]:
    """Median wall seconds and median peak MiB of ``runs`` fresh processes."""
    times, peaks, _ = runs_of(kind, target, *args, runs=runs)
    return statistics.median(times), statistics.median(peaks)


def runs_of(
    kind: str, target: str, *args: str, runs: int
) -> tuple[list[float], list[float], list[float]]:
    """Each run's wall seconds, peak MiB, and its helper processes' peak MiB."""
    times, peaks, children = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", WRAP, kind, target, *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - started)
        if done.returncode not in (0,):
            raise SystemExit(f"{target} {' '.join(args)} failed:\n{done.stderr[-2000:]}")
        peak = [ln for ln in done.stderr.splitlines() if ln.startswith("BENCH-MAXRSS")][-1]
        peaks.append(int(peak.split()[1]) / 1024)
        child = [ln for ln in done.stderr.splitlines() if ln.startswith("BENCH-CHILD")][-1]
        children.append(int(child.split()[1]) / 1024)
    return times, peaks, children


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import docx
    import pptx
    import pydantic

    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores; "
        f"Python {platform.python_version()}; python-docx {getattr(docx, '__version__', '?')}, "
        f"python-pptx {pptx.__version__}, pydantic {pydantic.VERSION}"
    )


def slides(path: Path) -> int:
    from pptx import Presentation

    return len(Presentation(str(path)).slides)


def scaled_month(root: Path, factor: int) -> Path:
    """The sample November with every list multiplied by ``factor`` (more slides, same kind)."""
    month = root / f"x{factor}" / "2026-11"
    shutil.copytree(SAMPLE / "2026-11", month)
    for name, lists in {
        "customer.yaml": ("narratives", "verbatims"),
        "operations.yaml": ("slas",),
        "marketing.yaml": ("programmes", "events"),
        "sales.yaml": ("targets",),
        "finance.yaml": ("metrics",),
        "actions.yaml": ("actions",),
        "employees.yaml": ("challenges", "customer_objectives"),
    }.items():
        data = yaml.safe_load((month / name).read_text())
        for key in lists:
            items = data.get(key) or []
            grown = []
            for n in range(factor):
                for item in items:
                    copy = dict(item) if isinstance(item, dict) else item
                    if isinstance(copy, dict):
                        for field in ("title", "name", "account", "id"):
                            if field in copy and n:
                                copy[field] = f"{copy[field]} ({n + 1})"
                    grown.append(copy)
            data[key] = grown
        (month / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return month


#: The sample export's layout (SurveyMonkey's), read by the sample's customer.yaml as it is.
EXPORT = "northwind-november-survey.csv"


def big_export_month(root: Path, rows: int, *, xlsx: bool = False) -> Path:
    """The sample November (and the months before it) with its survey export grown to ``rows``
    answers of the same layout: 60% with a comment, the comments drawn from the sample's own
    (each with one of 40 endings, so few repeat), timestamps through the month, dates as
    written by the tool. As a workbook when ``xlsx``."""
    workspace = root / f"export-{rows}{'-xlsx' if xlsx else ''}"
    shutil.copytree(SAMPLE, workspace)
    month = workspace / "2026-11"
    with (month / EXPORT).open(encoding="utf-8", newline="") as handle:
        sample = list(csv.reader(handle))
    header, labels, answers = sample[0], sample[1], sample[2:]
    said = sorted({row[7] for row in answers if row[7]})
    endings = ["", ".", "!", " again.", " Please sort it.", " Thanks.", " Twice now."] + [
        f" (ref {n})" for n in range(33)
    ]
    rng = random.Random(2611)
    start = dt.datetime(2026, 11, 1, 7)

    def row(n: int) -> list[object]:
        base = answers[n % len(answers)]
        when = start + dt.timedelta(seconds=n * 17 * 86400 // rows)
        comment = rng.choice(said) + rng.choice(endings) if rng.random() < 0.6 else ""
        stamp = when.strftime("%m/%d/%Y %I:%M:%S %p")
        return [118402339100 + n, 431907215, stamp, stamp, base[4], base[5], base[6], comment]

    if xlsx:
        import xlsxwriter

        book = xlsxwriter.Workbook(str(month / "export.xlsx"), {"constant_memory": True})
        sheet = book.add_worksheet("Responses")
        sheet.write_row(0, 0, header)
        sheet.write_row(1, 0, labels)
        for n in range(rows):
            sheet.write_row(n + 2, 0, row(n))
        book.close()
        (month / EXPORT).unlink()
        customer = month / "customer.yaml"
        customer.write_text(
            customer.read_text(encoding="utf-8").replace(f"file: {EXPORT}", "file: export.xlsx")
        )
    else:
        with (month / EXPORT).open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle, lineterminator="\r\n")
            out.writerow(header)
            out.writerow(labels)
            out.writerows(row(n) for n in range(rows))
    return month


def units_workspace(root: Path, count: int) -> Path:
    ws = root / f"units{count}"
    for n in range(count):
        shutil.copytree(SAMPLE, ws / f"unit{n + 1:02d}")
    return ws


def table(title: str, header: tuple[str, ...], rows: list[tuple]) -> None:
    print(f"\n{title}")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the x50 and 50-unit runs")
    args = parser.parse_args()
    runs = args.runs
    print(f"Machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out = work / "out"
        month = SAMPLE / "2026-11"

        build_t, build_m = run(
            "module", "agenda", "build", str(month), "--out", str(out), runs=runs
        )
        deck = next(out.glob("*.pptx"))
        n_slides = slides(deck)
        units = max(1, round((n_slides - 2) / 18))  # the floor makes 2 + 18 slides per unit
        floor_t, floor_m = run(
            "path", str(FLOOR), str(work / "floor"), "--units", str(units), runs=runs
        )
        floor_slides = slides(work / "floor" / "floor.pptx")
        help_t, help_m = run("module", "agenda", "--help", runs=runs)
        valid_t, valid_m = run("module", "agenda", "validate", str(month), runs=runs)
        table(
            f"Whole process, median of {runs}",
            ("command", "seconds", "peak MiB", "note"),
            [
                (
                    "agenda build (sample month)",
                    f"{build_t:.2f}",
                    f"{build_m:.0f}",
                    f"{n_slides} slides + Word pack",
                ),
                (
                    f"bench/floor.py --units {units}",
                    f"{floor_t:.2f}",
                    f"{floor_m:.0f}",
                    f"{floor_slides} slides + Word pack",
                ),
                ("ratio build / floor", f"{build_t / floor_t:.2f}x", "", "target <= 1.2x"),
                ("agenda --help", f"{help_t:.3f}", f"{help_m:.0f}", "target <= 0.15 s"),
                ("agenda validate (sample month)", f"{valid_t:.2f}", f"{valid_m:.0f}", ""),
            ],
        )

        big = big_export_month(work / "big", 1_000_000)
        size = (big / EXPORT).stat().st_size / 2**20
        book = big_export_month(work / "book", 100_000, xlsx=True)
        timed: dict[str, tuple[list[float], list[float], list[float]]] = {}
        jobs = {
            "sample": month,
            "1M-row CSV": big,
            "100k-row xlsx": book,
        }
        for _ in range(runs):  # in turn, so that each sees the same machine
            for name, folder in jobs.items():
                t, m, c = runs_of(
                    "module", "agenda", "build", str(folder), "--out", str(work / name), runs=1
                )
                got = timed.setdefault(name, ([], [], []))
                got[0].extend(t)
                got[1].extend(m)
                got[2].extend(c)
        rows = []
        for name, (t, m, c) in timed.items():
            note = {
                "sample": "416 answers",
                "1M-row CSV": f"{size:.0f} MiB, 60% with a comment, 6 keyword themes",
                "100k-row xlsx": "60% with a comment, 6 keyword themes",
            }[name]
            rows.append(
                (
                    f"agenda build, {name}",
                    f"{statistics.median(t):.2f}",
                    f"{min(t):.2f}–{max(t):.2f}",
                    f"{statistics.median(m):.0f}",
                    f"{statistics.median(c):.0f}",
                    note,
                )
            )
        table(
            f"Survey exports end to end, median of {runs} (run in turn with the sample build)",
            ("command", "seconds", "range", "peak MiB", "helper peak MiB", "export"),
            rows,
        )

        rows = []
        for factor in (1, 10) if args.quick else (1, 10, 50):
            scaled = scaled_month(work / "scaled", factor)
            o = work / f"out-x{factor}"
            t, m = run(
                "module",
                "agenda",
                "build",
                str(scaled),
                "--out",
                str(o),
                runs=max(1, runs // 2) if factor > 1 else runs,
            )
            s = slides(next(o.glob("*.pptx")))
            rows.append((f"x{factor}", s, f"{t:.2f}", f"{1000 * t / s:.1f}", f"{m:.0f}"))
        table(
            "Deck size scaling (content multiplied)",
            ("content", "slides", "seconds", "ms per slide", "peak MiB"),
            rows,
        )

        rows = []
        for count in (1, 10) if args.quick else (1, 10, 50):
            ws = units_workspace(work / "ws", count)
            o = work / f"out-units{count}"
            t, m = run(
                "module",
                "agenda",
                "build-all",
                str(ws),
                "--out",
                str(o),
                "--month",
                "2026-11",
                "--force",
                runs=1,
            )
            packs = count + (1 if count > 1 else 0)
            rows.append((count, packs, f"{t:.1f}", f"{60 * count / t:.0f}", f"{m:.0f}"))
        table(
            f"build-all, one month per unit, {os.cpu_count()} processes",
            ("units", "packs (with group)", "seconds", "units per minute", "peak MiB (main)"),
            rows,
        )

        rows = []
        for count in (10_000, 100_000, 1_000_000):
            done = subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "bench" / "nps_million.py"),
                    "--rows",
                    str(count),
                    "--runs",
                    str(runs),
                ],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=True,
            )
            median = next(ln for ln in done.stdout.splitlines() if ln.startswith("median time"))
            peak = next(ln for ln in done.stdout.splitlines() if ln.startswith("median peak"))
            rows.append((f"{count:,}", median.split(": ", 1)[1], peak.split(": ", 1)[1]))
        table("NPS from responses.csv", ("rows", "median read and score", "peak memory"), rows)


if __name__ == "__main__":
    main()
