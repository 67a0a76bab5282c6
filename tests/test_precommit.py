"""The pre-commit hook, with the real `pre-commit` and real git in temporary repositories.

A budget repository adopts the hook of this repository (.pre-commit-hooks.yaml) with `repo:` and
`rev:`. Here `repo:` is a temporary git copy of this working tree (uncommitted files included, so
the hook under test is the code under test), and pre-commit builds its own virtualenv from it
(PyPI is used for the dependencies; PRE_COMMIT_HOME keeps that environment inside the test's
temporary folder and shared by the tests of this module).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MAINTAINED, ROOT

from budgetlint.cli import main

BUDGET = "budgets/151-xigong-jiedao/2023.yaml"
ROW = '{code: "2120101", name: 行政运行, total: 812.44'

pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                                reason="needs git and pre-commit (pip install -e '.[test]')")


def environment(**extra: str) -> dict[str, str]:
    """This process's environment without git's per-repository variables (set when the tests run
    inside a git hook), plus `extra`."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")}, **extra}


def run(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=folder, capture_output=True, text=True, env=env or environment(),
                          check=False)


def git(folder: Path, *args: str) -> str:
    result = run(folder, "git", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def new_repository(folder: Path) -> Path:
    folder.mkdir(parents=True)
    git(folder, "init", "-q")
    git(folder, "config", "user.email", "clerk@example.org")
    git(folder, "config", "user.name", "Clerk")
    git(folder, "config", "commit.gpgsign", "false")
    return folder


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git copy of this working tree with one commit: what `repo:` and `rev:` point at."""
    copy = new_repository(tmp_path_factory.mktemp("hook") / "budgetlint")
    listed = run(ROOT, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "--no-verify", "-m", "snapshot of the working tree")
    return copy, git(copy, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def precommit_home(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture()
def budget_repo(tmp_path: Path, hook_repo: tuple[Path, str], precommit_home: str) -> tuple[Path, dict[str, str]]:
    """A budget repository that adopts the hook the way README.md says, with pre-commit installed."""
    repo = new_repository(tmp_path / "budgets-repo")
    url, rev = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {url}\n    rev: {rev}\n    hooks:\n      - id: budgetlint\n", encoding="utf-8")
    env = environment(PRE_COMMIT_HOME=precommit_home)
    installed = run(repo, "pre-commit", "install", env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo, env


def commit(repo: Path, env: dict[str, str], message: str, *paths: str) -> subprocess.CompletedProcess[str]:
    git(repo, "add", *(paths or (".",)))
    return run(repo, "git", "commit", "-m", message, env=env)


def write(repo: Path, name: str, text: str) -> None:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")


def test_clean_commit_passes_and_a_broken_sum_is_rejected(budget_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = budget_repo
    text = MAINTAINED.read_text(encoding="utf-8")
    write(repo, BUDGET, text)
    clean = commit(repo, env, "2023 budget")
    output = clean.stdout + clean.stderr
    assert clean.returncode == 0, output
    assert "budgetlint" in output and "Passed" in output

    assert text.count(ROW) == 2  # 预算03表 and 预算05表; change the 03表 row only
    write(repo, BUDGET, text.replace(ROW, ROW.replace("812.44", "822.44"), 1))
    broken = commit(repo, env, "行政运行 822.44")
    output = broken.stdout + broken.stderr
    assert broken.returncode != 0
    assert "Failed" in output
    assert f"{BUDGET}:" in output and "error A110 预算03表 row 2120101 行政运行 合计 822.44" in output
    assert "error A102 预算03表 unit 151 合计 1909.07 ≠ sum of its rows 1919.07 (diff -10.00)" in output
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "1"  # nothing was committed


def test_only_staged_budget_files_are_checked(budget_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = budget_repo
    text = MAINTAINED.read_text(encoding="utf-8")
    broken = text.replace(ROW, ROW.replace("812.44", "822.44"), 1)
    write(repo, "budgets/999-other/2023.yaml", broken)
    git(repo, "add", "budgets/999-other/2023.yaml")
    assert run(repo, "git", "commit", "-q", "--no-verify", "-m", "broken, without the hook", env=env).returncode == 0

    write(repo, BUDGET, text)
    result = commit(repo, env, "our budget", BUDGET)
    assert result.returncode == 0, result.stdout + result.stderr  # the broken file is not staged: not checked

    write(repo, "notes.txt", "not a budget\n")
    result = commit(repo, env, "notes", "notes.txt")
    assert result.returncode == 0 and "(no files to check)" in result.stdout + result.stderr


def test_last_years_file_is_read_though_not_staged(budget_repo: tuple[Path, dict[str, str]]) -> None:
    """The 2023 narrative states changes on 2022; budgetlint reads 2022.yaml beside the staged file."""
    repo, env = budget_repo
    text = MAINTAINED.read_text(encoding="utf-8")
    assert "\nfiscal_year: 2023\n" in text
    # a 2022 file with the same totals as 2023, so the stated 增加 208.86万元 cannot be right
    write(repo, "budgets/151-xigong-jiedao/2022.yaml", text.replace("\nfiscal_year: 2023\n", "\nfiscal_year: 2022\n"))
    git(repo, "add", ".")
    assert run(repo, "git", "commit", "-q", "--no-verify", "-m", "2022", env=env).returncode == 0

    write(repo, BUDGET, text)
    result = commit(repo, env, "2023", BUDGET)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "2022.yaml" not in output.split("Failed")[0]  # pre-commit passed only the staged file …
    assert "A403" in output and "2022" in output  # … and budgetlint compared it with last year's file


def test_this_repositorys_own_hooks(hook_repo: tuple[Path, str], precommit_home: str, tmp_path: Path) -> None:
    """.pre-commit-config.yaml of this repository: budgetlint on budgets/ and check-jsonschema, both
    local hooks using the installed tools (no network)."""
    copy = tmp_path / "this-repo"
    shutil.copytree(hook_repo[0], copy)
    env = environment(PRE_COMMIT_HOME=precommit_home)
    result = run(copy, "pre-commit", "run", "--all-files", env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for hook in ("budgetlint check (budgets/)", "against schema/budget.schema.json (check-jsonschema)",
                 "is a valid JSON Schema"):
        assert hook in output

    budget = copy / BUDGET
    budget.write_text(budget.read_text(encoding="utf-8").replace("total: 812.44", 'total: "812.44"', 1),
                      encoding="utf-8")
    result = run(copy, "pre-commit", "run", "--files", BUDGET, env=env)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "S001" in output  # budgetlint: text where an amount belongs
    assert "is not of type 'number'" in output  # check-jsonschema says the same


def test_the_hook_that_init_writes_installs_and_runs(hook_repo: tuple[Path, str], precommit_home: str,
                                                     tmp_path: Path) -> None:
    """`budgetlint init --hook-repo URL` without --hook-rev writes the commit the repository's HEAD points
    at (no tag is guessed), and pre-commit installs budgetlint from it and checks the commit."""
    url, head = hook_repo
    repo = tmp_path / "budgets-repo"
    result = CliRunner().invoke(main, ["init", str(repo), "--hook-repo", str(url)])
    assert result.exit_code == 0, result.output
    assert f'rev: "{head}"' in (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    git(repo, "config", "user.email", "clerk@example.org")
    git(repo, "config", "user.name", "Clerk")
    env = environment(PRE_COMMIT_HOME=precommit_home)
    installed = run(repo, "pre-commit", "install", env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    write(repo, BUDGET, MAINTAINED.read_text(encoding="utf-8"))
    result = commit(repo, env, "2023 budget")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "budgetlint" in output and "Passed" in output
