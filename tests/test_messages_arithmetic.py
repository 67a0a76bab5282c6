"""Issue 16 item 5 for the arithmetic rules: every finding of rules/arithmetic.py, rules/summary.py,
rules/crosstable.py and rules/execution.py (A1xx, A2xx, A3xx, A408–A411, A415, T503) has its Chinese.

The findings are those of the rules' own failing cases (tests/test_rules_arithmetic.py, test_layouts.py,
test_execution.py), of a few more one-cell changes that reach the rules' other messages (a 类 row left out,
a project missing from a table, a bound, a rounded file), and of the published examples and the maintained
budget. Each must carry a Chinese text with every placeholder filled and none of the English sentence
left in it; each message of these files must be reached. A static test keeps every `Problem(` of the
files on the catalogue.
"""

from __future__ import annotations

import ast
import re
import string
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
import test_execution
import test_layouts
import test_rules_arithmetic
from conftest import MAINTAINED, ROOT, TODAY, findings_for, load_data, set_at

from budgetlint import messages
from budgetlint.findings import Finding
from budgetlint.lint import check_file
from budgetlint.messages import MESSAGES, Message
from budgetlint.rules import ALL_RULES

PACKAGE = ROOT / "budgetlint"
RULE_FILES = [PACKAGE / "rules" / f"{name}.py" for name in ("arithmetic", "summary", "crosstable", "execution")]
MODULES = {f"budgetlint.rules.{path.stem}" for path in RULE_FILES}
RULES = sorted(rule.id for rule in ALL_RULES if rule.check.__module__ in MODULES)
PUBLISHED = [MAINTAINED, *sorted((ROOT / "examples").glob("*.yaml"))]

# Words of the English sentences (`sum of rows`, `情况说明 states … but`, `is missing from`): none may be
# left in a Chinese text. Names, codes, labels and paths are the file's own and stay as they are.
ENGLISH = re.compile(r"\b(sum|rows?|unit|diff|states|but|exceeds|by|missing|item|items|project|projects|type|"
                     r"funding|whole|under|spends?|declares|layout|beyond|rounding|tolerance|differs|reason|"
                     r"more|than|add|up|its|is|of|has|no|all|funds|not|in|at|most|least|may|must)\b")


def _mutate(data: dict[str, Any], change: Any) -> dict[str, Any]:
    change(data)
    return data


def _row(rows: list[dict[str, Any]], code: str) -> int:
    return next(index for index, row in enumerate(rows) if row.get("code") == code)


def _drop_summary_class(data: dict[str, Any]) -> None:
    """预算01表 without its 类 208 row: A301 names the 类 that 预算03表 spends under."""
    rows = data["tables"]["summary"]["expenditure"]
    del rows[_row(rows, "208")]


def _drop_fiscal_class(data: dict[str, Any]) -> None:
    rows = data["tables"]["fiscal_summary"]["expenditure"]["rows"]
    del rows[_row(rows, "208")]


def _drop_economic_item(data: dict[str, Any]) -> None:
    """预算07表 without 30201 办公费: A308 reports 预算06表's item as missing from it."""
    rows = data["tables"]["economic_summary"]["units"][0]["rows"]
    del rows[_row(rows, "30201")]


def _recode_performance_project(data: dict[str, Any]) -> None:
    """A project of 预算13表 under another code: missing from 13, and one 13 lists that 11 does not."""
    data["tables"]["project_performance"]["units"][0]["rows"][1]["code"] = "410303220000000099999"


def _summary_fiscal_over_amount(data: dict[str, Any]) -> None:
    revenue = data["tables"]["summary"]["revenue"]
    revenue[next(i for i, row in enumerate(revenue) if row.get("source") == "general_budget")]["fiscal"] = D("1906.05")


def _project_funding(data: dict[str, Any]) -> None:
    """A project's 一般公共预算 funding (预算11表) one more than 预算05表's 项目支出 (A311), and a unit row's
    合计 that its sources do not make up (A114 names the unit)."""
    set_at(data, ("tables", "projects", "units", 0, "rows", 0, "carryover", "general_budget"), D("4.00"))
    set_at(data, ("tables", "revenue", "units", 0, "total"), D("1909.70"))


def _rounded_beyond_tolerance(data: dict[str, Any]) -> None:
    data["rounding"] = "rounded"
    data["tables"]["summary"]["this_year_revenue"] = D("1896.08")


# One-cell changes of the maintained budget beyond each rule's own failing case (tests/test_rules_arithmetic.py).
MORE_CHANGES = {"A301 no 类 row": _drop_summary_class, "A304 no 类 row": _drop_fiscal_class,
                "A308 item missing": _drop_economic_item, "A312 project recoded": _recode_performance_project,
                "A115 summary row": _summary_fiscal_over_amount, "A311 funding": _project_funding,
                "rounded": _rounded_beyond_tolerance}


def _arithmetic_cases() -> dict[str, dict[str, Any]]:
    """The maintained budget with each rule's typo (the cases of tests/test_rules_arithmetic.py), and more."""
    cases = {}
    for rule_id, (base_of, cell, value, _) in test_rules_arithmetic.CASES.items():
        data = load_data(MAINTAINED)
        set_at(data, base_of(data) + cell, value)
        cases[rule_id] = data
    cases["A103"] = _mutate(load_data(MAINTAINED),
                            lambda data: test_rules_arithmetic._insert_class_row(data, D("160.00")))
    for name, change in MORE_CHANGES.items():
        cases[name] = _mutate(load_data(MAINTAINED), change)
    return cases


def _layout_cases(folder: Path) -> list[Finding]:
    """The failing cases of A119 and A314 (a Shanghai 单位预算, tests/test_layouts.py), an equality and a
    lower bound; an upper bound (表9 机关运行经费 ≤ 表8 公用经费) in a Shanghai 部门预算."""
    (folder / "A314 upper bound").mkdir()
    caizhengju = load_data(ROOT / "examples" / "putuo-caizhengju-2025-as-published.yaml")
    caizhengju["tables"]["three_public"]["totals"]["operating_expenses"] = D("99999.99")
    found = test_layouts.checked(folder / "A314 upper bound", caizhengju)
    for name, change in (
        ("A119", lambda data: set_at(data, ("tables", "summary", "expenditure", 1, "public"), D("265380.01"))),
        ("A314", lambda data: data["tables"]["revenue_function"]["totals"].update(
            fiscal=D("91016775.36"), total=D("91016775.36"))),
        ("A314 bound", lambda data: data["tables"]["three_public"]["totals"].update(
            reception=D("18.49"), total=D("857.49"))),
    ):
        (folder / name).mkdir()
        found += test_layouts.checked(folder / name, _mutate(load_data(test_layouts.BANGONGSHI), change))
    return found


def _execution_cases(folder: Path) -> list[Finding]:
    """The failing cases of A408–A410, T503 and A415 on the published 2024 决算 (tests/test_execution.py);
    A411 fails on the published text itself."""
    found = []
    for name, (old, new) in {
        "A408": ("年初预算为1560.05万元，支出决算为1511.89万元", "年初预算为1560.05万元，支出决算为1511.98万元"),
        "A409": ("年初预算为0.95万元", "年初预算为0.59万元"),
        "A410": ("完成年初预算的98.20%", "完成年初预算的98.02%"),
        "T503": (("年初预算为450.52万元，支出决算为449.52万元。决算数小于预算数的主要原因：因个别项目评审费未能实施或未来得及"
                  "支付完毕，于明年重新申请。"), "年初预算为450.52万元，支出决算为349.52万元。"),
    }.items():
        assert test_execution.TEXT.count(old) >= 1, old
        path = folder / name / "2024-juesuan.yaml"
        path.parent.mkdir()
        path.write_text(test_execution.TEXT.replace(old, new, 1), encoding="utf-8")
        found += check_file(path, today=TODAY)
    for name, changes in (("A415 item", {"2010601": "1650.05"}), ("A415 三公", {"three_public": "1.95"})):
        found += check_file(test_execution.pair(folder / name, **changes), today=TODAY)
    return found


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> list[Finding]:
    """Every finding of these rules on the failing cases and the published budgets (worked out once)."""
    folder = tmp_path_factory.mktemp("cases")
    found: list[Finding] = []
    for name, data in _arithmetic_cases().items():
        (folder / name).mkdir()
        found += findings_for(folder / name, data)
    for name, cases in (("layouts", _layout_cases), ("execution", _execution_cases)):
        (folder / name).mkdir()
        found += cases(folder / name)
    for path in PUBLISHED:
        found += check_file(path, today=TODAY)
    return [finding for finding in found if finding.rule in RULES]


def _check_chinese(finding: Finding) -> None:
    message = finding.message
    assert isinstance(message, Message) and message.zh, (finding.rule, message)
    assert message.zh != str(message), (finding.rule, message)  # every sentence has words, not only figures
    assert "{" not in message and "}" not in message and "{" not in message.zh and "}" not in message.zh
    # The file's and the layout's own words stay: an identity's text, a layout's name (A314).
    text = re.sub(r"`[^`]*`|版式 \S+", "", message.zh)
    assert not ENGLISH.search(text), (finding.rule, message.zh)


@pytest.mark.parametrize("rule_id", RULES)
def test_every_finding_of_the_rule_has_its_chinese(rule_id: str, findings: list[Finding]) -> None:
    of_rule = [finding for finding in findings if finding.rule == rule_id]
    assert of_rule, f"no failing case reaches {rule_id}"
    for finding in of_rule:
        _check_chinese(finding)


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda path: path.name)
def test_the_maintained_and_example_budgets_findings_exist_in_both_languages(path: Path) -> None:
    found = [finding for finding in check_file(path, today=TODAY) if finding.rule in RULES]
    for finding in found:
        _check_chinese(finding)


def _calls(path: Path, name: str) -> list[ast.Call]:
    """The calls of the function `name` in a file."""
    return [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name]


def _key_of(call: ast.Call) -> str | None:
    """The catalogue key a call names: `say("KEY", …)`, `partial(say, "KEY", …)`, `mismatch(…, key="KEY")`
    (None: `mismatch`'s default, tables.mismatch, or a key worked out at run time)."""
    if isinstance(call.func, ast.Name) and call.func.id == "mismatch":
        literal = next((k.value for k in call.keywords if k.arg == "key"), ast.Constant("tables.mismatch"))
    else:
        literal = call.args[1] if isinstance(call.func, ast.Name) and call.func.id == "partial" else call.args[0]
    return literal.value if isinstance(literal, ast.Constant) and isinstance(literal.value, str) else None


def _message_of(problem: ast.Call) -> ast.expr:
    return problem.args[1] if len(problem.args) > 1 else next(k.value for k in problem.keywords if k.arg == "message")


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda path: path.name)
def test_every_problem_is_given_a_catalogue_message(path: Path) -> None:
    """No `Problem(` of these files is given a sentence of its own (an f-string, a str): its message is
    `say(...)` or `tables.mismatch(...)`, which returns `say(...)`."""
    for problem in _calls(path, "Problem"):
        message = _message_of(problem)
        assert isinstance(message, ast.Call) and isinstance(message.func, ast.Name) \
            and message.func.id in ("say", "mismatch"), f"{path.name}:{problem.lineno}"


def test_every_message_of_these_files_is_reached(findings: list[Finding]) -> None:
    """Each sentence these rules can say (the key of a finding's message) is said by some case above, so
    the test of its Chinese is not vacuous."""
    said = {finding.message.key for finding in findings if isinstance(finding.message, Message)}
    sentences = {key for path in RULE_FILES for problem in _calls(path, "Problem")
                 if isinstance(message := _message_of(problem), ast.Call) and (key := _key_of(message))}
    # declared_row_sums names its sentence by the rule it reports for
    sentences |= {f"{rule_id}.sum" for rule_id in ("A110", "A111", "A112", "A113", "A114", "A116", "A117", "A119")}
    assert sorted(sentences - said) == []


def test_the_message_helpers_of_tables_return_catalogue_messages() -> None:
    """tables.mismatch, rounding_note and row_label build their text with `say` (rounding_note: "" in a
    file of exact figures)."""
    tree = ast.parse((PACKAGE / "tables.py").read_text(encoding="utf-8"))
    helpers = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    for name in ("mismatch", "rounding_note", "row_label"):
        for node in ast.walk(helpers[name]):
            if isinstance(node, ast.Return):
                value = node.value
                assert (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "say") \
                    or (isinstance(value, ast.Constant) and value.value == ""), f"{name}:{node.lineno}"


@pytest.mark.parametrize("path", [*RULE_FILES, PACKAGE / "tables.py"], ids=lambda path: path.name)
def test_every_key_these_files_name_is_in_the_catalogue_with_both_texts(path: Path) -> None:
    calls = _calls(path, "say") + _calls(path, "mismatch") + [
        call for call in _calls(path, "partial") if isinstance(call.args[0], ast.Name) and call.args[0].id == "say"]
    keys = {key for call in calls if (key := _key_of(call))}
    assert keys, path.name
    for key in keys:
        assert key in MESSAGES, f"{path.name}: `{key}`"
        en, zh = MESSAGES[key]
        fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in (en, zh)]
        assert en and zh and fields[0] == fields[1], key


def test_a_sum_in_chinese(tmp_path: Path) -> None:
    """The sentence of a sum and its clauses, word for word: the issue's example, a unit's subtotal, a
    rounded file's tolerance, a 决算 statement."""
    data = load_data(MAINTAINED)
    data["tables"]["expenditure"]["totals"]["total"] = D("1909.08")
    finding = next(f for f in findings_for(tmp_path, data) if f.rule == "A101")
    assert finding.message == "预算03表 合计 合计 1909.08 ≠ sum of unit rows 1909.07 (diff +0.01)"
    assert messages.in_language(finding.message, messages.ZH) == "预算03表 合计 合计 1909.08 ≠ 各单位行之和 1909.07（差额 +0.01）"
    data = _mutate(load_data(MAINTAINED), _rounded_beyond_tolerance)
    finding = next(f for f in findings_for(tmp_path, data) if f.rule == "A201")
    assert isinstance(finding.message, Message)
    assert finding.message.zh == "预算01表 本年收入合计 1896.08 ≠ 收入各行之和 1896.05（差额 +0.03，超出四舍五入容差 ±0.01）"
    data = load_data(MAINTAINED)
    set_at(data, ("tables", "expenditure", "units", 0, "public_goods"), D("57.50"))
    finding = next(f for f in findings_for(tmp_path, data) if f.rule == "A102")
    assert isinstance(finding.message, Message)
    assert finding.message.zh == "预算03表 单位 151 公用经费 商品和服务支出 57.50 ≠ 本单位各行之和 57.55（差额 -0.05）"
    found = test_execution.rules_after(tmp_path, "年初预算为1560.05万元，支出决算为1511.89万元",
                                       "年初预算为1560.05万元，支出决算为1511.98万元", "A408")
    assert [message.zh for message in found if isinstance(message, Message)] == [
        ("情况说明所述 一般公共服务支出（类）财政事务（款）行政运行（项） 支出决算 1511.98万元，而 表5 2010601 行政运行 合计 为 "
         "1511.89万元（差额 0.09）")]
