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
    # ---- classification (rules/classification.py)
    # ---- across tables (rules/crosstable.py)
    # ---- completeness and wording (rules/text.py)
    # ---- narrative and execution (rules/narrative.py, rules/execution.py, narrative.py)
    # ---- command line (cli.py, config.py, report.py, diff_format.py, coverage.py, fill.py, gitools.py, render/)
    # ---- import and export (importer.py, workbook.py, export.py)
}
