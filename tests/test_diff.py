"""`budgetlint diff`: budget lines aligned by meaning, old/new/change/percentage, renamed and
reclassified lines, the year-over-year summary, git revisions, and the three output formats."""

from __future__ import annotations

import copy
import json
import subprocess
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import MAINTAINED, dump, write_budget

from budgetlint.cli import main
from budgetlint.diff import BudgetDiff, LineChange, diff_budgets, percent

EXPENDITURE_ROWS = ("tables", "expenditure", "units", 0, "rows")


def rows(data: dict[str, Any], table: str = "expenditure") -> list[dict[str, Any]]:
    return data["tables"][table]["units"][0]["rows"]


def row(data: dict[str, Any], code: str, table: str = "expenditure") -> dict[str, Any]:
    return next(r for r in rows(data, table) if r["code"] == code)


def project(data: dict[str, Any], name_start: str) -> dict[str, Any]:
    return next(r for r in rows(data, "projects") if r["name"].startswith(name_start))


def only(result: BudgetDiff, section: str) -> list[LineChange]:
    return [change for change in result.changes if change.section == section]


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_identical_budgets_have_no_differences(maintained_data: dict[str, Any]) -> None:
    result = diff_budgets(maintained_data, copy.deepcopy(maintained_data))
    assert result.changes == [] and result.summary == [] and not result.year_over_year


def test_changed_amount_is_a_budget_line_with_old_new_change_and_percent(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    line = row(new, "2120101")
    line["total"], line["basic"], line["personnel_wages"] = D("822.44"), D("822.44"), D("765.85")
    [change] = only(diff_budgets(maintained_data, new), "expenditure")
    assert change.status == "changed"
    assert change.label == "151 2120101 行政运行"
    assert change.section_title == "预算03表 部门支出预算表"
    by_column = {f.label: f for f in change.figures}
    total = by_column["合计"]
    assert (total.old, total.new, total.change, total.percent) == (D("812.44"), D("822.44"), D("10.00"), D("1.23"))
    # Columns are called what the layout's header prints above them.
    assert by_column["基本支出 人员经费 工资福利支出"].percent == D("1.32")  # 10 / 755.85 = 1.323…%
    assert set(by_column) == {"合计", "基本支出 小计", "基本支出 人员经费 工资福利支出"}


def test_percentage_is_of_the_old_value_and_new_when_there_was_none() -> None:
    assert percent(D("3.00"), D("4.22")) == D("40.67")
    assert percent(D("3.00"), None) == D("-100.00")
    assert percent(D("0.00"), D("3.00")) is None
    assert percent(None, D("3.00")) is None
    assert percent(D("1700.21"), D("1909.07")) == D("12.28")  # as the narrative states it


def test_blank_and_zero_cells_are_the_same_amount(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    row(new, "2120101")["project"] = D("0.00")
    assert diff_budgets(maintained_data, new).changes == []


def test_moving_rows_in_the_file_changes_nothing(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    rows(new).reverse()
    rows(new, "projects").reverse()
    new["narrative"].reverse()
    assert diff_budgets(maintained_data, new).changes == []


def test_added_and_removed_lines(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    removed = row(new, "2013202")
    rows(new).remove(removed)
    rows(new).append({"code": "2010301", "name": "行政运行", "total": D("5.00"), "basic": D("5.00"),
                      "public_goods": D("5.00")})
    changes = {c.status: c for c in only(diff_budgets(maintained_data, new), "expenditure")}
    assert set(changes) == {"added", "removed"}
    added = {f.label: f for f in changes["added"].figures}["合计"]
    assert (added.old, added.new, added.change, added.percent) == (None, D("5.00"), D("5.00"), None)
    gone = {f.label: f for f in changes["removed"].figures}["合计"]
    assert (gone.old, gone.new, gone.change, gone.percent) == (D("3.00"), None, D("-3.00"), D("-100.00"))


def test_same_code_new_name_is_renamed(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    row(new, "2070199")["name"] = "其他文化旅游支出"
    [change] = only(diff_budgets(maintained_data, new), "expenditure")
    assert change.status == "renamed"
    assert [(f.field, f.old, f.new) for f in change.fields] == [("name", "其他文化和旅游支出", "其他文化旅游支出")]
    assert change.figures == []


def test_project_with_a_new_type_is_reclassified(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    project(new, "服务群众专项经费-武装经费")["type"] = "特定目标类"
    [change] = only(diff_budgets(maintained_data, new), "projects")
    assert change.status == "reclassified"
    assert [(f.field, f.old, f.new) for f in change.fields] == [("type", "其他运转类", "特定目标类")]


def test_project_under_a_new_code_is_reclassified_not_removed_and_added(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    project(new, "服务群众专项经费-差旅费")["code"] = "410303230000000099999"
    target = next(r for r in rows(new, "project_performance") if r["name"] == "服务群众专项经费-差旅费")
    target["code"] = "410303230000000099999"
    result = diff_budgets(maintained_data, new)
    statuses = [(c.section, c.status) for c in result.changes]
    assert statuses == [("projects", "reclassified"), ("project_performance", "reclassified")]
    fields = result.changes[0].fields
    assert ("code", "410303220000000013469", "410303230000000099999") in [(f.field, f.old, f.new) for f in fields]
    # the project's targets travel with it: none of them is reported as removed and added again


def test_same_amount_moved_to_another_functional_code_is_reclassified(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    moved = row(new, "2120103")  # 机关服务 (a name of 2130503 in the 2023 code list)
    moved["code"], moved["name"] = "2120199", "其他城乡社区管理事务支出"
    [change] = only(diff_budgets(maintained_data, new), "expenditure")
    assert change.status == "reclassified"
    assert {(f.field, f.old, f.new) for f in change.fields} == {
        ("code", "2120103", "2120199"), ("name", "机关服务", "其他城乡社区管理事务支出")}
    assert change.figures == []


def test_economic_correspondence_change_is_reclassified(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    line = next(r for r in new["tables"]["general_basic_economic"]["rows"] if r["code"] == "30107")
    line["gov_code"], line["gov_name"] = "50501", "工资福利支出"
    [change] = only(diff_budgets(maintained_data, new), "general_basic_economic")
    assert change.status == "reclassified" and change.label == "30107 绩效工资"


def test_row_moved_to_another_unit_is_moved(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    table = new["tables"]["expenditure"]
    line = row(new, "2296002")
    rows(new).remove(line)
    table["units"].append({"unit": "151002", "name": "西工街道社区服务中心", "rows": [line]})
    changes = only(diff_budgets(maintained_data, new), "expenditure")
    moved = [c for c in changes if c.status == "moved"]
    assert len(moved) == 1 and moved[0].label == "151002 2296002 用于社会福利的彩票公益金支出"
    assert [(f.field, f.old, f.new) for f in moved[0].fields] == [("place", "151", "151002")]


def test_narrative_paragraph_change_and_inserted_section(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    first = new["narrative"][0]
    first["text"] = first["text"].replace("增长 12.28%", "增长 12.82%")
    for section in new["narrative"][1:]:  # a section inserted second renumbers the rest
        section["number"] = {"二": "三", "三": "四", "四": "五"}.get(section["number"], section["number"])
    new["narrative"].insert(1, {"number": "二", "title": "新增说明", "text": "新增的段落。"})
    changes = only(diff_budgets(maintained_data, new), "narrative")
    by_title = {c.item.name: c for c in changes}
    assert by_title["新增说明"].status == "added"
    assert by_title["收入支出预算总体情况说明"].status == "changed"
    [text] = by_title["收入支出预算总体情况说明"].fields
    assert "12.28%" in (text.old or "") and "12.82%" in (text.new or "")
    # the renumbered sections are matched by title: their number changed, nothing else
    assert [(f.field, f.old, f.new) for f in by_title["收入预算总体情况说明"].fields] == [("number", "二", "三")]


def test_glossary_and_department_fields(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    new["glossary"][0]["definition"] = "是指同级财政拨付的资金。"
    new["department"]["name"] = "洛阳市西工区西工街道"
    sections = {c.section: c for c in diff_budgets(maintained_data, new).changes}
    assert sections["glossary"].status == "changed" and sections["glossary"].label == "财政拨款收入"
    assert sections["department"].status == "renamed"


def test_amounts_in_yuan_compare_with_amounts_in_wan_yuan(maintained_data: dict[str, Any]) -> None:
    def in_yuan(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: in_yuan(value) for key, value in node.items()}
        if isinstance(node, list):
            return [in_yuan(value) for value in node]
        return node * 10000 if isinstance(node, D) else node

    old = copy.deepcopy(maintained_data)
    old["amount_unit"] = "元"
    old["tables"] = in_yuan(old["tables"])
    assert row(old, "2120101")["total"] == D("8124400.00")
    result = diff_budgets(old, maintained_data, "old.yaml", "new.yaml")
    assert [(c.section, [f.field for f in c.fields]) for c in result.changes] == [("file", ["amount_unit"])]
    assert result.summary == []
    assert result.notes == ["old.yaml is kept in 元; its amounts are shown in 万元"]


def previous_year(data: dict[str, Any]) -> dict[str, Any]:
    """The 2023 budget as a plausible 2022 one: ten less for 行政运行, one project fewer, 三公 lower."""
    old = copy.deepcopy(data)
    old["fiscal_year"] = 2022
    summary = old["tables"]["summary"]
    for key in ("this_year_revenue", "revenue_total", "this_year_expenditure", "expenditure_total"):
        summary[key] -= 10
    next(r for r in summary["expenditure"] if r["code"] == "212")["amount"] -= 10
    expenditure = old["tables"]["expenditure"]
    for entry in (expenditure["totals"], expenditure["units"][0], row(old, "2120101")):
        entry["total"] -= 10
        entry["basic"] -= 10
    three = old["tables"]["three_public"]["totals"]
    three["total"], three["vehicles"], three["vehicle_operation"] = D("1.20"), D("1.20"), D("1.20")
    rows(old, "projects").remove(project(old, "服务群众专项经费-武装经费"))
    return old


def test_year_over_year_summary_comes_first(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    result = diff_budgets(previous_year(maintained_data), maintained_data, "2022.yaml", "2023.yaml")
    assert result.year_over_year
    lines = {line.key: line for line in result.summary}
    keys = [line.key for line in result.summary]
    assert keys[:3] == ["total", "basic", "project"]
    assert keys[3:10] == ["class 201", "class 207", "class 208", "class 210", "class 212", "class 221", "class 229"]
    assert (lines["total"].old, lines["total"].new, lines["total"].change) == (D("1899.07"), D("1909.07"), D("10.00"))
    assert lines["total"].percent == D("0.53")
    assert lines["basic"].change == D("10.00") and lines["project"].change == D("0.00")
    assert lines["class 212"].label == "类 212 城乡社区"
    assert (lines["three_public total"].old, lines["three_public total"].new) == (D("1.20"), D("2.40"))
    assert lines["three_public total"].percent == D("100.00")
    assert (lines["projects count"].old, lines["projects count"].new) == (13, 14)
    text = run("diff", "--format", "text", *_files(previous_year(maintained_data), maintained_data, tmp_path)).output
    assert text.index("Year-over-year summary") < text.index("budget lines differ")
    assert "year over year 2022 → 2023" in text


def _files(old: dict[str, Any], new: dict[str, Any], folder: Path) -> tuple[str, str]:
    return (str(write_budget(folder, old, "old.yaml")), str(write_budget(folder, new, "new.yaml")))


def test_text_output_names_the_line(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    new = copy.deepcopy(maintained_data)
    row(new, "2120101")["total"] = D("822.44")
    result = run("diff", *_files(maintained_data, new, tmp_path))
    assert result.exit_code == 0, result.output
    line = next(text for text in result.output.splitlines() if "2120101" in text)
    assert line.split() == ["changed", "151", "2120101", "行政运行", "合计", "812.44", "822.44", "+10.00", "+1.23%"]


def test_markdown_output_is_a_table_for_a_pull_request(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    new = copy.deepcopy(maintained_data)
    row(new, "2120101")["total"] = D("822.44")
    row(new, "2070199")["name"] = "其他文化|旅游<script>"
    result = run("diff", "--format", "markdown", *_files(maintained_data, new, tmp_path))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("### budgetlint diff:")
    line = next(text for text in out.splitlines() if "2120101" in text)
    assert [cell.strip() for cell in line.strip("|").split("|")] == [
        "changed", "151 2120101 行政运行", "合计", "812.44", "822.44", "+10.00", "+1.23%"]
    table_lines = [line for line in out.splitlines() if line.startswith("|")]
    assert table_lines and all(line.endswith("|") for line in table_lines)
    assert "其他文化\\|旅游&lt;script&gt;" in out and "<script>" not in out


def test_json_output_has_exact_amounts(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    new = copy.deepcopy(maintained_data)
    row(new, "2120101")["total"] = D("822.44")
    rows(new).append({"code": "2010301", "name": "行政运行", "total": D("5.00")})
    result = run("diff", "--format", "json", *_files(maintained_data, new, tmp_path))
    data = json.loads(result.output)
    assert data["comparison"] == "revision" and data["differences"] == len(data["changes"])
    changed = next(c for c in data["changes"] if c["line"] == "151 2120101 行政运行")
    assert changed["figures"] == [{"column": "total", "label": "合计", "old": "812.44", "new": "822.44",
                                   "change": "10.00", "percent": "1.23"}]
    added = next(c for c in data["changes"] if c["status"] == "added")
    assert added["figures"][0]["percent"] is None and added["figures"][0]["new"] == "5.00"


def test_exit_code_option(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    same = run("diff", "--exit-code", str(MAINTAINED), str(MAINTAINED))
    assert same.exit_code == 0 and "No differences." in same.output
    new = copy.deepcopy(maintained_data)
    row(new, "2120101")["total"] = D("822.44")
    files = _files(maintained_data, new, tmp_path)
    assert run("diff", "--exit-code", *files).exit_code == 1
    assert run("diff", *files).exit_code == 0


def git(folder: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture()
def budget_repo(tmp_path: Path, maintained_data: dict[str, Any]) -> Path:
    """A real git repository with the maintained budget committed, then 行政运行 changed (预算03表 and 05表)."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "clerk@example.org")
    git(tmp_path, "config", "user.name", "Clerk")
    folder = tmp_path / "budgets" / "151-xigong-jiedao"
    folder.mkdir(parents=True)
    (folder / "2023.yaml").write_text(MAINTAINED.read_text(encoding="utf-8"), encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "2023 budget")
    text = (folder / "2023.yaml").read_text(encoding="utf-8")
    before = '{code: "2120101", name: 行政运行, total: 812.44'
    assert before in text
    (folder / "2023.yaml").write_text(text.replace(before, before.replace("812.44", "822.44")), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "行政运行 +10")
    return tmp_path


def test_diff_between_git_revisions(budget_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(budget_repo)
    path = "budgets/151-xigong-jiedao/2023.yaml"
    result = CliRunner().invoke(main, ["diff", f"HEAD~1:{path}", path])
    assert result.exit_code == 0, result.output
    assert f"HEAD~1:{path} → {path}" in result.output
    assert "revision of 2023" in result.output
    line = next(text for text in result.output.splitlines() if "2120101" in text)
    assert "812.44" in line and "822.44" in line and "+10.00" in line and "+1.23%" in line
    both = CliRunner().invoke(main, ["diff", f"HEAD~1:{path}", f"HEAD:{path}", "--format", "json"])
    changes = json.loads(both.output)["changes"]
    assert [(c["table"], c["line"]) for c in changes] == [("预算03表 部门支出预算表", "151 2120101 行政运行"),
                                                          ("预算05表 一般公共预算支出预算表", "151 2120101 行政运行")]


def test_bad_revision_is_a_clear_error(budget_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(budget_repo)
    path = "budgets/151-xigong-jiedao/2023.yaml"
    result = CliRunner().invoke(main, ["diff", f"no-such-rev:{path}", path])
    assert result.exit_code == 2
    assert f"cannot read no-such-rev:{path} from git" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    missing = CliRunner().invoke(main, ["diff", "HEAD:budgets/nothing.yaml", path])
    assert missing.exit_code == 2 and "from git" in missing.output
    nofile = CliRunner().invoke(main, ["diff", "no-such-file.yaml", path])
    assert nofile.exit_code == 2 and "no such file" in nofile.output


def test_a_side_that_is_not_a_budget_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("tables: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(broken), str(MAINTAINED)])
    assert result.exit_code == 2 and "cannot be read as a budget file" in result.output
    assert "Traceback" not in result.output


def test_the_published_example_against_the_maintained_budget(example_data: dict[str, Any],
                                                            maintained_data: dict[str, Any]) -> None:
    """The corrections documented in the maintained file are what the diff shows; the template rows
    without amounts that the maintained file leaves out are not differences."""
    result = diff_budgets(example_data, maintained_data)
    fiscal = {c.label: c for c in only(result, "fiscal_summary")}
    assert fiscal["支出 207 文化旅游体育与传媒支出"].status == "renamed"
    assert {f.label: (f.old, f.new) for f in fiscal["支出 207 文化旅游体育与传媒支出"].figures}["合计"] == (
        D("1.20"), D("4.22"))
    [economic] = only(result, "general_basic_economic")
    assert economic.status == "reclassified"
    assert not [c for c in result.changes if c.status == "removed" and not c.figures]


def test_dump_round_trip_keeps_the_data(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    # The tests above write budgets with conftest.dump; make sure that changes nothing by itself.
    path = tmp_path / "2023.yaml"
    path.write_text(dump(maintained_data), encoding="utf-8")
    assert run("diff", str(MAINTAINED), str(path)).output.rstrip().endswith("No differences.")


def test_lines_under_a_removed_project_are_counted_on_it(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    performance = new["tables"]["project_performance"]["units"][0]["rows"]
    gone = performance.pop(0)
    targets = sum(len(kind) for kind in gone["targets"].values())
    [change] = diff_budgets(maintained_data, new).changes
    assert (change.status, change.label) == ("removed", "151001 410303220000000006776 服务群众专项经费-公务用车运行维护费")
    assert change.lines_under == targets == 11


def test_a_revision_summary_lists_only_the_totals_that_changed(maintained_data: dict[str, Any]) -> None:
    new = copy.deepcopy(maintained_data)
    new["tables"]["three_public"]["totals"]["vehicle_operation"] = D("3.40")
    new["tables"]["three_public"]["totals"]["vehicles"] = D("3.40")
    new["tables"]["three_public"]["totals"]["total"] = D("3.40")
    result = diff_budgets(maintained_data, new)
    assert [(line.label, line.old, line.new, line.percent) for line in result.summary] == [
        ("“三公”经费合计", D("2.40"), D("3.40"), D("41.67")),
        ("公务用车购置及运行费", D("2.40"), D("3.40"), D("41.67")),
        ("其中：公务用车运行费", D("2.40"), D("3.40"), D("41.67"))]
