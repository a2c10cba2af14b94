"""Build HTML and SVG elements with every attribute value escaped in one place.

Content is passed as markup already made (other elements, or data text through ``esc``), so
the one rule is: data text reaches the page only through ``esc`` or an attribute here.
"""

from __future__ import annotations

from html import escape


def esc(text: str) -> str:
    """Data text as markup: ``&``, ``<``, ``>`` and both quotes escaped."""
    return escape(text, quote=True)


def _attrs(attrs: dict[str, object]) -> str:
    """``class_="x", aria_labelledby="y"`` as `` class="x" aria-labelledby="y"``; an attribute
    whose value is None or False is left out, True writes it bare."""
    out = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        out.append(f" {name}" if value is True else f' {name}="{esc(str(value))}"')
    return "".join(out)


def tag(name: str, /, *content: str, **attrs: object) -> str:
    """``<name attrs>content</name>``: ``content`` is markup (escape data text with ``esc``)."""
    return f"<{name}{_attrs(attrs)}>{''.join(content)}</{name}>"


def void(name: str, /, **attrs: object) -> str:
    """An element without content or end tag (``<img>``, ``<meta>``, SVG's ``<rect/>``)."""
    return f"<{name}{_attrs(attrs)}>" if name in _HTML_VOID else f"<{name}{_attrs(attrs)}/>"


_HTML_VOID = frozenset({"meta", "img", "br", "link", "hr"})


def start(name: str, /, **attrs: object) -> str:
    """An element's start tag alone, for one whose content is added piece by piece."""
    return f"<{name}{_attrs(attrs)}>"
