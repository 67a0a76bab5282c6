"""Figures stated in the narrative (第二部分 情况说明) checked against the tables and against each other."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..findings import ERROR, WARNING, DocPath, Problem
from ..layout import Term
from ..messages import say
from ..model import ZERO, Budget, fmt, money, signed
from ..narrative import (
    EXECUTION,
    LEVEL_ORDER,
    Paragraph,
    Stated,
    budgeted_last_year,
    in_file_unit,
    read_paragraphs,
    resolved,
    rounding_allowance,
    same_figure,
    subject_statements,
    term_resolver,
    unit_factor,
    vocabulary,
)
from ..rule import rule
from ..tables import gap, half_unit


def _problem(paragraph: Paragraph, figure: Stated, key: str, **params: object) -> Problem:
    """The catalogue's message `key` about a figure of a paragraph, pointing at the figure."""
    return Problem(paragraph.path, say(key, where=paragraph.where, **params), anchor=figure.anchor)


def percent_of(part: Decimal, whole: Decimal, like: Decimal) -> Decimal:
    """part / whole in per cent, rounded half-up to as many decimals as the stated figure `like` has."""
    exponent = like.as_tuple().exponent
    places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    return (part / whole * 100).quantize(places, rounding=ROUND_HALF_UP)


@rule("A401", "narrative-amount-matches-tables", ERROR)
def narrative_amount_matches_tables(budget: Budget) -> Iterator[Problem]:
    """An amount stated in the narrative (收入总计 1909.07万元, 基本支出 1137.99万元 …) equals the table figure
    it describes. Which phrase names which figure is the layout's wording (`narrative_subjects`), and the
    section may decide the table: 基本支出 in 三、支出预算总体情况说明 is 预算03表's, in
    五、一般公共预算支出预算情况说明 it is 预算05表's (`narrative_sections`). An item no table has (a project),
    listed after 其中 in one section and stated again in another, has the same amount in both.

    Why: readers quote the narrative, not the tables; a sentence that disagrees with the tables is the
    most visible mistake a disclosure can make.

    Bad::

        text: 2023年支出合计 1909.07万元，其中：基本支出 1137.90万元，占 59.61%……

        text: 绩效目标设置情况 …其中：信息化系统日常维护费166.66万元 …
              年度预算安排 信息化系统日常维护费166.76万元 …

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
            yield _problem(paragraph, figure, "A401.amount", subject=figure.subject, value=figure.value,
                           unit=figure.unit, source=source, expected=fmt(expected), file_unit=budget.amount_unit,
                           diff=signed(stated - expected))
    for first_paragraph, first, paragraph, figure in repeated_items(budget):
        if not agree(budget, first, figure):
            yield _problem(paragraph, figure, "A401.repeated", clause=figure.clause, value=figure.value,
                           unit=figure.unit, first_where=first_paragraph.where, first_clause=first.clause,
                           first_value=first.value, first_unit=first.unit)


def _item_label(paragraph: Paragraph, figure: Stated) -> str:
    """The name of the item an amount is stated for, when no table has it (a project: 信息化系统日常维护费):
    the clause before it, without figures, if it is long enough to name one thing. Not a figure of a
    年初预算 … 决算 statement (`支出决算为` names no item)."""
    clause = figure.clause
    if figure.kind != "amount" or figure.subject or figure.rule or len(clause) < 4:
        return ""
    if any(char.isdigit() for char in clause) or clause.endswith(("）", "科目")):
        return ""
    statements = EXECUTION.finditer(paragraph.text)
    return "" if any(found.start() <= figure.offset < found.end() for found in statements) else clause


def _is_part(paragraph: Paragraph, figure: Stated) -> bool:
    return any(figure in whole.parts for whole in paragraph.figures if len(whole.parts) >= 2)


def repeated_items(budget: Budget) -> list[tuple[Paragraph, Stated, Paragraph, Stated]]:
    """An item stated with an amount in two sections, listed in at least one of them as a part of a whole
    (a project: in 绩效目标设置情况 among the projects after 其中, and in 年度预算安排): (where it is first
    stated, that statement, where it is stated again, that statement). Being a part of a breakdown is
    what makes the clause before the amount the name of an item, not a predicate (采购金额, 预算为)."""
    def find() -> list[tuple[Paragraph, Stated, Paragraph, Stated]]:
        first: dict[str, tuple[Paragraph, Stated]] = {}
        out = []
        for paragraph in read_paragraphs(budget):
            for figure in paragraph.figures:
                label = _item_label(paragraph, figure)
                if not label:
                    continue
                earlier = first.setdefault(label, (paragraph, figure))
                # twice in one section is a list, not a repetition
                if earlier[0].path != paragraph.path and (_is_part(*earlier) or _is_part(paragraph, figure)):
                    out.append((*earlier, paragraph, figure))
        return out
    return budget.once("repeated_items", find)


def agree(budget: Budget, a: Stated, b: Stated) -> bool:
    """Two printed amounts of one item agree when the values that round to each overlap: 10万元 and
    10.00万元 do, 166.66 and 166.67 do not."""
    tolerance = half_unit(a.value) * unit_factor(budget, a) + half_unit(b.value) * unit_factor(budget, b)
    return abs(in_file_unit(budget, a) - in_file_unit(budget, b)) < tolerance


@rule("A402", "narrative-share", ERROR)
def narrative_share(budget: Budget) -> Iterator[Problem]:
    """A share stated in the narrative (`占 59.61%`) equals the amount it follows divided by the whole it
    is part of (the amount before `其中`, or the table figure of the whole it names:
    `占本年支出合计的100.00%`), rounded to the decimals written.

    A share that is the amount's share of another amount the paragraph states is said to be of the wrong
    whole.

    Why: a percentage that does not follow from the amounts beside it is a calculation or copy error
    that readers can check with a calculator.

    Bad::

        text: 支出合计 1909.07万元，其中：基本支出 1137.99万元，占 59.70%……

    Good::

        text: 支出合计 1909.07万元，其中：基本支出 1137.99万元，占 59.61%……   # 1137.99 / 1909.07 = 59.61%
    """
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            whole = share_whole(budget, figure)
            if whole is None or figure.amount is None:
                continue
            part = in_file_unit(budget, figure.amount)
            if whole == 0:
                yield _problem(paragraph, figure, "A402.zero_whole", value=figure.value)
                continue
            computed = percent_of(part, whole, figure.value)
            if computed != figure.value:
                exact = (part / whole * 100).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
                yield _problem(paragraph, figure, "A402.share", value=figure.value, part=fmt(part), whole=fmt(whole),
                               exact=exact, computed=computed, diff=signed(figure.value - computed),
                               cause=_other_whole(budget, paragraph, figure, part, whole))


def _other_whole(budget: Budget, paragraph: Paragraph, share: Stated, part: Decimal, whole: Decimal) -> str:
    """The clause naming another whole that the stated share is the part's share of — an amount the
    paragraph states, else a figure the layout's wording names (a share copied from another section: 占
    59.61% of 支出合计 1909.07 under 一般公共预算支出 1906.07) — or "" when there is none."""
    exponent = share.value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent > -2:
        return ""  # `占60%` fits too many wholes to name one
    candidates = [(in_file_unit(budget, other), f"{other.subject or other.clause} {other.value}{other.unit}")
                  for other in paragraph.figures if other.kind == "amount" and other is not share.amount]
    for term in vocabulary(budget.layout, paragraph.title).terms.values():
        value, description = resolved(budget, term_resolver(term))
        if value is not None:
            candidates.append((value, f"{description} {fmt(value)}"))
    for value, name in candidates:
        if value not in (0, whole) and percent_of(part, value, share.value) == share.value:
            return say("A402.wrong_whole", value=share.value, name=name)
    return ""


def share_whole(budget: Budget, figure: Stated) -> Decimal | None:
    """The whole a stated share is of, in the file's unit: the table figure of the whole it names (占…的),
    else the amount before its `其中`; None when it is not known."""
    if figure.kind != "share":
        return None
    if figure.whole_resolver is not None:
        return resolved(budget, figure.whole_resolver)[0]
    return None if figure.whole is None else in_file_unit(budget, figure.whole)


# Last year's figures a file's `previous_year` block may state, by the figure of the tables each is.
PREVIOUS_YEAR_FIGURES = {
    "revenue_total": Term("summary", "", ("revenue_total",), ""),
    "expenditure_total": Term("summary", "", ("expenditure_total",), ""),
    "general_budget": Term("general_expenditure", "total", ("total",), ""),
    "gov_fund": Term("gov_fund_expenditure", "total", ("total",), ""),
    "three_public": Term("three_public", "total", ("total",), ""),
}


def previous_figure(budget: Budget, figure: Stated) -> tuple[Decimal, str, Decimal] | None:
    """Last year's value of a figure's subject, in the file's unit, with where it comes from and how far
    its rounding lets it be from the exact figure: from last year's file in the repository, else from
    last year's 决算 (its 年初预算 are last year's budget), else from the file's `previous_year` block."""
    year = (budget.fiscal_year or 0) - 1
    if budget.previous is not None and figure.resolver is not None:
        value, source = resolved(budget.previous, figure.resolver)
        if value is not None:
            return value, say("A403.from_file", year=year, source=source), ZERO
    if figure.term is not None:
        found = budgeted_last_year(budget, figure.term)
        if found is not None:
            return found
    block = budget.data.get("previous_year")
    if isinstance(block, dict):
        for key, term in PREVIOUS_YEAR_FIGURES.items():
            value = block.get(key)
            if same_figure(term, figure.term) and isinstance(value, Decimal | int) and not isinstance(value, bool):
                return Decimal(value), f"previous_year.{key}", ZERO
    return None


def _current(budget: Budget, change: Stated) -> tuple[Decimal | None, str, Decimal]:
    """This year's figure a change is about: the table's, else the amount the text states (with its rounding)."""
    if change.resolver is not None:
        value, source = resolved(budget, change.resolver)
        if value is not None:
            return value, source, ZERO
    if change.amount is not None:
        return in_file_unit(budget, change.amount), say("A403.stated", subject=change.subject), \
            rounding_allowance(budget, change.amount)
    return None, "", ZERO


def signed_change(budget: Budget, figure: Stated) -> Decimal:
    """A stated change in the file's unit, negative for a decrease; 0 for a claim of none (持平)."""
    if figure.kind == "unchanged" or figure.direction == 0:
        return ZERO
    return in_file_unit(budget, figure) * figure.direction


def change_check(budget: Budget, figure: Stated) -> tuple[Decimal, Decimal, str] | None:
    """What a stated change is checked against, when last year's figure is known: (this year's figure
    minus last year's, how far the rounding of the figures involved lets the change be from it, a
    description of both)."""
    previous = previous_figure(budget, figure)
    current, current_source, current_allowance = _current(budget, figure)
    if previous is None or current is None:
        return None
    value, source, previous_allowance = previous
    allowance = current_allowance + previous_allowance + (rounding_allowance(budget, figure) if figure.kind == "change" else ZERO)
    return current - value, allowance, say("A403.difference", current_source=current_source, current=fmt(current),
                                           source=source, previous=fmt(value))


def change_sums(budget: Budget) -> list[tuple[Paragraph, Stated, list[Stated]]]:
    """The layout's `narrative_sums` (三公经费 = 因公出国（境）费 + …) whose every phrase has a change stated
    in the text: (where the whole's change is stated, that change, the parts' changes)."""
    def find() -> list[tuple[Paragraph, Stated, list[Stated]]]:
        stated: list[tuple[Paragraph, Stated]] = [
            (paragraph, figure) for paragraph in read_paragraphs(budget) for figure in paragraph.figures
            if figure.kind in ("change", "unchanged") and figure.term is not None]
        out = []
        for whole, parts in budget.layout.narrative_sums:
            found = []
            for phrase in (whole, *parts):
                term = budget.layout.narrative_subjects.get(phrase)
                first = next((item for item in stated if same_figure(item[1].term, term)), None)
                if first is None:
                    break  # a phrase without a stated change: nothing to add up
                found.append(first)
            else:
                (paragraph, whole_change), *rest = found
                out.append((paragraph, whole_change, [part for _, part in rest]))
        return out
    return budget.once("change_sums", find)


@rule("A403", "narrative-change-matches-previous-year", ERROR)
def narrative_change_matches_previous_year(budget: Budget) -> Iterator[Problem]:
    """A change on the previous year stated in the narrative (`增加 208.86万元`, or `与2022年相比保持一致`
    for no change) equals this year's figure minus last year's, when last year's figure is known: from last
    year's file of the same department in the repository (`budgets/<dept>/<year-1>.yaml`), else from last
    year's 决算 beside it (`<year-1>-juesuan.yaml`: the 年初预算 it states and the 预算数 it prints are last
    year's budget), else from the file's `previous_year` block. Figures printed in a coarser unit than
    the file's count with their rounding.

    The changes of figures that add up add up too (the layout's `narrative_sums`: 三公经费 = 因公出国（境）费
    + 公务用车购置及运行费 + 公务接待费), and a change stated with a word of no change (`与2024年预算一致
    0万元`) is 0.

    Why: year-over-year changes are what the press and the 人大 read first; they must be computed
    from the published figures of both years.

    Bad::

        previous_year: {revenue_total: 1700.21}
        text: 收入总计 1909.07万元……收支总计各增加 200.00万元

        text: 三公经费预算数为37.91万元，比2024年预算减少10万元。…（二）公务用车购置及运行费36.56万元，比2024年
              预算减少12万元 …     # the other items 持平: −10 ≠ −12

    Good::

        previous_year: {revenue_total: 1700.21}
        text: 收入总计 1909.07万元……收支总计各增加 208.86万元
    """
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            if figure.kind == "change" and figure.direction == 0 and figure.value != 0:
                yield _problem(paragraph, figure, "A403.unchanged_with_change", subject=figure.subject,
                               value=figure.value, unit=figure.unit)
            if figure.kind not in ("change", "unchanged"):
                continue
            check = change_check(budget, figure)
            if check is None:
                continue
            actual, allowance, source = check
            stated = signed_change(budget, figure)
            if gap(budget, stated, [actual]) is not None and abs(stated - actual) > allowance:
                word = "增加" if figure.direction > 0 else "减少"
                claim = "与上年保持一致" if figure.kind == "unchanged" or figure.direction == 0 \
                    else f"{word} {figure.value}{figure.unit}"
                yield _problem(paragraph, figure, "A403.change", subject=figure.subject, claim=claim, source=source,
                               actual=signed(actual), diff=signed(stated - actual))
    for paragraph, whole, parts in change_sums(budget):
        stated = signed_change(budget, whole)
        total = sum((signed_change(budget, part) for part in parts), ZERO)
        if gap(budget, stated, [total]) is not None:
            listed = " + ".join(f"{part.subject} {signed(signed_change(budget, part))}" for part in parts)
            yield _problem(paragraph, whole, "A403.parts", subject=whole.subject, stated=signed(stated),
                           unit=budget.amount_unit, listed=listed, total=signed(total), diff=signed(stated - total))


@rule("A404", "narrative-growth-rate", ERROR)
def narrative_growth_rate(budget: Budget) -> Iterator[Problem]:
    """A growth rate stated in the narrative (`增长 12.28%`) equals the stated change divided by last
    year's figure, rounded to the decimals written. Last year's figure comes from last year's file when
    it is in the repository, else from the `previous_year` block, else from what the text implies
    (this year's figure − the change); the finding says which. A rate that is the change divided by this
    year's figure (增长 10.94% = 208.86 / 1909.07) is said to be computed from the wrong base.

    Why: a rate that does not follow from the change and its base is a calculation error.

    Bad::

        text: 收入总计 1909.07万元……收支总计各增加 208.86万元，增长 12.82%

    Good::

        text: 收入总计 1909.07万元……收支总计各增加 208.86万元，增长 12.28%   # 208.86 / 1700.21
    """
    for paragraph, figure, base, change, base_source in stated_rates(budget):
        if base == 0:
            continue  # A405 reports a rate against a zero base
        computed = percent_of(change, base, figure.value)
        if computed != figure.value * figure.direction:
            # The mistake checklists of real disclosures name most: the change divided by this year's figure.
            current = base + change
            wrong_base = current != 0 and percent_of(change, current, figure.value) == figure.value * figure.direction
            cause = say("A404.wrong_base", value=figure.value, current=fmt(current)) if wrong_base else ""
            yield _problem(paragraph, figure, "A404.rate", subject=figure.subject, value=figure.value,
                           change=fmt(change), base=fmt(base), computed=computed, base_source=base_source, cause=cause)


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
    for paragraph, figure, base, change, base_source in stated_rates(budget):
        if base == 0:
            yield _problem(paragraph, figure, "A405.zero_base", subject=figure.subject, value=figure.value,
                           base_source=base_source)


def stated_rates(budget: Budget) -> Iterator[tuple[Paragraph, Stated, Decimal, Decimal, str]]:
    """Each stated rate with its base (last year's figure) and the signed change it is the rate of."""
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            if figure.kind != "rate" or figure.change is None:
                continue
            change = in_file_unit(budget, figure.change) * figure.change.direction
            found = previous_figure(budget, figure.change)
            if found is not None and found[2]:
                found = None  # last year's figure is rounded (a 决算 in 万元): the rate is checked as the text implies it
            if found is None:
                base = implied_base(budget, figure.change)
                if base is None:
                    continue
                previous, current, current_source = base
                source = say("A404.implied_base", previous=fmt(previous), current_source=current_source,
                             current=fmt(current), change=fmt(change))
            else:
                previous, source = found[0], say("A404.base_from", previous=fmt(found[0]), source=found[1])
            yield paragraph, figure, previous, change, source


def implied_base(budget: Budget, change: Stated) -> tuple[Decimal, Decimal, str] | None:
    """Last year's figure as the text implies it, for a rate: (this year's stated figure − the change, that
    figure, where it comes from). The stated amount, not the table's: the rate is the text's arithmetic."""
    source: str
    if change.amount is not None:
        current, source = in_file_unit(budget, change.amount), say("A403.stated", subject=change.subject)
    elif change.resolver is not None:
        value, source = resolved(budget, change.resolver)
        if value is None:
            return None
        current = value
    else:
        return None
    return current - in_file_unit(budget, change) * change.direction, current, source


@rule("A406", "narrative-parts-sum", ERROR)
def narrative_parts_sum(budget: Budget) -> Iterator[Problem]:
    """Amounts listed after `其中` add up to the amount before it, when two or more are listed, also in
    a parenthesis that opens with 其中 (`…万元（其中：…）`). Counts are T603's.

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
                factor = unit_factor(budget, figure)  # the sum in the whole's unit as printed (万元), not the file's
                total = sum(parts, ZERO)
                yield _problem(paragraph, figure, "A406.parts", subject=figure.subject or say("A406.the_whole"),
                               value=figure.value, unit=figure.unit, listed=listed, sum=fmt(total / factor),
                               diff=signed((whole - total) / factor))


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
    from ..narrative import PROJECTS, _project_count

    listed = _project_count(budget)
    if listed is None:
        return
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            if figure.kind == "count" and figure.unit == PROJECTS and figure.value != listed:
                yield _problem(paragraph, figure, "A407.count", value=figure.value, table=budget.label("projects"),
                               listed=listed, diff=f"{int(figure.value) - listed:+d}")


# The tables that a narrative's 科目 statements describe, in the order they are looked up in: the fund
# tables (the Shanghai 编制说明 lists 财政拨款支出 by 项), then all expenditure.
SUBJECT_TABLES = ("general_expenditure", "gov_fund_expenditure", "state_capital_expenditure", "expenditure")


def printed_name(value: object) -> str:
    return "".join(str(value).split()).replace("(", "（").replace(")", "）")


def rows_by_names(budget: Budget) -> dict[tuple[str, ...], tuple[str, DocPath, dict[str, Any]]]:
    """Printed rows of the expenditure tables keyed by their names as the tables print them: (类,) for a
    类 row, (类, 款) for a 款 row, (类, 款, 项) for a 项 row."""
    def find() -> dict[tuple[str, ...], tuple[str, DocPath, dict[str, Any]]]:
        out: dict[tuple[str, ...], tuple[str, DocPath, dict[str, Any]]] = {}
        for key in SUBJECT_TABLES:
            rows = budget.leaf_rows(key)
            names = {row["code"]: printed_name(row.get("name", "")) for _, row in rows if isinstance(row.get("code"), str)}
            for path, row in rows:
                code = row.get("code")
                if not isinstance(code, str) or len(code) not in (3, 5, 7):
                    continue
                levels = [code[:length] for length in (3, 5, 7) if length <= len(code)]
                if all(level in names for level in levels):
                    out.setdefault(tuple(names[level] for level in levels), (key, path, row))
        return out
    return budget.once("rows_by_names", find)


def _last_digit(printed: Decimal) -> Decimal:
    exponent = printed.as_tuple().exponent
    return Decimal(1).scaleb(exponent) if isinstance(exponent, int) else Decimal(1)


@rule("A412", "subject-amount-matches-table", ERROR)
def subject_amount_matches_table(budget: Budget) -> Iterator[Problem]:
    """The amount a narrative states for a 科目 (`“一般公共服务支出（类）财政事务（款）行政运行（项）”科目1,623.18万元`,
    or a 类 alone: `一般公共服务支出（类）2106.66万元`) is that 科目's row in the tables: the 一般公共预算 (or
    fund) table, else the 支出 table.

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
    rows = rows_by_names(budget)
    for statement in subject_statements(budget):
        found = rows.get(tuple(printed_name(name) for name in statement.names))  # type: ignore[arg-type]
        if found is None:
            continue
        key, _, row = found
        expected = (money(row.get("total")) or ZERO) * budget.table_factor(key)
        step = _last_digit(statement.printed) * statement.value / statement.printed if statement.printed else ZERO
        if abs(statement.value - expected) >= (step or Decimal(1)) and gap(budget, statement.value, [expected]):
            yield Problem(statement.path, say("A412.amount", subject=statement.subject, amount=statement.anchor,
                                              table=budget.label(key), code=row.get("code"), name=row.get("name"),
                                              expected=fmt(expected), unit=budget.amount_unit,
                                              diff=signed(statement.value - expected)), anchor=statement.anchor)


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
    rows = rows_by_names(budget)
    for statement in subject_statements(budget):
        found = rows.get(tuple(printed_name(name) for name in statement.names))  # type: ignore[arg-type]
        if found is None or not statement.printed:
            continue
        key, _, row = found
        expected = (money(row.get("total")) or ZERO) * budget.table_factor(key)
        factor = statement.value / statement.printed
        if factor <= 1 or statement.value == expected:
            continue
        correct = (expected / factor).quantize(_last_digit(statement.printed), ROUND_HALF_UP)
        if correct != statement.printed and abs(statement.value - expected) < _last_digit(statement.printed) * factor:
            yield Problem(statement.path, say("A413.rounding", subject=statement.subject, amount=statement.anchor,
                                              table=budget.label(key), code=row.get("code"), expected=fmt(expected),
                                              unit=budget.amount_unit, correct=correct, text_unit=statement.unit),
                          anchor=statement.anchor)


@rule("A414", "subject-names-a-table-row", ERROR)
def subject_names_a_table_row(budget: Budget) -> Iterator[Problem]:
    """A 科目 the narrative names (类, 款 and 项, by name) is a row of the expenditure tables.

    A name that is the former name of a code (医疗卫生与计划生育支出 for 210 卫生健康支出, in the year's
    支出功能分类) is said to be so, with the current name.

    Why: a 科目 the tables do not have is a wrong or outdated name, or a level named wrongly (a 款
    printed as a 项); the reader cannot find the figure.

    Bad::

        text: 21. “卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”科目20.00万元
        # the tables have 210 卫生健康支出 / 21007 计划生育事务 / 2100717 计划生育服务

    Good::

        text: 21. “卫生健康支出（类）计划生育事务（款）计划生育服务（项）”科目20.00万元
    """
    rows = rows_by_names(budget)
    if not rows:
        return  # the tables print no 类/款 names to match against
    for statement in subject_statements(budget):
        names = tuple(printed_name(name) for name in statement.names)
        if names in rows:
            continue
        renamed = _current_names(budget, names)  # former names (医疗卫生与计划生育支出) by their current ones
        same_level = {found: (key, row) for found, (key, _, row) in rows.items() if len(found) == len(names)}
        # A level named wrongly (a 款 printed as a 项): a row of the same 类 whose 款 or 项 has the last name.
        close = [same_level[tuple(new for new, _ in renamed)]] if tuple(new for new, _ in renamed) in same_level \
            else [entry for found, entry in same_level.items() if found[0] == names[0] and names[-1] in found[1:]]
        if not close:  # a slip in a name (其它 for 其他): the row under the same parents with the nearest name
            siblings = {found[-1]: entry for found, entry in same_level.items() if found[:-1] == names[:-1]}
            close = [siblings[name] for name in difflib.get_close_matches(names[-1], list(siblings), n=1, cutoff=0.6)]
        hint: str = ""
        if close:
            key, row = close[0]
            code = str(row.get("code"))
            printed = "".join(f"{_row_name(budget, key, code[:length])}{level}"
                              for length, level in zip((3, 5, 7), LEVEL_ORDER) if length <= len(code))
            hint = say("A414.hint", printed=printed, table=budget.label(key), code=code)
        for new_name, (old_name, old_code) in ((new, old) for new, old in renamed if old):
            hint = say("A414.former", name=old_name, code=old_code, current=new_name, hint=hint)
        yield Problem(statement.path, say("A414.not_a_row", subject=statement.subject, hint=hint),
                      anchor=statement.anchor)


def _current_names(budget: Budget, names: tuple[str, ...]) -> list[tuple[str, tuple[str, str] | None]]:
    """Each name, or the current name of the code it is a former name of, with (the former name, the code)
    when it was one: by the year's 支出功能分类 (and only where the name is no code's current name)."""
    from ..classification import lists_for

    lists = lists_for(budget)
    out: list[tuple[str, tuple[str, str] | None]] = []
    for level, name in enumerate(names):
        current, former = lists.functional.codes_named(name) if lists is not None else ((), ())
        codes = [code for code in former if len(code) == 3 + 2 * level]
        entry = lists.functional.get(codes[0]) if lists is not None and len(codes) == 1 and not current else None
        out.append((printed_name(entry.name), (name, codes[0])) if entry is not None else (name, None))
    return out


def _row_name(budget: Budget, key: str, code: str) -> str:
    return next((str(row.get("name")) for _, row in budget.leaf_rows(key) if row.get("code") == code), "")
