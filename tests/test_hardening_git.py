"""Issue 17 item 2: a revision given to `budgetlint diff` is never read by git as an option.

`git show --output=FILE` writes FILE; `budgetlint diff -- '--output=pwned.txt:x' NEW` used to pass the
revision to `git show` as it was. Run with the real command and the real git, in a new repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MAINTAINED

from budgetlint.gitools import git_command

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def environment() -> dict[str, str]:
    """This environment without git's per-repository variables (set when tests run inside a hook)."""
    return {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}


def budgetlint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetlint.cli", *args], cwd=cwd, capture_output=True,
                          text=True, env=environment(), timeout=120, check=False)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(MAINTAINED, repo / "2023.yaml")
    for args in (["init", "-q"], ["add", "2023.yaml"],
                 ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "budget"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=environment())
    return repo


@pytest.mark.parametrize("revision", ["--output=pwned.txt:x", "--output=pwned.txt", "-opwned.txt:x"])
def test_a_revision_that_starts_with_a_dash_is_refused_and_writes_nothing(repository: Path, revision: str) -> None:
    before = set(os.listdir(repository))
    result = budgetlint(repository, "diff", "--", revision, "2023.yaml")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "starts with `-`" in result.stderr and revision in result.stderr
    assert set(os.listdir(repository)) == before  # no pwned.txt*, nothing else either


def test_revisions_still_work(repository: Path) -> None:
    result = budgetlint(repository, "diff", "HEAD:2023.yaml", "2023.yaml")
    assert result.returncode == 0, result.stderr
    assert "No differences." in result.stdout


def test_a_file_whose_name_starts_with_a_dash_is_read_as_a_file(repository: Path) -> None:
    shutil.copy(MAINTAINED, repository / "-2023.yaml")
    result = budgetlint(repository, "diff", "--", "-2023.yaml", "2023.yaml")
    assert result.returncode == 0, result.stderr
    assert "No differences." in result.stdout


def test_git_command_ends_the_options_before_the_operands(repository: Path) -> None:
    """The helper every git call goes through, run with the real git: an operand is never an option."""
    command = git_command(["show"], ["--output=pwned.txt:x"])
    assert command == ["git", "show", "--end-of-options", "--output=pwned.txt:x"]
    subprocess.run(command, cwd=repository, capture_output=True, env=environment(), check=False)
    assert not list(repository.glob("pwned*"))


def test_every_git_call_goes_through_git_command() -> None:
    """A new git call added the plain way (`["git", ...]`) would bypass `--end-of-options`."""
    root = Path(__file__).resolve().parent.parent / "budgetlint"
    for module in ("diff.py", "gitools.py"):
        source = (root / module).read_text(encoding="utf-8")
        calls = source.count('["git",') + source.count("['git',")
        assert calls == (module == "gitools.py"), f"{module} calls git without git_command"  # the helper's own
