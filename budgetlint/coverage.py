"""`budgetlint narrative FILE`: every figure of the narrative, with what it was checked against — or why
it could not be checked. Unchecked figures are listed, never dropped.

A figure is an amount (元, 万元, 亿元), a percentage or a count of projects. Its check is found from the
readers the rules use (`narrative.read_paragraphs`, `executions`, `subject_statements`) and the helpers
the rules compare with, so the report says what the rules actually do. A figure counts as checked only
when its check pins it: a change of one unit of its last printed digit, either way, makes the rule
report it (tests/test_narrative_mutation.py makes every such change). A rate implied by rounded
figures may allow its change to be a unit more or less: such a change is listed as not checked, with
the values the rate allows. A threshold (`单价100万元（含）以上设备`) names a class of things, not an
amount: it is listed and not counted.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import click

from .config import ConfigError, find_config, load_config
from .findings import EXIT_USAGE, format_path
from .help import BudgetlintCommand
from .lint import RULES_BY_ID, budget_for
from .messages import join, say, tr
from .model import Budget, fmt
from .narrative import (
    EXECUTION,
    MONEY_UNITS,
    NUMBER,
    PROJECTS,
    Execution,
    Paragraph,
    Stated,
    SubjectStatement,
    budget_column,
    executions,
    item_executions,
    normalise,
    phrase_in,
    raw_offset,
    read_paragraphs,
    resolved,
    rounding_allowance,
    subject_statements,
    unit_factor,
    vocabulary,
)
from .report import emit
from .rules import execution as execution_rules
from .rules import narrative as narrative_rules
from .tables import gap, half_unit


@dataclass(frozen=True)
class Covered:
    path: str  # the text's document path
    line: int
    figure: str  # as printed: 1,202.95万元
    kind: str  # amount, share, change, rate, count, budgeted, final, execution rate, 科目 amount, threshold
    rule: str  # the rule that checks it ("" when none does)
    against: str  # what it is checked against, or why it is not
    offset: int = 0  # where the figure starts in the text at `path`, as written


Check = tuple[str, str, str]  # (kind, rule or "", what it is checked against, or why not)

# Every text of a check is a catalogue Message: the text report prints it in the run's language, while
# `--format json` prints `kind` and `against` in English as before (a Message is its English text), for the
# tests and tools that read them.
KINDS = {"amount": say("cli.narrative.kind_amount"), "percentage": say("cli.narrative.kind_percentage"),
         "count": say("cli.narrative.kind_count"), "share": say("cli.narrative.kind_share"),
         "change": say("cli.narrative.kind_change"), "rate": say("cli.narrative.kind_rate"),
         "budgeted": say("cli.narrative.kind_budgeted"), "final": say("cli.narrative.kind_final"),
         "execution rate": say("cli.narrative.kind_execution_rate"),
         "科目 amount": say("cli.narrative.kind_subject_amount"), "threshold": say("cli.narrative.kind_threshold")}


def coverage(budget: Budget) -> list[Covered]:
    """Every figure of the narrative, in order, with its check."""
    subjects = {(s.path, s.offset): s for s in subject_statements(budget)}
    statements: dict[object, list[Execution]] = {}
    for found in executions(budget):  # in the order of the text, as the paragraphs are read below
        statements.setdefault(found.path, []).append(found)
    out: list[Covered] = []
    newlines: dict[object, int] = {}  # line breaks of a text before the paragraph being read
    for paragraph in read_paragraphs(budget):
        before = newlines.get(paragraph.path, 0)
        newlines[paragraph.path] = before + paragraph.raw.count("\n") + 2
        # An `unchanged` claim (与上年持平) sits at the offset of the amount it is about: the amount is the figure.
        stated = {figure.offset: figure for figure in paragraph.figures if figure.kind != "unchanged"}
        spans = _statement_spans(paragraph, statements.get(paragraph.path, []))
        spans += [(item.rate_at, "execution rate", item, str(item.stated_rate), "%") for item in item_executions(budget)
                  if item.path == paragraph.path and item.paragraph_at == paragraph.start]
        start = budget.document.locate(paragraph.path)[0]
        for match in NUMBER.finditer(paragraph.text):
            printed = match.group(1) + match.group(2)
            raw = raw_offset(paragraph.raw, match.start())
            # The line: where the figure and what follows it on its line are written, from the text's start.
            snippet = paragraph.raw[raw:].split("\n")[0][:40]
            # Searched from the figure's own line (a block text starts on the line after its key): the same
            # words may stand on an earlier line too (两段 `…0辆、主要领导干部用车0辆…`).
            own = start + before + paragraph.raw.count("\n", 0, raw)
            line = budget.document.find_text(snippet, own) or budget.document.find_text(snippet, start) \
                or budget.document.find_text(printed, start)
            offset = paragraph.start + raw
            statement = next((found for found in spans if found[0] == match.start()), None)
            if statement is not None:
                check = _execution_check(budget, *statement[1:])
            elif (paragraph.path, offset) in subjects:
                check = _subject_check(budget, subjects[(paragraph.path, offset)])
            elif match.start() in stated:
                check = _stated_check(budget, paragraph, stated[match.start()])
            else:
                check = (KINDS["percentage" if match.group(2) == "%" else "amount" if match.group(2) in MONEY_UNITS
                               else "count"], "", say("cli.narrative.no_word"))
            out.append(Covered(format_path(paragraph.path), line[0] if line else start, printed, *check, offset))
    return out


def pins(value: Decimal, passes: Callable[[Decimal], bool]) -> bool:
    """A check pins a printed figure when a change of one unit of its last printed digit, up or down (not
    below zero), makes it fail."""
    exponent = value.as_tuple().exponent
    unit = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    return not passes(value + unit) and (value - unit < 0 or not passes(value - unit))


def _statement_spans(paragraph: Paragraph, statements: list[Execution]) -> list[tuple[int, str, Execution, str, str]]:
    """The figures of the 年初预算 … 决算 statements of a paragraph: (where each starts, which it is, its
    statement, as printed, its unit). `statements` are those of the paragraph's text not yet placed."""
    out = []
    for match in EXECUTION.finditer(paragraph.text):
        if not statements:
            break
        statement = statements.pop(0)
        for group, role, unit in ((1, "budgeted", match.group(2)), (3, "final", match.group(4)),
                                  (5, "execution rate", "%")):
            if match.group(group) is not None:
                out.append((match.start(group), role, statement, match.group(group), unit))
    return out


def _execution_check(budget: Budget, role: str, statement: Execution, printed: str, unit: str) -> Check:
    value = Decimal(printed.replace(",", ""))
    kind = KINDS[role]
    if role == "final":
        found = execution_rules._table_figure(budget, statement)  # the figure A408 compares with
        if found is None or not budget.layout.has("general_expenditure"):
            return kind, "", say("cli.narrative.no_table_figure", subject=statement.subject)
        expected, label, _ = found
        factor = unit_factor(budget, unit)
        if pins(value, lambda v: abs(v * factor - expected) <= statement.allowance):
            return kind, "A408", say("cli.narrative.figure", label=label, value=fmt(expected), unit=budget.amount_unit)
        return kind, "", say("cli.narrative.unit_more_or_less", label=label, value=fmt(expected))
    if role == "execution rate":
        if statement.budgeted <= 0:
            return kind, "", say("cli.narrative.budget_of_zero")
        low, high = execution_rules._rate_interval(statement)  # the rates A410 accepts
        if pins(value, lambda r: not (r + half_unit(r) < low or r - half_unit(r) > high)):
            return kind, "A410", say("cli.narrative.final_over_budgeted")
        return kind, "", say("cli.narrative.rate_interval", final=statement.final_text,
                             budgeted=statement.budgeted_text, low=_percent(low), high=_percent(high))
    planned = budget_column(budget, statement.term) if statement.term is not None else None
    if planned is not None:
        return kind, "A409", say("cli.narrative.budget_beside", table=budget.label(planned.table))
    if budget.same_year_budget is not None:
        return kind, "A415", say("cli.narrative.same_year_budget", year=budget.fiscal_year, subject=statement.subject)
    if statement in _items_add_up(budget) and not budget.rounded:
        return kind, "A411", say("cli.narrative.items_budgeted")
    return kind, "", say("cli.narrative.no_budget")


def _percent(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), ROUND_HALF_UP)) if value.is_finite() else "∞"


def _items_add_up(budget: Budget) -> set[Execution]:
    """The statements rule A411 adds up: the 一般公共预算 total and its items, where they cover every 项."""
    rows = execution_rules._item_rows(budget)
    if not rows or len(execution_rules.leaves([row for _, row in budget.leaf_rows("general_expenditure")])) != len(rows):
        return set()
    words = vocabulary(budget.layout, "")
    out: set[Execution] = set()
    for total in executions(budget):
        term = phrase_in(normalise(total.subject), words)[1]
        if total.names or term is None or (term.table, term.column) != ("general_expenditure", ("total",)):
            continue
        items = [s for s in executions(budget) if s.names and s.path == total.path]
        if {tuple(execution_rules._normal(name) for name in s.names) for s in items} == set(rows):
            out.update([total, *items])
    return out


def _subject_check(budget: Budget, statement: SubjectStatement) -> Check:
    rows = narrative_rules.rows_by_names(budget)
    found = rows.get(tuple(narrative_rules.printed_name(name) for name in statement.names))
    if found is None:
        return KINDS["科目 amount"], "", say("cli.narrative.not_a_row", subject=statement.subject)
    key, _, row = found
    return KINDS["科目 amount"], "A412", say("cli.narrative.row", table=budget.label(key), code=row.get("code"),
                                             name=row.get("name"))


def _stated_check(budget: Budget, paragraph: Paragraph, figure: Stated) -> Check:
    if figure.kind == "threshold":
        return KINDS["threshold"], "", say("cli.narrative.threshold_reason")
    if figure.kind == "amount":
        return _amount_check(budget, paragraph, figure)
    if figure.kind == "share":
        whole = narrative_rules.share_whole(budget, figure)
        if figure.amount is None or whole is None:
            return KINDS["share"], "", say("cli.narrative.no_whole")
        name = figure.whole_name or (figure.whole.subject if figure.whole is not None else "") \
            or say("cli.narrative.the_whole")
        return KINDS["share"], "A402", say("cli.narrative.share_of", value=fmt(whole), whole=name,
                                           part=figure.amount.subject or say("cli.narrative.amount_before"))
    if figure.kind == "change":
        return _change_check(budget, paragraph, figure)
    if figure.kind == "rate":
        if figure.change is None or not any(found is figure for _, found, _, _, _ in narrative_rules.stated_rates(budget)):
            return KINDS["rate"], "", say("cli.narrative.no_base")
        return KINDS["rate"], "A404", say("cli.narrative.change_over_base")
    if figure.kind == "count":
        if _in_a_sum(paragraph, figure):
            return KINDS["count"], "T603", say("cli.narrative.breakdown")
        if figure.unit != PROJECTS:
            return KINDS["count"], "", say("cli.narrative.count_in_no_table")
        if budget.table("projects") is None:
            return KINDS["count"], "", say("cli.narrative.no_project_table")
        return KINDS["count"], "A407", say("cli.narrative.projects")
    # A kind no check knows is named as the reader names it (an identifier of narrative.py), in both languages.
    return figure.kind, "", say("cli.narrative.no_rule", kind=figure.kind)


def _amount_check(budget: Budget, paragraph: Paragraph, figure: Stated) -> Check:
    amount = KINDS["amount"]
    reason = say("cli.narrative.no_subject")
    if figure.rule:  # a phrase the layout gives to a rule of its own (机关运行经费: T601)
        return amount, figure.rule, say("cli.narrative.table_figure_of", subject=figure.subject, rule=figure.rule)
    if figure.resolver is not None:
        expected, description = resolved(budget, figure.resolver)
        if expected is None:
            reason = say("cli.narrative.not_in_file", description=description)
        else:
            factor = unit_factor(budget, figure)
            allowance = rounding_allowance(budget, figure)
            if pins(figure.value, lambda v: abs(v * factor - expected) <= allowance):
                return amount, "A401", say("cli.narrative.figure", label=description, value=fmt(expected),
                                           unit=budget.amount_unit)
            reason = say("cli.narrative.unit_more_or_less", label=description, value=fmt(expected))
    if not budget.rounded and _in_a_sum(paragraph, figure):
        return amount, "A406", say("cli.narrative.parts")
    for _, first, _, again in narrative_rules.repeated_items(budget):
        other = again if first is figure else first if again is figure else None
        if other is not None and pins(figure.value, _agrees_with(budget, other, figure.unit)):
            return amount, "A401", say("cli.narrative.stated_again", clause=other.clause, value=other.value,
                                       unit=other.unit)
    if any(figure in found.parts for found in paragraph.figures if found.kind == "amount" and len(found.parts) == 1):
        reason = say("cli.narrative.only_part")
    return amount, "", reason


def _in_a_sum(paragraph: Paragraph, figure: Stated) -> bool:
    """A whole of two or more parts listed after 其中, or one of its parts (rule A406 adds them up)."""
    return any(len(found.parts) >= 2 and (found is figure or any(part is figure for part in found.parts))
               for found in paragraph.figures)


def _agrees_with(budget: Budget, other: Stated, unit: str) -> Callable[[Decimal], bool]:
    return lambda value: narrative_rules.agree(budget, other, Stated("amount", value, unit, "", None, 0, ""))


def _change_check(budget: Budget, paragraph: Paragraph, figure: Stated) -> Check:
    change_kind = KINDS["change"]
    if figure.direction == 0:
        return change_kind, "A403", say("cli.narrative.no_change")
    check = narrative_rules.change_check(budget, figure)
    if check is not None:
        actual, allowance, source = check
        factor = unit_factor(budget, figure)
        if pins(figure.value, lambda v: gap(budget, v * factor * figure.direction, [actual]) is None
                or abs(v * factor * figure.direction - actual) <= allowance):
            return change_kind, "A403", source
    for _, whole, parts in narrative_rules.change_sums(budget):
        if not budget.rounded and any(found is figure for found in (whole, *parts)):
            names = " + ".join(part.subject for part in parts)  # the subjects as printed: no words of budgetlint's
            return change_kind, "A403", say("cli.narrative.changes_add_up", whole=whole.subject, names=names)
    for _, rate, base, change, _ in narrative_rules.stated_rates(budget):
        if rate.change is figure:
            return _implied_rate_check(budget, figure, rate, base, change)
    if budget.previous is None:
        return change_kind, "", say("cli.narrative.no_last_year")
    return change_kind, "", say("cli.narrative.not_last_year",
                                subject=figure.subject or say("cli.narrative.its_subject"))


def _implied_rate_check(budget: Budget, figure: Stated, rate: Stated, base: Decimal, change: Decimal) -> Check:
    """A change whose rate the text states, against last year's figure implied by the text (this year's
    − the change): pinned only when a unit more or less gives another rate at the printed decimals."""
    current = base + change
    factor = unit_factor(budget, figure)

    def passes(value: Decimal) -> bool:
        moved = value * factor * figure.direction
        if current - moved == 0:
            return base == 0  # A405 either way
        return base != 0 and narrative_rules.percent_of(moved, current - moved, rate.value) == rate.value * rate.direction

    if pins(figure.value, passes):
        return KINDS["change"], "A404", say("cli.narrative.implied_rate", rate=rate.value, current=fmt(current))
    allowed = [str(figure.value + step) for step in (-_unit(figure.value), _unit(figure.value))
               if figure.value + step >= 0 and passes(figure.value + step)]
    return KINDS["change"], "", say("cli.narrative.rate_allows", rate=rate.value, unit=figure.unit,
                                    allowed=join(allowed, "cli.narrative.and"))


def _unit(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


@click.command("narrative", cls=BudgetlintCommand)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--unchecked", is_flag=True,
              help="List only the figures that are not checked, each with its reason (the summary counts all).")
def narrative_command(file: Path, output_format: str, unchecked: bool) -> None:
    """List every figure of a budget's narrative with what it is checked against, or why not."""
    try:
        config = load_config(find_config(Path.cwd()), set(RULES_BY_ID))
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    budget = budget_for(file, config) if file.is_file() else None
    if budget is None:
        click.echo(tr("cli.narrative.unreadable", file=file), err=True)
        sys.exit(EXIT_USAGE)
    try:
        covered = coverage(budget)
    except Exception as error:  # noqa: BLE001 - a bug here must not reach the user as a traceback
        click.echo(tr("cli.narrative.internal", file=file, error=f"{type(error).__name__}: {error}"), err=True)
        sys.exit(EXIT_USAGE)
    checked = sum(1 for item in covered if item.rule)
    thresholds = sum(1 for item in covered if item.kind == "threshold")
    counted = len(covered) - thresholds  # a threshold states no amount: listed, not counted
    share = f"{checked * 100 // counted}%" if counted else "–"
    # Amounts and percentages, and counts (vehicles, projects), each on its own: few counts have a table.
    amounts = [item for item in covered if item.kind not in ("count", "threshold")]
    counts = [item for item in covered if item.kind == "count"]
    by_kind = {name: {"figures": len(items), "checked": sum(1 for item in items if item.rule)}
               for name, items in (("amounts", amounts), ("counts", counts))}
    listed = [item for item in covered if not (unchecked and (item.rule or item.kind == "threshold"))]
    if output_format == "json":
        # Machine output, English in every run: its `kind` and `against` values are read by tests and tools
        # (each is a Message, whose text is its English).
        emit(json.dumps({"file": str(file), "figures": len(covered), "thresholds": thresholds, "checked": checked,
                         "by_kind": by_kind, "items": [asdict(item) for item in listed]},
                        ensure_ascii=False, indent=2), machine=True)
        return
    for item in listed:
        check = say("cli.narrative.checked", rule=item.rule, against=item.against) if item.rule else item.against
        emit(tr("cli.narrative.line", file=file, line=item.line, figure=item.figure, kind=item.kind, check=check))
    note = (say("cli.narrative.thresholds" if thresholds > 1 else "cli.narrative.threshold", count=thresholds)
            if thresholds else "")
    parts = []
    for key, found in (("cli.narrative.amounts", by_kind["amounts"]), ("cli.narrative.counts", by_kind["counts"])):
        if found["figures"]:
            parts.append(say(key, checked=found["checked"], figures=found["figures"],
                             share=f"{found['checked'] * 100 // found['figures']}%"))
    emit(tr("cli.narrative.summary", figures=len(covered), checked=checked, counted=counted, share=share,
            by_kind=join(parts) if len(parts) > 1 else "", note=note))
