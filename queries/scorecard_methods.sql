-- Activities and reach per township, publicity method and channel in a period: which ways reach most
-- people per activity.
-- Params: $start (DATE, first month), $end (DATE, first day of the last month, inclusive).
with activities_period as (
    select township_code, method, coalesce(channel, '') as channel, count(*) as activities, sum(reach) as reach
    from activities
    where date between $start::date and last_day($end::date)
    group by all
)
select township_code, method, channel, activities, reach
from activities_period
order by township_code, method, channel
