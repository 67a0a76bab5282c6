"""`budgetlint export`: budget lines as a tidy CSV for analysis, or one budget's tables as a workbook.

- `--format csv -o DIR` writes `DIR/budget_lines.csv`, one row per figure of every table of every file
  given (department, year, layout, table, line, column, amount as exact decimal text, its unit and
  where it stands in the file), and `DIR/datapackage.json`, a Frictionless Tabular Data Package that
  describes each field, so a city's budgets load into DuckDB or pandas in one statement.
- `--format parquet -o DIR` writes the same table as `DIR/budget_lines.parquet` (amounts as
  decimal128(18,2): exact, never a float), described by `DIR/datapackage.json`; it needs pyarrow, the
  optional extra `budgetlint[parquet]`.
- `--format xlsx -o OUT.xlsx` writes one file's tables as its layout prints them: a sheet per table
  named by its printed label, the title, the header cells merged as printed, amounts as numbers, and
  beside each table a hidden column with what `budgetlint import OUT.xlsx` needs to read it back.
  `--with-findings` adds a findings sheet and a comment on each cell that has a finding.

The walk over a budget is `items.budget_items` (the one diff and textconv use); labels, titles and
units come from the file's layout; the printed form of the workbook is render's layout model, placed
where `workbook.table_shapes` says (the description the import reads the workbook back by). Amounts
stay `Decimal` until the one place where openpyxl needs a float (`_excel_number`).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

import click

from .config import Config, ConfigError, find_config, load_config
from .findings import EXIT_USAGE, DocPath, Finding, format_path
from .help import BudgetlintCommand
from .items import WORDS, _identity, budget_items, column_text
from .layout import Layout, _header_columns
from .lint import BUDGET_SUFFIXES, RULES_BY_ID, UsageError, check_file, discover
from .loader import load_file
from .messages import current_language, in_language, say, tr
from .model import CENT, Budget
from .report import emit
from .tables import parent_codes
from .workbook import (
    ReadBack,
    TableShape,
    WorkbookError,
    place,
    read_book,
    row_keys,
    sheet_meta,
    table_shapes,
)

CSV_NAME = "budget_lines.csv"
PARQUET_NAME = "budget_lines.parquet"
DESCRIPTOR_NAME = "datapackage.json"
FORMATS = ("csv", "parquet", "xlsx")
PARQUET_EXTRA = "pip install 'budgetlint[parquet]'"
# decimal128(18, 2): every amount to the cent below 10^16, as DuckDB's DECIMAL(18,2) reads the CSV
PARQUET_PRECISION, PARQUET_SCALE = 18, 2
AMOUNT_FORMAT = "#,##0.00"


class ExportError(Exception):
    """What stops an export before anything is written: a file that cannot be read, an output in the way."""


# ---------------------------------------------------------------- the fields of budget_lines.csv


@dataclass(frozen=True)
class Field:
    """One column of budget_lines.csv, as datapackage.json describes it."""

    name: str
    type: str  # a Frictionless Table Schema type: string, integer, number
    title: str
    description: str


FIELDS: tuple[Field, ...] = (
    Field("file", "string", "文件 file",
          "预算文件的路径（命令行所给）。The budget file, as named on the command line or found in a folder."),
    Field("department_code", "string", "部门代码 department code",
          "部门代码（文本，保留前导零）。The department's code, as text (leading zeros kept)."),
    Field("department", "string", "部门名称 department", "部门全称，如封面所印。The department's name as printed."),
    Field("fiscal_year", "integer", "预算年度 fiscal year", "预算（决算）年度。The fiscal year."),
    Field("layout", "string", "版式 layout",
          "公开版式名称，如 henan-2023、shanghai-2025。The layout of the disclosure (docs/layouts.md)."),
    Field("document_kind", "string", "文件类别 document kind",
          "部门预算、单位预算或部门决算：同一年的预算与决算不要相加。The kind of document (部门预算, 单位预算, "
          "部门决算): never add a 预算 and a 决算 of the same year."),
    Field("table_key", "string", "表（按含义） table key",
          "表的含义键，如 expenditure、summary（docs/format.md）。The table's key by meaning, the same in every "
          "layout."),
    Field("table_label", "string", "表号 table label",
          "版式印制的表号，如 预算03表、表3。The table's number as the layout prints it."),
    Field("table_title", "string", "表名 table title", "版式印制的表名，如 部门支出预算表。The table's printed title."),
    Field("unit_code", "string", "预算单位代码 budget unit",
          "该行所属预算单位的代码（按单位分列的表）；否则为空。The code of the budget unit the line belongs to, "
          "in tables with unit subtotals; empty otherwise."),
    Field("code", "string", "代码 code",
          "功能分类、经济分类或项目代码，收支总表收入行为来源键（如 general_budget）；合计行为空。The functional, "
          "economic or project code of the line (the source key of a revenue line); empty for totals."),
    Field("name", "string", "名称 name",
          "行名称，如所印（含印错之处）；合计行为“合计”。The line's name as printed (mistakes included); 合计 for "
          "a totals row."),
    Field("line_kind", "string", "行类别 line kind",
          "total：合计及收支总计等；unit：单位小计行；subtotal：其下还有行的类/款行或父行（如 财政拨款收入）；"
          "row：其余各行。对某表某列，row 行之和不重复计算。total: a 合计 row or closing figure; unit: a unit's "
          "subtotal row; subtotal: a row with other rows of the table under it (a 类/款 row, a parent source); "
          "row: every other line. Summing the `row` lines of one table and column counts nothing twice."),
    Field("column_key", "string", "列（按含义） column key",
          "金额列的键，分组以点连接，如 basic、this_year.general_budget。The amount column's key, groups joined "
          "with dots."),
    Field("column_label", "string", "列名 column label",
          "版式表头所印的列名，如 基本支出 小计。The column's header as the layout prints it."),
    Field("amount", "number", "金额 amount",
          "金额，精确十进制文本（如 1909.07），从不经过二进制浮点；请读为 DECIMAL(18,2)，而非 DOUBLE。The "
          "amount as exact decimal text, never through binary floating point: read it as DECIMAL(18,2), "
          "not as a float."),
    Field("amount_unit", "string", "金额单位 amount unit",
          "该表的金额单位：元 或 万元（上海表9为万元）。The unit of the table's amounts, 元 or 万元."),
    Field("path", "string", "文件中的位置 path",
          "该金额在预算文件中的位置，与 budgetlint check 的 JSON 输出及豁免 at 相同。Where the figure is written "
          "in the budget file: the document path that `budgetlint check --format json` and waivers use."),
)


@dataclass(frozen=True)
class BudgetLine:
    """One figure of one table: a row of budget_lines.csv (field order as FIELDS)."""

    file: str
    department_code: str
    department: str
    fiscal_year: str
    layout: str
    document_kind: str
    table_key: str
    table_label: str
    table_title: str
    unit_code: str
    code: str
    name: str
    line_kind: str
    column_key: str
    column_label: str
    amount: Decimal
    amount_unit: str
    path: str

    def cells(self) -> list[str]:
        """The CSV row: the amount as exact decimal text (`3.00`, `189767551`), never via float."""
        return [format(value, "f") if isinstance(value, Decimal) else value
                for value in (getattr(self, field.name) for field in FIELDS)]


# ---------------------------------------------------------------- a budget as budget lines


def budget_lines(budget: Budget, file: str) -> Iterator[BudgetLine]:
    """Every table figure of a budget as a tidy line, in the order of the file's layout and codes.

    The narrative, glossary and department parts are not budget lines of a table and are left out.
    """
    data = budget.data
    layout = budget.layout
    department = budget.part("department")
    year = data.get("fiscal_year")
    common = {
        "file": file,
        "department_code": _text(department.get("code")),
        "department": _text(department.get("name")),
        "fiscal_year": str(year) if isinstance(year, int) and not isinstance(year, bool) else "",
        "layout": layout.name,
        "document_kind": layout.document_kind,
    }
    parents: dict[int, set[str]] = {}  # per row list (by id): the codes/sources other rows are under
    for item in budget_items(data):
        if item.key[0] != "tables" or not item.figures:
            continue
        table = item.key[1]
        spec = layout.table(table)
        node_path, nodes = document_path(data, item.key)
        for figure in sorted(item.figures, key=lambda figure: _column_order(layout, table, figure)):
            line_path, line_column = _line_and_column(layout, table, node_path, figure)
            line_node = nodes[len(line_path)]
            yield BudgetLine(
                **common,
                table_key=table,
                table_label=layout.label(table),
                table_title=spec.title if spec else "",
                unit_code=_unit_code(line_path, nodes),
                code=_line_code(line_path, line_node),
                name=_line_name(line_path, line_node),
                line_kind=_line_kind(line_path, nodes[len(line_path) - 1], line_node, parents),
                column_key=".".join(line_column),
                column_label=_column_label(layout, table, line_path, line_column),
                amount=item.figures[figure],
                amount_unit=budget.table_unit(table),
                path=format_path(node_path + figure),
            )


def document_path(data: dict[str, Any], key: tuple[str, ...]) -> tuple[DocPath, list[Any]]:
    """An item's key by meaning (`tables/expenditure/units/151/rows/2120101`) as the document path of
    its node (`tables.expenditure.units[0].rows[3]`), with the node at each step (data first).

    List elements are found by the identity rule of `items` (its `_identity`, with `#2` for a repeated
    code), so the path names the very row whose figures the item holds.
    """
    node: Any = data
    path: list[str | int] = []
    nodes: list[Any] = [data]
    for part in key:
        if isinstance(node, list):
            index = _position(node, part)
            path.append(index)
            node = node[index]
        else:
            path.append(part)
            node = node[part]
        nodes.append(node)
    return tuple(path), nodes


def _position(rows: list[Any], ident: str) -> int:
    """The index of the row an item's key names; repeated identities count up as `items` counts them."""
    seen: dict[str, int] = {}
    for position, entry in enumerate(rows):
        if not isinstance(entry, dict):
            continue
        own = _identity(entry, position)[0]
        seen[own] = count = seen.get(own, 0) + 1
        if (own if count == 1 else f"{own}#{count}") == ident:
            return position
    raise LookupError(f"no row `{ident}` in the list")  # cannot happen: the key was made from this list


def _line_and_column(layout: Layout, table: str, node_path: DocPath,
                     column: tuple[str, ...]) -> tuple[DocPath, tuple[str, ...]]:
    """The printed line and column of a figure.

    `items` makes a row of its own of a mapping named `budget` (预算12表's budget lines); in a 决算's 三公
    table `totals: {budget: {…}, final: {…}}` the same name is a column group of the 合计 row. Where the
    layout prints the grouped column (`budget.total`), the figure belongs to the line above.
    """
    spec = layout.table(table)
    last = node_path[-1]
    if isinstance(last, str) and len(node_path) > 2 and spec is not None and spec.has((last, *column)):
        return node_path[:-1], (last, *column)
    return node_path, column


def _column_order(layout: Layout, table: str, figure: tuple[str, ...]) -> int:
    """Columns in the order the table prints them; the others after them, in the file's order (the
    sort is stable)."""
    spec = layout.table(table)
    printed = spec.columns if spec else ()
    return printed.index(figure) if figure in printed else len(printed)


def _column_label(layout: Layout, table: str, line_path: DocPath, column: tuple[str, ...]) -> str:
    """The column's header as the layout prints it (`基本支出 小计`). A figure printed as a line of its
    own rather than under a header — a 决算's footer (`人员经费合计`), a line of 预算12表's 预算情况
    (`部门预算总额（万元）`) — is called by that line's printed label."""
    spec = layout.table(table)
    # The layout module's own reading of a header tree: the columns printed under the header.
    if spec is not None and column not in set(_header_columns(spec.raw.get("header"))):
        raw = spec.raw
        lines = raw.get("footer") if column[0] == "footer" else ((raw.get("form") or {}).get("budget") or {}).get("lines")
        wanted = ".".join(column[1:] if column[0] == "footer" else column)
        for entry in lines or []:
            if isinstance(entry, dict) and str(entry.get("amount")) == wanted and entry.get("label"):
                return str(entry["label"])
    return column_text(column, tuple(str(part) for part in line_path), layout)


def _unit_code(line_path: DocPath, nodes: list[Any]) -> str:
    """The budget unit a line is under (or is): the `unit` of the element of a `units` list on its path."""
    for depth, part in enumerate(line_path[:-1]):
        if part == "units" and isinstance(line_path[depth + 1], int):
            unit = nodes[depth + 2]
            return _text(unit.get("unit")) if isinstance(unit, dict) else ""
    return ""


def _in_list(line_path: DocPath) -> bool:
    return isinstance(line_path[-1], int)


def _line_code(line_path: DocPath, node: Any) -> str:
    """A row's code (the source key of a revenue row); empty for a unit row (its code is unit_code)."""
    if not _in_list(line_path) or not isinstance(node, dict):
        return ""
    return _text(node.get("code")) or _text(node.get("source"))


def _line_name(line_path: DocPath, node: Any) -> str:
    """A row's name as printed; a fixed line is called what it is (合计, 收入, 支出, 预算)."""
    if _in_list(line_path):
        return _text(node.get("name")) if isinstance(node, dict) else ""
    last = line_path[-1]
    return WORDS.get(last, "") if isinstance(last, str) and len(line_path) > 2 else ""


def _line_kind(line_path: DocPath, rows: Any, node: Any, parents: dict[int, set[str]]) -> str:
    """total | unit | subtotal | row (see the `line_kind` field)."""
    if not _in_list(line_path):
        return "total"
    if line_path[-2] == "units":
        return "unit"
    if id(rows) not in parents:
        parents[id(rows)] = _parent_keys(rows)
    key = (_text(node.get("code")) or _text(node.get("source"))) if isinstance(node, dict) else ""
    return "subtotal" if key and key in parents[id(rows)] else "row"


def _parent_keys(rows: Any) -> set[str]:
    """Codes of the list that other codes of it start with (类/款 rows), and sources that other rows are
    part of (`of: fiscal`): lines whose amounts already hold other lines' amounts."""
    entries = [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []
    return parent_codes(entries) | {row["of"] for row in entries if isinstance(row.get("of"), str)}


def _text(value: Any) -> str:
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


# ---------------------------------------------------------------- datapackage.json


def descriptor(files: Iterable[str], data_format: str = "csv") -> dict[str, Any]:
    """The Frictionless Tabular Data Package that describes budget_lines.csv (or .parquet)."""
    fields = []
    for field in FIELDS:
        entry: dict[str, Any] = {"name": field.name, "type": field.type, "title": field.title,
                                 "description": field.description}
        if field.name == "amount":
            # Exact decimal text without thousands separators or a currency sign: read it as a decimal.
            entry["bareNumber"] = True
            entry["decimalChar"] = "."
        if field.name in ("file", "table_key", "column_key", "amount", "amount_unit", "path", "line_kind"):
            entry["constraints"] = {"required": True}
        if field.name == "line_kind":
            entry["constraints"]["enum"] = ["total", "unit", "subtotal", "row"]
        if field.name == "amount_unit":
            entry["constraints"]["enum"] = ["元", "万元"]
        fields.append(entry)
    return {
        "profile": "tabular-data-package",
        "name": "budget-lines",
        "title": "部门预算公开 budget lines",
        "description": "Every figure of every table of the budget files, one row per department, fiscal year, "
                       "layout, table, line and column; written by `budgetlint export --format csv`. Amounts are "
                       "exact decimal text in the unit of their table (amount_unit).",
        "sources": [{"title": file, "path": file} for file in files],
        "resources": [resource(fields, data_format)],
    }


def resource(fields: list[dict[str, Any]], data_format: str) -> dict[str, Any]:
    """The data package's one resource: the CSV file, or the Parquet file of the same fields."""
    schema = {"fields": fields, "primaryKey": ["file", "path"], "missingValues": [""]}
    if data_format == "parquet":
        return {"name": "budget-lines", "path": PARQUET_NAME, "profile": "tabular-data-resource",
                "format": "parquet", "mediatype": "application/vnd.apache.parquet", "schema": schema,
                "description": f"amount is decimal128({PARQUET_PRECISION},{PARQUET_SCALE}), fiscal_year int32, "
                               f"every other field a UTF-8 string, null where the CSV field is empty"}
    return {"name": "budget-lines", "path": CSV_NAME, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "header": True, "quoteChar": '"', "lineTerminator": "\r\n"},
            "schema": schema}


# ---------------------------------------------------------------- reading the inputs


def load_budget(path: Path, folders: tuple[Path, ...]) -> Budget:
    """A budget file as a Budget in its layout (the repository's own layouts first). Raises ExportError."""
    result = load_file(path, str(path))
    document = result.document
    if document is None or not isinstance(document.data, dict):
        reasons = tr("cli.separator").join(tr("cli.export.problem", line=p.line, column=p.column, message=p.message)
                                           for p in result.problems)
        raise ExportError(tr("cli.export.cannot_load", path=path, reasons=reasons or say("cli.export.not_mapping")))
    return Budget(document, layout_folders=folders)


def layout_folders() -> tuple[Path, ...]:
    """The repository's own layout folders, from budgetlint.toml as `budgetlint check` reads them."""
    return configuration().layout_folders


def configuration() -> Config:
    """budgetlint.toml (or pyproject.toml) of the current folder or above, as `budgetlint check` reads it."""
    try:
        return load_config(find_config(Path.cwd()), set(RULES_BY_ID))
    except ConfigError as error:
        raise ExportError(str(error)) from None


def _refuse_existing(paths: Iterable[Path], force: bool) -> None:
    existing = [str(path) for path in paths if path.exists() or path.is_symlink()]
    if existing and not force:
        raise ExportError(tr("cli.export.exists", files=", ".join(existing), s="s" if len(existing) == 1 else ""))


# ---------------------------------------------------------------- CSV


def export_csv(files: list[Path], folder: Path, force: bool, folders: tuple[Path, ...] = ()) -> int:
    """Write budget_lines.csv and datapackage.json into `folder`; the number of budget lines written.

    Files are read one at a time and their lines streamed to a temporary file beside the output, so
    memory stays flat however many budgets there are; the outputs appear only when every file was read
    (a file that cannot be read raises ExportError and leaves nothing behind).
    """
    if folder.exists() and not folder.is_dir():
        raise ExportError(tr("cli.export.csv_needs_folder", folder=folder, csv=CSV_NAME, descriptor=DESCRIPTOR_NAME))

    def write(temporary: Path) -> int:
        count = 0
        with open(temporary, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\r\n")
            writer.writerow([field.name for field in FIELDS])
            for path in files:
                for line in budget_lines(load_budget(path, folders), str(path)):
                    writer.writerow(line.cells())
                    count += 1
        return count

    return _write_lines(folder, CSV_NAME, force, write, descriptor(str(path) for path in files))


def _write_lines(folder: Path, name: str, force: bool, write: Callable[[Path], int],
                 package: dict[str, Any]) -> int:
    """Write the budget lines (`write` fills a temporary file beside the output and returns how many) and
    datapackage.json into `folder`; both appear only when every file was read, and nothing is left
    behind otherwise (not even the folders made for them)."""
    targets = (folder / name, folder / DESCRIPTOR_NAME)
    _refuse_existing(targets, force)
    created = _make_folder(folder)
    temporary, described = _temporary(folder, name), _temporary(folder, DESCRIPTOR_NAME)
    try:
        count = write(temporary)
        with open(described, "w", encoding="utf-8") as stream:
            json.dump(package, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        os.replace(temporary, targets[0])
        os.replace(described, targets[1])
    except BaseException:
        temporary.unlink(missing_ok=True)
        described.unlink(missing_ok=True)
        for made in reversed(created):
            _remove_if_empty(made)
        raise
    return count


def export_parquet(files: list[Path], folder: Path, force: bool, folders: tuple[Path, ...] = ()) -> int:
    """Write budget_lines.parquet and datapackage.json into `folder`, as `export_csv` writes the CSV: the
    same rows, a row group per file (memory stays flat), nothing left behind when a file cannot be read.
    Amounts are decimal128(18,2) built from the Decimal; one that is not exact at two decimals stops the
    export (it is never rounded)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError(tr("cli.export.no_pyarrow", extra=PARQUET_EXTRA)) from None
    if folder.exists() and not folder.is_dir():
        raise ExportError(tr("cli.export.parquet_needs_folder", folder=folder, parquet=PARQUET_NAME,
                             descriptor=DESCRIPTOR_NAME))
    amount_type = pa.decimal128(PARQUET_PRECISION, PARQUET_SCALE)
    # an empty field is missing (null), as the descriptor's missingValues says and DuckDB reads the CSV
    schema = pa.schema([pa.field(field.name, amount_type if field.name == "amount" else
                                 pa.int32() if field.type == "integer" else pa.string(),
                                 nullable=field.type == "string")
                        for field in FIELDS])

    def write(temporary: Path) -> int:
        count = 0
        with pq.ParquetWriter(temporary, schema) as writer:
            for path in files:
                columns: dict[str, list[Any]] = {field.name: [] for field in FIELDS}
                for line in budget_lines(load_budget(path, folders), str(path)):
                    for field in FIELDS:
                        columns[field.name].append(_parquet_value(field, getattr(line, field.name), line))
                    count += 1
                if columns["file"]:
                    writer.write_table(pa.table(columns, schema=schema))
        return count

    return _write_lines(folder, PARQUET_NAME, force, write, descriptor((str(path) for path in files), "parquet"))


def _parquet_value(field: Field, value: Any, line: BudgetLine) -> Any:
    """A cell of the Parquet table: the amount as a Decimal with exactly two decimals, the year a number."""
    if field.name == "amount":
        cents = value.quantize(CENT)
        if cents != value or cents.adjusted() >= PARQUET_PRECISION - PARQUET_SCALE:
            raise ExportError(tr("cli.export.not_exact", file=line.file, path=line.path, value=value,
                                 precision=PARQUET_PRECISION, scale=PARQUET_SCALE))
        return cents
    if field.type == "integer":
        return int(value)
    return value if value != "" else None


def _temporary(folder: Path, name: str) -> Path:
    """Where an output is written before it is renamed into place: beside it (a rename within one
    folder is atomic), hidden, and named by the process, so a failure never leaves half a file at the
    output's name."""
    return folder / f".{name}.{os.getpid()}.tmp"


def _make_folder(folder: Path) -> list[Path]:
    """Create `folder` and missing parents; the folders created, outermost first (to undo on failure)."""
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(tr("cli.export.cannot_create", folder=folder, error=error.strerror or error)) from None
    return list(reversed(missing))


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty (or already gone): it is not ours to remove


# ---------------------------------------------------------------- xlsx


def export_xlsx(file: Path, output: Path, force: bool, folders: tuple[Path, ...] = (),
                config: Config | None = None) -> int:
    """Write one budget's tables as a workbook; the number of sheets. With `config`, the findings of
    `budgetlint check` (under that configuration) are added: a findings sheet and a comment on each
    cell that has one."""
    if output.is_dir():
        raise ExportError(tr("cli.export.xlsx_is_folder", output=output))
    if _same_file(output, file):
        raise ExportError(tr("cli.output_is_input", output=output))
    _refuse_existing([output], force)
    budget = load_budget(file, folders)
    book = workbook(budget)
    if config is not None:
        add_findings(book, budget, check_file(file, config))
    created = _make_folder(output.parent)
    temporary = _temporary(output.parent, output.name)
    try:
        book.save(temporary)
        os.replace(temporary, output)
    except BaseException:
        temporary.unlink(missing_ok=True)
        for made in reversed(created):
            _remove_if_empty(made)
        raise
    return len(book.sheetnames)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def workbook(budget: Budget) -> Any:
    """An openpyxl Workbook: one sheet per table of the layout, each as the layout prints it.

    Each table comes from render's layout model (`layout_disclosure`): its header rows are
    `build_header(header_of(spec))` — the layout's header tree as cells with rowspan/colspan — and its
    body the printed rows (合计 where the form prints it, codes split into 类/款/项, the fixed rows of
    the summary tables). Totals the file leaves out are computed there; they are written in italics.
    Where each part goes is the table's shape (`workbook.table_shapes`), which `budgetlint import`
    reads the workbook back by; the hidden budgetlint column beside each table carries what the form
    does not print (`workbook.sheet_meta`, `workbook.line_keys`).
    """
    from openpyxl import Workbook

    from .render.layout import layout_disclosure

    disclosure = layout_disclosure(budget.data, layout=budget.layout.raw)
    separator = _text((budget.layout.raw.get("number_format") or {}).get("thousands"))
    shapes = {shape.key: shape for shape in table_shapes(budget.layout)}
    tables = budget.data.get("tables")
    tables = tables if isinstance(tables, dict) else {}
    book = Workbook()
    book.remove(book.active)
    for block in disclosure.tables:
        shape = shapes[block.key]
        sheet = book.create_sheet(shape.sheet)
        _write_table(sheet, block, shape, separator, tables.get(block.key), sheet_meta(budget, block.key))
    return book


def _write_table(sheet: Any, block: Any, shape: TableShape, separator: str, table: Any, meta: str) -> None:
    """One table: title, department and unit line, then each grid (header, body), then the note; in
    the hidden budgetlint column right of it, the sheet's meta and each line's key."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    laid = [(place(grid.header), place(grid.body)) for grid in block.grids]
    width = max([max(head[2], body[2]) for head, body in laid] + [2])
    _banner(sheet, 1, width, block.heading, Font(bold=True, size=14), "center")
    if shape.subtitle_row is not None:
        _banner(sheet, shape.subtitle_row, width, block.subtitle, Font(), "center")
    if shape.line_row is not None:  # 部门名称：… on the left, 单位：万元 on the right
        sheet.cell(row=shape.line_row, column=1, value=block.department_line or None)
        unit = sheet.cell(row=shape.line_row, column=width, value=block.unit_line or None)
        unit.alignment = Alignment(horizontal="right")
    keys = width + 1  # the budgetlint column
    sheet.cell(row=1, column=keys, value=meta)
    row = shape.top_row
    header_end = 0
    for grid, (header, body) in zip(block.grids, laid):
        for offset, column, cell in header[0]:
            target = _write_cell(sheet, row + offset, column + 1, cell, separator)
            target.font = Font(bold=True)
            target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        _borders(sheet, row, header[1], width, border)
        row += header[1]
        header_end = header_end or (row if header[1] else 0)
        for offset, column, cell in body[0]:
            target = _write_cell(sheet, row + offset, column + 1, cell, separator)
            if cell.kind == "label" or cell.kind == "head":
                target.font = Font(bold=True)
        for offset, key in row_keys(shape, grid, table).items():
            sheet.cell(row=row + offset, column=keys, value=key)
        _borders(sheet, row, body[1], width, border)
        row += body[1] + 1  # a blank row between the grids of a two-part table (预算12表)
    if block.note:
        _banner(sheet, row, width, block.note, Font(), "left")
    if header_end and len(block.grids) == 1:
        sheet.freeze_panes = sheet.cell(row=header_end, column=1)
    _column_widths(sheet, laid, width)
    sheet.column_dimensions[get_column_letter(keys)].hidden = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _banner(sheet: Any, row: int, width: int, text: str, font: Any, horizontal: str) -> int:
    """A line of text across the table's width (title, subtitle, note); the next free row."""
    from openpyxl.styles import Alignment

    cell = sheet.cell(row=row, column=1, value=text)
    cell.font = font
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    return row + 1


def _write_cell(sheet: Any, row: int, column: int, cell: Any, separator: str) -> Any:
    """Write one laid-out cell at (row, column); merge it over its rowspan/colspan."""
    from openpyxl.styles import Alignment, Font

    target = sheet.cell(row=row, column=column)
    if cell.kind == "amount" and cell.text:
        # Decimal until here; openpyxl stores numbers as floats, so the float is made now (_excel_number).
        target.value = _excel_number(_amount(cell.text, separator))
        target.number_format = AMOUNT_FORMAT
        if cell.computed:
            target.font = Font(italic=True)  # not in the file: computed from its rows, as render shows it
    elif cell.text:
        target.value = cell.text  # codes stay text: 类 "201", 款 "01" keep their leading zeros
        target.number_format = "@"
        target.alignment = Alignment(vertical="center", wrap_text=cell.kind in ("text", "target"))
    if cell.rowspan > 1 or cell.colspan > 1:
        sheet.merge_cells(start_row=row, start_column=column, end_row=row + cell.rowspan - 1,
                          end_column=column + cell.colspan - 1)
    return target


# ---------------------------------------------------------------- findings in the workbook


FINDINGS_SHEET = "findings"
FINDINGS_HEADER = ("规则 rule", "级别 severity", "说明 message", "单元格 cell", "位置 path", "行 line")


def add_findings(book: Any, budget: Budget, findings: list[Finding]) -> None:
    """A findings sheet listing every finding (with the cell of those in a table), and a comment on
    each cell that has one.

    A finding's cell is found by reading the workbook back (`read_book`), which says in which cell each
    value of the file stands, and matching the finding's document path by meaning; a finding on a field
    the form does not print (a 类's code in 预算01表) goes on its line's first cell, one on a whole
    table on its title.
    """
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    try:
        read: ReadBack | None = read_book(book, layout=budget.layout)
    except WorkbookError as error:  # a file whose tables do not fit its layout: findings without cells
        read = None
        click.echo("budgetlint export: " + tr("cli.export.findings_without_cells", error=error), err=True)
    notes: dict[tuple[str, int, int], list[str]] = {}
    sheet = book.create_sheet(FINDINGS_SHEET)
    sheet.append(FINDINGS_HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    language = current_language()  # the workbook is read by the clerk who ran the export
    for finding in findings:
        where = read.locate(budget.data, finding.path) if read is not None else None
        message = in_language(finding.message, language)
        sheet.append([finding.rule, finding.severity, message, "", finding.path, finding.line])
        if where is None:
            continue
        name, row, column = where
        reference = book[name].cell(row=row, column=column).coordinate
        link = sheet.cell(row=sheet.max_row, column=4, value=f"{name}!{reference}")
        link.hyperlink = f"#'{name}'!{reference}"
        notes.setdefault(where, []).append(f"{finding.rule} {finding.severity}: {message}")
    for (name, row, column), lines in notes.items():
        comment = Comment("\n\n".join(lines), "budgetlint")
        comment.width, comment.height = 400, 60 + 60 * len(lines)
        book[name].cell(row=row, column=column).comment = comment
    for letter, chars in zip("ABCDEF", (8, 9, 90, 16, 48, 6)):
        sheet.column_dimensions[letter].width = chars
    sheet.freeze_panes = "A2"


def _amount(text: str, separator: str) -> Decimal:
    """An amount cell of the layout model back to its Decimal.

    render prints the file's Decimal with `format(value, "f")` (two decimals, more only when the file
    has them) and the layout's thousands separator, so removing the separator gives the exact value.
    """
    return Decimal(text.replace(separator, "") if separator else text)


def _excel_number(value: Decimal) -> float | str:
    """The cell value openpyxl gets for an amount.

    openpyxl (and Excel) store every number as a binary float, so the Decimal becomes a float here and
    only here, at the last step. A float holds 15 significant digits exactly — every amount to the cent
    below 10^13 — and Excel shows it with two decimals (`#,##0.00`). An amount a float would change at
    the cent is written as its exact text instead: a wrong figure would be worse than a text cell.
    """
    number = float(value)
    return number if Decimal(repr(number)).quantize(CENT) == value.quantize(CENT) else format(value, "f")


def _borders(sheet: Any, first: int, height: int, width: int, border: Any) -> None:
    for row in range(first, first + height):
        for column in range(1, width + 1):
            sheet.cell(row=row, column=column).border = border


def _column_widths(sheet: Any, laid: list[Any], width: int) -> None:
    """Columns wide enough for their longest single-column cell (CJK characters count twice)."""
    from openpyxl.utils import get_column_letter

    widest = [8.0] * width
    for header, body in laid:
        for _, column, cell in header[0] + body[0]:
            if cell.colspan == 1 and cell.text and column < width:
                size = sum(2 if ord(char) > 0x2E80 else 1 for char in cell.text) + 2
                widest[column] = max(widest[column], min(float(size), 48.0))
    for index, chars in enumerate(widest, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = chars


# ---------------------------------------------------------------- the command


def _fail(message: str) -> NoReturn:
    click.echo(f"budgetlint export: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _format_for(output: Path) -> str:
    return "xlsx" if output.suffix.lower() == ".xlsx" else "csv"


def _written(output: Path, count: int, files: list[Path], name: str) -> str:
    return tr("cli.export.written", count=count, files=len(files), s="" if len(files) == 1 else "s",
              output=output / name, descriptor=output / DESCRIPTOR_NAME)


@click.command("export", cls=BudgetlintCommand)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="csv: budget lines of every file given, into the folder -o; parquet: the same as Parquet "
                   "(needs pyarrow); xlsx: one file's tables as a workbook [default: xlsx when -o ends in "
                   ".xlsx, else csv].")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="csv, parquet: the folder for budget_lines.csv (.parquet) and datapackage.json; xlsx: the "
                   "workbook file.")
@click.option("--force", is_flag=True, help="Overwrite output files that exist.")
@click.option("--with-findings", is_flag=True,
              help="xlsx: add a findings sheet and a comment on each cell that has a finding of `budgetlint check`.")
def export_command(paths: tuple[Path, ...], output_format: str | None, output: Path, force: bool,
                   with_findings: bool) -> None:
    """Export budgets: tidy budget lines as CSV or Parquet with datapackage.json, or one budget's tables as xlsx.

    \b
    budgetlint export budgets/ --format csv -o out/        # out/budget_lines.csv, out/datapackage.json
    budgetlint export budgets/ --format parquet -o out/    # out/budget_lines.parquet (pyarrow)
    budgetlint export budgets/x/2023.yaml -o x-2023.xlsx   # a sheet per table, as the layout prints it
    budgetlint import x-2023.xlsx -o x-2023.yaml           # the workbook, edited in Excel, read back
    """
    chosen = output_format or _format_for(output)
    if with_findings and chosen != "xlsx":
        _fail(tr("cli.export.findings_need_xlsx"))
    try:
        files = discover(str(path) for path in paths)
    except UsageError as error:
        _fail(str(error))
    if not files:
        _fail(tr("cli.export.no_budgets", suffixes=", ".join("*" + suffix for suffix in BUDGET_SUFFIXES),
                 paths=", ".join(str(path) for path in paths)))
    try:
        config = configuration()
        if chosen == "xlsx":
            if len(files) != 1 or paths[0].is_dir():
                _fail(tr("cli.export.xlsx_one_file"))
            sheets = export_xlsx(files[0], output, force, config.layout_folders, config if with_findings else None)
            emit(tr("cli.export.wrote_workbook", output=output, sheets=sheets, file=files[0]))
        elif chosen == "parquet":
            emit(_written(output, export_parquet(files, output, force, config.layout_folders), files, PARQUET_NAME))
        else:
            emit(_written(output, export_csv(files, output, force, config.layout_folders), files, CSV_NAME))
    except ExportError as error:
        _fail(str(error))
    except OSError as error:
        _fail(tr("cli.cannot_write", path=output, error=error.strerror or error))
