"""`budgetlint import OUT.xlsx` and `budgetlint export --with-findings` (issue 15, part 2).

A workbook written by `budgetlint export FILE --format xlsx` is read back by `budgetlint import`: for
every example and the maintained budget the round trip gives the same figures (no table line changed,
added or removed in `budgetlint diff`, and every amount equal at its place in the file); a cell edited
with openpyxl, as a clerk would in Excel, is the one change the import brings; a workbook of another
shape is refused with the sheet and cell named, exit code 2 and nothing written. `--with-findings`
puts a comment on exactly the cells the findings of `budgetlint check` are about.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLE, MAINTAINED, ROOT, load_data, write_budget

from budgetlint.diff import diff_budgets
from budgetlint.export import budget_lines, export_command, load_budget
from budgetlint.findings import parse_path
from budgetlint.importer import import_command
from budgetlint.lint import check_file
from budgetlint.loader import load_file

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed: pip install -e .")

EXAMPLES = ROOT / "examples"
ALL_FILES = sorted([*EXAMPLES.glob("*.yaml"), *(ROOT / "budgets").rglob("*.yaml")])
SHANGHAI = EXAMPLES / "putuo-wanli-jiedao-2025-as-published.yaml"
CENT = Decimal("0.01")


def export(*args: str | Path) -> Result:
    return CliRunner().invoke(export_command, [str(arg) for arg in args])


def import_(*args: str | Path) -> Result:
    return CliRunner().invoke(import_command, [str(arg) for arg in args])


def load(path: Path) -> dict[str, Any]:
    result = load_file(path)
    assert result.document is not None and not result.problems, result.problems
    data: dict[str, Any] = result.document.data
    return data


def at_path(data: Any, path: str | tuple[str | int, ...]) -> Any:
    """The node at a document path; None where the file has none."""
    for part in parse_path(path) if isinstance(path, str) else path:
        found = (isinstance(data, list) and isinstance(part, int) and part < len(data)
                 or isinstance(data, dict) and part in data)
        if not found:
            return None
        data = data[part]
    return data


def table_changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The table lines `budgetlint diff` reports, with their figures (old, new)."""
    return [(change.status, change.item.key, [(f.column, f.old, f.new) for f in change.figures],
             [(f.field, f.old, f.new) for f in change.fields])
            for change in diff_budgets(old, new).changes if change.item.key[0] == "tables"]


def workbook_of(path: Path, folder: Path, *options: str) -> Path:
    output = folder / f"{path.stem}.xlsx"
    result = export(path, "--format", "xlsx", "-o", output, *options)
    assert result.exit_code == 0, result.output
    return output


def read_back(workbook: Path, folder: Path) -> tuple[Result, Path]:
    output = folder / f"{workbook.stem}-read.yaml"
    return import_(workbook, "-o", output), output


def find_row(sheet: Any, *cells: Any) -> int:
    """The row whose first cells read `cells` (codes of a line, a label; None for a blank cell)."""
    for row in sheet.iter_rows():
        if tuple(cell.value for cell in row[: len(cells)]) == cells:
            return int(row[0].row)
    raise LookupError(cells)


def find_column(sheet: Any, header: str) -> int:
    """The column of a header cell printed once in the sheet."""
    hits = [cell.column for row in sheet.iter_rows() for cell in row if cell.value == header]
    assert len(hits) == 1, (header, hits)
    return int(hits[0])


# ---------------------------------------------------------------------------------------------------
# The round trip


@pytest.fixture(scope="module")
def round_trips(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[Path, tuple[Result, Path]]]:
    """Each file exported to a workbook and read back once."""
    folder = tmp_path_factory.mktemp("round-trip")
    yield {path: read_back(workbook_of(path, folder), folder) for path in ALL_FILES}


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda path: path.stem)
def test_the_round_trip_gives_the_same_figures(round_trips: dict[Path, tuple[Result, Path]], path: Path) -> None:
    result, output = round_trips[path]
    assert result.exit_code == 0, result.output
    original, read = load(path), load(output)
    assert table_changes(original, read) == []
    # Every figure of every table, at its place in the file, as a Decimal to the cent the cells show.
    for line in budget_lines(load_budget(path, ()), str(path)):
        value = at_path(read, line.path)
        assert isinstance(value, Decimal) and value == line.amount, line.path
        assert value.as_tuple().exponent == -2, line.path
    assert (read["layout"], read["fiscal_year"], read["amount_unit"]) == \
        (original["layout"], original["fiscal_year"], original["amount_unit"])
    assert read["department"]["name"] == original["department"]["name"]
    assert f"{len(original['tables'])} of {len(original['tables'])} tables" in result.stderr


def test_codes_and_names_come_back_as_text(round_trips: dict[Path, tuple[Result, Path]]) -> None:
    tables = load(round_trips[EXAMPLE][1])["tables"]
    rows = tables["expenditure"]["units"][0]["rows"]
    assert rows[0] == {"code": "2013202", "name": "一般行政管理事务", "total": Decimal("3.00"),
                       "project": Decimal("3.00"), "project_targeted": Decimal("3.00")}
    # 预算11表 prints neither a project's code nor its unit's code: the hidden budgetlint column keeps them.
    project = tables["projects"]["units"][0]["rows"][0]
    assert (project["code"], project["type"], project["unit"]) == ("410303230000000018713", "特定目标类", "151001")
    # 预算07表 names its unit without the code; 预算04表 prints 类 by ordinal, the code is the layout's.
    assert tables["economic_summary"]["units"][0]["unit"] == "151"
    assert tables["fiscal_summary"]["expenditure"]["rows"][6]["name"] == "文化体育旅游与传媒支出"  # as published
    assert tables["project_performance"]["units"][0]["rows"][0]["targets"]["cost"][1] == {"name": "总成本",
                                                                                          "value": "≤2.4万元"}
    shanghai = load(round_trips[SHANGHAI][1])["tables"]
    assert [row["code"] for row in shanghai["general_basic_economic"]["rows"][:2]] == ["301", "30101"]  # 类 | 款
    assert shanghai["three_public"]["amount_unit"] == "万元"  # 表9 is printed in 万元, the file in 元


def test_a_class_row_printed_under_another_name_reads_back(tmp_path: Path) -> None:
    """表1 numbers its 类 rows consecutively, so a 类 whose printed name is not the layout's (the mistake
    C104 reports) is known by the code the hidden column gives, not by its name."""
    data = load_data(SHANGHAI)
    data["tables"]["summary"]["expenditure"][0]["name"] = "一般公共服务"
    source = write_budget(tmp_path, data, "2025.yaml")
    result, output = read_back(workbook_of(source, tmp_path, "--with-findings"), tmp_path)
    assert result.exit_code == 0, result.output
    assert table_changes(data, load(output)) == []
    assert load(output)["tables"]["summary"]["expenditure"][0] == data["tables"]["summary"]["expenditure"][0]


def test_the_workbook_carries_its_budget_in_a_hidden_column(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(workbook_of(EXAMPLE, tmp_path))
    sheet = book["预算11表"]
    meta = [cell for cell in sheet[1] if isinstance(cell.value, str) and cell.value.startswith('{"budgetlint"')]
    assert len(meta) == 1
    assert sheet.column_dimensions[meta[0].column_letter].hidden
    described = json.loads(meta[0].value)
    assert described["table"] == "projects" and described["file"]["layout"] == "henan-2023"
    assert described["department"]["units"] == [{"code": "151001", "name": "洛阳市西工区西工街道办事处", "kind": "行政单位"}]
    assert book.sheetnames == [f"预算{number:02d}表" for number in range(1, 14)]  # no sheet added


# ---------------------------------------------------------------------------------------------------
# Edits made in the workbook


def test_an_edited_amount_is_the_one_change(tmp_path: Path) -> None:
    workbook = workbook_of(EXAMPLE, tmp_path)
    book = openpyxl.load_workbook(workbook)
    sheet = book["预算03表"]
    cell = sheet.cell(row=find_row(sheet, "212", "01", "01"), column=find_column(sheet, "工资福利支出"))
    assert cell.value == 755.85
    cell.value = 800.004  # shown as 800.00 by the cell's format, so read as 800.00
    book.save(workbook)
    result, output = read_back(workbook, tmp_path)
    assert result.exit_code == 0, result.output
    assert table_changes(load(EXAMPLE), load(output)) == [
        ("changed", ("tables", "expenditure", "units", "151", "rows", "2120101"),
         [(("personnel_wages",), Decimal("755.85"), Decimal("800.00"))], [])]


def test_an_edited_name_in_a_shanghai_table_is_the_one_change(tmp_path: Path) -> None:
    workbook = workbook_of(SHANGHAI, tmp_path)
    book = openpyxl.load_workbook(workbook)
    sheet = book["表3"]
    cell = sheet.cell(row=find_row(sheet, "212", "01", "01"), column=find_column(sheet, "功能分类科目名称"))
    old = cell.value
    cell.value = "行政运行（改）"
    figure = sheet.cell(row=cell.row, column=cell.column + 1)
    figure.value = figure.value + 0.1 + 0.2  # binary noise Excel would show as .30: read as exactly +0.30
    book.save(workbook)
    result, output = read_back(workbook, tmp_path)
    assert result.exit_code == 0, result.output
    original = load(SHANGHAI)
    row = next(row for row in original["tables"]["expenditure"]["rows"] if row["code"] == "2120101")
    assert table_changes(original, load(output)) == [
        ("renamed", ("tables", "expenditure", "rows", "2120101"),
         [(("total",), row["total"], row["total"] + Decimal("0.30"))], [("name", old, "行政运行（改）")])]


def test_a_workbook_with_findings_reads_back_the_same(tmp_path: Path) -> None:
    result, output = read_back(workbook_of(EXAMPLE, tmp_path, "--with-findings"), tmp_path)
    assert result.exit_code == 0, result.output
    assert table_changes(load(EXAMPLE), load(output)) == []


# ---------------------------------------------------------------------------------------------------
# Workbooks of another shape: exit 2, the sheet and cell named, nothing written


def refused(workbook: Path, tmp_path: Path, *messages: str) -> None:
    output = tmp_path / "out.yaml"
    result = import_(workbook, "-o", output)
    assert result.exit_code == 2, result.output
    for message in messages:
        assert message in result.stderr
    assert "Traceback" not in result.output
    assert not output.exists()


def edited(tmp_path: Path, edit: Any, source: Path = EXAMPLE) -> Path:
    workbook = workbook_of(source, tmp_path)
    book = openpyxl.load_workbook(workbook)
    edit(book)
    book.save(workbook)
    return workbook


def test_a_missing_sheet(tmp_path: Path) -> None:
    workbook = edited(tmp_path, lambda book: book.remove(book["预算05表"]))
    refused(workbook, tmp_path, "sheet 预算05表: missing", "一般公共预算支出预算表")


def test_a_changed_header(tmp_path: Path) -> None:
    def edit(book: Any) -> None:
        sheet = book["预算03表"]
        (cell,) = [cell for row in sheet.iter_rows() for cell in row if cell.value == "基本支出"]
        cell.value = "基础支出"
        assert cell.coordinate == "G3"

    refused(edited(tmp_path, edit), tmp_path, "预算03表!G3: the header reads `基础支出`", "prints `基本支出`")


def test_a_text_where_an_amount_is_expected(tmp_path: Path) -> None:
    def edit(book: Any) -> None:
        sheet = book["预算03表"]
        sheet.cell(row=find_row(sheet, "212", "01", "01"), column=find_column(sheet, "工资福利支出")).value = "约756"

    workbook = edited(tmp_path, edit)
    sheet = openpyxl.load_workbook(workbook)["预算03表"]
    cell = sheet.cell(row=find_row(sheet, "212", "01", "01"), column=find_column(sheet, "工资福利支出")).coordinate
    refused(workbook, tmp_path, f"预算03表!{cell}: `约756` is not an amount")


def test_a_code_typed_as_a_number_that_lost_its_leading_zero(tmp_path: Path) -> None:
    def edit(book: Any) -> None:
        sheet = book["预算03表"]
        sheet.cell(row=find_row(sheet, "212", "01", "01"), column=2).value = 1

    refused(edited(tmp_path, edit), tmp_path, "预算03表!B", "the code `1` is a number")


def test_a_sheet_of_another_budget(tmp_path: Path) -> None:
    def edit(book: Any) -> None:
        for cell in book["表4"][1]:
            if isinstance(cell.value, str) and cell.value.startswith('{"budgetlint"'):
                meta = json.loads(cell.value)
                meta["file"]["fiscal_year"] = 2024
                cell.value = json.dumps(meta, ensure_ascii=False)

    refused(edited(tmp_path, edit, SHANGHAI), tmp_path, "表4!", "is of another budget", "2024")


def test_a_workbook_not_written_by_budgetlint(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["科目编码", "合计"])
    workbook = tmp_path / "mine.xlsx"
    book.save(workbook)
    refused(workbook, tmp_path, "no sheet carries budgetlint's hidden column")
    (tmp_path / "broken.xlsx").write_text("not a zip", encoding="utf-8")
    refused(tmp_path / "broken.xlsx", tmp_path, "cannot be read as an xlsx workbook")


def test_a_layout_other_than_the_workbooks_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "out.yaml"
    result = import_(workbook_of(EXAMPLE, tmp_path), "--layout", "shanghai-2025", "-o", output)
    assert result.exit_code == 2 and "a workbook of layout henan-2023, not shanghai-2025" in result.stderr
    assert not output.exists()


def test_an_existing_output_is_kept_unless_force(tmp_path: Path) -> None:
    workbook = workbook_of(MAINTAINED, tmp_path)
    output = tmp_path / "2023.yaml"
    output.write_text("# a clerk's work\n", encoding="utf-8")
    result = import_(workbook, "-o", output)
    assert result.exit_code == 2 and "exists; use --force" in result.stderr
    assert output.read_text(encoding="utf-8") == "# a clerk's work\n"
    assert import_(workbook, "-o", output, "--force").exit_code == 0
    assert table_changes(load(MAINTAINED), load(output)) == []


# ---------------------------------------------------------------------------------------------------
# --with-findings


def shows(value: Any, node: Any, line: Any) -> bool:
    """Whether a cell showing `value` is the cell of a finding about `node` (on the line `line`)."""
    if isinstance(node, Decimal):
        return isinstance(value, (int, float)) and Decimal(repr(value)).quantize(CENT) == node
    if node is None:  # a figure the file leaves out: its blank cell
        return value is None
    if isinstance(node, dict):  # a whole line: its first cell, its code or its name
        return value in (node.get("code"), node.get("name"))
    if isinstance(value, str) and node.startswith(value):  # a code, or its first piece (类)
        return True
    # a name, or a field the form does not print (a 类's code in 预算01表): the line's label shows its name
    return isinstance(value, str) and isinstance(line, dict) and value.endswith(str(line.get("name")))


def test_with_findings_marks_exactly_the_cells_of_the_findings(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(workbook_of(EXAMPLE, tmp_path, "--with-findings"))
    findings = check_file(EXAMPLE)
    in_tables = [finding for finding in findings if finding.path.startswith("tables.")]
    assert len(in_tables) == 20  # 预算01–13表 (README: 19 errors, 3 warnings; 2 are in the narrative)
    listed = list(book["findings"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1], row[2], row[4]) for row in listed] == \
        [(f.rule, f.severity, f.message, f.path) for f in findings]
    cells = {f.path: row[3] for f, row in zip(findings, listed)}
    assert all(cells[f.path] for f in in_tables)  # every finding in a table has its cell
    assert not any(cells[f.path] for f in findings if f not in in_tables)
    commented = {f"{sheet.title}!{cell.coordinate}": cell.comment.text
                 for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.comment}
    assert set(commented) == {cells[f.path] for f in in_tables}
    data = load(EXAMPLE)
    for finding in in_tables:
        sheet, coordinate = cells[finding.path].split("!")
        assert f"{finding.rule} {finding.severity}: {finding.message}" in commented[cells[finding.path]]
        parts = parse_path(finding.path)
        indices = [index for index, part in enumerate(parts) if isinstance(part, int)]
        line = at_path(data, parts[: indices[-1] + 1]) if indices else None  # the row the finding is in
        node = at_path(data, finding.path)
        assert shows(book[sheet][coordinate].value, node, line), (finding.path, book[sheet][coordinate].value)


def test_with_findings_puts_a_figure_finding_on_its_figure(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(workbook_of(EXAMPLE, tmp_path, "--with-findings"))
    sheet = book["预算04表"]
    row = find_row(sheet, None, None, "二、年终结转结余")
    cell = sheet.cell(row=row, column=4)  # 支出 合计
    assert cell.value == 13.02 and cell.comment.text.startswith("A306 error: 预算04表 年终结转结余 13.02")
    # 201 prints no 一般公共预算 figure in 预算04表: the finding about it is on that blank cell.
    blank = sheet.cell(row=find_row(sheet, "一、本年收入", 1896.05, "一、本年支出") + 1, column=5)
    assert sheet.cell(row=blank.row, column=3).value == "（一）一般公共服务支出"
    assert blank.value is None and blank.comment.text.startswith("A304 error: 预算04表 类 201")


def test_with_findings_needs_a_workbook(tmp_path: Path) -> None:
    result = export(EXAMPLE, "--format", "csv", "-o", tmp_path / "out", "--with-findings")
    assert result.exit_code == 2 and "--format xlsx" in result.output
