"""budgetlint.render: the disclosure of a budget file as Markdown or HTML, and a static site.

    layout.py    the document laid out as its layout prints it (parts, then tables as grids of cells)
    markdown.py  that layout as Markdown (tabulate pipe tables, flattened headers)
    html.py      that layout as one self-contained HTML page (style.css inlined)
    findings.py  the findings of `check` put on the cells they are about (`render --with-findings`)
    pdf.py       the HTML page printed to PDF by headless Chromium (`render -o x.pdf`)
    site.py      a static site of a folder of budgets, with the findings of `check`
    api.py       load + render one file; cli.py the `render` and `site` commands

The table layouts (numbers, titles, header trees, 类 rows) are data: schema/layouts/<name>.yaml (budgetlint.layout reads them).
"""
