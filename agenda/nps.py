"""Net Promoter Score: promoters (9–10) minus detractors (0–6), with its 95% margin of error."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

#: Below this many answers a score is shown with a plain caution: one answer moves it too far.
LOW_N = 30


@dataclass(frozen=True)
class Nps:
    """An NPS result; ``score`` is None when nobody answered."""

    promoters: int
    passives: int
    detractors: int

    @property
    def n(self) -> int:
        """Number of valid answers."""
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> float | None:
        """% promoters − % detractors, from −100 to +100."""
        if self.n == 0:
            return None
        return 100.0 * (self.promoters - self.detractors) / self.n

    def share(self, group: str) -> float:
        """Percentage of answers in ``group`` (promoters, passives or detractors)."""
        return 100.0 * getattr(self, group) / self.n if self.n else 0.0

    @property
    def margin(self) -> float | None:
        """Half-width of the 95% interval, in NPS points, from the promoter/detractor variance.

        Each answer is +1 (promoter), 0 (passive) or −1 (detractor); NPS is 100 × their mean, so
        its standard error is 100 × sqrt(var / n), with var = (p + d) − (p − d)² in shares.
        """
        if self.n == 0:
            return None
        p, d = self.promoters / self.n, self.detractors / self.n
        variance = (p + d) - (p - d) ** 2
        return 100.0 * 1.96 * math.sqrt(max(variance, 0.0) / self.n)

    @property
    def low_n(self) -> bool:
        """True when too few answered for the score to be read on its own."""
        return self.n < LOW_N


def from_scores(scores: Mapping[int, int]) -> Nps:
    """Classify a tally of 0–10 scores into an NPS result."""
    counts = Counter({k: v for k, v in scores.items()})
    return Nps(
        promoters=counts[9] + counts[10],
        passives=counts[7] + counts[8],
        detractors=sum(counts[s] for s in range(7)),
    )


def signed(value: float, places: int = 0) -> str:
    """Format a score or change with an explicit sign, using a real minus: +4, −8, 0."""
    rounded = round(value, places)
    if rounded == 0:
        return "0" if places == 0 else f"{0:.{places}f}"
    text = f"{abs(rounded):.{places}f}"
    return ("+" if rounded > 0 else "−") + text
