"""The benchmark: how fast the tool is, against the floor, and how it grows. Not a test.

    python bench/run.py [--runs 5] [--quick]

Every figure is the median of several whole-process runs (fresh interpreter each time), with
each run's own peak memory (max RSS). Prints the machine, the ratio of `agenda build` to the
floor script on content of the same size, `--help` and `validate` times, deck-size scaling
(content x1, x10, x50: is time linear in slides?), `build-all` over 1, 10 and 50 units, and
NPS over survey exports of 10k, 100k and 1M rows.
"""

from __future__ import annotations

import argparse
import os
import platform
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
FLOOR = ROOT.parent / "shared" / "tools" / "floor_pack.py"

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
    sys.exit(code)
    """
)


def run(kind: str, target: str, *args: str, runs: int) -> tuple[float, float]:
    """Median wall seconds and median peak MiB of ``runs`` fresh processes."""
    times, peaks = [], []
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
    return statistics.median(times), statistics.median(peaks)


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
                    f"floor_pack.py --units {units}",
                    f"{floor_t:.2f}",
                    f"{floor_m:.0f}",
                    f"{floor_slides} slides + Word pack",
                ),
                ("ratio build / floor", f"{build_t / floor_t:.2f}x", "", "target <= 1.2x"),
                ("agenda --help", f"{help_t:.3f}", f"{help_m:.0f}", "target <= 0.15 s"),
                ("agenda validate (sample month)", f"{valid_t:.2f}", f"{valid_m:.0f}", ""),
            ],
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
