"""`check --format github` (workflow annotations) and `check --format sarif` (SARIF 2.1.0, validated
against the official OASIS schema vendored in tests/data/)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, MAINTAINED
from jsonschema import Draft4Validator, FormatChecker

from budgetlint.cli import main
from budgetlint.findings import Finding
from budgetlint.report import github, sarif
from budgetlint.rules import CATALOGUE

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
ANNOTATION = re.compile(r"::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.+)")
# RFC 3986 characters of a URI reference (anything else must be percent-encoded)
URI_REFERENCE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def check(*args: str) -> Any:
    return CliRunner().invoke(main, ["check", *args])


def test_github_annotations_for_the_published_example() -> None:
    result = check("--format", "github", str(EXAMPLE))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines, "the published example has findings"
    for line in lines:
        match = ANNOTATION.fullmatch(line)
        assert match, line
        level, file, line_no, col, title, _ = match.groups()
        assert level in {"error", "warning"} and file == str(EXAMPLE).replace(":", "%3A").replace(",", "%2C")
        assert int(line_no) >= 1 and int(col) >= 1
        assert re.fullmatch(r"[A-Z]\d{3} [a-z0-9-]+", title), title
    first = ANNOTATION.fullmatch(next(line for line in lines if " A304 " in line or "title=A304" in line))
    assert first is not None and first.group(6).startswith("预算04表 类 201 一般公共服务支出")


def test_github_annotation_escapes_what_would_break_the_command() -> None:
    finding = Finding("budgets/a,b:c/2023.yaml", 3, 5, "A101", "error", "first line\nsecond 100%",
                      rule_name="totals-equal-sum-of-rows")
    assert github([finding], 1) == ("::error file=budgets/a%2Cb%3Ac/2023.yaml,line=3,col=5,"
                                    "title=A101 totals-equal-sum-of-rows::first line%0Asecond 100%25")
    warning = Finding("x.yaml", 1, 1, "W002", "warning", "unused", rule_name="waiver-unused")
    assert github([warning], 1).startswith("::warning file=x.yaml,line=1,col=1,")


def test_github_annotation_names_the_other_side_and_still_escapes() -> None:
    """An annotation has one place: the other side of a cross-table finding goes into its message."""
    finding = Finding("budgets/a,b:c/2023.yaml", 3, 5, "A303", "error", "100% of\nthe row",
                      rule_name="expenditure-equals-fund-tables", related=((9, 2, "tables.x"), (12, 4, "tables.y")))
    assert github([finding], 1) == ("::error file=budgets/a%2Cb%3Ac/2023.yaml,line=3,col=5,"
                                    "title=A303 expenditure-equals-fund-tables::100%25 of%0Athe row "
                                    "(other side: budgets/a,b:c/2023.yaml:9, budgets/a,b:c/2023.yaml:12)")


def validate_sarif(text: str) -> dict[str, Any]:
    log = json.loads(text)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    errors = sorted(Draft4Validator(schema, format_checker=FormatChecker()).iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return log


def test_sarif_for_the_published_example_is_valid_sarif_2_1_0() -> None:
    result = check("--format", "sarif", str(EXAMPLE))
    assert result.exit_code == 1
    log = validate_sarif(result.output)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "budgetlint"
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert results and {r["ruleId"] for r in results} == {rule["id"] for rule in rules}
    for entry in results:
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
        region = entry["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(EXAMPLE).replace("\\", "/")


def test_sarif_related_locations_of_the_published_example() -> None:
    """Each cross-table finding names the other table's cells as relatedLocations (valid SARIF 2.1.0)."""
    log = validate_sarif(check("--format", "sarif", str(EXAMPLE)).output)
    related = [r for r in log["runs"][0]["results"] if "relatedLocations" in r]
    assert {"A304", "A306"} <= {r["ruleId"] for r in related}
    assert not any("relatedLocations" in r for r in log["runs"][0]["results"] if r["ruleId"] == "C104")
    for result in related:
        own = result["locations"][0]["physicalLocation"]
        ids = [location["id"] for location in result["relatedLocations"]]
        assert ids == list(range(1, len(ids) + 1))
        for location in result["relatedLocations"]:
            assert location["physicalLocation"]["artifactLocation"] == own["artifactLocation"]
            assert location["physicalLocation"]["region"] != own["region"]
            assert location["message"]["text"].startswith("other side: tables.")
    a306 = next(r for r in related if r["ruleId"] == "A306")
    assert a306["relatedLocations"][0]["message"]["text"] == "other side: tables.summary.carryover_out"


def test_sarif_without_findings_is_valid() -> None:
    result = check("--format", "sarif", str(MAINTAINED))
    log = validate_sarif(result.output)
    errors = [r for r in log["runs"][0]["results"] if r["level"] == "error"]
    assert result.exit_code == (1 if errors else 0)


def test_sarif_uri_of_a_path_with_chinese_and_spaces_is_a_uri_reference(tmp_path: Path) -> None:
    finding = Finding("budgets/151 西工街道/2023.yaml", 1, 1, "A101", "error", "合计 ≠ sum", rule_name="x")
    log = validate_sarif(sarif([finding], 1, CATALOGUE))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert URI_REFERENCE.fullmatch(uri), uri
    assert uri == "budgets/151%20%E8%A5%BF%E5%B7%A5%E8%A1%97%E9%81%93/2023.yaml"


@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="needs check-jsonschema")
def test_sarif_passes_check_jsonschema_too(tmp_path: Path) -> None:
    """The same validation with the command line tool the pre-commit config uses."""
    import subprocess

    out = tmp_path / "budgetlint.sarif"
    out.write_text(check("--format", "sarif", str(EXAMPLE)).output, encoding="utf-8")
    subprocess.run(["check-jsonschema", "--schemafile", str(SARIF_SCHEMA), str(out)], check=True,
                   capture_output=True)
