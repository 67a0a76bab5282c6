"""`budgetlint render -o x.pdf`: the HTML disclosure printed to PDF by headless Chromium.

No PDF library is bundled: the page is laid out for print already (A4 landscape, headers repeated, a page
per table), and Chromium prints it as a browser would. Without Chromium on PATH the command refuses and
says why, rather than write something that is not the disclosure.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from budgetlint.messages import say, tr

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# A disclosure prints in one to three seconds; a browser that takes minutes is stuck.
TIMEOUT_SECONDS = 180
# Headless, without a sandbox (containers and CI runners have no user namespaces for it), and without
# anything that would reach the network; the page itself makes no request (its Content-Security-Policy).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
         "--mute-audio", "--no-pdf-header-footer", "--print-to-pdf-no-header"]


class PDFError(Exception):
    """No PDF can be written (no Chromium, or it failed); the message says why. Exit code 2."""


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def write_pdf(page: str, output: Path) -> None:
    """Print the HTML `page` to the PDF file `output`; raises PDFError when it cannot."""
    chromium = find_chromium()
    if chromium is None:
        raise PDFError(tr("cli.pdf.no_chromium", output=output, names=", ".join(CHROMIUM_NAMES)))
    with tempfile.TemporaryDirectory(prefix="budgetlint-pdf-") as folder:
        source = Path(folder) / "disclosure.html"
        source.write_text(page, encoding="utf-8")
        printed = Path(folder) / "disclosure.pdf"
        command = [chromium, *FLAGS, f"--user-data-dir={Path(folder) / 'profile'}", f"--print-to-pdf={printed}",
                   source.as_uri()]
        try:
            result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_SECONDS,
                                    check=False)
        except subprocess.TimeoutExpired:
            raise PDFError(tr("cli.pdf.timeout", output=output, chromium=chromium, seconds=TIMEOUT_SECONDS)) from None
        except OSError as error:
            raise PDFError(tr("cli.pdf.cannot_run", output=output, chromium=chromium,
                              error=error.strerror or error)) from None
        content = printed.read_bytes() if printed.is_file() else b""
        if not content.startswith(b"%PDF"):
            said = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise PDFError(tr("cli.pdf.no_pdf", output=output, chromium=chromium, code=result.returncode,
                              said=say("cli.pdf.said", text=said[-1]) if said else ""))
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(content)
    except OSError as error:
        raise PDFError(tr("cli.cannot_write", path=output, error=error.strerror or error)) from None
