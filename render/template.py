"""The disclosure template as the renderers read it (schema/templates/<name>.yaml).

The template is data: table numbers, titles, header trees, the 类 rows of the summary tables. This
module only finds things in it; it knows nothing about any one province.
"""

from __future__ import annotations

import re
from typing import Any

from budgetlint.model import template as load_template

DEFAULT_TEMPLATE = "henan-2023"
_FIELD = re.compile(r"\{([a-z_]+)\}")


class TableNotFound(LookupError):
    """A `--table` selector that names no table of the template."""


def template_for(data: dict[str, Any]) -> dict[str, Any]:
    name = data.get("template")
    return load_template(name if isinstance(name, str) and name else DEFAULT_TEMPLATE)


def table_specs(template: dict[str, Any]) -> list[dict[str, Any]]:
    return [entry for entry in template.get("tables") or [] if isinstance(entry, dict) and "key" in entry]


def find_table(template: dict[str, Any], selector: str) -> dict[str, Any]:
    """The table a user named: by number (`03`, `3`, `预算03表`) or by key (`expenditure`)."""
    wanted = selector.strip()
    if wanted.startswith("预算") and wanted.endswith("表"):
        wanted = wanted[2:-1].strip()
    for spec in table_specs(template):
        number = str(spec.get("number", ""))
        if wanted == spec["key"] or wanted == number:
            return spec
        if wanted.isdigit() and number.isdigit() and int(wanted) == int(number):
            return spec
    choices = ", ".join(f"{spec.get('number')} ({spec['key']})" for spec in table_specs(template))
    raise TableNotFound(f"no table `{selector}` in template {template.get('name')}; choose one of: {choices}")


def fill(pattern: Any, **values: Any) -> str:
    """A template text with {year}, {department}, {title}, {number} filled in (unknown names stay)."""
    # One pass over the pattern, so a value that itself contains `{year}` is left as written.
    return _FIELD.sub(lambda match: str(values.get(match.group(1), match.group(0))), str(pattern or ""))
