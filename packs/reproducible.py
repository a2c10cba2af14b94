"""Make a written .docx/.pptx byte-identical for the same input, so packs can be diffed and audited.

python-docx and python-pptx stamp zip entries with the clock, and the chart workbooks that
python-pptx embeds (written by XlsxWriter) carry their creation time. Both are rewritten here
from the meeting date; entry order is kept as written (it is already deterministic).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

_CORE_TIMES = re.compile(
    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)


def canonical_zip(blob: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite an OOXML zip with fixed entry times and normalised nested workbooks."""
    when = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(blob)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith(".xlsx"):
                data = canonical_zip(data, stamp)
            elif info.filename == "docProps/core.xml":
                data = _CORE_TIMES.sub(rb"\g<1>" + iso + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return out.getvalue()


def make_reproducible(path: Path, day: dt.date) -> None:
    """Canonicalise the file at ``path`` in place (it is still a temporary file)."""
    stamp = dt.datetime.combine(day, dt.time(0, 0))
    path.write_bytes(canonical_zip(path.read_bytes(), stamp))
