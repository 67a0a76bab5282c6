"""`budgetlint textconv`: the canonical one-figure-per-line view, and git using it as a diff driver
in a real temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import MAINTAINED, write_budget

from budgetlint.cli import main
from budgetlint.gitools import TEXTCONV, textconv_text

LINE = "预算03表 expenditure 151 2120101 行政运行 | 基本支出 小计 = 812.44"


def textconv(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["textconv", str(path)])
    return result.exit_code, result.output


def test_one_figure_per_line_naming_table_unit_code_and_name() -> None:
    code, out = textconv(MAINTAINED)
    assert code == 0
    lines = out.splitlines()
    assert LINE in lines
    assert "预算03表 expenditure 151 2120101 行政运行 | 合计 = 812.44" in lines
    assert "预算11表 projects 151 410303220000000013469 服务群众专项经费-差旅费 | 项目类型 = 其他运转类" in lines
    assert "file | 预算年度 = 2023" in lines
    assert "narrative 一 收入支出预算总体情况说明 | 正文 = " + (
        "洛阳市西工区西工街道办事处 2023年收入总计 1909.07万元，支出总计 1909.07 万元，与 2022 年预算相比，"
        "收支总计各增加208.86万元，增长 12.28%。主要原因人员增加，工资及社保费用增加，上级不再承担社区人员工资。"
    ) in lines
    assert len(lines) == len(set(lines)), "every line names one figure of its own"


def test_tables_in_template_order_rows_by_code() -> None:
    lines = textconv(MAINTAINED)[1].splitlines()
    tables = [line.split()[0] for line in lines if line.startswith("预算")]
    assert tables == sorted(tables)  # 预算01表 … 预算13表
    codes = [line.split()[3] for line in lines if line.startswith("预算03表 expenditure 151 2")]
    assert codes == sorted(codes)


def test_paragraphs_are_lines_of_their_own() -> None:
    lines = textconv(MAINTAINED)[1].splitlines()
    section = [line for line in lines if line.startswith("narrative 七 ")]
    assert [line.split(" = ")[0].rsplit(" ", 1)[-1] for line in section] == ["¶1", "¶2", "¶3", "¶4", "¶5"]


def test_moving_rows_does_not_change_the_view(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    maintained_data["tables"]["expenditure"]["units"][0]["rows"].reverse()
    maintained_data["tables"]["projects"]["units"][0]["rows"].reverse()
    assert textconv_text(write_budget(tmp_path, maintained_data)) == textconv_text(MAINTAINED)


def test_an_unreadable_file_is_shown_raw_after_a_note(tmp_path: Path) -> None:
    broken = tmp_path / "2023.yaml"
    broken.write_text("fiscal_year: 2023\ntables: [\n  {code: 1\n", encoding="utf-8")
    code, out = textconv(broken)
    assert code == 0
    first, rest = out.split("\n", 1)
    assert first.startswith(f"# budgetlint textconv: could not parse {broken} (line ")
    assert "Y001" in first and "raw text follows" in first
    assert rest == broken.read_text(encoding="utf-8")
    assert "Traceback" not in out


@pytest.mark.parametrize("content", [
    b"\xb9\xfa\xbc\xd2: 1\n",  # GBK, as saved by Excel on Chinese Windows
    b"",  # empty
    b"- a list\n- not a budget\n",
    b"tables: 3\nnarrative: [1, {text: 2}]\ndepartment: {units: [[1]]}\n",  # odd shapes
])
def test_nothing_makes_textconv_fail(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    code, out = textconv(path)
    assert code == 0 and "Traceback" not in out


def git(folder: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True, env=env).stdout


def budget_repository(folder: Path) -> Path:
    """A git repository with the diff driver as `budgetlint init` sets it up, and the maintained budget
    committed; returns the budget file."""
    git(folder, "init", "-q")
    git(folder, "config", "user.email", "clerk@example.org")
    git(folder, "config", "user.name", "Clerk")
    git(folder, "config", "diff.budgetlint.textconv", TEXTCONV)
    (folder / ".gitattributes").write_text("budgets/**/*.yaml diff=budgetlint\n", encoding="utf-8")
    budget = folder / "budgets" / "151 西工 街道" / "2023.yaml"  # a name git passes on as it is
    budget.parent.mkdir(parents=True)
    shutil.copy(MAINTAINED, budget)
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "2023")
    return budget


@pytest.mark.skipif(shutil.which("budgetlint") is None, reason="needs the budgetlint command on PATH (pip install -e .)")
def test_git_diff_and_log_show_budget_lines(tmp_path: Path, maintained_data: dict[str, Any]) -> None:
    """The setup `budgetlint init` makes, in a real repository: git diff names the changed budget line."""
    folder = budget_repository(tmp_path).parent
    maintained_data["tables"]["expenditure"]["units"][0]["rows"][6]["basic"] = D("820.00")
    assert maintained_data["tables"]["expenditure"]["units"][0]["rows"][6]["code"] == "2120101"
    write_budget(folder, maintained_data)  # rewritten in another layout: the view is the same

    changed = [line for line in git(tmp_path, "diff").splitlines() if line.startswith(("-", "+"))
               and not line.startswith(("---", "+++"))]
    assert changed == ["-" + LINE, "+" + LINE.replace("812.44", "820.00")]

    git(tmp_path, "commit", "-q", "-am", "行政运行 基本支出")
    log = git(tmp_path, "log", "-p", "-1")
    assert "+" + LINE.replace("812.44", "820.00") in log.splitlines()
    raw = git(tmp_path, "diff", "--no-textconv", "HEAD~1", "HEAD")
    assert "基本支出 小计" not in raw  # without the driver git shows YAML lines


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("sh") is None, reason="needs git and sh")
def test_git_diff_shows_the_plain_text_where_budgetlint_cannot_run(tmp_path: Path) -> None:
    """A clone where budgetlint is not installed: `git diff` works, on the YAML lines, after a note."""
    budget = budget_repository(tmp_path)
    text = budget.read_text(encoding="utf-8")
    budget.write_text(text.replace("total: 812.44, basic: 812.44", "total: 822.44, basic: 812.44", 1), encoding="utf-8")
    # git, sh and cat, but no budgetlint (nor the Python it is installed in)
    path = os.pathsep.join(dict.fromkeys(os.path.dirname(shutil.which(tool) or "") for tool in ("git", "sh", "cat")))
    if shutil.which("budgetlint", path=path):
        pytest.skip(f"budgetlint is installed beside git or sh ({path}): cannot run git without it")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")}, "PATH": path}
    shown = git(tmp_path, "show", "HEAD", env=env).splitlines()  # the committed file: its text after one note
    note = shown.index("+(budgetlint not available: plain text)")
    assert shown[note + 1:] == ["+" + line for line in text.splitlines()]
    diff = git(tmp_path, "diff", env=env)  # exit code 0: git ran the driver and it did not fail
    changed = [line for line in diff.splitlines() if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))]
    before = next(line for line in text.splitlines() if "total: 812.44, basic: 812.44" in line)
    assert changed == ["-" + before, "+" + before.replace("total: 812.44", "total: 822.44")]
    # with budgetlint on PATH, the same repository shows budget lines
    if shutil.which("budgetlint"):
        assert "-" + LINE.replace("基本支出 小计", "合计") in git(tmp_path, "diff").splitlines()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe (POSIX)")
def test_textconv_writes_nothing_when_it_fails(tmp_path: Path) -> None:
    """The diff driver shows the plain text when `budgetlint textconv` fails: it must not have written a
    part of its view first (the view is written in one piece, at the end)."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "budgetlint.cli", "textconv", str(fifo)], capture_output=True,
                            timeout=120, check=False)
    assert result.returncode == 2 and result.stdout == b"" and b"not a regular file" in result.stderr


def test_a_duplicated_code_keeps_both_rows(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    rows = maintained_data["tables"]["expenditure"]["units"][0]["rows"]
    rows.append(dict(rows[0], total=D("1.00")))
    lines = textconv(write_budget(tmp_path, maintained_data))[1].splitlines()
    assert "预算03表 expenditure 151 2013202 一般行政管理事务 | 合计 = 3.00" in lines
    assert "预算03表 expenditure 151 2013202#2 一般行政管理事务 | 合计 = 1.00" in lines
