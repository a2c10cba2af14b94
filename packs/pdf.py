"""PDF copies of the pack through LibreOffice: headless, with a throwaway profile, time-limited."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from agenda.errors import RenderError

#: Seconds one conversion may take before it is abandoned.
TIMEOUT = 180
INSTALL_HINT = (
    "PDF output needs LibreOffice: install it, e.g. on Debian/Ubuntu "
    "'apt-get install libreoffice-writer-nogui libreoffice-impress-nogui', on macOS "
    "'brew install --cask libreoffice', then run the build again (or leave out --pdf)"
)


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


def to_pdf(source: Path, target: Path) -> None:
    """Convert ``source`` (.docx or .pptx) to the PDF ``target``."""
    office = find_office()
    with tempfile.TemporaryDirectory(prefix="agenda-pdf-") as work:
        work_dir = Path(work)
        # A copy with a plain name: LibreOffice names its output after its input.
        plain = work_dir / f"pack{source.suffix}"
        shutil.copyfile(source, plain)
        profile = (work_dir / "profile").as_uri()
        command = [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
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
