"""Write ``packs/font_metrics.json``: advance widths of the fonts the packs are drawn in.

Why: the deck is planned before PowerPoint draws it (how wide a table's columns are, how many
rows fit a slide, where a bullet wraps). One average character width for every font, bold or
not, under-measures "WWW", bold headers and wide fonts, so text ran out of its cells. The real
advance widths of the Office fonts are not ours to ship, but their metric-compatible open
fonts have the same widths glyph for glyph: Carlito (Calibri), Caladea (Cambria), Liberation
Sans, Serif and Mono (Arial, Times New Roman, Courier New) and Gelasio (Georgia). DejaVu Sans,
what LibreOffice draws a missing font with on Linux, is measured too: ``packs.text_metrics``
builds its safe fallback for unknown fonts from the widest of all of them.

Needs fontTools (a runtime dependency since themes may name their own font files, read with
the same ``agenda.fontfiles.measure``); the packs read only the JSON this writes. Run it
again when a font is added, then commit the JSON:

    python scripts/make_font_metrics.py            # writes packs/font_metrics.json
    python scripts/make_font_metrics.py --check    # fails if the committed file is stale

Layout of the file (widths in 1/1000 em, rounded up so text is never under-measured):
``fonts[open name][style] = {"default": d, "runs": [[first code point, w, w, ...], ...]}``,
where the runs list every measured character the font has, consecutive code points sharing a
run; ``aliases`` maps each Office font name to its open font. ``default`` is for characters
not listed (other scripts, symbols): the font's widest capital letter.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
from pathlib import Path

from agenda.fontfiles import measure

OUT = Path(__file__).resolve().parent.parent / "packs" / "font_metrics.json"

#: Open font -> the Office fonts it is metric-compatible with (DejaVu Sans stands for none:
#: it is measured to build the fallback for fonts the table does not know).
FONTS: dict[str, tuple[str, ...]] = {
    "Carlito": ("Calibri",),
    "Caladea": ("Cambria",),
    "Liberation Sans": ("Arial", "Helvetica"),
    "Liberation Serif": ("Times New Roman", "Times"),
    "Liberation Mono": ("Courier New", "Courier"),
    "Gelasio": ("Georgia",),
    "DejaVu Sans": (),
}

#: Styles by fontconfig weight (80 regular, 200 bold) and slant (0 roman, 100/110 italic).
STYLES = {"regular": (80, 0), "bold": (200, 0), "italic": (80, 100), "bold-italic": (200, 100)}


def font_files(family: str) -> dict[str, Path]:
    """The installed files of ``family``, one per style, found through fontconfig."""
    listing = subprocess.run(
        ["fc-list", "--format", "%{family}|%{weight}|%{slant}|%{width}|%{file}\n", family],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found: dict[str, Path] = {}
    for line in listing.splitlines():
        families, weight, slant, width, file = line.split("|", 4)
        if family not in families.split(",") or int(width or 100) != 100:
            continue  # condensed faces share the family name
        slant_n = 100 if int(slant) in (100, 110) else int(slant)
        for style, wanted in STYLES.items():
            if (int(weight), slant_n) == wanted:
                found.setdefault(style, Path(file))
    return found


def build() -> tuple[dict[str, object], list[str]]:
    """The table for every font installed, and what was missing."""
    fonts: dict[str, dict[str, object]] = {}
    aliases: dict[str, str] = {}
    missing: list[str] = []
    for family, office in FONTS.items():
        files = font_files(family)
        if not files:
            missing.append(f"{family} (for {', '.join(office) or 'the fallback'}): not installed")
            continue
        lacking = [style for style in STYLES if style not in files]
        if lacking:
            missing.append(f"{family}: no {', '.join(lacking)} face (regular is used)")
        fonts[family] = {style: measure(path) for style, path in sorted(files.items())}
        for name in office:
            aliases[name] = family
    table = {
        "about": "Advance widths in 1/1000 em (rounded up) from the open fonts metric-compatible "
        "with the Office fonts named in aliases; written by scripts/make_font_metrics.py.",
        "aliases": aliases,
        "fallback": "widest",
        "fonts": fonts,
    }
    return table, missing


def encode(table: dict[str, object]) -> str:
    """Compact JSON, one face per line so a regenerated file diffs by face."""
    text = json.dumps(table, separators=(",", ":"), sort_keys=True)
    return text.replace('},"', '},\n"') + "\n"


def main() -> int:
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # old fonts' odd 'created' dates
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    args = parser.parse_args()
    table, missing = build()
    for line in missing:
        print(f"note: {line}", file=sys.stderr)
    text = encode(table)
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run scripts/make_font_metrics.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.name}: {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
