"""The workbook of one budget: where each table, column and line stands in the xlsx export, and the
reader that turns such a workbook back into a budget file (`budgetlint import OUT.xlsx`).

One description serves both directions, so the export and the import cannot drift apart:

- `table_shapes(layout)` says, from the layout alone, which sheet holds each table, the rows above its
  header (title, subtitle, the 部门/单位 line) and its header as render builds it
  (`build_header(header_of(spec))`), so which worksheet column holds which leaf of the header: an
  amount column, a piece of a code, a name. The export writes the header there; the reader checks it
  there and reads each column by its leaf.
- A hidden column right of each table (the *budgetlint column*) carries what the printed form does not
  show but a file needs: in its first cell the layout, fiscal year, units, the department and the
  table-level fields the file states (JSON, `sheet_meta`); beside the first printed row of each line of
  a grid table, the line's kind (合计, a unit, a row) and the identity the form leaves out
  (`line_keys`: 预算11表 prints no project code, 预算07表 names a unit without its code). The
  information travels with its sheet: a sheet copied from another budget is recognised as such.

`read_book` reads every amount cell as a Decimal quantized to the decimals its number format shows
(the float Excel stores is never kept), codes and names as text, and records in which cell each value
of the file stands (`ReadBack.cells`); `ReadBack.locate` puts a finding of the exported file on its
cell. A workbook of another shape raises WorkbookError, whose message names the sheet and the cell.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from .findings import DocPath, parse_path
from .items import _identity
from .layout import Layout, LayoutError, TableSpec, fill, load_layout
from .messages import say, tr
from .model import Budget
from .render.layout import Cell, Grid, _ordinal_label, build_header, chinese_number, header_of, unit_names
from .render.values import column, text

WORKBOOK_FORMAT = 1  # the version of what the budgetlint column holds
# Excel's rules for sheet names: at most 31 characters, none of these.
SHEET_NAME_LIMIT = 31
SHEET_NAME_FORBIDDEN = "[]:*?/\\"
# Department fields the workbook does not carry: texts of the narrative kind, like the narrative itself.
DEPARTMENT_TEXTS = ("duties", "composition")
# The identity fields of a line (items.IDENTITY_KEYS without `term`, which no table row has).
IDENTITY_FIELDS = ("code", "unit", "source")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_SENTINEL = "\x00"  # stands for a name in a label pattern, to split a label into ordinal and name

Where = tuple[str, int, int]  # sheet, row, column (1-based)


class WorkbookError(Exception):
    """A workbook that cannot be read back as a budget; the message names the sheet and the cell."""


# ---------------------------------------------------------------------------------------------------
# The shape of each table's sheet


@dataclass(frozen=True)
class TableShape:
    """Where one table of the layout stands in its sheet: everything here follows from the layout."""

    spec: TableSpec
    sheet: str
    header: list[list[Cell]]  # render's header rows, cells with rowspan/colspan
    leaves: list[dict[str, Any]]  # the header's leaves, one per worksheet column, in column order
    labels: list[str]  # each leaf's full label (`基本支出 小计`), for messages
    subtitle_row: int | None
    line_row: int | None  # the 部门名称：… / 单位：… line
    top_row: int  # the first row under the lines above the table: the header, or a form (预算12表)

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def body_row(self) -> int:
        return self.top_row + len(self.header)

    @property
    def label_span(self) -> int:
        """How many columns come before the first amount (or target) column: a 合计 label spans them."""
        return next((index for index, leaf in enumerate(self.leaves) if leaf.get("amount") or leaf.get("target")),
                    len(self.leaves))

    def amount_columns(self) -> list[tuple[int, tuple[str, ...]]]:
        """(worksheet column, amount column) of each amount leaf."""
        return [(index, column(str(leaf["amount"]))) for index, leaf in enumerate(self.leaves, 1)
                if leaf.get("amount")]


def table_shapes(layout: Layout) -> list[TableShape]:
    """The sheet of each table of the layout, in printed order."""
    used: set[str] = set()
    shapes = []
    for spec in layout.tables.values():
        header, leaves, labels = build_header(header_of(spec.raw))
        row = 2  # row 1 is the table's title line
        subtitle_row = row if spec.raw.get("subtitle") else None
        row += subtitle_row is not None
        # render prints the department and unit line unless the layout turns both off
        shows_line = spec.raw.get("department_line", True) or spec.raw.get("unit_line", True)
        line_row = row if shows_line else None
        row += line_row is not None
        shapes.append(TableShape(spec, sheet_name(spec.label, used), header, leaves, labels, subtitle_row,
                                 line_row, row))
    return shapes


def sheet_name(label: str, used: set[str]) -> str:
    """The table's printed label as a sheet name Excel accepts, unique within the workbook."""
    name = "".join("_" if char in SHEET_NAME_FORBIDDEN else char for char in label)[:SHEET_NAME_LIMIT] or "表"
    candidate, number = name, 1
    while candidate.lower() in used:
        number += 1
        suffix = f" ({number})"
        candidate = name[: SHEET_NAME_LIMIT - len(suffix)] + suffix
    used.add(candidate.lower())
    return candidate


Placed = tuple[int, int, Any]  # (row offset, column offset, render Cell)


def place(rows: list[list[Any]]) -> tuple[list[Placed], int, int]:
    """Where each cell of rows with rowspan/colspan lands (as a browser lays out a table); height, width."""
    taken: set[tuple[int, int]] = set()
    placed: list[Placed] = []
    width = 0
    for row_index, cells in enumerate(rows):
        column_index = 0
        for cell in cells:
            while (row_index, column_index) in taken:
                column_index += 1
            placed.append((row_index, column_index, cell))
            for down in range(max(cell.rowspan, 1)):
                for right in range(max(cell.colspan, 1)):
                    taken.add((row_index + down, column_index + right))
            column_index += max(cell.colspan, 1)
            width = max(width, column_index)
    height = max([row + 1 for row, _ in taken], default=0)
    return placed, height, width


# ---------------------------------------------------------------------------------------------------
# What the export writes into the budgetlint column


def sheet_meta(budget: Budget, key: str) -> str:
    """The first cell of a sheet's budgetlint column: what the file is (its top-level fields, the
    department) and the table-level fields it states for this table (the printed title, unit and
    department line show their values; this says whether the file wrote them)."""
    data = budget.data
    table = budget.table(key)
    meta: dict[str, Any] = {
        "budgetlint": WORKBOOK_FORMAT,
        "table": key,
        "file": {name: value for name, value in data.items() if _scalar(value)},
        "department": {name: value for name, value in budget.part("department").items()
                       if name not in DEPARTMENT_TEXTS},
        "fields": {name: value for name, value in (table or {}).items()
                   if isinstance(value, str) and name != "note"},
    }
    spec = budget.layout.table(key)
    if spec is not None and spec.shape in ("summary", "fiscal_summary"):
        meta["lines"] = listed_lines(table)
    return json.dumps(meta, ensure_ascii=False, default=str, separators=(",", ":"))


def listed_lines(table: Any) -> dict[str, list[str]]:
    """The 收入 sources and 类 codes a two-sided table lists. Its form prints every line of the layout
    (预算01表 all 30 类); a file may leave the empty ones out, and the reader leaves out again a line it
    does not list that is still empty."""
    listed: dict[str, list[str]] = {}
    for side in ("revenue", "expenditure"):
        rows = table.get(side) if isinstance(table, dict) else None
        rows = rows.get("rows") if isinstance(rows, dict) else rows  # 财政拨款收支总表: expenditure.rows
        listed[side] = [text(row.get("source") or row.get("code")) for row in _dicts(rows)]
    return listed


def side_keys(shape: TableShape, grid: Grid, table: Any) -> dict[int, str]:
    """Body row offset → the key of a two-sided table's row: the source of the 收入 line and the code
    of the 类 line printed there (the form prints neither). Each line of the file is found by the label
    render prints it with (`_ordinal_label`), so a 类 whose name is not the layout's is still known."""
    spec = shape.spec
    split = sides(shape).right_label - 1  # the 支出 label's place among a body row's cells
    revenue = _side_labels(spec, "revenue", table)
    expenditure = _side_labels(spec, "expenditure", table)
    keys: dict[int, str] = {}
    for offset, cells in enumerate(grid.body):
        key = {}
        if cells and cells[0].text in revenue:
            key["source"] = revenue.pop(cells[0].text)
        if len(cells) > split and cells[split].text in expenditure:
            key["code"] = expenditure.pop(cells[split].text)
        if key:
            keys[offset] = json.dumps({"line": "sides", **key}, ensure_ascii=False, separators=(",", ":"))
    return keys


def _side_labels(spec: TableSpec, side: str, table: Any) -> dict[str, str]:
    """The printed label of each line of one side the file lists → the line's source or code."""
    rows = table.get(side) if isinstance(table, dict) else None
    rows = rows.get("rows") if isinstance(rows, dict) else rows  # 财政拨款收支总表: expenditure.rows
    field_name = "source" if side == "revenue" else "code"
    layout_rows = _dicts(spec.raw.get("revenue_rows" if side == "revenue" else "expenditure_rows"))
    labels: dict[str, str] = {}
    for number, row in enumerate(_dicts(rows), 1):
        if side == "expenditure" and spec.raw.get("ordinals") == "consecutive":
            entry: dict[str, Any] = {"ordinal": chinese_number(number)}
        else:
            entry = next((item for item in layout_rows if text(item.get(field_name)) == text(row.get(field_name))), {})
        labels.setdefault(_ordinal_label(spec.raw, entry, row), text(row.get(field_name)))
    return labels


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, bool))


def grid_entries(table: Any) -> list[tuple[str, dict[str, Any]]]:
    """A grid table's lines in the order render prints them (a unit, its rows; then the table's own
    rows), each with its kind: `unit`, `unit_row` (a row of the unit above) or `row`."""
    if not isinstance(table, dict):
        return []
    lines: list[tuple[str, dict[str, Any]]] = []
    for unit in _dicts(table.get("units")):
        lines.append(("unit", unit))
        lines += [("unit_row", row) for row in _dicts(unit.get("rows"))]
    lines += [("row", row) for row in _dicts(table.get("rows"))]
    return lines


def row_keys(shape: TableShape, grid: Grid, table: Any) -> dict[int, str]:
    """Body row offset → the key the export writes beside it in the budgetlint column."""
    if shape.spec.shape == "grid":
        return line_keys(shape, grid, table)
    if shape.spec.shape in ("summary", "fiscal_summary"):
        return side_keys(shape, grid, table)
    return {}  # 预算12表: its lines are known by their printed labels and names


def line_keys(shape: TableShape, grid: Grid, table: Any) -> dict[int, str]:
    """Body row offset → the key written beside the first printed row of each line of a grid table.

    A line starts where a cell lands in the first column (a row with performance targets prints more
    rows, whose first column is covered by the line's merged cells). render's `row_kinds` says what
    each printed row is; units and rows come in the file's order.
    """
    placed, _, _ = place(grid.body)
    starts = sorted({offset for offset, column_index, _ in placed if column_index == 0})
    entries = iter(grid_entries(table))
    keys: dict[int, str] = {}
    for offset in starts:
        printed = grid.row_kinds[offset] if offset < len(grid.row_kinds) else "row"
        if printed == "totals":
            line, entry = ("footer" if shape.spec.raw.get("footer") else "totals"), dict[str, Any]()
        else:
            line, entry = next(entries)
            if (printed == "unit") != (line == "unit"):
                raise AssertionError(f"{shape.spec.label}: render printed a {printed} where the file has a {line}")
        keys[offset] = json.dumps({"line": line, **unprinted(shape, line, entry)}, ensure_ascii=False,
                                  separators=(",", ":"))
    return keys


def unprinted(shape: TableShape, line: str, entry: dict[str, Any]) -> dict[str, str]:
    """The text fields of a line that no column prints as written: a field no leaf shows, or one shown
    through a lookup (预算11表 prints a project's unit by its name)."""
    return {name: value for name, value in entry.items()
            if isinstance(value, str) and name not in _printed_fields(shape, line)}


def _printed_fields(shape: TableShape, line: str) -> set[str]:
    if line == "unit":
        return {text(leaf["unit"]) for leaf in shape.leaves if leaf.get("unit")}
    return {text(leaf["row"]) for leaf in shape.leaves if leaf.get("row") and not leaf.get("lookup")}


# ---------------------------------------------------------------------------------------------------
# Reading cells


class Page:
    """One sheet being read: its cells, which cells merged ranges cover, and where its budgetlint
    column is."""

    def __init__(self, sheet: Any, meta_column: int) -> None:
        self.sheet = sheet
        self.name = str(sheet.title)
        self.meta_column = meta_column
        self.covered: dict[tuple[int, int], tuple[int, int]] = {}  # a covered cell → its range's anchor
        self.spans: dict[tuple[int, int], int] = {}  # a range's anchor → its height
        for merged in sheet.merged_cells.ranges:
            anchor = (merged.min_row, merged.min_col)
            self.spans[anchor] = merged.max_row - merged.min_row + 1
            for row in range(merged.min_row, merged.max_row + 1):
                for column_index in range(merged.min_col, merged.max_col + 1):
                    if (row, column_index) != anchor:
                        self.covered[(row, column_index)] = anchor

    def where(self, row: int, column_index: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{self.name}!{get_column_letter(column_index)}{row}"

    def value(self, row: int, column_index: int) -> Any:
        return self.sheet.cell(row=row, column=column_index).value

    def text(self, row: int, column_index: int) -> str:
        """A text cell as written; a number a clerk typed into it as its digits."""
        value = self.value(row, column_index)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def anchor(self, row: int, column_index: int) -> tuple[int, int]:
        """The cell that holds what (row, column) shows: the top-left cell of a merged range."""
        return self.covered.get((row, column_index), (row, column_index))

    def shown(self, row: int, column_index: int) -> str:
        """The text a cell shows, also when a merged cell above or left of it covers it."""
        return self.text(*self.anchor(row, column_index))

    def height(self, row: int, column_index: int) -> int:
        return self.spans.get((row, column_index), 1)

    def blank(self, row: int) -> bool:
        """Nothing in the row up to the budgetlint column, and no merged cell reaching into it."""
        return all(self.text(row, index).strip() == "" and (row, index) not in self.covered
                   for index in range(1, self.meta_column + 1))

    def end_of_body(self, first: int) -> int:
        """The first blank row at or after `first`: a table's body ends there."""
        row = first
        while row <= self.sheet.max_row and not self.blank(row):
            row += 1
        return row

    def key(self, row: int) -> dict[str, Any] | None:
        """The key beside a line's first row (`line_keys`); None where there is none (a row a clerk added)."""
        raw = self.text(row, self.meta_column).strip()
        if not raw:
            return None
        try:
            key = json.loads(raw)
        except ValueError:
            key = None
        if not isinstance(key, dict) or not isinstance(key.get("line"), str):
            raise WorkbookError(tr("cli.workbook.bad_key", where=self.where(row, self.meta_column), raw=raw[:40]))
        return key

    def amount(self, row: int, column_index: int, label: str) -> Decimal | None:
        """The amount a cell shows, as a Decimal: the number Excel stores, through its shortest repr
        (never the float itself), quantized to the decimals the cell's number format shows. A cell in
        italics is a total budgetlint computed (not a figure of the file): None, like a blank cell."""
        cell = self.sheet.cell(row=row, column=column_index)
        value = cell.value
        if value is None or isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            number = Decimal(repr(value)).quantize(_places(cell.number_format), rounding=ROUND_HALF_UP)
        elif isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value.strip()):
            number = Decimal(value.strip())  # the export writes an amount a float cannot hold as its exact text
        else:
            raise WorkbookError(tr("cli.workbook.not_amount", where=self.where(row, column_index), value=value,
                                   label=label))
        return None if cell.font is not None and cell.font.i else number

    def code(self, row: int, column_index: int, length: int | None) -> str:
        """A code cell as text. A code typed as a number is taken only when it has all its digits (201
        as 类); 01 typed as a number is 1 and has lost its leading zero."""
        value = self.value(row, column_index)
        if value is None:
            return ""
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() \
                and abs(value) < 10**15:
            digits = str(int(value))
            if length is None or len(digits) == length:
                return digits
        raise WorkbookError(tr("cli.workbook.code_is_number", where=self.where(row, column_index), value=value))


def _places(number_format: str) -> Decimal:
    """The unit of the last decimal a number format shows: `#,##0.00` → 0.01, `0` → 1; the cent for
    `General` and other formats that show no fixed number of decimals (amounts are to the cent)."""
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", str(number_format or "").split(";")[0])
    match = re.search(r"[0#]\.([0#]+)", section)
    if match:
        return Decimal(1).scaleb(-len(match.group(1)))
    if re.search(r"[0#]", section):
        return Decimal(1)
    return Decimal("0.01")


# ---------------------------------------------------------------------------------------------------
# Reading a workbook back


@dataclass
class ReadBack:
    """A workbook read back: its layout, the budget data, and the cell of every value read."""

    layout: Layout
    data: dict[str, Any]
    cells: dict[DocPath, Where] = field(default_factory=dict)
    _by_meaning: dict[tuple[str, ...], Where] | None = field(default=None, repr=False)

    def figures(self) -> int:
        return _count_amounts(self.data.get("tables"))

    def locate(self, data: dict[str, Any], path: str) -> Where | None:
        """The cell that shows the node at `path` of `data` (the file the workbook was exported from),
        found by meaning — codes, units, sources, not list positions — so a line the reader put at
        another index is still found. A field the form does not print (a 类's code in 预算01表) is put
        on its line's first cell; a whole table on its title. None outside the tables."""
        if not path.startswith("tables"):
            return None
        try:
            wanted = meaning(data, parse_path(path))
        except ValueError:
            return None
        if self._by_meaning is None:
            self._by_meaning = {meaning(self.data, where): cell for where, cell in self.cells.items()}
        while len(wanted) >= 2:
            if wanted in self._by_meaning:
                return self._by_meaning[wanted]
            wanted = wanted[:-1]
        return None


def meaning(data: Any, path: DocPath) -> tuple[str, ...]:
    """A document path with each list index replaced by the identity of its element (a code, a unit,
    a source, a name; `#2` for the second of a repeated one), as `items` identifies lines."""
    node = data
    out: list[str] = []
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            out.append(_list_identity(node, part))
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict):
            out.append(part)
            node = node.get(part)
        else:
            out.append(str(part))
            node = None
    return tuple(out)


def _list_identity(rows: list[Any], index: int) -> str:
    seen: dict[str, int] = {}
    own = ""
    for position, entry in enumerate(rows[: index + 1]):
        own = _identity(entry, position)[0] if isinstance(entry, dict) else f"#{position + 1}"
        seen[own] = seen.get(own, 0) + 1
    count = seen[own]
    return own if count == 1 else f"{own}#{count}"


def read_workbook(path: Path, folders: tuple[Path, ...] = ()) -> ReadBack:
    """Read a workbook written by `budgetlint export --format xlsx` back into budget data."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # data_only: a formula a clerk typed is read as the value Excel computed and saved with it
        book = load_workbook(path, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise WorkbookError(tr("cli.workbook.unreadable", path=path, error=f"{type(error).__name__}: {error}")) from None
    return read_book(book, folders)


def read_book(book: Any, folders: tuple[Path, ...] = (), layout: Layout | None = None) -> ReadBack:
    """Read an openpyxl workbook back into budget data (WorkbookError when it is of another shape)."""
    sheets = _budget_sheets(book)
    meta = next(iter(sheets.values()))[1]
    file_fields, department = meta["file"], meta["department"]
    if layout is None:
        try:
            layout = load_layout(str(file_fields.get("layout")), folders)
        except LayoutError as error:
            raise WorkbookError(tr("cli.workbook.layout", where=_meta_where(sheets), error=str(error))) from None
    data: dict[str, Any] = {**file_fields, "department": department}
    context = Context(layout, data, department)
    read = ReadBack(layout, data)
    tables: dict[str, Any] = {}
    by_table = {meta["table"]: (page, meta) for page, meta in sheets.values()}
    for shape in table_shapes(layout):
        if shape.key not in by_table:
            raise WorkbookError(tr("cli.workbook.missing_sheet", sheet=shape.sheet, table=layout.titled(shape.key),
                                   layout=layout.name))
        page, table_meta = by_table[shape.key]
        lines = table_meta.get("lines")
        out = Out(page, ("tables", shape.key), read.cells, lines if isinstance(lines, dict) else None)
        tables[shape.key] = read_table(page, shape, table_meta.get("fields") or {}, context, out)
    data["tables"] = tables
    return read


def _budget_sheets(book: Any) -> dict[str, tuple[Page, dict[str, Any]]]:
    """The sheets that carry a budgetlint column, with what its first cell says. They must all be of
    one budget: a sheet copied in from another budget (another department, year or layout) is refused."""
    found: dict[str, tuple[Page, dict[str, Any]]] = {}
    first: dict[str, Any] | None = None
    for sheet in book.worksheets:
        located = _sheet_meta(sheet)
        if located is None:
            continue
        meta, column_index = located
        page = Page(sheet, column_index)
        if first is None:
            first = meta
        elif (meta["file"], meta["department"]) != (first["file"], first["department"]):
            raise WorkbookError(tr("cli.workbook.other_budget", where=page.where(1, column_index),
                                   first=next(iter(found)), this=_describe(meta), that=_describe(first)))
        if any(other[1]["table"] == meta["table"] for other in found.values()):
            raise WorkbookError(tr("cli.workbook.second_sheet", where=page.where(1, column_index), table=meta["table"]))
        found[page.name] = (page, meta)
    if not found:
        raise WorkbookError(tr("cli.workbook.no_hidden_column"))
    return found


def _sheet_meta(sheet: Any) -> tuple[dict[str, Any], int] | None:
    """The budgetlint column of a sheet: the cell of the first row holding its JSON."""
    for cell in next(sheet.iter_rows(min_row=1, max_row=1), ()):
        value = cell.value
        if not isinstance(value, str) or not value.startswith('{"budgetlint"'):
            continue
        try:
            meta = json.loads(value)
        except ValueError:
            meta = None
        where = f"{sheet.title}!{cell.coordinate}"
        if not isinstance(meta, dict) or meta.get("budgetlint") != WORKBOOK_FORMAT:
            raise WorkbookError(tr("cli.workbook.other_format", where=where, format=WORKBOOK_FORMAT))
        if not (isinstance(meta.get("table"), str) and isinstance(meta.get("file"), dict)
                and isinstance(meta.get("department"), dict)):
            raise WorkbookError(tr("cli.workbook.incomplete_cell", where=where))
        return meta, int(cell.column)
    return None


def _describe(meta: dict[str, Any]) -> str:
    file_fields = meta["file"]
    return " ".join(str(part) for part in (meta["department"].get("name"), file_fields.get("fiscal_year"),
                                           file_fields.get("layout")) if part)


def _meta_where(sheets: dict[str, tuple[Page, dict[str, Any]]]) -> str:
    page = next(iter(sheets.values()))[0]
    return page.where(1, page.meta_column)


@dataclass
class Context:
    """What every table's reader needs: the layout, the file's fields, the department."""

    layout: Layout
    data: dict[str, Any]
    department: dict[str, Any]

    @property
    def unit_names(self) -> dict[str, str]:
        return unit_names({"department": self.department})


@dataclass
class Out:
    """Where the values of one table are recorded (each value's document path → its cell), and the
    lines its file lists where the form prints more (`listed_lines`; None: every printed line is read)."""

    page: Page
    base: DocPath
    cells: dict[DocPath, Where]
    listed: dict[str, list[str]] | None = None

    def listed_on(self, side: str) -> list[str] | None:
        return None if self.listed is None else self.listed.get(side, [])

    def mark(self, path: DocPath, row: int, column_index: int) -> None:
        anchor = self.page.anchor(row, column_index)
        self.cells[self.base + path] = (self.page.name, *anchor)


def read_table(page: Page, shape: TableShape, stated: dict[str, Any], context: Context, out: Out) -> dict[str, Any]:
    """One table: the fields its title, 部门 and 单位 lines print, its body by the layout's shape, its note."""
    readers = {"grid": read_grid, "summary": read_summary, "fiscal_summary": read_fiscal_summary,
               "department_performance": read_department_performance}
    reader = readers.get(shape.spec.shape)
    if reader is None:
        raise WorkbookError(tr("cli.workbook.shape_not_supported", sheet=page.name, shape=shape.spec.shape))
    out.mark((), 1, 1)  # a finding on the whole table goes on its title
    table = table_fields(page, shape, stated, context, out)
    body, end = reader(page, shape, context, out)
    table.update(body)
    note_row, note = note_after(page, end)
    if note:
        table["note"] = note
        out.mark(("note",), note_row, 1)
    return table


def table_fields(page: Page, shape: TableShape, stated: dict[str, Any], context: Context,
                 out: Out) -> dict[str, Any]:
    """The title, unit and department name as the sheet prints them. Each is written to the file when
    the file stated it (the budgetlint column says so) or when the sheet prints another value than the
    layout and the file's own give."""
    spec, layout = shape.spec, context.layout
    printed: dict[str, tuple[str, int, int]] = {}
    template = str(spec.raw.get("heading") or layout.raw.get("table_heading") or "{title}")
    names = {"year": text(context.data.get("fiscal_year")), "number": spec.number}
    before, _, after = fill(template, **names, title=_SENTINEL).partition(_SENTINEL)
    heading = page.text(1, 1)
    if not (heading.startswith(before) and heading.endswith(after) and len(heading) > len(before) + len(after)):
        raise WorkbookError(tr("cli.workbook.title", where=page.where(1, 1), heading=heading,
                               title=fill(template, **names, title=spec.title), layout=layout.name, label=spec.label))
    printed["title"] = (heading[len(before): len(heading) - len(after)], 1, 1)
    if shape.line_row is not None:
        if spec.raw.get("department_line", True):
            label = f"{text(layout.raw.get('department_line_label')) or '部门名称'}："
            line = page.text(shape.line_row, 1)
            if not line.startswith(label):
                raise WorkbookError(tr("cli.workbook.not_line", where=page.where(shape.line_row, 1), line=line,
                                       label=label))
            printed["department_name"] = (line[len(label):], shape.line_row, 1)
        if spec.raw.get("unit_line", True):
            printed["amount_unit"] = unit_line(page, shape.line_row)
    if _dict(spec.raw.get("form")).get("department_name"):  # a form prints it in its 部门名称 row (预算12表)
        printed["department_name"] = (page.text(shape.top_row, 2), shape.top_row, 2)
    defaults = {"title": spec.title, "department_name": text(context.department.get("name")),
                "amount_unit": spec.unit or text(context.data.get("amount_unit")) or layout.amount_unit}
    fields: dict[str, Any] = {name: value for name, value in stated.items() if name not in printed}
    for name in ("amount_unit", "title", "department_name"):
        if name in printed:
            value, row, column_index = printed[name]
            if name in stated or value != defaults[name]:
                fields[name] = value
                out.mark((name,), row, column_index)
    return fields


def unit_line(page: Page, row: int) -> tuple[str, int, int]:
    """The table's unit, as its 单位：万元 cell prints it (at the right end of the line)."""
    for index in range(page.meta_column - 1, 0, -1):
        line = page.text(row, index)
        if line.startswith("单位："):
            unit = line[len("单位："):].strip()
            if unit not in ("元", "万元"):
                raise WorkbookError(tr("cli.workbook.bad_unit", where=page.where(row, index), unit=unit))
            return unit, row, index
    raise WorkbookError(tr("cli.workbook.no_unit", where=page.where(row, page.meta_column - 1)))


def note_after(page: Page, end: int) -> tuple[int, str]:
    """The note printed under a table (its row and text; 0 and "" when there is none). Anything else
    under the table is refused rather than dropped."""
    row = end
    while row <= page.sheet.max_row and page.blank(row):
        row += 1
    if row > page.sheet.max_row:
        return 0, ""
    note = page.text(row, 1)
    for later in range(row + 1, page.sheet.max_row + 1):
        if not page.blank(later):
            raise WorkbookError(tr("cli.workbook.row_under_note", where=page.where(later, 1)))
    if not note.strip() or any(page.text(row, index).strip() for index in range(2, page.meta_column + 1)):
        raise WorkbookError(tr("cli.workbook.row_not_note", where=page.where(row, 1)))
    return row, note


def check_header(page: Page, header: list[list[Cell]], first: int, layout: Layout, spec: TableSpec) -> None:
    """Every header cell where render places it, with the layout's words."""
    placed, _, _ = place(header)
    for offset, column_offset, cell in placed:
        row, column_index = first + offset, column_offset + 1
        found = page.text(row, column_index)
        if found.strip() != cell.text.strip():
            raise WorkbookError(tr("cli.workbook.header", where=page.where(row, column_index), found=found,
                                   layout=layout.name, expected=cell.text, label=spec.label))


# ---------------------------------------------------------------------------------------------------
# Grid tables


def read_grid(page: Page, shape: TableShape, context: Context, out: Out) -> tuple[dict[str, Any], int]:
    """A grid table: its 合计 line, units and their rows, the table's own rows, footer lines."""
    check_header(page, shape.header, shape.top_row, context.layout, shape.spec)
    end = page.end_of_body(shape.body_row)
    reader = GridReader(page, shape, context, out)
    row = shape.body_row
    while row < end:
        row += reader.line(row)
    return reader.table(), end


class GridReader:
    """The lines of a grid table, read one after the other into units, rows, 合计 and footer."""

    def __init__(self, page: Page, shape: TableShape, context: Context, out: Out) -> None:
        self.page, self.shape, self.context, self.out = page, shape, context, out
        spec = shape.spec.raw
        self.totals_label = text(spec.get("totals_label", "合计"))
        self.footers = {text(entry.get("label")): column(text(entry.get("amount")))
                        for entry in _dicts(spec.get("footer"))}
        self.splits = {name: [int(length) for length in lengths]
                       for name, lengths in (spec.get("code_split") or {}).items()}
        self.totals: dict[str, Any] | None = None
        self.units: list[dict[str, Any]] = []
        self.rows: list[dict[str, Any]] = []
        self.footer: dict[str, Any] = {}

    def line(self, row: int) -> int:
        """Read the line starting at `row`; how many worksheet rows it takes."""
        page = self.page
        if (row, 1) in page.covered:
            raise WorkbookError(tr("cli.workbook.inside_merged", where=page.where(row, 1)))
        height = page.height(row, 1)
        key = page.key(row) or {"line": self.kind(row)}
        line = key["line"]
        hidden = {name: value for name, value in key.items() if name != "line" and isinstance(value, str)}
        if line == "totals":
            self.read_totals(row)
        elif line == "footer":
            self.read_footer(row)
        elif line == "unit":
            path: DocPath = ("units", len(self.units))
            entry = self.fields(row, "unit", hidden, path)
            self.amounts(row, entry, path)
            entry["rows"] = []
            self.units.append(entry)
        elif line in ("unit_row", "row"):
            if line == "unit_row" and not self.units:
                raise WorkbookError(tr("cli.workbook.unit_row_first", where=page.where(row, page.meta_column)))
            rows = self.units[-1]["rows"] if line == "unit_row" else self.rows
            path = ("units", len(self.units) - 1, "rows", len(rows)) if line == "unit_row" else ("rows", len(rows))
            entry = self.fields(row, "row", hidden, path)
            self.amounts(row, entry, path)
            self.targets(row, height, entry, path)
            rows.append(entry)
        else:
            raise WorkbookError(tr("cli.workbook.unknown_line", where=page.where(row, page.meta_column), line=line))
        return height

    def kind(self, row: int) -> str:
        """What a line without a key is (a row a clerk inserted): 合计 or a footer line by its label,
        else a row of the unit above (a row of the table where there is no unit)."""
        if self.shape.label_span == 0:
            return "totals"  # a table without label columns (三公经费) is its one line of figures
        label = self.page.text(row, 1).strip()
        if self.totals_label and label == self.totals_label:
            return "totals"
        if label in self.footers:
            return "footer"
        return "unit_row" if self.units else "row"

    def read_totals(self, row: int) -> None:
        if self.totals is not None:
            raise WorkbookError(tr("cli.workbook.second_totals", where=self.page.where(row, 1)))
        entry: dict[str, Any] = {}
        self.out.mark(("totals",), row, 1)
        self.amounts(row, entry, ("totals",))
        self.totals = entry

    def read_footer(self, row: int) -> None:
        label = self.page.text(row, 1).strip()
        if label not in self.footers:
            raise WorkbookError(tr("cli.workbook.not_footer", where=self.page.where(row, 1), label=label,
                                   footers=", ".join(self.footers)))
        target = self.footers[label]
        column_index = self.shape.label_span + 1
        value = self.page.amount(row, column_index, label)
        self.out.mark(("footer", *target), row, column_index)
        if value is not None:
            _set(self.footer, target, value)

    def fields(self, row: int, line: str, hidden: dict[str, str], path: DocPath) -> dict[str, Any]:
        """A line's text fields: code pieces joined, names as printed, looked-up fields from the key,
        identities the form does not print first (as a file writes them)."""
        page = self.page
        self.out.mark(path, row, 1)
        looked_up = {text(leaf["row"]) for leaf in self.shape.leaves if line == "row" and leaf.get("lookup")}
        entry: dict[str, Any] = {name: hidden[name] for name in IDENTITY_FIELDS
                                 if name in hidden and name not in looked_up}
        pieces: dict[str, list[tuple[int, int]]] = {}
        for index, leaf in enumerate(self.shape.leaves, 1):
            name = text(leaf.get("unit") if line == "unit" else leaf.get("row"))
            if not name:
                continue
            if line == "row" and "part" in leaf:
                pieces.setdefault(name, []).append((int(leaf["part"]), index))
                entry.setdefault(name, "")  # the field's place among the others
                continue
            value = self.looked_up(row, index, name, hidden) if name in looked_up else page.text(row, index)
            if value:
                entry[name] = value
                self.out.mark(path + (name,), row, index)
        for name, parts in pieces.items():
            code = self.join(row, name, sorted(parts))
            if code:
                entry[name] = code
                self.out.mark(path + (name,), row, min(parts)[1])
        for name, value in hidden.items():
            entry.setdefault(name, value)
        return {name: value for name, value in entry.items() if value != ""}

    def looked_up(self, row: int, index: int, name: str, hidden: dict[str, str]) -> str:
        """A field the form prints through a lookup (a project's unit, by the unit's name): its value is
        the key's; the cell must still show that value's name (it is not edited in the workbook)."""
        value = hidden.get(name, "")
        shown = self.page.text(row, index)
        names = self.context.unit_names
        if value and shown != names.get(value, value) or not value and shown:
            raise WorkbookError(tr("cli.workbook.name_changed", where=self.page.where(row, index), shown=shown,
                                   name=name, value=value or say("cli.workbook.none")))
        return value

    def join(self, row: int, name: str, parts: list[tuple[int, int]]) -> str:
        """A code from its printed pieces (类 | 款 | 项): filled pieces, left to right, with no gap."""
        lengths = self.splits.get(name, [])
        texts = [self.page.code(row, index, lengths[part] if part < len(lengths) - 1 else None)
                 for part, index in parts]
        filled = [piece for piece in texts if piece]
        if texts[: len(filled)] != filled:
            raise WorkbookError(tr("cli.workbook.code_cells", where=self.page.where(row, parts[0][1]),
                                   cells=" | ".join(texts)))
        return "".join(filled)

    def amounts(self, row: int, entry: dict[str, Any], path: DocPath) -> None:
        for index, target in self.shape.amount_columns():
            value = self.page.amount(row, index, self.shape.labels[index - 1])
            self.out.mark(path + target, row, index)  # blank too: a finding may be about a missing figure
            if value is not None:
                _set(entry, target, value)

    def targets(self, row: int, height: int, entry: dict[str, Any], path: DocPath) -> None:
        """Performance targets: a target kind's columns (三级指标, 指标值) on each printed row of the line
        hold one target of that kind."""
        found: dict[str, dict[int, dict[str, tuple[str, int]]]] = {}  # kind → row offset → field → (text, column)
        for index, leaf in enumerate(self.shape.leaves, 1):
            kind = text(leaf.get("target"))
            for offset in range(height) if kind else ():
                value = self.page.text(row + offset, index)
                if value:
                    found.setdefault(kind, {}).setdefault(offset, {})[text(leaf.get("field")) or "name"] = (value, index)
        targets: dict[str, Any] = {}
        for kind, lines in found.items():
            targets[kind] = []
            for offset in sorted(lines):
                where = path + ("targets", kind, len(targets[kind]))
                for name, (_, index) in lines[offset].items():
                    self.out.mark(where + (name,), row + offset, index)
                self.out.mark(where, row + offset, min(index for _, index in lines[offset].values()))
                targets[kind].append({name: value for name, (value, _) in lines[offset].items()})
        if targets:
            entry["targets"] = targets

    def table(self) -> dict[str, Any]:
        table: dict[str, Any] = {}
        if self.totals:
            table["totals"] = self.totals
        for unit in self.units:
            if not unit["rows"]:
                del unit["rows"]  # a unit line without rows under it (the file writes none)
        if self.units:
            table["units"] = self.units
        if self.rows:
            table["rows"] = self.rows
        if self.footer:
            table["footer"] = self.footer
        if not (self.units or self.rows or self.totals or self.footer) and self.shape.label_span:
            # an empty table (本表无数据): the file writes its list of lines empty
            has_units = any(leaf.get("unit") for leaf in self.shape.leaves)
            table["units" if has_units else "rows"] = []
        return table


# ---------------------------------------------------------------------------------------------------
# The two-sided tables: 收支总表 and 财政拨款收支总表


@dataclass
class Sides:
    """The columns of a two-sided table: each side's label column and amount columns (1-based)."""

    left_label: int
    left_amounts: list[int]
    right_label: int
    right_amounts: list[int]


def sides(shape: TableShape) -> Sides:
    """The header's two top-level groups are the 收入 and 支出 sides, each a label column then its amounts."""
    widths = [len(build_header([root])[1]) for root in header_of(shape.spec.raw)]
    if len(widths) != 2:
        raise WorkbookError(tr("cli.workbook.not_two_sides", sheet=shape.sheet, label=shape.spec.label))
    left, right = widths
    return Sides(1, list(range(2, left + 1)), left + 1, list(range(left + 2, left + right + 1)))


def label_name(spec: TableSpec, entry: dict[str, Any], label: str) -> str | None:
    """The name in a printed label of a fixed line (`一、一般公共预算` → 一般公共预算), by the same label
    function render prints it with; None when the label is not printed with the entry's ordinal."""
    before, _, after = _ordinal_label(spec.raw, entry, {"name": _SENTINEL}).partition(_SENTINEL)
    if label.startswith(before) and label.endswith(after) and len(label) > len(before) + len(after):
        return label[len(before): len(label) - len(after)]
    return None


class ClassRows:
    """The 类 rows on the 支出 side, each known by the code its key gives (`side_keys`); a row without
    a key (a row a clerk added, or a 类 the form prints that the file does not list) by its ordinal in
    a form with fixed ordinals, by its name in one numbered consecutively (Shanghai)."""

    def __init__(self, page: Page, spec: TableSpec, listed: list[str] | None) -> None:
        self.page, self.spec, self.listed = page, spec, listed
        self.classes = [entry for entry in _dicts(spec.raw.get("expenditure_rows")) if "code" in entry]
        self.consecutive = spec.raw.get("ordinals") == "consecutive"
        self.printed = 0  # 类 lines printed so far (the consecutive ordinals count them)
        self.rows: list[dict[str, Any]] = []

    def read(self, row: int, column_index: int, label: str, places: list[tuple[int, tuple[str, ...]]],
             out: Out, base: DocPath) -> None:
        code, name = self.identify(row, column_index, label)
        if _form_only(self.page, row, places, label, self.listed, code):
            return
        path = base + (len(self.rows),)
        out.mark(path, row, column_index)
        self.rows.append({"code": code, "name": name, **read_amounts(self.page, row, places, label, out, path)})

    def identify(self, row: int, column_index: int, label: str) -> tuple[str, str]:
        where = self.page.where(row, column_index)
        self.printed += 1
        code = text((self.page.key(row) or {}).get("code")) or None
        if self.consecutive:
            entry: dict[str, Any] | None = {"ordinal": chinese_number(self.printed)}
        elif code is not None:
            entry = next((item for item in self.classes if text(item["code"]) == code), {})
        else:
            entry = _by_ordinal(self.spec, self.classes, label)
        name = label_name(self.spec, entry, label) if entry is not None else None
        if code is None and self.consecutive:
            code = next((text(item["code"]) for item in self.classes if text(item.get("name")) == name), None)
        elif code is None and entry:
            code = text(entry["code"])
        if name is None or code is None:
            by = say("cli.workbook.by_name") if self.consecutive else say("cli.workbook.by_ordinal")
            raise WorkbookError(tr("cli.workbook.not_class", where=where, label=label, table=self.spec.label, by=by))
        return code, name


def _by_ordinal(spec: TableSpec, entries: list[dict[str, Any]], label: str) -> dict[str, Any] | None:
    """The layout line a label is printed as, by its ordinal: the entry whose printed prefix it has (the
    longest, so 十一、 is not 一、); None when none fits."""
    fitting = [(len(_ordinal_label(spec.raw, entry, {"name": _SENTINEL}).partition(_SENTINEL)[0]), position)
               for position, entry in enumerate(entries) if label_name(spec, entry, label) is not None]
    return entries[max(fitting)[1]] if fitting else None


def _form_only(page: Page, row: int, places: list[tuple[int, tuple[str, ...]]], label: str,
               listed: list[str] | None, identity: str) -> bool:
    """A line the form prints but the file does not list, still without a figure: not written back."""
    return listed is not None and identity not in listed and all(
        page.amount(row, index, label) is None for index, _ in places)


def read_amounts(page: Page, row: int, places: list[tuple[int, tuple[str, ...]]], label: str,
                 out: Out, path: DocPath) -> dict[str, Any]:
    """The amounts of one line of a side, nested by their columns."""
    values: dict[str, Any] = {}
    for index, target in places:
        value = page.amount(row, index, label)
        out.mark(path + target, row, index)  # blank too: a finding may be about a missing figure
        if value is not None:
            _set(values, target, value)
    return values


def expect_label(page: Page, row: int, column_index: int, wanted: str) -> None:
    found = page.text(row, column_index)
    if found.strip() != wanted.strip():
        raise WorkbookError(tr("cli.workbook.label", where=page.where(row, column_index), found=found, wanted=wanted))


def read_summary(page: Page, shape: TableShape, context: Context, out: Out) -> tuple[dict[str, Any], int]:
    """预算01表 / 表1: 收入 rows by the layout's `revenue_rows` (with their 其中 lines), 支出 rows by 类,
    then the closing lines (本年收入合计 …), which are the last rows of the table."""
    spec = shape.spec
    check_header(page, shape.header, shape.top_row, context.layout, spec)
    columns = sides(shape)
    end = page.end_of_body(shape.body_row)
    closing = _dicts(spec.raw.get("closing"))
    last = end - len(closing)
    if last < shape.body_row:
        raise WorkbookError(tr("cli.workbook.too_few_rows", where=page.where(shape.body_row, 1)))
    revenue = read_revenue_rows(page, shape, columns, range(shape.body_row, last), out, out.listed_on("revenue"))
    classes = ClassRows(page, spec, out.listed_on("expenditure"))
    names: list[tuple[str, ...]] = [(text(name),) for name in spec.raw.get("expenditure_columns") or ["amount"]]
    right = list(zip(columns.right_amounts, names))
    for row in range(shape.body_row, last):
        label = page.text(row, columns.right_label)
        if label:
            classes.read(row, columns.right_label, label, right, out, ("expenditure",))
    table: dict[str, Any] = {"revenue": revenue, "expenditure": classes.rows}
    for offset, pair in enumerate(closing):
        row = last + offset
        left: list[tuple[int, tuple[str, ...]]] = [(columns.left_amounts[0], ("amount",))]
        for side, label_column, places in (("revenue", columns.left_label, left),
                                           ("expenditure", columns.right_label, right)):
            entry = _dict(pair.get(side))
            expect_label(page, row, label_column, text(entry.get("label")))
            name = text(entry.get("field"))
            values = read_amounts(page, row, places, name, out, (name,))
            out.mark((name,), row, places[0][0])
            if set(values) == {"amount"}:
                table[name] = values["amount"]  # a closing figure printed in one column
            elif values:
                table[name] = values  # a 支出总计 printed in each column (单位预算)
    return table, end


def read_revenue_rows(page: Page, shape: TableShape, columns: Sides, rows: range, out: Out,
                      listed: list[str] | None) -> list[dict[str, Any]]:
    """The 收入 side of a 收支总表: each line known by the source its key gives (`side_keys`), else by the
    ordinal of the layout's `revenue_rows` it is printed with; named as printed; each followed by its
    其中：财政拨款 line where the form prints one."""
    spec = shape.spec
    entries = _dicts(spec.raw.get("revenue_rows"))
    place = columns.left_amounts[0]
    read: list[dict[str, Any]] = []
    source = ""
    fiscal_label = ""  # the 其中 line that may follow the last 收入 line read
    for row in rows:
        label = page.text(row, columns.left_label)
        if not label:
            continue
        if fiscal_label and label == fiscal_label:
            if read and read[-1]["source"] == source:
                read[-1].update(read_amounts(page, row, [(place, ("fiscal",))], label, out, ("revenue", len(read) - 1)))
            fiscal_label = ""
            continue
        source = text((page.key(row) or {}).get("source"))
        entry = next((item for item in entries if text(item.get("source")) == source), {}) if source \
            else _by_ordinal(spec, entries, label)
        name = label_name(spec, entry, label) if entry is not None else None
        if entry is None or name is None:
            raise WorkbookError(tr("cli.workbook.not_revenue_line", where=page.where(row, columns.left_label),
                                   label=label))
        source = source or text(entry.get("source"))
        fiscal_label = text(entry.get("fiscal") or spec.raw.get("fiscal_label"))
        if _form_only(page, row, [(place, ("amount",))], label, listed, source):
            continue
        line: dict[str, Any] = {"source": source}
        if entry.get("of"):
            line["of"] = text(entry["of"])  # the row it is part of: the layout's, not printed
        line["name"] = name
        path: DocPath = ("revenue", len(read))
        out.mark(path, row, columns.left_label)
        line.update(read_amounts(page, row, [(place, ("amount",))], label, out, path))
        read.append(line)
    return read


def read_fiscal_summary(page: Page, shape: TableShape, context: Context, out: Out) -> tuple[dict[str, Any], int]:
    """预算04表 / 表4: the layout's 收入 lines in their order; on the 支出 side its fixed lines
    (本年支出, 年终结转结余 …) and the 类 rows; the last row holds 收入合计 and 支出合计."""
    spec = shape.spec
    check_header(page, shape.header, shape.top_row, context.layout, spec)
    columns = sides(shape)
    end = page.end_of_body(shape.body_row)
    last = end - 1
    if last < shape.body_row:
        raise WorkbookError(tr("cli.workbook.no_rows", where=page.where(shape.body_row, 1)))
    lines = _dicts(spec.raw.get("revenue_lines"))
    place = columns.left_amounts[0]
    revenue: dict[str, Any] = {}
    position = 0
    for row in range(shape.body_row, last):
        label = page.text(row, columns.left_label)
        if not label:
            continue
        if position >= len(lines):
            raise WorkbookError(tr("cli.workbook.revenue_after_last", where=page.where(row, columns.left_label),
                                   label=label))
        expect_label(page, row, columns.left_label, text(lines[position].get("label")))
        target = column(text(lines[position].get("amount")))
        _merge(revenue, read_amounts(page, row, [(place, target)], label, out, ("revenue",)))
        position += 1
    if position < len(lines):
        raise WorkbookError(tr("cli.workbook.revenue_ends_early", where=page.where(last, columns.left_label),
                               label=text(lines[position].get("label"))))
    total = _dict(spec.raw.get("revenue_total"))
    expect_label(page, last, columns.left_label, text(total.get("label")))
    _merge(revenue, read_amounts(page, last, [(place, column(text(total.get("amount")) or "total"))],
                                 text(total.get("label")), out, ("revenue",)))
    expenditure = read_fiscal_expenditure(page, shape, columns, context, range(shape.body_row, last), out)
    closing = _dict(spec.raw.get("expenditure_total"))
    expect_label(page, last, columns.right_label, text(closing.get("label")))
    group = text(closing.get("field")) or "totals"
    values = read_amounts(page, last, _right_places(shape, columns), group, out, ("expenditure", group))
    if values:
        expenditure[group] = values
    return {"revenue": revenue, "expenditure": expenditure}, end


def read_fiscal_expenditure(page: Page, shape: TableShape, columns: Sides, context: Context, rows: range,
                            out: Out) -> dict[str, Any]:
    spec = shape.spec.raw
    fixed = {}
    first, last = _dict(spec.get("expenditure_first")), _dict(spec.get("expenditure_last"))
    if first:
        fixed[text(first.get("label"))] = "this_year"  # render prints 本年支出 from the `this_year` group
    if last:
        fixed[text(last.get("label"))] = text(last.get("field")) or "carryover_out"
    fixed.update({text(entry.get("label")): text(entry.get("field")) for entry in _dicts(spec.get("expenditure_after"))})
    places = _right_places(shape, columns)
    classes = ClassRows(page, shape.spec, out.listed_on("expenditure"))
    expenditure: dict[str, Any] = {}
    for row in rows:
        label = page.text(row, columns.right_label)
        if not label:
            continue
        if label in fixed:
            values = read_amounts(page, row, places, label, out, ("expenditure", fixed[label]))
            if values:
                expenditure[fixed[label]] = values
            continue
        expenditure.setdefault("rows", classes.rows)
        classes.read(row, columns.right_label, label, places, out, ("expenditure", "rows"))
    return expenditure


def _right_places(shape: TableShape, columns: Sides) -> list[tuple[int, tuple[str, ...]]]:
    """The 支出 side's amount columns: its header leaves with `amount:`, in printed order."""
    right = shape.leaves[columns.right_label - 1:]
    return [(index, column(text(leaf["amount"])))
            for index, leaf in zip(range(columns.right_label, columns.right_label + len(right)), right)
            if leaf.get("amount")]


# ---------------------------------------------------------------------------------------------------
# 预算12表: the department's targets form, then its indicator table


def read_department_performance(page: Page, shape: TableShape, context: Context,
                                out: Out) -> tuple[dict[str, Any], int]:
    """The form (部门名称, 年度履职目标, 任务, 预算情况), a blank row, then the indicator table."""
    form = _dict(shape.spec.raw.get("form"))
    row = shape.top_row
    table: dict[str, Any] = {}
    expect_label(page, row, 1, text(form.get("department_name")))  # its name is read with the table's fields
    expect_label(page, row + 1, 1, text(form.get("annual_goal")))
    if page.text(row + 1, 2):
        table["annual_goal"] = page.text(row + 1, 2)
        out.mark(("annual_goal",), row + 1, 2)
    row = _read_tasks(page, row + 2, _dict(form.get("tasks")), table, out)
    row = _read_budget_lines(page, row, _dict(form.get("budget")), table, out)
    while row <= page.sheet.max_row and page.blank(row):
        row += 1
    check_header(page, shape.header, row, context.layout, shape.spec)
    first = row + len(shape.header)
    end = page.end_of_body(first)
    indicators = [_indicator(page, indicator_row, shape, number, out)
                  for number, indicator_row in enumerate(range(first, end))]
    if indicators:
        table["indicators"] = indicators
    return table, end


def _read_tasks(page: Page, row: int, spec: dict[str, Any], table: dict[str, Any], out: Out) -> int:
    """年度主要任务: its label spans the heading row and one row per task (名称, 内容); the next row."""
    expect_label(page, row, 1, text(spec.get("label")))
    for offset, heading in enumerate([text(label) for label in spec.get("columns") or []][:2]):
        expect_label(page, row, 2 + offset, heading)
    tasks: list[dict[str, str]] = []
    for task_row in range(row + 1, row + page.height(row, 1)):
        task = {name: value for name, value in (("name", page.text(task_row, 2)), ("content", page.text(task_row, 3)))
                if value}
        if task:
            out.mark(("tasks", len(tasks)), task_row, 2)
            out.mark(("tasks", len(tasks), "name"), task_row, 2)
            out.mark(("tasks", len(tasks), "content"), task_row, 3)
            tasks.append(task)
    if tasks:
        table["tasks"] = tasks
    return row + page.height(row, 1)


def _read_budget_lines(page: Page, row: int, spec: dict[str, Any], table: dict[str, Any], out: Out) -> int:
    """预算情况: one amount per line of the layout (部门预算总额, 资金来源 …); the next row."""
    lines = _dicts(spec.get("lines"))
    budget: dict[str, Any] = {}
    if lines:
        expect_label(page, row, 1, text(spec.get("label")))
        out.mark(("budget",), row, 1)
    for offset, line in enumerate(lines):
        expect_label(page, row + offset, 2, text(line.get("label")))
        _merge(budget, read_amounts(page, row + offset, [(3, column(text(line.get("amount"))))],
                                    text(line.get("label")), out, ("budget",)))
    if budget:
        table["budget"] = budget
    return row + len(lines)


def _indicator(page: Page, row: int, shape: TableShape, number: int, out: Out) -> dict[str, Any]:
    """One row of the indicator table; 一级/二级指标 merged over several rows are read on each of them."""
    entry: dict[str, Any] = {}
    out.mark(("indicators", number), row, 1)
    for index, leaf in enumerate(shape.leaves, 1):
        value = page.shown(row, index)
        if value and leaf.get("row"):
            entry[text(leaf["row"])] = value
            out.mark(("indicators", number, text(leaf["row"])), row, index)
    return entry


# ---------------------------------------------------------------------------------------------------
# Small helpers


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _set(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """`target[a][b] = value` for the column (a, b), making the groups on the way."""
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def _merge(into: dict[str, Any], values: dict[str, Any]) -> None:
    """Put `values` into `into`, group by group (this_year.total, then this_year.gov_fund beside it)."""
    for name, value in values.items():
        if isinstance(value, dict) and isinstance(into.get(name), dict):
            _merge(into[name], value)
        else:
            into[name] = value


def _count_amounts(value: Any) -> int:
    if isinstance(value, Decimal):
        return 1
    if isinstance(value, dict):
        return sum(_count_amounts(item) for item in value.values())
    if isinstance(value, list):
        return sum(_count_amounts(item) for item in value)
    return 0
