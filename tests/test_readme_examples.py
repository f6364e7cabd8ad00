"""Every example command in README.md runs as written, and prints what the README says it prints.

The README's fenced shell blocks are parsed: a block with `$ ` prompts is a session (each `$`
line a command, the lines after it what it prints), a `sh` block or the first block (`make demo`,
`make test`) a list of commands. The commands run in README order in a fresh working folder laid
out as a clone after `make demo`: `.venv`, `khabar/` and `examples/` are the repository's, and
`out/demo` is built once by running `make demo`'s command (`khabar demo --out out/demo`), so the
demo database is a fresh one. Each command must exit 0, and each line the README quotes must be
printed, in order (`...` stands for anything; a line of `...` for any lines), so the counts in
the README are the counts the demo prints.

Not run, each for its reason (NOT_RUN): `make test` (it runs this test), `pip install`, and the
sections whose commands need a PostgreSQL server or a Spark cluster; their khabar commands are
checked against `khabar COMMAND --help` (the command exists and takes every option given).
`khabar serve` runs until stopped: it is started on a free port, its first line checked, its
API asked for /openapi.json, and it is stopped with Ctrl-C (SIGINT).
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent  # the venv's bin, where `khabar` is
DEMO = "khabar demo --out out/demo"  # what `make demo` runs (checked against the Makefile)

# sections whose commands are checked, not run, and why
NOT_RUN_SECTIONS = {
    "For a team: PostgreSQL": "needs a PostgreSQL server at dbhost (tests/pg run khabar on a real one)",
    "For an archive: Spark": "needs an archive, Java and a Spark cluster (tests/batch run spark-extract locally)",
}
NOT_RUN = {"make test": "runs the test suite, this test included", "pip install": "installs packages"}


@dataclass
class Command:
    line: str  # as the README writes it
    expected: list[str] = field(default_factory=list)  # the lines the README says it prints


@dataclass
class Block:
    section: str
    lineno: int
    commands: list[Command]

    @property
    def id(self) -> str:
        return f"README.md:{self.lineno}"


def shell_blocks(text: str) -> list[Block]:
    """Return the README's fenced shell blocks with their commands and quoted output."""
    blocks: list[Block] = []
    section, fence, lang, body, start = "", False, "", [], 0
    for n, line in enumerate(text.splitlines(), 1):
        if not fence and line.startswith("## "):
            section = line[3:].strip()
        if line.startswith("```"):
            if fence:
                block = _block(section, start, lang, body, first=not blocks)
                if block is not None:
                    blocks.append(block)
                fence = False
            else:
                fence, lang, body, start = True, line[3:].strip(), [], n
            continue
        if fence:
            body.append(line)
    return blocks


def _block(section: str, lineno: int, lang: str, body: list[str], first: bool) -> Block | None:
    if lang not in ("", "sh", "shell", "bash", "console"):
        return None
    if any(b.startswith("$ ") for b in body):  # a session
        commands: list[Command] = []
        for b in body:
            if b.startswith("$ "):
                commands.append(Command(b[2:].strip()))
            elif commands and b.strip():
                commands[-1].expected.append(b.rstrip())
        return Block(section, lineno, commands)
    if lang or first:  # commands, one a line, comments after '#'
        lines = [_uncomment(b) for b in body]
        return Block(section, lineno, [Command(c) for c in lines if c])
    return None  # a schema or other text


def _uncomment(line: str) -> str:
    return "" if line.lstrip().startswith("#") else shlex.join(shlex.split(line, comments=True))


def _not_run(block: Block, command: Command) -> str | None:
    if block.section in NOT_RUN_SECTIONS:
        return NOT_RUN_SECTIONS[block.section]
    return next((why for start, why in NOT_RUN.items() if command.line.startswith(start)), None)


BLOCKS = shell_blocks(README.read_text(encoding="utf-8"))


def test_the_readme_begins_with_make_demo_and_make_test() -> None:
    first = BLOCKS[0]
    assert [c.line for c in first.commands] == ["make demo", "make test"]
    assert first.section == ""  # before any section: the first thing a reader sees
    recipe = re.search(r"^demo:.*\n\t(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert recipe is not None and recipe[1] == f"$(BIN)/{DEMO}"


def test_the_readme_has_examples_to_run() -> None:
    ran = [c for b in BLOCKS for c in b.commands if not _not_run(b, c)]
    assert len(ran) >= 8 and sum(bool(c.expected) for c in ran) >= 5


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A working folder laid out as the repository after `make demo` (the demo built in it by the
    first example that needs it)."""
    work = tmp_path_factory.mktemp("readme")
    for name in (".venv", "khabar", "examples"):
        (work / name).symlink_to(ROOT / name)
    yield work


def _env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}
    env["PATH"] = f"{work / '.venv' / 'bin'}{os.pathsep}{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "200"
    return env


_DEMO_RUN: dict[Path, tuple[int, str]] = {}  # the demo is built once: `make demo` again prints the same


def _run(work: Path, line: str) -> tuple[int, str]:
    if line == "make demo" and work in _DEMO_RUN:
        return _DEMO_RUN[work]
    command = DEMO if line == "make demo" else line
    done = subprocess.run(["bash", "-c", command], cwd=work, env=_env(work), capture_output=True,
                          text=True, timeout=600)
    if line == "make demo":
        _DEMO_RUN[work] = done.returncode, done.stdout + done.stderr
    return done.returncode, done.stdout + done.stderr


def _printed(expected: list[str], output: str) -> list[str]:
    """Return the quoted lines not printed (in order; `...` is anything)."""
    lines = output.splitlines()
    at, missing = 0, []
    for want in expected:
        if want.strip() == "...":
            continue
        pattern = re.compile(".*".join(re.escape(p) for p in want.strip().split("...")))
        hit = next((k for k in range(at, len(lines)) if pattern.fullmatch(lines[k].strip())), None)
        if hit is None:
            missing.append(want)
        else:
            at = hit + 1
    return missing


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(work: Path, command: Command) -> tuple[int, str, list[str]]:
    port = _free_port()
    expected = [e.replace(":8000/", f":{port}/") for e in command.expected]
    proc = subprocess.Popen(["bash", "-c", f"exec {command.line} --port {port}"], cwd=work, env=_env(work),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        answered = _answers(f"http://127.0.0.1:{port}/openapi.json", proc)
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        rest, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert answered, f"$ {command.line}: the desk did not answer\n{first}"
    # stopped by Ctrl-C: 130 is the shell's code for it (0 if the server notices first)
    return (0 if proc.returncode in (0, 130) else proc.returncode), first + rest, expected


def _answers(url: str, proc: subprocess.Popen[str], seconds: float = 60) -> bool:
    import time
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return bool(r.status == 200)
        except OSError:
            time.sleep(0.2)
    return False


def _options_exist(work: Path, line: str) -> None:
    words = shlex.split(line, comments=True)
    if not words or words[0] != "khabar" or len(words) < 2:
        return
    code, helptext = _run(work, f"khabar {words[1]} --help")
    assert code == 0, f"{line}: khabar {words[1]} is not a command"
    for w in words[2:]:
        option = w.split("=")[0]
        if option.startswith("--"):
            assert option in helptext, f"{line}: khabar {words[1]} takes no {option}"


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_the_readme_example_runs_as_written(block: Block, workdir: Path) -> None:
    if not all(_not_run(block, c) for c in block.commands):
        code, output = _run(workdir, "make demo")  # once: the demo database every example reads
        assert code == 0, output
    for command in block.commands:
        if _not_run(block, command):
            _options_exist(workdir, command.line)
            continue
        if command.line.startswith("khabar serve"):
            code, output, expected = _serve(workdir, command)
        else:
            code, output = _run(workdir, command.line)
            expected = command.expected
        assert code == 0, f"{block.id}: $ {command.line}\nexit {code}\n{output}"
        missing = _printed(expected, output)
        assert not missing, (f"{block.id}: $ {command.line}\nthe README quotes lines it does not print:\n"
                             + "\n".join(missing) + "\n--- it printed:\n" + output)
