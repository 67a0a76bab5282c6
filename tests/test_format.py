"""Issue 2: the file format, the schema, the shipped budgets, and `budgetlint check` on broken files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from budgetlint.schema import build as schema_build
from click.testing import CliRunner
from conftest import EXAMPLE, MAINTAINED, ROOT, SEED, TODAY
from seed_numbers import two_decimal_numbers

from budgetlint.cli import main
from budgetlint.lint import check_file

SCHEMA = ROOT / "schema" / "budget.schema.json"


def test_committed_schema_is_what_the_builder_makes() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_build.render(), "run: python schema/build.py"


def test_schema_passes_the_metaschema_check() -> None:
    result = subprocess.run(["check-jsonschema", "--check-metaschema", str(SCHEMA)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [EXAMPLE, MAINTAINED], ids=["as-published", "maintained"])
def test_shipped_files_validate_with_check_jsonschema(path: Path) -> None:
    result = subprocess.run(["check-jsonschema", "--schemafile", str(SCHEMA), str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path, relative", [(EXAMPLE, "../schema/budget.schema.json"),
                                            (MAINTAINED, "../../schema/budget.schema.json")])
def test_files_point_editors_at_the_schema(path: Path, relative: str) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={relative}"
    assert (path.parent / relative).resolve() == SCHEMA


def test_every_two_decimal_number_of_the_seed_is_in_the_example() -> None:
    if not SEED.exists():
        pytest.skip("the seed text is not beside the repository")
    seed = two_decimal_numbers(SEED.read_text(encoding="utf-8"))
    example = two_decimal_numbers(EXAMPLE.read_text(encoding="utf-8"))
    assert sorted(set(seed) - set(example)) == []
    assert len(seed) > 50


def test_maintained_budget_is_clean() -> None:
    assert [f for f in check_file(MAINTAINED, today=TODAY) if f.severity == "error"] == []


def _broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The maintained budget with one text change; returns the file and the changed line (1-based)."""
    text = MAINTAINED.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    index = text.index(old)
    line = text.count("\n", 0, index) + 1
    path = tmp_path / "2023.yaml"
    path.write_text(text[:index] + new + text[index + len(old):], encoding="utf-8")
    return path, line


BROKEN = {
    # name: (text to find, replacement, rule, column of the finding or None)
    "wrong type": ("total: 1909.07, basic: 1137.99", 'total: "1,909.07", basic: 1137.99', "S001"),
    "bad code pattern": ('code: "2013202"', 'code: "201-32-02"', "S006"),
    "three decimals": ("total: 812.44,", "total: 812.441,", "S004"),
    "negative amount": ("total: 812.44,", "total: -812.44,", "S005"),
    "unknown key": ("total: 812.44,", "totla: 812.44,", "S002"),
    "duplicate key": ("total: 812.44,", "total: 812.44, total: 812.45,", "Y003"),
    "syntax error": ("total: 812.44,", "total: 812.44,,", "Y001"),
    "exponent": ("total: 812.44,", "total: 8.1244e+2,", "Y004"),
    "unknown value": ("amount_unit: 万元", "amount_unit: 千元", "S007"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_variant_gives_the_right_rule_and_line(name: str, tmp_path: Path) -> None:
    old, new, rule = BROKEN[name]
    path, line = _broken(tmp_path, old, new)
    findings = check_file(path, today=TODAY)
    matching = [f for f in findings if f.rule == rule]
    assert matching, [(f.rule, f.message) for f in findings]
    assert line in [f.line for f in matching], [(f.line, f.message) for f in matching]
    assert all(f.severity == "error" for f in matching)


def test_missing_section_is_reported(tmp_path: Path) -> None:
    text = MAINTAINED.read_text(encoding="utf-8")
    start = text.index("\nnarrative:")
    end = text.index("\nglossary:")
    path = tmp_path / "2023.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    findings = check_file(path, today=TODAY)
    assert any(f.rule == "S003" and "`narrative`" in f.message for f in findings)


def test_other_constraint_is_reported(tmp_path: Path) -> None:
    text = MAINTAINED.read_text(encoding="utf-8")
    old = "  units:\n    - {code: \"151001\", name: 洛阳市西工区西工街道办事处, kind: 行政单位}\n"
    assert old in text
    path = tmp_path / "2023.yaml"
    path.write_text(text.replace(old, "  units: []\n"), encoding="utf-8")
    findings = [f for f in check_file(path, today=TODAY) if f.rule == "S008"]
    assert [f.path for f in findings] == ["department.units"]
    assert "needs at least 1 entry" in findings[0].message


def test_messages_say_what_was_expected(tmp_path: Path) -> None:
    path, _ = _broken(tmp_path, "total: 1909.07, basic: 1137.99", 'total: "1,909.07", basic: 1137.99')
    message = next(f.message for f in check_file(path, today=TODAY) if f.rule == "S001")
    assert "expected a number" in message and "1909.07" in message
    path, _ = _broken(tmp_path, 'code: "2013202"', "code: 2013202")
    message = next(f.message for f in check_file(path, today=TODAY) if f.rule == "S001")
    assert 'quote the code: "2013202"' in message
    path, _ = _broken(tmp_path, "total: 812.44,", "totla: 812.44,")
    message = next(f.message for f in check_file(path, today=TODAY) if f.rule == "S002")
    assert "did you mean `total`?" in message


def test_json_output_parses(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--format", "json", "--jobs", "1", str(EXAMPLE.parent)])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["files_checked"] == len(list(EXAMPLE.parent.glob("*.yaml")))
    keys = {"file", "line", "column", "rule", "severity", "message"}
    assert report["findings"] and all(keys <= set(f) for f in report["findings"])


def test_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(MAINTAINED)]).exit_code == 0
    assert runner.invoke(main, ["check", str(EXAMPLE)]).exit_code == 1
    assert runner.invoke(main, ["check", str(tmp_path / "missing.yaml")]).exit_code == 2
    assert runner.invoke(main, ["check", "--no-such-option"]).exit_code == 2
    assert runner.invoke(main, ["check", str(tmp_path)]).exit_code == 0  # no budget files yet: a note, not an error


def test_text_output_is_file_line_col_severity_rule_message() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(EXAMPLE)])
    first = result.output.splitlines()[0]
    assert first.startswith(f"{EXAMPLE}:")
    _file, line, column, rest = first.split(":", 3)
    assert int(line) > 0 and int(column) > 0
    assert rest.split()[0] == "error" and rest.split()[1].startswith("A")


def test_check_defaults_to_budgets_folder(tmp_path: Path) -> None:
    shutil.copytree(MAINTAINED.parent, tmp_path / "budgets" / MAINTAINED.parent.name)
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    result = subprocess.run([sys.executable, "-m", "budgetlint.cli", "check"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 file checked" in result.stdout
