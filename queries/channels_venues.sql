-- Publicity venues (阵地) in service at some time in the period, one row each, with the activities held at them.
-- Returns venue_id, name, venue_type, township_code, lon, lat (null when not given), screens, activities (rows
-- in the selected townships naming the venue in the period), reach (their 覆盖人次), busiest first.
-- Params: $start (DATE), $end (DATE), first days of months, both months included;
--         $townships (VARCHAR[]; empty = all townships).
with in_service as (
    select venue_id, name, venue_type, township_code, lon, lat, screens
    from venues
    where (start_date is null or start_date <= last_day($end))
      and (end_date is null or end_date >= $start)
      and case when len($townships::varchar[]) = 0 then true
               else list_contains($townships::varchar[], township_code) end
),
held_at as (
    select venue_id, count(*) as activities, sum(reach) as reach
    from activities
    where venue_id is not null
      and date between $start and last_day($end)
      and case when len($townships::varchar[]) = 0 then true
               else list_contains($townships::varchar[], township_code) end
    group by venue_id
)
select v.venue_id, v.name, v.venue_type, v.township_code, v.lon, v.lat, v.screens,
       coalesce(h.activities, 0) as activities, coalesce(h.reach, 0)::bigint as reach
from in_service v
left join held_at h using (venue_id)
order by activities desc, v.venue_id
