"""Logos and templates never crash: a bad image or a bad template is a clear, located refusal.

A logo is read by its bytes, not its name: PNG, JPEG or GIF only, whole and not cut short, at
most ``MAX_LOGO_SIDE`` pixels a side and ``MAX_LOGO_PIXELS`` in all. Anything else is a data
error at ``agenda.yaml``'s ``theme.logo`` (exit 65) in ``validate`` and ``build``, and nothing
is written. A template that is not the Office file it is named as is a template error (exit 66).
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import zipfile
import zlib

import pytest
from conftest import SAMPLE
from PIL import Image

from agenda.images import (
    MAX_LOGO_BYTES,
    MAX_LOGO_PIXELS,
    MAX_LOGO_SIDE,
    ImageInfo,
    ImageProblem,
    image_info,
)
from agenda.resources import templates

# --- images made by hand, byte by byte ----------------------------------------------------------


def chunk(kind: bytes, data: bytes, *, crc: int | None = None) -> bytes:
    """One PNG chunk: length, type, data and CRC (a wrong ``crc`` when asked)."""
    check = zlib.crc32(kind + data) if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", check)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ADAM7 = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)


def raw_size(width: int, height: int, channels: int = 3, depth: int = 8, interlace: int = 0):
    """Bytes of filtered pixel data a PNG of this size holds once decompressed."""

    def rows(w: int, h: int) -> int:
        return h * (1 + (w * channels * depth + 7) // 8) if w and h else 0

    if not interlace:
        return rows(width, height)
    return sum(
        rows(max(0, (width - x + dx - 1) // dx), max(0, (height - y + dy - 1) // dy))
        for x, y, dx, dy in ADAM7
    )


def png(
    width: int = 4,
    height: int = 3,
    *,
    colour: int = 2,
    depth: int = 8,
    interlace: int = 0,
    idat: bytes | None = None,
    before_idat: bytes = b"",
    end: bool = True,
) -> bytes:
    """A PNG whose pixels are all zero; every part can be swapped for a broken one."""
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    if idat is None:
        idat = zlib.compress(bytes(raw_size(width, height, channels, depth, interlace)))
    palette = chunk(b"PLTE", bytes(3 * 4)) if colour == 3 else b""
    out = PNG_SIGNATURE + chunk(b"IHDR", ihdr) + palette + before_idat + chunk(b"IDAT", idat)
    return out + (chunk(b"IEND", b"") if end else b"")


def png_header_only(width: int, height: int) -> bytes:
    """A decompression bomb's calling card: a PNG header claiming a huge size, then nothing."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return PNG_SIGNATURE + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def pillow(fmt: str, size=(60, 20), mode="RGB", **options) -> bytes:
    """A real image written by Pillow."""
    out = io.BytesIO()
    colour = (122, 31, 43) if mode in ("RGB", "RGBA") else 0
    Image.new(mode, size, colour).save(out, fmt, **options)
    return out.getvalue()


def without_jfif(jpeg: bytes) -> bytes:
    """The same JPEG with its APP0 (JFIF) segment cut out, as some cameras and tools write."""
    assert jpeg[2:4] == b"\xff\xe0"
    length = struct.unpack(">H", jpeg[4:6])[0]
    return jpeg[:2] + jpeg[4 + length :]


def exif_first(jpeg: bytes, ifd_at: int = 8) -> bytes:
    """The same JPEG opening with an Exif segment instead of JFIF, as cameras write."""
    tiff = b"MM\x00*" + struct.pack(">IH I", ifd_at, 0, 0)  # big-endian, one empty IFD
    body = b"Exif\x00\x00" + tiff
    return b"\xff\xd8\xff\xe1" + struct.pack(">H", len(body) + 2) + body + without_jfif(jpeg)[2:]


def gif_header_only(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0) + b";"


# --- the header reader on its own ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (pillow("PNG"), ImageInfo("PNG", 60, 20)),
        (pillow("PNG", (7, 300), "RGBA"), ImageInfo("PNG", 7, 300)),
        (pillow("PNG", (33, 5), "P"), ImageInfo("PNG", 33, 5)),
        (pillow("PNG", (9, 9), "1"), ImageInfo("PNG", 9, 9)),
        (pillow("PNG", (9, 9), "I;16"), ImageInfo("PNG", 9, 9)),
        (png(13, 11, interlace=1), ImageInfo("PNG", 13, 11)),
        (png(1, 1, colour=3, depth=1), ImageInfo("PNG", 1, 1)),
        (png(5, 2, colour=6, depth=16), ImageInfo("PNG", 5, 2)),
        (pillow("JPEG"), ImageInfo("JPEG", 60, 20)),
        (pillow("JPEG", (640, 480), progressive=True), ImageInfo("JPEG", 640, 480)),
        (pillow("JPEG", (31, 17), "L", dpi=(300, 300)), ImageInfo("JPEG", 31, 17)),
        (pillow("GIF"), ImageInfo("GIF", 60, 20)),
        (pillow("GIF", (300, 1), "P"), ImageInfo("GIF", 300, 1)),
        (exif_first(pillow("JPEG", (64, 48))), ImageInfo("JPEG", 64, 48)),
    ],
)
def test_the_header_reader_reads_real_images(data, expected):
    assert image_info(data) == expected
    Image.open(io.BytesIO(data)).load()  # the test image itself is sound


GOOD = png(40, 10)
JPEG = pillow("JPEG")


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "empty"),
        (b"\x00\x01garbage" * 10, "not a PNG, JPEG or GIF image"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', "SVG"),
        (b'<?xml version="1.0"?>\n<svg width="10" height="10"></svg>', "SVG"),
        (b"This is the logo, honest.\n", "text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"RIFF\x1a\x00\x00\x00WEBPVP8 ", "WebP"),
        (b"BM" + bytes(60), "BMP"),
        (b"II*\x00" + bytes(60), "TIFF"),
        (GOOD[:20], "cut short"),  # the header itself is truncated
        (GOOD[:8], "cut short"),
        (GOOD[:-12], "cut short"),  # no IEND
        (GOOD[:-20], "cut short"),  # the image data is cut
        (png(end=False) + b"\x00\x00", "cut short"),
        (png_header_only(30000, 30000), "pixels"),  # a decompression bomb's header
        (png_header_only(MAX_LOGO_SIDE + 1, 1), "pixels"),
        (png_header_only(6000, 6000), "pixels"),  # each side is allowed, the area is not
        (png_header_only(0, 10), "no width or height"),
        (png_header_only(2**31 + 5, 10), "damaged"),
        (GOOD[:40] + bytes(4) + GOOD[44:], "damaged"),  # a chunk's length and type overwritten
        (png(before_idat=chunk(b"tEXt", b"a\x00b", crc=0)), "checksum"),
        (png(idat=b"\x78\x9c not deflate at all"), "damaged"),
        (png(idat=zlib.compress(bytes(5))), "damaged"),  # too few pixels
        (png(idat=zlib.compress(bytes(5000))), "damaged"),  # more pixels than it says
        (png(depth=3), "damaged"),  # no such bit depth
        (png(colour=3, depth=8).replace(chunk(b"PLTE", bytes(12)), b""), "damaged"),  # no palette
        (PNG_SIGNATURE + chunk(b"IEND", b""), "damaged"),  # no IHDR
        (png(idat=b"").replace(chunk(b"IDAT", b""), b""), "damaged"),  # no image data
        (png(before_idat=chunk(b"pHYs", struct.pack(">IIB", 10, 10, 1))), "resolution"),
        (png(before_idat=chunk(b"t\xffXt", b"x")), "damaged"),  # chunk type not letters
        (JPEG[:2], "cut short"),
        (JPEG[:200], "cut short"),  # stops inside its headers
        (JPEG[:-2], "cut short"),  # no end-of-image marker
        (without_jfif(JPEG), "JFIF"),
        (JPEG[:20] + b"\x00" * 8 + JPEG[28:], "damaged"),
        (gif_header_only(0, 5), "no width or height"),
        (gif_header_only(40000, 40000), "pixels"),
        (gif_header_only(10, 10)[:-1], "cut short"),  # no image and no trailer
        (pillow("GIF")[:-1], "cut short"),
        (pillow("GIF")[:30], "cut short"),
    ],
)
def test_the_header_reader_refuses_what_is_not_a_whole_image(data, phrase):
    with pytest.raises(ImageProblem) as caught:
        image_info(data)
    assert phrase in str(caught.value)


def test_the_limits_are_documented_and_sensible():
    assert MAX_LOGO_PIXELS == 25_000_000
    assert MAX_LOGO_SIDE * MAX_LOGO_SIDE > MAX_LOGO_PIXELS
    with pytest.raises(ImageProblem) as caught:  # at the limit: refused only for its missing data
        image_info(png_header_only(5000, 5000))
    assert "pixels" not in str(caught.value) and "no image data" in str(caught.value)


def test_a_large_but_allowed_image_is_checked_without_a_bomb(tmp_path):
    """5000 x 5000 of zeros compresses to ~75 kB: reading it stays quick and bounded."""
    data = png(5000, 5000, colour=0)
    assert len(data) < 200_000
    assert image_info(data) == ImageInfo("PNG", 5000, 5000)


# --- through the command line, on a copy of the sample workspace --------------------------------


@pytest.fixture
def workspace(tmp_path):
    ws = tmp_path / "northwind"
    shutil.copytree(SAMPLE, ws)
    (ws / "brand").mkdir()
    return ws


def _with_logo(ws, name: str, data: bytes) -> None:
    (ws / "brand" / name).write_bytes(data)
    (ws / "agenda.yaml").write_text(f"theme:\n  logo: brand/{name}\n")


BAD_LOGOS = {
    "corrupt bytes": ("logo.png", b"\x00\x01garbage" * 10, "not a PNG, JPEG or GIF"),
    "an SVG renamed": ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
    "an SVG": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "PNG, JPEG or GIF"),
    "a text file renamed": ("logo.png", b"our logo goes here\n", "text"),
    "an empty file": ("logo.png", b"", "empty"),
    "a truncated header": ("logo.png", GOOD[:20], "cut short"),
    "no end": ("logo.png", GOOD[:-12], "cut short"),
    "a bad checksum": ("logo.png", png(before_idat=chunk(b"tEXt", b"a\x00b", crc=7)), "checksum"),
    "overwritten bytes": ("logo.png", GOOD[:40] + bytes(4) + GOOD[44:], "damaged"),
    "broken pixels": ("logo.png", png(idat=b"\x78\x9c broken"), "damaged"),
    "a JPEG renamed .png": ("logo.png", JPEG, "rename it to logo.jpg"),
    "a PNG renamed .jpg": ("logo.jpg", GOOD, "rename it to logo.png"),
    "a GIF renamed .jpeg": ("logo.jpeg", pillow("GIF"), "rename it to logo.gif"),
    "a JPEG cut short": ("logo.jpg", JPEG[:-2], "cut short"),
    "a JPEG without JFIF": ("logo.jpg", without_jfif(JPEG), "JFIF"),
    # sound by its own structure, but its Exif data points past its end, which python-docx
    # trips on: the last guard (asking the writers' own image readers) refuses it
    "an Exif header Word cannot read": ("logo.jpg", exif_first(JPEG, 5000), "cannot be placed"),
    "a GIF cut short": ("logo.gif", pillow("GIF")[:30], "cut short"),
    "a decompression bomb": ("logo.png", png_header_only(30000, 30000), "pixels"),
    "too wide": ("logo.png", png_header_only(30000, 2), "pixels"),
    "too many pixels": ("logo.png", png_header_only(6000, 6000), "pixels"),
    "zero size": ("logo.gif", gif_header_only(0, 0), "no width or height"),
    "a resolution Word cannot use": (
        "logo.png",
        png(before_idat=chunk(b"pHYs", struct.pack(">IIB", 10, 10, 1))),
        "resolution",
    ),
    "too many bytes": (
        "logo.png",
        png(before_idat=chunk(b"zzZz", bytes(MAX_LOGO_BYTES))),
        "larger than",
    ),
}


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("case", list(BAD_LOGOS))
def test_a_bad_logo_is_a_located_data_error_and_nothing_is_written(
    workspace, tmp_path, run_cli, case, command
):
    name, data, phrase = BAD_LOGOS[case]
    _with_logo(workspace, name, data)
    out = tmp_path / "out"
    args = ["--out", out] if command == "build" else []
    result = run_cli(command, workspace / "2026-11", *args)  # an exception fails the test
    assert result.exit_code == 65, result.output
    assert "Traceback" not in result.output
    assert re.search(r"agenda\.yaml:2:\d+", result.stderr), result.stderr
    assert "theme.logo" in result.stderr and f"brand/{name}" in result.stderr
    assert phrase in result.stderr
    assert not out.exists()
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("logo.jpg", exif_first(pillow("JPEG", (400, 120)))),
        ("logo.JPEG", pillow("JPEG", (400, 120), dpi=(300, 300))),
        ("logo.gif", pillow("GIF", (300, 100), "P")),
        ("logo.png", png(600, 150, interlace=1)),
        ("logo.png", png(320, 90, colour=3, depth=4)),
    ],
)
def test_good_logos_of_every_kind_reach_both_files(workspace, tmp_path, run_cli, name, data):
    _with_logo(workspace, name, data)
    assert run_cli("validate", workspace / "2026-11").exit_code == 0
    out = tmp_path / "out"
    result = run_cli("build", workspace / "2026-11", "--out", out)
    assert result.exit_code == 0, result.output
    docx, pptx = sorted(out.iterdir())
    with zipfile.ZipFile(docx) as z:
        assert any(n.startswith("word/media/") for n in z.namelist())
    with zipfile.ZipFile(pptx) as z:
        assert any(n.startswith("ppt/media/") for n in z.namelist())


# --- templates: a damaged or mistaken base file is a template error -----------------------------

BASE_PPTX = (templates() / "base.pptx").read_bytes()
BASE_DOCX = (templates() / "base.docx").read_bytes()


def _zipped(**files: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def _as_template(pptx: bytes) -> bytes:
    """The presentation saved as a PowerPoint template (.potx), by its content type."""
    with zipfile.ZipFile(io.BytesIO(pptx)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"presentationml.presentation.main", b"presentationml.template.main"
    )
    return _zipped(**parts)


BAD_TEMPLATES = {
    "a .potx renamed .pptx": ({"base.pptx": _as_template(BASE_PPTX)}, "base.pptx", ".potx"),
    "an empty base.pptx": ({"base.pptx": b""}, "base.pptx", "empty"),
    "an empty base.docx": ({"base.docx": b""}, "base.docx", "empty"),
    "a .docx renamed .pptx": ({"base.pptx": BASE_DOCX}, "base.pptx", "Word document"),
    "a .pptx renamed .docx": ({"base.docx": BASE_PPTX}, "base.docx", "PowerPoint"),
    "a base.pptx cut short": ({"base.pptx": BASE_PPTX[:5000]}, "base.pptx", "not a readable"),
    "a base.docx of junk": ({"base.docx": b"not a zip at all"}, "base.docx", "not a readable"),
    "a zip that is no Office file": (
        {"base.pptx": _zipped(**{"readme.txt": b"hello"})},
        "base.pptx",
        "not a readable",
    ),
}


def _brand(tmp_path, files: dict[str, bytes]):
    brand = tmp_path / "brand"
    brand.mkdir()
    for name, data in {"base.pptx": BASE_PPTX, "base.docx": BASE_DOCX, **files}.items():
        (brand / name).write_bytes(data)
    return brand


@pytest.mark.parametrize("how", ["validate", "build --template", "build with agenda.yaml"])
@pytest.mark.parametrize("case", list(BAD_TEMPLATES))
def test_a_damaged_or_mistaken_template_is_a_template_error(
    workspace, tmp_path, run_cli, case, how
):
    files, named, phrase = BAD_TEMPLATES[case]
    brand = _brand(tmp_path, files)
    out = tmp_path / "out"
    month = workspace / "2026-11"
    if how == "build --template":
        result = run_cli("build", month, "--out", out, "--template", brand)
    else:
        (workspace / "agenda.yaml").write_text(f"theme:\n  template: {brand}\n")
        args = ["build", month, "--out", out] if how.startswith("build") else ["validate", month]
        result = run_cli(*args)
    assert result.exit_code == 66, result.output
    assert "Traceback" not in result.output
    assert "Template error" in result.stderr and named in result.stderr
    assert phrase in result.stderr
    assert "BytesIO" not in result.stderr  # no library internals in the message
    assert not out.exists()
