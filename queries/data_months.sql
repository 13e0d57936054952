-- The first and last month that holds any cases, activities or registrations: the default period.
-- Params: none.
-- Each table's own bounds first (activities are truncated to months after min/max, not row by row: 10 M rows).
with bounds as (
    select min(month) as first_month, max(month) as last_month from cases
    union all
    select date_trunc('month', min(date))::date, date_trunc('month', max(date))::date from activities
    union all
    select min(month), max(month) from app_registrations
)
select min(first_month) as first_month, max(last_month) as last_month
from bounds
