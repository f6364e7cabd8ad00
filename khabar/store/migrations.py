"""Schema migrations: named functions, each run once in its own transaction and recorded.

The same migrations build a SQLite and a PostgreSQL store: their DDL is written for SQLite and
`dialect.ddl` words it for PostgreSQL; where the engines differ more (full-text search, a
dropped CHECK) a migration says what each does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from khabar.errors import StoreError
from khabar.store.dialect import SQLITE, begin, ddl, dialect, migration_lock

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    """Register a migration; they run in the order they are defined."""
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_documents_and_records(conn: sqlite3.Connection) -> None:
    _script(conn, """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', outlet TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '', published TEXT, language TEXT NOT NULL DEFAULT 'en',
        text TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', ingested_at TEXT NOT NULL);
    CREATE TABLE extractions (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        pipeline TEXT NOT NULL, version TEXT NOT NULL, extracted_at TEXT NOT NULL,
        warnings TEXT NOT NULL DEFAULT '[]');
    CREATE TABLE control_changes (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        district TEXT NOT NULL, district_id TEXT, province TEXT, province_id TEXT,
        controller TEXT NOT NULL CHECK (controller <> ''),
        date TEXT, trigger TEXT NOT NULL DEFAULT '', span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL, ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
        evidence TEXT NOT NULL);
    CREATE INDEX control_changes_district ON control_changes(district_id);
    CREATE INDEX control_changes_document ON control_changes(document_id);
    CREATE TABLE events (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type TEXT NOT NULL, actors TEXT NOT NULL, targets TEXT NOT NULL, place TEXT, date TEXT,
        status TEXT NOT NULL, trigger TEXT NOT NULL DEFAULT '', span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL, ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
        evidence TEXT NOT NULL);
    CREATE INDEX events_document ON events(document_id);
    CREATE TABLE claims (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        claimant TEXT NOT NULL, stance TEXT NOT NULL CHECK (stance IN ('asserts', 'denies', 'disputes')),
        text TEXT NOT NULL, quantity TEXT, date TEXT, span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL, ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
        evidence TEXT NOT NULL);
    CREATE INDEX claims_document ON claims(document_id);
    CREATE TABLE quotes (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        speaker TEXT, text TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
        ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL, evidence TEXT NOT NULL);
    CREATE INDEX quotes_document ON quotes(document_id);
    CREATE TABLE assessments (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        assessor TEXT NOT NULL, controller TEXT NOT NULL, count INTEGER NOT NULL, of_total INTEGER,
        as_of TEXT, kind TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
        ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL, evidence TEXT NOT NULL);
    CREATE INDEX assessments_document ON assessments(document_id);
    """)


@migration
def m002_overrides(conn: sqlite3.Connection) -> None:
    """Analysts' confirmations, rejections and corrections, kept apart from extracted records.

    No foreign key to the records: re-extraction replaces records, and an override must outlive
    them (it is matched again by record id, else by document, kind and overlapping span).
    """
    _script(conn, """
    CREATE TABLE overrides (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('control_changes', 'events', 'claims', 'quotes',
                                           'assessments')),
        record_id TEXT NOT NULL, document_id TEXT NOT NULL, span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'correct')),
        fields TEXT NOT NULL DEFAULT '{}', note TEXT NOT NULL, analyst TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL);
    CREATE INDEX overrides_record ON overrides(kind, record_id);
    CREATE INDEX overrides_document ON overrides(kind, document_id)
    """)


@migration
def m003_search(conn: sqlite3.Connection) -> None:
    """Full-text search (FTS5) over reports, events, claims and quotes, kept in sync by triggers.

    Each index row has the rowid of its source row. A BEFORE INSERT trigger drops the entry of a
    row that INSERT OR REPLACE is about to replace (its DELETE triggers do not fire).
    """
    tables = {"documents": ("id", "title", "outlet", "text"),
              "events": ("id", "type", "actors", "targets", "place", "evidence"),
              "claims": ("id", "claimant", "text", "evidence"),
              "quotes": ("id", "speaker", "text", "evidence")}
    if dialect(conn) != SQLITE:
        _pg_search(conn)
        return
    for table, cols in tables.items():
        fts = f"{table}_fts"
        indexed = cols[1:]
        new = ", ".join(f"new.{c}" for c in indexed)
        listed = ", ".join(indexed)
        coalesced = ", ".join(f"COALESCE({c}, '')" for c in indexed)
        statements = (
            f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, tokenize = 'unicode61 remove_diacritics 2')",
            f"CREATE TRIGGER {table}_fts_replace BEFORE INSERT ON {table} BEGIN"
            f" DELETE FROM {fts} WHERE rowid = (SELECT rowid FROM {table} WHERE id = new.id); END",
            f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN"
            f" INSERT INTO {fts} (rowid, {listed}) VALUES (new.rowid, {new}); END",
            f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN"
            f" DELETE FROM {fts} WHERE rowid = old.rowid; END",
            f"CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN"
            f" DELETE FROM {fts} WHERE rowid = old.rowid;"
            f" INSERT INTO {fts} (rowid, {listed}) VALUES (new.rowid, {new}); END",
            f"INSERT INTO {fts} (rowid, {listed}) SELECT rowid, {coalesced} FROM {table}",
        )
        for stmt in statements:  # fixed names only; triggers hold ';' so _script cannot split them
            conn.execute(stmt)


def _pg_search(conn: sqlite3.Connection) -> None:
    """PostgreSQL: a GIN index per table on the text search vector `store.search` queries (the
    indexed columns' words as FTS5 would cut them, through the function `khabar_words`)."""
    from khabar.store.search import INDEXED, WORDS_FUNCTION, _vector

    conn.execute(WORDS_FUNCTION)
    for table in INDEXED:  # fixed names only
        conn.execute(f"CREATE INDEX {table}_search ON {table} USING gin (({_vector(table, '')}))")


@migration
def m004_assessment_unit(conn: sqlite3.Connection) -> None:
    """What a published count counts: districts, or provincial capitals ("18 of the 34")."""
    conn.execute(ddl(conn, "ALTER TABLE assessments ADD COLUMN unit TEXT NOT NULL DEFAULT 'districts'"))
    conn.execute("UPDATE assessments SET unit = 'provincial capitals' WHERE of_total < 100"
                 " AND lower(evidence) LIKE '%capital%'")


@migration
def m005_controller_is_any_party(conn: sqlite3.Connection) -> None:
    """A controller is a party id of the store's theatre or "contested": the CHECK naming one
    theatre's parties goes. SQLite cannot drop a CHECK, so the table is rebuilt and every row
    copied, inside this migration's transaction (nothing refers to control_changes).
    PostgreSQL drops the CHECK."""
    if dialect(conn) != SQLITE:
        conn.execute("ALTER TABLE control_changes DROP CONSTRAINT control_changes_controller_check")
        conn.execute("ALTER TABLE control_changes ADD CONSTRAINT control_changes_controller_check"
                     " CHECK (controller <> '')")
        return
    cols = ("id, document_id, district, district_id, province, province_id, controller, date, trigger,"
            " span_start, span_end, ev_start, ev_end, evidence")
    _script(conn, f"""
    CREATE TABLE control_changes_new (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        district TEXT NOT NULL, district_id TEXT, province TEXT, province_id TEXT,
        controller TEXT NOT NULL CHECK (controller <> ''),
        date TEXT, trigger TEXT NOT NULL DEFAULT '', span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL, ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
        evidence TEXT NOT NULL);
    INSERT INTO control_changes_new ({cols}) SELECT {cols} FROM control_changes ORDER BY rowid;
    DROP TABLE control_changes;
    ALTER TABLE control_changes_new RENAME TO control_changes;
    CREATE INDEX control_changes_district ON control_changes(district_id);
    CREATE INDEX control_changes_document ON control_changes(document_id)
    """)


# The record fields added for issue 11, by table: (column, SQL type with its default).
_RECORD_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "control_changes": (("kind", "TEXT NOT NULL DEFAULT 'change'"), ("acting_party", "TEXT"),
                        ("speaker", "TEXT"), ("speaker_party", "TEXT"),
                        ("hedged", "INTEGER NOT NULL DEFAULT 0"),
                        ("denied", "INTEGER NOT NULL DEFAULT 0")),
    "claims": (("claimant_party", "TEXT"), ("district_ids", "TEXT NOT NULL DEFAULT '[]'"),
               ("hedged", "INTEGER NOT NULL DEFAULT 0")),
    "events": (("district_ids", "TEXT NOT NULL DEFAULT '[]'"), ("parties", "TEXT NOT NULL DEFAULT '[]'")),
    "quotes": (("speaker_party", "TEXT"),),
}


@migration
def m006_record_attribution(conn: sqlite3.Connection) -> None:
    """What extraction finds about a record's telling: who said it and of which party, hedged or
    denied, the acting party, the districts a claim or event is about. Old rows take the
    defaults (a change, unhedged, undenied, no party, no districts)."""
    for table, cols in _RECORD_FIELDS.items():
        for name, sql in cols:  # fixed names only
            conn.execute(ddl(conn, f"ALTER TABLE {table} ADD COLUMN {name} {sql}"))


@migration
def m007_meta(conn: sqlite3.Connection) -> None:
    """What the store knows of itself: the theatre its reports belong to (set at first ingest).
    PostgreSQL: also the count of committed writes (a sequence `store.pg` advances), by which a
    reader knows that another process changed the data."""
    conn.execute(ddl(conn, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"))
    if dialect(conn) != SQLITE:
        from khabar.store.pg import WRITE_COUNTER

        conn.execute(f"CREATE SEQUENCE {WRITE_COUNTER}")


@migration
def m008_search_without_replace(conn: sqlite3.Connection) -> None:
    """Rows are stored with INSERT ... ON CONFLICT now, which fires update triggers on a row it
    replaces: the BEFORE INSERT triggers that served INSERT OR REPLACE go. They also dropped the
    index entry of a document that INSERT OR IGNORE then kept (a report loaded twice in bulk
    could no longer be found), so every index is rebuilt from its table. (PostgreSQL: nothing
    to do, its search indexes are on the tables themselves.)"""
    if dialect(conn) != SQLITE:
        return
    tables = {"documents": ("title", "outlet", "text"),
              "events": ("type", "actors", "targets", "place", "evidence"),
              "claims": ("claimant", "text", "evidence"),
              "quotes": ("speaker", "text", "evidence")}
    for table, cols in tables.items():  # fixed names only
        listed = ", ".join(cols)
        coalesced = ", ".join(f"COALESCE({c}, '')" for c in cols)
        conn.execute(f"DROP TRIGGER IF EXISTS {table}_fts_replace")
        conn.execute(f"DELETE FROM {table}_fts")
        conn.execute(f"INSERT INTO {table}_fts (rowid, {listed}) SELECT rowid, {coalesced} FROM {table}")


@migration
def m009_fetched_urls(conn: sqlite3.Connection) -> None:
    """What `watch` remembers of the web, by normalised URL: a feed's validators (ETag,
    Last-Modified) for its next conditional request, and the item pages already fetched (with
    the report they gave, if one was stored), which are not fetched again."""
    conn.execute(ddl(conn, "CREATE TABLE fetched_urls (url TEXT PRIMARY KEY,"
                           " kind TEXT NOT NULL CHECK (kind IN ('feed', 'item')), etag TEXT,"
                           " last_modified TEXT, document_id TEXT, fetched_at TEXT NOT NULL)"))


@migration
def m009_baselines(conn: sqlite3.Connection) -> None:
    """Baselines (`khabar baseline`): a published per-district assessment of who held each district
    on a day, per a source, graded on import; one row a baseline and one a district of it, stored
    and removed as one unit (`compile.baseline`)."""
    _script(conn, """
    CREATE TABLE baselines (
        name TEXT PRIMARY KEY, source TEXT NOT NULL, as_of TEXT NOT NULL, grade TEXT NOT NULL,
        theatre TEXT NOT NULL, file TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '', imported_at TEXT NOT NULL);
    CREATE TABLE baseline_rows (
        baseline TEXT NOT NULL REFERENCES baselines(name) ON DELETE CASCADE,
        district_id TEXT NOT NULL, district TEXT NOT NULL,
        controller TEXT NOT NULL CHECK (controller <> ''),
        lines TEXT NOT NULL DEFAULT '', given TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (baseline, district_id));
    CREATE INDEX baseline_rows_district ON baseline_rows(district_id)
    """)


@migration
def m011_district_states(conn: sqlite3.Connection) -> None:
    """Each district's compiled state timeline (`compile.state_cache`): the days its state changed
    and the state on each, and the marks of the districts whose answer a write moved
    (`district_dirty`, by triggers on control changes, reviews, claims, baselines and documents;
    "*" all districts, "+claims" those denials speak of). Every district starts marked."""
    _script(conn, """
    CREATE TABLE district_states (
        district_id TEXT NOT NULL, day TEXT NOT NULL, controller TEXT,
        claim INTEGER NOT NULL DEFAULT 0, held_as_of INTEGER NOT NULL DEFAULT 0,
        baseline INTEGER NOT NULL DEFAULT 0, events INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL, PRIMARY KEY (district_id, day));
    CREATE INDEX district_states_keys ON district_states(district_id, day, controller, claim, held_as_of,
        baseline, events);
    CREATE TABLE district_dirty (id INTEGER PRIMARY KEY AUTOINCREMENT, district_id TEXT NOT NULL)
    """)
    conn.execute("INSERT INTO district_dirty (district_id) VALUES ('*')")
    mark = "INSERT INTO district_dirty (district_id)"
    # (overrides: a record moved to another district, or a derived record's or a claim's review)
    review = (f"{mark} SELECT district_id FROM control_changes WHERE NEW.kind = 'control_changes'"
              " AND id = NEW.record_id AND district_id IS NOT NULL; "
              f"{mark} SELECT '+claims' WHERE NEW.kind = 'claims' OR (NEW.kind = 'control_changes' AND NOT"
              " EXISTS (SELECT 1 FROM control_changes WHERE id = NEW.record_id)); "
              f"{mark} SELECT '*' WHERE NEW.kind = 'control_changes' AND {{has_district}}; ")
    if dialect(conn) == SQLITE:
        for op, rows in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)), ("UPDATE", ("OLD", "NEW"))):
            body = " ".join(f"{mark} SELECT {r}.district_id WHERE {r}.district_id IS NOT NULL;" for r in rows)
            conn.execute(f"CREATE TRIGGER control_changes_dirty_{op.lower()} AFTER {op} ON control_changes"
                         f" BEGIN {body} END")
            conn.execute(f"CREATE TRIGGER baseline_rows_dirty_{op.lower()} AFTER {op} ON baseline_rows"
                         f" BEGIN {body} END")
            body = " ".join(f"{mark} SELECT '+claims' WHERE {r}.stance <> 'asserts';" for r in rows)
            conn.execute(f"CREATE TRIGGER claims_dirty_{op.lower()} AFTER {op} ON claims BEGIN {body} END")
        conn.execute("CREATE TRIGGER overrides_dirty AFTER INSERT ON overrides BEGIN "
                     + review.format(has_district="instr(NEW.fields, 'district') > 0") + "END")
        for table in ("baselines", "documents"):
            for op in ("UPDATE", "DELETE"):
                conn.execute(f"CREATE TRIGGER {table}_dirty_{op.lower()} AFTER {op} ON {table}"
                             f" BEGIN {mark} VALUES ('*'); END")
        return
    functions = {
        "district": (f"IF TG_OP <> 'INSERT' AND OLD.district_id IS NOT NULL THEN {mark} VALUES (OLD.district_id);"
                     f" END IF; IF TG_OP <> 'DELETE' AND NEW.district_id IS NOT NULL THEN {mark}"
                     " VALUES (NEW.district_id); END IF;"),
        "claims": (f"IF TG_OP <> 'INSERT' AND OLD.stance <> 'asserts' THEN {mark} VALUES ('+claims'); END IF;"
                   f" IF TG_OP <> 'DELETE' AND NEW.stance <> 'asserts' THEN {mark} VALUES ('+claims'); END IF;"),
        "review": review.format(has_district="strpos(NEW.fields, 'district') > 0"),
        "all": f"{mark} VALUES ('*');",
    }
    for name, body in functions.items():
        conn.execute(f"CREATE FUNCTION khabar_dirty_{name}() RETURNS trigger LANGUAGE plpgsql AS $fn$"
                     f" BEGIN {body} RETURN NULL; END $fn$")
    for table, fn, ops in (("control_changes", "district", "INSERT OR UPDATE OR DELETE"),
                           ("baseline_rows", "district", "INSERT OR UPDATE OR DELETE"),
                           ("claims", "claims", "INSERT OR UPDATE OR DELETE"), ("overrides", "review", "INSERT"),
                           ("baselines", "all", "UPDATE OR DELETE"), ("documents", "all", "UPDATE OR DELETE")):
        conn.execute(f"CREATE TRIGGER {table}_dirty AFTER {ops} ON {table} FOR EACH ROW"
                     f" EXECUTE FUNCTION khabar_dirty_{fn}()")



@migration
def m012_district_tracks(conn: sqlite3.Connection) -> None:
    """Incremental refresh of the kept timelines (`compile.state_cache`): a stored control change
    marks its district with the day it counts from (`district_dirty.day`; NULL, as every other
    write's mark: the whole district), each district keeps its compile's state as of a recent day
    (`district_tracks`), and control changes are found by district and day. A refresh then
    resumes a district from that state when every mark's day is on or after it, reading only the
    observations since. PostgreSQL keeps its marks without a day (whole districts)."""
    blob = "BLOB" if dialect(conn) == SQLITE else "BYTEA"
    _script(conn, f"""
    ALTER TABLE district_dirty ADD COLUMN day TEXT;
    CREATE TABLE district_tracks (
        district_id TEXT PRIMARY KEY, day TEXT NOT NULL, track {blob} NOT NULL);
    CREATE INDEX control_changes_district_day ON control_changes(district_id, date)
    """)
    if dialect(conn) != SQLITE:
        return
    conn.execute("DROP TRIGGER control_changes_dirty_insert")
    conn.execute("CREATE TRIGGER control_changes_dirty_insert AFTER INSERT ON control_changes BEGIN"
                 " INSERT INTO district_dirty (district_id, day) SELECT NEW.district_id, COALESCE(NEW.date,"
                 " (SELECT published FROM documents WHERE id = NEW.document_id))"
                 " WHERE NEW.district_id IS NOT NULL; END")


@migration
def m013_claims_stance(conn: sqlite3.Connection) -> None:
    """Claims found by their stance: a refresh of the kept timelines (`compile.state_cache`) reads
    the denials among the claims, not every claim of the archive."""
    conn.execute("CREATE INDEX claims_stance ON claims(stance)")


@migration
def m014_pg_change_marks_carry_a_day(conn: sqlite3.Connection) -> None:
    """PostgreSQL as SQLite since m012: a stored control change marks its district with the day it
    counts from (its date, else its report's publication day), so a refresh resumes the district
    from its kept track; its update or deletion marks the whole district, as before."""
    if dialect(conn) == SQLITE:
        return
    mark = "INSERT INTO district_dirty (district_id"
    conn.execute(
        "CREATE FUNCTION khabar_dirty_change() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN"
        f" IF TG_OP <> 'INSERT' AND OLD.district_id IS NOT NULL THEN {mark}) VALUES (OLD.district_id); END IF;"
        f" IF TG_OP = 'UPDATE' AND NEW.district_id IS NOT NULL THEN {mark}) VALUES (NEW.district_id); END IF;"
        f" IF TG_OP = 'INSERT' AND NEW.district_id IS NOT NULL THEN {mark}, day) VALUES (NEW.district_id,"
        " COALESCE(NEW.date, (SELECT published FROM documents WHERE id = NEW.document_id))); END IF;"
        " RETURN NULL; END $fn$")
    conn.execute("DROP TRIGGER control_changes_dirty ON control_changes")
    conn.execute("CREATE TRIGGER control_changes_dirty AFTER INSERT OR UPDATE OR DELETE ON control_changes"
                 " FOR EACH ROW EXECUTE FUNCTION khabar_dirty_change()")


@migration
def m015_district_states_generation(conn: sqlite3.Connection) -> None:
    """Which refresh wrote the kept timelines' rows (`compile.state_cache`: a new random value
    each time one writes rows), so a process keeps the states it decoded until another refresh, in
    any process, writes. A token of the cache, not of what the store holds: not in `meta`."""
    conn.execute(ddl(conn, "CREATE TABLE district_states_generation (id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " value TEXT NOT NULL)"))
    conn.execute("DELETE FROM meta WHERE key = 'district_states_generation'")  # where m013's first code kept it


def _script(conn: sqlite3.Connection, sql: str) -> None:
    """Run ;-separated DDL inside the open transaction (executescript would commit it)."""
    for stmt in sql.split(";"):
        if stmt.strip():
            conn.execute(ddl(conn, stmt))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations the database lacks; return their names.

    Several processes may open a new database at once: each migration is applied by one of them
    (checked again once its transaction holds the write lock), the others wait and skip it.
    """
    with migration_lock(conn):
        return _migrate(conn)


def _migrate(conn: sqlite3.Connection) -> list[str]:
    # (PostgreSQL: looked up first, so that a user who may only read and write rows can open it)
    if dialect(conn) == SQLITE or conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
        conn.execute(ddl(conn, "CREATE TABLE IF NOT EXISTS schema_migrations "
                               "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"))
    done = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
    known = {name for name, _ in MIGRATIONS}
    unknown = done - known
    if unknown:
        raise StoreError(f"database schema is newer than this khabar ({sorted(unknown)[0]}); "
                         "upgrade khabar")
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        begin(conn)
        try:
            if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("COMMIT")  # another process applied it since we looked
                continue
            fn(conn)
            conn.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                         (name, _now()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def schema_version(conn: sqlite3.Connection) -> int:
    """Return how many migrations the database has."""
    return conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
