"""Issue 16, items 3, 7 and part of 8: both sides of every cross-table finding, and the conventions of
`budgetlint check` (--select, --ignore, --exit-zero, -q, --output, colour, whole help texts, an empty
budgets/ folder).

The cross-table case is the one the issue tells: 10.00 moved between two 科目. Here the clerk moved it
in 预算05表 only (2120101 行政运行 → 2120103 机关服务), in a copy of the maintained budget edited as text,
and every output format must lead from 预算03表's row to the 预算05表 row it disagrees with.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLE, MAINTAINED, ROOT
from test_ci_formats import ANNOTATION, validate_sarif

from budgetlint.cli import main

ESC = "\x1b["


def check(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner(env=env).invoke(main, ["check", *args])
    assert "Traceback" not in result.output, result.output
    return result


def line_of(text: str, after: str, contains: str) -> int:
    """The number of the first line containing `contains` below the line `after`."""
    lines = text.splitlines()
    start = lines.index(after)
    return next(number for number, line in enumerate(lines[start:], start + 1) if contains in line)


class Moved:
    """The maintained budget with 10.00 moved from 2120101 to 2120103 in 预算05表 only."""

    def __init__(self, folder: Path) -> None:
        text = MAINTAINED.read_text(encoding="utf-8")
        self.table03 = line_of(text, "  expenditure:", '{code: "2120101"')
        self.table05 = line_of(text, "  general_expenditure:", '{code: "2120101"')
        self.table05_next = self.table05 + 1
        lines = text.splitlines(keepends=True)
        operating, service = lines[self.table05 - 1], lines[self.table05_next - 1]
        assert "total: 812.44, basic: 812.44" in operating and "public_goods: 55.87" in operating
        assert "total: 756.86, project: 756.86, project_operating: 756.86" in service
        lines[self.table05 - 1] = operating.replace("812.44", "802.44").replace("55.87", "45.87")
        lines[self.table05_next - 1] = service.replace("756.86", "766.86")
        self.path = folder / "2023.yaml"
        self.path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def moved(tmp_path: Path) -> Moved:
    return Moved(tmp_path)


# --- both sides of a cross-table finding ------------------------------------------------------------

def test_text_names_the_other_table_under_the_finding(moved: Moved) -> None:
    result = check(str(moved.path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines)
              if line.startswith(f"{moved.path}:{moved.table03}:") and " A303 " in line and " 合计 812.44" in line)
    assert "≠ 预算05表 + 预算09表 + 预算10表 rows 802.44 (diff +10.00)" in lines[at]
    assert re.fullmatch(rf"    ↳ {re.escape(str(moved.path))}:{moved.table05}:\d+: other side "
                        r"\(tables\.general_expenditure\.units\[0\]\.rows\[6\]\.total\)", lines[at + 1]), lines[at + 1]
    # the second 科目 of the move is found the same way
    assert any(line.startswith(f"    ↳ {moved.path}:{moved.table05_next}:") for line in lines)


def test_json_gives_the_other_side_as_related(moved: Moved) -> None:
    report = json.loads(check("--format", "json", str(moved.path)).stdout)
    a303 = [f for f in report["findings"] if f["rule"] == "A303" and f["line"] == moved.table03]
    assert a303 and all(len(f["related"]) == 1 for f in a303)
    assert {f["related"][0]["line"] for f in a303} == {moved.table05}
    total = next(f for f in a303 if f["path"].endswith(".total"))
    assert total["related"][0]["path"] == "tables.general_expenditure.units[0].rows[6].total"
    assert total["related"][0]["column"] > 1  # the cell, not the start of its row


def test_json_has_no_related_where_there_is_no_other_side() -> None:
    report = json.loads(check("--format", "json", str(EXAMPLE)).stdout)
    names = [f for f in report["findings"] if f["rule"] == "C104"]  # a wrong name: one place only
    assert names and not any("related" in f for f in names)
    assert any("related" in f for f in report["findings"] if f["rule"] == "A304")


def test_sarif_gives_the_other_side_as_related_locations(moved: Moved) -> None:
    log = validate_sarif(check("--format", "sarif", str(moved.path)).stdout)
    results = [r for r in log["runs"][0]["results"]
               if r["ruleId"] == "A303" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == moved.table03]
    assert results
    for result in results:
        [related] = result["relatedLocations"]
        assert related["id"] == 1 and related["message"]["text"].startswith("other side: tables.general_expenditure")
        location = related["physicalLocation"]
        assert location["region"]["startLine"] == moved.table05
        assert location["artifactLocation"] == result["locations"][0]["physicalLocation"]["artifactLocation"]


def test_github_annotation_names_the_other_side_in_its_message(moved: Moved) -> None:
    lines = check("--format", "github", str(moved.path)).stdout.splitlines()
    a303 = [match for line in lines if (match := ANNOTATION.fullmatch(line)) and match.group(5).startswith("A303")]
    for row, other in ((moved.table03, moved.table05), (moved.table03 + 1, moved.table05_next)):
        found = [match.group(6) for match in a303 if int(match.group(3)) == row]
        assert found and all(message.endswith(f"(other side: {moved.path}:{other})") for message in found), found


def test_the_maintained_budget_has_no_other_side_to_show() -> None:
    result = check(str(MAINTAINED))
    assert result.exit_code == 0 and "↳" not in result.stdout


# --- --select and --ignore -------------------------------------------------------------------------

def rules_in(result: Result) -> set[str]:
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_select_reports_only_the_rules_named_by_id_or_prefix() -> None:
    assert rules_in(check("--format", "json", "--select", "A3", str(EXAMPLE))) == {"A304", "A306"}
    assert rules_in(check("--format", "json", "--select", "c104,A306", str(EXAMPLE))) == {"C104", "A306"}
    assert rules_in(check("--format", "json", "--select", "C104", "--select", "A306", str(EXAMPLE))) == {"C104", "A306"}


def test_ignore_drops_rules_and_the_exit_code_follows_what_is_reported() -> None:
    assert check("--ignore", "A,C,T", str(EXAMPLE)).exit_code == 0
    assert check("--ignore", "A,C", str(EXAMPLE)).exit_code == 1  # T203 is left
    assert "A304" not in rules_in(check("--format", "json", "--ignore", "A304", str(EXAMPLE)))


def test_the_longest_prefix_decides_between_select_and_ignore() -> None:
    assert rules_in(check("--format", "json", "--select", "A", "--ignore", "A304", str(EXAMPLE))) == {"A306", "A405"}
    assert rules_in(check("--format", "json", "--ignore", "A3", "--select", "A304", str(EXAMPLE))) == {"A304"}


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rules_are_a_usage_error_naming_them(option: str) -> None:
    result = check(option, "A304,Z9,a999", str(EXAMPLE))
    assert result.exit_code == 2
    assert "`Z9`" in result.stderr and "`A999`" in result.stderr and "A304" not in result.stderr


def test_reading_findings_are_reported_whatever_is_selected(tmp_path: Path) -> None:
    text = MAINTAINED.read_text(encoding="utf-8").replace("    carryover_in: 13.02\n",
                                                          "    carryover_in: 13.02\n    carryover_in: 13.02\n", 1)
    broken = tmp_path / "2023.yaml"
    broken.write_text(text, encoding="utf-8")
    result = check("--format", "json", "--select", "A3", str(broken))
    assert "Y003" in rules_in(result) and result.exit_code == 1
    refused = check("--ignore", "Y003", str(broken))
    assert refused.exit_code == 2 and "always reported" in refused.stderr


# --- --exit-zero, -q --------------------------------------------------------------------------------

def test_exit_zero_reports_the_errors_and_exits_0(tmp_path: Path) -> None:
    result = check("--exit-zero", str(EXAMPLE))
    assert result.exit_code == 0 and " error A304 " in result.stdout
    assert check(str(EXAMPLE)).exit_code == 1
    assert check("--exit-zero", str(tmp_path / "missing.yaml")).exit_code == 2  # a usage error stays one


def test_quiet_prints_the_findings_and_nothing_else(moved: Moved) -> None:
    quiet = check("-q", str(moved.path))
    assert quiet.exit_code == 1
    lines = quiet.output.splitlines()
    assert lines and all(line.startswith(f"{moved.path}:") for line in lines)  # no ↳ lines, no count
    full = check(str(moved.path)).stdout.splitlines()
    assert lines == [line for line in full[:-1] if not line.startswith("    ↳ ")]
    assert check("--quiet", "--select", "A3", str(MAINTAINED)).output == ""  # nothing to report: nothing


# --- --output ---------------------------------------------------------------------------------------

def test_output_writes_the_report_to_a_file(tmp_path: Path, moved: Moved) -> None:
    target = tmp_path / "reports" / "budgetlint.sarif"  # a folder that does not exist yet is made
    result = check("--format", "sarif", "--output", str(target), str(moved.path))
    assert result.exit_code == 1 and result.stdout == ""
    log = validate_sarif(target.read_text(encoding="utf-8"))
    assert any("relatedLocations" in r for r in log["runs"][0]["results"])
    assert not [p for p in target.parent.iterdir() if p.name != target.name]  # no temporary file left
    text = tmp_path / "report.txt"
    check("-o", str(text), str(moved.path))
    assert text.read_text(encoding="utf-8") == check(str(moved.path)).stdout


def test_output_never_replaces_a_budget_file(moved: Moved) -> None:
    before = moved.path.read_bytes()
    result = check("--format", "json", "--output", str(moved.path), str(moved.path))
    assert result.exit_code == 2 and "budget file being checked" in result.stderr
    assert moved.path.read_bytes() == before
    beside = moved.path.parent / "report.yaml"  # the next check of the folder would read it as a budget
    assert check("--output", str(beside), str(moved.path.parent)).exit_code == 2 and not beside.exists()
    assert check("--output", str(moved.path.parent), str(moved.path)).exit_code == 2  # a folder


# --- colour ----------------------------------------------------------------------------------------

def test_colour_only_when_asked_and_never_in_machine_formats() -> None:
    assert ESC not in check(str(EXAMPLE)).stdout  # not a terminal
    coloured = check("--color", str(EXAMPLE)).stdout
    assert f"{ESC}31m" in coloured and f"{ESC}33m" in coloured  # errors red, warnings yellow
    assert click_unstyle(coloured) == check(str(EXAMPLE)).stdout  # the same text, only coloured
    assert ESC not in check("--no-color", str(EXAMPLE)).stdout
    for output_format in ("json", "sarif", "github"):
        assert ESC not in check("--color", "--format", output_format, str(EXAMPLE)).stdout


def click_unstyle(text: str) -> str:
    import click

    return click.unstyle(text)


def test_colour_keeps_control_characters_of_the_file_shown(tmp_path: Path) -> None:
    # an ESC and a BEL in a name (YAML escapes \\e and \\a), in 预算03表 only: findings quote the name
    text = MAINTAINED.read_text(encoding="utf-8").replace("name: 行政运行, total: 812.44",
                                                          'name: "行政运行\\e]0;pwned\\a", total: 812.44', 1)
    path = tmp_path / "2023.yaml"
    path.write_text(text, encoding="utf-8")
    output = check("--color", str(path)).stdout
    assert ESC in output and "\x1b]" not in output and "\x07" not in output
    assert "\\x1b]0;pwned\\x07" in output


def run_in_pty(args: list[str], env: dict[str, str]) -> str:
    """A real `budgetlint` whose standard output is a terminal (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "budgetlint.cli", *args], stdin=subprocess.DEVNULL,
                               stdout=follower, stderr=follower, cwd=ROOT, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the program ended and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) == 1
    return b"".join(chunks).decode("utf-8", "replace")


def terminal_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    return {**env, "PYTHONIOENCODING": "utf-8", **extra}


def test_colour_on_a_terminal_unless_no_color() -> None:
    args = ["check", "--select", "A304", str(EXAMPLE)]
    coloured = run_in_pty(args, terminal_env())
    assert " A304 " in click_unstyle(coloured) and ESC in coloured
    plain = run_in_pty(args, terminal_env(NO_COLOR="1"))
    assert " A304 " in plain and ESC not in plain
    forced = run_in_pty(["check", "--color", *args[1:]], terminal_env(NO_COLOR="1"))
    assert ESC in forced  # the option wins over the environment


# --- help texts -------------------------------------------------------------------------------------

def commands_listed(help_text: str) -> dict[str, str]:
    """Each command of a `--help` and its help, wrapped lines joined."""
    listed: dict[str, str] = {}
    name = ""
    for line in help_text.split("Commands:\n", 1)[1].splitlines():
        if match := re.match(r"  (\S+)\s+(.*)", line):
            name = match.group(1)
            listed[name] = match.group(2)
        elif line.strip() and name:
            listed[name] += " " + line.strip()
    return listed


@pytest.mark.parametrize("group", [[], ["layout"]])
def test_command_help_is_not_cut_short(group: list[str]) -> None:
    result = CliRunner().invoke(main, [*group, "--help"])
    listed = commands_listed(result.output)
    assert len(listed) >= (12 if not group else 2)
    for name, text in listed.items():
        assert not text.endswith("...") and text.endswith("."), (name, text)
        assert text.count("(") == text.count(")"), (name, text)  # not cut inside a parenthesis
    if not group:
        assert listed["explain"] == "Print the documentation of one rule (budgetlint explain A101)."


# --- a repository without budgets yet ---------------------------------------------------------------

def test_an_empty_budgets_folder_is_checked_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "budgets").mkdir()
    result = subprocess.run([sys.executable, "-m", "budgetlint.cli", "check"], cwd=tmp_path, capture_output=True,
                            text=True, encoding="utf-8", check=False)
    assert result.returncode == 0, result.stderr
    assert "no budget files yet in budgets/" in result.stderr
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "README.txt").write_text("no budgets here", encoding="utf-8")
    named = check(str(notes))
    assert named.exit_code == 0 and f"no budget files yet in {notes}/" in named.stderr
    sarif: dict[str, Any] = validate_sarif(check("--format", "sarif", str(notes)).stdout)
    assert sarif["runs"][0]["results"] == []  # CI still gets a report to upload
    assert check("-q", str(notes)).output == ""


def test_a_path_that_does_not_exist_is_still_a_usage_error(tmp_path: Path) -> None:
    result = check(str(tmp_path / "budgets"))
    assert result.exit_code == 2 and "no such file or folder" in result.stderr
