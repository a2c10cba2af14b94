"""STAND-IN for the HTML writer, to be replaced by the real one at merge.

The HTML pack (issue 15) is built on a parallel branch; ``agenda serve`` only calls its one
function, ``html_document(pack, look) -> str``. Until that branch is merged this module renders
just enough of the Pack for the preview server and its browser test: the sections' titles in
order (as ``<h1>``), and the first story's title and text under the Customer heading, inside
``<main>``, every piece of data text escaped. At merge, take the other branch's file whole.
"""

from __future__ import annotations

from html import escape

from agenda.model import Narrative, Pack
from packs.theme import Look


def html_document(pack: Pack, look: Look) -> str:
    """The whole HTML document of ``pack`` (stand-in: section titles and the first story)."""
    del look  # the real writer takes its colours and fonts from the look
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        '<head><meta charset="utf-8">',
        f"<title>{escape(pack.cover.title)}</title></head>",
        "<body><main>",
    ]
    told = False
    for section in pack.sections:
        parts.append(f"<section><h1>{escape(section.title)}</h1>")
        story = next((b for b in section.blocks if isinstance(b, Narrative)), None)
        if story is not None and not told:
            parts.append(f"<h2>{escape(story.title)}</h2>")
            parts.append(f"<p>{escape(story.story)}</p>")
            told = True
        parts.append("</section>")
    parts += ["</main></body>", "</html>", ""]
    return "\n".join(parts)
