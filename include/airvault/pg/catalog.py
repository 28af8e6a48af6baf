"""What the database holds, read from pg_catalog: tables, columns, keys, sequences, and the
order in which tables must be loaded (parents first), with cycles and self-references found.
"""

from __future__ import annotations

import fnmatch
from dataclasses import asdict, dataclass, field

import psycopg
from psycopg import sql

from airvault.errors import AirvaultError
from airvault.pg.rows import one_row
from airvault.storage.models import Reference


@dataclass
class Column:
    name: str
    type: str
    not_null: bool
    generated: bool = False  # stored generated columns are computed, never copied
    has_default: bool = False  # a DEFAULT or identity: an insert without it still works


@dataclass
class ForeignKey:
    name: str
    table: str  # qualified "schema.table" of the child
    columns: list[str]
    ref_table: str
    ref_columns: list[str]
    deferrable: bool = False


@dataclass
class Table:
    schema: str
    name: str
    columns: list[Column]
    primary_key: list[str]
    # No primary key, but a unique index on NOT NULL columns: what restores match rows by
    # (as logical replication's replica identity does); empty otherwise.
    unique_key: list[str] = field(default_factory=list)
    est_bytes: int = 0
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    partitioned: bool = False  # rows live in its partitions: read and written through it
    # How closely the heap's order follows the primary key (pg_stats.correlation of its first
    # column, -1..1; None without statistics): a read in key order picks its plan by it.
    key_correlation: float | None = None

    @property
    def relation(self) -> sql.Composable:
        """The table in FROM/UPDATE/DELETE: `ONLY t`, so an inheritance parent never takes in
        its children's rows (they are tables of their own); a partitioned table as itself."""
        ident = sql.Identifier(self.schema, self.name)
        return ident if self.partitioned else sql.SQL("ONLY {}").format(ident)

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def copy_columns(self) -> list[str]:
        return [c.name for c in self.columns if not c.generated]


# A whole table whose heap is not in key order (a random uuid key: correlation near 0) is
# read faster by a seq scan and a sort than by the key's index, which visits a heap page per
# row: 1.6 s against 4.0 s for 1 M rows (209 MB) here. A table in key order (an identity key
# appended to) is read faster by its index (0.8 s against 1.0 s for 224 MB): the planner
# keeps its choice there, and for a selection of rows (a tenant's), which has others.
SORT_BELOW_CORRELATION = 0.9


def key_order_plan(table: Table, where: object = None) -> dict[str, str]:
    """Planner settings for reading `table` (all its rows when `where` is None) in key order:
    a sort instead of the key's index where the heap is not in key order (see above)."""
    corr = table.key_correlation
    if where is None and corr is not None and abs(corr) < SORT_BELOW_CORRELATION:
        return {"enable_indexscan": "off"}
    return {}


@dataclass
class Sequence:
    schema: str
    name: str
    last_value: int | None
    is_called: bool
    owned_by: str | None  # "schema.table.column" for serial / identity columns
    increment: int = 1


@dataclass
class Catalog:
    tables: dict[str, Table]
    sequences: list[Sequence]
    order: list[str]  # parents before children
    cycles: list[list[str]]  # strongly connected groups of more than one table
    self_referencing: list[str]
    outside_references: list[Reference] = field(default_factory=list)  # FKs out of these schemas

    def to_json(self) -> dict:
        return {
            "foreign_keys": [asdict(fk) for t in self.tables.values() for fk in t.foreign_keys],
            "dependency_order": self.order,
            "cycles": self.cycles,
            "self_referencing": self.self_referencing,
        }


_TABLES = """
SELECT c.oid, n.nspname, c.relname,
       CASE WHEN c.relkind = 'p'  -- a partitioned table's rows are in its partitions
            THEN (SELECT coalesce(sum(pg_relation_size(p.relid)), 0)::bigint
                  FROM pg_partition_tree(c.oid) p)
            ELSE pg_relation_size(c.oid) END,
       c.relkind = 'p'
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY(%s)
ORDER BY n.nspname, c.relname
"""
_COLUMNS = """
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       a.attgenerated <> '', a.atthasdef OR a.attidentity <> ''
FROM pg_attribute a
WHERE a.attrelid = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
"""
# The key columns only: the first indnkeyatts of indkey (INCLUDE columns follow them, are no
# part of the key, and may have no ordering operator at all: a box).
_PKEYS = """
SELECT i.indrelid, a.attname
FROM pg_index i, unnest(i.indkey) WITH ORDINALITY k(attnum, pos)
JOIN pg_attribute a ON a.attnum = k.attnum
WHERE i.indisprimary AND i.indrelid = ANY(%s) AND a.attrelid = i.indrelid
  AND k.pos <= i.indnkeyatts
ORDER BY i.indrelid, k.pos
"""
# A table without a primary key: the unique index a replica identity could use (valid, not
# partial, not deferrable, plain NOT NULL columns), the replica identity's own first, then the
# narrowest, by name.
_UNIQUE_KEYS = """
SELECT DISTINCT ON (i.indrelid) i.indrelid,
       array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(n, p)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
             WHERE k.p <= i.indnkeyatts ORDER BY k.p)
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE i.indrelid = ANY(%s) AND i.indisunique AND i.indisvalid AND i.indimmediate
  AND i.indpred IS NULL AND i.indexprs IS NULL
  AND NOT EXISTS (SELECT 1 FROM pg_index p WHERE p.indrelid = i.indrelid AND p.indisprimary)
  AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey) WITH ORDINALITY k(n, p)
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
                  WHERE k.p <= i.indnkeyatts AND NOT a.attnotnull)
ORDER BY i.indrelid, i.indisreplident DESC, i.indnkeyatts, ic.relname
"""
_KEY_CORRELATION = """
SELECT DISTINCT ON (i.indrelid) i.indrelid, s.correlation
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname
WHERE i.indisprimary AND i.indrelid = ANY(%s) AND s.correlation IS NOT NULL
ORDER BY i.indrelid, s.inherited
"""
_FKEYS = """
SELECT con.conname, con.conrelid, con.confrelid, con.condeferrable,
       array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, p)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.p),
       array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, p)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.p)
FROM pg_constraint con
WHERE con.contype = 'f' AND con.conrelid = ANY(%s) AND con.conparentid = 0
ORDER BY con.conrelid, con.conname
"""
_SEQUENCES = """
SELECT s.schemaname, s.sequencename, s.last_value,
       (SELECT tn.nspname || '.' || t.relname || '.' || a.attname
        FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
        JOIN pg_namespace tn ON tn.oid = t.relnamespace
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE d.objid = (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass
          AND d.deptype IN ('a', 'i') LIMIT 1),
       s.increment_by
FROM pg_sequences s WHERE s.schemaname = ANY(%s)
ORDER BY 1, 2
"""


def read_catalog(conn: psycopg.Connection, schemas: list[str]) -> Catalog:
    """Read every ordinary table of `schemas` (call inside the snapshot transaction)."""
    rows = conn.execute(_TABLES, (schemas,)).fetchall()
    by_oid = {
        oid: Table(s, n, [], [], est_bytes=size, partitioned=part) for oid, s, n, size, part in rows
    }
    oids = list(by_oid)
    for oid, name, typ, not_null, generated, default in conn.execute(_COLUMNS, (oids,)):
        by_oid[oid].columns.append(Column(name, typ, not_null, generated, default))
    for oid, name in conn.execute(_PKEYS, (oids,)):
        by_oid[oid].primary_key.append(name)
    for oid, names in conn.execute(_UNIQUE_KEYS, (oids,)):
        by_oid[oid].unique_key = list(names)
    for oid, correlation in conn.execute(_KEY_CORRELATION, (oids,)):
        by_oid[oid].key_correlation = correlation
    outside: list[Reference] = []
    for name, child, parent, deferrable, cols, ref_cols in conn.execute(_FKEYS, (oids,)):
        if parent not in by_oid:  # references a schema we do not back up
            ref = one_row(conn.execute("SELECT %s::regclass::text", (parent,)).fetchone())[0]
            outside.append(
                Reference(table=by_oid[child].qualified, foreign_key=name, ref_table=ref)
            )
            continue
        by_oid[child].foreign_keys.append(
            ForeignKey(
                name,
                by_oid[child].qualified,
                list(cols),
                by_oid[parent].qualified,
                list(ref_cols),
                deferrable,
            )
        )
    sequences = [
        Sequence(s, n, last, last is not None, owner, step)
        for s, n, last, owner, step in conn.execute(_SEQUENCES, (schemas,))
    ]
    read_sequence_states(conn, sequences)
    tables = {t.qualified: t for t in by_oid.values()}
    order, cycles, self_refs = dependency_order(tables)
    return Catalog(tables, sequences, order, cycles, self_refs, outside)


def read_sequence_states(conn: psycopg.Connection, sequences: list[Sequence]) -> None:
    """Set each sequence's last_value and is_called from the sequence itself, as pg_dump reads
    them: pg_sequences.last_value is NULL whenever is_called is false (never used, or after
    RESTART / setval(s, v, false)), which would lose the value. One query for all; a sequence
    this role may not read keeps what pg_sequences said."""
    names = [sql.Identifier(s.schema, s.name).as_string(conn) for s in sequences]
    may = conn.execute(
        "SELECT has_sequence_privilege(n, 'SELECT') FROM unnest(%s::text[]) WITH ORDINALITY "
        "x(n, i) ORDER BY i",
        (names,),
    ).fetchall()
    readable = [s for s, (ok,) in zip(sequences, may, strict=True) if ok]
    if not readable:
        return
    query = sql.SQL(" UNION ALL ").join(
        sql.SQL("SELECT {}::int, last_value, is_called FROM {}").format(
            sql.Literal(i), sql.Identifier(s.schema, s.name)
        )
        for i, s in enumerate(readable)
    )
    for i, last, called in conn.execute(query):
        readable[i].last_value, readable[i].is_called = last, called


def dependency_order(tables: dict[str, Table]) -> tuple[list[str], list[list[str]], list[str]]:
    """Topological order, parents first, deterministic (ties by name).

    Tables in a foreign-key cycle are grouped (Tarjan's strongly connected components) and
    placed together where the group as a whole fits; a restore loads such a group in two phases.
    """
    parents = {
        name: sorted({fk.ref_table for fk in t.foreign_keys if fk.ref_table != name})
        for name, t in tables.items()
    }
    self_refs = sorted(
        n for n, t in tables.items() if any(fk.ref_table == n for fk in t.foreign_keys)
    )
    components = _strongly_connected(parents)
    comp_of = {n: i for i, comp in enumerate(components) for n in comp}
    comp_parents = {
        i: {comp_of[p] for n in comp for p in parents[n]} - {i} for i, comp in enumerate(components)
    }
    done: set[int] = set()
    order: list[str] = []
    remaining = sorted(range(len(components)), key=lambda i: components[i][0])
    while remaining:
        ready = [i for i in remaining if comp_parents[i] <= done]
        for i in ready:
            order.extend(components[i])
            done.add(i)
        remaining = [i for i in remaining if i not in done]
    cycles = [comp for comp in components if len(comp) > 1]
    return order, cycles, self_refs


def _strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:  # recursion depth is bounded by the number of tables
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            result.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return result


def find_table(tables: dict[str, Table], name: str) -> Table | None:
    """The table called `name`: "schema.table", or a bare name that only one schema has; a
    bare name two schemas have is refused as ambiguous rather than guessed."""
    if name in tables:
        return tables[name]
    matches = resolve_name(list(tables), name)
    return tables[matches] if matches else None


def resolve_name(qualified: list[str], name: str) -> str | None:
    """The one "schema.table" of `qualified` that `name` means (None: no such table)."""
    if name in qualified:
        return name
    matches = sorted(q for q in qualified if q.split(".", 1)[1] == name)
    if len(matches) > 1:
        raise AirvaultError(
            f"table name '{name}' is ambiguous: {', '.join(matches)}; give it with its schema"
        )
    return matches[0] if matches else None


def select_tables(catalog: Catalog, exclude: list[str]) -> tuple[list[Table], list[str]]:
    """Split the catalog into (tables to back up in dependency order, excluded names).

    An exclusion pattern matches "schema.table" or the bare table name, with shell wildcards.
    """

    def excluded(t: Table) -> bool:
        return any(
            fnmatch.fnmatchcase(t.qualified, p) or fnmatch.fnmatchcase(t.name, p) for p in exclude
        )

    kept = [catalog.tables[n] for n in catalog.order if not excluded(catalog.tables[n])]
    skipped = sorted(n for n, t in catalog.tables.items() if excluded(t))
    return kept, skipped
