-- Township by township and month by month, from $history_start (months before the period, for the lag) to $end:
-- the inputs of the reach and case measures. One row for every township and month, zeros where nothing happened.
-- Returns: code, month, population, households (the latest year up to the year of $end, else the earliest year),
--          cases, loss_yuan, reach, households_visited, materials, volunteer_hours,
--          app_registered (国家反诈APP running total at or before the month; null before the first report),
--          venues (venues in use in the month: opened before it ended, not closed before it began).
-- Params: $history_start (DATE), $end (DATE), first days of months, both included;
--         $fraud_types (VARCHAR[]; empty = all; restricts cases and losses only).
with months as (
    select unnest(generate_series($history_start::date, $end::date, interval 1 month))::date as month
),
grid as (
    select townships.code as township_code, months.month
    from townships cross join months
),
population_chosen as (
    select township_code, population, households
    from population_as_of($end)
),
monthly_cases as (
    select township_code, month, sum(cases) as cases, sum(loss_yuan) as loss_yuan
    from cases
    where month between $history_start and $end
      and (len($fraud_types::varchar[]) = 0 or list_contains($fraud_types::varchar[], fraud_type))
    group by all
),
-- Grouped by year and month numbers, made into dates after: cheaper than truncating every row's date.
monthly_activities as (
    select township_code, make_date(year(date), month(date), 1) as month,
           sum(reach) as reach, sum(households) as households_visited, sum(materials) as materials
    from activities
    where date between $history_start and last_day($end)
    group by township_code, year(date), month(date)
),
monthly_hours as (
    select township_code, make_date(year(date), month(date), 1) as month, sum(hours) as volunteer_hours
    from volunteer_hours
    where date between $history_start and last_day($end)
    group by township_code, year(date), month(date)
),
registered as (
    select township_code, month, registered
    from app_registrations
    where app = '国家反诈APP' and month <= $end
),
registered_carried as (
    select grid.township_code, grid.month, registered.registered as app_registered
    from grid asof left join registered
      on grid.township_code = registered.township_code and grid.month >= registered.month
),
-- +1 in the month a venue opens, −1 in the month after it closes; the running sum is the venues in use.
-- Changes before the window count in its first month; a venue that closes before it opens never counts.
venues_dated as (
    select township_code, start_date, end_date
    from venues
    where start_date is null or end_date is null or start_date <= end_date
),
venue_changes as (
    select township_code, date_trunc('month', coalesce(start_date, $history_start))::date as month, 1 as change
    from venues_dated
    where start_date is null or start_date <= last_day($end)
    union all
    select township_code, (date_trunc('month', end_date) + interval 1 month)::date as month, -1 as change
    from venues_dated
    where end_date < $end
),
venue_changes_monthly as (
    select township_code, greatest(month, $history_start)::date as month, sum(change) as change
    from venue_changes
    group by all
),
venues_in_use as (
    select grid.township_code, grid.month,
           sum(coalesce(venue_changes_monthly.change, 0)) over (
               partition by grid.township_code order by grid.month rows unbounded preceding
           ) as venues
    from grid left join venue_changes_monthly using (township_code, month)
)
select grid.township_code as code, grid.month,
       population_chosen.population, population_chosen.households,
       coalesce(monthly_cases.cases, 0) as cases, coalesce(monthly_cases.loss_yuan, 0) as loss_yuan,
       coalesce(monthly_activities.reach, 0) as reach,
       coalesce(monthly_activities.households_visited, 0) as households_visited,
       coalesce(monthly_activities.materials, 0) as materials,
       coalesce(monthly_hours.volunteer_hours, 0) as volunteer_hours,
       registered_carried.app_registered,
       venues_in_use.venues
from grid
left join population_chosen using (township_code)
left join monthly_cases using (township_code, month)
left join monthly_activities using (township_code, month)
left join monthly_hours using (township_code, month)
left join registered_carried using (township_code, month)
left join venues_in_use using (township_code, month)
order by code, grid.month
