"""Figures stated in the narrative (第二部分 情况说明) checked against the tables and against each other."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from ..findings import ERROR, Problem
from ..model import ZERO, Budget, fmt, signed
from ..narrative import Paragraph, Stated, in_file_unit, read_paragraphs, resolved
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
        for figure in paragraph.figures:
            if figure.kind != "amount" or figure.resolver is None:
                continue
            expected, source = resolved(budget, figure.resolver)
            if expected is None:
                continue
            stated = in_file_unit(budget, figure)
            if gap(budget, stated, [expected]) is None:
                continue
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
