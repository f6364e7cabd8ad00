"""Saving a report: one transaction per document, re-saving replaces, a failure leaves nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from khabar.records import Extraction, Quantity
from khabar.store import records as store
from tests.store.conftest import check_violation

Extract = Callable[[str], Extraction]


def rows(conn: sqlite3.Connection, table: str, document_id: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "extracted_at"}
            for r in (dict(x) for x in conn.execute(
                f"SELECT * FROM {table} WHERE {'document_id' if table != 'documents' else 'id'} = ?",
                (document_id,)))]


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    out = {}
    for table in ("documents", "extractions", "control_changes", "events", "claims", "quotes",
                  "assessments"):
        out[table] = [tuple(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]
    return out


def test_saving_stores_the_document_and_its_records(db: sqlite3.Connection, extraction: Extract) -> None:
    ex = extraction("several_districts")
    assert store.save_extraction(db, ex) is True
    assert store.has_document(db, ex.document.id)
    assert store.get_document(db, ex.document.id) == ex.document
    assert store.stats(db) == {"documents": 1, "control_changes": 3, "events": len(ex.events),
                               "claims": len(ex.claims), "quotes": len(ex.quotes),
                               "assessments": len(ex.assessments)}  # what extract found, all of it
    assert [(r["district"], r["district_id"], r["controller"], r["date"], r["span_start"], r["span_end"])
            for r in store.records_of(db, "control_changes")] == [
        ("Khanabad", "AF1904", "taliban", "2021-06-22", 20, 28),
        ("Chardara", "AF1902", "taliban", "2021-06-22", 30, 38),
        ("Dasht-e-Archi", "AF1906", "taliban", "2021-06-22", 43, 56)]
    (x,) = rows(db, "extractions", ex.document.id)
    assert (x["pipeline"], x["version"], x["warnings"]) == ("khabar-fast", "0.1.0", "[]")


def test_claim_quantity_is_stored_as_json(db: sqlite3.Connection, extraction: Extract) -> None:
    store.save_extraction(db, extraction("claim_with_number"))
    # the report's other claims (its headline, the officials' dispute) carry no number
    (c,) = [c for c in store.records_of(db, "claims") if c["quantity"]]
    assert (c["claimant"], c["stance"], c["date"]) == ("Taliban", "asserts", "2021-07-09")
    assert c["quantity"] == ('{"value": 85, "unit": "percent", "of": "territory", "qualifier": null, '
                             '"value_max": null}')


def test_resaving_the_same_document_adds_nothing(db: sqlite3.Connection, extraction: Extract) -> None:
    ex = extraction("several_districts")
    assert store.save_extraction(db, ex) is True
    before = snapshot(db)
    assert store.save_extraction(db, ex) is False
    after = snapshot(db)
    assert {k: len(v) for k, v in after.items()} == {k: len(v) for k, v in before.items()}
    assert after["documents"] == before["documents"]
    assert after["control_changes"] == before["control_changes"]


def test_resaving_replaces_the_documents_records(db: sqlite3.Connection, extraction: Extract) -> None:
    ex = extraction("several_districts")
    store.save_extraction(db, ex)
    newer = replace(ex, pipeline="khabar-standard", version="0.2.0",
                    control_changes=ex.control_changes[:1], warnings=("a warning",))
    assert store.save_extraction(db, newer) is False
    assert [r["district"] for r in store.records_of(db, "control_changes")] == ["Khanabad"]
    (x,) = rows(db, "extractions", ex.document.id)
    assert (x["pipeline"], x["version"], x["warnings"]) == ("khabar-standard", "0.2.0", '["a warning"]')
    assert store.stats(db)["documents"] == 1


def test_failed_check_constraint_rolls_the_whole_document_back(db: sqlite3.Connection,
                                                               extraction: Extract) -> None:
    earlier = extraction("district_taken")
    store.save_extraction(db, earlier)
    before = snapshot(db)
    bad = extraction("several_districts")
    claim = extraction("claim_with_number").claims[0]
    # the claim breaks CHECK (stance IN (...)) after the control changes were inserted
    broken = replace(bad, claims=(replace(claim, evidence=replace(claim.evidence, document_id=bad.document.id),
                                          stance="guesses"),))  # type: ignore[arg-type]
    error, words = check_violation(db)
    with pytest.raises(error, match=words):
        store.save_extraction(db, broken)
    assert not store.has_document(db, bad.document.id)
    assert snapshot(db) == before
    assert not db.in_transaction


def test_exception_inside_save_rolls_back(db: sqlite3.Connection, extraction: Extract,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_extraction(db, extraction("district_taken"))
    before = snapshot(db)

    def boom(self: Quantity) -> dict:
        raise KeyboardInterrupt  # claims are written after control changes and events

    monkeypatch.setattr(Quantity, "to_dict", boom)
    ex = extraction("claim_with_number")
    ex = replace(ex, control_changes=extraction("several_districts").control_changes)
    with pytest.raises(KeyboardInterrupt):
        store.save_extraction(db, ex)
    assert not store.has_document(db, ex.document.id)
    assert snapshot(db) == before
    assert not db.in_transaction


def test_failed_resave_keeps_the_old_records(db: sqlite3.Connection, extraction: Extract) -> None:
    ex = extraction("several_districts")
    store.save_extraction(db, ex)
    before = snapshot(db)
    broken = replace(ex, control_changes=(replace(ex.control_changes[0], controller=""),))
    with pytest.raises(check_violation(db)[0]):
        store.save_extraction(db, broken)
    assert snapshot(db) == before


def test_observation_of_an_undated_change_takes_the_publication_day(db: sqlite3.Connection,
                                                                    extraction: Extract) -> None:
    ex = extraction("district_taken")  # published 2021-07-06, says "on Sunday" (2021-07-04)
    undated = replace(ex, control_changes=(replace(ex.control_changes[0], date=None),))
    store.save_extraction(db, undated)
    (o,) = store.observations(db)
    assert (o.district_id, o.controller, o.date, o.effective, o.published) == (
        "AF2704", "taliban", None, date(2021, 7, 6), date(2021, 7, 6))
    assert o.evidence == ex.control_changes[0].evidence.text
    assert (o.outlet, o.title) == ("Example Wire", "Taliban take Panjwayi district west of Kandahar city")
    assert store.observations(db, date(2021, 7, 5)) == []
    assert len(store.observations(db, date(2021, 7, 6))) == 1


def test_undated_change_in_an_undated_report_is_no_observation(db: sqlite3.Connection,
                                                               extraction: Extract) -> None:
    ex = extraction("district_taken")
    doc = replace(ex.document, published=None)
    store.save_extraction(db, replace(ex, document=doc, control_changes=tuple(
        replace(c, date=None) for c in ex.control_changes)))
    assert store.observations(db) == []
    assert store.latest_date(db) is None
