"""Renderers: the disclosure as Markdown and HTML, one table at a time, escaping, computed totals, the site."""

from __future__ import annotations

import collections
import copy
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from budgetlint.render.api import render
from budgetlint.render.layout import layout_disclosure
from budgetlint.render.markdown import render_markdown
from budgetlint.render.site import build_site
from budgetlint.render.values import format_amount
from click.testing import CliRunner
from conftest import EXAMPLE, MAINTAINED, ROOT, SEED, dump, load_data
from seed_numbers import two_decimal_numbers

from budgetlint.cli import main
from budgetlint.layout import layout_for

TABLE_NUMBERS = [f"{n:02d}" for n in range(1, 14)]
SEED_HEADING = re.compile(r"预算\s*(\d{2})\s*表")
MARKDOWN_HEADING = re.compile(r"^## 预算(\d{2})表", re.MULTILINE)


# ---------------------------------------------------------------- splitting documents by table


def split_at(text: str, heading: re.Pattern[str]) -> dict[str, str]:
    """{'parts': text before the first table, '01': text of 预算01表, …}."""
    marks = list(heading.finditer(text))
    chunks = {"parts": text[: marks[0].start()] if marks else text}
    for mark, following in zip(marks, marks[1:] + [None]):
        chunks[mark.group(1)] = text[mark.start(): following.start() if following else len(text)]
    return chunks


class SectionText(HTMLParser):
    """The text of each <section data-table="NN"> of a rendered page, and of the parts before them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: dict[str, list[str]] = collections.defaultdict(list)
        self.current = ""
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("style", "title", "nav"):
            self.skip += 1
        if tag == "section":
            self.current = attributes.get("data-table") or "parts"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "nav"):
            self.skip -= 1
        if tag == "section":
            self.current = ""

    def handle_data(self, data: str) -> None:
        if self.current and not self.skip:
            self.chunks[self.current].append(data)


def html_sections(page: str) -> dict[str, str]:
    parser = SectionText()
    parser.feed(page)
    return {key: " ".join(parts) for key, parts in parser.chunks.items()}


def missing_figures(expected: str, rendered: str) -> dict[str, int]:
    """Figures of `expected` that `rendered` prints fewer times (figure → how many are missing)."""
    want, have = two_decimal_numbers(expected), two_decimal_numbers(rendered)
    return {figure: count - have[figure] for figure, count in want.items() if have[figure] < count}


@pytest.fixture(scope="module")
def seed_chunks() -> dict[str, str]:
    if not SEED.exists():  # CI and the shared workspace have it beside the repository
        pytest.skip(f"the seed text is not at {SEED}")
    return split_at(SEED.read_text(encoding="utf-8"), SEED_HEADING)


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    return load_data(EXAMPLE)


@pytest.fixture(scope="module")
def example_markdown(example: dict[str, Any]) -> str:
    return render(example, "markdown")


@pytest.fixture(scope="module")
def example_html(example: dict[str, Any]) -> str:
    return render(example, "html")


# ---------------------------------------------------------------- every printed figure, table by table


def test_the_seed_splits_into_the_parts_and_thirteen_tables(seed_chunks: dict[str, str]) -> None:
    assert list(seed_chunks) == ["parts", *TABLE_NUMBERS]


@pytest.mark.parametrize("chunk", ["parts", *TABLE_NUMBERS])
def test_markdown_prints_every_figure_of_the_publication(chunk: str, seed_chunks: dict[str, str],
                                                         example_markdown: str) -> None:
    rendered = split_at(example_markdown, MARKDOWN_HEADING)
    assert chunk in rendered
    assert missing_figures(seed_chunks[chunk], rendered[chunk]) == {}


@pytest.mark.parametrize("chunk", ["parts", *TABLE_NUMBERS])
def test_html_prints_every_figure_of_the_publication(chunk: str, seed_chunks: dict[str, str],
                                                     example_html: str) -> None:
    rendered = html_sections(example_html)
    assert chunk in rendered
    assert missing_figures(seed_chunks[chunk], rendered[chunk]) == {}


def test_the_document_follows_the_template_order(example_html: str, example_markdown: str) -> None:
    headings = ["第一部分", "部门概况", "第二部分", "部门预算情况说明", "第三部分", "名词解释", "附件：2023年"]
    headings += [f"预算{number}表" for number in TABLE_NUMBERS]
    for document in (example_html.split("</nav>", 1)[-1], example_markdown):
        positions = [document.find(heading) for heading in headings]
        assert -1 not in positions and positions == sorted(positions), document[:200]


def test_each_table_has_its_title_department_and_unit_lines(example_html: str) -> None:
    sections = html_sections(example_html)
    assert "2023年部门支出预算表" in sections["03"]
    assert "部门名称：洛阳市西工区西工街道办事处" in sections["03"] and "单位：万元" in sections["03"]
    assert "（2023年度）" in sections["12"] and "单位：万元" not in sections["12"]
    assert "2023年度区级部门预算项目绩效目标表" in sections["13"]


# ---------------------------------------------------------------- layout of the forms


def test_html_headers_are_multi_level_like_the_printed_form(example: dict[str, Any]) -> None:
    page = render(example, "html", "03")
    assert '<th class="head" colspan="3">科目编码</th>' in page
    assert '<th class="head" colspan="5">基本支出</th>' in page
    assert '<th class="head" rowspan="3">合计</th>' in page
    assert '<th class="head" colspan="2">人员经费</th>' in page


def test_markdown_flattens_the_header_and_splits_functional_codes(example: dict[str, Any]) -> None:
    text = render(example, "markdown", "03")
    header = text.splitlines()[4]
    assert "| 科目编码 类 " in header and "基本支出 人员经费 工资福利支出" in header
    assert re.search(r"\| 201 +\| 32 +\| 02 +\| +\| 一般行政管理事务 +\| +3\.00 \|", text)


def test_economic_codes_are_split_into_lei_and_kuan_in_table_07(example: dict[str, Any]) -> None:
    text = render(example, "markdown", "07")
    assert re.search(r"\| 302 +\| 26 +\| 劳务费 +\| 502 +\| 05 +\| 委托业务费 +\| +75\.00 \|", text)


def test_amounts_have_two_decimals_and_blank_cells_stay_blank(example: dict[str, Any]) -> None:
    text = render(example, "markdown", "08")
    row = next(line for line in text.splitlines() if line.startswith("|") and "2.40" in line)
    # the single row of 预算08表: 因公出国（境）费, 购置费 and 公务接待费 are printed blank, not 0.00
    assert [cell.strip() for cell in row.strip("|").split("|")] == ["2.40", "", "2.40", "", "2.40", ""]
    assert format_amount(Decimal(3)) == "3.00"
    assert format_amount(Decimal("1569.3")) == "1569.30"
    assert format_amount(None) == ""


def test_an_empty_table_prints_its_note(example: dict[str, Any]) -> None:
    text = render(example, "markdown", "10")
    assert "| 合计" in text
    assert "备注：洛阳市西工区西工街道办事处 2023年无国有资本经营预算拨款安排的支出，故此表无数据。" in text


def test_project_targets_span_several_lines(example: dict[str, Any]) -> None:
    page = render(example, "html", "13")
    assert '<td class="code" rowspan="4">410303220000000006776</td>' in page
    assert '<td class="target">每辆公车成本费用</td>' in page


# ---------------------------------------------------------------- --table


@pytest.mark.parametrize("selector", ["03", "3", "expenditure", "预算03表"])
def test_table_option_renders_one_table(selector: str) -> None:
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "--format", "markdown", "--table", selector])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("## 预算03表 2023年部门支出预算表")
    assert "预算04表" not in result.output and "第一部分" not in result.output


def test_table_option_in_html_gives_a_page_with_that_table() -> None:
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "--format", "html", "--table", "12"])
    assert result.exit_code == 0
    assert 'data-table="12"' in result.output and 'data-table="11"' not in result.output


def test_an_unknown_table_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "--table", "14"])
    assert result.exit_code == 2
    assert "no table `14`" in result.output and "03 (expenditure)" in result.output


# ---------------------------------------------------------------- escaping


def hostile(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["department"]["name"] = "<script>alert(1)</script>街道"
    rows = data["tables"]["expenditure"]["units"][0]["rows"]
    rows[0]["name"] = "一般|行政<b>管理</b>事务"
    data["narrative"][0]["text"] = '收入 <img src=x onerror="alert(2)"> 总计 & *强调*'
    return data


def test_html_escapes_every_text_from_the_file(example: dict[str, Any]) -> None:
    page = render(hostile(example), "html")
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;街道" in page
    assert "一般|行政&lt;b&gt;管理&lt;/b&gt;事务" in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt; 总计 &amp; *强调*" in page


def test_markdown_escapes_cells_and_text(example: dict[str, Any]) -> None:
    text = render(hostile(example), "markdown")
    assert "<script" not in text and "<img" not in text
    assert "一般\\|行政&lt;b&gt;管理&lt;/b&gt;事务" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;街道" in text
    assert "\\*强调\\*" in text
    table = split_at(text, MARKDOWN_HEADING)["03"]
    widths = {line.count("|") - line.count("\\|") for line in table.splitlines() if line.startswith("|")}
    assert len(widths) == 1  # the escaped `|` does not add a column


# ---------------------------------------------------------------- computed totals


def strip_totals(data: dict[str, Any]) -> dict[str, Any]:
    """A maintained file as a clerk may keep it: no 合计 rows, no unit subtotals, no closing figures."""
    data = copy.deepcopy(data)
    tables = data["tables"]
    for key, table in tables.items():
        if key != "three_public":  # 预算08表 has no rows: its `totals` is the one row printed
            table.pop("totals", None)
        for unit in table.get("units") or []:
            for column in [k for k in unit if k not in ("unit", "name", "rows")]:
                del unit[column]
    for key in ("this_year_revenue", "carryover_in", "revenue_total", "this_year_expenditure",
                "expenditure_total"):
        tables["summary"].pop(key)
    for key in ("this_year", "totals"):
        tables["fiscal_summary"]["expenditure"].pop(key)
    tables["fiscal_summary"]["revenue"].pop("total")
    for row in tables["expenditure"]["units"][0]["rows"]:  # and the subtotal columns of every row
        for column in ("total", "basic", "project"):
            row.pop(column, None)
    return data


@pytest.fixture(scope="module")
def maintained() -> dict[str, Any]:
    return load_data(MAINTAINED)


@pytest.mark.parametrize("number", TABLE_NUMBERS)
def test_totals_left_out_are_computed(number: str, maintained: dict[str, Any]) -> None:
    """Rendered without its totals, the maintained budget prints the same figures as with them."""
    stated = render(maintained, "markdown", number)
    computed = render(strip_totals(maintained), "markdown", number)
    assert two_decimal_numbers(computed) == two_decimal_numbers(stated)


def test_computed_figures_are_marked(maintained: dict[str, Any]) -> None:
    page = render(strip_totals(maintained), "html", "03")
    assert re.search(r'<td class="amount computed" title="[^"]*">1909\.07</td>', page)
    assert "斜体数字由 budgetlint 按明细计算" in page
    assert "computed" not in render(maintained, "html", "03").split("</style>")[1]


def test_summary_tables_show_every_template_row_the_file_leaves_out(maintained: dict[str, Any]) -> None:
    assert {"202", "203", "234"}.isdisjoint(row["code"] for row in maintained["tables"]["summary"]["expenditure"])
    text = render(maintained, "markdown")
    tables = split_at(text, MARKDOWN_HEADING)
    for label in ("二、外交", "九、社会保险基金支出", "三十四、抗疫特别国债安排的支出", "九、其他收入"):
        assert f"| {label} " in tables["01"]
    for label in ("（二）外交支出", "（三十四）抗疫特别国债安排的支出"):
        assert f"| {label} " in tables["04"]
    assert "| 十二、城乡社区 " in tables["01"]  # the file's own (corrected) name wins


# ---------------------------------------------------------------- the template is data


def test_another_template_changes_the_layout_without_code(example: dict[str, Any]) -> None:
    template = copy.deepcopy(layout_for(example).raw)
    template["table_label"] = "表{number}"
    template["table_heading"] = "{title}（{year}）"
    spec = next(entry for entry in template["tables"] if entry["key"] == "three_public")
    spec["number"] = "5"
    spec["header"] = [{"label": "合计", "amount": "total"}, {"label": "公务接待费", "amount": "reception"},
                      {"label": "公务用车运行费", "amount": "vehicle_operation"}]
    disclosure = layout_disclosure(example, only_table="three_public", layout=template)
    text = render_markdown(disclosure)
    assert text.startswith("## 表5 一般公共预算“三公”经费预算表（2023）")
    assert "| 合计 | 公务接待费 | 公务用车运行费 |" in text.replace("   ", " ").replace("  ", " ")


# ---------------------------------------------------------------- command line


def test_render_writes_only_the_output(tmp_path: Path) -> None:
    source = tmp_path / "2023.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    before = source.read_bytes()
    out = tmp_path / "x.html"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # format from the suffix
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2023.yaml", "x.html"]


def test_render_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    source = tmp_path / "2023.yaml"
    source.write_bytes(EXAMPLE.read_bytes())
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(source)])
    assert result.exit_code == 2 and "is the input file" in result.output
    assert source.read_bytes() == EXAMPLE.read_bytes()


@pytest.mark.parametrize("content", ["fiscal_year: [2023\n", "- a list\n", "", "\xff\xfe bad"])
def test_a_file_that_cannot_be_loaded_is_a_clear_error(tmp_path: Path, content: str) -> None:
    source = tmp_path / "broken.yaml"
    source.write_bytes(content.encode("latin-1") if "\xff" in content else content.encode())
    result = CliRunner().invoke(main, ["render", str(source), "--format", "html"])
    assert result.exit_code == 2
    assert f"cannot load {source}" in result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_a_file_with_odd_content_still_renders(tmp_path: Path) -> None:
    source = tmp_path / "odd.yaml"
    source.write_text("budgetlint: 1\nfiscal_year: 2023\ntables: {summary: [1, 2], expenditure: {units: 3}, "
                      "revenue: {totals: {total: abc}}}\nnarrative: text\n", encoding="utf-8")
    for output_format in ("markdown", "html"):
        result = CliRunner().invoke(main, ["render", str(source), "--format", output_format])
        assert result.exit_code == 0, result.output
        assert "预算13表" in result.output


# ---------------------------------------------------------------- the static site


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and dict(attrs).get("href"):
            self.links.append(str(dict(attrs)["href"]))


def links_of(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def test_site_builds_for_the_shipped_budgets(tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = CliRunner().invoke(main, ["site", str(ROOT / "budgets"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    index = out / "index.html"
    assert "151-xigong-jiedao/2023.html" in links_of(index)
    assert "151-xigong-jiedao/2023.findings.html" in links_of(index)
    assert "1909.07" in index.read_text(encoding="utf-8")  # 支出总计
    for page in out.rglob("*.html"):  # every link of every page leads to a page of the site, and to its place
        for link in links_of(page):
            target, _, fragment = link.partition("#")
            linked = (page.parent / target).resolve() if target else page
            assert linked.is_file(), (page, link)
            if fragment:  # a rule's explanation, a finding, a marked cell
                assert f'id="{fragment}"' in linked.read_text(encoding="utf-8"), (page, link)
    findings = (out / "151-xigong-jiedao" / "2023.findings.html").read_text(encoding="utf-8")
    assert "budgetlint check" in findings


def test_site_links_the_years_of_a_department(tmp_path: Path, maintained: dict[str, Any]) -> None:
    budgets = tmp_path / "budgets" / "151-xigong-jiedao"
    budgets.mkdir(parents=True)
    (budgets / "2023.yaml").write_bytes(MAINTAINED.read_bytes())
    next_year = copy.deepcopy(maintained)
    next_year["fiscal_year"] = 2024
    next_year["department"]["name"] = "<script>alert(1)</script>"
    (budgets / "2024.yaml").write_text(dump(next_year), encoding="utf-8")
    (tmp_path / "budgets" / "other").mkdir()
    (tmp_path / "budgets" / "other" / "2023.yaml").write_text("- not a budget\n", encoding="utf-8")
    result = build_site(tmp_path / "budgets", tmp_path / "public")
    assert len(result.entries) == 3
    page_2023 = tmp_path / "public" / "151-xigong-jiedao" / "2023.html"
    assert "2024.html" in links_of(page_2023)
    assert "2023.html" in links_of(page_2023.with_name("2024.html"))
    assert "../index.html" in links_of(page_2023)
    index = (tmp_path / "public" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in index and "&lt;script&gt;" in index
    assert "other/2023.findings.html" in index and "cannot load" in index
    assert not (tmp_path / "public" / "other" / "2023.html").exists()


def test_site_refuses_to_write_into_the_budgets_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["site", str(ROOT / "budgets"), "-o", str(ROOT / "budgets" / "public")])
    assert result.exit_code == 2
    assert not (ROOT / "budgets" / "public").exists()


def test_html_is_self_contained(example_html: str) -> None:
    assert "<script" not in example_html and "<link" not in example_html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", example_html)
    assert "url(" not in example_html and "@import" not in example_html
    assert "@page { size: A4 landscape" in example_html
    assert "display: table-header-group" in example_html
    assert "Noto Sans CJK SC" in example_html
