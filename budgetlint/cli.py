"""The `budgetlint` command line. Thin: parsing and printing only; the work is in `lint`, `render`, …"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

EXIT_INTERRUPTED = 130  # 128 + SIGINT: what shells and CI read as "stopped by Ctrl-C"
INTERRUPTED = "budgetlint: interrupted"

try:  # Ctrl-C while Python loads the rules (a third of a second): as during a command, no traceback
    import click

    from . import __version__
    from .config import ConfigError, find_config, load_config
    from .findings import EXIT_CLEAN, EXIT_USAGE, exit_code
    from .lint import RULES_BY_ID, UsageError, lint
    from .report import REPORTERS, as_json, emit, sarif
    from .rules import CATALOGUE
except KeyboardInterrupt:
    print(INTERRUPTED, file=sys.stderr)
    sys.exit(EXIT_INTERRUPTED)

DEFAULT_BUDGETS = "budgets"

# Commands defined in modules of their own: name → "module:attribute". They are imported only when
# used, so that `budgetlint check` in a pre-commit hook does not pay for the renderers' imports.
OTHER_COMMANDS = {
    "diff": "budgetlint.diff_format:diff_command",
    "export": "budgetlint.export:export_command",
    "import": "budgetlint.importer:import_command",
    "init": "budgetlint.gitools:init_command",
    "narrative": "budgetlint.coverage:narrative_command",
    "render": "budgetlint.render.cli:render_command",
    "site": "budgetlint.render.cli:site_command",
    "textconv": "budgetlint.gitools:textconv_command",
}


def _on_sigint(main_pid: int) -> Callable[[int, FrameType | None], None]:
    """A SIGINT handler for this process and the workers `check --jobs` forks from it: Ctrl-C reaches
    them all, and a worker would print a traceback of its own; it ends quietly, and the main process
    says it, once (below)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != main_pid:
            os._exit(EXIT_INTERRUPTED)
        raise KeyboardInterrupt

    return handler


class BudgetlintGroup(click.Group):
    """The command group: commands of this module, plus OTHER_COMMANDS imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *OTHER_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in OTHER_COMMANDS:
            module, attribute = OTHER_COMMANDS[name].split(":")
            command: click.Command = getattr(importlib.import_module(module), attribute)
            return command
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not ignored (`nohup`, `&`)
            signal.signal(signal.SIGINT, _on_sigint(os.getpid()))
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # Ctrl-C: one line, and the exit code of a program stopped by SIGINT (128 + 2), which shells
            # and CI tell from a failure; click would print `Aborted!` and exit with 1, like a finding.
            click.echo(INTERRUPTED, err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=BudgetlintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="budgetlint")
def main() -> None:
    """budgetlint: budget-as-code for department budget disclosures (部门预算公开).

    Check budget files against the format and the arithmetic and classification rules, render the
    disclosure, and compare revisions.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text",
              show_default=True, help="Output format.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Files checked in parallel [default: number of cores].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="budgetlint.toml or pyproject.toml to use [default: nearest one].")
def check(paths: tuple[str, ...], output_format: str, jobs: int | None, config_path: str | None) -> None:
    """Check budget files (files or folders; default: budgets/).

    Exit code 0: no error-severity finding (warnings allowed); 1: at least one error; 2: usage error.
    """
    if not paths:
        if not Path(DEFAULT_BUDGETS).is_dir():
            raise click.UsageError(f"no paths given and no {DEFAULT_BUDGETS}/ folder here")
        paths = (DEFAULT_BUDGETS,)
    try:
        config_file = Path(config_path) if config_path else find_config(Path.cwd())
        if config_path and not Path(config_path).is_file():
            raise ConfigError(f"no such configuration file: {config_path}")
        config = load_config(config_file, set(RULES_BY_ID))
        result = lint(paths, config, jobs or os.cpu_count() or 1)
    except (UsageError, ConfigError) as error:
        raise click.UsageError(str(error)) from None
    if result.files_checked == 0:
        click.echo(f"no budget files (*.yaml) found in: {', '.join(paths)}", err=True)
        sys.exit(EXIT_USAGE)
    if output_format == "sarif":
        output = sarif(result.findings, result.files_checked, CATALOGUE)
    elif output_format == "json":
        output = as_json(result.findings, result.files_checked, result.skipped)
    else:
        output = REPORTERS[output_format](result.findings, result.files_checked)
    if output:
        emit(output, machine=output_format != "text")
    sys.exit(exit_code(result.findings))


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True, help="markdown: the catalogue as docs/rules.md.")
def list_rules(output_format: str) -> None:
    """List every rule: ID, name, default severity and what it checks."""
    if output_format == "markdown":
        from .catalogue import markdown

        emit(markdown(CATALOGUE), machine=True, nl=False)  # the text of docs/rules.md
        return
    for entry in CATALOGUE:
        emit(f"{entry.id}  {entry.name:<40} {entry.severity:<8} {entry.summary}")


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print the documentation of one rule (e.g. `budgetlint explain A101`)."""
    entry = RULES_BY_ID.get(rule_id.upper())
    if entry is None:
        raise click.UsageError(f"unknown rule `{rule_id}`; `budgetlint rules` lists them")
    emit(f"{entry.id} {entry.name} ({entry.severity})\n")
    emit(entry.doc)
    sys.exit(EXIT_CLEAN)


@main.group("layout")
def layout_group() -> None:
    """Layouts: which tables a disclosure has, their columns and the sums that hold (docs/layouts.md)."""


@layout_group.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path())
def layout_check(files: tuple[str, ...]) -> None:
    """Validate layout files: every problem as file:line:col (exit code 2 if there is any)."""
    from .layout import check_layout_file

    folders = _layout_folders()
    problems = []
    for name in files:
        path = Path(name)
        if not path.is_file():
            raise click.UsageError(f"no such layout file: {name}")
        problems += check_layout_file(path, folders)
    for problem in problems:
        emit(f"{problem.file}:{problem.line}:{problem.column}: error {problem.message}")
    if problems:
        sys.exit(EXIT_USAGE)
    emit(f"{len(files)} layout file{'s' if len(files) != 1 else ''} checked: no problems")


@layout_group.command("list")
def layout_list() -> None:
    """List the layouts this repository can use (its own layouts/ folder first, then the packaged ones)."""
    from .layout import LayoutError, find_layout_file, known_layouts, load_layout

    folders = _layout_folders()
    for name in known_layouts(folders):
        try:
            layout = load_layout(name, folders)
            emit(f"{name:<24} {layout.document_kind:<6} {len(layout.tables):>2} tables  "
                 f"{find_layout_file(name, folders)}")
        except LayoutError as error:
            emit(f"{name:<24} cannot be used: {error.message}")


def _layout_folders() -> tuple[Path, ...]:
    try:
        return load_config(find_config(Path.cwd()), set(RULES_BY_ID)).layout_folders
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


if __name__ == "__main__":  # pragma: no cover
    main()
