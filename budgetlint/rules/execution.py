"""Budget against final accounts: the 年初预算 … 决算 statements of a 决算's narrative (A408–A411, T503).

A 部门决算 explains, for its total and for each 科目, what was budgeted at the start of the year, what was
spent, the share executed (完成年初预算的 X%) and why they differ. The statements are read by
`narrative.executions`; these rules check them against the file's own tables, against each other and,
for the gap between the two, against the department's explanation.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from ..findings import ERROR, WARNING, DocPath, Problem
from ..layout import Term
from ..messages import say
from ..model import UNIT_FACTORS, ZERO, Budget, fmt, money
from ..narrative import Execution, budget_column, executions, item_executions
from ..rule import rule
from ..tables import figure_phrase, figure_values, gap, half_unit, leaves, table_totals

# A gap between budget and final above this share of the budget needs an explanation (T503).
# `execution_gap = "5%"` in budgetlint.toml sets another.
DEFAULT_EXECUTION_GAP = Decimal("0.10")


def _normal(name: Any) -> str:
    return "".join(str(name).split()).replace("(", "（").replace(")", "）")


def _item_rows(budget: Budget) -> dict[tuple[str, str, str], tuple[DocPath, dict[str, Any]]]:
    """The 项 rows of the 一般公共预算 table keyed by their (类, 款, 项) names as the table prints them."""
    def find() -> dict[tuple[str, str, str], tuple[DocPath, dict[str, Any]]]:
        rows = budget.leaf_rows("general_expenditure")
        names = {row["code"]: _normal(row.get("name", "")) for _, row in rows if isinstance(row.get("code"), str)}
        out = {}
        for path, row in rows:
            code = row.get("code")
            if isinstance(code, str) and len(code) == 7:
                out[(names.get(code[:3], ""), names.get(code[:5], ""), names[code])] = (path, row)
        return out
    return budget.once("execution_item_rows", find)


def _table_figure(budget: Budget, statement: Execution) -> tuple[Decimal, str, DocPath] | None:
    """The 决算 table figure a statement's 支出决算 reports, with its description and place (None: unknown)."""
    if statement.names:
        found = _item_rows(budget).get(tuple(_normal(name) for name in statement.names))  # type: ignore[arg-type]
        if found is None:
            return None
        path, row = found
        value = money(row.get("total"))
        label = say("A408.row", table=budget.label("general_expenditure"), code=row.get("code"), name=row.get("name"))
        return ((value or ZERO) * budget.table_factor("general_expenditure"), label, path + ("total",))
    if statement.term is None:
        return None
    figure = figure_values(budget, statement.term)
    if not isinstance(figure, tuple):
        return None
    return figure[0], figure_phrase(budget, statement.term), figure[1]


@rule("A408", "execution-final-matches-tables", ERROR, needs=("general_expenditure",))
def execution_final_matches_tables(budget: Budget) -> Iterator[Problem]:
    """The 支出决算 (final) figure of each 年初预算 … 支出决算 statement in a 决算's narrative equals the
    table figure it reports: the 一般公共预算财政拨款支出决算表's 合计 for the total, the row of the 科目
    for an item (matched by its 类, 款 and 项 names), the 三公 table's 决算数 for the 三公经费.

    A figure in 万元 matches a table in 元 when it is the table's figure correctly rounded.

    Why: the statement is what readers quote; a final figure that differs from the tables means the
    text was not updated with them.

    Bad::

        text: 1、一般公共服务支出（类）财政事务（款）行政运行（项）。…年初预算为1560.05万元，支出决算为1511.98万元。
        # 表5 row 2010601 行政运行 合计 1511.89

    Good::

        text: …年初预算为1560.05万元，支出决算为1511.89万元。
    """
    for statement in executions(budget):
        found = _table_figure(budget, statement)
        if found is None:
            continue
        expected, label, related = found
        if abs(statement.final - expected) > statement.allowance:
            yield Problem(statement.path, say("A408.final", subject=statement.subject, final=statement.final_text,
                                              figure=label, expected=fmt(expected), unit=budget.amount_unit,
                                              diff=fmt(statement.final - expected)),
                          related=(related,), anchor=statement.anchor)


@rule("A409", "execution-budget-matches-printed-budget", ERROR, needs=("three_public",))
def execution_budget_matches_printed_budget(budget: Budget) -> Iterator[Problem]:
    """The 年初预算 of the 三公经费 stated in a 决算's narrative equals the 预算数 its 三公 table prints.

    Why: the 决算 prints the 三公 budget twice, in the table and in the text; they must agree.

    Bad::

        text: “三公”经费财政拨款支出年初预算为0.59万元，支出决算为0.00万元
        totals: {budget: {total: 0.95}}

    Good::

        text: “三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元
    """
    for statement in executions(budget):
        planned = budget_column(budget, statement.term) if statement.term is not None else None
        found = figure_values(budget, planned) if planned is not None else None
        if planned is None or not isinstance(found, tuple):
            continue  # the table prints no 预算数 beside the figure: the text's budget is the only one
        printed, where = found
        if abs(statement.budgeted - printed) > statement.allowance:
            yield Problem(statement.path, say("A409.budgeted", subject=statement.subject,
                                              budgeted=statement.budgeted_text, table=budget.label(planned.table),
                                              printed=fmt(printed), unit=budget.amount_unit,
                                              diff=fmt(statement.budgeted - printed)), anchor=statement.anchor,
                          related=(where,))


@rule("A410", "execution-rate", ERROR)
def execution_rate(budget: Budget) -> Iterator[Problem]:
    """A stated execution rate (完成年初预算的 X%) is the final figure over the budgeted one, as printed:
    X = 支出决算 ÷ 年初预算 × 100, allowing for the rounding of the two printed figures.

    Why: the rate is the headline of a 决算's explanation; a rate computed from other figures, or
    wrongly, misleads the reader.

    Bad::

        text: …年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.02%。

    Good::

        text: …年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。
    """
    for statement in (*executions(budget), *item_executions(budget)):
        rate = statement.stated_rate
        if rate is None or statement.budgeted <= 0:
            continue
        low, high = _rate_interval(statement)
        if rate + half_unit(rate) < low or rate - half_unit(rate) > high:
            computed = (statement.final / statement.budgeted * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
            yield Problem(statement.path, say("A410.rate", subject=statement.subject, rate=rate,
                                              final=statement.final_text, budgeted=statement.budgeted_text,
                                              computed=computed), anchor=statement.anchor)


def is_table_total(term: Term | None, table: str) -> bool:
    """Whether a statement's subject names the 合计 of `table` (一般公共预算财政拨款支出: its total)."""
    return term is not None and (term.table, term.selector, term.column) == (table, "total", ("total",))


def _rate_interval(statement: Execution) -> tuple[Decimal, Decimal]:
    """The rates that the printed (rounded) figures allow, in %."""
    budgeted, final = Decimal(statement.budgeted_text.replace(",", "")), Decimal(statement.final_text.replace(",", ""))
    b, f = half_unit(budgeted), half_unit(final)
    low = max(final - f, ZERO) / (budgeted + b) * 100
    high = (final + f) / (budgeted - b) * 100 if budgeted > b else Decimal("Infinity")
    return low, high


@rule("A411", "execution-items-add-up", ERROR, needs=("general_expenditure",))
def execution_items_add_up(budget: Budget) -> Iterator[Problem]:
    """Where a 决算 explains every 项 of its 一般公共预算 table one by one, the items' 年初预算 and 支出决算
    add up to the totals the same section states for the 一般公共预算财政拨款支出.

    Why: the items are the total broken down; when they cover every 项 of the table and do not add up,
    one of the figures is wrong (often each was rounded from 元 on its own).

    Bad::

        一般公共预算财政拨款支出年初预算为2993.92万元 … 1、…年初预算为1560.05万元 … 11、…年初预算为258.50万元
        # the eleven items add up to 2993.93

    Good: the items add up to the stated 2993.92, or the total is stated as 2993.93.
    """
    statements = executions(budget)
    rows = _item_rows(budget)
    leaf_keys = set(rows)
    if not rows or len(leaves([row for _, row in budget.leaf_rows("general_expenditure")])) != len(rows):
        return  # the table has rows without 类/款 names to match: the items cannot be known to cover it
    for total in statements:
        if not is_table_total(total.term, "general_expenditure"):
            continue
        items = [s for s in statements if s.names and s.path == total.path]
        covered = {tuple(_normal(name) for name in s.names) for s in items}
        if covered != leaf_keys:
            continue
        for what, stated, parts in (("年初预算", total.budgeted, [s.budgeted for s in items]),
                                    ("支出决算", total.final, [s.final for s in items])):
            if gap(budget, stated, parts) is not None:
                yield Problem(total.path, say("A411.items", subject=total.subject, what=what, stated=fmt(stated),
                                              unit=budget.amount_unit, count=len(items), sum=fmt(sum(parts, ZERO)),
                                              diff=fmt(stated - sum(parts, ZERO))), anchor=total.anchor)


@rule("T503", "execution-gap-explained", WARNING)
def execution_gap_explained(budget: Budget) -> Iterator[Problem]:
    """A 决算 statement whose final figure differs from the budget by more than the threshold (10% of the
    budget unless `execution_gap` in budgetlint.toml says otherwise) gives the reason (主要原因…).

    Why: the disclosure rules ask a 决算 to explain large differences between budget and execution; an
    unexplained gap is the first question a reviewer asks.

    Bad::

        text: …年初预算为450.52万元，支出决算为149.52万元。

    Good::

        text: …年初预算为450.52万元，支出决算为149.52万元。决算数小于预算数的主要原因：…
    """
    threshold = budget.options.get("execution_gap", DEFAULT_EXECUTION_GAP)
    for statement in executions(budget):
        gap = abs(statement.final - statement.budgeted)
        if statement.explained or statement.budgeted <= 0 or gap <= threshold * statement.budgeted:
            continue
        share = (gap / statement.budgeted * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        yield Problem(statement.path, say("T503.unexplained", subject=statement.subject, final=statement.final_text,
                                          budgeted=statement.budgeted_text, share=share,
                                          threshold=f"{(threshold * 100).normalize():f}"), anchor=statement.anchor)


@rule("A415", "final-accounts-match-the-budget", ERROR)
def final_accounts_match_the_budget(budget: Budget) -> Iterator[Problem]:
    """A 决算's 年初预算 figures equal the 预算 of the same year, when that file is in the repository
    (`budgets/<dept>/2024-juesuan.yaml` beside `budgets/<dept>/2024.yaml`): the narrative's 年初预算 of the
    一般公共预算 total and of each 科目 (matched by its 类, 款 and 项 names), and the 三公 table's 预算数.

    Figures are compared in the 决算's unit; a 决算 in 万元 matches a 预算 in 元 when it is the 预算's figure
    correctly rounded.

    Why: the 年初预算 a 决算 reports against is the budget the 人大 approved and the department published a
    year before; a different figure rewrites the budget after the fact.

    Bad::

        # 2024.yaml (预算): 表5 row 2010601 行政运行 合计 15600500.00 (元)
        text: 1、一般公共服务支出（类）财政事务（款）行政运行（项）。…年初预算为1650.05万元，支出决算为1511.89万元。

    Good::

        text: …年初预算为1560.05万元，支出决算为1511.89万元。
    """
    plan = budget.same_year_budget
    if plan is None:
        return
    scale = UNIT_FACTORS[plan.amount_unit] / UNIT_FACTORS[budget.amount_unit]
    label = say("A415.plan", year=plan.fiscal_year, file=Path(plan.file).name)
    planned_rows = _item_rows(plan)
    for statement in executions(budget):
        what: str  # the 预算's figure: its row (a Message) or its 合计
        if statement.names:
            found = planned_rows.get(tuple(_normal(name) for name in statement.names))  # type: ignore[arg-type]
            if found is None:
                continue
            expected = (money(found[1].get("total")) or ZERO) * plan.table_factor("general_expenditure") * scale
            what = say("A415.row", table=plan.label("general_expenditure"), code=found[1].get("code"),
                       name=found[1].get("name"))
        elif statement.term is not None and statement.term.selector == "total":
            # The 预算 prints one figure where the 决算 prints 预算数 and 决算数 (`final.total` → `total`).
            term = statement.term
            column = term.column[1:] if term.column[:1] == ("final",) else term.column
            totals = table_totals(plan, term.table) if plan.layout.has(term.table, column) else None
            if totals is None or column not in totals:
                continue
            expected = totals[column] * scale
            what = figure_phrase(plan, Term(term.table, "total", column, ""))
        else:
            continue
        if abs(statement.budgeted - expected) > statement.allowance:
            yield Problem(statement.path, say("A415.budgeted", subject=statement.subject,
                                              budgeted=statement.budgeted_text, plan=label, figure=what,
                                              expected=fmt(expected), unit=budget.amount_unit,
                                              diff=fmt(statement.budgeted - expected)), anchor=statement.anchor)
    yield from _three_public_budget(budget, plan, scale, label)


def _three_public_budget(budget: Budget, plan: Budget, scale: Decimal, label: str) -> Iterator[Problem]:
    """The 三公 table's 预算数, item by item, against the 预算's 三公 table."""
    if not budget.layout.has("three_public", ("budget", "total")):
        return
    printed = table_totals(budget, "three_public") or {}
    planned = table_totals(plan, "three_public")
    if planned is None:
        return
    for column, value in sorted(printed.items()):
        if column[0] != "budget" or (column[1],) not in planned:
            continue
        expected = planned[(column[1],)] * scale
        # The 预算 may print its 三公 figures with fewer decimals (万元, `15`): half a unit of the coarser.
        allowance = max(half_unit(value), half_unit(planned[(column[1],)]) * scale)
        if abs(value - expected) > allowance:
            yield Problem(("tables", "three_public", "totals") + column,
                          say("A415.three_public", table=budget.label("three_public"),
                              column=budget.layout.column_label("three_public", column), value=fmt(value), plan=label,
                              plan_table=plan.label("three_public"), expected=fmt(expected),
                              diff=fmt(value - expected)))
