"""Classification rules (C1xx): codes and names against the official lists of the fiscal year, fund
placement, the 部门↔政府 economic correspondence, 三公 codes, unit and project codes, performance targets.

The lists are read by `budgetlint.classification` (packaged lists plus the budget repository's own).
They are partial: the codes missing from a partial list are one warning per file (C103), never an
error. A claim that rests on a fact the file does not hold is a warning that says what is unknown
(C118: the kind of staff a row pays), not an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..classification import (
    FUND_NAMES,
    UNIT_KIND_SIDE,
    Classification,
    CodeList,
    Entry,
    level_of,
    lists_for,
    normalize,
    parents,
    unit_sides,
)
from ..columns import FUNCTION_CODE_TABLES, THREE_PUBLIC_COLUMNS
from ..findings import ERROR, WARNING, DocPath, Problem
from ..messages import Message, join, say
from ..model import Budget, dicts, fmt, money
from ..rule import rule
from ..tables import table_totals

# The fund each fund table holds, and back.
FUND_TABLES = {"general_expenditure": "general", "gov_fund_expenditure": "gov_fund",
               "state_capital_expenditure": "state_capital"}
TABLE_OF_FUND = {fund: key for key, fund in FUND_TABLES.items()}
# The fund of each amount column of the 财政拨款收支总表's rows.
FISCAL_COLUMN_FUND = {"general_budget": "general", "general_budget_fiscal": "general", "gov_fund": "gov_fund",
                      "state_capital": "state_capital"}

# 政府预算支出经济分类 classes that a side of the 对照表 never uses: 501–503 are the 机关 classes
# (机关工资福利支出, 机关商品和服务支出, 机关资本性支出), 505/506 pay 事业单位 (对事业单位经常性/资本性补助).
# A 行政单位 whose salary row maps to 50501 books its own staff as a grant to a 事业单位.
FOREIGN_GOVERNMENT_CLASSES = {"机关": ("505", "506"), "事业单位": ("501", "502", "503")}
SIDE_UNITS = {"机关": ("行政单位", "参公事业单位"), "事业单位": ("事业单位",)}
# The staff each side of the 对照表 pays (a catalogue key): a unit of one kind may employ staff of the other (C118).
STAFF_OF_SIDE = {"机关": "C118.staff_organ", "事业单位": "C118.staff_institution"}

# 预算06表 splits basic expenditure into 人员经费 (工资福利支出 301, 对个人和家庭的补助 303) and 公用经费
# (商品和服务支出 302, 资本性支出 310); other classes are not split by the template.
PERSONNEL_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "310")
ECONOMIC_COLUMNS = {"personnel": "人员经费", "public": "公用经费"}

# 公务用车购置 is 31013 under 资本性支出; a unit that books it as capital construction uses 30913 公务用车购置
# under 资本性支出（基本建设）. Either row shows that the 三公 item has its economic row.
THREE_PUBLIC_ALTERNATIVES = {"vehicle_purchase": ("30913",)}

# Every project in 预算13表 needs at least one indicator of each of these kinds. They are the four
# 一级指标 that the Henan template's 项目绩效目标表 prints for every project (成本/产出/效益/满意度), and
# the format's `targets` keys; a project without one of them cannot be evaluated on that dimension
# after the year. A template with other kinds would need its own list here.
REQUIRED_TARGET_KINDS = {"cost": "成本指标", "output": "产出指标", "effect": "效益指标", "satisfaction": "满意度指标"}

# 预算12表 indicators whose figure can be computed from the file, and how: the share of projects
# with published performance targets (部门目标编制完成率 = 已编制绩效目标的项目数 / 应编制项目总数).
TARGET_RATE_INDICATORS = ("绩效目标编制完成率", "绩效目标编制率")
CLAIM = re.compile(r"^(?:≥|>=|=|＝)?\s*(\d+(?:\.\d+)?)\s*[%％]$")

# C103 names at most this many unchecked codes (then their count): the message stays one readable line.
UNCHECKED_LISTED = 30


# ------------------------------------------------------------------------------------------- helpers

def _lists(budget: Budget) -> Classification | None:
    return lists_for(budget)


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ is slow, and a file has ~130 cells
class CodeCell:
    """A classification code printed in a row, with the name printed beside it."""

    table: str
    path: DocPath  # the row
    row: dict[str, Any]
    code: str
    name: str | None
    code_key: str  # code / gov_code
    name_key: str  # name / gov_name
    codes: CodeList
    by_class: bool  # the table lists expenditure by 类 only (预算01表, 预算04表)

    @property
    def is_class_name(self) -> bool:
        """类 names of the functional classification may be printed without their 支出 suffix."""
        return len(self.code) == 3 and self.codes.info.key == "functional"

    def where(self, budget: Budget) -> Message:
        """`预算04表 row 212 城乡社区事务支出`, or `预算06表 row 30107 绩效工资 政府 code 50501`."""
        table, code, name = budget.label(self.table), self.row.get("code"), self.row.get("name")
        row = (say("classification.row_named", table=table, code=code, name=name) if name
               else say("classification.row", table=table, code=code))
        return row if self.code_key == "code" else say("classification.gov_code", row=row, code=self.code)


def _cells(budget: Budget, lists: Classification) -> list[CodeCell]:
    """Every code printed in the budget with its name; collected once per file for all the C rules."""
    return budget.once("code_cells", lambda: _collect_cells(budget, lists))


def _collect_cells(budget: Budget, lists: Classification) -> list[CodeCell]:
    cells: list[CodeCell] = []

    def add(table: str, path: DocPath, row: dict[str, Any], code_key: str, name_key: str, codes: CodeList,
            by_class: bool = False) -> None:
        code, name = row.get(code_key), row.get(name_key)
        if isinstance(code, str) and code:
            cells.append(CodeCell(table, path, row, code, name if isinstance(name, str) else None, code_key,
                                  name_key, codes, by_class))

    summary = budget.table("summary") or {}
    for index, row in enumerate(dicts(summary.get("expenditure"))):
        add("summary", ("tables", "summary", "expenditure", index), row, "code", "name", lists.functional, True)
    fiscal = (budget.table("fiscal_summary") or {}).get("expenditure")
    if isinstance(fiscal, dict):
        for index, row in enumerate(dicts(fiscal.get("rows"))):
            add("fiscal_summary", ("tables", "fiscal_summary", "expenditure", "rows", index), row, "code", "name",
                lists.functional, True)
    for key in FUNCTION_CODE_TABLES:
        for path, row in budget.leaf_rows(key):
            add(key, path, row, "code", "name", lists.functional)
    for key in ("general_basic_economic", "economic_summary"):
        for path, row in budget.leaf_rows(key):
            add(key, path, row, "code", "name", lists.economic_department)
            add(key, path, row, "gov_code", "gov_name", lists.economic_government)
    return cells


def _same(printed: str, official: str, class_name: bool) -> bool:
    if normalize(printed) == normalize(official):
        return True
    return class_name and normalize(printed, drop_suffix=True) == normalize(official, drop_suffix=True)


def _write(cell: CodeCell, official: str) -> Message:
    """`Write <official name>`, and the short form where the row prints its 类 name without 支出."""
    if cell.is_class_name and cell.name and not normalize(cell.name).endswith("支出") and official.endswith("支出"):
        return say("classification.write_short", name=official, short=official[:-2])
    return say("classification.write", name=official)


def _invalid_reason(budget: Budget, cell: CodeCell, lists: Classification) -> Message | None:
    """`_known_invalid`, worked out once per code, list and level in a file (codes repeat across tables,
    and three rules ask)."""
    reasons = budget.derived.setdefault("invalid_codes", {})
    key = (cell.codes.info.key, cell.code, cell.by_class)
    if key not in reasons:
        reasons[key] = _known_invalid(cell, lists)
    return reasons[key]  # type: ignore[no-any-return]


def _known_invalid(cell: CodeCell, lists: Classification) -> Message | None:
    """Why a code is certainly wrong for the year, or None (also when it is merely not in a partial list)."""
    codes, code = cell.codes, cell.code
    info = codes.info
    if cell.by_class and len(code) != 3:
        return say("C102.not_a_class", code=code, level=level_of(code), class_code=code[:3])
    withdrawn = lists.withdrawn_from(codes, code)
    if withdrawn is not None:
        return say("C102.withdrawn", code=code, name=withdrawn.name, year=lists.year, title=info.title,
                   note=withdrawn.note)
    entry = codes.get(code)
    if entry is not None:
        parent = entry.parent
        if parent and parent not in codes and info.level_complete(level_of(parent)):
            return say("C102.parent_missing", code=code, parent=parent, codes=info.describe(), level=level_of(parent))
        return None
    if not info.available:
        return None
    if info.complete:
        return say("C102.not_listed", code=code, codes=info.describe(), year=lists.year)
    for ancestor in parents(code):
        if ancestor not in codes and info.level_complete(level_of(ancestor)):
            return say("C102.no_ancestor", code=code, level=level_of(ancestor), ancestor=ancestor,
                       codes=info.describe(), year=lists.year)
    return None


def _unique_other(codes: CodeList, name: str, code: str) -> tuple[Entry, bool] | None:
    """The one other code at the same level whose current (or former) name `name` is, if exactly one.

    Only 类 and 款: 项 names repeat across 款 (行政运行, 机关服务 … under most 款), so in a partial list a
    项 name that appears once may still belong to many codes.
    """
    if len(code) > 5:
        return None
    current, former = codes.codes_named(name)
    same_level = [c for c in current if c != code and len(c) == len(code)]
    if len(same_level) == 1:
        return codes.entries[same_level[0]], False
    if not same_level:
        earlier = [c for c in former if c != code and len(c) == len(code)]
        if len(earlier) == 1:
            return codes.entries[earlier[0]], True
    return None


def _other_name_hint(codes: CodeList, cell: CodeCell) -> str:
    if not cell.name:
        return ""
    other = _unique_other(codes, cell.name, cell.code)
    if other is None:
        return ""
    entry, former = other
    if former:
        return say("C104.hint_former_name", name=cell.name, code=entry.code, current=entry.name)
    return say("C104.hint_name_of", name=cell.name, code=entry.code)


def _unit_of(budget: Budget, path: DocPath) -> str | None:
    """The unit code of the unit entry a grid row sits under, if any."""
    if len(path) > 3 and path[2] == "units" and isinstance(path[3], int):
        units = (budget.table(str(path[1])) or {}).get("units")
        if isinstance(units, list) and path[3] < len(units) and isinstance(units[path[3]], dict):
            unit = units[path[3]].get("unit")
            return unit if isinstance(unit, str) else None
    return None


def _unit_kinds(budget: Budget) -> dict[str, str]:
    department = budget.data.get("department")
    units = dicts(department.get("units")) if isinstance(department, dict) else []
    return {u["code"]: u["kind"] for u in units if isinstance(u.get("code"), str) and isinstance(u.get("kind"), str)}


def _project_key(row: dict[str, Any]) -> str:
    return str(row.get("code") or row.get("name") or "")


def _has_targets(row: dict[str, Any]) -> bool:
    targets = row.get("targets")
    return isinstance(targets, dict) and any(_indicators(targets, kind) for kind in targets)


def _indicators(targets: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [item for item in dicts(targets.get(kind)) if item.get("name")]


# --------------------------------------------------------------------------------------------- rules

@rule("C101", "classification-lists-for-year", WARNING)
def classification_lists_for_year(budget: Budget) -> Iterator[Problem]:
    """The official code lists exist for the file's fiscal year (else the nearest earlier year's are used).

    budgetlint checks codes and names against the 政府收支分类科目 of the budget's `fiscal_year`: the
    packaged lists, plus a budget repository's own `classification/<year>/*.csv` (found in the budget
    file's folder or above; a row there adds a code or replaces the packaged row with the same code).
    When a list is missing for the year, the nearest earlier year's list is used and this warning says
    so; it also reports repository rows without a `source`.

    Why: codes and names change between editions; checking a 2025 budget against the 2023 lists can
    miss a renamed item or report a new code as unknown.

    Bad::

        fiscal_year: 2025        # no classification/2025/ packaged or in the repository

    Good::

        fiscal_year: 2025        # with classification/2025/functional.csv … in the repository
    """
    lists = _lists(budget)
    # The warnings are catalogue messages, made by say() where the lists are read (budgetlint/classification.py).
    for warning in lists.warnings if lists is not None else ():
        yield Problem(("fiscal_year",), warning)


@rule("C102", "code-valid-for-year", ERROR)
def code_valid_for_year(budget: Budget) -> Iterator[Problem]:
    """A classification code is valid for the fiscal year: not withdrawn, at the level the table lists,
    and under a parent that exists where the list is complete.

    Checks the functional codes (支出功能分类) of 预算01/03/04/05/09/10表 and the 部门/政府 economic codes
    of 预算06/07表. 预算01表 and 预算04表 list expenditure by 类, so their codes have 3 digits. Codes
    withdrawn in a reform (30104 社会保障缴费 and 30105 伙食费, pre-2018) are errors. A code that is only
    missing from a partial list is not an error here (see C103).

    Why: a code that does not exist in the year's 政府收支分类科目 cannot be booked, and a row at the
    wrong level breaks the table's sums by 类.

    Bad::

        general_basic_economic:
          rows:
            - {code: "30104", name: 社会保障缴费, total: 70.56, personnel: 70.56}

    Good::

        general_basic_economic:
          rows:
            - {code: "30108", name: 机关事业单位基本养老保险缴费, total: 70.56, personnel: 70.56}
    """
    lists = _lists(budget)
    if lists is None:
        return
    for cell in _cells(budget, lists):
        reason = _invalid_reason(budget, cell, lists)
        if reason is not None:
            yield Problem(cell.path + (cell.code_key,), say("C102.invalid", where=cell.where(budget), reason=reason))


@rule("C103", "code-in-packaged-list", WARNING)
def code_in_packaged_list(budget: Budget) -> Iterator[Problem]:
    """Codes missing from a partial code list could not be checked: one warning per file names them.

    The packaged lists are partial (no complete machine-readable copy of the 2023 edition was found;
    see schema/classification/README.md): a code missing from them may well be valid. One warning per
    file, at the first row that prints such a code, names every such code with the name printed
    beside it, by list (its edition and status); after 30 codes it gives the count of the rest. To
    check a code, add it with its source to `classification/<year>/<list>.csv` in the budget
    repository.

    Why: an unchecked code is not a checked one; the warning keeps the gap visible instead of
    accepting the code silently. The gap is in the list, not in the rows: one note says it, where a
    warning per row would bury the findings that need a fix.

    Bad::

        - {code: "2120101", name: 行政运行, total: 812.44}   # not in the packaged 2023 list

    Good::

        # classification/2023/functional.csv in the budget repository:
        # 2120101,行政运行,项,21201,general,,2023,财预〔2022〕107号
    """
    lists = _lists(budget)
    if lists is None:
        return
    unchecked: dict[str, dict[str, CodeCell]] = {}  # list → code → the first row printing it
    rows = 0
    for cell in _cells(budget, lists):
        info = cell.codes.info
        if cell.code in cell.codes or not info.available or info.complete:
            continue
        if _invalid_reason(budget, cell, lists) is not None:
            continue  # C102 reports it as wrong, not as unchecked
        rows += 1
        unchecked.setdefault(info.key, {}).setdefault(cell.code, cell)
    if not unchecked:
        return
    first = next(iter(next(iter(unchecked.values())).values()))
    count = sum(len(codes) for codes in unchecked.values())
    room, parts, files = UNCHECKED_LISTED, [], []
    for codes in unchecked.values():
        info = next(iter(codes.values())).codes.info
        shown = [f"{code} {codes[code].name}" if codes[code].name else code for code in sorted(codes)[:room]]
        room -= len(shown)
        files.append(f"classification/{info.year}/{info.file}")
        if shown:
            parts.append(say("C103.list", codes=info.describe(), shown=join(shown)))
    rest = say("C103.more", count=count - UNCHECKED_LISTED) if count > UNCHECKED_LISTED else ""
    yield Problem(first.path + (first.code_key,), say(
        "C103.unchecked" if count > 1 else "C103.unchecked_one", count=count,
        rows=say("C103.rows", count=rows) if rows > 1 else say("C103.row"),
        lists=join(parts, "list.semicolon"), rest=rest, files=join(files, "C103.or")))


@rule("C104", "name-matches-official", ERROR)
def name_matches_official(budget: Budget) -> Iterator[Problem]:
    """The name printed beside a code is the code's official name for the fiscal year.

    Names are compared after folding full-width and half-width forms (（）and ()), quotes and spaces;
    a 类 name may be printed without its 支出 suffix (预算01表 prints 城乡社区 for 城乡社区支出). A former
    official name is reported by C105 instead. For a code that is not in a partial list, the name is
    still reported when it is the name of exactly one other code at the same level (row 209 printed
    with 医疗卫生与计划生育支出, the former name of 210): the code or the name is wrong.

    Why: readers find items by name; a wrong or mixed-up name misleads them, and it often shows that
    the row's code is wrong.

    Bad::

        - {code: "207", name: 文化体育旅游与传媒支出, total: 4.22}

    Good::

        - {code: "207", name: 文化旅游体育与传媒支出, total: 4.22}
    """
    lists = _lists(budget)
    if lists is None:
        return
    for cell in _cells(budget, lists):
        if not cell.name:
            continue
        entry = cell.codes.get(cell.code)
        if entry is None:
            other = _unique_other(cell.codes, cell.name, cell.code)
            if other is None or _invalid_reason(budget, cell, lists) is not None:
                continue
            found, former = other
            yield Problem(cell.path + (cell.name_key,), say(
                "C104.former_name_of_other" if former else "C104.name_of_other", where=cell.where(budget),
                name=cell.name, code=found.code, current=found.name, codes=_list_title(lists, cell),
                printed=cell.code))
            continue
        if _same(cell.name, entry.name, cell.is_class_name):
            continue
        if any(_same(cell.name, former, cell.is_class_name) for former in entry.former_names):
            continue  # C105
        order = sorted(normalize(cell.name, cell.is_class_name)) == sorted(normalize(entry.name, cell.is_class_name))
        hint = say("C104.hint_same_characters") if order else _other_name_hint(cell.codes, cell)
        yield Problem(cell.path + (cell.name_key,), say(
            "C104.not_official", where=cell.where(budget), name=cell.name, code=cell.code,
            codes=_list_title(lists, cell), official=entry.name, hint=hint, write=_write(cell, entry.name)))


def _list_title(lists: Classification, cell: CodeCell) -> Message:
    """`the 2023 支出功能分类 (…edition…)`: the list a name was looked up in (only said for a finding)."""
    return say("classification.list_of_year", year=lists.year, title=cell.codes.info.title,
               edition=cell.codes.info.edition)


@rule("C105", "name-is-current", ERROR)
def name_is_current(budget: Budget) -> Iterator[Problem]:
    """A code's name is its current name, not a former one (城乡社区事务 → 城乡社区支出,
    医疗卫生与计划生育支出 → 卫生健康支出, 文化体育与传媒支出 → 文化旅游体育与传媒支出).

    Why: disclosure templates are copied from year to year and keep names that were renamed in a later
    edition of the 政府收支分类科目; the publication must use the names of its own fiscal year. The fix
    is certain, so this is an error, not a warning: the message gives the current name.

    Bad::

        - {code: "212", name: 城乡社区事务支出, total: 1569.30}

    Good::

        - {code: "212", name: 城乡社区支出, total: 1569.30}
    """
    lists = _lists(budget)
    if lists is None:
        return
    for cell in _cells(budget, lists):
        entry = cell.codes.get(cell.code)
        if entry is None or not cell.name or _same(cell.name, entry.name, cell.is_class_name):
            continue
        if any(_same(cell.name, former, cell.is_class_name) for former in entry.former_names):
            yield Problem(cell.path + (cell.name_key,), say(
                "C105.former_name", where=cell.where(budget), name=cell.name, code=cell.code, year=lists.year,
                official=entry.name, title=cell.codes.info.title, edition=cell.codes.info.edition,
                write=_write(cell, entry.name)))


@rule("C106", "code-names-consistent", ERROR)
def code_names_consistent(budget: Budget) -> Iterator[Problem]:
    """A code that the lists do not know is printed with the same name in every row of the file.

    For codes in the lists, C104 compares each name with the official one. For a code missing from a
    partial list the official name is unknown, but a code has one name: rows of 预算03表 and 预算05表 (or
    预算06表 and 预算07表) that print the same code with different names contradict each other.

    Why: a name that changes between tables means one of them was mistyped or the code is wrong.

    Bad::

        expenditure:         rows: [{code: "2120101", name: 行政运行, …}]
        general_expenditure: rows: [{code: "2120101", name: 机关服务, …}]

    Good: both rows named 行政运行.
    """
    lists = _lists(budget)
    if lists is None:
        return
    first: dict[tuple[str, str], CodeCell] = {}
    for cell in _cells(budget, lists):
        if cell.code in cell.codes or not cell.name or _unique_other(cell.codes, cell.name, cell.code):
            continue  # checked against the list, or reported by C104 as another code's name
        key = (cell.codes.info.key, cell.code)
        if key not in first:
            first[key] = cell
            continue
        seen = first[key]
        assert seen.name is not None
        if not _same(cell.name, seen.name, cell.is_class_name):
            yield Problem(cell.path + (cell.name_key,), say(
                "C106.two_names", where=cell.where(budget), name=cell.name, other=seen.name, code=cell.code,
                table=budget.label(seen.table), title=cell.codes.info.title))


def _fund_of(codes: CodeList, code: str) -> Entry | None:
    """The nearest list entry (the code, its 款, its 类) that fixes the code's fund.

    Funds are separated at the 款 level (22960 彩票公益金安排的支出 is 政府性基金); most 类 hold 款 of
    several funds (212 城乡社区支出), so a 类 marked `general` says nothing about its rows.
    """
    for candidate in (code, *parents(code)):
        entry = codes.get(candidate)
        if entry is None or not entry.fund:
            continue
        if len(candidate) == 3 and entry.fund == "general":
            return None
        return entry
    return None


@rule("C107", "fund-placement", ERROR)
def fund_placement(budget: Budget) -> Iterator[Problem]:
    """A subject of one fund appears only in that fund's table: 政府性基金 subjects (e.g. 2296002
    用于社会福利的彩票公益金支出) in 预算09表, not in the 一般公共预算 table 预算05表, and the other way round;
    in 预算04表, a subject's amounts stand in its own fund's column.

    预算01表 and 预算03表 cover all funds and are not checked. Most 类 hold subjects of several funds,
    so 类 rows are checked only when the list gives the 类 a single fund other than 一般公共预算.

    Why: each fund is budgeted and approved separately; a 彩票公益金 row in the 一般公共预算 table
    misstates both funds, even when it carries no amount.

    Bad::

        general_expenditure:
          rows: [{code: "2296002", name: 用于社会福利的彩票公益金支出}]

    Good::

        gov_fund_expenditure:
          rows: [{code: "2296002", name: 用于社会福利的彩票公益金支出, total: 3.00, project: 3.00}]
    """
    lists = _lists(budget)
    if lists is None:
        return
    functional = lists.functional
    for key, fund in FUND_TABLES.items():
        for path, row in budget.leaf_rows(key):
            code = row.get("code")
            entry = _fund_of(functional, code) if isinstance(code, str) else None
            if entry is None or entry.fund == fund or entry.fund not in FUND_NAMES:
                continue
            subject = "" if entry.code == code else say("C107.subject", level=entry.level, code=entry.code,
                                                         name=entry.name)
            yield Problem(path + ("code",), say(
                "C107.row", table=budget.label(key), code=code, name=row.get("name") or "",
                fund=FUND_NAMES[entry.fund], subject=subject, table_fund=FUND_NAMES[fund],
                target=budget.label(TABLE_OF_FUND[entry.fund])))
    fiscal = (budget.table("fiscal_summary") or {}).get("expenditure")
    for index, row in enumerate(dicts(fiscal.get("rows")) if isinstance(fiscal, dict) else []):
        code = row.get("code")
        entry = _fund_of(functional, code) if isinstance(code, str) else None
        if entry is None:
            continue
        for column, fund in FISCAL_COLUMN_FUND.items():
            value = money(row.get(column))
            if value and fund != entry.fund and entry.fund in FUND_NAMES:
                yield Problem(("tables", "fiscal_summary", "expenditure", "rows", index, column), say(
                    "C107.column", table=budget.label("fiscal_summary"), code=code, name=row.get("name") or "",
                    value=fmt(value), column_fund=FUND_NAMES[fund], fund=FUND_NAMES[entry.fund]))


def _correspondence_problem(lists: Classification, code: str, gov: str, side: str) -> Message | None:
    """Why `code` → `gov` breaks the 对照表 on one side, or None when the pair is possible."""
    government = lists.economic_government

    def named(code_: str) -> str:
        entry = government.get(code_)
        return f"{code_} {entry.name}" if entry else code_

    expected = lists.correspondence(code, side)
    if expected is not None:
        if gov == expected:
            return None
        return say("C108.pair", side=side, code=code, expected=named(expected), gov=expected)
    whole = lists.correspondence(code[:3], side)
    if whole is not None:
        if gov.startswith(whole):
            return None
        items = join(named(c) for c in sorted(government.entries) if len(c) == 5 and c.startswith(whole))
        choice = say("C108.choices", items=items) if items else ""
        return say("C108.class_pair", side=side, class_code=code[:3], expected=named(whole), choice=choice, gov=gov)
    if gov[:3] in FOREIGN_GOVERNMENT_CLASSES.get(side, ()):
        own = (c for s, cs in FOREIGN_GOVERNMENT_CLASSES.items() if s != side for c in cs)
        return say("C108.foreign_class", gov=gov, class_code=gov[:3], side=side,
                   units=join(SIDE_UNITS[side], "list.or"), classes=join(own))
    return None


def _correspondence_breaks(budget: Budget) -> list[tuple[Problem, bool]]:
    """The rows whose 部门 → 政府 pair breaks the 对照表 for their unit's kind, each with whether that is
    certain (C108) or rests on the kind of staff the row pays, which the file does not give (C118).

    The file gives each unit's kind, not its staff: a 行政单位 (a 街道办事处) can employ 事业编制 staff,
    whose pay is on the 事业单位 side. So a pair that is wrong for the unit's kind but not wrong on the
    other side of the 对照表 is uncertain; one that is wrong on every side is certain.
    """
    return budget.once("correspondence_breaks", lambda: _find_correspondence_breaks(budget))


def _find_correspondence_breaks(budget: Budget) -> list[tuple[Problem, bool]]:
    lists = _lists(budget)
    if lists is None:
        return []
    kinds = _unit_kinds(budget)
    everyone = unit_sides(kinds.values())
    found: list[tuple[Problem, bool]] = []
    for key in ("general_basic_economic", "economic_summary"):
        for path, row in budget.leaf_rows(key):
            code, gov = row.get("code"), row.get("gov_code")
            if not isinstance(code, str) or not isinstance(gov, str):
                continue
            unit = _unit_of(budget, path)
            kind = kinds.get(unit) if unit is not None else None
            own_kind = kind in UNIT_KIND_SIDE
            sides = frozenset({UNIT_KIND_SIDE[kind]}) if kind is not None and own_kind else everyone
            reasons = [_correspondence_problem(lists, code, gov, side) for side in sorted(sides)]
            if not reasons or any(reason is None for reason in reasons):
                continue
            who = (say("C108.unit_kind", unit=unit, kind=kind) if own_kind
                   else say("C108.department_kinds", kinds="/".join(sorted(set(kinds.values())))))
            pair = say("C108.pair_row", table=budget.label(key), code=code, name=row.get("name") or "", gov=gov,
                       gov_name=row.get("gov_name") or "")
            table = say("classification.list_edition", title=lists.mapping_info.title,
                        edition=lists.mapping_info.edition)
            broken = join((r for r in reasons if r), "list.semicolon")
            other = [side for side in sorted(set(UNIT_KIND_SIDE.values()) - sides)
                     if _correspondence_problem(lists, code, gov, side) is None]
            if not other:
                found.append((Problem(path + ("gov_code",), say("C108.broken", pair=pair, table=table, who=who,
                                                                 broken=broken)), True))
                continue
            staff = join((say(STAFF_OF_SIDE[side]) for side in other), "list.or")
            found.append((Problem(path + ("gov_code",), say(
                "C118.staff_unknown", pair=pair, table=table, who=who, broken=broken, staff=staff,
                other="/".join(other), sides="/".join(sorted(sides)))), False))
    return found


@rule("C108", "economic-correspondence", ERROR, needs=("fact/department.units",))
def economic_correspondence(budget: Budget) -> Iterator[Problem]:
    """A 部门预算支出经济分类 code and its 政府预算支出经济分类 code follow the 对照表, whatever the staff
    of the unit.

    The unit kind (`department.units[].kind`) selects the side: 行政单位 and 参公事业单位 use the 机关
    side (政府 classes 501–503), 事业单位 the 事业单位 side (505/506). A pair listed in the 对照表 must
    match; where only the 类 pair is listed (301 → 501 on the 机关 side), the 政府 code must be one of
    that 类's 款; otherwise a 政府 class of the other side is wrong. Rows of 预算07表 under a unit use
    that unit's kind; rows of the department as a whole may follow any of its units' kinds. This rule
    reports a pair that is wrong on every side; one that fits the other side (a 行政单位 that pays
    事业编制 staff) rests on a fact the file does not give, and is the warning C118.

    Why: the 政府 economic classification is what the 财政 consolidates; a pair that no side of the
    对照表 allows books the spending as something else.

    Bad::

        department: {units: [{code: "151001", kind: 行政单位}]}
        general_basic_economic:
          rows: [{code: "30113", name: 住房公积金, gov_code: "50102", gov_name: 社会保障缴费}]

    Good::

          rows: [{code: "30113", name: 住房公积金, gov_code: "50103", gov_name: 住房公积金}]
    """
    for problem, certain in _correspondence_breaks(budget):
        if certain:
            yield problem


@rule("C118", "economic-correspondence-staff-unknown", WARNING, needs=("fact/department.units",))
def economic_correspondence_staff_unknown(budget: Budget) -> Iterator[Problem]:
    """A 部门 → 政府 economic pair that is wrong for the unit's kind but right for staff of the other kind:
    the file does not say which staff the row pays, so it is a warning that says so.

    The 对照表 side follows the unit's kind (see C108), but a unit can pay staff of the other kind: a
    街道办事处 (行政单位) often employs 事业编制 staff, whose 绩效工资 30107 is paid on the 事业单位 side
    (50501). The file gives the unit's kind, not its staff, so the pair cannot be called wrong; the
    warning names the side it fits and what would make it an error (the unit has no such staff).

    Why: a claim that rests on a fact the file does not hold is not an error; but the pair is unusual
    for the unit's kind, and whoever knows the unit's staff should confirm or correct it.

    Bad (for a unit without 事业编制 staff)::

        department: {units: [{code: "151001", kind: 行政单位}]}
        general_basic_economic:
          rows: [{code: "30107", name: 绩效工资, gov_code: "50501", gov_name: 工资福利支出}]

    Good::

          rows: [{code: "30107", name: 绩效工资, gov_code: "50101", gov_name: 工资奖金津补贴}]
    """
    for problem, certain in _correspondence_breaks(budget):
        if not certain:
            yield problem


@rule("C109", "personnel-public-columns", ERROR)
def personnel_public_columns(budget: Budget) -> Iterator[Problem]:
    """In 预算06表, 工资福利支出 (301) and 对个人和家庭的补助 (303) are 人员经费; 商品和服务支出 (302) and
    资本性支出 (310) are 公用经费. A row's amount stands in the column of its class.

    Why: the 人员经费/公用经费 split is quoted in the narrative and compared across departments; an item
    in the wrong column misstates both.

    Bad::

        - {code: "30201", name: 办公费, total: 19.50, personnel: 19.50}

    Good::

        - {code: "30201", name: 办公费, total: 19.50, public: 19.50}
    """
    lists = _lists(budget)
    for path, row in budget.leaf_rows("general_basic_economic"):
        code = row.get("code")
        if not isinstance(code, str):
            continue
        right, wrong = (("personnel", "public") if code[:3] in PERSONNEL_CLASSES else
                        ("public", "personnel") if code[:3] in PUBLIC_CLASSES else (None, None))
        value = money(row.get(wrong)) if wrong else None
        if right is None or wrong is None or not value:
            continue
        whole = lists.economic_department.get(code[:3]) if lists is not None else None
        label = f"类 {code[:3]} {whole.name}" if whole else f"类 {code[:3]}"
        yield Problem(path + (wrong,), say(
            "C109.column", table=budget.label("general_basic_economic"), code=code, name=row.get("name") or "",
            value=fmt(value), column=ECONOMIC_COLUMNS[wrong], class_name=label, right=ECONOMIC_COLUMNS[right],
            column_key=right))


@rule("C110", "three-public-rows-present", ERROR, needs=("three_public", "economic_summary"))
def three_public_rows_present(budget: Budget) -> Iterator[Problem]:
    """Each “三公”经费 item with an amount in 预算08表 has its economic row in 预算07表: 因公出国（境）费
    30212, 公务接待费 30217, 公务用车运行费 30231, 公务用车购置费 31013 (or 30913), as the year's
    three_public list gives them.

    Rule A309 compares the amounts where the row is present; this rule reports the row that is missing.

    Why: 三公经费 are spent under these economic codes; a 三公 amount without its row in the economic
    summary was either not budgeted or booked under another code.

    Bad::

        three_public: {totals: {total: 2.40, vehicles: 2.40, vehicle_operation: 2.40}}
        economic_summary: rows: [{code: "30211", name: 差旅费, …}]     # no 30231

    Good::

        economic_summary: rows: [{code: "30231", name: 公务用车运行维护费, gov_code: "50208", total: 2.40, …}]
    """
    lists = _lists(budget)
    if lists is None or budget.table("three_public") is None or budget.table("economic_summary") is None:
        return
    present = {row.get("code") for _, row in budget.leaf_rows("economic_summary")}
    stated = table_totals(budget, "three_public") or {}
    has_totals = isinstance((budget.table("three_public") or {}).get("totals"), dict)
    for item, codes in lists.three_public.items():
        value = stated.get((item,))
        if not value or any(code in present for code in codes + THREE_PUBLIC_ALTERNATIVES.get(item, ())):
            continue
        names = join(f"{c} {e.name}" if (e := lists.economic_department.get(c)) else c for c in codes)
        path: DocPath = ("tables", "three_public", "totals", item) if has_totals else ("tables", "three_public")
        yield Problem(path, say(
            "C110.row_missing", table=budget.label("three_public"), item=THREE_PUBLIC_COLUMNS.get(item, (item,))[0],
            value=fmt(value), economic=budget.label("economic_summary"), codes=names))


@rule("C111", "unit-code-prefix", ERROR, needs=("fact/department.code",))
def unit_code_prefix(budget: Budget) -> Iterator[Problem]:
    """Every budget unit code starts with the department code (department 151 → units 151001, 151002 …):
    in `department.units`, in the unit rows of the tables and in the `unit` of 预算02表 and 预算11表 rows.

    Why: the unit code places the unit under its department in the budget system; a unit code of
    another department means a row was copied from the wrong file or mistyped.

    Bad::

        department: {code: "151", units: [{code: "152001", name: 洛阳市西工区西工街道办事处, kind: 行政单位}]}

    Good::

        department: {code: "151", units: [{code: "151001", name: 洛阳市西工区西工街道办事处, kind: 行政单位}]}
    """
    department = budget.data.get("department")
    if not isinstance(department, dict) or not isinstance(department.get("code"), str) or not department["code"]:
        return
    code = department["code"]

    def wrong(unit: Any) -> bool:
        return isinstance(unit, str) and not unit.startswith(code)

    def problem(path: DocPath, unit: str, where: str) -> Problem:
        return Problem(path, say("C111.prefix", where=where, unit=unit, code=code))

    # Where a code sits is described only for a wrong code: the rule looks at every row of every table.
    for index, unit in enumerate(dicts(department.get("units"))):
        if wrong(unit.get("code")):
            yield problem(("department", "units", index, "code"), unit["code"], "department.units")
    tables = budget.data.get("tables")
    for key in tables if isinstance(tables, dict) else {}:
        for path, unit in budget.units(key):
            if wrong(unit.get("unit")):
                yield problem(path + ("unit",), unit["unit"], say("C111.unit_row", table=budget.label(key)))
        for path, row in budget.leaf_rows(key):
            if wrong(row.get("unit")):
                name = row.get("name")
                yield problem(path + ("unit",), row["unit"],
                              say("C111.row", table=budget.label(key), name=name) if name
                              else say("C111.row_unnamed", table=budget.label(key)))


@rule("C112", "project-code-region", ERROR, needs=("fact/department.region_code",))
def project_code_region(budget: Budget) -> Iterator[Problem]:
    """Every project code (21 digits, 预算11表 and 预算13表) starts with the department's region code
    (`department.region_code`, e.g. 410303 洛阳市西工区).

    Why: project codes are issued by the project library (项目库) of the budget level, and begin with
    its 行政区划代码; a code of another region is a copy-paste or typing error and breaks the link
    between the project tables.

    Bad::

        department: {region_code: "410303"}
        projects: rows: [{code: "410302230000000018713", name: 2022年基层党建以奖代补资金（第一批）, …}]

    Good::

        projects: rows: [{code: "410303230000000018713", name: 2022年基层党建以奖代补资金（第一批）, …}]
    """
    department = budget.data.get("department")
    if not isinstance(department, dict) or not isinstance(department.get("region_code"), str):
        return
    region = department["region_code"]
    name = department.get("region_name") or ""
    for key in ("projects", "project_performance"):
        for path, row in budget.leaf_rows(key):
            code = row.get("code")
            if isinstance(code, str) and not code.startswith(region):
                yield Problem(path + ("code",), say("C112.region", table=budget.label(key), code=code,
                                                    name=row.get("name") or "", region=region, region_name=name))


@rule("C113", "project-code-unique", ERROR)
def project_code_unique(budget: Budget) -> Iterator[Problem]:
    """A project code appears once in a table (预算11表, 预算13表).

    Why: the code identifies the project in the project library and links 预算11表 to 预算13表; two
    projects with one code cannot both be right.

    Bad::

        rows:
          - {code: "410303220000000013451", name: 服务群众专项经费-党建经费, …}
          - {code: "410303220000000013451", name: 服务群众专项经费-差旅费, …}

    Good::

        rows:
          - {code: "410303220000000013451", name: 服务群众专项经费-党建经费, …}
          - {code: "410303220000000013469", name: 服务群众专项经费-差旅费, …}
    """
    for key in ("projects", "project_performance"):
        seen: dict[str, dict[str, Any]] = {}
        for path, row in budget.leaf_rows(key):
            code = row.get("code")
            if not isinstance(code, str):
                continue
            if code in seen:
                yield Problem(path + ("code",), say("C113.twice", table=budget.label(key), code=code,
                                                    first=seen[code].get("name") or "?", second=row.get("name") or "?"))
            else:
                seen[code] = row


@rule("C114", "project-targets-complete", ERROR, needs=("project_performance",))
def project_targets_complete(budget: Budget) -> Iterator[Problem]:
    """Every project in 预算13表 has performance targets, with at least one indicator of each kind:
    成本指标 (cost), 产出指标 (output), 效益指标 (effect) and 满意度指标 (satisfaction).

    Why: a project's targets are what its spending is evaluated against after the year; a project
    published without them, or without one kind, cannot be evaluated on it.

    Bad::

        - {code: "410303230000000018719", name: 提前下达2022年优抚对象医疗保障经费, total: 4.00, government: 4.00}

    Good (as published for another project)::

        - code: "410303230000000011923"
          name: 服务群众专项经费-纪检监察工作专项经费
          total: 5.00
          government: 5.00
          targets:
            cost: [{name: 项目总成本, value: ≤5万元}]
            output: [{name: 覆盖社区数量, value: 6个}]
            effect: [{name: 提升纪检监察工作规范化, value: 有效提升}]
            satisfaction: [{name: 纪检工作人员满意度, value: ≥95%}]
    """
    for path, row in budget.leaf_rows("project_performance"):
        what = say("C114.project", table=budget.label("project_performance"), code=row.get("code") or "",
                   name=row.get("name") or "")
        targets = row.get("targets")
        kinds = "/".join(REQUIRED_TARGET_KINDS.values())
        if not _has_targets(row):
            yield Problem(path, say("C114.no_targets", project=what, kinds=kinds))
            continue
        assert isinstance(targets, dict)
        missing = [label for kind, label in REQUIRED_TARGET_KINDS.items() if not _indicators(targets, kind)]
        if missing:
            yield Problem(path + ("targets",), say("C114.missing_kinds", project=what, missing="/".join(missing),
                                                   kinds=kinds))


@rule("C115", "performance-claims-hold", ERROR, needs=("department_performance", "project_performance"))
def performance_claims_hold(budget: Budget) -> Iterator[Problem]:
    """A department-wide claim in 预算12表 that the file itself can verify holds for the projects in it:
    绩效目标编制完成率 (share of projects with performance targets) is at least the value claimed.

    Projects are those of 预算11表 and 预算13表; a project has targets when 预算13表 prints at least one
    indicator for it.

    Why: the department performance table promises, e.g., 绩效目标编制完成率 100%; a publication whose
    own 预算13表 shows projects without targets contradicts its claim.

    Bad::

        department_performance:
          indicators: [{level1: 投入管理指标, level2: 绩效管理, name: 绩效目标编制完成率, value: 100%}]
        project_performance:
          rows: [{code: "410303230000000018719", name: 提前下达2022年优抚对象医疗保障经费, total: 4.00}]

    Good: every project in 预算13表 has `targets`.
    """
    table = budget.table("department_performance")
    if table is None:
        return
    projects: dict[str, str] = {}
    with_targets: set[str] = set()
    for key in ("projects", "project_performance"):
        for _, row in budget.leaf_rows(key):
            projects.setdefault(_project_key(row), str(row.get("name") or row.get("code") or ""))
            if key == "project_performance" and _has_targets(row):
                with_targets.add(_project_key(row))
    if not projects:
        return
    rate = (Decimal(len(with_targets & set(projects))) * 100 / len(projects)).quantize(Decimal("0.01"))
    for index, indicator in enumerate(dicts(table.get("indicators"))):
        name, value = indicator.get("name"), indicator.get("value")
        if not isinstance(name, str) or not any(claim in normalize(name) for claim in TARGET_RATE_INDICATORS):
            continue
        match = CLAIM.match(normalize(str(value))) if value is not None else None
        if match is None or rate >= Decimal(match.group(1)):
            continue
        missing = [projects[k] for k in projects if k not in with_targets]
        yield Problem(("tables", "department_performance", "indicators", index, "value"), say(
            "C115.claim", table=budget.label("department_performance"), name=name, value=value,
            with_targets=len(projects) - len(missing), count=len(projects),
            performance=budget.label("project_performance"), rate=fmt(rate), missing=join(missing)))
