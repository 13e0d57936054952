"""志愿者 (volunteers): teams, members, hours and reach by team and township; the townships no team covers and the
teams idle in the period."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from fraudfree import measures, queries
from fraudfree.filters import Filters

TOP_TEAMS = 15  # teams on the page's chart; the table lists them all


@dataclass(frozen=True)
class Volunteers:
    monthly: pd.DataFrame  # month, service_days, volunteers (person-times), hours, reach; every month of the period
    townships: pd.DataFrame  # per selected township: queries/volunteers_townships.sql + volunteer_hours_per_1k
    teams: pd.DataFrame  # per team in scope: queries/volunteers_teams.sql, most hours first

    @property
    def uncovered(self) -> pd.DataFrame:
        """Townships with no team based there and no service there in the period."""
        return self.townships[self.townships["uncovered"]]

    @property
    def idle(self) -> pd.DataFrame:
        """Registered teams with no service anywhere in the period."""
        return self.teams[self.teams["idle"]]

    @property
    def active_teams(self) -> int:
        """Teams that served in the selected townships in the period."""
        return int((self.teams["service_days"] > 0).sum())

    @property
    def registered_teams(self) -> pd.DataFrame:
        return self.teams[self.teams["registered"]]


def load(path, filters: Filters) -> Volunteers:
    """Everything the 志愿者 page draws for the filters (fraud types do not apply to volunteer work)."""
    params = filters.params()
    townships = queries.run("volunteers_townships", path, **params).copy()  # query results are shared: copy first
    per_1k = measures.volunteer_hours_per_1k(townships["hours"], townships["population"])
    townships.insert(townships.columns.get_loc("hours") + 1, "volunteer_hours_per_1k", per_1k)
    return Volunteers(
        monthly=queries.run("volunteers_monthly", path, **params),
        townships=townships,
        teams=queries.run("volunteers_teams", path, **params),
    )
