"""`budgetlint fill` (issue 16, item 4): the totals and subtotals a layout derives are written from their
parts, in place, with comments and layout kept byte for byte.

The fixtures are the repository's real documents: the maintained Henan budget and clean copies of the
Shanghai publications (made as tests/test_layouts.py makes them), with their derived figures taken out
by ruamel.yaml's round trip — the file otherwise as it was — and filled back.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import MAINTAINED, TODAY, dump, load_data
from ruamel.yaml import YAML
from test_layouts import BANGONGSHI, CAIZHENG, JUESUAN, WANLI, corrected

from budgetlint.fill import FillError, bottom_up, fill_command, fill_file
from budgetlint.findings import ERROR, format_path
from budgetlint.lint import check_file
from budgetlint.loader import load_file
from budgetlint.model import Budget
from budgetlint.tables import Derivation, derivations


def fill(*args: Any) -> Result:
    return CliRunner().invoke(fill_command, [str(arg) for arg in args])


def copy_of(source: Path, folder: Path, name: str | None = None) -> Path:
    path = folder / (name or source.name)
    path.write_bytes(source.read_bytes())
    return path


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 30
    yaml.indent(mapping=2, sequence=4, offset=2)  # how this repository's files are indented
    return yaml


def strip_derived(path: Path) -> list[str]:
    """Take every derived figure out of the file (comments and everything else stay), as a clerk who
    edits leaf figures and leaves the totals to fill. A figure is taken out when the file writes at least
    one of its parts: one with no part written (预算04表 年终结转结余 0.00) is not derived from anything."""
    budget = Budget(load_file(path).document)  # type: ignore[arg-type]

    def at(node: Any, where: tuple[Any, ...]) -> Any:
        for key in where:
            if isinstance(node, dict):
                node = node.get(key)
            elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                node = node[key]
            else:
                return None
        return node

    yaml = _yaml()
    tree = yaml.load(path.read_text(encoding="utf-8"))
    removed = []
    for derivation in derivations(budget):
        parent = at(tree, derivation.target[:-1])
        name = derivation.target[-1]
        if isinstance(parent, dict) and name in parent and any(at(budget.data, part) is not None
                                                                for part in derivation.parts):
            del parent[name]
            removed.append(format_path(derivation.target))
    stream = io.StringIO()
    yaml.dump(tree, stream)
    path.write_text(stream.getvalue(), encoding="utf-8")
    return removed


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if "#" in line]


def same_findings(path: Path, other: Path) -> bool:
    """The linter finds the same in both files (rule, place, message), whatever their names."""
    def found(where: Path) -> list[tuple[str, int, int, str]]:
        return [(f.rule, f.line, f.column, f.message) for f in check_file(where, today=TODAY)]

    return found(path) == found(other)


def errors(path: Path) -> list[Any]:
    return [f for f in check_file(path, today=TODAY) if f.severity == ERROR]


# ---------------------------------------------------------------- the maintained budget and the publications


def test_the_maintained_budget_with_its_totals_removed_is_restored_exactly(tmp_path: Path) -> None:
    path = copy_of(MAINTAINED, tmp_path, "2023.yaml")
    original = MAINTAINED.read_text(encoding="utf-8")
    removed = strip_derived(path)
    stripped = path.read_text(encoding="utf-8")
    # Every kind of derived figure was taken out: closing lines, 合计 rows, unit rows, row identities, groups.
    assert {"tables.summary.revenue_total", "tables.summary.this_year_expenditure",
            "tables.expenditure.totals.total", "tables.expenditure.units[0].basic",
            "tables.expenditure.units[0].rows[6].total", "tables.revenue.totals.this_year.total",
            "tables.fiscal_summary.expenditure.totals.gov_fund", "tables.fiscal_summary.revenue.total",
            "tables.department_performance.budget.total", "tables.three_public.totals.total"} <= set(removed)
    assert len(removed) > 200 and "1909.07" not in stripped.split("tables:")[1].split("fiscal_summary:")[0]
    result = fill(path)
    assert result.exit_code == 0, result.output
    assert result.output.count(" (blank) → ") == len(removed)
    assert path.read_text(encoding="utf-8") == original  # every figure, as written, and nothing else
    assert comments(path.read_text(encoding="utf-8")) == comments(original)
    assert not any(f.rule.startswith("A") for f in check_file(path, today=TODAY))
    assert same_findings(path, MAINTAINED)


@pytest.mark.parametrize("source", [WANLI, CAIZHENG, BANGONGSHI], ids=["wanli", "caizhengju", "bangongshi"])
def test_clean_shanghai_budgets_with_their_totals_removed_are_restored_exactly(tmp_path: Path, source: Path) -> None:
    path = corrected(tmp_path, source) if source in (WANLI, CAIZHENG) else copy_of(source, tmp_path)
    original = path.read_text(encoding="utf-8")
    removed = strip_derived(path)
    assert len(removed) > 100
    assert "tables.summary.revenue_total" in removed and "tables.expenditure.rows[0].total" in removed  # 类 row
    result = fill(path)
    assert result.exit_code == 0, result.output
    # Whole 元 stay whole (万里: 189767551), 元 with 分 keep two decimals (财政局: 31214205.80).
    assert path.read_text(encoding="utf-8") == original
    assert errors(path) == []


def test_the_final_accounts_keep_figures_within_their_declared_rounding(tmp_path: Path) -> None:
    """The 决算 was rounded cell by cell; a file that says `rounding: rounded` is right as printed, and fill
    writes removed totals as the sums of their parts, which the linter accepts."""
    path = tmp_path / "2024-juesuan.yaml"
    text = JUESUAN.read_text(encoding="utf-8").replace("\namount_unit: 万元\n", "\namount_unit: 万元\nrounding: rounded\n")
    assert "rounding: rounded" in text
    path.write_text(text, encoding="utf-8")
    result = fill(path)
    assert result.exit_code == 0 and "every derived figure is right" in result.output
    assert path.read_text(encoding="utf-8") == text
    strip_derived(path)
    assert fill(path).exit_code == 0
    filled = load_data(path)["tables"]
    assert filled["expenditure"]["totals"]["total"] == Decimal("2940.06")  # printed 2,940.05: the rows add up to .06
    assert [f for f in check_file(path, today=TODAY) if f.rule.startswith(("A1", "A20"))] == []


def test_fill_writes_exactly_the_figures_the_arithmetic_rules_report(tmp_path: Path) -> None:
    """On the 决算 as published (exact sums), fill replaces each 合计 and 类 row that A101/A103 report, and
    the footers its identities sum from the 类 rows; afterwards those rules report nothing."""
    path = copy_of(JUESUAN, tmp_path, "2024-juesuan.yaml")
    reported = {f.path for f in errors(path) if f.rule.startswith(("A1", "A20"))}
    assert len(reported) == 8
    filled = fill_file(path)
    changed = {format_path(change.path) for change in filled.changes}
    assert reported <= changed
    assert changed - reported == {"tables.general_basic_economic.footer.personnel",
                                  "tables.general_basic_economic.footer.public"}
    assert fill(path).exit_code == 0
    assert [f for f in errors(path) if f.rule.startswith(("A1", "A20"))] == []


def test_the_one_wrong_subtotal_of_a_publication_is_corrected(tmp_path: Path) -> None:
    """万里街道 prints 21201 as 94,995,790 where its rows add up to 94,995,789 (README): fill writes the sum
    in 表2 (合计 and 财政拨款收入), 表3 and 表5, and 212, which was right, stays."""
    path = copy_of(WANLI, tmp_path)
    result = fill(path)
    assert result.exit_code == 0
    assert result.output.count("94995790 → 94995789") == 4
    assert "21201 城乡社区管理事务" in result.output and " 212 " not in result.output
    assert [f.rule for f in errors(path)] == ["A414"]  # the 编制说明's wrong 科目 name is not arithmetic
    assert path.read_text(encoding="utf-8") == WANLI.read_text(encoding="utf-8").replace("94995790", "94995789")


# ---------------------------------------------------------------- nothing to do, --diff, --check


@pytest.mark.parametrize("source", [MAINTAINED, BANGONGSHI], ids=["maintained", "bangongshi"])
def test_a_file_that_needs_nothing_is_left_byte_identical(tmp_path: Path, source: Path) -> None:
    path = copy_of(source, tmp_path, "2023.yaml" if source == MAINTAINED else None)
    before = path.read_bytes()
    result = fill(path)
    assert result.exit_code == 0 and result.output.strip().endswith("every derived figure is right")
    assert path.read_bytes() == before


def test_a_file_written_by_pyyaml_is_filled_in_its_own_style(tmp_path: Path) -> None:
    """Sequences not indented under their key, block mappings: the style is kept, only the figure changes."""
    data = load_data(MAINTAINED)
    right = dump(data)
    data["tables"]["general_expenditure"]["totals"]["project"] = Decimal("768.80")
    path = tmp_path / "2023.yaml"
    path.write_text(dump(data), encoding="utf-8")
    assert fill(path).exit_code == 0
    assert path.read_text(encoding="utf-8") == right


def wrong_total(folder: Path) -> tuple[Path, str]:
    path = folder / "2023.yaml"
    original = MAINTAINED.read_text(encoding="utf-8")
    text = original.replace("    totals: {total: 1909.07, basic: 1137.99,", "    totals: {total: 1909.07, basic: 1137.90,")
    assert text != original
    path.write_text(text, encoding="utf-8")
    return path, original


def test_a_wrong_total_is_replaced_and_reported(tmp_path: Path) -> None:
    path, original = wrong_total(tmp_path)
    result = fill(path)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{path}:170:37: 预算03表 合计 基本支出 小计 (tables.expenditure.totals.basic) 1137.90 → 1137.99",
        f"{path}: 1 figure written"]
    assert path.read_text(encoding="utf-8") == original


def test_figures_are_written_with_the_decimals_the_table_uses(tmp_path: Path) -> None:
    """A clerk types a whole amount (`3`); the totals made from it are written as the table writes amounts."""
    path = tmp_path / "2023.yaml"
    text = MAINTAINED.read_text(encoding="utf-8").replace(
        "totals: {total: 2.40, vehicles: 2.40, vehicle_operation: 2.40}", "totals: {vehicle_operation: 3}")
    path.write_text(text, encoding="utf-8")
    assert fill(path).exit_code == 0
    assert "    totals: {total: 3.00, vehicles: 3.00, vehicle_operation: 3}\n" in path.read_text(encoding="utf-8")


def test_diff_shows_the_change_and_writes_nothing(tmp_path: Path) -> None:
    path, _ = wrong_total(tmp_path)
    before = path.read_bytes()
    result = fill("--diff", path)
    assert result.exit_code == 0
    assert f"--- {path}" in result.output and "\n@@ -167,7 +167,7 @@" in result.output
    assert "\n-    totals: {total: 1909.07, basic: 1137.90," in result.output
    assert "\n+    totals: {total: 1909.07, basic: 1137.99," in result.output
    assert path.read_bytes() == before


def test_check_exits_1_when_a_figure_would_change_and_writes_nothing(tmp_path: Path) -> None:
    path, _ = wrong_total(tmp_path)
    before = path.read_bytes()
    result = fill("--check", path)
    assert result.exit_code == 1
    assert "1137.90 → 1137.99" in result.output and "1 figure would change" in result.output
    assert path.read_bytes() == before
    assert fill("--check", "--diff", path).exit_code == 1
    assert fill("--check", copy_of(MAINTAINED, tmp_path, "clean.yaml")).exit_code == 0


def test_a_missing_totals_row_is_added_in_the_files_style(tmp_path: Path) -> None:
    path = copy_of(MAINTAINED, tmp_path, "2023.yaml")
    yaml = _yaml()
    tree = yaml.load(path.read_text(encoding="utf-8"))
    del tree["tables"]["general_expenditure"]["totals"]
    tree["tables"]["expenditure"]["totals"]["total"] = None  # `total: null`: blank, for fill to write
    stream = io.StringIO()
    yaml.dump(tree, stream)
    path.write_text(stream.getvalue(), encoding="utf-8")
    assert "general_expenditure:\n    units:" in path.read_text(encoding="utf-8")
    assert fill(path).exit_code == 0
    assert path.read_text(encoding="utf-8") == MAINTAINED.read_text(encoding="utf-8")


# ---------------------------------------------------------------- refused: the file is never touched


@pytest.mark.parametrize("change", [
    ("    totals: {total: 1909.07, basic: 1137.99,", "    totals: {total: 1909.07, basic: [1137.99,"),  # YAML error
    ("    totals: {total: 1909.07, basic: 1137.99,", "    totals: {total: 1909.07, basics: 1137.99,"),  # schema
    ("    totals: {total: 1909.07, basic: 1137.99,", "    totals: {total: 1909.07, basic: 1137.990,"),  # 3 decimals
])
def test_a_file_that_does_not_load_or_fails_its_schema_is_refused(tmp_path: Path, change: tuple[str, str]) -> None:
    path = tmp_path / "2023.yaml"
    text = MAINTAINED.read_text(encoding="utf-8").replace(*change)
    path.write_text(text, encoding="utf-8")
    result = fill(path)
    assert result.exit_code == 2
    assert "is not filled" in result.output and f"{path}:170:" in result.output and "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == text


def test_two_derivations_that_disagree_are_refused(tmp_path: Path) -> None:
    """预算12表 states its budget twice (by source and by structure): when they differ, fill does not choose."""
    path = tmp_path / "2023.yaml"
    text = MAINTAINED.read_text(encoding="utf-8").replace(
        "budget: {total: 1909.07, government: 1909.07,", "budget: {total: 1909.07, government: 1900.07,")
    path.write_text(text, encoding="utf-8")
    result = fill(path)
    assert result.exit_code == 2
    assert "tables.department_performance.budget.total" in result.output and "disagree" in result.output
    assert "1900.07 by A118" in result.output and "1909.07 by A118" in result.output
    assert path.read_text(encoding="utf-8") == text


def test_a_file_whose_formatting_the_writer_would_change_is_refused(tmp_path: Path) -> None:
    """`total: ,` (an empty value before a comma) comes back from the YAML writer as `total:,`: fill would
    change more than the figure, so it writes nothing."""
    path = tmp_path / "2023.yaml"
    text = MAINTAINED.read_text(encoding="utf-8").replace("    totals: {total: 1909.07, basic: 1137.99,",
                                                          "    totals: {total: , basic: 1137.99,")
    path.write_text(text, encoding="utf-8")
    result = fill(path)
    assert result.exit_code == 2 and "line 170" in result.output
    assert path.read_text(encoding="utf-8") == text


def test_a_loop_in_the_layouts_sums_is_refused() -> None:
    a, b, c = ("tables", "t", "a"), ("tables", "t", "b"), ("tables", "t", "c")
    assert bottom_up({a: [Derivation(a, (b, c), "A119")], b: [Derivation(b, (c,), "A119")]}) == [b, a]
    with pytest.raises(FillError, match="loop"):
        bottom_up({a: [Derivation(a, (b,), "A119")], b: [Derivation(b, (a,), "A119")]})
    with pytest.raises(FillError, match="loop"):
        bottom_up({a: [Derivation(a, (a, b), "A119")]})


def test_a_linked_file_is_filled_and_the_link_stays(tmp_path: Path) -> None:
    path, original = wrong_total(tmp_path)
    link = tmp_path / "link.yaml"
    link.symlink_to(path.name)
    assert fill(link).exit_code == 0
    assert link.is_symlink() and path.read_text(encoding="utf-8") == original
    assert [entry.name for entry in tmp_path.iterdir() if entry.name.endswith(".tmp")] == []


def test_line_endings_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    path, original = wrong_total(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert fill(path).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + original.encode("utf-8").replace(b"\n", b"\r\n")
