"""On track / at risk / off track, always computed from target and actual, never typed."""

from __future__ import annotations

from typing import Protocol

from agenda.model import Status

#: How close to target (as a share of the target) still counts as "at risk" rather than "off".
AT_RISK_TOLERANCE = 0.05


class Judged(Protocol):
    """Anything with a target, an actual and a direction (a ``schema.Sla``)."""

    @property
    def target(self) -> float: ...
    @property
    def actual(self) -> float: ...
    @property
    def higher_is_better(self) -> bool: ...


def sla_status(sla: Judged) -> Status:
    """Judge one SLA (anything with target, actual and higher_is_better)."""
    return status(sla.target, sla.actual, higher_is_better=sla.higher_is_better)


def status(target: float, actual: float, *, higher_is_better: bool = True) -> Status:
    """Judge an actual against its target in the direction that is better."""
    gap = (actual - target) if higher_is_better else (target - actual)
    if gap >= 0:
        return "On track"
    # a relative epsilon keeps exactly 5% at risk whatever binary fractions make of it
    if abs(gap) <= AT_RISK_TOLERANCE * max(abs(target), 1e-9) * (1 + 1e-9):
        return "At risk"
    return "Off track"
