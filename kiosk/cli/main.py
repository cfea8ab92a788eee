"""The ``kiosk`` command.

Subcommands live in ``kiosk/cli/cmd_*.py``; each module has ``register(subparsers)`` and is
found automatically. Every failure a person can fix is a :class:`KioskError`, shown as one
line (what is wrong, what to do) with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.core.errors import KioskError
from kiosk.infra.cpu import unsupported_cpu

if TYPE_CHECKING:
    from kiosk.cli.context import CliContext

log = logging.getLogger(__name__)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``only`` (a ``cmd_*`` module's name), just that module's
    commands: enough to parse a command line that names one of them, at a fraction of the cost."""
    return _build_parser(only)[0]


def _build_parser(only: str | None) -> tuple[argparse.ArgumentParser, Collection[str]]:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Classroom face-attendance kiosk. Without a command, starts the kiosk window.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("--database", metavar="URL", help="database URL (default: the local SQLite file)")
    parser.add_argument("--data-dir", metavar="DIR", help="folder for everything the kiosk writes")
    parser.add_argument("--config", metavar="FILE", help="per-user configuration file to read")
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import kiosk.cli as cli_pkg

    for info in sorted(pkgutil.iter_modules(cli_pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_") and only in (None, info.name):
            importlib.import_module(f"kiosk.cli.{info.name}").register(sub)
    return parser, sub.choices


# Command words registered by a module of another name (the rest: ``cmd_`` + the word).
MODULE_OF = {"admin-pin": "cmd_admin", "restore": "cmd_backup", "import-roster": "cmd_enroll"}
_VALUE_OPTIONS = {"--database", "--data-dir", "--config"}
_FLAG_OPTIONS = {"-v", "--verbose"}


def parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser for ``argv``: only the named command's module when the command word is plain
    to see (``kiosk [--data-dir DIR] class list``), else every module (``--help``, no command,
    an unknown word, an abbreviated option), so argparse answers exactly as it always did."""
    words = iter(argv)
    for word in words:
        if word in _VALUE_OPTIONS:
            next(words, None)
        elif word in _FLAG_OPTIONS or word.split("=", 1)[0] in _VALUE_OPTIONS:
            continue
        elif not word.startswith("-"):
            parser, commands = _build_parser(MODULE_OF.get(word, "cmd_" + word.replace("-", "_")))
            if word in commands:
                return parser
            break
        else:
            break
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up time: this module and every ``cmd_*`` module import only what parsing needs
    # (argparse, the pure ``kiosk.core``); settings, the database and the face models are
    # imported by the command that uses them, so `kiosk --help` or `kiosk class list` never
    # load Qt, OpenCV, FAISS or onnxruntime (tests/foundation/test_startup_imports.py checks it).
    if (cpu_problem := unsupported_cpu()) is not None:  # before a library dies on "Illegal instruction"
        return _report(cpu_problem)
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = parser_for(arguments).parse_args(arguments)
    ctx: CliContext | None = None
    try:
        from kiosk.cli.context import CliContext
        from kiosk.infra.config import load_settings
        from kiosk.infra.logging_setup import configure_logging

        settings = load_settings(data_dir=args.data_dir, config_file=args.config, database_url=args.database)
        configure_logging(settings, verbose=args.verbose)
        ctx = CliContext(settings)
        handler = getattr(args, "handler", None)
        with _kiosk_lock(args, settings.data_dir):
            if handler is None:
                from kiosk.cli.cmd_gui import start_gui

                return start_gui(args, ctx)
            return int(handler(args, ctx))
    except KioskError as exc:
        return _report(exc)
    except BrokenPipeError:
        # The reader went away (`kiosk student list | head -1`): stop quietly, as Unix tools do.
        # Python would flush stdout again at exit and complain; point it at /dev/null first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141  # 128 + SIGPIPE, what a shell reports for a tool stopped this way
    except Exception as exc:
        # The database failed mid-command (connection lost, server restarted): one plain line.
        from kiosk.app.errors import explain_database_failure

        failure = explain_database_failure(exc, ctx.settings.database_url if ctx is not None else None)
        if failure is None:
            raise
        return _report(failure)
    except KeyboardInterrupt:
        sys.stderr.write("kiosk: interrupted.\n")
        return 130
    finally:
        if ctx is not None:
            ctx.close()


# Commands that run a kiosk (the window, a session): one per data folder, or two would share
# one outbox and cache. Read-only and admin commands run beside a kiosk.
_KIOSK_COMMANDS = {None: "the kiosk window", "gui": "the kiosk window", "run": "kiosk run"}


def _kiosk_lock(args: argparse.Namespace, data_dir: Path) -> AbstractContextManager[object]:
    from kiosk.infra.instance_lock import DataFolderLock

    what = _KIOSK_COMMANDS.get(args.command, "")
    return DataFolderLock(data_dir, what) if what else nullcontext()


def _report(exc: KioskError) -> int:
    log.info("Command failed: %s", exc.message)
    sys.stderr.write(f"kiosk: {exc.message}" + (f" {exc.hint}" if exc.hint else "") + "\n")
    return exc.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
