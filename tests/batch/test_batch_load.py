"""`khabar load` of a run's Parquet folder into either store, the partitions of a Spark run, and
the one-line errors when pyspark or Java is missing. No Spark runs here (the folder is written in
this process by `tables.write_folder`); tests/batch/test_spark_extract.py runs the Spark job."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from khabar.batch import tables as T
from khabar.batch.load import load
from khabar.batch.spark import slices
from khabar.errors import InputError, StoreError
from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest
from khabar.records import Extraction
from khabar.store import connect
from khabar.store.meta import bind_theatre, store_theatre
from khabar.store.records import records_of, stats
from khabar.store.spec import KINDS
from khabar.theatres.loader import load as load_theatre

SAMPLES = Path(__file__).resolve().parents[2] / "khabar/theatres/afghanistan_2021/samples/corpus"
KHABAR = Path(sys.executable).parent / "khabar"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor("afghanistan_2021", mode="fast")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    from khabar.ingest import read_inputs

    docs = {d.id: d for d in read_inputs([str(SAMPLES)]) if not isinstance(d, InputError)}
    out = tmp_path_factory.mktemp("run") / "parquet"
    exs = [ex for ex in extractor.extract_many(docs.values()) if isinstance(ex, Extraction)]
    T.write_folder(out, exs, theatre="afghanistan_2021", pipeline="fast")
    return out


def _records(conn: Any) -> dict[str, list[dict[str, Any]]]:
    return {kind: records_of(conn, kind) for kind in KINDS}


def test_load_gives_the_records_ingest_gives_in_either_store(folder: Path, extractor: Extractor,
                                                             make_url: Callable[[], str]) -> None:
    ingested, loaded = connect(make_url()), connect(make_url())
    ingest(ingested, [str(SAMPLES)], extractor, processes=1)
    rep = load(loaded, folder, batch=7)  # several transactions
    assert rep.new == stats(ingested)["documents"] > 50 and rep.known == 0
    assert stats(loaded) == stats(ingested)
    assert _records(loaded) == _records(ingested)
    assert store_theatre(loaded) == "afghanistan_2021"
    again = load(loaded, folder)
    assert (again.new, again.known) == (0, rep.new)
    assert stats(loaded) == stats(ingested)


def test_load_refuses_a_store_of_another_theatre(folder: Path, tmp_path: Path) -> None:
    conn = connect(tmp_path / "other.db")
    bind_theatre(conn, load_theatre("myanmar_2021_24"))
    with pytest.raises(StoreError, match="holds reports of theatre myanmar_2021_24"):
        load(conn, folder)
    assert stats(conn)["documents"] == 0


def test_load_of_a_folder_that_is_no_run_is_one_line(tmp_path: Path) -> None:
    from khabar.cli.main import app

    (tmp_path / "stuff").mkdir()
    res = CliRunner().invoke(app, ["load", str(tmp_path / "stuff"), "--db", str(tmp_path / "k.db")])
    assert res.exit_code == 1
    assert res.stderr.strip().count("\n") == 0 and "not a folder `khabar spark-extract --output` wrote" in res.stderr


@pytest.mark.parametrize("partitions", [1, 3, 8, 5000])
def test_partitions_cover_every_report_once_in_order_and_even(partitions: int) -> None:
    files = [("a.parquet", 1000), ("b.parquet", 82), ("c.parquet", 1)]
    parts = slices(files, partitions)
    assert len(parts) == min(partitions, 1083)
    walked = [(path, row) for p in parts for path, start, n in p.files for row in range(start, start + n)]
    assert walked == [(path, row) for path, n in files for row in range(n)]
    sizes = [sum(n for _, _, n in p.files) for p in parts]
    assert max(sizes) - min(sizes) <= 1
    assert [p.index for p in parts] == list(range(len(parts)))


def test_without_java_spark_extract_is_one_line_naming_the_package(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = str(KHABAR.parent)  # the venv's scripts, no java
    res = subprocess.run([str(KHABAR), "spark-extract", str(SAMPLES), "--output", str(tmp_path / "o")],
                         env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert res.returncode == 1
    assert res.stderr.strip().count("\n") == 0, res.stderr
    assert "needs Java" in res.stderr and "default-jre-headless" in res.stderr


def test_without_pyspark_spark_extract_is_one_line_naming_the_extra(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from khabar.cli.main import app

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyspark" else real(name, *a))
    res = CliRunner().invoke(app, ["spark-extract", str(SAMPLES), "--output", str(tmp_path / "o")])
    assert res.exit_code == 1
    assert res.stderr.strip().count("\n") == 0
    assert "pyspark is not installed" in res.stderr and "khabar[spark]" in res.stderr
    assert not (tmp_path / "o").exists()
