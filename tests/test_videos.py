"""视频: plays and engagement over time, by series and platform, top videos, plays by days since publishing, and the
township rule (county level unless the views carry a township); and the page."""

import datetime as dt

import pytest

from fraudfree.analytics import videos
from fraudfree.filters import Filters
from tests.page_app import FILTER_BAR_MONTHS, WANGFEN, YIDU, county_with, metrics, open_page, texts

D = dt.date
YEAR_2021 = Filters(D(2021, 1, 1), D(2021, 12, 1))
YEAR_2022 = Filters(D(2022, 1, 1), D(2022, 12, 1))

VIDEOS = [
    {
        "video_id": "A",
        "title": "一分钟反诈｜刷单返利",
        "series": "一分钟反诈",
        "platform": "抖音",
        "published": D(2021, 3, 1),
    },
    {
        "video_id": "B",
        "title": "以案说法｜冒充客服",
        "series": "以案说法",
        "platform": "视频号",
        "published": D(2021, 3, 2),
    },
    {"video_id": "C", "title": "新年提醒", "series": None, "platform": "快手", "published": D(2020, 12, 30)},
]


def views(day, video, plays, township=None, likes=0, shares=0, new_followers=0):
    return {"date": day, "video_id": video, "plays": plays, "likes": likes, "shares": shares,
            "new_followers": new_followers, "township_code": township}  # fmt: skip


VIEWS = [
    views(D(2021, 3, 1), "A", 100, likes=10, shares=2, new_followers=1),
    views(D(2021, 3, 2), "A", 50, likes=4),
    views(D(2021, 3, 3), "A", 10),
    views(D(2021, 3, 2), "B", 40, likes=8),
    views(D(2021, 3, 3), "B", 20),
    views(D(2021, 1, 1), "C", 5),  # two days after publishing
    views(D(2021, 3, 5), "X", 7),  # a video missing from the video list
    # In 2022 the platform reported views by township.
    views(D(2022, 2, 1), "A", 30, WANGFEN),
    views(D(2022, 2, 1), "A", 20, YIDU),
]


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    path = tmp_path_factory.mktemp("videos") / "county.duckdb"
    return county_with(path, {"videos": VIDEOS, "video_views": VIEWS, "cases": FILTER_BAR_MONTHS})


def test_totals_count_views_in_the_period_and_videos_published_in_it(county):
    data = videos.load(county, YEAR_2021)
    assert data.total("plays") == 232 and data.total("likes") == 22 and data.total("new_followers") == 1
    assert data.published == 2
    assert not data.township_level


def test_plays_by_days_since_publishing_sum_over_videos_with_a_median(county):
    by_age = videos.load(county, YEAR_2021).by_age
    assert by_age["days"].tolist() == [0, 1, 2]
    assert by_age["plays"].tolist() == [140, 70, 15], "day 2: A's 10 and C's 5; X has no publishing date"
    assert by_age["videos"].tolist() == [2, 2, 2]
    assert by_age["median_plays"].tolist() == [70, 35, 7.5]


def test_series_and_platforms_and_the_top_videos(county):
    data = videos.load(county, YEAR_2021)
    by_series = data.by_series("plays")
    assert by_series["series"].tolist()[:2] == ["一分钟反诈", "以案说法"]
    assert by_series.set_index("series").loc["一分钟反诈", "plays"] == 160
    unnamed = by_series[by_series["series"].isna()]
    assert sorted(unnamed["plays"]) == [5, 7], "C has no series; X is not in the video list"
    assert data.top("likes")["video_id"].tolist() == ["A", "B"]


def test_views_that_carry_a_township_follow_the_township_filter(county):
    everywhere = videos.load(county, YEAR_2022)
    assert everywhere.township_level and everywhere.total("plays") == 50
    wangfen = videos.load(county, Filters(YEAR_2022.start, YEAR_2022.end, (WANGFEN,)))
    assert wangfen.total("plays") == 30
    county_level = videos.load(county, Filters(YEAR_2021.start, YEAR_2021.end, (WANGFEN,)))
    assert county_level.total("plays") == 232, "views without a township count for any selection"


def test_page_says_which_level_the_figures_are_at(app_db, county):
    app_db(county)
    app = open_page("videos", period="2021-01:2021-12", t=WANGFEN)
    assert not app.exception
    assert metrics(app)["播放量"] == "232" and metrics(app)["本时段发布视频"] == "2"
    assert "县级账号合计，不随乡镇街道筛选变化" in app.caption[0].value
    assert len(app.get("plotly_chart")) == 3, "monthly by platform, series, days since publishing"
    assert app.dataframe[0].value.iloc[0, 0] == "一分钟反诈｜刷单返利", "the top video first, by its title"
    township_level = open_page("videos", period="2022-01:2022-12", t=WANGFEN)
    assert metrics(township_level)["播放量"] == "30"
    assert "按所选乡镇街道统计" in township_level.caption[0].value


def test_an_empty_period_says_so(app_db, county):
    app_db(county)
    app = open_page("videos", period="2020-01:2020-06")
    assert not app.exception
    assert "没有视频播放记录" in texts(app)
    assert not app.get("plotly_chart")


def test_page_on_the_demo_in_english_with_filters_set(app_db, demo_db):
    app_db(demo_db)
    app = open_page("videos", period="2021-01:2021-12", t=WANGFEN, ft="刷单返利", lang="en")
    assert not app.exception
    assert app.title[0].value == "Videos"
    assert "county account's totals" in app.caption[0].value
    assert "fraud-type filter does not change this page" in app.caption[0].value
    assert len(app.get("plotly_chart")) == 3
    assert len(app.dataframe[0].value) == videos.TOP_VIDEOS
    assert set(app.dataframe[0].value["Platform"]) <= {"Douyin", "WeChat Channels", "Kuaishou", "Weibo", "Other"}
