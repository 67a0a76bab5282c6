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
from collections.abc import Iterable, Mapping

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


def say(key: str, /, **params: object) -> Message:
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


def join(items: Iterable[str], key: str = "list.comma") -> str:
    """`items` joined by the catalogue's separator `key` (`a, b` in English, `a、b` in Chinese); items that
    are Messages keep their Chinese."""
    out: str | None = None
    for item in items:
        out = item if out is None else say(key, a=out, b=item)
    return out or ""


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


def tr(key: str, /, **params: object) -> str:
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
    # loader.py: reading a file (Y)
    "Y002.utf16": ("file is UTF-16 encoded; save it as UTF-8", "文件为 UTF-16 编码；请另存为 UTF-8"),
    "Y002.not_utf8": ("file is not UTF-8 (byte {byte} cannot be decoded): {advice}",
                      "文件不是 UTF-8 编码（字节 {byte} 无法解码）：{advice}"),
    "Y002.gbk": (("it looks like GBK/GB18030 (as saved by Excel or WPS on Chinese Windows); re-save it as UTF-8, "
                  "e.g. `iconv -f GB18030 -t UTF-8`"),
                 "看来是 GBK/GB18030 编码（中文 Windows 上的 Excel 或 WPS 所存）；请另存为 UTF-8，例如 `iconv -f GB18030 -t UTF-8`"),
    "Y002.resave": ("re-save it as UTF-8", "请另存为 UTF-8"),
    "Y006.empty": ("file is empty: a budget file is a YAML mapping", "文件为空：预算文件应是一个 YAML 映射"),
    "Y006.not_mapping": (("the document is {kind}; a budget file is a YAML mapping (keys such as `fiscal_year:` and "
                          "`tables:` at the left margin)"),
                         "文档是{kind}；预算文件应是一个 YAML 映射（`fiscal_year:`、`tables:` 等键顶格书写）"),
    "Y006.a_list": ("a list", "一个列表"),
    "Y006.a_value": ("a single value", "单个值"),
    "Y007.cannot_read": ("cannot read file: {reason}", "无法读取文件：{reason}"),  # reason: the system's words, or:
    "Y007.folder": ("it is a folder", "这是一个文件夹"),
    "Y007.not_regular": ("it is not a regular file (a pipe or a device)", "这不是普通文件（而是管道或设备）"),
    "Y007.broken_link": ("it is a symbolic link that leads nowhere or to itself ({reason})",
                         "这是一个指向不存在的目标或指向自身的符号链接（{reason}）"),
    "Y007.too_large": (("file is {size} MiB, larger than the {limit} MiB a budget file may be (a real one is under "
                        "1 MiB; the limit keeps checking it under 1 GB of memory)"),
                       "文件大小 {size} MiB，超过预算文件的上限 {limit} MiB（实际的预算文件不到 1 MiB；此上限使检查所用内存低于 1 GB）"),
    "Y007.too_many_values": (("file has more than {limit} values (reading stopped here; the file is {size} MiB): no "
                              "budget file is that large (a real one has about 2,000), and the limit keeps checking it "
                              "under 1 GB of memory"),
                             ("文件中的值超过 {limit} 个（读取至此停止；文件大小 {size} MiB）：没有这么大的预算文件"
                              "（实际的约 2,000 个），此上限使检查所用内存低于 1 GB")),
    # Y001: the parser's own words ({problem}, {context}, {reason}) are English; budgetlint's are translated
    "Y001.syntax": ("YAML syntax error: {problem}{context}", "YAML 语法错误：{problem}{context}"),
    "Y001.context": (" ({context})", "（{context}）"),
    "Y001.cause": ("YAML syntax error: {cause} (the parser says: {problem}{context})",
                   "YAML 语法错误：{cause}（解析器提示：{problem}{context}）"),
    "Y001.more_context": (", {context}", "，{context}"),
    "Y001.tab": ("{message}; YAML does not allow tab characters for indentation: use spaces",
                 "{message}；YAML 不允许用制表符（Tab）缩进：请用空格"),
    "Y001.not_closed": ("the `{bracket}` on line {line} is not closed: end it with `{closing}` on the same line",
                        "第 {line} 行的 `{bracket}` 没有闭合：请在同一行用 `{closing}` 结束"),
    "Y001.full_width_space": ("full-width space on line {line}: use a half-width space",
                              "第 {line} 行有全角空格：请改用半角空格"),
    "Y001.full_width": ("full-width `{character}` on line {line}: use half-width `{half}`{after}",
                        "第 {line} 行有全角 `{character}`：请改用半角 `{half}`{after}"),
    "Y001.space_after": (" followed by a space", "，其后加一个空格"),
    "Y001.stray_space": (("line {line} is indented by {spaces}, one space off the lines around it: remove the stray "
                          "space (YAML reads structure from the indentation)"),
                         "第 {line} 行缩进 {spaces}，与上下行差一个空格：请删去多余的空格（YAML 以缩进表示层次）"),
    "Y001.one_space": ("1 space", "1 个空格"),
    "Y001.spaces": ("{count} spaces", "{count} 个空格"),
    "Y001.space_after_colon": ("`{written}` on line {line} needs a space after the colon",
                               "第 {line} 行的 `{written}` 冒号后须有一个空格"),
    "Y001.cannot_contain": ("YAML cannot contain {character} ({reason}); remove it",
                            "YAML 不能包含 {character}（{reason}）；请删去"),
    "Y001.a_character": ("a character", "该字符"),
    "Y001.not_allowed": ("not allowed", "不允许"),
    "Y001.second_document": ("YAML syntax error: a second document (`---`) in the file; a budget file holds one document",
                             "YAML 语法错误：文件中有第二个文档（`---`）；一个预算文件只含一个文档"),
    "Y001.too_deep": ("YAML nesting is deeper than {depth} levels: this is not a budget file",
                      "YAML 嵌套超过 {depth} 层：这不是预算文件"),
    "Y001.nesting": ("nesting deeper than {depth} levels", "嵌套超过 {depth} 层"),
    "Y001.key_not_scalar": ("a mapping key must be a plain word, not a list, mapping or alias",
                            "映射的键须为普通词语，不能是列表、映射或别名"),
    "Y003.duplicate": ("duplicate key `{name}`{first}; the later value would silently replace the earlier one",
                       "重复的键 `{name}`{first}；后一个值会悄无声息地覆盖前一个值"),
    "Y003.first_at": (" (first at line {line})", "（首次出现在第 {line} 行）"),
    "Y004.thousands_key": (("`{written}` is written with a thousands separator: inside {{…}} a comma separates "
                            "entries, so YAML reads {first} and then the key {keys}; write {plain}"),
                           "`{written}` 用了千位分隔符：在 {{…}} 中逗号分隔各项，YAML 会读成 {first} 和键 {keys}；请写作 {plain}"),
    "Y004.thousands_keys": (("`{written}` is written with a thousands separator: inside {{…}} a comma separates "
                             "entries, so YAML reads {first} and then the keys {keys}; write {plain}"),
                            "`{written}` 用了千位分隔符：在 {{…}} 中逗号分隔各项，YAML 会读成 {first} 和键 {keys}；请写作 {plain}"),
    "Y004.leading_zero": (("leading zero lost: `{text}` would be read as the number {number}; a code is text: "
                           "write \"{text}\" (in quotes)"),
                          "前导零丢失：`{text}` 会被读成数字 {number}；编码是文本：请写作 \"{text}\"（加引号）"),
    "Y004.not_whole": (("`{text}` is not a plain whole number (hex, octal, `_` or `:` forms are easy to misread): "
                        "write the digits only"),
                       "`{text}` 不是普通整数（十六进制、八进制及带 `_` 或 `:` 的写法容易误读）：只写数字"),
    "Y004.not_amount": ("`{text}` is not an amount: write the figure (e.g. 0.00), or leave the cell out if it is blank",
                        "`{text}` 不是金额：请写出数字（如 0.00），空白的单元格则不写该键"),
    "Y004.unreadable": ("`{text}` is not a number budgetlint can read exactly", "`{text}` 不是 budgetlint 能精确读取的数字"),
    "Y004.exponent": ("`{text}` is written with an exponent: write it as {plain}", "`{text}` 用了指数写法：请写作 {plain}"),
    "Y004.exponent_tiny": ("`{text}` is written with an exponent: write the figure with its decimal point",
                           "`{text}` 用了指数写法：请写出带小数点的数字"),
    "Y004.separator": ("`{text}` uses `_` or `:` inside a number: write the digits only",
                       "`{text}` 在数字中用了 `_` 或 `:`：只写数字"),
    "Y004.negative_zero": (("`{text}` is a negative zero, which no disclosure prints: write 0.00 (an export from a "
                            "spreadsheet that rounded a small negative figure?)"),
                           "`{text}` 是负零，公开的表格中不会出现：请写 0.00（是否电子表格导出时把很小的负数四舍五入了？）"),
    "Y004.code_digits": (("`{text}` is read as a number of {count} digits: a code is text, quote the code: \"{text}\" "
                          "(no amount has more than {limit} digits)"),
                         "`{text}` 被读成 {count} 位的数字：编码是文本，请给编码加引号：\"{text}\"（金额不会超过 {limit} 位）"),
    "Y004.too_many_digits": (("`{text}` has more than {limit} digits before the decimal point: no budget amount is that "
                              "large (a typing or export error?)"),
                             "`{text}` 小数点前超过 {limit} 位：预算金额不会这么大（是否录入或导出有误？）"),
    "Y005.alias_value": (("alias *{anchor}: anchors and aliases (&name / *name) are not allowed in budget files: write "
                          "the value where it belongs"),
                         "别名 *{anchor}：预算文件不允许使用锚点和别名（&name / *name）：请把值写在它所属的位置"),
    "Y005.alias_collection": (("anchors and aliases (&name / *name) of mappings and lists are not allowed in budget "
                               "files: write each figure where it belongs"),
                              "预算文件不允许对映射和列表使用锚点和别名（&name / *name）：请把每个数写在它所属的位置"),
    "Y005.merge": ("merge keys (<<) are not allowed in budget files", "预算文件不允许使用合并键（<<）"),
    # schema_check.py: the schema's findings (S); values and places as the clerk wrote them
    "schema.yes_no": ("the yes/no value {value}", "是/否值 {value}"),
    "schema.number": ("the number {value}", "数字 {value}"),
    "schema.text": ("the text `{value}`", "文本 `{value}`"),
    "schema.nothing": ("nothing (an empty value)", "空值"),
    "schema.list": ("a list", "列表"),
    "schema.mapping": ("a mapping", "映射"),
    "schema.top_level": ("the top level", "顶层"),
    "schema.want_text": ("text", "文本"),
    "schema.want_number": ("a number", "数字"),
    "schema.want_integer": ("a whole number", "整数"),
    "schema.want_mapping": ("a mapping (key: value lines)", "映射（“键: 值”各行）"),
    "schema.want_list": ("a list (lines starting with -)", "列表（以 - 开头的各行）"),
    "schema.want_boolean": ("true or false", "true 或 false"),
    "S001.expected": ("expected {want}, found {found}{fix}", "应为{want}，实为{found}{fix}"),
    "S001.full_width": (": full-width digits or punctuation; use half-width: {meant}",
                        "：全角数字或标点；请用半角：{meant}"),
    "S001.plain_number": (": write it as a plain number, {meant} (no quotes, thousands separators or exponent)",
                          "：请写成普通数字 {meant}（不加引号、千位分隔符或指数）"),
    "S001.figure_only": (": write the figure only, {figure}, without `{words}` (the table's unit applies to every figure)",
                         "：只写数字 {figure}，不带 `{words}`（表的金额单位适用于其中每个数）"),
    "S001.quote_code": (": quote the code: \"{code}\" (a code is text; unquoted, it is read as a number)",
                        "：请给编码加引号：\"{code}\"（编码是文本；不加引号会被读成数字）"),
    "S002.unknown": ("unknown key `{name}` in {where}{advice}", "未知的键 `{name}`（位于{where}）{advice}"),
    "S002.full_width_colon": ((": full-width `：` does not separate a key from its value; use half-width `:` followed "
                               "by a space: `{shown}`"),
                              "：全角 `：` 不能分隔键和值；请用半角 `:` 并在其后加一个空格：`{shown}`"),
    "S002.full_width_letters": (": full-width letters; use half-width: `{half}`", "：全角字母；请用半角：`{half}`"),
    "S002.expected": ("; expected one of: {allowed}", "；应为以下之一：{allowed}"),
    "S002.did_you_mean": ("; did you mean `{hint}`?", "；是否应为 `{hint}`？"),
    "S003.missing": ("missing required key `{name}` in {where}", "缺少必填的键 `{name}`（位于{where}）"),
    "S004.decimals": ("{value} has more than two decimals: amounts are printed to the cent{example}",
                      "{value} 的小数超过两位：金额只印到分{example}"),
    "S004.example": (", e.g. {value}", "，如 {value}"),
    "S005.negative": ("{value} is negative: amounts in a budget table are never negative",
                      "{value} 是负数：预算表中的金额不会为负"),
    "S006.invalid": ("`{value}` is not a valid {what}{description}", "`{value}` 不是有效的{what}{description}"),
    "S006.description": (": {description}", "：{description}"),
    "S006.code": ("code", "编码"),
    "S006.as_written": ("`{value}` is not a valid {what} as written: {how}; write \"{fixed}\"",
                        "`{value}` 按所写不是有效的{what}：{how}；请写作 \"{fixed}\""),
    "S006.full_width": ("full-width digits; use half-width", "全角数字；请用半角"),
    "S006.spaces": ("remove the spaces around it", "请删去前后的空格"),
    "S006.quotes": ("the quotes are part of the text (full-width quotes, or quotes inside quotes)",
                    "引号成了文本的一部分（全角引号，或引号里又套引号）"),
    "S007.not_allowed": ("{value} is not allowed here; expected one of: {allowed}", "此处不允许{value}；应为以下之一：{allowed}"),
    "S008.empty": ("{where} is empty; write the text or leave the key out", "{where}为空；请填写文本或删去该键"),
    "S008.too_few": ("{where} needs at least {count} entry", "{where}至少需要 {count} 项"),
    "S008.other": ("{where}: {detail}", "{where}：{detail}"),  # detail: jsonschema's words (English)
    # lint.py: waivers (W), internal errors (X001), findings not shown, consequences of a cause
    "W001.waiver": ("waiver for {rule} gives no reason; write why the finding is accepted",
                    "{rule} 的豁免未写理由；请写明为何接受该问题"),
    "W001.inline": ("inline waiver for {rules} gives no reason; add `reason: …`",
                    "{rules} 的行内豁免未写理由；请加上 `reason: …`"),
    "W002.at": (" at `{at}`", "（位于 `{at}`）"),
    "W002.unused": ("waiver for {rule}{at} matches no finding; remove it", "{rule} 的豁免{at}没有对应的问题；请删去"),
    "W002.changed": (("waiver for {rule}{at} accepts the finding that states {figures}, but the {rule} finding on line "
                      "{line} states other figures now: the fault has changed. Fix it, or renew the waiver with its "
                      "figures and a new reason"),
                     ("{rule} 的豁免{at}接受的是列出 {figures} 的问题，但第 {line} 行的 {rule} 问题现在列出的是别的数：错误已经变了。"
                      "请改正，或用新的数和新的理由续期豁免")),
    "W002.inline": ("inline waiver for {rules} matches no finding on line {line}; remove it",
                    "{rules} 的行内豁免在第 {line} 行没有对应的问题；请删去"),
    "W002.unclean_one": (("this waiver matches no finding, but the file did not load cleanly ({rule} on line {line}): "
                          "the finding accepted may not have been made. Fix that first and check again; do not remove "
                          "the waiver"),
                         ("此豁免没有对应的问题，但文件未能如实读取（第 {line} 行的 {rule}）：它接受的问题可能没有检出。"
                          "请先改正该处再检查；不要删去此豁免")),
    "W002.unclean_many": (("this waiver and {more} more match no finding, but the file did not load cleanly ({rule} on "
                           "line {line}): the findings accepted may not have been made. Fix that first and check again; "
                           "do not remove the waivers"),
                          ("此豁免及另外 {more} 项豁免没有对应的问题，但文件未能如实读取（第 {line} 行的 {rule}）："
                           "它们接受的问题可能没有检出。请先改正该处再检查；不要删去这些豁免")),
    "W003.expired": ("waiver for {rule} expired on {date}; fix the finding or renew the waiver with a new reason and date",
                     "{rule} 的豁免已于 {date} 到期；请改正该问题，或用新的理由和日期续期豁免"),
    "W004.bad_path": ("waiver for {rule}: {error}; it waives nothing", "{rule} 的豁免：{error}；它不豁免任何问题"),
    "W005.waiver": ("waiver for {rule}: {why} cannot be waived; fix the file (the finding is reported)",
                    "{rule} 的豁免：{why}不能豁免；请修改文件（该问题照常报告）"),
    "W005.inline": ("inline waiver for {rule}: {why} cannot be waived; fix the file (the finding is reported)",
                    "{rule} 的行内豁免：{why}不能豁免；请修改文件（该问题照常报告）"),
    # For rule.why_not_waivable and findings.parse_path (not converted yet: W005's {why} and W004's {error})
    "W005.reading_finding": ("a reading finding (the file is not read as it is written)", "读取问题（文件未能按所写读取）"),
    "W005.schema_finding": ("a schema finding (the file does not have the shape of a budget file)",
                            "结构问题（文件不符合预算文件的结构）"),
    "W005.missing_part": ("a missing table or part of the disclosure", "缺少公开的表格或部分"),
    "W004.not_a_path": ("`{text}` is not a document path: `[{index}` must be a number in brackets, e.g. rows[3]",
                        "`{text}` 不是文档路径：`[{index}` 须为方括号中的数字，如 rows[3]"),
    "W006.no_figures": (("waiver for {rule}{at} does not record which finding it accepts: add `figures: {figures}` "
                         "(what the finding states), so that a different fault at this place later is reported rather "
                         "than waived"),
                        ("{rule} 的豁免{at}没有记下它接受的是哪个问题：请加上 `figures: {figures}`（该问题列出的数），"
                         "以便此处日后出现别的错误时照常报告，而不被豁免")),
    "X001.schema": ("schema validation failed on this file ({error}); the rules ran. Please report this with the file.",
                    "本文件的结构校验出错（{error}）；各规则已运行。请连同此文件报告此问题。"),
    "X001.rule": (("rule {rule} {name} failed on this file ({error}); the other rules ran. Please report this with the "
                   "file."),
                  "规则 {rule} {name} 在本文件上出错（{error}）；其他规则已运行。请连同此文件报告此问题。"),
    "X001.internal": ("budgetlint failed on this file: {what}. Please report this with the file.",
                      "budgetlint 检查本文件时出错：{what}。请连同此文件报告此问题。"),
    "X001.killed": ("the process checking it was killed (out of memory?); check this file alone with --jobs 1",
                    "检查它的进程被终止（内存不足？）；请用 --jobs 1 单独检查此文件"),
    "lint.more_finding": (("{count} more {rule} finding in this file not shown (at most {limit} per rule and file); "
                           "the first: {first}"),
                          "本文件另有 {count} 个 {rule} 问题未显示（每条规则每个文件最多显示 {limit} 个）；其中第一个：{first}"),
    "lint.more_findings": (("{count} more {rule} findings in this file not shown (at most {limit} per rule and file); "
                            "the first: {first}"),
                           "本文件另有 {count} 个 {rule} 问题未显示（每条规则每个文件最多显示 {limit} 个）；其中第一个：{first}"),
    "lint.follows_from": ("{message} (follows from {cause})", "{message}（由 {cause} 引起）"),
    "lint.finding_at": ("the {rule} at {line}:{column}", "{line}:{column} 处的 {rule}"),
    "lint.unknown_fact": ("the file does not give {fact}, which the rule needs; it is not guessed",
                          "文件没有给出该规则所需的 {fact}；不作推测"),
    "cli.no_such_path": ("no such file or folder: {name}", "没有这个文件或文件夹：{name}"),
    "cli.folder_unreadable": ("cannot read folder {folder}: {error}", "无法读取文件夹 {folder}：{error}"),
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
    "A201.rows": ("sum of its rows", "收入各行之和"),
    "A202.rows": ("sum of its rows", "支出各行之和"),
    "A205.class_rows": ("sum of the 类 rows", "各类级科目行之和"),
    # Rules whose sentence names both sides in the layout's own labels (基本支出 + 项目支出, 收入总计): the
    # sentence of tables.mismatch, an entry per rule so that each rule's wording can be changed on its own.
    "A110.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A111.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A112.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A113.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A114.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A116.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A117.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A119.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A203.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A204.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}），收支不平衡"),
    "A206.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}），收支不平衡"),
    # ---- classification (rules/classification.py)
    # Clauses shared by the C rules: separators of lists, a row by its code, a code list by its edition.
    "list.comma": ("{a}, {b}", "{a}、{b}"),
    "list.semicolon": ("{a}; {b}", "{a}；{b}"),
    "list.or": ("{a} or {b}", "{a}或{b}"),
    "classification.row": ("{table} row {code}", "{table} {code}"),
    "classification.row_named": ("{table} row {code} {name}", "{table} {code} {name}"),
    "classification.gov_code": ("{row} 政府 code {code}", "{row} 的政府经济分类科目 {code}"),
    "classification.list_of_year": ("the {year} {title} ({edition})", "{year}年{title}（{edition}）"),
    "classification.list_edition": ("{title} ({edition})", "{title}（{edition}）"),
    "classification.write": ("Write {name}", "应写为 {name}"),
    "classification.write_short": ("Write {name} (or {short}, as this table prints 类 names without 支出)",
                      "应写为 {name}（本表类名称不带“支出”，也可写为 {short}）"),
    # budgetlint/classification.py: the code lists, and what C101 says about them
    "C101.three_public_list": ("三公经费 economic codes", "“三公”经费经济分类科目"),
    "C101.list": ("{title} ({file}, {edition}, {status}, {origin})", "{title}（{file}，{edition}，{status}，{origin}）"),
    "C101.partial": ("partial", "不完整"),
    "C101.complete": ("complete", "完整"),
    "C101.packaged": ("packaged", "内置"),
    "C101.repository": ("repository {folder}", "仓库 {folder}"),
    "C101.packaged_and_repository": ("packaged + repository {folder}", "内置 + 仓库 {folder}"),
    "C101.no_origin": ("none", "无"),
    "C101.edition": ("{year} edition", "{year}年版"),
    "C101.edition_used_for": ("{edition}, used for {year}", "{edition}，用于 {year} 年"),
    # A code list's own text (lists.csv edition, withdrawn.csv note) and its `_zh` column. Each text names
    # both fields (so the placeholders match) and prints the other with precision 0, i.e. not at all.
    "classification.text": ("{en}{zh:.0}", "{en:.0}{zh}"),
    "C101.no_edition": ("no list", "无目录"),  # the edition of a list that no year has
    "C101.unreadable": ("cannot read {path} ({error}); its rows were not used", "无法读取 {path}（{error}）；其中各行未使用"),
    "C101.no_source": (("{path} line {line}: row {code} has no source; write where it comes from (a document number or "
                       "an address)"), "{path} 第 {line} 行：{code} 一行没有来源（source）；请写明出处（文号或网址）"),
    "C101.no_list": (("no {title} list ({file}) for {year} or an earlier year, packaged or in the repository; codes of "
                     "that list are not checked"),
                     "内置和仓库中均没有 {year} 年或更早年度的{title}目录（{file}）；该目录的科目未作检查"),
    "C101.fallback": (("no {title} list ({file}) for {year}: checked against the {used} list instead; add "
                      "classification/{year}/{file} with its sources to this repository"),
                      ("没有 {year} 年的{title}目录（{file}）：已改按 {used} 年的目录检查；请在本仓库添加 "
                      "classification/{year}/{file} 并注明来源")),
    "C102.invalid": ("{where} {reason}", "{where}：{reason}"),
    "C102.not_a_class": (("lists expenditure by 类 (3-digit codes), but {code} is a {level} code; write its 类 "
                         "{class_code} and add the amount to that row"),
                         ("本表按类列示支出（3位编码），而 {code} 是{level}级科目；应填写其所属的类 {class_code}，"
                         "并将金额并入该行")),
    "C102.withdrawn": (("uses {code} {name}, a withdrawn code that is not in the {year} {title} ({note}); use the "
                       "current code for this item"),
                       "使用了已取消的科目 {code} {name}，{year}年{title}中没有该科目（{note}）；应改用该事项的现行科目"),
    "C102.parent_missing": (("uses {code}, whose parent {parent} is not in the {codes}, complete at the {level} level; "
                            "check the code list row of {code}"),
                            ("使用了 {code}，其上级科目 {parent} 不在{codes}中（该目录的{level}级是完整的）；"
                            "请核对科目目录中 {code} 这一行")),
    "C102.not_listed": ("uses {code}, which is not in the {codes}; use a code of the {year} list",
                        "使用了 {code}，该科目不在{codes}中；应使用 {year} 年科目目录中的科目"),
    "C102.no_ancestor": (("uses {code}, but its {level} {ancestor} does not exist in the {codes}, complete at that "
                         "level; use a code of the {year} list"),
                         ("使用了 {code}，但其所属的{level} {ancestor} 在{codes}中不存在（该目录的{level}级是完整的）；"
                         "应使用 {year} 年科目目录中的科目")),
    "C103.unchecked": (("{count} codes are not in the partial code lists, so they and their names were not checked "
                       "({rows}): {lists}{rest}. If a code is right, add it with its source to {files} in this budget "
                       "repository"),
                       ("{count} 个科目不在不完整的科目目录中，科目及其名称均未作检查（{rows}）：{lists}{rest}。"
                       "科目如无误，请连同来源添加到本预算仓库的 {files}")),
    "C103.unchecked_one": (("1 code is not in the partial code lists, so it and its name were not checked ({rows}): "
                           "{lists}{rest}. If a code is right, add it with its source to {files} in this budget "
                           "repository"),
                           ("1 个科目不在不完整的科目目录中，该科目及其名称未作检查（{rows}）：{lists}{rest}。"
                           "科目如无误，请连同来源添加到本预算仓库的 {files}")),
    "C103.rows": ("{count} rows", "涉及 {count} 行"),
    "C103.row": ("1 row", "涉及 1 行"),
    "C103.list": ("{codes}: {shown}", "{codes}：{shown}"),
    "C103.more": ("; and {count} more", "；另有 {count} 个"),
    "C103.or": ("{a} or {b}", "{a} 或 {b}"),  # file paths: spaced
    "C104.name_of_other": (("{where}: {name} is the name of {code} in {codes}, not a name of {printed}: the row's code "
                           "or its name is wrong; correct the code to {code} or print the name of {printed}"),
                           ("{where}：{name} 是{codes}中 {code} 的名称，不是 {printed} 的名称：该行的科目编码或名称有误；"
                           "应将编码改为 {code}，或填写 {printed} 的名称")),
    "C104.former_name_of_other": (("{where}: {name} is a former name of {code} (now {current}) in {codes}, not a name "
                                  "of {printed}: the row's code or its name is wrong; correct the code to {code} or "
                                  "print the name of {printed}"),
                                  ("{where}：{name} 是{codes}中 {code} 的曾用名（现名 {current}），不是 {printed} 的名称："
                                  "该行的科目编码或名称有误；应将编码改为 {code}，或填写 {printed} 的名称")),
    "C104.not_official": (("{where}: name {name} is not the official name of {code}; {codes} names it {official}{hint}. "
                          "{write}"), ("{where}：名称 {name} 不是 {code} 的规范名称；{codes}中的名称为 {official}{hint}。"
                          "{write}")),
    "C104.hint_same_characters": (" (the same characters in another order)", "（字相同，顺序不同）"),
    "C104.hint_former_name": (" ({name} is a former name of {code}, now {current})",
                              "（{name} 是 {code} 的曾用名，现名 {current}）"),
    "C104.hint_name_of": (" ({name} is the name of {code})", "（{name} 是 {code} 的名称）"),
    "C105.former_name": (("{where}: {name} is a former name of {code}; the {year} name is {official} ({title}, "
                         "{edition}). {write}"),
                         "{where}：{name} 是 {code} 的曾用名；{year} 年的名称为 {official}（{title}，{edition}）。{write}"),
    "C106.two_names": (("{where}: name {name} ≠ {other}, the name of {code} in {table}; a code has one name: correct "
                       "one of them ({code} is not in the partial {title} list, so neither name was checked against it)"),
                       ("{where}：名称 {name} ≠ {table}中 {code} 的名称 {other}；同一科目只有一个名称，应更正其中之一"
                       "（{code} 不在不完整的{title}目录中，两个名称均未与目录核对）")),
    "C107.row": (("{table} row {code} {name} is a {fund} subject{subject}, but {table} is the {table_fund} table: move "
                 "the row to {target}"), ("{table} {code} {name} 是{fund}科目{subject}，而{table}是{table_fund}表："
                 "应将该行移至{target}")),
    "C107.subject": (" ({level} {code} {name})", "（{level} {code} {name}）"),
    "C107.column": (("{table} row {code} {name} has {value} in the {column_fund} column, but it is a {fund} subject: "
                    "move the amount to the {fund} column"),
                    "{table} {code} {name} 在{column_fund}列填有 {value}，但它是{fund}科目：应将金额移至{fund}列"),
    "C108.pair": ("on the {side} side the 对照表 pairs {code} with {expected}; write gov_code {gov}",
                  "对照表{side}一侧中 {code} 对应 {expected}；gov_code 应填 {gov}"),
    "C108.class_pair": (("on the {side} side the 对照表 pairs 类 {class_code} with {expected}, so the 政府 code is one "
                        "of its 款{choice}, not {gov}"),
                        ("对照表{side}一侧中类 {class_code} 对应 {expected}，政府经济分类科目应为其下的款{choice}，"
                        "而不是 {gov}")),
    "C108.choices": (" ({items})", "（{items}）"),
    "C108.foreign_class": (("{gov} is in 类 {class_code}, which the {side} side of the 对照表 does not use ({units} map "
                           "into {classes})"), ("{gov} 属于类 {class_code}，对照表{side}一侧不使用该类"
                           "（{units}对应 {classes}）")),
    "C108.unit_kind": ("unit {unit} is a {kind}", "单位 {unit} 是{kind}"),
    "C108.department_kinds": ("the department's units are {kinds}", "本部门的单位为{kinds}"),
    "C108.pair_row": ("{table} row {code} {name} → 政府 {gov} {gov_name}", "{table} {code} {name} → 政府 {gov} {gov_name}"),
    "C108.broken": ("{pair} does not follow the {table}: {who}; {broken}", "{pair} 不符合{table}：{who}；{broken}"),
    "C118.staff_unknown": (("{pair} does not follow the {table} for the unit's kind: {who}; {broken}. Unknown: whether "
                           "the row pays {staff}, for whom the {other} side fits; the file gives only the unit's kind. "
                           "If it does not, the pair is wrong (an error): write the gov_code of the {sides} side"),
                           ("{pair} 按单位类型不符合{table}：{who}；{broken}。未知：该行是否支付{staff}，若是则适用"
                           "{other}一侧；文件只给出单位类型。若否，则该对应关系有误（应为错误）：应填写{sides}一侧的 gov_code")),
    "C118.staff_organ": ("机关 staff (公务员, 参公)", "机关人员（公务员、参公人员）"),
    "C118.staff_institution": ("事业编制 staff", "事业编制人员"),
    "C109.column": (("{table} row {code} {name} has {value} in {column}, but {class_name} is {right}: move the amount "
                    "to the {right} column ({column_key})"),
                    "{table} {code} {name} 在{column}列填有 {value}，但{class_name}属于{right}：应将金额移至{right}列（{column_key}）"),
    "C110.row_missing": (("{table} {item} is {value}, but {economic} has no row {codes}: the item is spent under that "
                         "economic code; add the row to {economic} or correct {table}"),
                         ("{table} {item} 为 {value}，但{economic}没有 {codes} 行：该项支出应列在这一经济分类科目下；"
                         "应在{economic}中补列该行，或更正{table}")),
    "C111.prefix": (("{where}: unit code {unit} does not start with the department code {code}; a budget unit's code "
                    "is the department code followed by the unit's own digits (e.g. {code}001): correct the unit code "
                    "or department.code"), ("{where}：单位编码 {unit} 不以部门编码 {code} 开头；预算单位编码由部门编码"
                    "加本单位序号组成（如 {code}001）：应更正单位编码或 department.code")),
    "C111.unit_row": ("{table} unit row", "{table} 单位行"),
    "C111.row": ("{table} row {name}", "{table} {name}"),
    "C111.row_unnamed": ("{table} row", "{table} 中的一行"),
    "C112.region": (("{table} project {code} {name} does not start with the region code {region} {region_name}: "
                    "project codes of the project library begin with the region code; check the code in the project "
                    "library"), ("{table} 项目 {code} {name} 不以行政区划代码 {region} {region_name} 开头：项目库的项目"
                    "编码以行政区划代码开头；请在项目库中核对编码")),
    "C113.twice": (("{table} project code {code} is used twice: by {first} and by {second}; each project has its own "
                   "code: correct one of them"),
                   "{table} 项目编码 {code} 重复使用：{first} 和 {second}；每个项目应有各自的编码：应更正其中之一"),
    "C114.project": ("{table} project {code} {name}", "{table} 项目 {code} {name}"),
    "C114.no_targets": (("{project} has no performance targets; every project needs at least one indicator of each kind "
                        "({kinds}): add the project's approved targets (绩效目标申报表)"),
                        ("{project} 没有绩效目标；每个项目的每类指标（{kinds}）至少应有一项：应补列该项目经批准的绩效目标"
                        "（绩效目标申报表）")),
    "C114.missing_kinds": (("{project} has no {missing}; every project needs at least one indicator of each kind "
                           "({kinds}): add the missing indicators"),
                           "{project} 没有{missing}；每个项目的每类指标（{kinds}）至少应有一项：应补列缺少的指标"),
    "C115.claim": (("{table} claims {name} {value}, but only {with_targets} of {count} projects have targets in "
                   "{performance} ({rate}%); without targets: {missing}. Publish their targets or correct the claim"),
                   ("{table} 填报{name} {value}，但{performance}的 {count} 个项目中只有 {with_targets} 个有绩效目标"
                   "（{rate}%）；没有绩效目标的项目：{missing}。应公开这些项目的绩效目标，或更正该指标值")),
    # ---- across tables (rules/crosstable.py)
    "crosstable.class_rows": ("{table} rows of 类 {code}", "{table} 类 {code} 各行"),  # A301, A304
    "A301.no_class_row": ("{table} has no row for 类 {code}, but {other} spends {amount} under it",
                          "{table} 没有类 {code} 的行，但 {other} 在该类下支出 {amount}"),
    # Rules whose sentence names both tables by their labels: the sentence of tables.mismatch, one entry per rule.
    "A302.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A305.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A310.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
    "A313.sum": ("{what} {stated} ≠ {other} {computed} (diff {diff}{note})",
                 "{what} {stated} ≠ {other} {computed}（差额 {diff}{note}）"),
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
    "A314.plus": ("{left} + {right}", "{left} + {right}"),  # figures added up, each phrase in its language
    "A314.at_most": (" (it may be at most {other})", "（不得大于 {other}）"),
    "A314.at_least": (" (it must be at least {other})", "（不得小于 {other}）"),
    # ---- completeness and wording (rules/text.py)
    "T101.table": (("{label} {title} is missing: the {layout} layout requires it; publish it, empty with a note if "
                   "there is nothing to show (`{table_key}:`)"),
                   "缺少{label} {title}：{layout} 版式要求公开此表；没有数据也应公开空表并附说明（`{table_key}:`）"),
    "T101.part": ("{title}{what} is missing: the layout requires it", "缺少{title}{what}：版式要求公开此部分"),
    "T101.overview_fields": (" ({fields}: `duties` and `composition`)", "（{fields}：`duties` 和 `composition`）"),
    "T104.unknown": (("{error}; the file is checked and rendered as {default}. Add the layout to the repository's "
                     "layouts/ folder, or fix the name"),
                     "{error}；本文件按 {default} 版式检查和生成。请将该版式加入仓库的 layouts/ 文件夹，或更正名称"),
    "T102.no_note": ("{table} has no figures and no `note` saying why; add a note such as 备注：本部门无此项支出，故此表无数据。",
                     "{table} 没有数据，也没有说明原因的 `note`；应加备注，如：备注：本部门无此项支出，故此表无数据。"),
    "T103.missing": (("情况说明 「{title}」 does not mention {name}: the three items must each be stated, with their change "
                     "on the previous year"), "情况说明「{title}」未提及{name}：三项经费均应分别说明，并说明与上年相比的增减变化"),
    "T103.no_comparison": (("情况说明 「{title}」 states {name} without comparing it with the previous year (e.g. "
                           "预算数与上年相比保持一致)"),
                           "情况说明「{title}」说明了{name}，但未与上年比较（如：预算数与上年相比保持一致）"),
    "T201.header": ("{table} prints 部门名称 「{printed}」, but the department is 「{name}」",
                    "{table} 的部门名称为「{printed}」，但部门全称是「{name}」"),
    "T201.unit": ("{table} unit {code} is printed 「{printed}」, but the department is 「{name}」",
                  "{table} 单位 {code} 印为「{printed}」，但部门全称是「{name}」"),
    "T201.narrative": ("情况说明 names the department 「{printed}」, but its name is 「{name}」",
                       "情况说明称部门为「{printed}」，但部门全称是「{name}」"),
    "T202.unknown_unit": ("{table} has a row for unit {code}, which is not among the department's units ({units})",
                          "{table} 有单位 {code} 的行，但该单位不在本部门的单位之列（{units}）"),
    "T202.unit_name": ("{table} prints unit {code} as 「{printed}」, but the unit is 「{name}」",
                       "{table} 将单位 {code} 印为「{printed}」，但该单位名称是「{name}」"),
    "T202.project_unit": ("{table} project {name} belongs to unit {code}, which is not among the department's units",
                          "{table} 项目 {name} 属于单位 {code}，但该单位不在本部门的单位之列"),
    "T203.performance": ("{performance} names project {code} 「{name}」, but {projects} names it 「{listed}」",
                         "{performance} 中项目 {code} 名为「{name}」，但{projects}中名为「{listed}」"),
    "T203.narrative": ("情况说明 names project 「{mentioned}」, which is not in {projects}; did it mean 「{closest}」?",
                       "情况说明提到的项目「{mentioned}」不在{projects}中；是否应为「{closest}」？"),
    "T301.year": (("情况说明 compares with {year}年, but the budget is for {fiscal_year}: the comparison year is "
                  "{previous}"), "情况说明与 {year}年比较，但本预算为 {fiscal_year} 年度：比较年份应为 {previous} 年"),
    "T302.future": ("{table} project 「{name}」 is labelled {year}年, after the fiscal year {fiscal_year}",
                    "{table} 项目「{name}」标为 {year}年，晚于预算年度 {fiscal_year} 年"),
    "T303.file_name": (("the file is named {file}, but its fiscal_year is {year}: name it {expected} (or correct "
                       "fiscal_year); budgets are listed and compared with the year before by their file names"),
                       ("文件名为 {file}，但其 fiscal_year 为 {year}：应命名为 {expected}（或更正 fiscal_year）；"
                       "预算按文件名列示，并按文件名与上年比较")),
    "T401.no_unit": ("情况说明 states {value} without a unit: write {value}{unit}",
                     "情况说明中的 {value} 没有单位：应写为 {value}{unit}"),
    "T402.magnitude": (("情况说明 states {subject} {value}{unit}, but {source} is {expected}{table_unit}: the unit looks "
                       "wrong — write {value}{fix}"),
                       "情况说明称{subject} {value}{unit}，但{source}为 {expected}{table_unit}：单位似有误，应写为 {value}{fix}"),
    "T501.repeated": ("情况说明 repeats 「{word}」: 「{text}」", "情况说明重复了「{word}」：「{text}」"),
    "T502.no_reason": (("情况说明 「{title}」 states a change of {subject} ({value}{unit}) without its reason; add "
                       "主要原因：……"), "情况说明「{title}」说明了{subject}的增减（{value}{unit}），但未说明原因；应补充：主要原因：……"),
    "T504.lookalike": (("「{name}」 contains {characters}: it looks like a character of the name but is another one, so "
                       "the name matches nothing; {fix}"),
                       "「{name}」含有{characters}：看似名称中的字，实为另一字符，因此该名称无法匹配；{fix}"),
    "T504.radical": ("{character} (U+{code}, a CJK radical){instead}", "{character}（U+{code}，CJK 部首{instead}）"),
    "T504.compatibility": ("{character} (U+{code}, a CJK compatibility ideograph){instead}",
                           "{character}（U+{code}，CJK 兼容汉字{instead}）"),
    "T504.meant": (" where {character} (U+{code}) is meant", "；应为 {character} U+{code}"),
    "T504.retype": ("retype it", "请重新输入该名称"),
    "T504.write": ("write 「{name}」", "应写为「{name}」"),
    "T601.differs": ("情况说明 states {subject} {value}{unit}, but {table} {name} is {expected}{table_unit} (diff {diff})",
                     "情况说明称{subject} {value}{unit}，但{table} {name} 为 {expected}{table_unit}（差额 {diff}）"),
    "T603.total": ("{where}: {subject} {value} ≠ its parts {listed} = {sum} (diff {diff})",
                   "{where}：{subject} {value} ≠ 其中各项 {listed} = {sum}（差额 {diff}）"),
    "T603.explained": ("{where}: {subject} {value} ≠ its breakdown in parentheses {listed} = {sum} (diff {diff})",
                       "{where}：{subject} {value} ≠ 括号中的明细 {listed} = {sum}（差额 {diff}）"),
    # ---- narrative and execution (rules/narrative.py, rules/execution.py, narrative.py)
    # rules/narrative.py: figures stated in the 情况说明; {where} is 情况说明 「title」, the section as printed
    "A401.amount": ("{where} states {subject} {value}{unit}, but {source} is {expected}{file_unit} (diff {diff})",
                    "{where}所述{subject} {value}{unit}，而{source}为 {expected}{file_unit}（差额 {diff}）"),
    "A401.repeated": (("{where} states {clause} {value}{unit}, but {first_where} states {first_clause} "
                       "{first_value}{first_unit}"),
                      "{where}所述{clause} {value}{unit}，而{first_where}所述{first_clause}为 {first_value}{first_unit}"),
    "A402.zero_whole": ("{where} states a share of {value}% of a whole of 0.00; a share of nothing is not a percentage",
                        "{where}称占 {value}%，而总数为 0.00；总数为零无占比可言"),
    "A402.share": ("{where} states 占 {value}%, but {part} / {whole} = {exact}% → {computed}% (diff {diff} points){cause}",
                   "{where}所述占 {value}%，而 {part} / {whole} = {exact}% → {computed}%（相差 {diff} 个百分点）{cause}"),
    "A402.wrong_whole": ("; {value}% is its share of {name}: the wrong whole", "；{value}% 是它占 {name} 的比例，整体用错了"),
    "A403.unchanged_with_change": (("{where} states {subject} unchanged on last year (持平) with a change of "
                                    "{value}{unit}; no change is 0"),
                                   "{where}称{subject}与上年持平，却写变动 {value}{unit}；持平即变动为 0"),
    "A403.change": ("{where} states {subject} {claim}, but {source} = {actual} (diff {diff})",
                    "{where}所述{subject}{claim}，而{source} = {actual}（差额 {diff}）"),
    "A403.parts": (("{where} states a change of {subject} of {stated}{unit}, but the changes it states of its parts "
                    "add up to {listed} = {total} (diff {diff})"),
                   "{where}所述{subject}变动 {stated}{unit}，而所述各组成部分的变动之和为 {listed} = {total}（差额 {diff}）"),
    "A403.from_file": ("{year} {source} (from the {year} file)", "{year}年 {source}（取自 {year} 年的文件）"),
    "A403.stated": ("the stated {subject}", "文中所述{subject}"),
    "A403.difference": ("{current_source} {current} − {source} {previous}", "{current_source} {current} − {source} {previous}"),
    "A404.rate": ("{where} states {subject} 增长 {value}%, but {change} / {base} = {computed}% (base {base_source}){cause}",
                  "{where}所述{subject}增长 {value}%，而 {change} / {base} = {computed}%（基数 {base_source}）{cause}"),
    "A404.wrong_base": ("; {value}% is the change ÷ this year's figure {current}: the wrong base",
                        "；{value}% 是变动额 ÷ 本年数 {current}，基数用错了"),
    "A404.implied_base": (("{previous} = {current_source} {current} − change {change}, implied by the text; no "
                           "previous-year file in the repository"),
                          "{previous} = {current_source} {current} − 变动 {change}，由文中推算；仓库中没有上年的文件"),
    "A404.base_from": ("{previous} from {source}", "{previous}，取自{source}"),
    "A405.zero_base": (("{where} states {subject} 增长 {value}%, but last year's figure is 0.00 ({base_source}): a "
                        "growth rate from a zero base is undefined; say the item is new instead"),
                       "{where}所述{subject}增长 {value}%，而上年数为 0.00（{base_source}）：基数为零无增长率可言；应写明为新增项目"),
    "A406.parts": ("{where}: {subject} {value}{unit} ≠ its parts {listed} = {sum} (diff {diff})",
                   "{where}：{subject} {value}{unit} ≠ 其中各项 {listed} = {sum}（差额 {diff}）"),
    "A406.the_whole": ("the whole", "总数"),
    "A407.count": ("{where} states 共{value}个项目, but {table} lists {listed} (diff {diff})",
                   "{where}所述共{value}个项目，而{table}列有 {listed} 个（差额 {diff}）"),
    "A412.amount": (("情况说明 states “{subject}” {amount}, but {table} row {code} {name} is {expected}{unit} "
                     "(diff {diff})"),
                    "情况说明所述“{subject}” {amount}，而{table} {code} {name}为 {expected}{unit}（差额 {diff}）"),
    "A413.rounding": (("情况说明 states “{subject}” {amount}; {table} row {code} is {expected}{unit}, which rounds to "
                       "{correct}{text_unit}"),
                      "情况说明所述“{subject}” {amount}；{table} {code} 为 {expected}{unit}，四舍五入应为 {correct}{text_unit}"),
    "A414.not_a_row": ("情况说明 names the 科目 “{subject}”, which is not a row of the expenditure tables{hint}",
                       "情况说明所列科目“{subject}”不是支出表中的行{hint}"),
    "A414.hint": ("; the tables have {printed}, {table} row {code}", "；表中为 {printed}（{table} {code}）"),
    "A414.former": ("; {name} is the former name of {code} {current}{hint}", "；{name} 是 {code} {current} 的曾用名{hint}"),
    # narrative.py: where a figure a sentence is checked against comes from
    "narrative.not_a_column": ("{table} {column} (not a column of this layout's table)", "{table} {column}（本版式该表无此列）"),
    "narrative.last_year_figure": ("{year} {where} ({file})", "{year}年 {where}（{file}）"),
    "narrative.last_year_budgeted": ("{year} 年初预算 of {subject} ({file})", "{year}年 {subject} 年初预算（{file}）"),
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
    "cli.separator": ("; ", "；"),
    # config.py
    "cli.config.kind_table": ("a table", "表"),
    "cli.config.kind_list": ("a list", "列表"),
    "cli.config.kind_string": ("a string", "字符串"),
    "cli.config.kind_boolean": ("a boolean", "布尔值"),
    "cli.config.kind_number": ("a number", "数字"),
    "cli.config.kind_other": ("a {name}", "{name} 类型的值"),
    "cli.config.tool_not_table": ("{path}: `tool` must be a table ([tool.budgetlint]), not {kind}",
                                  "{path}：`tool` 必须是表（[tool.budgetlint]），而不是{kind}"),
    "cli.config.budgetlint_not_table": (("{path}: `tool.budgetlint` must be a table ([tool.budgetlint]), not "
                                         "{kind}"),
                                        "{path}：`tool.budgetlint` 必须是表（[tool.budgetlint]），而不是{kind}"),
    "cli.config.unreadable": ("{path}: cannot read configuration: {error}", "{path}：无法读取配置：{error}"),
    "cli.config.disable_not_list": ("{path}: `disable` must be a list of rule IDs, e.g. disable = [\"A309\"]",
                                    "{path}：`disable` 必须是规则编号的列表，例如 disable = [\"A309\"]"),
    "cli.config.severity_not_table": (("{path}: `[severity]` must be a table of rule IDs, e.g. A306 = "
                                       "\"warning\", not {kind}"),
                                      "{path}：`[severity]` 必须是以规则编号为键的表，例如 A306 = \"warning\"，而不是{kind}"),
    "cli.config.unknown_rule": ("{path}: unknown rule `{rule}` (see `budgetlint rules`)",
                                "{path}：未知的规则 `{rule}`（见 `budgetlint rules`）"),
    "cli.config.bad_severity": ("{path}: severity of {rule} must be one of {severities}",
                                "{path}：{rule} 的级别必须是以下之一：{severities}"),
    "cli.config.cannot_disable": (("{path}: {rule} cannot be disabled: it is {why}, which no file may pass "
                                   "with"),
                                  "{path}：{rule} 不能停用：它属于{why}，任何文件都不得带着它通过"),
    "cli.config.cannot_lower": (("{path}: {rule} cannot be lowered to a warning: it is {why}, which no file "
                                 "may pass with"),
                                "{path}：{rule} 不能降为警告：它属于{why}，任何文件都不得带着它通过"),
    "cli.config.layouts_not_text": ("{path}: `layouts` must be a folder name, e.g. layouts = \"layouts\"",
                                    "{path}：`layouts` 必须是文件夹名，例如 layouts = \"layouts\""),
    "cli.config.layouts_not_folder": (("{path}: `layouts` names {layouts}, which is not a folder beside the "
                                       "configuration"),
                                      "{path}：`layouts` 指定的 {layouts} 不是配置文件旁的文件夹"),
    "cli.config.bad_share": (("{path}: `{setting}` must be a share in per cent written as text, e.g. {setting} = "
                              "\"5%\""),
                             "{path}：`{setting}` 必须是写成文本的百分比，例如 {setting} = \"5%\""),
    # gitools.py: textconv and init
    "cli.textconv.not_regular": (("{file} is not a regular file (a pipe or a device): textconv reads budget "
                                  "files"),
                                 "{file} 不是普通文件（而是管道或设备）：textconv 只读取预算文件"),
    "cli.init.rev_without_repo": (("--hook-rev is a revision of --hook-repo: give --hook-repo too. Nothing "
                                   "was written."),
                                  "--hook-rev 是 --hook-repo 的修订版本：请同时给出 --hook-repo。未写入任何文件。"),
    "cli.init.install_not_one_line": (("--install {install} is not a pip requirement on one line. Nothing "
                                       "was written."),
                                      "--install {install} 不是一行的 pip 安装要求。未写入任何文件。"),
    "cli.init.git_missing": ("git is not installed", "未安装 git"),
    "cli.init.repo_not_git": ("--hook-repo {repo} is not a git repository ({why}). Nothing was written.",
                              "--hook-repo {repo} 不是 git 仓库（{why}）。未写入任何文件。"),
    "cli.init.repo_unreachable": (("cannot reach --hook-repo {repo} ({why}), so its current commit is "
                                   "unknown: give --hook-rev with a tag or commit of it. Nothing was "
                                   "written."),
                                  ("无法访问 --hook-repo {repo}（{why}），不知道它当前的提交：请用 --hook-rev "
                                   "给出它的一个标签或提交。未写入任何文件。")),
    "cli.init.rev_not_verified": ("note: could not reach {repo} ({why}): --hook-rev {rev} was not verified",
                                  "注意：无法访问 {repo}（{why}）：--hook-rev {rev} 未经核实"),
    "cli.init.repo_no_head": (("--hook-repo {repo} has no HEAD (no commit yet?): give --hook-rev. Nothing "
                               "was written."),
                              "--hook-repo {repo} 没有 HEAD（尚无提交？）：请给出 --hook-rev。未写入任何文件。"),
    "cli.init.hook_at_head": (("hook     {where} at {head} (its HEAD now; --hook-rev chooses another tag or "
                               "commit)"),
                              "钩子     {where}，提交 {head}（它当前的 HEAD；可用 --hook-rev 选择其他标签或提交）"),
    "cli.init.its_tags": (" (its tags: {tags})", "（它的标签：{tags}）"),
    "cli.init.no_tags": (" (it has no tags)", "（它没有标签）"),
    "cli.init.unknown_rev": (("--hook-rev {rev} is not a tag, branch or commit of {repo}{known}. Nothing was "
                              "written."),
                             "--hook-rev {rev} 不是 {repo} 的标签、分支或提交{known}。未写入任何文件。"),
    "cli.init.installed_here": (("note: the CI workflow and README.md install budgetlint from {path}, on "
                                 "this computer; for CI elsewhere, run init with --install (a wheel's URL, "
                                 "or budgetlint @ git+URL@REV) or --hook-repo"),
                                ("注意：CI 工作流和 README.md 从本机的 {path} 安装 budgetlint；要在别处运行 CI，请带 "
                                 "--install（wheel 的网址，或 budgetlint @ git+URL@REV）或 --hook-repo 运行 init")),
    "cli.init.origin_unknown": (("cannot tell where this budgetlint was installed from, and `pip install "
                                 "budgetlint` would fail (it is not on PyPI): give --install (a path, a "
                                 "wheel, or budgetlint @ git+URL@REV) or --hook-repo URL. Nothing was "
                                 "written."),
                                ("无法判断此 budgetlint 从何处安装，而 `pip install budgetlint` 会失败（它不在 PyPI 上）：请给出 "
                                 "--install（路径、wheel，或 budgetlint @ git+URL@REV）或 --hook-repo URL。未写入任何文件。")),
    "cli.init.cannot_look": ("cannot look at {path}: {error}. Nothing was written.",
                             "无法查看 {path}：{error}。未写入任何文件。"),
    "cli.init.parent_is_link": ("{path} is a symbolic link (init never writes through a link)",
                                "{path} 是符号链接（init 从不经由链接写入）"),
    "cli.init.parent_not_folder": ("{path} is not a folder", "{path} 不是文件夹"),
    "cli.init.base_not_folder": (("{base} is not a folder: cannot create the repository in {folder}. Nothing "
                                  "was written."),
                                 "{base} 不是文件夹：无法在 {folder} 中创建仓库。未写入任何文件。"),
    "cli.init.target_is_folder": ("{path} is a folder, where init writes a file",
                                  "{path} 是文件夹，而 init 要在此处写入文件"),
    "cli.init.target_is_link": (("{path} is a symbolic link (init never writes through a link); remove it, "
                                 "or use --skip-existing to keep it"),
                                "{path} 是符号链接（init 从不经由链接写入）；请删除它，或用 --skip-existing 保留它"),
    "cli.init.target_not_file": ("{path} is not a regular file; remove it, or use --skip-existing to keep it",
                                 "{path} 不是普通文件；请删除它，或用 --skip-existing 保留它"),
    "cli.init.file_not_writable": ("cannot write {path}: permission denied", "无法写入 {path}：没有权限"),
    "cli.init.folder_not_writable": ("cannot write in {path}: permission denied", "无法在 {path} 中写入：没有权限"),
    "cli.init.problems": ("{problems}. Nothing was written.", "{problems}。未写入任何文件。"),
    "cli.init.files_exist": (("{count} file(s) already exist in {folder}: {files}. Nothing was written. Use "
                              "--skip-existing to keep them and write the others, or --force to overwrite "
                              "them."),
                             ("{folder} 中已有 {count} 个文件：{files}。未写入任何文件。可用 --skip-existing 保留它们并写入其余文件，或用 "
                              "--force 覆盖它们。")),
    "cli.init.nothing": ("nothing", "无"),
    "cli.init.write_failed": ("cannot write {path}: {error} (written before: {written})",
                              "无法写入 {path}：{error}（此前已写入：{written}）"),
    "cli.init.no_git": ("git is not installed: run `git init` in this folder when it is",
                        "未安装 git：安装后请在此文件夹中运行 `git init`"),
    "cli.init.git_init_failed": ("git init failed: {reason}", "git init 失败：{reason}"),
    "cli.init.git_not_found": ("git not found", "找不到 git"),
    "cli.init.inside_repository": (("note: {folder} is inside the git repository {top}; pre-commit and "
                                    ".gitattributes are read from the top folder of a repository"),
                                   "注意：{folder} 位于 git 仓库 {top} 之内；pre-commit 和 .gitattributes 从仓库的顶层文件夹读取"),
    "cli.init.force_and_skip": ("--force and --skip-existing contradict each other; choose one",
                                "--force 与 --skip-existing 相互矛盾；请选择其一"),
    "cli.init.next": ("next: pip install pre-commit && pre-commit install   (then every commit is checked)",
                      "下一步：pip install pre-commit && pre-commit install   （此后每次提交都会检查）"),
    # shared by several commands
    "cli.cannot_read": ("cannot read {path}: {error}", "无法读取 {path}：{error}"),
    "cli.cannot_write": ("cannot write {path}: {error}", "无法写入 {path}：{error}"),
    # fill.py
    "cli.fill.way": ("{amount} by {rule} from {parts}{more}", "按 {rule} 由 {parts}{more} 得 {amount}"),
    "cli.fill.two_ways": (("{figure} ({path}) is derived two ways that disagree: {ways}. Correct the figures "
                           "it is made of; fill does not choose."),
                          "{figure}（{path}）有两种推算结果，二者不一致：{ways}。请更正构成它的数字；fill 不作取舍。"),
    "cli.fill.loop": (("the layout's sums form a loop through {path}: a figure would be part of itself; fix "
                       "the layout's column_sums or identities"),
                      "版式的求和关系经过 {path} 形成循环：一个数字会成为它自身的组成部分；请修改版式的 column_sums 或 identities"),
    "cli.fill.round_trip": ("{file} cannot be rewritten keeping its comments and layout ({error})",
                            "{file} 无法在保留注释和格式的前提下改写（{error}）"),
    "cli.fill.formatting": (("{file}: a figure is written in a form fill does not edit in place (such as a "
                             "key without `:`, `{{total, basic: …}}`), and rewriting the file would change more "
                             "than its figures (its formatting at line {line} would change); write the figure "
                             "as `key: value`, or fill it by hand"),
                            "{file}：有数字的写法 fill 无法原位修改（例如没有 `:` 的键 `{{total, basic: …}}`），而改写整个文件会改动数字以外的内容（第 {line} 行的格式会改变）；请把该数字写成 `键: 值`，或手工填写"),
    "cli.fill.unreadable": ("{file} cannot be read as written, so it is not filled:\n{problems}",
                            "{file} 无法按所写内容读取，因此未填写：\n{problems}"),
    "cli.fill.layout": (("{file}: its layout `{name}` cannot be used ({error}), so the derived figures are "
                         "not known"),
                        "{file}：其版式 `{name}` 无法使用（{error}），因此无从得知推算的数字"),
    "cli.fill.more": ("\n  … and {count} more", "\n  … 另有 {count} 条"),
    "cli.fill.schema": (("{file} does not pass its layout's schema, so it is not filled (`budgetlint check "
                         "{file}` lists every finding):\n{lines}{more}"),
                        "{file} 未通过其版式的 schema 检查，因此未填写（`budgetlint check {file}` 列出全部问题）：\n{lines}{more}"),
    "cli.fill.changed": ("{file} changed while it was read; run fill again", "{file} 在读取期间被修改；请重新运行 fill"),
    "cli.fill.line_endings": ("{file} mixes line endings (CRLF and LF); writing it would change them all",
                              "{file} 混用了换行符（CRLF 和 LF）；写入会把它们全部改成一种"),
    "cli.fill.read_back": (("{file}: the filled file would not read back as intended, so it is not written. "
                            "Please report this with the file."),
                           "{file}：填写后的文件不能按预期读回，因此未写入。请连同该文件报告此问题。"),
    "cli.fill.blank": ("(blank)", "（空）"),
    "cli.fill.internal": (("cannot fill {path} ({error}); the file is unchanged. Please report this with the "
                           "file."),
                          "无法填写 {path}（{error}）；文件未改动。请连同该文件报告此问题。"),
    "cli.fill.all_right": ("{file}: every derived figure is right", "{file}：所有推算的数字都正确"),
    "cli.fill.would_change": ("{file}: {count} figure{s} would change", "{file}：将修改 {count} 个数字"),
    "cli.fill.written": ("{file}: {count} figure{s} written", "{file}：已写入 {count} 个数字"),
    # diff.py, diff_format.py
    "cli.diff.too_large": (("{spec} is {size}, larger than the {limit} MiB a budget file may be (a real one "
                            "is under 1 MiB; `budgetlint check` refuses it too)"),
                           "{spec} 有 {size}，超过预算文件上限 {limit} MiB（真实的预算文件不到 1 MiB；`budgetlint check` 也会拒绝它）"),
    "cli.diff.more_than": ("more than {mib} MiB", "超过 {mib} MiB"),
    "cli.diff.dash": (("{spec} starts with `-`: git would read it as an option, not as a revision; write the "
                       "revision without the dash (e.g. HEAD~1:path)"),
                      "{spec} 以 `-` 开头：git 会把它当作选项而不是修订版本；请写不带短横线的修订版本（例如 HEAD~1:path）"),
    "cli.diff.no_such_file": (("no such file: {spec} (to compare a git revision, write REV:path, e.g. "
                               "HEAD~1:{spec})"),
                              "没有这个文件：{spec}（要比较 git 修订版本，请写成 REV:path，例如 HEAD~1:{spec}）"),
    "cli.diff.no_git": ("cannot read {spec}: git is not installed (or not on PATH)",
                        "无法读取 {spec}：未安装 git（或不在 PATH 中）"),
    "cli.diff.git_show_failed": ("git show exited with {code}", "git show 的退出码为 {code}"),
    "cli.diff.git_unreadable": ("cannot read {spec} from git: {reason}", "无法从 git 读取 {spec}：{reason}"),
    "cli.diff.first_problem": (" (line {line}: {rule} {message})", "（第 {line} 行：{rule} {message}）"),
    "cli.diff.not_loadable": ("{source} cannot be read as a budget file{where}; `budgetlint check` says more",
                              "{source} 不能作为预算文件读取{where}；详见 `budgetlint check`"),
    "cli.diff.not_mapping": ("{source} is not a budget file: a budget file is a YAML mapping",
                             "{source} 不是预算文件：预算文件是一个 YAML 映射"),
    "cli.diff.a_unit": ("a unit such as 万元 or 元", "万元或元这样的金额单位"),
    "cli.diff.tables_by_key": ("a mapping of tables by key", "以表的键为键的映射"),
    "cli.diff.a_mapping": ("a mapping", "映射"),
    "cli.diff.a_list": ("a list", "列表"),
    "cli.diff.wrong_type": (("{source}, line {line}: `{path}` must be {what}, not {kind}; `budgetlint check "
                             "{source}` says more"),
                            "{source} 第 {line} 行：`{path}` 必须是{what}，而不是{kind}；详见 `budgetlint check {source}`"),
    "cli.diff.internal": (("cannot compare {old} and {new} ({error}); `budgetlint check` on each may say "
                           "what is wrong with them. Please report this with the files."),
                          "无法比较 {old} 和 {new}（{error}）；对两者分别运行 `budgetlint check` 或可查明问题。请连同这些文件报告此问题。"),
    # coverage.py: budgetlint narrative
    "cli.narrative.unreadable": ("cannot read {file} as a budget file; `budgetlint check {file}` says why",
                                 "无法把 {file} 作为预算文件读取；原因见 `budgetlint check {file}`"),
    "cli.narrative.internal": (("budgetlint narrative could not read {file} ({error}); please report this "
                                "with the file"),
                               "budgetlint narrative 无法读取 {file}（{error}）；请连同该文件报告此问题"),
    "cli.narrative.threshold": ("; {count} threshold (…以上/以下) states no amount", "；{count} 处界限（…以上/以下）未写明金额"),
    "cli.narrative.thresholds": ("; {count} thresholds (…以上/以下) state no amount", "；{count} 处界限（…以上/以下）未写明金额"),
    "cli.narrative.summary": (("{figures} figures in the narrative, {checked} of {counted} checked "
                               "({share}){by_kind}{note}"),
                              "情况说明中共有 {figures} 个数字，{counted} 个中已核对 {checked} 个（{share}）{by_kind}{note}"),
    "cli.narrative.amounts": (": amounts and percentages {checked} of {figures} ({share})",
                              "：金额和百分比 {figures} 个中已核对 {checked} 个（{share}）"),
    "cli.narrative.counts": ("counts {checked} of {figures} ({share})", "数量 {figures} 个中已核对 {checked} 个（{share}）"),
    # coverage.py: each figure's line of `budgetlint narrative` (the JSON keeps the English: a Message is its
    # English text). {against}/{reason}: what a figure is checked against, or why not; names, codes and table
    # labels in them are the file's and the layout's, as printed.
    "cli.narrative.line": ("{file}:{line}: {figure} ({kind}) — {check}", "{file}:{line}: {figure}（{kind}）— {check}"),
    "cli.narrative.checked": ("{rule} against {against}", "{rule} 核对：{against}"),
    "cli.narrative.kind_amount": ("amount", "金额"),
    "cli.narrative.kind_percentage": ("percentage", "百分比"),
    "cli.narrative.kind_count": ("count", "数量"),
    "cli.narrative.kind_share": ("share", "占比"),
    "cli.narrative.kind_change": ("change", "增减额"),
    "cli.narrative.kind_rate": ("rate", "增减率"),
    "cli.narrative.kind_budgeted": ("budgeted", "年初预算"),
    "cli.narrative.kind_final": ("final", "支出决算"),
    "cli.narrative.kind_execution_rate": ("execution rate", "预算完成率"),
    "cli.narrative.kind_subject_amount": ("科目 amount", "科目金额"),
    "cli.narrative.kind_threshold": ("threshold", "界限"),
    "cli.narrative.figure": ("{label} {value}{unit}", "{label} {value}{unit}"),
    "cli.narrative.row": ("{table} row {code} {name}", "{table} {code} {name}"),
    "cli.narrative.and": ("{a} and {b}", "{a}和{b}"),
    "cli.narrative.no_word": ("not checked: no 占 (share) or 增加/增长 (change) word, or no subject, before it",
                              "未核对：其前没有“占”（占比）或“增加/增长”（增减）一类的词，或没有事项名称"),
    "cli.narrative.no_table_figure": ("not checked: no table figure of {subject} is known",
                                      "未核对：不知道表中哪个数字是{subject}"),
    "cli.narrative.unit_more_or_less": ("not checked: {label} {value} allows a unit more or less",
                                        "未核对：对照{label} {value}，末位多一或少一也相符"),
    "cli.narrative.budget_of_zero": ("not checked: a rate of a budget of 0.00 is not a percentage",
                                     "未核对：年初预算为 0.00，完成率不成其为百分比"),
    "cli.narrative.final_over_budgeted": ("支出决算 ÷ 年初预算", "支出决算 ÷ 年初预算"),
    "cli.narrative.rate_interval": (("not checked: {final} ÷ {budgeted}, each rounded, allow {low}% to {high}%, so a "
                                     "rate a unit more or less passes too"),
                                    "未核对：{final} ÷ {budgeted} 各经四舍五入，可得 {low}% 至 {high}%，完成率末位多一或少一也相符"),
    "cli.narrative.budget_beside": ("the {table} 预算数 beside it", "{table} 中与之并列的预算数"),
    "cli.narrative.same_year_budget": ("the {year}年预算's figure of {subject}", "{year}年预算中{subject}的数字"),
    "cli.narrative.items_budgeted": ("the 年初预算 of the items, which add up to the stated total",
                                     "各分项的年初预算，其合计应等于所述总数"),
    "cli.narrative.no_budget": ("not checked: the 预算 of the same year is not in the repository",
                                "未核对：仓库中没有同一年度的预算"),
    "cli.narrative.not_a_row": ("not checked: “{subject}” is not a row of the tables (A414 says so)",
                                "未核对：“{subject}”不是表中的行（A414 会指出）"),
    "cli.narrative.threshold_reason": ("not an amount: a threshold (…以上/以下) that names a class of things, not counted",
                                       "不是金额：界限（…以上/以下）划定的是一类事物，不计入"),
    "cli.narrative.no_whole": ("not checked: the whole it is a share of is not stated (no 其中 before it, no 占…的)",
                               "未核对：没有写明是哪个总数的占比（其前没有“其中”，也没有“占…的”）"),
    "cli.narrative.share_of": ("{part} ÷ {whole} {value}", "{part} ÷ {whole} {value}"),
    "cli.narrative.amount_before": ("the amount before it", "其前的金额"),
    "cli.narrative.the_whole": ("the whole", "总数"),
    "cli.narrative.no_base": ("not checked: neither last year's figure nor this year's amount is known",
                              "未核对：上年数和本年金额都不知道"),
    "cli.narrative.change_over_base": ("the change ÷ last year's figure (from last year's file, else implied by the text)",
                                       "增减额 ÷ 上年数（取自上年的文件，没有时由文中推算）"),
    "cli.narrative.breakdown": ("the counts of its breakdown (其中, or in parentheses), which add up to the whole",
                                "其明细（“其中”之后或括号中）的数量，合计应等于总数"),
    "cli.narrative.count_in_no_table": ("not checked: a count no table holds, and no 其中 list adds it up",
                                        "未核对：没有表列出这个数量，也没有“其中”所列的各项加总为它"),
    "cli.narrative.no_project_table": ("not checked: the layout has no project table", "未核对：版式中没有项目表"),
    "cli.narrative.projects": ("the projects of the project table", "项目表中的项目"),
    "cli.narrative.no_rule": ("not checked: no rule reads a figure of this kind ({kind})",
                              "未核对：没有规则读取这一类数字（{kind}）"),
    "cli.narrative.no_subject": ("not checked: no subject known before it", "未核对：其前没有可辨认的事项名称"),
    "cli.narrative.table_figure_of": ("the table figure of {subject} (budgetlint explain {rule})",
                                      "表中{subject}的数字（见 budgetlint explain {rule}）"),
    "cli.narrative.not_in_file": ("not checked: {description} is not in this file", "未核对：本文件中没有{description}"),
    "cli.narrative.parts": ("the parts listed after 其中, which add up to the whole",
                            "“其中”之后所列的各部分，合计应等于总数"),
    "cli.narrative.stated_again": ("the same item stated again: {clause} {value}{unit}",
                                   "再次陈述的同一事项：{clause} {value}{unit}"),
    "cli.narrative.only_part": (("not checked: the only part listed after 其中: parts add up to a whole only when two "
                                 "or more are listed"),
                                "未核对：“其中”之后只列了这一部分：列有两个或更多部分时才能加总为总数"),
    "cli.narrative.no_change": ("0: a change stated with a word of no change (持平, 一致)",
                                "0：以表示没有变动的词（持平、一致）陈述的变动"),
    "cli.narrative.changes_add_up": ("the changes it states of {whole} = {names}, which add up",
                                     "所述{whole}的变动 = {names}，各项变动相加"),
    "cli.narrative.no_last_year": ("not checked: last year's figure is not known (no file of last year, no 决算 of it)",
                                   "未核对：上年数未知（没有上年的文件，也没有上年的决算）"),
    "cli.narrative.not_last_year": ("not checked: last year's file has no figure of {subject}",
                                    "未核对：上年的文件中没有{subject}的数字"),
    "cli.narrative.its_subject": ("its subject", "所述事项"),
    "cli.narrative.implied_rate": ("its rate {rate}%, with last year's figure implied ({current} − the change)",
                                   "其增减率 {rate}%，上年数由文中推算（{current} − 增减额）"),
    "cli.narrative.rate_allows": (("not checked: its rate {rate}% allows {allowed}{unit} too; last year's figure is "
                                   "not known (no file of last year, no 决算 of it)"),
                                  "未核对：其增减率 {rate}% 也容许 {allowed}{unit}；上年数未知（没有上年的文件，也没有上年的决算）"),
    # layout.py: LayoutError (a Message: T101 puts it into its finding) and TableNotFound
    "cli.layout.extends_itself": ("layout `{name}` extends itself (through {chain})",
                                  "版式 `{name}` 扩展了它自身（经由 {chain}）"),
    "cli.layout.unknown": ("no layout named `{name}` (known: {known})", "没有名为 `{name}` 的版式（已有：{known}）"),
    "cli.layout.extends_not_name": ("`extends` must name a layout", "`extends` 必须是一个版式的名称"),
    "cli.layout.unreadable": ("cannot read layout: {error}", "无法读取版式：{error}"),
    "cli.layout.not_yaml": ("not valid YAML: {problem}", "不是有效的 YAML：{problem}"),
    "cli.layout.not_mapping": ("a layout is a mapping with `name` and `tables`", "版式是含 `name` 和 `tables` 的映射"),
    "cli.layout.narrative_subject": ("narrative subject {phrase}", "说明科目 {phrase}"),
    "cli.layout.bad_sum": ("narrative sum `{text}`: expected `phrase = phrase + phrase …`",
                           "说明求和式 `{text}`：应写作 `phrase = phrase + phrase …`"),
    "cli.layout.identity_not_text": ("identity {number} is not a line of text", "第 {number} 个恒等式不是一行文字"),
    "cli.layout.bad_identity": ("identity `{text}`: expected `figure = figure + …` (or <=, >=)",
                                "恒等式 `{text}`：应写作 `figure = figure + …`（或用 <=、>=）"),
    "cli.layout.not_a_figure": (("identity `{text}`: `{part}` is not a figure (TABLE.SELECTOR.COLUMN or "
                                 "TABLE.FIELD)"),
                                "恒等式 `{text}`：`{part}` 不是一个数字（应为 TABLE.SELECTOR.COLUMN 或 TABLE.FIELD）"),
    "cli.layout.no_argument": ("identity `{text}`: `{name}` takes no argument", "恒等式 `{text}`：`{name}` 不带参数"),
    "cli.layout.brackets": ("identity `{text}`: `{part}`: brackets only after code or revenue",
                            "恒等式 `{text}`：`{part}`：方括号只能跟在 code 或 revenue 之后"),
    "cli.layout.mixed_side": ("identity `{text}`: a side mixes figures by code with single figures",
                              "恒等式 `{text}`：同一侧混用了按科目编码的数字和单个数字"),
    "cli.layout.name_required": (("`name` is required: lower-case letters, digits and hyphens, e.g. "
                                  "shanghai-2025"),
                                 "必须有 `name`：由小写字母、数字和连字符组成，例如 shanghai-2025"),
    "cli.layout.amount_unit": ("`amount_unit` is 元 or 万元", "`amount_unit` 只能是元或万元"),
    "cli.layout.tables_required": ("`tables` is required: a list of the disclosure's tables",
                                   "必须有 `tables`：公开文件各表的列表"),
    "cli.layout.table_not_mapping": ("a table is a mapping with key, number, title and shape",
                                     "表是含 key、number、title 和 shape 的映射"),
    "cli.layout.unknown_table": ("unknown table key `{table}`; known: {known}", "未知的表键 `{table}`；已有：{known}"),
    "cli.layout.table_twice": ("table `{table}` is listed twice", "表 `{table}` 列出了两次"),
    "cli.layout.wrong_shape": ("table `{table}` has the shape {expected}, not `{shape}`",
                               "表 `{table}` 的形式是 {expected}，而不是 `{shape}`"),
    "cli.layout.needs_printed": ("table `{table}` needs `{name}` as printed", "表 `{table}` 须按印制写出 `{name}`"),
    "cli.layout.unknown_column": ("table `{table}`: unknown column `{column}` (docs/format.md lists them)",
                                  "表 `{table}`：未知的列 `{column}`（列名见 docs/format.md）"),
    "cli.layout.column_sum": ("a column sum is {{column: X, parts: [A, B], rule: A1xx}}",
                              "列求和的写法是 {{column: X, parts: [A, B], rule: A1xx}}"),
    "cli.layout.no_column": ("table `{table}` has no column `{name}` (it is not in the table's header)",
                             "表 `{table}` 没有列 `{name}`（表头中没有它）"),
    "cli.layout.identity_no_table": ("identity `{text}`: the layout has no table `{table}`",
                                     "恒等式 `{text}`：版式中没有表 `{table}`"),
    "cli.layout.identity_no_column": ("identity `{text}`: table `{table}` has no column `{column}`",
                                      "恒等式 `{text}`：表 `{table}` 没有列 `{column}`"),
    "cli.layout.sections_not_list": (("`narrative_sections` is a list of {{title: a word of the section "
                                      "title, subjects: …}}"),
                                     "`narrative_sections` 是 {{title: 章节标题中的词, subjects: …}} 的列表"),
    "cli.layout.bad_section": (("a narrative section is {{title: a word of its title, subjects: {{phrase: "
                                "figure}}}}"),
                               "说明章节的写法是 {{title: 标题中的词, subjects: {{phrase: figure}}}}"),
    "cli.layout.subjects_not_mapping": (("narrative subjects map a phrase of the text to a figure, e.g. "
                                         "收入预算: summary.revenue_total"),
                                        "说明科目把文字中的短语对应到一个数字，例如 收入预算: summary.revenue_total"),
    "cli.layout.subject_not_one_figure": ("`{phrase}` must name one figure of a table the layout has",
                                          "`{phrase}` 必须指向版式中某张表的一个数字"),
    "cli.layout.subject_no_column": ("`{phrase}`: table `{table}` has no column `{column}`",
                                     "`{phrase}`：表 `{table}` 没有列 `{column}`"),
    "cli.layout.sum_unknown_phrase": (("narrative sum `{text}`: `{phrase}` is not a phrase of "
                                       "narrative_subjects"),
                                      "说明求和式 `{text}`：`{phrase}` 不是 narrative_subjects 中的短语"),
    "cli.layout.words_not_mapping": ("`narrative_words` maps a role ({roles}) to a list of words",
                                     "`narrative_words` 把一个角色（{roles}）对应到一组词"),
    "cli.layout.unknown_role": ("unknown role `{role}` of narrative_words; known: {known}",
                                "narrative_words 中未知的角色 `{role}`；已有：{known}"),
    "cli.layout.words_not_list": ("narrative_words `{role}` is a list of words",
                                  "narrative_words `{role}` 应是一组词"),
    "cli.layout.file_name": (("the file is named {file} but the layout `{name}`: a budget file finds a "
                              "layout by its file name"),
                             "文件名是 {file}，而版式名是 `{name}`：预算文件按文件名查找版式"),
    "cli.layout.no_table": ("no table `{selector}` in layout {layout}; choose one of: {choices}",
                            "版式 {layout} 中没有表 `{selector}`；可选：{choices}"),
    # render/cli.py, render/pdf.py, render/site.py
    "cli.output_is_input": ("-o {output} is the input file; choose another output file",
                            "-o {output} 就是输入文件；请另选一个输出文件"),
    "cli.render.no_format": (("-o {output}: the name does not say which format to write ({suffixes}); give "
                              "--format {formats}"),
                             "-o {output}：从文件名看不出要写成哪种格式（{suffixes}）；请给出 --format {formats}"),
    "cli.render.pdf_needs_file": ("a PDF is written to a file: add -o disclosure.pdf",
                                  "PDF 只能写入文件：请加上 -o disclosure.pdf"),
    "cli.render.internal": (("cannot render {file} ({error}); `budgetlint check` may say what is wrong with "
                             "it. Please report this with the file."),
                            "无法生成 {file} 的公开文本（{error}）；`budgetlint check` 或可查明问题。请连同该文件报告此问题。"),
    "cli.site.no_folder": ("no such folder: {root}", "没有这个文件夹：{root}"),
    "cli.site.output_inside": ("-o {output} is inside {root}; write the site outside the budgets folder",
                               "-o {output} 位于 {root} 之内；请把网站写到预算文件夹之外"),
    "cli.site.write_failed": ("cannot write the site to {output}: {error}", "无法把网站写入 {output}：{error}"),
    "cli.site.written": ("wrote {pages} pages for {count} budget file{s} to {output}/",
                         "已为 {count} 个预算文件写出 {pages} 个页面，位于 {output}/"),
    "cli.site.sites_page": ("the site's {page}", "网站的 {page}"),
    "cli.site.same_page": (("{path} and {what} would both be written to {page}; rename {name} (budget files "
                            "are <department>/<year>.yaml). Nothing was written."),
                           ("{path} 和 {what} 都会写到 {page}；请给 {name} 改名（预算文件的路径是 "
                            "<department>/<year>.yaml）。未写入任何文件。")),
    "cli.site.page_on_folder": (("{path} would write the page {page} where a folder of pages goes; rename "
                                 "it. Nothing was written."),
                                "{path} 会把页面 {page} 写到一个页面文件夹所在的位置；请给它改名。未写入任何文件。"),
    "cli.site.no_budgets": ("no budget files (*.yaml, *.yml) in {root}; nothing was written",
                            "{root} 中没有预算文件（*.yaml、*.yml）；未写入任何文件"),
    "cli.pdf.no_chromium": (("cannot write {output}: a PDF is printed by headless Chromium ({names}), and "
                             "none is on PATH. Install it (Debian: apt-get install chromium fonts-noto-cjk), "
                             "or write HTML (-o disclosure.html) and print that from a browser."),
                            ("无法写入 {output}：PDF 由无界面的 Chromium（{names}）打印，而 PATH 中一个也没有。请安装（Debian：apt-get "
                             "install chromium fonts-noto-cjk），或写成 HTML（-o disclosure.html）再从浏览器打印。")),
    "cli.pdf.timeout": ("cannot write {output}: {chromium} did not finish printing within {seconds} seconds",
                        "无法写入 {output}：{chromium} 未在 {seconds} 秒内完成打印"),
    "cli.pdf.cannot_run": ("cannot write {output}: cannot run {chromium}: {error}",
                           "无法写入 {output}：无法运行 {chromium}：{error}"),
    "cli.pdf.no_pdf": ("cannot write {output}: {chromium} printed no PDF (exit code {code}){said}",
                       "无法写入 {output}：{chromium} 没有打印出 PDF（退出码 {code}）{said}"),
    "cli.pdf.said": (": {text}", "：{text}"),
    # ---- import and export (importer.py, workbook.py, export.py)
    # importer.py: errors (exit 2), what could not be placed (exit 1), the summary
    "cli.import.not_pdf": ("{path} is not a PDF file (it does not start with %PDF-)",
                           "{path} 不是 PDF 文件（开头不是 %PDF-）"),
    "cli.import.encrypted": (("{path} is encrypted (it needs a password or a method budgetlint cannot open); "
                              "import an unencrypted copy"),
                             "{path} 已加密（需要密码，或加密方式 budgetlint 打不开）；请导入未加密的副本"),
    "cli.import.unreadable_pdf": ("{path} cannot be read as a PDF ({error})", "{path} 无法作为 PDF 读取（{error}）"),
    "cli.import.no_pages": ("{path} has no pages", "{path} 没有页面"),
    "cli.import.no_text": (("{path} has no text layer (a scanned document?): budgetlint import reads the "
                            "text of a PDF and does no OCR"),
                           "{path} 没有文字层（是扫描件？）：budgetlint import 读取 PDF 中的文字，不做文字识别（OCR）"),
    "cli.import.on_page": ("page {page}: {message}", "第 {page} 页：{message}"),
    "cli.import.title_again": ("the title of {table} is printed again; the second one is ignored",
                               "{table} 的标题再次出现；忽略第二个"),
    "cli.import.stray_table": (("a table with {width} columns after {table} ({table_width} columns) belongs "
                                "to no table of the layout: not imported"),
                               "{table}（{table_width} 列）之后有一张 {width} 列的表，不属于版式中的任何表：未导入"),
    "cli.import.stray_row": ("{label}: a row that is neither a header nor a row of the table: {cells}",
                             "{label}：有一行既不是表头也不是表中的行：{cells}"),
    "cli.import.not_a_figure": ("{label}, row {row}: `{text}` under {column} is not a figure: not imported",
                                "{label} 第 {row} 行：{column} 下的 `{text}` 不是数字：未导入"),
    "cli.import.unit_without_code": (("{label}: the unit `{name}` is printed with its code in no table: its "
                                      "code is left out"),
                                     "{label}：单位 `{name}` 在任何表中都没有连同编码印出：其编码空缺"),
    "cli.import.no_header": ("{label}: the layout gives no header for this table: not imported",
                             "{label}：版式没有给出此表的表头：未导入"),
    "cli.import.width": (("{label}: the table prints {printed} columns, the layout's header has {width}: not "
                          "imported"),
                         "{label}：表中印有 {printed} 列，版式的表头有 {width} 列：未导入"),
    "cli.import.header_mismatch": (("{label}: the printed header does not match the layout's columns "
                                    "({columns}): not imported"),
                                   "{label}：印出的表头与版式的列（{columns}）不符：未导入"),
    "cli.import.targets_under_no_row": ("targets under no row", "目标不在任何行之下"),
    "cli.import.second_totals": ("a second 合计 row", "第二个合计行"),
    "cli.import.no_figures": ("no figures", "没有数字"),
    "cli.import.no_code": ("no code", "没有编码"),
    "cli.import.code_cells": ("the code cells {cells} are not a code", "编码单元格 {cells} 不构成编码"),
    "cli.import.line_does_not_fit": (("{label}, row {row}: `{cells}` does not fit the table ({why}): not "
                                      "imported"),
                                     "{label} 第 {row} 行：`{cells}` 与表不符（{why}）：未导入"),
    "cli.import.second_row": ("{label}: a second row of figures in a one-row table: not imported",
                              "{label}：只有一行的表中出现第二行数字：未导入"),
    "cli.import.revenue_not_row": (("{label}, row {row}: 收入 line `{line}` is none of the layout's rows: not "
                                    "imported"),
                                   "{label} 第 {row} 行：收入行 `{line}` 不是版式中的任何一行：未导入"),
    "cli.import.revenue_not_line": (("{label}, row {row}: 收入 line `{line}` is none of the layout's lines: "
                                     "not imported"),
                                    "{label} 第 {row} 行：收入行 `{line}` 不是版式中的任何一行：未导入"),
    "cli.import.expenditure_not_class": (("{label}, row {row}: 支出 line `{line}` is no 类 of the layout: not "
                                          "imported"),
                                         "{label} 第 {row} 行：支出行 `{line}` 不是版式中的类：未导入"),
    "cli.import.no_glossary": ("the glossary's heading is printed nowhere: `glossary` left out",
                               "没有找到名词解释的标题：`glossary` 空缺"),
    "cli.import.bad_glossary_entry": ("glossary entry `{text}…` is not `term：definition`: `glossary` left out",
                                      "名词解释条目 `{text}…` 不是“名词：解释”的形式：`glossary` 空缺"),
    "cli.import.empty_glossary": (("the glossary's heading is printed, but no numbered entry under it: "
                                   "`glossary` left out"),
                                  "印有名词解释的标题，但其下没有编号的条目：`glossary` 空缺"),
    "cli.import.no_year": ("the fiscal year is printed in no table title or heading: `fiscal_year` left out",
                           "表题和标题中都没有印出预算年度：`fiscal_year` 空缺"),
    "cli.import.no_department": (("the department's name is printed on no header line, cover or heading: "
                                  "`department` left out"),
                                 "表头、封面和标题中都没有印出部门名称：`department` 空缺"),
    "cli.import.title_missing": ("{table}: its title ({title}) is printed on no page: not imported",
                                 "{table}：任何一页都没有印出其标题（{title}）：未导入"),
    "cli.import.incomplete": ("{label}: not imported completely", "{label}：未完整导入"),
    "cli.import.no_table_under_title": ("{label}: no table is printed under its title: not imported",
                                        "{label}：标题下没有印出表格：未导入"),
    "cli.import.shape_not_supported": ("{label}: tables of the shape {shape} are not imported yet",
                                       "{label}：暂不能导入 {shape} 形式的表"),
    "cli.import.not_a_form_line": ("{label}, row {row}: `{cells}` is none of the form's lines: not imported",
                                   "{label} 第 {row} 行：`{cells}` 不是表中的任何一行：未导入"),
    "cli.import.open_indicator_cell": (("{label}: the first indicator's {field} is printed in a cell the "
                                        "PDF's table lines do not close (across a page): the indicators are "
                                        "not imported"),
                                       "{label}：第一个指标的 {field} 印在 PDF 表格线未封闭的单元格中（跨页）：指标未导入"),
    "cli.import.candidate": ("{name} ({found} of {count} table titles)", "{name}（{count} 个表题中有 {found} 个）"),
    "cli.import.no_titles": ("it prints none of their table titles", "文件中没有这些版式的任何表题"),
    "cli.import.ambiguous": ("several layouts fit this document equally: {listing}; name one with --layout",
                             "有几个版式同样符合此文件：{listing}；请用 --layout 指定一个"),
    "cli.import.unrecognised": (("cannot tell which layout this document is: {listing}. It may not be a "
                                 "budget disclosure; name its layout with --layout (candidates: {names})"),
                                "无法判断此文件属于哪个版式：{listing}。它可能不是预算公开文件；请用 --layout 指定版式（可选：{names}）"),
    "cli.import.no_title_of_layout": (("{path} prints none of the table titles of layout {layout} (e.g. "
                                       "{example}): it is not a disclosure of that layout"),
                                      "{path} 没有印出版式 {layout} 的任何表题（例如 {example}）：它不是该版式的公开文件"),
    "cli.import.output_is_folder": ("{output} is a folder; name the budget file to write",
                                    "{output} 是文件夹；请指定要写入的预算文件名"),
    "cli.import.output_exists": ("{output} exists; use --force to overwrite it", "{output} 已存在；要覆盖请用 --force"),
    "cli.import.other_layout": ("{file} is a workbook of layout {layout}, not {wanted}",
                                "{file} 是版式 {layout} 的工作簿，而不是 {wanted} 的"),
    "cli.import.no_such_file": ("no such file: {file}", "没有这个文件：{file}"),
    "cli.import.internal_workbook": (("internal error ({error}); nothing was written. Please report this "
                                      "with the workbook."),
                                     "内部错误（{error}）；未写入任何文件。请连同该工作簿报告此问题。"),
    "cli.import.internal_pdf": (("internal error ({error}); nothing was written. Please report this with the "
                                 "PDF."),
                                "内部错误（{error}）；未写入任何文件。请连同该 PDF 报告此问题。"),
    "cli.import.read_back": (("{target}: {tables} of {count} tables, {figures} figures read back from {file} "
                              "(layout {layout}) in {seconds} s"),
                             ("{target}：从 {file}（版式 {layout}）读回 {count} 张表中的 {tables} 张、{figures} 个数字，用时 "
                              "{seconds} 秒")),
    "cli.import.not_in_workbook": ("not in a workbook (add from the budget file): {omitted}",
                                   "工作簿中没有（请从预算文件补上）：{omitted}"),
    "cli.import.imported": (("{target}: {tables} of {count} tables, {figures} figures imported from {file} "
                             "(layout {layout}) in {seconds} s"),
                            ("{target}：从 {file}（版式 {layout}）导入 {count} 张表中的 {tables} 张、{figures} 个数字，用时 "
                             "{seconds} 秒")),
    "cli.import.not_imported": ("not imported (add by hand): {omitted}", "未导入（请手工补上）：{omitted}"),
    # workbook.py: a workbook that does not read back (WorkbookError names the sheet and the cell)
    "cli.workbook.bad_key": ("{where}: the hidden budgetlint column holds `{raw}`, not the key of a line",
                             "{where}：budgetlint 隐藏列中是 `{raw}`，不是行的键"),
    "cli.workbook.not_amount": ("{where}: `{value}` is not an amount (an amount of {label} is expected here)",
                                "{where}：`{value}` 不是金额（此处应为 {label} 的金额）"),
    "cli.workbook.code_is_number": (("{where}: the code `{value}` is a number; codes are text (format the "
                                     "cell as text, 文本, so that leading zeros stay)"),
                                    "{where}：编码 `{value}` 是数字；编码应为文本（请把单元格格式设为“文本”，以保留开头的 0）"),
    "cli.workbook.unreadable": ("{path} cannot be read as an xlsx workbook ({error})",
                                "{path} 无法作为 xlsx 工作簿读取（{error}）"),
    "cli.workbook.layout": ("{where}: {error}", "{where}：{error}"),
    "cli.workbook.missing_sheet": (("sheet {sheet}: missing ({table} of layout {layout} is on no sheet of "
                                    "this workbook)"),
                                   "工作表 {sheet}：缺失（版式 {layout} 的 {table} 不在此工作簿的任何工作表上）"),
    "cli.workbook.other_budget": (("{where}: this sheet is of another budget than the sheet {first} ({this}, "
                                   "not {that})"),
                                  "{where}：此工作表与工作表 {first} 不是同一预算（是 {this}，而不是 {that}）"),
    "cli.workbook.second_sheet": ("{where}: a second sheet of the table `{table}`",
                                  "{where}：表 `{table}` 的第二个工作表"),
    "cli.workbook.no_hidden_column": (("no sheet carries budgetlint's hidden column (its first cell says "
                                       "which table the sheet is): this workbook was not written by "
                                       "`budgetlint export --format xlsx`"),
                                      ("没有工作表带有 budgetlint 的隐藏列（其第一个单元格说明工作表是哪张表）：此工作簿不是由 `budgetlint export "
                                       "--format xlsx` 写出的")),
    "cli.workbook.other_format": (("{where}: the hidden budgetlint cell is not one this version writes "
                                   "(format {format}); export the workbook again"),
                                  "{where}：budgetlint 隐藏单元格不是本版本写出的（格式 {format}）；请重新导出工作簿"),
    "cli.workbook.incomplete_cell": (("{where}: the hidden budgetlint cell is incomplete; export the "
                                      "workbook again"),
                                     "{where}：budgetlint 隐藏单元格不完整；请重新导出工作簿"),
    "cli.workbook.shape_not_supported": ("sheet {sheet}: tables of the shape {shape} are not read back yet",
                                         "工作表 {sheet}：暂不能读回 {shape} 形式的表"),
    "cli.workbook.title": (("{where}: the title reads `{heading}`, not {title} as layout {layout} prints "
                            "{label}"),
                           "{where}：标题是 `{heading}`，而版式 {layout} 印制的 {label} 标题是 {title}"),
    "cli.workbook.not_line": ("{where}: `{line}` is not the line {label}… of the table",
                              "{where}：`{line}` 不是表中的“{label}…”行"),
    "cli.workbook.bad_unit": ("{where}: the unit `{unit}` is neither 元 nor 万元",
                              "{where}：单位 `{unit}` 既不是元也不是万元"),
    "cli.workbook.no_unit": ("{where}: no 单位：… cell on the table's unit line", "{where}：表的单位行上没有“单位：…”单元格"),
    "cli.workbook.row_under_note": (("{where}: a row under the table and its note; rows of a table are not "
                                     "separated by blank rows, and nothing else belongs on its sheet"),
                                    "{where}：表及其注释之下还有一行；表中各行之间没有空行，工作表上也不应有其他内容"),
    "cli.workbook.row_not_note": (("{where}: a row under the table that is not its note (a note is one text "
                                   "in the first column)"),
                                  "{where}：表下有一行不是注释（注释是第一列中的一段文字）"),
    "cli.workbook.header": (("{where}: the header reads `{found}` where layout {layout} prints `{expected}` "
                             "in {label}; the sheet is of another shape"),
                            "{where}：表头是 `{found}`，而版式 {layout} 在 {label} 中印的是 `{expected}`；此工作表格式不同"),
    "cli.workbook.inside_merged": (("{where}: a row inside the merged cells of the line above; insert rows "
                                    "between lines, not inside one"),
                                   "{where}：此行位于上一行的合并单元格之内；请在行与行之间插入行，不要插在一行之内"),
    "cli.workbook.unit_row_first": ("{where}: a row of a unit before the table's first unit line",
                                    "{where}：在表的第一个单位行之前出现了单位的明细行"),
    "cli.workbook.unknown_line": ("{where}: `{line}` is no kind of line of a table",
                                  "{where}：`{line}` 不是表中的任何一种行"),
    "cli.workbook.second_totals": ("{where}: a second 合计 line", "{where}：第二个合计行"),
    "cli.workbook.not_footer": ("{where}: `{label}` is none of the table's footer lines ({footers})",
                                "{where}：`{label}` 不是表的任何一个表尾行（{footers}）"),
    "cli.workbook.none": ("(none)", "（无）"),
    "cli.workbook.name_changed": (("{where}: `{shown}` is not the name of the line's {name} {value}; it is "
                                   "changed in the budget file, not in the workbook"),
                                  "{where}：`{shown}` 不是此行 {name} {value} 的名称；名称应在预算文件中修改，而不是在工作簿中"),
    "cli.workbook.code_cells": (("{where}: the code cells {cells} are not a code (a piece is blank before a "
                                 "filled one)"),
                                "{where}：编码单元格 {cells} 不构成编码（已填部分之前有空白部分）"),
    "cli.workbook.not_two_sides": ("sheet {sheet}: layout's header of {label} has not two sides",
                                   "工作表 {sheet}：版式中 {label} 的表头不是收、支两栏"),
    "cli.workbook.by_name": ("its name", "名称"),
    "cli.workbook.by_ordinal": ("its ordinal", "序号"),
    "cli.workbook.not_class": (("{where}: `{label}` is no 类 line of layout {table} here (a 类 is known by "
                                "{by} where its hidden key is missing)"),
                               "{where}：`{label}` 不是版式 {table} 此处的类行（隐藏键缺失时，按{by}识别类）"),
    "cli.workbook.label": ("{where}: `{found}` where the layout prints `{wanted}`",
                           "{where}：此处是 `{found}`，而版式印的是 `{wanted}`"),
    "cli.workbook.too_few_rows": ("{where}: the table has fewer rows than its closing lines",
                                  "{where}：表的行数少于其结尾行数"),
    "cli.workbook.not_revenue_line": (("{where}: `{label}` is none of the layout's 收入 lines printed with its "
                                       "ordinal (a line is known by its ordinal where its hidden key is "
                                       "missing)"),
                                      "{where}：`{label}` 不是版式中带序号印出的任何收入行（隐藏键缺失时，按序号识别行）"),
    "cli.workbook.no_rows": ("{where}: the table has no rows", "{where}：表中没有行"),
    "cli.workbook.revenue_after_last": ("{where}: `{label}` is a 收入 line after the layout's last",
                                        "{where}：`{label}` 是版式最后一个收入行之后的收入行"),
    "cli.workbook.revenue_ends_early": ("{where}: the 收入 lines end before the layout's `{label}`",
                                        "{where}：收入行在版式的 `{label}` 之前就结束了"),
    # export.py
    "cli.export.problem": ("line {line}, column {column}: {message}", "第 {line} 行第 {column} 列：{message}"),
    "cli.export.not_mapping": ("not a YAML mapping", "不是 YAML 映射"),
    "cli.export.cannot_load": ("cannot load {path}: {reasons}", "无法载入 {path}：{reasons}"),
    "cli.export.exists": ("{files} already exist{s}; use --force to overwrite", "{files} 已存在；要覆盖请用 --force"),
    "cli.export.csv_needs_folder": (("-o {folder} is a file; csv export writes {csv} and {descriptor} into a "
                                     "folder"),
                                    "-o {folder} 是文件；csv 导出要把 {csv} 和 {descriptor} 写入一个文件夹"),
    "cli.export.no_pyarrow": ("--format parquet needs pyarrow, which is not installed: {extra}",
                              "--format parquet 需要 pyarrow，但它尚未安装：{extra}"),
    "cli.export.parquet_needs_folder": (("-o {folder} is a file; parquet export writes {parquet} and "
                                         "{descriptor} into a folder"),
                                        "-o {folder} 是文件；parquet 导出要把 {parquet} 和 {descriptor} 写入一个文件夹"),
    "cli.export.not_exact": (("{file}: {path} is {value}, which decimal128({precision},{scale}) cannot hold "
                              "exactly; Parquet export does not round"),
                             "{file}：{path} 为 {value}，decimal128({precision},{scale}) 无法精确存放；Parquet 导出不作四舍五入"),
    "cli.export.cannot_create": ("cannot create {folder}: {error}", "无法创建 {folder}：{error}"),
    "cli.export.xlsx_is_folder": (("-o {output} is a folder; xlsx export writes one workbook file (e.g. -o "
                                   "budget.xlsx)"),
                                  "-o {output} 是文件夹；xlsx 导出写出的是一个工作簿文件（例如 -o budget.xlsx）"),
    "cli.export.findings_without_cells": (("the findings are listed without their cells, as the workbook "
                                           "does not read back ({error})"),
                                          "问题清单未标出所在单元格，因为工作簿无法读回（{error}）"),
    "cli.export.written": (("wrote {count} budget lines from {files} file{s} to {output} (described by "
                            "{descriptor})"),
                           "已从 {files} 个文件把 {count} 行预算数据写入 {output}（说明见 {descriptor}）"),
    "cli.export.findings_need_xlsx": (("--with-findings marks the cells of a workbook; use it with --format "
                                       "xlsx"),
                                      "--with-findings 在工作簿中标出单元格；请与 --format xlsx 一起使用"),
    "cli.export.no_budgets": ("no budget files ({suffixes}) in {paths}", "{paths} 中没有预算文件（{suffixes}）"),
    "cli.export.xlsx_one_file": (("--format xlsx writes the workbook of one budget file; give one FILE "
                                  "(--format csv exports several)"),
                                 "--format xlsx 只写出一个预算文件的工作簿；请只给一个 FILE（--format csv 可导出多个）"),
    "cli.export.wrote_workbook": ("wrote {output}: {sheets} sheets from {file}",
                                  "已写出 {output}：由 {file} 生成 {sheets} 个工作表"),
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
    # click's own usage errors, printed in Chinese in a Chinese run (cli.py, _show_in_chinese). The English is
    # click's text, word for word: cli.py recognises click's message by it (an English run prints click's own).
    "cli.usage.usage": ("Usage: ", "用法："),
    "cli.usage.try_help": ("Try '{command} {option}' for help.", "试试 “{command} {option}” 查看帮助。"),
    "cli.usage.error": ("Error: {message}", "错误：{message}"),
    "cli.usage.no_such_option": ("No such option '{option}'.", "没有 {option} 这个选项。"),
    "cli.usage.no_such_command": ("No such command '{command}'.", "没有 {command} 这个命令。"),
    "cli.usage.did_you_mean": ("Did you mean {possibilities}?", "您是不是要找 {possibilities}？"),
    "cli.usage.missing_argument": ("Missing argument{param}.", "缺少参数{param}。"),
    "cli.usage.missing_option": ("Missing option{param}.", "缺少选项{param}。"),
    "cli.usage.missing_parameter": ("Missing parameter{param}.", "缺少参数{param}。"),
    "cli.usage.invalid_value_for": ("Invalid value for {param}: {detail}", "{param} 的值无效：{detail}"),
    "cli.usage.invalid_value": ("Invalid value: {detail}", "值无效：{detail}"),
    "cli.usage.extra_arguments": ("Got unexpected extra argument{s} ({arguments})", "多余的参数：{arguments}"),
    "cli.usage.requires_argument": ("Option '{option}' requires an argument.", "选项 {option} 需要一个值。"),
    "cli.usage.requires_arguments": ("Option '{option}' requires {count} arguments.",
                                     "选项 {option} 需要 {count} 个值。"),
    "cli.usage.takes_no_value": ("Option '{option}' does not take a value.", "选项 {option} 不接受值。"),
    "cli.usage.missing_command": ("Missing command.", "缺少命令。"),
    "cli.no_layout_file": ("no such layout file: {name}", "版式文件不存在：{name}"),
    "cli.layouts_checked": ("{count} layout file{s} checked: no problems", "已检查 {count} 个版式文件：没有问题"),
    "cli.layout_unusable": ("cannot be used: {error}", "无法使用：{error}"),
    "render.cannot_load": ("cannot load {path}: {reasons}", "无法读取 {path}：{reasons}"),
    "render.load_reason": ("line {line}, column {column}: {problem}", "第 {line} 行第 {column} 列：{problem}"),
    "render.not_a_mapping": ("not a YAML mapping", "不是 YAML 映射"),
}

# ---- rules explained in Chinese (catalogue.py: `budgetlint rules` and `explain`, the site's rules page)
# Only the Chinese is here: the English is the rule's docstring, read when it is shown (catalogue.explained),
# the one text behind `budgetlint rules`, `explain` and docs/rules.md; an English copy here could only drift
# from it. So these are not MESSAGES entries, which are (English, Chinese) templates for `say`; nor are they
# templates: `{…}` in them is literal. Keys: "<ID>.title" translates the docstring's first paragraph (what the
# rule checks), "<ID>.details" the paragraph between it and "Why:" where there is one, "<ID>.why" the "Why:"
# paragraph; the bad and good examples are YAML and the documents' own text, shown as written. A docstring
# changed without its Chinese fails tests/test_rules_zh.py: each Chinese part keeps the Chinese terms and the
# figures of its English one.
RULE_DOCS_ZH: dict[str, str] = {
    "Y001.title": "文件不是有效的 YAML（缺少冒号、缩进错误、用制表符缩进）。",
    "Y001.why": ("原因：无法解析的文件，其中任何内容都无法检查；所报位置是解析器第一处读不下去的地方。"
                 "若原因是键盘输入失误，消息会指出它及改法：全角冒号或逗号（`：` `，`，“请用半角”）、"
                 "全角空格、缩进中多出的空格（“第 170 行缩进 5 个空格”）、冒号后缺空格、`{` 没有闭合。"),
    "Y002.title": "文件不是 UTF-8 编码（例如中文 Windows 上的 Excel 或 WPS 所存的 GBK，或 UTF-16）。",
    "Y002.why": ("原因：预算文件经由 git 共享、发布到网页；统一用一种编码（UTF-8，带或不带 BOM），"
                 "各处的名称才都能正确显示。budgetlint 从不自行转换文件的编码。"),
    "Y003.title": "同一映射中同一个键出现了两次。",
    "Y003.why": ("原因：YAML 读取程序会悄无声息地只保留两个值中的一个，"
                 "于是有一个数字会从检查和公开文本中消失。"),
    "Y004.title": ("数字的写法容易误读，或根本不是数字：指数写法（`1e3`）、`.nan` 或 `.inf`、用 `_` "
                   "分组的数字、十六进制或八进制、负零（`-0.00`）；`{…}` "
                   "中的千位分隔符（`{total: 1,569.30}`，逗号会结束该项：消息会提示写作 1569.30，"
                   "并按本意检查该数）；写成数字的编码丢了前导零（`code: 0151`），"
                   "或位数太多、不可能是金额（如 21 位的项目编码）：应给编码加引号。"),
    "Y004.why": ("原因：公开的表格只印两位小数的普通金额；其他写法都是录入或导出错误。"
                 "负零通常是电子表格把一个很小的负数四舍五入所致，印出来会是 `-0.00`。"),
    "Y005.title": "不允许使用锚点、别名和合并键（`&a`、`*a`、`<<:`）。",
    "Y005.why": ("原因：每个数字都应写在它所属的位置，审阅者才能在差异对比中看到它；"
                 "而且嵌套的别名能让一个很小的文件膨胀到几 GB（所谓“十亿笑声”攻击）。"),
    "Y006.title": "文件为空，或其顶层是列表或单个值，而不是映射。",
    "Y006.why": "原因：预算文件是一个映射，`fiscal_year:`、`department:`、`tables:` 等键顶格书写。",
    "Y007.title": ("文件无法读取：没有读取权限、符号链接失效或循环指向，大于 24 MiB，或含有超过 500,000 "
                   "个值。"),
    "Y007.why": ("原因：检查工具读不了的文件，就是没有人检查过的文件。"
                 "这些大小上限远高于任何预算文件（实际的约 60 KB、2,000 个值），使检查、"
                 "生成或比较一个文件所用的内存低于 1 GB（docs/performance.md）。"),
    "S001.title": "值的类型不对：应为数字处写了文本，应为编码处写了数字。",
    "S001.why": ("原因：budgetlint 只能把能精确读作数字的数相加，而编码只有写成文本，开头的各位数字（如 0）"
                 "才能保留下来。"),
    "S002.title": "格式中没有定义的键，通常是拼写错误（`totla:`），或是另一张表的列。",
    "S002.why": ("原因：拼错的键会被每个读取该文件的工具悄无声息地忽略，其中的数字永远不会被检查，"
                 "也不会被公开。"),
    "S003.title": "缺少公开文本或某一行的必备部分（如 `fiscal_year`、某行的 `code`）。",
    "S003.why": "原因：公开模板要求有它；缺了它，各表无法相互对应，也无法生成公开文本。",
    "S004.title": "金额超过两位小数。",
    "S004.why": ("原因：公开的表格把金额印到其单位的分位（0.01万元）；第三位小数是录入或四舍五入的错误，"
                 "也不会出现在公开文本中。"),
    "S005.title": "金额为负数。",
    "S005.why": ("原因：预算公开表格列示的是预算拨款安排，从不为负；负号是转录错误（减少应在情况说明中说明，"
                 "而不是写进表格的单元格）。"),
    "S006.title": ("编码不符合其分类的格式：支出功能分类编码为以 2 开头的 3/5/7 位，"
                   "部门预算支出经济分类编码为以 3 开头的 3/5 位，政府预算支出经济分类编码为以 5 开头的 3/5 "
                   "位，单位编码为 3 位或 6 位，项目编码为 21 位。"),
    "S006.why": "原因：编码是每一行的标识；格式不对的编码无法与官方目录或其他表相对应。",
    "S007.title": ("值不在格式允许的范围内（金额单位不是 万元 或 元，项目类型不是 其他运转类 / 特定目标类，"
                   "资金来源未知）。"),
    "S007.why": "原因：这些值决定数字如何比较；未知的值无法检查。",
    "S008.title": "值违反了格式的其他约束：文本为空、必须有内容的列表为空、日期格式不对、年份超出范围。",
    "S008.why": "原因：格式要求如此，公开文本才完整，才能生成。",
    "A101.title": "表的合计行逐列等于其各单位行（或各行）之和。",
    "A101.why": "原因：合计行是读者引用的数字；合计对不上，说明合计或某一行录错了，公开文本自相矛盾。",
    "A102.title": "单位的小计行逐列等于其下各行之和。",
    "A102.why": "原因：有多个预算单位的部门按单位印出小计；小计与其下各行不符，就错报了该单位的预算。",
    "A103.title": "类或款的小计行等于其下一级各行之和。",
    "A103.why": ("原因：列有类/款小计行的表（如 208 社会保障和就业支出 列在 2080501、2080505 之上）"
                 "必须与其下各项一致，否则按功能分类的明细就自相矛盾。"),
    "A110.title": "支出表中，每行的 合计 = 基本支出 + 项目支出。",
    "A110.why": ("原因：部门的每一元支出，不是基本支出（维持单位运转），就是项目支出；"
                 "两者相加不等于合计的行，错报了其中之一。"),
    "A111.title": "支出表中，基本支出 = 工资福利支出 + 对个人和家庭的补助 + 商品和服务支出 + 资本性支出。",
    "A111.why": "原因：基本支出是人员经费加公用经费；情况说明会引用这两个数，所以各列必须加得起来。",
    "A112.title": "支出表中，项目支出 = 其他运转类 + 特定目标类。",
    "A112.why": "原因：每个项目都属于这两类之一；这一划分要填入项目支出表（预算11表）。",
    "A113.title": ("各组的 合计/小计（本年收入、上年结转结余……）等于其各项资金来源之和；"
                   "财政拨款收支总表中每行的 合计 等于其各资金列之和（一般公共预算 + 政府性基金 + "
                   "国有资本经营预算），以版式中的 `column_sums` 为准。"),
    "A113.details": "`其中：财政拨款` 是一般公共预算的一部分，不再重复相加。",
    "A113.why": "原因：各组的合计是收支总表所列的数；它必须等于旁边所列各项来源之和。",
    "A114.title": "每行的 总计/合计 等于其资金来源之和：本年收入 + 上年结转结余（+ 财政专户、单位资金……）。",
    "A114.details": ("适用于版式声明了此关系的地方：河南为收入预算表（预算02表）、"
                     "支出经济分类汇总表（预算07表）、项目支出表（预算11表）和项目绩效目标表（预算13表）；"
                     "上海为收入预算总表（表2：合计 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + "
                     "其他收入）。"),
    "A114.why": "原因：行合计与其来源不符，意味着有钱没有来源，或有来源没有支出。",
    "A115.title": "`其中：财政拨款` 不大于它所属的一般公共预算数。",
    "A115.why": "原因：“其中”引出的是它前面那个数的一部分；部分大于整体是转录错误。",
    "A116.title": "按经济分类的基本支出表（预算06表）中，每行的 合计 = 人员经费 + 公用经费。",
    "A116.why": ("原因：基本支出的每个经济分类科目，不是人员经费就是公用经费；"
                 "这两列是情况说明中人员经费/公用经费两个数的来源。"),
    "A117.title": ("“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费，且 "
                   "公务用车购置及运行费 = 公务用车购置费 + 公务用车运行费。"),
    "A117.why": "原因：“三公”经费受到公众和审计的密切关注；其合计必须恰好等于三项之和。",
    "A118.title": ("部门整体绩效目标表（预算12表）中，部门预算总额 = 资金来源（政府预算资金 + "
                   "财政专户管理资金 + 单位资金）= 资金结构（基本支出 + 项目支出）。"),
    "A118.why": "原因：该表把同一笔预算列了两次，一次按来源、一次按结构；两者都必须加得起来。",
    "A119.title": ("版式声明的、没有专门规则的行内恒等关系，在其表的每一行都成立："
                   "`column = sum(parts)`（如上海 单位预算 表1：合计 = 人员经费 + 公用经费 + 项目支出）。"),
    "A119.why": ("原因：版式列出其公开文本所印的各种求和关系；每一种都无需新代码即可检查，"
                 "而各部分加不起来的行，错报了其中之一。"),
    "A201.title": "收支总表中，本年收入合计 等于各收入行之和。",
    "A201.why": "原因：本年收入合计 是公开文本中最醒目的收入数。",
    "A202.title": "收支总表中，本年支出合计 等于各支出行（按功能分类的类）之和。",
    "A202.why": "原因：本年支出合计 是公开文本中最醒目的支出数。",
    "A203.title": ("收支总表中，收入总计 = 本年收入合计 + 上年结转结余，支出总计 = 本年支出合计 + "
                   "年终结转结余；决算中，如有印出，收入方还要加上 使用非财政拨款结余，支出方还要加上 "
                   "结余分配。"),
    "A203.why": "原因：结转结余是本年数与总计之间唯一的差别。",
    "A204.title": "收支总表中，收入总计 = 支出总计。",
    "A204.why": "原因：部门预算收支平衡：每一笔资金要么支出，要么结转。",
    "A205.title": ("财政拨款收支总表中：收入合计 = 本年收入 + 上年结转；本年支出 = 各类行之和，逐列相等；"
                   "支出合计 = 本年支出 + 年终结转结余，逐列相等。"),
    "A205.why": "原因：该表把财政拨款列示两次，一次按来源、一次按用途；两方必须各自加得起来，才能相互比较。",
    "A206.title": "财政拨款收支总表中，收入合计 = 支出合计。",
    "A206.why": "原因：收到的财政拨款（本年的和上年结转的）要么支出，要么结转到下年。",
    "A301.title": "收支总表（预算01表）的每个类行，等于支出预算表（预算03表）中该类各行之和。",
    "A301.why": ("原因：两张表列示的是同样的支出，一次按类、一次按项；类的数与其各项之和不同，"
                 "说明其中一张表有误。"),
    "A302.title": ("收支总表（预算01表）的收入方等于收入预算表（预算02表）：本年收入的每一项来源，"
                   "以及上年结转结余。"),
    "A302.why": "原因：两张表列示的是同样的收入；同一来源在两表中不一致，是读者一眼就能看出的矛盾。",
    "A303.title": ("支出预算表（预算03表）的每一行，逐列等于一般公共预算（预算05表）、政府性基金（预算09表）"
                   "和国有资本经营（预算10表）三张表中同一行之和。"),
    "A303.details": ("部门还有非财政拨款资金（事业收入、单位资金……）时，各资金表之和可以小于预算03表，"
                     "但绝不能大于它。"),
    "A303.why": ("原因：预算03表是全部支出，三张资金表按资金对它进行划分。资金表中有而预算03表中没有的行，"
                 "或与预算03表不同的行，都会打破这一划分。"),
    "A304.title": ("财政拨款收支总表（预算04表）的每个类行，按资金逐项等于一般公共预算（预算05表）、"
                   "政府性基金（预算09表）和国有资本经营（预算10表）表中该类的各行。"),
    "A304.why": ("原因：预算04表按类汇总财政拨款支出，各资金表按项列示同一笔钱。"
                 "常见的错误是在其中一张表里漏掉了用上年结转资金安排的支出。"),
    "A305.title": ("财政拨款收支总表（预算04表）的收入方等于收入预算表（预算02表）的财政拨款各列："
                   "按资金分列的本年收入和上年结转。"),
    "A305.why": "原因：两张表列示的是同样的财政拨款。",
    "A306.title": "财政拨款收支总表（预算04表）的年终结转结余，不大于收支总表（预算01表）的年终结转结余。",
    "A306.why": ("原因：结转到下年的财政拨款，是结转到下年的全部资金的一部分。"
                 "预算通常计划把钱全部花完（年终结转结余 0.00）；把上年的结转资金（上年结转）"
                 "记作本年年终结转结余的部门，与自己的收支总表相矛盾。"),
    "A307.title": ("一般公共预算基本支出表（预算06表）等于一般公共预算支出表（预算05表）的基本支出各列："
                   "合计 = 基本支出，人员经费 = 工资福利 + 对个人和家庭的补助，公用经费 = 商品和服务 + "
                   "资本性；其各行按经济分类的类（301、303、302、310）汇总后，等于这四列。"),
    "A307.why": "原因：两张表列示的是同样的基本支出，一次按功能、一次按经济性质。",
    "A308.title": ("一般公共预算基本支出表（预算06表）的每个科目，都出现在支出经济分类汇总表（预算07表）中，"
                   "且金额不少于前者。"),
    "A308.why": ("原因：预算07表按经济分类汇总全部支出（基本支出和项目支出，各种资金）；"
                 "基本支出的科目不可能超过该汇总表中的数，也不可能在其中缺失。"),
    "A309.title": ("“三公”经费表（预算08表）的每一项，等于支出经济分类汇总表（预算07表）"
                   "中其经济分类各行的一般公共预算数（如这些行存在）。哪些经济分类编码构成哪一项，"
                   "取自当年的编码目录（`three_public.csv`：2023 年为 30212 因公出国（境）费用、30217 "
                   "公务接待费、30231 公务用车运行维护费、31013 公务用车购置）。"),
    "A309.why": "原因：三公经费是公开文本中最受关注的数字；该表与经济分类汇总表不能相互矛盾。",
    "A310.title": ("每张资金表的合计，等于收入预算表（预算02表）中该资金的收入（本年收入加上年结转）："
                   "预算05表 = 一般公共预算，预算09表 = 政府性基金，预算10表 = 国有资本经营预算。"),
    "A310.why": "原因：某种资金的支出由该资金的拨款和结转来安排，不多也不少。",
    "A311.title": ("项目支出表（预算11表）等于各支出表的项目支出各列：其他运转类 和 特定目标类 "
                   "的项目分别加总，等于预算03表中同名的两列；"
                   "各项目的一般公共预算和政府性基金资金（本年的和上年结转的）分别加总，"
                   "等于预算05表和预算09表中的项目支出。"),
    "A311.why": ("原因：预算11表列出的是项目支出数背后的各个项目；其中漏了项目，或项目类型、金额有误，"
                 "两者就不一致。"),
    "A312.title": ("项目绩效目标表（预算13表）中的项目就是项目支出表（预算11表）中的项目，"
                   "金额相同（按项目编码对应，缺编码时按名称对应）。"),
    "A312.why": "原因：每个拿到资金的项目都必须公开其绩效目标，而且目标必须对应实际安排的预算金额。",
    "A313.title": ("部门整体绩效目标表（预算12表）中的预算数等于各表中的数：部门预算总额 = 收支总表的 "
                   "支出总计，基本支出 和 项目支出 = 支出预算表（预算03表）合计行的相应列。"),
    "A313.why": "原因：绩效表是对预算的重述，必须重述得准确。",
    "A314.title": ("文件所用版式声明的每一个跨表恒等关系都成立：`figure = figure + …`，或上下限（`<=`、"
                   "`>=`）。其中的数可以是表的合计（`expenditure.total.basic`）、"
                   "按类或按编码的各行（`revenue_function.code.total`，逐个编码比较）、"
                   "汇总表的某一收入行（`summary.revenue[fiscal].amount`）"
                   "或某个字段（`summary.revenue_total`）；docs/layouts.md 列出了全部写法。"),
    "A314.details": ("以较粗单位印出的表中的数（如以万元印出的三公表，对照以元列示的表），"
                     "代表四舍五入后等于它的所有值，因此在其末位的半个单位以内相符即可。"),
    "A314.why": ("原因：每个恒等关系都是同一笔钱在两张表中的体现；版式声明其公开文本必须保持的那些关系，"
                 "新的版式无需新代码即可得到检查。"),
    "A401.title": ("情况说明中所述的金额（收入总计 1909.07万元、基本支出 1137.99万元……）"
                   "等于它所描述的表中数字。哪个说法指哪个数，由版式的措辞决定（`narrative_subjects`），"
                   "所在章节也可能决定取哪张表：三、支出预算总体情况说明 中的 基本支出 是预算03表的数，五、"
                   "一般公共预算支出预算情况说明 中的则是预算05表的数（`narrative_sections`）。"
                   "各表都没有的事项（如某个项目），在一个章节中列在 其中 之后、又在另一个章节中再次提到时，"
                   "两处金额相同。"),
    "A401.why": "原因：读者引用的是情况说明而不是表格；与表格不一致的句子，是公开文本最显眼的错误。",
    "A402.title": ("情况说明中所述的占比（`占 59.61%`）等于它前面的金额除以其所属的整体（`其中` 之前的金额，"
                   "或它所指明的整体在表中的数：`占本年支出合计的100.00%`），并按所写的小数位数四舍五入。"),
    "A402.details": "占比若是该金额占本段所述的另一个金额、或版式所指明的表中某个数的比例，会指出整体用错了。",
    "A402.why": "原因：与旁边的金额对不上的百分比是计算或抄写错误，读者用计算器就能核出来。",
    "A403.title": ("情况说明中所述的与上年相比的变动（`增加 208.86万元`，或表示没有变动的 "
                   "`与2022年相比保持一致`），在上年数已知时，等于本年数减上年数。上年数依次取自："
                   "本仓库中同一部门上年的同类文件（`budgets/<dept>/<year-1>.yaml`）；"
                   "否则取自其旁边的上年决算（`<year-1>-juesuan.yaml`："
                   "它所述的年初预算和它所印的预算数就是上年的预算）；再否则取自本文件的 `previous_year` "
                   "部分。以比本文件更粗的单位印出的数，连同其四舍五入误差一起计算。"),
    "A403.details": ("相加关系中各数的变动也应相加（版式的 `narrative_sums`：三公经费 = 因公出国（境）费 + "
                     "公务用车购置及运行费 + 公务接待费）；"
                     "用表示没有变动的词所述的变动（`与2024年预算一致 0万元`）为 0。"),
    "A403.why": "原因：与上年相比的变动是媒体和人大最先看的内容，必须根据两个年度公开的数字计算。",
    "A404.title": ("情况说明中所述的增长率（`增长 12.28%`）等于所述的变动额除以上年数，"
                   "并按所写的小数位数四舍五入。上年数在本仓库中有上年文件时取自该文件，否则取自 "
                   "`previous_year` 部分，再否则取自文字本身所隐含的数（本年数 − 变动额）；"
                   "检查结果会注明取自何处。增长率若是变动额除以本年数（增长 10.94% = 208.86 / 1909.07），"
                   "会指出基数用错了。"),
    "A404.why": "原因：由变动额和基数算不出来的增长率，是计算错误。",
    "A405.title": "上年数为零的数字，却写了增长率。",
    "A405.why": ("原因：从零开始的增长不是百分比（x / 0 没有定义）；这种句子通常来自模板，"
                 "照样填了一个增长率（如某项资金上年没有预算，却写 `增加 3.00万元，增长 300%`）。"
                 "应改为说明该事项是新增的。"),
    "A406.title": ("`其中` 之后列出的金额（两个及以上时）加起来等于它前面的金额，以其中开头的括号"
                   "（`…万元（其中：…）`）中也是如此。数量由 T603 核对。"),
    "A406.why": ("原因：`其中` 引出的是一个整体的明细（本年收入和上年结转；基本支出和项目支出；货物、"
                 "工程和服务）；各部分加不起来，说明有一个数是错的。"),
    "A407.title": "情况说明中所述的项目个数（`共14个项目`）等于项目支出表（预算11表）所列的项目个数。",
    "A407.why": "原因：项目个数是读者核对表中没有漏掉项目的依据。",
    "A412.title": ("情况说明为某一科目所述的金额（`“一般公共服务支出（类）财政事务（款）行政运行（项）”科目1"
                   ",623.18万元`，或只有类：`一般公共服务支出（类）"
                   "2106.66万元`）就是该科目在表中的行：一般公共预算（或相应资金）表中的行，没有时取支出表中"
                   "的行。"),
    "A412.details": ("以万元所述的数与以元列示的表比较时，核对到其印出的最后一位；"
                     "对正确的数四舍五入不当属于 A413，为警告。"),
    "A412.why": "原因：编制说明逐个科目解释预算；与表中不同的数，是录入失误或别的年度的数。",
    "A413.title": ("以万元所述、与以元列示的表对照的科目金额，是表中数正确四舍五入（逢五进一）的结果，"
                   "而不是直接截断：877,080元 是 87.71万元，不是 87.70万元。"),
    "A413.why": "原因：截断的数最多会偏差末位的一个单位，这样的数加起来就会偏离表中的合计。",
    "A414.title": "情况说明所列的科目（按名称列出的类、款和项）是支出表中的一行。",
    "A414.details": "名称是某个编码的曾用名时（如 医疗卫生与计划生育支出 之于 210 卫生健康支出，按当年的支出功能分类），会指出这一点并给出现名。",
    "A414.why": "原因：表中没有的科目，是名称错误或过时，或者层级写错了（把款写成了项）；读者找不到这个数。",
    "A408.title": ("决算情况说明中每一条“年初预算……支出决算”的说明，其支出决算数等于它所报告的表中数："
                   "总数对应一般公共预算财政拨款支出决算表的合计，单个事项对应该科目的行（按其类、款、"
                   "项的名称对应），三公经费对应三公表的决算数。"),
    "A408.details": "以万元所述的数，是表中以元列示之数正确四舍五入的结果时，即为相符。",
    "A408.why": "原因：读者引用的是这些说明；支出决算数与表中不同，说明文字没有随表格一起更新。",
    "A409.title": "决算情况说明中所述的三公经费的年初预算，等于其三公表所印的预算数。",
    "A409.why": "原因：决算把三公经费的预算印了两次，表中一次、文字中一次；两者必须一致。",
    "A410.title": ("所述的执行率（完成年初预算的 X%）是按所印数字计算的决算数与预算数之比：X = 支出决算 ÷ "
                   "年初预算 × 100，并考虑这两个印出数字的四舍五入误差。"),
    "A410.why": "原因：执行率是决算说明的核心数字；用别的数算出或算错的执行率会误导读者。",
    "A411.title": ("决算逐一说明其一般公共预算表的每个项时，各项的年初预算和支出决算之和，"
                   "等于同一章节对一般公共预算财政拨款支出所述的总数。"),
    "A411.why": ("原因：各项就是总数的明细；它们覆盖了表中的每个项却加不起来时，"
                 "必有一个数是错的（常常是每个数各自从元四舍五入而来）。"),
    "T503.title": ("决算说明中，决算数与预算数之差超过阈值（预算数的 10%，除非 budgetlint.toml 中的 "
                   "`execution_gap` 另有规定）的，要写明原因（主要原因……）。"),
    "T503.why": ("原因：公开规定要求决算对预算与执行之间的较大差异作出说明；没有说明的差异，"
                 "是审阅者首先要问的问题。"),
    "A415.title": ("决算中的年初预算数等于同一年度的预算（该文件在本仓库中时："
                   "`budgets/<dept>/2024-juesuan.yaml` 旁边的 `budgets/<dept>/2024.yaml`）："
                   "情况说明中一般公共预算总数和每个科目（按其类、款、项的名称对应）的年初预算，"
                   "以及三公表的预算数。"),
    "A415.details": ("各数按决算的单位比较；以万元列示的决算数，是以元列示的预算数正确四舍五入的结果时，"
                     "即为相符。"),
    "A415.why": ("原因：决算据以对照的年初预算，就是人大批准、部门一年前公开的预算；数字不同，"
                 "就是事后改写了预算。"),
    "T101.title": ("文件所用版式要求的每张表和每个部分都存在（河南 2023：第一部分–第三部分 和 "
                   "预算01表–预算13表；上海 2025：表1–表9；这份清单是版式文件中的数据）。"),
    "T101.why": ("原因：公开规定（部门预算公开）要求公开全套内容；漏掉一张表（而不是公开一张带说明的空表），"
                 "就是公开不到位。"),
    "T102.title": "没有数字的表，要附有说明原因的注释（备注：……故此表无数据）。",
    "T102.why": "原因：没有说明的空表看起来像是遗漏；注释告诉读者本部门没有这类资金。",
    "T104.title": ("`layout:`（或旧写法 `template:`）所指的版式是 budgetlint 能找到并使用的："
                   "内置的（`budgetlint layouts`），或本仓库 `layouts/` 文件夹中的。"),
    "T104.why": ("原因：版式决定需要哪些表、表有哪些列、如何编号以及哪些求和关系成立；名称未知时，"
                 "文件会按默认版式检查和生成，而这多半不是该省公开的格式。"),
    "T103.title": ("情况说明的“三公”经费部分涵盖全部三项——因公出国（境）费、"
                   "公务用车购置及运行费和公务接待费——并把每一项与上年比较。"),
    "T103.why": ("原因：模板要求写出每一项的金额及其与上年相比的变动（即使为 0.00 且没有变化），"
                 "读者才能逐项了解这三项备受关注的支出。"),
    "T201.title": ("部门全称在公开文本中出现的每一处都相同：各表表头（部门名称）、本部门的单位行、绩效表，"
                   "以及情况说明中提到本部门的句子。"),
    "T201.why": ("原因：某一处写得不同的名称（西工街道办 与 西工街道办事处）看起来像是另一个单位，"
                 "也是公开审查的常见问题。"),
    "T202.title": "表中的单位编码和名称，与部门的预算单位清单一致。",
    "T202.why": ("原因：编码未知或名称不同的单位行，无法对应到某个预算单位，"
                 "同一单位的各表看起来就像属于两个单位。"),
    "T203.title": ("一个项目只有一个名称：在项目支出表（预算11表）、绩效表（预算13表）"
                   "以及提到它的情况说明（如 部门重点绩效目标项目）中都相同。"),
    "T203.why": "原因：只在一处改了名的项目，读者和审计人员无法对应；通常其中一个是编辑时留下的旧名称。",
    "T301.title": "与另一年度比较的句子（与2022年相比、较2022年）所指的是上一预算年度。",
    "T301.why": ("原因：2023 年的预算与 2022 年比较；2023 年预算中出现 `与2023年相比`，是模板没有改，"
                 "其中的数字也就是错的。"),
    "T302.title": "项目名称中不带晚于预算年度的年份（结转项目标的是资金下达的年份，决不会是更晚的年份）。",
    "T302.why": "原因：2023 年预算中的 `2024年…补助资金`，要么是笔误，要么是还不存在的钱。",
    "T303.title": "以年份命名的预算文件（`2023.yaml`）存放的是该年度的预算。",
    "T303.why": ("原因：预算文件按文件名查找：上一年度的文件，就是本文件旁边以上一年命名的那个，"
                 "网站也按文件名列出每个文件。存为 `2022.yaml` 的 2023 年预算会被列为 2022 年，"
                 "其增长数也会与它自己比较，而不是与上年的预算比较。"),
    "T401.title": "情况说明中的金额（带两位小数的数字）后面跟有单位（万元、元或 %）。",
    "T401.why": "原因：没有单位的金额，既可读作元，也可读作万元——相差 10,000 倍。",
    "T402.title": ("所述金额只有乘或除以 10,000 后才与它所描述的表中数相符：文字写的是元，指的却是万元，"
                   "或者相反。"),
    "T402.why": "原因：元/万元混淆会把预算错报一万倍，而且数字看上去没错，很容易漏看。",
    "T501.title": "一个词或短语连写了两次（增加增加、的的），通常是编辑时留下的。",
    "T501.details": "正确的汉语叠词（常常、等等、人人）不报告：单字只检查 的、了、和 这类虚词。",
    "T501.why": "原因：重复的词是公开文本中最常见的编辑失误。",
    "T502.title": ("与上年相比的变动（增加/减少 ……万元、增长/下降 ……%）后面要写明原因（主要原因……），"
                   "写在同一段，或同一章节中靠后的某一段（上海在单独的一段中说明编制说明中各项变动的原因："
                   "财政拨款收入支出增加的主要原因是……）。"),
    "T502.why": "原因：公开规定要求部门说明与上年相比的每一项变动；只写变动、不写原因，读者只能去猜。",
    "T504.title": ("名称（部门、单位、表中的行或项目、名词解释中的术语）中含有康熙部首、CJK 部首或 CJK "
                   "兼容汉字——如 ⼀（U+2F00）冒充 一（U+4E00）、⽀（U+2F40）冒充 支——看起来像本来要写的字，"
                   "实际上是另一个字符。"),
    "T504.why": ("原因：这样的名称什么也匹配不上：搜索、编码目录（C104/C105）、其他表中的同一名称（T203）"
                 "以及读者的复制粘贴都会落空。这类字符来自从 PDF 中复制出的文字，或某些输入法的输入；"
                 "重新输入名称（或做 NFKC 规范化）就能把它们替换掉。"),
    "T601.title": ("情况说明中所述的机关运行经费 / 机构运转经费，等于它所报告的表中数："
                   "版式印有三公表的机关运行经费列时（上海 表9），取该列；否则取基本支出表的公用经费（河南 "
                   "预算06表），与名词解释对它的定义一致。"),
    "T601.details": "以万元印出的数与以元列示的表比较时，是表中数正确四舍五入的结果即为相符。",
    "T601.why": "原因：数字不同，说明文字没有随表格一起更新。",
    "T603.title": ("带有明细的数量要加得起来，须完全相等：`共有车辆3辆，其中：一般公务用车1辆、…其他用车2辆`；"
                   "紧跟在一个数量后面的括号中的明细要加起来等于它（`其他用车2辆（巡逻车1辆，电动巡防车1辆）`）；"
                   "以其中开头的括号，是它前面最近的同类数量的明细（按评级分的项目："
                   "`绩效自评的项目4个…（其中，绩效评级为“优”的项目4个；“良”的项目0个；…）`）。"
                   "只把同一类的数量相加（车辆只与车辆相加：车辆之后的 `0台（套）` 不是车辆的一部分）。"),
    "T603.why": "原因：国有资产占用情况中的数量（车辆、设备）要与资产台账核对；加不起来的明细是转录错误。",
    "C101.title": "文件所属预算年度的官方编码目录存在（否则使用最近的较早年度的目录）。",
    "C101.details": ("budgetlint 按预算的 `fiscal_year` 年度的政府收支分类科目核对编码和名称：内置目录，"
                     "加上预算仓库自己的 "
                     "`classification/<year>/*.csv`（在预算文件所在的文件夹或其上级中查找；"
                     "其中的一行可以新增一个编码，或替换内置目录中编码相同的行）。某年度缺少目录时，"
                     "使用最近的较早年度的目录，本警告会说明这一点；它还会报告仓库目录中没有 `source` 的行。"),
    "C101.why": ("原因：编码和名称在各版之间会有变化；用 2023 年的目录检查 2025 年的预算，"
                 "可能漏掉改了名的科目，或把新编码报告为未知。"),
    "C102.title": ("分类编码在该预算年度有效：没有被取消，处于表中所列的层级，"
                   "并且在目录完整的层级上其上级编码存在。"),
    "C102.details": ("检查预算01/03/04/05/09/10表的支出功能分类编码，"
                     "以及预算06/07表的部门/政府经济分类编码。预算01表和预算04表按类列示支出，所以其编码为 "
                     "3 位。在改革中取消的编码（30104 社会保障缴费 和 30105 伙食费，2018 年以前）为错误。"
                     "只是在不完整的目录中缺失的编码，在这里不算错误（见 C103）。"),
    "C102.why": "原因：当年政府收支分类科目中没有的编码无法记账，而处于错误层级的行会打乱表中按类的求和。",
    "C103.title": "不完整的编码目录中缺失的编码无法核对：每个文件一条警告，列出这些编码。",
    "C103.details": ("内置目录是不完整的（没有找到 2023 年版完整的机器可读版本；见 "
                     "schema/classification/README.md）：其中缺失的编码很可能是有效的。每个文件一条警告，"
                     "报在第一个印有此类编码的行上，按目录（注明版本和状态）"
                     "列出每个此类编码及其旁边所印的名称；超过 30 个编码后，只给出其余的个数。"
                     "要核对某个编码，请把它连同来源加入预算仓库的 `classification/<year>/<list>.csv`。"),
    "C103.why": ("原因：没核对的编码不等于核对过的编码；这条警告让缺口保持可见，而不是默默接受该编码。"
                 "缺口在目录中而不在各行中：用一条说明指出它即可，每行一条警告反而会淹没真正需要改正的问题。"),
    "C104.title": "编码旁所印的名称，是该编码在该预算年度的官方名称。",
    "C104.details": ("名称在统一全角和半角形式（（）与 ()）、引号和空格之后比较；类名称可以不带 支出 "
                     "后缀（预算01表 印 城乡社区 表示 城乡社区支出）。官方的曾用名由 C105 报告。"
                     "对于不在不完整目录中的编码，如果其名称恰好是同一层级另一个编码（且仅此一个）的名称，"
                     "仍然报告（编码为 209 的行印的是 医疗卫生与计划生育支出，这是 210 的曾用名）："
                     "编码或名称有误。"),
    "C104.why": "原因：读者按名称查找科目；错误或混淆的名称会误导读者，而且常常说明该行的编码有误。",
    "C105.title": ("编码的名称是其现行名称，而不是曾用名（城乡社区事务 → 城乡社区支出，"
                   "医疗卫生与计划生育支出 → 卫生健康支出，文化体育与传媒支出 → 文化旅游体育与传媒支出）。"),
    "C105.why": ("原因：公开模板年年沿用，保留着在以后各版政府收支分类科目中已经改名的名称；"
                 "公开文本必须使用其本预算年度的名称。改法是确定的，所以这是错误而不是警告："
                 "消息会给出现行名称。"),
    "C106.title": "目录中没有的编码，在文件的每一行中都印着同一个名称。",
    "C106.details": ("对于目录中有的编码，C104 把每个名称与官方名称比较。对于在不完整目录中缺失的编码，"
                     "官方名称未知，但一个编码只有一个名称：预算03表和预算05表（或预算06表和预算07表）"
                     "中印着同一编码却名称不同的行，相互矛盾。"),
    "C106.why": "原因：名称在各表之间变了，说明其中一处录错了，或者编码有误。",
    "C107.title": ("某种资金的科目只出现在该资金的表中：政府性基金科目（如 2296002 "
                   "用于社会福利的彩票公益金支出）在预算09表中，而不在一般公共预算表 预算05表 中，反之亦然；"
                   "在预算04表中，科目的金额列在其自身资金的列中。"),
    "C107.details": ("预算01表和预算03表涵盖全部资金，不作检查。多数类包含多种资金的科目，"
                     "因此只有在目录给某个类指定了一般公共预算以外的唯一一种资金时，才检查类行。"),
    "C107.why": ("原因：每种资金分别编制、分别审批；一般公共预算表中的彩票公益金行，即使没有金额，"
                 "也同时错报了两种资金。"),
    "C108.title": ("部门预算支出经济分类编码及其政府预算支出经济分类编码遵循对照表，"
                   "无论单位的人员属于哪一类。"),
    "C108.details": ("单位类型（`department.units[].kind`）决定用对照表的哪一侧："
                     "行政单位和参公事业单位用机关一侧（政府经济分类 501–503），"
                     "事业单位用事业单位一侧（505/506）。对照表中列出的对应关系必须相符；"
                     "只列出类级对应关系时（机关一侧 301 → 501），政府经济分类编码必须是该类下的某个款；"
                     "除此之外，属于另一侧的政府经济分类就是错误。单位之下的预算07表各行按该单位的类型；"
                     "部门整体的各行可以按其任一单位的类型。本规则报告在每一侧都错误的对应关系；"
                     "符合另一侧的（行政单位支付事业编制人员），取决于文件没有给出的事实，为警告 C118。"),
    "C108.why": ("原因：政府预算支出经济分类是财政汇总所用的口径；对照表任何一侧都不允许的对应关系，"
                 "会把这笔支出记成别的支出。"),
    "C118.title": ("部门 → 政府经济分类的对应关系，按单位类型是错的，但对另一类人员是对的："
                   "文件没有说明该行支付的是哪类人员，所以这是一条说明此情况的警告。"),
    "C118.details": ("对照表的哪一侧取决于单位类型（见 C108），但单位可能支付另一类人员："
                     "街道办事处（行政单位）常常聘用事业编制人员，其绩效工资 30107 在事业单位一侧（50501）"
                     "列支。文件给出的是单位类型而不是其人员，所以不能说该对应关系是错的；"
                     "警告会指出它符合哪一侧，以及在什么情况下它就是错误（该单位没有这类人员）。"),
    "C118.why": ("原因：依据文件中没有的事实作出的判断不能算错误；但这种对应关系对该类单位来说不寻常，"
                 "了解该单位人员情况的人应予确认或更正。"),
    "C109.title": ("预算06表中，工资福利支出（301）和对个人和家庭的补助（303）属于人员经费；"
                   "商品和服务支出（302）和资本性支出（310）属于公用经费。每行的金额列在其所属类对应的列中。"),
    "C109.why": ("原因：人员经费/公用经费的划分会在情况说明中引用，并在各部门之间比较；"
                 "列错了列的科目会同时错报这两个数。"),
    "C110.title": ("预算08表中有金额的每一项“三公”经费，在预算07表中都有其经济分类行：因公出国（境）费 "
                   "30212、公务接待费 30217、公务用车运行费 30231、公务用车购置费 31013（或 30913），"
                   "以当年的 three_public 目录为准。"),
    "C110.details": "规则 A309 在这些行存在时比较金额；本规则报告缺失的行。",
    "C110.why": ("原因：三公经费在这些经济分类编码下列支；经济分类汇总表中没有对应行的三公金额，"
                 "要么没有编入预算，要么记在了别的编码下。"),
    "C111.title": ("每个预算单位编码都以部门编码开头（部门 151 → 单位 151001、151002……）：在 "
                   "`department.units` 中、在各表的单位行中，以及在预算02表和预算11表各行的 `unit` 中。"),
    "C111.why": ("原因：单位编码把单位归到其部门之下；属于另一部门的单位编码，说明某行是从别的文件抄错的，"
                 "或者录错了。"),
    "C112.title": ("每个项目编码（21 位，预算11表和预算13表）"
                   "都以部门的行政区划代码开头（`department.region_code`，如 410303 洛阳市西工区）。"),
    "C112.why": ("原因：项目编码由本级预算的项目库赋予，以其行政区划代码开头；"
                 "属于其他地区的编码是复制粘贴或录入错误，会切断各项目表之间的关联。"),
    "C113.title": "一个项目编码在一张表（预算11表、预算13表）中只出现一次。",
    "C113.why": ("原因：编码在项目库中标识项目，并把预算11表与预算13表联系起来；两个项目共用一个编码，"
                 "不可能都对。"),
    "C114.title": ("预算13表中的每个项目都有绩效目标，且每类指标至少有一项：成本指标、产出指标、"
                   "效益指标和满意度指标。"),
    "C114.why": ("原因：项目的绩效目标是年度结束后评价其支出的依据；公开时没有绩效目标，"
                 "或缺了某一类指标的项目，就无法据此评价。"),
    "C115.title": ("预算12表中部门整体的、文件本身能够核实的承诺，对文件中的项目成立："
                   "绩效目标编制完成率（有绩效目标的项目所占比例）不低于所声称的值。"),
    "C115.details": ("项目指预算11表和预算13表中的项目；预算13表为某项目印出了至少一个指标时，"
                     "该项目即有绩效目标。"),
    "C115.why": ("原因：部门整体绩效目标表作出承诺，如 绩效目标编制完成率 100%；"
                 "而其自己的预算13表却显示有项目没有绩效目标，这样的公开文本与其承诺相矛盾。"),
    "W001.title": "豁免（在 `waivers:` 中，或行内的 `# budgetlint: disable=…` 注释）没有写明理由。",
    "W001.why": "原因：在公开文件中接受一个已知的错误，是必须有人能向审计人员解释的决定；理由就是这个解释。",
    "W002.title": ("豁免没有对应的问题：它所接受的错误已经改正，其 `at` 路径不对，"
                   "或者该位置的问题所述的数字已不是它所记录的 `figures`（现在是另一个错误：该问题会被报告）"
                   "。"),
    "W002.why": "原因：过时的豁免会掩盖今后在同一位置出现的问题；请删去它们，或按问题现在的样子重新写豁免。",
    "W003.title": "豁免的 `expires` 日期已过；它所接受的问题会重新报告。",
    "W003.why": "原因：豁免本来就是临时的，这样被接受的错误才会在下次修订时改正。",
    "W004.title": ("豁免的 `at` 不是文档路径（`tables.expenditure.rows[3].total`）：方括号中不是数字，"
                   "或方括号没有闭合。"),
    "W004.why": ("原因：这样的豁免匹配不上任何问题；它本想接受的问题会被报告，"
                 "豁免本身的错误则在其所写之处指出。"),
    "W005.title": ("豁免（在 `waivers:` 中或行内）指向读取规则（Y…）、格式规则（S…）或 "
                   "T101（缺少必备的表或部分）。这些问题不能豁免：问题会被报告。"),
    "W005.why": ("原因：不能按所写内容读取、不具备预算文件的结构，或漏掉了部分公开内容的文件，"
                 "不是任何人能够接受的公开文本；对它的其他检查也不可信。这样的文件永远不会通过 "
                 "`budgetlint check`。"),
    "W006.title": ("带 `at` 的豁免没有记录它接受的是哪个问题：没有 `figures:`，即问题所述的金额、"
                   "编码或名称。消息会根据它现在豁免的问题给出建议。"),
    "W006.why": ("原因：只与规则和位置绑定的豁免，也会掩盖以后在该处出现的另一个错误（另一处差额、"
                 "另一个编码）；有了 `figures`，它只接受审阅过的那个问题，"
                 "问题一变就会报告（同时对该豁免报告 W002）。"),
    "X001.title": "某条规则在此文件上发生了意外错误；其他规则仍照常运行。",
    "X001.why": ("原因：程序出错决不能掩盖问题，也不能向经办人员显示程序的出错回溯；"
                 "此问题指出应报告哪条规则，这样文件就不会被默默放过。"),
}

# ---- `--help` in Chinese (cli.py, BudgetlintCommand: `budgetlint --lang zh check --help`, or a Chinese locale)
# Only the Chinese is here: the English is the command's docstring and its options' `help=` in the click
# decorators, which an English run prints as click writes it. Keys: "<command path>" for a command's help
# (`check`, `layout check`; `budgetlint` for the group itself), whose first sentence is also its line in its
# group's list of commands; "<command path> <longest option name>" or "<command path> <ARGUMENT>" for a
# parameter's help (`check --select`); click's own words by their English (`--help`, the section headings,
# `[default]` and `[required]` after an option's help). Option names, metavars, choices and defaults are
# printed as they are. Paragraphs are separated by a blank line; one that starts with "\b" (example
# commands) is printed line by line as written. tests/test_cli_help_zh.py checks that every command and
# parameter has its Chinese, with the option names and figures of its English.
HELP_ZH: dict[str, str] = {
    # click's own words
    "--help": "显示此帮助并退出。",
    "Positional arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "[default]": "默认",
    "[required]": "必填",
    # cli.py
    "budgetlint": ("budgetlint：预算即代码，用于部门预算公开。\n\n"
                   "按格式规则以及算术和分类规则检查预算文件，生成公开文本，并比较各次修订。"),
    "budgetlint --version": "显示版本并退出。",
    "budgetlint --lang": ("问题和消息的语言：en 或 zh（中文）[默认：区域设置（LC_ALL、LC_MESSAGES、LANG）为中文时为 zh，"
                          "否则为 en]。"),
    "check": ("检查预算文件（文件或文件夹；默认：budgets/）。\n\n"
              "文本输出：`file:line:col: severity RULE message`；一个问题比较两处（另一张表、合计的各行）时，"
              "其下为另一侧的每一处各列一行 `↳ file:line:col: 另一侧 (path)`；最后是计数。JSON 以 `related` "
              "给出这些位置，SARIF 以 `relatedLocations` 给出，GitHub 注释则写在消息中。文件无法读取的问题（Y…）"
              "和内部错误（X001）总会报告，不论 --select 和 --ignore 如何设置。\n\n"
              "没有预算文件（*.yaml、*.yml）的文件夹不算错误：新建的仓库还没有预算文件。\n\n"
              "退出码 0：没有错误级别的问题（可以有警告）；1：至少有一个错误；2：用法错误。"),
    "check --format": "输出格式。",
    "check --select": "只报告这些规则：规则编号或编号前缀，以逗号分隔（A3,C104）。",
    "check --ignore": ("不报告这些规则：规则编号或编号前缀，以逗号分隔。--select 与 --ignore 之间，"
                       "以指明该规则的最长前缀为准。"),
    "check --exit-zero": "即使有错误级别的问题，退出码也为 0（用法错误仍以 2 退出）。",
    "check --quiet": "只打印问题本身：其下不列另一侧的各行，不打印最后的计数，也不打印提示。",
    "check --output": "把报告写入 FILE（整个替换），而不是标准输出；决不写到预算文件上。",
    "check --color": "文本格式中使用颜色[默认：在终端上使用，除非设置了 NO_COLOR]。",
    "check --jobs": "并行检查的文件数[默认：处理器核数]。",
    "check --config": "要使用的 budgetlint.toml 或 pyproject.toml[默认：最近的一个]。",
    "rules": "列出全部规则：编号、名称、默认严重级别及其检查的内容。",
    "rules --format": "markdown：即 docs/rules.md 中的规则目录。",
    "explain": "打印一条规则的说明（例如 `budgetlint explain A101`）。",
    "layout": "版式：公开文本有哪些表、各表的列，以及其中成立的求和关系（docs/layouts.md）。",
    "layout check": "校验版式文件：每个问题以 file:line:col 列出（有任何问题时退出码为 2）。",
    "layout list": "列出本仓库可用的版式（先列其自己的 layouts/ 文件夹中的，再列随程序附带的）。",
    # diff_format.py
    "diff": ("逐条预算行比较两份预算。\n\n"
             "OLD 和 NEW 是预算文件，或写作 REV:path 的 git 修订版本，例如：\n\n"
             "\b\n    budgetlint diff HEAD~1:budgets/151-xigong-jiedao/2023.yaml \\\n"
             "        budgets/151-xigong-jiedao/2023.yaml\n\n"
             "\b\n    budgetlint diff budgets/151-xigong-jiedao/2022.yaml \\\n"
             "        budgets/151-xigong-jiedao/2023.yaml\n\n"
             "比较同一部门的两个财政年度时，输出以逐年对比的摘要开头。退出码 0（预算不同时也是 0，"
             "除非给出 --exit-code），某一侧无法读取时为 2。"),
    "diff --format": "text 用于终端，markdown 用于拉取请求的评论，json 供工具读取。",
    "diff --exit-code": "预算不同时以 1 退出（如同 `git diff --exit-code`）。",
    # export.py
    "export": ("导出预算：把整洁的预算行导出为 CSV 或 Parquet（附 datapackage.json），或把一份预算的各表导出为 xlsx。\n\n"
               "\b\n"
               "# out/budget_lines.csv、out/datapackage.json\n"
               "budgetlint export budgets/ --format csv -o out/\n"
               "# out/budget_lines.parquet（需要 pyarrow）\n"
               "budgetlint export budgets/ --format parquet -o out/\n"
               "# 每张表一个工作表，与版式印出的一样\n"
               "budgetlint export budgets/x/2023.yaml -o x-2023.xlsx\n"
               "# 在 Excel 中编辑过的工作簿，读回为预算文件\n"
               "budgetlint import x-2023.xlsx -o x-2023.yaml"),
    "export --format": ("csv：给出的每个文件的预算行，写入 -o 文件夹；parquet：内容相同，格式为 Parquet（需要 "
                        "pyarrow）；xlsx：一个文件的各表，写成工作簿[默认：-o 以 .xlsx 结尾时为 xlsx，否则为 csv]。"),
    "export --output": "csv、parquet：存放 budget_lines.csv（.parquet）和 datapackage.json 的文件夹；xlsx：工作簿文件。",
    "export --force": "覆盖已存在的输出文件。",
    "export --with-findings": "xlsx：加一张问题工作表，并在每个有 `budgetlint check` 问题的单元格上加批注。",
    # fill.py
    "fill": ("写出版式由各组成部分推算出的每个合计和小计（合计、单位行和类/款行、一行中相加的各列、结尾各行），"
             "就地修改，保留注释和排版。\n\n"
             "空着的推算数字会写上，错误的会替换并报告，正确的保持不变；不是推算出的数字从不改动。每个改动的"
             "数字打印为 `file:line:col: figure (path) old → new`。退出码 0（已写入，或无需改动）；给出 --check "
             "时，有数字会改动则为 1；文件无法读取、未通过其 schema 或其求和有歧义（这样的文件决不写入）时为 2。"),
    "fill --diff": "以统一差异格式（unified diff）打印改动；不写入任何文件。",
    "fill --check": "不写入任何文件；有数字会改动时以 1 退出（供 CI 使用）。",
    "fill --config": "要使用的 budgetlint.toml 或 pyproject.toml[默认：最近的一个]。",
    # importer.py
    "import": ("导入已公开的公开文本（PDF），或由 `budgetlint export --format xlsx` 写出的工作簿（FILE.xlsx，"
               "在 Excel 中编辑过），生成其版式的预算文件。\n\n"
               "导入版式中的每张表，数字与印出的完全一致（工作簿：精确到其单元格显示的分），从 PDF 还导入印出的"
               "情况说明、部门职责和机构设置以及名词解释。退出码 0：每张表都完整导入；1：文件已写入，但有内容"
               "无法归位（在标准错误上报告，注明所在页）；2：未写入任何文件（不是 PDF、已加密、没有文本层、"
               "没有适合的版式、工作簿形状不符、输出文件已存在而未给出 --force）。"),
    "import --layout": "文档的版式[默认：根据其印出的表标题识别；工作簿自己写明其版式]。",
    "import --output": "要写出的预算文件[默认：FILE 的文件名改为 .yaml，放在当前文件夹]。",
    "import --force": "输出文件已存在时覆盖它。",
    "import --source-map": "在输出文件旁写出 budgetlint-import.json：每个数字印在 PDF 的何处。",
    # gitools.py
    "init": ("在 FOLDER（默认：当前文件夹）中创建预算仓库：budgets/、pre-commit 钩子、git diff 驱动、CI 工作流程，"
             "以及写给经办人员的 README。FOLDER 尚不在 git 仓库中时运行 `git init`。已有的文件保持不动，"
             "除非给出 --force。"),
    "init --force": "覆盖已存在的文件。",
    "init --skip-existing": "保留已存在的文件，只写出其他文件。",
    "init --example": "另外加入一份完整的示例预算（西工街道 2023）。",
    "init --hook-repo": "budgetlint 的 git URL，用于自行安装 budgetlint 的 pre-commit 钩子[默认：使用已安装的 budgetlint 的本地钩子]。",
    "init --hook-rev": "--hook-repo 的标签、分支或提交，用 git ls-remote 核实[默认：其 HEAD 现在指向的提交]。",
    "init --install": ("CI 工作流程和 README 用 pip 安装的内容：路径、wheel，或 'budgetlint @ git+URL@REV'"
                       "[默认：取自 --hook-repo，否则为本 budgetlint 的安装来源]。"),
    "textconv": ("把预算文件打印为每行一个数字，供 `git diff` 使用（git 的 textconv 驱动）。\n\n"
                 "每个克隆设置一次：\n\n"
                 "\b\n    git config diff.budgetlint.textconv \"budgetlint textconv\"\n\n"
                 "并在 .gitattributes 中写入：budgets/**/*.yaml diff=budgetlint"),
    # coverage.py
    "narrative": "列出预算情况说明中的每个数字，及其与什么核对，或为何不核对。",
    "narrative --unchecked": "只列出未核对的数字，各附原因（末行的统计仍计入全部数字）。",
    # render/cli.py
    "render": "把一个预算文件的公开文本（三个部分和每张表）生成为 Markdown、HTML 或 PDF。",
    "render --format": ("输出格式[默认：由 -o 的后缀（.md、.html、.pdf）决定，否则为 markdown]。pdf 需要 PATH 上"
                        "有无头 Chromium。"),
    "render --output": "写到这里，而不是标准输出。",
    "render --table": "只生成一张表：其编号（03、3）或键（expenditure）。",
    "render --with-findings": "标出每个有 `budgetlint check` 问题的单元格，并列出这些问题。",
    "site": "由一个预算文件夹（默认：budgets/）生成静态网站：索引、公开文本、问题。",
    "site --output": "写入网站的文件夹。",
}
