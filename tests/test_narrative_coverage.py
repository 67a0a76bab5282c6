"""`budgetlint narrative FILE` (issue 13): every figure of the narrative with what it is checked
against, or why not; and the narrative figures a layout names (`narrative_subjects`) checked on the
Shanghai disclosures, 万元 text against 元 tables."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT, TODAY

from budgetlint.cli import main
from budgetlint.lint import check_file

EXAMPLES = ROOT / "examples"
WANLI = EXAMPLES / "putuo-wanli-jiedao-2025-as-published.yaml"


# Written out again here, not imported: the count must not depend on the reader it checks.
FIGURE = re.compile(r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
                    r"(?:万元|亿元|元|%|个项目|辆|台（套）|台|套|个|人|处)")


def figures_in(path: Path) -> int:
    """Every amount, percentage and count (projects, vehicles, equipment) of the narrative, counted
    independently."""
    import yaml

    from budgetlint.narrative import normalise

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = []
    for section in data["narrative"]:
        texts += [section.get("text") or ""] + [sub.get("text") or "" for sub in section.get("subsections") or []]
    return sum(len(FIGURE.findall(normalise(paragraph))) for text in texts for paragraph in text.split("\n\n"))


def test_every_figure_is_listed_with_its_check_or_its_reason() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        result = CliRunner().invoke(main, ["narrative", "--format", "json", str(path)])
        assert result.exit_code == 0, result.output
        report = json.loads(result.output)
        assert report["figures"] == len(report["items"]) == figures_in(path), path
        for item in report["items"]:
            assert item["rule"] or item["against"].startswith(("not checked: ", "not an amount: ")), item
            assert (item["kind"] == "threshold") == item["against"].startswith("not an amount: "), item
        assert report["checked"] == sum(1 for item in report["items"] if item["rule"])
        assert report["thresholds"] == sum(1 for item in report["items"] if item["kind"] == "threshold")


def test_the_text_report_ends_with_the_share_checked() -> None:
    result = CliRunner().invoke(main, ["narrative", str(WANLI)])
    assert result.output.splitlines()[-1] == (f"{figures_in(WANLI)} figures in the narrative, 77 of 90 checked (85%): "
                                              "amounts and percentages 59 of 67 (88%), counts 18 of 23 (78%); "
                                              "2 thresholds (…以上/以下) state no amount")
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


def report(path: Path) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["narrative", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["items"]  # type: ignore[no-any-return]


def test_shares_of_each_example_as_the_issue_asks() -> None:
    """Issue 13 asks for 95% of the figures checked; what is honestly reached, figure by figure, for
    amounts and percentages and for counts (the rest are listed with their reason,
    tests/test_narrative_mutation.py proves every check)."""
    expected = {"xigong-2023-as-published": ((43, 45), (7, 9)),
                "putuo-caizhengju-2025-as-published": ((44, 45), (18, 21)),
                "putuo-wanli-jiedao-2025-as-published": ((59, 67), (18, 23)),
                "putuo-zhengfu-bangongshi-2025-as-published": ((36, 39), (18, 21)),
                "putuo-caizhengju-2024-juesuan-as-published": ((65, 79), (14, 20))}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        items = report(path)
        amounts = [item for item in items if item["kind"] not in ("threshold", "count")]
        counts = [item for item in items if item["kind"] == "count"]
        assert ((sum(1 for item in amounts if item["rule"]), len(amounts)),
                (sum(1 for item in counts if item["rule"]), len(counts))) == expected[path.stem], path


def test_a_figure_its_check_does_not_pin_is_not_counted() -> None:
    """A change whose only check is its rate, with last year's figure implied by the text, is pinned only
    when a unit more or less gives another rate: 205.86 with 12.11% is not (205.85 and 205.87 give 12.11%
    too); 2.55万元 with 1.40% is (2.54 gives 1.39%, 2.56 1.41%). Nor is 完成预算的0% of 0.00 against 0.95,
    which the rounding of 0.00 lets be up to 0.53%. A threshold is listed and not counted."""
    xigong = {item["figure"]: item for item in report(EXAMPLES / "xigong-2023-as-published.yaml")}
    assert xigong["205.86万元"]["rule"] == ""
    assert xigong["205.86万元"]["against"].startswith("not checked: its rate 12.11% allows 205.85 and 205.87万元 too")
    assert xigong["12.11%"]["rule"] == "A404"
    assert xigong["50万元"]["kind"] == "threshold"
    juesuan = report(EXAMPLES / "putuo-caizhengju-2024-juesuan-as-published.yaml")
    operating = next(item for item in juesuan if item["figure"] == "2.55万元")
    assert (operating["kind"], operating["rule"]) == ("change", "A404")
    rate = next(item for item in juesuan if item["kind"] == "execution rate" and item["figure"] == "0%")
    assert rate["rule"] == "" and "allow 0.00% to 0.53%" in rate["against"]
    assert next(item for item in juesuan if item["figure"] == "98.20%")["rule"] == "A410"


# ---------------------------------------------------------------------------------------------------
# The text report in Chinese (`--lang zh`): every line's wording from the catalogue, the English unchanged

ENGLISH_RUN = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
ASCII_WORD = re.compile(r"[A-Za-z]+")
RULE_ID = re.compile(r"\b[A-Z]\d{3}\b")


def narrative_text(path: Path, *language: str) -> list[str]:
    result = CliRunner(env=ENGLISH_RUN).invoke(main, [*language, "narrative", str(path)])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def english_in(line: str, item: dict[str, object], path: Path) -> list[str]:
    """The English words of a figure's line of a Chinese report. Allowed: the path, the figure, rule IDs,
    `budgetlint explain` (the command that explains a rule). The figure's kind is all Chinese."""
    head = f"{path}:{item['line']}: {item['figure']}（"
    if not line.startswith(head) or "）— " not in line[len(head):]:
        return [line]
    kind, check = line[len(head):].split("）— ", 1)
    words = ASCII_WORD.findall(kind)
    against = RULE_ID.sub(" ", check).replace("budgetlint explain", " ")
    return words + ASCII_WORD.findall(against)


def test_a_chinese_run_says_each_figures_check_in_chinese() -> None:
    """Issue: `--lang zh narrative` printed its summary in Chinese but every figure's line in English."""
    for path in sorted(EXAMPLES.glob("*.yaml")):
        items = report(path)
        lines = narrative_text(path, "--lang", "zh")
        assert len(lines) == len(items) + 1, path
        for line, item in zip(lines[:-1], items, strict=True):
            assert english_in(line, item, path) == [], line
            # each line keeps its figure and its rule; an unchecked figure says so, and why
            assert line.startswith(f"{path}:{item['line']}: {item['figure']}（"), line
            said = f"）— {item['rule']} 核对：" if item["rule"] else \
                "）— 不是金额：" if item["kind"] == "threshold" else "）— 未核对："
            assert said in line and re.search(r"[\u4e00-\u9fff]", line.split(said, 1)[1]), line
        assert not ASCII_WORD.search(lines[-1]) and lines[-1].startswith("情况说明中共有 "), lines[-1]
    wanli = narrative_text(WANLI, "--lang", "zh")
    assert f"{WANLI}:57: 18,976.76万元（金额）— A401 核对：表1 收入总计 189767551.00元" in wanli


def test_the_checker_finds_english_in_a_figures_line() -> None:
    """The checker above fails on the English report, line by line, and on an English kind alone."""
    items = report(WANLI)
    for line, item in zip(narrative_text(WANLI)[:-1], items, strict=True):
        assert english_in(line, item, WANLI) != [], line
    first = items[0]
    assert english_in(f"{WANLI}:{first['line']}: {first['figure']}（amount）— A401 核对：表1 收入总计", first, WANLI) == ["amount"]
    assert english_in(f"{WANLI}:{first['line']}: {first['figure']}（金额）— not checked: no subject", first, WANLI) == ["not", "checked", "no", "subject"]


def test_the_english_report_is_as_it_was() -> None:
    """The English text report is unchanged by its wording moving to the catalogue: each line is what the
    JSON's English item gives by the old formula (the JSON's values are the English texts)."""
    for path in sorted(EXAMPLES.glob("*.yaml")):
        lines = narrative_text(path)
        items = report(path)
        assert lines[:-1] == [f"{path}:{item['line']}: {item['figure']} ({item['kind']}) — "
                              + (f"{item['rule']} against {item['against']}" if item["rule"] else str(item["against"]))
                              for item in items], path


def test_unchecked_lists_only_what_is_not_checked_and_the_summary_counts_all() -> None:
    every = CliRunner().invoke(main, ["narrative", str(WANLI)]).output.splitlines()
    only = CliRunner().invoke(main, ["narrative", "--unchecked", str(WANLI)]).output.splitlines()
    assert only[-1] == every[-1]  # the same summary
    assert only[:-1] == [line for line in every[:-1] if " — not checked: " in line] and len(only) > 1
    items = json.loads(CliRunner().invoke(main, ["narrative", "--unchecked", "--format", "json", str(WANLI)]).output)
    assert items["items"] and all(not item["rule"] and item["kind"] != "threshold" for item in items["items"])
    assert items["checked"] == 77 and items["figures"] == figures_in(WANLI)
