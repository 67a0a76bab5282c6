"""The disclosure with findings in a real browser: headless Chromium over the DevTools pipe (tests/cdp.py).

Issue 16 item 6 is done when "a browser test checks that the rendered disclosure with findings marks
exactly the cells of the findings". Read from the DOM of `render --with-findings` on the published
examples: the marked cells are exactly one per place of a finding on a table, each in its finding's table,
under the header column of the finding's field (by where the browser draws them) and in the row of its
row; errors and warnings are drawn apart; every marker, finding and rule link leads to an element of the
page; and the marked tables still fit the printed A4 page.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from budgetlint.render.api import render
from budgetlint.render.layout import build_header, header_of
from cdp import CHROMIUM, NO_CHROMIUM, PRINTABLE_WIDTH, Browser
from conftest import EXAMPLE, ROOT, load_data

from budgetlint.findings import ERROR, parse_path
from budgetlint.layout import layout_for
from budgetlint.lint import check_file

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)

SOURCES = [EXAMPLE, ROOT / "examples" / "putuo-wanli-jiedao-2025-as-published.yaml",
           ROOT / "examples" / "putuo-caizhengju-2024-juesuan-as-published.yaml"]

# For each marked cell: its table, severity, style, the findings its marker links to, the text of the
# lowest header cell drawn above it (its column), the text of its row; for each listed finding: its
# table, rule, path, and whether its links lead somewhere in the page.
COLLECT = """JSON.stringify({
  cells: [...document.querySelectorAll('td.finding-error, td.finding-warning')].map(td => {
    const box = td.getBoundingClientRect();
    const middle = (box.left + box.right) / 2;
    const table = td.closest('table');
    const heads = table.tHead ? [...table.tHead.querySelectorAll('th')].filter(th => {
      const head = th.getBoundingClientRect();
      return head.left <= middle && middle <= head.right;
    }) : [];
    heads.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    const style = getComputedStyle(td);
    return {
      table: td.closest('section.budget-table').dataset.table,
      error: td.classList.contains('finding-error'),
      links: [...td.querySelectorAll('a.finding-mark')].map(a => a.getAttribute('href').slice(1)),
      column: heads.length ? heads[heads.length - 1].innerText.trim() : null,
      row: td.parentElement.innerText,
      visible: box.width > 0 && box.height > 0,
      style: [style.backgroundColor, style.outlineStyle, style.outlineColor].join(' '),
    };
  }),
  items: [...document.querySelectorAll('li[id^="finding-"]')].map(li => {
    const section = li.closest('section.budget-table');
    const place = li.querySelector('.place a');
    return {
      id: li.id, rule: li.dataset.rule, path: li.dataset.path, table: section ? section.dataset.table : null,
      ruleTarget: !!document.getElementById(li.querySelector('a.rule').getAttribute('href').slice(1)),
      placeTarget: place ? !!document.getElementById(place.getAttribute('href').slice(1)) : null,
    };
  }),
})"""
WIDTHS = """JSON.stringify([...document.querySelectorAll('section.budget-table')]
  .filter(section => section.querySelector('td.finding-error, td.finding-warning'))
  .map(section => ({table: section.dataset.table,
                    width: Math.max(...[...section.querySelectorAll('table')].map(t => t.getBoundingClientRect().right))})))"""



def row_and_field(path: str) -> tuple[tuple[str | int, ...], str]:
    """`tables.x.units[0].rows[3].this_year.total` → (the row's path, 'this_year.total'); a 合计 line's
    `tables.x.totals.total` → ((), 'total')."""
    parts = parse_path(path)
    last = max((i for i, part in enumerate(parts) if isinstance(part, int)), default=None)
    if last is None:
        return (), ".".join(str(part) for part in parts[3:])
    return parts[: last + 1], ".".join(str(part) for part in parts[last + 1:])


def node(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def column_labels(data: dict[str, Any], table: str, field: str) -> set[str]:
    """The header labels of the layout's columns that print `field` of a row (several for a code split
    into 类/款/项); empty where no column is keyed by it (the two summary tables' 金额)."""
    spec = layout_for(data).tables[table].raw
    leaves = build_header(header_of(spec))[1]
    return {str(leaf.get("label")) for leaf in leaves if field and field in (leaf.get("amount"), leaf.get("row"))}


@pytest.mark.parametrize("source", SOURCES, ids=["xigong", "wanli", "caizhengju-final-accounts"])
def test_the_marked_cells_are_exactly_those_of_the_findings(source: Path, browser: Browser, tmp_path: Path) -> None:
    data = load_data(source)
    findings = check_file(source)
    page = tmp_path / "disclosure.html"
    page.write_text(render(data, "html", findings=findings), encoding="utf-8")
    browser.load(page.as_uri())
    seen = json.loads(browser.evaluate(COLLECT))
    cells, items = seen["cells"], {item["id"]: item for item in seen["items"]}

    # Every finding is listed once; those about a table under their table, the rest at the top.
    assert Counter((item["rule"], item["path"]) for item in items.values()) == \
        Counter((finding.rule, finding.path) for finding in findings)
    numbers = {spec.key: spec.number for spec in layout_for(data).tables.values()}
    for item in items.values():
        key = str(parse_path(item["path"])[1]) if item["path"].startswith("tables.") else None
        assert item["table"] == numbers.get(key or ""), item
        assert item["ruleTarget"] and item["placeTarget"] is not False, item

    # Exactly the cells of the findings: each finding on a table is linked from one marked cell, in its
    # table; no cell is marked for nothing.
    links = Counter(link for cell in cells for link in cell["links"])
    assert set(links) == {number for number, item in items.items() if item["table"]} and set(links.values()) == {1}
    severity = {(finding.rule, finding.path): finding.severity for finding in findings}
    styles: dict[bool, set[str]] = {True: set(), False: set()}
    located = 0
    for cell in cells:
        assert cell["links"] and cell["visible"], cell
        linked = [items[link] for link in cell["links"]]
        assert {item["table"] for item in linked} == {cell["table"]}, cell
        assert cell["error"] == any(severity[(item["rule"], item["path"])] == ERROR for item in linked), cell
        styles[cell["error"]].add(cell["style"])
        for item in linked:
            row, field = row_and_field(item["path"])
            key = str(parse_path(item["path"])[1])
            labels = column_labels(data, key, field)
            if labels:  # drawn under the header of the finding's column
                assert cell["column"] in labels, (item, cell["column"], labels)
                located += 1
            if row:  # and in the line of its row, which prints the row's code or name
                values = node(data, row)
                assert any(str(values.get(name, "\0")) in cell["row"].replace("\n", "").replace("\t", "")
                           for name in ("code", "name")), (item, cell["row"])
    assert located > 0
    # Errors and warnings are styled apart (colour and frame), each kind alike.
    assert all(len(kinds) <= 1 for kinds in styles.values()), styles
    if styles[True] and styles[False]:
        assert styles[True] != styles[False]

    browser.emulate_media("print")  # the markers do not push a table off the printed page
    for table in json.loads(browser.evaluate(WIDTHS)):
        assert table["width"] <= PRINTABLE_WIDTH + 0.5, table


def test_a_warning_is_drawn_apart_from_an_error(browser: Browser, tmp_path: Path) -> None:
    """On the xigong example both kinds mark cells: their frames and colours differ."""
    data = load_data(EXAMPLE)
    findings = check_file(EXAMPLE)
    kinds = {finding.severity for finding in findings if finding.path.startswith("tables.")}
    if kinds != {ERROR, "warning"}:
        pytest.skip(f"the example marks {kinds} only")
    page = tmp_path / "disclosure.html"
    page.write_text(render(data, "html", findings=findings), encoding="utf-8")
    browser.load(page.as_uri())
    styles = json.loads(browser.evaluate(
        "JSON.stringify(['td.finding-error', 'td.finding-warning'].map(s => {"
        " const style = getComputedStyle(document.querySelector(s));"
        " return [style.backgroundColor, style.outlineStyle]; }))"))
    assert styles[0][0] != styles[1][0] and styles[0][1] == "solid" and styles[1][1] == "dashed", styles
