"""The SQL written once for SQLite and PostgreSQL: upserts, list parameters, `?` as `%s`."""

from __future__ import annotations

import sqlite3

import pytest

from khabar.store.dialect import format_params, in_list, list_param, upsert


def test_upsert_replaces_or_keeps_the_stored_row(db: sqlite3.Connection) -> None:
    conn = db
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT, b INTEGER)")
    replace, keep = upsert("t", ("id", "a", "b")), upsert("t", ("id", "a", "b"), update=False)
    assert replace == ("INSERT INTO t (id, a, b) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                       " a = excluded.a, b = excluded.b")
    conn.execute(replace, ("x", "first", 1))
    conn.execute(replace, ("x", "second", 2))
    conn.execute(keep, ("x", "third", 3))
    conn.execute(keep, ("y", "other", 4))
    assert [tuple(r) for r in conn.execute("SELECT * FROM t ORDER BY id")] == [
        ("x", "second", 2), ("y", "other", 4)]


def test_a_list_is_one_parameter(db: sqlite3.Connection) -> None:
    conn = db
    conn.execute("CREATE TABLE t (id TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("a",), ("b'c",), ("d",)])
    sql = "SELECT id FROM t WHERE " + in_list(conn, "id") + " ORDER BY id"
    assert [tuple(r) for r in conn.execute(sql, (list_param(["b'c", "d", "zz"]),))] == [("b'c",), ("d",)]
    assert [tuple(r) for r in conn.execute(sql, (list_param([]),))] == []


@pytest.mark.parametrize(("sql", "expected"), [
    ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = %s AND b = %s"),
    ("SELECT '?' , \"col?\" FROM t WHERE a LIKE ?", "SELECT '?' , \"col?\" FROM t WHERE a LIKE %s"),
    ("SELECT 'it''s ?' WHERE x = '50%' AND y = ?", "SELECT 'it''s ?' WHERE x = '50%%' AND y = %s"),
])
def test_question_marks_become_percent_s_outside_quotes(sql: str, expected: str) -> None:
    assert format_params(sql) == expected


@pytest.mark.parametrize(("text", "sqlite", "postgres"), [
    ('Nerkh "distr', '"Nerkh" "distr"*', "'nerkh' & 'distr':*"),
    ("AND ( OR *", '"AND" "OR"*', "'and' & 'or':*"),
    ("it's Laukkai!", '"it" "s" "Laukkai"*', "'it' & 's' & 'laukkai':*"),
    ("?! ... --", "", ""),
])
def test_a_users_words_are_only_words_in_either_engines_query(text: str, sqlite: str, postgres: str) -> None:
    from khabar.store.search import fts_query

    assert fts_query(text) == sqlite
    assert fts_query(text, "postgresql") == postgres


def test_exclusive_makes_a_second_sqlite_holder_wait_until_the_first_is_done(tmp_path):
    """Two ingesters refreshing one store at once would write a district's rows twice: the
    second waits on the lock beside the database file until the first lets go."""
    import sqlite3
    import threading
    import time

    from khabar.store.dialect import exclusive

    db = tmp_path / "k.db"
    order: list[str] = []
    first_in = threading.Event()

    def hold(name: str, pause: float) -> None:
        conn = sqlite3.connect(db)
        with exclusive(conn, 1):
            order.append(f"{name} in")
            first_in.set()
            time.sleep(pause)
            order.append(f"{name} out")
        conn.close()

    a = threading.Thread(target=hold, args=("a", 0.4))
    a.start()
    first_in.wait(5)
    b = threading.Thread(target=hold, args=("b", 0))
    b.start()
    a.join(5)
    b.join(5)
    assert order == ["a in", "a out", "b in", "b out"]
    assert (tmp_path / "k.db.lock").exists()


def test_exclusive_on_a_database_in_memory_needs_no_file():
    import sqlite3

    from khabar.store.dialect import exclusive

    conn = sqlite3.connect(":memory:")
    with exclusive(conn, 1):
        assert conn.execute("SELECT 1").fetchone() == (1,)
