"""Messages in Chinese (issue 16 item 5) for the classification rules (C1xx, and the code lists they read)
and the completeness and wording rules (T1xx–T6xx).

Every message these rules can write is made from the catalogue (budgetlint/messages.py), so it has its
Chinese: each case below is a clerk's mistake in the maintained budget or a published example that
makes one sentence of a rule (the failing cases of tests/test_rules_classification.py and
tests/test_rules_text.py, and one per other sentence), and every finding of the rule is checked in
both languages. A static test reads the rules' source: no finding is given a plain string.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, MAINTAINED, ROOT, TODAY, findings_for, load_data, set_at
from test_rules_classification import FUNCTIONAL_HEADER, fiscal_path, grid_path, grid_rows, index_of
from test_rules_text import FAILING, edit

from budgetlint.findings import Finding
from budgetlint.lint import check_file
from budgetlint.messages import MESSAGES, Message
from budgetlint.rules import ALL_RULES

SOURCES = [ROOT / "budgetlint" / "rules" / "classification.py", ROOT / "budgetlint" / "rules" / "text.py",
           ROOT / "budgetlint" / "rules" / "reading.py"]
LISTS_SOURCE = ROOT / "budgetlint" / "classification.py"
MODULES = {"budgetlint.rules.classification", "budgetlint.rules.text"}
RULES = sorted(entry.id for entry in ALL_RULES if entry.check is not None and entry.check.__module__ in MODULES)
PREFIXES = {*RULES, "classification", "text"}  # the catalogue keys of these rules and their clauses
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

# English words that only a sentence left untranslated puts into a Chinese message (names, codes and
# labels are Chinese or digits; paths are removed before looking).
ENGLISH = re.compile(r"(?<![\w.-])(?:the|is|are|but|not|has|have|row|rows|with|write|Write|should|missing|"
                     r"column|project|unit|names?)(?![\w.-])", re.ASCII)


def assert_bilingual(findings: list[Finding]) -> None:
    for finding in findings:
        message = finding.message
        assert isinstance(message, Message) and message.zh, (finding.rule, message)
        assert message.zh != str(message), message
        for text in (str(message), message.zh):
            assert "{" not in text and "}" not in text, text  # a placeholder left unfilled
        assert not ENGLISH.search(re.sub(r"\S*/\S*", "", message.zh)), message.zh


# ---------------------------------------------------------------------------------------------- cases

@dataclass(frozen=True)
class Case:
    """One mistake: `change` applied to the maintained budget (or the published example), saved as
    `name` in a budget repository whose `classification/` folder holds `lists` (path → content)."""

    rule: str
    what: str
    change: Callable[[dict[str, Any]], object] = lambda data: None
    example: bool = False
    name: str = "2023.yaml"
    lists: tuple[tuple[str, str | bytes], ...] = ()


def gov(data: dict[str, Any], table: str, code: str, gov_code: str, gov_name: str) -> None:
    path = grid_path(data, table, code)
    set_at(data, path + ("gov_code",), gov_code)
    set_at(data, path + ("gov_name",), gov_name)


def fiscal_name(code: str, name: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: set_at(data, fiscal_path(data, code) + ("name",), name)


def wrong_column(data: dict[str, Any]) -> None:
    row = grid_rows(data, "general_basic_economic")[index_of(grid_rows(data, "general_basic_economic"), "30201")]
    row["personnel"] = row.pop("public")


def without_row(code: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        rows = grid_rows(data, "economic_summary")
        rows[index_of(rows, code)]["code"] = "30239"
    return change


def gov_fund_class_in_fiscal_summary(data: dict[str, Any]) -> None:
    row = data["tables"]["fiscal_summary"]["expenditure"]["rows"][index_of(
        data["tables"]["fiscal_summary"]["expenditure"]["rows"], "229")]
    row["code"], row["general_budget"] = "22960", row["total"]


def unit_of_row(data: dict[str, Any]) -> None:
    data["tables"]["projects"]["units"][0]["rows"][0]["unit"] = "152001"


def unnamed_row_of_unit(data: dict[str, Any]) -> None:
    row = data["tables"]["projects"]["units"][0]["rows"][0]
    row["unit"] = "152001"
    del row["name"]


def no_satisfaction(data: dict[str, Any]) -> None:
    del data["tables"]["project_performance"]["units"][0]["rows"][0]["targets"]["satisfaction"]


def more_unchecked_codes(data: dict[str, Any]) -> None:
    data.pop("waivers")
    grid_rows(data, "expenditure").extend({"code": f"21201{n}", "name": f"项目{n}", "total": "0.00"}
                                         for n in range(50, 80))


def no_comparison(data: dict[str, Any]) -> None:
    edit(data, "七", "各类公务接待（含外宾接待）支出，预算数与2022年相比保持一致。", "各类公务接待（含外宾接待）支出。")


def department_name_of_unit(data: dict[str, Any]) -> None:
    data["tables"]["revenue"]["units"][0]["name"] = "西工街道"


def department_name_in_text(data: dict[str, Any]) -> None:
    edit(data, "七", "洛阳市西工区西工街道办事处 2023年", "洛阳市西工区西工街道办 2023年")


def unit_name(data: dict[str, Any]) -> None:
    data["tables"]["revenue"]["units"][0]["rows"][0]["name"] = "西工街道"


def project_of_unknown_unit(data: dict[str, Any]) -> None:
    data["tables"]["projects"]["units"][0]["rows"][0]["unit"] = "151009"


def lookalike(name: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: set_at(data, grid_path(data, "expenditure", "2120101") + ("name",), name)


def no_glossary_nor_duties(data: dict[str, Any]) -> None:
    del data["glossary"], data["department"]["duties"]


LISTED = "list,edition,status,complete_levels,note\n"
NEXT_YEAR_FUNCTIONAL = (("2026/functional.csv", FUNCTIONAL_HEADER + "212,城乡社区支出,类,,general,,2026,test\n"),)
GOVERNMENT_HEADER = "code,name,level,parent,edition,source\n"
# The maintained budget's codes that the packaged lists lack (test_rules_classification.MAINTAINED_UNCHECKED),
# added by the repository: all but 2013202 一般行政管理事务 (one code left unchecked, in two rows), or all.
ADDED_FUNCTIONAL = (("2070199", "其他文化和旅游支出"), ("2080208", "基层政权建设和社区治理"), ("2120101", "行政运行"),
                    ("2120103", "机关服务"), ("2210201", "住房公积金"))
ADDED_GOVERNMENT = (("50205", "委托业务费"), ("50208", "公务用车运行维护费"), ("50209", "维修（护）费"),
                    ("50299", "其他商品和服务支出"), ("50306", "设备购置"), ("50901", "社会福利和救助"),
                    ("50999", "其他对个人和家庭补助"))


def added(functional: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return (("2023/functional.csv", FUNCTIONAL_HEADER + "".join(
                f"{code},{name},项,{code[:5]},general,,2023,test\n" for code, name in functional)),
            ("2023/economic_government.csv", GOVERNMENT_HEADER + "".join(
                f"{code},{name},款,{code[:3]},2023,test\n" for code, name in ADDED_GOVERNMENT)))


def one_new_code_in_one_row(data: dict[str, Any]) -> None:
    data.pop("waivers")
    set_at(data, grid_path(data, "expenditure", "2120103") + ("code",), "2120104")


CASES = [
    Case("C101", "a year without lists: the nearest earlier year's", lambda d: d.update(fiscal_year=2025),
         name="2025.yaml"),
    Case("C101", "a year before every list", lambda d: d.update(fiscal_year=2000), name="2000.yaml"),
    Case("C101", "a repository row without source",
         lists=(("2023/functional.csv", FUNCTIONAL_HEADER + "2120101,行政运行,项,21201,general,,2023,\n"),)),
    Case("C101", "an unreadable repository list", lists=(("2023/functional.csv", b"\xff\xfe code,name\n"),)),
    Case("C101", "a year whose lists only the repository has", lambda d: d.update(fiscal_year=2026),
         name="2026.yaml", lists=NEXT_YEAR_FUNCTIONAL),
    Case("C102", "a withdrawn code",
         lambda d: set_at(d, grid_path(d, "general_basic_economic", "30108") + ("code",), "30104")),
    Case("C102", "a 项 code in a table by 类", lambda d: set_at(d, fiscal_path(d, "212") + ("code",), "2120101")),
    Case("C102", "a 类 that does not exist in a list complete at that level",
         lambda d: set_at(d, grid_path(d, "expenditure", "2120101") + ("code",), "2999999"),
         lists=(("2023/lists.csv", LISTED + "functional,2023 local,partial,类,test\n"),)),
    Case("C102", "a code whose 款 is not in a list complete at that level",
         lambda d: set_at(d, grid_path(d, "expenditure", "2120101") + ("code",), "2999901"),
         lists=(("2023/lists.csv", LISTED + "functional,2023 local,partial,款,test\n"),
                ("2023/functional.csv", FUNCTIONAL_HEADER + "2999901,测试项,项,29999,general,,2023,test\n"))),
    Case("C102", "a code not in a complete list",
         lists=(("2023/lists.csv", LISTED + "functional,2023 local,complete,,test\n"),)),
    Case("C103", "codes missing from the partial lists", lambda d: d.pop("waivers")),
    Case("C103", "more than 30 codes missing", more_unchecked_codes),
    Case("C103", "one code missing", lambda d: d.pop("waivers"), lists=added(ADDED_FUNCTIONAL)),
    Case("C103", "one code missing in one row", one_new_code_in_one_row,
         lists=added((*ADDED_FUNCTIONAL, ("2013202", "一般行政管理事务")))),
    Case("C104", "the same characters in another order", fiscal_name("207", "文化体育旅游与传媒支出")),
    Case("C104", "a 类 name printed without 支出", fiscal_name("207", "文化体育旅游与传媒")),
    Case("C104", "the name of another code", fiscal_name("207", "卫生健康支出")),
    Case("C104", "a former name of another code", fiscal_name("207", "医疗卫生与计划生育支出")),
    Case("C104", "the former name of another code, for a code the list lacks (as published)", example=True),
    Case("C104", "the name of another code, for a code the list lacks",
         lambda d: gov(d, "economic_summary", "30205", "50205", "办公经费")),
    Case("C105", "a former name", fiscal_name("212", "城乡社区事务支出")),
    Case("C106", "two names of a code the list lacks",
         lambda d: set_at(d, grid_path(d, "general_expenditure", "2120101") + ("name",), "行政远行")),
    Case("C107", "a 政府性基金 subject in the 一般公共预算 table",
         lambda d: grid_rows(d, "general_expenditure").append({"code": "2296002", "name": "用于社会福利的彩票公益金支出"})),
    Case("C107", "an amount in another fund's column", gov_fund_class_in_fiscal_summary),
    Case("C108", "a listed pair", lambda d: gov(d, "economic_summary", "30113", "50102", "社会保障缴费")),
    Case("C108", "a 款 outside the 类 the 对照表 pairs",
         lambda d: gov(d, "economic_summary", "30299", "50101", "工资奖金津补贴")),
    Case("C108", "a class the side does not use",
         lambda d: (gov(d, "general_basic_economic", "30201", "50101", "工资奖金津补贴"),
                    d["department"]["units"][0].update(kind="事业单位"))),
    Case("C118", "事业单位 pay in a 行政单位",
         lambda d: gov(d, "general_basic_economic", "30107", "50501", "工资福利支出")),
    Case("C118", "事业单位 pay in a 行政单位, in a year without a 对照表",  # its edition: no list
         lambda d: (gov(d, "general_basic_economic", "30107", "50501", "工资福利支出"), d.update(fiscal_year=2000)),
         name="2000.yaml"),
    Case("C118", "机关 pay in a 事业单位",
         lambda d: (gov(d, "general_basic_economic", "30107", "50101", "工资奖金津补贴"),
                    d["department"]["units"][0].update(kind="事业单位"))),
    Case("C109", "an item in the wrong column", wrong_column),
    Case("C110", "a 三公 item without its economic row", without_row("30231")),
    Case("C111", "a unit code of another department",
         lambda d: set_at(d, ("department", "units", 0, "code"), "152001")),
    Case("C111", "a unit of another department", lambda d: d["tables"]["revenue"]["units"][0].update(unit="152")),
    Case("C111", "a row's unit of another department", unit_of_row),
    Case("C111", "an unnamed row's unit of another department", unnamed_row_of_unit),
    Case("C112", "a project code of another region",
         lambda d: set_at(d, ("tables", "projects", "units", 0, "rows", 0, "code"), "410302230000000018713")),
    Case("C113", "a project code used twice", lambda d: d["tables"]["projects"]["units"][0]["rows"][1].update(
        code=d["tables"]["projects"]["units"][0]["rows"][0]["code"])),
    Case("C114", "projects without targets (as published)", example=True),
    Case("C114", "a project without one kind of indicator", no_satisfaction, example=True),
    Case("C115", "a claim the projects contradict (as published)", example=True),
    *(Case(rule, "the failing case of tests/test_rules_text.py", change) for rule, change in FAILING.items()),
    Case("T101", "a part and the overview's fields missing", no_glossary_nor_duties),
    Case("T103", "an item not compared with the previous year", no_comparison),
    Case("T201", "the department's unit row", department_name_of_unit),
    Case("T201", "the narrative", department_name_in_text),
    Case("T202", "a unit's name", unit_name),
    Case("T202", "a project of an unknown unit", project_of_unknown_unit),
    Case("T203", "the narrative (as published)", example=True),
    Case("T303", "a file named for another year", name="2022.yaml"),
    Case("T504", "a Kangxi radical", lookalike("行政运\u2f8f")),
    Case("T504", "a compatibility ideograph and a radical without another form", lookalike("\uf900行政运行\u2e80")),
    Case("T603", "a breakdown in parentheses", lambda d: edit(d, "十", "电动巡防车1辆", "电动巡防车2辆", sub=3)),
]


def findings_of(case: Case, tmp_path: Path) -> list[Finding]:
    """The findings of these rules (not only of `case.rule`) on the changed budget."""
    data = load_data(EXAMPLE if case.example else MAINTAINED)
    case.change(data)
    folder = tmp_path / "repo" / "budgets" / "151-xigong-jiedao"
    folder.mkdir(parents=True)
    for name, text in case.lists:
        target = tmp_path / "repo" / "classification" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return [f for f in findings_for(folder, data, case.name) if f.rule in RULES]


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.rule} {case.what}")
def test_every_message_of_the_rule_has_its_chinese(case: Case, tmp_path: Path) -> None:
    findings = findings_of(case, tmp_path)
    assert [f for f in findings if f.rule == case.rule], "the case makes no finding of its rule"
    assert_bilingual(findings)


def test_every_rule_has_a_case() -> None:
    assert sorted({case.rule for case in CASES}) == RULES


def written(template: str) -> re.Pattern[str]:
    """A catalogue text as a pattern that its filled-in messages match."""
    parts = [re.escape(literal) for literal, _, _, _ in string.Formatter().parse(template)]
    return re.compile("(?s:.*?)".join(parts))


# Entries that no message prints: `none`, the origin of a list that does not exist, is only compared.
NEVER_PRINTED = {"C101.no_origin"}


def test_the_cases_write_every_entry_of_these_rules(tmp_path: Path) -> None:
    """Each entry of the catalogue for these rules, sentences and clauses, is in some message of the
    cases in both languages: an entry that no case writes could be wrong unseen."""
    english, chinese = [], []
    for index, case in enumerate(CASES):
        for finding in findings_of(case, tmp_path / str(index)):
            english.append(str(finding.message))
            chinese.append(getattr(finding.message, "zh", ""))
    everything = "\n".join(english), "\n".join(chinese)
    unwritten = [key for key in MESSAGES if key.split(".")[0] in PREFIXES and key not in NEVER_PRINTED
                 and not all(written(template).search(text) for template, text in zip(MESSAGES[key], everything))]
    assert not unwritten, ", ".join(unwritten)


# ------------------------------------------------------------------------ the published budgets

@pytest.mark.parametrize("path", [MAINTAINED, *EXAMPLES], ids=lambda path: path.name)
def test_the_published_and_maintained_budgets_messages_are_in_both_languages(path: Path, tmp_path: Path) -> None:
    """All their findings of these rules, the maintained budget's waived ones included."""
    data = load_data(path)
    data.pop("waivers", None)
    findings = [f for f in findings_for(tmp_path, data, path.name) if f.rule in RULES]
    if path in (MAINTAINED, EXAMPLE):
        assert findings
    assert_bilingual(findings)


def test_english_is_unchanged_for_the_published_example() -> None:
    """The English text is what it was before the catalogue (waivers match its figures)."""
    by_rule = {f.rule: str(f.message) for f in check_file(EXAMPLE, today=TODAY)}
    assert by_rule["T203"] == ("情况说明 names project 「服务群众专项经费-政府购买服务及岗位」, which is not in 预算11表; "
                               "did it mean 「服务群众专项经费-政府购买及岗位」?")
    assert by_rule["C115"].startswith("预算12表 claims 绩效目标编制完成率 100%, but only 12 of 14 projects have targets in "
                                      "预算13表 (85.71%); without targets: ")


# ------------------------------------------------------------------------------------- the source

def say_calls(source: Path) -> tuple[list[tuple[int, str]], set[str]]:
    """The `Problem(...)` calls whose message is not a call to `say`, and every catalogue key named."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    plain: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Problem":
            message = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "message"), None)
            if not (isinstance(message, ast.Call) and isinstance(message.func, ast.Name)
                    and message.func.id == "say"):
                plain.append((node.lineno, ast.unparse(message) if message else ""))
    keys = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and re.fullmatch(r"(?:[CT]\d{3}|classification|text)\.\w+", node.value)}
    return plain, keys


def test_no_finding_is_given_a_plain_string() -> None:
    keys: set[str] = set()
    for source in SOURCES:
        plain, named = say_calls(source)
        keys |= named
        # C101 yields the warnings of the code lists, each made by say() where the lists are read (below).
        assert [text for _, text in plain if (source.name, text) != ("classification.py", "warning")] == [], source
    tree = ast.parse(LISTS_SOURCE.read_text(encoding="utf-8"))
    appended = [node.args[0] for node in ast.walk(tree) if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute) and node.func.attr == "append"
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "warnings"]
    assert appended and all(isinstance(arg, ast.Call) and getattr(arg.func, "id", "") == "say" for arg in appended)
    keys |= say_calls(LISTS_SOURCE)[1]
    ours = {key for key in MESSAGES if key.split(".")[0] in PREFIXES}
    assert keys - set(MESSAGES) == set()  # every key the code names is in the catalogue
    assert ours - keys == set()  # and every entry of these rules is used
