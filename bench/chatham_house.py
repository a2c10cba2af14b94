"""Benchmark: Chatham House scrubbing of survey comments. Not a test; prints medians.

    python bench/chatham_house.py [--comments N] [--runs N]

Scrubs N distinct comments (1% of them naming the guest in some typed variant) for two
protected guests with aliases, the way a month with a large survey export is protected, and
reports the median wall time per run and per 100,000 comments (the scan for names that are
also ordinary words included). Most comments name nobody: one
``str.translate`` and one regular-expression search decide that (``agenda.names``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from agenda import schema
from agenda.protect import Redactor

WORDS = [
    "the",
    "bill",
    "was",
    "wrong",
    "again",
    "waited",
    "forty",
    "minutes",
    "then",
    "cut",
    "off",
    "quick",
    "and",
    "friendly",
    "app",
]
VARIANTS = ("Zoë said", "zoe o suilleabhain", "Ms O Suilleabhain", "PVI rang", "Zoë’s notes")


def comments(n: int) -> list[str]:
    rng = random.Random(11)
    out = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))) + f" #{i}"
        if i % 100 == 0:
            text += " " + VARIANTS[i % len(VARIANTS)]
        out.append(text)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=600_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    guests = [
        schema.Guest(
            name="Zoë Ó Súilleabháin", organisation="Patient Voice Ireland", aliases=["PVI"]
        ),
        schema.Guest(name="Jürgen Weiß-Müller", organisation="Spedition Weiß & Söhne GmbH"),
    ]
    texts = comments(args.comments)
    times = []
    for _ in range(args.runs):
        redactor = Redactor.for_guests(guests, "St Bríd's Hospitals", ["Seán Ó Súilleabháin"])
        start = time.perf_counter()
        redactor.note_ordinary_words(texts)
        for text in texts:
            redactor.text(text)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(
        f"{args.comments:,} comments, {redactor.count:,} replacements: median {median:.2f} s "
        f"({median / args.comments * 100_000:.2f} s per 100,000) over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
