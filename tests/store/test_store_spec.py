"""The table specs: every record field stored and read back, one insert for one report or many,
corrections of the new fields, and the store's theatre (recorded, defaulted to, enforced)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from khabar.errors import InputError, StoreError
from khabar.extract.pipeline import Extractor
from khabar.store import connect, queries
from khabar.store import records as store
from khabar.store.bulk import bulk_save
from khabar.store.meta import bind_theatre, store_theatre, theatre_or_default
from khabar.store.overrides import save_override
from khabar.store.spec import SPECS
from khabar.theatres import loader
from khabar.theatres.loader import DEFAULT_THEATRE, Party, Theatre
from tests.store.conftest import full_extraction


def theatre_at(path: Path, parties: tuple[str, ...]) -> Theatre:
    """An invented theatre with these parties (the last two forming a coalition if three or more)."""
    ps = {p: Party(p, "armed_group", p.upper()) for p in parties}
    if len(parties) >= 3:
        ps[parties[0]] = Party(parties[0], "coalition", "Alliance", members=parties[1:3])
    return Theatre(path=path, name=path.name, title="Invented", country="Nowhere", demonyms=(), districts={},
                   provinces={}, places=(), actors=(), outlets=(), parties=ps)


def test_every_field_is_stored_and_read_back(db: sqlite3.Connection) -> None:
    ex = full_extraction()
    store.save_extraction(db, ex)
    for kind, records in (("control_changes", ex.control_changes), ("events", ex.events),
                          ("claims", ex.claims), ("quotes", ex.quotes), ("assessments", ex.assessments)):
        got = store.stored(db, kind)
        assert sorted((s.record for s in got), key=lambda r: r.span) == sorted(records, key=lambda r: r.span)
        assert all(s.id == s.record.id and s.published == date(2023, 11, 6) and s.outlet == "Wire"
                   and s.review is None for s in got)
    (o1,) = [o for o in store.observations(db) if o.district == "Laukkai"]
    assert (o1.kind, o1.acting_party, o1.speaker, o1.speaker_party, o1.hedged, o1.denied) == (
        "holding", "mndaa", "a spokesman", "mndaa", True, False)
    (o2,) = [o for o in store.observations(db) if o.district == "Hopang"]
    assert (o2.denied, o2.effective) == (True, date(2023, 11, 6))


def test_schema_has_every_column_of_every_spec(db: sqlite3.Connection) -> None:
    """A field added to a spec without its migration fails here."""
    for kind, spec in SPECS.items():
        have = set(queries.columns(db, kind))
        assert set(spec.column_names) <= have, kind


def test_bulk_and_one_by_one_write_the_same_rows(make_url: Callable[[], str]) -> None:
    one, many = connect(make_url()), connect(make_url())
    batch = [full_extraction("doc1"), full_extraction("doc2")]
    for ex in batch:
        store.save_extraction(one, ex)
    assert bulk_save(many, batch) == 2
    for table in ("documents", "extractions", *SPECS):
        def rows(conn: sqlite3.Connection, table: str = table) -> list[dict]:
            return [{k: v for k, v in dict(r).items() if k not in ("ingested_at", "extracted_at")}
                    for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]
        assert rows(one) == rows(many), table
        assert rows(one), table


def test_stored_record_json_is_the_records_own_with_its_report(db: sqlite3.Connection) -> None:
    ex = full_extraction()
    store.save_extraction(db, ex)
    (claim,) = store.stored_claims(db)
    out = claim.to_dict()
    assert {k: v for k, v in out.items() if k in ex.claims[0].to_dict()} == ex.claims[0].to_dict()
    assert (out["document_id"], out["published"], out["outlet"], out["review"]) == (
        "doc1", "2023-11-06", "Wire", None)
    assert out["district_ids"] == ["T01", "T02"] and out["hedged"] is True


def test_corrections_of_the_new_fields_apply_to_records(db: sqlite3.Connection, tmp_path: Path) -> None:
    ex = full_extraction()
    store.save_extraction(db, ex)
    invented = theatre_at(tmp_path / "north", ("brotherhood", "mndaa", "tnla", "army"))
    change = ex.control_changes[0]
    save_override(db, "control_changes", change.id, "correct", "not hedged, TNLA took it",
                  {"hedged": "no", "acting_party": "TNLA"}, theatre=invented)
    save_override(db, "claims", ex.claims[0].id, "correct", "said outright", {"hedged": "false"},
                  theatre=invented)
    (got,) = [s for s in store.stored(db, "control_changes") if s.record.district == "Laukkai"]
    assert (got.id, got.review, got.record.hedged, got.record.acting_party) == (
        change.id, "corrected", False, "tnla")
    assert store.stored_claims(db)[0].record.hedged is False
    (o,) = [o for o in store.observations(db) if o.district == "Laukkai"]
    assert (o.hedged, o.acting_party, o.review) == (False, "tnla", "corrected")
    with pytest.raises(InputError) as e:
        save_override(db, "control_changes", change.id, "correct", "x", {"denied": "perhaps"}, theatre=invented)
    assert str(e.value) == "denied=perhaps: not allowed; use true or false"
    with pytest.raises(InputError) as e:
        save_override(db, "quotes", ex.quotes[0].id, "correct", "x", {"speaker_party": "contested"},
                      theatre=invented)
    assert str(e.value) == "speaker_party=contested: not allowed; use brotherhood, mndaa, tnla or army"


def test_a_controller_is_checked_against_the_stores_theatre(db: sqlite3.Connection, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    ex = full_extraction()
    store.save_extraction(db, ex)
    invented = theatre_at(tmp_path / "north", ("brotherhood", "mndaa", "tnla", "army"))
    bind_theatre(db, invented)
    monkeypatch.setattr(loader, "load", lambda key=None: invented if key == str(invented.path.resolve())
                        else pytest.fail(f"loaded {key}"))
    rid = ex.control_changes[1].id
    save_override(db, "control_changes", rid, "correct", "the army lost it", {"controller": "Brotherhood"})
    assert [o.controller for o in store.observations(db) if o.district == "Hopang"] == ["brotherhood"]
    with pytest.raises(InputError) as e:
        save_override(db, "assessments", ex.assessments[0].id, "correct", "x", {"controller": "taliban"})
    assert str(e.value) == "controller=taliban: not allowed; use brotherhood, mndaa, tnla, army or contested"


def test_store_records_its_theatre_once_and_refuses_another(db: sqlite3.Connection, tmp_path: Path) -> None:
    assert store_theatre(db) is None
    assert theatre_or_default(db) == DEFAULT_THEATRE
    assert theatre_or_default(db, "elsewhere") == "elsewhere"
    north = theatre_at(tmp_path / "north", ("alliance", "a", "b"))
    assert bind_theatre(db, north) == str((tmp_path / "north").resolve())
    assert bind_theatre(db, north) == store_theatre(db) == theatre_or_default(db)
    bundled = loader.load(DEFAULT_THEATRE)
    with pytest.raises(StoreError) as e:
        bind_theatre(db, bundled)
    assert str(e.value) == (f"this database holds reports of theatre {tmp_path / 'north'}, not {DEFAULT_THEATRE};"
                            f" use --theatre {tmp_path / 'north'} or another --db")
    assert store_theatre(db) == str((tmp_path / "north").resolve())
    assert not db.in_transaction


def test_ingest_records_the_theatre_and_refuses_another(db: sqlite3.Connection, samples: Path,
                                                       fast_extractor: Extractor, tmp_path: Path,
                                                       make_url: Callable[[], str]) -> None:
    from khabar.jobs import ingest

    rep = ingest(db, [str(samples / "district_taken.txt")], fast_extractor, processes=1)
    assert rep.new == 1
    assert store_theatre(db) == fast_extractor.theatre.path.name  # a bundled theatre, by name
    other = connect(make_url())
    bind_theatre(other, theatre_at(tmp_path / "north", ("a", "b")))
    with pytest.raises(StoreError, match="this database holds reports of theatre"):
        ingest(other, [str(samples / "district_taken.txt")], fast_extractor, processes=1)
    assert store.stats(other)["documents"] == 0


def test_the_desks_rows_are_the_same_records(db: sqlite3.Connection) -> None:
    """A row the desk reads (JSON decoded, report joined) is the record `stored` gives, to the JSON."""
    from khabar.store import queries
    from khabar.store.records import as_stored

    store.save_extraction(db, full_extraction("doc1"))
    for kind in SPECS:
        rows, _ = queries.records(db, kind)
        from_desk = [as_stored(kind, r).to_dict() for r in rows]
        assert sorted(from_desk, key=lambda d: d["id"]) == sorted(
            (s.to_dict() for s in store.stored(db, kind)), key=lambda d: d["id"]), kind
        assert all(d["published"] == "2023-11-06" and d["title"] == "North" for d in from_desk)
