"""Issue 17 item 10: bounded cost.

- Laying out a disclosure for `render` and `site` is linear in the rows. It was quadratic: each 类 row
  printed without amounts looked at every row for the rows under it, and each row of 预算01/04表 that
  the layout does not list searched the table from the start for its place (28,000 rows: minutes).
  The guard counts function calls (deterministic, whatever the machine's speed): four times the rows
  must cost about four times the calls, not sixteen. It is a guard, not a benchmark.
- A file stays under the size limits (MAX_FILE_BYTES, MAX_VALUES) or it is refused with a finding
  that names the limit and the file's size, in check, diff and textconv alike; under the limits one
  file costs well under 1 GB (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from budgetlint.render.layout import layout_disclosure, row_lines
from conftest import LAUNCHER, MAINTAINED, TODAY, dump, load_data

from budgetlint.loader import MAX_FILE_BYTES, MAX_VALUES

ROOT = Path(__file__).resolve().parent.parent


def with_rows(count: int) -> dict[str, Any]:
    """The maintained budget with `count` more rows in each table whose layout was quadratic: 预算01表 and
    预算04表 rows the layout does not list (in reverse code order), and 预算03表 类/款 rows printed without
    amounts above their 项 rows."""
    data = load_data(MAINTAINED)
    tables = data["tables"]
    summary_row = tables["summary"]["expenditure"][0]
    tables["summary"]["expenditure"] += [dict(summary_row, code=f"9{n:06d}") for n in reversed(range(count))]
    fiscal_rows = tables["fiscal_summary"]["expenditure"]["rows"]
    fiscal_rows += [dict(fiscal_rows[0], code=f"9{n:06d}") for n in reversed(range(count))]
    unit_rows = tables["expenditure"]["units"][0]["rows"]
    for n in range(count // 2):
        unit_rows += [{"code": f"8{n:05d}", "name": "类"}, dict(unit_rows[0], code=f"8{n:05d}01")]
    return data


def calls_made(work: Callable[[], object]) -> int:
    """How many Python and C functions `work()` calls: deterministic, whatever the machine's speed."""
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def calls_to_lay_out(data: dict[str, Any]) -> int:
    return calls_made(lambda: layout_disclosure(data))


def test_laying_out_a_disclosure_is_linear_in_its_rows() -> None:
    calls_to_lay_out(with_rows(0))  # once first: layouts and templates are read once per process
    base = calls_to_lay_out(with_rows(0))
    small, large = calls_to_lay_out(with_rows(500)) - base, calls_to_lay_out(with_rows(2000)) - base
    # The calls the added rows cost. Linear: 4 times as many for 4 times the rows (measured: 4.0).
    # Quadratic, as before: 11.8 at these sizes, and more for more rows.
    assert large / small < 6, (small, large)


def test_rows_the_layout_does_not_list_keep_their_place_and_class_rows_their_sums() -> None:
    data = load_data(MAINTAINED)
    rows = data["tables"]["fiscal_summary"]["expenditure"]["rows"]
    rows += [dict(rows[0], code=code, name=f"added {code}") for code in ("999", "2012", "200", "2011")]
    disclosure = layout_disclosure(data)
    fiscal = next(table for table in disclosure.tables if table.key == "fiscal_summary")
    labels = [" ".join(cell.text for cell in row if cell.kind != "amount") for row in fiscal.grids[0].body]
    added = [label.split("added ")[1] for label in labels if "added" in label]
    # Each just before the first layout row with a greater code (201, 202), in file order among
    # themselves; 999 after the last.
    assert added == ["200", "2012", "2011", "999"]
    assert labels.index(next(label for label in labels if "added 2011" in label)) + 1 == \
        labels.index(next(label for label in labels if "202" in label or "外交" in label))
    # 类/款 rows without amounts: the sum of the rows under them that have none under them.
    rows = [{"code": "8"}, {"code": "801"}, {"code": "80101", "total": Decimal("1.00")}, {"code": "9", "total": 7},
            {"code": "80102", "total": Decimal("2.50"), "basic": 1}, {"code": "802", "total": Decimal(4)},
            {"code": "801"}, {"code": "", "total": 5}]
    lines = row_lines(rows, [])
    assert [line.amounts for line in lines] == [
        {("total",): Decimal("7.50"), ("basic",): 1}, {("total",): Decimal("3.50"), ("basic",): 1},
        {("total",): Decimal("1.00")}, {("total",): 7}, {("total",): Decimal("2.50"), ("basic",): 1},
        {("total",): 4}, {("total",): Decimal("3.50"), ("basic",): 1}, {("total",): 5}]
    assert [line.all_computed for line in lines] == [True, True, False, False, False, False, True, False]


# ---------------------------------------------------------------- size limits


def many_values(count: int) -> str:
    """The maintained budget with a list of `count` short values appended (an unknown key)."""
    return MAINTAINED.read_text(encoding="utf-8") + "extra: [" + ",".join(["1"] * count) + "]\n"


@dataclass
class Run:
    code: int
    out: str
    peak_mib: float  # of the command's process alone


def run(*args: str | Path, cwd: Path | None = None) -> Run:
    """budgetlint in a process of its own, as CI runs it (big files are read there, not in pytest's
    process): its exit code, output and peak memory."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    with tempfile.TemporaryDirectory() as folder:
        out, peak = Path(folder, "out"), Path(folder, "peak")
        with out.open("wb") as stream:
            code = subprocess.run([sys.executable, "-c", LAUNCHER, str(peak), sys.executable, "-m", "budgetlint.cli",
                                   *map(str, args)], cwd=cwd, stdout=stream, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, env=env, check=False).returncode
        text = out.read_text(encoding="utf-8", errors="replace")
        peak_mib = int(peak.read_text()) / 1024
    assert "Traceback" not in text, text[-3000:]
    return Run(code, text, peak_mib)


def test_a_file_with_too_many_values_is_a_finding_in_check(tmp_path: Path) -> None:
    path = tmp_path / "2023.yaml"
    path.write_text(many_values(MAX_VALUES + 10), encoding="utf-8")  # 1 MB: 40 MB of these took 5.5 GB
    result = run("check", "--format", "json", path)
    [finding] = json.loads(result.out)["findings"]
    assert result.code == 1 and finding["rule"] == "Y007"
    assert f"{MAX_VALUES:,} values" in finding["message"] and "MiB" in finding["message"]
    assert "1 GB" in finding["message"]
    assert finding["line"] == path.read_text(encoding="utf-8").count("\n")  # where reading stopped: the last line
    path.write_text(many_values(MAX_VALUES // 2), encoding="utf-8")
    result = run("check", "--format", "json", path)
    assert {f["rule"] for f in json.loads(result.out)["findings"]} == {"S002"}  # under the limit: read, checked


def test_check_of_a_file_at_the_limit_stays_far_under_a_gigabyte(tmp_path: Path) -> None:
    # Short values cost the most per byte (a position each, once a finding needs one).
    path = tmp_path / "2023.yaml"
    path.write_text(many_values(MAX_VALUES - 2000), encoding="utf-8")
    result = run("check", "--jobs", "1", path)
    assert result.code == 1 and "S002" in result.out
    assert result.peak_mib < 400  # measured 167


def test_positions_of_a_file_over_the_limit_are_bounded_too(tmp_path: Path) -> None:
    # A duplicate key is placed by reading the file again for positions: that reading stops at the
    # limit too (it went on to the end: 4 million values took 1.2 GB).
    path = tmp_path / "2023.yaml"
    path.write_text("a: 1\na: 2\n" + many_values(4 * MAX_VALUES), encoding="utf-8")
    result = run("check", "--format", "json", "--jobs", "1", path)
    assert [f["rule"] for f in json.loads(result.out)["findings"]] == ["Y003", "Y007"]
    assert result.peak_mib < 400  # measured 177


@pytest.mark.parametrize("command", ["diff", "textconv"])
def test_diff_and_textconv_have_the_same_limits(tmp_path: Path, command: str) -> None:
    path = tmp_path / "2023.yaml"
    path.write_text(many_values(MAX_VALUES + 10), encoding="utf-8")
    result = run("diff", MAINTAINED, path) if command == "diff" else run("textconv", path)
    assert f"{MAX_VALUES:,} values" in result.out
    assert result.code == (2 if command == "diff" else 0), result.out[-2000:]
    if command == "textconv":
        assert len(result.out) < 2 * path.stat().st_size  # the raw text, once, after the reason


def test_a_file_over_the_byte_limit_is_refused_by_diff_and_textconv_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "2023.yaml"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    result = run("diff", MAINTAINED, path)
    assert result.code == 2 and "MiB" in result.out
    result = run("textconv", path)
    assert result.code == 0 and "MiB" in result.out
    assert len(result.out) < 1000  # the reason only: no raw text of a file that size
    assert result.peak_mib < 100


def test_diff_reads_at_most_the_limit_from_git(tmp_path: Path) -> None:
    repository = tmp_path / "repository"
    repository.mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repository,
                       check=True, capture_output=True)

    git("init", "-q")
    with (repository / "2023.yaml").open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # zeros: git stores them compressed
    git("add", "2023.yaml")
    git("commit", "-q", "-m", "big")
    shutil.copy(MAINTAINED, repository / "new.yaml")
    result = run("diff", "HEAD:2023.yaml", "new.yaml", cwd=repository)
    assert result.code == 2 and f"larger than the {MAX_FILE_BYTES // 1048576} MiB" in result.out, result.out
    assert result.peak_mib < 100  # not the whole blob in memory


def calls_to_find_unexplained_changes(paragraphs: int) -> int:
    """Calls T502 makes on a narrative section of `paragraphs` paragraphs, each stating a change and
    none giving its reason (the case that made it look ahead from every paragraph to the section's end)."""
    from budgetlint.model import Budget
    from budgetlint.narrative import read_paragraphs
    from budgetlint.rules.text import change_without_reason

    data = load_data(MAINTAINED)
    data["narrative"][0]["text"] = "\n\n".join(["收支总计各增加208.86万元，增长12.28%。"] * paragraphs)
    budget = Budget.of(data)
    read_paragraphs(budget)  # reading the text is linear and not what this measures
    assert len(list(change_without_reason(budget))) >= paragraphs
    return calls_made(lambda: list(change_without_reason(budget)))


def test_finding_changes_without_reason_is_linear_in_the_paragraphs() -> None:
    small, large = calls_to_find_unexplained_changes(200), calls_to_find_unexplained_changes(800)
    # Linear: 4 times the calls for 4 times the paragraphs; quadratic (before): about 16.
    assert large / small < 6, (small, large)


def test_a_large_file_is_checked_alone_and_the_report_keeps_the_order_of_the_files(tmp_path: Path) -> None:
    """`check --jobs N` holds at most one large file at a time: memory is not N times a large file's."""
    from budgetlint.lint import ALONE_BYTES, lint, plan_work

    text = MAINTAINED.read_text(encoding="utf-8")
    data = load_data(MAINTAINED)
    data["glossary"][0]["definition"] = "说明" * (ALONE_BYTES // 3)  # over ALONE_BYTES in UTF-8
    data["tables"]["summary"]["this_year_revenue"] += 1  # a finding of its own, to see where it lands
    folders = []
    for index in range(10):
        folder = tmp_path / f"{index:02d}"
        folder.mkdir()
        folders.append(folder)
        if index == 3:
            (folder / "2023.yaml").write_text(dump(data), encoding="utf-8")
        else:
            (folder / "2023.yaml").write_text(text.replace("1909.07", f"1909.0{index}", 1), encoding="utf-8")
    work = [(str(folder / "2023.yaml"), None, None) for folder in folders]
    pooled, alone = plan_work(work)  # type: ignore[arg-type]
    assert [item[0] for item in alone] == [str(folders[3] / "2023.yaml")] and len(pooled) == 9
    in_parallel = lint([str(tmp_path)], jobs=2, today=TODAY).findings
    assert in_parallel == lint([str(tmp_path)], jobs=1, today=TODAY).findings
    assert any(f.file.endswith("03/2023.yaml") for f in in_parallel)
