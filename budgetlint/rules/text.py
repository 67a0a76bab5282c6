"""Disclosure completeness and text checks (T): required parts, names, years, units, wording."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from ..findings import ERROR, WARNING, DocPath, Problem
from ..layout import DEFAULT_LAYOUT, LayoutError, layout_name, load_layout
from ..messages import join, say
from ..model import Budget, dicts, fmt, well_formed
from ..narrative import (
    Stated,
    in_file_unit,
    read_paragraphs,
    resolved,
    rounding_allowance,
    sections,
)
from ..rule import rule
from ..tables import gap, table_totals

# Function words that are never doubled in correct Chinese (的的, 了了); reduplicated words such as
# 常常 or 等等 are correct, so single characters are only checked from this list.
DOUBLED_FUNCTION_WORDS = "的了和在是及与对为将按把被从于"
COMPARISON = re.compile(r"(?:与|较|比|同)\s*(\d{4})\s*年")
YEAR_IN_NAME = re.compile(r"(\d{4})\s*年")
YEAR_FILE_NAME = re.compile(r"(\d{4})(?:-[a-z]+)?\.ya?ml")  # budgets/<dept>/<year>.yaml, <year>-juesuan.yaml
# A two-decimal figure followed by no unit (a score, 99.43分, has one).
AMOUNT_WITHOUT_UNIT = re.compile(r"(?<![\d.])(\d+\.\d{2})(?![\d.])(?!\s*(?:万元|亿元|元|%|％|分))")
REASON_WORDS = ("原因", "由于", "因为", "用于")
CHANGE_WORDS = re.compile(r"(增加|减少|增长|下降)\s*\d")


def _has_figures(table: dict[str, Any]) -> bool:
    """A table with at least one row or figure (a table of only a note is empty)."""
    for key, value in table.items():
        if key in {"title", "department_name", "amount_unit", "note"}:
            continue
        if isinstance(value, (list, dict)) and value:
            return True
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            return True
    return False


@rule("T101", "required-table-present", ERROR)
def required_table_present(budget: Budget) -> Iterator[Problem]:
    """Every table and part that the file's layout requires is present (Henan 2023: 第一部分–第三部分
    and 预算01表–预算13表; Shanghai 2025: 表1–表9; the list is data in the layout file).

    Why: the publication rules (部门预算公开) require the whole set; a table that is left out — rather than
    published empty with a note — is a disclosure failure.

    Bad::

        tables:
          summary: {…}          # no state_capital_expenditure (预算10表)

    Good::

        tables:
          summary: {…}
          state_capital_expenditure: {units: [], note: 本部门无国有资本经营预算拨款安排的支出，故此表无数据。}
    """
    tables = budget.part("tables")
    layout = budget.layout
    for spec in layout.tables.values():
        if spec.required and spec.key not in tables:
            yield Problem(("tables",), say("T101.table", label=spec.label, title=spec.title, layout=layout.name,
                                           table_key=spec.key))
    department = budget.part("department")
    parts = {"overview": bool(department.get("duties")) and bool(department.get("composition")),
             "narrative": bool(budget.data.get("narrative")), "glossary": bool(budget.data.get("glossary"))}
    for part in budget.layout.parts():
        if part.get("required") and not parts.get(part["key"], True):
            where = ("department",) if part["key"] == "overview" else ()
            fields = "/".join(str(section.get("title")) for section in part.get("sections") or [])
            what = say("T101.overview_fields", fields=fields) if part["key"] == "overview" else ""
            yield Problem(where, say("T101.part", title=part["title"], what=what))


@rule("T104", "layout-known", ERROR)
def layout_known(budget: Budget) -> Iterator[Problem]:
    """The layout named by `layout:` (or the older `template:`) is one budgetlint can find and use: a
    packaged one (`budgetlint layouts`) or one in the repository's `layouts/` folder.

    Why: the layout decides which tables are required, which columns they have, how they are numbered
    and which sums hold; with an unknown name the file is checked and rendered as the default layout,
    which is probably not what the province publishes.

    Bad::

        layout: henan2023

    Good::

        layout: henan-2023
    """
    name = layout_name(budget.data)
    if name is None:
        return
    try:
        load_layout(name, budget.layout_folders)
    except LayoutError as error:
        key = "layout" if "layout" in budget.data else "template"
        yield Problem((key,), say("T104.unknown", error=error.message, default=DEFAULT_LAYOUT))


@rule("T102", "empty-table-needs-note", ERROR)
def empty_table_needs_note(budget: Budget) -> Iterator[Problem]:
    """A table published without figures carries a note that says why (备注：…故此表无数据).

    Why: an empty table without explanation reads as an omission; the note tells the reader that the
    department has no such funds.

    Bad::

        state_capital_expenditure: {units: []}

    Good::

        state_capital_expenditure:
          units: []
          note: 备注：本部门2023年无国有资本经营预算拨款安排的支出，故此表无数据。
    """
    tables = budget.part("tables")
    for key, table in tables.items():
        if isinstance(table, dict) and not _has_figures(table) and not table.get("note"):
            yield Problem(("tables", key), say("T102.no_note", table=budget.label(key)))


THREE_PUBLIC_ITEMS = (("因公出国（境）费", ("因公出国",)), ("公务用车购置及运行费", ("公务用车",)),
                      ("公务接待费", ("公务接待",)))
COMPARED = ("相比", "比上年", "同比", "较上年", "持平", "一致", "增加", "减少", "增长", "下降")


@rule("T103", "three-public-section-complete", ERROR)
def three_public_section_complete(budget: Budget) -> Iterator[Problem]:
    """The “三公”经费 section of the narrative covers all three items — 因公出国（境）费, 公务用车购置及运行费
    and 公务接待费 — and compares each with the previous year.

    Why: the template requires each item's amount and its change on last year (even when it is 0.00
    and unchanged), so that readers can follow each of the three closely watched expenses.

    Bad::

        text: （一）因公出国（境）费0.00万元……（三）公务用车购置及运行费2.40万元……   # 公务接待费 missing

    Good::

        text: （一）因公出国（境）费0.00万元……预算数与2022年相比保持一致。（二）公务接待费0.00万元，……预算数与2022年相比保持一致。……
    """
    for path, title, paragraphs in _three_public_sections(budget):
        for name, keys in THREE_PUBLIC_ITEMS:
            mentioning = [p for p in paragraphs if any(key in p for key in keys)]
            if not mentioning:
                yield Problem(path + ("text",), say("T103.missing", title=title, name=name))
            elif not any(word in p for p in mentioning for word in COMPARED):
                yield Problem(path + ("text",), say("T103.no_comparison", title=title, name=name), anchor=keys[0])


def _three_public_sections(budget: Budget) -> Iterator[tuple[DocPath, str, list[str]]]:
    """Each 三公 section with the paragraphs of its subsections: a 决算 states the items in （一） and
    says in （二） that there was no such spending, and the section as a whole must cover them."""
    for index, section in enumerate(dicts(budget.data.get("narrative"))):
        title = str(section.get("title") or "")
        parts = [section, *dicts(section.get("subsections"))]
        if "三公" in title:
            texts = [str(part.get("text") or "") for part in parts]
            path: DocPath = ("narrative", index)
            if any(texts):
                first = next(i for i, text in enumerate(texts) if text)
                yield (path if first == 0 else path + ("subsections", first - 1), title,
                       [p for text in texts for p in text.split("\n\n") if p.strip()])
            continue
        for sub_index, sub in enumerate(dicts(section.get("subsections"))):
            sub_title, text = str(sub.get("title") or ""), str(sub.get("text") or "")
            if "三公" in sub_title and text:
                yield (("narrative", index, "subsections", sub_index), sub_title,
                       [p for p in text.split("\n\n") if p.strip()])


def _loose(name: Any) -> str:
    """Names compared without spaces and with full-width parentheses (PDF line breaks add spaces)."""
    return "".join(str(name).split()).replace("(", "（").replace(")", "）")


@rule("T201", "department-name-consistent", ERROR)
def department_name_consistent(budget: Budget) -> Iterator[Problem]:
    """The department's full name is the same wherever the disclosure prints it: the table headers
    (部门名称), the unit rows of the department, the performance tables, and the narrative sentences
    that name the department.

    Why: a name written differently in one place (西工街道办 vs 西工街道办事处) looks like another body
    and is a standard finding of disclosure reviews.

    Bad::

        department: {name: 洛阳市西工区西工街道办事处}
        tables: {department_performance: {department_name: 洛阳市西工区西工街道办}}

    Good: the same full name everywhere.
    """
    department = budget.part("department")
    name, code = department.get("name"), department.get("code")
    if not isinstance(name, str):
        return
    tables = budget.part("tables")
    for key, table in tables.items():
        if isinstance(table, dict) and isinstance(table.get("department_name"), str) \
                and _loose(table["department_name"]) != _loose(name):
            yield Problem(("tables", key, "department_name"), say(
                "T201.header", table=budget.label(key), printed=table["department_name"], name=name))
    for key in tables:
        for path, unit in budget.units(key):
            if unit.get("unit") == code and isinstance(unit.get("name"), str) and _loose(unit["name"]) != _loose(name):
                yield Problem(path + ("name",), say("T201.unit", table=budget.label(key), code=code,
                                                    printed=unit["name"], name=name))
    region = department.get("region_name")
    if not isinstance(region, str) or not region or not name.startswith(region):
        return
    # A sentence that names a body of the region by a different name: 洛阳市西工区西工街道办 2023年……
    pattern = re.compile(re.escape(region) + r"([\u4e00-\u9fff（）()]{2,30}?)\s*(?=\d{4}年)")
    for path, section in sections(budget):
        text = section.get("text")
        if not isinstance(text, str):
            continue
        for match in pattern.finditer(text):
            printed = region + match.group(1)
            if _loose(printed) != _loose(name):
                yield Problem(path + ("text",), say("T201.narrative", printed=printed, name=name), anchor=printed)


@rule("T202", "unit-names-consistent", ERROR)
def unit_names_consistent(budget: Budget) -> Iterator[Problem]:
    """Unit codes and names in the tables agree with the department's list of budget units.

    Why: a unit row with an unknown code or another name cannot be traced to a budget unit, and the
    tables of one unit then appear to belong to two.

    Bad::

        department: {units: [{code: "151001", name: 洛阳市西工区西工街道办事处}]}
        revenue: {units: [{unit: "151", rows: [{unit: "151002", name: 西工街道}]}]}

    Good: every unit row names a listed unit (or the department) with its listed name.
    """
    department = budget.part("department")
    known = {unit.get("code"): unit.get("name") for unit in dicts(department.get("units"))}
    if well_formed(department):
        known[department.get("code")] = department.get("name")
    tables = budget.part("tables")
    for key in tables:
        entries = list(budget.units(key))
        for path, unit in list(entries):
            entries += [(path + ("rows", i), row) for i, row in enumerate(dicts(unit.get("rows"))) if "unit" in row
                        and "code" not in row]
        for path, entry in entries:
            code = entry.get("unit")
            if code not in known:
                yield Problem(path + ("unit",), say("T202.unknown_unit", table=budget.label(key), code=code,
                                                    units=join(str(c) for c in known if c)))
            elif isinstance(entry.get("name"), str) and isinstance(known[code], str) \
                    and _loose(entry["name"]) != _loose(known[code]) and code != department.get("code"):
                yield Problem(path + ("name",), say("T202.unit_name", table=budget.label(key), code=code,
                                                    printed=entry["name"], name=known[code]))
    for path, row in budget.leaf_rows("projects"):
        if "unit" in row and row["unit"] not in known:
            yield Problem(path + ("unit",), say("T202.project_unit", table=budget.label("projects"),
                                                name=row.get("name", ""), code=row["unit"]))


@rule("T203", "project-names-consistent", ERROR)
def project_names_consistent(budget: Budget) -> Iterator[Problem]:
    """A project has one name: the same in the project table (预算11表), the performance table
    (预算13表) and the narrative that names it (e.g. the 部门重点绩效目标项目).

    Why: a project renamed in one place only cannot be matched by readers or auditors; usually one of
    the two is an old name left from editing.

    Bad::

        projects:             rows: [{code: "410303220000000013467", name: 服务群众专项经费-政府购买及岗位}]
        narrative text:       选定服务群众专项经费-政府购买服务及岗位一个项目作为部门重点绩效目标项目

    Good: the narrative names 服务群众专项经费-政府购买及岗位.
    """
    listed = {row.get("code"): (path, row) for path, row in budget.leaf_rows("projects") if row.get("code")}
    for path, row in budget.leaf_rows("project_performance"):
        code = row.get("code")
        if code in listed and _loose(listed[code][1].get("name")) != _loose(row.get("name")):
            yield Problem(path + ("name",), say("T203.performance", performance=budget.label("project_performance"),
                                                code=code, name=row.get("name"), projects=budget.label("projects"),
                                                listed=listed[code][1].get("name")))
    names = [str(row.get("name")) for _, row in budget.leaf_rows("projects") if row.get("name")]
    heads: dict[str, list[str]] = {}
    for name in names:
        head, dash, tail = name.partition("-")
        if dash and tail:
            heads.setdefault(head, []).append(tail)
    for path, section in sections(budget):
        text = section.get("text")
        if not isinstance(text, str):
            continue
        for head, tails in heads.items():
            if head + "-" not in text:
                continue  # the usual case; the pattern below is built per project name
            for match in re.finditer(re.escape(head) + r"-([\u4e00-\u9fff（）()]+?)(?=一个项目|项目|[，。；、,;\s]|$)", text):
                mentioned = match.group(1)
                if not any(_loose(mentioned) == _loose(tail) for tail in tails):
                    closest = max(tails, key=lambda t: len(_common_prefix(t, mentioned)))
                    yield Problem(path + ("text",), say("T203.narrative", mentioned=f"{head}-{mentioned}",
                                                        projects=budget.label("projects"), closest=f"{head}-{closest}"),
                                  anchor=match.group(0))


def _common_prefix(a: str, b: str) -> str:
    out = ""
    for x, y in zip(a, b):
        if x != y:
            break
        out += x
    return out


@rule("T301", "comparison-names-previous-year", ERROR)
def comparison_names_previous_year(budget: Budget) -> Iterator[Problem]:
    """A sentence that compares with another year (与2022年相比, 较2022年) names the previous fiscal year.

    Why: a budget for 2023 compares with 2022; `与2023年相比` in a 2023 budget is a template left
    unedited, and its figures are then wrong too.

    Bad::

        fiscal_year: 2023
        text: 与2023年预算相比，收支总计各增加208.86万元

    Good::

        text: 与2022年预算相比，收支总计各增加208.86万元
    """
    year = budget.fiscal_year
    if year is None:
        return
    for path, section in sections(budget):
        text = section.get("text")
        if not isinstance(text, str):
            continue
        for match in COMPARISON.finditer(text):
            if int(match.group(1)) != year - 1:
                yield Problem(path + ("text",), say("T301.year", year=match.group(1), fiscal_year=year,
                                                    previous=year - 1), anchor=match.group(0))


@rule("T302", "project-year-not-in-future", ERROR)
def project_year_not_in_future(budget: Budget) -> Iterator[Problem]:
    """A project name does not carry a year after the budget's fiscal year (a carried-over project is
    labelled with the year its funds were granted, never a later one).

    Why: `2024年…补助资金` in a 2023 budget is either a typo or money that does not exist yet.

    Bad::

        fiscal_year: 2023
        projects: rows: [{name: 2024年基层党建以奖代补资金, carryover: {general_budget: 3.00}}]

    Good::

        projects: rows: [{name: 2022年基层党建以奖代补资金（第一批）, carryover: {general_budget: 3.00}}]
    """
    year = budget.fiscal_year
    if year is None:
        return
    for key in ("projects", "project_performance"):
        for path, row in budget.leaf_rows(key):
            for match in YEAR_IN_NAME.finditer(str(row.get("name", ""))):
                if int(match.group(1)) > year:
                    yield Problem(path + ("name",), say("T302.future", table=budget.label(key), name=row.get("name"),
                                                        year=match.group(1), fiscal_year=year))


@rule("T303", "file-year-matches-fiscal-year", ERROR)
def file_year_matches_fiscal_year(budget: Budget) -> Iterator[Problem]:
    """A budget file named for a year (`2023.yaml`) holds the budget of that year.

    Why: budgets are found by their file names: the year before is the file named for it beside this
    one, and the site lists each file under its name. A 2023 budget saved as `2022.yaml` is listed as
    2022, and its growth figures are checked against itself instead of against last year's budget.

    Bad::

        # budgets/151-xigong-jiedao/2022.yaml
        fiscal_year: 2023

    Good::

        # budgets/151-xigong-jiedao/2023.yaml
        fiscal_year: 2023
    """
    year = budget.fiscal_year
    name = PurePath(budget.file).name
    match = YEAR_FILE_NAME.fullmatch(name)
    if year is not None and match is not None and int(match.group(1)) != year:
        yield Problem(("fiscal_year",), say("T303.file_name", file=name, year=year, expected=f"{year}{name[4:]}"))


@rule("T401", "amount-without-unit", WARNING)
def amount_without_unit(budget: Budget) -> Iterator[Problem]:
    """An amount in the narrative (a number with two decimals) is followed by its unit (万元, 元 or %).

    Why: an amount without a unit can be read as 元 or 万元 — a factor of 10,000.

    Bad::

        text: 2023年收入总计1909.07，……

    Good::

        text: 2023年收入总计1909.07万元，……
    """
    for path, section in sections(budget):
        text = section.get("text")
        if not isinstance(text, str):
            continue
        for match in AMOUNT_WITHOUT_UNIT.finditer(text):
            yield Problem(path + ("text",), say("T401.no_unit", value=match.group(1), unit=budget.amount_unit),
                          anchor=match.group(1))


@rule("T402", "unit-magnitude", ERROR)
def unit_magnitude(budget: Budget) -> Iterator[Problem]:
    """A stated amount matches the table figure it describes only after a factor of 10,000: the text says
    元 where it means 万元, or the reverse.

    Why: a 元/万元 mix-up misstates a budget ten thousand times over, and is easy to miss because the
    digits look right.

    Bad::

        text: 2023年收入总计1909.07元      # the tables are in 万元: 1909.07万元

    Good::

        text: 2023年收入总计1909.07万元
    """
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            if figure.kind != "amount" or figure.resolver is None:
                continue
            expected, source = resolved(budget, figure.resolver)
            if expected is None or expected == 0:
                continue
            stated = in_file_unit(budget, figure)
            if stated == expected:
                continue
            for factor, fix in ((Decimal(10000), "万元"), (Decimal("0.0001"), "元")):
                if stated * factor == expected:
                    yield Problem(paragraph.path, say(
                        "T402.magnitude", subject=figure.subject, value=figure.value, unit=figure.unit, source=source,
                        expected=fmt(expected), table_unit=budget.amount_unit, fix=fix), anchor=figure.anchor)


@rule("T501", "repeated-word", WARNING)
def repeated_word(budget: Budget) -> Iterator[Problem]:
    """A word or phrase is written twice in a row (增加增加, 的的), usually left from editing.

    Reduplicated words that are correct Chinese (常常, 等等, 人人) are not reported: single characters
    are checked only for function words such as 的, 了, 和.

    Why: doubled words are the most common editing slip in published disclosures.

    Bad::

        text: 工资及社保费用增加增加，……

    Good::

        text: 工资及社保费用增加，……
    """
    phrase = re.compile(r"([\u4e00-\u9fff]{2,6})\1|([" + DOUBLED_FUNCTION_WORDS + r"])\2")
    for path, section in sections(budget):
        for field in ("title", "text"):
            text = section.get(field)
            if not isinstance(text, str):
                continue
            for match in phrase.finditer(text):
                yield Problem(path + (field,), say("T501.repeated", word=match.group(1) or match.group(2),
                                                   text=match.group(0)), anchor=match.group(0))


@rule("T502", "change-without-reason", WARNING)
def change_without_reason(budget: Budget) -> Iterator[Problem]:
    """A change on the previous year (增加/减少 …万元, 增长/下降 …%) is followed by its reason (主要原因…),
    in the same paragraph or a later one of the same section (Shanghai gives the reason of the 编制说明's
    changes in a paragraph of its own: 财政拨款收入支出增加的主要原因是…).

    Why: the disclosure rules ask departments to explain every change on the previous year; a bare
    change leaves the reader guessing.

    Bad::

        text: 与2022年相比，收支总计各增加208.86万元，增长12.28%。

    Good::

        text: 与2022年相比，收支总计各增加208.86万元，增长12.28%。主要原因人员增加，工资及社保费用增加。
    """
    paragraphs = read_paragraphs(budget)
    # Whether this paragraph or a later one of its section gives a reason, worked out from the end in
    # one pass: looking ahead from every paragraph would be quadratic in a long narrative.
    reason_ahead: dict[object, bool] = {}
    explained = [False] * len(paragraphs)
    for index in range(len(paragraphs) - 1, -1, -1):
        paragraph = paragraphs[index]
        here = any(word in paragraph.text for word in REASON_WORDS)
        explained[index] = reason_ahead[paragraph.path] = here or reason_ahead.get(paragraph.path, False)
    for index, paragraph in enumerate(paragraphs):
        if not any(figure.kind == "change" for figure in paragraph.figures):
            continue
        if not explained[index]:
            change = next(figure for figure in paragraph.figures if figure.kind == "change")
            yield Problem(paragraph.path, say("T502.no_reason", title=paragraph.title, subject=change.subject,
                                              value=change.value, unit=change.unit), anchor=change.anchor)


# Characters that look like the ideographs of a name but are others: the Kangxi and CJK radicals
# (U+2E80–U+2FDF: ⼀ U+2F00 beside 一 U+4E00) and the compatibility ideographs (U+F900–U+FAFF,
# U+2F800–U+2FA1F). PDF text extraction and some input methods produce them.
COMPATIBILITY_IDEOGRAPH = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
NAME_FIELDS = ("name", "gov_name", "term", "region_name", "department_name")


@rule("T504", "compatibility-ideograph", WARNING)
def compatibility_ideograph(budget: Budget) -> Iterator[Problem]:
    """A name (of the department, a unit, a table row or project, a glossary term) contains a Kangxi or
    CJK radical or a CJK compatibility ideograph — ⼀ (U+2F00) for 一 (U+4E00), ⽀ (U+2F40) for 支 — that looks
    like the character meant but is another one.

    Why: the name then matches nothing: searches, the code lists (C104/C105), the same name in the other
    tables (T203) and readers' copy and paste all miss it. Such characters come from text copied out of
    PDFs or typed with some input methods; retyping the name (or NFKC normalisation) replaces them.

    Bad::

        - {code: "2010101", name: 行政运⾏}        # ⾏ U+2F8F, the Kangxi radical

    Good::

        - {code: "2010101", name: 行政运行}        # 行 U+884C
    """
    names = [(path, field, value) for path, holder in _name_holders(budget) for field in NAME_FIELDS
             if type(value := holder.get(field)) is str]
    if not COMPATIBILITY_IDEOGRAPH.search("\n".join(value for _, _, value in names)):
        return  # the usual case: one search of all the names together
    for path, field, name in names:
        found = [c for c in dict.fromkeys(COMPATIBILITY_IDEOGRAPH.findall(name)) if _not_a_name_character(c)]
        if found:
            # Only these characters replaced: NFKC of the whole name would also turn （） into ().
            meant = "".join(unicodedata.normalize("NFKC", c) if c in found else c for c in name)
            unknown = any(_not_a_name_character(c) for c in COMPATIBILITY_IDEOGRAPH.findall(meant))
            fix = say("T504.retype") if unknown else say("T504.write", name=meant)
            yield Problem(path + (field,), say("T504.lookalike", name=name,
                                               characters=join(_described(c) for c in found), fix=fix), anchor=name)


def _not_a_name_character(character: str) -> bool:
    # Twelve characters of the compatibility block (﨎 U+FA0E …) are ideographs in their own right, with no
    # other form: NFKC leaves them as they are. Every radical is reported.
    return character < "\u2fe0" or unicodedata.normalize("NFKC", character) != character


def _described(character: str) -> str:
    meant = unicodedata.normalize("NFKC", character)
    instead = say("T504.meant", character=meant, code=f"{ord(meant):04X}") if meant != character else ""
    return say("T504.radical" if character < "\u2fe0" else "T504.compatibility", character=character,
               code=f"{ord(character):04X}", instead=instead)


def _name_holders(budget: Budget) -> list[tuple[DocPath, dict[str, Any]]]:
    """The mappings that hold names, with their paths: the department and its units, the tables, every
    table row (from the lists other rules made already) and the glossary's entries."""
    department = budget.part("department")
    holders: list[tuple[DocPath, dict[str, Any]]] = [(("department",), department)]
    units = department.get("units")
    holders += [(("department", "units", i), unit) for i, unit in enumerate(units if isinstance(units, list) else [])
                if isinstance(unit, dict)]
    for key, table in budget.part("tables").items():
        if not isinstance(table, dict):
            continue
        holders.append((("tables", key), table))  # its `department_name`
        holders += budget.units(key)
        holders += budget.leaf_rows(key)
        for side in ("revenue", "expenditure"):  # 预算01表 lists its sides, 预算04表 has `rows` under them
            listed = table.get(side)
            where: DocPath = ("tables", key, side)
            if isinstance(listed, dict):
                listed, where = listed.get("rows"), where + ("rows",)
            holders += [(where + (i,), row) for i, row in enumerate(listed if isinstance(listed, list) else [])
                        if isinstance(row, dict)]
    glossary = budget.data.get("glossary")
    holders += [(("glossary", i), entry) for i, entry in enumerate(glossary if isinstance(glossary, list) else [])
                if isinstance(entry, dict)]
    return holders


@rule("T601", "operating-expenses-equal-public-expenditure", ERROR)
def operating_expenses_equal_public_expenditure(budget: Budget) -> Iterator[Problem]:
    """The 机关运行经费 / 机构运转经费 stated in the narrative equals the table figure it reports: the
    机关运行经费 column of the 三公 table where the layout prints one (Shanghai 表9), else the 公用经费 of
    the basic expenditure table (Henan 预算06表), as the glossary (名词解释) defines it.

    A figure printed in 万元 against tables in 元 matches when it is the table figure correctly rounded.

    Why: a different figure means the text was not updated with the tables.

    Bad::

        text: 2023年机构运转经费支出预算57.00万元      # 预算06表 公用经费 57.55

    Good::

        text: 2023年机构运转经费支出预算57.55万元
    """
    if budget.layout.has("three_public", ("operating_expenses",)):
        key, column, name = "three_public", ("operating_expenses",), "机关运行经费"
    else:
        key, column, name = "general_basic_economic", ("public",), "公用经费"
    expected = (table_totals(budget, key) or {}).get(column)
    if expected is None:
        return
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            # The layout's `narrative_subjects` mark the phrases whose figures this rule checks.
            if figure.kind == "amount" and figure.rule == "T601":
                stated = in_file_unit(budget, figure)
                if abs(stated - expected) > rounding_allowance(budget, figure) and \
                        gap(budget, stated, [expected]) is not None:
                    yield Problem(paragraph.path, say(
                        "T601.differs", subject=figure.subject, value=figure.value, unit=figure.unit,
                        table=budget.label(key), name=name, expected=fmt(expected), table_unit=budget.amount_unit,
                        diff=fmt(stated - expected)), anchor=figure.anchor)


@rule("T603", "counts-add-up", ERROR)
def counts_add_up(budget: Budget) -> Iterator[Problem]:
    """Counts stated with a breakdown add up, exactly: `共有车辆3辆，其中：一般公务用车1辆、…其他用车2辆`;
    a breakdown in parentheses right after a count adds up to it (`其他用车2辆（巡逻车1辆，电动巡防车1辆）`);
    a parenthesis that opens with 其中 breaks down the last count of its kind before it (projects by
    rating: `绩效自评的项目4个…（其中，绩效评级为“优”的项目4个；“良”的项目0个；…）`). Only counts of one
    kind are added (vehicles with vehicles: `0台（套）` after the vehicles is no part of them).

    Why: the 国有资产占用情况 counts (vehicles, equipment) are checked against the asset register; a
    breakdown that does not add up is a transcription error.

    Bad::

        text: 共有车辆3辆，其中：一般公务用车1辆、一般执法执勤用车0辆、其他用车1辆。

    Good::

        text: 共有车辆3辆，其中：一般公务用车1辆、一般执法执勤用车0辆、其他用车2辆。
    """
    for paragraph in read_paragraphs(budget):
        for figure in paragraph.figures:
            if figure.kind != "count" or len(figure.parts) < 2:
                continue
            total = sum((part.value for part in figure.parts), Decimal(0))
            if total != figure.value:
                # In parentheses right after the count (`2辆（…）`): its explanation, else its 其中 list.
                explained = paragraph.text.startswith(("（", "("), figure.offset + len(_compact(figure.anchor)))
                yield Problem(paragraph.path, say(
                    "T603.explained" if explained else "T603.total", where=paragraph.where,
                    subject=_count_name(figure), value=figure.anchor,
                    listed=" + ".join(f"{_count_name(part)}{part.value}" for part in figure.parts), sum=total,
                    diff=f"{figure.value - total:+}"), anchor=figure.anchor)


def _compact(text: str) -> str:
    return "".join(text.split())



def _count_name(figure: Stated) -> str:
    """What a count is of: the words before it in its clause (其他用车, …事处共有车辆)."""
    name = figure.clause
    for word in ("其中", "：", ":", "，", ","):
        name = name.removeprefix(word)
    return name if len(name) <= 12 else "…" + name[-10:]
