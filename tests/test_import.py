"""`budgetlint import FILE.pdf` (issue 15, part 1) on the four published Shanghai disclosures.

Each reference PDF (../shared/reference/disclosures, read-only, outside the repository) is imported and
compared with its hand transcription in examples/: every table figure must be the same, checked three
ways — budget-level diff (`diff_budgets`), the tables' data compared as a whole (0 and blank told
apart, names and notes included), and the linter's error findings on the tables. The texts are
compared too: the glossary, the department's 主要职能 and 机构设置 and the narrative, section by section
and paragraph by paragraph, character for character. Bad inputs — not a PDF, a PDF without a text
layer, an encrypted PDF, a PDF that is no disclosure, a layout that does not fit, an existing output —
exit with 2 and write nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT

from budgetlint.diff import diff_budgets
from budgetlint.findings import ERROR
from budgetlint.importer import (
    RADICALS,
    amount,
    clean,
    import_command,
    numbered,
    same_title,
    strip_ordinal,
    write_yaml,
)
from budgetlint.lint import check_file
from budgetlint.loader import load_file, load_text

DISCLOSURES = ROOT.parent / "shared" / "reference" / "disclosures"
EXAMPLES = ROOT / "examples"
# reference PDF → (its transcription, the layout the import must recognise)
CASES = {
    "2025-putuo-wanli-jiedao": ("putuo-wanli-jiedao-2025-as-published.yaml", "shanghai-2025"),
    "2025-putuo-caizhengju": ("putuo-caizhengju-2025-as-published.yaml", "shanghai-2025"),
    "2025-putuo-zhengfu-bangongshi-danwei": ("putuo-zhengfu-bangongshi-2025-as-published.yaml", "shanghai-2025-unit"),
    "2024-putuo-caizhengju-juesuan": ("putuo-caizhengju-2024-juesuan-as-published.yaml", "shanghai-2024-juesuan"),
}

needs_pdfs = pytest.mark.skipif(
    not all((DISCLOSURES / f"{name}.pdf").is_file() for name in CASES),
    reason=f"the reference disclosures are not there ({DISCLOSURES}): the PDF import is not tested")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(import_command, [str(arg) for arg in args])


def data_of(path: Path) -> dict[str, Any]:
    result = load_file(path)
    assert result.document is not None, result.problems
    assert not result.problems, [f"{p.line}: {p.rule} {p.message}" for p in result.problems]
    data: dict[str, Any] = result.document.data
    return data


def pruned(value: Any) -> Any:
    """Empty groups left out: a transcription may write `final: {}` for a group printed blank."""
    if isinstance(value, dict):
        items = {key: pruned(item) for key, item in value.items()}
        return {key: item for key, item in items.items() if item != {}}
    if isinstance(value, list):
        return [pruned(item) for item in value]
    return value


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Result, Path]]]:
    """Each reference PDF imported once, without --layout (the layout is recognised)."""
    folder = tmp_path_factory.mktemp("imported")
    results = {}
    for name in CASES:
        output = folder / f"{name}.yaml"
        results[name] = (run(DISCLOSURES / f"{name}.pdf", "-o", output), output)
    yield results


# ---------------------------------------------------------------------------------------------------
# The four publications


@needs_pdfs
@pytest.mark.parametrize("name", list(CASES))
def test_import_is_complete_in_the_recognised_layout(imported: dict[str, tuple[Result, Path]], name: str) -> None:
    result, output = imported[name]
    assert result.exit_code == 0, result.output
    data = data_of(output)
    assert data["layout"] == CASES[name][1]
    transcription = data_of(EXAMPLES / CASES[name][0])
    assert (data["fiscal_year"], data["amount_unit"]) == (transcription["fiscal_year"], transcription["amount_unit"])
    assert data["department"]["name"] == transcription["department"]["name"]
    assert "9 of 9 tables" in result.stderr


@needs_pdfs
@pytest.mark.parametrize("name", list(CASES))
def test_every_table_figure_equals_the_transcription(imported: dict[str, tuple[Result, Path]], name: str) -> None:
    """No table line changed, added or removed (budgetlint diff), and the tables' data identical: every
    printed figure with its printed digits (0 is 0, a blank cell is absent), codes, names, notes, units."""
    transcription = data_of(EXAMPLES / CASES[name][0])
    data = data_of(imported[name][1])
    changes = diff_budgets(transcription, data).changes
    table_changes = [(change.status, change.item.key) for change in changes if change.item.key[0] == "tables"]
    assert table_changes == []
    assert pruned(data["tables"]) == pruned(transcription["tables"])
    assert data["glossary"] == transcription["glossary"]


@needs_pdfs
@pytest.mark.parametrize("name", list(CASES))
def test_the_linter_finds_the_same_findings(imported: dict[str, tuple[Result, Path]], name: str) -> None:
    """Every finding, the narrative's (A401–A415, T5xx) included, as on the transcription."""
    def findings(path: Path) -> list[tuple[str, str, str, str]]:
        return sorted((f.rule, f.severity, f.path, f.message) for f in check_file(path))

    found = findings(imported[name][1])
    assert found == findings(EXAMPLES / CASES[name][0])
    assert any(severity == ERROR for _, severity, _, _ in found) or name == "2025-putuo-zhengfu-bangongshi-danwei"


@needs_pdfs
@pytest.mark.parametrize("name", list(CASES))
def test_the_texts_equal_the_transcription(imported: dict[str, tuple[Result, Path]], name: str) -> None:
    """The department's 主要职能 and 机构设置 and the narrative as printed: the sections' numbers and titles
    (the Shanghai 预算 numbers 四、六、七 only in its table of contents), the paragraphs, the lines the
    PDF wraps and its page ends joined. Nothing is left to add by hand."""
    result, output = imported[name]
    transcription = data_of(EXAMPLES / CASES[name][0])
    data = data_of(output)
    for field in ("duties", "composition"):
        assert data["department"][field] == transcription["department"][field], field
    assert data["narrative"] == transcription["narrative"]
    assert "not imported" not in result.stderr
    assert "Not imported" not in output.read_text(encoding="utf-8").split("budgetlint: 1")[0]


@needs_pdfs
def test_text_the_pdf_holds_twice_or_as_a_table_is_read_as_printed(imported: dict[str, tuple[Result, Path]]) -> None:
    """财政局's 编制说明 is in the text layer twice (a spreadsheet cell's overflow repeated at the top of
    the next page): read once. The 决算's units are printed as a table among the texts: a paragraph per
    row, cells joined by ` | `. An item whose line wraps early (a bracket that did not fit) stays one
    paragraph; (七) and (八) printed in one paragraph stay one."""
    budget = data_of(imported["2025-putuo-caizhengju"][1])["narrative"][0]["text"]
    assert budget.count("11.“住房保障支出（类）住房改革支出（款）购房补贴（项）”268.77万元") == 1
    final = data_of(imported["2024-putuo-caizhengju-juesuan"][1])
    assert final["department"]["composition"].split("\n\n")[1:3] == ["序号 | 单位名称 | 备注", "1 | 上海市普陀区财政局（本级）"]
    items = final["narrative"][4]["subsections"][2]["text"].split("\n\n")
    assert items[5].startswith("5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于")
    assert "财务规则。（八）负责本区" in final["department"]["duties"]


def test_headings_are_matched_to_titles_and_numbers() -> None:
    assert same_title("上海市普陀区人民政府万里街道办事处（部门）主要职能", "部门主要职能", "上海市普陀区人民政府万里街道办事处")
    assert same_title("上海市普陀区财政局主要职能", "部门主要职能", "上海市普陀区财政局")
    assert same_title("2025年部门预算编制说明", "四、部门预算编制说明 ………………", None)
    assert not same_title("其他相关情况说明", "项目经费情况说明", None)
    assert not same_title("说明", "其他相关情况说明", None)  # a line's tail is no heading
    assert numbered("六、其他相关情况说明 …………………………", "{number}、") == ("六", "其他相关情况说明")
    assert numbered("（一）“三公”经费财政拨款支出决算总体情况说明。", "（{number}）") == ("一", "“三公”经费财政拨款支出决算总体情况说明。")
    assert numbered("1、一般公共服务支出（类）", "{number}、") is None


def test_radicals_in_a_text_layer_are_the_ideographs_printed() -> None:
    """Chromium's PDFs (Noto CJK) give radicals for some ideographs; 户 comes back as ⼾ (→ 戶)."""
    assert "部⻔⽀出预算".translate(RADICALS) == "部门支出预算"
    assert "财政专⼾管理资⾦".translate(RADICALS) == "财政专户管理资金"
    assert "财政专戶".translate(RADICALS) == "财政专户"


@needs_pdfs
def test_amounts_are_the_printed_digits(imported: dict[str, tuple[Result, Path]]) -> None:
    wanli = data_of(imported["2025-putuo-wanli-jiedao"][1])["tables"]
    first = wanli["revenue_function"]["rows"][0]
    assert (first["total"], first["business"]) == (Decimal(3296600), Decimal(0))
    assert str(first["business"]) == "0"  # printed 0, written 0: not 0.00, not absent
    text = imported["2025-putuo-zhengfu-bangongshi-danwei"][1].read_text(encoding="utf-8")
    assert "revenue_total: 91016775.35" in text
    assert "{code: \"2010301\", name: 行政运行, total: 12029501.84, fiscal: 12029501.84}" in text


@needs_pdfs
def test_the_source_map_names_page_table_row_and_column(imported: dict[str, tuple[Result, Path]]) -> None:
    output = imported["2025-putuo-zhengfu-bangongshi-danwei"][1]
    figures = json.loads((output.parent / "budgetlint-import.json").read_text(encoding="utf-8"))[output.name]["figures"]
    assert figures["tables.summary.revenue_total"] == {"page": 8, "table": "表1", "row": 9, "column": "amount"}
    assert figures["tables.revenue_function.totals.fiscal"]["page"] == 10  # 表2 continues on page 10
    assert figures["tables.three_public.totals.operating_expenses"]["table"] == "表9"
    assert len(figures) == sum(1 for _ in _amounts(data_of(output)["tables"]))


def _amounts(value: Any) -> Iterator[Decimal]:
    if isinstance(value, Decimal):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _amounts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _amounts(item)


@needs_pdfs
def test_a_named_layout_that_does_not_fit_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "out.yaml"
    result = run(DISCLOSURES / "2025-putuo-zhengfu-bangongshi-danwei.pdf", "--layout", "shanghai-2025", "-o", output)
    assert result.exit_code == 2
    assert "none of the table titles of layout shanghai-2025" in result.stderr
    assert "Traceback" not in result.output and not output.exists()
    result = run(DISCLOSURES / "2025-putuo-caizhengju.pdf", "--layout", "no-such-layout", "-o", output)
    assert result.exit_code == 2 and "no layout named `no-such-layout`" in result.stderr


@needs_pdfs
def test_what_cannot_be_placed_is_reported_and_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A repository layout whose 表9 has another title: the file is written with the other eight tables,
    表9 is reported, and the exit code says the import is incomplete."""
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "renamed-2025.yaml").write_text(
        "name: renamed-2025\nextends: shanghai-2025\ntables:\n  - key: three_public\n    title: 另一个标题\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(DISCLOSURES / "2025-putuo-caizhengju.pdf", "--layout", "renamed-2025", "-o", "out.yaml")
    assert result.exit_code == 1, result.output
    assert "表9" in result.stderr and "2025年部门另一个标题" in result.stderr and "not imported" in result.stderr
    tables = data_of(tmp_path / "out.yaml")["tables"]
    assert "three_public" not in tables and len(tables) == 8


@needs_pdfs
def test_two_layouts_that_fit_equally_are_not_chosen_between(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A repository layout that only extends shanghai-2025 prints the same titles: the import does not pick
    one of the two, it asks for --layout (and with it, imports)."""
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "copy-2025.yaml").write_text("name: copy-2025\nextends: shanghai-2025\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    pdf = DISCLOSURES / "2025-putuo-caizhengju.pdf"
    result = run(pdf, "-o", "out.yaml")
    assert result.exit_code == 2 and "several layouts fit this document equally" in result.stderr
    assert "copy-2025 (9 of 9 table titles)" in result.stderr and not (tmp_path / "out.yaml").exists()
    result = run(pdf, "--layout", "copy-2025", "-o", "out.yaml")
    assert result.exit_code == 0, result.output
    assert data_of(tmp_path / "out.yaml")["layout"] == "copy-2025"


# ---------------------------------------------------------------------------------------------------
# Bad inputs: exit 2, a clear message, nothing written


def minimal_pdf(content: bytes, trailer: bytes = b"", extra: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF written by hand: `content` is the page's content stream."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>"),
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", *extra]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\n"
    return out + b"startxref\n%d\n%%%%EOF\n" % xref


def refused(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "input.pdf"
    source.write_bytes(content)
    output = tmp_path / "out.yaml"
    result = run(source, "-o", output)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not output.exists()


def test_a_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    refused(tmp_path, "预算表\n".encode(), "is not a PDF file")


def test_a_pdf_without_a_text_layer(tmp_path: Path) -> None:
    # A page with only a filled rectangle: what a scan (an image, no text) gives the import.
    refused(tmp_path, minimal_pdf(b"0 0 0 rg 100 100 300 400 re f"), "has no text layer (a scanned document?)")


def test_an_encrypted_pdf(tmp_path: Path) -> None:
    # The standard security handler with a user password that is not empty: it cannot be opened.
    key = b"<" + b"ab" * 32 + b">"
    encrypted = minimal_pdf(b"BT /F1 12 Tf 72 720 Td (secret) Tj ET",
                            b"/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> "
                            b"<0123456789abcdef0123456789abcdef>] ",
                            (b"<< /Filter /Standard /V 1 /R 2 /O " + key + b" /U " + key + b" /P -4 >>",))
    refused(tmp_path, encrypted, "is encrypted")


def test_a_pdf_that_is_not_a_disclosure(tmp_path: Path) -> None:
    refused(tmp_path, minimal_pdf(b"BT /F1 12 Tf 72 720 Td (Minutes of the meeting) Tj ET"),
            "cannot tell which layout this document is")


def test_a_missing_file(tmp_path: Path) -> None:
    result = run(tmp_path / "nothing.pdf", "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2 and "no such file" in result.stderr


@needs_pdfs
def test_an_existing_output_is_kept_unless_force(tmp_path: Path) -> None:
    output = tmp_path / "2025.yaml"
    output.write_text("# a clerk's work\n", encoding="utf-8")
    pdf = DISCLOSURES / "2025-putuo-caizhengju.pdf"
    result = run(pdf, "-o", output)
    assert result.exit_code == 2 and "exists; use --force" in result.stderr
    assert output.read_text(encoding="utf-8") == "# a clerk's work\n"
    result = run(pdf, "-o", output, "--force")
    assert result.exit_code == 0, result.output
    assert data_of(output)["department"]["name"] == "上海市普陀区财政局"


# ---------------------------------------------------------------------------------------------------
# Reading printed text


def test_amounts_are_exact_decimals_from_the_printed_text() -> None:
    assert amount("91,016,775.35") == Decimal("91016775.35")
    assert str(amount("0")) == "0" and str(amount("0.00")) == "0.00" and str(amount("189,767,551")) == "189767551"
    assert amount("") is None and amount("  ") is None
    with pytest.raises(ValueError):
        amount("1,2345.00")
    with pytest.raises(ValueError):
        amount("约5万")


def test_names_lose_line_breaks_but_not_printed_spaces_nor_ordinals_of_codes() -> None:
    """A cell's text has a space where the PDF prints a space character (the cells are read so: a
    justified 因 公 出 国 without space characters is 因公出国, as the four publications show)."""
    assert clean("其他政府办公厅（室）及相关机构事\n务支出") == "其他政府办公厅（室）及相关机构事务支出"
    assert clean("2022年公共图书馆文化馆（站） 免费\n开放补助资金") == "2022年公共图书馆文化馆（站） 免费开放补助资金"
    assert strip_ordinal("二十一、国有资本经营预算支出") == "国有资本经营预算支出"
    assert strip_ordinal("1. 一般公共预算资金") == "一般公共预算资金"
    assert strip_ordinal("（三）公务接待费") == "公务接待费"
    assert strip_ordinal("2024年度") == "2024年度"


def test_the_written_yaml_reads_back_exactly() -> None:
    """Names that YAML would read as something else, or that break a flow mapping, are quoted."""
    names = ["注:本部门无", "A: b", "#1", "[一]", "yes", "123", "-x", "“三公”经费", "a, b", "{x}", "问?", "null", "1e5"]
    data = {"budgetlint": 1, "tables": {"expenditure": {
        "rows": [{"code": "201", "name": name, "total": Decimal(0)} for name in names],
        "totals": {"total": Decimal("91016775.35"), "basic": Decimal("0.00")}, "note": "第一行\n第二行"}}}
    result = load_text("\n".join(write_yaml(data)) + "\n", "memory.yaml")
    assert result.document is not None and not result.problems, result.problems
    assert result.document.data == data
    assert str(result.document.data["tables"]["expenditure"]["totals"]["basic"]) == "0.00"
