"""Figures stated in the narrative (第二部分 情况说明), each with the subject it is about.

The disclosure's sentences follow a small set of patterns:

    …2023年支出合计 1909.07万元，其中：基本支出 1137.99万元，占 59.61%；项目支出 771.08万元，占 40.39%。
    …与 2022 年预算相比，收支总计各增加 208.86万元，增长 12.28%。
    …涉及预算拨款771.08万元,共14个项目。

A stated amount belongs to the known subject phrase nearest before it in its clause (基本支出, 收入总计 …);
`占 x%` is the share of the amount just stated in the whole it is part of (the amount before `其中`);
`增加/减少 x万元` is a change of a subject on the previous year and `增长/下降 x%` its rate; amounts listed
after `其中` are parts of that whole. Which table a subject refers to depends on the section: 基本支出
in 三、支出预算总体情况 is 预算03表's, in 五、一般公共预算支出 it is 预算05表's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .findings import DocPath
from .layout import Layout, Term
from .model import Budget, dicts, money

# A figure the text can refer to: (value or None, how to describe where it comes from).
Figure = tuple[Decimal | None, str]
Resolver = Callable[[Budget], Figure]


def _field(table: str, path: tuple[str, ...], name: str) -> Resolver:
    """A closing figure of a two-sided table, e.g. the 总计 of the 财政拨款收支总表."""
    def resolve(budget: Budget) -> Figure:
        from .tables import cell

        value = cell(budget.table(table) or {}, path)
        return (None if value is None else value * budget.table_factor(table)), f"{budget.label(table)} {name}"
    return resolve


def _summary(key: str, name: str) -> Resolver:
    def resolve(budget: Budget) -> Figure:
        return money((budget.table("summary") or {}).get(key)), f"{budget.label('summary')} {name}"
    return resolve


def _grid(table: str, column: tuple[str, ...], name: str) -> Resolver:
    def resolve(budget: Budget) -> Figure:
        from .tables import table_totals

        if budget.layout.has(table) and not budget.layout.has(table, column):
            # The layout's table does not print this column (a 决算's 三公 table prints 预算数 and
            # 决算数, not one 合计): the figure cannot be checked here, and is never taken as 0.00.
            return None, f"{budget.label(table)} {name} (not a column of this layout's table)"
        totals = table_totals(budget, table)
        value = None if totals is None else totals.get(column, Decimal(0))
        return value, f"{budget.label(table)} 合计" + ("" if name == "合计" else f" {name}")
    return resolve


def resolved(budget: Budget, resolver: Resolver) -> Figure:
    """`resolver(budget)`, worked out once per file: several rules ask for the same table figures."""
    cache = budget.derived.setdefault("resolved", {})
    if resolver not in cache:
        cache[resolver] = resolver(budget)
    return cache[resolver]  # type: ignore[no-any-return]


def _project_count(budget: Budget) -> int | None:
    from .tables import all_leaf_rows

    table = budget.table("projects")
    return None if table is None else len(all_leaf_rows(table))


REVENUE_GENERAL = _grid("revenue", ("this_year", "general_budget"), "本年收入 一般公共预算")
REVENUE_GOV_FUND = _grid("revenue", ("this_year", "gov_fund"), "本年收入 政府性基金")

# Subjects understood in every section. A subject without a resolver is recognised (so its figures
# are not given to another subject) but checked by a dedicated rule.
COMMON: dict[str, Resolver | None] = {
    "收入总计": _summary("revenue_total", "收入总计"),
    "支出总计": _summary("expenditure_total", "支出总计"),
    "收支总计": _summary("revenue_total", "收入总计"),
    "收入合计": _summary("revenue_total", "收入总计"),
    "本年收入合计": _summary("this_year_revenue", "本年收入合计"),
    "本年支出合计": _summary("this_year_expenditure", "本年支出合计"),
    "上年结转结余": _summary("carryover_in", "上年结转结余"),
    "上年结转": _summary("carryover_in", "上年结转结余"),
    "一般公共预算收入": REVENUE_GENERAL,
    "一般公共预算拨款收入": REVENUE_GENERAL,
    "政府性基金预算收入": REVENUE_GOV_FUND,
    "政府性基金收入": REVENUE_GOV_FUND,
    "三公经费": _grid("three_public", ("total",), "“三公”经费合计"),
    "因公出国（境）费": _grid("three_public", ("overseas",), "因公出国（境）费"),
    "公务接待费": _grid("three_public", ("reception",), "公务接待费"),
    "公务用车购置及运行费": _grid("three_public", ("vehicles",), "公务用车购置及运行费"),
    "公务用车购置费": _grid("three_public", ("vehicle_purchase",), "公务用车购置费"),
    "公务用车运行维护费": _grid("three_public", ("vehicle_operation",), "公务用车运行费"),
    "公务用车运行费": _grid("three_public", ("vehicle_operation",), "公务用车运行费"),
    # 机关运行经费 / 机构运转经费: checked against 公用经费 by rule T601.
    "机构运转经费": None,
    "机关运行经费": None,
}


def _by_fund(table: str) -> dict[str, Resolver]:
    return {"基本支出": _grid(table, ("basic",), "基本支出"), "项目支出": _grid(table, ("project",), "项目支出")}


# Subjects whose table depends on the section, keyed by the section's context (see `context_of`).
BY_CONTEXT: dict[str, dict[str, Resolver]] = {
    "summary": {"支出合计": _summary("expenditure_total", "支出总计")},
    "revenue": {},
    "expenditure": {"支出合计": _grid("expenditure", ("total",), "合计"), **_by_fund("expenditure")},
    "fiscal": {
        "财政拨款收入支出总计": _field("fiscal_summary", ("revenue", "total"), "收入总计"),
        "一般公共预算收支预算": _grid("general_expenditure", ("total",), "合计"),
        "政府性基金收支预算": _grid("gov_fund_expenditure", ("total",), "合计"),
        "国有资本经营预算收支预算": _grid("state_capital_expenditure", ("total",), "合计"),
    },
    "general": {"一般公共预算支出": _grid("general_expenditure", ("total",), "合计"), **_by_fund("general_expenditure")},
    "general_basic": {
        "基本支出": _grid("general_expenditure", ("basic",), "基本支出"),
        "人员经费": _grid("general_basic_economic", ("personnel",), "人员经费"),
        "公用经费": _grid("general_basic_economic", ("public",), "公用经费"),
    },
    "gov_fund": {"政府性基金预算支出": _grid("gov_fund_expenditure", ("total",), "合计"),
                 **_by_fund("gov_fund_expenditure")},
    "state_capital": {"国有资本经营预算支出": _grid("state_capital_expenditure", ("total",), "合计"),
                      **_by_fund("state_capital_expenditure")},
    "performance": {"预算拨款": _grid("projects", ("total",), "合计")},
    "other": {},
}

# Section titles → context; the first keyword found wins, so the more specific come first.
CONTEXT_KEYWORDS = (
    ("三公", "other"), ("基本支出", "general_basic"), ("一般公共预算支出", "general"), ("政府性基金", "gov_fund"),
    ("国有资本", "state_capital"), ("财政拨款", "fiscal"), ("收入支出预算总体", "summary"), ("收入预算", "revenue"),
    ("支出预算总体", "expenditure"), ("绩效", "performance"),
)

CHANGE_UP = ("增加", "增长", "上升", "提高")
CHANGE_DOWN = ("减少", "下降", "降低")
# One search instead of a loop over the words: run for every figure of the narrative.
_UP = re.compile("|".join(CHANGE_UP))
_DOWN = re.compile("|".join(CHANGE_DOWN))
# A figure as people print it: `1909.07`, `18,976.76` (thousands separators), then its unit.
NUMBER = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|亿元|元|%|个项目)")
# Parentheses do not end a clause: 因公出国（境）费 is one subject.
# Clause breaks; a comma between digit groups (18,976.76) is a thousands separator, not a break.
CLAUSE_BREAK = re.compile(r"[，。；;：:、]|,(?!\d{3}(?:\D|$))")


_IGNORED_IN_TEXT = re.compile(r"[\s“”\"‘’']")
_AFTER_SENTENCE = re.compile(r"(?<=[。；;])")


def normalise(text: str) -> str:
    """Quotes and spaces do not change meaning: “三公”经费 → 三公经费."""
    return _IGNORED_IN_TEXT.sub("", text)


def context_of(title: str) -> str:
    for keyword, context in CONTEXT_KEYWORDS:
        if keyword in title:
            return context
    return "other"


@dataclass
class Stated:
    """One figure of the text."""

    kind: str  # amount | share | change | unchanged | rate | count
    value: Decimal
    unit: str
    subject: str  # the subject phrase, or "" when none was found
    resolver: Resolver | None
    offset: int  # position in the normalised paragraph
    anchor: str  # the text around it, as written, to locate it in the file
    direction: int = 0  # +1 increase, −1 decrease (changes and rates)
    whole: Stated | None = None  # for shares and parts: the amount they are part of
    change: Stated | None = None  # for rates: the change they are the rate of
    amount: Stated | None = None  # for shares and changes: the amount they are about
    parts: list[Stated] = field(default_factory=list)  # for a whole: amounts listed after 其中


@dataclass
class Paragraph:
    path: DocPath
    title: str
    context: str
    text: str  # normalised
    figures: list[Stated]


def sections(budget: Budget) -> Iterator[tuple[DocPath, dict[str, Any]]]:
    for index, section in enumerate(dicts(budget.data.get("narrative"))):
        path: DocPath = ("narrative", index)
        yield path, section
        for sub_index, sub in enumerate(dicts(section.get("subsections"))):
            yield path + ("subsections", sub_index), sub


@lru_cache(maxsize=64)
def _phrases(context: str, layout: Layout) -> tuple[re.Pattern[str], dict[str, Resolver | None]]:
    """The subject phrases understood in a section's context: a pattern that finds them in a reversed
    clause, longest first, and their resolvers. The layout's `narrative_subjects` come first (a province's
    wording is data), then the section's context, then the phrases every disclosure uses."""
    resolvers: dict[str, Resolver | None] = {phrase: _term_resolver(term)
                                             for phrase, term in layout.narrative_subjects.items()}
    for phrase, by_context in BY_CONTEXT.get(context, {}).items():
        resolvers.setdefault(phrase, by_context)
    for phrase, common in COMMON.items():
        resolvers.setdefault(phrase, common)
    longest_first = sorted(resolvers, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(phrase[::-1]) for phrase in longest_first))
    return pattern, resolvers


@lru_cache(maxsize=256)
def _term_resolver(term: Term) -> Resolver:
    """A figure a layout names (`summary.revenue[fiscal].amount`), as the narrative's rules read figures."""
    def resolve(budget: Budget) -> Figure:
        from .tables import describe_figure, figure_values

        found = figure_values(budget, term)
        return (found[0] if isinstance(found, tuple) else None), describe_figure(budget, term)
    return resolve


def _subject(clause: str, context: str, layout: Layout) -> tuple[str, Resolver | None]:
    """The known subject phrase that ends nearest to the end of the clause (ties: the longest).

    Searched in the reversed clause: the first match there ends last in the clause, and the pattern
    tries longer phrases first.
    """
    pattern, resolvers = _phrases(context, layout)
    match = pattern.search(clause[::-1])
    if match is None:
        return "", None
    phrase = match.group(0)[::-1]
    return phrase, resolvers[phrase]


def _anchor(raw: str, number: str, unit: str) -> str:
    """A snippet as written in the file: the number and its unit (spaces kept as typed)."""
    # Plain string search, not a regular expression built per figure: this runs for every figure.
    start = raw.find(number)
    while start >= 0:
        end = start + len(number)
        while end < len(raw) and raw[end].isspace():
            end += 1
        if raw.startswith(unit, end):
            return raw[start:end + len(unit)]
        start = raw.find(number, start + 1)
    return number


def read_paragraphs(budget: Budget) -> list[Paragraph]:
    """The narrative's paragraphs with their figures (read once per budget, shared by the rules)."""
    return budget.once("paragraphs", lambda: _read_paragraphs(budget))


def _read_paragraphs(budget: Budget) -> list[Paragraph]:
    out = []
    for path, section in sections(budget):
        text = section.get("text")
        title = str(section.get("title") or "")
        if not isinstance(text, str):
            continue
        context = context_of(title)
        for raw in text.split("\n\n"):
            normalised = normalise(raw)
            out.append(Paragraph(path + ("text",), title, context, normalised,
                                 _figures(raw, normalised, context, budget.layout)))
    return out


def _figures(raw: str, text: str, context: str, layout: Layout) -> list[Stated]:
    """The figures of one paragraph: `raw` as written, `text` normalised."""
    breaks = [found.start() for found in CLAUSE_BREAK.finditer(text)]  # where clauses end, in order
    figures: list[Stated] = []
    last_amount: Stated | None = None
    last_change: Stated | None = None
    whole: Stated | None = None  # the amount that a following 其中 list is part of
    in_parts = False
    sentence_start = 0
    for match in NUMBER.finditer(text):
        value, unit = Decimal(match.group(1).replace(",", "")), match.group(2)
        before = text[sentence_start:match.start()]
        sentence_end = text.rfind("。", 0, match.start())
        if sentence_end >= sentence_start:
            # a new sentence: a 其中 list ends with its sentence, a share or rate needs its own subject
            sentence_start = sentence_end + 1
            before = text[sentence_start:match.start()]
            if in_parts and "其中" not in before:
                in_parts = False
                whole = None
        # The clause: from the last break before the figure (bisect over the breaks found once).
        last_break = bisect.bisect_left(breaks, match.start()) - 1
        clause_start = max(sentence_start, breaks[last_break] + 1) if last_break >= 0 else sentence_start
        clause = text[clause_start:match.start()]
        anchor = _anchor(raw, match.group(1), match.group(2))
        if "其中" in before[-40:] and not in_parts and last_amount is not None:
            whole, in_parts = last_amount, True
        if unit == "个项目":
            figures.append(Stated("count", value, unit, "项目", None, match.start(), anchor))
            continue
        if unit == "%":
            word_before = clause[-4:]
            if "占" in clause:
                figures.append(Stated("share", value, unit, "", None, match.start(), anchor,
                                      amount=last_amount, whole=whole if whole is not last_amount else None))
            elif (_UP.search(word_before) or _DOWN.search(word_before)) and last_change is not None:
                direction = -1 if _DOWN.search(word_before) else 1
                figures.append(Stated("rate", value, unit, last_change.subject, last_change.resolver,
                                      match.start(), anchor, direction=direction, change=last_change))
            continue
        # an amount, or a change of an amount
        direction = 0
        tail = clause[-6:]
        if _UP.search(tail):
            direction = 1
        elif _DOWN.search(tail):
            direction = -1
        subject, resolver = _subject(clause, context, layout)
        if direction:
            if not subject and last_amount is not None:
                subject, resolver = last_amount.subject, last_amount.resolver
            change = Stated("change", value, unit, subject, resolver, match.start(), anchor, direction=direction,
                            amount=_stated_amount(figures, subject))
            figures.append(change)
            last_change = change
            continue
        stated = Stated("amount", value, unit, subject, resolver, match.start(), anchor)
        figures.append(stated)
        if in_parts and whole is not None:
            whole.parts.append(stated)
        last_amount = stated
    figures.extend(_unchanged(text, figures))
    return figures


UNCHANGED = ("保持一致", "持平", "没有变化", "无变化")


def _unchanged(text: str, figures: list[Stated]) -> list[Stated]:
    """`…预算数与2022年相比保持一致`: a claim that the amount stated just before is last year's amount."""
    claims = []
    position = 0
    for segment in _AFTER_SENTENCE.split(text):
        end = position + len(segment)
        if any(word in segment for word in UNCHANGED) and not CHANGE_WORDS_IN.search(segment):
            amounts = [f for f in figures if f.kind == "amount" and f.offset < end and f.subject]
            if amounts:
                amount = amounts[-1]
                claims.append(Stated("unchanged", Decimal(0), amount.unit, amount.subject, amount.resolver,
                                     amount.offset, amount.anchor, direction=1, amount=amount))
        position = end
    return claims


CHANGE_WORDS_IN = re.compile(r"(增加|减少|增长|下降)\d")


def _stated_amount(figures: list[Stated], subject: str) -> Stated | None:
    for figure in reversed(figures):
        if figure.kind == "amount" and figure.subject == subject:
            return figure
    return None


TEXT_UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def in_file_unit(budget: Budget, stated: Stated) -> Decimal:
    """A stated amount in the file's amount unit (万元 text against a 元 file, or the reverse)."""
    text_factor = TEXT_UNIT_FACTORS.get(stated.unit, Decimal(1))
    file_factor = TEXT_UNIT_FACTORS.get(budget.amount_unit, Decimal(10000))
    return stated.value if text_factor == file_factor else stated.value * text_factor / file_factor


def rounding_allowance(budget: Budget, stated: Stated) -> Decimal:
    """How far, in the file's unit, a stated amount may be from the table's exact figure: half a unit of
    its last printed digit when the text prints a coarser unit than the tables (229.43万元 stands for
    every amount from 2,294,250 to 2,294,349.99元); nothing when both print the same unit."""
    text_factor = TEXT_UNIT_FACTORS.get(stated.unit, Decimal(1))
    file_factor = TEXT_UNIT_FACTORS.get(budget.amount_unit, Decimal(10000))
    if text_factor <= file_factor:
        return Decimal(0)
    exponent = stated.value.as_tuple().exponent
    half = Decimal(5).scaleb(int(exponent) - 1) if isinstance(exponent, int) else Decimal(0)
    return half * text_factor / file_factor


# ---------------------------------------------------------------------------------------------------
# Execution statements of a 决算: `X年初预算为A万元，支出决算为B万元，完成年初预算的R%。决算数小于预算数的主要原因：…`

_AMOUNT_TEXT = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|亿元|元)"
EXECUTION = re.compile(r"年初预算为\s*" + _AMOUNT_TEXT + r"\s*[，,]\s*(?:支出)?决算(?:数)?为\s*" + _AMOUNT_TEXT
                       + r"(?:\s*[，,]\s*完成(?:年初)?预算的\s*(\d+(?:\.\d+)?)\s*[%％])?")
# An item heading of a 决算's 情况说明: `1、一般公共服务支出（类）财政事务（款）行政运行（项）。`
ITEM_HEADING = re.compile(r"^\s*\d+\s*[、.．]\s*([^（]+)（类）([^（]+)（款）([^（]+)（项）")
EXPLAINED = ("原因", "持平", "一致")


@dataclass(frozen=True)
class Execution:
    """One statement of budgeted against final figures in a 决算's narrative."""

    path: DocPath  # the text it stands in
    anchor: str  # the statement as written, to point at it
    subject: str  # 一般公共预算财政拨款支出, 三公经费财政拨款支出, or the 科目 of an item
    names: tuple[str, ...]  # the 类, 款 and 项 names of an item ('' for the others)
    budgeted: Decimal  # in the file's unit
    final: Decimal
    stated_rate: Decimal | None  # 完成年初预算的 R%
    allowance: Decimal  # half a unit of the figures' last printed digit, in the file's unit (万元 text, 元 file)
    explained: bool  # the statement gives a reason (原因) or says the two agree (持平)
    budgeted_text: str
    final_text: str


def executions(budget: Budget) -> list[Execution]:
    """Every 年初预算 … 决算 statement of the narrative, with its subject (read once per budget)."""
    return budget.once("executions", lambda: list(_executions(budget)))


def section_texts(budget: Budget) -> Iterator[tuple[DocPath, str]]:
    """The text of every section and subsection of the narrative, with the path of its `text`."""
    for path, section in sections(budget):
        text = section.get("text")
        if isinstance(text, str):
            yield path + ("text",), text


def printed_amount(budget: Budget, figure: str, unit: str) -> tuple[Decimal, Decimal, Decimal]:
    """A figure as printed in the text (`1,202.95`, 万元): (as printed, in the file's unit, half a unit of its
    last digit in the file's unit when the text's unit is the coarser one, else 0)."""
    printed = Decimal(figure.replace(",", ""))
    factor = TEXT_UNIT_FACTORS.get(unit, Decimal(1)) / TEXT_UNIT_FACTORS.get(budget.amount_unit, Decimal(10000))
    exponent = printed.as_tuple().exponent
    half = Decimal(5).scaleb(int(exponent) - 1) if isinstance(exponent, int) else Decimal(0)
    return printed, printed * factor, (half * factor if factor > 1 else Decimal(0))


def _executions(budget: Budget) -> Iterator[Execution]:
    for path, text in section_texts(budget):
        for paragraph in text.split("\n\n"):
            flat = normalise(paragraph)
            for match in EXECUTION.finditer(flat):
                budgeted_text, budgeted_unit, final_text, final_unit, rate = match.groups()
                heading = ITEM_HEADING.match(flat)
                names = tuple(name.strip() for name in heading.groups()) if heading else ()
                before = flat[:match.start()]
                subject = "".join(f"{name}（{level}）" for name, level in zip(names, "类款项")) if names else \
                    CLAUSE_BREAK.split(before)[-1].strip() if before else ""
                _, budgeted, allowance = printed_amount(budget, budgeted_text, budgeted_unit)
                _, final, _ = printed_amount(budget, final_text, final_unit)
                after = flat[match.end():]
                yield Execution(path, match.group(0)[:12], subject, names, budgeted, final,
                                Decimal(rate) if rate is not None else None, allowance,
                                any(word in after for word in EXPLAINED), budgeted_text, final_text)


# ---------------------------------------------------------------------------------------------------
# Statements about one 科目: `“一般公共服务支出（类）财政事务（款）行政运行（项）”科目1,623.18万元` (Shanghai;
# also written “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目…).

SUBJECT_STATEMENT = re.compile(r"“([^”]{4,80})”\s*(?:科目)?\s*" + _AMOUNT_TEXT)
_LEVELS = re.compile(r"（[类款项]）")


@dataclass(frozen=True)
class SubjectStatement:
    path: DocPath
    anchor: str  # the amount as written
    subject: str  # the quoted 科目 as printed
    names: tuple[str, ...]  # its 类, 款 and 项 names
    value: Decimal  # in the file's unit
    printed: Decimal  # as printed, in `unit`
    unit: str


def subject_statements(budget: Budget) -> list[SubjectStatement]:
    """Every quoted 科目 of the narrative followed by its amount (read once per budget)."""
    return budget.once("subject_statements", lambda: list(_subject_statements(budget)))


def _subject_statements(budget: Budget) -> Iterator[SubjectStatement]:
    for path, text in section_texts(budget):
        for match in SUBJECT_STATEMENT.finditer(text):
            quoted, figure, unit = match.groups()
            if _LEVELS.search(quoted):
                names = tuple(part.strip() for part in _LEVELS.split(quoted) if part.strip())
            else:
                names = tuple(part.strip() for part in quoted.split("-"))
            if len(names) != 3:
                continue  # not a 类-款-项 subject (a quoted name, a 三公 term …)
            printed, value, _ = printed_amount(budget, figure, unit)
            yield SubjectStatement(path, f"{figure}{unit}", quoted, names, value, printed, unit)
