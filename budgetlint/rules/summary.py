"""Arithmetic of the two-sided summary tables: 收支总表 (预算01表) and 财政拨款收支总表 (预算04表)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..findings import ERROR, MAX_RELATED, DocPath, Problem
from ..messages import say
from ..model import ZERO, Budget, dicts, mapping, money
from ..rule import rule
from ..tables import cell, gap, label, mismatch

FISCAL_COLUMNS = (("total",), ("general_budget",), ("general_budget_fiscal",), ("gov_fund",), ("state_capital",))


def _closing_label(budget: Budget, field: str) -> str:
    """How the layout prints a closing line of the 收支总表 (本年收入合计, 收入总计 …)."""
    spec = budget.layout.table("summary")
    for line in (spec.raw.get("closing") or []) if spec else []:
        for side in ("revenue", "expenditure"):
            entry = line.get(side) if isinstance(line, dict) else None
            if isinstance(entry, dict) and entry.get("field") == field:
                return str(entry.get("label", field))
    return field


def _side_sum(budget: Budget, side: str, this_year: str, grand: str, carried: str) -> Iterator[Problem]:
    """The rows of one side add up to its 本年 line — or, where the table prints no 本年 line and no
    carry-over (Shanghai 表1), to its 总计 — in every column the side prints. Rows that are part of
    another row (`of: fiscal`: 1. 一般公共预算资金 under 一、财政拨款收入) are not added again; their parent
    row must equal their sum."""
    table = budget.table("summary")
    spec = budget.layout.table("summary")
    if table is None or spec is None:
        return
    rows = dicts(table.get(side))
    key = this_year if this_year in table or carried in table else grand
    stated_cell = table.get(key)
    what = f"{budget.label('summary')} {_closing_label(budget, key)}"
    for column in spec.side_columns.get(side, (("amount",),)):
        stated = money(stated_cell) if column == ("amount",) and not isinstance(stated_cell, dict) \
            else cell(stated_cell, column) if isinstance(stated_cell, dict) else None
        if stated is None:
            continue
        parts = [value for row in rows if not row.get("of") and (value := cell(row, column)) is not None]
        if gap(budget, stated, parts) is not None:
            where = ("tables", "summary", key) + (column if isinstance(stated_cell, dict) else ())
            name = "" if column == ("amount",) else f" {budget.layout.column_label('summary', column)}"
            rows_phrase = say("A201.rows" if side == "revenue" else "A202.rows")
            yield Problem(where, mismatch(budget, what + name, stated, rows_phrase, sum(parts, ZERO), parts),
                          related=_side_rows(table, side, column, [row for row in rows if not row.get("of")]))
    for index, row in enumerate(rows):
        children = [child for child in rows if child.get("of") is not None and child.get("of") == row.get("source")]
        stated = money(row.get("amount"))
        if not children or stated is None:
            continue
        parts = [value for child in children if (value := money(child.get("amount"))) is not None]
        if gap(budget, stated, parts) is not None:
            names = " + ".join(str(child.get("name")) for child in children)
            yield Problem(("tables", "summary", side, index, "amount"), mismatch(
                budget, f"{budget.label('summary')} {row.get('name')}", stated, names, sum(parts, ZERO), parts),
                related=_side_rows(table, side, ("amount",), children))


def _side_rows(table: dict[str, Any], side: str, column: tuple[str, ...],
               counted: list[dict[str, Any]]) -> tuple[DocPath, ...]:
    """Where the `counted` rows of a side of the 收支总表 print the column: the other side of a sum, at
    most MAX_RELATED."""
    kept = {id(row) for row in counted}
    rows = table.get(side)
    return tuple(("tables", "summary", side, index) + column
                 for index, row in enumerate(rows if isinstance(rows, list) else [])
                 if id(row) in kept and cell(row, column) is not None)[:MAX_RELATED]


@rule("A201", "summary-revenue-sum", ERROR, needs=("summary",))
def summary_revenue_sum(budget: Budget) -> Iterator[Problem]:
    """In the 收支总表, 本年收入合计 equals the sum of the revenue rows.

    Why: 本年收入合计 is the headline revenue figure of the disclosure.

    Bad::

        revenue:
          - {source: general_budget, name: 一般公共预算, amount: 1896.05}
        this_year_revenue: 1896.50

    Good::

        revenue:
          - {source: general_budget, name: 一般公共预算, amount: 1896.05}
        this_year_revenue: 1896.05
    """
    yield from _side_sum(budget, "revenue", "this_year_revenue", "revenue_total", "carryover_in")


@rule("A202", "summary-expenditure-sum", ERROR, needs=("summary",))
def summary_expenditure_sum(budget: Budget) -> Iterator[Problem]:
    """In the 收支总表, 本年支出合计 equals the sum of the expenditure rows (by functional 类).

    Why: 本年支出合计 is the headline expenditure figure of the disclosure.

    Bad::

        expenditure:
          - {code: "212", name: 城乡社区支出, amount: 1569.30}
        this_year_expenditure: 1569.03

    Good::

        expenditure:
          - {code: "212", name: 城乡社区支出, amount: 1569.30}
        this_year_expenditure: 1569.30
    """
    yield from _side_sum(budget, "expenditure", "this_year_expenditure", "expenditure_total", "carryover_out")


@rule("A203", "summary-grand-totals", ERROR, needs=("summary",))
def summary_grand_totals(budget: Budget) -> Iterator[Problem]:
    """In the 收支总表, 收入总计 = 本年收入合计 + 上年结转结余 and 支出总计 = 本年支出合计 + 年终结转结余; in a
    决算 also + 使用非财政拨款结余 on the 收入 side and + 结余分配 on the 支出 side, where printed.

    Why: carry-over is the only difference between the year's figures and the grand totals.

    Bad::

        this_year_revenue: 1896.05
        carryover_in: 13.02
        revenue_total: 1909.70

    Good::

        this_year_revenue: 1896.05
        carryover_in: 13.02
        revenue_total: 1909.07
    """
    table = budget.table("summary")
    if table is None:
        return
    for total_key, parts_keys in (
        ("revenue_total", ("this_year_revenue", "non_fiscal_surplus_used", "carryover_in")),
        ("expenditure_total", ("this_year_expenditure", "surplus_distribution", "carryover_out")),
    ):
        stated = money(table.get(total_key))
        present = [key for key in parts_keys if money(table.get(key)) is not None]
        if stated is None or not present:
            continue
        parts = [money(table[key]) or ZERO for key in present]
        if gap(budget, stated, parts) is not None:
            names = " + ".join(_closing_label(budget, key) for key in present)
            yield Problem(("tables", "summary", total_key), mismatch(
                budget, f"{budget.label('summary')} {_closing_label(budget, total_key)}", stated, names,
                sum(parts, ZERO), parts, key="A203.sum"), related=tuple(("tables", "summary", key) for key in present))


@rule("A204", "summary-balance", ERROR, needs=("summary",))
def summary_balance(budget: Budget) -> Iterator[Problem]:
    """In the 收支总表, 收入总计 = 支出总计.

    Why: a department budget is balanced: every source of funds is either spent or carried over.

    Bad::

        revenue_total: 1909.07
        expenditure_total: 1906.07

    Good::

        revenue_total: 1909.07
        expenditure_total: 1909.07
    """
    table = budget.table("summary")
    if table is None:
        return
    revenue, expenditure = money(table.get("revenue_total")), money(table.get("expenditure_total"))
    if isinstance(table.get("expenditure_total"), dict):  # a 支出总计 printed in several columns: its 合计
        expenditure = cell(table["expenditure_total"], ("amount",))
    if revenue is not None and expenditure is not None and gap(budget, expenditure, [revenue]) is not None:
        yield Problem(("tables", "summary", "expenditure_total"), mismatch(
            budget, f"{budget.label('summary')} 支出总计", expenditure, "收入总计", revenue, key="A204.sum"),
            related=(("tables", "summary", "revenue_total"),))


def _columns(group: object) -> dict[tuple[str, ...], Decimal]:
    if not isinstance(group, dict):
        return {}
    return {column: value for column in FISCAL_COLUMNS if (value := cell(group, column)) is not None}


@rule("A205", "fiscal-summary-sums", ERROR, needs=("fiscal_summary",))
def fiscal_summary_sums(budget: Budget) -> Iterator[Problem]:
    """In the 财政拨款收支总表: 收入合计 = 本年收入 + 上年结转; 本年支出 = sum of the 类 rows, column by
    column; 支出合计 = 本年支出 + 年终结转结余, column by column.

    Why: the table shows fiscal funds twice, as sources and as uses; each side must add up before the
    two sides can be compared.

    Bad::

        expenditure:
          this_year: {total: 1896.05}
          rows:
            - {code: "212", name: 城乡社区支出, total: 1569.30}

    Good::

        expenditure:
          this_year: {total: 1569.30}
          rows:
            - {code: "212", name: 城乡社区支出, total: 1569.30}
    """
    table = budget.table("fiscal_summary")
    if table is None:
        return
    base = ("tables", "fiscal_summary")
    what = budget.label("fiscal_summary")
    revenue = mapping(table.get("revenue"))
    stated = money(revenue.get("total"))
    parts = [value for group in ("this_year", "carryover") if (value := cell(revenue, (group, "total"))) is not None]
    if stated is not None and parts and gap(budget, stated, parts) is not None:
        yield Problem(base + ("revenue", "total"), mismatch(budget, f"{what} 收入合计", stated, "本年收入 + 上年结转",
                                                             sum(parts, ZERO), parts),
                      related=(base + ("revenue", "this_year", "total"), base + ("revenue", "carryover", "total")))
    expenditure = mapping(table.get("expenditure"))
    this_year = _columns(expenditure.get("this_year"))
    rows = dicts(expenditure.get("rows"))
    if this_year and rows:
        by_rows: dict[tuple[str, ...], list[Decimal]] = {column: [v for row in rows if (v := cell(row, column)) is not None] for column in FISCAL_COLUMNS}
        yield from _by_column(budget, base + ("expenditure", "this_year"), this_year, by_rows,
                              f"{what} 本年支出", say("A205.class_rows"),
                              tuple(base + ("expenditure", "rows", index)
                                    for index, row in enumerate(expenditure["rows"]) if isinstance(row, dict)))
    totals = _columns(expenditure.get("totals"))
    carry = _columns(expenditure.get("carryover_out"))
    if totals and (this_year or carry):
        by_group: dict[tuple[str, ...], list[Decimal]] = {
            column: [v for v in (this_year.get(column), carry.get(column)) if v is not None]
            for column in FISCAL_COLUMNS}
        yield from _by_column(budget, base + ("expenditure", "totals"), totals, by_group,
                              f"{what} 支出合计", "本年支出 + 年终结转结余",
                              (base + ("expenditure", "this_year"), base + ("expenditure", "carryover_out")))


def _by_column(budget: Budget, path: tuple, stated: dict[tuple[str, ...], Decimal],
               parts: dict[tuple[str, ...], list[Decimal]], what: str, other: str,
               where: tuple[DocPath, ...]) -> Iterator[Problem]:
    """`stated[column] = sum(parts[column])` for each fiscal column; a blank stated cell counts as zero.
    `where`: the lines the parts are on (the other side); each is pointed at in the same column."""
    for column in FISCAL_COLUMNS:
        value, values = stated.get(column), parts[column]
        if value is None and not values:
            continue
        if gap(budget, value or ZERO, values) is not None:
            yield Problem(path + column, mismatch(budget, f"{what} {label(column)}", value or ZERO, other,
                                                  sum(values, ZERO), values),
                          related=tuple(line + column for line in where)[:MAX_RELATED])


@rule("A206", "fiscal-summary-balance", ERROR, needs=("fiscal_summary",))
def fiscal_summary_balance(budget: Budget) -> Iterator[Problem]:
    """In the 财政拨款收支总表, 收入合计 = 支出合计.

    Why: fiscal funds received (this year's and carried over) are either spent or carried forward.

    Bad::

        revenue: {total: 1909.07}
        expenditure: {totals: {total: 1906.07}}

    Good::

        revenue: {total: 1909.07}
        expenditure: {totals: {total: 1909.07}}
    """
    table = budget.table("fiscal_summary")
    if table is None:
        return
    revenue = cell(table, ("revenue", "total"))
    expenditure = cell(table, ("expenditure", "totals", "total"))
    if revenue is not None and expenditure is not None and gap(budget, expenditure, [revenue]) is not None:
        yield Problem(("tables", "fiscal_summary", "expenditure", "totals", "total"), mismatch(
            budget, f"{budget.label('fiscal_summary')} 支出合计", expenditure, "收入合计", revenue, key="A206.sum"),
            related=(("tables", "fiscal_summary", "revenue", "total"),))
