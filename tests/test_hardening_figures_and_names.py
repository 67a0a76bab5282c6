"""Issue 17 item 11 (part): figures and names checked for what they are.

- `-0.00` is a finding of the loader (Y004, number format): no disclosure prints a negative zero, and
  Decimal keeps its sign, so it would be printed as written. A reading finding: it cannot be waived.
- A name written with a Kangxi or CJK radical or a compatibility ideograph (⼀ U+2F00 for 一 U+4E00)
  is T504 (warning), with the name as it should be written when the characters have one equivalent.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import MAINTAINED, TODAY, findings_for, load_data

from budgetlint.findings import format_path
from budgetlint.lint import check_file


def test_a_negative_zero_is_a_finding(tmp_path: Path) -> None:
    text = MAINTAINED.read_text(encoding="utf-8")
    line = "      carryover_out: {total: 0.00}"
    number = text.splitlines().index(line) + 1
    path = tmp_path / "2023.yaml"
    for zero in ("-0.00", "-0", "-0.0", "-0.000"):
        path.write_text(text.replace(line, line.replace("0.00", zero)), encoding="utf-8")
        found = check_file(path, today=TODAY)
        assert [(f.rule, f.line, f.severity) for f in found] == [("Y004", number, "error")], zero
        assert f"`{zero}` is a negative zero" in found[0].message and "write 0.00" in found[0].message
    path.write_text(text.replace(line, line.replace("0.00", "+0.00")), encoding="utf-8")
    assert check_file(path, today=TODAY) == []  # a plus sign is odd but not wrong: 0.00


@pytest.mark.parametrize(("where", "odd", "meant"), [
    (("tables", "expenditure", "units", 0, "rows", 6, "name"), "行政运\u2f8f", "行政运行"),  # ⾏ Kangxi radical
    (("department", "units", 0, "name"), "洛阳市西工区西工街道办事处".replace("工", "\u2f2f"), "洛阳市西工区西工街道办事处"),
    (("tables", "summary", "expenditure", 0, "name"), "\u2f00般公共服务支出", "一般公共服务支出"),
    (("tables", "economic_summary", "units", 0, "rows", 0, "name"), "劳务费（\u2f00）-2", "劳务费（一）-2"),
    (("department", "region_name"), "洛阳市西\u2f2f区", "洛阳市西工区"),
    (("glossary", 0, "term"), "\u2ed3期", None),  # ⻓: a CJK radical without an equivalent: retype it
], ids=["row", "unit", "summary-row", "economic-row", "region", "glossary"])
def test_compatibility_ideographs_in_names_are_a_warning(tmp_path: Path, where: tuple[Any, ...], odd: str,
                                                         meant: str | None) -> None:
    data = load_data(MAINTAINED)
    node: Any = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = odd
    found = [f for f in findings_for(tmp_path, data) if f.rule == "T504"]
    assert len(found) == 1, found
    assert found[0].severity == "warning"
    assert found[0].path == format_path(where)
    assert f"「{odd}」" in found[0].message and "U+" in found[0].message
    assert (f"write 「{meant}」" in found[0].message) if meant else ("retype it" in found[0].message)


def test_a_compatibility_ideograph_that_is_a_unified_one_is_not_a_finding(tmp_path: Path) -> None:
    data = load_data(MAINTAINED)
    data["tables"]["expenditure"]["units"][0]["rows"][6]["name"] = "行政运行\ufa0e"  # 﨎: unified, no other form
    data["tables"]["expenditure"]["units"][0]["rows"][6]["total"] = Decimal("812.44")
    assert not [f for f in findings_for(tmp_path, data) if f.rule == "T504"]
