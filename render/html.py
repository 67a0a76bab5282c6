"""The disclosure as one self-contained HTML page, laid out like the printed forms.

The page has its style sheet inline and makes no request of any kind (no scripts, fonts, images or
links to other sites; a Content-Security-Policy says so to the browser too). It prints on A4
landscape: each part and each table starts a new page and a table's header repeats on every page.
All text from the budget file goes through `html.escape`.
"""

from __future__ import annotations

import html
from importlib import resources

from .layout import Cell, Disclosure, Grid, Part, TableBlock

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
COMPUTED_TITLE = "由 budgetlint 按明细计算（文件未列出） computed: not stated in the file"
COMPUTED_LEGEND = "斜体数字由 budgetlint 按明细计算（文件未列出）。"
WIDE_TABLE_COLUMNS = 16  # from this many columns on, a table uses the smaller type (预算02表, 07表)


def esc(value: str) -> str:
    return html.escape(value, quote=True)


def style_sheet() -> str:
    return resources.files("budgetlint.render").joinpath("style.css").read_text(encoding="utf-8")


def text_html(value: str) -> str:
    """Escaped text; line breaks inside a cell or paragraph are kept."""
    return "<br>".join(esc(line) for line in value.splitlines())


def cell_html(cell: Cell, tag: str = "td") -> str:
    classes = [cell.kind] + (["computed"] if cell.computed else [])
    attributes = f' class="{" ".join(classes)}"'
    if cell.colspan > 1:
        attributes += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attributes += f' rowspan="{cell.rowspan}"'
    if cell.computed:
        attributes += f' title="{esc(COMPUTED_TITLE)}"'
    return f"<{tag}{attributes}>{text_html(cell.text)}</{tag}>"


def grid_html(grid: Grid) -> str:
    width = max([len(grid.columns)] + [sum(c.colspan for c in row) for row in grid.body[:1]])
    classes = ["grid"] + grid.css.split() + (["wide"] if width >= WIDE_TABLE_COLUMNS else [])
    out = [f'<table class="{" ".join(classes)}">']
    if grid.header:
        out.append("<thead>")
        out += ["<tr>" + "".join(cell_html(cell, "th") for cell in row) + "</tr>" for row in grid.header]
        out.append("</thead>")
    out.append("<tbody>")
    for index, row in enumerate(grid.body):
        kind = grid.row_kinds[index] if index < len(grid.row_kinds) else ""
        row_class = f' class="{esc(kind)}"' if kind else ""
        out.append(f"<tr{row_class}>" + "".join(cell_html(cell) for cell in row) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def table_html(block: TableBlock) -> str:
    out = [f'<section class="budget-table" id="table-{esc(block.number)}" data-table="{esc(block.number)}">',
           f'<p class="table-number">{esc(block.label)}</p>',
           f'<h3 class="table-title">{esc(block.heading)}</h3>']
    if block.subtitle:
        out.append(f'<p class="table-subtitle">{esc(block.subtitle)}</p>')
    if block.department_line or block.unit_line:
        out.append(f'<div class="table-meta"><span>{esc(block.department_line)}</span>'
                   f'<span>{esc(block.unit_line)}</span></div>')
    out += [grid_html(grid) for grid in block.grids]
    if block.note:
        out.append(f'<p class="table-note">{text_html(block.note)}</p>')
    if any(cell.computed for grid in block.grids for row in grid.body for cell in row):
        out.append(f'<p class="computed-legend">{esc(COMPUTED_LEGEND)}</p>')
    out.append("</section>")
    return "\n".join(out)


def part_html(part: Part) -> str:
    out = [f'<section class="part" id="part-{esc(part.key)}">',
           f'<p class="part-label">{esc(part.label)}</p>' if part.label else "", f"<h2>{esc(part.heading)}</h2>"]
    for block in part.blocks:
        if block.kind in ("h3", "h4"):
            out.append(f"<{block.kind}>{esc(block.text)}</{block.kind}>")
        elif block.lead:
            out.append(f'<p><span class="lead">{esc(block.lead)}</span>{text_html(block.text)}</p>')
        else:
            out.append(f"<p>{text_html(block.text)}</p>")
    out.append("</section>")
    return "\n".join(out)


def contents_html(disclosure: Disclosure) -> str:
    links = [f'<li><a href="#part-{esc(part.key)}">{esc(part.title or part.label)}</a></li>'
             for part in disclosure.parts]
    links += [f'<li><a href="#table-{esc(block.number)}">{esc(block.label)} {esc(block.heading)}</a></li>'
              for block in disclosure.tables]
    return f'<nav class="contents" aria-label="目录"><h2>目录</h2><ol>{"".join(links)}</ol></nav>'


def render_html(disclosure: Disclosure, site_nav: str = "") -> str:
    """The page. `site_nav` is markup made by the site builder (already escaped), shown on screen only."""
    title = disclosure.title if disclosure.parts or not disclosure.tables else (
        f"{disclosure.title} {disclosure.tables[0].label}")
    body = [site_nav]
    if disclosure.parts:
        body.append(f'<header class="cover"><h1>{esc(disclosure.title)}</h1></header>')
    if len(disclosure.tables) > 1 or disclosure.parts:
        body.append(contents_html(disclosure))
    body += [part_html(part) for part in disclosure.parts]
    if disclosure.annex_heading:
        body.append(f'<h2 class="annex">{esc(disclosure.annex_heading)}</h2>')
    body += [table_html(block) for block in disclosure.tables]
    return page(title, body)


def page(title: str, body: list[str]) -> str:
    """A self-contained page around already-escaped body markup."""
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="budgetlint">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{style_sheet()}</style>",
        "</head>",
        "<body>",
        "<main>",
        *[chunk for chunk in body if chunk],
        "</main>",
        "</body>",
        "</html>",
        "",
    ])
