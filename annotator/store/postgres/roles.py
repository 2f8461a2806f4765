"""Blind annotation held by the server itself: roles and row-level security.

On a project file, blindness is the application's promise (docs/blind.md). On a server anyone with
a login could type SQL, so the database enforces it: each annotator logs in as their own role,
named as their annotator name, and PostgreSQL's row-level security shows and lets them change
only their own layer, plus what blind annotation lets them see (the curated gold: the gold layer
of documents the curator marked done; the suggestions and models meant for everyone, which only
the curator and the owner write: an annotator's own runs are kept for them alone). A curator role
reads every layer and writes only gold. The project's owner (whoever ran ``hashiya init``) is not
subject to the policies: the lead imports, merges, distributes and administers.

The policies are created with the schema (:func:`install`); :func:`grant` gives one person a
login on the project (``hashiya grant``). Neither stores a password: the administrator sets
one in ``psql`` (``\\password NAME``) or uses peer, certificate or GSS authentication.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.errors import ProjectError
from annotator.model import GOLD
from annotator.store.postgres.connection import PgConnection

LAYERS = ("spans", "relations", "document_status", "suggestion_decisions", "activity", "dismissed_findings", "actions")
PRIVATE_AUDIENCE = ("suggestions", "suggestion_runs")  # rows for everyone ('') or for one annotator
WRITABLE = (*LAYERS, *PRIVATE_AUDIENCE, "recommender_models")
CURATORS = "hashiya_curators"

# The functions the policies call. Their bodies name tables with the project's schema (``SCHEMA.``,
# filled in by ``install``): an unqualified name is looked up in the session's temporary schema
# first, and a login could shadow ``annotators`` or ``hashiya_curators`` with a table of its own.
# Logins get no temporary tables at all either (``install`` revokes TEMPORARY from PUBLIC).
_FUNCTIONS = f"""
CREATE TABLE {CURATORS} (role_name TEXT PRIMARY KEY);
CREATE FUNCTION hashiya_me() RETURNS TEXT LANGUAGE sql STABLE
    AS 'SELECT id FROM SCHEMA.annotators WHERE name = current_user';
CREATE FUNCTION hashiya_gold() RETURNS TEXT LANGUAGE sql STABLE
    AS 'SELECT id FROM SCHEMA.annotators WHERE name = ''{GOLD}''';
CREATE FUNCTION hashiya_is_curator() RETURNS BOOLEAN LANGUAGE sql STABLE
    AS 'SELECT EXISTS (SELECT 1 FROM SCHEMA.{CURATORS} WHERE role_name = current_user)';
CREATE FUNCTION hashiya_curated(document TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE
    AS 'SELECT EXISTS (SELECT 1 FROM SCHEMA.document_status WHERE document_id = document
        AND annotator_id = SCHEMA.hashiya_gold() AND status = ''done'')';
CREATE FUNCTION hashiya_ops_touch_only(ops TEXT, who TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE
    AS 'SELECT NOT EXISTS (SELECT 1 FROM jsonb_array_elements(CAST(ops AS jsonb)) AS o(op)
        WHERE op->>''op'' = ''import'' OR COALESCE(op->''row''->>''annotator_id'', op->>''annotator_id'',
            (SELECT s.annotator_id FROM SCHEMA.spans s WHERE s.id = op->>''id'')) IS DISTINCT FROM who)'
"""

_OWN = "annotator_id = hashiya_me()"
_CURATOR_WRITES = f"({_OWN} OR (hashiya_is_curator() AND annotator_id = hashiya_gold()))"
_READ = {  # beyond one's own rows and the curator's view of everything
    "spans": "annotator_id = hashiya_gold() AND hashiya_curated(document_id)",
    "relations": "annotator_id = hashiya_gold() AND hashiya_curated(document_id)",
    "document_status": "annotator_id = hashiya_gold()",  # whether a document is curated is no one's secret
}


def _policies() -> list[str]:
    statements = []
    for table in LAYERS:
        extra = f" OR ({_READ[table]})" if table in _READ else ""
        # An action's ops are replayed by undo and redo, perhaps by the owner, whom no policy holds:
        # a logged action may only touch the layer of the log it is in (no forged ops in one's own log).
        check = (
            f"({_CURATOR_WRITES} AND hashiya_ops_touch_only(ops, annotator_id))"
            if table == "actions"
            else _CURATOR_WRITES
        )
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY layer_read ON {table} FOR SELECT USING ({_OWN} OR hashiya_is_curator(){extra})",
            f"CREATE POLICY layer_write ON {table} FOR ALL USING {_CURATOR_WRITES} WITH CHECK {check}",
        ]
    # Suggestions and models meant for everyone are read by all, written only by the curator (and
    # the owner): an annotator writing them could pass words to everyone else, or wipe their runs.
    shared, mine = "for_annotator = ''", "(for_annotator = hashiya_me() OR hashiya_is_curator())"
    for table in PRIVATE_AUDIENCE:
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY audience_read ON {table} FOR SELECT USING ({shared} OR {mine})",
            f"CREATE POLICY audience_write ON {table} FOR ALL USING {mine} WITH CHECK {mine}",
        ]
    everyones = "strpos(name, '@') = 0"
    own_model = "(substr(name, strpos(name, '@') + 1) = current_user AND strpos(name, '@') > 0 OR hashiya_is_curator())"
    statements += [
        "ALTER TABLE recommender_models ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY model_read ON recommender_models FOR SELECT USING ({everyones} OR {own_model})",
        f"CREATE POLICY model_write ON recommender_models FOR ALL USING {own_model} WITH CHECK {own_model}",
        "ALTER TABLE annotators ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY everyone_reads ON annotators FOR SELECT USING (true)",
        "CREATE POLICY oneself ON annotators FOR INSERT WITH CHECK "
        f"(name = current_user OR (hashiya_is_curator() AND name = '{GOLD}'))",
    ]
    return statements


def install(conn: PgConnection) -> None:
    """Create the functions and policies of a new server project (inside its creating transaction)."""
    schema = _identifier(_schema(conn)).replace("'", "''")
    functions = _FUNCTIONS.replace("SCHEMA.", f"{schema}.")
    for statement in [s.strip() for s in functions.split(";") if s.strip()] + _policies():
        conn.execute(statement)
    database = conn.execute("SELECT current_database()").fetchone()[0]
    conn.execute(f"REVOKE TEMPORARY ON DATABASE {_identifier(database)} FROM PUBLIC")


@dataclass(frozen=True, slots=True)
class Grant:
    role: str
    curator: bool
    created: bool  # the login role did not exist and was created (without a password)


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def grant(conn: PgConnection, role: str, *, curator: bool = False) -> Grant:
    """Let ``role`` (an annotator's name) work on this project: as an annotator on their own layer,
    or as the curator. Run by the project's owner; creating the login needs ``CREATEROLE``."""
    if role == GOLD:
        raise ProjectError(f"{role!r} is the gold layer's name; give the curator their own login and --curator")
    quoted = _identifier(role)
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone() is not None
    if not exists:
        conn.execute(f"CREATE ROLE {quoted} LOGIN")
    database = conn.execute("SELECT current_database()").fetchone()[0]
    conn.execute(f"GRANT CONNECT ON DATABASE {_identifier(database)} TO {quoted}")
    conn.execute(f"GRANT USAGE ON SCHEMA {_identifier(_schema(conn))} TO {quoted}")
    conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {_identifier(_schema(conn))} TO {quoted}")
    conn.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_identifier(_schema(conn))} TO {quoted}")
    conn.execute(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(WRITABLE)} TO {quoted}")
    conn.execute(f"GRANT INSERT ON annotators TO {quoted}")
    if curator:
        conn.execute(f"INSERT INTO {CURATORS} (role_name) VALUES (?) ON CONFLICT DO NOTHING", (role,))
    else:
        conn.execute(f"DELETE FROM {CURATORS} WHERE role_name = ?", (role,))
    return Grant(role, curator, not exists)


def writes_shared(conn: PgConnection) -> bool:
    """Whether this login may write what everyone sees (shared suggestion runs and models): the
    owner, a superuser, or the curator; an annotator's runs are stored for them alone."""
    row = conn.execute(
        "SELECT rolsuper OR pg_has_role(current_user, "
        "(SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'spans'), 'MEMBER') "
        f"OR EXISTS (SELECT 1 FROM {CURATORS} WHERE role_name = current_user) "
        "FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    return bool(row and row[0])


def _schema(conn: PgConnection) -> str:
    return conn.execute("SELECT current_schema()").fetchone()[0]
