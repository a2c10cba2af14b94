"""What an image file really is, read from its bytes: kind, size and soundness of a logo.

python-docx and python-pptx read image headers with their own code and crash, half-way through a
build, on anything they cannot read; the file's name says nothing about what it holds. So a logo
is checked here first, by its bytes, with only the standard library (no new dependency): PNG,
JPEG or GIF, whole, of a sane size and resolution. Each refusal says why in the user's terms.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

#: A logo file may be at most this big (checked before it is read).
MAX_LOGO_BYTES = 5 * 1024 * 1024
#: A logo is shown about 2 cm high, so more pixels than this is a mistake, or a decompression
#: bomb (a small file that claims a huge image). Both limits are read from the image's header
#: before any pixel is decoded.
MAX_LOGO_PIXELS = 25_000_000
MAX_LOGO_SIDE = 10_000
#: The resolutions (dots per inch) a logo may declare: python-docx sizes the picture by it.
LOGO_DPI = (1, 10_000)

#: The image kinds a logo may be, by the file-name suffix that names each, and back.
KIND_BY_SUFFIX = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF"}
SUFFIX_BY_KIND = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Bit depths allowed for each PNG colour type, and the channels of each.
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
#: Adam7 interlacing: (first column, first row, column step, row step) of each of 7 passes.
_ADAM7 = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)
#: JPEG start-of-frame markers (SOF0-SOF15 less DHT, JPG and DAC), which give the size.
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


@dataclass(frozen=True)
class ImageInfo:
    """What an image's bytes say it is."""

    kind: str  #: "PNG", "JPEG" or "GIF"
    width: int
    height: int


class ImageProblem(ValueError):
    """Bytes that are not a whole PNG, JPEG or GIF image of a usable size; the message says
    why, worded to follow the file's name ("'brand/logo.png' is empty (0 bytes)")."""


def image_info(data: bytes) -> ImageInfo:
    """Read a PNG, JPEG or GIF image by its bytes and check that it is whole and of a sane size.

    The kind comes from the bytes, never the name. Only the structure is read: PNG chunks and
    their checksums, with the pixel data inflated in bounded steps to check its length; JPEG
    segments up to the scan, and its end marker; GIF blocks. The size is checked against
    ``MAX_LOGO_SIDE`` and ``MAX_LOGO_PIXELS`` as soon as the header gives it. Anything that
    would trip python-docx or python-pptx (which read these headers themselves) is refused here.
    Raises ImageProblem.
    """
    if not data:
        raise ImageProblem("is empty (0 bytes)")
    if data.startswith(_PNG_SIGNATURE[:4]):
        return _png(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data)
    if data.startswith(b"GIF8"):
        return _gif(data)
    raise ImageProblem(
        f"is not a PNG, JPEG or GIF image (its bytes are {_what_bytes(data)}); export the logo "
        "as PNG and point theme.logo at that file"
    )


def _what_bytes(data: bytes) -> str:
    head = data[:1024]
    kinds = [
        (b"<svg" in head.lower(), "an SVG drawing"),
        (head.startswith(b"%PDF"), "a PDF document"),
        (head[:4] == b"RIFF" and head[8:12] == b"WEBP", "a WebP image"),
        (head[:2] == b"BM", "a BMP image"),
        (head[:4] in (b"II*\x00", b"MM\x00*"), "a TIFF image"),
        (head[4:8] == b"ftyp", "an HEIC or AVIF image"),
        (head[:4] == b"PK\x03\x04", "a zip archive"),
        (all(b >= 0x20 or b in b"\t\n\r\f" for b in head), "text"),
    ]
    return next((what for found, what in kinds if found), "of no image format")


def _cut_short(kind: str, where: str) -> ImageProblem:
    return ImageProblem(
        f"is a {kind} image cut short: it ends {where}; copy or export it again from the original"
    )


def _damaged(kind: str, what: str) -> ImageProblem:
    return ImageProblem(f"is a damaged {kind} image ({what}); export it again from the original")


def _sized(kind: str, width: int, height: int) -> ImageInfo:
    if not width or not height:
        raise ImageProblem(f"is a {kind} image with no width or height ({width} × {height})")
    if max(width, height) > MAX_LOGO_SIDE or width * height > MAX_LOGO_PIXELS:
        raise ImageProblem(
            f"is {width:,} × {height:,} pixels; a logo may be at most {MAX_LOGO_SIDE:,} pixels a "
            f"side and {MAX_LOGO_PIXELS // 1_000_000} megapixels in all (it is shown about 2 cm "
            "high): save a smaller copy"
        )
    return ImageInfo(kind, width, height)


def _dpi_problem(kind: str, dpi: tuple[int, int]) -> ImageProblem | None:
    low, high = LOGO_DPI
    if all(low <= d <= high for d in dpi):
        return None
    return ImageProblem(
        f"is a {kind} image that declares a resolution of {dpi[0]} × {dpi[1]} dots per inch, "
        f"outside {low} to {high:,}, so it cannot be sized in the Word pack; save it again "
        "with a normal resolution (e.g. 72 or 300 dpi)"
    )


def _png(data: bytes) -> ImageInfo:
    if len(data) < len(_PNG_SIGNATURE):
        raise _cut_short("PNG", "inside its signature")
    if data[:8] != _PNG_SIGNATURE:
        raise _damaged("PNG", "its signature is wrong")
    info, palette, pixels, pos = None, False, [], 8
    depth = colour = interlace = 0
    while True:
        if pos + 8 > len(data):
            raise _cut_short("PNG", "before its closing IEND chunk")
        length, kind = struct.unpack_from(">I4s", data, pos)
        if length > 2**31 - 1 or not all(65 <= c <= 90 or 97 <= c <= 122 for c in kind):
            raise _damaged("PNG", f"a chunk at byte {pos:,} is not a PNG chunk")
        end = pos + 12 + length
        if end > len(data):
            raise _cut_short("PNG", f"inside its {kind.decode()} chunk")
        body = data[pos + 8 : end - 4]
        if zlib.crc32(kind + body) != struct.unpack_from(">I", data, end - 4)[0]:
            raise _damaged("PNG", f"the checksum of its {kind.decode()} chunk does not match")
        if info is None:
            if kind != b"IHDR" or length != 13:
                raise _damaged("PNG", "it does not open with its IHDR header")
            width, height, depth, colour, compression, filtering, interlace = struct.unpack(
                ">IIBBBBB", body
            )
            if (
                max(width, height) > 2**31 - 1
                or depth not in _PNG_DEPTHS.get(colour, ())
                or compression
                or filtering
                or interlace > 1
            ):
                raise _damaged("PNG", "its IHDR header holds impossible values")
            info = _sized("PNG", width, height)
        elif kind == b"IHDR":
            raise _damaged("PNG", "it has two IHDR headers")
        elif kind == b"PLTE":
            palette = True
        elif kind == b"IDAT":
            pixels.append(body)
        elif kind == b"pHYs":  # python-docx sizes the picture by it (pixels per metre)
            if length != 9:
                raise _damaged("PNG", "its pHYs chunk has the wrong length")
            per_x, per_y, unit = struct.unpack(">IIB", body)
            dpi = (round(per_x * 0.0254), round(per_y * 0.0254))
            if unit == 1 and (trouble := _dpi_problem("PNG", dpi)):
                raise trouble
        elif kind == b"IEND":
            break
        pos = end
    if colour == 3 and not palette:
        raise _damaged("PNG", "it has no PLTE palette for its colours")
    if not pixels:
        raise _damaged("PNG", "it holds no image data")
    expected = _png_raw_size(info.width, info.height, _PNG_CHANNELS[colour] * depth, interlace)
    if _inflated_size(b"".join(pixels), expected) != expected:
        raise _damaged("PNG", "its image data does not decompress to its size")
    return info


def _png_raw_size(width: int, height: int, bits: int, interlace: int) -> int:
    """Bytes of filtered pixel rows in a PNG of this size, once decompressed."""

    def rows(w: int, h: int) -> int:
        return h * (1 + (w * bits + 7) // 8) if w and h else 0

    if not interlace:
        return rows(width, height)
    return sum(
        rows(max(0, (width - x + dx - 1) // dx), max(0, (height - y + dy - 1) // dy))
        for x, y, dx, dy in _ADAM7
    )


def _inflated_size(stream: bytes, limit: int) -> int | None:
    """How many bytes a zlib stream inflates to (stopping once past ``limit``, so a bomb
    never fills memory), or None when it is not one whole zlib stream."""
    step, total = 1 << 20, 0
    inflater = zlib.decompressobj()
    try:
        pending, more = stream, True
        while more and not inflater.eof and total <= limit:
            out = inflater.decompress(pending, step)
            total += len(out)
            pending = inflater.unconsumed_tail
            more = bool(pending) or len(out) == step
        if not inflater.eof and total <= limit:
            return None
    except zlib.error:
        return None
    return total


def _jpeg(data: bytes) -> ImageInfo:
    if len(data) < 12:
        raise _cut_short("JPEG", "inside its first header")
    # python-docx knows a JPEG only by a JFIF or Exif header straight after its start marker.
    jfif = data[2:4] == b"\xff\xe0" and data[6:11] == b"JFIF\x00"
    exif = data[2:4] == b"\xff\xe1" and data[6:12] == b"Exif\x00\x00"
    if not (jfif or exif):
        raise ImageProblem(
            "is a JPEG image without the usual JFIF or Exif header, which the Word pack cannot "
            "hold; save it again as a standard JPEG, or as PNG"
        )
    size, app0, pos = None, False, 2
    while True:
        if pos + 2 > len(data):
            raise _cut_short("JPEG", "inside its headers")
        if data[pos] != 0xFF:
            raise _damaged("JPEG", f"its headers lose step at byte {pos:,}")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a segment
            pos += 2
            continue
        if marker in (0xD8, 0xD9):
            raise _damaged("JPEG", "it has no image data")
        if pos + 4 > len(data):
            raise _cut_short("JPEG", "inside its headers")
        length = struct.unpack_from(">H", data, pos + 2)[0]
        end = pos + 2 + length
        if length < 2:
            raise _damaged("JPEG", f"a header at byte {pos:,} has an impossible length")
        if end > len(data):
            raise _cut_short("JPEG", "inside its headers")
        if marker in _JPEG_SOF and size is None:
            if length < 8:
                raise _damaged("JPEG", "its frame header is too short")
            height, width = struct.unpack_from(">HH", data, pos + 5)
            size = _sized("JPEG", width, height)
        elif marker == 0xE0 and not app0:  # python-docx sizes the picture by the first APP0
            app0 = True
            if length < 14:
                raise _damaged("JPEG", "its JFIF header is too short")
            units, dpi_x, dpi_y = struct.unpack_from(">BHH", data, pos + 11)
            dpi = {1: (dpi_x, dpi_y), 2: (round(dpi_x * 2.54), round(dpi_y * 2.54))}.get(units)
            if dpi and (trouble := _dpi_problem("JPEG", dpi)):
                raise trouble
        elif marker == 0xDA:  # start of scan: the compressed pixels follow
            pos = end
            break
        pos = end
    if size is None:
        raise _damaged("JPEG", "it has no frame header giving its size")
    if data.find(b"\xff\xd9", pos) < 0:
        raise _cut_short("JPEG", "before its end-of-image marker")
    return size


def _gif(data: bytes) -> ImageInfo:
    if len(data) < 13:
        raise _cut_short("GIF", "inside its header")
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise _damaged("GIF", "its signature is wrong")
    width, height, flags = struct.unpack_from("<HHB", data, 6)
    info = _sized("GIF", width, height)
    pos = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)  # the global colour table
    images = 0
    while True:
        if pos >= len(data):
            raise _cut_short("GIF", "before its trailer")
        block = data[pos]
        if block == 0x3B:  # trailer
            break
        if block == 0x21:  # extension: label, then data sub-blocks
            pos = _gif_sub_blocks(data, pos + 2)
        elif block == 0x2C:  # image: descriptor, local colour table, LZW code size, sub-blocks
            if pos + 10 > len(data):
                raise _cut_short("GIF", "inside an image descriptor")
            local = data[pos + 9]
            pos += 10 + (3 << ((local & 7) + 1) if local & 0x80 else 0)
            pos = _gif_sub_blocks(data, pos + 1)
            images += 1
        else:
            raise _damaged("GIF", f"an unknown block at byte {pos:,}")
    if not images:
        raise _damaged("GIF", "it holds no image")
    return info


def _gif_sub_blocks(data: bytes, pos: int) -> int:
    """The position after the data sub-blocks starting at ``pos`` (ended by an empty one)."""
    while True:
        if pos >= len(data):
            raise _cut_short("GIF", "inside its image data")
        size = data[pos]
        pos += 1 + size
        if not size:
            return pos


def writers_can_place(data: bytes, name: str) -> bool:
    """Whether python-docx and python-pptx read the image as the writers will.

    A last guard behind ``image_info``, which should refuse first and say why: both libraries
    parse image headers with their own code (python-pptx through Pillow), and anything either
    of them cannot read would otherwise crash a build half-way.
    """
    import warnings

    from docx.image.image import Image as WordImage
    from docx.shared import Inches
    from pptx.parts.image import Image as SlideImage

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. Pillow's decompression-bomb warning
            WordImage.from_blob(data).scaled_dimensions(height=Inches(0.9))
            slide = SlideImage.from_blob(data, name)
            _ = (slide.ext, slide.content_type, slide.size, slide.dpi)
    except Exception:  # whatever a dependency raises, the user's answer is the same
        return False
    return True
