"""`khabar theatres` and `--theatre`: the installed theatres, a name's unique prefix, a user's folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.errors import TheatreError
from khabar.theatres import loader
from khabar.theatres.loader import DEFAULT_THEATRE, installed, load, resolve

ENV = {"COLUMNS": "300", "KHABAR_THEATRE": None}


def khabar(*args: str | Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [str(a) for a in args], env=ENV)


def test_the_list_names_every_bundled_theatre_with_its_places_and_parties() -> None:
    result = khabar("theatres", "--json")
    assert result.exit_code == 0, result.output
    listed = {t["name"]: t for t in json.loads(result.stdout)}
    assert set(listed) == set(installed()) and len(listed) >= 2
    for name, info in listed.items():
        th = load(name)
        assert "error" not in info
        assert info["districts"] == len(th.districts) and info["provinces"] == len(th.provinces)
        assert info["districts_label"] == th.level("districts") and info["country"] == th.country
        assert [p["id"] for p in info["parties"]] == list(th.party_ids)
        assert info["period"]["start"] == th.config["period"][0]
        assert info["default"] == (name == DEFAULT_THEATRE)
    assert [t["default"] for t in listed.values()].count(True) == 1


def test_the_plain_list_reads_as_text() -> None:
    result = khabar("theatres")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for name in installed():
        th = load(name)
        assert f"{name}{' (default)' if name == DEFAULT_THEATRE else ''}: {th.title}" in out
        assert f"  {len(th.districts)} {th.level('districts')} in {len(th.provinces)} {th.level('provinces')}" in out
        coalitions = [p for p in th.parties.values() if p.members]
        for c in coalitions:
            assert f"[{c.id}] (coalition of {', '.join(c.members)})" in out


def test_a_user_folder_is_listed_by_check_and_used_by_any_command(invented: Path) -> None:
    result = khabar("theatres", "--check", invented)
    assert result.exit_code == 0 and result.stdout.strip() == f"{invented}: no problems found"
    assert load(str(invented)).path == invented.resolve()


@pytest.mark.parametrize("prefix", ["myanmar", "afghanistan", "myan", "afghanistan_2021"])
def test_a_unique_prefix_names_a_bundled_theatre(prefix: str) -> None:
    (name,) = [n for n in installed() if n.startswith(prefix)]
    assert resolve(prefix) == installed()[name]
    assert load(prefix) is load(name)


def test_no_name_is_the_default_theatre() -> None:
    assert resolve(None) == resolve("") == installed()[DEFAULT_THEATRE]


def test_an_ambiguous_or_unknown_name_is_one_line_naming_the_choices(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        invented: Path) -> None:
    for name in ("veloria_2031", "veloria_2032"):
        shutil.copytree(invented, tmp_path / name)
    monkeypatch.setattr(loader, "BUNDLED", tmp_path)
    monkeypatch.chdir(tmp_path.parent)
    assert resolve("veloria_2032") == tmp_path / "veloria_2032"
    with pytest.raises(TheatreError, match=r"^veloria: more than one bundled theatre begins so "
                                           r"\(veloria_2031, veloria_2032\); give more of the name$"):
        resolve("veloria")
    with pytest.raises(TheatreError, match=r"^ruritania: no such theatre; give a bundled name "
                                           r"\(veloria_2031, veloria_2032; see `khabar theatres`\)"):
        resolve("ruritania")


def test_an_unknown_theatre_on_a_command_is_one_error_line(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Rebels took the town on Monday, officials said.\n", encoding="utf-8")
    result = khabar("extract", report, "--published", "2031-03-03", "--theatre", "ruritania", "--pipeline", "fast")
    assert result.exit_code == 1
    assert "ruritania: no such theatre" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("theatre", "written", "meant"), [
    ("myanmar", "Lashio Township", "Lashio"), ("myanmar", "Sittwe township", "Sittwe"),
    ("afghanistan", "Nerkh district", "Nerkh"),
])
def test_a_level_word_after_a_name_is_not_part_of_it(theatre: str, written: str, meant: str) -> None:
    th = load(theatre)
    got = th.resolve_district(written)
    assert got is not None and got.name == meant


def test_a_level_word_after_a_province_is_not_part_of_it() -> None:
    th = load("myanmar")
    assert th.province("Sagaing Region") is th.province("Sagaing") is not None
    assert th.province("Shan State") is not None


def test_the_invented_theatres_level_words_too(invented: Path) -> None:
    th = load(str(invented))
    assert th.resolve_district("Osterlin county").id == "VL02"  # type: ignore[union-attr]
    assert th.province("Northmark region").id == "VLN"  # type: ignore[union-attr]


def test_a_broken_folder_among_the_bundled_ones_is_one_line_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 invented: Path) -> None:
    folder = tmp_path / "veloria_2031"
    shutil.copytree(invented, folder)
    text = (folder / "actors.csv").read_text(encoding="utf-8")
    (folder / "actors.csv").write_text(text.replace("id,name,kind,side", "key,name,kind,side", 1), encoding="utf-8")
    monkeypatch.setattr(loader, "BUNDLED", tmp_path)
    with pytest.raises(TheatreError) as e:
        load("veloria")
    assert str(e.value) == (f"{folder.resolve() / 'actors.csv'}: line 1: no 'id' column; the header line needs "
                            "id,name,side")
    result = khabar("theatres", "--json")
    assert result.exit_code == 0
    (info,) = json.loads(result.stdout)
    assert info["name"] == "veloria_2031" and info["error"] == str(e.value)
