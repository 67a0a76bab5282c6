"""Narrative figure rules (A401–A407): a failing and a passing case each, on the 情况说明 as published."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from conftest import findings_for, rules_of

from budgetlint.narrative import context_of, normalise


def section(data: dict[str, Any], number: str) -> dict[str, Any]:
    return next(s for s in data["narrative"] if s.get("number") == number)


def edit(data: dict[str, Any], number: str, old: str, new: str) -> None:
    target = section(data, number)
    assert old in target["text"], target["text"]
    target["text"] = target["text"].replace(old, new)


def of_rule(folder: Path, data: dict[str, Any], rule_id: str) -> list:
    return [f for f in findings_for(folder, data) if f.rule == rule_id]


CASES = {
    # rule: (section, text as published, typo)
    "A401": ("三", "基本支出 1137.99万元", "基本支出 1137.90万元"),
    "A402": ("三", "占 59.61%", "占 59.70%"),
    "A404": ("一", "增长 12.28%", "增长 12.82%"),
    "A406": ("二", "上年结转结余 13.02万元", "上年结转结余 13.20万元"),
}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_narrative_typo_is_reported(rule_id: str, maintained_data: dict[str, Any], tmp_path: Path) -> None:
    number, old, new = CASES[rule_id]
    edit(maintained_data, number, old, new)
    findings = of_rule(tmp_path, maintained_data, rule_id)
    assert len(findings) == 1, [(f.rule, f.message) for f in findings_for(tmp_path, maintained_data)]
    assert findings[0].path.startswith("narrative[")


@pytest.mark.parametrize("rule_id", ["A401", "A402", "A403", "A404", "A406", "A407"])
def test_narrative_as_published_passes(rule_id: str, maintained_data: dict[str, Any], tmp_path: Path) -> None:
    assert of_rule(tmp_path, maintained_data, rule_id) == []


def test_a401_message_names_the_table_and_the_gap(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    edit(maintained_data, "五", "基本支出 1137.99万元", "基本支出 1137.90万元")
    finding = of_rule(tmp_path, maintained_data, "A401")[0]
    assert "预算05表 合计 基本支出 is 1137.99万元 (diff -0.09)" in finding.message


def test_finding_points_at_the_sentence_line(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    edit(maintained_data, "七", "公务接待费0.00万元", "公务接待费0.50万元")
    finding = of_rule(tmp_path, maintained_data, "A401")[0]
    line = (tmp_path / "2023.yaml").read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert "0.50万元" in line[finding.column - 1:]


def test_a402_share_of_zero_whole(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    edit(maintained_data, "八", "年初预算为 3.00万元", "年初预算为 0.00万元")
    messages = [f.message for f in of_rule(tmp_path, maintained_data, "A402")]
    assert any("a share of nothing" in m for m in messages)


def test_a403_change_checked_against_previous_year_block(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    maintained_data["previous_year"] = {"revenue_total": D("1700.21")}
    assert of_rule(tmp_path, maintained_data, "A403") == []
    maintained_data["previous_year"] = {"revenue_total": D("1710.21")}
    finding = of_rule(tmp_path, maintained_data, "A403")[0]
    assert "(diff +10.00)" in finding.message


def test_a403_a404_use_the_previous_year_file(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    import copy

    from conftest import write_budget

    previous = copy.deepcopy(maintained_data)
    previous["fiscal_year"] = 2022
    summary = previous["tables"]["summary"]
    summary["revenue_total"] = summary["expenditure_total"] = D("1700.21")
    write_budget(tmp_path, previous, "2022.yaml")
    # Only 收支总计 was made consistent in this hand-made 2022 file; the other subjects differ on purpose.
    findings = [f for f in findings_for(tmp_path, maintained_data) if "收支总计" in f.message]
    assert "A403" not in rules_of(findings) and "A404" not in rules_of(findings)
    summary["revenue_total"] = summary["expenditure_total"] = D("1800.21")
    write_budget(tmp_path, previous, "2022.yaml")
    findings = [f for f in findings_for(tmp_path, maintained_data) if "收支总计" in f.message]
    change = next(f for f in findings if f.rule == "A403")
    assert "from the 2022 file" in change.message and "(diff +100.00)" in change.message
    rate = next(f for f in findings if f.rule == "A404")
    assert "208.86 / 1800.21 = 11.60%" in rate.message


def test_a405_growth_from_zero_base(example_data: dict[str, Any], tmp_path: Path) -> None:
    findings = of_rule(tmp_path, example_data, "A405")
    assert len(findings) == 1 and "增长 300%" in findings[0].message and "implied by the text" in findings[0].message
    edit(example_data, "四", "增加 3.00万元，增长 300%", "增加 3.00万元")
    assert of_rule(tmp_path, example_data, "A405") == []


def test_a407_project_count(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    text = section(maintained_data, "十")["subsections"][2]
    assert "共14个项目" in text["text"]
    text["text"] = text["text"].replace("共14个项目", "共15个项目")
    finding = of_rule(tmp_path, maintained_data, "A407")[0]
    assert "lists 14 (diff +1)" in finding.message


def test_section_context_and_normalising() -> None:
    assert context_of("一般公共预算基本支出预算情况说明") == "general_basic"
    assert context_of("支出预算总体情况说明") == "expenditure"
    assert context_of("一般公共预算“三公”经费支出预算情况说明") == "other"
    assert normalise("“三公” 经费") == "三公经费"


def test_a403_unchanged_claim_against_previous_year_file(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    import copy

    from conftest import write_budget

    previous = copy.deepcopy(maintained_data)
    previous["fiscal_year"] = 2022
    write_budget(tmp_path, previous, "2022.yaml")
    unchanged = [f for f in findings_for(tmp_path, maintained_data) if "保持一致" in f.message]
    assert unchanged == []
    three = previous["tables"]["three_public"]["totals"]
    three["vehicle_operation"] = three["vehicles"] = three["total"] = D("3.00")
    write_budget(tmp_path, previous, "2022.yaml")
    messages = [f.message for f in findings_for(tmp_path, maintained_data) if f.rule == "A403"]
    assert any("公务用车运行维护费 与上年保持一致" in m and "(diff +0.60)" in m for m in messages), messages
    assert any("三公经费 与上年保持一致" in m for m in messages), messages
