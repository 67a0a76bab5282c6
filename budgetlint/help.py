"""`--help` in the run's language. click writes help in English (its own words through gettext, which is
global and left alone); in a Chinese run budgetlint's commands write it from messages.HELP_ZH, in click's
layout. The English stays in the click decorators, its one source.

Every command of budgetlint is a `BudgetlintCommand` (`cls=`), also those defined in other modules: this
module imports only click and the message catalogue, so defining a command costs no linter import.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Iterable

import click

from .messages import HELP_ZH, ZH, current_language, in_language, say


def _zh(key: str, /, **params: object) -> str:
    return in_language(say(key, **params), ZH)


ROOT_HELP = "budgetlint"  # HELP_ZH's key of the group `main` itself; a command's key is its path (`layout check`)
WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"  # CJK characters and full-width punctuation
# What a line never breaks inside: a wide character, or a run of others up to a space; opening punctuation
# stays with what follows it (`[` only before a wide character: `rows[3]` is one run), closing punctuation
# with what precedes it. The last alternative keeps any other character: nothing is ever dropped.
NARROW = rf"(?:[^\s{WIDE}\[\]]|\[(?![{WIDE}]))(?:[^\s{WIDE}\[]|\[(?![{WIDE}]))*"
UNBREAKABLE = re.compile(rf"\s+|[（“《「\[]*(?:[{WIDE}]|{NARROW})[，。、；：？！）”》」\]]*|\S")


def _columns(text: str) -> int:
    """The terminal columns `text` takes: a wide (East Asian) character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def _lines(paragraph: str, width: int) -> list[str]:
    """`paragraph` broken into lines of at most `width` columns, at spaces and between wide characters."""
    lines: list[str] = []
    line = ""
    for piece in UNBREAKABLE.findall(paragraph):
        if piece.isspace():
            line += piece.replace("\n", " ") if line else ""
        elif line and _columns(line + piece) > width:
            lines.append(line.rstrip())
            line = piece
        else:
            line += piece
    return [*lines, line.rstrip()] if line else lines


def _wrapped(text: str, width: int) -> str:
    """`text` with each paragraph wrapped at `width` columns and marked `\\b`, which click prints as it is:
    click wraps by characters, and a Chinese character takes two columns. A paragraph marked `\\b` already
    (an example command) is left as written."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        if not paragraph.startswith("\b"):
            indent = len(paragraph) - len(paragraph.lstrip(" "))
            paragraph = "\n".join(["\b", *(" " * indent + line for line in _lines(paragraph.strip(), width - indent))])
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


class ChineseHelpFormatter(click.HelpFormatter):
    """click's help layout in Chinese: `用法：`, headings that end in a full-width colon, and lines wrapped
    by the columns they take."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _zh("cli.usage.usage") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        super().write_text(_wrapped(text, self.width - self.current_indent))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        # the width click gives the second column (HelpFormatter.write_dl), so Chinese wraps where English does
        first = min(click.formatting.measure_table(rows)[0], col_max) + col_spacing
        width = max(self.width - first - 2, 10)
        super().write_dl([(term, _wrapped(text, width) if text else text) for term, text in rows], col_max, col_spacing)


def help_path(ctx: click.Context) -> list[str]:
    """The names of the commands from `main` down to ctx's: [] for `main`, ["layout", "check"]."""
    names: list[str] = []
    while ctx.parent is not None:
        names.insert(0, ctx.command.name or "")
        ctx = ctx.parent
    return names


def help_key(path: list[str]) -> str:
    return " ".join(path) or ROOT_HELP


def param_help_key(command_key: str, param: click.Parameter, ctx: click.Context) -> str:
    """HELP_ZH's key of a parameter's help: `check --select` (an option by its longest name), `check PATHS`;
    `--help` for the help option click gives every command, in the same words."""
    # by its names: click before 8.1.8 makes a new help option each time it is asked for one
    if isinstance(param, click.Option) and set(param.opts) == set(ctx.command.get_help_option_names(ctx)):
        return "--help"
    if isinstance(param, click.Option):
        return f"{command_key} {max(param.opts, key=len)}"
    return f"{command_key} {param.human_readable_name}"


def _extra_in_chinese(extra: str) -> str:
    """What click writes after an option's help (`  [default: text; required]`) in Chinese; a range
    (`x>=1`) and the default itself as they are."""
    inside = extra.strip()
    if not (inside.startswith("[") and inside.endswith("]")):
        return extra
    items = []
    for item in inside[1:-1].split("; "):
        if item.startswith("default: "):
            item = f"{HELP_ZH['[default]']}：{item.removeprefix('default: ')}"
        elif item == "required":
            item = HELP_ZH["[required]"]
        items.append(item)
    return f"{extra[:len(extra) - len(extra.lstrip())]}[{'；'.join(items)}]"


def _param_row(param: click.Parameter, ctx: click.Context, command_key: str) -> tuple[str, str] | None:
    """A parameter's line in a Chinese --help: click's names and metavar, the Chinese of its help (its English
    if HELP_ZH lacks it, which tests/test_cli_help_zh.py does not let pass)."""
    record = param.get_help_record(ctx)
    if record is None:  # hidden
        return None
    names, english = record
    said = getattr(param, "help", None) or ""  # click 8.1's arguments have no help
    extra = english[len(said):] if english.startswith(said) else ""
    return names, (HELP_ZH.get(param_help_key(command_key, param, ctx), said) if said else "") + _extra_in_chinese(extra)


def first_sentence(chinese: str) -> str:
    """A command's line in its group's Chinese --help: the first sentence of its Chinese help."""
    first = chinese.split("\n\n")[0]
    return first[:first.find("。") + 1] or first


class BudgetlintCommand(click.Command):
    """A command whose `--help` is in the run's language: click's own in English, HELP_ZH's in Chinese.
    Every command of budgetlint is one (`cls=`), those of other modules too."""

    def get_help(self, ctx: click.Context) -> str:
        if current_language() != ZH:
            return super().get_help(ctx)
        formatter = ChineseHelpFormatter(width=ctx.terminal_width, max_width=ctx.max_content_width)
        self.format_help(ctx, formatter)
        return formatter.getvalue().rstrip("\n")

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if current_language() != ZH:
            super().format_help(ctx, formatter)
            return
        key = help_key(help_path(ctx))
        self.format_usage(ctx, formatter)  # the formatter says 用法：
        text = HELP_ZH.get(key) or inspect.cleandoc(self.help or "")
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)
        params = self.get_params(ctx)
        arguments: list[click.Parameter] = [param for param in params if isinstance(param, click.Argument)]
        # as click 8.5 does: the arguments have a section when one of them has a help text
        sections: list[tuple[str, list[click.Parameter]]] = [
            ("Positional arguments", arguments if any(getattr(a, "help", None) for a in arguments) else []),
            ("Options", [param for param in params if isinstance(param, click.Option)])]
        for heading, shown in sections:
            rows = [row for row in (_param_row(param, ctx, key) for param in shown) if row is not None]
            if rows:
                with formatter.section(HELP_ZH[heading]):
                    formatter.write_dl(rows)
        if isinstance(self, click.Group):  # its commands, after its options, as click lists them
            self.format_commands(ctx, formatter)
