"""The disclosure as Markdown, for reading in a pull request.

Tables are pipe tables made by tabulate, one column per printed column; a multi-level header is
flattened into one label per column (`基本支出 人员经费 工资福利支出`) and spanned cells are written
once, in their top-left position. Text from the file is escaped: Markdown and HTML characters are
shown as written, and `|` never ends a cell.
"""

from __future__ import annotations

import html
import re

from tabulate import tabulate

from .grid import expand, numeric_columns, width_of
from .layout import Cell, Disclosure, Grid, Part, TableBlock

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#|~])")
COMPUTED_LEGEND = "*斜体*数字由 budgetlint 按明细计算（文件未列出）。"


def escape_text(value: str) -> str:
    """Paragraph text: HTML is shown, not interpreted, and Markdown markup characters are literal."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(value, quote=False))


def escape_cell(value: str) -> str:
    """A table cell: as paragraph text, on one line (a line break becomes <br>)."""
    return "<br>".join(escape_text(line) for line in value.splitlines()) if value else ""


def cell_text(cell: Cell) -> str:
    body = escape_cell(cell.text)
    return f"*{body}*" if cell.computed and body else body


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
        lines += [escape_text(block.subtitle), ""]
    meta = "　".join(escape_text(part) for part in (block.department_line, block.unit_line) if part)
    if meta:
        lines += [meta, ""]
    for grid in block.grids:
        lines += [grid_markdown(grid), ""]
    if block.note:
        lines += [escape_text(block.note), ""]
    if any(cell.computed for grid in block.grids for row in grid.body for cell in row):
        lines += [COMPUTED_LEGEND, ""]
    return "\n".join(lines)


def part_markdown(part: Part) -> str:
    lines = ["## " + " ".join(word for word in (escape_text(part.label), escape_text(part.heading)) if word), ""]
    for block in part.blocks:
        if block.kind == "h3":
            lines.append(f"### {escape_text(block.text)}")
        elif block.kind == "h4":
            lines.append(f"#### {escape_text(block.text)}")
        elif block.lead:
            lines.append(f"**{escape_text(block.lead)}**{escape_text(block.text)}")
        else:
            lines.append(escape_text(block.text))
        lines.append("")
    return "\n".join(lines)


def render_markdown(disclosure: Disclosure) -> str:
    chunks = []
    if disclosure.parts:
        chunks.append(f"# {escape_text(disclosure.title)}\n")
        chunks += [part_markdown(part) for part in disclosure.parts]
        chunks.append(f"## {escape_text(disclosure.annex_heading)}\n")
    chunks += [table_markdown(block) for block in disclosure.tables]
    return "\n".join(chunks).rstrip() + "\n"
