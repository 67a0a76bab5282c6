"""Layouts: which tables a disclosure has, how each is printed, which columns it has and which sums hold.

A layout is data (`schema/layouts/<name>.yaml`, or a budget repository's own `layouts/` folder); this
module is the only reader of layout files. Everything else asks it: rules (which tables and columns
exist, labels for messages, declared identities), the schema builder (which keys a file may hold),
the renderers (numbers, titles, header trees) and diff (labels). No code outside the layout files
names a province, a table number or a printed label.

A column that a table's layout does not list is not published: rules never read it as 0.00, and
the schema rejects it in a file of that layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .messages import current_language, in_language, say, tr

Column = tuple[str, ...]

DEFAULT_LAYOUT = "henan-2023"
SHAPES = ("grid", "summary", "fiscal_summary", "department_performance")
LAYOUT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")  # a name, never a path
GENERIC_ROW_SUM_RULE = "A119"
_FIELD = re.compile(r"\{([a-z_]+)\}")
# A figure of an identity: TABLE.SELECTOR.COLUMN or TABLE.FIELD.PATH (see docs/layouts.md).
_TERM = re.compile(r"^(?P<table>[a-z_]+)\.(?P<rest>[a-z_.\[\]0-9]+)$")
_SELECTOR = re.compile(r"^(?P<name>total|class|code|revenue)(\[(?P<arg>[a-z0-9_]+)\])?$")
# A narrative phrase whose figures a rule of its own checks (`机关运行经费: T601`), instead of a figure.
_RULE_ID = re.compile(r"^[A-Z][0-9]{3}$")
# The roles of `narrative_words`: words a layout's wording adds to the grammar the narrative reader knows.
NARRATIVE_WORDS = ("parts",)


class LayoutError(Exception):
    """A layout that cannot be used: unknown name, unreadable file, or content that does not fit.

    `message` is a catalogue Message in both languages (a rule puts it into its finding, T101); printed,
    the error is in the run's language."""

    def __init__(self, message: str, file: str = "", line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.file, self.line, self.column = message, file, line, column

    def __str__(self) -> str:
        message = in_language(self.message, current_language())
        return f"{self.file}:{self.line}:{self.column}: {message}" if self.file else message


@dataclass(frozen=True)
class RowSum:
    """`column = sum(parts)` in every row of a table, reported by `rule`."""

    column: Column
    parts: tuple[Column, ...]
    rule: str


@dataclass(frozen=True)
class Term:
    """One figure of an identity: a scalar (`selector` "" or "total") or figures keyed by code."""

    table: str
    selector: str  # total | class | code | code=<code> | revenue=<source> | "" (a field of the table)
    column: Column  # the column (selectors) or the field path (no selector)
    text: str

    @property
    def keyed(self) -> bool:
        return self.selector in ("class", "code")


@dataclass(frozen=True)
class Identity:
    text: str
    left: tuple[Term, ...]
    relation: str  # = | <= | >=
    right: tuple[Term, ...]
    index: int  # position in the layout's `identities` list


@dataclass(frozen=True)
class TableSpec:
    key: str
    number: str
    title: str
    label: str  # 预算03表 / 表3
    shape: str
    required: bool
    unit: str | None  # the unit the table prints its amounts in, if not the layout's
    columns: tuple[Column, ...]  # amount columns (grid, fiscal_summary, department_performance)
    side_columns: dict[str, tuple[Column, ...]]  # summary: revenue/expenditure → columns
    row_sums: tuple[RowSum, ...]
    raw: dict[str, Any] = field(repr=False, compare=False)

    def has(self, column: Column, side: str = "") -> bool:
        if side:
            return column in self.side_columns.get(side, ())
        return column in self.columns or any(column in cols for cols in self.side_columns.values())


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: layouts are loaded once per process
class Layout:
    name: str
    document_kind: str
    amount_unit: str
    source: str
    tables: dict[str, TableSpec]
    identities: tuple[Identity, ...]
    raw: dict[str, Any] = field(repr=False, compare=False)
    # The narrative's wording (docs/narrative.md). Phrases of the text (收入预算, 财政拨款支出预算 …) and the
    # figure each names, in every section; phrases checked by a rule of their own (机关运行经费 → T601).
    narrative_subjects: dict[str, Term] = field(default_factory=dict, repr=False)
    narrative_rules: dict[str, str] = field(default_factory=dict, repr=False)
    # (a word of the section's title, its phrases): the first section entry whose word is in the title.
    narrative_sections: tuple[tuple[str, dict[str, Term]], ...] = field(default=(), repr=False)
    # (whole, parts): phrases whose figures add up, so that the changes the text states for them do too.
    narrative_sums: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), repr=False)
    narrative_words: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # Each table's column → printed header, worked out once: messages and the narrative ask for it often.
    _header_labels: dict[str, dict[Column, str]] = field(default_factory=dict, repr=False, compare=False)

    def table(self, key: str) -> TableSpec | None:
        return self.tables.get(key)

    def label(self, key: str) -> str:
        """How the layout prints a table's name (`预算03表`, `表3`); the key for a table it lacks."""
        spec = self.tables.get(key)
        return spec.label if spec else key

    def footer_label(self, key: str, amount: str) -> str | None:
        """The printed label of a footer line of a table (`人员经费合计` for `personnel`), or None."""
        spec = self.tables.get(key)
        lines = (spec.raw.get("footer") or []) if spec else []
        return next((str(line.get("label")) for line in lines if isinstance(line, dict) and line.get("amount") == amount),
                    None)

    def titled(self, key: str) -> str:
        """`表3 支出预算总表`: label and title, for messages that name a table."""
        spec = self.tables.get(key)
        return f"{spec.label} {spec.title}" if spec else key

    def has(self, key: str, column: Column | None = None, side: str = "") -> bool:
        spec = self.tables.get(key)
        return spec is not None and (column is None or spec.has(column, side))

    def keys(self, shape: str | None = None) -> tuple[str, ...]:
        return tuple(key for key, spec in self.tables.items() if shape is None or spec.shape == shape)

    def column_label(self, key: str, column: Column) -> str:
        """The printed header of a column (`基本支出 小计`), from the table's header tree."""
        labels = self._header_labels.get(key)
        if labels is None:
            spec = self.tables.get(key)
            labels = self._header_labels[key] = _header_labels(spec.raw.get("header")) if spec else {}
        if column in labels:
            return labels[column]
        from .columns import column_label

        return column_label(column)

    def unmet(self, needs: Iterable[str]) -> str | None:
        """Why a rule that reads `needs` cannot run on this layout (None when it can)."""
        for need in needs:
            if need == "identities":
                if not self.identities:
                    return "the layout declares no identities across tables"
                continue
            kind, _, name = need.partition("/")
            if kind == "fact":
                continue  # a fact of the file, not of the layout (lint.unknown_fact)
            if kind == "sums":
                if not any(row_sum.rule == name for spec in self.tables.values() for row_sum in spec.row_sums):
                    return f"the layout declares no row identity checked by {name}"
            elif kind not in self.tables:
                return f"the layout has no table `{kind}`"
            elif name and not self.tables[kind].has(column(name)):
                return f"{self.tables[kind].label} does not print the column `{name}`"
        return None

    def parts(self) -> list[dict[str, Any]]:
        return [part for part in self.raw.get("parts") or [] if isinstance(part, dict)]


# ---------------------------------------------------------------- finding and loading layouts


def packaged_folder() -> Path:
    return Path(str(resources.files("budgetlint.schema").joinpath("layouts")))


def search_path(folders: Iterable[Path | str] = ()) -> tuple[Path, ...]:
    """Where layouts are looked for: the repository's folders first, then the packaged ones."""
    return (*(Path(folder) for folder in folders), packaged_folder())


def known_layouts(folders: Iterable[Path | str] = ()) -> tuple[str, ...]:
    names: set[str] = set()
    for folder in search_path(folders):
        if folder.is_dir():
            names.update(entry.stem for entry in folder.iterdir() if entry.suffix == ".yaml"
                         and LAYOUT_NAME.match(entry.stem))
    return tuple(sorted(names))


def find_layout_file(name: str, folders: Iterable[Path | str] = ()) -> Path | None:
    if not LAYOUT_NAME.match(name):
        return None  # `..`, `/etc/x` and the like are not layout names
    for folder in search_path(folders):
        candidate = folder / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    return None


def layout_name(data: Any) -> str | None:
    """The layout a budget file names (`layout:`, or the older `template:`), if any."""
    if not isinstance(data, dict):
        return None
    name = data.get("layout", data.get("template"))
    return name if isinstance(name, str) else None


def layout_for(data: Any, folders: tuple[Path, ...] = ()) -> Layout:
    """The layout of a budget file; the default one when it names none or one that cannot be used
    (rule T104 reports that, so the file is still checked)."""
    name = layout_name(data) or DEFAULT_LAYOUT
    try:
        return load_layout(name, folders)
    except LayoutError:
        return load_layout(DEFAULT_LAYOUT)


@lru_cache(maxsize=32)
def load_layout(name: str, folders: tuple[Path, ...] = ()) -> Layout:
    """A layout by name, its `extends` chain merged. Raises LayoutError."""
    raw, source = _merged(name, folders, ())
    return build_layout(raw, source)


def _merged(name: str, folders: tuple[Path, ...], seen: tuple[str, ...]) -> tuple[dict[str, Any], str]:
    if name in seen:
        raise LayoutError(say("cli.layout.extends_itself", name=name, chain=" → ".join(seen)))
    path = find_layout_file(name, folders)
    if path is None:
        known = ", ".join(known_layouts(folders))
        raise LayoutError(say("cli.layout.unknown", name=name, known=known))
    raw = read_layout_file(path)
    parent = raw.get("extends")
    if parent is None:
        return raw, str(path)
    if not isinstance(parent, str):
        raise LayoutError(say("cli.layout.extends_not_name"), str(path))
    base, _ = _merged(parent, folders, (*seen, name))
    return merge_layouts(base, raw), str(path)


def read_layout_file(path: Path) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise LayoutError(say("cli.layout.unreadable", error=error), str(path)) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise LayoutError(say("cli.layout.not_yaml", problem=getattr(error, "problem", error)), str(path), line,
                          column) from error
    if not isinstance(data, dict):
        raise LayoutError(say("cli.layout.not_mapping"), str(path))
    return data


def merge_layouts(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """A variant over its parent: top-level keys replace; tables merge by `key`, field by field;
    identities are added."""
    merged = {**base, **{k: v for k, v in child.items() if k not in ("tables", "identities", "extends")}}
    tables = [dict(entry) for entry in base.get("tables") or [] if isinstance(entry, dict)]
    by_key = {entry.get("key"): entry for entry in tables}
    for entry in child.get("tables") or []:
        if isinstance(entry, dict) and entry.get("key") in by_key:
            by_key[entry["key"]].update(entry)
        elif isinstance(entry, dict):
            tables.append(dict(entry))
    merged["tables"] = tables
    merged["identities"] = [*(base.get("identities") or []), *(child.get("identities") or [])]
    # Phrases are added to (or replace) the parent's; narrative_sections, _sums and _words replace, as top-level keys.
    merged["narrative_subjects"] = {**(base.get("narrative_subjects") or {}), **(child.get("narrative_subjects") or {})}
    return merged


# ---------------------------------------------------------------- building the typed layout


def build_layout(raw: dict[str, Any], source: str = "") -> Layout:
    """The typed layout of merged layout data; raises LayoutError for content that does not fit.

    `check_layout` reports every problem with its line; this stops at the first.
    """
    raw = expand_prefixes(raw)
    problems = list(layout_problems(raw))
    if problems:
        _, message = problems[0]
        raise LayoutError(message, source)
    tables = {entry["key"]: _table_spec(raw, entry) for entry in raw["tables"]}
    identities = tuple(parse_identity(text, index) for index, text in enumerate(raw.get("identities") or []))
    subjects, rules = _narrative_phrases(raw.get("narrative_subjects"))
    sections = tuple((str(entry["title"]), _narrative_phrases(entry.get("subjects"))[0])
                     for entry in raw.get("narrative_sections") or [])
    sums = tuple(_narrative_sum(text) for text in raw.get("narrative_sums") or [])
    words = {role: tuple(str(word) for word in found)
             for role, found in (raw.get("narrative_words") or {}).items()}
    return Layout(str(raw["name"]), str(raw.get("document_kind", "")), str(raw.get("amount_unit", "万元")),
                  source, tables, identities, raw, subjects, rules, sections, sums, words)


def _narrative_phrases(raw: Any) -> tuple[dict[str, Term], dict[str, str]]:
    """`{phrase: figure or rule ID}` → (phrases naming a figure, phrases checked by a rule)."""
    figures: dict[str, Term] = {}
    rules: dict[str, str] = {}
    for phrase, value in (raw or {}).items():
        if _RULE_ID.match(str(value)):
            rules[str(phrase)] = str(value)
        else:
            figures[str(phrase)] = _terms(str(value), say("cli.layout.narrative_subject", phrase=phrase))[0]
    return figures, rules


def _narrative_sum(text: Any) -> tuple[str, tuple[str, ...]]:
    """`三公经费 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费` → (whole, parts). Raises LayoutError."""
    whole, equals, parts = str(text).partition("=")
    names = tuple(part.strip() for part in parts.split("+"))
    if not equals or not whole.strip() or not all(names):
        raise LayoutError(say("cli.layout.bad_sum", text=text))
    return whole.strip(), names


def expand_prefixes(raw: dict[str, Any]) -> dict[str, Any]:
    """Header groups with `prefix: budget` put their leaves' columns under that group (`budget.total`),
    so that one list of items can serve twice (a 决算's 三公 table: 预算数 and 决算数 of the same items)."""
    def expand(nodes: Any, prefix: str) -> Any:
        if not isinstance(nodes, list):
            return nodes
        out = []
        for node in nodes:
            if not isinstance(node, dict):
                out.append(node)
                continue
            node = dict(node)
            inner = f"{prefix}{node.pop('prefix')}." if isinstance(node.get("prefix"), str) else prefix
            if node.get("children"):
                node["children"] = expand(node["children"], inner)
            elif "amount" in node and inner:
                node["amount"] = f"{inner}{node['amount']}"
            out.append(node)
        return out

    tables = [({**entry, "header": expand(entry.get("header"), "")} if isinstance(entry, dict) else entry)
              for entry in raw.get("tables") or []]
    return {**raw, "tables": tables}


def _table_spec(raw: dict[str, Any], entry: dict[str, Any]) -> TableSpec:
    number = str(entry.get("number", ""))
    label = fill(raw.get("table_label") or "{number}", number=number)
    shape = entry.get("shape", "grid")
    side_columns: dict[str, tuple[Column, ...]] = {}
    if shape == "summary":
        side_columns = {side: _side_columns(entry, side) for side in ("revenue", "expenditure")}
    columns = tuple(_grid_columns(entry))
    return TableSpec(entry["key"], number, str(entry.get("title", "")), label, shape, bool(entry.get("required")),
                     entry.get("amount_unit"), columns, side_columns, tuple(row_sums(entry)), entry)


def column(text: Any) -> Column:
    return tuple(str(text).split("."))


def _grid_columns(entry: dict[str, Any]) -> Iterator[Column]:
    """The amount columns a table entry prints: its header's `amount:` leaves, then the lines of its
    footer (a 决算's 人员经费合计) and of its form (a 部门整体绩效目标表's 预算情况)."""
    yield from _header_columns(entry.get("header"))
    lines = [*(entry.get("footer") or []), *(((entry.get("form") or {}).get("budget") or {}).get("lines") or [])]
    for line in lines:
        if isinstance(line, dict) and "amount" in line:
            yield column(line["amount"])


def _side_columns(entry: dict[str, Any], side: str) -> tuple[Column, ...]:
    """The columns of one side of a two-sided table (`revenue_columns`, `expenditure_columns`)."""
    return tuple(column(name) for name in entry.get(f"{side}_columns") or ["amount"])


def _all_columns(entry: dict[str, Any]) -> set[Column]:
    columns = set(_grid_columns(entry))
    if entry.get("shape") == "summary":
        columns |= {*_side_columns(entry, "revenue"), *_side_columns(entry, "expenditure")}
    return columns


def row_sums(entry: dict[str, Any]) -> Iterator[RowSum]:
    for item in entry.get("column_sums") or []:
        if isinstance(item, dict) and "column" in item and isinstance(item.get("parts"), list):
            yield RowSum(column(item["column"]), tuple(column(p) for p in item["parts"]),
                         str(item.get("rule") or GENERIC_ROW_SUM_RULE))


def _header_leaves(nodes: Any) -> Iterator[dict[str, Any]]:
    for node in nodes or []:
        if isinstance(node, dict):
            if node.get("children"):
                yield from _header_leaves(node["children"])
            else:
                yield node


def _header_columns(nodes: Any) -> Iterator[Column]:
    seen: set[Column] = set()
    for leaf in _header_leaves(nodes):
        if "amount" in leaf and (key := column(leaf["amount"])) not in seen:
            seen.add(key)
            yield key


def _header_labels(nodes: Any) -> dict[Column, str]:
    """Column → its header path as printed, parents first (`基本支出 小计`).

    A top-level group over (nearly) every amount column is a caption (收入预算, “三公”经费预算数, 支出) and
    is left out, as is a placeholder such as `{fund}`.
    """
    total = sum(1 for leaf in _header_leaves(nodes) if "amount" in leaf)
    out: dict[Column, str] = {}
    for node in nodes or []:
        if not isinstance(node, dict):
            continue
        inside = sum(1 for leaf in _header_leaves([node]) if "amount" in leaf)
        caption = bool(node.get("children")) and inside >= 3 and inside >= total - 1
        out.update(_labels_under(node, caption))
    return out


def _labels_under(node: dict[str, Any], caption: bool = False) -> dict[Column, str]:
    label = str(node.get("label", ""))
    words = "" if caption or label.startswith("{") else label
    if "amount" in node and not node.get("children"):
        return {column(node["amount"]): words}
    out: dict[Column, str] = {}
    for child in node.get("children") or []:
        if isinstance(child, dict):
            out.update({col: f"{words} {text}".strip() for col, text in _labels_under(child).items()})
    return out


def parse_identity(text: Any, index: int) -> Identity:
    """`summary.revenue_total = revenue_function.total.total` → Identity. Raises LayoutError."""
    if not isinstance(text, str):
        raise LayoutError(say("cli.layout.identity_not_text", number=index + 1))
    match = re.fullmatch(r"\s*(.+?)\s*(<=|>=|=)\s*(.+?)\s*", text)
    if not match:
        raise LayoutError(say("cli.layout.bad_identity", text=text))
    left, relation, right = match.groups()
    return Identity(text, _terms(left, text), relation, _terms(right, text), index)


def _terms(side: str, text: str) -> tuple[Term, ...]:
    terms = []
    for part in side.split("+"):
        part = part.strip()
        match = _TERM.match(part)
        if not match:
            raise LayoutError(say("cli.layout.not_a_figure", text=text, part=part))
        table, rest = match.group("table"), match.group("rest")
        head, _, tail = rest.partition(".")
        selector = _SELECTOR.match(head)
        if selector and selector.group("name") == "revenue" and not selector.group("arg"):
            selector = None  # `revenue` without a source is a field (fiscal_summary.revenue.total)
        if selector and tail:
            name, arg = selector.group("name"), selector.group("arg")
            if name in ("total", "class") and arg:
                raise LayoutError(say("cli.layout.no_argument", text=text, name=name))
            terms.append(Term(table, f"{name}={arg}" if arg else name, column(tail), part))
        elif "[" in rest:
            raise LayoutError(say("cli.layout.brackets", text=text, part=part))
        else:
            terms.append(Term(table, "", column(rest), part))
    keyed = {term.keyed for term in terms}
    if len(keyed) > 1:
        raise LayoutError(say("cli.layout.mixed_side", text=text))
    return tuple(terms)


def layout_problems(raw: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """What is wrong with merged layout data, as (path in the layout, message)."""
    from .columns import known_column

    if not isinstance(raw.get("name"), str) or not LAYOUT_NAME.match(raw["name"]):
        yield ("name",), say("cli.layout.name_required")
    if raw.get("amount_unit", "万元") not in ("元", "万元"):
        yield ("amount_unit",), say("cli.layout.amount_unit")
    tables = raw.get("tables")
    if not isinstance(tables, list) or not tables:
        yield ("tables",), say("cli.layout.tables_required")
        return
    from .columns import TABLE_KEYS

    seen: set[str] = set()
    specs: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(tables):
        where: tuple[Any, ...] = ("tables", index)
        if not isinstance(entry, dict):
            yield where, say("cli.layout.table_not_mapping")
            continue
        key = entry.get("key")
        if key not in TABLE_KEYS:
            yield where + ("key",), say("cli.layout.unknown_table", table=key, known=", ".join(TABLE_KEYS))
            continue
        if key in seen:
            yield where + ("key",), say("cli.layout.table_twice", table=key)
        seen.add(key)
        specs[key] = entry
        shape = entry.get("shape", "grid")
        if shape != TABLE_KEYS[key]:
            yield where + ("shape",), say("cli.layout.wrong_shape", table=key, expected=TABLE_KEYS[key], shape=shape)
        for name in ("number", "title"):
            if not isinstance(entry.get(name), (str, int)) or entry.get(name) == "":
                yield where + (name,), say("cli.layout.needs_printed", table=key, name=name)
        if entry.get("amount_unit", "元") not in ("元", "万元"):
            yield where + ("amount_unit",), say("cli.layout.amount_unit")
        columns = _all_columns(entry)
        for col in sorted(columns):
            if not known_column(col):
                yield where + ("header",), say("cli.layout.unknown_column", table=key, column=".".join(col))
        for position, item in enumerate(entry.get("column_sums") or []):
            at = where + ("column_sums", position)
            if not isinstance(item, dict) or not isinstance(item.get("parts"), list) or "column" not in item:
                yield at, say("cli.layout.column_sum")
                continue
            for name in [item["column"], *item["parts"]]:
                if column(name) not in columns:
                    yield at, say("cli.layout.no_column", table=key, name=name)
    yield from _narrative_problems(raw, specs)
    for index, text in enumerate(raw.get("identities") or []):
        where = ("identities", index)
        try:
            identity = parse_identity(text, index)
        except LayoutError as error:
            yield where, error.message
            continue
        for term in (*identity.left, *identity.right):
            entry_or_none = specs.get(term.table)
            if entry_or_none is None:
                yield where, say("cli.layout.identity_no_table", text=identity.text, table=term.table)
            elif term.selector and not _has_column(entry_or_none, term):
                yield where, say("cli.layout.identity_no_column", text=identity.text, table=term.table,
                                 column=".".join(term.column))


def _narrative_problems(raw: dict[str, Any], specs: dict[str, dict[str, Any]]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """What is wrong with the narrative's wording: narrative_subjects, _sections, _sums and _words."""
    known: set[str] = set()
    places: list[tuple[tuple[Any, ...], Any]] = [(("narrative_subjects",), raw.get("narrative_subjects"))]
    sections = raw.get("narrative_sections") or []
    if not isinstance(sections, list):
        yield ("narrative_sections",), say("cli.layout.sections_not_list")
        sections = []
    for index, entry in enumerate(sections):
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str) or not entry["title"]:
            yield ("narrative_sections", index), say("cli.layout.bad_section")
            continue
        places.append((("narrative_sections", index, "subjects"), entry.get("subjects")))
    for where, subjects in places:
        if not isinstance(subjects or {}, dict):
            yield where, say("cli.layout.subjects_not_mapping")
            continue
        for phrase, figure in (subjects or {}).items():
            if where == ("narrative_subjects",):
                known.add(str(phrase))  # a sum's phrases are those of every section
            if _RULE_ID.match(str(figure)):
                continue  # a phrase whose figures a rule of its own checks (机关运行经费: T601)
            try:
                terms = _terms(str(figure), say("cli.layout.narrative_subject", phrase=phrase))
            except LayoutError as error:
                yield where + (phrase,), error.message
                continue
            term = terms[0]
            if len(terms) != 1 or term.keyed or term.table not in specs:
                yield where + (phrase,), say("cli.layout.subject_not_one_figure", phrase=phrase)
            elif term.selector and not _has_column(specs[term.table], term):
                # A column the table does not print is not published: never read as 0.00.
                yield where + (phrase,), say("cli.layout.subject_no_column", phrase=phrase, table=term.table,
                                             column=".".join(term.column))
    for index, text in enumerate(raw.get("narrative_sums") or []):
        try:
            whole, parts = _narrative_sum(text)
        except LayoutError as error:
            yield ("narrative_sums", index), error.message
            continue
        for phrase in (whole, *parts):
            if phrase not in known:
                yield ("narrative_sums", index), say("cli.layout.sum_unknown_phrase", text=text, phrase=phrase)
    words = raw.get("narrative_words") or {}
    if not isinstance(words, dict):
        yield ("narrative_words",), say("cli.layout.words_not_mapping", roles=", ".join(NARRATIVE_WORDS))
        return
    for role, found in words.items():
        if role not in NARRATIVE_WORDS:
            yield ("narrative_words", role), say("cli.layout.unknown_role", role=role, known=", ".join(NARRATIVE_WORDS))
        elif not isinstance(found, list) or not all(isinstance(word, str) and word for word in found):
            yield ("narrative_words", role), say("cli.layout.words_not_list", role=role)


def _has_column(entry: dict[str, Any], term: Term) -> bool:
    if entry.get("shape") == "summary":
        side = "revenue" if term.selector.startswith("revenue") else "expenditure"
        return term.column in _side_columns(entry, side) or term.column in set(_grid_columns(entry))
    return term.column in _all_columns(entry)


# ---------------------------------------------------------------- checking a layout file by hand


def check_layout_file(path: Path, folders: tuple[Path, ...] = ()) -> list[LayoutError]:
    """Every problem of a layout file, each with its line (for `budgetlint layout check`)."""
    import yaml

    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [LayoutError(say("cli.layout.unreadable", error=error), file)]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [LayoutError(say("cli.layout.not_yaml", problem=getattr(error, "problem", error)), file, line, col)]
    if not isinstance(raw, dict):
        return [LayoutError(say("cli.layout.not_mapping"), file)]
    marks = _node_marks(node)
    merged = raw
    parent = raw.get("extends")
    if parent is not None:
        try:
            base, _ = _merged(str(parent), folders, (str(raw.get("name")),))
        except LayoutError as error:
            line, col = marks.get(("extends",), (1, 1))
            return [LayoutError(error.message, file, line, col)]
        merged = merge_layouts(base, raw)
    errors = []
    for where, message in layout_problems(expand_prefixes(merged)):
        line, col = _nearest_mark(marks, _own_path(where, raw, merged))
        errors.append(LayoutError(message, file, line, col))
    if raw.get("name") is not None and isinstance(raw.get("name"), str) and path.stem != raw["name"]:
        line, col = marks.get(("name",), (1, 1))
        errors.append(LayoutError(say("cli.layout.file_name", file=path.name, name=raw["name"]), file, line, col))
    return errors


def _own_path(where: tuple[Any, ...], raw: dict[str, Any], merged: dict[str, Any]) -> tuple[Any, ...]:
    """A path in the merged layout as a path in the file itself (a variant lists only some tables)."""
    if len(where) >= 2 and where[0] == "tables" and isinstance(where[1], int) and merged is not raw:
        key = merged["tables"][where[1]].get("key")
        own = [index for index, entry in enumerate(raw.get("tables") or []) if isinstance(entry, dict)
               and entry.get("key") == key]
        return ("tables", own[0], *where[2:]) if own else ("extends",)
    if len(where) >= 2 and where[0] == "identities" and merged is not raw:
        offset = len(merged.get("identities") or []) - len(raw.get("identities") or [])
        return ("identities", where[1] - offset) if where[1] >= offset else ("extends",)
    return where


def _node_marks(node: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], tuple[int, int]]:
    import yaml

    out = {path: (node.start_mark.line + 1, node.start_mark.column + 1)}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out.update(_node_marks(value, path + (key.value,)))
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            out.update(_node_marks(value, path + (index,)))
    return out


def _nearest_mark(marks: dict[tuple[Any, ...], tuple[int, int]], path: tuple[Any, ...]) -> tuple[int, int]:
    while path and path not in marks:
        path = path[:-1]
    return marks.get(path, (1, 1))


# ---------------------------------------------------------------- small helpers for printed forms


class TableNotFound(LookupError):
    """A `--table` selector that names no table of the layout."""


def table_specs(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The table entries of (merged) layout data, in printed order."""
    return [entry for entry in raw.get("tables") or [] if isinstance(entry, dict) and "key" in entry]


def find_table(layout: Layout, selector: str) -> TableSpec:
    """The table a user named: by key (`expenditure`), number (`03`, `3`) or printed label (`预算03表`, `表3`)."""
    wanted = selector.strip()
    for spec in layout.tables.values():
        if wanted in (spec.key, spec.number, spec.label):
            return spec
        if wanted.isdigit() and spec.number.isdigit() and int(wanted) == int(spec.number):
            return spec
    choices = ", ".join(f"{spec.number} ({spec.key})" for spec in layout.tables.values())
    raise TableNotFound(tr("cli.layout.no_table", selector=selector, layout=layout.name, choices=choices))


def fill(pattern: Any, **values: Any) -> str:
    """A layout text with {year}, {department}, {title}, {number} filled in (unknown names stay)."""
    # One pass over the pattern, so a value that itself contains `{year}` is left as written.
    return _FIELD.sub(lambda match: str(values.get(match.group(1), match.group(0))), str(pattern or ""))
