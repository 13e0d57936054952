"""`scorecard [--period START:END] --out FILE.xlsx|.csv`: the 无诈评分, township scores on the first sheet."""

from __future__ import annotations

from pathlib import Path

import duckdb

from fraudfree import app_queue, db, fmt
from fraudfree.cli import emit, period_option
from fraudfree.i18n import t
from fraudfree.refusal import DatabaseUnavailable, Refusal, report
from fraudfree.scorecard import card, export, montecarlo, settings

LANG = "zh"  # the contract's sheet and column names are Chinese


def register(subparsers, common):
    p = subparsers.add_parser("scorecard", parents=[common], help="write the fraud-free scorecard (xlsx or csv)")
    p.add_argument("--period", default=None, help="months START:END, e.g. 2021-01:2021-12; default: last 12 months")
    p.add_argument("--out", required=True, help="output file, .xlsx (a sheet per view) or .csv (township scores)")
    p.set_defaults(run=run)


def run(args) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".csv"):
        message = t("scorecard.cli.bad_out", LANG, path=out)
        emit(args, {"error": message}, message)
        return 2
    if (period := period_option(args)) is None:
        return 2
    start, end = period
    path = db.command_db_path(args.db)
    try:
        if not path.exists():
            raise DatabaseUnavailable("no_database", db=str(path))
        try:
            start, end = card.resolve_period(path, start, end)
            sc = card.build(path, start, end, settings.load(db.connection(path)), LANG)
        except duckdb.IOException as err:
            if not app_queue.lock_conflict(err):
                raise
            raise app_queue.held(path, err) from None  # the page has the same workbook while the app runs
    except Refusal as refusal:
        return report(args, refusal)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        export.write_xlsx(sc, str(out), LANG)
        written = [out]
    else:
        written = export.write_csv(sc, out, LANG)
    tiers = sc.township.areas["tier"].value_counts()
    payload = {
        "out": [str(p) for p in written],
        "period": {"start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}"},
        "townships": len(sc.township.areas),
        "communities": 0 if sc.community is None else len(sc.community.areas),
        "tiers": {tier: int(tiers.get(tier, 0)) for tier in montecarlo.TIERS},
        "certified": sc.township.areas.loc[sc.township.areas["certified"], "name"].tolist(),
    }
    prose = t(
        "scorecard.cli.written",
        LANG,
        period=fmt.month_range(start, end, LANG),
        count=payload["townships"],
        certified=payload["tiers"]["certified"],
        focus=payload["tiers"]["focus"],
        path=out,
    )
    if len(written) > 1:
        prose += "\n" + t("scorecard.cli.communities_written", LANG, path=written[1])
    emit(args, payload, prose)
    return 0
