"""`budgetlint fill` (issue 16, item 4): the totals and subtotals a layout derives are written from their
parts, in place, with comments and layout kept byte for byte.

The fixtures are the repository's real documents: the maintained Henan budget and clean copies of the
Shanghai publications (made as tests/test_layouts.py makes them), with their derived figures taken out
by ruamel.yaml's round trip — the file otherwise as it was — and filled back.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import MAINTAINED, TODAY, dump, load_data
from ruamel.yaml import YAML
from test_layouts import BANGONGSHI, CAIZHENG, JUESUAN, WANLI, corrected

from budgetlint.fill import FillError, bottom_up, fill_command, fill_file, round_trip, value_at
from budgetlint.findings import ERROR, format_path
from budgetlint.lint import check_file
from budgetlint.loader import load_file, load_text
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


def test_an_empty_figure_before_a_comma_is_written_in_its_place(tmp_path: Path) -> None:
    """`total: ,` (blank in a `{…}`) comes back from ruamel's round trip as `total:,`, which fill used to
    refuse; written by position, the figure goes after the colon and nothing else changes."""
    path = tmp_path / "2023.yaml"
    path.write_text(MAINTAINED.read_text(encoding="utf-8").replace("    totals: {total: 1909.07, basic: 1137.99,",
                                                                   "    totals: {total: , basic: 1137.99,"),
                    encoding="utf-8")
    result = fill(path)
    assert result.exit_code == 0
    assert f"{path}:170:" in result.output and "(tables.expenditure.totals.total) (blank) → 1909.07" in result.output
    assert path.read_text(encoding="utf-8") == MAINTAINED.read_text(encoding="utf-8")


def test_an_end_of_line_comment_keeps_its_column_where_its_spaces_allow(tmp_path: Path) -> None:
    """A figure that grows takes the spaces before the comment after it, as many as it can: at least the
    two typed stay. A figure of the same width leaves the line as it was."""
    original = MAINTAINED.read_text(encoding="utf-8")
    typed = original.replace("    this_year_expenditure: 1909.07\n", "    this_year_expenditure: 1909.07  # 本年支出\n")
    typed = typed.replace("    revenue_total: 1909.07\n", "    revenue_total: 1909.07          # 收入总计\n")
    typed = typed.replace("    expenditure_total: 1909.07\n", "    expenditure_total: 1909.07  # 支出总计\n")
    assert typed.count("# 收入总计") == 1 and typed.count("# 本年支出") == 1 and typed.count("# 支出总计") == 1
    path = tmp_path / "2023.yaml"
    path.write_text(typed.replace("this_year_expenditure: 1909.07  #", "this_year_expenditure: ~  #")
                    .replace("revenue_total: 1909.07          #", "revenue_total:                  #")
                    .replace("expenditure_total: 1909.07  #", "expenditure_total: 1999.99  #"), encoding="utf-8")
    result = fill(path)
    assert result.exit_code == 0 and "3 figures written" in result.output
    assert path.read_text(encoding="utf-8") == typed


def test_what_cannot_be_written_by_position_goes_through_the_round_trip_or_is_refused(tmp_path: Path) -> None:
    """A blank figure written as a bare key (`{total, basic: …}`, YAML for `total: null`) has no colon to
    write after: fill takes ruamel's round trip for it, which would write that line `total: null` — more
    than the figure — so fill writes nothing and names the line."""
    path = tmp_path / "2023.yaml"
    text = MAINTAINED.read_text(encoding="utf-8").replace("    totals: {total: 1909.07, basic: 1137.99,",
                                                          "    totals: {total, basic: 1137.99,")
    path.write_text(text, encoding="utf-8")
    result = fill(path)
    assert result.exit_code == 2 and "formatting at line 170" in result.output
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


# ---------------------------------------------------------------- hand-formatted files: written by position
#
# A clerk's file is formatted by hand in ways ruamel.yaml's round trip does not give back (fill used to
# refuse such a file). Each case below is a real file reformatted one such way; its derived figures are then
# spoiled by text (made wrong, blanked or taken out) and fill must give back the file exactly as typed.


def _tables_lines(text: str) -> tuple[list[str], range]:
    """The lines of a file (ends kept) and those of its `tables:` (the part reformatted), its first line
    left out."""
    lines = text.splitlines(keepends=True)
    start = next(index for index, line in enumerate(lines) if line.startswith("tables:")) + 1
    end = next((index for index in range(start, len(lines)) if re.match(r"[a-z_]+:", lines[index])), len(lines))
    return lines, range(start, end)


def _entries(inside: str) -> list[str]:
    """The entries of a one-line `{…}`, split at its own commas (not those of a nested `{…}` or a quote)."""
    entries, depth, quoted, start = [], 0, False, 0
    for index, character in enumerate(inside):
        if character == '"':
            quoted = not quoted
        elif not quoted and character in "{[":
            depth += 1
        elif not quoted and character in "}]":
            depth -= 1
        elif not quoted and depth == 0 and inside.startswith(", ", index):
            entries.append(inside[start:index])
            start = index + 2
    return [*entries, inside[start:]]


_FLOW_LINE = re.compile(r"( *(?:- |[A-Za-z_]\w*: ))\{(.*)\}(\n?)")


def split_mappings(text: str, comment: str = "") -> str:
    """Every `{…}` of four entries or more broken after every third entry, the next lines under its first
    entry; with `comment`, an end-of-line comment after each line that is continued."""
    lines, tables = _tables_lines(text)
    for index in tables:
        match = _FLOW_LINE.fullmatch(lines[index])
        entries = _entries(match.group(2)) if match else []
        if len(entries) < 4:
            continue
        lead, end = match.group(1), match.group(3)
        chunks = [", ".join(entries[at:at + 3]) for at in range(0, len(entries), 3)]
        lines[index] = (f",{comment}\n{' ' * (len(lead) + 1)}".join(chunks)).join((f"{lead}{{", f"}}{end}"))
    return "".join(lines)


def flow_lists(text: str) -> str:
    """Every list of one-line `- {…}` rows written as one flow list, a row a line, `[` after its key; a
    row's end-of-line comment stays after it, a comment line between rows stays there."""
    lines, tables = _tables_lines(text)
    out, index = lines[:tables.start], tables.start
    while index < tables.stop:
        key = re.fullmatch(r"( *)([A-Za-z_]\w*):\n", lines[index])
        rows = []
        while key and index + 1 + len(rows) < tables.stop:
            line = lines[index + 1 + len(rows)]
            row = re.fullmatch(r"( *)- (\{.*\})( +#.*)?\n", line)
            if re.fullmatch(r" *#.*\n", line) and rows:
                rows.append(("", line.strip()))
                continue
            if not row or len(row.group(1)) < len(key.group(1)):
                break
            rows.append((row.group(2), row.group(3) or ""))
        while rows and not rows[-1][0]:
            rows.pop()  # a comment line after the list is not the list's
        if not rows:
            out.append(lines[index])
            index += 1
            continue
        assert key is not None
        under = " " * (len(key.group(1)) + len(key.group(2)) + 3)
        written = [f"{row}{(',' if at < len(rows) - 1 else ']') if row else ''}{comment}"
                   for at, (row, comment) in enumerate(rows)]
        out.append(f"{key.group(1)}{key.group(2)}: [" + f"\n{under}".join(written) + "\n")
        index += 1 + len(rows)
    return "".join(out + lines[tables.stop:])


def more_spaces(text: str) -> str:
    """Two spaces after every key's colon and three after every comma between entries of a `{…}`."""
    lines, tables = _tables_lines(text)
    for index in tables:
        if "#" not in lines[index]:
            line = re.sub(r"(?<=[A-Za-z_0-9]): (?=\S)", ":  ", lines[index])
            lines[index] = re.sub(r", (?=[A-Za-z_]\w*:)", ",   ", line) if "{" in line else line
    return "".join(lines)


def odd_indentation(text: str) -> str:
    """The tables indented by three spaces under `tables:`, not two (everything in them one further)."""
    lines, tables = _tables_lines(text)
    for index in tables:
        lines[index] = " " + lines[index] if lines[index].strip() else lines[index]
    return "".join(lines)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def pasted(text: str) -> str:
    """The tables pasted from a Windows file: CRLF there, LF before."""
    lines, tables = _tables_lines(text)
    return "".join(lines[:tables.start]) + "".join(lines[tables.start:tables.stop]).replace("\n", "\r\n") + \
        "".join(lines[tables.stop:])


HAND_FORMATTED = {
    "flow-mappings-split-across-lines": split_mappings,
    "flow-lists-split-across-lines": flow_lists,
    "extra-spaces-after-colons-and-commas": more_spaces,
    "comments-at-the-end-of-flow-lines": lambda text: split_mappings(text, "  # 续下行"),
    "crlf-line-endings": lambda text: crlf(split_mappings(text)),
    "mixed-line-endings": lambda text: pasted(split_mappings(text)),
    "odd-indentation": odd_indentation,
}


def written_places(text: str) -> dict[tuple[Any, ...], tuple[bool, int, int, int, int | None]]:
    """Where each scalar value of a mapping is written, by PyYAML's events (not fill's code): path →
    (in a `{…}`, key start, value start, value end, end of the entry before it in the mapping or None)."""
    places: dict[tuple[Any, ...], tuple[bool, int, int, int, int | None]] = {}
    stack: list[list[Any]] = []  # per open collection: path, flow, mapping, key waiting, key start, last end
    parser = yaml.CSafeLoader(text) if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader(text)
    for event in iter(parser.get_event, None):
        if isinstance(event, yaml.StreamEndEvent):
            break
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            if stack:
                stack[-1][5] = event.end_mark.index  # where the entry before the next one ends
        if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            continue
        top = stack[-1] if stack else None
        if top is not None and top[2] and top[3] is None:
            top[3], top[4] = event.value, event.start_mark.index
            continue
        path = () if top is None else (*top[0], top[3] if top[2] else top[6])
        if top is not None:
            if top[2]:
                if isinstance(event, yaml.ScalarEvent):
                    places[path] = (top[1], top[4], event.start_mark.index, event.end_mark.index, top[5])
                top[3] = None
            else:
                top[6] += 1
            top[5] = event.end_mark.index
        if not isinstance(event, yaml.ScalarEvent):
            stack.append([path, bool(event.flow_style), isinstance(event, yaml.MappingStartEvent), None, 0, None, 0])
    parser.dispose()
    return places


def spoil(text: str) -> tuple[str, dict[str, int]]:
    """The file with its derived figures spoiled by text, in turn: made wrong (same width: `1909.07` →
    `9999.99`), blanked (`~`) or taken out with its comma (`, total: 3.00`, or its line in a block
    mapping); a line with a comment only gets wrong figures. How many figures were spoiled each way."""
    budget = Budget(load_text(text, "typed.yaml").document)  # type: ignore[arg-type]
    places = written_places(text)
    edits, done = [], {"wrong": 0, "blank": 0, "taken out": 0}
    written = {}  # the derived figures some part of which is written, each once (a figure may be derived two ways)
    for derivation in derivations(budget):
        if derivation.target in places and any(value_at(budget.data, part) is not None for part in derivation.parts):
            written[derivation.target] = places[derivation.target]
    for number, place in enumerate(written.values()):
        flow, key, start, end, before = place
        line_start, line_end = text.rfind("\n", 0, key) + 1, text.find("\n", end)
        commented = "#" in text[line_start:line_end]
        if number % 3 == 1 and not commented:
            edits.append((start, end, "~", "blank"))
        elif number % 3 == 2 and not commented and flow and before is not None and "\n" not in text[before:end]:
            edits.append((before, end, "", "taken out"))
        elif number % 3 == 2 and not commented and not flow and not text[line_start:key].strip():
            edits.append((line_start, line_end + 1, "", "taken out"))
        else:
            figure = text[start:end]
            edits.append((start, end, re.sub(r"\d", "8" if set(figure) <= set("9.") else "9", figure), "wrong"))
    for start, end, new, how in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
        done[how] += 1
    return text, done


def sum_errors(path: Path) -> set[tuple[str, str]]:
    return {(f.rule, f.path) for f in errors(path) if f.rule.startswith("A1")}


@pytest.mark.parametrize("source", [MAINTAINED, BANGONGSHI], ids=["maintained", "bangongshi"])
@pytest.mark.parametrize("case", HAND_FORMATTED)
def test_a_hand_formatted_file_is_filled_where_its_figures_are_written(tmp_path: Path, source: Path, case: str) -> None:
    typed = HAND_FORMATTED[case](source.read_text(encoding="utf-8"))
    assert typed != source.read_text(encoding="utf-8")
    assert load_text(typed, "typed.yaml").document.data == load_data(source)  # type: ignore[union-attr]
    with pytest.raises(FillError, match="formatting at line"):  # the round trip would change it
        round_trip(typed.replace("\r\n", "\n"), "typed.yaml")
    broken, spoiled = spoil(typed)
    assert min(spoiled.values()) > 0 and sum(spoiled.values()) > 60, spoiled
    path = tmp_path / ("2023.yaml" if source == MAINTAINED else source.name)
    path.write_bytes(broken.encode("utf-8"))
    result = fill(path)
    assert result.exit_code == 0, result.output
    assert result.output.count(" → ") == sum(spoiled.values())
    assert path.read_bytes().decode("utf-8") == typed  # the figures, and every other character as typed
    assert sum_errors(path) <= sum_errors(source)
