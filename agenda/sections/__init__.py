"""One module per agenda section, named by its key in ``agenda.order.SECTIONS``.

Each module has ``build(data, month, signal)``: the section's blocks in reading order and any
questions it adds for the room. The running order stays in ``agenda.order``; this package
only finds the builder for a key, so adding a section is one entry there and one module here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from agenda.model import Block
from agenda.signal import CustomerSignal
from agenda.validate import MonthData

Built = tuple[tuple[Block, ...], tuple[str, ...]]
Builder = Callable[[Any, MonthData, CustomerSignal], Built]


def builder(key: str) -> Builder:
    """The ``build`` function of the section module named ``key``."""
    module = importlib.import_module(f"{__name__}.{key}")
    build: Builder = module.build
    return build
