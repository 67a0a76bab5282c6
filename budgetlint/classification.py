"""The official classification code lists (政府收支分类科目) for a fiscal year, as the rules need them.

The lists are CSV files: the packaged ones in `schema/classification/<year>/` (installed as
`budgetlint.schema`, see its README for what each row rests on) plus a budget repository's own
`classification/<year>/` folder, found by walking up from the budget file's folder. A repository row
adds to the packaged list, or replaces the packaged row with the same key. A year without a list
falls back to the nearest earlier year that has one, and says so in `warnings`.

Lists are read once per (year, repository folder) and process: linting a thousand files reads the
CSVs once.
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from .messages import Message, say

if TYPE_CHECKING:
    from .model import Budget

FOLDER = "classification"
PARTIAL, COMPLETE = "partial", "complete"

# The lists a year has: key → (file name, what it is called in messages, key columns).
LISTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "functional": ("functional.csv", "支出功能分类", ("code",)),
    "economic_department": ("economic_department.csv", "部门预算支出经济分类", ("code",)),
    "economic_government": ("economic_government.csv", "政府预算支出经济分类", ("code",)),
    "economic_mapping": ("economic_mapping.csv", "部门↔政府支出经济分类对照表", ("department_code", "unit_kind")),
    "three_public": ("three_public.csv", say("C101.three_public_list"), ("code",)),
}
# Files about the lists rather than lists of codes: their status, and codes known to be withdrawn.
STATUS_FILE, WITHDRAWN_FILE = "lists.csv", "withdrawn.csv"

# Levels by code length. Functional codes are 类/款/项 (3/5/7 digits), economic codes 类/款 (3/5).
LEVELS = {3: "类", 5: "款", 7: "项"}

# The unit kinds of `department.units[].kind` and the side of the 部门↔政府 对照表 they use:
# 行政单位 and 参公事业单位 are budgeted as 机关 (政府 codes 501–503), 事业单位 on the 事业单位 side
# (505/506).
UNIT_KIND_SIDE = {"行政单位": "机关", "参公事业单位": "机关", "事业单位": "事业单位"}

FUND_NAMES = {"general": "一般公共预算", "gov_fund": "政府性基金预算", "state_capital": "国有资本经营预算"}


def level_of(code: str) -> str:
    return LEVELS.get(len(code), "?")


def parents(code: str) -> list[str]:
    """The codes above `code`, nearest first: 2120101 → [21201, 212]."""
    return [code[:length] for length in (5, 3) if length < len(code)]


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"})


# The same few hundred names are compared again and again, in every file; bounded, so memory stays flat.
@lru_cache(maxsize=8192)
def normalize(name: str, drop_suffix: bool = False) -> str:
    """A name as compared: full-width forms folded to half-width (（）→()), quotes unified, spaces
    removed; with `drop_suffix`, a trailing 支出 removed (类 names are printed with or without it)."""
    text = "".join(unicodedata.normalize("NFKC", name).translate(_QUOTES).split())
    if drop_suffix and text.endswith("支出") and len(text) > 2:
        text = text[:-2]
    return text


@dataclass(frozen=True)
class Entry:
    """One row of a code list."""

    code: str
    name: str
    level: str
    parent: str
    fund: str = ""  # functional only: general / gov_fund / state_capital
    former_names: tuple[str, ...] = ()
    edition: str = ""
    source: str = ""


@dataclass(frozen=True, eq=False)
class ListInfo:
    """Where a list comes from and how far it can be trusted."""

    key: str
    title: str
    file: str
    year: int  # the year of the list used (earlier than the budget's year after a fall-back)
    edition: str  # a Message: the lists.csv text with its Chinese, or made from the catalogue
    status: str  # complete: a code not in it does not exist; partial: a known-good subset
    complete_levels: frozenset[str]  # levels that are complete in a partial list (e.g. 类)
    origin: str  # "packaged", "repository <folder>" or both

    @property
    def available(self) -> bool:
        """False when no list exists for the year or before it: nothing can be checked against it."""
        return self.origin != "none"

    @property
    def complete(self) -> bool:
        return self.status == COMPLETE

    def level_complete(self, level: str) -> bool:
        return self.complete or level in self.complete_levels

    def describe(self) -> Message:
        """`支出功能分类 (functional.csv, 2023 edition (财预〔2022〕107号), partial, packaged)`."""
        status = say("C101.complete" if self.complete else "C101.partial")
        return say("C101.list", title=self.title, file=self.file, edition=self.edition, status=status,
                   origin=self.origin)


@dataclass(frozen=True, eq=False)
class CodeList:
    """A code list: entries by code, and an index of current and former names."""

    info: ListInfo
    entries: Mapping[str, Entry]
    # normalised name (类 names also without 支出) → codes whose current name it is / former name it is
    current_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    former_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def get(self, code: str) -> Entry | None:
        return self.entries.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def codes_named(self, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Codes whose current name is `name`, and codes that `name` is a former name of."""
        keys = {normalize(name), normalize(name, drop_suffix=True)}
        current = sorted({c for k in keys for c in self.current_names.get(k, ())})
        former = sorted({c for k in keys for c in self.former_names.get(k, ())})
        return tuple(current), tuple(former)


@dataclass(frozen=True)
class Withdrawn:
    code: str
    list: str
    name: str
    note: str  # a Message: withdrawn.csv's note with its Chinese (note_zh)
    source: str


@dataclass(frozen=True, eq=False)
class Classification:
    """Everything the classification rules read for one fiscal year."""

    year: int
    functional: CodeList
    economic_department: CodeList
    economic_government: CodeList
    mapping_info: ListInfo
    mapping: Mapping[tuple[str, str], str]  # (部门 code, side 机关/事业单位) → 政府 code
    three_public_info: ListInfo
    three_public: Mapping[str, tuple[str, ...]]  # 三公 item (overseas …) → economic codes
    withdrawn: Mapping[str, Withdrawn]
    warnings: tuple[str, ...] = ()

    def correspondence(self, department_code: str, side: str) -> str | None:
        return self.mapping.get((department_code, side))

    def withdrawn_from(self, codes: CodeList, code: str) -> Withdrawn | None:
        entry = self.withdrawn.get(code)
        return entry if entry is not None and entry.list == codes.info.key and code not in codes else None


# ---------------------------------------------------------------------------------------------- reading

Rows = dict[tuple[str, ...], dict[str, str]]


def _parse(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]


def _package_folder(year: int) -> Traversable:
    return resources.files("budgetlint.schema").joinpath(FOLDER, str(year))


@lru_cache(maxsize=1)
def packaged_years() -> tuple[int, ...]:
    folder = resources.files("budgetlint.schema").joinpath(FOLDER)
    return tuple(sorted(int(entry.name) for entry in folder.iterdir() if entry.name.isdigit() and entry.is_dir()))


def _years(folder: Path) -> list[int]:
    try:
        return [int(p.name) for p in folder.iterdir() if p.name.isdigit() and p.is_dir()]
    except OSError:
        return []


@lru_cache(maxsize=4096)
def repository_folder(start: str, year: int) -> str | None:
    """The folder whose `classification/` holds this repository's lists, walking up from `start`.

    The first folder with `classification/<year>/` wins; failing that, the first with a
    `classification/` folder for an earlier year (its lists are the fall-back).
    """
    chain = [start, *map(str, Path(start).parents)]
    for folder in chain:
        if year in _list_years(folder):
            return folder
    for folder in chain:
        if any(y < year for y in _list_years(folder)):
            return folder
    return None


@lru_cache(maxsize=4096)
def _list_years(folder: str) -> tuple[int, ...]:
    """The years of `<folder>/classification/`; cached, so a thousand budgets under one repository look
    at each shared parent folder once."""
    return tuple(_years(Path(folder) / FOLDER))


def _read_file(year: int, name: str, repository: str | None, warnings: list[str]) -> tuple[list[dict[str, str]],
                                                                                          list[dict[str, str]]]:
    """Packaged rows and repository rows of one file of one year (either may be empty)."""
    packaged_file = _package_folder(year).joinpath(name)
    packaged = _parse(packaged_file.read_text(encoding="utf-8")) if packaged_file.is_file() else []
    local: list[dict[str, str]] = []
    if repository is not None:
        path = Path(repository, FOLDER, str(year), name)
        if path.is_file():
            try:
                local = _parse(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, csv.Error) as error:
                warnings.append(say("C101.unreadable", path=path, error=error))
            for index, row in enumerate(local, start=2):
                if not row.get("source"):
                    warnings.append(say("C101.no_source", path=path, line=index,
                                        code=row.get("code") or row.get("department_code")))
    return packaged, local


def _has_file(year: int, name: str, repository: str | None) -> bool:
    if _package_folder(year).joinpath(name).is_file():
        return True
    return repository is not None and Path(repository, FOLDER, str(year), name).is_file()


def _year_for(year: int, name: str, repository: str | None) -> int | None:
    """The year whose `name` list is used for `year`: that year, else the nearest earlier one."""
    candidates = set(packaged_years())
    if repository is not None:
        candidates.update(_years(Path(repository, FOLDER)))
    for candidate in sorted((y for y in candidates if y <= year), reverse=True):
        if _has_file(candidate, name, repository):
            return candidate
    return None


def _merge(packaged: list[dict[str, str]], local: list[dict[str, str]], key: tuple[str, ...]) -> Rows:
    rows: Rows = {}
    for row in [*packaged, *local]:  # a repository row replaces the packaged row with the same key
        if all(row.get(column) for column in key):
            rows[tuple(row[column] for column in key)] = row
    return rows


def _origin(packaged: list[dict[str, str]], local: list[dict[str, str]], repository: str | None) -> str:
    # A Message compares as its English, so `origin != "none"` and `"repository" in origin` hold as before.
    if packaged and local:
        return say("C101.packaged_and_repository", folder=repository)
    if packaged or local:
        return say("C101.packaged") if packaged else say("C101.repository", folder=repository)
    return say("C101.no_origin")


def _text(row: Mapping[str, str], column: str) -> str:
    """A text column of a CSV row in both languages: `<column>_zh` holds its Chinese. A repository's own
    CSV may lack that column (or leave it empty): the text as written then serves both languages."""
    en = row.get(column, "")
    zh = row.get(f"{column}_zh", "") or en
    return say("classification.text", en=en or zh, zh=zh) if zh else ""


def _status(year: int, repository: str | None) -> dict[str, dict[str, str]]:
    packaged, local = _read_file(year, STATUS_FILE, repository, [])
    return {key[0]: row for key, row in _merge(packaged, local, ("list",)).items()}


def _info(key: str, year: int | None, requested: int, repository: str | None, origin: str,
          warnings: list[str]) -> ListInfo:
    file, title, _ = LISTS[key]
    if year is None:
        warnings.append(say("C101.no_list", title=title, file=file, year=requested))
        return ListInfo(key, title, file, requested, say("C101.no_edition"), PARTIAL, frozenset(), "none")
    status = _status(year, repository).get(key, {})
    edition = _text(status, "edition") or say("C101.edition", year=year)
    if year != requested:
        edition = say("C101.edition_used_for", edition=edition, year=requested)
        warnings.append(say("C101.fallback", title=title, file=file, year=requested, used=year))
    levels = frozenset(level.strip() for level in status.get("complete_levels", "").split(";") if level.strip())
    state = COMPLETE if status.get("status") == COMPLETE else PARTIAL
    return ListInfo(key, title, file, year, edition, state, levels, origin)


def _code_list(key: str, requested: int, repository: str | None, warnings: list[str]) -> CodeList:
    file = LISTS[key][0]
    year = _year_for(requested, file, repository)
    packaged, local = _read_file(year, file, repository, warnings) if year is not None else ([], [])
    info = _info(key, year, requested, repository, _origin(packaged, local, repository), warnings)
    entries: dict[str, Entry] = {}
    current: dict[str, set[str]] = {}
    former: dict[str, set[str]] = {}
    for (code,), row in _merge(packaged, local, ("code",)).items():
        formers = tuple(n.strip() for n in row.get("former_names", "").split(";") if n.strip())
        entry = Entry(code, row.get("name", ""), row.get("level") or level_of(code),
                      row.get("parent") or (code[:-2] if len(code) > 3 else ""), row.get("fund", ""), formers,
                      row.get("edition", ""), row.get("source", ""))
        entries[code] = entry
        for names, index in (((entry.name,), current), (formers, former)):
            for name in names:
                for form in _name_forms(name, code):
                    index.setdefault(form, set()).add(code)
    return CodeList(info, entries, _freeze(current), _freeze(former))


def _name_forms(name: str, code: str) -> set[str]:
    forms = {normalize(name)}
    if len(code) == 3:
        forms.add(normalize(name, drop_suffix=True))
    return forms


def _freeze(index: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(sorted(codes)) for name, codes in index.items()}


def _rows_of(key: str, requested: int, repository: str | None,
             warnings: list[str]) -> tuple[ListInfo, Rows]:
    file, _, columns = LISTS[key]
    year = _year_for(requested, file, repository)
    packaged, local = _read_file(year, file, repository, warnings) if year is not None else ([], [])
    info = _info(key, year, requested, repository, _origin(packaged, local, repository), warnings)
    return info, _merge(packaged, local, columns)


def _withdrawn(requested: int, repository: str | None, warnings: list[str]) -> dict[str, Withdrawn]:
    # Withdrawn codes stay withdrawn: the nearest list at or before the year is used without a warning.
    year = _year_for(requested, WITHDRAWN_FILE, repository)
    if year is None:
        return {}
    packaged, local = _read_file(year, WITHDRAWN_FILE, repository, warnings)
    return {code: Withdrawn(code, row.get("list", ""), row.get("name", ""), _text(row, "note"), row.get("source", ""))
            for (code,), row in _merge(packaged, local, ("code",)).items()}


@lru_cache(maxsize=64)
def load(year: int, repository: str | None = None) -> Classification:
    """The lists for `year`: packaged, plus those in `<repository>/classification/`; read once per process."""
    warnings: list[str] = []
    functional = _code_list("functional", year, repository, warnings)
    department = _code_list("economic_department", year, repository, warnings)
    government = _code_list("economic_government", year, repository, warnings)
    mapping_info, mapping_rows = _rows_of("economic_mapping", year, repository, warnings)
    mapping = {(code, UNIT_KIND_SIDE.get(side, side)): row.get("government_code", "")
               for (code, side), row in mapping_rows.items() if row.get("government_code")}
    three_info, three_rows = _rows_of("three_public", year, repository, warnings)
    three_public: dict[str, list[str]] = {}
    for (code,), row in three_rows.items():
        if row.get("item"):
            three_public.setdefault(row["item"], []).append(code)
    return Classification(year, functional, department, government, mapping_info, mapping, three_info,
                          {item: tuple(codes) for item, codes in three_public.items()},
                          _withdrawn(year, repository, warnings), tuple(dict.fromkeys(warnings)))


def for_file(file: str | os.PathLike[str], year: int) -> Classification:
    """The lists that apply to a budget file of fiscal year `year` (its repository's lists included)."""
    folder = os.path.dirname(os.path.abspath(file))
    return load(year, repository_folder(folder, year))


def lists_for(budget: Budget) -> Classification | None:
    """The code lists for a budget's fiscal year (looked up once per file and kept with the budget)."""
    year = budget.fiscal_year
    return budget.once("code_lists", lambda: for_file(budget.file, year) if year is not None else None)


def unit_sides(kinds: Iterable[str]) -> frozenset[str]:
    """The 对照表 sides (机关 / 事业单位) of the given unit kinds; unknown kinds are ignored."""
    return frozenset(UNIT_KIND_SIDE[kind] for kind in kinds if kind in UNIT_KIND_SIDE)
