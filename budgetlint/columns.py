"""Column keys of the budget file and their printed labels (中文, English), described once.

Used by the schema builder (titles), by rule messages (which column disagrees) and by renderers.
"""

from __future__ import annotations

SOURCES = {
    "general_budget": ("一般公共预算", "general public budget (一般公共预算拨款)"),
    "general_budget_fiscal": ("其中：财政拨款", "of which: fiscal appropriation within the general budget"),
    "gov_fund": ("政府性基金预算", "government fund budget"),
    "state_capital": ("国有资本经营预算", "state capital operation budget"),
    "special_account": ("财政专户管理资金", "funds managed in a fiscal special account"),
    "business": ("事业收入", "institution (事业) revenue"),
    "business_operation": ("事业单位经营收入", "business revenue of public institutions"),
    "higher_subsidy": ("上级补助收入", "subsidies from the higher level"),
    "affiliated": ("附属单位上缴收入", "remittances from affiliated units"),
    "other": ("其他收入", "other revenue"),
    "unit_funds": ("单位资金", "the unit's own funds"),
}

EXPENDITURE_COLUMNS = {
    "total": ("合计", "total = basic + project"),
    "basic": ("基本支出 小计", "basic expenditure subtotal = personnel + public columns"),
    "personnel_wages": ("人员经费 工资福利支出", "personnel: wages and benefits (301)"),
    "personnel_family": ("人员经费 对个人和家庭的补助", "personnel: subsidies to individuals and families (303)"),
    "public_goods": ("公用经费 商品和服务支出", "public: goods and services (302)"),
    "public_capital": ("公用经费 资本性支出", "public: capital expenditure (310)"),
    "project": ("项目支出 小计", "project expenditure subtotal = operating + targeted"),
    "project_operating": ("其他运转类", "projects of type 其他运转类 (operating)"),
    "project_targeted": ("特定目标类", "projects of type 特定目标类 (specific targets)"),
}

THREE_PUBLIC_COLUMNS = {
    "total": ("“三公”经费合计", "three public expenses, total"),
    "overseas": ("因公出国（境）费", "official overseas travel"),
    "vehicles": ("公务用车购置及运行费 小计", "official vehicles: purchase and operation, subtotal"),
    "vehicle_purchase": ("公务用车购置费", "official vehicle purchase"),
    "vehicle_operation": ("公务用车运行费", "official vehicle operation and maintenance"),
    "reception": ("公务接待费", "official reception"),
}

ECONOMIC_BASIC_COLUMNS = {
    "total": ("合计", "total = personnel + public"),
    "personnel": ("人员经费", "personnel expenditure"),
    "public": ("公用经费", "public (office) expenditure"),
}

GROUP_LABELS = {"this_year": "本年收入", "carryover": "上年结转结余", "carryover_out": "年终结转结余"}


def column_label(column: tuple[str, ...]) -> str:
    """('this_year', 'general_budget') → 本年收入 一般公共预算."""
    words = []
    for key in column:
        for table in (GROUP_LABELS, EXPENDITURE_COLUMNS, SOURCES, THREE_PUBLIC_COLUMNS, ECONOMIC_BASIC_COLUMNS):
            if key in table:
                label = table[key]
                words.append(label if isinstance(label, str) else label[0])
                break
        else:
            words.append(key)
    return " ".join(words)
