-- One row per township for a period: population, cases and rate inputs, reach, materials, registrations,
-- volunteer hours, and venues in use in the period's last month.
-- Params: $start (DATE), $end (DATE, first day of the last month, inclusive),
--         $fraud_types (VARCHAR[]; empty = all; restricts the case figures only).
with population_latest as (
    select township_code, population, households
    from population_as_of($end)
),
case_totals as (
    select township_code, sum(cases) as cases, sum(loss_yuan) as loss_yuan, sum(solved) as solved
    from cases
    where month between $start and $end
      and (len($fraud_types::varchar[]) = 0 or list_contains($fraud_types::varchar[], fraud_type))
    group by township_code
),
activity_totals as (
    select township_code, sum(reach) as reach, sum(households) as households_visited, sum(materials) as materials,
           count(*) as activities
    from activities
    where date between $start and last_day($end)
    group by township_code
),
volunteer_totals as (
    select township_code, sum(hours) as volunteer_hours
    from volunteer_hours
    where date between $start and last_day($end)
    group by township_code
),
-- A venue counts when it opened before the last month ended and had not closed before that month began.
venues_in_use as (
    select township_code, count(*) as venues
    from venues
    where (start_date is null or start_date <= last_day($end))
      and (end_date is null or end_date >= $end)
    group by township_code
),
registered_latest as (
    select township_code, arg_max(registered, month) as app_registered
    from app_registrations
    where app = '国家反诈APP' and month <= $end
    group by township_code
)
select t.code, t.name_zh, coalesce(t.name_en, t.name_zh) as name_en, t.kind,
       p.population, p.households,
       coalesce(c.cases, 0) as cases, coalesce(c.loss_yuan, 0) as loss_yuan, coalesce(c.solved, 0) as solved,
       coalesce(a.reach, 0) as reach, coalesce(a.households_visited, 0) as households_visited,
       coalesce(a.materials, 0) as materials, coalesce(a.activities, 0) as activities,
       coalesce(v.volunteer_hours, 0) as volunteer_hours, coalesce(u.venues, 0) as venues, r.app_registered
from townships t
left join population_latest p on p.township_code = t.code
left join case_totals c on c.township_code = t.code
left join activity_totals a on a.township_code = t.code
left join volunteer_totals v on v.township_code = t.code
left join venues_in_use u on u.township_code = t.code
left join registered_latest r on r.township_code = t.code
order by t.code
