"""customer-first packs: monthly YAML data → a customer-first leadership pack (Word + deck)."""

from importlib.metadata import PackageNotFoundError, version

try:
    #: The one version, written in pyproject.toml and read from the installed package's metadata.
    __version__ = version("customer-first-packs")
except PackageNotFoundError:  # a source tree run without installing it: no version to report
    __version__ = "0+unknown"
