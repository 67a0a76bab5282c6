"""Messages in Chinese (issue 16, item 5) for reading (Y), the schema (S), waivers (W), internal errors
(X001), findings not shown, and the narrative's figures (A401–A407, A412–A414).

Each case is a real file — the maintained budget, a published example, or a few lines of YAML a clerk
could type — with one mistake, checked with the real linter. Every finding of these rules must carry
its Chinese text, with every placeholder filled in both languages; a message with words must read
differently in Chinese. A static test makes sure no finding of these files is written as an English
sentence outside the catalogue.
"""

from __future__ import annotations

import ast
import os
import re
import string
from pathlib import Path

import pytest
from conftest import EXAMPLE, MAINTAINED, ROOT, TODAY

from budgetlint import loader
from budgetlint.findings import Finding
from budgetlint.lint import (
    DEFAULT_CONFIG,
    UsageError,
    _internal_error,
    budget_for,
    check_file,
    discover,
    skipped_rules,
)
from budgetlint.messages import MESSAGES, ZH, Message, say, set_language

PACKAGE = ROOT / "budgetlint"
FILES = ("loader.py", "schema_check.py", "lint.py", "narrative.py", "rules/narrative.py")
NARRATIVE_RULES = {"A401", "A402", "A403", "A404", "A405", "A406", "A407", "A412", "A413", "A414"}
EXAMPLES = ROOT / "examples"
WANLI = EXAMPLES / "putuo-wanli-jiedao-2025-as-published.yaml"
CAIZHENG = EXAMPLES / "putuo-caizhengju-2025-as-published.yaml"
JUESUAN = EXAMPLES / "putuo-caizhengju-2024-juesuan-as-published.yaml"
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}")  # `{…}` in a Y004 message is text, `{written}` is not
WORDS = re.compile(r"[A-Za-z]{2,}")
ROW = '{code: "2013202", name: 一般行政管理事务, total: 3.00, project: 3.00'  # 预算03表, the first of its rows


def mine(finding: Finding) -> bool:
    return finding.rule[0] in "YSWX" or finding.rule in NARRATIVE_RULES


def assert_bilingual(finding: Finding) -> None:
    message = finding.message
    assert isinstance(message, Message) and message.zh, (finding.rule, message)
    for text in (str(message), message.zh):
        assert not PLACEHOLDER.search(text), (finding.rule, text)
    if WORDS.search(str(message)):
        assert message.zh != str(message), (finding.rule, message)


def checked(findings: list[Finding], rule: str, fragment: str) -> list[Finding]:
    """The findings of `rule` whose English states `fragment`, every finding of these rules bilingual."""
    for finding in findings:
        if mine(finding):
            assert_bilingual(finding)
    found = [f for f in findings if f.rule == rule and fragment in f.message]
    assert found, [(f.rule, str(f.message)) for f in findings]
    return found


def edited(folder: Path, source: Path, *edits: tuple[str, str], name: str = "") -> list[Finding]:
    """The findings of `source` with each `old` replaced by `new` (the first occurrence)."""
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / (name or source.name)
    path.write_text(text, encoding="utf-8")
    return check_file(path, today=TODAY)


def written(folder: Path, content: bytes | str) -> list[Finding]:
    path = folder / "2023.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return check_file(path, today=TODAY)


# ------------------------------------------------------------------------------------ reading (Y)

DEEP = "[" * 40 + "]" * 40
READING = [
    # (what the clerk typed, rule, what the English says)
    ("fiscal_year: 2023\ntables:\n\tsummary: {}\n", "Y001", "tab characters"),
    ("a: ]\n", "Y001", "YAML syntax error"),
    ("a: 1\n---\nb: 2\n", "Y001", "a second document"),
    (f"a: {DEEP}\n", "Y001", "deeper than 32 levels"),
    (f"a: 1\na: {DEEP}\n", "Y001", "nesting deeper than 32 levels"),
    ("a: \x01\n", "Y001", "cannot contain #x0001"),
    ("? [a]\n: 1\n", "Y001", "must be a plain word"),
    ("\ufeffa: 1\n".encode("utf-16"), "Y002", "UTF-16"),
    ("名称: 一般行政管理事务\n".encode("gbk"), "Y002", "GBK/GB18030"),
    (b"a: \xff\n", "Y002", "re-save it as UTF-8"),
    ("a: 1\na: 2\n", "Y003", "(first at line 1)"),
    ("a: 0151\n", "Y004", "leading zero lost"),
    ("a: 0x1F\n", "Y004", "not a plain whole number"),
    ("a: .nan\n", "Y004", "is not an amount"),
    ("a: 1.5e+3\n", "Y004", "write it as 1500"),
    ("a: 1.0e-30\n", "Y004", "with its decimal point"),
    ("a: 1_000.5\n", "Y004", "uses `_` or `:`"),
    ("a: -0.00\n", "Y004", "negative zero"),
    ("a: 410303220000000006776\n", "Y004", "a number of 21 digits"),
    ("a: 1234567890123456.5\n", "Y004", "more than 15 digits"),
    ("a: {b: 1,569.30}\n", "Y004", "and then the key `569.30`"),
    ("a: {b: 1,234,569.30}\n", "Y004", "and then the keys"),
    ("a: &x 1\nb: *x\n", "Y005", "alias *x"),
    ("a: &x [1]\nb: *x\n", "Y005", "of mappings and lists"),
    ("a: {c: 1}\nb:\n  <<: {c: 2}\n", "Y005", "merge keys"),
    ("", "Y006", "file is empty"),
    ("# nothing but a comment\n", "Y006", "file is empty"),
    ("- 1\n", "Y006", "the document is a list"),
    ("3\n", "Y006", "the document is a single value"),
]


@pytest.mark.parametrize(("content", "rule", "fragment"), READING, ids=[case[2] for case in READING])
def test_reading_findings_are_in_both_languages(tmp_path: Path, content: str | bytes, rule: str,
                                                fragment: str) -> None:
    checked(written(tmp_path, content), rule, fragment)


SYNTAX = [
    # (old, new: one mistake in the maintained budget, what the English says)
    ("fiscal_year: 2023", "fiscal_year： 2023", "full-width `：` on line 12: use half-width `:` followed by a space"),
    (ROW, ROW.replace('"2013202",', '"2013202"，'), "full-width `，`"),
    ("  expenditure:\n    totals: {total: 1909.07, basic", "  expenditure:\n     totals: {total: 1909.07, basic",
     "is indented by 5 spaces"),
    ("fiscal_year: 2023", "fiscal_year:\u30002023", "full-width space"),
    ("personnel_family: 0.72, public_goods: 55.87}", "personnel_family: 0.72, public_goods: 55.87", "is not closed"),
    ("fiscal_year: 2023", "fiscal_year:2023", "needs a space after the colon"),
]


@pytest.mark.parametrize(("old", "new", "fragment"), SYNTAX, ids=[case[2] for case in SYNTAX])
def test_the_causes_of_syntax_errors_are_in_both_languages(tmp_path: Path, old: str, new: str,
                                                           fragment: str) -> None:
    checked(edited(tmp_path, MAINTAINED, (old, new)), "Y001", fragment)


def test_a_tab_is_named_in_chinese(tmp_path: Path) -> None:
    finding = checked(written(tmp_path, READING[0][0]), "Y001", "tab")[0]
    assert finding.message.zh.startswith("YAML 语法错误：") and "制表符" in finding.message.zh


def test_the_cause_of_a_syntax_error_is_said_in_chinese(tmp_path: Path) -> None:
    """The cause is budgetlint's (in Chinese); the parser's own words after it are the parser's."""
    found = edited(tmp_path, MAINTAINED, ("fiscal_year: 2023", "fiscal_year:\u30002023"))
    finding = checked(found, "Y001", "full-width space")[0]
    assert finding.message.zh.startswith("YAML 语法错误：第 12 行有全角空格：请改用半角空格（解析器提示：")


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "2023.yaml"
    folder.mkdir()
    checked(check_file(folder, today=TODAY), "Y007", "it is a folder")
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    checked(check_file(pipe, today=TODAY), "Y007", "not a regular file")
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    checked(check_file(link, today=TODAY), "Y007", "symbolic link")


def test_files_too_large_to_check(tmp_path: Path) -> None:
    checked(written(tmp_path, "[" + "0," * loader.MAX_VALUES + "0]\n"), "Y007", "values (reading stopped here")
    # A file over the size limit is refused before it is read; writing one would take 24 MiB of disk.
    too_large = loader._too_large(25 * 1024 * 1024)
    assert isinstance(too_large.message, Message)
    assert too_large.message.zh == ("文件大小 25.0 MiB，超过预算文件的上限 24 MiB（实际的预算文件不到 1 MiB；"
                                    "此上限使检查所用内存低于 1 GB）")


# ------------------------------------------------------------------------------------- schema (S)

SCHEMA = [
    # (old, new: one mistake in the maintained budget, rule, what the English says)
    (ROW, ROW.replace("total: 3.00", 'total: "3.00 "'), "S001", "write it as a plain number, 3.00"),
    (ROW, ROW.replace("total: 3.00", "total: ３.００"), "S001", "use half-width: 3.00"),
    (ROW, ROW.replace("total: 3.00", "total: 3.00万元"), "S001", "without `万元`"),
    (ROW, ROW.replace('"2013202"', "2013202"), "S001", 'quote the code: "2013202"'),
    ("fiscal_year: 2023", "fiscal_year: true", "S001", "expected a whole number, found the yes/no value true"),
    ("  units:\n    - {code", "  units: 1\n  units_: \n    - {code", "S001", "expected a list"),
    (ROW, ROW.replace("total:", "totla:"), "S002", "did you mean `total`?"),
    (ROW, ROW.replace("total:", "ｔｏｔａｌ:"), "S002", "full-width letters"),
    (ROW, ROW.replace("total: 3.00", "total： 3.00"), "S002", "full-width `：` does not separate"),
    ("rounding: exact", "rounding: exact\nxyzzy_plugh: 1", "S002", "in the top level; expected one of"),
    ("fiscal_year: 2023\n", "", "S003", "missing required key `fiscal_year` in the top level"),
    (ROW, ROW.replace("total: 3.00", "total: 3.001"), "S004", "more than two decimals"),
    (ROW, ROW.replace("total: 3.00", "total: -3.00"), "S005", "is negative"),
    (ROW, ROW.replace('"2013202"', '"201-32-02"'), "S006", "is not a valid"),
    (ROW, ROW.replace('"2013202"', '"２０１３２０２"'), "S006", "full-width digits; use half-width"),
    (ROW, ROW.replace('"2013202"', '" 2013202"'), "S006", "remove the spaces around it"),
    (ROW, ROW.replace('"2013202"', "“2013202”"), "S006", "the quotes are part of the text"),
    ("amount_unit: 万元", "amount_unit: 千元", "S007", "the text `千元` is not allowed here"),
    ("  units:\n    - {code: \"151001\", name: 洛阳市西工区西工街道办事处, kind: 行政单位}", "  units: []", "S008",
     "needs at least 1 entry"),
    (ROW, ROW.replace("name: 一般行政管理事务", 'name: ""'), "S008", "is empty"),
    ("    at: narrative[3].text\n", "    at: narrative[3].text\n    expires: \"2023-13-45\"\n", "S008",
     "is not a 'date'"),
]


@pytest.mark.parametrize(("old", "new", "rule", "fragment"), SCHEMA, ids=[case[3] for case in SCHEMA])
def test_schema_findings_are_in_both_languages(tmp_path: Path, old: str, new: str, rule: str, fragment: str) -> None:
    checked(edited(tmp_path, MAINTAINED, (old, new)), rule, fragment)


def test_did_you_mean_in_chinese(tmp_path: Path) -> None:
    finding = checked(edited(tmp_path, MAINTAINED, (ROW, ROW.replace("total:", "totla:"))), "S002", "totla")[0]
    assert finding.message.zh.startswith("未知的键 `totla`（位于`tables.expenditure.units[0].rows[0]`）")
    assert finding.message.zh.endswith("；是否应为 `total`？")


# ------------------------------------------------------------------------------------ waivers (W)

def waiver(*lines: str) -> tuple[str, str]:
    """A waiver added at the end of the maintained budget's `waivers:` (its last key)."""
    end = "委托业务费, 50306 设备购置, 50209 维修（护）费, 50208 公务用车运行维护费, 50901 社会福利和救助 (预算07表).\n"
    return end, end + "".join(f"  {'-' if index == 0 else ' '} {line}\n" for index, line in enumerate(lines))


WAIVERS = [
    (waiver("rule: A401", "at: narrative[0].text"), "W001", "gives no reason"),
    (waiver("rule: A401", "at: narrative[0].text", "figures: [1.23]", "reason: test"), "W002",
     "at `narrative[0].text` matches no finding; remove it"),
    (("figures: [300]", "figures: [301]"), "W002", "states other figures now"),
    (waiver("rule: A401", "reason: test", 'expires: "2023-01-01"'), "W003", "expired on 2023-01-01"),
    (waiver("rule: A401", "at: tables[x]", "reason: test"), "W004", "it waives nothing"),
    (waiver("rule: Y001", "reason: test"), "W005", "a reading finding"),
    (("    figures: [300]\n", ""), "W006", "does not record which finding it accepts: add `figures:"),
    (("rounding: exact", "rounding: exact  # budgetlint: disable=Y001 reason: test"), "W005", "inline waiver"),
    (("rounding: exact", "rounding: exact  # budgetlint: disable=A401"), "W001", "add `reason: …`"),
    (("rounding: exact", "rounding: exact  # budgetlint: disable=A401 reason: test"), "W002",
     "matches no finding on line 14"),
]


@pytest.mark.parametrize(("edit", "rule", "fragment"), WAIVERS, ids=[case[2] for case in WAIVERS])
def test_waiver_findings_are_in_both_languages(tmp_path: Path, edit: tuple[str, str], rule: str,
                                               fragment: str) -> None:
    checked(edited(tmp_path, MAINTAINED, edit), rule, fragment)


def test_waivers_of_a_file_that_did_not_load_cleanly(tmp_path: Path) -> None:
    unknown_key = ("rounding: exact", "rounding: exact\nxyzzy_plugh: 1")
    one = edited(tmp_path, MAINTAINED, unknown_key, waiver("rule: A401", "at: narrative[0].text",
                                                            "figures: [1.23]", "reason: test"))
    finding = checked(one, "W002", "this waiver matches no finding")[0]
    assert "不要删去此豁免" in finding.message.zh
    many = edited(tmp_path, MAINTAINED, ("fiscal_year: 2023", "fiscal_year: 二〇二三"),
                  waiver("rule: A401", "at: narrative[0].text", "figures: [1.23]", "reason: test"))
    finding = checked(many, "W002", "more match no finding")[0]
    assert "不要删去这些豁免" in finding.message.zh


# ------------------------------------------------------------- internal errors, the rest, the causes

def test_internal_errors() -> None:
    for what in ("ValueError: boom", say("X001.killed")):
        assert_bilingual(_internal_error("2023.yaml", DEFAULT_CONFIG, what))
    killed = _internal_error("2023.yaml", DEFAULT_CONFIG, say("X001.killed")).message
    assert isinstance(killed, Message) and "--jobs 1" in killed.zh and "内存不足" in killed.zh


def test_findings_not_shown_are_counted_in_both_languages(tmp_path: Path) -> None:
    """Over 200 findings of one rule in a file: the rest are one finding, which quotes the first of them."""
    text = "  - number: 一\n    title: 收入支出预算总体情况说明\n    text: |-\n      "
    rest = checked(edited(tmp_path, MAINTAINED, (text, text + "的的，" * 205)), "T501", "more T501 findings")
    assert len(rest) == 1 and rest[0].message.zh.startswith("本文件另有 5 个 T501 问题未显示")
    first = say("T501.repeated", word="的", text="的的")
    assert rest[0].message.zh.endswith(f"其中第一个：{first.zh}")


def test_what_follows_from_a_cause_says_so_in_both_languages(tmp_path: Path) -> None:
    department = '  code: "151"\n  name: 洛阳市西工区西工街道办事处\n'
    found = edited(tmp_path, MAINTAINED, (department, department.replace('"151"', "0151")))
    following = [f for f in found if f.message.endswith("(follows from the Y004 at 16:9)")]
    assert following
    for finding in following:
        assert_bilingual(finding)
        assert finding.message.zh.endswith("（由 16:9 处的 Y004 引起）")


def test_rules_skipped_for_an_unknown_fact_say_why_in_both_languages() -> None:
    budget = budget_for(WANLI)
    assert budget is not None
    reasons = [reason for rule, reason in skipped_rules(budget) if rule in ("C108", "C111", "C112", "C118")]
    assert reasons and all(isinstance(reason, Message) and "不作推测" in reason.zh for reason in reasons)


def test_a_path_that_does_not_exist_is_an_error_in_the_runs_language(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere")
    try:
        set_language(ZH)
        with pytest.raises(UsageError, match="没有这个文件或文件夹"):
            discover([missing])
    finally:
        set_language("")
    with pytest.raises(UsageError, match="no such file or folder"):
        discover([missing])


# ------------------------------------------------------------------------------- narrative (A4xx)

NARRATIVE = [
    # (source, edits, rule, what the English says)
    (MAINTAINED, [("基本支出 1137.99万元，占 59.61%", "基本支出 1137.90万元，占 59.61%")], "A401", "(diff -0.09)"),
    (CAIZHENG, [("信息化系统日常维护费166.66万元，中介", "信息化系统日常维护费166.76万元，中介")], "A401",
     "信息化系统日常维护费 166.66万元"),
    (MAINTAINED, [("占 59.61%", "占 59.70%")], "A402", "points)"),
    (MAINTAINED, [("年初预算为 3.00万元", "年初预算为 0.00万元")], "A402", "a share of nothing"),
    (MAINTAINED, [("rounding: exact", "rounding: exact\nprevious_year: {revenue_total: 1710.21}")], "A403",
     "(diff +10.00)"),
    (CAIZHENG, [("与2024年预算一致0万元", "与2024年预算一致1万元")], "A403", "no change is 0"),
    (WANLI, [("公务用车购置及运行费36.56万元，比2024年预算减少10万元", "公务用车购置及运行费36.56万元，比2024年预算减少12万元")],
     "A403", "the changes it states of its parts add up to"),
    (MAINTAINED, [("增长 12.28%", "增长 12.82%")], "A404", "implied by the text"),
    (EXAMPLE, [], "A405", "a growth rate from a zero base is undefined"),
    (MAINTAINED, [("上年结转结余 13.02万元", "上年结转结余 13.20万元")], "A406", "≠ its parts"),
    (MAINTAINED, [("共14个项目", "共15个项目")], "A407", "lists 14 (diff +1)"),
    (CAIZHENG, [], "A412", "887.36万元"),
    (CAIZHENG, [], "A413", "which rounds to 87.71万元"),
    (CAIZHENG, [], "A414", "其它行政事业单位养老支出"),
    (WANLI, [], "A414", "the tables have"),
]


@pytest.mark.parametrize(("source", "edits", "rule", "fragment"), NARRATIVE, ids=[case[3] for case in NARRATIVE])
def test_narrative_findings_are_in_both_languages(tmp_path: Path, source: Path, edits: list[tuple[str, str]],
                                                  rule: str, fragment: str) -> None:
    name = "2023.yaml" if source in (MAINTAINED, EXAMPLE) else "2025.yaml"
    checked(edited(tmp_path, source, *edits, name=name), rule, fragment)


def test_the_narrative_message_in_chinese(tmp_path: Path) -> None:
    """The section as printed, the table figure as the layout names it, the Chinese words between."""
    finding = checked(edited(tmp_path, MAINTAINED, ("占 59.61%", "占 59.70%"), name="2023.yaml"), "A402", "points")[0]
    assert finding.message.zh == ("情况说明 「支出预算总体情况说明」所述占 59.70%，而 1137.99 / 1909.07 = 59.6097% → "
                                  "59.61%（相差 +0.09 个百分点）")


def test_last_years_files_are_named_in_both_languages(tmp_path: Path) -> None:
    """Last year's figure from last year's file, and from last year's 决算 beside this year's 预算."""
    (tmp_path / "2024-juesuan.yaml").write_text(JUESUAN.read_text(encoding="utf-8"), encoding="utf-8")
    finding = checked(edited(tmp_path, CAIZHENG, name="2025.yaml"), "A403", "2024 年初预算 of")[0]
    assert "2024年 一般公共预算财政拨款支出 年初预算（2024-juesuan.yaml）" in finding.message.zh
    previous = MAINTAINED.read_text(encoding="utf-8").replace("fiscal_year: 2023", "fiscal_year: 2022")
    (tmp_path / "2022.yaml").write_text(previous.replace("revenue_total: 1909.07", "revenue_total: 1800.21"),
                                        encoding="utf-8")
    finding = checked(edited(tmp_path, MAINTAINED, name="2023.yaml"), "A403", "(from the 2022 file)")[0]
    assert "（取自 2022 年的文件）" in finding.message.zh


def test_the_published_examples_and_the_maintained_budget(tmp_path: Path) -> None:
    """Done when (issue 16): every finding of these rules in the maintained and example budgets (waived
    ones included: a waiver is applied to the message in either language) has both languages."""
    sources = [MAINTAINED, *sorted(EXAMPLES.glob("*.yaml"))]
    seen = set()
    for source in sources:
        for finding in check_file(source, today=TODAY):
            if mine(finding):
                assert_bilingual(finding)
                seen.add(finding.rule)
    assert {"A402", "A405", "A406", "A412", "A413", "A414"} <= seen, seen


# ------------------------------------------------------------------------------------ the catalogue

STRUCTURE_ONLY = {"A403.difference", "Y001.context", "Y001.more_context", "S006.description", "S008.other"}


def _section_keys() -> list[str]:
    """The catalogue keys these files say (read from the source, so that none is left out)."""
    keys = set()
    for name in FILES:
        for node in ast.walk(ast.parse((PACKAGE / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("say", "tr"):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keys.add(first.value)
                elif isinstance(first, ast.IfExp):  # say("a" if many else "b", ...)
                    keys |= {branch.value for branch in (first.body, first.orelse) if isinstance(branch, ast.Constant)}
    keys |= {"Y004.thousands_key", "Y004.thousands_keys", "W002.unclean_one", "W002.unclean_many"}  # chosen by name
    return sorted(keys)


@pytest.mark.parametrize("key", _section_keys())
def test_every_message_of_these_files_is_in_the_catalogue_in_both_languages(key: str) -> None:
    assert key in MESSAGES, key
    english, chinese = MESSAGES[key]
    fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name}
              for text in (english, chinese)]
    assert fields[0] == fields[1], key
    if key not in STRUCTURE_ONLY:
        assert re.search(r"[\u4e00-\u9fff]", chinese) and chinese != english, key


# What carries a finding's message in these files, and where in the call the message is.
MESSAGE_ARGUMENT = {"Problem": 1, "LoadProblem": 1, "Finding": 5, "_at": 1, "waiver_finding": 2, "unused": 1}
# A message passed along, not made, where the call is: the name and why it is a Message.
PASSED_ALONG = {
    ("check_schema_and_repair", "message"),  # from `_explain`, typed `Explained` (a Message)
    ("_scalar", "message"),  # from `_convert`, typed Message
}


def _is_say(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "say"


def _made_by_say(function: ast.FunctionDef, name: str) -> bool:
    """`name` is a parameter of `function` typed Message, or every assignment to it is a say()."""
    for argument in function.args.args + function.args.kwonlyargs:
        if argument.arg == name:
            return isinstance(argument.annotation, ast.Name) and argument.annotation.id == "Message"
    values = [node.value for node in ast.walk(function) if isinstance(node, ast.Assign)
              and any(isinstance(target, ast.Name) and target.id == name for target in node.targets)]
    return bool(values) and all(_is_say(value) for value in values)


def _own_nodes(function: ast.AST) -> list[ast.AST]:
    """The nodes of a function's body, not those of the functions defined inside it."""
    out = []
    for child in ast.iter_child_nodes(function):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            out.append(child)
            out.extend(_own_nodes(child))
    return out


def _message_problems(name: str) -> list[str]:
    tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
    problems = []
    functions = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for function in functions:
        for argument in function.args.args if function.name in MESSAGE_ARGUMENT else []:
            if argument.arg == "message" and not (isinstance(argument.annotation, ast.Name)
                                                  and argument.annotation.id == "Message"):
                problems.append(f"{name}:{function.lineno} {function.name}(message) is not typed Message")
        for node in _own_nodes(function):
            if not isinstance(node, ast.Call):
                continue
            called = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            keyword = next((k.value for k in node.keywords if k.arg == "message"), None)
            if called == "replace" and keyword is not None:  # dataclasses.replace(problem, message=…)
                message = keyword
            elif called in MESSAGE_ARGUMENT:
                index = MESSAGE_ARGUMENT[called]
                message = node.args[index] if len(node.args) > index else keyword
            else:
                continue
            if message is None or _is_say(message):
                continue
            if isinstance(message, ast.Attribute) and message.attr == "message":
                continue  # an existing finding's message, passed along
            if isinstance(message, ast.Name) and ((function.name, message.id) in PASSED_ALONG
                                                  or _made_by_say(function, message.id)):
                continue
            problems.append(f"{name}:{node.lineno} {called}(…, {ast.unparse(message)[:60]})")
    return problems


@pytest.mark.parametrize("name", FILES)
def test_no_finding_is_written_outside_the_catalogue(name: str) -> None:
    """Every message of a finding in these files is a say() of the catalogue (or one passed along)."""
    assert _message_problems(name) == []
