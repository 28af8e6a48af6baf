"""Named export and import templates: an export's choices (datasets, columns, filters, tenant,
raw or readable, time zone, format) or an import's column mapping, saved by name from the
Backups page (or by hand) and reused there and by `airvault export --template NAME`.

Stored under the storage root, where the page, the DAGs and the CLI all reach them:
templates/export/<name>.json and templates/import/<name>.json, one JSON document each, with
who saved it and when. They are unsigned: whoever can write the storage can edit them, so a
template only ever holds choices, checked again at every use exactly as typed ones are
(declared datasets, no secret column, names against the catalog; no SQL is built from them).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from airvault.config import Config
from airvault.errors import AirvaultError
from airvault.storage.manifest import encode
from airvault.storage.store import Store

TEMPLATES = "templates"
Kind = Literal["export", "import"]
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
EXPORT_FORMATS = ("csv", "json", "parquet", "xlsx", "pdf", "zip")  # the export DAG's Param
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportChoices(_Strict):
    """What an export form sends: several datasets go in one ZIP (format zip) or each to its
    own files. The same choices the `export` DAG's Params take."""

    datasets: list[str] = Field(min_length=1, max_length=50)
    format: Literal["csv", "json", "parquet", "xlsx", "pdf", "zip"] = "csv"
    readable: bool = True
    short_ids: bool = False
    columns: list[str] = []
    filters: dict[str, str] = {}
    tenant: str = ""
    date_column: str = ""
    since: str = ""
    until: str = ""
    timezone: str = "UTC"

    @field_validator("datasets")
    @classmethod
    def _names(cls, datasets: list[str]) -> list[str]:
        for d in datasets:
            if not _IDENTIFIER.fullmatch(d):
                raise ValueError(f"'{d[:100]}' is not a module or table name")
        return list(dict.fromkeys(datasets))

    def options(self) -> dict:
        """The ExportSpec options of specs_for and export_bundle (format aside)."""
        return {
            "readable": self.readable,
            "short_ids": self.short_ids,
            "columns": self.columns or None,
            "filters": dict(self.filters),
            "tenant": self.tenant or None,
            "date_column": self.date_column or None,
            "since": self.since or None,
            "until": self.until or None,
            "timezone": self.timezone or "UTC",
        }

    def check(self, config: Config) -> None:
        """The core's checks, run again by the DAG: each dataset declared, no secret column
        named (AirvaultError naming what). Names only: nothing is read."""
        from airvault.exchange.exports import specs_for

        for dataset in self.datasets:
            specs_for(config, dataset, format="csv", **self.options())

    def conf(self) -> dict:
        """The `export` DAG's conf: lists as comma-separated text, as its Params take them; a
        name or value holding a comma could not be told apart there, so it is refused."""
        texts = [*self.columns, *self.filters, *self.filters.values()]
        if bad := next((t for t in texts if "," in t), None):
            raise AirvaultError(f"a column name or filter value may not hold ',': {bad[:100]!r}")
        if bad := next((c for c in self.filters if "=" in c), None):
            raise AirvaultError(f"a filter's column name may not hold '=': {bad[:100]!r}")
        return {
            "dataset": ",".join(self.datasets),
            "format": self.format,
            "readable": self.readable,
            "short_ids": self.short_ids,
            "columns": ",".join(self.columns),
            "filters": ",".join(f"{c}={v}" for c, v in self.filters.items()),
            "tenant": self.tenant,
            "date_column": self.date_column,
            "since": self.since,
            "until": self.until,
            "timezone": self.timezone or "UTC",
        }


class ExportTemplate(_Strict):
    kind: Literal["export"] = "export"
    name: str
    choices: ExportChoices
    saved_by: str = ""
    saved_at: str = ""


class ImportTemplate(_Strict):
    """A saved column mapping (file column -> table column) for imports into `table`."""

    kind: Literal["import"] = "import"
    name: str
    table: str = ""  # the table it was saved for ("": any)
    mapping: dict[str, str] = Field(min_length=1)
    saved_by: str = ""
    saved_at: str = ""


Template = ExportTemplate | ImportTemplate
MODELS: dict[str, type[ExportTemplate] | type[ImportTemplate]] = {
    "export": ExportTemplate,
    "import": ImportTemplate,
}


def checked_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise AirvaultError(
            f"template name {name[:100]!r}: 1 to 64 letters, digits, '_' or '-', starting "
            "with a letter or digit"
        )
    return name


def _rel(kind: str, name: str) -> str:
    return f"{TEMPLATES}/{kind}/{checked_name(name)}.json"


def save_template(root: Store, template: Template, who: str) -> Template:
    """Store `template` under its name (replacing one of the same name), stamped with who
    and when; returns what was stored."""
    stamped = template.model_copy(
        update={
            "saved_by": who[:200],
            "saved_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        }
    )
    root.write_bytes_atomic(_rel(template.kind, template.name), encode(stamped.model_dump()))
    return stamped


def _parse(root: Store, kind: str, rel: str) -> Template:
    """The template at `rel`, validated (AirvaultError naming the file and the problem)."""
    try:
        document = json.loads(root.read_bytes(rel))
        template = MODELS[kind].model_validate(document)
    except (ValueError, ValidationError) as e:
        first = str(e).splitlines()[:3]
        raise AirvaultError(
            f"{root.url_of(rel)} is not a valid {kind} template: {' '.join(first)}"
        ) from None
    if f"{template.name}.json" != rel.rsplit("/", 1)[-1]:
        raise AirvaultError(f"{root.url_of(rel)} names another template ({template.name[:64]!r})")
    return template


def read_template(root: Store, kind: Kind, name: str) -> Template:
    rel = _rel(kind, name)
    if not root.exists(rel):
        saved = ", ".join(t.name for t in list_templates(root, kind)[0]) or "none"
        raise AirvaultError(
            f"no {kind} template '{name}' in {root.url_of(TEMPLATES)} (saved: {saved})"
        )
    return _parse(root, kind, rel)


def list_templates(root: Store, kind: Kind) -> tuple[list[Template], list[str]]:
    """(the valid templates of `kind`, by name; a problem for each file that is not one)."""
    found: list[Template] = []
    problems: list[str] = []
    for rel in root.glob(f"{TEMPLATES}/{kind}/*.json"):
        try:
            found.append(_parse(root, kind, rel))
        except AirvaultError as e:
            problems.append(str(e))
    return sorted(found, key=lambda t: t.name), problems


def delete_template(root: Store, kind: Kind, name: str) -> None:
    rel = _rel(kind, name)
    if not root.exists(rel):
        raise AirvaultError(f"no {kind} template '{name}'")
    root.remove_tree(rel)
