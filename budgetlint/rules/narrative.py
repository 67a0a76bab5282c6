"""Figures stated in the narrative (第二部分 情况说明) checked against the tables and against each other."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..findings import ERROR, WARNING, DocPath, Problem
from ..model import ZERO, Budget, fmt, money, signed
from ..narrative import (
    EXECUTION,
    Paragraph,
    Stated,
    in_file_unit,
    read_paragraphs,
    resolved,
    rounding_allowance,
    subject_statements,
)
from ..rule import rule
from ..tables import gap


def _where(paragraph: Paragraph) -> str:
    return f"情况说明 「{paragraph.title}」" if paragraph.title else "情况说明"


def _problem(paragraph: Paragraph, figure: Stated, message: str) -> Problem:
    return Problem(paragraph.path, message, anchor=figure.anchor)


def _percent(part: Decimal, whole: Decimal, like: Decimal) -> Decimal:
    """part / whole in per cent, rounded half-up to as many decimals as the stated figure `like` has."""
    exponent = like.as_tuple().exponent
    places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    return (part / whole * 100).quantize(places, rounding=ROUND_HALF_UP)


def _value(budget: Budget, figure: Stated | None) -> Decimal | None:
    """A stated amount in the file's unit; None when there is none."""
    return None if figure is None else in_file_unit(budget, figure)


@rule("A401", "narrative-amount-matches-tables", ERROR)
def narrative_amount_matches_tables(budget: Budget) -> Iterator[Problem]:
    """An amount stated in the narrative (收入总计 1909.07万元, 基本支出 1137.99万元 …) equals the table figure
    it describes. The section decides which table: 基本支出 in 三、支出预算总体情况说明 is 预算03表's, in
    五、一般公共预算支出预算情况说明 it is 预算05表's.

    Why: readers quote the narrative, not the tables; a sentence that disagrees with the tables is the
    most visible mistake a disclosure can make.

    Bad::

        text: 2023年支出合计 1909.07万元，其中：基本支出 1137.90万元，占 59.61%……

    Good::

        text: 2023年支出合计 1909.07万元，其中：基本支出 1137.99万元，占 59.61%……
    """
    for paragraph in read_paragraphs(budget):
        # 年初预算为A万元，支出决算为B万元 states a budget and a final figure: checked by A408–A415, not here.
        statements = [(match.start(), match.end()) for match in EXECUTION.finditer(paragraph.text)]
        for figure in paragraph.figures:
            if figure.kind != "amount" or figure.resolver is None:
                continue
            if any(start <= figure.offset < end for start, end in statements):
                continue
            expected, source = resolved(budget, figure.resolver)
            if expected is None:
                continue
            stated = in_file_unit(budget, figure)
            if gap(budget, stated, [expected]) is None or abs(stated - expected) <= rounding_allowance(budget, figure):
                continue  # equal, or 万元 text that is the 元 table's figure correctly rounded
            if expected != 0 and stated in (expected * 10000, expected / 10000):
                continue  # a 元/万元 mix-up: reported with the likely fix by the unit-magnitude rule
            yield _problem(paragraph, figure, (
                f"{_where(paragraph)} states {figure.subject} {figure.value}{figure.unit}, but {source} is "
                f"{fmt(expected)}{budget.amount_unit} (diff {signed(stated - expected)})"))


@rule("A402", "narrative-share", ERROR)
def narrative_share(budget: Budget) -> Iterator[Problem]:
    """A share stated in the narrative (`占 59.61%`) equals the amount it follows divided by the whole it
    is part of (the amount before `其中`), rounded to the decimals written.

    Why: a percentage that does not follow from the amounts beside it is a calculation or copy error
    that readers can check with a calculator.

    Bad::

        text: 支出合计 1909.07万元，其中：基本支出 1137.99万元，占 59.70%……

    Good::

        text: 支出合计 1909.07万元，其中：基本支出 1137.99万元，占 59.61%……   # 1137.99 / 1909.07 = 59.61%
    """
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            if figure.kind != "share" or figure.amount is None or figure.whole is None:
                continue
            part, whole = _value(budget, figure.amount), _value(budget, figure.whole)
            if part is None or whole is None:
                continue
            if whole == 0:
                yield _problem(paragraph, figure, (
                    f"{_where(paragraph)} states a share of {figure.value}% of a whole of 0.00; a share of "
                    f"nothing is not a percentage"))
                continue
            computed = _percent(part, whole, figure.value)
            if computed != figure.value:
                exact = (part / whole * 100).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
                yield _problem(paragraph, figure, (
                    f"{_where(paragraph)} states 占 {figure.value}%, but {fmt(part)} / {fmt(whole)} = {exact}% "
                    f"→ {computed}% (diff {signed(figure.value - computed)} points)"))


def _previous(budget: Budget, figure: Stated) -> tuple[Decimal | None, str]:
    """Last year's value of a subject: from last year's file, else from the file's `previous_year` block."""
    year = (budget.fiscal_year or 0) - 1
    if budget.previous is not None and figure.resolver is not None:
        value, source = resolved(budget.previous, figure.resolver)
        if value is not None:
            return value, f"{year} {source} (from the {year} file)"
    block = budget.data.get("previous_year")
    keys = {"收入总计": "revenue_total", "收支总计": "revenue_total", "收入合计": "revenue_total",
            "支出总计": "expenditure_total", "一般公共预算收支预算": "general_budget",
            "政府性基金收支预算": "gov_fund", "三公经费": "three_public"}
    if isinstance(block, dict) and figure.subject in keys and keys[figure.subject] in block:
        value = block[keys[figure.subject]]
        if isinstance(value, Decimal | int):
            return Decimal(value), f"previous_year.{keys[figure.subject]}"
    return None, ""


def _current(budget: Budget, change: Stated) -> tuple[Decimal | None, str]:
    if change.amount is not None:
        return in_file_unit(budget, change.amount), f"the stated {change.subject}"
    if change.resolver is not None:
        value, source = resolved(budget, change.resolver)
        return value, source
    return None, ""


@rule("A403", "narrative-change-matches-previous-year", ERROR)
def narrative_change_matches_previous_year(budget: Budget) -> Iterator[Problem]:
    """A change on the previous year stated in the narrative (`增加 208.86万元`, or `与2022年相比保持一致`
    for no change) equals this year's figure minus last year's, when last year's figure is known: from last year's file of the same department
    in the repository (`budgets/<dept>/<year-1>.yaml`), or from the file's `previous_year` block.

    Why: year-over-year changes are what the press and the 人大 read first; they must be computed
    from the published figures of both years.

    Bad::

        previous_year: {revenue_total: 1700.21}
        text: 收入总计 1909.07万元……收支总计各增加 200.00万元

    Good::

        previous_year: {revenue_total: 1700.21}
        text: 收入总计 1909.07万元……收支总计各增加 208.86万元
    """
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            if figure.kind not in ("change", "unchanged"):
                continue
            previous, source = _previous(budget, figure)
            current, current_source = _current(budget, figure)
            if previous is None or current is None:
                continue
            stated = in_file_unit(budget, figure) * figure.direction
            actual = current - previous
            if gap(budget, stated, [actual]) is not None:
                word = "增加" if figure.direction > 0 else "减少"
                claim = "与上年保持一致" if figure.kind == "unchanged" else f"{word} {figure.value}{figure.unit}"
                yield _problem(paragraph, figure, (
                    f"{_where(paragraph)} states {figure.subject} {claim}, but "
                    f"{current_source} {fmt(current)} − {source} {fmt(previous)} = {signed(actual)} "
                    f"(diff {signed(stated - actual)})"))


@rule("A404", "narrative-growth-rate", ERROR)
def narrative_growth_rate(budget: Budget) -> Iterator[Problem]:
    """A growth rate stated in the narrative (`增长 12.28%`) equals the stated change divided by last
    year's figure, rounded to the decimals written. Last year's figure comes from last year's file when
    it is in the repository, else from the `previous_year` block, else from what the text implies
    (this year's figure − the change); the finding says which.

    Why: a rate that does not follow from the change and its base is a calculation error.

    Bad::

        text: 收入总计 1909.07万元……收支总计各增加 208.86万元，增长 12.82%

    Good::

        text: 收入总计 1909.07万元……收支总计各增加 208.86万元，增长 12.28%   # 208.86 / 1700.21
    """
    for paragraph, figure, base, change, base_source in _rates(budget):
        if base == 0:
            continue  # A405 reports a rate against a zero base
        computed = _percent(change, base, figure.value)
        if computed != figure.value * figure.direction:
            yield _problem(paragraph, figure, (
                f"{_where(paragraph)} states {figure.subject} 增长 {figure.value}%, but {fmt(change)} / "
                f"{fmt(base)} = {computed}% (base {base_source})"))


@rule("A405", "growth-from-zero-base", ERROR)
def growth_from_zero_base(budget: Budget) -> Iterator[Problem]:
    """A growth rate is stated for a figure whose previous-year value is zero.

    Why: growth from zero is not a percentage (x / 0 is undefined); such sentences usually come from a
    template where a rate was filled in anyway (e.g. `增加 3.00万元，增长 300%` for a fund that had no
    budget last year). Say that the item is new instead.

    Bad::

        text: 政府性基金收支预算 3.00万元……政府性基金收支预算增加 3.00万元，增长 300%

    Good::

        text: 政府性基金收支预算 3.00万元……政府性基金收支预算增加 3.00万元（上年无此项预算）
    """
    for paragraph, figure, base, change, base_source in _rates(budget):
        if base == 0:
            yield _problem(paragraph, figure, (
                f"{_where(paragraph)} states {figure.subject} 增长 {figure.value}%, but last year's figure is "
                f"0.00 ({base_source}): a growth rate from a zero base is undefined; say the item is new instead"))


def _rates(budget: Budget) -> Iterator[tuple[Paragraph, Stated, Decimal, Decimal, str]]:
    """Each stated rate with its base (last year's figure) and the signed change it is the rate of."""
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            if figure.kind != "rate" or figure.change is None:
                continue
            change = in_file_unit(budget, figure.change) * figure.change.direction
            previous, source = _previous(budget, figure.change)
            if previous is None:
                current, current_source = _current(budget, figure.change)
                if current is None:
                    continue
                previous = current - change
                source = (f"{fmt(previous)} = {current_source} {fmt(current)} − change {fmt(change)}, implied by "
                          f"the text; no previous-year file in the repository")
            else:
                source = f"{fmt(previous)} from {source}"
            yield paragraph, figure, previous, change, source


@rule("A406", "narrative-parts-sum", ERROR)
def narrative_parts_sum(budget: Budget) -> Iterator[Problem]:
    """Amounts listed after `其中` add up to the amount before it, when two or more are listed.

    Why: `其中` introduces the breakdown of a whole (本年收入 and 上年结转; 基本支出 and 项目支出; goods,
    works and services); parts that do not add up mean one figure is wrong.

    Bad::

        text: 收入合计 1909.07万元，其中：一般公共预算收入 1896.05万元；上年结转结余 13.20万元。

    Good::

        text: 收入合计 1909.07万元，其中：一般公共预算收入 1896.05万元；上年结转结余 13.02万元。
    """
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            if figure.kind != "amount" or len(figure.parts) < 2:
                continue
            whole = in_file_unit(budget, figure)
            parts = [in_file_unit(budget, part) for part in figure.parts]
            if gap(budget, whole, parts) is not None:
                listed = " + ".join(f"{part.subject or ''}{part.value}" for part in figure.parts)
                yield _problem(paragraph, figure, (
                    f"{_where(paragraph)}: {figure.subject or 'the whole'} {figure.value}{figure.unit} ≠ its parts "
                    f"{listed} = {fmt(sum(parts, ZERO))} (diff {signed(whole - sum(parts, ZERO))})"))


@rule("A407", "narrative-project-count", ERROR)
def narrative_project_count(budget: Budget) -> Iterator[Problem]:
    """The number of projects stated in the narrative (`共14个项目`) equals the projects listed in the
    项目支出表 (预算11表).

    Why: the count is the reader's check that no project is missing from the tables.

    Bad::

        text: 涉及预算拨款771.08万元,共15个项目。     # 预算11表 lists 14

    Good::

        text: 涉及预算拨款771.08万元,共14个项目。
    """
    from ..narrative import _project_count

    listed = _project_count(budget)
    if listed is None:
        return
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            if figure.kind == "count" and figure.value != listed:
                yield _problem(paragraph, figure, (
                    f"{_where(paragraph)} states 共{figure.value}个项目, but {budget.label('projects')} lists "
                    f"{listed} (diff {int(figure.value) - listed:+d})"))


# The tables that a narrative's 科目 statements describe, in the order they are looked up in: the fund
# tables (the Shanghai 编制说明 lists 财政拨款支出 by 项), then all expenditure.
SUBJECT_TABLES = ("general_expenditure", "gov_fund_expenditure", "state_capital_expenditure", "expenditure")


def _name(value: object) -> str:
    return "".join(str(value).split()).replace("(", "（").replace(")", "）")


def _rows_by_names(budget: Budget) -> dict[tuple[str, str, str], tuple[str, DocPath, dict[str, Any]]]:
    """项 rows of the expenditure tables keyed by the (类, 款, 项) names their tables print."""
    def find() -> dict[tuple[str, str, str], tuple[str, DocPath, dict[str, Any]]]:
        out: dict[tuple[str, str, str], tuple[str, DocPath, dict[str, Any]]] = {}
        for key in SUBJECT_TABLES:
            rows = budget.leaf_rows(key)
            names = {row["code"]: _name(row.get("name", "")) for _, row in rows if isinstance(row.get("code"), str)}
            for path, row in rows:
                code = row.get("code")
                if isinstance(code, str) and len(code) == 7 and code[:3] in names and code[:5] in names:
                    out.setdefault((names[code[:3]], names[code[:5]], names[code]), (key, path, row))
        return out
    return budget.once("rows_by_names", find)


def _last_digit(printed: Decimal) -> Decimal:
    exponent = printed.as_tuple().exponent
    return Decimal(1).scaleb(exponent) if isinstance(exponent, int) else Decimal(1)


@rule("A412", "subject-amount-matches-table", ERROR)
def subject_amount_matches_table(budget: Budget) -> Iterator[Problem]:
    """The amount a narrative states for a 科目 (`“一般公共服务支出（类）财政事务（款）行政运行（项）”科目1,623.18万元`)
    is that 科目's row in the tables: the 一般公共预算 (or fund) table, else the 支出 table.

    A figure in 万元 against tables in 元 is checked to its last printed digit; a wrong rounding of the
    right figure is A413, a warning.

    Why: the 编制说明 explains the budget 科目 by 科目; a figure that is not the table's is a typing slip
    or a figure of another year.

    Bad::

        text: 7.“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”887.36万元
        # 表5 row 2080506: 873,617.00元 = 87.36万元

    Good::

        text: 7.“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”87.36万元
    """
    rows = _rows_by_names(budget)
    for statement in subject_statements(budget):
        found = rows.get(tuple(_name(name) for name in statement.names))  # type: ignore[arg-type]
        if found is None:
            continue
        key, _, row = found
        expected = (money(row.get("total")) or ZERO) * budget.table_factor(key)
        step = _last_digit(statement.printed) * statement.value / statement.printed if statement.printed else ZERO
        if abs(statement.value - expected) >= (step or Decimal(1)) and gap(budget, statement.value, [expected]):
            yield Problem(statement.path, f"情况说明 states “{statement.subject}” {statement.anchor}, but "
                          f"{budget.label(key)} row {row.get('code')} {row.get('name')} is {fmt(expected)}"
                          f"{budget.amount_unit} (diff {signed(statement.value - expected)})", anchor=statement.anchor)


@rule("A413", "subject-amount-rounding", WARNING)
def subject_amount_rounding(budget: Budget) -> Iterator[Problem]:
    """A 科目's amount stated in 万元 against tables in 元 is the table figure correctly rounded (half up),
    not cut off: 877,080元 is 87.71万元, not 87.70万元.

    Why: a truncated figure is off by up to a unit of its last digit, and sums of such figures drift
    away from the tables' totals.

    Bad::

        text: 5.“社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）”87.70万元   # 877,080.00元

    Good::

        text: 5.“社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）”87.71万元
    """
    rows = _rows_by_names(budget)
    for statement in subject_statements(budget):
        found = rows.get(tuple(_name(name) for name in statement.names))  # type: ignore[arg-type]
        if found is None or not statement.printed:
            continue
        key, _, row = found
        expected = (money(row.get("total")) or ZERO) * budget.table_factor(key)
        factor = statement.value / statement.printed
        if factor <= 1 or statement.value == expected:
            continue
        correct = (expected / factor).quantize(_last_digit(statement.printed), ROUND_HALF_UP)
        if correct != statement.printed and abs(statement.value - expected) < _last_digit(statement.printed) * factor:
            yield Problem(statement.path, f"情况说明 states “{statement.subject}” {statement.anchor}; "
                          f"{budget.label(key)} row {row.get('code')} is {fmt(expected)}{budget.amount_unit}, "
                          f"which rounds to {correct}{statement.unit}", anchor=statement.anchor)


@rule("A414", "subject-names-a-table-row", ERROR)
def subject_names_a_table_row(budget: Budget) -> Iterator[Problem]:
    """A 科目 the narrative names (类, 款 and 项, by name) is a row of the expenditure tables.

    Why: a 科目 the tables do not have is a wrong or outdated name, or a level named wrongly (a 款
    printed as a 项); the reader cannot find the figure.

    Bad::

        text: 21. “卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”科目20.00万元
        # the tables have 210 卫生健康支出 / 21007 计划生育事务 / 2100717 计划生育服务

    Good::

        text: 21. “卫生健康支出（类）计划生育事务（款）计划生育服务（项）”科目20.00万元
    """
    rows = _rows_by_names(budget)
    if not rows:
        return  # the tables print no 类/款 names to match against
    for statement in subject_statements(budget):
        names = tuple(_name(name) for name in statement.names)
        if names in rows:
            continue
        close = [(key, row) for (cls, kuan, xiang), (key, _, row) in rows.items()
                 if cls == names[0] and names[2] in (kuan, xiang)]
        if not close:  # a slip in a name (其它 for 其他): the 项 of the same 类 and 款 with the nearest name
            siblings = {xiang: (key, row) for (cls, kuan, xiang), (key, _, row) in rows.items()
                        if (cls, kuan) == names[:2]}
            close = [siblings[name] for name in difflib.get_close_matches(names[2], list(siblings), n=1, cutoff=0.6)]
        hint = ""
        if close:
            key, row = close[0]
            code = str(row.get("code"))
            hint = (f"; the tables have {names[0]}（类）{_row_name(budget, key, code[:5])}（款）{row.get('name')}（项）, "
                    f"{budget.label(key)} row {code}")
        yield Problem(statement.path, f"情况说明 names the 科目 “{statement.subject}”, which is not a row of the "
                      f"expenditure tables{hint}", anchor=statement.anchor)


def _row_name(budget: Budget, key: str, code: str) -> str:
    return next((str(row.get("name")) for _, row in budget.leaf_rows(key) if row.get("code") == code), "")
