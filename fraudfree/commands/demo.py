"""`demo [--scale county|province] [--seed N]`: the synthetic demo database, at data/demo.duckdb unless --db says."""

import argparse

from fraudfree import db, demo
from fraudfree.cli import emit
from fraudfree.i18n import t
from fraudfree.kinds import KINDS


def register(subparsers, common):
    p = subparsers.add_parser(
        "demo", parents=[common], help="build the synthetic demo database (default data/demo.duckdb)"
    )
    p.add_argument("--scale", choices=demo.SCALES, default="county", help="county: 青州市; province: 山东省")
    p.add_argument("--seed", type=_seed, default=demo.DEFAULT_SEED, help=f"random seed (default {demo.DEFAULT_SEED})")
    p.set_defaults(run=run)


def _seed(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"随机种子应为非负整数 / the seed must be a whole number ≥ 0: {text}")
    return int(text)


def run(args) -> int:
    # Not command_db_path: $FRAUDFREE_DB names the real database, which the demo must never replace.
    path = args.db or db.DEMO_DB
    try:
        report = demo.build(path, args.scale, args.seed)
    except demo.NotADemo as err:
        emit(args, {"error": str(err)}, str(err))
        return 1
    counts = "，".join(f"{KINDS[k].zh} {n:,}" for k, n in report["rows"].items() if k in KINDS)
    emit(
        args,
        report,
        t(
            "demo.built",
            scale=t(f"demo.scale_{report['scale']}"),
            seed=report["seed"],
            townships=report["townships"],
            counts=counts,
            seconds=report["seconds"],
            db=report["db"],
        ),
    )
    return 0
