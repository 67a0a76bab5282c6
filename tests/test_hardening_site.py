"""Issue 17 item 11 (part): `budgetlint site`.

- Pages are written whole or not at all: a temporary file beside the page, renamed over it. A reader
  never sees half a page, and a link (or a second name of the file) in a page's place is replaced,
  never written through.
- Budget files whose pages would collide (`2023.yaml` and `2023.yml`, `index.yaml` at the top) are a
  clear error, exit 2, with nothing written.
- A folder with no budget files is an error (exit 2), not an empty site.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MAINTAINED

from budgetlint.cli import main


def budgets(folder: Path, *names: str) -> Path:
    root = folder / "budgets"
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(MAINTAINED, root / name)
    root.mkdir(exist_ok=True)
    return root


def site(root: Path, output: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["site", str(root), "-o", str(output)])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


@pytest.mark.parametrize(("names", "page"), [
    (("151/2023.yaml", "151/2023.yml"), "151/2023.html"),
    (("151/2023.yaml", "index.yaml"), "index.html"),
    (("151/2023.yaml", "151/2023.findings.yaml"), "151/2023.findings.html"),
    (("151/2023.yaml", "151/2023.YML"), None),  # not a budget file name (*.yaml, *.yml): no collision
], ids=["yaml-and-yml", "index", "findings-page", "upper-case-suffix"])
def test_colliding_names_are_refused_with_nothing_written(tmp_path: Path, names: tuple[str, ...],
                                                           page: str | None) -> None:
    code, output = site(budgets(tmp_path, *names), tmp_path / "public")
    if page is None:
        assert code == 0, output
        return
    assert code == 2, output
    assert page in output and "rename" in output and "Nothing was written" in output
    assert not (tmp_path / "public").exists()


def test_names_that_differ_only_in_case_collide(tmp_path: Path) -> None:
    code, output = site(budgets(tmp_path, "151/2023.yaml", "151/2023.YAML.yml"), tmp_path / "public")
    assert code == 0, output  # different pages: 2023 and 2023.YAML
    root = budgets(tmp_path / "b", "Dept/2023.yaml", "dept/2023.yaml")
    code, output = site(root, tmp_path / "public2")
    assert code == 2 and "2023.html" in output, output


def test_a_folder_with_no_budget_files_is_an_error(tmp_path: Path) -> None:
    root = budgets(tmp_path)
    (root / "README.md").write_text("no budgets here\n", encoding="utf-8")
    code, output = site(root, tmp_path / "public")
    assert code == 2
    assert "no budget files" in output and str(root) in output
    assert not (tmp_path / "public").exists()


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_pages_are_replaced_not_written_in_place(tmp_path: Path) -> None:
    root = budgets(tmp_path, "151/2023.yaml")
    output = tmp_path / "public"
    assert site(root, output)[0] == 0
    page = output / "151" / "2023.html"
    # A second name of the page (as a web server's cache or a backup would hold it), and a link in the
    # place of another page that points outside the site: neither is written through.
    os.link(page, tmp_path / "served.html")
    served = (tmp_path / "served.html").read_bytes()
    outside = tmp_path / "outside.txt"
    outside.write_text("not part of the site\n", encoding="utf-8")
    (output / "151" / "2023.md").unlink()
    (output / "151" / "2023.md").symlink_to(outside)
    assert site(root, output)[0] == 0
    assert (tmp_path / "served.html").read_bytes() == served  # the old page, whole
    assert page.stat().st_ino != (tmp_path / "served.html").stat().st_ino  # a new file in its place
    assert outside.read_text(encoding="utf-8") == "not part of the site\n"
    assert not (output / "151" / "2023.md").is_symlink() and "西工街道" in (output / "151" / "2023.md").read_text(
        encoding="utf-8")
    assert not [path for path in output.rglob("*") if path.name.endswith(".tmp")]  # no temporary file left
    assert oct(page.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())  # readable like any new file


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
