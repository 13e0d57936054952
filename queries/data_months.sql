-- The first and last month that holds any cases, activities or registrations: the default period.
-- Params: none.
with months as (
    select month from cases
    union all select date_trunc('month', date)::date from activities
    union all select month from app_registrations
)
select min(month) as first_month, max(month) as last_month
from months
