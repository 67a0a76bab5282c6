"""Issue 17 item 8: a file is never compared with itself as its own previous year.

A 2023 budget saved as `2022.yaml` used to be read as its own 2022 file: six false A403/A404 about
growth from a year that was the same year. Now a `<year>.yaml` name that disagrees with `fiscal_year`
is a finding (T303), and the previous year's file is used only when it is another file whose
`fiscal_year` is the year before.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import MAINTAINED

from budgetlint.cli import main
from budgetlint.rules import CATALOGUE

FISCAL_YEAR_LINE = MAINTAINED.read_text(encoding="utf-8").splitlines().index("fiscal_year: 2023") + 1


def check(*paths: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *map(str, paths)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]  # type: ignore[no-any-return]


def rules(findings: list[dict[str, Any]], file: Path | None = None) -> list[str]:
    return sorted(f["rule"] for f in findings if file is None or f["file"] == str(file))


def test_a_budget_saved_under_another_year_is_a_finding_and_not_its_own_previous_year(tmp_path: Path) -> None:
    misnamed = tmp_path / "2022.yaml"
    shutil.copy(MAINTAINED, misnamed)  # fiscal_year: 2023
    findings = check(misnamed)
    assert rules(findings) == ["T303"]  # not the six A403/A404 of comparing 2023 with itself
    [t303] = [f for f in findings if f["rule"] == "T303"]
    assert t303["path"] == "fiscal_year" and t303["line"] == FISCAL_YEAR_LINE
    assert "2022.yaml" in t303["message"] and "2023" in t303["message"]


def test_the_previous_year_file_must_be_of_the_previous_year(tmp_path: Path) -> None:
    current = tmp_path / "2023.yaml"
    shutil.copy(MAINTAINED, current)
    shutil.copy(MAINTAINED, tmp_path / "2022.yaml")  # a copy of 2023, not last year's budget
    findings = check(current, tmp_path / "2022.yaml")
    assert rules(findings, current) == []  # as alone: its waivers hold, no A403/A404 against a 2023 file
    assert rules(findings, tmp_path / "2022.yaml") == ["T303"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_to_the_file_itself_is_not_its_previous_year(tmp_path: Path) -> None:
    current = tmp_path / "2023.yaml"
    shutil.copy(MAINTAINED, current)
    (tmp_path / "2022.yaml").symlink_to(current)
    assert rules(check(current)) == []


def test_a_name_that_is_not_a_year_is_not_a_finding(tmp_path: Path) -> None:
    for name in ("budget.yaml", "2023-revised.yaml", "12023.yaml"):
        shutil.copy(MAINTAINED, tmp_path / name)
        assert "T303" not in rules(check(tmp_path / name)), name


def test_t303_is_in_the_catalogue_and_in_docs() -> None:
    entry = next(rule for rule in CATALOGUE if rule.id == "T303")
    assert "Bad::" in entry.doc and "Good::" in entry.doc
    docs = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "T303" in docs
