"""`budgetlint export`: the tidy CSV (loaded into the real DuckDB), the same table as Parquet (when
pyarrow is installed) and the xlsx workbook (read back with openpyxl), on every example and maintained
budget, compared figure by figure with the YAML."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from budgetlint.render.layout import build_header, header_of
from click.testing import CliRunner, Result
from conftest import MAINTAINED, ROOT, load_data, write_budget

from budgetlint.export import (
    AMOUNT_FORMAT,
    CSV_NAME,
    DESCRIPTOR_NAME,
    FIELDS,
    PARQUET_NAME,
    _excel_number,
    export_command,
)
from budgetlint.findings import parse_path
from budgetlint.layout import layout_for
from budgetlint.loader import load_file

EXAMPLES = ROOT / "examples"
BUDGETS = ROOT / "budgets"
ALL_FILES = sorted([*EXAMPLES.glob("*.yaml"), *BUDGETS.rglob("*.yaml")])
CENT = Decimal("0.01")
# DuckDB types for the Table Schema types of datapackage.json; amounts as exact decimals, never DOUBLE.
DUCKDB_TYPES = {"string": "VARCHAR", "integer": "INTEGER", "number": "DECIMAL(18,2)"}


def export(*args: str | Path) -> Result:
    return CliRunner().invoke(export_command, [str(arg) for arg in args])


def load(path: Path) -> dict[str, Any]:
    result = load_file(path)
    assert result.document is not None, result.problems
    data: dict[str, Any] = result.document.data
    return data


def figures(node: Any) -> list[Decimal]:
    """Every amount under a node of a loaded file, found without budgetlint's walker (an oracle)."""
    if isinstance(node, dict):
        return [value for child in node.values() for value in figures(child)]
    if isinstance(node, list):
        return [value for child in node for value in figures(child)]
    if isinstance(node, Decimal) or isinstance(node, int) and not isinstance(node, bool):
        return [Decimal(node)]
    return []


def at_path(data: Any, path: str) -> Any:
    for part in parse_path(path):
        data = data[part]
    return data


# ---------------------------------------------------------------- CSV


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """budget_lines.csv and datapackage.json of every example and maintained budget."""
    folder = tmp_path_factory.mktemp("export") / "lines"
    result = export(EXAMPLES, BUDGETS, "--format", "csv", "-o", folder)
    assert result.exit_code == 0, result.output
    assert f"from {len(ALL_FILES)} files" in result.output
    return folder


@pytest.fixture(scope="module")
def lines(exported: Path) -> Any:
    """budget_lines.csv loaded into DuckDB in one statement, with the column types datapackage.json gives."""
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed: pip install -e '.[test]'")
    fields = json.loads((exported / DESCRIPTOR_NAME).read_text(encoding="utf-8"))["resources"][0]["schema"]["fields"]
    columns = ", ".join(f"'{field['name']}': '{DUCKDB_TYPES[field['type']]}'" for field in fields)
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE lines AS SELECT * FROM read_csv('{exported / CSV_NAME}', header = true, "
                       f"columns = {{{columns}}})")
    return connection


def test_amounts_are_read_as_decimal(lines: Any) -> None:
    types = dict(lines.execute("SELECT column_name, column_type FROM (DESCRIBE lines)").fetchall())
    assert types["amount"] == "DECIMAL(18,2)"
    assert types["code"] == "VARCHAR" and types["department_code"] == "VARCHAR"  # leading zeros kept
    assert isinstance(lines.execute("SELECT amount FROM lines LIMIT 1").fetchone()[0], Decimal)


def test_the_statement_in_the_docs_reads_the_same(lines: Any, exported: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed: pip install -e '.[test]'")
    documented = duckdb.connect()
    documented.execute(f"""CREATE TABLE lines AS SELECT * FROM read_csv('{exported / CSV_NAME}', all_varchar = true,
        types = {{'amount': 'DECIMAL(18,2)', 'fiscal_year': 'INTEGER'}})""")
    query = "SELECT * FROM lines ORDER BY file, path"
    assert documented.execute(query).fetchall() == lines.execute(query).fetchall()


def test_every_figure_of_every_table_is_one_line(lines: Any) -> None:
    counts = dict(lines.execute("SELECT file, count(*) FROM lines GROUP BY file").fetchall())
    assert counts == {str(path): len(figures(load(path).get("tables"))) for path in ALL_FILES}
    duplicates = lines.execute("SELECT file, path FROM lines GROUP BY file, path HAVING count(*) > 1").fetchall()
    assert duplicates == []


def test_every_amount_round_trips_by_path(lines: Any, exported: Path) -> None:
    data = {str(path): load(path) for path in ALL_FILES}
    rows = lines.execute("SELECT file, path, amount, amount_unit, table_key FROM lines").fetchall()
    for file, path, amount, unit, table in rows:
        value = at_path(data[file], path)
        assert amount == value, (file, path)
        assert path.startswith(f"tables.{table}.")
        assert unit in ("元", "万元")
    with (exported / CSV_NAME).open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            # The text itself is the file's Decimal, digit for digit (3.00 stays 3.00, 189767551 stays whole).
            value = at_path(data[row["file"]], row["path"])
            assert row["amount"] == (format(value, "f") if isinstance(value, Decimal) else str(value))


def test_expenditure_rows_of_the_summary_add_up_to_its_expenditure_total(lines: Any) -> None:
    # 支出总计 = the 类 rows (本年支出合计) + 年终结转结余; the carry-over is 0.00 or not printed in the
    # 预算 examples and 55.34万元 in the 2024 决算 of 财政局.
    sums = dict(lines.execute("""
        SELECT file, sum(amount) FROM lines
        WHERE table_key = 'summary'
          AND (path LIKE 'tables.summary.expenditure[%].amount' OR path = 'tables.summary.carryover_out')
        GROUP BY file""").fetchall())
    assert set(sums) == {str(path) for path in ALL_FILES}
    for path in ALL_FILES:
        summary = load(path)["tables"]["summary"]
        total = summary["expenditure_total"]
        stated = total["amount"] if isinstance(total, dict) else total
        assert sums[str(path)] == stated, path
    henan_and_shanghai = {row[0] for row in lines.execute("SELECT DISTINCT layout FROM lines").fetchall()}
    assert {"henan-2023", "shanghai-2025", "shanghai-2025-unit", "shanghai-2024-juesuan"} <= henan_and_shanghai


def test_row_lines_add_up_to_the_totals_without_counting_twice(lines: Any) -> None:
    # In the maintained budget every sum holds: the `row` lines of a grid table and column (类/款
    # subtotals and unit rows left out) add up to its 合计.
    gaps = lines.execute("""
        SELECT table_key, column_key,
               sum(amount) FILTER (WHERE line_kind = 'row') AS rows,
               sum(amount) FILTER (WHERE path = 'tables.' || table_key || '.totals.' || column_key) AS total
        FROM lines WHERE file = ? AND table_key IN ('expenditure', 'general_expenditure', 'economic_summary',
                                                  'projects', 'revenue', 'general_basic_economic')
        GROUP BY table_key, column_key HAVING total IS NOT NULL AND rows IS DISTINCT FROM total""",
                         [str(MAINTAINED)]).fetchall()
    assert gaps == []
    kinds = dict(lines.execute("SELECT line_kind, count(*) FROM lines WHERE file = ? GROUP BY line_kind",
                               [str(MAINTAINED)]).fetchall())
    assert set(kinds) == {"total", "unit", "row"}


def test_lines_carry_the_layouts_labels(lines: Any) -> None:
    row = lines.execute("""
        SELECT table_label, table_title, unit_code, name, line_kind, column_label, amount, amount_unit, department,
               fiscal_year, document_kind
        FROM lines WHERE file LIKE '%xigong-2023-as-published.yaml' AND path = 'tables.expenditure.units[0].rows[6].basic'
        """).fetchone()
    assert row == ("预算03表", "部门支出预算表", "151", "行政运行", "row", "基本支出 小计", Decimal("812.44"), "万元",
                   "洛阳市西工区西工街道办事处", 2023, "部门预算")
    shanghai = lines.execute("""
        SELECT table_label, code, line_kind, column_label, amount, amount_unit FROM lines
        WHERE file LIKE '%putuo-wanli-jiedao-2025%' AND table_key = 'revenue_function' AND code = '21201'
          AND column_key = 'total'""").fetchone()
    assert shanghai == ("表2", "21201", "subtotal", "合计", Decimal(94995790), "元")
    three_public = lines.execute("""
        SELECT column_key, amount_unit FROM lines WHERE file LIKE '%putuo-wanli-jiedao-2025%'
        AND table_key = 'three_public' AND column_key = 'operating_expenses'""").fetchone()
    assert three_public == ("operating_expenses", "万元")  # 表9 is printed in 万元, the rest in 元


def test_the_descriptor_describes_every_field(exported: Path) -> None:
    package = json.loads((exported / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    (resource,) = package["resources"]
    assert resource["path"] == CSV_NAME and resource["profile"] == "tabular-data-resource"
    fields = resource["schema"]["fields"]
    with (exported / CSV_NAME).open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    assert [field["name"] for field in fields] == header == [field.name for field in FIELDS]
    for field in fields:
        assert field["type"] in ("string", "integer", "number")
        description = field["description"]
        assert any("\u4e00" <= char <= "\u9fff" for char in description), field["name"]  # 中文
        assert any(char.isascii() and char.isalpha() for char in description), field["name"]  # English
    amount = next(field for field in fields if field["name"] == "amount")
    assert amount["type"] == "number" and amount["bareNumber"] is True
    assert "exact decimal text" in amount["description"]


def test_an_unreadable_file_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("tables: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    result = export(MAINTAINED, bad, "--format", "csv", "-o", out)
    assert result.exit_code == 2
    assert f"cannot load {bad}" in result.output
    assert not out.exists()  # not even the folder it would have made


def test_existing_outputs_are_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / CSV_NAME).write_text("mine\n", encoding="utf-8")
    result = export(MAINTAINED, "-o", out)
    assert result.exit_code == 2 and "--force" in result.output
    assert (out / CSV_NAME).read_text(encoding="utf-8") == "mine\n"
    assert sorted(path.name for path in out.iterdir()) == [CSV_NAME]
    assert export(MAINTAINED, "-o", out, "--force").exit_code == 0
    assert (out / CSV_NAME).read_text(encoding="utf-8").startswith("file,department_code,")


def test_usage_errors(tmp_path: Path) -> None:
    assert export(tmp_path / "missing.yaml", "-o", tmp_path / "out").exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = export(empty, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "no budget files" in result.output
    result = export(EXAMPLES, "--format", "xlsx", "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "one budget file" in result.output
    assert not (tmp_path / "x.xlsx").exists()


# ---------------------------------------------------------------- Parquet


@pytest.fixture(scope="module")
def parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """budget_lines.parquet and datapackage.json of every example and maintained budget."""
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'budgetlint[parquet]'): "
                                          "the Parquet export is not tested")
    folder = tmp_path_factory.mktemp("export") / "parquet"
    result = export(EXAMPLES, BUDGETS, "--format", "parquet", "-o", folder)
    assert result.exit_code == 0, result.output
    assert f"from {len(ALL_FILES)} files to {folder / PARQUET_NAME}" in result.output
    return folder


def test_parquet_holds_the_csv_table_with_exact_amounts(parquet: Path, lines: Any) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed: pip install -e '.[test]'")
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE parquet AS SELECT * FROM read_parquet('{parquet / PARQUET_NAME}')")
    types = dict(connection.execute("SELECT column_name, column_type FROM (DESCRIBE parquet)").fetchall())
    assert types["amount"] == "DECIMAL(18,2)" and types["fiscal_year"] == "INTEGER" and types["code"] == "VARCHAR"
    query = "SELECT * FROM {} ORDER BY file, path"
    assert connection.execute(query.format("parquet")).fetchall() == lines.execute(query.format("lines")).fetchall()


def test_parquet_sums_back_to_each_files_expenditure_total(parquet: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed: pip install -e '.[test]'")
    sums = dict(duckdb.sql(f"""
        SELECT file, sum(amount) FROM read_parquet('{parquet / PARQUET_NAME}')
        WHERE table_key = 'summary'
          AND (path LIKE 'tables.summary.expenditure[%].amount' OR path = 'tables.summary.carryover_out')
        GROUP BY file""").fetchall())
    for path in ALL_FILES:
        total = load(path)["tables"]["summary"]["expenditure_total"]
        assert sums[str(path)] == (total["amount"] if isinstance(total, dict) else total), path


def test_the_descriptor_lists_the_parquet_file(parquet: Path) -> None:
    package = json.loads((parquet / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    (resource,) = package["resources"]
    assert (resource["path"], resource["format"]) == (PARQUET_NAME, "parquet")
    assert [field["name"] for field in resource["schema"]["fields"]] == [field.name for field in FIELDS]
    assert "decimal128(18,2)" in resource["description"]
    assert sorted(path.name for path in parquet.iterdir()) == sorted([DESCRIPTOR_NAME, PARQUET_NAME])


def test_parquet_without_pyarrow_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # what `import pyarrow` meets where it is not installed
    out = tmp_path / "out"
    result = export(MAINTAINED, "--format", "parquet", "-o", out)
    assert result.exit_code == 2
    assert "pip install 'budgetlint[parquet]'" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_an_amount_parquet_cannot_hold_exactly_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="pyarrow is not installed: the Parquet export is not tested")
    data = load_data(MAINTAINED)
    data["tables"]["three_public"]["totals"]["total"] = Decimal("2.405")
    source = write_budget(tmp_path, data)
    out = tmp_path / "out"
    result = export(source, "--format", "parquet", "-o", out)
    assert result.exit_code == 2
    assert "tables.three_public.totals.total is 2.405" in result.output and "does not round" in result.output
    assert not out.exists()


# ---------------------------------------------------------------- xlsx


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda path: path.stem)
def test_xlsx_prints_each_table_as_the_layout_does(path: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed: pip install -e .")
    output = tmp_path / "budget.xlsx"
    result = export(path, "--format", "xlsx", "-o", output)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(output)
    data = load(path)
    layout = layout_for(data)
    assert book.sheetnames == [spec.label for spec in layout.tables.values()]
    for spec in layout.tables.values():
        sheet = book[spec.label]
        title = (data["tables"].get(spec.key) or {}).get("title") or spec.title
        assert title in sheet.cell(row=1, column=1).value  # the printed title line: 2023年部门支出预算表
        merged = {(sheet.cell(row=r.min_row, column=r.min_col).value, r.max_col - r.min_col + 1,
                   r.max_row - r.min_row + 1) for r in sheet.merged_cells.ranges}
        header_rows, _, _ = build_header(header_of(spec.raw))
        for cell in (cell for row in header_rows for cell in row):
            if cell.colspan > 1 or cell.rowspan > 1:  # a header node with children, or a leaf over levels
                assert (cell.text, cell.colspan, cell.rowspan) in merged, (spec.label, cell.text)
        numbers = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, (int, float))]
        assert all(cell.number_format == AMOUNT_FORMAT for cell in numbers)
        read_back = Counter(Decimal(repr(cell.value)).quantize(CENT) for cell in numbers)
        expected = Counter(value.quantize(CENT) for value in figures(data["tables"].get(spec.key)))
        assert read_back == expected, spec.label


def test_xlsx_keeps_codes_as_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed: pip install -e .")
    output = tmp_path / "x.xlsx"
    assert export(EXAMPLES / "xigong-2023-as-published.yaml", "-o", output).exit_code == 0
    rows = [row for row in openpyxl.load_workbook(output)["预算03表"].iter_rows(values_only=True)]
    assert ("201", "32", "02", None, "一般行政管理事务") in [row[:5] for row in rows]  # 类 款 项, as printed


def test_xlsx_marks_totals_the_file_leaves_out(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed: pip install -e .")
    data = load_data(MAINTAINED)
    stated = data["tables"]["general_expenditure"].pop("totals")
    source = write_budget(tmp_path, data)
    output = tmp_path / "out.xlsx"
    assert export(source, "-o", output).exit_code == 0
    sheet = openpyxl.load_workbook(output)["预算05表"]
    totals = next(row for row in sheet.iter_rows() if row[0].value == "合计")
    amounts = [cell for cell in totals if isinstance(cell.value, (int, float))]
    assert amounts and all(cell.font.i for cell in amounts)  # computed: italic, as render shows it
    assert Decimal(repr(amounts[0].value)).quantize(CENT) == stated["total"]


def test_xlsx_refuses_to_overwrite(tmp_path: Path) -> None:
    output = tmp_path / "x.xlsx"
    output.write_bytes(b"mine")
    result = export(MAINTAINED, "-o", output)
    assert result.exit_code == 2 and "--force" in result.output
    assert output.read_bytes() == b"mine"
    assert export(MAINTAINED, "-o", output, "--force").exit_code == 0
    assert output.read_bytes()[:2] == b"PK"  # a workbook is a zip file
    assert export(MAINTAINED, "--format", "xlsx", "-o", MAINTAINED, "--force").exit_code == 2


def test_an_amount_a_float_cannot_hold_to_the_cent_is_written_as_text() -> None:
    assert _excel_number(Decimal("91016775.35")) == 91016775.35
    assert _excel_number(Decimal("999999999999999.99")) == "999999999999999.99"
