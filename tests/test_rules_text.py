"""Completeness and text rules (T1xx–T6xx): a failing and a passing case each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import findings_for


def of_rule(folder: Path, data: dict[str, Any], rule_id: str) -> list:
    return [f for f in findings_for(folder, data) if f.rule == rule_id]


def section(data: dict[str, Any], number: str) -> dict[str, Any]:
    return next(s for s in data["narrative"] if s.get("number") == number)


def edit(data: dict[str, Any], number: str, old: str, new: str, sub: int | None = None) -> None:
    target = section(data, number) if sub is None else section(data, number)["subsections"][sub]
    assert old in target["text"], target["text"]
    target["text"] = target["text"].replace(old, new)


def drop_table(data: dict[str, Any]) -> None:
    del data["tables"]["state_capital_expenditure"]


def empty_without_note(data: dict[str, Any]) -> None:
    del data["tables"]["state_capital_expenditure"]["note"]


def drop_reception(data: dict[str, Any]) -> None:
    paragraphs = section(data, "七")["text"].split("\n\n")
    section(data, "七")["text"] = "\n\n".join(p for p in paragraphs if "公务接待" not in p)


def rename_in_header(data: dict[str, Any]) -> None:
    data["tables"]["department_performance"]["department_name"] = "洛阳市西工区西工街道办"


def unknown_unit(data: dict[str, Any]) -> None:
    data["tables"]["revenue"]["units"][0]["rows"][0]["unit"] = "151002"


def rename_in_13(data: dict[str, Any]) -> None:
    data["tables"]["project_performance"]["units"][0]["rows"][0]["name"] = "服务群众专项经费-公车运行费"


def future_project(data: dict[str, Any]) -> None:
    row = data["tables"]["projects"]["units"][0]["rows"][0]
    row["name"] = row["name"].replace("2022年", "2024年")


FAILING = {
    "T101": drop_table,
    "T102": empty_without_note,
    "T104": lambda d: d.update(layout="henan2023"),
    "T103": drop_reception,
    "T201": rename_in_header,
    "T202": unknown_unit,
    "T203": rename_in_13,
    "T301": lambda d: edit(d, "一", "与 2022 年预算相比", "与 2023 年预算相比"),
    "T302": future_project,
    "T401": lambda d: edit(d, "一", "收入总计 1909.07万元", "收入总计 1909.07"),
    "T402": lambda d: edit(d, "一", "收入总计 1909.07万元", "收入总计 1909.07元"),
    "T501": lambda d: edit(d, "一", "工资及社保费用增加", "工资及社保费用增加增加"),
    "T502": lambda d: edit(d, "一", "主要原因人员增加，工资及社保费用增加，上级不再承担社区人员工资。", ""),
    "T601": lambda d: edit(d, "十", "57.55万元", "57.00万元", sub=0),
    "T603": lambda d: edit(d, "十", "其他用车2辆", "其他用车1辆", sub=3),
}


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_text_rule_fails(rule_id: str, maintained_data: dict[str, Any], tmp_path: Path) -> None:
    FAILING[rule_id](maintained_data)
    assert of_rule(tmp_path, maintained_data, rule_id), rule_id


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_text_rule_passes_on_the_maintained_budget(rule_id: str, maintained_data: dict[str, Any],
                                                   tmp_path: Path) -> None:
    assert of_rule(tmp_path, maintained_data, rule_id) == []


@pytest.mark.parametrize("rule_id", sorted(set(FAILING) - {"T203"}))
def test_no_false_alarm_on_the_publication(rule_id: str, example_data: dict[str, Any], tmp_path: Path) -> None:
    assert of_rule(tmp_path, example_data, rule_id) == []


def test_t203_finds_the_renamed_key_project_in_the_publication(example_data: dict[str, Any], tmp_path: Path) -> None:
    messages = [f.message for f in of_rule(tmp_path, example_data, "T203")]
    assert messages == [("情况说明 names project 「服务群众专项经费-政府购买服务及岗位」, which is not in 预算11表; "
                        "did it mean 「服务群众专项经费-政府购买及岗位」?")]


def test_t203_ignores_spaces_from_pdf_line_breaks(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    row = maintained_data["tables"]["project_performance"]["units"][0]["rows"][0]
    row["name"] = row["name"].replace("-", " -")
    assert of_rule(tmp_path, maintained_data, "T203") == []


def test_t402_names_the_likely_fix(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    FAILING["T402"](maintained_data)
    finding = of_rule(tmp_path, maintained_data, "T402")[0]
    assert "write 1909.07万元" in finding.message
    assert [f for f in findings_for(tmp_path, maintained_data) if f.rule == "A401"] == []


def test_t501_accepts_correct_reduplication(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    edit(maintained_data, "一", "主要原因", "主要原因常常")
    assert of_rule(tmp_path, maintained_data, "T501") == []
    edit(maintained_data, "一", "主要原因常常", "主要原因的的")
    assert of_rule(tmp_path, maintained_data, "T501")


def test_t603_parenthesised_breakdown(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    edit(maintained_data, "十", "电动巡防车1辆", "电动巡防车2辆", sub=3)
    messages = [f.message for f in of_rule(tmp_path, maintained_data, "T603")]
    assert messages == [("情况说明 「国有资产占用情况」: 其他用车 2辆 ≠ its breakdown in parentheses 其他用车主要是巡逻车1 + "
                        "电动巡防车2 = 3 (diff -1)")]
