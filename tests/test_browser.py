"""The HTML disclosure in a real browser: headless Chromium, driven over the DevTools pipe (tests/cdp.py).

Checked from the DOM, laid out for print on A4 landscape: every table of the file's layout (预算01表…预算13表,
表1…表9) is there with its printed label, none
is wider than the printable width, table headers repeat, each table starts a page, CJK text is drawn
with a CJK font, the page makes no request, and a name with <script> is shown, not run. Screenshots
and the printed PDF are saved under the test's tmp_path.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from budgetlint.render.api import render
from cdp import CHROMIUM, NO_CHROMIUM, PRINTABLE_WIDTH, Browser
from conftest import EXAMPLE, MAINTAINED, ROOT, load_data

from budgetlint.layout import layout_for

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)

SHANGHAI = [ROOT / "examples" / "putuo-wanli-jiedao-2025-as-published.yaml",
            ROOT / "examples" / "putuo-zhengfu-bangongshi-2025-as-published.yaml",
            ROOT / "examples" / "putuo-caizhengju-2024-juesuan-as-published.yaml"]

MEASURE = """JSON.stringify({
  page: document.documentElement.scrollWidth,
  scripts: document.scripts.length,
  sections: [...document.querySelectorAll('section.budget-table')].map(section => ({
    number: section.dataset.table,
    breakBefore: getComputedStyle(section).breakBefore,
    text: section.innerText,
    tables: [...section.querySelectorAll('table')].map(table => ({
      width: table.getBoundingClientRect().width,
      scrollWidth: table.scrollWidth,
      right: table.getBoundingClientRect().right,
      thead: table.tHead ? getComputedStyle(table.tHead).display : null,
    })),
  })),
})"""



def open_rendered(browser: Browser, data: dict[str, Any], folder: Path) -> Path:
    page = folder / "disclosure.html"
    page.write_text(render(data, "html"), encoding="utf-8")
    browser.load(page.as_uri())
    return page


@pytest.mark.parametrize("source", [EXAMPLE, MAINTAINED, *SHANGHAI],
                         ids=["as-published", "maintained", "shanghai-department", "shanghai-unit",
                              "shanghai-final-accounts"])
def test_every_table_fits_the_a4_landscape_page(source: Path, browser: Browser, tmp_path: Path) -> None:
    data = load_data(source)
    layout = layout_for(data)
    page = open_rendered(browser, data, tmp_path)
    browser.emulate_media("print")
    measured = json.loads(browser.evaluate(MEASURE))

    assert [section["number"] for section in measured["sections"]] == [spec.number for spec in layout.tables.values()]
    labels = {spec.number: spec.label for spec in layout.tables.values()}
    for section in measured["sections"]:
        assert section["tables"], f"{labels[section['number']]} has no table"
        assert labels[section["number"]] in section["text"]
        assert section["breakBefore"] == "page"
        for table in section["tables"]:
            assert table["width"] <= PRINTABLE_WIDTH + 0.5, (section["number"], table)
            assert table["scrollWidth"] <= PRINTABLE_WIDTH + 1, (section["number"], table)
            assert table["right"] <= PRINTABLE_WIDTH + 0.5, (section["number"], table)
            assert table["thead"] in (None, "table-header-group")
    assert measured["page"] <= PRINTABLE_WIDTH
    assert measured["scripts"] == 0

    expenditure = f"section#table-{layout.tables['expenditure'].number}"
    assert any("CJK" in family for family in browser.fonts_for(f"{expenditure} h3.table-title")), \
        browser.fonts_for(f"{expenditure} h3.table-title")
    assert browser.requests() == [page.as_uri()]  # nothing but the page itself

    pdf = tmp_path / "disclosure.pdf"
    browser.print_pdf(pdf)
    boxes = {tuple(float(n) for n in box) for box in
             re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())}
    assert boxes and all(box[2] > box[3] for box in boxes), boxes  # landscape pages
    assert all(abs(box[2] - 841.89) < 2 and abs(box[3] - 595.28) < 2 for box in boxes), boxes  # A4

    browser.emulate_media("screen")
    browser.screenshot(tmp_path / "disclosure.png", {"x": 0, "y": 0, "width": PRINTABLE_WIDTH, "height": 1400})
    top = json.loads(browser.evaluate(
        f"JSON.stringify(document.querySelector('{expenditure}').getBoundingClientRect().toJSON())"))
    browser.screenshot(tmp_path / "expenditure.png",
                       {"x": 0, "y": top["top"], "width": PRINTABLE_WIDTH, "height": top["height"]})
    for shot in ("disclosure.png", "expenditure.png"):
        assert (tmp_path / shot).read_bytes().startswith(b"\x89PNG"), shot


def test_a_script_in_a_name_is_shown_not_run(browser: Browser, tmp_path: Path) -> None:
    data = copy.deepcopy(load_data(EXAMPLE))
    data["department"]["name"] = '<script>document.title = "pwned"</script><img src=x onerror="alert(1)">'
    open_rendered(browser, data, tmp_path)
    state = json.loads(browser.evaluate(
        "JSON.stringify({title: document.title, scripts: document.scripts.length,"
        " images: document.images.length, text: document.body.innerText})"))
    assert state["scripts"] == 0 and state["images"] == 0
    assert state["title"] != "pwned"
    assert '<script>document.title = "pwned"</script>' in state["text"]


def test_the_width_check_sees_a_table_that_does_not_fit(browser: Browser, tmp_path: Path) -> None:
    """The measurement above is not vacuous: an unbreakable 300-digit code makes 预算13表 too wide."""
    data = copy.deepcopy(load_data(EXAMPLE))
    data["tables"]["project_performance"]["units"][0]["rows"][0]["code"] = "4" * 300
    open_rendered(browser, data, tmp_path)
    browser.emulate_media("print")
    measured = json.loads(browser.evaluate(MEASURE))
    widths = {s["number"]: max(t["width"] for t in s["tables"]) for s in measured["sections"]}
    assert widths["13"] > PRINTABLE_WIDTH
    assert all(width <= PRINTABLE_WIDTH + 0.5 for number, width in widths.items() if number != "13")
