"""Scoring hand-made predictions against hand-made gold: matching rules and figures."""

from __future__ import annotations

import copy

import pytest

from khabar.evaluate.score import (
    Body,
    district_resolver,
    errors,
    same_speaker,
    score_document,
    summarise,
)
from khabar.theatres.loader import load

# An invented report: one capture, one meeting, one claim, one quote, one count.
TEXT = (
    "The Taliban captured the Panjwai district of Kandahar province on Sunday, officials said. "
    "Foreign Minister Hanif Atmar met Iranian officials in Tehran on Monday. "
    "The Taliban claim that they control 85 percent of the country. "
    "\u201cWe will defend every district,\u201d said Fawad Aman, a defence ministry spokesman. "
    "A tracker counted 200 of 400 districts under Taliban control as of July 3."
)


def sentence(start: str) -> str:
    i = TEXT.index(start)
    end = TEXT.find(". ", i)
    return TEXT[i:end + 1] if end >= 0 else TEXT[i:]


def at(text: str) -> list[int]:
    i = TEXT.index(text)
    return [i, i + len(text)]


GOLD = {
    "control_changes": [{"district": "Panjwai", "province": "Kandahar", "controller": "taliban",
                         "date": "2021-07-04", "evidence": "The Taliban captured the Panjwai district"}],
    "meetings": [{"parties": ["Hanif Atmar", "Iranian officials"], "place": "Tehran", "date": "2021-07-05",
                  "evidence": "Hanif Atmar met Iranian officials in Tehran on Monday"}],
    "other_events": [],
    "claims": [{"claimant": "Taliban", "claim": "control 85 percent of the country", "stance": "asserts",
                "quantity": {"value": 85, "unit": "percent", "of": "territory"},
                "evidence": "The Taliban claim that they control 85 percent of the country."}],
    "quotes": [{"speaker": "Fawad Aman", "text": "We will defend every district",
                "evidence": sentence("\u201cWe will")}],
    "aggregate_control": [{"assessor": "A tracker", "controller": "taliban", "districts": 200,
                           "of_districts": 400, "as_of": "2021-07-03",
                           "evidence": "A tracker counted 200 of 400 districts"}],
}

PREDICTED = {
    "control_changes": [{"district": "Panjwai", "district_id": "AF2704", "province": "Kandahar",
                         "controller": "taliban", "date": "2021-07-04",
                         "evidence": sentence("The Taliban captured"), "span": at("captured")}],
    "events": [{"type": "CONSULT", "actors": ["Hanif Atmar"], "targets": ["Iranian officials"],
                "place": "Tehran", "date": "2021-07-05", "status": "happened",
                "evidence": sentence("Foreign Minister"), "span": at("met")}],
    "claims": [{"claimant": "Taliban", "stance": "asserts", "text": "they control 85 percent of the country",
                "quantity": {"value": 85, "unit": "percent", "of": "territory"}, "date": None,
                "evidence": sentence("The Taliban claim"), "span": at("they control 85 percent")}],
    "quotes": [{"speaker": "Fawad Aman", "text": "We will defend every district",
                "evidence": sentence("\u201cWe will"), "span": at("We will defend every district")}],
    "assessments": [{"assessor": "tracker", "controller": "taliban", "count": 200, "of": 400,
                     "as_of": "2021-07-03", "kind": "controlled", "evidence": sentence("A tracker"),
                     "span": at("200 of 400 districts")}],
}


@pytest.fixture(scope="module")
def resolve():
    return district_resolver(load())


def figures(resolve, predicted, gold=None, text=TEXT):
    return summarise([score_document("001", text, gold or GOLD, predicted, resolve)])


def changed(**kinds):
    out = copy.deepcopy(PREDICTED)
    for kind, updates in kinds.items():
        out[kind][0].update(updates)
    return out


def test_perfect_prediction_scores_one_everywhere(resolve):
    f = figures(resolve, PREDICTED)
    for kind in ("control_changes", "meetings", "claims", "quotes", "assessments"):
        assert (f[kind]["precision"], f[kind]["recall"], f[kind]["f1"]) == (1.0, 1.0, 1.0), kind
        assert all(a["share"] == 1.0 for a in f[kind]["attributes"].values() if a["of"]), kind
    assert f["other_events"]["f1"] is None


def test_wrong_controller_is_a_false_positive_and_a_false_negative(resolve):
    f = figures(resolve, changed(control_changes={"controller": "government"}))["control_changes"]
    assert (f["tp"], f["fp"], f["fn"]) == (0, 1, 1)
    assert (f["precision"], f["recall"], f["f1"]) == (0.0, 0.0, 0.0)


def test_district_spelling_resolves_through_the_gazetteer(resolve):
    f = figures(resolve, changed(control_changes={"district": "Panjway"}))["control_changes"]
    assert f["tp"] == 1


def test_names_outside_the_gazetteer_match_on_their_key(resolve):
    gold = copy.deepcopy(GOLD)
    gold["control_changes"][0].update(district="Xorbat Qala")
    pred = changed(control_changes={"district": "Xorbat-qala", "district_id": None})
    f = figures(resolve, pred, gold)["control_changes"]
    assert f["tp"] == 1
    assert f["attributes"]["district_id"]["share"] == 1.0


def test_wrong_date_keeps_the_match_and_lowers_date_accuracy(resolve):
    f = figures(resolve, changed(control_changes={"date": "2021-07-05"}))["control_changes"]
    assert f["tp"] == 1
    assert f["attributes"]["date"] == {"right": 0, "of": 1, "share": 0.0}


def test_both_dates_null_count_as_right(resolve):
    gold = copy.deepcopy(GOLD)
    gold["control_changes"][0]["date"] = None
    f = figures(resolve, changed(control_changes={"date": None}), gold)["control_changes"]
    assert f["attributes"]["date"]["share"] == 1.0


def test_wrong_district_id_is_counted(resolve):
    f = figures(resolve, changed(control_changes={"district_id": None}))["control_changes"]
    assert f["tp"] == 1
    assert f["attributes"]["district_id"]["share"] == 0.0


@pytest.mark.parametrize("gold, predicted, same", [
    ("Maria Zakharova", "Zakharova", True),
    ("Maria Zakharova", "foreign ministry spokeswoman Maria Zakharova", True),
    ("senior Afghan official (unnamed)", "Afghan official", True),
    ("Maria Zakharova", "Sergei Lavrov", False),
    ("Maria Zakharova", None, False),
])
def test_quote_speaker_is_lenient(gold, predicted, same):
    assert same_speaker(gold, predicted) is same


def test_quote_matches_on_text_despite_quotes_and_case(resolve):
    f = figures(resolve, changed(quotes={"text": "\u201cwe will defend every  District,\u201d",
                                         "speaker": "Aman"}))["quotes"]
    assert f["tp"] == 1
    assert f["attributes"]["speaker"]["share"] == 1.0


def test_quote_with_other_words_is_not_matched(resolve):
    f = figures(resolve, changed(quotes={"text": "Kabul will never fall"}))["quotes"]
    assert (f["tp"], f["fp"], f["fn"]) == (0, 1, 1)


def test_meeting_matches_when_gold_evidence_lies_in_the_predicted_sentence(resolve):
    f = figures(resolve, PREDICTED)["meetings"]
    assert f["tp"] == 1


def test_meeting_in_another_sentence_is_not_matched(resolve):
    pred = changed(events={"evidence": sentence("The Taliban claim"), "span": at("they control")})
    f = figures(resolve, pred)["meetings"]
    assert (f["tp"], f["fp"], f["fn"]) == (0, 1, 1)


def test_meeting_prefers_the_candidate_naming_more_parties(resolve):
    pred = copy.deepcopy(PREDICTED)
    stranger = {**pred["events"][0], "actors": ["Someone Else"], "targets": [], "date": None}
    pred["events"].insert(0, stranger)
    s = score_document("001", TEXT, GOLD, pred, resolve)
    (pair,) = s.kinds["meetings"].pairs
    assert pair.predicted["actors"] == ["Hanif Atmar"]
    assert s.kinds["meetings"].false_positives == (stranger,)


def test_only_consult_events_that_happened_are_meetings(resolve):
    f = figures(resolve, changed(events={"status": "planned"}))["meetings"]
    assert (f["tp"], f["fp"], f["fn"]) == (0, 0, 1)


def test_claim_attributes(resolve):
    pred = changed(claims={"stance": "denies", "claimant": "Taliban spokesman Zabihullah Mujahid",
                           "quantity": {"value": 80, "unit": "percent"}})
    a = figures(resolve, pred)["claims"]["attributes"]
    assert (a["stance"]["share"], a["claimant"]["share"], a["quantity"]["share"]) == (0.0, 1.0, 0.0)


def test_assessment_with_the_only_matching_count_needs_no_overlap(resolve):
    pred = changed(assessments={"evidence": sentence("The Taliban captured"), "span": at("captured")})
    assert figures(resolve, pred)["assessments"]["tp"] == 1


def test_evidence_is_found_across_different_spacing():
    body = Body("First line.\n\nThe district   fell to the Taliban\non June 13. Then more.")
    start, end = body.locate("The district fell to the Taliban on June 13.")
    assert body.text[start:end] == "The district   fell to the Taliban\non June 13."


def test_errors_list_false_positives_and_negatives_with_their_sentences(resolve):
    s = score_document("001", TEXT, GOLD, changed(control_changes={"controller": "government"}), resolve)
    assert errors([s]) == [
        {"error": "FN", "kind": "control_changes", "document": "001",
         "record": "Panjwai (Kandahar) -> taliban, 2021-07-04",
         "sentence": "The Taliban captured the Panjwai district"},
        {"error": "FP", "kind": "control_changes", "document": "001",
         "record": "Panjwai (Kandahar) -> government, 2021-07-04",
         "sentence": sentence("The Taliban captured")},
    ]
