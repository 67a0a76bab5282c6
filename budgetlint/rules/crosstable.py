"""Identities between tables: the same money shown in two tables must be the same figure."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .. import classification
from ..findings import ERROR, MAX_RELATED, DocPath, Problem
from ..layout import Identity, Term
from ..messages import say
from ..model import ZERO, Budget, add_into, dicts, fmt, money, signed, well_formed
from ..rule import rule
from ..tables import (
    Columns,
    all_leaf_rows,
    cell,
    figure_phrase,
    figure_values,
    gap,
    half_unit,
    mismatch,
    parent_codes,
    rollup,
    table_totals,
)

FISCAL_FUND_TABLES = (("general_budget", "general_expenditure"), ("gov_fund", "gov_fund_expenditure"),
                      ("state_capital", "state_capital_expenditure"))
NON_FISCAL_SOURCES = ("special_account", "business", "business_operation", "higher_subsidy", "affiliated", "other",
                      "unit_funds")


def _summary_rows(budget: Budget, side: str) -> list[tuple[DocPath, dict[str, Any]]]:
    table = budget.table("summary") or {}
    rows = table.get(side)
    return [(("tables", "summary", side, index), row) for index, row in enumerate(rows if isinstance(rows, list) else [])
            if well_formed(row)]


def _class_rows(budget: Budget, key: str, class_code: object, column: tuple[str, ...] = ("total",)) -> tuple[DocPath, ...]:
    """Where a table spends under a 类 (the other side of a 类 figure): its 类 row where it prints one,
    then its 款 and 项 rows, at most MAX_RELATED."""
    if not isinstance(class_code, str):
        return ()
    rows = [(len(row["code"]), path) for path, row in budget.leaf_rows(key)
            if isinstance(row.get("code"), str) and row["code"].startswith(class_code)]
    return tuple(path + column for _, path in sorted(rows, key=lambda entry: entry[0]))[:MAX_RELATED]


def _leaves_with_paths(budget: Budget, key: str) -> list[tuple[DocPath, dict[str, Any]]]:
    """`tables.all_leaf_rows` with each row's path: the rows with no row under them, across units."""
    out = []
    for base, rows in budget.row_groups(key):
        parents = parent_codes(rows)
        out += [(base + ("rows", index), row) for index, row in enumerate(rows) if row.get("code") not in parents]
    return out


def _totals_cell(key: str, column: tuple[str, ...]) -> DocPath:
    """A table's 合计 cell; where the file leaves the 合计 out, it is placed at the table."""
    return ("tables", key, "totals") + column


def _only_fiscal_funds(budget: Budget) -> bool:
    """True when the revenue table shows no non-fiscal source (so fund tables must add up to the whole)."""
    table = budget.table("revenue")
    if table is None:
        return True
    totals = table_totals(budget, "revenue") or {}
    return not any(value != 0 for column, value in totals.items() if column[-1] in NON_FISCAL_SOURCES)


@rule("A301", "summary-expenditure-matches-expenditure-table", ERROR, needs=("summary", "expenditure/total"))
def summary_expenditure_matches_expenditure_table(budget: Budget) -> Iterator[Problem]:
    """Each 类 row of the 收支总表 (预算01表) equals the 支出预算表 (预算03表) rows of that 类, summed.

    Why: both tables show the same expenditure, once by 类 and once by 项; a 类 figure that differs
    from its 项 rows means one of the tables is wrong.

    Bad::

        summary:
          expenditure:
            - {code: "208", name: 社会保障和就业, amount: 162.03}
        expenditure:            # 2080208 4.00 + 2080501 91.47 + 2080505 70.56 = 166.03

    Good::

        summary:
          expenditure:
            - {code: "208", name: 社会保障和就业, amount: 166.03}
    """
    if budget.table("summary") is None or budget.table("expenditure") is None:
        return
    by_class = rollup(budget, "expenditure", 3)
    seen = set()
    for path, row in _summary_rows(budget, "expenditure"):
        code = row.get("code")
        seen.add(code)
        stated = money(row.get("amount"))
        computed = by_class.get(code, {}).get(("total",), ZERO) if isinstance(code, str) else ZERO
        if gap(budget, stated or ZERO, [computed]) is not None:
            yield Problem(path + ("amount",), mismatch(
                budget, f"{budget.label('summary')} 类 {code} {row.get('name', '')}", stated or ZERO,
                say("crosstable.class_rows", table=budget.label("expenditure"), code=code), computed),
                related=_class_rows(budget, "expenditure", code))
    for code, columns in sorted(by_class.items()):
        if code not in seen and columns.get(("total",), ZERO) != 0:
            yield Problem(("tables", "summary", "expenditure"), say(
                "A301.no_class_row", table=budget.label("summary"), code=code, other=budget.label("expenditure"),
                amount=columns[("total",)]), related=_class_rows(budget, "expenditure", code))


def _revenue_by_source(budget: Budget) -> tuple[Columns, bool]:
    totals = table_totals(budget, "revenue")
    return (totals or {}), totals is not None


@rule("A302", "summary-revenue-matches-revenue-table", ERROR, needs=("summary", "revenue"))
def summary_revenue_matches_revenue_table(budget: Budget) -> Iterator[Problem]:
    """The revenue side of the 收支总表 (预算01表) equals the 收入预算表 (预算02表): each source of this
    year's revenue, and 上年结转结余.

    Why: both tables show the same revenue; a source that differs between them is a contradiction a
    reader will notice.

    Bad::

        summary:
          revenue:
            - {source: general_budget, name: 一般公共预算, amount: 1896.50}
        revenue:
          totals: {this_year: {general_budget: 1896.05}}

    Good: the two figures equal.
    """
    summary = budget.table("summary")
    totals, present = _revenue_by_source(budget)
    if summary is None or not present:
        return
    what, other = budget.label("summary"), budget.label("revenue")
    for path, row in _summary_rows(budget, "revenue"):
        source = row.get("source")
        if not isinstance(source, str) or source == "carryover":
            continue
        for cell_key, column in (("amount", source), ("fiscal", f"{source}_fiscal")):
            if cell_key == "fiscal" and source != "general_budget":
                continue
            stated = money(row.get(cell_key)) or ZERO
            computed = totals.get(("this_year", column), ZERO)
            if gap(budget, stated, [computed]) is not None:
                yield Problem(path + (cell_key,), mismatch(
                    budget, f"{what} {row.get('name', source)}{' 其中：财政拨款' if cell_key == 'fiscal' else ''}",
                    stated, f"{other} {_col(('this_year', column))}", computed, key="A302.sum"),
                    related=(_totals_cell("revenue", ("this_year", column)),))
    carry = money(summary.get("carryover_in"))
    carried = totals.get(("carryover", "total"))
    computed = carried if carried is not None else sum((v for c, v in totals.items() if c[0] == "carryover"), ZERO)
    if carry is not None and gap(budget, carry, [computed]) is not None:
        yield Problem(("tables", "summary", "carryover_in"), mismatch(budget, f"{what} 上年结转结余", carry,
                                                                      f"{other} 上年结转结余", computed, key="A302.sum"),
                      related=(_totals_cell("revenue", ("carryover", "total")),))


@rule("A303", "expenditure-equals-fund-tables", ERROR, needs=("expenditure", "general_expenditure"))
def expenditure_equals_fund_tables(budget: Budget) -> Iterator[Problem]:
    """Each row of the 支出预算表 (预算03表) equals the same row of the 一般公共预算 (预算05表),
    政府性基金 (预算09表) and 国有资本经营 (预算10表) tables added together, column by column.

    When the department also has non-fiscal funds (事业收入, 单位资金 …), the fund tables may add up to
    less than 预算03表 but never to more.

    Why: 预算03表 is all expenditure; the three fund tables split it by fund. A row in a fund table that
    is missing from 预算03表, or differs from it, breaks that split.

    Bad::

        expenditure:          rows: [{code: "2070199", total: 4.22}]
        general_expenditure:  rows: [{code: "2070199", total: 1.20}]

    Good::

        expenditure:          rows: [{code: "2070199", total: 4.22}]
        general_expenditure:  rows: [{code: "2070199", total: 4.22}]
    """
    if budget.table("expenditure") is None:
        return
    whole = _rows_by_code(budget, "expenditure")
    parts: dict[str, Columns] = {}
    part_rows: dict[str, list[DocPath]] = {}  # where each code is in the fund tables: the other side
    for _, key in FISCAL_FUND_TABLES:
        for code, (row_path, columns) in _rows_by_code(budget, key).items():
            add_into(parts.setdefault(code, {}), columns)
            part_rows.setdefault(code, []).append(row_path)
    exact = _only_fiscal_funds(budget)
    for code in sorted(set(whole) | set(parts)):
        path, stated = whole.get(code, (("tables", "expenditure"), {}))
        computed = parts.get(code, {})
        for column in sorted(set(stated) | set(computed)):
            value, total = stated.get(column, ZERO), computed.get(column, ZERO)
            difference = gap(budget, value, [total])
            if difference is None or (not exact and difference > 0):
                continue
            where = path + column if code in whole else path
            yield Problem(where, mismatch(
                budget, say("A303.row", table=budget.label("expenditure"), code=code, column=_col(column)), value,
                say("A303.fund_rows", tables=" + ".join(budget.label(key) for _, key in FISCAL_FUND_TABLES)), total),
                related=tuple(row_path + column for row_path in part_rows.get(code, [])))


def _col(column: tuple[str, ...]) -> str:
    from ..columns import column_label

    return column_label(column)


def _rows_by_code(budget: Budget, key: str) -> dict[str, tuple[DocPath, Columns]]:
    """Leaf rows of a function table by code (summed across units), with the path of the first row."""
    out: dict[str, tuple[DocPath, Columns]] = {}
    factor = budget.table_factor(key)
    for base, rows in budget.row_groups(key):
        parents = parent_codes(rows)
        for index, row in enumerate(rows):
            code = row.get("code")
            if not isinstance(code, str) or code in parents:
                continue
            entry = out.setdefault(code, (base + ("rows", index), {}))
            add_into(entry[1], {c: v * factor for c, v in budget.amounts(row).items()})
    return out


@rule("A304", "fiscal-summary-matches-fund-tables", ERROR, needs=("fiscal_summary", "general_expenditure"))
def fiscal_summary_matches_fund_tables(budget: Budget) -> Iterator[Problem]:
    """Each 类 row of the 财政拨款收支总表 (预算04表) equals, fund by fund, the rows of that 类 in the
    一般公共预算 (预算05表), 政府性基金 (预算09表) and 国有资本经营 (预算10表) tables.

    Why: 预算04表 summarises fiscal expenditure by 类; the fund tables give the same money by 项. The
    usual mistake is to leave out spending from carried-over funds in one of them.

    Bad::

        fiscal_summary:
          expenditure:
            rows: [{code: "207", name: 文化旅游体育与传媒支出, total: 1.20, general_budget: 1.20}]
        general_expenditure:     # 2070199 4.22

    Good::

        fiscal_summary:
          expenditure:
            rows: [{code: "207", name: 文化旅游体育与传媒支出, total: 4.22, general_budget: 4.22}]
    """
    table = budget.table("fiscal_summary")
    if table is None or not isinstance(table.get("expenditure"), dict):
        return
    expected: dict[str, Columns] = {}
    for fund, key in FISCAL_FUND_TABLES:
        for class_code, columns in rollup(budget, key, 3).items():
            value = columns.get(("total",), ZERO)
            add_into(expected.setdefault(class_code, {}), {(fund,): value, ("total",): value})
    rows = dicts(table["expenditure"].get("rows"))
    seen = set()
    factor = budget.table_factor("fiscal_summary")
    for index, row in enumerate(rows):
        code = row.get("code")
        if not isinstance(code, str):
            continue
        seen.add(code)
        want = expected.get(code, {})
        for column in (("general_budget",), ("gov_fund",), ("state_capital",)):
            stated = (cell(row, column) or ZERO) * factor
            computed = want.get(column, ZERO)
            if gap(budget, stated, [computed]) is not None:
                source_key = dict(FISCAL_FUND_TABLES)[column[0]]
                yield Problem(("tables", "fiscal_summary", "expenditure", "rows", index) + column, mismatch(
                    budget, f"{budget.label('fiscal_summary')} 类 {code} {row.get('name', '')} {_col(column)}",
                    stated, say("crosstable.class_rows", table=budget.label(source_key), code=code), computed),
                    related=_class_rows(budget, source_key, code))
    if rows:
        for code, columns in sorted(expected.items()):
            if code not in seen and columns.get(("total",), ZERO) != 0:
                spent = tuple(path for _, key in FISCAL_FUND_TABLES for path in _class_rows(budget, key, code))
                yield Problem(("tables", "fiscal_summary", "expenditure", "rows"), say(
                    "A304.no_class_row", table=budget.label("fiscal_summary"), code=code,
                    amount=columns[("total",)]), related=spent[:MAX_RELATED])


@rule("A305", "fiscal-summary-revenue-matches-revenue-table", ERROR, needs=("fiscal_summary", "revenue"))
def fiscal_summary_revenue_matches_revenue_table(budget: Budget) -> Iterator[Problem]:
    """The revenue side of the 财政拨款收支总表 (预算04表) equals the fiscal columns of the 收入预算表
    (预算02表): 本年收入 and 上年结转 by fund.

    Why: both tables state the same fiscal appropriations.

    Bad::

        fiscal_summary: {revenue: {carryover: {general_budget: 10.20}}}
        revenue: {totals: {carryover: {general_budget: 10.02}}}

    Good: both 10.02.
    """
    table = budget.table("fiscal_summary")
    totals, present = _revenue_by_source(budget)
    if table is None or not present or not isinstance(table.get("revenue"), dict):
        return
    factor = budget.table_factor("fiscal_summary")
    for group in ("this_year", "carryover"):
        stated_group = table["revenue"].get(group)
        if not isinstance(stated_group, dict):
            continue
        for fund in ("general_budget", "general_budget_fiscal", "gov_fund", "state_capital"):
            stated = (cell(stated_group, (fund,)) or ZERO) * factor
            computed = totals.get((group, fund), ZERO)
            if gap(budget, stated, [computed]) is not None:
                yield Problem(("tables", "fiscal_summary", "revenue", group, fund), mismatch(
                    budget, f"{budget.label('fiscal_summary')} {_col((group, fund))}", stated,
                    f"{budget.label('revenue')} {_col((group, fund))}", computed, key="A305.sum"),
                    related=(_totals_cell("revenue", (group, fund)),))


@rule("A306", "fiscal-carryover-within-summary", ERROR, needs=("summary", "fiscal_summary"))
def fiscal_carryover_within_summary(budget: Budget) -> Iterator[Problem]:
    """The 年终结转结余 of the 财政拨款收支总表 (预算04表) is not larger than the 年终结转结余 of the
    收支总表 (预算01表).

    Why: fiscal funds carried to next year are part of all funds carried to next year. A budget
    usually plans to spend everything (年终结转结余 0.00); a department that books last year's
    carry-over (上年结转) as this year's 年终结转结余 contradicts its own 收支总表.

    Bad::

        summary: {carryover_out: 0.00}
        fiscal_summary: {expenditure: {carryover_out: {total: 13.02}}}

    Good::

        summary: {carryover_out: 0.00}
        fiscal_summary: {expenditure: {carryover_out: {total: 0.00}}}
    """
    summary, table = budget.table("summary"), budget.table("fiscal_summary")
    if summary is None or table is None:
        return
    whole = money(summary.get("carryover_out"))
    part = cell(table, ("expenditure", "carryover_out", "total"))
    if whole is None or part is None:
        return
    part *= budget.table_factor("fiscal_summary")
    if part > whole and gap(budget, part, [whole]) is not None:
        yield Problem(("tables", "fiscal_summary", "expenditure", "carryover_out", "total"), mismatch(
            budget, f"{budget.label('fiscal_summary')} 年终结转结余", part,
            say("A306.all_funds", table=budget.label("summary")), whole), related=(("tables", "summary", "carryover_out"),))


@rule("A307", "basic-economic-matches-general-expenditure", ERROR, needs=("general_basic_economic/personnel", "general_expenditure/personnel_wages", "general_expenditure/personnel_family", "general_expenditure/public_goods", "general_expenditure/public_capital"))
def basic_economic_matches_general_expenditure(budget: Budget) -> Iterator[Problem]:
    """The 一般公共预算基本支出表 (预算06表) equals the basic columns of the 一般公共预算支出表 (预算05表):
    合计 = 基本支出, 人员经费 = 工资福利 + 对个人和家庭的补助, 公用经费 = 商品和服务 + 资本性; and its rows
    rolled up by economic 类 (301, 303, 302, 310) equal those four columns.

    Why: the two tables show the same basic expenditure, once by function and once by economic nature.

    Bad::

        general_basic_economic: {totals: {total: 1137.99, personnel: 1080.44, public: 57.55}}
        general_expenditure: {totals: {basic: 1137.99, personnel_wages: 989.93, personnel_family: 90.51, public_goods: 57.50}}

    Good: 公用经费 57.55 in both.
    """
    if budget.table("general_basic_economic") is None or budget.table("general_expenditure") is None:
        return
    basic = table_totals(budget, "general_basic_economic") or {}
    general = table_totals(budget, "general_expenditure") or {}

    def g(*keys: str) -> Decimal:
        return sum((general.get((key,), ZERO) for key in keys), ZERO)

    what, other = budget.label("general_basic_economic"), budget.label("general_expenditure")
    for column, keys, name in (
        ("total", ("basic",), "基本支出"),
        ("personnel", ("personnel_wages", "personnel_family"), "工资福利支出 + 对个人和家庭的补助"),
        ("public", ("public_goods", "public_capital"), "商品和服务支出 + 资本性支出"),
    ):
        stated, expected = basic.get((column,), ZERO), g(*keys)
        if gap(budget, stated, [expected]) is not None:
            path = ("tables", "general_basic_economic", "totals", column)
            yield Problem(path, mismatch(budget, f"{what} 合计 {_col((column,))}", stated, f"{other} {name}", expected),
                          related=tuple(_totals_cell("general_expenditure", (key,)) for key in keys))
    by_class = rollup(budget, "general_basic_economic", 3)
    for economic_class, column in (("301", "personnel_wages"), ("303", "personnel_family"),
                                   ("302", "public_goods"), ("310", "public_capital")):
        stated = by_class.get(economic_class, {}).get(("total",), ZERO)
        expected = general.get((column,), ZERO)
        if gap(budget, stated, [expected]) is not None:
            yield Problem(("tables", "general_basic_economic"), mismatch(
                budget, say("A307.class_rows", table=what, code=economic_class), stated, f"{other} 合计 {_col((column,))}",
                expected), related=(_totals_cell("general_expenditure", (column,)),
                                    *_class_rows(budget, "general_basic_economic", economic_class)))


@rule("A308", "basic-items-within-economic-summary", ERROR, needs=("general_basic_economic", "economic_summary"))
def basic_items_within_economic_summary(budget: Budget) -> Iterator[Problem]:
    """Each item of the 一般公共预算基本支出表 (预算06表) appears in the 支出经济分类汇总表 (预算07表) with at
    least the same amount.

    Why: 预算07表 summarises all expenditure by economic class, basic and project, from all funds; an
    item of basic expenditure cannot exceed, or be missing from, that summary.

    Bad::

        general_basic_economic: rows: [{code: "30201", name: 办公费, total: 19.50}]
        economic_summary:       rows: [{code: "30201", name: 办公费, total: 9.50}]

    Good: 预算07表 30201 ≥ 19.50.
    """
    if budget.table("general_basic_economic") is None or budget.table("economic_summary") is None:
        return
    summary: dict[str, Decimal] = {}
    where: dict[str, list[DocPath]] = {}  # the rows of each code in 预算07表: the other side
    factor = budget.table_factor("economic_summary")
    for row_path, row in _leaves_with_paths(budget, "economic_summary"):
        code = row.get("code")
        if isinstance(code, str):
            summary[code] = summary.get(code, ZERO) + (cell(row, ("total",)) or ZERO) * factor
            where.setdefault(code, []).append(row_path + ("total",))
    factor = budget.table_factor("general_basic_economic")
    for path, row in budget.leaf_rows("general_basic_economic"):
        code = row.get("code")
        stated = (cell(row, ("total",)) or ZERO) * factor
        if not isinstance(code, str) or stated == 0:
            continue
        if code not in summary:
            yield Problem(path + ("code",), say("A308.missing", table=budget.label("general_basic_economic"), code=code,
                                                name=row.get("name", ""), amount=stated,
                                                other=budget.label("economic_summary")),
                          related=(("tables", "economic_summary"),))
        elif stated > summary[code] and gap(budget, stated, [summary[code]]) is not None:
            yield Problem(path + ("total",), mismatch(
                budget, say("A308.item", table=budget.label("general_basic_economic"), code=code,
                            name=row.get("name", "")), stated,
                say("A308.whole", table=budget.label("economic_summary")), summary[code]),
                related=tuple(where[code][:MAX_RELATED]))


@rule("A309", "three-public-matches-economic-summary", ERROR, needs=("three_public", "economic_summary"))
def three_public_matches_economic_summary(budget: Budget) -> Iterator[Problem]:
    """Each item of the “三公”经费 table (预算08表) equals the 一般公共预算 figure of its economic rows in the
    支出经济分类汇总表 (预算07表), where those rows are present. Which economic codes make up each item
    comes from the year's code lists (`three_public.csv`: 30212 因公出国（境）费用, 30217 公务接待费,
    30231 公务用车运行维护费, 31013 公务用车购置 in 2023).

    Why: 三公经费 are the most scrutinised figures of a disclosure; the table and the economic summary
    must not contradict each other.

    Bad::

        three_public: {totals: {total: 2.40, vehicles: 2.40, vehicle_operation: 2.40}}
        economic_summary: rows: [{code: "30231", name: 公务用车运行维护费, total: 4.80, general_budget: 4.80}]

    Good: 30231 general_budget 2.40.
    """
    table, summary_table = budget.table("three_public"), budget.table("economic_summary")
    if table is None or summary_table is None:
        return
    stated_all = table_totals(budget, "three_public") or {}
    by_code: dict[str, Decimal] = {}
    where: dict[str, DocPath] = {}  # the first row of each code in 预算07表: the other side
    factor = budget.table_factor("economic_summary")
    for row_path, row in _leaves_with_paths(budget, "economic_summary"):
        code = row.get("code")
        column = ("general_budget",) if cell(row, ("general_budget",)) is not None else ("total",)
        value = cell(row, column)
        if isinstance(code, str) and value is not None:
            by_code[code] = by_code.get(code, ZERO) + value * factor
            where.setdefault(code, row_path + column)
    lists = classification.lists_for(budget)
    for item, codes in sorted(lists.three_public.items() if lists is not None else ()):
        present = [code for code in codes if code in by_code]
        if not present:
            continue
        stated = stated_all.get((item,), ZERO)
        expected = sum((by_code[code] for code in present), ZERO)
        if gap(budget, stated, [expected]) is not None:
            yield Problem(("tables", "three_public", "totals", item), mismatch(
                budget, f"{budget.label('three_public')} {_col((item,))}", stated,
                say("A309.rows", table=budget.label("economic_summary"), codes=" + ".join(present)), expected),
                related=tuple(where[code] for code in present)[:MAX_RELATED])


@rule("A310", "fund-tables-match-revenue", ERROR, needs=("revenue", "general_expenditure"))
def fund_tables_match_revenue(budget: Budget) -> Iterator[Problem]:
    """Each fund table's 合计 equals that fund's revenue in the 收入预算表 (预算02表), this year's plus
    carried over: 预算05表 = 一般公共预算, 预算09表 = 政府性基金, 预算10表 = 国有资本经营预算.

    Why: a fund's expenditure is financed by that fund's appropriation and carry-over, no more, no less.

    Bad::

        revenue: {totals: {this_year: {gov_fund: 0.00}, carryover: {gov_fund: 3.00}}}
        gov_fund_expenditure: {totals: {total: 4.00}}

    Good: 预算09表 合计 3.00.
    """
    revenue, present = _revenue_by_source(budget)
    if not present:
        return
    for fund, key in FISCAL_FUND_TABLES:
        table = budget.table(key)
        if table is None:
            continue
        spent = (table_totals(budget, key) or {}).get(("total",), ZERO)
        funded = revenue.get(("this_year", fund), ZERO) + revenue.get(("carryover", fund), ZERO)
        if gap(budget, spent, [funded]) is not None:
            path = ("tables", key, "totals", "total") if isinstance(table.get("totals"), dict) else ("tables", key)
            yield Problem(path, mismatch(budget, f"{budget.label(key)} 合计", spent,
                                         f"{budget.label('revenue')} {_col(('this_year', fund))} + 上年结转", funded,
                                         key="A310.sum"),
                          related=(_totals_cell("revenue", ("this_year", fund)),
                                   _totals_cell("revenue", ("carryover", fund))))


@rule("A311", "projects-match-expenditure", ERROR, needs=("projects", "expenditure/project_operating", "expenditure/project_targeted"))
def projects_match_expenditure(budget: Budget) -> Iterator[Problem]:
    """The 项目支出表 (预算11表) equals the project columns of the expenditure tables: projects of type
    其他运转类 and 特定目标类 add up to 预算03表's columns of those names, and the projects' 一般公共预算 and
    政府性基金 funding (this year's and carried over) add up to 项目支出 in 预算05表 and 预算09表.

    Why: 预算11表 lists the projects behind the 项目支出 figures; a project missing from it, or with a
    wrong type or amount, makes the two disagree.

    Bad::

        projects: rows: [{type: 其他运转类, name: 服务群众专项经费, total: 178.46}]
        expenditure: totals: {project_operating: 756.86}     # other projects missing

    Good: the operating projects add up to 756.86.
    """
    table = budget.table("projects")
    if table is None:
        return
    rows = all_leaf_rows(table)
    factor = budget.table_factor("projects")
    expenditure = table_totals(budget, "expenditure")
    if expenditure is not None:
        for project_type, column in (("其他运转类", "project_operating"), ("特定目标类", "project_targeted")):
            listed = sum(((cell(row, ("total",)) or ZERO) * factor for row in rows if row.get("type") == project_type),
                         ZERO)
            expected = expenditure.get((column,), ZERO)
            if gap(budget, listed, [expected]) is not None:
                yield Problem(("tables", "projects"), mismatch(
                    budget, say("A311.type", table=budget.label("projects"), type=project_type), listed,
                    f"{budget.label('expenditure')} 合计 {project_type}", expected),
                    related=(_totals_cell("expenditure", (column,)),))
    for fund, key in FISCAL_FUND_TABLES[:2]:
        totals = table_totals(budget, key)
        if totals is None:
            continue
        listed = sum((((cell(row, ("this_year", fund)) or ZERO) + (cell(row, ("carryover", fund)) or ZERO)) * factor
                      for row in rows), ZERO)
        expected = totals.get(("project",), ZERO)
        if gap(budget, listed, [expected]) is not None:
            yield Problem(("tables", "projects"), mismatch(
                budget, say("A311.funding", table=budget.label("projects"), fund=_col((fund,))), listed,
                f"{budget.label(key)} 合计 项目支出", expected), related=(_totals_cell(key, ("project",)),))


def _project_key(row: dict[str, Any]) -> str:
    return str(row.get("code") or row.get("name") or "")


@rule("A312", "performance-projects-match-projects", ERROR, needs=("projects", "project_performance"))
def performance_projects_match_projects(budget: Budget) -> Iterator[Problem]:
    """The projects of the 项目绩效目标表 (预算13表) are the projects of the 项目支出表 (预算11表), with the
    same amounts (matched by project code, or by name where a code is missing).

    Why: every project that receives money must have its performance targets published, and the
    targets must be for the amount actually budgeted.

    Bad::

        projects: rows: [{code: "410303220000000013451", name: 服务群众专项经费-党建经费, total: 6.00}]
        project_performance: rows: [{code: "410303220000000013451", name: 服务群众专项经费-党建经费, total: 5.00}]

    Good: both 6.00.
    """
    projects, performance = budget.table("projects"), budget.table("project_performance")
    if projects is None or performance is None:
        return
    listed = {_project_key(row): (path, row) for path, row in budget.leaf_rows("projects")}
    targeted = {_project_key(row): (path, row) for path, row in budget.leaf_rows("project_performance")}
    f11, f13 = budget.table_factor("projects"), budget.table_factor("project_performance")
    for key, (path, row) in listed.items():
        if key not in targeted:
            yield Problem(path, say("A312.missing", table=budget.label("projects"), name=row.get("name", key), code=key,
                                    other=budget.label("project_performance")))
            continue
        other_path, other = targeted[key]
        stated = (cell(other, ("total",)) or ZERO) * f13
        expected = (cell(row, ("total",)) or ZERO) * f11
        if gap(budget, stated, [expected]) is not None:
            yield Problem(other_path + ("total",), mismatch(
                budget, say("A312.project", table=budget.label("project_performance"), name=other.get("name", key)),
                stated,
                f"{budget.label('projects')}", expected), related=(path + ("total",),))
    for key, (path, row) in targeted.items():
        if key not in listed:
            yield Problem(path, say("A312.unlisted", table=budget.label("project_performance"),
                                    name=row.get("name", key), code=key, other=budget.label("projects")))


@rule("A313", "department-performance-matches-tables", ERROR, needs=("department_performance", "summary", "expenditure"))
def department_performance_matches_tables(budget: Budget) -> Iterator[Problem]:
    """The budget figures of the 部门整体绩效目标表 (预算12表) equal the tables: 部门预算总额 = 收支总表
    支出总计, 基本支出 and 项目支出 = the 支出预算表 (预算03表) 合计 columns.

    Why: the performance table restates the budget; it must restate it correctly.

    Bad::

        department_performance: {budget: {total: 1909.07, basic: 1137.99, project: 771.80}}

    Good: 项目支出 771.08, as in 预算03表.
    """
    table = budget.table("department_performance")
    if table is None or not isinstance(table.get("budget"), dict):
        return
    figures = table["budget"]
    factor = budget.table_factor("department_performance")
    summary = budget.table("summary") or {}
    expenditure = table_totals(budget, "expenditure") or {}
    checks = [("total", money(summary.get("expenditure_total")), f"{budget.label('summary')} 支出总计",
               ("tables", "summary", "expenditure_total")),
              ("basic", expenditure.get(("basic",)), f"{budget.label('expenditure')} 合计 基本支出",
               _totals_cell("expenditure", ("basic",))),
              ("project", expenditure.get(("project",)), f"{budget.label('expenditure')} 合计 项目支出",
               _totals_cell("expenditure", ("project",)))]
    for key, expected, other, other_path in checks:
        stated = cell(figures, (key,))
        if stated is None or expected is None:
            continue
        if gap(budget, stated * factor, [expected]) is not None:
            yield Problem(("tables", "department_performance", "budget", key), mismatch(
                budget, f"{budget.label('department_performance')} {_col((key,))}", stated * factor, other, expected,
                key="A313.sum"),
                related=(other_path,))


@rule("A314", "declared-identity", ERROR, needs=("identities",))
def declared_identity(budget: Budget) -> Iterator[Problem]:
    """Every identity across tables that the file's layout declares holds: `figure = figure + …`, or a
    bound (`<=`, `>=`). Figures are a table's 合计 (`expenditure.total.basic`), its rows by 类 or by code
    (`revenue_function.code.total`, compared code by code), a revenue row of a summary table
    (`summary.revenue[fiscal].amount`) or a field (`summary.revenue_total`); docs/layouts.md lists them.

    A figure from a table printed in a coarser unit (the 三公 table in 万元 against 元) stands for the
    values that round to it, so it agrees within half a unit of its last digit.

    Why: each identity is the same money shown in two tables; a layout declares the ones its
    disclosure must keep, and a new layout gets them checked without new code.

    Bad::

        # shanghai-2025: summary.revenue_total = revenue_function.total.total
        summary: {revenue_total: 189767551}
        revenue_function: {totals: {total: 189767552}}

    Good::

        summary: {revenue_total: 189767551}
        revenue_function: {totals: {total: 189767551}}
    """
    for identity in budget.layout.identities:
        yield from _check_identity(budget, identity)


def _check_identity(budget: Budget, identity: Identity) -> Iterator[Problem]:
    left = [figure_values(budget, term) for term in identity.left]
    right = [figure_values(budget, term) for term in identity.right]
    if any(value is None for value in (*left, *right)):
        return  # a table or a closing figure that is not in the file: nothing to compare
    by_code = [value for value in (*left, *right) if isinstance(value, dict)]
    if not by_code:
        yield from _compare(budget, identity, left, right, "")
        return
    for code in sorted({code for value in by_code for code in value}):
        at_left = [value.get(code) if isinstance(value, dict) else value for value in left]
        at_right = [value.get(code) if isinstance(value, dict) else value for value in right]
        yield from _compare(budget, identity, at_left, at_right, code)


def _compare(budget: Budget, identity: Identity, left: list[Any], right: list[Any], code: str) -> Iterator[Problem]:
    """One comparison of an identity; `None` figures (a code missing on one side) count as blank (0)."""
    left_terms, right_terms = identity.left, identity.right
    def total(figures: list[Any]) -> Decimal:
        return sum((figure[0] for figure in figures if figure is not None), ZERO)

    def allowance(figures: list[Any], terms: tuple[Term, ...]) -> Decimal:
        return sum((_allowance(budget, term, figure[0]) for figure, term in zip(figures, terms) if figure is not None),
                   ZERO)

    stated, other = total(left), total(right)
    difference = stated - other
    tolerance = allowance(left, left_terms) + allowance(right, right_terms)
    if identity.relation == "=":
        wrong = abs(difference) > tolerance and gap(budget, stated, [other]) is not None
    elif identity.relation == "<=":
        wrong = difference > tolerance
    else:
        wrong = -difference > tolerance
    if not wrong:
        return
    path = next((figure[1] for figure in left if figure is not None),
                next((figure[1] for figure in right if figure is not None), ("tables",)))
    # The other side: the right-hand figures, then the rest of the left-hand ones (each in its own place).
    related = tuple(figure[1] for figure in (*right, *left) if figure is not None and figure[1] != path)[:MAX_RELATED]
    where = f" {code}" if code else ""
    what, against = _sum_phrase(budget, left_terms), _sum_phrase(budget, right_terms)
    sign = {"=": "≠", "<=": ">", ">=": "<"}[identity.relation]
    bound = "" if identity.relation == "=" else say("A314.at_most", other=fmt(other)) if identity.relation == "<=" \
        else say("A314.at_least", other=fmt(other))
    yield Problem(path, say("A314.identity", what=what, where=where, stated=fmt(stated), sign=sign, against=against,
                            other=fmt(other), diff=signed(difference), bound=bound, layout=budget.layout.name,
                            identity=identity.text), related=related)


def _sum_phrase(budget: Budget, terms: tuple[Term, ...]) -> str:
    """`表2 合计 财政拨款收入 + 表8 row 30217 合计`, each figure's phrase kept in its Chinese."""
    if not terms:
        return ""
    phrase = figure_phrase(budget, terms[0])
    for term in terms[1:]:
        phrase = say("A314.plus", left=phrase, right=figure_phrase(budget, term))
    return phrase


def _allowance(budget: Budget, term: Term, value: Decimal) -> Decimal:
    """Half a unit of the last printed digit of a figure printed in a coarser unit than the file's."""
    factor = budget.table_factor(term.table)
    if factor <= 1:
        return ZERO
    printed = value / factor
    return half_unit(printed) * factor if printed == printed.quantize(Decimal("0.01")) else ZERO
