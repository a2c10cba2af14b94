"""Benchmark: NPS from a 1,000,000-row survey export. Not a test; prints medians.

    python bench/nps_million.py [--rows N] [--runs N]

Writes a deterministic export (date, score, segment, channel, comment; about 15% of rows
carry a comment, each one unique, and 0.5% a blank score) to a temporary folder, then reads
it in a fresh Python process per run, so each run's peak memory (max RSS) is its own.
Reports the median wall time of reading and scoring, and the median peak RSS beside that of
a process that only imports the reader.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

SEGMENTS = ("Household", "Small business", "Housing association")
CHANNELS = ("Phone", "Web chat", "Email", "App", "Field visit")
COMMENTS = (
    "Bill was wrong again, third time this year",
    "Quick and friendly, sorted first time",
    "Waited 40 minutes, then cut off",
    'Good, but the app logs me out, "every" time',
)

CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    start = time.perf_counter()
    from agenda.nps import from_scores
    from agenda.responses import read_responses
    from agenda.sources import Marks, YamlFile
    folder = Path(sys.argv[1])
    import_only = sys.argv[2] == "imports"
    if not import_only:
        source = YamlFile(folder / "customer.yaml", {}, Marks())
        answers = read_responses(folder, "responses.csv", source)
        result = from_scores(answers.scores)
        assert result.n + answers.blank == int(sys.argv[3])
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))
    """
)


def write_export(path: Path, rows: int) -> None:
    """Write a deterministic survey export of ``rows`` answers."""
    rng = random.Random(2611)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("date,score,segment,channel,comment\n")
        for n in range(rows):
            day = 1 + n % 28
            score = "" if rng.random() < 0.005 else str(rng.choice((0, 3, 5, 6, 7, 8, 8, 9, 9, 10)))
            comment = ""
            if rng.random() < 0.15:  # every comment unique, as real ones are
                text = f"{rng.choice(COMMENTS)} (ref {n})".replace('"', '""')
                comment = f'"{text}"'
            handle.write(
                f"2026-11-{day:02d},{score},{rng.choice(SEGMENTS)},{rng.choice(CHANNELS)},{comment}\n"
            )


def run(folder: Path, mode: str, rows: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), mode, str(rows)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        write_export(folder / "responses.csv", args.rows)
        size = (folder / "responses.csv").stat().st_size
        took = time.perf_counter() - started
        print(f"wrote {args.rows:,} rows ({size / 2**20:.1f} MiB) in {took:.1f} s")
        base = [run(folder, "imports", args.rows) for _ in range(args.runs)]
        full = [run(folder, "read", args.rows) for _ in range(args.runs)]
    seconds = statistics.median(r["seconds"] for r in full)
    peak = statistics.median(r["peak_mib"] for r in full)
    base_peak = statistics.median(r["peak_mib"] for r in base)
    times = ", ".join(f"{r['seconds']:.2f}" for r in full)
    print(f"runs: {args.runs}; times: {times} s")
    print(f"median time to read and score: {seconds:.2f} s ({args.rows / seconds:,.0f} rows/s)")
    print(f"median peak RSS: {peak:.0f} MiB (imports alone: {base_peak:.0f} MiB)")


if __name__ == "__main__":
    main()
