"""Benchmark: `budgetlint import FILE.pdf` on published disclosures, beside its peer in the same run.

    python bench/import_pdf.py [FILE.pdf ...]      # default: ../shared/reference/disclosures/*.pdf

For each PDF, in one run and on one machine:

- `budgetlint import FILE.pdf -o OUT.yaml` as a fresh subprocess (start-up included, as a clerk runs
  it), best of 3 wall-clock seconds, and its peak resident memory (`ru_maxrss` of the child);
- the peer: pdfplumber alone extracting every table of every page (`page.extract_tables()`), which is
  what a script without budgetlint would do to get the figures out, with no layout, no checks and no
  budget file — also a fresh subprocess, best of 3.

The issue's budget is at most 5 s per disclosure on this machine. This is a script, not a timed test:
timings depend on the machine, so they are printed with its facts.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISCLOSURES = ROOT.parent / "shared" / "reference" / "disclosures"
PEER = "import sys, pdfplumber\nwith pdfplumber.open(sys.argv[1]) as pdf:\n    [page.extract_tables() for page in pdf.pages]"


def run(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak MiB of the child, exit code."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def best_of(count: int, command: list[str]) -> tuple[float, float, int]:
    runs = [run(command) for _ in range(count)]
    return min(seconds for seconds, _, _ in runs), max(peak for _, peak, _ in runs), runs[-1][2]


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() \
        else platform.processor()
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(DISCLOSURES.glob("*.pdf"))
    if not pdfs:
        sys.exit(f"no PDFs given and none in {DISCLOSURES}")
    print(f"machine: {machine()}")
    print(f"{'file':<44} {'budgetlint import':>18} {'peak MiB':>9} {'exit':>5} {'pdfplumber tables':>18} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for index, pdf in enumerate(pdfs):
            out = Path(folder) / f"{index}.yaml"
            ours = best_of(args.repeat, [sys.executable, "-m", "budgetlint.cli", "import", str(pdf), "-o", str(out),
                                         "--force"])
            peer = best_of(args.repeat, [sys.executable, "-c", PEER, str(pdf)])
            print(f"{pdf.name:<44} {ours[0]:>16.2f} s {ours[1]:>9.0f} {ours[2]:>5} {peer[0]:>16.2f} s {peer[1]:>9.0f}")


if __name__ == "__main__":
    main()
