"""The extract contract on the invented theatre (conftest.py): every report's JSON keeps the keys,
types, spans and evidence of `khabar extract --json`, its party ids are the theatre's own, and the
records are the right ones (the control changes and claims of the gold, the meeting of report 008).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from khabar.extract.pipeline import Extractor
from khabar.ingest import read_inputs
from khabar.records import PLOVER_TYPES, STANCES, Document
from khabar.theatres.loader import Theatre, load
from tests.theatres.conftest import REPORTS

KEYS = {
    "document": {"id", "title", "outlet", "url", "published"},
    "pipeline": {"name", "version"},
    "control_changes": {"district", "district_id", "province", "controller", "date", "evidence", "span", "kind",
                        "acting_party", "speaker", "speaker_party", "hedged", "denied"},
    "events": {"type", "actors", "targets", "place", "date", "status", "evidence", "span", "district_ids",
               "parties"},
    "claims": {"claimant", "stance", "text", "quantity", "date", "evidence", "span", "claimant_party",
               "district_ids", "hedged"},
    "quotes": {"speaker", "text", "evidence", "span"},
    "assessments": {"assessor", "controller", "count", "of", "as_of", "kind", "evidence", "span"},
}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TITLES = {title: stem for stem, _, _, title, *_ in REPORTS}


@pytest.fixture(scope="module", params=["fast", pytest.param("standard", marks=pytest.mark.model)])
def extracted(request: pytest.FixtureRequest, invented: Path) -> dict[str, tuple[Document, dict[str, Any]]]:
    """Each invented report's document and its extraction as JSON data, by file stem."""
    extractor = Extractor(str(invented), mode=request.param)
    out = {}
    for doc in read_inputs([str(invented / "samples" / "corpus")]):
        assert isinstance(doc, Document), doc
        out[TITLES[doc.title]] = (doc, json.loads(json.dumps(extractor.extract(doc).to_dict())))
    assert sorted(out) == sorted(TITLES.values())
    return out


@pytest.fixture(scope="module")
def theatre(invented: Path) -> Theatre:
    return load(str(invented))


def _day(value: object, published: str) -> bool:
    """A day is None or YYYY-MM-DD no later than the report."""
    return value is None or (isinstance(value, str) and bool(DAY.match(value)) and value <= published)


def _party(theatre: Theatre, value: object) -> bool:
    return value is None or value in theatre.parties


def test_every_report_keeps_the_keys_spans_and_evidence(extracted: dict[str, tuple[Document, dict]]) -> None:
    for doc, data in extracted.values():
        for key, fields in KEYS.items():
            if key in ("document", "pipeline"):
                assert fields <= set(data[key]), key
                continue
            for rec in data[key]:
                assert fields <= set(rec), (key, rec)
                start, end = rec["span"]
                assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(doc.text)
                assert doc.text[start:end] in rec["evidence"] and rec["evidence"] in doc.text
        assert data["document"]["published"] == doc.published.isoformat()


def test_every_party_id_and_place_is_the_theatres_own(extracted: dict[str, tuple[Document, dict]],
                                                       theatre: Theatre) -> None:
    for doc, data in extracted.values():
        published = doc.published.isoformat()
        for c in data["control_changes"]:
            assert c["controller"] in theatre.controllers
            assert c["district_id"] is None or c["district_id"] in theatre.districts
            assert _party(theatre, c["acting_party"]) and _party(theatre, c["speaker_party"])
            assert c["kind"] in ("change", "holding")
            assert isinstance(c["hedged"], bool) and isinstance(c["denied"], bool)
            assert _day(c["date"], published)
        for e in data["events"]:
            assert e["type"] in PLOVER_TYPES and e["status"] in ("happened", "planned", "negated")
            assert set(e["parties"]) <= set(theatre.parties) and set(e["district_ids"]) <= set(theatre.districts)
            assert _day(e["date"], published) or e["status"] == "planned"
        for c in data["claims"]:
            assert c["stance"] in STANCES and _party(theatre, c["claimant_party"])
            assert set(c["district_ids"]) <= set(theatre.districts)
            assert _day(c["date"], published)
        for q in data["quotes"]:
            assert isinstance(q["speaker"], (str, type(None))) and q["text"]
        for a in data["assessments"]:
            assert a["controller"] in theatre.controllers and _day(a["as_of"], published)


def _gold(invented: Path, stem: str) -> dict[str, Any]:
    return json.loads((invented / "samples" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stem", sorted(TITLES.values()))
def test_each_reports_control_changes_are_the_gold(extracted: dict[str, tuple[Document, dict]], theatre: Theatre,
                                                   invented: Path, stem: str) -> None:
    _, data = extracted[stem]
    gold = _gold(invented, stem)["control_changes"]
    ids = {d.name: d.id for d in theatre.districts.values()}
    want = {(ids[g["district"]], g["controller"], g["date"]) for g in gold}
    assert {(c["district_id"], c["controller"], c["date"]) for c in data["control_changes"]} == want
    for c in data["control_changes"]:  # the party named as acting is the one that gains the county
        if c["controller"] != "contested":
            assert c["acting_party"] == c["controller"], c


def test_each_claim_is_its_partys(extracted: dict[str, tuple[Document, dict]], invented: Path) -> None:
    _, data = extracted["006"]
    gold = _gold(invented, "006")["claims"]
    assert len(gold) == 2
    got = {(c["claimant_party"], c["quantity"]["value"] if c["quantity"] else None) for c in data["claims"]}
    assert got == {("pact", 90), ("crown", 33)}
    for c in data["claims"]:
        assert c["stance"] == "asserts" and not c["hedged"]


def test_the_meeting_abroad_is_the_pacts(extracted: dict[str, tuple[Document, dict]]) -> None:
    _, data = extracted["008"]
    meetings = [e for e in data["events"] if e["type"] == "CONSULT"]
    assert len(meetings) == 1
    (m,) = meetings
    assert m["parties"] == ["pact"] and m["place"] == "Castelmar" and m["date"] == "2031-03-26"
    assert m["status"] == "happened"


@pytest.mark.parametrize("pipeline", ["fast", pytest.param("standard", marks=pytest.mark.model)])
def test_eval_scores_the_invented_gold(invented: Path, pipeline: str) -> None:
    """`khabar eval` on the theatre's own samples and gold: every control change, meeting, claim and
    quote found, with its day, county, claimant and speaker."""
    from typer.testing import CliRunner

    from khabar.cli.main import app

    samples = invented / "samples"
    result = CliRunner().invoke(app, ["eval", str(samples / "corpus"), str(samples / "gold"), "--theatre",
                                      str(invented), "--pipeline", pipeline, "--json"])
    assert result.exit_code == 0, result.output
    kinds = json.loads(result.stdout)["kinds"]
    for kind in ("control_changes", "meetings", "claims", "quotes"):
        assert kinds[kind]["f1"] == 1.0, (kind, kinds[kind])
        assert all(a["share"] == 1.0 for a in kinds[kind].get("attributes", {}).values()), (kind, kinds[kind])
    assert kinds["claims"]["attributes"]["quantity"]["right"] == 2


def test_a_fall_with_no_captor_named_goes_to_the_default_captor_only_if_the_theatre_sets_one(
        extracted: dict[str, tuple[Document, dict]], invented: Path, tmp_path: Path) -> None:
    doc, data = extracted["011"]
    assert data["control_changes"] == []  # Veloria sets no default captor
    import shutil

    folder = tmp_path / "veloria_with_a_default"
    shutil.copytree(invented, folder)
    config = json.loads((folder / "theatre.json").read_text(encoding="utf-8"))
    config["default_captor"] = "pact"
    (folder / "theatre.json").write_text(json.dumps(config), encoding="utf-8")
    mode = data["pipeline"]["name"].removeprefix("khabar-")
    changes = Extractor(str(folder), mode=mode).extract(doc).control_changes
    assert [(c.district_id, c.controller, c.date.isoformat() if c.date else None) for c in changes] == [
        ("VL01", "pact", "2031-03-28")]
