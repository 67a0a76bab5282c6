"""Helpers shared by the arithmetic rules: exact (or rounding-aware) comparison, sums and roll-ups."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from itertools import pairwise
from typing import Any

from ..columns import column_label
from ..findings import DocPath
from ..model import ZERO, Budget, add_into, dicts, fmt, money, signed

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
