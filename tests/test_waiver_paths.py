"""A waiver whose `at` is not a document path (issue 17, item 1): a finding on the waiver, every other
finding of the file still reported, and the site still renders the file."""

from __future__ import annotations

from pathlib import Path

from budgetlint.render.site import build_site
from conftest import EXAMPLE, TODAY

from budgetlint.lint import check_file


def with_waiver(folder: Path, at: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    path = folder / "budgets" / "151" / "2023.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text + f"waivers:\n  - {{rule: A304, at: \"{at}\", reason: approved by the 财政局}}\n",
                    encoding="utf-8")
    return path


def test_a_path_that_does_not_parse_is_a_finding_on_the_waiver(tmp_path: Path) -> None:
    published = [f.rule for f in check_file(EXAMPLE, today=TODAY)]
    path = with_waiver(tmp_path, "tables[x]")
    found = check_file(path, today=TODAY)
    waiver_line = len(EXAMPLE.read_text(encoding="utf-8").splitlines()) + 2
    assert [(f.rule, f.line) for f in found if f.rule == "W004"] == [("W004", waiver_line)]
    assert sorted(f.rule for f in found if f.rule != "W004") == sorted(published)  # nothing else lost
    build_site(tmp_path / "budgets", tmp_path / "public")
    assert (tmp_path / "public" / "151" / "2023.html").is_file()


def test_a_good_path_waives_its_finding(tmp_path: Path) -> None:
    path = with_waiver(tmp_path, "tables.fiscal_summary.expenditure.rows[0].general_budget")
    found = check_file(path, today=TODAY)
    assert "W004" not in {f.rule for f in found}
    assert sum(f.rule == "A304" for f in found) == 3  # one of the four accepted
