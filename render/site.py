"""A static site of every budget in a folder: an index, each disclosure, and what `check` finds.

Layout of the output folder (budget files are `budgets/<dept>/<year>.yaml`):

    index.html                    departments and years, with 收入总计 / 支出总计 and findings
    rules.html                    what each rule checks (rule IDs on every page link here)
    <dept>/<year>.html            the disclosure (as `budgetlint render --with-findings --format html`);
                                  a 决算 is <dept>/<year>-juesuan.html, linked to and from the 预算 of its year
    <dept>/<year>.md              the same as Markdown
    <dept>/<year>.findings.html   the findings of `budgetlint check` for that file: errors, warnings,
                                  and the findings its waivers accept, with their reasons and expiry

Pages are for the public, in Chinese: a finding's place is said in the layout's words (table, row,
column), not as a document path. Every page links to the index and to the other years of the same
department. Pages are self-contained (no scripts, no requests); the site can be served by any static
file server or opened from disk.
"""

from __future__ import annotations

import os
import posixpath
import secrets
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from budgetlint.config import Config
from budgetlint.findings import ERROR, WARNING, Finding
from budgetlint.layout import layout_for
from budgetlint.lint import discover
from budgetlint.messages import ZH, in_language, say, tr
from budgetlint.model import UNIT_FACTORS, Budget
from budgetlint.rules import CATALOGUE

from .api import LoadError, load_budget
from .findings import Places, Waived, annotate, checked_with_waived, severity_label
from .html import esc, page, render_html, rule_section
from .layout import Note, layout_disclosure, summary_figures
from .markdown import render_markdown
from .values import as_dict, format_amount, text


@dataclass
class Entry:
    """One budget file of the site."""

    source: Path
    department: str  # the folder below the budgets folder, e.g. 151-xigong-jiedao
    year: str  # the file name without suffix, e.g. 2023
    data: dict[str, Any] | None
    findings: list[Finding]
    load_error: str = ""
    figures: dict[str, Decimal | None] = field(default_factory=dict)
    waived: list[Waived] = field(default_factory=list)  # findings its waivers accept

    @property
    def base(self) -> str:
        """The output path of this budget's pages, without suffix (POSIX, relative to the site root)."""
        return f"{self.department}/{self.year}" if self.department else self.year

    @property
    def name(self) -> str:
        department = as_dict((self.data or {}).get("department"))
        return text(department.get("name")) or self.department

    @property
    def kind(self) -> str:
        """预算 or 决算, as the file's layout says (a file that cannot be read counts as a 预算)."""
        return "决算" if self.data is not None and "决算" in layout_for(self.data).document_kind else "预算"

    @property
    def fiscal_year(self) -> str:
        year = (self.data or {}).get("fiscal_year")
        return str(year) if isinstance(year, int) else self.year[:4]

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == ERROR)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    @property
    def counts(self) -> str:
        waived = f"，已豁免 {len(self.waived)} 项" if self.waived else ""
        return f"错误 {self.errors} 项，警告 {self.warnings} 项{waived}"


@dataclass
class SiteResult:
    pages: list[Path]
    entries: list[Entry]


def collect(root: Path, config: Config, paths: list[Path] | None = None) -> list[Entry]:
    entries = []
    for path in discover([str(root)]) if paths is None else paths:
        relative = path.relative_to(root)
        department = relative.parent.as_posix() if relative.parent != Path(".") else ""
        try:
            data: dict[str, Any] | None = load_budget(path)
            error = ""
        except LoadError as problem:
            data, error = None, str(problem)
        findings, waived = checked_with_waived(path, config)
        entry = Entry(path, department, path.stem, data, findings, error)
        if data is not None:
            entry.waived = waived
            # The index prints every budget in 万元, whatever unit its 收支总表 is kept in.
            scale = UNIT_FACTORS[Budget.of(data).table_unit("summary")] / UNIT_FACTORS["万元"]
            entry.figures = {key: None if value is None else value * scale
                             for key, value in summary_figures(data).items()}
        entries.append(entry)
    return entries


def href(from_base: str, to_path: str) -> str:
    """A relative link from the page at `from_base` to `to_path` (both relative to the site root)."""
    return esc(quote(posixpath.relpath(to_path, posixpath.dirname(from_base) or ".")))


def year_links(entry: Entry, siblings: list[Entry]) -> str:
    links = []
    for other in siblings:
        label = esc(other.year)
        if other is entry:
            links.append(f'<strong aria-current="page">{label}</strong>')
        elif other.data is not None:
            links.append(f'<a href="{href(entry.base, other.base + ".html")}">{label}</a>')
        else:
            links.append(f'<a href="{href(entry.base, other.base + ".findings.html")}">{label}</a>')
    return " · ".join(links)


def counterpart(entry: Entry, siblings: list[Entry]) -> Entry | None:
    """The 决算 of a 预算's year, or the 预算 of a 决算's year, in the same department."""
    return next((other for other in siblings if other is not entry and other.data is not None
                 and other.fiscal_year == entry.fiscal_year and other.kind != entry.kind), None)


def site_nav(entry: Entry, siblings: list[Entry]) -> str:
    parts = [f'<a href="{href(entry.base, "index.html")}">全部预算</a>',
             f"{esc(entry.name)}：{year_links(entry, siblings)}"]
    other = counterpart(entry, siblings)
    if other is not None:
        parts.append(f'<a href="{href(entry.base, other.base + ".html")}">{esc(other.fiscal_year)}年{other.kind}</a>')
    if entry.data is not None:
        parts.append(f'<a href="{href(entry.base, entry.base + ".html")}">公开文本</a>')
        parts.append(f'<a href="{href(entry.base, entry.base + ".md")}">Markdown</a>')
    parts.append(f'<a href="{href(entry.base, entry.base + ".findings.html")}">检查结果（{entry.counts}）</a>')
    parts.append(f'<a href="{href(entry.base, RULES_PAGE)}">规则说明</a>')
    return '<nav class="site">' + " ｜ ".join(parts) + "</nav>"


RULES_PAGE = "rules.html"


def rule_link(base: str) -> Callable[[str], str]:
    """Links from the page at `base` to a rule's explanation on the rules page."""
    page_href = href(base, RULES_PAGE)
    return lambda rule_id: f"{page_href}#rule-{esc(rule_id)}"


def findings_table(entry: Entry, notes: list[Note], waivers: list[Waived] | None = None) -> str:
    """Findings as a table: number (linked to it in the disclosure page), rule (linked to its explanation),
    message, place (linked to it), line of the file; for waived findings, the waiver's reason and expiry."""
    link = rule_link(entry.base)
    disclosure = href(entry.base, entry.base + ".html") if entry.data is not None else ""
    heads = ["编号", "规则", "说明", "位置", "文件行"] + (["豁免理由", "有效期至"] if waivers is not None else [])
    rows = []
    for index, note in enumerate(notes):
        number = f'<a href="{disclosure}#finding-{note.number}">{note.number}</a>' if disclosure and note.number else ""
        anchor = note.anchor or (f"finding-{note.number}" if note.number else "")
        place = f'<a href="{disclosure}#{esc(anchor)}">{esc(note.place)}</a>' if disclosure and anchor else esc(note.place)
        rule = f'<a href="{link(note.rule)}" title="{esc(note.rule_name)}">{esc(note.rule)}</a>'
        cells = [f'<td class="code">{number}</td>', f'<td class="rule">{rule}</td>', f"<td>{esc(note.message)}</td>",
                 f"<td>{place}</td>", f'<td class="code">{note.line}</td>']
        if waivers is not None:
            cells += [f"<td>{esc(waivers[index].reason)}</td>",
                      f'<td class="code">{esc(waivers[index].expires or "未设期限")}</td>']
        rows.append(f'<tr class="finding-{esc(note.severity)}">' + "".join(cells) + "</tr>")
    header = "".join(f"<th>{head}</th>" for head in heads)
    return f'<table class="grid findings"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def unplaced_note(finding: Finding, places: Places | None) -> Note:
    """A finding that is not in the disclosure page (waived; or the file could not be read): its place."""
    place, anchor = places.describe(finding.path, finding.line) if places else (f"文件第 {finding.line} 行", "")
    return Note(0, finding.severity, finding.rule, finding.rule_name, in_language(finding.message, ZH), place,
                finding.path, anchor, finding.line)


def findings_page(entry: Entry, siblings: list[Entry], notes: list[Note] | None = None,
                  places: Places | None = None) -> str:
    """The findings of one file for the public: errors, then warnings (as numbered in the disclosure page),
    then the findings its waivers accept, with the reason and expiry of each."""
    body = [site_nav(entry, siblings), f"<h1>{esc(entry.name)} {esc(entry.year)}：检查结果</h1>",
            f"<p>检查命令：budgetlint check {esc(entry.source.as_posix())}。{esc(entry.counts)}。</p>"]
    if entry.load_error:
        body.append(f'<p class="load-error">{esc(entry.load_error)}</p>')
    shown = notes if notes is not None and places is not None else [unplaced_note(f, None) for f in entry.findings]
    for severity in (ERROR, WARNING):
        group = [note for note in shown if (note.severity == ERROR) == (severity == ERROR)]
        if group:
            body += [f'<h2 id="{severity}">{severity_label(severity)}（{len(group)} 项）</h2>', findings_table(entry, group)]
    if entry.waived:
        waived = [unplaced_note(item.finding, places) for item in entry.waived]
        body += [f'<h2 id="waived">已豁免（{len(waived)} 项）</h2>', findings_table(entry, waived, entry.waived),
                 "<p>已豁免的检查结果由部门写明理由后接受；豁免到期或所述数字改变时，重新报告。</p>"]
    if not shown and not entry.waived:
        body.append("<p>未发现问题。</p>")
    return page(f"{entry.name} {entry.year} 检查结果", body)


def rules_page() -> str:
    """What every rule checks: the page rule IDs link to."""
    body = [f'<nav class="site"><a href="{href(RULES_PAGE, "index.html")}">全部预算</a></nav>', "<h1>规则说明</h1>",
            '<section class="rules">', *[rule_section(entry.id) for entry in CATALOGUE], "</section>"]
    return page("规则说明", body)


def index_page(entries: list[Entry], root: Path) -> str:
    rows = []
    for department, group in grouped(entries).items():
        for number, entry in enumerate(group):
            cells = []
            if number == 0:  # the department as it is named in its latest budget
                name = next((e.name for e in reversed(group) if e.data is not None), department)
                cells.append(f'<td rowspan="{len(group)}">{esc(name)}<br>'
                             f'<span class="code">{esc(department)}</span></td>')
            year = (f'<a href="{href("", entry.base + ".html")}">{esc(entry.year)}</a>' if entry.data is not None
                    else esc(entry.year))
            other = counterpart(entry, group)
            link = (f' <a href="{href("", other.base + ".html")}">→ {esc(other.fiscal_year)}年{other.kind}</a>'
                    if other is not None else "")
            cells += [f'<td class="code">{year}</td>', f"<td>{esc(entry.kind)}{link}</td>",
                      f'<td class="amount">{format_amount(entry.figures.get("revenue_total"))}</td>',
                      f'<td class="amount">{format_amount(entry.figures.get("expenditure_total"))}</td>',
                      f'<td><a href="{href("", entry.base + ".findings.html")}">{esc(entry.counts)}</a></td>']
            if entry.data is not None:
                cells.append(f'<td><a href="{href("", entry.base + ".md")}">Markdown</a></td>')
            else:
                cells.append(f"<td>{esc(entry.load_error)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
    table = ('<table class="grid index"><thead><tr><th>部门</th><th>年度</th><th>预算/决算</th><th>收入总计（万元）</th>'
             "<th>支出总计（万元）</th><th>检查结果</th><th>其他格式</th></tr></thead>"
             f"<tbody>{''.join(rows)}</tbody></table>")
    rules = f'<a href="{href("", RULES_PAGE)}">规则说明</a>'
    body = ["<h1>部门预算公开</h1>",
            f"<p>{esc(root.as_posix())}/ 中的 {len(entries)} 个预算文件，由 budgetlint 生成并检查（{rules}）。</p>", table]
    return page("部门预算公开", body)


def grouped(entries: list[Entry]) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[entry.department].append(entry)
    return {key: sorted(group, key=lambda e: e.year) for key, group in sorted(groups.items())}


class SiteError(Exception):
    """The site cannot be built from this folder (no budget files, names whose pages would collide):
    nothing is written; exit code 2."""


def check_page_names(root: Path, paths: list[Path]) -> None:
    """Raise SiteError, before anything is written, when two budget files would write the same page
    (`2023.yaml` and `2023.yml`; `2023.findings.yaml` and the findings page of `2023.yaml`), a file
    would write the site's index (`index.yaml` at the top), or a page would be where a folder of pages
    goes. Names are compared without case: on Windows and macOS `Dept` and `dept` are one folder."""
    owners: dict[str, tuple[str, Path]] = {"index.html": ("index.html", root), RULES_PAGE: (RULES_PAGE, root)}
    for path in paths:
        relative = path.relative_to(root)
        base = posixpath.join(relative.parent.as_posix(), path.stem) if relative.parent != Path(".") else path.stem
        for page_name in (base + ".html", base + ".md", base + ".findings.html"):
            other = owners.setdefault(page_name.casefold(), (page_name, path))
            if other[1] != path:
                what = say("cli.site.sites_page", page=other[0]) if other[1] == root else other[1].as_posix()
                raise SiteError(tr("cli.site.same_page", path=path.as_posix(), what=what, page=page_name,
                                   name=path.name))
    folders = {parent.casefold() for name, _ in owners.values() for parent in _parents(name)}
    for key, (page_name, path) in owners.items():
        if key in folders:
            raise SiteError(tr("cli.site.page_on_folder", path=path.as_posix(), page=page_name))


def _parents(relative: str) -> list[str]:
    parts = relative.split("/")[:-1]
    return ["/".join(parts[: end + 1]) for end in range(len(parts))]


def write_page(target: Path, content: str) -> None:
    """Write one page whole or not at all: into a new temporary file beside it, then renamed over it. A
    reader (a web server, a browser) never sees half a page, a page that cannot be written leaves the
    old one, and a symbolic link in the page's place is replaced, never written through."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 less the umask, as for any new file: a web server must be able to read the pages.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        with open(descriptor, "w", encoding="utf-8") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def build_site(root: Path, output: Path, config: Config | None = None) -> SiteResult:
    """Write the site for every budget file under `root` into `output`; returns the pages written.

    Raises SiteError, having written nothing, when there are no budget files or their pages would
    collide."""
    paths = discover([str(root)])
    if not paths:
        raise SiteError(tr("cli.site.no_budgets", root=root))
    check_page_names(root, paths)
    entries = collect(root, config or Config(), paths)
    groups = grouped(entries)
    written: list[Path] = []

    def write(relative: str, content: str) -> None:
        target = output / relative
        write_page(target, content)
        written.append(target)

    for entry in entries:
        siblings = groups[entry.department]
        notes: list[Note] = []
        places = None
        if entry.data is not None:
            disclosure = layout_disclosure(entry.data)
            notes = annotate(disclosure, entry.findings, ZH)  # the site is a Chinese public page
            places = Places(disclosure)
            write(entry.base + ".html", render_html(disclosure, site_nav(entry, siblings), rule_link(entry.base)))
            write(entry.base + ".md", render_markdown(disclosure))
        write(entry.base + ".findings.html", findings_page(entry, siblings, notes, places))
    write("index.html", index_page(entries, root))
    write(RULES_PAGE, rules_page())
    return SiteResult(written, entries)
