"""覆盖与发案: lagged reach, quadrants, funnel positions and the rate table, on hand-made data with known answers."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from fraudfree import db, metrics
from fraudfree.analytics import reach_cases
from fraudfree.county import init_area
from fraudfree.filters import Filters
from fraudfree.rates import township_rates

D = dt.date
# 95,000, 120,000, 105,000 and 35,000 residents at init; the county has 960,882.
WANGFU, YIDU, YUNMENSHAN, WANGFEN = "370781001", "370781002", "370781006", "370781101"
YEAR_2021 = Filters(D(2021, 1, 1), D(2021, 12, 1))


def months(first: dt.date, count: int) -> list[dt.date]:
    return [reach_cases.add_months(first, i) for i in range(count)]


def one_township(**columns) -> pd.DataFrame:
    """A monthly frame as queries/reach_cases_monthly.sql returns it: one township, July 2020 to March 2021."""
    frame = pd.DataFrame({"code": "A", "month": months(D(2020, 7, 1), 9), "population": 10_000, "households": 4_000})
    for column in ("cases", "loss_yuan", *reach_cases.FLOWS, *reach_cases.LEVELS):
        frame[column] = columns.get(column, 0.0)
    return frame


@pytest.mark.parametrize(("lag", "expected"), [(1, 6 + 7 + 8), (3, 5 + 6 + 7), (6, 3.5 + 4.5 + 5.5)])
def test_reach_before_each_month_is_averaged_over_the_lag_and_summed_over_the_period(lag, expected):
    # Reach 1 … 6 from July to December 2020, then 7, 8, 9 in the period January–March 2021.
    frame = one_township(reach=[1, 2, 3, 4, 5, 6, 7, 8, 9], cases=[9, 9, 9, 9, 9, 9, 1, 2, 3])
    totals = reach_cases.lagged_totals(frame, D(2021, 1, 1), lag)
    assert totals.loc[0, "reach"] == pytest.approx(expected)
    assert totals.loc[0, "cases"] == 6  # cases are the period's own, never lagged


def test_registrations_are_averaged_over_the_months_reported_and_missing_before_the_first_report():
    registered = [np.nan, np.nan, np.nan, np.nan, 100, 200, 300, 400, 500]
    totals = reach_cases.lagged_totals(one_township(app_registered=registered), D(2021, 1, 1), 3)
    # Windows: (Oct–Dec) → 150, (Nov–Jan) → 200, (Dec–Feb) → 300; averaged over the three months of the period.
    assert totals.loc[0, "app_registered"] == pytest.approx((150 + 200 + 300) / 3)
    never = reach_cases.lagged_totals(one_township(app_registered=np.nan), D(2021, 1, 1), 3)
    assert np.isnan(never.loc[0, "app_registered"])


def test_quadrants_are_named_by_the_side_of_the_county_values_and_on_the_line_counts_as_low():
    names = reach_cases.quadrants([90, 90, 10, 10, 50, np.nan], [1, 9, 1, 9, 5, 5], 50, 5).tolist()
    assert names == ["consolidate", "investigate", "watch", "priority", "watch", None]


def test_funnel_positions_flag_rates_outside_the_exact_limits():
    county_rate = 8.0  # per 10,000: 40 cases expected in 50,000 residents
    population = [50_000] * 5 + [np.nan]
    cases = np.array([40, 53, 62, 26, 20, 3])  # limits: 27.6–52.4 cases (95 %), 21.4–60.5 (99.8 %)
    positions = reach_cases.funnel_positions(metrics.rate_per_10k(cases, population), population, county_rate)
    assert positions.tolist() == ["within", "above_95", "above_998", "below_95", "below_998", None]


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """青州市 with 2020 populations from init, and a few known cases, activities, registrations and venues."""
    path = tmp_path_factory.mktemp("reach") / "county.duckdb"
    con = db.open_db(path)
    init_area(con, "370781")

    def insert(cur, kind, rows):
        batch = db.new_batch(cur, "import", [kind], {kind: len(rows)})
        db.insert_frame(cur, f"{kind}_versions", pd.DataFrame(rows).assign(batch_id=batch))

    with db.transaction(con) as cur:
        insert(
            cur,
            "cases",
            [
                {
                    "month": D(2021, 1, 1),
                    "township_code": WANGFU,
                    "fraud_type": "刷单返利",
                    "cases": 10,
                    "loss_yuan": 5e4,
                },
                {"month": D(2021, 6, 1), "township_code": WANGFU, "fraud_type": "冒充公检法", "cases": 9},
                {"month": D(2021, 3, 1), "township_code": YIDU, "fraud_type": "刷单返利", "cases": 6},
                {"month": D(2021, 3, 1), "township_code": WANGFEN, "fraud_type": "刷单返利", "cases": 14},
                {"month": D(2020, 12, 1), "township_code": WANGFEN, "fraud_type": "刷单返利", "cases": 50},
            ],
        )
        insert(
            cur,
            "activities",
            [
                {"date": D(2020, 12, 15), "township_code": WANGFEN, "method": "入户走访", "reach": 3_000,
                 "households": 800, "materials": 3_500},
                {"date": D(2020, 12, 1), "township_code": YUNMENSHAN, "method": "进校园", "reach": 1_000},
                {"date": D(2021, 12, 20), "township_code": WANGFEN, "method": "入户走访", "reach": 7_000,
                 "households": 1_000, "materials": 700},
            ],
        )  # fmt: skip
        insert(
            cur,
            "app_registrations",
            [
                {"month": D(2020, 11, 1), "township_code": YIDU, "app": "国家反诈APP", "registered": 60_000},
                {"month": D(2021, 6, 1), "township_code": YIDU, "app": "国家反诈APP", "registered": 72_000},
                {"month": D(2021, 6, 1), "township_code": YIDU, "app": "其他", "registered": 1_000_000},
            ],
        )
        insert(
            cur,
            "venues",
            [
                {"venue_id": "V1", "name": "网点", "venue_type": "银行网点", "township_code": WANGFEN},
                {"venue_id": "V2", "name": "营业厅", "venue_type": "通信营业厅", "township_code": WANGFEN,
                 "start_date": D(2021, 3, 10), "end_date": D(2021, 8, 31)},
                {"venue_id": "V3", "name": "路口", "venue_type": "交通路口", "township_code": WANGFEN,
                 "end_date": D(2019, 5, 1)},
            ],
        )  # fmt: skip
    con.close()
    return path


def by_month(rows: pd.DataFrame, code: str) -> pd.DataFrame:
    chosen = rows[rows["code"] == code]
    return chosen.set_index(pd.to_datetime(chosen["month"]).dt.date)


def test_monthly_query_counts_venues_in_use_and_carries_registrations_forward(county):
    from fraudfree import queries

    rows = queries.run("reach_cases_monthly", county, history_start=D(2020, 10, 1), end=D(2021, 12, 1), fraud_types=[])
    assert len(rows) == 13 * 15  # every township in every month
    wangfen = by_month(rows, WANGFEN)
    venues = wangfen["venues"]
    assert venues[D(2021, 2, 1)] == 1 and venues[D(2021, 3, 1)] == 2 and venues[D(2021, 8, 1)] == 2
    assert venues[D(2021, 9, 1)] == 1  # V2 closed at the end of August; V3 closed before the window
    yidu = by_month(rows, YIDU)["app_registered"]
    assert pd.isna(yidu[D(2020, 10, 1)]) and yidu[D(2021, 5, 1)] == 60_000 and yidu[D(2021, 7, 1)] == 72_000


def test_fraud_type_filter_restricts_cases_and_losses_but_not_reach(county):
    data = reach_cases.load(county, Filters(D(2021, 1, 1), D(2021, 12, 1), fraud_types=("冒充公检法",)), lag=1)
    figures = data.townships.set_index("code")
    assert figures.loc[WANGFU, "cases"] == 9 and figures.loc[WANGFU, "loss_yuan"] == 0
    assert figures.loc[WANGFEN, "cases"] == 0 and figures.loc[WANGFEN, "reach"] == 3_000


def test_rate_table_shows_the_same_numbers_as_the_rates_command(county):
    data = reach_cases.load(county, YEAR_2021)
    page = data.townships.set_index("code")
    command = township_rates(county, YEAR_2021.start, YEAR_2021.end).townships.set_index("code")
    assert page["cases"].tolist() == command["cases"].tolist()
    for ours, theirs in (
        ("case_rate_per_10k", "rate_per_10k"),
        ("ci_low", "ci_low"),
        ("ci_high", "ci_high"),
        ("eb_case_rate_per_10k", "eb_rate_per_10k"),
    ):
        assert page[ours].to_numpy() == pytest.approx(command[theirs].to_numpy()), ours
    # 19 cases in 95,000 residents: 2.0 per 10,000, exact 95 % interval 11.44–29.67 cases.
    assert page.loc[WANGFU, "case_rate_per_10k"] == pytest.approx(2.0)
    assert page.loc[WANGFU, ["ci_low", "ci_high"]].tolist() == pytest.approx([1.204, 3.123], abs=1e-3)


def test_reach_a_month_before_the_period_counts_against_its_first_month_with_a_one_month_lag(county):
    one = reach_cases.load(county, YEAR_2021, lag=1).townships.set_index("code")
    # December 2020's 3,000 reached count for January 2021; December 2021's 7,000 would count for January 2022.
    assert one.loc[WANGFEN, "reach"] == pytest.approx(3_000)
    assert one.loc[WANGFEN, "reach_per_1k"] == pytest.approx(3_000 / 35)
    assert one.loc[WANGFEN, "materials_per_resident"] == pytest.approx(0.1)
    six = reach_cases.load(county, YEAR_2021, lag=6).townships.set_index("code")
    # With six months, December's reach is a sixth of each window from January to June.
    assert six.loc[WANGFEN, "reach"] == pytest.approx(3_000)
    assert six.loc[WANGFEN, "households_visited"] == pytest.approx(800)


def test_quadrants_compare_each_township_with_the_county_rate_and_reach(county):
    data = reach_cases.load(county, YEAR_2021, lag=1)
    assert data.county["case_rate_per_10k"] == pytest.approx(39 / 96.0882)
    assert data.county["reach_per_1k"] == pytest.approx(4_000 / 960.882)
    quadrant = data.townships.set_index("code")["quadrant"]
    assert quadrant[WANGFEN] == "investigate"  # 85.7 reached per 1,000; 4 cases per 10,000
    assert quadrant[YUNMENSHAN] == "consolidate"  # 9.5 reached per 1,000, no cases
    assert quadrant[WANGFU] == "priority"  # nobody reached, 2 cases per 10,000
    assert quadrant[YIDU] == "priority"  # 0.5 per 10,000 is still above the county's 0.41
    assert (quadrant.drop([WANGFEN, YUNMENSHAN, WANGFU, YIDU]) == "watch").all()


def test_selection_figures_add_up_the_selected_townships(county):
    data = reach_cases.load(county, Filters(YEAR_2021.start, YEAR_2021.end, townships=(WANGFU, YIDU)))
    assert data.selection["cases"] == 25
    assert data.selection["population"] == 215_000
    assert data.selection["case_rate_per_10k"] == pytest.approx(25 / 21.5)
    low, high = metrics.poisson_interval([25])
    assert (data.selection["ci_low"], data.selection["ci_high"]) == pytest.approx((low[0] / 21.5, high[0] / 21.5))
    # The county reference stays the whole county's.
    assert data.county["cases"] == 39


def test_small_multiples_show_the_selected_townships_month_by_month_beside_the_county(county):
    data = reach_cases.load(county, Filters(YEAR_2021.start, YEAR_2021.end, townships=(WANGFU,)))
    panels = data.monthly
    assert set(panels["code"]) == {WANGFU} and len(panels) == 12
    january = panels[pd.to_datetime(panels["month"]).dt.date == D(2021, 1, 1)].iloc[0]
    assert january["case_rate_per_10k"] == pytest.approx(10 / 9.5)
    assert january["county_rate_per_10k"] == pytest.approx(10 / 96.0882)
    assert not data.panels_capped


def test_a_period_with_no_cases_and_no_reach_has_no_data_and_a_lag_before_the_data_is_flagged(county):
    empty = reach_cases.load(county, Filters(D(2020, 1, 1), D(2020, 6, 1)))
    assert not empty.has_data
    assert empty.lag_incomplete  # the data begin in November 2020
    assert reach_cases.load(county, YEAR_2021, lag=1).has_data
    assert not reach_cases.load(county, YEAR_2021, lag=1).lag_incomplete
