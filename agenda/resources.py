"""Find the shipped templates whether the package is installed or run from a checkout."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


def templates() -> Traversable:
    """Return the folder holding the jinja2 templates and the base .docx/.pptx files."""
    try:
        return resources.files("agenda.templates")
    except ModuleNotFoundError:  # a source checkout on sys.path without installation
        return Path(__file__).resolve().parent.parent / "templates"
