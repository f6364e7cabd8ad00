"""Analysts' overrides: kept apart, validated, applied by every read path, alive after re-extraction."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from khabar.errors import InputError
from khabar.records import Claim, ControlChange, Document, Evidence, Extraction, Quantity
from khabar.store import records as store
from khabar.store.overrides import apply_reviews, list_overrides, save_override
from khabar.theatres.loader import load

TEXT = ("The Taliban captured Panjwai district on Sunday. "
        "Government forces retook Arghandab district on Monday. "
        "The Taliban claimed to control 85 percent of the country.")
DOC = Document("doc1", TEXT, title="Two districts", outlet="Test Wire", published=date(2021, 7, 6))


def _span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def _sentence(word: str) -> Evidence:
    start = TEXT.rindex(".", 0, TEXT.index(word)) + 2 if TEXT.index(word) > 50 else 0
    end = TEXT.index(".", TEXT.index(word)) + 1
    return Evidence(DOC.id, start, end, TEXT[start:end])


def extraction(panjwai_span: tuple[int, int] | None = None) -> Extraction:
    """The report's records; a new pipeline may find Panjwai's span a little differently."""
    panjwai = ControlChange("Panjwai", "AF2704", "Kandahar", "taliban", date(2021, 7, 4),
                            _sentence("Panjwai"), panjwai_span or _span("Panjwai"))
    arghandab = ControlChange("Arghandab", "AF2708", "Kandahar", "government", date(2021, 7, 5),
                              _sentence("Arghandab"), _span("Arghandab"))
    claim = Claim("Taliban", "asserts", "to control 85 percent of the country",
                  Quantity(85, "percent", "territory"), date(2021, 7, 6), _sentence("85"),
                  _span("85 percent of the country"))
    return Extraction(DOC, "test", "1", control_changes=(panjwai, arghandab), claims=(claim,))


@pytest.fixture
def stored(db: sqlite3.Connection) -> Extraction:
    ex = extraction()
    store.save_extraction(db, ex)
    return ex


def by_district(db: sqlite3.Connection, up_to: date | None = None) -> dict[str, tuple]:
    return {o.district: (o.controller, o.effective, o.review) for o in store.observations(db, up_to)}


def test_rejected_control_change_is_left_out_of_observations(db: sqlite3.Connection,
                                                             stored: Extraction) -> None:
    panjwai = stored.control_changes[0]
    save_override(db, "control_changes", panjwai.id, "reject", "single unverified report")
    assert by_district(db) == {"Arghandab": ("government", date(2021, 7, 5), None)}
    assert store.stats(db)["control_changes"] == 2  # the extracted record itself is untouched


def test_correction_replaces_fields_and_moves_the_effective_day(db: sqlite3.Connection,
                                                                stored: Extraction) -> None:
    panjwai = stored.control_changes[0]
    save_override(db, "control_changes", panjwai.id, "correct", "fell a week later",
                  {"controller": "contested", "date": "2021-07-11"}, analyst="mk")
    assert by_district(db)["Panjwai"] == ("contested", date(2021, 7, 11), "corrected")
    assert "Panjwai" not in by_district(db, up_to=date(2021, 7, 10))
    assert "Panjwai" in by_district(db, up_to=date(2021, 7, 11))


def test_correction_to_an_earlier_day_is_seen_before_the_extracted_day(db: sqlite3.Connection,
                                                                       stored: Extraction) -> None:
    arghandab = stored.control_changes[1]
    save_override(db, "control_changes", arghandab.id, "correct", "retaken on Friday",
                  {"date": "2021-07-02"})
    assert by_district(db, up_to=date(2021, 7, 3)) == {
        "Arghandab": ("government", date(2021, 7, 2), "corrected")}


def test_confirmation_is_flagged(db: sqlite3.Connection, stored: Extraction) -> None:
    save_override(db, "control_changes", stored.control_changes[1].id, "confirm", "seen on video")
    assert by_district(db)["Arghandab"][2] == "confirmed"
    assert by_district(db)["Panjwai"][2] is None


def test_latest_override_wins_and_history_is_kept(db: sqlite3.Connection, stored: Extraction) -> None:
    rid = stored.control_changes[0].id
    first = save_override(db, "control_changes", rid, "reject", "looked wrong")
    second = save_override(db, "control_changes", rid, "confirm", "two sources now")
    assert by_district(db)["Panjwai"][2] == "confirmed"
    history = list_overrides(db, record_id=rid)
    assert [(h["id"], h["action"], h["latest"]) for h in history] == [
        (first, "reject", False), (second, "confirm", True)]


def test_records_of_applies_overrides_and_hides_rejected(db: sqlite3.Connection,
                                                         stored: Extraction) -> None:
    claim = stored.claims[0]
    save_override(db, "claims", claim.id, "correct", "a spokesman, not the movement",
                  {"claimant": "Taliban spokesman"})
    (row,) = store.records_of(db, "claims")
    assert (row["claimant"], row["review"], row["review_note"]) == (
        "Taliban spokesman", "corrected", "a spokesman, not the movement")
    save_override(db, "claims", claim.id, "reject", "not a claim")
    assert store.records_of(db, "claims") == []
    assert [r["review"] for r in store.records_of(db, "claims", keep_rejected=True)] == ["rejected"]


def test_rejection_survives_reextraction_that_changes_the_record_id(db: sqlite3.Connection,
                                                                    stored: Extraction) -> None:
    old = stored.control_changes[0]
    save_override(db, "control_changes", old.id, "reject", "wrong district")
    start, end = _span("Panjwai district")  # the new pipeline's span includes "district"
    again = extraction(panjwai_span=(start, end))
    assert again.control_changes[0].id != old.id
    store.save_extraction(db, again)
    assert "Panjwai" not in by_district(db)
    assert "Arghandab" in by_district(db)


@pytest.mark.parametrize(("kind", "rid", "action", "fields", "message"), [
    ("control_changes", "nope", "reject", None, "nope: no such record among control_changes"),
    ("rumours", "x", "reject", None,
     "rumours: unknown record kind; use control_changes, events, claims, quotes or assessments"),
    ("control_changes", "@", "delete", None, "delete: unknown action; use confirm, reject or correct"),
    ("control_changes", "@", "correct", {"controller": "rebels"},
     "controller=rebels: not allowed; use {controllers}"),
    ("control_changes", "@", "correct", {"date": "July 5"}, "date=July 5: not a date; use YYYY-MM-DD"),
    ("control_changes", "@", "correct", {"colour": "red"},
     "colour: not a field of control_changes that can be corrected; use district, district_id, province,"
     " province_id, controller, date, kind, acting_party, speaker, speaker_party, hedged or denied"),
    ("control_changes", "@", "correct", None, "@: a correction needs at least one FIELD=VALUE"),
    ("control_changes", "@", "reject", {"date": "2021-07-01"},
     "@: only a correction takes fields; reject takes none"),
])
def test_bad_overrides_are_refused_in_one_line(db: sqlite3.Connection, stored: Extraction, kind: str,
                                               rid: str, action: str, fields: dict | None,
                                               message: str) -> None:
    real = stored.control_changes[0].id
    with pytest.raises(InputError) as e:
        save_override(db, kind, real if rid == "@" else rid, action, "why", fields)
    controllers = load().controllers  # the store's theatre: none recorded, so the default one
    listed = ", ".join(controllers[:-1]) + " or " + controllers[-1]
    assert str(e.value) == message.replace("@", real).replace("{controllers}", listed)
    assert list_overrides(db) == []


def test_override_needs_a_note(db: sqlite3.Connection, stored: Extraction) -> None:
    rid = stored.control_changes[0].id
    with pytest.raises(InputError, match="needs a note"):
        save_override(db, "control_changes", rid, "reject", "  ")


def test_one_function_applies_reviews_for_readers_that_drop_and_that_keep_rejected(
        db: sqlite3.Connection, stored: Extraction) -> None:
    panjwai, arghandab = stored.control_changes

    def rows() -> list[dict]:
        return [dict(r) for r in db.execute("SELECT * FROM control_changes ORDER BY span_start")]

    save_override(db, "control_changes", panjwai.id, "reject", "single unverified report")
    save_override(db, "control_changes", arghandab.id, "correct", "still fighting",
                  {"controller": "contested"})
    kept = apply_reviews(db, "control_changes", rows(), keep_rejected=True)
    assert [(r["district"], r["controller"], r["review"]) for r in kept] == [
        ("Panjwai", "taliban", "rejected"), ("Arghandab", "contested", "corrected")]
    assert kept[1]["extracted"] == {"controller": "government"}
    dropped = apply_reviews(db, "control_changes", rows())
    assert [(r["district"], r["controller"]) for r in dropped] == [("Arghandab", "contested")]
    assert dropped == store.records_of(db, "control_changes")  # the store's reader is this one
