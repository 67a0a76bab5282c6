"""Layouts as data (issue 12): the Shanghai 2025 layouts on real publications, layouts in a budget
repository, `budgetlint layout check`, the identities a layout declares, and the adjacent-row test.

The Shanghai examples are hand transcriptions of published disclosures (examples/putuo-*.yaml); the
README lists every error the check reports on them, and these tests keep that list true.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import MAINTAINED, ROOT, TODAY, dump, findings_for, load_data

from budgetlint.cli import main
from budgetlint.findings import ERROR
from budgetlint.layout import check_layout_file, load_layout, packaged_folder
from budgetlint.lint import check_file
from budgetlint.model import amounts

EXAMPLES = ROOT / "examples"
WANLI = EXAMPLES / "putuo-wanli-jiedao-2025-as-published.yaml"
CAIZHENG = EXAMPLES / "putuo-caizhengju-2025-as-published.yaml"
BANGONGSHI = EXAMPLES / "putuo-zhengfu-bangongshi-2025-as-published.yaml"
JUESUAN = EXAMPLES / "putuo-caizhengju-2024-juesuan-as-published.yaml"
DISCLOSURES = ROOT.parent / "shared" / "reference" / "disclosures"
ONE = Decimal("1.00")

# The publication's one arithmetic defect (README): 21201 城乡社区管理事务 is printed as 94,995,790 in 表2,
# 表3 and 表5, but its 项 rows add up to 94,995,789, and so do its 基本支出 + 项目支出.
WANLI_ERRORS = Counter({"A103": 8, "A110": 2, "A414": 1})
# The 2024 决算 (README): each table's cells were rounded from 元 on their own, so 合计 rows and 类 rows
# miss the sum of their rows by 0.01–0.02 (A101, A103), 表1/表4 print 208 as 326.71 where 表3/表5 print
# 326.72 (A301, A304); the narrative states 财政拨款收入支出总计 0.3万元 (表4: 2,961.68) and 政府采购
# 251.25万元 whose parts add up to 251.26 (A401, A406); its eleven 项 add up to 年初预算 2993.93 and
# 支出决算 2940.06 where the text states 2993.92 and 2940.05 (A411).
JUESUAN_ERRORS = Counter({"A101": 6, "A103": 2, "A301": 1, "A304": 1, "A401": 1, "A402": 1, "A406": 2, "A411": 2})


def errors(findings: list[Any]) -> list[Any]:
    return [f for f in findings if f.severity == ERROR]


def checked(folder: Path, data: dict[str, Any]) -> list[Any]:
    """The findings for `data` written as `<fiscal_year>.yaml`, as a repository names it (T303)."""
    return findings_for(folder, data, f"{data['fiscal_year']}.yaml")


def wanli_corrected(folder: Path) -> Path:
    path = folder / "wanli.yaml"
    text = WANLI.read_text(encoding="utf-8").replace("94995790", "94995789")
    text = text.replace("卫生健康支出（类）卫生健康支出（款）计划生育事务（项）", "卫生健康支出（类）计划生育事务（款）计划生育服务（项）")
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- the real publications


def test_wanli_reports_exactly_its_printed_defects() -> None:
    found = errors(check_file(WANLI, today=TODAY))
    assert Counter(f.rule for f in found) == WANLI_ERRORS
    tables = [f for f in found if f.rule != "A414"]  # A414: item 21 of the 编制说明, see the test below
    assert all("21201" in f.message or " 212 " in f.message for f in tables), [f.message for f in found]
    assert {f.line for f in found if "21201" in f.message} == {286, 355, 440}  # 表2, 表3, 表5


def test_the_unit_budget_checks_without_errors() -> None:
    assert errors(check_file(BANGONGSHI, today=TODAY)) == []


def test_the_final_accounts_report_exactly_their_printed_defects() -> None:
    found = errors(check_file(JUESUAN, today=TODAY))
    assert Counter(f.rule for f in found) == JUESUAN_ERRORS
    assert {f.message.split(" ≠ ")[0].split()[-1] for f in found if f.rule in ("A301", "A304")} == {"326.71"}


def test_corrected_wanli_is_clean(tmp_path: Path) -> None:
    assert errors(check_file(wanli_corrected(tmp_path), today=TODAY)) == []


def corrected(folder: Path, source: Path) -> Path:
    """A clean copy of a publication: its printed defects corrected (README lists them)."""
    if source == WANLI:
        return wanli_corrected(folder)
    text = source.read_text(encoding="utf-8")
    if source == CAIZHENG:
        text = text.replace("”887.36万元", "”87.36万元").replace("其它行政事业单位", "其他行政事业单位")
    path = folder / source.name
    path.write_text(text, encoding="utf-8")
    return path


def test_readme_lists_the_shanghai_errors() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in (WANLI, CAIZHENG, BANGONGSHI, JUESUAN):
        found = check_file(path, today=TODAY)
        count = len(errors(found))
        assert f"`{path.relative_to(ROOT)}`: {count} error" in readme, path


@pytest.mark.skipif(not DISCLOSURES.is_dir(), reason="the reference disclosures (../shared/reference) are absent")
@pytest.mark.parametrize("path, source", [(WANLI, "2025-putuo-wanli-jiedao.txt"),
                                          (CAIZHENG, "2025-putuo-caizhengju.txt"),
                                          (BANGONGSHI, "2025-putuo-zhengfu-bangongshi-danwei.txt"),
                                          (JUESUAN, "2024-putuo-caizhengju-juesuan.txt")])
def test_transcription_holds_every_printed_table_figure(path: Path, source: str) -> None:
    """Every amount printed in a table cell of the text layer is in the transcription, as often."""
    printed: Counter[str] = Counter()
    for line in (DISCLOSURES / source).read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if "|" not in line or (cells[0].isdigit() and len(cells[0]) <= 2):
            continue  # not a table row, or a numbered list (序号 | 单位名称 | 备注), not figures
        for cell in line.split("|"):
            token = cell.strip().replace(",", "")
            if token and all(ch.isdigit() or ch == "." for ch in token) and not _is_code(cell.strip()):
                printed[token] += 1
    transcribed: Counter[str] = Counter(f"{value:f}" for value in _all_amounts(load_data(path)["tables"]))
    # Codes (201, 03, 01) are cells too; compare amounts only: every printed amount is transcribed.
    missing = {token: n - transcribed[token] for token, n in printed.items() if n > transcribed[token]
               and not _looks_like_code_cell(token)}
    assert missing == {}


def _is_code(cell: str) -> bool:
    return cell.isdigit() and len(cell) in (2, 3) and "," not in cell and cell not in ("0",)


def _looks_like_code_cell(token: str) -> bool:
    return token.isdigit() and len(token) in (2, 3)


def _all_amounts(node: Any) -> Iterator[Decimal]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _all_amounts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _all_amounts(value)
    elif isinstance(node, (Decimal, int)) and not isinstance(node, bool):
        yield Decimal(node)


# ---------------------------------------------------------------- columns a layout does not print


def test_a_column_the_layout_does_not_print_is_an_unknown_key(tmp_path: Path) -> None:
    data = load_data(BANGONGSHI)
    data["tables"]["expenditure"]["rows"][0]["personnel_wages"] = Decimal("0.00")
    found = checked(tmp_path, data)
    assert [(f.rule, f.path) for f in errors(found)] == [("S002", "tables.expenditure.rows[0].personnel_wages")]


def test_rules_whose_columns_the_layout_lacks_are_skipped_and_listed(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--jobs", "1", str(BANGONGSHI)])
    report = json.loads(result.output)
    skipped = {entry["rule"]: entry["reason"] for entry in report["skipped"][str(BANGONGSHI)]}
    assert skipped["A111"] == "the layout declares no row identity checked by A111"
    assert skipped["A307"] == "表5 does not print the column `personnel_wages`"
    assert "A110" not in skipped and "A314" not in skipped
    # Shanghai prints no department or unit codes: a rule that needs them says so instead of guessing.
    assert skipped["C111"] == "the file does not give department.code, which the rule needs; it is not guessed"


# ---------------------------------------------------------------- identities the layout declares


def test_a314_reports_a_declared_identity_across_tables(tmp_path: Path) -> None:
    data = load_data(BANGONGSHI)
    data["tables"]["revenue_function"]["totals"]["fiscal"] = Decimal("91016775.36")
    data["tables"]["revenue_function"]["totals"]["total"] = Decimal("91016775.36")
    found = [f for f in checked(tmp_path, data) if f.rule == "A314"]
    assert found, "A314 must report 表1 against 表2"
    assert any(f.path == "tables.summary.revenue[0].amount" and "91016775.35 ≠ 表2 合计 财政拨款收入 91016775.36"
               in f.message for f in found), [f.message for f in found]


def test_a314_bounds_compare_units_within_rounding(tmp_path: Path) -> None:
    data = load_data(BANGONGSHI)
    # 表9 公务接待费 in 万元 must be at least 表8 30217 公务接待费 (185,000.00元 = 18.50万元).
    data["tables"]["three_public"]["totals"].update(reception=Decimal("18.49"), total=Decimal("857.49"))
    found = [f for f in checked(tmp_path, data) if f.rule == "A314"]
    assert [f.path for f in found] == ["tables.three_public.totals.reception"]
    data["tables"]["three_public"]["totals"].update(reception=Decimal("18.50"), total=Decimal("857.50"))
    assert [f for f in checked(tmp_path, data) if f.rule == "A314"] == []


def test_a119_checks_a_row_identity_declared_without_a_rule(tmp_path: Path) -> None:
    data = load_data(BANGONGSHI)
    data["tables"]["summary"]["expenditure"][1]["public"] = Decimal("265380.01")
    assert [f.path for f in checked(tmp_path, data) if f.rule == "A119"] == ["tables.summary.expenditure[1].amount"]
    assert [f for f in check_file(BANGONGSHI, today=TODAY) if f.rule == "A119"] == []


def test_a_fiscal_summary_row_total_must_equal_its_fund_columns(tmp_path: Path) -> None:
    """The Henan 预算04表 row identity: 合计 999.99 beside 一般公共预算 86.57 no longer passes."""
    data = load_data(MAINTAINED)
    rows = data["tables"]["fiscal_summary"]["expenditure"]["rows"]
    index = next(i for i, row in enumerate(rows) if row["code"] == "210")
    rows[index]["total"] = Decimal("999.99")
    found = [f for f in checked(tmp_path, data) if f.rule == "A113"]
    assert [f.path for f in found] == [f"tables.fiscal_summary.expenditure.rows[{index}].total"]


# ---------------------------------------------------------------- moving 1.00 between adjacent rows


def row_lists(table: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
    """Every list of rows of a table, whatever its shape."""
    for key in ("rows", "units", "revenue"):
        if isinstance(table.get(key), list):
            yield table[key]
    for unit in table.get("units") or []:
        if isinstance(unit.get("rows"), list):
            yield unit["rows"]
    if isinstance(table.get("expenditure"), list):
        yield table["expenditure"]
    elif isinstance(table.get("expenditure"), dict) and isinstance(table["expenditure"].get("rows"), list):
        yield table["expenditure"]["rows"]


def moves(data: dict[str, Any]) -> Iterator[tuple[str, int, tuple[str, ...]]]:
    for key, table in data["tables"].items():
        for list_index, rows in enumerate(row_lists(table)):
            for index in range(len(rows) - 1):
                for column, value in amounts(rows[index]).items():
                    if value >= ONE:
                        yield f"{key}/{list_index}", index, column


def moved(data: dict[str, Any], where: str, index: int, column: tuple[str, ...]) -> dict[str, Any]:
    key, list_index = where.split("/")
    rows = list(row_lists(data["tables"][key]))[int(list_index)]
    for row, step in ((rows[index], -ONE), (rows[index + 1], ONE)):
        node = row
        for part in column[:-1]:
            node = node.setdefault(part, {})
        node[column[-1]] = Decimal(node.get(column[-1], 0)) + step
    return data


@pytest.mark.parametrize("source", [MAINTAINED, BANGONGSHI, CAIZHENG, WANLI], ids=lambda p: p.stem)
def test_moving_one_yuan_between_adjacent_rows_is_an_error(tmp_path: Path, source: Path) -> None:
    """Every column sum still holds after the move; a row or cross-table identity must not."""
    clean = corrected(tmp_path, source) if source in (WANLI, CAIZHENG) else source
    original = load_data(clean)
    assert errors(check_file(clean, today=TODAY)) == []
    text = dump(original)
    uncaught = []
    count = 0
    for where, index, column in moves(original):
        count += 1
        variant = moved(load_data_from_text(tmp_path, text), where, index, column)
        if not errors(checked(tmp_path, variant)):
            uncaught.append(f"{where} rows {index}→{index + 1} {'.'.join(column)}")
    assert count > 20
    assert uncaught == []


def load_data_from_text(folder: Path, text: str) -> dict[str, Any]:
    path = folder / "original.yaml"
    path.write_text(text, encoding="utf-8")
    return load_data(path)


# ---------------------------------------------------------------- layout files


@pytest.mark.parametrize("name", ["henan-2023", "shanghai-2025", "shanghai-2025-unit", "shanghai-2024-juesuan"])
def test_packaged_layouts_check_clean(name: str) -> None:
    assert check_layout_file(packaged_folder() / f"{name}.yaml") == []


def test_layout_check_reports_file_line_and_exit_2(tmp_path: Path) -> None:
    text = (packaged_folder() / "shanghai-2025.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "shanghai-2025.yaml"
    broken.write_text(text.replace("{label: 人员经费, amount: personnel}", "{label: 人员经费, amount: personel}")
                      .replace("- general_basic_economic.total.total = general_expenditure.total.basic",
                               "- general_basic_economic.total.total = general_expenditure.total.basci"),
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["layout", "check", str(broken)])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert any(line.startswith(f"{broken}:") and "unknown column `personel`" in line for line in lines), lines
    identity_line = next(number for number, line in enumerate(text.splitlines(), 1)
                         if "general_basic_economic.total.total = general_expenditure.total.basic" in line)
    assert any(line.startswith(f"{broken}:{identity_line}:") and "has no column" in line for line in lines), lines


def test_layout_check_passes_a_good_file() -> None:
    result = CliRunner().invoke(main, ["layout", "check", str(packaged_folder() / "henan-2023.yaml")])
    assert result.exit_code == 0, result.output


def test_a_layout_in_the_budget_repository_is_used_without_reinstalling(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A district that numbers its tables 附表1 … adds its own layout to layouts/; messages follow it."""
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "putuo-2025-unit.yaml").write_text(
        "name: putuo-2025-unit\nextends: shanghai-2025-unit\ntable_label: \"附表{number}\"\n", encoding="utf-8")
    (tmp_path / "budgetlint.toml").write_text('layouts = "layouts"\n', encoding="utf-8")
    text = BANGONGSHI.read_text(encoding="utf-8").replace("layout: shanghai-2025-unit", "layout: putuo-2025-unit")
    text = text.replace("{code: \"20103\", name: 政府办公厅（室）及相关机构事务, total: 82096797.42, basic: 15686797.42",
                        "{code: \"20103\", name: 政府办公厅（室）及相关机构事务, total: 82096797.42, basic: 15686797.43", 1)
    (tmp_path / "budgets").mkdir()
    (tmp_path / "budgets" / "2025.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--jobs", "1", "budgets"])
    assert result.exit_code == 1
    assert "附表3 row 20103" in result.output and "T104" not in result.output, result.output
    listed = CliRunner().invoke(main, ["layout", "list"])
    assert "putuo-2025-unit" in listed.output and "layouts/putuo-2025-unit.yaml" in listed.output


def test_an_unknown_layout_is_reported_and_the_default_used(tmp_path: Path) -> None:
    data = load_data(MAINTAINED)
    data["layout"] = "../../etc/passwd"
    found = checked(tmp_path, data)
    assert "S006" in {f.rule for f in found} or "T104" in {f.rule for f in found}
    data["layout"] = "shanghai-2099"
    found = checked(tmp_path, data)
    assert [f.rule for f in found if f.rule == "T104"] == ["T104"]


def test_layouts_name_no_table_twice_and_extend_their_parent() -> None:
    unit = load_layout("shanghai-2025-unit")
    department = load_layout("shanghai-2025")
    assert list(unit.tables) == list(department.tables)
    assert unit.document_kind == "单位预算" and department.document_kind == "部门预算"
    assert len(unit.identities) > len(department.identities)
    assert unit.label("expenditure") == "表3" and load_layout("henan-2023").label("expenditure") == "预算03表"


# ---------------------------------------------------------------- 科目 statements of a Shanghai 编制说明


def test_subject_statements_of_the_caizhengju_budget() -> None:
    """财政局 2025: item 7 states 887.36万元 for 873,617元 (A412), item 8 writes 其它 for 其他 (A414), and four
    items cut 元 off instead of rounding (A413: 877,080元 printed 87.70万元, not 87.71)."""
    found = check_file(CAIZHENG, today=TODAY)
    assert Counter(f.rule for f in errors(found)) == Counter({"A412": 1, "A414": 1})
    assert ["87.70万元", "78.21万元", "204.91万元", "268.77万元"] == [
        f.message.split("” ")[1].split(";")[0] for f in found if f.rule == "A413"]


def test_a412_a413_a414_pass_on_correct_statements(tmp_path: Path) -> None:
    text = (CAIZHENG.read_text(encoding="utf-8").replace("”887.36万元", "”87.36万元").replace("其它行政事业单位", "其他行政事业单位")
            .replace("”87.70万元", "”87.71万元").replace("”78.21万元", "”78.22万元").replace("”204.91万元", "”204.92万元")
            .replace("”268.77万元", "”268.78万元"))
    path = tmp_path / "2025.yaml"
    path.write_text(text, encoding="utf-8")
    assert [f for f in check_file(path, today=TODAY) if f.rule in ("A412", "A413", "A414")] == []


def test_a414_names_the_row_the_text_meant() -> None:
    [found] = [f for f in check_file(WANLI, today=TODAY) if f.rule == "A414"]
    assert "卫生健康支出（类）卫生健康支出（款）计划生育事务（项）" in found.message
    assert found.message.endswith("the tables have 卫生健康支出（类）计划生育事务（款）计划生育服务（项）, 表5 row 2100717")
