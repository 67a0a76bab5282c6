"""The disclosure as Markdown, for reading in a pull request.

Tables are pipe tables made by tabulate, one column per printed column; a multi-level header is
flattened into one label per column (`基本支出 人员经费 工资福利支出`) and spanned cells are written
once, in their top-left position. Text from the file is escaped: Markdown and HTML characters are
shown as written, and `|` never ends a cell.

With findings (render.findings.annotate), a cell with a finding carries its numbered marker (`812.44 ⚠³`,
✖ for an error), and each table is followed by a table of its findings; findings not on a cell are
listed at the top. Lists are tables too: a numbered list would renumber the findings.
"""

from __future__ import annotations

import html
import re

from tabulate import tabulate

from budgetlint.findings import ERROR, WARNING

from .findings import severity_label
from .grid import expand, numeric_columns, width_of
from .layout import Cell, Disclosure, Grid, Note, Part, TableBlock

# Inline markup anywhere in a line: emphasis, code, links and images (both need `[`), tables,
# strikethrough, headings, math (GitHub). Escaped with a backslash, which CommonMark allows before any
# ASCII punctuation; `<`, `>` and `&` (HTML, entities, autolinks) become entities first.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#|~$])")
# Links and notifications GitHub makes from plain text: URLs (`https://`, `//host`), `www.` names, e-mail
# addresses and @mentions. A zero-width space inside the `//`, after the `@` or the `www` breaks each.
_AUTOLINKS = re.compile(r"/(?=/)|@|www(?=\.)", re.IGNORECASE)
ZERO_WIDTH_SPACE = "&#8203;"
# What starts a block at the beginning of a line: a list item, a setext heading underline.
_BLOCK_START = re.compile(r"^(?:\d{1,9}(?=[.)](?:[ \t]|$))|(?=[-+=]))")
# C0 and C1 control characters but tab and line feed: ESC and BEL are terminal codes, NUL has no place
# in a document, and a lone `\r` ends a line in Markdown (so `\r# x` would be a heading).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
COMPUTED_LEGEND = "*斜体*数字由 budgetlint 按明细计算（文件未列出）。"
MARK_SYMBOLS = {ERROR: "✖", WARNING: "⚠"}
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _lines(value: str) -> list[str]:
    """The lines of a text from a file, without control characters (`\r\n` and `\r` end lines)."""
    return _CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).split("\n")


def escape_text(value: str, block: bool = False) -> str:
    """Text from a budget file, for every Markdown output (render, site, diff): shown as written, never
    read as markup, HTML, a link, an image, a mention or a table border; control characters dropped.

    Inline (a table cell, a heading, a phrase) line breaks become spaces. `block`: the text stands at
    the start of a line (a paragraph): its lines are kept, and one that would start a list, a heading
    underline or an indented code block is made plain text.
    """
    lines = _lines(value)
    if not block:
        lines = [" ".join(lines)]
    out = []
    for line in lines:
        line = _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(line, quote=False))
        line = _AUTOLINKS.sub(lambda match: match.group(0) + ZERO_WIDTH_SPACE, line)
        if block:
            line = _BLOCK_START.sub(lambda match: match.group(0) + "\\", line.lstrip())
        out.append(line)
    return "\n".join(out)


def escape_code(value: str) -> str:
    """Text from a budget file inside a fenced code block, where nothing is markup: control characters
    dropped, and no line can close the fence (a run of three backticks is shown as ˋˋˋ)."""
    return "\n".join(_lines(value)).replace("```", "ˋˋˋ")


def escape_cell(value: str) -> str:
    """A table cell: as paragraph text, on one line (a line break becomes <br>)."""
    return "<br>".join(escape_text(line) for line in _lines(value)) if value else ""


def cell_text(cell: Cell) -> str:
    body = escape_cell(cell.text)
    body = f"*{body}*" if cell.computed and body else body
    marks = "".join(MARK_SYMBOLS.get(note.severity, "") + str(note.number).translate(SUPERSCRIPTS)
                    for note in cell.notes)
    return f"{body} {marks}".strip() if marks else body


def notes_markdown(notes: list[Note]) -> str:
    """Findings as a table: number, severity, rule, message, place (all text from the file escaped)."""
    rows = [[str(note.number), severity_label(note.severity), escape_cell(f"{note.rule} {note.rule_name}".strip()),
             escape_cell(note.message), escape_cell(note.place)] for note in notes]
    return tabulate(rows, headers=["编号", "级别", "规则", "说明", "位置"], tablefmt="pipe", disable_numparse=True)


def findings_summary_markdown(disclosure: Disclosure) -> str:
    notes = disclosure.notes + [note for block in disclosure.tables for note in block.notes]
    errors = sum(1 for note in notes if note.severity == ERROR)
    lines = ["## 检查结果", ""]
    if not notes:
        return "\n".join(lines + ["未发现问题。", ""])
    marked = len(notes) - len(disclosure.notes)
    lines += [f"错误 {errors} 项，警告 {len(notes) - errors} 项。"
              + (f"表中 {marked} 项已在单元格上标出（✖ 错误，⚠ 警告），编号对应各表下的说明。" if marked else ""), ""]
    if disclosure.notes:
        lines += [notes_markdown(disclosure.notes), ""]
    return "\n".join(lines)


def grid_markdown(grid: Grid) -> str:
    width = width_of(grid)
    matrix = expand(grid.body, width)
    rows = [[cell_text(cell) for cell in row] for row in matrix]
    if grid.header:
        headers = [escape_cell(label) for label in grid.columns]
    else:  # a form without column headings (预算12表): its first line heads the table
        headers, rows = rows[0], rows[1:]
    align = ["right" if numeric else "left" for numeric in numeric_columns(grid, matrix)]
    # disable_numparse: tabulate would otherwise print 3.00 as 3
    return tabulate(rows, headers=headers, tablefmt="pipe", disable_numparse=True, colalign=align)


def table_markdown(block: TableBlock) -> str:
    lines = [f"## {escape_text(block.label)} {escape_text(block.heading)}", ""]
    if block.subtitle:
        lines += [escape_text(block.subtitle, block=True), ""]
    meta = "　".join(escape_text(part) for part in (block.department_line, block.unit_line) if part)
    if meta:
        lines += [meta, ""]
    for grid in block.grids:
        lines += [grid_markdown(grid), ""]
    if block.note:
        lines += [escape_text(block.note, block=True), ""]
    if any(cell.computed for grid in block.grids for row in grid.body for cell in row):
        lines += [COMPUTED_LEGEND, ""]
    if block.notes:
        lines += [f"{escape_text(block.label)}的检查结果：", "", notes_markdown(block.notes), ""]
    return "\n".join(lines)


def part_markdown(part: Part) -> str:
    lines = ["## " + " ".join(word for word in (escape_text(part.label), escape_text(part.heading)) if word), ""]
    for block in part.blocks:
        if block.kind == "h3":
            lines.append(f"### {escape_text(block.text)}")
        elif block.kind == "h4":
            lines.append(f"#### {escape_text(block.text)}")
        elif block.lead:
            lines.append(f"**{escape_text(block.lead)}**{escape_text(block.text, block=True)}")
        else:
            lines.append(escape_text(block.text, block=True))
        lines.append("")
    return "\n".join(lines)


def render_markdown(disclosure: Disclosure) -> str:
    chunks = []
    if disclosure.parts:
        chunks.append(f"# {escape_text(disclosure.title)}\n")
    if disclosure.checked:
        chunks.append(findings_summary_markdown(disclosure))
    if disclosure.parts:
        chunks += [part_markdown(part) for part in disclosure.parts]
        chunks.append(f"## {escape_text(disclosure.annex_heading)}\n")
    chunks += [table_markdown(block) for block in disclosure.tables]
    return "\n".join(chunks).rstrip() + "\n"
