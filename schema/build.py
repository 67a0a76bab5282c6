"""Build the JSON Schemas (2020-12) of the budget file format from the column catalogue below.

`schema/budget.schema.json` describes the format: every table and column that any layout may use.
`schema/layouts/<layout>.schema.json` is the same schema narrowed to one layout (`schema_for`): only
the tables the layout has, only the columns each table prints, the department fields it requires.
budgetlint validates each file against its own layout's schema (built in memory, also for a layout in
a budget repository), so a column the layout's table does not print is an unknown key, never 0.00.

The schema is generated so that every column is described once, in Chinese and English, and used
the same way in every table. Run `python -m budgetlint.schema.build` (or `python schema/build.py`)
after changing this file or a packaged layout; a test fails while a committed JSON differs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from budgetlint.columns import (
    ECONOMIC_BASIC_COLUMNS,
    EXPENDITURE_COLUMNS,
    OTHER_COLUMNS,
    SOURCES,
    THREE_PUBLIC_COLUMNS,
)
from budgetlint.layout import Column, Layout, known_layouts, load_layout, packaged_folder

SCHEMA_ID = "https://budgetlint.example/schema/budget.schema.json"

# Amounts: printed with at most two decimals, never negative in a budget disclosure.
AMOUNT: dict[str, Any] = {"$ref": "#/$defs/amount"}

def described(schema: dict[str, Any], zh: str, en: str, description: str = "") -> dict[str, Any]:
    out = {"title": f"{zh} / {en}", **schema}
    if description:
        out["description"] = description
    return out


def amount_columns(columns: dict[str, tuple[str, str]]) -> dict[str, Any]:
    return {key: described(AMOUNT, zh, en) for key, (zh, en) in columns.items()}


def source_group(zh: str, en: str, with_total: bool = True) -> dict[str, Any]:
    properties = amount_columns(SOURCES)
    if with_total:
        properties["total"] = described(AMOUNT, "合计", "total of the group")
    return described({"type": "object", "additionalProperties": False, "properties": properties}, zh, en)


def obj(properties: dict[str, Any], required: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        out["required"] = list(required)
    out.update(extra)
    return out


def text(zh: str, en: str, description: str = "") -> dict[str, Any]:
    return described({"type": "string", "minLength": 1}, zh, en, description)


CODE_REFS = {
    "function": "#/$defs/function_code",
    "economic": "#/$defs/department_economic_code",
    "unit": "#/$defs/unit_code",
    "project": "#/$defs/project_code",
}


def grid(row_properties: dict[str, Any], totals: dict[str, Any], zh: str, en: str,
         row_required: tuple[str, ...] = ()) -> dict[str, Any]:
    """A grid table: `totals` (合计), `units` with their rows, or `rows` directly."""
    row = obj(row_properties, row_required)
    unit_entry = obj(
        {
            "unit": described({"$ref": CODE_REFS["unit"]}, "单位代码", "unit or department code"),
            "name": text("单位名称", "unit name as printed"),
            **{k: v for k, v in row_properties.items() if k not in {"code", "name", "unit", "type"}},
            "rows": described({"type": "array", "items": {"$ref": "#/$defs/__ROW__"}}, "行", "rows of this unit"),
        },
        ("unit",),
    )
    table = obj(
        {
            **table_meta(),
            "totals": described(obj(totals), "合计行", "the total row (合计); may be omitted and computed"),
            "units": described({"type": "array", "items": unit_entry}, "单位行", "a subtotal row per unit"),
            "rows": described({"type": "array", "items": row}, "行", "rows, when the table has no unit rows"),
        }
    )
    return described(table, zh, en), row


def table_meta() -> dict[str, Any]:
    return {
        "title": text("表名", "table title as printed, when it differs from the template"),
        "department_name": text("部门名称", "department name as printed in the table header"),
        "amount_unit": described({"$ref": "#/$defs/amount_unit"}, "金额单位", "unit of this table's amounts"),
        "note": text("备注", "note printed under the table (备注/注), e.g. why a table is empty"),
    }


def build() -> dict[str, Any]:
    defs: dict[str, Any] = {
        "amount": {
            "title": "金额 / amount",
            "description": "An amount as printed: a YAML number with at most two decimals, not negative. "
            "金额：YAML 数字，最多两位小数，不为负。",
            "$comment": "Two decimals are enforced by the x-decimal-places keyword, which budgetlint checks exactly "
            "on the number's text. multipleOf: 0.01 is not used because validators that work in binary floating "
            "point reject valid amounts with it (4.97 / 0.01 = 496.99999999999994).",
            "type": "number",
            "minimum": 0,
            "x-decimal-places": 2,
        },
        "amount_unit": {"title": "金额单位 / amount unit", "enum": ["万元", "元"]},
        "function_code": {
            "title": "功能分类科目编码 / functional classification code",
            "description": "支出功能分类 类 (3 digits), 款 (5) or 项 (7), e.g. \"2013202\".",
            "type": "string",
            "pattern": "^2[0-9]{2}([0-9]{2}([0-9]{2})?)?$",
        },
        "department_economic_code": {
            "title": "部门预算支出经济分类编码 / department economic classification code",
            "description": "类 (3 digits, 3xx) or 款 (5 digits), e.g. \"30101\".",
            "type": "string",
            "pattern": "^3[0-9]{2}([0-9]{2})?$",
        },
        "government_economic_code": {
            "title": "政府预算支出经济分类编码 / government economic classification code",
            "description": "类 (3 digits, 5xx) or 款 (5 digits), e.g. \"50101\".",
            "type": "string",
            "pattern": "^5[0-9]{2}([0-9]{2})?$",
        },
        "unit_code": {
            "title": "单位代码 / unit code",
            "description": "部门代码 (3 digits) or 单位代码 (department code + 3 digits), e.g. \"151\", \"151001\".",
            "type": "string",
            "pattern": "^[0-9]{3}([0-9]{3})?$",
        },
        "project_code": {
            "title": "项目编码 / project code",
            "description": "项目库编码: 6-digit region code + 15 digits, e.g. \"410303220000000006776\".",
            "type": "string",
            "pattern": "^[0-9]{21}$",
        },
        "indicator": obj(
            {"name": text("三级指标", "indicator name"), "value": text("指标值", "target value as printed, e.g. ≥95%")},
            ("name", "value"),
        ),
    }

    function_row = {
        "code": described({"$ref": CODE_REFS["function"]}, "科目编码", "functional classification code"),
        "name": text("科目名称", "subject name as printed"),
        **amount_columns(EXPENDITURE_COLUMNS),
    }
    function_totals = amount_columns(EXPENDITURE_COLUMNS)

    def function_table(zh: str, en: str) -> dict[str, Any]:
        table, _ = grid(function_row, function_totals, zh, en, ("code",))
        return table

    source_columns = {"total": described(AMOUNT, "总计", "total"),
                      "this_year": source_group("本年收入", "revenue of this year"),
                      "carryover": source_group("上年结转结余", "carried over from last year")}

    revenue_row = {"unit": described({"$ref": CODE_REFS["unit"]}, "单位代码", "unit code"),
                   "name": text("单位名称", "unit name as printed"), **source_columns}
    revenue_table, _ = grid(revenue_row, source_columns, "部门收入预算表", "revenue by unit and source",
                            ("unit",))

    revenue_function_columns = {key: described(AMOUNT, *(SOURCES.get(key) or OTHER_COLUMNS.get(key) or ("合计", "total")))
                                for key in ("total", "fiscal", "business", "business_operation", "other",
                                            "higher_subsidy", "affiliated", "special_account")}
    fund_fiscal_columns = {
        "opening": described(AMOUNT, *OTHER_COLUMNS["opening"]),
        "income": described(AMOUNT, *OTHER_COLUMNS["income"]),
        "spending": described(obj({key: described(AMOUNT, *EXPENDITURE_COLUMNS[key]) for key in ("total", "basic",
                                                                                              "project")}),
                              "本年支出", "spending of the year: 小计, 基本支出, 项目支出"),
        "closing": described(AMOUNT, *OTHER_COLUMNS["closing"]),
    }

    def fund_fiscal_table(zh: str, en: str) -> dict[str, Any]:
        table, _ = grid({"code": described({"$ref": CODE_REFS["function"]}, "科目编码", "functional code"),
                         "name": text("科目名称", "subject name as printed"), **fund_fiscal_columns},
                        fund_fiscal_columns, zh, en, ("code",))
        return table
    revenue_function_table, _ = grid({
        "code": described({"$ref": CODE_REFS["function"]}, "科目编码", "functional classification code"),
        "name": text("科目名称", "subject name as printed"), **revenue_function_columns},
        revenue_function_columns, "收入预算总表", "revenue by functional code and source", ("code",))

    economic_names = {
        "code": described({"$ref": "#/$defs/department_economic_code"}, "部门经济分类编码", "department economic code"),
        "name": text("部门经济分类名称", "department economic name as printed"),
        "gov_code": described({"$ref": "#/$defs/government_economic_code"}, "政府经济分类编码",
                              "government economic code"),
        "gov_name": text("政府经济分类名称", "government economic name as printed"),
    }
    basic_economic_table, _ = grid({**economic_names, **amount_columns(ECONOMIC_BASIC_COLUMNS)},
                                   amount_columns(ECONOMIC_BASIC_COLUMNS),
                                   "一般公共预算基本支出预算表", "general budget basic expenditure by economic class",
                                   ("code",))
    # A 决算's table prints no 合计 row but 人员经费合计 and 公用经费合计 under its two blocks.
    basic_economic_table["properties"]["footer"] = described(
        obj({key: described(AMOUNT, f"{zh}合计", f"{en}, total") for key, (zh, en) in ECONOMIC_BASIC_COLUMNS.items()
             if key != "total"}), "合计行（分栏）", "the totals printed under the table's blocks")
    summary_sources = {**amount_columns(SOURCES), "carryover": described(AMOUNT, "上年结转结余", "carry-over"),
                       "total": described(AMOUNT, "总计", "total")}
    economic_table, _ = grid({**economic_names, **summary_sources}, summary_sources,
                             "支出经济分类汇总表", "expenditure by economic class and source", ("code",))

    fund_columns = {key: SOURCES[key] for key in ("general_budget", "gov_fund", "state_capital")}
    project_row = {
        "code": described({"$ref": CODE_REFS["project"]}, "项目编码", "project code (links 预算11表 and 预算13表)"),
        "type": described({"enum": ["其他运转类", "特定目标类"]}, "项目类型", "project type"),
        "name": text("项目名称", "project name as printed"),
        "unit": described({"$ref": CODE_REFS["unit"]}, "项目单位", "unit code of the project"),
        "total": described(AMOUNT, "合计", "total"),
        "this_year": described(obj({**amount_columns(fund_columns), "total": described(AMOUNT, "小计", "subtotal")}),
                               "本年拨款", "appropriation of this year"),
        "carryover": described(obj({**amount_columns(fund_columns), "total": described(AMOUNT, "小计", "subtotal")}),
                               "财政拨款结转结余", "fiscal carry-over"),
        "special_account": described(AMOUNT, *SOURCES["special_account"]),
        "unit_funds": described(AMOUNT, *SOURCES["unit_funds"]),
    }
    project_totals = {k: v for k, v in project_row.items() if k not in {"code", "type", "name", "unit"}}
    projects_table, _ = grid(project_row, project_totals, "项目支出预算表", "project expenditure", ("name",))

    targets = obj({
        kind: described({"type": "array", "items": {"$ref": "#/$defs/indicator"}}, zh, en)
        for kind, zh, en in (("cost", "成本指标", "cost indicators"), ("output", "产出指标", "output indicators"),
                             ("effect", "效益指标", "effect indicators"),
                             ("satisfaction", "满意度指标", "satisfaction indicators"))
    })
    performance_funding = {
        "total": described(AMOUNT, "资金总额", "total funds"),
        "government": described(AMOUNT, "政府预算资金", "government budget funds"),
        "special_account": described(AMOUNT, *SOURCES["special_account"]),
        "unit_funds": described(AMOUNT, *SOURCES["unit_funds"]),
    }
    performance_row = {
        "code": described({"$ref": CODE_REFS["project"]}, "项目编码", "project code"),
        "name": text("项目名称", "project name as printed"),
        **performance_funding,
        "targets": described(targets, "绩效目标", "performance targets by kind"),
    }
    performance_table, _ = grid(performance_row, performance_funding, "项目绩效目标表",
                                "project performance targets", ("name",))

    summary_split = {
        "amount": described(AMOUNT, "金额（合计）", "amount (合计)"),
        "personnel": described(AMOUNT, "人员经费", "personnel expenditure"),
        "public": described(AMOUNT, "公用经费", "public (office) expenditure"),
        "project": described(AMOUNT, "项目支出", "project expenditure"),
    }
    summary = obj({
        **table_meta(),
        "revenue": described({"type": "array", "items": obj({
            "source": described({"enum": [*SOURCES, "carryover"]}, "收入来源", "revenue source"),
            "of": described({"enum": list(SOURCES)}, "所属", "the source row this row is a part of (1. under 一、)"),
            "name": text("项目", "row name as printed"),
            "amount": described(AMOUNT, "金额", "amount"),
            "fiscal": described(AMOUNT, "其中：财政拨款", "of which: fiscal appropriation"),
        }, ("source",))}, "收入", "revenue side, by source"),
        "expenditure": described({"type": "array", "items": obj({
            "code": described({"$ref": CODE_REFS["function"]}, "功能分类 类", "functional class code"),
            "name": text("项目", "row name as printed"),
            **summary_split,
        }, ("code",))}, "支出", "expenditure side, by functional class"),
        "this_year_revenue": described(AMOUNT, "本年收入合计", "revenue of this year"),
        "carryover_in": described(AMOUNT, "上年结转结余", "carried over from last year"),
        "revenue_total": described(AMOUNT, "收入总计", "revenue grand total"),
        "non_fiscal_surplus_used": described(AMOUNT, "使用非财政拨款结余（含专用结余）",
                                             "non-fiscal surplus used (决算)"),
        "this_year_expenditure": described(AMOUNT, "本年支出合计", "expenditure of this year"),
        "surplus_distribution": described(AMOUNT, "结余分配", "distribution of the surplus (决算)"),
        "carryover_out": described(AMOUNT, "年终结转结余", "carried over to next year"),
        "expenditure_total": described({"anyOf": [AMOUNT, obj(summary_split)]}, "支出总计",
                                       "expenditure grand total (a mapping of the split columns where the "
                                       "table prints 合计/人员经费/公用经费/项目支出)"),
    })

    fiscal_group = {**amount_columns(fund_columns), "general_budget_fiscal": described(AMOUNT, *SOURCES[
        "general_budget_fiscal"]), "total": described(AMOUNT, "合计", "total")}
    fiscal_summary = obj({
        **table_meta(),
        "revenue": described(obj({
            "this_year": described(obj(fiscal_group), "本年收入", "fiscal revenue of this year"),
            "carryover": described(obj(fiscal_group), "上年结转", "fiscal carry-over from last year"),
            "total": described(AMOUNT, "收入合计", "revenue total"),
        }), "收入", "revenue side"),
        "expenditure": described(obj({
            "this_year": described(obj(fiscal_group), "本年支出", "expenditure of this year"),
            "rows": described({"type": "array", "items": obj({
                "code": described({"$ref": CODE_REFS["function"]}, "功能分类 类", "functional class code"),
                "name": text("项目", "row name as printed"), **fiscal_group}, ("code",))},
                "支出功能分类", "expenditure by functional class"),
            "carryover_out": described(obj(fiscal_group), "年终结转结余", "carried over to next year"),
            "totals": described(obj(fiscal_group), "支出合计", "expenditure total"),
        }), "支出", "expenditure side"),
    })

    three_public_columns = {
        **amount_columns(THREE_PUBLIC_COLUMNS),
        # a 决算 prints each item's 预算数 and 决算数
        "budget": described(obj(amount_columns(THREE_PUBLIC_COLUMNS)), "预算数", "budgeted"),
        "final": described(obj(amount_columns(THREE_PUBLIC_COLUMNS)), "决算数", "spent (final accounts)"),
    }
    three_public = obj({
        **table_meta(),
        "totals": described(obj(three_public_columns), "合计", "the three public expenses"),
        "units": described({"type": "array", "items": obj({
            "unit": described({"$ref": CODE_REFS["unit"]}, "单位代码", "unit code"),
            "name": text("单位名称", "unit name"), **amount_columns(THREE_PUBLIC_COLUMNS)}, ("unit",))},
            "单位行", "a row per unit"),
    })

    department_performance = obj({
        **table_meta(),
        "annual_goal": text("年度履职目标", "annual goal"),
        "tasks": described({"type": "array", "items": obj(
            {"name": text("任务名称", "task"), "content": text("主要内容", "content")}, ("name",))},
            "年度主要任务", "main tasks of the year"),
        "budget": described(obj({
            "total": described(AMOUNT, "部门预算总额", "department budget total"),
            "government": described(AMOUNT, "政府预算资金", "government budget funds"),
            "special_account": described(AMOUNT, *SOURCES["special_account"]),
            "unit_funds": described(AMOUNT, *SOURCES["unit_funds"]),
            "basic": described(AMOUNT, "基本支出", "basic expenditure"),
            "project": described(AMOUNT, "项目支出", "project expenditure"),
        }), "预算情况", "budget figures"),
        "indicators": described({"type": "array", "items": obj({
            "level1": text("一级指标", "level-1 indicator"),
            "level2": text("二级指标", "level-2 indicator"),
            "name": text("三级指标", "indicator"),
            "value": text("指标值", "target value as printed"),
            "description": text("指标值说明", "explanation"),
        }, ("name", "value"))}, "绩效指标", "indicators"),
    })

    section: dict[str, Any] = obj({
        "number": text("序号", "section number as printed, e.g. 一"),
        "title": text("标题", "section title"),
        "text": text("正文", "section text as published, paragraphs separated by a blank line"),
        "subsections": described({"type": "array", "items": {"$ref": "#/$defs/section"}}, "小节", "subsections"),
    }, ("title",))
    defs["section"] = described(section, "情况说明章节", "narrative section")

    tables = obj({
        "summary": described(summary, "部门收支预算表", "income and expenditure summary"),
        "revenue": revenue_table,
        "revenue_function": revenue_function_table,
        "expenditure": function_table("部门支出预算表", "expenditure by function"),
        "fiscal_summary": described(fiscal_summary, "财政拨款收支预算表", "fiscal appropriation summary"),
        "general_expenditure": function_table("一般公共预算支出预算表", "general budget expenditure by function"),
        "general_basic_economic": basic_economic_table,
        "economic_summary": economic_table,
        "three_public": described(three_public, "一般公共预算“三公”经费预算表", "three public expenses"),
        "gov_fund_expenditure": function_table("政府性基金支出预算表", "government fund expenditure"),
        "state_capital_expenditure": function_table("国有资本经营支出预算表", "state capital expenditure"),
        "projects": projects_table,
        "department_performance": described(department_performance, "部门整体绩效目标表",
                                            "department-wide performance targets"),
        "project_performance": performance_table,
        "gov_fund_fiscal": fund_fiscal_table("政府性基金预算财政拨款收入支出决算表", "government fund appropriations, "
                                             "final accounts"),
        "state_capital_fiscal": fund_fiscal_table("国有资本经营预算财政拨款收入支出决算表",
                                                  "state capital appropriations, final accounts"),
    }, ("summary",))

    department = obj({
        "code": described({"type": "string", "pattern": "^[0-9]{3}$"}, "部门代码", "department code"),
        "name": text("部门名称", "full department name as on the cover"),
        "region_code": described({"type": "string", "pattern": "^[0-9]{6}$"}, "行政区划代码",
                                 "administrative region code, e.g. 410303"),
        "region_name": text("行政区划名称", "region name"),
        "duties": text("主要职责", "main duties (第一部分 一)"),
        "composition": text("预算单位构成情况", "composition of budget units (第一部分 二)"),
        "units": described({"type": "array", "minItems": 1, "items": obj({
            "code": described({"$ref": CODE_REFS["unit"]}, "单位代码", "unit code"),
            "name": text("单位名称", "unit name"),
            "kind": described({"enum": ["行政单位", "参公事业单位", "事业单位"]}, "单位类型",
                              "unit type; selects the economic classification correspondence"),
        }, ("code", "name", "kind"))}, "预算单位", "budget units"),
    }, ("name",))

    waiver = obj({
        "rule": described({"type": "string", "pattern": "^[A-Z][0-9]{3}$"}, "规则", "rule ID, e.g. A101"),
        "at": text("位置", "document path of the finding; without it the rule is waived for the whole file"),
        "figures": described({"type": "array", "minItems": 1, "items": {"type": ["string", "number"]}},
                             "所豁免的数字", "what the accepted finding states",
                             "the amounts, codes or names in the message of the accepted finding, e.g. [1.20, 4.22]; "
                             "a finding at the same place that does not state them all is not waived"),
        "reason": text("理由", "why the finding is accepted (required)"),
        "expires": described({"type": "string", "format": "date",
                              "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}, "到期日", "date after which it lapses"),
    }, ("rule",))

    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "部门预算公开 / department budget disclosure (budgetlint format 1)",
        "description": "One department's budget disclosure for one fiscal year. See docs/format.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["budgetlint", "fiscal_year", "amount_unit", "department", "narrative", "tables"],
        "properties": {
            "budgetlint": described({"const": 1}, "格式版本", "format version"),
            "layout": described({"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}, "公开版式",
                                "the disclosure's layout, e.g. henan-2023, shanghai-2025 (docs/layouts.md)"),
            "template": described({"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}, "公开版式",
                                  "older name of `layout`"),
            "fiscal_year": described({"type": "integer", "minimum": 2000, "maximum": 2100}, "预算年度",
                                     "fiscal year"),
            "amount_unit": described({"$ref": "#/$defs/amount_unit"}, "金额单位", "unit of all amounts"),
            "rounding": described({"enum": ["exact", "rounded"]}, "舍入", "exact sums, or rounded figures"),
            "department": described(department, "部门", "the department"),
            "narrative": described({"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/section"}},
                                   "第二部分 情况说明", "narrative sections"),
            "glossary": described({"type": "array", "items": obj(
                {"term": text("名词", "term"), "definition": text("解释", "definition")}, ("term", "definition"))},
                "第三部分 名词解释", "glossary"),
            "tables": described(tables, "预算表", "the tables of the disclosure"),
            "previous_year": described(obj({
                "revenue_total": described(AMOUNT, "上年收入总计", "last year's revenue total"),
                "expenditure_total": described(AMOUNT, "上年支出总计", "last year's expenditure total"),
                "general_budget": described(AMOUNT, "上年一般公共预算", "last year's general budget"),
                "gov_fund": described(AMOUNT, "上年政府性基金", "last year's government fund budget"),
                "three_public": described(AMOUNT, "上年“三公”经费", "last year's three public expenses"),
            }), "上年数", "last year's comparable figures"),
            "waivers": described({"type": "array", "items": waiver}, "豁免", "accepted findings with reasons"),
        },
        "$defs": defs,
    }
    # Rows of unit entries reuse the row schema of their table; resolve the placeholder per table.
    _resolve_rows(schema)
    return schema


def _resolve_rows(node: Any, row: Any = None) -> None:
    if isinstance(node, dict):
        properties = node.get("properties", {})
        if "units" in properties and "rows" in properties:
            row = properties["rows"]["items"]
        if node.get("$ref") == "#/$defs/__ROW__":
            node.pop("$ref")
            node.update(json.loads(json.dumps(row)))
            return
        for value in node.values():
            _resolve_rows(value, row)
    elif isinstance(node, list):
        for value in node:
            _resolve_rows(value, row)


# Keys of a row or table that are not amounts: kept whatever the layout's columns.
_LABEL_KEYS = frozenset({"code", "name", "unit", "type", "gov_code", "gov_name", "targets", "source", "of",
                         "rows", "units", "title", "department_name", "amount_unit", "note", "level1", "level2",
                         "value", "description", "annual_goal", "tasks", "indicators"})


_CONTAINERS = {
    "grid": frozenset({"rows", "units", "totals", "footer"}),
    "fiscal_summary": frozenset({"revenue", "expenditure", "this_year", "carryover", "carryover_out", "rows", "totals"}),
    "department_performance": frozenset({"budget"}),
}


def schema_for(layout: Layout) -> dict[str, Any]:
    """The format's schema narrowed to one layout: its tables, the columns each prints, its department fields."""
    schema = build()
    schema["$id"] = SCHEMA_ID.replace("budget.schema.json", f"layouts/{layout.name}.schema.json")
    schema["title"] = f"{layout.raw.get('description') or layout.name} / budgetlint format 1, layout {layout.name}"
    tables = schema["properties"]["tables"]
    tables["properties"] = {key: value for key, value in tables["properties"].items() if key in layout.tables}
    tables["required"] = [key for key, spec in layout.tables.items() if spec.required and key == "summary"]
    if not tables["required"]:
        tables.pop("required")
    for key, spec in layout.tables.items():
        table = tables["properties"][key]
        if spec.shape == "summary":
            _narrow_summary(table, spec.side_columns, spec.raw)
        else:
            _narrow(table, set(spec.columns), _CONTAINERS[spec.shape])
    department = schema["properties"]["department"]
    department["required"] = list(layout.raw.get("required_department_fields") or ["name"])
    return schema


def _narrow(node: Any, columns: set[Column], containers: frozenset[str], prefix: Column = ()) -> None:
    """Drop every amount property whose column the layout's table does not print, at any depth.

    `containers` are keys that hold rows or groups of the table's own columns (rows, units, totals …);
    other label keys (names, codes, targets) are left as they are.
    """
    if not isinstance(node, dict):
        return
    properties = node.get("properties")
    if isinstance(properties, dict):
        for name in list(properties):
            column = prefix + (name,)
            if not prefix and name in containers:
                _narrow(properties[name], columns, containers)
            elif name in _LABEL_KEYS or column in columns:
                continue
            elif any(known[:len(column)] == column for known in columns):
                _narrow(properties[name], columns, containers, column)  # a group with printed members
            else:
                del properties[name]
    if "items" in node:
        _narrow(node["items"], columns, containers, prefix)


def _narrow_summary(table: dict[str, Any], sides: dict[str, tuple[Column, ...]], raw: dict[str, Any]) -> None:
    properties = table["properties"]
    for side in ("revenue", "expenditure"):
        row = properties[side]["items"]["properties"]
        for name in list(row):
            if name not in _LABEL_KEYS and (name,) not in sides.get(side, ()):
                del row[name]
    fields = {line[side]["field"] for line in raw.get("closing") or [] for side in ("revenue", "expenditure")
              if isinstance(line, dict) and isinstance(line.get(side), dict) and "field" in line[side]}
    for name in ("this_year_revenue", "carryover_in", "revenue_total", "this_year_expenditure", "carryover_out",
                 "expenditure_total", "non_fiscal_surplus_used", "surplus_distribution"):
        if name not in fields:
            properties.pop(name, None)
    split = sides.get("expenditure", ())
    if "expenditure_total" in properties:
        # A table that prints several 支出 columns prints its 支出总计 in each of them; else one figure.
        total = properties["expenditure_total"]
        number, columns = total.pop("anyOf")
        if len(split) > 1:
            columns["properties"] = {key: value for key, value in columns["properties"].items() if (key,) in split}
            total.update(columns)
        else:
            total.update(number)
    if not any(column == ("fiscal",) for column in sides.get("revenue", ())):
        properties["revenue"]["items"]["properties"].pop("fiscal", None)


def layout_schemas() -> dict[str, str]:
    """File name under schema/layouts/ → JSON text, for every packaged layout."""
    return {f"{name}.schema.json": _dumps(schema_for(load_layout(name))) for name in known_layouts()}


def _dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def render() -> str:
    return _dumps(build())


def main() -> None:
    target = Path(__file__).with_name("budget.schema.json")
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
    for name, text in layout_schemas().items():
        path = packaged_folder() / name
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
