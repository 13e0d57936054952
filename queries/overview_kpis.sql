-- Headline figures for a period and a set of townships: one row.
-- Params: $start (DATE, first day of the first month), $end (DATE, first day of the last month, inclusive),
--         $townships (VARCHAR[]; empty = all townships),
--         $fraud_types (VARCHAR[]; empty = all; restricts the case figures only).
with selected as (
    select code as township_code from townships
    where len($townships::varchar[]) = 0 or list_contains($townships::varchar[], code)
),
case_totals as (
    select sum(cases) as cases, sum(loss_yuan) as loss_yuan, sum(solved) as solved
    from cases join selected using (township_code)
    where month between $start and $end
      and (len($fraud_types::varchar[]) = 0 or list_contains($fraud_types::varchar[], fraud_type))
),
warning_totals as (
    select sum(warnings) as warnings, sum(dissuaded) as dissuaded, sum(stopped_yuan) as stopped_yuan
    from warnings join selected using (township_code)
    where month between $start and $end
),
activity_totals as (
    select sum(reach) as reach, sum(households) as households_visited, sum(materials) as materials,
           count(*) as activities
    from activities join selected using (township_code)
    where date between $start and last_day($end)
),
volunteer_totals as (
    select sum(hours) as volunteer_hours
    from volunteer_hours join selected using (township_code)
    where date between $start and last_day($end)
),
-- Views without a township are county-wide and count for any selection.
video_totals as (
    select sum(plays) as video_plays
    from video_views
    where date between $start and last_day($end)
      and (township_code is null or township_code in (select township_code from selected))
),
registered_latest as (
    select township_code, arg_max(registered, month) as registered
    from app_registrations join selected using (township_code)
    where app = '国家反诈APP' and month <= $end
    group by township_code
),
population_latest as (
    select township_code, population
    from population_as_of($end) join selected using (township_code)
)
select
    coalesce(c.cases, 0) as cases, coalesce(c.loss_yuan, 0) as loss_yuan, coalesce(c.solved, 0) as solved,
    coalesce(w.warnings, 0) as warnings, coalesce(w.dissuaded, 0) as dissuaded,
    coalesce(w.stopped_yuan, 0) as stopped_yuan,
    coalesce(a.reach, 0) as reach, coalesce(a.households_visited, 0) as households_visited,
    coalesce(a.materials, 0) as materials, coalesce(a.activities, 0) as activities,
    coalesce(v.volunteer_hours, 0) as volunteer_hours, coalesce(vv.video_plays, 0) as video_plays,
    (select sum(registered) from registered_latest) as app_registered,
    (select sum(population) from population_latest) as population
from case_totals c, warning_totals w, activity_totals a, volunteer_totals v, video_totals vv
