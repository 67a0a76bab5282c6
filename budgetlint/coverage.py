"""`budgetlint narrative FILE`: every figure of the narrative, with what it was checked against — or why
it could not be checked. Unchecked figures are listed, never dropped.

A figure is an amount (元, 万元, 亿元), a percentage or a count of projects. Its check is found from the
readers the rules use (`narrative.read_paragraphs`, `executions`, `subject_statements`), so the report
says what the rules actually do.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import click

from .config import ConfigError, find_config, load_config
from .findings import EXIT_USAGE, DocPath, format_path
from .lint import RULES_BY_ID, budget_for
from .model import Budget, fmt
from .narrative import (
    EXECUTION,
    NUMBER,
    Stated,
    executions,
    read_paragraphs,
    resolved,
    subject_statements,
)
from .report import emit


@dataclass(frozen=True)
class Covered:
    path: str  # the text's document path
    line: int
    figure: str  # as printed: 1,202.95万元
    kind: str  # amount, share, change, rate, count, budgeted, final, execution rate, 科目 amount, …
    rule: str  # the rule that checks it ("" when none does)
    against: str  # what it is checked against, or why it is not


def coverage(budget: Budget) -> list[Covered]:
    """Every figure of the narrative, in order, with its check."""
    statements = {(s.path, s.budgeted_text, s.final_text): s for s in executions(budget)}
    subjects = {(s.path, s.anchor): s for s in subject_statements(budget)}
    out: list[Covered] = []
    for paragraph in read_paragraphs(budget):
        # An `unchanged` claim (与上年持平) sits at the offset of the amount it is about: the amount is the figure.
        stated = {figure.offset: figure for figure in paragraph.figures if figure.kind != "unchanged"}
        spans = _statement_spans(paragraph.text)
        start = budget.document.locate(paragraph.path)[0]
        for match in NUMBER.finditer(paragraph.text):
            printed = match.group(1) + match.group(2)
            line = budget.document.find_text(printed, start)
            where = (format_path(paragraph.path), line[0] if line else start, printed)
            span = next((s for s in spans if s[0] <= match.start() < s[1]), None)
            if span is not None:
                out.append(Covered(*where, *_execution_check(budget, statements, paragraph.path, span[2], match)))
            elif (paragraph.path, printed) in subjects:  # “科目” X万元 (matched as written: quotes and all)
                out.append(Covered(*where, *_subject_check(budget, subjects, paragraph.path, printed)))
            elif match.start() in stated:
                out.append(Covered(*where, *_stated_check(budget, stated[match.start()])))
            else:
                out.append(Covered(*where, "percentage" if match.group(2) == "%" else "amount", "",
                                   "not checked: no 占 (share) or 增加/增长 (change) word, or no subject, before it"))
    return out


def _statement_spans(text: str) -> list[tuple[int, int, tuple[str, str]]]:
    """Where the 年初预算 … 决算 statements stand in a paragraph, with their two figures as printed."""
    return [(m.start(), m.end(), (m.group(1), m.group(3))) for m in EXECUTION.finditer(text)]


def _execution_check(budget: Budget, statements: dict, path: DocPath, texts: tuple[str, str],
                     match: object) -> tuple[str, str, str]:
    statement = statements.get((path, *texts))
    printed = match.group(1)  # type: ignore[attr-defined]
    if statement is None:
        return "execution", "", "not checked: the statement was not read"
    if printed == statement.final_text:
        return "final", "A408", f"the 决算 table's figure of {statement.subject}"
    if printed == statement.budgeted_text:
        if "三公" in statement.subject:
            return "budgeted", "A409", "the 三公 table's 预算数"
        if budget.same_year_budget is not None:
            return "budgeted", "A415", f"the {budget.fiscal_year}年预算's figure of {statement.subject}"
        return "budgeted", "", "not checked: the 预算 of the same year is not in the repository"
    return "execution rate", "A410", "支出决算 ÷ 年初预算"


def _subject_check(budget: Budget, subjects: dict, path: DocPath, printed: str) -> tuple[str, str, str]:
    statement = subjects.get((path, printed))
    if statement is None:
        return "科目 amount", "", "not checked: the 科目 could not be read"
    return "科目 amount", "A412", f"the table row of “{statement.subject}” (A414 when there is none)"


def _stated_check(budget: Budget, figure: Stated) -> tuple[str, str, str]:
    if figure.kind == "amount":
        if figure.subject in ("机构运转经费", "机关运行经费"):
            return "amount", "T601", "the 机关运行经费 (or 公用经费) of the tables"
        if figure.resolver is None:
            return "amount", "", ("not checked: no subject known before it" if not figure.subject
                                  else f"not checked: {figure.subject} names no table figure")
        value, description = resolved(budget, figure.resolver)
        if value is None:
            return "amount", "", f"not checked: {description} is not in this file"
        return "amount", "A401", f"{description} {fmt(value)}{budget.amount_unit}"
    if figure.kind == "share":
        if figure.amount is None:
            return "share", "", "not checked: no amount before it"
        whole = figure.whole.subject if figure.whole is not None else "its whole"
        return "share", "A402", f"{figure.amount.subject or 'the amount before it'} ÷ {whole}"
    if figure.kind == "change":
        if budget.previous is not None:
            return "change", "A403", f"last year's file ({budget.previous.file})"
        return "change", "", "not checked: last year's file is not in the repository (growth rates use it as implied)"
    if figure.kind == "rate":
        return "rate", "A404", "the change ÷ last year's figure (from last year's file, else implied by the text)"
    if figure.kind == "count":
        if budget.table("projects") is None:
            return "count", "", "not checked: the layout has no project table"
        return "count", "A407", "the projects of the project table"
    return figure.kind, "", f"not checked: no rule reads a figure of this kind ({figure.kind})"


@click.command("narrative")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def narrative_command(file: Path, output_format: str) -> None:
    """List every figure of a budget's narrative with what it is checked against, or why not."""
    try:
        config = load_config(find_config(Path.cwd()), set(RULES_BY_ID))
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    budget = budget_for(file, config) if file.is_file() else None
    if budget is None:
        click.echo(f"cannot read {file} as a budget file; `budgetlint check {file}` says why", err=True)
        sys.exit(EXIT_USAGE)
    covered = coverage(budget)
    checked = sum(1 for item in covered if item.rule)
    share = f"{checked * 100 // len(covered)}%" if covered else "–"
    if output_format == "json":
        emit(json.dumps({"file": str(file), "figures": len(covered), "checked": checked,
                         "items": [asdict(item) for item in covered]}, ensure_ascii=False, indent=2), machine=True)
        return
    for item in covered:
        check = f"{item.rule} against {item.against}" if item.rule else item.against
        emit(f"{file}:{item.line}: {item.figure} ({item.kind}) — {check}")
    emit(f"{len(covered)} figures in the narrative, {checked} checked ({share})")
