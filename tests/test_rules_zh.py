"""Rules explained in Chinese: `budgetlint rules` and `explain` with `--lang zh` (or a Chinese locale), and
the site's rules page, where rule IDs of the (Chinese) findings link to.

- Every rule has the Chinese of what it checks, of its details (where it has any) and of why, in
  messages.RULE_DOCS_ZH: Chinese text with no English sentence left in it, which keeps the Chinese terms and
  the figures of its English (the docstring), so that a docstring changed without its Chinese fails here.
- `explain` and `rules` speak Chinese when asked, English otherwise, exactly as before; the bad and good
  examples are shown as written; docs/rules.md stays English.
- The rules page of a site built from budgets/ is in Chinese.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from budgetlint.catalogue import PROSE, explained, markdown, sections
from budgetlint.cli import main
from budgetlint.lint import RULES_BY_ID
from budgetlint.messages import RULE_DOCS_ZH, ZH
from budgetlint.rules import CATALOGUE

CJK = re.compile(r"[\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")  # incl. radicals (T504)
CODE_SPAN = re.compile(r"`[^`]*`")  # keys, paths and text as a clerk writes them: not prose
PATH_OR_KEY = re.compile(r"[\w.<>/*+-]*[./_][\w.<>/*+-]*")  # budgetlint.toml, docs/layouts.md, three_public
# Names that are not translated: the tool, git, and products as their makers write them; acronyms
# (YAML, UTF, GBK, CJK, NFKC …) and single letters (rule series, X in a formula) pass as well.
NAMES = {"budgetlint", "git", "Excel", "Windows", "MiB"}

PARTS = [(entry.id, part) for entry in CATALOGUE for part in PROSE if sections(entry)[part]]


def english_words(text: str) -> list[str]:
    """Words of `text` that are English prose, not a name, an acronym, a code, a key or a path."""
    rest = PATH_OR_KEY.sub(" ", CODE_SPAN.sub(" ", text))
    return [word for word in re.findall(r"[A-Za-z]{2,}", rest) if not word.isupper() and word not in NAMES]


@pytest.mark.parametrize(("rule_id", "part"), PARTS, ids=[f"{rule_id}.{part}" for rule_id, part in PARTS])
def test_every_part_of_every_rule_has_its_chinese(rule_id: str, part: str) -> None:
    english = sections(RULES_BY_ID[rule_id])[part]
    chinese = RULE_DOCS_ZH.get(f"{rule_id}.{part}", "")
    assert CJK.search(chinese), f"no Chinese for {rule_id}.{part} in messages.RULE_DOCS_ZH"
    assert english_words(chinese) == [], chinese
    assert part != "why" or chinese.startswith("原因："), chinese
    # Faithful to its English: the Chinese words and the figures and codes it names are all there.
    missing = [term for term in CJK.findall(english) + re.findall(r"\d+", english) if term not in chinese]
    assert missing == [], f"{rule_id}.{part} lacks {missing}: has its docstring changed? {english!r}"


def test_no_chinese_is_left_for_a_rule_or_part_that_does_not_exist() -> None:
    assert sorted(set(RULE_DOCS_ZH) - {f"{rule_id}.{part}" for rule_id, part in PARTS}) == []


def test_the_english_word_check_finds_an_untranslated_sentence() -> None:
    assert english_words(RULES_BY_ID["A101"].summary) != []
    assert english_words("原因：`budgets/<dept>/2024.yaml` 在 budgetlint.toml 中；YAML、UTF-8、A101、X%") == []


def explain(*args: str, env: dict[str, str | None] | None = None) -> str:
    result = CliRunner(env=env).invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_explain_in_chinese_gives_what_and_why_in_chinese_and_the_examples_as_written() -> None:
    entry = RULES_BY_ID["A101"]
    output = explain("--lang", "zh", "explain", "A101")
    assert output.startswith("A101 totals-equal-sum-of-rows (error)\n")
    assert "表的合计行逐列等于其各单位行（或各行）之和。" in output
    assert "原因：合计行是读者引用的数字；" in output
    assert sections(entry)["examples"] in output and "totals: {total: 1909.08}" in output
    assert entry.summary not in " ".join(output.split()) and "Why:" not in output
    # a rule with details between what it checks and why: all three, in order
    details = explain("--lang", "zh", "explain", "c103")
    chinese = [RULE_DOCS_ZH[f"C103.{part}"] for part in PROSE]
    assert [details.index(text) for text in chinese] == sorted(details.index(text) for text in chinese)


def test_a_chinese_locale_explains_in_chinese_too() -> None:
    by_locale = explain("explain", "A101", env={"LANG": "zh_CN.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})
    assert by_locale == explain("--lang", "zh", "explain", "A101")


def test_english_is_unchanged_by_default() -> None:
    entry = RULES_BY_ID["A101"]
    assert explain("explain", "A101") == f"A101 totals-equal-sum-of-rows (error)\n\n{entry.doc}\n"
    assert explain("--lang", "en", "explain", "A101") == explain("explain", "A101")
    listing = explain("rules").splitlines()
    assert listing == [f"{e.id}  {e.name:<40} {e.severity:<8} {e.summary}" for e in CATALOGUE]


def test_rules_in_chinese_lists_every_rule_with_its_chinese_title() -> None:
    listing = explain("--lang", "zh", "rules").splitlines()
    assert listing == [f"{e.id}  {e.name:<40} {e.severity:<8} {RULE_DOCS_ZH[e.id + '.title']}" for e in CATALOGUE]


def test_the_markdown_catalogue_stays_english_in_every_language() -> None:
    assert explain("--lang", "zh", "rules", "--format", "markdown") == markdown(CATALOGUE)


def test_the_sites_rules_page_is_in_chinese(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["site", str(ROOT / "budgets"), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    page = html.unescape((tmp_path / "site" / "rules.html").read_text(encoding="utf-8"))
    assert RULE_DOCS_ZH["A101.title"] in page and RULE_DOCS_ZH["A101.why"] in page
    assert RULES_BY_ID["A101"].summary not in " ".join(page.split()) and "Why:" not in page
    for entry in CATALOGUE:  # each rule: its anchor, its Chinese, its examples as written
        prose, examples = explained(entry, ZH)
        assert f'id="rule-{entry.id}"' in page
        assert all(f"<p>{paragraph}</p>" in page for paragraph in prose), entry.id
        assert f'<pre class="rule-doc">{examples}</pre>' in page, entry.id
