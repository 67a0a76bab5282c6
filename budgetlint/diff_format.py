"""How `budgetlint diff` prints — text for a terminal, Markdown for a pull-request comment, JSON — and
the command itself (diff.py compares, this module presents: no import runs the other way).

Amounts are formatted from `Decimal` here and nowhere else; tabulate only aligns the strings
(`disable_numparse`, so it never turns a figure into a float).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import click
from tabulate import tabulate

from .diff import (
    BudgetDiff,
    DiffError,
    FieldChange,
    FigureChange,
    LineChange,
    SummaryLine,
    diff_budgets,
    load_side,
    read_side,
)
from .findings import EXIT_CLEAN, EXIT_FINDINGS
from .help import BudgetlintCommand
from .messages import tr
from .model import fmt
from .render.markdown import escape_code
from .render.markdown import escape_text as md
from .report import emit, visible

LONG_TEXT = 60  # texts longer than this (or with line breaks) are shown paragraph by paragraph


def amount(value: Decimal | None, count: bool = False) -> str:
    if value is None:
        return ""
    return str(int(value)) if count else fmt(value)


def signed_amount(value: Decimal, count: bool = False) -> str:
    text = amount(value, count)
    return "+" + text if value > 0 else text


def percent_text(old: Decimal | None, new: Decimal | None, pct: Decimal | None) -> str:
    if old is None or old == 0:
        return "" if not new else "new"
    return ("+" if pct is not None and pct > 0 else "") + f"{pct}%"


def _is_long(change: FieldChange) -> bool:
    return any(text is not None and (len(text) > LONG_TEXT or "\n" in text) for text in (change.old, change.new))


def _heading(result: BudgetDiff) -> tuple[str, str]:
    new, old = result.new, result.old
    who = " ".join(part for part in (new.department_name or old.department_name,
                                     f"({new.department_code or old.department_code})"
                                     if new.department_code or old.department_code else "") if part)
    if result.year_over_year:
        what = f"year over year {old.fiscal_year} → {new.fiscal_year}"
    elif result.execution:
        what = f"budget → final accounts of {new.fiscal_year} (预算 → 决算)"
    else:
        what = f"revision of {new.fiscal_year}" if new.fiscal_year else "revision"
    return who, f"{what} · amounts in {result.amount_unit}"


def rate_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value}%"


def _last(result: BudgetDiff, line: SummaryLine | FigureChange) -> str:
    """The last column: the change in per cent, or for a 预算 → 决算 comparison the execution rate."""
    return rate_text(line.rate) if result.execution else percent_text(line.old, line.new, line.percent)


def _summary_rows(result: BudgetDiff) -> list[list[str]]:
    return [[line.label, amount(line.old, line.count), amount(line.new, line.count),
             signed_amount(line.change, line.count), _last(result, line)]
            for line in result.summary]


def _headers(result: BudgetDiff) -> list[str]:
    """old/new/change/% — or, budget against final accounts, 预算数/决算数/差额/执行率."""
    if result.execution:
        return ["预算数", "决算数", "差额", "执行率"]
    if result.year_over_year:
        return [str(result.old.fiscal_year or "old"), str(result.new.fiscal_year or "new"), "change", "%"]
    return ["old", "new", "change", "%"]


def _line_rows(change: LineChange, line_label: str, result: BudgetDiff) -> list[list[str]]:
    """Table rows of one changed line: its figures, then its short texts (code, name, type …)."""
    rows = []
    status = change.status + (f" (+{change.lines_under} lines under it)" if change.lines_under else "")
    for field in change.fields:
        if not _is_long(field):
            rows.append([status, line_label, field.label, field.old or "", field.new or "", "", ""])
            status, line_label = "", ""
    for figure in change.figures:
        rows.append([status, line_label, figure.label, amount(figure.old), amount(figure.new),
                     signed_amount(figure.change), _last(result, figure)])
        status, line_label = "", ""
    if status:  # a line without figures or short texts, e.g. an added empty template row
        rows.append([status, line_label, "", "", "", "", ""])
    return rows


def _sections(result: BudgetDiff) -> list[tuple[str, list[LineChange]]]:
    grouped: dict[str, list[LineChange]] = {}
    for change in result.changes:
        grouped.setdefault(change.section_title, []).append(change)
    return list(grouped.items())


def _paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def _text_diff(field: FieldChange) -> list[str]:
    """`- old paragraph` / `+ new paragraph` for the paragraphs that differ."""
    import difflib

    before, after = _paragraphs(field.old), _paragraphs(field.new)
    lines = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag != "equal":
            lines += [f"- {p}" for p in before[i1:i2]] + [f"+ {p}" for p in after[j1:j2]]
    return lines


ALIGN = ("left", "left", "left", "right", "right", "right", "right")


def _shown(rows: list[list[str]]) -> list[list[str]]:
    """Cells with control characters from the file written as escapes before tabulate measures them:
    escaped afterwards (by `emit`), a `\r` in a name would widen one cell by a character and shift its row."""
    return [[visible(str(cell), keep="") for cell in row] for row in rows]


def as_text(result: BudgetDiff) -> str:
    who, what = _heading(result)
    out = [f"budgetlint diff {result.old.source} → {result.new.source}", f"{who} · {what}".lstrip(" ·")]
    out += [f"note: {note}" for note in result.notes]
    if result.summary:
        out += ["", _summary_title(result)]
        out.append(tabulate(_shown(_summary_rows(result)), headers=["", *_headers(result)],
                            colalign=("left", "right", "right", "right", "right"), disable_numparse=True))
    if not result.changes:
        out += ["", "No differences."]
        return "\n".join(out)
    out += ["", f"{len(result.changes)} budget line{'s' if len(result.changes) != 1 else ''} differ"]
    for title, changes in _sections(result):
        rows = [row for change in changes for row in _line_rows(change, change.label, result)]
        out += ["", title]
        if rows:
            out.append(tabulate(_shown(rows), headers=["", "line", "column", *_headers(result)], colalign=ALIGN,
                                disable_numparse=True))
        for change in changes:
            for field in (f for f in change.fields if _is_long(f)):
                out.append(f"{change.status} {change.label} · {field.label}:")
                out += ["  " + line for line in _text_diff(field)]
    return "\n".join(out)


def _summary_title(result: BudgetDiff) -> str:
    if result.execution:
        return "Budget against final accounts (预算 → 决算)"
    return "Year-over-year summary" if result.year_over_year else "Summary (changed totals)"


def as_markdown(result: BudgetDiff) -> str:
    """For a pull-request comment: every text from the files (and their names, which a pull request
    chooses) goes through the Markdown escaping of `render`, so none of it becomes a link, an image,
    a mention, a heading or a table border."""
    who, what = _heading(result)
    out = [f"### budgetlint diff: {md(result.old.source)} → {md(result.new.source)}", "",
           f"**{md(who)}** · {md(what)}" if who else md(what)]
    out += [f"> note: {md(note)}" for note in result.notes]
    if result.summary:
        out += ["", "#### " + _summary_title(result), ""]
        rows = [[md(cell) for cell in row] for row in _summary_rows(result)]
        out.append(tabulate(rows, headers=["", *_headers(result)], tablefmt="github",
                            colalign=("left", "right", "right", "right", "right"), disable_numparse=True))
    if not result.changes:
        out += ["", "No differences."]
        return "\n".join(out)
    out += ["", f"#### {len(result.changes)} budget line{'s' if len(result.changes) != 1 else ''} differ"]
    for title, changes in _sections(result):
        rows = [[md(cell) for cell in row] for change in changes
                for row in _line_rows(change, change.label, result)]
        out += ["", f"**{md(title)}**", ""]
        out.append(tabulate(rows, headers=["", "line", "column", *_headers(result)], tablefmt="github",
                            colalign=ALIGN, disable_numparse=True))
        for change in changes:
            for field in (f for f in change.fields if _is_long(f)):
                out += ["", f"{md(change.status)} {md(change.label)} · {md(field.label)}:", "", "```diff",
                        *[escape_code(line) for line in _text_diff(field)], "```"]
    return "\n".join(out)


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _figure_json(result: BudgetDiff, figure: FigureChange | SummaryLine) -> dict[str, Any]:
    out = {"old": _number(figure.old), "new": _number(figure.new), "change": _number(figure.change),
           "percent": _number(figure.percent)}
    if result.execution:  # a 决算 against its 预算: the execution rate too
        out["rate"] = _number(figure.rate)
    return out


def _change_json(change: LineChange, result: BudgetDiff) -> dict[str, Any]:
    return {
        "status": change.status,
        "section": change.section,
        "table": change.section_title,
        "line": change.label,
        "key": list(change.item.key),
        "old_key": list(change.old.key) if change.old else None,
        "figures": [{"column": ".".join(f.column), "label": f.label, **_figure_json(result, f)}
                    for f in change.figures],
        "fields": [{"field": f.field, "label": f.label, "old": f.old, "new": f.new} for f in change.fields],
        "lines_under": change.lines_under,
    }


def as_json(result: BudgetDiff) -> str:
    """Amounts as strings of exact decimals (`"812.44"`); `percent` is null when the old value was 0."""
    def side(which: Any) -> dict[str, Any]:
        return {"source": which.source, "fiscal_year": which.fiscal_year, "amount_unit": which.amount_unit,
                "department": {"code": which.department_code, "name": which.department_name}}

    return json.dumps({
        "old": side(result.old),
        "new": side(result.new),
        "comparison": "year-over-year" if result.year_over_year else "execution" if result.execution else "revision",
        "amount_unit": result.amount_unit,
        "notes": result.notes,
        "summary": [{"key": line.key, "line": line.label, **_figure_json(result, line)} for line in result.summary],
        "changes": [_change_json(change, result) for change in result.changes],
        "differences": len(result.changes),
    }, ensure_ascii=False, indent=2)


FORMATTERS: dict[str, Callable[[BudgetDiff], str]] = {"text": as_text, "markdown": as_markdown, "json": as_json}


# ---------------------------------------------------------------------------------------------------
# The command


@click.command("diff", cls=BudgetlintCommand)
@click.argument("old")
@click.argument("new")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="text for a terminal, markdown for a pull-request comment, json for tools.")
@click.option("--exit-code", "exit_code", is_flag=True,
              help="Exit with 1 when the budgets differ (like `git diff --exit-code`).")
def diff_command(old: str, new: str, output_format: str, exit_code: bool) -> None:
    """Compare two budgets budget line by budget line.

    OLD and NEW are budget files or git revisions written REV:path, e.g.

        budgetlint diff HEAD~1:budgets/151-xigong-jiedao/2023.yaml budgets/151-xigong-jiedao/2023.yaml

        budgetlint diff budgets/151-xigong-jiedao/2022.yaml budgets/151-xigong-jiedao/2023.yaml

    Between two fiscal years of one department the output starts with the year-over-year summary.
    Exit code 0 (also when the budgets differ, unless --exit-code), 2 when a side cannot be read.
    """
    documents = [load_side(*read_side(spec)) for spec in (old, new)]
    try:
        result = diff_budgets(documents[0].data, documents[1].data, old, new)
        output = FORMATTERS[output_format](result)
    except Exception as error:  # noqa: BLE001 - a shape nobody foresaw must not end in a traceback
        raise DiffError(tr("cli.diff.internal", old=old, new=new, error=f"{type(error).__name__}: {error}")) from None
    emit(output, machine=output_format != "text")
    sys.exit(EXIT_FINDINGS if exit_code and result.has_differences else EXIT_CLEAN)
