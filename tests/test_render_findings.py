"""Findings in the rendered disclosure (issue 16, item 6) and `render -o x.pdf` (item 8).

`render --with-findings` marks each cell that has a finding of `budgetlint check` — exactly those cells,
on the published examples, which have real findings — and lists the findings under each table; findings
that are not on a cell are listed at the top. The site's findings page lists errors, then warnings, then
the findings the file's waivers accept with their reasons and expiry, in Chinese, each place in the
layout's words. A PDF is printed by headless Chromium, or refused with exit code 2.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from budgetlint.render.api import render
from budgetlint.render.findings import checked_with_waived
from budgetlint.render.pdf import find_chromium
from budgetlint.render.site import build_site
from click.testing import CliRunner
from conftest import EXAMPLE, MAINTAINED, ROOT, dump, load_data, write_budget

from budgetlint.cli import main
from budgetlint.config import Config
from budgetlint.findings import ERROR, Finding, format_path, parse_path
from budgetlint.lint import check_file

PUBLISHED = sorted((ROOT / "examples").glob("*-as-published.yaml"))
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SYMBOLS = {ERROR: "✖", "warning": "⚠"}


class Marked(HTMLParser):
    """From a rendered page: every marked cell (its table, classes, text without the marker, the finding
    numbers its marker links to) and every listed finding (its number, table, rule, path, severity)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[dict[str, Any]] = []
        self.items: dict[int, dict[str, Any]] = {}
        self.table = ""  # the data-table of the section we are in ("" at the top of the page)
        self.cell: dict[str, Any] | None = None
        self.in_marks = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        classes = attributes.get("class", "").split()
        if tag == "section" and "budget-table" in classes:
            self.table = attributes["data-table"]
        elif tag == "section":
            self.table = ""
        elif tag == "td" and any(name.startswith("finding-") for name in classes):
            self.cell = {"table": self.table, "classes": classes, "text": "", "links": [],
                         "title": attributes.get("title", ""), "id": attributes.get("id")}
        elif tag == "sup" and self.cell is not None:
            self.in_marks = True
        elif tag == "a" and self.in_marks and self.cell is not None:
            self.cell["links"].append(int(attributes["href"].removeprefix("#finding-")))
        elif tag == "li" and attributes.get("id", "").startswith("finding-"):
            number = int(attributes["id"].removeprefix("finding-"))
            self.items[number] = {"table": self.table, "rule": attributes["data-rule"],
                                  "path": attributes["data-path"], "severity": classes[0].removeprefix("finding-")}

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup":
            self.in_marks = False
        elif tag == "td" and self.cell is not None:
            self.cells.append(self.cell)
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.in_marks:
            self.cell["text"] += data


def marked(page: str) -> Marked:
    parser = Marked()
    parser.feed(page)
    return parser


def node_at(data: Any, path: str) -> Any:
    node = data
    for key in parse_path(path):
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def shown(value: Any) -> str:
    """A value of the file as the page prints it: amounts (`154369326`, `3.2`) with two decimals."""
    return f"{Decimal(value):.2f}" if isinstance(value, (Decimal, int)) and not isinstance(value, bool) else str(value)


@pytest.fixture(scope="module", params=PUBLISHED, ids=[path.name.removesuffix("-as-published.yaml") for path in PUBLISHED])
def published(request: pytest.FixtureRequest) -> tuple[dict[str, Any], list[Finding], str, str]:
    source: Path = request.param
    data = load_data(source)
    findings = check_file(source)
    assert findings, f"{source.name} is an as-published example: it has findings"
    return data, findings, render(data, "html", findings=findings), render(data, "markdown", findings=findings)


def test_every_finding_is_listed_once_and_the_cells_of_the_findings_alone_are_marked(
        published: tuple[dict[str, Any], list[Finding], str, str]) -> None:
    _, findings, page, _ = published
    found = marked(page)
    assert Counter((item["rule"], item["path"]) for item in found.items.values()) == \
        Counter((finding.rule, finding.path) for finding in findings)
    assert sorted(found.items) == list(range(1, len(findings) + 1))

    links = Counter(number for cell in found.cells for number in cell["links"])
    on_cells = {number for number, item in found.items.items() if item["table"]}
    assert on_cells, "the examples have findings in their tables"
    assert set(links) == on_cells and set(links.values()) == {1}  # each listed under a table: one marked cell
    for cell in found.cells:
        assert cell["links"], cell  # no cell is marked without a finding
        items = [found.items[number] for number in cell["links"]]
        assert {item["table"] for item in items} == {cell["table"]}  # in the table of its findings
        worst = ERROR if any(item["severity"] == ERROR for item in items) else "warning"
        assert f"finding-{worst}" in cell["classes"]
        assert all(f"{item['rule']}" in cell["title"] for item in items)
    # Listed at the top: exactly the findings that are not about a table (a narrative sentence, the year).
    assert {number for number, item in found.items.items() if not item["table"]} == \
        {number for number, item in found.items.items() if not item["path"].startswith("tables.")}


def test_the_marked_cell_shows_the_value_the_finding_is_about(
        published: tuple[dict[str, Any], list[Finding], str, str]) -> None:
    data, _, page, _ = published
    found = marked(page)
    checked = 0
    for cell in found.cells:
        text = cell["text"].replace(",", "").strip()
        for number in cell["links"]:
            value = node_at(data, found.items[number]["path"])
            if value is None:  # a figure the form prints blank (预算04表 201: blank, 3.00 in 预算05表)
                assert text == "", (found.items[number], text)
            elif isinstance(value, (dict, list)):  # a whole row (a project without targets): its first cell
                row = value if isinstance(value, dict) else {}
                assert any(text and text in shown(field) for field in row.values()), (found.items[number], text)
            elif isinstance(value, Decimal):
                assert text == shown(value), (found.items[number], text)
            elif not (text and shown(value).startswith(text) or text.endswith(shown(value))):
                # Not a code (printed split into 类/款/项: the marked piece is its start) nor a name: a field the
                # form does not print (a 类 code in 表1), marked on its row's name.
                row = node_at(data, format_path(parse_path(found.items[number]["path"])[:-1]))
                assert text.endswith(shown(row["name"])), (found.items[number], text)
            checked += 1
    assert checked == sum(len(cell["links"]) for cell in found.cells) > 0


def test_markdown_marks_the_same_cells_and_lists_the_findings_under_their_tables(
        published: tuple[dict[str, Any], list[Finding], str, str]) -> None:
    _, _, page, markdown = published
    found = marked(page)
    table_rows = [line for line in markdown.splitlines() if line.startswith("|")]
    for cell in found.cells:
        marks = "".join(SYMBOLS[found.items[n]["severity"]] + str(n).translate(SUPERSCRIPTS) for n in cell["links"])
        mark = re.compile(re.escape(marks) + "(?![⁰¹²³⁴⁵⁶⁷⁸⁹])")  # ✖¹ is not ✖¹²
        rows = [row for row in table_rows if mark.search(row)]
        assert len(rows) == 1, (marks, rows)  # one cell carries it
        text = cell["text"].strip()
        assert not text or f"{text} {marks}" in rows[0], (text, marks, rows[0])
    for number, item in found.items.items():  # every finding in a findings table: number, severity, rule
        label = "错误" if item["severity"] == ERROR else "警告"
        assert any(row.startswith(f"| {number} ") and f"| {label} " in row and item["rule"] in row
                   for row in table_rows), number
    assert markdown.count("## 检查结果") == 1


def test_no_marks_on_the_clean_maintained_budget() -> None:
    data = load_data(MAINTAINED)
    findings = check_file(MAINTAINED)
    page = render(data, "html", findings=findings)
    assert not marked(page).cells
    assert "finding-error" not in page.split("</style>")[1] and "✖" not in render(data, "markdown", findings=findings)
    clean = render(data, "html", findings=[])
    assert "未发现问题" in clean and 'class="findings"' not in clean
    assert "检查结果" not in render(data, "html")  # without --with-findings: the disclosure alone


def test_text_from_the_file_in_a_finding_is_escaped(tmp_path: Path) -> None:
    data = load_data(EXAMPLE)
    name = '<img src=x onerror="alert(1)">文化[点此](https://evil.example)'
    data["tables"]["fiscal_summary"]["expenditure"]["rows"][6]["name"] = name
    source = write_budget(tmp_path, data)
    findings = check_file(source)
    assert any(name in finding.message for finding in findings)  # C104 quotes the name
    page = render(load_data(source), "html", findings=findings)
    assert "<img" not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    markdown = render(load_data(source), "markdown", findings=findings)
    assert "<img" not in markdown and "\\[点此\\]" in markdown


def test_one_table_with_findings_lists_that_tables_findings_only() -> None:
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "--with-findings", "--table", "04", "--format", "html"])
    assert result.exit_code == 0, result.output
    found = marked(result.output)
    paths = {item["path"] for item in found.items.values()}
    assert paths and all(path.startswith("tables.fiscal_summary.") for path in paths)
    assert len(paths) == len({f.path for f in check_file(EXAMPLE) if f.path.startswith("tables.fiscal_summary.")})


# ---------------------------------------------------------------- waived findings and the site


def test_waived_findings_are_the_findings_the_waivers_remove(tmp_path: Path) -> None:
    data = load_data(MAINTAINED)
    assert data["waivers"]
    without = dict(data)
    del without["waivers"]
    unwaived = check_file(write_budget(tmp_path, without))
    kept = {(f.rule, f.path, f.message) for f in check_file(MAINTAINED)}
    expected = {(f.rule, f.path, f.message) for f in unwaived} - kept
    findings, waived = checked_with_waived(MAINTAINED, Config())
    assert findings == check_file(MAINTAINED)
    assert expected and {(w.finding.rule, w.finding.path, w.finding.message) for w in waived} == expected
    for item in waived:  # with the reason of a waiver of its rule; the maintained waivers set no expiry
        assert item.reason in {entry["reason"].strip() for entry in data["waivers"] if entry["rule"] == item.finding.rule}
        assert item.expires == ""


def test_an_expired_waiver_accepts_nothing_and_an_inline_one_is_found(tmp_path: Path) -> None:
    data = load_data(EXAMPLE)
    target = next(f for f in check_file(EXAMPLE) if f.rule == "A304")
    data["waivers"] = [{"rule": "A405", "at": "narrative[3].text", "reason": "as approved", "expires": "2020-12-31"},
                       {"rule": "T203", "reason": "name as in the project library", "expires": "2099-06-30"}]
    source = write_budget(tmp_path, data)
    lines = source.read_text(encoding="utf-8").split("\n")
    line = next(f.line for f in check_file(source) if (f.rule, f.path) == (target.rule, target.path))
    lines[line - 1] += "  # budgetlint: disable=A304 reason: 04表 as approved by 区财政局"
    source.write_text("\n".join(lines), encoding="utf-8")
    waived = checked_with_waived(source, Config(), today=datetime.date(2023, 6, 1))[1]
    assert {(w.finding.rule, w.finding.path, w.reason, w.expires) for w in waived} == {
        ("A304", target.path, "04表 as approved by 区财政局", ""),
        ("T203", "narrative[9].subsections[2].text", "name as in the project library", "2099-06-30")}
    remaining = {f.rule for f in check_file(source, today=datetime.date(2023, 6, 1))}
    assert "A405" in remaining and "W003" in remaining and "T203" not in remaining


def site_of(tmp_path: Path, data: dict[str, Any]) -> Path:
    folder = tmp_path / "budgets" / "xigong"
    folder.mkdir(parents=True)
    (folder / "2023.yaml").write_text(dump(data), encoding="utf-8")
    build_site(tmp_path / "budgets", tmp_path / "public")
    return tmp_path / "public" / "xigong"


class Rows(HTMLParser):
    """The headings and the rows of the tables of a findings page, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[str, list[str]]] = []
        self.open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "tr"):
            self.chunks.append((tag, []))
        if tag in ("h2", "td", "th"):
            self.chunks[-1][1].append("")
            self.open = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "td", "th"):
            self.open = False

    def handle_data(self, data: str) -> None:
        if self.open:
            self.chunks[-1][1][-1] += data


def test_the_findings_page_lists_errors_warnings_then_waived_with_reasons_in_chinese(tmp_path: Path) -> None:
    data = load_data(EXAMPLE)
    data["waivers"] = [{"rule": "A405", "at": "narrative[3].text", "figures": [300], "reason": "部门审定的原文措辞，下次修订时更正",
                        "expires": "2099-12-31"}]
    pages = site_of(tmp_path, data)
    parser = Rows()
    parser.feed((pages / "2023.findings.html").read_text(encoding="utf-8"))
    headings = [cells[0] for tag, cells in parser.chunks if tag == "h2"]
    assert [heading.split("（")[0] for heading in headings] == ["错误", "警告", "已豁免"]
    rows = [cells for tag, cells in parser.chunks if tag == "tr"]
    headers = [row for row in rows if row[0] == "编号"]
    assert headers[0] == ["编号", "规则", "说明", "位置", "文件行"]
    assert headers[2] == ["编号", "规则", "说明", "位置", "文件行", "豁免理由", "有效期至"]
    body = [row for row in rows if row[0] != "编号"]
    waived = [row for row in body if len(row) == 7]
    assert [(row[1], row[5], row[6]) for row in waived] == [("A405", "部门审定的原文措辞，下次修订时更正", "2099-12-31")]
    assert "四、财政拨款收入支出预算总体情况说明" in waived[0][3]
    for row in body:  # places in the layout's words, never document paths
        assert row[3] and "tables." not in row[3] and "narrative[" not in row[3] and "[" not in row[3], row
    assert all(row[0].isdigit() for row in body if len(row) == 5)  # linked to the finding in the disclosure
    assert any(row[3].startswith("预算04表 行：（七）文化体育旅游与传媒支出 列：") for row in body)
    disclosure = (pages / "2023.html").read_text(encoding="utf-8")
    assert 'href="../rules.html#rule-A304"' in disclosure and 'id="rule-A304"' in (pages.parent / "rules.html").read_text(
        encoding="utf-8")


def test_the_site_pages_are_in_one_language(tmp_path: Path) -> None:
    """Headings, column heads, the navigation and the severities are Chinese (the messages of the rules and
    the file's own words are shown as they are)."""
    pages = site_of(tmp_path, load_data(EXAMPLE))
    for page in (pages / "2023.findings.html", pages / "2023.html", pages.parent / "index.html"):
        markup = page.read_text(encoding="utf-8")
        labels = [re.sub(r"<[^>]+>", " ", chunk) for _, chunk in re.findall(
            r'<(th|h1|h2|nav|title|span class="severity")[^>]*>(.*?)</(?:th|h1|h2|nav|title|span)>', markup, re.DOTALL)]
        assert labels, page.name
        words = {word for label in labels for word in re.findall(r"[A-Za-z]{2,}", label)}
        assert words <= {"Markdown"}, (page.name, words)


# ---------------------------------------------------------------- render -o x.pdf


def run_render(*args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "budgetlint.cli", "render", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300, check=False)


@pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed (Debian: apt-get install chromium)")
def test_render_to_pdf_prints_with_chromium(tmp_path: Path) -> None:
    output = tmp_path / "disclosure.pdf"
    result = run_render(str(EXAMPLE), "--with-findings", "-o", str(output))
    assert result.returncode == 0, result.stderr
    content = output.read_bytes()
    assert content.startswith(b"%PDF") and b"/MediaBox" in content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["disclosure.pdf"]  # no temporary file left beside it


def test_render_to_pdf_without_chromium_refuses(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    output = tmp_path / "disclosure.pdf"
    result = run_render(str(EXAMPLE), "-o", str(output), path=str(empty))
    assert result.returncode == 2
    assert "Chromium" in result.stderr and "none is on PATH" in result.stderr and "Traceback" not in result.stderr
    assert not output.exists()


@pytest.mark.parametrize("args", [["-o", "disclosure.txt"], ["-o", "disclosure"], ["--format", "pdf"]],
                         ids=["unknown-suffix", "no-suffix", "pdf-to-standard-output"])
def test_a_format_that_cannot_be_told_is_refused(tmp_path: Path, args: list[str]) -> None:
    args = [str(tmp_path / arg) if arg.startswith("disclosure") else arg for arg in args]
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), *args])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--format" in result.output or "-o disclosure.pdf" in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_site_and_a_chinese_render_give_the_messages_in_chinese(tmp_path: Path) -> None:
    """The site is a Chinese page: its findings are said in Chinese, as `budgetlint --lang zh check` says
    them; `render --with-findings` follows the run's language."""
    import html

    from budgetlint.messages import ZH, in_language

    pages = site_of(tmp_path, load_data(EXAMPLE))
    findings_page = html.unescape((pages / "2023.findings.html").read_text(encoding="utf-8"))
    disclosure_page = html.unescape((pages / "2023.html").read_text(encoding="utf-8"))
    findings = check_file(pages.parent.parent / "budgets" / "xigong" / "2023.yaml")
    assert findings
    for finding in findings:
        chinese = in_language(finding.message, ZH)
        assert chinese != str(finding.message) and chinese in findings_page, chinese
    assert all(in_language(f.message, ZH) in disclosure_page for f in findings if f.path.startswith("tables."))
    rendered = CliRunner().invoke(main, ["--lang", "zh", "render", str(EXAMPLE), "--format", "html",
                                         "--with-findings"]).output
    assert in_language(findings[0].message, ZH) in html.unescape(rendered)
