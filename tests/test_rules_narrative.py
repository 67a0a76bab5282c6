"""Narrative figure rules (A401–A407): a failing and a passing case each, on the 情况说明 as published."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TODAY, findings_for, rules_of

from budgetlint.layout import load_layout
from budgetlint.lint import check_file
from budgetlint.narrative import normalise, section_word, vocabulary


def section(data: dict[str, Any], number: str) -> dict[str, Any]:
    return next(s for s in data["narrative"] if s.get("number") == number)


def edit(data: dict[str, Any], number: str, old: str, new: str) -> None:
    target = section(data, number)
    assert old in target["text"], target["text"]
    target["text"] = target["text"].replace(old, new)


def of_rule(folder: Path, data: dict[str, Any], rule_id: str) -> list:
    return [f for f in findings_for(folder, data) if f.rule == rule_id]


CASES = {
    # rule: (section, text as published, typo)
    "A401": ("三", "基本支出 1137.99万元", "基本支出 1137.90万元"),
    "A402": ("三", "占 59.61%", "占 59.70%"),
    "A404": ("一", "增长 12.28%", "增长 12.82%"),
    "A406": ("二", "上年结转结余 13.02万元", "上年结转结余 13.20万元"),
}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_narrative_typo_is_reported(rule_id: str, maintained_data: dict[str, Any], tmp_path: Path) -> None:
    number, old, new = CASES[rule_id]
    edit(maintained_data, number, old, new)
    findings = of_rule(tmp_path, maintained_data, rule_id)
    assert len(findings) == 1, [(f.rule, f.message) for f in findings_for(tmp_path, maintained_data)]
    assert findings[0].path.startswith("narrative[")


@pytest.mark.parametrize("rule_id", ["A401", "A402", "A403", "A404", "A406", "A407"])
def test_narrative_as_published_passes(rule_id: str, maintained_data: dict[str, Any], tmp_path: Path) -> None:
    assert of_rule(tmp_path, maintained_data, rule_id) == []


def test_a401_message_names_the_table_and_the_gap(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    edit(maintained_data, "五", "基本支出 1137.99万元", "基本支出 1137.90万元")
    finding = of_rule(tmp_path, maintained_data, "A401")[0]
    assert "预算05表 合计 基本支出 小计 is 1137.99万元 (diff -0.09)" in finding.message


def test_finding_points_at_the_sentence_line(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    edit(maintained_data, "七", "公务接待费0.00万元", "公务接待费0.50万元")
    finding = of_rule(tmp_path, maintained_data, "A401")[0]
    line = (tmp_path / "2023.yaml").read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert "0.50万元" in line[finding.column - 1:]


def test_a402_share_of_zero_whole(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    edit(maintained_data, "八", "年初预算为 3.00万元", "年初预算为 0.00万元")
    messages = [f.message for f in of_rule(tmp_path, maintained_data, "A402")]
    assert any("a share of nothing" in m for m in messages)


def test_a403_change_checked_against_previous_year_block(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    maintained_data["previous_year"] = {"revenue_total": D("1700.21")}
    assert of_rule(tmp_path, maintained_data, "A403") == []
    maintained_data["previous_year"] = {"revenue_total": D("1710.21")}
    finding = of_rule(tmp_path, maintained_data, "A403")[0]
    assert "(diff +10.00)" in finding.message


def test_a403_a404_use_the_previous_year_file(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    import copy

    from conftest import write_budget

    previous = copy.deepcopy(maintained_data)
    previous["fiscal_year"] = 2022
    summary = previous["tables"]["summary"]
    summary["revenue_total"] = summary["expenditure_total"] = D("1700.21")
    write_budget(tmp_path, previous, "2022.yaml")
    # Only 收支总计 was made consistent in this hand-made 2022 file; the other subjects differ on purpose.
    findings = [f for f in findings_for(tmp_path, maintained_data) if "收支总计" in f.message]
    assert "A403" not in rules_of(findings) and "A404" not in rules_of(findings)
    summary["revenue_total"] = summary["expenditure_total"] = D("1800.21")
    write_budget(tmp_path, previous, "2022.yaml")
    findings = [f for f in findings_for(tmp_path, maintained_data) if "收支总计" in f.message]
    change = next(f for f in findings if f.rule == "A403")
    assert "from the 2022 file" in change.message and "(diff +100.00)" in change.message
    rate = next(f for f in findings if f.rule == "A404")
    assert "208.86 / 1800.21 = 11.60%" in rate.message


def test_a405_growth_from_zero_base(example_data: dict[str, Any], tmp_path: Path) -> None:
    findings = of_rule(tmp_path, example_data, "A405")
    assert len(findings) == 1 and "增长 300%" in findings[0].message and "implied by the text" in findings[0].message
    edit(example_data, "四", "增加 3.00万元，增长 300%", "增加 3.00万元")
    assert of_rule(tmp_path, example_data, "A405") == []


def test_a407_project_count(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    text = section(maintained_data, "十")["subsections"][2]
    assert "共14个项目" in text["text"]
    text["text"] = text["text"].replace("共14个项目", "共15个项目")
    finding = of_rule(tmp_path, maintained_data, "A407")[0]
    assert "lists 14 (diff +1)" in finding.message


def test_section_words_come_from_the_layout_and_normalising() -> None:
    """Which table 基本支出 names depends on the section: the layout's `narrative_sections` say so."""
    henan = load_layout("henan-2023")
    assert section_word(henan, "一般公共预算基本支出预算情况说明") == "基本支出"
    assert section_word(henan, "支出预算总体情况说明") == "支出预算总体"
    assert section_word(henan, "一般公共预算“三公”经费支出预算情况说明") == "三公"
    assert vocabulary(henan, "支出预算总体情况说明").terms["基本支出"].table == "expenditure"
    assert vocabulary(henan, "一般公共预算支出预算情况说明").terms["基本支出"].table == "general_expenditure"
    assert "基本支出" not in vocabulary(henan, "一般公共预算“三公”经费支出预算情况说明").terms
    assert normalise("“三公” 经费") == "三公经费"


def test_a403_unchanged_claim_against_previous_year_file(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    import copy

    from conftest import write_budget

    previous = copy.deepcopy(maintained_data)
    previous["fiscal_year"] = 2022
    write_budget(tmp_path, previous, "2022.yaml")
    unchanged = [f for f in findings_for(tmp_path, maintained_data) if "保持一致" in f.message]
    assert unchanged == []
    three = previous["tables"]["three_public"]["totals"]
    three["vehicle_operation"] = three["vehicles"] = three["total"] = D("3.00")
    write_budget(tmp_path, previous, "2022.yaml")
    messages = [f.message for f in findings_for(tmp_path, maintained_data) if f.rule == "A403"]
    assert any("公务用车运行维护费 与上年保持一致" in m and "(diff +0.60)" in m for m in messages), messages
    assert any("三公经费 与上年保持一致" in m for m in messages), messages


# ---------------------------------------------------------------- the Shanghai wording, from the layouts

EXAMPLES = ROOT / "examples"
WANLI = EXAMPLES / "putuo-wanli-jiedao-2025-as-published.yaml"
CAIZHENG = EXAMPLES / "putuo-caizhengju-2025-as-published.yaml"
JUESUAN = EXAMPLES / "putuo-caizhengju-2024-juesuan-as-published.yaml"


def published(folder: Path, source: Path, *edits: tuple[str, str], name: str = "") -> list:
    """The findings of a publication with `edits` (old, new: the first occurrence) made to its text."""
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / (name or ("2024-juesuan.yaml" if source == JUESUAN else "2025.yaml"))
    path.write_text(text, encoding="utf-8")
    return check_file(path, today=TODAY)


def messages(found: list, rule_id: str) -> list[str]:
    return [f.message for f in found if f.rule == rule_id]


def test_changes_of_the_parts_add_up_to_the_change_of_the_whole(tmp_path: Path) -> None:
    """万里 2025: 三公经费 减少10万元 = 因公出国 持平 + 公务用车购置及运行费 减少10万元 + 公务接待费 持平, and 公务用车
    购置及运行费 减少10万元 = 购置费 减少10万元 + 运行费 持平 (the layout's `narrative_sums`)."""
    assert messages(published(tmp_path, WANLI), "A403") == []
    found = messages(published(tmp_path, WANLI, ("公务用车购置及运行费36.56万元，比2024年预算减少10万元",
                                                 "公务用车购置及运行费36.56万元，比2024年预算减少12万元")), "A403")
    assert len(found) == 2, found
    assert "三公经费 of -100000.00元, but the changes it states of its parts add up to 因公出国（境）费 0.00 + " \
        "公务用车购置及运行费 -120000.00 + 公务接待费 0.00 = -120000.00 (diff +20000.00)" in found[0]
    assert "公务用车购置及运行费 of -120000.00元" in found[1] and "(diff -20000.00)" in found[1]


def test_a_change_stated_as_none_is_zero(tmp_path: Path) -> None:
    """财政局 2025: 公务用车购置费0万元，与2024年预算一致0万元 — the figure after 一致 is the change, 0."""
    assert messages(published(tmp_path, CAIZHENG), "A403") == []
    found = messages(published(tmp_path, CAIZHENG, ("与2024年预算一致0万元", "与2024年预算一致1万元")), "A403")
    assert found == [("情况说明 「2025年“三公”经费预算情况说明」 states 公务用车购置费 unchanged on last year (持平) with "
                     "a change of 1万元; no change is 0")]


def test_last_years_final_accounts_give_last_years_budget(tmp_path: Path) -> None:
    """`2024-juesuan.yaml` beside `2025.yaml`: the 年初预算 the 决算 states and the 预算数 its 三公 table prints
    are the 2024 budget. With the two real 财政局 publications, the 2025 text's 比2024年预算增加107.62万元
    disagrees with the 2024 决算's 年初预算 2993.92万元: 3,121.42 − 2,993.92 = 127.50 (checked by hand); the
    三公 figures 与2024年预算持平 agree with 表7's 预算数 (0.95, 0, 0, 0, 0.95)."""
    JUESUAN_TEXT = JUESUAN.read_text(encoding="utf-8")
    (tmp_path / "2024-juesuan.yaml").write_text(JUESUAN_TEXT, encoding="utf-8")
    found = messages(published(tmp_path, CAIZHENG), "A403")
    assert found == [("情况说明 「部门预算编制说明」 states 一般公共预算拨款支出预算 增加 107.62万元, but 表5 合计 31214205.80 − "
                     "2024 年初预算 of 一般公共预算财政拨款支出 (2024-juesuan.yaml) 29939200.00 = +1275005.80 "
                     "(diff -198805.80)")]
    # 表7 预算数 of the 决算 changed: the 2025 text's 三公 持平 no longer holds.
    changed = JUESUAN_TEXT.replace("budget: {total: 0.95,", "budget: {total: 1.95,", 1)
    assert changed != JUESUAN_TEXT
    (tmp_path / "2024-juesuan.yaml").write_text(changed, encoding="utf-8")
    found = messages(published(tmp_path, CAIZHENG), "A403")
    assert any("三公经费 与上年保持一致" in message and "(diff +10000.00)" in message for message in found), found


def test_class_statements_and_their_shares(tmp_path: Path) -> None:
    """The 2024 决算 lists its 一般公共预算 spending by 类 (`一般公共服务支出（类）2106.66万元，占71.73%`): each
    amount is the 类 row of 表5 (A412), the 类 are the tables' (A414), and the shares are of the total
    stated before `主要用于以下方面` (a word of the layout's `narrative_words`). As published, 71.73% is
    2106.66 of 2,936.93, not of 2,940.05 (71.65%), and the four 类 add up to 2,940.06."""
    found = published(tmp_path, JUESUAN)
    assert messages(found, "A402") == [("情况说明 「一般公共预算财政拨款支出决算结构情况」 states 占 71.73%, but "
                                       "2106.66 / 2940.05 = 71.6539% → 71.65% (diff +0.08 points)")]
    assert [m.split(" ≠ ")[1] for m in messages(found, "A406") if "2106.66" in m] == [
        "its parts 2106.66 + 326.72 + 60.99 + 445.69 = 2940.06 (diff -0.01)"]
    assert messages(found, "A412") == messages(found, "A414") == []
    found = published(tmp_path, JUESUAN, ("卫生健康支出（类）60.99万元", "卫生健康支出（类）60.90万元"),
                      ("住房保障支出（类）445.69万元", "住房支出（类）445.69万元"))
    assert messages(found, "A412") == [("情况说明 states “卫生健康支出（类）” 60.90万元, but 表5 row 210 卫生健康支出 is "
                                       "60.99万元 (diff -0.09)")]
    assert messages(found, "A414") == [("情况说明 names the 科目 “住房支出（类）”, which is not a row of the expenditure "
                                       "tables; the tables have 住房保障支出（类）, 表5 row 221")]


def test_a_share_of_a_named_whole(tmp_path: Path) -> None:
    """`一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%`: the whole is the figure the phrase names."""
    assert not any("100.00%" in m for m in messages(published(tmp_path, JUESUAN), "A402"))
    found = messages(published(tmp_path, JUESUAN, ("占本年支出合计的100.00%", "占本年支出合计的99.00%")), "A402")
    assert any("states 占 99.00%, but 2940.05 / 2940.05 = 100.0000% → 100.00%" in m for m in found), found


def test_an_item_stated_in_two_sections_states_one_amount(tmp_path: Path) -> None:
    """财政局 2025 lists its projects with their amounts after 其中 in 绩效目标设置情况 and again in 年度预算安排."""
    assert messages(published(tmp_path, CAIZHENG), "A401") == []
    found = messages(published(tmp_path, CAIZHENG, ("信息化系统日常维护费166.66万元，中介", "信息化系统日常维护费166.76万元，中介")),
                     "A401")
    assert found == [("情况说明 「年度预算安排」 states 信息化系统日常维护费 166.76万元, but 情况说明 「绩效目标设置情况」 states "
                     "信息化系统日常维护费 166.66万元")]
    # 财政业务费10万元 and 10.00万元 are one amount printed to another digit; 11万元 is not.
    found = messages(published(tmp_path, CAIZHENG, ("财政业务费10万元", "财政业务费11万元")), "A401")
    assert found == [("情况说明 「年度预算安排」 states 财政业务费 11万元, but 情况说明 「绩效目标设置情况」 states "
                      "财政业务费 10.00万元")]


@pytest.mark.parametrize("source, old, new", [
    (CAIZHENG, "比2024年预算增加107.62万元", "比2025年预算增加107.62万元"),
    (WANLI, "比2024年预算持平", "比2025年预算持平"),
    (JUESUAN, "与2023年度相比，收入支出总计", "与2024年度相比，收入支出总计"),
])
def test_a_comparison_with_the_documents_own_year_in_shanghai_wording(tmp_path: Path, source: Path, old: str,
                                                                      new: str) -> None:
    """T301 reads 比/与/较 + year in every layout: 比2025年预算 in a 2025 预算, 与2024年度相比 in a 2024 决算."""
    assert messages(published(tmp_path, source), "T301") == []
    found = messages(published(tmp_path, source, (old, new)), "T301")
    assert found and "the comparison year is" in found[0]


def test_the_layout_checks_its_narrative_wording(tmp_path: Path) -> None:
    from budgetlint.layout import check_layout_file

    path = tmp_path / "putuo-2025.yaml"
    path.write_text(
        "name: putuo-2025\nextends: shanghai-2025\n"
        "narrative_subjects:\n  三公经费: three_public.total.total\n  机关运行经费: T601\n"
        "  接待费: three_public.total.hospitality\n"
        "narrative_sections:\n  - {subjects: {}}\n"
        "narrative_sums:\n  - 三公经费 = 接待费 + 出国费\n  - 三公经费\n"
        "narrative_words:\n  parts: [主要用于]\n  change: [增]\n", encoding="utf-8")
    errors = {(error.line, error.message) for error in check_layout_file(path)}
    assert errors == {
        (6, "`接待费`: table `three_public` has no column `hospitality`"),
        (8, "a narrative section is {title: a word of its title, subjects: {phrase: figure}}"),
        (10, "narrative sum `三公经费 = 接待费 + 出国费`: `出国费` is not a phrase of narrative_subjects"),
        (11, "narrative sum `三公经费`: expected `phrase = phrase + phrase …`"),
        (14, "unknown role `change` of narrative_words; known: parts"),
    }, errors


XIGONG = EXAMPLES / "xigong-2023-as-published.yaml"


def test_t603_vehicles_by_kind_add_up_to_the_vehicles(tmp_path: Path) -> None:
    """`共有车辆8辆，其中：部级领导干部用车0辆、…、其他用车8辆`: counts after 其中 add up, exactly; the
    equipment count after them (`0台（套）`) counts another kind of thing and is no part."""
    assert messages(published(tmp_path, WANLI), "T603") == []
    found = messages(published(tmp_path, WANLI, ("其他用车8辆", "其他用车7辆")), "T603")
    assert found == [("情况说明 「国有资产占有使用情况」: …事处（部门）共有车辆 8辆 ≠ its parts 部级领导干部用车0 + 主要领导干部用车0 + "
                      "机要通信用车0 + 应急保障用车0 + 执法执勤用车0 + 特种专业技术用车0 + 离退休干部用车0 + 其他用车7 = 7 "
                      "(diff +1)")]
    # The whole changed by one is found too: a count has no rounding, even in a file of rounded figures.
    assert messages(published(tmp_path, WANLI, ("共有车辆8辆", "共有车辆9辆")), "T603")
    # Counts are T603's alone: A406 adds up money.
    assert messages(published(tmp_path, WANLI, ("其他用车8辆", "其他用车7辆")), "A406") == []


def test_t603_a_breakdown_in_parentheses_is_no_part_of_the_list_around_it(tmp_path: Path) -> None:
    """Henan: `其他用车2辆（其他用车主要是巡逻车1辆，电动巡防车1辆）` — the two in parentheses break down the 2;
    they are not two more vehicles of the 3."""
    assert messages(published(tmp_path, XIGONG, name="2023.yaml"), "T603") == []
    found = messages(published(tmp_path, XIGONG, ("一般公务用车1辆", "一般公务用车2辆"), name="2023.yaml"), "T603")
    assert found == ["情况说明 「国有资产占用情况」: …工街道办事处共有车辆 3辆 ≠ its parts 一般公务用车2 + 一般执法执勤用车0 + 其他用车2 = 4 (diff -1)"]
    found = messages(published(tmp_path, XIGONG, ("电动巡防车1辆", "电动巡防车2辆"), name="2023.yaml"), "T603")
    assert found == ["情况说明 「国有资产占用情况」: 其他用车 2辆 ≠ its breakdown in parentheses 其他用车主要是巡逻车1 + 电动巡防车2 = 3 (diff -1)"]


def test_t603_parts_in_parentheses_after_qizhong(tmp_path: Path) -> None:
    """决算: `绩效自评的2024年度项目4个，…（其中，绩效评级为“优”的项目4个；…“不合格”的项目0个。…）` — a
    parenthesis that starts with 其中 lists the parts of the last count before it."""
    assert messages(published(tmp_path, JUESUAN), "T603") == []
    found = messages(published(tmp_path, JUESUAN, ("绩效评级为“良”的项目0个", "绩效评级为“良”的项目1个")), "T603")
    assert found == [("情况说明 「预算绩效管理情况」: …评的2024年度项目 4个 ≠ its parts 绩效评级为优的项目4 + 绩效评级为良的项目1 + "
                      "绩效评级为合格的项目0 + 绩效评级为不合格的项目0 = 5 (diff -1)")], found


def test_a410_rate_of_an_item_against_the_budget_its_table_prints(tmp_path: Path) -> None:
    """`其中：…公务接待费支出决算为0.00万元，完成预算的0%`: the 预算数 is 表7's (0.95), not the text's."""
    assert messages(published(tmp_path, JUESUAN), "A410") == []
    found = messages(published(tmp_path, JUESUAN, ("公务接待费支出决算为0.00万元，完成预算的0%",
                                                   "公务接待费支出决算为0.00万元，完成预算的50%")), "A410")
    assert found == ["情况说明 states 公务接待费支出 完成年初预算的50%, but 0.00 ÷ 0.95 is 0.00%"], found
    # 因公出国（境）费 has a budget of 0.00: a rate of it is no percentage, and is not checked.
    assert messages(published(tmp_path, JUESUAN, ("因公出国（境）费决算为0.00万元，完成预算的0%",
                                                   "因公出国（境）费决算为0.00万元，完成预算的50%")), "A410") == []


def test_a406_an_amounts_parenthesis_adds_up_only_when_it_opens_with_qizhong(tmp_path: Path) -> None:
    """`464.64万元（2024年为450.00万元，2023年为440.00万元）` states other years' amounts, not parts;
    `464.64万元（其中：…）` is the amount's breakdown."""
    aside = ("机关运行经费预算为464.64万元", "机关运行经费预算为464.64万元（2024年为450.00万元，2023年为440.00万元）")
    assert messages(published(tmp_path, WANLI, aside), "A406") == []
    breakdown = ("机关运行经费预算为464.64万元", "机关运行经费预算为464.64万元（其中：办公费400.00万元，水电费60.00万元）")
    found = messages(published(tmp_path, WANLI, breakdown), "A406")
    assert found == ["情况说明 「机关运行经费预算」: 机关运行经费 464.64万元 ≠ its parts 400.00 + 60.00 = 460.00 (diff +4.64)"], found


def test_a414_says_a_former_name_and_the_current_one(tmp_path: Path) -> None:
    """`医疗卫生与计划生育支出（类）…` is 210's name before 2019 (the year's 支出功能分类 says so: here the
    repository's own rows, as a budget office adds them): the finding names the current name and the row."""
    lists = tmp_path / "classification" / "2024"
    lists.mkdir(parents=True)
    (lists / "functional.csv").write_text("code,name,level,parent,fund,former_names,edition,source\n"
                                          "210,卫生健康支出,类,,general,医疗卫生与计划生育支出,2024,财预〔2023〕83号\n",
                                          encoding="utf-8")
    old = "“医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）”"
    found = [m for m in messages(published(tmp_path, WANLI, ("“卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）”", old)),
                                 "A414") if "医疗卫生" in m]
    assert found == [(f"情况说明 names the 科目 {old}, which is not a row of the expenditure tables; 医疗卫生与计划生育支出 is "
                      "the former name of 210 卫生健康支出; the tables have 卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）, "
                      "表5 row 2101101")], found
    # A name that is no former name gets no such clause (the published 计划生育 slip).
    assert not any("former name" in m for m in messages(published(tmp_path, WANLI), "A414"))


def test_a404_says_when_a_rate_is_computed_from_this_years_figure(maintained_data: dict[str, Any], tmp_path: Path) -> None:
    """增长 10.94% is 208.86 / 1909.07 (this year's 收入总计), not / 1700.21 (last year's): the wrong base,
    the mistake the review checklists of real disclosures name."""
    edit(maintained_data, "一", "增长 12.28%", "增长 10.94%")
    found = [f.message for f in of_rule(tmp_path, maintained_data, "A404")]
    assert len(found) == 1 and found[0].endswith("; 10.94% is the change ÷ this year's figure 1909.07: the wrong base")
    edit(maintained_data, "一", "增长 10.94%", "增长 12.82%")  # a slip of the digits: no such clause
    found = [f.message for f in of_rule(tmp_path, maintained_data, "A404")]
    assert len(found) == 1 and "wrong base" not in found[0]


def test_a402_says_when_a_share_is_of_another_whole(tmp_path: Path) -> None:
    """`一般公共预算支出…1906.07万元。其中：基本支出 1137.99万元，占 59.61%` — 59.61% is 1137.99's share of
    1909.07 (支出合计, the section before): a share copied from another section names that whole."""
    found = messages(published(tmp_path, XIGONG, ("占 59.70%；项目支出 768.08万元", "占 59.61%；项目支出 768.08万元"),
                               name="2023.yaml"), "A402")
    assert [m for m in found if "59.61%" in m] == [
        ("情况说明 「一般公共预算支出预算情况说明」 states 占 59.61%, but 1137.99 / 1906.07 = 59.7035% → 59.70% (diff -0.09 "
        "points); 59.61% is its share of 预算01表 收入总计 1909.07: the wrong whole")]
    # A slip of the digits (59.07%) is the share of no whole: no such clause.
    found = messages(published(tmp_path, XIGONG, ("占 59.70%；项目支出 768.08万元", "占 59.07%；项目支出 768.08万元"),
                               name="2023.yaml"), "A402")
    assert [m for m in found if "59.07%" in m] and not any("wrong whole" in m for m in found)
