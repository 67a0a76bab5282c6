"""The code lists' own words in Chinese messages: the `edition_zh` and `note_zh` columns of lists.csv and
withdrawn.csv (schema/classification/README.md).

The editions and notes that C101–C103 (and C104–C108, C118) quote come from the CSV files; a Chinese run
prints their `_zh` column, an English run the text as before. A budget repository's own CSV without
those columns still works: its text is printed as written in both languages.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import MAINTAINED, ROOT, TODAY, findings_for, load_data, set_at, write_budget
from test_rules_classification import grid_path

from budgetlint import classification
from budgetlint.cli import main
from budgetlint.findings import Finding
from budgetlint.lint import check_file
from budgetlint.messages import MESSAGES, ZH, Message, in_language

PUTUO = ROOT / "examples" / "putuo-wanli-jiedao-2025-as-published.yaml"
PACKAGED = ROOT / "schema" / "classification"
STATUS_FILES = sorted(PACKAGED.glob("*/lists.csv"))
WITHDRAWN_FILES = sorted(PACKAGED.glob("*/withdrawn.csv"))
CJK = re.compile(r"[\u4e00-\u9fff]")
# Kept as written in both languages: file names and paths, numbers (codes, years), document numbers.
KEPT = re.compile(r"[\w.-]+\.(?:csv|md)\b|\S*/\S*|[\u4e00-\u9fff]*〔\d+〕\d+号|\d+")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def words(text: str) -> set[str]:
    """The English words of `text`, file names, paths and field names (gov_code) left out."""
    return set(re.findall(r"(?<![A-Za-z0-9_])[A-Za-z]{2,}(?![A-Za-z0-9_])", KEPT.sub(" ", text)))


# Every English word of the packaged lists' editions and notes, and of the status words around them.
CSV_WORDS = set().union(*(words(row["edition"]) | words(row["note"]) for path in STATUS_FILES for row in rows(path)),
                        *(words(row["note"]) for path in WITHDRAWN_FILES for row in rows(path)))
STATUS_WORDS = set().union(*(words(re.sub(r"\{\w+\}", " ", MESSAGES[key][0])) for key in (
    "C101.partial", "C101.complete", "C101.packaged", "C101.repository", "C101.packaged_and_repository",
    "C101.edition", "C101.edition_used_for", "C101.no_edition")))


def assert_no_english_of_the_lists(chinese: str) -> None:
    found = words(chinese) & (CSV_WORDS | STATUS_WORDS)
    assert not found, (sorted(found), chinese)


def of(findings: list[Finding], rule_id: str) -> list[Message]:
    ours = [f.message for f in findings if f.rule == rule_id]
    found = [message for message in ours if isinstance(message, Message)]
    assert found and found == ours, rule_id  # each a catalogue message, with its Chinese
    return found


def chinese_lines(path: Path, rule_id: str) -> list[str]:
    """The lines of rule `rule_id` in `budgetlint --lang zh check path`."""
    result = CliRunner().invoke(main, ["--lang", "zh", "check", str(path)])
    assert result.exit_code in (0, 1), result.output
    lines = [line for line in result.output.splitlines() if f" {rule_id} " in line]
    assert lines, result.output
    return lines


def withdrawn_code(data: dict[str, Any]) -> tuple:
    """30108 机关事业单位基本养老保险缴费 booked under the withdrawn 30104 (as tests/test_rules_classification.py)."""
    path = grid_path(data, "general_basic_economic", "30108")
    set_at(data, path + ("code",), "30104")
    return path


# ------------------------------------------------------------------------------ the packaged lists

def test_every_packaged_row_has_its_chinese() -> None:
    assert STATUS_FILES and WITHDRAWN_FILES
    checked = 0
    for path, columns in [*((p, ("edition", "note")) for p in STATUS_FILES), *((p, ("note",)) for p in WITHDRAWN_FILES)]:
        for row in rows(path):
            for column in columns:
                english, chinese = row[column], row.get(f"{column}_zh") or ""
                assert CJK.search(chinese) and chinese != english, (path, column, row)
                # codes, years, document numbers and file names are kept as written
                assert all(kept in chinese for kept in KEPT.findall(english)), (path, column, row)
                assert not words(chinese), (path, column, chinese)
                checked += 1
    assert checked == 2 * 6 + 2  # 6 lists.csv rows (2023: 5, 2024: 1), 2 withdrawn codes


def test_the_lists_carry_both_texts() -> None:
    lists = classification.load(2023)
    edition = lists.functional.info.edition
    assert isinstance(edition, Message)
    assert (str(edition), edition.zh) == ("2023 edition (财预〔2022〕107号)", "2023年版（财预〔2022〕107号）")
    note = lists.withdrawn["30105"].note
    assert isinstance(note, Message) and str(note).startswith("pre-2018 ") and note.zh.startswith("2018年以前")


# ------------------------------------------------------------------------------- Chinese runs

def test_c101_and_c103_of_the_published_2025_budget_speak_chinese() -> None:
    """C103 names the 2024 list used for 2025 by its Chinese edition; C101 names no edition, but no
    English word of the lists is left in it either."""
    c103 = chinese_lines(PUTUO, "C103")
    assert len(c103) == 1
    assert "支出功能分类（functional.csv，2024年版（财预〔2023〕83号），用于 2025 年，不完整，内置）：201 一般公共服务支出、" in c103[0]
    for line in chinese_lines(PUTUO, "C101") + c103:
        assert_no_english_of_the_lists(line.split(" ", 3)[-1])  # after `file:line:col: warning C10x`


def test_english_is_unchanged_for_the_published_2025_budget() -> None:
    c103 = of(check_file(PUTUO, today=TODAY), "C103")
    assert len(c103) == 1
    assert c103[0].startswith("66 codes are not in the partial code lists, so they and their names were not checked "
                              "(216 rows): 支出功能分类 (functional.csv, 2024 edition (财预〔2023〕83号), used for "
                              "2025, partial, packaged): 201 一般公共服务支出, 20105 统计信息事务, ")
    assert c103[0].endswith("; and 36 more. If a code is right, add it with its source to "
                            "classification/2024/functional.csv in this budget repository")


def test_a_withdrawn_code_gives_its_note_in_chinese(tmp_path: Path) -> None:
    data = load_data(MAINTAINED)
    withdrawn_code(data)
    note_zh = next(row["note_zh"] for row in rows(PACKAGED / "2023" / "withdrawn.csv") if row["code"] == "30104")
    line = chinese_lines(write_budget(tmp_path, data), "C102")
    assert len(line) == 1
    assert f"使用了已取消的科目 30104 社会保障缴费，2023年部门预算支出经济分类中没有该科目（{note_zh}）" in line[0]
    assert_no_english_of_the_lists(line[0].split(" ", 3)[-1])
    # English as before
    assert of(findings_for(tmp_path, data), "C102") == [(
        "预算06表 row 30104 机关事业单位基本养老保险缴费 uses 30104 社会保障缴费, a withdrawn code that is not in "
        "the 2023 部门预算支出经济分类 (pre-2018 部门经济分类 code, absent from every post-2018 source (README.md, "
        "Caveats 1)); use the current code for this item")]


def test_a_list_that_no_year_has_is_named_so_in_chinese(tmp_path: Path) -> None:
    """A 2000 budget has no 对照表: C118 names it with the edition `no list` / 无目录."""
    data = load_data(MAINTAINED)
    data["fiscal_year"] = 2000
    path = grid_path(data, "general_basic_economic", "30107")
    set_at(data, path + ("gov_code",), "50501")
    (message,) = of(findings_for(tmp_path, data, "2000.yaml"), "C118")
    assert "does not follow the 部门↔政府支出经济分类对照表 (no list) for the unit's kind" in message
    assert "不符合部门↔政府支出经济分类对照表（无目录）" in message.zh
    assert_no_english_of_the_lists(message.zh)


# ------------------------------------------------------------------- a repository's own lists

STATUS_HEADER = "list,edition,status,complete_levels,note\n"
WITHDRAWN_HEADER = "code,list,name,note,source\n"


def repository_findings(tmp_path: Path, status: str, withdrawn: str) -> list[Finding]:
    """The maintained budget, its waivers removed (C103 fires) and 30104 booked, in a repository whose
    classification/2023/ holds `status` (lists.csv) and `withdrawn` (withdrawn.csv)."""
    lists = tmp_path / "repo" / "classification" / "2023"
    lists.mkdir(parents=True)
    (lists / "lists.csv").write_text(status, encoding="utf-8")
    (lists / "withdrawn.csv").write_text(withdrawn, encoding="utf-8")
    folder = tmp_path / "repo" / "budgets" / "151-xigong-jiedao"
    folder.mkdir(parents=True)
    data = load_data(MAINTAINED)
    data.pop("waivers")
    withdrawn_code(data)
    return findings_for(folder, data)


def test_a_repository_list_without_the_chinese_columns_prints_its_text_in_both_languages(tmp_path: Path) -> None:
    findings = repository_findings(
        tmp_path, STATUS_HEADER + "functional,2023 local edition,partial,,ours\n",
        WITHDRAWN_HEADER + "30104,economic_department,社会保障缴费,withdrawn here,财预〔2018〕1号\n")
    (c102,) = of(findings, "C102")
    assert "(withdrawn here)" in c102 and "（withdrawn here）" in in_language(c102, ZH)
    (c103,) = of(findings, "C103")
    assert "(functional.csv, 2023 local edition, partial, packaged)" in c103
    assert "（functional.csv，2023 local edition，不完整，内置）" in c103.zh
    # the packaged rows that the repository does not override keep their Chinese
    assert "（economic_government.csv，2023年版，不完整，内置）" in c103.zh


def test_a_repository_list_with_the_chinese_columns_prints_them(tmp_path: Path) -> None:
    findings = repository_findings(
        tmp_path, "list,edition,edition_zh,status,complete_levels,note\n"
                  "functional,2023 local edition,2023年本地版,partial,,ours\n",
        "code,list,name,note,note_zh,source\n30104,economic_department,社会保障缴费,withdrawn here,已在此取消,"
        "财预〔2018〕1号\n")
    (c102,) = of(findings, "C102")
    assert "(withdrawn here)" in c102 and "（已在此取消）" in c102.zh
    (c103,) = of(findings, "C103")
    assert "(functional.csv, 2023 local edition, partial, packaged)" in c103
    assert "（functional.csv，2023年本地版，不完整，内置）" in c103.zh
