"""`budgetlint init`: a new budget repository, used with real git and the real pre-commit."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import MAINTAINED, ROOT

from budgetlint.cli import main
from budgetlint.gitools import OLD_TEXTCONV, TEXTCONV

FILES = ["README.md", "budgets/README.md", "schema/budget.schema.json", ".pre-commit-config.yaml",
         ".gitattributes", ".github/workflows/budget.yml"]
EXAMPLE = "budgets/151-xigong-jiedao/2023.yaml"
needs_cli = pytest.mark.skipif(shutil.which("budgetlint") is None,
                               reason="needs the budgetlint command on PATH (pip install -e .)")


def init(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def environment(**extra: str) -> dict[str, str]:
    """This process's environment without git's per-repository variables (set when the tests run
    inside a git hook), plus `extra`."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")}, **extra}


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=check, env=environment())


def test_init_creates_a_repository_ready_to_use(tmp_path: Path) -> None:
    repo = tmp_path / "budget-repo"
    code, out = init(str(repo))
    assert code == 0, out
    for name in FILES:
        assert (repo / name).is_file(), name
    assert not (repo / EXAMPLE).exists()  # the example only when asked
    assert (repo / ".git").is_dir() and "git init" in out
    assert "budgets/**/*.yaml diff=budgetlint" in (repo / ".gitattributes").read_text(encoding="utf-8")
    assert git(repo, "config", "--get", "diff.budgetlint.textconv").stdout.strip() == TEXTCONV
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "修改预算" in readme and "editing" in readme and "git commit" in readme and "budgetlint check" in readme
    assert f"git config diff.budgetlint.textconv '{TEXTCONV}'" in readme  # the command init ran, to copy
    workflow = (repo / ".github/workflows/budget.yml").read_text(encoding="utf-8")
    assert "budgetlint check --format github" in workflow and "budgetlint site" in workflow
    # budgetlint is not on PyPI: the install line names where this budgetlint came from (this checkout,
    # installed with `pip install -e .`), and init says that the path is one on this computer
    assert "pip install budgetlint" not in workflow + readme
    assert f"pip install {ROOT}\n" in workflow and f"pip install {ROOT} pre-commit" in readme
    assert f"install budgetlint from {ROOT}, on this computer" in out and "--install" in out
    # the config files are valid for the tools that read them (both checks work offline)
    subprocess.run(["pre-commit", "validate-config", str(repo / ".pre-commit-config.yaml")], check=True,
                   capture_output=True)
    subprocess.run(["check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                    str(repo / ".github/workflows/budget.yml")], check=True, capture_output=True)


def hook_repository(folder: Path) -> tuple[Path, str]:
    """A git repository with one commit and the tag v0.2.0 (what --hook-repo points at), and its commit."""
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / ".pre-commit-hooks.yaml").write_text((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    git(folder, "add", ".")
    git(folder, "-c", "user.name=dev", "-c", "user.email=dev@example.org", "commit", "-q", "-m", "hooks")
    git(folder, "tag", "v0.2.0")
    return folder, git(folder, "rev-parse", "HEAD").stdout.strip()


def test_init_with_a_hook_repository_writes_the_commit_its_head_points_at(tmp_path: Path) -> None:
    hooks, commit = hook_repository(tmp_path / "budgetlint")
    repo = tmp_path / "repo"
    code, out = init(str(repo), "--hook-repo", str(hooks))
    assert code == 0, out
    assert f"hook     {hooks} at {commit}" in out
    config = (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f'repo: "{hooks}"' in config and f'rev: "{commit}"' in config and "- id: budgetlint" in config
    workflow = (repo / ".github/workflows/budget.yml").read_text(encoding="utf-8")
    assert f"pip install 'budgetlint @ git+{hooks.as_uri()}@{commit}'" in workflow
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert f"pip install 'budgetlint @ git+{hooks.as_uri()}@{commit}' pre-commit" in readme


@pytest.mark.parametrize("rev", ["v0.2.0", "master", "HEAD"])
def test_a_hook_revision_the_repository_has_is_written(tmp_path: Path, rev: str) -> None:
    hooks, commit = hook_repository(tmp_path / "budgetlint")
    git(hooks, "branch", "-M", "master")
    for given in (rev, commit, commit[:10]):
        code, out = init(str(tmp_path / f"repo-{given}"), "--hook-repo", str(hooks), "--hook-rev", given)
        assert code == 0, out
        assert f'rev: "{given}"' in (tmp_path / f"repo-{given}" / ".pre-commit-config.yaml").read_text(encoding="utf-8")


def test_a_revision_the_hook_repository_lacks_is_refused(tmp_path: Path) -> None:
    hooks, _ = hook_repository(tmp_path / "budgetlint")
    code, out = init(str(tmp_path / "repo"), "--hook-repo", str(hooks), "--hook-rev", "v0.1.0")
    assert code == 2 and "--hook-rev v0.1.0 is not a tag, branch or commit" in out and "v0.2.0" in out
    assert "Nothing was written" in out and not (tmp_path / "repo").exists()
    # a folder that is no git repository, and a revision without its repository
    code, out = init(str(tmp_path / "repo"), "--hook-repo", str(tmp_path))
    assert code == 2 and "is not a git repository" in out and not (tmp_path / "repo").exists()
    code, out = init(str(tmp_path / "repo"), "--hook-rev", "v0.2.0")
    assert code == 2 and "give --hook-repo too" in out and not (tmp_path / "repo").exists()


def test_an_unreachable_hook_repository_needs_a_revision(tmp_path: Path) -> None:
    """Nothing listens on port 9 of this computer: the repository cannot be reached, at once."""
    url = "https://127.0.0.1:9/budgetlint.git"
    code, out = init(str(tmp_path / "repo"), "--hook-repo", url)
    assert code == 2 and f"cannot reach --hook-repo {url}" in out and "give --hook-rev" in out
    assert not (tmp_path / "repo").exists()
    code, out = init(str(tmp_path / "repo"), "--hook-repo", url, "--hook-rev", "v0.2.0")
    assert code == 0 and "--hook-rev v0.2.0 was not verified" in out
    workflow = (tmp_path / "repo" / ".github/workflows/budget.yml").read_text(encoding="utf-8")
    assert f"pip install 'budgetlint @ git+{url}@v0.2.0'" in workflow


def test_install_names_what_ci_and_readme_install(tmp_path: Path) -> None:
    wheel = tmp_path / "wheels" / "budgetlint-0.1.0-py3-none-any.whl"
    for requirement in (str(wheel), "budgetlint @ git+https://example.org/x/budgetlint.git@1a2b3c4",
                        str(tmp_path / "my checkout: 2023 #1")):  # one argument for pip, one value for YAML
        repo = tmp_path / f"repo-{len(requirement)}"
        code, out = init(str(repo), "--install", requirement)
        assert code == 0, out
        workflow = (repo / ".github/workflows/budget.yml").read_text(encoding="utf-8")
        step = next(s for s in yaml.safe_load(workflow)["jobs"]["check"]["steps"] if s.get("name") == "Install budgetlint")
        assert shlex.split(step["run"]) == ["pip", "install", requirement]
        assert "on this computer" not in out  # a requirement given is taken as it is
    code, out = init(str(tmp_path / "bad"), "--install", "budgetlint\nrm -rf /")
    assert code == 2 and "not a pip requirement on one line" in out and not (tmp_path / "bad").exists()


def test_init_never_overwrites_without_being_asked(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("our own readme\n", encoding="utf-8")
    code, out = init(str(tmp_path))
    assert code == 2 and "README.md" in out and "Nothing was written" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]

    code, out = init(str(tmp_path), "--skip-existing")
    assert code == 0 and "kept     README.md (exists)" in out
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "our own readme\n"
    assert (tmp_path / ".gitattributes").is_file()

    code, out = init(str(tmp_path), "--force")
    assert code == 0 and "replaced README.md" in out
    assert "budgetlint" in (tmp_path / "README.md").read_text(encoding="utf-8")

    assert init(str(tmp_path), "--force", "--skip-existing")[0] == 2


def test_init_keeps_an_existing_repository_and_its_git_config(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "diff.budgetlint.textconv", "my-own-driver")
    code, out = init(str(tmp_path))
    assert code == 0 and "git init" not in out
    assert git(tmp_path, "config", "--get", "diff.budgetlint.textconv").stdout.strip() == "my-own-driver"


def test_init_replaces_the_diff_driver_an_earlier_init_set(tmp_path: Path) -> None:
    """`budgetlint textconv` alone made `git diff` fail where budgetlint is not installed."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "diff.budgetlint.textconv", OLD_TEXTCONV)
    code, out = init(str(tmp_path))
    assert code == 0 and "ran      git config diff.budgetlint.textconv" in out
    assert git(tmp_path, "config", "--get", "diff.budgetlint.textconv").stdout.strip() == TEXTCONV


def test_packaged_example_is_the_maintained_budget() -> None:
    """`init --example` ships budgets/151-xigong-jiedao/2023.yaml; keep the packaged copy in step."""
    packaged = ROOT / "schema" / "examples" / "xigong-2023.yaml"
    assert packaged.read_text(encoding="utf-8") == MAINTAINED.read_text(encoding="utf-8"), (
        "run: cp budgets/151-xigong-jiedao/2023.yaml schema/examples/xigong-2023.yaml")


@needs_cli
def test_commit_a_budget_in_the_new_repository(tmp_path: Path) -> None:
    """init, install the generated pre-commit hook, and commit: a clean budget is committed; a budget
    whose 合计 no longer adds up is refused with the finding."""
    code, out = init(str(tmp_path), "--example")
    assert code == 0, out
    assert (tmp_path / EXAMPLE).read_text(encoding="utf-8") == MAINTAINED.read_text(encoding="utf-8")
    git(tmp_path, "config", "user.email", "clerk@example.org")
    git(tmp_path, "config", "user.name", "Clerk")
    env = environment(PRE_COMMIT_HOME=str(tmp_path.parent / "pre-commit-home"))
    subprocess.run(["pre-commit", "install"], cwd=tmp_path, check=True, capture_output=True, env=env)

    git(tmp_path, "add", ".")
    commit = subprocess.run(["git", "commit", "-m", "2023年部门预算"], cwd=tmp_path, capture_output=True, text=True,
                            env=env, check=False)
    assert commit.returncode == 0, commit.stdout + commit.stderr
    assert "budgetlint" in commit.stdout + commit.stderr  # the hook ran
    shown = git(tmp_path, "show", "HEAD").stdout
    assert "预算03表 expenditure 151 2120101 行政运行 | 合计 = 812.44" in shown  # the diff driver is set up

    budget = tmp_path / EXAMPLE
    text = budget.read_text(encoding="utf-8")
    budget.write_text(text.replace("total: 812.44, basic: 812.44", "total: 822.44, basic: 812.44", 1),
                      encoding="utf-8")
    git(tmp_path, "add", EXAMPLE)
    refused = subprocess.run(["git", "commit", "-m", "typo"], cwd=tmp_path, capture_output=True, text=True,
                             env=env, check=False)
    assert refused.returncode != 0
    printed = refused.stdout + refused.stderr
    assert "error A110" in printed and "2120101 行政运行 合计 822.44" in printed
    assert git(tmp_path, "rev-list", "--count", "HEAD").stdout.strip() == "1"
