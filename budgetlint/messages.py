"""The message catalogue: every finding message and command-line error, in English and in Chinese.

A rule does not write its message as a sentence; it names a catalogue entry and gives its figures:

    yield Problem(path, say("A101.sum", what=..., stated=fmt(stated), computed=fmt(computed)))

`say` returns a `Message`: a `str` holding the English text (so everything that reads messages as
text – waivers matching their figures, sorting, JSON – keeps working) that also carries its Chinese
(`message.zh`). A parameter that is itself a `Message` (a clause such as a rounding note) is used in
the same language as the sentence around it. Reporters print `in_language(message, lang)`.

The language is English, or Chinese with `--lang zh` or when the locale is Chinese (LC_ALL,
LC_MESSAGES or LANG starting with `zh`). Names, codes and labels from the file and the layout are
printed as they are, in every language: they are the clerk's own words.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping

EN, ZH = "en", "zh"
LANGUAGES = (EN, ZH)


class Message(str):
    """English text that knows its Chinese (`zh`) and its catalogue `key`. Compares and hashes as its
    English text. Made by `say`."""

    key: str
    zh: str

    def __reduce__(self) -> tuple[object, tuple[str, str, str]]:
        # Findings travel from `check --jobs` workers to the main process by pickle: keep the Chinese.
        return _message, (self.key, str(self), self.zh)


def _message(key: str, en: str, zh: str) -> Message:
    message = Message(en)
    message.key, message.zh = key, zh
    return message


class CatalogueError(KeyError):
    """A message key or parameter the catalogue does not have: a bug in the caller, caught by tests."""


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def say(key: str, **params: object) -> Message:
    """The catalogue's message `key` with `params` filled in, in both languages."""
    try:
        en, zh = MESSAGES[key]
    except KeyError:
        raise CatalogueError(f"no message `{key}` in budgetlint/messages.py") from None
    missing = (_fields(en) | _fields(zh)) - set(params)
    if missing:
        raise CatalogueError(f"message `{key}` needs {', '.join(sorted(missing))}")
    return _message(key, en.format_map({name: str(value) for name, value in params.items()}),
                    zh.format_map({name: in_language(value, ZH) for name, value in params.items()}))


def in_language(message: object, language: str) -> str:
    """`message` in `language`: a Message's Chinese when asked for, else its text."""
    if language == ZH and isinstance(message, Message):
        return message.zh
    return str(message)


_language = [""]  # the language of this run's command-line messages; "" until the command line sets it


def set_language(language: str) -> None:
    """The language for `tr` (the command line sets it from `--lang` or the locale)."""
    _language[0] = language


def current_language() -> str:
    return _language[0] or language_from_environment()


def tr(key: str, **params: object) -> str:
    """A command-line message (an error, a note) in this run's language."""
    return in_language(say(key, **params), current_language())


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """ZH when the locale is Chinese (the first of LC_ALL, LC_MESSAGES, LANG that is set), else EN."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return ZH if value.lower().startswith("zh") else EN
    return EN


# key → (English, Chinese). Keys are `RULE.what` for findings and `cli.what` for command-line errors.
# Placeholders are the same in both texts (tests/test_messages.py checks it).
MESSAGES: dict[str, tuple[str, str]] = {
    # ---- reading, schema, waivers, internal errors (loader.py, schema_check.py, lint.py, rules/reading.py)
    # ---- arithmetic and summaries (rules/arithmetic.py, rules/summary.py, tables.py)
    # tables.py: the sentence every sum check ends in, and the labels of rows it names
    "tables.mismatch": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                        "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "tables.rounding_note": (", beyond the rounding tolerance ±{tolerance}", "，超出四舍五入容差 ±{tolerance}"),
    "tables.totals_row": ("{table} 合计", "{table} 合计"),
    "tables.row": ("{table} row{where}", "{table}{where}"),  # where: " 2120101 行政运行", or ""
    "tables.unit_row": ("{table} unit {unit}", "{table} 单位 {unit}"),
    "tables.row_column": ("{row} {column}", "{row} {column}"),
    "A101.unit_rows": ("sum of unit rows", "各单位行之和"),
    "A101.rows": ("sum of rows", "各行之和"),
    "A102.unit": ("{table} unit {unit} {column}", "{table} 单位 {unit} {column}"),
    "A102.rows": ("sum of its rows", "本单位各行之和"),
    "A103.row": ("{table} row {code} {column}", "{table} {code} {column}"),
    "A103.rows": ("sum of the rows under it", "其下各行之和"),
    "A115.exceeds": ("{what} 其中：财政拨款 {fiscal} exceeds 一般公共预算 {whole} (by {by})",
                     "{what} 其中：财政拨款 {fiscal} 大于 一般公共预算 {whole}（超出 {by}）"),
    "A115.row": ("{table} row {code}", "{table} {code}"),
    "A115.exceeds_amount": ("{table} {name} 其中：财政拨款 {fiscal} exceeds its amount {whole} (by {by})",
                            "{table} {name} 其中：财政拨款 {fiscal} 大于其金额 {whole}（超出 {by}）"),
    "A118.sum": ("sum of {name}", "{name}之和"),
    "A201.rows": ("sum of its rows", "各行之和"),  # also A202: the rows of one side of the 收支总表
    "A205.class_rows": ("sum of the 类 rows", "各类级科目行之和"),
    # ---- classification (rules/classification.py)
    # ---- across tables (rules/crosstable.py)
    "crosstable.class_rows": ("{table} rows of 类 {code}", "{table} 类 {code} 各行"),  # A301, A304
    "A301.no_class_row": ("{table} has no row for 类 {code}, but {other} spends {amount} under it",
                          "{table} 没有类 {code} 的行，但 {other} 在该类下支出 {amount}"),
    "A303.row": ("{table} row {code} {column}", "{table} {code} {column}"),
    "A303.fund_rows": ("{tables} rows", "{tables} 同科目行之和"),
    "A304.no_class_row": ("{table} has no row for 类 {code}, but the fund tables spend {amount} under it",
                          "{table} 没有类 {code} 的行，但各资金表在该类下支出 {amount}"),
    "A306.all_funds": ("{table} 年终结转结余 (all funds)", "{table} 年终结转结余（全部资金）"),
    "A307.class_rows": ("{table} rows of economic 类 {code}", "{table} 经济分类 {code} 类各行"),
    "A308.missing": ("{table} item {code} {name} ({amount}) is missing from {other}",
                     "{table} 科目 {code} {name}（{amount}）未列入 {other}"),
    "A308.item": ("{table} item {code} {name}", "{table} 科目 {code} {name}"),
    "A308.whole": ("its whole in {table}", "{table} 中该科目的全部金额"),
    "A309.rows": ("{table} row {codes} 一般公共预算", "{table} 科目 {codes} 一般公共预算"),
    "A311.type": ("{table} projects of type {type}", "{table} {type}项目"),
    "A311.funding": ("{table} {fund} funding of projects", "{table} 各项目的{fund}资金"),
    "A312.missing": ("{table} project {name} ({code}) is missing from {other}",
                     "{table} 项目 {name}（{code}）未列入 {other}"),
    "A312.project": ("{table} project {name}", "{table} 项目 {name}"),
    "A312.unlisted": ("{table} project {name} ({code}) is not in {other}",
                      "{table} 项目 {name}（{code}）不在 {other} 中"),
    "A314.identity": (("{what}{where} {stated} {sign} {against}{where} {other} (diff {diff}){bound}; "
                       "the layout {layout} declares `{identity}`"),
                      ("{what}{where} {stated} {sign} {against}{where} {other}（差额 {diff}）{bound}；"
                       "版式 {layout} 规定 `{identity}`")),
    "A314.at_most": (" (it may be at most {other})", "（不得大于 {other}）"),
    "A314.at_least": (" (it must be at least {other})", "（不得小于 {other}）"),
    # ---- completeness and wording (rules/text.py)
    # ---- narrative and execution (rules/narrative.py, rules/execution.py, narrative.py)
    # rules/execution.py: a 决算's 年初预算 … 支出决算 statements
    "A408.row": ("{table} row {code} {name} 合计", "{table} {code} {name} 合计"),
    "A408.final": ("情况说明 states {subject} 支出决算 {final}万元, but {figure} is {expected}{unit} (diff {diff})",
                   "情况说明所述 {subject} 支出决算 {final}万元，而 {figure} 为 {expected}{unit}（差额 {diff}）"),
    "A409.budgeted": (("情况说明 states {subject} 年初预算 {budgeted}万元, but {table} 预算数 合计 is {printed}{unit} "
                       "(diff {diff})"),
                      ("情况说明所述 {subject} 年初预算 {budgeted}万元，而 {table} 预算数 合计 为 {printed}{unit}"
                       "（差额 {diff}）")),
    "A410.rate": ("情况说明 states {subject} 完成年初预算的{rate}%, but {final} ÷ {budgeted} is {computed}%",
                  "情况说明所述 {subject} 完成年初预算的{rate}%，而 {final} ÷ {budgeted} 为 {computed}%"),
    "A411.items": ("情况说明 states {subject} {what} {stated}{unit}, but its {count} items add up to {sum} (diff {diff})",
                   "情况说明所述 {subject} {what} {stated}{unit}，而其 {count} 个分项合计为 {sum}（差额 {diff}）"),
    "T503.unexplained": (("情况说明: {subject} 支出决算 {final}万元 differs from 年初预算 {budgeted}万元 by {share}% "
                          "(more than {threshold}%) without a reason; add 决算数小于（大于）预算数的主要原因：……"),
                         ("情况说明：{subject} 支出决算 {final}万元 与年初预算 {budgeted}万元 相差 {share}%"
                          "（超过 {threshold}%），未说明原因；请补充“决算数小于（大于）预算数的主要原因：……”")),
    "A415.plan": ("{year}年预算 ({file})", "{year}年预算（{file}）"),
    "A415.row": ("{table} row {code} {name}", "{table} {code} {name}"),
    "A415.budgeted": (("情况说明 states {subject} 年初预算 {budgeted}万元, but {plan} {figure} is {expected}{unit} "
                       "(diff {diff})"),
                      ("情况说明所述 {subject} 年初预算 {budgeted}万元，而 {plan} {figure} 为 {expected}{unit}"
                       "（差额 {diff}）")),
    "A415.three_public": ("{table} {column} {value} ≠ {plan} {plan_table} {expected} (diff {diff})",
                          "{table} {column} {value} ≠ {plan} {plan_table} {expected}（差额 {diff}）"),
    # ---- command line (cli.py, config.py, report.py, diff_format.py, coverage.py, fill.py, gitools.py, render/)
    # ---- import and export (importer.py, workbook.py, export.py)
    # ---- reports and the check command (report.py, findings.py, cli.py)
    "report.other_side": ("other side", "另一侧"),
    "report.summary": ("{files} checked: {errors}, {warnings}", "检查 {files}：{errors}，{warnings}"),
    "report.files": ("{count} file{s}", "{count} 个文件"),
    "report.errors": ("{count} error{s}", "{count} 个错误"),
    "report.warnings": ("{count} warning{s}", "{count} 个警告"),
    "cli.unknown_rules": ("{option}: unknown rule{s} {rules} (see `budgetlint rules`)",
                          "{option}：未知的规则 {rules}（见 `budgetlint rules`）"),
    "cli.output_is_folder": ("--output {target}: is a folder; name the report file",
                             "--output {target}：这是一个文件夹；请给出报告文件名"),
    "cli.output_over_budget": (("--output {target}: would write over a budget file being checked ({name}); "
                                "write the report elsewhere"),
                               "--output {target}：会覆盖正在检查的预算文件（{name}）；请把报告写到别处"),
    "cli.output_unwritable": ("--output {target}: cannot write it: {error}", "--output {target}：无法写入：{error}"),
    "cli.cannot_ignore": (("--ignore: `{prefix}` cannot be ignored: findings that a file cannot be read (Y…) "
                           "and internal errors (X001) are always reported"),
                          "--ignore：`{prefix}` 不能忽略：文件无法读取的问题（Y…）和内部错误（X001）总会报告"),
    "cli.no_paths": ("no paths given and no {folder}/ folder here", "未给出路径，当前目录下也没有 {folder}/ 文件夹"),
    "cli.no_config_file": ("no such configuration file: {path}", "配置文件不存在：{path}"),
    "cli.no_budget_files": ("no budget files yet in {folders} (*.yaml, *.yml): nothing to check",
                            "{folders} 中还没有预算文件（*.yaml、*.yml）：无需检查"),
    "cli.unknown_rule": ("unknown rule `{rule}`; `budgetlint rules` lists them",
                         "未知的规则 `{rule}`；`budgetlint rules` 列出全部规则"),
    "cli.no_layout_file": ("no such layout file: {name}", "版式文件不存在：{name}"),
    "cli.layouts_checked": ("{count} layout file{s} checked: no problems", "已检查 {count} 个版式文件：没有问题"),
    "cli.layout_unusable": ("cannot be used: {error}", "无法使用：{error}"),
}
