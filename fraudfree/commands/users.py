"""`users add|list|set-role|disable|enable|set-password`: local accounts of the web app (data-contract.md)."""

from __future__ import annotations

import getpass
import sys

from fraudfree import app_queue, auth, db
from fraudfree.auth import AccountError
from fraudfree.cli import emit
from fraudfree.refusal import DatabaseUnavailable, Refusal, report


def register(subparsers, common):
    p = subparsers.add_parser("users", parents=[common], help="accounts of the web app and their roles")
    actions = p.add_subparsers(dest="users_action", required=True)
    add = actions.add_parser("add", parents=[common], help="add an account (password typed twice)")
    add.add_argument("name")
    add.add_argument("--role", required=True, help=" | ".join(auth.ROLES))
    add.add_argument("--password-stdin", action="store_true", help="read the password twice, one line each")
    actions.add_parser("list", parents=[common], help="list accounts")
    set_role = actions.add_parser("set-role", parents=[common], help="give an account another role")
    set_role.add_argument("name")
    set_role.add_argument("role", help=" | ".join(auth.ROLES))
    for name, text in (("disable", "disable an account"), ("enable", "enable a disabled account")):
        actions.add_parser(name, parents=[common], help=text).add_argument("name")
    set_password = actions.add_parser("set-password", parents=[common], help="set a new password, lift a lockout")
    set_password.add_argument("name")
    set_password.add_argument("--password-stdin", action="store_true", help="read the password twice, one line each")
    p.set_defaults(run=run)


def read_password(from_stdin: bool) -> tuple[str, str]:
    """The new password, given twice: two lines of standard input, or typed at hidden prompts."""
    if from_stdin:
        lines = sys.stdin.read().splitlines()
        if len(lines) < 2:
            raise AccountError("password_missing")
        return lines[0], lines[1]
    return getpass.getpass("密码 / Password: "), getpass.getpass("再次输入 / Again: ")


def run(args) -> int:
    path = db.command_db_path(args.db)
    try:
        if not path.exists():
            raise DatabaseUnavailable("no_database", db=str(path))
        return ACTIONS[args.users_action](args, path)
    except Refusal as refusal:
        return report(args, refusal)


def _add(args, path) -> int:
    auth.check_account(args.name, args.role)  # before asking for a password
    hashed = auth.password_hash(args.name, *read_password(args.password_stdin))
    user = app_queue.perform(
        path,
        "users_add",
        {
            "name": args.name,
            "role": args.role,
            "password_hash": hashed,
            "actor": auth.cli_actor(),
        },
    )
    emit(
        args,
        {"user": user},
        f"已添加账户 {user['name']}（{user['role']}） / added account {user['name']} ({user['role']})",
    )
    return 0


def _list(args, path) -> int:
    users = app_queue.perform(path, "users_list", {})["users"]
    lines = [
        f"{u['name']}\t{u['role']}\t{'停用/disabled' if u['disabled'] else '启用/enabled'}"
        + (f"\t锁定至/locked until {u['locked_until']}" if u["locked_until"] else "")
        for u in users
    ]
    emit(args, {"users": users}, "\n".join(lines) or "尚无账户 / no accounts")
    return 0


def _set_role(args, path) -> int:
    user = app_queue.perform(path, "users_set_role", {"name": args.name, "role": args.role, "actor": auth.cli_actor()})
    emit(args, {"user": user}, f"{user['name']} → {user['role']}")
    return 0


def _set_disabled(disabled: bool):
    def change(args, path) -> int:
        result = app_queue.perform(
            path, "users_set_disabled", {"name": args.name, "disabled": disabled, "actor": auth.cli_actor()}
        )
        state = "已停用 / disabled" if disabled else "已启用 / enabled"
        emit(args, {"user": result}, f"{args.name}: {state}")
        return 0

    return change


def _set_password(args, path) -> int:
    hashed = auth.password_hash(args.name, *read_password(args.password_stdin))
    app_queue.perform(
        path, "users_set_password", {"name": args.name, "password_hash": hashed, "actor": auth.cli_actor()}
    )
    emit(args, {"user": {"name": args.name}}, f"已重设 {args.name} 的密码 / password of {args.name} set")
    return 0


ACTIONS = {
    "add": _add,
    "list": _list,
    "set-role": _set_role,
    "disable": _set_disabled(True),
    "enable": _set_disabled(False),
    "set-password": _set_password,
}
