"""Table arithmetic, in one place: exact (or rounding-aware) comparison, leaves, stated-or-computed
totals, roll-ups by code, unit factors, the rows of each table shape, and the figures that a layout's
identities name. Rules, the narrative reader, diff and render use these rather than their own sums.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from .columns import column_label
from .findings import DocPath
from .layout import Term
from .messages import Message, say
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
    """The clause a mismatch adds in a file of rounded figures (a Message), else ""."""
    if not budget.rounded:
        return ""
    tolerance = half_unit(stated) + sum((half_unit(p) for p in parts), ZERO)
    return say("tables.rounding_note", tolerance=fmt(tolerance))


def mismatch(budget: Budget, what: str, stated: Decimal, other: str, computed: Decimal,
             parts: Iterable[Decimal] = (), *, key: str = "tables.mismatch") -> Message:
    """`预算03表 合计 1909.07 ≠ sum of rows 1909.08 (diff −0.01)`. `what` and `other` may be Messages (a
    phrase such as `sum of rows`), which the Chinese text then uses in Chinese. `key`: the catalogue's
    sentence, for a rule whose sentence has an entry of its own."""
    parts = list(parts) or [computed]
    return say(key, what=what, stated=fmt(stated), other=other, computed=fmt(computed),
               diff=signed(stated - computed), note=rounding_note(budget, stated, parts))


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


def row_label(budget: Budget, key: str, path: DocPath, row: dict[str, Any]) -> Message:
    """`预算03表 row 2120101 行政运行` / `预算03表 合计` / `预算02表 unit 151` (a Message: `row` and `unit` are
    words of the sentence, not of the table)."""
    table = budget.label(key)
    if path[-1] == "totals":
        return say("tables.totals_row", table=table)
    if "code" in row:
        return say("tables.row", table=table, where=f" {row.get('code')} {row.get('name', '')}".rstrip())
    if "unit" in row:
        return say("tables.unit_row", table=table, unit=row.get("unit"))
    return say("tables.row", table=table, where=f" {row.get('name', '')}".rstrip())


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
    if not selector and len(term.column) == 2 and term.column[0] == "footer":
        printed = layout.footer_label(term.table, term.column[1])  # 表6's 人员经费合计 line
        if printed:
            return f"{label} {printed}"
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


def figure_phrase(budget: Budget, term: Term) -> str:
    """`describe_figure` as a phrase of a finding's sentence: its `row` (表8 row 30217 合计) is a word of the
    sentence, which the Chinese leaves out (表8 30217 合计), as `row_label` does."""
    text = describe_figure(budget, term)
    table = budget.layout.label(term.table)
    if text.startswith(f"{table} row"):
        return say("tables.row", table=table, where=text[len(table) + len(" row"):])
    return text


# The closing fields of two-sided tables, as printed.
FIELD_LABELS = {"revenue_total": "收入总计", "expenditure_total": "支出总计", "revenue": "收入", "expenditure": "支出",
                "this_year": "本年", "total": "合计", "this_year_revenue": "本年收入合计", "carryover_in": "上年结转结余",
                "this_year_expenditure": "本年支出合计", "carryover_out": "年终结转结余"}


def _field_label(path: tuple[str, ...]) -> str:
    return " ".join(FIELD_LABELS.get(key) or column_label((key,)) for key in path)


# ---------------------------------------------------------------- the figures a layout derives from others


@dataclass(frozen=True)
class Derivation:
    """`target = Σ parts`: a figure that the layout derives from other figures of the same table — a 合计,
    a unit's subtotal, a 类/款 row, a column of a row that `column_sums` declares, a closing line of a
    two-sided table, a footer an identity sums. `rule` is the rule that checks it. `printed`: the layout
    prints the figure, so a blank one may be written; one it does not print is only ever corrected.
    """

    target: DocPath
    parts: tuple[DocPath, ...]
    rule: str
    printed: bool = True


# The closing lines of a 收支总表, as the format keys them: (本年 line, lines added to it, 总计 line). A203
# reads the same keys.
SUMMARY_CLOSING = {"revenue": ("this_year_revenue", ("non_fiscal_surplus_used", "carryover_in"), "revenue_total"),
                   "expenditure": ("this_year_expenditure", ("surplus_distribution", "carryover_out"),
                                   "expenditure_total")}
# Where a new group goes among the keys of a 财政拨款收支总表's side (the order the format writes them).
FISCAL_SUMMARY_ORDER = {"revenue": ("this_year", "carryover", "total"),
                        "expenditure": ("this_year", "rows", "carryover_out", "totals")}


def derivations(budget: Budget) -> list[Derivation]:
    """Every figure the file's layout derives from others, each with its parts: the sums that A101–A103,
    A110–A119, A201–A203, A205 and the layout's identities within one table (A314) check. Computed in
    the table's own unit. `budgetlint fill` writes them; a figure may have more than one derivation (a
    类 row's 合计 is the sum of its rows and 基本支出 + 项目支出), which agree on consistent figures."""
    out: list[Derivation] = []
    for key, spec in budget.layout.tables.items():
        if budget.table(key) is None:
            continue
        if spec.shape == "grid":
            out += _grid_derivations(budget, key)
        elif spec.shape == "summary":
            out += _summary_derivations(budget, key)
        elif spec.shape == "fiscal_summary":
            out += _fiscal_summary_derivations(budget, key)
        out += _row_sum_derivations(budget, key)
    out += _identity_derivations(budget)
    return out


def _row_sum_derivations(budget: Budget, key: str) -> list[Derivation]:
    """The layout's `column_sums` in every row of the table (grid rows, groups, budget lines)."""
    spec = budget.layout.tables[key]
    if not spec.row_sums:
        return []
    printed = printed_columns(budget, key)
    out = []
    for path, _ in rows_of(budget, key):
        for row_sum in spec.row_sums:
            target = path + row_sum.column
            out.append(Derivation(target, tuple(path + part for part in row_sum.parts), row_sum.rule,
                                  printed(target)))
    return out


def printed_columns(budget: Budget, key: str) -> Callable[[DocPath], bool]:
    """Whether the layout prints the figure at a path of the table (a blank one may then be written): a
    grid prints a 合计 row unless it prints footer totals instead; a 收支总表 the closing lines its layout
    lists; a 财政拨款收支总表 its `revenue_lines` and the 支出 groups it names (本年支出 …)."""
    spec = budget.layout.tables[key]
    raw = spec.raw
    if spec.shape == "grid":
        return lambda path: not (raw.get("footer") and path[2:3] == ("totals",))
    if spec.shape == "summary":
        closing = summary_fields(raw)
        return lambda path: path[2] in ("revenue", "expenditure") or path[2] in closing
    if spec.shape == "fiscal_summary":
        lines = [*(raw.get("revenue_lines") or []), raw.get("revenue_total")]
        revenue = {_column(line.get("amount")) for line in lines if isinstance(line, dict)}
        named = [raw.get("expenditure_first"), raw.get("expenditure_last"), raw.get("expenditure_total"),
                 *(raw.get("expenditure_after") or [])]
        groups = {"rows", *(line.get("field") for line in named if isinstance(line, dict))}
        return lambda path: (path[2:3] == ("revenue",) and path[3:] in revenue) or (
            path[2:3] == ("expenditure",) and len(path) > 3 and path[3] in groups)
    return lambda path: True


def summary_fields(raw: dict[str, Any]) -> set[str]:
    """The closing lines a 收支总表 prints (本年收入合计, 收入总计 …), by field."""
    return {str(entry.get("field")) for line in raw.get("closing") or [] if isinstance(line, dict)
            for entry in line.values() if isinstance(entry, dict)}


def _column(text: Any) -> tuple[str, ...]:
    return tuple(str(text).split(".")) if text else ()


def _grid_derivations(budget: Budget, key: str) -> list[Derivation]:
    """合计 = Σ units (or Σ top-level rows) (A101), a unit = Σ its top-level rows (A102), a 类/款 row = Σ the
    rows directly under it (A103), column by column."""
    spec = budget.layout.tables[key]
    footer = {_column(line.get("amount")) for line in spec.raw.get("footer") or [] if isinstance(line, dict)}
    columns = [column for column in spec.columns if column not in footer]
    base: DocPath = ("tables", key)
    out: list[Derivation] = []

    def sums(target: DocPath, parts: list[DocPath], rule_id: str) -> None:
        out.extend(Derivation(target + column, tuple(part + column for part in parts), rule_id) for column in columns)

    tops: list[DocPath] = []
    for list_base, rows in budget.row_groups(key):
        where = {id(row): list_base + ("rows", index) for index, row in enumerate(rows)}
        parents = parent_codes(rows)
        under: dict[str, list[DocPath]] = {}
        for index, row in enumerate(rows):
            code = row.get("code")
            if code in parents:  # as A103: every row with rows under it
                if code not in under:
                    under[code] = [where[id(child)] for child in
                                   top_level([other for other in rows if is_parent(code, other.get("code"))])]
                sums(list_base + ("rows", index), under[code], "A103")
        top = [where[id(row)] for row in top_level(rows)]
        if list_base == base:
            tops = top
        elif top:
            sums(list_base, top, "A102")
    units = [path for path, _ in budget.units(key)]
    added = units or tops  # A101 adds the units when the table has them, else its own rows
    if added and not footer:
        sums(base + ("totals",), added, "A101")
    return out


def _summary_derivations(budget: Budget, key: str) -> list[Derivation]:
    """收支总表: 本年收入合计 (or, where the layout prints no 本年 line, 收入总计) = Σ the rows that are not part
    of another row, in each column (A201, A202); a row others are part of (`of`) = Σ their amounts; 总计 =
    本年 + the carry-over lines (A203)."""
    spec = budget.layout.tables[key]
    table = budget.table(key) or {}
    fields = summary_fields(spec.raw)
    base: DocPath = ("tables", key)
    out: list[Derivation] = []
    for side, (this_year, added, grand) in SUMMARY_CLOSING.items():
        rule_id = "A201" if side == "revenue" else "A202"
        columns = spec.side_columns.get(side, (("amount",),))
        rows = [(index, row) for index, row in enumerate(table.get(side) or []) if isinstance(row, dict)]
        summed = this_year if this_year in fields else grand if grand in fields else None
        for column in columns:
            target = _closing_figure(table, base, summed, column) if summed else None
            if target is not None:
                out.append(Derivation(target, tuple(base + (side, index) + column for index, row in rows
                                                    if not row.get("of")), rule_id))
            total = _closing_figure(table, base, grand, column)
            if summed == this_year and total is not None:
                parts = [_closing_figure(table, base, field, column) for field in (this_year, *added)]
                out.append(Derivation(total, tuple(part for part in parts if part is not None), "A203"))
        for index, row in rows:
            children = tuple(base + (side, child, "amount") for child, other in rows
                             if other.get("of") is not None and other.get("of") == row.get("source"))
            if children:
                out.append(Derivation(base + (side, index, "amount"), children, rule_id))
    return out


def _closing_figure(table: dict[str, Any], base: DocPath, field: str, column: tuple[str, ...]) -> DocPath | None:
    """Where a closing line of a 收支总表 holds one column: the field itself (one amount), or the column
    under it where the line is printed in several columns (a 单位预算's 支出总计)."""
    value = table.get(field)
    side = next((names for this_year, added, grand in SUMMARY_CLOSING.values()
                 if field in (names := (this_year, *added, grand))), (field,))
    # A blank line takes the form of the side's other closing lines (one amount unless they are split).
    if isinstance(value, dict) or (value is None and any(isinstance(table.get(name), dict) for name in side)):
        return base + (field,) + column
    return base + (field,) if column == ("amount",) else None


def _fiscal_summary_derivations(budget: Budget, key: str) -> list[Derivation]:
    """财政拨款收支总表: 收入合计 = 本年收入 + 上年结转; 本年支出 = Σ 类 rows; 支出合计 = 本年支出 + 年终结转结余,
    column by column (A205). Where the layout prints no 本年支出 line, 支出合计 = Σ 类 rows + 年终结转结余."""
    spec = budget.layout.tables[key]
    table = budget.table(key) or {}
    printed = printed_columns(budget, key)
    base: DocPath = ("tables", key)
    expenditure = mapping(table.get("expenditure"))
    rows = [base + ("expenditure", "rows", index) for index, row in enumerate(expenditure.get("rows") or [])
            if isinstance(row, dict)]
    this_year = base + ("expenditure", "this_year")
    carried = base + ("expenditure", "carryover_out")
    out = [Derivation(base + ("revenue", "total"),
                      (base + ("revenue", "this_year", "total"), base + ("revenue", "carryover", "total")), "A205",
                      printed(base + ("revenue", "total")))]
    with_this_year = printed(this_year + ("total",))
    for column in spec.columns:
        if with_this_year:
            out.append(Derivation(this_year + column, tuple(row + column for row in rows), "A205"))
        year = (this_year + column,) if with_this_year else tuple(row + column for row in rows)
        target = base + ("expenditure", "totals") + column
        out.append(Derivation(target, (*year, carried + column), "A205", printed(target)))
    return out


def _identity_derivations(budget: Budget) -> list[Derivation]:
    """An identity of the layout that sets one figure of a table equal to a sum of figures of the same
    table (a 决算's 人员经费合计 = 类 301 + 类 303; 表4 收入总计 = its three fund lines) derives that figure."""
    out = []
    for identity in budget.layout.identities:
        if identity.relation != "=" or len(identity.left) != 1 or identity.left[0].selector != "":
            continue
        target = identity.left[0]
        if any(term.table != target.table or term.keyed or term.selector.startswith("revenue")
               for term in identity.right) or budget.table(target.table) is None:
            continue
        parts: list[DocPath] = []
        for term in identity.right:
            selector, _, code = term.selector.partition("=")
            if selector == "":
                parts.append(("tables", term.table) + term.column)
            elif selector == "total":
                parts.append(totals_path(budget, term.table) + term.column)
            elif (found := _coded_rows(budget, term.table).get(code)) is not None:
                parts.append(found[0] + term.column)
        out.append(Derivation(("tables", target.table) + target.column, tuple(parts), "A314"))
    return out
