"""Full-text search (migration m003_search): indexes follow inserts, replacements and deletes."""

from __future__ import annotations

import sqlite3

from khabar.store import connect
from khabar.store.migrations import MIGRATIONS, migrate
from khabar.store.search import fts_query, search


def add_document(conn: sqlite3.Connection, doc_id: str, title: str, text: str) -> None:
    conn.execute("INSERT INTO documents (id, title, text, ingested_at) VALUES (?, ?, ?, 'now')",
                 (doc_id, title, text))


def add_event(conn: sqlite3.Connection, rid: str, doc_id: str, evidence: str, verb: str = "INSERT") -> None:
    conn.execute(f"{verb} INTO events (id, document_id, type, actors, targets, place, status, span_start,"
                 " span_end, ev_start, ev_end, evidence) VALUES (?, ?, 'ASSAULT', '[]', '[]', NULL,"
                 " 'happened', 0, 5, 0, 5, ?)", (rid, doc_id, evidence))


def test_user_words_become_quoted_terms_the_last_a_prefix() -> None:
    assert fts_query('Nerkh "distr') == '"Nerkh" "distr"*'
    assert fts_query("AND ( OR *") == '"AND" "OR"*'
    assert fts_query("  ") == ""


def test_index_follows_insert_replace_and_delete() -> None:
    conn = connect(":memory:")
    add_document(conn, "d1", "Fighting in Wardak", "Fighters attacked a checkpoint in Nerkh.")
    add_event(conn, "e1", "d1", "Fighters attacked a checkpoint in Nerkh.")
    assert search(conn, "events", "checkpoint") == ["e1"]
    add_event(conn, "e1", "d1", "Fighters shelled a bazaar in Nerkh.", verb="INSERT OR REPLACE")
    assert search(conn, "events", "checkpoint") == []
    assert search(conn, "events", "bazaar") == ["e1"]
    conn.execute("UPDATE events SET evidence = 'A convoy was ambushed.' WHERE id = 'e1'")
    assert (search(conn, "events", "bazaar"), search(conn, "events", "ambush")) == ([], ["e1"])
    conn.execute("DELETE FROM documents WHERE id = 'd1'")  # cascades to its events
    assert search(conn, "events", "ambushed") == [] and search(conn, "documents", "Wardak") == []


def test_the_migration_indexes_rows_stored_before_it() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    names = [name for name, _ in MIGRATIONS]
    before = names[:names.index("m003_search")]
    for name, fn in MIGRATIONS:
        if name in before:
            fn(conn)
            conn.execute("INSERT INTO schema_migrations VALUES (?, 'then')", (name,))
    add_document(conn, "d1", "Kunduz besieged", "The city of Kunduz was surrounded on Sunday.")
    add_event(conn, "e1", "d1", "Insurgents surrounded Kunduz.")
    assert "m003_search" in migrate(conn)
    assert search(conn, "documents", "besieged") == ["d1"]
    assert search(conn, "events", "insurgents") == ["e1"]
