"""Issue 17 item 3: `budgetlint init` never writes through a symbolic link or outside its folder, and
refuses, before it writes anything, a folder it cannot fill (exit code 2, a clear message)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import main

FILES = ["README.md", "budgets/README.md", "schema/budget.schema.json", ".pre-commit-config.yaml",
         ".gitattributes", ".github/workflows/budget.yml"]


def init(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", *args])
    assert "Traceback" not in result.output and not isinstance(result.exception, OSError), result.output
    return result.exit_code, result.output


def tree(folder: Path) -> dict[str, str]:
    """Every path under folder (links not followed) with what it is: the state to compare before/after."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            out[path.relative_to(folder).as_posix()] = "link " + os.readlink(path)
        elif path.is_dir():
            out[path.relative_to(folder).as_posix()] = "folder"
        else:
            out[path.relative_to(folder).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return out


@pytest.mark.parametrize("flags", [[], ["--force"], ["--skip-existing"]])
def test_a_link_to_a_file_outside_is_never_written_through(tmp_path: Path, flags: list[str]) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").symlink_to(outside)
    code, out = init(str(repo), *flags)
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert (repo / "README.md").is_symlink()
    if flags == ["--skip-existing"]:
        assert code == 0 and "kept     README.md" in out  # left alone, like any file that exists
    else:
        assert code == 2 and "README.md" in out and "symbolic link" in out
        assert tree(repo) == {"README.md": "link " + str(outside)}  # nothing else written either


@pytest.mark.parametrize("flags", [[], ["--force"]])
def test_a_dangling_link_does_not_create_a_file_outside(tmp_path: Path, flags: list[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").symlink_to(tmp_path / "created-outside.md")
    code, out = init(str(repo), *flags)
    assert code == 2 and "README.md" in out
    assert not (tmp_path / "created-outside.md").exists()
    assert sorted(os.listdir(tmp_path)) == ["repo"]
    assert tree(repo) == {"README.md": "link " + str(tmp_path / "created-outside.md")}


@pytest.mark.parametrize("flags", [[], ["--force"], ["--skip-existing"]])
def test_a_linked_folder_inside_is_not_written_through(tmp_path: Path, flags: list[str]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".github").symlink_to(elsewhere, target_is_directory=True)
    code, out = init(str(repo), *flags)
    assert code == 2 and ".github" in out and "symbolic link" in out
    assert list(elsewhere.iterdir()) == []
    assert tree(repo) == {".github": "link " + str(elsewhere)}


def test_force_replaces_regular_files_inside(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("old\n", encoding="utf-8")
    code, out = init(str(repo), "--force")
    assert code == 0, out
    assert "replaced README.md" in out
    assert "部门预算" in (repo / "README.md").read_text(encoding="utf-8")


def test_init_under_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    code, out = init(str(tmp_path / "a-file" / "repo"))
    assert code == 2 and "a-file" in out and "not a folder" in out
    assert sorted(os.listdir(tmp_path)) == ["a-file"]


@pytest.mark.parametrize("flags", [[], ["--force"], ["--skip-existing"]])
def test_a_folder_named_like_a_file_it_writes_is_an_error(tmp_path: Path, flags: list[str]) -> None:
    repo = tmp_path / "repo"
    (repo / "README.md").mkdir(parents=True)
    code, out = init(str(repo), *flags)
    assert code == 2 and "README.md is a folder" in out
    assert tree(repo) == {"README.md": "folder"}  # nothing half-written


@pytest.mark.parametrize("flags", [[], ["--force"], ["--skip-existing"]])
def test_github_as_a_file_is_an_error(tmp_path: Path, flags: list[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".github").write_text("not a folder\n", encoding="utf-8")
    code, out = init(str(repo), *flags)
    assert code == 2 and ".github" in out and "not a folder" in out
    assert tree(repo) == {".github": "not a folder\n"}


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A folder with a file in it, read-only for everyone."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "kept.txt").write_text("x", encoding="utf-8")
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    yield locked
    locked.chmod(0o755)


def as_a_user_bound_by_permissions() -> list[str]:
    """How to run a command so that file permissions apply: as it is, or, for root (who writes
    anywhere), without the capabilities that override them."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv (util-linux): permissions cannot be made to apply")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("where", [".", "new-repo"])
def test_an_unwritable_folder_is_an_error_and_nothing_is_written(unwritable: Path, where: str) -> None:
    command = [*as_a_user_bound_by_permissions(), sys.executable, "-m", "budgetlint.cli", "init", str(unwritable / where)]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "cannot write" in result.stderr and str(unwritable) in result.stderr
    assert sorted(os.listdir(unwritable)) == ["kept.txt"]
