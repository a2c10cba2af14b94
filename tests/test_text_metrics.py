"""Text is measured in its font's real widths, so the deck's plan matches what is drawn."""

from __future__ import annotations

import json
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from packs import text_metrics
from packs.table_layout import fit_columns
from packs.text_metrics import face, lines_needed, text_width, theme_font

ROOT = Path(__file__).resolve().parent.parent


def test_the_width_table_is_shipped_in_the_package_and_small():
    data = resources.files("packs").joinpath(text_metrics.DATA_FILE)
    assert data.is_file()
    text = data.read_text(encoding="utf-8")
    assert len(text.encode()) < 200_000
    table = json.loads(text)
    # Office names and the open fonts metric-compatible with them both answer.
    for office, family in {
        "Calibri": "Carlito",
        "Cambria": "Caladea",
        "Arial": "Liberation Sans",
        "Times New Roman": "Liberation Serif",
        "Courier New": "Liberation Mono",
    }.items():
        assert table["aliases"][office] == family
        assert set(table["fonts"][family]) == {"regular", "bold", "italic", "bold-italic"}
        assert text_width("Leadership", office, 14) == text_width("Leadership", family, 14)


def test_the_width_table_is_package_data_in_pyproject():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert text_metrics.DATA_FILE in config["tool"]["setuptools"]["package-data"]["packs"]


def test_wide_letters_are_wider_than_narrow_ones():
    assert text_width("WWWW", "Calibri", 14) > 3 * text_width("iiii", "Calibri", 14)


def test_widths_scale_with_the_type_size():
    assert text_width("Customer", "Calibri", 28) == pytest.approx(
        2 * text_width("Customer", "Calibri", 14)
    )


def test_bold_is_wider_than_regular():
    word = "Complaints acknowledged"
    assert text_width(word, "Calibri", 14, bold=True) > text_width(word, "Calibri", 14)


def test_known_widths_match_the_fonts():
    # Calibri's (and Carlito's) digits are 1038/2048 em, its space 463/2048 em (rounded up).
    assert text_width("0", "Calibri", 72) == pytest.approx(1038 / 2048, abs=0.001)
    assert text_width(" ", "Calibri", 72) == pytest.approx(463 / 2048, abs=0.001)
    # Courier New is monospaced at 0.6 em whatever the letter.
    assert text_width("iW", "Courier New", 72) == pytest.approx(1.2, abs=0.005)


def test_the_harbour_themes_georgia_headings_are_measured_in_gelasio():
    """Georgia (the harbour theme's heading font) has its metric-compatible open font's widths
    (Gelasio: "0" is 1257/2048 em, "W" 1998/2048 em), not the wide fallback."""
    assert text_metrics.known_fonts()["georgia"] == "Gelasio"
    assert text_width("0", "Georgia", 72) == pytest.approx(1257 / 2048, abs=0.001)
    assert text_width("W", "Georgia", 72) == pytest.approx(1998 / 2048, abs=0.001)
    heading = "Every service level is green while complaints rose 19%"
    assert text_width(heading, "Georgia", 28) < text_width(heading, None, 28)


def test_font_names_are_matched_whatever_their_case():
    assert text_width("Pack", "calibri", 14) == text_width("Pack", "Calibri", 14)
    assert text_width("Pack", " CALIBRI ", 14) == text_width("Pack", "Calibri", 14)


def test_east_asian_text_counts_a_full_em_per_character():
    assert text_width("张伟", "Calibri", 72) == pytest.approx(2.0)
    assert text_width("ＡＢ", "Arial", 72) == pytest.approx(2.0)  # full-width Latin
    assert text_width("张伟", "Calibri", 14) > text_width("Zh", "Calibri", 14)


def test_combining_marks_add_no_width():
    assert text_width("e\u0301", "Calibri", 14) == text_width("e", "Calibri", 14)


def test_an_unknown_font_is_measured_wider_than_calibri():
    for text in ("Customer first", "WWWW", "iiii", "£1.25m – 42%"):
        for bold in (False, True):
            unknown = text_width(text, "Some Corporate Sans", 14, bold=bold)
            assert unknown > text_width(text, "Calibri", 14, bold=bold)
            assert unknown >= text_width(text, "Arial", 14, bold=bold)
            assert text_width(text, None, 14, bold=bold) == unknown


def test_characters_outside_the_table_get_a_generous_width():
    # Georgian letters are in no measured range: the font's widest capital stands in.
    assert text_width("ა", "Calibri", 72) >= text_width("M", "Calibri", 72) * 0.99


def test_a_line_of_text_that_fits_takes_one_line():
    text = "Calls answered within 60 seconds"
    width = text_width(text, "Calibri", 14) + 0.01
    assert lines_needed(text, width, "Calibri", 14) == 1
    assert lines_needed(text, width - 0.05, "Calibri", 14) == 2


def test_words_wrap_by_their_real_width():
    # The same number of letters: capitals need more lines than lower-case i's.
    wide = " ".join(["WWWW"] * 12)
    narrow = " ".join(["iiii"] * 12)
    assert lines_needed(wide, 2.0, "Calibri", 14) > lines_needed(narrow, 2.0, "Calibri", 14)


def test_a_url_longer_than_the_column_is_broken_over_several_lines():
    url = "https://northwind.example.com/customers/accounts/ACC-0042/tickets"
    assert len(url) > 60
    assert lines_needed(url, 1.5, "Calibri", 14) >= 3
    # ... and whatever follows it goes on after its last piece, not on its own line.
    assert lines_needed(url + " ok", 1.5, "Calibri", 14) == lines_needed(url, 1.5, "Calibri", 14)


def test_a_long_id_without_break_points_is_cut_where_the_line_is_full():
    word = "X" * 40
    per_line = int(1.0 / text_width("X", "Calibri", 14))
    assert lines_needed(word, 1.0, "Calibri", 14) == -(-40 // per_line)


def test_each_paragraph_starts_a_line():
    assert lines_needed("one\ntwo\n\nthree", 5.0, "Calibri", 14) == 4
    assert lines_needed("", 5.0, "Calibri", 14) == 1


def test_a_column_far_too_narrow_still_counts_every_character():
    assert lines_needed("abc", 0.0, "Calibri", 14) == 3


def test_table_columns_never_add_up_to_more_than_the_room():
    columns = ("Ref", "Link", "Note")
    rows = (("ACC-1", "https://example.com/" + "x" * 120, "y" * 90),)
    widths = fit_columns(columns, rows, 12.333, 0.0072 * 14, 0.12)
    assert sum(widths) == pytest.approx(12.333)


def test_the_shipped_templates_name_their_body_font():
    for pptx in (ROOT / "templates" / "base.pptx", *ROOT.glob("templates/themes/*/base.pptx")):
        with zipfile.ZipFile(pptx) as package:
            theme = package.read("ppt/theme/theme1.xml")
        assert (
            theme_font(theme) in text_metrics.known_fonts().values()
            or (theme_font(theme) or "").casefold() in text_metrics.known_fonts()
        )
    assert theme_font(b"not xml") is None


def test_the_fallback_is_built_from_proportional_fonts_only():
    # Were the monospaced font in it, every "i" would be 0.6 em.
    assert face(None).widths[ord("i")] < 0.4


def test_chinese_or_japanese_cells_never_squeeze_an_english_header_into_pieces():
    """A sentence in Chinese has no spaces, but a line may break between any two characters:
    it is not one long word, so the Status and Mentions headers keep room for their words."""
    from packs.table_layout import fit_columns, measure, words

    assert words("送货日期变更，包裹还在仓库 ok") == [*"送货日期变更，包裹还在仓库", "ok"]
    rows = tuple(
        ("当日配送完了率（上海・北京・深圳）", "On track", "送货日期变更，包裹还在仓库" * 3, "58")
        for _ in range(3)
    )
    columns = ("Service level", "Status", "What a customer said", "Mentions")
    widths = fit_columns(columns, rows, 12.3, 0.0072 * 14, 0.12)
    for header, width in zip(columns, widths, strict=True):
        longest = max(measure(w, bold=True) for w in header.split()) * 0.0072 * 14
        assert width - 0.12 >= longest, header
