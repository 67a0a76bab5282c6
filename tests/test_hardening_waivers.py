"""Issue 17 item 9 and part of 11: what a waiver can accept.

- Reading (Y), schema (S) and missing-part (T101) findings cannot be waived: the finding stays, the
  waiver is W005, and a file the schema rejects never exits 0.
- A waiver is bound to the finding it accepted: with `figures` (what the finding states) a later,
  different fault at the same place is reported, with W002 on the waiver; a waiver with `at` and no
  `figures` is W006, which suggests them.
- A `# budgetlint: disable=…` written inside a narrative text is text, not a waiver.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, MAINTAINED, TODAY, dump, findings_for, load_data, rules_of

from budgetlint.cli import main
from budgetlint.findings import Finding
from budgetlint.lint import check_file

A304_AT = "tables.fiscal_summary.expenditure.rows[6].general_budget"  # 207: 04表 1.20 ≠ 05表 4.22


def with_waivers(data: dict[str, Any], *waivers: dict[str, Any]) -> dict[str, Any]:
    data["waivers"] = list(data.get("waivers", [])) + list(waivers)
    return data


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def check_exit_code(path: Path) -> int:
    return CliRunner().invoke(main, ["check", str(path)]).exit_code


# ---------------------------------------------------------------- rules that cannot be waived


def test_a_schema_finding_cannot_be_waived_and_the_file_never_passes(tmp_path: Path) -> None:
    data = load_data(MAINTAINED)
    data["tables"]["summary"]["this_year_revenue"] = "1896.05"  # text where a number belongs: S001
    with_waivers(data, {"rule": "S001", "at": "tables.summary.this_year_revenue", "reason": "the export writes text"},
                 {"rule": "S001", "reason": "every S001 of the file, too"})
    path = tmp_path / "2023.yaml"
    path.write_text(dump(data), encoding="utf-8")
    found = check_file(path, today=TODAY)
    assert rules_of(only(found, "S001")) == ["S001"]
    w005 = only(found, "W005")
    assert len(w005) == 2 and all("S001" in f.message and "cannot be waived" in f.message for f in w005)
    assert w005[0].path == f"waivers[{len(data['waivers']) - 2}].rule"
    assert check_exit_code(path) == 1


@pytest.mark.parametrize("setting", ['[severity]\nS001 = "warning"', 'disable = ["S001"]', 'disable = ["Y004"]',
                                     '[severity]\nT101 = "warning"'])
def test_the_configuration_cannot_let_a_rejected_file_pass_either(tmp_path: Path, setting: str) -> None:
    data = load_data(MAINTAINED)
    data["tables"]["summary"]["this_year_revenue"] = "1896.05"  # S001
    path = tmp_path / "2023.yaml"
    path.write_text(dump(data), encoding="utf-8")
    (tmp_path / "budgetlint.toml").write_text(setting + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "budgetlint.toml"), str(path)])
    assert result.exit_code == 2, result.output
    rule_id = setting.split('"')[1] if "disable" in setting else setting.split("\n")[1].split(" ")[0]
    assert f"{rule_id} cannot be" in result.output and "budgetlint.toml" in result.output


def test_the_configuration_may_still_raise_or_lower_other_rules(tmp_path: Path) -> None:
    (tmp_path / "budgetlint.toml").write_text('[severity]\nA304 = "warning"\nS001 = "error"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "budgetlint.toml"), str(MAINTAINED)])
    assert result.exit_code == 0, result.output


def test_a_reading_finding_cannot_be_waived_by_a_waiver_or_inline(tmp_path: Path) -> None:
    text = MAINTAINED.read_text(encoding="utf-8")
    line = "      carryover_out: {total: 0.00}"
    assert text.count(line) == 1
    negative = line.replace("0.00", "-0.00")  # Y004
    number = text.splitlines().index(line) + 1
    path = tmp_path / "2023.yaml"
    path.write_text(text.replace(line, negative + "  # budgetlint: disable=Y004 reason: as exported"), encoding="utf-8")
    found = check_file(path, today=TODAY)
    # The reading finding first (cause first), then what the waiver did wrong.
    assert [(f.rule, f.line) for f in found] == [("Y004", number), ("W005", number)]
    assert check_exit_code(path) == 1
    waiver = "  - {rule: Y004, at: tables.fiscal_summary.expenditure.carryover_out.total, reason: as exported}\n"
    path.write_text(text.replace(line, negative) + waiver, encoding="utf-8")
    assert sorted(rules_of(check_file(path, today=TODAY))) == ["W005", "Y004"]
    assert check_exit_code(path) == 1


def test_a_missing_table_cannot_be_waived(tmp_path: Path) -> None:
    data = load_data(MAINTAINED)
    del data["tables"]["state_capital_expenditure"]  # 预算10表, required by henan-2023
    with_waivers(data, {"rule": "T101", "at": "tables", "reason": "not published this year"})
    found = findings_for(tmp_path, data)
    assert sorted(rules_of(found)) == ["T101", "W005"]
    assert "missing table or part" in only(found, "W005")[0].message


# ---------------------------------------------------------------- a waiver bound to what it accepted


def test_a_waiver_with_figures_accepts_that_finding_only(tmp_path: Path) -> None:
    data = with_waivers(load_data(EXAMPLE), {"rule": "A304", "at": A304_AT, "figures": [Decimal("1.20"), Decimal("4.22")],
                                             "reason": "04表 as approved by the 区财政局"})
    found = findings_for(tmp_path, data)
    assert len(only(found, "A304")) == 3  # the waived one gone, the three others (other rows) kept
    assert not only(found, "W002") and not only(found, "W006") and not only(found, "S002")

    # Later another fault at the same place: 04表 now prints 1.30. The waiver does not hide it.
    data["tables"]["fiscal_summary"]["expenditure"]["rows"][6]["general_budget"] = Decimal("1.30")
    found = findings_for(tmp_path, data)
    changed = [f for f in only(found, "A304") if f.path == A304_AT]
    assert len(changed) == 1 and "1.30" in changed[0].message
    [w002] = only(found, "W002")
    assert "1.20, 4.22" in w002.message and f"line {changed[0].line}" in w002.message


def test_a_figure_is_matched_as_a_whole_number(tmp_path: Path) -> None:
    for figures in (["1.2"], ["11.20"], ["4.2"], ["22"]):  # 1.20 ≠ 4.22: none of these is stated
        data = with_waivers(load_data(EXAMPLE), {"rule": "A304", "at": A304_AT, "figures": figures, "reason": "x"})
        assert len(only(findings_for(tmp_path, data), "A304")) == 4, figures
    data = with_waivers(load_data(EXAMPLE), {"rule": "A304", "at": A304_AT, "figures": [-3.02], "reason": "x"})
    assert len(only(findings_for(tmp_path, data), "A304")) == 3  # `(diff -3.02)`


def test_codes_and_names_bind_a_waiver_too(tmp_path: Path) -> None:
    data = load_data(MAINTAINED)
    c103 = [w for w in data["waivers"] if w["rule"] == "C103"]
    assert c103 and all(w["figures"] for w in c103)
    assert findings_for(tmp_path, data) == []
    # The code at a waived place changes: the waiver recorded 2013202, the finding now names 2013203.
    data["tables"]["expenditure"]["units"][0]["rows"][0]["code"] = "2013203"
    found = findings_for(tmp_path, data)
    assert any(f.rule == "C103" and "2013203" in f.message for f in found)
    assert any(f.rule == "W002" and "2013202" in f.message for f in found)


def test_a_waiver_at_a_place_without_figures_is_a_warning_that_suggests_them(tmp_path: Path) -> None:
    data = with_waivers(load_data(EXAMPLE), {"rule": "A304", "at": A304_AT, "reason": "as approved"})
    found = findings_for(tmp_path, data)
    assert len(only(found, "A304")) == 3  # still waived
    [w006] = only(found, "W006")
    assert w006.severity == "warning"
    assert "`figures: [1.20, 4.22, 3.02]`" in w006.message
    # A waiver for a rule in the whole file (no `at`) needs no figures.
    data = with_waivers(load_data(EXAMPLE), {"rule": "A304", "reason": "as approved"})
    assert not only(findings_for(tmp_path, data), "W006")


def test_figures_of_the_wrong_type_are_a_schema_finding_and_waive_nothing(tmp_path: Path) -> None:
    for figures in ([], [{"a": 1}], [True], "1.20", None):
        data = with_waivers(load_data(EXAMPLE), {"rule": "A304", "at": A304_AT, "figures": figures, "reason": "x"})
        found = findings_for(tmp_path, data)
        assert len(only(found, "A304")) == 4, figures
        assert any(f.rule.startswith("S") and "figures" in f.path for f in found), figures


# ---------------------------------------------------------------- inline waivers are comments


def test_a_directive_inside_narrative_text_is_not_a_waiver(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    sentence = "政府性基金收支预算增加 3.00万元，增长 300%，主要原因：上年结转结余资金拨付。"
    assert text.count(sentence) == 1  # the A405 finding is on this line of a `|-` block
    published = [(f.rule, f.line) for f in check_file(EXAMPLE, today=TODAY)]
    path = tmp_path / "2023.yaml"
    path.write_text(text.replace(sentence, sentence + " # budgetlint: disable=A405 reason: looks like a comment"),
                    encoding="utf-8")
    found = check_file(path, today=TODAY)
    assert [(f.rule, f.line) for f in found if f.rule != "T502"] == [p for p in published if p[0] != "T502"]
    assert "A405" in rules_of(found) and not only(found, "W002")
    # A real comment after the block's indicator still is one (and waives nothing on its line: W002).
    header = "    title: 财政拨款收入支出预算总体情况说明\n    text: |-"
    assert text.count(header) == 1
    path.write_text(text.replace(header, header + "  # budgetlint: disable=A405 reason: x"), encoding="utf-8")
    assert "W002" in rules_of(check_file(path, today=TODAY))


def test_a_directive_in_a_quoted_value_is_not_a_waiver_but_one_after_it_is(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    row = '{code: "2296002", name: 用于社会福利的彩票公益金支出}'
    assert text.count(row) == 1  # in 预算05表, where C107 is reported
    quoted = row.replace("用于社会福利的彩票公益金支出", "'用于社会福利的彩票公益金支出 # budgetlint: disable=C107 reason: x'")
    path = tmp_path / "2023.yaml"
    path.write_text(text.replace(row, quoted), encoding="utf-8")
    assert "C107" in rules_of(check_file(path, today=TODAY))
    path.write_text(text.replace(row, row + "  # budgetlint: disable=C107 reason: as published"), encoding="utf-8")
    assert "C107" not in rules_of(check_file(path, today=TODAY))
