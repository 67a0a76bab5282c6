"""A budget file as a flat list of budget lines ("items"), each identified by meaning.

`budgetlint diff` aligns two budgets item by item and `budgetlint textconv` prints one line per
figure; both read budgets through `budget_items`. An item is one row of a table (a functional or
economic code, a project, a unit, a revenue source), a table's 合计 row, a narrative section, a
glossary term or the department's fields. It is identified by its path of *meanings* — codes,
unit codes, source keys, section titles — never by list positions, so moving a row or inserting
one does not change the identity of the others.

The walk is generic on purpose: it needs no list of tables and copes with any shape a file may
have (a file that fails the schema is still diffed and shown), so a table added to the format
later is compared without a change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .columns import EXPENDITURE_COLUMNS, GROUP_LABELS, SOURCES, THREE_PUBLIC_COLUMNS, column_label
from .layout import Layout, layout_for
from .model import UNIT_FACTORS, Budget

Column = tuple[str, ...]

# Top-level parts of a file, in the order a disclosure prints them.
SECTION_ORDER = ("file", "department", "narrative", "glossary", "tables", "previous_year", "waivers")

# Keys that identify a list element, first present wins. Narrative sections are matched by title
# (a section inserted before them renumbers the rest); the number is the fallback.
IDENTITY_KEYS = ("code", "unit", "source", "term")
NAME_KEYS = ("name", "title", "term")

# Fields whose change moves an item to another classification (reported as "reclassified").
RECLASSIFYING_FIELDS = frozenset({"code", "type", "gov_code", "kind", "unit", "source", "level1", "level2"})

# Dict children that are rows of their own (a 合计 row, the 预算12表 budget line), not column groups.
ROW_DICTS = frozenset({"totals", "budget", "revenue", "expenditure"})

WORDS = {
    "totals": "合计", "budget": "预算", "revenue": "收入", "expenditure": "支出", "targets": "绩效指标",
    "cost": "成本指标", "output": "产出指标", "effect": "效益指标", "satisfaction": "满意度指标",
    "tasks": "任务", "indicators": "绩效指标", "subsections": "", "units": "", "rows": "",
}

EXTRA_LABELS = {
    "amount": "金额", "fiscal": "其中：财政拨款", "this_year_revenue": "本年收入合计", "carryover_in": "上年结转结余",
    "revenue_total": "收入总计", "this_year_expenditure": "本年支出合计", "expenditure_total": "支出总计",
    "government": "政府预算资金", "personnel": "人员经费", "public": "公用经费",
    "general_budget": "一般公共预算",
}

FIELD_LABELS = {
    "type": "项目类型", "gov_code": "政府经济分类", "gov_name": "政府经济分类名称", "kind": "单位类型",
    "unit": "项目单位", "text": "正文", "definition": "解释", "note": "注", "value": "指标值",
    "description": "指标解释", "content": "任务内容", "duties": "主要职责", "composition": "预算单位构成",
    "annual_goal": "年度总体目标", "department_name": "部门名称", "code": "代码", "number": "序号",
    "region_code": "行政区划代码", "region_name": "行政区划", "level1": "一级指标", "level2": "二级指标",
    "fiscal_year": "预算年度", "amount_unit": "金额单位", "layout": "版式", "template": "版式", "rounding": "舍入",
    "budgetlint": "格式版本", "reason": "理由", "expires": "到期", "at": "位置", "rule": "规则",
    "source": "来源",
}

_CANONICAL_COLUMNS = tuple(dict.fromkeys((
    "total", *GROUP_LABELS, *EXPENDITURE_COLUMNS, *SOURCES, "carryover", "government", "personnel", "public",
    *THREE_PUBLIC_COLUMNS, "amount", "fiscal", *EXTRA_LABELS)))
_FIELD_ORDER = ("totals", "budget", "revenue", "expenditure", "units", "rows", "subsections", "tasks",
                "indicators", "targets", "cost", "output", "effect", "satisfaction")


@dataclass
class Item:
    """One budget line: where it is (by meaning), what it is called, its figures and its text fields."""

    key: tuple[str, ...]  # identity: ('tables', 'expenditure', 'units', '151', 'rows', '2120101')
    section: str  # 'file', 'department', 'narrative', 'glossary', a table key, 'previous_year', …
    trail: tuple[str, ...]  # printed identities of the ancestors: ('151',)
    ident: str  # printed identity of the item itself: '2120101' ('' for a dict such as 合计)
    name: str  # name or title as printed ('' if none)
    in_list: bool  # a list element (a row), as opposed to a fixed part such as `totals`
    alt: str = ""  # second identity for matching: the name of a coded row, the number of a section
    coded: bool = False  # identified by a code (functional, economic, project, unit, source)
    figures: dict[Column, Decimal] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)  # every other text: type, gov_code, text, note…
    sort: tuple[Any, ...] = ()

    @property
    def list_field(self) -> str:
        """The list this row belongs to (`rows`, `units`, `revenue` …): rows only pair within one."""
        return self.key[-2] if self.in_list and len(self.key) > 1 else ""

    def label(self) -> str:
        """`151 2120101 行政运行`: ancestors' identities, then the item's own identity and name."""
        own = " ".join(dict.fromkeys(part for part in (self.ident, self.name) if part))
        return " ".join(part for part in (*self.trail, own) if part)


def is_amount(value: Any) -> bool:
    return isinstance(value, (Decimal, int)) and not isinstance(value, bool)


def as_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "、".join(as_text(v) for v in value)
    return "" if value is None else str(value)


def is_amount_group(value: Any) -> bool:
    """A mapping of amounts only (`this_year: {total: …, general_budget: …}`): columns of its row."""
    return isinstance(value, dict) and bool(value) and all(
        is_amount(v) or v is None or is_amount_group(v) for v in value.values())


# Where a group key means something else than in the revenue tables.
_CONTEXT_LABELS = {
    ("projects", "this_year"): "本年拨款", ("projects", "carryover"): "财政拨款结转结余",
    ("expenditure", "this_year"): "本年支出", ("budget", "total"): "部门预算总额", ("budget", "basic"): "基本支出",
    ("budget", "project"): "项目支出",
}


def column_text(column: Column, where: tuple[str, ...] = (), layout: Layout | None = None) -> str:
    """A column as a clerk reads it: ('this_year', 'general_budget') → 本年收入 一般公共预算.

    With the file's layout, a column of a table is called what the layout's header prints (表3 基本支出,
    预算03表 基本支出 小计). Otherwise `where`, the key of the item the column belongs to, decides what
    `this_year` is called (本年收入 of revenue, 本年支出 of the 财政拨款 expenditure side, 本年拨款 of projects).
    """
    if layout is not None and len(where) > 1 and where[0] == "tables" and layout.has(where[1], column):
        return layout.column_label(where[1], column)
    words = []
    for key in column:
        context = next((_CONTEXT_LABELS[(part, key)] for part in reversed(where) if (part, key) in _CONTEXT_LABELS),
                       None)
        words.append(context or EXTRA_LABELS.get(key) or column_label((key,)))
    return " ".join(words)


def field_text(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def column_sort(column: Column) -> tuple[Any, ...]:
    return tuple((_CANONICAL_COLUMNS.index(k) if k in _CANONICAL_COLUMNS else 999, k) for k in column)


def _field_sort(name: str) -> tuple[int, str]:
    return (_FIELD_ORDER.index(name), "") if name in _FIELD_ORDER else (100, name)


def table_titles(data: dict[str, Any]) -> dict[str, tuple[int, str]]:
    """Table key → (position in the layout, `预算03表 部门支出预算表`)."""
    layout = layout_for(data)
    return {key: (index, layout.titled(key)) for index, key in enumerate(layout.tables)}


def section_title(data: dict[str, Any], section: str) -> str:
    titles = {"file": "文件 file", "department": "部门概况 department", "narrative": "情况说明 narrative",
              "glossary": "名词解释 glossary", "previous_year": "上年数 previous_year", "waivers": "waivers"}
    if section in titles:
        return titles[section]
    known = table_titles(data).get(section)
    return known[1] if known else section


def section_prefix(data: dict[str, Any], section: str) -> str:
    """How textconv names a section at the start of a line: `预算03表 expenditure`, `narrative`."""
    known = table_titles(data).get(section)
    if known:
        return f"{known[1].split()[0]} {section}"
    return section


def _identity(entry: dict[str, Any], position: int) -> tuple[str, str, str, bool, frozenset[str]]:
    """How a list element is identified: (key, printed identity, second key, coded, keys used).

    The key pairs rows of two files; the printed identity is what a reader sees (a section's number
    is printed, its title is the key); the second key pairs rows whose key changed (a recoded row
    keeps its name, a renamed section its number).
    """
    if isinstance(entry.get("title"), str) and "number" in entry:
        number = as_text(entry["number"])
        return entry["title"], number, number, False, frozenset({"title", "number"})
    for key in IDENTITY_KEYS:
        value = entry.get(key)
        if isinstance(value, str) and value:
            if key == "term":
                return value, "", "", False, frozenset({key})
            name = entry.get("name")
            return value, value, name if isinstance(name, str) else "", True, frozenset({key})
    if isinstance(entry.get("rule"), str):
        ident = " ".join(as_text(entry[k]) for k in ("rule", "at") if entry.get(k))
        return ident, ident, "", False, frozenset({"rule", "at"})
    name = entry.get("name")
    if isinstance(name, str) and name:
        return name, "", "", False, frozenset()
    return f"#{position + 1}", f"#{position + 1}", "", False, frozenset()


class _Walker:
    def __init__(self, data: dict[str, Any]) -> None:
        self.items: list[Item] = []
        self.tables = table_titles(data)

    def mapping(self, node: dict[str, Any], item: Item, used: frozenset[str]) -> None:
        """Fill `item` from a mapping and walk its lists and sub-mappings as items of their own."""
        children: list[tuple[str, Any]] = []
        if not item.in_list and not item.name and isinstance(node.get("name"), str):
            item.name = node["name"]  # the department's name: a rename is reported as one
        for key, value in node.items():
            if key in used or key in NAME_KEYS and isinstance(value, str) and value == item.name:
                continue
            if is_amount(value):
                item.figures[(key,)] = Decimal(value)
            elif isinstance(value, dict) and key not in ROW_DICTS and is_amount_group(value):
                self.group(value, (key,), item)
            elif isinstance(value, dict) or isinstance(value, list) and _has_mappings(value):
                children.append((key, value))
            elif value is not None:
                item.fields[key] = as_text(value)
        if item.figures or item.fields or item.in_list:
            self.items.append(item)
        own = item.ident or item.name if item.in_list else item.ident
        trail = item.trail + ((own,) if own else ())
        for key, value in sorted(children, key=lambda child: _field_sort(child[0])):
            sort = item.sort + (_field_sort(key),)
            word = WORDS.get(key, key)
            if isinstance(value, dict):
                sub = Item(item.key + (key,), item.section, trail, word, "", False, sort=sort)
                self.mapping(value, sub, frozenset())
            else:
                self.sequence(value, item.key + (key,), item.section, trail + ((word,) if word else ()), sort)

    def sequence(self, rows: list[Any], key: tuple[str, ...], section: str, trail: tuple[str, ...],
                 sort: tuple[Any, ...]) -> None:
        seen: dict[str, int] = {}
        for position, entry in enumerate(rows):
            if not isinstance(entry, dict):
                continue
            ident, shown, alt, coded, used = _identity(entry, position)
            seen[ident] = count = seen.get(ident, 0) + 1
            if count > 1:  # a duplicated code: keep both rows apart (the linter reports it)
                ident, shown = f"{ident}#{count}", shown and f"{shown}#{count}"
            name = next((entry[k] for k in NAME_KEYS if isinstance(entry.get(k), str)), "")
            # Rows with codes sort by code, so that moving a row in the file changes nothing.
            order = (0, ident, position) if ident.isdigit() else (1, "", position)
            item = Item(key + (ident,), section, trail, shown, name, True, alt=alt, coded=coded,
                        sort=sort + (order,))
            self.mapping(entry, item, used)

    def group(self, value: dict[str, Any], prefix: Column, item: Item) -> None:
        for key, cell in value.items():
            if is_amount(cell):
                item.figures[prefix + (key,)] = Decimal(cell)
            elif isinstance(cell, dict):
                self.group(cell, prefix + (key,), item)


def _has_mappings(value: list[Any]) -> bool:
    return any(isinstance(entry, dict) for entry in value)


def budget_items(data: Any) -> list[Item]:
    """Every budget line of a loaded file, sorted by part, table (template order) and code."""
    if not isinstance(data, dict):
        return []
    walker = _Walker(data)
    top = Item(("file",), "file", (), "", "", False, sort=(0,))
    top.fields = {k: as_text(v) for k, v in data.items() if not isinstance(v, (dict, list)) and v is not None}
    if top.fields:
        walker.items.append(top)
    for key, value in data.items():
        rank = SECTION_ORDER.index(key) if key in SECTION_ORDER else len(SECTION_ORDER)
        if key == "tables" and isinstance(value, dict):
            for table_key, table in value.items():
                if not isinstance(table, dict):
                    continue
                position = walker.tables.get(table_key, (len(walker.tables), ""))[0]
                item = Item(("tables", table_key), table_key, (), "", "", False,
                            sort=(rank, key, position, table_key))
                walker.mapping(table, item, frozenset())
        elif isinstance(value, dict):
            walker.mapping(value, Item((key,), key, (), "", "", False, sort=(rank, key)), frozenset())
        elif isinstance(value, list):
            walker.sequence(value, (key,), key, (), (rank, key))
    return sorted(walker.items, key=lambda item: item.sort)


def normalise(items: list[Item], data: dict[str, Any], target_unit: str) -> None:
    """Express every figure in `target_unit` (万元 or 元), so files kept in different units compare.

    Each table's unit is the one `Budget.table_unit` says (its own, else its layout's, else the file's).
    """
    budget = Budget.of(data)
    for item in items:
        unit = budget.table_unit(item.section) if item.key[0] == "tables" else budget.amount_unit
        if unit != target_unit:
            factor = UNIT_FACTORS[unit] / UNIT_FACTORS[target_unit]
            item.figures = {column: value * factor for column, value in item.figures.items()}
