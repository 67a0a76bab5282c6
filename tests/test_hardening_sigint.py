"""Issue 17 item 11 (part): Ctrl-C (SIGINT) ends budgetlint with exit code 130, as shells expect of a
program stopped by SIGINT, and one line on standard error, not click's `Aborted!` and exit code 1
nor a traceback."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

# Runs budgetlint with SIGINT at its default (exec keeps a default disposition, and an ignored one).
DEFAULT_SIGINT = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                  "os.execv(sys.executable, [sys.executable, '-m', 'budgetlint.cli', *sys.argv[1:]])")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigint_exits_130_with_one_line(tmp_path: Path) -> None:
    # textconv prints an unreadable file as it is: 4 MB, far more than a pipe holds, so the command
    # is still writing (inside the command, past start-up) when the first bytes arrive here.
    big = tmp_path / "big.yaml"
    big.write_text("{ not yaml\n" + "x" * 99 + ("\n" + "y" * 99) * 40000, encoding="utf-8")
    # SIGINT as a terminal delivers it: a test run started in the background (`pytest &`) would pass its
    # children SIGINT ignored, and budgetlint rightly leaves an ignored SIGINT ignored (`nohup`).
    process = subprocess.Popen([sys.executable, "-c", DEFAULT_SIGINT, "textconv", str(big)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stdout.read(1)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr and b"Aborted" not in stderr
    assert stderr.decode("utf-8").strip().splitlines() == ["budgetlint: interrupted"]
