"""视频 (short videos): plays, likes, shares and new followers over time, by series and platform, the top videos,
and plays by days since publishing. County level unless the views carry a township."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from fraudfree import queries
from fraudfree.filters import Filters

MEASURES = ("plays", "likes", "shares", "new_followers")
TOP_VIDEOS = 20


@dataclass(frozen=True)
class Videos:
    monthly: pd.DataFrame  # month, platform, plays, likes, shares, comments, new_followers
    videos: pd.DataFrame  # per video viewed or published in the period: queries/videos_by_video.sql
    by_age: pd.DataFrame  # days since publishing, plays (sum over videos), videos, median_plays
    # True when some views in the period carry a township: then the township filter applies to those views.
    township_level: bool

    @property
    def published(self) -> int:
        """Videos published in the period."""
        return int(self.videos["published_in_period"].sum())

    def total(self, measure: str) -> int:
        return int(self.monthly[measure].sum())

    def by_series(self, measure: str) -> pd.DataFrame:
        """Per series and platform: videos viewed in the period and `measure`, largest series first."""
        viewed = self.videos[self.videos["plays"] > 0]
        table = (
            viewed.groupby(["series", "platform"], dropna=False, as_index=False)
            .agg(videos=("video_id", "size"), **{m: (m, "sum") for m in MEASURES})
            .astype({m: "int64" for m in MEASURES})
        )
        order = table.groupby("series", dropna=False)[measure].transform("sum")
        return table.assign(order=order).sort_values(["order", measure], ascending=False).drop(columns="order")

    def top(self, measure: str, count: int = TOP_VIDEOS) -> pd.DataFrame:
        """The `count` videos with most `measure` in the period, title first."""
        viewed = self.videos[self.videos[measure] > 0]
        columns = ["title", "series", "platform", "published", *MEASURES, "comments", "video_id"]
        return viewed.nlargest(count, measure, keep="first")[columns].reset_index(drop=True)


def load(path, filters: Filters) -> Videos:
    """Everything the 视频 page draws for the filters (fraud types do not apply to videos)."""
    params = filters.params()
    monthly = queries.run("videos_monthly", path, **params)
    return Videos(
        monthly=monthly.drop(columns="township_views"),
        videos=queries.run("videos_by_video", path, **params),
        by_age=queries.run("videos_by_age", path, **params),
        township_level=bool(monthly["township_views"].sum() > 0),
    )
