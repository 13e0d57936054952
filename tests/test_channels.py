"""渠道与阵地: breakdowns by method, channel and partner, reach for the effort, venues in service; and the page."""

import datetime as dt
import math

import pandas as pd
import pytest

from fraudfree import charts, queries
from fraudfree.analytics import channels
from fraudfree.filters import Filters
from tests.page_app import HEGUAN, WANGFEN, WANGFU, YIDU, county_with, metrics, open_page, texts

D = dt.date
YEAR_2021 = Filters(D(2021, 1, 1), D(2021, 12, 1))


def activity(day, township, method, reach, staff, channel=None, partner=None, **counts):
    return {"date": day, "township_code": township, "method": method, "reach": reach, "staff": staff,
            "channel": channel, "partner": partner, **counts}  # fmt: skip


ACTIVITIES = [
    activity(D(2021, 3, 5), WANGFU, "入户走访", 100, 2, "面对面", "卫健", households=30, materials=10, app_signups=5),
    activity(D(2021, 3, 20), WANGFU, "入户走访", 60, 2, "面对面", "公安", households=20, app_signups=0),
    activity(D(2021, 4, 2), YIDU, "线上推送", 1000, 1, "微信群", "公安"),
    activity(D(2021, 4, 10), WANGFEN, "阵地展示", 300, 1, "LED屏", "银行", venue_id="V1"),
    activity(D(2021, 5, 11), WANGFEN, "阵地展示", 200, 1, "LED屏", "银行", venue_id="V1"),
    activity(D(2021, 6, 1), YIDU, "集中宣讲", 80, 4),  # channel and partner left blank
    activity(D(2022, 1, 10), WANGFEN, "阵地展示", 50, 1, "LED屏", "公安", venue_id="V2"),
]
VENUES = [
    {"venue_id": "V1", "name": "农商银行王坟网点", "venue_type": "银行网点", "township_code": WANGFEN,
     "lon": 118.35, "lat": 36.58, "screens": 2, "start_date": D(2020, 1, 1)},
    {"venue_id": "V2", "name": "出租车顶灯屏1号车", "venue_type": "出租车LED", "township_code": WANGFEN,
     "lon": 118.36, "lat": 36.59, "screens": 1, "start_date": D(2022, 1, 1)},  # in service only from 2022
    {"venue_id": "V3", "name": "益都学校", "venue_type": "学校", "township_code": YIDU},  # no coordinates, no dates
    {"venue_id": "V4", "name": "王府路口大屏", "venue_type": "交通路口", "township_code": WANGFU,
     "lon": 118.48, "lat": 36.70, "end_date": D(2020, 6, 30)},  # out of service before 2021
]  # fmt: skip


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    path = tmp_path_factory.mktemp("channels") / "county.duckdb"
    return county_with(path, {"activities": ACTIVITIES, "venues": VENUES})


def test_methods_are_ranked_by_people_reached_for_one_activity(county):
    effort = channels.load(county, YEAR_2021).effort.set_index("method")
    assert list(effort.index) == ["线上推送", "阵地展示", "入户走访", "集中宣讲"]
    assert effort.loc["阵地展示", "reach_per_activity"] == 250
    home_visits = effort.loc["入户走访"]
    assert home_visits["reach_per_activity"] == 80
    assert home_visits["reach_per_staff"] == 40  # 160 people for 4 staff
    assert home_visits["signups_per_1k_reached"] == pytest.approx(5 / 160 * 1000)
    assert math.isnan(effort.loc["线上推送", "signups_per_1k_reached"]), "no sign-ups recorded is not zero sign-ups"


def test_each_breakdown_adds_up_to_the_period_total_and_keeps_blanks(county):
    data = channels.load(county, YEAR_2021)
    assert (data.activities, data.reach) == (6, 1740)
    for dimension in channels.DIMENSIONS:
        assert data.by_month(dimension)["reach"].sum() == 1740
    by_partner = data.by_month("partner")
    assert by_partner[by_partner["value"].isna()]["reach"].tolist() == [80]
    by_channel = data.by_month("channel")
    april = by_channel[by_channel["month"] == pd.Timestamp(2021, 4, 1)].set_index("value")["reach"]
    assert april.to_dict() == {"LED屏": 300, "微信群": 1000}


def test_the_township_filter_narrows_activities_and_venues(county):
    data = channels.load(county, Filters(YEAR_2021.start, YEAR_2021.end, (WANGFEN,)))
    assert (data.activities, data.reach, data.venue_count) == (2, 500, 1)


def test_venues_in_service_in_the_period_carry_the_activities_held_at_them(county):
    data = channels.load(county, YEAR_2021)
    assert data.venue_count == 2, "V2 opened in 2022 and V4 closed in 2020"
    venues = data.venues.set_index("venue_id")
    assert venues.loc["V1", ["activities", "reach"]].tolist() == [2, 500]
    assert venues.loc["V3", "activities"] == 0 and math.isnan(venues.loc["V3", "lon"])
    types = data.venue_types.set_index("venue_type")
    assert types.loc["银行网点"].to_dict() == {
        "venues": 1, "located": 1, "screens": 2, "active_venues": 1, "activities": 2, "reach": 500
    }  # fmt: skip
    assert types.loc["学校", ["venues", "located", "active_venues"]].tolist() == [1, 0, 0]


def test_too_many_venues_for_the_map_leave_only_the_summary_by_type(county):
    data = channels.load(county, YEAR_2021, max_venue_points=1)
    assert data.venues is None
    assert data.venue_types["venues"].sum() == 2


def test_the_venue_map_is_points_by_type_over_plain_outlines_without_map_tiles(county):
    data = channels.load(county, YEAR_2021)
    names = queries.run("townships", county).set_index("code")["name_zh"]
    figure = charts.venue_map(queries.run("boundaries", county), names, data.venues)
    assert {trace.type for trace in figure.data} == {"scatter"}, "no geo or mapbox traces: they fetch from a CDN"
    venues = [trace for trace in figure.data if trace.showlegend is not False]
    assert [trace.name for trace in venues] == ["银行网点"], "V3 has no coordinates"
    assert list(venues[0].customdata) == [WANGFEN], "a click selects the venue's township"
    assert figure.data[-1].name == "township", "township names stay on top"


def test_page_shows_known_figures_and_follows_the_township_filter(app_db, county):
    app_db(county)
    app = open_page("channels", period="2021-01:2021-12")
    assert not app.exception
    assert metrics(app) == {"活动场次": "6", "覆盖人次": "1,740", "场均覆盖人次": "290", "在用阵地": "2"}
    assert len(app.get("plotly_chart")) == 3, "trend, reach per activity, venue map"
    one = open_page("channels", period="2021-01:2021-12", t=WANGFEN)
    assert metrics(one)["覆盖人次"] == "500"
    assert "王坟镇" in one.caption[0].value


def test_an_empty_selection_says_so_instead_of_drawing(app_db, county):
    app_db(county)
    app = open_page("channels", period="2021-01:2021-12", t=HEGUAN)
    assert not app.exception
    assert "没有宣传活动记录" in texts(app) and "没有在用的宣传阵地" in texts(app)
    assert not app.get("plotly_chart")


def test_page_on_the_demo_in_english_with_a_fraud_type_set(app_db, demo_db):
    app_db(demo_db)
    app = open_page("channels", period="2021-01:2021-12", t=WANGFEN, ft="刷单返利", lang="en")
    assert not app.exception
    assert app.title[0].value == "Channels & venues"
    assert set(metrics(app)) == {"Activities", "People reached", "Reached per activity", "Venues in service"}
    assert "fraud-type filter does not change this page" in app.caption[0].value
    assert len(app.get("plotly_chart")) == 3
    assert len(app.dataframe) == 2 and len(app.dataframe[1].value) >= 3, "venue types in Wangfen"
    every_type = open_page("channels", period="2021-01:2021-12", t=WANGFEN, lang="en")
    assert metrics(every_type) == metrics(app), "activities have no fraud type"
