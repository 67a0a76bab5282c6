"""Each arithmetic rule (A1xx, A2xx, A3xx): a failing case and a passing case.

Failing cases start from the maintained budget (which is clean) and change one figure the way a
clerk's typo would; the rule must report it at that cell. The passing case is the clean budget.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest
from conftest import findings_for, set_at

from budgetlint.rules import ALL_RULES


def row_index(data: dict[str, Any], table: str, code: str, unit: int | None = 0) -> int:
    rows = data["tables"][table]["units"][unit]["rows"] if unit is not None else data["tables"][table]["rows"]
    return next(i for i, row in enumerate(rows) if row.get("code") == code)


def summary_index(data: dict[str, Any], side: str, key: str, value: str) -> int:
    return next(i for i, row in enumerate(data["tables"]["summary"][side]) if row.get(key) == value)


def unit_row(table: str, code: str) -> Callable[[dict[str, Any]], tuple]:
    return lambda data: ("tables", table, "units", 0, "rows", row_index(data, table, code))


def fiscal_row(code: str) -> Callable[[dict[str, Any]], tuple]:
    return lambda data: ("tables", "fiscal_summary", "expenditure", "rows",
                         next(i for i, r in enumerate(data["tables"]["fiscal_summary"]["expenditure"]["rows"])
                              if r["code"] == code))


def fixed(path: tuple) -> Callable[[dict[str, Any]], tuple]:
    return lambda data: path


# rule → (where the typo is, which cell, the wrong value, where the finding must point)
CASES: dict[str, tuple[Callable[[dict[str, Any]], tuple], tuple, Any, tuple]] = {
    "A101": (fixed(("tables", "expenditure", "totals")), ("total",), D("1909.08"), ("total",)),
    "A102": (fixed(("tables", "expenditure", "units", 0)), ("public_goods",), D("57.50"), ("public_goods",)),
    "A110": (unit_row("expenditure", "2120101"), ("total",), D("812.45"), ("total",)),
    "A111": (unit_row("expenditure", "2120101"), ("public_goods",), D("55.88"), ("basic",)),
    "A112": (unit_row("expenditure", "2120103"), ("project_operating",), D("756.68"), ("project",)),
    "A113": (fixed(("tables", "revenue", "totals", "carryover")), ("gov_fund",), D("2.00"), ("total",)),
    "A114": (fixed(("tables", "revenue", "totals")), ("total",), D("1909.70"), ("total",)),
    "A115": (fixed(("tables", "revenue", "totals", "this_year")), ("general_budget_fiscal",), D("1906.05"),
             ("general_budget_fiscal",)),
    "A116": (fixed(("tables", "general_basic_economic", "rows", 0)), ("personnel",), D("15.67"), ("total",)),
    "A117": (fixed(("tables", "three_public", "totals")), ("vehicle_operation",), D("2.00"), ("vehicles",)),
    "A118": (fixed(("tables", "department_performance", "budget")), ("project",), D("771.00"), ("total",)),
    "A201": (fixed(("tables", "summary")), ("this_year_revenue",), D("1896.50"), ("this_year_revenue",)),
    "A202": (fixed(("tables", "summary")), ("this_year_expenditure",), D("1909.70"), ("this_year_expenditure",)),
    "A203": (fixed(("tables", "summary")), ("revenue_total",), D("1909.70"), ("revenue_total",)),
    "A204": (fixed(("tables", "summary")), ("expenditure_total",), D("1906.07"), ("expenditure_total",)),
    "A205": (fixed(("tables", "fiscal_summary", "expenditure", "this_year")), ("total",), D("1909.00"), ("total",)),
    "A206": (fixed(("tables", "fiscal_summary", "expenditure", "totals")), ("total",), D("1909.70"), ("total",)),
    "A301": (lambda d: ("tables", "summary", "expenditure", summary_index(d, "expenditure", "code", "208")),
             ("amount",), D("162.03"), ("amount",)),
    "A302": (lambda d: ("tables", "summary", "revenue", summary_index(d, "revenue", "source", "general_budget")),
             ("amount",), D("1896.50"), ("amount",)),
    "A303": (unit_row("gov_fund_expenditure", "2296002"), ("total",), D("4.00"), None),
    "A304": (fiscal_row("207"), ("general_budget",), D("1.20"), ("general_budget",)),
    "A305": (fixed(("tables", "fiscal_summary", "revenue", "carryover")), ("general_budget",), D("10.20"),
             None),
    "A306": (fixed(("tables", "fiscal_summary", "expenditure", "carryover_out")), ("total",), D("13.02"),
             ("total",)),
    "A307": (fixed(("tables", "general_basic_economic", "totals")), ("public",), D("57.50"), ("public",)),
    "A308": (unit_row("economic_summary", "30201"), ("total",), D("9.50"), None),
    "A309": (unit_row("economic_summary", "30231"), ("general_budget",), D("4.80"), None),
    "A310": (fixed(("tables", "gov_fund_expenditure", "totals")), ("total",), D("4.00"), ("total",)),
    "A311": (lambda d: ("tables", "projects", "units", 0, "rows", 0), ("type",), "其他运转类", None),
    "A312": (lambda d: ("tables", "project_performance", "units", 0, "rows", 1), ("total",), D("5.00"),
             ("total",)),
    "A313": (fixed(("tables", "department_performance", "budget")), ("project",), D("771.80"), ("project",)),
}

ARITHMETIC_RULES = [r.id for r in ALL_RULES if r.id[0] == "A" and r.id < "A400"]


# Rules whose failing and passing cases need a layout other than Henan's: tests/test_layouts.py.
CASES_IN_TEST_LAYOUTS = {"A119": "test_a119_checks_a_row_identity_declared_without_a_rule",
                         "A314": "test_a314_reports_a_declared_identity_across_tables"}


def test_every_arithmetic_rule_has_a_case() -> None:
    import test_layouts

    assert all(hasattr(test_layouts, name) for name in CASES_IN_TEST_LAYOUTS.values())
    assert sorted(set(ARITHMETIC_RULES) - set(CASES) - set(CASES_IN_TEST_LAYOUTS) - {"A103"}) == []


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_reports_the_typo(rule_id: str, maintained_data: dict[str, Any], tmp_path) -> None:
    base_of, cell, value, expected = CASES[rule_id]
    base = base_of(maintained_data)
    set_at(maintained_data, base + cell, value)
    findings = [f for f in findings_for(tmp_path, maintained_data) if f.rule == rule_id]
    assert findings, f"{rule_id} did not report the change at {base + cell}"
    if expected is not None:
        from budgetlint.findings import format_path

        wanted = format_path(base + expected)
        assert wanted in [f.path for f in findings], [f.path for f in findings]
    for finding in findings:
        assert finding.line > 1 and finding.column >= 1
        assert "≠" in finding.message or "missing" in finding.message or "exceeds" in finding.message


@pytest.mark.parametrize("rule_id", ARITHMETIC_RULES)
def test_rule_passes_on_the_maintained_budget(rule_id: str, maintained_data: dict[str, Any], tmp_path) -> None:
    assert [f for f in findings_for(tmp_path, maintained_data) if f.rule == rule_id] == []


def _insert_class_row(data: dict[str, Any], total: D) -> None:
    rows = data["tables"]["general_expenditure"]["units"][0]["rows"]
    position = row_index(data, "general_expenditure", "2080208")
    rows.insert(position, {"code": "208", "name": "社会保障和就业支出", "total": total, "basic": D("162.03"),
                           "personnel_wages": D("70.56"), "personnel_family": D("89.79"), "public_goods": D("1.68"),
                           "project": D("4.00"), "project_targeted": D("4.00")})


def test_a103_class_subtotal_fails(maintained_data: dict[str, Any], tmp_path) -> None:
    _insert_class_row(maintained_data, D("160.00"))
    findings = [f for f in findings_for(tmp_path, maintained_data) if f.rule == "A103"]
    assert [f.path for f in findings] == ["tables.general_expenditure.units[0].rows[2].total"]
    assert "160.00 ≠ sum of the rows under it 166.03 (diff -6.03)" in findings[0].message


def test_a103_class_subtotal_passes(maintained_data: dict[str, Any], tmp_path) -> None:
    _insert_class_row(maintained_data, D("166.03"))
    assert [f for f in findings_for(tmp_path, maintained_data) if f.rule.startswith("A")] == []


def test_message_names_both_sides_and_the_gap(maintained_data: dict[str, Any], tmp_path) -> None:
    maintained_data["tables"]["expenditure"]["totals"]["total"] = D("1909.08")
    finding = next(f for f in findings_for(tmp_path, maintained_data) if f.rule == "A101")
    assert finding.message == "预算03表 合计 合计 1909.08 ≠ sum of unit rows 1909.07 (diff +0.01)"


def test_rounded_budget_tolerates_rounding_but_not_more(maintained_data: dict[str, Any], tmp_path) -> None:
    maintained_data["rounding"] = "rounded"
    maintained_data["tables"]["summary"]["this_year_revenue"] = D("1896.06")  # within ±0.005 + 0.005 + 0.005
    assert [f for f in findings_for(tmp_path, maintained_data) if f.rule == "A201"] == []
    maintained_data["tables"]["summary"]["this_year_revenue"] = D("1896.08")
    finding = next(f for f in findings_for(tmp_path, maintained_data) if f.rule == "A201")
    assert "beyond the rounding tolerance ±0.01" in finding.message


def test_table_in_yuan_compares_with_tables_in_wanyuan(maintained_data: dict[str, Any], tmp_path) -> None:
    three = maintained_data["tables"]["three_public"]
    three["amount_unit"] = "元"
    three["totals"] = {key: value * 10000 for key, value in three["totals"].items()}
    assert [f for f in findings_for(tmp_path, maintained_data) if f.rule.startswith("A")] == []
    three["totals"]["vehicle_operation"] = D("24000.01")
    three["totals"]["vehicles"] = D("24000.01")
    three["totals"]["total"] = D("24000.01")
    assert "A309" in [f.rule for f in findings_for(tmp_path, maintained_data)]
