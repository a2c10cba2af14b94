"""customer-first packs: monthly YAML data → a customer-first leadership pack (Word + deck)."""

from __future__ import annotations

from functools import cache


def __getattr__(name: str) -> str:
    """``agenda.__version__``, read when first asked for (reading package metadata costs
    every command ~30 ms at start-up otherwise)."""
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _version() -> str:
    """The one version, written in pyproject.toml and read from the installed package's
    metadata; a source tree run without installing it has none to report."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("customer-first-packs")
    except PackageNotFoundError:
        return "0+unknown"
