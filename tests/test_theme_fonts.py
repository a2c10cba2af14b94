"""A theme's own fonts: named font files are read for their widths, or refused with a place.

The fonts here are built by the test (fontTools' FontBuilder) with advance widths it chooses, so
what the packs measure can be checked against a known answer.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import CUSTOMER, MEETING, write_month
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from agenda.look import load_look
from packs import text_metrics
from packs.deck_plan import plan_deck
from packs.text_metrics import text_width

#: Advance widths of the built font, in 1/1000 em: every ASCII character 500, "W" 900.
UPM = 1000


def make_font(path, family: str, *, bold: bool = False, wide: int = 900, base: int = 500) -> None:
    """Write a TrueType font ``family`` with ASCII glyphs ``base``/1000 em wide, "W" ``wide``."""
    chars = [chr(c) for c in range(0x20, 0x7F)]
    names = [".notdef", *(f"uni{ord(c):04X}" for c in chars)]
    builder = FontBuilder(UPM, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((100, 0))
    pen.lineTo((100, 100))
    pen.closePath()
    glyph = pen.glyph()
    builder.setupGlyf({name: glyph for name in names})
    widths = {name: (wide if name == "uni0057" else base, 0) for name in names}
    builder.setupHorizontalMetrics(widths)
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    style = "Bold" if bold else "Regular"
    builder.setupNameTable({"familyName": family, "styleName": style})
    builder.setupOS2(fsSelection=0x20 if bold else 0x40, usWeightClass=700 if bold else 400)
    builder.setupPost()
    if bold:
        builder.font["head"].macStyle = 1
    builder.save(str(path))


@pytest.fixture(autouse=True)
def _forget_registered_fonts():
    """Each test starts and ends with only the shipped table."""
    text_metrics.register(())
    text_metrics._THEIRS.clear()
    yield
    text_metrics._THEIRS.clear()
    text_metrics.register(())


def _workspace(tmp_path, config: str):
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER})
    (tmp_path / "ws" / "agenda.yaml").write_text(config, encoding="utf-8")
    return month


def test_a_theme_font_named_with_its_files_is_measured_in_their_widths(tmp_path, run_cli):
    month = _workspace(
        tmp_path,
        "theme:\n  fonts:\n    body: Acme Sans\n    heading: Acme Sans\n"
        "    files: [brand/AcmeSans-Regular.ttf, brand/AcmeSans-Bold.ttf]\n",
    )
    (tmp_path / "ws" / "brand").mkdir()
    make_font(tmp_path / "ws" / "brand" / "AcmeSans-Regular.ttf", "Acme Sans")
    make_font(tmp_path / "ws" / "brand" / "AcmeSans-Bold.ttf", "Acme Sans", bold=True, wide=950)
    look = load_look(month)
    assert {(f.family, f.style) for f in look.faces} == {
        ("Acme Sans", "regular"),
        ("Acme Sans", "bold"),
    }
    before = text_width("WWW", "Acme Sans", 72)  # unknown: the wide fallback
    text_metrics.register(look.faces)
    assert text_width("WWW", "Acme Sans", 72) == pytest.approx(2.7)
    assert text_width("WWW", "acme sans", 72, bold=True) == pytest.approx(2.85)
    assert text_width("iii", "Acme Sans", 72) == pytest.approx(1.5)
    assert before != pytest.approx(2.7)
    # the build plans and draws in them (and leaves the shipped fonts as they were)
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert text_width("0", "Calibri", 72) == pytest.approx(1038 / 2048, abs=0.001)


def test_a_style_without_its_file_is_measured_wide_not_as_the_regular(tmp_path):
    """Only the regular file named: bold titles are measured with the wide fallback (bold is
    wider than regular; measuring it as regular ran titles into the section's name)."""
    month = _workspace(
        tmp_path, "theme:\n  fonts:\n    heading: Acme Sans\n    files: [AcmeSans.ttf]\n"
    )
    make_font(tmp_path / "ws" / "AcmeSans.ttf", "Acme Sans")
    text_metrics.register(load_look(month).faces)
    assert text_width("WWW", "Acme Sans", 72) == pytest.approx(2.7)
    assert text_width("WWW", "Acme Sans", 72, bold=True) == text_width("WWW", None, 72, bold=True)


def test_the_deck_is_planned_in_the_theme_fonts_widths(tmp_path):
    """A narrow theme font lets more fit than the fallback: the plan measures in it."""
    month = _workspace(
        tmp_path, "theme:\n  fonts:\n    body: Thin Sans\n    files: [ThinSans.ttf]\n"
    )
    make_font(tmp_path / "ws" / "ThinSans.ttf", "Thin Sans", base=300, wide=400)
    look = load_look(month)
    from agenda.pipeline import prepare

    pack = prepare(month)
    words = "Customer first, every month. " * 40
    unknown = text_metrics.lines_needed(words, 10, "Thin Sans", 14)
    text_metrics.register(look.faces)
    known = text_metrics.lines_needed(words, 10, "Thin Sans", 14)
    assert known < unknown
    assert plan_deck(pack, font="Thin Sans")  # plans without error in the registered font


@pytest.mark.parametrize(
    ("files", "make", "expected"),
    [
        ("[missing.ttf]", None, "theme.fonts.files[0]: 'missing.ttf' not found in"),
        ("[../outside.ttf]", None, "theme.fonts.files[0]: '../outside.ttf' must be a file inside"),
        ("[notes.txt]", "text", "should be a TrueType or OpenType font file (.ttf or .otf)"),
        ("[broken.ttf]", "garbage", "cannot be read as a font"),
        (
            "[Other.ttf]",
            "other",
            "holds the font 'Other Serif', which is not the theme's heading or body font "
            "('Acme Sans')",
        ),
    ],
)
def test_a_font_file_that_cannot_be_used_is_refused_where_it_is_named(
    tmp_path, run_cli, files, make, expected
):
    month = _workspace(tmp_path, f"theme:\n  fonts:\n    body: Acme Sans\n    files: {files}\n")
    folder = tmp_path / "ws"
    if make == "text":
        (folder / "notes.txt").write_text("not a font")
    elif make == "garbage":
        (folder / "broken.ttf").write_bytes(b"\x00\x01\x00\x00" + b"nonsense" * 40)
    elif make == "other":
        make_font(folder / "Other.ttf", "Other Serif")
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code != 0
    assert "agenda.yaml:4:" in result.stderr  # the line of the files list
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_fonttools_is_not_imported_unless_a_theme_names_font_files():
    code = (
        "import sys, agenda.cli, agenda.look, agenda.pipeline, packs.pptx_writer;"
        "print('fontTools' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_a_build_never_measures_in_the_fonts_another_build_registered(tmp_path):
    """Registering is per look: a later look without font files leaves no earlier theme's
    widths behind (build-all may write several packs in one process)."""
    month = _workspace(
        tmp_path, "theme:\n  fonts:\n    body: Acme Sans\n    files: [AcmeSans.ttf]\n"
    )
    make_font(tmp_path / "ws" / "AcmeSans.ttf", "Acme Sans")
    text_metrics.register(load_look(month).faces)
    assert text_width("WWW", "Acme Sans", 72) == pytest.approx(2.7)
    text_metrics.register(())  # the next build's look names no files
    assert text_width("WWW", "Acme Sans", 72) == text_width("WWW", None, 72)
