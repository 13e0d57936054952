"""渠道与阵地 (channels and venues): activities and reach by method, channel and partner department over time, what
each method reaches for its effort, and the venues (阵地) in service with the activities held at them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from fraudfree import queries
from fraudfree.filters import Filters
from fraudfree.metrics import ratio

DIMENSIONS = ("method", "channel", "partner")  # columns of activities, each a vocabulary of kinds.py
COUNTS = ("activities", "reach", "staff", "app_signups")
EFFORT_RATIOS = ("reach_per_activity", "reach_per_staff", "signups_per_1k_reached")
# More venues than this make an unreadable map and a slow page: the page asks for a township selection instead.
MAX_VENUE_POINTS = 5_000


@dataclass(frozen=True)
class Channels:
    monthly: pd.DataFrame  # month, method, channel, partner, COUNTS: queries/channels_monthly.sql
    venue_types: pd.DataFrame  # per venue type: venues, located, screens, active_venues, activities, reach
    venues: pd.DataFrame | None  # per venue in service, busiest first; None when more than MAX_VENUE_POINTS
    venue_count: int  # venues in service at some time in the period

    @property
    def activities(self) -> int:
        return int(self.monthly["activities"].sum())

    @property
    def reach(self) -> int:
        return int(self.monthly["reach"].sum())

    @property
    def reach_per_activity(self) -> float:
        return float(ratio(self.reach, self.activities))

    def by_month(self, dimension: str) -> pd.DataFrame:
        """Activities and reach per month and value of `dimension` (None = left blank); months without activities
        have no rows."""
        if dimension not in DIMENSIONS:
            raise ValueError(f"unknown dimension {dimension!r}")
        return (
            self.monthly.assign(value=self.monthly[dimension])
            .groupby(["month", "value"], dropna=False, as_index=False)[["activities", "reach"]]
            .sum()
        )

    @property
    def effort(self) -> pd.DataFrame:
        """Per method, what it reached for the effort: people reached per activity and per staff member, and
        APP sign-ups on the spot per 1,000 people reached; most reach per activity first."""
        # min_count: a count that no activity of the method recorded stays unknown, not 0.
        per_method = self.monthly.groupby("method", dropna=False, as_index=False)[list(COUNTS)].sum(min_count=1)
        per_method["reach_per_activity"] = ratio(per_method["reach"], per_method["activities"])
        per_method["reach_per_staff"] = ratio(per_method["reach"], per_method["staff"])
        per_method["signups_per_1k_reached"] = ratio(per_method["app_signups"], per_method["reach"], 1e3)
        columns = ["method", "activities", "reach", "reach_per_activity", "staff", "reach_per_staff", "app_signups"]
        ranked = per_method.sort_values("reach_per_activity", ascending=False, ignore_index=True)
        return ranked[[*columns, "signups_per_1k_reached"]]


def load(path, filters: Filters, max_venue_points: int = MAX_VENUE_POINTS) -> Channels:
    """Everything the 渠道与阵地 page draws for the filters (fraud types do not apply: activities have none)."""
    params = filters.params()
    monthly = queries.run("channels_monthly", path, **params)
    venue_count = int(queries.run("channels_venue_count", path, **params)["venues"].iloc[0])
    venues = queries.run("channels_venues", path, **params) if venue_count <= max_venue_points else None
    return Channels(
        monthly=monthly,
        venue_types=queries.run("channels_venue_types", path, **params),
        venues=venues,
        venue_count=venue_count,
    )
