"""khabar's command line: `khabar ingest`, `extract`, `control`, `map`, `demo`...

Each command's module is imported only when that command runs (or when `khabar --help` lists them
all), so a command pays for its own imports and no other's: `khabar control` never loads the
extraction pipeline, `khabar extract` never loads the store's baseline code.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
import warnings
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_group_from_info
from typer.models import CommandInfo, TyperInfo

from khabar import __version__

warnings.filterwarnings("ignore", message=r".*\[W036\].*")

# command name -> (module, attribute): a command function; the order `khabar --help` lists them in.
COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": ("khabar.cli.ingest_cmd", "ingest"),
    "extract": ("khabar.cli.extract_cmd", "extract"),
    "control": ("khabar.cli.control_cmd", "control"),
    "map": ("khabar.cli.map_cmd", "map_"),
    "district": ("khabar.cli.district_cmd", "district"),
    "explain": ("khabar.cli.explain_cmd", "explain"),
    "timeline": ("khabar.cli.timeline_cmd", "timeline"),
    "demo": ("khabar.cli.demo_cmd", "demo"),
    "eval": ("khabar.cli.eval_cmd", "eval_"),
    "review": ("khabar.cli.review_cmd", "review"),
    "claims": ("khabar.cli.claims_cmd", "claims"),
    "serve": ("khabar.cli.serve_cmd", "serve"),
    "watch": ("khabar.cli.watch_cmd", "watch"),
    "bench": ("khabar.cli.bench_cmd", "bench"),
    "theatres": ("khabar.cli.theatres_cmd", "theatres"),
    "spark-extract": ("khabar.cli.spark_cmd", "spark_extract"),
    "load": ("khabar.cli.load_cmd", "load"),
    "export": ("khabar.cli.export_cmd", "export"),
}
# command name -> (module, attribute): a typer.Typer of subcommands, listed after the commands.
GROUPS: dict[str, tuple[str, str]] = {
    "baseline": ("khabar.cli.baseline_cmd", "app"),
}


class _NotLoaded(TyperCommand):
    """Stands in for a command whose module is not imported yet."""


def _not_loaded() -> None:
    """(loaded when called)"""


class LazyGroup(TyperGroup):
    """khabar's top-level group: imports a command's module the first time the command is asked for."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for name in GROUPS:
            self.commands.setdefault(name, _NotLoaded(name=name))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = self.commands.get(cmd_name)
        if isinstance(command, _NotLoaded):
            command = self.commands[cmd_name] = load_command(cmd_name)
        return command


class _DeferredSpacyCli(types.ModuleType):
    """Stands in for spaCy's command line until something asks for it: then the real one is imported."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system's and inspect's probes (__file__, __loader__...)
            raise AttributeError(name)
        if self.__name__ == "spacy.cli.info" and name == "info":
            # spaCy's __init__ runs `from .cli.info import info`: the stand-ins join the package
            if "spacy" in sys.modules and "cli" not in vars(sys.modules["spacy"]):
                vars(sys.modules["spacy"])["cli"] = sys.modules.get("spacy.cli")
            return _spacy_info
        return getattr(_real_spacy_cli(self.__name__), name)

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType):
            return  # `import spacy.cli.download`: spacy.cli.download is then the real package's (a function)
        super().__setattr__(name, value)


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """spacy.info, imported when called."""
    real: Callable[..., Any] = _real_spacy_cli("spacy.cli.info").info
    return real(*args, **kwargs)


def _real_spacy_cli(name: str) -> types.ModuleType:
    for stand_in in ("spacy.cli.info", "spacy.cli"):
        if isinstance(sys.modules.get(stand_in), _DeferredSpacyCli):
            del sys.modules[stand_in]
    vars(sys.modules["spacy"])["cli"] = importlib.import_module("spacy.cli")
    return importlib.import_module(name)


def defer_spacy_cli() -> None:
    """spaCy's own __init__ imports spacy.cli (its whole command line: typer app, weasel and every
    subcommand, 0.15-0.2 s of CPU) for one function, spacy.info; khabar never calls it. Before spaCy
    is first imported, put stand-ins for spacy.cli and spacy.cli.info in its place: asking either for
    anything (spacy.info(), spacy.cli.download, `import spacy.cli.x`) imports the real package."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return
    cli_path = [f"{p}/cli" for p in spec.submodule_search_locations]
    cli = _DeferredSpacyCli("spacy.cli")
    cli.__path__ = cli_path  # `import spacy.cli.download` finds the real submodule
    cli.__spec__ = importlib.util.spec_from_file_location("spacy.cli", f"{cli_path[0]}/__init__.py",
                                                          submodule_search_locations=cli_path)
    sys.modules["spacy.cli"] = cli
    sys.modules["spacy.cli.info"] = _DeferredSpacyCli("spacy.cli.info")


def load_command(name: str) -> Any:
    """The click command for `khabar NAME`, built from its module as typer would have built it."""
    defer_spacy_cli()
    module, attribute = COMMANDS[name] if name in COMMANDS else GROUPS[name]
    target = getattr(importlib.import_module(module), attribute)
    if isinstance(target, typer.Typer):
        return get_group_from_info(TyperInfo(target, name=name),
                                   pretty_exceptions_short=app.pretty_exceptions_short,
                                   suggest_commands=app.suggest_commands,
                                   rich_markup_mode=app.rich_markup_mode)
    return get_command_from_info(CommandInfo(name=name, callback=target),
                                 pretty_exceptions_short=app.pretty_exceptions_short,
                                 rich_markup_mode=app.rich_markup_mode)


app = typer.Typer(name="khabar", cls=LazyGroup, no_args_is_help=True, add_completion=False,
                  help="Compile press reports into an evidence-backed record of a conflict: who "
                       "controls which district on which day, who met whom, who claimed what.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"khabar {__version__}")
        raise typer.Exit()


@app.callback()
def main(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
         version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version.")] = False) -> None:
    """Compile press reports into an evidence-backed record of a conflict."""
    from khabar.cli.common import STATE

    STATE["debug"] = debug


for _name in COMMANDS:
    app.command(_name, cls=_NotLoaded)(_not_loaded)

if __name__ == "__main__":
    app()
