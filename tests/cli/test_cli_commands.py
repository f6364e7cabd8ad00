"""The commands at work: ingest a folder twice, extract as JSON, control and map as of a day."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

CONTRACT = {"document", "pipeline", "control_changes", "events", "claims", "quotes", "assessments"}
HEADLINE_0710 = "Taliban 5, Government 0, contested 0, no reports 394 of 399 districts as of 2021-07-10"
CONTROL_SAMPLES = ("district_taken", "spelling_variant", "several_districts", "district_retaken",
                   "district_anaphora", "failed_attack", "denial")


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def n_samples(samples: Path) -> int:
    return len(list(samples.glob("*.txt")))


@pytest.fixture
def control_reports(tmp_path: Path, samples: Path) -> Path:
    """A folder of the samples about district control, with their index."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in CONTROL_SAMPLES:
        shutil.copy(samples / f"{name}.txt", folder)
    shutil.copy(samples / "index.jsonl", folder)
    return folder


def test_ingest_a_folder_then_again_adds_nothing(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    n = n_samples(samples)
    first = run("ingest", samples, "--pipeline", "fast")
    assert first.exit_code == 0, first.output
    summary, distinct = lines(first.stdout)
    assert re.fullmatch(rf"Ingested {n} new report\(s\) into khabar\.db \(0 already stored, 0 error\(s\)\); "
                        r"records: \d+ control changes, \d+ events, \d+ claims, \d+ quotes, \d+ assessments?\.",
                        summary), summary
    assert re.fullmatch(r"Distinct in these reports: \d+ control events, \d+ events \(the reports of one "
                        r"event count once\)\.", distinct), distinct
    assert (f"Warning: {samples / 'no_afghan_place.txt'}: no place of Afghanistan named"
            in lines(first.stderr))
    assert not [line for line in lines(first.stderr) if not line.startswith("Warning: ")]

    again = run("ingest", samples, "--pipeline", "fast")
    assert again.exit_code == 0
    assert lines(again.stdout) == [f"Ingested 0 new report(s) into khabar.db ({n} already stored, 0 error(s))."]
    assert again.stderr == ""


def test_ingest_quiet_prints_only_the_summary(run, control_reports: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("ingest", control_reports, "--db", "k.db", "--pipeline", "fast", "--quiet")
    assert result.exit_code == 0
    summary, distinct = lines(result.stdout)  # how many events the rules find is extract's business
    assert summary.startswith("Ingested 7 new report(s) into k.db (0 already stored, 0 error(s)); "
                              "records: 7 control changes, ")
    # Panjwayi told twice is one event; the ministry's denial about Spin Boldak is none
    assert distinct.startswith("Distinct in these reports: 6 control events, ")
    assert result.stderr == ""


def test_ingest_counts_one_capture_told_by_two_outlets_as_two_records_and_one_event(run) -> None:  # type: ignore[no-untyped-def]
    Path("a.txt").write_text("Panjwayi falls\n\nTaliban fighters captured Panjwayi district in "
                             "Kandahar province on Sunday, two local officials said.\n", encoding="utf-8")
    Path("b.txt").write_text("Kandahar district lost\n\nThe Taliban seized Panjwayi district of "
                             "Kandahar on Sunday, a police spokesman said.\n", encoding="utf-8")
    result = run("ingest", "a.txt", "b.txt", "--published", "2021-07-06", "--pipeline", "fast")
    assert result.exit_code == 0, result.output
    assert lines(result.stdout) == [
        "Ingested 2 new report(s) into khabar.db (0 already stored, 0 error(s)); "
        "records: 2 control changes.",
        "Distinct in these reports: 1 control event (the reports of one event count once)."]
    again = run("ingest", "c.txt", "--pipeline", "fast")  # nothing new: no line of events
    assert lines(again.stdout) == ["Ingested 0 new report(s) into khabar.db (0 already stored, 1 error(s))."]


def test_a_change_in_a_report_with_only_a_dateline_is_kept(run) -> None:  # type: ignore[no-untyped-def]
    Path("taken.txt").write_text("Taliban take Panjwai\n\nKANDAHAR, July 6 - The Taliban captured the "
                                 "Panjwai district of Kandahar province on Sunday, officials said.\n",
                                 encoding="utf-8")
    assert run("ingest", "taken.txt", "--pipeline", "fast", "-q").exit_code == 0
    result = run("control", "--as-of", "2021-07-10", "--json")
    assert result.exit_code == 0, result.output
    held = {d["district"]: d["controller"] for d in json.loads(result.stdout)["districts"]}
    assert held == {"Panjwai": "taliban"}  # the change is kept, not dropped for want of a day


def test_extract_json_keeps_the_contract(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("extract", samples / "district_taken.txt", "--json", "--pipeline", "fast")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert CONTRACT <= set(data)
    assert data["document"]["published"] == "2021-07-06"
    assert data["pipeline"] == {"name": "khabar-fast", "version": "0.1.0"}
    assert [(c["district"], c["district_id"], c["controller"], c["date"], c["span"])
            for c in data["control_changes"]] == [("Panjwayi", "AF2704", "taliban", "2021-07-04", [26, 34])]


@pytest.mark.model
def test_extract_json_with_the_standard_pipeline(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("extract", samples / "split_quote.txt", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["pipeline"]["name"] == "khabar-standard"
    assert [(q["speaker"], q["span"]) for q in data["quotes"]] == [
        ("Hamid Sultani", [94, 148]), ("Hamid Sultani", [161, 212])]


def test_extract_jsonl_gives_one_line_per_report(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("extract", samples / "district_taken.txt", samples / "district_retaken.txt", "--jsonl",
                 "--pipeline", "fast")
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert len(out) == 2
    reports = [json.loads(line) for line in out]
    assert [r["document"]["title"] for r in reports] == [
        "Taliban take Panjwayi district west of Kandahar city",
        "Afghan forces retake Malistan district in Ghazni"]
    assert all(CONTRACT <= set(r) for r in reports)


def test_extract_json_with_two_reports_is_one_json_list(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("extract", samples / "district_taken.txt", samples / "denial.txt", "--json",
                 "--pipeline", "fast")
    assert [r["document"]["published"] for r in json.loads(result.stdout)] == ["2021-07-06", "2021-07-14"]


def test_extract_published_option_resolves_relative_dates(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "note.txt"
    report.write_text("The Taliban captured Zhari district on Sunday, officials said.\n")
    result = run("extract", report, "--json", "--published", "2021-07-13", "--pipeline", "fast")
    (c,) = json.loads(result.stdout)["control_changes"]
    assert (c["district_id"], c["date"]) == ("AF2705", "2021-07-11")


def test_control_as_of_prints_the_headline(run, control_reports: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("ingest", control_reports, "--pipeline", "fast", "--quiet").exit_code == 0
    result = run("control", "--as-of", "2021-07-10")
    assert result.exit_code == 0
    assert lines(result.stdout)[-1] == HEADLINE_0710
    later = run("control", "--as-of", "2021-07-20")
    assert lines(later.stdout)[-1] == (
        "Taliban 5, Government 1, contested 0, no reports 393 of 399 districts as of 2021-07-20")


def test_control_json_gives_counts_and_districts(run, control_reports: Path) -> None:  # type: ignore[no-untyped-def]
    run("ingest", control_reports, "--pipeline", "fast", "--quiet")
    data = json.loads(run("control", "--as-of", "2021-07-20", "--json").stdout)
    # on the 421 published districts Khan Abad and Imam Sahib stand for a newer district each
    assert data["counts"].pop("published") == {"taliban": 7, "nrf": 0, "government": 1, "contested": 0,
                                               "no_reports": 413, "total": 421}
    assert data["counts"] == {"as_of": "2021-07-20", "taliban": 5, "nrf": 0, "government": 1, "contested": 0,
                              "no_reports": 393, "total": 399}
    assert {d["district_id"]: (d["controller"], d["since"]) for d in data["districts"]} == {
        "AF2704": ("taliban", "2021-07-04"), "AF1904": ("taliban", "2021-06-22"),
        "AF1902": ("taliban", "2021-06-22"), "AF1906": ("taliban", "2021-06-22"),
        "AF1905": ("taliban", "2021-06-24"), "AF1116": ("government", "2021-07-16")}
    everything = json.loads(run("control", "--as-of", "2021-07-20", "--json", "--all").stdout)
    assert len(everything["districts"]) == 399


def test_map_writes_a_page_with_399_districts(run, control_reports: Path) -> None:  # type: ignore[no-untyped-def]
    run("ingest", control_reports, "--pipeline", "fast", "--quiet")
    result = run("map", "--as-of", "2021-07-10", "-o", "out.html")
    assert result.exit_code == 0
    assert lines(result.stdout) == ["Wrote out.html", HEADLINE_0710]
    page = Path("out.html").read_text(encoding="utf-8")
    assert page.count('<path data-i="') == 399
    assert HEADLINE_0710 in page


def test_map_all_formats_writes_csv_and_geojson_beside_it(run, control_reports: Path) -> None:  # type: ignore[no-untyped-def]
    run("ingest", control_reports, "--pipeline", "fast", "--quiet")
    Path("site").mkdir()
    result = run("map", "--as-of", "2021-07-10", "-o", "site/map.html", "--all-formats")
    assert result.exit_code == 0
    assert lines(result.stdout) == ["Wrote site/map.html", "Wrote site/control.csv",
                                    "Wrote site/control.geojson", HEADLINE_0710]
    geo = json.loads(Path("site/control.geojson").read_text(encoding="utf-8"))
    assert len(geo["features"]) == 399
