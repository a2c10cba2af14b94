"""PDF copies of the pack through LibreOffice: headless, with a throwaway profile, time-limited."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from agenda.errors import RenderError

#: Seconds one conversion may take before it is abandoned.
TIMEOUT = 180
INSTALL_HINT = (
    "PDF output needs LibreOffice: install it, e.g. on Debian/Ubuntu "
    "'apt-get install libreoffice-writer-nogui libreoffice-impress-nogui', on macOS "
    "'brew install --cask libreoffice', then run the build again (or leave out --pdf and "
    "--notes-pdf)"
)


#: The deck's notes pages (each slide above its speaker notes), through Impress's PDF filter; the
#: filter options in JSON form need LibreOffice 7.4 or newer (an older one ignores them and
#: would make a PDF of the slides alone).
NOTES_FILTER = "pdf:impress_pdf_Export:" + json.dumps(
    {
        "ExportNotesPages": {"type": "boolean", "value": "true"},
        "ExportOnlyNotesPages": {"type": "boolean", "value": "true"},
    },
    separators=(",", ":"),
)
NOTES_SINCE = (7, 4)


def find_office() -> str:
    """Return the LibreOffice command, or refuse with how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    if mac.exists():
        return str(mac)
    raise RenderError(INSTALL_HINT)


@cache
def office_version(office: str) -> tuple[int, int] | None:
    """LibreOffice's version as (major, minor), or None when it does not say in a known way."""
    try:
        done = subprocess.run(
            [office, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (subprocess.TimeoutExpired, OSError):
        return None
    found = re.search(r"\b(\d+)\.(\d+)\.\d", done.stdout)
    return (int(found.group(1)), int(found.group(2))) if found else None


def check_notes(office: str) -> None:
    """Refuse, before any work, a LibreOffice too old to export notes pages."""
    version = office_version(office)
    if version is not None and version < NOTES_SINCE:
        raise RenderError(
            f"the notes pages PDF needs LibreOffice {NOTES_SINCE[0]}.{NOTES_SINCE[1]} or "
            f"newer (this is {version[0]}.{version[1]}): update it, or leave out --notes-pdf"
        )


def notes_fit(deck: Path) -> None:
    """Let each slide's speaker notes shrink to fit their box on the notes page.

    On the presenter's screen the notes scroll; a printed notes page has a box of fixed size,
    and long notes would run off its foot. Done on the copy that is printed, so the deck
    itself stays as written (and byte-identical run after run).
    """
    from pptx import Presentation
    from pptx.oxml.ns import qn

    presentation = Presentation(str(deck))
    for slide in presentation.slides:
        if not slide.has_notes_slide:
            continue
        body = slide.notes_slide.notes_placeholder
        if body is None:
            continue
        properties = body.text_frame._txBody.find(qn("a:bodyPr"))
        if properties is None:
            continue
        for fit in ("a:noAutofit", "a:spAutoFit", "a:normAutofit"):
            for old in properties.findall(qn(fit)):
                properties.remove(old)
        properties.append(properties.makeelement(qn("a:normAutofit"), {}))
    presentation.save(str(deck))


def to_pdf(source: Path, target: Path, *, notes: bool = False) -> None:
    """Convert ``source`` (.docx or .pptx) to the PDF ``target``; with ``notes``, the deck's
    notes pages: each slide above its speaker notes, one page per slide."""
    office = find_office()
    if notes:
        check_notes(office)
    with tempfile.TemporaryDirectory(prefix="agenda-pdf-") as work:
        work_dir = Path(work)
        # A copy with a plain name: LibreOffice names its output after its input.
        plain = work_dir / f"pack{source.suffix}"
        shutil.copyfile(source, plain)
        if notes:
            notes_fit(plain)
        profile = (work_dir / "profile").as_uri()
        command = [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            NOTES_FILTER if notes else "pdf",
            "--outdir",
            str(work_dir),
            str(plain),
        ]
        env = {**os.environ, "HOME": str(work_dir)}
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT, env=env)
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"LibreOffice took more than {TIMEOUT} s to make a PDF of {source.suffix}"
            ) from None
        except (subprocess.CalledProcessError, OSError) as exc:
            raise RenderError(f"LibreOffice could not make a PDF: {exc}") from None
        made = work_dir / "pack.pdf"
        if not made.is_file():
            raise RenderError(f"LibreOffice made no PDF of the {source.suffix} file")
        shutil.copyfile(made, target)
