"""The loaded budget that rules read, and small helpers for amounts and table rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from .findings import DocPath
from .layout import Layout, layout_for
from .loader import Document

T = TypeVar("T")
ZERO = Decimal(0)
CENT = Decimal("0.01")
UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10000)}

# Keys of a row that name or classify it; every other key of a row is an amount or a group of amounts.
ROW_LABEL_KEYS = frozenset({"code", "name", "unit", "type", "gov_code", "gov_name", "rows", "targets",
                            "source", "level1", "level2", "value", "description"})

# Row keys whose value is one word or code: rows with anything else there are left to the schema.
LABEL_SCALARS = ("code", "unit", "gov_code", "name", "gov_name", "type", "source")


def money(value: Any) -> Decimal | None:
    """An amount cell as Decimal, or None for a blank or unreadable cell (the schema reports those)."""
    kind = type(value)
    if kind is Decimal:  # the common case first: rules call this for every cell
        return value if value.is_finite() else None
    if kind is int:
        return Decimal(value)
    return None


def fmt(value: Decimal | None) -> str:
    """An amount as a clerk reads it: two decimals (more only if the value has them)."""
    if value is None:
        return "(blank)"
    if value == value.quantize(CENT):
        return f"{value.quantize(CENT):f}"
    return f"{value.normalize():f}"


def signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + fmt(value)


def amounts(row: dict[str, Any], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Decimal]:
    """The amount cells of a row, nested groups flattened: {('this_year', 'general_budget'): 1896.05}."""
    # `money` written out inline: rules flatten every row of every table, so this loop is hot.
    out: dict[tuple[str, ...], Decimal] = {}
    for key, value in row.items():
        kind = type(value)
        if kind is Decimal:
            if value.is_finite() and key not in ROW_LABEL_KEYS:
                out[prefix + (key,)] = value
        elif kind is int:
            if key not in ROW_LABEL_KEYS:
                out[prefix + (key,)] = Decimal(value)
        elif isinstance(value, dict) and key not in ROW_LABEL_KEYS:
            out.update(amounts(value, prefix + (key,)))
    return out


def add_into(total: dict[tuple[str, ...], Decimal], row: dict[tuple[str, ...], Decimal]) -> None:
    for column, value in row.items():
        total[column] = total.get(column, ZERO) + value


def mapping(value: Any) -> dict[str, Any]:
    """A mapping, or an empty one for anything else (the schema reports the wrong type)."""
    return value if isinstance(value, dict) else {}


def dicts(value: Any) -> list[dict[str, Any]]:
    """The mappings of a list (anything else is the schema's business; see `without_malformed_rows`)."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


def well_formed(item: Any) -> bool:
    """A mapping whose code, unit and name keys hold single values."""
    return isinstance(item, dict) and not any(isinstance(item.get(key), (list, dict)) for key in LABEL_SCALARS)


def without_malformed_rows(node: Any) -> Any:
    """A copy of the data in which every mapping with a list or mapping as its code, unit or name is
    replaced by an empty mapping (so list positions, and with them finding positions, stay the same).

    Used only for files the schema rejects: rules then use codes as keys without guarding every
    lookup, and the malformed rows are reported by the schema alone.
    """
    if isinstance(node, dict):
        if not well_formed(node):
            return {}
        return {key: without_malformed_rows(value) for key, value in node.items()}
    if isinstance(node, list):
        return [without_malformed_rows(value) for value in node]
    return node


@dataclass
class Budget:
    """A loaded budget file, as rules see it."""

    document: Document
    load_previous: Callable[[], Budget | None] | None = None
    # Where the repository keeps its own layouts (budgetlint.toml `layouts`), searched before the packaged ones.
    layout_folders: tuple[Path, ...] = ()
    # Thresholds from the repository's configuration that rules read (e.g. `execution_gap`).
    options: dict[str, Any] = field(default_factory=dict)
    # For a 决算: the 预算 of the same year, when its file is in the repository.
    load_same_year_budget: Callable[[], Budget | None] | None = None
    # For a 预算: last year's 决算, when its file is in the repository (its 年初预算 are last year's budget).
    load_previous_final_accounts: Callable[[], Budget | None] | None = None
    # Results derived from this budget that several rules use (e.g. the narrative's figures), computed once.
    derived: dict[str, Any] = field(default_factory=dict, repr=False)
    _previous: Any = field(default=None, init=False, repr=False)
    _previous_loaded: bool = field(default=False, init=False, repr=False)

    @classmethod
    def of(cls, data: dict[str, Any], file: str = "") -> Budget:
        """The budget of data loaded elsewhere (diff, textconv), so that they use the rules' arithmetic."""
        return cls(Document(file, data))

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data  # type: ignore[no-any-return]

    @property
    def file(self) -> str:
        return self.document.file

    @property
    def fiscal_year(self) -> int | None:
        year = self.data.get("fiscal_year")
        return year if isinstance(year, int) and not isinstance(year, bool) else None

    @property
    def amount_unit(self) -> str:
        unit = self.data.get("amount_unit")
        return unit if unit in UNIT_FACTORS else self.layout.amount_unit

    @property
    def rounded(self) -> bool:
        return self.data.get("rounding") == "rounded"

    @property
    def previous(self) -> Budget | None:
        """Last year's budget of the same department, when its file is in the repository."""
        if not self._previous_loaded:
            self._previous_loaded = True
            self._previous = self.load_previous() if self.load_previous else None
        return self._previous  # type: ignore[no-any-return]

    @property
    def layout(self) -> Layout:
        """The layout the file names (the default one if it names none or an unknown one: T104 says so)."""
        return self.once("layout", lambda: layout_for(self.data, self.layout_folders))

    @property
    def same_year_budget(self) -> Budget | None:
        """The 预算 of the same year, for a 决算 (`<year>-juesuan.yaml` beside `<year>.yaml`)."""
        return self.once("same_year_budget", lambda: self.load_same_year_budget() if self.load_same_year_budget
                         else None)

    def previous_final_accounts(self) -> Budget | None:
        """Last year's 决算, for a 预算 (`<year-1>-juesuan.yaml` beside `<year>.yaml`)."""
        return self.once("previous_final_accounts", lambda: self.load_previous_final_accounts()
                         if self.load_previous_final_accounts else None)

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()`, worked out once per file and kept in `derived` under `key`: several rules ask."""
        if key not in self.derived:
            self.derived[key] = compute()
        return self.derived[key]  # type: ignore[no-any-return]

    def amounts(self, row: dict[str, Any]) -> dict[tuple[str, ...], Decimal]:
        """`amounts(row)`, flattened once per row and file: several rules sum the same rows. Read only."""
        cache = self.derived.setdefault("amounts", {})
        entry = cache.get(id(row))
        if entry is None:
            # The row is kept with its amounts, so that its id cannot be reused by another mapping.
            entry = cache[id(row)] = (row, amounts(row))
        return entry[1]  # type: ignore[no-any-return]

    def part(self, key: str) -> dict[str, Any]:
        """A top-level mapping such as `department` or `tables` (empty if missing or mistyped)."""
        return mapping(self.data.get(key))

    def table(self, key: str) -> dict[str, Any] | None:
        tables = self.document.data.get("tables")  # not through `data`: rules ask ~200 times per file
        table = tables.get(key) if isinstance(tables, dict) else None
        return table if isinstance(table, dict) else None

    def label(self, table_key: str) -> str:
        """How the layout prints a table's name: `预算03表`, `表3` (or the key, for a table it does not have)."""
        return self.layout.label(table_key)

    def table_unit(self, key: str) -> str:
        """The unit of a table's amounts: the table's own `amount_unit`, else the layout's for that
        table (Shanghai prints 表9 in 万元), else the file's."""
        table = self.table(key) or {}
        unit = table.get("amount_unit")
        if unit in UNIT_FACTORS:
            return unit  # type: ignore[no-any-return]
        spec = self.layout.table(key)
        if spec is not None and spec.unit in UNIT_FACTORS:
            return spec.unit  # type: ignore[return-value]
        return self.amount_unit

    def table_factor(self, key: str) -> Decimal:
        """Multiply a table's amounts by this to express them in the file's unit."""
        return UNIT_FACTORS[self.table_unit(key)] / UNIT_FACTORS[self.amount_unit]

    def units(self, table_key: str) -> list[tuple[DocPath, dict[str, Any]]]:
        """The unit entries of a grid table, with their paths (listed once per file: many rules ask)."""
        return self.once(f"units:{table_key}", lambda: list(self._units(table_key)))

    def _units(self, table_key: str) -> Iterator[tuple[DocPath, dict[str, Any]]]:
        table = self.table(table_key)
        if table is None:
            return
        units = table.get("units")
        for index, entry in enumerate(units if isinstance(units, list) else []):
            if isinstance(entry, dict):
                yield ("tables", table_key, "units", index), entry

    def row_groups(self, table_key: str) -> list[tuple[DocPath, list[dict[str, Any]]]]:
        """The row lists of a grid table — its own `rows`, and each unit's — with the path of each list.

        A list item that is not a mapping stands as an empty one, so that indices still match the file.
        """
        table = self.table(table_key)
        if table is None:
            return []
        lists: list[tuple[DocPath, Any]] = [(("tables", table_key), table.get("rows"))]
        lists += [(path, unit.get("rows")) for path, unit in self.units(table_key)]
        return [(path, [row if isinstance(row, dict) else {} for row in rows])
                for path, rows in lists if isinstance(rows, list)]

    def leaf_rows(self, table_key: str) -> list[tuple[DocPath, dict[str, Any]]]:
        """Every data row of a grid table (rows under units, or the table's own rows), with its path.

        Listed once per file: most rules walk the same tables.
        """
        return self.once(f"leaf_rows:{table_key}", lambda: list(self._leaf_rows(table_key)))

    def _leaf_rows(self, table_key: str) -> Iterator[tuple[DocPath, dict[str, Any]]]:
        table = self.table(table_key)
        if table is None:
            return
        rows = table.get("rows")
        for index, row in enumerate(rows if isinstance(rows, list) else []):
            if isinstance(row, dict):
                yield ("tables", table_key, "rows", index), row
        for unit_path, unit in self.units(table_key):
            unit_rows = unit.get("rows")
            for index, row in enumerate(unit_rows if isinstance(unit_rows, list) else []):
                if isinstance(row, dict):
                    yield unit_path + ("rows", index), row
