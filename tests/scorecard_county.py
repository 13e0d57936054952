"""A small hand-made 青州市 database for the scorecard tests: two years of cases, one of publicity."""

import datetime as dt

import numpy as np
import pandas as pd

from fraudfree import county, db

WANGFEN, WANGFU, YIDU, LAGGARD = "370781101", "370781001", "370781002", "370781007"  # 黄楼街道 lags
MONTHS = [dt.date(y, m, 1) for y in (2021, 2022) for m in range(1, 13)]
D2022 = (dt.date(2022, 1, 1), dt.date(2022, 12, 1))


def insert(cur, kind, rows):
    batch = db.new_batch(cur, "import", [kind], {kind: len(rows)})
    db.insert_frame(cur, f"{kind}_versions", pd.DataFrame(rows).assign(batch_id=batch))


def small_county(path):
    """Cases, registrations, activities, warnings and surveys for 2021–2022. 王坟镇 meets every default
    criterion in 2022; 黄楼街道 has many cases and little publicity; 益都街道 has no survey."""
    con = db.open_db(path)
    county.init_area(con, "370781")
    rng = np.random.default_rng(5)
    people = dict(con.execute("select township_code, population from population").fetchall())
    homes = dict(con.execute("select township_code, households from population").fetchall())
    cases, activities, registrations, warnings, surveys = [], [], [], [], []
    for code, population in people.items():
        rate = {WANGFEN: 0.3, LAGGARD: 3.0}.get(code, 0.8) / 10_000  # cases per resident a month
        for month in MONTHS:
            count = int(rng.poisson(rate * population))
            if code == WANGFEN and month >= dt.date(2022, 4, 1):
                count = 0
            if count:
                cases.append(
                    {
                        "month": month,
                        "township_code": code,
                        "fraud_type": "刷单返利",
                        "cases": count,
                        "loss_yuan": 20_000.0 * count,
                    }
                )
        share = {WANGFEN: 0.85, LAGGARD: 0.3}.get(code, 0.6)
        registrations.append(
            {
                "month": dt.date(2022, 12, 1),
                "township_code": code,
                "app": "国家反诈APP",
                "registered": int(share * population),
            }
        )
        visits = {WANGFEN: 0.95, LAGGARD: 0.1}.get(code, 0.5) * homes[code]
        reach_share = {WANGFEN: 2.0, LAGGARD: 0.1}.get(code, 1.0)
        for i, month in enumerate(MONTHS[12:]):
            activities.append(
                {
                    "date": month + dt.timedelta(days=9),
                    "township_code": code,
                    "community": f"{code[-3:]}村" if i % 2 else None,
                    "method": "入户走访" if i % 3 else "文艺演出",
                    "channel": "面对面",
                    "reach": int(reach_share * population / 12),
                    "households": int(visits / 12) + 1,
                }
            )
        warnings.append(
            {
                "month": dt.date(2022, 6, 1),
                "township_code": code,
                "warnings": 100,
                "dissuaded": 95 if code == WANGFEN else 80,
            }
        )
        if code != YIDU:
            surveys.append(
                {
                    "month": dt.date(2022, 6, 1),
                    "township_code": code,
                    "sampled": 200,
                    "aware": 196 if code == WANGFEN else 170,
                }
            )
    with db.transaction(con) as cur:
        for kind, rows in (
            ("cases", cases),
            ("activities", activities),
            ("app_registrations", registrations),
            ("warnings", warnings),
            ("survey", surveys),
        ):
            insert(cur, kind, rows)
    con.close()
