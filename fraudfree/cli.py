"""The command line of data-contract.md: `python -m fraudfree COMMAND [--db PATH] [--json] …`."""

from __future__ import annotations

import argparse
import importlib
import json

import duckdb

# One module per command under fraudfree/commands/, each with register(subparsers, common).
COMMANDS = (
    "init", "rates", "demo", "users", "audit", "backup", "restore", "health", "scorecard",
    "import", "batches", "undo", "templates", "summary",
)  # fmt: skip


def common_options() -> argparse.ArgumentParser:
    """--db and --json, accepted before or after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", default=argparse.SUPPRESS, help="database file (default data/fraudfree.duckdb or $FRAUDFREE_DB)"
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print one JSON object")
    return common


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command, or just `only`: a command starts quicker when the others' modules stay unimported."""
    common = common_options()
    main = argparse.ArgumentParser(prog="python -m fraudfree", parents=[common], description="反诈宣传分析看板")
    subparsers = main.add_subparsers(dest="command", required=True)
    for name in COMMANDS if only is None else (only,):
        importlib.import_module(f"fraudfree.commands.{name}").register(subparsers, common)
    return main


def command_named(argv: list[str] | None) -> str | None:
    """The command `argv` asks for, found without importing any command module; None if it names none."""
    peek = argparse.ArgumentParser(add_help=False, parents=[common_options()])
    peek.add_argument("command", nargs="?")
    known, _ = peek.parse_known_args(argv)
    return known.command if known.command in COMMANDS else None


def period_option(args):
    """--period as (start, end) months (either may be None), or None after printing why it is not a period;
    the command then exits 2, as for any usage error."""
    from fraudfree import periods  # only the commands with --period pay for it

    try:
        return periods.parse_period(args.period or ":")
    except ValueError as err:
        emit(args, {"error": str(err)}, str(err))
        return None


def emit(args, payload: dict, prose: str) -> None:
    """Print the JSON object under --json, the prose otherwise."""
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, default=str))
    else:
        print(prose)


def main(argv: list[str] | None = None) -> int:
    args = parser(command_named(argv)).parse_args(argv)
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    try:
        return args.run(args)
    except duckdb.IOException as err:
        # Any command that finds the database held by another process (DuckDB has one writer) says so
        # clearly, naming the file and the holder, instead of a traceback.
        from fraudfree import app_queue, refusal  # only on this path: they bring the account modules

        if not app_queue.lock_conflict(err):
            raise
        return refusal.report(args, app_queue.held(app_queue.locked_file(err) or args.db or "?", err))
