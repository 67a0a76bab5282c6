"""The disclosure as one self-contained HTML page, laid out like the printed forms.

The page has its style sheet inline and makes no request of any kind (no scripts, fonts, images or
links to other sites; a Content-Security-Policy says so to the browser too). It prints on A4
landscape: each part and each table starts a new page and a table's header repeats on every page.
All text from the budget file goes through `html.escape`.

With findings (render.findings.annotate), a cell with a finding is marked (`finding-error` or
`finding-warning`, its messages as its title, a numbered marker linking to the finding in the list under
its table); findings not on a cell are listed at the top. Rule IDs link to their explanation: in the
page itself (a section at the end), or where the site builder says (its rules page).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from importlib import resources

from budgetlint.catalogue import explained
from budgetlint.findings import ERROR, WARNING
from budgetlint.messages import ZH
from budgetlint.rules import CATALOGUE

from .findings import severity_label
from .layout import Cell, Disclosure, Grid, Note, Part, TableBlock

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
COMPUTED_TITLE = "由 budgetlint 按明细计算（文件未列出） computed: not stated in the file"
COMPUTED_LEGEND = "斜体数字由 budgetlint 按明细计算（文件未列出）。"
WIDE_TABLE_COLUMNS = 16  # from this many columns on, a table uses the smaller type (预算02表, 07表)
MARK_SYMBOLS = {ERROR: "✖", WARNING: "⚠"}  # besides the colour, so that the two differ in print too
RULES_BY_ID = {entry.id: entry for entry in CATALOGUE}
RuleLink = Callable[[str], str]  # rule ID → the (escaped) href of its explanation


def in_page_rule(rule_id: str) -> str:
    return f"#rule-{esc(rule_id)}"


def esc(value: str) -> str:
    return html.escape(value, quote=True)


def style_sheet() -> str:
    return resources.files("budgetlint.render").joinpath("style.css").read_text(encoding="utf-8")


def text_html(value: str) -> str:
    """Escaped text; line breaks inside a cell or paragraph are kept."""
    return "<br>".join(esc(line) for line in value.splitlines())


def worst(notes: list[Note]) -> str:
    return ERROR if any(note.severity == ERROR for note in notes) else WARNING


def cell_html(cell: Cell, tag: str = "td") -> str:
    classes = [cell.kind] + (["computed"] if cell.computed else [])
    titles = [COMPUTED_TITLE] if cell.computed else []
    marks = ""
    if cell.notes:
        classes.append(f"finding-{worst(cell.notes)}")
        titles += [f"{note.number}. {severity_label(note.severity)} {note.rule} {note.message}" for note in cell.notes]
        marks = '<sup class="finding-marks">' + "".join(
            f'<a class="finding-mark {esc(note.severity)}" href="#finding-{note.number}">'
            f"{MARK_SYMBOLS.get(note.severity, '')}{note.number}</a>" for note in cell.notes) + "</sup>"
    attributes = f' class="{" ".join(classes)}"'
    if cell.notes:
        attributes += f' id="{esc(cell.notes[0].anchor)}"'
    if cell.colspan > 1:
        attributes += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attributes += f' rowspan="{cell.rowspan}"'
    if titles:
        attributes += f' title="{esc(chr(10).join(titles))}"'
    return f"<{tag}{attributes}>{text_html(cell.text)}{marks}</{tag}>"


def note_html(note: Note, rule_link: RuleLink, back: str = "↑") -> str:
    """One finding of a list: severity, rule ID (linked to its explanation), message, place (linked to it)."""
    place = esc(note.place)
    if note.anchor:
        place = f'<a href="#{esc(note.anchor)}">{back if note.anchor.startswith("cell-") else ""}{place}</a>'
    return (f'<li id="finding-{note.number}" value="{note.number}" class="finding-{esc(note.severity)}" '
            f'data-rule="{esc(note.rule)}" data-path="{esc(note.path)}">'
            f'<span class="severity">{esc(severity_label(note.severity))}</span> '
            f'<a class="rule" href="{rule_link(note.rule)}" title="{esc(note.rule_name)}">{esc(note.rule)}</a> '
            f'{text_html(note.message)} <span class="place">（{place}）</span></li>')


def notes_html(notes: list[Note], rule_link: RuleLink, label: str) -> str:
    items = "\n".join(note_html(note, rule_link) for note in notes)
    return f'<ol class="findings" aria-label="{esc(label)}">\n{items}\n</ol>'


def findings_summary_html(disclosure: Disclosure, notes: list[Note], rule_link: RuleLink) -> str:
    """The top of the page: how many findings, and those that are not on a table cell, with their place."""
    errors = sum(1 for note in notes if note.severity == ERROR)
    out = ['<section class="findings-summary" id="findings">', "<h2>检查结果</h2>"]
    if not notes:
        out.append("<p>未发现问题。</p>")
    else:
        marked = len(notes) - len(disclosure.notes)
        out.append(f"<p>错误 {errors} 项，警告 {len(notes) - errors} 项。"
                   + (f"表中 {marked} 项已在单元格上标出（✖ 错误，⚠ 警告），编号对应各表下的说明。" if marked else "")
                   + "</p>")
    if disclosure.notes:
        out.append(notes_html(disclosure.notes, rule_link, "不在表格单元格上的检查结果"))
    out.append("</section>")
    return "\n".join(out)


def rule_section(rule_id: str) -> str:
    """A rule's explanation, in Chinese like the page's labels (an anchor for links to it): ID, name,
    severity, what it checks and why, then its bad and good examples as written (YAML and the documents'
    own text)."""
    entry = RULES_BY_ID.get(rule_id)
    if entry is None:
        return ""
    prose, examples = explained(entry, ZH)
    paragraphs = "".join(f"<p>{esc(paragraph)}</p>" for paragraph in prose)
    return (f'<section class="rule" id="rule-{esc(entry.id)}"><h3>{esc(entry.id)} {esc(entry.name)}</h3>'
            f"<p>默认级别：{esc(severity_label(entry.severity))}</p>{paragraphs}"
            f'<pre class="rule-doc">{esc(examples)}</pre></section>')


def rules_html(rule_ids: list[str]) -> str:
    return ('<section class="rules" id="rules"><h2>规则说明</h2>\n'
            + "\n".join(rule_section(rule_id) for rule_id in rule_ids) + "\n</section>")


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


def table_html(block: TableBlock, rule_link: RuleLink = in_page_rule) -> str:
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
    if block.notes:
        out.append(notes_html(block.notes, rule_link, f"{block.label}的检查结果"))
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


def render_html(disclosure: Disclosure, site_nav: str = "", rule_link: RuleLink | None = None) -> str:
    """The page. `site_nav` is markup made by the site builder (already escaped), shown on screen only.

    A disclosure with findings (`disclosure.checked`) shows them; rule IDs link to `rule_link(ID)`, by
    default to the explanations of the rules, added at the end of the page.
    """
    title = disclosure.title if disclosure.parts or not disclosure.tables else (
        f"{disclosure.title} {disclosure.tables[0].label}")
    link = rule_link or in_page_rule
    body = [site_nav]
    if disclosure.parts:
        body.append(f'<header class="cover"><h1>{esc(disclosure.title)}</h1></header>')
    notes = disclosure.notes + [note for block in disclosure.tables for note in block.notes]
    if disclosure.checked:
        body.append(findings_summary_html(disclosure, notes, link))
    if len(disclosure.tables) > 1 or disclosure.parts:
        body.append(contents_html(disclosure))
    body += [part_html(part) for part in disclosure.parts]
    if disclosure.annex_heading:
        body.append(f'<h2 class="annex">{esc(disclosure.annex_heading)}</h2>')
    body += [table_html(block, link) for block in disclosure.tables]
    if notes and rule_link is None:
        body.append(rules_html(sorted({note.rule for note in notes})))
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
