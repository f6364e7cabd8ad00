"""Worker processes start warm: forked workers inherit the pipeline the calling process built
(its theatre's triggers compiled once, there) and give the records of one process."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from khabar.extract import control_triggers
from khabar.extract.pipeline import Extractor
from khabar.ingest.budget import Budgeted
from tests.extract.conftest import SAMPLES, read_sample

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="workers inherit the pipeline only when forked")


def _count_lexicon_builds(monkeypatch: pytest.MonkeyPatch, extractor: Extractor, log: Path) -> None:
    """Forget the theatre's compiled triggers and note the process of each rebuild in `log`."""
    monkeypatch.delitem(extractor.theatre.__dict__, "_control_lexicon", raising=False)
    build = control_triggers.Lexicon.__init__

    def noted(self: control_triggers.Lexicon, *args: object, **kwargs: object) -> None:
        with log.open("a") as f:
            f.write(f"{os.getpid()}\n")
        build(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(control_triggers.Lexicon, "__init__", noted)


@pytest.mark.parametrize("budgeted", [False, True])
def test_forked_workers_build_no_triggers_of_their_own_and_give_the_records_of_one_process(
        fast_extractor: Extractor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, budgeted: bool) -> None:
    docs = [read_sample(p.stem) for p in sorted(SAMPLES.glob("*.txt"))[:8]]
    alone = [fast_extractor.extract(d).to_dict() for d in docs]
    log = tmp_path / "builds"
    _count_lexicon_builds(monkeypatch, fast_extractor, log)
    # a new Extractor on the same (cached) pipelines: the way `khabar extract` and ingest make one
    extractor = Extractor(fast_extractor.theatre_name, mode="fast")
    many = Budgeted(extractor) if budgeted else extractor
    workers = [ex.to_dict() for ex in many.extract_many(docs, processes=2, chunk=2)]  # type: ignore[union-attr]
    assert workers == alone
    builders = log.read_text().split() if log.exists() else []
    assert builders == [str(os.getpid())]  # once, in this process, before the workers start


def test_one_process_extracts_no_warm_up_report(fast_extractor: Extractor) -> None:
    doc = read_sample(sorted(SAMPLES.glob("*.txt"))[0].stem)
    results = list(Extractor(fast_extractor.theatre_name, mode="fast").extract_many([doc], processes=2))
    assert [r.document.id for r in results] == [doc.id]  # type: ignore[union-attr]


def test_what_was_kept_from_the_collector_for_the_workers_is_collected_after_them(
        fast_extractor: Extractor) -> None:
    import gc

    docs = [read_sample(p.stem) for p in sorted(SAMPLES.glob("*.txt"))[:4]]
    assert gc.get_freeze_count() == 0
    results = fast_extractor.extract_many(docs, processes=2, chunk=1)
    first = next(results)
    assert gc.get_freeze_count() > 0  # frozen while the workers run (they fork from this state)
    rest = list(results)
    assert gc.get_freeze_count() == 0
    assert [r.document.id for r in [first, *rest]] == [d.id for d in docs]  # type: ignore[union-attr]
    # a consumer that stops early leaves nothing frozen either
    stopped = fast_extractor.extract_many(docs, processes=2, chunk=1)
    next(stopped)
    stopped.close()  # type: ignore[attr-defined]
    assert gc.get_freeze_count() == 0
