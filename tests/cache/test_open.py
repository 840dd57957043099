"""Opening the cache: migrations, and files podview must refuse without touching."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from podview.cache import APPLICATION_ID, CacheError, open_cache, open_reader
from podview.cache.schema import migrations
from podview.cache.versions import KNOWN_MIGRATIONS


def test_known_migrations_match_the_schema():
    assert KNOWN_MIGRATIONS == tuple(m.name for m in migrations._migrations)


def test_new_cache_is_wal_and_marked_as_podview(tmp_path):
    db = open_cache(tmp_path / "c.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert {"tasks", "goals", "decisions", "meetings"} <= set(db.table_names())
    db.conn.close()


def test_migration_from_an_older_cache_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    old.execute(f"PRAGMA application_id={APPLICATION_ID}")
    migrations.apply(old, stop_before="0002_outbox")
    old["clients"].insert({"gid": "P1", "name": "Acme", "pod_gid": "T1"})
    old["tasks"].insert({"gid": "1", "client_gid": "P1", "name": "Launch", "kind": "weekly_goal", "due_on": "2026-11-20"})
    assert "decisions" not in old.table_names()
    old.conn.close()

    reader = open_reader(path)
    assert reader.execute("SELECT name FROM tasks WHERE gid = '1'").fetchone()["name"] == "Launch"
    assert reader.execute("SELECT count(*) FROM decisions").fetchone()[0] == 0
    applied = [r[0] for r in reader.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == list(KNOWN_MIGRATIONS)


def test_cache_from_a_newer_podview_is_refused_untouched(tmp_path):
    path = tmp_path / "new.db"
    open_cache(path).conn.close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('podview', '0099_future', 'x')"
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for opener in (open_cache, open_reader):
        with pytest.raises(CacheError, match="written by a newer podview"):
            opener(path)
    assert path.read_bytes() == before


def test_corrupt_file_is_named_and_never_overwritten(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"These are my meeting notes, not a database.\n" * 200)
    before = path.read_bytes()
    for opener in (open_cache, open_reader):
        with pytest.raises(CacheError) as error:
            opener(path)
        assert str(path) in str(error.value) and "not a podview cache" in str(error.value)
    assert path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(CacheError, match="did not write"):
        open_cache(path)
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("invoices",)]


def test_missing_cache_tells_how_to_make_one(tmp_path):
    with pytest.raises(CacheError, match="podview demo --no-ui"):
        open_reader(tmp_path / "absent.db")


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(CacheError, match="is a folder"):
        open_cache(tmp_path)
