"""Rules never fail on rows the schema rejects: a code or unit written as a list or mapping is
reported by the schema (S001) and ignored by the rules, never an internal error (X001)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import findings_for, rules_of

PLACES = [
    ("tables", "summary", "expenditure", 0, "code"),
    ("tables", "revenue", "units", 0, "unit"),
    ("tables", "projects", "units", 0, "rows", 0, "code"),
    ("tables", "economic_summary", "units", 0, "rows", 0, "code"),
    ("tables", "project_performance", "units", 0, "rows", 0, "code"),
    ("tables", "expenditure", "units", 0, "rows", 0, "code"),
    ("tables", "general_basic_economic", "rows", 0, "gov_code"),
    ("tables", "fiscal_summary", "expenditure", "rows", 0, "code"),
    ("department", "code"),
    ("department", "units", 0, "code"),
]


@pytest.mark.parametrize("place", PLACES, ids=lambda p: ".".join(map(str, p)))
@pytest.mark.parametrize("value", [["151"], {"code": "151"}], ids=["list", "mapping"])
def test_malformed_code_is_a_schema_finding_not_a_crash(place: tuple, value: Any, maintained_data: dict[str, Any],
                                                        tmp_path: Path) -> None:
    node = maintained_data
    for key in place[:-1]:
        node = node[key]
    node[place[-1]] = value
    rules = rules_of(findings_for(tmp_path, maintained_data))
    assert "X001" not in rules
    assert "S001" in rules
