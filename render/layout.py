"""The disclosure laid out as the layout prints it: parts, then every table as a grid of cells.

Both renderers (Markdown and HTML) read this model, so they show the same rows, labels and figures.
A grid's header is a list of rows of cells with rowspan/colspan (as on the printed form); its body
likewise. Cells hold text only: amounts are already formatted (two decimals, blank when absent), and
nothing is escaped here — each renderer escapes for its own output.

Totals the file leaves out are computed here (`computed=True` on the cell): the 合计 row of a grid
from its units or rows, a unit's subtotal from its rows, a 类/款 row from the rows under it, subtotal
columns from the layout's `column_sums`, and the closing lines of the two summary tables.

Every cell, block and row knows the document path it shows (`tables.expenditure.units[0].rows[3].total`,
the paths of findings), so that render.findings can put each finding on its cell.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from budgetlint.layout import fill, layout_for, table_specs
from budgetlint.model import add_into, money
from budgetlint.tables import fill_row_sums, parent_positions

from .values import (
    Column,
    Flat,
    add_all,
    as_dict,
    as_dicts,
    column,
    column_sums,
    flat_amounts,
    format_amount,
    indexed_dicts,
    text,
    value_at,
)


@dataclass
class Note:
    """A finding as the disclosure shows it: numbered in the page, with its place in the layout's words."""

    number: int
    severity: str  # error | warning
    rule: str
    rule_name: str
    message: str
    place: str
    path: str  # the finding's document path
    anchor: str = ""  # the id of the page element it is on (its cell, its table or part), "" if none
    line: int = 0  # its line in the budget file


@dataclass
class Cell:
    text: str = ""
    kind: str = "text"  # text | amount | label | head | code
    rowspan: int = 1
    colspan: int = 1
    computed: bool = False
    path: str = ""  # the document path of the value shown ("" for a heading or a blank)
    row: str = ""  # the document path of the row (or line) the cell belongs to
    notes: list[Note] = field(default_factory=list)  # the findings on this cell (render.findings)


@dataclass
class Grid:
    """One printed table: header rows, body rows, and a flat label per column (for Markdown)."""

    header: list[list[Cell]]
    columns: list[str]
    body: list[list[Cell]]
    css: str = ""
    row_kinds: list[str] = field(default_factory=list)  # per body row: totals | unit | row ("" if n/a)


@dataclass
class TableBlock:
    key: str
    number: str
    label: str  # 预算03表
    heading: str  # 2023年部门支出预算表
    subtitle: str = ""
    department_line: str = ""
    unit_line: str = ""
    grids: list[Grid] = field(default_factory=list)
    note: str = ""
    notes: list[Note] = field(default_factory=list)  # the findings on its cells, in the order marked


@dataclass
class Block:
    """A piece of a part: a heading (h3/h4) or a paragraph (p), optionally with a bold lead."""

    kind: str
    text: str
    lead: str = ""
    path: str = ""  # the document path it shows (`narrative[3]` for a heading, `narrative[3].text`)


@dataclass
class Part:
    key: str
    label: str  # 第一部分
    heading: str
    title: str  # 第一部分 部门概况 (table of contents)
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Disclosure:
    title: str
    department: str
    year: str
    parts: list[Part]
    annex_heading: str
    tables: list[TableBlock]
    notes: list[Note] = field(default_factory=list)  # findings that are not on a table cell
    checked: bool = False  # findings were put on it (render.findings.annotate), even if there are none


# ---------------------------------------------------------------- the whole document


def layout_disclosure(data: dict[str, Any], only_table: str | None = None,
                      layout: dict[str, Any] | None = None) -> Disclosure:
    """The disclosure of one budget; with `only_table` (a table key), that table alone and no parts.

    The layout defaults to the one the file names (`layout: henan-2023`).
    """
    layout = layout if layout is not None else layout_for(data).raw
    department = as_dict(data.get("department"))
    names = {"year": text(data.get("fiscal_year")), "department": text(department.get("name"))}
    specs = [spec for spec in table_specs(layout) if only_table is None or spec["key"] == only_table]
    return Disclosure(
        title=fill(layout.get("document_title"), **names),
        department=names["department"],
        year=names["year"],
        parts=[] if only_table else layout_parts(data, layout, names),
        annex_heading="" if only_table else fill(layout.get("annex_heading"), **names),
        tables=[layout_table(data, layout, spec) for spec in specs],
    )


def paragraphs(value: Any) -> list[str]:
    """Paragraphs of a text field: separated by blank lines, as in the file."""
    return [chunk.strip() for chunk in text(value).replace("\r\n", "\n").split("\n\n") if chunk.strip()]


def layout_parts(data: dict[str, Any], layout: dict[str, Any], names: dict[str, str]) -> list[Part]:
    builders = {"overview": overview_blocks, "narrative": narrative_blocks, "glossary": glossary_blocks}
    parts = []
    for spec in layout.get("parts") or []:
        builder = builders.get(spec.get("key"))
        if builder is None:
            continue
        parts.append(Part(spec["key"], text(spec.get("label")), fill(spec.get("heading"), **names),
                          text(spec.get("title")), builder(data, spec, layout)))
    return parts


def overview_blocks(data: dict[str, Any], spec: dict[str, Any], layout: dict[str, Any]) -> list[Block]:
    department = as_dict(data.get("department"))
    blocks = []
    for section in as_dicts(spec.get("sections")):
        number = fill(layout.get("section_number"), number=text(section.get("number")))
        path = f"department.{text(section.get('field'))}"
        blocks.append(Block("h3", number + text(section.get("title")), path=path))
        blocks += [Block("p", paragraph, path=path)
                   for paragraph in paragraphs(department.get(text(section.get("field"))))]
    return blocks


def narrative_blocks(data: dict[str, Any], spec: dict[str, Any], layout: dict[str, Any]) -> list[Block]:
    return list(_sections(data.get("narrative"), layout, ("h3", "h4"), "narrative"))


def _sections(sections: Any, layout: dict[str, Any], levels: tuple[str, ...], base: str) -> Iterable[Block]:
    number_format = layout.get("section_number") if levels[0] == "h3" else layout.get("subsection_number")
    for index, section in indexed_dicts(sections):
        path = f"{base}[{index}]"
        number = fill(number_format, number=text(section.get("number"))) if section.get("number") else ""
        yield Block(levels[0], number + text(section.get("title")), path=path)
        yield from (Block("p", paragraph, path=path + ".text") for paragraph in paragraphs(section.get("text")))
        if len(levels) > 1:
            yield from _sections(section.get("subsections"), layout, levels[1:], path + ".subsections")


def glossary_blocks(data: dict[str, Any], spec: dict[str, Any], layout: dict[str, Any]) -> list[Block]:
    blocks = []
    for position, (index, entry) in enumerate(indexed_dicts(data.get("glossary")), start=1):
        number = fill(layout.get("glossary_number") or layout.get("section_number"), number=chinese_number(position))
        blocks.append(Block("p", text(entry.get("definition")), lead=f"{number}{text(entry.get('term'))}：",
                            path=f"glossary[{index}]"))
    return blocks


DIGITS = "零一二三四五六七八九"


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (for 1–99: glossary entries are numbered by position)."""
    if not 0 < value < 100:
        return str(value)
    tens, ones = divmod(value, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


# ---------------------------------------------------------------- one table


def layout_table(data: dict[str, Any], layout: dict[str, Any], spec: dict[str, Any]) -> TableBlock:
    tables = as_dict(data.get("tables"))
    table = as_dict(tables.get(spec["key"]))
    department = as_dict(data.get("department"))
    number = text(spec.get("number"))
    title = text(table.get("title")) or text(spec.get("title"))
    names = {"year": text(data.get("fiscal_year")), "title": title, "number": number}
    department_name = text(table.get("department_name")) or text(department.get("name"))
    unit = (text(table.get("amount_unit")) or text(spec.get("amount_unit")) or text(data.get("amount_unit"))
            or text(layout.get("amount_unit")) or "万元")
    builder = LAYOUTS.get(text(spec.get("shape")), grid_layout)
    return TableBlock(
        key=spec["key"],
        number=number,
        label=fill(layout.get("table_label"), number=number),
        heading=fill(spec.get("heading") or layout.get("table_heading"), **names),
        subtitle=fill(spec.get("subtitle"), **names),
        department_line=(f"{text(layout.get('department_line_label')) or '部门名称'}：{department_name}"
                         if spec.get("department_line", True) else ""),
        unit_line=f"单位：{unit}" if spec.get("unit_line", True) else "",
        grids=_number_format(builder(data, spec, table, layout), as_dict(layout.get("number_format"))),
        note=text(table.get("note")),
    )


def _number_format(grids: list[Grid], number_format: dict[str, Any]) -> list[Grid]:
    """Amounts as the layout prints them: with thousands separators where it uses them (91,016,775.35)."""
    separator = text(number_format.get("thousands"))
    if separator:
        for grid in grids:
            for row in grid.body:
                for cell in row:
                    if cell.kind == "amount" and cell.text:
                        whole, dot, cents = cell.text.partition(".")
                        sign = "-" if whole.startswith("-") else ""
                        digits = whole.lstrip("-")
                        if digits.isdigit():
                            grouped = f"{int(digits):,}".replace(",", separator)
                            cell.text = f"{sign}{grouped}{dot}{cents}"
    return grids


# ---------------------------------------------------------------- headers


def _depth(node: dict[str, Any]) -> int:
    children = as_dicts(node.get("children"))
    return 1 + max((_depth(child) for child in children), default=0)


def _leaf_count(node: dict[str, Any]) -> int:
    children = as_dicts(node.get("children"))
    return sum(_leaf_count(child) for child in children) if children else 1


def header_of(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """A table's header tree with the table's own words filled in (`{fund}` → 一般公共预算支出)."""
    def filled(node: dict[str, Any]) -> dict[str, Any]:
        out = {**node, "label": fill(node.get("label"), fund=text(spec.get("fund")))}
        if node.get("children"):
            out["children"] = [filled(child) for child in as_dicts(node["children"])]
        return out

    return [filled(node) for node in as_dicts(spec.get("header"))]


def build_header(tree: list[dict[str, Any]]) -> tuple[list[list[Cell]], list[dict[str, Any]], list[str]]:
    """Header rows with rowspan/colspan, the leaf specs in column order, and each leaf's full label."""
    depth = max((_depth(node) for node in tree), default=0)
    rows: list[list[Cell]] = [[] for _ in range(depth)]
    leaves: list[dict[str, Any]] = []
    labels: list[str] = []

    def place(node: dict[str, Any], level: int, path: tuple[str, ...]) -> None:
        label = text(node.get("label"))
        children = as_dicts(node.get("children"))
        if children:
            rows[level].append(Cell(label, "head", colspan=_leaf_count(node)))
            for child in children:
                place(child, level + 1, path + (label,))
        else:
            rows[level].append(Cell(label, "head", rowspan=depth - level))
            leaves.append(node)
            labels.append(" ".join(part for part in path + (label,) if part))

    for node in tree:
        place(node, 0, ())
    return rows, leaves, labels


# ---------------------------------------------------------------- grid tables


@dataclass
class Line:
    """A body row before it becomes cells: which kind of row, its data, its (filled) amounts."""

    kind: str  # totals | unit | row
    data: dict[str, Any]
    amounts: Flat
    computed: set[Column]
    all_computed: bool = False
    path: str = ""  # the document path of the row (of `totals` for the 合计 line); its cells' paths start so


def rows_at(value: Any, base: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of a list, and the document path of each (`base[3]`; a malformed item keeps its place)."""
    pairs = indexed_dicts(value)
    return [row for _, row in pairs], [f"{base}[{index}]" for index, _ in pairs]


def row_lines(rows: list[dict[str, Any]], paths: list[str] | None = None,
              sums: list[tuple[Column, list[Column]]] | None = None) -> list[Line]:
    """Data rows with their amounts; a 类/款 row printed without amounts gets the sum of the rows under it."""
    paths = paths or [""] * len(rows)
    sums = sums or []
    lines = [Line("row", row, *fill_row_sums(flat_amounts(row), sums), path=path) for row, path in zip(rows, paths)]
    codes = [text(row.get("code")) for row in rows]
    parents = parent_positions(codes)
    if not any(not lines[index].amounts for index in parents):
        return lines  # every 类/款 row prints its own amounts (the usual case)
    under = sums_under(codes, [line.amounts for line in lines], parents)
    for index in parents:
        if not lines[index].amounts:
            flat, _ = fill_row_sums(under[codes[index]], sums)
            lines[index] = Line("row", rows[index], flat, set(flat), all_computed=True, path=paths[index])
    return lines


def sums_under(codes: list[str], amounts: list[Flat], parents: set[int]) -> dict[str, Flat]:
    """For the code of each row at `parents`: the sum of the rows under it that have no rows under them.

    Linear after a sort, whatever the number of rows (asking each 类 row for the rows that start with its
    code took 28,000 rows minutes): in sorted order the codes under a code follow it, so a stack of open
    codes gives each code its nearest code above (the longest one that starts it); each row that has
    nothing under it is added to that code, and each code's sum to the one above it, deepest first.
    """
    totals: dict[str, Flat] = {codes[index]: {} for index in parents}
    above: dict[str, str] = {}
    stack: list[str] = []
    ordered = sorted({code for code in codes if code})
    for code in ordered:
        while stack and not code.startswith(stack[-1]):
            stack.pop()
        if stack:
            above[code] = stack[-1]
        stack.append(code)
    for index, code in enumerate(codes):
        if index not in parents and code in above:
            add_into(totals[above[code]], amounts[index])
    for code in reversed(ordered):  # a code's sum is complete before it is added to the code above it
        if code in totals and code in above:
            add_into(totals[above[code]], totals[code])
    return totals


def leaf_total(lines: list[Line]) -> Flat:
    """The sum of the rows that are not 类/款 subtotals of other rows (so nothing is counted twice)."""
    parents = parent_positions([text(line.data.get("code")) for line in lines])
    return add_all(line.amounts for i, line in enumerate(lines) if i not in parents)


def stated_or_sum(entry: dict[str, Any], key: str | None, parts: Iterable[Flat],
                  sums: list[tuple[Column, list[Column]]], kind: str, path: str = "") -> Line:
    """A subtotal line: the amounts the file states, or (when it states none) the sum of `parts`.
    `path` is the document path of `entry`."""
    stated = entry.get(key) if key else entry
    flat = flat_amounts(stated)
    path = f"{path}.{key}" if key else path
    if (key is None and flat) or (key is not None and isinstance(stated, dict)):
        flat, computed = fill_row_sums(flat, sums)
        return Line(kind, entry, flat, computed, path=path)
    flat, _ = fill_row_sums(add_all(parts), sums)
    return Line(kind, entry, flat, set(flat), all_computed=True, path=path)


def grid_lines(table: dict[str, Any], sums: list[tuple[Column, list[Column]]], base: str = "") -> list[Line]:
    """The 合计 line, then each unit's subtotal line followed by its rows (or the table's own rows).
    `base` is the table's document path (`tables.expenditure`)."""
    body: list[Line] = []
    unit_totals: list[Flat] = []
    for index, unit in indexed_dicts(table.get("units")):
        unit_path = f"{base}.units[{index}]"
        rows = row_lines(*rows_at(unit.get("rows"), unit_path + ".rows"), sums=sums)
        unit_line = stated_or_sum(unit, None, [leaf_total(rows)], sums, "unit", unit_path)
        unit_totals.append(unit_line.amounts)
        body += [unit_line] + rows
    own_rows = row_lines(*rows_at(table.get("rows"), base + ".rows"), sums=sums)
    body += own_rows
    totals = stated_or_sum(table, "totals", unit_totals + [leaf_total(own_rows)], sums, "totals", base)
    return [totals] + body


def split_code(code: str, lengths: list[int]) -> list[str]:
    """'2013202' by [3, 2, 2] → ['201', '32', '02']; a longer code keeps its rest in the last piece."""
    pieces, start = [], 0
    for index, length in enumerate(lengths):
        end = len(code) if index == len(lengths) - 1 else start + int(length)
        pieces.append(code[start:end])
        start = end
    return pieces


def unit_names(data: dict[str, Any]) -> dict[str, str]:
    department = as_dict(data.get("department"))
    names = {text(department.get("code")): text(department.get("name"))}
    names.update({text(unit.get("code")): text(unit.get("name")) for unit in as_dicts(department.get("units"))})
    return names


def label_text(spec: dict[str, Any], line: Line, splits: dict[str, list[int]], units: dict[str, str]) -> str:
    """What a label column shows on a data row or a unit row."""
    name = spec.get("row") if line.kind == "row" else spec.get("unit")
    if not name:
        return ""
    value = text(line.data.get(name))
    if line.kind == "row" and "part" in spec and name in splits:
        pieces = split_code(value, splits[name])
        part = int(spec["part"])
        return pieces[part] if part < len(pieces) else ""
    if line.kind == "row" and spec.get("lookup") == "unit_name":
        return units.get(value, value)
    return value


def at(base: str, path: Column | str) -> str:
    """A document path below `base`: at('tables.x.rows[3]', ('this_year', 'total')) → '….this_year.total'."""
    return ".".join([base, *([path] if isinstance(path, str) else path)]) if base else ""


def amount_cell(line: Line, path: Column) -> Cell:
    where = at(line.path, path)
    if path in line.amounts:
        return Cell(format_amount(line.amounts[path]), "amount",
                    computed=line.all_computed or path in line.computed, path=where)
    raw = value_at(line.data if line.kind != "totals" else line.data.get("totals"), path)
    return Cell(format_amount(raw) if raw is not None and not isinstance(raw, dict) else "", "amount", path=where)


def target_kinds(leaves: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(text(leaf["target"]) for leaf in leaves if leaf.get("target")))


def line_cells(line: Line, leaves: list[dict[str, Any]], spec: dict[str, Any], context: dict[str, Any]) -> list[list[Cell]]:
    """The cells of one line; a row with performance targets becomes several printed lines."""
    targets = as_dict(line.data.get("targets")) if line.kind == "row" else {}
    height = max([1] + [len(as_dicts(targets.get(kind))) for kind in context["target_kinds"]])
    first: list[Cell] = []
    label_span = context["label_span"]
    if line.kind == "totals" and label_span:
        first.append(Cell(text(spec.get("totals_label", "合计")), "label", colspan=label_span))
    for index, leaf in enumerate(leaves):
        if line.kind == "totals" and index < label_span:
            continue
        if leaf.get("target"):
            continue
        if leaf.get("amount"):
            cell = amount_cell(line, column(leaf["amount"]))
        else:
            kind = text(leaf.get("style")) or ("code" if leaf.get("row") in ("code", "gov_code", "unit") else "text")
            name = leaf.get("row") if line.kind == "row" else leaf.get("unit")
            cell = Cell(label_text(leaf, line, context["splits"], context["units"]), kind,
                        path=at(line.path, text(name)) if name else "")
        cell.rowspan = height
        first.append(cell)
    lines = [first] + [[] for _ in range(height - 1)]
    if context["target_kinds"]:
        _add_target_cells(lines, leaves, targets, line.path)
    for cells in lines:
        for cell in cells:
            cell.row = line.path
    return lines


def _add_target_cells(lines: list[list[Cell]], leaves: list[dict[str, Any]], targets: dict[str, Any],
                      row: str) -> None:
    """Target columns sit after the other columns; the first printed line carries the rowspanned cells."""
    for number, cells in enumerate(lines):
        for leaf in leaves:
            if not leaf.get("target"):
                continue
            entries = indexed_dicts(targets.get(leaf["target"]))
            field_name = text(leaf.get("field", "name"))
            if number < len(entries):
                index, entry = entries[number]
                where = at(row, f"targets.{text(leaf['target'])}[{index}].{field_name}")
                cells.append(Cell(text(entry.get(field_name)), "target", path=where))
            else:
                cells.append(Cell("", "target"))


def grid_layout(data: dict[str, Any], spec: dict[str, Any], table: dict[str, Any],
                layout: dict[str, Any]) -> list[Grid]:
    header, leaves, labels = build_header(header_of(spec))
    sums = column_sums(spec.get("column_sums"))
    first_value = next((i for i, leaf in enumerate(leaves) if leaf.get("amount") or leaf.get("target")),
                       len(leaves))
    context = {
        "splits": {key: list(value) for key, value in as_dict(spec.get("code_split")).items()},
        "units": unit_names(data),
        "label_span": first_value,
        "target_kinds": target_kinds(leaves),
    }
    body: list[list[Cell]] = []
    kinds: list[str] = []
    base = f"tables.{spec['key']}"
    lines = grid_lines(table, sums, base)
    if spec.get("footer"):  # the table prints footer totals (人员经费合计 …) instead of a 合计 row
        lines = lines[1:]
    elif spec.get("totals_position") == "last":  # Shanghai prints 合计 under the rows
        lines = lines[1:] + lines[:1]
    for line in lines:
        for cells in line_cells(line, leaves, spec, context):
            if line.kind != "row":
                for cell in cells:
                    cell.kind = {"text": "label", "code": "label"}.get(cell.kind, cell.kind)
            body.append(cells)
            kinds.append(line.kind)
    footer = as_dict(table.get("footer"))
    for entry in as_dicts(spec.get("footer")):
        amount_columns = len(leaves) - first_value
        where = f"{base}.footer.{text(entry.get('amount'))}"
        body.append([Cell(text(entry.get("label")), "label", colspan=max(first_value, 1), row=where),
                     _amount(footer.get(text(entry.get("amount"))), path=where, row=where),
                     *[Cell("", "amount", row=where) for _ in range(amount_columns - 1)]])
        kinds.append("totals")
    return [Grid(header, labels, body, css=f"t{spec.get('number')}", row_kinds=kinds)]


# ---------------------------------------------------------------- the two summary tables (01, 04)


def _merge_rows(layout_rows: list[dict[str, Any]], file_rows: list[dict[str, Any]],
                key: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(layout row, file row) pairs in the layout's order; rows the layout lacks go in code order: each
    just before the first layout row with a greater code (in file order among themselves), else last."""
    by_key = {text(row.get(key)): row for row in file_rows}
    keys = [text(entry.get(key)) for entry in layout_rows]
    known = set(keys)
    # The first layout row with a code greater than v is the first whose running maximum is: bisecting
    # the running maxima finds it in log time (a search from the start for each row took minutes on
    # 20,000 rows).
    highest: list[str] = []
    for value in keys:
        highest.append(max(highest[-1], value) if highest else value)
    before: list[list[dict[str, Any]]] = [[] for _ in range(len(layout_rows) + 1)]
    for row in file_rows:
        value = text(row.get(key))
        if value not in known:
            before[bisect.bisect_right(highest, value)].append(row)
    merged: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for position, entry in enumerate(layout_rows):
        merged += [({}, row) for row in before[position]]
        merged.append((entry, by_key.get(keys[position], {})))
    merged += [({}, row) for row in before[-1]]
    return merged


def _ordinal_label(spec: dict[str, Any], entry: dict[str, Any], row: dict[str, Any]) -> str:
    name = text(row.get("name")) or text(entry.get("name"))
    ordinal = text(entry.get("ordinal"))
    if not ordinal:
        return name
    if ordinal[-1] in ".．、":  # an ordinal printed with its own mark: `1. 一般公共预算资金`
        return f"{ordinal} {name}" if ordinal[-1] in ".．" else f"{ordinal}{name}"
    return fill(spec.get("ordinal_format") or "{ordinal}、{name}", ordinal=ordinal, name=name)


def _class_rows(spec: dict[str, Any], rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The 类 rows of a two-sided table: the layout's full list, or — where the layout numbers only the
    类 with amounts consecutively (`ordinals: consecutive`, Shanghai) — the file's rows, numbered 一、二…"""
    if spec.get("ordinals") == "consecutive":
        return [({"ordinal": chinese_number(index)}, row) for index, row in enumerate(rows, 1)]
    return _merge_rows(as_dicts(spec.get("expenditure_rows")), rows, "code")


def _sum_present(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if present else None


SideLine = tuple[Cell, list[Cell]]  # one side of a line of a two-sided table: its label, its amounts


def _side(label: str, cells: list[Cell], row: str = "", label_path: str = "") -> SideLine:
    """A side of a line; `row` is the document path of what it shows (the file's row, a closing figure)."""
    for cell in cells:
        cell.row = row
    return Cell(label, path=label_path, row=row), cells


def _paths_by_row(value: Any, base: str) -> dict[int, str]:
    """The document path of each row of a list, by the row itself (rows the layout puts in its own order)."""
    return {id(row): f"{base}[{index}]" for index, row in indexed_dicts(value)}


def _two_sided(spec: dict[str, Any], left: list[SideLine], right: list[SideLine],
               closing: list[tuple[SideLine, SideLine]]) -> list[Grid]:
    header, _, labels = build_header(header_of(spec))
    roots = header_of(spec)
    widths = [_leaf_count(root) for root in roots] or [2, 2]
    body = []
    for index in range(max(len(left), len(right))):
        lhs = left[index] if index < len(left) else _side("", [Cell("", "amount") for _ in range(widths[0] - 1)])
        rhs = right[index] if index < len(right) else _side("", [Cell("", "amount") for _ in range(widths[-1] - 1)])
        body.append([lhs[0]] + lhs[1] + [rhs[0]] + rhs[1])
    for lhs, rhs in closing:
        lhs[0].kind = rhs[0].kind = "label"
        body.append([lhs[0]] + lhs[1] + [rhs[0]] + rhs[1])
    return [Grid(header, labels, body, css=f"t{spec.get('number')} two-sided")]


def _amount(value: Any, computed: bool = False, path: str = "", row: str = "") -> Cell:
    return Cell(format_amount(value), "amount", computed=computed and value is not None, path=path, row=row)


def summary_layout(data: dict[str, Any], spec: dict[str, Any], table: dict[str, Any],
                   layout: dict[str, Any]) -> list[Grid]:
    """预算01表: revenue by source on the left, expenditure by 类 on the right, then the closing lines."""
    base = f"tables.{spec['key']}"
    revenue_rows = as_dicts(table.get("revenue"))
    expenditure_rows = as_dicts(table.get("expenditure"))
    paths = {**_paths_by_row(table.get("revenue"), base + ".revenue"),
             **_paths_by_row(table.get("expenditure"), base + ".expenditure")}
    left: list[SideLine] = []
    for entry, row in _merge_rows(as_dicts(spec.get("revenue_rows")), revenue_rows, "source"):
        where = paths.get(id(row), "")
        left.append(_side(_ordinal_label(spec, entry, row), [_amount(row.get("amount"), path=at(where, "amount"))],
                          where, at(where, "name")))
        if entry.get("fiscal") or "fiscal" in row:
            left.append(_side(text(entry.get("fiscal") or spec.get("fiscal_label")),
                              [_amount(row.get("fiscal"), path=at(where, "fiscal"))], where))
    columns = [text(name) for name in spec.get("expenditure_columns") or ["amount"]]
    right = []
    for entry, row in _class_rows(spec, expenditure_rows):
        where = paths.get(id(row), "")
        right.append(_side(_ordinal_label(spec, entry, row),
                           [_amount(row.get(name), path=at(where, name)) for name in columns], where, at(where, "name")))
    values = summary_closing_values(data, layout, revenue_rows, expenditure_rows)
    closing = []
    for pair in as_dicts(spec.get("closing")):
        sides = []
        for side in ("revenue", "expenditure"):
            entry = as_dict(pair.get(side))
            value, computed = values.get(text(entry.get("field")), (None, False))
            where = "" if computed else at(base, text(entry.get("field")))
            if isinstance(value, dict):  # a 支出总计 printed in each column
                cells = [_amount(value.get(name), path=at(where, name)) for name in columns]
            else:
                cells = [_amount(value, computed, path=where)] + [Cell("", "amount") for _ in columns[1:]]
            sides.append(_side(text(entry.get("label")), cells if side == "expenditure" else cells[:1], where))
        closing.append((sides[0], sides[1]))
    return _two_sided(spec, left, right, closing)


def summary_closing_values(data: dict[str, Any], layout: dict[str, Any], revenue_rows: list[dict[str, Any]],
                           expenditure_rows: list[dict[str, Any]]) -> dict[str, tuple[Any, bool]]:
    """The closing figures of 预算01表 as stated, or computed: 本年 = sum of rows, 总计 = 本年 + 结转.

    上年结转结余, when 预算01表 leaves it out, is the 上年结转结余 合计 of 预算02表.
    """
    values: dict[str, tuple[Any, bool]] = {}
    table = as_dict(as_dict(data.get("tables")).get("summary"))

    def stated_or(name: str, compute: Decimal | None) -> Decimal | None:
        if table.get(name) is not None:
            values[name] = (table[name], False)
            return money(table[name])
        values[name] = (compute, True)
        return compute

    # Rows that are part of another row (`of`) are in their parent's amount already.
    this_year_in = stated_or("this_year_revenue",
                             _sum_present(money(r.get("amount")) for r in revenue_rows if not r.get("of")))
    revenue_table = as_dict(as_dict(data.get("tables")).get("revenue"))
    revenue_spec = next((s for s in table_specs(layout) if s["key"] == "revenue"), {})
    revenue_totals = grid_lines(revenue_table, column_sums(revenue_spec.get("column_sums")))[0].amounts
    carry_in = stated_or("carryover_in", revenue_totals.get(("carryover", "total")))
    stated_or("revenue_total", _sum_present([this_year_in, carry_in]))
    this_year_out = stated_or("this_year_expenditure",
                              _sum_present(money(r.get("amount")) for r in expenditure_rows))
    carry_out = stated_or("carryover_out", None)
    if isinstance(table.get("expenditure_total"), dict):
        values["expenditure_total"] = (table["expenditure_total"], False)
    else:
        stated_or("expenditure_total", _sum_present([this_year_out, carry_out]))
    return values


def summary_figures(data: dict[str, Any]) -> dict[str, Decimal | None]:
    """The closing figures of 预算01表 (收入总计, 支出总计, …) as stated or computed."""
    table = as_dict(as_dict(data.get("tables")).get("summary"))
    values = summary_closing_values(data, layout_for(data).raw, as_dicts(table.get("revenue")),
                                    as_dicts(table.get("expenditure")))
    return {name: money(value) for name, (value, _) in values.items()}


def fiscal_summary_layout(data: dict[str, Any], spec: dict[str, Any], table: dict[str, Any],
                          layout: dict[str, Any]) -> list[Grid]:
    """预算04表: fiscal revenue lines on the left; 本年支出, the 类 rows, 年终结转结余 on the right."""
    sums = column_sums(spec.get("column_sums"))
    revenue = as_dict(table.get("revenue"))
    revenue_flat, revenue_computed = fill_row_sums(
        flat_amounts(revenue),
        column_sums(spec.get("column_sums"), ("this_year",)) + column_sums(spec.get("column_sums"), ("carryover",))
        + [(("total",), [("this_year", "total"), ("carryover", "total")])])
    base = f"tables.{spec['key']}"

    def revenue_side(entry: dict[str, Any], default: str = "") -> SideLine:
        amount = column(entry.get("amount", default))
        where = at(base + ".revenue", amount)
        return _side(text(entry.get("label")), [_flat_cell(revenue_flat, revenue_computed, amount, base + ".revenue")],
                     where)

    left = [revenue_side(entry) for entry in as_dicts(spec.get("revenue_lines"))]
    expenditure = as_dict(table.get("expenditure"))
    amount_paths = [column(leaf["amount"]) for leaf in build_header(header_of(spec))[1]
                    if leaf.get("amount")]
    rows = _class_rows(spec, as_dicts(expenditure.get("rows")))
    row_paths = _paths_by_row(expenditure.get("rows"), base + ".expenditure.rows")
    row_flats = [fill_row_sums(flat_amounts(row), sums) for _, row in rows]
    this_year = _stated_group(expenditure, "this_year", add_all(flat for flat, _ in row_flats), sums)
    carry_out = _stated_group(expenditure, "carryover_out", {}, sums)
    totals = _stated_group(expenditure, "totals", add_all([this_year[0], carry_out[0]]), sums)
    groups = {"this_year": this_year, "carryover_out": carry_out, "totals": totals}

    def side(label: str, flat: Flat, computed: set[Column], where: str, label_path: str = "") -> SideLine:
        return _side(label, [_flat_cell(flat, computed, path, where) for path in amount_paths], where, label_path)

    def group(label: str, field_name: str) -> SideLine:
        return side(label, *groups[field_name], f"{base}.expenditure.{field_name}")

    first, last, total = (as_dict(spec.get(k)) for k in ("expenditure_first", "expenditure_last", "expenditure_total"))
    # 一、本年支出 and 二、年终结转结余 are printed only where the layout has them (Henan, not Shanghai).
    right = [group(text(first.get("label")), "this_year")] if first else []
    for (entry, row), flat in zip(rows, row_flats):
        where = row_paths.get(id(row), "")
        right.append(side(_ordinal_label(spec, entry, row), *flat, where, at(where, "name")))
    if last:
        right.append(group(text(last.get("label")), text(last.get("field")) or "carryover_out"))
    # A 决算 prints 本年支出合计 and 年末结转和结余 under the 类 rows instead.
    right += [group(text(entry.get("label")), text(entry.get("field")))
              for entry in as_dicts(spec.get("expenditure_after")) if text(entry.get("field")) in groups]
    closing = [(revenue_side(as_dict(spec.get("revenue_total")), "total"),
                group(text(total.get("label")), text(total.get("field")) or "totals"))]
    return _two_sided(spec, left, right, closing)


def _stated_group(expenditure: dict[str, Any], key: str, fallback: Flat,
                  sums: list[tuple[Column, list[Column]]]) -> tuple[Flat, set[Column]]:
    if isinstance(expenditure.get(key), dict):
        return fill_row_sums(flat_amounts(expenditure[key]), sums)
    flat, _ = fill_row_sums(fallback, sums)
    return flat, set(flat)


def _flat_cell(flat: Flat, computed: set[Column], path: Column, base: str = "") -> Cell:
    """The amount at `path` of a group whose document path is `base`."""
    return Cell(format_amount(flat.get(path)), "amount", computed=path in computed and path in flat,
                path=at(base, path))


# ---------------------------------------------------------------- 预算12表 (the department's targets form)


def department_performance_layout(data: dict[str, Any], spec: dict[str, Any], table: dict[str, Any],
                                  layout: dict[str, Any]) -> list[Grid]:
    """The form part (部门名称, 年度履职目标, 任务, 预算情况) and the indicator table (一级…指标值说明)."""
    return [performance_form(data, spec, table), indicator_grid(spec, table)]


def performance_form(data: dict[str, Any], spec: dict[str, Any], table: dict[str, Any]) -> Grid:
    form = as_dict(spec.get("form"))
    department = as_dict(data.get("department"))
    base = f"tables.{spec['key']}"
    name = text(table.get("department_name")) or text(department.get("name"))
    name_path = f"{base}.department_name" if text(table.get("department_name")) else "department.name"
    goal_path = f"{base}.annual_goal"
    body = [[Cell(text(form.get("department_name")), "label", row=name_path),
             Cell(name, colspan=2, path=name_path, row=name_path)],
            [Cell(text(form.get("annual_goal")), "label", row=goal_path),
             Cell(text(table.get("annual_goal")), colspan=2, path=goal_path, row=goal_path)]]
    tasks_spec = as_dict(form.get("tasks"))
    tasks, task_paths = rows_at(table.get("tasks"), base + ".tasks")
    headings = [text(label) for label in tasks_spec.get("columns") or []] + ["", ""]
    body.append([Cell(text(tasks_spec.get("label")), "label", rowspan=1 + len(tasks)),
                 Cell(headings[0], "head"), Cell(headings[1], "head")])
    body += [[Cell(text(task.get("name")), path=at(where, "name"), row=where),
              Cell(text(task.get("content")), path=at(where, "content"), row=where)]
             for task, where in zip(tasks, task_paths)]
    budget_spec = as_dict(form.get("budget"))
    lines = as_dicts(budget_spec.get("lines"))
    budget, computed = fill_row_sums(flat_amounts(table.get("budget")), column_sums(spec.get("column_sums")))
    for index, line in enumerate(lines):
        amount = _flat_cell(budget, computed, column(line.get("amount", "")), base + ".budget")
        cells = [Cell(text(budget_spec.get("label")), "label", rowspan=len(lines))] if index == 0 else []
        cells += [Cell(text(line.get("label")), row=amount.path), amount]
        amount.row = amount.path
        body.append(cells)
    return Grid([], ["", "", ""], body, css=f"t{spec.get('number')} form")


def indicator_grid(spec: dict[str, Any], table: dict[str, Any]) -> Grid:
    header, leaves, labels = build_header(header_of(spec))
    indicators, paths = rows_at(table.get("indicators"), f"tables.{spec['key']}.indicators")
    values = [[text(row.get(text(leaf.get("row")))) for leaf in leaves] for row in indicators]
    body: list[list[Cell]] = [[] for _ in indicators]
    for index, leaf in enumerate(leaves):
        for start, span in _runs(values, index) if leaf.get("merge") else ((i, 1) for i in range(len(values))):
            body[start].append(Cell(values[start][index], "text", rowspan=span,
                                    path=at(paths[start], text(leaf.get("row"))), row=paths[start]))
    return Grid(header, labels, body, css=f"t{spec.get('number')} indicators")


def _runs(values: list[list[str]], index: int) -> list[tuple[int, int]]:
    """Runs of equal, non-blank values in column `index` (within equal earlier columns): merged cells."""
    runs: list[tuple[int, int]] = []
    for row, current in enumerate(values):
        key = current[: index + 1]
        if runs and current[index] and values[runs[-1][0]][: index + 1] == key:
            start, span = runs[-1]
            runs[-1] = (start, span + 1)
        else:
            runs.append((row, 1))
    return runs


LAYOUTS = {
    "grid": grid_layout,
    "summary": summary_layout,
    "fiscal_summary": fiscal_summary_layout,
    "department_performance": department_performance_layout,
}
