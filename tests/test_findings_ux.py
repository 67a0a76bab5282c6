"""Cause first, and hints for the mistakes clerks make (issue 16, items 1 and 2).

Each bad file is the maintained budget (or a Shanghai example, in 元) with one mistake typed at one
place, checked with the real `budgetlint check`. The first finding printed must name the real cause
and, where there is one, the fix; what merely follows from it is not reported again as sums that do
not add up, as units that are not listed, or as waivers to remove.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, MAINTAINED, ROOT

from budgetlint.cli import main

PUTUO = ROOT / "examples" / "putuo-wanli-jiedao-2025-as-published.yaml"
# The start of a row of the maintained budget (预算03表, row 2120101; the first of the two tables that
# print it) and a row of the Shanghai example (表1, in 元).
ROW = '          - {code: "2120101", name: 行政运行, total: 812.44, basic: 812.44,'
PUTUO_ROW = '      - {code: "201", name: 一般公共服务支出, amount: 3296600}'
# What an amount that was not read (or a typo of a key) used to set off: sums and comparisons of tables.
ARITHMETIC = {"A102", "A202", "A301", "A303"}


@dataclass
class Printed:
    line: int
    column: int
    severity: str
    rule: str
    message: str


def check(tmp_path: Path, old: str, new: str, source: Path = MAINTAINED) -> tuple[list[Printed], int]:
    """`budgetlint check` on `source` with the first `old` replaced by `new` (one edit at one place):
    the findings as printed, in order, and the line of the edit."""
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    # Named as the original (2023.yaml): its year is the file's fiscal_year, so no T303 is mixed in.
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--jobs", "1", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    printed = []
    for line in result.output.splitlines():
        found = re.match(rf"{re.escape(str(path))}:(\d+):(\d+): (error|warning) (\w+) (.*)", line)
        if found:
            printed.append(Printed(int(found[1]), int(found[2]), found[3], found[4], found[5]))
    return printed, text[: text.index(old)].count("\n") + 1


def rules(printed: list[Printed]) -> set[str]:
    return {finding.rule for finding in printed}


# ------------------------------------------------------------------------------------- cause first


def test_a_misspelt_key_is_the_first_and_only_finding(tmp_path: Path) -> None:
    # Before: five errors, the first an A301 on another table, "did you mean" fourth.
    printed, line = check(tmp_path, ROW, ROW.replace("total:", "totla:"))
    first = printed[0]
    assert (first.rule, first.line) == ("S002", line)
    assert "unknown key `totla`" in first.message and "did you mean `total`?" in first.message
    assert not rules(printed) & ARITHMETIC  # 812.44 is checked as the total it was meant to be
    assert [f.rule for f in printed] == ["S002"]


def test_an_unquoted_code_is_reported_once_and_never_as_an_amount(tmp_path: Path) -> None:
    # Before: five A303 findings (row 2120101 against the fund tables) before the quoting hint.
    printed, line = check(tmp_path, ROW, ROW.replace('"2120101"', "2120101"))
    first = printed[0]
    assert (first.rule, first.line, first.column) == ("S001", line, ROW.index('"2120101"') + 1)
    assert 'quote the code: "2120101"' in first.message
    assert "amount" not in first.message
    assert [f.rule for f in printed] == ["S001"]


def test_a_misspelt_fiscal_year_gives_no_advice_to_remove_waivers(tmp_path: Path) -> None:
    # Before: S003 (missing fiscal_year) first, then 13 W002 "matches no finding; remove it" for valid
    # waivers of C103, which could not run without the year.
    printed, line = check(tmp_path, "fiscal_year: 2023", "fiscal_yaer: 2023")
    first = printed[0]
    assert (first.rule, first.line) == ("S002", line)
    assert "did you mean `fiscal_year`?" in first.message
    # The missing key is the misspelt one: one finding, not two; the code lists ran for 2023, so every
    # waiver matched its finding.
    assert [f.rule for f in printed] == ["S002"]


def test_waivers_unmatched_in_a_file_that_did_not_load_cleanly_are_not_to_be_removed(tmp_path: Path) -> None:
    # A year that cannot be read as meant: the code lists cannot be chosen, the C103 findings that the
    # waivers accept are not made. One W002 says why, after the cause, and does not say "remove it".
    printed, line = check(tmp_path, "fiscal_year: 2023", "fiscal_year: 二〇二三")
    assert (printed[0].rule, printed[0].line) == ("S001", line)
    unused = [f for f in printed if f.rule == "W002"]
    assert len(unused) == 1
    assert "remove it" not in unused[0].message
    assert "did not load cleanly" in unused[0].message and f"S001 on line {line}" in unused[0].message
    # One finding for all of them (the C103 waivers), at the first.
    assert unused[0].message.startswith("this waiver") and "do not remove the waiver" in unused[0].message


def test_a_clean_file_still_says_remove_an_unused_waiver(tmp_path: Path) -> None:
    # The other side: with no reading or schema finding, a waiver that matches nothing is stale.
    waiver = '  - rule: A405\n    at: narrative[3].text\n    figures: [300]\n'
    printed, _ = check(tmp_path, waiver, waiver.replace("narrative[3]", "narrative[4]").replace("[300]", "[301]"))
    unused = [f for f in printed if f.rule == "W002"]
    assert len(unused) == 1 and unused[0].message.endswith("matches no finding; remove it")


def test_reading_and_schema_findings_print_first_then_the_rest_in_file_order(tmp_path: Path) -> None:
    # The as-published example has arithmetic errors from line 156 on; a schema finding near the end
    # of the file is printed before them, and the rest keep their order in the file.
    last = "            name: 医疗服务与保障能力提升补助资金\n            total: 3.00\n"
    printed, line = check(tmp_path, last, last.replace("total: 3.00", "totla: 3.00"), EXAMPLE)
    assert (printed[0].rule, printed[0].line) == ("S002", line + 1)
    rest = [(f.line, f.column, f.rule) for f in printed[1:]]
    assert rest == sorted(rest) and len(rest) > 20
    assert rest[0][0] < line  # the others are above it in the file


def test_json_output_lists_the_cause_first(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / EXAMPLE.name
    path.write_text(text.replace("            total: 3.00\n", "            totla: 3.00\n", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--jobs", "1", str(path)])
    findings = json.loads(result.output)["findings"]
    assert findings[0]["rule"] == "S002" and "did you mean `total`?" in findings[0]["message"]


def test_an_amount_with_its_unit_is_the_only_finding(tmp_path: Path) -> None:
    # Not read as a number (the unit could be wrong for the table): the finding says what to write, and
    # the sums whose gap is exactly that unread figure are not reported again.
    printed, line = check(tmp_path, ROW, ROW.replace("total: 812.44", "total: 812.44万元"))
    first = printed[0]
    assert (first.rule, first.line) == ("S001", line)
    assert "write the figure only, 812.44, without `万元`" in first.message
    assert [f.rule for f in printed] == ["S001"]


def test_an_unknown_key_without_a_likely_meaning_leaves_no_consequences(tmp_path: Path) -> None:
    printed, line = check(tmp_path, ROW, ROW.replace("total:", "zzz:"))
    assert (printed[0].rule, printed[0].line) == ("S002", line)
    assert "expected one of: code, name, total" in printed[0].message
    assert [f.rule for f in printed] == ["S002"]


# ----------------------------------------------------------------- hints for the mistakes clerks make


def test_full_width_comma_in_a_row(tmp_path: Path) -> None:
    printed, line = check(tmp_path, ROW, ROW.replace('"2120101",', '"2120101"，'))
    assert [(f.rule, f.line, f.column) for f in printed] == [("Y001", line, ROW.index('"2120101",') + 10)]
    assert "full-width `，`" in printed[0].message and "use half-width `,`" in printed[0].message


def test_full_width_colon_in_a_row(tmp_path: Path) -> None:
    # Inside {…} YAML reads `total： 812.44` as one key without value.
    printed, line = check(tmp_path, ROW, ROW.replace("total: 812.44", "total： 812.44"))
    first = printed[0]
    assert (first.rule, first.line) == ("S002", line)
    assert "full-width `：`" in first.message and "use half-width `:`" in first.message
    assert "`total: 812.44`" in first.message
    assert [f.rule for f in printed] == ["S002"]  # read as meant: no sums broken


def test_full_width_colon_after_a_key(tmp_path: Path) -> None:
    printed, line = check(tmp_path, "fiscal_year: 2023", "fiscal_year： 2023")
    assert [(f.rule, f.line, f.column) for f in printed] == [("Y001", line, len("fiscal_year") + 1)]
    assert "full-width `：`" in printed[0].message and "use half-width `:` followed by a space" in printed[0].message


def test_full_width_digits(tmp_path: Path) -> None:
    printed, line = check(tmp_path, ROW, ROW.replace("total: 812.44", "total: ８１２.４４"))
    first = printed[0]
    assert (first.rule, first.line) == ("S001", line)
    assert "full-width" in first.message and "use half-width: 812.44" in first.message
    assert [f.rule for f in printed] == ["S001"]


@pytest.mark.parametrize("typed, hint", [
    ('"２１２０１０１"', "full-width digits; use half-width"),
    ('" 2120101"', "remove the spaces around it"),
    ("“2120101”", "the quotes are part of the text"),  # full-width quotes: a plain scalar, quotes included
])
def test_a_code_typed_with_the_wrong_characters(tmp_path: Path, typed: str, hint: str) -> None:
    printed, line = check(tmp_path, ROW, ROW.replace('"2120101"', typed))
    first = printed[0]
    assert (first.rule, first.line) == ("S006", line)
    assert hint in first.message and 'write "2120101"' in first.message
    assert [f.rule for f in printed] == ["S006"]  # checked as the code it is: no row left unmatched


def test_thousands_separator_inside_braces(tmp_path: Path) -> None:
    # Before: "unknown key `569.30`", an A301 and an A202 (预算01表 read 1.00 for 类 212).
    row = '      - {code: "212", name: 城乡社区, amount: 1569.30}'
    printed, line = check(tmp_path, row, row.replace("1569.30", "1,569.30"))
    assert [(f.rule, f.line, f.column) for f in printed] == [("Y004", line, row.index("1569.30") + 1)]
    assert "thousands separator" in printed[0].message and "write 1569.30" in printed[0].message
    assert "unknown key" not in printed[0].message


def test_an_unquoted_unit_code(tmp_path: Path) -> None:
    # Before: T202 "has a row for unit 151, which is not among the department's units (151001, 151)".
    unit = '      - unit: "151"\n        name: 洛阳市西工区西工街道办事处\n        total: 1909.07\n        this_year'
    printed, line = check(tmp_path, unit, unit.replace('unit: "151"', "unit: 151"))
    first = printed[0]
    assert (first.rule, first.line) == ("S001", line)
    assert 'quote the code: "151"' in first.message and "amount" not in first.message
    assert [f.rule for f in printed] == ["S001"]


def test_an_unquoted_project_code_is_not_called_an_amount(tmp_path: Path) -> None:
    # Before: "has more than 15 digits before the decimal point: no budget amount is that large".
    code = 'code: "410303220000000006776"'
    printed, line = check(tmp_path, code, code.replace('"', ""))
    first = printed[0]
    assert (first.rule, first.line) == ("Y004", line)
    assert 'quote the code: "410303220000000006776"' in first.message
    assert "amount is that large" not in first.message
    assert [f.rule for f in printed] == ["Y004"]


def test_a_code_that_loses_its_leading_zero(tmp_path: Path) -> None:
    # Before: `0151` read silently as 151, then T202 "unit 151 … not among the department's units (151001, 151)".
    department = '  code: "151"\n  name: 洛阳市西工区西工街道办事处\n'
    printed, line = check(tmp_path, department, department.replace('"151"', "0151"))
    first = printed[0]
    assert (first.rule, first.line, first.column) == ("Y004", line, len("  code: ") + 1)
    assert 'leading zero lost' in first.message and 'write "0151"' in first.message
    # What compares other codes with it follows from it, and says so; its units are as written.
    following = printed[1:]
    assert following and all(f.message.endswith(f"(follows from the Y004 at {line}:9)") for f in following)
    for finding in (f for f in following if f.rule == "T202"):
        unit = re.search(r"for unit (\S+),", finding.message)
        units = re.search(r"department's units \(([^)]*)\)", finding.message)
        assert unit and units and unit[1] not in units[1].split(", ")


def test_a_stray_space_in_the_indentation(tmp_path: Path) -> None:
    # Before: "did not find expected key (while parsing a block mapping)" on the line after.
    lines = "  expenditure:\n    totals: {total: 1909.07, basic"
    printed, line = check(tmp_path, lines, lines.replace("    totals", "     totals"))
    assert [(f.rule, f.line, f.column) for f in printed] == [("Y001", line + 1, 1)]
    assert f"line {line + 1} is indented by 5 spaces" in printed[0].message
    assert "remove the stray space" in printed[0].message


def test_a_full_width_space(tmp_path: Path) -> None:
    printed, line = check(tmp_path, "fiscal_year: 2023", "fiscal_year:\u30002023")
    assert [(f.rule, f.line) for f in printed] == [("Y001", line)]
    assert "full-width space" in printed[0].message and "use a half-width space" in printed[0].message


def test_a_brace_left_open(tmp_path: Path) -> None:
    printed, line = check(tmp_path, "personnel_family: 0.72, public_goods: 55.87}",
                          "personnel_family: 0.72, public_goods: 55.87")
    assert [(f.rule, f.line) for f in printed] == [("Y001", line)]
    assert "the `{` on line" in printed[0].message and "is not closed" in printed[0].message


# ------------------------------------------------------------- Shanghai (元): one mistake, one finding


def test_shanghai_thousands_separators(tmp_path: Path) -> None:
    before, _ = check(tmp_path, PUTUO_ROW, PUTUO_ROW, PUTUO)
    printed, line = check(tmp_path, PUTUO_ROW, PUTUO_ROW.replace("3296600", "3,296,600"), PUTUO)
    first = printed[0]
    assert (first.rule, first.line) == ("Y004", line)
    assert "keys `296`, `600`" in first.message and "write 3296600" in first.message
    assert [(f.line, f.rule, f.message) for f in printed[1:]] == [(f.line, f.rule, f.message) for f in before]


def test_shanghai_full_width_amount_and_unquoted_code(tmp_path: Path) -> None:
    before, _ = check(tmp_path, PUTUO_ROW, PUTUO_ROW, PUTUO)
    for new, rule, hint in ((PUTUO_ROW.replace("3296600", "３２９６６００"), "S001", "use half-width: 3296600"),
                            (PUTUO_ROW.replace('"201"', "201"), "S001", 'quote the code: "201"')):
        printed, line = check(tmp_path, PUTUO_ROW, new, PUTUO)
        assert (printed[0].rule, printed[0].line) == (rule, line) and hint in printed[0].message
        # Read as meant: every other finding of the publication is as before, and nothing more.
        assert [(f.line, f.rule, f.message) for f in printed[1:]] == [(f.line, f.rule, f.message) for f in before]
