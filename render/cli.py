"""`budgetlint render` and `budgetlint site`: thin click commands over render.api and render.site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from budgetlint.config import Config, ConfigError, find_config, load_config
from budgetlint.findings import EXIT_USAGE
from budgetlint.help import BudgetlintCommand
from budgetlint.layout import TableNotFound
from budgetlint.lint import RULES_BY_ID, UsageError, check_file
from budgetlint.messages import tr
from budgetlint.report import emit, visible

from .api import FORMATS, PDF, SUFFIXES, LoadError, format_for, load_budget, render
from .pdf import PDFError, write_pdf
from .site import SiteError, build_site

DEFAULT_BUDGETS = "budgets"
DEFAULT_SITE = "public"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _write(output: Path, content: str) -> None:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(content, encoding="utf-8")
    except OSError as error:
        raise click.ClickException(tr("cli.cannot_write", path=output, error=error.strerror or error)) from None


def _config() -> Config:
    try:
        return load_config(find_config(Path.cwd()), set(RULES_BY_ID))
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


def _chosen_format(output_format: str | None, output: Path | None) -> str:
    chosen = output_format or format_for(output)
    if chosen is None:
        suffixes = ", ".join(sorted(SUFFIXES))
        raise click.UsageError(tr("cli.render.no_format", output=output, suffixes=suffixes,
                                  formats="|".join([*sorted(FORMATS), PDF])))
    if chosen == PDF and output is None:
        raise click.UsageError(tr("cli.render.pdf_needs_file"))
    return chosen


@click.command("render", cls=BudgetlintCommand)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice([*sorted(FORMATS), PDF]), default=None,
              help="Output format [default: from the -o suffix (.md, .html, .pdf), else markdown]. pdf needs "
                   "headless Chromium on PATH.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of standard output.")
@click.option("--table", "table", default=None, metavar="TABLE",
              help="Render one table only: its number (03, 3) or key (expenditure).")
@click.option("--with-findings", is_flag=True,
              help="Mark each cell that has a finding of `budgetlint check`, and list the findings.")
def render_command(file: Path, output_format: str | None, output: Path | None, table: str | None,
                   with_findings: bool) -> None:
    """Render the disclosure of one budget file (the three parts and every table) as Markdown, HTML or PDF."""
    if output is not None and _same_file(output, file):
        raise click.UsageError(tr("cli.output_is_input", output=output))
    chosen = _chosen_format(output_format, output)
    findings = check_file(file, _config()) if with_findings else None
    try:
        data = load_budget(file)
    except LoadError as error:
        click.echo(f"budgetlint render: {error}", err=True)
        sys.exit(EXIT_USAGE)
    try:
        text = render(data, "html" if chosen == PDF else chosen, table, findings)
    except TableNotFound as error:
        raise click.UsageError(str(error)) from None
    except Exception as error:  # noqa: BLE001 - a renderer bug must not end in a traceback; say what to report
        raise click.ClickException(tr("cli.render.internal", file=file,
                                      error=f"{type(error).__name__}: {error}")) from None
    if output is None:
        emit(text, machine=True, nl=False)  # a document: UTF-8, as the HTML page declares
    elif chosen == PDF:
        try:
            write_pdf(text, output)
        except PDFError as error:
            click.echo(f"budgetlint render: {error}", err=True)
            sys.exit(EXIT_USAGE)
    else:
        _write(output, text)


@click.command("site", cls=BudgetlintCommand)
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path(DEFAULT_SITE),
              show_default=True, help="Folder to write the site into.")
def site_command(folder: Path | None, output: Path) -> None:
    """Build a static site from a folder of budgets (default: budgets/): index, disclosures, findings."""
    root = folder or Path(DEFAULT_BUDGETS)
    if not root.is_dir():
        raise click.UsageError(tr("cli.site.no_folder", root=root))
    if _inside(output, root):
        raise click.UsageError(tr("cli.site.output_inside", output=output, root=root))
    config = _config()
    try:
        result = build_site(root, output, config)
    except (SiteError, UsageError) as error:  # no budgets, colliding page names, a folder it cannot list
        click.echo(visible(f"budgetlint site: {error}"), err=True)  # file names may hold control characters
        sys.exit(EXIT_USAGE)
    except OSError as error:
        raise click.ClickException(tr("cli.site.write_failed", output=output, error=error)) from None
    count = len(result.entries)
    emit(tr("cli.site.written", pages=len(result.pages), count=count, s="" if count == 1 else "s", output=output))
