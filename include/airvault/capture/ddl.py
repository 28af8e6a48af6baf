"""Schema changes inside the change stream: an event trigger records each DDL command, as
the server ran it, in a captured table; its row comes through the slot in commit order, at
its place among the row changes, and the replay runs the command there.

Why an event trigger: pgoutput's Relation messages say only which columns a table has now.
A rename looks like a column dropped and one added (the values would be lost), and indexes,
constraints and enum values are not in them at all. The command text is the migration
itself. `ddl_command_end` fires after the command ran, inside its transaction: the row it
writes is decoded right after the command's effects and before the transaction's next change.

What the trigger writes (table airvault_capture.ddl_log): the client's query text (which may
hold several statements), the command's tag and objects, its search_path, role and the
settings that change how text is read (TimeZone, DateStyle, IntervalStyle,
standard_conforming_strings), and which command of its query string it is (counted by the
time of the client's statement and its text): the replay runs that statement of the query,
checked against the recorded tag and objects. A table created in a captured schema is
added to the publication there and then (REPLICA IDENTITY FULL when it has no primary key,
as an UPDATE of it would otherwise fail): its rows are captured from its first insert.

Creating an event trigger needs a superuser (on RDS / Aurora: rds_superuser; elsewhere the
service's equivalent). Where it cannot be created, capture runs without it: a schema change
is then found from the Relation messages, and it is a gap (named, and a new base is taken).

What the replay refuses (`line_up`) is a gap too, never a guess: a command run by code (a
function, a DO block: the text is not the command), a query whose statements do not line up
with the commands recorded, and a command whose result depends on more than the rows it
reads (an added column whose default calls a function, a type change USING one, a new
serial column, CREATE TABLE AS). A materialized view's refresh is run at its place: it reads
the restored tables as they were then.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from airvault.capture.pgoutput import DecodeError

SCHEMA = "airvault_capture"
LOG_TABLE = f"{SCHEMA}.ddl_log"
TRIGGER = "airvault_capture_ddl"
# the settings a command's text is read with, recorded and set again by the replay
SETTINGS = ("TimeZone", "DateStyle", "IntervalStyle", "standard_conforming_strings")

_INSTALL = """
SELECT pg_catalog.set_config('airvault.capture_busy', 'on', true);  -- not a change of the app's
CREATE SCHEMA IF NOT EXISTS airvault_capture;
REVOKE ALL ON SCHEMA airvault_capture FROM PUBLIC;
CREATE TABLE IF NOT EXISTS airvault_capture.ddl_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    statement_at timestamptz NOT NULL,
    tag text NOT NULL,
    objects text[] NOT NULL,
    query text NOT NULL,
    search_path text NOT NULL,
    role text NOT NULL,
    settings jsonb NOT NULL,
    problem text,
    ordinal int NOT NULL  -- the how-manieth command of its query string (0: the first)
);
CREATE INDEX IF NOT EXISTS ddl_log_statement ON airvault_capture.ddl_log (statement_at);
REVOKE ALL ON airvault_capture.ddl_log FROM PUBLIC;
-- Runs as its owner (the capture login): only it writes the log. It refuses to run outside
-- an event trigger (pg_event_trigger_ddl_commands raises there) and reads the query itself.
CREATE OR REPLACE FUNCTION airvault_capture.log_ddl(command_tag text, caller_path text, caller_role text, caller_settings jsonb)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    found_objects text[];
    created oid[];
    trouble text;
    t oid;
BEGIN
    SELECT coalesce(array_agg(c.object_identity) FILTER (WHERE c.object_identity IS NOT NULL), '{}'),
           coalesce(array_agg(c.objid) FILTER (WHERE c.command_tag = 'CREATE TABLE'
                                                 AND c.object_type = 'table'), '{}')
      INTO found_objects, created FROM pg_event_trigger_ddl_commands() c;
    PERFORM set_config('airvault.capture_busy', 'on', true);
    FOREACH t IN ARRAY created LOOP
        CONTINUE WHEN NOT EXISTS (
            SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = t AND c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND c.relpersistence = 'p'
              AND (%(schemas)s::text[] IS NULL OR n.nspname = ANY(%(schemas)s::text[]))
              AND n.nspname <> ALL(%(excluded)s::text[] || '{airvault_capture}'::text[])
              AND left(n.nspname, 3) <> 'pg_' AND n.nspname <> 'information_schema');
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = t AND indisprimary) THEN
                EXECUTE format('ALTER TABLE %%s REPLICA IDENTITY FULL', t::regclass);
            END IF;
            EXECUTE format('ALTER PUBLICATION %%I ADD TABLE %%s', %(publication)s, t::regclass);
        EXCEPTION WHEN OTHERS THEN
            trouble := format('%%s was created but cannot be captured: %%s', t::regclass, SQLERRM);
        END;
    END LOOP;
    PERFORM set_config('airvault.capture_busy', 'off', true);
    INSERT INTO airvault_capture.ddl_log
        (statement_at, tag, objects, query, search_path, role, settings, problem, ordinal)
    SELECT statement_timestamp(), command_tag, found_objects, current_query(), caller_path,
           caller_role, caller_settings, trouble, count(*) FROM airvault_capture.ddl_log l
    WHERE l.statement_at = statement_timestamp() AND l.query = current_query();
END
$fn$;
REVOKE ALL ON FUNCTION airvault_capture.log_ddl(text, text, text, jsonb) FROM PUBLIC;
GRANT USAGE ON SCHEMA airvault_capture TO PUBLIC;
GRANT EXECUTE ON FUNCTION airvault_capture.log_ddl(text, text, text, jsonb) TO PUBLIC;
-- The trigger runs as whoever ran the command: what it reads is theirs.
CREATE OR REPLACE FUNCTION airvault_capture.on_ddl() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF pg_catalog.current_setting('airvault.capture_busy', true) = 'on'
       OR TG_TAG OPERATOR(pg_catalog.~) '^(CREATE|ALTER|DROP) (PUBLICATION|SUBSCRIPTION)' THEN
        RETURN;  -- its own work, and what is not the app's schema
    END IF;
    PERFORM airvault_capture.log_ddl(
        TG_TAG, pg_catalog.current_setting('search_path'), CURRENT_USER::text,
        pg_catalog.jsonb_build_object(
            'TimeZone', pg_catalog.current_setting('TimeZone'),
            'DateStyle', pg_catalog.current_setting('DateStyle'),
            'IntervalStyle', pg_catalog.current_setting('IntervalStyle'),
            'standard_conforming_strings',
            pg_catalog.current_setting('standard_conforming_strings')));
END
$fn$;
DROP EVENT TRIGGER IF EXISTS airvault_capture_ddl;
CREATE EVENT TRIGGER airvault_capture_ddl ON ddl_command_end
    EXECUTE FUNCTION airvault_capture.on_ddl();
"""

_UNINSTALL = """
DROP EVENT TRIGGER IF EXISTS airvault_capture_ddl;
DROP SCHEMA IF EXISTS airvault_capture CASCADE;
"""


def install(
    conn: psycopg.Connection, publication: str, schemas: list[str] | None, excluded: list[str]
) -> None:
    """The log table, its functions and the event trigger, in one transaction (on an
    autocommit connection: the caller's). A table created later joins the publication when
    its schema is one capture covers: of `schemas` (None: any), not of `excluded`."""
    script = _INSTALL % {
        "schemas": "NULL" if schemas is None else sql.Literal(sorted(schemas)).as_string(conn),
        "excluded": sql.Literal(sorted(excluded)).as_string(conn),
        "publication": sql.Literal(publication).as_string(conn),
    }
    with conn.transaction():
        conn.execute(script)


def uninstall(conn: psycopg.Connection) -> None:
    with conn.transaction():
        conn.execute(_UNINSTALL)


def installed(conn: psycopg.Connection) -> bool:
    found = conn.execute(
        "SELECT 1 FROM pg_event_trigger WHERE evtname = %s AND evtenabled <> 'D'", (TRIGGER,)
    ).fetchone()
    return found is not None


@dataclass
class SchemaChange:
    """One recorded command (a row of the log), and where the replay meets it."""

    statement_at: str
    tag: str
    objects: list[str]
    query: str
    search_path: str
    role: str
    settings: dict[str, str]
    problem: str | None = None
    ordinal: int = 0  # the how-manieth command of its query string (0: the first)

    @classmethod
    def of_row(cls, columns: list[str], values: list) -> SchemaChange:
        """From the log row's values as pgoutput prints them (text)."""
        try:
            return cls._of(dict(zip(columns, values, strict=True)))
        except (KeyError, ValueError, TypeError, IndexError) as e:
            raise DecodeError(f"a row of {LOG_TABLE} cannot be read ({e!r})") from None

    @classmethod
    def _of(cls, row: dict) -> SchemaChange:
        return cls(
            statement_at=str(row["statement_at"]),
            tag=str(row["tag"]),
            objects=_text_array(row["objects"]),
            query=str(row["query"]),
            search_path=str(row["search_path"]),
            role=str(row["role"]),
            settings={str(k): str(v) for k, v in json.loads(row["settings"]).items()},
            problem=row["problem"],
            ordinal=int(row["ordinal"]),
        )

    @property
    def what(self) -> str:
        return f"{self.tag} {', '.join(self.objects)}".strip()


def _text_array(text: str) -> list[str]:
    """A text[] as PostgreSQL prints it: {a,"b c"} (identities never hold backslashes here
    unless quoted, which the loop reads)."""
    inner, out, i = text.strip()[1:-1], [], 0
    while i < len(inner):
        if inner[i] == '"':
            j, item = i + 1, []
            while inner[j] != '"':
                if inner[j] == "\\":
                    j += 1
                item.append(inner[j])
                j += 1
            out.append("".join(item))
            i = j + 2
        else:
            j = inner.find(",", i)
            j = len(inner) if j < 0 else j
            out.append(inner[i:j])
            i = j + 1
    return out


# -- reading the query text ----------------------------------------------------------------

_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<line>--[^\n]*)
      | (?P<block>/\*)
      | (?P<estring>[eE]'(?:[^'\\]|\\.|'')*')
      | (?P<string>'(?:[^']|'')*')
      | (?P<ident>"(?:[^"]|"")*")
      | (?P<dollar>\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$)
      | (?P<word>[A-Za-z_][A-Za-z_0-9$]*)
      | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)
      | (?P<semi>;)
      | (?P<cast>::)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


@dataclass
class Statement:
    text: str
    words: list[str] = field(default_factory=list)  # tokens, words upper-cased

    @property
    def head(self) -> str:
        return self.words[0] if self.words else ""


class Unreadable(Exception):
    pass


def split(query: str) -> list[Statement]:
    """The statements of a query string, as the server's lexer splits them (strings, quoted
    names, dollar quotes, nested comments); tokens without comments or spaces."""
    statements: list[Statement] = []
    current = Statement("")
    start, pos = 0, 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if m is None:  # (cannot happen: "other" takes any character)
            raise Unreadable(f"unreadable at {pos}")
        kind, token = m.lastgroup, m.group()
        end = m.end()
        if kind == "block":
            end = _comment_end(query, pos)
        elif kind == "dollar":
            close = query.find(token, end)
            if close < 0:
                raise Unreadable("a dollar quote is not closed")
            current.words.append(query[pos : close + len(token)])
            end = close + len(token)
        elif kind == "semi":
            current.text = query[start:pos].strip()
            statements.append(current)
            current, start = Statement(""), end
        elif kind == "word":
            current.words.append(token.upper())
        elif kind not in ("space", "line"):
            current.words.append(token)
        pos = end
    current.text = query[start:].strip()
    statements.append(current)
    return [s for s in statements if s.words]


def _comment_end(query: str, pos: int) -> int:
    depth, i = 0, pos
    while i < len(query):
        if query.startswith("/*", i):
            depth, i = depth + 1, i + 2
        elif query.startswith("*/", i):
            depth, i = depth - 1, i + 2
            if depth == 0:
                return i
        else:
            i += 1
    raise Unreadable("a comment is not closed")


# Statements that fire ddl_command_end (CREATE/ALTER/DROP of database-level objects do not).
_GLOBAL = {"DATABASE", "ROLE", "USER", "GROUP", "TABLESPACE", "SYSTEM", "EVENT"}
_DDL_HEADS = {"CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE", "SECURITY", "IMPORT"}
_DDL_HEADS |= {"REFRESH", "REINDEX"}


def fires_ddl(statement: Statement) -> bool:
    w = statement.words
    if statement.head not in _DDL_HEADS:
        return statement.head == "SELECT" and "INTO" in w  # SELECT INTO: a CREATE TABLE AS
    if statement.head in ("CREATE", "ALTER", "DROP"):
        rest = [x for x in w[1:4] if x not in ("OR", "REPLACE", "DEFAULT", "UNIQUE")]
        return not (rest and rest[0] in _GLOBAL)
    if statement.head in ("GRANT", "REVOKE"):
        return "ON" in w  # GRANT role TO role is a role's, not a schema's
    return True


# Functions whose value depends on the row alone (a default or USING calling another could
# read other tables, the clock, a sequence: the replay would not get what the source got).
_PURE = set(
    "LOWER UPPER TRIM BTRIM LTRIM RTRIM COALESCE NULLIF GREATEST LEAST ROUND TRUNC ABS "
    "LENGTH SUBSTR SUBSTRING REPLACE LEFT RIGHT SPLIT_PART MD5 CEIL FLOOR POSITION LPAD "
    "RPAD INITCAP CONCAT CONCAT_WS ARRAY ROW CAST TO_JSONB JSONB_BUILD_OBJECT CHAR_LENGTH "
    "OCTET_LENGTH ANY ALL IN JSONB_TYPEOF ARRAY_LENGTH".split()
)
_TYPE_WORDS = set(
    "NUMERIC DECIMAL VARCHAR CHAR CHARACTER VARYING BIT VARBIT TIME TIMESTAMP TIMESTAMPTZ "
    "TIMETZ INTERVAL FLOAT DOUBLE PRECISION".split()
)
_CLOCK_WORDS = set(
    "CURRENT_TIMESTAMP CURRENT_DATE CURRENT_TIME LOCALTIME LOCALTIMESTAMP CURRENT_USER "
    "SESSION_USER USER CURRENT_ROLE CURRENT_SCHEMA CURRENT_CATALOG SELECT NEXTVAL".split()
)


_KEYWORDS = set("AND OR NOT IN IS CASE WHEN THEN ELSE BETWEEN LIKE ILIKE SIMILAR".split())
# where a column's default ends and its constraints begin
_CONSTRAINT_WORDS = set(
    "NOT NULL CHECK REFERENCES UNIQUE PRIMARY CONSTRAINT COLLATE GENERATED DEFERRABLE".split()
)


def _impure(words: list[str]) -> str | None:
    """The first thing in `words` (an expression evaluated over the rows) whose value may
    depend on more than the row: a call of a function not known to be pure, the clock."""
    for i, w in enumerate(words):
        if w in _CLOCK_WORDS:
            return w.lower()
        called = i + 1 < len(words) and words[i + 1] == "("
        after_cast = i > 0 and words[i - 1] == "::"
        known = w in _PURE or w in _TYPE_WORDS or w in _KEYWORDS
        if called and not after_cast and not known:
            if w[:1].isalpha() or w[:1] == "_" or w.startswith('"'):
                return f"{w.lower()}()"
    return None


def _group(words: list[str]) -> list[str]:
    """The parenthesized group `words` starts with (all of them when it does not)."""
    depth = 0
    for i, w in enumerate(words):
        depth += (w == "(") - (w == ")")
        if depth == 0:
            return words[: i + 1]
    return words


def _default(words: list[str]) -> list[str]:
    """A column's default expression: from after DEFAULT to its first constraint."""
    depth, out = 0, []
    for w in words[words.index("DEFAULT") + 1 :]:
        if depth == 0 and w in _CONSTRAINT_WORDS:
            break
        depth += (w == "(") - (w == ")")
        out.append(w)
    return out


def _clauses(words: list[str], start: str) -> list[list[str]]:
    """Each run of words after `start` up to the next top-level comma (an ALTER TABLE's
    subcommands are comma-separated)."""
    out: list[list[str]] = []
    current: list[str] | None = None
    depth = 0
    for w in words:
        if current is not None:
            depth += (w == "(") - (w == ")")
            if depth < 0 or (depth == 0 and w == ","):
                out.append(current)
                current, depth = None, 0
                continue
            current.append(w)
        elif w == start:
            current, depth = [], 0
    if current is not None:
        out.append(current)
    return out


def refusal(statement: Statement) -> str | None:
    """Why the replay cannot run this command and get what the source got; None: it can."""
    w = statement.words
    if statement.head == "ALTER" and "TABLE" in w[:3]:
        for sub in _clauses(w, "ADD"):
            if {"SERIAL", "BIGSERIAL", "SMALLSERIAL", "IDENTITY"} & set(sub):
                return "it adds a serial or identity column (values given in storage order)"
            if "DEFAULT" in sub and (bad := _impure(_default(sub))):
                return f"it adds a column whose default calls {bad}"
        for sub in _clauses(w, "USING"):
            if bad := _impure(sub):
                return f"it changes a type USING {bad}"
    for sub in _clauses(w, "CHECK"):  # evaluated over the rows now, and on every write
        if bad := _impure(_group(sub)):
            return f"its check calls {bad}"
    return None


def line_up(change: SchemaChange) -> tuple[Statement | None, str]:
    """The statement of its query string that is this command (the how-manieth one that
    fires the trigger), checked against the command's tag and objects; or None and why not."""
    if change.problem:
        return None, change.problem
    if change.settings.get("standard_conforming_strings", "on") != "on":
        return None, "standard_conforming_strings was off"
    try:
        commands = [s for s in split(change.query) if fires_ddl(s)]
    except Unreadable as e:
        return None, f"its query cannot be read ({e})"
    if change.ordinal >= len(commands):
        return None, (
            "code (a function, a DO block) ran it: the query holds no statement that is it"
        )
    statement = commands[change.ordinal]
    names = {p.strip('"').upper() for o in change.objects for p in o.split(".")}
    words = {w.strip('"').upper() for w in statement.words}
    if not set(change.tag.split()) <= set(statement.words) or (names and not names & words):
        return None, (
            f"code ran it: the query's statement {statement.text[:60]!r} is not that {change.tag}"
        )
    if change.tag in ("CREATE TABLE AS", "SELECT INTO"):
        return None, "it creates a table from a query (its rows are not in the stream)"
    if why := refusal(statement):
        return None, why
    return statement, ""


def runnable(statement: Statement) -> str:
    """The command as the replay runs it, inside its transaction: CONCURRENTLY dropped (an
    index built at once gives the same index)."""
    if statement.head in ("CREATE", "DROP", "REINDEX") and "CONCURRENTLY" in statement.words:
        return re.sub(r"(?i)\bconcurrently\b", "", statement.text, count=1)
    return statement.text
