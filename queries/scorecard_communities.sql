-- Activity figures per village or community (村社区) in a period, where the activity records name one.
-- Params: $start (DATE, first month), $end (DATE, first day of the last month, inclusive).
with bounds as (
    select
        $start::date as first_month,
        ($end::date + interval 1 month)::date as after_end,
        date_diff('month', $start::date, $end::date) + 1 as months
),
activities_period as (
    select township_code, trim(community) as community, date, method, reach, households, app_signups
    from activities, bounds
    where date >= first_month and date < after_end and trim(coalesce(community, '')) <> ''
),
per_community as (
    select
        township_code,
        community,
        count(*) as activities,
        sum(reach) as reach,
        sum(coalesce(households, 0)) as households_visited,
        sum(coalesce(app_signups, 0)) as app_signups,
        count(distinct date_trunc('month', date)) as active_months,
        count(distinct method) as methods_used
    from activities_period
    group by all
)
select
    c.township_code || '/' || c.community as code,
    c.community as name,
    c.township_code,
    t.name_zh as township_name,
    t.county_name,
    c.activities, c.reach, c.households_visited, c.app_signups, c.active_months, c.methods_used,
    b.months
from per_community c
cross join bounds b
join townships t on t.code = c.township_code
order by c.township_code, c.community
