"""`init --county CODE`: an empty database for any county, its townships from the national list."""

from fraudfree import county, db
from fraudfree.cli import emit


def register(subparsers, common):
    p = subparsers.add_parser("init", parents=[common], help="set up an empty database for a county")
    p.add_argument("--county", required=True, help="6-digit county code, e.g. 370781")
    p.set_defaults(run=run)


def run(args) -> int:
    path = db.command_db_path(args.db)
    if len(args.county) != 6 or not args.county.isdigit() or county.reference.area_townships(args.county).empty:
        emit(
            args,
            {"error": f"unknown county code {args.county}"},
            f"未知的县级区划代码 / unknown county code: {args.county}",
        )
        return 1
    con = db.open_db(path)
    try:
        report = county.init_area(con, args.county)
    except county.UnknownArea as err:
        emit(args, {"error": str(err)}, str(err))
        return 1
    finally:
        con.close()
    report["db"] = str(path)
    emit(args, report, f"已建立 {report['area_name']}：{report['townships']} 个乡镇街道 → {path}")
    return 0
