"""`budgetlint narrative FILE` (issue 13): every figure of the narrative with what it is checked
against, or why not; and the narrative figures a layout names (`narrative_subjects`) checked on the
Shanghai disclosures, 万元 text against 元 tables."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT, TODAY

from budgetlint.cli import main
from budgetlint.lint import check_file
from budgetlint.narrative import NUMBER

EXAMPLES = ROOT / "examples"
WANLI = EXAMPLES / "putuo-wanli-jiedao-2025-as-published.yaml"


def figures_in(path: Path) -> int:
    """Every amount, percentage and project count of the narrative, counted independently."""
    import yaml

    from budgetlint.narrative import normalise

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = []
    for section in data["narrative"]:
        texts += [section.get("text") or ""] + [sub.get("text") or "" for sub in section.get("subsections") or []]
    return sum(len(NUMBER.findall(normalise(paragraph))) for text in texts for paragraph in text.split("\n\n"))


def test_every_figure_is_listed_with_its_check_or_its_reason() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        result = CliRunner().invoke(main, ["narrative", "--format", "json", str(path)])
        assert result.exit_code == 0, result.output
        report = json.loads(result.output)
        assert report["figures"] == len(report["items"]) == figures_in(path), path
        for item in report["items"]:
            assert item["rule"] or item["against"].startswith("not checked: "), item
        assert report["checked"] == sum(1 for item in report["items"] if item["rule"])


def test_the_text_report_ends_with_the_share_checked() -> None:
    result = CliRunner().invoke(main, ["narrative", str(WANLI)])
    assert result.output.splitlines()[-1].startswith(f"{figures_in(WANLI)} figures in the narrative, ")
    assert "18,976.76万元 (amount) — A401 against 表1 收入总计 189767551.00元" in result.output
    assert "科目 amount) — A412" in result.output


def test_a_stated_total_changed_by_ten_wan_yuan_is_found(tmp_path: Path) -> None:
    """Issue 13: `收入预算18,976.76万元` changed to 18,986.76 went unnoticed; 18,976.76万元 itself is the
    元 figure 189,767,551 correctly rounded and passes."""
    assert [f for f in check_file(WANLI, today=TODAY) if f.rule == "A401"] == []
    text = WANLI.read_text(encoding="utf-8").replace("收入预算18,976.76万元", "收入预算18,986.76万元", 1)
    path = tmp_path / "2025.yaml"
    path.write_text(text, encoding="utf-8")
    found = [f.message for f in check_file(path, today=TODAY) if f.rule == "A401"]
    assert found == [("情况说明 「部门预算编制说明」 states 收入预算 18986.76万元, but 表1 收入总计 is 189767551.00元 "
                      "(diff +100049.00)")]


def test_an_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "2025.yaml"
    bad.write_text("[not a budget", encoding="utf-8")
    result = CliRunner().invoke(main, ["narrative", str(bad)])
    assert result.exit_code == 2 and "cannot read" in result.output
