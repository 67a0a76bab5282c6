"""Adoption as written (issue 16, item 8): in a fresh virtualenv, `budgetlint init` → commit a budget →
the steps of the CI workflow it generated run here without error, on the new empty repository and
with a budget in it.

The virtualenv sees the system's packages (`--system-site-packages`), so budgetlint's dependencies
need no download; budgetlint itself is installed into it from a copy of this working tree
(uncommitted files included, so what is tested is the code under test). The workflow's `run:` steps
are run with bash as GitHub runs them for a push; `uses:` steps (checkout, setup-python, upload) are
GitHub's own and are left out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MAINTAINED, ROOT

BUDGET = "budgets/151-xigong-jiedao/2023.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None,
                                reason="needs git and bash")


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def ok(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = run(command, cwd, env)
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh virtualenv, the copy of this working tree to install from, and the environment in which
    only the virtualenv's budgetlint (and pip, python) is on PATH, besides git and bash."""
    base = tmp_path_factory.mktemp("adoption")
    source = base / "budgetlint-source"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    folder = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(folder)], check=True,
                   capture_output=True, timeout=300)
    bin_folder = folder / ("Scripts" if os.name == "nt" else "bin")
    tools = [os.path.dirname(shutil.which(tool) or "") for tool in ("git", "bash")]
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PYTHON"))}
    env.update(PATH=os.pathsep.join(dict.fromkeys([str(bin_folder), *tools])), VIRTUAL_ENV=str(folder),
               PRE_COMMIT_HOME=str(base / "pre-commit-home"), PIP_DISABLE_PIP_VERSION_CHECK="1")
    return source, env


def test_init_refuses_an_install_line_it_cannot_know(venv: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """budgetlint installed from a package index (here a folder of wheels) leaves no record of where it
    came from, and `pip install budgetlint` would fail (it is not on PyPI): init stops, naming --install."""
    source, env = venv
    wheels = tmp_path / "wheels"
    built = run(["python", "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)], tmp_path, env)
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel of budgetlint here (no setuptools to build with?): {built.stderr[-500:]}")
    ok(["python", "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", "--no-index", "--find-links",
        str(wheels), "budgetlint"], tmp_path, env)
    result = run(["budgetlint", "init", "repo"], tmp_path, env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--install" in result.stderr and "not on PyPI" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "repo").exists()
    # with the requirement given, it writes it
    ok(["budgetlint", "init", "repo", "--install", str(next(wheels.glob("*.whl")))], tmp_path, env)


def ci_steps(repository: Path) -> list[dict[str, Any]]:
    workflow = yaml.safe_load((repository / ".github/workflows/budget.yml").read_text(encoding="utf-8"))
    [job] = workflow["jobs"].values()
    return [step for step in job["steps"] if "run" in step]


def run_ci(repository: Path, env: dict[str, str], tmp_path: Path) -> str:
    """Every `run:` step of the generated workflow, as GitHub runs it on a push: `shell: bash` is
    `bash --noprofile --norc -eo pipefail`, no shell `bash -e`; a step for pull requests only is skipped."""
    outputs = []
    for step in ci_steps(repository):
        condition = step.get("if")
        if condition is not None:
            assert condition == "github.event_name == 'pull_request'", condition  # the only one written
            continue
        shell = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"] if step.get("shell") == "bash" else [
            "bash", "-e", "-c"]
        github = {"GITHUB_EVENT_NAME": "push", "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
                  "GITHUB_ENV": str(tmp_path / "github-env"), "GITHUB_OUTPUT": str(tmp_path / "github-output")}
        result = run([*shell, step["run"]], repository, {**env, **github, **(step.get("env") or {})})
        assert result.returncode == 0, f"step {step.get('name')!r} failed:\n{result.stdout}\n{result.stderr}"
        outputs.append(result.stdout + result.stderr)
    return "\n".join(outputs)


def test_init_commit_a_budget_and_the_ci_steps_pass(venv: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    source, env = venv
    installed = run(["python", "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", str(source)], tmp_path,
                    env)
    if installed.returncode != 0:
        pytest.skip(f"cannot install budgetlint into a virtualenv here: {installed.stderr[-500:]}")
    assert shutil.which("budgetlint", path=env["PATH"]) == str(Path(env["VIRTUAL_ENV"], "bin", "budgetlint"))

    repository = tmp_path / "budget-repo"
    out = ok(["budgetlint", "init", str(repository)], tmp_path, env)
    assert f"install budgetlint from {source}, on this computer" in out  # where it was installed from
    [install] = [step["run"] for step in ci_steps(repository) if step.get("name") == "Install budgetlint"]
    assert install.split() == ["pip", "install", str(source)]
    ok(["git", "config", "user.email", "clerk@example.org"], repository, env)
    ok(["git", "config", "user.name", "Clerk"], repository, env)
    ok(["python", "-m", "pre_commit", "install"], repository, env)
    ok(["git", "add", "."], repository, env)
    ok(["git", "commit", "-q", "-m", "budgetlint init"], repository, env)

    # A new repository without a budget file: the CI passes and says why there is nothing to check.
    output = run_ci(repository, env, tmp_path)
    assert output.count("No budget files in budgets/ yet.") == 2  # check and render

    (repository / BUDGET).parent.mkdir(parents=True)
    shutil.copy(MAINTAINED, repository / BUDGET)
    ok(["git", "add", BUDGET], repository, env)
    committed = ok(["git", "commit", "-m", "2023年部门预算"], repository, env)
    assert "budgetlint" in committed and "Passed" in committed  # the pre-commit hook checked it
    shown = ok(["git", "show", "HEAD"], repository, env)
    assert "预算03表 expenditure 151 2120101 行政运行 | 合计 = 812.44" in shown  # the diff driver works

    output = run_ci(repository, env, tmp_path)
    assert "No budget files" not in output
    assert (repository / "public" / "index.html").is_file()  # the disclosure site was rendered
