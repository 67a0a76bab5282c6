"""Figures stated in the narrative (情况说明, 编制说明), each with the subject it is about.

The disclosure's sentences follow a small set of patterns (docs/narrative.md lists them, with examples
from both provinces):

    …2023年支出合计 1909.07万元，其中：基本支出 1137.99万元，占 59.61%；项目支出 771.08万元，占 40.39%。
    …与 2022 年预算相比，收支总计各增加 208.86万元，增长 12.28%。
    …财政拨款收入18,976.76万元，比2024年预算增加3,355.65万元；…国有资本经营预算拨款支出预算0.00万元，比2024年预算持平。

A stated amount belongs to the known subject phrase nearest before it in its clause. Which phrases are
known, and which figure of the tables each names, is the layout's wording, not code: `narrative_subjects`
in every section, `narrative_sections` for phrases whose table depends on the section (基本支出 in
三、支出预算总体情况 is 预算03表's, in 五、一般公共预算支出 预算05表's). `占 x%` is the share of the amount just
stated in the whole it is part of (the amount before `其中`, or the subject named in `占…的x%`);
`增加/减少 x万元` is a change of a subject on the previous year and `增长/下降 x%` its rate; `持平` says
there is none; amounts listed after `其中` are parts of that whole, and counts (辆, 台（套）, 个 …) parts of
the count of their kind before them. A parenthesis is a listing of its own (`_figures`). The words of
this grammar (其中, 占, 增加, 持平, 以上 …) are the language's, shared by every disclosure; a layout adds
its own (`narrative_words`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .findings import DocPath
from .layout import Layout, Term
from .messages import say
from .model import UNIT_FACTORS, Budget, dicts

# A figure the text can refer to: (value or None, how to describe where it comes from).
Figure = tuple[Decimal | None, str]
Resolver = Callable[[Budget], Figure]


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


@lru_cache(maxsize=256)
def term_resolver(term: Term) -> Resolver:
    """A figure a layout names (`summary.revenue[fiscal].amount`), as the narrative's rules read figures."""
    def resolve(budget: Budget) -> Figure:
        from .tables import figure_phrase, figure_values

        if term.selector == "total" and not budget.layout.has(term.table, term.column):
            # Another year's file in another layout: a column its table does not print is never 0.00.
            return None, say("narrative.not_a_column", table=budget.label(term.table), column=".".join(term.column))
        found = figure_values(budget, term)
        return (found[0] if isinstance(found, tuple) else None), figure_phrase(budget, term)
    return resolve


def same_figure(a: Term | None, b: Term | None) -> bool:
    """Two phrases (of one layout or of two) name the same figure of the tables."""
    return a is not None and b is not None and (a.table, a.selector, a.column) == (b.table, b.selector, b.column)


@dataclass(frozen=True)
class Vocabulary:
    """The phrases a section is read with: the figure each names, or the rule that checks it."""

    terms: dict[str, Term]
    rules: dict[str, str]  # phrase → the rule that checks its figures (机关运行经费 → T601)
    pattern: re.Pattern[str] | None  # every phrase, reversed, longest first
    parts_words: tuple[str, ...]  # words that introduce a breakdown (其中, and the layout's own)


@lru_cache(maxsize=256)
def vocabulary(layout: Layout, title: str) -> Vocabulary:
    """The layout's wording for a section of this title: the phrases of its first `narrative_sections`
    entry whose word is in the title, then `narrative_subjects` (the phrases of every section)."""
    section = next((subjects for word, subjects in layout.narrative_sections if word in normalise(title)), {})
    terms = {**layout.narrative_subjects, **section}
    rules = {phrase: rule for phrase, rule in layout.narrative_rules.items() if phrase not in section}
    phrases = sorted({*terms, *rules}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(phrase[::-1]) for phrase in phrases)) if phrases else None
    return Vocabulary(terms, rules, pattern, (*PARTS_WORDS, *layout.narrative_words.get("parts", ())))


def section_word(layout: Layout, title: str) -> str:
    """The word of `narrative_sections` that a section's title matches ("" for none)."""
    return next((word for word, _ in layout.narrative_sections if word in normalise(title)), "")


CHANGE_UP = ("增加", "增长", "上升", "提高")
CHANGE_DOWN = ("减少", "下降", "降低")
UNCHANGED = ("保持一致", "持平", "没有变化", "无变化", "一致")
PARTS_WORDS = ("其中",)
# One search instead of a loop over the words: run for every figure of the narrative.
_UP = re.compile("|".join(CHANGE_UP))
_DOWN = re.compile("|".join(CHANGE_DOWN))
_SAME = re.compile("|".join(UNCHANGED))
# A figure as people print it: `1909.07`, `18,976.76` (thousands separators), then its unit: money, a
# percentage, or a count of things a disclosure states (projects, vehicles, equipment).
NUMBER = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
                    r"(万元|亿元|元|%|个项目|辆|台（套）|台|套|个|人|处)")
MONEY_UNITS = ("元", "万元", "亿元")
PROJECTS = "个项目"  # the unit of a count of projects: `共14个项目`, `项目共11个`, `的项目4个`
_PROJECTS_BEFORE = re.compile(r"项目共?$")


def unit_of(match: re.Match[str]) -> str:
    """A figure's unit, with the two ways of counting projects as one (`14个项目`, `项目共14个`)."""
    if match.group(2) == "个" and _PROJECTS_BEFORE.search(match.string, max(0, match.start() - 3), match.start()):
        return PROJECTS
    return match.group(2)


def family(unit: str) -> str:
    """Figures that can be added up: money in any of its units, or counts of one kind of thing."""
    return "money" if unit in MONEY_UNITS else unit
# Parentheses do not end a clause: 因公出国（境）费 is one subject.
# Clause breaks; a comma between digit groups (18,976.76) is a thousands separator, not a break.
CLAUSE_BREAK = re.compile(r"[，。；;：:、]|,(?!\d{3}(?:\D|$))")
# `单价100万元（含）以上设备`, `3000.00万元及以下`: a condition that names a class of things, not an amount.
THRESHOLD = re.compile(r"\s*(?:[（(]含[）)])?\s*及?(?:以上|以下|以内)")
# A clause that ends with a 科目's level (`一般公共服务支出（类）`): the amount is that 科目's (A412).
SUBJECT_LEVEL_END = re.compile(r"（[类款项]）(?:科目)?$")
# `占本年支出合计的100.00%`: a share that names its whole.
NAMED_WHOLE = re.compile(r"占(.+?)的$")


_IGNORED_IN_TEXT = re.compile(r"[\s“”\"‘’']")
_AFTER_SENTENCE = re.compile(r"(?<=[。；;])")


def normalise(text: str) -> str:
    """Quotes and spaces do not change meaning: “三公”经费 → 三公经费."""
    return _IGNORED_IN_TEXT.sub("", text)


def raw_offset(raw: str, index: int) -> int:
    """Where character `index` of `normalise(raw)` stands in `raw` (normalising only removes characters)."""
    kept = -1
    for position, char in enumerate(raw):
        if not _IGNORED_IN_TEXT.match(char):
            kept += 1
            if kept == index:
                return position
    return len(raw)


@dataclass
class Stated:
    """One figure of the text."""

    kind: str  # amount | share | change | unchanged | rate | count | threshold
    value: Decimal
    unit: str
    subject: str  # the subject phrase, or "" when none was found
    resolver: Resolver | None
    offset: int  # position in the normalised paragraph
    anchor: str  # the text around it, as written, to locate it in the file
    direction: int = 0  # +1 increase, −1 decrease, 0 none stated (持平…0万元) (changes and rates)
    whole: Stated | None = None  # for shares and parts: the amount they are part of
    change: Stated | None = None  # for rates: the change they are the rate of
    amount: Stated | None = None  # for shares and changes: the amount they are about
    parts: list[Stated] = field(default_factory=list)  # for a whole: amounts listed after 其中
    term: Term | None = None  # the figure of the tables the subject names
    rule: str = ""  # the rule that checks the subject's figures, when the layout names one (T601)
    clause: str = ""  # the clause before the figure (its label when no subject is known)
    whole_name: str = ""  # for a share of a named whole (占本年支出合计的x%): that whole's phrase
    whole_resolver: Resolver | None = None


@dataclass
class Paragraph:
    path: DocPath
    title: str
    context: str  # the word of the layout's `narrative_sections` the title matched ("" for none)
    text: str  # normalised
    figures: list[Stated]
    raw: str = ""  # as written
    start: int = 0  # where it starts in its section's text

    @property
    def where(self) -> str:
        """The paragraph as a finding names it: `情况说明 「title」`."""
        return f"情况说明 「{self.title}」" if self.title else "情况说明"


def sections(budget: Budget) -> Iterator[tuple[DocPath, dict[str, Any]]]:
    for index, section in enumerate(dicts(budget.data.get("narrative"))):
        path: DocPath = ("narrative", index)
        yield path, section
        for sub_index, sub in enumerate(dicts(section.get("subsections"))):
            yield path + ("subsections", sub_index), sub


def phrase_in(clause: str, words: Vocabulary) -> tuple[str, Term | None, str]:
    """The known phrase that ends nearest to the end of the clause (ties: the longest), with the figure
    it names or the rule that checks it.

    Searched in the reversed clause: the first match there ends last in the clause, and the pattern
    tries longer phrases first.
    """
    match = words.pattern.search(clause[::-1]) if words.pattern is not None else None
    if match is None:
        return "", None, ""
    phrase = match.group(0)[::-1]
    return phrase, words.terms.get(phrase), words.rules.get(phrase, "")


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
        words = vocabulary(budget.layout, title)
        context = section_word(budget.layout, title)
        start = 0
        for raw in text.split("\n\n"):
            normalised = normalise(raw)
            out.append(Paragraph(path + ("text",), title, context, normalised, _figures(raw, normalised, words),
                                 raw, start))
            start += len(raw) + 2
    return out


@dataclass
class _Listing:
    """What the figures read so far mean for the next one, within one parenthesis level."""

    last: dict[str, Stated] = field(default_factory=dict)  # the last amount or count of each family
    last_change: Stated | None = None
    whole: Stated | None = None  # the figure that a 其中 list is part of
    in_parts: bool = False
    opened: int = -1  # where the parenthesis of this level opens (-1: the paragraph itself)


def _innermost_parenthesis(text: str) -> list[int]:
    """For each position of `text`, where the innermost parenthesis around it opens (-1 for none)."""
    out, stack = [], [-1]
    for position, char in enumerate(text):
        if char in "）)" and len(stack) > 1:
            stack.pop()
        out.append(stack[-1])
        if char in "（(":
            stack.append(position)
    return out


def _figures(raw: str, text: str, words: Vocabulary) -> list[Stated]:
    """The figures of one paragraph: `raw` as written, `text` normalised.

    A parenthesis is a listing of its own, never parts of the list around it. Right after a count it
    breaks that count down (`其他用车2辆（其他用车主要是巡逻车1辆，电动巡防车1辆）`); opening with 其中 it
    lists the parts of the last figure of their kind (`平均得分99.43分（其中，…的项目4个；…）`); otherwise it
    is an aside.
    """
    breaks = [found.start() for found in CLAUSE_BREAK.finditer(text)]  # where clauses end, in order
    parentheses = _innermost_parenthesis(text)
    figures: list[Stated] = []
    ending_at: dict[int, Stated] = {}  # each amount and count by where it ends
    stack = [_Listing()]
    sentence_start = 0
    for match in NUMBER.finditer(text):
        value, unit = Decimal(match.group(1).replace(",", "")), unit_of(match)
        opened = parentheses[match.start()]
        while len(stack) > 1 and stack[-1].opened != opened and not _inside(parentheses, match.start(), stack[-1].opened):
            stack.pop()  # the parenthesis closed: the listing around it goes on
        if opened != stack[-1].opened:
            outer = stack[-1]
            inner = _Listing(dict(outer.last), outer.last_change, outer.whole, False, opened)
            if opened in ending_at and ending_at[opened].kind == "count":
                # `其他用车2辆（…）`: the breakdown of the count it follows. Not so for money: `57.55万元（2022年
                # 为50.00万元…）` may be an earlier year's amount; an amount's breakdown opens with 其中.
                inner.whole, inner.in_parts = ending_at[opened], True
            elif text.startswith(tuple(words.parts_words), opened + 1):
                earlier = [f for f in figures if f.offset < opened and family(f.unit) == family(unit)]
                inner.whole, inner.in_parts = (earlier[-1] if earlier else None), True
            stack.append(inner)
        state = stack[-1]
        context_start = max(sentence_start, state.opened + 1)
        sentence_end = text.rfind("。", 0, match.start())
        if sentence_end >= sentence_start:
            # a new sentence: a 其中 list ends with its sentence, a share or rate needs its own subject
            sentence_start = sentence_end + 1
            context_start = max(sentence_start, state.opened + 1)
            if state.in_parts and not any(word in text[context_start:match.start()] for word in words.parts_words):
                state.in_parts, state.whole = False, None
        before = text[context_start:match.start()]
        # The clause: from the last break before the figure (bisect over the breaks found once).
        last_break = bisect.bisect_left(breaks, match.start()) - 1
        clause_start = max(context_start, breaks[last_break] + 1) if last_break >= 0 else context_start
        clause = text[clause_start:match.start()]
        anchor = _anchor(raw, match.group(1), match.group(2))
        if THRESHOLD.match(text, match.end()):
            figures.append(Stated("threshold", value, unit, "", None, match.start(), anchor, clause=clause))
            continue
        last_amount = state.last.get("money")
        if any(word in before[-40:] for word in words.parts_words) and not state.in_parts:
            # the whole is the last figure of the kind the list adds up (a share lists parts of money)
            whole = state.last.get(family(unit) if unit != "%" else "money")
            if whole is not None:
                state.whole, state.in_parts = whole, True
        if unit not in MONEY_UNITS and unit != "%":
            count = Stated("count", value, unit, "项目" if unit == PROJECTS else "", None, match.start(), anchor,
                           clause=clause)
            figures.append(count)
            _add_part(state, count)
            state.last[family(unit)] = count
            ending_at[match.end()] = count
            continue
        if unit == "%":
            word_before = clause[-4:]
            if "占" in clause:
                named = NAMED_WHOLE.search(clause)
                name, term, _ = phrase_in(named.group(1), words) if named else ("", None, "")
                figures.append(Stated("share", value, unit, "", None, match.start(), anchor, amount=last_amount,
                                      whole=state.whole if state.whole is not last_amount else None,
                                      clause=clause, whole_name=name,
                                      whole_resolver=term_resolver(term) if term is not None else None))
            elif (_UP.search(word_before) or _DOWN.search(word_before)) and state.last_change is not None:
                direction = -1 if _DOWN.search(word_before) else 1
                change = state.last_change
                figures.append(Stated("rate", value, unit, change.subject, change.resolver, match.start(), anchor,
                                      direction=direction, change=change, term=change.term, clause=clause))
            continue
        # an amount, or a change of an amount (增加 x万元, or 持平 0万元: no change)
        direction, changed = 0, False
        tail = clause[-6:]
        if _UP.search(tail):
            direction, changed = 1, True
        elif _DOWN.search(tail):
            direction, changed = -1, True
        elif _SAME.search(tail):
            changed = True
        if SUBJECT_LEVEL_END.search(clause):
            subject, term, checked_by = "", None, ""  # a 科目's amount, read by `subject_statements`
        else:
            subject, term, checked_by = phrase_in(clause, words)
        resolver = term_resolver(term) if term is not None else None
        if changed:
            if not subject and last_amount is not None:
                subject, resolver, term = last_amount.subject, last_amount.resolver, last_amount.term
            change = Stated("change", value, unit, subject, resolver, match.start(), anchor, direction=direction,
                            amount=_stated_amount(figures, subject), term=term, clause=clause)
            figures.append(change)
            state.last_change = change
            continue
        stated = Stated("amount", value, unit, subject, resolver, match.start(), anchor, term=term,
                        rule=checked_by, clause=clause)
        figures.append(stated)
        _add_part(state, stated)
        state.last["money"] = stated
        ending_at[match.end()] = stated
    figures.extend(_unchanged(text, figures))
    return figures


def _inside(parentheses: list[int], position: int, opened: int) -> bool:
    """Whether `position` is within the parenthesis that opens at `opened` (at any depth)."""
    while position >= 0 and parentheses[position] != -1:
        if parentheses[position] == opened:
            return True
        position = parentheses[position]  # the parenthesis around the one that opens here
    return False


def _add_part(state: _Listing, figure: Stated) -> None:
    """A figure listed after 其中 is a part of the whole, when both count the same kind of thing."""
    if state.in_parts and state.whole is not None and family(state.whole.unit) == family(figure.unit):
        state.whole.parts.append(figure)


def _unchanged(text: str, figures: list[Stated]) -> list[Stated]:
    """`…预算数与2022年相比保持一致`: a claim that the amount stated just before is last year's amount."""
    claims = []
    position = 0
    for segment in _AFTER_SENTENCE.split(text):
        end = position + len(segment)
        if _SAME.search(segment) and not CHANGE_WORDS_IN.search(segment):
            amounts = [f for f in figures if f.kind == "amount" and f.offset < end and f.subject]
            if amounts:
                amount = amounts[-1]
                claims.append(Stated("unchanged", Decimal(0), amount.unit, amount.subject, amount.resolver,
                                     amount.offset, amount.anchor, direction=1, amount=amount, term=amount.term))
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
    if stated.unit not in TEXT_UNIT_FACTORS:
        return stated.value  # a count: the same in every file
    text_factor = TEXT_UNIT_FACTORS[stated.unit]
    file_factor = TEXT_UNIT_FACTORS.get(budget.amount_unit, Decimal(10000))
    return stated.value if text_factor == file_factor else stated.value * text_factor / file_factor


def unit_factor(budget: Budget, stated: Stated | str) -> Decimal:
    """How many of the file's units one unit of a stated figure (or of a unit of the text) is (万元 text,
    元 file: 10000)."""
    unit = stated if isinstance(stated, str) else stated.unit
    if unit not in TEXT_UNIT_FACTORS:
        return Decimal(1)  # a percentage or a count
    return TEXT_UNIT_FACTORS[unit] / TEXT_UNIT_FACTORS.get(budget.amount_unit, Decimal(10000))


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
# An item of a statement, with its budget in a table: `其中：因公出国（境）费决算为0.00万元，完成预算的0%`.
ITEM_EXECUTION = re.compile(r"决算(?:数)?为\s*" + _AMOUNT_TEXT + r"\s*[，,]\s*完成(?:年初)?预算的\s*(\d+(?:\.\d+)?)\s*[%％]")
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
    rate_at: int = -1  # where the stated rate starts in the normalised paragraph (-1: none stated)
    paragraph_at: int = 0  # where its paragraph starts in the text
    term: Term | None = None  # the figure of the tables the subject names (None for a 科目 item)


def subject_term(budget: Budget, subject: str) -> Term | None:
    """The figure of the tables a statement's subject names, in the layout's wording
    (`三公经费财政拨款支出` → the 三公 table's 决算数 合计)."""
    return phrase_in(normalise(subject), vocabulary(budget.layout, ""))[1]


def budget_column(budget: Budget, term: Term) -> Term | None:
    """The 预算数 beside a 决算数 a table prints (`final.reception` → `budget.reception`), or None."""
    if term.selector != "total" or not term.column or term.column[0] != "final":
        return None
    column = ("budget", *term.column[1:])
    return Term(term.table, term.selector, column, "") if budget.layout.has(term.table, column) else None


def item_executions(budget: Budget) -> list[Execution]:
    """Items of a 决算's statement that state their 决算 and rate but not their budget, which the table
    prints beside it (`其中：公务接待费支出决算为0.00万元，完成预算的0%` — 表7 预算数 公务接待费): read once
    per budget. An item whose table prints no budget is left out (its rate cannot be checked)."""
    return budget.once("item_executions", lambda: list(_item_executions(budget)))


def _item_executions(budget: Budget) -> Iterator[Execution]:
    for path, text in section_texts(budget):
        paragraph_at = 0  # where the paragraph starts in the text, as `Paragraph.start`
        for paragraph in text.split("\n\n"):
            flat = normalise(paragraph)
            yield from _item_statements(budget, path, flat, paragraph_at)
            paragraph_at += len(paragraph) + 2


def _item_statements(budget: Budget, path: DocPath, flat: str, paragraph_at: int) -> Iterator[Execution]:
    from .tables import figure_values

    whole = [found.span() for found in EXECUTION.finditer(flat)]
    for match in ITEM_EXECUTION.finditer(flat):
        if any(start <= match.start() < end for start, end in whole):
            continue  # the end of a statement that states its budget too
        subject = CLAUSE_BREAK.split(flat[:match.start()])[-1]
        term = subject_term(budget, subject)
        planned = budget_column(budget, term) if term is not None else None
        found = figure_values(budget, planned) if planned is not None else None
        if not isinstance(found, tuple):
            continue
        final_text, final_unit, rate = match.groups()
        _, final, allowance = printed_amount(budget, final_text, final_unit)
        budgeted = found[0]
        # The budget as the text would print it (万元), for the rounding the rate allows (A410).
        as_printed = budgeted / unit_factor(budget, final_unit)
        yield Execution(path, match.group(0)[:12], subject, (), budgeted, final, Decimal(rate), allowance, True,
                        f"{as_printed.normalize():f}", final_text, match.start(3), paragraph_at, term)


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
                                any(word in after for word in EXPLAINED), budgeted_text, final_text,
                                match.start(5) if rate is not None else -1, 0,
                                None if names else subject_term(budget, subject))


# ---------------------------------------------------------------------------------------------------
# Statements about one 科目: `“一般公共服务支出（类）财政事务（款）行政运行（项）”科目1,623.18万元` (Shanghai;
# also written “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目…).

SUBJECT_STATEMENT = re.compile(r"“([^”]{4,80})”\s*(?:科目)?\s*" + _AMOUNT_TEXT)
# Unquoted: `主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%` (names without parentheses).
UNQUOTED_SUBJECT = re.compile(r"(?:^|(?<=[\s，。；;：:、]))((?:[^\s，。；;：:、“”\d（）]{2,40}?（[类款项]）){1,3})"
                              r"\s*(?:科目)?\s*" + _AMOUNT_TEXT)
_LEVELS = re.compile(r"（[类款项]）")
LEVEL_ORDER = ("（类）", "（款）", "（项）")


@dataclass(frozen=True)
class SubjectStatement:
    path: DocPath
    anchor: str  # the amount as written
    offset: int  # where the amount starts in the text
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
        found = [*SUBJECT_STATEMENT.finditer(text), *UNQUOTED_SUBJECT.finditer(text)]
        for match in sorted(found, key=lambda m: m.start()):
            quoted, figure, unit = match.groups()
            levels = _LEVELS.findall(quoted)
            if levels:
                names = tuple(part.strip() for part in _LEVELS.split(quoted) if part.strip())
                if tuple(levels) != LEVEL_ORDER[:len(levels)] or len(names) != len(levels):
                    continue  # a 款 or 项 without its 类: not a name the tables can be searched by
            else:
                names = tuple(part.strip() for part in quoted.split("-"))
                if len(names) != 3:
                    continue  # not a 类-款-项 subject (a quoted name, a 三公 term …)
            printed, value, _ = printed_amount(budget, figure, unit)
            yield SubjectStatement(path, f"{figure}{unit}", match.start(2), quoted, names, value, printed, unit)


# ---------------------------------------------------------------------------------------------------
# Last year's budget as a 决算 prints it: `2024-juesuan.yaml` beside `2025.yaml`. A 决算 states the 年初预算
# of its year (the budget the 人大 approved) for its total and each 科目, and prints the 三公 预算数:
# those are last year's budget figures, for the changes a 预算's narrative states.


def budgeted_last_year(budget: Budget, term: Term) -> tuple[Decimal, str, Decimal] | None:
    """The figure `term` names as last year's 决算 prints its budget: (value in this file's unit, where it
    comes from, half a unit of its last printed digit in this file's unit when printed coarser)."""
    from .tables import figure_phrase, half_unit, table_totals

    final = budget.previous_final_accounts()
    if final is None:
        return None
    scale = UNIT_FACTORS[final.amount_unit] / UNIT_FACTORS[budget.amount_unit]
    name = Path(final.file).name
    # A table that prints 预算数 beside 决算数 (the 三公 table: budget.total, final.total …).
    column = ("budget", *term.column)
    if term.selector == "total" and final.layout.has(term.table, column):
        value = (table_totals(final, term.table) or {}).get(column)
        if value is not None:
            where = figure_phrase(final, Term(term.table, "total", column, ""))
            source = say("narrative.last_year_figure", year=final.fiscal_year, where=where, file=name)
            return value * scale, source, half_unit(value) * scale if scale > 1 else Decimal(0)
    # A 年初预算 … 决算 statement of the 决算's narrative whose subject names the same figure.
    words = vocabulary(final.layout, "")
    for statement in executions(final):
        if not statement.names and same_figure(phrase_in(normalise(statement.subject), words)[1], term):
            allowance = half_unit(Decimal(statement.budgeted_text.replace(",", ""))) * scale if scale > 1 else Decimal(0)
            source = say("narrative.last_year_budgeted", year=final.fiscal_year, subject=statement.subject, file=name)
            return statement.budgeted * scale, source, max(allowance, statement.allowance * scale)
    return None
