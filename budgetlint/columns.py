"""Column keys of the budget file and their printed labels (中文, English), described once.

Used by the schema builder (titles), by rule messages (which column disagrees) and by renderers.
"""

from __future__ import annotations

# The tables a budget file can hold, keyed by meaning, and the shape of each (how its rows are held).
# A layout chooses which of them its disclosure has and how it prints them.
TABLE_KEYS = {
    "summary": "summary",
    "revenue": "grid",
    "revenue_function": "grid",
    "expenditure": "grid",
    "fiscal_summary": "fiscal_summary",
    "general_expenditure": "grid",
    "general_basic_economic": "grid",
    "economic_summary": "grid",
    "three_public": "grid",
    "gov_fund_expenditure": "grid",
    "state_capital_expenditure": "grid",
    "projects": "grid",
    "department_performance": "department_performance",
    "project_performance": "grid",
    "gov_fund_fiscal": "grid",
    "state_capital_fiscal": "grid",
}

# Tables whose rows are keyed by 支出功能分类 code (类/款/项).
FUNCTION_CODE_TABLES = ("expenditure", "general_expenditure", "gov_fund_expenditure", "state_capital_expenditure",
                        "revenue_function", "gov_fund_fiscal", "state_capital_fiscal")

SOURCES = {
    "fiscal": ("财政拨款收入", "fiscal appropriations: 一般公共预算 + 政府性基金 + 国有资本经营预算"),
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
    # 决算 (final accounts) only: spending besides basic and project expenditure
    "remit_higher": ("上缴上级支出", "remittances to the higher level"),
    "operating_spending": ("经营支出", "business operation spending of public institutions"),
    "subsidy_affiliated": ("对附属单位补助支出", "subsidies to affiliated units"),
}

THREE_PUBLIC_COLUMNS = {
    "total": ("“三公”经费合计", "three public expenses, total"),
    "overseas": ("因公出国（境）费", "official overseas travel"),
    "vehicles": ("公务用车购置及运行费 小计", "official vehicles: purchase and operation, subtotal"),
    "vehicle_purchase": ("公务用车购置费", "official vehicle purchase"),
    "vehicle_operation": ("公务用车运行费", "official vehicle operation and maintenance"),
    "reception": ("公务接待费", "official reception"),
    "operating_expenses": ("机关运行经费", "running costs of government organs (机关运行经费)"),
}

ECONOMIC_BASIC_COLUMNS = {
    "total": ("合计", "total = personnel + public"),
    "personnel": ("人员经费", "personnel expenditure"),
    "public": ("公用经费", "public (office) expenditure"),
}

# The other columns: the 金额 of a two-sided summary table, its split in a 单位预算, and single columns.
OTHER_COLUMNS = {
    "amount": ("金额", "amount (预算数, 决算数)"),
    # the fund tables of a 决算 (政府性基金/国有资本经营预算财政拨款收入支出决算表)
    "opening": ("年初结转和结余", "carried over from earlier years, at the start of the year"),
    "income": ("本年收入", "revenue of the year"),
    "closing": ("年末结转和结余", "carried over to later years, at the end of the year"),
    "project": ("项目支出", "project expenditure"),
    "government": ("政府预算资金", "government budget funds"),
    "carryover": ("上年结转结余", "carried over from last year"),
}

GROUP_LABELS = {"this_year": "本年收入", "carryover": "上年结转结余", "carryover_out": "年终结转结余",
                "budget": "预算数", "final": "决算数", "spending": "本年支出"}


_CATALOGUES = (GROUP_LABELS, EXPENDITURE_COLUMNS, SOURCES, THREE_PUBLIC_COLUMNS, ECONOMIC_BASIC_COLUMNS, OTHER_COLUMNS)


def known_column(column: tuple[str, ...]) -> bool:
    """Every key of the column is one of the format's column keys (a layout may use only those)."""
    return bool(column) and all(any(key in table for table in _CATALOGUES) for key in column)


def column_label(column: tuple[str, ...]) -> str:
    """('this_year', 'general_budget') → 本年收入 一般公共预算."""
    words = []
    for key in column:
        for table in _CATALOGUES:
            if key in table:
                label = table[key]
                words.append(label if isinstance(label, str) else label[0])
                break
        else:
            words.append(key)
    return " ".join(words)
