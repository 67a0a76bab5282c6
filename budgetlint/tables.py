"""Table arithmetic, in one place: exact (or rounding-aware) comparison, leaves, stated-or-computed
totals, roll-ups by code, unit factors, the rows of each table shape, and the figures that a layout's
identities name. Rules, the narrative reader, diff and render use these rather than their own sums.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from itertools import pairwise
from typing import Any

from .columns import column_label
from .findings import DocPath
from .layout import Term
from .model import ZERO, Budget, add_into, dicts, fmt, mapping, money, signed

Columns = dict[tuple[str, ...], Decimal]


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last printed digit: the rounding interval of a printed figure (3.00 → 0.005)."""
    exponent = value.as_tuple().exponent
    return Decimal(5).scaleb(int(exponent) - 1) if isinstance(exponent, int) else ZERO


def gap(budget: Budget, stated: Decimal, parts: Iterable[Decimal]) -> Decimal | None:
    """`stated − sum(parts)` if they disagree, else None.

    Exact by default. When the file declares `rounding: rounded`, every figure stands for the interval
    of values that round to it, and the sum passes when the intervals overlap (the XBRL Calculations
    1.1 approach): |difference| ≤ the sum of the half-units of all figures involved.
    """
    parts = list(parts)
    difference = stated - (parts[0] if len(parts) == 1 else sum(parts, ZERO))
    if difference == 0:
        return None
    if budget.rounded:
        tolerance = half_unit(stated) + sum((half_unit(p) for p in parts), ZERO)
        if abs(difference) <= tolerance:
            return None
    return difference


def rounding_note(budget: Budget, stated: Decimal, parts: Iterable[Decimal]) -> str:
    if not budget.rounded:
        return ""
    tolerance = half_unit(stated) + sum((half_unit(p) for p in parts), ZERO)
    return f", beyond the rounding tolerance ±{fmt(tolerance)}"


def mismatch(budget: Budget, what: str, stated: Decimal, other: str, computed: Decimal,
             parts: Iterable[Decimal] = ()) -> str:
    """`预算03表 合计 1909.07 ≠ sum of rows 1909.08 (diff −0.01)`."""
    parts = list(parts) or [computed]
    return (f"{what} {fmt(stated)} ≠ {other} {fmt(computed)} (diff {signed(stated - computed)}"
            f"{rounding_note(budget, stated, parts)})")


def cell(row: dict[str, Any], column: tuple[str, ...]) -> Decimal | None:
    if len(column) == 1 and isinstance(row, dict):  # most columns are one key deep: the quick way
        return money(row.get(column[0]))
    value: Any = row
    for key in column:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return money(value)


def is_parent(code: Any, other: Any) -> bool:
    return isinstance(code, str) and isinstance(other, str) and len(code) < len(other) and other.startswith(code)


def parent_codes(rows: list[dict[str, Any]]) -> set[str]:
    """The codes of rows that have other rows of the list under them (a 类 row above its 项 rows)."""
    codes = sorted({code for row in rows if isinstance(code := row.get("code"), str) and code})
    # Codes that start with `code` sort right after it, so comparing each code with the next one finds
    # every parent in O(n log n): a 7-digit code no longer costs six prefixes in a set.
    return {code for code, following in pairwise(codes) if following.startswith(code)}


def top_level(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows not under another row of the list (类 rows when 类 subtotals are printed, else every row)."""
    if not parent_codes(rows):
        return rows  # no subtotal rows: the common case, in linear time
    codes = {row.get("code") for row in rows if isinstance(row.get("code"), str)}
    return [row for row in rows
            if not (isinstance(code := row.get("code"), str) and any(code[:end] in codes for end in range(1, len(code))))]


def leaves(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with no row under them (项 rows when 类/款 subtotals are printed, else every row)."""
    parents = parent_codes(rows)
    return [row for row in rows if row.get("code") not in parents] if parents else rows


def column_sum(budget: Budget, rows: Iterable[dict[str, Any]]) -> Columns:
    total: Columns = {}
    for row in rows:
        add_into(total, budget.amounts(row))
    return total


def unit_entries(table: dict[str, Any]) -> list[dict[str, Any]]:
    return dicts(table.get("units"))


def all_leaf_rows(table: dict[str, Any]) -> list[dict[str, Any]]:
    """Every leaf data row of a grid table, across units."""
    rows = leaves(dicts(table.get("rows")))
    for unit in unit_entries(table):
        rows.extend(leaves(dicts(unit.get("rows"))))
    return rows


def table_totals(budget: Budget, key: str) -> Columns | None:
    """A grid table's 合计 as printed, or computed from its rows when the file leaves it out.

    Amounts are converted to the file's unit when the table declares another. Many rules ask for
    the same totals, so they are worked out once per file.
    """
    return budget.once(f"totals:{key}", lambda: _table_totals(budget, key))


def _table_totals(budget: Budget, key: str) -> Columns | None:
    table = budget.table(key)
    if table is None:
        return None
    factor = budget.table_factor(key)
    if isinstance(table.get("totals"), dict) and budget.amounts(table["totals"]):
        stated = budget.amounts(table["totals"])
    elif unit_entries(table):
        stated = {}
        for unit in unit_entries(table):
            add_into(stated, budget.amounts(unit) or column_sum(budget, top_level(dicts(unit.get("rows")))))
    else:
        stated = column_sum(budget, top_level(dicts(table.get("rows"))))
    if isinstance(table.get("footer"), dict):
        # Totals printed under the table's blocks (a 决算's 人员经费合计, 公用经费合计) are its totals too.
        stated = {**stated, **budget.amounts(table["footer"])}
    return {column: value * factor for column, value in stated.items()}


def rollup(budget: Budget, key: str, digits: int) -> dict[str, Columns]:
    """Leaf rows of a grid table summed by the first `digits` digits of their code, in the file's unit
    (worked out once per file)."""
    return budget.once(f"rollup:{key}:{digits}", lambda: _rollup(budget, key, digits))


def _rollup(budget: Budget, key: str, digits: int) -> dict[str, Columns]:
    table = budget.table(key)
    out: dict[str, Columns] = {}
    if table is None:
        return out
    factor = budget.table_factor(key)
    for row in all_leaf_rows(table):
        code = row.get("code")
        if isinstance(code, str) and len(code) >= digits:
            add_into(out.setdefault(code[:digits], {}), {c: v * factor for c, v in budget.amounts(row).items()})
    return out


def iter_rows_with_paths(budget: Budget, key: str) -> list[tuple[DocPath, dict[str, Any]]]:
    """The totals row, unit rows and data rows of a grid table, each with its path (listed once per file)."""
    return budget.once(f"rows_with_paths:{key}", lambda: _rows_with_paths(budget, key))


def _rows_with_paths(budget: Budget, key: str) -> list[tuple[DocPath, dict[str, Any]]]:
    table = budget.table(key)
    rows: list[tuple[DocPath, dict[str, Any]]] = []
    if table is not None:
        if isinstance(table.get("totals"), dict):
            rows.append((("tables", key, "totals"), table["totals"]))
        rows += budget.units(key)
        rows += budget.leaf_rows(key)
    return rows


def row_label(budget: Budget, key: str, path: DocPath, row: dict[str, Any]) -> str:
    """`预算03表 row 2120101 行政运行` / `预算03表 合计` / `预算02表 unit 151`."""
    table = budget.label(key)
    if path[-1] == "totals":
        return f"{table} 合计"
    if "code" in row:
        return f"{table} row {row.get('code')} {row.get('name', '')}".rstrip()
    if "unit" in row:
        return f"{table} unit {row.get('unit')}"
    return f"{table} row {row.get('name', '')}".rstrip()


def label(column: tuple[str, ...]) -> str:
    return column_label(column)


# ---------------------------------------------------------------- subtotal columns a row leaves blank


def fill_row_sums(flat: Columns, sums: Iterable[tuple[tuple[str, ...], Iterable[tuple[str, ...]]]]
                  ) -> tuple[Columns, set[tuple[str, ...]]]:
    """A row's amounts with the blank columns that the layout derives from others (`column_sums`, in its
    order, so a later sum may use an earlier one's result) computed; returns them and which were computed.

    A column is computed only when it is blank and at least one of its parts is not, so a row the file
    prints blank stays blank. Rules check the printed columns against these; the renderer prints the
    computed ones in italics.
    """
    filled = dict(flat)
    computed: set[tuple[str, ...]] = set()
    for target, parts in sums:
        if target in filled:
            continue
        present = [filled[part] for part in parts if part in filled]
        if present:
            filled[target] = sum(present, ZERO)
            computed.add(target)
    return filled, computed


def parent_positions(codes: list[str]) -> set[int]:
    """Positions of the codes that have another code of the list under them (类/款 subtotal rows)."""
    parents = parent_codes([{"code": code} for code in codes])
    return {index for index, code in enumerate(codes) if code in parents}


# ---------------------------------------------------------------- rows of every shape, for row identities


def rows_of(budget: Budget, key: str) -> list[tuple[DocPath, dict[str, Any]]]:
    """Every row of a table that holds a set of columns, with its path, whatever the table's shape:
    a grid's 合计, unit and data rows; the groups and 类 rows of a 财政拨款收支总表; the 支出 rows (and a
    split 支出总计) of a 收支总表; the budget lines of a 部门整体绩效目标表. Listed once per file."""
    return budget.once(f"rows_of:{key}", lambda: _rows_of(budget, key))


def _rows_of(budget: Budget, key: str) -> list[tuple[DocPath, dict[str, Any]]]:
    table = budget.table(key)
    spec = budget.layout.table(key)
    if table is None or spec is None:
        return []
    base: DocPath = ("tables", key)
    if spec.shape == "grid":
        return iter_rows_with_paths(budget, key)
    rows: list[tuple[DocPath, dict[str, Any]]] = []
    if spec.shape == "fiscal_summary":
        revenue, expenditure = mapping(table.get("revenue")), mapping(table.get("expenditure"))
        rows += [(base + ("revenue", group), revenue[group]) for group in ("this_year", "carryover")
                 if isinstance(revenue.get(group), dict)]
        rows += [(base + ("expenditure", group), expenditure[group]) for group in ("this_year", "carryover_out", "totals")
                 if isinstance(expenditure.get(group), dict)]
        rows += [(base + ("expenditure", "rows", index), row)
                 for index, row in enumerate(expenditure.get("rows") or []) if isinstance(row, dict)]
    elif spec.shape == "summary":
        rows += [(base + ("expenditure", index), row)
                 for index, row in enumerate(table.get("expenditure") or []) if isinstance(row, dict)]
        if isinstance(table.get("expenditure_total"), dict):
            rows.append((base + ("expenditure_total",), table["expenditure_total"]))
    elif spec.shape == "department_performance" and isinstance(table.get("budget"), dict):
        rows.append((base + ("budget",), table["budget"]))
    return rows


# ---------------------------------------------------------------- the figures that identities name


Figure = tuple[Decimal, DocPath]  # a value in the file's unit, and where it is written (or its row)


def figure_values(budget: Budget, term: Term) -> dict[str, Figure] | Figure | None:
    """What a figure of a layout identity stands for, in the file's unit.

    Figures by code (`class`, `code`) give {code: (value, path)}; a single figure gives (value, path);
    None when the table, or a single figure's row or field, is not in the file (nothing to compare).
    A blank cell of a printed row is zero.
    """
    table = budget.table(term.table)
    if table is None:
        return None
    factor = budget.table_factor(term.table)
    base: DocPath = ("tables", term.table)
    selector, _, argument = term.selector.partition("=")
    if selector == "":
        value = cell(table, term.column)
        return (value * factor, base + term.column) if value is not None else None
    if selector == "total":
        totals = _totals_row(budget, term.table)  # already in the file's unit
        if totals is None:
            return None
        return (totals.get(term.column, ZERO), totals_path(budget, term.table) + term.column)
    if selector == "revenue":
        for index, row in enumerate(dicts(table.get("revenue"))):
            if row.get("source") == argument:
                return ((cell(row, term.column) or ZERO) * factor, base + ("revenue", index) + term.column)
        return (ZERO, base + ("revenue",))  # a maintained file may leave an empty source row out
    by_code = _coded_rows(budget, term.table)
    if selector == "code" and argument:
        found = by_code.get(argument)
        return ((cell(found[1], term.column) or ZERO) * factor, found[0] + term.column) if found else (ZERO, base)
    if selector == "code":
        return {code: ((cell(row, term.column) or ZERO) * factor, path + term.column)
                for code, (path, row) in by_code.items()}
    # class: a printed 类 row where there is one, else the sum of the rows under it
    out: dict[str, Figure] = {}
    for code, columns in rollup(budget, term.table, 3).items():
        printed = by_code.get(code)
        if printed is not None:
            out[code] = ((cell(printed[1], term.column) or ZERO) * factor, printed[0] + term.column)
        else:
            first = next(path for c, (path, _) in sorted(by_code.items()) if c.startswith(code))
            out[code] = (columns.get(term.column, ZERO), first)
    for code, (path, row) in by_code.items():
        if len(code) == 3 and code not in out:
            out[code] = ((cell(row, term.column) or ZERO) * factor, path + term.column)
    return out


def _totals_row(budget: Budget, key: str) -> Columns | None:
    spec = budget.layout.table(key)
    table = budget.table(key) or {}
    if spec is not None and spec.shape == "fiscal_summary":
        totals = mapping(table.get("expenditure")).get("totals")
        factor = budget.table_factor(key)
        return {c: v * factor for c, v in budget.amounts(totals).items()} if isinstance(totals, dict) else None
    if spec is not None and spec.shape == "grid":
        return table_totals(budget, key)
    return None


def totals_path(budget: Budget, key: str) -> DocPath:
    spec = budget.layout.table(key)
    if spec is not None and spec.shape == "fiscal_summary":
        return ("tables", key, "expenditure", "totals")
    return ("tables", key, "totals")


def _coded_rows(budget: Budget, key: str) -> dict[str, tuple[DocPath, dict[str, Any]]]:
    """The rows of a table that carry a code (grid rows, 类 rows of a two-sided table), first one wins."""
    return budget.once(f"coded_rows:{key}", lambda: _find_coded_rows(budget, key))


def _find_coded_rows(budget: Budget, key: str) -> dict[str, tuple[DocPath, dict[str, Any]]]:
    spec = budget.layout.table(key)
    table = budget.table(key) or {}
    listed: list[tuple[DocPath, dict[str, Any]]]
    if spec is not None and spec.shape == "fiscal_summary":
        listed = [(("tables", key, "expenditure", "rows", index), row)
                  for index, row in enumerate(dicts(mapping(table.get("expenditure")).get("rows")))]
    elif spec is not None and spec.shape == "summary":
        listed = [(("tables", key, "expenditure", index), row) for index, row in enumerate(dicts(table.get("expenditure")))]
    else:
        listed = budget.leaf_rows(key)
    out: dict[str, tuple[DocPath, dict[str, Any]]] = {}
    for path, row in listed:
        code = row.get("code")
        if isinstance(code, str) and code not in out:
            out[code] = (path, row)
    return out


def describe_figure(budget: Budget, term: Term) -> str:
    """`表2 合计 财政拨款收入`, `表1 收入 一般公共预算资金`, `表4 类 合计` — a figure as a clerk finds it."""
    layout = budget.layout
    label = layout.label(term.table)
    selector, _, argument = term.selector.partition("=")
    column = layout.column_label(term.table, term.column) if selector else _field_label(term.column)
    if selector == "total":
        return f"{label} 合计" if column in ("合计", "") else f"{label} 合计 {column}"
    if selector == "revenue":
        names = {row.get("source"): row.get("name") for row in dicts((budget.table(term.table) or {}).get("revenue"))}
        return f"{label} 收入 {names.get(argument) or argument} {column}".replace(" 金额", "")
    if selector == "code" and argument:
        return f"{label} row {argument} {column}"
    if selector in ("class", "code"):
        return f"{label} {'类' if selector == 'class' else 'row'} {column}"
    return f"{label} {column}"


# The closing fields of two-sided tables, as printed.
FIELD_LABELS = {"revenue_total": "收入总计", "expenditure_total": "支出总计", "revenue": "收入", "expenditure": "支出",
                "this_year": "本年", "total": "合计", "this_year_revenue": "本年收入合计", "carryover_in": "上年结转结余",
                "this_year_expenditure": "本年支出合计", "carryover_out": "年终结转结余"}


def _field_label(path: tuple[str, ...]) -> str:
    return " ".join(FIELD_LABELS.get(key) or column_label((key,)) for key in path)
