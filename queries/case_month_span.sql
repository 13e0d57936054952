-- The first and last month that hold case counts (both null when there are none), to fill open periods.
-- Params: none
select min(month) as first_month, max(month) as last_month
from cases
