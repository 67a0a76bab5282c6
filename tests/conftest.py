"""Shared fixtures: the as-published example and the maintained budget, loaded from the repository,
and a helper that writes a (mutated) budget to a temporary file and checks it with the real linter."""

from __future__ import annotations

import contextlib
import copy
import datetime
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from budgetlint.findings import Finding
from budgetlint.lint import check_file
from budgetlint.loader import load_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "xigong-2023-as-published.yaml"
MAINTAINED = ROOT / "budgets" / "151-xigong-jiedao" / "2023.yaml"
SEED = ROOT.parent / "shared" / "seeds" / "000_97ef04ed69913756.txt"
TODAY = datetime.date(2023, 6, 1)

# The tests read messages in English: on a machine with a Chinese locale budgetlint would speak Chinese
# (tests/test_messages.py asks for Chinese explicitly, with --lang zh or LANG).
for _name in ("LC_ALL", "LC_MESSAGES", "LANG"):
    if os.environ.get(_name, "").lower().startswith("zh"):
        os.environ[_name] = "C.UTF-8"


# On Linux a process's peak memory (`ru_maxrss`) starts at that of the process it was forked from, even
# across exec: a command run from pytest's process would report pytest's peak if that were higher. Tests
# that measure a command's memory run it from this small launcher, which writes the command's own peak
# (KiB) to the file named first: `python -c LAUNCHER PEAK_FILE COMMAND...`.
LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as peak:
    peak.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # budget files never use anchors or aliases (Y005): write every value out


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    # Written as the plain number it is, so the loader reads back exactly this text.
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


_Dumper.add_representer(Decimal, _decimal)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def load_data(path: Path) -> dict[str, Any]:
    result = load_file(path)
    assert result.document is not None, result.problems
    return copy.deepcopy(result.document.data)


def write_budget(folder: Path, data: Any, name: str = "2023.yaml") -> Path:
    path = folder / name
    path.write_text(dump(data), encoding="utf-8")
    return path


def findings_for(folder: Path, data: Any, name: str = "2023.yaml") -> list[Finding]:
    return check_file(write_budget(folder, data, name), today=TODAY)


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def set_at(data: Any, path: tuple, value: Any) -> None:
    """Set the node at `path` (keys and indices); `...` as value deletes the key."""
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is ...:
        del node[path[-1]]
    else:
        node[path[-1]] = value


@pytest.fixture()
def example_data() -> dict[str, Any]:
    return load_data(EXAMPLE)


@pytest.fixture()
def maintained_data() -> dict[str, Any]:
    return load_data(MAINTAINED)


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    """Headless Chromium with a page as wide as the printed A4 landscape (tests/cdp.py)."""
    from cdp import CHROMIUM, PRINTABLE_WIDTH, Browser

    assert CHROMIUM is not None
    with contextlib.closing(Browser(CHROMIUM, tmp_path / "profile")) as running:
        running.open_page(PRINTABLE_WIDTH, 800)
        yield running


# A run in English or in Chinese by the locale alone (CliRunner's env); tests of the Chinese command line.
ENGLISH_ENV = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
CHINESE_ENV = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.fixture()
def language_from_each_run() -> Iterator[None]:
    """Each run's language comes from its --lang or LANG, not from a test before it."""
    from budgetlint.messages import set_language

    set_language("")
    yield
    set_language("")


def run_cli(arguments: list[str], env: dict[str, str]) -> Any:
    """`budgetlint ARGUMENTS` through click's CliRunner with the environment `env`."""
    from click.testing import CliRunner

    from budgetlint.cli import main

    return CliRunner(env=env).invoke(main, arguments, prog_name="budgetlint")
