"""Helpers for the page tests: a small 青州市 database with hand-made rows, and a page opened through the router."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from streamlit.testing.v1 import AppTest

from fraudfree import db
from fraudfree.county import init_area

# Populations at init: 95,000, 120,000, 105,000 and 35,000 residents.
WANGFU, YIDU, YUNMENSHAN, WANGFEN = "370781001", "370781002", "370781006", "370781101"
HEGUAN = "370781111"  # left without any record in the hand-made databases
# Cases only set the months the filter bar offers (January 2020 to December 2022).
FILTER_BAR_MONTHS = [
    {"month": dt.date(2020, 1, 1), "township_code": WANGFU, "fraud_type": "刷单返利", "cases": 1},
    {"month": dt.date(2022, 12, 1), "township_code": WANGFU, "fraud_type": "刷单返利", "cases": 1},
]


def county_with(path, rows: dict[str, list[dict]]):
    """青州市 (townships, 2020 populations, schematic boundaries) plus `rows` per kind, one batch per kind."""
    con = db.open_db(path)
    init_area(con, "370781")
    with db.transaction(con) as cur:
        for kind, records in rows.items():
            batch = db.new_batch(cur, "import", [kind], {kind: len(records)})
            db.insert_frame(cur, f"{kind}_versions", pd.DataFrame(records).assign(batch_id=batch))
    con.close()
    return path


def open_page(page: str, **query) -> AppTest:
    """The app (router, filter bar) with `query` in the URL, switched to views/PAGE.py.

    AppTest learns the router's pages on a first run, so the default page runs once before the switch; the
    filters ride in the URL, which the filter bar reads on that first run and keeps."""
    app = AppTest.from_file(str(db.ROOT / "app.py"), default_timeout=60)
    app.query_params.update(query)
    app.run()
    app.switch_page(f"views/{page}.py")
    app.run()
    return app


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def texts(app: AppTest) -> str:
    """Every caption, info, warning and success message on the page, one a line."""
    return "\n".join(e.value for group in (app.caption, app.info, app.warning, app.success) for e in group)
