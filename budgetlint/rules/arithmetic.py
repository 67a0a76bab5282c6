"""Arithmetic within one table: totals, subtotals and the identities between columns of a row."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from ..findings import ERROR, MAX_RELATED, DocPath, Problem
from ..messages import say
from ..model import ZERO, Budget, dicts, money
from ..rule import rule
from ..tables import (
    cell,
    column_sum,
    fill_row_sums,
    gap,
    is_parent,
    iter_rows_with_paths,
    label,
    mismatch,
    parent_codes,
    row_label,
    rows_of,
    top_level,
)


def _compare_columns(budget: Budget, key: str, base_path: tuple, stated: dict, computed: dict,
                     what: str, other: str, parts: Callable[[], list[tuple[DocPath, Any]]]) -> Iterator[Problem]:
    """`stated` against `computed`, column by column; `parts()` gives the rows added up, with their paths
    (the other side), worked out only for a finding."""
    for column in sorted(set(stated) | set(computed)):
        value = stated.get(column, ZERO)
        total = computed.get(column, ZERO)
        if column not in stated and base_path[-1] != "totals":
            continue  # a blank subtotal cell in a unit row is left to the totals check
        if gap(budget, value, [total]) is not None:
            yield Problem(base_path + column, mismatch(budget, f"{what} {label(column)}", value, other, total),
                          related=_printed_in(column, parts()))


def _printed_in(column: tuple[str, ...], listed: Iterable[tuple[DocPath, Any]]) -> tuple[DocPath, ...]:
    """Where the rows added up print `column` — a row that leaves it blank adds nothing to look at —, in
    the order of the file, at most MAX_RELATED."""
    return tuple(path + column for path, row in listed if isinstance(row, dict) and cell(row, column) is not None
                 )[:MAX_RELATED]


def _rows_added(base: DocPath, rows: Any, chosen: list[dict[str, Any]]) -> list[tuple[DocPath, Any]]:
    """The `chosen` rows of the list `rows` at `base`, with their paths."""
    kept = {id(row) for row in chosen}
    return [(base + ("rows", index), row) for index, row in enumerate(rows if isinstance(rows, list) else [])
            if id(row) in kept]


def _top_rows(base: DocPath, rows: Any) -> list[tuple[DocPath, Any]]:
    """The rows a total adds up (`top_level`: 类 rows where subtotals are printed), with their paths."""
    return _rows_added(base, rows, top_level(dicts(rows)))


@rule("A101", "totals-equal-sum-of-rows", ERROR)
def totals_equal_sum_of_rows(budget: Budget) -> Iterator[Problem]:
    """A table's 合计 row equals the sum of its unit rows (or of its rows), column by column.

    Why: the 合计 row is the figure readers quote; a total that does not add up means either the
    total or a row was mistyped, and the publication contradicts itself.

    Bad::

        totals: {total: 1909.08}
        units:
          - {unit: "151", total: 1909.07}

    Good::

        totals: {total: 1909.07}
        units:
          - {unit: "151", total: 1909.07}
    """
    for key in budget.layout.keys("grid"):
        table = budget.table(key)
        if table is None or not isinstance(table.get("totals"), dict):
            continue
        stated = budget.amounts(table["totals"])
        units = dicts(table.get("units"))
        listed: Callable[[], list[tuple[DocPath, Any]]]
        if units:
            computed: dict = {}
            for unit in units:
                for column, value in (budget.amounts(unit) or column_sum(budget, top_level(dicts(unit.get("rows"))))).items():
                    computed[column] = computed.get(column, ZERO) + value
            other = say("A101.unit_rows")
            listed = partial(budget.units, key)
        else:
            computed = column_sum(budget, top_level(dicts(table.get("rows"))))
            other = say("A101.rows")
            listed = partial(_top_rows, ("tables", key), table.get("rows"))
        if not computed:
            continue  # a table of totals only (e.g. 三公经费 in one row)
        yield from _compare_columns(budget, key, ("tables", key, "totals"), stated, computed,
                                    f"{budget.label(key)} 合计", other, listed)


@rule("A102", "unit-equals-sum-of-its-rows", ERROR)
def unit_equals_sum_of_rows(budget: Budget) -> Iterator[Problem]:
    """A unit's subtotal row equals the sum of the rows under it, column by column.

    Why: a department with several budget units prints a subtotal per unit; a subtotal that differs
    from its rows misstates that unit's budget.

    Bad::

        units:
          - unit: "151"
            total: 1909.07
            rows:
              - {code: "2120101", name: 行政运行, total: 1909.00}

    Good::

        units:
          - unit: "151"
            total: 1909.07
            rows:
              - {code: "2120101", name: 行政运行, total: 1909.07}
    """
    for key in budget.layout.keys("grid"):
        for path, unit in budget.units(key):
            rows = dicts(unit.get("rows"))
            stated = budget.amounts(unit)
            if not rows or not stated:
                continue
            computed = column_sum(budget, top_level(rows))
            for column in sorted(stated):
                total = computed.get(column, ZERO)
                if gap(budget, stated[column], [total]) is not None:
                    what = say("A102.unit", table=budget.label(key), unit=unit.get("unit"), column=label(column))
                    yield Problem(path + column, mismatch(budget, what, stated[column], say("A102.rows"), total),
                                  related=_printed_in(column, _top_rows(path, unit.get("rows"))))


@rule("A103", "class-subtotal-equals-items", ERROR)
def class_subtotal_equals_items(budget: Budget) -> Iterator[Problem]:
    """A 类 or 款 subtotal row equals the sum of the rows directly under it.

    Why: tables that print 类/款 subtotal rows (e.g. 208 社会保障和就业支出 above 2080501, 2080505)
    must agree with their items, or the functional breakdown contradicts itself.

    Bad::

        - {code: "208", name: 社会保障和就业支出, total: 160.00}
        - {code: "2080501", name: 行政单位离退休, total: 91.47}
        - {code: "2080505", name: 机关事业单位基本养老保险缴费支出, total: 70.56}

    Good::

        - {code: "208", name: 社会保障和就业支出, total: 162.03}
        - {code: "2080501", name: 行政单位离退休, total: 91.47}
        - {code: "2080505", name: 机关事业单位基本养老保险缴费支出, total: 70.56}
    """
    for key in budget.layout.keys("grid"):
        for base, rows in budget.row_groups(key):
            parents = parent_codes(rows)
            for index, row in enumerate(rows):
                code = row.get("code")
                if code not in parents:
                    continue  # no row under it (every row, when no subtotals are printed)
                children = top_level([other for other in rows if is_parent(code, other.get("code"))])
                if not children:
                    continue
                stated = budget.amounts(row)
                computed = column_sum(budget, children)
                for column in sorted(stated):
                    total = computed.get(column, ZERO)
                    # Each row's own figure, so that `rounding: rounded` allows for every one of them.
                    parts = [value for child in children if (value := budget.amounts(child).get(column)) is not None]
                    if gap(budget, stated[column], parts or [total]) is not None:
                        yield Problem(base + ("rows", index) + column, mismatch(
                            budget, say("A103.row", table=budget.label(key), code=code, column=label(column)),
                            stated[column], say("A103.rows"), total, parts),
                            related=_printed_in(column, _rows_added(base, rows, children)))


def declared_row_sums(budget: Budget, rule_id: str) -> Iterator[Problem]:
    """The layout's `column_sums` reported by `rule_id`: `column = sum(parts)` in every row of each
    table that declares one (any shape: see `tables.rows_of`). Blank parts count as zero; the layout
    lists only columns the table prints, so a column the table lacks is never read as 0.00."""
    layout = budget.layout
    for key, spec in layout.tables.items():
        sums = [row_sum for row_sum in spec.row_sums if row_sum.rule == rule_id]
        if not sums:
            continue
        declared = [(row_sum.column, row_sum.parts) for row_sum in spec.row_sums]
        for path, row in rows_of(budget, key):
            # A blank subtotal (a group's 合计 a maintained file leaves out) counts as computed from its parts.
            filled, _ = fill_row_sums(budget.amounts(row), declared)
            for row_sum in sums:
                stated = cell(row, row_sum.column)
                if stated is None:
                    continue
                values = [filled.get(part) for part in row_sum.parts]
                if stated == 0 and all(value is None for value in values):
                    continue
                present = [value if value is not None else ZERO for value in values]
                if gap(budget, stated, present) is not None:
                    names = " + ".join(layout.column_label(key, part) for part in row_sum.parts)
                    what = say("tables.row_column", row=row_label(budget, key, path, row),
                               column=layout.column_label(key, row_sum.column))
                    yield Problem(path + row_sum.column, mismatch(budget, what, stated, names, sum(present, ZERO),
                                                                  present, key=f"{rule_id}.sum"))


@rule("A110", "total-is-basic-plus-project", ERROR, needs=("sums/A110",))
def total_is_basic_plus_project(budget: Budget) -> Iterator[Problem]:
    """In an expenditure table, each row's 合计 = 基本支出 + 项目支出.

    Why: every yuan of a department's expenditure is either basic (keeping the unit running) or project
    expenditure; a row where they do not add up misstates one of them.

    Bad::

        - {code: "2120101", name: 行政运行, total: 812.44, basic: 812.40}

    Good::

        - {code: "2120101", name: 行政运行, total: 812.44, basic: 812.44}
    """
    yield from declared_row_sums(budget, "A110")


@rule("A111", "basic-is-personnel-plus-public", ERROR, needs=("sums/A111",))
def basic_is_personnel_plus_public(budget: Budget) -> Iterator[Problem]:
    """In an expenditure table, 基本支出 = 工资福利支出 + 对个人和家庭的补助 + 商品和服务支出 + 资本性支出.

    Why: basic expenditure is personnel expenditure (人员经费) plus public expenditure (公用经费); the
    narrative quotes both, so the columns must add up.

    Bad::

        - {code: "2120101", name: 行政运行, total: 812.44, basic: 812.44, personnel_wages: 755.85, public_goods: 55.87}

    Good::

        - {code: "2120101", name: 行政运行, total: 812.44, basic: 812.44, personnel_wages: 755.85, personnel_family: 0.72, public_goods: 55.87}
    """
    yield from declared_row_sums(budget, "A111")


@rule("A112", "project-is-operating-plus-targeted", ERROR, needs=("sums/A112",))
def project_is_operating_plus_targeted(budget: Budget) -> Iterator[Problem]:
    """In an expenditure table, 项目支出 = 其他运转类 + 特定目标类.

    Why: every project is of one of the two types; the split feeds the project table (预算11表).

    Bad::

        - {code: "2120103", name: 机关服务, total: 756.86, project: 756.86, project_operating: 756.68}

    Good::

        - {code: "2120103", name: 机关服务, total: 756.86, project: 756.86, project_operating: 756.86}
    """
    yield from declared_row_sums(budget, "A112")


FUND_SOURCES = ("general_budget", "gov_fund", "state_capital", "special_account", "business", "business_operation",
                "higher_subsidy", "affiliated", "other", "unit_funds")
FUND_SOURCE_KEYS = frozenset(FUND_SOURCES)
ROW_SOURCE_KEYS = frozenset((*FUND_SOURCES, "government"))


@rule("A113", "source-group-total", ERROR, needs=("sums/A113",))
def source_group_total(budget: Budget) -> Iterator[Problem]:
    """A group's 合计/小计 (本年收入, 上年结转结余 …) equals the sum of its sources, and in the 财政拨款收支总表
    every line's 合计 equals its fund columns (一般公共预算 + 政府性基金 + 国有资本经营预算), as the layout's
    `column_sums` declare.

    `其中：财政拨款` is part of 一般公共预算 and is not added again.

    Why: the group total is what the 收支总表 carries; it must be the sum of the sources printed beside it.

    Bad::

        carryover: {total: 13.02, general_budget: 10.02, gov_fund: 2.00}
        - {code: "212", name: 城乡社区支出, total: 999.99, general_budget: 96.57}   # 预算04表

    Good::

        carryover: {total: 13.02, general_budget: 10.02, gov_fund: 3.00}
        - {code: "212", name: 城乡社区支出, total: 96.57, general_budget: 96.57}
    """
    yield from declared_row_sums(budget, "A113")


@rule("A114", "row-total-is-sum-of-sources", ERROR, needs=("sums/A114",))
def row_total_is_sum_of_sources(budget: Budget) -> Iterator[Problem]:
    """A row's 总计/合计 equals the sum of its funding: 本年收入 + 上年结转结余 (+ 财政专户, 单位资金 …).

    Applies where the layout declares it: in Henan the revenue table (预算02表), the economic summary
    (预算07表), the project table (预算11表) and the project performance table (预算13表); in Shanghai the
    收入预算总表 (表2: 合计 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入).

    Why: a row total that differs from its sources means money without a source, or a source
    without spending.

    Bad::

        - {unit: "151001", total: 1909.07, this_year: {total: 1896.05}, carryover: {total: 3.02}}

    Good::

        - {unit: "151001", total: 1909.07, this_year: {total: 1896.05}, carryover: {total: 13.02}}
    """
    yield from declared_row_sums(budget, "A114")


@rule("A115", "fiscal-within-general-budget", ERROR)
def fiscal_within_general_budget(budget: Budget) -> Iterator[Problem]:
    """`其中：财政拨款` is not larger than the 一般公共预算 figure it is part of.

    Why: "其中" (of which) introduces a part of the figure before it; a part larger than its whole is
    a transcription error.

    Bad::

        this_year: {total: 1896.05, general_budget: 1896.05, general_budget_fiscal: 1906.05}

    Good::

        this_year: {total: 1896.05, general_budget: 1896.05, general_budget_fiscal: 1896.05}
    """
    def check(path: tuple, group: Any, what: Callable[[], str]) -> Iterator[Problem]:
        if not isinstance(group, dict):
            return
        fiscal, whole = money(group.get("general_budget_fiscal")), money(group.get("general_budget"))
        if fiscal is not None and fiscal > (whole or ZERO):
            yield Problem(path + ("general_budget_fiscal",),
                          say("A115.exceeds", what=what(), fiscal=fiscal, whole=whole or ZERO,
                              by=fiscal - (whole or ZERO)))

    for key in ("revenue", "economic_summary"):
        for path, row in iter_rows_with_paths(budget, key):
            what = partial(row_label, budget, key, path, row)  # the label is worked out only for a finding
            yield from check(path, row, what)
            for group in ("this_year", "carryover"):
                yield from check(path + (group,), row.get(group), what)
    table = budget.table("fiscal_summary") or {}
    for side in ("revenue", "expenditure"):
        part = table.get(side)
        if isinstance(part, dict):
            for group, value in part.items():
                yield from check(("tables", "fiscal_summary", side, group), value,
                                 partial(budget.label, "fiscal_summary"))
            for index, row in enumerate(dicts(part.get("rows"))):
                yield from check(("tables", "fiscal_summary", side, "rows", index), row,
                                 partial(say, "A115.row", table=budget.label("fiscal_summary"), code=row.get("code")))
    summary = budget.table("summary") or {}
    for index, row in enumerate(dicts(summary.get("revenue"))):
        fiscal, whole = cell(row, ("fiscal",)), cell(row, ("amount",))
        if fiscal is not None and fiscal > (whole or ZERO):
            yield Problem(("tables", "summary", "revenue", index, "fiscal"),
                          say("A115.exceeds_amount", table=budget.label("summary"),
                              name=row.get("name", row.get("source")), fiscal=fiscal, whole=whole or ZERO,
                              by=fiscal - (whole or ZERO)))


@rule("A116", "economic-row-is-personnel-plus-public", ERROR, needs=("sums/A116",))
def economic_row_is_personnel_plus_public(budget: Budget) -> Iterator[Problem]:
    """In the basic expenditure table by economic class (预算06表), each row's 合计 = 人员经费 + 公用经费.

    Why: every economic item of basic expenditure is either personnel or public expenditure; the two
    columns feed the narrative's 人员经费/公用经费 figures.

    Bad::

        - {code: "30101", name: 基本工资, total: 265.48, personnel: 265.40}

    Good::

        - {code: "30101", name: 基本工资, total: 265.48, personnel: 265.48}
    """
    yield from declared_row_sums(budget, "A116")


@rule("A117", "three-public-total", ERROR, needs=("sums/A117",))
def three_public_total(budget: Budget) -> Iterator[Problem]:
    """“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费, and 公务用车购置及运行费 =
    公务用车购置费 + 公务用车运行费.

    Why: the three public expenses are watched closely by the public and auditors; their total must be
    exactly its three items.

    Bad::

        totals: {total: 2.40, vehicles: 2.40, vehicle_operation: 2.00}

    Good::

        totals: {total: 2.40, vehicles: 2.40, vehicle_operation: 2.40}
    """
    yield from declared_row_sums(budget, "A117")


@rule("A118", "department-performance-budget", ERROR, needs=("department_performance",))
def department_performance_budget(budget: Budget) -> Iterator[Problem]:
    """In the department performance table (预算12表), 部门预算总额 = 资金来源 (政府预算资金 + 财政专户管理资金 +
    单位资金) = 资金结构 (基本支出 + 项目支出).

    Why: the table states the same budget twice, by source and by structure; both must add up.

    Bad::

        budget: {total: 1909.07, government: 1909.07, basic: 1137.99, project: 771.00}

    Good::

        budget: {total: 1909.07, government: 1909.07, basic: 1137.99, project: 771.08}
    """
    table = budget.table("department_performance") or {}
    figures = table.get("budget")
    if not isinstance(figures, dict):
        return
    stated = cell(figures, ("total",))
    if stated is None:
        return
    path = ("tables", "department_performance", "budget", "total")
    what = f"{budget.label('department_performance')} 部门预算总额"
    for parts_keys, name in ((("government", "special_account", "unit_funds"), "资金来源"),
                             (("basic", "project"), "资金结构")):
        parts = [value for key in parts_keys if (value := cell(figures, (key,))) is not None]
        if parts and gap(budget, stated, parts) is not None:
            yield Problem(path, mismatch(budget, what, stated, say("A118.sum", name=name), sum(parts, ZERO), parts))


@rule("A119", "row-identity", ERROR, needs=("sums/A119",))
def row_identity(budget: Budget) -> Iterator[Problem]:
    """A row identity that the layout declares without a rule of its own holds in every row of its
    table: `column = sum(parts)` (e.g. Shanghai 单位预算 表1: 合计 = 人员经费 + 公用经费 + 项目支出).

    Why: a layout adds the sums its disclosure prints; each is checked without new code, and a row
    whose parts do not add up misstates one of them.

    Bad::

        # shanghai-2025-unit, 表1 支出
        - {code: "208", name: 社会保障和就业支出, amount: 4213779.28, personnel: 3948399.28, public: 265380.01}

    Good::

        - {code: "208", name: 社会保障和就业支出, amount: 4213779.28, personnel: 3948399.28, public: 265380.00}
    """
    yield from declared_row_sums(budget, "A119")
