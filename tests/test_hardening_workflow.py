"""Issue 17 item 11 (part): the CI workflow that `budgetlint init` writes compares every changed budget
file of a pull request: names with spaces, Chinese characters or quotes, `*.yml` as well as `*.yaml`.
The old step split `git diff --name-only` on spaces and got Chinese names quoted and escaped."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MAINTAINED

from budgetlint.gitools import planned_files

CHANGED = ["budgets/151-xigong-jiedao/2023.yaml", "budgets/152 西工 街道/2023.yaml", "budgets/153-洛阳/2023.yml",
           "budgets/154-it's/2023.yaml"]


def diff_step() -> dict[str, Any]:
    workflow = next(f.text for f in planned_files(False, "budgetlint") if f.path == ".github/workflows/budget.yml")
    steps = yaml.safe_load(workflow)["jobs"]["check"]["steps"]
    return next(step for step in steps if "diff" in step.get("name", "").lower())


def git(repository: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=clerk", "-c", "user.email=clerk@example.org", *args], cwd=repository,
                   check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None or shutil.which("budgetlint") is None,
                    reason="needs git, bash and the budgetlint command")
def test_the_pull_request_diff_step_compares_every_changed_budget_file(tmp_path: Path) -> None:
    repository = tmp_path / "repository"
    repository.mkdir()
    git(repository, "init", "-q", "-b", "main")
    for name in CHANGED:
        (repository / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(MAINTAINED, repository / name)
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "budgets")
    git(repository, "update-ref", "refs/remotes/origin/main", "main")  # what actions/checkout fetches
    git(repository, "checkout", "-q", "-b", "change")
    for name in CHANGED:  # each pull request changes one figure of every file
        path = repository / name
        path.write_text(path.read_text(encoding="utf-8").replace("812.44", "822.44"), encoding="utf-8")
    git(repository, "commit", "-q", "-am", "行政运行 +10")

    step = diff_step()

    def expand(text: object) -> str:  # GitHub fills in `${{ github.base_ref }}` before the shell runs
        return str(text).replace("${{ github.base_ref }}", "main")

    summary = tmp_path / "summary.md"
    env = {**os.environ, **{key: expand(value) for key, value in (step.get("env") or {}).items()},
           "GITHUB_STEP_SUMMARY": str(summary)}
    shell = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]  # GitHub's `shell: bash`
    result = subprocess.run([*shell, expand(step["run"])], cwd=repository, env=env, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    for name in CHANGED:
        assert f"origin/main:{name}" in text, (name, text[:2000])
    assert text.count("822.44") >= len(CHANGED)
