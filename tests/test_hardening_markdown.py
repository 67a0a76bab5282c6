"""Issue 17 item 5: text from a budget file is never live Markdown, in any Markdown output.

`diff --format markdown` goes into pull-request comments; `render` and the site's `.md` pages are read on
GitHub too. A name such as `[text](https://…)`, `![](…)`, `@user` or `\\r# heading` must show as
written: no link, image, mention, heading, HTML, code span or broken table. Checked on the real
commands' output; where GitHub's own Markdown library (cmark-gfm, the `cmarkgfm` package) is
installed, also by rendering it.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import MAINTAINED, load_data, write_budget

from budgetlint.cli import main

LINK = "[点此](https://evil.example/x)"
IMAGE = "![](https://evil.example/i.png)"
HOSTILE = [
    LINK, IMAGE, "@octocat 请看", "\r# 标题注入", "\n## 二级", "<img src=x onerror=alert(1)>", "<b>粗</b>",
    "`code`", "```", "a|b|c", "\x1b[31m红\x1b[0m", "\x07\x00\x7f\x85", "www.evil.example", "x@evil.example",
    "**粗** _斜_ ~~删~~ $x$", "1. 列表", "- 列表", "> 引用", "===", "[ref]: https://evil.example", "&lt;",
]
ALL = " ".join(HOSTILE)


def hostile(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["department"]["name"] += ALL
    rows = data["tables"]["expenditure"]["units"][0]["rows"]
    for row, text in zip(rows, HOSTILE):
        row["name"] += text
    rows[-1]["name"] += ALL
    projects = data["tables"]["projects"]["units"][0]["rows"]
    projects[0]["name"] += ALL
    data["narrative"][0]["title"] += ALL
    data["narrative"][0]["text"] = "\n".join(HOSTILE) + "\n\n" + data["narrative"][0]["text"] + "\n" + ALL
    data["glossary"][0]["term"] += ALL
    data["glossary"][0]["definition"] = "\n".join(HOSTILE)
    return data


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("md")
    (folder / "old").mkdir()
    (folder / "new").mkdir()
    old = write_budget(folder / "old", load_data(MAINTAINED))
    return old, write_budget(folder / "new", hostile(load_data(MAINTAINED)))


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def outputs(files: tuple[Path, Path], tmp_path: Path) -> dict[str, str]:
    old, new = files
    site = tmp_path / "site"
    budgets = tmp_path / "budgets"
    (budgets / "151-x").mkdir(parents=True)
    (budgets / "151-x" / "2023.yaml").write_bytes(new.read_bytes())
    invoke("site", str(budgets), "-o", str(site))
    return {
        "diff": invoke("diff", "--format", "markdown", str(old), str(new)),
        "diff, other way": invoke("diff", "--format", "markdown", str(new), str(old)),
        "render": invoke("render", "--format", "markdown", str(new)),
        "site": (site / "151-x" / "2023.md").read_text(encoding="utf-8"),
    }


def outside_fences(markdown: str) -> list[str]:
    """The lines of a Markdown text outside fenced code blocks (whose content is never markup)."""
    lines, fenced = [], False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def unescaped(character: str) -> re.Pattern[str]:
    """`character` not made literal by a backslash (an even number of backslashes before it)."""
    return re.compile(r"(?<!\\)(?:\\\\)*" + re.escape(character))


def test_no_file_text_is_markup(files: tuple[Path, Path], tmp_path: Path) -> None:
    for name, markdown in outputs(files, tmp_path).items():
        assert "点此" in markdown and "标题注入" in markdown, name  # the text is there, shown as written
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", markdown), f"{name}: a control character"
        lines = outside_fences(markdown)
        for line in lines:
            # link, image, code span, emphasis, strikethrough and math: budgetlint writes none of these
            # characters itself, so each one is from the file and must be escaped; `|` outside tables too
            for character in "[]`_~$" + ("" if line.startswith("|") else "|"):
                assert not unescaped(character).search(line), f"{name}: unescaped {character!r} in {line!r}"
            stripped = line.lstrip()
            for text in ("标题注入", "二级", "列表", "引用"):  # a heading, a list or a quote of its own
                assert not re.match(r"(#+|\d+[.)]|[-+*]|>)\s*" + text, stripped), f"{name}: {line!r}"
            assert not re.fullmatch(r"=+\s*", stripped), f"{name}: a heading underline: {line!r}"
        body = "\n".join(lines)
        assert "\\*\\*粗\\*\\*" in body and "&lt;img src=x" in body and "&lt;b&gt;" in body, name
        assert "<img" not in body and "<b>" not in body, name
        assert "https://" not in body and "www.evil" not in body, f"{name}: a bare URL is a link on GitHub"
        assert "@octocat" not in body and "x@evil" not in body, f"{name}: a mention or an e-mail link"


def test_tables_keep_their_columns(files: tuple[Path, Path], tmp_path: Path) -> None:
    for name, markdown in outputs(files, tmp_path).items():
        widths: list[int] = []
        for line in outside_fences(markdown) + [""]:
            if line.startswith("|"):
                widths.append(len(unescaped("|").findall(line)))
            elif widths:
                assert len(set(widths)) == 1, f"{name}: a table row with other columns"
                widths = []


def test_as_github_renders_it(files: tuple[Path, Path], tmp_path: Path) -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm", reason="GitHub's Markdown library (pip install cmarkgfm)")
    from cmarkgfm.cmark import Options

    for name, markdown in outputs(files, tmp_path).items():
        page = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
        assert "<a " not in page and "<img" not in page and "<b>" not in page, name
        for made in ("<code>code</code>", "<strong>粗</strong>", "<em>斜</em>", "<del>删</del>", "<blockquote>",
                     "<ol", "<ul"):
            assert made not in page, f"{name}: {made}"
        headings = [re.sub("<[^>]+>", "", h).strip() for h in re.findall(r"<h\d>(.*?)</h\d>", page, re.DOTALL)]
        assert not [h for h in headings if h.startswith(("标题注入", "二级", "#"))], headings
