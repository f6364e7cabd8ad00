"""The sentence model (khabar.learn): it loads offline from the package, scores sentences it was
not trained on sensibly, the pipeline's switch turns it off, and the training script trains one
from a tiny input.

The sentences below are written for this test only; none is in scripts/training/*.tsv (checked).
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from khabar import learn
from khabar.errors import KhabarError
from khabar.extract.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[2]
TRAINING = ROOT / "scripts" / "training"
AF, MM = "afghanistan_2021", "myanmar_2021_24"

HELD_OUT = {
    "CONTROL": [
        (AF, "Insurgent fighters overran the Chora district centre on Friday after a two-day battle, a local "
             "lawmaker said."),
        (AF, "The army handed the Gizab district over to the militants without firing a shot, residents said."),
        (AF, "After a night of fighting, government commandos took back the town of Kohsan on Saturday."),
        (MM, "Falam township came under the full control of resistance forces on Thursday."),
    ],
    "MEETING": [
        (AF, "The Turkmen foreign minister received a Taliban delegation in Ashgabat on Saturday for talks on "
             "border security."),
        (AF, "Pakistan's army chief and the British defence secretary spoke over the telephone on Thursday "
             "about the evacuation."),
        (AF, "Russia's envoy held a meeting with the Taliban's representatives in Moscow on Friday, the "
             "foreign ministry said."),
        (MM, "China's special envoy met the junta's foreign minister in Naypyitaw on Monday to discuss the "
             "ceasefire."),
    ],
    "CLAIM": [
        (AF, "The group's spokesman claimed that its fighters had killed 45 soldiers and seized their weapons."),
        (AF, "A spokesman for the governor denied that the city had fallen, calling the reports enemy "
             "propaganda."),
        (MM, "The TNLA said it now controlled all five townships of the Palaung region, a claim the junta "
             "denied."),
    ],
}
NEGATIVES = [
    (AF, "Heavy fighting was reported on the edges of the provincial capital on Sunday, officials said."),
    (AF, "The foreign minister is expected to travel to Beijing next week for talks with his counterpart."),
    (AF, "Police said two people were wounded when a bomb exploded near a mosque on Friday."),
    (AF, "Thousands of displaced families have arrived in the city in recent days, aid agencies said."),
    (MM, "Residents said the junta shelled villages near the town overnight."),
    (MM, "The peace process has stalled since the coup, analysts say."),
]
MEETING_REPORT = ("Foreign ministers meet\n\nThe Uzbek foreign minister held talks with his Tajik counterpart "
                  "in Dushanbe on Tuesday, the ministry said.")


@pytest.fixture(autouse=True)
def _model_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with the model on and the packaged weights, whatever the shell says."""
    monkeypatch.delenv(learn.ENV_OFF, raising=False)
    monkeypatch.delenv(learn.ENV_PATH, raising=False)


def test_these_sentences_are_not_in_the_training_files() -> None:
    trained = "\n".join(p.read_text(encoding="utf-8") for p in TRAINING.glob("*.tsv"))
    for _, text in [s for v in HELD_OUT.values() for s in v] + NEGATIVES:
        assert text not in trained


def test_the_packaged_model_loads_offline_with_its_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("NO_NETWORK", "1")
    m = learn.model()
    assert m.path == learn.MODEL_DIR
    assert set(m.labels) == set(learn.LABELS)
    assert m.meta["own_sentences"] > 200  # trained from the team's sentences, not a placeholder


def test_package_data_carries_every_file_of_the_model() -> None:
    """A fresh `pip install .` or a wheel has the weights: pyproject's package-data covers them."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["khabar"]
    files = [p.relative_to(ROOT / "khabar").as_posix() for p in learn.MODEL_DIR.rglob("*") if p.is_file()]
    assert files
    assert [f for f in files if not any(fnmatch.fnmatch(f, pat) and f.count("/") == pat.count("/")
                                        for pat in patterns)] == []


@pytest.mark.parametrize("label", sorted(HELD_OUT))
def test_sentences_it_never_saw_score_high_on_their_label_and_low_elsewhere(label: str) -> None:
    positives = [learn.score([t], theatre=th)[0][label] for th, t in HELD_OUT[label]]
    negatives = [learn.score([t], theatre=th)[0][label] for th, t in NEGATIVES]
    others = [learn.score([t], theatre=th)[0][label] for lab, v in HELD_OUT.items() if lab != label
              for th, t in v]
    assert min(positives) > 0.5, positives
    assert max(negatives) < 0.5, negatives
    assert min(positives) > max(negatives + others)


def test_names_are_masked_so_that_a_theatre_s_names_do_not_decide() -> None:
    from khabar.extract.nlp import fast_pipeline
    from khabar.theatres.loader import load

    th = load(MM)
    text = learn.masked(fast_pipeline(MM)("The TNLA captured Namhsan on 12 November, its spokesman said."), th)
    assert text == "the GROUP captured PLACE on NUM november , its spokesman said ."


def test_missing_weights_fail_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(learn.ModelMissing) as e:
        learn.load_from(tmp_path)
    assert "\n" not in str(e.value) and str(tmp_path) in str(e.value) and learn.ENV_OFF in str(e.value)
    monkeypatch.setenv(learn.ENV_PATH, str(tmp_path / "nowhere"))
    with pytest.raises(KhabarError):
        Extractor(AF, mode="fast")
    monkeypatch.setenv(learn.ENV_OFF, "1")
    assert Extractor(AF, mode="fast").sentence_model is None  # the rules alone need no weights
    assert learn.probability(Extractor(AF, mode="fast").fast("A sentence."), "CLAIM") is None


def test_the_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Extractor(AF, mode="fast").sentence_model is not None
    assert Extractor(AF, mode="fast", model=False).sentence_model is None
    monkeypatch.setenv(learn.ENV_OFF, "1")
    assert Extractor(AF, mode="fast").sentence_model is None
    assert Extractor(AF, mode="fast", model=True).sentence_model is not None


def _train_tiny(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    tsv = out.parent / "tiny.tsv"
    tsv.write_text("\n".join([
        "MEETING\taf\tThe two ministers met in Tashkent on Monday.",
        "MEETING\taf\tThe envoy held talks with the delegation in Doha.",
        "CONTROL\taf\tThe militants captured Khakrez district on Sunday.",
        "CLAIM\taf\tThe spokesman denied that the district had fallen.",
        "-\taf\tThe talks are planned for next week.",
        "-\taf\tFighting continued inside the city.",
    ]) + "\n", encoding="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "train_sentence_model.py"), "--no-gold",
                           "--own", str(tsv), "--epochs", "3", "--out", str(out), *extra],
                          capture_output=True, text=True, timeout=300)


def test_the_training_script_trains_on_a_tiny_input_the_same_way_twice(tmp_path: Path) -> None:
    for name in ("a", "b"):
        run = _train_tiny(tmp_path / name)
        assert run.returncode == 0, run.stderr
        assert "trained on 6 sentences (6 own; no gold)" in run.stdout
    a, b = (learn.load_from(tmp_path / n) for n in ("a", "b"))
    assert a.meta["positives"] == {"CLAIM": 1, "CONTROL": 1, "MEETING": 2}
    assert (tmp_path / "a" / "textcat_multilabel" / "model").read_bytes() == \
        (tmp_path / "b" / "textcat_multilabel" / "model").read_bytes()  # the seed decides
    got = a.score_masked(["the ministers met in PLACE on monday ."])[0]
    assert got["MEETING"] > got["CONTROL"]


def test_a_veto_drops_the_rules_meeting_and_the_switch_brings_it_back(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A model whose veto no sentence passes (threshold 1.0) leaves no meeting; the rules alone
    (model=False, KHABAR_NO_MODEL=1, or `khabar extract --no-model`) keep it."""
    from typer.testing import CliRunner

    from khabar.cli.main import app

    run = _train_tiny(tmp_path / "strict", "--veto", "MEETING=1.0")
    assert run.returncode == 0, run.stderr
    monkeypatch.setenv(learn.ENV_PATH, str(tmp_path / "strict"))
    report = tmp_path / "report.txt"
    report.write_text(MEETING_REPORT, encoding="utf-8")

    def meetings(*args: str) -> int:
        import json
        out = CliRunner().invoke(app, ["extract", str(report), "--published", "2021-07-13", "--json",
                                       "--pipeline", "fast", *args])
        assert out.exit_code == 0, out.output
        return sum(e["type"] == "CONSULT" for e in json.loads(out.stdout)["events"])

    monkeypatch.setenv(learn.ENV_OFF, "0")  # restored after the test: --no-model sets it
    assert meetings("--no-model") == 1
    monkeypatch.setenv(learn.ENV_OFF, "0")
    assert meetings() == 0
