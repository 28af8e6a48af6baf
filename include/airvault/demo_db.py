"""The demo CRM database: a realistic app schema with deterministic rows at any scale.

Rows are generated server-side (generate_series), ids are md5 of natural keys and timestamps
are offsets from a fixed date, so the same scale gives byte-identical data on every machine.
Re-running upserts by primary key and rewrites only rows that differ: it changes nothing.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

SCHEMA = """
CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS storage;
DO $$ BEGIN
  CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE DOMAIN public.positive_int AS int CHECK (VALUE > 0);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE IF NOT EXISTS auth.users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE,
  encrypted_password text,
  raw_user_meta_data jsonb,
  created_at timestamptz NOT NULL,
  last_sign_in_at timestamptz
);
CREATE TABLE IF NOT EXISTS storage.buckets (
  id text PRIMARY KEY,
  name text NOT NULL,
  public boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS storage.objects (
  id uuid PRIMARY KEY,
  bucket_id text NOT NULL CONSTRAINT objects_bucket_fk REFERENCES storage.buckets,
  name text NOT NULL,
  owner uuid CONSTRAINT objects_owner_fk REFERENCES auth.users,
  metadata jsonb,
  size bigint,
  created_at timestamptz NOT NULL,
  UNIQUE (bucket_id, name)
);
CREATE TABLE IF NOT EXISTS public.organizations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  slug text NOT NULL UNIQUE,
  plan text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS public.users (
  id uuid PRIMARY KEY CONSTRAINT users_auth_fk REFERENCES auth.users,
  organization_id uuid NOT NULL CONSTRAINT users_org_fk REFERENCES public.organizations,
  email text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS public.accounts (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL CONSTRAINT accounts_org_fk REFERENCES public.organizations,
  name text NOT NULL,
  industry text,
  parent_account_id uuid CONSTRAINT accounts_parent_fk REFERENCES public.accounts,
  primary_contact_id uuid,
  account_owner uuid CONSTRAINT accounts_owner_fk REFERENCES public.users,
  created_by uuid CONSTRAINT accounts_created_by_fk REFERENCES public.users,
  modified_by uuid CONSTRAINT accounts_modified_by_fk REFERENCES public.users,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS public.contacts (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL CONSTRAINT contacts_org_fk REFERENCES public.organizations,
  account_id uuid CONSTRAINT contacts_account_fk REFERENCES public.accounts,
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text,
  phone text,
  contact_owner uuid CONSTRAINT contacts_owner_fk REFERENCES public.users,
  created_by uuid CONSTRAINT contacts_created_by_fk REFERENCES public.users,
  modified_by uuid CONSTRAINT contacts_modified_by_fk REFERENCES public.users,
  notes text,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
DO $$ BEGIN  -- the accounts <-> contacts foreign-key cycle (not deferrable, like most apps)
  ALTER TABLE public.accounts ADD CONSTRAINT accounts_primary_contact_fk
    FOREIGN KEY (primary_contact_id) REFERENCES public.contacts;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE IF NOT EXISTS public.leads (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL CONSTRAINT leads_org_fk REFERENCES public.organizations,
  lead_name text NOT NULL,
  company text,
  email text,
  status text NOT NULL,
  lead_owner uuid CONSTRAINT leads_owner_fk REFERENCES public.users,
  created_by uuid CONSTRAINT leads_created_by_fk REFERENCES public.users,
  modified_by uuid CONSTRAINT leads_modified_by_fk REFERENCES public.users,
  converted_contact_id uuid CONSTRAINT leads_contact_fk REFERENCES public.contacts,
  created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS public.deals (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL CONSTRAINT deals_org_fk REFERENCES public.organizations,
  account_id uuid NOT NULL CONSTRAINT deals_account_fk REFERENCES public.accounts,
  contact_id uuid CONSTRAINT deals_contact_fk REFERENCES public.contacts,
  name text NOT NULL,
  stage text NOT NULL,
  amount numeric(14, 2),
  close_date date,
  assigned_to uuid CONSTRAINT deals_assigned_fk REFERENCES public.users,
  created_by uuid CONSTRAINT deals_created_by_fk REFERENCES public.users,
  modified_by uuid CONSTRAINT deals_modified_by_fk REFERENCES public.users,
  created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS public.products (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL CONSTRAINT products_org_fk REFERENCES public.organizations,
  sku text NOT NULL,
  name text NOT NULL,
  price numeric(12, 2) NOT NULL,
  stock int NOT NULL,
  UNIQUE (organization_id, sku)
);
CREATE TABLE IF NOT EXISTS public.inventory_movements (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  product_id uuid NOT NULL CONSTRAINT movements_product_fk REFERENCES public.products,
  quantity int NOT NULL,
  reason text NOT NULL,
  moved_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS public.bids (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL CONSTRAINT bids_org_fk REFERENCES public.organizations,
  deal_id uuid NOT NULL CONSTRAINT bids_deal_fk REFERENCES public.deals,
  product_id uuid CONSTRAINT bids_product_fk REFERENCES public.products,
  amount numeric(14, 2) NOT NULL,
  status text NOT NULL,
  created_by uuid CONSTRAINT bids_created_by_fk REFERENCES public.users,
  created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS public.activities (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  organization_id uuid NOT NULL CONSTRAINT activities_org_fk REFERENCES public.organizations,
  deal_id uuid CONSTRAINT activities_deal_fk REFERENCES public.deals,
  contact_id uuid CONSTRAINT activities_contact_fk REFERENCES public.contacts,
  kind text NOT NULL,
  subject text NOT NULL,
  assigned_to uuid CONSTRAINT activities_assigned_fk REFERENCES public.users,
  due_at timestamptz
);
CREATE TABLE IF NOT EXISTS public.audit_logs (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  organization_id uuid NOT NULL CONSTRAINT audit_org_fk REFERENCES public.organizations,
  actor_id uuid CONSTRAINT audit_actor_fk REFERENCES public.users,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id uuid,
  details jsonb,
  created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS public.sync_nodes (
  id uuid PRIMARY KEY, hostname text NOT NULL, last_seen_at timestamptz
);
CREATE TABLE IF NOT EXISTS public.sync_sessions (
  id uuid PRIMARY KEY,
  node_id uuid NOT NULL CONSTRAINT sync_sessions_node_fk REFERENCES public.sync_nodes,
  started_at timestamptz NOT NULL, state text NOT NULL
);
CREATE TABLE IF NOT EXISTS public.offline_queue (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, payload jsonb, queued_at timestamptz
);
CREATE TABLE IF NOT EXISTS public.data_snapshots (
  id uuid PRIMARY KEY, taken_at timestamptz NOT NULL, blob bytea
);
CREATE TABLE IF NOT EXISTS public.type_zoo (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid_col uuid, num_col numeric(20, 6), int_col int, small_col smallint,
  float_col double precision, real_col real, bool_col boolean,
  text_col text, varchar_col varchar(50), char_col char(3),
  json_col json, jsonb_col jsonb, int_arr int[], text_arr text[],
  ts_col timestamp, tstz_col timestamptz, date_col date, time_col time,
  interval_col interval, bytea_col bytea, enum_col public.mood,
  domain_col public.positive_int, inet_col inet,
  generated_col int GENERATED ALWAYS AS (int_col * 2) STORED
);
CREATE INDEX IF NOT EXISTS contacts_account_idx ON public.contacts (account_id);
CREATE INDEX IF NOT EXISTS contacts_org_idx ON public.contacts (organization_id);
CREATE INDEX IF NOT EXISTS accounts_org_idx ON public.accounts (organization_id);
CREATE INDEX IF NOT EXISTS deals_account_idx ON public.deals (account_id);
CREATE INDEX IF NOT EXISTS bids_deal_idx ON public.bids (deal_id);
CREATE INDEX IF NOT EXISTS activities_deal_idx ON public.activities (deal_id);
CREATE INDEX IF NOT EXISTS audit_logs_org_idx ON public.audit_logs (organization_id, created_at);
"""

# Deterministic pickers, as session-local functions (pg_temp) so the app schema stays clean.
# Rows of organization o are o, o + n_org, o + 2 n_org, ...: pick(kind, o, k, per_org) returns
# the id of the k-th (mod per_org) row of `kind` in organization o.
HELPERS = """
CREATE FUNCTION pg_temp.uid(kind text, i bigint) RETURNS uuid IMMUTABLE LANGUAGE sql
  AS $$ SELECT md5(kind || '-' || i)::uuid $$;
CREATE FUNCTION pg_temp.pick(kind text, org int, k bigint, per_org int, n_org int)
  RETURNS uuid IMMUTABLE LANGUAGE sql
  AS $$ SELECT md5(kind || '-' || (org + n_org * (k % per_org)))::uuid $$;
CREATE FUNCTION pg_temp.ts(i bigint, step_s int) RETURNS timestamptz IMMUTABLE LANGUAGE sql
  AS $$ SELECT '2026-01-01 00:00:00+00'::timestamptz + make_interval(secs => i * step_s) $$;
"""

FIRST = ["Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Julia",
         "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]  # fmt: skip
LAST = ["Martin", "Okafor", "Novak", "Silva", "Kowalski", "Haddad", "Tanaka", "Müller",
        "O'Brien", "García", "Nguyen", "Jensen", "Rossi", "Ivanova", "Dubois", "Singh"]  # fmt: skip


def _counts(scale: int) -> dict[str, int]:
    s = max(1, scale)
    return {
        "orgs": 3 + s // 10,
        "users": 25 + s,
        "accounts": 600 * s,
        "contacts": 4402 * s,
        "leads": 2000 * s,
        "deals": 1500 * s,
        "products": 200 * s,
        "movements": 3000 * s,
        "bids": 1000 * s,
        "activities": 5000 * s,
        "audit_logs": 10000 * s,
        "objects": 300 * s,
        "type_zoo": 500,
    }


def _upsert(
    conn: psycopg.Connection, table: str, columns: list[str], select: str, params: dict
) -> None:
    """INSERT the SELECT's rows; on an existing key rewrite only rows whose values differ."""
    schema, name = table.split(".")
    target = sql.Identifier(schema, name)
    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    settable = [c for c in columns if c != "id"]
    excluded = sql.SQL(", ").join(
        sql.SQL("EXCLUDED.{}").format(sql.Identifier(c)) for c in settable
    )
    current = sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(c)) for c in settable)
    overriding = sql.SQL("OVERRIDING SYSTEM VALUE ") if table == "public.type_zoo" else sql.SQL("")
    for key, value in params.items():  # our own constants, rendered as quoted literals
        select = select.replace(f"%({key})s", sql.Literal(value).as_string(conn))
    query = sql.SQL(
        "INSERT INTO {target} AS t ({cols}) {overriding}{select} ON CONFLICT (id) DO UPDATE "
        "SET ({settable}) = ROW({excluded}) "
        "WHERE ROW({current})::text IS DISTINCT FROM ROW({excluded})::text"  # json has no =
    ).format(
        select=sql.SQL(select.replace("%%", "%")),
        target=target,
        cols=cols,
        overriding=overriding,
        settable=sql.SQL(", ").join(map(sql.Identifier, settable)),
        excluded=excluded,
        current=current,
    )
    conn.execute(query)


def _fill(conn: psycopg.Connection, n: dict[str, int]) -> None:
    o = n["orgs"]
    per = {k: max(1, n[k] // o) for k in ("users", "accounts", "contacts", "deals", "products")}
    org_of = f"((g - 1) % {o} + 1)"  # the organization of row g
    base = {"o": o, "first": FIRST, "last": LAST}
    _upsert(conn, "public.organizations", ["id", "name", "slug", "plan", "created_at"],
            """SELECT pg_temp.uid('org', g), 'Organization ' || g, 'org-' || g,
                      CASE WHEN g % 2 = 0 THEN 'pro' ELSE 'free' END, pg_temp.ts(g, 86400)
               FROM generate_series(1, %(n)s) g""", {"n": o})  # fmt: skip
    person = """(%(first)s::text[])[1 + (g * 7) %% cardinality(%(first)s::text[])],
                (%(last)s::text[])[1 + (g * 11) %% cardinality(%(last)s::text[])]"""
    _upsert(conn, "auth.users",
            ["id", "email", "encrypted_password", "raw_user_meta_data", "created_at", "last_sign_in_at"],
            f"""SELECT pg_temp.uid('user', g), 'user' || g || '@example.com',
                       '$2a$10$' || md5('pw' || g), jsonb_build_object('first', f, 'last', l),
                       pg_temp.ts(g, 3600), pg_temp.ts(g, 7200)
                FROM generate_series(1, %(n)s) g, LATERAL (SELECT {person}) p(f, l)""",
            {**base, "n": n["users"]})  # fmt: skip
    _upsert(conn, "public.users",
            ["id", "organization_id", "email", "display_name", "role", "is_demo", "created_at"],
            f"""SELECT pg_temp.uid('user', g), pg_temp.uid('org', {org_of}),
                       'user' || g || '@example.com', f || ' ' || l,
                       CASE WHEN g <= %(o)s THEN 'admin' ELSE 'member' END, g % 20 = 0,
                       pg_temp.ts(g, 3600)
                FROM generate_series(1, %(n)s) g, LATERAL (SELECT {person}) p(f, l)""",
            {**base, "n": n["users"]})  # fmt: skip

    def owner(k: int) -> str:  # a user of the row's own organization
        return f"pg_temp.pick('user', {org_of}, g * {k}, {per['users']}, {o})"

    _upsert(conn, "public.accounts",
            ["id", "organization_id", "name", "industry", "parent_account_id", "account_owner",
             "created_by", "modified_by", "is_demo", "created_at", "updated_at"],
            f"""SELECT pg_temp.uid('account', g), pg_temp.uid('org', {org_of}),
                       'Account ' || g || CASE WHEN g % 9 = 0 THEN ', Ltd.' ELSE '' END,
                       (ARRAY['Retail', 'Finance', 'Health', 'Energy', NULL])[1 + g % 5],
                       CASE WHEN g % 7 = 0 AND g > 3 * %(o)s
                            THEN pg_temp.uid('account', g - 3 * %(o)s) END,
                       {owner(3)}, {owner(5)}, {owner(7)}, g % 20 = 0,
                       pg_temp.ts(g, 600), pg_temp.ts(g, 900)
                FROM generate_series(1, %(n)s) g""", {**base, "n": n["accounts"]})  # fmt: skip
    account = f"pg_temp.pick('account', {org_of}, g * 13, {per['accounts']}, {o})"
    _upsert(conn, "public.contacts",
            ["id", "organization_id", "account_id", "first_name", "last_name", "email", "phone",
             "contact_owner", "created_by", "modified_by", "notes", "is_demo", "created_at",
             "updated_at"],
            f"""SELECT pg_temp.uid('contact', g), pg_temp.uid('org', {org_of}), {account}, f, l,
                       lower(f) || '.' || g || '@example.org',
                       CASE WHEN g % 4 = 0 THEN NULL ELSE '+1-555-' || lpad((g % 10000)::text, 4, '0') END,
                       {owner(3)}, {owner(5)}, {owner(7)},
                       (ARRAY['Met at "Expo", follow up', E'Prefers email;\\nno calls', 'VIP',
                              E'Tab\\there, back\\\\slash', '', NULL, 'Likes ☕ and 🚀'])[1 + g % 7],
                       g % 20 = 0, pg_temp.ts(g, 300), pg_temp.ts(g, 450)
                FROM generate_series(1, %(n)s) g, LATERAL (SELECT {person}) p(f, l)""",
            {**base, "n": n["contacts"]})  # fmt: skip
    # Close the cycle: each account's first contact becomes its primary contact.
    conn.execute("""
        UPDATE public.accounts a SET primary_contact_id = c.id
        FROM (SELECT DISTINCT ON (account_id) account_id, id FROM public.contacts
              ORDER BY account_id, id) c
        WHERE c.account_id = a.id AND a.primary_contact_id IS DISTINCT FROM c.id""")
    contact = f"pg_temp.pick('contact', {org_of}, g * 3, {per['contacts']}, {o})"
    _upsert(conn, "public.leads",
            ["id", "organization_id", "lead_name", "company", "email", "status", "lead_owner",
             "created_by", "modified_by", "converted_contact_id", "created_at"],
            f"""SELECT pg_temp.uid('lead', g), pg_temp.uid('org', {org_of}), 'Lead ' || g,
                       'Company ' || (g % 997), 'lead' || g || '@example.net',
                       (ARRAY['new', 'working', 'qualified', 'lost'])[1 + g % 4],
                       {owner(3)}, {owner(5)}, {owner(7)},
                       CASE WHEN g % 10 = 0 THEN {contact} END, pg_temp.ts(g, 400)
                FROM generate_series(1, %(n)s) g""", {**base, "n": n["leads"]})  # fmt: skip
    _upsert(conn, "public.deals",
            ["id", "organization_id", "account_id", "contact_id", "name", "stage", "amount",
             "close_date", "assigned_to", "created_by", "modified_by", "created_at"],
            f"""SELECT pg_temp.uid('deal', g), pg_temp.uid('org', {org_of}), {account},
                       CASE WHEN g % 5 <> 0 THEN {contact} END, 'Deal ' || g,
                       (ARRAY['prospect', 'proposal', 'won', 'lost'])[1 + g % 4],
                       round((g * 137.31) % 100000, 2), DATE '2026-01-01' + (g % 365)::int,
                       {owner(3)}, {owner(5)}, {owner(7)}, pg_temp.ts(g, 500)
                FROM generate_series(1, %(n)s) g""", {**base, "n": n["deals"]})  # fmt: skip
    _upsert(conn, "public.products",
            ["id", "organization_id", "sku", "name", "price", "stock"],
            f"""SELECT pg_temp.uid('product', g), pg_temp.uid('org', {org_of}),
                       'SKU-' || lpad(g::text, 6, '0'), 'Product ' || g,
                       round((g * 3.7) % 900 + 1, 2), (g * 17) % 500
                FROM generate_series(1, %(n)s) g""", {**base, "n": n["products"]})  # fmt: skip
    _upsert(conn, "public.inventory_movements", ["id", "product_id", "quantity", "reason", "moved_at"],
            """SELECT g, pg_temp.uid('product', 1 + (g * 7) %% %(p)s), (g %% 41) - 20,
                      (ARRAY['restock', 'sale', 'return', 'adjustment'])[1 + g %% 4],
                      pg_temp.ts(g, 120)
               FROM generate_series(1, %(n)s) g""", {"n": n["movements"], "p": n["products"]})  # fmt: skip
    deal = f"pg_temp.pick('deal', {org_of}, g * 5, {per['deals']}, {o})"
    product = f"pg_temp.pick('product', {org_of}, g * 3, {per['products']}, {o})"
    _upsert(conn, "public.bids",
            ["id", "organization_id", "deal_id", "product_id", "amount", "status", "created_by",
             "created_at"],
            f"""SELECT pg_temp.uid('bid', g), pg_temp.uid('org', {org_of}), {deal}, {product},
                       round((g * 91.7) % 50000, 2),
                       (ARRAY['draft', 'sent', 'accepted', 'rejected'])[1 + g % 4],
                       {owner(3)}, pg_temp.ts(g, 700)
                FROM generate_series(1, %(n)s) g""", {**base, "n": n["bids"]})  # fmt: skip
    _upsert(conn, "public.activities",
            ["id", "organization_id", "deal_id", "contact_id", "kind", "subject", "assigned_to",
             "due_at"],
            f"""SELECT g, pg_temp.uid('org', {org_of}),
                       CASE WHEN g % 2 = 0 THEN {deal} END, CASE WHEN g % 2 = 1 THEN {contact} END,
                       (ARRAY['call', 'email', 'meeting', 'task'])[1 + g % 4], 'Activity #' || g,
                       {owner(3)}, CASE WHEN g % 6 = 0 THEN NULL ELSE pg_temp.ts(g, 200) END
                FROM generate_series(1, %(n)s) g""", {**base, "n": n["activities"]})  # fmt: skip
    _upsert(conn, "public.audit_logs",
            ["id", "organization_id", "actor_id", "action", "entity", "entity_id", "details",
             "created_at"],
            f"""SELECT g, pg_temp.uid('org', {org_of}), {owner(3)},
                       (ARRAY['create', 'update', 'delete', 'export'])[1 + g % 4], 'contact',
                       {contact}, jsonb_build_object('field', 'email', 'seq', g),
                       pg_temp.ts(g, 60)
                FROM generate_series(1, %(n)s) g""", {**base, "n": n["audit_logs"]})  # fmt: skip
    _upsert(conn, "storage.buckets", ["id", "name", "public"],
            "SELECT b, initcap(b), b = 'avatars' FROM unnest(ARRAY['avatars', 'documents']) b",
            {})  # fmt: skip
    _upsert(conn, "storage.objects",
            ["id", "bucket_id", "name", "owner", "metadata", "size", "created_at"],
            """SELECT pg_temp.uid('object', g), CASE WHEN g %% 2 = 0 THEN 'avatars' ELSE 'documents' END,
                      'files/' || g || CASE WHEN g %% 2 = 0 THEN '.png' ELSE '.pdf' END,
                      pg_temp.uid('user', 1 + g %% %(u)s),
                      jsonb_build_object('mimetype', CASE WHEN g %% 2 = 0 THEN 'image/png'
                                                          ELSE 'application/pdf' END),
                      1000 + (g * 7919) %% 100000, pg_temp.ts(g, 1000)
               FROM generate_series(1, %(n)s) g""", {"n": n["objects"], "u": n["users"]})  # fmt: skip
    _fill_infrastructure(conn)
    _fill_type_zoo(conn, n["type_zoo"])


def _fill_infrastructure(conn: psycopg.Connection) -> None:
    _upsert(conn, "public.sync_nodes", ["id", "hostname", "last_seen_at"],
            "SELECT pg_temp.uid('node', g), 'node-' || g, pg_temp.ts(g, 60) "
            "FROM generate_series(1, 50) g", {})  # fmt: skip
    _upsert(conn, "public.sync_sessions", ["id", "node_id", "started_at", "state"],
            "SELECT pg_temp.uid('session', g), pg_temp.uid('node', 1 + g % 50), pg_temp.ts(g, 30), "
            "'done' FROM generate_series(1, 200) g", {})  # fmt: skip
    _upsert(conn, "public.offline_queue", ["id", "payload", "queued_at"],
            "SELECT g, jsonb_build_object('op', 'sync', 'n', g), pg_temp.ts(g, 5) "
            "FROM generate_series(1, 100) g", {})  # fmt: skip
    _upsert(conn, "public.data_snapshots", ["id", "taken_at", "blob"],
            "SELECT pg_temp.uid('snapshot', g), pg_temp.ts(g, 86400), "
            "decode(md5('blob' || g), 'hex') FROM generate_series(1, 50) g", {})  # fmt: skip


def _fill_type_zoo(conn: psycopg.Connection, n: int) -> None:
    """Every common type, hostile text, and every 50th row NULL in every nullable column."""
    columns = ["id", "uuid_col", "num_col", "int_col", "small_col", "float_col", "real_col",
               "bool_col", "text_col", "varchar_col", "char_col", "json_col", "jsonb_col",
               "int_arr", "text_arr", "ts_col", "tstz_col", "date_col", "time_col",
               "interval_col", "bytea_col", "enum_col", "domain_col", "inet_col"]  # fmt: skip
    values = """
        pg_temp.uid('zoo', g), (g * 1234.567891)::numeric(20, 6) - 300000, g * 1000003 - 250000000,
        (g % 32000)::smallint, g / 7.0, (g / 3.0)::real, g % 3 = 0,
        (ARRAY['plain', 'comma, inside', 'say "hi"', 'it''s', E'line1\\nline2', E'tab\\there',
               E'back\\\\slash', '🚀 emoji ✓', '', E'\\\\N literal', 'NULL'])[1 + g % 11],
        left('varchar ' || g, 50), lpad((g % 1000)::text, 3, '0'),
        json_build_object('g', g, 'nested', json_build_array(1, 'two', NULL)),
        jsonb_build_object('g', g, 'k', 'v "q"'), ARRAY[g, g + 1, NULL]::int[],
        ARRAY['a,b', 'c"d', NULL, E'e\\nf'], TIMESTAMP '2026-01-01 12:00:00' + make_interval(secs => g * 3601.5),
        pg_temp.ts(g, 86399), DATE '2020-02-29' + g, TIME '00:00:00' + make_interval(secs => g * 97),
        make_interval(days => g % 40, secs => g * 1.5), decode(md5('z' || g), 'hex') || '\\x00'::bytea,
        (ARRAY['sad', 'ok', 'happy'])[1 + g % 3]::public.mood, (g % 100 + 1)::public.positive_int,
        ('10.0.' || (g % 256) || '.' || (g % 200))::inet"""
    nulls = ", ".join(["NULL"] * (len(columns) - 1))
    _upsert(conn, "public.type_zoo", columns,
            f"SELECT g, {values} FROM generate_series(1, %(n)s) g WHERE g % 50 <> 0 "
            f"UNION ALL SELECT g, {nulls} FROM generate_series(50, %(n)s, 50) g",
            {"n": n})  # fmt: skip


def _sync_sequences(conn: psycopg.Connection) -> None:
    """Identity sequences past the explicit ids we inserted, so the app's next insert works."""
    for table in ("inventory_movements", "activities", "audit_logs", "offline_queue", "type_zoo"):
        conn.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({t}, 'id'), "
                "(SELECT coalesce(max(id), 0) + 1 FROM {ident}), false)"
            ).format(t=sql.Literal(f"public.{table}"), ident=sql.Identifier("public", table))
        )


def table_counts(conn: psycopg.Connection) -> dict[str, int]:
    rows = conn.execute(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind = 'r' AND n.nspname IN ('public', 'auth', 'storage') ORDER BY 1, 2"
    ).fetchall()
    return {
        f"{s}.{t}": conn.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(s, t))
        ).fetchone()[0]
        for s, t in rows
    }


def create_demo_db(dsn: str, scale: int = 1) -> dict[str, int]:
    """Create the schema (if missing) and upsert the rows for `scale`, in one transaction;
    return {"schema.table": row_count} for every table."""
    if scale < 1:
        raise ValueError(f"--scale must be 1 or more, not {scale}")
    with psycopg.connect(dsn) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        conn.execute("SET DateStyle = 'ISO, YMD'")
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('airvault-demo-db'))")
        conn.execute(SCHEMA)
        conn.execute(HELPERS)
        _fill(conn, _counts(scale))
        _sync_sequences(conn)
        counts = table_counts(conn)
        conn.commit()
        conn.autocommit = True
        conn.execute("ANALYZE")
    return counts
