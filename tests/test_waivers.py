"""Waivers (W001–W003) and repository configuration (budgetlint.toml / pyproject.toml)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import MAINTAINED, TODAY, dump, findings_for, rules_of

from budgetlint.cli import main
from budgetlint.config import ConfigError, load_config
from budgetlint.lint import RULES_BY_ID, check_file

AT = "tables.summary.this_year_revenue"


def _typo(data: dict[str, Any]) -> None:
    data["tables"]["summary"]["this_year_revenue"] = D("1896.50")


def test_waiver_with_reason_accepts_the_finding(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    _typo(maintained_data)
    assert "A201" in rules_of(findings_for(tmp_path, maintained_data))
    maintained_data["waivers"] = maintained_data.get("waivers", []) + [{"rule": "A201", "at": AT, "reason": "as approved by 区财政局"}]
    assert "A201" not in rules_of(findings_for(tmp_path, maintained_data))


def test_waiver_without_reason_is_a_finding(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    _typo(maintained_data)
    maintained_data["waivers"] = maintained_data.get("waivers", []) + [{"rule": "A201", "at": AT}]
    rules = rules_of(findings_for(tmp_path, maintained_data))
    assert "W001" in rules and "A201" in rules


def test_expired_waiver_is_a_finding(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    _typo(maintained_data)
    maintained_data["waivers"] = maintained_data.get("waivers", []) + [{"rule": "A201", "at": AT, "reason": "temporary", "expires": "2023-01-31"}]
    rules = rules_of(findings_for(tmp_path, maintained_data))
    assert "W003" in rules and "A201" in rules
    maintained_data["waivers"][-1]["expires"] = "2023-12-31"
    rules = rules_of(findings_for(tmp_path, maintained_data))
    assert "A201" not in rules and "W003" not in rules


def test_unused_waiver_is_a_finding(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    maintained_data["waivers"] = maintained_data.get("waivers", []) + [{"rule": "A201", "at": AT, "reason": "was wrong once"}]
    findings = findings_for(tmp_path, maintained_data)
    assert rules_of(findings) == ["W002"]
    assert findings[0].severity == "warning"


def test_inline_waiver(tmp_path: Path, maintained_data: dict[str, Any]) -> None:
    _typo(maintained_data)
    text = dump(maintained_data)
    line = "  this_year_revenue: 1896.50"
    assert line in text
    path = tmp_path / "2023.yaml"
    path.write_text(text.replace(line, line + "  # budgetlint: disable=A201 reason: 区财政局 批复数"), encoding="utf-8")
    assert "A201" not in rules_of(check_file(path, today=TODAY))
    path.write_text(text.replace(line, line + "  # budgetlint: disable=A201"), encoding="utf-8")
    assert {"A201", "W001"} <= set(rules_of(check_file(path, today=TODAY)))
    path.write_text(dump(load_back(path)).replace("budgetlint: 1", "budgetlint: 1  # budgetlint: disable=A202 reason: x"),
                    encoding="utf-8")
    assert "W002" in rules_of(check_file(path, today=TODAY))


def load_back(path: Path) -> Any:
    from conftest import load_data

    return load_data(path)


def test_config_disables_and_changes_severity(tmp_path: Path) -> None:
    config_file = tmp_path / "budgetlint.toml"
    config_file.write_text('disable = ["A304"]\n[severity]\nA306 = "warning"\n', encoding="utf-8")
    config = load_config(config_file, set(RULES_BY_ID))
    assert config.disabled == {"A304"}
    from conftest import EXAMPLE

    findings = check_file(EXAMPLE, config, today=TODAY)
    assert "A304" not in rules_of(findings)
    assert [f.severity for f in findings if f.rule == "A306"] == ["warning"]


def test_config_in_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.budgetlint]\ndisable = ["A101"]\n', encoding="utf-8")
    assert load_config(pyproject, set(RULES_BY_ID)).disabled == {"A101"}


@pytest.mark.parametrize("text", ['disable = ["Z999"]', '[severity]\nA101 = "fatal"', "disable = ["])
def test_bad_config_is_a_usage_error(tmp_path: Path, text: str) -> None:
    config_file = tmp_path / "budgetlint.toml"
    config_file.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(config_file, set(RULES_BY_ID))
    result = CliRunner().invoke(main, ["check", "--config", str(config_file), str(MAINTAINED)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_config_is_found_from_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "budgetlint.toml").write_text('disable = ["A304", "A306"]\n', encoding="utf-8")
    from conftest import EXAMPLE

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(EXAMPLE)])
    assert '"A304"' not in result.output and '"A306"' not in result.output
    assert '"files_checked": 1' in result.output
